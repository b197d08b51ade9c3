/* engine/asof.c: a match as it stood at a moment (`--as-of DATETIME`).
 *
 * The match clock at a moment comes from the live feed when the match was
 * entered live (the feed's own times), else from a model of the kick-off:
 * the first half runs 45 minutes plus the latest stoppage minute recorded
 * in it (a goal at 45+2' makes it at least 47), 15 minutes of half time,
 * the second half likewise, then for a match that went to extra time 5
 * minutes' break and 2 x 15 minutes (plus recorded stoppage), then a
 * shootout of 15 minutes with its break. An event of minute m (45+a) has
 * happened once m (45+a) minutes of its period have been played. The score
 * and fair play points at the clock are counted from the match's events;
 * when they cannot give the final score (a goal without its minute, goals
 * not listed), the match's state at the moment is unknown and said so. */
#include "touchline/engine.h"

#include <string.h>

static int is_goal(enum tl_event_kind k)
{
    return k == TL_EV_GOAL || k == TL_EV_PENALTY_GOAL || k == TL_EV_OWN_GOAL;
}

/* the side an event's team is, -1 neither */
static int side_of(const struct tl_tmatch *m, const char *team)
{
    for (int k = 0; k < 2 && team; k++)
        if ((m->current[k] && strcmp(m->current[k], team) == 0) ||
            (m->name[k] && strcmp(m->name[k], team) == 0))
            return k;
    return -1;
}

/* the latest stoppage minute recorded at the end of the period ending at
 * minute end */
static int stoppage(const struct tl_event_list *ev, int end)
{
    int a = 0;
    for (size_t i = 0; i < ev->n; i++)
        if (ev->v[i].minute == end && ev->v[i].added > a) a = ev->v[i].added;
    return a;
}

void tl_engine_clock_model(const struct tl_tmatch *m, const struct tl_event_list *ev, int64_t ko,
                           int64_t t, struct tl_clock *c)
{
    memset(c, 0, sizeof *c);
    if (t < ko) {
        c->state = TL_CLOCK_BEFORE;
        return;
    }
    long r = (long)((t - ko) / 60); /* whole minutes since kick-off */
    static const int start[] = {0, 45, 90, 105}, len[] = {45, 45, 15, 15}, brk[] = {15, 5, 0, 0};
    int periods = m->aet ? 4 : 2;
    long at = 0;
    for (int p = 0; p < periods; p++) {
        int a = stoppage(ev, start[p] + len[p]);
        if (r < at + len[p] + a) { /* in this period */
            long played = r - at;
            c->state = TL_CLOCK_PLAYING;
            c->period = p + 1;
            c->minute = (int)(played <= len[p] ? start[p] + played : start[p] + len[p]);
            c->added = (int)(played <= len[p] ? 0 : played - len[p]);
            return;
        }
        at += len[p] + a;
        if (p + 1 < periods && r < at + brk[p]) { /* the break after it */
            c->state = TL_CLOCK_PLAYING;
            c->period = p + 1;
            c->minute = start[p] + len[p];
            c->added = a;
            c->interval = 1;
            return;
        }
        at += p + 1 < periods ? brk[p] : 0;
    }
    int shootout = m->so[0] != TL_NONE || m->so_winner;
    if (shootout && r < at + 15) {
        c->state = TL_CLOCK_PLAYING;
        c->period = 5;
        c->minute = 120;
        c->added = stoppage(ev, 120);
        return;
    }
    c->state = TL_CLOCK_OVER;
}

/* (minute, added) reached by the clock */
static int happened(const struct tl_event *e, const struct tl_clock *c)
{
    if (e->kind == TL_EV_SHOOTOUT_KICK || e->period == 5) return 0; /* after the clock's end */
    return e->minute < c->minute || (e->minute == c->minute && e->added <= c->added);
}

int tl_engine_match_at(struct tl_tmatch *m, const struct tl_event_list *ev, const struct tl_clock *c,
                       const int *score)
{
    if (c->state == TL_CLOCK_OVER) return 0;
    if (c->state == TL_CLOCK_BEFORE) {
        m->score[0] = m->score[1] = TL_NONE;
        m->so[0] = m->so[1] = TL_NONE;
        m->so_winner = 0;
        m->aet = 0;
        m->fair[0] = m->fair[1] = 0;
        m->status = TL_STATUS_SCHEDULED;
        return 0;
    }
    if (c->state != TL_CLOCK_PLAYING) return -1;
    int goals[2] = {0, 0}, all[2] = {0, 0};
    /* cards per player, as the fair play points count them */
    struct {
        const char *player;
        int side, y, y2, r;
    } cards[64];
    int nc = 0;
    for (size_t i = 0; i < ev->n; i++) {
        const struct tl_event *e = &ev->v[i];
        int side = side_of(m, e->team);
        if (side < 0) continue;
        if (is_goal(e->kind)) {
            if (e->minute == TL_NONE) return -1; /* when it came is unknown */
            all[side]++;
            if (happened(e, c)) goals[side]++;
        } else if ((e->kind == TL_EV_YELLOW || e->kind == TL_EV_SECOND_YELLOW ||
                    e->kind == TL_EV_RED) &&
                   e->minute != TL_NONE && happened(e, c)) {
            int k = 0;
            while (k < nc && !(cards[k].side == side && cards[k].player && e->player &&
                               strcmp(cards[k].player, e->player) == 0))
                k++;
            if (k == nc) {
                if (nc == (int)(sizeof cards / sizeof cards[0])) continue;
                cards[nc].player = e->player;
                cards[nc].side = side;
                cards[nc].y = cards[nc].y2 = cards[nc].r = 0;
                nc++;
            }
            cards[k].y += e->kind == TL_EV_YELLOW;
            cards[k].y2 += e->kind == TL_EV_SECOND_YELLOW;
            cards[k].r += e->kind == TL_EV_RED;
        }
    }
    if (score) { /* the live feed's score at the moment */
        goals[0] = score[0];
        goals[1] = score[1];
    } else if (all[0] != m->score[0] || all[1] != m->score[1]) {
        return -1; /* the goals listed do not make the score */
    }
    m->score[0] = goals[0];
    m->score[1] = goals[1];
    m->aet = c->period >= 3;
    m->so[0] = m->so[1] = TL_NONE;
    m->so_winner = 0;
    if (m->cards_known) {
        m->fair[0] = m->fair[1] = 0;
        for (int k = 0; k < nc; k++)
            m->fair[cards[k].side] += tl_fair_points(cards[k].y, cards[k].y2, cards[k].r);
    }
    m->status = TL_STATUS_LIVE;
    return 0;
}
