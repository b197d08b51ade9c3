/* Unit tests: StatsBomb event files decoded into typed events. Golden facts
 * from the real Euro 2020 opener (Turkey 0-3 Italy, events/3788741.json),
 * each checked against the file with jq; and every error path on small
 * inline inputs. */
#include "test.h"

#include "touchline/sb.h"

static struct tl_sb_match m;
static char *buf;

static int load_real(void **state)
{
    (void)state;
    char path[512];
    size_t len;
    struct tl_error e;
    snprintf(path, sizeof path, "%s/statsbomb/events/3788741.json", test_data_dir());
    tl_sb_init(&m);
    if (tl_read_file(path, (size_t)64 << 20, &buf, &len, &e)) return 0; /* tests skip */
    if (tl_sb_read_events(&m, buf, len, path, &e)) {
        fprintf(stderr, "%s:%ld:%ld: %s\n", e.file, e.line, e.col, e.msg);
        return -1;
    }
    return 0;
}

static int free_real(void **state)
{
    (void)state;
    tl_sb_free(&m);
    tl_free(buf);
    return 0;
}

#define NEED_REAL() do { if (!buf) skip(); } while (0)

static int team_id(const char *name)
{
    for (size_t i = 0; i < m.nnames; i++)
        if (m.names[i].kind == TL_SBK_TEAM && strcmp(m.names_text.data + m.names[i].off, name) == 0)
            return m.names[i].id;
    return -1;
}

/* counts of each event type as they are in the file (jq group_by type.name) */
static void test_type_counts(void **state)
{
    (void)state;
    NEED_REAL();
    static const struct { int type; long n; } want[] = {
        {TL_SB_BALL_RECEIPT, 1021}, {TL_SB_BALL_RECOVERY, 92}, {TL_SB_BLOCK, 31},
        {TL_SB_CARRY, 862}, {TL_SB_CLEARANCE, 39}, {TL_SB_DISPOSSESSED, 13},
        {TL_SB_DRIBBLE, 32}, {TL_SB_DRIBBLED_PAST, 20}, {TL_SB_DUEL, 51},
        {TL_SB_FOUL_COMMITTED, 23}, {TL_SB_FOUL_WON, 23}, {TL_SB_GOAL_KEEPER, 34},
        {TL_SB_HALF_END, 4}, {TL_SB_HALF_START, 4}, {TL_SB_INJURY_STOPPAGE, 3},
        {TL_SB_INTERCEPTION, 47}, {TL_SB_MISCONTROL, 20}, {TL_SB_OFFSIDE, 1},
        {TL_SB_OWN_GOAL_AGAINST, 1}, {TL_SB_OWN_GOAL_FOR, 1}, {TL_SB_PASS, 1059},
        {TL_SB_PRESSURE, 382}, {TL_SB_SHIELD, 1}, {TL_SB_SHOT, 27}, {TL_SB_STARTING_XI, 2},
        {TL_SB_SUBSTITUTION, 9}, {TL_SB_TACTICAL_SHIFT, 1},
    };
    long total = 0;
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
        assert_int_equal(m.type_count[want[i].type], want[i].n);
        total += want[i].n;
    }
    assert_int_equal(total, 3803);
    assert_int_equal(m.n, 3803);
    assert_string_equal(tl_sb_type_name(TL_SB_BALL_RECEIPT), "Ball Receipt*");
    assert_null(tl_sb_type_name(1));
    assert_null(tl_sb_type_name(99));
    /* the first event, its fields and its raw span */
    const struct tl_sb_event *e = &m.ev[0];
    assert_string_equal(e->id, "19edeac2-e63f-4795-8a8b-17a6e9fdb6e3");
    assert_int_equal(e->index, 1);
    assert_int_equal(e->type, TL_SB_STARTING_XI);
    assert_string_equal(tl_sb_name(&m, TL_SBK_TEAM, e->team), "Turkey");
    assert_true(buf[e->raw_off] == '{' && buf[e->raw_off + e->raw_len - 1] == '}');
    for (size_t i = 0; i < m.n; i++) assert_int_equal(m.ev[i].index, (int)i + 1);
}

/* the score from events: shots scored plus Own Goal For, per team: Italy 3, Turkey 0 */
static void test_score_and_goals(void **state)
{
    (void)state;
    NEED_REAL();
    int italy = team_id("Italy"), turkey = team_id("Turkey");
    assert_true(italy > 0 && turkey > 0);
    int goals_it = 0, goals_tu = 0, og = 0;
    for (size_t i = 0; i < m.n; i++) {
        const struct tl_sb_event *e = &m.ev[i];
        int scored = (e->type == TL_SB_SHOT && strcmp(tl_sb_name(&m, TL_SBK_OUTCOME, e->outcome), "Goal") == 0) ||
                     e->type == TL_SB_OWN_GOAL_FOR;
        if (scored) e->team == italy ? goals_it++ : goals_tu++;
        if (e->type == TL_SB_OWN_GOAL_AGAINST) {
            /* Demiral's own goal, 53rd minute (minute 52 elapsed), second half */
            assert_string_equal(tl_sb_name(&m, TL_SBK_PLAYER, e->player), "Merih Demiral");
            assert_int_equal(e->team, turkey);
            assert_int_equal(e->minute, 52);
            assert_int_equal(e->period, 2);
            og++;
        }
        if (e->type == TL_SB_SHOT && e->minute == 65 && e->outcome &&
            strcmp(tl_sb_name(&m, TL_SBK_OUTCOME, e->outcome), "Goal") == 0) {
            assert_string_equal(tl_sb_name(&m, TL_SBK_PLAYER, e->player), "Ciro Immobile");
            assert_true(e->xg > 0.3338f && e->xg < 0.3339f);
            assert_int_equal(e->nend, 3); /* x, y and height */
            assert_true(e->end[0] == 120.0f && e->end[2] > 1.39f && e->end[2] < 1.41f);
            assert_string_equal(tl_sb_name(&m, TL_SBK_BODY_PART, e->body_part), "Right Foot");
        }
    }
    assert_int_equal(goals_it, 3);
    assert_int_equal(goals_tu, 0);
    assert_int_equal(og, 1);
}

/* the minutes of each substitution, player off -> on (jq on the file) */
static void test_substitutions_cards_lineups(void **state)
{
    (void)state;
    NEED_REAL();
    static const struct { int min, sec; const char *off, *on, *why; } want[] = {
        {45, 0, "Yusuf Yazıcı", "Cengiz Ünder", "Tactical"},
        {45, 0, "Alessandro Florenzi", "Giovanni Di Lorenzo", "Tactical"},
        {63, 55, "Ozan Tufan", "Kaan Ayhan", "Tactical"},
        {64, 11, "Okay Yokuşlu", "İrfan Can Kahveci", "Tactical"},
        {73, 10, "Manuel Locatelli", "Bryan Cristante", "Tactical"},
        {75, 54, "Kenan Karaman", "İbrahim Halil Dervişoğlu", "Tactical"},
        {80, 3, "Lorenzo Insigne", "Federico Chiesa", "Tactical"},
        {80, 24, "Ciro Immobile", "Andrea Belotti", "Tactical"},
        {84, 34, "Domenico Berardi", "Federico Bernardeschi", "Injury"},
    };
    size_t k = 0, cards = 0, xis = 0;
    for (size_t i = 0; i < m.n; i++) {
        const struct tl_sb_event *e = &m.ev[i];
        if (e->type == TL_SB_SUBSTITUTION) {
            assert_true(k < 9);
            assert_int_equal(e->minute, want[k].min);
            assert_int_equal(e->second, want[k].sec);
            assert_string_equal(tl_sb_name(&m, TL_SBK_PLAYER, e->player), want[k].off);
            assert_string_equal(tl_sb_name(&m, TL_SBK_PLAYER, e->other), want[k].on);
            assert_string_equal(tl_sb_name(&m, TL_SBK_OUTCOME, e->outcome), want[k].why);
            k++;
        }
        if (e->card) {
            /* two yellows: Söyüncü 87', Dervişoğlu 89' (minute elapsed) */
            assert_string_equal(tl_sb_name(&m, TL_SBK_CARD, e->card), "Yellow Card");
            assert_int_equal(e->minute, cards == 0 ? 87 : 89);
            cards++;
        }
        if (e->type == TL_SB_STARTING_XI) {
            assert_int_equal(e->nlineup, 11);
            const struct tl_sb_lineup_entry *l = &m.lineups[e->lineup];
            if (xis == 0) {
                assert_int_equal(e->formation, 4141);
                assert_string_equal(tl_sb_name(&m, TL_SBK_PLAYER, l->player), "Uğurcan Çakır");
                assert_string_equal(tl_sb_name(&m, TL_SBK_POSITION, l->position), "Goalkeeper");
                assert_int_equal(l->jersey, 23);
            } else {
                assert_int_equal(e->formation, 433);
                assert_string_equal(tl_sb_name(&m, TL_SBK_PLAYER, l->player), "Gianluigi Donnarumma");
                assert_int_equal(l->jersey, 21);
            }
            xis++;
        }
    }
    assert_int_equal(k, 9);
    assert_int_equal(cards, 2);
    assert_int_equal(xis, 2);
}

/* Each malformed file fails at this line and column with this message, and
 * what was read before it is kept (m.n). */
static void test_errors(void **state)
{
    (void)state;
#define EV(extra) "{\"id\":\"a\",\"index\":1,\"period\":1,\"timestamp\":\"00:00:01.500\"," \
                  "\"minute\":0,\"second\":1,\"type\":{\"id\":30,\"name\":\"Pass\"}" extra "}"
    static const struct {
        const char *in;
        long line, col;
        const char *msg;
    } cases[] = {
        {"{}", 1, 1, "expected an array of events, found an object at $"},
        {"[1]", 1, 2, "expected an event object, found a number at $[0]"},
        {"[" EV("") ",\n" EV(",\"type\":{\"id\":99,\"name\":\"Zap\"}") "]", 2, 119,
         "expected a StatsBomb event type, found type id 99 at $[1]"},
        {"[{\"id\":\"a\",\"index\":1}]", 1, 2, "expected \"period\" in the event at $[0]"},
        {"[" EV(",\"minute\":\"ten\"") "]", 1, 122, "expected a number, found a string at $[0].minute"},
        {"[" EV(",\"location\":[1,2,3,4]") "]", 1, 131, "expected at most 3 coordinates"},
        {"[" EV(",\"location\":{}") "]", 1, 124, "expected an array of coordinates"},
        {"[" EV(",\"shot\":{\"statsbomb_xg\":true}") "]", 1, 136,
         "expected a number, found true at $[0].shot.statsbomb_xg"},
        {"[" EV(",\"team\":{\"name\":\"Italy\"}") "]", 1, 120, "expected an \"id\" in this object at $[0].team"},
        {"[" EV(",\"index\":1.5") "]", 1, 121, "expected a whole number"},
        {"[" EV(",\"period\":6") "]", 1, 122, "expected a period from 1 to 5"},
        {"[" EV(",\"timestamp\":\"1:2:3\"") "]", 1, 125, "expected a timestamp HH:MM:SS.mmm"},
        {"[" EV(",\"under_pressure\":1") "]", 1, 130, "expected true or false"},
        {"[" EV(",\"tactics\":{\"lineup\":[1]}") "]", 1, 134, "expected a player of the lineup"},
        {"[" EV("") "", 1, 113, "expected ',' or ']' at $[0]"}, /* truncated */
        {"[" EV("") "] x", 1, 115, "nothing after the top-level value"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct tl_sb_match x;
        struct tl_error e;
        tl_sb_init(&x);
        tl_rc rc = tl_sb_read_events(&x, cases[i].in, strlen(cases[i].in), "ev.json", &e);
        if (rc != TL_EPARSE || e.line != cases[i].line || e.col != cases[i].col ||
            !strstr(e.msg, cases[i].msg))
            fprintf(stderr, "case %zu: rc %d %ld:%ld %s\n", i, rc, e.line, e.col, e.msg);
        assert_int_equal(rc, TL_EPARSE);
        assert_string_equal(e.file, "ev.json");
        assert_int_equal(e.line, cases[i].line);
        assert_int_equal(e.col, cases[i].col);
        assert_non_null(strstr(e.msg, cases[i].msg));
        tl_sb_free(&x);
    }
    /* a good one: the timestamp in ms, unknown members skipped */
    struct tl_sb_match x;
    struct tl_error e;
    const char *good = "[" EV(",\"pass\":{\"length\":12.5,\"recipient\":{\"id\":7,\"name\":\"A \\u00c9\"},"
                              "\"new_thing\":[{\"a\":[]}]},\"related_events\":[\"b\"]") "]";
    tl_sb_init(&x);
    assert_int_equal(tl_sb_read_events(&x, good, strlen(good), "ev.json", &e), TL_OK);
    assert_int_equal(x.n, 1);
    assert_int_equal(x.ev[0].ms, 1500);
    assert_true(x.ev[0].length == 12.5f);
    assert_string_equal(tl_sb_name(&x, TL_SBK_PLAYER, 7), "A \xC3\x89");
    assert_string_equal(tl_sb_name(&x, TL_SBK_PLAYER, 8), "");
    tl_sb_free(&x);
#undef EV
}

static int read_matches(const char *rel, struct tl_sb_fixtures *f)
{
    char path[512], *b;
    size_t len;
    struct tl_error e;
    snprintf(path, sizeof path, "%s/statsbomb/%s", test_data_dir(), rel);
    if (tl_read_file(path, (size_t)16 << 20, &b, &len, &e)) return -1;
    tl_rc rc = tl_sb_read_matches(f, b, len, path, &e);
    if (rc) fprintf(stderr, "%s:%ld:%ld: %s\n", e.file, e.line, e.col, e.msg);
    tl_free(b);
    return rc ? -2 : 0;
}

static const struct tl_sb_fixture *fixture(const struct tl_sb_fixtures *f, int32_t id)
{
    for (size_t i = 0; i < f->n; i++)
        if (f->v[i].match_id == id) return &f->v[i];
    return NULL;
}

/* the matches files: the 2022 World Cup (64) and Euro 2020 (51), golden
 * rows checked with jq */
static void test_matches_files(void **state)
{
    (void)state;
    struct tl_sb_fixtures wc = {0}, euro = {0};
    int rc = read_matches("matches/43/106.json", &wc);
    if (rc == -1) skip();
    assert_int_equal(rc, 0);
    assert_int_equal(read_matches("matches/55/43.json", &euro), 0);
    assert_int_equal(wc.n, 64);
    assert_int_equal(euro.n, 51);
    const struct tl_sb_fixture *fin = fixture(&wc, 3869685);
    assert_non_null(fin);
    assert_string_equal(fin->date, "2022-12-18");
    assert_string_equal(fin->kick_off, "17:00:00.000");
    assert_string_equal(fin->home, "Argentina");
    assert_string_equal(fin->away, "France");
    assert_int_equal(fin->home_score, 3); /* after extra time; the shootout is in the events */
    assert_int_equal(fin->away_score, 3);
    assert_string_equal(fin->stage, "Final");
    assert_string_equal(fin->stadium, "Lusail Stadium");
    assert_string_equal(fin->referee, "Szymon Marciniak");
    assert_string_equal(fin->competition, "FIFA World Cup");
    assert_string_equal(fin->season, "2022");
    assert_int_equal(fin->competition_id, 43);
    assert_int_equal(fin->season_id, 106);
    const struct tl_sb_fixture *semi = fixture(&wc, 3869519);
    assert_non_null(semi);
    assert_string_equal(semi->away, "Croatia");
    assert_int_equal(semi->home_score, 3);
    assert_int_equal(semi->away_score, 0);
    const struct tl_sb_fixture *op = fixture(&euro, 3788741);
    assert_non_null(op);
    assert_string_equal(op->date, "2021-06-11");
    assert_string_equal(op->home, "Turkey");
    assert_string_equal(op->away, "Italy");
    assert_int_equal(op->away_score, 3);
    assert_string_equal(op->stadium, "Stadio Olimpico"); /* the file has trailing spaces */
    assert_string_equal(op->stage, "Group Stage");
    /* the event file agrees with its match: Italy's team id is the away side's */
    if (buf) {
        int italy = team_id("Italy");
        assert_int_equal(op->away_id, italy);
    }
    tl_sb_fixtures_free(&wc);
    tl_sb_fixtures_free(&euro);

    static const struct {
        const char *in;
        long col;
        const char *msg;
    } bad[] = {
        {"[{\"match_id\":1}]", 2, "expected a match with match_id, match_date, home_team and away_team at $[0]"},
        {"[{\"match_date\":\"2022-02-30\"}]", 16, "expected a date YYYY-MM-DD, found a string at $[0].match_date"},
        {"[{\"home_score\":-1}]", 16, "expected a score from 0 to 99"},
        {"[{\"home_team\":{\"home_team_name\":\"" "0123456789012345678901234567890123456789012345678901234567890123" "\"}}]",
         33, "expected a string of at most 63 bytes"},
        {"[{\"referee\":7}]", 13, "expected an object, found a number at $[0].referee"},
        {"{}", 1, "expected an array of matches"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        struct tl_sb_fixtures f = {0};
        struct tl_error e;
        tl_rc r2 = tl_sb_read_matches(&f, bad[i].in, strlen(bad[i].in), "m.json", &e);
        if (r2 != TL_EPARSE || e.col != bad[i].col || !strstr(e.msg, bad[i].msg))
            fprintf(stderr, "bad %zu: rc %d %ld:%ld %s\n", i, r2, e.line, e.col, e.msg);
        assert_int_equal(r2, TL_EPARSE);
        assert_int_equal(e.line, 1);
        assert_int_equal(e.col, bad[i].col);
        assert_non_null(strstr(e.msg, bad[i].msg));
        tl_sb_fixtures_free(&f);
    }
}

static const struct tl_sb_player *player(const struct tl_sb_lineups *l, const char *name)
{
    for (size_t i = 0; i < l->nplayers; i++)
        if (strcmp(l->players[i].name, name) == 0) return &l->players[i];
    return NULL;
}

/* the lineups of the 2022 final and the Euro 2020 opener (jq on the files) */
static void test_lineups_files(void **state)
{
    (void)state;
    char path[512], *b;
    size_t len;
    struct tl_error e;
    struct tl_sb_lineups l = {0};
    snprintf(path, sizeof path, "%s/statsbomb/lineups/3869685.json", test_data_dir());
    if (tl_read_file(path, (size_t)16 << 20, &b, &len, &e)) skip();
    assert_int_equal(tl_sb_read_lineups(&l, b, len, path, &e), TL_OK);
    tl_free(b);
    assert_int_equal(l.nteams, 2);
    assert_string_equal(l.teams[0].team, "France");
    assert_int_equal(l.teams[0].nplayers, 24);
    assert_string_equal(l.teams[1].team, "Argentina");
    assert_int_equal(l.teams[1].nplayers, 26);
    static const struct { int team, starters, unused, cards; } want[] = {{0, 11, 6, 3}, {1, 11, 9, 5}};
    for (int t = 0; t < 2; t++) {
        int starters = 0, unused = 0, cards = 0;
        const struct tl_sb_team_sheet *ts = &l.teams[want[t].team];
        for (uint32_t i = ts->player; i < ts->player + ts->nplayers; i++) {
            const struct tl_sb_player *p = &l.players[i];
            if (!p->nspells) unused++;
            else if (strcmp(l.spells[p->spell].start_reason, "Starting XI") == 0) starters++;
            cards += (int)p->ncards;
        }
        assert_int_equal(starters, want[t].starters);
        assert_int_equal(unused, want[t].unused);
        assert_int_equal(cards, want[t].cards);
    }
    const struct tl_sb_player *messi = player(&l, "Lionel Andrés Messi Cuccittini");
    assert_non_null(messi);
    assert_string_equal(messi->nickname, "Lionel Messi");
    assert_int_equal(messi->jersey, 10);
    assert_string_equal(messi->country, "Argentina");
    assert_string_equal(l.spells[messi->spell].position, "Right Wing");
    assert_string_equal(l.spells[messi->spell + messi->nspells - 1].end_reason, "Final Whistle");
    assert_int_equal(l.spells[messi->spell + messi->nspells - 1].to, -1);
    const struct tl_sb_player *dimaria = player(&l, "Ángel Fabián Di María Hernández");
    assert_non_null(dimaria);
    assert_int_equal(dimaria->nspells, 1);
    const struct tl_sb_spell *sp = &l.spells[dimaria->spell];
    assert_int_equal(sp->from, 0);
    assert_int_equal(sp->to, 63 * 60 + 51); /* off in the 64th minute */
    assert_int_equal(sp->from_period, 1);
    assert_int_equal(sp->to_period, 2);
    assert_string_equal(sp->end_reason, "Substitution - Off (Tactical)");
    const struct tl_sb_player *thuram = player(&l, "Marcus Thuram");
    assert_non_null(thuram);
    assert_int_equal(thuram->nspells, 5);
    assert_int_equal(thuram->ncards, 1);
    const struct tl_sb_card *c = &l.cards[thuram->card];
    assert_int_equal(c->time, 86 * 60 + 24);
    assert_int_equal(c->period, 2);
    assert_string_equal(c->type, "Yellow Card");
    assert_string_equal(c->reason, "Foul Committed");
    tl_sb_lineups_free(&l);

    static const struct {
        const char *in;
        long col;
        const char *msg;
    } bad[] = {
        {"[{\"team_id\":1}]", 2, "expected a team with team_id and team_name at $[0]"},
        {"[{\"lineup\":[{\"positions\":[{\"from\":\"6:61\"}]}]}]", 35,
         "expected a match time MM:SS, found a string at $[0].lineup[0].positions[0].from"},
        {"[{\"lineup\":[{\"cards\":[{\"period\":6}]}]}]", 33, "expected a period from 1 to 5"},
        {"[{\"lineup\":{}}]", 12, "expected an array of players, found an object"},
        {"[{\"lineup\":[{\"player_id\":\"x\"}]}]", 26, "expected a number, found a string"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        struct tl_sb_lineups x = {0};
        tl_rc r2 = tl_sb_read_lineups(&x, bad[i].in, strlen(bad[i].in), "l.json", &e);
        if (r2 != TL_EPARSE || e.col != bad[i].col || !strstr(e.msg, bad[i].msg))
            fprintf(stderr, "bad %zu: rc %d %ld:%ld %s\n", i, r2, e.line, e.col, e.msg);
        assert_int_equal(r2, TL_EPARSE);
        assert_int_equal(e.col, bad[i].col);
        assert_non_null(strstr(e.msg, bad[i].msg));
        tl_sb_lineups_free(&x);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_type_counts),
        cmocka_unit_test(test_score_and_goals),
        cmocka_unit_test(test_substitutions_cards_lineups),
        cmocka_unit_test(test_errors),
        cmocka_unit_test(test_matches_files),
        cmocka_unit_test(test_lineups_files),
    };
    return cmocka_run_group_tests(tests, load_real, free_real);
}
