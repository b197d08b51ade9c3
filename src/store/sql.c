/* store/sql.c: the connection layer's SQLite side and what both share
 * (sql.h). PostgreSQL's side is sql_pg.c. */
#include "sql.h"

#include "touchline/util.h"

#include <pthread.h>
#include <string.h>
#include <strings.h>

int db_is_pg(const char *target)
{
    return strncmp(target, "postgresql://", 13) == 0 || strncmp(target, "postgres://", 11) == 0;
}

/* before SQLite's first use: no memory statistics (their mutex showed in
 * import profiles); a connection is only ever used by one thread at a time
 * (the server gives each worker thread its own) */
static pthread_once_t configure_once = PTHREAD_ONCE_INIT;
static void configure(void)
{
    sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
    sqlite3_config(SQLITE_CONFIG_MULTITHREAD);
}

int pg_open(const char *target, db_conn *db, char **why);
void pg_close(db_conn *db);
int pg_prepare(db_conn *db, db_stmt *st, unsigned flags);
void pg_finalize(db_stmt *st);
int pg_exec(db_conn *db, const char *sql, char **errmsg);
int pg_autocommit(db_conn *db);

int db_open(const char *target, db_conn **out, int create, char **why)
{
    *out = NULL;
    *why = NULL;
    db_conn *db = tl_calloc(1, sizeof *db);
    if (!db) return SQLITE_NOMEM;
    if (db_is_pg(target)) {
        int rc = pg_open(target, db, why);
        if (rc) {
            db_close(db);
            return rc;
        }
        *out = db;
        return SQLITE_OK;
    }
    pthread_once(&configure_once, configure);
    int flags = SQLITE_OPEN_READWRITE | (create ? SQLITE_OPEN_CREATE : 0);
    if (sqlite3_open_v2(target, &db->lite, flags, NULL) != SQLITE_OK) {
        *why = tl_strdup(db->lite ? sqlite3_errmsg(db->lite) : "out of memory");
        db_close(db);
        return SQLITE_CANTOPEN;
    }
    sqlite3_busy_timeout(db->lite, 5000);
    /* more small-allocation slots per connection: imports step statements
     * hundreds of thousands of times (a no-op where SQLite is built with
     * SQLITE_OMIT_LOOKASIDE, as Debian 12's is) */
    sqlite3_db_config(db->lite, SQLITE_DBCONFIG_LOOKASIDE, NULL, 256, 2048);
    sqlite3_extended_result_codes(db->lite, 1);
    *out = db;
    return SQLITE_OK;
}

void db_close(db_conn *db)
{
    if (!db) return;
    while (db->stmts) db_finalize(db->stmts);
    if (db->lite) sqlite3_close(db->lite);
    else pg_close(db);
    tl_free(db->errmsg);
    tl_free(db);
}

const char *db_errmsg(db_conn *db)
{
    /* a failure of this layer's own allocation leaves SQLite without an
     * error of its own ("not an error") */
    if (db->nomem) return "out of memory";
    if (db->lite) return sqlite3_errmsg(db->lite);
    return db->errmsg ? db->errmsg : "not an error";
}

/* The tables of watch sql names, bit i for watch[i] (any case; a longer
 * name that contains one, such as sb_events for events, counts too: a flush
 * too many is harmless), or every bit for a PRAGMA (foreign_key_check and
 * the like read every table). */
static unsigned names_watched(const char *const *watch, const char *sql)
{
    while (*sql == ' ' || *sql == '\n') sql++;
    if (strncasecmp(sql, "PRAGMA", 6) == 0) return ~0u;
    unsigned bits = 0;
    for (unsigned i = 0; watch[i]; i++) {
        size_t n = strlen(watch[i]);
        for (const char *p = sql; *p; p++)
            if (strncasecmp(p, watch[i], n) == 0) {
                bits |= 1u << i;
                break;
            }
    }
    return bits;
}

int db_prepare_v3(db_conn *db, const char *sql, int n, unsigned flags, db_stmt **out,
                  const char **tail)
{
    (void)tail;
    *out = NULL;
    db_stmt *st = tl_calloc(1, sizeof *st);
    db->nomem = !st;
    if (!st) return SQLITE_NOMEM;
    st->db = db;
    if (db->lite) {
        int rc = sqlite3_prepare_v3(db->lite, sql, n, flags, &st->lite, NULL);
        if (rc != SQLITE_OK || !st->lite) {
            tl_free(st);
            return rc ? rc : SQLITE_ERROR;
        }
        if (db->watch) st->watched = names_watched(db->watch, sqlite3_sql(st->lite));
    } else {
        st->sql = tl_strndup(sql, n < 0 ? strlen(sql) : (size_t)n);
        int rc = st->sql ? pg_prepare(db, st, flags) : SQLITE_NOMEM;
        if (rc == SQLITE_NOMEM) db->nomem = 1;
        if (rc) {
            pg_finalize(st);
            tl_free(st->sql);
            tl_free(st);
            return rc;
        }
    }
    st->next = db->stmts;
    db->stmts = st;
    *out = st;
    return SQLITE_OK;
}

int db_finalize(db_stmt *st)
{
    if (!st) return SQLITE_OK;
    db_conn *db = st->db;
    for (db_stmt **p = &db->stmts; *p; p = &(*p)->next)
        if (*p == st) {
            *p = st->next;
            break;
        }
    if (st->lite) sqlite3_finalize(st->lite);
    else pg_finalize(st);
    tl_free(st->sql);
    tl_free(st);
    return SQLITE_OK;
}

int db_exec(db_conn *db, const char *sql, int (*cb)(void *, int, char **, char **), void *arg,
            char **errmsg)
{
    if (db->lite) {
        char *m = NULL;
        db->nomem = 0;
        if (db->pending && db->flush(db->flush_arg, ~0u)) {
            if (errmsg) *errmsg = tl_strdup(db_errmsg(db));
            return SQLITE_ERROR;
        }
        if (db->watch) db->written |= names_watched(db->watch, sql);
        int rc = sqlite3_exec(db->lite, sql, cb, arg, &m);
        if (errmsg) *errmsg = m ? tl_strdup(m) : NULL;
        sqlite3_free(m);
        return rc;
    }
    return pg_exec(db, sql, errmsg);
}

void db_free(void *p) { tl_free(p); }

int db_get_autocommit(db_conn *db)
{
    return db->lite ? sqlite3_get_autocommit(db->lite) : pg_autocommit(db);
}

db_stmt *db_next_stmt(db_conn *db, db_stmt *st) { return st ? st->next : db->stmts; }

const char *db_sql(db_stmt *st) { return st->lite ? sqlite3_sql(st->lite) : st->sql; }
