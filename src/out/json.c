/* out/json.c: a streaming JSON writer (RFC 8259 strings, no pretty-printing
 * beyond one value per document). */
#include "touchline/out.h"
#include "touchline/model.h"

#include <math.h>
#include <string.h>

void tl_json_init(struct tl_json *j, FILE *f)
{
    memset(j, 0, sizeof *j);
    j->f = f;
}

static void sep(struct tl_json *j)
{
    if (j->after_key) {
        j->after_key = 0;
        return;
    }
    if (j->depth > 0 && j->count[j->depth]++ > 0) fputc(',', j->f);
}

static void open_(struct tl_json *j, char c)
{
    sep(j);
    fputc(c, j->f);
    if (j->depth + 1 < TL_JSON_MAX_DEPTH) j->depth++;
    j->count[j->depth] = 0;
}

static void close_(struct tl_json *j, char c)
{
    fputc(c, j->f);
    if (j->depth > 0) j->depth--;
}

void tl_json_obj(struct tl_json *j) { open_(j, '{'); }
void tl_json_end_obj(struct tl_json *j) { close_(j, '}'); }
void tl_json_arr(struct tl_json *j) { open_(j, '['); }
void tl_json_end_arr(struct tl_json *j) { close_(j, ']'); }

static void str_raw(struct tl_json *j, const char *s)
{
    fputc('"', j->f);
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        switch (*p) {
        case '"': fputs("\\\"", j->f); break;
        case '\\': fputs("\\\\", j->f); break;
        case '\n': fputs("\\n", j->f); break;
        case '\r': fputs("\\r", j->f); break;
        case '\t': fputs("\\t", j->f); break;
        default:
            if (*p < 0x20) fprintf(j->f, "\\u%04x", *p);
            else fputc(*p, j->f);
        }
    }
    fputc('"', j->f);
}

void tl_json_key(struct tl_json *j, const char *k)
{
    sep(j);
    str_raw(j, k);
    fputc(':', j->f);
    j->after_key = 1;
}

void tl_json_str(struct tl_json *j, const char *s)
{
    sep(j);
    if (s) str_raw(j, s);
    else fputs("null", j->f);
}

void tl_json_int(struct tl_json *j, long v)
{
    sep(j);
    if (v == TL_NONE) fputs("null", j->f);
    else fprintf(j->f, "%ld", v);
}

void tl_json_num(struct tl_json *j, double v, int decimals)
{
    sep(j);
    if (isnan(v) || isinf(v)) fputs("null", j->f);
    else fprintf(j->f, "%.*f", decimals, v);
}

void tl_json_bool(struct tl_json *j, int v)
{
    sep(j);
    fputs(v ? "true" : "false", j->f);
}

void tl_json_null(struct tl_json *j)
{
    sep(j);
    fputs("null", j->f);
}

void tl_json_table(struct tl_json *j, const struct tl_table *t)
{
    tl_json_arr(j);
    for (size_t r = 0; r < t->nrows; r++) {
        tl_json_obj(j);
        for (size_t c = 0; c < t->ncols; c++) {
            const char *v = t->cells[r * t->ncols + c];
            tl_json_key(j, t->names[c]);
            if (!v) tl_json_null(j);
            else if (t->kinds[c] == TL_CELL_INT || t->kinds[c] == TL_CELL_NUM) {
                sep(j);
                fputs(v + (*v == '+'), j->f);
            } else if (t->kinds[c] == TL_CELL_BOOL) tl_json_bool(j, strcmp(v, "yes") == 0 || strcmp(v, "true") == 0);
            else tl_json_str(j, v);
        }
        tl_json_end_obj(j);
    }
    tl_json_end_arr(j);
}

void tl_json_done(struct tl_json *j) { fputc('\n', j->f); }
