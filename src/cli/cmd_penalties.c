/* cli/cmd_penalties.c: `touchline penalties` (per player: scored, missed
 * and how, shootout kicks) and `touchline shootouts` (the list, a team's
 * record, and with --stats the first-kicker effect next to the
 * literature). */
#include "cli.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

int cli_player(struct cli *c, const char *name, int64_t team_id, int64_t *id, char *canon,
               size_t cap)
{
    struct tl_player_list l = {0};
    struct tl_error err;
    tl_err_clear(&err);
    if (tl_store_players(c->store, name, team_id, &l, &err)) {
        tl_player_list_free(&l);
        return cli_fail(c, &err);
    }
    int rc = EXIT_OK;
    if (l.n == 1) {
        *id = l.v[0].id;
        snprintf(canon, cap, "%s", l.v[0].name);
    } else if (!l.n) {
        fprintf(cli_err, "%s: no player \"%s\" in %s\n", c->prog, name, cli_db_name(c));
        rc = EXIT_FAIL;
    } else {
        fprintf(cli_err, "%s: \"%s\" fits %zu players:", c->prog, name, l.n);
        for (size_t i = 0; i < l.n && i < 8; i++)
            fprintf(cli_err, "%s %s (%s)", i ? "," : "", l.v[i].name, l.v[i].team);
        fprintf(cli_err, "%s; add --team or write the name more fully\n", l.n > 8 ? ", ..." : "");
        rc = EXIT_FAIL;
    }
    tl_player_list_free(&l);
    return rc;
}

static int missed(const struct tl_penalty_row *r)
{
    return r->saved + r->woodwork + r->over + r->off_target + r->missed;
}

static int by_taken(const void *a, const void *b)
{
    const struct tl_penalty_row *x = a, *y = b;
    int tx = x->scored + missed(x), ty = y->scored + missed(y);
    if (tx != ty) return ty - tx;
    if (x->scored != y->scored) return y->scored - x->scored;
    if (x->kicks != y->kicks) return y->kicks - x->kicks;
    return strcmp(x->player, y->player);
}

/* the --from/--to options, checked */
static int date_range(struct cli *c, const char **from, const char **to)
{
    *from = cli_opt(c, "from");
    *to = cli_opt(c, "to");
    int rc = cli_date_arg(c, "from", *from);
    return rc ? rc : cli_date_arg(c, "to", *to);
}

int cmd_penalties(struct cli *c)
{
    if (c->npos) return cli_usage(c, "'penalties' takes options only, found \"%s\"", c->pos[0]);
    const char *from, *to, *v;
    long top = 20;
    int rc = date_range(c, &from, &to);
    if (!rc && (v = cli_opt(c, "top")) && (top = cli_num_arg(c, "top", v)) < 0) return EXIT_USAGE;
    if (!rc) rc = cli_open(c);
    if (rc) return rc;
    struct tl_team_match team = {0};
    if ((v = cli_opt(c, "team")) && (rc = cli_team(c, v, &team))) return rc;
    int64_t player = 0;
    char pname[256] = "";
    if ((v = cli_opt(c, "player")) &&
        (rc = cli_player(c, v, team.team_id, &player, pname, sizeof pname)))
        return rc;
    struct tl_error err;
    tl_err_clear(&err);
    struct tl_penalty_list l = {0};
    long matches = 0, with = 0;
    if (tl_store_penalties(c->store, team.team_id, player, from, to, &l, &err) ||
        tl_store_miss_coverage(c->store, team.team_id, from, to, &matches, &with, &err)) {
        tl_penalty_list_free(&l);
        return cli_fail(c, &err);
    }
    qsort(l.v, l.n, sizeof *l.v, by_taken);
    struct tl_penalty_row total = {0};
    for (size_t i = 0; i < l.n; i++) {
        const struct tl_penalty_row *r = &l.v[i];
        total.scored += r->scored, total.saved += r->saved, total.woodwork += r->woodwork;
        total.over += r->over, total.off_target += r->off_target, total.missed += r->missed;
        total.kicks += r->kicks, total.kicks_scored += r->kicks_scored;
    }
    struct tl_table t;
    tl_table_init(&t);
    const char *cols[] = {"player", "team", "scored", "missed", "saved", "over", "woodwork",
                          "off_target", "miss_unknown", "kicks", "kicks_scored", "first", "last"};
    for (size_t k = 0; k < sizeof cols / sizeof *cols; k++)
        tl_table_col(&t, cols[k], k < 2 || k > 10 ? TL_CELL_TEXT : TL_CELL_INT);
    tl_rc tr = TL_OK;
    for (size_t i = 0; i < l.n && !tr && (!top || (long)i < top); i++) {
        const struct tl_penalty_row *r = &l.v[i];
        tr = tl_table_row(&t);
        long vals[] = {r->scored, missed(r), r->saved, r->over, r->woodwork, r->off_target,
                       r->missed, r->kicks, r->kicks_scored};
        if (!tr) tr = tl_table_set(&t, 0, r->player);
        if (!tr) tr = tl_table_set(&t, 1, r->team);
        for (int k = 0; k < 9 && !tr; k++) tr = tl_table_set_int(&t, 2 + (size_t)k, vals[k]);
        if (!tr) tr = tl_table_set(&t, 11, r->first);
        if (!tr) tr = tl_table_set(&t, 12, r->last);
    }
    if (tr) {
        fprintf(cli_err, "%s: out of memory\n", c->prog);
        rc = EXIT_FAIL;
    } else if (c->fmt == TL_OUT_JSON) {
        struct tl_json j;
        tl_json_init(&j, cli_out);
        tl_json_obj(&j);
        tl_json_key(&j, "team");
        tl_json_str(&j, team.team_id ? team.team : NULL);
        tl_json_key(&j, "player");
        tl_json_str(&j, pname[0] ? pname : NULL);
        tl_json_key(&j, "totals");
        tl_json_obj(&j);
        tl_json_key(&j, "scored");
        tl_json_int(&j, total.scored);
        tl_json_key(&j, "missed");
        tl_json_int(&j, missed(&total));
        tl_json_key(&j, "kicks");
        tl_json_int(&j, total.kicks);
        tl_json_key(&j, "kicks_scored");
        tl_json_int(&j, total.kicks_scored);
        tl_json_end_obj(&j);
        tl_json_key(&j, "coverage");
        tl_json_obj(&j);
        tl_json_key(&j, "matches");
        tl_json_int(&j, matches);
        tl_json_key(&j, "matches_with_misses_listed");
        tl_json_int(&j, with);
        tl_json_end_obj(&j);
        tl_json_key(&j, "players");
        tl_json_table(&j, &t);
        tl_json_end_obj(&j);
        tl_json_done(&j);
    } else if (c->fmt == TL_OUT_CSV) {
        tl_table_print_csv(&t, cli_out);
    } else if (!l.n) {
        fprintf(cli_out, "No penalties in the data%s%s.\n", team.team_id ? " for " : "",
               team.team_id ? team.team : "");
    } else {
        int m = missed(&total);
        fprintf(cli_out, "Penalties%s%s%s%s: %d scored in play", pname[0] ? " of " : "", pname,
               team.team_id ? " for " : "", team.team_id ? team.team : "", total.scored);
        if (m)
            fprintf(cli_out, ", %d missed (%d saved, %d over the bar, %d off the woodwork, %d wide, %d "
                   "how unknown): %.0f%% converted",
                   m, total.saved, total.over, total.woodwork, total.off_target, total.missed,
                   100.0 * total.scored / (total.scored + m));
        if (total.kicks)
            fprintf(cli_out, "; shootouts: %d of %d kicks scored (%.0f%%)", total.kicks_scored, total.kicks,
                   100.0 * total.kicks_scored / total.kicks);
        fprintf(cli_out, ".\nMisses in play are listed only in event data: %ld of %ld matches in range "
               "have it; elsewhere only scored penalties are known.\n\n",
               with, matches);
        tl_table_print_text(&t, cli_out);
    }
    tl_table_free(&t);
    tl_penalty_list_free(&l);
    return rc;
}

static const char *name_of(const struct tl_shootout_row *r, int64_t id)
{
    return id == r->home_id ? r->home : id == r->away_id ? r->away : NULL;
}

static int shootout_stats(struct cli *c, const struct tl_shootout_list *l)
{
    struct tl_first_kicker fk;
    tl_engine_first_kicker(l, &fk);
    long kicks = 0, scored = 0, listed = 0;
    for (size_t i = 0; i < l->n; i++)
        if (l->v[i].kicks_taken[0] + l->v[i].kicks_taken[1] > 0 && l->v[i].kicks[0] != TL_NONE) {
            listed++;
            kicks += l->v[i].kicks_taken[0] + l->v[i].kicks_taken[1];
            scored += l->v[i].kicks[0] + l->v[i].kicks[1];
        }
    const char *first = NULL, *last = NULL;
    for (size_t i = 0; i < l->n; i++)
        if (l->v[i].first_id) {
            if (!first) first = l->v[i].date;
            last = l->v[i].date;
        }
    if (c->fmt == TL_OUT_JSON) {
        struct tl_json j;
        tl_json_init(&j, cli_out);
        tl_json_obj(&j);
        tl_json_key(&j, "shootouts");
        tl_json_int(&j, (long)l->n);
        tl_json_key(&j, "first_kicker_known");
        tl_json_int(&j, fk.n);
        tl_json_key(&j, "first_kicker_won");
        tl_json_int(&j, fk.wins);
        tl_json_key(&j, "share");
        tl_json_num(&j, fk.share, 4);
        tl_json_key(&j, "ci95");
        tl_json_arr(&j);
        tl_json_num(&j, fk.lo, 4);
        tl_json_num(&j, fk.hi, 4);
        tl_json_end_arr(&j);
        tl_json_key(&j, "from");
        tl_json_str(&j, first);
        tl_json_key(&j, "to");
        tl_json_str(&j, last);
        tl_json_key(&j, "kicks_listed");
        tl_json_obj(&j);
        tl_json_key(&j, "shootouts");
        tl_json_int(&j, listed);
        tl_json_key(&j, "kicks");
        tl_json_int(&j, kicks);
        tl_json_key(&j, "scored");
        tl_json_int(&j, scored);
        tl_json_end_obj(&j);
        tl_json_key(&j, "literature");
        tl_json_arr(&j);
        for (int i = 0; i < tl_first_kicker_nliterature; i++) {
            const struct tl_literature *x = &tl_first_kicker_literature[i];
            tl_json_obj(&j);
            tl_json_key(&j, "study");
            tl_json_str(&j, x->study);
            tl_json_key(&j, "share");
            tl_json_num(&j, x->share, 2);
            tl_json_key(&j, "finding");
            tl_json_str(&j, x->finding);
            tl_json_end_obj(&j);
        }
        tl_json_end_arr(&j);
        tl_json_end_obj(&j);
        tl_json_done(&j);
        return EXIT_OK;
    }
    if (!fk.n) {
        fprintf(cli_out, "No shootout in range with a known first kicker (%zu shootouts).\n", l->n);
        return EXIT_OK;
    }
    fprintf(cli_out, "The first-kicker effect: of %ld shootouts with a known first kicker (%s to %s, of %zu "
           "shootouts in range),\nthe team kicking first won %ld: %.1f%%, 95%% confidence "
           "interval %.1f%% to %.1f%% (Wilson).\n",
           fk.n, first, last, l->n, fk.wins, 100 * fk.share, 100 * fk.lo, 100 * fk.hi);
    fprintf(cli_out, "%s\n\nPublished:\n",
           fk.lo > 0.5   ? "The interval lies above half: kicking first helped here."
           : fk.hi < 0.5 ? "The interval lies below half: kicking first hurt here."
                         : "The interval includes half: no significant advantage here.");
    for (int i = 0; i < tl_first_kicker_nliterature; i++) {
        const struct tl_literature *x = &tl_first_kicker_literature[i];
        fprintf(cli_out, "  %s (%s): %s\n", x->study, x->sample, x->finding);
    }
    if (kicks)
        fprintf(cli_out, "\nKicks listed one by one in %ld shootouts: %ld of %ld scored (%.1f%%).\n", listed,
               scored, kicks, 100.0 * scored / kicks);
    return EXIT_OK;
}

int cmd_shootouts(struct cli *c)
{
    if (c->npos) return cli_usage(c, "'shootouts' takes options only, found \"%s\"", c->pos[0]);
    const char *from, *to, *v;
    long limit = 0;
    int rc = date_range(c, &from, &to);
    if (!rc && (v = cli_opt(c, "limit")) && (limit = cli_num_arg(c, "limit", v)) < 0)
        return EXIT_USAGE;
    if (!rc) rc = cli_open(c);
    if (rc) return rc;
    struct tl_team_match team = {0};
    if ((v = cli_opt(c, "team")) && (rc = cli_team(c, v, &team))) return rc;
    struct tl_error err;
    tl_err_clear(&err);
    struct tl_shootout_list l = {0};
    if (tl_store_shootouts(c->store, team.team_id, from, to, &l, &err)) {
        tl_shootout_list_free(&l);
        return cli_fail(c, &err);
    }
    if (cli_opt(c, "stats")) {
        rc = shootout_stats(c, &l);
        tl_shootout_list_free(&l);
        return rc;
    }
    long won = 0, first = 0, first_won = 0;
    struct tl_table t;
    tl_table_init(&t);
    const char *cols[] = {"date", "home", "away", "score", "kicks", "winner", "first", "tournament"};
    for (size_t k = 0; k < sizeof cols / sizeof *cols; k++) tl_table_col(&t, cols[k], TL_CELL_TEXT);
    tl_rc tr = TL_OK;
    size_t start = limit && l.n > (size_t)limit ? l.n - (size_t)limit : 0;
    for (size_t i = 0; i < l.n; i++) {
        const struct tl_shootout_row *r = &l.v[i];
        if (team.team_id) {
            won += r->winner_id == team.team_id;
            if (r->first_id) first++, first_won += r->first_id == team.team_id;
        }
        if (i < start || tr) continue;
        tr = tl_table_row(&t);
        if (!tr) tr = tl_table_set(&t, 0, r->date);
        if (!tr) tr = tl_table_set(&t, 1, r->home);
        if (!tr) tr = tl_table_set(&t, 2, r->away);
        if (!tr && r->score[0] != TL_NONE)
            tr = tl_table_setf(&t, 3, "%d-%d", r->score[0], r->score[1]);
        if (!tr && r->kicks[0] != TL_NONE)
            tr = tl_table_setf(&t, 4, "%d-%d", r->kicks[0], r->kicks[1]);
        if (!tr) tr = tl_table_set(&t, 5, name_of(r, r->winner_id));
        if (!tr) tr = tl_table_set(&t, 6, name_of(r, r->first_id));
        if (!tr) tr = tl_table_set(&t, 7, r->tournament);
    }
    if (tr) {
        fprintf(cli_err, "%s: out of memory\n", c->prog);
        rc = EXIT_FAIL;
    } else if (c->fmt == TL_OUT_JSON) {
        struct tl_json j;
        tl_json_init(&j, cli_out);
        tl_json_obj(&j);
        tl_json_key(&j, "team");
        tl_json_str(&j, team.team_id ? team.team : NULL);
        tl_json_key(&j, "played");
        tl_json_int(&j, (long)l.n);
        tl_json_key(&j, "won");
        if (team.team_id) tl_json_int(&j, won);
        else tl_json_null(&j);
        tl_json_key(&j, "shootouts");
        tl_json_table(&j, &t);
        tl_json_end_obj(&j);
        tl_json_done(&j);
    } else if (c->fmt == TL_OUT_CSV) {
        tl_table_print_csv(&t, cli_out);
    } else {
        if (team.team_id)
            fprintf(cli_out, "%s: %zu shootouts, won %ld, lost %ld%s", team.team, l.n, won,
                   (long)l.n - won, first ? "" : ".\n\n");
        if (team.team_id && first)
            fprintf(cli_out, "; kicked first in %ld of the %ld with a known order.\n\n", first_won,
                   first);
        if (t.nrows) tl_table_print_text(&t, cli_out);
        else fprintf(cli_out, "No shootout in range.\n");
    }
    tl_table_free(&t);
    tl_shootout_list_free(&l);
    return rc;
}
