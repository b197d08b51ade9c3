/*
 * fetch: download the public data sets touchline reads (libcurl), into the
 * same layout as ../shared/data: DIR/international, DIR/openfootball/worldcup,
 * DIR/statsbomb. Each file is pinned by size and SHA-256 in a built-in
 * manifest; partial downloads (FILE.part) are resumed with a range request;
 * a file already present and verified is not downloaded again.
 */
#ifndef TOUCHLINE_FETCH_H
#define TOUCHLINE_FETCH_H

#include "touchline/util.h"

#include <stdio.h>

struct tl_fetch_file {
    const char *set;    /* data set folder: international, openfootball/worldcup, statsbomb */
    const char *path;   /* path inside the set */
    uint64_t size;
    const char *sha256; /* lower-case hex */
};
extern const struct tl_fetch_file tl_fetch_files[];
extern const size_t tl_fetch_nfiles;

struct tl_fetch_set {
    const char *name;     /* what --only takes */
    const char *dir;      /* folder under the destination (and under a mirror) */
    const char *upstream; /* base URL of the pinned upstream version */
};
extern const struct tl_fetch_set tl_fetch_sets[];
extern const size_t tl_fetch_nsets;

struct tl_fetch_opts {
    const char *to;      /* destination folder */
    const char *mirror;  /* NULL = upstream; else base URL with the layout above */
    const char *only;    /* NULL = every set */
    int retries;         /* attempts per file (>= 1) */
    int progress;        /* progress bar on a terminal */
    FILE *log;           /* one line per file downloaded or failed; NULL = quiet */
};

struct tl_fetch_stats {
    size_t files, downloaded, resumed, up_to_date;
    uint64_t bytes;
};

/* Download what is missing or wrong. On error err names the file and why
 * (TL_ENET, TL_ECHECK for a size or checksum mismatch, TL_EIO). */
tl_rc tl_fetch(const struct tl_fetch_opts *o, struct tl_fetch_stats *st,
               struct tl_error *err) TL_WUR;

/* SHA-256 of a file as lower-case hex (65 bytes with the NUL). */
tl_rc tl_sha256_file(const char *path, char hex[65], struct tl_error *err) TL_WUR;

/* POST body (JSON) to url with a bearer token and an Idempotency-Key
 * (each NULL: none): *status the HTTP status, *response the body (owned,
 * NUL-terminated). TL_ENET when no answer came. */
tl_rc tl_http_post(const char *url, const char *token, const char *key, const char *body,
                   long *status, char **response, struct tl_error *err) TL_WUR;

#endif
