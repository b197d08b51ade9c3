/* store/sql.h: the SQL connection the store talks to, SQLite or PostgreSQL.
 *
 * The store was written against SQLite's C API, and keeps it: every call
 * below has the name, arguments and result codes of the sqlite3_ call it
 * stands for (db_step returns SQLITE_ROW / SQLITE_DONE, db_column_text a
 * NUL-terminated string or NULL...). On SQLite each is one test and a direct
 * call. On PostgreSQL (libpq) the statement's SQL is translated from the
 * SQLite dialect the store writes (sql_pg.c says which constructs), its
 * parameters are sent as text with the types they were bound with, and the
 * result is read row by row from the PGresult.
 *
 * Private to store/: the rest of touchline never sees a statement. */
#ifndef TOUCHLINE_STORE_SQL_H
#define TOUCHLINE_STORE_SQL_H

#include <sqlite3.h>
#include <stdint.h>
#include <stdio.h>

struct pg_conn; /* PGconn, from libpq-fe.h (only sql_pg.c includes it) */
struct pg_result;

typedef struct db_conn db_conn;
typedef struct db_stmt db_stmt;

struct db_conn {
    sqlite3 *lite;             /* SQLite: the connection; NULL on PostgreSQL */
    struct pg_conn *pg;
    char *errmsg;              /* PostgreSQL: the last error (malloc'd) */
    int nomem;                 /* this layer's own last allocation failed */
    long changes;              /* PostgreSQL: rows of the last INSERT/UPDATE/DELETE */
    unsigned long names;       /* PostgreSQL: prepared statement names handed out */
    db_stmt *stmts;            /* PostgreSQL: every statement open on the connection */
    int version_table;         /* PostgreSQL: tl_meta exists */
    /* rows held back by the store (store/pending.c) for the tables named in
     * watch: pending has bit i set while watch[i] holds rows. Before a
     * statement that names one of those runs, flush(flush_arg, its bits)
     * writes them, and before any db_exec all of them; nonzero on failure */
    unsigned pending;
    /* bit i: a statement that can write and names watch[i] ran (since the
     * store last cleared it; a flush of held rows clears its own) */
    unsigned written;
    const char *const *watch;
    int (*flush)(void *arg, unsigned tables);
    void *flush_arg;
};

struct db_stmt {
    sqlite3_stmt *lite;        /* SQLite: the statement; NULL on PostgreSQL */
    db_conn *db;
    db_stmt *next;
    char *sql;                 /* as the store wrote it */
    char *pgsql;               /* translated */
    int nparams;               /* PostgreSQL: $1..$nparams, of which the first nuser are */
    int nuser;                 /* the store's ?N; the others each say whether one is NULL */
    int nnull, null_of[64];
    char **val;                /* bound values as text, NULL for NULL */
    unsigned *type;            /* the type OID each was bound with (0: unknown) */
    unsigned *ptype;           /* the types the statement was prepared with */
    int persistent;            /* prepared once on the server (named) */
    int returning;             /* an INSERT given RETURNING its identity column */
    char *idsql;               /* that INSERT with the id given ($nparams+1), used with ids
                                  reserved ahead inside a transaction (sql_pg.c) */
    char name_id[24];          /* "" until idsql is prepared */
    unsigned *ptype_id;        /* the types it was prepared with */
    char id_table[64];
    char name[24];             /* "" until prepared */
    struct pg_result *res;     /* the result being read */
    int row, nrows;
    int bind_failed;           /* a value could not be copied: the next step fails */
    unsigned watched;          /* bit i: its SQL names db->watch[i] (all: a PRAGMA) */
    long total_changes;        /* PostgreSQL: the rows its runs changed, added up as their
                                  results are read (db_total_changes) */
};

/* ---- the SQLite API, as the store uses it ---- */
int db_open(const char *target, db_conn **out, int create, char **why);
void db_close(db_conn *db);
const char *db_errmsg(db_conn *db);
int db_prepare_v3(db_conn *db, const char *sql, int n, unsigned flags, db_stmt **out,
                  const char **tail);
static inline int db_prepare_v2(db_conn *db, const char *sql, int n, db_stmt **out,
                                const char **tail)
{
    return db_prepare_v3(db, sql, n, 0, out, tail);
}
int db_exec(db_conn *db, const char *sql, int (*cb)(void *, int, char **, char **), void *arg,
            char **errmsg);
void db_free(void *p);
int db_finalize(db_stmt *st);
int db_get_autocommit(db_conn *db);
db_stmt *db_next_stmt(db_conn *db, db_stmt *st);
const char *db_sql(db_stmt *st);

int pg_step(db_stmt *st);
int pg_reset(db_stmt *st);
int pg_bind(db_stmt *st, int i, unsigned type, const char *text, int n);
int pg_column_type(db_stmt *st, int i);
const unsigned char *pg_column_text(db_stmt *st, int i);
int64_t pg_column_int64(db_stmt *st, int i);
double pg_column_double(db_stmt *st, int i);
int64_t pg_last_insert_rowid(db_conn *db);
int pg_changes(db_conn *db);

#define DB_INT8 20u
#define DB_FLOAT8 701u

static inline int db_step(db_stmt *st);
/* db_step for a statement that needs none of the held rows of these tables
 * (bits as in db->pending) though its SQL names them: they are not written
 * first (this step only: a cached statement keeps its watch). */
static inline int db_step_without(db_stmt *st, unsigned bits)
{
    unsigned w = st->watched;
    st->watched &= ~bits;
    int rc = db_step(st);
    st->watched = w;
    return rc;
}

static inline int db_step(db_stmt *st)
{
    if ((st->watched & st->db->pending) &&
        st->db->flush(st->db->flush_arg, st->watched & st->db->pending))
        return SQLITE_ERROR; /* the flush set nomem: whose error it was */
    if (!st->lite) return pg_step(st);
    if (st->watched && !sqlite3_stmt_readonly(st->lite)) st->db->written |= st->watched;
    int rc = sqlite3_step(st->lite);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE) st->db->nomem = 0; /* SQLite's own error */
    return rc;
}
static inline int db_reset(db_stmt *st)
{
    return st->lite ? sqlite3_reset(st->lite) : pg_reset(st);
}
static inline int db_clear_bindings(db_stmt *st)
{
    if (st->lite) return sqlite3_clear_bindings(st->lite);
    for (int i = 1; i <= st->nuser; i++) pg_bind(st, i, 0, NULL, 0);
    return SQLITE_OK;
}
static inline int db_stmt_busy(db_stmt *st)
{
    return st->lite ? sqlite3_stmt_busy(st->lite) : st->res != 0;
}
static inline int db_bind_parameter_count(db_stmt *st)
{
    return st->lite ? sqlite3_bind_parameter_count(st->lite) : st->nuser;
}
static inline int db_bind_int64(db_stmt *st, int i, int64_t v)
{
    if (st->lite) return sqlite3_bind_int64(st->lite, i, v);
    char b[24];
    int n = 0;
    uint64_t u = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
    char r[24];
    do r[n++] = (char)('0' + u % 10); while ((u /= 10) != 0);
    int k = 0;
    if (v < 0) b[k++] = '-';
    while (n) b[k++] = r[--n];
    b[k] = 0;
    return pg_bind(st, i, DB_INT8, b, k);
}
static inline int db_bind_int(db_stmt *st, int i, int v) { return db_bind_int64(st, i, v); }
static inline int db_bind_double(db_stmt *st, int i, double v)
{
    if (st->lite) return sqlite3_bind_double(st->lite, i, v);
    char b[40];
    int n = snprintf(b, sizeof b, "%.17g", v);
    return pg_bind(st, i, DB_FLOAT8, b, n);
}
static inline int db_bind_text(db_stmt *st, int i, const char *v, int n, void (*del)(void *))
{
    if (st->lite) return sqlite3_bind_text(st->lite, i, v, n, del);
    return pg_bind(st, i, 0, v, n);
}
static inline int db_bind_null(db_stmt *st, int i)
{
    return st->lite ? sqlite3_bind_null(st->lite, i) : pg_bind(st, i, 0, NULL, 0);
}
static inline int db_column_type(db_stmt *st, int i)
{
    return st->lite ? sqlite3_column_type(st->lite, i) : pg_column_type(st, i);
}
static inline const unsigned char *db_column_text(db_stmt *st, int i)
{
    return st->lite ? sqlite3_column_text(st->lite, i) : pg_column_text(st, i);
}
static inline int64_t db_column_int64(db_stmt *st, int i)
{
    return st->lite ? sqlite3_column_int64(st->lite, i) : pg_column_int64(st, i);
}
static inline int db_column_int(db_stmt *st, int i)
{
    return st->lite ? sqlite3_column_int(st->lite, i) : (int)pg_column_int64(st, i);
}
static inline double db_column_double(db_stmt *st, int i)
{
    return st->lite ? sqlite3_column_double(st->lite, i) : pg_column_double(st, i);
}
/* PostgreSQL: the rows st's runs changed so far, every result read first */
long pg_total_changes(db_stmt *st);
static inline long db_total_changes(db_stmt *st) { return pg_total_changes(st); }

static inline int db_changes(db_conn *db)
{
    return db->lite ? sqlite3_changes(db->lite) : pg_changes(db);
}
static inline int64_t db_last_insert_rowid(db_conn *db)
{
    return db->lite ? sqlite3_last_insert_rowid(db->lite) : pg_last_insert_rowid(db);
}

/* The PostgreSQL text of sql (the store's SQLite dialect), as prepared on a
 * database without identity columns; *nparams its highest $N. Caller
 * tl_free()s. For the tests. */
char *db_pg_translate(const char *sql, int *nparams);

/* 1 when target names a PostgreSQL database (postgres:// or postgresql://). */
int db_is_pg(const char *target);
/* 1 on PostgreSQL. */
static inline int db_pg(const db_conn *db) { return db->lite == NULL; }

#endif
