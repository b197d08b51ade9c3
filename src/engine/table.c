/* engine/table.c: group tables. Teams start level; each rule of the rule
 * set, in order, splits the blocks of teams still level by a value (higher
 * is better), and every split is written down: which rule put whom above
 * whom, and by what. Head-to-head rules look only at the matches between
 * the teams of the block they split. */
#include "touchline/engine.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#define N TL_MAX_GROUP_TEAMS

struct ranker {
    const struct tl_rules *r;
    const struct tl_edition *e;
    int g;
    const char *as_of;
    struct tl_standings *t;
    int n;
    int ord[N];      /* team indexes in table order */
    int cut[N];      /* cut[i]: position i is separated from i - 1 */
    double val[N];   /* the current rule's value per team index */
    int rule_lots;   /* the rule set ends in lots (or ranking) */
};

static int counts(const struct ranker *k, const struct tl_tmatch *m)
{
    if (m->group != k->g || m->score[0] == TL_NONE) return 0;
    if (m->status != TL_STATUS_FINISHED && m->status != TL_STATUS_LIVE) return 0;
    return !k->as_of || strcmp(m->date, k->as_of) <= 0;
}

static int team_index(const struct ranker *k, const struct tl_tmatch *m, int side)
{
    const struct tl_tgroup *g = &k->e->g[k->g];
    for (int i = 0; i < g->nteams; i++)
        if (g->team[i] == m->team[side] &&
            (m->team[side] || strcmp(g->team_name[i], m->name[side]) == 0))
            return i;
    return -1;
}

/* Points, goal difference and goals of the teams in mask, from the matches
 * among them only (mask = all: the whole group). */
static void mini_league(const struct ranker *k, unsigned mask, int pts[N], int gd[N], int gf[N])
{
    memset(pts, 0, N * sizeof *pts);
    memset(gd, 0, N * sizeof *gd);
    memset(gf, 0, N * sizeof *gf);
    for (size_t i = 0; i < k->e->nm; i++) {
        const struct tl_tmatch *m = &k->e->m[i];
        if (!counts(k, m)) continue;
        int a = team_index(k, m, 0), b = team_index(k, m, 1);
        if (a < 0 || b < 0 || !(mask >> a & 1) || !(mask >> b & 1)) continue;
        int x = m->score[0], y = m->score[1];
        gf[a] += x, gf[b] += y, gd[a] += x - y, gd[b] += y - x;
        pts[a] += x > y ? k->r->win : x == y ? k->r->draw : k->r->loss;
        pts[b] += y > x ? k->r->win : x == y ? k->r->draw : k->r->loss;
    }
}

static void format_value(enum tl_rule rule, double v, char *out, size_t cap)
{
    if (rule == TL_R_GOAL_AVERAGE) {
        if (isinf(v)) snprintf(out, cap, "no goal conceded");
        else snprintf(out, cap, "%.3f", v);
    } else if ((rule == TL_R_GOAL_DIFFERENCE || rule == TL_R_H2H_GOAL_DIFFERENCE) && v != 0) {
        snprintf(out, cap, "%+d", (int)v);
    } else {
        snprintf(out, cap, "%d", (int)v);
    }
}

/* Sort the block [a, b) by val (higher first; stable), cut it where values
 * differ and write down each new cut. */
static void split(struct ranker *k, int a, int b, enum tl_rule rule)
{
    for (int i = a + 1; i < b; i++) { /* insertion sort: stable, n <= 8 */
        int t = k->ord[i], j = i;
        while (j > a && k->val[k->ord[j - 1]] < k->val[t]) {
            k->ord[j] = k->ord[j - 1];
            j--;
        }
        k->ord[j] = t;
    }
    for (int i = a + 1; i < b; i++) {
        int up = k->ord[i - 1], lo = k->ord[i];
        if (k->val[up] == k->val[lo] || k->cut[i]) continue;
        k->cut[i] = 1;
        struct tl_standings *t = k->t;
        if (t->nwhy == (int)(sizeof t->why / sizeof *t->why)) continue;
        struct tl_separation *s = &t->why[t->nwhy++];
        s->upper = up;
        s->lower = lo;
        s->rule = rule;
        char x[32], y[32];
        format_value(rule, k->val[up], x, sizeof x);
        format_value(rule, k->val[lo], y, sizeof y);
        snprintf(s->text, sizeof s->text, "%s above %s on %s, %s to %s", t->row[up].team,
                 t->row[lo].team, tl_rule_words(rule), x, y);
    }
}

/* The block that starts at position a: [a, *b). */
static int block_end(const struct ranker *k, int a)
{
    int b = a + 1;
    while (b < k->n && !k->cut[b]) b++;
    return b;
}

static unsigned block_mask(const struct ranker *k, int a, int b)
{
    unsigned mask = 0;
    for (int i = a; i < b; i++) mask |= 1u << k->ord[i];
    return mask;
}

/* A head-to-head rule on the block [a, b), counting the matches among the
 * teams of mask: "the teams concerned", those level when the head-to-head
 * rules began (or when h2h_again narrowed them), not only those still level
 * after the previous head-to-head rule. */
static void apply_h2h(struct ranker *k, int a, int b, enum tl_rule rule, unsigned mask)
{
    int pts[N], gd[N], gf[N];
    mini_league(k, mask, pts, gd, gf);
    for (int i = a; i < b; i++) {
        int t = k->ord[i];
        k->val[t] = rule == TL_R_H2H_POINTS ? pts[t] : rule == TL_R_H2H_GOAL_DIFFERENCE ? gd[t] : gf[t];
    }
    split(k, a, b, rule);
}

/* h2h_again: the three head-to-head rules once more on each part of
 * [a, b) still level, with only its own matches, while that narrows it. */
static void h2h_again(struct ranker *k, int a, int b)
{
    for (int i = a; i < b;) {
        int e = block_end(k, i);
        if (e - i > 1 && e - i < b - a) {
            static const enum tl_rule three[] = {TL_R_H2H_POINTS, TL_R_H2H_GOAL_DIFFERENCE,
                                                 TL_R_H2H_GOALS_FOR};
            unsigned mask = block_mask(k, i, e);
            for (int r = 0; r < 3; r++)
                for (int j = i; j < e;) {
                    int f = block_end(k, j);
                    if (f - j > 1) apply_h2h(k, j, f, three[r], mask);
                    j = f;
                }
            h2h_again(k, i, e);
        }
        i = e;
    }
}

/* A play-off between the two teams of a block: its winner goes above. */
static void playoff(struct ranker *k, int a, int b)
{
    if (b - a != 2) return;
    for (size_t i = 0; i < k->e->nm; i++) {
        const struct tl_tmatch *m = &k->e->m[i];
        if (m->playoff_of != k->g || m->score[0] == TL_NONE) continue;
        if (k->as_of && strcmp(m->date, k->as_of) > 0) continue;
        int x = team_index(k, m, 0), y = team_index(k, m, 1);
        unsigned mask = block_mask(k, a, b);
        if (x < 0 || y < 0 || !(mask >> x & 1) || !(mask >> y & 1)) continue;
        int win = m->score[0] > m->score[1]   ? x
                  : m->score[1] > m->score[0] ? y
                  : m->so_winner == m->team[0] ? x
                  : m->so_winner == m->team[1] ? y
                                               : -1;
        if (win < 0) return;
        int lose = win == x ? y : x;
        k->val[win] = 1;
        k->val[lose] = 0;
        int before = k->t->nwhy;
        split(k, a, b, TL_R_PLAYOFF);
        if (k->t->nwhy > before) {
            struct tl_separation *s = &k->t->why[k->t->nwhy - 1];
            snprintf(s->text, sizeof s->text, "%s above %s by winning the play-off, %d-%d on %s",
                     k->t->row[win].team, k->t->row[lose].team,
                     win == x ? m->score[0] : m->score[1], win == x ? m->score[1] : m->score[0],
                     m->date);
        }
        return;
    }
}

tl_rc tl_engine_group_table(const struct tl_rules *r, const struct tl_edition *e, int gi,
                            const char *as_of, struct tl_standings *out)
{
    memset(out, 0, sizeof *out);
    if (gi < 0 || (size_t)gi >= e->ng) return TL_EUSAGE;
    const struct tl_tgroup *g = &e->g[gi];
    if (g->nteams < 0 || g->nteams > N) return TL_ELIMIT;
    struct ranker k = {.r = r, .e = e, .g = gi, .as_of = as_of, .t = out, .n = g->nteams};
    out->n = g->nteams;
    for (int i = 0; i < g->nteams; i++) {
        out->row[i].team_id = g->team[i];
        out->row[i].team = g->team_name[i];
    }
    /* the whole group's numbers */
    for (size_t i = 0; i < e->nm; i++) {
        const struct tl_tmatch *m = &e->m[i];
        if (m->group != gi) continue;
        if (!counts(&k, m)) {
            out->unplayed++;
            continue;
        }
        out->live += m->status == TL_STATUS_LIVE;
        int a = team_index(&k, m, 0), b = team_index(&k, m, 1);
        if (a < 0 || b < 0) continue;
        for (int s = 0; s < 2; s++) {
            struct tl_standing *t = &out->row[s ? b : a];
            int f = m->score[s], against = m->score[1 - s];
            t->played++;
            t->gf += f;
            t->ga += against;
            t->fair_play += m->fair[s];
            if (f > against) t->won++, t->points += r->win;
            else if (f == against) t->drawn++, t->points += r->draw;
            else t->lost++, t->points += r->loss;
        }
    }
    /* level to begin with, in name order */
    for (int i = 0; i < k.n; i++) k.ord[i] = i;
    for (int i = 1; i < k.n; i++) {
        int t = k.ord[i], j = i;
        while (j > 0 && strcmp(out->row[k.ord[j - 1]].team, out->row[t].team) > 0) {
            k.ord[j] = k.ord[j - 1];
            j--;
        }
        k.ord[j] = t;
    }
    if (k.n) k.cut[0] = 1;
    int h2h_cut[N], h2h_seen = 0; /* the blocks as the head-to-head rules found them */
    for (int ri = 0; ri < r->norder; ri++) {
        enum tl_rule rule = r->order[ri];
        if (!h2h_seen && (rule == TL_R_H2H_POINTS || rule == TL_R_H2H_GOAL_DIFFERENCE ||
                          rule == TL_R_H2H_GOALS_FOR)) {
            memcpy(h2h_cut, k.cut, sizeof h2h_cut);
            h2h_seen = 1;
        }
        for (int a = 0; a < k.n;) {
            int b = block_end(&k, a);
            if (b - a > 1) {
                switch (rule) {
                case TL_R_H2H_POINTS:
                case TL_R_H2H_GOAL_DIFFERENCE:
                case TL_R_H2H_GOALS_FOR: {
                    /* the teams concerned: the block the head-to-head rules began with */
                    int sa = a, sb = a + 1;
                    while (sa > 0 && !h2h_cut[sa]) sa--;
                    while (sb < k.n && !h2h_cut[sb]) sb++;
                    apply_h2h(&k, a, b, rule, block_mask(&k, sa, sb));
                    break;
                }
                case TL_R_H2H_AGAIN: break; /* below, over the whole table */
                case TL_R_PLAYOFF: playoff(&k, a, b); break;
                case TL_R_RANKING:
                case TL_R_LOTS: break; /* not in the data: the teams stay level */
                default:
                    for (int i = a; i < b; i++) {
                        const struct tl_standing *t = &out->row[k.ord[i]];
                        double v = 0;
                        switch (rule) {
                        case TL_R_POINTS: v = t->points; break;
                        case TL_R_GOAL_DIFFERENCE: v = t->gf - t->ga; break;
                        case TL_R_GOALS_FOR: v = t->gf; break;
                        case TL_R_WINS: v = t->won; break;
                        case TL_R_FAIR_PLAY: v = t->fair_play; break;
                        case TL_R_GOAL_AVERAGE:
                            v = t->ga ? (double)t->gf / t->ga : t->gf ? INFINITY : 0;
                            break;
                        default: break;
                        }
                        k.val[k.ord[i]] = v;
                    }
                    split(&k, a, b, rule);
                }
            }
            a = b;
        }
        if (rule == TL_R_H2H_AGAIN && h2h_seen) {
            /* inside each block the head-to-head rules started from (splits
             * only reorder within a block, so it holds the same teams), the
             * parts they left level */
            for (int a = 0; a < k.n;) {
                int b = a + 1;
                while (b < k.n && !h2h_cut[b]) b++;
                if (b - a > 2) h2h_again(&k, a, b);
                a = b;
            }
        }
    }
    /* the order, positions, and who is still level */
    struct tl_standing rows[N];
    int map[N];
    for (int i = 0; i < k.n; i++) {
        rows[i] = out->row[k.ord[i]];
        map[k.ord[i]] = i;
        rows[i].position = i + 1;
        rows[i].level = i > 0 && !k.cut[i];
        /* settled only when complete */
        rows[i].through = i < r->advance && !out->unplayed && !out->live;
    }
    /* teams level across the line: which of them went through was not
     * decided by anything in the data */
    if (r->advance > 0 && r->advance < k.n && !k.cut[r->advance])
        for (int i = r->advance; i > 0 && !k.cut[i]; i--) rows[i - 1].through = 0;
    for (int i = 0; i < k.n; i++) out->row[i] = rows[i];
    for (int i = 0; i < out->nwhy; i++) {
        out->why[i].upper = map[out->why[i].upper];
        out->why[i].lower = map[out->why[i].lower];
    }
    /* name the teams left level (the first such block) */
    for (int i = 1; i < k.n && !out->note[0]; i++) {
        if (!out->row[i].level) continue;
        int a = i - 1, b = i;
        while (b + 1 < k.n && out->row[b + 1].level) b++;
        size_t len = 0;
        for (int j = a; j <= b && len < sizeof out->note; j++)
            len += (size_t)snprintf(out->note + len, sizeof out->note - len, "%s%s",
                                    j == a ? "" : j == b ? " and " : ", ", out->row[j].team);
        if (len < sizeof out->note)
            snprintf(out->note + len, sizeof out->note - len,
                     " are level after every rule: lots (or a ranking touchline does not "
                     "have) decided; listed by name");
    }
    return TL_OK;
}

int tl_engine_third_cmp(const struct tl_rules *r, const struct tl_standing *a,
                        const struct tl_standing *b)
{
    for (int q = 0; q < r->nthird; q++) {
        double va = 0, vb = 0;
        switch (r->third_order[q]) {
        case TL_R_POINTS: va = a->points, vb = b->points; break;
        case TL_R_GOAL_DIFFERENCE: va = a->gf - a->ga, vb = b->gf - b->ga; break;
        case TL_R_GOALS_FOR: va = a->gf, vb = b->gf; break;
        case TL_R_WINS: va = a->won, vb = b->won; break;
        case TL_R_FAIR_PLAY: va = a->fair_play, vb = b->fair_play; break;
        default: continue; /* ranking, lots: not known here */
        }
        if (vb != va) return vb > va ? 1 : -1;
    }
    return 0;
}

void tl_engine_rank_thirds(const struct tl_rules *r, const struct tl_edition *e,
                           const struct tl_standings *const *tables, int *out, int *n)
{
    *n = 0;
    for (size_t g = 0; g < e->ng; g++)
        if (tables[g] && tables[g]->n >= 3) out[(*n)++] = (int)g;
    /* insertion sort by the third-place rules, then group order */
    for (int i = 1; i < *n; i++) {
        int x = out[i], j = i;
        while (j > 0 && tl_engine_third_cmp(r, &tables[out[j - 1]]->row[2], &tables[x]->row[2]) > 0) {
            out[j] = out[j - 1];
            j--;
        }
        out[j] = x;
    }
}
