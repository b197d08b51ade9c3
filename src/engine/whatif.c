/* engine/whatif.c: what the last matches of a group can still do, over
 * every combination of their results (win, draw, loss). Points are exact;
 * where teams end level on points at the line, the next rule (goals...)
 * decides and the answer says so instead of guessing. Where the best thirds
 * also go through, a third is through or out when the complete groups'
 * thirds settle it on points, and said to depend on them otherwise. */
#include "touchline/engine.h"

#include <stdio.h>
#include <string.h>

#define N TL_MAX_GROUP_TEAMS
enum { THROUGH = 1, OUT = 2, LEVEL = 4, THIRD = 8 };

static int team_of(const struct tl_tgroup *g, const struct tl_tmatch *m, int side)
{
    for (int i = 0; i < g->nteams; i++)
        if (g->team[i] == m->team[side] && (m->team[side] || !strcmp(g->team_name[i], m->name[side])))
            return i;
    return -1;
}

/* The result of remaining match i in combination c: 0 home win, 1 draw, 2 away win. */
static int digit(int c, int i)
{
    while (i-- > 0) c /= 3;
    return c % 3;
}

/* A team's own result (0 win, 1 draw, 2 loss) in match i of combination c,
 * playing on side `side`. */
static int own_result(int c, int i, int side)
{
    int d = digit(c, i);
    return side == 0 ? d : 2 - d;
}

/* What touchline knows of the other groups of the round for the thirds'
 * race: how many there are, and the points of the third of each complete
 * one. */
struct thirds {
    int best;          /* r->best_thirds: 0 when thirds do not go through */
    int others;        /* the other groups of the round */
    int nknown;
    int known[64];     /* points of the thirds of the complete ones */
};

/* A third with p points: THROUGH when at most best - 1 other groups can
 * have a third above it on points, OUT when best of them already have,
 * THIRD when it depends on the others (or on goals). */
static int third_fate(const struct thirds *th, int p)
{
    int above = 0, below = 0;
    for (int i = 0; i < th->nknown; i++) {
        if (th->known[i] > p) above++;
        if (th->known[i] < p) below++;
    }
    if (above >= th->best) return OUT;
    if (th->others - below <= th->best - 1) return THROUGH;
    return THIRD;
}

/* The fate of finishing pos-th (0-based) on p points. */
static int fate_at(const struct thirds *th, int advance, int pos, int p)
{
    if (pos < advance) return THROUGH;
    if (pos == advance && th->best) return third_fate(th, p);
    return OUT;
}

/* The fate of each team when the group ends with these points: the same
 * at its best and worst place among the teams level with it, or LEVEL. */
static void fates(const int pts[N], int n, int advance, const struct thirds *th, int fate[N])
{
    for (int t = 0; t < n; t++) {
        int above = 0, level = 0;
        for (int u = 0; u < n; u++) {
            if (u == t) continue;
            if (pts[u] > pts[t]) above++;
            else if (pts[u] == pts[t]) level++;
        }
        int best = fate_at(th, advance, above, pts[t]);
        fate[t] = best == fate_at(th, advance, above + level, pts[t]) ? best : LEVEL;
    }
}

/* The thirds of the other groups of g's round, as of as_of. */
static tl_rc other_thirds(const struct tl_rules *r, const struct tl_edition *e, int gi,
                          const char *as_of, struct thirds *th)
{
    memset(th, 0, sizeof *th);
    th->best = r->best_thirds;
    if (!th->best) return TL_OK;
    struct tl_standings *t = tl_malloc(sizeof *t);
    if (!t) return TL_ENOMEM;
    for (size_t i = 0; i < e->ng; i++) {
        if ((int)i == gi || e->g[i].round != e->g[gi].round) continue;
        th->others++;
        if (tl_engine_group_table(r, e, (int)i, as_of, t) == TL_OK && !t->unplayed && !t->live &&
            t->n > 2 && th->nknown < (int)(sizeof th->known / sizeof *th->known))
            th->known[th->nknown++] = t->row[2].points;
    }
    tl_free(t);
    return TL_OK;
}

/* "beat Poland" / "draw with Poland" / "lose to Poland" for team t's
 * result r (0 win, 1 draw, 2 loss) in match m */
static void result_words(const struct tl_tmatch *m, int side, int r, char *out, size_t cap)
{
    const char *opp = m->name[1 - side];
    snprintf(out, cap, "%s %s", r == 0 ? "beat" : r == 1 ? "draw with" : "lose to", opp);
}

/* "Colombia beat Senegal" / "Senegal and Colombia draw" for a result of
 * match m (0 home win, 1 draw, 2 away win) */
static size_t other_words(const struct tl_tmatch *m, int r, char *out, size_t cap)
{
    if (r == 1) return (size_t)snprintf(out, cap, "%s and %s draw", m->name[0], m->name[1]);
    return (size_t)snprintf(out, cap, "%s beat %s", m->name[r == 0 ? 0 : 1], m->name[r == 0 ? 1 : 0]);
}

tl_rc tl_engine_whatif(const struct tl_rules *r, const struct tl_edition *e, int gi,
                       const char *as_of, struct tl_whatif *out)
{
    memset(out, 0, sizeof *out);
    const struct tl_tgroup *g = &e->g[gi];
    out->n = g->nteams;
    for (int i = 0; i < g->nteams; i++) out->team[i] = g->team_name[i];
    for (int i = 0; i < r->norder; i++)
        if (r->order[i] != TL_R_POINTS) {
            out->decider = tl_rule_words(r->order[i]);
            break;
        }
    int pts[N] = {0};
    for (size_t i = 0; i < e->nm; i++) {
        const struct tl_tmatch *m = &e->m[i];
        if (m->group != gi) continue;
        /* a match in progress is still to play: its result can change */
        int played = m->score[0] != TL_NONE && m->status != TL_STATUS_LIVE &&
                     (!as_of || strcmp(m->date, as_of) <= 0);
        if (!played) {
            if (out->nrem == TL_WHATIF_MAX_REMAINING) return TL_ELIMIT;
            out->rem[out->nrem++] = m;
            continue;
        }
        int a = team_of(g, m, 0), b = team_of(g, m, 1);
        if (a < 0 || b < 0) continue;
        int x = m->score[0], y = m->score[1];
        pts[a] += x > y ? r->win : x == y ? r->draw : r->loss;
        pts[b] += y > x ? r->win : x == y ? r->draw : r->loss;
    }
    /* the last matchday: one match for each pair of teams, at most; more
     * would make answers no one can read */
    if (out->nrem > (g->nteams + 1) / 2) return TL_ELIMIT;
    memcpy(out->points, pts, sizeof pts);
    struct thirds th;
    if (other_thirds(r, e, gi, as_of, &th)) return TL_ENOMEM;
    out->best_thirds = th.best;
    /* every combination: fate[combo][team] */
    int ncombo = 1;
    for (int i = 0; i < out->nrem; i++) ncombo *= 3;
    int (*fate)[N] = tl_malloc((size_t)ncombo * sizeof *fate);
    if (!fate) return TL_ENOMEM;
    int all[N];
    for (int t = 0; t < out->n; t++) all[t] = 0;
    for (int c = 0; c < ncombo; c++) {
        int p[N];
        memcpy(p, pts, sizeof p);
        for (int i = 0; i < out->nrem; i++) {
            const struct tl_tmatch *m = out->rem[i];
            int a = team_of(g, m, 0), b = team_of(g, m, 1), res = digit(c, i);
            if (a < 0 || b < 0) continue;
            p[a] += res == 0 ? r->win : res == 1 ? r->draw : r->loss;
            p[b] += res == 2 ? r->win : res == 1 ? r->draw : r->loss;
        }
        fates(p, out->n, r->advance, &th, fate[c]);
        for (int t = 0; t < out->n; t++) all[t] |= fate[c][t];
    }
    for (int t = 0; t < out->n; t++) {
        out->clinched[t] = all[t] == THROUGH;
        out->eliminated[t] = all[t] == OUT;
        char *s = out->says[t];
        size_t cap = sizeof out->says[t], len = 0;
        if (out->clinched[t] || out->eliminated[t] || !out->nrem) {
            snprintf(s, cap, "%s", out->clinched[t] ? "through, whatever happens"
                                   : out->eliminated[t] ? "out, whatever happens"
                                                        : "");
            continue;
        }
        /* by the team's own match (the first remaining one it plays), then the others */
        int own = -1, side = 0;
        for (int i = 0; i < out->nrem && own < 0; i++)
            for (int k = 0; k < 2; k++)
                if (team_of(g, out->rem[i], k) == t) own = i, side = k;
        for (int res = 0; res < (own < 0 ? 1 : 3); res++) {
            int acc = 0;
            for (int c = 0; c < ncombo; c++)
                if (own < 0 || own_result(c, own, side) == res) acc |= fate[c][t];
            char w[96] = "";
            if (own >= 0) result_words(out->rem[own], side, res, w, sizeof w);
            if (len && len < cap) len += (size_t)snprintf(s + len, cap - len, "; ");
            if (len >= cap) break;
            len += (size_t)snprintf(s + len, cap - len, "%s%s", w, own >= 0 ? ": " : "");
            if (acc == THROUGH || acc == OUT || acc == LEVEL || acc == THIRD) {
                if (len < cap)
                    len += (size_t)snprintf(s + len, cap - len, "%s",
                                            acc == THROUGH ? "through"
                                            : acc == OUT   ? "out"
                                            : acc == LEVEL ? "level on points at the line"
                                                           : "third, the other groups' thirds decide");
                continue;
            }
            /* it depends on the other matches: when through, when out, when level */
            int said = 0;
            for (int want = THROUGH; want <= THIRD && len < cap; want <<= 1) {
                int first = 1;
                for (int c = 0; c < ncombo && len < cap; c++) {
                    if ((own >= 0 && own_result(c, own, side) != res) || fate[c][t] != want)
                        continue;
                    len += (size_t)snprintf(s + len, cap - len, "%s%s", !first ? "" : said ? ", " : "",
                                            !first            ? " or "
                                            : want == THROUGH ? "through if "
                                            : want == OUT     ? "out if "
                                            : want == LEVEL   ? "level on points if "
                                                              : "third, the other groups' thirds deciding, if ");
                    first = 0;
                    said = 1;
                    int nothers = 0; /* the other matches' results in this combination */
                    for (int i = 0; i < out->nrem && len < cap; i++) {
                        if (i == own) continue;
                        if (nothers++) len += (size_t)snprintf(s + len, cap - len, " and ");
                        if (len < cap)
                            len += other_words(out->rem[i], digit(c, i), s + len, cap - len);
                    }
                }
            }
        }
    }
    tl_free(fate);
    return TL_OK;
}
