/* store/sb.c: event data (StatsBomb). Its events keep StatsBomb's own ids;
 * sb_teams and sb_players say which touchline team and player each id is,
 * so a merge of teams or players moves one row, not thousands. */
#include "store_int.h"

#include <math.h>
#include <string.h>

static tl_rc step_done(tl_store *s, db_stmt *st, const char *what, struct tl_error *err)
{
    int r = db_step(st);
    db_reset(st);
    return r == SQLITE_DONE ? TL_OK : tl_store_fail(s, err, what);
}

static tl_rc lookup(tl_store *s, const char *sql, int64_t key, int64_t *id, struct tl_error *err)
{
    db_stmt *st = tl_store_cached(s, sql, err);
    if (!st) return TL_ESTORE;
    db_bind_int64(st, 1, key);
    int r = db_step(st);
    if (r == SQLITE_ROW) *id = db_column_int64(st, 0);
    db_reset(st);
    if (r == SQLITE_ROW) return TL_OK;
    return r == SQLITE_DONE ? TL_ENOTFOUND : tl_store_fail(s, err, "look-up");
}

tl_rc tl_store_sb_team(tl_store *s, int32_t sb_id, const char *name, int64_t team_id,
                       struct tl_error *err)
{
    db_stmt *st = tl_store_cached(
        s,
        "INSERT INTO sb_teams(sb_id, team_id, name) VALUES(?1,?2,?3) ON CONFLICT(sb_id) DO"
        " UPDATE SET team_id=excluded.team_id, name=excluded.name WHERE (team_id, name) IS NOT"
        " (excluded.team_id, excluded.name)",
        err);
    if (!st) return TL_ESTORE;
    db_bind_int64(st, 1, sb_id);
    db_bind_int64(st, 2, team_id);
    tl_bind_text(st, 3, name);
    return step_done(s, st, "storing a StatsBomb team", err);
}

tl_rc tl_store_sb_player(tl_store *s, int32_t sb_id, const char *name, const char *nickname,
                         int64_t player_id, struct tl_error *err)
{
    db_stmt *st = tl_store_cached(
        s,
        "INSERT INTO sb_players(sb_id, player_id, name, nickname) VALUES(?1,?2,?3,?4)"
        " ON CONFLICT(sb_id) DO UPDATE SET player_id=excluded.player_id, name=excluded.name,"
        " nickname=coalesce(excluded.nickname, nickname) WHERE (player_id, name) IS NOT"
        " (excluded.player_id, excluded.name) OR (excluded.nickname IS NOT NULL AND"
        " excluded.nickname IS NOT nickname)",
        err);
    if (!st) return TL_ESTORE;
    db_bind_int64(st, 1, sb_id);
    db_bind_int64(st, 2, player_id);
    tl_bind_text(st, 3, name);
    tl_bind_text(st, 4, nickname);
    return step_done(s, st, "storing a StatsBomb player", err);
}

tl_rc tl_store_sb_team_id(tl_store *s, int32_t sb_id, int64_t *id, struct tl_error *err)
{
    return lookup(s, "SELECT team_id FROM sb_teams WHERE sb_id=?1", sb_id, id, err);
}

tl_rc tl_store_sb_player_id(tl_store *s, int32_t sb_id, int64_t *id, struct tl_error *err)
{
    return lookup(s, "SELECT player_id FROM sb_players WHERE sb_id=?1", sb_id, id, err);
}

tl_rc tl_store_match_ref(tl_store *s, const char *kind, const char *ext_id, int64_t match_id,
                         struct tl_error *err)
{
    db_stmt *st = tl_store_cached(
        s,
        "INSERT INTO match_refs(kind, ext_id, match_id) VALUES(?1,?2,?3) ON CONFLICT(kind,"
        " ext_id) DO UPDATE SET match_id=excluded.match_id WHERE match_id<>excluded.match_id",
        err);
    if (!st) return TL_ESTORE;
    tl_bind_text(st, 1, kind);
    tl_bind_text(st, 2, ext_id);
    db_bind_int64(st, 3, match_id);
    return step_done(s, st, "storing a match reference", err);
}

tl_rc tl_store_sb_match(tl_store *s, int64_t match_id, int32_t sb_id, const int score[2],
                        struct tl_error *err)
{
    char ext[16];
    snprintf(ext, sizeof ext, "%d", (int)sb_id);
    tl_rc rc = tl_store_match_ref(s, "statsbomb", ext, match_id, err);
    if (rc) return rc;
    db_stmt *st = tl_store_cached(
        s,
        "INSERT INTO sb_matches(match_id, sb_id, score_home, score_away) VALUES(?1,?2,?3,?4)"
        " ON CONFLICT(match_id) DO UPDATE SET sb_id=excluded.sb_id,"
        " score_home=excluded.score_home, score_away=excluded.score_away WHERE (sb_id,"
        " score_home, score_away) IS NOT (excluded.sb_id, excluded.score_home,"
        " excluded.score_away)",
        err);
    if (!st) return TL_ESTORE;
    db_bind_int64(st, 1, match_id);
    db_bind_int64(st, 2, sb_id);
    tl_bind_int(st, 3, score[0]);
    tl_bind_int(st, 4, score[1]);
    return step_done(s, st, "storing a StatsBomb match", err);
}

tl_rc tl_store_sb_match_info(tl_store *s, int32_t sb_id, struct tl_sb_match_info *out,
                             struct tl_error *err)
{
    db_stmt *st = tl_store_cached(
        s,
        "SELECT m.id, m.home_id, m.away_id, m.date, x.score_home, x.score_away FROM sb_matches x"
        " JOIN matches m ON m.id=x.match_id WHERE x.sb_id=?1",
        err);
    if (!st) return TL_ESTORE;
    db_bind_int64(st, 1, sb_id);
    int r = db_step(st);
    if (r == SQLITE_ROW) {
        out->match_id = db_column_int64(st, 0);
        out->home_id = db_column_int64(st, 1);
        out->away_id = db_column_int64(st, 2);
        snprintf(out->date, sizeof out->date, "%s", (const char *)db_column_text(st, 3));
        for (int k = 0; k < 2; k++)
            out->score[k] = db_column_type(st, 4 + k) == SQLITE_NULL
                                ? TL_NONE
                                : db_column_int(st, 4 + k);
    }
    db_reset(st);
    if (r == SQLITE_ROW) return TL_OK;
    return r == SQLITE_DONE ? TL_ENOTFOUND : tl_store_fail(s, err, "look-up");
}

tl_rc tl_store_sb_events_begin(tl_store *s, int64_t match_id, int64_t source_id,
                               const char *digest, int *same, struct tl_error *err)
{
    *same = 0;
    db_stmt *st = tl_store_cached(
        s, "SELECT events_source_id=?2 AND events_digest=?3 FROM sb_matches WHERE match_id=?1",
        err);
    if (!st) return TL_ESTORE;
    db_bind_int64(st, 1, match_id);
    db_bind_int64(st, 2, source_id);
    tl_bind_text(st, 3, digest);
    int r = db_step(st);
    if (r == SQLITE_ROW) *same = db_column_int(st, 0) == 1;
    db_reset(st);
    if (r != SQLITE_ROW && r != SQLITE_DONE) return tl_store_fail(s, err, "look-up");
    if (r == SQLITE_DONE)
        return tl_err(err, TL_ENOTFOUND, "match %lld is not a StatsBomb match", (long long)match_id);
    if (*same) return TL_OK;
    st = tl_store_cached(s, "DELETE FROM sb_events WHERE match_id=?1", err);
    if (!st) return TL_ESTORE;
    db_bind_int64(st, 1, match_id);
    tl_rc rc = step_done(s, st, "replacing the match's events", err);
    if (rc) return rc;
    st = tl_store_cached(
        s, "UPDATE sb_matches SET events_source_id=?2, events_digest=?3 WHERE match_id=?1", err);
    if (!st) return TL_ESTORE;
    db_bind_int64(st, 1, match_id);
    db_bind_int64(st, 2, source_id);
    tl_bind_text(st, 3, digest);
    return step_done(s, st, "storing a StatsBomb match", err);
}

/* an sb_id: NULL for none */
static struct tl_pval pv_sb_id(int v) { return v > 0 ? pv_int(v) : pv_null(); }

/* Held back in a load that defers (store/pending.c: one INSERT ... SELECT
 * for a match's ~3,800 events), else written at once. */
tl_rc tl_store_sb_event(tl_store *s, const struct tl_sb_event_write *w, struct tl_error *err)
{
    struct tl_pval v[34] = {
        pv_int(w->match_id), pv_int(w->idx), pv_text(w->uuid), pv_int(w->period), pv_int(w->ms),
        pv_int(w->minute), pv_int(w->second), pv_int(w->type_id), pv_text(w->type),
        pv_sb_id(w->possession), pv_sb_id(w->possession_team), pv_text(w->play_pattern),
        pv_int(w->team), pv_sb_id(w->player), pv_text(w->position), pv_real(w->x), pv_real(w->y),
        pv_real(w->end_x), pv_real(w->end_y), pv_real(w->end_z), pv_real(w->duration),
        pv_int((int64_t)w->flags), pv_text(w->outcome), pv_text(w->subtype),
        pv_text(w->body_part), pv_text(w->technique), pv_text(w->height), pv_real(w->xg),
        pv_real(w->length), pv_sb_id(w->other), pv_text(w->card), pv_sb_id(w->formation),
        pv_int(w->source_id), pv_textn(w->raw, w->raw_len)};
    int changed;
    return tl_pend_add(s, PEND_SB_EVENTS, v, &changed, err);
}

static double col_real(db_stmt *st, int i)
{
    return db_column_type(st, i) == SQLITE_NULL ? NAN : db_column_double(st, i);
}

tl_rc tl_store_actions(tl_store *s, int64_t match_id, struct tl_action_list *out,
                       struct tl_error *err)
{
    db_stmt *st = tl_store_cached(
        s,
        "SELECT e.idx, e.period, e.ms, e.minute, e.second, e.type_id, e.type, t.id, t.name,"
        " coalesce(p.name, sp.name), coalesce(o.name, so.name), e.position, e.x, e.y, e.end_x,"
        " e.end_y, e.end_z, e.xg, e.length, e.flags, e.outcome, e.subtype, e.body_part,"
        " e.technique, e.card, e.formation, src.path, e.possession, pt.team_id"
        " FROM sb_events e JOIN sb_teams st ON st.sb_id=e.team JOIN teams t ON t.id=st.team_id"
        " LEFT JOIN sb_players sp ON sp.sb_id=e.player LEFT JOIN players p ON p.id=sp.player_id"
        " LEFT JOIN sb_players so ON so.sb_id=e.other LEFT JOIN players o ON o.id=so.player_id"
        " JOIN sources src ON src.id=e.source_id LEFT JOIN sb_teams pt ON pt.sb_id=e.possession_team"
        " WHERE e.match_id=?1 ORDER BY e.idx",
        err);
    if (!st) return TL_ESTORE;
    db_bind_int64(st, 1, match_id);
    int r;
    while ((r = db_step(st)) == SQLITE_ROW) {
        struct tl_action *a = PUSH_ROW(out, st, err);
        if (!a) return TL_ENOMEM;
        a->idx = db_column_int(st, 0);
        a->period = db_column_int(st, 1);
        a->ms = db_column_int(st, 2);
        a->minute = db_column_int(st, 3);
        a->second = db_column_int(st, 4);
        a->type_id = db_column_int(st, 5);
        a->type = tl_store_col_dup(st, 6);
        a->team_id = db_column_int64(st, 7);
        a->team = tl_store_col_dup(st, 8);
        a->player = tl_store_col_dup(st, 9);
        a->other = tl_store_col_dup(st, 10);
        a->position = tl_store_col_dup(st, 11);
        a->x = col_real(st, 12);
        a->y = col_real(st, 13);
        a->end_x = col_real(st, 14);
        a->end_y = col_real(st, 15);
        a->end_z = col_real(st, 16);
        a->xg = col_real(st, 17);
        a->length = col_real(st, 18);
        a->flags = (unsigned)db_column_int(st, 19);
        a->outcome = tl_store_col_dup(st, 20);
        a->subtype = tl_store_col_dup(st, 21);
        a->body_part = tl_store_col_dup(st, 22);
        a->technique = tl_store_col_dup(st, 23);
        a->card = tl_store_col_dup(st, 24);
        a->formation = db_column_int(st, 25);
        if (!out->source_file) out->source_file = tl_store_col_dup(st, 26);
        a->possession = db_column_int(st, 27);
        a->possession_team_id = db_column_int64(st, 28);
    }
    db_reset(st);
    return r == SQLITE_DONE ? TL_OK : tl_store_fail(s, err, "reading events");
}
