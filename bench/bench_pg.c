/* bench/bench_pg.c: the store on PostgreSQL next to the store on SQLite,
 * measured in the same run on the same data:
 *   1. importing the international data set (and every World Cup on top),
 *   2. `scorers --team England` in-process and warm (p50, p99).
 *
 *   bench_pg BASE_URL
 *
 * BASE_URL is a PostgreSQL server make bench starts for the run
 * (scripts/pg-test.sh); each import goes into a fresh schema of it. */
#include "touchline/engine.h"
#include "touchline/load.h"
#include "touchline/resolve.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static double pct(double *v, int n, double p)
{
    qsort(v, (size_t)n, sizeof *v, cmp_double);
    return v[(int)(p * (n - 1) + 0.5)];
}

/* a fresh schema NAME on the server at base: its URL in out */
static int fresh_schema(const char *base, const char *name, char *out, size_t cap)
{
    char cmd[1024];
    snprintf(cmd, sizeof cmd, "scripts/pg-test.sh schema '%s' %s", base, name);
    FILE *p = popen(cmd, "r");
    if (!p) return -1;
    int ok = fgets(out, (int)cap, p) != NULL;
    if (pclose(p) != 0 || !ok) return -1;
    out[strcspn(out, "\n")] = 0;
    return 0;
}

struct figures {
    double import_s, wc_s, p50, p99, rank_s;
    long top;
    size_t ranked;
    char first[64]; /* the top-rated team on 2022-12-18 */
};

enum { RUNS = 3, QUERIES = 1000 };

static int measure(const char *db, const char *data, struct figures *f)
{
    char dir[512], wc[512];
    snprintf(dir, sizeof dir, "%s/international", data);
    snprintf(wc, sizeof wc, "%s/openfootball/worldcup", data);
    struct tl_error err;
    tl_store *s;
    double t0 = tl_now();
    struct tl_load_opts o = {0};
    struct tl_load_stats st;
    if (tl_store_open(db, &s, &err) || tl_load_international(s, dir, &o, &st, &err)) goto fail;
    tl_store_close(s);
    f->import_s = tl_now() - t0;
    const char *paths[] = {wc};
    struct tl_ftload_stats fst;
    t0 = tl_now();
    if (tl_store_open_existing(db, &s, &err) || tl_load_football_txt(s, paths, 1, &o, &fst, &err))
        goto fail;
    f->wc_s = tl_now() - t0;
    struct tl_name_list names = {0};
    struct tl_team_match m;
    if (tl_store_team_names(s, &names, &err) ||
        tl_resolve_name(&names, "team", "England", &m, &err))
        goto fail_open;
    static double lat[QUERIES];
    for (int q = -50; q < QUERIES; q++) { /* 50 warm-up runs */
        double q0 = tl_now();
        struct tl_scorer_filter flt = {.team_id = m.team_id};
        struct tl_scorer_list l = {0};
        struct tl_coverage c;
        if (tl_store_scorer_totals(s, &flt, &l, &err) ||
            tl_store_scorer_coverage(s, &flt, &c, &err)) {
            tl_name_list_free(&names);
            goto fail_open;
        }
        tl_engine_rank_scorers(&l);
        f->top = l.n ? l.v[0].goals : 0;
        tl_scorer_list_free(&l);
        if (q >= 0) lat[q] = tl_now() - q0;
    }
    f->p50 = pct(lat, QUERIES, 0.5);
    f->p99 = pct(lat, QUERIES, 0.99);
    tl_name_list_free(&names);
    /* the Elo ranking on a date (every match rated first, not timed) */
    struct tl_elo_update u;
    if (tl_load_elo(s, 1, &u, &err)) goto fail_open;
    static double rk[20];
    for (int q = 0; q < 20; q++) {
        struct tl_rating_list rl = {0};
        double q0 = tl_now();
        if (tl_store_elo_ratings(s, "2022-12-18", &rl, &err)) goto fail_open;
        rk[q] = tl_now() - q0;
        f->ranked = rl.n;
        snprintf(f->first, sizeof f->first, "%s", rl.n && rl.v[0].team ? rl.v[0].team : "");
        tl_rating_list_free(&rl);
    }
    f->rank_s = pct(rk, 20, 0.5);
    tl_store_close(s);
    return 0;
fail_open:
    tl_store_close(s);
fail:
    tl_err_print(&err, "bench_pg", stderr);
    return -1;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: bench_pg POSTGRESQL_URL\n");
        return 2;
    }
    const char *data = getenv("TOUCHLINE_DATA");
    if (!data || !*data) data = "../shared/data";
    struct figures lite[RUNS], pg[RUNS];
    char db[128];
    snprintf(db, sizeof db, "/tmp/touchline-bench-pg-%d.db", (int)getpid());
    for (int r = 0; r < RUNS; r++) {
        char url[1024], name[32];
        tl_store_remove(db);
        if (measure(db, data, &lite[r])) return 1;
        snprintf(name, sizeof name, "bench%d", r);
        if (fresh_schema(argv[1], name, url, sizeof url)) {
            fprintf(stderr, "bench_pg: cannot make a schema on %s\n", argv[1]);
            return 1;
        }
        if (measure(url, data, &pg[r])) return 1;
        if (pg[r].ranked != lite[r].ranked || strcmp(pg[r].first, lite[r].first) != 0) {
            fprintf(stderr, "bench_pg: the Elo ranking differs: %zu teams, %s first on PostgreSQL;"
                            " %zu, %s on SQLite\n",
                    pg[r].ranked, pg[r].first, lite[r].ranked, lite[r].first);
            return 1;
        }
        if (pg[r].top != lite[r].top) {
            fprintf(stderr, "bench_pg: England's top scorer has %ld goals on PostgreSQL, %ld on SQLite\n",
                    pg[r].top, lite[r].top);
            return 1;
        }
    }
    tl_store_remove(db);
    double li[RUNS], pi[RUNS], lw[RUNS], pw[RUNS], l5[RUNS], p5[RUNS], l9[RUNS], p9[RUNS];
    for (int r = 0; r < RUNS; r++) {
        li[r] = lite[r].import_s, pi[r] = pg[r].import_s, lw[r] = lite[r].wc_s, pw[r] = pg[r].wc_s;
        l5[r] = lite[r].p50, p5[r] = pg[r].p50, l9[r] = lite[r].p99, p9[r] = pg[r].p99;
    }
    double a = pct(li, RUNS, .5), b = pct(pi, RUNS, .5), c = pct(lw, RUNS, .5), d = pct(pw, RUNS, .5);
    printf("the store on PostgreSQL (a local server, Unix socket, fsync on) next to SQLite, "
           "median of %d:\n", RUNS);
    printf("                                              SQLite   PostgreSQL\n");
    printf("  import international (49,520 matches)   %8.0f ms  %8.0f ms   %5.1fx   "
           "(%.0f vs %.0f matches/s)\n",
           a * 1e3, b * 1e3, b / a, 49520 / a, 49520 / b);
    printf("  import every World Cup on top           %8.0f ms  %8.0f ms   %5.1fx\n", c * 1e3,
           d * 1e3, d / c);
    double e = pct(l5, RUNS, .5), g = pct(p5, RUNS, .5), h = pct(l9, RUNS, .5), k = pct(p9, RUNS, .5);
    printf("  scorers --team England, warm, p50       %8.3f ms  %8.3f ms   %5.1fx   "
           "(%d queries; top scorer %ld on both)\n",
           e * 1e3, g * 1e3, g / e, QUERIES, lite[0].top);
    printf("  scorers --team England, warm, p99       %8.3f ms  %8.3f ms   %5.1fx\n", h * 1e3,
           k * 1e3, k / h);
    double lr[RUNS], pr[RUNS];
    for (int r = 0; r < RUNS; r++) lr[r] = lite[r].rank_s, pr[r] = pg[r].rank_s;
    double x = pct(lr, RUNS, .5), y = pct(pr, RUNS, .5);
    printf("  Elo ranking on 2022-12-18, warm         %8.3f ms  %8.3f ms   %5.1fx   "
           "(%zu teams; %s first on both)\n",
           x * 1e3, y * 1e3, y / x, lite[0].ranked, lite[0].first);
    return 0;
}
