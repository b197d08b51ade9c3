/* cli/cli.h: private to the touchline command. The CLI is thin: it parses
 * arguments, calls the public modules, and prints through out/. */
#ifndef TOUCHLINE_CLI_H
#define TOUCHLINE_CLI_H

#include "touchline/engine.h"
#include "touchline/load.h"
#include "touchline/out.h"
#include "touchline/resolve.h"
#include "touchline/store.h"

#include <stdio.h>

#define TOUCHLINE_VERSION "0.1.0"

enum { EXIT_OK = 0, EXIT_FAIL = 1, EXIT_USAGE = 2 };

/* Where the commands write their output and their messages: stdout and
 * stderr for the touchline command; the HTTP server points them, per
 * worker thread, at the response being built, so one implementation of
 * each command answers both. */
extern _Thread_local FILE *cli_out, *cli_err;
/* The HTTP status a failure means (404 not found, 400 bad input, 500 the
 * store), set by cli_fail; 0 when no failure said. */
extern _Thread_local int cli_http_status;

#define CLI_MAX_POS 8

/* One option a command accepts. */
struct cli_opt {
    const char *name; /* long name without "--" */
    int has_arg;
    const char *help;
};

struct cli {
    const char *prog;
    const char *cmd;          /* command name */
    const char *db;           /* --db, TOUCHLINE_DB, or ./touchline.db */
    char db_name[512];        /* db for messages (cli_db_name): no password */
    enum tl_out_format fmt;
    int help;
    /* parsed command options: value per option index (NULL = not given; "" for flags) */
    const char *val[24];
    const struct cli_opt *opts;
    size_t nopts;
    const char *pos[CLI_MAX_POS];
    size_t npos;
    tl_store *store;
    struct tl_name_list teams, comps;
    int have_teams, have_comps;
};

struct cli_cmd {
    const char *name;
    const char *args;    /* synopsis after the name */
    const char *summary; /* one line */
    const char *details; /* a paragraph (may be NULL) */
    const struct cli_opt *opts;
    size_t nopts;
    int (*run)(struct cli *c);
};

extern const struct cli_cmd cli_commands[];
extern const size_t cli_ncommands;

/* Value of option `name` for this command, or NULL. */
const char *cli_opt(const struct cli *c, const char *name);
/* Print an error (file:line:col: msg) and return the exit code for it. */
int cli_fail(const struct cli *c, const struct tl_error *err);
/* The database as messages name it: a PostgreSQL URL without its password. */
const char *cli_db_name(struct cli *c);
/* Print a usage error and return EXIT_USAGE. */
int cli_usage(const struct cli *c, const char *fmt, ...) TL_PRINTF(2, 3);
/* Open the existing database (store it in c->store). */
int cli_open(struct cli *c);
/* Resolve a team name; prints the error itself. Returns exit code. */
int cli_team(struct cli *c, const char *name, struct tl_team_match *out);
/* Resolve a competition name. */
int cli_competition(struct cli *c, const char *name, int64_t *id, char *canon, size_t cap);
/* Check a --from/--to style date argument. */
int cli_date_arg(struct cli *c, const char *opt, const char *v);
/* --seed S (default 1) into *seed; prints the usage error itself. */
int cli_seed_arg(struct cli *c, unsigned long long *seed);
/* Parse a whole positive number option; returns -1 after printing usage error. */
long cli_num_arg(struct cli *c, const char *opt, const char *v);
/* Close a file written with fopen(path) (f NULL when it did not open)
 * after the writer returned r: EXIT_OK, or EXIT_FAIL with "path: cannot
 * write the <what>". */
int cli_wrote(const struct cli *c, FILE *f, tl_rc r, const char *path, const char *what);
/* Find one match from DATE HOME AWAY, an id, or a source id in pos[from..]. */
int cli_find_match(struct cli *c, size_t from, struct tl_match_list *out);

/* The rule set of an edition's group round (built in, else generic). */
int cli_load_rules(struct cli *c, const struct tl_edition *e, int round, struct tl_rules *r,
                   const char **name);
/* Check there are npos arguments (args names them), open the database and
 * read edition pos[1] of competition pos[0] (its canonical name into
 * canon), checking --as-of first. On failure the message is printed and
 * the exit code returned. */
int cli_open_edition(struct cli *c, size_t npos, const char *args, const char **as_of,
                     char *canon, size_t cap, struct tl_edition *e);

/* Bring the stored Elo ratings up to date (a note on stderr when matches
 * were rated). */
int cli_elo_refresh(struct cli *c);

/* Resolve a player's name (of a team when team_id > 0) to one player;
 * prints the error (none, or the players it fits) itself. */
int cli_player(struct cli *c, const char *name, int64_t team_id, int64_t *id, char *canon,
               size_t cap);

/* Run command name on c (store, db, format already set) with positional
 * arguments and options given as name/value pairs (a flag's value "",
 * "true" or "1"; "false" or "0" leaves it off): the HTTP server's way in.
 * Unknown names are usage errors. */
int cli_invoke(struct cli *c, const char *name, const char *const *pos, size_t npos,
               const char *const *keys, const char *const *vals, size_t nkv);
/* The command of that name, or NULL. */
const struct cli_cmd *cli_command(const char *name);

/* Commands. */
int cmd_import(struct cli *c);
int cmd_fetch(struct cli *c);
int cmd_matches(struct cli *c);
int cmd_match(struct cli *c);
int cmd_scorers(struct cli *c);
int cmd_team(struct cli *c);
int cmd_h2h(struct cli *c);
int cmd_check(struct cli *c);
int cmd_player(struct cli *c);
int cmd_resolve(struct cli *c);
int cmd_timeline(struct cli *c);
int cmd_standings(struct cli *c);
int cmd_history(struct cli *c);
int cmd_next(struct cli *c);
int cmd_whatif(struct cli *c);
int cmd_bracket(struct cli *c);
int cmd_shots(struct cli *c);
int cmd_lineups(struct cli *c);
int cmd_stats(struct cli *c);
int cmd_elo(struct cli *c);
int cmd_forecast(struct cli *c);
int cmd_penalties(struct cli *c);
int cmd_shootouts(struct cli *c);
int cmd_milestones(struct cli *c);
int cmd_baseline(struct cli *c);
int cmd_records(struct cli *c);
int cmd_report(struct cli *c);
int cmd_preview(struct cli *c);
int cmd_serve(struct cli *c);
int cmd_replay(struct cli *c);
int cmd_competitions(struct cli *c);

/* Shared rendering: a list of matches as a table (text/CSV) or JSON array. */
tl_rc cli_match_table(const struct tl_match_list *l, struct tl_table *t);
/* "1-2", "2-2 (4-3 pen)", "2-2 (Croatia won on pens)", "v" */
void cli_score(const struct tl_match *m, char *out, size_t cap);
void cli_json_match(struct tl_json *j, const struct tl_match *m);

#endif
