/* fuzz/fuzz_sb.c: libFuzzer target for the StatsBomb event decoder. The
 * whole input is one event file; decoding ends in success or an error with
 * a location, and on success every event's raw span lies inside the input
 * and starts and ends its JSON object. */
#include "touchline/sb.h"

#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *buf = (const char *)data;
    struct tl_sb_match m;
    struct tl_error err;
    tl_sb_init(&m);
    tl_rc rc = tl_sb_read_events(&m, buf, size, "fuzz.json", &err);
    if (rc == TL_OK) {
        for (size_t i = 0; i < m.n; i++) {
            const struct tl_sb_event *e = &m.ev[i];
            if (e->raw_off + e->raw_len > size || buf[e->raw_off] != '{' ||
                buf[e->raw_off + e->raw_len - 1] != '}')
                abort();
            if (!tl_sb_type_name(e->type) || e->period < 1 || e->period > 5) abort();
            if (e->lineup + e->nlineup > m.nlineups) abort();
        }
    } else if (rc != TL_EPARSE && rc != TL_ELIMIT) {
        abort();
    } else if (err.line < 1 || err.col < 1) {
        abort();
    }
    tl_sb_free(&m);
    return 0;
}
