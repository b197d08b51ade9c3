/* store/detail.c: the writes of detailed sources (football.txt today):
 * editions, stages and groups, merging a match known from another source,
 * per-source match versions, players with birth dates, lineups, squads,
 * and which source's goals count when several list them. */
#include "store_int.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

/* One-off statements: prepared through the store's cache. */
static db_stmt *q(tl_store *s, const char *sql, struct tl_error *err)
{
    return tl_store_cached(s, sql, err);
}

/* Step a statement that returns nothing. */
static tl_rc done(tl_store *s, db_stmt *st, const char *what, struct tl_error *err)
{
    int r = db_step(st);
    db_reset(st);
    if (r != SQLITE_DONE) return tl_store_fail(s, err, what);
    return TL_OK;
}

/* Step a look-up of one id: 1 found, 0 none, -1 error. */
static int one_id(db_stmt *st, int64_t *id)
{
    int r = db_step(st);
    int out = r == SQLITE_ROW ? 1 : r == SQLITE_DONE ? 0 : -1;
    if (out == 1) *id = db_column_int64(st, 0);
    db_reset(st);
    return out;
}

tl_rc tl_store_source_rank(tl_store *s, int64_t source_id, int rank, struct tl_error *err)
{
    db_stmt *st = q(s, "UPDATE sources SET rank=?2 WHERE id=?1 AND rank IS NOT ?2", err);
    if (!st) return TL_ESTORE;
    db_bind_int64(st, 1, source_id);
    db_bind_int(st, 2, rank);
    tl_rc rc = done(s, st, "source rank", err);
    /* a stored source's lists weigh differently now (a new one's events
     * are all written in this transaction: their matches are weighed) */
    char key[8];
    int64_t is_new = 0;
    memcpy(key, &source_id, sizeof key);
    if (!rc && db_changes(s->db) > 0 &&
        !(tl_map_get(&s->new_sources, key, sizeof key, &is_new) && is_new))
        s->primary_all = 1;
    return rc;
}

/* Get-or-create a named child row (edition of a competition, ...). */
static tl_rc child(tl_store *s, const char *get, const char *ins, int64_t parent, const char *name,
                   const char *extra, int ord, int64_t src, long line, int64_t *id,
                   struct tl_error *err)
{
    db_stmt *st = q(s, get, err);
    if (!st) return TL_ESTORE;
    db_bind_int64(st, 1, parent);
    db_bind_text(st, 2, name, -1, SQLITE_STATIC);
    int r = one_id(st, id);
    if (r < 0) return tl_store_fail(s, err, "look-up");
    if (r) return TL_OK;
    st = q(s, ins, err);
    if (!st) return TL_ESTORE;
    db_bind_int64(st, 1, parent);
    db_bind_text(st, 2, name, -1, SQLITE_STATIC);
    tl_bind_id(st, 3, src);
    db_bind_int64(st, 4, line);
    if (extra) db_bind_text(st, 5, extra, -1, SQLITE_STATIC);
    db_bind_int(st, 6, ord);
    tl_rc rc = done(s, st, "insert", err);
    if (!rc) *id = db_last_insert_rowid(s->db);
    return rc;
}

tl_rc tl_store_edition(tl_store *s, int64_t competition_id, const char *name, int64_t src,
                       long line, int64_t *id, struct tl_error *err)
{
    return child(s, "SELECT id FROM editions WHERE competition_id=?1 AND name=?2",
                 "INSERT INTO editions(competition_id, name, source_id, source_line)"
                 " VALUES(?1,?2,?3,?4)",
                 competition_id, name, NULL, 0, src, line, id, err);
}

tl_rc tl_store_stage(tl_store *s, int64_t edition_id, const char *name, const char *kind, int ord,
                     int64_t src, long line, int64_t *id, struct tl_error *err)
{
    return child(s, "SELECT id FROM stages WHERE edition_id=?1 AND name=?2",
                 "INSERT INTO stages(edition_id, name, source_id, source_line, kind, ord)"
                 " VALUES(?1,?2,?3,?4,?5,?6)",
                 edition_id, name, kind, ord, src, line, id, err);
}

tl_rc tl_store_group(tl_store *s, int64_t stage_id, const char *name, int64_t src, long line,
                     int64_t *id, struct tl_error *err)
{
    return child(s, "SELECT id FROM stage_groups WHERE stage_id=?1 AND name=?2",
                 "INSERT INTO stage_groups(stage_id, name, source_id, source_line)"
                 " VALUES(?1,?2,?3,?4)",
                 stage_id, name, NULL, 0, src, line, id, err);
}

/* The day of a stored YYYY-MM-DD as SQLite's julianday() counts it: any
 * day 1-31 of any month (February 30 is two days after February 28),
 * LONG_MIN where it has none. */
static long day_number(const char *s)
{
    int v[3] = {0, 0, 0};
    const int start[3] = {0, 5, 8}, len[3] = {4, 2, 2};
    if (strlen(s) != 10 || s[4] != '-' || s[7] != '-') return LONG_MIN;
    for (int f = 0; f < 3; f++)
        for (int i = 0; i < len[f]; i++) {
            char c = s[start[f] + i];
            if (c < '0' || c > '9') return LONG_MIN;
            v[f] = v[f] * 10 + (c - '0');
        }
    if (v[1] < 1 || v[1] > 12 || v[2] < 1 || v[2] > 31) return LONG_MIN;
    return tl_date_days((struct tl_date){v[0], v[1], v[2]});
}

/* a candidate of tl_store_match_near: days -1 when its date is none */
struct near {
    int64_t id;
    int a_home;
    long days;
};
static int nearer(const struct near *x, const struct near *y)
{
    return x->days != y->days ? x->days < y->days : x->id < y->id;
}

tl_rc tl_store_match_near(tl_store *s, const char *date, int64_t a, int64_t b, int days,
                          int64_t source_id, int64_t *id, int *a_home, struct tl_error *err)
{
    /* this source's own reading of a match of these teams that day: the
     * same match, imported again */
    db_stmt *st = q(s,
                         "SELECT m.id, m.home_id=?2 FROM match_versions v JOIN matches m ON"
                         " m.id=v.match_id WHERE v.source_id=?4 AND v.date=?1 AND"
                         " ((m.home_id=?2 AND m.away_id=?3) OR (m.home_id=?3 AND m.away_id=?2))"
                         " LIMIT 1",
                         err);
    if (!st) return TL_ESTORE;
    db_bind_text(st, 1, date, -1, SQLITE_STATIC);
    db_bind_int64(st, 2, a);
    db_bind_int64(st, 3, b);
    db_bind_int64(st, 4, source_id);
    if (db_step(st) == SQLITE_ROW) {
        *id = db_column_int64(st, 0);
        *a_home = db_column_int(st, 1);
        db_reset(st);
        return TL_OK;
    }
    db_reset(st);
    /* otherwise a match this source does not describe yet (a replay the next
     * day is not the drawn match of the day before) */
    /* bounds computed here: SQLite uses bound values, not date() calls, as
     * the range of the (team, date) indexes */
    char lo[11], hi[11];
    if (tl_date_add(date, -days, lo) || tl_date_add(date, days, hi))
        return tl_err(err, TL_EUSAGE, "not a date: %s", date);
    /* the nearest day first, then the first stored; two equally near is
     * ambiguous. Ranked here, not by ORDER BY: SQLite sorted the one or
     * two rows in a sorter of its own at each of ~3,000 calls a load. */
    st = q(s,
           "SELECT id, home_id=?1, date FROM matches m WHERE ((home_id=?1 AND away_id=?2 AND date"
           " BETWEEN ?4 AND ?5) OR (home_id=?2 AND away_id=?1 AND date BETWEEN ?4 AND ?5)) AND"
           " source_id IS NOT ?3 AND NOT EXISTS(SELECT 1 FROM match_versions v WHERE"
           " v.match_id=m.id AND v.source_id=?3)",
           err);
    if (!st) return TL_ESTORE;
    db_bind_int64(st, 1, a);
    db_bind_int64(st, 2, b);
    db_bind_int64(st, 3, source_id);
    db_bind_text(st, 4, lo, -1, SQLITE_STATIC);
    db_bind_text(st, 5, hi, -1, SQLITE_STATIC);
    long day = day_number(date);
    struct near best[2] = {{0, 0, 0}, {0, 0, 0}};
    int found = 0, r;
    while ((r = db_step(st)) == SQLITE_ROW) {
        const char *d = (const char *)db_column_text(st, 2);
        long n = d ? day_number(d) : LONG_MIN;
        struct near c = {db_column_int64(st, 0), db_column_int(st, 1),
                         n == LONG_MIN ? -1 : labs(n - day)};
        if (found && nearer(&c, &best[0])) {
            best[1] = best[0];
            best[0] = c;
        } else if (found) {
            if (found == 1 || nearer(&c, &best[1])) best[1] = c;
        } else {
            best[0] = c;
        }
        if (found < 2) found++;
    }
    db_reset(st);
    if (r != SQLITE_DONE) return tl_store_fail(s, err, "match look-up");
    if (!found) return TL_ENOTFOUND;
    *id = best[0].id;
    *a_home = best[0].a_home;
    /* (a date SQLite's julianday() could not read ranked first, as NULL,
     * and counted as 0 days) */
    return found == 2 && (best[1].days < 0 ? 0 : best[1].days) ==
                             (best[0].days < 0 ? 0 : best[0].days)
               ? TL_EAMBIG
               : TL_OK;
}

static void bind_detail(db_stmt *st, const struct tl_match_detail *d)
{
    db_bind_text(st, 1, d->date, -1, SQLITE_STATIC);
    tl_bind_id(st, 2, d->home_id);
    tl_bind_id(st, 3, d->away_id);
    tl_bind_text(st, 4, d->home_slot);
    tl_bind_text(st, 5, d->away_slot);
    tl_bind_id(st, 6, d->competition_id);
    tl_bind_id(st, 7, d->edition_id);
    tl_bind_id(st, 8, d->stage_id);
    tl_bind_id(st, 9, d->group_id);
    tl_bind_int(st, 10, d->match_no > 0 ? d->match_no : TL_NONE);
    tl_bind_text(st, 11, d->kickoff && d->kickoff[0] ? d->kickoff : NULL);
    tl_bind_int(st, 12, d->utc_offset);
    tl_bind_text(st, 13, d->venue);
    tl_bind_text(st, 14, d->city);
    tl_bind_int(st, 15, d->attendance);
    tl_bind_text(st, 16, d->referee);
    db_bind_text(st, 17, d->status, -1, SQLITE_STATIC);
    tl_bind_int(st, 18, d->score[0]);
    tl_bind_int(st, 19, d->score[1]);
    tl_bind_int(st, 20, d->ht[0]);
    tl_bind_int(st, 21, d->ht[1]);
    tl_bind_int(st, 22, d->ft[0]);
    tl_bind_int(st, 23, d->ft[1]);
    tl_bind_int(st, 24, d->aet[0]);
    tl_bind_int(st, 25, d->aet[1]);
    tl_bind_int(st, 26, d->so[0]);
    tl_bind_int(st, 27, d->so[1]);
    tl_bind_id(st, 28, d->so_winner_id);
    tl_bind_id(st, 29, d->so_first_id);
    tl_bind_id(st, 30, d->source_id);
    db_bind_int64(st, 31, d->source_line);
}

tl_rc tl_store_add_match(tl_store *s, const struct tl_match_detail *d, int64_t *id,
                         struct tl_error *err)
{
    /* the next free seq for these teams that day keeps the natural key unique */
    db_stmt *st = q(s,
                         "INSERT INTO matches(date, home_id, away_id, home_slot, away_slot,"
                         " competition_id, edition_id, stage_id, group_id, match_no, kickoff,"
                         " utc_offset, venue, city, attendance, referee, status, score_home,"
                         " score_away, ht_home, ht_away, ft_home, ft_away, aet_home, aet_away,"
                         " so_home, so_away, so_winner_id, so_first_id, source_id, source_line,"
                         " so_source_id, so_source_line, seq) VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9,"
                         "?10,?11,?12,?13,?14,?15,?16,?17,?18,?19,?20,?21,?22,?23,?24,?25,?26,?27,"
                         "?28,?29,?30,?31, CASE WHEN ?28 IS NULL THEN NULL ELSE ?30 END,"
                         " CASE WHEN ?28 IS NULL THEN NULL ELSE ?31 END, (SELECT count(*) FROM"
                         " matches WHERE date=?1 AND home_id IS ?2 AND away_id IS ?3))",
                         err);
    if (!st) return TL_ESTORE;
    bind_detail(st, d);
    tl_rc rc = done(s, st, "storing the match", err);
    if (!rc) *id = db_last_insert_rowid(s->db);
    return rc;
}

/* What tl_store_merge_match fills in. The columns of the match indexes
 * (competition, edition, result) apart: an UPDATE that names an indexed
 * column rewrites that index's entry even when the value stays, four
 * indexes for every merged match (40,000 instructions a statement). */
#define MERGE_INDEXED                                                                              \
    " competition_id=coalesce(competition_id,?6), edition_id=coalesce(edition_id,?7),"            \
    " score_home=coalesce(score_home,?18), score_away=coalesce(score_away,?19),"
#define MERGE_REST                                                                                 \
    " stage_id=coalesce(stage_id,?8),"                                                             \
    " group_id=coalesce(group_id,?9), match_no=coalesce(match_no,?10),"                            \
    " kickoff=coalesce(kickoff,?11), utc_offset=coalesce(utc_offset,?12),"                         \
    " venue=coalesce(venue,?13), city=coalesce(city,?14),"                                         \
    " attendance=coalesce(attendance,?15), referee=coalesce(referee,?16),"                         \
    " status=CASE WHEN status='scheduled' AND ?17<>'scheduled' THEN ?17"                           \
    " ELSE status END, ht_home=coalesce(ht_home,?20),"                                             \
    " ht_away=coalesce(ht_away,?21), ft_home=coalesce(ft_home,?22),"                               \
    " ft_away=coalesce(ft_away,?23), aet_home=coalesce(aet_home,?24),"                             \
    " aet_away=coalesce(aet_away,?25), so_home=coalesce(so_home,?26),"                             \
    " so_away=coalesce(so_away,?27),"                                                              \
    " so_source_id=CASE WHEN so_winner_id IS NULL AND ?28 IS NOT NULL THEN ?30"                    \
    " ELSE so_source_id END,"                                                                      \
    " so_source_line=CASE WHEN so_winner_id IS NULL AND ?28 IS NOT NULL THEN ?31"                  \
    " ELSE so_source_line END,"                                                                    \
    " so_winner_id=coalesce(so_winner_id,?28),"                                                    \
    " so_first_id=coalesce(so_first_id,?29),"                                                      \
    " home_slot=CASE WHEN home_id IS NULL THEN ?4 ELSE home_slot END,"                             \
    " away_slot=CASE WHEN away_id IS NULL THEN ?5 ELSE away_slot END"                              \
    " WHERE id=?32 AND (competition_id IS NULL AND ?6 IS NOT NULL OR"                              \
    " edition_id IS NULL AND ?7 IS NOT NULL OR stage_id IS NULL AND ?8 IS NOT"                     \
    " NULL OR group_id IS NULL AND ?9 IS NOT NULL OR match_no IS NULL AND ?10"                     \
    " IS NOT NULL OR kickoff IS NULL AND ?11 IS NOT NULL OR utc_offset IS NULL"                    \
    " AND ?12 IS NOT NULL OR venue IS NULL AND ?13 IS NOT NULL OR city IS NULL"                    \
    " AND ?14 IS NOT NULL OR attendance IS NULL AND ?15 IS NOT NULL OR referee"                    \
    " IS NULL AND ?16 IS NOT NULL OR status='scheduled' AND ?17<>'scheduled'"                      \
    " OR score_home IS NULL AND ?18 IS NOT NULL OR ht_home IS NULL AND ?20 IS"                     \
    " NOT NULL OR ft_home IS NULL AND ?22 IS NOT NULL OR aet_home IS NULL AND"                     \
    " ?24 IS NOT NULL OR so_home IS NULL AND ?26 IS NOT NULL OR so_winner_id IS"                   \
    " NULL AND ?28 IS NOT NULL OR so_first_id IS NULL AND ?29 IS NOT NULL)"

/* 1 when merging d into match id would change an indexed column (always
 * on PostgreSQL: a question more costs a round trip there), 0 when not,
 * -1 on failure. */
static int merge_touches_indexes(tl_store *s, int64_t id, const struct tl_match_detail *d,
                                 struct tl_error *err)
{
    if (db_pg(s->db)) return 1;
    db_stmt *st = q(s,
                    "SELECT competition_id IS NULL AND ?2 IS NOT NULL OR edition_id IS NULL AND ?3"
                    " IS NOT NULL OR score_home IS NULL AND ?4 IS NOT NULL OR score_away IS NULL"
                    " AND ?5 IS NOT NULL FROM matches WHERE id=?1",
                    err);
    if (!st) return -1;
    db_bind_int64(st, 1, id);
    tl_bind_id(st, 2, d->competition_id);
    tl_bind_id(st, 3, d->edition_id);
    tl_bind_int(st, 4, d->score[0]);
    tl_bind_int(st, 5, d->score[1]);
    int r = db_step(st), yes = r == SQLITE_ROW && db_column_int(st, 0);
    db_reset(st);
    if (r != SQLITE_ROW && r != SQLITE_DONE) {
        tl_store_fail(s, err, "match look-up");
        return -1;
    }
    return yes;
}

tl_rc tl_store_merge_match(tl_store *s, int64_t id, const struct tl_match_detail *d, int *changed,
                           struct tl_error *err)
{
    /* fill only what is missing; the result columns (score_*) belong to the
     * match's first source and are never replaced here */
    int indexed = merge_touches_indexes(s, id, d, err);
    if (indexed < 0) return TL_ESTORE;
    /* (without the indexed columns when they stay as they are: the same
     * WHERE, the same rows changed) */
    db_stmt *st = indexed ? q(s, "UPDATE matches SET" MERGE_INDEXED MERGE_REST, err)
                          : q(s, "UPDATE matches SET" MERGE_REST, err);
    if (!st) return TL_ESTORE;
    bind_detail(st, d);
    db_bind_int64(st, 32, id);
    tl_rc rc = done(s, st, "merging the match", err);
    if (rc) return rc;
    int updated = db_changes(s->db) > 0, version_changed = 0;
    rc = tl_store_match_version(s, id, d, &version_changed, err);
    *changed = updated || version_changed;
    return rc;
}

tl_rc tl_store_put_detailed_match(tl_store *s, int found, int64_t *id,
                                  const struct tl_match_detail *d, int *changed,
                                  struct tl_error *err)
{
    if (found) return tl_store_merge_match(s, *id, d, changed, err);
    *changed = 1;
    tl_rc rc = tl_store_add_match(s, d, id, err);
    int version_changed;
    return rc ? rc : tl_store_match_version(s, *id, d, &version_changed, err);
}

tl_rc tl_store_match_version(tl_store *s, int64_t id, const struct tl_match_detail *d, int *changed,
                             struct tl_error *err)
{
    db_stmt *st = q(s,
           "INSERT INTO match_versions(match_id, source_id, source_line, date, score_home,"
           " score_away, ht_home, ht_away, ft_home, ft_away, aet_home, aet_away, so_home, so_away,"
           " status, goals_listed) VALUES(?32,?30,?31,?1,?18,?19,?20,?21,?22,?23,?24,?25,?26,?27,"
           "?17,?33) ON CONFLICT(match_id, source_id) DO UPDATE SET source_line=excluded.source_line,"
           " date=excluded.date, score_home=excluded.score_home, score_away=excluded.score_away,"
           " ht_home=excluded.ht_home, ht_away=excluded.ht_away, ft_home=excluded.ft_home,"
           " ft_away=excluded.ft_away, aet_home=excluded.aet_home, aet_away=excluded.aet_away,"
           " so_home=excluded.so_home, so_away=excluded.so_away, status=excluded.status,"
           " goals_listed=excluded.goals_listed WHERE (source_line, date, score_home, score_away,"
           " ht_home, ht_away, ft_home, ft_away, aet_home, aet_away, so_home, so_away, status,"
           " goals_listed) IS NOT (excluded.source_line, excluded.date, excluded.score_home,"
           " excluded.score_away, excluded.ht_home, excluded.ht_away, excluded.ft_home,"
           " excluded.ft_away, excluded.aet_home, excluded.aet_away, excluded.so_home,"
           " excluded.so_away, excluded.status, excluded.goals_listed)",
           err);
    if (!st) return TL_ESTORE;
    bind_detail(st, d);
    db_bind_int64(st, 32, id);
    tl_bind_int(st, 33, d->goals_listed);
    tl_rc rc = done(s, st, "storing the match version", err);
    *changed = !rc && db_changes(s->db) > 0;
    return rc;
}

/* Remember that `source` wrote `spelling` for player `id`, and why. */
tl_rc tl_store_spelling(tl_store *s, int64_t id, int64_t src, const char *name, const char *reason,
                        long line, struct tl_error *err)
{
    if (src <= 0) return TL_OK;
    /* held back, a spelling given twice costs a row that the write ignores
     * (ON CONFLICT DO NOTHING); written at once, a statement: skip those */
    if (!s->pend.on) {
        struct tl_key k = {0};
        tl_key_int(&k, id);
        tl_key_int(&k, src);
        tl_key_str(&k, name);
        int64_t *seen;
        int created;
        if (tl_map_slot(&s->spelled, k.b, k.n, &seen, &created))
            return tl_err(err, TL_ENOMEM, "out of memory");
        if (!created) return TL_OK;
        *seen = 1;
    }
    struct tl_pval v[] = {pv_int(id), pv_int(src), pv_text(name), pv_text(reason), pv_int(line)};
    int changed;
    return tl_pend_add(s, PEND_SPELLINGS, v, &changed, err);
}

static tl_rc player_born(tl_store *s, const char *name, const char *folded_as, int64_t team_id,
                         const char *birth, int64_t edition_id, const char *date, int64_t src,
                         long line, int64_t *id, struct tl_error *err);

void tl_name_forms_make(const char *name, char tidy[256], char folded[256])
{
    tl_name_pretty(name, tidy, 256);
    tl_fold(tidy, strlen(tidy), folded, 256);
}

/* Within one import the same player comes back match after match: the
 * answer for (name as written, team, birth, edition or year) does not
 * change. pretty: the name is as a file wrote it, tidied (tl_name_pretty)
 * only when it is not in the cache. */
static tl_rc born_cached(tl_store *s, const char *name, int pretty,
                         const struct tl_name_forms *forms, int64_t team_id, const char *birth,
                         int64_t edition_id, const char *date, int64_t src, long line,
                         int64_t *id, struct tl_error *err)
{
    char tidy[256];
    /* the name stored: as tidied (here, or by whoever read the file) */
    const char *as = !pretty ? name : forms ? forms->tidy : NULL;
    const char *folded = pretty && forms ? forms->folded : NULL;
    if (birth && birth[0]) {
        /* a squad line: it names its player once in its source, so there
         * is nothing to remember (a third of the map's keys, never asked
         * for again) */
        if (!as) {
            tl_name_pretty(name, tidy, sizeof tidy);
            as = tidy;
        }
        return player_born(s, as, folded, team_id, birth, edition_id, date, src, line, id, err);
    }
    struct tl_key k = {0};
    char year[5] = "";
    if (!edition_id && date) {
        size_t n = strnlen(date, 4);
        memcpy(year, date, n);
        year[n] = '\0';
    }
    tl_key_int(&k, src);
    tl_key_int(&k, team_id);
    tl_key_int(&k, edition_id);
    tl_key_int(&k, pretty);
    tl_key_str(&k, year);
    tl_key_str(&k, birth ? birth : "");
    tl_key_str(&k, name);
    if (tl_map_get(&s->born, k.b, k.n, id)) return TL_OK;
    if (!as) {
        tl_name_pretty(name, tidy, sizeof tidy);
        as = tidy;
    }
    tl_rc rc = player_born(s, as, folded, team_id, birth, edition_id, date, src, line, id, err);
    if (!rc && tl_map_put(&s->born, k.b, k.n, *id)) rc = tl_err(err, TL_ENOMEM, "out of memory");
    return rc;
}

tl_rc tl_store_player_born(tl_store *s, const char *name, int64_t team_id, const char *birth,
                           int64_t edition_id, const char *date, int64_t src, long line,
                           int64_t *id, struct tl_error *err)
{
    return born_cached(s, name, 0, NULL, team_id, birth, edition_id, date, src, line, id, err);
}

tl_rc tl_store_player_written(tl_store *s, const char *name, int64_t team_id, const char *birth,
                              int64_t edition_id, const char *date, int64_t src, long line,
                              int64_t *id, struct tl_error *err)
{
    return born_cached(s, name, 1, NULL, team_id, birth, edition_id, date, src, line, id, err);
}

tl_rc tl_store_player_written_as(tl_store *s, const char *name, const struct tl_name_forms *forms,
                                 int64_t team_id, const char *birth, int64_t edition_id,
                                 const char *date, int64_t src, long line, int64_t *id,
                                 struct tl_error *err)
{
    return born_cached(s, name, 1, forms, team_id, birth, edition_id, date, src, line, id, err);
}

/* SQLite's date(birth, '+k years') for k = a and b: the same day a and b
 * years on, February 29 of a year without one being March 1 (birth read
 * once). 0, or -1 for no date. */
static int plus_years(const char *birth, int a, int b, char lo[11], char hi[11])
{
    struct tl_date d;
    if (tl_date_parse(birth, strlen(birth), &d)) return -1;
    for (int i = 0; i < 2; i++) {
        struct tl_date x = d;
        x.y += i ? b : a;
        if (x.m == 2 && x.d == 29 && !(x.y % 4 == 0 && (x.y % 100 != 0 || x.y % 400 == 0))) {
            x.m = 3;
            x.d = 1;
        }
        tl_date_format(x, i ? hi : lo);
    }
    return 0;
}

/* 0 when a player born on birth was of playing age (15 to 45) on day, 1
 * when either date is unknown, 2 when not. */
static int age_rank(const char *birth, const char *day)
{
    if (!birth[0] || !day) return 1;
    char lo[11], hi[11];
    if (plus_years(birth, 15, 45, lo, hi)) return 2;
    return strcmp(day, lo) >= 0 && strcmp(day, hi) <= 0 ? 0 : 2;
}

static tl_rc player_born(tl_store *s, const char *name, const char *folded_as, int64_t team_id,
                         const char *birth, int64_t edition_id, const char *date, int64_t src,
                         long line, int64_t *id, struct tl_error *err)
{
    char fold[256], alt[256];
    const char *folded = folded_as;
    if (!folded) {
        tl_fold(name, strlen(name), fold, sizeof fold);
        folded = fold;
    }
    int64_t team = team_id > 0 ? team_id : 0;
    const char *b = birth && birth[0] ? birth : NULL;
    const char *day = date && date[0] ? date : NULL;
    struct tl_roster *r = &s->roster;
    /* Same folded name and team; a birth date, when both have one, must
     * agree. Among namesakes: the one in this edition's squad, then the one
     * with this birth date, then one of playing age on the day (15 to 45),
     * then the first stored. */
    int32_t head, members = -1;
    tl_rc rc = tl_roster_chain(s, 0, team, folded, &head, err);
    int squad = edition_id > 0 && team > 0;
    if (!rc && squad) rc = tl_roster_squad(s, edition_id, team, &members, err);
    if (rc) return rc;
    int32_t best = -1;
    int best_key[3] = {0, 0, 0};
    for (int32_t i = head; i >= 0; i = r->p[i].next_f) {
        const struct tl_rplayer *p = &r->p[i];
        if (b && p->birth[0] && strcmp(p->birth, b) != 0) continue;
        int k[3] = {squad && tl_roster_in_squad(s, edition_id, team, i) ? 0 : 1,
                    b ? !p->birth[0] : p->birth[0] != '\0', age_rank(p->birth, day)};
        int cmp = 0;
        for (int j = 0; j < 3 && !cmp && best >= 0; j++) cmp = (k[j] > best_key[j]) - (k[j] < best_key[j]);
        if (best < 0 || cmp < 0 || (cmp == 0 && p->id < r->p[best].id)) {
            best = i;
            memcpy(best_key, k, sizeof k);
        }
    }
    int32_t outside = -1; /* a namesake outside this edition's squad, if the squad has no one */
    if (best >= 0 && edition_id > 0 && best_key[0]) {
        /* a squad member whose name ends with this one is the better
         * reading ("Sárosi" in 1934) */
        outside = best;
        best = -1;
    }
    if (best < 0 && edition_id > 0 && !b) {
        /* (a squad line, with its birth date, names its player in full and
         * is never read as a form of another squad member's name)
         * "Kane", "M. Salah", "Mueller Thomas": the one member of this
         * edition's squad the name can be a form of (or who is listed by a
         * short form of it: "Tenorio" for Carlos Tenorio) */
        int32_t hit = -1;
        int hits = 0;
        uint32_t letters = tl_name_letters(folded);
        for (int32_t m = members; m >= 0; m = r->m[m].next) {
            const struct tl_rplayer *mp = &r->p[r->m[m].player];
            if (!tl_name_letters_fit(letters, mp->letters)) continue;
            const char *f = mp->folded;
            if (tl_name_variant(folded, f) || tl_name_variant(f, folded)) {
                hit = r->m[m].player;
                hits++;
            }
        }
        if (hits == 1) {
            *id = r->p[hit].id;
            /* a short form never replaces the full name */
            return tl_store_spelling(s, *id, src, name, "a form of a squad member's name", line,
                                     err);
        }
    }
    const char *reason = "the same name and team";
    if (best < 0 && outside >= 0) {
        best = outside; /* the namesake found first */
    } else if (best < 0) {
        reason = "the same name transliterated (ue = ü)";
        /* (the transliterated name: asked only here, and a new player's) */
        tl_fold_alt(folded, alt, sizeof alt);
        if ((rc = tl_roster_chain(s, 1, team, alt, &head, err))) return rc;
        for (int32_t i = head; i >= 0; i = r->p[i].next_a) {
            const struct tl_rplayer *p = &r->p[i];
            if (b && p->birth[0] && strcmp(p->birth, b) != 0) continue;
            if (best < 0 || p->id < r->p[best].id) best = i;
        }
    }
    if (best >= 0) {
        struct tl_rplayer *p = &r->p[best];
        *id = p->id;
        int quality = tl_name_quality(name), better = quality > p->quality;
        int fill = b && !p->birth[0];
        if ((rc = tl_store_spelling(s, *id, src, name, reason, line, err))) return rc;
        if (!better && !fill) return TL_OK;
        int held = tl_pend_player_set(s, *id, better ? name : NULL, b);
        if (held < 0) return tl_err(err, TL_ENOMEM, "out of memory");
        db_stmt *st = held ? NULL
                           : q(s,
                               "UPDATE players SET name=CASE WHEN ?2<>0 THEN ?3 ELSE name END,"
                               " birth_date=coalesce(birth_date, ?4) WHERE id=?1",
                               err);
        if (!held && !st) return TL_ESTORE;
        if (st) {
            db_bind_int64(st, 1, *id);
            db_bind_int(st, 2, better);
            db_bind_text(st, 3, name, -1, SQLITE_STATIC);
            tl_bind_text(st, 4, b);
            if ((rc = done(s, st, "updating the player", err))) return rc;
        }
        if (better) {
            char *n = tl_malloc(strlen(name) + 1);
            if (!n) return tl_err(err, TL_ENOMEM, "out of memory");
            strcpy(n, name);
            tl_free(p->name);
            p->name = n;
            p->quality = quality;
        }
        if (fill) snprintf(p->birth, sizeof p->birth, "%s", b);
        return TL_OK;
    }
    int64_t held;
    if ((rc = tl_pend_id(s, PEND_PLAYERS, &held, err))) return rc;
    if (held) {
        struct tl_pval v[] = {pv_int(held), pv_text(name), pv_text(folded), pv_id(team_id),
                              pv_text(b),   pv_id(src),   pv_int(line),    pv_text(alt)};
        int changed;
        if ((rc = tl_pend_add(s, PEND_PLAYERS, v, &changed, err))) return rc;
        *id = held;
    } else {
        db_stmt *st = q(s,
                        "INSERT INTO players(name, folded, team_id, birth_date, source_id,"
                        " source_line, alt) VALUES(?1,?2,?3,?4,?5,?6,?7)",
                        err);
        if (!st) return TL_ESTORE;
        db_bind_text(st, 1, name, -1, SQLITE_STATIC);
        db_bind_text(st, 2, folded, -1, SQLITE_STATIC);
        tl_bind_id(st, 3, team_id);
        tl_bind_text(st, 4, b);
        tl_bind_id(st, 5, src);
        db_bind_int64(st, 6, line);
        db_bind_text(st, 7, alt, -1, SQLITE_STATIC);
        if ((rc = done(s, st, "storing the player", err))) return rc;
        *id = db_last_insert_rowid(s->db);
    }
    if ((rc = tl_roster_added(s, *id, team, name, folded, alt, b, err))) return rc;
    return tl_store_spelling(s, *id, src, name, "first seen here", line, err);
}

/* Does a folded name have a word of three letters or more that the other has? */
static int share_word(const char *a, const char *b)
{
    while (*a) {
        while (*a == ' ') a++;
        size_t n = strcspn(a, " ");
        for (const char *p = b; n >= 3 && *p; p++)
            if ((p == b || p[-1] == ' ') && strncmp(p, a, n) == 0 &&
                (p[n] == ' ' || p[n] == '\0'))
                return 1;
        a += n;
    }
    return 0;
}

tl_rc tl_store_player_by_shirt(tl_store *s, int64_t match_id, int64_t team_id, int shirt,
                               const char *const *names, int64_t src, long line, int64_t *id,
                               struct tl_error *err)
{
    if (shirt <= 0) return TL_ENOTFOUND;
    db_stmt *st = q(s,
                         "SELECT p.id, p.folded FROM squads q JOIN matches m ON"
                         " m.edition_id=q.edition_id JOIN players p ON p.id=q.player_id"
                         " WHERE m.id=?1 AND q.team_id=?2 AND q.number=?3",
                         err);
    if (!st) return TL_ESTORE;
    db_bind_int64(st, 1, match_id);
    db_bind_int64(st, 2, team_id);
    db_bind_int(st, 3, shirt);
    int r = db_step(st);
    char folded[256] = "";
    if (r == SQLITE_ROW) {
        *id = db_column_int64(st, 0);
        snprintf(folded, sizeof folded, "%s", (const char *)db_column_text(st, 1));
    }
    db_reset(st);
    if (r != SQLITE_ROW && r != SQLITE_DONE) return tl_store_fail(s, err, "squad look-up");
    if (r != SQLITE_ROW) return TL_ENOTFOUND;
    for (const char *const *n = names; *n; n++) {
        char f[256];
        tl_fold(*n, strlen(*n), f, sizeof f);
        if (f[0] && share_word(f, folded))
            return tl_store_spelling(s, *id, src, *n, "shirt number in the squad", line, err);
    }
    return TL_ENOTFOUND;
}

tl_rc tl_store_put_lineup(tl_store *s, const struct tl_lineup_write *w, int *changed,
                          struct tl_error *err)
{
    struct tl_pval v[] = {pv_int(w->match_id), pv_int(w->team_id),   pv_int(w->player_id),
                          pv_int(w->starter),  pv_int(w->captain),   pv_intn(w->shirt),
                          pv_text(w->position), pv_int(w->source_id), pv_int(w->source_line),
                          pv_int(w->ord)};
    return tl_pend_add(s, PEND_LINEUPS, v, changed, err);
}

tl_rc tl_store_put_squad(tl_store *s, int64_t edition_id, int64_t team_id, int64_t player_id,
                         int number, const char *position, int64_t src, long line, int *changed,
                         struct tl_error *err)
{
    struct tl_pval v[] = {pv_int(edition_id), pv_int(team_id), pv_int(player_id),
                          pv_intn(number),     pv_text(position && position[0] ? position : NULL),
                          pv_int(src),         pv_int(line)};
    tl_rc rc = tl_pend_add(s, PEND_SQUADS, v, changed, err);
    /* held back, the row may have been there already: the roster takes a
     * member it has once */
    if (!rc && (*changed || s->pend.on))
        rc = tl_roster_squad_added(s, edition_id, team_id, player_id, err);
    return rc;
}

/* The list that counts: the most goals, then the most penalty and own-goal
 * marks (a list that says "pen." knows more than one that does not), then
 * the richer source. */
tl_rc tl_store_pick_primary(tl_store *s, struct tl_error *err)
{
    /* Only matches this transaction wrote events of can have changed,
     * unless a source's rank changed or events were deleted. Into an empty
     * table from one source, every match has one list. */
    if (!s->primary_all && (!s->ntouched || (s->fresh_events && s->event_sources < 2)))
        return TL_OK;
    /* (the same rules in C, over the held rows, when they are every event) */
    if (!s->primary_all && tl_pend_all_events(s)) return tl_pend_weigh_goals(s, err);
    static const char *const steps =
        "CREATE TEMP TABLE IF NOT EXISTS tl_weigh(match_id INTEGER PRIMARY KEY);"
        " DELETE FROM temp.tl_weigh";
    char *msg = NULL;
    tl_rc rc = TL_OK;
    /* many matches written (the results onto the World Cups: 15,540): the
     * matches with two sources, found on the index, cost less to weigh;
     * then only those with events deleted (maybe one list left) are listed */
    int many = !s->primary_all && s->ntouched > 2000;
    if (!s->primary_all) {
        if (db_exec(s->db, steps, NULL, NULL, &msg) != SQLITE_OK) goto fail;
        db_stmt *st = q(s, "INSERT INTO temp.tl_weigh(match_id) VALUES(?1)", err);
        if (!st) return TL_ESTORE;
        for (size_t i = 0; i < s->ntouched && !rc; i++) {
            char key[8];
            int64_t how = 0;
            memcpy(key, &s->touched_ids[i], sizeof key);
            if (many && !(tl_map_get(&s->touched, key, sizeof key, &how) && how == 2)) continue;
            db_bind_int64(st, 1, s->touched_ids[i]);
            rc = done(s, st, "choosing the goals that count", err);
        }
        if (rc) return rc;
    }
    /* with every match to weigh: those with events from two sources or
     * more (two lists), or with a goal that does not count (its other
     * list may be gone) */
    char sql[2048];
    snprintf(sql, sizeof sql,
             "WITH cand AS (%s),"
             " counts AS (SELECT e.match_id, e.source_id, count(*) AS n, max(src.rank) AS rank,"
             "   sum(e.kind IN ('penalty_goal','own_goal')) AS marks"
             "   FROM events e JOIN sources src ON src.id=e.source_id"
             /* IN: the candidates drive, a seek each on (match, source, ord) */
             "   WHERE e.match_id IN (SELECT match_id FROM cand)"
             "   AND e.kind IN ('goal','penalty_goal','own_goal') GROUP BY e.match_id, e.source_id),"
             /* (a match left with one list counts it again: a source's
              * goals were deleted) */
             " weighed AS (SELECT DISTINCT match_id FROM counts),"
             " best AS (SELECT c.match_id, (SELECT c2.source_id FROM counts c2"
             "   WHERE c2.match_id=c.match_id ORDER BY c2.n DESC, c2.marks DESC, c2.rank DESC,"
             "   c2.source_id LIMIT 1)"
             "   AS source_id FROM weighed c)"
             " UPDATE events SET is_primary=CASE WHEN source_id=(SELECT b.source_id FROM best b"
             "   WHERE b.match_id=events.match_id) THEN 1 ELSE 0 END"
             " WHERE kind IN ('goal','penalty_goal','own_goal')"
             " AND match_id IN (SELECT match_id FROM weighed)"
             " AND is_primary <> CASE WHEN source_id=(SELECT b.source_id FROM best b"
             "   WHERE b.match_id=events.match_id) THEN 1 ELSE 0 END",
             s->primary_all ? "SELECT match_id FROM events GROUP BY match_id"
                              " HAVING min(source_id) <> max(source_id) OR min(is_primary) = 0"
             : many ? "SELECT match_id FROM events GROUP BY match_id"
                      " HAVING min(source_id) <> max(source_id)"
                      " UNION SELECT match_id FROM temp.tl_weigh"
                    : "SELECT match_id FROM temp.tl_weigh");
    if (db_exec(s->db, sql, NULL, NULL, &msg) == SQLITE_OK) return TL_OK;
fail:
    rc = tl_err(err, TL_ESTORE, "choosing the goals that count: %s", msg ? msg : "?");
    db_free(msg);
    return rc;
}

tl_rc tl_store_team_on(tl_store *s, const char *name, const char *date, int64_t *id,
                       struct tl_error *err)
{
    /* a name no alias or former name has means the same team on any day:
     * asked once (most of a file's ~2,700 look-ups) */
    struct tl_key nk = {0};
    tl_key_str(&nk, name);
    int64_t any;
    int known = tl_map_get(&s->team_any, nk.b, nk.n, &any);
    if (known && any > 0) {
        *id = any;
        return TL_OK;
    }
    struct tl_key k = {0};
    tl_key_str(&k, date);
    tl_key_str(&k, name);
    if (tl_map_get(&s->team_on, k.b, k.n, id)) return TL_OK;
    char folded[256];
    tl_fold(name, strlen(name), folded, sizeof folded);
    int dated = 1;
    if (!known) {
        db_stmt *x = q(s, "SELECT EXISTS(SELECT 1 FROM team_names WHERE folded=?1)", err);
        if (!x) return TL_ESTORE;
        db_bind_text(x, 1, folded, -1, SQLITE_STATIC);
        int r = db_step(x);
        dated = r == SQLITE_ROW && db_column_int(x, 0);
        db_reset(x);
        if (r != SQLITE_ROW) return tl_store_fail(s, err, "team look-up");
        if (dated && tl_map_put(&s->team_any, nk.b, nk.n, 0))
            return tl_err(err, TL_ENOMEM, "out of memory");
    }
    /* an alias bounded by dates that cover the day is the most specific
     * ("Yugoslavia" in 1998 is Serbia), then a current name, then an
     * open-ended alias, then a former name in use that day */
    /* (ranked here, the first of the best: ORDER BY pri LIMIT 1 had SQLite
     * sort the rows, a sorter opened at each call) */
    db_stmt *st = q(s,
                         "SELECT id, 1 AS pri FROM teams WHERE folded=?1"
                         " UNION ALL SELECT team_id, CASE WHEN kind='former' THEN 3"
                         " WHEN end_date IS NOT NULL OR start_date > '1800-01-01' THEN 0 ELSE 2 END"
                         " FROM team_names WHERE folded=?1 AND (start_date IS NULL OR"
                         " start_date <= ?2) AND (end_date IS NULL OR end_date >= ?2)",
                         err);
    if (!st) return TL_ESTORE;
    db_bind_text(st, 1, folded, -1, SQLITE_STATIC);
    db_bind_text(st, 2, date, -1, SQLITE_STATIC);
    int r, best = 4;
    while ((r = db_step(st)) == SQLITE_ROW) {
        int pri = db_column_int(st, 1);
        if (pri < best) {
            best = pri;
            *id = db_column_int64(st, 0);
        }
    }
    db_reset(st);
    if (r != SQLITE_DONE) return tl_store_fail(s, err, "team look-up");
    r = best < 4;
    /* (a name not found is asked again: the team may be made meanwhile) */
    if (r && tl_map_put(dated ? &s->team_on : &s->team_any, dated ? k.b : nk.b, dated ? k.n : nk.n,
                        *id))
        return tl_err(err, TL_ENOMEM, "out of memory");
    return r ? TL_OK : TL_ENOTFOUND;
}

tl_rc tl_store_alias(tl_store *s, int64_t team_id, const char *name, const char *from,
                     const char *to, int64_t src, int *changed, struct tl_error *err)
{
    char folded[256];
    tl_fold(name, strlen(name), folded, sizeof folded);
    db_stmt *st = q(s,
                         "INSERT INTO team_names(team_id, name, folded, kind, start_date, end_date,"
                         " source_id, source_line) VALUES(?1,?2,?3,'alias',coalesce(?4,'1800-01-01'),"
                         "?5,?6,0)"
                         " ON CONFLICT(team_id, name, start_date) DO UPDATE SET"
                         " end_date=excluded.end_date WHERE end_date IS NOT excluded.end_date",
                         err);
    if (!st) return TL_ESTORE;
    db_bind_int64(st, 1, team_id);
    db_bind_text(st, 2, name, -1, SQLITE_STATIC);
    db_bind_text(st, 3, folded, -1, SQLITE_STATIC);
    tl_bind_text(st, 4, from);
    tl_bind_text(st, 5, to);
    tl_bind_id(st, 6, src);
    tl_rc rc = done(s, st, "storing the alias", err);
    if (!rc) *changed = db_changes(s->db) > 0;
    tl_map_free(&s->team_on); /* a name's answer may depend on the date now */
    tl_map_free(&s->team_any);
    return rc;
}

tl_rc tl_store_set_referee(tl_store *s, int64_t match_id, const char *referee, struct tl_error *err)
{
    db_stmt *st = q(s, "UPDATE matches SET referee=?2 WHERE id=?1 AND referee IS NULL", err);
    if (!st) return TL_ESTORE;
    db_bind_int64(st, 1, match_id);
    db_bind_text(st, 2, referee, -1, SQLITE_STATIC);
    return done(s, st, "storing the referee", err);
}

tl_rc tl_store_set_first_kicker(tl_store *s, int64_t match_id, int64_t team_id,
                                struct tl_error *err)
{
    db_stmt *st =
        q(s, "UPDATE matches SET so_first_id=?2 WHERE id=?1 AND so_first_id IS NULL", err);
    if (!st) return TL_ESTORE;
    db_bind_int64(st, 1, match_id);
    db_bind_int64(st, 2, team_id);
    return done(s, st, "storing the first kicker", err);
}

tl_rc tl_store_match_slot(tl_store *s, const char *date, const char *home_slot,
                          const char *away_slot, int64_t source_id, int64_t *id,
                          struct tl_error *err)
{
    db_stmt *st = q(s,
                         "SELECT id FROM matches WHERE date=?1 AND home_id IS NULL AND"
                         " away_id IS NULL AND home_slot IS ?2 AND away_slot IS ?3 AND"
                         " source_id=?4 ORDER BY id LIMIT 1",
                         err);
    if (!st) return TL_ESTORE;
    db_bind_text(st, 1, date, -1, SQLITE_STATIC);
    tl_bind_text(st, 2, home_slot);
    tl_bind_text(st, 3, away_slot);
    db_bind_int64(st, 4, source_id);
    int r = one_id(st, id);
    if (r < 0) return tl_store_fail(s, err, "match look-up");
    return r ? TL_OK : TL_ENOTFOUND;
}

tl_rc tl_store_match_numbered_slot(tl_store *s, int64_t edition_id, int match_no,
                                   int64_t source_id, int64_t *id, struct tl_error *err)
{
    db_stmt *st = q(s,
                    "SELECT id FROM matches WHERE edition_id=?1 AND match_no=?2 AND source_id=?3"
                    " AND (home_id IS NULL OR away_id IS NULL) ORDER BY id LIMIT 1",
                    err);
    if (!st) return TL_ESTORE;
    db_bind_int64(st, 1, edition_id);
    db_bind_int(st, 2, match_no);
    db_bind_int64(st, 3, source_id);
    int r = one_id(st, id);
    if (r < 0) return tl_store_fail(s, err, "match look-up");
    return r ? TL_OK : TL_ENOTFOUND;
}

tl_rc tl_store_fill_slots(tl_store *s, int64_t id, const char *date, int64_t home_id,
                          int64_t away_id, struct tl_error *err)
{
    db_stmt *st = q(s,
                    "UPDATE matches SET date=?2, home_id=coalesce(?3, home_id),"
                    " home_slot=CASE WHEN ?3 IS NULL THEN home_slot END,"
                    " away_id=coalesce(?4, away_id),"
                    " away_slot=CASE WHEN ?4 IS NULL THEN away_slot END WHERE id=?1",
                    err);
    if (!st) return TL_ESTORE;
    db_bind_int64(st, 1, id);
    db_bind_text(st, 2, date, -1, SQLITE_STATIC);
    tl_bind_id(st, 3, home_id);
    tl_bind_id(st, 4, away_id);
    return done(s, st, "filling the match's slots", err);
}

tl_rc tl_store_drop_slot_match(tl_store *s, int64_t id, int *dropped, struct tl_error *err)
{
    *dropped = 0;
    db_stmt *st = q(s,
                    "SELECT EXISTS(SELECT 1 FROM events WHERE match_id=?1) OR EXISTS(SELECT 1"
                    " FROM lineups WHERE match_id=?1) OR EXISTS(SELECT 1 FROM match_refs WHERE"
                    " match_id=?1) OR EXISTS(SELECT 1 FROM live_state WHERE match_id=?1) OR"
                    " EXISTS(SELECT 1 FROM live_feed WHERE match_id=?1)",
                    err);
    if (!st) return TL_ESTORE;
    db_bind_int64(st, 1, id);
    int64_t used = 1;
    int r = one_id(st, &used);
    if (r < 0) return tl_store_fail(s, err, "match look-up");
    if (used) return TL_OK;
    static const char *const sql[] = {"DELETE FROM match_versions WHERE match_id=?1",
                                      "DELETE FROM matches WHERE id=?1"};
    for (int i = 0; i < 2; i++) {
        if (!(st = q(s, sql[i], err))) return TL_ESTORE;
        db_bind_int64(st, 1, id);
        tl_rc rc = done(s, st, "removing the slot match", err);
        if (rc) return rc;
    }
    *dropped = 1;
    return TL_OK;
}

tl_rc tl_store_edition_start(tl_store *s, int64_t edition_id, int64_t competition_id,
                             const char *year, char date[11], struct tl_error *err)
{
    db_stmt *st = q(s,
                         "SELECT min(d) FROM (SELECT min(date) AS d FROM matches WHERE"
                         " edition_id=?1 UNION ALL SELECT min(date) FROM matches WHERE"
                         " competition_id=?2 AND date BETWEEN ?3 || '-01-01' AND ?3 || '-12-31')",
                         err);
    if (!st) return TL_ESTORE;
    db_bind_int64(st, 1, edition_id);
    db_bind_int64(st, 2, competition_id);
    db_bind_text(st, 3, year, -1, SQLITE_STATIC);
    tl_rc rc = TL_ENOTFOUND;
    if (db_step(st) == SQLITE_ROW && db_column_type(st, 0) != SQLITE_NULL) {
        snprintf(date, 11, "%s", (const char *)db_column_text(st, 0));
        rc = TL_OK;
    }
    db_reset(st);
    return rc;
}

tl_rc tl_store_team_folded(tl_store *s, const char *name, int64_t not_id, int64_t *id,
                           struct tl_error *err)
{
    char folded[256];
    tl_fold(name, strlen(name), folded, sizeof folded);
    db_stmt *st = q(s, "SELECT id FROM teams WHERE folded=?1 AND id<>?2 LIMIT 1", err);
    if (!st) return TL_ESTORE;
    db_bind_text(st, 1, folded, -1, SQLITE_STATIC);
    db_bind_int64(st, 2, not_id);
    int r = one_id(st, id);
    if (r < 0) return tl_store_fail(s, err, "team look-up");
    return r ? TL_OK : TL_ENOTFOUND;
}

tl_rc tl_store_merge_team(tl_store *s, int64_t from, int64_t into, struct tl_error *err)
{
    /* namesake players of the two teams become one (birth dates permitting),
     * then every reference moves to the surviving team and player */
    static const char *const steps[] = {
        "CREATE TEMP TABLE IF NOT EXISTS pmap(old INTEGER PRIMARY KEY, new INTEGER)",
        "DELETE FROM temp.pmap",
        "INSERT INTO temp.pmap SELECT p.id, (SELECT q.id FROM players q WHERE q.team_id=?2 AND"
        " q.folded=p.folded AND (q.birth_date IS NULL OR p.birth_date IS NULL OR"
        " q.birth_date=p.birth_date) ORDER BY q.id LIMIT 1) FROM players p WHERE p.team_id=?1",
        "DELETE FROM temp.pmap WHERE new IS NULL",
        "UPDATE events SET player_id=(SELECT new FROM temp.pmap WHERE old=player_id)"
        " WHERE player_id IN (SELECT old FROM temp.pmap)",
        "UPDATE events SET player2_id=(SELECT new FROM temp.pmap WHERE old=player2_id)"
        " WHERE player2_id IN (SELECT old FROM temp.pmap)",
        "UPDATE lineups SET player_id=(SELECT new FROM temp.pmap WHERE old=player_id)"
        " WHERE player_id IN (SELECT old FROM temp.pmap)",
        /* rows that would clash with one already there are left, then deleted (SQLite's
         * UPDATE OR IGNORE, written so that PostgreSQL runs it too) */
        "UPDATE squads SET player_id=(SELECT new FROM temp.pmap WHERE old=player_id)"
        " WHERE player_id IN (SELECT old FROM temp.pmap) AND NOT EXISTS(SELECT 1 FROM squads q"
        " WHERE q.edition_id=squads.edition_id AND q.team_id=squads.team_id AND"
        " q.player_id=(SELECT new FROM temp.pmap WHERE old=squads.player_id))",
        "DELETE FROM squads WHERE player_id IN (SELECT old FROM temp.pmap)",
        "UPDATE sb_players SET player_id=(SELECT new FROM temp.pmap WHERE old=player_id)"
        " WHERE player_id IN (SELECT old FROM temp.pmap)",
        "UPDATE player_spellings SET player_id=(SELECT new FROM temp.pmap WHERE"
        " old=player_id) WHERE player_id IN (SELECT old FROM temp.pmap) AND NOT EXISTS(SELECT 1"
        " FROM player_spellings q WHERE q.player_id=(SELECT new FROM temp.pmap WHERE"
        " old=player_spellings.player_id) AND q.source_id=player_spellings.source_id AND"
        " q.spelling=player_spellings.spelling)",
        "DELETE FROM player_spellings WHERE player_id IN (SELECT old FROM temp.pmap)",
        "UPDATE players SET birth_date=coalesce(birth_date, (SELECT p.birth_date FROM players p"
        " JOIN temp.pmap m ON m.old=p.id WHERE m.new=players.id AND p.birth_date IS NOT NULL))"
        " WHERE id IN (SELECT new FROM temp.pmap)",
        "DELETE FROM players WHERE id IN (SELECT old FROM temp.pmap)",
        "UPDATE players SET team_id=?2 WHERE team_id=?1",
        "UPDATE matches SET home_id=?2 WHERE home_id=?1",
        "UPDATE matches SET away_id=?2 WHERE away_id=?1",
        "UPDATE matches SET so_winner_id=?2 WHERE so_winner_id=?1",
        "UPDATE matches SET so_first_id=?2 WHERE so_first_id=?1",
        "UPDATE events SET team_id=?2 WHERE team_id=?1",
        "UPDATE lineups SET team_id=?2 WHERE team_id=?1",
        "UPDATE sb_teams SET team_id=?2 WHERE team_id=?1",
        "UPDATE squads SET team_id=?2 WHERE team_id=?1 AND NOT EXISTS(SELECT 1 FROM squads q"
        " WHERE q.team_id=?2 AND q.edition_id=squads.edition_id AND"
        " q.player_id=squads.player_id)",
        "DELETE FROM squads WHERE team_id=?1",
        "UPDATE team_names SET team_id=?2 WHERE team_id=?1 AND NOT EXISTS(SELECT 1 FROM"
        " team_names q WHERE q.team_id=?2 AND q.name=team_names.name AND"
        " q.start_date=team_names.start_date)",
        "DELETE FROM team_names WHERE team_id=?1",
        "DELETE FROM teams WHERE id=?1",
    };
    for (size_t i = 0; i < sizeof steps / sizeof *steps; i++) {
        db_stmt *st = q(s, steps[i], err);
        if (!st) return TL_ESTORE;
        if (db_bind_parameter_count(st) >= 1) db_bind_int64(st, 1, from);
        if (db_bind_parameter_count(st) >= 2) db_bind_int64(st, 2, into);
        tl_rc rc = done(s, st, "merging teams", err);
        if (rc) return rc;
    }
    /* names cached for the merged team are stale */
    tl_roster_forget(s);
    tl_map_free(&s->teams);
    tl_map_free(&s->players);
    tl_map_free(&s->born);
    tl_map_free(&s->team_on);
    tl_map_free(&s->team_any);
    return TL_OK;
}

struct namesake_row {
    int64_t event, player, team;
    char date[11];
    char name[160], folded[160];
};

static int cmp_namesake_rows(const void *a, const void *b)
{
    const struct namesake_row *x = a, *y = b;
    if (x->player != y->player) return x->player < y->player ? -1 : 1;
    int c = strcmp(x->date, y->date);
    if (c) return c;
    return (x->event > y->event) - (x->event < y->event);
}

/* 0 when no event can be a namesake's: every event is held and the
 * roster has every player (a load into an empty database), and none of
 * them falls on a day its player was not 14 to 46 (the same test as
 * below, over memory instead of reading every event back: 2 ms). 1 when
 * some may, or when only the database can say. */
static int namesakes_possible(tl_store *s)
{
    if (!tl_pend_all_events(s) || !tl_roster_complete(s)) return 1;
    size_t n = tl_pend_rows(s, PEND_EVENTS);
    for (size_t r = 0; r < n; r++) {
        union tl_pv player, day; /* columns 6 and 10 of a held event (pending.c) */
        if (tl_pend_cell(s, PEND_EVENTS, r, 6, &player) != 1) continue; /* none: joins nobody */
        const char *birth = tl_roster_birth(s, player.i);
        if (!birth) return 1;
        if (!birth[0]) continue;
        if (tl_pend_cell(s, PEND_EVENTS, r, 10, &day) != 2) return 1;
        char lo[11], hi[11];
        if (plus_years(birth, 14, 46, lo, hi)) continue;
        if (strcmp(day.t, lo) < 0 || strcmp(day.t, hi) > 0) return 1;
    }
    return 0;
}

tl_rc tl_store_split_namesakes(tl_store *s, long *moved, struct tl_error *err)
{
    /* events of a player on days he was younger than 14 or older than 46:
     * another player of that name scored them */
    *moved = 0;
    if (!namesakes_possible(s)) return TL_OK;
    db_stmt *st = q(s, "SELECT EXISTS(SELECT 1 FROM players WHERE birth_date IS NOT NULL)", err);
    if (!st) return TL_ESTORE;
    int any = db_step(st) == SQLITE_ROW && db_column_int(st, 0);
    db_reset(st);
    if (!any) return TL_OK; /* no birth dates, no ages to check */
    /* every event of a player with a birth date, the ages checked here: SQLite's
     * date(birth, '+14 years') for each of them cost four times the read */
    if (db_prepare_v2(s->db,
                      "SELECT e.id, e.player_id, e.date, p.birth_date FROM events e JOIN players p"
                      " ON p.id=e.player_id WHERE p.birth_date IS NOT NULL",
                      -1, &st, NULL))
        return tl_store_fail(s, err, "namesakes");
    struct namesake_row *rows = NULL;
    size_t n = 0, alloc = 0;
    tl_rc rc = TL_OK;
    while (db_step(st) == SQLITE_ROW) {
        const char *day = (const char *)db_column_text(st, 2);
        const char *birth = (const char *)db_column_text(st, 3);
        char lo[11], hi[11];
        if (!day || !birth || plus_years(birth, 14, 46, lo, hi)) continue;
        if (strcmp(day, lo) >= 0 && strcmp(day, hi) <= 0) continue; /* of playing age */
        if (n == alloc) {
            alloc = alloc ? alloc * 2 : 32;
            struct namesake_row *p = tl_realloc(rows, alloc * sizeof *p);
            if (!p) {
                rc = tl_err(err, TL_ENOMEM, "out of memory");
                break;
            }
            rows = p;
        }
        struct namesake_row *r = &rows[n++];
        r->event = db_column_int64(st, 0);
        r->player = db_column_int64(st, 1);
        snprintf(r->date, sizeof r->date, "%s", day);
    }
    db_finalize(st);
    if (n > 1) qsort(rows, n, sizeof *rows, cmp_namesake_rows); /* by player, then date */
    for (size_t i = 0; i < n && !rc; i++) {
        st = q(s, "SELECT name, folded, team_id FROM players WHERE id=?1", err);
        if (!st) {
            rc = TL_ESTORE;
            break;
        }
        db_bind_int64(st, 1, rows[i].player);
        if (db_step(st) != SQLITE_ROW) {
            db_reset(st);
            rc = tl_store_fail(s, err, "namesakes");
            break;
        }
        snprintf(rows[i].name, sizeof rows[i].name, "%s", (const char *)db_column_text(st, 0));
        snprintf(rows[i].folded, sizeof rows[i].folded, "%s", (const char *)db_column_text(st, 1));
        rows[i].team = db_column_type(st, 2) == SQLITE_NULL ? 0 : db_column_int64(st, 2);
        db_reset(st);
    }
    for (size_t i = 0; i < n && !rc; i++) {
        struct namesake_row *r = &rows[i];
        int64_t other = 0;
        /* a namesake of playing age that day, else one whose age is unknown */
        st = q(s,
               "SELECT id FROM players WHERE folded=?1 AND team_id IS ?2 AND id<>?3 AND"
               " (birth_date IS NULL OR ?4 BETWEEN date(birth_date,'+14 years') AND"
               " date(birth_date,'+46 years')) ORDER BY birth_date IS NULL, id LIMIT 1",
               err);
        if (!st) {
            rc = TL_ESTORE;
            break;
        }
        db_bind_text(st, 1, r->folded, -1, SQLITE_STATIC);
        tl_bind_id(st, 2, r->team);
        db_bind_int64(st, 3, r->player);
        db_bind_text(st, 4, r->date, -1, SQLITE_STATIC);
        int found = one_id(st, &other);
        if (found < 0) {
            rc = tl_store_fail(s, err, "namesakes");
            break;
        }
        if (!found) {
            char alt[256];
            tl_fold_alt(r->folded, alt, sizeof alt);
            st = q(s,
                   "INSERT INTO players(name, folded, alt, team_id, source_id, source_line)"
                   " SELECT name, folded, alt, team_id, source_id, source_line FROM players"
                   " WHERE id=?1",
                   err);
            if (!st) {
                rc = TL_ESTORE;
                break;
            }
            db_bind_int64(st, 1, r->player);
            if ((rc = done(s, st, "namesakes", err))) break;
            other = db_last_insert_rowid(s->db);
        }
        st = q(s,
               "INSERT INTO player_spellings(player_id, source_id, spelling, reason, source_line)"
               " SELECT ?2, e.source_id, ?3, 'a namesake: ' || p.name || ' (born ' ||"
               " p.birth_date || ') was not of playing age on ' || e.date, e.source_line"
               " FROM events e JOIN players p ON p.id=?4 WHERE e.id=?1 ON CONFLICT DO NOTHING",
               err);
        if (!st) {
            rc = TL_ESTORE;
            break;
        }
        db_bind_int64(st, 1, r->event);
        db_bind_int64(st, 2, other);
        db_bind_text(st, 3, r->name, -1, SQLITE_STATIC);
        db_bind_int64(st, 4, r->player);
        if ((rc = done(s, st, "namesakes", err))) break;
        st = q(s, "UPDATE events SET player_id=?2 WHERE id=?1", err);
        if (!st) {
            rc = TL_ESTORE;
            break;
        }
        db_bind_int64(st, 1, r->event);
        db_bind_int64(st, 2, other);
        if ((rc = done(s, st, "namesakes", err))) break;
        (*moved)++;
    }
    tl_free(rows);
    if (*moved) tl_roster_forget(s);
    tl_map_free(&s->players); /* cached ids may point at the wrong namesake now */
    tl_map_free(&s->born);
    return rc;
}
