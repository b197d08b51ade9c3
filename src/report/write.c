/* report/write.c: the plan (which facts, in which order) and the
 * realisation (a phrasebook template per sentence, its placeholders filled
 * from the facts). No fact, no sentence: every sentence lists the facts it
 * was written from, and a template whose placeholder has no value is an
 * error, never a guess. */
#include "touchline/engine.h"
#include "touchline/report.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_VARS 32
struct var {
    const char *name;
    char value[400];
};
struct ctx {
    const struct tl_fact_list *f;
    const struct tl_phrasebook *pb;
    uint64_t seed;
    struct tl_report *out;
    tl_rc rc;
    unsigned char *epithet_used;   /* per fact */
    struct var vars[MAX_VARS];
    int nvars;
    int facts[TL_SENTENCE_FACTS];
    int nfacts;
    const struct tl_fact *res;
    int paragraph;
};

void tl_report_free(struct tl_report *r)
{
    tl_free(r->headline.text);
    for (size_t i = 0; i < r->n; i++) tl_free(r->v[i].text);
    tl_free(r->v);
    memset(r, 0, sizeof *r);
}

static uint64_t mix(uint64_t x)
{
    x += 0x9e3779b97f4a7c15u;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9u;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebu;
    return x ^ (x >> 31);
}

static uint64_t fnv(const char *s)
{
    uint64_t h = 1469598103934665603u;
    for (; s && *s; s++) h = (h ^ (unsigned char)*s) * 1099511628211u;
    return h;
}

/* the template of key: one of its variants, by the seed */
static const char *phrase(struct ctx *c, const char *key)
{
    for (size_t i = 0; i < c->pb->n; i++) {
        const struct tl_phrase *p = &c->pb->p[i];
        if (strcmp(p->key, key) != 0) continue;
        int n = 0;
        while (n < 4 && p->v[n]) n++;
        uint64_t h = mix(c->seed ^ fnv(key) ^ fnv(c->res ? c->res->ref : ""));
        return p->v[h % (uint64_t)(n ? n : 1)];
    }
    return NULL;
}

static void var(struct ctx *c, const char *name, const char *fmt, ...) TL_PRINTF(3, 4);
static void var(struct ctx *c, const char *name, const char *fmt, ...)
{
    struct var *v = NULL;
    for (int i = 0; i < c->nvars; i++)
        if (strcmp(c->vars[i].name, name) == 0) v = &c->vars[i];
    if (!v) {
        if (c->nvars == MAX_VARS) return;
        v = &c->vars[c->nvars++];
        v->name = name;
    }
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(v->value, sizeof v->value, fmt, ap);
    va_end(ap);
}

static void use(struct ctx *c, int fact)
{
    for (int i = 0; i < c->nfacts; i++)
        if (c->facts[i] == fact) return;
    if (c->nfacts < TL_SENTENCE_FACTS) c->facts[c->nfacts++] = fact;
}

static int index_of(const struct ctx *c, const struct tl_fact *f) { return (int)(f - c->f->v); }

/* fill tpl's placeholders from the variables into out */
static tl_rc fill(struct ctx *c, const char *tpl, char *out, size_t cap)
{
    size_t len = 0;
    out[0] = 0;
    for (const char *p = tpl; *p;) {
        if (*p != '{') {
            if (len + 1 < cap) out[len++] = *p;
            p++;
            continue;
        }
        const char *e = strchr(p, '}');
        if (!e) return TL_EPARSE;
        size_t n = (size_t)(e - p - 1);
        const struct var *v = NULL;
        for (int i = 0; i < c->nvars; i++)
            if (strlen(c->vars[i].name) == n && strncmp(c->vars[i].name, p + 1, n) == 0)
                v = &c->vars[i];
        if (!v) return TL_ENOTFOUND; /* a claim without its fact: never written */
        for (const char *q = v->value; *q && len + 1 < cap; q++) out[len++] = *q;
        p = e + 1;
    }
    out[len] = 0;
    return TL_OK;
}

/* realise key into a variable (a part of a sentence) */
static void part(struct ctx *c, const char *name, const char *key)
{
    const char *tpl = phrase(c, key);
    char buf[400];
    if (!tpl || fill(c, tpl, buf, sizeof buf)) {
        var(c, name, "%s", "");
        return;
    }
    var(c, name, "%s", buf);
}

/* realise key as the next sentence, resting on the facts used; variables
 * and facts are reset for the next one */
static void sentence(struct ctx *c, const char *key)
{
    if (c->rc) return;
    const char *tpl = phrase(c, key);
    char buf[1200];
    tl_rc r = tpl ? fill(c, tpl, buf, sizeof buf) : TL_ENOTFOUND;
    if (!r) {
        /* an empty part leaves a gap: "match  on", "stands ." */
        char *w = buf;
        for (const char *p = buf; *p; p++) {
            if (*p == ' ' && (p[1] == ' ' || p[1] == '.' || p[1] == ',' || p[1] == 0)) continue;
            *w++ = *p;
        }
        *w = 0;
        if (buf[0] >= 'a' && buf[0] <= 'z') buf[0] = (char)(buf[0] - 32);
        struct tl_report *o = c->out;
        if (o->n == o->alloc) {
            size_t na = o->alloc ? o->alloc * 2 : 16;
            struct tl_sentence *p = tl_realloc(o->v, na * sizeof *p);
            if (!p) {
                c->rc = TL_ENOMEM;
                return;
            }
            o->v = p;
            o->alloc = na;
        }
        struct tl_sentence *s = &o->v[o->n];
        memset(s, 0, sizeof *s);
        s->text = tl_strdup(buf);
        if (!s->text) {
            c->rc = TL_ENOMEM;
            return;
        }
        memcpy(s->fact, c->facts, sizeof s->fact);
        s->nfacts = c->nfacts;
        s->paragraph = c->paragraph;
        o->n++;
    }
    /* a template that cannot be filled says nothing: the sentence is left out */
    c->nvars = 0;
    c->nfacts = 0;
    c->paragraph = 0;
}

/* ---- values ---- */

static const struct tl_fact *find(const struct ctx *c, enum tl_fact_kind k, const char *team)
{
    for (size_t i = 0; i < c->f->n; i++) {
        const struct tl_fact *f = &c->f->v[i];
        if (f->kind == k && (!team || (f->team && strcmp(f->team, team) == 0))) return f;
    }
    return NULL;
}

/* team's name as first mentioned: with an epithet from its history */
static void team_var(struct ctx *c, const char *name, const char *team)
{
    static const enum tl_fact_kind kinds[] = {TL_F_HOLDERS, TL_F_TITLES, TL_F_RUNNERS_UP};
    static const char *const keys[] = {"epithet.holders", "epithet.titles", "epithet.runners_up"};
    for (int k = 0; k < 3; k++) {
        const struct tl_fact *f = find(c, kinds[k], team);
        if (!f || c->epithet_used[index_of(c, f)]) continue;
        /* one epithet per team */
        for (int j = 0; j < 3; j++) {
            const struct tl_fact *g = find(c, kinds[j], team);
            if (g) c->epithet_used[index_of(c, g)] = 1;
        }
        var(c, "team", "%s", team);
        var(c, "year", "%d", f->year);
        var(c, "count_word", "%s", f->count >= 0 && f->count <= 10 ? c->pb->count_word[f->count] : "many");
        char buf[400];
        const char *tpl = phrase(c, keys[k]);
        if (tpl && !fill(c, tpl, buf, sizeof buf)) {
            var(c, name, "%s", buf);
            use(c, index_of(c, f));
            return;
        }
    }
    var(c, name, "%s", team);
}

static void date_vars(struct ctx *c, const char *date)
{
    struct tl_date d;
    if (tl_date_parse(date, 10, &d)) return;
    var(c, "weekday", "%s", c->pb->weekday[tl_date_weekday(d)]);
    var(c, "day", "%d", d.d);
    var(c, "month", "%s", c->pb->month[d.m - 1]);
    var(c, "year", "%d", d.y);
}

static int level_of(const char *stage, int group)
{
    return stage ? tl_stage_level(stage, group) : group ? TL_STAGE_GROUP : -1;
}

/* {stage_a}: "a FIFA World Cup quarter-final", "the ... final", "a ... Group B match" */
static void stage_vars(struct ctx *c, const struct tl_fact *r)
{
    var(c, "competition", "%s", r->competition ? r->competition : "");
    int level = level_of(r->stage, r->group != NULL);
    char key[32];
    if (!r->competition || strcmp(r->competition, "Friendly") == 0) {
        part(c, "stage_a", "stage.friendly");
    } else if (r->group) {
        var(c, "group", "%s", r->group);
        part(c, "stage_a", "stage.group");
    } else if (level == TL_STAGE_FINAL) {
        part(c, "stage_a", "stage.final");
    } else if (level > TL_STAGE_GROUP) {
        snprintf(key, sizeof key, "level.%d", level);
        part(c, "level", key);
        part(c, "stage_a", "stage.level");
    } else {
        part(c, "stage_a", "stage.other");
    }
    if (r->venue && r->city) {
        var(c, "venue", "%s", r->venue);
        var(c, "city", "%s", r->city);
        part(c, "where", "where.venue");
    } else if (r->city) {
        var(c, "city", "%s", r->city);
        part(c, "where", "where.city");
    } else {
        var(c, "where", "%s", "");
    }
}

static void minute_vars(struct ctx *c, const struct tl_fact *f)
{
    if (f->minute == TL_NONE) {
        var(c, "minute_phrase", "%s", "");
        return;
    }
    char ord[16];
    c->pb->ordinal(f->minute, ord, sizeof ord);
    var(c, "ordinal", "%s", ord);
    var(c, "minute", "%d", f->minute);
    var(c, "added", "%d", f->added);
    if (f->added > 0) {
        char key[24];
        snprintf(key, sizeof key, "period.%d", f->minute);
        part(c, "period", key);
        part(c, "minute_phrase", "minute.added");
    } else {
        part(c, "minute_phrase", "minute");
    }
}

/* "2-1" with the larger number first */
static void score_var(struct ctx *c, const char *name, int a, int b)
{
    var(c, name, "%d-%d", a > b ? a : b, a > b ? b : a);
}

/* ---- the plan ---- */

static void goals(struct ctx *c)
{
    const struct tl_fact_list *l = c->f;
    /* goals, misses and red cards in the order of the match */
    int order[256], n = 0;
    for (size_t i = 0; i < l->n && n < 256; i++)
        if (l->v[i].kind == TL_F_GOAL || l->v[i].kind == TL_F_PEN_MISS || l->v[i].kind == TL_F_RED)
            order[n++] = (int)i;
    for (int i = 1; i < n; i++) { /* stable by minute, added time */
        int t = order[i], j = i;
        const struct tl_fact *x = &l->v[t];
        while (j > 0) {
            const struct tl_fact *y = &l->v[order[j - 1]];
            int my = y->minute == TL_NONE ? 999 : y->minute, mx = x->minute == TL_NONE ? 999 : x->minute;
            if (my < mx || (my == mx && y->added <= x->added)) break;
            order[j] = order[j - 1];
            j--;
        }
        order[j] = t;
    }
    int led[2] = {0, 0}; /* has each side led at some point */
    c->paragraph = 1;
    for (int i = 0; i < n && !c->rc; i++) {
        const struct tl_fact *f = &l->v[order[i]];
        use(c, order[i]);
        minute_vars(c, f);
        var(c, "player", "%s", f->player ? f->player : "");
        var(c, "team", "%s", f->team ? f->team : "");
        if (!f->player) { /* no name: nothing to tell of it */
            c->nvars = c->nfacts = 0;
            continue;
        }
        if (f->kind == TL_F_RED) {
            sentence(c, f->second_yellow ? "red.second" : "red.straight");
            continue;
        }
        if (f->kind == TL_F_PEN_MISS) {
            const char *how = f->how ? f->how : "missed";
            char key[32];
            if (strcmp(how, "saved") == 0) {
                if (f->keeper) var(c, "keeper", "%s", f->keeper);
                snprintf(key, sizeof key, "%s", f->keeper ? "miss.saved" : "miss.saved_nokeeper");
            } else if (strcmp(how, "over") == 0) snprintf(key, sizeof key, "miss.over");
            else if (strcmp(how, "woodwork") == 0) snprintf(key, sizeof key, "miss.woodwork");
            else if (strcmp(how, "off_target") == 0) snprintf(key, sizeof key, "miss.wide");
            else snprintf(key, sizeof key, "miss.missed");
            sentence(c, key);
            continue;
        }
        int s = f->side < 0 ? 0 : f->side, o = 1 - s;
        int after_s = f->score[s], after_o = f->score[o], before_s = after_s - 1;
        score_var(c, "after", f->score[0], f->score[1]);
        var(c, "how", "%s", "");
        if (f->header) part(c, "how", "goal.header");
        else if (f->outside_box) part(c, "how", "goal.outside");
        const char *key;
        if (f->own_goal) key = "goal.own";
        else if (before_s == 0 && after_o == 0) key = f->penalty ? "goal.first_pen" : "goal.first";
        else if (after_s == after_o) key = f->penalty ? "goal.equaliser_pen" : "goal.equaliser";
        else if (after_s == after_o + 1 && before_s == after_o) key = led[s] ? "goal.lead" : "goal.ahead";
        else if (after_s < after_o) key = "goal.pull_back";
        else key = f->penalty ? "goal.more_pen" : "goal.more";
        if (after_s > after_o) led[s] = 1;
        sentence(c, key);
    }
}

static void shootout(struct ctx *c)
{
    const struct tl_fact *s = find(c, TL_F_SHOOTOUT, NULL);
    if (!s || !s->text) return;
    use(c, index_of(c, s));
    var(c, "first", "%s", s->text);
    sentence(c, "shootout.first");
}

static int milestone_rank(const struct tl_fact *f)
{
    switch ((enum tl_ms_kind)f->position) {
    case TL_MS_CONFED_FIRST_STAGE: return 0;
    case TL_MS_RECORD_EQUALLED:
    case TL_MS_RECORD_BROKEN: return 1;
    case TL_MS_TEAM_FIRST_STAGE: return 2;
    case TL_MS_HAT_TRICK: return 3;
    default: return 4;
    }
}

static void milestones(struct ctx *c)
{
    int told = 0;
    c->paragraph = 1;
    for (int rank = 0; rank <= 4 && told < 4; rank++)
        for (size_t i = 0; i < c->f->n && told < 4 && !c->rc; i++) {
            const struct tl_fact *f = &c->f->v[i];
            if (f->kind != TL_F_MILESTONE || f->other_match || milestone_rank(f) != rank ||
                !f->text)
                continue;
            use(c, (int)i);
            var(c, "text", "%s", f->text);
            sentence(c, "milestone");
            told++;
        }
}

static void meaning(struct ctx *c)
{
    const struct tl_fact *r = c->res;
    c->paragraph = 1;
    for (size_t i = 0; i < c->f->n && !c->rc; i++) {
        const struct tl_fact *f = &c->f->v[i];
        if (f->kind == TL_F_OUT) {
            use(c, (int)i);
            var(c, "competition", "%s", f->competition ? f->competition : "");
            if (f->position == TL_STAGE_FINAL) {
                /* the other side won it */
                var(c, "team", "%s", f->opponent);
                sentence(c, "champions");
                use(c, (int)i);
                var(c, "team", "%s", f->team);
                sentence(c, "out.final");
            } else {
                var(c, "team", "%s", f->team);
                sentence(c, "out");
            }
        } else if (f->kind == TL_F_NEXT && f->opponent) {
            use(c, (int)i);
            var(c, "team", "%s", f->team);
            team_var(c, "opponent", f->opponent);
            char key[24];
            snprintf(key, sizeof key, "level.%d", f->position);
            if (f->position == TL_STAGE_FINAL) var(c, "stage", "%s", "final");
            else if (f->position > TL_STAGE_GROUP) part(c, "stage", key);
            else var(c, "stage", "%s", f->stage ? f->stage : "next round");
            date_vars(c, f->date);
            var(c, "at", "%s", "");
            if (f->venue) {
                var(c, "venue", "%s", f->venue);
                part(c, "at", "next.at");
            }
            sentence(c, f->text ? "next.slot" : "next");
            /* what the next opponent has just done ("the first African side
             * to reach a semi-final") */
            for (size_t k = 0; k < c->f->n && !c->rc; k++) {
                const struct tl_fact *ms = &c->f->v[k];
                if (ms->kind != TL_F_MILESTONE || !ms->other_match || !ms->text) continue;
                if (strncmp(ms->text, f->opponent, strlen(f->opponent)) != 0) continue;
                use(c, (int)k);
                var(c, "text", "%s", ms->text);
                sentence(c, "milestone");
            }
        } else if (f->kind == TL_F_TABLE) {
            use(c, (int)i);
            var(c, "team", "%s", f->team);
            var(c, "group", "%s", f->group);
            var(c, "points", "%d", f->points);
            var(c, "points_s", "%s", f->points == 1 ? "" : "s");
            var(c, "played", "%d", f->played);
            var(c, "played_es", "%s", f->played == 1 ? "" : "es");
            char ord[16];
            c->pb->ordinal(f->position, ord, sizeof ord);
            var(c, "position", "%s", ord);
            sentence(c, f->position == 1 && !f->won ? "table.top" : "table");
        }
    }
    (void)r;
}

static void round_results(struct ctx *c)
{
    char list[1000] = "";
    size_t len = 0;
    int n = 0, total = 0, level = -1;
    const char *stage = NULL;
    for (size_t i = 0; i < c->f->n; i++) total += c->f->v[i].kind == TL_F_OTHER && c->f->v[i].side >= 0;
    if (!total) return;
    for (size_t i = 0; i < c->f->n && !c->rc; i++) {
        const struct tl_fact *f = &c->f->v[i];
        if (f->kind != TL_F_OTHER || f->side < 0) continue;
        stage = f->stage;
        level = level_of(f->stage, 0);
        /* each item is a part with its own variables */
        team_var(c, "winner", f->team);
        team_var(c, "loser", f->opponent);
        score_var(c, "score", f->score[0], f->score[1]);
        var(c, "aet", "%s", "");
        if (f->aet) part(c, "aet", "aet");
        if (f->penalty && f->kicks[0] != TL_NONE) var(c, "kicks", "%d-%d", f->kicks[0], f->kicks[1]);
        part(c, "item", f->penalty && f->kicks[0] != TL_NONE ? "other.pens" : "other.win");
        const struct var *v = NULL;
        for (int k = 0; k < c->nvars; k++)
            if (strcmp(c->vars[k].name, "item") == 0) v = &c->vars[k];
        if (!v || !v->value[0]) continue;
        n++;
        const char *and_ = phrase(c, "list.and");
        const char *sep = n == 1 ? "" : n == total && and_ ? and_ : ", ";
        len += (size_t)snprintf(list + len, len < sizeof list ? sizeof list - len : 0, "%s%s",
                                sep, v->value);
        use(c, (int)i);
    }
    if (!n) {
        c->nvars = c->nfacts = 0;
        return;
    }
    var(c, "list", "%s", list);
    char key[24];
    snprintf(key, sizeof key, "levels.%d", level);
    if (level > TL_STAGE_GROUP) part(c, "stage_plural", key);
    else var(c, "stage_plural", "%s", stage ? stage : "");
    c->paragraph = 1;
    sentence(c, "other.intro");
}

static void opening(struct ctx *c, int live)
{
    const struct tl_fact *r = c->res;
    int ri = index_of(c, r);
    int w = r->score[0] > r->score[1] ? 0 : r->score[1] > r->score[0] ? 1 : -1;
    const struct tl_fact *so = find(c, TL_F_SHOOTOUT, NULL);
    if (w < 0 && so) w = so->side;
    const char *winner = w == 1 ? r->opponent : r->team, *loser = w == 1 ? r->team : r->opponent;
    int level = level_of(r->stage, r->group != NULL);
    /* the headline */
    use(c, ri);
    if (so) use(c, index_of(c, so));
    var(c, "home", "%s", r->team);
    var(c, "away", "%s", r->opponent);
    var(c, "winner", "%s", winner);
    var(c, "loser", "%s", loser);
    var(c, "competition", "%s", r->competition ? r->competition : "");
    if (live) var(c, "score", "%d-%d", r->score[0], r->score[1]);
    else score_var(c, "score", r->score[0], r->score[1]);
    const char *hk = live ? "headline.live"
                     : level == TL_STAGE_FINAL && w >= 0 ? "headline.final"
                     : so ? "headline.win_pens"
                     : w < 0 ? "headline.draw"
                             : "headline.win";
    sentence(c, hk);
    if (c->out->n) { /* the headline is not a sentence of the body */
        c->out->headline = c->out->v[--c->out->n];
    }
    /* the opening sentence */
    use(c, ri);
    if (so) use(c, index_of(c, so));
    var(c, "home", "%s", r->team);
    var(c, "away", "%s", r->opponent);
    team_var(c, "winner", winner);
    team_var(c, "loser", loser);
    if (live) var(c, "score", "%d-%d", r->score[0], r->score[1]);
    else score_var(c, "score", r->score[0], r->score[1]);
    var(c, "score_l", "%d-%d", r->score[w == 1 ? 0 : 1], r->score[w == 1 ? 1 : 0]);
    var(c, "aet", "%s", "");
    if (r->aet && !live) part(c, "aet", "aet");
    if (so && so->kicks[0] != TL_NONE)
        var(c, "kicks", "%d-%d", so->kicks[so->side], so->kicks[1 - so->side]);
    stage_vars(c, r);
    date_vars(c, r->date);
    const char *key = live ? "open.live" : so && so->kicks[0] != TL_NONE ? "open.pens"
                                        : w < 0 ? "open.draw" : "open.win";
    /* the side the seed favours: the winners' view or the losers' */
    if (!live && !so && w >= 0 && (mix(c->seed ^ fnv(r->ref)) & 1)) key = "open.loss";
    c->paragraph = 1;
    sentence(c, key);
}

/* set up c for writing from f; TL_EUSAGE without a match to write of */
static tl_rc begin(struct ctx *c, const struct tl_fact_list *f, const struct tl_phrasebook *pb,
                   uint64_t seed, struct tl_report *out)
{
    memset(out, 0, sizeof *out);
    out->lang = pb->lang;
    *c = (struct ctx){.f = f, .pb = pb, .seed = seed, .out = out};
    if (!(c->res = find(c, TL_F_RESULT, NULL))) return TL_EUSAGE;
    if (!(c->epithet_used = tl_calloc(f->n + 1, 1))) return TL_ENOMEM;
    return TL_OK;
}

tl_rc tl_report_write(const struct tl_fact_list *f, const struct tl_phrasebook *pb,
                      uint64_t seed, struct tl_report *out)
{
    struct ctx c;
    tl_rc rc = begin(&c, f, pb, seed, out);
    if (!rc && c.res->score[0] == TL_NONE) rc = TL_EUSAGE; /* nothing played to report */
    if (rc) {
        tl_free(c.epithet_used);
        return rc;
    }
    int live = f->status == TL_STATUS_LIVE;
    opening(&c, live);
    goals(&c);
    if (!live) {
        shootout(&c);
        milestones(&c);
        meaning(&c);
        round_results(&c);
    }
    tl_free(c.epithet_used);
    if (c.rc) tl_report_free(out);
    return c.rc;
}

tl_rc tl_report_preview(const struct tl_fact_list *f, const struct tl_phrasebook *pb,
                        uint64_t seed, struct tl_report *out)
{
    struct ctx c;
    tl_rc rc = begin(&c, f, pb, seed, out);
    if (rc) {
        tl_free(c.epithet_used);
        return rc;
    }
    const struct tl_fact *r = c.res;
    int ri = index_of(&c, r);
    /* headline: "A v B" */
    char h[400];
    snprintf(h, sizeof h, "%s v %s", r->team, r->opponent);
    out->headline.text = tl_strdup(h);
    out->headline.fact[0] = ri;
    out->headline.nfacts = 1;
    use(&c, ri);
    var(&c, "home", "%s", r->team);
    var(&c, "away", "%s", r->opponent);
    stage_vars(&c, r);
    date_vars(&c, r->date);
    c.paragraph = 1;
    sentence(&c, "preview.open");
    for (size_t i = 0; i < f->n && !c.rc; i++) {
        const struct tl_fact *x = &f->v[i];
        if (x->kind == TL_F_FORM) {
            use(&c, (int)i);
            var(&c, "team", "%s", x->team);
            var(&c, "won", "%d", x->won);
            var(&c, "drawn", "%d", x->drawn);
            var(&c, "lost", "%d", x->lost);
            var(&c, "played", "%d", x->played);
            sentence(&c, "preview.form");
        } else if (x->kind == TL_F_H2H) {
            use(&c, (int)i);
            var(&c, "home", "%s", r->team);
            var(&c, "away", "%s", r->opponent);
            var(&c, "won", "%d", x->won);
            var(&c, "drawn", "%d", x->drawn);
            var(&c, "lost", "%d", x->lost);
            var(&c, "played", "%d", x->played);
            var(&c, "played_s", "%s", x->played == 1 ? "" : "s");
            sentence(&c, x->played ? "preview.h2h" : "preview.h2h_none");
        } else if (x->kind == TL_F_ODDS) {
            use(&c, (int)i);
            var(&c, "home", "%s", r->team);
            var(&c, "away", "%s", r->opponent);
            for (int k = 0; k < 3; k++) {
                static const char *const names[] = {"p0", "p1", "p2"};
                var(&c, names[k], "%.0f", 100 * x->p[k]);
            }
            c.paragraph = 1;
            sentence(&c, "preview.odds");
        } else if (x->kind == TL_F_NEXT && x->opponent) {
            use(&c, (int)i);
            team_var(&c, "opponent", x->opponent);
            char key[24];
            snprintf(key, sizeof key, "level.%d", x->position);
            if (x->position > TL_STAGE_GROUP) part(&c, "stage", key);
            else var(&c, "stage", "%s", x->stage ? x->stage : "next round");
            date_vars(&c, x->date);
            sentence(&c, "preview.stake");
        }
    }
    tl_free(c.epithet_used);
    if (c.rc || !out->headline.text) {
        tl_report_free(out);
        return c.rc ? c.rc : TL_ENOMEM;
    }
    return TL_OK;
}
