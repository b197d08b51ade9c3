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

/* "1B:ADEF": a side that meets a best third, and the groups it may meet */
static tl_rc third_vs(struct lex *x, const char **p, struct tl_rules *out, struct tl_error *err)
{
    const char *w;
    size_t len;
    out->nthird_vs = 0;
    while (word(p, &w, &len)) {
        const char *colon = memchr(w, ':', len);
        size_t side = colon ? (size_t)(colon - w) : 0;
        if (!colon || side < 2 || side > 3 || w[0] < '1' || w[0] > '9' || colon + 1 == w + len)
            return expected(x, w, err, "a side and the groups of the thirds it may meet (1B:ADEF)");
        if (out->nthird_vs == TL_MAX_THIRD_VS) return expected(x, w, err, "at most 16 sides");
        unsigned allowed = 0;
        for (const char *c = colon + 1; c < w + len; c++) {
            if (*c < 'A' || *c > 'P' || (allowed >> (*c - 'A') & 1))
                return expected(x, c, err, "group letters A to P, each once");
            allowed |= 1u << (*c - 'A');
        }
        memcpy(out->third_vs[out->nthird_vs], w, side);
        out->third_vs[out->nthird_vs][side] = '\0';
        for (int i = 0; i < out->nthird_vs; i++)
            if (strcmp(out->third_vs[i], out->third_vs[out->nthird_vs]) == 0)
                return expected(x, w, err, "each side once");
        out->third_allowed[out->nthird_vs++] = allowed;
    }
    if (!out->nthird_vs) return expected(x, skip_blank(*p), err, "at least one side (1B:ADEF)");
    return TL_OK;
}

static long choose(int n, int k)
{
    long c = 1;
    for (int i = 0; i < k; i++) c = c * (n - i) / (i + 1);
    return k < 0 || k > n ? 0 : c;
}

/* "ABCD:ADBC ...": checked whole (see engine.h) */
static tl_rc third_table(struct lex *x, const char **p, struct tl_rules *out,
                         struct tl_error *err)
{
    if (!out->best_thirds || !out->nthird_vs)
        return expected(x, skip_blank(*p), err,
                        "best_thirds and third_vs before third_table");
    unsigned all = 0;
    for (int i = 0; i < out->nthird_vs; i++) all |= out->third_allowed[i];
    int ngroups = 0;
    for (unsigned a = all; a; a >>= 1) ngroups += a & 1;
    const char *w, *prev = NULL;
    size_t len;
    size_t k = (size_t)out->best_thirds, v = (size_t)out->nthird_vs;
    out->third_table = skip_blank(*p);
    out->third_rows = 0;
    while (word(p, &w, &len)) {
        char what[96];
        snprintf(what, sizeof what, "%zu group letters, ':', then %zu (ABCD:ADBC)", k, v);
        if (len != k + 1 + v || w[k] != ':') return expected(x, w, err, what);
        unsigned key = 0;
        for (size_t i = 0; i < k; i++) {
            if (w[i] < 'A' || w[i] > 'P' || !(all >> (w[i] - 'A') & 1) || (i && w[i] <= w[i - 1]))
                return expected(x, w + i, err,
                                "the groups in alphabetical order, each once, among third_vs's");
            key |= 1u << (w[i] - 'A');
        }
        if (prev && memcmp(prev, w, k) >= 0)
            return expected(x, w, err, "the rows in alphabetical order, each choice once");
        unsigned used = 0;
        for (size_t i = 0; i < v; i++) {
            const char *c = w + k + 1 + i;
            unsigned bit = *c >= 'A' && *c <= 'P' ? 1u << (*c - 'A') : 0;
            if (!(key & bit) || (used & bit)) {
                snprintf(what, sizeof what, "a group of the row's choice, each once (%c...)", w[0]);
                return expected(x, c, err, what);
            }
            if (!(out->third_allowed[i] & bit)) {
                snprintf(what, sizeof what, "a group whose third %s may meet",
                         out->third_vs[i]);
                return expected(x, c, err, what);
            }
            used |= bit;
        }
        prev = w;
        out->third_rows++;
    }
    long want = choose(ngroups, out->best_thirds);
    if (out->third_rows != want) {
        char what[96];
        snprintf(what, sizeof what, "%ld rows (every choice of %d of the %d groups), not %d",
                 want, out->best_thirds, ngroups, out->third_rows);
        return expected(x, skip_blank(*p), err, what);
    }
    return TL_OK;
}

char tl_rules_third_for(const struct tl_rules *r, unsigned letters, const char *vs)
{
    if (!r->third_table || !vs) return 0;
    int side = -1;
    for (int i = 0; i < r->nthird_vs; i++)
        if (strcmp(r->third_vs[i], vs) == 0) side = i;
    if (side < 0) return 0;
    char key[17];
    size_t k = 0;
    for (int i = 0; i < 16; i++)
        if (letters >> i & 1) key[k++] = (char)('A' + i);
    if (k != (size_t)r->best_thirds) return 0;
    size_t width = k + 1 + (size_t)r->nthird_vs;
    const char *p = r->third_table, *w;
    size_t len;
    for (int row = 0; row < r->third_rows && word(&p, &w, &len); row++)
        if (len == width && memcmp(w, key, k) == 0) return w[k + 1 + (size_t)side];
    return 0;
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
            } else if ((KEY("best_thirds") || KEY("third_vs")) && out->third_table) {
                rc = expected(&x, key, err, "best_thirds and third_vs before third_table");
            } else if (KEY("best_thirds")) {
                rc = integers(&x, &p, &out->best_thirds, 1, 0, 16, err);
            } else if (KEY("third_vs")) {
                rc = third_vs(&x, &p, out, err);
            } else if (KEY("third_table")) {
                rc = third_table(&x, &p, out, err);
            } else if (KEY("source")) {
                const char *v = skip_blank(p);
                size_t n = eol ? (size_t)(eol - v) : strlen(v);
                snprintf(out->source, sizeof out->source, "%.*s", (int)n, v);
                p = v + n;
            } else {
                rc = expected(&x, key, err,
                              "a key: points, order, advance, best_thirds, third_order, third_vs, "
                              "third_table or source");
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

/* The best thirds' places in a round of 16 after six groups of four, as
 * FIFA played them in 1986, 1990 and 1994 and UEFA at Euro 2016 (the
 * winners of A-D meet thirds; A v 3C/D/E, B v 3A/C/D, C v 3A/B/F, D v
 * 3B/E/F). Rows checked against the four tournaments played so:
 * ABEF (1986), BDEF (1990), ADEF (1994), BCEF (2016). */
#define THIRDS_1986 \
     "third_vs = 1A:CDE 1B:ACD 1C:ABF 1D:BEF\n" \
     "third_table = ABCD:CDAB ABCE:CABE ABCF:CABF ABDE:DABE ABDF:DABF ABEF:EABF ACDE:CDAE " \
     "ACDF:CDAF ACEF:CAFE ADEF:DAFE BCDE:CDBE BCDF:CDBF BCEF:ECBF BDEF:EDBF CDEF:CDFE\n"

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
     THIRDS_1986
     "source = FIFA World Cups 1986 and 1990: 24 teams, the four best third-placed teams "
     "go through, placed by FIFA's table (the one UEFA reused for Euro 2016)"},
    {"fifa-wc-1994", "FIFA World Cup", 1994, 1994, 1,
     "points = 3 1 0\norder = points goal_difference goals_for h2h_points lots\nadvance = 2\n"
     "best_thirds = 4\nthird_order = points goal_difference goals_for lots\n"
     THIRDS_1986
     "source = FIFA World Cup 1994: three points for a win; the thirds placed as in 1986"},
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
     "third_vs = 1A:CEFHI 1B:EFGIJ 1D:BEFIJ 1E:ABCDF 1G:AEHIJ 1I:CDFGH 1K:DEIJL 1L:EHIJK\n"
     "third_table = "
     "ABCDEFGH:HGBCAFDE ABCDEFGI:CGBDAFEI ABCDEFGJ:CGBDAFEJ ABCDEFGK:CGBDAFEK ABCDEFGL:CGBDAFLE "
     "ABCDEFHI:HEBCAFDI ABCDEFHJ:HJBCAFDE ABCDEFHK:HEBCAFDK ABCDEFHL:HFBCADLE ABCDEFIJ:CJBDAFEI "
     "ABCDEFIK:CEBDAFIK ABCDEFIL:CEBDAFLI ABCDEFJK:CJBDAFEK ABCDEFJL:CJBDAFLE ABCDEFKL:CEBDAFLK "
     "ABCDEGHI:HGBCADEI ABCDEGHJ:HGBCADEJ ABCDEGHK:HGBCADEK ABCDEGHL:HGBCADLE ABCDEGIJ:EGBCADIJ "
     "ABCDEGIK:EGBCADIK ABCDEGIL:EGBCADLI ABCDEGJK:EGBCADJK ABCDEGJL:EGBCADLJ ABCDEGKL:EGBCADLK "
     "ABCDEHIJ:HJBCADEI ABCDEHIK:HEBCADIK ABCDEHIL:HEBCADLI ABCDEHJK:HJBCADEK ABCDEHJL:HJBCADLE "
     "ABCDEHKL:HEBCADLK ABCDEIJK:EJBCADIK ABCDEIJL:EJBCADLI ABCDEIKL:EIBCADLK ABCDEJKL:EJBCADLK "
     "ABCDFGHI:HGBCAFDI ABCDFGHJ:HGBCAFDJ ABCDFGHK:HGBCAFDK ABCDFGHL:CGBDAFLH ABCDFGIJ:CGBDAFIJ "
     "ABCDFGIK:CGBDAFIK ABCDFGIL:CGBDAFLI ABCDFGJK:CGBDAFJK ABCDFGJL:CGBDAFLJ ABCDFGKL:CGBDAFLK "
     "ABCDFHIJ:HJBCAFDI ABCDFHIK:HFBCADIK ABCDFHIL:HFBCADLI ABCDFHJK:HJBCAFDK ABCDFHJL:CJBDAFLH "
     "ABCDFHKL:HFBCADLK ABCDFIJK:CJBDAFIK ABCDFIJL:CJBDAFLI ABCDFIKL:CIBDAFLK ABCDFJKL:CJBDAFLK "
     "ABCDGHIJ:HGBCADIJ ABCDGHIK:HGBCADIK ABCDGHIL:HGBCADLI ABCDGHJK:HGBCADJK ABCDGHJL:HGBCADLJ "
     "ABCDGHKL:HGBCADLK ABCDGIJK:CJBDAGIK ABCDGIJL:CJBDAGLI ABCDGIKL:IGBCADLK ABCDGJKL:CJBDAGLK "
     "ABCDHIJK:HJBCADIK ABCDHIJL:HJBCADLI ABCDHIKL:HIBCADLK ABCDHJKL:HJBCADLK ABCDIJKL:IJBCADLK "
     "ABCEFGHI:HGBCAFEI ABCEFGHJ:HGBCAFEJ ABCEFGHK:HGBCAFEK ABCEFGHL:HGBCAFLE ABCEFGIJ:EGBCAFIJ "
     "ABCEFGIK:EGBCAFIK ABCEFGIL:EGBCAFLI ABCEFGJK:EGBCAFJK ABCEFGJL:EGBCAFLJ ABCEFGKL:EGBCAFLK "
     "ABCEFHIJ:HJBCAFEI ABCEFHIK:HEBCAFIK ABCEFHIL:HEBCAFLI ABCEFHJK:HJBCAFEK ABCEFHJL:HJBCAFLE "
     "ABCEFHKL:HEBCAFLK ABCEFIJK:EJBCAFIK ABCEFIJL:EJBCAFLI ABCEFIKL:EIBCAFLK ABCEFJKL:EJBCAFLK "
     "ABCEGHIJ:HJBCAGEI ABCEGHIK:EGBCAHIK ABCEGHIL:EGBCAHLI ABCEGHJK:HJBCAGEK ABCEGHJL:HJBCAGLE "
     "ABCEGHKL:EGBCAHLK ABCEGIJK:EJBCAGIK ABCEGIJL:EJBCAGLI ABCEGIKL:EGBAICLK ABCEGJKL:EJBCAGLK "
     "ABCEHIJK:EJBCAHIK ABCEHIJL:EJBCAHLI ABCEHIKL:EIBCAHLK ABCEHJKL:EJBCAHLK ABCEIJKL:EJBAICLK "
     "ABCFGHIJ:HGBCAFIJ ABCFGHIK:HGBCAFIK ABCFGHIL:HGBCAFLI ABCFGHJK:HGBCAFJK ABCFGHJL:HGBCAFLJ "
     "ABCFGHKL:HGBCAFLK ABCFGIJK:CJBFAGIK ABCFGIJL:CJBFAGLI ABCFGIKL:IGBCAFLK ABCFGJKL:CJBFAGLK "
     "ABCFHIJK:HJBCAFIK ABCFHIJL:HJBCAFLI ABCFHIKL:HIBCAFLK ABCFHJKL:HJBCAFLK ABCFIJKL:IJBCAFLK "
     "ABCGHIJK:HJBCAGIK ABCGHIJL:HJBCAGLI ABCGHIKL:IGBCAHLK ABCGHJKL:HJBCAGLK ABCGIJKL:IJBCAGLK "
     "ABCHIJKL:IJBCAHLK ABDEFGHI:HGBDAFEI ABDEFGHJ:HGBDAFEJ ABDEFGHK:HGBDAFEK ABDEFGHL:HGBDAFLE "
     "ABDEFGIJ:EGBDAFIJ ABDEFGIK:EGBDAFIK ABDEFGIL:EGBDAFLI ABDEFGJK:EGBDAFJK ABDEFGJL:EGBDAFLJ "
     "ABDEFGKL:EGBDAFLK ABDEFHIJ:HJBDAFEI ABDEFHIK:HEBDAFIK ABDEFHIL:HEBDAFLI ABDEFHJK:HJBDAFEK "
     "ABDEFHJL:HJBDAFLE ABDEFHKL:HEBDAFLK ABDEFIJK:EJBDAFIK ABDEFIJL:EJBDAFLI ABDEFIKL:EIBDAFLK "
     "ABDEFJKL:EJBDAFLK ABDEGHIJ:HJBDAGEI ABDEGHIK:EGBDAHIK ABDEGHIL:EGBDAHLI ABDEGHJK:HJBDAGEK "
     "ABDEGHJL:HJBDAGLE ABDEGHKL:EGBDAHLK ABDEGIJK:EJBDAGIK ABDEGIJL:EJBDAGLI ABDEGIKL:EGBAIDLK "
     "ABDEGJKL:EJBDAGLK ABDEHIJK:EJBDAHIK ABDEHIJL:EJBDAHLI ABDEHIKL:EIBDAHLK ABDEHJKL:EJBDAHLK "
     "ABDEIJKL:EJBAIDLK ABDFGHIJ:HGBDAFIJ ABDFGHIK:HGBDAFIK ABDFGHIL:HGBDAFLI ABDFGHJK:HGBDAFJK "
     "ABDFGHJL:HGBDAFLJ ABDFGHKL:HGBDAFLK ABDFGIJK:FJBDAGIK ABDFGIJL:FJBDAGLI ABDFGIKL:IGBDAFLK "
     "ABDFGJKL:FJBDAGLK ABDFHIJK:HJBDAFIK ABDFHIJL:HJBDAFLI ABDFHIKL:HIBDAFLK ABDFHJKL:HJBDAFLK "
     "ABDFIJKL:IJBDAFLK ABDGHIJK:HJBDAGIK ABDGHIJL:HJBDAGLI ABDGHIKL:IGBDAHLK ABDGHJKL:HJBDAGLK "
     "ABDGIJKL:IJBDAGLK ABDHIJKL:IJBDAHLK ABEFGHIJ:HJBFAGEI ABEFGHIK:EGBFAHIK ABEFGHIL:EGBFAHLI "
     "ABEFGHJK:HJBFAGEK ABEFGHJL:HJBFAGLE ABEFGHKL:EGBFAHLK ABEFGIJK:EJBFAGIK ABEFGIJL:EJBFAGLI "
     "ABEFGIKL:EGBAIFLK ABEFGJKL:EJBFAGLK ABEFHIJK:EJBFAHIK ABEFHIJL:EJBFAHLI ABEFHIKL:EIBFAHLK "
     "ABEFHJKL:EJBFAHLK ABEFIJKL:EJBAIFLK ABEGHIJK:EJBAHGIK ABEGHIJL:EJBAHGLI ABEGHIKL:EGBAIHLK "
     "ABEGHJKL:EJBAHGLK ABEGIJKL:EJBAIGLK ABEHIJKL:EJBAIHLK ABFGHIJK:HJBFAGIK ABFGHIJL:HJBFAGLI "
     "ABFGHIKL:HGBAIFLK ABFGHJKL:HJBFAGLK ABFGIJKL:IJBFAGLK ABFHIJKL:HJBAIFLK ABGHIJKL:HJBAIGLK "
     "ACDEFGHI:HGECAFDI ACDEFGHJ:HGJCAFDE ACDEFGHK:HGECAFDK ACDEFGHL:HGFCADLE ACDEFGIJ:CGJDAFEI "
     "ACDEFGIK:CGEDAFIK ACDEFGIL:CGEDAFLI ACDEFGJK:CGJDAFEK ACDEFGJL:CGJDAFLE ACDEFGKL:CGEDAFLK "
     "ACDEFHIJ:HJECAFDI ACDEFHIK:HEFCADIK ACDEFHIL:HEFCADLI ACDEFHJK:HJECAFDK ACDEFHJL:HJFCADLE "
     "ACDEFHKL:HEFCADLK ACDEFIJK:CJEDAFIK ACDEFIJL:CJEDAFLI ACDEFIKL:CEIDAFLK ACDEFJKL:CJEDAFLK "
     "ACDEGHIJ:HGJCADEI ACDEGHIK:HGECADIK ACDEGHIL:HGECADLI ACDEGHJK:HGJCADEK ACDEGHJL:HGJCADLE "
     "ACDEGHKL:HGECADLK ACDEGIJK:EGJCADIK ACDEGIJL:EGJCADLI ACDEGIKL:EGICADLK ACDEGJKL:EGJCADLK "
     "ACDEHIJK:HJECADIK ACDEHIJL:HJECADLI ACDEHIKL:HEICADLK ACDEHJKL:HJECADLK ACDEIJKL:EJICADLK "
     "ACDFGHIJ:HGJCAFDI ACDFGHIK:HGFCADIK ACDFGHIL:HGFCADLI ACDFGHJK:HGJCAFDK ACDFGHJL:CGJDAFLH "
     "ACDFGHKL:HGFCADLK ACDFGIJK:CGJDAFIK ACDFGIJL:CGJDAFLI ACDFGIKL:CGIDAFLK ACDFGJKL:CGJDAFLK "
     "ACDFHIJK:HJFCADIK ACDFHIJL:HJFCADLI ACDFHIKL:HFICADLK ACDFHJKL:HJFCADLK ACDFIJKL:CJIDAFLK "
     "ACDGHIJK:HGJCADIK ACDGHIJL:HGJCADLI ACDGHIKL:HGICADLK ACDGHJKL:HGJCADLK ACDGIJKL:IGJCADLK "
     "ACDHIJKL:HJICADLK ACEFGHIJ:HGJCAFEI ACEFGHIK:HGECAFIK ACEFGHIL:HGECAFLI ACEFGHJK:HGJCAFEK "
     "ACEFGHJL:HGJCAFLE ACEFGHKL:HGECAFLK ACEFGIJK:EGJCAFIK ACEFGIJL:EGJCAFLI ACEFGIKL:EGICAFLK "
     "ACEFGJKL:EGJCAFLK ACEFHIJK:HJECAFIK ACEFHIJL:HJECAFLI ACEFHIKL:HEICAFLK ACEFHJKL:HJECAFLK "
     "ACEFIJKL:EJICAFLK ACEGHIJK:EGJCAHIK ACEGHIJL:EGJCAHLI ACEGHIKL:EGICAHLK ACEGHJKL:EGJCAHLK "
     "ACEGIJKL:EJICAGLK ACEHIJKL:EJICAHLK ACFGHIJK:HGJCAFIK ACFGHIJL:HGJCAFLI ACFGHIKL:HGICAFLK "
     "ACFGHJKL:HGJCAFLK ACFGIJKL:IGJCAFLK ACFHIJKL:HJICAFLK ACGHIJKL:HJICAGLK ADEFGHIJ:HGJDAFEI "
     "ADEFGHIK:HGEDAFIK ADEFGHIL:HGEDAFLI ADEFGHJK:HGJDAFEK ADEFGHJL:HGJDAFLE ADEFGHKL:HGEDAFLK "
     "ADEFGIJK:EGJDAFIK ADEFGIJL:EGJDAFLI ADEFGIKL:EGIDAFLK ADEFGJKL:EGJDAFLK ADEFHIJK:HJEDAFIK "
     "ADEFHIJL:HJEDAFLI ADEFHIKL:HEIDAFLK ADEFHJKL:HJEDAFLK ADEFIJKL:EJIDAFLK ADEGHIJK:EGJDAHIK "
     "ADEGHIJL:EGJDAHLI ADEGHIKL:EGIDAHLK ADEGHJKL:EGJDAHLK ADEGIJKL:EJIDAGLK ADEHIJKL:EJIDAHLK "
     "ADFGHIJK:HGJDAFIK ADFGHIJL:HGJDAFLI ADFGHIKL:HGIDAFLK ADFGHJKL:HGJDAFLK ADFGIJKL:IGJDAFLK "
     "ADFHIJKL:HJIDAFLK ADGHIJKL:HJIDAGLK AEFGHIJK:EGJFAHIK AEFGHIJL:EGJFAHLI AEFGHIKL:EGIFAHLK "
     "AEFGHJKL:EGJFAHLK AEFGIJKL:EJIFAGLK AEFHIJKL:EJIFAHLK AEGHIJKL:EJIAHGLK AFGHIJKL:HJIFAGLK "
     "BCDEFGHI:CGBDHFEI BCDEFGHJ:HGBCJFDE BCDEFGHK:CGBDHFEK BCDEFGHL:CGBDHFLE BCDEFGIJ:CGBDJFEI "
     "BCDEFGIK:CGBDEFIK BCDEFGIL:CGBDEFLI BCDEFGJK:CGBDJFEK BCDEFGJL:CGBDJFLE BCDEFGKL:CGBDEFLK "
     "BCDEFHIJ:CJBDHFEI BCDEFHIK:CEBDHFIK BCDEFHIL:CEBDHFLI BCDEFHJK:CJBDHFEK BCDEFHJL:CJBDHFLE "
     "BCDEFHKL:CEBDHFLK BCDEFIJK:CJBDEFIK BCDEFIJL:CJBDEFLI BCDEFIKL:CEBDIFLK BCDEFJKL:CJBDEFLK "
     "BCDEGHIJ:HGBCJDEI BCDEGHIK:EGBCHDIK BCDEGHIL:EGBCHDLI BCDEGHJK:HGBCJDEK BCDEGHJL:HGBCJDLE "
     "BCDEGHKL:EGBCHDLK BCDEGIJK:EGBCJDIK BCDEGIJL:EGBCJDLI BCDEGIKL:EGBCIDLK BCDEGJKL:EGBCJDLK "
     "BCDEHIJK:EJBCHDIK BCDEHIJL:EJBCHDLI BCDEHIKL:EIBCHDLK BCDEHJKL:EJBCHDLK BCDEIJKL:EJBCIDLK "
     "BCDFGHIJ:HGBCJFDI BCDFGHIK:CGBDHFIK BCDFGHIL:CGBDHFLI BCDFGHJK:HGBCJFDK BCDFGHJL:CGBDHFLJ "
     "BCDFGHKL:CGBDHFLK BCDFGIJK:CGBDJFIK BCDFGIJL:CGBDJFLI BCDFGIKL:CGBDIFLK BCDFGJKL:CGBDJFLK "
     "BCDFHIJK:CJBDHFIK BCDFHIJL:CJBDHFLI BCDFHIKL:CIBDHFLK BCDFHJKL:CJBDHFLK BCDFIJKL:CJBDIFLK "
     "BCDGHIJK:HGBCJDIK BCDGHIJL:HGBCJDLI BCDGHIKL:HGBCIDLK BCDGHJKL:HGBCJDLK BCDGIJKL:IGBCJDLK "
     "BCDHIJKL:HJBCIDLK BCEFGHIJ:HGBCJFEI BCEFGHIK:EGBCHFIK BCEFGHIL:EGBCHFLI BCEFGHJK:HGBCJFEK "
     "BCEFGHJL:HGBCJFLE BCEFGHKL:EGBCHFLK BCEFGIJK:EGBCJFIK BCEFGIJL:EGBCJFLI BCEFGIKL:EGBCIFLK "
     "BCEFGJKL:EGBCJFLK BCEFHIJK:EJBCHFIK BCEFHIJL:EJBCHFLI BCEFHIKL:EIBCHFLK BCEFHJKL:EJBCHFLK "
     "BCEFIJKL:EJBCIFLK BCEGHIJK:EJBCHGIK BCEGHIJL:EJBCHGLI BCEGHIKL:EGBCIHLK BCEGHJKL:EJBCHGLK "
     "BCEGIJKL:EJBCIGLK BCEHIJKL:EJBCIHLK BCFGHIJK:HGBCJFIK BCFGHIJL:HGBCJFLI BCFGHIKL:HGBCIFLK "
     "BCFGHJKL:HGBCJFLK BCFGIJKL:IGBCJFLK BCFHIJKL:HJBCIFLK BCGHIJKL:HJBCIGLK BDEFGHIJ:HGBDJFEI "
     "BDEFGHIK:EGBDHFIK BDEFGHIL:EGBDHFLI BDEFGHJK:HGBDJFEK BDEFGHJL:HGBDJFLE BDEFGHKL:EGBDHFLK "
     "BDEFGIJK:EGBDJFIK BDEFGIJL:EGBDJFLI BDEFGIKL:EGBDIFLK BDEFGJKL:EGBDJFLK BDEFHIJK:EJBDHFIK "
     "BDEFHIJL:EJBDHFLI BDEFHIKL:EIBDHFLK BDEFHJKL:EJBDHFLK BDEFIJKL:EJBDIFLK BDEGHIJK:EJBDHGIK "
     "BDEGHIJL:EJBDHGLI BDEGHIKL:EGBDIHLK BDEGHJKL:EJBDHGLK BDEGIJKL:EJBDIGLK BDEHIJKL:EJBDIHLK "
     "BDFGHIJK:HGBDJFIK BDFGHIJL:HGBDJFLI BDFGHIKL:HGBDIFLK BDFGHJKL:HGBDJFLK BDFGIJKL:IGBDJFLK "
     "BDFHIJKL:HJBDIFLK BDGHIJKL:HJBDIGLK BEFGHIJK:EJBFHGIK BEFGHIJL:EJBFHGLI BEFGHIKL:EGBFIHLK "
     "BEFGHJKL:EJBFHGLK BEFGIJKL:EJBFIGLK BEFHIJKL:EJBFIHLK BEGHIJKL:EJIBHGLK BFGHIJKL:HJBFIGLK "
     "CDEFGHIJ:CGJDHFEI CDEFGHIK:CGEDHFIK CDEFGHIL:CGEDHFLI CDEFGHJK:CGJDHFEK CDEFGHJL:CGJDHFLE "
     "CDEFGHKL:CGEDHFLK CDEFGIJK:CGEDJFIK CDEFGIJL:CGEDJFLI CDEFGIKL:CGEDIFLK CDEFGJKL:CGEDJFLK "
     "CDEFHIJK:CJEDHFIK CDEFHIJL:CJEDHFLI CDEFHIKL:CEIDHFLK CDEFHJKL:CJEDHFLK CDEFIJKL:CJEDIFLK "
     "CDEGHIJK:EGJCHDIK CDEGHIJL:EGJCHDLI CDEGHIKL:EGICHDLK CDEGHJKL:EGJCHDLK CDEGIJKL:EGICJDLK "
     "CDEHIJKL:EJICHDLK CDFGHIJK:CGJDHFIK CDFGHIJL:CGJDHFLI CDFGHIKL:CGIDHFLK CDFGHJKL:CGJDHFLK "
     "CDFGIJKL:CGIDJFLK CDFHIJKL:CJIDHFLK CDGHIJKL:HGICJDLK CEFGHIJK:EGJCHFIK CEFGHIJL:EGJCHFLI "
     "CEFGHIKL:EGICHFLK CEFGHJKL:EGJCHFLK CEFGIJKL:EGICJFLK CEFHIJKL:EJICHFLK CEGHIJKL:EJICHGLK "
     "CFGHIJKL:HGICJFLK DEFGHIJK:EGJDHFIK DEFGHIJL:EGJDHFLI DEFGHIKL:EGIDHFLK DEFGHJKL:EGJDHFLK "
     "DEFGIJKL:EGIDJFLK DEFHIJKL:EJIDHFLK DEGHIJKL:EJIDHGLK DFGHIJKL:HGIDJFLK EFGHIJKL:EJIFHGLK"
     "\n"
     "source = FIFA World Cup 2026 regulations: 48 teams, head-to-head first, the eight "
     "best thirds go through, placed by Annex C's table of 495"},
    {"uefa-euro-2016", "UEFA Euro", 2016, 2016, 1,
     "points = 3 1 0\norder = points h2h_points h2h_goal_difference h2h_goals_for h2h_again "
     "goal_difference goals_for fair_play ranking lots\nadvance = 2\nbest_thirds = 4\n"
     "third_order = points goal_difference goals_for wins fair_play ranking lots\n"
     THIRDS_1986
     "source = UEFA European Championship regulations 2016: 24 teams, head-to-head "
     "first, the four best thirds go through, placed by the table of the World Cups "
     "1986-1994"},
    {"uefa-euro-2020", "UEFA Euro", 2020, 9999, 1,
     "points = 3 1 0\norder = points h2h_points h2h_goal_difference h2h_goals_for h2h_again "
     "goal_difference goals_for fair_play ranking lots\nadvance = 2\nbest_thirds = 4\n"
     "third_order = points goal_difference goals_for wins fair_play ranking lots\n"
     "third_vs = 1B:ADEF 1C:DEF 1E:ABCD 1F:ABC\n"
     "third_table = ABCD:ADBC ABCE:AEBC ABCF:AFBC ABDE:DEAB ABDF:DFAB ABEF:EFBA ACDE:EDCA "
     "ACDF:FDCA ACEF:EFCA ADEF:EFDA BCDE:EDBC BCDF:FDCB BCEF:FECB BDEF:FEDB CDEF:FEDC\n"
     "source = UEFA European Championship regulations 2020-2024: 24 teams, head-to-head "
     "first, the four best thirds go through, placed by UEFA's table"},
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
