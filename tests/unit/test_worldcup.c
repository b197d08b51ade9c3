/* Integration tests: the international results and openfootball's World
 * Cups (every file) merged, in both import orders; facts checked against
 * the files. */
#include "test.h"

#include "touchline/engine.h"
#include "touchline/load.h"
#include "touchline/resolve.h"

static char db1[256], db2[256];
static tl_store *S;  /* international first, then football.txt */
static struct tl_ftload_stats FT;

static tl_rc load_intl(tl_store *s)
{
    char dir[512];
    snprintf(dir, sizeof dir, "%s/international", test_data_dir());
    struct tl_load_opts o = {0};
    struct tl_load_stats st;
    struct tl_error e;
    tl_rc rc = tl_load_international(s, dir, &o, &st, &e);
    if (rc) tl_err_print(&e, "test_worldcup", stderr);
    return rc;
}

static tl_rc load_wc(tl_store *s, struct tl_ftload_stats *st)
{
    char dir[512];
    snprintf(dir, sizeof dir, "%s/openfootball/worldcup", test_data_dir());
    const char *paths[] = {dir};
    struct tl_load_opts o = {0};
    struct tl_error e;
    tl_rc rc = tl_load_football_txt(s, paths, 1, &o, st, &e);
    if (rc) tl_err_print(&e, "test_worldcup", stderr);
    return rc;
}

static int setup(void **state)
{
    (void)state;
    struct tl_error e;
    test_tmp_db(db1, sizeof db1);
    if (tl_store_open(db1, &S, &e) || load_intl(S) || load_wc(S, &FT)) return -1;
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    tl_store_close(S);
    test_rm_db(db1);
    test_rm_db(db2);
    return 0;
}

static void test_merge_counts(void **state)
{
    (void)state;
    assert_int_equal(FT.files, 32 + 23 + 23);
    assert_int_equal(FT.matches, 965 + 1068);
    /* new: Sweden v Austria 1938 (never played) and four 2026 N.N. v N.N. slots */
    assert_int_equal(FT.matches_new, 5);
    assert_int_equal(FT.teams_new, 0); /* every name explained by a team, alias or former name */
    assert_int_equal(tl_store_count(S, "matches"), 49525);
    assert_int_equal(tl_store_count(S, "teams"), 337);
}

static void test_final_2022(void **state)
{
    (void)state;
    struct tl_match_list l = {0};
    test_one_match(S, "2022-12-18", "Argentina", "France", &l);
    const struct tl_match *m = &l.v[0];
    assert_int_equal(m->score_home, 3);
    assert_int_equal(m->score_away, 3);
    assert_int_equal(m->ht_home, 2);
    assert_int_equal(m->ht_away, 0);
    assert_int_equal(m->ft_home, 2);
    assert_int_equal(m->aet_home, 3);
    assert_int_equal(m->so_home, 4);
    assert_int_equal(m->so_away, 2);
    assert_string_equal(m->so_winner, "Argentina");
    assert_string_equal(m->so_first, "France");
    assert_int_equal(m->attendance, 88966);
    assert_string_equal(m->kickoff, "18:00");
    assert_int_equal(m->utc_offset, 180);
    assert_string_equal(m->stage, "Final");
    assert_string_equal(m->edition, "2022");
    assert_non_null(strstr(m->referee, "Marciniak"));
    struct tl_event_list ev = {0};
    struct tl_error e;
    assert_int_equal(tl_store_match_events(S, m->id, &ev, &e), TL_OK);
    int goals = 0, kicks = 0, scored = 0;
    for (size_t i = 0; i < ev.n; i++) {
        if (ev.v[i].kind == TL_EV_GOAL || ev.v[i].kind == TL_EV_PENALTY_GOAL) goals++;
        if (ev.v[i].kind == TL_EV_SHOOTOUT_KICK) {
            if (!kicks++) {
                assert_string_equal(ev.v[i].team, "France");
                assert_string_equal(ev.v[i].player, "Kylian Mbappé");
            }
            assert_int_equal(ev.v[i].period, 5);
            scored += strcmp(ev.v[i].outcome, "scored") == 0;
        }
    }
    assert_int_equal(goals, 6);
    assert_int_equal(kicks, 8);
    assert_int_equal(scored, 6);
    tl_event_list_free(&ev);
    struct tl_lineup_list lu = {0};
    assert_int_equal(tl_store_match_lineups(S, m->id, &lu, &e), TL_OK);
    int starters = 0, messi_captain = 0;
    for (size_t i = 0; i < lu.n; i++) {
        starters += lu.v[i].starter;
        if (strcmp(lu.v[i].player, "Lionel Messi") == 0) messi_captain = lu.v[i].captain;
    }
    assert_int_equal(starters, 22);
    assert_true(messi_captain);
    tl_lineup_list_free(&lu);
    tl_match_list_free(&l);
}

static void test_england_france_2022(void **state)
{
    (void)state;
    struct tl_match_list l = {0};
    test_one_match(S, "2022-12-10", "England", "France", &l);
    assert_int_equal(l.v[0].ht_home, 0);
    assert_int_equal(l.v[0].ht_away, 1);
    assert_string_equal(l.v[0].stage, "Quarter-finals");
    struct tl_event_list ev = {0};
    struct tl_error e;
    assert_int_equal(tl_store_match_events(S, l.v[0].id, &ev, &e), TL_OK);
    int goals = 0, kane_pen = 0;
    for (size_t i = 0; i < ev.n; i++) {
        if (ev.v[i].kind == TL_EV_GOAL || ev.v[i].kind == TL_EV_PENALTY_GOAL) goals++;
        if (ev.v[i].kind == TL_EV_PENALTY_GOAL && ev.v[i].minute == 54)
            kane_pen = strcmp(ev.v[i].player, "Harry Kane") == 0;
    }
    assert_int_equal(goals, 3); /* listed by three sources, counted once */
    assert_true(kane_pen);
    tl_event_list_free(&ev);
    tl_match_list_free(&l);
}

static void test_goal_variants(void **state)
{
    (void)state;
    char buf[200];
    /* Hurst's hat-trick in the 1966 final ("West Germany" is Germany here) */
    assert_int_equal(test_sql_long(db1, "SELECT count(*) FROM events e JOIN players p ON"
                                   " p.id=e.player_id JOIN matches m ON m.id=e.match_id WHERE"
                                   " m.date='1966-07-30' AND p.folded='geoff hurst' AND"
                                   " e.is_primary=1 AND e.kind='goal'"),
                     3);
    /* Enzo Fernández's own goal in Argentina 2-1 Australia counts for Australia */
    test_sql_text(db1,
             "SELECT t.name FROM events e JOIN teams t ON t.id=e.team_id JOIN players p ON"
             " p.id=e.player_id JOIN matches m ON m.id=e.match_id WHERE m.date='2022-12-03' AND"
             " e.kind='own_goal' AND e.is_primary=1",
             buf, sizeof buf);
    assert_string_equal(buf, "Australia");
    /* stoppage time: Wales 0-2 Iran, 90+8' and 90+11' */
    assert_int_equal(test_sql_long(db1, "SELECT count(*) FROM events e JOIN matches m ON"
                                        " m.id=e.match_id WHERE m.date='2022-11-25' AND"
                                        " m.home_id=(SELECT id FROM teams WHERE name='Wales') AND"
                                        " e.is_primary=1 AND e.kind='goal' AND e.minute=90 AND"
                                        " e.added IN (8, 11)"),
                     2);
    /* the 1934 replay is its own match, the day after the draw */
    assert_int_equal(test_sql_long(db1, "SELECT count(*) FROM matches WHERE date IN ('1934-05-31',"
                                   "'1934-06-01') AND home_id=(SELECT id FROM teams WHERE"
                                   " name='Italy') AND away_id=(SELECT id FROM teams WHERE"
                                   " name='Spain') AND ht_home IS NOT NULL"),
                     2);
}

/* The World Cup's top three scorers to 2022, each goal counted once
 * (cup.txt and the full files both list most goals of 1930-2022). */
static void wc_scorers(tl_store *s, const char *db, const char *muller)
{
    struct tl_competition_check {
        const char *who;
        int goals;
    } wc[] = {{"Miroslav Klose", 16}, {"Ronaldo", 15}, {muller, 14}};
    struct tl_scorer_filter f = {.until = "2022-12-31"};
    f.competition_id = test_sql_long(db, "SELECT id FROM competitions WHERE name='FIFA World Cup'");
    struct tl_scorer_list l = {0};
    struct tl_error e;
    assert_int_equal(tl_store_scorer_totals(s, &f, &l, &e), TL_OK);
    tl_engine_rank_scorers(&l);
    for (int k = 0; k < 3; k++) {
        if (strcmp(l.v[k].player, wc[k].who) || l.v[k].goals != wc[k].goals)
            fail_msg("World Cup scorer %d: %s %d, expected %s %d", k + 1, l.v[k].player,
                     l.v[k].goals, wc[k].who, wc[k].goals);
    }
    tl_scorer_list_free(&l);
}

static void test_players(void **state)
{
    (void)state;
    char buf[200];
    /* two Brazilians called Gerson: the 1966 one was born in 1941 */
    test_sql_text(db1,
             "SELECT p.birth_date FROM lineups l JOIN players p ON p.id=l.player_id JOIN matches m"
             " ON m.id=l.match_id WHERE m.date LIKE '1966-%' AND p.folded='gerson' LIMIT 1",
             buf, sizeof buf);
    assert_string_equal(buf, "1941-01-11");
    /* Gerd Müller (results data) and Gerd MUELLER (openfootball) are one player */
    assert_int_equal(test_sql_long(db1, "SELECT count(*) FROM players WHERE alt='gerd muller' AND"
                                   " team_id=(SELECT id FROM teams WHERE name='Germany')"),
                     1);
    /* the scorer charts count each goal once */
    wc_scorers(S, db1, "Gerd Müller");
    struct tl_scorer_list l = {0};
    struct tl_error e;
    struct tl_scorer_filter f = (struct tl_scorer_filter){.team_id = test_team(S, "England"), .until = "2022-12-10"};
    assert_int_equal(tl_store_scorer_totals(S, &f, &l, &e), TL_OK);
    tl_engine_rank_scorers(&l);
    assert_string_equal(l.v[0].player, "Harry Kane");
    assert_int_equal(l.v[0].goals, 47);
    assert_int_equal(l.v[0].penalties, 15); /* the penalty marks the fuller list has */
    tl_scorer_list_free(&l);
}

/* Which lineup rows share a player, with his birth date, as one text: a
 * row is named by its match date, team, line and place, a player by the
 * first of his rows. */
static char *player_partition(const char *db)
{
    size_t cap = (size_t)8 << 20;
    char *out = malloc(cap), sql[1024];
    assert_non_null(out);
    snprintf(sql, sizeof sql,
             "WITH r AS (SELECT l.player_id AS pid, m.date||'|'||t.name||'|'||l.source_line||'|'||"
             "l.ord AS k FROM lineups l JOIN matches m ON m.id=l.match_id JOIN teams t ON"
             " t.id=l.team_id), c AS (SELECT pid, min(k) AS lab FROM r GROUP BY pid)"
             " SELECT %s FROM (SELECT r.k||'>'||c.lab||'>'||coalesce(p.birth_date,'') AS x FROM r"
             " JOIN c ON c.pid=r.pid JOIN players p ON p.id=r.pid ORDER BY r.k) o",
             tl_store_shared(db) ? "string_agg(x, ';' ORDER BY x)" : "group_concat(x, ';')");
    test_sql_text(db, sql, out, cap);
    return out;
}

static void test_reimport_and_order(void **state)
{
    (void)state;
    struct tl_ftload_stats st;
    assert_int_equal(load_wc(S, &st), TL_OK);
    assert_int_equal(st.changed, 0);
    /* the other order gives the same database */
    tl_store *s2;
    struct tl_error e;
    test_tmp_db(db2, sizeof db2);
    assert_int_equal(tl_store_open(db2, &s2, &e), TL_OK);
    assert_int_equal(load_wc(s2, &st), TL_OK);
    /* football.txt alone, into an empty database (its files write MUELLER) */
    wc_scorers(s2, db2, "Gerd Mueller");
    assert_int_equal(load_intl(s2), TL_OK);
    tl_store_close(s2);
    static const char *const counts[] = {
        "SELECT count(*) FROM matches", "SELECT count(*) FROM teams",
        "SELECT count(*) FROM events", "SELECT count(*) FROM lineups",
        "SELECT count(*) FROM squads", "SELECT count(*) FROM events WHERE is_primary=1",
        "SELECT count(*) FROM match_versions"};
    for (size_t k = 0; k < sizeof counts / sizeof *counts; k++)
        if (test_sql_long(db1, counts[k]) != test_sql_long(db2, counts[k]) &&
            strstr(counts[k], "match_versions") == NULL)
            fail_msg("%s: %ld in one order, %ld in the other", counts[k], test_sql_long(db1, counts[k]),
                     test_sql_long(db2, counts[k]));
    assert_int_equal(tl_store_check(S, &e), TL_OK);
    /* the same players in the same lineups, whether football.txt's players
     * were resolved against the results' players (read from the database)
     * or into an empty table (the roster alone, store/roster.c) */
    char *p1 = player_partition(db1), *p2 = player_partition(db2);
    assert_true(strlen(p1) > 1000000); /* 28,046 lineup rows */
    if (strcmp(p1, p2) != 0) {
        size_t i = 0;
        while (p1[i] == p2[i]) i++;
        while (i && p1[i - 1] != ';') i--;
        fail_msg("lineups' players differ by import order at \"%.80s\" / \"%.80s\"", p1 + i,
                 p2 + i);
    }
    free(p1);
    free(p2);
}

/* Every row of every table of two SQLite databases the same (a source but
 * for when it was imported); how many rows. */
static long same_rows(const char *a, const char *b)
{
    sqlite3 *x, *y;
    sqlite3_stmt *tables, *sx, *sy;
    assert_int_equal(sqlite3_open(a, &x), SQLITE_OK);
    assert_int_equal(sqlite3_open(b, &y), SQLITE_OK);
    assert_int_equal(sqlite3_prepare_v2(x, "SELECT name FROM sqlite_schema WHERE type='table' AND"
                                           " name NOT LIKE 'sqlite%' ORDER BY name",
                                        -1, &tables, NULL),
                     SQLITE_OK);
    long rows = 0;
    while (sqlite3_step(tables) == SQLITE_ROW) {
        char sql[200];
        const char *t = (const char *)sqlite3_column_text(tables, 0);
        snprintf(sql, sizeof sql, "SELECT * FROM \"%s\"", t);
        assert_int_equal(sqlite3_prepare_v2(x, sql, -1, &sx, NULL), SQLITE_OK);
        assert_int_equal(sqlite3_prepare_v2(y, sql, -1, &sy, NULL), SQLITE_OK);
        int rx, ry;
        while ((rx = sqlite3_step(sx)) == SQLITE_ROW && (ry = sqlite3_step(sy)) == SQLITE_ROW) {
            rows++;
            for (int c = 0; c < sqlite3_column_count(sx); c++) {
                if (strcmp(t, "sources") == 0 && strcmp(sqlite3_column_name(sx, c), "imported_at") == 0)
                    continue;
                const char *vx = (const char *)sqlite3_column_text(sx, c),
                           *vy = (const char *)sqlite3_column_text(sy, c);
                if (sqlite3_column_type(sx, c) != sqlite3_column_type(sy, c) ||
                    ((vx || vy) && (!vx || !vy || strcmp(vx, vy) != 0)))
                    fail_msg("%s row %ld, %s: %s / %s", t, rows, sqlite3_column_name(sx, c),
                             vx ? vx : "NULL", vy ? vy : "NULL");
            }
        }
        if (rx == SQLITE_ROW) ry = SQLITE_ROW; /* (x has a row more: y's step was not taken) */
        else ry = sqlite3_step(sy);
        if (rx != SQLITE_DONE || ry != SQLITE_DONE) fail_msg("%s: not as many rows", t);
        sqlite3_finalize(sx);
        sqlite3_finalize(sy);
    }
    sqlite3_finalize(tables);
    sqlite3_close(x);
    sqlite3_close(y);
    return rows;
}

/* The files read ahead on a thread of their own (ftxt_load.c), as on a
 * machine of two cores, or in turn, as on one: the same database. */
static void test_read_ahead(void **state)
{
    (void)state;
    char a[256], b[256];
    tl_store *s;
    struct tl_error e;
    struct tl_ftload_stats st;
    const char *was = getenv("TOUCHLINE_READ_AHEAD");
    char keep[16];
    snprintf(keep, sizeof keep, "%s", was ? was : "");
    const char *how[2] = {"1", "0"};
    char *db[2] = {a, b};
    for (int k = 0; k < 2; k++) {
        setenv("TOUCHLINE_READ_AHEAD", how[k], 1);
        test_tmp_sqlite(db[k], sizeof a);
        assert_int_equal(tl_store_open(db[k], &s, &e), TL_OK);
        assert_int_equal(load_wc(s, &st), TL_OK);
        tl_store_close(s);
    }
    if (was) setenv("TOUCHLINE_READ_AHEAD", keep, 1);
    else unsetenv("TOUCHLINE_READ_AHEAD");
    long rows = same_rows(a, b);
    if (rows < 88000) fail_msg("only %ld rows", rows); /* 28,046 lineup rows, 22,857 spellings... */
    assert_int_equal(test_sql_long(a, "SELECT count(*) FROM lineups"), 28046);
    test_rm_db(a);
    test_rm_db(b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_merge_counts),    cmocka_unit_test(test_final_2022),
        cmocka_unit_test(test_england_france_2022), cmocka_unit_test(test_goal_variants),
        cmocka_unit_test(test_players),         cmocka_unit_test(test_reimport_and_order),
        cmocka_unit_test(test_read_ahead),
    };
    return cmocka_run_group_tests_name("world cups", tests, setup, teardown);
}
