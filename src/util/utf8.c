/* util/utf8.c: UTF-8 validation and decoding, display width, name folding
 * (case folding and accent removal by libunistring, punctuation) and edit
 * distance for suggestions. */
#include "touchline/util.h"

#include <stdlib.h>
#include <string.h>
#include <unicase.h>
#include <unictype.h>
#include <uninorm.h>

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

/* Letters Unicode gives no decomposition (so NFKD cannot strip them down to
 * a base letter), spelled the way English-language sources write them.
 * Everything else comes from libunistring: full case folding and NFKD. */
static const char *undecomposable(uint32_t cp)
{
    switch (cp) {
    case 0x00F8: return "o";  /* ø */
    case 0x0142: return "l";  /* ł */
    case 0x0111: return "d";  /* đ */
    case 0x00F0: return "d";  /* ð */
    case 0x00E6: return "ae"; /* æ */
    case 0x0153: return "oe"; /* œ */
    case 0x0131: return "i";  /* ı */
    case 0x00FE: return "th"; /* þ */
    case 0x014B: return "n";  /* ŋ */
    case 0x0127: return "h";  /* ħ */
    case 0x0167: return "t";  /* ŧ */
    default: return NULL;
    }
}

static int is_space_like(uint32_t cp)
{
    return cp == ' ' || cp == '\t' || cp == '-' || cp == '_' || cp == '/' || cp == 0xA0 ||
           cp == 0x2010 || cp == 0x2011 || cp == 0x2013 || cp == 0x2014;
}

static int is_dropped(uint32_t cp)
{
    return cp == '.' || cp == '\'' || cp == 0x2019 || cp == 0x2018 || cp == '`' || cp == 0x02BC ||
           uc_is_general_category(cp, UC_CATEGORY_M);
}

size_t tl_fold(const char *s, size_t n, char *out, size_t cap)
{
    if (!cap) return 0;
    /* invalid bytes become '?' first: libunistring takes valid UTF-8 only */
    char clean[1024];
    size_t cn = 0;
    int ascii = 1;
    for (size_t i = 0; i < n && cn + 4 < sizeof clean;) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x80) {
            clean[cn++] = (char)c;
            i++;
            continue;
        }
        uint32_t cp;
        size_t k = tl_utf8_decode(s + i, n - i, &cp);
        if (!k) {
            clean[cn++] = '?';
            i++;
            continue;
        }
        ascii = 0;
        memcpy(clean + cn, s + i, k);
        cn += k;
        i += k;
    }
    if (ascii) { /* most names: the loop below, a byte at a time */
        size_t o = 0;
        int pending_space = 0;
        for (size_t i = 0; i < cn; i++) {
            char c = clean[i];
            if (c == ' ' || c == '\t' || c == '-' || c == '_' || c == '/') {
                if (o) pending_space = 1;
                continue;
            }
            if (c == '.' || c == '\'' || c == '`') continue;
            if (pending_space) {
                if (o + 1 >= cap) break;
                out[o++] = ' ';
                pending_space = 0;
            }
            if (o + 1 >= cap) break;
            out[o++] = c >= 'A' && c <= 'Z' ? (char)(c + 32) : c;
        }
        out[o] = '\0';
        return o;
    }
    uint8_t stackbuf[2048];
    uint8_t *folded = (uint8_t *)clean;
    size_t fn = cn;
    {
        size_t len = sizeof stackbuf;
        folded = u8_casefold((const uint8_t *)clean, cn, NULL, UNINORM_NFKD, stackbuf, &len);
        if (!folded) { /* out of memory: fold ASCII only */
            folded = (uint8_t *)clean;
            len = cn;
        }
        fn = len;
    }
    size_t o = 0, i = 0;
    int pending_space = 0;
    while (i < fn) {
        uint32_t cp;
        size_t k = tl_utf8_decode((const char *)folded + i, fn - i, &cp);
        if (!k) { cp = '?'; k = 1; }
        i += k;
        if (is_space_like(cp)) {
            if (o) pending_space = 1;
            continue;
        }
        if (cp >= 0x80 && is_dropped(cp)) continue;
        if (cp < 0x80 && is_dropped(cp)) continue;
        const char *rep = NULL;
        char one[2] = {0, 0};
        if (cp < 0x80) {
            one[0] = (char)((cp >= 'A' && cp <= 'Z') ? cp + 32 : cp);
            rep = one;
        } else {
            rep = undecomposable(cp);
        }
        if (pending_space) {
            if (o + 1 >= cap) break;
            out[o++] = ' ';
            pending_space = 0;
        }
        size_t rl = rep ? strlen(rep) : k;
        if (o + rl >= cap) break;
        memcpy(out + o, rep ? rep : (const char *)folded + i - k, rl);
        o += rl;
    }
    out[o] = '\0';
    if (folded != (uint8_t *)clean && folded != stackbuf) free(folded);
    return o;
}

static size_t pretty_word(const char *w, size_t n, char *out, size_t cap)
{
    /* An ASCII word, as most are: libunistring's answers for ASCII (a-z
     * lower case, A-Z and a-z letters, A-Z lowered to a-z) a byte at a
     * time; its calls cost ~2,500 instructions a name. */
    size_t i = 0, letters = 0, lower = 0;
    while (i < n && (unsigned char)w[i] < 0x80) {
        unsigned char c = (unsigned char)w[i++];
        if (c >= 'a' && c <= 'z') lower++, letters++;
        else if (c >= 'A' && c <= 'Z') letters++;
    }
    if (i == n) {
        /* (as below: a word as written needs a byte to spare, a lowered one
         * may fill the space) */
        if (letters < 2 || lower ? n >= cap : n > cap) return 0;
        memcpy(out, w, n);
        if (letters < 2 || lower) return n; /* as written */
        for (i = 1; i < n; i++)
            if (out[i] >= 'A' && out[i] <= 'Z') out[i] = (char)(out[i] - 'A' + 'a');
        return n;
    }
    letters = lower = 0;
    for (i = 0; i < n;) {
        uint32_t cp;
        size_t k = tl_utf8_decode(w + i, n - i, &cp);
        if (!k) { k = 1; cp = '?'; }
        if (uc_is_property_lowercase(cp)) lower++;
        if (uc_is_property_alphabetic(cp)) letters++;
        i += k;
    }
    if (letters < 2 || lower) { /* as written */
        if (n >= cap) return 0;
        memcpy(out, w, n);
        return n;
    }
    size_t first = 0;
    uint32_t cp;
    first = tl_utf8_decode(w, n, &cp);
    if (!first) first = 1;
    size_t rest = cap - first;
    if (first >= cap) return 0;
    memcpy(out, w, first);
    uint8_t *low = u8_tolower((const uint8_t *)w + first, n - first, NULL, NULL,
                              (uint8_t *)out + first, &rest);
    if (!low) return 0;
    if (low != (uint8_t *)out + first) { /* did not fit: keep the word as written */
        free(low);
        if (n >= cap) return 0;
        memcpy(out, w, n);
        return n;
    }
    return first + rest;
}

size_t tl_name_pretty(const char *s, char *out, size_t cap)
{
    size_t n = strlen(s), o = 0, i = 0;
    if (!cap) return 0;
    while (i < n && o + 1 < cap) {
        size_t j = i;
        while (j < n && s[j] != ' ' && s[j] != '-' && s[j] != '\'') j++;
        size_t w = pretty_word(s + i, j - i, out + o, cap - 1 - o);
        if (w == 0 && j > i) break;
        o += w;
        if (j < n && o + 1 < cap) out[o++] = s[j];
        i = j + 1;
    }
    out[o] = '\0';
    return o;
}

/* How well a name is written: words in mixed case and letters with
 * diacritics beat ALL CAPS and plain ASCII ("Kylian Mbappé" > "Kylian MBAPPE"). */
int tl_name_quality(const char *n)
{
    int q = 0, upper_run = 0, lower = 0;
    for (const unsigned char *p = (const unsigned char *)n; *p; p++) {
        if (*p >= 0x80) q += 2;
        if (*p >= 'a' && *p <= 'z') lower = 1;
        if (*p >= 'A' && *p <= 'Z') upper_run++;
        else if (*p == ' ') {
            if (upper_run > 1) q -= 3; /* an ALL-CAPS word */
            upper_run = 0;
        } else if (*p >= 'a' && *p <= 'z') {
            upper_run = 0;
        }
    }
    if (upper_run > 1) q -= 3;
    return q + (lower ? 1 : 0);
}

size_t tl_fold_alt(const char *f, char *out, size_t cap)
{
    size_t o = 0;
    if (!cap) return 0;
    for (size_t i = 0; f[i] && o + 1 < cap; i++) {
        out[o++] = f[i];
        if ((f[i] == 'a' || f[i] == 'o' || f[i] == 'u') && f[i + 1] == 'e') i++;
    }
    out[o] = '\0';
    return o;
}

/* Split a folded, alt-keyed name into words (in place). */
static int words(char *s, char *w[], int max)
{
    int n = 0;
    char *save = NULL;
    for (char *p = strtok_r(s, " ", &save); p && n < max; p = strtok_r(NULL, " ", &save))
        w[n++] = p;
    return n;
}

static void squeeze(const char *in, char *out, size_t cap)
{
    size_t o = 0;
    for (; *in && o + 1 < cap; in++)
        if (*in != ' ') out[o++] = *in;
    out[o] = '\0';
}

int tl_name_variant(const char *a, const char *b)
{
    char aa[256], bb[256], sa[256], sb[256];
    tl_fold_alt(a, aa, sizeof aa);
    tl_fold_alt(b, bb, sizeof bb);
    squeeze(aa, sa, sizeof sa);
    squeeze(bb, sb, sizeof sb);
    if (!sa[0] || !sb[0]) return 0;
    if (strcmp(sa, sb) == 0) return 1; /* spacing: "park jisung" */
    char *wa[16], *wb[16];
    int na = words(aa, wa, 16), nb = words(bb, wb, 16);
    if (na == 0 || nb == 0 || na > nb) return 0;
    int used[16] = {0}, full = 0;
    for (int i = 0; i < na; i++) {
        int initial = strlen(wa[i]) == 1, hit = -1;
        for (int k = 0; k < nb && hit < 0; k++)
            if (!used[k] && (initial ? wb[k][0] == wa[i][0] : strcmp(wb[k], wa[i]) == 0)) hit = k;
        if (hit < 0) return 0;
        used[hit] = 1;
        full += !initial;
    }
    return full > 0;
}

uint32_t tl_name_letters(const char *folded)
{
    uint32_t m = 0;
    for (const unsigned char *p = (const unsigned char *)folded; *p; p++) {
        if (*p >= 'a' && *p <= 'z') m |= 1u << (*p - 'a');
        if ((*p == 'a' || *p == 'o' || *p == 'u') && p[1] == 'e') p++; /* as tl_fold_alt */
    }
    return m;
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
