/* The tournament engine: rule sets, tie-breakers on small hand-made groups,
 * and every World Cup 1930-2022 of the real data: the computed group tables
 * agree with who actually went through. */
#include "test.h"

#include "touchline/engine.h"
#include "touchline/load.h"

/* ---- hand-made groups ---- */

struct fx {
    struct tl_edition e;
    char names[TL_MAX_GROUP_TEAMS][32];
};

/* A one-group edition of teams A, B, C, ... and results "A 1-0 B". */
static void fx_init(struct fx *f, int nteams)
{
    memset(f, 0, sizeof *f);
    f->e.competition = tl_strdup("Test Cup");
    f->e.edition = tl_strdup("2030");
    f->e.year = 2030;
    f->e.g = tl_calloc(1, sizeof *f->e.g);
    f->e.ng = f->e.ag = 1;
    f->e.g[0].name = tl_strdup("Group A");
    f->e.g[0].round = 1;
    f->e.g[0].nteams = nteams;
    for (int i = 0; i < nteams; i++) {
        snprintf(f->names[i], sizeof f->names[i], "%c", 'A' + i);
        f->e.g[0].team[i] = i + 1;
        f->e.g[0].team_name[i] = f->names[i];
    }
}

static void fx_match(struct fx *f, const char *date, int a, int x, int y, int b, int fa, int fb,
                     int playoff)
{
    struct tl_edition *e = &f->e;
    if (e->nm == e->am) {
        e->am = e->am ? e->am * 2 : 16;
        e->m = tl_realloc(e->m, e->am * sizeof *e->m);
    }
    struct tl_tmatch *m = &e->m[e->nm++];
    memset(m, 0, sizeof *m);
    m->id = (int64_t)e->nm;
    snprintf(m->date, sizeof m->date, "%s", date);
    m->team[0] = a + 1;
    m->team[1] = b + 1;
    m->name[0] = tl_strdup(f->names[a]);
    m->name[1] = tl_strdup(f->names[b]);
    m->score[0] = x;
    m->score[1] = y;
    m->so[0] = m->so[1] = TL_NONE;
    m->fair[0] = fa;
    m->fair[1] = fb;
    m->group = playoff ? -1 : 0;
    m->playoff_of = playoff ? 0 : -1;
    m->status = TL_STATUS_FINISHED;
}

static void rules(const char *name, int year, struct tl_rules *r)
{
    const char *n;
    const char *text = tl_rules_builtin(name, year, 1, &n);
    assert_non_null(text);
    struct tl_error e;
    assert_int_equal(tl_rules_parse(text, n, r, &e), TL_OK);
}

static const char *order(const struct tl_standings *t, char *buf)
{
    for (int i = 0; i < t->n; i++) buf[i] = t->row[i].team[0];
    buf[t->n] = '\0';
    return buf;
}

static int said(const struct tl_standings *t, const char *text)
{
    for (int i = 0; i < t->nwhy; i++)
        if (strcmp(t->why[i].text, text) == 0) return 1;
    return 0;
}

/* A, B and C on 6 points: goals separate them under 1998-2014's rules;
 * under 2026's, head-to-head comes first and orders them otherwise. */
static void three_way_head_to_head(void **state)
{
    (void)state;
    struct fx f;
    fx_init(&f, 4);
    fx_match(&f, "2030-06-01", 0, 2, 1, 1, 0, 0, 0); /* A 2-1 B */
    fx_match(&f, "2030-06-01", 2, 1, 0, 3, 0, 0, 0); /* C 1-0 D */
    fx_match(&f, "2030-06-05", 1, 1, 0, 2, 0, 0, 0); /* B 1-0 C */
    fx_match(&f, "2030-06-05", 3, 0, 1, 0, 0, 0, 0); /* D 0-1 A */
    fx_match(&f, "2030-06-09", 2, 2, 0, 0, 0, 0, 0); /* C 2-0 A */
    fx_match(&f, "2030-06-09", 3, 0, 2, 1, 0, 0, 0); /* D 0-2 B */
    /* A 6 pts 3-3, B 6 pts 4-2, C 6 pts 3-1, D 0 */
    struct tl_rules r;
    rules("FIFA World Cup", 2010, &r);
    struct tl_standings t;
    char buf[16];
    assert_int_equal(tl_engine_group_table(&r, &f.e, 0, NULL, &t), TL_OK);
    assert_string_equal(order(&t, buf), "BCAD");
    assert_true(said(&t, "C above A on goal difference, +2 to 0"));
    assert_true(said(&t, "B above C on goals scored, 4 to 3"));
    assert_int_equal(t.row[0].points, 6);
    assert_int_equal(t.row[0].gf, 4);
    /* head-to-head first (2026): 3 points each among the three; goal
     * difference among them C +1, B 0, A -1 */
    rules("FIFA World Cup", 2026, &r);
    assert_int_equal(tl_engine_group_table(&r, &f.e, 0, NULL, &t), TL_OK);
    assert_string_equal(order(&t, buf), "CBAD");
    assert_true(said(&t, "C above B on head-to-head goal difference, +1 to 0"));
    assert_true(said(&t, "B above A on head-to-head goal difference, 0 to -1"));
    tl_edition_free(&f.e);
}

/* Head-to-head applied again to the teams the first pass left level
 * (UEFA, FIFA 2026): all four on 4 points; among all four, A +2 and D -2
 * split off, B and C stay level; B beat C, which decides when the rules
 * look again at their match alone. */
static void head_to_head_again(void **state)
{
    (void)state;
    struct fx f;
    fx_init(&f, 4);
    fx_match(&f, "2030-06-01", 1, 1, 0, 2, 0, 0, 0); /* B 1-0 C */
    fx_match(&f, "2030-06-01", 0, 3, 0, 3, 0, 0, 0); /* A 3-0 D */
    fx_match(&f, "2030-06-05", 2, 1, 0, 0, 0, 0, 0); /* C 1-0 A */
    fx_match(&f, "2030-06-05", 3, 1, 0, 1, 0, 0, 0); /* D 1-0 B */
    fx_match(&f, "2030-06-09", 0, 1, 1, 1, 0, 0, 0); /* A 1-1 B */
    fx_match(&f, "2030-06-09", 2, 1, 1, 3, 0, 0, 0); /* C 1-1 D */
    struct tl_rules r;
    struct tl_standings t;
    struct tl_error e;
    char buf[16];
    rules("UEFA Euro", 2024, &r);
    assert_int_equal(tl_engine_group_table(&r, &f.e, 0, NULL, &t), TL_OK);
    assert_string_equal(order(&t, buf), "ABCD");
    for (int i = 0; i < 4; i++) assert_int_equal(t.row[i].points, 4);
    assert_true(said(&t, "A above B on head-to-head goal difference, +2 to 0"));
    assert_true(said(&t, "C above D on head-to-head goal difference, 0 to -2"));
    assert_true(said(&t, "B above C on head-to-head points, 3 to 0"));
    assert_int_equal(t.row[2].level, 0);
    /* the same rules without h2h_again: B and C stay level (same goals) */
    assert_int_equal(tl_rules_parse("order = points h2h_points h2h_goal_difference h2h_goals_for "
                                    "goal_difference goals_for lots\n",
                                    "no-again", &r, &e),
                     TL_OK);
    assert_int_equal(tl_engine_group_table(&r, &f.e, 0, NULL, &t), TL_OK);
    assert_int_equal(t.row[2].level, 1);
    assert_non_null(strstr(t.note, "B and C are level after every rule"));
    tl_edition_free(&f.e);
}

/* A and B level on points, goal difference, goals and their own match:
 * fair play points decide (the 2018 rule; Japan and Senegal). */
static void fair_play_decides(void **state)
{
    (void)state;
    struct fx f;
    fx_init(&f, 4);
    fx_match(&f, "2030-06-01", 0, 1, 1, 1, -2, -1, 0); /* A 1-1 B */
    fx_match(&f, "2030-06-01", 2, 2, 0, 3, 0, 0, 0);   /* C 2-0 D */
    fx_match(&f, "2030-06-05", 0, 1, 0, 2, -1, -1, 0); /* A 1-0 C */
    fx_match(&f, "2030-06-05", 1, 2, 1, 3, -2, 0, 0);  /* B 2-1 D */
    fx_match(&f, "2030-06-09", 3, 2, 1, 0, 0, -1, 0);  /* D 2-1 A */
    fx_match(&f, "2030-06-09", 2, 1, 0, 1, 0, -3, 0);  /* C 1-0 B */
    struct tl_rules r;
    rules("FIFA World Cup", 2018, &r);
    struct tl_standings t;
    char buf[16];
    assert_int_equal(tl_engine_group_table(&r, &f.e, 0, NULL, &t), TL_OK);
    assert_string_equal(order(&t, buf), "CABD");
    assert_true(said(&t, "A above B on fair play points, -4 to -6"));
    assert_int_equal(t.row[1].fair_play, -4);
    assert_int_equal(t.row[2].fair_play, -6);
    /* before 2018 the same tie was drawn by lots */
    rules("FIFA World Cup", 2014, &r);
    assert_int_equal(tl_engine_group_table(&r, &f.e, 0, NULL, &t), TL_OK);
    assert_int_equal(t.row[2].level, 1);
    tl_edition_free(&f.e);
}

/* Goal average (1962, 1966), a play-off (1954, 1958), lots, and as-of. */
static void older_rules(void **state)
{
    (void)state;
    struct fx f;
    fx_init(&f, 3);
    fx_match(&f, "1958-06-01", 0, 4, 1, 1, 0, 0, 0); /* A 4-1 B */
    fx_match(&f, "1958-06-05", 1, 1, 0, 2, 0, 0, 0); /* B 1-0 C */
    fx_match(&f, "1958-06-09", 2, 1, 0, 0, 0, 0, 0); /* C 1-0 A */
    /* 2 points each; goals A 4-2 (2.0), B 2-4 (0.5), C 1-1 (1.0) */
    struct tl_rules r;
    rules("FIFA World Cup", 1962, &r);
    struct tl_standings t;
    char buf[16];
    assert_int_equal(tl_engine_group_table(&r, &f.e, 0, NULL, &t), TL_OK);
    assert_string_equal(order(&t, buf), "ACB");
    assert_true(said(&t, "A above C on goal average, 2.000 to 1.000"));
    assert_true(said(&t, "C above B on goal average, 1.000 to 0.500"));
    /* 1954: C beats both, A and B draw: level for second place; their
     * play-off decides */
    f.e.m[0].score[0] = 1;                           /* A 1-1 B */
    f.e.m[1].team[0] = 3, f.e.m[1].score[0] = 0;     /* C 1-0 B (teams swapped below) */
    free(f.e.m[1].name[0]);
    f.e.m[1].name[0] = tl_strdup("C");
    f.e.m[1].team[1] = 2;
    free(f.e.m[1].name[1]);
    f.e.m[1].name[1] = tl_strdup("B");
    f.e.m[1].score[0] = 1, f.e.m[1].score[1] = 0;
    fx_match(&f, "1958-06-12", 0, 2, 3, 1, 0, 0, 1); /* play-off: A 2-3 B */
    rules("FIFA World Cup", 1954, &r);
    assert_int_equal(tl_engine_group_table(&r, &f.e, 0, NULL, &t), TL_OK);
    assert_string_equal(order(&t, buf), "CBA");
    assert_true(said(&t, "B above A by winning the play-off, 3-2 on 1958-06-12"));
    assert_int_equal(t.row[1].through, 1);
    assert_int_equal(t.row[2].through, 0);
    /* without the play-off in the data: level (lots), and neither is marked through */
    f.e.m[3].score[0] = f.e.m[3].score[1] = TL_NONE;
    assert_int_equal(tl_engine_group_table(&r, &f.e, 0, NULL, &t), TL_OK);
    assert_int_equal(t.row[2].level, 1);
    assert_int_equal(t.row[1].through, 0);
    assert_non_null(strstr(t.note, "A and B are level"));
    /* as of the first matchday only one match counts */
    assert_int_equal(tl_engine_group_table(&r, &f.e, 0, "1958-06-01", &t), TL_OK);
    assert_int_equal(t.unplayed, 2);
    assert_int_equal(t.row[0].played + t.row[1].played + t.row[2].played, 2);
    tl_edition_free(&f.e);
}

/* Shootouts kick by kick: "1" scored, "0" missed, teams alternating from
 * the first character (team 0). */
static void kicks_of(const char *seq, struct tl_kick *k, int *n)
{
    *n = 0;
    for (const char *p = seq; *p; p++) {
        if (*p == ' ') continue;
        k[*n] = (struct tl_kick){*n % 2, *p == '1'};
        (*n)++;
    }
}

static void shootouts(void **state)
{
    (void)state;
    const char *names[2] = {"West Germany", "France"};
    struct tl_kick k[32];
    int n;
    struct tl_shootout_check sc;
    /* 5-4 after sudden death (the 1982 semi-final's shape; team 0 kicks first) */
    kicks_of("11 11 11 01 10 01", k, &n); /* pairs: (first, second) */
    tl_engine_shootout(k, n, names, &sc);
    assert_true(sc.ok);
    assert_int_equal(sc.score[0], 4);
    assert_int_equal(sc.score[1], 5);
    assert_int_equal(sc.winner, 1);
    assert_int_equal(sc.decided_at, 12);
    /* best of five, decided early: 3-0 after three each */
    kicks_of("10 10 10", k, &n);
    tl_engine_shootout(k, n, names, &sc);
    assert_true(sc.ok);
    assert_int_equal(sc.decided_at, 6);
    assert_int_equal(sc.winner, 0);
    /* decided even before the second team's third kick: 3-0 with two left each
     * is not decided; 3-0 after the first team's fourth... */
    kicks_of("10 10 1", k, &n); /* 3-0 after 5 kicks: the second team has 3 left: 0+3 = 3, not < 3 */
    tl_engine_shootout(k, n, names, &sc);
    assert_false(sc.ok);
    assert_non_null(strstr(sc.why, "the 5 kicks leave it undecided at 3-0"));
    /* a kick after the end */
    kicks_of("10 10 10 1", k, &n);
    tl_engine_shootout(k, n, names, &sc);
    assert_false(sc.ok);
    assert_int_equal(sc.bad_kick, 7);
    assert_string_equal(sc.why, "kick 7 by West Germany was taken after the shootout was decided at kick 6");
    /* the same team twice */
    kicks_of("11 1", k, &n);
    k[2].team = 1;
    tl_engine_shootout(k, n, names, &sc);
    assert_false(sc.ok);
    assert_string_equal(sc.why, "kick 3: France kick twice in a row");
    /* sudden death is decided only after a pair: 5-5, then 6-5 with the second
     * team still to kick is not over */
    kicks_of("11 11 11 11 11 1", k, &n);
    tl_engine_shootout(k, n, names, &sc);
    assert_false(sc.ok);
    assert_int_equal(sc.decided_at, 0);
    kicks_of("11 11 11 11 11 10", k, &n);
    tl_engine_shootout(k, n, names, &sc);
    assert_true(sc.ok);
    assert_int_equal(sc.winner, 0);
    assert_int_equal(sc.score[0], 6);
}

/* After two of three matchdays: A 6 points, D 4, C 1, B 0; A v D and B v C
 * to play. A is through whatever happens, B out, C needs help. */
static void whatif_clinched(void **state)
{
    (void)state;
    struct fx f;
    fx_init(&f, 4);
    fx_match(&f, "2030-06-01", 0, 1, 0, 1, 0, 0, 0); /* A 1-0 B */
    fx_match(&f, "2030-06-01", 2, 0, 0, 3, 0, 0, 0); /* C 0-0 D */
    fx_match(&f, "2030-06-05", 0, 2, 0, 2, 0, 0, 0); /* A 2-0 C */
    fx_match(&f, "2030-06-05", 1, 0, 1, 3, 0, 0, 0); /* B 0-1 D */
    fx_match(&f, "2030-06-09", 0, 0, 0, 3, 0, 0, 0); /* A v D, to play */
    fx_match(&f, "2030-06-09", 1, 0, 0, 2, 0, 0, 0); /* B v C, to play */
    struct tl_rules r;
    rules("FIFA World Cup", 2010, &r);
    struct tl_whatif w;
    assert_int_equal(tl_engine_whatif(&r, &f.e, 0, "2030-06-05", &w), TL_OK);
    assert_int_equal(w.nrem, 2);
    assert_true(w.clinched[0]);                      /* A: 6 points; at most one can reach 6 */
    assert_string_equal(w.says[0], "through, whatever happens");
    assert_true(w.eliminated[1]); /* B: 0 points, 3 at most; A has 6, D 4 */
    /* C (1 point) can reach D's 4 only if it beats B and D loses to A */
    assert_string_equal(w.says[2], "beat B: out if A and D draw or D beat A, level on points if "
                                   "A beat D; draw with B: out; lose to B: out");
    tl_edition_free(&f.e);
}

static void rule_text(void **state)
{
    (void)state;
    struct tl_rules r;
    struct tl_error e;
    assert_int_equal(tl_rules_parse("# a league\npoints = 2 1 0\norder = points goal_average\n"
                                    "advance = 1\n",
                                    "league.rules", &r, &e),
                     TL_OK);
    assert_int_equal(r.win, 2);
    assert_int_equal(r.norder, 2);
    assert_int_equal(r.order[1], TL_R_GOAL_AVERAGE);
    assert_int_equal(r.advance, 1);
    assert_int_equal(tl_rules_parse("points = 3 1 0\norder = points goal_diff\n", "x.rules", &r, &e),
                     TL_EPARSE);
    assert_string_equal(e.file, "x.rules");
    assert_int_equal(e.line, 2);
    assert_int_equal(e.col, 16);
    assert_non_null(strstr(e.msg, "expected a rule: points, goal_difference"));
    assert_non_null(strstr(e.msg, "found \"goal_diff\""));
    assert_int_equal(tl_rules_parse("points = 3 1\norder = points\n", "x", &r, &e), TL_EPARSE);
    assert_int_equal(e.line, 1);
    assert_non_null(strstr(e.msg, "expected a whole number"));
    assert_int_equal(tl_rules_parse("advance = 2\n", "x", &r, &e), TL_EPARSE);
    assert_non_null(strstr(e.msg, "expected an 'order = ...' line"));
    assert_int_equal(tl_rules_parse("order = points\nbest_thirds = 4\n", "x", &r, &e), TL_EPARSE);
    assert_non_null(strstr(e.msg, "third_order"));
    assert_int_equal(tl_rules_parse("order points\n", "x", &r, &e), TL_EPARSE);
    assert_non_null(strstr(e.msg, "expected '=' after the key"));
    assert_int_equal(tl_rules_parse("colour = red\n", "x", &r, &e), TL_EPARSE);
    assert_int_equal(tl_rules_parse("order = points\nadvance = 2 3\n", "x", &r, &e), TL_EPARSE);
    assert_non_null(strstr(e.msg, "expected the end of the line"));
    /* every built-in rule set parses; the eras' points */
    static const int years[] = {1930, 1950, 1954, 1958, 1962, 1970, 1974, 1986, 1990, 1994,
                                1998, 2018, 2022, 2026};
    for (size_t i = 0; i < sizeof years / sizeof *years; i++) {
        rules("FIFA World Cup", years[i], &r);
        assert_int_equal(r.win, years[i] >= 1994 ? 3 : 2);
    }
    rules("UEFA Euro", 2016, &r);
    assert_int_equal(r.best_thirds, 4);
    rules("FIFA World Cup", 2026, &r);
    assert_int_equal(r.best_thirds, 8);
    assert_int_equal(r.order[1], TL_R_H2H_POINTS);
    assert_null(tl_rules_builtin("FIFA World Cup", 1934, 1, NULL)); /* knockout only */
    assert_null(tl_rules_builtin("Copa América", 2021, 1, NULL));
}

/* The thirds' places: third_vs and third_table, checked whole; UEFA's
 * and FIFA's tables. */
static void third_place_tables(void **state)
{
    (void)state;
    struct tl_rules r;
    struct tl_error e;
    const char *head = "order = points\nbest_thirds = 2\nthird_order = points\n"
                       "third_vs = 1A:BC 1B:AC\n";
    char text[512];
#define TABLE(rows) (snprintf(text, sizeof text, "%sthird_table = %s\n", head, rows), text)
    assert_int_equal(tl_rules_parse(TABLE("AB:BA AC:CA BC:BC"), "x", &r, &e), TL_OK);
    assert_int_equal(r.third_rows, 3);
    assert_int_equal(tl_rules_third_for(&r, 1u << 0 | 1u << 2, "1A"), 'C'); /* A, C */
    assert_int_equal(tl_rules_third_for(&r, 1u << 0 | 1u << 2, "1B"), 'A');
    assert_int_equal(tl_rules_third_for(&r, 1u << 0 | 1u << 2, "1C"), 0); /* no such side */
    assert_int_equal(tl_rules_third_for(&r, 1u << 0, "1A"), 0);           /* one group */
    /* errors, each at its place */
    assert_int_equal(tl_rules_parse(TABLE("AB:BA AC:AC BC:BC"), "x", &r, &e), TL_EPARSE);
    assert_non_null(strstr(e.msg, "expected a group whose third 1A may meet, found \"AC\""));
    assert_int_equal(e.line, 5);
    assert_int_equal(e.col, 24);
    assert_int_equal(tl_rules_parse(TABLE("AB:BA BC:BC AC:CA"), "x", &r, &e), TL_EPARSE);
    assert_non_null(strstr(e.msg, "the rows in alphabetical order, each choice once"));
    assert_int_equal(tl_rules_parse(TABLE("AB:BA AB:BA AC:CA"), "x", &r, &e), TL_EPARSE);
    assert_non_null(strstr(e.msg, "each choice once"));
    assert_int_equal(tl_rules_parse(TABLE("AB:BA AC:CA"), "x", &r, &e), TL_EPARSE);
    assert_non_null(strstr(e.msg, "3 rows (every choice of 2 of the 3 groups), not 2"));
    assert_int_equal(tl_rules_parse(TABLE("AB:BA AC:CC BC:BC"), "x", &r, &e), TL_EPARSE);
    assert_non_null(strstr(e.msg, "a group of the row's choice, each once"));
    assert_int_equal(tl_rules_parse(TABLE("AB:BA AC:CA BC:BCA"), "x", &r, &e), TL_EPARSE);
    assert_non_null(strstr(e.msg, "2 group letters, ':', then 2 (ABCD:ADBC)"));
    assert_int_equal(tl_rules_parse(TABLE("BA:BA AC:CA BC:BC"), "x", &r, &e), TL_EPARSE);
    assert_non_null(strstr(e.msg, "the groups in alphabetical order"));
    assert_int_equal(tl_rules_parse("order = points\nthird_table = AB:BA\n", "x", &r, &e),
                     TL_EPARSE);
    assert_non_null(strstr(e.msg, "best_thirds and third_vs before third_table"));
    assert_int_equal(tl_rules_parse("order = points\nthird_vs = B:AC\n", "x", &r, &e), TL_EPARSE);
    assert_non_null(strstr(e.msg, "a side and the groups of the thirds it may meet (1B:ADEF)"));
    assert_int_equal(tl_rules_parse("order = points\nthird_vs = 1B:AA\n", "x", &r, &e), TL_EPARSE);
    assert_non_null(strstr(e.msg, "group letters A to P, each once"));
    assert_int_equal(tl_rules_parse("order = points\nthird_vs = 1B:A 1B:C\n", "x", &r, &e), TL_EPARSE);
    assert_non_null(strstr(e.msg, "expected each side once, found \"1B:C\""));
    snprintf(text, sizeof text, "%sthird_table = AB:BA AC:CA BC:BC\nthird_vs = 1A:BC\n", head);
    assert_int_equal(tl_rules_parse(text, "x", &r, &e), TL_EPARSE); /* the table was checked */
    assert_int_equal(e.line, 6);
    assert_non_null(strstr(e.msg, "best_thirds and third_vs before third_table"));
#undef TABLE
    /* UEFA Euro 2020 (played in 2021): the thirds of A, C, D and F went
     * through; the round of 16 in results.csv: Belgium (1B) v Portugal (3F),
     * Netherlands (1C) v Czech Republic (3D), Sweden (1E) v Ukraine (3C),
     * France (1F) v Switzerland (3A) */
    rules("UEFA Euro", 2020, &r);
    unsigned acdf = 1u << 0 | 1u << 2 | 1u << 3 | 1u << 5;
    assert_int_equal(r.third_rows, 15);
    assert_int_equal(tl_rules_third_for(&r, acdf, "1B"), 'F');
    assert_int_equal(tl_rules_third_for(&r, acdf, "1C"), 'D');
    assert_int_equal(tl_rules_third_for(&r, acdf, "1E"), 'C');
    assert_int_equal(tl_rules_third_for(&r, acdf, "1F"), 'A');
    /* Euro 2016 kept the World Cups' table of 1986-1994 (winners of A-D
     * meet thirds): 2016's thirds of B, C, E, F; France (1A) v Ireland (3E),
     * Wales (1B) v Northern Ireland (3C), Germany (1C) v Slovakia (3B),
     * Croatia (1D) v Portugal (3F) */
    static const int same_table[] = {1986, 1990, 1994};
    for (size_t i = 0; i < 4; i++) {
        if (i < 3) rules("FIFA World Cup", same_table[i], &r);
        else rules("UEFA Euro", 2016, &r);
        assert_int_equal(r.third_rows, 15);
        unsigned bcef = 1u << 1 | 1u << 2 | 1u << 4 | 1u << 5;
        char got4[5] = {0};
        for (int k = 0; k < 4; k++) {
            char side[3] = {'1', (char)('A' + k), 0};
            got4[k] = tl_rules_third_for(&r, bcef, side);
        }
        assert_string_equal(got4, "ECBF");
    }
    rules("FIFA World Cup", 2022, &r);
    assert_null(r.third_table);
    /* FIFA 2026: 495 rows; the one the real round of 32 checks (see
     * world_cup_2026_round_of_32) */
    rules("FIFA World Cup", 2026, &r);
    assert_int_equal(r.third_rows, 495);
    unsigned bdefijkl = 0;
    for (const char *g = "BDEFIJKL"; *g; g++) bdefijkl |= 1u << (*g - 'A');
    const char *sides[] = {"1A", "1B", "1D", "1E", "1G", "1I", "1K", "1L"};
    char got[9] = {0};
    for (int i = 0; i < 8; i++) got[i] = tl_rules_third_for(&r, bdefijkl, sides[i]);
    assert_string_equal(got, "EJBDIFLK");
}

/* ---- every World Cup of the real data ---- */

static char db[256];
static tl_store *S;

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
    if (tl_load_football_txt(S, paths, 1, &o, &ft, &e)) {
        tl_err_print(&e, "test_tournament", stderr);
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

static int64_t world_cup(void)
{
    struct tl_name_list l = {0};
    struct tl_error e;
    struct tl_team_match m;
    assert_int_equal(tl_store_competition_names(S, &l, &e), TL_OK);
    assert_int_equal(tl_resolve_name(&l, "tournament", "FIFA World Cup", &m, &e), TL_OK);
    tl_name_list_free(&l);
    return m.team_id;
}

/* Does team (by id and name) play a match of e after date, other than
 * its group's play-off? */
static int plays_after(const struct tl_edition *e, int g, int64_t team, const char *date)
{
    for (size_t i = 0; i < e->nm; i++) {
        const struct tl_tmatch *m = &e->m[i];
        if (strcmp(m->date, date) <= 0 || m->playoff_of == g) continue;
        if (m->team[0] == team || m->team[1] == team) return 1;
    }
    return 0;
}

static void every_world_cup_group(void **state)
{
    (void)state;
    int64_t wc = world_cup();
    int groups = 0, checked = 0, lots = 0, playoffs = 0;
    for (int year = 1930; year <= 2022; year += 4) {
        if (year == 1942 || year == 1946) continue;
        char ed[16];
        snprintf(ed, sizeof ed, "%d", year);
        struct tl_edition e;
        struct tl_error err;
        assert_int_equal(tl_store_edition_matches(S, wc, ed, &e, &err), TL_OK);
        if (year == 1934 || year == 1938) assert_int_equal(e.ng, 0); /* knockout only */
        for (size_t g = 0; g < e.ng; g++) {
            const char *name;
            const char *text = tl_rules_builtin(e.competition, year, e.g[g].round, &name);
            assert_non_null(text);
            struct tl_rules r;
            assert_int_equal(tl_rules_parse(text, name, &r, &err), TL_OK);
            struct tl_standings t;
            assert_int_equal(tl_engine_group_table(&r, &e, (int)g, NULL, &t), TL_OK);
            assert_int_equal(t.unplayed, 0);
            groups++;
            /* who went on: the teams with a match after the group's last (its
             * own play-off aside) must be the top k of the table */
            int k = 0;
            for (int i = 0; i < t.n; i++)
                k += plays_after(&e, (int)g, t.row[i].team_id, e.g[g].last);
            for (int i = 0; i < t.n; i++) {
                int on = plays_after(&e, (int)g, t.row[i].team_id, e.g[g].last);
                int top = i < k;
                if (on == top) continue;
                /* a disagreement: only where the table leaves teams level at
                 * the line (lots); the engine says so */
                int level_at_line = t.row[k < t.n ? k : t.n - 1].level;
                if (!level_at_line) {
                    fprintf(stderr, "%d %s: %s at %d, went on: %d\n", year, e.g[g].name,
                            t.row[i].team, i + 1, on);
                    fail();
                }
                assert_non_null(strstr(t.note, "lots"));
                lots++;
                break;
            }
            for (int w = 0; w < t.nwhy; w++) playoffs += t.why[w].rule == TL_R_PLAYOFF;
            checked++;
        }
        tl_edition_free(&e);
    }
    assert_int_equal(checked, groups);
    assert_true(groups >= 100);
    assert_int_equal(playoffs, 5); /* 1954: 2, 1958: 3 */
    (void)lots;
}

static void known_tables(void **state)
{
    (void)state;
    int64_t wc = world_cup();
    struct tl_edition e;
    struct tl_error err;
    struct tl_rules r;
    struct tl_standings t;
    /* 2018 Group H: Japan above Senegal on fair play points, -4 to -6 */
    assert_int_equal(tl_store_edition_matches(S, wc, "2018", &e, &err), TL_OK);
    rules("FIFA World Cup", 2018, &r);
    int h = -1;
    for (size_t g = 0; g < e.ng; g++)
        if (strcmp(e.g[g].name, "Group H") == 0) h = (int)g;
    assert_true(h >= 0);
    assert_int_equal(tl_engine_group_table(&r, &e, h, NULL, &t), TL_OK);
    assert_string_equal(t.row[0].team, "Colombia");
    assert_string_equal(t.row[1].team, "Japan");
    assert_string_equal(t.row[2].team, "Senegal");
    assert_true(said(&t, "Japan above Senegal on fair play points, -4 to -6"));
    tl_edition_free(&e);
    /* 1994 Group E: four teams on 4 points and goal difference 0 */
    assert_int_equal(tl_store_edition_matches(S, wc, "1994", &e, &err), TL_OK);
    rules("FIFA World Cup", 1994, &r);
    for (size_t g = 0; g < e.ng; g++)
        if (strcmp(e.g[g].name, "Group E") == 0) h = (int)g;
    assert_int_equal(tl_engine_group_table(&r, &e, h, NULL, &t), TL_OK);
    static const char *const e94[] = {"Mexico", "Republic of Ireland", "Italy", "Norway"};
    for (int i = 0; i < 4; i++) {
        assert_string_equal(t.row[i].team, e94[i]);
        assert_int_equal(t.row[i].points, 4);
    }
    assert_true(said(&t, "Republic of Ireland above Italy on head-to-head points, 3 to 0"));
    /* the best third-placed teams of 1994: Argentina, Belgium, the USA and Italy */
    const struct tl_standings *tabs[16] = {0};
    struct tl_standings all[16];
    for (size_t g = 0; g < e.ng; g++) {
        assert_int_equal(tl_engine_group_table(&r, &e, (int)g, NULL, &all[g]), TL_OK);
        tabs[g] = &all[g];
    }
    int thirds[16], n = 0;
    tl_engine_rank_thirds(&r, &e, tabs, thirds, &n);
    assert_int_equal(n, 6);
    int italy = 0;
    for (int i = 0; i < 4; i++)
        if (strcmp(all[thirds[i]].row[2].team, "Italy") == 0) italy = 1;
    assert_true(italy);
    /* out: Russia (3 points) and South Korea (2) */
    assert_string_equal(all[thirds[4]].row[2].team, "Russia");
    assert_string_equal(all[thirds[5]].row[2].team, "South Korea");
    tl_edition_free(&e);
    /* 1950: the final round is a group of its own; Uruguay top, Brazil second */
    assert_int_equal(tl_store_edition_matches(S, wc, "1950", &e, &err), TL_OK);
    int fr = -1;
    for (size_t g = 0; g < e.ng; g++)
        if (strcmp(e.g[g].name, "Final Round") == 0) fr = (int)g;
    assert_true(fr >= 0);
    assert_int_equal(e.g[fr].round, 2);
    const char *name;
    assert_int_equal(tl_rules_parse(tl_rules_builtin("FIFA World Cup", 1950, 2, &name), name, &r,
                                    &err),
                     TL_OK);
    assert_int_equal(tl_engine_group_table(&r, &e, fr, NULL, &t), TL_OK);
    assert_string_equal(t.row[0].team, "Uruguay");
    assert_int_equal(t.row[0].points, 5);
    assert_string_equal(t.row[1].team, "Brazil");
    assert_int_equal(t.n, 4);
    tl_edition_free(&e);
}

/* Every group table of an edition by its built-in rules, then its outcome. */
static void outcome_of(const struct tl_edition *e, struct tl_outcome *o)
{
    struct tl_standings tabs[16];
    const struct tl_standings *ptr[16] = {0};
    struct tl_error err;
    for (size_t g = 0; g < e->ng && g < 16; g++) {
        const char *name = NULL;
        struct tl_rules r;
        assert_int_equal(tl_rules_parse(tl_rules_builtin(e->competition, e->year, e->g[g].round,
                                                         &name),
                                        name, &r, &err),
                         TL_OK);
        assert_int_equal(tl_engine_group_table(&r, e, (int)g, NULL, &tabs[g]), TL_OK);
        ptr[g] = &tabs[g];
    }
    tl_engine_outcome(e, ptr, o);
}

/* 2018 Group H before its last matchday (Japan v Poland, Senegal v Colombia). */
static void last_matchday(void **state)
{
    (void)state;
    int64_t wc = world_cup();
    struct tl_edition e;
    struct tl_error err;
    struct tl_rules r;
    assert_int_equal(tl_store_edition_matches(S, wc, "2018", &e, &err), TL_OK);
    rules("FIFA World Cup", 2018, &r);
    int h = -1;
    for (size_t g = 0; g < e.ng; g++)
        if (strcmp(e.g[g].name, "Group H") == 0) h = (int)g;
    struct tl_whatif w;
    assert_int_equal(tl_engine_whatif(&r, &e, h, "2018-06-27", &w), TL_OK);
    assert_int_equal(w.nrem, 2);
    for (int t = 0; t < w.n; t++) {
        if (strcmp(w.team[t], "Poland") == 0) {
            assert_int_equal(w.points[t], 0);
            assert_true(w.eliminated[t]);
        } else if (strcmp(w.team[t], "Japan") == 0) {
            assert_int_equal(w.points[t], 4);
            assert_false(w.clinched[t]);
            assert_false(w.eliminated[t]);
            assert_string_equal(w.says[t],
                                "beat Poland: through; draw with Poland: through; lose to Poland: "
                                "through if Senegal beat Colombia, level on points if Senegal and "
                                "Colombia draw or Colombia beat Senegal");
        } else if (strcmp(w.team[t], "Colombia") == 0) {
            assert_non_null(strstr(w.says[t], "beat Senegal: through"));
            assert_non_null(strstr(w.says[t], "lose to Senegal: out"));
        }
    }
    assert_string_equal(w.decider, "goal difference");
    /* after the last matchday nothing is left */
    assert_int_equal(tl_engine_whatif(&r, &e, h, NULL, &w), TL_OK);
    assert_int_equal(w.nrem, 0);
    tl_edition_free(&e);
}

/* The winner and runner-up of every World Cup 1930-2022 (FIFA's records),
 * from each edition's final or, in 1950, the final round's table. */
static void every_world_cup_final(void **state)
{
    (void)state;
    static const struct {
        int year;
        const char *winner, *runner_up, *how;
    } finals[] = {
        {1930, "Uruguay", "Argentina", "4-2"},
        {1934, "Italy", "Czechoslovakia", "2-1 aet"},
        {1938, "Italy", "Hungary", "4-2"},
        {1950, "Uruguay", "Brazil", "Final Round, 5 points to 4"},
        {1954, "Germany", "Hungary", "3-2"}, /* West Germany: "Germany" in the results data */
        {1958, "Brazil", "Sweden", "5-2"},
        {1962, "Brazil", "Czechoslovakia", "3-1"},
        {1966, "England", "Germany", "4-2 aet"},
        {1970, "Brazil", "Italy", "4-1"},
        {1974, "Germany", "Netherlands", "2-1"},
        {1978, "Argentina", "Netherlands", "3-1 aet"},
        {1982, "Italy", "Germany", "3-1"},
        {1986, "Argentina", "Germany", "3-2"},
        {1990, "Germany", "Argentina", "1-0"},
        {1994, "Brazil", "Italy", "0-0 aet, 3-2 on penalties"},
        {1998, "France", "Brazil", "3-0"},
        {2002, "Brazil", "Germany", "2-0"},
        {2006, "Italy", "France", "1-1 aet, 5-3 on penalties"},
        {2010, "Spain", "Netherlands", "1-0 aet"},
        {2014, "Germany", "Argentina", "1-0 aet"},
        {2018, "France", "Croatia", "4-2"},
        {2022, "Argentina", "France", "3-3 aet, 4-2 on penalties"},
    };
    int64_t wc = world_cup();
    int titles[8] = {0}; /* Brazil, Germany, Italy, Argentina, France, Uruguay, England, Spain */
    static const char *const champions[] = {"Brazil", "Germany", "Italy", "Argentina",
                                            "France", "Uruguay", "England", "Spain"};
    for (size_t i = 0; i < sizeof finals / sizeof *finals; i++) {
        char ed[16];
        snprintf(ed, sizeof ed, "%d", finals[i].year);
        struct tl_edition e;
        struct tl_error err;
        assert_int_equal(tl_store_edition_matches(S, wc, ed, &e, &err), TL_OK);
        struct tl_outcome o;
        outcome_of(&e, &o);
        assert_true(o.decided);
        if (strcmp(o.winner, finals[i].winner) != 0 || strcmp(o.runner_up, finals[i].runner_up) ||
            strcmp(o.how, finals[i].how) != 0) {
            fprintf(stderr, "%d: %s %s %s\n", finals[i].year, o.winner, o.how, o.runner_up);
            fail();
        }
        for (int k = 0; k < 8; k++) titles[k] += strcmp(o.winner, champions[k]) == 0;
        if (finals[i].year == 2002) assert_string_equal(o.hosts, "South Korea, Japan");
        if (finals[i].year == 1930) assert_string_equal(o.hosts, "Uruguay");
        tl_edition_free(&e);
    }
    static const int want[] = {5, 4, 4, 3, 2, 2, 1, 1};
    for (int k = 0; k < 8; k++) assert_int_equal(titles[k], want[k]);
}

/* "Morocco are the first African side to reach a World Cup semi-final"
 * (the seed article), and the other firsts of Africa and Asia. */
static void confederation_firsts(void **state)
{
    (void)state;
    int64_t wc = world_cup();
    struct tl_name_list eds = {0};
    struct tl_error err;
    assert_int_equal(tl_store_editions(S, wc, &eds, &err), TL_OK);
    struct tl_edition *e = tl_calloc(eds.n, sizeof *e);
    struct tl_outcome *o = tl_calloc(eds.n, sizeof *o);
    for (size_t i = 0; i < eds.n; i++) {
        assert_int_equal(tl_store_edition_matches(S, wc, eds.v[i].name, &e[i], &err), TL_OK);
        outcome_of(&e[i], &o[i]);
    }
    struct tl_first f[TL_CONFEDERATIONS * (TL_STAGE__COUNT + 1)];
    int n = tl_engine_firsts(e, o, eds.n, f);
    static const struct {
        const char *confed;
        int level;
        const char *edition, *team;
    } want[] = {
        {"CAF", TL_STAGE_SEMI_FINAL, "2022", "Morocco"},
        {"CAF", TL_STAGE_QUARTER_FINAL, "1990", "Cameroon"},
        {"CAF", TL_STAGE_GROUP, "1934", "Egypt"},
        {"AFC", TL_STAGE_SEMI_FINAL, "2002", "South Korea"},
        {"AFC", TL_STAGE_QUARTER_FINAL, "1966", "North Korea"},
        {"CONCACAF", TL_STAGE_SEMI_FINAL, "1930", "United States"},
        {"UEFA", TL_STAGE__COUNT, "1934", "Italy"},
        {"CONMEBOL", TL_STAGE__COUNT, "1930", "Uruguay"},
    };
    for (size_t w = 0; w < sizeof want / sizeof *want; w++) {
        int found = 0;
        for (int i = 0; i < n; i++)
            if (strcmp(f[i].confed, want[w].confed) == 0 && f[i].level == want[w].level) {
                assert_string_equal(f[i].edition, want[w].edition);
                assert_int_equal(f[i].nteams, 1);
                assert_string_equal(f[i].team[0], want[w].team);
                found = 1;
            }
        assert_true(found);
    }
    /* no African or Asian side has reached a final (to 2026 in the data) */
    for (int i = 0; i < n; i++)
        if (strcmp(f[i].confed, "CAF") == 0 || strcmp(f[i].confed, "AFC") == 0)
            assert_true(f[i].level < TL_STAGE_FINAL);
    for (size_t i = 0; i < eds.n; i++) tl_edition_free(&e[i]);
    tl_free(e);
    tl_free(o);
    tl_name_list_free(&eds);
    assert_string_equal(tl_confederation("Australia", 2005), "OFC");
    assert_string_equal(tl_confederation("Australia", 2006), "AFC");
    assert_null(tl_confederation("Atlantis", 2000));
}

/* FIFA's table against the 2026 World Cup in results.csv: the groups'
 * winners and the eight best thirds (the draw's groups, the tables' order)
 * met as Annex C's row for B, D, E, F, I, J, K and L says. */
static void world_cup_2026_round_of_32(void **state)
{
    (void)state;
    static const char *const winner[] = {"Mexico",  "Switzerland", "United States", "Germany",
                                         "Belgium", "France",      "Colombia",      "England"};
    static const char *const sides[] = {"1A", "1B", "1D", "1E", "1G", "1I", "1K", "1L"};
    static const struct { char group; const char *team; } third[] = {
        {'B', "Bosnia and Herzegovina"}, {'D', "Paraguay"}, {'E', "Ecuador"},  {'F', "Sweden"},
        {'I', "Senegal"},                {'J', "Algeria"},  {'K', "DR Congo"}, {'L', "Ghana"}};
    struct tl_rules r;
    rules("FIFA World Cup", 2026, &r);
    unsigned letters = 0;
    for (int i = 0; i < 8; i++) letters |= 1u << (third[i].group - 'A');
    char path[512], *csv;
    size_t len;
    struct tl_error e;
    snprintf(path, sizeof path, "%s/international/results.csv", test_data_dir());
    assert_int_equal(tl_read_file(path, (size_t)1 << 26, &csv, &len, &e), TL_OK);
    for (int i = 0; i < 8; i++) {
        char g = tl_rules_third_for(&r, letters, sides[i]);
        const char *opp = NULL;
        for (int k = 0; k < 8; k++)
            if (third[k].group == g) opp = third[k].team;
        assert_non_null(opp);
        /* "2026-..,WINNER,THIRD,h,a,FIFA World Cup," either way round */
        char a[128], b[128];
        snprintf(a, sizeof a, ",%s,%s,", winner[i], opp);
        snprintf(b, sizeof b, ",%s,%s,", opp, winner[i]);
        int found = 0;
        for (const char *line = csv; line && *line && !found;) {
            const char *eol = strchr(line, '\n');
            size_t n = eol ? (size_t)(eol - line) : strlen(line);
            char row[256];
            snprintf(row, sizeof row, "%.*s", (int)(n < 255 ? n : 255), line);
            found = strncmp(row, "2026-", 5) == 0 && strstr(row, ",FIFA World Cup,") &&
                    (strstr(row, a) || strstr(row, b));
            line = eol ? eol + 1 : NULL;
        }
        if (!found) fail_msg("no 2026 match %s (%s) v %s (3%c) in results.csv", winner[i],
                             sides[i], opp, g);
    }
    tl_free(csv);
}

int main(void)
{
    const struct CMUnitTest fixtures[] = {
        cmocka_unit_test(three_way_head_to_head), cmocka_unit_test(head_to_head_again),
        cmocka_unit_test(fair_play_decides),      cmocka_unit_test(older_rules),
        cmocka_unit_test(rule_text),              cmocka_unit_test(shootouts),
        cmocka_unit_test(whatif_clinched),        cmocka_unit_test(third_place_tables),
    };
    const struct CMUnitTest real[] = {
        cmocka_unit_test(every_world_cup_group),
        cmocka_unit_test(known_tables),
        cmocka_unit_test(every_world_cup_final),
        cmocka_unit_test(confederation_firsts),
        cmocka_unit_test(last_matchday),
        cmocka_unit_test(world_cup_2026_round_of_32),
    };
    int rc = cmocka_run_group_tests(fixtures, NULL, NULL);
    return rc | cmocka_run_group_tests(real, setup, teardown);
}
