/* out/table.c: tables rendered as aligned text or CSV. */
#include "touchline/out.h"
#include "touchline/model.h"

#include <string.h>

void tl_table_init(struct tl_table *t) { memset(t, 0, sizeof *t); }

void tl_table_col(struct tl_table *t, const char *name, enum tl_cell_kind kind)
{
    if (t->ncols >= TL_TABLE_MAX_COLS) return;
    t->names[t->ncols] = name;
    t->kinds[t->ncols] = kind;
    t->ncols++;
}

tl_rc tl_table_row(struct tl_table *t)
{
    if (t->nrows == t->alloc) {
        size_t na = t->alloc ? t->alloc * 2 : 32;
        char **p = tl_realloc(t->cells, na * t->ncols * sizeof *p);
        if (!p) return TL_ENOMEM;
        t->cells = p;
        t->alloc = na;
    }
    memset(t->cells + t->nrows * t->ncols, 0, t->ncols * sizeof *t->cells);
    t->nrows++;
    return TL_OK;
}

tl_rc tl_table_set(struct tl_table *t, size_t c, const char *v)
{
    if (!t->nrows || c >= t->ncols) return TL_EUSAGE;
    char **cell = &t->cells[(t->nrows - 1) * t->ncols + c];
    tl_free(*cell);
    *cell = NULL;
    if (!v) return TL_OK;
    *cell = tl_strdup(v);
    return *cell ? TL_OK : TL_ENOMEM;
}

tl_rc tl_table_setf(struct tl_table *t, size_t c, const char *fmt, ...)
{
    char buf[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    return tl_table_set(t, c, buf);
}

tl_rc tl_table_set_int(struct tl_table *t, size_t c, long v)
{
    if (v == TL_NONE) return tl_table_set(t, c, NULL);
    char buf[32];
    snprintf(buf, sizeof buf, "%ld", v);
    return tl_table_set(t, c, buf);
}

void tl_table_free(struct tl_table *t)
{
    for (size_t i = 0; i < t->nrows * t->ncols; i++) tl_free(t->cells[i]);
    tl_free(t->cells);
    memset(t, 0, sizeof *t);
}

static void pad(FILE *f, size_t n)
{
    while (n--) fputc(' ', f);
}

void tl_table_print_text(const struct tl_table *t, FILE *f)
{
    size_t w[TL_TABLE_MAX_COLS];
    for (size_t c = 0; c < t->ncols; c++) {
        w[c] = tl_utf8_width(t->names[c]);
        for (size_t r = 0; r < t->nrows; r++) {
            const char *v = t->cells[r * t->ncols + c];
            size_t vw = v ? tl_utf8_width(v) : 0;
            if (vw > w[c]) w[c] = vw;
        }
    }
    for (size_t r = 0; r <= t->nrows; r++) {
        for (size_t c = 0; c < t->ncols; c++) {
            const char *v = r == 0 ? t->names[c] : t->cells[(r - 1) * t->ncols + c];
            if (!v) v = "";
            size_t vw = tl_utf8_width(v);
            int right = t->kinds[c] == TL_CELL_INT || t->kinds[c] == TL_CELL_NUM;
            int last = c + 1 == t->ncols;
            if (right) pad(f, w[c] - vw);
            fputs(v, f);
            if (!right && !last) pad(f, w[c] - vw);
            if (!last) fputs("  ", f);
        }
        fputc('\n', f);
    }
}

static void csv_cell(FILE *f, const char *v)
{
    if (!v) return;
    if (!strpbrk(v, ",\"\n\r")) {
        fputs(v, f);
        return;
    }
    fputc('"', f);
    for (; *v; v++) {
        if (*v == '"') fputc('"', f);
        fputc(*v, f);
    }
    fputc('"', f);
}

void tl_table_print_csv(const struct tl_table *t, FILE *f)
{
    for (size_t r = 0; r <= t->nrows; r++) {
        for (size_t c = 0; c < t->ncols; c++) {
            if (c) fputc(',', f);
            csv_cell(f, r == 0 ? t->names[c] : t->cells[(r - 1) * t->ncols + c]);
        }
        fputc('\n', f);
    }
}
