/* Unit tests: the international results reader (typing and every field error). */
#include "test.h"

#include "touchline/intl.h"

static tl_rc read_all(enum tl_intl_kind kind, const char *text, struct tl_error *e, int *records)
{
    struct tl_intl_reader r;
    tl_rc rc = tl_intl_open(&r, kind, text, strlen(text), "f.csv", e);
    if (rc) return rc;
    struct tl_intl_record rec;
    *records = 0;
    while ((rc = tl_intl_next(&r, &rec, e)) == TL_OK) (*records)++;
    tl_intl_close(&r);
    return rc == TL_EOF ? TL_OK : rc;
}

static void test_results_row(void **state)
{
    (void)state;
    const char *t = "date,home_team,away_team,home_score,away_score,tournament,city,country,neutral\n"
                    "2022-12-10,England,France,1,2,FIFA World Cup,Al Khor,Qatar,TRUE\n"
                    "2030-06-13,Spain,Morocco,NA,NA,FIFA World Cup,,Spain,FALSE\n";
    struct tl_intl_reader r;
    struct tl_error e;
    struct tl_intl_record rec;
    assert_int_equal(tl_intl_open(&r, TL_INTL_RESULTS, t, strlen(t), "f.csv", &e), TL_OK);
    assert_int_equal(tl_intl_next(&r, &rec, &e), TL_OK);
    assert_string_equal(rec.u.match.date, "2022-12-10");
    assert_string_equal(rec.u.match.home, "England");
    assert_string_equal(rec.u.match.away, "France");
    assert_int_equal(rec.u.match.score_home, 1);
    assert_int_equal(rec.u.match.score_away, 2);
    assert_string_equal(rec.u.match.tournament, "FIFA World Cup");
    assert_int_equal(rec.u.match.neutral, 1);
    assert_int_equal(rec.u.match.prov.line, 2);
    assert_int_equal(tl_intl_next(&r, &rec, &e), TL_OK);
    assert_int_equal(rec.u.match.score_home, TL_NONE);
    assert_null(rec.u.match.city);
    assert_int_equal(tl_intl_next(&r, &rec, &e), TL_EOF);
    tl_intl_close(&r);
}

static void test_columns_by_name(void **state)
{
    (void)state;
    /* columns in another order, plus one we do not know */
    const char *t = "current,end_date,extra,former,start_date\nBenin,1975-11-30,x,Dahomey,1959-11-08\n";
    struct tl_intl_reader r;
    struct tl_error e;
    struct tl_intl_record rec;
    assert_int_equal(tl_intl_open(&r, TL_INTL_FORMER_NAMES, t, strlen(t), "f.csv", &e), TL_OK);
    assert_int_equal(tl_intl_next(&r, &rec, &e), TL_OK);
    assert_string_equal(rec.u.former.former, "Dahomey");
    assert_string_equal(rec.u.former.start, "1959-11-08");
    assert_string_equal(rec.u.former.end, "1975-11-30");
    tl_intl_close(&r);
}

static void test_goal_minutes(void **state)
{
    (void)state;
    const char *t = "date,home_team,away_team,team,scorer,minute,own_goal,penalty\n"
                    "2022-12-10,England,France,England,Harry Kane,90+3,FALSE,TRUE\n"
                    "2022-12-10,England,France,France,NA,NA,TRUE,FALSE\n";
    struct tl_intl_reader r;
    struct tl_error e;
    struct tl_intl_record rec;
    assert_int_equal(tl_intl_open(&r, TL_INTL_GOALS, t, strlen(t), "f.csv", &e), TL_OK);
    assert_int_equal(tl_intl_next(&r, &rec, &e), TL_OK);
    assert_int_equal(rec.u.goal.minute, 90);
    assert_int_equal(rec.u.goal.added, 3);
    assert_int_equal(rec.u.goal.penalty, 1);
    assert_int_equal(tl_intl_next(&r, &rec, &e), TL_OK);
    assert_int_equal(rec.u.goal.minute, TL_NONE);
    assert_null(rec.u.goal.scorer);
    assert_int_equal(rec.u.goal.own_goal, 1);
    tl_intl_close(&r);
}

static void expect(enum tl_intl_kind kind, const char *text, long line, long col, const char *part)
{
    struct tl_error e;
    int n;
    tl_err_clear(&e);
    assert_int_equal(read_all(kind, text, &e, &n), TL_EPARSE);
    assert_int_equal(e.line, line);
    assert_int_equal(e.col, col);
    if (!strstr(e.msg, part)) fail_msg("message \"%s\" lacks \"%s\"", e.msg, part);
}

#define RH "date,home_team,away_team,home_score,away_score,tournament,city,country,neutral\n"
#define GH "date,home_team,away_team,team,scorer,minute,own_goal,penalty\n"

static void test_field_errors(void **state)
{
    (void)state;
    expect(TL_INTL_RESULTS, RH "1999-13-01,A,B,1,0,T,C,D,FALSE\n", 2, 1,
           "expected a date YYYY-MM-DD, found \"1999-13-01\"");
    expect(TL_INTL_RESULTS, RH "1999-12-01,A,B,one,0,T,C,D,FALSE\n", 2, 16,
           "expected a score (a whole number) or NA, found \"one\"");
    expect(TL_INTL_RESULTS, RH "1999-12-01,,B,1,0,T,C,D,FALSE\n", 2, 12, "a home team name");
    expect(TL_INTL_RESULTS, RH "1999-12-01,A,B,1,0,T,C,D,maybe\n", 2, 26, "TRUE or FALSE");
    expect(TL_INTL_RESULTS, RH "1999-12-01,A,B,NA,0,T,C,D,FALSE\n", 2, 19, "NA for both scores");
    expect(TL_INTL_RESULTS, RH "1999-12-01,A,B,1,0,T,C,D\n", 2, 25, "expected 9 fields as in the header, found 8");
    expect(TL_INTL_RESULTS, RH "1999-12-01,A,B,1,0,T,C,D,FALSE,x\n", 2, 32, "found 10");
    expect(TL_INTL_RESULTS, "date,home_team\n", 1, 1, "expected a column named 'away_team'");
    expect(TL_INTL_RESULTS, "", 1, 1, "found an empty file");
    expect(TL_INTL_GOALS, GH "2022-12-10,England,France,Brazil,X,1,FALSE,FALSE\n", 2, 27,
           "the home or the away team");
    expect(TL_INTL_GOALS, GH "2022-12-10,England,France,England,X,5x,FALSE,FALSE\n", 2, 37,
           "a minute (such as 54 or 90+3) or NA");
    expect(TL_INTL_GOALS, GH "2022-12-10,England,France,England,X,+3,FALSE,FALSE\n", 2, 37, "a minute");
    expect(TL_INTL_SHOOTOUTS, "date,home_team,away_team,winner,first_shooter\n2022-12-09,A,B,C,A\n",
           2, 16, "the home or the away team");
    expect(TL_INTL_SHOOTOUTS, "date,home_team,away_team,winner,first_shooter\n2022-12-09,A,B,A,C\n",
           2, 18, "or nothing");
    expect(TL_INTL_FORMER_NAMES, "current,former,start_date,end_date\nB,D,1975-11-30,1959-11-08\n",
           2, 16, "an end date on or after the start date");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_results_row), cmocka_unit_test(test_columns_by_name),
        cmocka_unit_test(test_goal_minutes), cmocka_unit_test(test_field_errors),
    };
    return cmocka_run_group_tests_name("intl", tests, NULL, NULL);
}
