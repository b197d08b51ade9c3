/* resolve/aliases.c: other names of teams and competitions, as data. The
 * canonical side is the name martj42/international_results uses; the alias
 * side is what openfootball (and FIFA) write. Dates bound an alias that
 * would otherwise mean another team at another time ("Ireland" was Northern
 * Ireland until 1956 in the results data; openfootball uses it for the
 * Republic of Ireland in 1990-2002). */
#include "touchline/resolve.h"

#include <string.h>

const struct tl_alias tl_team_aliases[] = {
    {"United States", "USA", NULL, NULL},
    {"United States", "United States of America", NULL, NULL},
    {"South Korea", "Korea Republic", NULL, NULL},
    {"North Korea", "Korea DPR", NULL, NULL},
    {"Iran", "IR Iran", NULL, NULL},
    {"Ivory Coast", "Côte d'Ivoire", NULL, NULL},
    {"Czech Republic", "Czechia", NULL, NULL},
    {"Turkey", "Türkiye", NULL, NULL},
    {"Cape Verde", "Cabo Verde", NULL, NULL},
    {"DR Congo", "Congo DR", NULL, NULL},
    {"Bosnia and Herzegovina", "Bosnia-Herzegovina", NULL, NULL},
    {"Germany", "West Germany", "1949-01-01", "1990-10-02"},
    {"German DR", "East Germany", NULL, NULL},
    {"China", "China PR", NULL, NULL},
    {"Republic of Ireland", "Ireland", "1956-04-12", NULL},
    /* the results data's "Yugoslavia" is the SFR (to 1992); openfootball
     * also calls FR Yugoslavia (1998) "Yugoslavia" */
    {"Serbia", "Yugoslavia", "1994-12-23", "2003-02-03"},
};
const size_t tl_nteam_aliases = sizeof tl_team_aliases / sizeof tl_team_aliases[0];

const struct tl_alias tl_competition_aliases[] = {
    {"FIFA World Cup", "World Cup", NULL, NULL},
    {"UEFA Euro", "Euro", NULL, NULL},
    {"UEFA Euro", "European Championship", NULL, NULL},
};
const size_t tl_ncompetition_aliases =
    sizeof tl_competition_aliases / sizeof tl_competition_aliases[0];

const char *tl_competition_canonical(const char *name)
{
    char a[160], b[160];
    tl_fold(name, strlen(name), a, sizeof a);
    for (size_t i = 0; i < tl_ncompetition_aliases; i++) {
        tl_fold(tl_competition_aliases[i].alias, strlen(tl_competition_aliases[i].alias), b,
                sizeof b);
        if (strcmp(a, b) == 0) return tl_competition_aliases[i].name;
    }
    return name;
}
