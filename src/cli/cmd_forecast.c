/* cli/cmd_forecast.c: `touchline forecast`: the chances of every team of a
 * tournament from any moment, by simulation; and how well the match model
 * would have predicted every match of a competition (--calibrate). */
#include "cli.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* "round of 16" -> "round_of_16" */
static void key_of(const char *name, char *out, size_t cap)
{
    size_t i = 0;
    for (; name[i] && i + 1 < cap; i++) out[i] = name[i] == ' ' || name[i] == '-' ? '_' : name[i];
    out[i] = 0;
}

static const char *short_level(int level)
{
    static const char *const s[] = {"group", "R32", "R16", "QF", "SF", "final", "title"};
    return level >= 0 && level <= TL_STAGE__COUNT ? s[level] : "?";
}

static int parse_mu(struct cli *c, double *mu)
{
    const char *v = cli_opt(c, "goals");
    if (!v) return EXIT_OK;
    char *end;
    errno = 0;
    *mu = strtod(v, &end);
    if (!*v || *end || errno || !(*mu >= 0.5 && *mu <= 8))
        return cli_usage(c, "--goals expects goals per match between 0.5 and 8, found \"%s\"", v);
    return EXIT_OK;
}

/* ---- --calibrate ---- */

static int calibrate(struct cli *c, double mu)
{
    if (c->npos != 1)
        return cli_usage(c, "--calibrate takes a COMPETITION only, found %zu arguments", c->npos);
    const char *from = cli_opt(c, "from"), *to = cli_opt(c, "to");
    int rc = cli_date_arg(c, "from", from);
    if (!rc) rc = cli_date_arg(c, "to", to);
    if (!rc) rc = cli_open(c);
    if (!rc) rc = cli_elo_refresh(c);
    if (rc) return rc;
    int64_t comp;
    char canon[256];
    if ((rc = cli_competition(c, c->pos[0], &comp, canon, sizeof canon))) return rc;
    struct tl_error err;
    tl_err_clear(&err);
    struct tl_elo_games g = {0};
    if (tl_store_elo_rated(c->store, comp, from, to, &g, &err)) {
        tl_elo_games_free(&g);
        return cli_fail(c, &err);
    }
    if (!g.n) {
        tl_elo_games_free(&g);
        fprintf(cli_err, "%s: no rated match of %s in range\n", c->prog, canon);
        return EXIT_FAIL;
    }
    /* the model's probabilities, and the outcomes */
    double brier = 0, logloss = 0, pdraw = 0, base[3] = {0};
    int *outc = tl_calloc(g.n, sizeof *outc);
    double (*p)[3] = tl_calloc(g.n, sizeof *p);
    if (!outc || !p) {
        tl_free(outc);
        tl_free(p);
        tl_elo_games_free(&g);
        fprintf(cli_err, "%s: out of memory\n", c->prog);
        return EXIT_FAIL;
    }
    for (size_t i = 0; i < g.n; i++) {
        const struct tl_elo_game *x = &g.v[i];
        double dr = x->before[0] - x->before[1] + (x->neutral ? 0 : TL_ELO_HOME);
        struct tl_goal_model gm;
        tl_goal_model_init(&gm, dr, mu);
        tl_goal_model_probs(&gm, p[i]);
        outc[i] = x->goals[0] > x->goals[1] ? 0 : x->goals[0] == x->goals[1] ? 1 : 2;
        base[outc[i]]++;
        pdraw += p[i][1];
    }
    for (int k = 0; k < 3; k++) base[k] /= (double)g.n;
    double bbrier = 0, blog = 0;
    for (size_t i = 0; i < g.n; i++) {
        for (int k = 0; k < 3; k++) {
            double o = outc[i] == k;
            brier += (p[i][k] - o) * (p[i][k] - o);
            bbrier += (base[k] - o) * (base[k] - o);
        }
        logloss -= log(fmax(p[i][outc[i]], 1e-12));
        blog -= log(fmax(base[outc[i]], 1e-12));
    }
    double n = (double)g.n;
    brier /= n, logloss /= n, bbrier /= n, blog /= n, pdraw /= n;
    if (c->fmt == TL_OUT_JSON) {
        struct tl_json j;
        tl_json_init(&j, cli_out);
        tl_json_obj(&j);
        tl_json_key(&j, "competition");
        tl_json_str(&j, canon);
        tl_json_key(&j, "from");
        tl_json_str(&j, g.v[0].date);
        tl_json_key(&j, "to");
        tl_json_str(&j, g.v[g.n - 1].date);
        tl_json_key(&j, "matches");
        tl_json_int(&j, (long)g.n);
        tl_json_key(&j, "goals_per_match");
        tl_json_num(&j, mu, 2);
        tl_json_key(&j, "model");
        tl_json_obj(&j);
        tl_json_key(&j, "brier");
        tl_json_num(&j, brier, 4);
        tl_json_key(&j, "log_loss");
        tl_json_num(&j, logloss, 4);
        tl_json_key(&j, "draw_rate");
        tl_json_num(&j, pdraw, 4);
        tl_json_end_obj(&j);
        tl_json_key(&j, "baseline");
        tl_json_obj(&j);
        tl_json_key(&j, "brier");
        tl_json_num(&j, bbrier, 4);
        tl_json_key(&j, "log_loss");
        tl_json_num(&j, blog, 4);
        tl_json_key(&j, "home_draw_away");
        tl_json_arr(&j);
        for (int k = 0; k < 3; k++) tl_json_num(&j, base[k], 4);
        tl_json_end_arr(&j);
        tl_json_end_obj(&j);
        tl_json_end_obj(&j);
        tl_json_done(&j);
    } else {
        fprintf(cli_out, "%s, %s to %s: %zu matches, the result after 90 minutes\n"
               "(pre-match Elo ratings, home advantage where not on neutral ground, %.2f goals "
               "a match)\n\n",
               canon, g.v[0].date, g.v[g.n - 1].date, g.n, mu);
        fprintf(cli_out, "                              Brier  log loss  draws\n");
        fprintf(cli_out, "Elo + Poisson goals model    %.4f    %.4f  %4.1f%% predicted\n", brier, logloss,
               100 * pdraw);
        fprintf(cli_out, "base rates (%.0f%% / %.0f%% / %.0f%%)  %.4f    %.4f  %4.1f%% played\n",
               100 * base[0], 100 * base[1], 100 * base[2], bbrier, blog, 100 * base[1]);
        fprintf(cli_out, "\nBrier: the mean over matches of the squared errors of the three probabilities "
               "(lower is better;\nthe base rates are those of these same matches, which "
               "flatters the baseline).\n");
    }
    tl_free(outc);
    tl_free(p);
    tl_elo_games_free(&g);
    return EXIT_OK;
}

/* ---- the forecast ---- */

struct row {
    const struct tl_forecast_team *t;
};
static int by_chance(const void *a, const void *b)
{
    const struct tl_forecast_team *x = *(const struct tl_forecast_team *const *)a,
                                  *y = *(const struct tl_forecast_team *const *)b;
    for (int l = TL_STAGE__COUNT; l >= 0; l--)
        if (x->p[l] != y->p[l]) return x->p[l] < y->p[l] ? 1 : -1;
    return strcmp(x->team, y->team);
}

int cmd_forecast(struct cli *c)
{
    double mu = TL_FORECAST_MU;
    int rc = parse_mu(c, &mu);
    if (rc) return rc;
    if (cli_opt(c, "calibrate")) return calibrate(c, mu);
    long sims = 10000;
    unsigned long long seed = 1;
    const char *v;
    if ((v = cli_opt(c, "sims")) && (sims = cli_num_arg(c, "sims", v)) < 0) return EXIT_USAGE;
    if (sims < 1 || sims > 100000000)
        return cli_usage(c, "--sims expects 1 to 100000000 simulations, found %ld", sims);
    if (cli_seed_arg(c, &seed)) return EXIT_USAGE;
    const char *as_of;
    char canon[256];
    struct tl_edition e;
    rc = cli_open_edition(c, 2, "COMPETITION EDITION (e.g. \"FIFA World Cup\" 2022)", &as_of,
                          canon, sizeof canon, &e);
    if (rc) return rc;
    struct tl_rules r;
    const char *rname;
    struct tl_error err;
    tl_err_clear(&err);
    struct tl_rating_list ratings = {0};
    int64_t *ids = NULL;
    double *vals = NULL;
    struct tl_forecast *f = NULL;
    const struct tl_forecast_team **rows = NULL;
    if ((rc = cli_load_rules(c, &e, 1, &r, &rname))) goto out;
    if ((rc = cli_elo_refresh(c))) goto out;
    if (tl_store_elo_ratings(c->store, as_of, &ratings, &err)) {
        rc = cli_fail(c, &err);
        goto out;
    }
    ids = tl_calloc(ratings.n + 1, sizeof *ids);
    vals = tl_calloc(ratings.n + 1, sizeof *vals);
    if (!ids || !vals) {
        fprintf(cli_err, "%s: out of memory\n", c->prog);
        rc = EXIT_FAIL;
        goto out;
    }
    for (size_t i = 0; i < ratings.n; i++) {
        ids[i] = ratings.v[i].team_id;
        vals[i] = ratings.v[i].rating;
    }
    if (tl_forecast_new(&e, &r, as_of, ids, vals, ratings.n, mu, &f, &err) ||
        tl_forecast_run(f, sims, seed)) {
        rc = cli_fail(c, &err);
        goto out;
    }
    int n = tl_forecast_nteams(f);
    const int *levels;
    int nl = tl_forecast_levels(f, &levels);
    rows = tl_calloc((size_t)n + 1, sizeof *rows);
    if (!rows) {
        fprintf(cli_err, "%s: out of memory\n", c->prog);
        rc = EXIT_FAIL;
        goto out;
    }
    for (int i = 0; i < n; i++) rows[i] = tl_forecast_team(f, i);
    qsort(rows, (size_t)n, sizeof *rows, by_chance);
    if (c->fmt == TL_OUT_JSON) {
        struct tl_json j;
        tl_json_init(&j, cli_out);
        tl_json_obj(&j);
        tl_json_key(&j, "competition");
        tl_json_str(&j, canon);
        tl_json_key(&j, "edition");
        tl_json_str(&j, e.edition);
        tl_json_key(&j, "as_of");
        tl_json_str(&j, as_of);
        tl_json_key(&j, "simulations");
        tl_json_int(&j, sims);
        tl_json_key(&j, "seed");
        tl_json_int(&j, (long)seed);
        tl_json_key(&j, "goals_per_match");
        tl_json_num(&j, mu, 2);
        tl_json_key(&j, "rules");
        tl_json_str(&j, rname);
        tl_json_key(&j, "teams");
        tl_json_arr(&j);
        for (int i = 0; i < n; i++) {
            const struct tl_forecast_team *t = rows[i];
            tl_json_obj(&j);
            tl_json_key(&j, "team");
            tl_json_str(&j, t->team);
            tl_json_key(&j, "group");
            tl_json_str(&j, t->group >= 0 ? e.g[t->group].name : NULL);
            tl_json_key(&j, "rating");
            tl_json_num(&j, t->rating, 1);
            for (int pass = 0; pass < 2; pass++) {
                tl_json_key(&j, pass ? "standard_error" : "chances");
                tl_json_obj(&j);
                for (int l = 0; l <= nl; l++) {
                    int level = l < nl ? levels[l] : TL_STAGE__COUNT;
                    char key[40];
                    key_of(level < TL_STAGE__COUNT ? tl_stage_level_name(level) : "title", key,
                           sizeof key);
                    tl_json_key(&j, key);
                    tl_json_num(&j, pass ? t->se[level] : t->p[level], 5);
                }
                tl_json_end_obj(&j);
            }
            tl_json_key(&j, "group_position");
            tl_json_arr(&j);
            for (int k = 0; t->group >= 0 && k < e.g[t->group].nteams; k++)
                tl_json_num(&j, t->position[k], 5);
            tl_json_end_arr(&j);
            tl_json_end_obj(&j);
        }
        tl_json_end_arr(&j);
        tl_json_end_obj(&j);
        tl_json_done(&j);
        goto out;
    }
    struct tl_table t;
    tl_table_init(&t);
    tl_table_col(&t, "team", TL_CELL_TEXT);
    tl_table_col(&t, "group", TL_CELL_TEXT);
    tl_table_col(&t, "elo", TL_CELL_NUM);
    int groups = tl_forecast_groups(f) > 0;
    if (groups) tl_table_col(&t, "1st", TL_CELL_NUM);
    for (int l = 0; l < nl && t.ncols < TL_TABLE_MAX_COLS - 2; l++)
        tl_table_col(&t, short_level(levels[l]), TL_CELL_NUM);
    tl_table_col(&t, "title", TL_CELL_NUM);
    tl_table_col(&t, "±", TL_CELL_NUM);
    tl_rc tr = TL_OK;
    for (int i = 0; i < n && !tr; i++) {
        const struct tl_forecast_team *x = rows[i];
        size_t col = 0;
        tr = tl_table_row(&t);
        if (!tr) tr = tl_table_set(&t, col++, x->team);
        const char *gname = x->group >= 0 ? e.g[x->group].name : "";
        if (!tr) tr = tl_table_set(&t, col++, strncmp(gname, "Group ", 6) ? gname : gname + 6);
        if (!tr) tr = tl_table_setf(&t, col++, "%.0f", x->rating);
        if (!tr && groups) tr = tl_table_setf(&t, col++, "%.1f", 100 * x->position[0]);
        for (int l = 0; l < nl && !tr && col < t.ncols - 2; l++)
            tr = tl_table_setf(&t, col++, "%.1f", 100 * x->p[levels[l]]);
        if (!tr) tr = tl_table_setf(&t, col++, "%.1f", 100 * x->p[TL_STAGE__COUNT]);
        if (!tr) tr = tl_table_setf(&t, col++, "%.1f", 100 * x->se[TL_STAGE__COUNT]);
    }
    if (tr) {
        fprintf(cli_err, "%s: out of memory\n", c->prog);
        rc = EXIT_FAIL;
    } else if (c->fmt == TL_OUT_CSV) {
        tl_table_print_csv(&t, cli_out);
    } else {
        fprintf(cli_out, "%s %s: chances in %% from %ld simulations (seed %llu) as of %s; Elo ratings "
               "then, %.1f goals a match\n",
               canon, e.edition, sims, seed, as_of ? as_of : "every result in", mu);
        fprintf(cli_out, "(1st: wins its group; each round: plays in it; ±: the title's standard error)\n\n");
        tl_table_print_text(&t, cli_out);
    }
    tl_table_free(&t);
out:
    tl_free(rows);
    tl_forecast_free(f);
    tl_free(ids);
    tl_free(vals);
    tl_rating_list_free(&ratings);
    tl_edition_free(&e);
    return rc;
}
