/* load/files.c: what every loader shares: collecting the files of a data set
 * from the paths a user gives, and finding (or adding) a team by name. */
#include "load_int.h"

#include <dirent.h>
#include <string.h>
#include <sys/stat.h>

tl_rc tl_files_add(struct tl_files *f, const char *path, struct tl_error *err)
{
    if (f->n == TL_MAX_FILES) return tl_err(err, TL_ELIMIT, "more than %d files", TL_MAX_FILES);
    if (f->n == f->alloc) {
        size_t na = f->alloc ? f->alloc * 2 : 64;
        char **p = tl_realloc(f->v, na * sizeof *p);
        if (!p) return tl_err(err, TL_ENOMEM, "out of memory");
        f->v = p;
        f->alloc = na;
    }
    f->v[f->n] = tl_strdup(path);
    if (!f->v[f->n]) return tl_err(err, TL_ENOMEM, "out of memory");
    f->n++;
    return TL_OK;
}

static tl_rc walk(struct tl_files *f, const char *dir, int depth,
                  int (*wanted)(const char *path, const char *name), struct tl_error *err)
{
    if (depth > 8) return TL_OK;
    DIR *d = opendir(dir);
    if (!d) return tl_err_at(err, TL_EIO, dir, 0, 0, "cannot read the folder");
    struct dirent *e;
    tl_rc rc = TL_OK;
    while (!rc && (e = readdir(d))) {
        if (e->d_name[0] == '.') continue;
        char p[4096];
        tl_path_join(p, sizeof p, dir, e->d_name);
        struct stat st;
        if (stat(p, &st) != 0) continue;
        if (S_ISDIR(st.st_mode)) rc = walk(f, p, depth + 1, wanted, err);
        else if (S_ISREG(st.st_mode) && wanted(p, e->d_name)) rc = tl_files_add(f, p, err);
    }
    closedir(d);
    return rc;
}

tl_rc tl_files_walk(struct tl_files *f, const char *dir,
                    int (*wanted)(const char *path, const char *name), struct tl_error *err)
{
    return walk(f, dir, 0, wanted, err);
}

void tl_files_free(struct tl_files *f)
{
    for (size_t i = 0; i < f->n; i++) tl_free(f->v[i]);
    tl_free(f->v);
    memset(f, 0, sizeof *f);
}

const char *tl_source_name(const char *path)
{
    const char *last = strrchr(path, '/');
    if (!last) return path;
    const char *p = last;
    while (p > path && p[-1] != '/') p--;
    return p;
}

tl_rc tl_load_team(tl_store *s, const char *name, const char *date, int64_t src,
                   const char *file, long line, FILE *report, long *teams_new, int64_t *id,
                   struct tl_error *err)
{
    tl_rc rc = tl_store_team_on(s, name, date, id, err);
    if (rc != TL_ENOTFOUND) return rc;
    (*teams_new)++;
    if (report)
        fprintf(report,
                "%s:%ld: note: \"%s\" is not a known team, alias or former name; added as a new "
                "team\n",
                file, line, name);
    return tl_store_team(s, name, src, line, id, err);
}
