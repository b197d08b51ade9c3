/* cli/cmd_replay.c: `touchline replay`: a stored match played again
 * through the live API, as timed events: the demo, and a load generator.
 * It schedules the same teams on another day, then posts the kick-off, the
 * events of each period in order (goals, penalties missed, cards,
 * substitutions), the breaks, extra time and a shootout kick by kick, and
 * full time; each request with an Idempotency-Key, so a retry is safe. */
#include "cli.h"

#include "touchline/fetch.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

struct replay {
    struct cli *c;
    const char *url, *token;
    double speed;           /* match minutes per real minute; 0: no waiting */
    char base[512];         /* .../api/matches/{id} */
    int64_t target;
    int n;                  /* requests posted */
    double at;              /* the match minute reached */
};

/* POST body to path (relative to the API) */
static int post(struct replay *r, const char *path, const char *body, char **answer)
{
    char url[700], key[96];
    snprintf(url, sizeof url, "%s%s", r->url, path);
    snprintf(key, sizeof key, "replay-%lld-%d", (long long)r->target, r->n++);
    struct tl_error err;
    tl_err_clear(&err);
    long status;
    char *resp = NULL;
    if (tl_http_post(url, r->token, r->target ? key : NULL, body, &status, &resp, &err))
        return cli_fail(r->c, &err);
    if (status != 200 && status != 201) {
        fprintf(cli_err, "%s: %s answered %ld: %s", r->c->prog, path, status, resp ? resp : "");
        tl_free(resp);
        return EXIT_FAIL;
    }
    if (answer) *answer = resp;
    else tl_free(resp);
    return EXIT_OK;
}

/* wait until match minute m */
static void wait_for(struct replay *r, double m)
{
    if (r->speed > 0 && m > r->at) {
        double s = (m - r->at) * 60.0 / r->speed;
        struct timespec ts = {(time_t)s, (long)((s - (double)(time_t)s) * 1e9)};
        nanosleep(&ts, NULL);
    }
    if (m > r->at) r->at = m;
}

static int status(struct replay *r, const char *st)
{
    char body[96];
    snprintf(body, sizeof body, "{\"type\":\"status\",\"status\":\"%s\"}", st);
    char path[600];
    snprintf(path, sizeof path, "%s/events", r->base);
    int rc = post(r, path, body, NULL);
    if (!rc) fprintf(cli_out, "        %s\n", st);
    return rc;
}

/* a JSON string: the name with quotes and backslashes escaped */
static void jstr(char *out, size_t cap, const char *s)
{
    size_t n = 0;
    for (; s && *s && n + 3 < cap; s++) {
        if (*s == '"' || *s == '\\') out[n++] = '\\';
        out[n++] = *s;
    }
    out[n] = 0;
}

/* the period an event belongs to, by its minute */
static int period_of(const struct tl_event *e)
{
    if (e->kind == TL_EV_SHOOTOUT_KICK) return 5;
    if (e->period >= 1 && e->period <= 4) return e->period;
    return e->minute <= 45 ? 1 : e->minute <= 90 ? 2 : e->minute <= 105 ? 3 : 4;
}

static int event(struct replay *r, const struct tl_event *in, const char *home)
{
    /* a minute written past its period's end ("125'" for 120+5) as the
     * live API takes it: the end's minute plus added time */
    struct tl_event copy = *in, *e = &copy;
    static const int end[] = {0, 45, 90, 120, 120};
    int p = period_of(in);
    if (p >= 1 && p <= 4 && e->minute > end[p]) {
        e->added += e->minute - end[p];
        e->minute = end[p];
    }
    char team[256], player[256], other[256], body[1024];
    jstr(team, sizeof team, e->team);
    jstr(player, sizeof player, e->player);
    jstr(other, sizeof other, e->player2);
    const char *how = e->outcome;
    switch (e->kind) {
    case TL_EV_GOAL:
    case TL_EV_PENALTY_GOAL:
    case TL_EV_OWN_GOAL:
        snprintf(body, sizeof body,
                 "{\"type\":\"goal\",\"team\":\"%s\",\"player\":\"%s\",\"minute\":%d,\"added\":%d,"
                 "\"penalty\":%s,\"own_goal\":%s}",
                 team, player, e->minute, e->added, e->kind == TL_EV_PENALTY_GOAL ? "true" : "false",
                 e->kind == TL_EV_OWN_GOAL ? "true" : "false");
        break;
    case TL_EV_PENALTY_MISSED: {
        const char *o = !how ? NULL : strcmp(how, "over") == 0 ? "over"
                        : strcmp(how, "off_target") == 0 ? "wide"
                        : strcmp(how, "woodwork") == 0 ? "post"
                        : strcmp(how, "saved") == 0 ? "saved" : NULL;
        if (!o) return EXIT_OK; /* how is unknown: the live API needs it */
        snprintf(body, sizeof body,
                 "{\"type\":\"penalty_missed\",\"team\":\"%s\",\"player\":\"%s\",\"minute\":%d,"
                 "\"added\":%d,\"outcome\":\"%s\"}",
                 team, player, e->minute, e->added, o);
        break;
    }
    case TL_EV_YELLOW:
    case TL_EV_SECOND_YELLOW:
    case TL_EV_RED:
        snprintf(body, sizeof body,
                 "{\"type\":\"card\",\"team\":\"%s\",\"player\":\"%s\",\"minute\":%d,\"added\":%d,"
                 "\"card\":\"%s\"}",
                 team, player, e->minute, e->added,
                 e->kind == TL_EV_YELLOW ? "yellow" : e->kind == TL_EV_RED ? "red" : "second_yellow");
        break;
    case TL_EV_SUBSTITUTION:
        if (!e->player2) return EXIT_OK;
        snprintf(body, sizeof body,
                 "{\"type\":\"substitution\",\"team\":\"%s\",\"player_in\":\"%s\",\"player_out\":"
                 "\"%s\",\"minute\":%d,\"added\":%d}",
                 team, player, other, e->minute, e->added);
        break;
    case TL_EV_SHOOTOUT_KICK:
        snprintf(body, sizeof body,
                 "{\"type\":\"shootout_kick\",\"team\":\"%s\",\"player\":\"%s\",\"scored\":%s}", team,
                 player, how && strcmp(how, "scored") == 0 ? "true" : "false");
        break;
    default: return EXIT_OK;
    }
    (void)home;
    char path[600], *answer = NULL;
    snprintf(path, sizeof path, "%s/events", r->base);
    int rc = post(r, path, body, &answer);
    if (!rc) {
        char min[16] = "";
        if (e->kind != TL_EV_SHOOTOUT_KICK)
            snprintf(min, sizeof min, e->added ? "%d+%d'" : "%d'", e->minute, e->added);
        const char *score = answer ? strstr(answer, "\"score\":[") : NULL;
        int h = 0, a = 0;
        if (score) sscanf(score, "\"score\":[%d,%d]", &h, &a);
        fprintf(cli_out, "%7s %-15s %s, %s (%d-%d)\n", min, tl_event_kind_name(e->kind), e->player,
                e->team, h, a);
    }
    tl_free(answer);
    return rc;
}

int cmd_replay(struct cli *c)
{
    struct replay r = {.c = c, .speed = 60};
    r.url = cli_opt(c, "url");
    if (!r.url) r.url = "http://127.0.0.1:8080";
    const char *v;
    if ((v = cli_opt(c, "speed"))) {
        char *end;
        r.speed = strtod(v, &end);
        if (!*v || *end || r.speed < 0 || r.speed > 100000)
            return cli_usage(c, "--speed expects match minutes per minute (0: no waiting), found \"%s\"", v);
    }
    char tokbuf[256] = "";
    r.token = cli_opt(c, "token");
    if (!r.token && (v = getenv("TOUCHLINE_TOKENS")) && *v) {
        snprintf(tokbuf, sizeof tokbuf, "%.*s", (int)strcspn(v, ","), v);
        r.token = tokbuf;
    }
    char today[11];
    const char *date = cli_opt(c, "date");
    if (!date) {
        time_t t = time(NULL);
        struct tm tm;
        strftime(today, sizeof today, "%Y-%m-%d", gmtime_r(&t, &tm));
        date = today;
    }
    int rc = cli_date_arg(c, "date", date);
    if (rc) return rc;
    if (c->npos != 1 && c->npos != 3) return cli_usage(c, "expected DATE HOME AWAY or a match id");
    struct tl_match_list ml = {0};
    struct tl_event_list ev = {0};
    if (!rc) rc = cli_open(c);
    if (!rc) rc = cli_find_match(c, 0, &ml);
    struct tl_error err;
    tl_err_clear(&err);
    if (!rc && tl_store_match_events(c->store, ml.v[0].id, &ev, &err)) rc = cli_fail(c, &err);
    if (rc) goto out;
    const struct tl_match *m = &ml.v[0];
    if (m->score_home == TL_NONE) {
        fprintf(cli_err, "%s: %s v %s has not been played: nothing to replay\n", c->prog, m->home, m->away);
        rc = EXIT_FAIL;
        goto out;
    }
    /* schedule it */
    char home[256], away[256], comp[256], body[1200], *answer = NULL;
    jstr(home, sizeof home, m->home);
    jstr(away, sizeof away, m->away);
    jstr(comp, sizeof comp, m->tournament ? m->tournament : "Friendly");
    snprintf(body, sizeof body,
             "{\"date\":\"%s\",\"kickoff\":\"%s\",\"home\":\"%s\",\"away\":\"%s\",\"competition\":\"%s\"}",
             date, m->kickoff ? m->kickoff : "20:00", home, away, comp);
    if ((rc = post(&r, "/api/matches", body, &answer))) goto out;
    const char *idp = answer ? strstr(answer, "\"id\":") : NULL;
    r.target = idp ? strtoll(idp + 5, NULL, 10) : 0;
    tl_free(answer);
    if (!r.target) {
        fprintf(cli_err, "%s: the server did not say the new match's id\n", c->prog);
        rc = EXIT_FAIL;
        goto out;
    }
    snprintf(r.base, sizeof r.base, "/api/matches/%lld", (long long)r.target);
    fprintf(cli_out, "replaying %s %s v %s as match %lld on %s at %s (x%g)\n", m->date, m->home,
            m->away, (long long)r.target, date, r.url, r.speed);
    /* period by period */
    int aet = m->aet_home != TL_NONE, kicks = 0;
    for (size_t i = 0; i < ev.n; i++) kicks += ev.v[i].kind == TL_EV_SHOOTOUT_KICK;
    rc = status(&r, "kickoff");
    for (int p = 1; p <= 5 && !rc; p++) {
        if (p == 2) {
            wait_for(&r, 45);
            if (!(rc = status(&r, "halftime"))) {
                wait_for(&r, 60); /* the break: a quarter of an hour */
                r.at = 45;
                rc = status(&r, "second_half");
            }
        }
        if (p == 3) {
            if (!aet && !kicks) break;
            wait_for(&r, 90);
            rc = status(&r, "extra_time");
        }
        if (p == 4) continue; /* extra time is one period in the live API */
        if (p == 5) {
            if (!kicks) break;
            wait_for(&r, 120);
            rc = status(&r, "shootout");
        }
        for (size_t i = 0; i < ev.n && !rc; i++) {
            const struct tl_event *e = &ev.v[i];
            int ep = period_of(e);
            if (ep == 4) ep = 3;
            if (ep != p || (e->minute == TL_NONE && e->kind != TL_EV_SHOOTOUT_KICK) || !e->player)
                continue;
            if (e->kind != TL_EV_SHOOTOUT_KICK) wait_for(&r, e->minute + e->added * 0.01);
            rc = event(&r, e, m->home);
        }
    }
    if (!rc && !kicks) {
        wait_for(&r, aet ? 120 : 90);
        rc = status(&r, "fulltime");
    }
    if (!rc) fprintf(cli_out, "replayed: %d requests\n", r.n);
out:
    tl_event_list_free(&ev);
    tl_match_list_free(&ml);
    return rc;
}
