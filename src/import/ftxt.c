/* import/ftxt.c: the football.txt pull reader (see ftxt.h for the contract).
 *
 * Lines are classified in this order: blank, comment (#), heading (= / ==),
 * group definition (Group X | ...), round heading (▪ / ▪▪), squad player
 * (inside a squad file), referees (Refs:), lineup (Team: ...), then the
 * "lead" of a line is parsed (match number, date, time, UTC offset): a lead
 * alone is a date line, a lead with "@ venue" alone is a full-file match
 * header, anything else must be a match. A goal list "(...)" may follow a
 * match on the next lines; its parentheses may span lines. */
#include "touchline/ftxt.h"

#include <ctype.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#define ARENA_CAP ((size_t)1 << 17)
#define MAX_SEGS 64
#define SQUARE "\xE2\x96\xAA" /* ▪ */

const char *tl_ft_kind_name(enum tl_ft_kind k)
{
    static const char *const n[] = {"edition",  "group_def", "round_def",  "stage",
                                    "match",    "lineup",    "referees",   "shootout",
                                    "squad_team", "squad_player"};
    return (unsigned)k < sizeof n / sizeof *n ? n[k] : "?";
}

/* ---- the arena: a fixed block, so pointers into it stay valid ---- */

static char *keep(struct tl_ft_reader *r, const char *s, size_t n)
{
    if (!r->arena.data || r->arena.len + n + 1 > ARENA_CAP) return NULL;
    char *d = r->arena.data + r->arena.len;
    memcpy(d, s, n);
    d[n] = '\0';
    r->arena.len += n + 1;
    return d;
}

void tl_ft_init(struct tl_ft_reader *r, const char *buf, size_t len, const char *file)
{
    memset(r, 0, sizeof *r);
    r->buf = buf;
    r->len = len;
    r->file = file;
    r->line = 1;
    tl_buf_init(&r->ctx, 4096);
    tl_buf_init(&r->text, (size_t)1 << 16);
    tl_buf_init(&r->arena, ARENA_CAP);
    r->arena.data = tl_malloc(ARENA_CAP); /* checked in tl_ft_next */
    r->arena.alloc = r->arena.data ? ARENA_CAP : 0;
    if (len >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0) r->pos = 3;
}

char *tl_ft_arena_new(void) { return tl_malloc(ARENA_CAP); }

tl_rc tl_ft_next_into(struct tl_ft_reader *r, struct tl_ft_record *rec, char *arena,
                      struct tl_error *err)
{
    char *own = r->arena.data;
    r->arena.data = arena;
    tl_rc rc = tl_ft_next(r, rec, err);
    /* the stage, group and squad names are the reader's (ctx): copied */
    const char **in_ctx[2] = {NULL, NULL};
    if (rc == TL_OK && rec->kind == TL_FT_MATCH) {
        in_ctx[0] = &rec->u.match.stage;
        in_ctx[1] = &rec->u.match.group;
    } else if (rc == TL_OK && rec->kind == TL_FT_SQUAD_PLAYER) {
        in_ctx[0] = &rec->u.squad_player.team;
    }
    for (int i = 0; i < 2 && !rc; i++)
        if (in_ctx[i] && *in_ctx[i] && !(*in_ctx[i] = keep(r, *in_ctx[i], strlen(*in_ctx[i]))))
            rc = tl_err_at(err, TL_ELIMIT, r->file, rec->line, 1, "record too long");
    r->arena.data = own;
    return rc;
}

void tl_ft_free(struct tl_ft_reader *r)
{
    tl_buf_free(&r->ctx);
    tl_buf_free(&r->text);
    tl_buf_free(&r->arena);
    tl_free(r->text_lines);
    tl_free(r->text_starts);
}

/* ---- physical lines ---- */

struct line {
    const char *s; /* start (in buf) */
    size_t n;      /* length without the line end */
    long no;       /* line number */
};

static int next_line(struct tl_ft_reader *r, struct line *l)
{
    if (r->pos >= r->len) return 0;
    size_t s = r->pos;
    const char *nl = memchr(r->buf + s, '\n', r->len - s);
    size_t e = nl ? (size_t)(nl - r->buf) : r->len;
    l->s = r->buf + s;
    l->n = e - s;
    if (l->n && l->s[l->n - 1] == '\r') l->n--;
    l->no = r->line++;
    r->pos = e < r->len ? e + 1 : e;
    return 1;
}

/* The first byte from i on below 0x20 other than a tab, or n. Eight bytes
 * a step while none is below 0x20 (the has-a-byte-less-than test of a
 * 64-bit word: never misses one; a word with a tab is looked at byte by
 * byte). */
static size_t control_at(const char *s, size_t i, size_t n)
{
    const uint64_t ones = 0x0101010101010101ull, highs = 0x8080808080808080ull;
    for (; i + 8 <= n; i += 8) {
        uint64_t w;
        memcpy(&w, s + i, 8);
        if ((w - ones * 0x20) & ~w & highs) break;
    }
    for (; i < n; i++)
        if ((unsigned char)s[i] < 0x20 && s[i] != '\t') return i;
    return n;
}

static void clear_record(struct tl_ft_record *rec, long line)
{
    memset(rec, 0, sizeof *rec);
    rec->line = line;
}

static int is_blank(const struct line *l)
{
    for (size_t i = 0; i < l->n; i++)
        if (!isspace((unsigned char)l->s[i])) return 0;
    return 1;
}

static size_t indent(const struct line *l)
{
    size_t i = 0;
    while (i < l->n && (l->s[i] == ' ' || l->s[i] == '\t')) i++;
    return i;
}

/* ---- the logical text: one or more physical lines joined by a space ---- */

struct seg {
    size_t text_off;   /* where this line's bytes start in r->text */
    const char *src;   /* the same bytes in buf */
    const char *lstart; /* the physical line's first byte */
    long no;
};

struct text {
    struct seg seg[MAX_SEGS];
    int nseg;
};

static tl_rc text_reset(struct tl_ft_reader *r, struct text *t)
{
    tl_buf_reset(&r->text);
    t->nseg = 0;
    return tl_buf_add(&r->text, "", 0);
}

/* Append bytes [from, from+n) of line l. */
static tl_rc text_add(struct tl_ft_reader *r, struct text *t, const struct line *l, size_t from,
                      size_t n)
{
    if (t->nseg == MAX_SEGS) return TL_ELIMIT;
    if (r->text.len) {
        tl_rc rc = tl_buf_addc(&r->text, ' ');
        if (rc) return rc;
    }
    t->seg[t->nseg] = (struct seg){r->text.len, l->s + from, l->s, l->no};
    t->nseg++;
    return tl_buf_add(&r->text, l->s + from, n);
}

/* Line and column of byte off of the logical text. */
static void text_where(const struct text *t, size_t off, long *line, long *col)
{
    int k = 0;
    while (k + 1 < t->nseg && t->seg[k + 1].text_off <= off) k++;
    const struct seg *s = &t->seg[k];
    const char *p = s->src + (off > s->text_off ? off - s->text_off : 0);
    long c = 1;
    for (const char *q = s->lstart; q < p; q++)
        if (((unsigned char)*q & 0xC0) != 0x80) c++;
    *line = s->no;
    *col = c;
}

/* The line's own text for messages: at most cap-4 bytes, whole characters. */
static void excerpt(const char *s, size_t n, char *out, size_t cap)
{
    while (n && isspace((unsigned char)*s)) s++, n--;
    while (n && isspace((unsigned char)s[n - 1])) n--;
    size_t k = n < cap - 4 ? n : cap - 4;
    while (k > 0 && k < n && ((unsigned char)s[k] & 0xC0) == 0x80) k--; /* whole characters */
    memcpy(out, s, k);
    strcpy(out + k, k < n ? "..." : "");
}

/* An error at byte off of the logical text; fmt has one %s for what was
 * found (shortened to 100 bytes). */
__attribute__((noinline)) static tl_rc fail_at(struct tl_ft_reader *r, const struct text *t,
                                               size_t off, struct tl_error *err, const char *fmt,
                                               const char *found)
{
    long line, col;
    text_where(t, off, &line, &col);
    char ex[104], msg[400];
    excerpt(found, strlen(found), ex, sizeof ex);
    snprintf(msg, sizeof msg, fmt, ex);
    return tl_err_at(err, TL_EPARSE, r->file, line, col, "%s", msg);
}

static tl_rc unknown_line(struct tl_ft_reader *r, const struct line *l, struct tl_error *err,
                          const char *expected)
{
    char ex[100];
    excerpt(l->s, l->n, ex, sizeof ex);
    return tl_err_at(err, TL_EPARSE, r->file, l->no, (long)indent(l) + 1,
                     "expected %s, found \"%s\"", expected, ex);
}

/* ---- small scanners over a NUL-terminated string ---- */

static size_t skip_ws(const char *s, size_t i)
{
    while (s[i] == ' ' || s[i] == '\t') i++;
    return i;
}

static int starts(const char *s, const char *p) { return strncmp(s, p, strlen(p)) == 0; }

/* Does the physical line text p[0..n) (not NUL-terminated) start with prefix? */
static int line_starts(const char *p, size_t n, const char *prefix)
{
    size_t k = strlen(prefix);
    return n >= k && memcmp(p, prefix, k) == 0;
}

/* A whole number of 1..maxd digits at s[i]; returns digits used (0 = none). */
static size_t number(const char *s, size_t i, int maxd, int *v)
{
    size_t k = 0;
    int x = 0;
    while (isdigit((unsigned char)s[i + k]) && (int)k < maxd) x = x * 10 + (s[i + k++] - '0');
    if (!k || isdigit((unsigned char)s[i + k])) return 0;
    *v = x;
    return k;
}

/* Trim [a, b) and keep it in the arena; NULL for an empty result. */
static const char *keep_trim(struct tl_ft_reader *r, const char *s, size_t a, size_t b)
{
    while (a < b && isspace((unsigned char)s[a])) a++;
    while (b > a && isspace((unsigned char)s[b - 1])) b--;
    if (a == b) return NULL;
    return keep(r, s + a, b - a);
}

/* ---- dates ---- */

static int month_of(const char *s, size_t *len)
{
    static const char *const full[] = {"january", "february", "march",     "april",
                                       "may",     "june",     "july",      "august",
                                       "september", "october", "november", "december"};
    size_t n = 0;
    while (isalpha((unsigned char)s[n])) n++;
    if (n < 3) return 0;
    for (int m = 0; m < 12; m++) {
        if (strncasecmp(s, full[m], 3) != 0) continue;
        if (n == 3 || (n == 4 && m == 8 && tolower((unsigned char)s[3]) == 't') ||
            (n <= strlen(full[m]) && strncasecmp(s, full[m], n) == 0)) {
            *len = n;
            if (s[n] == '.') (*len)++;
            return m + 1;
        }
    }
    return 0;
}

static size_t weekday_word(const char *s)
{
    static const char *const d[] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};
    size_t n = 0;
    while (isalpha((unsigned char)s[n])) n++;
    if (n < 3) return 0;
    for (int k = 0; k < 7; k++)
        if (strncasecmp(s, d[k], 3) == 0) {
            static const char *const full[] = {"monday", "tuesday", "wednesday", "thursday",
                                               "friday", "saturday", "sunday"};
            if (n != 3 && !(n <= strlen(full[k]) && strncasecmp(s, full[k], n) == 0)) return 0;
            return n + (s[n] == '.' ? 1 : 0);
        }
    return 0;
}

/* [Weekday] Month Day [Year] | [Weekday] Day Month [Year] at s[i]. Returns
 * the length consumed (0 = no date) and the date via y/m/d. */
static size_t date_at(const char *s, size_t i, int *y, int *m, int *d)
{
    size_t j = i, k;
    if ((k = weekday_word(s + j))) {
        j = skip_ws(s, j + k);
    }
    int day = 0, mon = 0, year = 0;
    size_t ml;
    if ((mon = month_of(s + j, &ml))) {
        size_t t = skip_ws(s, j + ml);
        if (!(k = number(s, t, 2, &day))) return 0;
        j = t + k;
    } else if ((k = number(s, j, 2, &day))) {
        size_t t = skip_ws(s, j + k);
        if (!(mon = month_of(s + t, &ml))) return 0;
        j = t + ml;
    } else {
        return 0;
    }
    size_t t = skip_ws(s, j);
    if ((k = number(s, t, 4, &year)) == 4) j = t + k;
    else year = 0;
    if (s[j] && s[j] != ' ' && s[j] != '\t') return 0;
    *y = year;
    *m = mon;
    *d = day;
    return j - i;
}

/* A real calendar date from year (or the edition's), month and day. */
static int set_date(struct tl_ft_reader *r, int y, int m, int d, char out[11])
{
    if (!y) y = r->year;
    if (y < 1800 || y > 9999 || m < 1 || m > 12 || d < 1 || d > 31) return -1;
    struct tl_date dt = {y, m, d}, check;
    char tmp[11];
    tl_date_format(dt, tmp);
    if (tl_date_parse(tmp, 10, &check) != 0) return -1; /* 31 June, 29 February 1930 */
    memcpy(out, tmp, 11);
    return 0;
}

/* ---- the lead of a line: (N) date time UTC±H ---- */

struct lead {
    int number;
    int has_date, y, m, d;
    char time[6];
    int utc;
    size_t end; /* where the rest starts */
};

static void parse_lead(const char *s, struct lead *L)
{
    memset(L, 0, sizeof *L);
    L->utc = TL_NONE;
    size_t i = skip_ws(s, 0), k;
    int v;
    if (s[i] == '(' && (k = number(s, i + 1, 3, &v)) && s[i + 1 + k] == ')') {
        L->number = v;
        i = skip_ws(s, i + k + 2);
    }
    if ((k = date_at(s, i, &L->y, &L->m, &L->d))) {
        L->has_date = 1;
        i = skip_ws(s, i + k);
    }
    int hh, mm;
    size_t a, b;
    if ((a = number(s, i, 2, &hh)) && (s[i + a] == ':' || s[i + a] == '.') &&
        (b = number(s, i + a + 1, 2, &mm)) == 2 && hh < 24 && mm < 60 &&
        (s[i + a + 3] == ' ' || s[i + a + 3] == '\0' || s[i + a + 3] == '\t')) {
        L->time[0] = (char)('0' + hh / 10);
        L->time[1] = (char)('0' + hh % 10);
        L->time[2] = ':';
        L->time[3] = (char)('0' + mm / 10);
        L->time[4] = (char)('0' + mm % 10);
        L->time[5] = '\0';
        i = skip_ws(s, i + a + 3);
        if (starts(s + i, "UTC") && (s[i + 3] == '+' || s[i + 3] == '-')) {
            int sign = s[i + 3] == '-' ? -1 : 1, oh, om = 0;
            size_t c = number(s, i + 4, 2, &oh);
            if (c) {
                size_t j = i + 4 + c;
                if (s[j] == ':' && number(s, j + 1, 2, &om) == 2) j += 3;
                if (oh <= 14 && om < 60 && (s[j] == ' ' || s[j] == '\0' || s[j] == '\t')) {
                    L->utc = sign * (oh * 60 + om);
                    i = skip_ws(s, j);
                }
            }
        }
    }
    L->end = i;
}

/* ---- scores ---- */

/* "2-1" or "2–1" at s[i]. */
static size_t pair_at(const char *s, size_t i, int v[2])
{
    size_t k = number(s, i, 2, &v[0]), j;
    if (!k) return 0;
    j = skip_ws(s, i + k);
    if (s[j] == '-') j++;
    else if (starts(s + j, "\xE2\x80\x93")) j += 3; /* en dash */
    else return 0;
    j = skip_ws(s, j);
    size_t k2 = number(s, j, 2, &v[1]);
    if (!k2) return 0;
    return j + k2 - i;
}

static size_t word_at(const char *s, size_t i, const char *const *words)
{
    for (; *words; words++) {
        size_t n = strlen(*words);
        if (strncasecmp(s + i, *words, n) == 0 && !isalnum((unsigned char)s[i + n])) return n;
    }
    return 0;
}

static const char *const AET[] = {"a.e.t.", "a.e.t", "aet", NULL};
static const char *const PEN[] = {"pen.", "pen", "p.", NULL};
static const char *const AWD[] = {"awd.", "awd", "w/o", NULL};
static const char *const ABD[] = {"abd.", "abd", NULL};

static void set2(int d[2], const int s[2])
{
    d[0] = s[0];
    d[1] = s[1];
}

/* A score expression at s[i], as the files write it:
 *   2-1 | 2-1 (1-0) | 1-1 a.e.t. (1-1, 1-0), 3-4 pen. | 3-3 a.e.t., 4-2 pen.
 *   0-3 pen. 0-0 a.e.t. (0-0) | 3-0 awd. | 1-0 abd.
 * Fills m's scores and status; returns the length (0 = not a score). */
static size_t score_at(const char *s, size_t i, struct tl_ft_match *m)
{
    int p[2], q[2], w[2];
    size_t j = i, k;
    int have_pen = 0, have_aet = 0, have_ft = 0;
    int pen[2] = {TL_NONE, TL_NONE}, aet[2] = {TL_NONE, TL_NONE}, ft[2] = {TL_NONE, TL_NONE},
        ht[2] = {TL_NONE, TL_NONE};
    enum tl_ft_status st = TL_FT_PLAYED;
    for (int part = 0; part < 2; part++) {
        size_t t = skip_ws(s, j);
        if (part == 1) { /* a second part: ", 3-4 pen." or " 0-0 a.e.t. (...)" */
            if (s[t] == ',') t = skip_ws(s, t + 1);
            if (!(k = pair_at(s, t, p))) break;
        } else if (!(k = pair_at(s, t, p))) {
            return 0;
        }
        size_t after = t + k, u = skip_ws(s, after), wl;
        if ((wl = word_at(s, u, PEN))) {
            if (have_pen) break;
            set2(pen, p);
            have_pen = 1;
            j = u + wl;
            continue;
        }
        if ((wl = word_at(s, u, AET))) {
            if (have_aet || have_ft) break;
            set2(aet, p);
            have_aet = 1;
            after = u + wl;
        } else {
            if (have_ft || have_aet) break;
            set2(ft, p);
            have_ft = 1;
        }
        j = after;
        u = skip_ws(s, after);
        /* (ht) after a plain score; (ft) or (ft, ht) after a.e.t. */
        if (s[u] == '(' && (k = pair_at(s, skip_ws(s, u + 1), q))) {
            size_t v = skip_ws(s, skip_ws(s, u + 1) + k);
            int two = 0;
            if (s[v] == ',') {
                size_t x = pair_at(s, skip_ws(s, v + 1), w);
                if (x) {
                    v = skip_ws(s, skip_ws(s, v + 1) + x);
                    two = 1;
                }
            }
            if (s[v] == ')') {
                if (have_aet) {
                    set2(ft, q);
                    if (two) set2(ht, w);
                } else {
                    set2(ht, q);
                }
                j = v + 1;
            }
        }
        size_t z = skip_ws(s, j);
        if ((wl = word_at(s, z, AWD))) {
            st = TL_FT_AWARDED;
            j = z + wl;
        } else if ((wl = word_at(s, z, ABD))) {
            st = TL_FT_ABANDONED;
            j = z + wl;
        }
        if (part == 0 && !have_pen) {
            /* a shootout may follow: ", 3-4 pen." */
            size_t y = skip_ws(s, j);
            if (s[y] == ',') {
                size_t yy = skip_ws(s, y + 1);
                if ((k = pair_at(s, yy, p)) && (wl = word_at(s, skip_ws(s, yy + k), PEN))) {
                    set2(pen, p);
                    have_pen = 1;
                    j = skip_ws(s, yy + k) + wl;
                }
            }
            break;
        }
    }
    if (!have_ft && !have_aet) return 0; /* "3-4 pen." alone is not a result */
    set2(m->pen, pen);
    set2(m->aet, aet);
    set2(m->ft, ft);
    set2(m->ht, ht);
    if (have_aet) set2(m->score, aet);
    else set2(m->score, ft);
    m->status = st;
    return j - i;
}

/* ---- teams ---- */

/* Is a team name a bracket slot (W49, L101, 1A, 3A/B/C/D/F, N.N.)? */
static int is_slot(const char *t)
{
    if (!t) return 0;
    if (strcmp(t, "N.N.") == 0) return 1;
    if ((t[0] == 'W' || t[0] == 'L') && isdigit((unsigned char)t[1])) {
        for (const char *p = t + 1; *p; p++)
            if (!isdigit((unsigned char)*p)) return 0;
        return 1;
    }
    if (isdigit((unsigned char)t[0]) && isupper((unsigned char)t[1])) {
        for (const char *p = t + 2; *p; p++)
            if (*p != '/' && !isupper((unsigned char)*p)) return 0;
        return 1;
    }
    return 0;
}

/* Split "TEAM1  SCORE  TEAM2", "TEAM1 v TEAM2 [SCORE]" or "TEAM1 n/p TEAM2". */
static tl_rc parse_teams(struct tl_ft_reader *r, const struct text *t, const char *s, size_t a,
                         size_t b, struct tl_ft_match *m, struct tl_error *err)
{
    char tmp[TL_FT_MAX_LINE];
    size_t n = b - a < sizeof tmp - 1 ? b - a : sizeof tmp - 1;
    memcpy(tmp, s + a, n);
    tmp[n] = '\0';
    size_t split = 0, after = 0;
    /* T1 v T2 [score] */
    for (size_t i = 1; i + 2 < n; i++)
        if (tmp[i - 1] == ' ' && tmp[i] == 'v' && tmp[i + 1] == ' ') {
            split = i;
            after = i + 1;
            m->status = TL_FT_SCHEDULED;
            /* a score after the second team */
            for (size_t j = after + 1; j < n; j++)
                if (tmp[j - 1] == ' ' && isdigit((unsigned char)tmp[j])) {
                    struct tl_ft_match probe = *m;
                    size_t k = score_at(tmp, j, &probe);
                    if (k && (tmp[j + k] == '\0' || tmp[j + k] == ' ')) {
                        *m = probe;
                        m->team[1] = keep_trim(r, tmp, after, j);
                        if (skip_ws(tmp, j + k) != n)
                            return fail_at(r, t, a + skip_ws(tmp, j + k), err,
                                           "expected the end of the match line after the "
                                           "score, found \"%s\"",
                                           tmp + skip_ws(tmp, j + k));
                        goto first;
                    }
                }
            m->team[1] = keep_trim(r, tmp, after, n);
            goto first;
        }
    /* T1 n/p T2 */
    for (size_t i = 1; i + 4 < n; i++)
        if (tmp[i - 1] == ' ' && strncmp(tmp + i, "n/p ", 4) == 0) {
            split = i;
            m->status = TL_FT_CANCELLED;
            m->team[1] = keep_trim(r, tmp, i + 3, n);
            goto first;
        }
    /* T1 score T2 */
    for (size_t j = 1; j < n; j++)
        if (tmp[j - 1] == ' ' && isdigit((unsigned char)tmp[j])) {
            size_t k = score_at(tmp, j, m);
            if (k && (tmp[j + k] == ' ' || tmp[j + k] == '\0')) {
                split = j;
                m->team[1] = keep_trim(r, tmp, j + k, n);
                goto first;
            }
        }
    fail_at(r, t, a, err, "expected a match: TEAM  SCORE  TEAM or TEAM v TEAM, found \"%s\"", tmp);
    return TL_ENOTFOUND; /* not a match at all: the caller decides how to say so */
first:
    m->team[0] = keep_trim(r, tmp, 0, split);
    if (!m->team[0] || !m->team[1])
        return fail_at(r, t, a, err, "expected two team names around the score, found \"%s\"",
                       tmp);
    m->slot[0] = is_slot(m->team[0]);
    m->slot[1] = is_slot(m->team[1]);
    return TL_OK;
}

/* "@ Venue, City[, Att: 67372]" in s[a..b). */
static void parse_venue(struct tl_ft_reader *r, const char *s, size_t a, size_t b,
                        struct tl_ft_match *m)
{
    size_t e = b;
    const char *att = NULL;
    for (size_t i = a; i + 5 <= b; i++)
        if (strncmp(s + i, "Att:", 4) == 0) att = s + i;
    if (att) {
        int v = 0;
        const char *p = att + 4;
        while (*p == ' ') p++;
        long x = 0;
        int digits = 0;
        while (isdigit((unsigned char)*p) || *p == ',') {
            if (*p != ',' && ++digits <= 9) x = x * 10 + (*p - '0');
            p++;
        }
        (void)v;
        if (digits && digits <= 9) m->attendance = x; /* no stadium holds a billion */
        e = (size_t)(att - s);
        while (e > a && (s[e - 1] == ' ' || s[e - 1] == ',')) e--;
    }
    size_t comma = 0;
    for (size_t i = a; i < e; i++)
        if (s[i] == ',') comma = i;
    if (comma) {
        m->venue = keep_trim(r, s, a, comma);
        m->city = keep_trim(r, s, comma + 1, e);
    } else {
        m->venue = keep_trim(r, s, a, e);
    }
}

/* ---- goals: "(Name 12', 45+1'(p) Other 90'; -)" ---- */

static int minute_at(const char *s, size_t i, int *min, int *add, size_t *len)
{
    int a = 0, b = 0;
    size_t k = number(s, i, 3, &a), j;
    if (!k) return 0;
    j = i + k;
    if (s[j] == '+') {
        size_t k2 = number(s, j + 1, 2, &b);
        if (!k2) return 0;
        j += 1 + k2;
    }
    if (s[j] != '\'') return 0;
    *min = a;
    *add = b;
    *len = j + 1 - i;
    return 1;
}

/* After a minute: (pen.) (p) (o.g.) (og) pen og. Returns length and flags. */
static size_t goal_note(const char *s, size_t i, int *pen, int *og)
{
    static const char *const pens[] = {"(pen.)", "(pen)", "(p)", "pen.", "pen", NULL};
    static const char *const ogs[] = {"(o.g.)", "(og)", "o.g.", "og", NULL};
    size_t j = skip_ws(s, i);
    for (int k = 0; pens[k]; k++) {
        size_t n = strlen(pens[k]);
        if (strncmp(s + j, pens[k], n) == 0 && !isalnum((unsigned char)s[j + n])) {
            *pen = 1;
            return j + n - i;
        }
    }
    for (int k = 0; ogs[k]; k++) {
        size_t n = strlen(ogs[k]);
        if (strncmp(s + j, ogs[k], n) == 0 && !isalnum((unsigned char)s[j + n])) {
            *og = 1;
            return j + n - i;
        }
    }
    return 0;
}

static tl_rc parse_goals(struct tl_ft_reader *r, const struct text *t, struct tl_ft_match *m,
                         struct tl_error *err)
{
    const char *s = r->text.data;
    size_t n = r->text.len;
    /* s[0] is '(' and the matching ')' ends the list */
    size_t end = n;
    int depth = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '(') depth++;
        if (s[i] == ')' && --depth == 0) {
            end = i;
            break;
        }
    }
    if (end < n && skip_ws(s, end + 1) < n)
        return fail_at(r, t, skip_ws(s, end + 1), err,
                       "expected nothing after the goal list, found \"%s\"", s + skip_ws(s, end + 1));
    m->goals_listed = 1;
    int side = 0, semis = 0;
    const char *name = NULL;
    size_t i = 1;
    while (i < end) {
        i = skip_ws(s, i);
        if (i >= end) break;
        char c = s[i];
        if (c == ',') { i++; continue; }
        if (c == ';') {
            semis++;
            if (side == 1)
                return fail_at(r, t, i, err, "expected one ';' between the teams' goals, found \"%s\"",
                               ";");
            side = 1;
            name = NULL;
            i++;
            continue;
        }
        if (c == '-' && (s[skip_ws(s, i + 1)] == ';' || skip_ws(s, i + 1) >= end)) {
            i++; /* "-" : no goals for this side */
            continue;
        }
        int mn, ad, pen = 0, og = 0;
        size_t len;
        if (minute_at(s, i, &mn, &ad, &len)) {
            if (!name)
                return fail_at(r, t, i, err, "expected a scorer's name before the minute, found \"%s\"",
                               "'");
            i += len;
            i += goal_note(s, i, &pen, &og);
            if (m->ngoals == TL_FT_MAX_GOALS) {
                long line, col;
                text_where(t, i, &line, &col);
                return tl_err_at(err, TL_ELIMIT, r->file, line, col,
                                 "expected at most %d goals in a match", TL_FT_MAX_GOALS);
            }
            long line, col;
            text_where(t, i, &line, &col);
            m->goals[m->ngoals++] = (struct tl_ft_goal){side, name, mn, ad, pen, og, line};
            continue;
        }
        if (isdigit((unsigned char)c)) {
            char tok[40];
            size_t k = 0;
            while (i + k < end && s[i + k] != ' ' && k < sizeof tok - 1) tok[k] = s[i + k], k++;
            tok[k] = '\0';
            return fail_at(r, t, i, err, "expected a minute such as 45' or 90+3', found \"%s\"",
                           tok);
        }
        /* a name: words up to the next minute, ';' or the end */
        size_t a = i, b = i;
        while (b < end && s[b] != ';' && s[b] != ',') {
            if ((b == a || s[b - 1] == ' ') && minute_at(s, b, &mn, &ad, &len)) break;
            b++;
        }
        name = keep_trim(r, s, a, b);
        if (!name) {
            long line, col;
            text_where(t, a, &line, &col);
            return tl_err_at(err, TL_ELIMIT, r->file, line, col,
                             "expected a match record of at most %zu bytes of names", ARENA_CAP);
        }
        if (b < end && s[b] == ',') {
            char tok[80];
            excerpt(s + a, b - a, tok, sizeof tok);
            return fail_at(r, t, a, err, "expected a minute after the scorer, found \"%s\"", tok);
        }
        if (b >= end || s[b] == ';') {
            char tok[80];
            excerpt(s + a, b - a, tok, sizeof tok);
            return fail_at(r, t, a, err, "expected a minute after the scorer, found \"%s\"", tok);
        }
        i = b;
    }
    /* One list without ';' belongs to the only team that scored:
     * "Cameroon v Germany 0-2 (Marco BODE 50', Miroslav KLOSE 79')". */
    if (!semis && m->ngoals > 0) {
        if (m->score[0] == 0 && m->score[1] > 0) {
            for (int g = 0; g < m->ngoals; g++) m->goals[g].side = 1;
        } else if (m->score[0] > 0 && m->score[1] > 0) {
            return fail_at(r, t, 0, err,
                           "expected ';' between the two teams' goals (both scored), found \"%s\"",
                           s);
        }
    }
    return TL_OK;
}

/* Read the goal list that may follow a match: "(" on one of the next lines
 * (after blank ones), running to its closing parenthesis. */
static tl_rc maybe_goals(struct tl_ft_reader *r, struct tl_ft_match *m, struct tl_error *err)
{
    size_t save_pos = r->pos;
    long save_line = r->line;
    struct line l;
    while (next_line(r, &l) && is_blank(&l)) {}
    int numbered = 0; /* "(75) 1A v 2B" is the next match, not a goal list */
    if (r->pos != save_pos && !is_blank(&l) && l.s[indent(&l)] == '(') {
        size_t d = indent(&l) + 1;
        while (d < l.n && isdigit((unsigned char)l.s[d])) d++;
        numbered = d > indent(&l) + 1 && d < l.n && l.s[d] == ')';
    }
    if (r->pos == save_pos || is_blank(&l) || l.s[indent(&l)] != '(' || numbered) {
        r->pos = save_pos;
        r->line = save_line;
        return TL_OK;
    }
    struct text t;
    tl_rc rc = text_reset(r, &t);
    int depth = 0;
    for (;;) {
        size_t a = indent(&l), b = l.n;
        while (b > a && isspace((unsigned char)l.s[b - 1])) b--;
        if (!rc) rc = text_add(r, &t, &l, a, b - a);
        if (rc) return tl_err_at(err, rc, r->file, l.no, 1, "goal list too long");
        for (size_t i = a; i < b; i++) {
            if (l.s[i] == '(') depth++;
            if (l.s[i] == ')') depth--;
        }
        if (depth <= 0) break;
        if (!next_line(r, &l))
            return fail_at(r, &t, 0, err, "expected ')' to close the goal list opened here%s", "");
        if (is_blank(&l))
            return fail_at(r, &t, 0, err, "expected ')' to close the goal list opened here%s", "");
    }
    return parse_goals(r, &t, m, err);
}

/* ---- lineups: "Team: GK - DF, DF (60' SUB [Y 70']), ... - FW [c]" ---- */

static size_t booking_at(const char *s, size_t i, struct tl_ft_booking *b)
{
    enum tl_ft_card card;
    size_t j;
    if (starts(s + i, "[Y/R ")) card = TL_FT_SECOND_YELLOW, j = i + 5;
    else if (starts(s + i, "[Y ")) card = TL_FT_YELLOW, j = i + 3;
    else if (starts(s + i, "[R ")) card = TL_FT_RED, j = i + 3;
    else return 0;
    int mn, ad;
    size_t len;
    if (!minute_at(s, j, &mn, &ad, &len) || s[j + len] != ']') return 0;
    *b = (struct tl_ft_booking){card, mn, ad};
    return j + len + 1 - i;
}

/* One player and the substitutes who replaced him, recursively. */
static tl_rc lineup_player(struct tl_ft_reader *r, const struct text *t, const char *s, size_t *pi,
                           struct tl_ft_lineup *lu, int starter, int replaced, int on_min,
                           int on_add, struct tl_error *err)
{
    size_t i = skip_ws(s, *pi), a = i;
    while (s[i] && s[i] != ',' && s[i] != '(' && s[i] != '[' && s[i] != ')' &&
           !(s[i] == ' ' && s[i + 1] == '-' && s[i + 2] == ' ') &&
           !(s[i] == ' ' && s[i + 1] == '\xE2' && s[i + 2] == '\x80' && s[i + 3] == '\x93'))
        i++;
    const char *name = keep_trim(r, s, a, i);
    if (!name)
        return fail_at(r, t, a, err, "expected a player's name, found \"%s\"", s[a] ? s + a : "");
    if (lu->nplayers == TL_FT_MAX_LINEUP) {
        long line, col;
        text_where(t, a, &line, &col);
        return tl_err_at(err, TL_ELIMIT, r->file, line, col, "expected at most %d players",
                         TL_FT_MAX_LINEUP);
    }
    int me = lu->nplayers++;
    struct tl_ft_player *p = &lu->players[me];
    memset(p, 0, sizeof *p);
    p->name = name;
    p->starter = starter;
    p->replaced = replaced;
    p->on_minute = on_min;
    p->on_added = on_add;
    for (;;) {
        i = skip_ws(s, i);
        if (starts(s + i, "[c]")) {
            p->captain = 1;
            i += 3;
            continue;
        }
        struct tl_ft_booking b;
        size_t k;
        if (s[i] == '[' && (k = booking_at(s, i, &b))) {
            if (p->nbookings < TL_FT_MAX_BOOKINGS) p->bookings[p->nbookings++] = b;
            i += k;
            continue;
        }
        if (s[i] == '[')
            return fail_at(r, t, i, err, "expected [c], [Y 12'], [R 80'] or [Y/R 85'], found \"%s\"",
                           s + i);
        if (s[i] == '(') {
            int mn, ad;
            size_t len, j = skip_ws(s, i + 1);
            if (!minute_at(s, j, &mn, &ad, &len))
                return fail_at(r, t, j, err,
                               "expected a substitution such as (79' Mason MOUNT), found \"%s\"",
                               s + j);
            size_t q = j + len;
            tl_rc rc = lineup_player(r, t, s, &q, lu, 0, me, mn, ad, err);
            if (rc) return rc;
            q = skip_ws(s, q);
            if (s[q] != ')')
                return fail_at(r, t, q, err, "expected ')' after the substitute, found \"%s\"", s + q);
            i = q + 1;
            /* the player this record is about is still `me` */
            p = &lu->players[me];
            continue;
        }
        break;
    }
    *pi = i;
    return TL_OK;
}

static tl_rc parse_lineup(struct tl_ft_reader *r, const struct text *t, struct tl_ft_lineup *lu,
                          struct tl_error *err)
{
    const char *s = r->text.data;
    const char *colon = strchr(s, ':');
    lu->team = keep_trim(r, s, 0, (size_t)(colon - s));
    lu->nplayers = 0;
    size_t i = (size_t)(colon - s) + 1;
    for (;;) {
        tl_rc rc = lineup_player(r, t, s, &i, lu, 1, -1, TL_NONE, 0, err);
        if (rc) return rc;
        i = skip_ws(s, i);
        if (s[i] == '\0') break;
        if (s[i] == ',') { i++; continue; }
        if (s[i] == '-') { i++; continue; }
        if (starts(s + i, "\xE2\x80\x93")) { i += 3; continue; }
        return fail_at(r, t, i, err, "expected ',' or ' - ' between players, found \"%s\"", s + i);
    }
    return TL_OK;
}

/* ---- record builders for single lines ---- */

static tl_rc one_line_text(struct tl_ft_reader *r, struct text *t, const struct line *l)
{
    tl_rc rc = text_reset(r, t);
    size_t a = 0, b = l->n;
    while (b > a && isspace((unsigned char)l->s[b - 1])) b--;
    if (!rc) rc = text_add(r, t, l, a, b - a);
    return rc;
}

/* Strip a trailing "# comment" (a '#' after white space). */
static size_t strip_comment(const char *s, size_t n)
{
    for (size_t i = 1; i < n; i++)
        if (s[i] == '#' && (s[i - 1] == ' ' || s[i - 1] == '\t')) {
            n = i;
            break;
        }
    while (n && isspace((unsigned char)s[n - 1])) n--;
    return n;
}

static void set_ctx(struct tl_ft_reader *r, size_t *slot, const char *name)
{
    if (!name) {
        *slot = 0;
        return;
    }
    if (r->ctx.len > 3000) { /* keep only what is current */
        char st[256] = "", gr[256] = "", sq[256] = "";
        if (r->stage_off) snprintf(st, sizeof st, "%s", r->ctx.data + r->stage_off - 1);
        if (r->group_off) snprintf(gr, sizeof gr, "%s", r->ctx.data + r->group_off - 1);
        if (r->squad_off) snprintf(sq, sizeof sq, "%s", r->ctx.data + r->squad_off - 1);
        tl_buf_reset(&r->ctx);
        size_t *slots[3] = {&r->stage_off, &r->group_off, &r->squad_off};
        const char *vals[3] = {st, gr, sq};
        for (int k = 0; k < 3; k++)
            if (*slots[k]) {
                *slots[k] = r->ctx.len + 1;
                if (tl_buf_add(&r->ctx, vals[k], strlen(vals[k]) + 1)) *slots[k] = 0;
            }
    }
    size_t n = strlen(name);
    if (n > 255) n = 255;
    *slot = r->ctx.len + 1;
    if (tl_buf_add(&r->ctx, name, n) || tl_buf_addc(&r->ctx, '\0')) *slot = 0;
}

static const char *ctx(struct tl_ft_reader *r, size_t off)
{
    return off ? r->ctx.data + off - 1 : NULL;
}

/* A squad line: "[N,] NAME, POS, b. YYYY/MM/DD". */
static tl_rc squad_player(struct tl_ft_reader *r, const struct text *t, struct tl_ft_record *rec,
                          struct tl_error *err)
{
    const char *s = r->text.data;
    size_t n = r->text.len;
    size_t comma[6];
    int nc = 0;
    int depth = 0;
    for (size_t i = 0; i < n && nc < 6; i++) {
        if (s[i] == '(') depth++;
        if (s[i] == ')') depth--;
        if (s[i] == ',' && depth == 0) comma[nc++] = i;
    }
    if (nc < 2 || nc > 3)
        return fail_at(r, t, skip_ws(s, 0), err,
                       "expected a squad line: NUMBER, NAME, POSITION, b. YYYY/MM/DD, found \"%s\"",
                       s + skip_ws(s, 0));
    size_t f0 = 0, fname = 0, fpos, fb;
    rec->u.squad_player.number = TL_NONE;
    if (nc == 3) {
        size_t a = skip_ws(s, 0);
        int v;
        size_t k = number(s, a, 3, &v);
        if (k && skip_ws(s, a + k) == comma[0]) rec->u.squad_player.number = v;
        else if (a == comma[0]) rec->u.squad_player.number = TL_NONE; /* a standby player */
        else if (!(s[a] == '-' && skip_ws(s, a + 1) == comma[0]))
            return fail_at(r, t, a, err, "expected a squad number or '-', found \"%s\"", s + a);
        fname = comma[0] + 1;
        fpos = comma[1] + 1;
        fb = comma[2] + 1;
    } else {
        fname = f0;
        fpos = comma[0] + 1;
        fb = comma[1] + 1;
    }
    size_t name_end = fpos - 1;
    /* a manager's nationality: "Aliou Cissé (SEN)" */
    size_t ne = name_end;
    while (ne > fname && isspace((unsigned char)s[ne - 1])) ne--;
    rec->u.squad_player.nation = NULL;
    if (ne > fname && s[ne - 1] == ')') {
        size_t op = ne - 1;
        while (op > fname && s[op] != '(') op--;
        if (s[op] == '(') {
            rec->u.squad_player.nation = keep_trim(r, s, op + 1, ne - 1);
            ne = op;
        }
    }
    rec->u.squad_player.name = keep_trim(r, s, fname, ne);
    if (!rec->u.squad_player.name)
        return fail_at(r, t, fname, err, "expected a player's name, found \"%s\"", s + fname);
    size_t p = skip_ws(s, fpos);
    if (s[p] == '?' && skip_ws(s, p + 1) == fb - 1) {
        rec->u.squad_player.position[0] = '\0'; /* the file does not know */
    } else if (!(isupper((unsigned char)s[p]) && isupper((unsigned char)s[p + 1])) ||
               skip_ws(s, p + 2) != fb - 1) {
        return fail_at(r, t, p, err, "expected a position GK, DF, MF, FW, MG or ?, found \"%s\"",
                       s + p);
    } else {
        rec->u.squad_player.position[0] = s[p];
        rec->u.squad_player.position[1] = s[p + 1];
        rec->u.squad_player.position[2] = '\0';
    }
    size_t b = skip_ws(s, fb);
    rec->u.squad_player.birth[0] = '\0';
    if (b >= n) return TL_OK; /* no date of birth */
    int y, mo, d;
    size_t k1, k2, k3;
    if (starts(s + b, "b.")) {
        size_t q = skip_ws(s, b + 2);
        if ((k1 = number(s, q, 4, &y)) == 4 && s[q + 4] == '/' &&
            (k2 = number(s, q + 5, 2, &mo)) == 2 && s[q + 7] == '/' &&
            (k3 = number(s, q + 8, 2, &d)) == 2 && skip_ws(s, q + 10) == n) {
            char tmp[11]; /* YYYY-MM-DD: the digits as written, each field checked above */
            memcpy(tmp, s + q, 10);
            tmp[4] = tmp[7] = '-';
            tmp[10] = '\0';
            struct tl_date dt;
            if (tl_date_parse(tmp, 10, &dt) == 0) {
                memcpy(rec->u.squad_player.birth, tmp, 11);
                return TL_OK;
            }
        }
    }
    return fail_at(r, t, b, err, "expected a date of birth b. YYYY/MM/DD, found \"%s\"", s + b);
}

/* Split "Group A | Qatar   Ecuador   Senegal" at runs of two or more spaces. */
static tl_rc group_def(struct tl_ft_reader *r, const struct text *t, struct tl_ft_record *rec,
                       struct tl_error *err)
{
    const char *s = r->text.data;
    const char *bar = strchr(s, '|');
    rec->u.group_def.name = keep_trim(r, s, 0, (size_t)(bar - s));
    rec->u.group_def.nteams = 0;
    size_t i = (size_t)(bar - s) + 1, n = strip_comment(s, r->text.len);
    while (i < n) {
        i = skip_ws(s, i);
        if (i >= n) break;
        size_t a = i;
        while (i < n && !(s[i] == '\t' || (s[i] == ' ' && (s[i + 1] == ' ' || s[i + 1] == '\t')))) i++;
        if (rec->u.group_def.nteams == TL_FT_MAX_GROUP_TEAMS)
            return fail_at(r, t, a, err, "expected at most 16 teams in a group, found more at \"%s\"",
                           s + a);
        rec->u.group_def.teams[rec->u.group_def.nteams++] = keep_trim(r, s, a, i);
    }
    if (!rec->u.group_def.nteams)
        return fail_at(r, t, (size_t)(bar - s), err, "expected the group's teams after '|'%s", "");
    return TL_OK;
}

static tl_rc referees(struct tl_ft_reader *r, const struct text *t, struct tl_ft_record *rec,
                      struct tl_error *err)
{
    const char *s = r->text.data;
    size_t i = (size_t)(strchr(s, ':') - s) + 1, n = r->text.len;
    rec->u.refs.n = 0;
    while (i < n) {
        size_t a = skip_ws(s, i), b = a;
        while (b < n && s[b] != ',') b++;
        size_t e = b;
        while (e > a && isspace((unsigned char)s[e - 1])) e--;
        const char *nation = NULL;
        if (e > a && s[e - 1] == ')') {
            size_t op = e - 1;
            while (op > a && s[op] != '(') op--;
            if (s[op] == '(') {
                nation = keep_trim(r, s, op + 1, e - 1);
                e = op;
            }
        }
        const char *name = keep_trim(r, s, a, e);
        if (!name) return fail_at(r, t, a, err, "expected a referee's name, found \"%s\"", s + a);
        if (rec->u.refs.n < TL_FT_MAX_REFS) {
            rec->u.refs.name[rec->u.refs.n] = name;
            rec->u.refs.nation[rec->u.refs.n] = nation;
            rec->u.refs.n++;
        }
        i = b + 1;
    }
    return TL_OK;
}

/* "Penalties: 0-1 Alain GIRESSE, Uli STIELIKE (missed), 1-1 Manfred KALTZ" */
static tl_rc parse_shootout(struct tl_ft_reader *r, const struct text *t, struct tl_ft_shootout *so,
                            struct tl_error *err)
{
    const char *s = r->text.data;
    size_t i = (size_t)(strchr(s, ':') - s) + 1, n = r->text.len;
    int run[2] = {0, 0};
    so->nkicks = 0;
    while (i < n) {
        size_t a = skip_ws(s, i), b = a;
        while (b < n && s[b] != ',') b++;
        if (a == b) {
            i = b + 1;
            continue;
        }
        if (so->nkicks == TL_FT_MAX_KICKS)
            return fail_at(r, t, a, err, "expected at most 40 kicks in a shootout, found more: \"%s\"",
                           s + a);
        struct tl_ft_kick *k = &so->kicks[so->nkicks];
        int sc[2];
        size_t pl = pair_at(s, a, sc);
        size_t e = b;
        while (e > a && isspace((unsigned char)s[e - 1])) e--;
        if (pl) {
            if (sc[0] == run[0] + 1 && sc[1] == run[1]) k->side = 0;
            else if (sc[1] == run[1] + 1 && sc[0] == run[0]) k->side = 1;
            else {
                char want[64];
                snprintf(want, sizeof want, "%d-%d or %d-%d", run[0] + 1, run[1], run[0],
                         run[1] + 1);
                char msg[160];
                snprintf(msg, sizeof msg,
                         "expected the shootout score after a goal to be %s, found \"%%s\"", want);
                return fail_at(r, t, a, err, msg, s + a);
            }
            run[0] = sc[0];
            run[1] = sc[1];
            k->scored = 1;
            k->player = keep_trim(r, s, a + pl, e);
        } else {
            const char *miss = " (missed)";
            size_t ml = strlen(miss);
            if (e - a <= ml || strncmp(s + e - ml + 1, miss + 1, ml - 1) != 0)
                return fail_at(r, t, a, err,
                               "expected a kick: SCORE NAME or NAME (missed), found \"%s\"", s + a);
            k->scored = 0;
            k->side = -1;
            k->player = keep_trim(r, s, a, e - ml + 1);
        }
        if (!k->player) return fail_at(r, t, a, err, "expected the taker's name, found \"%s\"", s + a);
        k->score[0] = run[0];
        k->score[1] = run[1];
        so->nkicks++;
        i = b + 1;
    }
    /* misses take the side that alternation gives them */
    int known = -1;
    for (int k = 0; k < so->nkicks && known < 0; k++)
        if (so->kicks[k].side >= 0) known = k;
    for (int k = 0; k < so->nkicks; k++)
        if (so->kicks[k].side < 0)
            so->kicks[k].side = known < 0 ? (k & 1) : (so->kicks[known].side ^ ((k - known) & 1));
    return TL_OK;
}

/* ---- the reader ---- */

static tl_rc match_line(struct tl_ft_reader *r, const struct line *l, struct tl_ft_record *rec,
                        struct tl_error *err, int full_teams_line)
{
    struct text t;
    tl_rc rc = one_line_text(r, &t, l);
    if (rc) return tl_err_at(err, rc, r->file, l->no, 1, "%s", rc == TL_ENOMEM ? "out of memory" : "line too long");
    char *s = r->text.data;
    size_t n = strip_comment(s, r->text.len);
    s[n] = '\0';
    struct tl_ft_match *m = &rec->u.match;
    rec->kind = TL_FT_MATCH;
    rec->line = l->no;
    if (full_teams_line) {
        *m = r->pending;
    } else {
        memset(m, 0, sizeof *m);
        m->utc_offset = TL_NONE;
        m->attendance = TL_NONE;
        memcpy(m->date, r->date, sizeof m->date);
    }
    for (int k = 0; k < 2; k++)
        m->score[k] = m->ht[k] = m->ft[k] = m->aet[k] = m->pen[k] = TL_NONE;
    m->stage = ctx(r, r->stage_off);
    m->group = ctx(r, r->group_off);
    size_t rest = 0;
    if (!full_teams_line) {
        struct lead L;
        parse_lead(s, &L);
        m->number = L.number;
        if (L.has_date && set_date(r, L.y, L.m, L.d, m->date) != 0)
            return fail_at(r, &t, skip_ws(s, 0), err, "expected a real date, found \"%s\"",
                           s + skip_ws(s, 0));
        memcpy(m->time, L.time, sizeof m->time);
        m->utc_offset = L.utc;
        rest = L.end;
    }
    /* the venue after '@', and a [note] before it */
    size_t at = n;
    for (size_t i = rest; i < n; i++)
        if (s[i] == '@' && (i == 0 || s[i - 1] == ' ' || s[i - 1] == '\t')) {
            at = i;
            break;
        }
    if (at < n) parse_venue(r, s, at + 1, n, m);
    size_t e = at;
    char *lb = memchr(s + rest, '[', e - rest);
    if (lb) {
        char *rb = memchr(lb, ']', (size_t)(s + e - lb));
        if (!rb) return fail_at(r, &t, (size_t)(lb - s), err, "expected ']' to close \"%s\"", lb);
        m->note = keep_trim(r, s, (size_t)(lb - s) + 1, (size_t)(rb - s));
        if (skip_ws(s, (size_t)(rb - s) + 1) < e)
            return fail_at(r, &t, (size_t)(rb - s) + 1, err,
                           "expected '@ venue' or the end of the line after the note, found \"%s\"",
                           rb + 1);
        e = (size_t)(lb - s);
    }
    while (e > rest && isspace((unsigned char)s[e - 1])) e--;
    rc = parse_teams(r, &t, s, rest, e, m, err);
    if (rc == TL_ENOTFOUND && full_teams_line) return TL_EPARSE;
    if (rc) return rc;
    if (!m->date[0] && !full_teams_line)
        return fail_at(r, &t, skip_ws(s, 0), err,
                       "expected a date before the first match (a date line or a date on the "
                       "match line), found \"%s\"",
                       s + skip_ws(s, 0));
    return maybe_goals(r, m, err);
}

/* Join a line and the indented lines that continue it (a lineup, a
 * shootout) into the logical text; the first line not indented is left for
 * the next record. */
static tl_rc continued(struct tl_ft_reader *r, const struct line *first, struct text *t,
                       const char *what, struct tl_error *err)
{
    tl_rc rc = text_reset(r, t);
    struct line l = *first;
    for (;;) {
        size_t a = indent(&l), b = l.n;
        while (b > a && isspace((unsigned char)l.s[b - 1])) b--;
        if (!rc) rc = text_add(r, t, &l, a, b - a);
        if (rc) return tl_err_at(err, rc, r->file, l.no, 1, "%s too long", what);
        size_t save = r->pos;
        long save_line = r->line;
        if (!next_line(r, &l)) break;
        if (is_blank(&l) || indent(&l) == 0) {
            r->pos = save;
            r->line = save_line;
            break;
        }
    }
    return TL_OK;
}

/* Read a lineup: "Team: ..." and its indented continuation lines. */
static tl_rc lineup(struct tl_ft_reader *r, const struct line *first, struct tl_ft_record *rec,
                    struct tl_error *err)
{
    struct text t;
    tl_rc rc = continued(r, first, &t, "lineup", err);
    if (rc) return rc;
    rec->kind = TL_FT_LINEUP;
    rec->line = first->no;
    return parse_lineup(r, &t, &rec->u.lineup, err);
}

tl_rc tl_ft_next(struct tl_ft_reader *r, struct tl_ft_record *rec, struct tl_error *err)
{
    if (!r->arena.data) return tl_err(err, TL_ENOMEM, "out of memory");
    r->arena.len = 0;
    struct line l;
    while (next_line(r, &l)) {
        /* valid UTF-8 only */
        size_t ok = tl_utf8_valid_prefix(l.s, l.n);
        if (ok != l.n) {
            long col = 1;
            for (size_t i = 0; i < ok; i++)
                if (((unsigned char)l.s[i] & 0xC0) != 0x80) col++;
            return tl_err_at(err, TL_EPARSE, r->file, l.no, col,
                             "expected UTF-8 text, found the byte 0x%02X", (unsigned char)l.s[ok]);
        }
        size_t bad = control_at(l.s, 0, l.n); /* text has no control characters but tabs */
        if (bad < l.n) {
            long col = 1;
            for (size_t k = 0; k < bad; k++)
                if (((unsigned char)l.s[k] & 0xC0) != 0x80) col++;
            return tl_err_at(err, TL_EPARSE, r->file, l.no, col,
                             "expected text, found the control character 0x%02X",
                             (unsigned char)l.s[bad]);
        }
        if (l.n > TL_FT_MAX_LINE)
            return tl_err_at(err, TL_ELIMIT, r->file, l.no, 1,
                             "expected a line of at most %d bytes", TL_FT_MAX_LINE);
        if (is_blank(&l)) continue;
        size_t in = indent(&l);
        const char *p = l.s + in;
        size_t pn = l.n - in;
        struct text t;
        /* each kind of line clears the record before it fills it: the whole
         * of it (3.5 KB, most of it a lineup's room) except for the most
         * frequent, a squad's player */
        if (*p == '#') continue;
        if (*p == '=') {
            clear_record(rec, l.no);
            tl_rc rc = one_line_text(r, &t, &l);
            if (rc) return tl_err_at(err, rc, r->file, l.no, 1, "%s", rc == TL_ENOMEM ? "out of memory" : "line too long");
            char *s = r->text.data;
            size_t n = strip_comment(s, r->text.len);
            s[n] = '\0';
            size_t k = in;
            while (s[k] == '=') k++;
            const char *title = keep_trim(r, s, k, n);
            if (!title) return unknown_line(r, &l, err, "a title after '='");
            r->in_match = 0;
            if (k - in >= 2) {
                rec->kind = TL_FT_SQUAD_TEAM;
                rec->u.squad_team.name = title;
                set_ctx(r, &r->squad_off, title);
                return TL_OK;
            }
            rec->kind = TL_FT_EDITION;
            rec->u.edition.title = title;
            rec->u.edition.year = 0;
            for (const char *q = title; *q; q++) {
                int v;
                if (isdigit((unsigned char)*q) && (q == title || !isdigit((unsigned char)q[-1])) &&
                    number(q, 0, 4, &v) == 4 && v >= 1850 && v <= 2200) {
                    rec->u.edition.year = v;
                    break;
                }
            }
            r->year = rec->u.edition.year;
            set_ctx(r, &r->stage_off, NULL);
            set_ctx(r, &r->group_off, NULL);
            set_ctx(r, &r->squad_off, NULL);
            r->date[0] = '\0';
            return TL_OK;
        }
        if (line_starts(p, pn, SQUARE)) {
            clear_record(rec, l.no);
            tl_rc rc = one_line_text(r, &t, &l);
            if (rc) return tl_err_at(err, rc, r->file, l.no, 1, "%s", rc == TL_ENOMEM ? "out of memory" : "line too long");
            char *s = r->text.data;
            size_t n = strip_comment(s, r->text.len);
            s[n] = '\0';
            size_t k = in;
            int level = 0;
            while (starts(s + k, SQUARE)) k += 3, level++;
            char *bar = strchr(s + k, '|');
            r->in_match = 0;
            if (bar) {
                rec->kind = TL_FT_ROUND_DEF;
                rec->u.round_def.name = keep_trim(r, s, k, (size_t)(bar - s));
                rec->u.round_def.dates = keep_trim(r, s, (size_t)(bar - s) + 1, n);
                if (!rec->u.round_def.name) return unknown_line(r, &l, err, "a round name before '|'");
                return TL_OK;
            }
            const char *name = keep_trim(r, s, k, n);
            if (!name) return unknown_line(r, &l, err, "a stage or group name after the marker");
            rec->kind = TL_FT_STAGE;
            rec->u.stage.level = level;
            rec->u.stage.name = name;
            rec->u.stage.is_group = strncasecmp(name, "group ", 6) == 0;
            if (level >= 2 || rec->u.stage.is_group) {
                set_ctx(r, &r->group_off, name);
            } else {
                set_ctx(r, &r->stage_off, name);
                set_ctx(r, &r->group_off, NULL);
            }
            return TL_OK;
        }
        if (line_starts(p, pn, "Group ") && memchr(p, '|', pn)) {
            clear_record(rec, l.no);
            tl_rc rc = one_line_text(r, &t, &l);
            if (rc) return tl_err_at(err, rc, r->file, l.no, 1, "%s", rc == TL_ENOMEM ? "out of memory" : "line too long");
            rec->kind = TL_FT_GROUP_DEF;
            return group_def(r, &t, rec, err);
        }
        if (r->squad_off) { /* inside a squad file: every line is a player */
            memset(rec, 0, offsetof(struct tl_ft_record, u) + sizeof rec->u.squad_player);
            rec->line = l.no;
            tl_rc rc = one_line_text(r, &t, &l);
            if (rc) return tl_err_at(err, rc, r->file, l.no, 1, "%s", rc == TL_ENOMEM ? "out of memory" : "line too long");
            rec->kind = TL_FT_SQUAD_PLAYER;
            rec->u.squad_player.team = ctx(r, r->squad_off);
            return squad_player(r, &t, rec, err);
        }
        clear_record(rec, l.no);
        if (in == 0 && (line_starts(p, pn, "Refs:") || line_starts(p, pn, "Ref:"))) {
            if (!r->in_match) return unknown_line(r, &l, err, "referees only after a match");
            tl_rc rc = one_line_text(r, &t, &l);
            if (rc) return tl_err_at(err, rc, r->file, l.no, 1, "%s", rc == TL_ENOMEM ? "out of memory" : "line too long");
            rec->kind = TL_FT_REFEREES;
            return referees(r, &t, rec, err);
        }
        if (in == 0 && r->in_match && line_starts(p, pn, "Penalties:")) {
            tl_rc rc = continued(r, &l, &t, "shootout", err); /* kicks run on over lines */
            if (rc) return rc;
            rec->kind = TL_FT_SHOOTOUT;
            return parse_shootout(r, &t, &rec->u.shootout, err);
        }
        if (in == 0 && r->in_match) {
            /* "Team: player, ..." */
            const char *colon = memchr(p, ':', pn);
            if (colon && colon + 1 < p + pn && colon[1] == ' ') return lineup(r, &l, rec, err);
        }
        int numbered = 0;
        if (*p == '(') { /* "(74) ..." is a numbered match; any other "(" a stray goal list */
            size_t d = 1;
            while (d < pn && isdigit((unsigned char)p[d])) d++;
            numbered = d > 1 && d < pn && p[d] == ')';
            if (!numbered) return unknown_line(r, &l, err, "a goal list only right after its match");
        }

        /* the lead: match number, date, time, UTC offset */
        tl_rc rc = one_line_text(r, &t, &l);
        if (rc) return tl_err_at(err, rc, r->file, l.no, 1, "%s", rc == TL_ENOMEM ? "out of memory" : "line too long");
        char *s = r->text.data;
        size_t n = strip_comment(s, r->text.len);
        s[n] = '\0';
        struct lead L;
        parse_lead(s, &L);
        if (L.end >= n && L.has_date && !L.time[0] && !L.number) { /* a date line */
            if (set_date(r, L.y, L.m, L.d, r->date) != 0)
                return unknown_line(r, &l, err,
                                    L.y || r->year ? "a real calendar date"
                                                   : "a date with its year (or a '= ... YEAR' heading first)");
            r->in_match = 0;
            continue;
        }
        if (s[L.end] == '@' && L.has_date) { /* a full-file header: date time @ venue */
            struct tl_ft_match *m = &r->pending;
            memset(m, 0, sizeof *m);
            m->attendance = TL_NONE;
            if (set_date(r, L.y, L.m, L.d, m->date) != 0)
                return unknown_line(r, &l, err,
                                    L.y || r->year ? "a real calendar date"
                                                   : "a date with its year (or a '= ... YEAR' heading first)");
            memcpy(r->date, m->date, sizeof r->date);
            memcpy(m->time, L.time, sizeof m->time);
            m->utc_offset = L.utc;
            m->number = L.number;
            parse_venue(r, s, L.end + 1, n, m);
            r->in_match = 0;
            /* the teams line comes next: read it now, while the venue kept in
             * the arena is still this record's */
            struct line l2;
            int got;
            while ((got = next_line(r, &l2)) && is_blank(&l2)) {}
            if (!got || is_blank(&l2))
                return unknown_line(r, &l, err, "the teams of the match on the next line");
            if (l2.s[indent(&l2)] == '(' || indent(&l2) == 0)
                return unknown_line(r, &l2, err, "the teams of the match (TEAM v TEAM)");
            size_t ok2 = tl_utf8_valid_prefix(l2.s, l2.n);
            if (ok2 != l2.n)
                return tl_err_at(err, TL_EPARSE, r->file, l2.no, 1,
                                 "expected UTF-8 text, found the byte 0x%02X",
                                 (unsigned char)l2.s[ok2]);
            memset(rec, 0, sizeof *rec);
            rc = match_line(r, &l2, rec, err, 1);
            if (rc) return rc;
            rec->line = l.no;
            r->in_match = 1;
            return TL_OK;
        }
        rc = match_line(r, &l, rec, err, 0);
        if (rc == TL_ENOTFOUND) {
            /* no score and no "v": with a date, time or venue it was meant as a match
             * (err already says so); otherwise it is not football.txt at all */
            if (strstr(r->text.data, "@") || L.has_date || L.time[0] || numbered)
                return TL_EPARSE;
            return unknown_line(r, &l, err, "a football.txt line (heading, date, match, goals, "
                                            "lineup or referees)");
        }
        if (rc) return rc;
        r->in_match = 1;
        return TL_OK;
    }
    return TL_EOF;
}
