/* bench/bench_json.c: `make bench`, part 2. Reading a real StatsBomb event
 * file (Italy v Turkey, Euro 2020, 3.2 MB, 3803 events) with touchline's
 * pull reader, next to two JSON libraries Debian ships, measured in the
 * same run on the same bytes already in memory: jansson (json_loadb) and
 * cJSON (cJSON_ParseWithLength). (json-c cannot share a program with
 * jansson: both export json_object_get and friends.)
 * The peers build a whole tree, the pull reader builds none: that is the
 * point of it (the importer keeps only the fields it stores), so the figure
 * shows what the design buys, not a like-for-like parser race. Every
 * reader's result is checked (3803 events) before it is timed. */
#include "touchline/json.h"

#include <cjson/cJSON.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { RUNS = 15 };

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static double median(double *v)
{
    qsort(v, RUNS, sizeof *v, cmp_double);
    return v[RUNS / 2];
}

static long ours(const char *buf, size_t len)
{
    struct tl_jreader r;
    struct tl_error err;
    long events = 0;
    tl_rc rc;
    tl_jinit(&r, buf, len, "bench");
    while ((rc = tl_jnext(&r, &err)) == TL_OK)
        if (r.tok == TL_J_OBJ && r.depth == 2) events++;
    tl_jfree(&r);
    return rc == TL_EOF ? events : -1;
}

static long with_jansson(const char *buf, size_t len)
{
    json_error_t e;
    json_t *root = json_loadb(buf, len, 0, &e);
    long n = root ? (long)json_array_size(root) : -1;
    json_decref(root);
    return n;
}

static long with_cjson(const char *buf, size_t len)
{
    cJSON *root = cJSON_ParseWithLength(buf, len);
    long n = root ? (long)cJSON_GetArraySize(root) : -1;
    cJSON_Delete(root);
    return n;
}

int main(void)
{
    const char *data = getenv("TOUCHLINE_DATA");
    if (!data || !*data) data = "../shared/data";
    char path[512];
    snprintf(path, sizeof path, "%s/statsbomb/events/3788741.json", data);
    FILE *f = fopen(path, "rb");
    if (!f) {
        fprintf(stderr, "bench_json: cannot open %s\n", path);
        return 1;
    }
    fseek(f, 0, SEEK_END);
    long sz = ftell(f);
    rewind(f);
    char *buf = malloc((size_t)sz + 1);
    if (!buf || fread(buf, 1, (size_t)sz, f) != (size_t)sz) return 1;
    fclose(f);
    buf[sz] = '\0';

    static const struct {
        const char *name, *what;
        long (*fn)(const char *, size_t);
    } readers[] = {
        {"touchline pull reader", "tokens only, no tree", ours},
        {"jansson json_loadb", "peer: builds a tree", with_jansson},
        {"cJSON ParseWithLength", "peer: builds a tree", with_cjson},
    };
    double med[3];
    printf("reading one StatsBomb event file (%s, %.1f MB), median of %d:\n", path,
           (double)sz / 1e6, RUNS);
    for (int k = 0; k < 3; k++) {
        if (readers[k].fn(buf, (size_t)sz) != 3803) {
            fprintf(stderr, "bench_json: %s did not read 3803 events\n", readers[k].name);
            return 1;
        }
        double t[RUNS];
        for (int r = 0; r < RUNS; r++) {
            double t0 = tl_now();
            if (readers[k].fn(buf, (size_t)sz) != 3803) return 1;
            t[r] = tl_now() - t0;
        }
        med[k] = median(t);
        printf("  %-24s %7.2f ms  %6.0f MB/s   (%s)\n", readers[k].name, med[k] * 1e3,
               (double)sz / 1e6 / med[k], readers[k].what);
    }
    double best = med[1];
    for (int k = 2; k < 3; k++)
        if (med[k] < best) best = med[k];
    printf("  ratio %.2fx the fastest peer's time: %s\n", med[0] / best,
           med[0] <= best ? "target met (no slower)" : "target NOT met (target: no slower)");
    free(buf);
    return 0;
}
