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
 * Rows a flush of held rows wrote (pending.c) need no SQL at all: their
 * key values are known there, and the flush hands over the lowest and
 * highest value of each key; at commit, when every id of the parent from
 * its lowest to its highest is a row (count(*) = max - min + 1), a key
 * between those finds its parent. The hook marks the rowids each such
 * flush inserted; the rows above base outside those ranges are checked by
 * range as above, and a later write to a row within them (an update, or a
 * rowid freed and given again) puts it on the list of rows checked one by
 * one. WITHOUT ROWID tables (no rowids reported) are skipped when only
 * such flushes wrote them: no other statement that could write them named
 * them (the connection layer's watch, sql.h), no trigger exists, and no
 * row of a parent was deleted. A flush is not taken as known when the
 * schema has a trigger (it could change the rows as they go in), when a
 * key value is not an integer, or when the flush leaves a key with a
 * DEFAULT out. (World Cup load into an empty database: the check 11 -> 2
 * ms; the international results: 27 -> 2 ms.)
 * When the hook's lists cannot grow (out of memory), everything is checked
 * with the pragma, as before. A row's id never changes in touchline (no
 * UPDATE sets one): SQLite would report such an update under the new id
 * only, and the rows referring to the old one would go unchecked. Nor does
 * the update hook report rows SQLite deletes by REPLACE or by the
 * truncation of DELETE without WHERE; touchline uses neither on a table a
 * key refers to. SQLite only: PostgreSQL checks its own keys (deferred
 * constraints). */
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
        tl_free(f->t[i].fk);
        tl_free(f->t[i].vr);
    }
    db_finalize(f->base_st);
    tl_free(f->fr);
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

    /* each table's columns, read once: its rowid column by name, if it has
     * one (INTEGER PRIMARY KEY), and which have no DEFAULT (a row that does
     * not give one has NULL: the keys below) */
    char (*alias)[64] = tl_calloc(f->n ? f->n : 1, sizeof *alias);
    struct tcol {
        size_t table;
        int null_default;
        char name[64];
    } *cols = NULL;
    size_t ncols = 0, acols = 0;
    if (!alias) return tl_err(err, TL_ENOMEM, "out of memory");
    if (db_prepare_v2(s->db,
                      "SELECT name, upper(type)='INTEGER', pk, dflt_value IS NULL FROM"
                      " pragma_table_info(?1)",
                      -1, &st, NULL))
        rc = tl_store_fail(s, err, "reading the schema's keys");
    for (size_t i = 0; !rc && i < f->n; i++) {
        db_reset(st);
        db_bind_text(st, 1, f->t[i].name, -1, SQLITE_STATIC);
        int npk = 0;
        char pk[64] = "";
        while (!rc && (r = db_step(st)) == SQLITE_ROW) {
            const char *name = (const char *)db_column_text(st, 0);
            if (db_column_int(st, 2) > 0) npk++;
            if (db_column_int(st, 2) == 1 && db_column_int(st, 1))
                snprintf(pk, sizeof pk, "%s", name);
            if (ncols == acols) {
                size_t na = acols ? acols * 2 : 256;
                struct tcol *nc = tl_realloc(cols, na * sizeof *nc);
                if (!nc) {
                    rc = tl_err(err, TL_ENOMEM, "out of memory");
                    break;
                }
                cols = nc;
                acols = na;
            }
            cols[ncols].table = i;
            cols[ncols].null_default = db_column_int(st, 3);
            snprintf(cols[ncols++].name, sizeof cols->name, "%s", name);
        }
        if (!rc && r != SQLITE_DONE) rc = tl_store_fail(s, err, "reading the schema's keys");
        if (f->t[i].rowid && npk == 1) memcpy(alias[i], pk, sizeof pk);
    }
    db_finalize(st);
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
                t->complex = 1;
                continue;
            }
            if (t->nfk % 8 == 0) {
                struct tl_fk_col *nk = tl_realloc(t->fk, ((size_t)t->nfk + 8) * sizeof *nk);
                if (!nk) {
                    rc = tl_err(err, TL_ENOMEM, "out of memory");
                    break;
                }
                t->fk = nk;
            }
            snprintf(t->fk[t->nfk].name, sizeof t->fk[t->nfk].name, "%s", from);
            t->fk[t->nfk].parent = pi;
            t->fk[t->nfk].null_default = 0;
            for (size_t c = 0; c < ncols; c++)
                if (cols[c].table == i && strcasecmp(cols[c].name, from) == 0)
                    t->fk[t->nfk].null_default = cols[c].null_default;
            t->nfk++;
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
    tl_free(cols);
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
        return;
    }
    if (op == SQLITE_INSERT && f->flushing == f->last + 1) {
        /* a row of a flush whose values are known: ranges of rowids */
        if (f->fhi >= f->flo && rowid == f->fhi + 1) {
            f->fhi = rowid;
        } else {
            if (f->fhi >= f->flo && (push(&f->fr, &f->nfr, &f->afr, f->flo) ||
                                     push(&f->fr, &f->nfr, &f->afr, f->fhi)))
                f->lost = 1;
            f->flo = f->fhi = rowid;
        }
        return;
    }
    /* an older row, or one that may be among those known (a row written
     * after the flush, or in a rowid the flush used and freed) */
    if (t->sql && (rowid <= t->base || (t->nvr && rowid <= t->vmax)) &&
        push(&t->rows, &t->nrows, &t->arows, rowid))
        f->lost = 1;
}

/* The schema has a trigger (one that could write rows as others go in),
 * or the question failed. */
static int triggers(tl_store *s)
{
    struct tl_error e;
    db_stmt *st = tl_store_cached(s,
                                  "SELECT EXISTS(SELECT 1 FROM sqlite_schema WHERE type='trigger')"
                                  " OR EXISTS(SELECT 1 FROM sqlite_temp_schema WHERE"
                                  " type='trigger')",
                                  &e);
    if (!st) return 1;
    int r = db_step(st), yes = r != SQLITE_ROW || db_column_int(st, 0);
    db_reset(st);
    return yes;
}

int tl_fk_flush_begin(tl_store *s, const char *table, const char *cols, int map[TL_PEND_COLS])
{
    struct tl_fkeys *f = &s->fk;
    f->flushing = 0;
    if (!f->on || f->lost) return -1;
    struct tl_fk_table *t = table_named(f, table);
    if (!t) return -1;
    /* a rowid table checked by range, or a WITHOUT ROWID one whose keys are
     * all plain (its rows are not reported: see tl_fk_check) */
    if ((!t->sql && (t->rowid || t->complex || !t->nkeys)) || t->nfk > 16) {
        t->vbad = 1;
        return -1;
    }
    /* a trigger could write other values, or other rows, during the flush */
    if (triggers(s)) {
        t->vbad = 1;
        return -1;
    }
    int seen[16] = {0}, ncol = 0;
    for (const char *c = cols; *c && ncol < TL_PEND_COLS; ncol++) {
        while (*c == ' ' || *c == ',') c++;
        size_t n = strcspn(c, ", ");
        map[ncol] = -1;
        for (int k = 0; k < t->nfk; k++)
            if (strlen(t->fk[k].name) == n && strncasecmp(t->fk[k].name, c, n) == 0) {
                map[ncol] = k;
                seen[k] = 1;
            }
        c += n;
        while (*c == ' ' || *c == ',') c++;
    }
    for (int k = 0; k < t->nfk; k++)
        if (!seen[k] && !t->fk[k].null_default) { /* a key the flush leaves to its default */
            t->vbad = 1;
            return -1;
        }
    f->flushing = (size_t)(t - f->t) + 1;
    f->flo = 1;
    f->fhi = 0;
    f->nfr = 0;
    return t->nfk;
}

void tl_fk_flush_end(tl_store *s, int ok, const int64_t *lo, const int64_t *hi, const int *any,
                     int bad)
{
    struct tl_fkeys *f = &s->fk;
    if (!f->flushing) return;
    struct tl_fk_table *t = &f->t[f->flushing - 1];
    f->flushing = 0;
    if (!ok) return; /* SQLite undid the statement: nothing to record */
    if (!t->rowid) {
        /* no rowids: the table's keys are known as long as nothing else
         * wrote it (tl_fk_check) */
        if (bad) t->vbad = 1;
        else t->vflushed = 1;
        goto keys;
    }
    if (f->fhi >= f->flo &&
        (push(&f->fr, &f->nfr, &f->afr, f->flo) || push(&f->fr, &f->nfr, &f->afr, f->fhi))) {
        f->lost = 1;
        return;
    }
    if (bad) {
        /* rows whose keys are not all integers, checked by SQL: those above
         * every other row are anyway; the others one by one */
        int64_t top = t->vmax > t->base ? t->vmax : t->base;
        for (size_t i = 0; i < f->nfr && !f->lost; i += 2)
            for (int64_t r = f->fr[i]; r <= f->fr[i + 1] && r <= top; r++)
                if (push(&t->rows, &t->nrows, &t->arows, r)) f->lost = 1;
        return;
    }
    for (size_t i = 0; i < f->nfr; i++)
        if (push(&t->vr, &t->nvr, &t->avr, f->fr[i])) {
            f->lost = 1;
            return;
        }
    for (size_t i = 1; i < f->nfr; i += 2)
        if (f->fr[i] > t->vmax) t->vmax = f->fr[i];
keys:
    for (int k = 0; k < t->nfk; k++) {
        if (!any[k]) continue;
        if (!t->kany[k] || lo[k] < t->kmin[k]) t->kmin[k] = lo[k];
        if (!t->kany[k] || hi[k] > t->kmax[k]) t->kmax[k] = hi[k];
        t->kany[k] = 1;
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
        t->nrows = t->ngone = t->nvr = 0;
        t->vmax = 0;
        t->vflushed = t->vbad = 0;
        memset(t->kany, 0, sizeof t->kany);
        t->empty = 0;
        if (t->sql) {
            t->empty = db_column_type(f->base_st, (int)col) == SQLITE_NULL;
            t->base = db_column_int64(f->base_st, (int)col++);
        } else {
            t->base = 0;
        }
    }
    if (f->base_st) db_reset(f->base_st);
    if (r != SQLITE_ROW) return tl_store_fail(s, err, "reading the tables' last rows");
    f->lost = 0;
    f->flushing = 0;
    s->db->written = 0;
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
        if (!t->sql || t->checked_whole) continue; /* no keys, or checked whole */
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

/* Every id from lo to hi is a row of table p (count(*) = max - min + 1):
 * then a key value in [lo, hi] finds its parent. Asked once a check (each
 * part its own query: SQLite counts a table's rows fast only alone). */
static int dense(tl_store *s, struct tl_fk_table *p, int64_t *lo, int64_t *hi)
{
    if (!p->dense) {
        char sql[300];
        struct tl_error e;
        snprintf(sql, sizeof sql,
                 "SELECT (SELECT count(*) FROM \"%s\"), (SELECT min(rowid) FROM \"%s\"),"
                 " (SELECT max(rowid) FROM \"%s\")",
                 p->name, p->name, p->name);
        db_stmt *st = tl_store_cached(s, sql, &e);
        p->dense = 2;
        if (st && db_step(st) == SQLITE_ROW) {
            int64_t n = db_column_int64(st, 0);
            p->dlo = db_column_int64(st, 1);
            p->dhi = db_column_int64(st, 2);
            if (n > 0 && (uint64_t)p->dhi - (uint64_t)p->dlo == (uint64_t)n - 1) p->dense = 1;
        }
        if (st) db_reset(st);
    }
    *lo = p->dlo;
    *hi = p->dhi;
    return p->dense == 1;
}

/* Every id from lo to hi is a row of table p. A narrow range (a StatsBomb
 * match's rows all name one match) is counted among p's rows by rowid, a
 * wide one (a load's every player) by p having no gap at all: counting a
 * table whole is SQLite's fastest count, but 0.6 ms for the results'
 * 49,520 matches where one match was named. */
static int ids_present(tl_store *s, struct tl_fk_table *p, int64_t lo, int64_t hi)
{
    if ((uint64_t)hi - (uint64_t)lo >= 4096) {
        int64_t dlo, dhi;
        return dense(s, p, &dlo, &dhi) == 1 && lo >= dlo && hi <= dhi;
    }
    char sql[200];
    struct tl_error e;
    snprintf(sql, sizeof sql, "SELECT count(*) FROM \"%s\" WHERE rowid BETWEEN ?1 AND ?2",
             p->name);
    db_stmt *st = tl_store_cached(s, sql, &e);
    if (!st) return 0;
    db_bind_int64(st, 1, lo);
    db_bind_int64(st, 2, hi);
    int yes = db_step(st) == SQLITE_ROW && db_column_int64(st, 0) == hi - lo + 1;
    db_reset(st);
    return yes;
}

/* The keys of the rows flushes wrote with known values (kmin..kmax of each)
 * all find their parents: every id between the two is a parent's. */
static int known_rows_hold(tl_store *s, struct tl_fk_table *t)
{
    for (int k = 0; k < t->nfk; k++) {
        if (!t->kany[k]) continue; /* every value NULL */
        if (!ids_present(s, &s->fk.t[t->fk[k].parent], t->kmin[k], t->kmax[k])) return 0;
    }
    return 1;
}

/* A WITHOUT ROWID table (the update hook does not report its rows) that
 * only flushes of held rows wrote, with key values that hold, no statement
 * that could write it naming it (the connection's watch: sql.h), no
 * trigger that could have, and no row of a parent deleted: its other rows
 * are as they were. Only a held table (watched) can say so. */
static int unwritten_but_known(tl_store *s, struct tl_fk_table *t)
{
    if (t->complex || t->vbad || !t->vflushed || !s->db->watch) return 0;
    int w = -1;
    for (int i = 0; s->db->watch[i]; i++)
        if (strcasecmp(s->db->watch[i], t->name) == 0) w = i;
    if (w < 0 || (s->db->written & (1u << w))) return 0;
    for (int k = 0; k < t->nfk; k++)
        if (s->fk.t[t->fk[k].parent].ngone) return 0;
    return !triggers(s) && known_rows_hold(s, t);
}

static int cmp_range(const void *a, const void *b)
{
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return (x > y) - (x < y);
}

/* The rows above base (every row, for a table empty at begin) that are not
 * in the known ranges. */
static tl_rc check_outside(tl_store *s, struct tl_fk_table *t, struct tl_error *err)
{
    qsort(t->vr, t->nvr / 2, 2 * sizeof *t->vr, cmp_range);
    int64_t from = t->empty ? INT64_MIN : t->base + 1;
    tl_rc rc = TL_OK;
    for (size_t i = 0; !rc && i + 1 < t->nvr; i += 2) {
        int64_t lo = t->vr[i], hi = t->vr[i + 1];
        if (hi < from) continue;
        if (lo > from) rc = check_range(s, t, from, lo - 1, err);
        if (hi == INT64_MAX) return rc;
        from = hi + 1;
    }
    return rc ? rc : check_range(s, t, from, INT64_MAX, err);
}

tl_rc tl_fk_check(tl_store *s, struct tl_error *err)
{
    struct tl_fkeys *f = &s->fk;
    if (db_pg(s->db)) return tl_fk_check_all(s, err);
    if (!f->on || f->lost) return tl_fk_check_all(s, err);
    tl_rc rc = TL_OK;
    for (size_t i = 0; !rc && i < f->n; i++) {
        struct tl_fk_table *t = &f->t[i];
        t->checked_whole = 0;
        t->dense = 0;
    }
    for (size_t i = 0; !rc && i < f->n; i++) {
        struct tl_fk_table *t = &f->t[i];
        if (!t->nkeys) continue;
        if (!t->rowid && unwritten_but_known(s, t)) continue;
        if (t->sql && t->nvr && known_rows_hold(s, t)) {
            rc = check_outside(s, t, err);
        } else if (!t->sql || t->base == 0) {
            t->checked_whole = 1;
            rc = check_pragma(s, t->name, err);
            continue;
        } else {
            rc = check_range(s, t, t->base + 1, INT64_MAX, err);
        }
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
    f->flushing = 0;
    for (size_t i = 0; i < f->n; i++) f->t[i].nrows = f->t[i].ngone = f->t[i].nvr = 0;
}

void tl_fk_close(tl_store *s)
{
    tl_fk_end(s);
    forget(&s->fk);
}
