/* import/json.c: the bounded JSON pull reader (see json.h for the contract).
 * A state machine over a stack of open arrays and objects; strings without
 * escapes are slices of the input, strings with escapes are unescaped into
 * a scratch buffer; numbers are parsed by hand for integers, strtod for
 * the rest. */
#include "touchline/json.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void tl_jinit(struct tl_jreader *r, const char *buf, size_t len, const char *file)
{
    memset(r, 0, sizeof *r);
    r->buf = buf;
    r->len = len;
    r->file = file;
    tl_buf_init(&r->scratch, TL_JSON_MAX_STRING + 8);
    if (len >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0) r->pos = 3;
}

void tl_jfree(struct tl_jreader *r) { tl_buf_free(&r->scratch); }

void tl_jpath(const struct tl_jreader *r, char *out, size_t cap)
{
    size_t o = 0;
    if (!cap) return;
    out[o++] = '$';
    for (int d = 0; d < r->depth && o + 1 < cap; d++) {
        const struct tl_jframe *f = &r->stack[d];
        int w;
        if (f->kind == '[') {
            if (f->index < 0) continue;
            w = snprintf(out + o, cap - o, "[%ld]", f->index);
        } else {
            if (!f->key) continue;
            w = snprintf(out + o, cap - o, ".%.*s", (int)(f->keylen > 64 ? 64 : f->keylen), f->key);
        }
        if (w < 0) break;
        o += (size_t)w;
        if (o >= cap) o = cap - 1;
    }
    out[o < cap ? o : cap - 1] = '\0';
}

static void line_col(const struct tl_jreader *r, size_t off, long *line, long *col)
{
    *line = 1, *col = 1;
    for (size_t i = 0; i < off && i < r->len; i++) {
        if (r->buf[i] == '\n') ++*line, *col = 1;
        else if (((unsigned char)r->buf[i] & 0xC0) != 0x80) ++*col;
    }
}

static tl_rc fail(struct tl_jreader *r, size_t off, tl_rc rc, struct tl_error *err,
                  const char *expected)
{
    long line, col;
    line_col(r, off, &line, &col);
    char path[256], found[32];
    tl_jpath(r, path, sizeof path);
    if (off >= r->len) snprintf(found, sizeof found, "the end of the input");
    else if ((unsigned char)r->buf[off] >= 0x20 && (unsigned char)r->buf[off] < 0x7f)
        snprintf(found, sizeof found, "'%c'", r->buf[off]);
    else snprintf(found, sizeof found, "the byte 0x%02X", (unsigned char)r->buf[off]);
    return tl_err_at(err, rc, r->file, line, col, "expected %s at %s (byte %zu), found %s",
                     expected, path, off, found);
}

/* The class of each byte inside a string: the hot loop stops only on a
 * quote, a backslash, a control character or a byte of a multibyte
 * sequence (then the string is checked as UTF-8). */
enum { C_PLAIN = 0, C_QUOTE = 2, C_BSLASH = 3, C_CTRL = 4, C_HIGH = 5 };
static const unsigned char strcls[256] = {
    4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4,
    4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4,
    0, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 3, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5,
    5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5,
    5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5,
    5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5,
    5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5,
    5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5,
    5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5,
    5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5,
};
/* space, tab, line feed, carriage return: one compare and a bit test */
#define IS_WS(c) ((unsigned char)(c) <= ' ' && ((0x100002600ull >> (unsigned char)(c)) & 1))

static void skip_ws(struct tl_jreader *r)
{
    const char *p = r->buf + r->pos, *end = r->buf + r->len;
    while (p < end && IS_WS(*p)) p++;
    r->pos = (size_t)(p - r->buf);
}

static int hex4(const char *p, unsigned *v)
{
    unsigned x = 0;
    for (int i = 0; i < 4; i++) {
        char c = p[i];
        x <<= 4;
        if (c >= '0' && c <= '9') x |= (unsigned)(c - '0');
        else if (c >= 'a' && c <= 'f') x |= (unsigned)(c - 'a' + 10);
        else if (c >= 'A' && c <= 'F') x |= (unsigned)(c - 'A' + 10);
        else return -1;
    }
    *v = x;
    return 0;
}

static tl_rc put_utf8(struct tl_buf *b, uint32_t cp)
{
    char u[4];
    size_t n;
    if (cp < 0x80) u[0] = (char)cp, n = 1;
    else if (cp < 0x800) u[0] = (char)(0xC0 | cp >> 6), u[1] = (char)(0x80 | (cp & 0x3F)), n = 2;
    else if (cp < 0x10000)
        u[0] = (char)(0xE0 | cp >> 12), u[1] = (char)(0x80 | ((cp >> 6) & 0x3F)),
        u[2] = (char)(0x80 | (cp & 0x3F)), n = 3;
    else
        u[0] = (char)(0xF0 | cp >> 18), u[1] = (char)(0x80 | ((cp >> 12) & 0x3F)),
        u[2] = (char)(0x80 | ((cp >> 6) & 0x3F)), u[3] = (char)(0x80 | (cp & 0x3F)), n = 4;
    return tl_buf_add(b, u, n);
}

/* A string at pos (on the opening quote) into r->s / r->n; inlined into
 * both callers (keys and values), which measured 5% faster. */
static inline __attribute__((always_inline)) tl_rc string(struct tl_jreader *r, struct tl_error *err)
{
    size_t start = ++r->pos, i = start;
    int escaped = 0, high = 0;
    const char *b = r->buf;
    while (i < r->len) {
        /* eight plain bytes at a time while they last: no quote, backslash,
         * control byte or byte >= 0x80 among them (SWAR; the lowest flagged
         * byte is exact, so the byte loop takes over right there) */
        while (i + 8 <= r->len) {
            uint64_t v;
            memcpy(&v, b + i, 8);
            const uint64_t ones = 0x0101010101010101ull, tops = 0x8080808080808080ull;
            uint64_t q = v ^ (ones * '"'), bs = v ^ (ones * '\\');
            uint64_t flag = ((q - ones) & ~q) | ((bs - ones) & ~bs) | ((v - ones * 0x20) & ~v) | v;
            flag &= tops;
            if (flag) {
                i += (size_t)__builtin_ctzll(flag) >> 3;
                break;
            }
            i += 8;
        }
        if (i >= r->len) break;
        int k = strcls[(unsigned char)b[i]];
        if (k == C_PLAIN) { i++; continue; }
        if (k == C_QUOTE) break;
        if (k == C_BSLASH) {
            escaped = 1;
            i += 2;
            continue;
        }
        if (k == C_HIGH) {
            high = 1;
            i++;
            continue;
        }
        return fail(r, i, TL_EPARSE, err, "a character of a string (escape controls)");
    }
    if (i >= r->len) return fail(r, r->len, TL_EPARSE, err, "'\"' to close the string");
    if (i - start > TL_JSON_MAX_STRING)
        return fail(r, start, TL_ELIMIT, err, "a string of at most 1 MiB");
    if (high) {
        size_t ok = tl_utf8_valid_prefix(r->buf + start, i - start);
        if (ok != i - start) return fail(r, start + ok, TL_EPARSE, err, "UTF-8 text in the string");
    }
    r->pos = i + 1;
    if (!escaped) {
        r->s = r->buf + start;
        r->n = i - start;
        return TL_OK;
    }
    tl_buf_reset(&r->scratch);
    for (size_t k = start; k < i; k++) {
        char c = r->buf[k];
        tl_rc rc;
        if (c != '\\') {
            if ((rc = tl_buf_addc(&r->scratch, c))) return tl_err(err, rc, "out of memory");
            continue;
        }
        char e = r->buf[++k];
        uint32_t cp;
        switch (e) {
        case '"': case '\\': case '/': cp = (uint32_t)e; break;
        case 'b': cp = '\b'; break;
        case 'f': cp = '\f'; break;
        case 'n': cp = '\n'; break;
        case 'r': cp = '\r'; break;
        case 't': cp = '\t'; break;
        case 'u': {
            unsigned v, lo;
            size_t esc = k - 1; /* errors point at the escape's backslash */
            if (k + 4 >= i || hex4(r->buf + k + 1, &v))
                return fail(r, esc, TL_EPARSE, err, "four hex digits after \\u");
            k += 4;
            if (v >= 0xD800 && v <= 0xDBFF) { /* a surrogate pair */
                if (k + 6 >= i || r->buf[k + 1] != '\\' || r->buf[k + 2] != 'u' ||
                    hex4(r->buf + k + 3, &lo) || lo < 0xDC00 || lo > 0xDFFF)
                    return fail(r, k + 1, TL_EPARSE, err, "the low half of a surrogate pair");
                k += 6;
                v = 0x10000 + ((v - 0xD800) << 10) + (lo - 0xDC00);
            } else if (v >= 0xDC00 && v <= 0xDFFF) {
                return fail(r, esc, TL_EPARSE, err, "a high surrogate before a low one");
            }
            cp = v;
            break;
        }
        default: return fail(r, k, TL_EPARSE, err, "an escape: \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\u");
        }
        if ((rc = put_utf8(&r->scratch, cp))) return tl_err(err, rc, "out of memory");
    }
    r->s = r->scratch.data ? r->scratch.data : "";
    r->n = r->scratch.len;
    return TL_OK;
}

static const double pow10[23] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                                 1e8,  1e9,  1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
                                 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

/* A number at pos. Its value is exact or correctly rounded: when the digits
 * fit in 2^53 and the decimal exponent is within 22, one multiplication or
 * division of two exact doubles (Clinger's fast path); otherwise strtod. */
static tl_rc number(struct tl_jreader *r, struct tl_error *err)
{
    const char *b = r->buf;
    size_t s = r->pos, i = s, len = r->len;
    int neg = 0, digits = 0;
    uint64_t m = 0;
    long e10 = 0, ex = 0;
    if (i < len && b[i] == '-') neg = 1, i++;
    if (i >= len || b[i] < '0' || b[i] > '9') return fail(r, i, TL_EPARSE, err, "a digit");
    /* digits past the 19th make m wrap: such a number goes to strtod */
    size_t d0 = i;
    if (b[i] == '0') i++;
    else
        for (; i < len && b[i] >= '0' && b[i] <= '9'; i++) m = m * 10 + (uint64_t)(b[i] - '0');
    digits = (int)(i - d0 < 1000 ? i - d0 : 1000);
    if (i < len && b[i] == '.') {
        i++;
        if (i >= len || b[i] < '0' || b[i] > '9')
            return fail(r, i, TL_EPARSE, err, "a digit after the decimal point");
        size_t f0 = i;
        for (; i < len && b[i] >= '0' && b[i] <= '9'; i++) m = m * 10 + (uint64_t)(b[i] - '0');
        digits += (int)(i - f0 < 1000 ? i - f0 : 1000);
        e10 = -(long)(i - f0 < 1000 ? i - f0 : 1000);
    }
    if (i < len && (b[i] == 'e' || b[i] == 'E')) {
        int eneg = 0;
        i++;
        if (i < len && (b[i] == '+' || b[i] == '-')) eneg = b[i] == '-', i++;
        if (i >= len || b[i] < '0' || b[i] > '9')
            return fail(r, i, TL_EPARSE, err, "a digit in the exponent");
        for (; i < len && b[i] >= '0' && b[i] <= '9'; i++)
            if (ex < 100000) ex = ex * 10 + (b[i] - '0');
        e10 += eneg ? -ex : ex;
    }
    if (i - s > 64) return fail(r, s, TL_ELIMIT, err, "a number of at most 64 characters");
    r->s = b + s;
    r->n = i - s;
    if (digits <= 19 && m <= ((uint64_t)1 << 53) && e10 >= -22 && e10 <= 22) {
        double v = (double)m;
        v = e10 < 0 ? v / pow10[-e10] : v * pow10[e10];
        r->num = neg ? -v : v;
    } else {
        char tmp[72];
        memcpy(tmp, b + s, i - s);
        tmp[i - s] = '\0';
        r->num = strtod(tmp, NULL);
    }
    r->pos = i;
    return TL_OK;
}

static int literal(struct tl_jreader *r, const char *word)
{
    size_t n = strlen(word);
    if (r->len - r->pos < n || memcmp(r->buf + r->pos, word, n) != 0) return 0;
    r->pos += n;
    return 1;
}

/* A value at pos: a scalar, or the opening of an array or object. */
static inline __attribute__((always_inline)) tl_rc value(struct tl_jreader *r, struct tl_error *err)
{
    r->tok_off = r->pos;
    if (r->pos >= r->len) return fail(r, r->pos, TL_EPARSE, err, "a value");
    char c = r->buf[r->pos];
    tl_rc rc = TL_OK;
    switch (c) {
    case '{':
    case '[':
        if (r->depth == TL_JSON_MAX_DEPTH_READ)
            return fail(r, r->pos, TL_ELIMIT, err, "at most 64 nested arrays and objects");
        /* (the white-space run learnt at this depth stays) */
        struct tl_jframe *f = &r->stack[r->depth];
        f->kind = c, f->state = 0, f->index = -1, f->key = NULL, f->keylen = 0;
        r->depth++;
        r->pos++;
        r->tok = c == '{' ? TL_J_OBJ : TL_J_ARR;
        return TL_OK;
    case '"': rc = string(r, err); r->tok = TL_J_STR; break;
    case 't': if (!literal(r, "true")) return fail(r, r->pos, TL_EPARSE, err, "a value");
              r->tok = TL_J_TRUE; break;
    case 'f': if (!literal(r, "false")) return fail(r, r->pos, TL_EPARSE, err, "a value");
              r->tok = TL_J_FALSE; break;
    case 'n': if (!literal(r, "null")) return fail(r, r->pos, TL_EPARSE, err, "a value");
              r->tok = TL_J_NULL; break;
    default:
        if (c == '-' || (c >= '0' && c <= '9')) {
            rc = number(r, err);
            r->tok = TL_J_NUM;
            break;
        }
        return fail(r, r->pos, TL_EPARSE, err, "a value");
    }
    if (!rc && r->depth == 0) r->done = 1;
    return rc;
}

static tl_rc close_frame(struct tl_jreader *r)
{
    char k = r->stack[r->depth - 1].kind;
    r->depth--;
    r->pos++;
    r->tok = k == '{' ? TL_J_OBJ_END : TL_J_ARR_END;
    if (r->depth == 0) r->done = 1;
    return TL_OK;
}

/* White space inside an array or object. A pretty-printed file puts a line
 * break and the same indentation before every member at a given depth: the
 * frame of each depth keeps the last such run (up to 8 bytes; kept when the
 * frame is reused by the next array or object at that depth) and tries it
 * first, with one 8-byte compare, before the byte loop. */
static inline void skip_ws_in(struct tl_jreader *r, struct tl_jframe *f)
{
    size_t p = r->pos;
    if (p >= r->len || !IS_WS(r->buf[p])) return;
    uint64_t v = 0;
    if (p + 8 < r->len) {
        memcpy(&v, r->buf + p, 8);
        if (f->wsn && (v & f->wsmask) == f->wspat && (unsigned char)r->buf[p + f->wsn] > ' ') {
            r->pos = p + f->wsn;
            return;
        }
    }
    skip_ws(r);
    size_t n = r->pos - p;
    /* learnt from a run before a member, not from one before the closing
     * bracket (shallower) */
    if (n <= 8 && p + 8 < r->len && r->buf[r->pos] != '}' && r->buf[r->pos] != ']') {
        unsigned char m[8] = {0};
        memset(m, 0xFF, n); /* the first n bytes, whatever the byte order */
        memcpy(&f->wsmask, m, 8);
        f->wspat = v & f->wsmask;
        f->wsn = (unsigned char)n;
    }
}

tl_rc tl_jnext(struct tl_jreader *r, struct tl_error *err)
{
    if (r->depth == 0) {
        skip_ws(r);
        r->tok_off = r->pos;
        if (r->done) {
            if (r->pos < r->len)
                return fail(r, r->pos, TL_EPARSE, err, "nothing after the top-level value");
            return TL_EOF;
        }
        goto val;
    }
    struct tl_jframe *f = &r->stack[r->depth - 1];
    skip_ws_in(r, f);
    r->tok_off = r->pos;
    if (r->pos >= r->len)
        return fail(r, r->pos, TL_EPARSE, err, f->kind == '[' ? "',' or ']'" : "',' or '}'");
    char c = r->buf[r->pos];
    if (f->kind == '[') {
        if (f->state == 0) {
            if (c == ']') return close_frame(r);
            f->state = 1;
            f->index++;
            goto val;
        }
        if (c == ']') return close_frame(r);
        if (c != ',') return fail(r, r->pos, TL_EPARSE, err, "',' or ']'");
        r->pos++;
        f->index++;
        skip_ws_in(r, f);
        goto val;
    }
    /* an object: state 0 first member or '}', 1 a value, 2 ',' or '}' */
    if (f->state == 1) {
        f->state = 2;
        goto val;
    }
    if (f->state == 2) {
        if (c == '}') return close_frame(r);
        if (c != ',') return fail(r, r->pos, TL_EPARSE, err, "',' or '}'");
        r->pos++;
        skip_ws_in(r, f);
        c = r->pos < r->len ? r->buf[r->pos] : 0;
    } else if (c == '}') {
        return close_frame(r);
    }
    if (c != '"') return fail(r, r->pos, TL_EPARSE, err, "a member name in double quotes");
    r->tok_off = r->pos;
    tl_rc rc = string(r, err);
    if (rc) return rc;
    /* the path names the key by its raw text in the input, which stays put
     * (an unescaped key lives in scratch only until the next string) */
    f->key = r->buf + r->tok_off + 1;
    f->keylen = r->pos - r->tok_off - 2;
    /* "key" : value, the usual layout, without the white-space loop */
    if (r->pos + 2 < r->len && r->buf[r->pos] == ' ' && r->buf[r->pos + 1] == ':' &&
        r->buf[r->pos + 2] == ' ') {
        r->pos += 3;
    } else {
        skip_ws(r);
        if (r->pos >= r->len || r->buf[r->pos] != ':')
            return fail(r, r->pos, TL_EPARSE, err, "':' after the member name");
        r->pos++;
    }
    f->state = 1;
    r->tok = TL_J_KEY;
    return TL_OK;
val: /* one copy of the inlined value reader for all four paths */
    return value(r, err);
}

/* {"id" : N, "name" : "..."} at a member's value, read in one pass when it
 * has exactly that shape; see json.h. Nothing is changed until the whole
 * object has been checked, so a miss leaves the reader as it was. */
int tl_jidname(struct tl_jreader *r, int64_t *id)
{
    if (r->depth == 0) return 0;
    struct tl_jframe *f = &r->stack[r->depth - 1];
    if (f->kind != '{' || f->state != 1) return 0;
    const char *b = r->buf, *p = b + r->pos, *end = b + r->len;
#define WS() while (p < end && IS_WS(*p)) p++
#define LIT(s) (end - p >= (long)sizeof s - 1 && memcmp(p, s, sizeof s - 1) == 0 && (p += sizeof s - 1))
    WS();
    if (!LIT("{")) return 0;
    WS();
    if (!LIT("\"id\"")) return 0;
    WS();
    if (!LIT(":")) return 0;
    WS();
    /* a whole number of 1 to 9 digits, no fraction, no exponent */
    int neg = p < end && *p == '-';
    p += neg;
    const char *d0 = p;
    int64_t v = 0;
    while (p < end && *p >= '0' && *p <= '9' && p - d0 < 10) v = v * 10 + (*p++ - '0');
    if (p == d0 || p - d0 > 9 || (*d0 == '0' && p - d0 > 1)) return 0;
    if (p < end && (*p == '.' || *p == 'e' || *p == 'E')) return 0;
    WS();
    if (!LIT(",")) return 0;
    WS();
    if (!LIT("\"name\"")) return 0;
    WS();
    if (!LIT(":")) return 0;
    WS();
    if (!LIT("\"")) return 0;
    /* the name: no escapes, no control characters, valid UTF-8 */
    const char *s0 = p;
    int high = 0;
    while (p < end && *p != '"') {
        unsigned char c = (unsigned char)*p++;
        if (c == '\\' || c < 0x20) return 0;
        high |= c >= 0x80;
    }
    if (p >= end || (size_t)(p - s0) > TL_JSON_MAX_STRING) return 0;
    if (high && tl_utf8_valid_prefix(s0, (size_t)(p - s0)) != (size_t)(p - s0)) return 0;
    const char *s1 = p++;
    WS();
    if (!LIT("}")) return 0;
#undef WS
#undef LIT
    /* as if read token by token: the member's value done, its object closed */
    f->state = 2;
    r->tok = TL_J_OBJ_END;
    r->tok_off = (size_t)(p - 1 - b);
    r->pos = (size_t)(p - b);
    r->s = s0;
    r->n = (size_t)(s1 - s0);
    *id = neg ? -v : v;
    return 1;
}

tl_rc tl_jskip(struct tl_jreader *r, struct tl_error *err)
{
    if (r->tok != TL_J_OBJ && r->tok != TL_J_ARR) return TL_OK;
    int d = r->depth;
    while (r->depth >= d) {
        tl_rc rc = tl_jnext(r, err);
        if (rc) return rc == TL_EOF ? fail(r, r->pos, TL_EPARSE, err, "the end of the value") : rc;
    }
    return TL_OK;
}


const char *tl_jtok_name(enum tl_jtok t)
{
    switch (t) {
    case TL_J_OBJ: return "an object";
    case TL_J_OBJ_END: return "the end of an object";
    case TL_J_ARR: return "an array";
    case TL_J_ARR_END: return "the end of an array";
    case TL_J_KEY: return "a member name";
    case TL_J_STR: return "a string";
    case TL_J_NUM: return "a number";
    case TL_J_TRUE: return "true";
    case TL_J_FALSE: return "false";
    case TL_J_NULL: return "null";
    }
    return "a token";
}

tl_rc tl_jerr_at(struct tl_jreader *r, struct tl_error *err, size_t off, const char *fmt, ...)
{
    long line, col;
    line_col(r, off, &line, &col);
    char path[256], msg[400];
    tl_jpath(r, path, sizeof path);
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    return tl_err_at(err, TL_EPARSE, r->file, line, col, "%s at %s (byte %zu)", msg, path, off);
}

tl_rc tl_jexpected(struct tl_jreader *r, struct tl_error *err, const char *expected)
{
    return tl_jerr_at(r, err, r->tok_off, "expected %s, found %s", expected, tl_jtok_name(r->tok));
}
