/*
 * import/json: a bounded pull reader for JSON (RFC 8259) over a buffer, for
 * StatsBomb's event files: feed it the bytes, take one token at a time.
 * Strings come back as slices of the input when they have no escapes (no
 * copy), numbers as their text and value. Depth, string length and input
 * size are capped; every error names the byte offset, the line and column,
 * and the JSON path ($[12].shot.end_location[2]).
 */
#ifndef TOUCHLINE_JSON_H
#define TOUCHLINE_JSON_H

#include "touchline/util.h"

#define TL_JSON_MAX_DEPTH_READ 64
#define TL_JSON_MAX_STRING ((size_t)1 << 20)

enum tl_jtok {
    TL_J_OBJ = 1,  /* { */
    TL_J_OBJ_END,  /* } */
    TL_J_ARR,      /* [ */
    TL_J_ARR_END,  /* ] */
    TL_J_KEY,      /* an object member's name: s, n */
    TL_J_STR,      /* a string value: s, n */
    TL_J_NUM,      /* a number: num, and its text in s, n */
    TL_J_TRUE,
    TL_J_FALSE,
    TL_J_NULL,
};

struct tl_jframe {
    char kind;          /* '{' or '[' */
    int state;          /* what comes next */
    long index;         /* arrays: the current element */
    const char *key;    /* objects: the current member's name (a slice) */
    size_t keylen;
    uint64_t wspat, wsmask; /* the white space before a member at this depth */
    unsigned char wsn;      /* its length, 0 when none is known */
};

struct tl_jreader {
    const char *buf;    /* borrowed */
    size_t len, pos;
    const char *file;   /* borrowed, for errors */
    int depth;
    int done;           /* the top-level value is complete */
    struct tl_jframe stack[TL_JSON_MAX_DEPTH_READ];
    struct tl_buf scratch; /* unescaped strings */
    /* the current token */
    enum tl_jtok tok;
    const char *s;
    size_t n;
    double num;
    size_t tok_off;     /* byte offset of the token */
};

void tl_jinit(struct tl_jreader *r, const char *buf, size_t len, const char *file);
/* The next token into r->tok (and r->s/n/num), TL_EOF after the top-level
 * value and trailing white space, or TL_EPARSE / TL_ELIMIT with err naming
 * file:line:column, the byte offset and the path. */
tl_rc tl_jnext(struct tl_jreader *r, struct tl_error *err) TL_WUR;
/* Skip the value that starts with the token just read (a whole object or
 * array, or nothing for a scalar). */
tl_rc tl_jskip(struct tl_jreader *r, struct tl_error *err) TL_WUR;
/* At a member's value (just after its name): when the value is exactly
 * {"id" : N, "name" : "..."} (StatsBomb's references: N a whole number of
 * at most 9 digits, the name without escapes), read it whole and return 1,
 * with *id, the name in r->s / r->n and the reader after the object, as if
 * it had been read token by token. Otherwise return 0 and consume nothing:
 * read the value with tl_jnext, which reports any error in it. */
int tl_jidname(struct tl_jreader *r, int64_t *id);
/* The current path, "$[3].type.name", into out. */
void tl_jpath(const struct tl_jreader *r, char *out, size_t cap);
/* Does the current string or key equal s? (inline: with a literal s the
 * length folds to a constant, and decoders call this for every key) */
static inline int tl_jeq(const struct tl_jreader *r, const char *s)
{
    size_t n = __builtin_strlen(s);
    return r->n == n && __builtin_memcmp(r->s, s, n) == 0;
}
/* An error at the current token for its reader's callers: "expected
 * <expected> at <path> (byte N), found <the token>", rc TL_EPARSE. */
tl_rc tl_jexpected(struct tl_jreader *r, struct tl_error *err, const char *expected);
/* An error at byte off: "<message> at <path> (byte off)", rc TL_EPARSE. */
tl_rc tl_jerr_at(struct tl_jreader *r, struct tl_error *err, size_t off, const char *fmt, ...)
    TL_PRINTF(4, 5);
/* The name of a token kind: "a string", "an object", ... */
const char *tl_jtok_name(enum tl_jtok t);
void tl_jfree(struct tl_jreader *r);

#endif
