/* store/pending.c: rows held back and written together.
 *
 * A football.txt load writes some 85,000 rows that nothing reads before
 * the transaction ends: lineups, squads, spellings, (into an empty events
 * table) events and (into an empty players table, where every player is
 * in memory: roster.c) players. One INSERT statement per row costs SQLite a
 * statement's setup, binding and teardown each time, about as much again
 * as storing the row. Held here instead, they are written by one
 * INSERT ... SELECT per table from a virtual table whose rows are the held
 * ones (tl_pending_lineups and so on: eponymous, read-only, usable only in a
 * top-level statement), the way SQLite copies a table into another.
 *
 * The rows must be in the database before anything reads their table:
 * the connection layer (sql.h) marks which of those tables each statement
 * names (a PRAGMA: all) and has the rows of the ones it names written
 * before it runs, and all of them before any db_exec; commit flushes
 * first of all. A transaction holds rows back only when asked
 * (tl_store_defer) and on SQLite only. The rows sit in chunks that never
 * move (store_int.h), so their memory is touched once.
 *
 * A held player gets its id here: the one SQLite would give it, one more
 * than the highest (any other write to players names the table, so the
 * held ones are in before it, and the next held one asks again).
 *
 * The statement for one row is the same as the flush's, so a row written
 * at once (no deferring, PostgreSQL) and a held one end the same way. A
 * flush that fails (a row SQLite refuses) is undone by SQLite as a whole;
 * its rows are then written one by one to name the one refused and its
 * line. */
#include "store_int.h"

#include "touchline/util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct def {
    const char *table;
    const char *cols;
    const char *conflict; /* after the values or the SELECT */
    int ncol, line_col;   /* line_col: the column with the source line */
    const char *what;
    int counted;          /* its writers count changed rows (tl_store_settle) */
};

static const struct def defs[PEND__COUNT] = {
    [PEND_LINEUPS] = {"lineups",
                      "match_id, team_id, player_id, starter, captain, shirt, position, source_id,"
                      " source_line, ord",
                      " ON CONFLICT(match_id, source_id, ord) DO UPDATE SET"
                      " team_id=excluded.team_id, player_id=excluded.player_id,"
                      " starter=excluded.starter, captain=excluded.captain,"
                      " shirt=excluded.shirt, position=excluded.position,"
                      " source_line=excluded.source_line WHERE (team_id, player_id, starter,"
                      " captain, shirt, position, source_line) IS NOT (excluded.team_id,"
                      " excluded.player_id, excluded.starter, excluded.captain,"
                      " excluded.shirt, excluded.position, excluded.source_line)",
                      10, 8, "the lineup", 1},
    [PEND_SQUADS] = {"squads",
                     "edition_id, team_id, player_id, number, position, source_id, source_line",
                     " ON CONFLICT(edition_id, team_id, player_id) DO UPDATE SET"
                     " number=excluded.number, position=excluded.position,"
                     " source_id=excluded.source_id, source_line=excluded.source_line"
                     " WHERE (number, position, source_id, source_line) IS NOT"
                     " (excluded.number, excluded.position, excluded.source_id,"
                     " excluded.source_line)",
                     7, 6, "the squad", 1},
    [PEND_SPELLINGS] = {"player_spellings", "player_id, source_id, spelling, reason, source_line",
                        " ON CONFLICT DO NOTHING", 5, 4, "the spelling", 0},
    [PEND_PLAYERS] = {"players",
                      "id, name, folded, team_id, birth_date, source_id, source_line, alt", "", 8,
                      6, "the player", 0},
    [PEND_MATCHES] = {"matches",
                      "id, date, home_id, away_id, seq, competition_id, city, country, neutral,"
                      " score_home, score_away, status, source_id, source_line",
                      "", 14, 13, "the match", 1},
    [PEND_EVENTS] = {"events",
                     "match_id, kind, period, minute, added, team_id, player_id, source_id,"
                     " source_line, ord, date, player2_id, outcome, kick_order, is_primary",
                     "", 15, 8, "the event", 1},
    /* a StatsBomb event (no line of its own: an error names the event) */
    [PEND_SB_EVENTS] = {"sb_events",
                        "match_id, idx, uuid, period, ms, minute, second, type_id, type,"
                        " possession, possession_team, play_pattern, team, player, position, x, y,"
                        " end_x, end_y, end_z, duration, flags, outcome, subtype, body_part,"
                        " technique, height, xg, length, other, card, formation, source_id, raw",
                        "", 34, -1, "the event", 0},
};

/* the tables a held row can be in, for the connection layer's watch: in
 * the order of enum pend_table (bit t of db->pending is table t) */
static const char *const watched[] = {"lineups", "squads",  "player_spellings", "events",
                                     "players", "matches", "sb_events", NULL};

/* ---- the virtual table: the held rows of one table, c0..cN ---- */

struct vtab {
    sqlite3_vtab base;
    struct tl_pend *p;
};
struct cursor {
    sqlite3_vtab_cursor base;
    size_t row;
};

static int vt_connect(sqlite3 *db, void *aux, int argc, const char *const *argv,
                      sqlite3_vtab **out, char **why)
{
    (void)argc;
    (void)argv;
    (void)why;
    struct tl_pend *p = aux;
    char sql[256] = "CREATE TABLE x(";
    size_t n = strlen(sql);
    for (int i = 0; i < p->ncol; i++)
        n += (size_t)snprintf(sql + n, sizeof sql - n, "%sc%d", i ? "," : "", i);
    snprintf(sql + n, sizeof sql - n, ")");
    int rc = sqlite3_declare_vtab(db, sql);
    if (rc != SQLITE_OK) return rc;
    sqlite3_vtab_config(db, SQLITE_VTAB_DIRECTONLY);
    struct vtab *v = sqlite3_malloc(sizeof *v);
    if (!v) return SQLITE_NOMEM;
    memset(v, 0, sizeof *v);
    v->p = p;
    *out = &v->base;
    return SQLITE_OK;
}

static int vt_disconnect(sqlite3_vtab *v)
{
    sqlite3_free(v);
    return SQLITE_OK;
}

static int vt_best_index(sqlite3_vtab *v, sqlite3_index_info *info)
{
    struct tl_pend *p = ((struct vtab *)v)->p;
    info->estimatedCost = (double)p->n + 1;
    info->estimatedRows = (sqlite3_int64)p->n;
    return SQLITE_OK;
}

static int vt_open(sqlite3_vtab *v, sqlite3_vtab_cursor **out)
{
    (void)v;
    struct cursor *c = sqlite3_malloc(sizeof *c);
    if (!c) return SQLITE_NOMEM;
    memset(c, 0, sizeof *c);
    *out = &c->base;
    return SQLITE_OK;
}

static int vt_close(sqlite3_vtab_cursor *c)
{
    sqlite3_free(c);
    return SQLITE_OK;
}

static int vt_filter(sqlite3_vtab_cursor *c, int idx, const char *idxstr, int argc,
                     sqlite3_value **argv)
{
    (void)idx;
    (void)idxstr;
    (void)argc;
    (void)argv;
    ((struct cursor *)c)->row = 0;
    return SQLITE_OK;
}

static int vt_next(sqlite3_vtab_cursor *c)
{
    ((struct cursor *)c)->row++;
    return SQLITE_OK;
}

static int vt_eof(sqlite3_vtab_cursor *c)
{
    return ((struct cursor *)c)->row >= ((struct vtab *)c->pVtab)->p->n;
}

/* The type (0 NULL, 1 integer, 2 text, 3 real) and value of column col of row r. */
static int cell(const struct tl_pend *p, size_t r, int col, union tl_pv *v)
{
    const struct tl_pchunk *ch = p->chunk[r / TL_PEND_ROWS];
    size_t k = r % TL_PEND_ROWS;
    *v = ch->v[k * (size_t)p->ncol + (size_t)col];
    return (int)((ch->types[k][col >> 5] >> (2 * (col & 31))) & 3);
}

/* set the type of column col of row k of ch */
static void set_type(struct tl_pchunk *ch, size_t k, int col, unsigned type)
{
    uint64_t *w = &ch->types[k][col >> 5];
    int sh = 2 * (col & 31);
    *w = (*w & ~((uint64_t)3 << sh)) | ((uint64_t)type << sh);
}

static int vt_column(sqlite3_vtab_cursor *c, sqlite3_context *ctx, int col)
{
    union tl_pv v;
    const struct tl_pend *p = ((struct vtab *)c->pVtab)->p;
    size_t r = ((struct cursor *)c)->row;
    switch (cell(p, p->order ? p->order[r] : r, col, &v)) {
    case 1: sqlite3_result_int64(ctx, v.i); break;
    case 2: sqlite3_result_text(ctx, v.t, -1, SQLITE_STATIC); break;
    case 3: sqlite3_result_double(ctx, v.d); break;
    default: sqlite3_result_null(ctx);
    }
    return SQLITE_OK;
}

static int vt_rowid(sqlite3_vtab_cursor *c, sqlite3_int64 *rowid)
{
    *rowid = (sqlite3_int64)((struct cursor *)c)->row + 1;
    return SQLITE_OK;
}

static const sqlite3_module module = {
    .iVersion = 0,
    .xCreate = NULL, /* eponymous only: the module's name is the table */
    .xConnect = vt_connect,
    .xBestIndex = vt_best_index,
    .xDisconnect = vt_disconnect,
    .xDestroy = vt_disconnect,
    .xOpen = vt_open,
    .xClose = vt_close,
    .xFilter = vt_filter,
    .xNext = vt_next,
    .xEof = vt_eof,
    .xColumn = vt_column,
    .xRowid = vt_rowid,
};

/* ---- holding and writing ---- */

static tl_rc flush(tl_store *s, unsigned tables, struct tl_error *err);
/* the connection layer's flush before a statement (sql.h): a failure
 * SQLite has no error for was one of touchline's allocations */
static int hook(void *arg, unsigned tables)
{
    tl_store *s = arg;
    if (flush(s, tables, NULL) == TL_OK) return 0;
    s->db->nomem = sqlite3_errcode(s->db->lite) == SQLITE_OK;
    return 1;
}

tl_rc tl_pend_open(tl_store *s, struct tl_error *err)
{
    for (int t = 0; t < PEND__COUNT; t++) {
        if (defs[t].ncol > TL_PEND_COLS) /* a row's types: 2 bits a column, 128 bits */
            return tl_err(err, TL_ELIMIT, "held rows of %s: too many columns", defs[t].table);
        s->pend.t[t].ncol = defs[t].ncol;
    }
    if (db_pg(s->db)) return TL_OK;
    for (int t = 0; t < PEND__COUNT; t++) {
        char name[64];
        snprintf(name, sizeof name, "tl_pending_%s", defs[t].table);
        if (sqlite3_create_module_v2(s->db->lite, name, &module, &s->pend.t[t], NULL) != SQLITE_OK)
            return tl_store_fail(s, err, "registering the held rows' tables");
    }
    s->db->watch = watched;
    s->db->flush = hook;
    s->db->flush_arg = s;
    return TL_OK;
}

tl_rc tl_store_defer(tl_store *s)
{
    if (db_get_autocommit(s->db)) return TL_OK;
    if (db_pg(s->db)) s->pend.nowait = 1;
    else s->pend.on = 1;
    return TL_OK;
}

/* A copy of t in the table's text blocks (64 KiB each, or one for a longer
 * text), or NULL out of memory. */
static const char *keep_text(struct tl_pend *p, const char *t, size_t len)
{
    size_t n = (len ? len : strlen(t)) + 1;
    while (p->cur < p->ntext && p->text[p->cur].used + n > p->text[p->cur].cap) {
        p->cur++;
        if (p->cur < p->ntext) p->text[p->cur].used = 0; /* a block kept from before */
    }
    if (p->cur == p->ntext) {
        struct tl_ptext *nt = tl_realloc(p->text, (p->ntext + 1) * sizeof *nt);
        if (!nt) return NULL;
        p->text = nt;
        size_t cap = n > 65536 ? n : 65536;
        char *b = tl_malloc(cap);
        if (!b) return NULL;
        p->text[p->ntext++] = (struct tl_ptext){b, 0, cap};
    }
    struct tl_ptext *x = &p->text[p->cur];
    char *d = x->b + x->used;
    memcpy(d, t, n - 1);
    d[n - 1] = 0;
    x->used += n;
    return d;
}

/* The SQL that writes one row: "INSERT INTO t(cols) VALUES(?1,...)conflict". */
static const char *one_sql(enum pend_table t, char *buf, size_t size)
{
    const struct def *d = &defs[t];
    size_t n = (size_t)snprintf(buf, size, "INSERT INTO %s(%s) VALUES(", d->table, d->cols);
    for (int i = 1; i <= d->ncol && n < size; i++)
        n += (size_t)snprintf(buf + n, size - n, "%s?%d", i > 1 ? "," : "", i);
    if (n < size) snprintf(buf + n, size - n, ")%s", d->conflict);
    return buf;
}

static void bind(db_stmt *st, int i, const struct tl_pval *v)
{
    if (v->type == SQLITE_INTEGER) db_bind_int64(st, i, v->i);
    else if (v->type == SQLITE_FLOAT) db_bind_double(st, i, v->d);
    else if (v->type == SQLITE_TEXT)
        db_bind_text(st, i, v->t, v->len ? (int)v->len : -1, SQLITE_STATIC);
    else db_bind_null(st, i);
}

/* the source line of a row, for an error (0: none) */
static long line_of(enum pend_table t, const struct tl_pval *v)
{
    int c = defs[t].line_col;
    return c >= 0 && v[c].type == SQLITE_INTEGER ? (long)v[c].i : 0;
}

/* Write one row now; *changed: it changed the table. */
static tl_rc write_one(tl_store *s, enum pend_table t, const struct tl_pval *v, int *changed,
                       struct tl_error *err)
{
    char sql[1024];
    db_stmt *st = tl_store_cached(s, one_sql(t, sql, sizeof sql), err);
    if (!st) return TL_ESTORE;
    for (int i = 0; i < defs[t].ncol; i++) bind(st, i + 1, &v[i]);
    if (db_step(st) != SQLITE_DONE)
        return tl_err_at(err, TL_ESTORE, NULL, line_of(t, v), 0, "storing %s: %s", defs[t].what,
                         db_errmsg(s->db));
    *changed = db_changes(s->db) > 0;
    return TL_OK;
}

/* PostgreSQL, deferring: write the row, not waiting for what it changed
 * (each answer a round trip: 50,000 of them in a World Cup load); the
 * counts are read at the end (tl_store_settle). An error the server met is
 * returned by a later call, the transaction then lost, as for every
 * pipelined write (sql_pg.c). */
static tl_rc write_nowait(tl_store *s, enum pend_table t, const struct tl_pval *v, int *changed,
                          struct tl_error *err)
{
    struct tl_pend *p = &s->pend.t[t];
    if (!p->one) {
        char sql[1024];
        if (db_prepare_v3(s->db, one_sql(t, sql, sizeof sql), -1, SQLITE_PREPARE_PERSISTENT,
                          &p->one, NULL) != SQLITE_OK)
            return tl_store_fail(s, err, "storing held rows");
    }
    db_stmt *st = p->one;
    db_reset(st);
    if (!s->pend.used[t]) {
        s->pend.used[t] = 1;
        s->pend.base[t] = db_total_changes(st);
    }
    for (int i = 0; i < defs[t].ncol; i++) bind(st, i + 1, &v[i]);
    if (db_step(st) != SQLITE_DONE)
        return tl_err_at(err, TL_ESTORE, NULL, line_of(t, v), 0, "storing %s: %s", defs[t].what,
                         db_errmsg(s->db));
    *changed = 1; /* tl_store_settle says how many did not */
    s->pend.added += defs[t].counted;
    return TL_OK;
}

tl_rc tl_pend_add(tl_store *s, enum pend_table t, const struct tl_pval *v, int *changed,
                  struct tl_error *err)
{
    if (s->pend.nowait) return write_nowait(s, t, v, changed, err);
    if (!s->pend.on) return write_one(s, t, v, changed, err);
    *changed = 1; /* tl_store_settle says how many did not */
    struct tl_pend *p = &s->pend.t[t];
    size_t ci = p->n / TL_PEND_ROWS, k = p->n % TL_PEND_ROWS;
    if (ci == p->nchunk) {
        struct tl_pchunk **nc = tl_realloc(p->chunk, (p->nchunk + 1) * sizeof *nc);
        if (!nc) return tl_err(err, TL_ENOMEM, "out of memory");
        p->chunk = nc;
        nc[ci] = tl_malloc(sizeof **nc + (size_t)TL_PEND_ROWS * (size_t)p->ncol * sizeof(union tl_pv));
        if (!nc[ci]) return tl_err(err, TL_ENOMEM, "out of memory");
        p->nchunk++;
    }
    struct tl_pchunk *ch = p->chunk[ci];
    union tl_pv *c = &ch->v[k * (size_t)p->ncol];
    ch->types[k][0] = ch->types[k][1] = 0;
    for (int i = 0; i < p->ncol; i++) {
        if (v[i].type == SQLITE_TEXT) {
            if (!(c[i].t = keep_text(p, v[i].t, v[i].len)))
                return tl_err(err, TL_ENOMEM, "out of memory");
            set_type(ch, k, i, 2);
        } else if (v[i].type == SQLITE_INTEGER) {
            c[i].i = v[i].i;
            set_type(ch, k, i, 1);
        } else if (v[i].type == SQLITE_FLOAT) {
            c[i].d = v[i].d;
            set_type(ch, k, i, 3);
        }
    }
    p->n++;
    s->pend.added += defs[t].counted;
    s->db->pending |= 1u << t;
    return TL_OK;
}

/* A flush failed: write its rows one by one to find the one refused. */
static tl_rc replay(tl_store *s, enum pend_table t, struct tl_error *err)
{
    struct tl_pend *p = &s->pend.t[t];
    struct tl_pval v[TL_PEND_COLS];
    for (size_t r = 0; r < p->n; r++) {
        for (int i = 0; i < p->ncol; i++) {
            union tl_pv x;
            int type = cell(p, r, i, &x);
            v[i] = type == 1 ? pv_int(x.i) : type == 2 ? pv_text(x.t) : type == 3 ? pv_real(x.d)
                                                                              : pv_null();
        }
        int changed;
        tl_rc rc = write_one(s, t, v, &changed, err);
        if (rc) return rc;
    }
    /* every row went in one by one: the flush failed for another reason */
    return tl_store_fail(s, err, "writing the held rows");
}

/* The rows in the order of column col (a stable counting sort, into
 * p->order), when its values are integers in a range not much wider than
 * the rows are many; else as they are. */
static void sort_rows(struct tl_pend *p, int col)
{
    if (p->n < 2) return;
    int64_t lo = INT64_MAX, hi = INT64_MIN;
    for (size_t r = 0; r < p->n; r++) {
        union tl_pv v;
        if (cell(p, r, col, &v) != 1) return;
        if (v.i < lo) lo = v.i;
        if (v.i > hi) hi = v.i;
    }
    if ((uint64_t)hi - (uint64_t)lo > 4 * (uint64_t)p->n) return;
    size_t span = (size_t)(hi - lo) + 2;
    size_t *at = tl_calloc(span, sizeof *at);
    if (!at || !(p->order = tl_malloc(p->n * sizeof *p->order))) {
        tl_free(at);
        return;
    }
    for (size_t r = 0; r < p->n; r++) {
        union tl_pv v;
        cell(p, r, col, &v);
        at[v.i - lo + 1]++;
    }
    for (size_t k = 1; k < span; k++) at[k] += at[k - 1];
    for (size_t r = 0; r < p->n; r++) {
        union tl_pv v;
        cell(p, r, col, &v);
        p->order[at[v.i - lo]++] = (uint32_t)r;
    }
    tl_free(at);
}

/* Write the held rows of the tables (bits, as in db->pending). */
static tl_rc flush(tl_store *s, unsigned tables, struct tl_error *err)
{
    /* another write to players may follow: the next held one asks again */
    for (int t = 0; t < PEND__COUNT; t++)
        if (tables & (1u << t)) s->pend.next_id[t] = 0;
    tables &= s->db->pending;
    s->db->pending &= ~tables; /* the statements below name the tables too */
    tl_rc rc = TL_OK;
    for (int t = 0; t < PEND__COUNT && !rc; t++) {
        struct tl_pend *p = &s->pend.t[t];
        if (!(tables & (1u << t)) || !p->n) continue;
        if (!p->flush) {
            const struct def *d = &defs[t];
            char sql[1024];
            size_t n = (size_t)snprintf(sql, sizeof sql, "INSERT INTO %s(%s) SELECT ", d->table,
                                        d->cols);
            for (int i = 0; i < d->ncol; i++)
                n += (size_t)snprintf(sql + n, sizeof sql - n, "%sc%d", i ? "," : "", i);
            /* WHERE 1: an upsert after a SELECT needs one (SQLite's grammar) */
            snprintf(sql + n, sizeof sql - n, " FROM tl_pending_%s WHERE 1%s", d->table,
                     d->conflict);
            if (db_prepare_v3(s->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &p->flush, NULL)) {
                rc = tl_store_fail(s, err, "writing the held rows");
                break;
            }
        }
        db_reset(p->flush);
        /* spellings: their table is their key's b-tree (WITHOUT ROWID),
         * cheaper to fill in its order (5.7 against 7.6 ms for a World Cup load) */
        if (t == PEND_SPELLINGS) sort_rows(p, 0);
        /* the rows' key values, for the commit's check (fk.c) */
        int map[TL_PEND_COLS], bad = 0, any[16] = {0};
        int64_t lo[16], hi[16];
        int nk = tl_fk_flush_begin(s, defs[t].table, defs[t].cols, map);
        for (size_t r = 0; nk > 0 && r < p->n; r++)
            for (int i = 0; i < p->ncol; i++) {
                int k = map[i];
                union tl_pv v;
                int type;
                if (k < 0 || !(type = cell(p, r, i, &v))) continue;
                if (type != 1) {
                    bad = 1;
                    continue;
                }
                if (!any[k] || v.i < lo[k]) lo[k] = v.i;
                if (!any[k] || v.i > hi[k]) hi[k] = v.i;
                any[k] = 1;
            }
        s->pend.flushed[t] += (long)p->n;
        unsigned written = s->db->written;
        int ok = db_step(p->flush) == SQLITE_DONE;
        s->db->written = written | (s->db->written & ~(1u << t));
        tl_fk_flush_end(s, ok, lo, hi, any, bad);
        if (ok)
            s->pend.changed += defs[t].counted ? db_changes(s->db) : 0;
        else {
            /* from a statement's db_step (err NULL), that statement fails
             * with the refused row's message from SQLite */
            struct tl_error e;
            rc = replay(s, t, err ? err : &e);
        }
        db_reset(p->flush);
        tl_free(p->order);
        p->order = NULL;
        p->n = 0; /* the chunks and blocks are filled again */
        p->cur = 0;
        if (p->ntext) p->text[0].used = 0;
    }
    return rc;
}

tl_rc tl_pend_flush(tl_store *s, struct tl_error *err) { return flush(s, ~0u, err); }

tl_rc tl_pend_id(tl_store *s, enum pend_table t, int64_t *id, struct tl_error *err)
{
    *id = 0;
    /* players read from the database would each flush the held ones */
    if (t == PEND_PLAYERS && !tl_roster_complete(s)) return TL_OK;
    return tl_pend_id_any(s, t, id, err);
}

tl_rc tl_pend_id_any(tl_store *s, enum pend_table t, int64_t *id, struct tl_error *err)
{
    *id = 0;
    if (!s->pend.on) return TL_OK;
    if (t == PEND_MATCHES && !s->fresh_matches) return TL_OK;
    if (!s->pend.next_id[t]) {
        /* (flushes the table's held rows first: the statement names it) */
        db_stmt *st = tl_store_cached(s,
                                      t == PEND_PLAYERS
                                          ? "SELECT coalesce(max(id), 0) + 1 FROM players"
                                          : "SELECT coalesce(max(id), 0) + 1 FROM matches",
                                      err);
        if (!st) return TL_ESTORE;
        if (db_step(st) != SQLITE_ROW) return tl_store_fail(s, err, "numbering the rows");
        s->pend.next_id[t] = db_column_int64(st, 0);
        db_reset(st);
    }
    *id = s->pend.next_id[t]++;
    return TL_OK;
}

/* A held player's better name and missing birth date set where the row is
 * held: what the UPDATE of a written one does (name replaced, birth date
 * coalesced), without the UPDATE's flush of every held player (61 of them
 * cut the players' one write into 16). 1 done, 0 not held, -1 no memory. */
int tl_pend_player_set(tl_store *s, int64_t id, const char *name, const char *birth)
{
    struct tl_pend *p = &s->pend.t[PEND_PLAYERS];
    union tl_pv first, v;
    if (!s->pend.on || !p->n || cell(p, 0, 0, &first) != 1 || id < first.i ||
        (uint64_t)id - (uint64_t)first.i >= p->n)
        return 0;
    size_t r = (size_t)((uint64_t)id - (uint64_t)first.i); /* held ids follow one another */
    if (cell(p, r, 0, &v) != 1 || v.i != id) return 0;
    struct tl_pchunk *ch = p->chunk[r / TL_PEND_ROWS];
    size_t k = r % TL_PEND_ROWS;
    union tl_pv *row = &ch->v[k * (size_t)p->ncol];
    const char *t;
    if (name) {
        if (!(t = keep_text(p, name, 0))) return -1;
        row[1].t = t;
        set_type(ch, k, 1, 2);
    }
    if (birth && cell(p, r, 4, &v) == 0) {
        if (!(t = keep_text(p, birth, 0))) return -1;
        row[4].t = t;
        set_type(ch, k, 4, 2);
    }
    return 1;
}

tl_rc tl_store_settle(tl_store *s, long *unchanged, struct tl_error *err)
{
    tl_rc rc = tl_pend_flush(s, err);
    for (int t = 0; t < PEND__COUNT && !rc; t++) {
        db_stmt *st = s->pend.t[t].one;
        if (!st || !s->pend.used[t]) continue;
        long n = db_total_changes(st); /* every answer read */
        if (defs[t].counted) s->pend.changed += n - s->pend.base[t];
        s->pend.base[t] = n;
    }
    *unchanged = s->pend.added - s->pend.changed;
    s->pend.added = s->pend.changed = 0;
    return rc;
}

/* Give the chunks and text blocks back. */
static void release(struct tl_pend *p)
{
    for (size_t i = 0; i < p->nchunk; i++) tl_free(p->chunk[i]);
    for (size_t i = 0; i < p->ntext; i++) tl_free(p->text[i].b);
    tl_free(p->chunk);
    tl_free(p->text);
    p->chunk = NULL;
    p->text = NULL;
    p->n = p->nchunk = p->ntext = p->cur = 0;
}

void tl_pend_end(tl_store *s)
{
    for (int t = 0; t < PEND__COUNT; t++) {
        struct tl_pend *p = &s->pend.t[t];
        if (p->flush) db_reset(p->flush);
        release(p);
    }
    s->pend.on = s->pend.nowait = 0;
    memset(s->pend.used, 0, sizeof s->pend.used);
    s->pend.added = s->pend.changed = 0;
    memset(s->pend.next_id, 0, sizeof s->pend.next_id);
    s->db->pending = 0;
}

void tl_pend_close(tl_store *s)
{
    for (int t = 0; t < PEND__COUNT; t++) {
        struct tl_pend *p = &s->pend.t[t];
        db_finalize(p->flush);
        db_finalize(p->one);
        release(p);
        memset(p, 0, sizeof *p);
    }
}

/* ---- the goals that count, weighed among held rows ---- */

struct weigh {
    int64_t match, source;
    long n, marks; /* goals, and of them penalties and own goals */
};

static int cmp_weigh(const void *a, const void *b)
{
    const struct weigh *x = a, *y = b;
    if (x->match != y->match) return x->match < y->match ? -1 : 1;
    return (x->source > y->source) - (x->source < y->source);
}

static int goal_kind(const char *k)
{
    if (strcmp(k, "goal") == 0) return 1;
    if (strcmp(k, "penalty_goal") == 0 || strcmp(k, "own_goal") == 0) return 2;
    return 0;
}

size_t tl_pend_rows(const tl_store *s, enum pend_table t) { return s->pend.t[t].n; }

int tl_pend_cell(const tl_store *s, enum pend_table t, size_t r, int col, union tl_pv *v)
{
    return cell(&s->pend.t[t], r, col, v);
}

int tl_pend_all_events(const tl_store *s)
{
    return s->pend.on && s->fresh_events && s->pend.flushed[PEND_EVENTS] == 0;
}

tl_rc tl_pend_weigh_goals(tl_store *s, struct tl_error *err)
{
    /* The rules of tl_store_pick_primary (detail.c): of a match's lists of
     * goals, the one with most goals, then most penalty and own-goal marks,
     * then the highest source rank (none lowest), then the lowest source id
     * counts; the others' goals do not. */
    struct tl_pend *p = &s->pend.t[PEND_EVENTS];
    struct weigh *w = NULL;
    size_t n = 0, alloc = 0;
    tl_rc rc = TL_OK;
    for (size_t r = 0; r < p->n; r++) {
        union tl_pv m, k, src;
        if (cell(p, r, 0, &m) != 1 || cell(p, r, 1, &k) != 2 || cell(p, r, 7, &src) != 1)
            continue;
        int g = goal_kind(k.t);
        if (!g) continue;
        if (n == alloc) {
            alloc = alloc ? alloc * 2 : 1024;
            struct weigh *nw = tl_realloc(w, alloc * sizeof *nw);
            if (!nw) {
                tl_free(w);
                return tl_err(err, TL_ENOMEM, "out of memory");
            }
            w = nw;
        }
        w[n++] = (struct weigh){m.i, src.i, 1, g == 2};
    }
    if (n > 1) qsort(w, n, sizeof *w, cmp_weigh);
    /* one entry per (match, source) */
    size_t u = 0;
    for (size_t i = 0; i < n; i++) {
        if (u && w[u - 1].match == w[i].match && w[u - 1].source == w[i].source) {
            w[u - 1].n += w[i].n;
            w[u - 1].marks += w[i].marks;
        } else {
            w[u++] = w[i];
        }
    }
    /* each match with two lists or more: the source whose list counts */
    struct tl_map best, ranks; /* match -> that source; source -> its rank */
    tl_map_init(&best);
    tl_map_init(&ranks);
    db_stmt *rank = tl_store_cached(s, "SELECT rank FROM sources WHERE id=?1", err);
    if (!rank) rc = TL_ESTORE;
    for (size_t i = 0; i < u && !rc;) {
        size_t j = i, b = i;
        int64_t brank = INT64_MIN;
        int multi = 0;
        for (; j < u && w[j].match == w[i].match && !rc; j++) {
            int64_t rk = INT64_MIN; /* NULL: below every rank */
            char sk[8];
            memcpy(sk, &w[j].source, sizeof sk);
            if (j > i) multi = 1;
            if (!tl_map_get(&ranks, sk, sizeof sk, &rk)) {
                db_bind_int64(rank, 1, w[j].source);
                int r = db_step(rank);
                if (r == SQLITE_ROW && db_column_type(rank, 0) != SQLITE_NULL)
                    rk = db_column_int64(rank, 0);
                db_reset(rank);
                if (r != SQLITE_ROW && r != SQLITE_DONE)
                    rc = tl_store_fail(s, err, "choosing the goals that count");
                else if (tl_map_put(&ranks, sk, sizeof sk, rk))
                    rc = tl_err(err, TL_ENOMEM, "out of memory");
            }
            if (j == i) brank = rk;
            else if (w[j].n > w[b].n ||
                     (w[j].n == w[b].n &&
                      (w[j].marks > w[b].marks ||
                       (w[j].marks == w[b].marks && rk > brank)))) {
                b = j;
                brank = rk;
            }
        }
        /* (ties on all three: the lowest source id, the first in order) */
        if (multi) {
            char key[8];
            memcpy(key, &w[i].match, sizeof key);
            if (tl_map_put(&best, key, sizeof key, w[b].source)) rc = tl_err(err, TL_ENOMEM, "out of memory");
        }
        i = j;
    }
    tl_free(w);
    /* the goals of the other lists do not count */
    for (size_t r = 0; r < p->n && !rc && best.n; r++) {
        union tl_pv m, k, src;
        if (cell(p, r, 0, &m) != 1 || cell(p, r, 1, &k) != 2 || cell(p, r, 7, &src) != 1 ||
            !goal_kind(k.t))
            continue;
        char key[8];
        int64_t b;
        memcpy(key, &m.i, sizeof key);
        if (tl_map_get(&best, key, sizeof key, &b) && b != src.i) {
            struct tl_pchunk *ch = p->chunk[r / TL_PEND_ROWS];
            ch->v[(r % TL_PEND_ROWS) * (size_t)p->ncol + 14].i = 0;
        }
    }
    tl_map_free(&best);
    tl_map_free(&ranks);
    return rc;
}
