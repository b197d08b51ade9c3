/* load/load.c: the international data set, from files to the store in one
 * transaction. Reads results first (so goals and shootouts can be linked by
 * date and teams), then former names, goals and shootouts. */
#include "touchline/load.h"

#include <signal.h>
#include <stdlib.h>
#include <string.h>

struct loader {
    tl_store *s;
    const struct tl_load_opts *o;
    struct tl_load_stats *st;
    struct tl_map match_by_key; /* "date|home|away" -> index into seen[] */
    struct seen {
        int64_t first_id; /* id of the first match with this key */
        int count;        /* matches with this key so far in results.csv */
    } *seen;
    size_t nseen, seen_alloc;
    int *ord;             /* match id -> goal events of this import so far */
    size_t ord_alloc;
    int64_t source[TL_INTL__COUNT];
    struct tl_progress bar;
    uint64_t bytes_before; /* bytes of the files already done */
    long kill_after;       /* test hook: SIGKILL ourselves after this many rows */
    long rows_done;
};

static size_t match_key(char *out, size_t cap, const char *date, const char *home,
                        const char *away)
{
    int n = snprintf(out, cap, "%s|%s|%s", date, home, away);
    return n < 0 ? 0 : (size_t)n >= cap ? cap - 1 : (size_t)n;
}

static tl_rc oom(struct tl_error *err) { return tl_err(err, TL_ENOMEM, "out of memory"); }

static void warn_unlinked(struct loader *L, const struct tl_prov *p, const char *what,
                          const char *date, const char *home, const char *away)
{
    L->st->unlinked++;
    if (L->o->report)
        fprintf(L->o->report,
                "%s:%ld: warning: no match %s %s v %s in results.csv; %s not linked\n", p->file,
                p->line, date, home, away, what);
}

static tl_rc on_match(struct loader *L, const struct tl_match_rec *cm, struct tl_error *err)
{
    struct tl_match_rec m = *cm;
    char key[512];
    size_t kn = match_key(key, sizeof key, m.date, m.home, m.away);
    int64_t *slot;
    int created;
    if (tl_map_slot(&L->match_by_key, key, kn, &slot, &created)) return oom(err);
    if (created) {
        if (L->nseen == L->seen_alloc) {
            size_t na = L->seen_alloc ? L->seen_alloc * 2 : 4096;
            struct seen *p = tl_realloc(L->seen, na * sizeof *p);
            if (!p) return oom(err);
            L->seen = p;
            L->seen_alloc = na;
        }
        *slot = (int64_t)L->nseen;
        L->seen[L->nseen++] = (struct seen){0, 0};
    }
    struct seen *sn = &L->seen[*slot];
    m.seq = sn->count++;

    int64_t src = L->source[TL_INTL_RESULTS];
    struct tl_match_write w = {.rec = &m, .source_id = src};
    tl_rc rc;
    if ((rc = tl_store_team(L->s, m.home, src, m.prov.line, &w.home_id, err)) ||
        (rc = tl_store_team(L->s, m.away, src, m.prov.line, &w.away_id, err)) ||
        (rc = tl_store_competition(L->s, m.tournament, src, m.prov.line, &w.competition_id, err)))
        return rc;
    int64_t id;
    int changed;
    if (!tl_store_matches_fresh(L->s) && m.seq == 0 &&
        (rc = tl_store_match_id(L->s, m.date, w.home_id, w.away_id, 0, &id, err)) == TL_ENOTFOUND) {
        /* another source may have stored this match first (the other way
         * round, or a day apart): complete it rather than add a twin */
        int home_first;
        rc = tl_store_match_near(L->s, m.date, w.home_id, w.away_id, 1, src, &id, &home_first,
                                 err);
        if (rc == TL_OK) {
            int h = home_first ? 0 : 1;
            int sc[2] = {m.score_home, m.score_away};
            struct tl_match_detail d = {
                .date = m.date,
                .home_id = h ? w.away_id : w.home_id,
                .away_id = h ? w.home_id : w.away_id,
                .competition_id = w.competition_id,
                .utc_offset = TL_NONE,
                .city = m.city,
                .attendance = TL_NONE,
                .status = m.score_home == TL_NONE ? "scheduled" : "finished",
                .score = {sc[h], sc[1 - h]},
                .ht = {TL_NONE, TL_NONE},
                .ft = {TL_NONE, TL_NONE},
                .aet = {TL_NONE, TL_NONE},
                .so = {TL_NONE, TL_NONE},
                .goals_listed = TL_NONE,
                .source_id = src,
                .source_line = m.prov.line,
            };
            rc = tl_store_merge_match(L->s, id, &d, &changed, err);
            if (rc) return rc;
            sn->first_id = id; /* goals and shootouts of this row link here */
            L->st->changed[TL_INTL_RESULTS] += changed;
            return TL_OK;
        }
        if (rc != TL_ENOTFOUND) return rc;
    }
    if (rc == TL_ESTORE) return rc; /* the look-up failed */
    rc = tl_store_put_match(L->s, &w, &id, &changed, err);
    if (rc) return rc;
    if (m.seq == 0) sn->first_id = id;
    L->st->changed[TL_INTL_RESULTS] += changed;
    return TL_OK;
}

/* Find the match of a goal or shootout row: this import's results first,
 * then the database. */
static tl_rc link_match(struct loader *L, const char *date, const char *home, const char *away,
                        int64_t src, long line, int64_t *home_id, int64_t *away_id, int64_t *id,
                        struct tl_error *err)
{
    char key[512];
    size_t kn = match_key(key, sizeof key, date, home, away);
    tl_rc rc;
    if ((rc = tl_store_team(L->s, home, src, line, home_id, err)) ||
        (rc = tl_store_team(L->s, away, src, line, away_id, err)))
        return rc;
    int64_t at;
    if (tl_map_get(&L->match_by_key, key, kn, &at)) {
        *id = L->seen[at].first_id;
        return TL_OK;
    }
    return tl_store_match_id(L->s, date, *home_id, *away_id, 0, id, err);
}

static tl_rc on_goal(struct loader *L, const struct tl_goal_rec *g, struct tl_error *err)
{
    int64_t src = L->source[TL_INTL_GOALS];
    int64_t home_id, away_id, match_id;
    tl_rc rc = link_match(L, g->date, g->home, g->away, src, g->prov.line, &home_id, &away_id,
                          &match_id, err);
    if (rc == TL_ENOTFOUND) {
        warn_unlinked(L, &g->prov, "goal", g->date, g->home, g->away);
        return TL_OK;
    }
    if (rc) return rc;
    int64_t team_id = strcmp(g->team, g->home) == 0 ? home_id : away_id;
    /* an own goal's scorer plays for the other side */
    int64_t player_team = g->own_goal ? (team_id == home_id ? away_id : home_id) : team_id;
    struct tl_event_write w = {
        .match_id = match_id,
        .date = g->date,
        .kind = g->own_goal ? TL_EV_OWN_GOAL : g->penalty ? TL_EV_PENALTY_GOAL : TL_EV_GOAL,
        .minute = g->minute,
        .added = g->added,
        .team_id = team_id,
        .source_id = src,
        .source_line = g->prov.line,
    };
    if (g->scorer &&
        (rc = tl_store_player(L->s, g->scorer, player_team, src, g->prov.line, &w.player_id, err)))
        return rc;
    /* match ids are SQLite rowids: dense, so an array indexed by id counts goals */
    if (match_id <= 0 || match_id > 100000000)
        return tl_err_at(err, TL_ESTORE, g->prov.file, g->prov.line, 0,
                         "match id %lld out of the range this importer handles",
                         (long long)match_id);
    if ((size_t)match_id >= L->ord_alloc) {
        size_t na = L->ord_alloc ? L->ord_alloc : 65536;
        while (na <= (size_t)match_id) na *= 2;
        int *p = tl_realloc(L->ord, na * sizeof *p);
        if (!p) return oom(err);
        memset(p + L->ord_alloc, 0, (na - L->ord_alloc) * sizeof *p);
        L->ord = p;
        L->ord_alloc = na;
    }
    w.ord = L->ord[match_id]++;
    int changed;
    rc = tl_store_put_event(L->s, &w, &changed, err);
    if (rc) return rc;
    L->st->changed[TL_INTL_GOALS] += changed;
    return TL_OK;
}

static tl_rc on_shootout(struct loader *L, const struct tl_shootout_rec *so, struct tl_error *err)
{
    int64_t src = L->source[TL_INTL_SHOOTOUTS];
    int64_t home_id, away_id, match_id;
    tl_rc rc = link_match(L, so->date, so->home, so->away, src, so->prov.line, &home_id, &away_id,
                          &match_id, err);
    if (rc == TL_ENOTFOUND) {
        warn_unlinked(L, &so->prov, "shootout", so->date, so->home, so->away);
        return TL_OK;
    }
    if (rc) return rc;
    int64_t winner = strcmp(so->winner, so->home) == 0 ? home_id : away_id;
    int64_t first = !so->first_shooter                      ? 0
                    : strcmp(so->first_shooter, so->home) == 0 ? home_id
                                                               : away_id;
    int changed;
    rc = tl_store_set_shootout(L->s, match_id, winner, first, src, so->prov.line, &changed, err);
    if (rc) return rc;
    L->st->changed[TL_INTL_SHOOTOUTS] += changed;
    return TL_OK;
}

static tl_rc on_former(struct loader *L, const struct tl_former_name_rec *f, struct tl_error *err)
{
    int64_t src = L->source[TL_INTL_FORMER_NAMES];
    int64_t team_id;
    tl_rc rc = tl_store_team(L->s, f->current, src, f->prov.line, &team_id, err);
    if (rc) return rc;
    int changed;
    rc = tl_store_former_name(L->s, team_id, f->former, f->start, f->end, src, f->prov.line,
                              &changed, err);
    if (rc) return rc;
    int64_t other;
    if (!tl_store_matches_fresh(L->s) &&
        tl_store_team_folded(L->s, f->former, team_id, &other, err) == TL_OK) {
        if ((rc = tl_store_merge_team(L->s, other, team_id, err))) return rc;
        changed = 1;
        if (L->o->report)
            fprintf(L->o->report, "%s:%ld: note: team \"%s\" is %s's former name; merged\n",
                    f->prov.file, f->prov.line, f->former, f->current);
    }
    L->st->changed[TL_INTL_FORMER_NAMES] += changed;
    return TL_OK;
}

static tl_rc load_file(struct loader *L, enum tl_intl_kind kind, const char *path,
                       const char *buf, size_t len, struct tl_error *err)
{
    struct tl_intl_reader r;
    tl_rc rc = tl_intl_open(&r, kind, buf, len, path, err);
    if (rc) return rc;
    struct tl_intl_record rec;
    for (;;) {
        rc = tl_intl_next(&r, &rec, err);
        if (rc == TL_EOF) { rc = TL_OK; break; }
        if (rc == TL_EPARSE || rc == TL_ELIMIT) {
            if (!L->o->skip_bad) break;
            L->st->skipped++;
            if (L->o->report) {
                char msg[1200];
                tl_err_format(err, msg, sizeof msg);
                fprintf(L->o->report, "%s (row skipped)\n", msg);
            }
            continue;
        }
        if (rc) break;
        switch (kind) {
        case TL_INTL_RESULTS: rc = on_match(L, &rec.u.match, err); break;
        case TL_INTL_GOALS: rc = on_goal(L, &rec.u.goal, err); break;
        case TL_INTL_SHOOTOUTS: rc = on_shootout(L, &rec.u.shootout, err); break;
        case TL_INTL_FORMER_NAMES: rc = on_former(L, &rec.u.former, err); break;
        default: rc = tl_err(err, TL_EUSAGE, "unknown file kind"); break;
        }
        if (rc) break;
        L->st->rows[kind]++;
        if (L->kill_after && ++L->rows_done >= L->kill_after) raise(SIGKILL);
        if (L->bar.enabled) tl_progress_update(&L->bar, L->bytes_before + tl_intl_pos(&r));
    }
    L->bytes_before += len;
    tl_intl_close(&r);
    return rc;
}

tl_rc tl_load_international(tl_store *s, const char *dir, const struct tl_load_opts *o,
                            struct tl_load_stats *st, struct tl_error *err)
{
    /* former names first: a team another source created under an old name
     * ("Soviet Union") becomes part of the current one before results link */
    static const enum tl_intl_kind order[TL_INTL__COUNT] = {
        TL_INTL_FORMER_NAMES, TL_INTL_RESULTS, TL_INTL_GOALS, TL_INTL_SHOOTOUTS};
    struct loader L = {.s = s, .o = o, .st = st};
    char path[TL_INTL__COUNT][4096];
    char *buf[TL_INTL__COUNT] = {0};
    size_t len[TL_INTL__COUNT] = {0};
    uint64_t total = 0;
    tl_rc rc = TL_OK;
    int began = 0;
    double t0 = tl_now();

    memset(st, 0, sizeof *st);
    tl_map_init(&L.match_by_key);
    const char *kill = getenv("TOUCHLINE_TEST_KILL_AFTER_ROWS");
    if (kill) L.kill_after = atol(kill);

    for (int k = 0; k < TL_INTL__COUNT; k++) {
        tl_path_join(path[k], sizeof path[k], dir, tl_intl_file_name((enum tl_intl_kind)k));
        rc = tl_read_file(path[k], (size_t)1 << 30, &buf[k], &len[k], err);
        if (rc == TL_ENOTFOUND)
            rc = tl_err_at(err, rc, path[k], 0, 0,
                           "missing: the international data set needs results.csv, "
                           "goalscorers.csv, shootouts.csv and former_names.csv "
                           "(get them with 'touchline fetch')");
        if (rc) goto out;
        total += len[k];
    }
    if ((rc = tl_store_begin(s, err))) goto out;
    began = 1;
    /* matches and goals into empty tables held back and written in batches
     * (store/pending.c) */
    if ((rc = tl_store_bulk(s, err)) || (rc = tl_store_defer(s))) goto out;
    for (int k = 0; k < TL_INTL__COUNT; k++)
        if ((rc = tl_store_source(s, "international", tl_intl_file_name((enum tl_intl_kind)k),
                                  path[k], &L.source[k], err)))
            goto out;
    if (o->progress) tl_progress_start(&L.bar, "importing international", total, 1.0);
    for (int i = 0; i < TL_INTL__COUNT; i++) {
        enum tl_intl_kind k = order[i];
        if ((rc = load_file(&L, k, path[k], buf[k], len[k], err))) goto out;
        if (k == TL_INTL_GOALS &&
            (rc = tl_store_prune_events(s, L.source[k], L.ord, L.ord_alloc, &st->removed, err)))
            goto out;
    }
    rc = tl_store_pick_primary(s, err); /* goals other sources also list */
    long moved = 0;
    if (!rc) rc = tl_store_split_namesakes(s, &moved, err);
    long unchanged = 0;
    if (!rc) rc = tl_store_settle(s, &unchanged, err);
    /* (0 here: the rows held are new rows of empty tables, each a change) */
    st->changed[TL_INTL_GOALS] -= unchanged;
    if (!rc) rc = tl_store_commit(s, err);
out:
    if (o->progress) tl_progress_end(&L.bar);
    if (rc && began) tl_store_rollback(s);
    for (int k = 0; k < TL_INTL__COUNT; k++) tl_free(buf[k]);
    tl_map_free(&L.match_by_key);
    tl_free(L.seen);
    tl_free(L.ord);
    st->seconds = tl_now() - t0;
    return rc;
}
