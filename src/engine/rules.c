/* engine/rules.c: tournament rules as data. A rule set is text (points,
 * the order of tie-breakers, how many go through); the built-in ones cover
 * the World Cups era by era, the 48-team World Cup of 2026 and the
 * 24-team European Championships. A new format is a new rule set, not new
 * code. */
#include "touchline/engine.h"

#include <stdlib.h>
#include <string.h>

static const char *const rule_names[TL_R__COUNT] = {
    "points", "goal_difference", "goals_for", "goal_average", "wins", "h2h_points",
    "h2h_goal_difference", "h2h_goals_for", "h2h_again", "fair_play", "playoff", "ranking",
    "lots"};
static const char *const rule_words[TL_R__COUNT] = {
    "points", "goal difference", "goals scored", "goal average", "wins",
    "head-to-head points", "head-to-head goal difference", "head-to-head goals",
    "head-to-head among the teams still level", "fair play points", "the play-off",
    "ranking", "the drawing of lots"};

const char *tl_rule_name(enum tl_rule r) { return (unsigned)r < TL_R__COUNT ? rule_names[r] : "?"; }
const char *tl_rule_words(enum tl_rule r) { return (unsigned)r < TL_R__COUNT ? rule_words[r] : "?"; }

/* ---- the parser ---- */

struct lex {
    const char *p, *line_start, *file;
    long line;
};

static tl_rc expected(struct lex *x, const char *at, struct tl_error *err, const char *what)
{
    size_t n = strcspn(at, " \t\n#");
    return tl_err_at(err, TL_EPARSE, x->file, x->line, (long)(at - x->line_start) + 1,
                     "expected %s, found \"%.*s\"", what, (int)(n ? n : 1),
                     n ? at : *at ? at : "end of line");
}

static const char *skip_blank(const char *p)
{
    while (*p == ' ' || *p == '\t') p++;
    return p;
}

/* The words of a value up to the end of the line (or a comment). */
static int word(const char **p, const char **w, size_t *n)
{
    const char *q = skip_blank(*p);
    if (!*q || *q == '\n' || *q == '#') return 0;
    *w = q;
    *n = strcspn(q, " \t\n#");
    *p = q + *n;
    return 1;
}

static tl_rc integers(struct lex *x, const char **p, int *v, int n, int lo, int hi,
                      struct tl_error *err)
{
    for (int i = 0; i < n; i++) {
        const char *w;
        size_t len;
        if (!word(p, &w, &len)) return expected(x, skip_blank(*p), err, "a whole number");
        char *end;
        long val = strtol(w, &end, 10);
        if (end != w + len || val < lo || val > hi) {
            char what[64];
            snprintf(what, sizeof what, "a whole number from %d to %d", lo, hi);
            return expected(x, w, err, what);
        }
        v[i] = (int)val;
    }
    return TL_OK;
}

static tl_rc rule_list(struct lex *x, const char **p, enum tl_rule *out, int *n,
                       struct tl_error *err)
{
    const char *w;
    size_t len;
    *n = 0;
    while (word(p, &w, &len)) {
        int found = -1;
        for (int r = 0; r < TL_R__COUNT; r++)
            if (strlen(rule_names[r]) == len && strncmp(rule_names[r], w, len) == 0) found = r;
        if (found < 0)
            return expected(x, w, err,
                            "a rule: points, goal_difference, goals_for, goal_average, wins, "
                            "h2h_points, h2h_goal_difference, h2h_goals_for, h2h_again, "
                            "fair_play, playoff, ranking or lots");
        if (*n == TL_MAX_RULES) return expected(x, w, err, "at most 16 rules");
        out[(*n)++] = (enum tl_rule)found;
    }
    if (!*n) return expected(x, skip_blank(*p), err, "at least one rule");
    return TL_OK;
}

tl_rc tl_rules_parse(const char *text, const char *file, struct tl_rules *out,
                     struct tl_error *err)
{
    memset(out, 0, sizeof *out);
    out->win = 3;
    out->draw = 1;
    out->advance = 2;
    struct lex x = {text, text, file ? file : "(rules)", 1};
    int have_order = 0;
    tl_rc rc = TL_OK;
    while (*x.p && !rc) {
        const char *p = skip_blank(x.p);
        const char *eol = strchr(p, '\n');
        if (*p && *p != '\n' && *p != '#') {
            size_t klen = strcspn(p, " \t=\n#");
            const char *key = p;
            p = skip_blank(p + klen);
            if (*p != '=') {
                rc = expected(&x, p, err, "'=' after the key");
                break;
            }
            p++;
#define KEY(s) (klen == sizeof(s) - 1 && strncmp(key, s, klen) == 0)
            if (KEY("points")) {
                int v[3];
                rc = integers(&x, &p, v, 3, 0, 10, err);
                out->win = v[0], out->draw = v[1], out->loss = v[2];
            } else if (KEY("order")) {
                rc = rule_list(&x, &p, out->order, &out->norder, err);
                have_order = 1;
            } else if (KEY("third_order")) {
                rc = rule_list(&x, &p, out->third_order, &out->nthird, err);
            } else if (KEY("advance")) {
                rc = integers(&x, &p, &out->advance, 1, 0, TL_MAX_GROUP_TEAMS, err);
            } else if (KEY("best_thirds")) {
                rc = integers(&x, &p, &out->best_thirds, 1, 0, 64, err);
            } else if (KEY("source")) {
                const char *v = skip_blank(p);
                size_t n = eol ? (size_t)(eol - v) : strlen(v);
                snprintf(out->source, sizeof out->source, "%.*s", (int)n, v);
                p = v + n;
            } else {
                rc = expected(&x, key, err,
                              "a key: points, order, advance, best_thirds, third_order or source");
            }
#undef KEY
            if (!rc) {
                const char *rest = skip_blank(p);
                if (*rest && *rest != '\n' && *rest != '#')
                    rc = expected(&x, rest, err, "the end of the line");
            }
        }
        if (!eol) break;
        x.p = x.line_start = eol + 1;
        x.line++;
    }
    if (!rc && !have_order)
        rc = tl_err_at(err, TL_EPARSE, x.file, x.line, 1, "expected an 'order = ...' line");
    if (!rc && out->best_thirds && !out->nthird)
        rc = tl_err_at(err, TL_EPARSE, x.file, x.line, 1,
                       "expected a 'third_order = ...' line with best_thirds");
    return rc;
}

/* ---- the built-in rule sets ---- */

static const struct builtin {
    const char *name;
    const char *competition;
    int from, to;   /* years */
    int round;      /* 1 first group stage, 2 a later one */
    const char *text;
} builtins[] = {
    {"fifa-wc-1930", "FIFA World Cup", 1930, 1930, 1,
     "points = 2 1 0\norder = points playoff lots\nadvance = 1\n"
     "source = FIFA World Cup 1930: group winners to the semi-finals; ties would have been "
     "played off (none arose)"},
    {"fifa-wc-1950", "FIFA World Cup", 1950, 1950, 1,
     "points = 2 1 0\norder = points playoff lots\nadvance = 1\n"
     "source = FIFA World Cup 1950: group winners to the final round"},
    {"fifa-wc-1950-final-round", "FIFA World Cup", 1950, 1950, 2,
     "points = 2 1 0\norder = points playoff lots\nadvance = 0\n"
     "source = FIFA World Cup 1950: the final round's winner is the champion (no final)"},
    {"fifa-wc-1954", "FIFA World Cup", 1954, 1954, 1,
     "points = 2 1 0\norder = points playoff lots\nadvance = 2\n"
     "source = FIFA World Cup 1954: level on points for second place, a play-off; for first "
     "place, lots"},
    {"fifa-wc-1958", "FIFA World Cup", 1958, 1958, 1,
     "points = 2 1 0\norder = points playoff goal_average lots\nadvance = 2\n"
     "source = FIFA World Cup 1958: level on points for second place, a play-off; otherwise "
     "goal average"},
    {"fifa-wc-1962", "FIFA World Cup", 1962, 1966, 1,
     "points = 2 1 0\norder = points goal_average lots\nadvance = 2\n"
     "source = FIFA World Cups 1962 and 1966: goal average"},
    {"fifa-wc-1970", "FIFA World Cup", 1970, 1970, 1,
     "points = 2 1 0\norder = points goal_difference lots\nadvance = 2\n"
     "source = FIFA World Cup 1970: goal difference, then lots"},
    {"fifa-wc-1974", "FIFA World Cup", 1974, 1982, 1,
     "points = 2 1 0\norder = points goal_difference goals_for lots\nadvance = 2\n"
     "source = FIFA World Cups 1974-1982, first round"},
    {"fifa-wc-1974-second-round", "FIFA World Cup", 1974, 1982, 2,
     "points = 2 1 0\norder = points goal_difference goals_for lots\nadvance = 1\n"
     "source = FIFA World Cups 1974-1982, second round: group winners to the final (1974, "
     "1978) or the semi-finals (1982)"},
    {"fifa-wc-1986", "FIFA World Cup", 1986, 1990, 1,
     "points = 2 1 0\norder = points goal_difference goals_for lots\nadvance = 2\n"
     "best_thirds = 4\nthird_order = points goal_difference goals_for lots\n"
     "source = FIFA World Cups 1986 and 1990: 24 teams, the four best third-placed teams "
     "go through"},
    {"fifa-wc-1994", "FIFA World Cup", 1994, 1994, 1,
     "points = 3 1 0\norder = points goal_difference goals_for h2h_points lots\nadvance = 2\n"
     "best_thirds = 4\nthird_order = points goal_difference goals_for lots\n"
     "source = FIFA World Cup 1994: three points for a win"},
    {"fifa-wc-1998", "FIFA World Cup", 1998, 2014, 1,
     "points = 3 1 0\norder = points goal_difference goals_for h2h_points h2h_goal_difference "
     "h2h_goals_for lots\nadvance = 2\n"
     "source = FIFA World Cup regulations 1998-2014"},
    {"fifa-wc-2018", "FIFA World Cup", 2018, 2022, 1,
     "points = 3 1 0\norder = points goal_difference goals_for h2h_points h2h_goal_difference "
     "h2h_goals_for fair_play lots\nadvance = 2\n"
     "source = FIFA World Cup regulations 2018 and 2022: fair play points before lots"},
    {"fifa-wc-2026", "FIFA World Cup", 2026, 9999, 1,
     "points = 3 1 0\norder = points h2h_points h2h_goal_difference h2h_goals_for h2h_again "
     "goal_difference goals_for fair_play ranking lots\nadvance = 2\nbest_thirds = 8\n"
     "third_order = points goal_difference goals_for fair_play ranking lots\n"
     "source = FIFA World Cup 2026 regulations: 48 teams, head-to-head first, the eight best "
     "third-placed teams go through"},
    {"uefa-euro-2016", "UEFA Euro", 2016, 9999, 1,
     "points = 3 1 0\norder = points h2h_points h2h_goal_difference h2h_goals_for h2h_again "
     "goal_difference goals_for fair_play ranking lots\nadvance = 2\nbest_thirds = 4\n"
     "third_order = points goal_difference goals_for wins fair_play ranking lots\n"
     "source = UEFA European Championship regulations 2016-2024: 24 teams, head-to-head "
     "first, the four best third-placed teams go through"},
};

const char *tl_rules_builtin(const char *competition, int year, int round, const char **name)
{
    for (size_t i = 0; i < sizeof builtins / sizeof *builtins; i++) {
        const struct builtin *b = &builtins[i];
        if (strcmp(b->competition, competition) == 0 && year >= b->from && year <= b->to &&
            b->round == round) {
            if (name) *name = b->name;
            return b->text;
        }
    }
    /* a later group round without rules of its own plays by the first round's */
    if (round > 1) return tl_rules_builtin(competition, year, 1, name);
    return NULL;
}

/* Default rules for a competition touchline has no rule set for. */
static const char generic_rules[] =
    "points = 3 1 0\norder = points goal_difference goals_for lots\nadvance = 2\n"
    "source = no rule set for this competition: generic rules (3 points, goal difference, "
    "goals scored)";

tl_rc tl_rules_for(const struct tl_edition *e, int round, struct tl_rules *r, const char **name,
                   struct tl_error *err)
{
    const char *text = tl_rules_builtin(e->competition, e->year, round, name);
    if (!text) {
        text = generic_rules;
        *name = "generic";
    }
    return tl_rules_parse(text, *name, r, err);
}

tl_rc tl_engine_edition_tables(const struct tl_edition *e, const char *as_of,
                               struct tl_standings *tab, const struct tl_standings **ptr,
                               struct tl_error *err)
{
    for (size_t g = 0; g < e->ng; g++) {
        struct tl_rules r;
        const char *name;
        ptr[g] = NULL;
        tl_rc rc = tl_rules_for(e, e->g[g].round, &r, &name, err);
        if (rc) return rc;
        if (!tl_engine_group_table(&r, e, (int)g, as_of, &tab[g])) ptr[g] = &tab[g];
    }
    return TL_OK;
}
