/* engine/bracket.c: the knockout rounds as a bracket, and what the slots
 * of a draw ("W49", "1A") mean once results are in. */
#include "touchline/engine.h"

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
                return tl_engine_slot(e, tables, m->name[side]);
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

static int is_third_place(const struct tl_tmatch *m)
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
        if (is_third_place(&e->m[i])) {
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
