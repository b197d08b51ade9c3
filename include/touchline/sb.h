/*
 * import/sb: StatsBomb event files (events/<match_id>.json) decoded into
 * typed events in memory, in one pass of the JSON pull reader.
 *
 * Every event keeps its common fields (id, index, period, timestamp,
 * minute, second, type, team, player, position, location, ...) and the
 * byte span of its whole JSON object in the file, so nothing StatsBomb
 * records is lost; the details of shots, passes, substitutions, cards,
 * starting XIs and tactical shifts are also decoded into typed fields.
 * Names ({"id": 7036, "name": "Gianluigi Donnarumma"}) are kept once per
 * kind and id. An unknown event type, a missing required member or a
 * value of the wrong type is an error naming file:line:column, the byte
 * offset and the JSON path.
 */
#ifndef TOUCHLINE_SB_H
#define TOUCHLINE_SB_H

#include "touchline/util.h"

/* StatsBomb's event type ids (Open Data events specification). */
enum tl_sb_type {
    TL_SB_BALL_RECOVERY = 2, TL_SB_DISPOSSESSED = 3, TL_SB_DUEL = 4, TL_SB_CAMERA_ON = 5,
    TL_SB_BLOCK = 6, TL_SB_OFFSIDE = 8, TL_SB_CLEARANCE = 9, TL_SB_INTERCEPTION = 10,
    TL_SB_DRIBBLE = 14, TL_SB_SHOT = 16, TL_SB_PRESSURE = 17, TL_SB_HALF_START = 18,
    TL_SB_SUBSTITUTION = 19, TL_SB_OWN_GOAL_AGAINST = 20, TL_SB_FOUL_WON = 21,
    TL_SB_FOUL_COMMITTED = 22, TL_SB_GOAL_KEEPER = 23, TL_SB_BAD_BEHAVIOUR = 24,
    TL_SB_OWN_GOAL_FOR = 25, TL_SB_PLAYER_ON = 26, TL_SB_PLAYER_OFF = 27, TL_SB_SHIELD = 28,
    TL_SB_CAMERA_OFF = 29, TL_SB_PASS = 30, TL_SB_FIFTY_FIFTY = 33, TL_SB_HALF_END = 34,
    TL_SB_STARTING_XI = 35, TL_SB_TACTICAL_SHIFT = 36, TL_SB_ERROR = 37, TL_SB_MISCONTROL = 38,
    TL_SB_DRIBBLED_PAST = 39, TL_SB_INJURY_STOPPAGE = 40, TL_SB_REFEREE_BALL_DROP = 41,
    TL_SB_BALL_RECEIPT = 42, TL_SB_CARRY = 43,
};
#define TL_SB_MAX_TYPE 44
/* The type's name as StatsBomb writes it ("Ball Receipt*"), NULL if unknown. */
const char *tl_sb_type_name(int type);

/* The kinds of named things an event refers to by id. */
enum tl_sb_kind {
    TL_SBK_TEAM, TL_SBK_PLAYER, TL_SBK_POSITION, TL_SBK_PLAY_PATTERN, TL_SBK_OUTCOME,
    TL_SBK_SHOT_TYPE, TL_SBK_PASS_TYPE, TL_SBK_BODY_PART, TL_SBK_TECHNIQUE, TL_SBK_HEIGHT,
    TL_SBK_CARD, TL_SBK__COUNT
};

/* event flags */
#define TL_SBF_UNDER_PRESSURE 0x01u
#define TL_SBF_OFF_CAMERA     0x02u
#define TL_SBF_OUT            0x04u
#define TL_SBF_COUNTERPRESS   0x08u
#define TL_SBF_FIRST_TIME     0x10u /* shot, pass */
#define TL_SBF_DEFLECTED      0x20u /* shot */

struct tl_sb_event {
    char id[40];          /* the event's UUID */
    int32_t index;        /* order within the match, from 1 */
    int32_t possession;
    int32_t ms;           /* timestamp within the period, in milliseconds */
    int16_t minute, second; /* elapsed from the start of the match */
    uint8_t period;       /* 1-2 halves, 3-4 extra time, 5 shootout */
    uint8_t type;         /* enum tl_sb_type */
    uint8_t nloc, nend;   /* how many coordinates loc / end hold (0, 2 or 3) */
    uint32_t flags;
    int32_t team, player, position, possession_team, play_pattern; /* ids; 0 = none */
    float loc[3];
    float end[3];         /* shot, pass, carry: end location (shots: x, y, height) */
    float duration;
    /* details; 0 when the event has none */
    int32_t outcome;      /* shot, pass, substitution, ... outcome id */
    int32_t subtype;      /* shot.type, pass.type */
    int32_t body_part, technique, height;
    float xg;             /* shot.statsbomb_xg */
    float length;         /* pass.length */
    int32_t other;        /* pass.recipient, substitution.replacement */
    int32_t card;         /* foul_committed.card, bad_behaviour.card */
    int32_t formation;    /* Starting XI, Tactical Shift: 433, 4141 ... */
    uint32_t lineup, nlineup; /* Starting XI, Tactical Shift: entries in lineups[] */
    size_t raw_off, raw_len;  /* the event's JSON object in the file */
};

struct tl_sb_lineup_entry {
    int32_t player, position, jersey;
};

struct tl_sb_name {
    uint8_t kind;
    int32_t id;
    uint32_t off;         /* the name in names_text */
};

struct tl_sb_match {
    struct tl_sb_event *ev;
    size_t n, cap;
    struct tl_sb_lineup_entry *lineups;
    size_t nlineups, caplineups;
    struct tl_sb_name *names;
    size_t nnames, capnames;
    struct tl_buf names_text;
    struct tl_map name_index; /* kind + id -> position in names */
    long type_count[TL_SB_MAX_TYPE];
};

void tl_sb_init(struct tl_sb_match *m);
void tl_sb_free(struct tl_sb_match *m);
/* Decode a whole event file (buf stays the caller's). On error m holds
 * what was read before it; err says where and what. */
tl_rc tl_sb_read_events(struct tl_sb_match *m, const char *buf, size_t len, const char *file,
                        struct tl_error *err) TL_WUR;
/* The name of kind/id ("" if never seen). */
const char *tl_sb_name(const struct tl_sb_match *m, enum tl_sb_kind kind, int32_t id);

/* One match of a matches/<competition>/<season>.json file. Text is
 * trimmed; a name longer than its field is an error, never cut. */
struct tl_sb_fixture {
    int32_t match_id;
    char date[11];           /* YYYY-MM-DD */
    char kick_off[13];       /* HH:MM:SS.mmm, "" when unknown */
    int32_t competition_id, season_id;
    char competition[64], season[32];
    int32_t home_id, away_id;
    char home[64], away[64];
    int32_t home_score, away_score; /* after extra time, before a shootout */
    int32_t match_week;
    char stage[48];          /* competition_stage.name: "Group Stage", "Final" */
    char stadium[96], referee[96];
    size_t off;              /* the match's object in the file */
};

struct tl_sb_fixtures {
    struct tl_sb_fixture *v;
    size_t n, cap;
};

/* Decode a matches file. On error f holds the matches read before it. */
tl_rc tl_sb_read_matches(struct tl_sb_fixtures *f, const char *buf, size_t len, const char *file,
                         struct tl_error *err) TL_WUR;
void tl_sb_fixtures_free(struct tl_sb_fixtures *f);

/* A lineups/<match_id>.json file: each team's players, with the spells
 * they played in each position and their cards. Times are the file's
 * "MM:SS" in seconds ("63:51" is 3831), -1 when the file says null; they
 * count elapsed match time, though some cards in extra time are written
 * from the start of their period (Montiel's yellow in the 2022 final). */
struct tl_sb_spell {
    int32_t position_id;
    char position[40];
    int32_t from, to;
    int8_t from_period, to_period;   /* 0 when null */
    char start_reason[48], end_reason[48]; /* "Starting XI", "Substitution - Off (Tactical)" */
};

struct tl_sb_card {
    int32_t time;
    int8_t period;
    char type[24], reason[40];       /* "Yellow Card", "Foul Committed" */
};

struct tl_sb_player {
    int32_t player_id, jersey;
    char name[96], nickname[64], country[64];
    uint32_t spell, nspells;         /* in spells[]; none: an unused substitute */
    uint32_t card, ncards;           /* in cards[] */
};

struct tl_sb_team_sheet {
    int32_t team_id;
    char team[64];
    uint32_t player, nplayers;       /* in players[] */
};

struct tl_sb_lineups {
    struct tl_sb_team_sheet *teams;
    size_t nteams, capteams;
    struct tl_sb_player *players;
    size_t nplayers, capplayers;
    struct tl_sb_spell *spells;
    size_t nspells, capspells;
    struct tl_sb_card *cards;
    size_t ncards, capcards;
};

/* Decode a lineups file. On error l holds what was read before it. */
tl_rc tl_sb_read_lineups(struct tl_sb_lineups *l, const char *buf, size_t len, const char *file,
                         struct tl_error *err) TL_WUR;
void tl_sb_lineups_free(struct tl_sb_lineups *l);

#endif
