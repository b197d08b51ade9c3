/* Tests: importing the international data set into the store (fixtures in
 * tests/data): one transaction, idempotence, provenance, every error path. */
#include "test.h"

#include "touchline/load.h"

#include <sqlite3.h> /* tests may look under the hood; the code may not */

#define GOOD "tests/data/intl-good"

/* A temp folder holding the good fixture with one file replaced by `bad`. */
static void make_dir(char *dir, size_t cap, const char *target, const char *bad)
{
    static int n;
    snprintf(dir, cap, "/tmp/touchline-load-%d-%d", (int)getpid(), n++);
    char cmd[1024];
    snprintf(cmd, sizeof cmd, "rm -rf %s && mkdir -p %s && cp " GOOD "/*.csv %s/", dir, dir, dir);
    assert_int_equal(system(cmd), 0);
    if (target) {
        snprintf(cmd, sizeof cmd, "cp tests/data/bad/%s %s/%s", bad, dir, target);
        assert_int_equal(system(cmd), 0);
    }
}

static void rm_dir(const char *dir)
{
    char cmd[512];
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    assert_int_equal(system(cmd), 0);
}

static tl_store *open_db(char *path, size_t cap)
{
    test_tmp_db(path, cap);
    tl_store *s;
    struct tl_error e;
    assert_int_equal(tl_store_open(path, &s, &e), TL_OK);
    return s;
}

static void test_good_fixture(void **state)
{
    (void)state;
    char db[256];
    tl_store *s = open_db(db, sizeof db);
    struct tl_load_opts o = {0};
    struct tl_load_stats st;
    struct tl_error e;
    assert_int_equal(tl_load_international(s, GOOD, &o, &st, &e), TL_OK);
    assert_int_equal(st.rows[TL_INTL_RESULTS], 8);
    assert_int_equal(st.rows[TL_INTL_GOALS], 9);
    assert_int_equal(st.rows[TL_INTL_SHOOTOUTS], 2);
    assert_int_equal(st.unlinked, 2); /* the Atlantis goal, the Saare County shootout */
    assert_int_equal(tl_store_count(s, "matches"), 8);
    assert_int_equal(tl_store_count(s, "events"), 8);
    assert_int_equal(tl_store_count(s, "team_names"), 1);
    assert_int_equal(tl_store_count(s, "sources"), 4);

    /* the two Tahiti v New Caledonia matches of 1974-02-17 are both kept */
    int64_t home, away, id0, id1;
    assert_int_equal(tl_store_team(s, "Tahiti", 0, 0, &home, &e), TL_OK);
    assert_int_equal(tl_store_team(s, "New Caledonia", 0, 0, &away, &e), TL_OK);
    assert_int_equal(tl_store_match_id(s, "1974-02-17", home, away, 0, &id0, NULL), TL_OK);
    assert_int_equal(tl_store_match_id(s, "1974-02-17", home, away, 1, &id1, NULL), TL_OK);
    assert_true(id0 != id1);

    /* England 1-2 France: result, goals in order, provenance */
    struct tl_match_list l = {0};
    struct tl_match_filter f = {.from = "2022-12-10", .to = "2022-12-10"};
    assert_int_equal(tl_store_matches(s, &f, &l, &e), TL_OK);
    assert_int_equal(l.n, 1);
    assert_string_equal(l.v[0].home, "England");
    assert_int_equal(l.v[0].score_home, 1);
    assert_int_equal(l.v[0].score_away, 2);
    assert_int_equal(l.v[0].source_line, 7);
    assert_non_null(strstr(l.v[0].source_file, "results.csv"));
    struct tl_event_list ev = {0};
    assert_int_equal(tl_store_match_events(s, l.v[0].id, &ev, &e), TL_OK);
    assert_int_equal(ev.n, 3);
    assert_string_equal(ev.v[1].player, "Harry Kane");
    assert_int_equal(ev.v[1].kind, TL_EV_PENALTY_GOAL);
    assert_int_equal(ev.v[1].minute, 54);
    assert_int_equal(ev.v[1].source_line, 3); /* BOM and CRLF did not shift lines */
    tl_event_list_free(&ev);
    tl_match_list_free(&l);

    /* shootout winner and first kicker linked; own goal and 90+3' kept */
    f = (struct tl_match_filter){.from = "2022-12-09", .to = "2022-12-09"};
    assert_int_equal(tl_store_matches(s, &f, &l, &e), TL_OK);
    assert_string_equal(l.v[0].so_winner, "Croatia");
    assert_string_equal(l.v[0].so_first, "Croatia");
    tl_match_list_free(&l);
    f = (struct tl_match_filter){.from = "1977-10-06", .to = "1977-10-06"};
    assert_int_equal(tl_store_matches(s, &f, &l, &e), TL_OK);
    assert_string_equal(l.v[0].city, "Washington, D.C.");
    assert_int_equal(tl_store_match_events(s, l.v[0].id, &ev, &e), TL_OK);
    assert_int_equal(ev.n, 2);
    /* known minutes first: China's goal at 90+3' with no scorer, then the own goal */
    assert_int_equal(ev.v[0].kind, TL_EV_GOAL);
    assert_int_equal(ev.v[0].minute, 90);
    assert_int_equal(ev.v[0].added, 3);
    assert_null(ev.v[0].player);
    assert_int_equal(ev.v[1].kind, TL_EV_OWN_GOAL);
    assert_int_equal(ev.v[1].minute, TL_NONE);
    assert_string_equal(ev.v[1].player, "Rong Zhihang");
    tl_event_list_free(&ev);
    tl_match_list_free(&l);

    /* the scheduled match */
    f = (struct tl_match_filter){.from = "2030-01-01"};
    assert_int_equal(tl_store_matches(s, &f, &l, &e), TL_OK);
    assert_int_equal(l.n, 1);
    assert_int_equal(l.v[0].status, TL_STATUS_SCHEDULED);
    assert_int_equal(l.v[0].score_home, TL_NONE);
    tl_match_list_free(&l);

    /* importing again changes nothing */
    assert_int_equal(tl_load_international(s, GOOD, &o, &st, &e), TL_OK);
    for (int k = 0; k < TL_INTL__COUNT; k++) assert_int_equal(st.changed[k], 0);
    assert_int_equal(tl_store_count(s, "matches"), 8);
    assert_int_equal(tl_store_count(s, "events"), 8);
    assert_int_equal(tl_store_count(s, "players"), 7);
    assert_int_equal(tl_store_check(s, &e), TL_OK);
    tl_store_close(s);
    test_rm_db(db);
}

/* Re-importing a corrected goalscorers.csv with a goal fewer removes that goal. */
static void test_corrected_file(void **state)
{
    (void)state;
    char db[256], dir[256];
    tl_store *s = open_db(db, sizeof db);
    struct tl_load_opts o = {0};
    struct tl_load_stats st;
    struct tl_error e;
    assert_int_equal(tl_load_international(s, GOOD, &o, &st, &e), TL_OK);
    assert_int_equal(tl_store_count(s, "events"), 8);
    make_dir(dir, sizeof dir, NULL, NULL);
    char cmd[600];
    /* drop Giroud's 78th-minute goal (line 4) */
    snprintf(cmd, sizeof cmd, "sed -i '4d' %s/goalscorers.csv", dir);
    assert_int_equal(system(cmd), 0);
    assert_int_equal(tl_load_international(s, dir, &o, &st, &e), TL_OK);
    assert_int_equal(st.removed, 1);
    /* the same files read from another folder are the same sources: nothing doubled */
    assert_int_equal(tl_store_count(s, "sources"), 4);
    assert_int_equal(tl_store_count(s, "matches"), 8);
    assert_int_equal(st.changed[TL_INTL_RESULTS], 0);
    assert_int_equal(tl_store_count(s, "events"), 7);
    struct tl_match_list l = {0};
    struct tl_match_filter f = {.from = "2022-12-10", .to = "2022-12-10"};
    assert_int_equal(tl_store_matches(s, &f, &l, &e), TL_OK);
    struct tl_event_list ev = {0};
    assert_int_equal(tl_store_match_events(s, l.v[0].id, &ev, &e), TL_OK);
    assert_int_equal(ev.n, 2);
    assert_string_equal(ev.v[1].player, "Harry Kane");
    tl_event_list_free(&ev);
    tl_match_list_free(&l);
    /* and importing the original again brings it back */
    assert_int_equal(tl_load_international(s, GOOD, &o, &st, &e), TL_OK);
    assert_int_equal(tl_store_count(s, "events"), 8);
    assert_int_equal(st.removed, 0);
    assert_int_equal(tl_store_check(s, &e), TL_OK);
    tl_store_close(s);
    test_rm_db(db);
    rm_dir(dir);
}

/* A malformed row anywhere stops the import and leaves the database as it was. */
static void expect_rejected(const char *target, const char *bad, long line, long col,
                            const char *part)
{
    char db[256], dir[256];
    tl_store *s = open_db(db, sizeof db);
    struct tl_load_opts o = {0};
    struct tl_load_stats st;
    struct tl_error e;
    /* a first, good import; then the bad one on top */
    assert_int_equal(tl_load_international(s, GOOD, &o, &st, &e), TL_OK);
    long before_m = tl_store_count(s, "matches"), before_e = tl_store_count(s, "events");
    make_dir(dir, sizeof dir, target, bad);
    tl_err_clear(&e);
    tl_rc rc = tl_load_international(s, dir, &o, &st, &e);
    assert_true(rc == TL_EPARSE || rc == TL_ELIMIT);
    if (!strstr(e.file, target)) fail_msg("error file %s is not %s", e.file, target);
    assert_int_equal(e.line, line);
    assert_int_equal(e.col, col);
    if (!strstr(e.msg, part)) fail_msg("message \"%s\" lacks \"%s\"", e.msg, part);
    assert_int_equal(tl_store_count(s, "matches"), before_m);
    assert_int_equal(tl_store_count(s, "events"), before_e);
    assert_int_equal(tl_store_check(s, &e), TL_OK);
    /* and the same import into an empty database leaves it empty */
    char db2[256];
    tl_store *s2 = open_db(db2, sizeof db2);
    assert_int_not_equal(tl_load_international(s2, dir, &o, &st, &e), TL_OK);
    assert_int_equal(tl_store_count(s2, "matches"), 0);
    assert_int_equal(tl_store_count(s2, "teams"), 0);
    assert_int_equal(tl_store_count(s2, "sources"), 0);
    tl_store_close(s2);
    test_rm_db(db2);
    /* with skip_bad the rest goes in and the row is counted */
    o.skip_bad = 1;
    assert_int_equal(tl_load_international(s, dir, &o, &st, &e), TL_OK);
    assert_int_equal(st.skipped, 1);
    tl_store_close(s);
    test_rm_db(db);
    rm_dir(dir);
}

static void test_rejected_rows(void **state)
{
    (void)state;
    expect_rejected("results.csv", "results-bad-date.csv", 4, 1, "expected a date YYYY-MM-DD, found \"1974-13-17\"");
    expect_rejected("results.csv", "results-bad-score.csv", 6, 27, "expected a score");
    expect_rejected("results.csv", "results-short-row.csv", 3, 80, "expected 9 fields");
    expect_rejected("results.csv", "results-invalid-utf8.csv", 5, 49, "expected UTF-8 text, found the byte 0xE9");
    expect_rejected("results.csv", "results-na-mismatch.csv", 3, 38, "NA for both scores");
    expect_rejected("goalscorers.csv", "goals-bad-team.csv", 2, 27, "the home or the away team");
    expect_rejected("goalscorers.csv", "goals-bad-minute.csv", 2, 46, "a minute");
    expect_rejected("goalscorers.csv", "goals-bad-bool.csv", 2, 55, "TRUE or FALSE");
    expect_rejected("shootouts.csv", "shootouts-bad-winner.csv", 2, 27, "the home or the away team");
    expect_rejected("former_names.csv", "former-bad-range.csv", 2, 26, "an end date on or after");
}

static void test_fatal_files(void **state)
{
    (void)state;
    char db[256], dir[256];
    tl_store *s = open_db(db, sizeof db);
    struct tl_load_opts o = {.skip_bad = 1};
    struct tl_load_stats st;
    struct tl_error e;
    /* a missing header column is not a row to skip: it stops even with skip_bad */
    make_dir(dir, sizeof dir, "results.csv", "results-missing-column.csv");
    assert_int_equal(tl_load_international(s, dir, &o, &st, &e), TL_EPARSE);
    assert_non_null(strstr(e.msg, "'neutral'"));
    rm_dir(dir);
    /* an unterminated quote runs to the end of the file */
    make_dir(dir, sizeof dir, "results.csv", "results-unterminated-quote.csv");
    o.skip_bad = 0;
    assert_int_equal(tl_load_international(s, dir, &o, &st, &e), TL_EPARSE);
    assert_int_equal(e.line, 7);
    assert_int_equal(e.col, 46);
    assert_non_null(strstr(e.msg, "closing quote"));
    rm_dir(dir);
    /* a missing file */
    make_dir(dir, sizeof dir, NULL, NULL);
    char p[300];
    snprintf(p, sizeof p, "%s/shootouts.csv", dir);
    remove(p);
    assert_int_equal(tl_load_international(s, dir, &o, &st, &e), TL_ENOTFOUND);
    assert_non_null(strstr(e.file, "shootouts.csv"));
    assert_non_null(strstr(e.msg, "touchline fetch"));
    rm_dir(dir);
    assert_int_equal(tl_store_count(s, "matches"), 0);
    tl_store_close(s);
    test_rm_db(db);
}

/* Allocation failures anywhere in an import either fail it cleanly, saying
 * so and leaving nothing behind, or (a fast path given up) leave the same
 * import as without them: after every allocation while few are made (on
 * PostgreSQL libpq's own are not counted), then every 7th, until an import
 * makes fewer allocations than that; each try on a new connection (a
 * statement prepared by the last try would move the failure elsewhere). */
static void test_alloc_failures(void **state)
{
    (void)state;
    char db[256];
    tl_store *s = open_db(db, sizeof db);
    struct tl_load_opts o = {0};
    struct tl_load_stats st;
    struct tl_error e;
    int failures = 0, happened = 1;
    for (long n = 1; happened; n += n < 40 ? 1 : 7) {
        tl_store_close(s);
        assert_int_equal(tl_store_open_existing(db, &s, &e), TL_OK);
        tl_alloc_fail_after(n);
        tl_rc rc = tl_load_international(s, GOOD, &o, &st, &e);
        happened = tl_alloc_fail_end();
        if (rc) {
            assert_true(happened);
            failures++;
            if (!strstr(e.msg, "out of memory")) fail_msg("after %ld allocations: %s", n, e.msg);
            assert_int_equal(tl_store_count(s, "matches"), 0);
        } else {
            assert_int_equal(tl_store_count(s, "matches"), 8);
            assert_int_equal(tl_store_count(s, "events"), 8);
        }
        assert_int_equal(tl_store_check(s, &e), TL_OK);
        if (!rc) { /* start again from an empty database */
            tl_store_close(s);
            test_rm_db(db);
            s = open_db(db, sizeof db);
        }
    }
    assert_true(failures > 3);
    tl_store_close(s);
    test_rm_db(db);
}

/* A load's commit checks the foreign keys of the rows it wrote (store/fk.c),
 * whichever way they were written: here a trigger of the database, fired by
 * the football.txt load's new source row, writes what a faulty load could.
 * Each is refused with the table and the missing row, and the database
 * stays as it was. */
/* A database of the good fixture with a trigger that does action when
 * the next load records its source. */
static void good_with_trigger(char *db, size_t size, const char *action)
{
    char sql[512];
    test_tmp_sqlite(db, size);
    tl_store *s;
    struct tl_error e;
    assert_int_equal(tl_store_open(db, &s, &e), TL_OK);
    struct tl_load_opts o = {0};
    struct tl_load_stats st;
    assert_int_equal(tl_load_international(s, GOOD, &o, &st, &e), TL_OK);
    tl_store_close(s);
    sqlite3 *h;
    assert_int_equal(sqlite3_open(db, &h), SQLITE_OK);
    snprintf(sql, sizeof sql, "CREATE TRIGGER bad AFTER INSERT ON sources BEGIN %s; END", action);
    assert_int_equal(sqlite3_exec(h, sql, NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(h);
}

static void bad_write(const char *action, const char *expect)
{
    char db[256];
    good_with_trigger(db, sizeof db, action);
    long teams = test_sql_long(db, "SELECT count(*) FROM teams");
    tl_store *s;
    struct tl_error e;
    struct tl_load_opts o = {0};
    assert_int_equal(tl_store_open(db, &s, &e), TL_OK);
    const char *paths[] = {"tests/data/ftxt/cup.txt"};
    struct tl_ftload_stats fst;
    assert_int_equal(tl_load_football_txt(s, paths, 1, &o, &fst, &e), TL_ESTORE);
    if (!strstr(e.msg, expect)) fail_msg("%s: %s", action, e.msg);
    tl_store_close(s);
    assert_int_equal(test_sql_long(db, "SELECT count(*) FROM sources"), 4);
    assert_int_equal(test_sql_long(db, "SELECT count(*) FROM matches"), 8);
    assert_int_equal(test_sql_long(db, "SELECT count(*) FROM teams"), teams);
    assert_int_equal(test_sql_long(db, "SELECT count(*) FROM team_names"), 1);
    assert_int_equal(test_sql_long(db, "SELECT count(*) FROM pragma_foreign_key_check"), 0);
    /* without the trigger the same load goes in */
    sqlite3 *h;
    assert_int_equal(sqlite3_open(db, &h), SQLITE_OK);
    assert_int_equal(sqlite3_exec(h, "DROP TRIGGER bad", NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(h);
    assert_int_equal(tl_store_open(db, &s, &e), TL_OK);
    assert_int_equal(tl_load_football_txt(s, paths, 1, &o, &fst, &e), TL_OK);
    assert_int_equal(tl_store_check(s, &e), TL_OK);
    tl_store_close(s);
    test_rm_db(db);
}

/* Whatever allocation fails during such a load (among them the hook's
 * record of the rows, which then has every table checked whole), the bad
 * row never gets in: the load fails out of memory or is refused. */
static void test_keys_alloc_failures(void **state)
{
    (void)state;
    char db[256];
    good_with_trigger(db, sizeof db,
                      "UPDATE matches SET home_id=987654 WHERE id=(SELECT min(id) FROM matches)");
    tl_store *s;
    struct tl_error e;
    struct tl_load_opts o = {0};
    const char *paths[] = {"tests/data/ftxt/cup.txt"};
    struct tl_ftload_stats fst;
    int happened = 1, refused = 0;
    for (long n = 1; happened; n++) {
        assert_int_equal(tl_store_open_existing(db, &s, &e), TL_OK);
        tl_alloc_fail_after(n);
        tl_rc rc = tl_load_football_txt(s, paths, 1, &o, &fst, &e);
        happened = tl_alloc_fail_end();
        tl_store_close(s);
        assert_int_not_equal(rc, TL_OK);
        if (strstr(e.msg, "refers to a missing row of teams")) refused++;
        else if (!strstr(e.msg, "out of memory")) fail_msg("after %ld allocations: %s", n, e.msg);
        assert_int_equal(test_sql_long(db, "SELECT count(*) FROM sources"), 4);
    }
    assert_true(refused > 1); /* the run without a failure, and some with one */
    test_rm_db(db);
}

static void test_keys_of_written_rows(void **state)
{
    (void)state;
    /* an older row updated (the update hook's list) */
    bad_write("UPDATE matches SET home_id=987654 WHERE id=(SELECT min(id) FROM matches)",
              "a row of table matches refers to a missing row of teams");
    /* a new row of a table that had rows (the range above its last rowid) */
    bad_write("INSERT INTO team_names(team_id, name, folded, kind, source_id)"
              " VALUES(987654, 'Nowhere', 'nowhere', 'alias', NEW.id)",
              "a row of table team_names refers to a missing row of teams");
    /* a row deleted that others refer to */
    bad_write("DELETE FROM teams WHERE name='Tahiti'", "refers to a missing row of teams");
    /* a WITHOUT ROWID table (no update hook: checked whole) */
    bad_write("INSERT INTO player_spellings(player_id, source_id, spelling, reason)"
              " VALUES(987654, NEW.id, 'x', 'y')",
              "a row of table player_spellings refers to a missing row of players");
}

/* Into an empty database (every event held, every player in memory) as
 * over stored ones: a goal on a day its scorer by squad was 72 is his
 * namesake's, a new player of that name; one of playing age stays. */
static void namesake_split(int merged)
{
    char db[256];
    test_tmp_sqlite(db, sizeof db);
    tl_store *s;
    struct tl_error e;
    struct tl_load_opts o = {0};
    struct tl_ftload_stats fst;
    assert_int_equal(tl_store_open(db, &s, &e), TL_OK);
    const char *squads[] = {"tests/data/ftxt/namesake/squads.txt"},
               *cup[] = {"tests/data/ftxt/namesake/cup.txt"},
               *both[] = {"tests/data/ftxt/namesake/squads.txt", "tests/data/ftxt/namesake/cup.txt"};
    if (merged) {
        assert_int_equal(tl_load_football_txt(s, squads, 1, &o, &fst, &e), TL_OK);
        assert_int_equal(tl_load_football_txt(s, cup, 1, &o, &fst, &e), TL_OK);
    } else {
        assert_int_equal(tl_load_football_txt(s, both, 2, &o, &fst, &e), TL_OK);
    }
    assert_int_equal(tl_store_check(s, &e), TL_OK);
    tl_store_close(s);
    assert_int_equal(test_sql_long(db, "SELECT count(*) FROM players WHERE name='John Smith'"), 2);
    assert_int_equal(test_sql_long(db, "SELECT count(*) FROM events e JOIN players p ON"
                                       " p.id=e.player_id WHERE p.birth_date='1950-01-01'"),
                     0);
    assert_int_equal(test_sql_long(db, "SELECT count(*) FROM events e JOIN players p ON"
                                       " p.id=e.player_id WHERE p.name='John Smith' AND"
                                       " p.birth_date IS NULL"),
                     1);
    assert_int_equal(test_sql_long(db, "SELECT count(*) FROM player_spellings WHERE reason="
                                       "'a namesake: John Smith (born 1950-01-01) was not of"
                                       " playing age on 2022-11-20'"),
                     1);
    assert_int_equal(test_sql_long(db, "SELECT count(*) FROM players WHERE name='Paul Jones'"), 1);
    assert_int_equal(test_sql_long(db, "SELECT count(*) FROM events e JOIN players p ON"
                                       " p.id=e.player_id WHERE p.birth_date='1995-05-05'"),
                     1);
    test_rm_db(db);
}

static void test_namesake_split(void **state)
{
    (void)state;
    namesake_split(0);
    namesake_split(1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_good_fixture),
        cmocka_unit_test(test_corrected_file),
        cmocka_unit_test(test_rejected_rows),
        cmocka_unit_test(test_fatal_files),
        cmocka_unit_test(test_alloc_failures),
        cmocka_unit_test(test_keys_of_written_rows),
        cmocka_unit_test(test_keys_alloc_failures),
        cmocka_unit_test(test_namesake_split),
    };
    return cmocka_run_group_tests_name("load", tests, NULL, NULL);
}
