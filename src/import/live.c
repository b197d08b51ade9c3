/* import/live.c: the live API's bodies (see live.h). Strict: a member the
 * type does not know is an error, so a typo ("minit") is reported, not
 * dropped. */
#include "touchline/live.h"

#include "touchline/json.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

static const char *const kinds[TL_LIVE__COUNT] = {"goal", "penalty_missed", "card",
                                                  "substitution", "shootout_kick", "status"};
static const char *const statuses[TL_LS__COUNT] = {"kickoff",    "halftime", "second_half",
                                                   "extra_time", "shootout", "fulltime"};

const char *tl_live_kind_name(enum tl_live_kind k)
{
    return (unsigned)k < TL_LIVE__COUNT ? kinds[k] : "?";
}

const char *tl_live_status_name(enum tl_live_status s)
{
    return (unsigned)s < TL_LS__COUNT ? statuses[s] : "?";
}

/* the current string into out (UTF-8 checked by the reader), or an error */
static tl_rc str(struct tl_jreader *r, struct tl_error *err, char *out, size_t cap)
{
    if (r->tok != TL_J_STR) return tl_jexpected(r, err, "a string");
    if (r->n == 0 || r->n >= cap) return tl_jexpected(r, err, "a non-empty string of fewer than 128 bytes");
    memcpy(out, r->s, r->n);
    out[r->n] = 0;
    return TL_OK;
}

static tl_rc whole(struct tl_jreader *r, struct tl_error *err, int lo, int hi, int *out)
{
    if (r->tok != TL_J_NUM || r->num != floor(r->num) || r->num < lo || r->num > hi) {
        char what[64];
        snprintf(what, sizeof what, "a whole number from %d to %d", lo, hi);
        return tl_jexpected(r, err, what);
    }
    *out = (int)r->num;
    return TL_OK;
}

static tl_rc boolean(struct tl_jreader *r, struct tl_error *err, int *out)
{
    if (r->tok != TL_J_TRUE && r->tok != TL_J_FALSE) return tl_jexpected(r, err, "true or false");
    *out = r->tok == TL_J_TRUE;
    return TL_OK;
}

/* one of names[0..n) into *out */
static tl_rc choice(struct tl_jreader *r, struct tl_error *err, const char *const *names, int n,
                    int *out)
{
    if (r->tok == TL_J_STR)
        for (int i = 0; i < n; i++)
            if (tl_jeq(r, names[i])) {
                *out = i;
                return TL_OK;
            }
    char what[200];
    size_t len = 0;
    for (int i = 0; i < n && len < sizeof what; i++)
        len += (size_t)snprintf(what + len, sizeof what - len, "%s\"%s\"",
                                i == 0 ? "" : i == n - 1 ? " or " : ", ", names[i]);
    return tl_jexpected(r, err, what);
}

/* a member's key (r->s, r->n) is one of ... */
#define KEY(k) tl_jeq(r, k)

tl_rc tl_live_parse_event(const char *buf, size_t len, struct tl_live_event *out,
                          struct tl_error *err)
{
    memset(out, 0, sizeof *out);
    out->minute = TL_NONE;
    out->kind = (enum tl_live_kind)-1;
    if (len > TL_LIVE_MAX_BODY)
        return tl_err(err, TL_EPARSE, "body: %zu bytes, more than an event's %d", len,
                      TL_LIVE_MAX_BODY);
    struct tl_jreader jr, *r = &jr;
    tl_jinit(r, buf, len, "body");
    tl_rc rc = tl_jnext(r, err);
    if (!rc && r->tok != TL_J_OBJ) rc = tl_jexpected(r, err, "an object");
    int have_scored = 0, have_minute = 0, have_status = 0;
    size_t obj_off = r->tok_off;
    while (!rc) {
        if ((rc = tl_jnext(r, err))) break;
        if (r->tok == TL_J_OBJ_END) break;
        /* the member's name, then its value */
        char key[32];
        snprintf(key, sizeof key, "%.*s", (int)(r->n < 31 ? r->n : 31), r->s);
        if ((rc = tl_jnext(r, err))) break;
        int v;
        if (strcmp(key, "type") == 0) {
            if (!(rc = choice(r, err, kinds, TL_LIVE__COUNT, &v))) out->kind = (enum tl_live_kind)v;
        } else if (strcmp(key, "team") == 0) {
            rc = str(r, err, out->team, sizeof out->team);
        } else if (strcmp(key, "player") == 0 || strcmp(key, "player_in") == 0) {
            rc = str(r, err, out->player, sizeof out->player);
        } else if (strcmp(key, "player_out") == 0) {
            rc = str(r, err, out->player_out, sizeof out->player_out);
        } else if (strcmp(key, "minute") == 0) {
            rc = whole(r, err, 0, 150, &out->minute);
            have_minute = 1;
        } else if (strcmp(key, "added") == 0) {
            rc = whole(r, err, 0, 30, &out->added);
        } else if (strcmp(key, "penalty") == 0) {
            rc = boolean(r, err, &out->penalty);
        } else if (strcmp(key, "own_goal") == 0) {
            rc = boolean(r, err, &out->own_goal);
        } else if (strcmp(key, "scored") == 0) {
            rc = boolean(r, err, &out->scored);
            have_scored = 1;
        } else if (strcmp(key, "outcome") == 0) {
            static const char *const o[] = {"over", "wide", "post", "saved"};
            if (!(rc = choice(r, err, o, 4, &v))) snprintf(out->outcome, sizeof out->outcome, "%s", o[v]);
        } else if (strcmp(key, "card") == 0) {
            static const char *const c[] = {"yellow", "second_yellow", "red"};
            if (!(rc = choice(r, err, c, 3, &v))) snprintf(out->card, sizeof out->card, "%s", c[v]);
        } else if (strcmp(key, "status") == 0) {
            if (!(rc = choice(r, err, statuses, TL_LS__COUNT, &v)))
                out->status = (enum tl_live_status)v;
            have_status = 1;
        } else {
            rc = tl_jerr_at(r, err, r->tok_off, "unknown member \"%s\"", key);
        }
    }
    if (!rc && (rc = tl_jnext(r, err)) == TL_EOF) rc = TL_OK;
    else if (!rc) rc = tl_jexpected(r, err, "the end of the body");
    /* what each type needs */
    const char *need = NULL;
    if (!rc) {
        switch (out->kind) {
        case TL_LIVE_GOAL:
        case TL_LIVE_PENALTY_MISSED:
        case TL_LIVE_CARD:
            if (!out->team[0]) need = "team";
            else if (!out->player[0]) need = "player";
            else if (!have_minute) need = "minute";
            else if (out->kind == TL_LIVE_PENALTY_MISSED && !out->outcome[0]) need = "outcome";
            else if (out->kind == TL_LIVE_CARD && !out->card[0]) need = "card";
            break;
        case TL_LIVE_SUBSTITUTION:
            if (!out->team[0]) need = "team";
            else if (!out->player[0]) need = "player_in";
            else if (!out->player_out[0]) need = "player_out";
            else if (!have_minute) need = "minute";
            break;
        case TL_LIVE_SHOOTOUT_KICK:
            if (!out->team[0]) need = "team";
            else if (!out->player[0]) need = "player";
            else if (!have_scored) need = "scored";
            break;
        case TL_LIVE_STATUS:
            if (!have_status) need = "status";
            break;
        default: need = "type"; break;
        }
        if (need) rc = tl_jerr_at(r, err, obj_off, "the event needs \"%s\"", need);
    }
    tl_jfree(r);
    return rc;
}

tl_rc tl_live_parse_match(const char *buf, size_t len, struct tl_live_match *out,
                          struct tl_error *err)
{
    memset(out, 0, sizeof *out);
    out->utc_offset = TL_NONE;
    if (len > TL_LIVE_MAX_BODY)
        return tl_err(err, TL_EPARSE, "body: %zu bytes, more than a match's %d", len,
                      TL_LIVE_MAX_BODY);
    struct tl_jreader jr, *r = &jr;
    tl_jinit(r, buf, len, "body");
    tl_rc rc = tl_jnext(r, err);
    if (!rc && r->tok != TL_J_OBJ) rc = tl_jexpected(r, err, "an object");
    size_t obj_off = r->tok_off;
    while (!rc) {
        if ((rc = tl_jnext(r, err))) break;
        if (r->tok == TL_J_OBJ_END) break;
        char key[32];
        snprintf(key, sizeof key, "%.*s", (int)(r->n < 31 ? r->n : 31), r->s);
        if ((rc = tl_jnext(r, err))) break;
        if (strcmp(key, "date") == 0) {
            struct tl_date d;
            if (r->tok != TL_J_STR || r->n != 10 || tl_date_parse(r->s, 10, &d))
                rc = tl_jexpected(r, err, "a date, YYYY-MM-DD");
            else
                memcpy(out->date, r->s, 10);
        } else if (strcmp(key, "kickoff") == 0) {
            if (r->tok != TL_J_STR || r->n != 5 || r->s[2] != ':' || r->s[0] < '0' || r->s[0] > '2' ||
                r->s[1] < '0' || r->s[1] > '9' || r->s[3] < '0' || r->s[3] > '5' || r->s[4] < '0' ||
                r->s[4] > '9' || (r->s[0] == '2' && r->s[1] > '3'))
                rc = tl_jexpected(r, err, "a time, HH:MM");
            else
                memcpy(out->kickoff, r->s, 5);
        } else if (strcmp(key, "utc_offset") == 0) {
            int h, m;
            char sign;
            char t[8] = "";
            if (r->tok == TL_J_STR && r->n == 6) memcpy(t, r->s, 6);
            if (sscanf(t, "%c%2d:%2d", &sign, &h, &m) != 3 || (sign != '+' && sign != '-') ||
                h > 14 || m > 59)
                rc = tl_jexpected(r, err, "an offset, +HH:MM or -HH:MM");
            else
                out->utc_offset = (sign == '-' ? -1 : 1) * (h * 60 + m);
        } else if (strcmp(key, "home") == 0) {
            rc = str(r, err, out->home, sizeof out->home);
        } else if (strcmp(key, "away") == 0) {
            rc = str(r, err, out->away, sizeof out->away);
        } else if (strcmp(key, "competition") == 0) {
            rc = str(r, err, out->competition, sizeof out->competition);
        } else if (strcmp(key, "stage") == 0) {
            rc = str(r, err, out->stage, sizeof out->stage);
        } else if (strcmp(key, "edition") == 0) {
            rc = str(r, err, out->edition, sizeof out->edition);
        } else if (strcmp(key, "group") == 0) {
            rc = str(r, err, out->group, sizeof out->group);
        } else {
            rc = tl_jerr_at(r, err, r->tok_off, "unknown member \"%s\"", key);
        }
    }
    if (!rc && (rc = tl_jnext(r, err)) == TL_EOF) rc = TL_OK;
    else if (!rc) rc = tl_jexpected(r, err, "the end of the body");
    const char *need = !out->date[0]   ? "date"
                       : !out->home[0] ? "home"
                       : !out->away[0] ? "away"
                       : (out->edition[0] || out->group[0]) && !out->competition[0] ? "competition"
                       : out->group[0] && !out->edition[0] ? "edition"
                                                           : NULL;
    if (!rc && need) rc = tl_jerr_at(r, err, obj_off, "the match needs \"%s\"", need);
    tl_jfree(r);
    return rc;
}

/* a feed item's number: a whole number 0-999 */
static tl_rc item_count(struct tl_jreader *r, int *out, struct tl_error *err)
{
    if (!(r->num >= 0 && r->num <= 999) || r->num != (double)(int)r->num)
        return tl_jexpected(r, err, "a whole number from 0 to 999");
    *out = (int)r->num;
    return TL_OK;
}

tl_rc tl_live_parse_item(const char *data, size_t len, struct tl_live_item *f,
                         struct tl_error *err)
{
    memset(f, 0, sizeof *f);
    f->score[0] = f->score[1] = TL_NONE;
    struct tl_jreader r;
    tl_jinit(&r, data, len, "live feed item");
    tl_rc rc = tl_jnext(&r, err);
    if (!rc && r.tok != TL_J_OBJ) rc = tl_jexpected(&r, err, "an object");
    while (!rc && !(rc = tl_jnext(&r, err)) && r.tok == TL_J_KEY) {
        char key[16];
        snprintf(key, sizeof key, "%.*s", (int)(r.n < 15 ? r.n : 15), r.s);
        if ((rc = tl_jnext(&r, err))) break;
        if (strcmp(key, "score") == 0 && r.tok == TL_J_ARR) {
            for (int k = 0; k < 3 && !rc; k++) {
                if ((rc = tl_jnext(&r, err)) || r.tok == TL_J_ARR_END) break;
                if (r.tok == TL_J_NUM && k < 2) rc = item_count(&r, &f->score[k], err);
            }
            if (!rc && r.tok != TL_J_ARR_END) rc = tl_jexpected(&r, err, "the score's end");
        } else if (strcmp(key, "period") == 0 && r.tok == TL_J_NUM) {
            rc = item_count(&r, &f->period, err);
        } else if (strcmp(key, "minute") == 0 && r.tok == TL_J_NUM) {
            rc = item_count(&r, &f->minute, err);
            f->has_minute = 1;
        } else if (strcmp(key, "added") == 0 && r.tok == TL_J_NUM) {
            rc = item_count(&r, &f->added, err);
        } else if (strcmp(key, "phase") == 0 && r.tok == TL_J_STR) {
            snprintf(f->phase, sizeof f->phase, "%.*s", (int)(r.n < 15 ? r.n : 15), r.s);
        } else {
            rc = tl_jskip(&r, err);
        }
    }
    if (!rc && r.tok != TL_J_OBJ_END) rc = tl_jexpected(&r, err, "a member or '}'");
    if (!rc && (rc = tl_jnext(&r, err)) == TL_EOF) rc = TL_OK;
    else if (!rc) rc = tl_jexpected(&r, err, "the end of the item");
    if (!rc && (f->score[0] == TL_NONE || f->score[1] == TL_NONE))
        rc = tl_err(err, TL_EPARSE, "live feed item: no score (expected \"score\": [HOME, AWAY])");
    tl_jfree(&r);
    return rc;
}
