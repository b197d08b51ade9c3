/*
 * load: connects importers to the store. One call imports one data set in
 * one transaction: all of it or nothing. Malformed rows stop the import
 * (the database is left exactly as it was) unless skip_bad is set, in which
 * case each bad row is reported and counted and the rest is imported.
 */
#ifndef TOUCHLINE_LOAD_H
#define TOUCHLINE_LOAD_H

#include "touchline/engine.h"
#include "touchline/ftxt.h"
#include "touchline/intl.h"
#include "touchline/store.h"

#include <stdio.h>

struct tl_load_opts {
    int skip_bad;   /* report and skip malformed rows instead of stopping */
    FILE *report;   /* where skipped rows and unlinked records are reported; NULL = silent */
    int progress;   /* draw a progress bar on a terminal when the import takes > 1 s */
};

struct tl_load_stats {
    long rows[TL_INTL__COUNT];    /* rows read and stored, per file */
    long changed[TL_INTL__COUNT]; /* of which new or different from the database */
    long removed;                 /* goals no longer in goalscorers.csv, deleted */
    long skipped;                 /* malformed rows skipped (skip_bad) */
    long unlinked;                /* goals or shootouts whose match is not in results.csv */
    double seconds;
};

/* Import results.csv, goalscorers.csv, shootouts.csv and former_names.csv
 * from dir. On error the transaction is rolled back and err says
 * file:line:column. */
tl_rc tl_load_international(tl_store *s, const char *dir, const struct tl_load_opts *o,
                            struct tl_load_stats *st, struct tl_error *err) TL_WUR;

/* ---- football.txt ---- */

struct tl_ftload_stats {
    long files;
    long matches;          /* match records read */
    long matches_new;      /* not known from any source before: created */
    long matches_merged;   /* known (same teams, date within a day): completed */
    long goals, lineup_players, cards, substitutions, kicks, squad_players;
    long changed;          /* rows inserted or altered */
    long teams_new;        /* names no alias or former name explained: new teams */
    long skipped;          /* unknown lines skipped (skip_bad) */
    double seconds;
};

/* Import football.txt files: each path is a file, or a folder searched for
 * cup.txt, cup_finals.txt, *_full.txt and *_squads.txt. One transaction for
 * all of them. Matches already known from another source (the same teams,
 * either way round, within a day) are completed, not duplicated; every
 * source's reading of a match is kept for touchline check. */
tl_rc tl_load_football_txt(tl_store *s, const char *const *paths, size_t npaths,
                           const struct tl_load_opts *o, struct tl_ftload_stats *st,
                           struct tl_error *err) TL_WUR;

/* ---- StatsBomb open data ---- */

struct tl_sbload_stats {
    long files;
    long fixtures;         /* matches read from matches files */
    long matches_new;      /* not known from any source before: created */
    long matches_merged;   /* known (same teams, date within a day): completed */
    long event_files, events;
    long events_unchanged; /* event files already stored as they are: not rewritten */
    long lineup_files, lineup_players;
    long goals, own_goals, penalties_missed, cards, substitutions, kicks;
    long mismatches;       /* matches whose goals from events disagree with the matches file */
    long changed;          /* rows inserted or altered (event rows not counted) */
    long teams_new;
    double seconds;
};

/* Import StatsBomb open data: each path is the open-data folder (or any
 * folder under it) or a single matches, events or lineups file. One
 * transaction for all. A fixture already known from another source (same
 * teams, date within a day) is merged, not duplicated; an events or
 * lineups file needs its match from a matches file, of this import or an
 * earlier one. Goals, own goals, missed penalties, cards, substitutions
 * and shootout kicks derived from the events go into the common events
 * table, where touchline check compares them with the other sources and
 * with the matches file's score. */
tl_rc tl_load_statsbomb(tl_store *s, const char *const *paths, size_t npaths,
                        const struct tl_load_opts *o, struct tl_sbload_stats *st,
                        struct tl_error *err) TL_WUR;

/* ---- derived data: Elo ratings ---- */

struct tl_elo_update {
    char from[11];     /* the date rating started again from; "" when up to date */
    long rated;        /* matches rated */
};
/* An edition as it stood at a moment (`--as-of DATETIME`): each match
 * before its kick-off not played, in progress live with its score then,
 * over as it is (the engine's tl_engine_clock_model and tl_engine_match_at,
 * or the match's live feed when it was entered live). What was in progress
 * and what could not be known are listed. */
#define TL_ASOF_MAX 32
struct tl_asof_match {
    const struct tl_tmatch *m;  /* in the edition */
    struct tl_clock clock;      /* state TL_CLOCK_UNKNOWN: not counted, why says why */
    int from_feed;              /* the clock and score are the live feed's */
    const char *why;
};
struct tl_asof {
    char at[21];                /* the moment, YYYY-MM-DDTHH:MM:SSZ */
    struct tl_asof_match v[TL_ASOF_MAX];
    int n, more;                /* listed; not listed for want of room */
};
tl_rc tl_load_edition_at(tl_store *s, struct tl_edition *e, int64_t t, struct tl_asof *out,
                         struct tl_error *err) TL_WUR;

/* Bring the stored Elo ratings up to date with the results (one
 * transaction): only the matches from the earliest new, changed or removed
 * result on are rated again; rebuild rates every match. */
tl_rc tl_load_elo(tl_store *s, int rebuild, struct tl_elo_update *u, struct tl_error *err) TL_WUR;

/* Find the milestones again when what they come from changed since they
 * were saved (or always, with rebuild); *found is how many, -1 when they
 * were up to date. One transaction. */
tl_rc tl_load_milestones(tl_store *s, int rebuild, long *found, struct tl_error *err) TL_WUR;
/* The milestones of one match, found afresh in memory (nothing written,
 * no lock held: what the live feed tells after a goal). */
tl_rc tl_load_milestones_of(tl_store *s, int64_t match_id, struct tl_milestone_list *out,
                            struct tl_error *err) TL_WUR;

/* ---- facts about a match, for reports and previews (load/facts.c) ---- */

/* Every fact the data holds about match match_id that a report may tell
 * (appended to out; out->status is the match's status). TL_ENOTFOUND for
 * an unknown id. Milestones are brought up to date first. */
tl_rc tl_load_match_facts(tl_store *s, int64_t match_id, struct tl_fact_list *out,
                          struct tl_error *err) TL_WUR;
/* What a preview of a match to come may tell: the match, each team's last
 * five results, the head-to-head record, Elo-based probabilities (ratings
 * brought up to date first), the next match the winner would play, and the
 * teams' history in the competition. */
tl_rc tl_load_preview_facts(tl_store *s, int64_t match_id, struct tl_fact_list *out,
                            struct tl_error *err) TL_WUR;

/* ---- live events (load/live.c) ---- */

struct tl_live_event;
struct tl_live_result {
    int status;              /* 201 written, 200 an idempotent retry, else the 4xx refusal */
    int64_t seq;             /* the feed item's number (the SSE id) */
    int64_t competition_id;  /* the match's, 0 none: for the competition's feed */
    char *json;              /* the feed item as published (owned) */
    int replayed;            /* an Idempotency-Key seen before: nothing written */
    int64_t table_seq;       /* a group match: the table as it stands, a second item (0 none) */
    char *table_json;
};
void tl_live_result_free(struct tl_live_result *r);
struct tl_live_match;
/* Schedule a match (teams known to the data; the competition made when
 * new). *status: 201, or 404 (unknown team), 409 (already there), 422. */
tl_rc tl_load_live_match(tl_store *s, const struct tl_live_match *m, int64_t *id, int *status,
                         struct tl_error *err) TL_WUR;
/* Check event e against match match_id's state and write it, with the
 * match's score and status and the feed item, in one transaction (see
 * load/live.c). A refusal is TL_EUSAGE with res->status 404 (match or
 * player unknown), 409 (out of order, after full time, shootout decided)
 * or 422 (a team not in the match) and err saying why. */
tl_rc tl_load_live_event(tl_store *s, int64_t match_id, const struct tl_live_event *e,
                         const char *idempotency_key, struct tl_live_result *res,
                         struct tl_error *err) TL_WUR;

#endif
