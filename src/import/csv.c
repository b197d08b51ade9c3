/* import/csv.c: the RFC 4180 pull reader (see csv.h for the contract). */
#include "touchline/csv.h"

#include <stdint.h>
#include <string.h>

void tl_csv_init(struct tl_csv *r, const char *buf, size_t len, const char *file)
{
    memset(r, 0, sizeof *r);
    r->buf = buf;
    r->len = len;
    r->file = file;
    r->line = 1;
    tl_buf_init(&r->scratch, TL_CSV_MAX_FIELD * 4);
    if (len >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0) {
        r->pos = 3; /* byte order mark: not data, and not a column either */
        r->line_start = 3;
    }
}

void tl_csv_free(struct tl_csv *r) { tl_buf_free(&r->scratch); }

long tl_csv_col(const struct tl_csv *r, size_t line_start, size_t off)
{
    long col = 1;
    for (size_t i = line_start; i < off && i < r->len; i++)
        if (((unsigned char)r->buf[i] & 0xC0) != 0x80) col++;
    return col;
}

long tl_csv_field_col(const struct tl_csv *r, const struct tl_csv_field *f)
{
    return tl_csv_col(r, f->line_start, f->off);
}

int tl_csv_eq(const struct tl_csv_field *f, const char *s)
{
    size_t n = strlen(s);
    return f->n == n && memcmp(f->p, s, n) == 0;
}

/* Skip to just past the end of the current line (after an error). */
static void skip_line(struct tl_csv *r)
{
    while (r->pos < r->len) {
        char c = r->buf[r->pos++];
        if (c == '\n' || (c == '\r' && (r->pos >= r->len || r->buf[r->pos] != '\n'))) break;
    }
    r->line++;
    r->line_start = r->pos;
}

/* Consume a line end at pos (CRLF, LF or lone CR). Returns 1 if one was there. */
static int eat_eol(struct tl_csv *r)
{
    if (r->pos >= r->len) return 0;
    char c = r->buf[r->pos];
    if (c == '\n') {
        r->pos++;
    } else if (c == '\r') {
        r->pos++;
        if (r->pos < r->len && r->buf[r->pos] == '\n') r->pos++;
    } else {
        return 0;
    }
    r->line++;
    r->line_start = r->pos;
    return 1;
}

static tl_rc check_utf8(struct tl_csv *r, const char *p, size_t n, long line, size_t line_start,
                        size_t off_of_p, struct tl_error *err)
{
    size_t ok = tl_utf8_valid_prefix(p, n);
    if (ok == n) return TL_OK;
    return tl_err_at(err, TL_EPARSE, r->file, line, tl_csv_col(r, line_start, off_of_p + ok),
                     "expected UTF-8 text, found the byte 0x%02X", (unsigned char)p[ok]);
}

tl_rc tl_csv_next(struct tl_csv *r, struct tl_error *err)
{
    tl_rc rc;
    /* skip blank lines */
    while (r->pos < r->len && (r->buf[r->pos] == '\n' || r->buf[r->pos] == '\r')) eat_eol(r);
    if (r->pos >= r->len) return TL_EOF;

    r->nfields = 0;
    r->rec_line = r->line;
    tl_buf_reset(&r->scratch);

    for (;;) {
        if (r->nfields == TL_CSV_MAX_FIELDS) {
            long line = r->line, col = tl_csv_col(r, r->line_start, r->pos);
            skip_line(r);
            return tl_err_at(err, TL_ELIMIT, r->file, line, col,
                             "expected at most %d fields, found more", TL_CSV_MAX_FIELDS);
        }
        struct tl_csv_field *f = &r->fields[r->nfields];
        f->off = r->pos;
        f->line = r->line;
        f->line_start = r->line_start;
        r->qoff[r->nfields] = SIZE_MAX;

        if (r->pos < r->len && r->buf[r->pos] == '"') {
            /* quoted field: unescape into scratch */
            long qline = r->line;
            size_t qls = r->line_start, qoff = r->pos;
            size_t start = r->scratch.len;
            r->pos++;
            for (;;) {
                if (r->pos >= r->len) {
                    r->pos = r->len;
                    return tl_err_at(err, TL_EPARSE, r->file, qline, tl_csv_col(r, qls, qoff),
                                     "expected a closing quote for the field opened here, "
                                     "found the end of the file");
                }
                const char *q = memchr(r->buf + r->pos, '"', r->len - r->pos);
                size_t upto = q ? (size_t)(q - r->buf) : r->len;
                /* count line breaks inside the quoted text */
                for (size_t i = r->pos; i < upto; i++)
                    if (r->buf[i] == '\n' ||
                        (r->buf[i] == '\r' && (i + 1 >= r->len || r->buf[i + 1] != '\n'))) {
                        r->line++;
                        r->line_start = i + 1;
                    }
                if (upto - r->pos > TL_CSV_MAX_FIELD ||
                    r->scratch.len - start + (upto - r->pos) > TL_CSV_MAX_FIELD) {
                    skip_line(r);
                    return tl_err_at(err, TL_ELIMIT, r->file, qline, tl_csv_col(r, qls, qoff),
                                     "expected a field of at most %zu bytes", TL_CSV_MAX_FIELD);
                }
                rc = tl_buf_add(&r->scratch, r->buf + r->pos, upto - r->pos);
                if (rc) return tl_err_at(err, rc, r->file, qline, 0, "out of memory");
                r->pos = upto;
                if (!q) continue; /* reports the missing quote above */
                r->pos++;         /* past the quote */
                if (r->pos < r->len && r->buf[r->pos] == '"') {
                    rc = tl_buf_addc(&r->scratch, '"');
                    if (rc) return tl_err_at(err, rc, r->file, qline, 0, "out of memory");
                    r->pos++;
                    continue;
                }
                break;
            }
            f->n = r->scratch.len - start;
            r->qoff[r->nfields] = start;
            rc = check_utf8(r, r->scratch.data + start, f->n, qline, qls, qoff + 1, err);
            if (rc) { skip_line(r); return rc; }
            if (r->pos < r->len && r->buf[r->pos] != ',' && r->buf[r->pos] != '\n' &&
                r->buf[r->pos] != '\r') {
                long line = r->line, col = tl_csv_col(r, r->line_start, r->pos);
                char c = r->buf[r->pos];
                skip_line(r);
                return tl_err_at(err, TL_EPARSE, r->file, line, col,
                                 "expected ',' or the end of the line after a closing quote, "
                                 "found '%c'", c >= 32 && c < 127 ? c : '?');
            }
        } else {
            size_t s = r->pos;
            while (r->pos < r->len) {
                char c = r->buf[r->pos];
                if (c == ',' || c == '\n' || c == '\r') break;
                if (c == '"') {
                    long line = r->line, col = tl_csv_col(r, r->line_start, r->pos);
                    skip_line(r);
                    return tl_err_at(err, TL_EPARSE, r->file, line, col,
                                     "expected a quote only at the start of a field, found one "
                                     "inside an unquoted field");
                }
                r->pos++;
            }
            f->p = r->buf + s;
            f->n = r->pos - s;
            if (f->n > TL_CSV_MAX_FIELD) {
                long line = r->line;
                skip_line(r);
                return tl_err_at(err, TL_ELIMIT, r->file, line, tl_csv_col(r, f->line_start, s),
                                 "expected a field of at most %zu bytes", TL_CSV_MAX_FIELD);
            }
            rc = check_utf8(r, f->p, f->n, f->line, f->line_start, s, err);
            if (rc) { skip_line(r); return rc; }
        }
        r->nfields++;
        if (r->pos < r->len && r->buf[r->pos] == ',') {
            r->pos++;
            continue;
        }
        eat_eol(r);
        break;
    }
    /* scratch may have moved while growing: point quoted fields at it now */
    for (size_t i = 0; i < r->nfields; i++)
        if (r->qoff[i] != SIZE_MAX)
            r->fields[i].p = r->scratch.data ? r->scratch.data + r->qoff[i] : "";
    return TL_OK;
}
