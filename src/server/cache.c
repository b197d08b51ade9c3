/* server/cache.c: answers of the read endpoints kept in memory, by URL, for
 * as long as the data they came from is unchanged, as ready libmicrohttpd
 * responses (with their ETag and headers): a hit queues the same response
 * object again, no copy. The data's generation is the database's and its
 * write-ahead log's size and modification time (any commit, by this server
 * or another process, changes one of them; looked at once a millisecond at
 * most) and the server's own count of live writes (at once). A fixed table
 * of slots: a new answer takes the slot of its key's hash. */
#include "serve_int.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#define SLOTS 1024
#define MAX_BODY (1u << 20)

struct slot {
    char *key;
    uint64_t gen;
    char etag[24];
    struct MHD_Response *ok, *not_modified;
};
static struct slot slots[SLOTS];
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static uint64_t writes, files, checked_ns;
static int shared, listening;

void cache_shared(void)
{
    pthread_mutex_lock(&lock);
    shared = 1;
    pthread_mutex_unlock(&lock);
}

void cache_listening(int on)
{
    pthread_mutex_lock(&lock);
    listening = on;
    writes++;
    pthread_mutex_unlock(&lock);
}

static uint64_t fnv(const void *p, size_t n, uint64_t h)
{
    const unsigned char *s = p;
    for (size_t i = 0; i < n; i++) h = (h ^ s[i]) * 1099511628211u;
    return h;
}
#define FNV0 1469598103934665603u

uint64_t cache_generation(const char *db)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    uint64_t now = (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
    pthread_mutex_lock(&lock);
    if (shared) { /* commits are heard of; while deaf, every answer is new */
        uint64_t g = listening ? writes : ++writes;
        pthread_mutex_unlock(&lock);
        return g;
    }
    int look = now - checked_ns > 1000000u;
    uint64_t f = files;
    pthread_mutex_unlock(&lock);
    if (look) {
        struct stat a = {0}, b = {0};
        char wal[4200];
        snprintf(wal, sizeof wal, "%s-wal", db);
        stat(db, &a);
        stat(wal, &b);
        uint64_t v[6] = {(uint64_t)a.st_size, (uint64_t)a.st_mtim.tv_sec,
                         (uint64_t)a.st_mtim.tv_nsec, (uint64_t)b.st_size,
                         (uint64_t)b.st_mtim.tv_sec, (uint64_t)b.st_mtim.tv_nsec};
        f = fnv(v, sizeof v, FNV0);
        pthread_mutex_lock(&lock);
        files = f;
        checked_ns = now;
        pthread_mutex_unlock(&lock);
    }
    pthread_mutex_lock(&lock);
    uint64_t w = writes;
    pthread_mutex_unlock(&lock);
    return fnv(&w, sizeof w, f);
}

void cache_wrote(void)
{
    pthread_mutex_lock(&lock);
    writes++;
    checked_ns = 0; /* and look at the files again */
    pthread_mutex_unlock(&lock);
}

static struct slot *slot_of(const char *key)
{
    return &slots[fnv(key, strlen(key), FNV0) % SLOTS];
}

int cache_serve(struct MHD_Connection *conn, const char *key, uint64_t gen, enum MHD_Result *ret)
{
    struct slot *s = slot_of(key);
    int hit = 0;
    pthread_mutex_lock(&lock);
    if (s->key && s->gen == gen && strcmp(s->key, key) == 0) {
        /* queued under the lock: the response cannot be destroyed meanwhile */
        const char *inm = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "If-None-Match");
        *ret = inm && strstr(inm, s->etag) ? MHD_queue_response(conn, MHD_HTTP_NOT_MODIFIED, s->not_modified)
                                           : MHD_queue_response(conn, MHD_HTTP_OK, s->ok);
        hit = 1;
    }
    pthread_mutex_unlock(&lock);
    return hit;
}

void cache_put(const char *key, uint64_t gen, const char *etag, struct MHD_Response *ok,
               struct MHD_Response *not_modified)
{
    char *k = tl_strdup(key);
    if (!k) return;
    struct slot *s = slot_of(key);
    pthread_mutex_lock(&lock);
    struct slot old = *s;
    *s = (struct slot){.key = k, .gen = gen, .ok = ok, .not_modified = not_modified};
    snprintf(s->etag, sizeof s->etag, "%s", etag);
    pthread_mutex_unlock(&lock);
    tl_free(old.key);
    if (old.ok) MHD_destroy_response(old.ok); /* freed when no connection uses it */
    if (old.not_modified) MHD_destroy_response(old.not_modified);
}

void cache_free(void)
{
    for (int i = 0; i < SLOTS; i++) {
        tl_free(slots[i].key);
        if (slots[i].ok) MHD_destroy_response(slots[i].ok);
        if (slots[i].not_modified) MHD_destroy_response(slots[i].not_modified);
        slots[i] = (struct slot){0};
    }
}
