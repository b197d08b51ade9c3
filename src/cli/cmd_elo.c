/* cli/cmd_elo.c: `touchline elo`: World Football Elo ratings, as a ranking
 * on a date or a team's history (with a chart). */
#include "cli.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

int cli_elo_refresh(struct cli *c)
{
    struct tl_error err;
    tl_err_clear(&err);
    struct tl_elo_update u;
    if (tl_load_elo(c->store, cli_opt(c, "rebuild") != NULL, &u, &err)) return cli_fail(c, &err);
    if (u.rated)
        fprintf(cli_err, "elo: rated %ld match%s from %s on\n", u.rated, u.rated == 1 ? "" : "es",
                strcmp(u.from, "0000-00-00") ? u.from : "the first");
    return EXIT_OK;
}

static double year_of(const char *date)
{
    struct tl_date d;
    if (tl_date_parse(date, 10, &d)) return NAN;
    struct tl_date jan1 = {d.y, 1, 1};
    return d.y + (tl_date_days(d) - tl_date_days(jan1)) / 365.25;
}

static int ranking(struct cli *c, const char *on, long top)
{
    struct tl_error err;
    tl_err_clear(&err);
    struct tl_rating_list l = {0};
    if (tl_store_elo_ratings(c->store, on, &l, &err)) {
        tl_rating_list_free(&l);
        return cli_fail(c, &err);
    }
    /* teams that have not played in the four years before the date (or the
     * data's last match) are left out unless --all: dissolved teams keep
     * their last rating for ever */
    char last[11] = "", cutoff[11] = "";
    for (size_t i = 0; i < l.n; i++)
        if (strcmp(l.v[i].date, last) > 0) strcpy(last, l.v[i].date);
    const char *ref = on ? on : last;
    int all = cli_opt(c, "all") != NULL;
    if (!all && ref[0] && tl_date_add(ref, -4 * 365 - 1, cutoff) < 0) cutoff[0] = 0;
    struct tl_table t;
    tl_table_init(&t);
    tl_table_col(&t, "rank", TL_CELL_INT);
    tl_table_col(&t, "team", TL_CELL_TEXT);
    tl_table_col(&t, "rating", TL_CELL_NUM);
    tl_table_col(&t, "last_change", TL_CELL_NUM);
    tl_table_col(&t, "matches", TL_CELL_INT);
    tl_table_col(&t, "last_match", TL_CELL_TEXT);
    tl_rc r = TL_OK;
    long rank = 0;
    for (size_t i = 0; i < l.n && !r; i++) {
        const struct tl_rating *x = &l.v[i];
        if (cutoff[0] && strcmp(x->date, cutoff) < 0) continue;
        if (top && rank >= top) break;
        rank++;
        r = tl_table_row(&t);
        if (!r) r = tl_table_set_int(&t, 0, rank);
        if (!r) r = tl_table_set(&t, 1, x->team);
        if (!r) r = tl_table_setf(&t, 2, "%.0f", x->rating);
        if (!r) r = tl_table_setf(&t, 3, "%+.1f", x->change);
        if (!r) r = tl_table_set_int(&t, 4, x->matches);
        if (!r) r = tl_table_set(&t, 5, x->date);
    }
    if (r) {
        tl_table_free(&t);
        tl_rating_list_free(&l);
        fprintf(cli_err, "%s: out of memory\n", c->prog);
        return EXIT_FAIL;
    }
    if (c->fmt == TL_OUT_JSON) {
        struct tl_json j;
        tl_json_init(&j, cli_out);
        tl_json_obj(&j);
        tl_json_key(&j, "date");
        tl_json_str(&j, ref[0] ? ref : NULL);
        tl_json_key(&j, "method");
        tl_json_str(&j, TL_ELO_PARAMS);
        tl_json_key(&j, "active_since");
        tl_json_str(&j, cutoff[0] ? cutoff : NULL);
        tl_json_key(&j, "ratings");
        tl_json_table(&j, &t);
        tl_json_end_obj(&j);
        tl_json_done(&j);
    } else if (c->fmt == TL_OUT_CSV) {
        tl_table_print_csv(&t, cli_out);
    } else if (!t.nrows) {
        fprintf(cli_out, "No rated matches%s%s.\n", on ? " on or before " : "", on ? on : "");
    } else {
        fprintf(cli_out, "World Football Elo ratings on %s (%s", ref,
               all ? "every team" : "teams that played in the four years before");
        fprintf(cli_out, "; %ld rated matches)\n\n", tl_store_count(c->store, "elo"));
        tl_table_print_text(&t, cli_out);
    }
    tl_table_free(&t);
    tl_rating_list_free(&l);
    return EXIT_OK;
}

/* One team: its rating on the date, rank, peak, and its last matches. */
static int team_history(struct cli *c, const char *name, const char *on, long top,
                        struct tl_rating_list *h, struct tl_team_match *tm)
{
    struct tl_error err;
    tl_err_clear(&err);
    int rc = cli_team(c, name, tm);
    if (rc) return rc;
    if (tl_store_elo_history(c->store, tm->team_id, h, &err)) return cli_fail(c, &err);
    size_t upto = 0; /* matches on or before the date */
    while (upto < h->n && (!on || strcmp(h->v[upto].date, on) <= 0)) upto++;
    if (!upto) {
        if (c->fmt == TL_OUT_TEXT)
            fprintf(cli_out, "%s: no rated match%s%s.\n", tm->team, on ? " on or before " : "",
                   on ? on : "");
        return EXIT_OK;
    }
    const struct tl_rating *now = &h->v[upto - 1], *peak = &h->v[0];
    for (size_t i = 0; i < upto; i++)
        if (h->v[i].rating > peak->rating) peak = &h->v[i];
    struct tl_table t;
    tl_table_init(&t);
    tl_table_col(&t, "date", TL_CELL_TEXT);
    tl_table_col(&t, "opponent", TL_CELL_TEXT);
    tl_table_col(&t, "where", TL_CELL_TEXT);
    tl_table_col(&t, "score", TL_CELL_TEXT);
    tl_table_col(&t, "competition", TL_CELL_TEXT);
    tl_table_col(&t, "opponent_rating", TL_CELL_NUM);
    tl_table_col(&t, "change", TL_CELL_NUM);
    tl_table_col(&t, "rating", TL_CELL_NUM);
    size_t first = top && upto > (size_t)top ? upto - (size_t)top : 0;
    tl_rc r = TL_OK;
    for (size_t i = first; i < upto && !r; i++) {
        const struct tl_rating *x = &h->v[i];
        r = tl_table_row(&t);
        if (!r) r = tl_table_set(&t, 0, x->date);
        if (!r) r = tl_table_set(&t, 1, x->opponent);
        if (!r) r = tl_table_set(&t, 2, x->home > 0 ? "home" : x->home < 0 ? "away" : "neutral");
        if (!r) r = tl_table_setf(&t, 3, "%d-%d", x->gf, x->ga);
        if (!r) r = tl_table_set(&t, 4, x->competition ? x->competition : "Friendly");
        if (!r) r = tl_table_setf(&t, 5, "%.0f", x->opponent_rating);
        if (!r) r = tl_table_setf(&t, 6, "%+.1f", x->change);
        if (!r) r = tl_table_setf(&t, 7, "%.0f", x->rating);
    }
    if (r) {
        tl_table_free(&t);
        fprintf(cli_err, "%s: out of memory\n", c->prog);
        return EXIT_FAIL;
    }
    if (c->fmt == TL_OUT_JSON) {
        struct tl_json j;
        tl_json_init(&j, cli_out);
        tl_json_obj(&j);
        tl_json_key(&j, "team");
        tl_json_str(&j, tm->team);
        tl_json_key(&j, "date");
        tl_json_str(&j, now->date);
        tl_json_key(&j, "rating");
        tl_json_num(&j, now->rating, 1);
        tl_json_key(&j, "matches");
        tl_json_int(&j, now->matches);
        tl_json_key(&j, "peak");
        tl_json_obj(&j);
        tl_json_key(&j, "rating");
        tl_json_num(&j, peak->rating, 1);
        tl_json_key(&j, "date");
        tl_json_str(&j, peak->date);
        tl_json_end_obj(&j);
        tl_json_key(&j, "matches_shown");
        tl_json_table(&j, &t);
        tl_json_end_obj(&j);
        tl_json_done(&j);
    } else if (c->fmt == TL_OUT_CSV) {
        tl_table_print_csv(&t, cli_out);
    } else {
        fprintf(cli_out, "%s: %.0f after its match of %s (%d rated matches); peak %.0f on %s\n\n",
               tm->team, now->rating, now->date, now->matches, peak->rating, peak->date);
        tl_table_print_text(&t, cli_out);
    }
    tl_table_free(&t);
    return EXIT_OK;
}

int cmd_elo(struct cli *c)
{
    if (c->npos) return cli_usage(c, "'elo' takes options only, found \"%s\"", c->pos[0]);
    const char *on = cli_opt(c, "date"), *svg = cli_opt(c, "svg"), *teams = cli_opt(c, "team");
    long top = 20;
    int rc = cli_date_arg(c, "date", on);
    if (!rc && cli_opt(c, "top") && (top = cli_num_arg(c, "top", cli_opt(c, "top"))) < 0)
        return EXIT_USAGE;
    if (!rc && svg && !teams) return cli_usage(c, "--svg draws a team's history: give --team");
    if (!rc) rc = cli_open(c);
    if (!rc) rc = cli_elo_refresh(c);
    if (rc) return rc;
    if (!teams) return ranking(c, on, top);

    /* --team A[,B...]: each team's history; the chart draws them all */
    enum { MAX_TEAMS = 6 };
    struct tl_rating_list h[MAX_TEAMS] = {{0}};
    struct tl_team_match tm[MAX_TEAMS];
    char *list = tl_strdup(teams), *save = NULL;
    if (!list) {
        fprintf(cli_err, "%s: out of memory\n", c->prog);
        return EXIT_FAIL;
    }
    int n = 0;
    for (char *name = strtok_r(list, ",", &save); name && !rc;
         name = strtok_r(NULL, ",", &save)) {
        while (*name == ' ') name++;
        if (n == MAX_TEAMS) {
            rc = cli_usage(c, "--team takes at most %d teams", MAX_TEAMS);
            break;
        }
        if (n && c->fmt == TL_OUT_TEXT) fputc('\n', cli_out);
        rc = team_history(c, name, on, top, &h[n], &tm[n]);
        n++;
    }
    if (!rc && svg) {
        struct tl_svg_series s[MAX_TEAMS];
        double *buf = NULL;
        size_t total = 0;
        for (int i = 0; i < n; i++) total += h[i].n;
        buf = tl_calloc(total * 2 + 1, sizeof *buf);
        if (!buf) rc = cli_wrote(c, NULL, TL_ENOMEM, svg, "chart");
        size_t at = 0;
        for (int i = 0; i < n && buf; i++) {
            size_t k = 0;
            for (; k < h[i].n && (!on || strcmp(h[i].v[k].date, on) <= 0); k++) {
                buf[at + k] = year_of(h[i].v[k].date);
                buf[at + h[i].n + k] = h[i].v[k].rating;
            }
            s[i] = (struct tl_svg_series){tm[i].team, buf + at, buf + at + h[i].n, k};
            at += 2 * h[i].n;
        }
        if (buf) {
            char title[512];
            int at2 = snprintf(title, sizeof title, "World Football Elo rating: %s", tm[0].team);
            for (int i = 1; i < n && at2 > 0 && (size_t)at2 < sizeof title; i++)
                at2 += snprintf(title + at2, sizeof title - (size_t)at2, "%s%s",
                                i == n - 1 ? " and " : ", ", tm[i].team);
            FILE *f = fopen(svg, "w");
            tl_rc r = f ? tl_svg_lines(f, title,
                                       "after each match; K by match type, goal-difference "
                                       "multiplier, 100 points for playing at home",
                                       s, n)
                        : TL_EIO;
            if (r == TL_EUSAGE) {
                if (f) fclose(f);
                remove(svg);
                fprintf(cli_err, "%s: no rated match to draw\n", c->prog);
                rc = EXIT_FAIL;
            } else {
                rc = cli_wrote(c, f, r, svg, "chart");
            }
        }
        tl_free(buf);
    }
    for (int i = 0; i < n; i++) tl_rating_list_free(&h[i]);
    tl_free(list);
    return rc;
}
