/* fetch/fetch.c: resumable, verified downloads of the data sets (libcurl,
 * OpenSSL's SHA-256). */
#include "touchline/fetch.h"

#include <curl/curl.h>
#include <errno.h>
#include <openssl/evp.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Upstream versions: the commits the manifest's checksums were taken from. */
const struct tl_fetch_set tl_fetch_sets[] = {
    {"international", "international",
     "https://raw.githubusercontent.com/martj42/international_results/65d212a/"},
    {"worldcup", "openfootball/worldcup",
     "https://raw.githubusercontent.com/openfootball/worldcup/bd46a14/"},
    {"statsbomb", "statsbomb", "https://raw.githubusercontent.com/statsbomb/open-data/master/data/"},
};
const size_t tl_fetch_nsets = sizeof tl_fetch_sets / sizeof tl_fetch_sets[0];

tl_rc tl_sha256_file(const char *path, char hex[65], struct tl_error *err)
{
    FILE *f = fopen(path, "rb");
    if (!f) return tl_err_at(err, TL_EIO, path, 0, 0, "cannot open: %s", strerror(errno));
    EVP_MD_CTX *ctx = EVP_MD_CTX_new();
    tl_rc rc = TL_OK;
    if (!ctx || !EVP_DigestInit_ex(ctx, EVP_sha256(), NULL)) {
        rc = tl_err(err, TL_ENOMEM, "cannot start SHA-256");
        goto out;
    }
    unsigned char buf[1 << 16];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, f)) > 0) EVP_DigestUpdate(ctx, buf, n);
    if (ferror(f)) {
        rc = tl_err_at(err, TL_EIO, path, 0, 0, "read error");
        goto out;
    }
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned int mdlen = 0;
    EVP_DigestFinal_ex(ctx, md, &mdlen);
    for (unsigned i = 0; i < mdlen && i < 32; i++) snprintf(hex + 2 * i, 3, "%02x", md[i]);
    hex[64] = '\0';
out:
    EVP_MD_CTX_free(ctx);
    fclose(f);
    return rc;
}

static const struct tl_fetch_set *set_of(const char *dir)
{
    for (size_t i = 0; i < tl_fetch_nsets; i++)
        if (strcmp(tl_fetch_sets[i].dir, dir) == 0) return &tl_fetch_sets[i];
    return NULL;
}

/* mkdir -p for the folder part of path. */
static tl_rc make_parents(const char *path, struct tl_error *err)
{
    char tmp[4096];
    snprintf(tmp, sizeof tmp, "%s", path);
    for (char *p = tmp + 1; *p; p++) {
        if (*p != '/') continue;
        *p = '\0';
        if (mkdir(tmp, 0755) != 0 && errno != EEXIST)
            return tl_err_at(err, TL_EIO, tmp, 0, 0, "cannot create folder: %s", strerror(errno));
        *p = '/';
    }
    return TL_OK;
}

static int64_t file_size(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISREG(st.st_mode) ? (int64_t)st.st_size : -1;
}

struct xfer {
    struct tl_progress *bar;
    uint64_t done_before; /* bytes of earlier files and of the resumed part */
};

static int on_progress(void *p, curl_off_t dltotal, curl_off_t dlnow, curl_off_t ultotal,
                       curl_off_t ulnow)
{
    (void)dltotal;
    (void)ultotal;
    (void)ulnow;
    struct xfer *x = p;
    tl_progress_update(x->bar, x->done_before + (uint64_t)dlnow);
    return 0;
}

/* One attempt: download url into part, resuming from what part holds. */
static tl_rc get(CURL *curl, const char *url, const char *part, int64_t have, struct xfer *x,
                 struct tl_error *err)
{
    FILE *f = fopen(part, have > 0 ? "ab" : "wb");
    if (!f) return tl_err_at(err, TL_EIO, part, 0, 0, "cannot write: %s", strerror(errno));
    char errbuf[CURL_ERROR_SIZE] = "";
    curl_easy_reset(curl);
    curl_easy_setopt(curl, CURLOPT_URL, url);
    curl_easy_setopt(curl, CURLOPT_WRITEDATA, f);
    curl_easy_setopt(curl, CURLOPT_FOLLOWLOCATION, 1L);
    curl_easy_setopt(curl, CURLOPT_FAILONERROR, 1L);
    curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, errbuf);
    curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT, 20L);
    curl_easy_setopt(curl, CURLOPT_LOW_SPEED_LIMIT, 1L);
    curl_easy_setopt(curl, CURLOPT_LOW_SPEED_TIME, 60L);
    curl_easy_setopt(curl, CURLOPT_USERAGENT, "touchline-fetch/0.1");
    curl_easy_setopt(curl, CURLOPT_RESUME_FROM_LARGE, (curl_off_t)(have > 0 ? have : 0));
    curl_easy_setopt(curl, CURLOPT_NOPROGRESS, 0L);
    curl_easy_setopt(curl, CURLOPT_XFERINFOFUNCTION, on_progress);
    curl_easy_setopt(curl, CURLOPT_XFERINFODATA, x);
    CURLcode cr = curl_easy_perform(curl);
    int closed = fclose(f);
    if (cr == CURLE_RANGE_ERROR) return TL_EPARSE; /* the server ignored the range: start over */
    if (cr != CURLE_OK)
        return tl_err_at(err, TL_ENET, url, 0, 0, "%s", errbuf[0] ? errbuf : curl_easy_strerror(cr));
    if (closed != 0) return tl_err_at(err, TL_EIO, part, 0, 0, "write error: %s", strerror(errno));
    return TL_OK;
}

static tl_rc fetch_one(CURL *curl, const struct tl_fetch_opts *o, const struct tl_fetch_file *ff,
                       struct tl_fetch_stats *st, struct tl_progress *bar, uint64_t *done,
                       struct tl_error *err)
{
    const struct tl_fetch_set *set = set_of(ff->set);
    char dest[4096], part[4200], url[4096], hex[65];
    snprintf(dest, sizeof dest, "%s/%s/%s", o->to, ff->set, ff->path);
    snprintf(part, sizeof part, "%s.part", dest);
    if (o->mirror) {
        size_t ml = strlen(o->mirror);
        snprintf(url, sizeof url, "%s%s%s/%s", o->mirror, ml && o->mirror[ml - 1] == '/' ? "" : "/",
                 ff->set, ff->path);
    } else {
        snprintf(url, sizeof url, "%s%s", set->upstream, ff->path);
    }
    st->files++;
    /* already here and right? */
    if (file_size(dest) == (int64_t)ff->size && tl_sha256_file(dest, hex, NULL) == TL_OK &&
        strcmp(hex, ff->sha256) == 0) {
        st->up_to_date++;
        *done += ff->size;
        return TL_OK;
    }
    tl_rc rc = make_parents(dest, err);
    if (rc) return rc;
    int attempts = o->retries > 0 ? o->retries : 1;
    for (int a = 1; a <= attempts; a++) {
        int64_t have = file_size(part);
        if (have > (int64_t)ff->size) {
            unlink(part);
            have = -1;
        }
        if (have > 0 && have < (int64_t)ff->size) st->resumed++;
        struct xfer x = {bar, *done + (uint64_t)(have > 0 ? have : 0)};
        if (have == (int64_t)ff->size) rc = TL_OK; /* complete already; verify below */
        else rc = get(curl, url, part, have, &x, err);
        if (rc == TL_EPARSE) { /* no range support: restart from zero */
            unlink(part);
            rc = get(curl, url, part, 0, &x, err);
        }
        if (rc == TL_OK) {
            int64_t got = file_size(part);
            if (got != (int64_t)ff->size) {
                rc = tl_err_at(err, TL_ECHECK, url, 0, 0, "expected %llu bytes, received %lld",
                               (unsigned long long)ff->size, (long long)got);
                if (got > (int64_t)ff->size) unlink(part);
            } else if ((rc = tl_sha256_file(part, hex, err)) == TL_OK &&
                       strcmp(hex, ff->sha256) != 0) {
                unlink(part); /* wrong content: never keep it, never resume from it */
                rc = tl_err_at(err, TL_ECHECK, url, 0, 0,
                               "SHA-256 mismatch: expected %s, received %s (the file upstream "
                               "changed or the transfer was corrupted)",
                               ff->sha256, hex);
            }
        }
        if (rc == TL_OK) {
            if (rename(part, dest) != 0)
                return tl_err_at(err, TL_EIO, dest, 0, 0, "cannot rename: %s", strerror(errno));
            st->downloaded++;
            st->bytes += ff->size;
            *done += ff->size;
            if (o->log) fprintf(o->log, "fetched %s/%s (%llu bytes)\n", ff->set, ff->path,
                                (unsigned long long)ff->size);
            return TL_OK;
        }
        if (o->log && a < attempts) {
            char msg[1200];
            tl_err_format(err, msg, sizeof msg);
            fprintf(o->log, "retrying (%d of %d): %s\n", a + 1, attempts, msg);
        }
    }
    return rc;
}

tl_rc tl_fetch(const struct tl_fetch_opts *o, struct tl_fetch_stats *st, struct tl_error *err)
{
    memset(st, 0, sizeof *st);
    const char *only_dir = NULL;
    if (o->only) {
        for (size_t i = 0; i < tl_fetch_nsets; i++)
            if (strcmp(tl_fetch_sets[i].name, o->only) == 0) only_dir = tl_fetch_sets[i].dir;
        if (!only_dir)
            return tl_err(err, TL_EUSAGE,
                          "unknown data set '%s': expected international, worldcup or statsbomb",
                          o->only);
    }
    if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK)
        return tl_err(err, TL_ENET, "cannot initialise libcurl");
    CURL *curl = curl_easy_init();
    if (!curl) {
        curl_global_cleanup();
        return tl_err(err, TL_ENOMEM, "cannot create a transfer");
    }
    uint64_t total = 0, done = 0;
    for (size_t i = 0; i < tl_fetch_nfiles; i++)
        if (!only_dir || strcmp(tl_fetch_files[i].set, only_dir) == 0) total += tl_fetch_files[i].size;
    struct tl_progress bar;
    tl_progress_start(&bar, "fetching", total, 0.5);
    if (!o->progress) bar.enabled = 0;
    tl_rc rc = TL_OK;
    for (size_t i = 0; i < tl_fetch_nfiles && !rc; i++) {
        const struct tl_fetch_file *ff = &tl_fetch_files[i];
        if (only_dir && strcmp(ff->set, only_dir) != 0) continue;
        rc = fetch_one(curl, o, ff, st, &bar, &done, err);
    }
    tl_progress_end(&bar);
    curl_easy_cleanup(curl);
    curl_global_cleanup();
    return rc;
}
