/*
 * model: the plain structs every module speaks (match, goal event, team
 * name, competition); no I/O. Strings in these structs are borrowed unless a
 * function says otherwise: a record emitted by a parser is valid only during
 * the callback that receives it.
 */
#ifndef TOUCHLINE_MODEL_H
#define TOUCHLINE_MODEL_H

#include "touchline/util.h"

#include <stdint.h>

#define TL_NONE (-1) /* a missing integer (score, minute, attendance) */

/* Where a record came from: a file and line, or a source's own id. */
struct tl_prov {
    const char *file; /* path as given to the importer */
    long line;        /* 1-based line of the record's first byte */
};

enum tl_match_status {
    TL_STATUS_SCHEDULED = 0,
    TL_STATUS_LIVE,
    TL_STATUS_FINISHED,
    TL_STATUS_ABANDONED,
};
const char *tl_status_name(enum tl_match_status s);

/* A match as an importer sees it: names, not ids. */
struct tl_match_rec {
    char date[11];          /* YYYY-MM-DD */
    const char *home;
    const char *away;
    const char *tournament; /* competition name, e.g. "FIFA World Cup" */
    const char *city;       /* may be NULL */
    const char *country;    /* may be NULL */
    int neutral;            /* 0/1 */
    int score_home, score_away; /* result incl. extra time, excl. shootout; TL_NONE if unplayed */
    int seq;                /* 0 for the first match of (date, home, away) in a file, 1 for a second... */
    struct tl_prov prov;
};

/* The kinds of match event the store knows. Names are stable strings in the DB. */
enum tl_event_kind {
    TL_EV_GOAL = 0,       /* a goal from open play or set piece */
    TL_EV_PENALTY_GOAL,   /* a penalty scored in play */
    TL_EV_OWN_GOAL,       /* credited to `team`, scored by a player of the other side */
    TL_EV_PENALTY_MISSED, /* outcome: saved / off_target / woodwork / over */
    TL_EV_YELLOW,
    TL_EV_SECOND_YELLOW,
    TL_EV_RED,
    TL_EV_SUBSTITUTION,   /* player = on, player2 = off */
    TL_EV_SHOOTOUT_KICK,  /* order 1.., outcome scored / saved / off_target / woodwork / over */
    TL_EV__COUNT
};
const char *tl_event_kind_name(enum tl_event_kind k);
int tl_event_kind_parse(const char *s, enum tl_event_kind *out);

/* A goal as the international results CSV gives it. */
struct tl_goal_rec {
    char date[11];
    const char *home;
    const char *away;
    const char *team;   /* the team credited with the goal */
    const char *scorer; /* NULL when the source does not know */
    int minute;         /* TL_NONE when unknown */
    int added;          /* added time (45+2' -> minute 45, added 2); 0 if none */
    int own_goal;
    int penalty;
    struct tl_prov prov;
};

struct tl_shootout_rec {
    char date[11];
    const char *home;
    const char *away;
    const char *winner;
    const char *first_shooter; /* NULL when unknown */
    struct tl_prov prov;
};

/* A team's former name, valid from start to end (inclusive). */
struct tl_former_name_rec {
    const char *current;
    const char *former;
    char start[11];
    char end[11];
    struct tl_prov prov;
};

/* A stored match joined with team and competition names (owned by its list). */
struct tl_match {
    int64_t id;
    char date[11];
    char *home, *away, *tournament, *city, *country;
    int64_t home_id, away_id;
    int neutral;
    int score_home, score_away;   /* TL_NONE if unknown */
    int ht_home, ht_away;
    int ft_home, ft_away;         /* after regular time, when the source says */
    int aet_home, aet_away;       /* after extra time, when played and known */
    int so_home, so_away;         /* shootout kicks scored, when known */
    char *so_winner, *so_first;   /* NULL if no shootout / unknown */
    enum tl_match_status status;
    char *source_file;
    long source_line;
    /* what detailed sources add (NULL / TL_NONE when unknown) */
    char *venue, *referee, *stage, *group, *edition, *kickoff;
    int utc_offset;       /* minutes east of UTC */
    long attendance;
    int match_no;
};

/* One player of a match's lineup. */
struct tl_lineup_entry {
    char *team;
    char *player;
    int starter, captain;
    int shirt;            /* TL_NONE when unknown */
    char *position;       /* NULL when unknown */
};
struct tl_lineup_list {
    struct tl_lineup_entry *v;
    size_t n, alloc;
    char *source_file;    /* the source the lineup comes from */
};
void tl_lineup_list_free(struct tl_lineup_list *l);

/* One event of an event-data source (StatsBomb): a pass, a shot, a card...
 * Names are touchline's (players as people write them); the source's own
 * vocabulary is kept for types and qualifiers ("Shot", "Off T", "Penalty"). */
struct tl_action {
    int idx;              /* order within the match, from 1 */
    int period;           /* 1-2 halves, 3-4 extra time, 5 shootout */
    int ms;               /* timestamp within the period, milliseconds */
    int minute, second;   /* elapsed since kick-off, as the source counts */
    int type_id;
    char *type;
    int possession;       /* the possession chain, from 1 */
    int64_t possession_team_id;
    int64_t team_id;
    char *team, *player;  /* player NULL when none */
    char *other;          /* pass recipient, player coming on */
    char *position;
    double x, y;          /* pitch of 120 x 80, attacking left to right; NAN when none */
    double end_x, end_y, end_z; /* shot, pass, carry ends; end_z a shot's height */
    double xg, length;    /* NAN when none */
    unsigned flags;       /* TL_ACT_* */
    char *outcome, *subtype, *body_part, *technique, *card;
    int formation;        /* Starting XI, Tactical Shift; 0 otherwise */
};
#define TL_ACT_UNDER_PRESSURE 0x01u
#define TL_ACT_FIRST_TIME     0x10u
struct tl_action_list {
    struct tl_action *v;
    size_t n, alloc;
    char *source_file;    /* the file the events were imported from */
};
void tl_action_list_free(struct tl_action_list *l);

/* ---- a tournament edition, as the tournament engine reads it ---- */

#define TL_MAX_GROUP_TEAMS 8

/* A match of an edition. */
struct tl_tmatch {
    int64_t id;
    char date[11];
    char kickoff[6];          /* "HH:MM" local, "" when unknown */
    int utc_offset;           /* of the kick-off, minutes east of UTC; TL_NONE unknown */
    int64_t team[2];          /* home, away; 0 for a slot not yet filled */
    char *name[2];            /* team names as of the match, or the slots ("W49", "1A") */
    char *current[2];         /* the teams' current names (NULL for slots) */
    int score[2];             /* after extra time; TL_NONE when not played */
    int aet;                  /* went to extra time */
    int so[2];                /* shootout kicks scored, TL_NONE */
    int64_t so_winner;        /* 0 when none or unknown */
    int fair[2];              /* fair play points of each side (<= 0) */
    int cards_known;          /* a source lists this match's cards */
    int match_no;             /* the tournament's match number, 0 unknown */
    int group;                /* index in the edition's groups; -1 none */
    int playoff_of;           /* a play-off between a group's tied teams: that group; -1 */
    char *stage;              /* the stage's name, NULL when unknown */
    char *venue, *city, *country;
    int neutral;              /* played on neutral ground (the results data's flag) */
    enum tl_match_status status;
};

/* A group: its teams and matches (in the edition's list). */
struct tl_tgroup {
    char *name;               /* "Group A", "Final Round" */
    char *stage;
    int round;                /* 1 the first group round, 2 a later one (by dates) */
    char first[11], last[11]; /* the dates of its first and last matches */
    int64_t team[TL_MAX_GROUP_TEAMS];
    const char *team_name[TL_MAX_GROUP_TEAMS]; /* borrowed from the matches */
    int nteams;
};

struct tl_edition {
    char *competition, *edition;
    int year;
    struct tl_tmatch *m;      /* in date order */
    size_t nm, am;
    struct tl_tgroup *g;      /* in order of their first match */
    size_t ng, ag;
};
void tl_edition_free(struct tl_edition *e);

/* The minute people write for an elapsed minute of a period (event data
 * counts from 0 since kick-off): elapsed 53 is 54', elapsed 46 in the
 * first half is 45+2'. Periods 1-4; others give elapsed + 1. */
void tl_written_minute(int period, int elapsed, int *minute, int *added);
/* FIFA's fair play points of one player in one match (<= 0): a yellow -1,
 * a second yellow (indirect red) -3 in all, a direct red -4, a yellow and a
 * direct red -5. */
int tl_fair_points(int yellow, int second, int red);
/* The crossbar's height on StatsBomb's pitch (8 feet, in yards). */
#define TL_CROSSBAR 2.67
/* How a shot that did not go in went wrong, for a penalty or shootout
 * kick: "saved" (also saved onto the post, blocked), "woodwork", "over"
 * (off target above the crossbar) or "off_target". end_z NAN = unknown. */
const char *tl_miss_how(const char *outcome, double end_z);

struct tl_match_list {
    struct tl_match *v;
    size_t n, alloc;
};
void tl_match_list_free(struct tl_match_list *l);

/* A stored event (goal, card...) with names. */
struct tl_event {
    int64_t id;
    int64_t match_id;
    enum tl_event_kind kind;
    int period;         /* 1, 2, 3, 4 (extra time), 5 (shootout); 0 unknown */
    int minute, added;  /* TL_NONE minute = unknown */
    char *team;
    char *player;       /* NULL if unknown */
    char *player2;      /* a substitution: the player going off */
    char *outcome;      /* kicks and missed penalties */
    int kick_order;
    char *source_file;
    long source_line;
};

struct tl_event_list {
    struct tl_event *v;
    size_t n, alloc;
};
void tl_event_list_free(struct tl_event_list *l);

/* One line of a scorer chart. */
struct tl_scorer_row {
    int64_t player_id;
    char *player;
    char *team;
    int goals, penalties;
    int apps;      /* matches with him in a lineup within the filter (detailed sources) */
    char first[11], last[11];
    int rank;      /* set by the engine */
    int tied;      /* set by the engine: shares its rank */
};
struct tl_scorer_list {
    struct tl_scorer_row *v;
    size_t n, alloc;
};
void tl_scorer_list_free(struct tl_scorer_list *l);

/* One name a team is or was known by. */
struct tl_name_entry {
    int64_t team_id;
    char *name;        /* as written */
    char *folded;
    char *team;        /* the team's current name */
    char from[11], to[11]; /* validity of a former name; empty for the current name */
    int former;
};
struct tl_name_list {
    struct tl_name_entry *v;
    size_t n, alloc;
};
void tl_name_list_free(struct tl_name_list *l);

/* One match as the Elo ratings rate it. team[] are team ids as the store
 * gives them, indexes into the rating arrays as the engine reads them. */
struct tl_elo_game {
    int64_t match_id;
    char date[11];
    int team[2];
    int goals[2];
    int neutral;
    int k;
    char *competition;        /* owned by the list; NULL a friendly */
    int64_t competition_id;   /* its id (0: none), stored with the rating */
    double before[2];         /* set by tl_elo_run: the ratings before the match */
    double change;            /* set by tl_elo_run: home's gain */
    int n[2];                 /* set by tl_elo_run: matches rated so far, this one included */
};
struct tl_elo_games {
    struct tl_elo_game *v;
    size_t n, alloc;
};
void tl_elo_games_free(struct tl_elo_games *l);

/* A team's Elo rating as of a date, or (history) after one of its matches. */
struct tl_rating {
    int64_t team_id;
    char *team;               /* current name */
    double rating;
    double change;            /* from its last match (history: from this match) */
    int matches;              /* rated matches up to then */
    char date[11];            /* of its last match / of this match */
    int64_t match_id;
    /* history only */
    char *opponent;
    int gf, ga;
    int home;                 /* 1 home, 0 neutral ground, -1 away */
    char *competition;
    double opponent_rating;   /* before the match */
};
struct tl_rating_list {
    struct tl_rating *v;
    size_t n, alloc;
};
void tl_rating_list_free(struct tl_rating_list *l);

/* A match decided by a shootout. */
struct tl_shootout_row {
    int64_t match_id;
    char date[11];
    char *home, *away, *tournament;   /* current names */
    int64_t home_id, away_id, winner_id, first_id; /* first_id 0: unknown */
    int score[2];                      /* the match's score (level) */
    int kicks[2];                      /* shootout kicks scored, TL_NONE unknown */
    int kicks_taken[2];                /* kick by kick when a source lists them, else 0 */
};
struct tl_shootout_list {
    struct tl_shootout_row *v;
    size_t n, alloc;
};
void tl_shootout_list_free(struct tl_shootout_list *l);

/* A player's penalties: in play (scored, missed and how) and in shootouts. */
struct tl_penalty_row {
    int64_t player_id;
    char *player, *team;
    int scored;                        /* penalty goals in play */
    int saved, woodwork, over, off_target, missed; /* missed in play, by how ("missed": how unknown) */
    int kicks, kicks_scored;           /* shootout kicks */
    char first[11], last[11];
};
struct tl_penalty_list {
    struct tl_penalty_row *v;
    size_t n, alloc;
};
void tl_penalty_list_free(struct tl_penalty_list *l);

/* A competition and what the data holds of it. */
struct tl_competition_row {
    int64_t id;
    char *name;
    long matches;
    char first[11], last[11];   /* dates of its first and last match */
    char *editions;             /* "1930, 1934, ..." or NULL when it has none */
    int neditions;
};
struct tl_competition_list {
    struct tl_competition_row *v;
    size_t n, alloc;
};
void tl_competition_list_free(struct tl_competition_list *l);

/* ---- milestones: what the engine reads and writes ---- */

/* A played match, in date order, as milestones read it. */
struct tl_ms_match {
    int64_t id;
    char date[11];
    int64_t team[2];
    char *name[2];              /* current names */
    int score[2];               /* after extra time */
    int64_t so_winner;          /* 0 none */
    int64_t competition_id;     /* 0 none */
    char *competition;
    int64_t edition_id;         /* 0 when the match is not in an edition */
    char *stage;                /* NULL unknown */
    int in_group;
    int listed[2];              /* goals of each side the events account for */
};
struct tl_ms_match_list {
    struct tl_ms_match *v;
    size_t n, alloc;
};
void tl_ms_match_list_free(struct tl_ms_match_list *l);

/* A goal (own goals aside), in match order; match is the index in the
 * match list. */
struct tl_ms_goal {
    int64_t event_id;
    size_t match;
    int64_t player_id, team_id;
    char *player;
    char birth[11];             /* "" unknown */
    int minute, added;          /* TL_NONE minute unknown */
    int penalty;
    char *source;               /* file the event comes from */
    long line;
};
struct tl_ms_goal_list {
    struct tl_ms_goal *v;
    size_t n, alloc;
};
void tl_ms_goal_list_free(struct tl_ms_goal_list *l);

/* A player's goals for a team as a source outside the data states them. */
struct tl_baseline {
    int64_t id, player_id, team_id;
    char *player, *team;
    int goals;
    char as_of[11];             /* the count includes every goal up to this day */
    char *source;
};
struct tl_baseline_list {
    struct tl_baseline *v;
    size_t n, alloc;
};
void tl_baseline_list_free(struct tl_baseline_list *l);

enum tl_ms_kind {
    TL_MS_NTH_GOAL, TL_MS_RECORD_EQUALLED, TL_MS_RECORD_BROKEN, TL_MS_COMPETITION_GOAL,
    TL_MS_HAT_TRICK, TL_MS_FASTEST_GOAL, TL_MS_SCORING_RUN, TL_MS_EDITIONS_RUN,
    TL_MS_OLDEST_SCORER, TL_MS_YOUNGEST_SCORER, TL_MS_FIRST_WIN, TL_MS_TEAM_FIRST_STAGE,
    TL_MS_CONFED_FIRST_STAGE, TL_MS__COUNT
};
/* A fact worth telling, with what it rests on. */
struct tl_milestone {
    enum tl_ms_kind kind;
    char date[11];
    int64_t match_id, team_id, player_id, event_id; /* 0 when not about one */
    int value;                  /* the count, minute, age in days, run length... */
    char *text;                 /* the sentence */
    char *rests_on;             /* "event 123 (goalscorers.csv:4567); match 45781" */
    char *coverage;             /* "from 58 of 84 England matches with scorer data", or NULL */
};
/* "record_equalled" ... and back (-1 unknown). */
const char *tl_ms_kind_name(enum tl_ms_kind k);
int tl_ms_kind_parse(const char *s);
struct tl_milestone_list {
    struct tl_milestone *v;
    size_t n, alloc;
};
void tl_milestone_list_free(struct tl_milestone_list *l);

/* ---- facts about a match: what a report or a preview may say ---- */

enum tl_fact_kind {
    TL_F_RESULT,       /* the match: teams, score, extra time, stage, venue, date */
    TL_F_GOAL,         /* a goal: minute, scorer, team, penalty / own goal / header ... */
    TL_F_PEN_MISS,     /* a penalty missed in play: how, the keeper who saved it */
    TL_F_RED,          /* a sending-off */
    TL_F_SHOOTOUT,     /* the shootout: kicks, winner */
    TL_F_NEXT,         /* a team's next match: opponent (or slot), stage, date */
    TL_F_OUT,          /* a team goes out at this stage */
    TL_F_TABLE,        /* a team's place in its group after the match */
    TL_F_MILESTONE,    /* a milestone of this match */
    TL_F_HOLDERS,      /* a team holds the title (won the previous edition) */
    TL_F_TITLES,       /* a team's titles before this match */
    TL_F_RUNNERS_UP,   /* a team was the previous edition's runner-up */
    TL_F_OTHER,        /* another match of the same round: result, shootout */
    TL_F_FORM,         /* preview: a team's last results */
    TL_F_H2H,          /* preview: the record between the teams */
    TL_F_ODDS,         /* preview: Elo-based probabilities */
    TL_F__COUNT
};
/* "goal", "penalty_missed" ... */
const char *tl_fact_kind_name(enum tl_fact_kind k);

struct tl_fact {
    enum tl_fact_kind kind;
    char ref[48];            /* what it rests on: "match 45781", "event 58225", "milestone 12" */
    char *source;            /* file:line, when known */
    int side;                /* 0 home, 1 away, -1 neither */
    char *team, *opponent, *player, *keeper; /* names as people write them */
    char *competition, *stage, *group, *venue, *city, *how, *text;
    char date[11];
    int minute, added;       /* TL_NONE minute: unknown */
    int score[2];            /* a result (home-away), or the score after a goal */
    int kicks[2];            /* a shootout's kicks scored, TL_NONE */
    int aet, penalty, own_goal, header, outside_box, second_yellow;
    int position, points, played; /* a table row */
    int count;               /* titles, a form's wins ... */
    int year;                /* runners-up: the edition */
    int won, drawn, lost;    /* form, head-to-head */
    double p[3];             /* odds: home win, draw, away win */
    int other_match;         /* a milestone of another match of the round */
};
struct tl_fact_list {
    struct tl_fact *v;
    size_t n, alloc;
    int status;              /* the match's enum tl_match_status */
};
void tl_fact_list_free(struct tl_fact_list *l);
/* A new fact at the end of l (zeroed, side -1, minute and kicks TL_NONE);
 * NULL when memory runs out. */
struct tl_fact *tl_fact_add(struct tl_fact_list *l, enum tl_fact_kind kind);

#endif
