/* store/store.c: opening, migrations, transactions and the import writes. */
#include "store_int.h"

#include <pthread.h>

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static const char *const stmt_sql[ST__COUNT] = {
    [ST_TEAM_GET] = "SELECT id FROM teams WHERE name=?1",
    [ST_TEAM_INS] = "INSERT INTO teams(name, folded, source_id, source_line) VALUES(?1,?2,?3,?4)",
    [ST_COMP_GET] = "SELECT id FROM competitions WHERE name=?1",
    [ST_COMP_INS] =
        "INSERT INTO competitions(name, folded, source_id, source_line) VALUES(?1,?2,?3,?4)",
    /* alt=?4, written so that each branch has an index (players_alt holds
     * only the players whose alt differs from their folded name) */
    [ST_PLAYER_GET] = "SELECT id FROM players WHERE (folded=?3 OR folded=?4 AND alt=?4 OR"
                      " alt=?4 AND alt<>folded) AND team_id IS ?2"
                      " ORDER BY folded IS NOT ?3, id LIMIT 1",
    [ST_PLAYER_INS] = "INSERT INTO players(name, folded, team_id, source_id, source_line, alt) "
                      "VALUES(?1,?2,?3,?4,?5,?6)",
    [ST_MATCH_GET] = "SELECT id FROM matches WHERE date=?1 AND home_id=?2 AND away_id=?3 AND seq=?4",
    [ST_MATCH_INS] =
        "INSERT INTO matches(date, home_id, away_id, seq, competition_id, city, country, neutral,"
        " score_home, score_away, status, source_id, source_line)"
        " VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13)",
    [ST_MATCH_UPD] =
        "UPDATE matches SET competition_id=?5, city=?6, country=?7, neutral=?8, score_home=?9,"
        " score_away=?10, status=?11, source_id=?12, source_line=?13"
        " WHERE id=?14 AND (competition_id, city, country, neutral, score_home, score_away, status,"
        " source_id, source_line) IS NOT (?5,?6,?7,?8,?9,?10,?11,?12,?13)",
    /* an event already stored keeps its player when the new reading names a
     * namesake (same folded name and team): namesakes were told apart by age */
    [ST_EVENT_GET] = "SELECT e.id, CASE WHEN (SELECT p1.folded=p2.folded AND p1.team_id IS"
                     " p2.team_id FROM players p1, players p2 WHERE p1.id=e.player_id AND"
                     " p2.id=?4) THEN e.player_id ELSE ?4 END FROM events e WHERE e.match_id=?1"
                     " AND e.source_id=?2 AND e.ord=?3",
    [ST_EVENT_INS] = "INSERT INTO events(match_id, kind, period, minute, added, team_id, player_id,"
                     " source_id, source_line, ord, date, player2_id, outcome, kick_order)"
                     " VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?12,?13,?14,?15)",
    [ST_EVENT_UPD] = "UPDATE events SET kind=?2, period=?3, minute=?4, added=?5, team_id=?6,"
                     " player_id=?7, source_line=?9, date=?12, player2_id=?13, outcome=?14,"
                     " kick_order=?15 WHERE id=?11 AND (kind, period, minute, added, team_id,"
                     " player_id, source_line, date, player2_id, outcome, kick_order) IS NOT"
                     " (?2,?3,?4,?5,?6,?7,?9,?12,?13,?14,?15)",
    [ST_SHOOTOUT] = "UPDATE matches SET so_winner_id=?2, so_first_id=?3, so_source_id=?4,"
                    " so_source_line=?5 WHERE id=?1 AND (so_winner_id, so_first_id, so_source_id,"
                    " so_source_line) IS NOT (?2, ?3, ?4, ?5)",
    [ST_FORMER] = "INSERT INTO team_names(team_id, name, folded, kind, start_date, end_date,"
                  " source_id, source_line) VALUES(?1,?2,?3,'former',?4,?5,?6,?7)"
                  " ON CONFLICT(team_id, name, start_date) DO UPDATE SET end_date=excluded.end_date,"
                  " source_id=excluded.source_id, source_line=excluded.source_line"
                  " WHERE (end_date, source_id, source_line) IS NOT"
                  " (excluded.end_date, excluded.source_id, excluded.source_line)",
    [ST_SOURCE_GET] = "SELECT id FROM sources WHERE kind=?1 AND name=?2",
    [ST_SOURCE_INS] = "INSERT INTO sources(kind, name, path, imported_at) VALUES(?1,?2,?3,?4)",
    [ST_SOURCE_UPD] = "UPDATE sources SET path=?3, imported_at=?4 WHERE id=?5",
};

tl_rc tl_store_fail(tl_store *s, struct tl_error *err, const char *what)
{
    return tl_err_at(err, TL_ESTORE, s->path, 0, 0, "%s: %s", what, db_errmsg(s->db));
}

db_stmt *tl_store_stmt(tl_store *s, enum stmt_id id, struct tl_error *err)
{
    if (!s->st[id] &&
        db_prepare_v3(s->db, stmt_sql[id], -1, SQLITE_PREPARE_PERSISTENT, &s->st[id], NULL)) {
        tl_store_fail(s, err, "prepare");
        return NULL;
    }
    db_reset(s->st[id]);
    db_clear_bindings(s->st[id]);
    return s->st[id];
}

db_stmt *tl_store_cached(tl_store *s, const char *sql, struct tl_error *err)
{
    size_t n = sizeof s->cache / sizeof s->cache[0], lru = 0;
    s->tick++;
    for (size_t i = 0; i < n; i++) {
        if (s->cache[i].sql && strcmp(s->cache[i].sql, sql) == 0) {
            s->cache[i].used = s->tick;
            db_reset(s->cache[i].st);
            db_clear_bindings(s->cache[i].st);
            return s->cache[i].st;
        }
        if (s->cache[i].used < s->cache[lru].used) lru = i;
    }
    db_stmt *st;
    if (db_prepare_v3(s->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &st, NULL) != SQLITE_OK) {
        tl_store_fail(s, err, "query");
        return NULL;
    }
    char *copy = tl_strdup(sql);
    if (!copy) {
        db_finalize(st);
        tl_err(err, TL_ENOMEM, "out of memory");
        return NULL;
    }
    db_finalize(s->cache[lru].st);
    tl_free(s->cache[lru].sql);
    s->cache[lru].sql = copy;
    s->cache[lru].st = st;
    s->cache[lru].used = s->tick;
    return st;
}

static tl_rc exec(tl_store *s, const char *sql, struct tl_error *err)
{
    char *msg = NULL;
    if (db_exec(s->db, sql, NULL, NULL, &msg) != SQLITE_OK) {
        tl_rc rc = tl_err_at(err, TL_ESTORE, s->path, 0, 0, "%s", msg ? msg : "exec failed");
        db_free(msg);
        return rc;
    }
    return TL_OK;
}

static int query_int(tl_store *s, const char *sql, int def)
{
    db_stmt *st;
    int v = def;
    if (db_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK) return def;
    if (db_step(st) == SQLITE_ROW) v = db_column_int(st, 0);
    db_finalize(st);
    return v;
}

/* the schema version (0: a new database), or why it cannot be read: a
 * version taken for 0 would run the first migration on a full database */
static tl_rc read_version(tl_store *s, int *v, struct tl_error *err)
{
    db_stmt *st;
    if (db_prepare_v2(s->db, "PRAGMA user_version", -1, &st, NULL) != SQLITE_OK)
        return tl_store_fail(s, err, "reading the schema version");
    int r = db_step(st);
    *v = r == SQLITE_ROW ? db_column_int(st, 0) : 0;
    tl_rc rc = r == SQLITE_ROW || r == SQLITE_DONE ? TL_OK
                                                    : tl_store_fail(s, err, "reading the schema version");
    db_finalize(st);
    return rc;
}

static tl_rc migrate(tl_store *s, struct tl_error *err)
{
    tl_rc vrc = read_version(s, &s->version, err);
    if (vrc) return vrc;
    if (s->version > tl_store_nmigrations)
        return tl_err_at(err, TL_ESTORE, s->path, 0, 0,
                         "database schema version %d is newer than this touchline (%d); upgrade "
                         "touchline",
                         s->version, tl_store_nmigrations);
    if (s->version == 0 && !db_pg(s->db)) {
        /* a new SQLite database: every migration in one transaction (a
         * commit each was most of the time an open took) */
        tl_rc rc = exec(s, "BEGIN IMMEDIATE", err);
        if (rc) return rc;
        int v = 0;
        if ((rc = read_version(s, &v, err)) == TL_OK && v == 0) {
            for (int i = 0; !rc && i < tl_store_nmigrations; i++) rc = exec(s, tl_store_migrations[i], err);
            char pragma[64];
            snprintf(pragma, sizeof pragma, "PRAGMA user_version=%d", tl_store_nmigrations);
            if (!rc) rc = exec(s, pragma, err);
        }
        if (!rc) rc = exec(s, "COMMIT", err);
        if (rc) {
            exec(s, "ROLLBACK", NULL);
            return rc;
        }
        return read_version(s, &s->version, err);
    }
    while (s->version < tl_store_nmigrations) {
        tl_rc rc = exec(s, "BEGIN IMMEDIATE", err);
        if (rc) return rc;
        /* another process (a server node) may have migrated meanwhile */
        if ((rc = read_version(s, &s->version, err))) {
            exec(s, "ROLLBACK", NULL);
            return rc;
        }
        if (s->version >= tl_store_nmigrations) {
            exec(s, "COMMIT", NULL);
            break;
        }
        rc = exec(s, tl_store_migrations[s->version], err);
        char pragma[64];
        snprintf(pragma, sizeof pragma, "PRAGMA user_version=%d", s->version + 1);
        if (!rc) rc = exec(s, pragma, err);
        if (!rc) rc = exec(s, "COMMIT", err);
        if (rc) {
            exec(s, "ROLLBACK", NULL);
            return rc;
        }
        s->version++;
    }
    return TL_OK;
}

static int table_empty(tl_store *s, const char *table)
{
    char sql[80];
    snprintf(sql, sizeof sql, "SELECT NOT EXISTS(SELECT 1 FROM %s)", table);
    return query_int(s, sql, 0);
}

/* A database's name for messages: a PostgreSQL URL without its password. */
static char *label(const char *path)
{
    if (!path) return NULL;
    char *l = tl_strdup(path);
    if (!l || !db_is_pg(path)) return l;
    char *at = strchr(l, '@'), *scheme = strstr(l, "://");
    char *colon = scheme ? strchr(scheme + 3, ':') : NULL;
    if (at && colon && colon < at) memmove(colon, at, strlen(at) + 1);
    /* and a password=... parameter */
    for (char *p = strchr(l, '?'); p && *p;) {
        if (strncmp(p + 1, "password=", 9) != 0) {
            p = strchr(p + 1, '&');
            continue;
        }
        char *end = strchr(p + 1, '&');
        if (end) memmove(p + 1, end + 1, strlen(end + 1) + 1); /* the next one here, looked at */
        else *p = 0;
    }
    return l;
}

static tl_rc open_db(const char *path, int create, tl_store **out, struct tl_error *err)
{
    *out = NULL;
    int pg = db_is_pg(path);
    if (!pg && !create && access(path, F_OK) != 0)
        return tl_err_at(err, TL_ENOTFOUND, path, 0, 0,
                         "no database here; load one first with "
                         "'touchline import international DIR' (or 'make run')");
    tl_store *s = tl_calloc(1, sizeof *s);
    if (!s) return tl_err(err, TL_ENOMEM, "out of memory");
    s->path = label(path);
    tl_map_init(&s->teams);
    tl_map_init(&s->comps);
    tl_map_init(&s->players);
    tl_map_init(&s->born);
    tl_map_init(&s->team_on);
    tl_map_init(&s->team_any);
    tl_map_init(&s->new_sources);
    tl_map_init(&s->touched);
    tl_map_init(&s->spelled);
    tl_map_init(&s->roster.keys);
    tl_rc rc;
    if (!s->path) { rc = tl_err(err, TL_ENOMEM, "out of memory"); goto fail; }
    char *why = NULL;
    if (db_open(path, &s->db, create, &why) != SQLITE_OK) {
        rc = tl_err_at(err, TL_ESTORE, s->path, 0, 0,
                       "cannot open the database: %s", why ? why : "out of memory");
        tl_free(why);
        goto fail;
    }
    /* before any statement is prepared: the connection marks those that
     * read tables rows may be held back for (pending.c) */
    if ((rc = tl_pend_open(s, err))) goto fail;
    /* A new SQLite database keeps its rollback journal until its first
     * load has committed (or it is closed): a load into an empty database
     * runs with one anyway (tl_store_begin), and creating the WAL only to
     * check it in and delete it again cost ~3 ms. */
    int version = 0;
    if (!pg && (rc = read_version(s, &version, err))) goto fail;
    s->wal_later = !pg && version == 0;
    /* 16 KiB pages for a new database (no effect on an existing one): the
     * import was 12% faster than with 4 KiB and team queries no slower */
    rc = exec(s,
              s->wal_later ? "PRAGMA page_size=16384; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;"
                             " PRAGMA cache_size=-32000; PRAGMA temp_store=MEMORY;"
                           : "PRAGMA page_size=16384; PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"
                             " PRAGMA foreign_keys=ON; PRAGMA cache_size=-32000; PRAGMA temp_store=MEMORY;",
              err);
    if (!rc && pg && !create) rc = read_version(s, &version, err);
    if (!rc && pg && !create && version == 0) {
        rc = tl_err_at(err, TL_ENOTFOUND, s->path, 0, 0,
                       "no touchline data in this database; load some first with "
                       "'touchline import international DIR'");
        goto fail;
    }
    if (!rc) rc = migrate(s, err);
    if (rc) goto fail;
    *out = s;
    return TL_OK;
fail:
    tl_store_close(s);
    return rc;
}

tl_rc tl_store_open(const char *path, tl_store **out, struct tl_error *err)
{
    return open_db(path, 1, out, err);
}

tl_rc tl_store_open_existing(const char *path, tl_store **out, struct tl_error *err)
{
    return open_db(path, 0, out, err);
}

static void restore_wal(tl_store *s);

/* The caches and records of one transaction (end_tx, close). */
static void free_tx_state(tl_store *s)
{
    tl_map_free(&s->born);
    tl_map_free(&s->team_on);
    tl_map_free(&s->team_any);
    tl_map_free(&s->new_sources);
    tl_map_free(&s->touched);
    tl_free(s->touched_ids);
    s->touched_ids = NULL;
    s->ntouched = s->touched_alloc = 0;
    tl_map_free(&s->spelled);
    free(s->src_dir_abs); /* (realpath's) */
    tl_free(s->src_dir);
    s->src_dir = s->src_dir_abs = NULL;
}

void tl_store_close(tl_store *s)
{
    if (!s) return;
    if (s->db) restore_wal(s); /* a new database never loaded: WAL as every other */
    for (int i = 0; i < ST__COUNT; i++) db_finalize(s->st[i]);
    tl_pend_close(s);
    tl_fk_close(s);
    for (size_t i = 0; i < sizeof s->cache / sizeof s->cache[0]; i++) {
        db_finalize(s->cache[i].st);
        tl_free(s->cache[i].sql);
    }
    db_close(s->db);
    tl_map_free(&s->teams);
    tl_map_free(&s->comps);
    tl_map_free(&s->players);
    free_tx_state(s);
    tl_roster_end(s);
    tl_free(s->path);
    tl_free(s);
}

int tl_store_version(tl_store *s) { return s->version; }

int tl_store_shared(const char *db) { return db_is_pg(db); }

char *tl_store_label(const char *db) { return label(db); }

int pg_listen_open(const char *target, void **out, char **why);
int pg_listen_wait(void *h, int timeout_ms);
void pg_listen_close(void *h);

struct tl_store_watch {
    void *pg;
};

tl_rc tl_store_watch_open(const char *db, tl_store_watch **out, struct tl_error *err)
{
    *out = NULL;
    if (!db_is_pg(db))
        return tl_err(err, TL_EUSAGE, "only a PostgreSQL store is shared with other processes");
    tl_store_watch *w = tl_calloc(1, sizeof *w);
    if (!w) return tl_err(err, TL_ENOMEM, "out of memory");
    char *why = NULL;
    if (pg_listen_open(db, &w->pg, &why) != SQLITE_OK) {
        char *l = label(db);
        tl_rc rc = tl_err_at(err, TL_ESTORE, l, 0, 0, "cannot listen: %s",
                             why ? why : "out of memory");
        tl_free(l);
        tl_free(why);
        tl_free(w);
        return rc;
    }
    *out = w;
    return TL_OK;
}

int tl_store_watch_wait(tl_store_watch *w, int timeout_ms) { return pg_listen_wait(w->pg, timeout_ms); }

void tl_store_watch_close(tl_store_watch *w)
{
    if (!w) return;
    pg_listen_close(w->pg);
    tl_free(w);
}

tl_rc tl_store_begin(tl_store *s, struct tl_error *err)
{
    /* Foreign keys are checked once for the whole transaction at commit,
     * over the rows it wrote (tl_fk_begin starts the record of them; fk.c),
     * instead of per row; the pragma cannot change inside a transaction, so
     * it is set here. */
    /* Into an empty SQLite database (nothing to protect but an empty
     * schema), a rollback journal: the rows are written to the database file
     * once, where the WAL writes them twice (the log, then the checkpoint).
     * The journal keeps the import all or nothing; the mode returns to WAL
     * when the transaction ends, and every open sets WAL again anyway. If
     * another connection has the database open, the switch is refused and
     * the load stays in WAL mode. */
    if (!db_pg(s->db) && !getenv("TOUCHLINE_KEEP_WAL") && table_empty(s, "matches") &&
        table_empty(s, "players") && table_empty(s, "events")) {
        char mode[16] = "";
        db_stmt *st;
        if (db_prepare_v2(s->db, "PRAGMA journal_mode=DELETE", -1, &st, NULL) == SQLITE_OK) {
            if (db_step(st) == SQLITE_ROW)
                snprintf(mode, sizeof mode, "%s", (const char *)db_column_text(st, 0));
            db_finalize(st);
        }
        s->journal_switched = strcmp(mode, "delete") == 0;
    }
    tl_rc rc = exec(s, "PRAGMA foreign_keys=OFF; BEGIN IMMEDIATE", err);
    if (!rc) rc = tl_fk_begin(s, err);
    if (rc) {
        tl_store_rollback(s);
        return rc;
    }
    s->fresh_matches = table_empty(s, "matches");
    s->fresh_events = table_empty(s, "events");
    s->fresh_players = table_empty(s, "players");
    return TL_OK;
}

/* Back to WAL after a load with a rollback journal (tl_store_begin). */
static void restore_wal(tl_store *s)
{
    if ((s->journal_switched || s->wal_later) && db_get_autocommit(s->db)) {
        exec(s, "PRAGMA journal_mode=WAL", NULL);
        s->journal_switched = s->wal_later = 0;
    }
}

static void end_tx(tl_store *s)
{
    tl_pend_end(s);
    tl_fk_end(s);
    s->fresh_matches = s->fresh_events = s->fresh_players = s->unspelled = 0;
    s->event_source = s->event_sources = s->primary_all = 0;
    free_tx_state(s);
    tl_roster_end(s);
    tl_free(s->deferred_index_sql);
    s->deferred_index_sql = NULL;
}

int tl_store_matches_fresh(tl_store *s) { return s->fresh_matches; }

tl_rc tl_store_begin_derived(tl_store *s, struct tl_error *err)
{
    return exec(s, "BEGIN IMMEDIATE", err);
}

tl_rc tl_store_commit_derived(tl_store *s, struct tl_error *err)
{
    tl_rc rc = exec(s, "COMMIT", err);
    if (!rc) restore_wal(s); /* a new database's first write: WAL from now on */
    if (rc) tl_store_rollback(s);
    return rc;
}

tl_rc tl_store_bulk(tl_store *s, struct tl_error *err)
{
    if (!s->fresh_matches || !s->fresh_events || s->deferred_index_sql || db_pg(s->db))
        return TL_OK;
    db_stmt *st;
    struct tl_buf create, drop;
    tl_buf_init(&create, 0);
    tl_buf_init(&drop, 0);
    tl_rc rc = TL_OK;
    /* (a partial index stays: a row costs it the test of its WHERE, where
     * building it again read the whole table for the few rows it holds;
     * none of the results' 49,520 matches has an edition) */
    if (db_prepare_v2(s->db,
                           "SELECT name, sql FROM sqlite_master WHERE type='index' AND sql IS NOT"
                           " NULL AND tbl_name IN ('matches','events','players') AND sql NOT LIKE"
                           " '% WHERE %'",
                           -1, &st, NULL))
        return tl_store_fail(s, err, "bulk load");
    while (!rc && db_step(st) == SQLITE_ROW) {
        rc = tl_buf_printf(&drop, "DROP INDEX \"%s\";", (const char *)db_column_text(st, 0));
        if (!rc) rc = tl_buf_printf(&create, "%s;", (const char *)db_column_text(st, 1));
    }
    db_finalize(st);
    if (!rc && drop.len) rc = exec(s, drop.data, err);
    if (!rc && create.len) {
        s->deferred_index_sql = create.data;
        create.data = NULL;
    }
    tl_buf_free(&create);
    tl_buf_free(&drop);
    return rc;
}

/* PostgreSQL, inside a load's transaction: "ANALYZE" and the tables it
 * changed by more than autovacuum's own threshold (50 rows and a tenth of
 * the table), or NULL. Run after the COMMIT: autovacuum would do it within
 * a minute or so, but queries right after an import planned without
 * statistics ran 2-4x slower (a competition's scorer chart 278 ms against
 * 53, its history 260 against 153). */
static char *stale_statistics(tl_store *s)
{
    if (!db_pg(s->db)) return NULL;
    db_stmt *st;
    if (db_prepare_v2(s->db,
                      "SELECT c.relname FROM pg_class c WHERE"
                      " c.relnamespace=to_regnamespace(current_schema()) AND c.relkind='r' AND"
                      " pg_stat_get_xact_tuples_inserted(c.oid)+pg_stat_get_xact_tuples_updated(c.oid)"
                      "+pg_stat_get_xact_tuples_deleted(c.oid) > 50+0.1*greatest(c.reltuples, 0)"
                      " ORDER BY 1",
                      -1, &st, NULL))
        return NULL;
    struct tl_buf b;
    tl_buf_init(&b, 0);
    int failed = 0;
    while (!failed && db_step(st) == SQLITE_ROW) {
        const char *t = (const char *)db_column_text(st, 0);
        failed = strchr(t, '"') || tl_buf_printf(&b, "%s\"%s\"", b.len ? ", " : "ANALYZE ", t);
    }
    db_finalize(st);
    if (failed || !b.len) {
        tl_buf_free(&b);
        return NULL;
    }
    return b.data;
}

tl_rc tl_store_commit(tl_store *s, struct tl_error *err)
{
    tl_rc rc = tl_pend_flush(s, err);
    /* every player without a recorded spelling was first seen as his name
     * (tl_store_player into an empty table; every other writer of players
     * records a spelling itself) */
    if (!rc && s->unspelled) rc = exec(s,
                    "INSERT INTO player_spellings(player_id, source_id, spelling, reason,"
                    " source_line) SELECT id, source_id, name, 'first seen here', source_line FROM"
                    " players p WHERE source_id IS NOT NULL AND NOT EXISTS(SELECT 1 FROM"
                    " player_spellings ps WHERE ps.player_id=p.id)",
                    err);
    if (!rc && s->deferred_index_sql) rc = exec(s, s->deferred_index_sql, err);
    if (!rc) rc = tl_fk_check(s, err);
    char *analyze = rc ? NULL : stale_statistics(s);
    if (!rc) rc = exec(s, "COMMIT", err);
    end_tx(s);
    if (rc) tl_store_rollback(s);
    else exec(s, "PRAGMA foreign_keys=ON", NULL);
    /* (the import stands whether or not this succeeds) */
    if (!rc && analyze) exec(s, analyze, NULL);
    tl_free(analyze);
    restore_wal(s);
    return rc;
}

void tl_store_rollback(tl_store *s)
{
    end_tx(s);
    if (!db_get_autocommit(s->db)) exec(s, "ROLLBACK", NULL);
    exec(s, "PRAGMA foreign_keys=ON", NULL);
    restore_wal(s);
    tl_map_free(&s->teams);
    tl_map_free(&s->comps);
    tl_map_free(&s->players);
}

tl_rc tl_store_check(tl_store *s, struct tl_error *err)
{
    db_stmt *st;
    tl_rc rc = TL_OK;
    if (db_prepare_v2(s->db, "PRAGMA integrity_check", -1, &st, NULL))
        return tl_store_fail(s, err, "integrity_check");
    if (db_step(st) != SQLITE_ROW ||
        strcmp((const char *)db_column_text(st, 0), "ok") != 0)
        rc = tl_err_at(err, TL_ESTORE, s->path, 0, 0, "integrity check failed: %s",
                       (const char *)db_column_text(st, 0));
    db_finalize(st);
    if (rc) return rc;
    return tl_fk_check_all(s, err);
}

long tl_store_count(tl_store *s, const char *table)
{
    static const char *const allowed[] = {"sources", "competitions", "editions", "stages",
                                          "stage_groups", "teams", "team_names", "players",
                                          "matches", "match_refs", "events", "lineups", "squads",
                                          "sb_teams", "sb_players", "sb_matches", "sb_events", "elo"};
    int ok = 0;
    for (size_t i = 0; i < sizeof allowed / sizeof *allowed; i++)
        if (strcmp(table, allowed[i]) == 0) ok = 1;
    if (!ok) return -1;
    char sql[80];
    snprintf(sql, sizeof sql, "SELECT count(*) FROM %s", table);
    return query_int(s, sql, -1);
}

/* ---- writes ---- */

/* Step a lookup: 1 and *id when a row comes back, 0 when none, -1 on error. */
/* one id from st, then reset: a statement left on a row holds a read
 * snapshot, and a long-lived connection (the server's) must not keep one
 * into its next write */
static int step_id2(db_stmt *st, int64_t *id, int64_t *second)
{
    int r = db_step(st);
    if (r == SQLITE_ROW) {
        *id = db_column_int64(st, 0);
        if (second) *second = db_column_int64(st, 1);
    }
    db_reset(st);
    return r == SQLITE_ROW ? 1 : r == SQLITE_DONE ? 0 : -1;
}

static int step_id(db_stmt *st, int64_t *id) { return step_id2(st, id, NULL); }

/* path made absolute, its links resolved (realpath), or NULL when that
 * fails. A load's files share a few directories: the last one's answer is
 * kept, and a file that is not a link itself is its directory's answer and
 * its own name (realpath asked the kernel about every component of every
 * file, ~7 us each). */
static char *source_path(tl_store *s, const char *path)
{
    const char *slash = strrchr(path, '/');
    struct stat st;
    if (!slash || !slash[1] || strcmp(slash + 1, ".") == 0 || strcmp(slash + 1, "..") == 0 ||
        lstat(path, &st) != 0 || S_ISLNK(st.st_mode))
        return realpath(path, NULL);
    size_t dn = (size_t)(slash - path);
    if (!s->src_dir || strlen(s->src_dir) != dn || memcmp(s->src_dir, path, dn) != 0) {
        free(s->src_dir_abs);
        tl_free(s->src_dir);
        s->src_dir_abs = NULL;
        if (!(s->src_dir = tl_malloc(dn + 2))) return realpath(path, NULL);
        memcpy(s->src_dir, path, dn);
        s->src_dir[dn] = '\0';
        s->src_dir_abs = realpath(dn ? s->src_dir : "/", NULL);
    }
    if (!s->src_dir_abs) return realpath(path, NULL);
    size_t an = strlen(s->src_dir_abs), fn = strlen(slash + 1);
    char *out = malloc(an + fn + 2); /* freed as realpath's answer is */
    if (!out) return NULL;
    memcpy(out, s->src_dir_abs, an);
    size_t o = an;
    if (!an || out[an - 1] != '/') out[o++] = '/';
    memcpy(out + o, slash + 1, fn + 1);
    return out;
}

tl_rc tl_store_source(tl_store *s, const char *kind, const char *name, const char *path,
                      int64_t *id, struct tl_error *err)
{
    char *abs = source_path(s, path);
    const char *p = abs ? abs : path;
    char now[32];
    time_t t = time(NULL);
    struct tm tm;
    strftime(now, sizeof now, "%Y-%m-%dT%H:%M:%SZ", gmtime_r(&t, &tm));
    db_stmt *st = tl_store_stmt(s, ST_SOURCE_GET, err);
    tl_rc rc = TL_OK;
    if (!st) { rc = TL_ESTORE; goto out; }
    db_bind_text(st, 1, kind, -1, SQLITE_STATIC);
    db_bind_text(st, 2, name, -1, SQLITE_STATIC);
    int r = step_id(st, id);
    if (r < 0) { rc = tl_store_fail(s, err, "source lookup"); goto out; }
    st = tl_store_stmt(s, r ? ST_SOURCE_UPD : ST_SOURCE_INS, err);
    if (!st) { rc = TL_ESTORE; goto out; }
    db_bind_text(st, 1, kind, -1, SQLITE_STATIC);
    db_bind_text(st, 2, name, -1, SQLITE_STATIC);
    db_bind_text(st, 3, p, -1, SQLITE_STATIC);
    db_bind_text(st, 4, now, -1, SQLITE_TRANSIENT);
    if (r) db_bind_int64(st, 5, *id);
    if (db_step(st) != SQLITE_DONE) { rc = tl_store_fail(s, err, "source"); goto out; }
    if (!r) *id = db_last_insert_rowid(s->db);
    char key[8];
    memcpy(key, id, sizeof key);
    /* named again in the same transaction: its events may be stored now */
    if (tl_map_put(&s->new_sources, key, sizeof key, !r)) rc = tl_err(err, TL_ENOMEM, "out of memory");
out:
    free(abs);
    return rc;
}

/* Get-or-create by name through a cache. */
static tl_rc named(tl_store *s, struct tl_map *cache, enum stmt_id get, enum stmt_id ins,
                   const char *name, int64_t src, long line, int64_t *id, struct tl_error *err)
{
    size_t n = strlen(name);
    if (tl_map_get(cache, name, n, id)) return TL_OK;
    db_stmt *st = tl_store_stmt(s, get, err);
    if (!st) return TL_ESTORE;
    db_bind_text(st, 1, name, (int)n, SQLITE_STATIC);
    int r = step_id(st, id);
    if (r < 0) return tl_store_fail(s, err, "lookup");
    if (r == 0) {
        char folded[256];
        tl_fold(name, n, folded, sizeof folded);
        st = tl_store_stmt(s, ins, err);
        if (!st) return TL_ESTORE;
        db_bind_text(st, 1, name, (int)n, SQLITE_STATIC);
        db_bind_text(st, 2, folded, -1, SQLITE_STATIC);
        tl_bind_id(st, 3, src);
        db_bind_int64(st, 4, line);
        if (db_step(st) != SQLITE_DONE) return tl_store_fail(s, err, "insert");
        *id = db_last_insert_rowid(s->db);
    }
    tl_rc rc = tl_map_put(cache, name, n, *id);
    return rc ? tl_err(err, rc, "out of memory") : TL_OK;
}

tl_rc tl_store_team(tl_store *s, const char *name, int64_t src, long line, int64_t *id,
                    struct tl_error *err)
{
    return named(s, &s->teams, ST_TEAM_GET, ST_TEAM_INS, name, src, line, id, err);
}

tl_rc tl_store_competition(tl_store *s, const char *name, int64_t src, long line, int64_t *id,
                           struct tl_error *err)
{
    return named(s, &s->comps, ST_COMP_GET, ST_COMP_INS, name, src, line, id, err);
}

tl_rc tl_store_player(tl_store *s, const char *name, int64_t team_id, int64_t src, long line,
                      int64_t *id, struct tl_error *err)
{
    /* one player per folded name within a team: "Kylian Mbappé" and
     * "Kylian MBAPPE" are the same person */
    char folded[256];
    tl_fold(name, strlen(name), folded, sizeof folded);
    struct tl_key key = {0};
    tl_key_int(&key, team_id);
    tl_key_str(&key, folded);
    if (tl_map_get(&s->players, key.b, key.n, id)) return TL_OK;
    db_stmt *st;
    int r = 0;
    if (!s->fresh_players) {
        st = tl_store_stmt(s, ST_PLAYER_GET, err);
        if (!st) return TL_ESTORE;
        db_bind_text(st, 1, name, -1, SQLITE_STATIC);
        tl_bind_id(st, 2, team_id);
        db_bind_text(st, 3, folded, -1, SQLITE_STATIC);
        char alt4[256];
        tl_fold_alt(folded, alt4, sizeof alt4);
        db_bind_text(st, 4, alt4, -1, SQLITE_TRANSIENT);
        r = step_id(st, id);
        if (r == 1) { /* a better-written name replaces the stored one */
            db_stmt *up;
            if (db_prepare_v2(s->db, "SELECT name FROM players WHERE id=?1", -1, &up, NULL) ==
                SQLITE_OK) {
                db_bind_int64(up, 1, *id);
                int better = db_step(up) == SQLITE_ROW &&
                             tl_name_quality(name) >
                                 tl_name_quality((const char *)db_column_text(up, 0));
                db_finalize(up);
                if (better && db_prepare_v2(s->db, "UPDATE players SET name=?2 WHERE id=?1",
                                                 -1, &up, NULL) == SQLITE_OK) {
                    db_bind_int64(up, 1, *id);
                    db_bind_text(up, 2, name, -1, SQLITE_STATIC);
                    int ok = db_step(up) == SQLITE_DONE;
                    db_finalize(up);
                    if (!ok) return tl_store_fail(s, err, "player name");
                    tl_roster_forget(s);
                }
            }
        }
    }
    if (r < 0) return tl_store_fail(s, err, "player lookup");
    int64_t held = 0;
    /* into an empty players table nothing reads them back before the
     * commit (the map above answers): held, written in one statement */
    if (r == 0 && s->fresh_players) {
        tl_rc hrc = tl_pend_id_any(s, PEND_PLAYERS, &held, err);
        if (hrc) return hrc;
    }
    if (held) {
        char alt[256];
        tl_fold_alt(folded, alt, sizeof alt);
        struct tl_pval v[] = {pv_int(held), pv_text(name), pv_text(folded), pv_id(team_id),
                              pv_null(),    pv_id(src),    pv_int(line),    pv_text(alt)};
        int changed;
        tl_rc hrc = tl_pend_add(s, PEND_PLAYERS, v, &changed, err);
        if (hrc) return hrc;
        *id = held;
        tl_roster_forget(s);
    } else if (r == 0) {
        st = tl_store_stmt(s, ST_PLAYER_INS, err);
        if (!st) return TL_ESTORE;
        db_bind_text(st, 1, name, -1, SQLITE_STATIC);
        db_bind_text(st, 2, folded, -1, SQLITE_STATIC);
        tl_bind_id(st, 3, team_id);
        tl_bind_id(st, 4, src);
        db_bind_int64(st, 5, line);
        char alt[256];
        tl_fold_alt(folded, alt, sizeof alt);
        db_bind_text(st, 6, alt, -1, SQLITE_STATIC);
        if (db_step(st) != SQLITE_DONE) return tl_store_fail(s, err, "player insert");
        *id = db_last_insert_rowid(s->db);
        tl_roster_forget(s);
    }
    tl_rc rc = TL_OK;
    if (s->fresh_players) s->unspelled |= r == 0; /* recorded at commit, in one go */
    else
        rc = tl_store_spelling(s, *id, src, name, r ? "the same name and team" : "first seen here",
                               line, err);
    if (rc) return rc;
    rc = tl_map_put(&s->players, key.b, key.n, *id);
    return rc ? tl_err(err, rc, "out of memory") : TL_OK;
}

tl_rc tl_store_match_id(tl_store *s, const char *date, int64_t home_id, int64_t away_id, int seq,
                        int64_t *id, struct tl_error *err)
{
    db_stmt *st = tl_store_stmt(s, ST_MATCH_GET, err);
    if (!st) return TL_ESTORE;
    db_bind_text(st, 1, date, -1, SQLITE_STATIC);
    db_bind_int64(st, 2, home_id);
    db_bind_int64(st, 3, away_id);
    db_bind_int(st, 4, seq);
    int r = step_id(st, id);
    if (r < 0) return tl_store_fail(s, err, "match lookup");
    return r == 0 ? TL_ENOTFOUND : TL_OK;
}

tl_rc tl_store_put_match(tl_store *s, const struct tl_match_write *w, int64_t *id, int *changed,
                         struct tl_error *err)
{
    const struct tl_match_rec *m = w->rec;
    tl_rc rc = s->fresh_matches
                   ? TL_ENOTFOUND
                   : tl_store_match_id(s, m->date, w->home_id, w->away_id, m->seq, id, err);
    if (rc && rc != TL_ENOTFOUND) return rc;
    int found = rc == TL_OK;
    int64_t held = 0;
    if (!found && (rc = tl_pend_id(s, PEND_MATCHES, &held, err))) return rc;
    if (held) {
        struct tl_pval v[] = {pv_int(held),
                              pv_text(m->date),
                              pv_int(w->home_id),
                              pv_int(w->away_id),
                              pv_int(m->seq),
                              pv_id(w->competition_id),
                              pv_text(m->city),
                              pv_text(m->country),
                              pv_int(m->neutral ? 1 : 0),
                              pv_intn(m->score_home),
                              pv_intn(m->score_away),
                              pv_text(m->score_home == TL_NONE ? "scheduled" : "finished"),
                              pv_id(w->source_id),
                              pv_int(m->prov.line)};
        *id = held;
        return tl_pend_add(s, PEND_MATCHES, v, changed, err);
    }
    db_stmt *st = tl_store_stmt(s, found ? ST_MATCH_UPD : ST_MATCH_INS, err);
    if (!st) return TL_ESTORE;
    db_bind_text(st, 1, m->date, -1, SQLITE_STATIC);
    db_bind_int64(st, 2, w->home_id);
    db_bind_int64(st, 3, w->away_id);
    db_bind_int(st, 4, m->seq);
    tl_bind_id(st, 5, w->competition_id);
    tl_bind_text(st, 6, m->city);
    tl_bind_text(st, 7, m->country);
    db_bind_int(st, 8, m->neutral ? 1 : 0);
    tl_bind_int(st, 9, m->score_home);
    tl_bind_int(st, 10, m->score_away);
    db_bind_text(st, 11, m->score_home == TL_NONE ? "scheduled" : "finished", -1,
                      SQLITE_STATIC);
    tl_bind_id(st, 12, w->source_id);
    db_bind_int64(st, 13, m->prov.line);
    if (found) db_bind_int64(st, 14, *id);
    if (db_step(st) != SQLITE_DONE)
        return tl_err_at(err, TL_ESTORE, m->prov.file, m->prov.line, 0, "storing the match: %s",
                         db_errmsg(s->db));
    *changed = db_changes(s->db) > 0;
    if (!found) *id = db_last_insert_rowid(s->db);
    return TL_OK;
}

/* Remember that this transaction wrote (pruned 0) or deleted (1) events
 * of a match: tl_store_pick_primary weighs its lists again. 0, or -1 out of
 * memory. */
static int touch(tl_store *s, int64_t match_id, int pruned)
{
    char key[8];
    memcpy(key, &match_id, sizeof key);
    int64_t *seen;
    int created;
    if (tl_map_slot(&s->touched, key, sizeof key, &seen, &created)) return -1;
    if (pruned) *seen = 2;
    else if (created) *seen = 1;
    if (!created) return 0;
    if (s->ntouched == s->touched_alloc) {
        size_t na = s->touched_alloc ? s->touched_alloc * 2 : 256;
        int64_t *v = tl_realloc(s->touched_ids, na * sizeof *v);
        if (!v) return -1;
        s->touched_ids = v;
        s->touched_alloc = na;
    }
    s->touched_ids[s->ntouched++] = match_id;
    return 0;
}

tl_rc tl_store_put_event(tl_store *s, const struct tl_event_write *w, int *changed,
                         struct tl_error *err)
{
    db_stmt *st;
    int64_t id = 0, player_id = w->player_id;
    int r = 0;
    char key[8];
    int64_t is_new = 0;
    if (touch(s, w->match_id, 0)) return tl_err(err, TL_ENOMEM, "out of memory");
    if (w->source_id != s->event_source) {
        s->event_source = w->source_id;
        s->event_sources++;
    }
    memcpy(key, &w->source_id, sizeof key);
    int fresh = s->fresh_events || (s->pend.on && tl_map_get(&s->new_sources, key, sizeof key, &is_new) && is_new);
    if (!fresh) {
        st = tl_store_stmt(s, ST_EVENT_GET, err);
        if (!st) return TL_ESTORE;
        db_bind_int64(st, 1, w->match_id);
        db_bind_int64(st, 2, w->source_id);
        db_bind_int(st, 3, w->ord);
        tl_bind_id(st, 4, w->player_id);
        int64_t stored_player = 0;
        r = step_id2(st, &id, &stored_player);
        if (r == 1 && w->player_id > 0) player_id = stored_player;
    }
    if (r < 0) return tl_store_fail(s, err, "event lookup");
    if (!r && s->pend.on && fresh) {
        struct tl_pval v[] = {pv_int(w->match_id),
                              pv_text(tl_event_kind_name(w->kind)),
                              w->period ? pv_intn(w->period) : pv_null(),
                              pv_intn(w->minute),
                              pv_int(w->added),
                              pv_int(w->team_id),
                              pv_id(player_id),
                              pv_int(w->source_id),
                              pv_int(w->source_line),
                              pv_int(w->ord),
                              pv_text(w->date),
                              pv_id(w->player2_id),
                              pv_text(w->outcome),
                              w->kick_order > 0 ? pv_int(w->kick_order) : pv_null(),
                              pv_int(1) /* is_primary: tl_store_pick_primary decides */};
        return tl_pend_add(s, PEND_EVENTS, v, changed, err);
    }
    st = tl_store_stmt(s, r ? ST_EVENT_UPD : ST_EVENT_INS, err);
    if (!st) return TL_ESTORE;
    db_bind_int64(st, 1, w->match_id);
    db_bind_text(st, 2, tl_event_kind_name(w->kind), -1, SQLITE_STATIC);
    tl_bind_int(st, 3, w->period ? w->period : TL_NONE);
    tl_bind_int(st, 4, w->minute);
    db_bind_int(st, 5, w->added);
    db_bind_int64(st, 6, w->team_id);
    tl_bind_id(st, 7, player_id);
    db_bind_int64(st, 8, w->source_id);
    db_bind_int64(st, 9, w->source_line);
    db_bind_int(st, 10, w->ord);
    if (r) db_bind_int64(st, 11, id);
    db_bind_text(st, 12, w->date, -1, SQLITE_STATIC);
    tl_bind_id(st, 13, w->player2_id);
    tl_bind_text(st, 14, w->outcome);
    if (w->kick_order > 0) db_bind_int(st, 15, w->kick_order);
    else db_bind_null(st, 15);
    if (db_step(st) != SQLITE_DONE)
        return tl_err_at(err, TL_ESTORE, NULL, w->source_line, 0,
                         "storing event %d of match %lld: %s", w->ord, (long long)w->match_id,
                         db_errmsg(s->db));
    /* a plain INSERT that succeeded wrote its row: not asking lets PostgreSQL's
     * writes go on without a round trip each (sql_pg.c, pipelined writes) */
    *changed = r ? db_changes(s->db) > 0 : 1;
    return TL_OK;
}

tl_rc tl_store_prune_events(tl_store *s, int64_t source_id, const int *counts, size_t n,
                            long *deleted, struct tl_error *err)
{
    *deleted = 0;
    if (s->fresh_events) return TL_OK; /* nothing was there before this import */
    tl_rc rc = exec(s, "CREATE TEMP TABLE IF NOT EXISTS written(match_id INTEGER PRIMARY KEY, n INTEGER)"
                       "; DELETE FROM temp.written", err);
    if (rc) return rc;
    db_stmt *st;
    if (db_prepare_v2(s->db, "INSERT INTO temp.written VALUES(?1, ?2)", -1, &st, NULL))
        return tl_store_fail(s, err, "prune");
    for (size_t id = 0; id < n && !rc; id++) {
        if (!counts[id]) continue;
        db_reset(st);
        db_bind_int64(st, 1, (int64_t)id);
        db_bind_int(st, 2, counts[id]);
        if (db_step(st) != SQLITE_DONE) rc = tl_store_fail(s, err, "prune");
    }
    db_finalize(st);
    if (rc) return rc;
    if (db_prepare_v2(s->db,
                           "DELETE FROM events WHERE source_id=?1 AND ord >= coalesce((SELECT n"
                           " FROM temp.written w WHERE w.match_id=events.match_id), 0)",
                           -1, &st, NULL))
        return tl_store_fail(s, err, "prune");
    db_bind_int64(st, 1, source_id);
    if (db_step(st) != SQLITE_DONE) rc = tl_store_fail(s, err, "prune");
    else *deleted = db_changes(s->db);
    db_finalize(st);
    if (*deleted) s->primary_all = 1;
    return rc;
}

tl_rc tl_store_prune_match(tl_store *s, int64_t source_id, int64_t match_id, int nevents,
                           int nlineup, long *deleted, struct tl_error *err)
{
    *deleted = 0;
    static const char *const sql[] = {
        "DELETE FROM events WHERE match_id=?1 AND source_id=?2 AND ord>=?3",
        "DELETE FROM lineups WHERE match_id=?1 AND source_id=?2 AND ord>=?3",
    };
    for (int k = 0; k < 2; k++) {
        db_stmt *st = tl_store_cached(s, sql[k], err);
        if (!st) return TL_ESTORE;
        db_bind_int64(st, 1, match_id);
        db_bind_int64(st, 2, source_id);
        db_bind_int(st, 3, k == 0 ? nevents : nlineup);
        int r = db_step(st);
        db_reset(st);
        if (r != SQLITE_DONE) return tl_store_fail(s, err, "prune");
        *deleted += db_changes(s->db);
    }
    if (*deleted && touch(s, match_id, 1)) return tl_err(err, TL_ENOMEM, "out of memory");
    return TL_OK;
}

tl_rc tl_store_set_shootout(tl_store *s, int64_t match_id, int64_t winner_id, int64_t first_id,
                            int64_t src, long line, int *changed, struct tl_error *err)
{
    db_stmt *st = tl_store_stmt(s, ST_SHOOTOUT, err);
    if (!st) return TL_ESTORE;
    db_bind_int64(st, 1, match_id);
    tl_bind_id(st, 2, winner_id);
    tl_bind_id(st, 3, first_id);
    tl_bind_id(st, 4, src);
    db_bind_int64(st, 5, line);
    if (db_step(st) != SQLITE_DONE) return tl_store_fail(s, err, "storing the shootout");
    *changed = db_changes(s->db) > 0;
    return TL_OK;
}

tl_rc tl_store_former_name(tl_store *s, int64_t team_id, const char *name, const char *start,
                           const char *end, int64_t src, long line, int *changed,
                           struct tl_error *err)
{
    char folded[256];
    tl_fold(name, strlen(name), folded, sizeof folded);
    db_stmt *st = tl_store_stmt(s, ST_FORMER, err);
    if (!st) return TL_ESTORE;
    db_bind_int64(st, 1, team_id);
    db_bind_text(st, 2, name, -1, SQLITE_STATIC);
    db_bind_text(st, 3, folded, -1, SQLITE_STATIC);
    tl_bind_text(st, 4, start);
    tl_bind_text(st, 5, end);
    tl_bind_id(st, 6, src);
    db_bind_int64(st, 7, line);
    if (db_step(st) != SQLITE_DONE) return tl_store_fail(s, err, "storing the former name");
    *changed = db_changes(s->db) > 0;
    tl_map_free(&s->team_on); /* a name's answer may depend on the date now */
    tl_map_free(&s->team_any);
    return TL_OK;
}

void tl_store_remove(const char *path)
{
    static const char *const side[] = {"", "-wal", "-shm", "-journal"};
    char p[4200];
    for (size_t i = 0; i < sizeof side / sizeof side[0]; i++) {
        snprintf(p, sizeof p, "%s%s", path, side[i]);
        remove(p);
    }
}

const char *tl_store_busy_sql(tl_store *s)
{
    for (db_stmt *st = db_next_stmt(s->db, NULL); st; st = db_next_stmt(s->db, st))
        if (db_stmt_busy(st)) return db_sql(st);
    return db_get_autocommit(s->db) ? NULL : "(an open transaction)";
}

void tl_store_idle(tl_store *s)
{
    for (db_stmt *st = db_next_stmt(s->db, NULL); st; st = db_next_stmt(s->db, st))
        if (db_stmt_busy(st)) db_reset(st);
    if (!db_get_autocommit(s->db)) tl_store_rollback(s);
}
