/* load/live.c: an event of a match being played, from the live API into
 * the store in one transaction: checked against the match's state
 * (a minute before the last one in the same period, a goal after full
 * time, a kick in a shootout already decided, a player the data does not
 * know), written as the live source's event, the match's score and status
 * updated, and the feed item to publish appended; an Idempotency-Key makes
 * a retry return the first answer instead of a second event. The item is
 * committed before the caller publishes it. */
#include "touchline/engine.h"
#include "touchline/live.h"
#include "touchline/load.h"
#include "touchline/out.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static tl_rc refuse(struct tl_live_result *res, int status, struct tl_error *err,
                    const char *fmt, ...) TL_PRINTF(4, 5);
static tl_rc refuse(struct tl_live_result *res, int status, struct tl_error *err,
                    const char *fmt, ...)
{
    res->status = status;
    va_list ap;
    va_start(ap, fmt);
    char msg[256];
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    return tl_err(err, TL_EUSAGE, "%s", msg);
}

/* the team of the match the name means (0 home, 1 away), or -1 */
static int side_of(tl_store *s, const struct tl_match *m, const char *name, struct tl_error *err)
{
    int64_t id;
    if (tl_store_team_on(s, name, m->date, &id, err)) return -1;
    return id == m->home_id ? 0 : id == m->away_id ? 1 : -1;
}

/* one player of team by name, or refuse */
static tl_rc player_of(tl_store *s, const char *name, int64_t team_id, const char *team,
                       int64_t *id, struct tl_live_result *res, struct tl_error *err)
{
    /* the ids alone: a player's summary (matches, goals, cards) is of no use
     * here, and its subqueries over every event cost a PostgreSQL store
     * ~60 ms a goal */
    int64_t ids[TL_PLAYER_IDS_MAX];
    int n;
    tl_rc rc = tl_store_player_ids(s, name, team_id, ids, &n, err);
    if (!rc && n == 0) rc = refuse(res, 404, err, "unknown player \"%s\" of %s", name, team);
    else if (!rc && n > 1)
        rc = refuse(res, 409, err, "\"%s\" fits %d players of %s: write the name more fully", name,
                    n, team);
    if (!rc) *id = ids[0];
    return rc;
}

/* the live source's shootout kicks of the match so far, as the engine reads them */
static tl_rc kicks_so_far(tl_store *s, const struct tl_match *m, struct tl_kick *k, int *n,
                          struct tl_error *err)
{
    struct tl_event_list ev = {0};
    tl_rc rc = tl_store_match_events(s, m->id, &ev, err);
    *n = 0;
    for (size_t i = 0; !rc && i < ev.n && *n < 64; i++) {
        if (ev.v[i].kind != TL_EV_SHOOTOUT_KICK) continue;
        k[*n].team = ev.v[i].team && strcmp(ev.v[i].team, m->home) == 0 ? 0 : 1;
        k[*n].scored = ev.v[i].outcome && strcmp(ev.v[i].outcome, "scored") == 0;
        (*n)++;
    }
    tl_event_list_free(&ev);
    return rc;
}

static const char *miss_outcome(const char *o)
{
    return strcmp(o, "over") == 0 ? "over" : strcmp(o, "wide") == 0 ? "off_target"
           : strcmp(o, "post") == 0 ? "woodwork" : "saved";
}

/* the group's table now (live matches count as they stand) as a feed item */
static tl_rc table_item(tl_store *s, const struct tl_match *m, struct tl_live_result *res,
                        struct tl_error *err)
{
    struct tl_edition e = {0};
    tl_rc rc = tl_store_edition_matches(s, res->competition_id, m->edition, &e, err);
    int g = -1;
    for (size_t i = 0; !rc && i < e.ng; i++)
        if (strcmp(e.g[i].name, m->group) == 0) g = (int)i;
    struct tl_rules r;
    const char *name;
    struct tl_standings t;
    if (!rc && g >= 0 && !tl_rules_for(&e, e.g[g].round, &r, &name, err) &&
        !tl_engine_group_table(&r, &e, g, NULL, &t)) {
        char *body = NULL;
        size_t len = 0;
        FILE *f = open_memstream(&body, &len);
        if (!f) rc = tl_err(err, TL_ENOMEM, "out of memory");
        else {
            struct tl_json j;
            tl_json_init(&j, f);
            tl_json_obj(&j);
            tl_json_key(&j, "match_id");
            tl_json_int(&j, (long)m->id);
            tl_json_key(&j, "type");
            tl_json_str(&j, "table");
            tl_json_key(&j, "group");
            tl_json_str(&j, m->group);
            tl_json_key(&j, "table");
            tl_json_arr(&j);
            for (int i = 0; i < t.n; i++) {
                const struct tl_standing *x = &t.row[i];
                tl_json_obj(&j);
                tl_json_key(&j, "position");
                tl_json_int(&j, x->position);
                tl_json_key(&j, "team");
                tl_json_str(&j, x->team);
                tl_json_key(&j, "played");
                tl_json_int(&j, x->played);
                tl_json_key(&j, "goals_for");
                tl_json_int(&j, x->gf);
                tl_json_key(&j, "goals_against");
                tl_json_int(&j, x->ga);
                tl_json_key(&j, "points");
                tl_json_int(&j, x->points);
                tl_json_end_obj(&j);
            }
            tl_json_end_arr(&j);
            tl_json_end_obj(&j);
            fclose(f);
            rc = tl_store_feed_add(s, m->id, res->competition_id, "table", body, &res->table_seq, err);
            if (!rc && !(res->table_json = tl_strdup(body))) rc = tl_err(err, TL_ENOMEM, "out of memory");
            free(body);
        }
    }
    tl_edition_free(&e);
    return rc;
}

tl_rc tl_load_live_event(tl_store *s, int64_t match_id, const struct tl_live_event *e,
                         const char *idempotency_key, struct tl_live_result *res,
                         struct tl_error *err)
{
    memset(res, 0, sizeof *res);
    res->status = 500;
    tl_rc rc = tl_store_begin_derived(s, err);
    if (rc) return rc;
    struct tl_match_list ml = {0};
    char *body = NULL;
    size_t blen = 0;
    FILE *f = NULL;
    if (idempotency_key && idempotency_key[0]) {
        int found;
        char *prev;
        rc = tl_store_request_get(s, idempotency_key, &res->seq, &prev, &found, err);
        if (!rc && found) { /* a retry: the first answer, nothing written */
            tl_store_rollback(s);
            res->status = 200;
            res->json = prev;
            res->replayed = 1;
            return TL_OK;
        }
    }
    struct tl_match_filter mf = {.match_id = match_id};
    if (!rc) rc = tl_store_matches(s, &mf, &ml, err);
    if (!rc && !ml.n) rc = refuse(res, 404, err, "no match %lld", (long long)match_id);
    const struct tl_match *m = rc ? NULL : &ml.v[0];
    struct tl_live_state st;
    if (!rc) rc = tl_store_live_state(s, match_id, &st, err);
    if (!rc && (!m->home_id || !m->away_id))
        rc = refuse(res, 409, err, "the match's teams are not known yet (%s v %s)", m->home ? m->home : "?",
                    m->away ? m->away : "?");
    int score[2] = {0, 0};
    if (!rc && m->score_home != TL_NONE) score[0] = m->score_home, score[1] = m->score_away;
    int side = -1;
    int64_t team_id = 0, player = 0, player2 = 0;
    enum tl_event_kind kind = TL_EV_GOAL;
    const char *outcome = NULL;
    int kick_order = 0, so[2] = {0, 0}, *so_set = NULL, *ht_set = NULL, ht[2];
    int *ft_set = NULL, *aet_set = NULL; /* the score after 90 minutes, after extra time */
    int64_t so_winner = 0;
    const char *status = m && m->status == TL_STATUS_FINISHED ? "finished" : "live";
    int writes_event = 0;
    if (!rc && e->kind != TL_LIVE_STATUS) {
        side = side_of(s, m, e->team, err);
        if (side < 0)
            rc = refuse(res, 422, err, "\"%s\" is not a team of %s v %s", e->team, m->home, m->away);
        else
            team_id = side ? m->away_id : m->home_id;
        if (!rc && strcmp(st.phase, "finished") == 0)
            rc = refuse(res, 409, err, "%s v %s is over: no %s after full time", m->home, m->away,
                        tl_live_kind_name(e->kind));
        if (!rc && strcmp(st.phase, "playing") != 0)
            rc = refuse(res, 409, err, "%s v %s is not being played (%s): send a status first",
                        m->home, m->away, strcmp(st.phase, "before") == 0 ? "not kicked off" : "a break");
        if (!rc && e->kind == TL_LIVE_SHOOTOUT_KICK && st.period != 5)
            rc = refuse(res, 409, err, "no shootout under way (send status \"shootout\" first)");
        if (!rc && e->kind != TL_LIVE_SHOOTOUT_KICK && st.period == 5)
            rc = refuse(res, 409, err, "the shootout is under way: only shootout kicks");
        if (!rc && e->kind != TL_LIVE_SHOOTOUT_KICK &&
            (e->minute < st.last_minute ||
             (e->minute == st.last_minute && e->added < st.last_added)))
            rc = refuse(res, 409, err, "minute %d+%d is before the last event's, %d+%d, in the same period",
                        e->minute, e->added, st.last_minute, st.last_added);
        /* the minute must fall in the period under way (added time only
         * at its end: 45+2, 90+4) */
        /* extra time is one status: its two halves are told by the minute
         * (added time after 105 and after 120) */
        static const int lo[] = {0, 0, 45, 90, 90}, hi[] = {0, 45, 90, 120, 120};
        static const char *const pname[] = {"", "the first half", "the second half",
                                            "extra time", "extra time"};
        if (!rc && e->kind != TL_LIVE_SHOOTOUT_KICK && st.period >= 1 && st.period <= 4 &&
            (e->minute < lo[st.period] || e->minute > hi[st.period] ||
             (e->added && e->minute != hi[st.period] && !(st.period >= 3 && e->minute == 105))))
            rc = refuse(res, 409, err, "minute %d+%d is not in %s (%d to %d, added time after %d)",
                        e->minute, e->added, pname[st.period], lo[st.period], hi[st.period],
                        hi[st.period]);
        /* the player: a scorer of an own goal plays for the other side */
        int pside = e->kind == TL_LIVE_GOAL && e->own_goal ? 1 - side : side;
        if (!rc)
            rc = player_of(s, e->player, pside ? m->away_id : m->home_id, pside ? m->away : m->home,
                           &player, res, err);
        if (!rc && e->kind == TL_LIVE_SUBSTITUTION)
            rc = player_of(s, e->player_out, team_id, side ? m->away : m->home, &player2, res, err);
        writes_event = 1;
    }
    if (!rc) {
        switch (e->kind) {
        case TL_LIVE_GOAL:
            kind = e->own_goal ? TL_EV_OWN_GOAL : e->penalty ? TL_EV_PENALTY_GOAL : TL_EV_GOAL;
            score[side]++;
            break;
        case TL_LIVE_PENALTY_MISSED:
            kind = TL_EV_PENALTY_MISSED;
            outcome = miss_outcome(e->outcome);
            break;
        case TL_LIVE_CARD:
            kind = strcmp(e->card, "yellow") == 0 ? TL_EV_YELLOW
                   : strcmp(e->card, "second_yellow") == 0 ? TL_EV_SECOND_YELLOW : TL_EV_RED;
            break;
        case TL_LIVE_SUBSTITUTION: kind = TL_EV_SUBSTITUTION; break;
        case TL_LIVE_SHOOTOUT_KICK: {
            struct tl_kick k[65];
            int n;
            rc = kicks_so_far(s, m, k, &n, err);
            struct tl_shootout_check chk;
            const char *names[2] = {m->home, m->away};
            if (!rc && n) {
                tl_engine_shootout(k, n, names, &chk);
                if (chk.decided_at && chk.decided_at <= n)
                    rc = refuse(res, 409, err, "the shootout is already decided: %s won it %d-%d",
                                names[chk.winner], chk.score[chk.winner], chk.score[1 - chk.winner]);
            }
            if (!rc) {
                k[n].team = side;
                k[n].scored = e->scored;
                tl_engine_shootout(k, n + 1, names, &chk);
                if (chk.bad_kick && !chk.undecided) rc = refuse(res, 409, err, "%s", chk.why);
            }
            if (!rc) {
                kind = TL_EV_SHOOTOUT_KICK;
                outcome = e->scored ? "scored" : "missed";
                kick_order = n + 1;
                so[0] = chk.score[0];
                so[1] = chk.score[1];
                so_set = so;
                if (chk.ok && chk.winner >= 0) {
                    so_winner = chk.winner ? m->away_id : m->home_id;
                    snprintf(st.phase, sizeof st.phase, "finished");
                    status = "finished";
                }
            }
            break;
        }
        case TL_LIVE_STATUS: {
            /* the order of a match: kick-off, half time, second half, then
             * extra time and a shootout, full time from the second half on */
            static const struct {
                const char *from;
                int period;
                const char *to;
                int next_period;
            } steps[TL_LS__COUNT] = {
                [TL_LS_KICKOFF] = {"before", 0, "playing", 1},
                [TL_LS_HALFTIME] = {"playing", 1, "break", 1},
                [TL_LS_SECOND_HALF] = {"break", 1, "playing", 2},
                [TL_LS_EXTRA_TIME] = {"playing", 2, "playing", 3},
                [TL_LS_SHOOTOUT] = {"playing", 0, "playing", 5},
                [TL_LS_FULLTIME] = {"playing", 0, "finished", 0},
            };
            const char *want = steps[e->status].from;
            int ok = strcmp(st.phase, want) == 0 &&
                     (!steps[e->status].period || st.period == steps[e->status].period);
            if (e->status == TL_LS_SHOOTOUT) ok = ok && st.period >= 2 && st.period <= 4 && score[0] == score[1];
            if (e->status == TL_LS_FULLTIME) ok = ok && st.period >= 2 && st.period != 5;
            if (e->status == TL_LS_EXTRA_TIME) ok = ok && score[0] == score[1];
            if (!ok)
                rc = refuse(res, 409, err, "\"%s\" cannot follow the match's state (%s, period %d)",
                            tl_live_status_name(e->status), st.phase, st.period);
            if (!rc) {
                int prev = st.period;
                snprintf(st.phase, sizeof st.phase, "%s", steps[e->status].to);
                if (steps[e->status].next_period) st.period = steps[e->status].next_period;
                if (e->status != TL_LS_HALFTIME) st.last_minute = st.last_added = 0;
                if (e->status == TL_LS_EXTRA_TIME) st.last_minute = 90;
                if (e->status == TL_LS_SECOND_HALF) st.last_minute = 45;
                if (e->status == TL_LS_HALFTIME) {
                    ht[0] = score[0];
                    ht[1] = score[1];
                    ht_set = ht;
                }
                /* the end of 90 minutes: going to extra time, or full time
                 * from the second half; the end of extra time: a shootout,
                 * or full time after it */
                if (e->status == TL_LS_EXTRA_TIME || (e->status == TL_LS_FULLTIME && prev == 2))
                    ft_set = score;
                if ((e->status == TL_LS_SHOOTOUT || e->status == TL_LS_FULLTIME) && prev >= 3 &&
                    prev <= 4)
                    aet_set = score;
                status = e->status == TL_LS_FULLTIME ? "finished" : "live";
            }
            break;
        }
        default: rc = refuse(res, 422, err, "unknown event type"); break;
        }
    }
    if (!rc && writes_event) {
        int64_t src;
        rc = tl_store_source(s, "live", "api", "api", &src, err);
        struct tl_event_write w = {.match_id = match_id, .date = m->date, .kind = kind,
                                   .period = st.period >= 3 && st.period <= 4
                                                 ? (e->minute > 105 ? 4 : 3)
                                                 : st.period,
                                   .minute = e->minute, .added = e->added,
                                   .team_id = team_id, .player_id = player, .player2_id = player2,
                                   .outcome = outcome, .kick_order = kick_order, .source_id = src,
                                   .source_line = 0, .ord = st.ord + 1};
        if (e->kind == TL_LIVE_SHOOTOUT_KICK) w.minute = TL_NONE;
        int changed;
        if (!rc) rc = tl_store_put_event(s, &w, &changed, err);
        if (!rc) {
            st.ord++;
            if (e->kind != TL_LIVE_SHOOTOUT_KICK) {
                st.last_minute = e->minute;
                st.last_added = e->added;
            }
        }
    }
    if (!rc) rc = tl_store_live_set_state(s, match_id, &st, err);
    if (!rc)
        rc = tl_store_live_set_match(s, match_id, score, ht_set, ft_set, aet_set, status, so_set,
                                     so_winner, err);
    /* the feed item */
    if (!rc && !(f = open_memstream(&body, &blen))) rc = tl_err(err, TL_ENOMEM, "out of memory");
    if (!rc) {
        struct tl_json j;
        tl_json_init(&j, f);
        tl_json_obj(&j);
        tl_json_key(&j, "match_id");
        tl_json_int(&j, (long)match_id);
        tl_json_key(&j, "type");
        tl_json_str(&j, tl_live_kind_name(e->kind));
        if (e->kind == TL_LIVE_STATUS) {
            tl_json_key(&j, "status");
            tl_json_str(&j, tl_live_status_name(e->status));
        } else {
            tl_json_key(&j, "event");
            tl_json_str(&j, tl_event_kind_name(kind));
            tl_json_key(&j, "team");
            tl_json_str(&j, side ? m->away : m->home);
            tl_json_key(&j, "player");
            tl_json_str(&j, e->player);
            if (e->kind == TL_LIVE_SUBSTITUTION) {
                tl_json_key(&j, "player_out");
                tl_json_str(&j, e->player_out);
            }
            if (e->kind != TL_LIVE_SHOOTOUT_KICK) {
                tl_json_key(&j, "minute");
                tl_json_int(&j, e->minute);
                tl_json_key(&j, "added");
                tl_json_int(&j, e->added);
            }
            if (outcome) {
                tl_json_key(&j, "outcome");
                tl_json_str(&j, outcome);
            }
        }
        tl_json_key(&j, "home");
        tl_json_str(&j, m->home);
        tl_json_key(&j, "away");
        tl_json_str(&j, m->away);
        tl_json_key(&j, "score");
        tl_json_arr(&j);
        tl_json_int(&j, score[0]);
        tl_json_int(&j, score[1]);
        tl_json_end_arr(&j);
        if (so_set) {
            tl_json_key(&j, "shootout");
            tl_json_arr(&j);
            tl_json_int(&j, so[0]);
            tl_json_int(&j, so[1]);
            tl_json_end_arr(&j);
        }
        tl_json_key(&j, "period");
        tl_json_int(&j, st.period);
        tl_json_key(&j, "phase");
        tl_json_str(&j, st.phase);
        tl_json_end_obj(&j);
        fclose(f);
        f = NULL;
        int64_t comp = 0;
        struct tl_name_list comps = {0};
        if (m->tournament && !tl_store_competition_names(s, &comps, err))
            for (size_t i = 0; i < comps.n; i++)
                if (strcmp(comps.v[i].name, m->tournament) == 0) comp = comps.v[i].team_id;
        tl_name_list_free(&comps);
        rc = tl_store_feed_add(s, match_id, comp, tl_live_kind_name(e->kind), body, &res->seq, err);
        res->competition_id = comp;
    }
    /* a goal (or the end) of a group match: the table as it stands, as a
     * second item */
    if (!rc && m->group && m->edition && m->tournament && res->competition_id &&
        (e->kind == TL_LIVE_GOAL || e->kind == TL_LIVE_STATUS))
        rc = table_item(s, m, res, err);
    if (!rc && idempotency_key && idempotency_key[0])
        rc = tl_store_request_put(s, idempotency_key, match_id, res->seq, body, err);
    if (!rc) rc = tl_store_commit_derived(s, err);
    else tl_store_rollback(s);
    if (f) fclose(f);
    tl_match_list_free(&ml);
    if (rc) {
        free(body);
        if (res->status == 500 && rc != TL_EUSAGE) res->status = 500;
        return rc;
    }
    res->status = 201;
    res->json = tl_strdup(body);
    free(body);
    if (!res->json) return tl_err(err, TL_ENOMEM, "out of memory");
    return TL_OK;
}

void tl_live_result_free(struct tl_live_result *r)
{
    tl_free(r->json);
    tl_free(r->table_json);
    r->json = r->table_json = NULL;
}

tl_rc tl_load_live_match(tl_store *s, const struct tl_live_match *lm, int64_t *id, int *status,
                         struct tl_error *err)
{
    *status = 500;
    tl_rc rc = tl_store_begin_derived(s, err);
    if (rc) return rc;
    int64_t team[2] = {0, 0}, comp = 0, src = 0;
    const char *names[2] = {lm->home, lm->away};
    for (int k = 0; k < 2 && !rc; k++) {
        rc = tl_store_team_on(s, names[k], lm->date, &team[k], err);
        if (rc == TL_ENOTFOUND) {
            *status = 404;
            rc = tl_err(err, TL_ENOTFOUND, "unknown team \"%s\"", names[k]);
        }
    }
    if (!rc && team[0] == team[1]) {
        *status = 422;
        rc = tl_err(err, TL_EUSAGE, "a team cannot play itself");
    }
    if (!rc) rc = tl_store_source(s, "live", "api", "api", &src, err);
    if (!rc && lm->competition[0]) rc = tl_store_competition(s, lm->competition, src, 0, &comp, err);
    int64_t existing;
    tl_rc found = rc ? rc : tl_store_match_id(s, lm->date, team[0], team[1], 0, &existing, err);
    if (!rc && found == TL_ESTORE) rc = found;
    if (!rc && found == TL_OK) {
        *status = 409;
        rc = tl_err(err, TL_EUSAGE, "%s v %s on %s is already match %lld", lm->home, lm->away,
                    lm->date, (long long)existing);
    }
    int64_t edition = 0, stage = 0, group = 0;
    if (!rc && comp && lm->edition[0]) rc = tl_store_edition(s, comp, lm->edition, src, 0, &edition, err);
    if (!rc && edition && (lm->stage[0] || lm->group[0]))
        rc = tl_store_stage(s, edition, lm->stage[0] ? lm->stage : "Group stage",
                            lm->group[0] ? "group" : "knockout", 0, src, 0, &stage, err);
    if (!rc && stage && lm->group[0]) rc = tl_store_group(s, stage, lm->group, src, 0, &group, err);
    if (!rc) {
        struct tl_match_detail d = {.date = lm->date, .home_id = team[0], .away_id = team[1],
                                    .competition_id = comp, .edition_id = edition,
                                    .stage_id = stage, .group_id = group,
                                    .kickoff = lm->kickoff[0] ? lm->kickoff : NULL,
                                    .utc_offset = lm->utc_offset, .status = "scheduled",
                                    .score = {TL_NONE, TL_NONE}, .ht = {TL_NONE, TL_NONE},
                                    .ft = {TL_NONE, TL_NONE}, .aet = {TL_NONE, TL_NONE},
                                    .so = {TL_NONE, TL_NONE}, .goals_listed = TL_NONE,
                                    .attendance = TL_NONE, .source_id = src};
        rc = tl_store_add_match(s, &d, id, err);
    }
    if (!rc) rc = tl_store_commit_derived(s, err);
    else tl_store_rollback(s);
    if (!rc) *status = 201;
    return rc;
}
