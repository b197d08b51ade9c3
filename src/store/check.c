/* store/check.c: cross-source checking. Each check is one query over the
 * merged database that yields findings, each with the match and the file
 * and line of every side, so that a reader can open both files and see the
 * difference for themselves. */
#include "store_int.h"

#include <string.h>

void tl_finding_list_free(struct tl_finding_list *l)
{
    for (size_t i = 0; i < l->n; i++) {
        struct tl_finding *f = &l->v[i];
        tl_free(f->home);
        tl_free(f->away);
        tl_free(f->message);
        for (int k = 0; k < 2; k++) tl_free(f->file[k]);
    }
    tl_free(l->v);
    memset(l, 0, sizeof *l);
}

static char *dup_col(db_stmt *st, int i)
{
    const unsigned char *t = db_column_text(st, i);
    return t ? tl_strdup((const char *)t) : NULL;
}

/* Columns of every check: kind, match id, date, home, away, message,
 * file 1, line 1, file 2, line 2. */
static const struct {
    const char *kind;
    const char *sql;
} checks[] = {
    {"score",
     /* a result that differs between two sources; a shootout counted as goals */
     "SELECT m.id, m.date, coalesce(h.name,m.home_slot), coalesce(a.name,m.away_slot),"
     " CASE WHEN m.so_home IS NOT NULL AND v.score_home=m.score_home+m.so_home AND"
     "  v.score_away=m.score_away+m.so_away THEN 'counts the shootout as goals: '"
     "  || v.score_home || '-' || v.score_away || ' against ' || m.score_home || '-' ||"
     "  m.score_away || ' and ' || m.so_home || '-' || m.so_away || ' on penalties'"
     " WHEN v.score_home IS NULL THEN 'not played in one source, ' || m.score_home || '-' ||"
     "  m.score_away || ' in the other'"
     " WHEN m.score_home IS NULL THEN 'not played in one source, ' || v.score_home || '-' ||"
     "  v.score_away || ' in the other'"
     " ELSE 'score ' || m.score_home || '-' || m.score_away || ' against ' || v.score_home ||"
     "  '-' || v.score_away END,"
     " s0.name, m.source_line, s1.name, v.source_line"
     " FROM match_versions v JOIN matches m ON m.id=v.match_id"
     " JOIN sources s0 ON s0.id=m.source_id JOIN sources s1 ON s1.id=v.source_id"
     " LEFT JOIN teams h ON h.id=m.home_id LEFT JOIN teams a ON a.id=m.away_id"
     " WHERE v.source_id<>m.source_id AND m.status<>'abandoned' AND"
     " (v.score_home IS NOT m.score_home OR v.score_away IS NOT m.score_away)"
     " ORDER BY m.date, m.id, s1.name"},
    {"goals",
     /* a goal list that does not add up to its own source's score for the
      * team (matches that more than one source describes) */
     "SELECT m.id, m.date, h.name, a.name,"
     " t.name || ': ' || g.n || ' goal' || CASE g.n WHEN 1 THEN '' ELSE 's' END ||"
     " ' listed, the same source''s score says ' || g.score,"
     " src.name, g.line, NULL, NULL"
     " FROM (SELECT e.match_id, e.source_id, e.team_id, count(*) AS n, min(e.source_line) AS line,"
     "   (SELECT CASE WHEN e.team_id=mm.home_id THEN coalesce(v.score_home, mm.score_home)"
     "     ELSE coalesce(v.score_away, mm.score_away) END FROM matches mm LEFT JOIN"
     "     match_versions v ON v.match_id=mm.id AND v.source_id=e.source_id"
     "     WHERE mm.id=e.match_id) AS score"
     "   FROM events e WHERE e.kind IN ('goal','penalty_goal','own_goal') GROUP BY 1, 2, 3) g"
     " JOIN matches m ON m.id=g.match_id JOIN teams t ON t.id=g.team_id"
     " JOIN sources src ON src.id=g.source_id"
     " JOIN teams h ON h.id=m.home_id JOIN teams a ON a.id=m.away_id"
     " WHERE EXISTS(SELECT 1 FROM match_versions v WHERE v.match_id=m.id)"
     " AND g.score IS NOT NULL AND g.n <> g.score"
     " ORDER BY m.date, m.id, src.name"},
    {"own goal",
     /* an own goal credited to the team its scorer played for in that match */
     "SELECT m.id, m.date, h.name, a.name,"
     " 'own goal by ' || p.name || ' at ' || e.minute || ''' credited to ' || t.name ||"
     " ', the team he played for',"
     " src.name, e.source_line, ls.name, l.source_line"
     " FROM events e JOIN players p ON p.id=e.player_id"
     " JOIN teams t ON t.id=e.team_id JOIN matches m ON m.id=e.match_id"
     " JOIN teams h ON h.id=m.home_id JOIN teams a ON a.id=m.away_id"
     " JOIN sources src ON src.id=e.source_id"
     " JOIN lineups l ON l.match_id=e.match_id AND l.team_id=e.team_id"
     " JOIN players lp ON lp.id=l.player_id AND lp.folded=p.folded"
     " JOIN sources ls ON ls.id=l.source_id"
     " WHERE e.kind='own_goal' ORDER BY m.date, m.id"},
    {"scorer",
     /* a scorer who is not in his team's squad for that tournament */
     "SELECT m.id, m.date, h.name, a.name,"
     " p.name || ' scored for ' || t.name || ' at ' || e.minute || ''' but is not in the "
     "' || ed.name || ' squad',"
     " src.name, e.source_line,"
     " (SELECT s2.name FROM squads q JOIN sources s2 ON s2.id=q.source_id WHERE"
     "   q.edition_id=m.edition_id AND q.team_id=e.team_id LIMIT 1),"
     " (SELECT min(q.source_line) FROM squads q WHERE q.edition_id=m.edition_id AND"
     "   q.team_id=e.team_id)"
     " FROM events e JOIN matches m ON m.id=e.match_id JOIN editions ed ON ed.id=m.edition_id"
     " JOIN players p ON p.id=e.player_id JOIN teams t ON t.id=e.team_id"
     " JOIN teams h ON h.id=m.home_id JOIN teams a ON a.id=m.away_id"
     " JOIN sources src ON src.id=e.source_id"
     " WHERE e.kind IN ('goal','penalty_goal') AND e.is_primary"
     " AND EXISTS(SELECT 1 FROM squads q WHERE q.edition_id=m.edition_id AND q.team_id=e.team_id)"
     " AND NOT EXISTS(SELECT 1 FROM squads q WHERE q.edition_id=m.edition_id AND"
     "   q.team_id=e.team_id AND q.player_id=e.player_id)"
     " ORDER BY m.date, m.id"},
    {"lineup",
     /* a player listed twice in one team's lineup */
     "SELECT m.id, m.date, h.name, a.name,"
     " p.name || ' is on the pitch twice for ' || t.name,"
     " src.name, min(l.source_line), NULL, NULL"
     " FROM lineups l JOIN players p ON p.id=l.player_id JOIN teams t ON t.id=l.team_id"
     " JOIN matches m ON m.id=l.match_id JOIN teams h ON h.id=m.home_id"
     " JOIN teams a ON a.id=m.away_id JOIN sources src ON src.id=l.source_id"
     " GROUP BY l.match_id, l.source_id, l.player_id, m.id, m.date, h.name, a.name, p.name,"
     " t.name, src.name HAVING count(*) > 1"
     " ORDER BY m.date, m.id"},
    {"minutes",
     /* one player's goals listed out of order in a source */
     "SELECT m.id, m.date, h.name, a.name,"
     " p.name || '''s goals are listed out of order: ' || x.prev || ''' before ' ||"
     " x.minute || '''',"
     " src.name, x.source_line, NULL, NULL"
     " FROM (SELECT e.*, lag(e.minute * 100 + e.added) OVER w AS prevkey,"
     "   lag(e.minute) OVER w AS prev FROM events e"
     "   WHERE e.kind IN ('goal','penalty_goal','own_goal') AND e.minute IS NOT NULL"
     "   WINDOW w AS (PARTITION BY e.match_id, e.source_id, e.team_id, e.player_id"
     "   ORDER BY e.ord)) x"
     " JOIN matches m ON m.id=x.match_id JOIN players p ON p.id=x.player_id"
     " JOIN teams h ON h.id=m.home_id JOIN teams a ON a.id=m.away_id"
     " JOIN sources src ON src.id=x.source_id"
     " WHERE x.prevkey > x.minute * 100 + x.added ORDER BY m.date, m.id"},
};

tl_rc tl_store_findings(tl_store *s, const char *from, const char *to, struct tl_finding_list *out,
                        struct tl_error *err)
{
    for (size_t c = 0; c < sizeof checks / sizeof *checks; c++) {
        db_stmt *st;
        if (db_prepare_v2(s->db, checks[c].sql, -1, &st, NULL) != SQLITE_OK)
            return tl_store_fail(s, err, "check");
        int r;
        while ((r = db_step(st)) == SQLITE_ROW) {
            const char *date = (const char *)db_column_text(st, 1);
            if ((from && date && strcmp(date, from) < 0) || (to && date && strcmp(date, to) > 0))
                continue;
            if (out->n == out->alloc) {
                size_t na = out->alloc ? out->alloc * 2 : 32;
                struct tl_finding *p = tl_realloc(out->v, na * sizeof *p);
                if (!p) {
                    db_finalize(st);
                    return tl_err(err, TL_ENOMEM, "out of memory");
                }
                out->v = p;
                out->alloc = na;
            }
            struct tl_finding *f = &out->v[out->n++];
            memset(f, 0, sizeof *f);
            f->kind = checks[c].kind;
            f->match_id = db_column_int64(st, 0);
            snprintf(f->date, sizeof f->date, "%s", date ? date : "");
            f->home = dup_col(st, 2);
            f->away = dup_col(st, 3);
            f->message = dup_col(st, 4);
            for (int k = 0; k < 2; k++) {
                f->file[k] = dup_col(st, 5 + 2 * k);
                f->line[k] = db_column_int64(st, 6 + 2 * k);
            }
        }
        db_finalize(st);
        if (r != SQLITE_DONE) return tl_store_fail(s, err, "check");
    }
    return TL_OK;
}

void tl_kick_rows_free(struct tl_kick_rows *l)
{
    for (size_t i = 0; i < l->n; i++) {
        tl_free(l->v[i].home);
        tl_free(l->v[i].away);
        tl_free(l->v[i].file);
    }
    tl_free(l->v);
    memset(l, 0, sizeof *l);
}

tl_rc tl_store_kicks(tl_store *s, const char *from, const char *to, struct tl_kick_rows *out,
                     struct tl_error *err)
{
    db_stmt *st = tl_store_cached(
        s,
        "SELECT m.id, m.date, h.name, a.name, m.home_id, m.away_id, e.team_id,"
        " coalesce(m.so_winner_id, 0), m.so_home, m.so_away, src.name, e.source_line,"
        " e.source_id, e.outcome='scored'"
        " FROM events e JOIN matches m ON m.id=e.match_id JOIN teams h ON h.id=m.home_id"
        " JOIN teams a ON a.id=m.away_id JOIN sources src ON src.id=e.source_id"
        " WHERE e.kind='shootout_kick' AND (?1 IS NULL OR m.date>=?1) AND (?2 IS NULL OR"
        " m.date<=?2) ORDER BY m.date, m.id, e.source_id, e.kick_order, e.ord",
        err);
    if (!st) return TL_ESTORE;
    tl_bind_text(st, 1, from);
    tl_bind_text(st, 2, to);
    int r;
    while ((r = db_step(st)) == SQLITE_ROW) {
        struct tl_kick_row *k = PUSH_ROW(out, st, err);
        if (!k) return TL_ENOMEM;
        k->match_id = db_column_int64(st, 0);
        snprintf(k->date, sizeof k->date, "%s", (const char *)db_column_text(st, 1));
        k->home = tl_store_col_dup(st, 2);
        k->away = tl_store_col_dup(st, 3);
        k->home_id = db_column_int64(st, 4);
        k->away_id = db_column_int64(st, 5);
        k->team_id = db_column_int64(st, 6);
        k->winner_id = db_column_int64(st, 7);
        k->so_home = db_column_type(st, 8) == SQLITE_NULL ? TL_NONE : db_column_int(st, 8);
        k->so_away = db_column_type(st, 9) == SQLITE_NULL ? TL_NONE : db_column_int(st, 9);
        k->file = tl_store_col_dup(st, 10);
        k->line = db_column_int64(st, 11);
        k->source_id = db_column_int64(st, 12);
        k->scored = db_column_int(st, 13);
    }
    db_reset(st);
    return r == SQLITE_DONE ? TL_OK : tl_store_fail(s, err, "kicks");
}
