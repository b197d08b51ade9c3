/* load/load_int.h: private to load/: collecting the files of a data set. */
#ifndef TOUCHLINE_LOAD_INT_H
#define TOUCHLINE_LOAD_INT_H

#include "touchline/load.h"

#define TL_MAX_FILES 4096

struct tl_files {
    char **v;
    size_t n, alloc;
};
/* Add a copy of path. */
tl_rc tl_files_add(struct tl_files *f, const char *path, struct tl_error *err) TL_WUR;
/* Add the files under dir (recursively, hidden ones skipped) for which
 * wanted(path, name) is true. */
tl_rc tl_files_walk(struct tl_files *f, const char *dir,
                    int (*wanted)(const char *path, const char *name),
                    struct tl_error *err) TL_WUR;
void tl_files_free(struct tl_files *f);
/* The name a file has inside its data set: its last two path components
 * (2022--qatar/cup.txt, events/3788741.json). */
const char *tl_source_name(const char *path);

/* A team as of a date: its current name, an alias or a former name in use
 * that day; otherwise a new team, counted in *teams_new and reported (when
 * report is set) as a note at file:line. */
tl_rc tl_load_team(tl_store *s, const char *name, const char *date, int64_t src,
                   const char *file, long line, FILE *report, long *teams_new, int64_t *id,
                   struct tl_error *err) TL_WUR;

#endif
