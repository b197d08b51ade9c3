/* engine/forecast.c: Monte Carlo forecasts of a tournament from any moment.
 *
 * Match model. Each side's goals are Poisson, at rates (mu/2) e^c and
 * (mu/2) e^-c: mu goals a match between equal sides (the competition's
 * average), more in a mismatch, and c is the one whose expected result
 * P(win) + P(draw) / 2 equals the Elo expectation We = 1 / (10^(-dr/400)
 * + 1). Draws then come out of the goal model, likelier the closer the
 * sides (a quarter between equal sides at mu 2.6, as at World Cups): no
 * separate draw parameter to fit.
 * Extra time is a third of a match at the same rates; a shootout is a coin
 * toss (kickers convert about three in four whoever they play for).
 * Ratings stay as they are at the moment of the forecast during a
 * simulated tournament.
 *
 * The simulation is compiled first: groups and their matches as small
 * integers (results already played kept), the knockout matches in order,
 * each side fed by a group position, a best third-placed team, the winner
 * or loser of an earlier match, or a known team. One simulated tournament
 * is then a few hundred nanoseconds: group matches sampled from
 * precomputed cumulative tables, each group ranked by the edition's rules
 * (the same procedure as engine/table.c, on integers), the knockouts
 * played in order, each by one draw against the chance that its first
 * side goes through (90 minutes, extra time, shootout: advance_chance). */
#include "touchline/engine.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- random numbers: xoshiro256** (Blackman and Vigna), seeded by
 * splitmix64 ---- */

static uint64_t splitmix(uint64_t *x)
{
    uint64_t z = (*x += 0x9e3779b97f4a7c15u);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
    return z ^ (z >> 31);
}

void tl_rng_seed(struct tl_rng *r, uint64_t seed)
{
    for (int i = 0; i < 4; i++) r->s[i] = splitmix(&seed);
}

static inline uint64_t rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }

uint64_t tl_rng_next(struct tl_rng *r)
{
    uint64_t *s = r->s;
    uint64_t out = rotl(s[1] * 5, 7) * 9, t = s[1] << 17;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl(s[3], 45);
    return out;
}

/* ---- the match model ---- */

static void poisson(double lambda, double p[TL_GOALS_MAX + 1])
{
    double q = exp(-lambda), sum = 0;
    for (int k = 0; k <= TL_GOALS_MAX; k++) {
        p[k] = q;
        sum += q;
        q *= lambda / (k + 1);
    }
    p[TL_GOALS_MAX] += 1 - sum; /* the tail: ten goals or more count as ten */
}

/* P(home wins), P(draw), P(away wins) with these rates */
static void outcome(double lh, double la, double out[3])
{
    double ph[TL_GOALS_MAX + 1], pa[TL_GOALS_MAX + 1];
    poisson(lh, ph);
    poisson(la, pa);
    out[0] = out[1] = out[2] = 0;
    for (int i = 0; i <= TL_GOALS_MAX; i++)
        for (int j = 0; j <= TL_GOALS_MAX; j++) out[i > j ? 0 : i == j ? 1 : 2] += ph[i] * pa[j];
}

static void cdf(double lambda, uint32_t out[TL_GOALS_MAX + 1])
{
    double p[TL_GOALS_MAX + 1], c = 0;
    poisson(lambda, p);
    for (int k = 0; k <= TL_GOALS_MAX; k++) {
        c += p[k];
        double v = c * 4294967296.0;
        out[k] = k == TL_GOALS_MAX || v >= 4294967295.0 ? 0xffffffffu : (uint32_t)v;
    }
}

/* the guide: for each of 64 equal slices of [0, 2^32), the fewest goals
 * whose cumulative probability reaches the slice's start, so a draw starts
 * its search there and seldom takes a step */
static void guide(const uint32_t c[TL_GOALS_MAX + 1], uint8_t g[TL_GOAL_GUIDE])
{
    int k = 0;
    for (int i = 0; i < TL_GOAL_GUIDE; i++) {
        uint32_t start = (uint32_t)i << (32 - TL_GOAL_GUIDE_BITS);
        while (k < TL_GOALS_MAX && c[k] < start) k++;
        g[i] = (uint8_t)k;
    }
}

static inline int draw_goals(const uint32_t c[TL_GOALS_MAX + 1], const uint8_t g[TL_GOAL_GUIDE],
                             uint32_t u)
{
    int k = g[u >> (32 - TL_GOAL_GUIDE_BITS)];
    while (u > c[k]) k++;
    return k;
}

void tl_goal_model_init(struct tl_goal_model *g, double dr, double mu)
{
    /* rates (mu/2) e^c and (mu/2) e^-c: the expected result grows with c
     * from 0 to 1, so any rating difference can be met */
    double we = tl_elo_expected(dr), lo = -8, hi = 8;
    for (int it = 0; it < 50; it++) {
        double c = (lo + hi) / 2, o[3];
        outcome(mu / 2 * exp(c), mu / 2 * exp(-c), o);
        if (o[0] + o[1] / 2 < we) lo = c;
        else hi = c;
    }
    double c = (lo + hi) / 2;
    g->lambda[0] = mu / 2 * exp(c);
    g->lambda[1] = mu / 2 * exp(-c);
    for (int k = 0; k < 2; k++) {
        cdf(g->lambda[k], g->cdf[k]);
        cdf(g->lambda[k] / 3, g->et[k]);
        guide(g->cdf[k], g->guide[k]);
        guide(g->et[k], g->et_guide[k]);
    }
}

void tl_goal_model_probs(const struct tl_goal_model *g, double p[3])
{
    outcome(g->lambda[0], g->lambda[1], p);
}

/* (inline in the simulation's loop) */
static inline void sample(const struct tl_goal_model *g, struct tl_rng *r, int extra, int goals[2])
{
    uint64_t u = tl_rng_next(r);
    const uint32_t(*c)[TL_GOALS_MAX + 1] = extra ? g->et : g->cdf;
    const uint8_t(*gd)[TL_GOAL_GUIDE] = extra ? g->et_guide : g->guide;
    goals[0] = draw_goals(c[0], gd[0], (uint32_t)u);
    goals[1] = draw_goals(c[1], gd[1], (uint32_t)(u >> 32));
}

void tl_goal_model_sample(const struct tl_goal_model *g, struct tl_rng *r, int extra, int goals[2])
{
    sample(g, r, extra, goals);
}

/* ---- the compiled tournament ---- */

#define MAXT 64      /* teams */
#define MAXG 16      /* groups */
#define MAXGM 160    /* group matches */
#define MAXK 72      /* knockout matches */
#define GT TL_MAX_GROUP_TEAMS

enum src_kind { SRC_TEAM, SRC_GROUP, SRC_THIRD, SRC_WINNER, SRC_LOSER };
struct src {
    enum src_kind kind;
    int a;               /* team, group or knockout match (index in ko[]) */
    int pos;             /* group position, 0 first */
    unsigned groups;     /* SRC_THIRD: groups whose third may take the slot */
};
struct gmatch {
    int group;
    int t[2];            /* indexes in the group */
    int fixed, goals[2]; /* played as of the forecast */
    struct tl_goal_model gm;
};
struct ko {
    struct src src[2];
    int level;           /* enum tl_stage_level; TL_STAGE__COUNT for the third-place match */
    int fixed_winner;    /* team index of the winner when played as of the forecast, else -1 */
    int match;           /* index in the edition */
};
struct group {
    int n;
    int team[GT];        /* team indexes */
    int fixed_open;      /* matches still to sample */
    char letter;         /* "Group B": 'B'; 0 for other names */
};

struct tl_forecast {
    struct tl_rules rules;
    double mu;
    int nteams;
    struct tl_forecast_team team[MAXT];
    int host[MAXT];
    int ngroups;
    struct group g[MAXG];
    int ngm;
    struct gmatch gm[MAXGM];
    int nko;
    struct ko ko[MAXK];
    int third_slots;     /* knockout sides fed by third-placed teams */
    int points[3];       /* for a loss, a draw, a win */
    int prefix;          /* leading rules that rank by the team's own numbers (points...) */
    int levels[TL_STAGE__COUNT + 1], nlevels;
    /* P(the first side goes through) for each pair of teams in a knockout
     * match (nteams * nteams, made on first use; < 0 not made yet) */
    double *advance;
    /* the best thirds' slots, by the set of groups they come from */
    signed char *assign;        /* (1 << ngroups) * third_slots, -2 not made yet */
    /* counts */
    long sims;
    long *reach;         /* nteams * (TL_STAGE__COUNT + 1) */
    long *pos;           /* nteams * GT */
};

const struct tl_forecast_team *tl_forecast_team(const struct tl_forecast *f, int i)
{
    return i >= 0 && i < f->nteams ? &f->team[i] : NULL;
}
int tl_forecast_nteams(const struct tl_forecast *f) { return f->nteams; }
int tl_forecast_levels(const struct tl_forecast *f, const int **levels)
{
    *levels = f->levels;
    return f->nlevels;
}
int tl_forecast_groups(const struct tl_forecast *f) { return f->ngroups; }

void tl_forecast_free(struct tl_forecast *f)
{
    if (!f) return;
    tl_free(f->advance);
    tl_free(f->assign);
    tl_free(f->reach);
    tl_free(f->pos);
    tl_free(f);
}

static int team_index(struct tl_forecast *f, int64_t id, const char *name)
{
    for (int i = 0; i < f->nteams; i++)
        if (f->team[i].team_id == id) return i;
    if (f->nteams == MAXT) return -1;
    struct tl_forecast_team *t = &f->team[f->nteams];
    memset(t, 0, sizeof *t);
    t->team_id = id;
    t->team = name;
    t->group = -1;
    t->rating = TL_ELO_START;
    return f->nteams++;
}

static int played_by(const struct tl_tmatch *m, const char *as_of)
{
    if (m->score[0] == TL_NONE || m->status != TL_STATUS_FINISHED) return 0;
    return !as_of || strcmp(m->date, as_of) <= 0;
}

static int group_of_name(const struct tl_edition *e, const char *name, size_t len)
{
    for (size_t g = 0; g < e->ng; g++) {
        const char *n = e->g[g].name;
        if (strncmp(n, "Group ", 6) == 0) n += 6;
        if (strlen(n) == len && strncmp(n, name, len) == 0) return (int)g;
    }
    return -1;
}

/* "1A", "2B", "3A/B/C/D" -> a source; 0 ok */
static int parse_slot(const struct tl_edition *e, const char *slot, struct src *s)
{
    if (!slot || slot[0] < '1' || slot[0] > '8' || !slot[1]) return -1;
    const char *p = slot + 1;
    if (slot[0] == '3' && strchr(p, '/')) {
        s->kind = SRC_THIRD;
        s->groups = 0;
        while (*p) {
            size_t n = strcspn(p, "/");
            int g = group_of_name(e, p, n);
            if (g < 0 || g >= MAXG) return -1;
            s->groups |= 1u << g;
            p += n + (p[n] == '/');
        }
        return 0;
    }
    int g = group_of_name(e, p, strlen(p));
    if (g < 0) return -1;
    s->kind = SRC_GROUP;
    s->a = g;
    s->pos = slot[0] - '1';
    return 0;
}

static int ko_of_match(const struct tl_forecast *f, int mi)
{
    for (int k = 0; k < f->nko; k++)
        if (f->ko[k].match == mi) return k;
    return -1;
}

static void add_level(struct tl_forecast *f, int level)
{
    for (int i = 0; i < f->nlevels; i++)
        if (f->levels[i] == level) return;
    f->levels[f->nlevels++] = level;
}

tl_rc tl_forecast_new(const struct tl_edition *e, const struct tl_rules *r, const char *as_of,
                      const int64_t *ids, const double *ratings, size_t nratings, double mu,
                      struct tl_forecast **out, struct tl_error *err)
{
    *out = NULL;
    for (size_t g = 0; g < e->ng; g++)
        if (e->g[g].round > 1)
            return tl_err(err, TL_EUSAGE,
                          "%s %s has a second group round (%s); forecasts cover a group "
                          "round followed by knockouts",
                          e->competition, e->edition, e->g[g].name);
    struct tl_bracket b;
    tl_engine_bracket(e, &b);
    if (!b.nrounds)
        return tl_err(err, TL_EUSAGE, "%s %s has no knockout rounds to forecast", e->competition,
                      e->edition);
    if (e->ng > MAXG) return tl_err(err, TL_ELIMIT, "more than %d groups", MAXG);
    struct tl_forecast *f = tl_calloc(1, sizeof *f);
    if (!f) return tl_err(err, TL_ENOMEM, "out of memory");
    f->rules = *r;
    f->mu = mu;
    f->points[0] = r->loss;
    f->points[1] = r->draw;
    f->points[2] = r->win;
    while (f->prefix < r->norder && f->prefix < 4 &&
           (r->order[f->prefix] == TL_R_POINTS || r->order[f->prefix] == TL_R_GOAL_DIFFERENCE ||
            r->order[f->prefix] == TL_R_GOALS_FOR || r->order[f->prefix] == TL_R_WINS))
        f->prefix++;
    tl_rc rc = TL_OK;
    /* groups and their matches */
    struct tl_standings *final = tl_calloc(e->ng ? e->ng : 1, sizeof *final);
    if (!final) rc = tl_err(err, TL_ENOMEM, "out of memory");
    f->ngroups = (int)e->ng;
    for (int g = 0; !rc && g < f->ngroups; g++) {
        const struct tl_tgroup *tg = &e->g[g];
        f->g[g].n = tg->nteams;
        const char *gn = strncmp(tg->name, "Group ", 6) == 0 ? tg->name + 6 : tg->name;
        f->g[g].letter = gn[0] >= 'A' && gn[0] <= 'P' && !gn[1] ? gn[0] : 0;
        for (int i = 0; i < tg->nteams && !rc; i++) {
            int t = team_index(f, tg->team[i], tg->team_name[i]);
            if (t < 0) rc = tl_err(err, TL_ELIMIT, "more than %d teams", MAXT);
            else {
                f->g[g].team[i] = t;
                f->team[t].group = g;
            }
        }
        /* the complete tables give the bracket's shape where the data
         * names teams instead of slots (past editions) */
        if (!rc && tl_engine_group_table(r, e, g, NULL, &final[g]))
            rc = tl_err(err, TL_ELIMIT, "group %s: cannot make its table", tg->name);
    }
    for (size_t i = 0; !rc && i < e->nm; i++) {
        const struct tl_tmatch *m = &e->m[i];
        if (m->group < 0) continue;
        if (f->ngm == MAXGM) {
            rc = tl_err(err, TL_ELIMIT, "more than %d group matches", MAXGM);
            break;
        }
        struct gmatch *x = &f->gm[f->ngm];
        const struct tl_tgroup *tg = &e->g[m->group];
        x->group = m->group;
        x->t[0] = x->t[1] = -1;
        for (int s = 0; s < 2; s++)
            for (int k = 0; k < tg->nteams; k++)
                if (tg->team[k] == m->team[s]) x->t[s] = k;
        if (x->t[0] < 0 || x->t[1] < 0) continue; /* a play-off, or a team not in the group */
        x->fixed = played_by(m, as_of);
        x->goals[0] = m->score[0];
        x->goals[1] = m->score[1];
        f->ngm++;
        if (!x->fixed) f->g[m->group].fixed_open++;
        if (!m->neutral) f->host[f->g[m->group].team[x->t[0]]] = 1;
    }
    /* the knockout matches, round by round */
    for (int rd = 0; !rc && rd < b.nrounds; rd++) {
        for (int k = 0; !rc && k < b.n[rd]; k++) {
            int mi = b.match[rd][k];
            if (f->nko == MAXK) {
                rc = tl_err(err, TL_ELIMIT, "more than %d knockout matches", MAXK);
                break;
            }
            struct ko *x = &f->ko[f->nko];
            x->match = mi;
            x->level = b.level[rd];
            add_level(f, x->level);
            const struct tl_tmatch *m = &e->m[mi];
            for (int s = 0; s < 2 && !rc; s++) {
                struct src *sr = &x->src[s];
                if (rd > 0) {
                    /* the winner of one of the two matches feeding it */
                    int feeder = b.match[rd - 1][2 * k + s];
                    int w = ko_of_match(f, feeder);
                    if (2 * k + s >= b.n[rd - 1] || w < 0) {
                        rc = tl_err(err, TL_EUSAGE, "%s %s: the bracket is incomplete before %s",
                                    e->competition, e->edition,
                                    m->stage ? m->stage : "a knockout match");
                        break;
                    }
                    sr->kind = SRC_WINNER;
                    sr->a = w;
                    continue;
                }
                if (!m->team[s]) {
                    if (parse_slot(e, m->name[s], sr))
                        rc = tl_err(err, TL_EUSAGE, "%s %s: cannot read the slot \"%s\"",
                                    e->competition, e->edition, m->name[s]);
                    continue;
                }
                /* a known team: where it came from */
                int t = team_index(f, m->team[s], m->current[s] ? m->current[s] : m->name[s]);
                if (t < 0) {
                    rc = tl_err(err, TL_ELIMIT, "more than %d teams", MAXT);
                    break;
                }
                int g = f->team[t].group;
                sr->kind = SRC_TEAM;
                sr->a = t;
                if (g < 0) continue; /* no group round: the team is drawn into the match */
                for (int p = 0; p < final[g].n; p++)
                    if (final[g].row[p].team_id == m->team[s]) {
                        sr->kind = p < r->advance ? SRC_GROUP : SRC_THIRD;
                        sr->a = g;
                        sr->pos = p;
                        sr->groups = ((1u << f->ngroups) - 1) & ~(1u << g);
                    }
            }
            x->fixed_winner = -1;
            f->nko++;
        }
    }
    /* the third-place match: the semi-finals' losers */
    if (!rc && b.third >= 0) {
        int semi = -1;
        for (int rd = 0; rd < b.nrounds; rd++)
            if (b.level[rd] == TL_STAGE_SEMI_FINAL && b.n[rd] == 2) semi = rd;
        if (semi >= 0 && f->nko < MAXK) {
            struct ko *x = &f->ko[f->nko++];
            x->match = b.third;
            x->level = TL_STAGE__COUNT;
            x->fixed_winner = -1;
            for (int s = 0; s < 2; s++) {
                x->src[s].kind = SRC_LOSER;
                x->src[s].a = ko_of_match(f, b.match[semi][s]);
            }
        }
    }
    /* a third's allowed groups exclude its opponent's group; count the slots */
    for (int k = 0; !rc && k < f->nko; k++)
        for (int s = 0; s < 2; s++) {
            struct src *sr = &f->ko[k].src[s], *o = &f->ko[k].src[1 - s];
            if (sr->kind != SRC_THIRD) continue;
            if (!r->best_thirds) {
                rc = tl_err(err, TL_EUSAGE,
                            "%s %s: a third-placed team goes through but the rules (%s) take "
                            "no best thirds",
                            e->competition, e->edition, r->source);
                break;
            }
            if (o->kind == SRC_GROUP) sr->groups &= ~(1u << o->a);
            sr->pos = f->third_slots++;
        }
    /* knockout results already in */
    for (int k = 0; !rc && k < f->nko; k++) {
        const struct tl_tmatch *m = &e->m[f->ko[k].match];
        int w = tl_engine_winner(m);
        if (w >= 0 && played_by(m, as_of) && m->team[w]) {
            for (int t = 0; t < f->nteams; t++) {
                if (f->team[t].team_id == m->team[w]) f->ko[k].fixed_winner = t;
                if (!m->neutral && f->team[t].team_id == m->team[0]) f->host[t] = 1;
            }
        }
    }
    tl_free(final);
    /* ratings */
    for (int t = 0; !rc && t < f->nteams; t++)
        for (size_t i = 0; i < nratings; i++)
            if (ids[i] == f->team[t].team_id) f->team[t].rating = ratings[i];
    /* the group matches' models; knockout pairs are made on first use */
    for (int i = 0; !rc && i < f->ngm; i++) {
        struct gmatch *x = &f->gm[i];
        int a = f->g[x->group].team[x->t[0]], c = f->g[x->group].team[x->t[1]];
        double dr = f->team[a].rating - f->team[c].rating;
        if (f->host[a] && !f->host[c]) dr += TL_ELO_HOME;
        if (f->host[c] && !f->host[a]) dr -= TL_ELO_HOME;
        tl_goal_model_init(&x->gm, dr, mu);
    }
    if (!rc) {
        size_t nn = (size_t)f->nteams * (size_t)f->nteams;
        f->advance = tl_malloc((nn ? nn : 1) * sizeof *f->advance);
        for (size_t i = 0; f->advance && i < nn; i++) f->advance[i] = -1;
        f->reach = tl_calloc((size_t)f->nteams * (TL_STAGE__COUNT + 1) + 1, sizeof *f->reach);
        f->pos = tl_calloc((size_t)f->nteams * GT + 1, sizeof *f->pos);
        if (f->third_slots) {
            size_t na = ((size_t)1 << f->ngroups) * (size_t)f->third_slots;
            f->assign = tl_malloc(na);
            if (f->assign) memset(f->assign, -2, na);
        }
        if (!f->advance || !f->reach || !f->pos ||
            (f->third_slots && !f->assign))
            rc = tl_err(err, TL_ENOMEM, "out of memory");
    }
    if (rc) {
        tl_forecast_free(f);
        return rc;
    }
    *out = f;
    return TL_OK;
}

/* ---- one simulated tournament ---- */

struct stat {
    int pts, gf, ga, won;
};

/* the group's numbers of teams in mask, from its matches among them */
static void mini(const struct tl_forecast *f, int g, const int (*goals)[2], unsigned mask,
                 int pts[GT], int gd[GT], int gf[GT])
{
    memset(pts, 0, GT * sizeof *pts);
    memset(gd, 0, GT * sizeof *gd);
    memset(gf, 0, GT * sizeof *gf);
    for (int i = 0; i < f->ngm; i++) {
        const struct gmatch *x = &f->gm[i];
        if (x->group != g || !(mask >> x->t[0] & 1) || !(mask >> x->t[1] & 1)) continue;
        int a = x->t[0], b = x->t[1], p = goals[i][0], q = goals[i][1];
        gf[a] += p, gf[b] += q, gd[a] += p - q, gd[b] += q - p;
        pts[a] += p > q ? f->rules.win : p == q ? f->rules.draw : f->rules.loss;
        pts[b] += q > p ? f->rules.win : p == q ? f->rules.draw : f->rules.loss;
    }
}

struct rank {
    int n, ord[GT], cut[GT];
    double val[GT];
};

static void split(struct rank *k, int a, int b)
{
    for (int i = a + 1; i < b; i++) {
        int t = k->ord[i], j = i;
        while (j > a && k->val[k->ord[j - 1]] < k->val[t]) {
            k->ord[j] = k->ord[j - 1];
            j--;
        }
        k->ord[j] = t;
    }
    for (int i = a + 1; i < b; i++)
        if (k->val[k->ord[i - 1]] != k->val[k->ord[i]]) k->cut[i] = 1;
}

static int block_end(const struct rank *k, int a)
{
    int b = a + 1;
    while (b < k->n && !k->cut[b]) b++;
    return b;
}

static unsigned block_mask(const struct rank *k, int a, int b)
{
    unsigned m = 0;
    for (int i = a; i < b; i++) m |= 1u << k->ord[i];
    return m;
}

static void h2h(const struct tl_forecast *f, int g, const int (*goals)[2], struct rank *k, int a,
                int b, enum tl_rule rule, unsigned mask)
{
    int pts[GT], gd[GT], gf[GT];
    mini(f, g, goals, mask, pts, gd, gf);
    for (int i = a; i < b; i++) {
        int t = k->ord[i];
        k->val[t] = rule == TL_R_H2H_POINTS ? pts[t] : rule == TL_R_H2H_GOAL_DIFFERENCE ? gd[t] : gf[t];
    }
    split(k, a, b);
}

static void h2h_again(const struct tl_forecast *f, int g, const int (*goals)[2], struct rank *k,
                      int a, int b)
{
    for (int i = a; i < b;) {
        int e = block_end(k, i);
        if (e - i > 1 && e - i < b - a) {
            static const enum tl_rule three[] = {TL_R_H2H_POINTS, TL_R_H2H_GOAL_DIFFERENCE,
                                                 TL_R_H2H_GOALS_FOR};
            unsigned mask = block_mask(k, i, e);
            for (int r = 0; r < 3; r++)
                for (int j = i; j < e;) {
                    int x = block_end(k, j);
                    if (x - j > 1) h2h(f, g, goals, k, j, x, three[r], mask);
                    j = x;
                }
            h2h_again(f, g, goals, k, i, e);
        }
        i = e;
    }
}

static inline int stat_int(enum tl_rule rule, const struct stat *s)
{
    switch (rule) {
    case TL_R_POINTS: return s->pts;
    case TL_R_GOAL_DIFFERENCE: return s->gf - s->ga;
    case TL_R_GOALS_FOR: return s->gf;
    case TL_R_WINS: return s->won;
    default: return 0;
    }
}

static double stat_value(enum tl_rule rule, const struct stat *s)
{
    switch (rule) {
    case TL_R_POINTS: return s->pts;
    case TL_R_GOAL_DIFFERENCE: return s->gf - s->ga;
    case TL_R_GOALS_FOR: return s->gf;
    case TL_R_WINS: return s->won;
    case TL_R_GOAL_AVERAGE: return s->ga ? (double)s->gf / s->ga : s->gf ? INFINITY : 0;
    default: return 0;
    }
}

/* Rank group g: ord gets group-team indexes best first. rng NULL: teams
 * level after every rule stay in index order (lots not drawn); otherwise
 * drawn at random. Returns 1 when a block was left to lots. */
static int rank_group(const struct tl_forecast *f, int g, const int (*goals)[2],
                      const struct stat *st, struct tl_rng *rng, int ord[GT])
{
    struct rank k = {.n = f->g[g].n};
    const struct tl_rules *r = &f->rules;
    /* the leading whole-group rules at once: one integer key per team
     * (8 bits a rule, then the team's index to keep the order stable),
     * sorted; the other rules only when keys tie */
    uint64_t key[GT];
    for (int i = 0; i < k.n; i++) {
        uint64_t v = 0;
        for (int ri = 0; ri < f->prefix; ri++)
            v = v << 8 | (uint64_t)(stat_int(r->order[ri], &st[i]) + 128);
        key[i] = v << 8 | (uint64_t)(GT - 1 - i);
    }
    if (k.n == 4) { /* a sorting network, best first, without branches */
#define CX(a, b)                                                                             \
    do {                                                                                     \
        uint64_t x_ = key[a], y_ = key[b], hi_ = x_ > y_ ? x_ : y_, lo_ = x_ > y_ ? y_ : x_; \
        key[a] = hi_;                                                                        \
        key[b] = lo_;                                                                        \
    } while (0)
        CX(0, 1);
        CX(2, 3);
        CX(0, 2);
        CX(1, 3);
        CX(1, 2);
#undef CX
    } else {
        for (int i = 1; i < k.n; i++) {
            uint64_t v = key[i];
            int j = i;
            for (; j > 0 && key[j - 1] < v; j--) key[j] = key[j - 1];
            key[j] = v;
        }
    }
    int tied = 0;
    for (int i = 0; i < k.n; i++) {
        k.ord[i] = GT - 1 - (int)(key[i] & 0xff);
        if (i) {
            k.cut[i] = (key[i - 1] >> 8) != (key[i] >> 8);
            tied |= !k.cut[i];
        }
    }
    if (!tied) {
        memcpy(ord, k.ord, sizeof k.ord);
        return 0;
    }
    if (k.n) k.cut[0] = 1;
    int h2h_cut[GT], h2h_seen = 0, lots = 0;
    for (int ri = f->prefix; ri < r->norder; ri++) {
        enum tl_rule rule = r->order[ri];
        int is_h2h = rule == TL_R_H2H_POINTS || rule == TL_R_H2H_GOAL_DIFFERENCE ||
                     rule == TL_R_H2H_GOALS_FOR;
        if (!h2h_seen && is_h2h) {
            memcpy(h2h_cut, k.cut, sizeof h2h_cut);
            h2h_seen = 1;
        }
        int level = 0;
        for (int a = 0; a < k.n;) {
            int b = block_end(&k, a);
            if (b - a > 1) {
                level = 1;
                if (is_h2h) {
                    int sa = a, sb = a + 1;
                    while (sa > 0 && !h2h_cut[sa]) sa--;
                    while (sb < k.n && !h2h_cut[sb]) sb++;
                    h2h(f, g, goals, &k, a, b, rule, block_mask(&k, sa, sb));
                } else if (rule == TL_R_POINTS || rule == TL_R_GOAL_DIFFERENCE ||
                           rule == TL_R_GOALS_FOR || rule == TL_R_WINS ||
                           rule == TL_R_GOAL_AVERAGE) {
                    for (int i = a; i < b; i++) k.val[k.ord[i]] = stat_value(rule, &st[k.ord[i]]);
                    split(&k, a, b);
                }
                else if (rule == TL_R_PLAYOFF && b - a == 2 && a < r->advance &&
                         b > r->advance) {
                    /* two level across the line play off: a match between
                     * them (its winner by the Elo expectation); without
                     * chance (rng NULL) they stay level */
                    if (rng) {
                        int x = k.ord[a], y = k.ord[a + 1];
                        double we = tl_elo_expected(f->team[f->g[g].team[x]].rating -
                                                    f->team[f->g[g].team[y]].rating);
                        if ((double)(tl_rng_next(rng) >> 11) * 0x1p-53 >= we) {
                            k.ord[a] = y;
                            k.ord[a + 1] = x;
                        }
                        k.cut[a + 1] = 1;
                    } else {
                        lots = 1;
                    }
                }
                /* fair play, rankings and lots: below */
            }
            a = b;
        }
        if (!level) break;
        if (rule == TL_R_H2H_AGAIN && h2h_seen)
            for (int a = 0; a < k.n;) {
                int b = a + 1;
                while (b < k.n && !h2h_cut[b]) b++;
                if (b - a > 2) h2h_again(f, g, goals, &k, a, b);
                a = b;
            }
    }
    /* still level: cards, a play-off or lots decided; here, chance */
    for (int a = 0; a < k.n;) {
        int b = block_end(&k, a);
        if (b - a > 1) {
            lots = 1;
            for (int i = b - 1; rng && i > a; i--) {
                int j = a + (int)(tl_rng_next(rng) % (uint64_t)(i - a + 1));
                int t = k.ord[i];
                k.ord[i] = k.ord[j];
                k.ord[j] = t;
            }
        }
        a = b;
    }
    memcpy(ord, k.ord, sizeof k.ord);
    return lots;
}

tl_rc tl_forecast_rank_group(const struct tl_forecast *f, int g, int64_t out[TL_MAX_GROUP_TEAMS],
                             int *lots)
{
    if (g < 0 || g >= f->ngroups) return TL_EUSAGE;
    int goals[MAXGM][2];
    struct stat st[GT] = {{0}};
    for (int i = 0; i < f->ngm; i++) {
        const struct gmatch *x = &f->gm[i];
        if (x->group != g) continue;
        if (!x->fixed) return TL_EUSAGE; /* not played yet */
        goals[i][0] = x->goals[0];
        goals[i][1] = x->goals[1];
        for (int s = 0; s < 2; s++) {
            struct stat *t = &st[x->t[s]];
            int p = x->goals[s], q = x->goals[1 - s];
            t->gf += p, t->ga += q;
            t->pts += p > q ? f->rules.win : p == q ? f->rules.draw : f->rules.loss;
            t->won += p > q;
        }
    }
    int ord[GT];
    *lots = rank_group(f, g, (const int(*)[2])goals, st, NULL, ord);
    for (int i = 0; i < f->g[g].n; i++) out[i] = f->team[f->g[g].team[ord[i]]].team_id;
    return TL_OK;
}

/* The chance that a goes through against b in a knockout match: wins in
 * 90 minutes, or draws and wins extra time (a third of a match at the same
 * rates), or draws that too and wins the shootout (a coin toss). Only who
 * goes through counts in a knockout, so one draw against this chance is
 * the same as sampling the goals of each part in turn (the same truncated
 * Poisson rates), with one random number instead of up to five and eight
 * bytes a pair instead of the goal tables. */
static double advance_chance(struct tl_forecast *f, int a, int b)
{
    size_t i = (size_t)a * (size_t)f->nteams + (size_t)b;
    if (f->advance[i] < 0) {
        double dr = f->team[a].rating - f->team[b].rating;
        if (f->host[a] && !f->host[b]) dr += TL_ELO_HOME;
        if (f->host[b] && !f->host[a]) dr -= TL_ELO_HOME;
        struct tl_goal_model gm;
        tl_goal_model_init(&gm, dr, f->mu);
        double p90[3], pet[3];
        outcome(gm.lambda[0], gm.lambda[1], p90);
        outcome(gm.lambda[0] / 3, gm.lambda[1] / 3, pet);
        f->advance[i] = p90[0] + p90[1] * (pet[0] + pet[1] / 2);
    }
    return f->advance[i];
}

/* the slot of each third (by slot number) for the qualifying groups in
 * mask: the first assignment, slot by slot, in which every slot gets a
 * group it allows */
static int assign_thirds(const struct tl_forecast *f, unsigned mask, const unsigned *allowed,
                         int slot, signed char *out)
{
    if (slot == f->third_slots) return 1;
    for (int g = 0; g < f->ngroups; g++) {
        if (!(mask >> g & 1) || !(allowed[slot] >> g & 1)) continue;
        out[slot] = (signed char)g;
        if (assign_thirds(f, mask & ~(1u << g), allowed, slot + 1, out)) return 1;
    }
    return 0;
}

/* the slots by the competition's table (third_table): each third slot's
 * group for the side it faces ("1B"); 0 when the table does not say */
static int table_thirds(const struct tl_forecast *f, unsigned mask, signed char *out)
{
    unsigned letters = 0;
    for (int g = 0; g < f->ngroups; g++)
        if (mask >> g & 1) {
            if (!f->g[g].letter) return 0;
            letters |= 1u << (f->g[g].letter - 'A');
        }
    for (int k = 0; k < f->nko; k++)
        for (int s = 0; s < 2; s++) {
            const struct src *t = &f->ko[k].src[s], *o = &f->ko[k].src[1 - s];
            if (t->kind != SRC_THIRD) continue;
            if (o->kind != SRC_GROUP || o->pos != 0 || !f->g[o->a].letter) return 0;
            char vs[4] = {'1', f->g[o->a].letter, '\0'};
            char l = tl_rules_third_for(&f->rules, letters, vs);
            int g = 0;
            while (g < f->ngroups && f->g[g].letter != l) g++;
            if (!l || g == f->ngroups) return 0;
            out[t->pos] = (signed char)g;
        }
    return 1;
}

static int third_slot_group(struct tl_forecast *f, unsigned mask, int slot)
{
    signed char *a = &f->assign[(size_t)mask * (size_t)f->third_slots];
    signed char t[2 * MAXK];
    if (a[0] == -2 && f->rules.third_table && table_thirds(f, mask, t)) {
        memcpy(a, t, (size_t)f->third_slots);
        return a[slot];
    }
    if (a[0] == -2) {
        unsigned allowed[2 * MAXK];
        for (int k = 0; k < f->nko; k++)
            for (int s = 0; s < 2; s++)
                if (f->ko[k].src[s].kind == SRC_THIRD)
                    allowed[f->ko[k].src[s].pos] = f->ko[k].src[s].groups;
        if (!assign_thirds(f, mask, allowed, 0, a)) /* no valid assignment: in order */
            for (int s = 0, g = 0; s < f->third_slots; s++) {
                while (g < f->ngroups && !(mask >> g & 1)) g++;
                a[s] = (signed char)(g < f->ngroups ? g : 0);
                g++;
            }
    }
    return a[slot];
}

static void simulate(struct tl_forecast *f, struct tl_rng *rng)
{
    int goals[MAXGM][2];
    struct stat st[MAXG][GT];
    memset(st, 0, (size_t)f->ngroups * sizeof st[0]);
    for (int i = 0; i < f->ngm; i++) {
        const struct gmatch *x = &f->gm[i];
        if (x->fixed) {
            goals[i][0] = x->goals[0];
            goals[i][1] = x->goals[1];
        } else {
            sample(&x->gm, rng, 0, goals[i]);
        }
        int p = goals[i][0], q = goals[i][1], d = (p > q) - (p < q);
        struct stat *a = &st[x->group][x->t[0]], *b = &st[x->group][x->t[1]];
        a->gf += p, a->ga += q, b->gf += q, b->ga += p;
        a->pts += f->points[1 + d];
        b->pts += f->points[1 - d];
        a->won += d > 0;
        b->won += d < 0;
    }
    int order[MAXG][GT];
    for (int g = 0; g < f->ngroups; g++) {
        rank_group(f, g, (const int(*)[2])goals, st[g], rng, order[g]);
        for (int p = 0; p < f->g[g].n; p++) f->pos[f->g[g].team[order[g][p]] * GT + p]++;
    }
    /* the best thirds */
    unsigned thirds = 0;
    if (f->third_slots) {
        int cand[MAXG], nc = 0, third = f->rules.advance;
        for (int g = 0; g < f->ngroups; g++)
            if (f->g[g].n > third) cand[nc++] = g;
        /* rank the thirds by the third-place rules; level ones at random */
        double key[MAXG];
        for (int i = 0; i < nc; i++) {
            const struct stat *s = &st[cand[i]][order[cand[i]][third]];
            double v = 0;
            for (int ri = 0; ri < f->rules.nthird && ri < 3; ri++)
                v = v * 4096 + stat_value(f->rules.third_order[ri], s) + 2048;
            key[i] = v * 64 + (double)(tl_rng_next(rng) >> 58);
        }
        for (int i = 1; i < nc; i++) {
            int c = cand[i], j = i;
            double kv = key[i];
            while (j > 0 && key[j - 1] < kv) {
                key[j] = key[j - 1];
                cand[j] = cand[j - 1];
                j--;
            }
            key[j] = kv;
            cand[j] = c;
        }
        for (int i = 0; i < nc && i < f->rules.best_thirds; i++) thirds |= 1u << cand[i];
    }
    /* the knockouts */
    int winner[MAXK], loser[MAXK];
    for (int k = 0; k < f->nko; k++) {
        const struct ko *x = &f->ko[k];
        int t[2];
        for (int s = 0; s < 2; s++) {
            const struct src *sr = &x->src[s];
            switch (sr->kind) {
            case SRC_TEAM: t[s] = sr->a; break;
            case SRC_GROUP: t[s] = f->g[sr->a].team[order[sr->a][sr->pos]]; break;
            case SRC_THIRD: {
                int g = third_slot_group(f, thirds, sr->pos);
                t[s] = f->g[g].team[order[g][f->rules.advance]];
                break;
            }
            case SRC_WINNER: t[s] = winner[sr->a]; break;
            case SRC_LOSER: t[s] = loser[sr->a]; break;
            }
            if (x->level < TL_STAGE__COUNT) f->reach[t[s] * (TL_STAGE__COUNT + 1) + x->level]++;
        }
        int w;
        if (x->fixed_winner == t[0] || x->fixed_winner == t[1]) {
            w = x->fixed_winner == t[0] ? 0 : 1;
        } else {
            w = (double)(tl_rng_next(rng) >> 11) * 0x1p-53 >= advance_chance(f, t[0], t[1]);
        }
        winner[k] = t[w];
        loser[k] = t[1 - w];
        if (x->level == TL_STAGE_FINAL) f->reach[t[w] * (TL_STAGE__COUNT + 1) + TL_STAGE__COUNT]++;
    }
    f->sims++;
}

tl_rc tl_forecast_run(struct tl_forecast *f, long sims, uint64_t seed)
{
    struct tl_rng rng;
    tl_rng_seed(&rng, seed);
    memset(f->reach, 0, (size_t)f->nteams * (TL_STAGE__COUNT + 1) * sizeof *f->reach);
    memset(f->pos, 0, (size_t)f->nteams * GT * sizeof *f->pos);
    f->sims = 0;
    for (long i = 0; i < sims; i++) simulate(f, &rng);
    double n = sims > 0 ? (double)sims : 1;
    for (int t = 0; t < f->nteams; t++) {
        struct tl_forecast_team *x = &f->team[t];
        for (int l = 0; l <= TL_STAGE__COUNT; l++) {
            double p = f->reach[t * (TL_STAGE__COUNT + 1) + l] / n;
            x->p[l] = p;
            x->se[l] = sqrt(p * (1 - p) / n);
        }
        x->p[TL_STAGE_GROUP] = x->group >= 0 ? 1.0 : 0.0;
        x->se[TL_STAGE_GROUP] = 0;
        for (int p = 0; p < GT; p++) x->position[p] = f->pos[t * GT + p] / n;
    }
    return TL_OK;
}
