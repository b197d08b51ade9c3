/* load/facts.c: everything the data says about one match that a report or
 * a preview may tell, as facts, each with what it rests on: the result,
 * goals (and how, from event data), penalties missed, sendings-off, the
 * shootout, what the result means (the next match, going out, the table),
 * the match's milestones, the history of the teams in the competition
 * (holders, titles, last runners-up) and the other results of the round. */
#include "load_int.h"

#include "touchline/engine.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct fx {
    tl_store *s;
    struct tl_fact_list *out;
    struct tl_error *err;
    tl_rc rc;
    int milestones_fresh; /* the stored milestones checked against the data once */
};

static struct tl_fact *add(struct fx *x, enum tl_fact_kind k)
{
    if (x->rc) return NULL;
    struct tl_fact *f = tl_fact_add(x->out, k);
    if (!f) x->rc = tl_err(x->err, TL_ENOMEM, "out of memory");
    return f;
}

/* a copy of s into *dst (NULL stays NULL) */
static void set(struct fx *x, char **dst, const char *s)
{
    if (x->rc || !s) return;
    if (!(*dst = tl_strdup(s))) x->rc = tl_err(x->err, TL_ENOMEM, "out of memory");
}

static void set_source(struct fx *x, struct tl_fact *f, const char *file, long line)
{
    if (!file) return;
    char buf[320];
    if (line > 0) snprintf(buf, sizeof buf, "%s:%ld", tl_source_name(file), line);
    else snprintf(buf, sizeof buf, "%s", tl_source_name(file));
    set(x, &f->source, buf);
}

/* ---- the match itself ---- */

static void result(struct fx *x, const struct tl_match *m)
{
    struct tl_fact *f = add(x, TL_F_RESULT);
    if (!f) return;
    snprintf(f->ref, sizeof f->ref, "match %lld", (long long)m->id);
    set_source(x, f, m->source_file, m->source_line);
    set(x, &f->team, m->home);
    set(x, &f->opponent, m->away);
    set(x, &f->competition, m->tournament);
    set(x, &f->stage, m->stage);
    set(x, &f->group, m->group);
    set(x, &f->venue, m->venue);
    set(x, &f->city, m->city);
    memcpy(f->date, m->date, sizeof f->date);
    f->score[0] = m->score_home;
    f->score[1] = m->score_away;
    f->aet = m->aet_home != TL_NONE;
    f->kicks[0] = m->so_home;
    f->kicks[1] = m->so_away;
    if (m->so_winner) {
        struct tl_fact *s = add(x, TL_F_SHOOTOUT);
        if (!s) return;
        snprintf(s->ref, sizeof s->ref, "match %lld", (long long)m->id);
        set_source(x, s, m->source_file, m->source_line);
        set(x, &s->team, m->so_winner);
        set(x, &s->opponent, strcmp(m->so_winner, m->home) ? m->home : m->away);
        s->side = strcmp(m->so_winner, m->home) ? 1 : 0;
        s->kicks[0] = m->so_home;
        s->kicks[1] = m->so_away;
        set(x, &s->text, m->so_first); /* who kicked first, when known */
        memcpy(s->date, m->date, sizeof s->date);
    }
}

/* the action at index idx (event data), or NULL */
static const struct tl_action *action(const struct tl_action_list *a, int idx)
{
    for (size_t i = 0; i < a->n; i++)
        if (a->v[i].idx == idx) return &a->v[i];
    return NULL;
}

/* the goalkeeper who dealt with the shot at idx: the next Goal Keeper
 * event of the other team */
static const char *keeper_after(const struct tl_action_list *a, int idx, int64_t shooter_team)
{
    for (size_t i = 0; i < a->n; i++) {
        const struct tl_action *x = &a->v[i];
        if (x->idx <= idx || x->idx > idx + 4) continue;
        if (x->type && strcmp(x->type, "Goal Keeper") == 0 && x->team_id != shooter_team)
            return x->player;
    }
    return NULL;
}

/* goals, missed penalties and red cards from the match's event data */
static void from_actions(struct fx *x, const struct tl_match *m, const struct tl_action_list *a)
{
    struct tl_timeline t = {0};
    if (tl_engine_timeline(a, m->home, &t)) {
        x->rc = tl_err(x->err, TL_ENOMEM, "out of memory");
        return;
    }
    for (size_t i = 0; i < t.n && !x->rc; i++) {
        const struct tl_moment *mo = &t.v[i];
        enum tl_fact_kind k;
        switch (mo->kind) {
        case TL_MO_GOAL:
        case TL_MO_PENALTY_GOAL:
        case TL_MO_OWN_GOAL: k = TL_F_GOAL; break;
        case TL_MO_PENALTY_MISSED: k = TL_F_PEN_MISS; break;
        case TL_MO_RED:
        case TL_MO_SECOND_YELLOW: k = TL_F_RED; break;
        default: continue;
        }
        struct tl_fact *f = add(x, k);
        if (!f) break;
        snprintf(f->ref, sizeof f->ref, "event #%d", mo->idx);
        set_source(x, f, a->source_file, 0);
        f->side = mo->side;
        set(x, &f->team, mo->team);
        set(x, &f->opponent, mo->side == 0 ? m->away : m->home);
        set(x, &f->player, mo->player);
        f->minute = mo->minute;
        f->added = mo->added;
        f->score[0] = mo->score[0];
        f->score[1] = mo->score[1];
        f->penalty = mo->kind == TL_MO_PENALTY_GOAL || mo->kind == TL_MO_PENALTY_MISSED;
        f->own_goal = mo->kind == TL_MO_OWN_GOAL;
        f->second_yellow = mo->kind == TL_MO_SECOND_YELLOW;
        set(x, &f->how, mo->how);
        const struct tl_action *s = action(a, mo->idx);
        if (s && k == TL_F_GOAL && !f->penalty && !f->own_goal) {
            f->header = s->body_part && strcmp(s->body_part, "Head") == 0;
            /* the penalty area: 18 yards deep, from y 18 to 62 */
            f->outside_box = !isnan(s->x) && (s->x < 102 || s->y < 18 || s->y > 62);
        }
        if (s && k == TL_F_PEN_MISS && mo->how && strcmp(mo->how, "saved") == 0)
            set(x, &f->keeper, keeper_after(a, mo->idx, s->team_id));
    }
    tl_timeline_free(&t);
}

/* the same from the stored events of other sources */
static void from_events(struct fx *x, const struct tl_match *m, const struct tl_event_list *e)
{
    int score[2] = {0, 0};
    for (size_t i = 0; i < e->n && !x->rc; i++) {
        const struct tl_event *v = &e->v[i];
        int side = v->team && strcmp(v->team, m->home) == 0 ? 0 : 1;
        enum tl_fact_kind k;
        switch (v->kind) {
        case TL_EV_GOAL:
        case TL_EV_PENALTY_GOAL:
        case TL_EV_OWN_GOAL: k = TL_F_GOAL; break;
        case TL_EV_PENALTY_MISSED: k = TL_F_PEN_MISS; break;
        case TL_EV_RED:
        case TL_EV_SECOND_YELLOW: k = TL_F_RED; break;
        default: continue;
        }
        struct tl_fact *f = add(x, k);
        if (!f) break;
        if (k == TL_F_GOAL) score[side]++;
        snprintf(f->ref, sizeof f->ref, "event %lld", (long long)v->id);
        set_source(x, f, v->source_file, v->source_line);
        f->side = side;
        set(x, &f->team, v->team);
        set(x, &f->opponent, side == 0 ? m->away : m->home);
        set(x, &f->player, v->player);
        f->minute = v->minute;
        f->added = v->added;
        f->score[0] = score[0];
        f->score[1] = score[1];
        f->penalty = v->kind == TL_EV_PENALTY_GOAL || v->kind == TL_EV_PENALTY_MISSED;
        f->own_goal = v->kind == TL_EV_OWN_GOAL;
        f->second_yellow = v->kind == TL_EV_SECOND_YELLOW;
        set(x, &f->how, v->outcome);
    }
}

/* ---- what the result means, from the edition ---- */

static int winner_side(const struct tl_match *m)
{
    if (m->score_home == TL_NONE) return -1;
    if (m->score_home != m->score_away) return m->score_home > m->score_away ? 0 : 1;
    if (m->so_winner) return strcmp(m->so_winner, m->home) == 0 ? 0 : 1;
    return -1;
}

/* the match index of id in e, or -1 */
static int index_of(const struct tl_edition *e, int64_t id)
{
    for (size_t i = 0; i < e->nm; i++)
        if (e->m[i].id == id) return (int)i;
    return -1;
}

static void next_or_out(struct fx *x, const struct tl_match *m, const struct tl_edition *e, int mi,
                        const struct tl_standings *const *tabs)
{
    int w = winner_side(m);
    if (w < 0 || e->m[mi].group >= 0) return;
    const struct tl_tmatch *me = &e->m[mi];
    int level = tl_engine_match_level(e, (size_t)mi);
    int third = me->stage && (strstr(me->stage, "hird") || strstr(me->stage, "3rd"));
    /* the loser goes out (a third-place match ends it for both) */
    struct tl_fact *f = add(x, TL_F_OUT);
    if (!f) return;
    snprintf(f->ref, sizeof f->ref, "match %lld", (long long)m->id);
    set(x, &f->team, w ? m->home : m->away);
    set(x, &f->opponent, w ? m->away : m->home);
    set(x, &f->stage, me->stage);
    set(x, &f->competition, m->tournament);
    f->side = 1 - w;
    f->position = level;
    if (level == TL_STAGE_FINAL || third) return;
    /* the winner's next match: the first later match of the edition with
     * the team in it, or with the slot this match's winner fills */
    char slot[16] = "";
    if (me->match_no) snprintf(slot, sizeof slot, "W%d", me->match_no);
    int64_t winner = me->team[w];
    for (size_t i = 0; i < e->nm; i++) {
        const struct tl_tmatch *n = &e->m[i];
        if (strcmp(n->date, me->date) <= 0 || (int)i == mi) continue;
        int side = -1;
        for (int s = 0; s < 2; s++)
            if ((winner && n->team[s] == winner) ||
                (!n->team[s] && slot[0] && n->name[s] && strcmp(n->name[s], slot) == 0))
                side = s;
        if (side < 0) continue;
        struct tl_fact *nx = add(x, TL_F_NEXT);
        if (!nx) return;
        snprintf(nx->ref, sizeof nx->ref, "match %lld", (long long)n->id);
        set(x, &nx->team, w ? m->away : m->home);
        /* the opponent: a team, a slot resolved by now, or the slot */
        const char *opp = n->team[1 - side] ? (n->current[1 - side] ? n->current[1 - side]
                                                                    : n->name[1 - side])
                                            : tl_engine_match_slot(e, tabs, n, 1 - side);
        set(x, &nx->opponent, opp ? opp : n->name[1 - side]);
        if (!opp) set(x, &nx->text, n->name[1 - side]); /* unresolved: the slot */
        set(x, &nx->stage, n->stage);
        set(x, &nx->venue, n->venue);
        set(x, &nx->city, n->city);
        memcpy(nx->date, n->date, sizeof nx->date);
        nx->side = w;
        nx->position = tl_engine_match_level(e, i);
        return;
    }
}

static void table(struct fx *x, const struct tl_match *m, const struct tl_edition *e, int mi)
{
    int g = e->m[mi].group;
    if (g < 0) return;
    struct tl_rules r;
    const char *name;
    struct tl_standings t;
    if (tl_rules_for(e, e->g[g].round, &r, &name, x->err) ||
        tl_engine_group_table(&r, e, g, m->date, &t))
        return; /* no table: nothing to say */
    for (int side = 0; side < 2; side++)
        for (int i = 0; i < t.n; i++) {
            if (t.row[i].team_id != e->m[mi].team[side]) continue;
            struct tl_fact *f = add(x, TL_F_TABLE);
            if (!f) return;
            snprintf(f->ref, sizeof f->ref, "table %s", e->g[g].name);
            set(x, &f->team, side ? m->away : m->home);
            set(x, &f->group, e->g[g].name);
            f->side = side;
            f->position = t.row[i].position;
            f->points = t.row[i].points;
            f->played = t.row[i].played;
            f->count = t.n;
            f->aet = t.unplayed == 0; /* the group is complete */
            f->won = t.row[i].level;  /* level with the team above after every rule */
            memcpy(f->date, m->date, sizeof f->date);
        }
}

static void others(struct fx *x, const struct tl_match *m, const struct tl_edition *e, int mi)
{
    const struct tl_tmatch *me = &e->m[mi];
    if (me->group >= 0 || !me->stage) return; /* group rounds: the table says it */
    for (size_t i = 0; i < e->nm; i++) {
        const struct tl_tmatch *o = &e->m[i];
        if ((int)i == mi || !o->stage || strcmp(o->stage, me->stage) != 0) continue;
        if (o->score[0] == TL_NONE || strcmp(o->date, m->date) > 0) continue;
        int w = tl_engine_winner(o);
        struct tl_fact *f = add(x, TL_F_OTHER);
        if (!f) return;
        snprintf(f->ref, sizeof f->ref, "match %lld", (long long)o->id);
        int ws = w < 0 ? 0 : w;
        set(x, &f->team, o->current[ws] ? o->current[ws] : o->name[ws]);
        set(x, &f->opponent, o->current[1 - ws] ? o->current[1 - ws] : o->name[1 - ws]);
        set(x, &f->stage, o->stage);
        memcpy(f->date, o->date, sizeof f->date);
        f->side = w;
        f->score[0] = o->score[ws];
        f->score[1] = o->score[1 - ws];
        f->aet = o->aet;
        f->kicks[0] = o->so[ws];
        f->kicks[1] = o->so[1 - ws];
        f->penalty = o->score[0] == o->score[1] && w >= 0; /* won on penalties */
    }
}

/* holders, titles and the last runners-up, from the earlier editions */
static void history(struct fx *x, const struct tl_match *m, int64_t comp, const struct tl_edition *e)
{
    struct tl_name_list eds = {0};
    if (tl_store_editions(x->s, comp, &eds, x->err)) {
        x->rc = x->err->rc;
        return;
    }
    /* the teams whose history matters: this match's and the round's */
    int64_t ids[64];
    const char *names[64];
    int nids = 0;
    int mi = index_of(e, m->id);
    for (size_t i = 0; mi >= 0 && i < e->nm && nids < 62; i++) {
        const struct tl_tmatch *o = &e->m[i];
        int same = (int)i == mi || (o->stage && e->m[mi].stage && e->m[mi].group < 0 &&
                                    strcmp(o->stage, e->m[mi].stage) == 0);
        if (!same) continue;
        for (int s = 0; s < 2; s++)
            if (o->team[s]) {
                ids[nids] = o->team[s];
                names[nids++] = o->current[s] ? o->current[s] : o->name[s];
            }
    }
    int titles[64] = {0};
    int64_t last_winner = 0, last_runner = 0;
    const char *last_edition = NULL;
    for (size_t k = 0; k < eds.n && !x->rc; k++) {
        if (atoi(eds.v[k].name) >= e->year) continue;
        struct tl_edition p;
        if (tl_store_edition_matches(x->s, comp, eds.v[k].name, &p, x->err)) {
            x->rc = x->err->rc;
            break;
        }
        struct tl_standings *tab = tl_calloc(p.ng ? p.ng : 1, sizeof *tab);
        const struct tl_standings **ptr = tl_calloc(p.ng ? p.ng : 1, sizeof *ptr);
        struct tl_outcome o;
        if (!tab || !ptr) x->rc = tl_err(x->err, TL_ENOMEM, "out of memory");
        else if (!tl_engine_edition_tables(&p, NULL, tab, ptr, x->err)) {
            tl_engine_outcome(&p, ptr, &o);
            if (o.decided) {
                for (int i = 0; i < nids; i++) titles[i] += ids[i] == o.winner_id;
                last_winner = o.winner_id;
                last_runner = o.runner_up_id;
                last_edition = eds.v[k].name;
            }
        }
        tl_free(tab);
        tl_free(ptr);
        tl_edition_free(&p);
    }
    for (int i = 0; i < nids && !x->rc; i++) {
        int seen = 0;
        for (int j = 0; j < i; j++) seen |= ids[j] == ids[i];
        if (seen) continue;
        if (ids[i] == last_winner) {
            struct tl_fact *f = add(x, TL_F_HOLDERS);
            if (!f) break;
            snprintf(f->ref, sizeof f->ref, "edition %s", last_edition);
            set(x, &f->team, names[i]);
            set(x, &f->competition, m->tournament);
            f->year = atoi(last_edition);
        }
        if (ids[i] == last_runner && last_runner) {
            struct tl_fact *f = add(x, TL_F_RUNNERS_UP);
            if (!f) break;
            snprintf(f->ref, sizeof f->ref, "edition %s", last_edition);
            set(x, &f->team, names[i]);
            set(x, &f->competition, m->tournament);
            f->year = atoi(last_edition);
        }
        if (titles[i] >= 2) {
            struct tl_fact *f = add(x, TL_F_TITLES);
            if (!f) break;
            snprintf(f->ref, sizeof f->ref, "editions before %d", e->year);
            set(x, &f->team, names[i]);
            set(x, &f->competition, m->tournament);
            f->count = titles[i];
        }
    }
    tl_name_list_free(&eds);
}

/* the milestones of match id; of another match of the round (firsts
 * only: "the first African side to reach a semi-final") when other is set */
static void milestones(struct fx *x, int64_t id, int other)
{
    long found;
    if (!x->milestones_fresh && tl_load_milestones(x->s, 0, &found, x->err)) {
        x->rc = x->err->rc;
        return;
    }
    x->milestones_fresh = 1;
    struct tl_ms_filter f = {.match_id = id};
    struct tl_milestone_list l = {0};
    if (tl_store_milestones(x->s, &f, &l, x->err)) x->rc = x->err->rc;
    for (size_t i = 0; i < l.n && !x->rc; i++) {
        const struct tl_milestone *ms = &l.v[i];
        /* first goals and every 5th tournament goal are many: the telling kinds */
        if (ms->kind == TL_MS_NTH_GOAL && ms->value < 10) continue;
        if (ms->kind == TL_MS_COMPETITION_GOAL) continue;
        if (other && ms->kind != TL_MS_CONFED_FIRST_STAGE) continue;
        struct tl_fact *fa = add(x, TL_F_MILESTONE);
        if (!fa) break;
        snprintf(fa->ref, sizeof fa->ref, "milestone %s", tl_ms_kind_name(ms->kind));
        set(x, &fa->source, ms->rests_on);
        set(x, &fa->text, ms->text);
        set(x, &fa->how, ms->coverage);
        fa->count = ms->value;
        fa->position = (int)ms->kind;
        fa->other_match = other;
        memcpy(fa->date, ms->date, sizeof fa->date);
    }
    tl_milestone_list_free(&l);
}

/* the match of id into ml (one row); TL_ENOTFOUND when there is none */
static tl_rc one_match(tl_store *s, int64_t id, struct tl_match_list *ml, struct tl_error *err)
{
    struct tl_match_filter mf = {.match_id = id};
    if (tl_store_matches(s, &mf, ml, err)) return err->rc;
    if (ml->n) return TL_OK;
    tl_match_list_free(ml);
    return tl_err(err, TL_ENOTFOUND, "no match %lld", (long long)id);
}

tl_rc tl_load_match_facts(tl_store *s, int64_t match_id, struct tl_fact_list *out,
                          struct tl_error *err)
{
    struct fx x = {.s = s, .out = out, .err = err};
    struct tl_match_list ml = {0};
    tl_rc rc = one_match(s, match_id, &ml, err);
    if (rc) return rc;
    const struct tl_match *m = &ml.v[0];
    out->status = m->status;
    result(&x, m);
    /* goals and the rest: event data first, else the stored events */
    struct tl_action_list a = {0};
    struct tl_event_list ev = {0};
    if (!x.rc && tl_store_actions(s, m->id, &a, err)) x.rc = err->rc;
    if (!x.rc && a.n) from_actions(&x, m, &a);
    else if (!x.rc) {
        if (tl_store_match_events(s, m->id, &ev, err)) x.rc = err->rc;
        else from_events(&x, m, &ev);
    }
    tl_action_list_free(&a);
    tl_event_list_free(&ev);
    /* the edition: what it means, the round, history */
    struct tl_edition e = {0};
    int64_t comp = 0;
    if (!x.rc && m->edition && m->tournament) {
        struct tl_name_list comps = {0};
        if (tl_store_competition_names(s, &comps, err)) x.rc = err->rc;
        for (size_t i = 0; !x.rc && i < comps.n; i++)
            if (strcmp(comps.v[i].name, m->tournament) == 0) comp = comps.v[i].team_id;
        tl_name_list_free(&comps);
        if (!x.rc && comp && tl_store_edition_matches(s, comp, m->edition, &e, err)) {
            x.rc = err->rc;
            comp = 0;
        }
    }
    int mi = comp ? index_of(&e, m->id) : -1;
    if (!x.rc && mi >= 0) {
        struct tl_standings *tab = tl_calloc(e.ng ? e.ng : 1, sizeof *tab);
        const struct tl_standings **ptr = tl_calloc(e.ng ? e.ng : 1, sizeof *ptr);
        if (!tab || !ptr) x.rc = tl_err(err, TL_ENOMEM, "out of memory");
        else if (tl_engine_edition_tables(&e, m->date, tab, ptr, err)) x.rc = err->rc;
        if (!x.rc) next_or_out(&x, m, &e, mi, ptr);
        tl_free(tab);
        tl_free(ptr);
        if (!x.rc) table(&x, m, &e, mi);
        if (!x.rc) others(&x, m, &e, mi);
        if (!x.rc) history(&x, m, comp, &e);
    }
    if (!x.rc && m->status == TL_STATUS_FINISHED) {
        milestones(&x, m->id, 0);
        size_t n = out->n;
        for (size_t i = 0; i < n && !x.rc; i++) /* the round's firsts */
            if (out->v[i].kind == TL_F_OTHER)
                milestones(&x, strtoll(out->v[i].ref + 6, NULL, 10), 1);
    }
    tl_edition_free(&e);
    tl_match_list_free(&ml);
    return x.rc;
}

/* ---- previews ---- */

static void form(struct fx *x, const struct tl_match *m, int64_t team, const char *name)
{
    char eve[11];
    if (tl_date_add(m->date, -1, eve) < 0) return;
    struct tl_match_list l = {0};
    struct tl_match_filter f = {.team_id = team, .to = eve, .played_only = 1, .newest_first = 1,
                                .limit = 5};
    if (tl_store_matches(x->s, &f, &l, x->err)) {
        x->rc = x->err->rc;
        return;
    }
    struct tl_fact *fa = add(x, TL_F_FORM);
    if (fa) {
        snprintf(fa->ref, sizeof fa->ref, "matches of %s to %s", name, eve);
        set(x, &fa->team, name);
        for (size_t i = 0; i < l.n; i++) {
            int gf, ga;
            tl_engine_goals(&l.v[i], team, &gf, &ga);
            fa->won += gf > ga;
            fa->drawn += gf == ga;
            fa->lost += gf < ga;
        }
        fa->played = (int)l.n;
        if (l.n) memcpy(fa->date, l.v[0].date, sizeof fa->date);
    }
    tl_match_list_free(&l);
}

static void head_to_head(struct fx *x, const struct tl_match *m)
{
    char eve[11];
    if (tl_date_add(m->date, -1, eve) < 0) return;
    struct tl_match_list l = {0};
    struct tl_match_filter f = {.team_id = m->home_id, .vs_id = m->away_id, .to = eve,
                                .played_only = 1};
    if (tl_store_matches(x->s, &f, &l, x->err)) {
        x->rc = x->err->rc;
        return;
    }
    struct tl_fact *fa = add(x, TL_F_H2H);
    if (fa) {
        snprintf(fa->ref, sizeof fa->ref, "meetings to %s", eve);
        set(x, &fa->team, m->home);
        set(x, &fa->opponent, m->away);
        for (size_t i = 0; i < l.n; i++) {
            int gf, ga;
            tl_engine_goals(&l.v[i], m->home_id, &gf, &ga);
            fa->won += gf > ga;
            fa->drawn += gf == ga;
            fa->lost += gf < ga;
        }
        fa->played = (int)l.n;
    }
    tl_match_list_free(&l);
}

static void odds(struct fx *x, const struct tl_match *m)
{
    struct tl_elo_update u;
    if (tl_load_elo(x->s, 0, &u, x->err)) {
        x->rc = x->err->rc;
        return;
    }
    char eve[11];
    if (tl_date_add(m->date, -1, eve) < 0) return;
    struct tl_rating_list l = {0};
    int64_t ids[2] = {m->home_id, m->away_id};
    if (tl_store_elo_before(x->s, ids, 2, m->date, &l, x->err)) {
        x->rc = x->err->rc;
        tl_rating_list_free(&l);
        return;
    }
    double r[2] = {TL_ELO_START, TL_ELO_START};
    for (size_t i = 0; i < l.n; i++) r[l.v[i].team_id == m->away_id] = l.v[i].rating;
    tl_rating_list_free(&l);
    struct tl_goal_model gm;
    tl_goal_model_init(&gm, r[0] - r[1] + (m->neutral ? 0 : TL_ELO_HOME), TL_FORECAST_MU);
    struct tl_fact *fa = add(x, TL_F_ODDS);
    if (!fa) return;
    snprintf(fa->ref, sizeof fa->ref, "elo to %s", eve);
    set(x, &fa->team, m->home);
    set(x, &fa->opponent, m->away);
    tl_goal_model_probs(&gm, fa->p);
    fa->points = (int)(r[0] + 0.5); /* the ratings, for what the probabilities rest on */
    fa->played = (int)(r[1] + 0.5);
}

/* a knockout match to come: who the winner meets next */
static void stake(struct fx *x, const struct tl_edition *e, int mi,
                  const struct tl_standings *const *tabs)
{
    const struct tl_tmatch *me = &e->m[mi];
    if (me->group >= 0 || !me->match_no) return;
    char slot[16];
    snprintf(slot, sizeof slot, "W%d", me->match_no);
    for (size_t i = 0; i < e->nm; i++) {
        const struct tl_tmatch *n = &e->m[i];
        for (int s = 0; s < 2; s++) {
            if (n->team[s] || !n->name[s] || strcmp(n->name[s], slot) != 0) continue;
            const char *opp = n->team[1 - s] ? (n->current[1 - s] ? n->current[1 - s] : n->name[1 - s])
                                             : tl_engine_match_slot(e, tabs, n, 1 - s);
            if (!opp) return; /* not known yet: nothing to say */
            struct tl_fact *f = add(x, TL_F_NEXT);
            if (!f) return;
            snprintf(f->ref, sizeof f->ref, "match %lld", (long long)n->id);
            set(x, &f->opponent, opp);
            set(x, &f->stage, n->stage);
            memcpy(f->date, n->date, sizeof f->date);
            f->position = tl_engine_match_level(e, i);
            return;
        }
    }
}

tl_rc tl_load_preview_facts(tl_store *s, int64_t match_id, struct tl_fact_list *out,
                            struct tl_error *err)
{
    struct fx x = {.s = s, .out = out, .err = err};
    struct tl_match_list ml = {0};
    tl_rc rc = one_match(s, match_id, &ml, err);
    if (rc) return rc;
    const struct tl_match *m = &ml.v[0];
    out->status = m->status;
    result(&x, m); /* no score yet: the match, its stage, venue and date */
    if (m->home_id && m->away_id) {
        form(&x, m, m->home_id, m->home);
        form(&x, m, m->away_id, m->away);
        head_to_head(&x, m);
        if (!x.rc) odds(&x, m);
    }
    if (!x.rc && m->edition && m->tournament) {
        int64_t comp = 0;
        struct tl_name_list comps = {0};
        struct tl_edition e = {0};
        if (tl_store_competition_names(s, &comps, err)) x.rc = err->rc;
        for (size_t i = 0; !x.rc && i < comps.n; i++)
            if (strcmp(comps.v[i].name, m->tournament) == 0) comp = comps.v[i].team_id;
        tl_name_list_free(&comps);
        if (!x.rc && comp && !tl_store_edition_matches(s, comp, m->edition, &e, err)) {
            int mi = index_of(&e, m->id);
            struct tl_standings *tab = tl_calloc(e.ng ? e.ng : 1, sizeof *tab);
            const struct tl_standings **ptr = tl_calloc(e.ng ? e.ng : 1, sizeof *ptr);
            if (!tab || !ptr) x.rc = tl_err(err, TL_ENOMEM, "out of memory");
            else if (mi >= 0 && !tl_engine_edition_tables(&e, NULL, tab, ptr, err))
                stake(&x, &e, mi, ptr);
            if (!x.rc && mi >= 0) history(&x, m, comp, &e);
            tl_free(tab);
            tl_free(ptr);
        } else if (!x.rc && comp) {
            x.rc = err->rc;
        }
        tl_edition_free(&e);
    }
    tl_match_list_free(&ml);
    return x.rc;
}
