/* store/stats.c: what the stats commands read: shootouts with their
 * first kickers and kicks, and penalties per player. */
#include "store_int.h"

#include <string.h>



tl_rc tl_store_shootouts(tl_store *s, int64_t team_id, const char *from, const char *to,
                         struct tl_shootout_list *out, struct tl_error *err)
{
    db_stmt *st = tl_store_cached(
        s,
        "SELECT m.id, m.date, h.name, a.name, c.name, m.home_id, m.away_id, m.so_winner_id,"
        " m.so_first_id, m.score_home, m.score_away, m.so_home, m.so_away,"
        " (SELECT count(*) FROM events e WHERE e.match_id=m.id AND e.kind='shootout_kick'"
        "  AND e.is_primary AND e.team_id=m.home_id),"
        " (SELECT count(*) FROM events e WHERE e.match_id=m.id AND e.kind='shootout_kick'"
        "  AND e.is_primary AND e.team_id=m.away_id)"
        " FROM matches m JOIN teams h ON h.id=m.home_id JOIN teams a ON a.id=m.away_id"
        " LEFT JOIN competitions c ON c.id=m.competition_id"
        " WHERE m.so_winner_id IS NOT NULL AND m.date>=?2 AND m.date<=?3"
        " AND (?1=0 OR m.home_id=?1 OR m.away_id=?1) ORDER BY m.date, m.id",
        err);
    if (!st) return TL_ESTORE;
    db_bind_int64(st, 1, team_id);
    db_bind_text(st, 2, from ? from : "0000-00-00", -1, SQLITE_TRANSIENT);
    db_bind_text(st, 3, to ? to : "9999-12-31", -1, SQLITE_TRANSIENT);
    int r;
    while ((r = db_step(st)) == SQLITE_ROW) {
        struct tl_shootout_row *x = PUSH_ROW(out, st, err);
        if (!x) return TL_ENOMEM;
        x->match_id = db_column_int64(st, 0);
        tl_store_col_date(st, 1, x->date);
        x->home = tl_store_col_dup(st, 2);
        x->away = tl_store_col_dup(st, 3);
        x->tournament = tl_store_col_dup(st, 4);
        x->home_id = db_column_int64(st, 5);
        x->away_id = db_column_int64(st, 6);
        x->winner_id = db_column_int64(st, 7);
        x->first_id = db_column_int64(st, 8);
        x->score[0] = tl_store_col_int(st, 9);
        x->score[1] = tl_store_col_int(st, 10);
        x->kicks[0] = tl_store_col_int(st, 11);
        x->kicks[1] = tl_store_col_int(st, 12);
        x->kicks_taken[0] = db_column_int(st, 13);
        x->kicks_taken[1] = db_column_int(st, 14);
    }
    db_reset(st);
    return r == SQLITE_DONE ? TL_OK : tl_store_fail(s, err, "shootouts");
}

tl_rc tl_store_penalties(tl_store *s, int64_t team_id, int64_t player_id, const char *from,
                         const char *to, struct tl_penalty_list *out, struct tl_error *err)
{
    db_stmt *st = tl_store_cached(
        s,
        "SELECT p.id, p.name, t.name,"
        " sum(e.kind='penalty_goal'),"
        " sum(e.kind='penalty_missed' AND e.outcome='saved'),"
        " sum(e.kind='penalty_missed' AND e.outcome='woodwork'),"
        " sum(e.kind='penalty_missed' AND e.outcome='over'),"
        " sum(e.kind='penalty_missed' AND e.outcome='off_target'),"
        " sum(e.kind='penalty_missed' AND (e.outcome IS NULL OR e.outcome='missed')),"
        " sum(e.kind='shootout_kick'), sum(e.kind='shootout_kick' AND e.outcome='scored'),"
        " min(e.date), max(e.date)"
        " FROM events e JOIN players p ON p.id=e.player_id JOIN teams t ON t.id=e.team_id"
        " WHERE e.is_primary AND (e.kind='penalty_goal' OR e.kind='penalty_missed'"
        "  OR e.kind='shootout_kick') AND e.date>=?3 AND e.date<=?4"
        " AND (?1=0 OR e.team_id=?1) AND (?2=0 OR e.player_id=?2)"
        " GROUP BY p.id, t.id",
        err);
    if (!st) return TL_ESTORE;
    db_bind_int64(st, 1, team_id);
    db_bind_int64(st, 2, player_id);
    db_bind_text(st, 3, from ? from : "0000-00-00", -1, SQLITE_TRANSIENT);
    db_bind_text(st, 4, to ? to : "9999-12-31", -1, SQLITE_TRANSIENT);
    int r;
    while ((r = db_step(st)) == SQLITE_ROW) {
        struct tl_penalty_row *x = PUSH_ROW(out, st, err);
        if (!x) return TL_ENOMEM;
        x->player_id = db_column_int64(st, 0);
        x->player = tl_store_col_dup(st, 1);
        x->team = tl_store_col_dup(st, 2);
        int *f[] = {&x->scored, &x->saved, &x->woodwork, &x->over, &x->off_target, &x->missed,
                    &x->kicks, &x->kicks_scored};
        for (int k = 0; k < 8; k++) *f[k] = db_column_int(st, 3 + k);
        tl_store_col_date(st, 11, x->first);
        tl_store_col_date(st, 12, x->last);
    }
    db_reset(st);
    return r == SQLITE_DONE ? TL_OK : tl_store_fail(s, err, "penalties");
}

tl_rc tl_store_miss_coverage(tl_store *s, int64_t team_id, const char *from, const char *to,
                             long *matches, long *with_misses, struct tl_error *err)
{
    /* matches whose sources say how penalties were missed: event data */
    db_stmt *st = tl_store_cached(
        s,
        "SELECT count(*), sum(EXISTS(SELECT 1 FROM sb_matches b WHERE b.match_id=m.id))"
        " FROM matches m WHERE m.score_home IS NOT NULL AND m.date>=?2 AND m.date<=?3"
        " AND (?1=0 OR m.home_id=?1 OR m.away_id=?1)",
        err);
    if (!st) return TL_ESTORE;
    db_bind_int64(st, 1, team_id);
    db_bind_text(st, 2, from ? from : "0000-00-00", -1, SQLITE_TRANSIENT);
    db_bind_text(st, 3, to ? to : "9999-12-31", -1, SQLITE_TRANSIENT);
    int r = db_step(st);
    if (r == SQLITE_ROW) {
        *matches = db_column_int64(st, 0);
        *with_misses = db_column_int64(st, 1);
    }
    db_reset(st);
    return r == SQLITE_ROW ? TL_OK : tl_store_fail(s, err, "penalty coverage");
}

tl_rc tl_store_competitions(tl_store *s, struct tl_competition_list *out, struct tl_error *err)
{
    db_stmt *st = tl_store_cached(
        s,
        "SELECT c.id, c.name, count(m.id), min(m.date), max(m.date),"
        " (SELECT group_concat(name, ', ') FROM (SELECT e.name FROM editions e WHERE"
        "  e.competition_id=c.id AND EXISTS(SELECT 1 FROM matches x WHERE x.edition_id=e.id)"
        "  ORDER BY e.name)),"
        " (SELECT count(*) FROM editions e WHERE e.competition_id=c.id AND"
        "  EXISTS(SELECT 1 FROM matches x WHERE x.edition_id=e.id))"
        " FROM competitions c JOIN matches m ON m.competition_id=c.id"
        " GROUP BY c.id ORDER BY count(m.id) DESC, c.name",
        err);
    if (!st) return TL_ESTORE;
    int r;
    while ((r = db_step(st)) == SQLITE_ROW) {
        struct tl_competition_row *x = PUSH_ROW(out, st, err);
        if (!x) return TL_ENOMEM;
        x->id = db_column_int64(st, 0);
        x->name = tl_store_col_dup(st, 1);
        x->matches = db_column_int64(st, 2);
        tl_store_col_date(st, 3, x->first);
        tl_store_col_date(st, 4, x->last);
        x->editions = tl_store_col_dup(st, 5);
        x->neditions = db_column_int(st, 6);
    }
    db_reset(st);
    return r == SQLITE_DONE ? TL_OK : tl_store_fail(s, err, "competitions");
}
