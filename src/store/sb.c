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

static void bind_real(db_stmt *st, int i, double v)
{
    if (isnan(v)) db_bind_null(st, i);
    else db_bind_double(st, i, v);
}

static void bind_sb_id(db_stmt *st, int i, int v)
{
    if (v > 0) db_bind_int(st, i, v);
    else db_bind_null(st, i);
}

tl_rc tl_store_sb_event(tl_store *s, const struct tl_sb_event_write *w, struct tl_error *err)
{
    db_stmt *st = tl_store_cached(
        s,
        "INSERT INTO sb_events(match_id, idx, uuid, period, ms, minute, second, type_id, type,"
        " possession, possession_team, play_pattern, team, player, position, x, y, end_x, end_y,"
        " end_z, duration, flags, outcome, subtype, body_part, technique, height, xg, length,"
        " other, card, formation, source_id, raw) VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,"
        "?12,?13,?14,?15,?16,?17,?18,?19,?20,?21,?22,?23,?24,?25,?26,?27,?28,?29,?30,?31,?32,"
        "?33,?34)",
        err);
    if (!st) return TL_ESTORE;
    db_bind_int64(st, 1, w->match_id);
    db_bind_int(st, 2, w->idx);
    tl_bind_text(st, 3, w->uuid);
    db_bind_int(st, 4, w->period);
    db_bind_int(st, 5, w->ms);
    db_bind_int(st, 6, w->minute);
    db_bind_int(st, 7, w->second);
    db_bind_int(st, 8, w->type_id);
    tl_bind_text(st, 9, w->type);
    bind_sb_id(st, 10, w->possession);
    bind_sb_id(st, 11, w->possession_team);
    tl_bind_text(st, 12, w->play_pattern);
    db_bind_int(st, 13, w->team);
    bind_sb_id(st, 14, w->player);
    tl_bind_text(st, 15, w->position);
    bind_real(st, 16, w->x);
    bind_real(st, 17, w->y);
    bind_real(st, 18, w->end_x);
    bind_real(st, 19, w->end_y);
    bind_real(st, 20, w->end_z);
    bind_real(st, 21, w->duration);
    db_bind_int(st, 22, (int)w->flags);
    tl_bind_text(st, 23, w->outcome);
    tl_bind_text(st, 24, w->subtype);
    tl_bind_text(st, 25, w->body_part);
    tl_bind_text(st, 26, w->technique);
    tl_bind_text(st, 27, w->height);
    bind_real(st, 28, w->xg);
    bind_real(st, 29, w->length);
    bind_sb_id(st, 30, w->other);
    tl_bind_text(st, 31, w->card);
    bind_sb_id(st, 32, w->formation);
    db_bind_int64(st, 33, w->source_id);
    db_bind_text(st, 34, w->raw, (int)w->raw_len, SQLITE_STATIC);
    return step_done(s, st, "storing an event", err);
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
