/* load/sb_load.c: StatsBomb open data into the store, in one transaction.
 *
 * Matches files first: each fixture is merged with the match other sources
 * already have (or created) and remembered by its StatsBomb id. Then each
 * match's lineups and events files: players are resolved once per
 * StatsBomb id, every event is stored with its JSON, and what touchline's
 * other sources also tell (goals, own goals, missed penalties, cards,
 * substitutions, shootout kicks) is derived into the common events table
 * as a source of its own, for touchline check to compare. */
#include "load_int.h"
#include "touchline/sb.h"

#include <math.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

enum file_kind { F_NONE, F_COMPETITIONS, F_MATCHES, F_LINEUPS, F_EVENTS };

/* Ranks among sources of the same match (see tl_store_source_rank): the
 * lineups file lists the whole squad, the events file the goals. */
#define RANK_EVENTS 4
#define RANK_LINEUPS 5

static int parent_is(const char *path, const char *dir, int up)
{
    /* the folder `up` levels above the file is named dir */
    const char *end = path + strlen(path);
    for (int k = 0; k < up; k++) {
        while (end > path && end[-1] != '/') end--;
        if (end == path) return 0;
        end--; /* the slash */
    }
    const char *start = end;
    while (start > path && start[-1] != '/') start--;
    size_t n = strlen(dir);
    return (size_t)(end - start) == n && memcmp(start, dir, n) == 0;
}

static enum file_kind classify(const char *path)
{
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    size_t n = strlen(base);
    if (n < 6 || strcmp(base + n - 5, ".json") != 0) return F_NONE;
    if (strcmp(base, "competitions.json") == 0) return F_COMPETITIONS;
    if (parent_is(path, "events", 1)) return F_EVENTS;
    if (parent_is(path, "lineups", 1)) return F_LINEUPS;
    if (parent_is(path, "matches", 2)) return F_MATCHES;
    return F_NONE;
}

/* A file outside the open-data layout: told by what its first object holds. */
static enum file_kind sniff(const char *buf, size_t len)
{
    size_t n = len < 8192 ? len : 8192;
    char head[8193];
    memcpy(head, buf, n);
    head[n] = '\0';
    for (size_t i = 0; i < n; i++)
        if (!head[i]) head[i] = ' ';
    if (strstr(head, "\"home_team\"") && strstr(head, "\"match_id\"")) return F_MATCHES;
    if (strstr(head, "\"lineup\"") && strstr(head, "\"team_name\"")) return F_LINEUPS;
    if (strstr(head, "\"index\"") && strstr(head, "\"type\"")) return F_EVENTS;
    if (strstr(head, "\"competition_id\"") && strstr(head, "\"season_id\"")) return F_COMPETITIONS;
    return F_NONE;
}

static int wanted(const char *path, const char *name)
{
    (void)name;
    enum file_kind k = classify(path);
    return k == F_MATCHES || k == F_LINEUPS || k == F_EVENTS;
}

/* The StatsBomb match id a lineups or events file is named by: 0 if none. */
static int32_t file_match_id(const char *path)
{
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    long v = 0;
    size_t i = 0;
    for (; base[i] >= '0' && base[i] <= '9' && i < 9; i++) v = v * 10 + (base[i] - '0');
    if (i == 0 || strcmp(base + i, ".json") != 0) return 0;
    return (int32_t)v;
}

/* ---- state ---- */

struct input {
    char *path;
    enum file_kind kind;
    int32_t match;   /* lineups and events files */
    char *buf;
    size_t len;
};

struct ctx {
    tl_store *s;
    const struct tl_load_opts *o;
    struct tl_sbload_stats *st;
    struct tl_map players;   /* StatsBomb player id -> touchline id, this import */
    long kill_after;         /* test hook: SIGKILL ourselves after storing this many events */
    long stored;
};

static void key_of(char key[4], int32_t id) { memcpy(key, &id, 4); }

/* Lines of a file's byte offsets, read forwards. */
struct liner {
    const char *buf;
    size_t at;
    long line;
};
static long line_at(struct liner *l, size_t off)
{
    if (off < l->at) { /* backwards: start again */
        l->at = 0;
        l->line = 1;
    }
    const char *p = l->buf + l->at, *end = l->buf + off;
    while ((p = memchr(p, '\n', (size_t)(end - p)))) {
        l->line++;
        p++;
    }
    l->at = off;
    return l->line;
}

/* A team as of a date (see tl_load_team). */
static tl_rc team(struct ctx *c, const char *name, const char *date, int64_t src, long line,
                  const char *file, int64_t *id, struct tl_error *err)
{
    return tl_load_team(c->s, name, date, src, file, line, c->o->report, &c->st->teams_new, id,
                        err);
}

/* ---- matches files ---- */

static tl_rc load_matches(struct ctx *c, const struct input *in, struct tl_error *err)
{
    struct tl_sb_fixtures f = {0};
    tl_rc rc = tl_sb_read_matches(&f, in->buf, in->len, in->path, err);
    int64_t src = 0;
    if (!rc) rc = tl_store_source(c->s, "statsbomb", tl_source_name(in->path), in->path, &src, err);
    struct liner ln = {in->buf, 0, 1};
    for (size_t i = 0; i < f.n && !rc; i++) {
        const struct tl_sb_fixture *x = &f.v[i];
        long line = line_at(&ln, x->off);
        c->st->fixtures++;
        int64_t t[2], comp = 0, id = 0;
        if ((rc = team(c, x->home, x->date, src, line, in->path, &t[0], err)) ||
            (rc = team(c, x->away, x->date, src, line, in->path, &t[1], err)) ||
            (rc = tl_store_sb_team(c->s, x->home_id, x->home, t[0], err)) ||
            (rc = tl_store_sb_team(c->s, x->away_id, x->away, t[1], err)))
            break;
        if (t[0] == t[1]) {
            rc = tl_err_at(err, TL_EPARSE, in->path, line, 1,
                           "expected two different teams in match %d, found %s twice",
                           (int)x->match_id, x->home);
            break;
        }
        if (x->competition[0] &&
            (rc = tl_store_competition(c->s, x->competition, src, line, &comp, err)))
            break;
        int first_home = 1, found = 0;
        rc = tl_store_match_near(c->s, x->date, t[0], t[1], 1, src, &id, &first_home, err);
        if (rc == TL_OK) found = 1;
        else if (rc == TL_EAMBIG) {
            rc = tl_err_at(err, TL_EAMBIG, in->path, line, 1,
                           "two matches of %s and %s are equally close to %s; cannot tell which "
                           "match %d is",
                           x->home, x->away, x->date, (int)x->match_id);
            break;
        } else if (rc != TL_ENOTFOUND) break;
        int h = first_home ? 0 : 1, a = 1 - h;
        const int32_t score[2] = {x->home_score, x->away_score};
        char kickoff[6] = "";
        if (x->kick_off[0]) snprintf(kickoff, sizeof kickoff, "%.5s", x->kick_off);
        struct tl_match_detail d = {
            .date = x->date,
            .home_id = t[h],
            .away_id = t[a],
            .competition_id = comp,
            .kickoff = kickoff[0] ? kickoff : NULL,
            .utc_offset = TL_NONE,
            .venue = x->stadium[0] ? x->stadium : NULL,
            .attendance = TL_NONE,
            .referee = x->referee[0] ? x->referee : NULL,
            .status = "finished",
            .score = {score[h], score[a]},
            .ht = {TL_NONE, TL_NONE},
            .ft = {TL_NONE, TL_NONE},
            .aet = {TL_NONE, TL_NONE},
            .so = {TL_NONE, TL_NONE},
            .match_no = 0,
            .goals_listed = TL_NONE,
            .source_id = src,
            .source_line = line,
        };
        int changed = 0;
        if (found) c->st->matches_merged++;
        else c->st->matches_new++;
        rc = tl_store_put_detailed_match(c->s, found, &id, &d, &changed, err);
        c->st->changed += changed;
        const int oriented[2] = {score[h], score[a]};
        if (!rc) rc = tl_store_sb_match(c->s, id, x->match_id, oriented, err);
    }
    tl_sb_fixtures_free(&f);
    return rc;
}

/* ---- one match: its lineups and events files ---- */

struct match {
    int32_t sb_id;
    struct tl_sb_match_info info;
    int32_t sb_team[2];      /* StatsBomb ids of the stored home and away teams */
    int64_t team[2];
    const char *file;        /* for messages */
};

static tl_rc find_match(struct ctx *c, int32_t sb_id, const char *file, struct match *m,
                        struct tl_error *err)
{
    memset(m, 0, sizeof *m);
    m->sb_id = sb_id;
    m->file = file;
    tl_rc rc = tl_store_sb_match_info(c->s, sb_id, &m->info, err);
    if (rc == TL_ENOTFOUND)
        return tl_err_at(err, TL_ENOTFOUND, file, 0, 0,
                         "StatsBomb match %d is in no matches file imported: import its "
                         "matches/<competition>/<season>.json with it, or the whole folder",
                         (int)sb_id);
    m->team[0] = m->info.home_id;
    m->team[1] = m->info.away_id;
    return rc;
}

/* The side (0 stored home, 1 away) of a StatsBomb team in the match. */
static tl_rc side_of(struct ctx *c, struct match *m, int32_t sb_team, const char *name, long line,
                     int *side, struct tl_error *err)
{
    for (int k = 0; k < 2; k++)
        if (m->sb_team[k] == sb_team) {
            *side = k;
            return TL_OK;
        }
    int64_t id = 0;
    tl_rc rc = tl_store_sb_team_id(c->s, sb_team, &id, err);
    if (rc && rc != TL_ENOTFOUND) return rc;
    for (int k = 0; k < 2 && !rc; k++)
        if (id == m->team[k] && !m->sb_team[k]) {
            m->sb_team[k] = sb_team;
            *side = k;
            return TL_OK;
        }
    return tl_err_at(err, TL_EPARSE, m->file, line, 1,
                     "expected one of the match's two teams, found %s (StatsBomb team %d)",
                     name[0] ? name : "an unknown team", (int)sb_team);
}

/* A StatsBomb player as a touchline player, resolved once per import. */
static tl_rc player(struct ctx *c, const struct match *m, int32_t sb_id, const char *name,
                    const char *nickname, int shirt, int side, int64_t src, long line,
                    int64_t *id, struct tl_error *err)
{
    char key[4];
    key_of(key, sb_id);
    int64_t v;
    if (tl_map_get(&c->players, key, 4, &v)) {
        *id = v;
        return TL_OK;
    }
    const char *known = nickname && nickname[0] ? nickname : name;
    if (!known || !known[0])
        return tl_err_at(err, TL_EPARSE, m->file, line, 1,
                         "expected the name of StatsBomb player %d", (int)sb_id);
    if (nickname && !nickname[0]) nickname = NULL;
    /* the squad's shirt number first: StatsBomb's names are not always the
     * ones people use ("Gero Rulli"), then the name as it is */
    const char *names[] = {known, name && name != known && name[0] ? name : NULL, NULL};
    tl_rc rc = tl_store_player_by_shirt(c->s, m->info.match_id, m->team[side], shirt, names, src,
                                        line, id, err);
    if (rc == TL_ENOTFOUND)
        rc = tl_store_player_born(c->s, known, m->team[side], NULL, 0, m->info.date, src, line,
                                  id, err);
    if (!rc) rc = tl_store_sb_player(c->s, sb_id, name && name[0] ? name : known, nickname, *id, err);
    if (!rc) rc = tl_map_put(&c->players, key, 4, *id);
    if (rc == TL_ENOMEM) return tl_err(err, rc, "out of memory");
    return rc;
}

static int known_team(const struct match *m, int32_t t)
{
    return !t || t == m->sb_team[0] || t == m->sb_team[1];
}

static int known_player(struct ctx *c, int32_t p)
{
    char key[4];
    int64_t v;
    key_of(key, p);
    return !p || tl_map_get(&c->players, key, 4, &v);
}

/* Are the teams and players of an event resolved already? */
static int known(struct ctx *c, const struct match *m, const struct tl_sb_event *e)
{
    return e->nlineup == 0 && known_team(m, e->team) && known_team(m, e->possession_team) &&
           known_player(c, e->player) && known_player(c, e->other);
}

static tl_rc load_lineups(struct ctx *c, struct match *m, const struct input *in,
                          struct tl_error *err)
{
    struct tl_sb_lineups l = {0};
    int64_t src = 0;
    tl_rc rc = tl_sb_read_lineups(&l, in->buf, in->len, in->path, err);
    if (!rc) rc = tl_store_source(c->s, "statsbomb", tl_source_name(in->path), in->path, &src, err);
    if (!rc) rc = tl_store_source_rank(c->s, src, RANK_LINEUPS, err);
    int ord = 0;
    for (size_t t = 0; t < l.nteams && !rc; t++) {
        const struct tl_sb_team_sheet *ts = &l.teams[t];
        int side;
        if ((rc = side_of(c, m, ts->team_id, ts->team, 0, &side, err))) break;
        for (uint32_t i = 0; i < ts->nplayers && !rc; i++) {
            const struct tl_sb_player *p = &l.players[ts->player + i];
            int64_t pid;
            if ((rc = player(c, m, p->player_id, p->name, p->nickname, p->jersey, side, src, 0,
                            &pid, err)))
                break;
            const struct tl_sb_spell *first = p->nspells ? &l.spells[p->spell] : NULL;
            int changed = 0;
            rc = tl_store_put_lineup(
                c->s,
                &(struct tl_lineup_write){
                    .match_id = m->info.match_id,
                    .team_id = m->team[side],
                    .player_id = pid,
                    .starter = first && strcmp(first->start_reason, "Starting XI") == 0,
                    .shirt = p->jersey > 0 ? p->jersey : TL_NONE,
                    .position = first && first->position[0] ? first->position : NULL,
                    .source_id = src,
                    .source_line = 0,
                    .ord = ord++,
                },
                &changed, err);
            c->st->changed += changed;
            c->st->lineup_players++;
        }
    }
    long deleted = 0;
    if (!rc) rc = tl_store_prune_match(c->s, src, m->info.match_id, 0, ord, &deleted, err);
    c->st->changed += deleted;
    c->st->lineup_files++;
    tl_sb_lineups_free(&l);
    return rc;
}

struct derive {
    int ord, goals[2], kicks, so[2];
    int at_end[5][2];        /* the score at the end of periods 1-4 */
    int last_period;         /* the last period of play (1-4) */
    int64_t so_first;
    struct liner *ln;        /* the current event's line, counted when needed */
    size_t off;
};

static long derive_line(struct derive *d) { return line_at(d->ln, d->off); }

static tl_rc put_derived(struct ctx *c, const struct match *m, struct derive *d,
                         enum tl_event_kind kind, int side, const struct tl_sb_event *e,
                         int64_t player, int64_t player2, const char *outcome, int64_t src,
                         struct tl_error *err)
{
    int minute = TL_NONE, added = 0;
    if (kind != TL_EV_SHOOTOUT_KICK) tl_written_minute(e->period, e->minute, &minute, &added);
    struct tl_event_write w = {
        .match_id = m->info.match_id,
        .date = m->info.date,
        .kind = kind,
        .period = e->period,
        .minute = minute,
        .added = added,
        .team_id = m->team[side],
        .player_id = player,
        .player2_id = player2,
        .outcome = outcome,
        .kick_order = kind == TL_EV_SHOOTOUT_KICK ? ++d->kicks : 0,
        .source_id = src,
        .source_line = derive_line(d),
        .ord = d->ord++,
    };
    int changed = 0;
    tl_rc rc = tl_store_put_event(c->s, &w, &changed, err);
    c->st->changed += changed;
    return rc;
}

static tl_rc store_event(struct ctx *c, const struct match *m, const struct tl_sb_match *sm,
                         const struct tl_sb_event *e, int64_t src, const char *buf,
                         struct tl_error *err)
{
    const char *none = NULL;
#define NAME(kind, id) ((id) ? tl_sb_name(sm, kind, id) : none)
    int shot = e->type == TL_SB_SHOT, pass = e->type == TL_SB_PASS;
    struct tl_sb_event_write w = {
        .match_id = m->info.match_id,
        .idx = e->index,
        .period = e->period,
        .ms = e->ms,
        .minute = e->minute,
        .second = e->second,
        .type_id = e->type,
        .uuid = e->id,
        .type = tl_sb_type_name(e->type),
        .possession = e->possession,
        .possession_team = e->possession_team,
        .play_pattern = NAME(TL_SBK_PLAY_PATTERN, e->play_pattern),
        .team = e->team,
        .player = e->player,
        .other = e->other,
        .position = NAME(TL_SBK_POSITION, e->position),
        .x = e->nloc >= 2 ? e->loc[0] : NAN,
        .y = e->nloc >= 2 ? e->loc[1] : NAN,
        .end_x = e->nend >= 2 ? e->end[0] : NAN,
        .end_y = e->nend >= 2 ? e->end[1] : NAN,
        .end_z = e->nend >= 3 ? e->end[2] : NAN,
        .duration = e->duration > 0 ? e->duration : NAN,
        .xg = shot ? e->xg : NAN,
        .length = pass ? e->length : NAN,
        .flags = e->flags,
        .outcome = NAME(TL_SBK_OUTCOME, e->outcome),
        .subtype = shot ? NAME(TL_SBK_SHOT_TYPE, e->subtype)
                        : pass ? NAME(TL_SBK_PASS_TYPE, e->subtype) : NULL,
        .body_part = NAME(TL_SBK_BODY_PART, e->body_part),
        .technique = NAME(TL_SBK_TECHNIQUE, e->technique),
        .height = NAME(TL_SBK_HEIGHT, e->height),
        .card = NAME(TL_SBK_CARD, e->card),
        .formation = e->formation,
        .source_id = src,
        .raw = buf + e->raw_off,
        .raw_len = e->raw_len,
    };
#undef NAME
    return tl_store_sb_event(c->s, &w, err);
}

/* A digest of a file's bytes (64 bits, 8 bytes a step, and the length):
 * an events file imported again unchanged is not rewritten. Not for
 * security: a change detector, like a build tool's. */
static void digest(const char *buf, size_t len, char out[48])
{
    uint64_t h = 14695981039346656037ull, w;
    size_t i = 0;
    for (; i + 8 <= len; i += 8) {
        memcpy(&w, buf + i, 8);
        h = (h ^ w) * 1099511628211ull;
        h ^= h >> 29;
    }
    for (; i < len; i++) h = (h ^ (unsigned char)buf[i]) * 1099511628211ull;
    snprintf(out, 48, "fnv64w:%016llx:%zu", (unsigned long long)h, len);
}

static tl_rc load_events(struct ctx *c, struct match *m, const struct input *in,
                         struct tl_error *err)
{
    struct tl_sb_match sm;
    tl_sb_init(&sm);
    int64_t src = 0;
    tl_rc rc = tl_sb_read_events(&sm, in->buf, in->len, in->path, err);
    if (!rc) rc = tl_store_source(c->s, "statsbomb", tl_source_name(in->path), in->path, &src, err);
    if (!rc) rc = tl_store_source_rank(c->s, src, RANK_EVENTS, err);
    if (rc) goto out;
    c->st->event_files++;
    c->st->events += (long)sm.n;

    /* teams and players, in order of appearance */
    struct liner ln = {in->buf, 0, 1};
    for (size_t i = 0; i < sm.n && !rc; i++) {
        const struct tl_sb_event *e = &sm.ev[i];
        int side;
        int64_t pid;
        if (!e->team || known(c, m, e)) continue; /* most events: nothing new */
        long line = line_at(&ln, e->raw_off);
        int pside;
        if (e->possession_team &&
            (rc = side_of(c, m, e->possession_team,
                          tl_sb_name(&sm, TL_SBK_TEAM, e->possession_team), line, &pside, err)))
            break;
        if ((rc = side_of(c, m, e->team, tl_sb_name(&sm, TL_SBK_TEAM, e->team), line, &side, err)))
            break;
        int32_t who[2] = {e->player, e->other};
        for (int k = 0; k < 2 && !rc; k++)
            if (who[k])
                rc = player(c, m, who[k], tl_sb_name(&sm, TL_SBK_PLAYER, who[k]), NULL, 0, side,
                            src, line, &pid, err);
        for (uint32_t j = 0; j < e->nlineup && !rc; j++) {
            const struct tl_sb_lineup_entry *le = &sm.lineups[e->lineup + j];
            rc = player(c, m, le->player, tl_sb_name(&sm, TL_SBK_PLAYER, le->player), NULL,
                        le->jersey, side, src, line, &pid, err);
        }
    }
    if (rc) goto out;

    /* the events themselves, unless this very file is stored already */
    char dg[48];
    digest(in->buf, in->len, dg);
    int same = 0;
    if ((rc = tl_store_sb_events_begin(c->s, m->info.match_id, src, dg, &same, err))) goto out;
    if (same) c->st->events_unchanged++;
    for (size_t i = 0; i < sm.n && !rc && !same; i++) {
        const struct tl_sb_event *e = &sm.ev[i];
        if (c->kill_after && ++c->stored >= c->kill_after) raise(SIGKILL);
        if ((rc = store_event(c, m, &sm, e, src, in->buf, err))) {
            long line = line_at(&ln, e->raw_off);
            char msg[sizeof err->msg];
            snprintf(msg, sizeof msg, "%s", err->msg);
            rc = tl_err_at(err, rc, in->path, line, 1, "storing event %d: %s", (int)e->index, msg);
        }
    }
    if (rc) goto out;

    /* what the other sources also tell */
    ln = (struct liner){in->buf, 0, 1};
    struct derive d = {.ln = &ln};
    int lineup_ord = 0;
    for (size_t i = 0; i < sm.n && !rc; i++) {
        const struct tl_sb_event *e = &sm.ev[i];
        if (!e->team) continue;
        d.off = e->raw_off;
        int side = e->team == m->sb_team[0] ? 0 : 1;
        int64_t pid = 0, pid2 = 0;
        char key[4];
        int64_t v;
        if (e->player) {
            key_of(key, e->player);
            if (tl_map_get(&c->players, key, 4, &v)) pid = v;
        }
        if (e->other) {
            key_of(key, e->other);
            if (tl_map_get(&c->players, key, 4, &v)) pid2 = v;
        }
        const char *outcome = e->outcome ? tl_sb_name(&sm, TL_SBK_OUTCOME, e->outcome) : "";
        const char *card = e->card ? tl_sb_name(&sm, TL_SBK_CARD, e->card) : "";
        if (e->period <= 4) {
            if (e->period > d.last_period) d.last_period = e->period;
            memcpy(d.at_end[e->period], d.goals, sizeof d.goals);
        }
        switch (e->type) {
        case TL_SB_SHOT: {
            int penalty = e->subtype && strcmp(tl_sb_name(&sm, TL_SBK_SHOT_TYPE, e->subtype),
                                               "Penalty") == 0;
            int scored = strcmp(outcome, "Goal") == 0;
            if (e->period == 5) {
                if (!d.kicks) d.so_first = m->team[side];
                d.so[side] += scored;
                rc = put_derived(c, m, &d, TL_EV_SHOOTOUT_KICK, side, e, pid, 0,
                                 scored ? "scored" : tl_miss_how(outcome, e->nend == 3 ? e->end[2] : NAN), src, err);
                c->st->kicks++;
            } else if (scored) {
                d.goals[side]++;
                rc = put_derived(c, m, &d, penalty ? TL_EV_PENALTY_GOAL : TL_EV_GOAL, side, e, pid,
                                 0, NULL, src, err);
                c->st->goals++;
            } else if (penalty) {
                rc = put_derived(c, m, &d, TL_EV_PENALTY_MISSED, side, e, pid, 0,
                                 tl_miss_how(outcome, e->nend == 3 ? e->end[2] : NAN), src, err);
                c->st->penalties_missed++;
            }
            break;
        }
        case TL_SB_OWN_GOAL_AGAINST: /* by a player of `team`, for the other side */
            d.goals[1 - side]++;
            rc = put_derived(c, m, &d, TL_EV_OWN_GOAL, 1 - side, e, pid, 0, NULL, src, err);
            c->st->goals++;
            c->st->own_goals++;
            break;
        case TL_SB_FOUL_COMMITTED:
        case TL_SB_BAD_BEHAVIOUR:
            if (!card[0]) break;
            rc = put_derived(c, m, &d,
                             strcmp(card, "Yellow Card") == 0    ? TL_EV_YELLOW
                             : strcmp(card, "Second Yellow") == 0 ? TL_EV_SECOND_YELLOW
                                                                  : TL_EV_RED,
                             side, e, pid, 0, NULL, src, err);
            c->st->cards++;
            break;
        case TL_SB_SUBSTITUTION: /* player goes off, other comes on */
            rc = put_derived(c, m, &d, TL_EV_SUBSTITUTION, side, e, pid2, pid, NULL, src, err);
            c->st->substitutions++;
            if (!rc && pid2) {
                int changed = 0;
                rc = tl_store_put_lineup(c->s,
                                         &(struct tl_lineup_write){.match_id = m->info.match_id,
                                                                   .team_id = m->team[side],
                                                                   .player_id = pid2,
                                                                   .starter = 0,
                                                                   .shirt = TL_NONE,
                                                                   .source_id = src,
                                                                   .source_line = derive_line(&d),
                                                                   .ord = lineup_ord++},
                                         &changed, err);
                c->st->changed += changed;
            }
            break;
        case TL_SB_STARTING_XI:
            for (uint32_t j = 0; j < e->nlineup && !rc; j++) {
                const struct tl_sb_lineup_entry *le = &sm.lineups[e->lineup + j];
                key_of(key, le->player);
                int changed = 0;
                if (!tl_map_get(&c->players, key, 4, &v)) continue;
                rc = tl_store_put_lineup(
                    c->s,
                    &(struct tl_lineup_write){
                        .match_id = m->info.match_id,
                        .team_id = m->team[side],
                        .player_id = v,
                        .starter = 1,
                        .shirt = le->jersey > 0 ? le->jersey : TL_NONE,
                        .position = le->position ? tl_sb_name(&sm, TL_SBK_POSITION, le->position)
                                                 : NULL,
                        .source_id = src,
                        .source_line = derive_line(&d),
                        .ord = lineup_ord++,
                    },
                    &changed, err);
                c->st->changed += changed;
            }
            break;
        default: break;
        }
        if (e->period <= 4) memcpy(d.at_end[e->period], d.goals, sizeof d.goals);
    }
    long deleted = 0;
    if (!rc)
        rc = tl_store_prune_match(c->s, src, m->info.match_id, d.ord, lineup_ord, &deleted, err);
    c->st->changed += deleted;
    if (rc) goto out;

    /* this source's reading of the match: the matches file's score, with
     * the goals the events list, for touchline check */
    if (m->info.score[0] != TL_NONE &&
        (m->info.score[0] != d.goals[0] || m->info.score[1] != d.goals[1]))
        c->st->mismatches++;
    struct tl_match_detail md = {
        .date = m->info.date,
        .home_id = m->team[0],
        .away_id = m->team[1],
        .utc_offset = TL_NONE,
        .attendance = TL_NONE,
        .status = "finished",
        .score = {m->info.score[0], m->info.score[1]},
        /* what the events show: the score at half-time, after 90 minutes,
         * after extra time when it was played */
        .ht = {d.last_period >= 2 ? d.at_end[1][0] : TL_NONE,
               d.last_period >= 2 ? d.at_end[1][1] : TL_NONE},
        .ft = {d.last_period >= 2 ? d.at_end[2][0] : TL_NONE,
               d.last_period >= 2 ? d.at_end[2][1] : TL_NONE},
        .aet = {d.last_period >= 3 ? d.goals[0] : TL_NONE,
                d.last_period >= 3 ? d.goals[1] : TL_NONE},
        .so = {d.kicks ? d.so[0] : TL_NONE, d.kicks ? d.so[1] : TL_NONE},
        .so_winner_id = d.kicks && d.so[0] != d.so[1] ? m->team[d.so[0] > d.so[1] ? 0 : 1] : 0,
        .so_first_id = d.kicks ? d.so_first : 0,
        .goals_listed = d.goals[0] + d.goals[1],
        .source_id = src,
        .source_line = 1,
    };
    int changed = 0;
    rc = tl_store_merge_match(c->s, m->info.match_id, &md, &changed, err);
    c->st->changed += changed;
out:
    tl_sb_free(&sm);
    return rc;
}

/* ---- collecting the files ---- */

static int cmp_inputs(const void *a, const void *b)
{
    const struct input *x = a, *y = b;
    /* matches files first; then by match, lineups before events */
    int kx = x->kind == F_MATCHES ? 0 : 1, ky = y->kind == F_MATCHES ? 0 : 1;
    if (kx != ky) return kx - ky;
    if (x->match != y->match) return x->match < y->match ? -1 : 1;
    if (x->kind != y->kind) return (int)x->kind - (int)y->kind;
    return strcmp(x->path, y->path);
}

static tl_rc collect(const char *const *paths, size_t npaths, struct tl_files *f,
                     struct tl_error *err)
{
    for (size_t i = 0; i < npaths; i++) {
        struct stat sb;
        tl_rc rc;
        if (stat(paths[i], &sb) != 0)
            return tl_err_at(err, TL_ENOTFOUND, paths[i], 0, 0, "no such file or folder");
        if (S_ISDIR(sb.st_mode)) {
            size_t before = f->n;
            if ((rc = tl_files_walk(f, paths[i], wanted, err))) return rc;
            if (f->n == before)
                return tl_err_at(err, TL_ENOTFOUND, paths[i], 0, 0,
                                 "no StatsBomb files here (matches/<competition>/<season>.json, "
                                 "events/<match_id>.json, lineups/<match_id>.json)");
        } else if ((rc = tl_files_add(f, paths[i], err))) {
            return rc;
        }
    }
    return TL_OK;
}

tl_rc tl_load_statsbomb(tl_store *s, const char *const *paths, size_t npaths,
                        const struct tl_load_opts *o, struct tl_sbload_stats *st,
                        struct tl_error *err)
{
    struct tl_files f = {0};
    struct input *in = NULL;
    struct ctx c = {.s = s, .o = o, .st = st};
    tl_map_init(&c.players);
    tl_rc rc;
    int began = 0;
    size_t n = 0;
    double t0 = tl_now();
    memset(st, 0, sizeof *st);
    const char *kill = getenv("TOUCHLINE_TEST_KILL_AFTER_EVENTS");
    if (kill) c.kill_after = atol(kill);
    if ((rc = collect(paths, npaths, &f, err))) goto out;
    in = tl_calloc(f.n ? f.n : 1, sizeof *in);
    if (!in) {
        rc = tl_err(err, TL_ENOMEM, "out of memory");
        goto out;
    }
    uint64_t total = 0, done = 0;
    for (size_t i = 0; i < f.n && !rc; i++) {
        struct input *x = &in[n];
        x->path = f.v[i];
        if ((rc = tl_read_file(x->path, (size_t)1 << 28, &x->buf, &x->len, err))) break;
        x->kind = classify(x->path);
        if (x->kind == F_NONE) x->kind = sniff(x->buf, x->len);
        if (x->kind == F_NONE) {
            rc = tl_err_at(err, TL_EPARSE, x->path, 1, 1,
                           "expected a StatsBomb matches, lineups or events file");
            tl_free(x->buf);
            break;
        }
        if (x->kind == F_COMPETITIONS) { /* nothing touchline needs: names come with matches */
            tl_free(x->buf);
            continue;
        }
        if (x->kind != F_MATCHES && !(x->match = file_match_id(x->path))) {
            rc = tl_err_at(err, TL_EPARSE, x->path, 0, 0,
                           "expected a file named by its StatsBomb match id (events/3788741.json)");
            tl_free(x->buf);
            break;
        }
        total += x->len;
        n++;
    }
    if (rc) goto out;
    qsort(in, n, sizeof *in, cmp_inputs);
    /* rows nothing reads back before the commit held and written together
     * (store/pending.c): the key check then knows them (a spelling written
     * by itself had the whole of player_spellings checked: 4 ms) */
    if ((rc = tl_store_begin(s, err)) || (rc = tl_store_defer(s))) goto out;
    began = 1;
    struct tl_progress bar;
    tl_progress_start(&bar, "importing StatsBomb", total, 1.0);
    if (!o->progress) bar.enabled = 0;
    struct match m = {0};
    for (size_t i = 0; i < n && !rc; i++) {
        struct input *x = &in[i];
        st->files++;
        if (x->kind == F_MATCHES) {
            rc = load_matches(&c, x, err);
        } else {
            if (m.sb_id != x->match) rc = find_match(&c, x->match, x->path, &m, err);
            m.file = x->path;
            if (!rc) rc = x->kind == F_LINEUPS ? load_lineups(&c, &m, x, err)
                                               : load_events(&c, &m, x, err);
        }
        done += x->len;
        tl_progress_update(&bar, done);
    }
    tl_progress_end(&bar);
    if (!rc) rc = tl_store_pick_primary(s, err);
    /* held rows were counted as changes: the write says how many were not */
    long unchanged = 0;
    if (!rc) rc = tl_store_settle(s, &unchanged, err);
    st->changed -= unchanged;
    if (!rc) rc = tl_store_commit(s, err);
out:
    if (rc && began) tl_store_rollback(s);
    for (size_t i = 0; in && i < n; i++) tl_free(in[i].buf);
    tl_free(in);
    tl_files_free(&f);
    tl_map_free(&c.players);
    st->seconds = tl_now() - t0;
    return rc;
}
