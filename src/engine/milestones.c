/* engine/milestones.c: the facts people share, found in one pass over
 * every match and goal in date order: a player's Nth goal for his team
 * (1st, 10th, 20th, 25th, 30th ...), joining or passing the team's (or a
 * tournament's) all-time top scorer, hat-tricks, the fastest goal of a
 * tournament, scoring in consecutive matches or tournaments, the oldest and
 * youngest scorers, a first win over an opponent, and the first time a
 * team (or a confederation) reaches a stage. Each milestone says what it
 * rests on, and goal counts say how complete the scorer data behind them
 * is; a sourced baseline replaces a player's count on its date. */
#include "touchline/engine.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define RECORD_MIN 10      /* team records worth telling start here */
#define AGES_MIN 100       /* scorers with a known age before age records count */
#define MINUTES_MIN 50     /* goals with a minute before the fastest goal counts */
#define RUN_MIN 5          /* consecutive matches with a goal */
#define EDITIONS_MIN 3     /* consecutive editions with a goal */
#define FIRST_WIN_MIN 3    /* meetings without a win before a first win counts */

static const char *ordinal(int n, char *buf, size_t cap)
{
    int t = n % 100, u = n % 10;
    const char *s = t >= 11 && t <= 13 ? "th" : u == 1 ? "st" : u == 2 ? "nd" : u == 3 ? "rd" : "th";
    snprintf(buf, cap, "%d%s", n, s);
    return buf;
}

/* ---- small maps keyed by two ids ---- */

struct key2 {
    int64_t a, b;
};
static int64_t *slot2(struct tl_map *m, int64_t a, int64_t b, tl_rc *rc)
{
    struct key2 k = {a, b};
    int64_t *v = NULL;
    int created;
    if (tl_map_slot(m, (const char *)&k, sizeof k, &v, &created)) {
        *rc = TL_ENOMEM;
        return NULL;
    }
    return v;
}

/* state rows live in growable arrays; maps give their index + 1 */
struct pstate {            /* a player for a team */
    int goals;
    const struct tl_baseline *base;
    long last_seq;         /* the team's match number of his last goal */
    int run;
};
struct cstate {            /* a player in a competition */
    int goals;
    long last_edition;
    int run;
};
struct holder {
    int64_t player;
    const char *name;
};
struct record {            /* a team's or a competition's top scorer */
    int goals;
    struct holder h[4];
    int nh;
};

struct ms {
    struct tl_milestone_list *out;
    tl_rc rc;
    struct tl_map pmap, cmap, rmap, wins, reach, editions;
    void *p, *c, *r;         /* struct pstate, cstate, record rows */
    size_t np, ap, nc, ac, nr, ar;
    /* per team and competition id (dense arrays) */
    long *seq, *played, *complete;
    long *cplayed, *ccomplete, *cminutes, *cages, *cedseq;
    int *fastest, *oldest, *youngest;
    unsigned char *tournament; /* per competition: some of its matches are in editions */
    int64_t maxteam, maxcomp;
};

static void *grow(void *v, size_t *alloc, size_t n, size_t size)
{
    if (n < *alloc) return v;
    size_t na = *alloc ? *alloc * 2 : 256;
    void *p = tl_realloc(v, na * size);
    if (!p) return NULL;
    memset((char *)p + *alloc * size, 0, (na - *alloc) * size);
    *alloc = na;
    return p;
}

/* the row for key (a, b) of map in the array *arr (created zeroed); NULL
 * with s->rc set when memory runs out. A later call may move the array. */
static void *row(struct ms *s, struct tl_map *map, void **arr, size_t *n, size_t *alloc,
                 size_t size, int64_t a, int64_t b)
{
    int64_t *v = slot2(map, a, b, &s->rc);
    if (!v) return NULL;
    if (!*v) {
        void *g = grow(*arr, alloc, *n, size);
        if (!g) {
            s->rc = TL_ENOMEM;
            return NULL;
        }
        *arr = g;
        *v = (int64_t)++*n;
    }
    return (char *)*arr + (size_t)(*v - 1) * size;
}
#define PROW(s, a, b)                                                                       \
    ((struct pstate *)row(s, &(s)->pmap, &(s)->p, &(s)->np, &(s)->ap, sizeof(struct pstate), a, b))
#define CROW(s, a, b)                                                                       \
    ((struct cstate *)row(s, &(s)->cmap, &(s)->c, &(s)->nc, &(s)->ac, sizeof(struct cstate), a, b))
#define RROW(s, a, b)                                                                       \
    ((struct record *)row(s, &(s)->rmap, &(s)->r, &(s)->nr, &(s)->ar, sizeof(struct record), a, b))

static void emit(struct ms *s, enum tl_ms_kind kind, const struct tl_ms_match *m,
                 int64_t team, int64_t player, int64_t event, int value, const char *coverage,
                 const char *rests_on, const char *fmt, ...) TL_PRINTF(10, 11);
static void emit(struct ms *s, enum tl_ms_kind kind, const struct tl_ms_match *m,
                 int64_t team, int64_t player, int64_t event, int value, const char *coverage,
                 const char *rests_on, const char *fmt, ...)
{
    if (s->rc) return;
    struct tl_milestone_list *l = s->out;
    struct tl_milestone *p = grow(l->v, &l->alloc, l->n, sizeof *l->v);
    if (!p) {
        s->rc = TL_ENOMEM;
        return;
    }
    l->v = p;
    struct tl_milestone *x = &l->v[l->n];
    memset(x, 0, sizeof *x);
    x->kind = kind;
    memcpy(x->date, m->date, sizeof x->date);
    x->match_id = m->id;
    x->team_id = team;
    x->player_id = player;
    x->event_id = event;
    x->value = value;
    char text[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(text, sizeof text, fmt, ap);
    va_end(ap);
    x->text = tl_strdup(text);
    x->rests_on = rests_on ? tl_strdup(rests_on) : NULL;
    x->coverage = coverage ? tl_strdup(coverage) : NULL;
    if (!x->text || (rests_on && !x->rests_on) || (coverage && !x->coverage)) {
        tl_free(x->text);
        tl_free(x->rests_on);
        tl_free(x->coverage);
        s->rc = TL_ENOMEM;
        return;
    }
    l->n++;
}

static int is_holder(const struct record *r, int64_t player)
{
    for (int i = 0; i < r->nh; i++)
        if (r->h[i].player == player) return 1;
    return 0;
}

/* "Wayne Rooney", "Miroslav Klose and Ronaldo" */
static void holders_text(const struct record *r, int64_t except, char *out, size_t cap)
{
    size_t len = 0;
    int k = 0, n = 0;
    out[0] = 0;
    for (int i = 0; i < r->nh; i++) n += r->h[i].player != except;
    for (int i = 0; i < r->nh && len < cap; i++) {
        if (r->h[i].player == except) continue;
        len += (size_t)snprintf(out + len, cap - len, "%s%s",
                                k == 0 ? "" : k == n - 1 ? " and " : ", ", r->h[i].name);
        k++;
    }
}

/* a goal raises a player's count to c: the record of a team or tournament */
static void record_step(struct ms *s, struct record *r, const struct tl_ms_goal *g,
                        const struct tl_ms_match *m, int c, const char *whose,
                        const char *coverage, const char *rests_on, const char *base)
{
    char others[256];
    if (c > r->goals) {
        if (is_holder(r, g->player_id) && r->nh > 1 && r->goals >= RECORD_MIN) {
            holders_text(r, g->player_id, others, sizeof others);
            emit(s, TL_MS_RECORD_BROKEN, m, g->team_id, g->player_id, g->event_id, c, coverage,
                 rests_on, "%s becomes %s all-time top scorer on his own with %d, passing %s%s",
                 g->player, whose, c, others, base);
        }
        r->goals = c;
        r->h[0] = (struct holder){g->player_id, g->player};
        r->nh = 1;
    } else if (c == r->goals && !is_holder(r, g->player_id)) {
        if (r->goals >= RECORD_MIN) {
            holders_text(r, g->player_id, others, sizeof others);
            emit(s, TL_MS_RECORD_EQUALLED, m, g->team_id, g->player_id, g->event_id, c, coverage,
                 rests_on, "%s joins %s at the top of %s all-time scorers with %d%s", g->player,
                 others, whose, c, base);
        }
        if (r->nh < 4) r->h[r->nh++] = (struct holder){g->player_id, g->player};
    }
}

static long days_of(const char *date)
{
    struct tl_date d;
    return tl_date_parse(date, 10, &d) ? -1 : tl_date_days(d);
}

/* "42 years 39 days" */
static void age_text(const char *birth, const char *on, char *out, size_t cap)
{
    struct tl_date b, d;
    if (tl_date_parse(birth, 10, &b) || tl_date_parse(on, 10, &d)) {
        snprintf(out, cap, "?");
        return;
    }
    int years = d.y - b.y - ((d.m < b.m || (d.m == b.m && d.d < b.d)) ? 1 : 0);
    struct tl_date last = {b.y + years, b.m, b.d};
    if (last.m == 2 && last.d == 29 && !((last.y % 4 == 0 && last.y % 100) || last.y % 400 == 0))
        last.d = 28;
    snprintf(out, cap, "%d years %ld days", years, tl_date_days(d) - tl_date_days(last));
}

static const char *confed_people(const char *confed)
{
    static const char *const m[][2] = {{"AFC", "Asian"},         {"CAF", "African"},
                                       {"CONCACAF", "CONCACAF"}, {"CONMEBOL", "South American"},
                                       {"OFC", "Oceanian"},      {"UEFA", "European"}};
    for (size_t i = 0; i < sizeof m / sizeof *m; i++)
        if (strcmp(m[i][0], confed) == 0) return m[i][1];
    return confed;
}

static int is_third_place(const char *stage)
{
    if (!stage) return 0;
    char s[64];
    size_t n = 0;
    for (; stage[n] && n + 1 < sizeof s; n++)
        s[n] = (char)(stage[n] >= 'A' && stage[n] <= 'Z' ? stage[n] + 32 : stage[n]);
    s[n] = 0;
    return strstr(s, "third") || strstr(s, "3rd");
}

static const char *stage_phrase(int level, char *buf, size_t cap, const char *comp)
{
    if (level == TL_STAGE__COUNT) snprintf(buf, cap, "win the %s", comp);
    else if (level == TL_STAGE_FINAL) snprintf(buf, cap, "reach the %s final", comp);
    else snprintf(buf, cap, "reach a %s %s", comp, tl_stage_level_name((enum tl_stage_level)level));
    return buf;
}

/* a knockout win: the winner has reached the next level (the title for
 * a final) */
static void stages(struct ms *s, const struct tl_ms_match *m)
{
    if (!m->edition_id || m->in_group || is_third_place(m->stage) || !m->competition) return;
    int level = tl_stage_level(m->stage, 0);
    if (level < TL_STAGE_ROUND_OF_16) return;
    int w = m->score[0] > m->score[1]   ? 0
            : m->score[1] > m->score[0] ? 1
            : m->so_winner == m->team[0] ? 0
            : m->so_winner == m->team[1] ? 1
                                         : -1;
    if (w < 0) return;
    int reached = level + 1; /* TL_STAGE_FINAL + 1 is TL_STAGE__COUNT: the title */
    char phrase[128], rests[64], cov[160];
    stage_phrase(reached, phrase, sizeof phrase, m->competition);
    snprintf(rests, sizeof rests, "match %lld (%s)", (long long)m->id, m->stage);
    long editions = s->cedseq[m->competition_id];
    snprintf(cov, sizeof cov, "from the %ld edition%s of the %s in the data, up to then", editions,
             editions == 1 ? "" : "s", m->competition);
    int64_t *team = slot2(&s->reach, m->team[w], m->competition_id, &s->rc);
    if (!team) return;
    if (*team < reached) {
        if (reached >= TL_STAGE_SEMI_FINAL)
            emit(s, TL_MS_TEAM_FIRST_STAGE, m, m->team[w], 0, 0, reached, cov, rests,
                 "%s %s for the first time", m->name[w],
                 reached == TL_STAGE__COUNT ? phrase : phrase + 0);
        *team = reached;
    }
    const char *confed = tl_confederation(m->name[w], atoi(m->date));
    if (!confed) return;
    /* confederations by a key no team id can take: -(index + 1) */
    static const char *const all[] = {"AFC", "CAF", "CONCACAF", "CONMEBOL", "OFC", "UEFA"};
    int64_t ck = 0;
    for (int i = 0; i < 6; i++)
        if (strcmp(all[i], confed) == 0) ck = -(i + 1);
    int64_t *cf = slot2(&s->reach, ck, m->competition_id, &s->rc);
    if (!cf) return;
    if (*cf < reached) {
        if (reached >= TL_STAGE_QUARTER_FINAL)
            emit(s, TL_MS_CONFED_FIRST_STAGE, m, m->team[w], 0, 0, reached, cov, rests,
                 "%s are the first %s side to %s (%s)", m->name[w], confed_people(confed),
                 phrase, confed);
        *cf = reached;
    }
}

static void first_wins(struct ms *s, const struct tl_ms_match *m)
{
    for (int side = 0; side < 2; side++) {
        int64_t *v = slot2(&s->wins, m->team[side], m->team[1 - side], &s->rc);
        if (!v) return;
        long meetings = *v >> 20, wins = *v & 0xfffff;
        int won = m->score[side] > m->score[1 - side];
        if (won && wins == 0 && meetings >= FIRST_WIN_MIN) {
            char rests[64], nth[16], cov[96];
            snprintf(rests, sizeof rests, "match %lld", (long long)m->id);
            snprintf(cov, sizeof cov, "from the %ld earlier meetings in the data", meetings);
            emit(s, TL_MS_FIRST_WIN, m, m->team[side], 0, 0, (int)meetings + 1, cov, rests,
                 "%s beat %s %d-%d for the first time, at the %s meeting", m->name[side],
                 m->name[1 - side], m->score[side], m->score[1 - side],
                 ordinal((int)meetings + 1, nth, sizeof nth));
        }
        *v = ((meetings + 1) << 20) | (wins + won);
    }
}

tl_rc tl_engine_milestones(const struct tl_ms_match_list *ml, const struct tl_ms_goal_list *gl,
                           const struct tl_baseline_list *bl, struct tl_milestone_list *out)
{
    struct ms s = {.out = out};
    tl_map_init(&s.pmap);
    tl_map_init(&s.cmap);
    tl_map_init(&s.rmap);
    tl_map_init(&s.wins);
    tl_map_init(&s.reach);
    tl_map_init(&s.editions);
    for (size_t i = 0; i < ml->n; i++) {
        for (int k = 0; k < 2; k++)
            if (ml->v[i].team[k] > s.maxteam) s.maxteam = ml->v[i].team[k];
        if (ml->v[i].competition_id > s.maxcomp) s.maxcomp = ml->v[i].competition_id;
    }
    size_t nt = (size_t)s.maxteam + 1, nc = (size_t)s.maxcomp + 1;
    s.seq = tl_calloc(nt, sizeof *s.seq);
    s.played = tl_calloc(nt, sizeof *s.played);
    s.complete = tl_calloc(nt, sizeof *s.complete);
    s.cplayed = tl_calloc(nc, sizeof *s.cplayed);
    s.ccomplete = tl_calloc(nc, sizeof *s.ccomplete);
    s.cminutes = tl_calloc(nc, sizeof *s.cminutes);
    s.cages = tl_calloc(nc, sizeof *s.cages);
    s.cedseq = tl_calloc(nc, sizeof *s.cedseq);
    s.fastest = tl_calloc(nc, sizeof *s.fastest);
    s.oldest = tl_calloc(nc, sizeof *s.oldest);
    s.youngest = tl_calloc(nc, sizeof *s.youngest);
    s.tournament = tl_calloc(nc, 1);
    for (size_t i = 0; s.tournament && i < ml->n; i++)
        if (ml->v[i].edition_id) s.tournament[ml->v[i].competition_id] = 1;
    if (!s.seq || !s.played || !s.complete || !s.cplayed || !s.ccomplete || !s.cminutes ||
        !s.cages || !s.cedseq || !s.fastest || !s.oldest || !s.youngest || !s.tournament)
        s.rc = TL_ENOMEM;
    for (size_t c = 0; !s.rc && c < nc; c++) {
        s.fastest[c] = 1 << 20;
        s.youngest[c] = 1 << 30;
    }
    size_t gi = 0, bi = 0;
    /* the players who scored in the current match */
    struct scorer {
        int64_t player, team, first_event;
        int goals;
        const char *name;
        int64_t events[3];
    } scored[64];
    for (size_t i = 0; i < ml->n && !s.rc; i++) {
        const struct tl_ms_match *m = &ml->v[i];
        /* baselines whose day is over */
        for (; bi < bl->n && strcmp(bl->v[bi].as_of, m->date) < 0 && !s.rc; bi++) {
            const struct tl_baseline *b = &bl->v[bi];
            struct pstate *p = PROW(&s, b->player_id, b->team_id);
            struct record *r = RROW(&s, b->team_id, 0);
            if (!p || !r) break;
            p->goals = b->goals;
            p->base = b;
            if (b->goals > r->goals) {
                r->goals = b->goals;
                r->h[0] = (struct holder){b->player_id, b->player};
                r->nh = 1;
            } else if (b->goals == r->goals && !is_holder(r, b->player_id) && r->nh < 4) {
                r->h[r->nh++] = (struct holder){b->player_id, b->player};
            }
        }
        int64_t comp = m->competition_id;
        long edseq = 0;
        if (m->edition_id && comp) {
            int64_t *e = slot2(&s.editions, m->edition_id, 0, &s.rc);
            if (!e) break;
            if (!*e) *e = ++s.cedseq[comp];
            edseq = (long)*e;
        }
        for (int k = 0; k < 2; k++) {
            s.seq[m->team[k]]++;
            s.played[m->team[k]]++;
            s.complete[m->team[k]] += m->listed[k] >= m->score[k];
        }
        if (comp && s.tournament[comp]) {
            s.cplayed[comp]++;
            s.ccomplete[comp] += m->listed[0] >= m->score[0] && m->listed[1] >= m->score[1];
        }
        int nscored = 0;
        for (; gi < gl->n && gl->v[gi].match == i && !s.rc; gi++) {
            const struct tl_ms_goal *g = &gl->v[gi];
            if (g->team_id != m->team[0] && g->team_id != m->team[1]) continue;
            const char *team = g->team_id == m->team[0] ? m->name[0] : m->name[1];
            char cov[160], rests[200], base[256] = "", nth[16], whose[160];
            snprintf(cov, sizeof cov, "from %ld of %ld %s matches with every scorer listed, up to then",
                     s.complete[g->team_id], s.played[g->team_id], team);
            snprintf(rests, sizeof rests, "event %lld (%s:%ld)", (long long)g->event_id,
                     g->source ? g->source : "?", g->line);
            struct pstate *p = PROW(&s, g->player_id, g->team_id);
            struct record *r = RROW(&s, g->team_id, 0);
            if (!p || !r) break;
            int c = ++p->goals;
            if (p->base)
                snprintf(base, sizeof base, " (counting from a baseline of %d as of %s, source: %s)",
                         p->base->goals, p->base->as_of, p->base->source);
            if (c == 1 || c == 25 || c % 10 == 0)
                emit(&s, TL_MS_NTH_GOAL, m, g->team_id, g->player_id, g->event_id, c, cov, rests,
                     "%s scores his %s goal for %s%s", g->player, ordinal(c, nth, sizeof nth),
                     team, base);
            snprintf(whose, sizeof whose, "%s's", team);
            record_step(&s, r, g, m, c, whose, cov, rests, base);
            /* in the tournament (a competition played in editions; a match of
             * it the data has outside any edition still counts) */
            if (comp && s.tournament[comp] && m->competition) {
                char ccov[160];
                snprintf(ccov, sizeof ccov,
                         "from %ld of %ld %s matches with every scorer listed, up to then",
                         s.ccomplete[comp], s.cplayed[comp], m->competition);
                struct cstate *cs = CROW(&s, g->player_id, comp);
                struct record *cr = RROW(&s, 0, comp);
                if (!cs || !cr) break;
                r = NULL; /* the arrays may have moved */
                int cg = ++cs->goals;
                if (cg % 5 == 0)
                    emit(&s, TL_MS_COMPETITION_GOAL, m, g->team_id, g->player_id, g->event_id, cg,
                         ccov, rests, "%s scores his %s %s goal", g->player,
                         ordinal(cg, nth, sizeof nth), m->competition);
                snprintf(whose, sizeof whose, "the %s's", m->competition);
                record_step(&s, cr, g, m, cg, whose, ccov, rests, "");
                if (edseq && cs->last_edition != edseq) {
                    cs->run = cs->last_edition == edseq - 1 ? cs->run + 1 : 1;
                    cs->last_edition = edseq;
                    if (cs->run >= EDITIONS_MIN)
                        emit(&s, TL_MS_EDITIONS_RUN, m, g->team_id, g->player_id, g->event_id,
                             cs->run, ccov, rests, "%s scores at a %s consecutive %s", g->player,
                             ordinal(cs->run, nth, sizeof nth), m->competition);
                }
                if (g->minute != TL_NONE) {
                    int at = g->minute * 100 + g->added;
                    /* the data gives minutes: a goal in the same minute as the
                     * fastest equals it */
                    if (at <= s.fastest[comp] && s.cminutes[comp] >= MINUTES_MIN)
                        emit(&s, TL_MS_FASTEST_GOAL, m, g->team_id, g->player_id, g->event_id,
                             g->minute, ccov, rests,
                             "%s scores in minute %d, %s the fastest goal in %s history (by "
                             "the minutes the data gives)",
                             g->player, g->minute,
                             at < s.fastest[comp] ? "the new record for" : "equalling",
                             m->competition);
                    if (at < s.fastest[comp]) s.fastest[comp] = at;
                    s.cminutes[comp]++;
                }
                if (g->birth[0]) {
                    long age = days_of(m->date) - days_of(g->birth);
                    char at[64];
                    age_text(g->birth, m->date, at, sizeof at);
                    if (age > 0 && age > s.oldest[comp] && s.cages[comp] >= AGES_MIN)
                        emit(&s, TL_MS_OLDEST_SCORER, m, g->team_id, g->player_id, g->event_id,
                             (int)age, ccov, rests, "%s, %s old, becomes the oldest scorer at "
                             "the %s (born %s)", g->player, at, m->competition, g->birth);
                    if (age > 0 && age < s.youngest[comp] && s.cages[comp] >= AGES_MIN)
                        emit(&s, TL_MS_YOUNGEST_SCORER, m, g->team_id, g->player_id,
                             g->event_id, (int)age, ccov, rests,
                             "%s, %s old, becomes the youngest scorer at the %s (born %s)",
                             g->player, at, m->competition, g->birth);
                    if (age > 0) {
                        if (age > s.oldest[comp]) s.oldest[comp] = (int)age;
                        if (age < s.youngest[comp]) s.youngest[comp] = (int)age;
                        s.cages[comp]++;
                    }
                }
            }
            /* hat-tricks and runs: per player of the match */
            int k = 0;
            while (k < nscored && !(scored[k].player == g->player_id && scored[k].team == g->team_id))
                k++;
            if (k == nscored && nscored < 64) {
                scored[nscored++] = (struct scorer){g->player_id, g->team_id, g->event_id, 0,
                                                   g->player, {0}};
            }
            if (k < nscored) {
                if (scored[k].goals < 3) scored[k].events[scored[k].goals] = g->event_id;
                if (++scored[k].goals == 3) {
                    char ev[160];
                    snprintf(ev, sizeof ev, "events %lld, %lld, %lld", (long long)scored[k].events[0],
                             (long long)scored[k].events[1], (long long)scored[k].events[2]);
                    emit(&s, TL_MS_HAT_TRICK, m, g->team_id, g->player_id, g->event_id, 3, NULL, ev,
                         "%s scores a hat-trick for %s against %s", g->player, team,
                         team == m->name[0] ? m->name[1] : m->name[0]);
                }
            }
        }
        for (int k = 0; k < nscored && !s.rc; k++) {
            struct pstate *p = PROW(&s, scored[k].player, scored[k].team);
            if (!p) break;
            long now = s.seq[scored[k].team];
            p->run = p->last_seq == now - 1 ? p->run + 1 : 1;
            p->last_seq = now;
            if (p->run >= RUN_MIN) {
                const char *team = scored[k].team == m->team[0] ? m->name[0] : m->name[1];
                char nth[16], cov[160], rests[64];
                snprintf(cov, sizeof cov, "from %ld of %ld %s matches with every scorer listed, up to then",
                         s.complete[scored[k].team], s.played[scored[k].team], team);
                snprintf(rests, sizeof rests, "event %lld", (long long)scored[k].first_event);
                emit(&s, TL_MS_SCORING_RUN, m, scored[k].team, scored[k].player,
                     scored[k].first_event, p->run, cov, rests,
                     "%s scores in a %s consecutive match for %s", scored[k].name,
                     ordinal(p->run, nth, sizeof nth), team);
            }
        }
        if (!s.rc) first_wins(&s, m);
        if (!s.rc) stages(&s, m);
    }
    tl_rc rc = s.rc;
    tl_map_free(&s.pmap);
    tl_map_free(&s.cmap);
    tl_map_free(&s.rmap);
    tl_map_free(&s.wins);
    tl_map_free(&s.reach);
    tl_map_free(&s.editions);
    void *arrays[] = {s.p,       s.c,      s.r,      s.seq,    s.played,   s.complete,
                      s.cplayed, s.ccomplete, s.cminutes, s.cages, s.cedseq, s.fastest,
                      s.oldest,  s.youngest, s.tournament};
    for (size_t i = 0; i < sizeof arrays / sizeof *arrays; i++) tl_free(arrays[i]);
    return rc;
}
