/* util/utf8.c: UTF-8 validation and decoding, display width, name folding
 * (case, Latin accents, punctuation) and edit distance for suggestions. */
#include "touchline/util.h"

#include <string.h>

size_t tl_utf8_decode(const char *s, size_t n, uint32_t *cp)
{
    const unsigned char *u = (const unsigned char *)s;
    if (n == 0) return 0;
    unsigned c = u[0];
    if (c < 0x80) { *cp = c; return 1; }
    size_t len;
    uint32_t v, min;
    if (c >= 0xC2 && c <= 0xDF) { len = 2; v = c & 0x1F; min = 0x80; }
    else if (c >= 0xE0 && c <= 0xEF) { len = 3; v = c & 0x0F; min = 0x800; }
    else if (c >= 0xF0 && c <= 0xF4) { len = 4; v = c & 0x07; min = 0x10000; }
    else return 0;
    if (n < len) return 0;
    for (size_t i = 1; i < len; i++) {
        if ((u[i] & 0xC0) != 0x80) return 0;
        v = (v << 6) | (u[i] & 0x3F);
    }
    if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF)) return 0;
    *cp = v;
    return len;
}

size_t tl_utf8_valid_prefix(const char *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        if ((unsigned char)s[i] < 0x80) { i++; continue; }
        uint32_t cp;
        size_t k = tl_utf8_decode(s + i, n - i, &cp);
        if (!k) return i;
        i += k;
    }
    return n;
}

static int is_combining(uint32_t cp)
{
    return (cp >= 0x0300 && cp <= 0x036F) || (cp >= 0x1AB0 && cp <= 0x1AFF) ||
           (cp >= 0x20D0 && cp <= 0x20FF) || cp == 0x200B;
}

size_t tl_utf8_width(const char *s)
{
    size_t n = strlen(s), i = 0, w = 0;
    while (i < n) {
        uint32_t cp;
        size_t k = tl_utf8_decode(s + i, n - i, &cp);
        if (!k) { i++; w++; continue; }
        i += k;
        if (is_combining(cp)) continue;
        /* East Asian wide ranges take two columns */
        if ((cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0xA4CF) ||
            (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0xF900 && cp <= 0xFAFF) ||
            (cp >= 0xFF00 && cp <= 0xFF60) || (cp >= 0x1F300 && cp <= 0x1FAFF))
            w += 2;
        else
            w += 1;
    }
    return w;
}

/* Base letters of U+00C0..U+00FF, lower case; '*' marks a special case. */
static const char latin1[64 + 1] =
    "aaaaaa*ceeeeiiii" /* C0-CF: Æ is special */
    "dnooooo*ouuuuy**" /* D0-DF: × Þ ß special */
    "aaaaaa*ceeeeiiii" /* E0-EF */
    "dnooooo*ouuuuy*y"; /* F0-FF: ÷ þ special */

/* Base letters of U+0100..U+017F; '*' marks Ĳ ĳ Œ œ. */
static const char latin_ext_a[128 + 1] =
    "aaaaaacccccccc" "dddd" "eeeeeeeeee" "gggggggg" "hhhh" "iiiiiiiiii" "**"
    "jj" "kkk" "llllllllll" "nnnnnnn" "nn" "oooooo" "**" "rrrrrr" "ssssssss"
    "tttttt" "uuuuuuuuuuuu" "ww" "yyy" "zzzzzz" "s";

/* Map one code point to its folded ASCII spelling; NULL = keep as is. */
static const char *fold_cp(uint32_t cp, char tmp[2])
{
    if (cp >= 0xC0 && cp <= 0xFF) {
        char c = latin1[cp - 0xC0];
        if (c != '*') { tmp[0] = c; tmp[1] = 0; return tmp; }
        switch (cp) {
        case 0xC6: case 0xE6: return "ae";
        case 0xDE: case 0xFE: return "th";
        case 0xDF: return "ss";
        case 0xD7: return "x";
        default: return NULL;
        }
    }
    if (cp >= 0x100 && cp <= 0x17F) {
        char c = latin_ext_a[cp - 0x100];
        if (c != '*') { tmp[0] = c; tmp[1] = 0; return tmp; }
        return (cp == 0x132 || cp == 0x133) ? "ij" : "oe";
    }
    switch (cp) {
    case 0x218: case 0x219: return "s"; /* Ș ș */
    case 0x21A: case 0x21B: return "t"; /* Ț ț */
    case 0x1E9E: return "ss";
    default: return NULL;
    }
}

size_t tl_fold(const char *s, size_t n, char *out, size_t cap)
{
    size_t o = 0, i = 0;
    int pending_space = 0;
    if (!cap) return 0;
    while (i < n) {
        unsigned char c = (unsigned char)s[i];
        uint32_t cp;
        size_t k;
        char tmp[2];
        const char *rep = NULL;
        if (c < 0x80) {
            cp = c;
            k = 1;
        } else {
            k = tl_utf8_decode(s + i, n - i, &cp);
            if (!k) { cp = 0xFFFD; k = 1; }
        }
        i += k;
        if (cp == ' ' || cp == '\t' || cp == '-' || cp == '_' || cp == '/' || cp == 0xA0 ||
            cp == 0x2010 || cp == 0x2013) {
            if (o) pending_space = 1;
            continue;
        }
        if (cp == '.' || cp == '\'' || cp == 0x2019 || cp == 0x2018 || cp == '`' ||
            is_combining(cp))
            continue;
        if (cp < 0x80) {
            tmp[0] = (char)((cp >= 'A' && cp <= 'Z') ? cp + 32 : cp);
            tmp[1] = 0;
            rep = tmp;
        } else {
            rep = fold_cp(cp, tmp);
        }
        if (pending_space) {
            if (o + 1 >= cap) break;
            out[o++] = ' ';
            pending_space = 0;
        }
        if (rep) {
            size_t rl = strlen(rep);
            if (o + rl >= cap) break;
            memcpy(out + o, rep, rl);
            o += rl;
        } else {
            /* keep other scripts as written (valid UTF-8 only) */
            if (o + k >= cap) break;
            if (cp == 0xFFFD && k == 1) { out[o++] = '?'; continue; }
            memcpy(out + o, s + i - k, k);
            o += k;
        }
    }
    out[o] = '\0';
    return o;
}

int tl_edit_distance(const char *a, const char *b, int max)
{
    size_t la = strlen(a), lb = strlen(b);
    if (la > 128) la = 128;
    if (lb > 128) lb = 128;
    int prev[129], cur[129];
    for (size_t j = 0; j <= lb; j++) prev[j] = (int)j;
    for (size_t i = 1; i <= la; i++) {
        cur[0] = (int)i;
        int rowmin = cur[0];
        for (size_t j = 1; j <= lb; j++) {
            int cost = a[i - 1] == b[j - 1] ? 0 : 1;
            int v = prev[j - 1] + cost;
            if (prev[j] + 1 < v) v = prev[j] + 1;
            if (cur[j - 1] + 1 < v) v = cur[j - 1] + 1;
            cur[j] = v;
            if (v < rowmin) rowmin = v;
        }
        if (rowmin > max) return max + 1;
        memcpy(prev, cur, sizeof(int) * (lb + 1));
    }
    return prev[lb] > max ? max + 1 : prev[lb];
}
