/* store/milestones.c: the matches and goals milestones are found in, the
 * baselines they count from, and the milestones kept (migration 4). */
#include "store_int.h"

#include <stdio.h>
#include <string.h>
#include <time.h>


tl_rc tl_store_ms_matches(tl_store *s, struct tl_ms_match_list *out, struct tl_error *err)
{
    db_stmt *st = tl_store_cached(
        s,
        /* goals a side's events account for: its goals, penalties and the
         * own goals credited to it (grouped once: a correlated count per
         * match would scan the team's events through events_team) */
        "WITH l AS (SELECT match_id, team_id, count(*) n FROM events WHERE is_primary AND"
        " (kind='goal' OR kind='penalty_goal' OR kind='own_goal') GROUP BY match_id, team_id)"
        " SELECT m.id, m.date, m.home_id, m.away_id, h.name, a.name, m.score_home,"
        " m.score_away, coalesce(m.so_winner_id, 0), coalesce(m.competition_id, 0), c.name,"
        " coalesce(m.edition_id, 0), st.name, m.group_id IS NOT NULL, coalesce(lh.n, 0),"
        " coalesce(la.n, 0) FROM matches m JOIN teams h ON h.id=m.home_id JOIN teams a ON"
        " a.id=m.away_id LEFT JOIN competitions c ON c.id=m.competition_id"
        " LEFT JOIN stages st ON st.id=m.stage_id"
        " LEFT JOIN l lh ON lh.match_id=m.id AND lh.team_id=m.home_id"
        " LEFT JOIN l la ON la.match_id=m.id AND la.team_id=m.away_id"
        " WHERE (m.status='finished' OR m.status='live') AND m.score_home IS NOT NULL"
        " AND m.score_away IS NOT NULL ORDER BY m.date, m.id",
        err);
    if (!st) return TL_ESTORE;
    int r;
    while ((r = db_step(st)) == SQLITE_ROW) {
        struct tl_ms_match *x = PUSH_ROW(out, st, err);
        if (!x) return TL_ENOMEM;
        x->id = db_column_int64(st, 0);
        tl_store_col_date(st, 1, x->date);
        x->team[0] = db_column_int64(st, 2);
        x->team[1] = db_column_int64(st, 3);
        x->name[0] = tl_store_col_dup(st, 4);
        x->name[1] = tl_store_col_dup(st, 5);
        x->score[0] = db_column_int(st, 6);
        x->score[1] = db_column_int(st, 7);
        x->so_winner = db_column_int64(st, 8);
        x->competition_id = db_column_int64(st, 9);
        x->competition = tl_store_col_dup(st, 10);
        x->edition_id = db_column_int64(st, 11);
        x->stage = tl_store_col_dup(st, 12);
        x->in_group = db_column_int(st, 13);
        x->listed[0] = db_column_int(st, 14);
        x->listed[1] = db_column_int(st, 15);
    }
    db_reset(st);
    return r == SQLITE_DONE ? TL_OK : tl_store_fail(s, err, "milestones: matches");
}

tl_rc tl_store_ms_goals(tl_store *s, struct tl_ms_goal_list *out, struct tl_error *err)
{
    db_stmt *st = tl_store_cached(
        s,
        "SELECT e.id, e.match_id, e.player_id, e.team_id, p.name, p.birth_date, e.minute,"
        " e.added, e.kind='penalty_goal', so.name, e.source_line"
        " FROM events e JOIN matches m ON m.id=e.match_id JOIN players p ON p.id=e.player_id"
        " JOIN sources so ON so.id=e.source_id"
        " WHERE e.is_primary AND (e.kind='goal' OR e.kind='penalty_goal')"
        " AND (m.status='finished' OR m.status='live') AND m.score_home IS NOT NULL"
        " AND m.score_away IS NOT NULL"
        " ORDER BY m.date, m.id, e.minute IS NULL, e.minute, e.added, e.ord",
        err);
    if (!st) return TL_ESTORE;
    int r;
    while ((r = db_step(st)) == SQLITE_ROW) {
        struct tl_ms_goal *x = PUSH_ROW(out, st, err);
        if (!x) return TL_ENOMEM;
        x->event_id = db_column_int64(st, 0);
        x->match = (size_t)db_column_int64(st, 1);
        x->player_id = db_column_int64(st, 2);
        x->team_id = db_column_int64(st, 3);
        x->player = tl_store_col_dup(st, 4);
        tl_store_col_date(st, 5, x->birth);
        x->minute = db_column_type(st, 6) == SQLITE_NULL ? TL_NONE : db_column_int(st, 6);
        x->added = db_column_int(st, 7);
        x->penalty = db_column_int(st, 8);
        x->source = tl_store_col_dup(st, 9);
        x->line = db_column_int64(st, 10);
    }
    db_reset(st);
    return r == SQLITE_DONE ? TL_OK : tl_store_fail(s, err, "milestones: goals");
}

tl_rc tl_store_ms_fingerprint(tl_store *s, char *out, size_t cap, struct tl_error *err)
{
    db_stmt *st = tl_store_cached(
        s,
        "SELECT (SELECT count(*) || '/' || coalesce(max(id), 0) || '/' || total(minute) ||"
        "  '/' || total(player_id) || '/' || total(team_id) || '/' || total(is_primary * id)"
        "  FROM events WHERE kind='goal' OR kind='penalty_goal' OR kind='own_goal'),"
        " (SELECT count(*) || '/' || coalesce(max(id), 0) || '/' || total(score_home) || '/' ||"
        "  total(score_away) || '/' || total(home_id) || '/' || total(away_id) || '/' ||"
        "  total(coalesce(stage_id, 0)) || '/' || total(so_winner_id) FROM matches),"
        " (SELECT count(*) || '/' || coalesce(max(id), 0) || '/' || total(goals) FROM baselines),"
        " (SELECT count(*) || '/' || total(length(birth_date)) FROM players)",
        err);
    if (!st) return TL_ESTORE;
    int r = db_step(st);
    if (r == SQLITE_ROW)
        snprintf(out, cap, "goals %s; matches %s; baselines %s; players %s",
                 (const char *)db_column_text(st, 0),
                 (const char *)db_column_text(st, 1),
                 (const char *)db_column_text(st, 2),
                 (const char *)db_column_text(st, 3));
    db_reset(st);
    return r == SQLITE_ROW ? TL_OK : tl_store_fail(s, err, "milestones: fingerprint");
}

tl_rc tl_store_ms_saved(tl_store *s, char *out, size_t cap, struct tl_error *err)
{
    out[0] = 0;
    db_stmt *st = tl_store_cached(s, "SELECT params FROM milestones_params", err);
    if (!st) return TL_ESTORE;
    int r = db_step(st);
    if (r == SQLITE_ROW) snprintf(out, cap, "%s", (const char *)db_column_text(st, 0));
    db_reset(st);
    return r == SQLITE_ROW || r == SQLITE_DONE ? TL_OK : tl_store_fail(s, err, "milestones");
}

static tl_rc run(tl_store *s, const char *sql, const char *text, struct tl_error *err)
{
    db_stmt *st = tl_store_cached(s, sql, err);
    if (!st) return TL_ESTORE;
    if (text) db_bind_text(st, 1, text, -1, SQLITE_STATIC);
    int r = db_step(st);
    db_reset(st);
    return r == SQLITE_DONE ? TL_OK : tl_store_fail(s, err, "milestones: saving");
}

tl_rc tl_store_ms_save(tl_store *s, const struct tl_milestone_list *l, const char *fingerprint,
                       struct tl_error *err)
{
    tl_rc rc = run(s, "DELETE FROM milestones", NULL, err);
    if (!rc) rc = run(s, "DELETE FROM milestones_params", NULL, err);
    if (!rc) rc = run(s, "INSERT INTO milestones_params(params) VALUES(?1)", fingerprint, err);
    if (rc) return rc;
    db_stmt *st = tl_store_cached(
        s,
        "INSERT INTO milestones(kind, date, match_id, team_id, player_id, event_id, value, text,"
        " rests_on, coverage) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
        err);
    if (!st) return TL_ESTORE;
    for (size_t i = 0; i < l->n; i++) {
        const struct tl_milestone *m = &l->v[i];
        db_bind_text(st, 1, tl_ms_kind_name(m->kind), -1, SQLITE_STATIC);
        db_bind_text(st, 2, m->date, -1, SQLITE_STATIC);
        tl_bind_id(st, 3, m->match_id);
        tl_bind_id(st, 4, m->team_id);
        tl_bind_id(st, 5, m->player_id);
        tl_bind_id(st, 6, m->event_id);
        db_bind_int(st, 7, m->value);
        tl_bind_text(st, 8, m->text);
        tl_bind_text(st, 9, m->rests_on);
        tl_bind_text(st, 10, m->coverage);
        int r = db_step(st);
        db_reset(st);
        if (r != SQLITE_DONE) return tl_store_fail(s, err, "milestones: saving");
    }
    return TL_OK;
}

tl_rc tl_store_milestones(tl_store *s, const struct tl_ms_filter *f, struct tl_milestone_list *out,
                          struct tl_error *err)
{
    db_stmt *st = tl_store_cached(
        s,
        "SELECT kind, date, coalesce(match_id, 0), coalesce(team_id, 0), coalesce(player_id, 0),"
        " coalesce(event_id, 0), value, text, rests_on, coverage FROM milestones ms"
        " WHERE (?1=0 OR team_id=?1) AND (?2=0 OR player_id=?2) AND date>=?3 AND date<=?4"
        " AND (?5 IS NULL OR kind=?5) AND (?6=0 OR EXISTS(SELECT 1 FROM matches m WHERE"
        " m.id=ms.match_id AND m.competition_id=?6)) AND (?7=0 OR match_id=?7) ORDER BY date, id",
        err);
    if (!st) return TL_ESTORE;
    db_bind_int64(st, 1, f->team_id);
    db_bind_int64(st, 2, f->player_id);
    db_bind_text(st, 3, f->from ? f->from : "0000-00-00", -1, SQLITE_TRANSIENT);
    db_bind_text(st, 4, f->to ? f->to : "9999-12-31", -1, SQLITE_TRANSIENT);
    tl_bind_text(st, 5, f->kind);
    db_bind_int64(st, 6, f->competition_id);
    db_bind_int64(st, 7, f->match_id);
    int r;
    while ((r = db_step(st)) == SQLITE_ROW) {
        struct tl_milestone *x = PUSH_ROW(out, st, err);
        if (!x) return TL_ENOMEM;
        int k = tl_ms_kind_parse((const char *)db_column_text(st, 0));
        x->kind = k < 0 ? TL_MS_NTH_GOAL : (enum tl_ms_kind)k;
        tl_store_col_date(st, 1, x->date);
        x->match_id = db_column_int64(st, 2);
        x->team_id = db_column_int64(st, 3);
        x->player_id = db_column_int64(st, 4);
        x->event_id = db_column_int64(st, 5);
        x->value = db_column_int(st, 6);
        x->text = tl_store_col_dup(st, 7);
        x->rests_on = tl_store_col_dup(st, 8);
        x->coverage = tl_store_col_dup(st, 9);
    }
    db_reset(st);
    return r == SQLITE_DONE ? TL_OK : tl_store_fail(s, err, "milestones");
}

tl_rc tl_store_baseline_add(tl_store *s, int64_t player_id, int64_t team_id, int goals,
                            const char *as_of, const char *source, struct tl_error *err)
{
    char now[32];
    time_t t = time(NULL);
    struct tm tm;
    strftime(now, sizeof now, "%Y-%m-%dT%H:%M:%SZ", gmtime_r(&t, &tm));
    db_stmt *st = tl_store_cached(
        s,
        "INSERT INTO baselines(player_id, team_id, goals, as_of, source, added_at)"
        " VALUES(?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT(player_id, team_id, as_of) DO UPDATE SET"
        " goals=excluded.goals, source=excluded.source, added_at=excluded.added_at",
        err);
    if (!st) return TL_ESTORE;
    db_bind_int64(st, 1, player_id);
    db_bind_int64(st, 2, team_id);
    db_bind_int(st, 3, goals);
    db_bind_text(st, 4, as_of, -1, SQLITE_STATIC);
    db_bind_text(st, 5, source, -1, SQLITE_STATIC);
    db_bind_text(st, 6, now, -1, SQLITE_STATIC);
    int r = db_step(st);
    db_reset(st);
    return r == SQLITE_DONE ? TL_OK : tl_store_fail(s, err, "baseline");
}

tl_rc tl_store_baselines(tl_store *s, struct tl_baseline_list *out, struct tl_error *err)
{
    db_stmt *st = tl_store_cached(
        s,
        "SELECT b.id, b.player_id, b.team_id, p.name, t.name, b.goals, b.as_of, b.source"
        " FROM baselines b JOIN players p ON p.id=b.player_id JOIN teams t ON t.id=b.team_id"
        " ORDER BY b.as_of, b.id",
        err);
    if (!st) return TL_ESTORE;
    int r;
    while ((r = db_step(st)) == SQLITE_ROW) {
        struct tl_baseline *x = PUSH_ROW(out, st, err);
        if (!x) return TL_ENOMEM;
        x->id = db_column_int64(st, 0);
        x->player_id = db_column_int64(st, 1);
        x->team_id = db_column_int64(st, 2);
        x->player = tl_store_col_dup(st, 3);
        x->team = tl_store_col_dup(st, 4);
        x->goals = db_column_int(st, 5);
        tl_store_col_date(st, 6, x->as_of);
        x->source = tl_store_col_dup(st, 7);
    }
    db_reset(st);
    return r == SQLITE_DONE ? TL_OK : tl_store_fail(s, err, "baselines");
}
