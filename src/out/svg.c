/* out/svg.c: pictures a person can look at: a shot map on a pitch. */
#include "touchline/out.h"

#include <math.h>
#include <string.h>

#define SCALE 6.0   /* pixels per yard */
#define MARGIN 20.0
#define TOP 64.0    /* room for the title */
#define PITCH_W 120.0
#define PITCH_H 80.0

static const char *const colour[2] = {"#1f5fbf", "#d2452b"};

static void text_esc(FILE *f, const char *s)
{
    for (; s && *s; s++) switch (*s) {
        case '&': fputs("&amp;", f); break;
        case '<': fputs("&lt;", f); break;
        case '>': fputs("&gt;", f); break;
        case '"': fputs("&quot;", f); break;
        default: fputc(*s, f);
        }
}

static double px(double x) { return MARGIN + x * SCALE; }
static double py(double y) { return TOP + y * SCALE; }

static void rect(FILE *f, double x, double y, double w, double h)
{
    fprintf(f, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\"/>\n", px(x), py(y),
            w * SCALE, h * SCALE);
}

static void pitch(FILE *f)
{
    fputs("<g fill=\"none\" stroke=\"#ffffff\" stroke-width=\"2\">\n", f);
    rect(f, 0, 0, PITCH_W, PITCH_H);
    fprintf(f, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\"/>\n", px(60), py(0), px(60),
            py(80));
    fprintf(f, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"%.1f\"/>\n", px(60), py(40), 10 * SCALE);
    for (int end = 0; end < 2; end++) {
        double x0 = end ? PITCH_W - 18 : 0, x6 = end ? PITCH_W - 6 : 0;
        double spot = end ? PITCH_W - 12 : 12;
        rect(f, x0, 18, 18, 44);   /* penalty area: 18 yards deep, 44 wide */
        rect(f, x6, 30, 6, 20);    /* six-yard box */
        rect(f, end ? PITCH_W : -2, 36, 2, 8); /* the goal, 8 yards wide */
        fprintf(f, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"2\" fill=\"#ffffff\"/>\n", px(spot),
                py(40));
        /* the arc of the penalty area: 10 yards from the spot */
        double dx = 6, dy = sqrt(100 - dx * dx);
        double ax = end ? PITCH_W - 18 : 18;
        fprintf(f, "<path d=\"M %.1f %.1f A %.1f %.1f 0 0 %d %.1f %.1f\"/>\n", px(ax),
                py(40 - dy), 10 * SCALE, 10 * SCALE, end ? 0 : 1, px(ax), py(40 + dy));
    }
    fputs("</g>\n", f);
}

tl_rc tl_svg_shot_map(FILE *f, const struct tl_action_list *l, int64_t home_id, const char *home,
                      const char *away, const char *title, const char *subtitle)
{
    double w = PITCH_W * SCALE + 2 * MARGIN, h = PITCH_H * SCALE + TOP + 2 * MARGIN + 44;
    fprintf(f,
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%.0f\" height=\"%.0f\" "
            "viewBox=\"0 0 %.0f %.0f\" font-family=\"Helvetica, Arial, sans-serif\">\n",
            w, h, w, h);
    fputs("<title>", f);
    text_esc(f, title);
    fputs("</title>\n", f);
    fprintf(f, "<rect width=\"%.0f\" height=\"%.0f\" fill=\"#fafafa\"/>\n", w, h);
    fprintf(f, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"#3a8a3f\"/>\n",
            px(-2) - 4, py(0) - 4, (PITCH_W + 4) * SCALE + 8, PITCH_H * SCALE + 8);
    fprintf(f, "<text x=\"%.1f\" y=\"26\" font-size=\"20\" font-weight=\"bold\">", MARGIN);
    text_esc(f, title);
    fputs("</text>\n", f);
    fprintf(f, "<text x=\"%.1f\" y=\"48\" font-size=\"13\" fill=\"#444\">", MARGIN);
    text_esc(f, subtitle);
    fputs("</text>\n", f);
    pitch(f);
    double xg[2] = {0, 0};
    int shots[2] = {0, 0}, goals[2] = {0, 0};
    for (size_t i = 0; i < l->n; i++) {
        const struct tl_action *a = &l->v[i];
        if (!a->type || strcmp(a->type, "Shot") != 0 || a->period >= 5 || isnan(a->x) ||
            isnan(a->y))
            continue; /* shots in play only: shootout kicks are not chances */
        int side = a->team_id == home_id ? 0 : 1;
        /* home attacks to the right; StatsBomb draws every team attacking right */
        double x = side == 0 ? a->x : PITCH_W - a->x, y = side == 0 ? a->y : PITCH_H - a->y;
        double v = isnan(a->xg) ? 0.02 : a->xg;
        double r = 3 + 22 * sqrt(v);
        int goal = a->outcome && strcmp(a->outcome, "Goal") == 0;
        shots[side]++;
        goals[side] += goal;
        xg[side] += isnan(a->xg) ? 0 : a->xg;
        fprintf(f,
                "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"%.1f\" fill=\"%s\" fill-opacity=\"%s\" "
                "stroke=\"%s\" stroke-width=\"2\"><title>",
                px(x), py(y), r, goal ? colour[side] : "#ffffff", goal ? "0.9" : "0.35",
                colour[side]);
        int added;
        int minute;
        tl_written_minute(a->period, a->minute, &minute, &added);
        if (added) fprintf(f, "%d+%d' ", minute, added);
        else fprintf(f, "%d' ", minute);
        text_esc(f, a->player);
        fprintf(f, ", xG %.2f, ", isnan(a->xg) ? 0.0 : a->xg);
        text_esc(f, a->outcome ? a->outcome : "?");
        fputs("</title></circle>\n", f);
    }
    /* legend */
    double ly = py(PITCH_H) + 36;
    for (int s = 0; s < 2; s++, ly += 22) { /* one line each: names can be long */
        double lx = MARGIN;
        fprintf(f, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"7\" fill=\"%s\"/>\n", lx + 7, ly - 5,
                colour[s]);
        fprintf(f, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"14\">", lx + 20, ly);
        text_esc(f, s == 0 ? home : away);
        fprintf(f, " %s: %d shot%s, %d goal%s, xG %.2f</text>\n",
                s == 0 ? "(attacking right)" : "(attacking left)", shots[s],
                shots[s] == 1 ? "" : "s", goals[s], goals[s] == 1 ? "" : "s", xg[s]);
    }
    fputs("</svg>\n", f);
    return ferror(f) ? TL_EIO : TL_OK;
}

/* ---- brackets ---- */

#define TIE_W 190.0
#define TIE_H 44.0
#define COL_GAP 40.0

tl_rc tl_svg_bracket(FILE *f, const char *title, const char *subtitle,
                     const char *const *round_names, const struct tl_svg_tie *const *rounds,
                     const int *n, int nrounds)
{
    int most = 1;
    for (int r = 0; r < nrounds; r++)
        if (n[r] > most) most = n[r];
    double rowh = TIE_H + 16, top = 84;
    double w = MARGIN * 2 + nrounds * (TIE_W + COL_GAP), h = top + most * rowh + MARGIN;
    fprintf(f,
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%.0f\" height=\"%.0f\" "
            "viewBox=\"0 0 %.0f %.0f\" font-family=\"Helvetica, Arial, sans-serif\">\n",
            w, h, w, h);
    fputs("<title>", f);
    text_esc(f, title);
    fputs("</title>\n", f);
    fprintf(f, "<rect width=\"%.0f\" height=\"%.0f\" fill=\"#fafafa\"/>\n", w, h);
    fprintf(f, "<text x=\"%.1f\" y=\"28\" font-size=\"20\" font-weight=\"bold\">", MARGIN);
    text_esc(f, title);
    fprintf(f, "</text>\n<text x=\"%.1f\" y=\"48\" font-size=\"13\" fill=\"#444\">", MARGIN);
    text_esc(f, subtitle);
    fputs("</text>\n", f);
    /* the centre of tie k of round r: the first round evenly spaced, each
     * later tie halfway between the two that feed it */
    double cy[8][64];
    for (int r = 0; r < nrounds && r < 8; r++)
        for (int k = 0; k < n[r] && k < 64; k++) {
            if (r == 0 || 2 * k + 1 >= n[r - 1]) {
                double span = (double)most / n[r];
                cy[r][k] = top + (k + 0.5) * span * rowh;
            } else {
                cy[r][k] = (cy[r - 1][2 * k] + cy[r - 1][2 * k + 1]) / 2;
            }
        }
    for (int r = 0; r < nrounds && r < 8; r++) {
        double x = MARGIN + r * (TIE_W + COL_GAP);
        fprintf(f, "<text x=\"%.1f\" y=\"72\" font-size=\"13\" font-weight=\"bold\">", x);
        text_esc(f, round_names[r]);
        fputs("</text>\n", f);
        for (int k = 0; k < n[r] && k < 64; k++) {
            const struct tl_svg_tie *t = &rounds[r][k];
            double y = cy[r][k] - TIE_H / 2;
            fprintf(f, "<g><rect x=\"%.1f\" y=\"%.1f\" width=\"%.0f\" height=\"%.0f\" "
                       "fill=\"#ffffff\" stroke=\"#888\"/>\n",
                    x, y, TIE_W, TIE_H);
            fprintf(f, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#ddd\"/>\n",
                    x, y + TIE_H / 2, x + TIE_W, y + TIE_H / 2);
            for (int s = 0; s < 2; s++) {
                double ty = y + (s ? TIE_H - 7 : TIE_H / 2 - 7);
                const char *weight = t->winner == s ? "bold" : "normal";
                fprintf(f, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"13\" font-weight=\"%s\">",
                        x + 6, ty, weight);
                text_esc(f, t->team[s] ? t->team[s] : "?");
                fprintf(f, "</text><text x=\"%.1f\" y=\"%.1f\" font-size=\"13\" "
                           "text-anchor=\"end\" font-weight=\"%s\">",
                        x + TIE_W - 6, ty, weight);
                text_esc(f, t->score[s]);
                fputs("</text>\n", f);
            }
            fputs("</g>\n", f);
            /* the line to the tie it feeds */
            if (r + 1 < nrounds && k / 2 < n[r + 1]) {
                double x2 = x + TIE_W + COL_GAP, ym = cy[r + 1][k / 2];
                fprintf(f, "<path d=\"M %.1f %.1f H %.1f V %.1f H %.1f\" fill=\"none\" "
                           "stroke=\"#555\"/>\n",
                        x + TIE_W, cy[r][k], x + TIE_W + COL_GAP / 2, ym, x2);
            }
        }
    }
    fputs("</svg>\n", f);
    return ferror(f) ? TL_EIO : TL_OK;
}

/* ---- a line chart over time ---- */

#define CHART_W 900.0
#define CHART_H 420.0
#define CHART_L 64.0   /* room for the value labels */
#define CHART_T 70.0
#define CHART_B 40.0   /* room for the year labels */

static const char *const series_colour[] = {"#1f5fbf", "#d2452b", "#2a9d4a", "#8e44ad",
                                            "#e08e0b", "#16a0a0"};

/* a round step for about `want` gridlines over span */
static double nice_step(double span, int want)
{
    double raw = span / want, p = pow(10, floor(log10(raw)));
    double m = raw / p;
    return (m < 1.5 ? 1 : m < 3.5 ? 2 : m < 7.5 ? 5 : 10) * p;
}

tl_rc tl_svg_lines(FILE *f, const char *title, const char *subtitle,
                   const struct tl_svg_series *s, int ns)
{
    double x0 = INFINITY, x1 = -INFINITY, y0 = INFINITY, y1 = -INFINITY;
    for (int i = 0; i < ns; i++)
        for (size_t k = 0; k < s[i].n; k++) {
            x0 = fmin(x0, s[i].x[k]);
            x1 = fmax(x1, s[i].x[k]);
            y0 = fmin(y0, s[i].y[k]);
            y1 = fmax(y1, s[i].y[k]);
        }
    if (!(x0 <= x1)) return TL_EUSAGE; /* nothing to draw */
    if (x1 - x0 < 1) x1 = x0 + 1;
    double ystep = nice_step(y1 - y0 > 1 ? y1 - y0 : 100, 6);
    y0 = floor(y0 / ystep) * ystep;
    y1 = ceil(y1 / ystep) * ystep;
    if (y1 <= y0) y1 = y0 + ystep;
    double pw = CHART_W - CHART_L - MARGIN, ph = CHART_H - CHART_T - CHART_B;
#define CX(v) (CHART_L + ((v) - x0) / (x1 - x0) * pw)
#define CY(v) (CHART_T + (y1 - (v)) / (y1 - y0) * ph)
    fprintf(f,
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%.0f\" height=\"%.0f\" "
            "viewBox=\"0 0 %.0f %.0f\" font-family=\"Helvetica, Arial, sans-serif\">\n",
            CHART_W, CHART_H, CHART_W, CHART_H);
    fputs("<title>", f);
    text_esc(f, title);
    fputs("</title>\n", f);
    fprintf(f, "<rect width=\"%.0f\" height=\"%.0f\" fill=\"#ffffff\"/>\n", CHART_W, CHART_H);
    fprintf(f, "<text x=\"%.1f\" y=\"28\" font-size=\"20\" font-weight=\"bold\">", MARGIN);
    text_esc(f, title);
    fprintf(f, "</text>\n<text x=\"%.1f\" y=\"48\" font-size=\"13\" fill=\"#444\">", MARGIN);
    text_esc(f, subtitle);
    fputs("</text>\n", f);
    /* horizontal gridlines with their values */
    fputs("<g font-size=\"12\" fill=\"#555\" stroke-width=\"1\">\n", f);
    for (double v = y0; v <= y1 + ystep / 2; v += ystep)
        fprintf(f,
                "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#e4e4e4\"/>"
                "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\">%.0f</text>\n",
                CHART_L, CY(v), CHART_L + pw, CY(v), CHART_L - 8, CY(v) + 4, v);
    /* years along the bottom (x is in years) */
    double xstep = nice_step(x1 - x0, 8);
    if (xstep < 1) xstep = 1;
    for (double v = ceil(x0 / xstep) * xstep; v <= x1; v += xstep)
        fprintf(f,
                "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#f0f0f0\"/>"
                "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">%.0f</text>\n",
                CX(v), CHART_T, CX(v), CHART_T + ph, CX(v), CHART_T + ph + 18, v);
    fprintf(f, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"none\""
            " stroke=\"#888\"/>\n</g>\n", CHART_L, CHART_T, pw, ph);
    for (int i = 0; i < ns; i++) {
        const char *col = series_colour[i % (int)(sizeof series_colour / sizeof *series_colour)];
        fprintf(f, "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"1.6\" points=\"", col);
        for (size_t k = 0; k < s[i].n; k++)
            fprintf(f, "%s%.1f,%.1f", k ? " " : "", CX(s[i].x[k]), CY(s[i].y[k]));
        fputs("\"/>\n", f);
        /* the legend, top left inside the plot */
        double ly = CHART_T + 18 + i * 18;
        fprintf(f,
                "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\""
                " stroke-width=\"3\"/><text x=\"%.1f\" y=\"%.1f\" font-size=\"13\">",
                CHART_L + 10, ly - 4, CHART_L + 30, ly - 4, col, CHART_L + 36, ly);
        text_esc(f, s[i].name);
        fputs("</text>\n", f);
    }
#undef CX
#undef CY
    fputs("</svg>\n", f);
    return ferror(f) ? TL_EIO : TL_OK;
}
