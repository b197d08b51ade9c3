/* store/fk.c: foreign keys checked at a load's commit, over what the load
 * wrote rather than over the whole database.
 *
 * A load runs with SQLite's foreign keys off (checked per statement they
 * measured slower) and checks them once before its COMMIT. PRAGMA
 * foreign_key_check over every table costs in proportion to the database:
 * 41 ms over the results and the World Cups, paid again by every later
 * load however small (a StatsBomb match, 3,800 rows, spent two thirds of
 * its import on it). Here the check covers what this transaction can have
 * broken:
 *  - the rows it inserted: those of a rowid table above its highest rowid
 *    at begin (one range scan a table);
 *  - older rows it inserted or updated, and rows it deleted, as SQLite's
 *    update hook reports them;
 *  - the rows of any table whose key refers to a deleted row;
 *  - whole, with the pragma: tables the hook does not follow (WITHOUT
 *    ROWID), tables with a key that is not a single column naming its
 *    parent's rowid, and tables that were empty at begin (every row is new,
 *    and the pragma is the faster scan).
 * When the hook's lists cannot grow (out of memory), everything is checked
 * with the pragma, as before. A row's id never changes in touchline (no
 * UPDATE sets one): SQLite would report such an update under the new id
 * only, and the rows referring to the old one would go unchecked. SQLite only: PostgreSQL checks its own keys
 * (deferred constraints). */
#include "store_int.h"

#include "touchline/util.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static tl_rc missing(tl_store *s, const char *table, const char *parent, long long rowid,
                     struct tl_error *err)
{
    return tl_err_at(err, TL_ESTORE, s->path, 0, 0,
                     "a row of table %s refers to a missing row of %s (rowid %lld)", table,
                     parent ? parent : "?", rowid);
}

/* The first row PRAGMA foreign_key_check (of one table, or of all when
 * table is NULL) finds, as an error. */
static tl_rc check_pragma(tl_store *s, const char *table, struct tl_error *err)
{
    char sql[160];
    if (table) snprintf(sql, sizeof sql, "PRAGMA foreign_key_check(\"%s\")", table);
    else snprintf(sql, sizeof sql, "PRAGMA foreign_key_check");
    db_stmt *st;
    if (db_prepare_v2(s->db, sql, -1, &st, NULL))
        return tl_store_fail(s, err, "foreign_key_check");
    tl_rc rc = TL_OK;
    int r = db_step(st);
    if (r == SQLITE_ROW)
        rc = missing(s, (const char *)db_column_text(st, 0), (const char *)db_column_text(st, 2),
                     (long long)db_column_int64(st, 1), err);
    else if (r != SQLITE_DONE) rc = tl_store_fail(s, err, "foreign_key_check");
    db_finalize(st);
    return rc;
}

tl_rc tl_fk_check_all(tl_store *s, struct tl_error *err) { return check_pragma(s, NULL, err); }

static struct tl_fk_table *table_named(struct tl_fkeys *f, const char *name)
{
    for (size_t i = 0; i < f->n; i++)
        if (strcasecmp(f->t[i].name, name) == 0) return &f->t[i];
    return NULL;
}

/* a name that can go between double quotes as it is */
static int plain(const char *name) { return name && !strchr(name, '"') && strlen(name) < 64; }

static void forget(struct tl_fkeys *f)
{
    for (size_t i = 0; i < f->n; i++) {
        db_finalize(f->t[i].st);
        tl_free(f->t[i].name);
        tl_free(f->t[i].sql);
        tl_free(f->t[i].rows);
        tl_free(f->t[i].gone);
    }
    db_finalize(f->base_st);
    tl_free(f->t);
    memset(f, 0, sizeof *f);
}

static tl_rc load_tables(tl_store *s, struct tl_error *err);

/* The tables, their keys and, for each, how it is checked (see above);
 * nothing kept when that fails (the next transaction reads them again). */
static tl_rc load(tl_store *s, struct tl_error *err)
{
    forget(&s->fk);
    tl_rc rc = load_tables(s, err);
    if (rc) forget(&s->fk);
    return rc;
}

static tl_rc load_tables(tl_store *s, struct tl_error *err)
{
    struct tl_fkeys *f = &s->fk;
    db_stmt *st = NULL;
    tl_rc rc = TL_OK;
    if (db_prepare_v2(s->db,
                      "SELECT name, wr FROM pragma_table_list WHERE schema='main' AND type='table'"
                      " AND name NOT LIKE 'sqlite^_%' ESCAPE '^' ORDER BY name",
                      -1, &st, NULL))
        return tl_store_fail(s, err, "reading the schema's keys");
    int r;
    while ((r = db_step(st)) == SQLITE_ROW) {
        if (f->n % 16 == 0) {
            struct tl_fk_table *nt = tl_realloc(f->t, (f->n + 16) * sizeof *nt);
            if (!nt) {
                rc = tl_err(err, TL_ENOMEM, "out of memory");
                break;
            }
            f->t = nt;
        }
        struct tl_fk_table *t = &f->t[f->n];
        memset(t, 0, sizeof *t);
        if (!(t->name = tl_strdup((const char *)db_column_text(st, 0)))) {
            rc = tl_err(err, TL_ENOMEM, "out of memory");
            break;
        }
        f->n++;
        t->rowid = db_column_int(st, 1) == 0;
        t->whole = !t->rowid || !plain(t->name);
    }
    if (!rc && r != SQLITE_DONE) rc = tl_store_fail(s, err, "reading the schema's keys");
    db_finalize(st);
    if (rc) return rc;

    /* each table's rowid column by name, if it has one (INTEGER PRIMARY KEY) */
    char (*alias)[64] = tl_calloc(f->n ? f->n : 1, sizeof *alias);
    if (!alias) return tl_err(err, TL_ENOMEM, "out of memory");
    if (db_prepare_v2(s->db,
                      "SELECT name FROM pragma_table_info(?1) WHERE pk=1 AND upper(type)='INTEGER'"
                      " AND (SELECT count(*) FROM pragma_table_info(?1) WHERE pk>0)=1",
                      -1, &st, NULL))
        rc = tl_store_fail(s, err, "reading the schema's keys");
    for (size_t i = 0; !rc && i < f->n; i++) {
        if (!f->t[i].rowid) continue;
        db_reset(st);
        db_bind_text(st, 1, f->t[i].name, -1, SQLITE_STATIC);
        if (db_step(st) == SQLITE_ROW)
            snprintf(alias[i], sizeof alias[i], "%s", (const char *)db_column_text(st, 0));
    }
    if (!rc) db_finalize(st);
    st = NULL;

    /* the keys: the check's SQL of each table */
    if (!rc && db_prepare_v2(s->db,
                             "SELECT id, seq, \"table\", \"from\", \"to\" FROM"
                             " pragma_foreign_key_list(?1) ORDER BY id, seq",
                             -1, &st, NULL))
        rc = tl_store_fail(s, err, "reading the schema's keys");
    struct tl_buf cond, which;
    tl_buf_init(&cond, 0);
    tl_buf_init(&which, 0);
    for (size_t i = 0; !rc && i < f->n; i++) {
        struct tl_fk_table *t = &f->t[i];
        tl_buf_reset(&cond);
        tl_buf_reset(&which);
        db_reset(st);
        db_bind_text(st, 1, t->name, -1, SQLITE_STATIC);
        while (!rc && (r = db_step(st)) == SQLITE_ROW) {
            const char *pname = (const char *)db_column_text(st, 2);
            const char *from = (const char *)db_column_text(st, 3);
            const char *to = (const char *)db_column_text(st, 4);
            struct tl_fk_table *p = pname ? table_named(f, pname) : NULL;
            t->nkeys++;
            if (p) p->parent = 1;
            size_t pi = p ? (size_t)(p - f->t) : 0;
            /* a key SQL can follow row by row: one column naming the
             * parent's rowid */
            if (db_column_int(st, 1) > 0 || !p || !p->rowid || !alias[pi][0] || !plain(from) ||
                !plain(p->name) || (to && strcasecmp(to, alias[pi]) != 0)) {
                t->whole = 1;
                continue;
            }
            char one[256];
            snprintf(one, sizeof one, "(\"%s\" IS NOT NULL AND \"%s\" NOT IN (SELECT rowid FROM \"%s\"))",
                     from, from, p->name);
            if (tl_buf_printf(&cond, "%s%s", cond.len ? " OR " : "", one) ||
                tl_buf_printf(&which, " WHEN %s THEN '%s'", one, p->name))
                rc = tl_err(err, TL_ENOMEM, "out of memory");
        }
        if (!rc && r != SQLITE_DONE) rc = tl_store_fail(s, err, "reading the schema's keys");
        if (!rc && t->nkeys && !t->whole) {
            struct tl_buf sql;
            tl_buf_init(&sql, 0);
            if (tl_buf_printf(&sql,
                              "SELECT rowid, CASE%s END FROM \"%s\" WHERE rowid BETWEEN ?1 AND ?2"
                              " AND (%s) LIMIT 1",
                              which.data, t->name, cond.data))
                rc = tl_err(err, TL_ENOMEM, "out of memory");
            else t->sql = sql.data;
        }
    }
    db_finalize(st);
    tl_buf_free(&cond);
    tl_buf_free(&which);
    tl_free(alias);
    if (!rc) f->loaded = 1;
    return rc;
}

static int push(int64_t **v, size_t *n, size_t *alloc, int64_t x)
{
    if (*n == *alloc) {
        size_t na = *alloc ? *alloc * 2 : 64;
        int64_t *p = tl_realloc(*v, na * sizeof *p);
        if (!p) return -1;
        *v = p;
        *alloc = na;
    }
    (*v)[(*n)++] = x;
    return 0;
}

/* SQLite's update hook: a row of table was inserted, updated or deleted */
static void hook(void *arg, int op, const char *dbname, const char *table, sqlite3_int64 rowid)
{
    struct tl_fkeys *f = &((tl_store *)arg)->fk;
    if (strcmp(dbname, "main") != 0) return;
    struct tl_fk_table *t = f->last < f->n && strcmp(f->t[f->last].name, table) == 0
                                ? &f->t[f->last]
                                : table_named(f, table);
    if (!t) {
        f->lost = 1; /* a table created after the keys were read */
        return;
    }
    f->last = (size_t)(t - f->t);
    if (op == SQLITE_DELETE) {
        if (t->parent && push(&t->gone, &t->ngone, &t->agone, rowid)) f->lost = 1;
    } else if (t->sql && rowid <= t->base && push(&t->rows, &t->nrows, &t->arows, rowid)) {
        f->lost = 1;
    }
}

tl_rc tl_fk_begin(tl_store *s, struct tl_error *err)
{
    struct tl_fkeys *f = &s->fk;
    if (db_pg(s->db)) return TL_OK;
    tl_rc rc = f->loaded ? TL_OK : load(s, err);
    if (rc) return rc;
    if (!f->base_st) {
        /* every checked table's highest rowid, in one statement */
        struct tl_buf sql;
        tl_buf_init(&sql, 0);
        for (size_t i = 0; !rc && i < f->n; i++)
            if (f->t[i].sql && tl_buf_printf(&sql, "%s(SELECT max(rowid) FROM \"%s\")",
                                             sql.len ? ", " : "SELECT ", f->t[i].name))
                rc = tl_err(err, TL_ENOMEM, "out of memory");
        if (!rc && sql.len &&
            db_prepare_v3(s->db, sql.data, -1, SQLITE_PREPARE_PERSISTENT, &f->base_st, NULL))
            rc = tl_store_fail(s, err, "reading the tables' last rows");
        tl_buf_free(&sql);
        if (rc) return rc;
    }
    int r = f->base_st ? db_step(f->base_st) : SQLITE_ROW;
    for (size_t i = 0, col = 0; r == SQLITE_ROW && i < f->n; i++) {
        struct tl_fk_table *t = &f->t[i];
        t->nrows = t->ngone = 0;
        t->base = t->sql ? db_column_int64(f->base_st, (int)col++) : 0;
    }
    if (f->base_st) db_reset(f->base_st);
    if (r != SQLITE_ROW) return tl_store_fail(s, err, "reading the tables' last rows");
    f->lost = 0;
    f->on = 1;
    sqlite3_update_hook(s->db->lite, hook, s);
    return TL_OK;
}

static int cmp_i64(const void *a, const void *b)
{
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return (x > y) - (x < y);
}

/* the first row of t with a rowid in [lo, hi] whose key finds no parent */
static tl_rc check_range(tl_store *s, struct tl_fk_table *t, int64_t lo, int64_t hi,
                         struct tl_error *err)
{
    if (!t->st && db_prepare_v3(s->db, t->sql, -1, SQLITE_PREPARE_PERSISTENT, &t->st, NULL))
        return tl_store_fail(s, err, "foreign_key_check");
    db_stmt *st = t->st;
    db_bind_int64(st, 1, lo);
    db_bind_int64(st, 2, hi);
    tl_rc rc = TL_OK;
    int r = db_step(st);
    if (r == SQLITE_ROW)
        rc = missing(s, t->name, (const char *)db_column_text(st, 1),
                     (long long)db_column_int64(st, 0), err);
    else if (r != SQLITE_DONE) rc = tl_store_fail(s, err, "foreign_key_check");
    db_reset(st);
    return rc;
}

/* rows of other tables that referred to the deleted rows of p */
static tl_rc check_gone(tl_store *s, struct tl_fk_table *p, struct tl_error *err)
{
    struct tl_fkeys *f = &s->fk;
    db_stmt *st = tl_store_cached(s, "CREATE TEMP TABLE IF NOT EXISTS tl_fk_gone(id INTEGER PRIMARY KEY)",
                                  err);
    if (!st) return TL_ESTORE;
    int r = db_step(st);
    db_reset(st);
    if (r != SQLITE_DONE || !(st = tl_store_cached(s, "DELETE FROM temp.tl_fk_gone", err)))
        return tl_store_fail(s, err, "foreign_key_check");
    r = db_step(st);
    db_reset(st);
    if (r != SQLITE_DONE) return tl_store_fail(s, err, "foreign_key_check");
    for (size_t i = 0; i < p->ngone; i++) {
        if (i && p->gone[i] == p->gone[i - 1]) continue;
        if (!(st = tl_store_cached(s, "INSERT INTO temp.tl_fk_gone(id) VALUES(?1)", err)))
            return TL_ESTORE;
        db_bind_int64(st, 1, p->gone[i]);
        r = db_step(st);
        db_reset(st);
        if (r != SQLITE_DONE) return tl_store_fail(s, err, "foreign_key_check");
    }
    /* each key into p (of a table not checked whole already) */
    db_stmt *keys;
    if (db_prepare_v2(s->db,
                      "SELECT \"from\" FROM pragma_foreign_key_list(?1) WHERE \"table\"=?2 COLLATE NOCASE",
                      -1, &keys, NULL))
        return tl_store_fail(s, err, "foreign_key_check");
    tl_rc rc = TL_OK;
    for (size_t c = 0; !rc && c < f->n; c++) {
        struct tl_fk_table *t = &f->t[c];
        if (!t->sql || t->base == 0) continue; /* no keys, or checked whole */
        db_reset(keys);
        db_bind_text(keys, 1, t->name, -1, SQLITE_STATIC);
        db_bind_text(keys, 2, p->name, -1, SQLITE_STATIC);
        while (!rc && db_step(keys) == SQLITE_ROW) {
            char sql[512];
            const char *col = (const char *)db_column_text(keys, 0);
            snprintf(sql, sizeof sql,
                     "SELECT rowid FROM \"%s\" WHERE \"%s\" IN (SELECT id FROM temp.tl_fk_gone)"
                     " AND \"%s\" NOT IN (SELECT rowid FROM \"%s\") LIMIT 1",
                     t->name, col, col, p->name);
            db_stmt *q = tl_store_cached(s, sql, err);
            if (!q) {
                rc = TL_ESTORE;
                break;
            }
            r = db_step(q);
            if (r == SQLITE_ROW)
                rc = missing(s, t->name, p->name, (long long)db_column_int64(q, 0), err);
            else if (r != SQLITE_DONE) rc = tl_store_fail(s, err, "foreign_key_check");
            db_reset(q);
        }
    }
    db_finalize(keys);
    return rc;
}

tl_rc tl_fk_check(tl_store *s, struct tl_error *err)
{
    struct tl_fkeys *f = &s->fk;
    if (db_pg(s->db)) return tl_fk_check_all(s, err);
    if (!f->on || f->lost) return tl_fk_check_all(s, err);
    tl_rc rc = TL_OK;
    for (size_t i = 0; !rc && i < f->n; i++) {
        struct tl_fk_table *t = &f->t[i];
        if (!t->nkeys) continue;
        if (!t->sql || t->base == 0) {
            rc = check_pragma(s, t->name, err);
            continue;
        }
        rc = check_range(s, t, t->base + 1, INT64_MAX, err);
        if (t->nrows > 1) qsort(t->rows, t->nrows, sizeof *t->rows, cmp_i64);
        for (size_t k = 0; !rc && k < t->nrows; k++) {
            if (k && t->rows[k] == t->rows[k - 1]) continue;
            /* a run of consecutive rows: one range */
            size_t e = k;
            while (e + 1 < t->nrows && t->rows[e + 1] <= t->rows[e] + 1) e++;
            rc = check_range(s, t, t->rows[k], t->rows[e], err);
            k = e;
        }
    }
    for (size_t i = 0; !rc && i < f->n; i++) {
        struct tl_fk_table *p = &f->t[i];
        if (!p->ngone) continue;
        if (p->ngone > 1) qsort(p->gone, p->ngone, sizeof *p->gone, cmp_i64);
        rc = check_gone(s, p, err);
    }
    return rc;
}

void tl_fk_end(tl_store *s)
{
    struct tl_fkeys *f = &s->fk;
    if (f->on && s->db && s->db->lite) sqlite3_update_hook(s->db->lite, NULL, NULL);
    f->on = f->lost = 0;
    for (size_t i = 0; i < f->n; i++) f->t[i].nrows = f->t[i].ngone = 0;
}

void tl_fk_close(tl_store *s)
{
    tl_fk_end(s);
    forget(&s->fk);
}
