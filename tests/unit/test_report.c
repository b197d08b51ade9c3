/* tests/unit/test_report.c: the report writer on hand-made facts: the plan
 * (goals in order, their wording from the score before and after), epithets
 * told once, variety by seed, and no sentence without its facts. */
#include "test.h"

#include "touchline/report.h"

static struct tl_fact *fact(struct tl_fact_list *l, enum tl_fact_kind k, const char *team,
                            const char *opp)
{
    struct tl_fact *f = tl_fact_add(l, k);
    assert_non_null(f);
    snprintf(f->ref, sizeof f->ref, "%s %zu", tl_fact_kind_name(k), l->n);
    f->team = team ? tl_strdup(team) : NULL;
    f->opponent = opp ? tl_strdup(opp) : NULL;
    return f;
}

static struct tl_fact *goal(struct tl_fact_list *l, int side, const char *player, int minute,
                            int h, int a)
{
    struct tl_fact *f = fact(l, TL_F_GOAL, side ? "Borduria" : "Atlantis", NULL);
    f->side = side;
    f->player = tl_strdup(player);
    f->minute = minute;
    f->score[0] = h;
    f->score[1] = a;
    return f;
}

static void build(struct tl_fact_list *l)
{
    memset(l, 0, sizeof *l);
    l->status = TL_STATUS_FINISHED;
    struct tl_fact *r = fact(l, TL_F_RESULT, "Atlantis", "Borduria");
    r->score[0] = 2;
    r->score[1] = 1;
    r->competition = tl_strdup("Test Cup");
    r->stage = tl_strdup("Semi-finals");
    r->city = tl_strdup("Atlantis City");
    snprintf(r->date, sizeof r->date, "2030-07-10");
    /* given out of order: the plan sorts them by minute */
    goal(l, 0, "Ann", 70, 2, 1);
    goal(l, 1, "Bob", 10, 0, 1);
    goal(l, 0, "Cy", 40, 1, 1)->penalty = 1;
    struct tl_fact *h = fact(l, TL_F_HOLDERS, "Borduria", NULL);
    h->year = 2026;
    struct tl_fact *o = fact(l, TL_F_OUT, "Borduria", "Atlantis");
    o->side = 1;
    o->position = 4; /* semi-final */
    o->competition = tl_strdup("Test Cup");
}

static const struct tl_sentence *with(const struct tl_report *r, const char *text)
{
    for (size_t i = 0; i < r->n; i++)
        if (strstr(r->v[i].text, text)) return &r->v[i];
    fprintf(stderr, "no sentence with \"%s\":\n", text);
    for (size_t i = 0; i < r->n; i++) fprintf(stderr, "  %s\n", r->v[i].text);
    fail();
    return NULL;
}

static void plan_and_words(void **state)
{
    (void)state;
    struct tl_fact_list l;
    build(&l);
    struct tl_report r;
    assert_int_equal(tl_report_write(&l, tl_phrasebook("en"), 1, &r), TL_OK);
    assert_non_null(r.headline.text);
    /* order: Bob 10', Cy 40' (a penalty to level), Ann 70' */
    const struct tl_sentence *a = with(&r, "Bob"), *b = with(&r, "Cy"), *c = with(&r, "Ann");
    assert_true(a < b && b < c);
    assert_non_null(strstr(a->text, "10th minute"));
    assert_true(strstr(b->text, "penalty") || strstr(b->text, "spot"));
    assert_non_null(strstr(b->text, "1-1"));
    assert_non_null(strstr(c->text, "2-1"));
    /* the holders are named so once, on the first mention */
    int holders = 0;
    for (size_t i = 0; i < r.n; i++) holders += strstr(r.v[i].text, "holders") != NULL;
    assert_int_equal(holders, 1);
    /* every sentence rests on facts, and its facts are real indexes */
    for (size_t i = 0; i < r.n; i++) {
        assert_true(r.v[i].nfacts > 0);
        for (int k = 0; k < r.v[i].nfacts; k++) assert_true(r.v[i].fact[k] < (int)l.n);
        assert_true(r.v[i].text[0] >= 'A' && r.v[i].text[0] <= 'Z');
    }
    /* going out, in either wording */
    int out = 0;
    for (size_t i = 0; i < r.n; i++)
        out += strstr(r.v[i].text, "Borduria are out of the Test Cup") ||
               strstr(r.v[i].text, "That ends Borduria's Test Cup");
    assert_int_equal(out, 1);
    tl_report_free(&r);
    tl_fact_list_free(&l);
}

static void seeds(void **state)
{
    (void)state;
    struct tl_fact_list l;
    build(&l);
    struct tl_report a, b;
    int differ = 0;
    assert_int_equal(tl_report_write(&l, tl_phrasebook("en"), 5, &a), TL_OK);
    assert_int_equal(tl_report_write(&l, tl_phrasebook("en"), 5, &b), TL_OK);
    assert_int_equal(a.n, b.n);
    for (size_t i = 0; i < a.n; i++) assert_string_equal(a.v[i].text, b.v[i].text);
    tl_report_free(&b);
    for (uint64_t s = 1; s < 20 && !differ; s++) {
        assert_int_equal(tl_report_write(&l, tl_phrasebook("en"), s, &b), TL_OK);
        for (size_t i = 0; i < a.n && i < b.n; i++) differ |= strcmp(a.v[i].text, b.v[i].text) != 0;
        tl_report_free(&b);
    }
    assert_true(differ);
    tl_report_free(&a);
    tl_fact_list_free(&l);
}

/* nothing played, nothing to report; an unknown language has no phrasebook */
static void errors(void **state)
{
    (void)state;
    struct tl_fact_list l = {0};
    struct tl_report r;
    struct tl_fact *f = fact(&l, TL_F_RESULT, "Atlantis", "Borduria");
    f->score[0] = f->score[1] = TL_NONE;
    assert_int_equal(tl_report_write(&l, tl_phrasebook("en"), 1, &r), TL_EUSAGE);
    assert_null(tl_phrasebook("xx"));
    tl_fact_list_free(&l);
    /* a goal without a scorer's name is not told */
    build(&l);
    goal(&l, 0, "", 80, 3, 1);
    free(l.v[l.n - 1].player);
    l.v[l.n - 1].player = NULL;
    assert_int_equal(tl_report_write(&l, tl_phrasebook("en"), 1, &r), TL_OK);
    for (size_t i = 0; i < r.n; i++) assert_null(strstr(r.v[i].text, "80th"));
    tl_report_free(&r);
    tl_fact_list_free(&l);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(plan_and_words),
        cmocka_unit_test(seeds),
        cmocka_unit_test(errors),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
