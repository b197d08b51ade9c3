/* engine/confed.c: which confederation a national team belonged to in a
 * year, as data, and the stages of a tournament by how far they go.
 *
 * Source: FIFA's member associations by confederation (inside.fifa.com,
 * "Member associations"), for the teams that have played a World Cup, with
 * the moves that changed a team's confederation: Israel (AFC until 1974,
 * then outside any confederation, UEFA from 1994), Australia (OFC until
 * 2005, AFC from 2006), Kazakhstan (AFC until 2001, UEFA from 2002). */
#include "touchline/engine.h"

#include <string.h>

const char *const tl_confederation_source =
    "FIFA member associations by confederation (inside.fifa.com); moves: Israel AFC to 1974, "
    "UEFA from 1994; Australia OFC to 2005, AFC from 2006; Kazakhstan AFC to 2001, UEFA from "
    "2002";

static const struct member {
    const char *team;   /* as the results data names it */
    const char *confed;
    int from, to;       /* years (0 = open) */
} members[] = {
    /* AFC */
    {"Australia", "AFC", 2006, 0}, {"China", "AFC", 0, 0}, {"Indonesia", "AFC", 0, 0},
    {"Iran", "AFC", 0, 0}, {"Iraq", "AFC", 0, 0}, {"Israel", "AFC", 0, 1974},
    {"Japan", "AFC", 0, 0}, {"Jordan", "AFC", 0, 0}, {"Kuwait", "AFC", 0, 0},
    {"North Korea", "AFC", 0, 0}, {"Qatar", "AFC", 0, 0}, {"Saudi Arabia", "AFC", 0, 0},
    {"South Korea", "AFC", 0, 0}, {"United Arab Emirates", "AFC", 0, 0},
    {"Uzbekistan", "AFC", 0, 0}, {"Kazakhstan", "AFC", 0, 2001},
    /* CAF */
    {"Algeria", "CAF", 0, 0}, {"Angola", "CAF", 0, 0}, {"Cameroon", "CAF", 0, 0},
    {"Cape Verde", "CAF", 0, 0}, {"DR Congo", "CAF", 0, 0}, {"Egypt", "CAF", 0, 0},
    {"Ghana", "CAF", 0, 0}, {"Ivory Coast", "CAF", 0, 0}, {"Morocco", "CAF", 0, 0},
    {"Nigeria", "CAF", 0, 0}, {"Senegal", "CAF", 0, 0}, {"South Africa", "CAF", 0, 0},
    {"Togo", "CAF", 0, 0}, {"Tunisia", "CAF", 0, 0},
    /* CONCACAF */
    {"Canada", "CONCACAF", 0, 0}, {"Costa Rica", "CONCACAF", 0, 0}, {"Cuba", "CONCACAF", 0, 0},
    {"Curaçao", "CONCACAF", 0, 0}, {"El Salvador", "CONCACAF", 0, 0},
    {"Haiti", "CONCACAF", 0, 0}, {"Honduras", "CONCACAF", 0, 0}, {"Jamaica", "CONCACAF", 0, 0},
    {"Mexico", "CONCACAF", 0, 0}, {"Panama", "CONCACAF", 0, 0},
    {"Trinidad and Tobago", "CONCACAF", 0, 0}, {"United States", "CONCACAF", 0, 0},
    /* CONMEBOL */
    {"Argentina", "CONMEBOL", 0, 0}, {"Bolivia", "CONMEBOL", 0, 0}, {"Brazil", "CONMEBOL", 0, 0},
    {"Chile", "CONMEBOL", 0, 0}, {"Colombia", "CONMEBOL", 0, 0}, {"Ecuador", "CONMEBOL", 0, 0},
    {"Paraguay", "CONMEBOL", 0, 0}, {"Peru", "CONMEBOL", 0, 0}, {"Uruguay", "CONMEBOL", 0, 0},
    /* OFC */
    {"Australia", "OFC", 0, 2005}, {"New Zealand", "OFC", 0, 0},
    /* UEFA */
    {"Austria", "UEFA", 0, 0}, {"Belgium", "UEFA", 0, 0},
    {"Bosnia and Herzegovina", "UEFA", 0, 0}, {"Bulgaria", "UEFA", 0, 0},
    {"Croatia", "UEFA", 0, 0}, {"Czech Republic", "UEFA", 0, 0},
    {"Czechoslovakia", "UEFA", 0, 0}, {"Denmark", "UEFA", 0, 0}, {"England", "UEFA", 0, 0},
    {"France", "UEFA", 0, 0}, {"German DR", "UEFA", 0, 0}, {"Germany", "UEFA", 0, 0},
    {"Greece", "UEFA", 0, 0}, {"Hungary", "UEFA", 0, 0}, {"Iceland", "UEFA", 0, 0},
    {"Israel", "UEFA", 1994, 0}, {"Italy", "UEFA", 0, 0}, {"Kazakhstan", "UEFA", 2002, 0},
    {"Netherlands", "UEFA", 0, 0}, {"Northern Ireland", "UEFA", 0, 0},
    {"Norway", "UEFA", 0, 0}, {"Poland", "UEFA", 0, 0}, {"Portugal", "UEFA", 0, 0},
    {"Republic of Ireland", "UEFA", 0, 0}, {"Romania", "UEFA", 0, 0},
    {"Russia", "UEFA", 0, 0}, {"Scotland", "UEFA", 0, 0}, {"Serbia", "UEFA", 0, 0},
    {"Slovakia", "UEFA", 0, 0}, {"Slovenia", "UEFA", 0, 0}, {"Spain", "UEFA", 0, 0},
    {"Sweden", "UEFA", 0, 0}, {"Switzerland", "UEFA", 0, 0}, {"Turkey", "UEFA", 0, 0},
    {"Ukraine", "UEFA", 0, 0}, {"Wales", "UEFA", 0, 0}, {"Yugoslavia", "UEFA", 0, 0},
};

const char *tl_confederation(const char *team, int year)
{
    for (size_t i = 0; i < sizeof members / sizeof *members; i++) {
        const struct member *m = &members[i];
        if (strcmp(m->team, team) == 0 && (!m->from || year >= m->from) &&
            (!m->to || year <= m->to))
            return m->confed;
    }
    return NULL;
}

static const char *const level_names[TL_STAGE__COUNT] = {
    "group stage", "round of 32", "round of 16", "quarter-final", "semi-final", "final"};

const char *tl_stage_level_name(enum tl_stage_level l)
{
    return (unsigned)l < TL_STAGE__COUNT ? level_names[l] : "?";
}

int tl_stage_level_parse(const char *s, enum tl_stage_level *out)
{
    for (int i = 0; i < TL_STAGE__COUNT; i++)
        if (strcmp(s, level_names[i]) == 0) {
            *out = (enum tl_stage_level)i;
            return 0;
        }
    return -1;
}

/* A match's stage by how far it goes, from the stage's name as the sources
 * write it ("Semi-finals", "Semifinals", "Quarter-finals, Replays", "First
 * round" of a knockout edition). A third-place match is played by the
 * semi-finalists. -1 when the name says nothing. */
int tl_stage_level(const char *stage, int in_group)
{
    if (in_group || !stage) return in_group ? TL_STAGE_GROUP : -1;
    char s[64];
    size_t n = 0;
    for (; stage[n] && n + 1 < sizeof s; n++)
        s[n] = (char)(stage[n] >= 'A' && stage[n] <= 'Z' ? stage[n] + 32 : stage[n]);
    s[n] = '\0';
    if (strstr(s, "third") || strstr(s, "3rd")) return TL_STAGE_SEMI_FINAL;
    if (strstr(s, "semi")) return TL_STAGE_SEMI_FINAL;
    if (strstr(s, "quarter")) return TL_STAGE_QUARTER_FINAL;
    if (strstr(s, "round of 16") || strstr(s, "eighth")) return TL_STAGE_ROUND_OF_16;
    if (strstr(s, "round of 32")) return TL_STAGE_ROUND_OF_32;
    if (strcmp(s, "final") == 0) return TL_STAGE_FINAL;
    return -1; /* "First round", "Preliminary round": see tl_engine_match_level */
}

int tl_engine_match_level(const struct tl_edition *e, size_t i)
{
    const struct tl_tmatch *m = &e->m[i];
    if (m->group >= 0) return TL_STAGE_GROUP;
    if (m->playoff_of >= 0) return TL_STAGE_GROUP;
    int level = tl_stage_level(m->stage, 0);
    if (level >= 0 || !m->stage) return level;
    /* a name that says nothing of how far it goes (the knockout World Cups'
     * "First round", 1934's "Preliminary round"): by how many matches the
     * stage has, replays aside */
    size_t base = strcspn(m->stage, ",");
    int n = 0;
    for (size_t j = 0; j < e->nm; j++)
        if (e->m[j].stage && e->m[j].group < 0 && strlen(e->m[j].stage) == base &&
            strncmp(e->m[j].stage, m->stage, base) == 0)
            n++;
    return n == 1 ? TL_STAGE_FINAL : n == 2 ? TL_STAGE_SEMI_FINAL : n <= 4 ? TL_STAGE_QUARTER_FINAL
           : n <= 8 ? TL_STAGE_ROUND_OF_16 : TL_STAGE_ROUND_OF_32;
}
