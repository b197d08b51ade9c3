/* StatsBomb import into SQLite: the real open data (Euro 2020 opener,
 * World Cup 2022 and Euro 2020 fixtures, two finals' lineups), merged with
 * the international results, and hand-made fixtures for what the bundled
 * events do not have (extra time, a shootout, a penalty over the bar) and
 * for broken input. */
#include "test.h"

#include "touchline/engine.h"
#include "touchline/load.h"
#include "touchline/sb.h"

#include <math.h>

#define SB_MATCH "3788741" /* Turkey 0-3 Italy, 2021-06-11 */

static tl_rc load_sb(tl_store *s, const char *path, struct tl_sbload_stats *st,
                     struct tl_error *e)
{
    const char *paths[] = {path};
    struct tl_load_opts o = {0};
    return tl_load_statsbomb(s, paths, 1, &o, st, e);
}

static void sb_dir(char *out, size_t cap) { snprintf(out, cap, "%s/statsbomb", test_data_dir()); }

static int64_t match_of(tl_store *s, const char *sb_id)
{
    int64_t id = 0;
    struct tl_error e;
    assert_int_equal(tl_store_match_by_ref(s, "statsbomb", sb_id, &id, &e), TL_OK);
    return id;
}

/* The minutes of a kind of event of a match, in order. */
static size_t minutes_of(tl_store *s, int64_t match, enum tl_event_kind kind, int *out, size_t cap)
{
    struct tl_event_list l = {0};
    struct tl_error e;
    assert_int_equal(tl_store_match_events(s, match, &l, &e), TL_OK);
    size_t n = 0;
    for (size_t i = 0; i < l.n; i++)
        if (l.v[i].kind == kind && n < cap) out[n++] = l.v[i].minute;
    tl_event_list_free(&l);
    return n;
}

static void real_open_data(void **state)
{
    (void)state;
    char db[256], dir[512];
    test_tmp_db(db, sizeof db);
    sb_dir(dir, sizeof dir);
    tl_store *s;
    struct tl_error e;
    struct tl_sbload_stats st;
    assert_int_equal(tl_store_open(db, &s, &e), TL_OK);
    assert_int_equal(load_sb(s, dir, &st, &e), TL_OK);
    assert_int_equal(st.fixtures, 115); /* 64 World Cup 2022 + 51 Euro 2020 */
    assert_int_equal(st.matches_new, 115);
    assert_int_equal(st.event_files, 1);
    assert_int_equal(st.events, 3803);
    assert_int_equal(st.lineup_files, 3);
    assert_int_equal(tl_store_count(s, "sb_events"), 3803);
    assert_int_equal(tl_store_count(s, "matches"), 115);
    /* the goals of the match: Demiral's own goal, Immobile, Insigne */
    assert_int_equal(st.goals, 3);
    assert_int_equal(st.own_goals, 1);
    assert_int_equal(st.cards, 2);
    assert_int_equal(st.substitutions, 9);
    assert_int_equal(st.mismatches, 0);

    /* every event type as many times as in the file */
    char path[600], *buf;
    size_t len;
    snprintf(path, sizeof path, "%s/events/" SB_MATCH ".json", dir);
    assert_int_equal(tl_read_file(path, (size_t)1 << 28, &buf, &len, &e), TL_OK);
    struct tl_sb_match m;
    tl_sb_init(&m);
    assert_int_equal(tl_sb_read_events(&m, buf, len, path, &e), TL_OK);
    int64_t id = match_of(s, SB_MATCH);
    struct tl_action_list a = {0};
    assert_int_equal(tl_store_actions(s, id, &a, &e), TL_OK);
    assert_int_equal(a.n, 3803);
    long count[TL_SB_MAX_TYPE] = {0};
    for (size_t i = 0; i < a.n; i++) {
        assert_in_range(a.v[i].type_id, 0, TL_SB_MAX_TYPE - 1);
        count[a.v[i].type_id]++;
        assert_int_equal(a.v[i].idx, (int)i + 1);
    }
    for (int t = 0; t < TL_SB_MAX_TYPE; t++) assert_int_equal(count[t], m.type_count[t]);
    assert_int_equal(count[TL_SB_PASS], 1059);
    assert_int_equal(count[TL_SB_SHOT], 27);
    /* the starting XIs' formations */
    assert_string_equal(a.v[0].type, "Starting XI");
    assert_int_equal(a.v[0].formation, 4141);
    assert_string_equal(a.v[0].team, "Turkey");
    assert_int_equal(a.v[1].formation, 433);

    /* every event's columns as decoded (the held rows: integers, reals,
     * NULLs, and the raw JSON of each, byte for byte) */
    double xg = 0, xs = 0;
    long nulls = 0, raw = 0;
    for (size_t i = 0; i < m.n; i++) {
        const struct tl_sb_event *x = &m.ev[i];
        if (x->xg > 0) xg += x->xg;
        if (x->nloc) xs += x->loc[0];
        else nulls++;
        raw += (long)x->raw_len;
    }
    char q[256];
    snprintf(q, sizeof q, "SELECT CAST(round(sum(xg) * 1000) AS INTEGER) FROM sb_events WHERE"
                          " match_id=%lld", (long long)id);
    assert_int_equal(test_sql_long(db, q), lround(xg * 1000)); /* 1.959 */
    snprintf(q, sizeof q, "SELECT CAST(round(sum(x) * 10) AS INTEGER) FROM sb_events WHERE"
                          " match_id=%lld", (long long)id);
    assert_int_equal(test_sql_long(db, q), lround(xs * 10));
    snprintf(q, sizeof q, "SELECT count(*) FROM sb_events WHERE match_id=%lld AND x IS NULL",
             (long long)id);
    assert_int_equal(test_sql_long(db, q), nulls);
    const char *pg = getenv("TOUCHLINE_TEST_PG");
    snprintf(q, sizeof q, "SELECT sum(%s) FROM sb_events WHERE match_id=%lld",
             pg && *pg ? "octet_length(raw)" : "length(CAST(raw AS BLOB))", (long long)id);
    assert_int_equal(test_sql_long(db, q), raw);
    snprintf(q, sizeof q, "SELECT count(*) FROM sb_events WHERE match_id=%lld AND"
                          " raw LIKE '{%%}'", (long long)id);
    assert_int_equal(test_sql_long(db, q), (long)m.n);
    tl_sb_free(&m);
    tl_free(buf);

    /* goals in the common events table, with the minutes people write */
    int mins[16];
    assert_int_equal(minutes_of(s, id, TL_EV_OWN_GOAL, mins, 16), 1);
    assert_int_equal(mins[0], 53);
    assert_int_equal(minutes_of(s, id, TL_EV_GOAL, mins, 16), 2);
    assert_int_equal(mins[0], 66);
    assert_int_equal(mins[1], 79);
    static const int subs[] = {46, 46, 64, 65, 74, 76, 81, 81, 85};
    assert_int_equal(minutes_of(s, id, TL_EV_SUBSTITUTION, mins, 16), 9);
    for (int i = 0; i < 9; i++) assert_int_equal(mins[i], subs[i]);
    struct tl_event_list ev = {0};
    assert_int_equal(tl_store_match_events(s, id, &ev, &e), TL_OK);
    for (size_t i = 0; i < ev.n; i++)
        if (ev.v[i].kind == TL_EV_OWN_GOAL) {
            assert_string_equal(ev.v[i].player, "Merih Demiral");
            assert_string_equal(ev.v[i].team, "Italy"); /* credited to the side it counted for */
        }
    tl_event_list_free(&ev);

    /* the match centre's facts */
    struct tl_match_list ml = {0};
    struct tl_match_filter f = {.match_id = id};
    assert_int_equal(tl_store_matches(s, &f, &ml, &e), TL_OK);
    assert_string_equal(ml.v[0].home, "Turkey"); /* StatsBomb's home side: no other source */
    struct tl_timeline t = {0};
    assert_int_equal(tl_engine_timeline(&a, ml.v[0].home, &t), TL_OK);
    int goals = 0;
    for (size_t i = 0; i < t.n; i++)
        if (t.v[i].kind == TL_MO_GOAL || t.v[i].kind == TL_MO_OWN_GOAL) goals++;
    assert_int_equal(goals, 3);
    assert_int_equal(t.v[t.n - 1].kind, TL_MO_PERIOD_END);
    assert_int_equal(t.v[t.n - 1].score[0], 0);
    assert_int_equal(t.v[t.n - 1].score[1], 3);
    assert_int_equal(t.v[t.n - 1].minute, 90);
    assert_int_equal(t.v[t.n - 1].added, 4);
    tl_timeline_free(&t);
    struct tl_team_stats ts[2];
    tl_engine_match_stats(&a, ml.v[0].home_id, ml.v[0].away_id, ts);
    assert_int_equal(ts[1].shots, 24); /* Italy */
    assert_int_equal(ts[0].shots, 3);
    assert_int_equal(ts[1].goals, 3);  /* the own goal counts for Italy */
    assert_int_equal(ts[1].passes, 669);
    assert_int_equal(ts[1].passes_complete, 577);
    assert_int_equal(ts[0].passes, 390);
    assert_int_equal(ts[0].yellow, 2);
    assert_true(ts[1].xg > 1.7 && ts[1].xg < 1.76);
    assert_true(fabs(ts[0].possession + ts[1].possession - 1.0) < 1e-9);
    assert_true(ts[1].possession > 0.6); /* Italy had the ball */
    tl_match_list_free(&ml);
    tl_action_list_free(&a);

    /* lineups: the whole squad from the lineups file, with shirts and positions */
    struct tl_lineup_list lu = {0};
    assert_int_equal(tl_store_match_lineups(s, id, &lu, &e), TL_OK);
    int starters = 0, found = 0;
    for (size_t i = 0; i < lu.n; i++) {
        starters += lu.v[i].starter;
        if (strcmp(lu.v[i].player, "Gianluigi Donnarumma") == 0) {
            found = 1;
            assert_int_equal(lu.v[i].shirt, 21);
            assert_string_equal(lu.v[i].position, "Goalkeeper");
        }
    }
    assert_true(found);
    assert_int_equal(starters, 22);
    assert_non_null(strstr(lu.source_file, "lineups/" SB_MATCH ".json"));
    tl_lineup_list_free(&lu);

    /* importing the same files again changes nothing */
    assert_int_equal(load_sb(s, dir, &st, &e), TL_OK);
    assert_int_equal(st.changed, 0);
    assert_int_equal(st.events_unchanged, 1);
    assert_int_equal(st.matches_new, 0);
    assert_int_equal(tl_store_count(s, "sb_events"), 3803);
    assert_int_equal(tl_store_count(s, "matches"), 115);
    assert_int_equal(tl_store_check(s, &e), TL_OK);
    tl_store_close(s);
    test_rm_db(db);
}

static void merged_with_results(void **state)
{
    (void)state;
    char db[256], dir[512];
    test_tmp_db(db, sizeof db);
    tl_store *s;
    struct tl_error e;
    struct tl_load_opts o = {0};
    struct tl_load_stats ist;
    assert_int_equal(tl_store_open(db, &s, &e), TL_OK);
    snprintf(dir, sizeof dir, "%s/international", test_data_dir());
    assert_int_equal(tl_load_international(s, dir, &o, &ist, &e), TL_OK);
    long matches = tl_store_count(s, "matches"), events = tl_store_count(s, "events");
    sb_dir(dir, sizeof dir);
    struct tl_sbload_stats st;
    assert_int_equal(load_sb(s, dir, &st, &e), TL_OK);
    assert_int_equal(st.matches_merged, 115);
    assert_int_equal(st.matches_new, 0);
    assert_int_equal(st.teams_new, 0);
    assert_int_equal(tl_store_count(s, "matches"), matches);
    /* 3 goals, 2 cards, 9 substitutions from the events file */
    assert_int_equal(tl_store_count(s, "events"), events + 14);
    /* the stored match is results.csv's (Italy at home); StatsBomb's own id finds it */
    int64_t id = match_of(s, SB_MATCH);
    struct tl_match_list ml = {0};
    test_one_match(s, "2021-06-11", "Italy", "Turkey", &ml);
    assert_int_equal(ml.v[0].id, id);
    assert_string_equal(ml.v[0].home, "Italy");
    tl_match_list_free(&ml);
    /* the goals agree with the matches file and with goalscorers.csv: no finding
     * names a StatsBomb file */
    struct tl_finding_list fl = {0};
    assert_int_equal(tl_store_findings(s, "2021-06-11", "2021-06-11", &fl, &e), TL_OK);
    for (size_t i = 0; i < fl.n; i++) {
        for (int k = 0; k < 2; k++)
            if (fl.v[i].file[k]) assert_null(strstr(fl.v[i].file[k], ".json"));
    }
    tl_finding_list_free(&fl);
    tl_store_close(s);
    test_rm_db(db);
}

/* ---- hand-made fixtures ---- */

static void shootout_fixture(void **state)
{
    (void)state;
    char db[256];
    test_tmp_db(db, sizeof db);
    tl_store *s;
    struct tl_error e;
    struct tl_sbload_stats st;
    assert_int_equal(tl_store_open(db, &s, &e), TL_OK);
    assert_int_equal(load_sb(s, "tests/data/sb/shootout", &st, &e), TL_OK);
    assert_int_equal(st.kicks, 6);
    assert_int_equal(st.penalties_missed, 1);
    assert_int_equal(st.goals, 2);
    assert_int_equal(st.cards, 2);
    int64_t id = match_of(s, "9000001");
    struct tl_event_list ev = {0};
    assert_int_equal(tl_store_match_events(s, id, &ev, &e), TL_OK);
    static const char *const kicks[] = {"scored", "saved", "woodwork", "scored", "scored", "over"};
    int k = 0;
    for (size_t i = 0; i < ev.n; i++) {
        const struct tl_event *x = &ev.v[i];
        if (x->kind == TL_EV_SHOOTOUT_KICK) {
            assert_int_equal(x->kick_order, k + 1);
            assert_string_equal(x->outcome, kicks[k]);
            assert_int_equal(x->period, 5);
            k++;
        }
        if (x->kind == TL_EV_PENALTY_MISSED) {
            assert_string_equal(x->outcome, "over"); /* end height 3.2 > the crossbar */
            assert_int_equal(x->minute, 85);
            assert_string_equal(x->player, "Eve Epsilon");
        }
        if (x->kind == TL_EV_SECOND_YELLOW) {
            assert_int_equal(x->minute, 90);
            assert_int_equal(x->added, 3);
        }
    }
    assert_int_equal(k, 6);
    tl_event_list_free(&ev);
    struct tl_match_list ml = {0};
    struct tl_match_filter f = {.match_id = id};
    assert_int_equal(tl_store_matches(s, &f, &ml, &e), TL_OK);
    const struct tl_match *m = &ml.v[0];
    assert_int_equal(m->so_home, 2);
    assert_int_equal(m->so_away, 1);
    assert_string_equal(m->so_winner, "Testland");
    assert_string_equal(m->so_first, "Testland");
    assert_int_equal(m->aet_home, 1);
    assert_int_equal(m->ht_home, 1);
    assert_int_equal(m->ht_away, 0);
    assert_string_equal(m->venue, "Fixture Park"); /* trimmed */
    /* the timeline: periods 1-5 start and end once each */
    struct tl_action_list a = {0};
    assert_int_equal(tl_store_actions(s, id, &a, &e), TL_OK);
    struct tl_timeline t = {0};
    assert_int_equal(tl_engine_timeline(&a, m->home, &t), TL_OK);
    int starts = 0, ends = 0, missed = 0;
    for (size_t i = 0; i < t.n; i++) {
        starts += t.v[i].kind == TL_MO_PERIOD_START;
        ends += t.v[i].kind == TL_MO_PERIOD_END;
        if (t.v[i].kind == TL_MO_PENALTY_MISSED) {
            missed++;
            assert_string_equal(t.v[i].how, "over");
        }
    }
    assert_int_equal(starts, 5);
    assert_int_equal(ends, 5);
    assert_int_equal(missed, 1);
    const struct tl_moment *end = &t.v[t.n - 1];
    assert_int_equal(end->kicks[0], 2);
    assert_int_equal(end->kicks[1], 1);
    assert_int_equal(end->score[0], 1);
    assert_int_equal(end->score[1], 1);
    assert_int_equal(end->minute, TL_NONE);
    tl_timeline_free(&t);
    tl_action_list_free(&a);
    tl_match_list_free(&ml);
    tl_store_close(s);
    test_rm_db(db);
}

/* An import that fails leaves every table as it was. */
static void assert_unchanged(tl_store *s, const long before[4])
{
    static const char *const tables[] = {"matches", "events", "sb_events", "teams"};
    for (int i = 0; i < 4; i++) assert_int_equal(tl_store_count(s, tables[i]), before[i]);
}

static void broken_input(void **state)
{
    (void)state;
    char db[256];
    test_tmp_db(db, sizeof db);
    tl_store *s;
    struct tl_error e;
    struct tl_sbload_stats st;
    assert_int_equal(tl_store_open(db, &s, &e), TL_OK);
    /* nothing known yet: an events file needs its matches file */
    assert_int_equal(load_sb(s, "tests/data/sb/orphan", &st, &e), TL_ENOTFOUND);
    assert_non_null(strstr(e.msg, "StatsBomb match 9000001 is in no matches file"));
    assert_int_equal(tl_store_count(s, "matches"), 0);

    assert_int_equal(load_sb(s, "tests/data/sb/shootout", &st, &e), TL_OK);
    long before[4] = {tl_store_count(s, "matches"), tl_store_count(s, "events"),
                      tl_store_count(s, "sb_events"), tl_store_count(s, "teams")};
    /* truncated JSON: file, line, column, the JSON path and the byte offset */
    assert_int_equal(load_sb(s, "tests/data/sb/bad-truncated", &st, &e), TL_EPARSE);
    assert_non_null(strstr(e.file, "bad-truncated/events/9000001.json"));
    assert_int_equal(e.line, 864);
    assert_int_equal(e.col, 22);
    assert_non_null(strstr(e.msg, "at $[24].type.name (byte 13388)"));
    assert_unchanged(s, before);
    /* an event by a team that does not play the match */
    assert_int_equal(load_sb(s, "tests/data/sb/bad-team", &st, &e), TL_EPARSE);
    assert_non_null(strstr(e.msg, "expected one of the match's two teams, found Nowhere"));
    assert_int_equal(e.line, 250);
    assert_unchanged(s, before);
    /* not a StatsBomb file */
    assert_int_equal(load_sb(s, "tests/data/intl-good/results.csv", &st, &e), TL_EPARSE);
    assert_non_null(strstr(e.msg, "expected a StatsBomb matches, lineups or events file"));
    assert_int_equal(load_sb(s, "/nonexistent/statsbomb", &st, &e), TL_ENOTFOUND);
    assert_unchanged(s, before);
    assert_int_equal(tl_store_check(s, &e), TL_OK);
    tl_store_close(s);
    test_rm_db(db);
}

/* Goals from the events that do not add up to the matches file's score:
 * counted at import and reported by touchline check. */
static void score_mismatch(void **state)
{
    (void)state;
    char db[256];
    test_tmp_db(db, sizeof db);
    tl_store *s;
    struct tl_error e;
    struct tl_sbload_stats st;
    assert_int_equal(tl_store_open(db, &s, &e), TL_OK);
    assert_int_equal(load_sb(s, "tests/data/sb/score-mismatch", &st, &e), TL_OK);
    assert_int_equal(st.mismatches, 1);
    struct tl_finding_list fl = {0};
    assert_int_equal(tl_store_findings(s, NULL, NULL, &fl, &e), TL_OK);
    int found = 0;
    for (size_t i = 0; i < fl.n; i++)
        if (strcmp(fl.v[i].kind, "goals") == 0 && strstr(fl.v[i].file[0], "events/9000001.json") &&
            strstr(fl.v[i].message, "Testland: 1 goal listed, the same source's score says 2"))
            found = 1;
    assert_true(found);
    tl_finding_list_free(&fl);
    tl_store_close(s);
    test_rm_db(db);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(real_open_data),   cmocka_unit_test(merged_with_results),
        cmocka_unit_test(shootout_fixture), cmocka_unit_test(broken_input),
        cmocka_unit_test(score_mismatch),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
