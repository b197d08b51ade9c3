/* util/date.c: ISO calendar dates (proleptic Gregorian). */
#include "touchline/util.h"

#include <stdio.h>
#include <string.h>

static int is_leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

static int days_in_month(int y, int m)
{
    static const int dm[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && is_leap(y) ? 29 : dm[m - 1];
}

int tl_date_parse(const char *s, size_t n, struct tl_date *out)
{
    if (n != 10 || s[4] != '-' || s[7] != '-') return -1;
    int v[3] = {0, 0, 0};
    const int start[3] = {0, 5, 8}, len[3] = {4, 2, 2};
    for (int f = 0; f < 3; f++)
        for (int i = 0; i < len[f]; i++) {
            char c = s[start[f] + i];
            if (c < '0' || c > '9') return -1;
            v[f] = v[f] * 10 + (c - '0');
        }
    if (v[0] < 1800 || v[1] < 1 || v[1] > 12 || v[2] < 1 || v[2] > days_in_month(v[0], v[1]))
        return -1;
    out->y = v[0];
    out->m = v[1];
    out->d = v[2];
    return 0;
}

void tl_date_format(struct tl_date d, char out[11])
{
    unsigned y = (unsigned)d.y % 10000u, m = (unsigned)d.m % 100u, dd = (unsigned)d.d % 100u;
    out[0] = (char)('0' + y / 1000);
    out[1] = (char)('0' + y / 100 % 10);
    out[2] = (char)('0' + y / 10 % 10);
    out[3] = (char)('0' + y % 10);
    out[4] = '-';
    out[5] = (char)('0' + m / 10);
    out[6] = (char)('0' + m % 10);
    out[7] = '-';
    out[8] = (char)('0' + dd / 10);
    out[9] = (char)('0' + dd % 10);
    out[10] = '\0';
}

long tl_date_days(struct tl_date d)
{
    /* days from civil (Howard Hinnant's algorithm, public domain description) */
    long y = d.y - (d.m <= 2);
    long era = (y >= 0 ? y : y - 399) / 400;
    long yoe = y - era * 400;
    long mp = (d.m + 9) % 12;
    long doy = (153 * mp + 2) / 5 + d.d - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

int tl_date_weekday(struct tl_date d)
{
    long z = tl_date_days(d); /* 1970-01-01 was a Thursday (3) */
    long w = (z % 7 + 7 + 3) % 7;
    return (int)w;
}

struct tl_date tl_date_from_days(long z)
{
    /* the inverse of tl_date_days (civil from days) */
    z += 719468;
    long era = (z >= 0 ? z : z - 146096) / 146097;
    long doe = z - era * 146097;
    long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long y = yoe + era * 400;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153;
    long d = doy - (153 * mp + 2) / 5 + 1;
    long m = mp < 10 ? mp + 3 : mp - 9;
    struct tl_date out = {(int)(y + (m <= 2)), (int)m, (int)d};
    return out;
}

int tl_date_add(const char *date, long n, char out[11])
{
    struct tl_date d;
    if (tl_date_parse(date, strlen(date), &d) != 0) return -1;
    tl_date_format(tl_date_from_days(tl_date_days(d) + n), out);
    return 0;
}

/* n digits at s as a number, or -1 */
static int digits(const char *s, int n)
{
    int v = 0;
    for (int i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9') return -1;
        v = v * 10 + (s[i] - '0');
    }
    return v;
}

/* "HH:MM" at s: minutes since midnight, or -1 */
static int hhmm(const char *s)
{
    int h = digits(s, 2), m = s[0] && s[1] && s[2] == ':' ? digits(s + 3, 2) : -1;
    return h < 0 || m < 0 || h > 23 || m > 59 ? -1 : h * 60 + m;
}

int tl_instant_parse(const char *s, int64_t *out, const char **why)
{
    struct tl_date d;
    *why = "a date YYYY-MM-DD";
    if (strlen(s) < 10 || tl_date_parse(s, 10, &d)) return -1;
    *why = "T or a space after the date, then a time HH:MM";
    if (s[10] != 'T' && s[10] != ' ') return -1;
    int mins = hhmm(s + 11), sec = 0;
    if (mins < 0) return -1;
    const char *p = s + 16;
    if (*p == ':') {
        *why = "seconds SS after HH:MM:";
        if ((sec = digits(p + 1, 2)) < 0 || sec > 59) return -1;
        p += 3;
    }
    int off = 0;
    *why = "Z, +HH:MM or -HH:MM (or nothing: UTC) after the time";
    if (*p == 'Z') p++;
    else if (*p == '+' || *p == '-') {
        int o = hhmm(p + 1);
        if (o < 0 || o > 14 * 60) return -1;
        off = *p == '-' ? -o : o;
        p += 6;
    }
    if (*p) return -1;
    *out = (int64_t)tl_date_days(d) * 86400 + (int64_t)(mins - off) * 60 + sec;
    *why = NULL;
    return 0;
}

int tl_instant_local(const char *date, const char *hm, int utc_offset, int64_t *out)
{
    struct tl_date d;
    if (!date || !hm || strlen(date) != 10 || tl_date_parse(date, 10, &d) || strlen(hm) != 5)
        return -1;
    int mins = hhmm(hm);
    if (mins < 0 || utc_offset < -14 * 60 || utc_offset > 14 * 60) return -1;
    *out = (int64_t)tl_date_days(d) * 86400 + (int64_t)(mins - utc_offset) * 60;
    return 0;
}

void tl_instant_format(int64_t t, char out[21])
{
    long days = (long)(t >= 0 ? t / 86400 : -((-t + 86399) / 86400));
    unsigned rest = (unsigned)(t - (int64_t)days * 86400) % 86400u;
    tl_date_format(tl_date_from_days(days), out);
    snprintf(out + 10, 11, "T%02u:%02u:%02uZ", rest / 3600 % 24, rest / 60 % 60, rest % 60);
}
