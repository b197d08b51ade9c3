/*
 * import/csv: an RFC 4180 pull reader over a buffer. Feed it the bytes of a
 * file, take one record at a time. Handles quoted fields with commas,
 * doubled quotes and line breaks, CRLF or LF line ends, a UTF-8 byte order
 * mark; rejects invalid UTF-8, stray quotes and unterminated quotes with
 * file:line:column. Blank lines are skipped. Never touches the store.
 */
#ifndef TOUCHLINE_CSV_H
#define TOUCHLINE_CSV_H

#include "touchline/util.h"

#define TL_CSV_MAX_FIELDS 64
#define TL_CSV_MAX_FIELD ((size_t)1 << 20)

struct tl_csv_field {
    const char *p;     /* field bytes (not NUL-terminated); valid until the next call */
    size_t n;
    size_t off;        /* byte offset of the field's first byte in the buffer */
    long line;         /* 1-based line of the field's first byte */
    size_t line_start; /* byte offset where that line starts */
};

struct tl_csv {
    const char *buf;   /* borrowed: must outlive the reader */
    size_t len, pos;
    const char *file;  /* borrowed: for error messages */
    long line;
    size_t line_start;
    long rec_line;     /* line of the current record's first byte */
    size_t nfields;
    struct tl_csv_field fields[TL_CSV_MAX_FIELDS];
    size_t qoff[TL_CSV_MAX_FIELDS]; /* scratch offset per quoted field, or SIZE_MAX */
    struct tl_buf scratch;          /* unescaped quoted fields */
};

/* Start reading buf[0..len) (borrowed); file names it in errors. */
void tl_csv_init(struct tl_csv *r, const char *buf, size_t len, const char *file);
/* Read the next record into r->fields. TL_OK, TL_EOF at the end, or an error
 * (TL_EPARSE, TL_ELIMIT, TL_ENOMEM) with file:line:column in err. After an
 * error the reader has skipped to the start of the next line, so a caller may
 * go on (--skip-bad). */
tl_rc tl_csv_next(struct tl_csv *r, struct tl_error *err) TL_WUR;
/* 1-based column (in characters) of byte offset off on a line starting at line_start. */
long tl_csv_col(const struct tl_csv *r, size_t line_start, size_t off);
/* Column of a field's first character. */
long tl_csv_field_col(const struct tl_csv *r, const struct tl_csv_field *f);
/* Field equals the NUL-terminated string s. */
int tl_csv_eq(const struct tl_csv_field *f, const char *s);
void tl_csv_free(struct tl_csv *r);

#endif
