/*
 * store: the database. Owns the schema, its migrations (PRAGMA user_version),
 * transactions, the writes importers need and the queries the commands need.
 * The only module that includes sqlite3.h; nobody outside sees a statement.
 *
 * Every written row records its provenance: a source (file) id and a line.
 * Writes are upserts on natural keys, so importing the same file twice
 * changes nothing.
 */
#ifndef TOUCHLINE_STORE_H
#define TOUCHLINE_STORE_H

#include "touchline/model.h"
#include "touchline/util.h"

typedef struct tl_store tl_store;

#define TL_SCHEMA_VERSION 7

/* Open (creating if needed) and migrate the database at path. WAL mode,
 * foreign keys on. *out is closed with tl_store_close(). */
tl_rc tl_store_open(const char *path, tl_store **out, struct tl_error *err) TL_WUR;
/* Open an existing database (TL_ENOTFOUND if there is none), migrating it
 * if it is older than this build; TL_ESTORE if it is newer. */
tl_rc tl_store_open_existing(const char *path, tl_store **out, struct tl_error *err) TL_WUR;
void tl_store_close(tl_store *s);
/* Remove a closed database file with its -wal, -shm and -journal files
 * (missing files are fine). */
void tl_store_remove(const char *path);
/* The schema version the open database is at. */
int tl_store_version(tl_store *s);
/* 1 when db names a PostgreSQL database ("postgresql://..." or
 * "postgres://..."): a store other processes (server nodes) share. */
int tl_store_shared(const char *db);
/* db as messages should name it: a PostgreSQL URL without its password
 * (malloc'd; tl_free it). */
char *tl_store_label(const char *db);

/* Hearing of commits made by any process to a shared store (PostgreSQL's
 * LISTEN/NOTIFY: every write transaction notifies at commit). */
typedef struct tl_store_watch tl_store_watch;
tl_rc tl_store_watch_open(const char *db, tl_store_watch **out, struct tl_error *err) TL_WUR;
/* Wait up to timeout_ms: 1 when something was committed (one or many
 * commits), 0 when nothing was, -1 when the connection is lost (close the
 * watch and open another; what was missed meanwhile must be read again). */
int tl_store_watch_wait(tl_store_watch *w, int timeout_ms);
void tl_store_watch_close(tl_store_watch *w);

tl_rc tl_store_begin(tl_store *s, struct tl_error *err) TL_WUR;
/* The SQL of a statement left running (not reset) on s, or "(an open
 * transaction)", or NULL when s is idle: what a server checks between
 * requests (a running statement holds a read snapshot). */
const char *tl_store_busy_sql(tl_store *s);
/* Reset any statement left running and roll back an open transaction:
 * a long-lived connection between requests. */
void tl_store_idle(tl_store *s);
/* 1 when the transaction began on an empty matches table (nothing to merge with). */
int tl_store_matches_fresh(tl_store *s);
/* Commit; if it fails, the transaction is rolled back. */
tl_rc tl_store_commit(tl_store *s, struct tl_error *err) TL_WUR;
/* A transaction that writes only derived tables (Elo ratings...): foreign
 * keys stay checked row by row and commit checks nothing more, so a small
 * update costs little. End it with tl_store_commit_derived or
 * tl_store_rollback. */
tl_rc tl_store_begin_derived(tl_store *s, struct tl_error *err) TL_WUR;
tl_rc tl_store_commit_derived(tl_store *s, struct tl_error *err) TL_WUR;
/* Inside a transaction that began on empty match and event tables: drop the
 * secondary indexes now and build them again at commit (a rollback restores
 * them). A no-op otherwise. */
tl_rc tl_store_bulk(tl_store *s, struct tl_error *err) TL_WUR;
/* Inside a transaction (SQLite; a no-op on PostgreSQL): hold lineup, squad
 * and spelling rows, and new events, matches and players going into tables
 * that were empty at begin, back and write them together, before anything
 * reads those tables and at commit. Their
 * writers then say every row changed something; tl_store_settle writes
 * what is held and says in *unchanged how many rows handed over since the
 * last settle did not. */
tl_rc tl_store_defer(tl_store *s) TL_WUR;
tl_rc tl_store_settle(tl_store *s, long *unchanged, struct tl_error *err) TL_WUR;
void tl_store_rollback(tl_store *s);

/* A disagreement between sources, or a source that contradicts itself. */
struct tl_finding {
    const char *kind;     /* score, goals, own goal, scorer, lineup, minutes (static) */
    int64_t match_id;
    char date[11];
    char *home, *away;
    char *message;
    char *file[2];        /* each side's file (file[1] NULL for one-source findings) */
    long line[2];
};
struct tl_finding_list {
    struct tl_finding *v;
    size_t n, alloc;
};
void tl_finding_list_free(struct tl_finding_list *l);
/* Every finding of the cross-source checks, for matches between from and to
 * (NULL = open), by kind then date. */
tl_rc tl_store_findings(tl_store *s, const char *from, const char *to,
                        struct tl_finding_list *out, struct tl_error *err) TL_WUR;

/* PRAGMA integrity_check and foreign_key_check: TL_OK when both are clean. */
tl_rc tl_store_check(tl_store *s, struct tl_error *err) TL_WUR;
/* Row count of a table (for reports and tests); -1 on error. */
long tl_store_count(tl_store *s, const char *table);

/* ---- writes (inside a transaction) ---- */

/* Register a source: a file named `name` within a data set of `kind`, read
 * from path. *id is stable across re-imports of the same (kind, name), from
 * whatever folder; the path and time of the last import are recorded. */
tl_rc tl_store_source(tl_store *s, const char *kind, const char *name, const char *path,
                      int64_t *id, struct tl_error *err) TL_WUR;
/* Get or create a team by exact name. */
tl_rc tl_store_team(tl_store *s, const char *name, int64_t src, long line, int64_t *id,
                    struct tl_error *err) TL_WUR;
/* Get or create a competition by exact name. */
tl_rc tl_store_competition(tl_store *s, const char *name, int64_t src, long line, int64_t *id,
                           struct tl_error *err) TL_WUR;
/* Get or create a player by name within a team. */
tl_rc tl_store_player(tl_store *s, const char *name, int64_t team_id, int64_t src, long line,
                      int64_t *id, struct tl_error *err) TL_WUR;

struct tl_match_write {
    const struct tl_match_rec *rec;
    int64_t home_id, away_id, competition_id;
    int64_t source_id;
};
/* Upsert a match on (date, home, away, seq). *changed is 1 if a row was
 * inserted or altered, 0 if it was already there as is. */
tl_rc tl_store_put_match(tl_store *s, const struct tl_match_write *w, int64_t *id, int *changed,
                         struct tl_error *err) TL_WUR;
/* The id of the match (date, home, away, seq); TL_ENOTFOUND if none
 * (err untouched), TL_ESTORE if the database could not say (err says why). */
tl_rc tl_store_match_id(tl_store *s, const char *date, int64_t home_id, int64_t away_id, int seq,
                        int64_t *id, struct tl_error *err) TL_WUR;

struct tl_event_write {
    int64_t match_id;
    const char *date;    /* the match's date (YYYY-MM-DD) */
    enum tl_event_kind kind;
    int period;          /* 0 = unknown */
    int minute, added;   /* minute TL_NONE = unknown */
    int64_t team_id;
    int64_t player_id;   /* 0 = unknown */
    int64_t player2_id;  /* a substitution: the player going off; 0 otherwise */
    const char *outcome; /* missed penalty or shootout kick: scored/saved/missed...; NULL */
    int kick_order;      /* shootout kicks: 1, 2, ...; 0 otherwise */
    int64_t source_id;
    long source_line;
    int ord;             /* position among this source's events of the match */
};
/* Upsert an event on (match, source, ord). */
tl_rc tl_store_put_event(tl_store *s, const struct tl_event_write *w, int *changed,
                         struct tl_error *err) TL_WUR;
/* After a source's events were written: delete its events that this import
 * did not write again (a goal removed from a corrected file). counts[id] is
 * how many events the import wrote for match id (ids 0..n-1). *deleted gets
 * how many rows went. */
tl_rc tl_store_prune_events(tl_store *s, int64_t source_id, const int *counts, size_t n,
                            long *deleted, struct tl_error *err) TL_WUR;
/* After a source that describes one match wrote it again: delete its
 * events from ord nevents on and its lineup entries from ord nlineup on
 * (what a corrected file no longer has). *deleted counts the rows. */
tl_rc tl_store_prune_match(tl_store *s, int64_t source_id, int64_t match_id, int nevents,
                           int nlineup, long *deleted, struct tl_error *err) TL_WUR;
/* ---- what football.txt adds (store/detail.c) ---- */

/* Set a source's rank: when sources list the same goals, the most complete
 * list counts, and among equals the higher rank. */
tl_rc tl_store_source_rank(tl_store *s, int64_t source_id, int rank, struct tl_error *err) TL_WUR;
/* Get or create an edition of a competition ("2022"), a stage of an edition
 * (kind: group, knockout, final_round or playoff) and a group of a stage. */
tl_rc tl_store_edition(tl_store *s, int64_t competition_id, const char *name, int64_t src,
                       long line, int64_t *id, struct tl_error *err) TL_WUR;
tl_rc tl_store_stage(tl_store *s, int64_t edition_id, const char *name, const char *kind, int ord,
                     int64_t src, long line, int64_t *id, struct tl_error *err) TL_WUR;
tl_rc tl_store_group(tl_store *s, int64_t stage_id, const char *name, int64_t src, long line,
                     int64_t *id, struct tl_error *err) TL_WUR;

/* A match between teams a and b (either way round) within `days` of date,
 * nearest first, that source_id does not already describe. TL_OK with *id
 * and *a_home (1 when a is the stored home team), TL_ENOTFOUND, or
 * TL_EAMBIG when two matches fit equally. */
tl_rc tl_store_match_near(tl_store *s, const char *date, int64_t a, int64_t b, int days,
                          int64_t source_id, int64_t *id, int *a_home,
                          struct tl_error *err) TL_WUR;

/* Everything a detailed source knows of a match, oriented to the stored
 * home team. TL_NONE / 0 / NULL = not known. */
struct tl_match_detail {
    const char *date;
    int64_t home_id, away_id;         /* 0 with a slot */
    const char *home_slot, *away_slot;
    int64_t competition_id, edition_id, stage_id, group_id;
    int match_no;
    const char *kickoff;              /* "HH:MM" local */
    int utc_offset;                   /* minutes */
    const char *venue, *city;
    long attendance;
    const char *referee;
    const char *status;               /* scheduled / finished / abandoned */
    int score[2], ht[2], ft[2], aet[2], so[2];
    int64_t so_winner_id, so_first_id;
    int goals_listed;                 /* TL_NONE when the source has no goal list */
    int64_t source_id;
    long source_line;
};
/* Create a match from a detailed source (for a match no source had yet). */
tl_rc tl_store_add_match(tl_store *s, const struct tl_match_detail *d, int64_t *id,
                         struct tl_error *err) TL_WUR;
/* Fill in what the stored match does not know yet (nothing known is
 * overwritten: disagreements are for touchline check) and record this
 * source's version of the match (tl_store_match_version). *changed as for
 * put_match. */
tl_rc tl_store_merge_match(tl_store *s, int64_t id, const struct tl_match_detail *d, int *changed,
                           struct tl_error *err) TL_WUR;
/* Record this source's version of match id (its score, date, status as
 * this source has them): all a match just added by tl_store_add_match
 * needs. *changed: the version is new or different. */
tl_rc tl_store_match_version(tl_store *s, int64_t id, const struct tl_match_detail *d, int *changed,
                             struct tl_error *err) TL_WUR;
/* A detailed source's match: merged into the stored match *id when one
 * was found (tl_store_merge_match: *changed as there), else added with this
 * source's version (*id set, *changed 1). */
tl_rc tl_store_put_detailed_match(tl_store *s, int found, int64_t *id,
                                  const struct tl_match_detail *d, int *changed,
                                  struct tl_error *err) TL_WUR;
/* A player of a team, found by folded name (and birth date when both are
 * known) or created. Among namesakes the one in the squad of edition_id is
 * chosen, then one of playing age on date (either may be 0 / NULL). A
 * better-written name (accents, mixed case) replaces a worse one, and a
 * birth date fills a missing one. */
tl_rc tl_store_player_born(tl_store *s, const char *name, int64_t team_id, const char *birth,
                           int64_t edition_id, const char *date, int64_t src, long line,
                           int64_t *id, struct tl_error *err) TL_WUR;
/* The same for a name as a file wrote it ("Harry KANE"): tidied with
 * tl_name_pretty before it is stored, and only the first time it is seen. */
tl_rc tl_store_player_written(tl_store *s, const char *name, int64_t team_id, const char *birth,
                              int64_t edition_id, const char *date, int64_t src, long line,
                              int64_t *id, struct tl_error *err) TL_WUR;
/* The same with the name's tidy form and the fold of that made beforehand
 * (another thread read the file: tl_name_pretty and tl_fold into 256
 * bytes each, exactly as here), or NULL to have them made here. */
struct tl_name_forms {
    const char *tidy, *folded;
};
tl_rc tl_store_player_written_as(tl_store *s, const char *name, const struct tl_name_forms *forms,
                                 int64_t team_id, const char *birth, int64_t edition_id,
                                 const char *date, int64_t src, long line, int64_t *id,
                                 struct tl_error *err) TL_WUR;
/* The forms tl_store_player_written makes of a name as a file wrote it:
 * its tidy form into tidy, that folded into folded (256 bytes each). */
void tl_name_forms_make(const char *name, char tidy[256], char folded[256]);
struct tl_lineup_write {
    int64_t match_id, team_id, player_id;
    int starter, captain;
    int shirt;            /* TL_NONE when unknown */
    const char *position; /* NULL when unknown */
    int64_t source_id;
    long source_line;
    int ord;              /* position in the source's lineup of the match */
};
/* Upsert a lineup entry on (match, source, ord). */
/* The player who wore shirt number `shirt` for team_id in the squad of the
 * match's edition, if one of names (NULL-terminated) shares a word of three
 * letters or more with his name ("Gero Rulli" is Gerónimo Rulli, #12).
 * TL_ENOTFOUND when the squad is unknown or no one fits. The spelling is
 * recorded for resolve --explain. */
tl_rc tl_store_player_by_shirt(tl_store *s, int64_t match_id, int64_t team_id, int shirt,
                               const char *const *names, int64_t src, long line, int64_t *id,
                               struct tl_error *err) TL_WUR;
tl_rc tl_store_put_lineup(tl_store *s, const struct tl_lineup_write *w, int *changed,
                          struct tl_error *err) TL_WUR;
tl_rc tl_store_put_squad(tl_store *s, int64_t edition_id, int64_t team_id, int64_t player_id,
                         int number, const char *position, int64_t src, long line, int *changed,
                         struct tl_error *err) TL_WUR;
/* Mark, for every match with goals from several sources, the goals of the
 * best source (most goals listed, then highest rank) as the ones that count. */
tl_rc tl_store_pick_primary(tl_store *s, struct tl_error *err) TL_WUR;
/* Events of a player on days he was not of playing age (under 14, over 46:
 * the results data has no birth dates and joins namesakes of different
 * eras) move to a namesake who was, or to a new one. *moved counts them. */
tl_rc tl_store_split_namesakes(tl_store *s, long *moved, struct tl_error *err) TL_WUR;
/* Resolve a team name as of a date: current name, alias or former name in
 * use that day (all folded). TL_ENOTFOUND when none. */
tl_rc tl_store_team_on(tl_store *s, const char *name, const char *date, int64_t *id,
                       struct tl_error *err) TL_WUR;
/* Record an alias of a team (another name for it, e.g. USA for United
 * States), valid from..to (NULL = open). */
tl_rc tl_store_alias(tl_store *s, int64_t team_id, const char *name, const char *from,
                     const char *to, int64_t src, int *changed, struct tl_error *err) TL_WUR;

/* A match of slots only (no teams known yet) that this source stored before. */
tl_rc tl_store_match_slot(tl_store *s, const char *date, const char *home_slot,
                          const char *away_slot, int64_t source_id, int64_t *id,
                          struct tl_error *err) TL_WUR;
/* The match numbered match_no in an edition that this source stored with a
 * slot for a side ("1A", "W49": the draw, before the teams were known);
 * TL_ENOTFOUND when none. */
tl_rc tl_store_match_numbered_slot(tl_store *s, int64_t edition_id, int match_no,
                                   int64_t source_id, int64_t *id, struct tl_error *err) TL_WUR;
/* The teams of a slot match are known now: set each side given (0 keeps
 * it), its slot cleared, and the date (the draw's day may have moved). */
tl_rc tl_store_fill_slots(tl_store *s, int64_t id, const char *date, int64_t home_id,
                          int64_t away_id, struct tl_error *err) TL_WUR;
/* Remove a slot match that turned out to be another stored match (the
 * draw's line, now a result another source had first); only while nothing
 * else refers to it (*dropped 0 then). */
tl_rc tl_store_drop_slot_match(tl_store *s, int64_t id, int *dropped,
                               struct tl_error *err) TL_WUR;
/* The date of an edition's first stored match, or of the competition's
 * first match in that year by any source; TL_ENOTFOUND when none. */
tl_rc tl_store_edition_start(tl_store *s, int64_t edition_id, int64_t competition_id,
                             const char *year, char date[11], struct tl_error *err) TL_WUR;
/* A team whose folded name is name's, other than not_id. */
tl_rc tl_store_team_folded(tl_store *s, const char *name, int64_t not_id, int64_t *id,
                           struct tl_error *err) TL_WUR;
/* Make team `from` part of team `into`: matches, events, lineups, squads,
 * names and players move over (namesake players become one), `from` goes. */
tl_rc tl_store_merge_team(tl_store *s, int64_t from, int64_t into, struct tl_error *err) TL_WUR;
/* Fill a match's referee / shootout first kicker when not known yet. */
tl_rc tl_store_set_referee(tl_store *s, int64_t match_id, const char *referee,
                           struct tl_error *err) TL_WUR;
tl_rc tl_store_set_first_kicker(tl_store *s, int64_t match_id, int64_t team_id,
                                struct tl_error *err) TL_WUR;

/* Set a match's shootout winner and first kicker (0 = unknown). */
tl_rc tl_store_set_shootout(tl_store *s, int64_t match_id, int64_t winner_id, int64_t first_id,
                            int64_t src, long line, int *changed, struct tl_error *err) TL_WUR;
/* Record a team's former name valid from start to end. */
tl_rc tl_store_former_name(tl_store *s, int64_t team_id, const char *name, const char *start,
                           const char *end, int64_t src, long line, int *changed,
                           struct tl_error *err) TL_WUR;

/* ---- event data (StatsBomb; store/sb.c) ---- */

/* Record which touchline team / player a StatsBomb id is. */
tl_rc tl_store_sb_team(tl_store *s, int32_t sb_id, const char *name, int64_t team_id,
                       struct tl_error *err) TL_WUR;
tl_rc tl_store_sb_player(tl_store *s, int32_t sb_id, const char *name, const char *nickname,
                         int64_t player_id, struct tl_error *err) TL_WUR;
/* The touchline id of a StatsBomb team / player: TL_ENOTFOUND if not recorded. */
tl_rc tl_store_sb_team_id(tl_store *s, int32_t sb_id, int64_t *id, struct tl_error *err) TL_WUR;
tl_rc tl_store_sb_player_id(tl_store *s, int32_t sb_id, int64_t *id, struct tl_error *err) TL_WUR;
/* Record a source's own id for a match (kind "statsbomb", ext_id "3788741"). */
tl_rc tl_store_match_ref(tl_store *s, const char *kind, const char *ext_id, int64_t match_id,
                         struct tl_error *err) TL_WUR;
/* Record that match_id is StatsBomb match sb_id, and the matches file's
 * score oriented to the stored home team. */
tl_rc tl_store_sb_match(tl_store *s, int64_t match_id, int32_t sb_id, const int score[2],
                        struct tl_error *err) TL_WUR;
/* Before writing a match's events from an events file of the given digest:
 * *same = 1 when this very file was already stored for the match (nothing
 * to write); otherwise the match's stored events are deleted and the new
 * digest recorded. */
tl_rc tl_store_sb_events_begin(tl_store *s, int64_t match_id, int64_t source_id,
                               const char *digest, int *same, struct tl_error *err) TL_WUR;

/* What touchline knows of StatsBomb match sb_id: TL_ENOTFOUND if nothing.
 * score: the matches file's, oriented to the stored home team (TL_NONE
 * when not known). */
struct tl_sb_match_info {
    int64_t match_id, home_id, away_id;
    char date[11];
    int score[2];
};
tl_rc tl_store_sb_match_info(tl_store *s, int32_t sb_id, struct tl_sb_match_info *out,
                             struct tl_error *err) TL_WUR;
/* One StatsBomb event as stored. Ids are StatsBomb's (0 = none); NAN for
 * an absent number; NULL for absent text. */
struct tl_sb_event_write {
    int64_t match_id;
    int idx, period, ms, minute, second, type_id;
    const char *uuid, *type;
    int possession, possession_team;
    const char *play_pattern;
    int team, player, other;
    const char *position;
    double x, y, end_x, end_y, end_z, duration, xg, length;
    unsigned flags;
    const char *outcome, *subtype, *body_part, *technique, *height, *card;
    int formation;
    int64_t source_id;
    const char *raw;
    size_t raw_len;
};
tl_rc tl_store_sb_event(tl_store *s, const struct tl_sb_event_write *w,
                        struct tl_error *err) TL_WUR;
/* A match's events from event data, in order; an empty list when it has none. */
tl_rc tl_store_actions(tl_store *s, int64_t match_id, struct tl_action_list *out,
                       struct tl_error *err) TL_WUR;

/* ---- tournaments (store/tournament.c) ---- */

/* Every match of an edition of a competition ("2022" of FIFA World Cup)
 * with its group, fair play points from the cards of the source that lists
 * the most, and the edition's groups (a "Group 2 Play-off" group is not a
 * group: its match is marked as that group's play-off). Groups are told
 * apart by name; a group whose first match comes after every match of the
 * groups before it starts a new round. TL_ENOTFOUND when the edition has
 * no matches. */
tl_rc tl_store_edition_matches(tl_store *s, int64_t competition_id, const char *edition,
                               struct tl_edition *out, struct tl_error *err) TL_WUR;
/* The names of a competition's editions, oldest first. */
tl_rc tl_store_editions(tl_store *s, int64_t competition_id, struct tl_name_list *out,
                        struct tl_error *err) TL_WUR;

/* Every shootout kick of every source, in order: by match, source, kick. */
struct tl_kick_row {
    int64_t match_id;
    char date[11];
    char *home, *away;
    int64_t home_id, away_id, team_id, winner_id; /* winner_id: the match's, 0 unknown */
    int so_home, so_away;            /* the match's, TL_NONE unknown */
    char *file;
    long line;
    int64_t source_id;
    int scored;
};
struct tl_kick_rows {
    struct tl_kick_row *v;
    size_t n, alloc;
};
void tl_kick_rows_free(struct tl_kick_rows *l);
tl_rc tl_store_kicks(tl_store *s, const char *from, const char *to, struct tl_kick_rows *out,
                     struct tl_error *err) TL_WUR;

/* ---- names ---- */

/* Every team name, current and former. */
tl_rc tl_store_team_names(tl_store *s, struct tl_name_list *out, struct tl_error *err) TL_WUR;
/* Every competition name (team_id holds the competition id). */
tl_rc tl_store_competition_names(tl_store *s, struct tl_name_list *out,
                                 struct tl_error *err) TL_WUR;

/* ---- queries ---- */

struct tl_match_filter {
    int64_t team_id;        /* 0 = any */
    int64_t vs_id;          /* 0 = any; with team_id: matches between the two */
    int64_t competition_id; /* 0 = any */
    const char *from, *to;  /* inclusive dates, NULL = open */
    int64_t match_id;       /* 0 = any */
    long limit;             /* 0 = no limit */
    int newest_first;
    int played_only;        /* only matches with a result */
};
tl_rc tl_store_matches(tl_store *s, const struct tl_match_filter *f, struct tl_match_list *out,
                       struct tl_error *err) TL_WUR;
/* Matches on a date between two teams, either way round. */
tl_rc tl_store_find_matches(tl_store *s, const char *date, int64_t a, int64_t b,
                            struct tl_match_list *out, struct tl_error *err) TL_WUR;
/* A match by a source's own id (e.g. kind "statsbomb"). */
tl_rc tl_store_match_by_ref(tl_store *s, const char *kind, const char *ext_id, int64_t *id,
                            struct tl_error *err) TL_WUR;
/* Events of a match in time order. */
tl_rc tl_store_match_events(tl_store *s, int64_t match_id, struct tl_event_list *out,
                            struct tl_error *err) TL_WUR;

/* A match's lineups, from the most detailed source that has them. */
tl_rc tl_store_match_lineups(tl_store *s, int64_t match_id, struct tl_lineup_list *out,
                             struct tl_error *err) TL_WUR;

/* A player and what the data says of him. */
struct tl_player_info {
    int64_t id;
    char *name, *team;
    char birth[11];                    /* "" when unknown */
    int matches;                       /* in lineups (detailed sources only) */
    char first_match[11], last_match[11];
    int goals, penalties, own_goals;   /* counted goals */
    char first_goal[11], last_goal[11];
    int yellow, red;                   /* red includes a second yellow */
    char *squads;                      /* "2018 #9 FW, 2022 #9 FW", or NULL */
};
struct tl_player_list {
    struct tl_player_info *v;
    size_t n, alloc;
};
void tl_player_list_free(struct tl_player_list *l);
/* The ids of the players a name can mean (the same folded name, else forms
 * of it such as a surname), of one team when team_id > 0: *n of them, at
 * most TL_PLAYER_IDS_MAX. */
#define TL_PLAYER_IDS_MAX 64
tl_rc tl_store_player_ids(tl_store *s, const char *query, int64_t team_id,
                          int64_t ids[TL_PLAYER_IDS_MAX], int *n, struct tl_error *err) TL_WUR;
/* The same players, each with a summary (matches, goals, cards, squads). */
tl_rc tl_store_players(tl_store *s, const char *query, int64_t team_id, struct tl_player_list *out,
                       struct tl_error *err) TL_WUR;

/* Rows of an explanation: (what, source name, source line, why). */
struct tl_spelling_cb {
    void *ctx;
    void (*fn)(void *ctx, const char *what, const char *source, long line, const char *why);
};
/* Every spelling the sources used for a player, where, and why it was read
 * as him. */
tl_rc tl_store_spellings(tl_store *s, int64_t player_id, struct tl_spelling_cb *cb,
                         struct tl_error *err) TL_WUR;
/* What a team name means: the teams whose current, former or other name it
 * is, with dates and the source that says so. */
tl_rc tl_store_team_explain(tl_store *s, const char *name, struct tl_spelling_cb *cb,
                            struct tl_error *err) TL_WUR;

struct tl_scorer_filter {
    int64_t team_id;        /* 0 = all teams */
    int64_t competition_id; /* 0 = all */
    const char *from, *until;
};
/* Goals per player (own goals excluded), unsorted. */
tl_rc tl_store_scorer_totals(tl_store *s, const struct tl_scorer_filter *f,
                             struct tl_scorer_list *out, struct tl_error *err) TL_WUR;

/* How complete the scorer data is for a filter. */
struct tl_coverage {
    long matches;          /* played matches in range (of the team, if one) */
    long matches_with_goals; /* in which the team (or anyone) scored */
    long matches_complete;   /* of those, with every goal's scorer listed */
    long goals;            /* goals scored in those matches (by the team) */
    long goals_listed;     /* of which the data names a scorer event */
};
tl_rc tl_store_scorer_coverage(tl_store *s, const struct tl_scorer_filter *f,
                               struct tl_coverage *out, struct tl_error *err) TL_WUR;

/* ---- Elo ratings (store/elo.c); the engine computes them ---- */

/* The earliest date whose ratings may change ("YYYY-MM-DD"): results not
 * rated yet, changed or gone since; "0000-00-00" when the ratings were
 * computed by another method than params (or never); "" when up to date. */
tl_rc tl_store_elo_stale(tl_store *s, const char *params, char from[11],
                         struct tl_error *err) TL_WUR;
/* The played matches (both teams known) from date from on, in date order;
 * team[] are team ids, k is left 0. */
tl_rc tl_store_elo_games(tl_store *s, const char *from, struct tl_elo_games *out,
                         struct tl_error *err) TL_WUR;
/* Replace the ratings from date from on with g[0..n) (rated), and record
 * params as the method. Inside a transaction. */
tl_rc tl_store_elo_save(tl_store *s, const char *from, const char *params,
                        const struct tl_elo_game *g, size_t n, struct tl_error *err) TL_WUR;
/* Every rated team's rating after its last match on or before date on
 * (NULL: all), best first. */
tl_rc tl_store_elo_ratings(tl_store *s, const char *on, struct tl_rating_list *out,
                           struct tl_error *err) TL_WUR;
/* The ratings after their last match before date `before` of teams
 * ids[0..n) (teams not rated by then are left out). */
tl_rc tl_store_elo_before(tl_store *s, const int64_t *ids, size_t n, const char *before,
                          struct tl_rating_list *out, struct tl_error *err) TL_WUR;
/* A team's rating after each of its rated matches, oldest first. */
tl_rc tl_store_elo_history(tl_store *s, int64_t team_id, struct tl_rating_list *out,
                           struct tl_error *err) TL_WUR;

/* The rated matches of a competition between two dates (NULL: open), with
 * the ratings before each; goals[] are the score after 90 minutes as far
 * as the outcome goes (a match that went to extra time is level). */
tl_rc tl_store_elo_rated(tl_store *s, int64_t competition_id, const char *from, const char *to,
                         struct tl_elo_games *out, struct tl_error *err) TL_WUR;

/* Every competition with matches, most matches first, with its editions. */
tl_rc tl_store_competitions(tl_store *s, struct tl_competition_list *out,
                            struct tl_error *err) TL_WUR;

/* ---- stats (store/stats.c) ---- */

/* Matches decided by a shootout between two dates (NULL: open), of one
 * team when team_id > 0, oldest first. */
tl_rc tl_store_shootouts(tl_store *s, int64_t team_id, const char *from, const char *to,
                         struct tl_shootout_list *out, struct tl_error *err) TL_WUR;
/* Penalties in play and shootout kicks per player (and team he took them
 * for), filtered by team and player when > 0 and by dates. */
tl_rc tl_store_penalties(tl_store *s, int64_t team_id, int64_t player_id, const char *from,
                         const char *to, struct tl_penalty_list *out, struct tl_error *err) TL_WUR;
/* Of the played matches in range (of a team when team_id > 0), how many
 * have event data, the only source that lists penalties missed in play. */
tl_rc tl_store_miss_coverage(tl_store *s, int64_t team_id, const char *from, const char *to,
                             long *matches, long *with_misses, struct tl_error *err) TL_WUR;

/* ---- milestones (store/milestones.c); the engine finds them ---- */

/* Every played match in date order with what milestones need; the goals
 * (own goals aside) in match order, each goal's `match` set to its match
 * id (the caller maps it to an index). */
tl_rc tl_store_ms_matches(tl_store *s, struct tl_ms_match_list *out,
                          struct tl_error *err) TL_WUR;
tl_rc tl_store_ms_goals(tl_store *s, struct tl_ms_goal_list *out, struct tl_error *err) TL_WUR;
/* What the milestones are computed from, as one text: when it differs
 * from the text saved with them, they are stale. */
tl_rc tl_store_ms_fingerprint(tl_store *s, char *out, size_t cap, struct tl_error *err) TL_WUR;
/* The fingerprint the saved milestones were computed from ("" none). */
tl_rc tl_store_ms_saved(tl_store *s, char *out, size_t cap, struct tl_error *err) TL_WUR;
/* Replace every milestone with l (computed from fingerprint). */
tl_rc tl_store_ms_save(tl_store *s, const struct tl_milestone_list *l, const char *fingerprint,
                       struct tl_error *err) TL_WUR;
/* The saved milestones, filtered (0 / NULL: any), oldest first. kind is a
 * name ("record_equalled") or NULL. */
struct tl_ms_filter {
    int64_t team_id, player_id;
    int64_t competition_id;  /* of the milestone's match */
    int64_t match_id;
    const char *from, *to, *kind;
};
tl_rc tl_store_milestones(tl_store *s, const struct tl_ms_filter *f,
                          struct tl_milestone_list *out, struct tl_error *err) TL_WUR;
/* Baselines: add one (inside a transaction), list them all. */
tl_rc tl_store_baseline_add(tl_store *s, int64_t player_id, int64_t team_id, int goals,
                            const char *as_of, const char *source, struct tl_error *err) TL_WUR;
tl_rc tl_store_baselines(tl_store *s, struct tl_baseline_list *out, struct tl_error *err) TL_WUR;

/* ---- the live feed (store/live.c) ---- */

struct tl_live_state {
    int period;              /* 0 before kick-off, 1-4, 5 the shootout */
    char phase[12];          /* before, playing, break, finished */
    int last_minute, last_added;
    int ord;                 /* live events written for the match */
};
/* The match's live state (a fresh one when it has none yet). */
tl_rc tl_store_live_state(tl_store *s, int64_t match_id, struct tl_live_state *out,
                          struct tl_error *err) TL_WUR;
tl_rc tl_store_live_set_state(tl_store *s, int64_t match_id, const struct tl_live_state *st,
                              struct tl_error *err) TL_WUR;
/* Set the match's score (after extra time) and status ("live",
 * "finished"); and, when not NULL, the scores at half time, after 90
 * minutes and after extra time, and the shootout's kicks and winner. */
tl_rc tl_store_live_set_match(tl_store *s, int64_t match_id, const int score[2], const int *ht,
                              const int *ft, const int *aet, const char *status, const int *so,
                              int64_t so_winner, struct tl_error *err) TL_WUR;
/* Append an item to the feed; *seq its number. */
tl_rc tl_store_feed_add(tl_store *s, int64_t match_id, int64_t competition_id, const char *kind,
                        const char *data, int64_t *seq, struct tl_error *err) TL_WUR;
/* The feed of a match (competition_id 0) or of a competition's matches
 * (match_id 0) after seq, oldest first: fn(ctx, seq, data) per item. */
tl_rc tl_store_feed(tl_store *s, int64_t match_id, int64_t competition_id, int64_t after,
                    void (*fn)(void *ctx, int64_t seq, const char *data), void *ctx,
                    struct tl_error *err) TL_WUR;
/* Every feed item after seq, oldest first: what a server node that shares
 * the store with others has not published yet. */
/* The last item of match_id's live feed published at or before the moment
 * at ("YYYY-MM-DDTHH:MM:SSZ"): *data (tl_free it) NULL when none; *fed
 * whether the match has a live feed at all. */
tl_rc tl_store_feed_at(tl_store *s, int64_t match_id, const char *at, int *fed, char **data,
                       struct tl_error *err) TL_WUR;
tl_rc tl_store_feed_all(tl_store *s, int64_t after,
                        void (*fn)(void *ctx, int64_t seq, int64_t match_id,
                                   int64_t competition_id, const char *kind, const char *data),
                        void *ctx, struct tl_error *err) TL_WUR;
/* Is there a feed item of the match with exactly this kind and data? */
tl_rc tl_store_feed_has(tl_store *s, int64_t match_id, const char *kind, const char *data,
                        int *found, struct tl_error *err) TL_WUR;
/* An idempotency key: the response it got (*found 1), or record one. */
tl_rc tl_store_request_get(tl_store *s, const char *key, int64_t *seq, char **response,
                           int *found, struct tl_error *err) TL_WUR;
tl_rc tl_store_request_put(tl_store *s, const char *key, int64_t match_id, int64_t seq,
                           const char *response, struct tl_error *err) TL_WUR;

#endif
