/* model/model.c: names of enums and list destructors. */
#include "touchline/model.h"

#include <math.h>
#include <string.h>

static const char *const status_names[] = {"scheduled", "live", "finished", "abandoned"};

const char *tl_status_name(enum tl_match_status s)
{
    return (unsigned)s < 4 ? status_names[s] : "unknown";
}

static const char *const event_names[TL_EV__COUNT] = {
    "goal", "penalty_goal", "own_goal", "penalty_missed", "yellow",
    "second_yellow", "red", "substitution", "shootout_kick",
};

const char *tl_event_kind_name(enum tl_event_kind k)
{
    return (unsigned)k < TL_EV__COUNT ? event_names[k] : "unknown";
}

int tl_event_kind_parse(const char *s, enum tl_event_kind *out)
{
    for (int i = 0; i < TL_EV__COUNT; i++)
        if (strcmp(s, event_names[i]) == 0) {
            *out = (enum tl_event_kind)i;
            return 0;
        }
    return -1;
}

void tl_match_list_free(struct tl_match_list *l)
{
    for (size_t i = 0; i < l->n; i++) {
        struct tl_match *m = &l->v[i];
        tl_free(m->home);
        tl_free(m->away);
        tl_free(m->tournament);
        tl_free(m->city);
        tl_free(m->country);
        tl_free(m->so_winner);
        tl_free(m->so_first);
        tl_free(m->source_file);
        tl_free(m->venue);
        tl_free(m->referee);
        tl_free(m->stage);
        tl_free(m->group);
        tl_free(m->edition);
        tl_free(m->kickoff);
    }
    tl_free(l->v);
    memset(l, 0, sizeof *l);
}

void tl_event_list_free(struct tl_event_list *l)
{
    for (size_t i = 0; i < l->n; i++) {
        tl_free(l->v[i].team);
        tl_free(l->v[i].player);
        tl_free(l->v[i].player2);
        tl_free(l->v[i].outcome);
        tl_free(l->v[i].source_file);
    }
    tl_free(l->v);
    memset(l, 0, sizeof *l);
}

void tl_scorer_list_free(struct tl_scorer_list *l)
{
    for (size_t i = 0; i < l->n; i++) {
        tl_free(l->v[i].player);
        tl_free(l->v[i].team);
    }
    tl_free(l->v);
    memset(l, 0, sizeof *l);
}

void tl_name_list_free(struct tl_name_list *l)
{
    for (size_t i = 0; i < l->n; i++) {
        tl_free(l->v[i].name);
        tl_free(l->v[i].folded);
        tl_free(l->v[i].team);
    }
    tl_free(l->v);
    memset(l, 0, sizeof *l);
}

void tl_lineup_list_free(struct tl_lineup_list *l)
{
    for (size_t i = 0; i < l->n; i++) {
        tl_free(l->v[i].team);
        tl_free(l->v[i].player);
        tl_free(l->v[i].position);
    }
    tl_free(l->v);
    tl_free(l->source_file);
    memset(l, 0, sizeof *l);
}

void tl_action_list_free(struct tl_action_list *l)
{
    for (size_t i = 0; i < l->n; i++) {
        struct tl_action *a = &l->v[i];
        char *f[] = {a->type, a->team, a->player, a->other, a->position, a->outcome,
                     a->subtype, a->body_part, a->technique, a->card};
        for (size_t k = 0; k < sizeof f / sizeof *f; k++) tl_free(f[k]);
    }
    tl_free(l->v);
    tl_free(l->source_file);
    memset(l, 0, sizeof *l);
}

void tl_elo_games_free(struct tl_elo_games *l)
{
    for (size_t i = 0; i < l->n; i++) tl_free(l->v[i].competition);
    tl_free(l->v);
    memset(l, 0, sizeof *l);
}

void tl_rating_list_free(struct tl_rating_list *l)
{
    for (size_t i = 0; i < l->n; i++) {
        tl_free(l->v[i].team);
        tl_free(l->v[i].opponent);
        tl_free(l->v[i].competition);
    }
    tl_free(l->v);
    memset(l, 0, sizeof *l);
}

void tl_shootout_list_free(struct tl_shootout_list *l)
{
    for (size_t i = 0; i < l->n; i++) {
        tl_free(l->v[i].home);
        tl_free(l->v[i].away);
        tl_free(l->v[i].tournament);
    }
    tl_free(l->v);
    memset(l, 0, sizeof *l);
}

void tl_penalty_list_free(struct tl_penalty_list *l)
{
    for (size_t i = 0; i < l->n; i++) {
        tl_free(l->v[i].player);
        tl_free(l->v[i].team);
    }
    tl_free(l->v);
    memset(l, 0, sizeof *l);
}

void tl_ms_match_list_free(struct tl_ms_match_list *l)
{
    for (size_t i = 0; i < l->n; i++) {
        tl_free(l->v[i].name[0]);
        tl_free(l->v[i].name[1]);
        tl_free(l->v[i].competition);
        tl_free(l->v[i].stage);
    }
    tl_free(l->v);
    memset(l, 0, sizeof *l);
}

void tl_ms_goal_list_free(struct tl_ms_goal_list *l)
{
    for (size_t i = 0; i < l->n; i++) {
        tl_free(l->v[i].player);
        tl_free(l->v[i].source);
    }
    tl_free(l->v);
    memset(l, 0, sizeof *l);
}

void tl_baseline_list_free(struct tl_baseline_list *l)
{
    for (size_t i = 0; i < l->n; i++) {
        tl_free(l->v[i].player);
        tl_free(l->v[i].team);
        tl_free(l->v[i].source);
    }
    tl_free(l->v);
    memset(l, 0, sizeof *l);
}

void tl_milestone_list_free(struct tl_milestone_list *l)
{
    for (size_t i = 0; i < l->n; i++) {
        tl_free(l->v[i].text);
        tl_free(l->v[i].rests_on);
        tl_free(l->v[i].coverage);
    }
    tl_free(l->v);
    memset(l, 0, sizeof *l);
}

static const char *const kind_names[TL_MS__COUNT] = {
    "nth_goal",      "record_equalled", "record_broken",  "competition_goal", "hat_trick",
    "fastest_goal",  "scoring_run",     "editions_run",   "oldest_scorer",    "youngest_scorer",
    "first_win",     "team_first_stage", "confederation_first_stage"};

const char *tl_ms_kind_name(enum tl_ms_kind k)
{
    return (unsigned)k < TL_MS__COUNT ? kind_names[k] : "?";
}

int tl_ms_kind_parse(const char *s)
{
    for (int k = 0; k < TL_MS__COUNT; k++)
        if (strcmp(s, kind_names[k]) == 0) return k;
    return -1;
}

static const char *const fact_names[TL_F__COUNT] = {
    "result",      "goal",    "penalty_missed", "red_card",    "shootout", "next_match",
    "out",         "table",   "milestone",      "holders",     "titles",   "runners_up",
    "other_match", "form",    "head_to_head",   "probabilities"};

const char *tl_fact_kind_name(enum tl_fact_kind k)
{
    return (unsigned)k < TL_F__COUNT ? fact_names[k] : "?";
}

void tl_fact_list_free(struct tl_fact_list *l)
{
    for (size_t i = 0; i < l->n; i++) {
        struct tl_fact *f = &l->v[i];
        char *s[] = {f->source, f->team, f->opponent, f->player, f->keeper, f->competition,
                     f->stage, f->group, f->venue, f->city, f->how, f->text};
        for (size_t k = 0; k < sizeof s / sizeof *s; k++) tl_free(s[k]);
    }
    tl_free(l->v);
    memset(l, 0, sizeof *l);
}

struct tl_fact *tl_fact_add(struct tl_fact_list *l, enum tl_fact_kind kind)
{
    if (l->n == l->alloc) {
        size_t na = l->alloc ? l->alloc * 2 : 32;
        struct tl_fact *p = tl_realloc(l->v, na * sizeof *p);
        if (!p) return NULL;
        l->v = p;
        l->alloc = na;
    }
    struct tl_fact *f = &l->v[l->n++];
    memset(f, 0, sizeof *f);
    f->kind = kind;
    f->side = -1;
    f->minute = TL_NONE;
    f->kicks[0] = f->kicks[1] = TL_NONE;
    return f;
}

void tl_competition_list_free(struct tl_competition_list *l)
{
    for (size_t i = 0; i < l->n; i++) {
        tl_free(l->v[i].name);
        tl_free(l->v[i].editions);
    }
    tl_free(l->v);
    memset(l, 0, sizeof *l);
}

int tl_fair_points(int yellow, int second, int red)
{
    if (second) return -3;
    return -(yellow ? 1 : 0) - (red ? 4 : 0);
}

void tl_written_minute(int period, int elapsed, int *minute, int *added)
{
    static const int end[] = {0, 45, 90, 105, 120};
    int m = elapsed + 1;
    if (period >= 1 && period <= 4 && m > end[period]) {
        *minute = end[period];
        *added = m - end[period];
    } else {
        *minute = m;
        *added = 0;
    }
}

const char *tl_miss_how(const char *outcome, double end_z)
{
    if (!outcome) return "off_target";
    if (strncmp(outcome, "Saved", 5) == 0 || strcmp(outcome, "Blocked") == 0) return "saved";
    if (strcmp(outcome, "Post") == 0) return "woodwork";
    if (!isnan(end_z) && end_z > TL_CROSSBAR) return "over";
    return "off_target";
}

void tl_edition_free(struct tl_edition *e)
{
    for (size_t i = 0; i < e->nm; i++) {
        struct tl_tmatch *m = &e->m[i];
        for (int k = 0; k < 2; k++) {
            tl_free(m->name[k]);
            tl_free(m->current[k]);
        }
        tl_free(m->stage);
        tl_free(m->venue);
        tl_free(m->city);
        tl_free(m->country);
    }
    for (size_t i = 0; i < e->ng; i++) {
        tl_free(e->g[i].name);
        tl_free(e->g[i].stage);
    }
    tl_free(e->m);
    tl_free(e->g);
    tl_free(e->competition);
    tl_free(e->edition);
    memset(e, 0, sizeof *e);
}
