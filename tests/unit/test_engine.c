/* Unit tests: engine (records, rankings), resolve (names), out (text, CSV, JSON). */
#include "test.h"

#include <math.h>

#include "touchline/engine.h"
#include "touchline/out.h"
#include "touchline/resolve.h"

static struct tl_match mk(int64_t id, const char *date, int64_t h, int64_t a, int sh, int sa)
{
    struct tl_match m;
    memset(&m, 0, sizeof m);
    m.id = id;
    snprintf(m.date, sizeof m.date, "%s", date);
    m.home_id = h;
    m.away_id = a;
    m.score_home = sh;
    m.score_away = sa;
    m.ht_home = m.ht_away = m.ft_home = m.ft_away = TL_NONE;
    m.aet_home = m.aet_away = m.so_home = m.so_away = TL_NONE;
    return m;
}

static void test_team_record(void **state)
{
    (void)state;
    struct tl_match v[6] = {
        mk(1, "1882-02-18", 2, 1, 0, 13), /* team 1 wins 13-0 away */
        mk(2, "1900-01-01", 1, 3, 5, 0),
        mk(3, "1910-01-01", 1, 3, 6, 1),  /* same margin as 5-0, more goals: not bigger than 13-0 */
        mk(4, "1920-01-01", 3, 1, 7, 1),  /* defeat by 6 */
        mk(5, "1930-01-01", 1, 2, 2, 2),
        mk(6, "2030-01-01", 1, 2, TL_NONE, TL_NONE), /* unplayed: ignored */
    };
    struct tl_match_list l = {v, 6, 6};
    struct tl_team_record r;
    tl_engine_team_record(&l, 1, &r);
    assert_int_equal(r.played, 5);
    assert_int_equal(r.won, 3);
    assert_int_equal(r.drawn, 1);
    assert_int_equal(r.lost, 1);
    assert_int_equal(r.goals_for, 13 + 5 + 6 + 1 + 2);
    assert_int_equal(r.goals_against, 0 + 0 + 1 + 7 + 2);
    assert_int_equal(r.biggest_win->id, 1);
    assert_int_equal(r.biggest_defeat->id, 4);
    assert_int_equal(r.first->id, 1);
    assert_int_equal(r.last->id, 5);
    /* at equal margins the result with more goals is the bigger one */
    struct tl_match w[2] = {mk(1, "1900-01-01", 1, 3, 5, 0), mk(2, "1910-01-01", 1, 3, 6, 1)};
    struct tl_match_list l2 = {w, 2, 2};
    tl_engine_team_record(&l2, 1, &r);
    assert_int_equal(r.biggest_win->id, 2);
}

static void test_shootout_counts_as_draw(void **state)
{
    (void)state;
    struct tl_match m = mk(1, "2022-12-09", 1, 2, 1, 1);
    char home[] = "Croatia", away[] = "Brazil";
    m.home = home;
    m.away = away;
    m.so_winner = home;
    struct tl_match_list l = {&m, 1, 1};
    struct tl_team_record r;
    tl_engine_team_record(&l, 2, &r);
    assert_int_equal(r.drawn, 1);
    assert_int_equal(r.shootouts_lost, 1);
    tl_engine_team_record(&l, 1, &r);
    assert_int_equal(r.shootouts_won, 1);
}

static void test_rank_ties(void **state)
{
    (void)state;
    char n[5][16] = {"Owen", "Kane", "Rooney", "Lineker", "Charlton"}, t[] = "England";
    int goals[5] = {40, 53, 53, 48, 49};
    struct tl_scorer_row rows[5];
    memset(rows, 0, sizeof rows);
    for (int i = 0; i < 5; i++) {
        rows[i].player = n[i];
        rows[i].team = t;
        rows[i].goals = goals[i];
    }
    struct tl_scorer_list l = {rows, 5, 5};
    tl_engine_rank_scorers(&l);
    assert_string_equal(l.v[0].player, "Kane");
    assert_string_equal(l.v[1].player, "Rooney");
    assert_int_equal(l.v[0].rank, 1);
    assert_int_equal(l.v[1].rank, 1);
    assert_true(l.v[0].tied && l.v[1].tied);
    assert_int_equal(l.v[2].rank, 3); /* 1, 1, 3: standard competition ranking */
    assert_false(l.v[2].tied);
    assert_int_equal(l.v[4].rank, 5);
}

static struct tl_name_list names(void)
{
    static struct tl_name_entry e[6];
    static char b[6][3][32];
    const char *raw[6][5] = {
        {"Benin", "Benin", "", "", "0"},
        {"Dahomey", "Benin", "1959-11-08", "1975-11-30", "1"},
        {"England", "England", "", "", "0"},
        {"Ivory Coast", "Ivory Coast", "", "", "0"},
        {"Czechoslovakia", "Czechoslovakia", "", "", "0"},
        {"Bohemia", "Czechoslovakia", "1903-04-05", "1919-01-01", "1"},
    };
    for (int i = 0; i < 6; i++) {
        snprintf(b[i][0], 32, "%s", raw[i][0]);
        tl_fold(raw[i][0], strlen(raw[i][0]), b[i][1], 32);
        snprintf(b[i][2], 32, "%s", raw[i][1]);
        e[i].name = b[i][0];
        e[i].folded = b[i][1];
        e[i].team = b[i][2];
        e[i].team_id = i + 1;
        snprintf(e[i].from, 11, "%s", raw[i][2]);
        snprintf(e[i].to, 11, "%s", raw[i][3]);
        e[i].former = raw[i][4][0] == '1';
    }
    e[1].team_id = 1;
    e[5].team_id = 5;
    struct tl_name_list l = {e, 6, 6};
    return l;
}

static void test_resolve(void **state)
{
    (void)state;
    struct tl_name_list l = names();
    struct tl_team_match m;
    struct tl_error e;
    assert_int_equal(tl_resolve_name(&l, "team", "ENGLAND", &m, &e), TL_OK);
    assert_int_equal(m.team_id, 3);
    assert_string_equal(m.from, "");
    assert_int_equal(tl_resolve_name(&l, "team", "dahomey", &m, &e), TL_OK);
    assert_int_equal(m.team_id, 1);
    assert_string_equal(m.team, "Benin");
    assert_string_equal(m.as, "Dahomey");
    assert_string_equal(m.from, "1959-11-08");
    assert_string_equal(m.to, "1975-11-30");
    assert_int_equal(tl_resolve_name(&l, "team", "Ivory-Coast", &m, &e), TL_OK);
    assert_int_equal(tl_resolve_name(&l, "team", "Englnd", &m, &e), TL_ENOTFOUND);
    assert_string_equal(e.msg, "unknown team \"Englnd\"; did you mean: England?");
    assert_int_equal(tl_resolve_name(&l, "team", "Coast", &m, &e), TL_ENOTFOUND);
    assert_non_null(strstr(e.msg, "Ivory Coast"));
    assert_int_equal(tl_resolve_name(&l, "team", "Xyzzyqwert", &m, &e), TL_ENOTFOUND);
    assert_non_null(strstr(e.msg, "no similar name"));
}

static void test_table_text_csv(void **state)
{
    (void)state;
    struct tl_table t;
    tl_table_init(&t);
    tl_table_col(&t, "player", TL_CELL_TEXT);
    tl_table_col(&t, "goals", TL_CELL_INT);
    assert_int_equal(tl_table_row(&t), TL_OK);
    assert_int_equal(tl_table_set(&t, 0, "Aurélien Tchouaméni"), TL_OK);
    assert_int_equal(tl_table_set_int(&t, 1, 1), TL_OK);
    assert_int_equal(tl_table_row(&t), TL_OK);
    assert_int_equal(tl_table_set(&t, 0, "Say \"Hi\", Kane"), TL_OK);
    assert_int_equal(tl_table_set_int(&t, 1, 53), TL_OK);
    char *buf = NULL;
    size_t n = 0;
    FILE *f = open_memstream(&buf, &n);
    tl_table_print_text(&t, f);
    fclose(f);
    assert_string_equal(buf, "player               goals\n"
                             "Aurélien Tchouaméni      1\n"
                             "Say \"Hi\", Kane          53\n");
    free(buf);
    f = open_memstream(&buf, &n);
    tl_table_print_csv(&t, f);
    fclose(f);
    assert_string_equal(buf, "player,goals\nAurélien Tchouaméni,1\n\"Say \"\"Hi\"\", Kane\",53\n");
    free(buf);
    f = open_memstream(&buf, &n);
    struct tl_json j;
    tl_json_init(&j, f);
    tl_json_obj(&j);
    tl_json_key(&j, "rows");
    tl_json_table(&j, &t);
    tl_json_key(&j, "none");
    tl_json_int(&j, TL_NONE);
    tl_json_key(&j, "ctl");
    tl_json_str(&j, "a\tb\x01");
    tl_json_end_obj(&j);
    fclose(f);
    assert_string_equal(buf, "{\"rows\":[{\"player\":\"Aurélien Tchouaméni\",\"goals\":1},"
                             "{\"player\":\"Say \\\"Hi\\\", Kane\",\"goals\":53}],"
                             "\"none\":null,\"ctl\":\"a\\tb\\u0001\"}");
    free(buf);
    tl_table_free(&t);
}

/* 60 of 100: the Wilson interval worked by hand, (0.6 + z^2/2n) / (1 + z^2/n)
 * +- z sqrt(p(1-p)/n + z^2/4n^2) / (1 + z^2/n) with z 1.96: 0.5020 to 0.6906 */
static void test_wilson(void **state)
{
    (void)state;
    double p, lo, hi;
    tl_wilson(60, 100, &p, &lo, &hi);
    assert_true(fabs(p - 0.6) < 1e-12);
    assert_true(fabs(lo - 0.5020) < 0.0001);
    assert_true(fabs(hi - 0.6906) < 0.0001);
    tl_wilson(0, 10, &p, &lo, &hi); /* never below 0, unlike the normal interval */
    assert_true(lo >= 0 && hi > 0.2 && hi < 0.35);
    tl_wilson(0, 0, &p, &lo, &hi);
    assert_true(isnan(p));
    /* the first-kicker share counts only shootouts with a known first kicker */
    struct tl_shootout_row r[3] = {
        {.home_id = 1, .away_id = 2, .winner_id = 1, .first_id = 1},
        {.home_id = 1, .away_id = 2, .winner_id = 2, .first_id = 1},
        {.home_id = 3, .away_id = 4, .winner_id = 4, .first_id = 0},
    };
    struct tl_shootout_list l = {.v = r, .n = 3};
    struct tl_first_kicker fk;
    tl_engine_first_kicker(&l, &fk);
    assert_int_equal(fk.n, 2);
    assert_int_equal(fk.wins, 1);
    assert_true(fabs(fk.share - 0.5) < 1e-12);
}

/* the kick-off model: a goal at 45+2 makes the first half 47 minutes */
static void test_clock_model(void **state)
{
    (void)state;
    static char home[] = "Japan", away[] = "Spain";
    struct tl_tmatch m = {.name = {home, away}, .current = {home, away}, .score = {2, 1},
                          .so = {TL_NONE, TL_NONE}, .status = TL_STATUS_FINISHED,
                          .cards_known = 1, .fair = {-2, 0}};
    struct tl_event ev[] = {
        {.kind = TL_EV_GOAL, .minute = 11, .team = away, .player = away},
        {.kind = TL_EV_YELLOW, .minute = 45, .added = 2, .team = home, .player = home},
        {.kind = TL_EV_GOAL, .minute = 48, .team = home, .player = home},
        {.kind = TL_EV_GOAL, .minute = 90, .added = 3, .team = home, .player = home},
        {.kind = TL_EV_YELLOW, .minute = 90, .added = 4, .team = home, .player = away},
    };
    struct tl_event_list l = {.v = ev, .n = sizeof ev / sizeof ev[0]};
    struct tl_clock c;
    const int64_t ko = 1000000;
    tl_engine_clock_model(&m, &l, ko, ko - 1, &c);
    assert_int_equal(c.state, TL_CLOCK_BEFORE);
    tl_engine_clock_model(&m, &l, ko, ko + 11 * 60, &c);
    assert_true(c.state == TL_CLOCK_PLAYING && c.period == 1 && c.minute == 11 && c.added == 0);
    tl_engine_clock_model(&m, &l, ko, ko + 46 * 60 + 59, &c); /* 45+1 played */
    assert_true(c.minute == 45 && c.added == 1 && !c.interval);
    tl_engine_clock_model(&m, &l, ko, ko + 47 * 60, &c); /* half time after 45+2 */
    assert_true(c.interval && c.minute == 45 && c.added == 2);
    tl_engine_clock_model(&m, &l, ko, ko + 61 * 60, &c);
    assert_true(c.interval);
    tl_engine_clock_model(&m, &l, ko, ko + 62 * 60, &c); /* the second half begins */
    assert_true(!c.interval && c.period == 2 && c.minute == 45 && c.added == 0);
    tl_engine_clock_model(&m, &l, ko, ko + (62 + 3) * 60, &c);
    assert_true(c.period == 2 && c.minute == 48);
    struct tl_tmatch x = m;
    assert_int_equal(tl_engine_match_at(&x, &l, &c, NULL), 0);
    assert_true(x.score[0] == 1 && x.score[1] == 1 && x.status == TL_STATUS_LIVE);
    assert_true(x.fair[0] == -1 && x.fair[1] == 0); /* one yellow so far */
    tl_engine_clock_model(&m, &l, ko, ko + (62 + 45 + 3) * 60, &c); /* 90+3 */
    assert_true(c.state == TL_CLOCK_PLAYING && c.minute == 90 && c.added == 3);
    x = m;
    assert_int_equal(tl_engine_match_at(&x, &l, &c, NULL), 0);
    assert_true(x.score[0] == 2 && x.score[1] == 1);
    tl_engine_clock_model(&m, &l, ko, ko + (62 + 45 + 4) * 60, &c); /* after 90+4 */
    assert_int_equal(c.state, TL_CLOCK_OVER);
    x = m;
    assert_int_equal(tl_engine_match_at(&x, &l, &c, NULL), 0);
    assert_true(x.score[0] == 2 && x.fair[0] == -2 && x.status == TL_STATUS_FINISHED);
    /* before: not played */
    tl_engine_clock_model(&m, &l, ko, ko - 60, &c);
    x = m;
    assert_int_equal(tl_engine_match_at(&x, &l, &c, NULL), 0);
    assert_true(x.score[0] == TL_NONE && x.status == TL_STATUS_SCHEDULED && x.fair[0] == 0);
    /* goals that do not make the score: unknown, the match untouched */
    tl_engine_clock_model(&m, &l, ko, ko + 30 * 60, &c);
    x = m;
    x.score[0] = 3;
    assert_int_equal(tl_engine_match_at(&x, &l, &c, NULL), -1);
    assert_int_equal(x.score[0], 3);
    ev[2].minute = TL_NONE; /* a goal without its minute */
    x = m;
    assert_int_equal(tl_engine_match_at(&x, &l, &c, NULL), -1);
    ev[2].minute = 48;
    /* extra time and a shootout: 45+2, 15, 45+4, 5, 15, 15, then 15 of shootout */
    m.aet = 1;
    m.so[0] = 4;
    m.so[1] = 2;
    long et = 47 + 15 + 49 + 5;
    tl_engine_clock_model(&m, &l, ko, ko + (et + 20) * 60, &c);
    assert_true(c.state == TL_CLOCK_PLAYING && c.period == 4 && c.minute == 110);
    tl_engine_clock_model(&m, &l, ko, ko + (et + 31) * 60, &c);
    assert_int_equal(c.period, 5);
    x = m;
    assert_int_equal(tl_engine_match_at(&x, &l, &c, NULL), 0);
    assert_true(x.aet && x.so[0] == TL_NONE && x.status == TL_STATUS_LIVE);
    tl_engine_clock_model(&m, &l, ko, ko + (et + 45) * 60, &c);
    assert_int_equal(c.state, TL_CLOCK_OVER);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_team_record),   cmocka_unit_test(test_shootout_counts_as_draw),
        cmocka_unit_test(test_rank_ties),     cmocka_unit_test(test_resolve),
        cmocka_unit_test(test_table_text_csv), cmocka_unit_test(test_wilson),
        cmocka_unit_test(test_clock_model),
    };
    return cmocka_run_group_tests_name("engine", tests, NULL, NULL);
}
