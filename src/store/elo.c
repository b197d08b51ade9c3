/* store/elo.c: the Elo ratings kept in the store (migration 3): which
 * results are not rated yet, the matches to rate, the ratings as of a date,
 * a team's history. The rating itself is the engine's. */
#include "store_int.h"

#include <stdlib.h>
#include <string.h>

/* a match the ratings count: played, both teams known */
#define PLAYED                                                                              \
    "m.status='finished' AND m.score_home IS NOT NULL AND m.score_away IS NOT NULL AND"     \
    " m.home_id IS NOT NULL AND m.away_id IS NOT NULL"

tl_rc tl_store_elo_stale(tl_store *s, const char *params, char from[11], struct tl_error *err)
{
    from[0] = 0;
    db_stmt *st = tl_store_cached(s, "SELECT params FROM elo_params", err);
    if (!st) return TL_ESTORE;
    int same = db_step(st) == SQLITE_ROW &&
               strcmp((const char *)db_column_text(st, 0), params) == 0;
    db_reset(st);
    if (!same) {
        strcpy(from, "0000-00-00");
        return TL_OK;
    }
    /* the earliest date whose ratings may change: a match not rated yet or
     * rated from other inputs (at its old date and its new one), and a
     * rated match that is gone or no longer played. On PostgreSQL one full
     * join, a merge or hash join of the two tables once (two left joins,
     * each table hashed, took 55-89 ms against 34-44 for 49,520 matches);
     * SQLite runs a full join as a left join and a second pass, slower than
     * the two (50-62 against 33-51 ms) */
    st = tl_store_cached(
        s,
        db_pg(s->db) ?
        "SELECT min(min(coalesce(m.date, e.date), coalesce(e.date, m.date))) FROM"
        " (SELECT id, date, home_id, away_id, score_home, score_away, neutral, competition_id"
        "  FROM matches m WHERE " PLAYED ") m FULL JOIN elo e ON e.match_id=m.id"
        " WHERE m.id IS NULL OR e.match_id IS NULL OR e.date<>m.date OR e.home_id<>m.home_id OR"
        " e.away_id<>m.away_id OR e.score_home<>m.score_home OR e.score_away<>m.score_away OR"
        " e.neutral<>m.neutral OR e.competition_id IS NOT m.competition_id" :
        "SELECT min(d) FROM ("
        " SELECT min(m.date, coalesce(e.date, m.date)) d FROM matches m"
        "  LEFT JOIN elo e ON e.match_id=m.id WHERE " PLAYED " AND (e.match_id IS NULL OR"
        "  e.date<>m.date OR e.home_id<>m.home_id OR e.away_id<>m.away_id OR"
        "  e.score_home<>m.score_home OR e.score_away<>m.score_away OR e.neutral<>m.neutral OR"
        "  e.competition_id IS NOT m.competition_id)"
        " UNION ALL"
        " SELECT e.date FROM elo e LEFT JOIN matches m ON m.id=e.match_id"
        "  WHERE m.id IS NULL OR NOT (" PLAYED "))",
        err);
    if (!st) return TL_ESTORE;
    int r = db_step(st);
    if (r == SQLITE_ROW && db_column_type(st, 0) == SQLITE_TEXT) {
        const char *d = (const char *)db_column_text(st, 0);
        strncpy(from, d, 10);
        from[10] = 0;
    }
    db_reset(st);
    return r == SQLITE_ROW ? TL_OK : tl_store_fail(s, err, "elo: stale results");
}

tl_rc tl_store_elo_games(tl_store *s, const char *from, struct tl_elo_games *out,
                         struct tl_error *err)
{
    db_stmt *st = tl_store_cached(
        s,
        "SELECT m.id, m.date, m.home_id, m.away_id, m.score_home, m.score_away, m.neutral,"
        " c.name, m.competition_id FROM matches m LEFT JOIN competitions c ON"
        " c.id=m.competition_id WHERE m.date>=?1 AND " PLAYED " ORDER BY m.date, m.id",
        err);
    if (!st) return TL_ESTORE;
    db_bind_text(st, 1, from, -1, SQLITE_STATIC);
    int r;
    while ((r = db_step(st)) == SQLITE_ROW) {
        struct tl_elo_game *g = PUSH_ROW(out, st, err);
        if (!g) return TL_ENOMEM;
        g->match_id = db_column_int64(st, 0);
        strncpy(g->date, (const char *)db_column_text(st, 1), 10);
        g->team[0] = db_column_int(st, 2);
        g->team[1] = db_column_int(st, 3);
        g->goals[0] = db_column_int(st, 4);
        g->goals[1] = db_column_int(st, 5);
        g->neutral = db_column_int(st, 6);
        g->competition = tl_store_col_dup(st, 7);
        g->competition_id = db_column_int64(st, 8);
    }
    db_reset(st);
    return r == SQLITE_DONE ? TL_OK : tl_store_fail(s, err, "elo: matches");
}

static void rating_row(db_stmt *st, struct tl_rating *x)
{
    x->team_id = db_column_int64(st, 0);
    x->team = tl_store_col_dup(st, 1);
    x->rating = db_column_double(st, 2);
    x->change = db_column_double(st, 3);
    x->matches = db_column_int(st, 4);
    strncpy(x->date, (const char *)db_column_text(st, 5), 10);
    x->match_id = db_column_int64(st, 6);
}

/* Each team's row of its last rated match before date (inclusive: on or
 * before it): the later of its last home and last away match, each one
 * look-up of an index (elo_home, elo_away). */
static tl_rc latest(tl_store *s, const int64_t *ids, size_t n, const char *date, int inclusive,
                    struct tl_rating_list *out, struct tl_error *err)
{
/* (each side's latest as max(date), then max(match_id) that day: both
 * engines answer a max() from the index backwards, where an ORDER BY ...
 * DESC LIMIT 1 is sorted on PostgreSQL, since the store's dialect asks it
 * for SQLite's NULLS LAST) */
#define LATEST_SQL(CMP)                                                                       \
    "SELECT ?1, NULL, CASE WHEN e.home_id=?1 THEN e.home_before+e.change"                    \
    "  ELSE e.away_before-e.change END,"                                                     \
    " CASE WHEN e.home_id=?1 THEN e.change ELSE -e.change END,"                              \
    " CASE WHEN e.home_id=?1 THEN e.home_n ELSE e.away_n END, e.date, e.match_id"            \
    " FROM elo e WHERE e.match_id IN ("                                                      \
    "  (SELECT max(match_id) FROM elo WHERE home_id=?1 AND date="                           \
    "   (SELECT max(date) FROM elo WHERE home_id=?1 AND date" CMP "?2)),"                   \
    "  (SELECT max(match_id) FROM elo WHERE away_id=?1 AND date="                           \
    "   (SELECT max(date) FROM elo WHERE away_id=?1 AND date" CMP "?2)))"                   \
    " ORDER BY e.date DESC, e.match_id DESC LIMIT 1"
    db_stmt *st = tl_store_cached(s, inclusive ? LATEST_SQL("<=") : LATEST_SQL("<"), err);
#undef LATEST_SQL
    if (!st) return TL_ESTORE;
    for (size_t i = 0; i < n; i++) {
        db_bind_int64(st, 1, ids[i]);
        db_bind_text(st, 2, date, -1, SQLITE_STATIC);
        int r = db_step(st);
        if (r == SQLITE_ROW) {
            struct tl_rating *x = PUSH_ROW(out, st, err);
            if (!x) return TL_ENOMEM;
            rating_row(st, x);
            r = db_step(st);
        }
        db_reset(st);
        if (r != SQLITE_DONE) return tl_store_fail(s, err, "elo: ratings");
    }
    return TL_OK;
}

static int by_rating(const void *a, const void *b)
{
    const struct tl_rating *x = a, *y = b;
    if (x->rating != y->rating) return x->rating < y->rating ? 1 : -1;
    int c = strcmp(x->team ? x->team : "", y->team ? y->team : "");
    return c ? c : (x->team_id > y->team_id) - (x->team_id < y->team_id);
}

/* The same on PostgreSQL in one statement: the look-ups of every team in a
 * lateral join, not a round trip each */
static tl_rc latest_pg(tl_store *s, const char *on, struct tl_rating_list *out,
                       struct tl_error *err)
{
    db_stmt *st = tl_store_cached(
        s,
        "SELECT t.id, t.name,"
        " CASE WHEN x.home_id=t.id THEN x.home_before+x.change ELSE x.away_before-x.change END,"
        " CASE WHEN x.home_id=t.id THEN x.change ELSE -x.change END,"
        " CASE WHEN x.home_id=t.id THEN x.home_n ELSE x.away_n END, x.date, x.match_id"
        " FROM teams t CROSS JOIN LATERAL (SELECT * FROM elo e WHERE e.match_id IN ("
        "  (SELECT max(match_id) FROM elo WHERE home_id=t.id AND date="
        "   (SELECT max(date) FROM elo WHERE home_id=t.id AND date<=?1)),"
        "  (SELECT max(match_id) FROM elo WHERE away_id=t.id AND date="
        "   (SELECT max(date) FROM elo WHERE away_id=t.id AND date<=?1)))"
        "  ORDER BY e.date DESC, e.match_id DESC LIMIT 1) x",
        err);
    if (!st) return TL_ESTORE;
    db_bind_text(st, 1, on, -1, SQLITE_STATIC);
    size_t first = out->n;
    int r;
    while ((r = db_step(st)) == SQLITE_ROW) {
        struct tl_rating *x = PUSH_ROW(out, st, err);
        if (!x) return TL_ENOMEM;
        rating_row(st, x);
    }
    db_reset(st);
    if (r != SQLITE_DONE) return tl_store_fail(s, err, "elo: ratings");
    if (out->n > first) qsort(out->v + first, out->n - first, sizeof *out->v, by_rating);
    return TL_OK;
}

tl_rc tl_store_elo_ratings(tl_store *s, const char *on, struct tl_rating_list *out,
                           struct tl_error *err)
{
    /* every team's latest row, one pair of index look-ups a team (a few
     * hundred), best first: one pass over every rated match took ~40 times
     * as long (a string key built per row to find each team's latest) */
    if (db_pg(s->db)) return latest_pg(s, on ? on : "9999-12-31", out, err);
    db_stmt *st = tl_store_cached(s, "SELECT id, name FROM teams ORDER BY id", err);
    if (!st) return TL_ESTORE;
    int64_t *ids = NULL;
    char **names = NULL;
    size_t n = 0, cap = 0;
    tl_rc rc = TL_OK;
    int r;
    while ((r = db_step(st)) == SQLITE_ROW) {
        if (n == cap) {
            size_t nc = cap ? cap * 2 : 512;
            int64_t *ni = tl_realloc(ids, nc * sizeof *ids);
            if (ni) ids = ni;
            char **nn = ni ? tl_realloc(names, nc * sizeof *names) : NULL;
            if (nn) names = nn;
            if (!ni || !nn) {
                rc = tl_err(err, TL_ENOMEM, "out of memory");
                break;
            }
            cap = nc;
        }
        ids[n] = db_column_int64(st, 0);
        if (!(names[n] = tl_store_col_dup(st, 1)) && db_column_text(st, 1)) {
            rc = tl_err(err, TL_ENOMEM, "out of memory");
            break;
        }
        n++;
    }
    db_reset(st);
    if (!rc && r != SQLITE_DONE) rc = tl_store_fail(s, err, "elo: teams");
    size_t first = out->n;
    if (!rc) rc = latest(s, ids, n, on ? on : "9999-12-31", 1, out, err);
    /* the rows came in the order of ids: their names, moved over */
    for (size_t i = first, k = 0; !rc && i < out->n; i++) {
        while (k < n && ids[k] != out->v[i].team_id) k++;
        if (k < n) {
            out->v[i].team = names[k];
            names[k] = NULL;
        }
    }
    if (!rc && out->n > first) /* (none: out->v may be NULL, not for qsort) */
        qsort(out->v + first, out->n - first, sizeof *out->v, by_rating);
    for (size_t k = 0; k < n; k++) tl_free(names[k]);
    tl_free(names);
    tl_free(ids);
    return rc;
}

tl_rc tl_store_elo_before(tl_store *s, const int64_t *ids, size_t n, const char *before,
                          struct tl_rating_list *out, struct tl_error *err)
{
    return latest(s, ids, n, before, 0, out, err);
}

tl_rc tl_store_elo_save(tl_store *s, const char *from, const char *params,
                        const struct tl_elo_game *g, size_t n, struct tl_error *err)
{
    db_stmt *st = tl_store_cached(s, "DELETE FROM elo WHERE date>=?1", err);
    if (!st) return TL_ESTORE;
    db_bind_text(st, 1, from, -1, SQLITE_STATIC);
    int r = db_step(st);
    db_reset(st);
    if (r != SQLITE_DONE) return tl_store_fail(s, err, "elo: clearing");
    st = tl_store_cached(
        s,
        "INSERT INTO elo(match_id, date, home_id, away_id, score_home, score_away, neutral,"
        " competition_id, k, home_before, away_before, change, home_n, away_n)"
        /* one row, its values given (PostgreSQL sends a run of them as one
         * statement: sql_pg.c, batches) */
        " VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?14, ?8, ?9, ?10, ?11, ?12, ?13)",
        err);
    if (!st) return TL_ESTORE;
    for (size_t i = 0; i < n; i++) {
        const struct tl_elo_game *x = &g[i];
        db_bind_int64(st, 1, x->match_id);
        db_bind_text(st, 2, x->date, -1, SQLITE_STATIC);
        db_bind_int(st, 3, x->team[0]);
        db_bind_int(st, 4, x->team[1]);
        db_bind_int(st, 5, x->goals[0]);
        db_bind_int(st, 6, x->goals[1]);
        db_bind_int(st, 7, x->neutral);
        db_bind_int(st, 8, x->k);
        db_bind_double(st, 9, x->before[0]);
        db_bind_double(st, 10, x->before[1]);
        db_bind_double(st, 11, x->change);
        db_bind_int(st, 12, x->n[0]);
        db_bind_int(st, 13, x->n[1]);
        if (x->competition_id) db_bind_int64(st, 14, x->competition_id);
        else db_bind_null(st, 14);
        r = db_step(st);
        db_reset(st);
        if (r != SQLITE_DONE) return tl_store_fail(s, err, "elo: saving");
    }
    st = tl_store_cached(s, "DELETE FROM elo_params", err);
    if (!st) return TL_ESTORE;
    r = db_step(st);
    db_reset(st);
    if (r != SQLITE_DONE) return tl_store_fail(s, err, "elo: params");
    st = tl_store_cached(s, "INSERT INTO elo_params(params) VALUES(?1)", err);
    if (!st) return TL_ESTORE;
    db_bind_text(st, 1, params, -1, SQLITE_STATIC);
    r = db_step(st);
    db_reset(st);
    return r == SQLITE_DONE ? TL_OK : tl_store_fail(s, err, "elo: params");
}

tl_rc tl_store_elo_history(tl_store *s, int64_t team_id, struct tl_rating_list *out,
                           struct tl_error *err)
{
    db_stmt *st = tl_store_cached(
        s,
        "SELECT ?1, t.name, CASE WHEN e.home_id=?1 THEN e.home_before+e.change"
        "  ELSE e.away_before-e.change END,"
        " CASE WHEN e.home_id=?1 THEN e.change ELSE -e.change END,"
        " CASE WHEN e.home_id=?1 THEN e.home_n ELSE e.away_n END, e.date, e.match_id,"
        " o.name, CASE WHEN e.home_id=?1 THEN e.score_home ELSE e.score_away END,"
        " CASE WHEN e.home_id=?1 THEN e.score_away ELSE e.score_home END,"
        " CASE WHEN e.neutral THEN 0 WHEN e.home_id=?1 THEN 1 ELSE -1 END, c.name,"
        " CASE WHEN e.home_id=?1 THEN e.away_before ELSE e.home_before END"
        " FROM elo e JOIN teams t ON t.id=?1"
        " JOIN teams o ON o.id=CASE WHEN e.home_id=?1 THEN e.away_id ELSE e.home_id END"
        " LEFT JOIN competitions c ON c.id=e.competition_id"
        " WHERE e.home_id=?1 OR e.away_id=?1 ORDER BY e.date, e.match_id",
        err);
    if (!st) return TL_ESTORE;
    db_bind_int64(st, 1, team_id);
    int r;
    while ((r = db_step(st)) == SQLITE_ROW) {
        struct tl_rating *x = PUSH_ROW(out, st, err);
        if (!x) return TL_ENOMEM;
        rating_row(st, x);
        x->opponent = tl_store_col_dup(st, 7);
        x->gf = db_column_int(st, 8);
        x->ga = db_column_int(st, 9);
        x->home = db_column_int(st, 10);
        x->competition = tl_store_col_dup(st, 11);
        x->opponent_rating = db_column_double(st, 12);
    }
    db_reset(st);
    return r == SQLITE_DONE ? TL_OK : tl_store_fail(s, err, "elo: history");
}

tl_rc tl_store_elo_rated(tl_store *s, int64_t competition_id, const char *from, const char *to,
                         struct tl_elo_games *out, struct tl_error *err)
{
    /* the result after 90 minutes: a match that went to extra time was
     * level then, whatever the source says of the score at 90 */
    db_stmt *st = tl_store_cached(
        s,
        "SELECT e.match_id, e.date, e.home_id, e.away_id, e.neutral, e.k, e.home_before,"
        " e.away_before, e.change,"
        " coalesce(m.ft_home, CASE WHEN m.aet_home IS NOT NULL OR m.so_home IS NOT NULL"
        "  OR m.so_winner_id IS NOT NULL THEN 0 ELSE m.score_home END),"
        " coalesce(m.ft_away, CASE WHEN m.aet_home IS NOT NULL OR m.so_home IS NOT NULL"
        "  OR m.so_winner_id IS NOT NULL THEN 0 ELSE m.score_away END)"
        " FROM elo e JOIN matches m ON m.id=e.match_id"
        " WHERE m.competition_id=?1 AND e.date>=?2 AND e.date<=?3 ORDER BY e.date, e.match_id",
        err);
    if (!st) return TL_ESTORE;
    db_bind_int64(st, 1, competition_id);
    db_bind_text(st, 2, from ? from : "0000-00-00", -1, SQLITE_TRANSIENT);
    db_bind_text(st, 3, to ? to : "9999-12-31", -1, SQLITE_TRANSIENT);
    int r;
    while ((r = db_step(st)) == SQLITE_ROW) {
        struct tl_elo_game *g = PUSH_ROW(out, st, err);
        if (!g) return TL_ENOMEM;
        g->match_id = db_column_int64(st, 0);
        strncpy(g->date, (const char *)db_column_text(st, 1), 10);
        g->team[0] = db_column_int(st, 2);
        g->team[1] = db_column_int(st, 3);
        g->neutral = db_column_int(st, 4);
        g->k = db_column_int(st, 5);
        g->before[0] = db_column_double(st, 6);
        g->before[1] = db_column_double(st, 7);
        g->change = db_column_double(st, 8);
        g->goals[0] = db_column_int(st, 9);
        g->goals[1] = db_column_int(st, 10);
    }
    db_reset(st);
    return r == SQLITE_DONE ? TL_OK : tl_store_fail(s, err, "elo: rated matches");
}
