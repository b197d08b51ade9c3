/* engine/history.c: how an edition ended, and where it was played. */
#include "touchline/engine.h"

#include <stdio.h>
#include <string.h>

/* The countries the edition's matches were played in, the most used first
 * ("South Korea, Japan"). */
static void hosts(const struct tl_edition *e, char *out, size_t cap)
{
    const char *name[8];
    int count[8], n = 0;
    for (size_t i = 0; i < e->nm; i++) {
        const char *c = e->m[i].country;
        if (!c || !*c) continue;
        int k = 0;
        while (k < n && strcmp(name[k], c) != 0) k++;
        if (k == n) {
            if (n == 8) continue;
            name[n] = c;
            count[n++] = 0;
        }
        count[k]++;
    }
    for (int i = 1; i < n; i++) /* most matches first */
        for (int j = i; j > 0 && count[j] > count[j - 1]; j--) {
            int t = count[j];
            count[j] = count[j - 1], count[j - 1] = t;
            const char *s = name[j];
            name[j] = name[j - 1], name[j - 1] = s;
        }
    size_t len = 0;
    out[0] = '\0';
    for (int i = 0; i < n && len < cap; i++)
        len += (size_t)snprintf(out + len, cap - len, "%s%s", i ? ", " : "", name[i]);
}

void tl_engine_outcome(const struct tl_edition *e, const struct tl_standings *const *tables,
                       struct tl_outcome *out)
{
    memset(out, 0, sizeof *out);
    out->by_group = -1;
    hosts(e, out->hosts, sizeof out->hosts);
    /* the last match played; an edition with a match still to play after it
     * is not decided */
    const struct tl_tmatch *last = NULL;
    for (size_t i = 0; i < e->nm; i++) {
        const struct tl_tmatch *m = &e->m[i];
        if (m->score[0] == TL_NONE) continue;
        if (!last || strcmp(m->date, last->date) >= 0) last = m;
    }
    if (!last) return;
    for (size_t i = 0; i < e->nm; i++)
        if (e->m[i].score[0] == TL_NONE && strcmp(e->m[i].date, last->date) > 0) return;
    if (last->group >= 0) {
        const struct tl_standings *t = tables[last->group];
        if (!t || t->n < 2 || t->unplayed || t->row[1].level) return;
        out->decided = 1;
        out->by_group = last->group;
        out->winner_id = t->row[0].team_id;
        out->winner = t->row[0].team;
        out->runner_up_id = t->row[1].team_id;
        out->runner_up = t->row[1].team;
        snprintf(out->how, sizeof out->how, "%s, %d points to %d", e->g[last->group].name,
                 t->row[0].points, t->row[1].points);
        return;
    }
    int w;
    if (last->score[0] != last->score[1]) w = last->score[0] > last->score[1] ? 0 : 1;
    else if (last->so_winner) w = last->so_winner == last->team[0] ? 0 : 1;
    else if (last->so[0] != TL_NONE && last->so[0] != last->so[1]) w = last->so[0] > last->so[1] ? 0 : 1;
    else return; /* a drawn final without a winner in the data (a replay?) */
    out->decided = 1;
    out->final = last;
    out->winner_id = last->team[w];
    out->winner = last->name[w];
    out->runner_up_id = last->team[1 - w];
    out->runner_up = last->name[1 - w];
    int n = snprintf(out->how, sizeof out->how, "%d-%d", last->score[w], last->score[1 - w]);
    if (n > 0 && last->aet && (size_t)n < sizeof out->how)
        n += snprintf(out->how + n, sizeof out->how - (size_t)n, " aet");
    if (n > 0 && last->so[0] != TL_NONE && (size_t)n < sizeof out->how)
        snprintf(out->how + n, sizeof out->how - (size_t)n, ", %d-%d on penalties", last->so[w],
                 last->so[1 - w]);
}

int tl_engine_firsts(const struct tl_edition *e, const struct tl_outcome *o, size_t n,
                     struct tl_first *out)
{
    static const char *const confeds[TL_CONFEDERATIONS] = {"AFC",  "CAF", "CONCACAF",
                                                           "CONMEBOL", "OFC", "UEFA"};
    int nout = 0;
    for (int c = 0; c < TL_CONFEDERATIONS; c++)
        for (int level = 0; level <= TL_STAGE__COUNT; level++) {
            /* a first appearance, then the quarter-finals on: the rounds of 32
             * and 16 are not comparable across formats (1938's first round
             * was a round of 16) */
            if (level == TL_STAGE_ROUND_OF_32 || level == TL_STAGE_ROUND_OF_16) continue;
            struct tl_first *f = &out[nout];
            memset(f, 0, sizeof *f);
            for (size_t i = 0; i < n && !f->nteams; i++) {
                /* each team's furthest stage in edition i (or the title) */
                for (size_t j = 0; j < e[i].nm; j++) {
                    const struct tl_tmatch *m = &e[i].m[j];
                    int l = tl_engine_match_level(&e[i], j);
                    if (l < 0 && level < TL_STAGE__COUNT) continue;
                    for (int k = 0; k < 2; k++) {
                        const char *team = m->current[k] ? m->current[k] : m->name[k];
                        if (!m->team[k] || !team) continue;
                        const char *cf = tl_confederation(team, e[i].year);
                        if (!cf || strcmp(cf, confeds[c]) != 0) continue;
                        int did = level == TL_STAGE__COUNT
                                      ? o[i].decided && o[i].winner_id == m->team[k]
                                      : l >= level;
                        if (!did) continue;
                        int seen = 0;
                        for (int t = 0; t < f->nteams; t++)
                            if (strcmp(f->team[t], m->name[k]) == 0) seen = 1;
                        if (!seen && f->nteams < 8) f->team[f->nteams++] = m->name[k];
                    }
                }
                if (f->nteams) {
                    f->confed = confeds[c];
                    f->level = level;
                    f->edition = e[i].edition;
                }
            }
            if (f->nteams) nout++;
        }
    return nout;
}

const char *tl_engine_how_far(const struct tl_edition *e, const struct tl_outcome *o,
                              int64_t team_id)
{
    if (!team_id) return NULL;
    int best = -1, round = 0, third = -1; /* third: 1 won the third-place match, 0 lost */
    for (size_t i = 0; i < e->nm; i++) {
        const struct tl_tmatch *m = &e->m[i];
        int side = m->team[0] == team_id ? 0 : m->team[1] == team_id ? 1 : -1;
        if (side < 0) continue;
        int l = tl_engine_match_level(e, i);
        if (l < 0) l = TL_STAGE_GROUP;
        if (l > best) best = l;
        if (m->group >= 0 && e->g[m->group].round > round) round = e->g[m->group].round;
        if (tl_engine_is_third_place(m)) {
            int w = tl_engine_winner(m);
            third = w < 0 ? -1 : w == side;
        }
    }
    if (best < 0) return NULL;
    if (o && o->decided && o->winner_id == team_id) return "champions";
    if (o && o->decided && o->runner_up_id == team_id) return "runner-up";
    if (third == 1) return "third place";
    if (third == 0) return "fourth place";
    if (best > TL_STAGE_GROUP) return tl_stage_level_name((enum tl_stage_level)best);
    if (round >= 2)
        return o && o->by_group >= 0 && e->g[o->by_group].round == round ? "final round"
                                                                         : "second group round";
    return "group stage";
}
