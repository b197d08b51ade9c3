/* cli/cmd_import.c: `touchline import international|football-txt|statsbomb` and
 * `touchline check`. */
#include "cli.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

/* An import failed: say so, and leave no database behind that was not there. */
static int import_failed(struct cli *c, int existed, const struct tl_error *err)
{
    int rc = cli_fail(c, err);
    if (existed) {
        fprintf(cli_err, "%s: nothing was imported; %s is as it was\n", c->prog, cli_db_name(c));
    } else {
        tl_store_close(c->store);
        c->store = NULL;
        tl_store_remove(c->db);
        fprintf(cli_err, "%s: nothing was imported; %s was not created\n", c->prog, cli_db_name(c));
    }
    return rc;
}

/* An import's counts as one JSON object. */
static void json_counts(const char *const *keys, const long *v, size_t n, double seconds)
{
    struct tl_json j;
    tl_json_init(&j, cli_out);
    tl_json_obj(&j);
    for (size_t k = 0; k < n; k++) {
        tl_json_key(&j, keys[k]);
        tl_json_int(&j, v[k]);
    }
    tl_json_key(&j, "seconds");
    fprintf(cli_out, "%.3f", seconds);
    tl_json_end_obj(&j);
    tl_json_done(&j);
}

static const char *plural(long n) { return n == 1 ? "" : "s"; }

static int import_football_txt(struct cli *c, int existed, const struct tl_load_opts *o)
{
    struct tl_error err;
    tl_err_clear(&err);
    struct tl_ftload_stats st;
    if (tl_load_football_txt(c->store, c->pos + 1, c->npos - 1, o, &st, &err))
        return import_failed(c, existed, &err);
    if (c->fmt == TL_OUT_JSON) {
        static const char *const keys[] = {"files",   "matches",        "matches_new",
                                           "matches_merged", "goals",   "lineup_players",
                                           "cards",   "substitutions",  "shootout_kicks",
                                           "squad_players", "changed", "new_teams", "skipped"};
        long v[] = {st.files,        st.matches,       st.matches_new,   st.matches_merged,
                    st.goals,        st.lineup_players, st.cards,        st.substitutions,
                    st.kicks,        st.squad_players, st.changed,       st.teams_new,
                    st.skipped};
        json_counts(keys, v, sizeof v / sizeof v[0], st.seconds);
        return EXIT_OK;
    }
    fprintf(cli_out, "imported %ld football.txt file%s into %s in %.2fs\n", st.files, plural(st.files),
           cli_db_name(c), st.seconds);
    fprintf(cli_out, "  %ld matches: %ld completed a match another source had, %ld new\n", st.matches,
           st.matches_merged, st.matches_new);
    fprintf(cli_out, "  %ld goals, %ld lineup entries, %ld cards, %ld substitutions, %ld shootout kicks, "
           "%ld squad players\n",
           st.goals, st.lineup_players, st.cards, st.substitutions, st.kicks, st.squad_players);
    fprintf(cli_out, "  %ld rows new or changed\n", st.changed);
    if (st.teams_new) fprintf(cli_out, "  %ld new team%s (see the notes above)\n", st.teams_new, plural(st.teams_new));
    if (st.skipped) fprintf(cli_out, "  %ld unknown line%s skipped\n", st.skipped, plural(st.skipped));
    return EXIT_OK;
}

static int import_statsbomb(struct cli *c, int existed, const struct tl_load_opts *o)
{
    struct tl_error err;
    tl_err_clear(&err);
    struct tl_sbload_stats st;
    if (tl_load_statsbomb(c->store, c->pos + 1, c->npos - 1, o, &st, &err))
        return import_failed(c, existed, &err);
    if (c->fmt == TL_OUT_JSON) {
        static const char *const keys[] = {
            "files",          "fixtures",         "matches_new",   "matches_merged",
            "event_files",    "events",           "events_unchanged", "lineup_files",
            "lineup_players", "goals",            "own_goals",     "penalties_missed",
            "cards",          "substitutions",    "shootout_kicks", "score_mismatches",
            "changed",        "new_teams"};
        long v[] = {st.files,          st.fixtures,       st.matches_new,   st.matches_merged,
                    st.event_files,    st.events,         st.events_unchanged, st.lineup_files,
                    st.lineup_players, st.goals,          st.own_goals,     st.penalties_missed,
                    st.cards,          st.substitutions,  st.kicks,         st.mismatches,
                    st.changed,        st.teams_new};
        json_counts(keys, v, sizeof v / sizeof v[0], st.seconds);
        return EXIT_OK;
    }
    fprintf(cli_out, "imported %ld StatsBomb file%s into %s in %.2fs\n", st.files, plural(st.files), cli_db_name(c),
           st.seconds);
    fprintf(cli_out, "  %ld fixtures: %ld completed a match another source had, %ld new\n", st.fixtures,
           st.matches_merged, st.matches_new);
    fprintf(cli_out, "  %ld event file%s, %ld events (%ld file%s unchanged since the last import)\n",
           st.event_files, plural(st.event_files), st.events, st.events_unchanged,
           plural(st.events_unchanged));
    fprintf(cli_out, "  %ld lineups file%s, %ld players\n", st.lineup_files, plural(st.lineup_files),
           st.lineup_players);
    fprintf(cli_out, "  from events: %ld goals (%ld own goals), %ld penalties missed, %ld cards, "
           "%ld substitutions, %ld shootout kicks\n",
           st.goals, st.own_goals, st.penalties_missed, st.cards, st.substitutions, st.kicks);
    fprintf(cli_out, "  %ld rows new or changed\n", st.changed);
    if (st.teams_new) fprintf(cli_out, "  %ld new team%s (see the notes above)\n", st.teams_new, plural(st.teams_new));
    if (st.mismatches)
        fprintf(cli_out, "  %ld match%s whose goals from events disagree with the matches file's score: "
               "see touchline check\n",
               st.mismatches, st.mismatches == 1 ? "" : "es");
    return EXIT_OK;
}

/* After an import: the Elo ratings and milestones it changes, at once (each
 * its own transaction; the import itself is already committed). */
static int derive(struct cli *c)
{
    struct tl_error err;
    tl_err_clear(&err);
    struct tl_elo_update u;
    long found;
    if (tl_load_elo(c->store, 0, &u, &err) || tl_load_milestones(c->store, 0, &found, &err)) {
        fprintf(cli_err, "%s: the import is saved, but the ratings and milestones could not be "
                        "brought up to date:\n", c->prog);
        return cli_fail(c, &err);
    }
    if (c->fmt != TL_OUT_JSON) {
        fprintf(cli_out, "  derived: %ld match%s rated (Elo)", u.rated, u.rated == 1 ? "" : "es");
        if (found >= 0) fprintf(cli_out, ", %ld milestones found", found);
        fprintf(cli_out, "\n");
    }
    return EXIT_OK;
}

static int import_set(struct cli *c);

int cmd_import(struct cli *c)
{
    int rc = import_set(c);
    return rc || !c->store ? rc : derive(c);
}

static int import_set(struct cli *c)
{
    const char *set = c->npos ? c->pos[0] : "";
    int intl = strcmp(set, "international") == 0;
    if (!intl && strcmp(set, "football-txt") != 0 && strcmp(set, "statsbomb") != 0)
        return cli_usage(c, "%s%s%s: expected 'import international DIR', 'import football-txt "
                            "PATH...' or 'import statsbomb PATH...'",
                         c->npos ? "unknown data set '" : "no data set", c->npos ? set : "",
                         c->npos ? "'" : "");
    if (intl && c->npos != 2) return cli_usage(c, "expected 'import international DIR'");
    if (c->npos < 2) return cli_usage(c, "expected 'import %s PATH...'", set);
    struct tl_error err;
    tl_err_clear(&err);
    int existed = tl_store_shared(c->db) || access(c->db, F_OK) == 0; /* PostgreSQL: never removed */
    if (tl_store_open(c->db, &c->store, &err)) return cli_fail(c, &err);
    struct tl_load_opts o = {.skip_bad = cli_opt(c, "skip-bad") != NULL, .report = cli_err,
                             .progress = 1};
    if (strcmp(set, "football-txt") == 0) return import_football_txt(c, existed, &o);
    if (strcmp(set, "statsbomb") == 0) return import_statsbomb(c, existed, &o);
    struct tl_load_stats st;
    if (tl_load_international(c->store, c->pos[1], &o, &st, &err))
        return import_failed(c, existed, &err);
    static const char *const what[TL_INTL__COUNT] = {"matches", "goals", "shootouts",
                                                     "former names"};
    if (c->fmt == TL_OUT_JSON) {
        struct tl_json j;
        tl_json_init(&j, cli_out);
        tl_json_obj(&j);
        tl_json_key(&j, "database");
        tl_json_str(&j, cli_db_name(c));
        for (int k = 0; k < TL_INTL__COUNT; k++) {
            tl_json_key(&j, what[k]);
            tl_json_obj(&j);
            tl_json_key(&j, "rows");
            tl_json_int(&j, st.rows[k]);
            tl_json_key(&j, "changed");
            tl_json_int(&j, st.changed[k]);
            tl_json_end_obj(&j);
        }
        tl_json_key(&j, "removed");
        tl_json_int(&j, st.removed);
        tl_json_key(&j, "skipped");
        tl_json_int(&j, st.skipped);
        tl_json_key(&j, "unlinked");
        tl_json_int(&j, st.unlinked);
        tl_json_key(&j, "seconds");
        fprintf(cli_out, "%.3f", st.seconds);
        tl_json_end_obj(&j);
        tl_json_done(&j);
    } else {
        fprintf(cli_out, "imported %s into %s in %.2fs\n", c->pos[1], cli_db_name(c), st.seconds);
        for (int k = 0; k < TL_INTL__COUNT; k++)
            fprintf(cli_out, "  %-13s %6ld rows, %6ld new or changed\n", what[k], st.rows[k], st.changed[k]);
        if (st.unlinked)
            fprintf(cli_out, "  %ld record%s not linked to a match (see warnings above)\n", st.unlinked,
                   plural(st.unlinked));
        if (st.removed)
            fprintf(cli_out, "  %ld goal%s no longer in goalscorers.csv removed\n", st.removed,
                   plural(st.removed));
        if (st.skipped) fprintf(cli_out, "  %ld malformed row%s skipped\n", st.skipped, plural(st.skipped));
    }
    return EXIT_OK;
}

/* Add a finding of kind "shootout" for a match's kicks from one source. */
static tl_rc shootout_finding(struct tl_finding_list *l, const struct tl_kick_row *k,
                              const char *message, long line)
{
    if (l->n == l->alloc) {
        size_t na = l->alloc ? l->alloc * 2 : 16;
        struct tl_finding *p = tl_realloc(l->v, na * sizeof *p);
        if (!p) return TL_ENOMEM;
        l->v = p;
        l->alloc = na;
    }
    struct tl_finding *f = &l->v[l->n];
    memset(f, 0, sizeof *f);
    f->kind = "shootout";
    f->match_id = k->match_id;
    memcpy(f->date, k->date, sizeof f->date);
    f->home = tl_strdup(k->home);
    f->away = tl_strdup(k->away);
    f->message = tl_strdup(message);
    f->file[0] = tl_strdup(k->file);
    f->line[0] = line;
    l->n++;
    return f->home && f->away && f->message && f->file[0] ? TL_OK : TL_ENOMEM;
}

/* Every shootout checked kick by kick, and against the match's result. */
static tl_rc check_shootouts(tl_store *s, const char *from, const char *to,
                             struct tl_finding_list *l, struct tl_error *err)
{
    struct tl_kick_rows rows = {0};
    tl_rc rc = tl_store_kicks(s, from, to, &rows, err);
    struct tl_kick kicks[64];
    for (size_t a = 0; !rc && a < rows.n;) {
        size_t b = a;
        int n = 0;
        while (b < rows.n && rows.v[b].match_id == rows.v[a].match_id &&
               rows.v[b].source_id == rows.v[a].source_id) {
            if (n < 64) kicks[n++] = (struct tl_kick){rows.v[b].team_id != rows.v[a].home_id,
                                                      rows.v[b].scored};
            b++;
        }
        const struct tl_kick_row *k = &rows.v[a];
        const char *names[2] = {k->home, k->away};
        struct tl_shootout_check sc;
        tl_engine_shootout(kicks, n, names, &sc);
        char msg[256];
        if (!sc.ok) {
            rc = shootout_finding(l, k, sc.why, rows.v[a + (size_t)(sc.bad_kick - 1)].line);
        } else if (k->so_home != TL_NONE &&
                   (k->so_home != sc.score[0] || k->so_away != sc.score[1])) {
            snprintf(msg, sizeof msg, "the kicks give %d-%d, the match's shootout says %d-%d",
                     sc.score[0], sc.score[1], k->so_home, k->so_away);
            rc = shootout_finding(l, k, msg, k->line);
        } else if (k->winner_id && k->winner_id != (sc.winner ? k->away_id : k->home_id)) {
            snprintf(msg, sizeof msg, "the kicks make %s the winner, the match says %s",
                     names[sc.winner], k->winner_id == k->home_id ? k->home : k->away);
            rc = shootout_finding(l, k, msg, k->line);
        }
        if (rc == TL_ENOMEM) tl_err(err, rc, "out of memory");
        a = b;
    }
    tl_kick_rows_free(&rows);
    return rc;
}

int cmd_check(struct cli *c)
{
    if (c->npos) return cli_usage(c, "'check' takes options only, found \"%s\"", c->pos[0]);
    int rc = cli_date_arg(c, "from", cli_opt(c, "from"));
    if (!rc) rc = cli_date_arg(c, "to", cli_opt(c, "to"));
    if (!rc) rc = cli_open(c);
    if (rc) return rc;
    struct tl_error err;
    tl_err_clear(&err);
    if (tl_store_check(c->store, &err)) return cli_fail(c, &err);
    struct tl_finding_list l = {0};
    if (tl_store_findings(c->store, cli_opt(c, "from"), cli_opt(c, "to"), &l, &err) ||
        check_shootouts(c->store, cli_opt(c, "from"), cli_opt(c, "to"), &l, &err)) {
        tl_finding_list_free(&l);
        return cli_fail(c, &err);
    }
    if (c->fmt == TL_OUT_TEXT) {
        fprintf(cli_out, "%s: ok (schema version %d; %ld matches, %ld events, %ld teams)\n", cli_db_name(c),
               tl_store_version(c->store), tl_store_count(c->store, "matches"),
               tl_store_count(c->store, "events"), tl_store_count(c->store, "teams"));
        fprintf(cli_out, "\nSources disagree or contradict themselves %zu time%s.\n", l.n,
               l.n == 1 ? "" : "s");
        const char *kind = NULL;
        for (size_t i = 0; i < l.n; i++) {
            const struct tl_finding *f = &l.v[i];
            if (!kind || strcmp(kind, f->kind) != 0) {
                size_t k = 0;
                for (size_t j = i; j < l.n && strcmp(l.v[j].kind, f->kind) == 0; j++) k++;
                fprintf(cli_out, "\n%s (%zu)\n", f->kind, k);
                kind = f->kind;
            }
            fprintf(cli_out, "  %s %s v %s: %s\n      %s:%ld", f->date, f->home ? f->home : "?",
                   f->away ? f->away : "?", f->message, f->file[0] ? f->file[0] : "?", f->line[0]);
            if (f->file[1]) fprintf(cli_out, "  |  %s:%ld", f->file[1], f->line[1]);
            fprintf(cli_out, "\n");
        }
    } else {
        struct tl_table t;
        tl_table_init(&t);
        static const char *const cols[] = {"kind", "match_id", "date", "home", "away",
                                           "message", "file", "line", "other_file",
                                           "other_line"};
        for (size_t k = 0; k < 10; k++)
            tl_table_col(&t, cols[k], k == 1 || k == 7 || k == 9 ? TL_CELL_INT : TL_CELL_TEXT);
        for (size_t i = 0; i < l.n && !rc; i++) {
            const struct tl_finding *f = &l.v[i];
            if (tl_table_row(&t) || tl_table_set(&t, 0, f->kind) ||
                tl_table_set_int(&t, 1, (long)f->match_id) || tl_table_set(&t, 2, f->date) ||
                tl_table_set(&t, 3, f->home) || tl_table_set(&t, 4, f->away) ||
                tl_table_set(&t, 5, f->message) || tl_table_set(&t, 6, f->file[0]) ||
                tl_table_set_int(&t, 7, f->line[0]) || tl_table_set(&t, 8, f->file[1]) ||
                tl_table_set_int(&t, 9, f->file[1] ? f->line[1] : TL_NONE))
                rc = EXIT_FAIL;
        }
        if (c->fmt == TL_OUT_CSV) {
            tl_table_print_csv(&t, cli_out);
        } else {
            struct tl_json j;
            tl_json_init(&j, cli_out);
            tl_json_obj(&j);
            tl_json_key(&j, "database");
            tl_json_str(&j, cli_db_name(c));
            tl_json_key(&j, "integrity");
            tl_json_str(&j, "ok");
            tl_json_key(&j, "findings");
            tl_json_table(&j, &t);
            tl_json_end_obj(&j);
            tl_json_done(&j);
        }
        tl_table_free(&t);
    }
    tl_finding_list_free(&l);
    return rc;
}
