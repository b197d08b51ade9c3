/* cli/cmd_tournament.c: `touchline standings`: group tables by the rules of
 * their era, with why each tie went the way it did. */
#include "cli.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

struct group_out {
    int g;
    struct tl_rules rules;
    const char *rules_name;
    struct tl_standings t;
};

int cli_load_rules(struct cli *c, const struct tl_edition *e, int round, struct tl_rules *r,
                   const char **name)
{
    struct tl_error err;
    tl_err_clear(&err);
    if (tl_rules_for(e, round, r, name, &err)) return cli_fail(c, &err);
    return EXIT_OK;
}

/* Every group table of an edition by its rules. *ptr[g] points at group
 * g's table (NULL if it could not be made). Free both with tl_free. */
struct tables {
    struct tl_standings *tab;
    const struct tl_standings **ptr;
};
static int edition_tables(struct cli *c, const struct tl_edition *e, struct tables *t)
{
    t->tab = tl_calloc(e->ng ? e->ng : 1, sizeof *t->tab);
    t->ptr = tl_calloc(e->ng ? e->ng : 1, sizeof *t->ptr);
    if (!t->tab || !t->ptr) {
        fprintf(cli_err, "%s: out of memory\n", c->prog);
        return EXIT_FAIL;
    }
    struct tl_error err;
    tl_err_clear(&err);
    if (tl_engine_edition_tables(e, NULL, t->tab, t->ptr, &err)) return cli_fail(c, &err);
    return EXIT_OK;
}

static void tables_free(struct tables *t)
{
    tl_free(t->tab);
    tl_free(t->ptr);
}

static void json_row(struct tl_json *j, const struct tl_standing *s)
{
    tl_json_obj(j);
    tl_json_key(j, "position");
    tl_json_int(j, s->position);
    tl_json_key(j, "team");
    tl_json_str(j, s->team);
    static const char *const keys[] = {"played", "won", "drawn", "lost", "goals_for",
                                       "goals_against", "goal_difference", "points",
                                       "fair_play"};
    long v[] = {s->played, s->won, s->drawn, s->lost, s->gf, s->ga, s->gf - s->ga, s->points,
                s->fair_play};
    for (size_t k = 0; k < sizeof v / sizeof *v; k++) {
        tl_json_key(j, keys[k]);
        tl_json_num(j, (double)v[k], 0); /* not tl_json_int: -1 is a value here */
    }
    tl_json_key(j, "through");
    tl_json_bool(j, s->through);
    tl_json_key(j, "level_with_above");
    tl_json_bool(j, s->level);
    tl_json_end_obj(j);
}

static tl_rc table_of(const struct tl_standings *t, struct tl_table *out)
{
    tl_table_init(out);
    static const char *const cols[] = {"pos", "team", "p", "w", "d", "l", "gf", "ga", "gd",
                                       "pts", "fair_play", ""};
    for (size_t k = 0; k < 12; k++)
        tl_table_col(out, cols[k], k == 1 || k == 11 ? TL_CELL_TEXT : TL_CELL_INT);
    for (int i = 0; i < t->n; i++) {
        const struct tl_standing *s = &t->row[i];
        tl_rc rc = tl_table_row(out);
        if (!rc) rc = tl_table_set_int(out, 0, s->position);
        if (!rc) rc = tl_table_set(out, 1, s->team);
        long v[] = {s->played, s->won, s->drawn, s->lost, s->gf, s->ga};
        for (int k = 0; k < 6 && !rc; k++) rc = tl_table_set_int(out, 2 + (size_t)k, v[k]);
        if (!rc) rc = s->gf == s->ga ? tl_table_set(out, 8, "0")
                                     : tl_table_setf(out, 8, "%+d", s->gf - s->ga);
        if (!rc) rc = tl_table_set_int(out, 9, s->points);
        if (!rc) rc = tl_table_setf(out, 10, "%d", s->fair_play);
        if (!rc) rc = tl_table_set(out, 11, s->level ? "level (lots)" : s->through ? "through" : "");
        if (rc) return rc;
    }
    return TL_OK;
}

/* Does a group's name answer to what the user typed ("A", "Group A", any case)? */
static int group_named(const char *name, const char *query)
{
    return strcasecmp(name, query) == 0 ||
           (strncasecmp(name, "Group ", 6) == 0 && strcasecmp(name + 6, query) == 0);
}

/* --as-of a moment: the matches in progress then, or unknown */
struct tl_asof cli_moment;

/* what the engine filters by: the --as-of date, or nothing after an
 * edition was made as it stood at a moment (tl_load_edition_at) */
static const char *engine_as_of(const char *as_of) { return cli_moment.at[0] ? NULL : as_of; }

/* the clock of a match at the moment, "62'", "45+2'", "half time" */
static void clock_text(const struct tl_clock *c, char *out, size_t cap)
{
    if (c->period == 5) snprintf(out, cap, "shootout");
    else if (c->interval) snprintf(out, cap, "%s", c->period == 1 ? "half time" : "a break");
    else if (c->added > 0 && c->added < 99) snprintf(out, cap, "%d+%d'", c->minute, c->added);
    else snprintf(out, cap, "%d'", c->minute);
}

/* "  in progress at ...: Japan 1-1 Spain (62', from the kick-off time)"
 * lines, for the matches of group g (-1: all) */
static void print_moment(FILE *f, int g)
{
    for (int i = 0; i < cli_moment.n; i++) {
        const struct tl_asof_match *a = &cli_moment.v[i];
        if (g >= 0 && a->m->group != g) continue;
        char clock[32];
        clock_text(&a->clock, clock, sizeof clock);
        if (a->clock.state == TL_CLOCK_PLAYING && a->m->score[0] != TL_NONE)
            fprintf(f, "  in progress at %s: %s %d-%d %s (%s, %s)\n", cli_moment.at, a->m->name[0],
                    a->m->score[0], a->m->score[1], a->m->name[1], clock,
                    a->from_feed ? "live feed" : "from the kick-off time");
        else
            fprintf(f, "  at %s: %s v %s (%s): %s\n", cli_moment.at, a->m->name[0], a->m->name[1],
                    a->m->date, a->why ? a->why : "in progress, no score in the data");
    }
    if (cli_moment.more && g < 0) fprintf(f, "  and %d more such matches\n", cli_moment.more);
}

static void json_moment(struct tl_json *j)
{
    if (!cli_moment.at[0]) return;
    tl_json_key(j, "moment");
    tl_json_obj(j);
    tl_json_key(j, "at");
    tl_json_str(j, cli_moment.at);
    tl_json_key(j, "matches");
    tl_json_arr(j);
    for (int i = 0; i < cli_moment.n; i++) {
        const struct tl_asof_match *a = &cli_moment.v[i];
        tl_json_obj(j);
        tl_json_key(j, "match_id");
        tl_json_int(j, (long)a->m->id);
        tl_json_key(j, "home");
        tl_json_str(j, a->m->name[0]);
        tl_json_key(j, "away");
        tl_json_str(j, a->m->name[1]);
        int live = a->clock.state == TL_CLOCK_PLAYING && a->m->score[0] != TL_NONE;
        tl_json_key(j, "state");
        tl_json_str(j, live ? "in_progress" : "unknown");
        if (live) {
            char clock[32];
            clock_text(&a->clock, clock, sizeof clock);
            tl_json_key(j, "score");
            tl_json_arr(j);
            tl_json_int(j, a->m->score[0]);
            tl_json_int(j, a->m->score[1]);
            tl_json_end_arr(j);
            tl_json_key(j, "clock");
            tl_json_str(j, clock);
            tl_json_key(j, "from");
            tl_json_str(j, a->from_feed ? "live_feed" : "kickoff_model");
        } else {
            tl_json_key(j, "why");
            tl_json_str(j, a->why);
        }
        tl_json_end_obj(j);
    }
    tl_json_end_arr(j);
    tl_json_end_obj(j);
}

/* Check there are npos arguments (args says which), open the database and
 * read edition pos[1] of competition pos[0], checking the --as-of date first. On failure the message is printed and the exit
 * code returned (e is then empty). */
int cli_open_edition(struct cli *c, size_t npos, const char *args, const char **as_of,
                     char *canon, size_t cap, struct tl_edition *e)
{
    memset(e, 0, sizeof *e);
    if (c->npos != npos)
        return cli_usage(c, "expected %s, found %zu argument%s", args, c->npos,
                         c->npos == 1 ? "" : "s");
    *as_of = cli_opt(c, "as-of");
    int64_t t = 0;
    int moment = *as_of && strlen(*as_of) > 10;
    const char *why;
    int rc = moment ? EXIT_OK : cli_date_arg(c, "as-of", *as_of);
    if (moment && tl_instant_parse(*as_of, &t, &why))
        rc = cli_usage(c,
                       "--as-of expects a date YYYY-MM-DD or a moment YYYY-MM-DDTHH:MM[:SS] with Z"
                       " or +HH:MM (UTC without), found \"%s\": expected %s",
                       *as_of, why);
    if (!rc) rc = cli_open(c);
    if (rc) return rc;
    int64_t comp;
    if ((rc = cli_competition(c, c->pos[0], &comp, canon, cap))) return rc;
    struct tl_error err;
    tl_err_clear(&err);
    cli_moment.at[0] = '\0';
    if (!tl_store_edition_matches(c->store, comp, c->pos[1], e, &err)) {
        if (!moment) return EXIT_OK;
        if (!tl_load_edition_at(c->store, e, t, &cli_moment, &err)) {
            *as_of = cli_moment.at; /* for the output; the engine's date filter is off
                                     * (engine_as_of): each match's clock decided */
            return EXIT_OK;
        }
        tl_edition_free(e);
        return cli_fail(c, &err);
    }
    tl_edition_free(e);
    if (err.rc != TL_ENOTFOUND) return cli_fail(c, &err);
    struct tl_name_list ed = {0};
    fprintf(cli_err, "%s: no edition \"%s\" of %s in %s", c->prog, c->pos[1], canon, cli_db_name(c));
    if (!tl_store_editions(c->store, comp, &ed, &err) && ed.n)
        fprintf(cli_err, "; editions: %s ... %s", ed.v[0].name, ed.v[ed.n - 1].name);
    fprintf(cli_err, "\n");
    tl_name_list_free(&ed);
    return EXIT_FAIL;
}

int cmd_standings(struct cli *c)
{
    const char *as_of;
    char canon[160];
    struct tl_edition e;
    int rc = cli_open_edition(c, 2, "COMPETITION EDITION (e.g. \"FIFA World Cup\" 2018)", &as_of,
                          canon, sizeof canon, &e);
    if (rc) return rc;
    const char *only = cli_opt(c, "group");
    struct group_out *go = tl_calloc(e.ng ? e.ng : 1, sizeof *go);
    if (!go) {
        tl_edition_free(&e);
        fprintf(cli_err, "%s: out of memory\n", c->prog);
        return EXIT_FAIL;
    }
    size_t n = 0;
    for (size_t g = 0; g < e.ng && !rc; g++) {
        struct group_out *o = &go[n];
        o->g = (int)g;
        if ((rc = cli_load_rules(c, &e, e.g[g].round, &o->rules, &o->rules_name))) break;
        if (tl_engine_group_table(&o->rules, &e, (int)g, engine_as_of(as_of), &o->t)) {
            fprintf(cli_err, "%s: %s: more teams than a group can hold\n", c->prog, e.g[g].name);
            rc = EXIT_FAIL;
            break;
        }
        n++;
    }
    /* --group: by name, "A" or "Group A", any case */
    size_t shown = 0;
    int *show = tl_calloc(n ? n : 1, sizeof *show);
    for (size_t i = 0; show && i < n; i++) {
        show[i] = !only || group_named(e.g[go[i].g].name, only);
        shown += (size_t)show[i];
    }
    if (!rc && show && only && !shown) {
        fprintf(cli_err, "%s: no group \"%s\" in %s %s; groups:", c->prog, only, canon, e.edition);
        for (size_t i = 0; i < n; i++) fprintf(cli_err, "%s %s", i ? "," : "", e.g[go[i].g].name);
        fprintf(cli_err, "\n");
        rc = EXIT_FAIL;
    }
    if (!e.ng && !rc) {
        fprintf(cli_err, "%s: %s %s has no groups (a knockout tournament)\n", c->prog, canon,
                e.edition);
        rc = EXIT_FAIL;
    }
    /* the best third-placed teams, per round whose rules have them */
    int thirds[64], nthirds = 0, third_round = 0, best = 0;
    const struct tl_standings *tabs[64] = {0};
    for (size_t i = 0; i < n && i < 64; i++)
        if (go[i].rules.best_thirds && (!third_round || e.g[go[i].g].round == third_round)) {
            third_round = e.g[go[i].g].round;
            tabs[go[i].g] = &go[i].t;
            best = go[i].rules.best_thirds;
        }
    if (third_round && !only) tl_engine_rank_thirds(&go[0].rules, &e, tabs, thirds, &nthirds);
    int explain = cli_opt(c, "explain") != NULL;
    if (!rc && c->fmt == TL_OUT_JSON) {
        struct tl_json j;
        tl_json_init(&j, cli_out);
        tl_json_obj(&j);
        tl_json_key(&j, "competition");
        tl_json_str(&j, canon);
        tl_json_key(&j, "edition");
        tl_json_str(&j, e.edition);
        tl_json_key(&j, "as_of");
        tl_json_str(&j, as_of);
        json_moment(&j);
        tl_json_key(&j, "groups");
        tl_json_arr(&j);
        for (size_t i = 0; i < n; i++) {
            if (!show[i]) continue;
            const struct group_out *o = &go[i];
            tl_json_obj(&j);
            tl_json_key(&j, "group");
            tl_json_str(&j, e.g[o->g].name);
            tl_json_key(&j, "round");
            tl_json_int(&j, e.g[o->g].round);
            tl_json_key(&j, "rules");
            tl_json_str(&j, o->rules_name);
            tl_json_key(&j, "rules_source");
            tl_json_str(&j, o->rules.source);
            tl_json_key(&j, "unplayed");
            tl_json_int(&j, o->t.unplayed);
            tl_json_key(&j, "in_progress");
            tl_json_int(&j, o->t.live);
            tl_json_key(&j, "table");
            tl_json_arr(&j);
            for (int r = 0; r < o->t.n; r++) json_row(&j, &o->t.row[r]);
            tl_json_end_arr(&j);
            tl_json_key(&j, "separations");
            tl_json_arr(&j);
            for (int w = 0; w < o->t.nwhy; w++) {
                tl_json_obj(&j);
                tl_json_key(&j, "upper");
                tl_json_str(&j, o->t.row[o->t.why[w].upper].team);
                tl_json_key(&j, "lower");
                tl_json_str(&j, o->t.row[o->t.why[w].lower].team);
                tl_json_key(&j, "rule");
                tl_json_str(&j, tl_rule_name(o->t.why[w].rule));
                tl_json_key(&j, "text");
                tl_json_str(&j, o->t.why[w].text);
                tl_json_end_obj(&j);
            }
            tl_json_end_arr(&j);
            tl_json_key(&j, "note");
            tl_json_str(&j, o->t.note[0] ? o->t.note : NULL);
            tl_json_end_obj(&j);
        }
        tl_json_end_arr(&j);
        if (nthirds) {
            tl_json_key(&j, "best_thirds");
            tl_json_arr(&j);
            for (int i = 0; i < nthirds; i++) {
                const struct tl_standing *s = &tabs[thirds[i]]->row[2];
                tl_json_obj(&j);
                tl_json_key(&j, "group");
                tl_json_str(&j, e.g[thirds[i]].name);
                tl_json_key(&j, "team");
                tl_json_str(&j, s->team);
                tl_json_key(&j, "points");
                tl_json_int(&j, s->points);
                tl_json_key(&j, "through");
                tl_json_bool(&j, i < best);
                tl_json_end_obj(&j);
            }
            tl_json_end_arr(&j);
        }
        tl_json_end_obj(&j);
        tl_json_done(&j);
    } else if (!rc) {
        for (size_t i = 0; i < n; i++) {
            if (!show[i]) continue;
            const struct group_out *o = &go[i];
            struct tl_table t;
            if (table_of(&o->t, &t)) {
                tl_table_free(&t);
                rc = EXIT_FAIL;
                break;
            }
            if (c->fmt == TL_OUT_CSV) {
                tl_table_print_csv(&t, cli_out);
            } else {
                fprintf(cli_out, "%s %s, %s%s%s\n", canon, e.edition, e.g[o->g].name,
                       as_of ? ", as of " : "", as_of ? as_of : "");
                tl_table_print_text(&t, cli_out);
                print_moment(cli_out, o->g);
                if (o->t.live && !cli_moment.at[0])
                    fprintf(cli_out, "  %d match%s in progress: the table as it stands\n",
                            o->t.live, o->t.live == 1 ? "" : "es");
                if (o->t.unplayed)
                    fprintf(cli_out, "  %d match%s still to play\n", o->t.unplayed,
                           o->t.unplayed == 1 ? "" : "es");
                if (explain) {
                    for (int w = 0; w < o->t.nwhy; w++) fprintf(cli_out, "  %s\n", o->t.why[w].text);
                    fprintf(cli_out, "  rules: %s (%s)\n", o->rules_name, o->rules.source);
                }
                if (o->t.note[0]) fprintf(cli_out, "  note: %s\n", o->t.note);
                fprintf(cli_out, "\n");
            }
            tl_table_free(&t);
        }
        if (!rc && nthirds && c->fmt == TL_OUT_TEXT) {
            fprintf(cli_out, "Third-placed teams (the best %d go through):\n", best);
            for (int i = 0; i < nthirds; i++) {
                const struct tl_standing *s = &tabs[thirds[i]]->row[2];
                char gd[8];
                snprintf(gd, sizeof gd, s->gf == s->ga ? "0" : "%+d", s->gf - s->ga);
                fprintf(cli_out, "  %d. %-22s %-8s %2d pts  %3s gd  %2d gf%s\n", i + 1, s->team,
                       e.g[thirds[i]].name, s->points, gd, s->gf, i < best ? "  through" : "");
            }
        }
    }
    tl_free(show);
    tl_free(go);
    tl_edition_free(&e);
    return rc;
}

/* ---- history ---- */

struct title_row {
    int64_t team_id;
    const char *team;       /* the latest name it won or lost a final under */
    int titles, runner_up;
    char years[160];
};

static struct title_row *title_of(struct title_row *rows, int *n, int cap, int64_t id,
                                  const char *name)
{
    for (int i = 0; i < *n; i++)
        if (rows[i].team_id == id) {
            rows[i].team = name;
            return &rows[i];
        }
    if (*n == cap) return NULL;
    rows[*n] = (struct title_row){.team_id = id, .team = name};
    return &rows[(*n)++];
}

static int by_titles(const void *a, const void *b)
{
    const struct title_row *x = a, *y = b;
    if (x->titles != y->titles) return y->titles - x->titles;
    if (x->runner_up != y->runner_up) return y->runner_up - x->runner_up;
    return strcmp(x->team, y->team);
}

int cmd_history(struct cli *c)
{
    if (c->npos != 1)
        return cli_usage(c, "expected COMPETITION (e.g. \"FIFA World Cup\"), found %zu arguments",
                         c->npos);
    const char *on = cli_opt(c, "on");
    int rc = cli_date_arg(c, "on", on);
    if (!rc) rc = cli_open(c);
    if (rc) return rc;
    int64_t comp, team = 0;
    char canon[160];
    if ((rc = cli_competition(c, c->pos[0], &comp, canon, sizeof canon))) return rc;
    struct tl_team_match tm;
    if (cli_opt(c, "team")) {
        if ((rc = cli_team(c, cli_opt(c, "team"), &tm))) return rc;
        team = tm.team_id;
    }
    struct tl_error err;
    tl_err_clear(&err);
    struct tl_name_list eds = {0};
    if (tl_store_editions(c->store, comp, &eds, &err)) {
        tl_name_list_free(&eds);
        return cli_fail(c, &err);
    }
    if (!eds.n) {
        fprintf(cli_err, "%s: no editions of %s in %s\n", c->prog, canon, cli_db_name(c));
        tl_name_list_free(&eds);
        return EXIT_FAIL;
    }
    struct tl_edition *e = tl_calloc(eds.n, sizeof *e);
    struct tl_outcome *o = tl_calloc(eds.n, sizeof *o);
    struct title_row titles[64];
    int ntitles = 0;
    if (!e || !o) {
        rc = EXIT_FAIL;
        goto out;
    }
    for (size_t i = 0; i < eds.n && !rc; i++) {
        if (tl_store_edition_matches(c->store, comp, eds.v[i].name, &e[i], &err)) {
            rc = cli_fail(c, &err);
            break;
        }
        struct tables t;
        rc = edition_tables(c, &e[i], &t);
        if (!rc) tl_engine_outcome(&e[i], t.ptr, &o[i]);
        tables_free(&t);
        if (rc || !o[i].decided) continue;
        struct title_row *w = title_of(titles, &ntitles, 64, o[i].winner_id, o[i].winner);
        struct title_row *r = title_of(titles, &ntitles, 64, o[i].runner_up_id, o[i].runner_up);
        if (w) {
            size_t len = strlen(w->years);
            snprintf(w->years + len, sizeof w->years - len, "%s%s", w->titles ? ", " : "",
                     e[i].edition);
            w->titles++;
        }
        if (r) r->runner_up++;
    }
    if (rc) goto out;
    qsort(titles, (size_t)ntitles, sizeof *titles, by_titles);
    /* the holders on a date: the winner of the last edition decided by then */
    int holder = -1;
    for (size_t i = 0; on && i < eds.n; i++) {
        const struct tl_tmatch *f = o[i].final;
        const char *end = f ? f->date : o[i].by_group >= 0 ? e[i].g[o[i].by_group].last : NULL;
        if (o[i].decided && end && strcmp(end, on) <= 0) holder = (int)i;
    }
    int firsts = cli_opt(c, "firsts") != NULL;
    struct tl_first first[TL_CONFEDERATIONS * (TL_STAGE__COUNT + 1)];
    int nfirst = firsts ? tl_engine_firsts(e, o, eds.n, first) : 0;
    if (c->fmt == TL_OUT_JSON) {
        struct tl_json j;
        tl_json_init(&j, cli_out);
        tl_json_obj(&j);
        tl_json_key(&j, "competition");
        tl_json_str(&j, canon);
        if (firsts) {
            tl_json_key(&j, "firsts");
            tl_json_arr(&j);
            for (int i = 0; i < nfirst; i++) {
                tl_json_obj(&j);
                tl_json_key(&j, "confederation");
                tl_json_str(&j, first[i].confed);
                tl_json_key(&j, "reached");
                tl_json_str(&j, first[i].level == TL_STAGE__COUNT ? "title"
                                : first[i].level == TL_STAGE_GROUP
                                    ? "first match"
                                    : tl_stage_level_name((enum tl_stage_level)first[i].level));
                tl_json_key(&j, "edition");
                tl_json_str(&j, first[i].edition);
                tl_json_key(&j, "teams");
                tl_json_arr(&j);
                for (int k = 0; k < first[i].nteams; k++) tl_json_str(&j, first[i].team[k]);
                tl_json_end_arr(&j);
                tl_json_end_obj(&j);
            }
            tl_json_end_arr(&j);
            tl_json_key(&j, "confederations_source");
            tl_json_str(&j, tl_confederation_source);
        }
        tl_json_key(&j, "editions");
        tl_json_arr(&j);
        for (size_t i = 0; i < eds.n; i++) {
            if (team && o[i].winner_id != team && o[i].runner_up_id != team) continue;
            tl_json_obj(&j);
            tl_json_key(&j, "edition");
            tl_json_str(&j, e[i].edition);
            tl_json_key(&j, "hosts");
            tl_json_str(&j, o[i].hosts);
            tl_json_key(&j, "decided");
            tl_json_bool(&j, o[i].decided);
            tl_json_key(&j, "winner");
            tl_json_str(&j, o[i].decided ? o[i].winner : NULL);
            tl_json_key(&j, "runner_up");
            tl_json_str(&j, o[i].decided ? o[i].runner_up : NULL);
            tl_json_key(&j, "result");
            tl_json_str(&j, o[i].decided ? o[i].how : NULL);
            tl_json_key(&j, "final_match_id");
            tl_json_int(&j, o[i].final ? (long)o[i].final->id : TL_NONE);
            tl_json_key(&j, "final_date");
            tl_json_str(&j, o[i].final ? o[i].final->date : NULL);
            tl_json_end_obj(&j);
        }
        tl_json_end_arr(&j);
        if (team) { /* every edition the team played, and how far it went */
            tl_json_key(&j, "record");
            tl_json_arr(&j);
            for (size_t i = 0; i < eds.n; i++) {
                const char *far = tl_engine_how_far(&e[i], &o[i], team);
                if (!far) continue;
                tl_json_obj(&j);
                tl_json_key(&j, "edition");
                tl_json_str(&j, e[i].edition);
                tl_json_key(&j, "reached");
                tl_json_str(&j, far);
                tl_json_key(&j, "decided");
                tl_json_bool(&j, o[i].decided);
                tl_json_end_obj(&j);
            }
            tl_json_end_arr(&j);
        }
        tl_json_key(&j, "titles");
        tl_json_arr(&j);
        for (int i = 0; i < ntitles; i++) {
            if (team && titles[i].team_id != team) continue;
            tl_json_obj(&j);
            tl_json_key(&j, "team");
            tl_json_str(&j, titles[i].team);
            tl_json_key(&j, "titles");
            tl_json_int(&j, titles[i].titles);
            tl_json_key(&j, "years");
            tl_json_str(&j, titles[i].years);
            tl_json_key(&j, "runner_up");
            tl_json_int(&j, titles[i].runner_up);
            tl_json_end_obj(&j);
        }
        tl_json_end_arr(&j);
        if (on) {
            tl_json_key(&j, "holders");
            tl_json_obj(&j);
            tl_json_key(&j, "on");
            tl_json_str(&j, on);
            tl_json_key(&j, "team");
            tl_json_str(&j, holder >= 0 ? o[holder].winner : NULL);
            tl_json_key(&j, "since");
            tl_json_str(&j, holder >= 0 ? e[holder].edition : NULL);
            tl_json_end_obj(&j);
        }
        tl_json_end_obj(&j);
        tl_json_done(&j);
        goto out;
    }
    struct tl_table t;
    tl_table_init(&t);
    static const char *const cols[] = {"edition", "hosts", "winner", "result", "runner_up"};
    for (size_t k = 0; k < 5; k++) tl_table_col(&t, cols[k], TL_CELL_TEXT);
    for (size_t i = 0; i < eds.n && !rc; i++) {
        if (team && o[i].winner_id != team && o[i].runner_up_id != team) continue;
        if (tl_table_row(&t) || tl_table_set(&t, 0, e[i].edition) ||
            tl_table_set(&t, 1, o[i].hosts) ||
            tl_table_set(&t, 2, o[i].decided ? o[i].winner : "(not decided)") ||
            tl_table_set(&t, 3, o[i].decided ? o[i].how : "") ||
            tl_table_set(&t, 4, o[i].decided ? o[i].runner_up : ""))
            rc = EXIT_FAIL;
    }
    if (c->fmt == TL_OUT_CSV) tl_table_print_csv(&t, cli_out);
    else {
        fprintf(cli_out, "%s%s%s\n", canon, team ? ": finals of " : "", team ? tm.team : "");
        if (t.nrows) tl_table_print_text(&t, cli_out);
        else fprintf(cli_out, "  %s played no final\n", tm.team);
        fprintf(cli_out, "\nTitles:\n");
        for (int i = 0; i < ntitles; i++) {
            if (team && titles[i].team_id != team) continue;
            fprintf(cli_out, "  %-22s %d  %s%s", titles[i].team, titles[i].titles, titles[i].years,
                   titles[i].titles ? "" : "-");
            if (titles[i].runner_up) fprintf(cli_out, "  (runner-up %d)", titles[i].runner_up);
            fprintf(cli_out, "\n");
        }
        if (team) {
            int played = 0;
            for (size_t i = 0; i < eds.n; i++) {
                const char *far = tl_engine_how_far(&e[i], &o[i], team);
                if (!far) continue;
                if (!played++) fprintf(cli_out, "\nHow far %s went:\n", tm.team);
                fprintf(cli_out, "  %-8s %s%s\n", e[i].edition, far,
                        o[i].decided ? "" : " (not decided yet)");
            }
            if (!played) fprintf(cli_out, "\n%s played in no edition\n", tm.team);
        }
        if (firsts) {
            fprintf(cli_out, "\nFirsts by confederation (the first edition a team of it got so far):\n");
            for (int i = 0; i < nfirst; i++) {
                fprintf(cli_out, "  %-9s %-14s %s ", first[i].confed,
                       first[i].level == TL_STAGE__COUNT ? "title"
                       : first[i].level == TL_STAGE_GROUP
                           ? "first match"
                           : tl_stage_level_name((enum tl_stage_level)first[i].level),
                       first[i].edition);
                for (int k = 0; k < first[i].nteams; k++)
                    fprintf(cli_out, "%s%s", k ? ", " : "", first[i].team[k]);
                fprintf(cli_out, "\n");
            }
            fprintf(cli_out, "  (confederations: %s)\n", tl_confederation_source);
        }
        if (on) {
            if (holder >= 0)
                fprintf(cli_out, "\nHolders on %s: %s (champions of %s)\n", on, o[holder].winner,
                       e[holder].edition);
            else fprintf(cli_out, "\nHolders on %s: none (no edition decided by then)\n", on);
        }
    }
    tl_table_free(&t);
out:
    for (size_t i = 0; e && i < eds.n; i++) tl_edition_free(&e[i]);
    tl_free(e);
    tl_free(o);
    tl_name_list_free(&eds);
    return rc;
}

/* ---- next ---- */

static const char *weekday(const char *date)
{
    static const char *const names[] = {"Monday", "Tuesday", "Wednesday", "Thursday",
                                        "Friday", "Saturday", "Sunday"};
    struct tl_date d;
    if (tl_date_parse(date, 10, &d)) return "";
    return names[tl_date_weekday(d)];
}

/* "in the quarter-final" / "in the group stage" / "" */
static void stage_words(const struct tl_match *m, char *out, size_t cap)
{
    if (m->group) snprintf(out, cap, "%s", m->group);
    else if (m->stage) {
        int l = tl_stage_level(m->stage, 0);
        snprintf(out, cap, "%s", l >= 0 ? tl_stage_level_name((enum tl_stage_level)l) : m->stage);
    } else out[0] = '\0';
}

/* What a slot still to be filled stands for, in words. */
static void slot_words(const struct tl_edition *e, const struct tl_standings *const *tabs,
                       const struct tl_tmatch *sm, int side, char *out, size_t cap)
{
    const char *slot = sm->name[side];
    const char *who = tl_engine_match_slot(e, tabs, sm, side);
    if (who) {
        snprintf(out, cap, "%s", who);
        return;
    }
    if ((slot[0] == 'W' || slot[0] == 'L') && slot[1] >= '0' && slot[1] <= '9') {
        int no = atoi(slot + 1);
        for (size_t i = 0; i < e->nm; i++)
            if (e->m[i].match_no == no) {
                char a[96], b[96];
                const struct tl_tmatch *m = &e->m[i];
                if (m->team[0]) snprintf(a, sizeof a, "%s", m->name[0]);
                else slot_words(e, tabs, m, 0, a, sizeof a);
                if (m->team[1]) snprintf(b, sizeof b, "%s", m->name[1]);
                else slot_words(e, tabs, m, 1, b, sizeof b);
                snprintf(out, cap, "the %s of match %d (%s v %s)",
                         slot[0] == 'W' ? "winner" : "loser", no, a, b);
                return;
            }
    }
    if ((slot[0] == '1' || slot[0] == '2') && slot[1] && !strchr(slot, '/')) {
        snprintf(out, cap, "the %s of Group %s", slot[0] == '1' ? "winner" : "runner-up",
                 slot + 1);
        return;
    }
    snprintf(out, cap, "%s", slot);
}

/* A match still to play in which one side's slot now means the team (the
 * final, once the team won its semi-final): printed, and 1; else 0. */
static int next_by_slot(struct cli *c, const struct tl_match *last, const char *team,
                        const char *as_of)
{
    int64_t comp;
    char canon[160];
    struct tl_error err;
    tl_err_clear(&err);
    if (!last->tournament) return 0;
    /* a results-only match has no edition: the edition of its year */
    char year[5];
    snprintf(year, sizeof year, "%.4s", last->date);
    const char *edition = last->edition ? last->edition : year;
    /* quietly: a tournament name the resolver does not know is no error here */
    struct tl_team_match cm;
    if (!c->have_comps) {
        if (tl_store_competition_names(c->store, &c->comps, &err)) return 0;
        c->have_comps = 1;
    }
    if (tl_resolve_name(&c->comps, "tournament", last->tournament, &cm, &err)) return 0;
    comp = cm.team_id;
    snprintf(canon, sizeof canon, "%s", cm.team);
    struct tl_edition e;
    if (tl_store_edition_matches(c->store, comp, edition, &e, &err)) {
        tl_edition_free(&e);
        return 0;
    }
    struct tables t;
    int found = 0;
    const struct tl_standings **ptr = edition_tables(c, &e, &t) ? NULL : t.ptr;
    for (size_t i = 0; ptr && i < e.nm && !found; i++) {
        const struct tl_tmatch *m = &e.m[i];
        if (m->score[0] != TL_NONE || strcmp(m->date, last->date) <= 0 ||
            strcmp(m->date, as_of) < 0)
            continue;
        for (int s = 0; s < 2 && !found; s++) {
            if (m->team[s] || !m->name[s]) continue;
            const char *who = tl_engine_match_slot(&e, ptr, m, s);
            if (!who || strcmp(who, team) != 0) continue;
            char opp[256];
            if (m->team[1 - s]) snprintf(opp, sizeof opp, "%s", m->name[1 - s]);
            else slot_words(&e, ptr, m, 1 - s, opp, sizeof opp);
            int lvl = tl_engine_match_level(&e, i);
            fprintf(cli_out, "%s play %s on %s %s", team, opp, weekday(m->date), m->date);
            if (m->kickoff[0]) fprintf(cli_out, " at %s local time", m->kickoff);
            fprintf(cli_out, ", %s", canon);
            if (lvl >= 0) fprintf(cli_out, " %s", tl_stage_level_name((enum tl_stage_level)lvl));
            if (m->venue || m->city)
                fprintf(cli_out, ", %s%s%s", m->venue ? m->venue : "", m->venue && m->city ? ", " : "",
                       m->city ? m->city : "");
            fprintf(cli_out, " (as %s; match %lld)\n", m->name[s], (long long)m->id);
            found = 1;
        }
    }
    tables_free(&t);
    tl_edition_free(&e);
    return found;
}

int cmd_next(struct cli *c)
{
    if (c->npos != 1) return cli_usage(c, "expected TEAM, found %zu arguments", c->npos);
    const char *as_of = cli_opt(c, "as-of");
    int rc = cli_date_arg(c, "as-of", as_of);
    if (!rc) rc = cli_open(c);
    if (rc) return rc;
    struct tl_team_match tm;
    if ((rc = cli_team(c, c->pos[0], &tm))) return rc;
    char today[11];
    if (!as_of) {
        time_t t = time(NULL);
        struct tm tmv;
        strftime(today, sizeof today, "%Y-%m-%d", gmtime_r(&t, &tmv));
        as_of = today;
    }
    struct tl_error err;
    tl_err_clear(&err);
    struct tl_match_list l = {0};
    struct tl_match_filter f = {.team_id = tm.team_id};
    if (tl_store_matches(c->store, &f, &l, &err)) {
        tl_match_list_free(&l);
        return cli_fail(c, &err);
    }
    /* the first match on or after the date (as of a past date, its result is
     * not known yet), else the last one before it */
    const struct tl_match *next = NULL, *last = NULL;
    int simulated = as_of != today;
    for (size_t i = 0; i < l.n; i++) {
        const struct tl_match *m = &l.v[i];
        int cmp = strcmp(m->date, as_of);
        if (cmp >= 0 && (simulated || m->score_home == TL_NONE)) {
            if (!next || strcmp(m->date, next->date) < 0) next = m;
        } else if (cmp < 0 || m->score_home != TL_NONE) {
            if (!last || strcmp(m->date, last->date) >= 0) last = m;
        }
    }
    /* no match of the team's own yet: perhaps a slot it has just filled */
    if (!next && last && c->fmt != TL_OUT_JSON && next_by_slot(c, last, tm.team, as_of)) {
        tl_match_list_free(&l);
        return EXIT_OK;
    }
    char stage[64] = "";
    const struct tl_match *m = next ? next : last;
    if (m) stage_words(m, stage, sizeof stage);
    int home = m && m->home_id == tm.team_id;
    const char *opp = m ? (home ? m->away : m->home) : NULL;
    int out = 0, won = 0;
    if (last && last->score_home != TL_NONE) {
        int lhome = last->home_id == tm.team_id;
        int gf = lhome ? last->score_home : last->score_away,
            ga = lhome ? last->score_away : last->score_home;
        int lvl = last->stage ? tl_stage_level(last->stage, last->group != NULL) : -1;
        int knockout = lvl > TL_STAGE_GROUP;
        int lost = gf < ga || (gf == ga && last->so_winner && strcmp(last->so_winner, tm.team));
        out = knockout && lost;
        won = lvl == TL_STAGE_FINAL && !lost;
    }
    if (c->fmt == TL_OUT_JSON) {
        struct tl_json j;
        tl_json_init(&j, cli_out);
        tl_json_obj(&j);
        tl_json_key(&j, "team");
        tl_json_str(&j, tm.team);
        tl_json_key(&j, "as_of");
        tl_json_str(&j, as_of);
        tl_json_key(&j, "status");
        tl_json_str(&j, next ? "next" : out ? "out" : won ? "won" : last ? "last" : "none");
        tl_json_key(&j, "match");
        if (m) cli_json_match(&j, m);
        else tl_json_null(&j);
        tl_json_key(&j, "weekday");
        tl_json_str(&j, m ? weekday(m->date) : NULL);
        tl_json_key(&j, "stage");
        tl_json_str(&j, stage[0] ? stage : NULL);
        tl_json_key(&j, "opponent");
        tl_json_str(&j, opp);
        tl_json_key(&j, "previous");
        if (last) cli_json_match(&j, last);
        else tl_json_null(&j);
        tl_json_key(&j, "went_out");
        tl_json_bool(&j, out);
        tl_json_key(&j, "won_final");
        tl_json_bool(&j, won);
        tl_json_end_obj(&j);
        tl_json_done(&j);
    } else if (next) {
        fprintf(cli_out, "%s play %s on %s %s", tm.team, opp, weekday(m->date), m->date);
        if (m->kickoff) fprintf(cli_out, " at %s local time", m->kickoff);
        if (m->tournament) fprintf(cli_out, ", %s%s%s", m->tournament, stage[0] ? " " : "", stage);
        if (m->venue || m->city)
            fprintf(cli_out, ", %s%s%s", m->venue ? m->venue : "", m->venue && m->city ? ", " : "",
                   m->city ? m->city : "");
        fprintf(cli_out, " (match %lld)\n", (long long)m->id);
    }
    char lstage[64] = "";
    if (last) stage_words(last, lstage, sizeof lstage);
    if (c->fmt != TL_OUT_JSON && last && (out || won || !next)) {
        char score[96];
        cli_score(last, score, sizeof score);
        if (next) fprintf(cli_out, "Before that, ");
        if (out)
            fprintf(cli_out, "%s went out of the %s in the %s: %s %s %s on %s %s (match %lld)\n", tm.team,
                   last->tournament ? last->tournament : "tournament", lstage, last->home, score,
                   last->away, weekday(last->date), last->date, (long long)last->id);
        else if (won)
            fprintf(cli_out, "%s won the %s: %s %s %s in the final on %s %s (match %lld)\n", tm.team,
                   last->tournament, last->home, score, last->away, weekday(last->date),
                   last->date, (long long)last->id);
        else
            fprintf(cli_out, "%s have no match after %s in the data; their last: %s %s %s, %s %s%s%s "
                   "(match %lld)\n",
                   tm.team, as_of, last->home, score, last->away, weekday(last->date), last->date,
                   last->tournament ? ", " : "", last->tournament ? last->tournament : "",
                   (long long)last->id);
    } else if (c->fmt != TL_OUT_JSON && !next) {
        fprintf(cli_out, "%s have no matches in the data\n", tm.team);
    }
    tl_match_list_free(&l);
    return EXIT_OK;
}

/* ---- whatif ---- */

int cmd_whatif(struct cli *c)
{
    const char *as_of;
    char canon[160];
    struct tl_edition e;
    int rc = cli_open_edition(c, 3, "COMPETITION EDITION GROUP", &as_of, canon, sizeof canon, &e);
    if (rc) return rc;
    int g = -1;
    for (size_t i = 0; i < e.ng; i++)
        if (group_named(e.g[i].name, c->pos[2])) g = (int)i;
    if (g < 0) {
        fprintf(cli_err, "%s: no group \"%s\" in %s %s\n", c->prog, c->pos[2], canon, e.edition);
        tl_edition_free(&e);
        return EXIT_FAIL;
    }
    struct tl_rules r;
    const char *rname;
    struct tl_whatif w;
    if ((rc = cli_load_rules(c, &e, e.g[g].round, &r, &rname))) goto out;
    tl_rc wr = tl_engine_whatif(&r, &e, g, engine_as_of(as_of), &w);
    if (wr) {
        /* the day before the group's last matchday */
        char before[11] = "";
        tl_date_add(e.g[g].last, -1, before);
        fprintf(cli_err,
                "%s: %s has more than one matchday to play%s%s; whatif is about the last "
                "matchday: try --as-of %s\n",
                c->prog, e.g[g].name, as_of ? " as of " : "", as_of ? as_of : "", before);
        rc = EXIT_FAIL;
        goto out;
    }
    if (c->fmt == TL_OUT_JSON) {
        struct tl_json j;
        tl_json_init(&j, cli_out);
        tl_json_obj(&j);
        tl_json_key(&j, "group");
        tl_json_str(&j, e.g[g].name);
        tl_json_key(&j, "as_of");
        tl_json_str(&j, as_of);
        json_moment(&j);
        tl_json_key(&j, "remaining");
        tl_json_arr(&j);
        for (int i = 0; i < w.nrem; i++) {
            tl_json_obj(&j);
            tl_json_key(&j, "date");
            tl_json_str(&j, w.rem[i]->date);
            tl_json_key(&j, "home");
            tl_json_str(&j, w.rem[i]->name[0]);
            tl_json_key(&j, "away");
            tl_json_str(&j, w.rem[i]->name[1]);
            tl_json_end_obj(&j);
        }
        tl_json_end_arr(&j);
        tl_json_key(&j, "teams");
        tl_json_arr(&j);
        for (int t = 0; t < w.n; t++) {
            tl_json_obj(&j);
            tl_json_key(&j, "team");
            tl_json_str(&j, w.team[t]);
            tl_json_key(&j, "points");
            tl_json_int(&j, w.points[t]);
            tl_json_key(&j, "status");
            tl_json_str(&j, w.clinched[t] ? "clinched" : w.eliminated[t] ? "eliminated" : "open");
            tl_json_key(&j, "says");
            tl_json_str(&j, w.says[t]);
            tl_json_end_obj(&j);
        }
        tl_json_end_arr(&j);
        tl_json_end_obj(&j);
        tl_json_done(&j);
        goto out;
    }
    fprintf(cli_out, "%s %s, %s%s%s: %d match%s to play", canon, e.edition, e.g[g].name,
           as_of ? ", as of " : "", as_of ? as_of : "", w.nrem, w.nrem == 1 ? "" : "es");
    for (int i = 0; i < w.nrem; i++)
        fprintf(cli_out, "%s%s v %s (%s)", i ? ", " : ": ", w.rem[i]->name[0], w.rem[i]->name[1],
               w.rem[i]->date);
    fprintf(cli_out, "\n");
    print_moment(cli_out, g);
    for (int t = 0; t < w.n; t++)
        fprintf(cli_out, "  %-22s %2d pts  %s\n", w.team[t], w.points[t],
               w.says[t][0] ? w.says[t] : "no match left");
    if (w.decider && w.best_thirds)
        fprintf(cli_out, "(the top %d go through, and the best %d thirds of the round: a third's "
               "fate is told from the points of the complete groups' thirds; level on points: "
               "%s decides, then the rules of %s)\n",
               r.advance, w.best_thirds, w.decider, rname);
    else if (w.decider)
        fprintf(cli_out, "(the top %d go through; level on points at the line: %s decides, then the "
               "rules of %s)\n",
               r.advance, w.decider, rname);
out:
    tl_edition_free(&e);
    return rc;
}

/* ---- bracket ---- */

/* A side of a match as the bracket shows it: the team, or its slot with
 * what the slot now means ("W49 = Argentina"). */
static const char *side_name(const struct tl_edition *e, const struct tl_standings *const *tabs,
                             const struct tl_tmatch *m, int side, char *buf, size_t cap)
{
    if (m->team[side] || !m->name[side]) return m->name[side];
    const char *who = tl_engine_match_slot(e, tabs, m, side);
    if (!who) return m->name[side];
    snprintf(buf, cap, "%s = %s", m->name[side], who);
    return buf;
}

int cmd_bracket(struct cli *c)
{
    const char *as_of;
    char canon[160];
    struct tl_edition e;
    int rc = cli_open_edition(c, 2, "COMPETITION EDITION", &as_of, canon, sizeof canon, &e);
    if (rc) return rc;
    struct tables gt; /* the group tables, for slots such as 1A */
    rc = edition_tables(c, &e, &gt);
    const struct tl_standings *const *ptr = gt.ptr;
    struct tl_bracket b;
    if (!rc) tl_engine_bracket(&e, &b);
    if (!rc && !b.nrounds) {
        fprintf(cli_err, "%s: %s %s has no knockout rounds in the data\n", c->prog, canon,
                e.edition);
        rc = EXIT_FAIL;
    }
    if (rc) goto out;
    static _Thread_local char names[TL_STAGE__COUNT][TL_BRACKET_MAX][2][96]; /* big for the stack */
    struct tl_svg_tie ties[TL_STAGE__COUNT][TL_BRACKET_MAX];
    const char *round_names[TL_STAGE__COUNT];
    for (int r = 0; r < b.nrounds; r++) {
        round_names[r] = tl_stage_level_name((enum tl_stage_level)b.level[r]);
        for (int k = 0; k < b.n[r]; k++) {
            const struct tl_tmatch *m = &e.m[b.match[r][k]];
            struct tl_svg_tie *t = &ties[r][k];
            t->winner = tl_engine_winner(m);
            for (int s = 0; s < 2; s++) {
                t->team[s] = side_name(&e, ptr, m, s, names[r][k][s], sizeof names[r][k][s]);
                if (m->score[0] == TL_NONE) t->score[s][0] = '\0';
                else if (m->so[0] != TL_NONE)
                    snprintf(t->score[s], sizeof t->score[s], "%d (%d)", m->score[s], m->so[s]);
                else snprintf(t->score[s], sizeof t->score[s], "%d", m->score[s]);
            }
        }
    }
    const char *svg = cli_opt(c, "svg");
    if (svg) {
        const struct tl_svg_tie *rounds[TL_STAGE__COUNT];
        for (int r = 0; r < b.nrounds; r++) rounds[r] = ties[r];
        char title[256], sub[256];
        snprintf(title, sizeof title, "%s %s", canon, e.edition);
        snprintf(sub, sizeof sub, "The knockout rounds from the data (in brackets: penalties). "
                                  "Winners in bold.");
        FILE *f = fopen(svg, "w");
        tl_rc r = f ? tl_svg_bracket(f, title, sub, round_names, rounds, b.n, b.nrounds) : TL_EIO;
        if ((rc = cli_wrote(c, f, r, svg, "bracket"))) goto out;
    }
    if (c->fmt == TL_OUT_JSON) {
        struct tl_json j;
        tl_json_init(&j, cli_out);
        tl_json_obj(&j);
        tl_json_key(&j, "competition");
        tl_json_str(&j, canon);
        tl_json_key(&j, "edition");
        tl_json_str(&j, e.edition);
        tl_json_key(&j, "rounds");
        tl_json_arr(&j);
        for (int r = 0; r < b.nrounds; r++) {
            tl_json_obj(&j);
            tl_json_key(&j, "round");
            tl_json_str(&j, round_names[r]);
            tl_json_key(&j, "matches");
            tl_json_arr(&j);
            for (int k = 0; k < b.n[r]; k++) {
                const struct tl_tmatch *m = &e.m[b.match[r][k]];
                tl_json_obj(&j);
                tl_json_key(&j, "match_id");
                tl_json_int(&j, (long)m->id);
                tl_json_key(&j, "date");
                tl_json_str(&j, m->date);
                tl_json_key(&j, "home");
                tl_json_str(&j, ties[r][k].team[0]);
                tl_json_key(&j, "away");
                tl_json_str(&j, ties[r][k].team[1]);
                tl_json_key(&j, "score");
                tl_json_str(&j, m->score[0] == TL_NONE ? NULL : ties[r][k].score[0]);
                tl_json_key(&j, "score_away");
                tl_json_str(&j, m->score[0] == TL_NONE ? NULL : ties[r][k].score[1]);
                tl_json_key(&j, "winner");
                tl_json_str(&j, ties[r][k].winner >= 0 ? ties[r][k].team[ties[r][k].winner] : NULL);
                tl_json_end_obj(&j);
            }
            tl_json_end_arr(&j);
            tl_json_end_obj(&j);
        }
        tl_json_end_arr(&j);
        if (svg) {
            tl_json_key(&j, "svg");
            tl_json_str(&j, svg);
        }
        tl_json_end_obj(&j);
        tl_json_done(&j);
        goto out;
    }
    fprintf(cli_out, "%s %s: the knockout rounds\n", canon, e.edition);
    for (int r = 0; r < b.nrounds; r++) {
        fprintf(cli_out, "\n%s\n", round_names[r]);
        for (int k = 0; k < b.n[r]; k++) {
            const struct tl_tmatch *m = &e.m[b.match[r][k]];
            const struct tl_svg_tie *t = &ties[r][k];
            if (m->score[0] == TL_NONE)
                fprintf(cli_out, "  %s  %s v %s\n", m->date, t->team[0], t->team[1]);
            else
            {
                char pens[32] = "";
                if (m->so[0] != TL_NONE)
                    snprintf(pens, sizeof pens, " (%d-%d pens)", m->so[0], m->so[1]);
                fprintf(cli_out, "  %s  %s %d-%d%s%s %s\n", m->date, t->team[0], m->score[0], m->score[1],
                       m->aet ? " aet" : "", pens, t->team[1]);
            }
        }
    }
    if (b.third >= 0) {
        const struct tl_tmatch *m = &e.m[b.third];
        fprintf(cli_out, "\nthird place\n  %s  %s ", m->date, m->name[0]);
        if (m->score[0] == TL_NONE) fprintf(cli_out, "v");
        else fprintf(cli_out, "%d-%d%s", m->score[0], m->score[1], m->aet ? " aet" : "");
        fprintf(cli_out, " %s\n", m->name[1]);
    }
    if (svg) fprintf(cli_out, "\nbracket: %s\n", svg);
out:
    tables_free(&gt);
    tl_edition_free(&e);
    return rc;
}
