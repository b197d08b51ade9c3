/* fuzz/fuzz_json.c: libFuzzer target for the bounded JSON pull reader. Every
 * token is pulled (objects are skipped whole when the first byte says so)
 * until the end or an error; each error must carry a location inside the
 * input, each token must stay inside the buffer or the scratch space, and
 * the reader must always advance. When the first byte says so, every
 * member's value is first offered to tl_jidname: a hit must be a name
 * inside the buffer, a miss must consume nothing. */
#include "touchline/json.h"

#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0) return 0;
    int skip_objects = data[0] & 1, id_names = data[0] & 2;
    const char *buf = (const char *)data + 1;
    size_t len = size - 1;
    struct tl_jreader r;
    struct tl_error err;
    char path[128];
    tl_jinit(&r, buf, len, "fuzz.json");
    long guard = 0;
    for (;;) {
        size_t before = r.pos;
        tl_rc rc = tl_jnext(&r, &err);
        if (rc == TL_EOF) break;
        if (rc != TL_OK) {
            if (rc != TL_EPARSE && rc != TL_ELIMIT) abort();
            if (err.line < 1 || err.col < 1 || (size_t)err.line > len + 1) abort();
            break;
        }
        if (r.pos <= before && r.tok != TL_J_OBJ_END && r.tok != TL_J_ARR_END) abort();
        if (r.depth < 0 || r.depth > TL_JSON_MAX_DEPTH_READ) abort();
        if (r.tok == TL_J_KEY || r.tok == TL_J_STR || r.tok == TL_J_NUM) {
            volatile char sink = 0;
            for (size_t i = 0; i < r.n; i++) sink ^= r.s[i]; /* ASan checks the slice */
            (void)sink;
        }
        tl_jpath(&r, path, sizeof path);
        if (strlen(path) >= sizeof path) abort();
        if (id_names && r.tok == TL_J_KEY) {
            size_t at = r.pos;
            int64_t id;
            if (tl_jidname(&r, &id)) {
                if (r.tok != TL_J_OBJ_END || r.pos <= at || r.s < buf || r.s + r.n > buf + len) abort();
                if (id < -999999999 || id > 999999999) abort();
            } else if (r.pos != at || r.tok != TL_J_KEY) {
                abort();
            }
        }
        if (skip_objects && r.tok == TL_J_OBJ) {
            rc = tl_jskip(&r, &err);
            if (rc && (err.line < 1 || err.col < 1)) abort();
            if (rc) break;
        }
        if (++guard > 10000000) abort();
    }
    tl_jfree(&r);
    return 0;
}
