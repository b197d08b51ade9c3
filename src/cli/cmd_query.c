/* cli/cmd_query.c: the query commands: matches, match, scorers, team, h2h. */
#include "cli.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

/* ---- shared rendering ---- */

static const char *base_name(const char *path)
{
    if (!path) return "?";
    const char *s = strrchr(path, '/');
    return s ? s + 1 : path;
}

void cli_score(const struct tl_match *m, char *out, size_t cap)
{
    if (m->score_home == TL_NONE) {
        snprintf(out, cap, "v");
        return;
    }
    int n = snprintf(out, cap, "%d-%d", m->score_home, m->score_away);
    if (n < 0 || (size_t)n >= cap) return;
    if (m->aet_home != TL_NONE) n += snprintf(out + n, cap - (size_t)n, " aet");
    if (n < 0 || (size_t)n >= cap) return;
    if (m->so_home != TL_NONE)
        snprintf(out + n, cap - (size_t)n, " (%d-%d pens)", m->so_home, m->so_away);
    else if (m->so_winner)
        snprintf(out + n, cap - (size_t)n, " (%s won on pens)", m->so_winner);
}

static void minute_text(int minute, int added, char *out, size_t cap)
{
    if (minute == TL_NONE) snprintf(out, cap, "?'");
    else if (added > 0) snprintf(out, cap, "%d+%d'", minute, added);
    else snprintf(out, cap, "%d'", minute);
}

tl_rc cli_match_table(const struct tl_match_list *l, struct tl_table *t)
{
    tl_table_init(t);
    tl_table_col(t, "id", TL_CELL_INT);
    tl_table_col(t, "date", TL_CELL_TEXT);
    tl_table_col(t, "home", TL_CELL_TEXT);
    tl_table_col(t, "score", TL_CELL_TEXT);
    tl_table_col(t, "away", TL_CELL_TEXT);
    tl_table_col(t, "tournament", TL_CELL_TEXT);
    tl_table_col(t, "city", TL_CELL_TEXT);
    tl_table_col(t, "country", TL_CELL_TEXT);
    for (size_t i = 0; i < l->n; i++) {
        const struct tl_match *m = &l->v[i];
        char score[96];
        cli_score(m, score, sizeof score);
        tl_rc rc = tl_table_row(t);
        if (!rc) rc = tl_table_set_int(t, 0, (long)m->id);
        if (!rc) rc = tl_table_set(t, 1, m->date);
        if (!rc) rc = tl_table_set(t, 2, m->home);
        if (!rc) rc = tl_table_set(t, 3, score);
        if (!rc) rc = tl_table_set(t, 4, m->away);
        if (!rc) rc = tl_table_set(t, 5, m->tournament);
        if (!rc) rc = tl_table_set(t, 6, m->city);
        if (!rc) rc = tl_table_set(t, 7, m->country);
        if (rc) return rc;
    }
    return TL_OK;
}

void cli_json_match(struct tl_json *j, const struct tl_match *m)
{
    tl_json_obj(j);
    tl_json_key(j, "id");
    tl_json_int(j, (long)m->id);
    tl_json_key(j, "date");
    tl_json_str(j, m->date);
    tl_json_key(j, "home");
    tl_json_str(j, m->home);
    tl_json_key(j, "away");
    tl_json_str(j, m->away);
    tl_json_key(j, "home_score");
    tl_json_int(j, m->score_home);
    tl_json_key(j, "away_score");
    tl_json_int(j, m->score_away);
    tl_json_key(j, "status");
    tl_json_str(j, tl_status_name(m->status));
    tl_json_key(j, "shootout");
    if (m->so_winner) {
        tl_json_obj(j);
        tl_json_key(j, "winner");
        tl_json_str(j, m->so_winner);
        tl_json_key(j, "first_shooter");
        tl_json_str(j, m->so_first);
        tl_json_key(j, "home");
        tl_json_int(j, m->so_home);
        tl_json_key(j, "away");
        tl_json_int(j, m->so_away);
        tl_json_end_obj(j);
    } else {
        tl_json_null(j);
    }
    tl_json_key(j, "tournament");
    tl_json_str(j, m->tournament);
    tl_json_key(j, "city");
    tl_json_str(j, m->city);
    tl_json_key(j, "country");
    tl_json_str(j, m->country);
    tl_json_key(j, "neutral");
    tl_json_bool(j, m->neutral);
    tl_json_key(j, "source");
    tl_json_obj(j);
    tl_json_key(j, "file");
    tl_json_str(j, m->source_file);
    tl_json_key(j, "line");
    tl_json_int(j, m->source_line);
    tl_json_end_obj(j);
    tl_json_end_obj(j);
}

static void json_team(struct tl_json *j, const struct tl_team_match *t)
{
    tl_json_obj(j);
    tl_json_key(j, "name");
    tl_json_str(j, t->team);
    tl_json_key(j, "as");
    tl_json_str(j, t->as);
    tl_json_key(j, "name_from");
    tl_json_str(j, t->from[0] ? t->from : NULL);
    tl_json_key(j, "name_to");
    tl_json_str(j, t->to[0] ? t->to : NULL);
    tl_json_end_obj(j);
}

/* The filters a query ran with, as the first keys of its JSON document:
 * "team" (and vs_key when given), "tournament", "from" and to_key. */
static void json_filters(struct tl_json *j, const struct tl_team_match *team, const char *vs_key,
                         const struct tl_team_match *vs, const char *comp, const char *from,
                         const char *to_key, const char *to)
{
    tl_json_key(j, "team");
    if (team && team->team_id) json_team(j, team);
    else tl_json_null(j);
    if (vs_key) {
        tl_json_key(j, vs_key);
        if (vs && vs->team_id) json_team(j, vs);
        else tl_json_null(j);
    }
    tl_json_key(j, "tournament");
    tl_json_str(j, comp && comp[0] ? comp : NULL);
    tl_json_key(j, "from");
    tl_json_str(j, from);
    tl_json_key(j, to_key);
    tl_json_str(j, to);
}

/* A team asked for by a former name restricts the date range to that name's. */
static void narrow(const struct tl_team_match *t, const char **from, const char **to)
{
    if (!t->from[0]) return;
    if (!*from || strcmp(t->from, *from) > 0) *from = t->from;
    if (!*to || strcmp(t->to, *to) < 0) *to = t->to;
    fprintf(cli_err, "note: \"%s\" is %s's former name, used %s to %s; showing that period\n",
            t->as, t->team, t->from, t->to);
}

static int print_matches(struct cli *c, const struct tl_match_list *l)
{
    struct tl_table t;
    if (cli_match_table(l, &t)) {
        tl_table_free(&t);
        fprintf(cli_err, "%s: out of memory\n", c->prog);
        return EXIT_FAIL;
    }
    if (c->fmt == TL_OUT_CSV) tl_table_print_csv(&t, cli_out);
    else tl_table_print_text(&t, cli_out);
    tl_table_free(&t);
    return EXIT_OK;
}

/* ---- matches ---- */

int cmd_matches(struct cli *c)
{
    if (c->npos) return cli_usage(c, "'matches' takes options only, found \"%s\"", c->pos[0]);
    struct tl_match_filter f = {0};
    f.from = cli_opt(c, "from");
    f.to = cli_opt(c, "to");
    int rc;
    if ((rc = cli_date_arg(c, "from", f.from)) || (rc = cli_date_arg(c, "to", f.to))) return rc;
    if (cli_opt(c, "limit") && (f.limit = cli_num_arg(c, "limit", cli_opt(c, "limit"))) < 0)
        return EXIT_USAGE;
    f.newest_first = cli_opt(c, "newest") != NULL;
    if ((rc = cli_open(c))) return rc;
    struct tl_team_match team = {0}, vs = {0};
    if (cli_opt(c, "team")) {
        if ((rc = cli_team(c, cli_opt(c, "team"), &team))) return rc;
        f.team_id = team.team_id;
        narrow(&team, &f.from, &f.to);
    }
    if (cli_opt(c, "vs")) {
        if ((rc = cli_team(c, cli_opt(c, "vs"), &vs))) return rc;
        f.vs_id = vs.team_id;
        narrow(&vs, &f.from, &f.to);
    }
    char comp[256] = "";
    if (cli_opt(c, "tournament") &&
        (rc = cli_competition(c, cli_opt(c, "tournament"), &f.competition_id, comp, sizeof comp)))
        return rc;
    struct tl_match_list l = {0};
    struct tl_error err;
    tl_err_clear(&err);
    if (tl_store_matches(c->store, &f, &l, &err)) {
        tl_match_list_free(&l);
        return cli_fail(c, &err);
    }
    if (c->fmt == TL_OUT_JSON) {
        struct tl_json j;
        tl_json_init(&j, cli_out);
        tl_json_obj(&j);
        json_filters(&j, &team, "vs", &vs, comp, f.from, "to", f.to);
        tl_json_key(&j, "count");
        tl_json_int(&j, (long)l.n);
        tl_json_key(&j, "matches");
        tl_json_arr(&j);
        for (size_t i = 0; i < l.n; i++) cli_json_match(&j, &l.v[i]);
        tl_json_end_arr(&j);
        tl_json_end_obj(&j);
        tl_json_done(&j);
        rc = EXIT_OK;
    } else {
        rc = print_matches(c, &l);
        if (c->fmt == TL_OUT_TEXT) fprintf(cli_out, "%zu match%s\n", l.n, l.n == 1 ? "" : "es");
    }
    tl_match_list_free(&l);
    return rc;
}

/* ---- finding one match ---- */

static int all_digits(const char *s)
{
    if (!*s) return 0;
    for (; *s; s++)
        if (*s < '0' || *s > '9') return 0;
    return 1;
}

int cli_find_match(struct cli *c, size_t from, struct tl_match_list *out)
{
    struct tl_error err;
    tl_err_clear(&err);
    size_t n = c->npos - from;
    int rc;
    if (n == 1) {
        const char *a = c->pos[from];
        int64_t id = 0;
        const char *colon = strchr(a, ':');
        if (colon) {
            char kind[32];
            snprintf(kind, sizeof kind, "%.*s", (int)(colon - a), a);
            if (strcmp(kind, "sb") == 0) snprintf(kind, sizeof kind, "statsbomb");
            rc = tl_store_match_by_ref(c->store, kind, colon + 1, &id, &err);
            if (rc == TL_ENOTFOUND) {
                fprintf(cli_err, "%s: no match with %s id %s in %s\n", c->prog, kind, colon + 1, cli_db_name(c));
                return EXIT_FAIL;
            }
            if (rc) return cli_fail(c, &err);
        } else if (all_digits(a)) {
            id = atoll(a);
        } else {
            return cli_usage(c, "expected DATE HOME AWAY, a match id or SOURCE:ID, found \"%s\"", a);
        }
        struct tl_match_filter f = {.match_id = id};
        if (tl_store_matches(c->store, &f, out, &err)) return cli_fail(c, &err);
        if (out->n == 0 && !colon &&
            tl_store_match_by_ref(c->store, "statsbomb", a, &id, &err) == TL_OK) {
            f.match_id = id;
            if (tl_store_matches(c->store, &f, out, &err)) return cli_fail(c, &err);
        }
        if (out->n == 0) {
            fprintf(cli_err, "%s: no match with id %s in %s\n", c->prog, a, cli_db_name(c));
            return EXIT_FAIL;
        }
        return EXIT_OK;
    }
    if (n != 3) return cli_usage(c, "expected DATE HOME AWAY or a match id");
    const char *date = c->pos[from];
    struct tl_date d;
    if (tl_date_parse(date, strlen(date), &d) != 0)
        return cli_usage(c, "expected a date YYYY-MM-DD, found \"%s\"", date);
    struct tl_team_match a, b;
    if ((rc = cli_team(c, c->pos[from + 1], &a)) || (rc = cli_team(c, c->pos[from + 2], &b)))
        return rc;
    if (tl_store_find_matches(c->store, date, a.team_id, b.team_id, out, &err))
        return cli_fail(c, &err);
    if (out->n == 1) return EXIT_OK;
    if (out->n > 1) {
        fprintf(cli_err, "%s: %zu matches between %s and %s on %s; name one by id:\n", c->prog,
                out->n, a.team, b.team, date);
        for (size_t i = 0; i < out->n; i++) {
            char score[96];
            cli_score(&out->v[i], score, sizeof score);
            fprintf(cli_err, "  %lld  %s %s %s\n", (long long)out->v[i].id, out->v[i].home, score,
                    out->v[i].away);
        }
        return EXIT_FAIL;
    }
    /* none: say when they did meet nearest to that date */
    struct tl_match_list all = {0};
    struct tl_match_filter f = {.team_id = a.team_id, .vs_id = b.team_id};
    const char *near = NULL;
    long best = 0;
    if (!tl_store_matches(c->store, &f, &all, &err))
        for (size_t i = 0; i < all.n; i++) {
            struct tl_date md;
            if (tl_date_parse(all.v[i].date, 10, &md)) continue;
            long dd = labs(tl_date_days(md) - tl_date_days(d));
            if (!near || dd < best) {
                near = all.v[i].date;
                best = dd;
            }
        }
    if (near)
        fprintf(cli_err, "%s: no match between %s and %s on %s; their nearest meeting: %s\n",
                c->prog, a.team, b.team, date, near);
    else
        fprintf(cli_err, "%s: %s and %s have never met in the data\n", c->prog, a.team, b.team);
    tl_match_list_free(&all);
    return EXIT_FAIL;
}

/* ---- match ---- */

int cmd_match(struct cli *c)
{
    if (c->npos != 1 && c->npos != 3)
        return cli_usage(c, "expected DATE HOME AWAY or a match id, found %zu argument%s", c->npos,
                         c->npos == 1 ? "" : "s");
    int rc = cli_open(c);
    if (rc) return rc;
    struct tl_match_list l = {0};
    struct tl_event_list ev = {0};
    struct tl_lineup_list lu = {0};
    struct tl_error err;
    tl_err_clear(&err);
    if ((rc = cli_find_match(c, 0, &l))) goto out;
    const struct tl_match *m = &l.v[0];
    if (tl_store_match_events(c->store, m->id, &ev, &err) ||
        tl_store_match_lineups(c->store, m->id, &lu, &err)) {
        rc = cli_fail(c, &err);
        goto out;
    }
    long listed = 0;
    for (size_t i = 0; i < ev.n; i++)
        if (ev.v[i].kind == TL_EV_GOAL || ev.v[i].kind == TL_EV_PENALTY_GOAL ||
            ev.v[i].kind == TL_EV_OWN_GOAL)
            listed++;
    long goals = m->score_home == TL_NONE ? 0 : m->score_home + m->score_away;

    if (c->fmt == TL_OUT_JSON) {
        struct tl_json j;
        tl_json_init(&j, cli_out);
        tl_json_obj(&j);
        tl_json_key(&j, "match");
        cli_json_match(&j, m);
        tl_json_key(&j, "goals_listed");
        tl_json_int(&j, listed);
        tl_json_key(&j, "events");
        tl_json_arr(&j);
        for (size_t i = 0; i < ev.n; i++) {
            const struct tl_event *e = &ev.v[i];
            tl_json_obj(&j);
            tl_json_key(&j, "id");
            tl_json_int(&j, (long)e->id);
            tl_json_key(&j, "type");
            tl_json_str(&j, tl_event_kind_name(e->kind));
            tl_json_key(&j, "minute");
            tl_json_int(&j, e->minute);
            tl_json_key(&j, "added");
            tl_json_int(&j, e->added);
            tl_json_key(&j, "team");
            tl_json_str(&j, e->team);
            tl_json_key(&j, "player");
            tl_json_str(&j, e->player);
            tl_json_key(&j, "source");
            tl_json_obj(&j);
            tl_json_key(&j, "file");
            tl_json_str(&j, e->source_file);
            tl_json_key(&j, "line");
            tl_json_int(&j, e->source_line);
            tl_json_end_obj(&j);
            tl_json_end_obj(&j);
        }
        tl_json_end_arr(&j);
        tl_json_end_obj(&j);
        tl_json_done(&j);
        goto out;
    }
    if (c->fmt == TL_OUT_CSV) {
        struct tl_table t;
        tl_table_init(&t);
        static const char *const cols[] = {"match_id", "date", "home", "away", "home_score",
                                           "away_score", "minute", "added", "type", "team",
                                           "player"};
        for (size_t k = 0; k < 11; k++)
            tl_table_col(&t, cols[k], k == 0 || (k >= 4 && k <= 7) ? TL_CELL_INT : TL_CELL_TEXT);
        for (size_t i = 0; i < ev.n; i++) {
            const struct tl_event *e = &ev.v[i];
            if (tl_table_row(&t) || tl_table_set_int(&t, 0, (long)m->id) ||
                tl_table_set(&t, 1, m->date) || tl_table_set(&t, 2, m->home) ||
                tl_table_set(&t, 3, m->away) || tl_table_set_int(&t, 4, m->score_home) ||
                tl_table_set_int(&t, 5, m->score_away) || tl_table_set_int(&t, 6, e->minute) ||
                tl_table_set_int(&t, 7, e->added) ||
                tl_table_set(&t, 8, tl_event_kind_name(e->kind)) || tl_table_set(&t, 9, e->team) ||
                tl_table_set(&t, 10, e->player)) {
                tl_table_free(&t);
                rc = EXIT_FAIL;
                goto out;
            }
        }
        tl_table_print_csv(&t, cli_out);
        tl_table_free(&t);
        goto out;
    }

    if (m->score_home == TL_NONE) fprintf(cli_out, "%s v %s\n", m->home, m->away);
    else if (m->aet_home != TL_NONE)
        fprintf(cli_out, "%s %d-%d %s (after extra time)\n", m->home, m->score_home, m->score_away, m->away);
    else fprintf(cli_out, "%s %d-%d %s\n", m->home, m->score_home, m->score_away, m->away);
    /* where and when: date, tournament (edition, stage, group), venue */
    fprintf(cli_out, "%s, %s", m->date, m->tournament ? m->tournament : "?");
    if (m->edition) fprintf(cli_out, " %s", m->edition);
    if (m->stage && !(m->group && strcmp(m->stage, "Group stage") == 0)) fprintf(cli_out, ", %s", m->stage);
    if (m->group) fprintf(cli_out, ", %s", m->group);
    if (m->venue) fprintf(cli_out, ", %s", m->venue);
    if (m->city) fprintf(cli_out, ", %s", m->city);
    if (m->country) fprintf(cli_out, ", %s", m->country);
    if (m->neutral) fprintf(cli_out, " (neutral venue)");
    fprintf(cli_out, "\n");
    int facts = 0;
    if (m->kickoff) {
        fprintf(cli_out, "Kick-off %s", m->kickoff);
        if (m->utc_offset != TL_NONE)
            fprintf(cli_out, " (UTC%+d%s)", m->utc_offset / 60,
                   m->utc_offset % 60 ? ":30" : "");
        facts = 1;
    }
    if (m->attendance != TL_NONE) fprintf(cli_out, "%sattendance %ld", facts++ ? "; " : "Attendance ", m->attendance);
    if (m->referee) fprintf(cli_out, "%sreferee %s", facts++ ? "; " : "Referee ", m->referee);
    if (facts) fprintf(cli_out, ".\n");
    if (m->ht_home != TL_NONE || m->ft_home != TL_NONE) {
        const char *sep = "";
        if (m->ht_home != TL_NONE) fprintf(cli_out, "Half time %d-%d", m->ht_home, m->ht_away), sep = "; ";
        if (m->aet_home != TL_NONE && m->ft_home != TL_NONE)
            fprintf(cli_out, "%safter 90 minutes %d-%d", sep, m->ft_home, m->ft_away);
        fprintf(cli_out, ".\n");
    }
    if (m->so_winner) {
        int wh = strcmp(m->so_winner, m->home) == 0;
        if (m->so_home != TL_NONE)
            fprintf(cli_out, "%s won the penalty shootout %d-%d", m->so_winner, wh ? m->so_home : m->so_away,
                   wh ? m->so_away : m->so_home);
        else
            fprintf(cli_out, "%s won the penalty shootout", m->so_winner);
        if (m->so_first) fprintf(cli_out, "; %s kicked first", m->so_first);
        fprintf(cli_out, ".\n");
    }
    if (m->status == TL_STATUS_SCHEDULED) fprintf(cli_out, "Not played yet.\n");
    if (ev.n) {
        size_t tw = 0;
        for (size_t i = 0; i < ev.n; i++)
            if (tl_utf8_width(ev.v[i].team) > tw) tw = tl_utf8_width(ev.v[i].team);
        fprintf(cli_out, "\n");
        int kicks[2] = {0, 0}, shootout_header = 0;
        for (size_t i = 0; i < ev.n; i++) {
            const struct tl_event *e = &ev.v[i];
            char min[24];
            if (e->kind == TL_EV_SHOOTOUT_KICK) {
                if (!shootout_header++) fprintf(cli_out, "\n  Penalty shootout\n");
                int side = strcmp(e->team, m->home) == 0 ? 0 : 1;
                if (e->outcome && strcmp(e->outcome, "scored") == 0) kicks[side]++;
                snprintf(min, sizeof min, "%d-%d", kicks[0], kicks[1]);
            } else {
                minute_text(e->minute, e->added, min, sizeof min);
            }
            fprintf(cli_out, "  %6s  %s", min, e->team);
            for (size_t p = tl_utf8_width(e->team); p < tw; p++) fputc(' ', cli_out);
            const char *who = e->player ? e->player : "(scorer unknown)";
            switch (e->kind) {
            case TL_EV_PENALTY_GOAL: fprintf(cli_out, "  %s (pen)\n", who); break;
            case TL_EV_OWN_GOAL: fprintf(cli_out, "  %s (og)\n", who); break;
            case TL_EV_YELLOW: fprintf(cli_out, "  %s (yellow card)\n", who); break;
            case TL_EV_SECOND_YELLOW: fprintf(cli_out, "  %s (second yellow card, sent off)\n", who); break;
            case TL_EV_RED: fprintf(cli_out, "  %s (red card)\n", who); break;
            case TL_EV_SUBSTITUTION:
                fprintf(cli_out, "  %s on for %s\n", who, e->player2 ? e->player2 : "?");
                break;
            case TL_EV_PENALTY_MISSED:
                fprintf(cli_out, "  %s (penalty %s)\n", who, e->outcome ? e->outcome : "missed");
                break;
            case TL_EV_SHOOTOUT_KICK:
                fprintf(cli_out, "  %s %s\n", who, e->outcome && strcmp(e->outcome, "scored") == 0
                                             ? "scored" : "missed");
                break;
            default: fprintf(cli_out, "  %s\n", who); break;
            }
        }
    }
    if (goals > 0 && listed == 0) fprintf(cli_out, "\nNo scorer data for this match in the sources.\n");
    else if (goals > listed) fprintf(cli_out, "\nScorer data lists %ld of the %ld goals.\n", listed, goals);
    if (lu.n) { /* per team: the starting eleven, then who came on */
        fprintf(cli_out, "\n");
        for (size_t i = 0; i < lu.n; i++) {
            if (i > 0 && strcmp(lu.v[i].team, lu.v[i - 1].team) == 0) continue;
            const char *team = lu.v[i].team;
            for (int starters = 1; starters >= 0; starters--) {
                int n = 0;
                for (size_t k = i; k < lu.n && strcmp(lu.v[k].team, team) == 0; k++) {
                    if (lu.v[k].starter != starters) continue;
                    if (!n++) fprintf(cli_out, starters ? "%s: " : "; on: ", team);
                    else fprintf(cli_out, ", ");
                    fprintf(cli_out, "%s%s", lu.v[k].player, lu.v[k].captain ? " (c)" : "");
                }
            }
            fprintf(cli_out, "\n");
        }
    }
    /* the sources of every fact shown */
    fprintf(cli_out, "\nmatch %lld; source %s:%ld", (long long)m->id, base_name(m->source_file), m->source_line);
    for (size_t i = 0; i < ev.n; i++) {
        int seen = 0;
        for (size_t k = 0; k < i; k++)
            if (ev.v[k].source_file && ev.v[i].source_file &&
                strcmp(ev.v[k].source_file, ev.v[i].source_file) == 0)
                seen = 1;
        if (seen || !ev.v[i].source_file) continue;
        long lo = ev.v[i].source_line, hi = lo;
        for (size_t k = i; k < ev.n; k++)
            if (ev.v[k].source_file && strcmp(ev.v[k].source_file, ev.v[i].source_file) == 0) {
                if (ev.v[k].source_line < lo) lo = ev.v[k].source_line;
                if (ev.v[k].source_line > hi) hi = ev.v[k].source_line;
            }
        if (lo == hi) fprintf(cli_out, ", %s:%ld", base_name(ev.v[i].source_file), lo);
        else fprintf(cli_out, ", %s:%ld-%ld", base_name(ev.v[i].source_file), lo, hi);
    }
    if (lu.source_file) fprintf(cli_out, ", lineups %s", base_name(lu.source_file));
    fprintf(cli_out, "\n");
out:
    tl_event_list_free(&ev);
    tl_lineup_list_free(&lu);
    tl_match_list_free(&l);
    return rc;
}

/* ---- scorers ---- */

int cmd_scorers(struct cli *c)
{
    if (c->npos) return cli_usage(c, "'scorers' takes options only, found \"%s\"", c->pos[0]);
    struct tl_scorer_filter f = {0};
    f.from = cli_opt(c, "from");
    f.until = cli_opt(c, "until");
    int rc;
    if ((rc = cli_date_arg(c, "from", f.from)) || (rc = cli_date_arg(c, "until", f.until)))
        return rc;
    long top = 20;
    if (cli_opt(c, "top") && (top = cli_num_arg(c, "top", cli_opt(c, "top"))) < 0)
        return EXIT_USAGE;
    if ((rc = cli_open(c))) return rc;
    struct tl_team_match team = {0};
    if (cli_opt(c, "team")) {
        if ((rc = cli_team(c, cli_opt(c, "team"), &team))) return rc;
        f.team_id = team.team_id;
        narrow(&team, &f.from, &f.until);
    }
    char comp[256] = "";
    if (cli_opt(c, "tournament") &&
        (rc = cli_competition(c, cli_opt(c, "tournament"), &f.competition_id, comp, sizeof comp)))
        return rc;
    struct tl_scorer_list l = {0};
    struct tl_coverage cov;
    struct tl_error err;
    tl_err_clear(&err);
    if (tl_store_scorer_totals(c->store, &f, &l, &err) ||
        tl_store_scorer_coverage(c->store, &f, &cov, &err)) {
        tl_scorer_list_free(&l);
        return cli_fail(c, &err);
    }
    tl_engine_rank_scorers(&l);
    size_t shown = l.n;
    if (top > 0)
        for (shown = 0; shown < l.n && l.v[shown].rank <= top; shown++) {}

    struct tl_table t;
    tl_table_init(&t);
    tl_table_col(&t, "rank", TL_CELL_TEXT);
    tl_table_col(&t, "player", TL_CELL_TEXT);
    tl_table_col(&t, "team", TL_CELL_TEXT);
    tl_table_col(&t, "goals", TL_CELL_INT);
    tl_table_col(&t, "penalties", TL_CELL_INT);
    tl_table_col(&t, "apps", TL_CELL_INT);
    tl_table_col(&t, "first_goal", TL_CELL_TEXT);
    tl_table_col(&t, "last_goal", TL_CELL_TEXT);
    rc = EXIT_OK;
    for (size_t i = 0; i < shown && !rc; i++) {
        const struct tl_scorer_row *r = &l.v[i];
        if (tl_table_row(&t) ||
            tl_table_setf(&t, 0, "%d%s", r->rank, r->tied && c->fmt == TL_OUT_TEXT ? "=" : "") ||
            tl_table_set(&t, 1, r->player) || tl_table_set(&t, 2, r->team) ||
            tl_table_set_int(&t, 3, r->goals) || tl_table_set_int(&t, 4, r->penalties) ||
            tl_table_set_int(&t, 5, r->apps ? r->apps : TL_NONE) ||
            tl_table_set(&t, 6, r->first) || tl_table_set(&t, 7, r->last))
            rc = EXIT_FAIL;
    }
    const char *who = f.team_id ? team.team : "all teams";
    if (rc) {
        fprintf(cli_err, "%s: out of memory\n", c->prog);
    } else if (c->fmt == TL_OUT_JSON) {
        /* rank as a number in JSON, with a tied flag */
        struct tl_json j;
        tl_json_init(&j, cli_out);
        tl_json_obj(&j);
        json_filters(&j, &team, NULL, NULL, comp, f.from, "until", f.until);
        tl_json_key(&j, "scorers");
        tl_json_arr(&j);
        for (size_t i = 0; i < shown; i++) {
            const struct tl_scorer_row *r = &l.v[i];
            tl_json_obj(&j);
            tl_json_key(&j, "rank");
            tl_json_int(&j, r->rank);
            tl_json_key(&j, "tied");
            tl_json_bool(&j, r->tied);
            tl_json_key(&j, "player");
            tl_json_str(&j, r->player);
            tl_json_key(&j, "team");
            tl_json_str(&j, r->team);
            tl_json_key(&j, "goals");
            tl_json_int(&j, r->goals);
            tl_json_key(&j, "penalties");
            tl_json_int(&j, r->penalties);
            tl_json_key(&j, "apps");
            tl_json_int(&j, r->apps ? r->apps : TL_NONE);
            tl_json_key(&j, "first_goal");
            tl_json_str(&j, r->first);
            tl_json_key(&j, "last_goal");
            tl_json_str(&j, r->last);
            tl_json_end_obj(&j);
        }
        tl_json_end_arr(&j);
        tl_json_key(&j, "coverage");
        tl_json_obj(&j);
        tl_json_key(&j, "matches");
        tl_json_int(&j, cov.matches);
        tl_json_key(&j, "matches_with_goals");
        tl_json_int(&j, cov.matches_with_goals);
        tl_json_key(&j, "matches_with_all_scorers");
        tl_json_int(&j, cov.matches_complete);
        tl_json_key(&j, "goals");
        tl_json_int(&j, cov.goals);
        tl_json_key(&j, "goals_with_scorer");
        tl_json_int(&j, cov.goals_listed);
        tl_json_end_obj(&j);
        tl_json_end_obj(&j);
        tl_json_done(&j);
    } else if (c->fmt == TL_OUT_CSV) {
        tl_table_print_csv(&t, cli_out);
    } else {
        tl_table_print_text(&t, cli_out);
        if (shown < l.n) fprintf(cli_out, "(%zu more scorers; --top 0 shows all)\n", l.n - shown);
        fprintf(cli_out, "(apps: matches with the player in a lineup, where a source gives lineups)\n");
        fprintf(cli_out, "\nScorer data: %ld of %ld goals by %s in range have a scorer; %ld of the %ld "
               "matches in which %s scored list every scorer (%ld matches played).\n",
               cov.goals_listed, cov.goals, who, cov.matches_complete, cov.matches_with_goals,
               f.team_id ? team.team : "anyone", cov.matches);
    }
    tl_table_free(&t);
    tl_scorer_list_free(&l);
    return rc;
}

/* ---- team and h2h ---- */

static void json_result(struct tl_json *j, const char *key, const struct tl_match *m)
{
    tl_json_key(j, key);
    if (m) cli_json_match(j, m);
    else tl_json_null(j);
}

static void text_result(const char *label, const struct tl_match *m)
{
    if (!m) return;
    char score[96];
    cli_score(m, score, sizeof score);
    fprintf(cli_out, "%-16s%s  %s %s %s  (%s)\n", label, m->date, m->home, score, m->away,
           m->tournament ? m->tournament : "?");
}

static void record_out(struct cli *c, const struct tl_team_record *r, struct tl_json *j)
{
    if (j) {
        tl_json_key(j, "played");
        tl_json_int(j, r->played);
        tl_json_key(j, "won");
        tl_json_int(j, r->won);
        tl_json_key(j, "drawn");
        tl_json_int(j, r->drawn);
        tl_json_key(j, "lost");
        tl_json_int(j, r->lost);
        tl_json_key(j, "goals_for");
        tl_json_int(j, r->goals_for);
        tl_json_key(j, "goals_against");
        tl_json_int(j, r->goals_against);
        tl_json_key(j, "shootouts_won");
        tl_json_int(j, r->shootouts_won);
        tl_json_key(j, "shootouts_lost");
        tl_json_int(j, r->shootouts_lost);
        return;
    }
    (void)c;
    fprintf(cli_out, "%-16s%ld\n", "Played", r->played);
    fprintf(cli_out, "%-16s%ld won, %ld drawn, %ld lost\n", "Results", r->won, r->drawn, r->lost);
    fprintf(cli_out, "%-16s%ld for, %ld against (%+ld)\n", "Goals", r->goals_for, r->goals_against,
           r->goals_for - r->goals_against);
    if (r->shootouts_won + r->shootouts_lost)
        fprintf(cli_out, "%-16s%ld won, %ld lost (drawn matches above)\n", "Shootouts", r->shootouts_won,
               r->shootouts_lost);
}

static void record_csv_cols(struct tl_table *t)
{
    static const char *const cols[] = {"played", "won", "drawn", "lost", "goals_for",
                                       "goals_against", "shootouts_won", "shootouts_lost"};
    for (size_t k = 0; k < 8; k++) tl_table_col(t, cols[k], TL_CELL_INT);
}

static tl_rc record_csv_row(struct tl_table *t, size_t at, const struct tl_team_record *r)
{
    long v[8] = {r->played, r->won, r->drawn, r->lost, r->goals_for, r->goals_against,
                 r->shootouts_won, r->shootouts_lost};
    for (size_t k = 0; k < 8; k++) {
        tl_rc rc = tl_table_set_int(t, at + k, v[k]);
        if (rc) return rc;
    }
    return TL_OK;
}

int cmd_team(struct cli *c)
{
    if (c->npos != 1) return cli_usage(c, "expected one team name");
    struct tl_match_filter f = {.played_only = 1};
    f.from = cli_opt(c, "from");
    f.to = cli_opt(c, "to");
    int rc;
    if ((rc = cli_date_arg(c, "from", f.from)) || (rc = cli_date_arg(c, "to", f.to))) return rc;
    if ((rc = cli_open(c))) return rc;
    struct tl_team_match team;
    if ((rc = cli_team(c, c->pos[0], &team))) return rc;
    f.team_id = team.team_id;
    narrow(&team, &f.from, &f.to);
    char comp[256] = "";
    if (cli_opt(c, "tournament") &&
        (rc = cli_competition(c, cli_opt(c, "tournament"), &f.competition_id, comp, sizeof comp)))
        return rc;
    struct tl_match_list l = {0};
    struct tl_error err;
    tl_err_clear(&err);
    if (tl_store_matches(c->store, &f, &l, &err)) {
        tl_match_list_free(&l);
        return cli_fail(c, &err);
    }
    struct tl_team_record r;
    tl_engine_team_record(&l, team.team_id, &r);
    if (c->fmt == TL_OUT_JSON) {
        struct tl_json j;
        tl_json_init(&j, cli_out);
        tl_json_obj(&j);
        json_filters(&j, &team, NULL, NULL, comp, f.from, "to", f.to);
        record_out(c, &r, &j);
        json_result(&j, "first_match", r.first);
        json_result(&j, "last_match", r.last);
        json_result(&j, "biggest_win", r.biggest_win);
        json_result(&j, "biggest_defeat", r.biggest_defeat);
        tl_json_end_obj(&j);
        tl_json_done(&j);
    } else if (c->fmt == TL_OUT_CSV) {
        struct tl_table t;
        tl_table_init(&t);
        tl_table_col(&t, "team", TL_CELL_TEXT);
        record_csv_cols(&t);
        tl_table_col(&t, "first_match", TL_CELL_TEXT);
        tl_table_col(&t, "last_match", TL_CELL_TEXT);
        tl_table_col(&t, "biggest_win_id", TL_CELL_INT);
        tl_table_col(&t, "biggest_defeat_id", TL_CELL_INT);
        if (tl_table_row(&t) || tl_table_set(&t, 0, team.team) || record_csv_row(&t, 1, &r) ||
            tl_table_set(&t, 9, r.first ? r.first->date : NULL) ||
            tl_table_set(&t, 10, r.last ? r.last->date : NULL) ||
            tl_table_set_int(&t, 11, r.biggest_win ? (long)r.biggest_win->id : TL_NONE) ||
            tl_table_set_int(&t, 12, r.biggest_defeat ? (long)r.biggest_defeat->id : TL_NONE))
            rc = EXIT_FAIL;
        else tl_table_print_csv(&t, cli_out);
        tl_table_free(&t);
    } else {
        fprintf(cli_out, "%s", team.team);
        if (team.from[0]) fprintf(cli_out, " (as %s, %s to %s)", team.as, team.from, team.to);
        if (comp[0]) fprintf(cli_out, ", %s", comp);
        if (f.from || f.to) fprintf(cli_out, ", %s to %s", f.from ? f.from : "start", f.to ? f.to : "now");
        fprintf(cli_out, "\n");
        record_out(c, &r, NULL);
        text_result("First match", r.first);
        text_result("Last match", r.last);
        text_result("Biggest win", r.biggest_win);
        text_result("Biggest defeat", r.biggest_defeat);
    }
    tl_match_list_free(&l);
    return rc;
}

int cmd_h2h(struct cli *c)
{
    if (c->npos != 2) return cli_usage(c, "expected two team names");
    struct tl_match_filter f = {0};
    f.from = cli_opt(c, "from");
    f.to = cli_opt(c, "to");
    int rc;
    long limit = 0;
    if ((rc = cli_date_arg(c, "from", f.from)) || (rc = cli_date_arg(c, "to", f.to))) return rc;
    if (cli_opt(c, "limit") && (limit = cli_num_arg(c, "limit", cli_opt(c, "limit"))) < 0)
        return EXIT_USAGE;
    if ((rc = cli_open(c))) return rc;
    struct tl_team_match a, b;
    if ((rc = cli_team(c, c->pos[0], &a)) || (rc = cli_team(c, c->pos[1], &b))) return rc;
    if (a.team_id == b.team_id) return cli_usage(c, "%s and %s are the same team", c->pos[0], c->pos[1]);
    narrow(&a, &f.from, &f.to);
    narrow(&b, &f.from, &f.to);
    f.team_id = a.team_id;
    f.vs_id = b.team_id;
    char comp[256] = "";
    if (cli_opt(c, "tournament") &&
        (rc = cli_competition(c, cli_opt(c, "tournament"), &f.competition_id, comp, sizeof comp)))
        return rc;
    struct tl_match_list l = {0};
    struct tl_error err;
    tl_err_clear(&err);
    if (tl_store_matches(c->store, &f, &l, &err)) {
        tl_match_list_free(&l);
        return cli_fail(c, &err);
    }
    struct tl_team_record r;
    tl_engine_team_record(&l, a.team_id, &r);
    /* the listing may be limited to the most recent; the record counts all */
    struct tl_match_list shown = l;
    if (limit > 0 && (size_t)limit < l.n) {
        shown.v = l.v + (l.n - (size_t)limit);
        shown.n = (size_t)limit;
    }
    if (c->fmt == TL_OUT_JSON) {
        struct tl_json j;
        tl_json_init(&j, cli_out);
        tl_json_obj(&j);
        json_filters(&j, &a, "opponent", &b, comp, f.from, "to", f.to);
        record_out(c, &r, &j);
        tl_json_key(&j, "matches");
        tl_json_arr(&j);
        for (size_t i = 0; i < shown.n; i++) cli_json_match(&j, &shown.v[i]);
        tl_json_end_arr(&j);
        tl_json_end_obj(&j);
        tl_json_done(&j);
    } else if (c->fmt == TL_OUT_CSV) {
        rc = print_matches(c, &shown);
    } else {
        fprintf(cli_out, "%s v %s%s%s: %ld matches, %s won %ld, drawn %ld, %s won %ld; goals %ld-%ld\n",
               a.team, b.team, comp[0] ? ", " : "", comp, r.played, a.team, r.won, r.drawn,
               b.team, r.lost, r.goals_for, r.goals_against);
        if (r.shootouts_won + r.shootouts_lost)
            fprintf(cli_out, "Shootouts: %s won %ld, %s won %ld\n", a.team, r.shootouts_won, b.team,
                   r.shootouts_lost);
        fprintf(cli_out, "\n");
        rc = print_matches(c, &shown);
        if (shown.n < l.n) fprintf(cli_out, "(the %zu most recent of %zu; --limit 0 lists all)\n", shown.n, l.n);
    }
    tl_match_list_free(&l);
    return rc;
}

/* ---- player ---- */

static int age_on(const char *birth, const char *on)
{
    struct tl_date b, d;
    if (tl_date_parse(birth, strlen(birth), &b) || tl_date_parse(on, strlen(on), &d)) return -1;
    int age = d.y - b.y;
    if (d.m < b.m || (d.m == b.m && d.d < b.d)) age--;
    return age;
}

int cmd_player(struct cli *c)
{
    if (c->npos != 1) return cli_usage(c, "expected one player name");
    const char *on = cli_opt(c, "on");
    int rc = cli_date_arg(c, "on", on);
    if (rc) return rc;
    char today[11];
    if (!on) {
        time_t t = time(NULL);
        struct tm tm;
        strftime(today, sizeof today, "%Y-%m-%d", gmtime_r(&t, &tm));
        on = today;
    }
    if ((rc = cli_open(c))) return rc;
    struct tl_team_match team = {0};
    if (cli_opt(c, "team") && (rc = cli_team(c, cli_opt(c, "team"), &team))) return rc;
    struct tl_player_list l = {0};
    struct tl_error err;
    tl_err_clear(&err);
    if (tl_store_players(c->store, c->pos[0], team.team_id, &l, &err)) {
        tl_player_list_free(&l);
        return cli_fail(c, &err);
    }
    if (l.n == 0) {
        fprintf(cli_err, "%s: no player \"%s\"%s%s in %s\n", c->prog, c->pos[0],
                team.team_id ? " of " : "", team.team_id ? team.team : "", cli_db_name(c));
        tl_player_list_free(&l);
        return EXIT_FAIL;
    }
    if (c->fmt == TL_OUT_JSON) {
        struct tl_json j;
        tl_json_init(&j, cli_out);
        tl_json_obj(&j);
        tl_json_key(&j, "on");
        tl_json_str(&j, on);
        tl_json_key(&j, "players");
        tl_json_arr(&j);
        for (size_t i = 0; i < l.n; i++) {
            const struct tl_player_info *p = &l.v[i];
            tl_json_obj(&j);
            tl_json_key(&j, "id");
            tl_json_int(&j, (long)p->id);
            tl_json_key(&j, "name");
            tl_json_str(&j, p->name);
            tl_json_key(&j, "team");
            tl_json_str(&j, p->team);
            tl_json_key(&j, "birth_date");
            tl_json_str(&j, p->birth[0] ? p->birth : NULL);
            tl_json_key(&j, "age");
            tl_json_int(&j, p->birth[0] ? age_on(p->birth, on) : TL_NONE);
            tl_json_key(&j, "matches_with_lineup");
            tl_json_int(&j, p->matches);
            tl_json_key(&j, "goals");
            tl_json_int(&j, p->goals);
            tl_json_key(&j, "penalties");
            tl_json_int(&j, p->penalties);
            tl_json_key(&j, "own_goals");
            tl_json_int(&j, p->own_goals);
            tl_json_key(&j, "yellow_cards");
            tl_json_int(&j, p->yellow);
            tl_json_key(&j, "red_cards");
            tl_json_int(&j, p->red);
            tl_json_key(&j, "squads");
            tl_json_str(&j, p->squads);
            tl_json_end_obj(&j);
        }
        tl_json_end_arr(&j);
        tl_json_end_obj(&j);
        tl_json_done(&j);
        tl_player_list_free(&l);
        return EXIT_OK;
    }
    if (l.n > 1) {
        fprintf(cli_err, "%s: \"%s\" can be %zu players; name one more fully or add --team:\n",
                c->prog, c->pos[0], l.n);
        for (size_t i = 0; i < l.n; i++)
            fprintf(cli_err, "  %s (%s)%s%s, %d goal%s%s%s\n", l.v[i].name,
                    l.v[i].team ? l.v[i].team : "?", l.v[i].birth[0] ? ", born " : "",
                    l.v[i].birth, l.v[i].goals, l.v[i].goals == 1 ? "" : "s",
                    l.v[i].goals ? ", last " : "", l.v[i].goals ? l.v[i].last_goal : "");
        tl_player_list_free(&l);
        return EXIT_FAIL;
    }
    const struct tl_player_info *p = &l.v[0];
    if (c->fmt == TL_OUT_CSV) {
        fprintf(cli_out, "id,name,team,birth_date,age,matches_with_lineup,goals,penalties,own_goals,"
               "yellow_cards,red_cards\n");
        fprintf(cli_out, "%lld,", (long long)p->id);
        /* names may hold commas: quote them the CSV way */
        const char *cells[3] = {p->name, p->team ? p->team : "", p->birth};
        for (int k = 0; k < 3; k++) {
            if (strpbrk(cells[k], ",\"")) {
                fputc('"', cli_out);
                for (const char *q = cells[k]; *q; q++) {
                    if (*q == '"') fputc('"', cli_out);
                    fputc(*q, cli_out);
                }
                fputc('"', cli_out);
            } else {
                fputs(cells[k], cli_out);
            }
            fputc(',', cli_out);
        }
        if (p->birth[0]) fprintf(cli_out, "%d", age_on(p->birth, on));
        fprintf(cli_out, ",%d,%d,%d,%d,%d,%d\n", p->matches, p->goals, p->penalties, p->own_goals, p->yellow,
               p->red);
        tl_player_list_free(&l);
        return EXIT_OK;
    }
    fprintf(cli_out, "%s (%s)\n", p->name, p->team ? p->team : "?");
    if (p->birth[0]) fprintf(cli_out, "%-10s%s; %d years old on %s\n", "Born", p->birth, age_on(p->birth, on), on);
    else fprintf(cli_out, "%-10sunknown\n", "Born");
    fprintf(cli_out, "%-10s%d", "Goals", p->goals);
    if (p->penalties) fprintf(cli_out, " (%d penalt%s)", p->penalties, p->penalties == 1 ? "y" : "ies");
    if (p->goals) fprintf(cli_out, ", %s to %s", p->first_goal, p->last_goal);
    if (p->own_goals) fprintf(cli_out, "; %d own goal%s", p->own_goals, p->own_goals == 1 ? "" : "s");
    fprintf(cli_out, "\n");
    if (p->matches)
        fprintf(cli_out, "%-10s%d with a lineup in the data, %s to %s\n", "Matches", p->matches,
               p->first_match, p->last_match);
    if (p->yellow || p->red) fprintf(cli_out, "%-10s%d yellow, %d red\n", "Cards", p->yellow, p->red);
    if (p->squads) fprintf(cli_out, "%-10s%s\n", "Squads", p->squads);
    tl_player_list_free(&l);
    return EXIT_OK;
}

/* ---- resolve ---- */

struct explain_ctx {
    struct cli *c;
    int n;
    struct tl_json *j;
};

static void explain_row(void *ctx, const char *what, const char *source, long line, const char *why)
{
    struct explain_ctx *x = ctx;
    x->n++;
    if (x->j) {
        tl_json_obj(x->j);
        tl_json_key(x->j, "name");
        tl_json_str(x->j, what);
        tl_json_key(x->j, "source");
        tl_json_str(x->j, source);
        tl_json_key(x->j, "line");
        tl_json_int(x->j, line);
        tl_json_key(x->j, "why");
        tl_json_str(x->j, why);
        tl_json_end_obj(x->j);
        return;
    }
    char loc[300];
    if (line > 0) snprintf(loc, sizeof loc, "%s:%ld", source, line);
    else snprintf(loc, sizeof loc, "%s", strcmp(source, "aliases") == 0 ? "(built-in aliases)" : source);
    fprintf(cli_out, "    \"%s\"", what);
    for (size_t w = tl_utf8_width(what) + 2; w < 28; w++) fputc(' ', cli_out);
    fprintf(cli_out, " %-34s %s\n", loc, why);
}

int cmd_resolve(struct cli *c)
{
    if (c->npos != 1) return cli_usage(c, "expected one name");
    const char *on = cli_opt(c, "on");
    int rc = cli_date_arg(c, "on", on);
    if (!rc) rc = cli_open(c);
    if (rc) return rc;
    int explain = cli_opt(c, "explain") != NULL;
    struct tl_error err;
    tl_err_clear(&err);
    struct tl_json j;
    struct explain_ctx x = {c, 0, NULL};
    struct tl_spelling_cb cb = {&x, explain_row};
    if (c->fmt == TL_OUT_JSON) {
        tl_json_init(&j, cli_out);
        x.j = &j;
        tl_json_obj(&j);
        tl_json_key(&j, "query");
        tl_json_str(&j, c->pos[0]);
        tl_json_key(&j, "team_names");
        tl_json_arr(&j);
    } else {
        fprintf(cli_out, "As a team:\n");
    }
    if (tl_store_team_explain(c->store, c->pos[0], &cb, &err)) return cli_fail(c, &err);
    int teams = x.n;
    if (!x.j && !teams) fprintf(cli_out, "    no team is or was called that\n");
    if (on && !x.j) {
        int64_t id;
        tl_rc r = tl_store_team_on(c->store, c->pos[0], on, &id, &err);
        struct tl_name_list names = {0};
        if (r == TL_OK && !tl_store_team_names(c->store, &names, &err)) {
            for (size_t i = 0; i < names.n; i++)
                if (names.v[i].team_id == id && !names.v[i].former) {
                    fprintf(cli_out, "  on %s it means %s\n", on, names.v[i].name);
                    break;
                }
        } else if (r == TL_ENOTFOUND) {
            fprintf(cli_out, "  on %s it means no team\n", on);
        }
        tl_name_list_free(&names);
    }
    struct tl_player_list l = {0};
    if (tl_store_players(c->store, c->pos[0], 0, &l, &err)) {
        tl_player_list_free(&l);
        return cli_fail(c, &err);
    }
    if (x.j) {
        tl_json_end_arr(&j);
        tl_json_key(&j, "players");
        tl_json_arr(&j);
    } else {
        fprintf(cli_out, "\nAs a player:\n");
        if (!l.n) fprintf(cli_out, "    no player is called that\n");
    }
    for (size_t i = 0; i < l.n; i++) {
        const struct tl_player_info *p = &l.v[i];
        if (x.j) {
            tl_json_obj(&j);
            tl_json_key(&j, "id");
            tl_json_int(&j, (long)p->id);
            tl_json_key(&j, "name");
            tl_json_str(&j, p->name);
            tl_json_key(&j, "team");
            tl_json_str(&j, p->team);
            tl_json_key(&j, "birth_date");
            tl_json_str(&j, p->birth[0] ? p->birth : NULL);
            tl_json_key(&j, "spellings");
            tl_json_arr(&j);
        } else {
            fprintf(cli_out, "  %s (%s)%s%s: %d goal%s\n", p->name, p->team ? p->team : "?",
                   p->birth[0] ? ", born " : "", p->birth, p->goals, p->goals == 1 ? "" : "s");
        }
        if ((explain || x.j) && tl_store_spellings(c->store, p->id, &cb, &err)) {
            tl_player_list_free(&l);
            return cli_fail(c, &err);
        }
        if (x.j) {
            tl_json_end_arr(&j);
            tl_json_end_obj(&j);
        }
    }
    if (x.j) {
        tl_json_end_arr(&j);
        tl_json_end_obj(&j);
        tl_json_done(&j);
    } else if (!explain && l.n) {
        fprintf(cli_out, "\n(--explain shows every spelling the sources used and why it was read so)\n");
    }
    int found = teams || l.n;
    tl_player_list_free(&l);
    if (!found) {
        fprintf(cli_err, "%s: nothing in %s is called \"%s\"\n", c->prog, cli_db_name(c), c->pos[0]);
        return EXIT_FAIL;
    }
    return EXIT_OK;
}

/* ---- competitions ---- */

int cmd_competitions(struct cli *c)
{
    if (c->npos) return cli_usage(c, "'competitions' takes options only, found \"%s\"", c->pos[0]);
    int rc = cli_open(c);
    if (rc) return rc;
    struct tl_error err;
    tl_err_clear(&err);
    struct tl_competition_list l = {0};
    if (tl_store_competitions(c->store, &l, &err)) {
        tl_competition_list_free(&l);
        return cli_fail(c, &err);
    }
    struct tl_table t;
    tl_table_init(&t);
    tl_table_col(&t, "competition", TL_CELL_TEXT);
    tl_table_col(&t, "matches", TL_CELL_INT);
    tl_table_col(&t, "first", TL_CELL_TEXT);
    tl_table_col(&t, "last", TL_CELL_TEXT);
    tl_table_col(&t, "editions", TL_CELL_INT);
    tl_table_col(&t, "edition_names", TL_CELL_TEXT);
    tl_rc tr = TL_OK;
    for (size_t i = 0; i < l.n && !tr; i++) {
        const struct tl_competition_row *x = &l.v[i];
        tr = tl_table_row(&t);
        if (!tr) tr = tl_table_set(&t, 0, x->name);
        if (!tr) tr = tl_table_set_int(&t, 1, x->matches);
        if (!tr) tr = tl_table_set(&t, 2, x->first);
        if (!tr) tr = tl_table_set(&t, 3, x->last);
        if (!tr) tr = tl_table_set_int(&t, 4, x->neditions);
        if (!tr) tr = tl_table_set(&t, 5, x->editions);
    }
    if (tr) {
        fprintf(cli_err, "%s: out of memory\n", c->prog);
        rc = EXIT_FAIL;
    } else if (c->fmt == TL_OUT_JSON) {
        struct tl_json j;
        tl_json_init(&j, cli_out);
        tl_json_obj(&j);
        tl_json_key(&j, "competitions");
        tl_json_table(&j, &t);
        tl_json_end_obj(&j);
        tl_json_done(&j);
    } else if (c->fmt == TL_OUT_CSV) {
        tl_table_print_csv(&t, cli_out);
    } else {
        tl_table_print_text(&t, cli_out);
    }
    tl_table_free(&t);
    tl_competition_list_free(&l);
    return rc;
}
