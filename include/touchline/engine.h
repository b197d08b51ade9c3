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

#endif
