/* engine/bracket.c: the knockout rounds as a bracket, and what the slots
 * of a draw ("W49", "1A") mean once results are in. */
#include "touchline/engine.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int tl_engine_winner(const struct tl_tmatch *m)
{
    if (m->score[0] == TL_NONE) return -1;
    if (m->score[0] != m->score[1]) return m->score[0] > m->score[1] ? 0 : 1;
    if (m->so_winner) return m->so_winner == m->team[1] ? 1 : 0;
    if (m->so[0] != TL_NONE && m->so[0] != m->so[1]) return m->so[0] > m->so[1] ? 0 : 1;
    return -1;
}

const char *tl_engine_slot(const struct tl_edition *e, const struct tl_standings *const *tables,
                           const char *slot)
{
    if (!slot || !*slot) return NULL;
    if ((slot[0] == 'W' || slot[0] == 'L') && slot[1] >= '0' && slot[1] <= '9') {
        int no = atoi(slot + 1);
        for (size_t i = 0; i < e->nm; i++) {
            const struct tl_tmatch *m = &e->m[i];
            if (m->match_no != no) continue;
            int w = tl_engine_winner(m);
            if (w < 0) return NULL;
            int side = slot[0] == 'W' ? w : 1 - w;
            if (!m->team[side]) /* itself a slot: follow it */
                return tl_engine_match_slot(e, tables, m, side);
            return m->name[side];
        }
        return NULL;
    }
    if ((slot[0] == '1' || slot[0] == '2') && slot[1] && !strchr(slot, '/')) {
        for (size_t g = 0; g < e->ng; g++) {
            const char *n = e->g[g].name;
            if (strncmp(n, "Group ", 6) == 0) n += 6;
            if (strcmp(n, slot + 1) != 0) continue;
            const struct tl_standings *t = tables ? tables[g] : NULL;
            int pos = slot[0] - '1';
            if (!t || t->unplayed || pos >= t->n) return NULL;
            /* level across the line: not known from the data (lots) */
            if (t->row[pos].level || (pos + 1 < t->n && t->row[pos + 1].level)) return NULL;
            return t->row[pos].team;
        }
    }
    return NULL;
}

/* a group's letter: "Group B" -> 'B'; 0 when it is not one letter A-P */
static char group_letter(const char *name)
{
    if (strncmp(name, "Group ", 6) == 0) name += 6;
    return name[0] >= 'A' && name[0] <= 'P' && !name[1] ? name[0] : 0;
}

static int group_by_letter(const struct tl_edition *e, char letter)
{
    for (size_t g = 0; g < e->ng; g++)
        if (group_letter(e->g[g].name) == letter) return (int)g;
    return -1;
}

/* "3A/D/E/F" facing side vs: the third the rules' table sends there */
static const char *third_slot(const struct tl_edition *e, const struct tl_standings *const *tables,
                              const char *slot, const char *vs)
{
    int first = group_by_letter(e, slot[1]);
    if (first < 0 || !vs) return NULL;
    int round = e->g[first].round;
    struct tl_rules r;
    const char *name;
    struct tl_error err;
    tl_err_clear(&err);
    if (tl_rules_for(e, round, &r, &name, &err) || !r.third_table) return NULL;
    /* every group of the round complete, then the thirds ranked */
    enum { MAXG = 64 };
    if (e->ng > MAXG) return NULL;
    const struct tl_standings *only[MAXG];
    unsigned char unsure[MAXG] = {0};
    for (size_t g = 0; g < e->ng; g++) {
        only[g] = NULL;
        if (e->g[g].round != round) continue;
        const struct tl_standings *t = tables ? tables[g] : NULL;
        if (!t || t->unplayed || t->n < 3 || !group_letter(e->g[g].name)) return NULL;
        /* a third level with the second or fourth (lots, not the data): who
         * is third is unknown, but if the level teams' records are the same
         * to the thirds' ranking, where this group's third ranks is known
         * (1990: Ireland and the Netherlands) */
        int lo = 2, hi = 2;
        while (lo > 0 && t->row[lo].level) lo--;
        while (hi + 1 < t->n && t->row[hi + 1].level) hi++;
        for (int i = lo; i <= hi; i++)
            if (tl_engine_third_cmp(&r, &t->row[i], &t->row[2])) return NULL;
        unsure[g] = lo < hi;
        only[g] = t;
    }
    int order[MAXG], n;
    tl_engine_rank_thirds(&r, e, only, order, &n);
    if (n <= r.best_thirds) return NULL;
    if (!tl_engine_third_cmp(&r, &only[order[r.best_thirds - 1]]->row[2],
                             &only[order[r.best_thirds]]->row[2]))
        return NULL; /* level across the line */
    unsigned letters = 0;
    for (int i = 0; i < r.best_thirds; i++)
        letters |= 1u << (group_letter(e->g[order[i]].name) - 'A');
    int g = group_by_letter(e, tl_rules_third_for(&r, letters, vs));
    return g < 0 || unsure[g] ? NULL : tables[g]->row[2].team;
}

const char *tl_engine_match_slot(const struct tl_edition *e,
                                 const struct tl_standings *const *tables,
                                 const struct tl_tmatch *m, int side)
{
    if (m->team[side]) return m->name[side];
    const char *slot = m->name[side];
    if (!slot || slot[0] != '3' || !strchr(slot, '/')) return tl_engine_slot(e, tables, slot);
    /* the side it faces as a slot ("1B"), or the team that won a group */
    const char *vs = m->name[1 - side];
    char won[4];
    if (m->team[1 - side] && tables) {
        vs = NULL;
        for (size_t g = 0; g < e->ng && !vs; g++) {
            char l = group_letter(e->g[g].name);
            if (l && tables[g] && !tables[g]->unplayed && tables[g]->n &&
                strcmp(tables[g]->row[0].team, m->name[1 - side]) == 0) {
                snprintf(won, sizeof won, "1%c", l);
                vs = won;
            }
        }
    }
    return third_slot(e, tables, slot, vs);
}

int tl_engine_is_third_place(const struct tl_tmatch *m)
{
    if (!m->stage) return 0;
    char s[64];
    size_t n = 0;
    for (; m->stage[n] && n + 1 < sizeof s; n++)
        s[n] = (char)(m->stage[n] >= 'A' && m->stage[n] <= 'Z' ? m->stage[n] + 32 : m->stage[n]);
    s[n] = '\0';
    return strstr(s, "third") || strstr(s, "3rd");
}

/* Does match a (of an earlier round) feed side `side` of match b? */
static int feeds(const struct tl_edition *e, int a, int b, int side)
{
    const struct tl_tmatch *x = &e->m[a], *y = &e->m[b];
    const char *slot = y->name[side];
    if (!y->team[side] && slot && slot[0] == 'W' && x->match_no && atoi(slot + 1) == x->match_no)
        return 1;
    int w = tl_engine_winner(x);
    return w >= 0 && y->team[side] && x->team[w] == y->team[side];
}

void tl_engine_bracket(const struct tl_edition *e, struct tl_bracket *out)
{
    memset(out, 0, sizeof *out);
    out->third = -1;
    /* the knockout matches by level; a replay (the same teams again in the
     * round) stands for the match it replays */
    int by[TL_STAGE__COUNT][TL_BRACKET_MAX], nby[TL_STAGE__COUNT] = {0};
    for (size_t i = 0; i < e->nm; i++) {
        int l = tl_engine_match_level(e, i);
        if (l < TL_STAGE_ROUND_OF_32) continue;
        if (tl_engine_is_third_place(&e->m[i])) {
            out->third = (int)i;
            continue;
        }
        int replaced = 0;
        for (int k = 0; k < nby[l]; k++) {
            const struct tl_tmatch *o = &e->m[by[l][k]];
            if (o->team[0] && ((o->team[0] == e->m[i].team[0] && o->team[1] == e->m[i].team[1]) ||
                               (o->team[0] == e->m[i].team[1] && o->team[1] == e->m[i].team[0]))) {
                by[l][k] = (int)i; /* the later one decided */
                replaced = 1;
            }
        }
        if (!replaced && nby[l] < TL_BRACKET_MAX) by[l][nby[l]++] = (int)i;
    }
    /* rounds from the first to the final */
    int levels[TL_STAGE__COUNT], nl = 0;
    for (int l = TL_STAGE_ROUND_OF_32; l <= TL_STAGE_FINAL; l++)
        if (nby[l]) levels[nl++] = l;
    if (!nl) return;
    out->nrounds = nl;
    for (int r = 0; r < nl; r++) out->level[r] = levels[r];
    /* the last round as it is; each earlier round ordered by what it feeds */
    int last = levels[nl - 1];
    memcpy(out->match[nl - 1], by[last], (size_t)nby[last] * sizeof by[last][0]);
    out->n[nl - 1] = nby[last];
    for (int r = nl - 2; r >= 0; r--) {
        int l = levels[r];
        int used[TL_BRACKET_MAX] = {0};
        int n = 0;
        for (int k = 0; k < out->n[r + 1]; k++)
            for (int side = 0; side < 2; side++)
                for (int j = 0; j < nby[l]; j++)
                    if (!used[j] && feeds(e, by[l][j], out->match[r + 1][k], side)) {
                        used[j] = 1;
                        out->match[r][n++] = by[l][j];
                        break;
                    }
        for (int j = 0; j < nby[l]; j++) /* anything the data does not link, at the end */
            if (!used[j] && n < TL_BRACKET_MAX) out->match[r][n++] = by[l][j];
        out->n[r] = n;
    }
}
