/* tests/unit/test_forecast.c: the match model and its sampler, the random
 * numbers, and forecasts of real World Cups: the simulation ranks groups as
 * the table engine does, keeps results already in, and its chances add up. */
#include "test.h"

#include "touchline/engine.h"
#include "touchline/load.h"

#include <math.h>

/* ---- the match model ---- */

static void rng_reproducible(void **state)
{
    (void)state;
    struct tl_rng a, b, c;
    tl_rng_seed(&a, 42);
    tl_rng_seed(&b, 42);
    tl_rng_seed(&c, 43);
    int same = 1, differ = 0;
    for (int i = 0; i < 1000; i++) {
        uint64_t x = tl_rng_next(&a), y = tl_rng_next(&b), z = tl_rng_next(&c);
        same &= x == y;
        differ |= x != z;
    }
    assert_true(same);
    assert_true(differ);
    /* the top bit is a fair coin */
    long ones = 0;
    for (int i = 0; i < 100000; i++) ones += (long)(tl_rng_next(&a) >> 63);
    assert_true(labs(ones - 50000) < 4 * 158); /* 4 standard errors */
}

/* The model's expected result is the Elo expectation; draws are likelier
 * between equal sides. */
static void model_matches_elo(void **state)
{
    (void)state;
    double last_draw = 1;
    for (int dr = 0; dr <= 800; dr += 100) {
        struct tl_goal_model g;
        tl_goal_model_init(&g, dr, 2.6);
        double p[3];
        tl_goal_model_probs(&g, p);
        assert_true(fabs(p[0] + p[1] + p[2] - 1) < 1e-9);
        assert_true(fabs(p[0] + p[1] / 2 - tl_elo_expected(dr)) < 1e-6);
        assert_true(fabs(sqrt(g.lambda[0] * g.lambda[1]) - 1.3) < 1e-9);
        assert_true(p[1] < last_draw);
        last_draw = p[1];
        if (dr == 0) {
            assert_true(fabs(p[0] - p[2]) < 1e-6);
            /* two Poisson(1.3): P(draw) = e^-2.6 * sum 1.3^(2k) / k!^2 = 0.2639 */
            assert_true(fabs(p[1] - 0.2639) < 0.0005);
        }
    }
}

/* Sampled outcomes converge to the model's exact probabilities. */
static void sampler_converges(void **state)
{
    (void)state;
    struct tl_goal_model g;
    tl_goal_model_init(&g, 150, 2.6);
    double p[3];
    tl_goal_model_probs(&g, p);
    struct tl_rng r;
    tl_rng_seed(&r, 7);
    const long n = 400000;
    long count[3] = {0}, goals[2] = {0}, et_goals = 0;
    for (long i = 0; i < n; i++) {
        int x[2];
        tl_goal_model_sample(&g, &r, 0, x);
        count[x[0] > x[1] ? 0 : x[0] == x[1] ? 1 : 2]++;
        goals[0] += x[0];
        goals[1] += x[1];
        tl_goal_model_sample(&g, &r, 1, x);
        et_goals += x[0] + x[1];
    }
    for (int k = 0; k < 3; k++) {
        double se = sqrt(p[k] * (1 - p[k]) / n), got = (double)count[k] / n;
        if (fabs(got - p[k]) > 4.5 * se) {
            fprintf(stderr, "outcome %d: sampled %.5f, exact %.5f (se %.5f)\n", k, got, p[k], se);
            fail();
        }
    }
    for (int k = 0; k < 2; k++) /* Poisson: the variance is the mean */
        assert_true(fabs((double)goals[k] / n - g.lambda[k]) < 4.5 * sqrt(g.lambda[k] / n));
    double et = (g.lambda[0] + g.lambda[1]) / 3;
    assert_true(fabs((double)et_goals / n - et) < 4.5 * sqrt(et / n));
}

/* ---- real World Cups ---- */

static char db[256];
static tl_store *S;
static int64_t WC;
static struct tl_rating_list R0;

static int setup(void **state)
{
    (void)state;
    struct tl_error e;
    char dir[512];
    test_tmp_db(db, sizeof db);
    if (tl_store_open(db, &S, &e)) return -1;
    struct tl_load_opts o = {0};
    struct tl_load_stats st;
    snprintf(dir, sizeof dir, "%s/international", test_data_dir());
    if (tl_load_international(S, dir, &o, &st, &e)) return -1;
    snprintf(dir, sizeof dir, "%s/openfootball/worldcup", test_data_dir());
    const char *paths[] = {dir};
    struct tl_ftload_stats ft;
    if (tl_load_football_txt(S, paths, 1, &o, &ft, &e)) return -1;
    struct tl_elo_update u;
    if (tl_load_elo(S, 0, &u, &e)) return -1;
    struct tl_name_list l = {0};
    struct tl_team_match m;
    if (tl_store_competition_names(S, &l, &e) ||
        tl_resolve_name(&l, "tournament", "FIFA World Cup", &m, &e))
        return -1;
    tl_name_list_free(&l);
    WC = m.team_id;
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    tl_rating_list_free(&R0);
    tl_store_close(S);
    test_rm_db(db);
    return 0;
}

static void rules_of(const struct tl_edition *e, struct tl_rules *r)
{
    const char *name;
    const char *text = tl_rules_builtin(e->competition, e->year, 1, &name);
    if (!text) { /* a knockout tournament (1934, 1938): no group rules */
        text = "points = 2 1 0\norder = points lots\nadvance = 2\n";
        name = "knockout";
    }
    struct tl_error err;
    assert_int_equal(tl_rules_parse(text, name, r, &err), TL_OK);
}

/* A forecast of edition ed as of as_of with that day's ratings. */
static struct tl_forecast *forecast(const char *ed, const char *as_of, struct tl_edition *e,
                                    tl_rc want, const char *why)
{
    struct tl_error err;
    tl_err_clear(&err);
    assert_int_equal(tl_store_edition_matches(S, WC, ed, e, &err), TL_OK);
    struct tl_rules r;
    rules_of(e, &r);
    struct tl_rating_list l = {0};
    assert_int_equal(tl_store_elo_ratings(S, as_of, &l, &err), TL_OK);
    int64_t *ids = tl_calloc(l.n + 1, sizeof *ids);
    double *v = tl_calloc(l.n + 1, sizeof *v);
    for (size_t i = 0; i < l.n; i++) ids[i] = l.v[i].team_id, v[i] = l.v[i].rating;
    struct tl_forecast *f = NULL;
    tl_rc rc = tl_forecast_new(e, &r, as_of, ids, v, l.n, TL_FORECAST_MU, &f, &err);
    if (rc != want) fprintf(stderr, "%s: %s\n", ed, err.msg);
    assert_int_equal(rc, want);
    if (why) assert_non_null(strstr(err.msg, why));
    tl_free(ids);
    tl_free(v);
    tl_rating_list_free(&l);
    return f;
}

static const struct tl_forecast_team *team_named(const struct tl_forecast *f, const char *name)
{
    for (int i = 0; i < tl_forecast_nteams(f); i++)
        if (strcmp(tl_forecast_team(f, i)->team, name) == 0) return tl_forecast_team(f, i);
    fprintf(stderr, "no team %s\n", name);
    fail();
    return NULL;
}

/* The simulation's fast ranking orders every complete World Cup group as
 * the table engine does, except where the table needed what a simulation
 * draws by lot (fair play, a play-off, lots). */
static void groups_ranked_alike(void **state)
{
    (void)state;
    int compared = 0, drawn = 0;
    for (int year = 1930; year <= 2022; year += 4) {
        if (year == 1942 || year == 1946 || year == 1950 || (year >= 1974 && year <= 1982))
            continue;
        char ed[16];
        snprintf(ed, sizeof ed, "%d", year);
        struct tl_edition e;
        struct tl_forecast *f = forecast(ed, NULL, &e, TL_OK, NULL);
        struct tl_rules r;
        rules_of(&e, &r);
        for (int g = 0; g < tl_forecast_groups(f); g++) {
            struct tl_standings t;
            assert_int_equal(tl_engine_group_table(&r, &e, g, NULL, &t), TL_OK);
            int64_t ord[TL_MAX_GROUP_TEAMS];
            int lots;
            assert_int_equal(tl_forecast_rank_group(f, g, ord, &lots), TL_OK);
            if (lots) {
                int needed = 0;
                for (int i = 0; i < t.n; i++) needed |= t.row[i].level;
                for (int w = 0; w < t.nwhy; w++)
                    needed |= t.why[w].rule == TL_R_FAIR_PLAY || t.why[w].rule == TL_R_PLAYOFF;
                assert_true(needed);
                drawn++;
                continue;
            }
            for (int i = 0; i < t.n; i++)
                if (ord[i] != t.row[i].team_id) {
                    fprintf(stderr, "%d %s: position %d\n", year, e.g[g].name, i + 1);
                    fail();
                }
            compared++;
        }
        tl_forecast_free(f);
        tl_edition_free(&e);
    }
    /* 98 groups: 4 each in 1930 and 1954-1970, 6 in 1986-1994, 8 from 1998 */
    assert_int_equal(compared + drawn, 98);
    /* lots, play-offs and fair play: 1954 and 1958 play-offs, 1990 lots,
     * 2018 fair play, and level teams for places that did not matter */
    assert_true(drawn >= 5 && drawn <= 12);
}

static void formats_refused(void **state)
{
    (void)state;
    struct tl_edition e;
    assert_null(forecast("1974", NULL, &e, TL_EUSAGE, "second group round"));
    tl_edition_free(&e);
    assert_null(forecast("1950", NULL, &e, TL_EUSAGE, NULL));
    tl_edition_free(&e);
}

static void world_cup_2022(void **state)
{
    (void)state;
    struct tl_edition e;
    /* the eve: nothing played; every chance adds up */
    struct tl_forecast *f = forecast("2022", "2022-11-19", &e, TL_OK, NULL);
    assert_int_equal(tl_forecast_run(f, 20000, 1), TL_OK);
    assert_int_equal(tl_forecast_nteams(f), 32);
    double sum[TL_STAGE__COUNT + 1] = {0};
    for (int i = 0; i < 32; i++) {
        const struct tl_forecast_team *t = tl_forecast_team(f, i);
        for (int l = 0; l <= TL_STAGE__COUNT; l++) sum[l] += t->p[l];
        double pos = 0;
        for (int k = 0; k < 4; k++) pos += t->position[k];
        assert_true(fabs(pos - 1) < 1e-9);
        assert_true(t->p[TL_STAGE__COUNT] <= t->p[TL_STAGE_FINAL]);
        assert_true(t->p[TL_STAGE_FINAL] <= t->p[TL_STAGE_SEMI_FINAL]);
    }
    assert_true(fabs(sum[TL_STAGE_ROUND_OF_16] - 16) < 1e-9);
    assert_true(fabs(sum[TL_STAGE_QUARTER_FINAL] - 8) < 1e-9);
    assert_true(fabs(sum[TL_STAGE_SEMI_FINAL] - 4) < 1e-9);
    assert_true(fabs(sum[TL_STAGE_FINAL] - 2) < 1e-9);
    assert_true(fabs(sum[TL_STAGE__COUNT] - 1) < 1e-9);
    /* the best-rated side is the favourite */
    const struct tl_forecast_team *br = team_named(f, "Brazil");
    for (int i = 0; i < 32; i++)
        assert_true(tl_forecast_team(f, i)->p[TL_STAGE__COUNT] <= br->p[TL_STAGE__COUNT]);
    /* the same seed, the same forecast */
    double first = br->p[TL_STAGE__COUNT];
    assert_int_equal(tl_forecast_run(f, 20000, 1), TL_OK);
    assert_true(team_named(f, "Brazil")->p[TL_STAGE__COUNT] == first);
    assert_int_equal(tl_forecast_run(f, 20000, 2), TL_OK);
    assert_true(team_named(f, "Brazil")->p[TL_STAGE__COUNT] != first);
    assert_true(fabs(team_named(f, "Brazil")->p[TL_STAGE__COUNT] - first) <
                5 * team_named(f, "Brazil")->se[TL_STAGE__COUNT] * sqrt(2));
    tl_forecast_free(f);
    tl_edition_free(&e);

    /* after the semi-finals: the final is Argentina v France, Croatia and
     * Morocco play for third */
    f = forecast("2022", "2022-12-14", &e, TL_OK, NULL);
    assert_int_equal(tl_forecast_run(f, 5000, 3), TL_OK);
    assert_true(team_named(f, "Argentina")->p[TL_STAGE_FINAL] == 1);
    assert_true(team_named(f, "France")->p[TL_STAGE_FINAL] == 1);
    assert_true(team_named(f, "Morocco")->p[TL_STAGE_SEMI_FINAL] == 1);
    assert_true(team_named(f, "Morocco")->p[TL_STAGE_FINAL] == 0);
    assert_true(team_named(f, "Brazil")->p[TL_STAGE_SEMI_FINAL] == 0);
    double a = team_named(f, "Argentina")->p[TL_STAGE__COUNT],
           fr = team_named(f, "France")->p[TL_STAGE__COUNT];
    assert_true(fabs(a + fr - 1) < 1e-9);
    assert_true(a > 0.2 && a < 0.8);
    /* the final as the match model plays it, step by step: 90 minutes,
     * extra time when level, a coin toss when level again; the forecast's
     * title chance is that chance (4.5 standard errors of both) */
    const long n = 400000;
    assert_int_equal(tl_forecast_run(f, n, 5), TL_OK);
    a = team_named(f, "Argentina")->p[TL_STAGE__COUNT];
    struct tl_goal_model g;
    tl_goal_model_init(&g,
                       team_named(f, "Argentina")->rating - team_named(f, "France")->rating,
                       TL_FORECAST_MU);
    struct tl_rng r;
    tl_rng_seed(&r, 11);
    long won = 0;
    for (long i = 0; i < n; i++) {
        int x[2];
        tl_goal_model_sample(&g, &r, 0, x);
        if (x[0] == x[1]) tl_goal_model_sample(&g, &r, 1, x);
        won += x[0] != x[1] ? x[0] > x[1] : (int)(tl_rng_next(&r) >> 63);
    }
    double stepwise = (double)won / n, se = sqrt(stepwise * (1 - stepwise) / n);
    if (fabs(a - stepwise) > 4.5 * sqrt(2) * se) {
        fprintf(stderr, "Argentina's title: forecast %.5f, the final step by step %.5f (se %.5f)\n",
                a, stepwise, se);
        fail();
    }
    tl_forecast_free(f);
    tl_edition_free(&e);

    /* every result in: Argentina won it */
    f = forecast("2022", NULL, &e, TL_OK, NULL);
    assert_int_equal(tl_forecast_run(f, 100, 4), TL_OK);
    assert_true(team_named(f, "Argentina")->p[TL_STAGE__COUNT] == 1);
    assert_true(team_named(f, "Argentina")->se[TL_STAGE__COUNT] == 0);
    tl_forecast_free(f);
    tl_edition_free(&e);
}

/* 1986: four of six third-placed teams went through into the round of 16. */
static void best_thirds(void **state)
{
    (void)state;
    struct tl_edition e;
    struct tl_forecast *f = forecast("1986", "1986-05-30", &e, TL_OK, NULL);
    assert_int_equal(tl_forecast_run(f, 20000, 5), TL_OK);
    double r16 = 0, third = 0;
    for (int i = 0; i < tl_forecast_nteams(f); i++) {
        r16 += tl_forecast_team(f, i)->p[TL_STAGE_ROUND_OF_16];
        third += tl_forecast_team(f, i)->position[2];
    }
    assert_true(fabs(r16 - 16) < 1e-9);
    assert_true(fabs(third - 6) < 1e-9);
    tl_forecast_free(f);
    tl_edition_free(&e);
}

int main(void)
{
    const struct CMUnitTest model[] = {
        cmocka_unit_test(rng_reproducible),
        cmocka_unit_test(model_matches_elo),
        cmocka_unit_test(sampler_converges),
    };
    const struct CMUnitTest real[] = {
        cmocka_unit_test(groups_ranked_alike),
        cmocka_unit_test(formats_refused),
        cmocka_unit_test(world_cup_2022),
        cmocka_unit_test(best_thirds),
    };
    int rc = cmocka_run_group_tests(model, NULL, NULL);
    return rc | cmocka_run_group_tests(real, setup, teardown);
}
