/* import/intl.c: typed rows from the international results CSV files. */
#include "touchline/intl.h"

#include <string.h>

struct kind_def {
    const char *file;
    const char *cols[TL_INTL_MAX_COLS];
};

static const struct kind_def kinds[TL_INTL__COUNT] = {
    [TL_INTL_RESULTS] = {"results.csv",
                         {"date", "home_team", "away_team", "home_score", "away_score",
                          "tournament", "city", "country", "neutral"}},
    [TL_INTL_GOALS] = {"goalscorers.csv",
                       {"date", "home_team", "away_team", "team", "scorer", "minute", "own_goal",
                        "penalty"}},
    [TL_INTL_SHOOTOUTS] = {"shootouts.csv",
                           {"date", "home_team", "away_team", "winner", "first_shooter"}},
    [TL_INTL_FORMER_NAMES] = {"former_names.csv", {"current", "former", "start_date", "end_date"}},
};

const char *tl_intl_file_name(enum tl_intl_kind k)
{
    return (unsigned)k < TL_INTL__COUNT ? kinds[k].file : "?";
}

static size_t ncols_of(enum tl_intl_kind k)
{
    size_t n = 0;
    while (n < TL_INTL_MAX_COLS && kinds[k].cols[n]) n++;
    return n;
}

tl_rc tl_intl_open(struct tl_intl_reader *r, enum tl_intl_kind kind, const char *buf, size_t len,
                   const char *file, struct tl_error *err)
{
    memset(r, 0, sizeof *r);
    r->kind = kind;
    tl_csv_init(&r->csv, buf, len, file);
    tl_buf_init(&r->strings, TL_CSV_MAX_FIELD * 2);
    tl_rc rc = tl_csv_next(&r->csv, err);
    if (rc == TL_EOF) {
        rc = tl_err_at(err, TL_EPARSE, file, 1, 1, "expected a header row (%s,...), found an empty file",
                       kinds[kind].cols[0]);
    }
    if (rc) goto fail;
    r->ncols = r->csv.nfields;
    size_t want = ncols_of(kind);
    for (size_t c = 0; c < want; c++) {
        r->col[c] = -1;
        for (size_t i = 0; i < r->csv.nfields; i++)
            if (tl_csv_eq(&r->csv.fields[i], kinds[kind].cols[c])) r->col[c] = (int)i;
        if (r->col[c] < 0) {
            rc = tl_err_at(err, TL_EPARSE, file, r->csv.rec_line, 1,
                           "expected a column named '%s' in the header of %s", kinds[kind].cols[c],
                           kinds[kind].file);
            goto fail;
        }
    }
    return TL_OK;
fail:
    tl_intl_close(r);
    return rc;
}

void tl_intl_close(struct tl_intl_reader *r)
{
    tl_csv_free(&r->csv);
    tl_buf_free(&r->strings);
}

size_t tl_intl_pos(const struct tl_intl_reader *r) { return r->csv.pos; }

/* ---- field helpers ---- */

static const struct tl_csv_field *fld(struct tl_intl_reader *r, int c)
{
    return &r->csv.fields[r->col[c]];
}

static tl_rc bad(struct tl_intl_reader *r, const struct tl_csv_field *f, struct tl_error *err,
                 const char *expected)
{
    int n = f->n > 60 ? 60 : (int)f->n;
    return tl_err_at(err, TL_EPARSE, r->csv.file, f->line, tl_csv_field_col(&r->csv, f),
                     "expected %s, found \"%.*s\"%s", expected, n, f->p, f->n > 60 ? "..." : "");
}

/* Copy a field into the record's string buffer; *out gets its offset + 1
 * (0 = NULL) so pointers can be fixed after the buffer stops growing. */
static tl_rc keep(struct tl_intl_reader *r, const struct tl_csv_field *f, size_t *out)
{
    *out = r->strings.len + 1;
    tl_rc rc = tl_buf_add(&r->strings, f->p, f->n);
    if (!rc) rc = tl_buf_addc(&r->strings, '\0');
    return rc;
}

static const char *ptr(struct tl_intl_reader *r, size_t off)
{
    return off ? r->strings.data + off - 1 : NULL;
}

static int is_na(const struct tl_csv_field *f) { return tl_csv_eq(f, "NA"); }

static tl_rc need_text(struct tl_intl_reader *r, int c, const char *what, size_t *out,
                       struct tl_error *err)
{
    const struct tl_csv_field *f = fld(r, c);
    if (f->n == 0) return bad(r, f, err, what);
    return keep(r, f, out);
}

static tl_rc opt_text(struct tl_intl_reader *r, int c, size_t *out)
{
    const struct tl_csv_field *f = fld(r, c);
    if (f->n == 0 || is_na(f)) {
        *out = 0;
        return TL_OK;
    }
    return keep(r, f, out);
}

static tl_rc date_field(struct tl_intl_reader *r, int c, char out[11], struct tl_error *err)
{
    const struct tl_csv_field *f = fld(r, c);
    struct tl_date d;
    if (tl_date_parse(f->p, f->n, &d) != 0) return bad(r, f, err, "a date YYYY-MM-DD");
    tl_date_format(d, out);
    return TL_OK;
}

/* A whole number 0..max, or NA (-> TL_NONE) when na_ok. */
static tl_rc int_field(struct tl_intl_reader *r, int c, int max, int na_ok, int *out,
                       const char *what, struct tl_error *err)
{
    const struct tl_csv_field *f = fld(r, c);
    if (na_ok && (is_na(f) || f->n == 0)) {
        *out = TL_NONE;
        return TL_OK;
    }
    if (f->n == 0 || f->n > 4) return bad(r, f, err, what);
    int v = 0;
    for (size_t i = 0; i < f->n; i++) {
        if (f->p[i] < '0' || f->p[i] > '9') return bad(r, f, err, what);
        v = v * 10 + (f->p[i] - '0');
    }
    if (v > max) return bad(r, f, err, what);
    *out = v;
    return TL_OK;
}

/* A minute: "54", "90+3" or NA. */
static tl_rc minute_field(struct tl_intl_reader *r, int c, int *minute, int *added,
                          struct tl_error *err)
{
    const struct tl_csv_field *f = fld(r, c);
    const char *what = "a minute (such as 54 or 90+3) or NA";
    *added = 0;
    if (is_na(f) || f->n == 0) {
        *minute = TL_NONE;
        return TL_OK;
    }
    int v = 0, a = 0, plus = 0, digits = 0;
    for (size_t i = 0; i < f->n; i++) {
        char ch = f->p[i];
        if (ch == '+' && !plus && digits) { plus = 1; digits = 0; continue; }
        if (ch < '0' || ch > '9' || digits >= 3) return bad(r, f, err, what);
        digits++;
        if (plus) a = a * 10 + (ch - '0'); else v = v * 10 + (ch - '0');
    }
    if (!digits || v > 200) return bad(r, f, err, what);
    *minute = v;
    *added = a;
    return TL_OK;
}

static tl_rc bool_field(struct tl_intl_reader *r, int c, int *out, struct tl_error *err)
{
    const struct tl_csv_field *f = fld(r, c);
    if (tl_csv_eq(f, "TRUE") || tl_csv_eq(f, "True") || tl_csv_eq(f, "true")) *out = 1;
    else if (tl_csv_eq(f, "FALSE") || tl_csv_eq(f, "False") || tl_csv_eq(f, "false")) *out = 0;
    else return bad(r, f, err, "TRUE or FALSE");
    return TL_OK;
}

/* ---- records ---- */

tl_rc tl_intl_next(struct tl_intl_reader *r, struct tl_intl_record *rec, struct tl_error *err)
{
    tl_rc rc = tl_csv_next(&r->csv, err);
    if (rc) return rc;
    memset(rec, 0, sizeof *rec);
    rec->kind = r->kind;
    tl_buf_reset(&r->strings);
    struct tl_csv *c = &r->csv;
    if (c->nfields != r->ncols) {
        const struct tl_csv_field *last = &c->fields[c->nfields - 1];
        long col = c->nfields < r->ncols ? tl_csv_col(c, last->line_start, last->off + last->n) + 0
                                          : tl_csv_field_col(c, &c->fields[r->ncols]);
        return tl_err_at(err, TL_EPARSE, c->file, last->line, col,
                         "expected %zu fields as in the header, found %zu", r->ncols, c->nfields);
    }
    struct tl_prov prov = {c->file, c->rec_line};
    size_t s[8] = {0};
    switch (r->kind) {
    case TL_INTL_RESULTS: {
        struct tl_match_rec *m = &rec->u.match;
        int neutral;
        if ((rc = date_field(r, 0, m->date, err)) ||
            (rc = need_text(r, 1, "a home team name", &s[0], err)) ||
            (rc = need_text(r, 2, "an away team name", &s[1], err)) ||
            (rc = int_field(r, 3, 99, 1, &m->score_home, "a score (a whole number) or NA", err)) ||
            (rc = int_field(r, 4, 99, 1, &m->score_away, "a score (a whole number) or NA", err)) ||
            (rc = need_text(r, 5, "a tournament name", &s[2], err)) ||
            (rc = opt_text(r, 6, &s[3])) || (rc = opt_text(r, 7, &s[4])) ||
            (rc = bool_field(r, 8, &neutral, err)))
            return rc;
        if ((m->score_home == TL_NONE) != (m->score_away == TL_NONE)) {
            const struct tl_csv_field *f = fld(r, m->score_home == TL_NONE ? 4 : 3);
            return bad(r, f, err, "NA for both scores or for neither");
        }
        m->neutral = neutral;
        m->home = ptr(r, s[0]);
        m->away = ptr(r, s[1]);
        m->tournament = ptr(r, s[2]);
        m->city = ptr(r, s[3]);
        m->country = ptr(r, s[4]);
        m->prov = prov;
        break;
    }
    case TL_INTL_GOALS: {
        struct tl_goal_rec *g = &rec->u.goal;
        if ((rc = date_field(r, 0, g->date, err)) ||
            (rc = need_text(r, 1, "a home team name", &s[0], err)) ||
            (rc = need_text(r, 2, "an away team name", &s[1], err)) ||
            (rc = need_text(r, 3, "the scoring team's name", &s[2], err)) ||
            (rc = opt_text(r, 4, &s[3])) ||
            (rc = minute_field(r, 5, &g->minute, &g->added, err)) ||
            (rc = bool_field(r, 6, &g->own_goal, err)) ||
            (rc = bool_field(r, 7, &g->penalty, err)))
            return rc;
        g->home = ptr(r, s[0]);
        g->away = ptr(r, s[1]);
        g->team = ptr(r, s[2]);
        g->scorer = ptr(r, s[3]);
        if (strcmp(g->team, g->home) != 0 && strcmp(g->team, g->away) != 0)
            return bad(r, fld(r, 3), err, "the home or the away team");
        g->prov = prov;
        break;
    }
    case TL_INTL_SHOOTOUTS: {
        struct tl_shootout_rec *so = &rec->u.shootout;
        if ((rc = date_field(r, 0, so->date, err)) ||
            (rc = need_text(r, 1, "a home team name", &s[0], err)) ||
            (rc = need_text(r, 2, "an away team name", &s[1], err)) ||
            (rc = need_text(r, 3, "the winning team's name", &s[2], err)) ||
            (rc = opt_text(r, 4, &s[3])))
            return rc;
        so->home = ptr(r, s[0]);
        so->away = ptr(r, s[1]);
        so->winner = ptr(r, s[2]);
        so->first_shooter = ptr(r, s[3]);
        if (strcmp(so->winner, so->home) != 0 && strcmp(so->winner, so->away) != 0)
            return bad(r, fld(r, 3), err, "the home or the away team");
        if (so->first_shooter && strcmp(so->first_shooter, so->home) != 0 &&
            strcmp(so->first_shooter, so->away) != 0)
            return bad(r, fld(r, 4), err, "the home or the away team, or nothing");
        so->prov = prov;
        break;
    }
    case TL_INTL_FORMER_NAMES: {
        struct tl_former_name_rec *fn = &rec->u.former;
        if ((rc = need_text(r, 0, "the current team name", &s[0], err)) ||
            (rc = need_text(r, 1, "the former name", &s[1], err)) ||
            (rc = date_field(r, 2, fn->start, err)) || (rc = date_field(r, 3, fn->end, err)))
            return rc;
        if (strcmp(fn->start, fn->end) > 0)
            return bad(r, fld(r, 3), err, "an end date on or after the start date");
        fn->current = ptr(r, s[0]);
        fn->former = ptr(r, s[1]);
        fn->prov = prov;
        break;
    }
    default:
        return tl_err(err, TL_EUSAGE, "unknown international file kind");
    }
    return TL_OK;
}
