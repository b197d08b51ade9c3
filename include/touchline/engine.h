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

/* ---- tournaments: rules as data (engine/rules.c) ---- */

/* The criteria that order a group, in the order a rule set lists them.
 * h2h_* look only at the matches between the teams still level;
 * h2h_again applies h2h_points, h2h_goal_difference and h2h_goals_for once
 * more to teams the first pass left level, with only their matches (UEFA,
 * FIFA 2026). playoff: a play-off match between two teams level decides
 * (1954, 1958). ranking: a world ranking or coefficient touchline does not
 * have (it says so and goes on). lots: the drawing of lots (touchline
 * cannot draw them: the teams stay level, and the table says so). */
enum tl_rule {
    TL_R_POINTS, TL_R_GOAL_DIFFERENCE, TL_R_GOALS_FOR, TL_R_GOAL_AVERAGE, TL_R_WINS,
    TL_R_H2H_POINTS, TL_R_H2H_GOAL_DIFFERENCE, TL_R_H2H_GOALS_FOR, TL_R_H2H_AGAIN,
    TL_R_FAIR_PLAY, TL_R_PLAYOFF, TL_R_RANKING, TL_R_LOTS, TL_R__COUNT
};
/* "goal_difference" ... as rule texts write them. */
const char *tl_rule_name(enum tl_rule r);
/* "goal difference", as a sentence says it. */
const char *tl_rule_words(enum tl_rule r);

#define TL_MAX_RULES 16
#define TL_MAX_THIRD_VS 16
struct tl_rules {
    int win, draw, loss;             /* points */
    enum tl_rule order[TL_MAX_RULES];
    int norder;
    int advance;                     /* teams of each group that go through */
    int best_thirds;                 /* third-placed teams that also go through, over all groups */
    enum tl_rule third_order[TL_MAX_RULES];
    int nthird;
    /* where the best thirds play: the sides that meet them ("1B"), each with
     * the groups whose third it may meet (bit i: group letter 'A' + i), and
     * the competition's table of which group's third meets each side, for
     * every choice of groups the best thirds may come from */
    char third_vs[TL_MAX_THIRD_VS][4];
    unsigned third_allowed[TL_MAX_THIRD_VS];
    int nthird_vs;
    const char *third_table;         /* the table's entries in the rule text; NULL: none */
    int third_rows;
    char source[160];                /* where the rules come from (regulations, years) */
};

/* Parse a rule set written as `key = value` lines (# comments):
 *   points = 3 1 0
 *   order = points goal_difference goals_for h2h_points ... lots
 *   advance = 2
 *   best_thirds = 4
 *   third_order = points goal_difference goals_for lots
 *   third_vs = 1B:ADEF 1C:DEF 1E:ABCD 1F:ABC
 *   third_table = ABCD:ADBC ABCE:AEBC ... CDEF:FEDC
 *   source = FIFA World Cup regulations 1998-2014
 * third_vs: the sides that meet a best third, each with the groups whose
 * third it may meet; third_table: for each choice of best_thirds groups
 * (its letters in order), the group whose third meets each side of
 * third_vs, in third_vs's order. The table is checked whole: every choice
 * once, in alphabetical order, each third once and only where allowed.
 * out->third_table points into text, which must outlive out.
 * Errors name file:line:column and what was expected. */
tl_rc tl_rules_parse(const char *text, const char *file, struct tl_rules *out,
                     struct tl_error *err) TL_WUR;
/* The letter of the group whose third meets side `vs` ("1B") when the best
 * thirds come from the groups in `letters` (bit i: group 'A' + i), from the
 * rules' third_table; 0 when the rules have no table, no such side or no
 * row for those groups. */
char tl_rules_third_for(const struct tl_rules *r, unsigned letters, const char *vs);
/* The built-in rule set of a competition's edition and group round (1 the
 * first group stage, 2 a later one), as text; NULL when none. *name gets
 * the rule set's name (e.g. "fifa-wc-1998") for messages. */
const char *tl_rules_builtin(const char *competition, int year, int round, const char **name);

/* The rule set of edition e's group round `round`: the built-in one, else
 * generic rules (3 points, goal difference, goals scored). */
tl_rc tl_rules_for(const struct tl_edition *e, int round, struct tl_rules *r, const char **name,
                   struct tl_error *err) TL_WUR;

/* ---- group tables (engine/table.c) ---- */

struct tl_standing {
    int64_t team_id;
    const char *team;                /* borrowed from the edition */
    int played, won, drawn, lost, gf, ga, points;
    int fair_play;                   /* <= 0 */
    int position;                    /* 1.. */
    int level;                       /* level with the row above after every rule (lots) */
    int through;                     /* goes through by position (advance), once the group
                                      * is complete and no tie straddles the line */
};
/* Why one team is above another: the rule that separated them. */
struct tl_separation {
    int upper, lower;                /* rows */
    enum tl_rule rule;
    char text[200];                  /* "Japan above Senegal on fair play points, -4 to -6" */
};
struct tl_standings {
    struct tl_standing row[TL_MAX_GROUP_TEAMS];
    int n;
    struct tl_separation why[3 * TL_MAX_GROUP_TEAMS];
    int nwhy;
    int unplayed;                    /* matches of the group not played yet */
    int live;                        /* of the counted ones, in progress (as they stand) */
    char note[256];                  /* "Netherlands and Republic of Ireland level after every
                                      * rule: lots decided ...", or "" */
};

/* The table of group g of edition e under rules r, from the matches played
 * on or before as_of ("YYYY-MM-DD", NULL = all). */
tl_rc tl_engine_group_table(const struct tl_rules *r, const struct tl_edition *e, int g,
                            const char *as_of, struct tl_standings *out) TL_WUR;

/* Every group table of e by its rules (tl_rules_for) as of as_of (NULL:
 * all): tab[g] for group g, ptr[g] pointing at it or NULL when it could
 * not be made. tab and ptr hold e->ng each. */
tl_rc tl_engine_edition_tables(const struct tl_edition *e, const char *as_of,
                               struct tl_standings *tab, const struct tl_standings **ptr,
                               struct tl_error *err) TL_WUR;

/* A match at a moment (engine/asof.c): where its clock stood. */
enum tl_clock_state { TL_CLOCK_BEFORE, TL_CLOCK_PLAYING, TL_CLOCK_OVER, TL_CLOCK_UNKNOWN };
struct tl_clock {
    enum tl_clock_state state;
    int period;          /* PLAYING: 1-4, 5 the shootout */
    int minute, added;   /* PLAYING: the minutes played (45+2: 45, 2) */
    int interval;        /* PLAYING: in the break after `period` */
};
/* The clock of match m at moment t (seconds since 1970, UTC) for a kick-off
 * at ko, from the kick-off model (ev: the match's events, whose stoppage
 * minutes lengthen the periods). */
void tl_engine_clock_model(const struct tl_tmatch *m, const struct tl_event_list *ev, int64_t ko,
                           int64_t t, struct tl_clock *c);
/* Make m the match as it stood at clock c: before kick-off not played;
 * playing: live, with the goals and fair play points of its events up to
 * the clock (score: the live feed's score at the moment instead, or NULL);
 * over: as it is. -1 (m unchanged) when its events cannot say (a goal
 * without its minute, goals that do not make the final score). */
int tl_engine_match_at(struct tl_tmatch *m, const struct tl_event_list *ev, const struct tl_clock *c,
                       const int *score);

/* What the remaining matches of a group can do: every combination of
 * win, draw and loss in the matches not played by as_of, and for each
 * team whether it is then surely through (more points than all but
 * advance-1 others can reach... exactly: fewer than `advance` teams end
 * with as many points or more), surely out, or level on points at the
 * line (the next rule decides). Best thirds are not counted. */
#define TL_WHATIF_MAX_REMAINING 8
struct tl_whatif {
    int n;                                /* teams */
    const char *team[TL_MAX_GROUP_TEAMS];
    int points[TL_MAX_GROUP_TEAMS];       /* now */
    int nrem;                             /* matches still to play */
    const struct tl_tmatch *rem[TL_WHATIF_MAX_REMAINING];
    int clinched[TL_MAX_GROUP_TEAMS], eliminated[TL_MAX_GROUP_TEAMS];
    char says[TL_MAX_GROUP_TEAMS][600];   /* "through if it beats Poland, or draws and ..." */
    const char *decider;                  /* the rule after points ("goal difference") */
    int best_thirds;                      /* the rules' best thirds that also go through: a
                                           * third is then through or out by the points of
                                           * the complete groups' thirds, or undecided */
};
/* TL_ELIMIT with more matches to play than one matchday has (half the
 * teams, rounded up): the question is about the last matchday. */
tl_rc tl_engine_whatif(const struct tl_rules *r, const struct tl_edition *e, int g,
                       const char *as_of, struct tl_whatif *out) TL_WUR;

/* The third-placed teams of round `round` ranked by r->third_order: rows
 * of the groups' tables (tables[i] is group i's, NULL for groups of other
 * rounds); out gets group indexes best first, *n how many. */
/* > 0 when third b ranks above third a by r->third_order, < 0 below, 0
 * level on every criterion touchline can count (ranking, lots: not). */
int tl_engine_third_cmp(const struct tl_rules *r, const struct tl_standing *a,
                        const struct tl_standing *b);
void tl_engine_rank_thirds(const struct tl_rules *r, const struct tl_edition *e,
                           const struct tl_standings *const *tables, int *out, int *n);

/* ---- confederations and stages, as data (engine/confed.c) ---- */

/* The confederation (AFC, CAF, CONCACAF, CONMEBOL, OFC, UEFA) a team, named
 * as the results data names it, belonged to in a year; NULL if unknown. */
const char *tl_confederation(const char *team, int year);
extern const char *const tl_confederation_source;

enum tl_stage_level {
    TL_STAGE_GROUP, TL_STAGE_ROUND_OF_32, TL_STAGE_ROUND_OF_16, TL_STAGE_QUARTER_FINAL,
    TL_STAGE_SEMI_FINAL, TL_STAGE_FINAL, TL_STAGE__COUNT
};
/* "semi-final" ... and back; parse returns -1 for an unknown name. */
const char *tl_stage_level_name(enum tl_stage_level l);
int tl_stage_level_parse(const char *s, enum tl_stage_level *out);
/* How far a match goes, from its stage's name; -1 when the name does not say. */
int tl_stage_level(const char *stage, int in_group);
/* How far match i of e goes: from its group, its stage's name, or else the
 * number of matches of its stage (8: a round of 16); -1 when unknown. */
int tl_engine_match_level(const struct tl_edition *e, size_t i);

/* ---- brackets (engine/bracket.c) ---- */

/* Who a slot means once results are in: "W49" / "L49" the winner / loser
 * of match number 49, "1A" / "2A" the first / second of Group A when its
 * table is complete. NULL while not known (and for third-place slots such
 * as "3A/B/C", which need the match: tl_engine_match_slot). tables[g] is
 * group g's (NULL allowed). */
const char *tl_engine_slot(const struct tl_edition *e, const struct tl_standings *const *tables,
                           const char *slot);
/* Who takes side `side` of match m: its team when known, else its slot as
 * tl_engine_slot reads it, third-place slots included: "3A/D/E/F" facing
 * "1B" is the third of the group the rules' table (third_table) gives for
 * the groups the best thirds come from, once every group of the round is
 * complete and no two thirds are level across the line. NULL while not
 * known. */
const char *tl_engine_match_slot(const struct tl_edition *e,
                                 const struct tl_standings *const *tables,
                                 const struct tl_tmatch *m, int side);
/* The winner of match m (0 home, 1 away) after extra time or on
 * penalties; -1 when not played or drawn without a winner in the data. */
int tl_engine_winner(const struct tl_tmatch *m);

#define TL_BRACKET_MAX 32
/* The knockout rounds of an edition, each in bracket order (the two
 * matches feeding a match of the next round are next to each other). */
struct tl_bracket {
    int nrounds;
    int level[TL_STAGE__COUNT];                 /* enum tl_stage_level of each round */
    int n[TL_STAGE__COUNT];
    int match[TL_STAGE__COUNT][TL_BRACKET_MAX]; /* indexes into the edition's matches */
    int third;                                  /* the third-place match, or -1 */
};
/* From the matches of round of 32 level and on (a replay stands for the
 * match it replays). Feeding matches are found by the teams that won
 * them, or by slots ("W49"). */
void tl_engine_bracket(const struct tl_edition *e, struct tl_bracket *out);
/* A match for third place (its stage says "third" or "3rd"). */
int tl_engine_is_third_place(const struct tl_tmatch *m);

/* ---- shootouts (engine/shootout.c) ---- */

/* One kick, in the order taken: which team (0 or 1, any labelling) and
 * whether it went in. */
struct tl_kick {
    int team;
    int scored;
};
struct tl_shootout_check {
    int ok;                  /* the sequence is a valid shootout, decided at its last kick */
    int decided_at;          /* the kick (1..) after which it was decided; 0 never */
    int winner;              /* team 0 or 1; -1 undecided */
    int score[2];            /* kicks scored by each team */
    int bad_kick;            /* the first kick (1..) that breaks a rule; 0 none */
    int undecided;           /* no rule broken, but not decided yet (bad_kick: the last) */
    char why[160];           /* what is wrong, "" when ok */
};
/* Check a shootout kick by kick: the teams alternate, the first five each
 * (best of five) end as soon as one team cannot be caught, then sudden
 * death in pairs; no kick after it is decided, and it is decided by the
 * last kick. names[0..1] name the teams in messages. */
void tl_engine_shootout(const struct tl_kick *k, int n, const char *const names[2],
                        struct tl_shootout_check *out);

/* ---- history (engine/history.c) ---- */

/* How an edition ended: its final, or (1950) the final round's table. */
struct tl_outcome {
    int decided;                     /* 0: not played to the end yet */
    int64_t winner_id, runner_up_id;
    const char *winner, *runner_up;  /* borrowed from the edition */
    const struct tl_tmatch *final;   /* NULL when a group decided */
    int by_group;                    /* the group that decided, or -1 */
    char how[64];                    /* "3-3 aet, 4-2 on penalties", "final round" */
    char hosts[160];                 /* the countries the matches were played in, most first */
};
/* The outcome of edition e. tables[g] is group g's table (NULL allowed for
 * groups that cannot decide). The deciding match is the edition's last
 * played one: a final (its winner, after extra time or on penalties), or
 * a match of a last group round (that group's first and second). */
void tl_engine_outcome(const struct tl_edition *e, const struct tl_standings *const *tables,
                       struct tl_outcome *out);

/* How far team_id went in edition e (outcome o): "champions", "runner-up",
 * "third place", "fourth place" (the third-place match), "semi-final",
 * "quarter-final", "round of 16", "round of 32", "final round" (a last
 * group round that decided, 1950), "second group round" (1974-1982),
 * "group stage"; NULL when it did not play. Matches still to play count
 * as reached; "(still in)" is the caller's to say. */
const char *tl_engine_how_far(const struct tl_edition *e, const struct tl_outcome *o,
                              int64_t team_id);

/* The first time a team of each confederation played at a tournament
 * (level TL_STAGE_GROUP: any match), reached the quarter-finals, the
 * semi-finals (a third-place match counts), the final, or won the title
 * (level TL_STAGE__COUNT), over editions e[0..n) oldest first with their
 * outcomes. Reaching a stage is playing in it or further. Teams are
 * borrowed from the editions. */
#define TL_CONFEDERATIONS 6
struct tl_first {
    const char *confed;
    int level;                       /* enum tl_stage_level, or TL_STAGE__COUNT: the title */
    const char *edition;
    const char *team[8];             /* the teams of that confederation that did it then */
    int nteams;
};
/* out must hold TL_CONFEDERATIONS * (TL_STAGE__COUNT + 1); returns how many. */
int tl_engine_firsts(const struct tl_edition *e, const struct tl_outcome *o, size_t n,
                     struct tl_first *out);

/* ---- World Football Elo ratings (engine/elo.c) ---- */

/* Match types and their K: 60 World Cup finals, 50 continental finals and
 * major intercontinental tournaments, 40 qualifiers (and the Nations
 * Leagues), 30 other tournaments, 20 friendlies. */
enum tl_elo_class {
    TL_ELO_WORLD_CUP, TL_ELO_CONTINENTAL, TL_ELO_QUALIFIER, TL_ELO_TOURNAMENT, TL_ELO_FRIENDLY
};
#define TL_ELO_HOME  100.0   /* points added to the home side's rating */
#define TL_ELO_START 1500.0  /* a team's rating before its first match */
/* What the ratings depend on besides the results: stored ratings computed
 * under another text are computed again. */
#define TL_ELO_PARAMS "elo 1: K 60/50/40/30/20 (Nations Leagues 40), home 100, start 1500"

/* The class of a competition, by its name in the results data ("FIFA
 * World Cup qualification" is a qualifier; NULL is a friendly). */
enum tl_elo_class tl_elo_class(const char *competition);
int tl_elo_k(enum tl_elo_class c);
/* "World Cup finals", "friendly" ... */
const char *tl_elo_class_name(enum tl_elo_class c);
/* The expected result of a side dr points better: 1 / (10^(-dr/400) + 1). */
double tl_elo_expected(double dr);
/* The goal-difference multiplier G. */
double tl_elo_margin(int goal_difference);
/* The home side's gain (the away side's loss) from one match with score
 * gh-ga after extra time (a shootout is a draw). */
double tl_elo_change(double home, double away, int neutral, int gh, int ga, int k);

/* Rate g[0..n) in order, updating rating[] and played[] (matches rated per
 * team; a team at 0 starts at TL_ELO_START). */
void tl_elo_run(struct tl_elo_game *g, size_t n, double *rating, int *played);

/* ---- forecasts: Monte Carlo over the rest of a tournament (engine/forecast.c) ---- */

/* xoshiro256**: fast, 2^256 - 1 period; the same seed gives the same numbers. */
struct tl_rng {
    uint64_t s[4];
};
void tl_rng_seed(struct tl_rng *r, uint64_t seed);
uint64_t tl_rng_next(struct tl_rng *r);

/* The match model: Poisson goals for each side at rates (mu/2) e^c and
 * (mu/2) e^-c (mu goals between equal sides, more in a mismatch), c such
 * that P(win) + P(draw)/2 is the Elo expectation of a side dr points
 * better (home advantage included by the caller). Draws come from the goal
 * model. Extra time: a third of a match at the same rates. */
#define TL_GOALS_MAX 10
#define TL_GOAL_GUIDE_BITS 6
#define TL_GOAL_GUIDE (1 << TL_GOAL_GUIDE_BITS)
#define TL_FORECAST_MU 2.6   /* goals per match between equal sides */
struct tl_goal_model {
    double lambda[2];                      /* home, away goals per 90 minutes */
    uint32_t cdf[2][TL_GOALS_MAX + 1];     /* P(goals <= k) * 2^32 */
    uint32_t et[2][TL_GOALS_MAX + 1];      /* the same for extra time */
    uint8_t guide[2][TL_GOAL_GUIDE];       /* where to start looking in cdf, by the top bits */
    uint8_t et_guide[2][TL_GOAL_GUIDE];
};
void tl_goal_model_init(struct tl_goal_model *g, double dr, double mu);
/* P(home win), P(draw), P(away win) over 90 minutes, exactly. */
void tl_goal_model_probs(const struct tl_goal_model *g, double p[3]);
/* One sample of the goals in 90 minutes (extra: in extra time). */
void tl_goal_model_sample(const struct tl_goal_model *g, struct tl_rng *r, int extra,
                          int goals[2]);

/* A team's chances: p[level] of reaching each knockout level (enum
 * tl_stage_level; TL_STAGE_GROUP: it plays in the group round), p[
 * TL_STAGE__COUNT] of winning the title; se the standard errors;
 * position[k] the chance of finishing k+1-th in its group. */
struct tl_forecast_team {
    int64_t team_id;
    const char *team;                      /* borrowed from the edition */
    double rating;                         /* Elo at the moment of the forecast */
    int group;                             /* index in the edition's groups, -1 none */
    double p[TL_STAGE__COUNT + 1], se[TL_STAGE__COUNT + 1];
    double position[TL_MAX_GROUP_TEAMS];
};
struct tl_forecast;
/* Compile edition e (a group round, if any, then knockouts) as of as_of
 * ("YYYY-MM-DD", NULL: every result in) under the group rules r, with the
 * teams' ratings (ids[i] rated ratings[i]; others TL_ELO_START). Teams
 * known in a knockout match of the data (past editions) are traced to the
 * group position they came from by the complete tables; slots ("1A",
 * "3A/B/C/D", "W49") are read as they are. TL_EUSAGE with a reason for
 * formats it cannot simulate (a second group round, no knockouts). */
tl_rc tl_forecast_new(const struct tl_edition *e, const struct tl_rules *r, const char *as_of,
                      const int64_t *ids, const double *ratings, size_t nratings, double mu,
                      struct tl_forecast **out, struct tl_error *err) TL_WUR;
/* Simulate the rest sims times from seed; the results replace any before. */
tl_rc tl_forecast_run(struct tl_forecast *f, long sims, uint64_t seed) TL_WUR;
int tl_forecast_nteams(const struct tl_forecast *f);
const struct tl_forecast_team *tl_forecast_team(const struct tl_forecast *f, int i);
/* The knockout levels simulated, in play order. */
int tl_forecast_levels(const struct tl_forecast *f, const int **levels);
int tl_forecast_groups(const struct tl_forecast *f);
/* The order of group g (complete) by the simulation's ranking of the
 * edition's rules, lots not drawn (*lots set when teams stay level):
 * what tests compare with the table engine. */
tl_rc tl_forecast_rank_group(const struct tl_forecast *f, int g,
                             int64_t out[TL_MAX_GROUP_TEAMS], int *lots) TL_WUR;
void tl_forecast_free(struct tl_forecast *f);

/* ---- penalties and shootouts (engine/shootout.c) ---- */

/* The first-kicker effect: of the shootouts in l whose first kicker is
 * known, how many the team that kicked first won, its share and a 95%
 * Wilson score interval. */
struct tl_first_kicker {
    long n, wins;
    double share, lo, hi;
};
void tl_engine_first_kicker(const struct tl_shootout_list *l, struct tl_first_kicker *out);
/* A share k of n with its 95% Wilson score interval. */
void tl_wilson(long k, long n, double *share, double *lo, double *hi);

/* Published estimates of the first kicker's win share, for comparison. */
struct tl_literature {
    const char *study;
    const char *sample;
    double share;     /* NAN when the study reports no single share */
    const char *finding;
};
extern const struct tl_literature tl_first_kicker_literature[];
extern const int tl_first_kicker_nliterature;

/* ---- milestones (engine/milestones.c) ---- */

/* The method's version: saved milestones found by another are found again. */
#define TL_MS_METHOD "milestones 4"

/* Every milestone of the matches ml (date order) and goals gl (match
 * order; each goal's match the index of its match in ml), with the
 * baselines bl (by date) replacing a player's count after their day, in
 * date order, appended to out. */
tl_rc tl_engine_milestones(const struct tl_ms_match_list *ml, const struct tl_ms_goal_list *gl,
                           const struct tl_baseline_list *bl, struct tl_milestone_list *out) TL_WUR;

#endif
