/* cli/cmd_centre.c: the match centre from event data: timeline, shots,
 * lineups and stats. Every line names the event (its index in the file)
 * or the file it comes from. */
#include "cli.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

struct centre {
    struct tl_match_list l;
    const struct tl_match *m;
    struct tl_action_list a;
};

static void centre_free(struct centre *x)
{
    tl_match_list_free(&x->l);
    tl_action_list_free(&x->a);
}

static const char *base_name(const char *path)
{
    if (!path) return "?";
    const char *s = strrchr(path, '/');
    if (!s) return path;
    /* the data set's name for the file: events/3788741.json */
    const char *p = s;
    while (p > path && p[-1] != '/') p--;
    return p;
}

/* Find the match and read its event data. need: fail when it has none. */
static int centre_open(struct cli *c, struct centre *x, int need)
{
    memset(x, 0, sizeof *x);
    if (c->npos != 1 && c->npos != 3)
        return cli_usage(c, "expected DATE HOME AWAY, a match id or statsbomb:ID, found %zu "
                            "argument%s",
                         c->npos, c->npos == 1 ? "" : "s");
    int rc = cli_open(c);
    if (!rc) rc = cli_find_match(c, 0, &x->l);
    if (rc) return rc;
    x->m = &x->l.v[0];
    struct tl_error err;
    tl_err_clear(&err);
    if (tl_store_actions(c->store, x->m->id, &x->a, &err)) return cli_fail(c, &err);
    if (need && x->a.n == 0) {
        fprintf(cli_err,
                "%s: no event data for %s %s v %s (match %lld): import its StatsBomb events file "
                "with 'touchline import statsbomb'\n",
                c->prog, x->m->date, x->m->home, x->m->away, (long long)x->m->id);
        return EXIT_FAIL;
    }
    return EXIT_OK;
}

static void header(const struct centre *x, const char *what, const char *source)
{
    char score[96];
    cli_score(x->m, score, sizeof score);
    fprintf(cli_out, "%s %s %s, %s", x->m->home, score, x->m->away, x->m->date);
    if (x->m->tournament) fprintf(cli_out, ", %s", x->m->tournament);
    if (x->m->stage) fprintf(cli_out, ", %s", x->m->stage);
    fprintf(cli_out, "\n%s", what);
    if (source) fprintf(cli_out, " from %s (#N: the event's index in it)", base_name(source));
    fprintf(cli_out, "\n\n");
}

static void minute_str(int minute, int added, char *out, size_t cap)
{
    if (minute == TL_NONE && cap) out[0] = '\0';
    else if (added > 0) snprintf(out, cap, "%d+%d'", minute, added);
    else snprintf(out, cap, "%d'", minute);
}

static const char *how_text(const char *how)
{
    if (!how) return "missed";
    if (strcmp(how, "over") == 0) return "over the bar";
    if (strcmp(how, "off_target") == 0) return "off target";
    if (strcmp(how, "woodwork") == 0) return "hit the woodwork";
    return how; /* saved, scored, missed */
}

static const char *period_name(int p)
{
    static const char *const n[] = {"?", "first half", "second half", "extra time, first half",
                                    "extra time, second half", "penalty shootout"};
    return p >= 0 && p <= 5 ? n[p] : "?";
}

static void json_moment(struct tl_json *j, const struct tl_moment *m)
{
    tl_json_obj(j);
    tl_json_key(j, "type");
    tl_json_str(j, tl_moment_kind_name(m->kind));
    tl_json_key(j, "period");
    tl_json_int(j, m->period ? m->period : TL_NONE);
    tl_json_key(j, "minute");
    tl_json_int(j, m->minute);
    tl_json_key(j, "added");
    tl_json_int(j, m->minute == TL_NONE ? TL_NONE : m->added);
    tl_json_key(j, "team");
    tl_json_str(j, m->team);
    tl_json_key(j, "player");
    tl_json_str(j, m->player);
    if (m->kind == TL_MO_SUBSTITUTION) {
        tl_json_key(j, "replaced");
        tl_json_str(j, m->other);
    }
    if (m->how) {
        tl_json_key(j, "outcome");
        tl_json_str(j, m->how);
    }
    tl_json_key(j, "score");
    tl_json_arr(j);
    tl_json_int(j, m->score[0]);
    tl_json_int(j, m->score[1]);
    tl_json_end_arr(j);
    if (m->kind == TL_MO_KICK) {
        tl_json_key(j, "kick");
        tl_json_int(j, m->kick);
        tl_json_key(j, "shootout");
        tl_json_arr(j);
        tl_json_int(j, m->kicks[0]);
        tl_json_int(j, m->kicks[1]);
        tl_json_end_arr(j);
    }
    tl_json_key(j, "event_index");
    tl_json_int(j, m->idx ? m->idx : TL_NONE);
    tl_json_end_obj(j);
}

int cmd_timeline(struct cli *c)
{
    struct centre x;
    struct tl_event_list ev = {0};
    struct tl_timeline t = {0};
    int rc = centre_open(c, &x, 0);
    if (rc) goto out;
    struct tl_error err;
    tl_err_clear(&err);
    tl_rc r;
    const char *source = x.a.source_file;
    if (x.a.n) {
        r = tl_engine_timeline(&x.a, x.m->home, &t);
    } else { /* no event data: what the other sources list */
        if (tl_store_match_events(c->store, x.m->id, &ev, &err)) {
            rc = cli_fail(c, &err);
            goto out;
        }
        source = ev.n ? ev.v[0].source_file : NULL;
        r = tl_engine_timeline_events(&ev, x.m->home, &t);
    }
    if (r) {
        tl_err(&err, r, "out of memory");
        rc = cli_fail(c, &err);
        goto out;
    }
    if (c->fmt == TL_OUT_JSON) {
        struct tl_json j;
        tl_json_init(&j, cli_out);
        tl_json_obj(&j);
        tl_json_key(&j, "match");
        cli_json_match(&j, x.m);
        tl_json_key(&j, "event_data");
        tl_json_bool(&j, x.a.n > 0);
        tl_json_key(&j, "source");
        tl_json_str(&j, source);
        tl_json_key(&j, "timeline");
        tl_json_arr(&j);
        for (size_t i = 0; i < t.n; i++) json_moment(&j, &t.v[i]);
        tl_json_end_arr(&j);
        tl_json_end_obj(&j);
        tl_json_done(&j);
        goto out;
    }
    header(&x, x.a.n ? "Timeline" : "Timeline (no event data: goals, cards and changes as listed)",
           x.a.source_file);
    for (size_t i = 0; i < t.n; i++) {
        const struct tl_moment *m = &t.v[i];
        char min[16], what[512];
        minute_str(m->minute, m->added, min, sizeof min);
        switch (m->kind) {
        case TL_MO_PERIOD_START: snprintf(what, sizeof what, "%s begins", period_name(m->period)); break;
        case TL_MO_PERIOD_END:
            snprintf(what, sizeof what, "%s ends, %d-%d", period_name(m->period), m->score[0],
                     m->score[1]);
            if (m->period == 5)
                snprintf(what, sizeof what, "shootout ends, %d-%d on penalties", m->kicks[0],
                         m->kicks[1]);
            break;
        case TL_MO_GOAL:
        case TL_MO_PENALTY_GOAL:
        case TL_MO_OWN_GOAL:
            snprintf(what, sizeof what, "GOAL %s %s%s, %d-%d", m->team, m->player ? m->player : "?",
                     m->kind == TL_MO_PENALTY_GOAL ? " (penalty)"
                     : m->kind == TL_MO_OWN_GOAL   ? " (own goal)"
                                                   : "",
                     m->score[0], m->score[1]);
            break;
        case TL_MO_PENALTY_MISSED:
            snprintf(what, sizeof what, "penalty missed: %s (%s), %s", m->player ? m->player : "?",
                     m->team, how_text(m->how));
            break;
        case TL_MO_YELLOW:
        case TL_MO_SECOND_YELLOW:
        case TL_MO_RED:
            snprintf(what, sizeof what, "%s: %s (%s)",
                     m->kind == TL_MO_YELLOW          ? "yellow card"
                     : m->kind == TL_MO_SECOND_YELLOW ? "second yellow, sent off"
                                                      : "red card",
                     m->player ? m->player : "?", m->team);
            break;
        case TL_MO_SUBSTITUTION:
            snprintf(what, sizeof what, "substitution %s: %s on, %s off", m->team,
                     m->player ? m->player : "?", m->other ? m->other : "?");
            break;
        case TL_MO_KICK:
            snprintf(what, sizeof what, "kick %d: %s (%s) %s, %d-%d", m->kick,
                     m->player ? m->player : "?", m->team, how_text(m->how), m->kicks[0],
                     m->kicks[1]);
            break;
        default: snprintf(what, sizeof what, "?");
        }
        fprintf(cli_out, "  %-7s %s", min, what);
        if (m->idx) fprintf(cli_out, "  #%d", m->idx);
        fprintf(cli_out, "\n");
    }
    if (!t.n) fprintf(cli_out, "  (nothing listed)\n");
    if (!x.a.n && source) fprintf(cli_out, "\nsource: %s\n", base_name(source));
out:
    tl_timeline_free(&t);
    tl_event_list_free(&ev);
    centre_free(&x);
    return rc;
}

/* ---- shots ---- */

static void shot_outcome(const struct tl_action *a, char *out, size_t cap)
{
    const char *o = a->outcome ? a->outcome : "?";
    if (strcmp(o, "Off T") == 0)
        snprintf(out, cap, "%s", !isnan(a->end_z) && a->end_z > TL_CROSSBAR ? "over the bar"
                                                                            : "off target");
    else snprintf(out, cap, "%s", o);
}

int cmd_shots(struct cli *c)
{
    struct centre x;
    struct tl_table t;
    tl_table_init(&t);
    int rc = centre_open(c, &x, 1);
    if (rc) goto out;
    static const char *const cols[] = {"minute", "team", "player", "xg", "outcome", "type",
                                       "body_part", "x", "y", "event_index"};
    for (size_t k = 0; k < 10; k++)
        tl_table_col(&t, cols[k], k == 9 ? TL_CELL_INT : TL_CELL_TEXT);
    struct tl_team_stats st[2];
    tl_engine_match_stats(&x.a, x.m->home_id, x.m->away_id, st);
    for (size_t i = 0; i < x.a.n; i++) {
        const struct tl_action *a = &x.a.v[i];
        if (!tl_engine_is_shot(a)) continue;
        int minute, added;
        char min[16], outc[64];
        tl_written_minute(a->period, a->minute, &minute, &added);
        minute_str(minute, added, min, sizeof min);
        shot_outcome(a, outc, sizeof outc);
        if (tl_table_row(&t) || tl_table_set(&t, 0, min) || tl_table_set(&t, 1, a->team) ||
            tl_table_set(&t, 2, a->player) ||
            tl_table_setf(&t, 3, "%.2f", isnan(a->xg) ? 0.0 : a->xg) ||
            tl_table_set(&t, 4, outc) || tl_table_set(&t, 5, a->subtype) ||
            tl_table_set(&t, 6, a->body_part) ||
            tl_table_setf(&t, 7, "%.1f", isnan(a->x) ? 0.0 : a->x) ||
            tl_table_setf(&t, 8, "%.1f", isnan(a->y) ? 0.0 : a->y) ||
            tl_table_set_int(&t, 9, a->idx)) {
            fprintf(cli_err, "%s: out of memory\n", c->prog);
            rc = EXIT_FAIL;
            goto out;
        }
    }
    const char *svg = cli_opt(c, "svg");
    if (svg) {
        FILE *f = fopen(svg, "w");
        char title[256], sub[256], score[96];
        cli_score(x.m, score, sizeof score);
        snprintf(title, sizeof title, "%s %s %s", x.m->home, score, x.m->away);
        snprintf(sub, sizeof sub, "%s%s%s. Shots by xG (StatsBomb); filled: goals. Data: %s",
                 x.m->date, x.m->tournament ? ", " : "", x.m->tournament ? x.m->tournament : "",
                 base_name(x.a.source_file));
        tl_rc r = f ? tl_svg_shot_map(f, &x.a, x.m->home_id, x.m->home, x.m->away, title, sub)
                    : TL_EIO;
        if ((rc = cli_wrote(c, f, r, svg, "shot map"))) goto out;
    }
    if (c->fmt == TL_OUT_CSV) {
        tl_table_print_csv(&t, cli_out);
    } else if (c->fmt == TL_OUT_JSON) {
        struct tl_json j;
        tl_json_init(&j, cli_out);
        tl_json_obj(&j);
        tl_json_key(&j, "match");
        cli_json_match(&j, x.m);
        tl_json_key(&j, "source");
        tl_json_str(&j, x.a.source_file);
        tl_json_key(&j, "shots");
        tl_json_table(&j, &t);
        tl_json_key(&j, "totals");
        tl_json_arr(&j);
        for (int s = 0; s < 2; s++) {
            tl_json_obj(&j);
            tl_json_key(&j, "team");
            tl_json_str(&j, s ? x.m->away : x.m->home);
            tl_json_key(&j, "shots");
            tl_json_int(&j, st[s].shots);
            tl_json_key(&j, "on_target");
            tl_json_int(&j, st[s].on_target);
            tl_json_key(&j, "scored");
            tl_json_int(&j, st[s].shot_goals);
            tl_json_key(&j, "xg");
            tl_json_num(&j, st[s].xg, 2);
            tl_json_end_obj(&j);
        }
        tl_json_end_arr(&j);
        if (svg) {
            tl_json_key(&j, "svg");
            tl_json_str(&j, svg);
        }
        tl_json_end_obj(&j);
        tl_json_done(&j);
    } else {
        header(&x, "Shots", x.a.source_file);
        tl_table_print_text(&t, cli_out);
        fprintf(cli_out, "\n");
        for (int s = 0; s < 2; s++)
            fprintf(cli_out, "%-20s %2ld shots, %2ld on target, %ld scored, xG %.2f\n",
                   s ? x.m->away : x.m->home, st[s].shots, st[s].on_target, st[s].shot_goals,
                   st[s].xg);
        if (svg) fprintf(cli_out, "\nshot map: %s\n", svg);
    }
out:
    tl_table_free(&t);
    centre_free(&x);
    return rc;
}

/* ---- lineups ---- */

/* Print s padded with spaces to width columns (UTF-8 aware). */
static void put_padded(const char *s, size_t width)
{
    s = s ? s : "";
    size_t w = tl_utf8_width(s);
    fputs(s, cli_out);
    for (; w < width; w++) fputc(' ', cli_out);
}

/* StatsBomb's positions from the goal outwards, for listing an XI. */
static int position_rank(const char *p)
{
    static const char *const order[] = {
        "Goalkeeper", "Right Back", "Right Wing Back", "Right Center Back", "Center Back",
        "Left Center Back", "Left Back", "Left Wing Back", "Right Defensive Midfield",
        "Center Defensive Midfield", "Left Defensive Midfield", "Right Midfield",
        "Right Center Midfield", "Center Midfield", "Left Center Midfield", "Left Midfield",
        "Right Attacking Midfield", "Center Attacking Midfield", "Left Attacking Midfield",
        "Right Wing", "Left Wing", "Right Center Forward", "Secondary Striker",
        "Center Forward", "Left Center Forward"};
    for (size_t i = 0; p && i < sizeof order / sizeof *order; i++)
        if (strcmp(p, order[i]) == 0) return (int)i;
    return 99;
}

static int by_position(const void *x, const void *y)
{
    const struct tl_lineup_entry *a = x, *b = y;
    int t = strcmp(a->team, b->team);
    if (t) return t;
    if (a->starter != b->starter) return b->starter - a->starter;
    int pa = a->starter ? position_rank(a->position) : 0;
    int pb = b->starter ? position_rank(b->position) : 0;
    if (pa != pb) return pa - pb;
    int sa = a->shirt == TL_NONE ? 1000 : a->shirt, sb = b->shirt == TL_NONE ? 1000 : b->shirt;
    return sa - sb;
}

struct change {
    const char *team, *on, *off;
    int minute, added, idx;
};

int cmd_lineups(struct cli *c)
{
    struct centre x;
    struct tl_lineup_list lu = {0};
    struct tl_event_list ev = {0};
    struct change ch[64];
    size_t nch = 0;
    int formation[2] = {0, 0};
    int rc = centre_open(c, &x, 0);
    if (rc) goto out;
    struct tl_error err;
    tl_err_clear(&err);
    if (tl_store_match_lineups(c->store, x.m->id, &lu, &err)) {
        rc = cli_fail(c, &err);
        goto out;
    }
    if (!lu.n) {
        fprintf(cli_err, "%s: no lineups for %s %s v %s (match %lld) in any source\n", c->prog,
                x.m->date, x.m->home, x.m->away, (long long)x.m->id);
        rc = EXIT_FAIL;
        goto out;
    }
    if (lu.v[0].position || lu.v[0].shirt != TL_NONE) /* else keep the source's order */
        qsort(lu.v, lu.n, sizeof *lu.v, by_position);
    /* formations and substitutions: event data, else the first source listing changes */
    for (size_t i = 0; i < x.a.n; i++) {
        const struct tl_action *a = &x.a.v[i];
        int side = a->team_id == x.m->home_id ? 0 : 1;
        if (a->type && strcmp(a->type, "Starting XI") == 0) formation[side] = a->formation;
        if (a->type && strcmp(a->type, "Substitution") == 0 && nch < 64) {
            struct change *k = &ch[nch++];
            k->team = a->team;
            k->on = a->other;
            k->off = a->player;
            k->idx = a->idx;
            tl_written_minute(a->period, a->minute, &k->minute, &k->added);
        }
    }
    if (!x.a.n) {
        if (tl_store_match_events(c->store, x.m->id, &ev, &err)) {
            rc = cli_fail(c, &err);
            goto out;
        }
        const char *src = NULL;
        for (size_t i = 0; i < ev.n && nch < 64; i++) {
            const struct tl_event *e = &ev.v[i];
            if (e->kind != TL_EV_SUBSTITUTION) continue;
            if (!src) src = e->source_file;
            if (strcmp(src, e->source_file) != 0) continue;
            ch[nch++] = (struct change){e->team, e->player, e->player2, e->minute, e->added, 0};
        }
    }
    const char *team_name[2] = {x.m->home, x.m->away};
    if (c->fmt == TL_OUT_JSON) {
        struct tl_json j;
        tl_json_init(&j, cli_out);
        tl_json_obj(&j);
        tl_json_key(&j, "match");
        cli_json_match(&j, x.m);
        tl_json_key(&j, "source");
        tl_json_str(&j, lu.source_file);
        tl_json_key(&j, "teams");
        tl_json_arr(&j);
        for (int s = 0; s < 2; s++) {
            tl_json_obj(&j);
            tl_json_key(&j, "team");
            tl_json_str(&j, team_name[s]);
            tl_json_key(&j, "formation");
            tl_json_int(&j, formation[s] ? formation[s] : TL_NONE);
            for (int starter = 1; starter >= 0; starter--) {
                tl_json_key(&j, starter ? "starting" : "substitutes");
                tl_json_arr(&j);
                for (size_t i = 0; i < lu.n; i++) {
                    const struct tl_lineup_entry *e = &lu.v[i];
                    if (strcmp(e->team, team_name[s]) != 0 || e->starter != starter) continue;
                    tl_json_obj(&j);
                    tl_json_key(&j, "player");
                    tl_json_str(&j, e->player);
                    tl_json_key(&j, "shirt");
                    tl_json_int(&j, e->shirt);
                    tl_json_key(&j, "position");
                    tl_json_str(&j, e->position);
                    for (size_t k = 0; k < nch; k++) {
                        if (strcmp(ch[k].team, team_name[s]) != 0) continue;
                        const char *who = starter ? ch[k].off : ch[k].on;
                        if (!who || strcmp(who, e->player) != 0) continue;
                        tl_json_key(&j, starter ? "off_minute" : "on_minute");
                        tl_json_int(&j, ch[k].minute);
                        tl_json_key(&j, starter ? "replaced_by" : "replaced");
                        tl_json_str(&j, starter ? ch[k].on : ch[k].off);
                    }
                    tl_json_end_obj(&j);
                }
                tl_json_end_arr(&j);
            }
            tl_json_end_obj(&j);
        }
        tl_json_end_arr(&j);
        tl_json_end_obj(&j);
        tl_json_done(&j);
        goto out;
    }
    header(&x, "Lineups", NULL);
    for (int s = 0; s < 2; s++) {
        fprintf(cli_out, "%s", team_name[s]);
        if (formation[s]) {
            char f[16];
            snprintf(f, sizeof f, "%d", formation[s]);
            fprintf(cli_out, " (");
            for (char *p = f; *p; p++) fprintf(cli_out, "%c%s", *p, p[1] ? "-" : "");
            fprintf(cli_out, ")");
        }
        fprintf(cli_out, "\n");
        for (int starter = 1; starter >= 0; starter--) {
            if (!starter) fprintf(cli_out, "  substitutes:\n");
            for (size_t i = 0; i < lu.n; i++) {
                const struct tl_lineup_entry *e = &lu.v[i];
                if (strcmp(e->team, team_name[s]) != 0 || e->starter != starter) continue;
                char shirt[8] = "";
                if (e->shirt != TL_NONE) snprintf(shirt, sizeof shirt, "%d", e->shirt);
                fprintf(cli_out, "  %3s  ", shirt);
                put_padded(e->player, 28);
                fputc(' ', cli_out);
                put_padded(e->position, 26);
                for (size_t k = 0; k < nch; k++) {
                    if (strcmp(ch[k].team, team_name[s]) != 0) continue;
                    const char *who = starter ? ch[k].off : ch[k].on;
                    if (!who || strcmp(who, e->player) != 0) continue;
                    char min[16];
                    minute_str(ch[k].minute, ch[k].added, min, sizeof min);
                    fprintf(cli_out, " %s %s (%s)", starter ? "off" : "on", min,
                           starter ? (ch[k].on ? ch[k].on : "?") : (ch[k].off ? ch[k].off : "?"));
                }
                fprintf(cli_out, "\n");
            }
        }
        fprintf(cli_out, "\n");
    }
    fprintf(cli_out, "source: %s", base_name(lu.source_file));
    if (x.a.n) fprintf(cli_out, "; formations and changes: %s", base_name(x.a.source_file));
    else if (ev.n && nch) fprintf(cli_out, "; changes: %s", base_name(ev.v[0].source_file));
    fprintf(cli_out, "\n");
out:
    tl_lineup_list_free(&lu);
    tl_event_list_free(&ev);
    centre_free(&x);
    return rc;
}

/* ---- stats ---- */

int cmd_stats(struct cli *c)
{
    struct centre x;
    int rc = centre_open(c, &x, 1);
    if (rc) goto out;
    struct tl_team_stats st[2];
    tl_engine_match_stats(&x.a, x.m->home_id, x.m->away_id, st);
    static const char *const keys[] = {"possession", "passes", "passes_complete",
                                       "pass_completion", "shots", "on_target", "goals",
                                       "xg", "corners", "offsides", "fouls", "yellow", "red"};
    if (c->fmt == TL_OUT_JSON) {
        struct tl_json j;
        tl_json_init(&j, cli_out);
        tl_json_obj(&j);
        tl_json_key(&j, "match");
        cli_json_match(&j, x.m);
        tl_json_key(&j, "source");
        tl_json_str(&j, x.a.source_file);
        tl_json_key(&j, "teams");
        tl_json_arr(&j);
        for (int s = 0; s < 2; s++) {
            const struct tl_team_stats *t = &st[s];
            tl_json_obj(&j);
            tl_json_key(&j, "team");
            tl_json_str(&j, s ? x.m->away : x.m->home);
            tl_json_key(&j, keys[0]);
            tl_json_num(&j, t->possession, 3);
            tl_json_key(&j, keys[1]);
            tl_json_int(&j, t->passes);
            tl_json_key(&j, keys[2]);
            tl_json_int(&j, t->passes_complete);
            tl_json_key(&j, keys[3]);
            tl_json_num(&j, t->passes ? (double)t->passes_complete / (double)t->passes : NAN, 3);
            long v[] = {t->shots, t->on_target, t->goals};
            for (int k = 0; k < 3; k++) {
                tl_json_key(&j, keys[4 + k]);
                tl_json_int(&j, v[k]);
            }
            tl_json_key(&j, keys[7]);
            tl_json_num(&j, t->xg, 2);
            long w[] = {t->corners, t->offsides, t->fouls, t->yellow, t->red};
            for (int k = 0; k < 5; k++) {
                tl_json_key(&j, keys[8 + k]);
                tl_json_int(&j, w[k]);
            }
            tl_json_end_obj(&j);
        }
        tl_json_end_arr(&j);
        tl_json_end_obj(&j);
        tl_json_done(&j);
        goto out;
    }
    header(&x, "Match stats", x.a.source_file);
    fprintf(cli_out, "  %-18s %22s %22s\n", "", x.m->home, x.m->away);
    fprintf(cli_out, "  %-18s %21.1f%% %21.1f%%\n", "possession", 100 * st[0].possession,
           100 * st[1].possession);
    char pc[2][32];
    for (int s = 0; s < 2; s++)
        snprintf(pc[s], sizeof pc[s], "%ld/%ld (%.0f%%)", st[s].passes_complete, st[s].passes,
                 st[s].passes ? 100.0 * (double)st[s].passes_complete / (double)st[s].passes : 0);
    fprintf(cli_out, "  %-18s %22s %22s\n", "passes complete", pc[0], pc[1]);
    fprintf(cli_out, "  %-18s %22ld %22ld\n", "shots", st[0].shots, st[1].shots);
    fprintf(cli_out, "  %-18s %22ld %22ld\n", "on target", st[0].on_target, st[1].on_target);
    fprintf(cli_out, "  %-18s %22.2f %22.2f\n", "xG", st[0].xg, st[1].xg);
    fprintf(cli_out, "  %-18s %22ld %22ld\n", "goals", st[0].goals, st[1].goals);
    fprintf(cli_out, "  %-18s %22ld %22ld\n", "corners", st[0].corners, st[1].corners);
    fprintf(cli_out, "  %-18s %22ld %22ld\n", "offsides", st[0].offsides, st[1].offsides);
    fprintf(cli_out, "  %-18s %22ld %22ld\n", "fouls", st[0].fouls, st[1].fouls);
    fprintf(cli_out, "  %-18s %22ld %22ld\n", "yellow cards", st[0].yellow, st[1].yellow);
    fprintf(cli_out, "  %-18s %22ld %22ld\n", "red cards", st[0].red, st[1].red);
    fprintf(cli_out, "\nPossession: share of the time in possession (from each event to the next within a\n"
           "possession chain). Shootouts not counted.\n");
out:
    centre_free(&x);
    return rc;
}
