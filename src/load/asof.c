/* load/asof.c: an edition as it stood at a moment (`--as-of DATETIME`).
 * Each match's clock comes from its live feed when it was entered live
 * (the last item published by then: its score, period and phase), else
 * from its kick-off (local time and UTC offset) and the engine's model of a
 * match's length; a match whose kick-off time is unknown, on the moment's
 * day, cannot be placed and is listed as unknown (not counted). */
#include "load_int.h"

#include "touchline/live.h"

#include <string.h>

/* the clock a feed item shows */
static void feed_clock(const struct tl_live_item *f, struct tl_clock *c)
{
    static const int start[] = {0, 0, 45, 90, 105, 120}, end[] = {0, 45, 90, 105, 120, 120};
    memset(c, 0, sizeof *c);
    int p = f->period < 0 ? 0 : f->period > 5 ? 5 : f->period;
    if (strcmp(f->phase, "before") == 0 || p == 0) c->state = TL_CLOCK_BEFORE;
    else if (strcmp(f->phase, "finished") == 0) c->state = TL_CLOCK_OVER;
    else {
        c->state = TL_CLOCK_PLAYING;
        c->period = p;
        c->interval = strcmp(f->phase, "break") == 0;
        if (f->has_minute) {
            c->minute = f->minute;
            c->added = f->added;
        } else if (c->interval || p == 5) { /* every minute of the period has been played */
            c->minute = end[p];
            c->added = 99;
        } else { /* the period has just begun */
            c->minute = start[p];
            c->added = start[p] ? 99 : 0;
        }
    }
}

static void note(struct tl_asof *out, const struct tl_tmatch *m, const struct tl_clock *c,
                 int from_feed, const char *why)
{
    if (out->n >= TL_ASOF_MAX) {
        out->more++;
        return;
    }
    struct tl_asof_match *a = &out->v[out->n++];
    a->m = m;
    a->clock = *c;
    a->from_feed = from_feed;
    a->why = why;
}

/* a match long over by then (no match lasts four hours) */
#define MATCH_SPAN (4 * 3600)

tl_rc tl_load_edition_at(tl_store *s, struct tl_edition *e, int64_t t, struct tl_asof *out,
                         struct tl_error *err)
{
    memset(out, 0, sizeof *out);
    tl_instant_format(t, out->at);
    char day[11]; /* the moment's UTC date */
    memcpy(day, out->at, 10);
    day[10] = '\0';
    tl_rc rc = TL_OK;
    for (size_t i = 0; i < e->nm && !rc; i++) {
        struct tl_tmatch *m = &e->m[i];
        struct tl_clock c = {.state = TL_CLOCK_OVER};
        int fed = 0, from_feed = 0, score[2];
        char *data = NULL;
        if ((rc = tl_store_feed_at(s, m->id, out->at, &fed, &data, err))) break;
        if (fed) {
            from_feed = 1;
            c.state = TL_CLOCK_BEFORE; /* nothing published by then */
            if (data) {
                struct tl_live_item f;
                rc = tl_live_parse_item(data, strlen(data), &f, err);
                tl_free(data);
                if (rc) break;
                feed_clock(&f, &c);
                score[0] = f.score[0];
                score[1] = f.score[1];
            }
        } else {
            int64_t ko;
            int timed = m->kickoff[0] && m->utc_offset != TL_NONE &&
                        !tl_instant_local(m->date, m->kickoff, m->utc_offset, &ko);
            if (!timed) { /* by its date alone */
                int cmp = strcmp(m->date, day);
                c.state = cmp < 0 ? TL_CLOCK_OVER : cmp > 0 ? TL_CLOCK_BEFORE : TL_CLOCK_UNKNOWN;
            } else if (t < ko) {
                c.state = TL_CLOCK_BEFORE;
            } else if (t - ko < MATCH_SPAN) { /* the model places it */
                struct tl_event_list ev = {0};
                if ((rc = tl_store_match_events(s, m->id, &ev, err))) break;
                tl_engine_clock_model(m, &ev, ko, t, &c);
                const char *why = NULL;
                if (c.state == TL_CLOCK_PLAYING && m->score[0] != TL_NONE &&
                    tl_engine_match_at(m, &ev, &c, NULL)) {
                    c.state = TL_CLOCK_UNKNOWN;
                    why = "its goals do not say when they came: not counted";
                }
                tl_event_list_free(&ev);
                if (c.state == TL_CLOCK_PLAYING) {
                    note(out, m, &c, 0, NULL);
                    continue;
                }
                if (c.state == TL_CLOCK_UNKNOWN) {
                    tl_engine_match_at(m, NULL, &(struct tl_clock){.state = TL_CLOCK_BEFORE}, NULL);
                    note(out, m, &c, 0, why);
                    continue;
                }
            }
            if (c.state == TL_CLOCK_UNKNOWN) {
                tl_engine_match_at(m, NULL, &(struct tl_clock){.state = TL_CLOCK_BEFORE}, NULL);
                note(out, m, &c, 0, "kick-off time unknown: not counted");
                continue;
            }
        }
        if (from_feed && c.state == TL_CLOCK_PLAYING) {
            struct tl_event_list ev = {0};
            if ((rc = tl_store_match_events(s, m->id, &ev, err))) break;
            tl_engine_match_at(m, &ev, &c, score);
            tl_event_list_free(&ev);
            note(out, m, &c, 1, NULL);
        } else {
            tl_engine_match_at(m, NULL, &c, NULL);
        }
    }
    return rc;
}
