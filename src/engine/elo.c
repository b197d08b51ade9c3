/* engine/elo.c: World Football Elo ratings (eloratings.net's method).
 *
 * After a match, the home side gains K * G * (W - We) and the away side
 * loses as much:
 *   K   by match type: 60 World Cup finals, 50 continental finals and major
 *       intercontinental tournaments, 40 qualifiers and the Nations
 *       Leagues, 30 other tournaments, 20 friendlies;
 *   G   by goal difference N: 1 for 0 or 1, 1.5 for 2, 1.75 for 3,
 *       1.75 + (N - 3) / 8 beyond;
 *   W   1 win, 0.5 draw (a match decided on penalties is a draw), 0 loss;
 *   We  1 / (10^(-dr / 400) + 1), dr the rating difference with 100 points
 *       added for the side playing at home (not on neutral ground).
 * A team's first match starts it at TL_ELO_START. */
#include "touchline/engine.h"

#include <math.h>
#include <string.h>

/* continental championship finals and major intercontinental tournaments,
 * under their names in the results data */
static const char *const continental[] = {
    "UEFA Euro", "Copa América", "African Cup of Nations", "AFC Asian Cup", "Gold Cup",
    "CONCACAF Championship", "Oceania Nations Cup", "Confederations Cup",
    "CONMEBOL–UEFA Cup of Champions",
};
/* competitions rated as qualifiers: "major tournaments" below the finals */
static const char *const major[] = {"UEFA Nations League", "CONCACAF Nations League"};

static int ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    return n >= m && strcmp(s + n - m, suffix) == 0;
}

enum tl_elo_class tl_elo_class(const char *competition)
{
    if (!competition || strcmp(competition, "Friendly") == 0) return TL_ELO_FRIENDLY;
    if (ends_with(competition, " qualification")) return TL_ELO_QUALIFIER;
    if (strcmp(competition, "FIFA World Cup") == 0) return TL_ELO_WORLD_CUP;
    for (size_t i = 0; i < sizeof continental / sizeof *continental; i++)
        if (strcmp(competition, continental[i]) == 0) return TL_ELO_CONTINENTAL;
    for (size_t i = 0; i < sizeof major / sizeof *major; i++)
        if (strcmp(competition, major[i]) == 0) return TL_ELO_QUALIFIER;
    return TL_ELO_TOURNAMENT;
}

int tl_elo_k(enum tl_elo_class c)
{
    static const int k[] = {60, 50, 40, 30, 20};
    return (unsigned)c < sizeof k / sizeof *k ? k[c] : 20;
}

const char *tl_elo_class_name(enum tl_elo_class c)
{
    static const char *const names[] = {"World Cup finals", "continental finals",
                                        "qualifier or major tournament", "other tournament",
                                        "friendly"};
    return (unsigned)c < sizeof names / sizeof *names ? names[c] : "friendly";
}

double tl_elo_expected(double dr)
{
    return 1.0 / (pow(10.0, -dr / 400.0) + 1.0);
}

double tl_elo_margin(int goal_difference)
{
    int n = goal_difference < 0 ? -goal_difference : goal_difference;
    if (n <= 1) return 1.0;
    if (n == 2) return 1.5;
    return 1.75 + (n - 3) / 8.0;
}

double tl_elo_change(double home, double away, int neutral, int gh, int ga, int k)
{
    double dr = home - away + (neutral ? 0.0 : TL_ELO_HOME);
    double w = gh > ga ? 1.0 : gh == ga ? 0.5 : 0.0;
    return k * tl_elo_margin(gh - ga) * (w - tl_elo_expected(dr));
}

void tl_elo_run(struct tl_elo_game *g, size_t n, double *rating, int *played)
{
    for (size_t i = 0; i < n; i++) {
        struct tl_elo_game *x = &g[i];
        for (int side = 0; side < 2; side++)
            if (played[x->team[side]]++ == 0) rating[x->team[side]] = TL_ELO_START;
        x->before[0] = rating[x->team[0]];
        x->before[1] = rating[x->team[1]];
        x->change = tl_elo_change(x->before[0], x->before[1], x->neutral, x->goals[0],
                                  x->goals[1], x->k);
        rating[x->team[0]] += x->change;
        rating[x->team[1]] -= x->change;
        x->n[0] = played[x->team[0]];
        x->n[1] = played[x->team[1]];
    }
}
