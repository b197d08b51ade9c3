/* engine/record.c: team records and scorer rankings. */
#include "touchline/engine.h"

#include <stdlib.h>
#include <string.h>

void tl_engine_goals(const struct tl_match *m, int64_t team_id, int *gf, int *ga)
{
    int home = m->home_id == team_id;
    *gf = home ? m->score_home : m->score_away;
    *ga = home ? m->score_away : m->score_home;
}

/* Is result a bigger than result b? Wider margin first; at the same margin
 * more goals in the match (6-1 beats 5-0, and 1-6 is a heavier defeat than
 * 0-5). Ties keep the earlier match. */
static int bigger(int margin_a, int gf_a, int margin_b, int gf_b, int win)
{
    if (margin_a != margin_b) return win ? margin_a > margin_b : margin_a < margin_b;
    return gf_a > gf_b;
}

void tl_engine_team_record(const struct tl_match_list *l, int64_t team_id,
                           struct tl_team_record *out)
{
    memset(out, 0, sizeof *out);
    int bw_margin = 0, bw_gf = 0, bd_margin = 0, bd_gf = 0;
    for (size_t i = 0; i < l->n; i++) {
        const struct tl_match *m = &l->v[i];
        if (m->score_home == TL_NONE || (m->home_id != team_id && m->away_id != team_id)) continue;
        int gf, ga;
        tl_engine_goals(m, team_id, &gf, &ga);
        out->played++;
        out->goals_for += gf;
        out->goals_against += ga;
        if (!out->first || strcmp(m->date, out->first->date) < 0) out->first = m;
        if (!out->last || strcmp(m->date, out->last->date) >= 0) out->last = m;
        int margin = gf - ga;
        if (margin > 0) {
            out->won++;
            if (!out->biggest_win || bigger(margin, gf, bw_margin, bw_gf, 1)) {
                out->biggest_win = m;
                bw_margin = margin;
                bw_gf = gf;
            }
        } else if (margin < 0) {
            out->lost++;
            if (!out->biggest_defeat || bigger(margin, gf, bd_margin, bd_gf, 0)) {
                out->biggest_defeat = m;
                bd_margin = margin;
                bd_gf = gf;
            }
        } else {
            out->drawn++;
        }
        if (m->so_winner) {
            int we_won = (m->home_id == team_id && strcmp(m->so_winner, m->home) == 0) ||
                         (m->away_id == team_id && strcmp(m->so_winner, m->away) == 0);
            if (we_won) out->shootouts_won++;
            else out->shootouts_lost++;
        }
    }
}

static int cmp_scorer(const void *a, const void *b)
{
    const struct tl_scorer_row *x = a, *y = b;
    if (x->goals != y->goals) return y->goals - x->goals;
    int c = strcmp(x->player, y->player);
    if (c) return c;
    return strcmp(x->team, y->team);
}

void tl_engine_rank_scorers(struct tl_scorer_list *l)
{
    if (l->n > 1) qsort(l->v, l->n, sizeof *l->v, cmp_scorer);
    for (size_t i = 0; i < l->n; i++) {
        l->v[i].rank = (i > 0 && l->v[i].goals == l->v[i - 1].goals) ? l->v[i - 1].rank
                                                                       : (int)i + 1;
        l->v[i].tied = 0;
    }
    for (size_t i = 0; i < l->n; i++)
        if ((i > 0 && l->v[i - 1].rank == l->v[i].rank) ||
            (i + 1 < l->n && l->v[i + 1].rank == l->v[i].rank))
            l->v[i].tied = 1;
}
