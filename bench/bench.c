/* bench/bench.c: `make bench`. Each figure is printed next to the peer or
 * limit it is compared with, measured in the same run:
 *   1. importing the whole international data set into a fresh database,
 *      next to the sqlite3 shell's `.import --csv` of the same three files;
 *   2. `scorers --team England` in-process and warm, next to the 1 ms limit;
 *   3. every table and bracket of the World Cups, next to the 50 ms limit;
 *   4. Elo: rating every international, next to rating one new result;
 *   5. a million simulated World Cups, next to the one-second limit;
 *   6. a match report from the store, next to "seconds after the final whistle".
 * Medians of several runs; the data comes from $TOUCHLINE_DATA. */
#include "touchline/engine.h"
#include "touchline/ftxt.h"
#include "touchline/load.h"
#include "touchline/report.h"
#include "touchline/resolve.h"

#include <glob.h>
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

/* SQLite's own floor for the rows of a finished database: the sqlite3 shell
 * copies every table of `ours` into an empty store of the same schema
 * (`INSERT ... SELECT ... WHERE 1`: row by row, as values, not the raw
 * record transfer), in one transaction, with the journal, page size and
 * cache the loads use. With `rebuild`, the indexes are dropped first and
 * built again after the rows (sorted builds, SQLite's cheapest); without,
 * they are kept up as the rows go in. No importer into this schema can
 * store the same rows faster: this is SQLite's work alone, with nothing
 * read, parsed, typed or looked up. Returns seconds, or -1. */
static double sqlite_floor(const char *ours, const char *empty, int rebuild)
{
    struct tl_error err;
    tl_store *s;
    tl_store_remove(empty);
    if (tl_store_open(empty, &s, &err)) {
        tl_err_print(&err, "bench", stderr);
        return -1;
    }
    tl_store_close(s);
    char script[160], cmd[1024];
    snprintf(script, sizeof script, "%s.sql", empty);
    FILE *f = fopen(script, "w");
    if (!f) return -1;
    fprintf(f, "PRAGMA journal_mode=DELETE; PRAGMA synchronous=NORMAL;\n"
               "PRAGMA cache_size=-32000; PRAGMA temp_store=MEMORY;\n"
               "ATTACH '%s' AS src;\nBEGIN IMMEDIATE;\n",
            ours);
    fclose(f);
    /* the statements, written by SQLite from the schema itself (the names
     * are plain identifiers: no quoting through the shell) */
    const char *parts[] = {
        "SELECT 'DROP INDEX '||name||';' FROM sqlite_master WHERE type='index' AND sql IS NOT "
        "NULL",
        "SELECT 'INSERT INTO main.'||name||' SELECT * FROM src.'||name||' WHERE 1;' "
        "FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'",
        "SELECT sql||';' FROM sqlite_master WHERE type='index' AND sql IS NOT NULL",
    };
    for (int k = rebuild ? 0 : 1; k < (rebuild ? 3 : 2); k++) {
        snprintf(cmd, sizeof cmd, "sqlite3 %s \"%s\" >> %s", empty, parts[k], script);
        if (system(cmd) != 0) return -1;
    }
    if (!(f = fopen(script, "a"))) return -1;
    fputs("COMMIT;\n", f);
    fclose(f);
    snprintf(cmd, sizeof cmd, "sqlite3 %s < %s > /dev/null", empty, script);
    double t0 = tl_now();
    int rc = system(cmd);
    double t = tl_now() - t0;
    remove(script);
    tl_store_remove(empty);
    return rc == 0 ? t : -1;
}

int main(void)
{
    const char *data = getenv("TOUCHLINE_DATA");
    if (!data || !*data) data = "../shared/data";
    char dir[512], db[128], peer[128], empty[128];
    snprintf(dir, sizeof dir, "%s/international", data);
    snprintf(db, sizeof db, "/tmp/touchline-bench-%d.db", (int)getpid());
    snprintf(peer, sizeof peer, "/tmp/touchline-bench-peer-%d.db", (int)getpid());
    snprintf(empty, sizeof empty, "/tmp/touchline-bench-floor-%d.db", (int)getpid());
    enum { RUNS = 5, QUERIES = 2000 };
    double ours[RUNS], theirs[RUNS], floor_intl[RUNS], floor_wc[RUNS];
    struct tl_error err;

    printf("touchline bench (data: %s)\n\n", dir);
    for (int r = 0; r < RUNS; r++) {
        tl_store_remove(db);
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
        if ((floor_intl[r] = sqlite_floor(db, empty, 1)) < 0) {
            fprintf(stderr, "bench: the sqlite3 shell failed to copy %s\n", db);
            return 1;
        }

        tl_store_remove(peer);
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
           "transaction, on disk when closed)\n",
           om * 1e3);
    printf("  sqlite3 .import --csv (3 files) %8.1f ms   (peer: text columns, no keys, "
           "no indexes)\n",
           tm * 1e3);
    double fm = pct(floor_intl, RUNS, 0.5);
    printf("  sqlite3 copying touchline's rows%8.1f ms   (SQLite's floor for this schema: the "
           "finished tables copied\n"
           "                                               row by row, indexes built after; nothing "
           "parsed or looked up)\n",
           fm * 1e3);
    printf("  ratio %.2fx the peer's time (SQLite's floor alone: %.2fx): %s\n\n", om / tm, fm / tm,
           om <= tm ? "target met (no slower)" : "target NOT met (target: no slower)");
    tl_store_remove(peer);

    /* query latency, warm, in-process, on the database make run builds
     * (the results and every World Cup, with their lineups) */
    tl_store *s;
    char wcdir[512];
    snprintf(wcdir, sizeof wcdir, "%s/openfootball/worldcup", data);
    const char *wcpaths[] = {wcdir};
    struct tl_ftload_stats fst;
    struct tl_load_opts fo = {0};
    if (tl_store_open_existing(db, &s, &err) ||
        tl_load_football_txt(s, wcpaths, 1, &fo, &fst, &err)) {
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
    printf("scorers --team England on results + World Cups, in-process and warm, %d queries"
           " (chart with apps + coverage + ranking; top scorer has %ld):\n",
           QUERIES, goals);
    printf("  p50 %7.3f ms   p99 %7.3f ms   limit 1.000 ms: %s\n", p50 * 1e3, p99 * 1e3,
           p50 < 1e-3 ? "target met" : "target NOT met");
    tl_name_list_free(&names);
    tl_store_close(s);
    tl_store_remove(db);

    /* football.txt: every World Cup file, parsed, then parsed and stored */
    char pat[600], wc[512];
    const char *pats[] = {"*/cup*.txt", "more/*_full.txt", "more/*_squads.txt"};
    snprintf(wc, sizeof wc, "%s/openfootball/worldcup", data);
    char *bufs[256];
    size_t lens[256], nf = 0, bytes = 0;
    for (int k = 0; k < 3; k++) {
        snprintf(pat, sizeof pat, "%s/%s", wc, pats[k]);
        glob_t g;
        if (glob(pat, 0, NULL, &g) != 0) continue;
        for (size_t i = 0; i < g.gl_pathc && nf < 256; i++)
            if (!tl_read_file(g.gl_pathv[i], 1 << 24, &bufs[nf], &lens[nf], &err)) bytes += lens[nf++];
        globfree(&g);
    }
    double parse[RUNS];
    long records = 0;
    struct tl_ft_record *rec = malloc(sizeof *rec);
    for (int r = 0; r < RUNS; r++) {
        double t0 = tl_now();
        records = 0;
        for (size_t i = 0; i < nf; i++) {
            struct tl_ft_reader rd;
            tl_ft_init(&rd, bufs[i], lens[i], "wc");
            while (tl_ft_next(&rd, rec, &err) == TL_OK) records++;
            tl_ft_free(&rd);
        }
        parse[r] = tl_now() - t0;
    }
    free(rec);
    for (size_t i = 0; i < nf; i++) tl_free(bufs[i]);
    double store_alone[RUNS], store_merge[RUNS];
    const char *paths[] = {wc};
    for (int r = 0; r < RUNS; r++) {
        struct tl_load_opts o = {0};
        struct tl_ftload_stats st;
        struct tl_load_stats ist;
        tl_store_remove(db);
        double t0 = tl_now();
        if (tl_store_open(db, &s, &err) || tl_load_football_txt(s, paths, 1, &o, &st, &err)) {
            tl_err_print(&err, "bench", stderr);
            return 1;
        }
        tl_store_close(s);
        store_alone[r] = tl_now() - t0;
        if ((floor_wc[r] = sqlite_floor(db, empty, 0)) < 0) {
            fprintf(stderr, "bench: the sqlite3 shell failed to copy %s\n", db);
            return 1;
        }
        tl_store_remove(db);
        if (tl_store_open(db, &s, &err) || tl_load_international(s, dir, &o, &ist, &err)) {
            tl_err_print(&err, "bench", stderr);
            return 1;
        }
        t0 = tl_now();
        if (tl_load_football_txt(s, paths, 1, &o, &st, &err)) {
            tl_err_print(&err, "bench", stderr);
            return 1;
        }
        tl_store_close(s);
        store_merge[r] = tl_now() - t0;
    }
    double pm = pct(parse, RUNS, 0.5), sa = pct(store_alone, RUNS, 0.5),
           sm = pct(store_merge, RUNS, 0.5);
    printf("\nfootball.txt, every World Cup file (%zu files, %.1f MB, %ld records), median of %d:\n",
           nf, bytes / 1e6, records, RUNS);
    printf("  parse only                              %8.1f ms   (%.0f MB/s)\n", pm * 1e3,
           bytes / 1e6 / pm);
    printf("  parse and store, empty database         %8.1f ms   limit 100 ms: %s\n", sa * 1e3,
           sa < 0.1 ? "target met" : "target NOT met");
    printf("  parse, merge and store over the results %8.1f ms   limit 100 ms: %s\n", sm * 1e3,
           sm < 0.1 ? "target met" : "target NOT met");
    double fw = pct(floor_wc, RUNS, 0.5);
    printf("  sqlite3 copying the empty load's rows   %8.1f ms   (SQLite's floor for them, indexes "
           "kept up;\n"
           "                                                         touchline's own work above it: "
           "%.1f ms)\n",
           fw * 1e3, (sa - fw) * 1e3);

    /* every group table of the 22 World Cups 1930-2022, recomputed from the
     * store (the database of the last run above: results + World Cups) */
    if (tl_store_open_existing(db, &s, &err) || tl_store_competition_names(s, &names, &err) ||
        tl_resolve_name(&names, "tournament", "FIFA World Cup", &m, &err)) {
        tl_err_print(&err, "bench", stderr);
        return 1;
    }
    double tables[RUNS];
    long ngroups = 0, nrounds = 0;
    for (int r = 0; r < RUNS; r++) {
        double t0 = tl_now();
        ngroups = 0;
        nrounds = 0;
        for (int year = 1930; year <= 2022; year += 4) {
            if (year == 1942 || year == 1946) continue;
            char ed[16];
            snprintf(ed, sizeof ed, "%d", year);
            struct tl_edition e;
            if (tl_store_edition_matches(s, m.team_id, ed, &e, &err)) {
                tl_err_print(&err, "bench", stderr);
                return 1;
            }
            struct tl_standings t[16];
            const struct tl_standings *tabs[16] = {0};
            struct tl_rules rules;
            for (size_t g = 0; g < e.ng && g < 16; g++) {
                const char *name;
                if (tl_rules_parse(tl_rules_builtin(e.competition, year, e.g[g].round, &name),
                                   name, &rules, &err) ||
                    tl_engine_group_table(&rules, &e, (int)g, NULL, &t[g])) {
                    tl_err_print(&err, "bench", stderr);
                    return 1;
                }
                tabs[g] = &t[g];
                ngroups++;
            }
            int thirds[16], nthirds;
            if (e.ng && rules.best_thirds) tl_engine_rank_thirds(&rules, &e, tabs, thirds, &nthirds);
            struct tl_bracket b;
            tl_engine_bracket(&e, &b);
            nrounds += b.nrounds;
            tl_edition_free(&e);
        }
        tables[r] = tl_now() - t0;
    }
    double tt = pct(tables, RUNS, 0.5);
    printf("\nevery table and bracket of the 22 World Cups 1930-2022 (%ld groups, %ld knockout "
           "rounds), from the store, median of %d:\n",
           ngroups, nrounds, RUNS);
    printf("  matches, cards, rules, tables, best thirds, brackets  %6.1f ms   limit 50 ms: %s\n",
           tt * 1e3, tt < 0.05 ? "target met" : "target NOT met");

    /* Elo: every international rated from scratch, next to one corrected
     * result near the end (the incremental path) */
    double full[RUNS], inc[RUNS];
    long rated_full = 0, rated_inc = 0;
    struct tl_elo_update u;
    for (int r = 0; r < RUNS; r++) {
        double t0 = tl_now();
        if (tl_load_elo(s, 1, &u, &err)) {
            tl_err_print(&err, "bench", stderr);
            return 1;
        }
        full[r] = tl_now() - t0;
        rated_full = u.rated;
        /* a result of the last day of the data changes (then changes back) */
        char sql[512];
        snprintf(sql, sizeof sql,
                 "sqlite3 %s \"UPDATE matches SET score_home=score_home%s1 WHERE id=(SELECT id"
                 " FROM matches WHERE score_home IS NOT NULL ORDER BY date DESC, id DESC"
                 " LIMIT 1)\"",
                 db, r % 2 ? "-" : "+");
        if (system(sql) != 0) {
            fprintf(stderr, "bench: sqlite3 failed\n");
            return 1;
        }
        t0 = tl_now();
        if (tl_load_elo(s, 0, &u, &err)) {
            tl_err_print(&err, "bench", stderr);
            return 1;
        }
        inc[r] = tl_now() - t0;
        rated_inc = u.rated;
    }
    /* the ranking on a date, as `touchline elo`, /api/elo and every
     * forecast read it (each team's latest rating) */
    double rank[RUNS];
    size_t ranked = 0;
    for (int r = 0; r < RUNS; r++) {
        struct tl_rating_list l = {0};
        double t0 = tl_now();
        if (tl_store_elo_ratings(s, "2022-12-18", &l, &err)) {
            tl_err_print(&err, "bench", stderr);
            return 1;
        }
        rank[r] = tl_now() - t0;
        ranked = l.n;
        tl_rating_list_free(&l);
    }
    double tf = pct(full, RUNS, 0.5), ti = pct(inc, RUNS, 0.5), trank = pct(rank, RUNS, 0.5);
    printf("\nElo ratings, median of %d:\n", RUNS);
    printf("  every international rated (%ld matches)  %7.1f ms\n", rated_full, tf * 1e3);
    printf("  one new result rated (%ld match%s)          %7.1f ms   %.0fx less than all\n",
           rated_inc, rated_inc == 1 ? "" : "es", ti * 1e3, tf / ti);
    printf("  the ranking on 2022-12-18 (%zu teams)      %7.1f ms   %.0fx less than rating all\n",
           ranked, trank * 1e3, tf / trank);

    /* forecasts: a million simulated World Cups (2022 from its eve: 48
     * group matches, 16 knockouts), one core */
    {
        struct tl_edition e;
        struct tl_rules rules;
        const char *name;
        struct tl_rating_list l = {0};
        if (tl_store_edition_matches(s, m.team_id, "2022", &e, &err) ||
            tl_rules_parse(tl_rules_builtin(e.competition, 2022, 1, &name), name, &rules, &err) ||
            tl_store_elo_ratings(s, "2022-11-19", &l, &err)) {
            tl_err_print(&err, "bench", stderr);
            return 1;
        }
        int64_t *ids = tl_calloc(l.n + 1, sizeof *ids);
        double *v = tl_calloc(l.n + 1, sizeof *v);
        for (size_t i = 0; i < l.n; i++) ids[i] = l.v[i].team_id, v[i] = l.v[i].rating;
        struct tl_forecast *f;
        if (tl_forecast_new(&e, &rules, "2022-11-19", ids, v, l.n, TL_FORECAST_MU, &f, &err)) {
            tl_err_print(&err, "bench", stderr);
            return 1;
        }
        enum { SIMS = 1000000, FRUNS = 3 };
        double sim[FRUNS];
        for (int r = 0; r < FRUNS; r++) {
            double t0 = tl_now();
            if (tl_forecast_run(f, SIMS, (uint64_t)r + 1)) return 1;
            sim[r] = tl_now() - t0;
        }
        double ts = pct(sim, FRUNS, 0.5);
        printf("\nforecast of the 2022 World Cup from its eve (64 matches), median of %d:\n", FRUNS);
        printf("  1,000,000 simulated tournaments, one core  %7.1f ms  (%.0f ns each)   limit "
               "1000 ms: %s\n",
               ts * 1e3, ts / SIMS * 1e9, ts < 1.0 ? "target met" : "target NOT met");
        printf("  published forecasters run about 10,000 simulations: %.1f ms here\n",
               ts / SIMS * 1e4 * 1e3);
        tl_forecast_free(f);
        tl_free(ids);
        tl_free(v);
        tl_rating_list_free(&l);
        tl_edition_free(&e);
    }
    /* a match report: its facts from the store, then the words (England v
     * France 2022: goals, history of 21 editions, the round, milestones) */
    {
        struct tl_team_match en, fr;
        struct tl_name_list teams = {0};
        struct tl_match_list ml = {0};
        if (tl_store_team_names(s, &teams, &err) ||
            tl_resolve_name(&teams, "team", "England", &en, &err) ||
            tl_resolve_name(&teams, "team", "France", &fr, &err) ||
            tl_store_find_matches(s, "2022-12-10", en.team_id, fr.team_id, &ml, &err) || !ml.n) {
            tl_err_print(&err, "bench", stderr);
            return 1;
        }
        double rep[RUNS];
        size_t sentences = 0;
        for (int r = 0; r < RUNS; r++) {
            struct tl_fact_list f = {0};
            struct tl_report rp;
            double t0 = tl_now();
            if (tl_load_match_facts(s, ml.v[0].id, &f, &err) ||
                tl_report_write(&f, tl_phrasebook("en"), 1, &rp)) {
                tl_err_print(&err, "bench", stderr);
                return 1;
            }
            rep[r] = tl_now() - t0;
            sentences = rp.n;
            tl_report_free(&rp);
            tl_fact_list_free(&f);
        }
        double tr = pct(rep, RUNS, 0.5);
        printf("\nthe report of England v France 2022 (%zu sentences), facts and words, median of %d:\n",
               sentences, RUNS);
        printf("  from the store                             %7.1f ms   limit: seconds after the "
               "final whistle: %s\n",
               tr * 1e3, tr < 1.0 ? "met" : "NOT met");
        tl_match_list_free(&ml);
        tl_name_list_free(&teams);
    }
    tl_name_list_free(&names);
    tl_store_close(s);
    tl_store_remove(db);
    return 0;
}
