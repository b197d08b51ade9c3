/* util/progress.c: a one-line progress bar on stderr, drawn only when stderr
 * is a terminal and the job has already taken longer than its delay. */
#include "touchline/util.h"

#include <stdio.h>
#include <unistd.h>

void tl_progress_start(struct tl_progress *p, const char *label, uint64_t total, double delay)
{
    p->label = label;
    p->total = total;
    p->start = tl_now();
    p->delay = delay;
    p->last = 0;
    p->shown = 0;
    p->enabled = isatty(STDERR_FILENO);
}

void tl_progress_update(struct tl_progress *p, uint64_t done)
{
    if (!p->enabled) return;
    double now = tl_now();
    if (now - p->start < p->delay) return;
    if (p->shown && now - p->last < 0.1) return;
    p->last = now;
    p->shown = 1;
    int width = 30;
    double frac = p->total ? (double)done / (double)p->total : 0;
    if (frac > 1) frac = 1;
    int fill = (int)(frac * width);
    char bar[64];
    for (int i = 0; i < width; i++) bar[i] = i < fill ? '#' : '.';
    bar[width] = 0;
    fprintf(stderr, "\r%-24.24s [%s] %3d%%  %.1fs", p->label, bar, (int)(frac * 100),
            now - p->start);
    fflush(stderr);
}

void tl_progress_end(struct tl_progress *p)
{
    if (p->enabled && p->shown) {
        p->last = 0;
        tl_progress_update(p, p->total);
        fputc('\n', stderr);
    }
    p->shown = 0;
}
