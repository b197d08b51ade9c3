/*
 * engine: pure computations over model structs: a team's record over a list
 * of matches (also head-to-head), and the ranking of a scorer chart with
 * ties shown as equal rank. No I/O, no store.
 */
#ifndef TOUCHLINE_ENGINE_H
#define TOUCHLINE_ENGINE_H

#include "touchline/model.h"

struct tl_team_record {
    long played, won, drawn, lost, goals_for, goals_against;
    long shootouts_won, shootouts_lost;   /* a shootout leaves the match a draw */
    const struct tl_match *first, *last;  /* borrowed from the list */
    const struct tl_match *biggest_win, *biggest_defeat;
};

/* Record of team_id over the played matches of l (unplayed ones are skipped).
 * Biggest win/defeat: largest goal margin, then most goals scored, then the
 * earliest. */
void tl_engine_team_record(const struct tl_match_list *l, int64_t team_id,
                           struct tl_team_record *out);

/* Goals of team_id and of its opponent in m. */
void tl_engine_goals(const struct tl_match *m, int64_t team_id, int *gf, int *ga);

/* Sort a scorer chart (most goals first, then name) and set rank and tied:
 * standard competition ranking, 1, 2, 2, 4. */
void tl_engine_rank_scorers(struct tl_scorer_list *l);

/* ---- the match centre: facts from a match's event data (engine/centre.c) ---- */

enum tl_moment_kind {
    TL_MO_PERIOD_START, TL_MO_PERIOD_END, TL_MO_GOAL, TL_MO_PENALTY_GOAL, TL_MO_OWN_GOAL,
    TL_MO_PENALTY_MISSED, TL_MO_YELLOW, TL_MO_SECOND_YELLOW, TL_MO_RED, TL_MO_SUBSTITUTION,
    TL_MO_KICK, TL_MO__COUNT
};
/* "goal", "penalty_missed", "period_start" ... */
const char *tl_moment_kind_name(enum tl_moment_kind k);

/* One line of a timeline. Strings are borrowed from the list it was made of. */
struct tl_moment {
    enum tl_moment_kind kind;
    int period;
    int minute, added;       /* as people write it; TL_NONE for shootout kicks */
    int side;                /* 0 home, 1 away; -1 for period starts and ends */
    const char *team;        /* the team credited (own goal: the team it counted for) */
    const char *player;      /* scorer, booked player, player coming on, kicker */
    const char *other;       /* substitution: the player going off */
    const char *how;         /* missed penalty or kick: saved, woodwork, over, off_target;
                              * kick: scored */
    int score[2];            /* home-away after it */
    int kicks[2];            /* shootout kicks scored after it */
    int kick;                /* shootout kicks: 1, 2, ... */
    int idx;                 /* the source event's index (event data), 0 otherwise */
};
struct tl_timeline {
    struct tl_moment *v;
    size_t n, alloc;
};
void tl_timeline_free(struct tl_timeline *t);

/* The timeline of a match from its event data: period starts and ends,
 * goals, penalties scored and missed, cards, substitutions, shootout kicks.
 * home is the home team's name as in the actions. */
tl_rc tl_engine_timeline(const struct tl_action_list *a, const char *home,
                         struct tl_timeline *out) TL_WUR;
/* The same from a match's stored events (sources without event data). */
tl_rc tl_engine_timeline_events(const struct tl_event_list *e, const char *home,
                                struct tl_timeline *out) TL_WUR;

/* A team's numbers from event data. Shootouts are not counted. */
struct tl_team_stats {
    double possession;       /* share of the time in possession, 0..1 */
    long passes, passes_complete;
    long shots, on_target, goals;  /* goals: all the team's, own goals for it included */
    long shot_goals;               /* goals from its own shots */
    double xg;
    long fouls, yellow, red, corners, offsides;
};
/* Stats for home (out[0]) and away (out[1]). Possession: share of the
 * time in possession, the time from each event to the next (in time
 * order) within one possession chain counting for the chain's team
 * (StatsBomb's possession_team); time between chains counts for no one.
 * Passes complete: passes without an outcome. On target: shots scored or
 * saved. */
void tl_engine_match_stats(const struct tl_action_list *a, int64_t home_id, int64_t away_id,
                           struct tl_team_stats out[2]);

/* Is action a a shot in play (not a shootout kick)? */
int tl_engine_is_shot(const struct tl_action *a);

#endif
