/* bench/bench_json.c: `make bench`, part 2. Reading a real StatsBomb event
 * file (Italy v Turkey, Euro 2020, 3.2 MB, 3803 events) with touchline's
 * pull reader, next to the JSON libraries Debian ships, measured in the
 * same run on the same bytes already in memory: jansson (json_loadb) and
 * cJSON (cJSON_ParseWithLength) in this program; json-c and simdjson (C++,
 * parse and walk every value) as programs of their own, bench/peer_jsonc.c
 * and bench/peer_simdjson.cpp, whose medians are read back here (json-c
 * cannot share a program with jansson: both export json_object_get).
 * The peers build a whole tree, the pull reader builds none: that is the
 * point of it (the importer keeps only the fields it stores), so the figure
 * shows what the design buys, not a like-for-like parser race. Every
 * reader's result is checked (3803 events) before it is timed.
 * Then the import into SQLite: the match's events and lineups files into a
 * database that has its matches file (a fresh one each run), per match. */
#include "touchline/json.h"
#include "touchline/load.h"
#include "touchline/sb.h"

#include <cjson/cJSON.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

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

/* Run a peer program (next to this one) on the file; print its line and
 * return its median in seconds, or -1. */
static char self_dir[512] = ".";

static double peer(const char *name, const char *what, const char *prog, const char *path,
                   double bytes)
{
    char cmd[1200];
    snprintf(cmd, sizeof cmd, "%s/%s '%s' %d", self_dir, prog, path, RUNS);
    FILE *p = popen(cmd, "r");
    double ms = -1;
    long events = -1;
    if (!p || fscanf(p, "%lf %ld", &ms, &events) != 2) ms = -1;
    if (p) pclose(p);
    if (ms <= 0 || events != 3803) {
        printf("  %-24s  (could not run %s)\n", name, cmd);
        return -1;
    }
    printf("  %-24s %7.2f ms  %6.0f MB/s   (%s)\n", name, ms, bytes / 1e6 / (ms / 1e3), what);
    return ms / 1e3;
}

/* a copy of file from to to; nonzero on failure */
static int copy_file(const char *from, const char *to)
{
    FILE *in = fopen(from, "rb"), *out = in ? fopen(to, "wb") : NULL;
    char buf[1 << 16];
    size_t n;
    int bad = !in || !out;
    while (!bad && (n = fread(buf, 1, sizeof buf, in)) > 0) bad = fwrite(buf, 1, n, out) != n;
    if (in && ferror(in)) bad = 1;
    if (in) fclose(in);
    if (out && fclose(out)) bad = 1;
    return bad;
}

/* The events (and lineups) file of one match imported into SQLite. */
static int import_bench(const char *data, double decode)
{
    char matches[600], events[600], lineups[600], db[64];
    snprintf(matches, sizeof matches, "%s/statsbomb/matches/55/43.json", data);
    snprintf(events, sizeof events, "%s/statsbomb/events/3788741.json", data);
    snprintf(lineups, sizeof lineups, "%s/statsbomb/lineups/3788741.json", data);
    snprintf(db, sizeof db, "/tmp/touchline-bench-%d.db", (int)getpid());
    struct tl_load_opts o = {0};
    struct tl_error err;
    double t[RUNS], tf[RUNS];
    long events_stored = 0;
    for (int r = 0; r < RUNS; r++) {
        tl_store *s;
        struct tl_sbload_stats st;
        const char *fx[] = {matches}, *ev[] = {events, lineups};
        tl_store_remove(db);
        double t0 = tl_now();
        if (tl_store_open(db, &s, &err) || tl_load_statsbomb(s, fx, 1, &o, &st, &err)) goto fail;
        tf[r] = (tl_now() - t0) / (double)st.fixtures;
        t0 = tl_now();
        if (tl_load_statsbomb(s, ev, 2, &o, &st, &err)) {
            tl_store_close(s);
            goto fail;
        }
        t[r] = tl_now() - t0;
        events_stored = tl_store_count(s, "sb_events");
        tl_store_close(s);
    }
    tl_store_remove(db);
    if (events_stored != 3803) {
        fprintf(stderr, "bench_json: the import stored %ld events, not 3803\n", events_stored);
        return 1;
    }
    /* the same match into a database that holds the results and every
     * World Cup (a copy of one made once): what a user's import costs */
    char base[80];
    snprintf(base, sizeof base, "/tmp/touchline-bench-%d-base.db", (int)getpid());
    double tb[RUNS];
    {
        char intl[600], wc[600];
        snprintf(intl, sizeof intl, "%s/international", data);
        snprintf(wc, sizeof wc, "%s/openfootball/worldcup", data);
        const char *wcp[] = {wc}, *fx[] = {matches};
        struct tl_load_stats ist;
        struct tl_ftload_stats fst;
        struct tl_sbload_stats st;
        tl_store *s;
        tl_store_remove(base);
        if (tl_store_open(base, &s, &err)) goto fail;
        if (tl_load_international(s, intl, &o, &ist, &err) ||
            tl_load_football_txt(s, wcp, 1, &o, &fst, &err) ||
            tl_load_statsbomb(s, fx, 1, &o, &st, &err)) {
            tl_store_close(s);
            goto fail;
        }
        tl_store_close(s);
    }
    for (int r = 0; r < RUNS; r++) {
        tl_store *s;
        struct tl_sbload_stats st;
        const char *ev[] = {events, lineups};
        tl_store_remove(db);
        if (copy_file(base, db)) {
            tl_err(&err, TL_EIO, "copying %s", base);
            goto fail;
        }
        if (tl_store_open(db, &s, &err)) goto fail;
        double t0 = tl_now();
        if (tl_load_statsbomb(s, ev, 2, &o, &st, &err)) {
            tl_store_close(s);
            goto fail;
        }
        tb[r] = tl_now() - t0;
        tl_store_close(s);
    }
    tl_store_remove(db);
    tl_store_remove(base);
    double im = median(t), fm = median(tf), bm = median(tb);
    printf("\nStatsBomb import into SQLite (one transaction; events with their JSON, lineups,\n"
           "derived goals, cards and substitutions), median of %d:\n",
           RUNS);
    printf("  events + lineups file      %7.2f ms per match  (%.2f ms of it decoding)   limit 20 ms "
           "per match: %s\n    (a fresh database holding the matches file)\n",
           im * 1e3, decode * 1e3, im <= 0.020 ? "target met" : "target NOT met");
    printf("  the same, into the results and every World Cup (~160,000 rows)\n"
           "                             %7.2f ms per match   limit 20 ms per match: %s\n",
           bm * 1e3, bm <= 0.020 ? "target met" : "target NOT met");
    printf("  a matches file's fixtures  %7.2f ms per fixture (opening the database included)\n",
           fm * 1e3);
    return 0;
fail:
    tl_err_print(&err, "bench_json", stderr);
    tl_store_remove(db);
    return 1;
}

int main(int argc, char **argv)
{
    (void)argc;
    const char *slash = strrchr(argv[0], '/');
    if (slash) snprintf(self_dir, sizeof self_dir, "%.*s", (int)(slash - argv[0]), argv[0]);
    const char *data = getenv("TOUCHLINE_DATA");
    if (!data || !*data) data = "../shared/data";
    char path[512];
    snprintf(path, sizeof path, "%s/statsbomb/events/3788741.json", data);
    char *buf;
    size_t sz;
    struct tl_error err;
    if (tl_read_file(path, (size_t)64 << 20, &buf, &sz, &err)) {
        tl_err_print(&err, "bench_json", stderr);
        return 1;
    }

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
    double jsonc = peer("json-c tokener", "peer: builds a tree", "peer_jsonc", path, (double)sz);
    if (jsonc > 0 && jsonc < best) best = jsonc;
    double simd = peer("simdjson DOM + walk", "peer: C++, SIMD, parse and walk", "peer_simdjson",
                       path, (double)sz);
    printf("  ratio %.2fx the fastest C library's time: %s\n", med[0] / best,
           med[0] <= best ? "target met (no slower)" : "target NOT met (target: no slower)");
    if (simd > 0)
        printf("  throughput %.2fx simdjson's: %s\n", simd / med[0],
               simd / med[0] >= 0.5 ? "target met (at least half)"
                                    : "target NOT met (target: at least half)");

    /* the whole decode: typed events, names, lineups (the in-memory model) */
    double t[RUNS];
    long n = -1;
    for (int r = 0; r < RUNS; r++) {
        struct tl_sb_match m;
        tl_sb_init(&m);
        double t0 = tl_now();
        tl_rc rc = tl_sb_read_events(&m, buf, sz, path, &err);
        t[r] = tl_now() - t0;
        n = rc ? -1 : (long)m.n;
        tl_sb_free(&m);
        if (rc) {
            tl_err_print(&err, "bench_json", stderr);
            return 1;
        }
    }
    double dm = median(t);
    printf("\nStatsBomb events into the in-memory model (%ld typed events, names, lineups), median of %d:\n",
           n, RUNS);
    printf("  touchline decode           %7.2f ms per match  %6.0f MB/s   limit 3 ms per match: %s\n",
           dm * 1e3, (double)sz / 1e6 / dm, dm <= 0.003 ? "target met" : "target NOT met");
    if (simd > 0)
        printf("  throughput %.2fx simdjson's parse and walk: %s\n", simd / dm,
               simd / dm >= 0.5 ? "target met (at least half)" : "target NOT met (target: at least half)");
    printf("  (kloppy, the Python peer, takes about 300 ms per match on these files: not run here)\n");
    tl_free(buf);
    return import_bench(data, dm);
}
