/* store/tournament.c: an edition's matches, groups and fair play points,
 * for the tournament engine. */
#include "store_int.h"

#include <stdlib.h>
#include <string.h>

tl_rc tl_store_editions(tl_store *s, int64_t competition_id, struct tl_name_list *out,
                        struct tl_error *err)
{
    db_stmt *st = tl_store_cached(
        s,
        "SELECT e.name FROM editions e WHERE e.competition_id=?1 AND EXISTS(SELECT 1 FROM"
        " matches m WHERE m.edition_id=e.id) ORDER BY e.name",
        err);
    if (!st) return TL_ESTORE;
    db_bind_int64(st, 1, competition_id);
    int r;
    while ((r = db_step(st)) == SQLITE_ROW) {
        struct tl_name_entry *e = PUSH_ROW(out, st, err);
        if (!e) return TL_ENOMEM;
        e->team_id = competition_id;
        e->name = tl_store_col_dup(st, 0);
    }
    db_reset(st);
    return r == SQLITE_DONE ? TL_OK : tl_store_fail(s, err, "editions");
}

/* "Group 2 Play-off" -> the length of "Group 2"; 0 when not a play-off */
static size_t playoff_prefix(const char *name)
{
    size_t n = strlen(name);
    static const char *const suffixes[] = {" Play-off", " Play-Off", " play-off", " Playoff"};
    for (size_t k = 0; k < sizeof suffixes / sizeof *suffixes; k++) {
        size_t m = strlen(suffixes[k]);
        if (n > m && strcmp(name + n - m, suffixes[k]) == 0) return n - m;
    }
    return 0;
}

static int group_index(struct tl_edition *e, const char *name, size_t len)
{
    for (size_t i = 0; i < e->ng; i++)
        if (strlen(e->g[i].name) == len && strncmp(e->g[i].name, name, len) == 0) return (int)i;
    return -1;
}

static tl_rc add_group(struct tl_edition *e, const char *name, const char *stage, int *at,
                       struct tl_error *err)
{
    if (e->ng == e->ag) {
        size_t na = e->ag ? e->ag * 2 : 16;
        struct tl_tgroup *p = tl_realloc(e->g, na * sizeof *p);
        if (!p) return tl_err(err, TL_ENOMEM, "out of memory");
        e->g = p;
        e->ag = na;
    }
    struct tl_tgroup *g = &e->g[e->ng];
    memset(g, 0, sizeof *g);
    g->name = tl_strdup(name);
    g->stage = stage ? tl_strdup(stage) : NULL;
    if (!g->name || (stage && !g->stage)) {
        tl_free(g->name);
        tl_free(g->stage);
        return tl_err(err, TL_ENOMEM, "out of memory");
    }
    *at = (int)e->ng++;
    return TL_OK;
}

/* Fair play points per match and side, from the source that lists the most
 * cards of the match. */
static tl_rc fair_play(tl_store *s, struct tl_edition *e, int64_t edition_id, struct tl_error *err)
{
    db_stmt *st = tl_store_cached(
        s,
        "WITH best AS (SELECT e.match_id, e.source_id, count(*) AS n FROM events e JOIN matches m"
        " ON m.id=e.match_id WHERE m.edition_id=?1 AND e.kind IN ('yellow','second_yellow','red')"
        " GROUP BY 1, 2), pick AS (SELECT match_id, (SELECT b2.source_id FROM best b2 JOIN"
        " sources src ON src.id=b2.source_id WHERE b2.match_id=b.match_id ORDER BY b2.n DESC,"
        " src.rank DESC, b2.source_id LIMIT 1) AS source_id FROM best b GROUP BY match_id)"
        " SELECT e.match_id, e.team_id, coalesce(e.player_id, -e.id),"
        " sum(e.kind='yellow'), sum(e.kind='second_yellow'), sum(e.kind='red')"
        " FROM events e JOIN pick p ON p.match_id=e.match_id AND p.source_id=e.source_id"
        " WHERE e.kind IN ('yellow','second_yellow','red') GROUP BY 1, 2, 3 ORDER BY 1",
        err);
    if (!st) return TL_ESTORE;
    db_bind_int64(st, 1, edition_id);
    int r;
    size_t at = 0;
    while ((r = db_step(st)) == SQLITE_ROW) {
        int64_t mid = db_column_int64(st, 0), team = db_column_int64(st, 1);
        /* matches are in date order, not id order: look the match up */
        if (at >= e->nm || e->m[at].id != mid)
            for (at = 0; at < e->nm && e->m[at].id != mid; at++) {}
        if (at >= e->nm) continue;
        struct tl_tmatch *m = &e->m[at];
        int side = m->team[0] == team ? 0 : m->team[1] == team ? 1 : -1;
        if (side < 0) continue;
        m->cards_known = 1;
        m->fair[side] += tl_fair_points(db_column_int(st, 3), db_column_int(st, 4),
                                     db_column_int(st, 5));
    }
    db_reset(st);
    return r == SQLITE_DONE ? TL_OK : tl_store_fail(s, err, "fair play");
}

/* A match whose teams a source did not know yet ("N.N. v N.N." in a file
 * not updated since the draw) on a day when the edition has exactly one
 * match with both teams known: the same match. The known one takes the
 * placeholder's stage when it has none; the placeholder goes. (Done when
 * reading, so the result does not depend on the order of the imports.) */
static void fold_placeholders(struct tl_edition *e)
{
    size_t w = 0;
    for (size_t i = 0; i < e->nm; i++) {
        struct tl_tmatch *m = &e->m[i];
        if (!m->team[0] && !m->team[1] && m->score[0] == TL_NONE && m->group < 0) {
            struct tl_tmatch *known = NULL;
            int n = 0;
            for (size_t j = 0; j < e->nm; j++)
                if (strcmp(e->m[j].date, m->date) == 0 && e->m[j].team[0] && e->m[j].team[1]) {
                    known = &e->m[j];
                    n++;
                }
            if (n == 1) {
                if (!known->stage && m->stage) {
                    known->stage = m->stage;
                    m->stage = NULL;
                }
                if (!known->match_no) known->match_no = m->match_no; /* "W7" finds it */
                for (int k = 0; k < 2; k++) {
                    tl_free(m->name[k]);
                    tl_free(m->current[k]);
                }
                tl_free(m->stage);
                tl_free(m->venue);
                tl_free(m->city);
                tl_free(m->country);
                continue;
            }
        }
        e->m[w++] = *m;
    }
    e->nm = w;
}

static int cmp_group_first(const void *a, const void *b)
{
    const struct tl_tgroup *x = a, *y = b;
    int c = strcmp(x->first, y->first);
    return c ? c : strcmp(x->name, y->name);
}

tl_rc tl_store_edition_matches(tl_store *s, int64_t competition_id, const char *edition,
                               struct tl_edition *out, struct tl_error *err)
{
    memset(out, 0, sizeof *out);
    db_stmt *st = tl_store_cached(
        s, "SELECT e.id, c.name FROM editions e JOIN competitions c ON c.id=e.competition_id"
           " WHERE e.competition_id=?1 AND e.name=?2",
        err);
    if (!st) return TL_ESTORE;
    db_bind_int64(st, 1, competition_id);
    db_bind_text(st, 2, edition, -1, SQLITE_STATIC);
    int64_t eid = 0;
    if (db_step(st) == SQLITE_ROW) {
        eid = db_column_int64(st, 0);
        out->competition = tl_store_col_dup(st, 1);
    }
    db_reset(st);
    if (!eid) return tl_err(err, TL_ENOTFOUND, "no edition %s of that competition", edition);
    out->edition = tl_strdup(edition);
    out->year = atoi(edition);
    st = tl_store_cached(
        s,
        "SELECT m.id, m.date, coalesce(m.kickoff,''), m.home_id, m.away_id,"
        /* each team by the name it had that day (Soviet Union, West Germany) */
        " coalesce((SELECT n.name FROM team_names n WHERE n.team_id=m.home_id AND"
        "  n.kind='former' AND m.date BETWEEN n.start_date AND n.end_date), h.name, m.home_slot),"
        " coalesce((SELECT n.name FROM team_names n WHERE n.team_id=m.away_id AND"
        "  n.kind='former' AND m.date BETWEEN n.start_date AND n.end_date), a.name, m.away_slot),"
        " m.score_home,"
        " m.score_away, m.aet_home IS NOT NULL, m.so_home, m.so_away, m.so_winner_id,"
        " g.name, stg.name, m.venue, m.city, m.status, m.country, m.neutral, h.name, a.name,"
        " coalesce(m.match_no, 0), m.utc_offset"
        " FROM matches m LEFT JOIN teams h ON h.id=m.home_id LEFT JOIN teams a ON a.id=m.away_id"
        " LEFT JOIN stage_groups g ON g.id=m.group_id LEFT JOIN stages stg ON stg.id=m.stage_id"
        /* and the competition's matches no source placed in an edition, played
         * within the edition's dates (a results-only semi-final and final when
         * the detailed file still says "N.N. v N.N.") */
        " WHERE m.edition_id=?1 OR (m.edition_id IS NULL AND m.competition_id=?2 AND m.date"
        " BETWEEN (SELECT min(date) FROM matches WHERE edition_id=?1) AND (SELECT max(date)"
        " FROM matches WHERE edition_id=?1))"
        " ORDER BY m.date, coalesce(m.kickoff,''), m.match_no, m.id",
        err);
    if (!st) return TL_ESTORE;
    db_bind_int64(st, 1, eid);
    db_bind_int64(st, 2, competition_id);
    int r;
    tl_rc rc = TL_OK;
    while (!rc && (r = db_step(st)) == SQLITE_ROW) {
        struct tl_tmatch *m = tl_store_push_row((void **)&out->m, &out->am, &out->nm,
                                                sizeof *out->m, st, err);
        if (!m) return TL_ENOMEM;
        m->id = db_column_int64(st, 0);
        snprintf(m->date, sizeof m->date, "%s", (const char *)db_column_text(st, 1));
        snprintf(m->kickoff, sizeof m->kickoff, "%s", (const char *)db_column_text(st, 2));
        m->utc_offset = tl_store_col_int(st, 23);
        for (int k = 0; k < 2; k++) {
            m->team[k] = db_column_int64(st, 3 + k);
            m->name[k] = tl_store_col_dup(st, 5 + k);
            m->score[k] = db_column_type(st, 7 + k) == SQLITE_NULL
                              ? TL_NONE
                              : db_column_int(st, 7 + k);
            m->so[k] = db_column_type(st, 10 + k) == SQLITE_NULL
                           ? TL_NONE
                           : db_column_int(st, 10 + k);
        }
        m->aet = db_column_int(st, 9);
        m->so_winner = db_column_int64(st, 12);
        m->stage = tl_store_col_dup(st, 14);
        m->venue = tl_store_col_dup(st, 15);
        m->city = tl_store_col_dup(st, 16);
        m->country = tl_store_col_dup(st, 18);
        m->neutral = db_column_int(st, 19);
        m->current[0] = tl_store_col_dup(st, 20);
        m->current[1] = tl_store_col_dup(st, 21);
        m->match_no = db_column_int(st, 22);
        const char *status = (const char *)db_column_text(st, 17);
        m->status = strcmp(status, "finished") == 0    ? TL_STATUS_FINISHED
                    : strcmp(status, "live") == 0      ? TL_STATUS_LIVE
                    : strcmp(status, "abandoned") == 0 ? TL_STATUS_ABANDONED
                                                       : TL_STATUS_SCHEDULED;
        m->group = m->playoff_of = -1;
        const char *gname = (const char *)db_column_text(st, 13);
        if (!gname) continue;
        size_t po = playoff_prefix(gname);
        size_t len = po ? po : strlen(gname);
        int gi = group_index(out, gname, len);
        if (gi < 0) {
            char name[256];
            snprintf(name, sizeof name, "%.*s", (int)len, gname);
            rc = add_group(out, name, m->stage, &gi, err);
            if (rc) break;
        }
        if (po) {
            m->playoff_of = gi;
            continue;
        }
        m->group = gi;
        struct tl_tgroup *g = &out->g[gi];
        if (!g->first[0]) memcpy(g->first, m->date, sizeof g->first);
        memcpy(g->last, m->date, sizeof g->last);
        for (int k = 0; k < 2; k++) {
            int seen = 0;
            for (int t = 0; t < g->nteams; t++)
                if (g->team[t] == m->team[k] && (m->team[k] || !strcmp(g->team_name[t], m->name[k])))
                    seen = 1;
            if (!seen && g->nteams < TL_MAX_GROUP_TEAMS) {
                g->team[g->nteams] = m->team[k];
                g->team_name[g->nteams++] = m->name[k];
            }
        }
    }
    db_reset(st);
    if (rc) return rc;
    if (r != SQLITE_DONE) return tl_store_fail(s, err, "edition");
    if (!out->nm) return tl_err(err, TL_ENOTFOUND, "no matches of edition %s", edition);
    fold_placeholders(out);
    if ((rc = fair_play(s, out, eid, err))) return rc;
    /* groups in order of their first match; then rounds: a group that starts
     * after every group of the current round has ended starts the next one */
    int *old = tl_malloc((out->ng ? out->ng : 1) * sizeof *old);
    if (!old) return tl_err(err, TL_ENOMEM, "out of memory");
    char (*names)[64] = tl_malloc((out->ng ? out->ng : 1) * sizeof *names);
    if (!names) {
        tl_free(old);
        return tl_err(err, TL_ENOMEM, "out of memory");
    }
    for (size_t i = 0; i < out->ng; i++) snprintf(names[i], 64, "%s", out->g[i].name);
    if (out->ng) qsort(out->g, out->ng, sizeof *out->g, cmp_group_first);
    for (size_t i = 0; i < out->ng; i++) /* old index -> new index */
        for (size_t j = 0; j < out->ng; j++)
            if (strcmp(names[i], out->g[j].name) == 0) old[i] = (int)j;
    for (size_t i = 0; i < out->nm; i++) {
        if (out->m[i].group >= 0) out->m[i].group = old[out->m[i].group];
        if (out->m[i].playoff_of >= 0) out->m[i].playoff_of = old[out->m[i].playoff_of];
    }
    tl_free(old);
    tl_free(names);
    char round_end[11] = "";
    int round = 0;
    for (size_t i = 0; i < out->ng; i++) {
        struct tl_tgroup *g = &out->g[i];
        if (!round || strcmp(g->first, round_end) > 0) round++;
        g->round = round;
        if (strcmp(g->last, round_end) > 0) memcpy(round_end, g->last, sizeof round_end);
    }
    return TL_OK;
}
