/* fuzz/fuzz_ftxt.c: libFuzzer target for the football.txt reader. Pulls
 * every record; an error must carry a line and column inside the input and
 * the reader must always advance. */
#include "touchline/ftxt.h"

#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct tl_ft_reader r;
    struct tl_ft_record rec;
    struct tl_error err;
    tl_ft_init(&r, (const char *)data, size, "fuzz.txt");
    long lines = 1;
    for (size_t i = 0; i < size; i++) lines += data[i] == '\n';
    for (int guard = 0;; guard++) {
        tl_rc rc = tl_ft_next(&r, &rec, &err);
        if (rc == TL_EOF) break;
        if (rc != TL_OK) {
            if (rc != TL_EPARSE && rc != TL_ELIMIT && rc != TL_ENOMEM) abort();
            if (err.line < 1 || err.line > lines || err.col < 1 || !err.msg[0]) abort();
        } else if (rec.kind == TL_FT_MATCH) {
            for (int k = 0; k < rec.u.match.ngoals; k++)
                if (!rec.u.match.goals[k].player) abort();
        }
        if (guard > 1000000) abort();
    }
    tl_ft_free(&r);
    return 0;
}
