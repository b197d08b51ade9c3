/* fuzz/fuzz_rules.c: libFuzzer target for the tournament rule-set parser.
 * Whatever parses is then used to order a small fixed group (every rule,
 * in any order, must give a table of its teams), and a thirds' table
 * must answer for its rows what they say; errors must carry a location
 * inside the input. */
#include "touchline/engine.h"

#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > 1 << 16) return 0;
    char *text = malloc(size + 1);
    if (!text) return 0;
    memcpy(text, data, size);
    text[size] = '\0';
    struct tl_rules r;
    struct tl_error err;
    tl_rc rc = tl_rules_parse(text, "fuzz.rules", &r, &err);
    if (rc) {
        if (rc != TL_EPARSE || err.line < 1 || err.col < 1) abort();
        free(text);
        return 0;
    }
    /* the first rows of a thirds' table: each side's group, as the row says,
     * one of the row's groups and allowed for the side */
    const char *p = r.third_table;
    for (int row = 0; p && row < r.third_rows && row < 50; row++) {
        while (*p == ' ' || *p == '\t') p++;
        unsigned letters = 0;
        for (int i = 0; i < r.best_thirds; i++) letters |= 1u << (p[i] - 'A');
        for (int s = 0; s < r.nthird_vs; s++) {
            char g = tl_rules_third_for(&r, letters, r.third_vs[s]);
            if (g != p[r.best_thirds + 1 + s] || !(letters >> (g - 'A') & 1) ||
                !(r.third_allowed[s] >> (g - 'A') & 1))
                abort();
        }
        p += r.best_thirds + 1 + r.nthird_vs;
    }
    /* a group of three: A 1-0 B, B 2-2 C, C 0-1 A */
    static char *names[3] = {"A", "B", "C"};
    struct tl_tmatch m[3];
    static const int pairs[3][4] = {{0, 1, 1, 0}, {1, 2, 2, 2}, {2, 0, 0, 1}};
    memset(m, 0, sizeof m);
    for (int i = 0; i < 3; i++) {
        m[i].id = i + 1;
        memcpy(m[i].date, "2030-06-01", 11);
        for (int k = 0; k < 2; k++) {
            m[i].team[k] = pairs[i][k] + 1;
            m[i].name[k] = names[pairs[i][k]];
            m[i].score[k] = pairs[i][2 + k];
            m[i].so[k] = TL_NONE;
        }
        m[i].group = 0;
        m[i].playoff_of = -1;
        m[i].status = TL_STATUS_FINISHED;
    }
    struct tl_tgroup g = {.name = "Group A", .round = 1, .nteams = 3};
    for (int i = 0; i < 3; i++) {
        g.team[i] = i + 1;
        g.team_name[i] = names[i];
    }
    struct tl_edition e = {.competition = "Fuzz Cup", .edition = "2030", .year = 2030,
                           .m = m, .nm = 3, .g = &g, .ng = 1};
    struct tl_standings t;
    if (tl_engine_group_table(&r, &e, 0, NULL, &t) != TL_OK || t.n != 3) abort();
    int seen = 0;
    for (int i = 0; i < 3; i++) seen |= 1 << (t.row[i].team[0] - 'A');
    if (seen != 7) abort();
    free(text);
    return 0;
}
