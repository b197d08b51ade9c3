/* tests/unit/test_milestones.c: the milestones engine on small hand-made
 * histories: Nth goals, joining and passing a record (also from a
 * baseline), hat-tricks, scoring runs, first wins, stage firsts, and the
 * coverage each goal count states. */
#include "test.h"

#include "touchline/engine.h"

struct hist {
    struct tl_ms_match_list m;
    struct tl_ms_goal_list g;
    struct tl_baseline_list b;
    struct tl_milestone_list out;
};

/* team ids: 1 Atlantis, 2 Borduria, 3 Carpania (Morocco-like: African) */
static const char *const names[] = {"", "Atlantis", "Borduria", "Morocco"};

static size_t match(struct hist *h, const char *date, int a, int x, int y, int b, int listed)
{
    if (h->m.n == h->m.alloc) {
        h->m.alloc = h->m.alloc ? h->m.alloc * 2 : 16;
        h->m.v = tl_realloc(h->m.v, h->m.alloc * sizeof *h->m.v);
    }
    struct tl_ms_match *m = &h->m.v[h->m.n];
    memset(m, 0, sizeof *m);
    m->id = (int64_t)h->m.n + 100;
    snprintf(m->date, sizeof m->date, "%s", date);
    m->team[0] = a;
    m->team[1] = b;
    m->name[0] = tl_strdup(names[a]);
    m->name[1] = tl_strdup(names[b]);
    m->score[0] = x;
    m->score[1] = y;
    m->listed[0] = listed ? x : 0;
    m->listed[1] = listed ? y : 0;
    m->competition = tl_strdup("Friendly");
    m->competition_id = 1;
    return h->m.n++;
}

static void goal(struct hist *h, size_t m, int team, int player, const char *name, int minute)
{
    if (h->g.n == h->g.alloc) {
        h->g.alloc = h->g.alloc ? h->g.alloc * 2 : 32;
        h->g.v = tl_realloc(h->g.v, h->g.alloc * sizeof *h->g.v);
    }
    struct tl_ms_goal *g = &h->g.v[h->g.n];
    memset(g, 0, sizeof *g);
    g->event_id = (int64_t)h->g.n + 1000;
    g->match = m;
    g->player_id = player;
    g->team_id = team;
    g->player = tl_strdup(name);
    g->minute = minute;
    g->source = tl_strdup("fixture.csv");
    g->line = (long)h->g.n + 2;
    h->g.n++;
}

static int count(const struct hist *h, enum tl_ms_kind k)
{
    int n = 0;
    for (size_t i = 0; i < h->out.n; i++) n += h->out.v[i].kind == k;
    return n;
}

static const struct tl_milestone *find(const struct hist *h, const char *text)
{
    for (size_t i = 0; i < h->out.n; i++)
        if (strstr(h->out.v[i].text, text)) return &h->out.v[i];
    fprintf(stderr, "no milestone \"%s\"; found:\n", text);
    for (size_t i = 0; i < h->out.n; i++) fprintf(stderr, "  %s\n", h->out.v[i].text);
    fail();
    return NULL;
}

static void hist_free(struct hist *h)
{
    tl_ms_match_list_free(&h->m);
    tl_ms_goal_list_free(&h->g);
    tl_baseline_list_free(&h->b);
    tl_milestone_list_free(&h->out);
}

/* Ann scores 10 for Atlantis over ten matches; Bob then scores 11, one a
 * match, plus a hat-trick in between. */
static void records_and_runs(void **state)
{
    (void)state;
    struct hist h = {0};
    char date[24];
    for (int i = 0; i < 10; i++) {
        snprintf(date, sizeof date, "2000-01-%02d", i + 1);
        goal(&h, match(&h, date, 1, 1, 0, 2, 1), 1, 7, "Ann", 10);
    }
    /* an unlisted match breaks no record but counts in the coverage */
    match(&h, "2000-02-01", 1, 2, 0, 2, 0);
    for (int i = 0; i < 9; i++) {
        snprintf(date, sizeof date, "2000-03-%02d", i + 1);
        size_t m = match(&h, date, 1, i == 4 ? 3 : 1, 0, 2, 1);
        goal(&h, m, 1, 8, "Bob", 20);
        if (i == 4) {
            goal(&h, m, 1, 8, "Bob", 30);
            goal(&h, m, 1, 8, "Bob", 40);
        }
    }
    assert_int_equal(tl_engine_milestones(&h.m, &h.g, &h.b, &h.out), TL_OK);
    const struct tl_milestone *x = find(&h, "Ann scores his 10th goal for Atlantis");
    assert_int_equal(x->value, 10);
    assert_string_equal(x->coverage, "from 10 of 10 Atlantis matches with every scorer listed, up to then");
    assert_string_equal(x->rests_on, "event 1009 (fixture.csv:11)");
    /* Bob: goals 1..5 in matches 1-5 (3 in the fifth: 7), 8, 9, 10, 11 */
    x = find(&h, "Bob joins Ann at the top of Atlantis's all-time scorers with 10");
    assert_int_equal(x->kind, TL_MS_RECORD_EQUALLED);
    assert_string_equal(x->date, "2000-03-08");
    assert_string_equal(x->coverage, "from 18 of 19 Atlantis matches with every scorer listed, up to then");
    x = find(&h, "Bob becomes Atlantis's all-time top scorer on his own with 11, passing Ann");
    assert_string_equal(x->date, "2000-03-09");
    find(&h, "Bob scores a hat-trick for Atlantis against Borduria");
    assert_int_equal(count(&h, TL_MS_HAT_TRICK), 1);
    /* Ann scored in 10 matches running: runs of 5..10 */
    find(&h, "Ann scores in a 10th consecutive match for Atlantis");
    assert_int_equal(count(&h, TL_MS_SCORING_RUN), 6 + 5); /* Ann 5-10, Bob 5-9 */
    /* Borduria never beat Atlantis in 19: no first win */
    assert_int_equal(count(&h, TL_MS_FIRST_WIN), 0);
    hist_free(&h);
}

/* A sourced baseline replaces the count from its day on. */
static void baseline_counts(void **state)
{
    (void)state;
    struct hist h = {0};
    goal(&h, match(&h, "2010-01-01", 1, 1, 0, 2, 1), 1, 7, "Ann", 5);
    h.b.v = tl_calloc(2, sizeof *h.b.v);
    h.b.alloc = 2;
    h.b.v[h.b.n++] = (struct tl_baseline){.player_id = 9, .team_id = 1, .player = tl_strdup("Old"),
                                         .team = tl_strdup("Atlantis"), .goals = 30,
                                         .as_of = "2011-01-01", .source = tl_strdup("a book")};
    h.b.v[h.b.n++] = (struct tl_baseline){.player_id = 7, .team_id = 1, .player = tl_strdup("Ann"),
                                         .team = tl_strdup("Atlantis"), .goals = 29,
                                         .as_of = "2012-01-01", .source = tl_strdup("the FA")};
    goal(&h, match(&h, "2012-06-01", 1, 1, 0, 2, 1), 1, 7, "Ann", 5);
    goal(&h, match(&h, "2012-07-01", 1, 1, 0, 2, 1), 1, 7, "Ann", 5);
    assert_int_equal(tl_engine_milestones(&h.m, &h.g, &h.b, &h.out), TL_OK);
    const struct tl_milestone *x = find(&h, "Ann joins Old at the top of Atlantis's all-time scorers with 30 (counting from a baseline of 29 as of 2012-01-01, source: the FA)");
    assert_string_equal(x->date, "2012-06-01");
    find(&h, "Ann scores his 30th goal for Atlantis (counting from a baseline");
    find(&h, "Ann becomes Atlantis's all-time top scorer on his own with 31, passing Old");
    hist_free(&h);
}

/* A first win after three meetings without one; a knockout win that takes
 * a team, and its confederation, further than ever. */
static void firsts(void **state)
{
    (void)state;
    struct hist h = {0};
    match(&h, "2000-01-01", 1, 1, 0, 3, 1);
    match(&h, "2001-01-01", 3, 0, 0, 1, 1);
    match(&h, "2002-01-01", 1, 2, 2, 3, 1);
    size_t w = match(&h, "2003-01-01", 3, 2, 1, 1, 1);
    (void)w;
    size_t qf = match(&h, "2022-12-10", 3, 1, 0, 1, 1);
    struct tl_ms_match *m = &h.m.v[qf];
    tl_free(m->competition);
    m->competition = tl_strdup("FIFA World Cup");
    m->competition_id = 2;
    m->edition_id = 5;
    m->stage = tl_strdup("Quarter-finals");
    assert_int_equal(tl_engine_milestones(&h.m, &h.g, &h.b, &h.out), TL_OK);
    const struct tl_milestone *x = find(&h, "Morocco beat Atlantis 2-1 for the first time, at the 4th meeting");
    assert_string_equal(x->date, "2003-01-01");
    assert_string_equal(x->coverage, "from the 3 earlier meetings in the data");
    x = find(&h, "Morocco are the first African side to reach a FIFA World Cup semi-final (CAF)");
    assert_string_equal(x->date, "2022-12-10");
    assert_string_equal(x->coverage, "from the 1 edition of the FIFA World Cup in the data, up to then");
    find(&h, "Morocco reach a FIFA World Cup semi-final for the first time");
    /* the second quarter-final win of the same side is no first */
    assert_int_equal(count(&h, TL_MS_CONFED_FIRST_STAGE), 1);
    hist_free(&h);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(records_and_runs),
        cmocka_unit_test(baseline_counts),
        cmocka_unit_test(firsts),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
