/* Unit tests: the football.txt reader on fixtures with every syntax variant
 * (tests/data/ftxt) and on each error, then on the real World Cup files. */
#include "test.h"

#include "touchline/ftxt.h"

#include <glob.h>

struct doc {
    char *buf;
    size_t len;
    struct tl_ft_reader r;
    struct tl_error e;
};

static void open_doc(struct doc *d, const char *path)
{
    assert_int_equal(tl_read_file(path, 1 << 24, &d->buf, &d->len, &d->e), TL_OK);
    tl_ft_init(&d->r, d->buf, d->len, path);
}

static void close_doc(struct doc *d)
{
    tl_ft_free(&d->r);
    tl_free(d->buf);
}

/* The next record of a kind, skipping others; fails at the end. */
static void next_kind(struct doc *d, struct tl_ft_record *rec, enum tl_ft_kind k)
{
    tl_rc rc;
    while ((rc = tl_ft_next(&d->r, rec, &d->e)) == TL_OK)
        if (rec->kind == k) return;
    fail_msg("no %s record: rc %d %s", tl_ft_kind_name(k), rc, d->e.msg);
}

static void test_cup_dialect(void **state)
{
    (void)state;
    struct doc d;
    struct tl_ft_record rec;
    open_doc(&d, "tests/data/ftxt/cup.txt");
    next_kind(&d, &rec, TL_FT_EDITION);
    assert_string_equal(rec.u.edition.title, "World Cup 2026");
    assert_int_equal(rec.u.edition.year, 2026);
    next_kind(&d, &rec, TL_FT_GROUP_DEF);
    assert_string_equal(rec.u.group_def.name, "Group A");
    assert_int_equal(rec.u.group_def.nteams, 4);
    assert_string_equal(rec.u.group_def.teams[1], "South Africa");
    next_kind(&d, &rec, TL_FT_GROUP_DEF);
    assert_int_equal(rec.u.group_def.nteams, 4); /* "Croatia  Ghana": two spaces separate */
    next_kind(&d, &rec, TL_FT_ROUND_DEF);
    assert_string_equal(rec.u.round_def.name, "Matchday 1");
    next_kind(&d, &rec, TL_FT_ROUND_DEF);
    assert_string_equal(rec.u.round_def.dates, "Sat Jul 4 - Tue Jul 7");
    next_kind(&d, &rec, TL_FT_STAGE);
    assert_true(rec.u.stage.is_group);

    /* (1) 13:00 UTC-6   Mexico   2-0 (1-0)   South Africa   @ Estadio Azteca, Mexico City */
    next_kind(&d, &rec, TL_FT_MATCH);
    struct tl_ft_match *m = &rec.u.match;
    assert_int_equal(rec.line, 11);
    assert_int_equal(m->number, 1);
    assert_string_equal(m->date, "2026-06-11");
    assert_string_equal(m->time, "13:00");
    assert_int_equal(m->utc_offset, -360);
    assert_string_equal(m->team[0], "Mexico");
    assert_string_equal(m->team[1], "South Africa");
    assert_int_equal(m->score[0], 2);
    assert_int_equal(m->ht[0], 1);
    assert_string_equal(m->venue, "Estadio Azteca");
    assert_string_equal(m->city, "Mexico City");
    assert_string_equal(m->group, "Group A");
    assert_int_equal(m->ngoals, 1); /* "-" for the second team */
    assert_string_equal(m->goals[0].player, "Julián Quiñones");

    /* en dashes, a goal list over two lines, (pen.) (p), stoppage time */
    next_kind(&d, &rec, TL_FT_MATCH);
    assert_int_equal(m->score[0], 1);
    assert_int_equal(m->ht[1], 1);
    assert_int_equal(m->ngoals, 3);
    assert_int_equal(m->goals[0].minute, 90);
    assert_int_equal(m->goals[0].added, 11);
    assert_true(m->goals[0].penalty);
    assert_int_equal(m->goals[1].side, 1);
    assert_int_equal(m->goals[1].minute, 45);
    assert_int_equal(m->goals[1].added, 1);
    assert_true(m->goals[1].penalty);
    assert_int_equal(m->goals[1].line, 15);
    assert_string_equal(m->goals[2].player, "Patrik Schick");
    assert_false(m->goals[2].penalty);

    /* a hat-trick with commas; (o.g.), "pen" and "og" */
    next_kind(&d, &rec, TL_FT_MATCH);
    assert_string_equal(m->date, "2026-06-18");
    assert_null(m->city); /* a venue without a city */
    assert_int_equal(m->ngoals, 6);
    assert_string_equal(m->goals[2].player, "Raúl Jiménez");
    assert_int_equal(m->goals[2].minute, 30);
    assert_true(m->goals[3].own_goal);
    assert_true(m->goals[4].penalty);
    assert_true(m->goals[5].own_goal);

    next_kind(&d, &rec, TL_FT_MATCH); /* "18 June 2026 ... 0-3 awd." */
    assert_int_equal(m->status, TL_FT_AWARDED);
    assert_int_equal(m->score[1], 3);
    next_kind(&d, &rec, TL_FT_MATCH); /* "Fri Jun 19  Czechia v Mexico" */
    assert_int_equal(m->status, TL_FT_SCHEDULED);
    assert_string_equal(m->date, "2026-06-19");
    assert_int_equal(m->score[0], TL_NONE);
    next_kind(&d, &rec, TL_FT_MATCH); /* n/p with a note */
    assert_int_equal(m->status, TL_FT_CANCELLED);
    assert_string_equal(m->note, "cancelled; a test note");
    assert_string_equal(m->team[1], "South Korea");
    next_kind(&d, &rec, TL_FT_MATCH);
    assert_int_equal(m->status, TL_FT_ABANDONED);

    next_kind(&d, &rec, TL_FT_STAGE);
    assert_string_equal(rec.u.stage.name, "Round of 16");
    assert_false(rec.u.stage.is_group);
    next_kind(&d, &rec, TL_FT_MATCH); /* (74) W49 v 3A/B/C/D/F */
    assert_int_equal(m->number, 74);
    assert_true(m->slot[0] && m->slot[1]);
    assert_string_equal(m->team[1], "3A/B/C/D/F");
    assert_string_equal(m->stage, "Round of 16");
    assert_null(m->group);
    next_kind(&d, &rec, TL_FT_MATCH); /* (75) 1A v 2B, right after: not a goal list */
    assert_int_equal(m->number, 75);
    assert_string_equal(m->team[0], "1A");

    /* 1-1 a.e.t. (1-1, 1-0), 3-4 pen. */
    next_kind(&d, &rec, TL_FT_MATCH);
    assert_int_equal(m->score[0], 1);
    assert_int_equal(m->aet[0], 1);
    assert_int_equal(m->ft[0], 1);
    assert_int_equal(m->ht[0], 1);
    assert_int_equal(m->ht[1], 0);
    assert_int_equal(m->pen[0], 3);
    assert_int_equal(m->pen[1], 4);
    /* 0-3 pen. 0-0 a.e.t. (0-0): the other order */
    next_kind(&d, &rec, TL_FT_MATCH);
    assert_int_equal(m->pen[1], 3);
    assert_int_equal(m->aet[0], 0);
    assert_int_equal(m->ft[0], 0);
    /* 4-4 a.e.t. (3-3) */
    next_kind(&d, &rec, TL_FT_MATCH);
    assert_int_equal(m->score[0], 4);
    assert_int_equal(m->ft[0], 3);
    assert_int_equal(m->pen[0], TL_NONE);
    /* 3-3 a.e.t., 4-2 pen. */
    next_kind(&d, &rec, TL_FT_MATCH);
    assert_int_equal(m->aet[1], 3);
    assert_int_equal(m->pen[0], 4);
    assert_int_equal(tl_ft_next(&d.r, &rec, &d.e), TL_EOF);
    close_doc(&d);
}

static void test_full_dialect(void **state)
{
    (void)state;
    struct doc d;
    struct tl_ft_record rec;
    open_doc(&d, "tests/data/ftxt/full.txt");
    next_kind(&d, &rec, TL_FT_MATCH);
    struct tl_ft_match *m = &rec.u.match;
    assert_int_equal(rec.line, 6);
    assert_string_equal(m->date, "2022-12-18");
    assert_int_equal(m->utc_offset, 180);
    assert_int_equal(m->attendance, 88966);
    assert_string_equal(m->venue, "Lusail Stadium");
    assert_string_equal(m->city, "Lusail");
    assert_int_equal(m->aet[0], 3);
    assert_int_equal(m->ft[0], TL_NONE);
    assert_int_equal(m->pen[0], 4);
    assert_int_equal(m->ngoals, 6);
    assert_string_equal(m->goals[1].player, "Lionel MESSI");
    assert_int_equal(m->goals[1].minute, 108);
    assert_int_equal(m->goals[5].minute, 118);
    assert_true(m->goals[5].penalty);

    next_kind(&d, &rec, TL_FT_SHOOTOUT);
    struct tl_ft_shootout *so = &rec.u.shootout;
    assert_int_equal(so->nkicks, 8);
    assert_string_equal(so->kicks[0].player, "Kylian MBAPPE");
    assert_int_equal(so->kicks[0].side, 1);
    assert_string_equal(so->kicks[2].player, "Kingsley COMAN");
    assert_false(so->kicks[2].scored);
    assert_int_equal(so->kicks[2].side, 1); /* France kicked first: 1, 0, 1, 0 ... */
    assert_int_equal(so->kicks[7].score[0], 4);
    assert_int_equal(so->kicks[7].score[1], 2);

    next_kind(&d, &rec, TL_FT_LINEUP);
    struct tl_ft_lineup *lu = &rec.u.lineup;
    assert_string_equal(lu->team, "Argentina");
    assert_int_equal(lu->players[0].nbookings, 1);
    assert_int_equal(lu->players[0].bookings[0].minute, 90);
    assert_int_equal(lu->players[0].bookings[0].added, 8);
    assert_string_equal(lu->players[2].name, "Gonzalo MONTIEL");
    assert_false(lu->players[2].starter);
    assert_int_equal(lu->players[2].on_minute, 91);
    assert_int_equal(lu->players[2].replaced, 1);
    int starters = 0, acuna = -1, dybala2 = -1;
    for (int i = 0; i < lu->nplayers; i++) {
        starters += lu->players[i].starter;
        if (strcmp(lu->players[i].name, "Marcos ACUNA") == 0) acuna = i;
        if (strcmp(lu->players[i].name, "Paulo DYBALA") == 0 && lu->players[i].on_minute == 120)
            dybala2 = i;
        if (strcmp(lu->players[i].name, "Lionel MESSI") == 0) assert_true(lu->players[i].captain);
        if (strcmp(lu->players[i].name, "Julian ALVAREZ") == 0)
            assert_int_equal(lu->players[i].bookings[0].card, TL_FT_SECOND_YELLOW);
    }
    assert_int_equal(starters, 11);
    assert_true(acuna > 0 && dybala2 > 0);
    assert_int_equal(lu->players[dybala2].replaced, acuna); /* a nested substitution */
    assert_int_equal(lu->players[dybala2].bookings[0].card, TL_FT_RED);
    next_kind(&d, &rec, TL_FT_LINEUP);
    assert_string_equal(rec.u.lineup.team, "France");
    next_kind(&d, &rec, TL_FT_REFEREES);
    assert_int_equal(rec.u.refs.n, 3);
    assert_string_equal(rec.u.refs.name[0], "Szymon MARCINIAK");
    assert_string_equal(rec.u.refs.nation[0], "POL");
    assert_null(rec.u.refs.nation[2]);
    next_kind(&d, &rec, TL_FT_MATCH); /* N.N. v N.N. */
    assert_true(m->slot[0] && m->slot[1]);
    assert_int_equal(m->status, TL_FT_SCHEDULED);
    /* one list without ';' belongs to the only team that scored */
    next_kind(&d, &rec, TL_FT_MATCH);
    assert_string_equal(m->team[1], "Germany");
    assert_int_equal(m->ngoals, 2);
    assert_int_equal(m->goals[0].side, 1);
    assert_int_equal(m->goals[1].side, 1);
    close_doc(&d);
}

static void test_squads(void **state)
{
    (void)state;
    struct doc d;
    struct tl_ft_record rec;
    open_doc(&d, "tests/data/ftxt/squads.txt");
    next_kind(&d, &rec, TL_FT_SQUAD_TEAM);
    assert_string_equal(rec.u.squad_team.name, "Senegal");
    next_kind(&d, &rec, TL_FT_SQUAD_PLAYER);
    assert_int_equal(rec.u.squad_player.number, 1);
    assert_string_equal(rec.u.squad_player.name, "Seny DIENG");
    assert_string_equal(rec.u.squad_player.position, "GK");
    assert_string_equal(rec.u.squad_player.birth, "1994-11-23");
    assert_string_equal(rec.u.squad_player.team, "Senegal");
    next_kind(&d, &rec, TL_FT_SQUAD_PLAYER);
    next_kind(&d, &rec, TL_FT_SQUAD_PLAYER); /* no number */
    assert_int_equal(rec.u.squad_player.number, TL_NONE);
    next_kind(&d, &rec, TL_FT_SQUAD_PLAYER); /* the manager */
    assert_string_equal(rec.u.squad_player.name, "Aliou Cissé");
    assert_string_equal(rec.u.squad_player.nation, "SEN");
    assert_string_equal(rec.u.squad_player.position, "MG");
    next_kind(&d, &rec, TL_FT_SQUAD_TEAM);
    next_kind(&d, &rec, TL_FT_SQUAD_PLAYER); /* unknown position, no birth date */
    assert_string_equal(rec.u.squad_player.position, "");
    assert_string_equal(rec.u.squad_player.birth, "");
    assert_string_equal(rec.u.squad_player.team, "Peru");
    close_doc(&d);
}

static void expect_error(const char *file, long line, long col, const char *part)
{
    struct doc d;
    struct tl_ft_record rec;
    char path[256];
    snprintf(path, sizeof path, "tests/data/ftxt/bad/%s", file);
    open_doc(&d, path);
    tl_rc rc;
    while ((rc = tl_ft_next(&d.r, &rec, &d.e)) == TL_OK) {}
    if (rc != TL_EPARSE) fail_msg("%s: rc %d, expected a parse error", file, rc);
    assert_string_equal(d.e.file, path);
    if (d.e.line != line || d.e.col != col)
        fail_msg("%s: error at %ld:%ld, expected %ld:%ld (%s)", file, d.e.line, d.e.col, line, col,
                 d.e.msg);
    if (!strstr(d.e.msg, part)) fail_msg("%s: \"%s\" lacks \"%s\"", file, d.e.msg, part);
    close_doc(&d);
}

/* A control character is found wherever it is in a line (the check reads
 * eight bytes at a time), after tabs, which are allowed, and after
 * accented letters, which count one column each; a line of tabs and text
 * alone is read. */
static void test_control_characters(void **state)
{
    (void)state;
    const char *before[] = {"", "\t", "a\tb\t", "Müller "};
    for (int b = 0; b < 4; b++)
        for (int at = 0; at < 40; at++)
            for (int bad = 0; bad < 3; bad++) {
                char text[160];
                int n = snprintf(text, sizeof text, "= World Cup 2022\n%s", before[b]);
                for (int k = 0; k < at; k++) text[n++] = (char)('a' + k % 26);
                if (bad < 2) text[n++] = bad ? '\x1f' : '\x01';
                n += snprintf(text + n, sizeof text - (size_t)n, "rest of the line\t\n");
                struct tl_ft_reader r;
                struct tl_ft_record rec;
                struct tl_error e = {0};
                tl_ft_init(&r, text, (size_t)n, "ctl.txt");
                tl_rc rc;
                while ((rc = tl_ft_next(&r, &rec, &e)) == TL_OK) {}
                long col = 1 + (long)(b == 3 ? 7 : strlen(before[b])) + at;
                if (bad < 2) {
                    if (rc != TL_EPARSE || e.line != 2 || e.col != col ||
                        !strstr(e.msg, bad ? "control character 0x1F" : "control character 0x01"))
                        fail_msg("before %d, at %d: rc %d, %ld:%ld %s (expected 2:%ld)", b, at,
                                 rc, e.line, e.col, e.msg, col);
                } else if (rc == TL_EPARSE && strstr(e.msg, "control")) {
                    fail_msg("before %d, at %d: %s", b, at, e.msg);
                }
                tl_ft_free(&r);
            }
}

static void test_errors(void **state)
{
    (void)state;
    expect_error("date.txt", 2, 1, "expected a real calendar date, found \"Sun Nov 31\"");
    expect_error("goal-minute.txt", 4, 31, "expected a minute such as 45' or 90+3', found \"3x'\"");
    expect_error("unclosed-goals.txt", 4, 4, "expected ')' to close the goal list");
    expect_error("unknown-line.txt", 4, 1, "found \"this is not football.txt\"");
    expect_error("no-date.txt", 2, 3, "expected a date before the first match");
    expect_error("squad-position.txt", 4, 21, "expected a position GK, DF, MF, FW, MG or ?");
    expect_error("lineup-bracket.txt", 5, 30, "expected [c], [Y 12'], [R 80'] or [Y/R 85']");
    expect_error("shootout-score.txt", 5, 31, "to be 1-1 or 0-2, found \"2-1 Lionel MESSI\"");
    expect_error("utf8.txt", 4, 11, "expected UTF-8 text, found the byte 0xE9");
    expect_error("nul.txt", 4, 4, "expected text, found the control character 0x00");
    expect_error("goals-no-semicolon.txt", 4, 6, "expected ';' between the two teams' goals");
}

/* Every line of every World Cup file is understood: zero errors, and the
 * counts the files themselves state. */
static void test_real_files(void **state)
{
    (void)state;
    char pat[600];
    const char *pats[] = {"*/cup*.txt", "more/*_full.txt", "more/*_squads.txt"};
    long matches_cup = 0, matches_full = 0, lineups = 0, shootouts = 0, squad_players = 0,
         files = 0, goals_cup = 0;
    for (int k = 0; k < 3; k++) {
        snprintf(pat, sizeof pat, "%s/openfootball/worldcup/%s", test_data_dir(), pats[k]);
        glob_t g;
        assert_int_equal(glob(pat, 0, NULL, &g), 0);
        for (size_t i = 0; i < g.gl_pathc; i++) {
            struct doc d;
            struct tl_ft_record rec;
            open_doc(&d, g.gl_pathv[i]);
            files++;
            tl_rc rc;
            while ((rc = tl_ft_next(&d.r, &rec, &d.e)) == TL_OK) {
                if (rec.kind == TL_FT_MATCH) {
                    if (k == 0) matches_cup++, goals_cup += rec.u.match.ngoals;
                    else matches_full++;
                }
                lineups += rec.kind == TL_FT_LINEUP;
                shootouts += rec.kind == TL_FT_SHOOTOUT;
                squad_players += rec.kind == TL_FT_SQUAD_PLAYER;
            }
            if (rc != TL_EOF) {
                char msg[1200];
                tl_err_format(&d.e, msg, sizeof msg);
                fail_msg("%s", msg);
            }
            close_doc(&d);
        }
        globfree(&g);
    }
    assert_int_equal(files, 32 + 23 + 23);
    assert_int_equal(matches_cup, 965);   /* 964 played 1930-2022, and Sweden v Austria 1938 (n/p) */
    assert_int_equal(matches_full, 1068); /* 964 + 104 of 2026 */
    assert_int_equal(lineups, 2 * (1068 - 8)); /* the last eight 2026 matches are not played yet */
    assert_true(shootouts >= 35);
    assert_true(squad_players > 10000);
    assert_int_equal(goals_cup, 841); /* every minute token in the cup files' goal lists */
}

/* Everything a record says, as text: its kind, line, numbers and every
 * string (a stale string reads as other text, or as ASan's complaint). */
static char *describe(tl_rc rc, const struct tl_ft_record *r, const struct tl_error *e)
{
    struct tl_buf b;
    tl_buf_init(&b, 0);
#define S(x) ((x) ? (x) : "-")
#define P(...) assert_int_equal(tl_buf_printf(&b, __VA_ARGS__), TL_OK)
    if (rc == TL_EOF) P("the end");
    else if (rc != TL_OK) P("rc %d %s:%ld:%ld %s", rc, e->file, e->line, e->col, e->msg);
    if (rc != TL_OK) return b.data;
    P("%s %ld:", tl_ft_kind_name(r->kind), r->line);
    switch (r->kind) {
    case TL_FT_EDITION: P(" %s %d", S(r->u.edition.title), r->u.edition.year); break;
    case TL_FT_GROUP_DEF:
        P(" %s", S(r->u.group_def.name));
        for (int i = 0; i < r->u.group_def.nteams; i++) P(" [%s]", S(r->u.group_def.teams[i]));
        break;
    case TL_FT_ROUND_DEF: P(" %s | %s", S(r->u.round_def.name), S(r->u.round_def.dates)); break;
    case TL_FT_STAGE: P(" %d %s %d", r->u.stage.level, S(r->u.stage.name), r->u.stage.is_group); break;
    case TL_FT_MATCH: {
        const struct tl_ft_match *m = &r->u.match;
        P(" (%d) %s %s %d %s v %s %d-%d %d-%d %d-%d %d-%d %d-%d [%s] @ %s, %s %ld <%s/%s> %d", m->number,
          m->date, m->time, m->utc_offset, S(m->team[0]), S(m->team[1]), m->score[0], m->score[1],
          m->ht[0], m->ht[1], m->ft[0], m->ft[1], m->aet[0], m->aet[1], m->pen[0], m->pen[1],
          S(m->note), S(m->venue), S(m->city), m->attendance, S(m->stage), S(m->group),
          m->status);
        for (int i = 0; i < m->ngoals; i++)
            P(" {%d %s %d+%d %d%d %ld}", m->goals[i].side, S(m->goals[i].player), m->goals[i].minute,
              m->goals[i].added, m->goals[i].penalty, m->goals[i].own_goal, m->goals[i].line);
        break;
    }
    case TL_FT_LINEUP:
        P(" %s", S(r->u.lineup.team));
        for (int i = 0; i < r->u.lineup.nplayers; i++) {
            const struct tl_ft_player *p = &r->u.lineup.players[i];
            P(" {%s %d%d %d+%d %d %d}", S(p->name), p->captain, p->starter, p->on_minute,
              p->on_added, p->replaced, p->nbookings);
        }
        break;
    case TL_FT_REFEREES:
        for (int i = 0; i < r->u.refs.n; i++) P(" {%s %s}", S(r->u.refs.name[i]), S(r->u.refs.nation[i]));
        break;
    case TL_FT_SHOOTOUT:
        for (int i = 0; i < r->u.shootout.nkicks; i++)
            P(" {%s %d %d}", S(r->u.shootout.kicks[i].player), r->u.shootout.kicks[i].scored,
              r->u.shootout.kicks[i].side);
        break;
    case TL_FT_SQUAD_TEAM: P(" %s", S(r->u.squad_team.name)); break;
    case TL_FT_SQUAD_PLAYER:
        P(" %s %d %s %s %s %s", S(r->u.squad_player.team), r->u.squad_player.number,
          S(r->u.squad_player.name), S(r->u.squad_player.nation), r->u.squad_player.position,
          r->u.squad_player.birth);
        break;
    }
#undef P
#undef S
    return b.data;
}

/* tl_ft_next_into's records live as long as their arenas: read into a ring
 * of 64 and looked at only when their slot comes round again, every record
 * of every World Cup file and of the malformed fixtures says what
 * tl_ft_next's says at once (the stage, group and squad names included,
 * which tl_ft_next keeps in the reader and overwrites). */
static void test_records_into_arenas(void **state)
{
    (void)state;
    enum { RING = 64 };
    char pat[600];
    const char *pats[] = {"%s/openfootball/worldcup/*/cup*.txt", "%s/openfootball/worldcup/more/*.txt",
                          "tests/data/ftxt/*.txt", "tests/data/ftxt/bad/*.txt"};
    struct tl_ft_record *ring = calloc(RING, sizeof *ring), *rec = malloc(sizeof *rec);
    char *arena[RING];
    tl_rc rcs[RING];
    struct tl_error errs[RING];
    assert_non_null(ring);
    assert_non_null(rec);
    for (int i = 0; i < RING; i++) assert_non_null(arena[i] = tl_ft_arena_new());
    long records = 0, ctx_named = 0;
    for (int k = 0; k < 4; k++) {
        snprintf(pat, sizeof pat, pats[k], test_data_dir());
        glob_t g;
        assert_int_equal(glob(pat, 0, NULL, &g), 0);
        for (size_t f = 0; f < g.gl_pathc; f++) {
            /* at once */
            struct doc d;
            open_doc(&d, g.gl_pathv[f]);
            char **want = NULL;
            size_t n = 0;
            tl_rc rc;
            do {
                rc = tl_ft_next(&d.r, rec, &d.e);
                want = realloc(want, (n + 1) * sizeof *want);
                assert_non_null(want);
                want[n++] = describe(rc, rec, &d.e);
            } while (rc == TL_OK || rc == TL_EPARSE || rc == TL_ELIMIT);
            close_doc(&d);
            /* into the ring, each looked at when its slot comes round again */
            open_doc(&d, g.gl_pathv[f]);
            for (size_t i = 0; i < n + RING; i++) {
                size_t sl = i % RING;
                if (i >= RING && i - RING < n) {
                    char *have = describe(rcs[sl], &ring[sl], &errs[sl]);
                    if (strcmp(have, want[i - RING]) != 0)
                        fail_msg("%s, record %zu:\n  at once: %s\n  held:    %s", g.gl_pathv[f],
                                 i - RING, want[i - RING], have);
                    tl_free(have);
                }
                if (i >= n) continue;
                rcs[sl] = tl_ft_next_into(&d.r, &ring[sl], arena[sl], &errs[sl]);
                if (rcs[sl] == TL_OK && ((ring[sl].kind == TL_FT_MATCH && ring[sl].u.match.stage) ||
                                         ring[sl].kind == TL_FT_SQUAD_PLAYER))
                    ctx_named++;
            }
            close_doc(&d);
            for (size_t i = 0; i < n; i++) tl_free(want[i]);
            free(want);
            records += (long)n;
        }
        globfree(&g);
    }
    assert_true(records > 19000);
    assert_true(ctx_named > 12000); /* squad players, and matches under a stage heading */
    for (int i = 0; i < RING; i++) tl_free(arena[i]);
    free(ring);
    free(rec);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_cup_dialect), cmocka_unit_test(test_full_dialect),
        cmocka_unit_test(test_squads),      cmocka_unit_test(test_errors),
        cmocka_unit_test(test_control_characters),
        cmocka_unit_test(test_real_files),
        cmocka_unit_test(test_records_into_arenas),
    };
    return cmocka_run_group_tests_name("football.txt", tests, NULL, NULL);
}
