/*
 * util: result codes, located errors, growable buffers with caps, UTF-8 and
 * name folding, calendar dates, whole-file reads, the progress bar.
 * Depends on libc and libunistring. Every other module includes this header.
 */
#ifndef TOUCHLINE_UTIL_H
#define TOUCHLINE_UTIL_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#define TL_WUR __attribute__((warn_unused_result))
#define TL_PRINTF(a, b) __attribute__((format(printf, a, b)))

/* One result type for the whole project. TL_OK is 0 so `if (rc) return rc;`. */
typedef enum tl_rc {
    TL_OK = 0,
    TL_EOF,        /* a pull reader has no more records (not an error) */
    TL_EPARSE,     /* malformed input; the error says file:line:column */
    TL_EIO,        /* a file could not be read or written */
    TL_ENOMEM,     /* allocation failed */
    TL_ELIMIT,     /* a size cap was reached (line, field, file) */
    TL_ESTORE,     /* the database refused */
    TL_ENOTFOUND,  /* a team, match or file that does not exist */
    TL_EAMBIG,     /* a name or match that fits more than one thing */
    TL_EUSAGE,     /* bad arguments */
    TL_ENET,       /* a transfer failed */
    TL_ECHECK,     /* a size or checksum did not verify */
} tl_rc;

/* A caller-owned error: where (file, line, column; 0 = unknown) and what. */
struct tl_error {
    tl_rc rc;
    char file[256];
    long line;
    long col;
    char msg[768];
};

/* Clear an error. */
void tl_err_clear(struct tl_error *err);
/* Set rc and message (no location). Returns rc, so `return tl_err(...)`. */
tl_rc tl_err(struct tl_error *err, tl_rc rc, const char *fmt, ...) TL_PRINTF(3, 4);
/* Set rc, location and message. Returns rc. */
tl_rc tl_err_at(struct tl_error *err, tl_rc rc, const char *file, long line, long col,
                const char *fmt, ...) TL_PRINTF(6, 7);
/* Format "file:line:col: msg" (only the parts known) into out. */
void tl_err_format(const struct tl_error *err, char *out, size_t cap);
/* Print the formatted error to f, prefixed with prog: */
void tl_err_print(const struct tl_error *err, const char *prog, FILE *f);
/* A short English name for an rc. */
const char *tl_rc_name(tl_rc rc);

/* ---- allocation: abort-free wrappers that count for fault injection ---- */
void *tl_malloc(size_t n);
void *tl_calloc(size_t n, size_t size);
void *tl_realloc(void *p, size_t n);
char *tl_strdup(const char *s);
char *tl_strndup(const char *s, size_t n);
void tl_free(void *p);
/* Fault injection for tests: the Nth allocation from now fails (0 = off). */
void tl_alloc_fail_after(long n);
/* Ends the injection; returns 1 if the failure happened (0: fewer than N
 * allocations were made). */
int tl_alloc_fail_end(void);

/* ---- growable byte buffer with a hard cap ---- */
struct tl_buf {
    char *data;   /* NUL-terminated while len < cap */
    size_t len;
    size_t alloc;
    size_t cap;   /* maximum len; 0 = 64 MiB */
};
void tl_buf_init(struct tl_buf *b, size_t cap);
void tl_buf_free(struct tl_buf *b);
void tl_buf_reset(struct tl_buf *b);
tl_rc tl_buf_add(struct tl_buf *b, const void *p, size_t n) TL_WUR;
tl_rc tl_buf_addc(struct tl_buf *b, char c) TL_WUR;
tl_rc tl_buf_adds(struct tl_buf *b, const char *s) TL_WUR;
tl_rc tl_buf_printf(struct tl_buf *b, const char *fmt, ...) TL_PRINTF(2, 3) TL_WUR;
tl_rc tl_buf_vprintf(struct tl_buf *b, const char *fmt, va_list ap) TL_WUR;

/* ---- UTF-8 ---- */
/* Length of the valid UTF-8 prefix of s[0..n); == n when all valid. */
size_t tl_utf8_valid_prefix(const char *s, size_t n);
/* Decode one code point at s (n bytes available); returns bytes used, 0 if invalid. */
size_t tl_utf8_decode(const char *s, size_t n, uint32_t *cp);
/* Display width in terminal columns (code points; combining marks count 0). */
size_t tl_utf8_width(const char *s);

/* Fold a name for matching: Unicode full case folding and compatibility
 * decomposition (libunistring), combining marks dropped (é -> e, ß -> ss),
 * the few letters Unicode does not decompose spelled out (ø -> o, æ -> ae,
 * ł -> l, ı -> i ...), punctuation . ' ’ removed, - _ / and runs of white
 * space -> one space, trimmed; invalid UTF-8 bytes become '?'. Writes at
 * most cap-1 bytes + NUL into out; returns the length. */
size_t tl_fold(const char *s, size_t n, char *out, size_t cap);
/* A person's name as people write it: words written in capitals
 * ("Jordan PICKFORD", "SON Heung-min") keep their first letter and lower the
 * rest ("Jordan Pickford", "Son Heung-min"); mixed-case words ("McKENNIE"
 * excepted: any lower-case letter keeps a word as written) and one-letter
 * words stay. Writes at most cap-1 bytes + NUL; returns the length. */
size_t tl_name_pretty(const char *s, char *out, size_t cap);
/* How well a name is written: diacritics and mixed case score higher than
 * ASCII capitals ("Kylian Mbappé" > "Kylian Mbappe" > "Kylian MBAPPE"). */
int tl_name_quality(const char *name);
/* A second key for names transliterated from German: a folded name with
 * "ae", "oe", "ue" read as "a", "o", "u" (so "Mueller" and "Müller" meet).
 * Used only as a fallback after the folded key. Returns the length. */
size_t tl_fold_alt(const char *folded, char *out, size_t cap);
/* Could short or variant name a (folded) name the same person as full name
 * b (folded)? "j quintero" ~ "juan quintero" (initials), "mueller thomas" ~
 * "thomas muller" (order, German transliteration), "park jisung" ~
 * "park ji sung" (spacing). Every word of a must be a word of b, or its
 * initial; b may have more words. */
int tl_name_variant(const char *a, const char *b);
/* The letters a to z of a folded name's tl_fold_alt form, one bit each: a
 * name can be a variant of another (either way round) only if the letters
 * of one are among the other's, so two masks rule most pairs out at once. */
uint32_t tl_name_letters(const char *folded);
/* Could tl_name_variant(a, b) or tl_name_variant(b, a) hold, by their
 * tl_name_letters? */
static inline int tl_name_letters_fit(uint32_t a, uint32_t b)
{
    return !(a & ~b) || !(b & ~a);
}
/* Levenshtein distance between two strings (bytes), capped at `max`+1. */
int tl_edit_distance(const char *a, const char *b, int max);

/* ---- dates: proleptic Gregorian, stored as ISO "YYYY-MM-DD" ---- */
struct tl_date {
    int y, m, d;
};
/* Parse exactly YYYY-MM-DD (a real calendar day). 0 ok, -1 bad. */
int tl_date_parse(const char *s, size_t n, struct tl_date *out);
void tl_date_format(struct tl_date d, char out[11]);
/* Days since 1970-01-01 (negative before). */
long tl_date_days(struct tl_date d);
/* The date `days` days after 1970-01-01 (negative before). */
struct tl_date tl_date_from_days(long days);
/* date +/- n days as YYYY-MM-DD into out; -1 when date is not a date. */
int tl_date_add(const char *date, long n, char out[11]);
/* Weekday 0=Monday..6=Sunday. */
int tl_date_weekday(struct tl_date d);
/* Parse a moment: YYYY-MM-DDTHH:MM[:SS] (or a space for the T) followed by
 * Z, +HH:MM or -HH:MM; without a zone it is UTC. Into seconds since
 * 1970-01-01T00:00Z. 0 ok, -1 bad (*why says what was expected where). */
int tl_instant_parse(const char *s, int64_t *out, const char **why);
/* The UTC moment of a local date and "HH:MM" at utc_offset minutes east of
 * UTC; -1 when either is not valid. */
int tl_instant_local(const char *date, const char *hhmm, int utc_offset, int64_t *out);
/* A moment as YYYY-MM-DDTHH:MM:SSZ. */
void tl_instant_format(int64_t t, char out[21]);

/* ---- files ---- */
/* Read a whole regular file (up to cap bytes) into *out (caller tl_free()s). */
tl_rc tl_read_file(const char *path, size_t cap, char **out, size_t *len,
                   struct tl_error *err) TL_WUR;
/* Join dir and name with one '/' into out. */
void tl_path_join(char *out, size_t cap, const char *dir, const char *name);
/* Monotonic seconds. */
double tl_now(void);

/* ---- progress bar on stderr: shown only when stderr is a terminal and the
 * job has run for more than `delay` seconds ---- */
struct tl_progress {
    const char *label;
    uint64_t total;
    double start;
    double delay;
    double last;
    int enabled;
    int shown;
};
void tl_progress_start(struct tl_progress *p, const char *label, uint64_t total, double delay);
void tl_progress_update(struct tl_progress *p, uint64_t done);
void tl_progress_end(struct tl_progress *p);



/* ---- string -> int64 hash map (open addressing; keys copied into one arena) ---- */
struct tl_map_slot {
    uint32_t key;  /* offset + 1 of the key in the arena; 0 = empty slot */
    uint32_t hash;
    uint32_t klen;
    int64_t val;
};
struct tl_map {
    struct tl_map_slot *slots;
    size_t n, cap;     /* cap is a power of two or 0 */
    struct tl_buf keys; /* the arena: keys back to back */
};
void tl_map_init(struct tl_map *m);
void tl_map_free(struct tl_map *m);
/* 1 and *val if found, else 0. */
int tl_map_get(const struct tl_map *m, const char *key, size_t klen, int64_t *val);
/* Insert or replace. */
tl_rc tl_map_put(struct tl_map *m, const char *key, size_t klen, int64_t val) TL_WUR;
/* Get or insert in one probe: *val points at the key's value (0 when just
 * created, then *created = 1), valid until the next insertion. */
tl_rc tl_map_slot(struct tl_map *m, const char *key, size_t klen, int64_t **val,
                  int *created) TL_WUR;

/* A map key built from integers (8 raw bytes each) and strings (each ended
 * by a NUL, so "ab"+"c" and "a"+"bc" differ); a string that does not fit is
 * cut. Much cheaper than snprintf in a loop of 50,000 look-ups. */
struct tl_key {
    size_t n;
    char b[504];
};
static inline void tl_key_int(struct tl_key *k, int64_t v)
{
    if (k->n + sizeof v <= sizeof k->b) {
        memcpy(k->b + k->n, &v, sizeof v);
        k->n += sizeof v;
    }
}
static inline void tl_key_str(struct tl_key *k, const char *s)
{
    size_t room = sizeof k->b - k->n, n = strlen(s);
    if (!room) return;
    if (n > room - 1) n = room - 1;
    memcpy(k->b + k->n, s, n);
    k->n += n;
    k->b[k->n++] = '\0';
}

#endif
