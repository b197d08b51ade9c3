/* tests/unit/test_live.c: the live API's body parsers: every event type,
 * a match to schedule, and the errors (offset, path, what was expected). */
#include "test.h"

#include "touchline/live.h"

static tl_rc ev(const char *json, struct tl_live_event *e, struct tl_error *err)
{
    tl_err_clear(err);
    return tl_live_parse_event(json, strlen(json), e, err);
}

static void events(void **state)
{
    (void)state;
    struct tl_live_event e;
    struct tl_error err;
    assert_int_equal(ev("{\"type\": \"goal\", \"team\": \"England\", \"player\": \"Harry Kane\", "
                        "\"minute\": 54, \"added\": 0, \"penalty\": true}", &e, &err), TL_OK);
    assert_int_equal(e.kind, TL_LIVE_GOAL);
    assert_string_equal(e.team, "England");
    assert_string_equal(e.player, "Harry Kane");
    assert_int_equal(e.minute, 54);
    assert_true(e.penalty && !e.own_goal);
    assert_int_equal(ev("{\"type\":\"goal\",\"team\":\"A\",\"player\":\"B\",\"minute\":90,"
                        "\"added\":3,\"own_goal\":true}", &e, &err), TL_OK);
    assert_true(e.own_goal);
    assert_int_equal(e.added, 3);
    assert_int_equal(ev("{\"type\":\"penalty_missed\",\"team\":\"England\",\"player\":\"Harry "
                        "Kane\",\"minute\":84,\"outcome\":\"over\"}", &e, &err), TL_OK);
    assert_string_equal(e.outcome, "over");
    assert_int_equal(ev("{\"type\":\"card\",\"team\":\"F\",\"player\":\"P\",\"minute\":82,"
                        "\"card\":\"second_yellow\"}", &e, &err), TL_OK);
    assert_string_equal(e.card, "second_yellow");
    assert_int_equal(ev("{\"type\":\"substitution\",\"team\":\"E\",\"player_in\":\"In\","
                        "\"player_out\":\"Out\",\"minute\":79}", &e, &err), TL_OK);
    assert_string_equal(e.player, "In");
    assert_string_equal(e.player_out, "Out");
    assert_int_equal(ev("{\"type\":\"shootout_kick\",\"team\":\"F\",\"player\":\"K\","
                        "\"scored\":false}", &e, &err), TL_OK);
    assert_int_equal(e.kind, TL_LIVE_SHOOTOUT_KICK);
    assert_false(e.scored);
    assert_int_equal(ev("{\"type\":\"status\",\"status\":\"halftime\"}", &e, &err), TL_OK);
    assert_int_equal(e.status, TL_LS_HALFTIME);
}

static void errors(void **state)
{
    (void)state;
    struct tl_live_event e;
    struct tl_error err;
    assert_int_equal(ev("{\"type\":\"goal\",\"minit\":3}", &e, &err), TL_EPARSE);
    assert_non_null(strstr(err.msg, "unknown member \"minit\""));
    assert_int_equal(ev("{\"type\":\"goal\",\"team\":\"E\",\"player\":\"K\"}", &e, &err), TL_EPARSE);
    assert_non_null(strstr(err.msg, "needs \"minute\""));
    assert_int_equal(ev("{\"type\":\"goal\",\"team\":\"E\",\"player\":\"K\",\"minute\":\"54\"}", &e,
                        &err), TL_EPARSE);
    assert_non_null(strstr(err.msg, "a whole number from 0 to 150"));
    assert_non_null(strstr(err.msg, "$.minute"));
    assert_int_equal(ev("{\"type\":\"goal\",\"team\":\"E\",\"player\":\"K\",\"minute\":54.5}", &e,
                        &err), TL_EPARSE);
    assert_int_equal(ev("{\"type\":\"penalty_missed\",\"team\":\"E\",\"player\":\"K\",\"minute\":84,"
                        "\"outcome\":\"moon\"}", &e, &err), TL_EPARSE);
    assert_non_null(strstr(err.msg, "\"over\", \"wide\", \"post\" or \"saved\""));
    assert_int_equal(ev("{\"type\":\"party\"}", &e, &err), TL_EPARSE);
    assert_int_equal(ev("{\"team\":\"E\"}", &e, &err), TL_EPARSE);
    assert_non_null(strstr(err.msg, "needs \"type\""));
    assert_int_equal(ev("{\"type\":\"goal\",\"team\":\"E", &e, &err), TL_EPARSE);
    assert_int_equal(ev("[1]", &e, &err), TL_EPARSE);
    assert_int_equal(ev("{\"type\":\"status\"} x", &e, &err), TL_EPARSE);
    assert_int_equal(ev("{\"type\":\"status\"}", &e, &err), TL_EPARSE);
    assert_non_null(strstr(err.msg, "needs \"status\""));
    assert_int_equal(ev("{\"type\":\"goal\",\"team\":\"\xff\xfe\",\"player\":\"K\",\"minute\":1}",
                        &e, &err), TL_EPARSE); /* not UTF-8 */
    char big[TL_LIVE_MAX_BODY + 10];
    memset(big, ' ', sizeof big);
    big[0] = '{';
    big[sizeof big - 1] = '}';
    assert_int_equal(tl_live_parse_event(big, sizeof big, &e, &err), TL_EPARSE);
}

static void matches(void **state)
{
    (void)state;
    struct tl_live_match m;
    struct tl_error err;
    const char *ok = "{\"date\": \"2030-06-01\", \"kickoff\": \"20:00\", \"utc_offset\": \"+03:00\", "
                     "\"home\": \"England\", \"away\": \"France\", \"competition\": \"Test Cup\", "
                     "\"stage\": \"Final\"}";
    assert_int_equal(tl_live_parse_match(ok, strlen(ok), &m, &err), TL_OK);
    assert_string_equal(m.date, "2030-06-01");
    assert_string_equal(m.kickoff, "20:00");
    assert_int_equal(m.utc_offset, 180);
    assert_string_equal(m.stage, "Final");
    const char *bad[] = {"{\"date\":\"2030-02-30\",\"home\":\"A\",\"away\":\"B\"}",
                         "{\"date\":\"2030-06-01\",\"kickoff\":\"25:00\",\"home\":\"A\",\"away\":\"B\"}",
                         "{\"date\":\"2030-06-01\",\"utc_offset\":\"3\",\"home\":\"A\",\"away\":\"B\"}",
                         "{\"date\":\"2030-06-01\",\"home\":\"A\"}"};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
        assert_int_equal(tl_live_parse_match(bad[i], strlen(bad[i]), &m, &err), TL_EPARSE);
    assert_non_null(strstr(err.msg, "needs \"away\""));
    const char *grp = "{\"date\":\"2030-06-01\",\"home\":\"A\",\"away\":\"B\",\"competition\":\"C\","
                      "\"edition\":\"2030\",\"group\":\"Group A\"}";
    assert_int_equal(tl_live_parse_match(grp, strlen(grp), &m, &err), TL_OK);
    assert_string_equal(m.group, "Group A");
    assert_string_equal(m.edition, "2030");
    const char *nocomp = "{\"date\":\"2030-06-01\",\"home\":\"A\",\"away\":\"B\",\"group\":\"G\"}";
    assert_int_equal(tl_live_parse_match(nocomp, strlen(nocomp), &m, &err), TL_EPARSE);
    assert_non_null(strstr(err.msg, "needs \"competition\""));
}

/* the feed's items, as load/live.c writes them, read back (--as-of a moment) */
static void items(void **state)
{
    (void)state;
    struct tl_live_item it;
    struct tl_error err;
    const char *goal = "{\"match_id\":7,\"type\":\"goal\",\"event\":\"goal\",\"team\":\"Italy\","
                       "\"player\":\"Ciro Immobile\",\"minute\":90,\"added\":3,\"home\":\"Spain\","
                       "\"away\":\"Italy\",\"score\":[0,1],\"period\":2,\"phase\":\"playing\"}";
    assert_int_equal(tl_live_parse_item(goal, strlen(goal), &it, &err), TL_OK);
    assert_true(it.score[0] == 0 && it.score[1] == 1 && it.period == 2 && it.has_minute &&
                it.minute == 90 && it.added == 3);
    assert_string_equal(it.phase, "playing");
    const char *ht = "{\"type\":\"status\",\"status\":\"halftime\",\"score\":[2,2],"
                     "\"shootout\":[4,3],\"period\":1,\"phase\":\"break\"}";
    assert_int_equal(tl_live_parse_item(ht, strlen(ht), &it, &err), TL_OK);
    assert_true(!it.has_minute && it.period == 1 && it.score[1] == 2);
    assert_string_equal(it.phase, "break");
    static const char *const bad[][2] = {
        {"{\"period\":1,\"phase\":\"playing\"}", "no score"},
        {"{\"score\":[1]}", "no score"},
        {"{\"score\":[1,\"2\"]}", "no score"},
        {"{\"score\":[1,2,3]}", "the score's end"},
        {"{\"score\":[1,2]} {}", "nothing after the top-level value"},
        {"{\"score\":[1,2],\"minute\":955555555555555501}", "a whole number from 0 to 999"},
        {"{\"score\":[1.5,2]}", "a whole number from 0 to 999"},
        {"{\"score\":[1,2],\"period\":-1}", "a whole number from 0 to 999"},
        {"[1,2]", "an object"},
        {"{\"score\":[1,2]", "live feed item:1:15"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        tl_err_clear(&err);
        if (tl_live_parse_item(bad[i][0], strlen(bad[i][0]), &it, &err) != TL_EPARSE)
            fail_msg("took %s", bad[i][0]);
        char msg[600];
        tl_err_format(&err, msg, sizeof msg);
        if (!strstr(msg, bad[i][1])) fail_msg("%s: %s", bad[i][0], msg);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(events),
        cmocka_unit_test(errors),
        cmocka_unit_test(matches),
        cmocka_unit_test(items),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
