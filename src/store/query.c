/* store/query.c: the read queries behind the commands. Each builds its SQL
 * from the filters that are set, so SQLite can use the indexes. */
#include "store_int.h"

#include <stdlib.h>
#include <string.h>

char *tl_store_col_dup(db_stmt *st, int i)
{
    const unsigned char *t = db_column_text(st, i);
    return t ? tl_strdup((const char *)t) : NULL;
}
#define col_dup tl_store_col_dup



/* Grow a vector of `size`-byte elements to hold one more. */
static tl_rc grow(void **v, size_t *alloc, size_t n, size_t size)
{
    if (n < *alloc) return TL_OK;
    size_t na = *alloc ? *alloc * 2 : 64;
    void *p = tl_realloc(*v, na * size);
    if (!p) return TL_ENOMEM;
    memset((char *)p + *alloc * size, 0, (na - *alloc) * size);
    *v = p;
    *alloc = na;
    return TL_OK;
}

void *tl_store_push_row(void **v, size_t *alloc, size_t *n, size_t size, db_stmt *st,
                        struct tl_error *err)
{
    if (grow(v, alloc, *n, size)) {
        if (st) db_reset(st);
        tl_err(err, TL_ENOMEM, "out of memory");
        return NULL;
    }
    return (char *)*v + (*n)++ * size;
}

/* A cached statement for sql (see tl_store_cached); give it back with
 * db_reset(), never finalize it. */
static tl_rc prepare(tl_store *s, const char *sql, db_stmt **st, struct tl_error *err)
{
    *st = tl_store_cached(s, sql, err);
    return *st ? TL_OK : TL_ESTORE;
}

#define MATCH_COLS                                                                              \
    "m.id, m.date, coalesce(h.name, m.home_slot), coalesce(a.name, m.away_slot), c.name,"      \
    " m.city, m.country, m.neutral, m.score_home,"                                              \
    " m.score_away, m.ht_home, m.ht_away, m.ft_home, m.ft_away, m.aet_home, m.aet_away,"       \
    " m.so_home, m.so_away, w.name, fs.name, m.status, src.path, m.source_line, m.home_id,"    \
    " m.away_id, m.venue, m.referee, stg.name, grp.name, ed.name, m.kickoff, m.utc_offset,"      \
    " m.attendance, m.match_no"
#define MATCH_FROM                                                                              \
    " FROM matches m LEFT JOIN teams h ON h.id=m.home_id LEFT JOIN teams a ON a.id=m.away_id"  \
    " LEFT JOIN competitions c ON c.id=m.competition_id LEFT JOIN teams w ON w.id=m.so_winner_id" \
    " LEFT JOIN teams fs ON fs.id=m.so_first_id LEFT JOIN sources src ON src.id=m.source_id"  \
    " LEFT JOIN stages stg ON stg.id=m.stage_id LEFT JOIN stage_groups grp ON grp.id=m.group_id" \
    " LEFT JOIN editions ed ON ed.id=m.edition_id"

static tl_rc read_matches(tl_store *s, db_stmt *st, struct tl_match_list *out,
                          struct tl_error *err)
{
    int r;
    while ((r = db_step(st)) == SQLITE_ROW) {
        if (grow((void **)&out->v, &out->alloc, out->n, sizeof *out->v))
            return tl_err(err, TL_ENOMEM, "out of memory");
        struct tl_match *m = &out->v[out->n++];
        m->id = db_column_int64(st, 0);
        tl_store_col_date(st, 1, m->date);
        m->home = col_dup(st, 2);
        m->away = col_dup(st, 3);
        m->tournament = col_dup(st, 4);
        m->city = col_dup(st, 5);
        m->country = col_dup(st, 6);
        m->neutral = db_column_int(st, 7);
        m->score_home = tl_store_col_int(st, 8);
        m->score_away = tl_store_col_int(st, 9);
        m->ht_home = tl_store_col_int(st, 10);
        m->ht_away = tl_store_col_int(st, 11);
        m->ft_home = tl_store_col_int(st, 12);
        m->ft_away = tl_store_col_int(st, 13);
        m->aet_home = tl_store_col_int(st, 14);
        m->aet_away = tl_store_col_int(st, 15);
        m->so_home = tl_store_col_int(st, 16);
        m->so_away = tl_store_col_int(st, 17);
        m->so_winner = col_dup(st, 18);
        m->so_first = col_dup(st, 19);
        const char *status = (const char *)db_column_text(st, 20);
        m->status = TL_STATUS_SCHEDULED;
        for (int k = 0; k < 4; k++)
            if (status && strcmp(status, tl_status_name((enum tl_match_status)k)) == 0)
                m->status = (enum tl_match_status)k;
        m->source_file = col_dup(st, 21);
        m->source_line = db_column_int64(st, 22);
        m->home_id = db_column_int64(st, 23);
        m->away_id = db_column_int64(st, 24);
        m->venue = col_dup(st, 25);
        m->referee = col_dup(st, 26);
        m->stage = col_dup(st, 27);
        m->group = col_dup(st, 28);
        m->edition = col_dup(st, 29);
        m->kickoff = col_dup(st, 30);
        m->utc_offset = tl_store_col_int(st, 31);
        m->attendance = tl_store_col_int(st, 32);
        m->match_no = tl_store_col_int(st, 33);
        if (!m->home || !m->away) return tl_err(err, TL_ENOMEM, "out of memory");
    }
    return r == SQLITE_DONE ? TL_OK : tl_store_fail(s, err, "query");
}

tl_rc tl_store_matches(tl_store *s, const struct tl_match_filter *f, struct tl_match_list *out,
                       struct tl_error *err)
{
    struct tl_buf sql;
    tl_buf_init(&sql, 4096);
    tl_rc rc = tl_buf_adds(&sql, "SELECT " MATCH_COLS MATCH_FROM " WHERE 1");
    if (!rc && f->team_id) rc = tl_buf_adds(&sql, " AND (m.home_id=?1 OR m.away_id=?1)");
    if (!rc && f->vs_id) rc = tl_buf_adds(&sql, " AND (m.home_id=?2 OR m.away_id=?2)");
    if (!rc && f->competition_id) rc = tl_buf_adds(&sql, " AND m.competition_id=?3");
    if (!rc && f->from) rc = tl_buf_adds(&sql, " AND m.date>=?4");
    if (!rc && f->to) rc = tl_buf_adds(&sql, " AND m.date<=?5");
    if (!rc && f->match_id) rc = tl_buf_adds(&sql, " AND m.id=?6");
    if (!rc && f->played_only) rc = tl_buf_adds(&sql, " AND m.score_home IS NOT NULL");
    if (!rc)
        rc = tl_buf_adds(&sql, f->newest_first ? " ORDER BY m.date DESC, m.id DESC"
                                               : " ORDER BY m.date, m.id");
    if (!rc && f->limit > 0) rc = tl_buf_adds(&sql, " LIMIT ?7");
    if (rc) {
        tl_buf_free(&sql);
        return tl_err(err, rc, "query too long");
    }
    db_stmt *st;
    rc = prepare(s, sql.data, &st, err);
    tl_buf_free(&sql);
    if (rc) return rc;
    if (f->team_id) db_bind_int64(st, 1, f->team_id);
    if (f->vs_id) db_bind_int64(st, 2, f->vs_id);
    if (f->competition_id) db_bind_int64(st, 3, f->competition_id);
    if (f->from) db_bind_text(st, 4, f->from, -1, SQLITE_STATIC);
    if (f->to) db_bind_text(st, 5, f->to, -1, SQLITE_STATIC);
    if (f->match_id) db_bind_int64(st, 6, f->match_id);
    if (f->limit > 0) db_bind_int64(st, 7, f->limit);
    rc = read_matches(s, st, out, err);
    db_reset(st);
    return rc;
}

tl_rc tl_store_find_matches(tl_store *s, const char *date, int64_t a, int64_t b,
                            struct tl_match_list *out, struct tl_error *err)
{
    db_stmt *st;
    tl_rc rc = prepare(s,
                       "SELECT " MATCH_COLS MATCH_FROM
                       " WHERE m.date=?1 AND ((m.home_id=?2 AND m.away_id=?3) OR"
                       " (m.home_id=?3 AND m.away_id=?2)) ORDER BY m.id",
                       &st, err);
    if (rc) return rc;
    db_bind_text(st, 1, date, -1, SQLITE_STATIC);
    db_bind_int64(st, 2, a);
    db_bind_int64(st, 3, b);
    rc = read_matches(s, st, out, err);
    db_reset(st);
    return rc;
}

tl_rc tl_store_match_by_ref(tl_store *s, const char *kind, const char *ext_id, int64_t *id,
                            struct tl_error *err)
{
    db_stmt *st;
    tl_rc rc = prepare(s, "SELECT match_id FROM match_refs WHERE kind=?1 AND ext_id=?2", &st, err);
    if (rc) return rc;
    db_bind_text(st, 1, kind, -1, SQLITE_STATIC);
    db_bind_text(st, 2, ext_id, -1, SQLITE_STATIC);
    int r = db_step(st);
    if (r == SQLITE_ROW) *id = db_column_int64(st, 0);
    rc = r == SQLITE_ROW ? TL_OK : r == SQLITE_DONE ? TL_ENOTFOUND : tl_store_fail(s, err, "query");
    db_reset(st);
    return rc;
}

tl_rc tl_store_match_events(tl_store *s, int64_t match_id, struct tl_event_list *out,
                            struct tl_error *err)
{
    db_stmt *st;
    tl_rc rc = prepare(s,
                       "SELECT e.id, e.kind, e.minute, e.added, t.name, p.name, src.path,"
                       " e.source_line, e.period, p2.name, e.outcome, e.kick_order"
                       " FROM events e JOIN teams t ON t.id=e.team_id"
                       " LEFT JOIN players p ON p.id=e.player_id"
                       " LEFT JOIN players p2 ON p2.id=e.player2_id"
                       " LEFT JOIN sources src ON src.id=e.source_id"
                       " WHERE e.match_id=?1 AND e.is_primary"
                       " ORDER BY e.minute IS NULL, e.period = 5, e.minute, e.added,"
                       " e.kick_order, e.ord",
                       &st, err);
    if (rc) return rc;
    db_bind_int64(st, 1, match_id);
    int r;
    while ((r = db_step(st)) == SQLITE_ROW) {
        struct tl_event *e = PUSH_ROW(out, st, err);
        if (!e) return TL_ENOMEM;
        e->id = db_column_int64(st, 0);
        e->match_id = match_id;
        if (tl_event_kind_parse((const char *)db_column_text(st, 1), &e->kind))
            e->kind = TL_EV_GOAL;
        e->minute = tl_store_col_int(st, 2);
        e->added = db_column_int(st, 3);
        e->team = col_dup(st, 4);
        e->player = col_dup(st, 5);
        e->source_file = col_dup(st, 6);
        e->source_line = db_column_int64(st, 7);
        e->period = db_column_type(st, 8) == SQLITE_NULL ? 0 : db_column_int(st, 8);
        e->player2 = col_dup(st, 9);
        e->outcome = col_dup(st, 10);
        e->kick_order = db_column_type(st, 11) == SQLITE_NULL ? 0 : db_column_int(st, 11);
    }
    rc = r == SQLITE_DONE ? TL_OK : tl_store_fail(s, err, "query");
    db_reset(st);
    return rc;
}

static tl_rc read_names(tl_store *s, const char *sql, struct tl_name_list *out,
                        struct tl_error *err)
{
    db_stmt *st;
    tl_rc rc = prepare(s, sql, &st, err);
    if (rc) return rc;
    int r;
    while ((r = db_step(st)) == SQLITE_ROW) {
        struct tl_name_entry *e = PUSH_ROW(out, st, err);
        if (!e) return TL_ENOMEM;
        e->team_id = db_column_int64(st, 0);
        e->name = col_dup(st, 1);
        e->folded = col_dup(st, 2);
        e->team = col_dup(st, 3);
        tl_store_col_date(st, 4, e->from);
        tl_store_col_date(st, 5, e->to);
        e->former = db_column_int(st, 6);
        if (!e->name || !e->folded || !e->team) {
            db_reset(st);
            return tl_err(err, TL_ENOMEM, "out of memory");
        }
    }
    rc = r == SQLITE_DONE ? TL_OK : tl_store_fail(s, err, "query");
    db_reset(st);
    return rc;
}

tl_rc tl_store_team_names(tl_store *s, struct tl_name_list *out, struct tl_error *err)
{
    return read_names(s,
                      "SELECT id, name, folded, name, NULL, NULL, 0 FROM teams UNION ALL"
                      " SELECT n.team_id, n.name, n.folded, t.name, n.start_date, n.end_date, 1"
                      " FROM team_names n JOIN teams t ON t.id=n.team_id ORDER BY 7, 2",
                      out, err);
}

tl_rc tl_store_competition_names(tl_store *s, struct tl_name_list *out, struct tl_error *err)
{
    return read_names(s,
                      "SELECT id, name, folded, name, NULL, NULL, 0 FROM competitions ORDER BY 2",
                      out, err);
}

/* Shared WHERE for the scorer queries over matches m. */
static tl_rc match_range(struct tl_buf *sql, const struct tl_scorer_filter *f)
{
    tl_rc rc = TL_OK;
    if (f->competition_id) rc = tl_buf_adds(sql, " AND m.competition_id=?2");
    if (!rc && f->from) rc = tl_buf_adds(sql, " AND m.date>=?3");
    if (!rc && f->until) rc = tl_buf_adds(sql, " AND m.date<=?4");
    return rc;
}

static void bind_range(db_stmt *st, const struct tl_scorer_filter *f)
{
    if (f->team_id) db_bind_int64(st, 1, f->team_id);
    if (f->competition_id) db_bind_int64(st, 2, f->competition_id);
    if (f->from) db_bind_text(st, 3, f->from, -1, SQLITE_STATIC);
    if (f->until) db_bind_text(st, 4, f->until, -1, SQLITE_STATIC);
}

tl_rc tl_store_scorer_totals(tl_store *s, const struct tl_scorer_filter *f,
                             struct tl_scorer_list *out, struct tl_error *err)
{
    struct tl_buf sql;
    tl_buf_init(&sql, 4096);
    /* Aggregate per player first, then look up 180 names, not 1,200. Events
     * carry their match's date, so without a tournament filter this reads the
     * covering events_team index only. */
    /* (a player's matches: his lineups, their match read only to filter) */
    int filtered = f->competition_id || f->from || f->until;
    tl_rc rc = tl_buf_adds(&sql,
                           filtered
                               ? "SELECT a.player_id, p.name, t.name, a.n, a.pens, a.first, a.last,"
                                 " (SELECT count(DISTINCT l.match_id) FROM lineups l JOIN matches"
                                 " lm ON lm.id=l.match_id WHERE l.player_id=a.player_id AND (?2 IS"
                                 " NULL OR lm.competition_id=?2) AND (?3 IS NULL OR lm.date>=?3)"
                                 " AND (?4 IS NULL OR lm.date<=?4)) FROM"
                               : "SELECT a.player_id, p.name, t.name, a.n, a.pens, a.first, a.last,"
                                 " (SELECT count(DISTINCT l.match_id) FROM lineups l WHERE"
                                 " l.player_id=a.player_id) FROM");
    if (!rc)
        rc = tl_buf_adds(&sql, " (SELECT e.player_id, count(*) AS n, sum(e.kind='penalty_goal') AS"
                               " pens, min(e.date) AS first, max(e.date) AS last FROM events e");
    if (!rc && f->competition_id)
        rc = tl_buf_adds(&sql, " JOIN matches m ON m.id=e.match_id AND m.competition_id=?2");
    if (!rc) rc = tl_buf_adds(&sql, " WHERE e.kind IN ('goal','penalty_goal') AND e.is_primary");
    if (!rc && f->team_id) rc = tl_buf_adds(&sql, " AND e.team_id=?1");
    if (!rc && f->from) rc = tl_buf_adds(&sql, " AND e.date>=?3");
    if (!rc && f->until) rc = tl_buf_adds(&sql, " AND e.date<=?4");
    if (!rc)
        rc = tl_buf_adds(&sql, " GROUP BY e.player_id) a JOIN players p ON p.id=a.player_id"
                               " JOIN teams t ON t.id=p.team_id");
    if (rc) {
        tl_buf_free(&sql);
        return tl_err(err, rc, "query too long");
    }
    db_stmt *st;
    rc = prepare(s, sql.data, &st, err);
    tl_buf_free(&sql);
    if (rc) return rc;
    bind_range(st, f);
    int r;
    while ((r = db_step(st)) == SQLITE_ROW) {
        struct tl_scorer_row *row = PUSH_ROW(out, st, err);
        if (!row) return TL_ENOMEM;
        row->player_id = db_column_int64(st, 0);
        row->player = col_dup(st, 1);
        row->team = col_dup(st, 2);
        row->goals = db_column_int(st, 3);
        row->penalties = db_column_int(st, 4);
        tl_store_col_date(st, 5, row->first);
        tl_store_col_date(st, 6, row->last);
        row->apps = db_column_int(st, 7);
        if (!row->player || !row->team) {
            db_reset(st);
            return tl_err(err, TL_ENOMEM, "out of memory");
        }
    }
    rc = r == SQLITE_DONE ? TL_OK : tl_store_fail(s, err, "query");
    db_reset(st);
    return rc;
}

static int cmp_i64(const void *a, const void *b)
{
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return x < y ? -1 : x > y;
}

/* Coverage of one team, merged in C from two index-only scans: the team's
 * played matches with its goals (home side and away side, covering indexes)
 * and the match ids of its listed goals (covering events_team). make bench
 * measures it; a correlated subquery per match took 5 ms for England. */
static tl_rc team_coverage(tl_store *s, const struct tl_scorer_filter *f, struct tl_coverage *out,
                           struct tl_error *err)
{
    int64_t *goal_match = NULL;
    size_t ng = 0, alloc = 0;
    db_stmt *st;
    tl_rc rc = prepare(s,
                       "SELECT match_id FROM events WHERE team_id=?1 AND kind IN"
                       " ('goal','penalty_goal','own_goal') AND is_primary",
                       &st, err);
    if (rc) return rc;
    db_bind_int64(st, 1, f->team_id);
    int r;
    while ((r = db_step(st)) == SQLITE_ROW) {
        if (grow((void **)&goal_match, &alloc, ng, sizeof *goal_match)) {
            db_reset(st);
            tl_free(goal_match);
            return tl_err(err, TL_ENOMEM, "out of memory");
        }
        goal_match[ng++] = db_column_int64(st, 0);
    }
    db_reset(st);
    if (r != SQLITE_DONE) {
        tl_free(goal_match);
        return tl_store_fail(s, err, "query");
    }
    if (ng > 1) qsort(goal_match, ng, sizeof *goal_match, cmp_i64);

    struct tl_buf sql;
    tl_buf_init(&sql, 4096);
    rc = tl_buf_adds(&sql, "SELECT m.id, m.score_home FROM matches m WHERE m.home_id=?1"
                           " AND m.score_home IS NOT NULL");
    if (!rc) rc = match_range(&sql, f);
    if (!rc)
        rc = tl_buf_adds(&sql, " UNION ALL SELECT m.id, m.score_away FROM matches m WHERE"
                               " m.away_id=?1 AND m.score_home IS NOT NULL");
    if (!rc) rc = match_range(&sql, f);
    if (!rc) rc = prepare(s, sql.data, &st, err);
    tl_buf_free(&sql);
    if (rc) {
        tl_free(goal_match);
        return rc;
    }
    bind_range(st, f);
    memset(out, 0, sizeof *out);
    while ((r = db_step(st)) == SQLITE_ROW) {
        int64_t id = db_column_int64(st, 0);
        long g = db_column_int(st, 1), listed = 0;
        /* count id in the sorted goal_match: lower bound, then run */
        size_t lo = 0, hi = ng;
        while (lo < hi) {
            size_t mid = lo + (hi - lo) / 2;
            if (goal_match[mid] < id) lo = mid + 1;
            else hi = mid;
        }
        while (lo < ng && goal_match[lo] == id) {
            listed++;
            lo++;
        }
        out->matches++;
        if (g > 0) {
            out->matches_with_goals++;
            if (listed >= g) out->matches_complete++;
        }
        out->goals += g;
        out->goals_listed += listed < g ? listed : g;
    }
    db_reset(st);
    tl_free(goal_match);
    return r == SQLITE_DONE ? TL_OK : tl_store_fail(s, err, "query");
}

tl_rc tl_store_scorer_coverage(tl_store *s, const struct tl_scorer_filter *f,
                               struct tl_coverage *out, struct tl_error *err)
{
    if (f->team_id) return team_coverage(s, f, out, err);
    struct tl_buf sql;
    tl_buf_init(&sql, 4096);
    tl_rc rc = tl_buf_adds(&sql,
                           "SELECT count(*), sum(g>0), sum(g>0 AND listed>=g), sum(g),"
                           " sum(min(listed,g)) FROM (SELECT m.score_home+m.score_away AS g,"
                           " (SELECT count(*) FROM events e WHERE e.match_id=m.id AND e.kind IN"
                           " ('goal','penalty_goal','own_goal') AND e.is_primary) AS listed"
                           " FROM matches m"
                           " WHERE m.score_home IS NOT NULL");
    if (!rc) rc = match_range(&sql, f);
    if (!rc) rc = tl_buf_adds(&sql, ") AS per_match");
    if (rc) {
        tl_buf_free(&sql);
        return tl_err(err, rc, "query too long");
    }
    db_stmt *st;
    rc = prepare(s, sql.data, &st, err);
    tl_buf_free(&sql);
    if (rc) return rc;
    bind_range(st, f);
    memset(out, 0, sizeof *out);
    int r = db_step(st);
    if (r == SQLITE_ROW) {
        out->matches = db_column_int64(st, 0);
        out->matches_with_goals = db_column_int64(st, 1);
        out->matches_complete = db_column_int64(st, 2);
        out->goals = db_column_int64(st, 3);
        out->goals_listed = db_column_int64(st, 4);
    }
    rc = r == SQLITE_ROW ? TL_OK : tl_store_fail(s, err, "query");
    db_reset(st);
    return rc;
}

tl_rc tl_store_match_lineups(tl_store *s, int64_t match_id, struct tl_lineup_list *out,
                             struct tl_error *err)
{
    /* the lineups of the highest-ranked source that has them */
    db_stmt *st;
    tl_rc rc = prepare(s,
                       "SELECT t.name, p.name, l.starter, l.captain, src.path, l.shirt, l.position"
                       " FROM lineups l"
                       " JOIN teams t ON t.id=l.team_id JOIN players p ON p.id=l.player_id"
                       " JOIN sources src ON src.id=l.source_id WHERE l.match_id=?1 AND"
                       " l.source_id=(SELECT l2.source_id FROM lineups l2 JOIN sources s2 ON"
                       " s2.id=l2.source_id WHERE l2.match_id=?1 ORDER BY s2.rank DESC,"
                       " l2.source_id LIMIT 1) ORDER BY l.ord",
                       &st, err);
    if (rc) return rc;
    db_bind_int64(st, 1, match_id);
    int r;
    while ((r = db_step(st)) == SQLITE_ROW) {
        struct tl_lineup_entry *e = PUSH_ROW(out, st, err);
        if (!e) return TL_ENOMEM;
        e->team = col_dup(st, 0);
        e->player = col_dup(st, 1);
        e->starter = db_column_int(st, 2);
        e->captain = db_column_int(st, 3);
        if (!out->source_file) out->source_file = col_dup(st, 4);
        e->shirt = tl_store_col_int(st, 5);
        e->position = col_dup(st, 6);
    }
    rc = r == SQLITE_DONE ? TL_OK : tl_store_fail(s, err, "query");
    db_reset(st);
    return rc;
}

void tl_player_list_free(struct tl_player_list *l)
{
    for (size_t i = 0; i < l->n; i++) {
        tl_free(l->v[i].name);
        tl_free(l->v[i].team);
        tl_free(l->v[i].squads);
    }
    tl_free(l->v);
    memset(l, 0, sizeof *l);
}

tl_rc tl_store_player_ids(tl_store *s, const char *query, int64_t team_id,
                          int64_t ids[TL_PLAYER_IDS_MAX], int *n, struct tl_error *err)
{
    char folded[256];
    tl_fold(query, strlen(query), folded, sizeof folded);
    /* every player the query can name: the same folded name, or a form of it
     * ("Kane", "M. Salah") */
    db_stmt *st;
    tl_rc rc = prepare(s, "SELECT id, folded FROM players WHERE (?1=0 OR team_id=?1)", &st, err);
    if (rc) return rc;
    db_bind_int64(st, 1, team_id);
    int nids = 0, exact = 0;
    int r;
    while ((r = db_step(st)) == SQLITE_ROW) {
        const char *f = (const char *)db_column_text(st, 1);
        int is_exact = strcmp(f, folded) == 0;
        if (!is_exact && !tl_name_variant(folded, f)) continue;
        if (is_exact && !exact) nids = 0; /* exact names beat partial ones */
        if (!is_exact && exact) continue;
        exact |= is_exact;
        if (nids < TL_PLAYER_IDS_MAX) ids[nids++] = db_column_int64(st, 0);
    }
    db_reset(st);
    *n = nids;
    return r == SQLITE_DONE ? TL_OK : tl_store_fail(s, err, "query");
}

tl_rc tl_store_players(tl_store *s, const char *query, int64_t team_id, struct tl_player_list *out,
                       struct tl_error *err)
{
    /* the players the query can name, then one summary row each */
    int64_t ids[TL_PLAYER_IDS_MAX];
    int nids;
    tl_rc rc = tl_store_player_ids(s, query, team_id, ids, &nids, err);
    if (rc) return rc;
    db_stmt *st;
    rc = prepare(s,
                 "SELECT p.id, p.name, t.name, p.birth_date,"
                 " (SELECT count(DISTINCT l.match_id) FROM lineups l WHERE l.player_id=p.id),"
                 " (SELECT min(m.date) FROM lineups l JOIN matches m ON m.id=l.match_id"
                 "   WHERE l.player_id=p.id),"
                 " (SELECT max(m.date) FROM lineups l JOIN matches m ON m.id=l.match_id"
                 "   WHERE l.player_id=p.id),"
                 " (SELECT count(*) FROM events e WHERE e.player_id=p.id AND e.is_primary AND"
                 "   e.kind IN ('goal','penalty_goal')),"
                 " (SELECT count(*) FROM events e WHERE e.player_id=p.id AND e.is_primary AND"
                 "   e.kind='penalty_goal'),"
                 " (SELECT min(e.date) FROM events e WHERE e.player_id=p.id AND e.is_primary AND"
                 "   e.kind IN ('goal','penalty_goal')),"
                 " (SELECT max(e.date) FROM events e WHERE e.player_id=p.id AND e.is_primary AND"
                 "   e.kind IN ('goal','penalty_goal')),"
                 " (SELECT count(*) FROM events e WHERE e.player_id=p.id AND e.kind='yellow'),"
                 " (SELECT count(*) FROM events e WHERE e.player_id=p.id AND"
                 "   e.kind IN ('red','second_yellow')),"
                 " (SELECT group_concat(x, ', ') FROM (SELECT ed.name || coalesce(' #' ||"
                 "   q.number, '') || coalesce(' ' || q.position, '') AS x FROM squads q JOIN"
                 "   editions ed ON ed.id=q.edition_id WHERE q.player_id=p.id ORDER BY ed.name)),"
                 " (SELECT count(*) FROM events e WHERE e.player_id=p.id AND e.kind='own_goal'"
                 "   AND e.is_primary)"
                 " FROM players p LEFT JOIN teams t ON t.id=p.team_id WHERE p.id=?1",
                 &st, err);
    if (rc) return rc;
    for (int i = 0; i < nids && !rc; i++) {
        db_reset(st);
        db_bind_int64(st, 1, ids[i]);
        if (db_step(st) != SQLITE_ROW) continue;
        if (out->n == out->alloc) {
            size_t na = out->alloc ? out->alloc * 2 : 8;
            struct tl_player_info *p = tl_realloc(out->v, na * sizeof *p);
            if (!p) {
                rc = tl_err(err, TL_ENOMEM, "out of memory");
                break;
            }
            out->v = p;
            out->alloc = na;
        }
        struct tl_player_info *p = &out->v[out->n++];
        memset(p, 0, sizeof *p);
        p->id = db_column_int64(st, 0);
        p->name = col_dup(st, 1);
        p->team = col_dup(st, 2);
        tl_store_col_date(st, 3, p->birth);
        p->matches = db_column_int(st, 4);
        tl_store_col_date(st, 5, p->first_match);
        tl_store_col_date(st, 6, p->last_match);
        p->goals = db_column_int(st, 7);
        p->penalties = db_column_int(st, 8);
        tl_store_col_date(st, 9, p->first_goal);
        tl_store_col_date(st, 10, p->last_goal);
        p->yellow = db_column_int(st, 11);
        p->red = db_column_int(st, 12);
        p->squads = col_dup(st, 13);
        p->own_goals = db_column_int(st, 14);
    }
    db_reset(st);
    return rc;
}

tl_rc tl_store_spellings(tl_store *s, int64_t player_id, struct tl_spelling_cb *cb,
                         struct tl_error *err)
{
    db_stmt *st;
    tl_rc rc = prepare(s,
                       "SELECT ps.spelling, src.name, ps.source_line, ps.reason FROM"
                       " player_spellings ps JOIN sources src ON src.id=ps.source_id WHERE"
                       " ps.player_id=?1 ORDER BY ps.reason <> 'first seen here', src.rank,"
                       " src.name, ps.spelling",
                       &st, err);
    if (rc) return rc;
    db_bind_int64(st, 1, player_id);
    int r;
    while ((r = db_step(st)) == SQLITE_ROW)
        cb->fn(cb->ctx, (const char *)db_column_text(st, 0),
               (const char *)db_column_text(st, 1), db_column_int64(st, 2),
               (const char *)db_column_text(st, 3));
    rc = r == SQLITE_DONE ? TL_OK : tl_store_fail(s, err, "query");
    db_reset(st);
    return rc;
}

tl_rc tl_store_team_explain(tl_store *s, const char *name, struct tl_spelling_cb *cb,
                            struct tl_error *err)
{
    char folded[256];
    tl_fold(name, strlen(name), folded, sizeof folded);
    db_stmt *st;
    tl_rc rc = prepare(s,
                       "SELECT t.name, 'the current name of ' || t.name, src.name, t.source_line"
                       " FROM teams t LEFT JOIN sources src ON src.id=t.source_id WHERE"
                       " t.folded=?1 UNION ALL SELECT t.name, CASE n.kind WHEN 'former' THEN"
                       " 'a former name of ' ELSE 'another name of ' END || t.name ||"
                       " CASE WHEN n.start_date > '1800-01-01' OR n.end_date IS NOT NULL THEN"
                       " ' from ' || coalesce(n.start_date, 'the start') || ' to ' ||"
                       " coalesce(n.end_date, 'now') ELSE '' END, src.name, n.source_line FROM"
                       " team_names n JOIN teams t ON t.id=n.team_id LEFT JOIN sources src ON"
                       " src.id=n.source_id WHERE n.folded=?1",
                       &st, err);
    if (rc) return rc;
    db_bind_text(st, 1, folded, -1, SQLITE_STATIC);
    int r;
    while ((r = db_step(st)) == SQLITE_ROW)
        cb->fn(cb->ctx, (const char *)db_column_text(st, 0),
               db_column_text(st, 2) ? (const char *)db_column_text(st, 2) : "?",
               db_column_int64(st, 3), (const char *)db_column_text(st, 1));
    rc = r == SQLITE_DONE ? TL_OK : tl_store_fail(s, err, "query");
    db_reset(st);
    return rc;
}
