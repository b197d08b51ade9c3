/* fuzz/fuzz_csv.c: libFuzzer target for the CSV pull reader and the
 * international results reader on top of it. The first byte picks which
 * file kind the rest is read as; every record is pulled until the end or an
 * error, and errors must carry a location inside the input. */
#include "touchline/csv.h"
#include "touchline/intl.h"

#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0) return 0;
    const char *buf = (const char *)data + 1;
    size_t len = size - 1;
    struct tl_error err;
    unsigned mode = data[0] % (TL_INTL__COUNT + 1);
    if (mode == TL_INTL__COUNT) {
        struct tl_csv r;
        tl_csv_init(&r, buf, len, "fuzz.csv");
        int guard = 0;
        for (;;) {
            tl_rc rc = tl_csv_next(&r, &err);
            if (rc == TL_EOF) break;
            if (rc == TL_OK) {
                for (size_t i = 0; i < r.nfields; i++)
                    if (r.fields[i].n && !r.fields[i].p) abort();
            } else if (err.line < 1 || err.col < 1) {
                abort(); /* every error says where */
            }
            if (++guard > 1000000) abort(); /* the reader always advances */
        }
        tl_csv_free(&r);
        return 0;
    }
    struct tl_intl_reader r;
    if (tl_intl_open(&r, (enum tl_intl_kind)mode, buf, len, "fuzz.csv", &err)) return 0;
    struct tl_intl_record rec;
    int guard = 0;
    for (;;) {
        tl_rc rc = tl_intl_next(&r, &rec, &err);
        if (rc == TL_EOF) break;
        if (rc == TL_OK && mode == TL_INTL_RESULTS && strlen(rec.u.match.date) != 10) abort();
        if (rc != TL_OK && rc != TL_EPARSE && rc != TL_ELIMIT) abort();
        if (++guard > 1000000) abort();
    }
    tl_intl_close(&r);
    return 0;
}
