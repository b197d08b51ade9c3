/* util/file.c: whole-file reads with a cap, paths, the clock. */
#include "touchline/util.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

tl_rc tl_read_file(const char *path, size_t cap, char **out, size_t *len, struct tl_error *err)
{
    *out = NULL;
    *len = 0;
    FILE *f = fopen(path, "rb");
    if (!f) return tl_err_at(err, errno == ENOENT ? TL_ENOTFOUND : TL_EIO, path, 0, 0,
                             "cannot open: %s", strerror(errno));
    struct stat st;
    if (fstat(fileno(f), &st) != 0 || !S_ISREG(st.st_mode)) {
        fclose(f);
        return tl_err_at(err, TL_EIO, path, 0, 0, "not a regular file");
    }
    if ((uint64_t)st.st_size > cap) {
        fclose(f);
        return tl_err_at(err, TL_ELIMIT, path, 0, 0, "file is %lld bytes, over the limit of %zu",
                         (long long)st.st_size, cap);
    }
    size_t n = (size_t)st.st_size;
    char *p = tl_malloc(n + 1);
    if (!p) {
        fclose(f);
        return tl_err_at(err, TL_ENOMEM, path, 0, 0, "out of memory reading %zu bytes", n);
    }
    size_t got = fread(p, 1, n, f);
    int bad = ferror(f);
    fclose(f);
    if (bad || got != n) {
        tl_free(p);
        return tl_err_at(err, TL_EIO, path, 0, 0, "read error");
    }
    p[n] = '\0';
    *out = p;
    *len = n;
    return TL_OK;
}

void tl_path_join(char *out, size_t cap, const char *dir, const char *name)
{
    size_t dl = strlen(dir);
    if (dl && dir[dl - 1] == '/')
        snprintf(out, cap, "%s%s", dir, name);
    else
        snprintf(out, cap, "%s/%s", dir, name);
}

double tl_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}
