/* load/elo.c: keep the stored Elo ratings up to date. Only what changed is
 * rated again: the results from the earliest new, changed or removed one
 * on, starting from the ratings the day before; a new result at the end of
 * the data rates one match, not 150 years. */
#include "touchline/engine.h"
#include "touchline/load.h"

#include <string.h>

tl_rc tl_load_elo(tl_store *s, int rebuild, struct tl_elo_update *u, struct tl_error *err)
{
    memset(u, 0, sizeof *u);
    tl_rc rc = tl_store_begin_derived(s, err);
    if (rc) return rc;
    char from[11];
    rc = tl_store_elo_stale(s, TL_ELO_PARAMS, from, err);
    if (!rc && rebuild) strcpy(from, "0000-00-00");
    if (rc || !from[0]) {
        tl_store_rollback(s);
        return rc;
    }
    struct tl_elo_games g = {0};
    struct tl_rating_list before = {0};
    double *rating = NULL;
    int *played = NULL;
    int64_t *teams = NULL;
    if (!rc) rc = tl_store_elo_games(s, from, &g, err);
    if (!rc && strcmp(from, "0000-00-00") != 0 && g.n) {
        /* the ratings the teams to rate had before: the distinct teams */
        teams = tl_calloc(2 * g.n, sizeof *teams);
        size_t nt = 0;
        if (!teams) rc = tl_err(err, TL_ENOMEM, "out of memory");
        for (size_t i = 0; !rc && i < g.n; i++)
            for (int k = 0; k < 2; k++) {
                size_t j = 0;
                while (j < nt && teams[j] != g.v[i].team[k]) j++;
                if (j == nt && nt < 2 * g.n) teams[nt++] = g.v[i].team[k];
            }
        if (!rc) rc = tl_store_elo_before(s, teams, nt, from, &before, err);
    }
    int max = 0;
    for (size_t i = 0; !rc && i < g.n; i++)
        for (int k = 0; k < 2; k++)
            if (g.v[i].team[k] > max) max = g.v[i].team[k];
    for (size_t i = 0; !rc && i < before.n; i++)
        if (before.v[i].team_id > max) max = (int)before.v[i].team_id;
    if (!rc) {
        rating = tl_calloc((size_t)max + 1, sizeof *rating);
        played = tl_calloc((size_t)max + 1, sizeof *played);
        if (!rating || !played) rc = tl_err(err, TL_ENOMEM, "out of memory");
    }
    for (size_t i = 0; !rc && i < before.n; i++) {
        rating[before.v[i].team_id] = before.v[i].rating;
        played[before.v[i].team_id] = before.v[i].matches;
    }
    if (!rc) {
        for (size_t i = 0; i < g.n; i++) g.v[i].k = tl_elo_k(tl_elo_class(g.v[i].competition));
        tl_elo_run(g.v, g.n, rating, played);
        rc = tl_store_elo_save(s, from, TL_ELO_PARAMS, g.v, g.n, err);
    }
    if (!rc) rc = tl_store_commit_derived(s, err);
    else tl_store_rollback(s);
    if (!rc) {
        strcpy(u->from, from);
        u->rated = (long)g.n;
    }
    tl_free(rating);
    tl_free(played);
    tl_free(teams);
    tl_elo_games_free(&g);
    tl_rating_list_free(&before);
    return rc;
}
