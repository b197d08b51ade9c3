/* store/store_int.h: private to store/. */
#ifndef TOUCHLINE_STORE_INT_H
#define TOUCHLINE_STORE_INT_H

#include "touchline/store.h"

#include "sql.h"

enum stmt_id {
    ST_TEAM_GET, ST_TEAM_INS, ST_COMP_GET, ST_COMP_INS, ST_PLAYER_GET, ST_PLAYER_INS,
    ST_MATCH_GET, ST_MATCH_INS, ST_MATCH_UPD, ST_EVENT_GET, ST_EVENT_INS, ST_EVENT_UPD,
    ST_SHOOTOUT, ST_FORMER, ST_SOURCE_GET, ST_SOURCE_INS, ST_SOURCE_UPD, ST__COUNT
};

/* The players a transaction has looked at (roster.c). */
struct tl_rplayer {
    int64_t id, team; /* team 0: none */
    char *name, *folded, *alt;
    char birth[11];       /* "" when unknown */
    int32_t next_f, next_a; /* the next of the same team and folded / alt name; -1 ends */
    int32_t squads;         /* the player's first membership (roster.m), -1: none */
    uint32_t letters;       /* tl_name_letters(folded) */
    int quality;            /* tl_name_quality(name) */
    unsigned char in_f, in_a;
};
struct tl_rmember { /* a player in an edition's squad of a team */
    int64_t edition, team;
    int32_t player; /* index into roster.p */
    int32_t next;   /* the next member of the squad; -1 ends */
    int32_t next_p; /* the player's next membership; -1 ends */
};
/* Rows held back and written together (pending.c): one INSERT ... SELECT
 * from a virtual table over the rows instead of a statement per row. */
enum pend_table {
    PEND_LINEUPS, PEND_SQUADS, PEND_SPELLINGS, PEND_EVENTS, PEND_PLAYERS, PEND_MATCHES,
    PEND_SB_EVENTS, PEND__COUNT
};
/* a value handed over: SQLITE_INTEGER, SQLITE_FLOAT, SQLITE_TEXT (of len
 * bytes, or up to its NUL when len is 0) or SQLITE_NULL */
struct tl_pval {
    int type;
    int64_t i;
    const char *t;
    double d;
    size_t len;
};
static inline struct tl_pval pv_int(int64_t v) { return (struct tl_pval){.type = SQLITE_INTEGER, .i = v}; }
static inline struct tl_pval pv_null(void) { return (struct tl_pval){.type = SQLITE_NULL}; }
/* an integer, NULL for TL_NONE */
static inline struct tl_pval pv_intn(long v) { return v == TL_NONE ? pv_null() : pv_int(v); }
/* an id, NULL for 0 or less */
static inline struct tl_pval pv_id(int64_t v) { return v > 0 ? pv_int(v) : pv_null(); }
/* text, NULL for NULL */
static inline struct tl_pval pv_text(const char *t)
{
    return t ? (struct tl_pval){.type = SQLITE_TEXT, .t = t} : pv_null();
}
/* len bytes of text (not ended by a NUL) */
static inline struct tl_pval pv_textn(const char *t, size_t len)
{
    return t ? (struct tl_pval){.type = SQLITE_TEXT, .t = t, .len = len} : pv_null();
}
/* a real, NULL for NaN */
static inline struct tl_pval pv_real(double d)
{
    return d == d ? (struct tl_pval){.type = SQLITE_FLOAT, .d = d} : pv_null();
}
/* Held rows in chunks of TL_PEND_ROWS (never moved: a chunk is written
 * once, pages touched once), each value 8 bytes, its type 2 bits of the
 * row's two words (64 columns at most); texts copied into blocks that do
 * not move either. */
#define TL_PEND_ROWS 2048
#define TL_PEND_COLS 64
union tl_pv {
    int64_t i;
    const char *t;
    double d;
};
struct tl_pchunk {
    uint64_t types[TL_PEND_ROWS][2]; /* 2 bits a column: 0 NULL, 1 integer, 2 text, 3 real */
    union tl_pv v[];                 /* TL_PEND_ROWS rows of ncol values */
};
struct tl_ptext {
    char *b;
    size_t used, cap;
};
struct tl_pend {
    int ncol;
    size_t n;                  /* rows held */
    struct tl_pchunk **chunk;  /* n / TL_PEND_ROWS + 1 of them in use */
    size_t nchunk;             /* allocated */
    struct tl_ptext *text;     /* text blocks; cur is being filled */
    size_t ntext, cur;
    db_stmt *flush;            /* INSERT ... SELECT from the virtual table */
    db_stmt *one;              /* PostgreSQL, deferring: the one-row INSERT (its own, not
                                  the statement cache's, which may finalize it) */
    uint32_t *order;           /* the rows in the order the flush writes them, or NULL */
};
struct tl_pending {
    int on;                 /* this transaction holds rows back (tl_store_defer) */
    /* PostgreSQL, deferring: rows are written at once, without waiting for
     * the server's answer (pending.c); the rows each table's statement
     * changed are counted at the end, from base on */
    int nowait;
    int used[PEND__COUNT];  /* the table's one-row INSERT ran this transaction */
    long base[PEND__COUNT]; /* its change total when it first did */
    struct tl_pend t[PEND__COUNT];
    long added, changed;    /* rows handed over, rows the flushes changed */
    long flushed[PEND__COUNT]; /* rows of each table written by flushes this transaction */
    int64_t next_id[PEND__COUNT]; /* the id the next held player or match gets; 0: ask */
};

/* player ids below this are found by array in the roster, larger ones (a
 * database whose ids were set by hand) by the map */
#define TL_ROSTER_IDS ((int64_t)1 << 24)
struct tl_roster {
    struct tl_rplayer *p;
    size_t n, alloc;
    struct tl_rmember *m;
    size_t nm, allocm;
    int32_t *ix;      /* player id -> index into p, -1: none (ids below TL_ROSTER_IDS) */
    size_t nix;
    struct tl_map keys;
    int stale; /* a write the roster did not see: read keys from the database */
    int lost_held; /* emptied in this transaction: held squad rows may be unknown to it */
};

/* Foreign keys checked at a load's commit over the rows it wrote (fk.c):
 * each table of the schema, how it is checked, and what the update hook
 * saw this transaction. */
struct tl_fk_table {
    char *name;
    int rowid;            /* a rowid table (the update hook reports its rows) */
    int whole;            /* checked whole by PRAGMA foreign_key_check */
    int parent;           /* a key of some table refers to it */
    int nkeys;
    char *sql;            /* its rows in [?1, ?2] whose key finds no parent (NULL: whole) */
    db_stmt *st;          /* sql, prepared on first use */
    int64_t base;         /* its highest rowid when the transaction began */
    int64_t *rows;        /* rows up to base inserted or updated since */
    size_t nrows, arows;
    int64_t *gone;        /* rows deleted since */
    size_t ngone, agone;
    int empty;            /* it had no row when the transaction began */
    int checked_whole;    /* by the pragma, in this commit's check */
    int complex;          /* a key that is not one column naming its parent's rowid */
    int vflushed, vbad;   /* flushes wrote it with known values; one could not be vouched for */
    /* its keys, when sql is set: the column and the parent (index into
     * tl_fkeys.t) of each */
    int nfk;
    struct tl_fk_col {
        char name[64];
        size_t parent;
        int null_default; /* a row that does not give it has NULL */
    } *fk;
    int dense;            /* this check: 0 not asked, 1 its ids run dlo..dhi with no gap, 2 not */
    int64_t dlo, dhi;
    /* rows inserted by flushes of held rows (pending.c), whose key values
     * are known: ranges of rowids, the lowest and highest value of each key
     * (any: one was not NULL) */
    int64_t *vr;          /* lo, hi pairs */
    size_t nvr, avr;
    int64_t vmax;         /* the highest rowid of those ranges */
    int64_t kmin[16], kmax[16];
    int kany[16];
};
struct tl_fkeys {
    struct tl_fk_table *t;
    size_t n, last;       /* last: the table the hook saw last */
    db_stmt *base_st;     /* every checked table's highest rowid */
    int loaded, on, lost; /* lost: a list could not grow; check everything */
    size_t flushing;      /* 1 + the table a flush of known rows is writing; 0 */
    int64_t flo, fhi;     /* the range of rowids that flush is inserting */
    int64_t *fr;          /* its earlier ranges (lo, hi pairs) */
    size_t nfr, afr;
};

struct tl_store {
    db_conn *db;
    char *path;
    int version;
    db_stmt *st[ST__COUNT];
    /* name -> id caches; cleared on rollback because the ids may be gone */
    struct tl_map teams, comps, players;
    /* per transaction: player_born and team_on results, and spellings
     * already recorded; cleared with the others */
    struct tl_map born, team_on, spelled;
    /* team_on's answers for names no team_names row has: no date changes
     * them (0: the name has such rows, ask by date) */
    struct tl_map team_any;
    /* sources this transaction created (and has not named again): no
     * events of theirs can be stored yet, so theirs are held without the
     * look-up a re-import needs (tl_store_put_event) */
    struct tl_map new_sources;
    /* for tl_store_pick_primary: the matches this transaction wrote events
     * of, the first source it wrote events of and whether there were more,
     * and whether something else changed which list counts (a source's
     * rank, events deleted): then every match is weighed again */
    struct tl_map touched;  /* match id -> 1 events written, 2 some deleted */
    int64_t *touched_ids;   /* the same, in order */
    size_t ntouched, touched_alloc;
    int64_t event_source;
    int event_sources, primary_all;
    struct tl_roster roster;
    struct tl_pending pend;
    struct tl_fkeys fk;
    /* set at begin: the table was empty, so a row not in this transaction's
     * caches cannot exist yet and the look-up before an insert is skipped */
    int fresh_matches, fresh_events, fresh_players;
    /* a load into an empty SQLite database runs with a rollback journal: its
     * new pages go to the database file once, not to the WAL and then, at
     * the checkpoint, again (see tl_store_begin); WAL again after it */
    int journal_switched;
    int unspelled; /* players written without their first spelling (tl_store_commit) */
    int wal_later; /* a new database: WAL once its first load is done (store.c) */
    /* the last directory a source's path was in, as given and resolved
     * (tl_store_source; per transaction) */
    char *src_dir, *src_dir_abs;
    /* secondary indexes dropped for a bulk load into empty tables, with the
     * SQL to build them again (sorted, much faster than row by row) at commit */
    char *deferred_index_sql;
    /* prepared statements of the dynamic queries, by SQL text (LRU: a query
     * asked twice is prepared once; preparing costs tens of microseconds) */
    struct {
        char *sql;
        db_stmt *st;
        unsigned long used;
    } cache[32];
    unsigned long tick;
};

/* A statement for sql from the cache (prepared on a miss), reset and with
 * bindings cleared. Owned by the store: do not finalize. */
db_stmt *tl_store_cached(tl_store *s, const char *sql, struct tl_error *err);

extern const char *const tl_store_migrations[];
extern const int tl_store_nmigrations;

/* Prepared statement id, prepared on first use; NULL on error (err set). */
db_stmt *tl_store_stmt(tl_store *s, enum stmt_id id, struct tl_error *err);
/* Record that a source wrote `name` for player id, and why it was read so. */
tl_rc tl_store_spelling(tl_store *s, int64_t id, int64_t src, const char *name, const char *reason,
                        long line, struct tl_error *err);
/* Bind a value or NULL: text NULL, TL_NONE, an id of 0 or less. */
static inline void tl_bind_text(db_stmt *st, int i, const char *v)
{
    if (v) db_bind_text(st, i, v, -1, SQLITE_STATIC);
    else db_bind_null(st, i);
}
static inline void tl_bind_int(db_stmt *st, int i, long v)
{
    if (v == TL_NONE) db_bind_null(st, i);
    else db_bind_int64(st, i, v);
}
static inline void tl_bind_id(db_stmt *st, int i, int64_t v)
{
    if (v > 0) db_bind_int64(st, i, v);
    else db_bind_null(st, i);
}
/* A text column, copied (NULL stays NULL). */
char *tl_store_col_dup(db_stmt *st, int i);
/* An integer column, TL_NONE for NULL. */
static inline int tl_store_col_int(db_stmt *st, int i)
{
    return db_column_type(st, i) == SQLITE_NULL ? TL_NONE : db_column_int(st, i);
}
/* A date column into out ("" for NULL). */
static inline void tl_store_col_date(db_stmt *st, int i, char out[11])
{
    const unsigned char *d = db_column_text(st, i);
    size_t n = 0;
    for (; d && d[n] && n < 10; n++) out[n] = (char)d[n];
    out[n] = 0;
}
/* Room for one more row of a result list: the new element (zeroed), or
 * NULL with st reset and err set when memory runs out. */
void *tl_store_push_row(void **v, size_t *alloc, size_t *n, size_t size, db_stmt *st,
                        struct tl_error *err);
#define PUSH_ROW(out, st, err) \
    tl_store_push_row((void **)&(out)->v, &(out)->alloc, &(out)->n, sizeof *(out)->v, st, err)
/* The roster (roster.c). Chains and squads are read from the database the
 * first time they are asked for, unless the players table was empty at
 * begin and every write since went through the roster. */
tl_rc tl_roster_chain(tl_store *s, int which, int64_t team, const char *name, int32_t *head,
                      struct tl_error *err);
tl_rc tl_roster_squad(tl_store *s, int64_t edition, int64_t team, int32_t *head,
                      struct tl_error *err);
/* Is player (an index) a member of the squad? Read the squad first. */
int tl_roster_in_squad(tl_store *s, int64_t edition, int64_t team, int32_t player);
/* A player row inserted, a squad row inserted. */
tl_rc tl_roster_added(tl_store *s, int64_t id, int64_t team, const char *name, const char *folded,
                      const char *alt, const char *birth, struct tl_error *err);
tl_rc tl_roster_squad_added(tl_store *s, int64_t edition, int64_t team, int64_t player,
                            struct tl_error *err);
/* Players or squads written behind the roster's back: empty it, read again. */
void tl_roster_forget(tl_store *s);
/* The transaction ended. */
void tl_roster_end(tl_store *s);
/* Does the roster hold every player (none is read from the database)? */
int tl_roster_complete(const tl_store *s);
/* the birth date ("" unknown) of player id when the roster has every
 * player; NULL when it does not, or has no such player */
const char *tl_roster_birth(const tl_store *s, int64_t id);

/* Held-back rows (pending.c). tl_pend_open registers the virtual tables
 * (SQLite); tl_pend_add holds a row back when the transaction defers
 * (returns TL_ENOTFOUND when it does not: write the row now); tl_pend_flush
 * writes what is held; tl_pend_end forgets it (the transaction ended). */
tl_rc tl_pend_open(tl_store *s, struct tl_error *err);
tl_rc tl_pend_add(tl_store *s, enum pend_table t, const struct tl_pval *v, int *changed,
                  struct tl_error *err);
tl_rc tl_pend_flush(tl_store *s, struct tl_error *err);
/* Every event of this transaction is held (none was stored before it, none
 * written yet): tl_pend_weigh_goals can choose the goals that count among
 * them, by tl_store_pick_primary's rules, without asking the database. */
int tl_pend_all_events(const tl_store *s);
/* the held rows of a table, and column col of row r (type 0 NULL, 1
 * integer, 2 text) */
size_t tl_pend_rows(const tl_store *s, enum pend_table t);
int tl_pend_cell(const tl_store *s, enum pend_table t, size_t r, int col, union tl_pv *v);
tl_rc tl_pend_weigh_goals(tl_store *s, struct tl_error *err);
/* The id a new player (or match) row is to have when it can be held back
 * (rows are held and the table was empty at begin; players: the roster has
 * every player, so none is read back), the one SQLite would give it; 0 when
 * it cannot. */
tl_rc tl_pend_id(tl_store *s, enum pend_table t, int64_t *id, struct tl_error *err);
/* the same without asking the roster: for a writer whose rows nothing
 * reads back from the table before the commit */
tl_rc tl_pend_id_any(tl_store *s, enum pend_table t, int64_t *id, struct tl_error *err);
/* a held player's better name and missing birth date set where it is held:
 * 1, or 0 when it is not held (write it), -1 out of memory */
int tl_pend_player_set(tl_store *s, int64_t id, const char *name, const char *birth);
void tl_pend_end(tl_store *s);
void tl_pend_close(tl_store *s);

/* Foreign keys (fk.c). tl_fk_begin notes each table's last row and asks
 * SQLite to report every row written; tl_fk_check, before a load's COMMIT,
 * checks the keys of the rows written since; tl_fk_check_all every row of
 * every table; tl_fk_end: the transaction ended. */
tl_rc tl_fk_begin(tl_store *s, struct tl_error *err);
/* A flush of held rows of table (pending.c) whose values the caller knows:
 * tl_fk_flush_begin maps the flush's columns (cols, as in its INSERT) to
 * the table's keys (map[i]: key index or -1) and returns how many keys the
 * table has, or -1 when the rows cannot be vouched for (no such table, a
 * key not among cols, a trigger in the schema); tl_fk_flush_end, after the
 * statement, with ok = it succeeded and the lowest and highest value of
 * each key among the rows (any[k]: one was not NULL; bad: a key value was
 * not an integer), records the rows it inserted as checked by range. */
int tl_fk_flush_begin(tl_store *s, const char *table, const char *cols, int map[TL_PEND_COLS]);
void tl_fk_flush_end(tl_store *s, int ok, const int64_t *lo, const int64_t *hi, const int *any,
                     int bad);
tl_rc tl_fk_check(tl_store *s, struct tl_error *err);
tl_rc tl_fk_check_all(tl_store *s, struct tl_error *err);
void tl_fk_end(tl_store *s);
void tl_fk_close(tl_store *s);

/* Report the database's last error into err. */
tl_rc tl_store_fail(tl_store *s, struct tl_error *err, const char *what);

#endif
