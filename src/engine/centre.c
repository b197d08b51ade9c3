/* engine/centre.c: the match centre's facts from event data: a timeline
 * with the score after each goal, and each team's numbers. */
#include "touchline/engine.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static const char *const moment_names[TL_MO__COUNT] = {
    "period_start", "period_end", "goal", "penalty_goal", "own_goal", "penalty_missed",
    "yellow", "second_yellow", "red", "substitution", "shootout_kick"};

const char *tl_moment_kind_name(enum tl_moment_kind k)
{
    return (unsigned)k < TL_MO__COUNT ? moment_names[k] : "unknown";
}

void tl_timeline_free(struct tl_timeline *t)
{
    tl_free(t->v);
    memset(t, 0, sizeof *t);
}

static int is(const char *a, const char *b) { return a && strcmp(a, b) == 0; }

int tl_engine_is_shot(const struct tl_action *a) { return is(a->type, "Shot") && a->period < 5; }

/* Append a moment carrying the running score. */
static struct tl_moment *push(struct tl_timeline *t, const struct tl_moment *prev)
{
    if (t->n == t->alloc) {
        size_t na = t->alloc ? t->alloc * 2 : 64;
        struct tl_moment *p = tl_realloc(t->v, na * sizeof *p);
        if (!p) return NULL;
        t->v = p;
        t->alloc = na;
    }
    struct tl_moment *m = &t->v[t->n++];
    memset(m, 0, sizeof *m);
    if (prev) {
        memcpy(m->score, prev->score, sizeof m->score);
        memcpy(m->kicks, prev->kicks, sizeof m->kicks);
        m->kick = prev->kick;
    }
    m->side = -1;
    return m;
}

static const struct tl_moment *last(const struct tl_timeline *t)
{
    return t->n ? &t->v[t->n - 1] : NULL;
}

tl_rc tl_engine_timeline(const struct tl_action_list *l, const char *home, struct tl_timeline *out)
{
    /* the other team's name, for own goals (credited to the side that did not score them) */
    const char *away = NULL;
    for (size_t i = 0; i < l->n && !away; i++)
        if (l->v[i].team && !is(l->v[i].team, home)) away = l->v[i].team;
    int started[6] = {0}, ended[6] = {0};
    for (size_t i = 0; i < l->n; i++) {
        const struct tl_action *a = &l->v[i];
        int side = is(a->team, home) ? 0 : 1;
        enum tl_moment_kind kind;
        const char *how = NULL;
        const char *player = a->player, *other = NULL, *team = a->team;
        if (is(a->type, "Half Start")) {
            if (started[a->period]++) continue; /* one per team in the file */
            kind = TL_MO_PERIOD_START;
        } else if (is(a->type, "Half End")) {
            if (ended[a->period]++) continue;
            kind = TL_MO_PERIOD_END;
        } else if (is(a->type, "Shot")) {
            int scored = is(a->outcome, "Goal"), pen = is(a->subtype, "Penalty");
            if (a->period == 5) {
                kind = TL_MO_KICK;
                how = scored ? "scored" : tl_miss_how(a->outcome, a->end_z);
            } else if (scored) {
                kind = pen ? TL_MO_PENALTY_GOAL : TL_MO_GOAL;
            } else if (pen) {
                kind = TL_MO_PENALTY_MISSED;
                how = tl_miss_how(a->outcome, a->end_z);
            } else {
                continue;
            }
        } else if (is(a->type, "Own Goal Against")) {
            kind = TL_MO_OWN_GOAL;
            side = 1 - side;
            team = side == 0 ? home : away;
        } else if ((is(a->type, "Foul Committed") || is(a->type, "Bad Behaviour")) && a->card) {
            kind = is(a->card, "Yellow Card")     ? TL_MO_YELLOW
                   : is(a->card, "Second Yellow") ? TL_MO_SECOND_YELLOW
                                                  : TL_MO_RED;
        } else if (is(a->type, "Substitution")) {
            kind = TL_MO_SUBSTITUTION;
            player = a->other; /* coming on */
            other = a->player;
        } else {
            continue;
        }
        struct tl_moment *m = push(out, last(out));
        if (!m) return TL_ENOMEM;
        m->kind = kind;
        m->period = a->period;
        m->idx = a->idx;
        if (a->period == 5) m->minute = TL_NONE; /* a shootout has no minutes */
        else tl_written_minute(a->period, a->minute, &m->minute, &m->added);
        if (kind == TL_MO_PERIOD_END && a->period <= 4) {
            /* the end of a period is written as its last minute plus added time */
            tl_written_minute(a->period, a->second == 0 && a->minute > 0 ? a->minute - 1
                                                                          : a->minute,
                              &m->minute, &m->added);
        }
        if (kind != TL_MO_PERIOD_START && kind != TL_MO_PERIOD_END) {
            m->side = side;
            m->team = team;
            m->player = player;
            m->other = other;
            m->how = how;
        }
        if (kind == TL_MO_GOAL || kind == TL_MO_PENALTY_GOAL || kind == TL_MO_OWN_GOAL)
            m->score[side]++;
        if (kind == TL_MO_KICK) {
            m->kick++;
            if (is(how, "scored")) m->kicks[side]++;
        }
    }
    return TL_OK;
}

tl_rc tl_engine_timeline_events(const struct tl_event_list *l, const char *home,
                                struct tl_timeline *out)
{
    static const enum tl_moment_kind map[TL_EV__COUNT] = {
        [TL_EV_GOAL] = TL_MO_GOAL,
        [TL_EV_PENALTY_GOAL] = TL_MO_PENALTY_GOAL,
        [TL_EV_OWN_GOAL] = TL_MO_OWN_GOAL,
        [TL_EV_PENALTY_MISSED] = TL_MO_PENALTY_MISSED,
        [TL_EV_YELLOW] = TL_MO_YELLOW,
        [TL_EV_SECOND_YELLOW] = TL_MO_SECOND_YELLOW,
        [TL_EV_RED] = TL_MO_RED,
        [TL_EV_SUBSTITUTION] = TL_MO_SUBSTITUTION,
        [TL_EV_SHOOTOUT_KICK] = TL_MO_KICK,
    };
    for (size_t i = 0; i < l->n; i++) {
        const struct tl_event *e = &l->v[i];
        if ((unsigned)e->kind >= TL_EV__COUNT) continue;
        struct tl_moment *m = push(out, last(out));
        if (!m) return TL_ENOMEM;
        m->kind = map[e->kind];
        m->period = e->period;
        m->minute = e->minute;
        m->added = e->added;
        m->side = is(e->team, home) ? 0 : 1;
        m->team = e->team;
        m->player = e->player;
        m->other = e->player2;
        m->how = e->outcome;
        if (m->kind == TL_MO_GOAL || m->kind == TL_MO_PENALTY_GOAL || m->kind == TL_MO_OWN_GOAL)
            m->score[m->side]++;
        if (m->kind == TL_MO_KICK) {
            m->kick = e->kick_order > 0 ? e->kick_order : m->kick + 1;
            if (is(e->outcome, "scored")) m->kicks[m->side]++;
        }
    }
    return TL_OK;
}

static int by_time(const void *x, const void *y)
{
    const struct tl_action *a = *(const struct tl_action *const *)x;
    const struct tl_action *b = *(const struct tl_action *const *)y;
    if (a->period != b->period) return a->period - b->period;
    if (a->ms != b->ms) return a->ms < b->ms ? -1 : 1;
    return a->idx - b->idx;
}

/* Time in possession: events in time order (the files' index order has a
 * few events with stray timestamps); the time from one event to the next
 * of the same possession chain counts for the chain's team. The time
 * between chains (the ball out of play, a stoppage) counts for no one. */
static void possession_time(const struct tl_action_list *l, int64_t home_id, int64_t away_id,
                            double held[2])
{
    const struct tl_action **v = tl_malloc((l->n ? l->n : 1) * sizeof *v);
    if (!v) return; /* no memory: possession stays unknown (0) */
    size_t n = 0;
    for (size_t i = 0; i < l->n; i++)
        if (l->v[i].period < 5) v[n++] = &l->v[i];
    qsort(v, n, sizeof *v, by_time);
    for (size_t i = 0; i + 1 < n; i++) {
        const struct tl_action *a = v[i], *b = v[i + 1];
        int side = a->possession_team_id == home_id   ? 0
                   : a->possession_team_id == away_id ? 1
                                                      : -1;
        if (side >= 0 && b->period == a->period && b->possession == a->possession)
            held[side] += b->ms - a->ms;
    }
    tl_free(v);
}

void tl_engine_match_stats(const struct tl_action_list *l, int64_t home_id, int64_t away_id,
                           struct tl_team_stats out[2])
{
    memset(out, 0, 2 * sizeof *out);
    double held[2] = {0, 0};
    possession_time(l, home_id, away_id, held);
    for (size_t i = 0; i < l->n; i++) {
        const struct tl_action *a = &l->v[i];
        if (a->period == 5) continue;
        int side = a->team_id == home_id ? 0 : a->team_id == away_id ? 1 : -1;
        if (side < 0) continue;
        struct tl_team_stats *t = &out[side];
        if (is(a->type, "Pass")) {
            t->passes++;
            if (!a->outcome) t->passes_complete++;
            if (is(a->subtype, "Corner")) t->corners++;
            if (is(a->outcome, "Pass Offside")) t->offsides++;
        } else if (is(a->type, "Shot")) {
            t->shots++;
            if (!isnan(a->xg)) t->xg += a->xg;
            if (is(a->outcome, "Goal")) {
                t->goals++;
                t->shot_goals++;
            }
            if (is(a->outcome, "Goal") || is(a->outcome, "Saved") || is(a->outcome, "Saved To Post"))
                t->on_target++;
        } else if (is(a->type, "Own Goal Against")) {
            out[1 - side].goals++;
        } else if (is(a->type, "Foul Committed")) {
            t->fouls++;
        } else if (is(a->type, "Offside")) {
            t->offsides++;
        }
        if ((is(a->type, "Foul Committed") || is(a->type, "Bad Behaviour")) && a->card) {
            if (is(a->card, "Yellow Card")) t->yellow++;
            else if (is(a->card, "Second Yellow")) {
                t->yellow++;
                t->red++;
            } else t->red++;
        }
    }
    double all = held[0] + held[1];
    if (all > 0) {
        out[0].possession = held[0] / all;
        out[1].possession = held[1] / all;
    }
}
