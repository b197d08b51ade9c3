/*
 * import/live: the bodies of the live API, parsed: an event of a match
 * being played (a goal, a penalty missed, a card, a substitution, a
 * shootout kick, a change of status) and a match to schedule. Small JSON
 * objects read with the bounded JSON reader; every error names the byte
 * offset and the JSON path, and says what was expected.
 */
#ifndef TOUCHLINE_LIVE_H
#define TOUCHLINE_LIVE_H

#include "touchline/model.h"
#include "touchline/util.h"

#define TL_LIVE_MAX_BODY 4096   /* bytes: an event is a few hundred */
#define TL_LIVE_NAME 128

enum tl_live_kind {
    TL_LIVE_GOAL, TL_LIVE_PENALTY_MISSED, TL_LIVE_CARD, TL_LIVE_SUBSTITUTION,
    TL_LIVE_SHOOTOUT_KICK, TL_LIVE_STATUS, TL_LIVE__COUNT
};
/* "goal" ... and back (-1 unknown) */
const char *tl_live_kind_name(enum tl_live_kind k);

enum tl_live_status {
    TL_LS_KICKOFF, TL_LS_HALFTIME, TL_LS_SECOND_HALF, TL_LS_EXTRA_TIME, TL_LS_SHOOTOUT,
    TL_LS_FULLTIME, TL_LS__COUNT
};
const char *tl_live_status_name(enum tl_live_status s);

struct tl_live_event {
    enum tl_live_kind kind;
    char team[TL_LIVE_NAME];
    char player[TL_LIVE_NAME];       /* scorer, taker, booked player, player coming on, kicker */
    char player_out[TL_LIVE_NAME];   /* a substitution: the player going off */
    int minute, added;               /* TL_NONE: not given */
    int penalty, own_goal;           /* a goal */
    char outcome[16];                /* a penalty missed: over, wide, post, saved */
    char card[16];                   /* yellow, second_yellow, red */
    int scored;                      /* a shootout kick */
    enum tl_live_status status;      /* a status */
};

struct tl_live_match {
    char date[11];
    char kickoff[6];                 /* "20:00", "" unknown */
    int utc_offset;                  /* minutes east of UTC, TL_NONE unknown */
    char home[TL_LIVE_NAME], away[TL_LIVE_NAME];
    char competition[TL_LIVE_NAME], stage[TL_LIVE_NAME];
    char edition[TL_LIVE_NAME];      /* "2030": with competition, the edition it belongs to */
    char group[TL_LIVE_NAME];        /* "Group A": a group match (its table is told live) */
};

/* Parse an event body. TL_EPARSE with err naming the offset, the path and
 * what was expected: invalid JSON, an unknown member or type, a value of
 * the wrong kind, a member an event of that type needs but lacks. */
tl_rc tl_live_parse_event(const char *buf, size_t len, struct tl_live_event *out,
                          struct tl_error *err) TL_WUR;
/* Parse a match to schedule (date, home and away required). */
tl_rc tl_live_parse_match(const char *buf, size_t len, struct tl_live_match *out,
                          struct tl_error *err) TL_WUR;

/* What an item of the live feed (as load/live.c publishes it) says of its
 * match then: the score, the period and phase, and its event's minute. */
struct tl_live_item {
    int score[2];
    int period;                      /* 0 before kick-off, 1-4, 5 the shootout */
    int minute, added, has_minute;   /* an event item's minute */
    char phase[16];                  /* before, playing, break, finished */
};
/* Read a feed item; other members are skipped. TL_EPARSE (err: where, what
 * was expected) for invalid JSON or an item without its score. */
tl_rc tl_live_parse_item(const char *buf, size_t len, struct tl_live_item *out,
                         struct tl_error *err) TL_WUR;

#endif
