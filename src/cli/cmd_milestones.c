/* cli/cmd_milestones.c: `touchline milestones` (the facts found in the
 * goals and results, each with what it rests on), `touchline baseline`
 * (sourced career totals they count from) and `touchline records` (a
 * team's or a competition's records). */
#include "cli.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

static int refresh(struct cli *c)
{
    struct tl_error err;
    tl_err_clear(&err);
    long found;
    if (tl_load_milestones(c->store, cli_opt(c, "rebuild") != NULL, &found, &err))
        return cli_fail(c, &err);
    if (found >= 0) fprintf(cli_err, "milestones: found %ld in the data\n", found);
    return EXIT_OK;
}

int cmd_milestones(struct cli *c)
{
    if (c->npos) return cli_usage(c, "'milestones' takes options only, found \"%s\"", c->pos[0]);
    struct tl_ms_filter f = {.from = cli_opt(c, "from"), .to = cli_opt(c, "to"),
                             .kind = cli_opt(c, "kind")};
    const char *v;
    long limit = 0;
    int rc = cli_date_arg(c, "from", f.from);
    if (!rc) rc = cli_date_arg(c, "to", f.to);
    if (rc) return rc;
    if (f.kind && tl_ms_kind_parse(f.kind) < 0) {
        char kinds[512] = "";
        size_t len = 0;
        for (int k = 0; k < TL_MS__COUNT && len < sizeof kinds; k++)
            len += (size_t)snprintf(kinds + len, sizeof kinds - len, "%s%s", k ? ", " : "",
                                    tl_ms_kind_name((enum tl_ms_kind)k));
        return cli_usage(c, "--kind: no kind \"%s\"; kinds: %s", f.kind, kinds);
    }
    if ((v = cli_opt(c, "limit")) && (limit = cli_num_arg(c, "limit", v)) < 0) return EXIT_USAGE;
    if ((rc = cli_open(c)) || (rc = refresh(c))) return rc;
    struct tl_team_match team = {0};
    if ((v = cli_opt(c, "team")) && (rc = cli_team(c, v, &team))) return rc;
    f.team_id = team.team_id;
    char pname[256] = "";
    if ((v = cli_opt(c, "player")) &&
        (rc = cli_player(c, v, team.team_id, &f.player_id, pname, sizeof pname)))
        return rc;
    char comp[256] = "";
    if ((v = cli_opt(c, "tournament")) &&
        (rc = cli_competition(c, v, &f.competition_id, comp, sizeof comp)))
        return rc;
    struct tl_error err;
    tl_err_clear(&err);
    struct tl_milestone_list l = {0};
    if (tl_store_milestones(c->store, &f, &l, &err)) {
        tl_milestone_list_free(&l);
        return cli_fail(c, &err);
    }
    size_t start = limit && l.n > (size_t)limit ? l.n - (size_t)limit : 0;
    if (c->fmt == TL_OUT_JSON) {
        struct tl_json j;
        tl_json_init(&j, cli_out);
        tl_json_obj(&j);
        tl_json_key(&j, "count");
        tl_json_int(&j, (long)l.n);
        tl_json_key(&j, "milestones");
        tl_json_arr(&j);
        for (size_t i = start; i < l.n; i++) {
            const struct tl_milestone *m = &l.v[i];
            tl_json_obj(&j);
            tl_json_key(&j, "date");
            tl_json_str(&j, m->date);
            tl_json_key(&j, "kind");
            tl_json_str(&j, tl_ms_kind_name(m->kind));
            tl_json_key(&j, "text");
            tl_json_str(&j, m->text);
            tl_json_key(&j, "value");
            tl_json_int(&j, m->value);
            tl_json_key(&j, "match_id");
            tl_json_int(&j, (long)m->match_id);
            tl_json_key(&j, "event_id");
            if (m->event_id) tl_json_int(&j, (long)m->event_id);
            else tl_json_null(&j);
            tl_json_key(&j, "rests_on");
            tl_json_str(&j, m->rests_on);
            tl_json_key(&j, "coverage");
            tl_json_str(&j, m->coverage);
            tl_json_end_obj(&j);
        }
        tl_json_end_arr(&j);
        tl_json_end_obj(&j);
        tl_json_done(&j);
    } else if (c->fmt == TL_OUT_CSV) {
        struct tl_table t;
        tl_table_init(&t);
        const char *cols[] = {"date", "kind", "text", "rests_on", "coverage"};
        for (int k = 0; k < 5; k++) tl_table_col(&t, cols[k], TL_CELL_TEXT);
        tl_rc tr = TL_OK;
        for (size_t i = start; i < l.n && !tr; i++) {
            const struct tl_milestone *m = &l.v[i];
            tr = tl_table_row(&t);
            if (!tr) tr = tl_table_set(&t, 0, m->date);
            if (!tr) tr = tl_table_set(&t, 1, tl_ms_kind_name(m->kind));
            if (!tr) tr = tl_table_set(&t, 2, m->text);
            if (!tr) tr = tl_table_set(&t, 3, m->rests_on);
            if (!tr) tr = tl_table_set(&t, 4, m->coverage);
        }
        if (tr) rc = EXIT_FAIL, fprintf(cli_err, "%s: out of memory\n", c->prog);
        else tl_table_print_csv(&t, cli_out);
        tl_table_free(&t);
    } else if (!l.n) {
        fprintf(cli_out, "No milestones in range.\n");
    } else {
        for (size_t i = start; i < l.n; i++) {
            const struct tl_milestone *m = &l.v[i];
            fprintf(cli_out, "%s  %s\n", m->date, m->text);
            int says_match = m->rests_on && strncmp(m->rests_on, "match ", 6) == 0;
            fprintf(cli_out, "            rests on %s", m->rests_on ? m->rests_on : "-");
            if (!says_match) fprintf(cli_out, " (match %lld)", (long long)m->match_id);
            fprintf(cli_out, "%s%s\n", m->coverage ? "; " : "", m->coverage ? m->coverage : "");
        }
    }
    tl_milestone_list_free(&l);
    return rc;
}

/* ---- baselines ---- */

int cmd_baseline(struct cli *c)
{
    if (c->npos >= 1 && strcmp(c->pos[0], "list") == 0) {
        if (c->npos != 1) return cli_usage(c, "'baseline list' takes no more arguments");
        int rc = cli_open(c);
        if (rc) return rc;
        struct tl_baseline_list l = {0};
        struct tl_error err;
        tl_err_clear(&err);
        if (tl_store_baselines(c->store, &l, &err)) {
            tl_baseline_list_free(&l);
            return cli_fail(c, &err);
        }
        struct tl_table t;
        tl_table_init(&t);
        tl_table_col(&t, "player", TL_CELL_TEXT);
        tl_table_col(&t, "team", TL_CELL_TEXT);
        tl_table_col(&t, "goals", TL_CELL_INT);
        tl_table_col(&t, "as_of", TL_CELL_TEXT);
        tl_table_col(&t, "source", TL_CELL_TEXT);
        tl_rc tr = TL_OK;
        for (size_t i = 0; i < l.n && !tr; i++) {
            tr = tl_table_row(&t);
            if (!tr) tr = tl_table_set(&t, 0, l.v[i].player);
            if (!tr) tr = tl_table_set(&t, 1, l.v[i].team);
            if (!tr) tr = tl_table_set_int(&t, 2, l.v[i].goals);
            if (!tr) tr = tl_table_set(&t, 3, l.v[i].as_of);
            if (!tr) tr = tl_table_set(&t, 4, l.v[i].source);
        }
        if (tr) rc = EXIT_FAIL, fprintf(cli_err, "%s: out of memory\n", c->prog);
        else if (c->fmt == TL_OUT_JSON) {
            struct tl_json j;
            tl_json_init(&j, cli_out);
            tl_json_table(&j, &t);
            tl_json_done(&j);
        } else if (c->fmt == TL_OUT_CSV) tl_table_print_csv(&t, cli_out);
        else if (!t.nrows) fprintf(cli_out, "No baselines.\n");
        else tl_table_print_text(&t, cli_out);
        tl_table_free(&t);
        tl_baseline_list_free(&l);
        return rc;
    }
    if (c->npos != 4 || strcmp(c->pos[0], "add") != 0)
        return cli_usage(c, "expected 'add PLAYER GOALS AS_OF --team T --source S' or 'list'");
    const char *team_name = cli_opt(c, "team"), *source = cli_opt(c, "source");
    if (!team_name) return cli_usage(c, "'baseline add' needs --team");
    if (!source || !*source) return cli_usage(c, "'baseline add' needs --source: who says so");
    char *end;
    errno = 0;
    long goals = strtol(c->pos[2], &end, 10);
    if (!*c->pos[2] || *end || errno || goals < 0 || goals > 10000)
        return cli_usage(c, "GOALS: expected a whole number of goals, found \"%s\"", c->pos[2]);
    int rc = cli_date_arg(c, "AS_OF", c->pos[3]);
    if (!rc) rc = cli_open(c);
    if (rc) return rc;
    struct tl_team_match team;
    if ((rc = cli_team(c, team_name, &team))) return rc;
    int64_t player;
    char pname[256];
    if ((rc = cli_player(c, c->pos[1], team.team_id, &player, pname, sizeof pname))) return rc;
    struct tl_error err;
    tl_err_clear(&err);
    if (tl_store_begin(c->store, &err) ||
        tl_store_baseline_add(c->store, player, team.team_id, (int)goals, c->pos[3], source,
                              &err) ||
        tl_store_commit(c->store, &err)) {
        tl_store_rollback(c->store);
        return cli_fail(c, &err);
    }
    fprintf(cli_out, "baseline: %s, %ld goals for %s as of %s (source: %s)\n", pname, goals, team.team,
           c->pos[3], source);
    return EXIT_OK;
}

/* ---- records ---- */

struct run {
    int len;
    const struct tl_match *first, *last;
};

/* the longest runs of wins and of matches without defeat of team in l
 * (date order; a shootout leaves a match drawn) */
static void runs(const struct tl_match_list *l, int64_t team, struct run *win, struct run *unbeaten)
{
    struct run w = {0}, u = {0};
    memset(win, 0, sizeof *win);
    memset(unbeaten, 0, sizeof *unbeaten);
    for (size_t i = 0; i < l->n; i++) {
        const struct tl_match *m = &l->v[i];
        if (m->score_home == TL_NONE) continue;
        int gf, ga;
        tl_engine_goals(m, team, &gf, &ga);
        if (gf > ga) {
            if (!w.len++) w.first = m;
            w.last = m;
        } else {
            w.len = 0;
        }
        if (gf >= ga) {
            if (!u.len++) u.first = m;
            u.last = m;
        } else {
            u.len = 0;
        }
        if (w.len > win->len) *win = w;
        if (u.len > unbeaten->len) *unbeaten = u;
    }
}

static int by_margin(const void *a, const void *b)
{
    const struct tl_match *x = *(const struct tl_match *const *)a,
                          *y = *(const struct tl_match *const *)b;
    int mx = abs(x->score_home - x->score_away), my = abs(y->score_home - y->score_away);
    if (mx != my) return my - mx;
    int gx = x->score_home + x->score_away, gy = y->score_home + y->score_away;
    if (gx != gy) return gy - gx;
    return strcmp(x->date, y->date);
}

static void print_match_line(const struct tl_match *m)
{
    char score[64];
    cli_score(m, score, sizeof score);
    fprintf(cli_out, "  %s  %s %s %s  (%s)\n", m->date, m->home, score, m->away,
           m->tournament ? m->tournament : "?");
}

int cmd_records(struct cli *c)
{
    const char *team_name = cli_opt(c, "team");
    if ((team_name && c->npos) || (!team_name && c->npos != 1))
        return cli_usage(c, "expected COMPETITION or --team TEAM");
    int rc = cli_open(c);
    if (rc) return rc;
    struct tl_team_match team = {0};
    int64_t comp = 0;
    char canon[256] = "";
    if (team_name && (rc = cli_team(c, team_name, &team))) return rc;
    if (!team_name && (rc = cli_competition(c, c->pos[0], &comp, canon, sizeof canon))) return rc;
    if ((rc = refresh(c))) return rc;
    struct tl_error err;
    tl_err_clear(&err);
    struct tl_match_filter mf = {.team_id = team.team_id, .competition_id = comp, .played_only = 1};
    struct tl_scorer_filter sf = {.team_id = team.team_id, .competition_id = comp};
    struct tl_match_list ml = {0};
    struct tl_scorer_list sl = {0};
    struct tl_coverage cov;
    struct tl_milestone_list recs = {0};
    struct tl_baseline_list bl = {0};
    const struct tl_match **order = NULL;
    if (tl_store_matches(c->store, &mf, &ml, &err) ||
        tl_store_scorer_totals(c->store, &sf, &sl, &err) ||
        tl_store_scorer_coverage(c->store, &sf, &cov, &err) ||
        tl_store_baselines(c->store, &bl, &err)) {
        rc = cli_fail(c, &err);
        goto out;
    }
    tl_engine_rank_scorers(&sl);
    order = tl_calloc(ml.n + 1, sizeof *order);
    if (!order) {
        fprintf(cli_err, "%s: out of memory\n", c->prog);
        rc = EXIT_FAIL;
        goto out;
    }
    /* biggest wins: of the team, or any in the competition */
    size_t nw = 0;
    for (size_t i = 0; i < ml.n; i++) {
        const struct tl_match *m = &ml.v[i];
        if (m->score_home == TL_NONE || m->score_home == m->score_away) continue;
        if (team.team_id) {
            int gf, ga;
            tl_engine_goals(m, team.team_id, &gf, &ga);
            if (gf <= ga) continue;
        }
        order[nw++] = m;
    }
    qsort(order, nw, sizeof *order, by_margin);
    /* the tournament's standing records: the latest of each kind */
    const struct tl_milestone *fastest = NULL, *oldest = NULL, *youngest = NULL, *top = NULL;
    if (comp) {
        struct tl_ms_filter f = {.competition_id = comp};
        if (tl_store_milestones(c->store, &f, &recs, &err)) {
            rc = cli_fail(c, &err);
            goto out;
        }
        for (size_t i = 0; i < recs.n; i++) {
            const struct tl_milestone *m = &recs.v[i];
            if (m->kind == TL_MS_FASTEST_GOAL) fastest = m;
            if (m->kind == TL_MS_OLDEST_SCORER) oldest = m;
            if (m->kind == TL_MS_YOUNGEST_SCORER) youngest = m;
            if ((m->kind == TL_MS_RECORD_EQUALLED || m->kind == TL_MS_RECORD_BROKEN) &&
                strstr(m->text, canon))
                top = m;
        }
    }
    struct run win = {0}, unbeaten = {0};
    if (team.team_id) runs(&ml, team.team_id, &win, &unbeaten);
    const char *who = team.team_id ? team.team : canon;
    if (c->fmt == TL_OUT_JSON) {
        struct tl_json j;
        tl_json_init(&j, cli_out);
        tl_json_obj(&j);
        tl_json_key(&j, team.team_id ? "team" : "competition");
        tl_json_str(&j, who);
        tl_json_key(&j, "matches");
        tl_json_int(&j, (long)ml.n);
        tl_json_key(&j, "top_scorers");
        tl_json_arr(&j);
        for (size_t i = 0; i < sl.n && sl.v[i].rank <= 5; i++) {
            tl_json_obj(&j);
            tl_json_key(&j, "rank");
            tl_json_int(&j, sl.v[i].rank);
            tl_json_key(&j, "player");
            tl_json_str(&j, sl.v[i].player);
            tl_json_key(&j, "team");
            tl_json_str(&j, sl.v[i].team);
            tl_json_key(&j, "goals");
            tl_json_int(&j, sl.v[i].goals);
            tl_json_end_obj(&j);
        }
        tl_json_end_arr(&j);
        tl_json_key(&j, "scorer_coverage");
        tl_json_obj(&j);
        tl_json_key(&j, "matches");
        tl_json_int(&j, cov.matches);
        tl_json_key(&j, "matches_complete");
        tl_json_int(&j, cov.matches_complete + (cov.matches - cov.matches_with_goals));
        tl_json_end_obj(&j);
        tl_json_key(&j, "biggest_wins");
        tl_json_arr(&j);
        for (size_t i = 0; i < nw && i < 5; i++) cli_json_match(&j, order[i]);
        tl_json_end_arr(&j);
        if (team.team_id) {
            struct run *rr[2] = {&win, &unbeaten};
            const char *names[2] = {"winning_run", "unbeaten_run"};
            for (int k = 0; k < 2; k++) {
                tl_json_key(&j, names[k]);
                tl_json_obj(&j);
                tl_json_key(&j, "matches");
                tl_json_int(&j, rr[k]->len);
                tl_json_key(&j, "from");
                tl_json_str(&j, rr[k]->first ? rr[k]->first->date : NULL);
                tl_json_key(&j, "to");
                tl_json_str(&j, rr[k]->last ? rr[k]->last->date : NULL);
                tl_json_end_obj(&j);
            }
        }
        const struct tl_milestone *standing[4] = {top, fastest, oldest, youngest};
        const char *keys[4] = {"top_scorer_record", "fastest_goal", "oldest_scorer",
                               "youngest_scorer"};
        for (int k = 0; comp && k < 4; k++) {
            tl_json_key(&j, keys[k]);
            if (!standing[k]) {
                tl_json_null(&j);
                continue;
            }
            tl_json_obj(&j);
            tl_json_key(&j, "date");
            tl_json_str(&j, standing[k]->date);
            tl_json_key(&j, "text");
            tl_json_str(&j, standing[k]->text);
            tl_json_key(&j, "value");
            tl_json_int(&j, standing[k]->value);
            tl_json_end_obj(&j);
        }
        tl_json_end_obj(&j);
        tl_json_done(&j);
        goto out;
    }
    fprintf(cli_out, "Records of %s, from %zu played matches\n\n", who, ml.n);
    fprintf(cli_out, "Top scorers (from %ld of %ld matches with every scorer listed):\n",
           cov.matches_complete + (cov.matches - cov.matches_with_goals), cov.matches);
    for (size_t i = 0; i < sl.n && sl.v[i].rank <= 5; i++)
        fprintf(cli_out, "  %2d%s %-28s %-20s %3d\n", sl.v[i].rank, sl.v[i].tied ? "=" : " ",
               sl.v[i].player, sl.v[i].team, sl.v[i].goals);
    for (size_t i = 0; team.team_id && i < bl.n; i++)
        if (bl.v[i].team_id == team.team_id)
            fprintf(cli_out, "  baseline: %s %d goals as of %s (source: %s)\n", bl.v[i].player,
                   bl.v[i].goals, bl.v[i].as_of, bl.v[i].source);
    fprintf(cli_out, "\nBiggest wins:\n");
    for (size_t i = 0; i < nw && i < 5; i++) print_match_line(order[i]);
    if (team.team_id) {
        if (win.len)
            fprintf(cli_out, "\nLongest winning run: %d matches, %s to %s\n", win.len, win.first->date,
                   win.last->date);
        if (unbeaten.len)
            fprintf(cli_out, "Longest unbeaten run: %d matches, %s to %s\n", unbeaten.len,
                   unbeaten.first->date, unbeaten.last->date);
    }
    if (top) fprintf(cli_out, "\nAll-time top scorer: %s (%s)\n", top->text, top->date);
    if (fastest) fprintf(cli_out, "Fastest goal: %s (%s)\n", fastest->text, fastest->date);
    if (oldest) fprintf(cli_out, "Oldest scorer: %s (%s)\n", oldest->text, oldest->date);
    if (youngest) fprintf(cli_out, "Youngest scorer: %s (%s)\n", youngest->text, youngest->date);
out:
    tl_free(order);
    tl_match_list_free(&ml);
    tl_scorer_list_free(&sl);
    tl_milestone_list_free(&recs);
    tl_baseline_list_free(&bl);
    return rc;
}
