/*
 * out: how results leave touchline. A table of cells rendered as aligned
 * text, CSV (RFC 4180) or JSON; and a small streaming JSON writer for
 * documents that are not one table. Every query command goes through here,
 * so --json and --csv work the same everywhere.
 */
#ifndef TOUCHLINE_OUT_H
#define TOUCHLINE_OUT_H

#include "touchline/model.h"
#include "touchline/util.h"

#include <stdio.h>

enum tl_out_format { TL_OUT_TEXT = 0, TL_OUT_JSON, TL_OUT_CSV };

#define TL_TABLE_MAX_COLS 24
/* TL_CELL_NUM: a decimal number, right-aligned; a JSON number (a leading
 * '+' of the text is dropped there) */
enum tl_cell_kind { TL_CELL_TEXT = 0, TL_CELL_INT, TL_CELL_BOOL, TL_CELL_NUM };

struct tl_table {
    size_t ncols;
    const char *names[TL_TABLE_MAX_COLS]; /* borrowed: column names (JSON keys, CSV header) */
    enum tl_cell_kind kinds[TL_TABLE_MAX_COLS];
    char **cells;                          /* owned: nrows * ncols, NULL = no value */
    size_t nrows, alloc;
};

void tl_table_init(struct tl_table *t);
/* Add a column (name borrowed). */
void tl_table_col(struct tl_table *t, const char *name, enum tl_cell_kind kind);
/* Start a new row; then set its cells with tl_table_set*. */
tl_rc tl_table_row(struct tl_table *t) TL_WUR;
/* Set cell c of the last row (copied; NULL = no value). */
tl_rc tl_table_set(struct tl_table *t, size_t c, const char *v) TL_WUR;
tl_rc tl_table_setf(struct tl_table *t, size_t c, const char *fmt, ...) TL_PRINTF(3, 4) TL_WUR;
tl_rc tl_table_set_int(struct tl_table *t, size_t c, long v) TL_WUR; /* TL_NONE -> no value */
void tl_table_free(struct tl_table *t);

/* Aligned columns with a header line; numbers right-aligned. */
void tl_table_print_text(const struct tl_table *t, FILE *f);
/* RFC 4180, header row first, CRLF-free (LF) lines. */
void tl_table_print_csv(const struct tl_table *t, FILE *f);

/* ---- streaming JSON writer ---- */
#define TL_JSON_MAX_DEPTH 32
struct tl_json {
    FILE *f;
    int depth;
    int count[TL_JSON_MAX_DEPTH]; /* values written at each level */
    int after_key;
};
void tl_json_init(struct tl_json *j, FILE *f);
void tl_json_obj(struct tl_json *j);   /* { */
void tl_json_end_obj(struct tl_json *j);
void tl_json_arr(struct tl_json *j);   /* [ */
void tl_json_end_arr(struct tl_json *j);
void tl_json_key(struct tl_json *j, const char *k);
void tl_json_str(struct tl_json *j, const char *s); /* NULL -> null */
void tl_json_int(struct tl_json *j, long v);        /* TL_NONE -> null */
void tl_json_num(struct tl_json *j, double v, int decimals); /* NAN -> null */
void tl_json_bool(struct tl_json *j, int v);
void tl_json_null(struct tl_json *j);
/* The table as an array of objects keyed by column name. */
void tl_json_table(struct tl_json *j, const struct tl_table *t);
/* Finish the document with a newline. */
void tl_json_done(struct tl_json *j);

/* ---- SVG (out/svg.c) ---- */

/* A shot map: the pitch (StatsBomb's 120 x 80), every shot in play of
 * the actions (not shootout kicks) as a circle whose area grows with its
 * xG, filled when it was a goal; the home team attacks to the right, the
 * away team to the left. title and subtitle are escaped. */
tl_rc tl_svg_shot_map(FILE *f, const struct tl_action_list *a, int64_t home_id,
                      const char *home, const char *away, const char *title,
                      const char *subtitle) TL_WUR;

/* One match of a bracket as drawn: the two teams (or slots), their goals
 * ("2", "1 (4)" with a shootout, "" unplayed) and the winner (0, 1, -1). */
struct tl_svg_tie {
    const char *team[2];
    char score[2][24];
    int winner;
};
/* A knockout bracket: rounds left to right (round r has n[r] ties, each
 * tie k of round r fed by ties 2k and 2k+1 of round r - 1), lines joining
 * them, winners in bold. */
tl_rc tl_svg_bracket(FILE *f, const char *title, const char *subtitle,
                     const char *const *round_names, const struct tl_svg_tie *const *rounds,
                     const int *n, int nrounds) TL_WUR;

/* One line of a chart: n points (x in years, 1954.5 is mid-1954). */
struct tl_svg_series {
    const char *name;
    const double *x, *y;
    size_t n;
};
/* A line chart of the series over time, with value gridlines, years along
 * the bottom and a legend. TL_EUSAGE when there is no point to draw. */
tl_rc tl_svg_lines(FILE *f, const char *title, const char *subtitle,
                   const struct tl_svg_series *s, int ns) TL_WUR;

#endif
