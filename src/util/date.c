/* util/date.c: ISO calendar dates (proleptic Gregorian). */
#include "touchline/util.h"

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
