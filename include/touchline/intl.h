/*
 * import/intl: a pull reader for the international results data set
 * (martj42/international_results): results.csv, goalscorers.csv,
 * shootouts.csv, former_names.csv. Columns are found by header name; every
 * field is typed and checked (dates, scores or NA, TRUE/FALSE, team names),
 * and a bad field is reported as file:line:column: expected ..., found ....
 */
#ifndef TOUCHLINE_INTL_H
#define TOUCHLINE_INTL_H

#include "touchline/csv.h"
#include "touchline/model.h"

enum tl_intl_kind {
    TL_INTL_RESULTS = 0,
    TL_INTL_GOALS,
    TL_INTL_SHOOTOUTS,
    TL_INTL_FORMER_NAMES,
    TL_INTL__COUNT
};

/* The file name each kind is read from inside the data set folder. */
const char *tl_intl_file_name(enum tl_intl_kind k);

struct tl_intl_record {
    enum tl_intl_kind kind;
    union {
        struct tl_match_rec match;
        struct tl_goal_rec goal;
        struct tl_shootout_rec shootout;
        struct tl_former_name_rec former;
    } u;
};

#define TL_INTL_MAX_COLS 12
struct tl_intl_reader {
    enum tl_intl_kind kind;
    struct tl_csv csv;
    int col[TL_INTL_MAX_COLS]; /* field index of each expected column */
    size_t ncols;              /* fields in the header */
    struct tl_buf strings;     /* NUL-terminated copies for the current record */
};

/* Open a reader over buf[0..len) (borrowed) and check the header row.
 * On error nothing needs freeing. */
tl_rc tl_intl_open(struct tl_intl_reader *r, enum tl_intl_kind kind, const char *buf, size_t len,
                   const char *file, struct tl_error *err) TL_WUR;
/* Next record; TL_EOF at the end. Strings in rec are valid until the next
 * call. After an error the reader is positioned at the next line. */
tl_rc tl_intl_next(struct tl_intl_reader *r, struct tl_intl_record *rec,
                   struct tl_error *err) TL_WUR;
/* Bytes consumed so far (for progress). */
size_t tl_intl_pos(const struct tl_intl_reader *r);
void tl_intl_close(struct tl_intl_reader *r);

#endif
