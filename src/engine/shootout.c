/* engine/shootout.c: a penalty shootout checked kick by kick; the
 * first-kicker effect over many shootouts. */
#include "touchline/engine.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

/* After the kicks so far, is the shootout decided? In the best of five a
 * team is beaten when it cannot reach the other's score with the kicks it
 * has left; in sudden death, when after a pair one scored and the other
 * did not. */
static int decided(const int taken[2], const int score[2])
{
    if (taken[0] <= 5 && taken[1] <= 5) {
        for (int t = 0; t < 2; t++)
            if (score[t] + (5 - taken[t]) < score[1 - t]) return 1;
        return 0;
    }
    return taken[0] == taken[1] && score[0] != score[1];
}

void tl_engine_shootout(const struct tl_kick *k, int n, const char *const names[2],
                        struct tl_shootout_check *out)
{
    memset(out, 0, sizeof *out);
    out->winner = -1;
    int taken[2] = {0, 0};
    int first = n && k[0].team ? 1 : 0;
    for (int i = 0; i < n; i++) {
        int t = k[i].team ? 1 : 0, expect = i % 2 == 0 ? first : 1 - first;
        if (!out->bad_kick && out->decided_at) {
            out->bad_kick = i + 1;
            snprintf(out->why, sizeof out->why,
                     "kick %d by %s was taken after the shootout was decided at kick %d", i + 1,
                     names[t], out->decided_at);
        }
        if (!out->bad_kick && t != expect) {
            out->bad_kick = i + 1;
            snprintf(out->why, sizeof out->why, "kick %d: %s kick twice in a row", i + 1,
                     names[t]);
        }
        taken[t]++;
        out->score[t] += k[i].scored ? 1 : 0;
        if (!out->decided_at && decided(taken, out->score)) out->decided_at = i + 1;
    }
    if (out->decided_at) out->winner = out->score[0] > out->score[1] ? 0 : 1;
    else if (!out->bad_kick && n) {
        out->undecided = 1;
        out->bad_kick = n;
        snprintf(out->why, sizeof out->why, "the %d kicks leave it undecided at %d-%d", n,
                 out->score[0], out->score[1]);
    }
    out->ok = !out->bad_kick && n > 0;
}

void tl_wilson(long k, long n, double *share, double *lo, double *hi)
{
    if (n <= 0) {
        *share = *lo = *hi = NAN;
        return;
    }
    const double z = 1.959963984540054; /* the 97.5th percentile of the normal */
    double p = (double)k / (double)n, z2n = z * z / (double)n;
    double centre = (p + z2n / 2) / (1 + z2n);
    double half = z * sqrt(p * (1 - p) / (double)n + z2n / (4.0 * (double)n)) / (1 + z2n);
    *share = p;
    *lo = centre - half;
    *hi = centre + half;
}

void tl_engine_first_kicker(const struct tl_shootout_list *l, struct tl_first_kicker *out)
{
    memset(out, 0, sizeof *out);
    for (size_t i = 0; i < l->n; i++) {
        const struct tl_shootout_row *x = &l->v[i];
        if (!x->first_id || !x->winner_id) continue;
        out->n++;
        out->wins += x->first_id == x->winner_id;
    }
    tl_wilson(out->wins, out->n, &out->share, &out->lo, &out->hi);
}

const struct tl_literature tl_first_kicker_literature[] = {
    {"Apesteguia and Palacios-Huerta (2010), American Economic Review 100(5)",
     "shootouts 1970-2008", 0.60, "the team kicking first won about 60%"},
    {"Kocher, Lenz and Sutter (2012), Management Science 58(8)",
     "about twice as many shootouts", 0.53,
     "about 53%, not significantly different from half"},
    {"later studies of over a thousand shootouts", "international and club shootouts", NAN,
     "no significant advantage; any edge of the first kicker within a few percentage points"},
};
const int tl_first_kicker_nliterature =
    (int)(sizeof tl_first_kicker_literature / sizeof *tl_first_kicker_literature);
