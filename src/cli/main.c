/* cli/main.c: `touchline`: the command table, option parsing, help, and
 * the helpers every command shares. Exit codes: 0 ok, 1 failure, 2 usage. */
#include "cli.h"

#include <errno.h>

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>


static const struct cli_opt o_import[] = {
    {"skip-bad", 0, "report malformed rows or unknown lines, skip them and import the rest"},
};
static const struct cli_opt o_fetch[] = {
    {"to", 1, "folder to download into (default: ./data)"},
    {"mirror", 1, "base URL serving the same layout (default: the public repositories)"},
    {"only", 1, "one data set: international, worldcup or statsbomb"},
    {"retries", 1, "attempts per file before giving up (default 3)"},
};
static const struct cli_opt o_matches[] = {
    {"team", 1, "matches of this team (current or former name)"},
    {"vs", 1, "only against this team"},
    {"tournament", 1, "only this tournament, e.g. \"FIFA World Cup\""},
    {"from", 1, "from this date (YYYY-MM-DD), inclusive"},
    {"to", 1, "up to this date, inclusive"},
    {"limit", 1, "at most N matches"},
    {"newest", 0, "newest first"},
};
static const struct cli_opt o_scorers[] = {
    {"team", 1, "goals for this team"},
    {"tournament", 1, "goals in this tournament"},
    {"from", 1, "goals from this date, inclusive"},
    {"until", 1, "goals up to this date, inclusive"},
    {"top", 1, "the first N ranks (default 20; 0 = all)"},
};
static const struct cli_opt o_team[] = {
    {"from", 1, "from this date, inclusive"},
    {"to", 1, "up to this date, inclusive"},
    {"tournament", 1, "only this tournament"},
};
static const struct cli_opt o_player[] = {
    {"team", 1, "only players of this team"},
    {"on", 1, "age on this date (default: today)"},
};
static const struct cli_opt o_resolve[] = {
    {"explain", 0, "show every spelling the sources used, where, and why it was read so"},
    {"on", 1, "also say which team the name means on this date"},
};
static const struct cli_opt o_check[] = {
    {"from", 1, "only matches from this date, inclusive"},
    {"to", 1, "only matches up to this date, inclusive"},
};
static const struct cli_opt o_h2h[] = {
    {"from", 1, "from this date, inclusive"},
    {"to", 1, "up to this date, inclusive"},
    {"tournament", 1, "only this tournament"},
    {"limit", 1, "list at most N matches (the record counts all)"},
};

static const struct cli_opt o_standings[] = {
    {"group", 1, "only this group (\"A\" or \"Group A\")"},
    {"as-of", 1, "the tables as they stood on this date (YYYY-MM-DD), or at this moment"
                  " (YYYY-MM-DDTHH:MM, UTC, or with Z / +HH:MM): matches then in progress count"
                  " with their score at that minute"},
    {"explain", 0, "say which rule separated whom, and by what"},
};
static const struct cli_opt o_history[] = {
    {"team", 1, "the finals this team played, its titles, and how far it went at each edition"},
    {"on", 1, "also say who held the title on this date (YYYY-MM-DD)"},
    {"firsts", 0, "the first team of each confederation to reach each stage, and to win"},
};
static const struct cli_opt o_next[] = {
    {"as-of", 1, "as if it were this date (YYYY-MM-DD): the match on or after it is next"},
};
static const struct cli_opt o_whatif[] = {
    {"as-of", 1, "as on this date: the matches after it count as still to play; or at a moment"
                  " (YYYY-MM-DDTHH:MM[Z|+HH:MM]): the matches then in progress too"},
};
static const struct cli_opt o_bracket[] = {
    {"svg", 1, "also draw the bracket into this SVG file"},
};
static const struct cli_opt o_shots[] = {
    {"svg", 1, "also draw the shot map on a pitch into this SVG file"},
};

static const struct cli_opt o_elo[] = {
    {"date", 1, "ratings as they stood after the matches of this date (YYYY-MM-DD)"},
    {"top", 1, "the first N teams, or a team's last N matches (default 20; 0 = all)"},
    {"team", 1, "a team's rating history (several: England,France); with --svg a chart"},
    {"svg", 1, "draw the teams' ratings over time into this SVG file"},
    {"all", 0, "also rank teams that have not played in the last four years"},
    {"rebuild", 0, "rate every match again instead of only new and changed results"},
};

static const struct cli_opt o_forecast[] = {
    {"as-of", 1, "forecast from this date (YYYY-MM-DD): later results are simulated"},
    {"sims", 1, "simulations (default 10000)"},
    {"seed", 1, "random seed (default 1): the same seed gives the same forecast"},
    {"goals", 1, "goals per match of the model (default 2.6)"},
    {"calibrate", 0, "score the match model on every rated match of COMPETITION instead"},
    {"from", 1, "--calibrate: matches from this date"},
    {"to", 1, "--calibrate: matches up to this date"},
};

static const struct cli_opt o_penalties[] = {
    {"team", 1, "penalties of this team's players"},
    {"player", 1, "one player's penalties"},
    {"from", 1, "from this date, inclusive"},
    {"to", 1, "up to this date, inclusive"},
    {"top", 1, "the first N players (default 20; 0 = all)"},
};
static const struct cli_opt o_shootouts[] = {
    {"team", 1, "this team's shootouts, and its record"},
    {"from", 1, "from this date, inclusive"},
    {"to", 1, "up to this date, inclusive"},
    {"limit", 1, "list the last N shootouts (the record counts all)"},
    {"stats", 0, "the first-kicker effect, with a confidence interval and published figures"},
};

static const struct cli_opt o_milestones[] = {
    {"team", 1, "milestones of this team"},
    {"player", 1, "milestones of this player"},
    {"tournament", 1, "milestones in this tournament's matches"},
    {"from", 1, "from this date, inclusive"},
    {"to", 1, "up to this date, inclusive"},
    {"kind", 1, "one kind: nth_goal, record_equalled, record_broken, hat_trick ..."},
    {"limit", 1, "the last N (default all)"},
    {"rebuild", 0, "find every milestone again even if nothing changed"},
};
static const struct cli_opt o_baseline[] = {
    {"team", 1, "the team the goals were scored for"},
    {"source", 1, "who says so (a federation's record page, a book...)"},
};
static const struct cli_opt o_records[] = {
    {"team", 1, "a team's records instead of a competition's"},
};

static const struct cli_opt o_report[] = {
    {"format", 1, "text (default), markdown or json (each sentence with its facts)"},
    {"explain", 0, "print under each sentence the facts it rests on"},
    {"seed", 1, "the choice of words (default 1): the same seed, the same report"},
    {"lang", 1, "the language (default en)"},
};

static const struct cli_opt o_serve[] = {
    {"bind", 1, "address to listen on (default 127.0.0.1)"},
    {"port", 1, "port (default 8080; 0: any free port, printed)"},
    {"threads", 1, "worker threads, each with its database connection (default 4)"},
    {"token-file", 1, "accepted bearer tokens, one a line (else $TOUCHLINE_TOKENS; none: read-only)"},
    {"web", 1, "the web page's folder (default: web/ of the source tree)"},
    {"feed-ring", 1, "live feed items kept in memory (default 8192): a subscriber further behind is disconnected"},
};

static const struct cli_opt o_replay[] = {
    {"url", 1, "the server (default http://127.0.0.1:8080)"},
    {"token", 1, "bearer token (default: the first of $TOUCHLINE_TOKENS)"},
    {"speed", 1, "match minutes per minute (default 60: a match in 2 minutes; 0: no waiting)"},
    {"date", 1, "the day to schedule the replay on (default today)"},
};

#define N(a) (sizeof(a) / sizeof((a)[0]))

#define MATCH_ARGS "DATE HOME AWAY | ID | statsbomb:ID"

const struct cli_cmd cli_commands[] = {
    {"import", "international DIR | football-txt PATH... | statsbomb PATH...",
     "load a data set into the database",
     "international: results.csv, goalscorers.csv, shootouts.csv and former_names.csv of\n"
     "DIR. football-txt: openfootball files (cup.txt, cup_finals.txt, *_full.txt,\n"
     "*_squads.txt), or folders holding them; matches another source already has are\n"
     "completed, not duplicated (same teams within a day), and teams are matched through\n"
     "former names and aliases (USA = United States).\n"
     "statsbomb: StatsBomb open data, the whole folder (matches/<competition>/<season>.json,\n"
     "events/<id>.json, lineups/<id>.json) or single files; an events or lineups file needs\n"
     "its matches file, in the same import or an earlier one. Every event is kept with its\n"
     "JSON; goals, cards, substitutions and shootout kicks are derived for touchline check.\n"
     "Each import is one transaction: all of it or nothing. A malformed row or an unknown\n"
     "line stops it with file:line:column and leaves the database as it was, unless\n"
     "--skip-bad is given. Importing the same files again changes nothing.",
     o_import, N(o_import), cmd_import},
    {"fetch", "", "download the public open data sets",
     "Downloads the international results, openfootball World Cup and StatsBomb files\n"
     "that touchline reads, resuming partial downloads and verifying each file's\n"
     "size and SHA-256 against the manifest built into touchline.",
     o_fetch, N(o_fetch), cmd_fetch},
    {"matches", "", "list matches", NULL, o_matches, N(o_matches), cmd_matches},
    {"standings", "COMPETITION EDITION", "group tables by the rules of their era",
     "Tables of every group of an edition (\"FIFA World Cup\" 2018), ordered by the\n"
     "edition's rules: points for a win, the tie-breakers in order (goal average, goal\n"
     "difference, head-to-head, fair play points from cards, play-offs, lots), how many go\n"
     "through, and the best third-placed teams where they go through. --explain says which\n"
     "rule separated whom and by what (\"Japan above Senegal on fair play points, -4 to -6\").\n"
     "Teams still level after every rule (lots decided) are marked.",
     o_standings, N(o_standings), cmd_standings},
    {"bracket", "COMPETITION EDITION", "the knockout rounds as a bracket",
     "The knockout rounds from the round of 32 or 16 to the final, each match next to the one\n"
     "it feeds (found by the team that won it, or by its slot: W49 is the winner of match\n"
     "49). Slots resolve as results arrive: \"1A = Netherlands\" once Group A is complete,\n"
     "\"W49 = Argentina\" once match 49 is played. --svg draws the bracket.",
     o_bracket, N(o_bracket), cmd_bracket},
    {"whatif", "COMPETITION EDITION GROUP", "what the group's last matches can still do",
     "Goes through every combination of win, draw and loss in the group's matches still to\n"
     "play (as of --as-of) and says for each team: through whatever happens, out whatever\n"
     "happens, or through if ... (by its own result, then the other matches'). Points are\n"
     "exact; when teams can end level on points at the line, it says so and names the next\n"
     "rule (goal difference, head-to-head...) instead of guessing goals.",
     o_whatif, N(o_whatif), cmd_whatif},
    {"history", "COMPETITION", "winners, runners-up, hosts and titles of every edition",
     "Each edition's winner and runner-up, from its final (after extra time or on penalties)\n"
     "or, when a last group round decided it (1950), from that group's table; the countries\n"
     "it was played in; titles per team (a team keeps its titles under a new name: West\n"
     "Germany's are Germany's). --on DATE names the holders that day.",
     o_history, N(o_history), cmd_history},
    {"next", "TEAM", "who a team plays next, when and where; or how it went out",
     "The team's next match (weekday, date, kick-off, tournament and stage, venue), or, when\n"
     "there is none, how its last tournament ended for it (out in a knockout round, or won\n"
     "the final). --as-of DATE answers as on that day.",
     o_next, N(o_next), cmd_next},
    {"timeline", MATCH_ARGS, "a match minute by minute: goals, penalties, cards, changes",
     "From the match's event data (import statsbomb): period starts and ends, goals with\n"
     "the score after each, penalties scored and missed (saved, off target, over the bar,\n"
     "post), cards, substitutions, and a shootout kick by kick. A match without event data\n"
     "shows what its other sources list. Each line names the event's index in its file.",
     NULL, 0, cmd_timeline},
    {"shots", MATCH_ARGS, "every shot of a match with minute, player, xG and outcome",
     "Shots in play from the match's event data (shootout kicks are in timeline), with\n"
     "StatsBomb's expected goals (xG), then totals per team. --svg draws them on a pitch.",
     o_shots, N(o_shots), cmd_shots},
    {"lineups", MATCH_ARGS, "starting XIs, formations, and substitutes with minutes", NULL,
     NULL, 0, cmd_lineups},
    {"stats", MATCH_ARGS, "possession, passes, shots, xG, fouls and cards per team",
     "From the match's event data. Possession is the share of the time in possession:\n"
     "from each event to the next of the same possession chain (StatsBomb's possession\n"
     "numbers), in time order; a pass is complete when StatsBomb gives it no outcome; on\n"
     "target counts goals and saved shots. Shootouts are not counted.",
     NULL, 0, cmd_stats},
    {"elo", "", "World Football Elo ratings: a ranking on a date, or a team's history",
     "Rates every international since 1872 by the World Football Elo method: after each\n"
     "match the winner takes K * G * (W - We) from the loser; K by match type (60 World\n"
     "Cup finals, 50 continental finals and major intercontinental tournaments, 40\n"
     "qualifiers and the Nations Leagues, 30 other tournaments, 20 friendlies), G by the\n"
     "goal difference (1.5 for two goals, 1.75 for three, 1.75 + (N-3)/8 beyond), W the\n"
     "result (a shootout is a draw), We = 1 / (10^(-dr/400) + 1) with 100 points for the\n"
     "side at home. A team starts at 1500. The ratings are kept in the database and only\n"
     "new or changed results are rated again.",
     o_elo, N(o_elo), cmd_elo},
    {"forecast", "COMPETITION EDITION | COMPETITION --calibrate",
     "each team's chances of every round and the title, by simulation",
     "Plays the rest of the tournament --sims times from --as-of (results up to that day\n"
     "are kept): group matches, tables by the edition's rules (level teams drawn by lot),\n"
     "the best third-placed teams, knockouts with extra time and shootouts. A match's\n"
     "goals are Poisson for each side, mu goals a match on average, split so that the\n"
     "expected result matches the Elo ratings of that day (100 points for a host at\n"
     "home); extra time is a third of a match; a shootout is a coin toss. Ratings stay\n"
     "fixed within a simulation. Each chance has its standard error. --calibrate scores\n"
     "the model's pre-match probabilities on every rated match of the competition (Brier,\n"
     "log loss) next to the base rates of home win, draw and away win.",
     o_forecast, N(o_forecast), cmd_forecast},
    {"penalties", "", "penalties per player: scored, missed and how, shootout kicks",
     "Penalties in play (scored; missed: saved, over the bar, off the woodwork, wide) and\n"
     "shootout kicks per player, most taken first, with the totals and the conversion.\n"
     "Scored penalties come from every source; misses in play only from event data, and\n"
     "the output says for how many of the matches in range it exists.",
     o_penalties, N(o_penalties), cmd_penalties},
    {"shootouts", "", "matches decided on penalties; a team's record; the first-kicker effect",
     "Lists the shootouts (score, kicks, winner, the team that kicked first where known).\n"
     "--team adds its record. --stats: of the shootouts with a known first kicker, the\n"
     "share the team kicking first won, with a 95% Wilson interval, next to published\n"
     "estimates (Apesteguia and Palacios-Huerta 2010: about 60%; larger later studies:\n"
     "little or no advantage).",
     o_shootouts, N(o_shootouts), cmd_shootouts},
    {"milestones", "", "goals and results worth telling, each with what it rests on",
     "Found in every goal and result in date order (and found again when the data\n"
     "changes): a player's 1st, 10th, 20th, 25th ... goal for his team; joining or passing\n"
     "the team's all-time top scorer (from 10 goals); every 5th goal at a tournament and its\n"
     "all-time top scorer; hat-tricks; the fastest goal, the oldest and youngest scorer of\n"
     "a tournament; scoring in 5 or more consecutive matches or 3 or more consecutive\n"
     "tournaments; a first win over an opponent after 3 or more meetings without one; the\n"
     "first time a team, and a confederation, reaches a semi-final, a final, the title.\n"
     "Each names the event (file:line) or match it rests on; goal counts say how many of\n"
     "the team's matches list every scorer. A baseline (touchline baseline) replaces a\n"
     "player's count from its date, and the milestones say so.",
     o_milestones, N(o_milestones), cmd_milestones},
    {"baseline", "add PLAYER GOALS AS_OF | list",
     "a sourced career total that milestones count from",
     "Where the data lacks some of a player's goals, state his total for a team as of a\n"
     "date, and who says so: touchline baseline add \"Harry Kane\" 52 2022-12-09 --team\n"
     "England --source \"The FA\". Goals after that day are added to it.",
     o_baseline, N(o_baseline), cmd_baseline},
    {"records", "COMPETITION | --team TEAM", "top scorers, biggest wins, runs and standing records",
     "A team's top scorers, biggest wins, longest winning and unbeaten runs; or a\n"
     "competition's top scorers, biggest wins and its standing records (all-time top\n"
     "scorer, fastest goal, oldest and youngest scorer) from the milestones. Scorer\n"
     "figures say how many matches list every scorer.",
     o_records, N(o_records), cmd_records},
    {"report", MATCH_ARGS, "the match report, written from the data",
     "A headline and the factual core of a match report: the result, stage, venue and\n"
     "date; the goals in order with minute, manner and the score after each; penalties\n"
     "missed (over the bar, saved by the named keeper) and sendings-off; the shootout;\n"
     "the match's milestones; what it means (the next opponent and day, going out, the\n"
     "table); the other results of the round, with the teams' history (holders, titles,\n"
     "last runners-up). Facts first, then words: nothing is said that the data does not\n"
     "hold, and --explain shows, under each sentence, the facts (with file:line) it rests\n"
     "on. A match being played is reported as it stands.",
     o_report, N(o_report), cmd_report},
    {"preview", MATCH_ARGS, "a match to come: form, head-to-head, probabilities, what is at stake",
     NULL, o_report, N(o_report), cmd_preview},
    {"serve", "", "serve the commands as a JSON API over HTTP",
     "Every read command as GET /api/...: matches, a match (by id or DATE/HOME/AWAY) and its\n"
     "timeline, lineups, shots, stats and report, standings, bracket, whatif, history,\n"
     "forecast, records, teams, h2h, players, scorers, Elo, milestones, shootouts and\n"
     "penalties; query parameters are the command's options (as_of for --as-of). The JSON\n"
     "is the command's --json. /api/openapi.json describes every endpoint. Responses carry\n"
     "an ETag; If-None-Match gets 304. Stops on SIGINT or SIGTERM.",
     o_serve, N(o_serve), cmd_serve},
    {"replay", "DATE HOME AWAY | ID", "play a stored match again through the live API",
     "Schedules the same teams on --date through the server at --url, then posts the\n"
     "kick-off, each event in order (goals, penalties missed, cards, substitutions), the\n"
     "breaks, extra time, a shootout kick by kick and full time, timed by --speed. Every\n"
     "request carries an Idempotency-Key. The demo of the live feed, and a load generator.",
     o_replay, N(o_replay), cmd_replay},
    {"competitions", "", "the competitions in the data, with their matches and editions", NULL,
     NULL, 0, cmd_competitions},
    {"match", "DATE HOME AWAY | ID", "one match: score, scorers, venue, tournament",
     "A match is named by its date and teams (either order), by touchline's id,\n"
     "or by a source's id (statsbomb:3788741).",
     NULL, 0, cmd_match},
    {"scorers", "", "the scorer chart",
     "Ranks players by goals (own goals excluded), ties sharing a rank, with\n"
     "penalties and first and last goal; says how many goals in range have scorer data.",
     o_scorers, N(o_scorers), cmd_scorers},
    {"team", "TEAM", "a team's record: played, won, drawn, lost, goals, biggest results", NULL,
     o_team, N(o_team), cmd_team},
    {"player", "NAME", "a player: date of birth, age, goals, matches, cards, squads",
     "Finds a player by name in any spelling the sources use (Aurelien TCHOUAMENI is\n"
     "Aurélien Tchouaméni) or by a form of it (a surname, an initial). When a name fits\n"
     "several players, they are listed: add --team or write the name more fully.",
     o_player, N(o_player), cmd_player},
    {"resolve", "NAME", "what a name means: teams and players, and why",
     "Shows the teams whose current, former or other name NAME is (with dates and the\n"
     "source that says so) and the players it can name. --explain lists, for each\n"
     "player, every spelling the sources used, the file and line, and the reason it was\n"
     "read as him (the same name and team, a form of a squad member's name, a\n"
     "transliteration, or a namesake of another era).",
     o_resolve, N(o_resolve), cmd_resolve},
    {"h2h", "TEAM1 TEAM2", "the record between two teams and their matches", NULL, o_h2h,
     N(o_h2h), cmd_h2h},
    {"check", "", "check the database, and where the sources disagree",
     "Checks the database's integrity and foreign keys, then lists, with the file and\n"
     "line of each side: scores that differ between sources (and a shootout counted as\n"
     "goals), goal lists that do not add up to the score, own goals credited to the\n"
     "scorer's own team, scorers missing from their tournament squad, a player listed\n"
     "twice in a lineup, one player's goals listed out of order, and shootouts that break\n"
     "the rules kick by kick (teams alternate; best of five ends once decided; sudden death\n"
     "in pairs) or do not give the match's shootout result.",
     o_check, N(o_check), cmd_check},
};
const size_t cli_ncommands = N(cli_commands);

static const struct cli_opt common_opts[] = {
    {"db", 1, "database file (default: $TOUCHLINE_DB or ./touchline.db)"},
    {"json", 0, "print one JSON document"},
    {"csv", 0, "print CSV"},
    {"help", 0, "show help"},
};

static void print_opts(FILE *f, const struct cli_opt *o, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        char left[64];
        snprintf(left, sizeof left, "--%s%s", o[i].name, o[i].has_arg ? " VALUE" : "");
        fprintf(f, "  %-20s %s\n", left, o[i].help);
    }
}

static void usage_main(FILE *f)
{
    fprintf(f,
            "touchline %s: football data from real open data sets\n\n"
            "usage: touchline [--db PATH] COMMAND [ARGS] [--json|--csv]\n\ncommands:\n",
            TOUCHLINE_VERSION);
    for (size_t i = 0; i < cli_ncommands; i++)
        fprintf(f, "  %-9s %s\n", cli_commands[i].name, cli_commands[i].summary);
    fprintf(f, "\noptions for every command:\n");
    print_opts(f, common_opts, N(common_opts));
    fprintf(f,
            "\nTeams can be named as they are now or were then (\"Dahomey\"), in any case,\n"
            "with or without accents. 'touchline COMMAND --help' says more.\n"
            "Exit status: 0 ok, 1 failure, 2 usage error.\n");
}

static void usage_cmd(const struct cli_cmd *cmd, FILE *f)
{
    fprintf(f, "usage: touchline %s%s%s [options]\n\n%s\n", cmd->name, *cmd->args ? " " : "",
            cmd->args, cmd->summary);
    if (cmd->details) fprintf(f, "\n%s\n", cmd->details);
    fprintf(f, "\noptions:\n");
    print_opts(f, cmd->opts, cmd->nopts);
    print_opts(f, common_opts, N(common_opts));
}

const char *cli_opt(const struct cli *c, const char *name)
{
    for (size_t i = 0; i < c->nopts; i++)
        if (strcmp(c->opts[i].name, name) == 0) return c->val[i];
    return NULL;
}

const char *cli_db_name(struct cli *c)
{
    char *l = tl_store_label(c->db);
    snprintf(c->db_name, sizeof c->db_name, "%s", l ? l : "the database");
    tl_free(l);
    return c->db_name;
}

int cli_fail(const struct cli *c, const struct tl_error *err)
{
    cli_http_status = err->rc == TL_ENOTFOUND ? 404
                      : err->rc == TL_EUSAGE || err->rc == TL_EAMBIG || err->rc == TL_EPARSE ? 400
                      : err->rc == TL_ESTORE || err->rc == TL_ENOMEM || err->rc == TL_EIO ? 500
                                                                                          : 0;
    tl_err_print(err, c->prog, cli_err);
    return err->rc == TL_EUSAGE ? EXIT_USAGE : EXIT_FAIL;
}

int cli_usage(const struct cli *c, const char *fmt, ...)
{
    va_list ap;
    fprintf(cli_err, "%s: ", c->prog);
    va_start(ap, fmt);
    vfprintf(cli_err, fmt, ap);
    va_end(ap);
    if (c->cmd) fprintf(cli_err, "\n(see 'touchline %s --help')\n", c->cmd);
    else fprintf(cli_err, "\n(see 'touchline --help')\n");
    return EXIT_USAGE;
}

/* Parse argv into common options, this command's options, and positionals. */
static int parse(struct cli *c, const struct cli_cmd *cmd, int argc, char **argv)
{
    c->opts = cmd ? cmd->opts : NULL;
    c->nopts = cmd ? cmd->nopts : 0;
    for (int i = 0; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "--") == 0) {
            for (i++; i < argc; i++) {
                if (c->npos == CLI_MAX_POS) return cli_usage(c, "too many arguments");
                c->pos[c->npos++] = argv[i];
            }
            break;
        }
        if (strncmp(a, "--", 2) != 0 || a[2] == '\0') {
            if (c->npos == CLI_MAX_POS) return cli_usage(c, "too many arguments");
            c->pos[c->npos++] = a;
            continue;
        }
        const char *name = a + 2, *eq = strchr(name, '=');
        size_t nl = eq ? (size_t)(eq - name) : strlen(name);
        const struct cli_opt *found = NULL;
        int idx = -1, common = 0;
        for (size_t k = 0; k < c->nopts; k++)
            if (strlen(c->opts[k].name) == nl && strncmp(c->opts[k].name, name, nl) == 0) {
                found = &c->opts[k];
                idx = (int)k;
            }
        for (size_t k = 0; !found && k < N(common_opts); k++)
            if (strlen(common_opts[k].name) == nl && strncmp(common_opts[k].name, name, nl) == 0) {
                found = &common_opts[k];
                common = 1;
            }
        if (!found) return cli_usage(c, "unknown option --%.*s", (int)nl, name);
        const char *v = "";
        if (found->has_arg) {
            if (eq) v = eq + 1;
            else if (i + 1 < argc) v = argv[++i];
            else return cli_usage(c, "option --%s needs a value", found->name);
        } else if (eq) {
            return cli_usage(c, "option --%s takes no value", found->name);
        }
        if (!common) {
            c->val[idx] = v;
        } else if (strcmp(found->name, "db") == 0) {
            c->db = v;
        } else if (strcmp(found->name, "json") == 0) {
            c->fmt = TL_OUT_JSON;
        } else if (strcmp(found->name, "csv") == 0) {
            c->fmt = TL_OUT_CSV;
        } else {
            c->help = 1;
        }
    }
    return EXIT_OK;
}

int cli_open(struct cli *c)
{
    if (c->store) return EXIT_OK; /* the server's, open for its thread */
    struct tl_error err;
    tl_err_clear(&err);
    if (tl_store_open_existing(c->db, &c->store, &err)) return cli_fail(c, &err);
    return EXIT_OK;
}

int cli_team(struct cli *c, const char *name, struct tl_team_match *out)
{
    struct tl_error err;
    tl_err_clear(&err);
    if (!c->have_teams) {
        if (tl_store_team_names(c->store, &c->teams, &err)) return cli_fail(c, &err);
        c->have_teams = 1;
    }
    if (tl_resolve_name(&c->teams, "team", name, out, &err)) return cli_fail(c, &err);
    return EXIT_OK;
}

int cli_competition(struct cli *c, const char *name, int64_t *id, char *canon, size_t cap)
{
    struct tl_error err;
    tl_err_clear(&err);
    if (!c->have_comps) {
        if (tl_store_competition_names(c->store, &c->comps, &err)) return cli_fail(c, &err);
        c->have_comps = 1;
    }
    struct tl_team_match m;
    if (tl_resolve_name(&c->comps, "tournament", name, &m, &err)) return cli_fail(c, &err);
    *id = m.team_id;
    if (canon) snprintf(canon, cap, "%s", m.team);
    return EXIT_OK;
}

int cli_wrote(const struct cli *c, FILE *f, tl_rc r, const char *path, const char *what)
{
    if (!f) r = TL_EIO;
    else if (fclose(f) != 0) r = TL_EIO;
    if (!r) return EXIT_OK;
    fprintf(cli_err, "%s: %s: cannot write the %s\n", c->prog, path, what);
    return EXIT_FAIL;
}

int cli_date_arg(struct cli *c, const char *opt, const char *v)
{
    struct tl_date d;
    if (v && tl_date_parse(v, strlen(v), &d) != 0)
        return cli_usage(c, "--%s expects a date YYYY-MM-DD, found \"%s\"", opt, v);
    return EXIT_OK;
}

long cli_num_arg(struct cli *c, const char *opt, const char *v)
{
    char *end;
    long n = strtol(v, &end, 10);
    if (!*v || *end || n < 0 || n > 100000000) {
        cli_usage(c, "--%s expects a whole number, found \"%s\"", opt, v);
        return -1;
    }
    return n;
}

int cli_seed_arg(struct cli *c, unsigned long long *seed)
{
    const char *v = cli_opt(c, "seed");
    *seed = 1;
    if (!v) return EXIT_OK;
    char *end;
    errno = 0;
    *seed = strtoull(v, &end, 10);
    if (!*v || *end || errno || *v == '-')
        return cli_usage(c, "--seed expects a whole number, found \"%s\"", v);
    return EXIT_OK;
}

_Thread_local FILE *cli_out, *cli_err;
_Thread_local int cli_http_status;

int cli_invoke(struct cli *c, const char *name, const char *const *pos, size_t npos,
               const char *const *keys, const char *const *vals, size_t nkv)
{
    const struct cli_cmd *cmd = NULL;
    for (size_t k = 0; k < cli_ncommands; k++)
        if (strcmp(cli_commands[k].name, name) == 0) cmd = &cli_commands[k];
    if (!cmd) return cli_usage(c, "no command '%s'", name);
    c->cmd = cmd->name;
    c->opts = cmd->opts;
    c->nopts = cmd->nopts;
    if (npos > CLI_MAX_POS) return cli_usage(c, "too many arguments");
    for (size_t i = 0; i < npos; i++) c->pos[i] = pos[i];
    c->npos = npos;
    for (size_t i = 0; i < nkv; i++) {
        int idx = -1;
        for (size_t k = 0; k < c->nopts; k++)
            if (strcmp(c->opts[k].name, keys[i]) == 0) idx = (int)k;
        if (idx < 0) return cli_usage(c, "unknown parameter '%s'", keys[i]);
        if (!c->opts[idx].has_arg && vals[i][0] && strcmp(vals[i], "true") != 0 &&
            strcmp(vals[i], "1") != 0) {
            if (strcmp(vals[i], "false") == 0 || strcmp(vals[i], "0") == 0) continue;
            return cli_usage(c, "parameter '%s' is true or false, found \"%s\"", keys[i], vals[i]);
        }
        if (c->opts[idx].has_arg && !vals[i][0])
            return cli_usage(c, "parameter '%s' needs a value", keys[i]);
        c->val[idx] = c->opts[idx].has_arg ? vals[i] : "";
    }
    int rc = cmd->run(c);
    tl_name_list_free(&c->teams);
    tl_name_list_free(&c->comps);
    c->have_teams = c->have_comps = 0;
    return rc;
}

const struct cli_cmd *cli_command(const char *name)
{
    for (size_t k = 0; k < cli_ncommands; k++)
        if (strcmp(cli_commands[k].name, name) == 0) return &cli_commands[k];
    return NULL;
}

int main(int argc, char **argv)
{
    cli_out = stdout;
    cli_err = stderr;
    struct cli c;
    memset(&c, 0, sizeof c);
    c.prog = "touchline";
    c.db = getenv("TOUCHLINE_DB");
    if (!c.db || !*c.db) c.db = "touchline.db";

    /* global options may come before the command */
    int i = 1;
    for (; i < argc && strncmp(argv[i], "--", 2) == 0; i++) {
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
            usage_main(cli_out);
            return EXIT_OK;
        }
        if (strcmp(argv[i], "--version") == 0) {
            fprintf(cli_out, "touchline %s\n", TOUCHLINE_VERSION);
            return EXIT_OK;
        }
        if (strcmp(argv[i], "--json") == 0) { c.fmt = TL_OUT_JSON; continue; }
        if (strcmp(argv[i], "--csv") == 0) { c.fmt = TL_OUT_CSV; continue; }
        if (strcmp(argv[i], "--db") == 0 && i + 1 < argc) { c.db = argv[++i]; continue; }
        if (strncmp(argv[i], "--db=", 5) == 0) { c.db = argv[i] + 5; continue; }
        return cli_usage(&c, "unknown option %s", argv[i]);
    }
    if (i >= argc) {
        usage_main(cli_err);
        return EXIT_USAGE;
    }
    const char *name = argv[i];
    if (strcmp(name, "help") == 0) {
        if (i + 1 < argc) {
            for (size_t k = 0; k < cli_ncommands; k++)
                if (strcmp(cli_commands[k].name, argv[i + 1]) == 0) {
                    usage_cmd(&cli_commands[k], cli_out);
                    return EXIT_OK;
                }
            return cli_usage(&c, "no command '%s'", argv[i + 1]);
        }
        usage_main(cli_out);
        return EXIT_OK;
    }
    if (strcmp(name, "version") == 0) {
        fprintf(cli_out, "touchline %s\n", TOUCHLINE_VERSION);
        return EXIT_OK;
    }
    const struct cli_cmd *cmd = NULL;
    for (size_t k = 0; k < cli_ncommands; k++)
        if (strcmp(cli_commands[k].name, name) == 0) cmd = &cli_commands[k];
    if (!cmd) return cli_usage(&c, "no command '%s'", name);
    c.cmd = cmd->name;
    int rc = parse(&c, cmd, argc - i - 1, argv + i + 1);
    if (rc) return rc;
    if (c.help) {
        usage_cmd(cmd, cli_out);
        return EXIT_OK;
    }
    rc = cmd->run(&c);
    if (fflush(cli_out) != 0 && rc == EXIT_OK) rc = EXIT_FAIL;
    tl_name_list_free(&c.teams);
    tl_name_list_free(&c.comps);
    tl_store_close(c.store);
    return rc;
}
