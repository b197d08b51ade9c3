/* Unit tests: store (migrations, pragmas, upserts, transactions, provenance),
 * on SQLite, and on PostgreSQL when $TOUCHLINE_TEST_PG names a server (the
 * PostgreSQL run of tests/run.sh; skipped otherwise). */
#include "test.h"

#include "touchline/load.h"
#include "touchline/store.h"

#include <sqlite3.h> /* tests may look under the hood; the code may not */
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../../src/store/store_int.h" /* (the held rows and the connection) */

static int pragma_int(const char *db, const char *sql)
{
    sqlite3 *h;
    assert_int_equal(sqlite3_open(db, &h), SQLITE_OK);
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_prepare_v2(h, sql, -1, &st, NULL), SQLITE_OK);
    int v = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int(st, 0) : -1;
    sqlite3_finalize(st);
    sqlite3_close(h);
    return v;
}

static void test_open_migrate(void **state)
{
    (void)state;
    char db[256];
    test_tmp_sqlite(db, sizeof db);
    tl_store *s;
    struct tl_error e;
    /* open_existing refuses a missing file and creates nothing */
    assert_int_equal(tl_store_open_existing(db, &s, &e), TL_ENOTFOUND);
    assert_int_equal(access(db, F_OK), -1);
    assert_int_equal(tl_store_open(db, &s, &e), TL_OK);
    assert_int_equal(tl_store_version(s), TL_SCHEMA_VERSION);
    assert_int_equal(tl_store_count(s, "matches"), 0);
    assert_int_equal(tl_store_count(s, "no_such_table"), -1);
    tl_store_close(s);
    assert_int_equal(pragma_int(db, "PRAGMA user_version"), TL_SCHEMA_VERSION);
    sqlite3 *h;
    assert_int_equal(sqlite3_open(db, &h), SQLITE_OK);
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_prepare_v2(h, "PRAGMA journal_mode", -1, &st, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    assert_string_equal((const char *)sqlite3_column_text(st, 0), "wal");
    sqlite3_finalize(st);
    sqlite3_close(h);
    /* reopening runs no migration again */
    assert_int_equal(tl_store_open_existing(db, &s, &e), TL_OK);
    assert_int_equal(tl_store_version(s), TL_SCHEMA_VERSION);
    tl_store_close(s);
    /* a database of schema 1 (before event data) is migrated to the current one */
    assert_int_equal(sqlite3_open(db, &h), SQLITE_OK);
    assert_int_equal(sqlite3_exec(h,
                                  "DROP TABLE sb_events; DROP TABLE sb_matches; DROP TABLE sb_players;"
                                  " DROP TABLE sb_teams; DROP TABLE elo; DROP TABLE elo_params;"
                                  " DROP TABLE baselines; DROP TABLE milestones;"
                                  " DROP TABLE milestones_params; DROP TABLE live_state;"
                                  " DROP TABLE live_feed; DROP TABLE live_requests;"
                                  " PRAGMA user_version=1",
                                  NULL, NULL, NULL),
                     SQLITE_OK);
    sqlite3_close(h);
    assert_int_equal(tl_store_open_existing(db, &s, &e), TL_OK);
    assert_int_equal(tl_store_version(s), TL_SCHEMA_VERSION);
    assert_int_equal(tl_store_count(s, "sb_events"), 0);
    assert_int_equal(tl_store_count(s, "elo"), 0);
    tl_store_close(s);
    char sql[200]; /* migration 6: two partial indexes */
    test_sql_text(db, "SELECT sql FROM sqlite_master WHERE name='players_alt'", sql, sizeof sql);
    assert_non_null(strstr(sql, "WHERE alt<>folded"));
    test_sql_text(db, "SELECT sql FROM sqlite_master WHERE name='matches_edition'", sql, sizeof sql);
    assert_non_null(strstr(sql, "WHERE edition_id IS NOT NULL"));
    /* migration 7: a player's lineups by player and match */
    test_sql_text(db, "SELECT sql FROM sqlite_master WHERE name='lineups_player'", sql, sizeof sql);
    assert_non_null(strstr(sql, "lineups(player_id, match_id)"));
    /* a database from a newer touchline is refused, not damaged */
    assert_int_equal(sqlite3_open(db, &h), SQLITE_OK);
    assert_int_equal(sqlite3_exec(h, "PRAGMA user_version=99", NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(h);
    assert_int_equal(tl_store_open(db, &s, &e), TL_ESTORE);
    assert_non_null(strstr(e.msg, "newer"));
    assert_int_equal(pragma_int(db, "PRAGMA user_version"), 99);
    test_rm_db(db);
}

/* a match pointing at a team that does not exist fails at commit (SQLite:
 * checked before the commit; PostgreSQL: deferred keys), saying why */
static void foreign_keys_enforced(const char *db, const char *why)
{
    tl_store *s;
    struct tl_error e;
    assert_int_equal(tl_store_open(db, &s, &e), TL_OK);
    assert_int_equal(tl_store_begin(s, &e), TL_OK);
    struct tl_match_rec m = {.date = "2022-12-10", .home = "England", .away = "France",
                             .tournament = "FIFA World Cup", .score_home = 1, .score_away = 2};
    struct tl_match_write w = {.rec = &m, .home_id = 4242, .away_id = 4343};
    int64_t id;
    int changed;
    assert_int_equal(tl_store_put_match(s, &w, &id, &changed, &e), TL_OK);
    assert_int_equal(tl_store_commit(s, &e), TL_ESTORE);
    assert_non_null(strstr(e.msg, why));
    assert_int_equal(tl_store_count(s, "matches"), 0);
    tl_store_close(s);
}

static void journal_mode(const char *db, char *mode, size_t cap)
{
    test_sql_text(db, "PRAGMA journal_mode", mode, cap);
}

/* A new database is created with a rollback journal (its first load would
 * use one anyway) and is in WAL mode once that load has committed, or once
 * it is closed without one. */
static void test_new_database_wal(void **state)
{
    (void)state;
    char db[256], mode[16];
    test_tmp_sqlite(db, sizeof db);
    tl_store *s;
    struct tl_error e;
    assert_int_equal(tl_store_open(db, &s, &e), TL_OK);
    journal_mode(db, mode, sizeof mode);
    assert_string_equal(mode, "delete");
    int64_t src;
    assert_int_equal(tl_store_begin(s, &e), TL_OK);
    assert_int_equal(tl_store_source(s, "international", "results.csv", "x/results.csv", &src, &e),
                     TL_OK);
    assert_int_equal(tl_store_commit(s, &e), TL_OK);
    journal_mode(db, mode, sizeof mode);
    assert_string_equal(mode, "wal");
    tl_store_close(s);
    test_rm_db(db);
    assert_int_equal(tl_store_open(db, &s, &e), TL_OK);
    tl_store_close(s);
    journal_mode(db, mode, sizeof mode);
    assert_string_equal(mode, "wal");
    test_rm_db(db);
    /* a derived write (the live feed's, elo's) first */
    assert_int_equal(tl_store_open(db, &s, &e), TL_OK);
    assert_int_equal(tl_store_begin_derived(s, &e), TL_OK);
    assert_int_equal(tl_store_commit_derived(s, &e), TL_OK);
    journal_mode(db, mode, sizeof mode);
    assert_string_equal(mode, "wal");
    tl_store_close(s);
    assert_int_equal(tl_store_open_existing(db, &s, &e), TL_OK);
    assert_int_equal(tl_store_version(s), TL_SCHEMA_VERSION);
    tl_store_close(s);
    test_rm_db(db);
}

static void test_foreign_keys_enforced(void **state)
{
    (void)state;
    char db[256];
    test_tmp_sqlite(db, sizeof db);
    foreign_keys_enforced(db, "missing row");
    assert_int_equal(pragma_int(db, "PRAGMA foreign_keys"), 0); /* per connection, as SQLite does */
    test_rm_db(db);
}

/* a fresh schema on the PostgreSQL server of the tests: its URL; skips the
 * test when there is none */
static void pg_fresh(char *url, size_t cap)
{
    const char *base = getenv("TOUCHLINE_TEST_PG");
    if (!base || !*base) skip();
    test_tmp_db(url, cap);
}

/* run sql on a PostgreSQL database, behind the store's back; its one value */
static long psql(const char *url, const char *sql) { return test_sql_long(url, sql); }

static void test_pg_open_migrate(void **state)
{
    (void)state;
    char db[1024];
    pg_fresh(db, sizeof db);
    tl_store *s;
    struct tl_error e;
    /* open_existing refuses a database without touchline's tables, creates nothing */
    assert_int_equal(tl_store_open_existing(db, &s, &e), TL_ENOTFOUND);
    assert_non_null(strstr(e.msg, "no touchline data"));
    assert_int_equal(psql(db, "SELECT count(*) FROM information_schema.tables WHERE"
                              " table_schema=current_schema() AND table_name='matches'"),
                     0);
    assert_int_equal(tl_store_open(db, &s, &e), TL_OK);
    assert_int_equal(tl_store_version(s), TL_SCHEMA_VERSION);
    assert_int_equal(tl_store_count(s, "matches"), 0);
    assert_int_equal(tl_store_count(s, "no_such_table"), -1);
    tl_store_close(s);
    assert_int_equal(psql(db, "SELECT version FROM tl_meta"), TL_SCHEMA_VERSION);
    assert_int_equal(tl_store_open_existing(db, &s, &e), TL_OK);
    assert_int_equal(tl_store_version(s), TL_SCHEMA_VERSION);
    tl_store_close(s);
    /* a database of schema 1 (before event data) is migrated to the current one */
    psql(db, "DROP TABLE sb_events, sb_matches, sb_players, sb_teams, elo, elo_params,"
             " baselines, milestones, milestones_params, live_state, live_feed, live_requests;"
             " UPDATE tl_meta SET version=1");
    assert_int_equal(tl_store_open_existing(db, &s, &e), TL_OK);
    assert_int_equal(tl_store_version(s), TL_SCHEMA_VERSION);
    assert_int_equal(tl_store_count(s, "sb_events"), 0);
    assert_int_equal(tl_store_count(s, "elo"), 0);
    tl_store_close(s);
    /* migration 7: a player's lineups by player and match (the index found
     * by name in this schema first, OFFSET 0 keeping the planner from
     * flattening: pg_indexes reads every schema's index definitions, and
     * one that another test drops meanwhile fails the whole query) */
    assert_int_equal(psql(db, "SELECT count(*) FROM (SELECT c.oid FROM pg_class c JOIN"
                              " pg_namespace n ON n.oid=c.relnamespace WHERE"
                              " n.nspname=current_schema() AND c.relname='lineups_player'"
                              " OFFSET 0) i WHERE pg_get_indexdef(i.oid) LIKE"
                              " '%(player_id, match_id)%'"),
                     1);
    /* a database from a newer touchline is refused, not damaged */
    psql(db, "UPDATE tl_meta SET version=99");
    assert_int_equal(tl_store_open(db, &s, &e), TL_ESTORE);
    assert_non_null(strstr(e.msg, "newer"));
    assert_int_equal(psql(db, "SELECT version FROM tl_meta"), 99);
}

/* A load on PostgreSQL leaves the planner statistics of the tables it
 * changed by more than autovacuum's threshold (50 rows and a tenth), not
 * the others: the queries right after an import are planned with them
 * (without, a competition's scorer chart took 278 ms against 53). */
static void test_pg_statistics_after_load(void **state)
{
    (void)state;
    char db[1024], path[600];
    pg_fresh(db, sizeof db);
    snprintf(path, sizeof path, "%s/openfootball/worldcup/2022--qatar/cup.txt", test_data_dir());
    tl_store *s;
    struct tl_error e;
    struct tl_load_opts o = {0};
    struct tl_ftload_stats st;
    const char *paths[] = {path};
    assert_int_equal(tl_store_open(db, &s, &e), TL_OK);
    assert_int_equal(tl_load_football_txt(s, paths, 1, &o, &st, &e), TL_OK);
    long goals = tl_store_count(s, "events"), matches = tl_store_count(s, "matches");
    tl_store_close(s);
    /* (the group stage: 48 matches, 120 goals) */
    assert_int_equal(matches, 48);
    assert_int_equal(goals, 120);
    const char *analyzed = "SELECT count(*) FROM pg_stat_user_tables WHERE"
                           " schemaname=current_schema() AND last_analyze IS NOT NULL AND"
                           " relname='%s'";
    char sql[300];
    snprintf(sql, sizeof sql, analyzed, "events");
    assert_int_equal(psql(db, sql), 1);
    assert_int_equal(psql(db, "SELECT reltuples FROM pg_class WHERE relname='events' AND"
                              " relnamespace=to_regnamespace(current_schema())"),
                     goals);
    /* 48 rows: not more than 50; one row */
    snprintf(sql, sizeof sql, analyzed, "matches");
    assert_int_equal(psql(db, sql), 0);
    snprintf(sql, sizeof sql, analyzed, "competitions");
    assert_int_equal(psql(db, sql), 0);
    test_rm_db(db);
}

static void test_pg_foreign_keys_enforced(void **state)
{
    (void)state;
    char db[1024];
    pg_fresh(db, sizeof db);
    foreign_keys_enforced(db, "foreign key");
}

static void upsert_and_rollback(const char *db)
{
    tl_store *s;
    struct tl_error e;
    assert_int_equal(tl_store_open(db, &s, &e), TL_OK);
    int64_t src, eng, fra, comp, id1, id2;
    int changed;
    assert_int_equal(tl_store_begin(s, &e), TL_OK);
    assert_int_equal(tl_store_source(s, "international", "results.csv",
                                     "tests/data/intl-good/results.csv", &src, &e), TL_OK);
    assert_int_equal(tl_store_team(s, "England", src, 7, &eng, &e), TL_OK);
    assert_int_equal(tl_store_team(s, "France", src, 7, &fra, &e), TL_OK);
    assert_int_equal(tl_store_competition(s, "FIFA World Cup", src, 7, &comp, &e), TL_OK);
    struct tl_match_rec m = {.date = "2022-12-10", .home = "England", .away = "France",
                             .tournament = "FIFA World Cup", .city = "Al Khor", .score_home = 1,
                             .score_away = 2, .neutral = 1, .prov = {"x", 7}};
    struct tl_match_write w = {.rec = &m, .home_id = eng, .away_id = fra, .competition_id = comp,
                               .source_id = src};
    assert_int_equal(tl_store_put_match(s, &w, &id1, &changed, &e), TL_OK);
    assert_int_equal(changed, 1);
    assert_int_equal(tl_store_commit(s, &e), TL_OK);
    /* same again: no change; a corrected score: one change, same id */
    assert_int_equal(tl_store_begin(s, &e), TL_OK);
    assert_int_equal(tl_store_put_match(s, &w, &id2, &changed, &e), TL_OK);
    assert_int_equal(changed, 0);
    assert_int_equal(id1, id2);
    m.score_home = 2;
    assert_int_equal(tl_store_put_match(s, &w, &id2, &changed, &e), TL_OK);
    assert_int_equal(changed, 1);
    assert_int_equal(id1, id2);
    /* roll back: the score is 1 again, and a team made in the transaction is gone */
    int64_t mor;
    assert_int_equal(tl_store_team(s, "Morocco", src, 9, &mor, &e), TL_OK);
    tl_store_rollback(s);
    assert_int_equal(tl_store_count(s, "teams"), 2);
    struct tl_match_list l = {0};
    struct tl_match_filter f = {.match_id = id1};
    assert_int_equal(tl_store_matches(s, &f, &l, &e), TL_OK);
    assert_int_equal(l.n, 1);
    assert_int_equal(l.v[0].score_home, 1);
    assert_int_equal(l.v[0].source_line, 7);
    tl_match_list_free(&l);
    /* the cache forgot Morocco's rolled-back id: it is created again */
    assert_int_equal(tl_store_begin(s, &e), TL_OK);
    int64_t mor2;
    assert_int_equal(tl_store_team(s, "Morocco", src, 9, &mor2, &e), TL_OK);
    assert_int_equal(tl_store_commit(s, &e), TL_OK);
    assert_int_equal(tl_store_count(s, "teams"), 3);
    assert_int_equal(tl_store_check(s, &e), TL_OK);
    tl_store_close(s);
}

static void test_upsert_and_rollback(void **state)
{
    (void)state;
    char db[256];
    test_tmp_sqlite(db, sizeof db);
    upsert_and_rollback(db);
    test_rm_db(db);
}

static void test_pg_upsert_and_rollback(void **state)
{
    (void)state;
    char db[1024];
    pg_fresh(db, sizeof db);
    upsert_and_rollback(db);
}

/* A match England v France and Kane, in an open transaction that holds
 * rows back (tl_store_defer). */
struct held {
    int64_t src, eng, fra, comp, mid, kane;
};
static void held_setup(tl_store *s, struct held *h)
{
    struct tl_error e;
    int changed;
    assert_int_equal(tl_store_begin(s, &e), TL_OK);
    assert_int_equal(tl_store_defer(s), TL_OK);
    assert_int_equal(tl_store_source(s, "football.txt", "2022_full.txt", "x/2022_full.txt",
                                     &h->src, &e), TL_OK);
    assert_int_equal(tl_store_team(s, "England", h->src, 3, &h->eng, &e), TL_OK);
    assert_int_equal(tl_store_team(s, "France", h->src, 3, &h->fra, &e), TL_OK);
    assert_int_equal(tl_store_competition(s, "FIFA World Cup", h->src, 3, &h->comp, &e), TL_OK);
    assert_int_equal(tl_store_player(s, "Harry Kane", h->eng, h->src, 5, &h->kane, &e), TL_OK);
    static struct tl_match_rec m = {.date = "2022-12-10", .home = "England", .away = "France",
                                    .tournament = "FIFA World Cup", .score_home = 1,
                                    .score_away = 2, .neutral = 1, .prov = {"x", 4}};
    struct tl_match_write mw = {.rec = &m, .home_id = h->eng, .away_id = h->fra,
                                .competition_id = h->comp, .source_id = h->src};
    assert_int_equal(tl_store_put_match(s, &mw, &h->mid, &changed, &e), TL_OK);
}

static struct tl_event_write held_goal(const struct held *h, int ord, long line)
{
    return (struct tl_event_write){.match_id = h->mid, .date = "2022-12-10",
                                   .kind = TL_EV_PENALTY_GOAL, .period = 2, .minute = 54,
                                   .team_id = h->eng, .player_id = h->kane, .source_id = h->src,
                                   .source_line = line, .ord = ord};
}

/* Held rows are in the database before anything reads their table and
 * at commit, and their changes are counted through tl_store_settle; on
 * PostgreSQL (nothing held) the same calls give the same results. */
static void held_rows(const char *db)
{
    tl_store *s;
    struct tl_error e;
    assert_int_equal(tl_store_open(db, &s, &e), TL_OK);
    struct held h;
    held_setup(s, &h);
    /* the match (held: the matches table was empty) is read inside the transaction */
    assert_int_equal(tl_store_count(s, "matches"), 1);
    assert_int_equal(test_sql_long(db, "SELECT count(*) FROM matches"), 0); /* not committed */
    struct tl_lineup_write lw = {.match_id = h.mid, .team_id = h.eng, .player_id = h.kane,
                                 .starter = 1, .captain = 1, .shirt = 9, .source_id = h.src,
                                 .source_line = 5, .ord = 0};
    int changed, sum = 0;
    assert_int_equal(tl_store_put_lineup(s, &lw, &changed, &e), TL_OK);
    assert_int_equal(changed, 1);
    assert_int_equal(tl_store_count(s, "lineups"), 1); /* read inside the transaction */
    /* the same row again changes nothing, another shirt number does */
    assert_int_equal(tl_store_put_lineup(s, &lw, &changed, &e), TL_OK);
    sum += changed;
    lw.shirt = 10;
    assert_int_equal(tl_store_put_lineup(s, &lw, &changed, &e), TL_OK);
    sum += changed;
    assert_int_equal(tl_store_put_lineup(s, &lw, &changed, &e), TL_OK);
    sum += changed;
    long unchanged = -1;
    assert_int_equal(tl_store_settle(s, &unchanged, &e), TL_OK);
    assert_int_equal(sum - unchanged, 1);
    struct tl_event_write ev = held_goal(&h, 0, 9);
    assert_int_equal(tl_store_put_event(s, &ev, &changed, &e), TL_OK);
    assert_int_equal(changed, 1);
    assert_int_equal(tl_store_commit(s, &e), TL_OK); /* writes the event */
    assert_int_equal(tl_store_count(s, "lineups"), 1);
    assert_int_equal(tl_store_count(s, "events"), 1);
    assert_int_equal(test_sql_long(db, "SELECT shirt FROM lineups"), 10);
    char sql[128];
    snprintf(sql, sizeof sql, "SELECT score_away FROM matches WHERE id=%lld", (long long)h.mid);
    assert_int_equal(test_sql_long(db, sql), 2);
    assert_int_equal(test_sql_long(db, "SELECT minute FROM events WHERE kind='penalty_goal'"), 54);
    assert_int_equal(tl_store_check(s, &e), TL_OK);
    tl_store_close(s);
}

static void test_held_rows(void **state)
{
    (void)state;
    char db[256];
    test_tmp_sqlite(db, sizeof db);
    held_rows(db);
    test_rm_db(db);
}

static void test_pg_held_rows(void **state)
{
    (void)state;
    char db[1024];
    pg_fresh(db, sizeof db);
    held_rows(db);
}

/* A held row SQLite refuses (two events with one key) fails the write
 * that flushes it, is named with its line, and the rollback leaves
 * nothing: at a settle, and before a read of the table. */
static void test_held_row_refused(void **state)
{
    (void)state;
    char db[256];
    test_tmp_sqlite(db, sizeof db);
    tl_store *s;
    struct tl_error e;
    assert_int_equal(tl_store_open(db, &s, &e), TL_OK);
    struct held h;
    for (int round = 0; round < 2; round++) {
        held_setup(s, &h);
        int changed;
        struct tl_event_write a = held_goal(&h, 0, 7), b = held_goal(&h, 0, 8);
        assert_int_equal(tl_store_put_event(s, &a, &changed, &e), TL_OK);
        assert_int_equal(tl_store_put_event(s, &b, &changed, &e), TL_OK); /* held */
        if (round == 0) {
            long unchanged;
            assert_int_equal(tl_store_settle(s, &unchanged, &e), TL_ESTORE);
            assert_int_equal(e.line, 8);
            assert_non_null(strstr(e.msg, "storing the event"));
            assert_non_null(strstr(e.msg, "UNIQUE"));
        } else {
            assert_int_equal(tl_store_count(s, "events"), -1); /* its read failed */
        }
        tl_store_rollback(s);
        assert_int_equal(tl_store_count(s, "events"), 0);
        assert_int_equal(tl_store_count(s, "matches"), 0);
    }
    tl_store_close(s);
    assert_int_equal(test_sql_long(db, "SELECT count(*) FROM teams"), 0);
    test_rm_db(db);
}

/* The commit's key check takes rows a flush of held rows wrote as checked
 * when their key values lie within their parents' ids and those ids have no
 * gap (store/fk.c). Each way a bad key could slip past that is refused,
 * naming the table and the parent, and leaves nothing behind. how: 0 a
 * held lineup's player beyond every player; 1 a held lineup's team in a
 * gap of the teams' ids; 2 a flushed event changed by a later statement;
 * 3 a flushed event deleted and its rowid given to a bad one; 4 a held
 * lineup whose player is text; 5 a trigger of the database that changes
 * a lineup as the flush writes it; 6 a held spelling of a player beyond
 * every player; 7 a flushed spelling changed by a later statement (8: a
 * prepared one). */
static void known_rows_case(int how, const char *expect)
{
    char db[256];
    test_tmp_sqlite(db, sizeof db);
    tl_store *s;
    struct tl_error e;
    assert_int_equal(tl_store_open(db, &s, &e), TL_OK);
    tl_store_close(s);
    sqlite3 *h;
    assert_int_equal(sqlite3_open(db, &h), SQLITE_OK);
    /* teams 1 to 3, then (for case 1 only: a gap spoils every case's
     * shortcut) 2 gone; England and France are the next two */
    assert_int_equal(sqlite3_exec(h,
                                  how == 1 ? "INSERT INTO teams(name, folded) VALUES('A','a'),"
                                             "('B','b'),('C','c'); DELETE FROM teams WHERE"
                                             " name='B'"
                                           : "INSERT INTO teams(name, folded) VALUES('A','a'),"
                                             "('B','b'),('C','c')",
                                  NULL, NULL, NULL),
                     SQLITE_OK);
    /* a player already there: the load records its players' spellings
     * itself (no pass over every player at commit) */
    assert_int_equal(sqlite3_exec(h,
                                  "INSERT INTO players(name, folded, alt) VALUES('Z','z','z')",
                                  NULL, NULL, NULL),
                     SQLITE_OK);
    if (how == 5)
        assert_int_equal(sqlite3_exec(h,
                                      "CREATE TRIGGER bad AFTER INSERT ON lineups BEGIN UPDATE"
                                      " lineups SET player_id=987654 WHERE id=NEW.id; END",
                                      NULL, NULL, NULL),
                         SQLITE_OK);
    sqlite3_close(h);
    assert_int_equal(tl_store_open(db, &s, &e), TL_OK);
    struct held hd;
    held_setup(s, &hd);
    int changed;
    long unchanged;
    struct tl_lineup_write lw = {.match_id = hd.mid, .team_id = hd.eng, .player_id = hd.kane,
                                 .starter = 1, .shirt = 9, .source_id = hd.src,
                                 .source_line = 5, .ord = 0};
    struct tl_event_write a = held_goal(&hd, 0, 9), b = held_goal(&hd, 1, 10);
    switch (how) {
    case 0:
        lw.player_id = hd.kane + 1000;
        assert_int_equal(tl_store_put_lineup(s, &lw, &changed, &e), TL_OK);
        break;
    case 1:
        lw.team_id = 2;
        assert_int_equal(tl_store_put_lineup(s, &lw, &changed, &e), TL_OK);
        break;
    case 5: /* the trigger changes it as the flush writes it */
        assert_int_equal(tl_store_put_lineup(s, &lw, &changed, &e), TL_OK);
        break;
    case 6: /* spellings: a WITHOUT ROWID table, no rowids reported */
        assert_int_equal(tl_store_spelling(s, hd.kane + 1000, hd.src, "Kane", "x", 5, &e), TL_OK);
        break;
    case 7:
        assert_int_equal(tl_store_spelling(s, hd.kane, hd.src, "Kane", "x", 5, &e), TL_OK);
        assert_int_equal(tl_store_settle(s, &unchanged, &e), TL_OK);
        assert_int_equal(db_exec(s->db, "UPDATE player_spellings SET player_id=987654", NULL,
                                 NULL, NULL),
                         SQLITE_OK);
        break;
    case 8: { /* the same by a prepared statement */
        assert_int_equal(tl_store_spelling(s, hd.kane, hd.src, "Kane", "x", 5, &e), TL_OK);
        assert_int_equal(tl_store_settle(s, &unchanged, &e), TL_OK);
        db_stmt *st;
        assert_int_equal(db_prepare_v2(s->db, "UPDATE player_spellings SET player_id=987654", -1,
                                       &st, NULL),
                         SQLITE_OK);
        assert_int_equal(db_step(st), SQLITE_DONE);
        db_finalize(st);
        break;
    }
    case 2:
    case 3:
        assert_int_equal(tl_store_put_event(s, &a, &changed, &e), TL_OK);
        assert_int_equal(tl_store_put_event(s, &b, &changed, &e), TL_OK);
        assert_int_equal(tl_store_settle(s, &unchanged, &e), TL_OK); /* the flush */
        assert_int_equal(db_exec(s->db,
                                 how == 2 ? "UPDATE events SET player_id=987654 WHERE ord=0"
                                          : "DELETE FROM events WHERE ord=1; INSERT INTO"
                                            " events(match_id, date, kind, team_id, player_id,"
                                            " source_id, ord) SELECT match_id, date, kind,"
                                            " team_id, 987654, source_id, 7 FROM events",
                                 NULL, NULL, NULL),
                         SQLITE_OK);
        if (how == 3) /* (the rowid the flush gave the deleted event) */
            assert_int_equal(tl_store_count(s, "events"), 2);
        break;
    default: {
        struct tl_pval v[] = {pv_int(hd.mid), pv_int(hd.eng), pv_text("Kane"), pv_int(1),
                              pv_int(0),      pv_null(),      pv_null(),       pv_int(hd.src),
                              pv_int(5),      pv_int(0)};
        assert_int_equal(tl_pend_add(s, PEND_LINEUPS, v, &changed, &e), TL_OK);
    }
    }
    assert_int_equal(tl_store_commit(s, &e), TL_ESTORE);
    if (!strstr(e.msg, expect)) fail_msg("case %d: %s", how, e.msg);
    assert_int_equal(tl_store_count(s, "matches"), 0);
    assert_int_equal(tl_store_count(s, "events"), 0);
    assert_int_equal(tl_store_count(s, "lineups"), 0);
    tl_store_close(s);
    assert_int_equal(test_sql_long(db, "SELECT count(*) FROM teams"), how == 1 ? 2 : 3);
    test_rm_db(db);
}

static void test_keys_of_known_rows(void **state)
{
    (void)state;
    known_rows_case(0, "a row of table lineups refers to a missing row of players");
    known_rows_case(1, "a row of table lineups refers to a missing row of teams");
    known_rows_case(2, "a row of table events refers to a missing row of players");
    known_rows_case(3, "a row of table events refers to a missing row of players");
    known_rows_case(4, "a row of table lineups refers to a missing row of players");
    known_rows_case(5, "a row of table lineups refers to a missing row of players");
    known_rows_case(6, "a row of table player_spellings refers to a missing row of players");
    known_rows_case(7, "a row of table player_spellings refers to a missing row of players");
    known_rows_case(8, "a row of table player_spellings refers to a missing row of players");
}

/* Players held back (a transaction that began on an empty players table)
 * get the ids SQLite would have given them, also around a player written
 * at once, and are read inside the transaction. */
static void held_players(const char *db)
{
    tl_store *s;
    struct tl_error e;
    assert_int_equal(tl_store_open(db, &s, &e), TL_OK);
    int64_t src, fra, a, b, c, d;
    assert_int_equal(tl_store_begin(s, &e), TL_OK);
    assert_int_equal(tl_store_defer(s), TL_OK);
    assert_int_equal(tl_store_source(s, "football.txt", "2022_squads.txt", "x/2022_squads.txt",
                                     &src, &e), TL_OK);
    assert_int_equal(tl_store_team(s, "France", src, 2, &fra, &e), TL_OK);
    assert_int_equal(tl_store_player_written(s, "Kylian MBAPPÉ", fra, "1998-12-20", 0,
                                             "2022-12-10", src, 3, &a, &e), TL_OK);
    assert_int_equal(tl_store_player_written(s, "Olivier GIROUD", fra, "1986-09-30", 0,
                                             "2022-12-10", src, 4, &b, &e), TL_OK);
    assert_int_equal(b, a + 1);
    assert_int_equal(tl_store_count(s, "players"), 2); /* read inside the transaction */
    /* one written at once (the results importer's way) takes the next id */
    assert_int_equal(tl_store_player(s, "Antoine Griezmann", fra, src, 5, &c, &e), TL_OK);
    assert_int_equal(c, b + 1);
    assert_int_equal(tl_store_player_written(s, "Hugo LLORIS", fra, "1986-12-26", 0,
                                             "2022-12-10", src, 6, &d, &e), TL_OK);
    assert_int_equal(d, c + 1);
    assert_int_equal(tl_store_commit(s, &e), TL_OK);
    char sql[128], name[64];
    snprintf(sql, sizeof sql, "SELECT name||' '||birth_date FROM players WHERE id=%lld",
             (long long)a);
    test_sql_text(db, sql, name, sizeof name);
    assert_string_equal(name, "Kylian Mbappé 1998-12-20");
    snprintf(sql, sizeof sql, "SELECT name FROM players WHERE id=%lld", (long long)d);
    test_sql_text(db, sql, name, sizeof name);
    assert_string_equal(name, "Hugo Lloris");
    assert_int_equal(test_sql_long(db, "SELECT count(*) FROM players"), 4);
    assert_int_equal(tl_store_check(s, &e), TL_OK);
    tl_store_close(s);
}

/* A player met again with a better-written name or his birth date: held,
 * he is changed where he is held; written (after a statement that reads
 * the players), by an UPDATE; held again after that, where he is held. */
static void held_player_improved(const char *db)
{
    tl_store *s;
    struct tl_error e;
    assert_int_equal(tl_store_open(db, &s, &e), TL_OK);
    int64_t src, fra, a, b, c, d, x;
    assert_int_equal(tl_store_begin(s, &e), TL_OK);
    assert_int_equal(tl_store_defer(s), TL_OK);
    assert_int_equal(tl_store_source(s, "football.txt", "2022_full.txt", "x/2022_full.txt", &src,
                                     &e), TL_OK);
    assert_int_equal(tl_store_team(s, "France", src, 2, &fra, &e), TL_OK);
    const char *day = "2022-12-10";
    assert_int_equal(tl_store_player_written(s, "Kylian MBAPPE", fra, NULL, 0, day, src, 3, &a, &e),
                     TL_OK);
    assert_int_equal(tl_store_player_written(s, "Olivier GIROUD", fra, NULL, 0, day, src, 4, &b, &e),
                     TL_OK);
    assert_int_equal(tl_store_player_written(s, "Kylian Mbappé", fra, "1998-12-20", 0, day, src, 5,
                                             &x, &e), TL_OK);
    assert_int_equal(x, a);
    assert_int_equal(tl_store_player_written(s, "Olivier Giroud", fra, "1986-09-30", 0, day, src, 6,
                                             &x, &e), TL_OK);
    assert_int_equal(x, b);
    assert_int_equal(tl_store_player_written(s, "Hugo LLORIS", fra, NULL, 0, day, src, 7, &c, &e),
                     TL_OK);
    assert_int_equal(tl_store_count(s, "players"), 3); /* written now */
    assert_int_equal(tl_store_player_written(s, "Raphaël VARANE", fra, NULL, 0, day, src, 8, &d, &e),
                     TL_OK);
    assert_int_equal(tl_store_player_written(s, "Hugo Lloris", fra, "1986-12-26", 0, day, src, 9,
                                             &x, &e), TL_OK);
    assert_int_equal(x, c);
    assert_int_equal(tl_store_player_written(s, "Raphaël Varane", fra, "1993-04-25", 0, day, src,
                                             10, &x, &e), TL_OK);
    assert_int_equal(x, d);
    assert_int_equal(tl_store_commit(s, &e), TL_OK);
    const int64_t ids[] = {a, b, c, d};
    const char *want[] = {"Kylian Mbappé 1998-12-20", "Olivier Giroud 1986-09-30",
                          "Hugo Lloris 1986-12-26", "Raphaël Varane 1993-04-25"};
    for (int i = 0; i < 4; i++) {
        char sql[128], v[64];
        snprintf(sql, sizeof sql, "SELECT name||' '||birth_date FROM players WHERE id=%lld",
                 (long long)ids[i]);
        test_sql_text(db, sql, v, sizeof v);
        assert_string_equal(v, want[i]);
    }
    assert_int_equal(test_sql_long(db, "SELECT count(*) FROM players"), 4);
    tl_store_close(s);
}

static void test_held_player_improved(void **state)
{
    (void)state;
    char db[256];
    test_tmp_sqlite(db, sizeof db);
    held_player_improved(db);
    test_rm_db(db);
}

static void test_pg_held_player_improved(void **state)
{
    (void)state;
    char db[1024];
    pg_fresh(db, sizeof db);
    held_player_improved(db);
}

static void test_held_players(void **state)
{
    (void)state;
    char db[256];
    test_tmp_sqlite(db, sizeof db);
    held_players(db);
    test_rm_db(db);
}

static void test_pg_held_players(void **state)
{
    (void)state;
    char db[1024];
    pg_fresh(db, sizeof db);
    held_players(db);
}

/* A name and its transliteration ("Müller", "Mueller") are one player,
 * whichever came first: players_alt indexes only the players whose two
 * forms differ, the other direction goes through players_folded. Both the
 * results importer's look-up and the roster's (player_born) are asked. */
static void transliterated(const char *db)
{
    tl_store *s;
    struct tl_error e;
    int64_t src, ger, mueller, muller, id;
    assert_int_equal(tl_store_open(db, &s, &e), TL_OK);
    assert_int_equal(tl_store_begin(s, &e), TL_OK);
    assert_int_equal(tl_store_source(s, "international", "goalscorers.csv", "x/goalscorers.csv",
                                     &src, &e), TL_OK);
    assert_int_equal(tl_store_team(s, "Germany", src, 2, &ger, &e), TL_OK);
    assert_int_equal(tl_store_player(s, "Thomas Mueller", ger, src, 3, &mueller, &e), TL_OK);
    assert_int_equal(tl_store_player(s, "Gerd Müller", ger, src, 4, &muller, &e), TL_OK);
    assert_int_equal(tl_store_commit(s, &e), TL_OK);
    assert_int_equal(tl_store_begin(s, &e), TL_OK);
    assert_int_equal(tl_store_player(s, "Thomas Müller", ger, src, 5, &id, &e), TL_OK);
    assert_int_equal(id, mueller);
    assert_int_equal(tl_store_player(s, "Gerd Mueller", ger, src, 6, &id, &e), TL_OK);
    assert_int_equal(id, muller);
    assert_int_equal(tl_store_commit(s, &e), TL_OK);
    assert_int_equal(tl_store_begin(s, &e), TL_OK);
    assert_int_equal(tl_store_player_written(s, "Thomas MÜLLER", ger, NULL, 0, "2014-07-13", src,
                                             7, &id, &e), TL_OK);
    assert_int_equal(id, mueller);
    assert_int_equal(tl_store_player_written(s, "Gerd MUELLER", ger, NULL, 0, "1974-07-07", src,
                                             8, &id, &e), TL_OK);
    assert_int_equal(id, muller);
    assert_int_equal(tl_store_commit(s, &e), TL_OK);
    tl_store_close(s);
    assert_int_equal(test_sql_long(db, "SELECT count(*) FROM players"), 2);
}

static void test_transliterated(void **state)
{
    (void)state;
    char db[256], sql[256];
    test_tmp_sqlite(db, sizeof db);
    transliterated(db);
    test_sql_text(db, "SELECT sql FROM sqlite_master WHERE name='players_alt'", sql, sizeof sql);
    assert_non_null(strstr(sql, "WHERE alt<>folded"));
    test_rm_db(db);
}

static void test_pg_transliterated(void **state)
{
    (void)state;
    char db[1024];
    pg_fresh(db, sizeof db);
    transliterated(db);
}

/* A team's name means the same team on any day until an alias bounded by
 * dates is given to it: then the day decides ("Yugoslavia" in 1998 is
 * Serbia, in 1990 the old team), also for a name asked before. */
static void team_on_dates(const char *db)
{
    tl_store *s;
    struct tl_error e;
    int64_t src, yug, srb, id;
    int changed;
    assert_int_equal(tl_store_open(db, &s, &e), TL_OK);
    assert_int_equal(tl_store_begin(s, &e), TL_OK);
    assert_int_equal(tl_store_source(s, "football.txt", "1998--france/cup.txt",
                                     "x/1998--france/cup.txt", &src, &e), TL_OK);
    assert_int_equal(tl_store_team(s, "Yugoslavia", src, 1, &yug, &e), TL_OK);
    assert_int_equal(tl_store_team(s, "Serbia", src, 2, &srb, &e), TL_OK);
    assert_int_equal(tl_store_team_on(s, "Yugoslavia", "1998-06-14", &id, &e), TL_OK);
    assert_int_equal(id, yug);
    assert_int_equal(tl_store_team_on(s, "Yugoslavia", "1990-06-10", &id, &e), TL_OK);
    assert_int_equal(id, yug);
    assert_int_equal(tl_store_team_on(s, "Nowhere", "1998-06-14", &id, &e), TL_ENOTFOUND);
    assert_int_equal(tl_store_alias(s, srb, "Yugoslavia", "1992-04-27", "2003-02-04", src, &changed,
                                    &e), TL_OK);
    assert_int_equal(tl_store_team_on(s, "Yugoslavia", "1998-06-14", &id, &e), TL_OK);
    assert_int_equal(id, srb);
    assert_int_equal(tl_store_team_on(s, "Yugoslavia", "1990-06-10", &id, &e), TL_OK);
    assert_int_equal(id, yug);
    int64_t nowhere;
    assert_int_equal(tl_store_team(s, "Nowhere", src, 3, &nowhere, &e), TL_OK);
    assert_int_equal(tl_store_team_on(s, "Nowhere", "1998-06-14", &id, &e), TL_OK);
    assert_int_equal(id, nowhere);
    assert_int_equal(tl_store_commit(s, &e), TL_OK);
    tl_store_close(s);
}

static void test_team_on_dates(void **state)
{
    (void)state;
    char db[256];
    test_tmp_sqlite(db, sizeof db);
    team_on_dates(db);
    test_rm_db(db);
}

static void test_pg_team_on_dates(void **state)
{
    (void)state;
    char db[1024];
    pg_fresh(db, sizeof db);
    team_on_dates(db);
}

/* A match of two teams near a date, for a source that does not describe
 * it yet: the nearest day, either way round; two equally near are
 * ambiguous; a match this source wrote or already has a version of is
 * not one. */
static int64_t near_match(tl_store *s, const char *date, int64_t home, int64_t away, int64_t src)
{
    struct tl_error e;
    struct tl_match_detail d = {.date = date, .home_id = home, .away_id = away,
                                .status = "finished", .source_id = src, .source_line = 1};
    for (int k = 0; k < 2; k++) d.score[k] = d.ht[k] = d.ft[k] = d.aet[k] = d.so[k] = TL_NONE;
    d.match_no = d.utc_offset = d.goals_listed = TL_NONE;
    d.attendance = TL_NONE;
    int64_t id;
    assert_int_equal(tl_store_add_match(s, &d, &id, &e), TL_OK);
    return id;
}

static void near_is(tl_store *s, const char *date, int64_t a, int64_t b, int days, int64_t src,
                    tl_rc want, int64_t want_id, int want_home)
{
    struct tl_error e;
    int64_t id = -1;
    int a_home = -1;
    assert_int_equal(tl_store_match_near(s, date, a, b, days, src, &id, &a_home, &e), want);
    if (want != TL_OK) return;
    assert_int_equal(id, want_id);
    assert_int_equal(a_home, want_home);
}

static void matches_near(const char *db)
{
    tl_store *s;
    struct tl_error e;
    int64_t res, cup, full, x, y;
    assert_int_equal(tl_store_open(db, &s, &e), TL_OK);
    assert_int_equal(tl_store_begin(s, &e), TL_OK);
    assert_int_equal(tl_store_source(s, "international", "results.csv", "x/results.csv", &res, &e),
                     TL_OK);
    assert_int_equal(tl_store_source(s, "football.txt", "cup.txt", "x/cup.txt", &cup, &e), TL_OK);
    assert_int_equal(tl_store_source(s, "football.txt", "full.txt", "x/full.txt", &full, &e), TL_OK);
    assert_int_equal(tl_store_team(s, "Xland", res, 1, &x, &e), TL_OK);
    assert_int_equal(tl_store_team(s, "Yland", res, 2, &y, &e), TL_OK);
    int64_t m1 = near_match(s, "2020-01-01", x, y, res), m2 = near_match(s, "2020-01-04", y, x, res);
    near_match(s, "2020-01-10", x, y, res);
    near_match(s, "2020-01-10", x, y, res); /* the same teams twice that day */
    int64_t own = near_match(s, "2020-02-01", x, y, cup);
    near_is(s, "2020-01-01", x, y, 1, cup, TL_OK, m1, 1);
    near_is(s, "2020-01-02", y, x, 1, cup, TL_OK, m1, 0);  /* either way round */
    near_is(s, "2020-01-02", x, y, 2, cup, TL_OK, m1, 1);  /* 1 day before 2 after */
    near_is(s, "2020-01-03", x, y, 2, cup, TL_OK, m2, 0);  /* 2 days before 1 after */
    near_is(s, "2020-01-07", x, y, 2, cup, TL_ENOTFOUND, 0, 0);
    near_is(s, "2020-01-10", x, y, 1, cup, TL_EAMBIG, 0, 0);
    near_is(s, "2020-01-11", y, x, 1, cup, TL_EAMBIG, 0, 0);
    near_is(s, "2020-12-31", x, y, 700, cup, TL_EAMBIG, 0, 0); /* ... 2020-01-10 twice, 356 days */
    near_is(s, "2020-02-01", x, y, 1, cup, TL_ENOTFOUND, 0, 0); /* its own */
    near_is(s, "2020-02-01", x, y, 1, full, TL_OK, own, 1);
    /* a match this source has a version of is its own reading of it */
    struct tl_match_detail v = {.date = "2020-01-01", .home_id = x, .away_id = y,
                                .status = "finished", .source_id = cup, .source_line = 9};
    for (int k = 0; k < 2; k++) v.score[k] = v.ht[k] = v.ft[k] = v.aet[k] = v.so[k] = TL_NONE;
    v.goals_listed = TL_NONE;
    int changed;
    assert_int_equal(tl_store_match_version(s, m1, &v, &changed, &e), TL_OK);
    near_is(s, "2020-01-01", y, x, 1, cup, TL_OK, m1, 0);
    near_is(s, "2020-01-02", x, y, 2, cup, TL_OK, m2, 0); /* m1 is described */
    near_is(s, "2020-01-02", x, y, 2, full, TL_OK, m1, 1);
    assert_int_equal(tl_store_commit(s, &e), TL_OK);
    tl_store_close(s);
}

static void test_matches_near(void **state)
{
    (void)state;
    char db[256], out[64];
    test_tmp_sqlite(db, sizeof db);
    matches_near(db);
    /* a stored day SQLite's date functions read past the month's end
     * (February 30 is March 1 in 2020) is as near as they count it */
    test_sql_text(db, "UPDATE matches SET date='2020-02-30' WHERE date='2020-02-01'", out,
                  sizeof out);
    tl_store *s;
    struct tl_error e;
    assert_int_equal(tl_store_open(db, &s, &e), TL_OK);
    int64_t own = test_sql_long(db, "SELECT id FROM matches WHERE date='2020-02-30'");
    int64_t x = test_team(s, "Xland"), y = test_team(s, "Yland"),
            res = test_sql_long(db, "SELECT id FROM sources WHERE name='results.csv'");
    int64_t late;
    assert_int_equal(tl_store_begin(s, &e), TL_OK);
    assert_int_equal(tl_store_source(s, "football.txt", "late.txt", "x/late.txt", &late, &e), TL_OK);
    near_match(s, "2020-03-03", x, y, late);
    near_is(s, "2020-03-01", x, y, 1, res, TL_OK, own, 1);
    near_is(s, "2020-03-02", x, y, 2, res, TL_EAMBIG, 0, 0); /* March 1 and 3: a day each */
    assert_int_equal(tl_store_commit(s, &e), TL_OK);
    tl_store_close(s);
    test_rm_db(db);
}

static void test_pg_matches_near(void **state)
{
    (void)state;
    char db[1024];
    pg_fresh(db, sizeof db);
    matches_near(db);
}

/* A further source fills in what a match does not know and changes
 * nothing it knows, whether or not that touches the columns the match
 * indexes hold (competition, edition, result), and the indexes agree. */
static void merge_fills_in(const char *db)
{
    tl_store *s;
    struct tl_error e;
    int64_t res, cup, x, y, wc, ed;
    int changed;
    assert_int_equal(tl_store_open(db, &s, &e), TL_OK);
    assert_int_equal(tl_store_begin(s, &e), TL_OK);
    assert_int_equal(tl_store_source(s, "international", "results.csv", "x/results.csv", &res, &e),
                     TL_OK);
    assert_int_equal(tl_store_source(s, "football.txt", "cup.txt", "x/cup.txt", &cup, &e), TL_OK);
    assert_int_equal(tl_store_team(s, "Xland", res, 1, &x, &e), TL_OK);
    assert_int_equal(tl_store_team(s, "Yland", res, 2, &y, &e), TL_OK);
    assert_int_equal(tl_store_competition(s, "FIFA World Cup", res, 1, &wc, &e), TL_OK);
    assert_int_equal(tl_store_edition(s, wc, "2022", cup, 1, &ed, &e), TL_OK);
    int64_t bare = near_match(s, "2022-11-20", x, y, res);  /* knows nothing */
    int64_t known = near_match(s, "2022-11-21", x, y, res); /* its competition, a result */
    struct tl_match_detail k = {.date = "2022-11-21", .home_id = x, .away_id = y,
                                .competition_id = wc, .status = "finished", .source_id = res,
                                .source_line = 2, .score = {2, 1}};
    for (int i = 0; i < 2; i++) k.ht[i] = k.ft[i] = k.aet[i] = k.so[i] = TL_NONE;
    k.match_no = k.utc_offset = k.goals_listed = TL_NONE;
    k.attendance = TL_NONE;
    assert_int_equal(tl_store_merge_match(s, known, &k, &changed, &e), TL_OK);
    struct tl_match_detail m = k;
    m.source_id = cup;
    m.edition_id = ed;
    m.venue = "Al Bayt Stadium";
    m.attendance = 67372;
    m.score[0] = 0;
    m.score[1] = 2;
    m.date = "2022-11-20";
    assert_int_equal(tl_store_merge_match(s, bare, &m, &changed, &e), TL_OK);
    assert_int_equal(changed, 1);
    m.date = "2022-11-21";
    m.competition_id = 0;
    assert_int_equal(tl_store_merge_match(s, known, &m, &changed, &e), TL_OK);
    assert_int_equal(changed, 1);
    m.edition_id = 0; /* the edition known now: only the kick-off is new */
    m.venue = "Lusail Stadium";
    m.attendance = TL_NONE;
    m.kickoff = "19:00";
    assert_int_equal(tl_store_merge_match(s, known, &m, &changed, &e), TL_OK);
    assert_int_equal(changed, 1);
    assert_int_equal(tl_store_commit(s, &e), TL_OK);
    tl_store_close(s);
    char sql[256], v[128];
    snprintf(sql, sizeof sql,
             "SELECT competition_id||' '||edition_id||' '||score_home||'-'||score_away||' '||venue||"
             "' '||attendance FROM matches WHERE id=%lld",
             (long long)bare);
    test_sql_text(db, sql, v, sizeof v);
    snprintf(sql, sizeof sql, "%lld %lld 0-2 Al Bayt Stadium 67372", (long long)wc, (long long)ed);
    assert_string_equal(v, sql);
    snprintf(sql, sizeof sql,
             "SELECT competition_id||' '||edition_id||' '||score_home||'-'||score_away||' '||venue||"
             "' '||attendance||' '||kickoff FROM matches WHERE id=%lld",
             (long long)known);
    test_sql_text(db, sql, v, sizeof v); /* the first venue stays; the result is the first source's */
    snprintf(sql, sizeof sql, "%lld %lld 2-1 Al Bayt Stadium 67372 19:00", (long long)wc,
             (long long)ed);
    assert_string_equal(v, sql);
    /* the indexes hold what the rows hold */
    snprintf(sql, sizeof sql, "SELECT count(*) FROM matches WHERE edition_id=%lld", (long long)ed);
    assert_int_equal(test_sql_long(db, sql), 2);
    snprintf(sql, sizeof sql,
             "SELECT count(*) FROM matches WHERE competition_id=%lld AND date>'2022'", (long long)wc);
    assert_int_equal(test_sql_long(db, sql), 2);
    snprintf(sql, sizeof sql,
             "SELECT count(*) FROM matches WHERE home_id=%lld AND score_home=0 AND score_away=2",
             (long long)x);
    assert_int_equal(test_sql_long(db, sql), 1);
}

static void test_merge_fills_in(void **state)
{
    (void)state;
    char db[256], ok[32];
    test_tmp_sqlite(db, sizeof db);
    merge_fills_in(db);
    test_sql_text(db, "PRAGMA integrity_check", ok, sizeof ok);
    assert_string_equal(ok, "ok");
    test_rm_db(db);
}

static void test_pg_merge_fills_in(void **state)
{
    (void)state;
    char db[1024];
    pg_fresh(db, sizeof db);
    merge_fills_in(db);
}

/* A source's path is stored absolute with its links resolved, as
 * realpath(3) gives it, whether the link is a directory of the path or the
 * file itself; a file that cannot be resolved is stored as given. */
static void test_source_paths(void **state)
{
    (void)state;
    char dir[] = "/tmp/tl-src-......", db[256], real[4096], sql[512], v[4096], want[4200];
    memset(dir + sizeof dir - 7, 'X', 6); /* mkdtemp's template: six of them */
    assert_non_null(mkdtemp(dir));
    assert_non_null(realpath(dir, real));
    char p[1024];
    snprintf(p, sizeof p, "%s/real", dir);
    assert_int_equal(mkdir(p, 0700), 0);
    const char *files[] = {"real/a.txt", "real/b.txt", "c.txt"};
    for (int i = 0; i < 3; i++) {
        snprintf(p, sizeof p, "%s/%s", dir, files[i]);
        FILE *f = fopen(p, "w");
        assert_non_null(f);
        fclose(f);
    }
    snprintf(p, sizeof p, "%s/link", dir);
    assert_int_equal(symlink("real", p), 0);
    snprintf(p, sizeof p, "%s/real/l.txt", dir);
    assert_int_equal(symlink("a.txt", p), 0);
    test_tmp_sqlite(db, sizeof db);
    tl_store *s;
    struct tl_error e;
    int64_t id;
    assert_int_equal(tl_store_open(db, &s, &e), TL_OK);
    assert_int_equal(tl_store_begin(s, &e), TL_OK);
    struct {
        const char *name, *path, *want; /* want: under the resolved folder, or NULL: as given */
    } c[] = {
        {"b via the link", "%s/link/b.txt", "real/b.txt"},
        {"a", "%s/real/a.txt", "real/a.txt"},
        {"l, a link to a", "%s/real/l.txt", "real/a.txt"},
        {"c, a folder up", "%s/c.txt", "c.txt"},
        {"b again via the link", "%s/link/b.txt", "real/b.txt"},
        {"a by a detour", "%s/link/../real/./a.txt", "real/a.txt"},
        {"missing", "%s/real/missing.txt", NULL},
        {"the folder itself", "%s/link/.", "real"},
    };
    const size_t n = sizeof c / sizeof c[0];
    for (size_t i = 0; i < n; i++) { /* one transaction: folders change from file to file */
        snprintf(p, sizeof p, c[i].path, dir);
        assert_int_equal(tl_store_source(s, "football.txt", c[i].name, p, &id, &e), TL_OK);
    }
    assert_int_equal(tl_store_commit(s, &e), TL_OK);
    tl_store_close(s);
    for (size_t i = 0; i < n; i++) {
        snprintf(p, sizeof p, c[i].path, dir);
        if (c[i].want) snprintf(want, sizeof want, "%s/%s", real, c[i].want);
        else snprintf(want, sizeof want, "%s", p);
        snprintf(sql, sizeof sql, "SELECT path FROM sources WHERE name='%s'", c[i].name);
        test_sql_text(db, sql, v, sizeof v);
        if (strcmp(v, want) != 0) fail_msg("%s: %s, expected %s", c[i].name, v, want);
    }
    test_rm_db(db);
    const char *rm[] = {"real/l.txt", "real/a.txt", "real/b.txt", "c.txt", "link", "real", ""};
    for (size_t i = 0; i < sizeof rm / sizeof rm[0]; i++) {
        snprintf(p, sizeof p, "%s/%s", dir, rm[i]);
        assert_int_equal(remove(p), 0);
    }
}

/* A source new in this transaction has no events stored yet: its events
 * are held even when the events table is not empty (a merge over the
 * results). Named again in the same transaction (the same file twice), its
 * events are looked up and updated, not written twice. */
static void held_events_new_source(const char *db)
{
    tl_store *s;
    struct tl_error e;
    int changed;
    assert_int_equal(tl_store_open(db, &s, &e), TL_OK);
    struct held h;
    held_setup(s, &h);
    struct tl_event_write ev = held_goal(&h, 0, 9);
    assert_int_equal(tl_store_put_event(s, &ev, &changed, &e), TL_OK);
    assert_int_equal(tl_store_commit(s, &e), TL_OK);
    assert_int_equal(tl_store_begin(s, &e), TL_OK);
    assert_int_equal(tl_store_defer(s), TL_OK);
    int64_t cup, again;
    assert_int_equal(tl_store_source(s, "football.txt", "2022--qatar/cup.txt",
                                     "x/2022--qatar/cup.txt", &cup, &e), TL_OK);
    ev.source_id = cup;
    assert_int_equal(tl_store_put_event(s, &ev, &changed, &e), TL_OK);
    assert_int_equal(changed, 1);
    assert_int_equal(tl_store_count(s, "events"), 2); /* read inside the transaction */
    assert_int_equal(tl_store_source(s, "football.txt", "2022--qatar/cup.txt",
                                     "y/2022--qatar/cup.txt", &again, &e), TL_OK);
    assert_int_equal(again, cup);
    ev.minute = 55;
    assert_int_equal(tl_store_put_event(s, &ev, &changed, &e), TL_OK);
    assert_int_equal(changed, 1);
    assert_int_equal(tl_store_put_event(s, &ev, &changed, &e), TL_OK);
    assert_int_equal(changed, 0);
    assert_int_equal(tl_store_commit(s, &e), TL_OK);
    tl_store_close(s);
    assert_int_equal(test_sql_long(db, "SELECT count(*) FROM events"), 2);
    char sql[128];
    snprintf(sql, sizeof sql, "SELECT minute FROM events WHERE source_id=%lld", (long long)cup);
    assert_int_equal(test_sql_long(db, sql), 55);
}

static void test_held_events_new_source(void **state)
{
    (void)state;
    char db[256];
    test_tmp_sqlite(db, sizeof db);
    held_events_new_source(db);
    test_rm_db(db);
}

static void test_pg_held_events_new_source(void **state)
{
    (void)state;
    char db[1024];
    pg_fresh(db, sizeof db);
    held_events_new_source(db);
}

/* A squad row held back (a load into a database that has players) is a
 * member of its squad for the names that follow, though reading the squad's
 * stored rows does not write the held ones first; also after the roster
 * was emptied by another write to players. */
static void test_held_squad_members(void **state)
{
    (void)state;
    char db[256];
    test_tmp_sqlite(db, sizeof db);
    tl_store *s;
    struct tl_error e;
    int64_t src, eng, comp, ed, other, kane, id;
    int changed;
    assert_int_equal(tl_store_open(db, &s, &e), TL_OK);
    assert_int_equal(tl_store_begin(s, &e), TL_OK);
    assert_int_equal(tl_store_source(s, "football.txt", "2022_squads.txt", "x/2022_squads.txt",
                                     &src, &e), TL_OK);
    assert_int_equal(tl_store_team(s, "England", src, 2, &eng, &e), TL_OK);
    assert_int_equal(tl_store_competition(s, "FIFA World Cup", src, 1, &comp, &e), TL_OK);
    assert_int_equal(tl_store_edition(s, comp, "2022", src, 1, &ed, &e), TL_OK);
    assert_int_equal(tl_store_player(s, "Bobby Moore", eng, src, 3, &other, &e), TL_OK);
    assert_int_equal(tl_store_commit(s, &e), TL_OK);
    for (int emptied = 0; emptied < 2; emptied++) {
        assert_int_equal(tl_store_begin(s, &e), TL_OK);
        assert_int_equal(tl_store_defer(s), TL_OK);
        /* (Kane without the edition: his squad is not read before his row) */
        assert_int_equal(tl_store_player_written(s, emptied ? "Jordan PICKFORD" : "Harry KANE", eng,
                                                 emptied ? "1994-03-07" : "1993-07-28",
                                                 emptied ? ed : 0, "2022-11-20", src, 4, &kane, &e),
                         TL_OK);
        assert_int_equal(tl_store_put_squad(s, ed, eng, kane, emptied ? 1 : 9,
                                            emptied ? "GK" : "FW", src, 4, &changed, &e), TL_OK);
        if (emptied) /* the results importer's write empties the roster */
            assert_int_equal(tl_store_player(s, "Gordon Banks", eng, src, 5, &other, &e), TL_OK);
        assert_int_equal(tl_store_player_written(s, emptied ? "PICKFORD" : "KANE", eng, NULL, ed,
                                                 "2022-12-10", src, 9, &id, &e), TL_OK);
        if (id != kane) fail_msg("emptied %d: %lld, not %lld", emptied, (long long)id, (long long)kane);
        assert_int_equal(tl_store_commit(s, &e), TL_OK);
    }
    tl_store_close(s);
    assert_int_equal(test_sql_long(db, "SELECT count(*) FROM players"), 4);
    assert_int_equal(test_sql_long(db, "SELECT count(*) FROM squads"), 2);
    test_rm_db(db);
}

/* The goals that count: of a match's lists, the longest; the others' goals
 * do not count. When the longest list's goals are deleted (a corrected
 * file), the list left counts again, whether they went one match at a time
 * (StatsBomb's prune) or by source (the results importer's). */
static void goals_that_count(const char *db, int by_source, int many)
{
    tl_store *s;
    struct tl_error e;
    int changed;
    assert_int_equal(tl_store_open(db, &s, &e), TL_OK);
    struct held h;
    held_setup(s, &h); /* a match, source h.src */
    int64_t full;
    assert_int_equal(tl_store_source(s, "football.txt", "more/2022_full.txt",
                                     "x/more/2022_full.txt", &full, &e), TL_OK);
    for (int k = 0; k < 2; k++) {
        struct tl_event_write ev = held_goal(&h, k, 9 + k);
        assert_int_equal(tl_store_put_event(s, &ev, &changed, &e), TL_OK);
    }
    struct tl_event_write one = held_goal(&h, 0, 30);
    one.source_id = full;
    assert_int_equal(tl_store_put_event(s, &one, &changed, &e), TL_OK);
    assert_int_equal(tl_store_pick_primary(s, &e), TL_OK);
    assert_int_equal(tl_store_commit(s, &e), TL_OK);
    char sql[160];
    snprintf(sql, sizeof sql, "SELECT sum(is_primary) FROM events WHERE source_id=%lld",
             (long long)h.src);
    assert_int_equal(test_sql_long(db, sql), 2);
    snprintf(sql, sizeof sql, "SELECT sum(is_primary) FROM events WHERE source_id=%lld",
             (long long)full);
    assert_int_equal(test_sql_long(db, sql), 0);
    /* the two-goal list is deleted */
    assert_int_equal(tl_store_begin(s, &e), TL_OK);
    /* (with goals in 2,100 other matches written too, the matches with two
     * lists are found on the index, and the pruned one listed) */
    for (int i = 0; i < (many ? 2100 : 0); i++) {
        struct tl_match_rec m = {.home = "England", .away = "France",
                                 .tournament = "FIFA World Cup", .score_home = 1,
                                 .score_away = 0, .prov = {"x", 100 + i}};
        tl_date_format((struct tl_date){1900 + i / 300, 1 + i / 25 % 12, 1 + i % 25}, m.date);
        const char *date = m.date;
        struct tl_match_write mw = {.rec = &m, .home_id = h.eng, .away_id = h.fra,
                                    .competition_id = h.comp, .source_id = full};
        int64_t mid;
        assert_int_equal(tl_store_put_match(s, &mw, &mid, &changed, &e), TL_OK);
        struct tl_event_write g = held_goal(&h, 0, 100 + i);
        g.match_id = mid;
        g.date = date;
        g.source_id = full;
        assert_int_equal(tl_store_put_event(s, &g, &changed, &e), TL_OK);
    }
    long deleted = 0;
    if (by_source) {
        int counts[1] = {0};
        assert_int_equal(tl_store_prune_events(s, h.src, counts, 1, &deleted, &e), TL_OK);
    } else {
        assert_int_equal(tl_store_prune_match(s, h.src, h.mid, 0, 0, &deleted, &e), TL_OK);
    }
    assert_int_equal(deleted, 2);
    assert_int_equal(tl_store_pick_primary(s, &e), TL_OK);
    assert_int_equal(tl_store_commit(s, &e), TL_OK);
    tl_store_close(s);
    assert_int_equal(test_sql_long(db, sql), 1 + (many ? 2100 : 0));
    assert_int_equal(test_sql_long(db, "SELECT count(*) FROM events"), 1 + (many ? 2100 : 0));
}

static void test_goals_that_count(void **state)
{
    (void)state;
    for (int v = 0; v < 3; v++) {
        char db[256];
        test_tmp_sqlite(db, sizeof db);
        goals_that_count(db, v == 1, v == 2);
        test_rm_db(db);
    }
}

static void test_pg_goals_that_count(void **state)
{
    (void)state;
    for (int v = 0; v < 2; v++) {
        char db[1024];
        pg_fresh(db, sizeof db);
        goals_that_count(db, v == 1, 0);
    }
}

/* Player ids too large for the roster's id array (a database whose ids were
 * set by hand) are found through its map: a player read twice (by name, then
 * with his squad) is one player, so his own name is "the same name and
 * team", not a form of a squad member's name. */
static void test_roster_large_ids(void **state)
{
    (void)state;
    char db[256], sql[512], v[128];
    test_tmp_sqlite(db, sizeof db);
    tl_store *s;
    struct tl_error e;
    int64_t src, fra, comp, ed, id;
    assert_int_equal(tl_store_open(db, &s, &e), TL_OK);
    assert_int_equal(tl_store_begin(s, &e), TL_OK);
    assert_int_equal(tl_store_source(s, "football.txt", "2022_squads.txt", "x/2022_squads.txt",
                                     &src, &e), TL_OK);
    assert_int_equal(tl_store_team(s, "France", src, 2, &fra, &e), TL_OK);
    assert_int_equal(tl_store_competition(s, "FIFA World Cup", src, 1, &comp, &e), TL_OK);
    assert_int_equal(tl_store_edition(s, comp, "2022", src, 1, &ed, &e), TL_OK);
    assert_int_equal(tl_store_commit(s, &e), TL_OK);
    const int64_t big = (int64_t)1 << 40;
    snprintf(sql, sizeof sql,
             "INSERT INTO players(id, name, folded, alt, team_id) VALUES(%lld, 'Kylian Mbappé',"
             " 'kylian mbappe', 'kylian mbappe', %lld) RETURNING id",
             (long long)big, (long long)fra);
    test_sql_text(db, sql, v, sizeof v);
    snprintf(sql, sizeof sql,
             "INSERT INTO squads(edition_id, team_id, player_id, number) VALUES(%lld, %lld, %lld,"
             " 10) RETURNING id",
             (long long)ed, (long long)fra, (long long)big);
    test_sql_text(db, sql, v, sizeof v);
    assert_int_equal(tl_store_begin(s, &e), TL_OK);
    assert_int_equal(tl_store_defer(s), TL_OK);
    assert_int_equal(tl_store_player_written(s, "Kylian MBAPPÉ", fra, NULL, ed, "2022-12-10", src,
                                             7, &id, &e), TL_OK);
    assert_int_equal(id, big);
    assert_int_equal(tl_store_commit(s, &e), TL_OK);
    tl_store_close(s);
    snprintf(sql, sizeof sql,
             "SELECT reason FROM player_spellings WHERE player_id=%lld AND spelling='Kylian Mbappé'",
             (long long)big);
    test_sql_text(db, sql, v, sizeof v);
    assert_string_equal(v, "the same name and team");
    assert_int_equal(test_sql_long(db, "SELECT count(*) FROM players"), 1);
    test_rm_db(db);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_open_migrate),
        cmocka_unit_test(test_new_database_wal),
        cmocka_unit_test(test_foreign_keys_enforced),
        cmocka_unit_test(test_upsert_and_rollback),
        cmocka_unit_test(test_held_rows),
        cmocka_unit_test(test_held_row_refused),
        cmocka_unit_test(test_keys_of_known_rows),
        cmocka_unit_test(test_pg_held_rows),
        cmocka_unit_test(test_held_players),
        cmocka_unit_test(test_roster_large_ids),
        cmocka_unit_test(test_goals_that_count),
        cmocka_unit_test(test_pg_goals_that_count),
        cmocka_unit_test(test_held_squad_members),
        cmocka_unit_test(test_held_events_new_source),
        cmocka_unit_test(test_pg_held_events_new_source),
        cmocka_unit_test(test_team_on_dates),
        cmocka_unit_test(test_pg_team_on_dates),
        cmocka_unit_test(test_matches_near),
        cmocka_unit_test(test_pg_matches_near),
        cmocka_unit_test(test_source_paths),
        cmocka_unit_test(test_held_player_improved),
        cmocka_unit_test(test_pg_held_player_improved),
        cmocka_unit_test(test_merge_fills_in),
        cmocka_unit_test(test_pg_merge_fills_in),
        cmocka_unit_test(test_transliterated),
        cmocka_unit_test(test_pg_transliterated),
        cmocka_unit_test(test_pg_held_players),
        cmocka_unit_test(test_pg_open_migrate),
        cmocka_unit_test(test_pg_statistics_after_load),
        cmocka_unit_test(test_pg_foreign_keys_enforced),
        cmocka_unit_test(test_pg_upsert_and_rollback),
    };
    return cmocka_run_group_tests_name("store", tests, NULL, NULL);
}
