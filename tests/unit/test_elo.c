/* tests/unit/test_elo.c: the World Football Elo formula, match classes,
 * rating a sequence, and the stored ratings kept up to date incrementally. */
#include "test.h"

#include "touchline/engine.h"
#include "touchline/load.h"

#include <math.h>

static void test_expected(void **state)
{
    (void)state;
    assert_true(fabs(tl_elo_expected(0) - 0.5) < 1e-12);
    /* 400 points better: ten times the odds */
    assert_true(fabs(tl_elo_expected(400) - 10.0 / 11.0) < 1e-12);
    assert_true(fabs(tl_elo_expected(-400) - 1.0 / 11.0) < 1e-12);
    assert_true(fabs(tl_elo_expected(123) + tl_elo_expected(-123) - 1) < 1e-12);
}

static void test_margin(void **state)
{
    (void)state;
    assert_true(tl_elo_margin(0) == 1.0);
    assert_true(tl_elo_margin(1) == 1.0);
    assert_true(tl_elo_margin(-1) == 1.0);
    assert_true(tl_elo_margin(2) == 1.5);
    assert_true(tl_elo_margin(-3) == 1.75);
    assert_true(tl_elo_margin(4) == 1.875);
    assert_true(tl_elo_margin(11) == 2.75);
}

static void test_classes(void **state)
{
    (void)state;
    assert_int_equal(tl_elo_k(tl_elo_class("FIFA World Cup")), 60);
    assert_int_equal(tl_elo_k(tl_elo_class("UEFA Euro")), 50);
    assert_int_equal(tl_elo_k(tl_elo_class("Copa América")), 50);
    assert_int_equal(tl_elo_k(tl_elo_class("Confederations Cup")), 50);
    assert_int_equal(tl_elo_k(tl_elo_class("FIFA World Cup qualification")), 40);
    assert_int_equal(tl_elo_k(tl_elo_class("UEFA Euro qualification")), 40);
    assert_int_equal(tl_elo_k(tl_elo_class("UEFA Nations League")), 40);
    assert_int_equal(tl_elo_k(tl_elo_class("British Home Championship")), 30);
    assert_int_equal(tl_elo_k(tl_elo_class("Friendly")), 20);
    assert_int_equal(tl_elo_k(tl_elo_class(NULL)), 20);
}

/* Worked by hand from the formula (all start at 1500):
 *  A 2-0 B at home, friendly: dr 100, We 0.640070, K 20, G 1.5:
 *    A +10.798, so A 1510.798, B 1489.202
 *  B 1-1 C neutral, World Cup: dr -10.798, We 0.484465, K 60, G 1:
 *    B +0.932, so B 1490.134, C 1499.068
 *  C 0-4 A, C at home, qualifier: dr 88.27, We(C) 0.624366, K 40, G 1.875:
 *    C -46.827, so C 1452.240, A 1557.626
 * Ordering A, B, C. */
static void test_run_by_hand(void **state)
{
    (void)state;
    struct tl_elo_game g[3] = {
        {.team = {0, 1}, .goals = {2, 0}, .neutral = 0, .k = 20},
        {.team = {1, 2}, .goals = {1, 1}, .neutral = 1, .k = 60},
        {.team = {2, 0}, .goals = {0, 4}, .neutral = 0, .k = 40},
    };
    double rating[3] = {0};
    int played[3] = {0};
    tl_elo_run(g, 3, rating, played);
    assert_true(fabs(g[0].change - 10.798) < 0.001);
    assert_true(fabs(g[1].before[0] - 1489.202) < 0.001);
    assert_true(fabs(g[1].change - 0.932) < 0.001);
    assert_true(fabs(g[2].change + 46.827) < 0.001);
    assert_true(fabs(rating[0] - 1557.626) < 0.001);
    assert_true(fabs(rating[1] - 1490.134) < 0.001);
    assert_true(fabs(rating[2] - 1452.240) < 0.001);
    assert_int_equal(played[0], 2);
    assert_int_equal(g[2].n[1], 2);
    /* zero-sum: the ratings add up to three starts */
    assert_true(fabs(rating[0] + rating[1] + rating[2] - 4500) < 1e-9);
}

/* A shootout leaves the score level: rated as a draw whoever won it. */
static void test_shootout_is_draw(void **state)
{
    (void)state;
    double a = tl_elo_change(1600, 1500, 1, 1, 1, 60);
    assert_true(a < 0); /* the better side drew: it loses points */
    assert_true(fabs(a - 60 * (0.5 - tl_elo_expected(100))) < 1e-12);
}

static void write_file(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

static const char results_head[] =
    "date,home_team,away_team,home_score,away_score,tournament,city,country,neutral\n"
    "2000-01-01,Atlantis,Borduria,2,0,Friendly,Atlantis City,Atlantis,FALSE\n";

static void write_dir(const char *dir, const char *more)
{
    char p[512];
    snprintf(p, sizeof p, "mkdir -p %s", dir);
    assert_int_equal(system(p), 0);
    snprintf(p, sizeof p, "%s/results.csv", dir);
    FILE *f = fopen(p, "w");
    assert_non_null(f);
    fputs(results_head, f);
    fputs(more, f);
    fclose(f);
    snprintf(p, sizeof p, "%s/goalscorers.csv", dir);
    write_file(p, "date,home_team,away_team,team,scorer,minute,own_goal,penalty\n");
    snprintf(p, sizeof p, "%s/shootouts.csv", dir);
    write_file(p, "date,home_team,away_team,winner,first_shooter\n");
    snprintf(p, sizeof p, "%s/former_names.csv", dir);
    write_file(p, "current,former,start_date,end_date\n");
}

static double rating_of(tl_store *s, const char *team, const char *on)
{
    struct tl_rating_list l = {0};
    struct tl_error err;
    tl_err_clear(&err);
    assert_int_equal(tl_store_elo_ratings(s, on, &l, &err), TL_OK);
    double r = NAN;
    for (size_t i = 0; i < l.n; i++)
        if (strcmp(l.v[i].team, team) == 0) r = l.v[i].rating;
    tl_rating_list_free(&l);
    return r;
}

static void import(tl_store *s, const char *dir)
{
    struct tl_load_opts o = {0};
    struct tl_load_stats st;
    struct tl_error err;
    tl_err_clear(&err);
    assert_int_equal(tl_load_international(s, dir, &o, &st, &err), TL_OK);
}

/* a fresh store and a fixture folder named after tag */
static tl_store *open_fixture(char db[256], char dir[64], const char *tag)
{
    test_tmp_db(db, 256);
    snprintf(dir, 64, "/tmp/touchline-test-elo%s-%d.d", tag, (int)getpid());
    tl_store *s;
    struct tl_error err;
    tl_err_clear(&err);
    assert_int_equal(tl_store_open(db, &s, &err), TL_OK);
    return s;
}

/* the ranking on a date: best first, level teams by name; each team's row
 * its last match on or before the date (before: strictly before) */
static void test_ranking(void **state)
{
    (void)state;
    char db[256], dir[64];
    tl_store *s = open_fixture(db, dir, "-rank");
    struct tl_error err;
    tl_err_clear(&err);
    /* two identical wins on neutral ground: winners level, losers level
     * (results.csv written again without write_dir's first match) */
    write_dir(dir, "");
    char p[512];
    snprintf(p, sizeof p, "%s/results.csv", dir);
    write_file(p, "date,home_team,away_team,home_score,away_score,tournament,city,country,neutral\n"
                  "2000-02-01,Dalmatia,Carpania,0,1,Friendly,X,Y,TRUE\n"
                  "2000-02-01,Borduria,Atlantis,0,1,Friendly,X,Y,TRUE\n"
                  "2000-03-01,Atlantis,Carpania,2,0,Friendly,X,Y,TRUE\n");
    import(s, dir);
    struct tl_elo_update u;
    assert_int_equal(tl_load_elo(s, 0, &u, &err), TL_OK);
    struct tl_rating_list l = {0};
    assert_int_equal(tl_store_elo_ratings(s, "2000-02-29", &l, &err), TL_OK);
    assert_int_equal(l.n, 4);
    static const char *const order[] = {"Atlantis", "Carpania", "Borduria", "Dalmatia"};
    for (size_t i = 0; i < 4; i++) {
        assert_string_equal(l.v[i].team, order[i]);
        assert_string_equal(l.v[i].date, "2000-02-01");
        assert_int_equal(l.v[i].matches, 1);
    }
    assert_true(l.v[0].rating == l.v[1].rating && l.v[2].rating == l.v[3].rating);
    assert_true(l.v[1].rating > l.v[2].rating);
    int64_t atlantis = l.v[0].team_id;
    tl_rating_list_free(&l);
    /* on the day of the third match: it counts */
    assert_int_equal(tl_store_elo_ratings(s, "2000-03-01", &l, &err), TL_OK);
    assert_int_equal(l.n, 4);
    assert_string_equal(l.v[0].team, "Atlantis");
    assert_string_equal(l.v[0].date, "2000-03-01");
    assert_int_equal(l.v[0].matches, 2);
    /* Carpania lost it (1510 - 15) but stays above the two level losers */
    assert_string_equal(l.v[1].team, "Carpania");
    assert_string_equal(l.v[1].date, "2000-03-01");
    assert_true(fabs(l.v[1].rating - 1495) < 1e-9 && fabs(l.v[0].rating - 1525) < 1e-9);
    assert_string_equal(l.v[2].team, "Borduria");
    assert_string_equal(l.v[3].team, "Dalmatia");
    tl_rating_list_free(&l);
    /* before that day: the rating it took into the match */
    assert_int_equal(tl_store_elo_before(s, &atlantis, 1, "2000-03-01", &l, &err), TL_OK);
    assert_int_equal(l.n, 1);
    assert_string_equal(l.v[0].date, "2000-02-01");
    tl_rating_list_free(&l);
    /* a date before any match: nobody */
    assert_int_equal(tl_store_elo_ratings(s, "1999-12-31", &l, &err), TL_OK);
    assert_int_equal(l.n, 0);
    tl_rating_list_free(&l);
    tl_store_close(s);
    test_rm_db(db);
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    assert_int_equal(system(cmd), 0);
}

static void test_incremental(void **state)
{
    (void)state;
    char db[256], dir[64];
    tl_store *s = open_fixture(db, dir, "");
    struct tl_error err;
    tl_err_clear(&err);
    const char *three = "2000-02-01,Borduria,Carpania,1,1,FIFA World Cup,X,Y,TRUE\n"
                        "2000-03-01,Carpania,Atlantis,0,4,UEFA Euro qualification,Z,Carpania,FALSE\n";
    write_dir(dir, three);
    import(s, dir);
    struct tl_elo_update u;
    assert_int_equal(tl_load_elo(s, 0, &u, &err), TL_OK);
    assert_int_equal(u.rated, 3);
    assert_true(fabs(rating_of(s, "Atlantis", NULL) - 1557.626) < 0.001);
    assert_true(fabs(rating_of(s, "Borduria", "2000-02-15") - 1490.134) < 0.001);
    /* up to date: nothing to rate */
    assert_int_equal(tl_load_elo(s, 0, &u, &err), TL_OK);
    assert_int_equal(u.rated, 0);
    assert_string_equal(u.from, "");

    /* a new result at the end rates one match */
    char four[1024];
    snprintf(four, sizeof four, "%s%s", three,
             "2000-04-01,Borduria,Atlantis,1,0,Friendly,B,Borduria,FALSE\n");
    write_dir(dir, four);
    import(s, dir);
    assert_int_equal(tl_load_elo(s, 0, &u, &err), TL_OK);
    assert_int_equal(u.rated, 1);
    assert_string_equal(u.from, "2000-04-01");
    double inc = rating_of(s, "Borduria", NULL);
    /* by hand: B at home, dr = 1490.134 + 100 - 1557.626, won 1-0, K 20 */
    double want = 1490.134 + 20 * (1 - tl_elo_expected(1490.134 + 100 - 1557.626));
    assert_true(fabs(inc - want) < 0.001);

    /* a corrected earlier score rates from its date on */
    char fixed[1024];
    snprintf(fixed, sizeof fixed, "%s",
             "2000-02-01,Borduria,Carpania,2,1,FIFA World Cup,X,Y,TRUE\n"
             "2000-03-01,Carpania,Atlantis,0,4,UEFA Euro qualification,Z,Carpania,FALSE\n"
             "2000-04-01,Borduria,Atlantis,1,0,Friendly,B,Borduria,FALSE\n");
    write_dir(dir, fixed);
    import(s, dir);
    assert_int_equal(tl_load_elo(s, 0, &u, &err), TL_OK);
    assert_int_equal(u.rated, 3);
    assert_string_equal(u.from, "2000-02-01");
    double a = rating_of(s, "Atlantis", NULL), b = rating_of(s, "Borduria", NULL),
           c = rating_of(s, "Carpania", NULL);
    /* the same as rating everything again */
    assert_int_equal(tl_load_elo(s, 1, &u, &err), TL_OK);
    assert_int_equal(u.rated, 4);
    assert_true(fabs(a - rating_of(s, "Atlantis", NULL)) < 1e-9);
    assert_true(fabs(b - rating_of(s, "Borduria", NULL)) < 1e-9);
    assert_true(fabs(c - rating_of(s, "Carpania", NULL)) < 1e-9);
    assert_true(b > 1490.134 + 5); /* Borduria won the corrected match */

    /* a rated match no longer played (its result withdrawn, behind the
     * store's back) rates from its date on, without it */
    char none[8];
    test_sql_text(db, "UPDATE matches SET status='scheduled' WHERE date='2000-03-01'", none,
                  sizeof none);
    assert_int_equal(tl_load_elo(s, 0, &u, &err), TL_OK);
    assert_string_equal(u.from, "2000-03-01");
    assert_int_equal(u.rated, 1);
    assert_int_equal(tl_store_count(s, "elo"), 3);
    assert_int_equal(test_sql_long(db, "SELECT count(*) FROM elo WHERE date='2000-03-01'"), 0);
    assert_int_equal(tl_load_elo(s, 0, &u, &err), TL_OK); /* up to date again */
    assert_int_equal(u.rated, 0);
    /* the same as rating the three results left from scratch */
    a = rating_of(s, "Atlantis", NULL);
    c = rating_of(s, "Carpania", NULL);
    assert_true(a < rating_of(s, "Atlantis", "2000-03-15") + 1e-9); /* lost in Borduria */
    assert_int_equal(tl_load_elo(s, 1, &u, &err), TL_OK);
    assert_int_equal(u.rated, 3);
    assert_true(fabs(a - rating_of(s, "Atlantis", NULL)) < 1e-9);
    assert_true(fabs(c - rating_of(s, "Carpania", NULL)) < 1e-9);
    tl_store_close(s);
    test_rm_db(db);
    char cmd[512];
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    assert_int_equal(system(cmd), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_expected),      cmocka_unit_test(test_margin),
        cmocka_unit_test(test_classes),       cmocka_unit_test(test_run_by_hand),
        cmocka_unit_test(test_shootout_is_draw), cmocka_unit_test(test_incremental),
        cmocka_unit_test(test_ranking),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
