/* load/ftxt_load.c: football.txt files into the store, in one transaction,
 * merged with what other sources already said about the same matches. */
#include "load_int.h"
#include "touchline/resolve.h"

#include <pthread.h>
#include <sched.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int wanted(const char *path, const char *name)
{
    (void)path;
    size_t n = strlen(name);
    return strcmp(name, "cup.txt") == 0 || strcmp(name, "cup_finals.txt") == 0 ||
           (n > 9 && strcmp(name + n - 9, "_full.txt") == 0) ||
           (n > 11 && strcmp(name + n - 11, "_squads.txt") == 0);
}

static int source_rank(const char *path);

/* Squads first (they bring birth dates that tell namesakes apart), then
 * cup files, then the full files; by name within each. */
static int cmp_files(const void *a, const void *b)
{
    const char *x = *(char *const *)a, *y = *(char *const *)b;
    int ox = source_rank(x), oy = source_rank(y);
    if (ox != oy) return ox - oy;
    return strcmp(x, y);
}

static int source_rank(const char *path)
{
    const char *b = strrchr(path, '/');
    b = b ? b + 1 : path;
    size_t n = strlen(b);
    if (n > 9 && strcmp(b + n - 9, "_full.txt") == 0) return 3;
    if (n > 11 && strcmp(b + n - 11, "_squads.txt") == 0) return 0;
    return 2;
}

/* ---- per-file state ---- */

/* The players' names of a record, each with its tidy and folded forms,
 * made on the thread that reads ahead (see below). */
#define NAMES_MAX TL_FT_MAX_LINEUP
struct names {
    int n;
    const char *raw[NAMES_MAX];
    struct tl_name_forms forms[NAMES_MAX];
};

struct ctx {
    tl_store *s;
    const struct names *names; /* the current record's, or NULL */
    const struct tl_load_opts *o;
    struct tl_ftload_stats *st;
    int64_t src;
    int64_t competition_id, edition_id, stage_id, group_id;
    char edition_year[8];
    char edition_start[11]; /* the first match date of the edition, for squads */
    int stage_ord;
    char stage_name[256];
    /* "▪ Final Round | July 9-16" right before its matches (1950): a round
     * heading, not only a definition; it becomes their stage when a match
     * follows before any other heading */
    char pending_round[256];
    long pending_line;
    /* the last match, for lineups, referees and shootouts that follow it */
    int64_t match_id;
    char match_date[11];
    int64_t team_id[2];      /* the match's teams in the file's order */
    int next_ord;            /* events of this source for the match */
    int lineup_ord;
};

static tl_rc count_change(struct ctx *c, int changed)
{
    c->st->changed += changed;
    return TL_OK;
}

/* A team as of a date (see tl_load_team). */
static tl_rc team(struct ctx *c, const char *name, const char *date, long line, int64_t *id,
                  struct tl_error *err)
{
    return tl_load_team(c->s, name, date, c->src, tl_source_name(err->file[0] ? err->file : ""),
                        line, c->o->report, &c->st->teams_new, id, err);
}

/* A player through the store, named as people write it. */
static tl_rc player(struct ctx *c, const char *name, int64_t team_id, const char *birth,
                    const char *date, long line, int64_t *id, struct tl_error *err)
{
    /* the forms the reading thread made of the record's names, if it did */
    const struct tl_name_forms *forms = NULL;
    for (int i = 0; c->names && i < c->names->n; i++)
        if (c->names->raw[i] == name) {
            forms = &c->names->forms[i];
            break;
        }
    return tl_store_player_written_as(c->s, name, forms, team_id, birth, c->edition_id, date,
                                      c->src, line, id, err);
}

static int period_of(int minute)
{
    if (minute == TL_NONE) return 0;
    return minute <= 45 ? 1 : minute <= 90 ? 2 : minute <= 105 ? 3 : 4;
}

static tl_rc on_edition(struct ctx *c, const struct tl_ft_record *r, struct tl_error *err)
{
    /* "World Cup 2022" -> competition "FIFA World Cup", edition "2022" */
    char name[256];
    snprintf(name, sizeof name, "%s", r->u.edition.title);
    char *y = NULL;
    if (r->u.edition.year) {
        char ys[8];
        snprintf(ys, sizeof ys, "%d", r->u.edition.year);
        y = strstr(name, ys);
        snprintf(c->edition_year, sizeof c->edition_year, "%s", ys);
    }
    if (y) {
        *y = '\0';
        size_t n = strlen(name);
        while (n && name[n - 1] == ' ') name[--n] = '\0';
    }
    if (!name[0] || !c->edition_year[0])
        return tl_err_at(err, TL_EPARSE, err->file, r->line, 1,
                         "expected a heading with a competition and a year, found \"%s\"",
                         r->u.edition.title);
    tl_rc rc = tl_store_competition(c->s, tl_competition_canonical(name), c->src, r->line,
                                    &c->competition_id, err);
    if (!rc) rc = tl_store_edition(c->s, c->competition_id, c->edition_year, c->src, r->line,
                                   &c->edition_id, err);
    c->stage_id = c->group_id = 0;
    c->stage_name[0] = '\0';
    c->pending_round[0] = '\0';
    c->edition_start[0] = '\0';
    c->match_id = 0;
    return rc;
}

/* The kind of a stage by its name. */
static const char *stage_kind(const char *name)
{
    char folded[256];
    tl_fold(name, strlen(name), folded, sizeof folded);
    return strstr(folded, "group") || strstr(folded, "first stage") ||
                   strstr(folded, "second round") || strstr(folded, "final round")
               ? "group"
           : strstr(folded, "play off") ? "playoff"
                                         : "knockout";
}

/* A round definition ends the group it follows; if matches come next, it
 * is their stage (see on_match). */
static tl_rc on_round_def(struct ctx *c, const struct tl_ft_record *r)
{
    c->group_id = 0;
    snprintf(c->pending_round, sizeof c->pending_round, "%s", r->u.round_def.name);
    c->pending_line = r->line;
    return TL_OK;
}

/* A match right after a round definition: that round is its stage, and a
 * round of group kind (the 1950 final round, a league of four) is also its
 * group. */
static tl_rc pending_stage(struct ctx *c, struct tl_error *err)
{
    const char *n = c->pending_round;
    const char *kind = stage_kind(n);
    tl_rc rc = tl_store_stage(c->s, c->edition_id, n, kind, ++c->stage_ord, c->src,
                              c->pending_line, &c->stage_id, err);
    snprintf(c->stage_name, sizeof c->stage_name, "%s", n);
    if (!rc && strcmp(kind, "group") == 0)
        rc = tl_store_group(c->s, c->stage_id, n, c->src, c->pending_line, &c->group_id, err);
    c->pending_round[0] = '\0';
    return rc;
}

static tl_rc on_stage(struct ctx *c, const struct tl_ft_record *r, struct tl_error *err)
{
    if (!c->edition_id) return TL_OK;
    tl_rc rc = TL_OK;
    c->pending_round[0] = '\0';
    if (r->u.stage.level >= 2 || r->u.stage.is_group) {
        if (!c->stage_id) { /* groups with no stage heading above them */
            rc = tl_store_stage(c->s, c->edition_id, "Group stage", "group", ++c->stage_ord,
                                c->src, r->line, &c->stage_id, err);
            if (rc) return rc;
        }
        return tl_store_group(c->s, c->stage_id, r->u.stage.name, c->src, r->line, &c->group_id,
                              err);
    }
    c->group_id = 0;
    const char *n = r->u.stage.name;
    snprintf(c->stage_name, sizeof c->stage_name, "%s", n);
    return tl_store_stage(c->s, c->edition_id, n, stage_kind(n), ++c->stage_ord, c->src, r->line,
                          &c->stage_id, err);
}

static tl_rc put_event(struct ctx *c, enum tl_event_kind kind, int side, int minute, int added,
                       int64_t player, int64_t player2, const char *outcome, int kick, long line,
                       struct tl_error *err)
{
    struct tl_event_write w = {
        .match_id = c->match_id,
        .date = c->match_date,
        .kind = kind,
        .period = kind == TL_EV_SHOOTOUT_KICK ? 5 : period_of(minute),
        .minute = minute,
        .added = added,
        .team_id = c->team_id[side],
        .player_id = player,
        .player2_id = player2,
        .outcome = outcome,
        .kick_order = kick,
        .source_id = c->src,
        .source_line = line,
        .ord = c->next_ord++,
    };
    int changed;
    tl_rc rc = tl_store_put_event(c->s, &w, &changed, err);
    if (!rc) count_change(c, changed);
    return rc;
}

static tl_rc on_match(struct ctx *c, const struct tl_ft_record *r, struct tl_error *err)
{
    const struct tl_ft_match *m = &r->u.match;
    c->st->matches++;
    c->match_id = 0;
    if (!m->date[0]) return TL_OK;
    if (c->pending_round[0] && c->edition_id) {
        tl_rc prc = pending_stage(c, err);
        if (prc) return prc;
    }
    int64_t t[2] = {0, 0};
    tl_rc rc;
    for (int k = 0; k < 2; k++)
        if (!m->slot[k] && (rc = team(c, m->team[k], m->date, r->line, &t[k], err))) return rc;

    /* orient to the stored match when another source has it */
    int64_t id = 0;
    int first_home = 1, found = 0;
    if (t[0] && t[1]) {
        rc = tl_store_match_near(c->s, m->date, t[0], t[1], 1, c->src, &id, &first_home, err);
        if (rc == TL_OK) found = 1;
        else if (rc == TL_EAMBIG)
            return tl_err_at(err, TL_EAMBIG, err->file, r->line, 1,
                             "two matches of %s and %s are equally close to %s; cannot tell "
                             "which this is",
                             m->team[0], m->team[1], m->date);
        else if (rc != TL_ENOTFOUND) return rc;
    } else if (!t[0] && !t[1]) { /* slots only: this source's own earlier import of it */
        rc = tl_store_match_slot(c->s, m->date, m->team[0], m->team[1], c->src, &id, err);
        if (rc == TL_OK) found = 1;
        else if (rc != TL_ENOTFOUND) return rc;
    }
    /* A side known now that this file wrote as a slot before ("(7) 1A v 2B"
     * is now "(7) Ghana 2-0 Japan"): the same match, by its number. When
     * another source had the match, the slot line is a twin of it. */
    if ((t[0] || t[1]) && m->number > 0 && c->edition_id) {
        int64_t slot_id;
        rc = tl_store_match_numbered_slot(c->s, c->edition_id, m->number, c->src, &slot_id, err);
        if (rc == TL_OK && found && slot_id != id) {
            int dropped;
            if ((rc = tl_store_drop_slot_match(c->s, slot_id, &dropped, err))) return rc;
        } else if (rc == TL_OK && !found) {
            if ((rc = tl_store_fill_slots(c->s, slot_id, m->date, t[0], t[1], err))) return rc;
            id = slot_id;
            found = 1;
        } else if (rc && rc != TL_ENOTFOUND) {
            return rc;
        }
    }
    int h = first_home ? 0 : 1, a = 1 - h; /* index of the stored home team in the file's order */
    struct tl_match_detail d = {
        .date = m->date,
        .home_id = t[h],
        .away_id = t[a],
        .home_slot = m->slot[h] ? m->team[h] : NULL,
        .away_slot = m->slot[a] ? m->team[a] : NULL,
        .competition_id = c->competition_id,
        .edition_id = c->edition_id,
        .stage_id = c->stage_id,
        .group_id = c->group_id,
        .match_no = m->number,
        .kickoff = m->time,
        .utc_offset = m->utc_offset,
        .venue = m->venue,
        .city = m->city,
        .attendance = m->attendance,
        .status = m->status == TL_FT_PLAYED || m->status == TL_FT_AWARDED ? "finished"
                  : m->status == TL_FT_ABANDONED                         ? "abandoned"
                                                                          : "scheduled",
        .score = {m->score[h], m->score[a]},
        .ht = {m->ht[h], m->ht[a]},
        .ft = {m->ft[h], m->ft[a]},
        .aet = {m->aet[h], m->aet[a]},
        .so = {m->pen[h], m->pen[a]},
        .goals_listed = m->goals_listed ? m->ngoals : TL_NONE,
        .source_id = c->src,
        .source_line = r->line,
    };
    if (m->pen[0] != TL_NONE && m->pen[0] != m->pen[1])
        d.so_winner_id = m->pen[0] > m->pen[1] ? t[0] : t[1];
    int changed = 0;
    if (found) c->st->matches_merged++;
    else c->st->matches_new++;
    if ((rc = tl_store_put_detailed_match(c->s, found, &id, &d, &changed, err))) return rc;
    count_change(c, changed);
    c->match_id = id;
    memcpy(c->match_date, m->date, sizeof c->match_date);
    c->team_id[0] = t[0];
    c->team_id[1] = t[1];
    c->next_ord = 0;
    c->lineup_ord = 0;
    if (!t[0] || !t[1]) return TL_OK; /* a slot: no goals to attach */
    for (int g = 0; g < m->ngoals; g++) {
        const struct tl_ft_goal *goal = &m->goals[g];
        int side = goal->side;
        int player_side = goal->own_goal ? 1 - side : side;
        int64_t pid;
        rc = player(c, goal->player, t[player_side], NULL, m->date, goal->line, &pid, err);
        if (!rc)
            rc = put_event(c, goal->own_goal  ? TL_EV_OWN_GOAL
                              : goal->penalty ? TL_EV_PENALTY_GOAL
                                              : TL_EV_GOAL,
                           side, goal->minute, goal->added, pid, 0, NULL, 0, goal->line, err);
        if (rc) return rc;
        c->st->goals++;
    }
    return TL_OK;
}

static tl_rc on_lineup(struct ctx *c, const struct tl_ft_record *r, struct tl_error *err)
{
    const struct tl_ft_lineup *lu = &r->u.lineup;
    if (!c->match_id || !c->team_id[0] || !c->team_id[1]) return TL_OK;
    int64_t tid;
    tl_rc rc = team(c, lu->team, c->match_date, r->line, &tid, err);
    if (rc) return rc;
    int side = tid == c->team_id[0] ? 0 : tid == c->team_id[1] ? 1 : -1;
    if (side < 0)
        return tl_err_at(err, TL_EPARSE, err->file, r->line, 1,
                         "expected the lineup of one of the match's teams, found \"%s\"",
                         lu->team);
    int64_t ids[TL_FT_MAX_LINEUP];
    for (int i = 0; i < lu->nplayers; i++) {
        const struct tl_ft_player *p = &lu->players[i];
        int changed;
        if ((rc = player(c, p->name, tid, NULL, c->match_date, r->line, &ids[i], err)) ||
            (rc = tl_store_put_lineup(c->s,
                                      &(struct tl_lineup_write){.match_id = c->match_id,
                                                                .team_id = tid,
                                                                .player_id = ids[i],
                                                                .starter = p->starter,
                                                                .captain = p->captain,
                                                                .shirt = TL_NONE,
                                                                .source_id = c->src,
                                                                .source_line = r->line,
                                                                .ord = c->lineup_ord++},
                                      &changed, err)))
            return rc;
        count_change(c, changed);
        c->st->lineup_players++;
        if (!p->starter && p->replaced >= 0 && p->replaced < i) {
            rc = put_event(c, TL_EV_SUBSTITUTION, side, p->on_minute, p->on_added, ids[i],
                           ids[p->replaced], NULL, 0, r->line, err);
            if (rc) return rc;
            c->st->substitutions++;
        }
        for (int b = 0; b < p->nbookings; b++) {
            const struct tl_ft_booking *bk = &p->bookings[b];
            enum tl_event_kind k = bk->card == TL_FT_YELLOW ? TL_EV_YELLOW
                                   : bk->card == TL_FT_RED  ? TL_EV_RED
                                                            : TL_EV_SECOND_YELLOW;
            rc = put_event(c, k, side, bk->minute, bk->added, ids[i], 0, NULL, 0, r->line, err);
            if (rc) return rc;
            c->st->cards++;
        }
    }
    return TL_OK;
}

static tl_rc on_referees(struct ctx *c, const struct tl_ft_record *r, struct tl_error *err)
{
    if (!c->match_id || r->u.refs.n == 0) return TL_OK;
    char ref[300], name[256];
    tl_name_pretty(r->u.refs.name[0], name, sizeof name);
    if (r->u.refs.nation[0])
        snprintf(ref, sizeof ref, "%s (%s)", name, r->u.refs.nation[0]);
    else
        snprintf(ref, sizeof ref, "%s", name);
    return tl_store_set_referee(c->s, c->match_id, ref, err);
}

static tl_rc on_shootout(struct ctx *c, const struct tl_ft_record *r, struct tl_error *err)
{
    const struct tl_ft_shootout *so = &r->u.shootout;
    if (!c->match_id || !c->team_id[0] || !c->team_id[1] || so->nkicks == 0) return TL_OK;
    tl_rc rc = tl_store_set_first_kicker(c->s, c->match_id, c->team_id[so->kicks[0].side], err);
    for (int k = 0; !rc && k < so->nkicks; k++) {
        const struct tl_ft_kick *kick = &so->kicks[k];
        int64_t pid;
        rc = player(c, kick->player, c->team_id[kick->side], NULL, c->match_date, r->line, &pid,
                    err);
        if (!rc)
            rc = put_event(c, TL_EV_SHOOTOUT_KICK, kick->side, TL_NONE, 0, pid, 0,
                           kick->scored ? "scored" : "missed", k + 1, r->line, err);
        c->st->kicks++;
    }
    return rc;
}

static tl_rc on_squad_player(struct ctx *c, const struct tl_ft_record *r, struct tl_error *err)
{
    if (!c->edition_id) return TL_OK;
    /* names as of the tournament's first match (Serbia and Montenegro ended
     * 2006-06-21, in the middle of the 2006 World Cup) */
    if (!c->edition_start[0] &&
        tl_store_edition_start(c->s, c->edition_id, c->competition_id, c->edition_year,
                               c->edition_start, err) != TL_OK)
        snprintf(c->edition_start, sizeof c->edition_start, "%.4s-07-01", c->edition_year);
    const char *date = c->edition_start;
    int64_t tid, pid;
    int changed;
    tl_rc rc = team(c, r->u.squad_player.team, date, r->line, &tid, err);
    if (!rc)
        rc = player(c, r->u.squad_player.name, tid, r->u.squad_player.birth, date, r->line, &pid,
                    err);
    if (!rc)
        rc = tl_store_put_squad(c->s, c->edition_id, tid, pid, r->u.squad_player.number,
                                r->u.squad_player.position, c->src, r->line, &changed, err);
    if (!rc) {
        count_change(c, changed);
        c->st->squad_players++;
    }
    return rc;
}

/* ---- the files read ahead ----
 *
 * Reading the records (tl_ft_next) is a sixteenth of a World Cup load, and
 * nothing in it waits for the store: with a second core, a thread reads
 * every file, in order, into a ring of AHEAD records, each with its own
 * block for its strings (tl_ft_next_into), while the load stores the ones
 * before. One thread writes the ring, one reads it: each side moves its
 * own counter (head: records read, tail: records taken) and sleeps on the
 * condition only when the ring is full or empty, saying so first (a flag
 * the other side checks after each move). */

#define AHEAD 64

struct slot {
    struct tl_ft_record rec;
    char *arena;
    tl_rc rc; /* TL_OK, TL_EOF at the end of a file, or tl_ft_next's error */
    struct tl_error err;
    struct names names; /* the forms of its players' names, made by the reader */
    char *forms;        /* NAMES_MAX * 512 bytes for them */
};

_Static_assert(NAMES_MAX >= TL_FT_MAX_GOALS && NAMES_MAX >= TL_FT_MAX_KICKS,
               "a record's names fit in struct names");

/* The forms of the players' names of the slot's record (on the reading
 * thread: the loader's thread then only looks them up, player()). */
static void make_forms(struct slot *sl)
{
    const struct tl_ft_record *r = &sl->rec;
    struct names *nm = &sl->names;
    const char *v[NAMES_MAX];
    int n = 0;
    if (r->kind == TL_FT_MATCH)
        for (int i = 0; i < r->u.match.ngoals; i++) v[n++] = r->u.match.goals[i].player;
    else if (r->kind == TL_FT_LINEUP)
        for (int i = 0; i < r->u.lineup.nplayers; i++) v[n++] = r->u.lineup.players[i].name;
    else if (r->kind == TL_FT_SHOOTOUT)
        for (int i = 0; i < r->u.shootout.nkicks; i++) v[n++] = r->u.shootout.kicks[i].player;
    else if (r->kind == TL_FT_SQUAD_PLAYER)
        v[n++] = r->u.squad_player.name;
    char *b = sl->forms;
    nm->n = 0;
    for (int i = 0; i < n; i++) {
        if (!v[i] || (nm->n && nm->raw[nm->n - 1] == v[i])) continue; /* (a scorer's next goal) */
        char tidy[256], folded[256];
        tl_name_forms_make(v[i], tidy, folded);
        size_t a = strlen(tidy) + 1, f = strlen(folded) + 1;
        memcpy(b, tidy, a);
        memcpy(b + a, folded, f);
        nm->raw[nm->n] = v[i];
        nm->forms[nm->n++] = (struct tl_name_forms){b, b + a};
        b += a + f;
    }
}

struct ahead {
    struct slot *slot;
    char **bufs;
    size_t *lens;
    char *const *paths;
    size_t nfiles;
    size_t head, tail;      /* (atomic) records read, records taken */
    int stop;               /* (atomic) the reader stops */
    int sleeping[3];        /* (atomic) [1] the reader sleeps, [2] the taker does */
    int taken;              /* the taker holds slot tail */
    pthread_mutex_t mu;
    pthread_cond_t cv;
    pthread_t thread;
};

static void ahead_wake(struct ahead *a, int who)
{
    if (__atomic_load_n(&a->sleeping[who], __ATOMIC_SEQ_CST)) {
        pthread_mutex_lock(&a->mu);
        pthread_cond_broadcast(&a->cv);
        pthread_mutex_unlock(&a->mu);
    }
}

/* Wait (as who) until ready(a) holds. */
static void ahead_wait(struct ahead *a, int who, int (*ready)(struct ahead *))
{
    for (int spin = 0; spin < 64; spin++) {
        if (ready(a)) return;
        sched_yield();
    }
    pthread_mutex_lock(&a->mu);
    __atomic_store_n(&a->sleeping[who], 1, __ATOMIC_SEQ_CST);
    while (!ready(a)) pthread_cond_wait(&a->cv, &a->mu);
    __atomic_store_n(&a->sleeping[who], 0, __ATOMIC_SEQ_CST);
    pthread_mutex_unlock(&a->mu);
}

static int room(struct ahead *a)
{
    return __atomic_load_n(&a->stop, __ATOMIC_SEQ_CST) ||
           a->head - __atomic_load_n(&a->tail, __ATOMIC_SEQ_CST) < AHEAD;
}

static int filled(struct ahead *a)
{
    return __atomic_load_n(&a->head, __ATOMIC_SEQ_CST) != a->tail;
}

static void *ahead_main(void *arg)
{
    struct ahead *a = arg;
    for (size_t f = 0; f < a->nfiles; f++) {
        struct tl_ft_reader rd;
        tl_ft_init(&rd, a->bufs[f], a->lens[f], a->paths[f]);
        tl_rc rc;
        do {
            ahead_wait(a, 1, room);
            if (__atomic_load_n(&a->stop, __ATOMIC_SEQ_CST)) {
                tl_ft_free(&rd);
                return NULL;
            }
            struct slot *sl = &a->slot[a->head % AHEAD];
            rc = sl->rc = tl_ft_next_into(&rd, &sl->rec, sl->arena, &sl->err);
            if (rc == TL_OK) make_forms(sl);
            __atomic_store_n(&a->head, a->head + 1, __ATOMIC_SEQ_CST);
            ahead_wake(a, 2);
        } while (rc == TL_OK || rc == TL_EPARSE || rc == TL_ELIMIT);
        tl_ft_free(&rd);
        if (rc != TL_EOF) break; /* out of memory: the taker stops there */
    }
    return NULL;
}

static void ahead_end(struct ahead *a)
{
    if (!a->slot) return;
    __atomic_store_n(&a->stop, 1, __ATOMIC_SEQ_CST);
    ahead_wake(a, 1);
    pthread_join(a->thread, NULL);
    for (size_t i = 0; i < AHEAD; i++) {
        tl_free(a->slot[i].arena);
        tl_free(a->slot[i].forms);
    }
    tl_free(a->slot);
    pthread_mutex_destroy(&a->mu);
    pthread_cond_destroy(&a->cv);
    a->slot = NULL;
}

/* Start reading the files ahead: 0, or -1 when it does not (one core, or
 * TOUCHLINE_READ_AHEAD=0; =1 reads ahead on one core too) or cannot (no
 * memory or thread for it): the files are then read in turn. */
static int ahead_start(struct ahead *a, char **bufs, size_t *lens, char *const *paths, size_t n)
{
    memset(a, 0, sizeof *a);
    const char *env = getenv("TOUCHLINE_READ_AHEAD");
    if (env && *env ? strcmp(env, "0") == 0 : sysconf(_SC_NPROCESSORS_ONLN) < 2) return -1;
    if (!(a->slot = tl_calloc(AHEAD, sizeof *a->slot))) return -1;
    for (size_t i = 0; i < AHEAD; i++)
        if (!(a->slot[i].arena = tl_ft_arena_new()) ||
            !(a->slot[i].forms = tl_malloc((size_t)NAMES_MAX * 512)))
            goto fail;
    a->bufs = bufs;
    a->lens = lens;
    a->paths = paths;
    a->nfiles = n;
    pthread_mutex_init(&a->mu, NULL);
    pthread_cond_init(&a->cv, NULL);
    if (pthread_create(&a->thread, NULL, ahead_main, a) == 0) return 0;
    pthread_mutex_destroy(&a->mu);
    pthread_cond_destroy(&a->cv);
fail:
    for (size_t i = 0; i < AHEAD; i++) {
        tl_free(a->slot[i].arena);
        tl_free(a->slot[i].forms);
    }
    tl_free(a->slot);
    a->slot = NULL;
    return -1;
}

/* The next record of the file being read; the one taken before is given
 * back (its strings are gone). */
static tl_rc ahead_next(struct ahead *a, struct tl_ft_record **rec, const struct names **names,
                        struct tl_error *err)
{
    if (a->taken) {
        __atomic_store_n(&a->tail, a->tail + 1, __ATOMIC_SEQ_CST);
        ahead_wake(a, 1);
    }
    a->taken = 1;
    ahead_wait(a, 2, filled);
    struct slot *sl = &a->slot[a->tail % AHEAD];
    *rec = &sl->rec;
    *names = &sl->names;
    if (sl->rc != TL_OK && sl->rc != TL_EOF) *err = sl->err;
    return sl->rc;
}

static tl_rc load_one(struct ctx *c, const char *path, const char *buf, size_t len,
                      struct ahead *a, struct tl_error *err)
{
    struct tl_ft_reader rd;
    struct tl_ft_record *rec = NULL;
    if (!a->slot) {
        tl_ft_init(&rd, buf, len, path);
        if (!(rec = tl_malloc(sizeof *rec))) {
            tl_ft_free(&rd);
            return tl_err(err, TL_ENOMEM, "out of memory");
        }
    }
    tl_rc rc;
    for (;;) {
        if (a->slot) {
            rc = ahead_next(a, &rec, &c->names, err);
        } else {
            rc = tl_ft_next(&rd, rec, err);
        }
        if (rc == TL_EOF) {
            rc = TL_OK;
            break;
        }
        if (rc == TL_EPARSE || rc == TL_ELIMIT) {
            if (!c->o->skip_bad) break;
            c->st->skipped++;
            if (c->o->report) {
                char msg[1200];
                tl_err_format(err, msg, sizeof msg);
                fprintf(c->o->report, "%s (line skipped)\n", msg);
            }
            continue;
        }
        if (rc) break;
        /* for messages from the handlers (an error they handled, tl_err,
         * may have cleared it) */
        if (strcmp(err->file, path) != 0) snprintf(err->file, sizeof err->file, "%s", path);
        switch (rec->kind) {
        case TL_FT_EDITION: rc = on_edition(c, rec, err); break;
        case TL_FT_STAGE: rc = on_stage(c, rec, err); break;
        case TL_FT_ROUND_DEF: rc = on_round_def(c, rec); break;
        case TL_FT_MATCH: rc = on_match(c, rec, err); break;
        case TL_FT_LINEUP: rc = on_lineup(c, rec, err); break;
        case TL_FT_REFEREES: rc = on_referees(c, rec, err); break;
        case TL_FT_SHOOTOUT: rc = on_shootout(c, rec, err); break;
        case TL_FT_SQUAD_PLAYER: rc = on_squad_player(c, rec, err); break;
        default: break; /* group and round definitions, squad headings: context only */
        }
        if (rc) break;
    }
    if (!a->slot) {
        tl_free(rec);
        tl_ft_free(&rd);
    }
    return rc;
}

/* The aliases every import knows, so that "USA" finds United States. */
static tl_rc seed_aliases(tl_store *s, struct tl_error *err)
{
    int64_t src;
    tl_rc rc = tl_store_source(s, "touchline", "aliases", "(built in)", &src, err);
    for (size_t i = 0; !rc && i < tl_nteam_aliases; i++) {
        const struct tl_alias *a = &tl_team_aliases[i];
        int64_t team_id;
        int changed;
        rc = tl_store_team(s, a->name, src, 0, &team_id, err);
        if (!rc) rc = tl_store_alias(s, team_id, a->alias, a->from, a->to, src, &changed, err);
    }
    return rc;
}

tl_rc tl_load_football_txt(tl_store *s, const char *const *paths, size_t npaths,
                           const struct tl_load_opts *o, struct tl_ftload_stats *st,
                           struct tl_error *err)
{
    struct tl_files f = {0};
    char **bufs = NULL;
    size_t *lens = NULL;
    tl_rc rc = TL_OK;
    int began = 0;
    struct ahead ahead = {0};
    double t0 = tl_now();
    memset(st, 0, sizeof *st);
    for (size_t i = 0; i < npaths && !rc; i++) {
        struct stat sb;
        if (stat(paths[i], &sb) != 0)
            rc = tl_err_at(err, TL_ENOTFOUND, paths[i], 0, 0, "no such file or folder");
        else if (S_ISDIR(sb.st_mode)) {
            size_t before = f.n;
            rc = tl_files_walk(&f, paths[i], wanted, err);
            if (!rc && f.n == before)
                rc = tl_err_at(err, TL_ENOTFOUND, paths[i], 0, 0,
                               "no football.txt files here (cup.txt, cup_finals.txt, "
                               "*_full.txt, *_squads.txt)");
            if (!rc && f.n > before) qsort(f.v + before, f.n - before, sizeof *f.v, cmp_files);
        } else {
            rc = tl_files_add(&f, paths[i], err);
        }
    }
    if (rc) goto out;
    bufs = tl_calloc(f.n, sizeof *bufs);
    lens = tl_calloc(f.n, sizeof *lens);
    if (!bufs || !lens) {
        rc = tl_err(err, TL_ENOMEM, "out of memory");
        goto out;
    }
    uint64_t total = 0, done = 0;
    for (size_t i = 0; i < f.n && !rc; i++) {
        rc = tl_read_file(f.v[i], (size_t)1 << 28, &bufs[i], &lens[i], err);
        total += lens[i];
    }
    if (rc) goto out;
    ahead_start(&ahead, bufs, lens, f.v, f.n); /* (or not: then read in turn) */
    if ((rc = tl_store_begin(s, err))) goto out;
    began = 1;
    /* lineups, squads, spellings, new events and players held back and written
     * in batches (store/pending.c) */
    if ((rc = tl_store_defer(s)) || (rc = seed_aliases(s, err))) goto out;
    struct tl_progress bar;
    tl_progress_start(&bar, "importing football.txt", total, 1.0);
    if (!o->progress) bar.enabled = 0;
    for (size_t i = 0; i < f.n && !rc; i++) {
        struct ctx c = {.s = s, .o = o, .st = st};
        rc = tl_store_source(s, "football.txt", tl_source_name(f.v[i]), f.v[i], &c.src, err);
        if (!rc) rc = tl_store_source_rank(s, c.src, source_rank(f.v[i]), err);
        if (!rc) rc = load_one(&c, f.v[i], bufs[i], lens[i], &ahead, err);
        st->files++;
        done += lens[i];
        tl_progress_update(&bar, done);
    }
    tl_progress_end(&bar);
    if (!rc) rc = tl_store_pick_primary(s, err);
    long moved = 0;
    if (!rc) rc = tl_store_split_namesakes(s, &moved, err);
    long unchanged = 0;
    if (!rc) rc = tl_store_settle(s, &unchanged, err);
    st->changed -= unchanged;
    if (!rc) rc = tl_store_commit(s, err);
out:
    ahead_end(&ahead);
    if (rc && began) tl_store_rollback(s);
    for (size_t i = 0; bufs && i < f.n; i++) tl_free(bufs[i]);
    tl_files_free(&f);
    tl_free(bufs);
    tl_free(lens);
    st->seconds = tl_now() - t0;
    return rc;
}
