/* engine/shootout.c: a penalty shootout checked kick by kick. */
#include "touchline/engine.h"

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
        out->bad_kick = n;
        snprintf(out->why, sizeof out->why, "the %d kicks leave it undecided at %d-%d", n,
                 out->score[0], out->score[1]);
    }
    out->ok = !out->bad_kick && n > 0;
}
