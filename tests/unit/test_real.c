/* Integration tests on the real international data set ($TOUCHLINE_DATA):
 * the counts the data set documents, and facts checkable in the files. */
#include "test.h"

#include "touchline/engine.h"
#include "touchline/load.h"
#include "touchline/resolve.h"

static char db[256];
static tl_store *S;
static struct tl_load_stats ST;

static int setup(void **state)
{
    (void)state;
    char dir[512];
    snprintf(dir, sizeof dir, "%s/international", test_data_dir());
    test_tmp_db(db, sizeof db);
    struct tl_error e;
    if (tl_store_open(db, &S, &e)) return -1;
    struct tl_load_opts o = {0};
    if (tl_load_international(S, dir, &o, &ST, &e)) {
        tl_err_print(&e, "test_real", stderr);
        return -1;
    }
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    tl_store_close(S);
    test_rm_db(db);
    return 0;
}

static long count_sql_shootouts(void)
{
    struct tl_match_list l = {0};
    struct tl_match_filter f = {0};
    struct tl_error e;
    assert_int_equal(tl_store_matches(S, &f, &l, &e), TL_OK);
    long n = 0;
    for (size_t i = 0; i < l.n; i++) n += l.v[i].so_winner != NULL;
    tl_match_list_free(&l);
    return n;
}

static void test_counts(void **state)
{
    (void)state;
    assert_int_equal(ST.rows[TL_INTL_RESULTS], 49520);
    assert_int_equal(ST.rows[TL_INTL_GOALS], 47914);
    assert_int_equal(ST.rows[TL_INTL_FORMER_NAMES], 36);
    assert_int_equal(tl_store_count(S, "matches"), 49520);
    assert_int_equal(tl_store_count(S, "events"), 47914); /* every goal linked to its match */
    assert_int_equal(tl_store_count(S, "team_names"), 36);
    /* 683 rows; Saare County v Åland Islands (2011-06-29) is not in results.csv */
    assert_int_equal(ST.rows[TL_INTL_SHOOTOUTS], 683);
    assert_int_equal(ST.unlinked, 1);
    assert_int_equal(count_sql_shootouts(), 682);
    struct tl_error e;
    assert_int_equal(tl_store_check(S, &e), TL_OK);
}

static void test_england_france_2022(void **state)
{
    (void)state;
    struct tl_match_list l = {0};
    test_one_match(S, "2022-12-10", "England", "France", &l);
    assert_string_equal(l.v[0].home, "England");
    assert_int_equal(l.v[0].score_home, 1);
    assert_int_equal(l.v[0].score_away, 2);
    assert_string_equal(l.v[0].tournament, "FIFA World Cup");
    assert_string_equal(l.v[0].city, "Al Khor");
    assert_true(l.v[0].neutral);
    struct tl_event_list ev = {0};
    struct tl_error e;
    assert_int_equal(tl_store_match_events(S, l.v[0].id, &ev, &e), TL_OK);
    assert_int_equal(ev.n, 3);
    assert_string_equal(ev.v[0].player, "Aurélien Tchouaméni");
    assert_int_equal(ev.v[0].minute, 17);
    assert_string_equal(ev.v[1].player, "Harry Kane");
    assert_int_equal(ev.v[1].minute, 54);
    assert_int_equal(ev.v[1].kind, TL_EV_PENALTY_GOAL);
    assert_string_equal(ev.v[2].player, "Olivier Giroud");
    assert_int_equal(ev.v[2].minute, 78);
    tl_event_list_free(&ev);
    tl_match_list_free(&l);
}

static void test_quarter_final_shootouts(void **state)
{
    (void)state;
    struct tl_match_list l = {0};
    test_one_match(S, "2022-12-09", "Croatia", "Brazil", &l);
    assert_int_equal(l.v[0].score_home, 1);
    assert_int_equal(l.v[0].score_away, 1);
    assert_string_equal(l.v[0].so_winner, "Croatia");
    assert_string_equal(l.v[0].so_first, "Croatia");
    tl_match_list_free(&l);
    test_one_match(S, "2022-12-09", "Argentina", "Netherlands", &l);
    assert_string_equal(l.v[0].so_winner, "Argentina");
    assert_string_equal(l.v[0].so_first, "Netherlands");
    tl_match_list_free(&l);
    test_one_match(S, "2022-12-10", "Morocco", "Portugal", &l);
    assert_int_equal(l.v[0].score_home, 1);
    assert_int_equal(l.v[0].score_away, 0);
    assert_null(l.v[0].so_winner);
    tl_match_list_free(&l);
}

static void test_first_match_and_former_names(void **state)
{
    (void)state;
    struct tl_match_list l = {0};
    struct tl_match_filter f = {.limit = 1};
    struct tl_error e;
    assert_int_equal(tl_store_matches(S, &f, &l, &e), TL_OK);
    assert_string_equal(l.v[0].date, "1872-11-30");
    assert_string_equal(l.v[0].home, "Scotland");
    assert_string_equal(l.v[0].away, "England");
    assert_int_equal(l.v[0].score_home, 0);
    assert_int_equal(l.v[0].source_line, 2);
    tl_match_list_free(&l);
    /* Dahomey is Benin from 1959-11-08 to 1975-11-30: 35 matches */
    struct tl_name_list names = {0};
    struct tl_team_match m;
    assert_int_equal(tl_store_team_names(S, &names, &e), TL_OK);
    assert_int_equal(tl_resolve_name(&names, "team", "Dahomey", &m, &e), TL_OK);
    assert_string_equal(m.team, "Benin");
    f = (struct tl_match_filter){.team_id = m.team_id, .from = m.from, .to = m.to};
    assert_int_equal(tl_store_matches(S, &f, &l, &e), TL_OK);
    assert_int_equal(l.n, 35);
    tl_match_list_free(&l);
    /* Zaïre (with or without the accent) is DR Congo */
    assert_int_equal(tl_resolve_name(&names, "team", "Zaire", &m, &e), TL_OK);
    assert_string_equal(m.team, "DR Congo");
    assert_string_equal(m.from, "1971-01-10");
    tl_name_list_free(&names);
}

static void test_england_scorers(void **state)
{
    (void)state;
    struct tl_scorer_filter f = {.team_id = test_team(S, "England"), .until = "2022-12-10"};
    struct tl_scorer_list l = {0};
    struct tl_error e;
    assert_int_equal(tl_store_scorer_totals(S, &f, &l, &e), TL_OK);
    tl_engine_rank_scorers(&l);
    /* goalscorers.csv holds 47 of Kane's goals to that day and 37 of Rooney's 53 */
    assert_string_equal(l.v[0].player, "Harry Kane");
    assert_int_equal(l.v[0].goals, 47);
    assert_string_equal(l.v[1].player, "Wayne Rooney");
    assert_int_equal(l.v[1].goals, 37);
    assert_int_equal(l.v[1].penalties, 6);
    assert_string_equal(l.v[1].first, "2003-09-06");
    assert_string_equal(l.v[1].last, "2016-06-27");
    tl_scorer_list_free(&l);
    struct tl_coverage c;
    assert_int_equal(tl_store_scorer_coverage(S, &f, &c, &e), TL_OK);
    assert_true(c.goals_listed < c.goals); /* the data is incomplete, and says so */
    assert_true(c.matches_complete <= c.matches_with_goals);
    assert_true(c.matches_with_goals <= c.matches);
}

static void test_reimport_changes_nothing(void **state)
{
    (void)state;
    char dir[512];
    snprintf(dir, sizeof dir, "%s/international", test_data_dir());
    struct tl_load_opts o = {0};
    struct tl_load_stats st;
    struct tl_error e;
    assert_int_equal(tl_load_international(S, dir, &o, &st, &e), TL_OK);
    for (int k = 0; k < TL_INTL__COUNT; k++) assert_int_equal(st.changed[k], 0);
    assert_int_equal(tl_store_count(S, "matches"), 49520);
    assert_int_equal(tl_store_count(S, "events"), 47914);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_counts),
        cmocka_unit_test(test_england_france_2022),
        cmocka_unit_test(test_quarter_final_shootouts),
        cmocka_unit_test(test_first_match_and_former_names),
        cmocka_unit_test(test_england_scorers),
        cmocka_unit_test(test_reimport_changes_nothing),
    };
    return cmocka_run_group_tests_name("real data", tests, setup, teardown);
}
