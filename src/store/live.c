/* store/live.c: the live feed (migration 5): a match's state as events
 * arrive, the feed items in order, and idempotency keys. */
#include "store_int.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

static void now_utc(char out[32])
{
    time_t t = time(NULL);
    struct tm tm;
    strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", gmtime_r(&t, &tm));
}

tl_rc tl_store_live_state(tl_store *s, int64_t match_id, struct tl_live_state *out,
                          struct tl_error *err)
{
    memset(out, 0, sizeof *out);
    snprintf(out->phase, sizeof out->phase, "before");
    db_stmt *st = tl_store_cached(
        s, "SELECT period, phase, last_minute, last_added, ord FROM live_state WHERE match_id=?1",
        err);
    if (!st) return TL_ESTORE;
    db_bind_int64(st, 1, match_id);
    int r = db_step(st);
    if (r == SQLITE_ROW) {
        out->period = db_column_int(st, 0);
        snprintf(out->phase, sizeof out->phase, "%s", (const char *)db_column_text(st, 1));
        out->last_minute = db_column_int(st, 2);
        out->last_added = db_column_int(st, 3);
        out->ord = db_column_int(st, 4);
    }
    db_reset(st);
    return r == SQLITE_ROW || r == SQLITE_DONE ? TL_OK : tl_store_fail(s, err, "live state");
}

tl_rc tl_store_live_set_state(tl_store *s, int64_t match_id, const struct tl_live_state *v,
                              struct tl_error *err)
{
    db_stmt *st = tl_store_cached(
        s,
        "INSERT INTO live_state(match_id, period, phase, last_minute, last_added, ord)"
        " VALUES(?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT(match_id) DO UPDATE SET"
        " period=excluded.period, phase=excluded.phase, last_minute=excluded.last_minute,"
        " last_added=excluded.last_added, ord=excluded.ord",
        err);
    if (!st) return TL_ESTORE;
    db_bind_int64(st, 1, match_id);
    db_bind_int(st, 2, v->period);
    db_bind_text(st, 3, v->phase, -1, SQLITE_STATIC);
    db_bind_int(st, 4, v->last_minute);
    db_bind_int(st, 5, v->last_added);
    db_bind_int(st, 6, v->ord);
    int r = db_step(st);
    db_reset(st);
    return r == SQLITE_DONE ? TL_OK : tl_store_fail(s, err, "live state");
}

tl_rc tl_store_live_set_match(tl_store *s, int64_t match_id, const int score[2], const int *ht,
                              const int *ft, const int *aet, const char *status, const int *so,
                              int64_t so_winner, struct tl_error *err)
{
    db_stmt *st = tl_store_cached(
        s,
        "UPDATE matches SET score_home=?2, score_away=?3, status=?4,"
        " ht_home=CASE WHEN ?5 IS NULL THEN ht_home ELSE ?5 END,"
        " ht_away=CASE WHEN ?6 IS NULL THEN ht_away ELSE ?6 END,"
        " so_home=CASE WHEN ?7 IS NULL THEN so_home ELSE ?7 END,"
        " so_away=CASE WHEN ?8 IS NULL THEN so_away ELSE ?8 END,"
        " so_winner_id=CASE WHEN ?9 IS NULL THEN so_winner_id ELSE ?9 END,"
        " ft_home=CASE WHEN ?10 IS NULL THEN ft_home ELSE ?10 END,"
        " ft_away=CASE WHEN ?11 IS NULL THEN ft_away ELSE ?11 END,"
        " aet_home=CASE WHEN ?12 IS NULL THEN aet_home ELSE ?12 END,"
        " aet_away=CASE WHEN ?13 IS NULL THEN aet_away ELSE ?13 END WHERE id=?1",
        err);
    if (!st) return TL_ESTORE;
    db_bind_int64(st, 1, match_id);
    db_bind_int(st, 2, score[0]);
    db_bind_int(st, 3, score[1]);
    db_bind_text(st, 4, status, -1, SQLITE_STATIC);
    tl_bind_int(st, 5, ht ? ht[0] : TL_NONE);
    tl_bind_int(st, 6, ht ? ht[1] : TL_NONE);
    tl_bind_int(st, 7, so ? so[0] : TL_NONE);
    tl_bind_int(st, 8, so ? so[1] : TL_NONE);
    tl_bind_id(st, 9, so_winner);
    tl_bind_int(st, 10, ft ? ft[0] : TL_NONE);
    tl_bind_int(st, 11, ft ? ft[1] : TL_NONE);
    tl_bind_int(st, 12, aet ? aet[0] : TL_NONE);
    tl_bind_int(st, 13, aet ? aet[1] : TL_NONE);
    int r = db_step(st);
    db_reset(st);
    return r == SQLITE_DONE ? TL_OK : tl_store_fail(s, err, "live match");
}

tl_rc tl_store_feed_add(tl_store *s, int64_t match_id, int64_t competition_id, const char *kind,
                        const char *data, int64_t *seq, struct tl_error *err)
{
    char now[32];
    now_utc(now);
    db_stmt *st = tl_store_cached(
        s,
        "INSERT INTO live_feed(match_id, competition_id, kind, data, created_at)"
        " VALUES(?1, ?2, ?3, ?4, ?5)",
        err);
    if (!st) return TL_ESTORE;
    db_bind_int64(st, 1, match_id);
    tl_bind_id(st, 2, competition_id);
    db_bind_text(st, 3, kind, -1, SQLITE_STATIC);
    db_bind_text(st, 4, data, -1, SQLITE_STATIC);
    db_bind_text(st, 5, now, -1, SQLITE_STATIC);
    int r = db_step(st);
    db_reset(st);
    if (r != SQLITE_DONE) return tl_store_fail(s, err, "live feed");
    *seq = db_last_insert_rowid(s->db);
    return TL_OK;
}

tl_rc tl_store_feed(tl_store *s, int64_t match_id, int64_t competition_id, int64_t after,
                    void (*fn)(void *ctx, int64_t seq, const char *data), void *ctx,
                    struct tl_error *err)
{
    db_stmt *st = tl_store_cached(
        s,
        "SELECT seq, data FROM live_feed WHERE seq>?3 AND"
        " ((?1>0 AND match_id=?1) OR (?2>0 AND competition_id=?2)) ORDER BY seq",
        err);
    if (!st) return TL_ESTORE;
    db_bind_int64(st, 1, match_id);
    db_bind_int64(st, 2, competition_id);
    db_bind_int64(st, 3, after);
    int r;
    while ((r = db_step(st)) == SQLITE_ROW)
        fn(ctx, db_column_int64(st, 0), (const char *)db_column_text(st, 1));
    db_reset(st);
    return r == SQLITE_DONE ? TL_OK : tl_store_fail(s, err, "live feed");
}

tl_rc tl_store_feed_at(tl_store *s, int64_t match_id, const char *at, int *fed, char **data,
                       struct tl_error *err)
{
    *fed = 0;
    *data = NULL;
    db_stmt *st = tl_store_cached(
        s,
        "SELECT (SELECT data FROM live_feed WHERE match_id=?1 AND created_at<=?2"
        " AND kind<>'table' AND kind<>'milestone'"
        " ORDER BY seq DESC LIMIT 1), EXISTS(SELECT 1 FROM live_feed WHERE match_id=?1)",
        err);
    if (!st) return TL_ESTORE;
    db_bind_int64(st, 1, match_id);
    db_bind_text(st, 2, at, -1, SQLITE_STATIC);
    tl_rc rc = TL_OK;
    if (db_step(st) == SQLITE_ROW) {
        *fed = db_column_int(st, 1);
        if (db_column_type(st, 0) != SQLITE_NULL && !(*data = tl_store_col_dup(st, 0)))
            rc = tl_err(err, TL_ENOMEM, "out of memory");
    } else {
        rc = tl_store_fail(s, err, "live feed");
    }
    db_reset(st);
    return rc;
}

tl_rc tl_store_feed_all(tl_store *s, int64_t after,
                        void (*fn)(void *ctx, int64_t seq, int64_t match_id,
                                   int64_t competition_id, const char *kind, const char *data),
                        void *ctx, struct tl_error *err)
{
    db_stmt *st = tl_store_cached(s,
                                  "SELECT seq, match_id, coalesce(competition_id, 0), kind, data"
                                  " FROM live_feed WHERE seq>?1 ORDER BY seq",
                                  err);
    if (!st) return TL_ESTORE;
    db_bind_int64(st, 1, after);
    int r;
    while ((r = db_step(st)) == SQLITE_ROW)
        fn(ctx, db_column_int64(st, 0), db_column_int64(st, 1), db_column_int64(st, 2),
           (const char *)db_column_text(st, 3), (const char *)db_column_text(st, 4));
    db_reset(st);
    return r == SQLITE_DONE ? TL_OK : tl_store_fail(s, err, "live feed");
}

tl_rc tl_store_feed_has(tl_store *s, int64_t match_id, const char *kind, const char *data,
                        int *found, struct tl_error *err)
{
    db_stmt *st = tl_store_cached(
        s, "SELECT 1 FROM live_feed WHERE match_id=?1 AND kind=?2 AND data=?3 LIMIT 1", err);
    if (!st) return TL_ESTORE;
    db_bind_int64(st, 1, match_id);
    db_bind_text(st, 2, kind, -1, SQLITE_STATIC);
    db_bind_text(st, 3, data, -1, SQLITE_STATIC);
    int r = db_step(st);
    *found = r == SQLITE_ROW;
    db_reset(st);
    return r == SQLITE_ROW || r == SQLITE_DONE ? TL_OK : tl_store_fail(s, err, "live feed");
}

tl_rc tl_store_request_get(tl_store *s, const char *key, int64_t *seq, char **response,
                           int *found, struct tl_error *err)
{
    *found = 0;
    *response = NULL;
    db_stmt *st = tl_store_cached(s, "SELECT seq, response FROM live_requests WHERE key=?1", err);
    if (!st) return TL_ESTORE;
    db_bind_text(st, 1, key, -1, SQLITE_STATIC);
    int r = db_step(st);
    if (r == SQLITE_ROW) {
        *found = 1;
        *seq = db_column_int64(st, 0);
        *response = tl_store_col_dup(st, 1);
    }
    db_reset(st);
    if (r == SQLITE_ROW && !*response) return tl_err(err, TL_ENOMEM, "out of memory");
    return r == SQLITE_ROW || r == SQLITE_DONE ? TL_OK : tl_store_fail(s, err, "idempotency key");
}

tl_rc tl_store_request_put(tl_store *s, const char *key, int64_t match_id, int64_t seq,
                           const char *response, struct tl_error *err)
{
    char now[32];
    now_utc(now);
    db_stmt *st = tl_store_cached(
        s,
        "INSERT INTO live_requests(key, match_id, seq, response, created_at)"
        " VALUES(?1, ?2, ?3, ?4, ?5)",
        err);
    if (!st) return TL_ESTORE;
    db_bind_text(st, 1, key, -1, SQLITE_STATIC);
    db_bind_int64(st, 2, match_id);
    db_bind_int64(st, 3, seq);
    db_bind_text(st, 4, response, -1, SQLITE_STATIC);
    db_bind_text(st, 5, now, -1, SQLITE_STATIC);
    int r = db_step(st);
    db_reset(st);
    return r == SQLITE_DONE ? TL_OK : tl_store_fail(s, err, "idempotency key");
}
