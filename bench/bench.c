/* bench/bench.c: `make bench`. Each figure is printed next to the peer or
 * limit it is compared with, measured in the same run:
 *   1. importing the whole international data set into a fresh database,
 *      next to the sqlite3 shell's `.import --csv` of the same three files;
 *   2. `scorers --team England` in-process and warm, next to the 1 ms limit.
 * Medians of several runs; the data comes from $TOUCHLINE_DATA. */
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
    int i = (int)(p * (n - 1) + 0.5);
    return v[i];
}

static void rm_db(const char *p)
{
    char b[600];
    remove(p);
    snprintf(b, sizeof b, "%s-wal", p);
    remove(b);
    snprintf(b, sizeof b, "%s-shm", p);
    remove(b);
    snprintf(b, sizeof b, "%s-journal", p);
    remove(b);
}

int main(void)
{
    const char *data = getenv("TOUCHLINE_DATA");
    if (!data || !*data) data = "../shared/data";
    char dir[512], db[128], peer[128];
    snprintf(dir, sizeof dir, "%s/international", data);
    snprintf(db, sizeof db, "/tmp/touchline-bench-%d.db", (int)getpid());
    snprintf(peer, sizeof peer, "/tmp/touchline-bench-peer-%d.db", (int)getpid());
    enum { RUNS = 5, QUERIES = 2000 };
    double ours[RUNS], theirs[RUNS];
    struct tl_error err;

    printf("touchline bench (data: %s)\n\n", dir);
    for (int r = 0; r < RUNS; r++) {
        rm_db(db);
        tl_store *s;
        double t0 = tl_now();
        struct tl_load_opts o = {0};
        struct tl_load_stats st;
        if (tl_store_open(db, &s, &err) || tl_load_international(s, dir, &o, &st, &err)) {
            tl_err_print(&err, "bench", stderr);
            return 1;
        }
        tl_store_close(s); /* includes the WAL checkpoint */
        ours[r] = tl_now() - t0;

        rm_db(peer);
        char cmd[2048];
        snprintf(cmd, sizeof cmd,
                 "sqlite3 %s '.import --csv %s/results.csv results' "
                 "'.import --csv %s/goalscorers.csv goalscorers' "
                 "'.import --csv %s/shootouts.csv shootouts'",
                 peer, dir, dir, dir);
        t0 = tl_now();
        if (system(cmd) != 0) {
            fprintf(stderr, "bench: the sqlite3 shell failed (is it installed?)\n");
            return 1;
        }
        theirs[r] = tl_now() - t0;
    }
    double om = pct(ours, RUNS, 0.5), tm = pct(theirs, RUNS, 0.5);
    printf("import of the international data set (49,520 matches, 47,914 goals, 683 "
           "shootouts, 36 former names), median of %d:\n",
           RUNS);
    printf("  touchline import international  %8.1f ms   (typed, linked, indexed, one "
           "transaction, WAL checkpointed)\n",
           om * 1e3);
    printf("  sqlite3 .import --csv (3 files) %8.1f ms   (peer: text columns, no keys, "
           "no indexes)\n",
           tm * 1e3);
    printf("  ratio %.2fx the peer's time: %s\n\n", om / tm,
           om <= tm ? "target met (no slower)" : "target NOT met (target: no slower)");
    rm_db(peer);

    /* query latency, warm, in-process */
    tl_store *s;
    if (tl_store_open_existing(db, &s, &err)) {
        tl_err_print(&err, "bench", stderr);
        return 1;
    }
    struct tl_name_list names = {0};
    struct tl_team_match m;
    if (tl_store_team_names(s, &names, &err) ||
        tl_resolve_name(&names, "team", "England", &m, &err)) {
        tl_err_print(&err, "bench", stderr);
        return 1;
    }
    static double lat[QUERIES];
    long goals = 0;
    for (int q = -50; q < QUERIES; q++) { /* 50 warm-up runs */
        double t0 = tl_now();
        struct tl_scorer_filter f = {.team_id = m.team_id};
        struct tl_scorer_list l = {0};
        struct tl_coverage c;
        if (tl_store_scorer_totals(s, &f, &l, &err) || tl_store_scorer_coverage(s, &f, &c, &err)) {
            tl_err_print(&err, "bench", stderr);
            return 1;
        }
        tl_engine_rank_scorers(&l);
        goals = l.n ? l.v[0].goals : 0;
        tl_scorer_list_free(&l);
        if (q >= 0) lat[q] = tl_now() - t0;
    }
    double p50 = pct(lat, QUERIES, 0.5), p99 = pct(lat, QUERIES, 0.99);
    printf("scorers --team England, in-process and warm, %d queries (chart + coverage + "
           "ranking; top scorer has %ld):\n",
           QUERIES, goals);
    printf("  p50 %7.3f ms   p99 %7.3f ms   limit 1.000 ms: %s\n", p50 * 1e3, p99 * 1e3,
           p50 < 1e-3 ? "target met" : "target NOT met");
    tl_name_list_free(&names);
    tl_store_close(s);
    rm_db(db);
    return 0;
}
