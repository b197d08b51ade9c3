/* server/live.c: live ingest (POST, bearer tokens, idempotency) and the
 * live feed (server-sent events).
 *
 * The hub keeps the last RING feed items in memory, in order; a subscriber
 * is a position in that sequence and a small pending buffer. When it has
 * caught up, its connection is suspended; a publish resumes the ones it
 * concerns (collected under the hub's lock, resumed outside it). A client
 * that falls so far behind that its next item has left the ring is
 * disconnected: no client can make the server hold more than the ring. A
 * reconnecting client's Last-Event-ID is served from the store's feed, then
 * from the ring, each item once. Heartbeats every HEARTBEAT seconds. */
#include "serve_int.h"

#include "touchline/live.h"

#include <errno.h>
#include <pthread.h>
#include <sys/socket.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define RING_MAX 8192
static int64_t RING = RING_MAX; /* items kept; --feed-ring sets fewer */

void live_ring(long n)
{
    if (n >= 16 && n <= RING_MAX) RING = n;
}
#define HEARTBEAT 15

/* an item as it goes on the wire, formatted once when published: each
 * subscriber's turn is a copy of its bytes */
struct item {
    int64_t seq, match_id, comp_id;
    char *text; /* id: ..\nevent: ..\ndata: ..\n\n */
    size_t len;
};

struct sub {
    struct MHD_Connection *conn;
    int64_t match_id, comp_id; /* what it follows (one of them) */
    int64_t last;              /* the last seq sent (or queued in pending) */
    int fd;                    /* its socket, -1: through libmicrohttpd only */
    int suspended, heartbeat, gone;
    struct tl_buf pending;     /* bytes not yet sent */
    size_t sent;               /* of pending */
    struct sub *prev, *next;
};

static struct {
    pthread_mutex_t lock;
    struct item ring[RING_MAX];
    int64_t top;               /* the highest seq published (ring[top % RING]) */
    int64_t count;             /* items in the ring */
    struct sub *subs;
    long nsubs;
    int stopping;
    pthread_t beat;
    int beating;
    pthread_cond_t more;       /* to the fan-out thread: an item, a beat */
    int64_t fanned;            /* the highest seq handed out */
    int beat_due;
    pthread_t fan;
    int fanning;
    long sent_direct;          /* items and beats that went by send_direct */
    long handed_back;          /* those that needed libmicrohttpd after all */
    long too_slow;             /* subscribers let go for falling behind */
} hub = {.lock = PTHREAD_MUTEX_INITIALIZER, .more = PTHREAD_COND_INITIALIZER};

long live_subscribers(void)
{
    pthread_mutex_lock(&hub.lock);
    long n = hub.nsubs;
    pthread_mutex_unlock(&hub.lock);
    return n;
}

void live_counts(struct live_counts *c)
{
    pthread_mutex_lock(&hub.lock);
    *c = (struct live_counts){hub.nsubs, hub.sent_direct, hub.handed_back, hub.too_slow};
    pthread_mutex_unlock(&hub.lock);
}

static int wants(const struct sub *s, int64_t match_id, int64_t comp_id)
{
    return (s->match_id && s->match_id == match_id) || (s->comp_id && s->comp_id == comp_id);
}

/* The bytes of an item or a heartbeat for a subscriber that waits
 * (suspended, nothing pending): straight to its socket, one send() and no
 * wake-up of libmicrohttpd's threads (a resume costs an eventfd write, an
 * epoll round and a call of the reader, for each of 10,000 subscribers).
 * Safe because a suspended connection's socket is ours: libmicrohttpd
 * calls the reader only when what it had is sent, and does not touch the
 * socket until resumed; the stream is not chunked (see live_subscribe), so
 * the bytes on the wire are the stream itself. Returns 1 when all of them
 * went; else the rest waits in pending (or the client is gone) and the
 * connection must be resumed for libmicrohttpd to carry on. */
static int send_direct(struct sub *s, const char *text, size_t len)
{
    ssize_t n = send(s->fd, text, len, MSG_DONTWAIT | MSG_NOSIGNAL);
    if (n == (ssize_t)len) return 1;
    if (n < 0) {
        if (errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR) {
            s->gone = 1; /* reset or closed: the reader ends the stream */
            return 0;
        }
        n = 0;
    }
    s->pending.len = s->sent = 0;
    if (tl_buf_add(&s->pending, text + n, len - (size_t)n)) s->gone = 1;
    return 0;
}

/* A second sending thread: on this kind of load the time is the kernel's,
 * one send() ~7 us on loopback, so two cores halve it. It sends the first
 * half of a delivery's subscribers while the fan-out thread sends the rest
 * (both under the hub's lock, which the fan-out thread holds for it). */
static struct {
    pthread_mutex_t m;
    pthread_cond_t go, done;
    struct sub **v;
    unsigned char *whole;
    size_t n;
    const char *text;
    size_t len;
    int job, stop, running;
    pthread_t thread;
} helper = {.m = PTHREAD_MUTEX_INITIALIZER, .go = PTHREAD_COND_INITIALIZER,
            .done = PTHREAD_COND_INITIALIZER};

static void send_range(struct sub **v, unsigned char *whole, size_t from, size_t to,
                       const char *text, size_t len)
{
    for (size_t i = from; i < to; i++) whole[i] = (unsigned char)send_direct(v[i], text, len);
}

static void *helper_main(void *arg)
{
    (void)arg;
    pthread_mutex_lock(&helper.m);
    for (;;) {
        while (!helper.job && !helper.stop) pthread_cond_wait(&helper.go, &helper.m);
        if (helper.stop) break;
        pthread_mutex_unlock(&helper.m);
        send_range(helper.v, helper.whole, 0, helper.n / 2, helper.text, helper.len);
        pthread_mutex_lock(&helper.m);
        helper.job = 0;
        pthread_cond_signal(&helper.done);
    }
    pthread_mutex_unlock(&helper.m);
    return NULL;
}

/* send text to every subscriber in v, on two threads when there are many */
static void send_all(struct sub **v, unsigned char *whole, size_t n, const char *text, size_t len)
{
    if (n < 256 || !helper.running) {
        send_range(v, whole, 0, n, text, len);
        return;
    }
    pthread_mutex_lock(&helper.m);
    helper.v = v, helper.whole = whole, helper.n = n, helper.text = text, helper.len = len;
    helper.job = 1;
    pthread_cond_signal(&helper.go);
    pthread_mutex_unlock(&helper.m);
    send_range(v, whole, n / 2, n, text, len);
    pthread_mutex_lock(&helper.m);
    while (helper.job) pthread_cond_wait(&helper.done, &helper.m);
    pthread_mutex_unlock(&helper.m);
}

/* Hand an item (it: NULL for a heartbeat or the stop) to the subscribers
 * that want it, with the hub's lock held: the waiting ones get it by
 * send_direct; a subscriber that is busy finds it in the ring when its
 * reader next runs. Those that need libmicrohttpd (a partial send, no
 * socket, the stop) are returned in *c, to be resumed by resume_all once
 * the lock is released: a suspended connection stays alive until resumed,
 * so the list is safe to use after unlocking. */
static size_t deliver(const struct item *it, int heartbeat, struct MHD_Connection ***c)
{
    static const char beat[] = ": heartbeat\n\n";
    size_t n = 0, nd = 0;
    *c = tl_calloc((size_t)hub.nsubs + 1, sizeof **c);
    struct sub **d = tl_calloc((size_t)hub.nsubs + 1, sizeof *d);
    unsigned char *whole = tl_calloc((size_t)hub.nsubs + 1, 1);
    if (!*c || !d || !whole) { /* out of memory: nobody is woken */
        tl_free(d);
        tl_free(whole);
        return 0;
    }
    for (struct sub *s = hub.subs; s; s = s->next) {
        if (it && !wants(s, it->match_id, it->comp_id ? it->comp_id : -1)) continue;
        if (!s->suspended) {
            if (heartbeat) s->heartbeat = 1;
            continue;
        }
        if (it && s->last >= it->seq) continue; /* had it from the store */
        if (!hub.stopping && s->fd >= 0) {
            d[nd++] = s;
            continue;
        }
        if (heartbeat) s->heartbeat = 1;
        s->suspended = 0;
        (*c)[n++] = s->conn;
    }
    send_all(d, whole, nd, it ? it->text : beat, it ? it->len : sizeof beat - 1);
    for (size_t i = 0; i < nd; i++) {
        if (it) d[i]->last = it->seq;
        if (whole[i]) {
            hub.sent_direct++;
            continue;
        }
        hub.handed_back++;
        d[i]->suspended = 0;
        (*c)[n++] = d[i]->conn;
    }
    tl_free(d);
    tl_free(whole);
    return n;
}

static void resume_all(struct MHD_Connection **c, size_t n)
{
    for (size_t i = 0; i < n; i++) MHD_resume_connection(c[i]);
    tl_free(c);
}

/* every subscriber: a heartbeat (by the fan-out thread when it runs), or
 * the end of the streams */
static void wake_all(int heartbeat, int stopping)
{
    struct MHD_Connection **c;
    pthread_mutex_lock(&hub.lock);
    if (stopping) hub.stopping = 1;
    if (hub.fanning) pthread_cond_signal(&hub.more);
    if (heartbeat && hub.fanning && !stopping) {
        hub.beat_due = 1;
        pthread_mutex_unlock(&hub.lock);
        return;
    }
    size_t n = deliver(NULL, heartbeat, &c);
    pthread_mutex_unlock(&hub.lock);
    resume_all(c, n);
}

/* The fan-out thread: each item published, in order, then a heartbeat
 * when one is due. The request that published an item answers as soon as
 * it is committed and in the ring; handing it to 10,000 subscribers
 * (~67 ms of sends on loopback) happens here, off the request's path. */
static void *fan_out(void *arg)
{
    (void)arg;
    pthread_mutex_lock(&hub.lock);
    for (;;) {
        while (!hub.stopping && hub.fanned >= hub.top && !hub.beat_due)
            pthread_cond_wait(&hub.more, &hub.lock);
        if (hub.stopping) break;
        struct MHD_Connection **c;
        size_t n;
        if (hub.fanned < hub.top) {
            int64_t q = hub.fanned + 1, oldest = hub.top - hub.count + 1;
            if (q < oldest) q = oldest;
            hub.fanned = q;
            const struct item *it = &hub.ring[q % RING];
            if (it->seq != q) continue; /* a number the feed skipped */
            n = deliver(it, 0, &c);
        } else {
            hub.beat_due = 0;
            n = deliver(NULL, 1, &c);
        }
        pthread_mutex_unlock(&hub.lock);
        resume_all(c, n);
        pthread_mutex_lock(&hub.lock);
    }
    pthread_mutex_unlock(&hub.lock);
    return NULL;
}

static tl_rc append_item(struct tl_buf *b, int64_t seq, const char *kind, const char *data)
{
    return tl_buf_printf(b, "id: %lld\nevent: %s\ndata: %s\n\n", (long long)seq, kind, data);
}

void live_publish(int64_t seq, int64_t match_id, int64_t comp_id, const char *kind,
                  const char *data)
{
    struct tl_buf t;
    tl_buf_init(&t, 0);
    int oom = append_item(&t, seq, kind, data) != TL_OK;
    pthread_mutex_lock(&hub.lock);
    if (oom || seq <= hub.top) { /* out of memory, or already published */
        pthread_mutex_unlock(&hub.lock);
        tl_buf_free(&t);
        return;
    }
    struct item *it = &hub.ring[seq % RING];
    tl_free(it->text);
    *it = (struct item){seq, match_id, comp_id, t.data, t.len};
    /* sequence numbers from the store's feed may skip (another match's
     * items written by a request still in flight are published in order of
     * commit): count what the ring holds by the highest seq */
    hub.top = seq;
    hub.count = hub.count < RING ? hub.count + 1 : RING;
    if (hub.fanning) { /* the fan-out thread hands it out */
        pthread_cond_signal(&hub.more);
        pthread_mutex_unlock(&hub.lock);
        return;
    }
    struct MHD_Connection **c;
    size_t n = deliver(it, 0, &c);
    hub.fanned = seq;
    pthread_mutex_unlock(&hub.lock);
    resume_all(c, n);
}

static void *heartbeat(void *arg)
{
    (void)arg;
    for (;;) {
        for (int i = 0; i < HEARTBEAT * 10; i++) {
            usleep(100000);
            pthread_mutex_lock(&hub.lock);
            int stop = hub.stopping;
            pthread_mutex_unlock(&hub.lock);
            if (stop) return NULL;
        }
        wake_all(1, 0);
    }
}

/* ---- milestones as they happen: found after a goal by a worker of its
 * own (a pass over all the data, a fraction of a second: not on the
 * request's path), published once each ---- */

static struct {
    pthread_mutex_t lock;
    pthread_cond_t cond;
    int64_t queue[256];
    int n, stop, running;
    int enqueued;               /* requests so far, to tell a quiet spell */
    pthread_t thread;
    const char *db;
} ms = {.lock = PTHREAD_MUTEX_INITIALIZER, .cond = PTHREAD_COND_INITIALIZER};

void live_milestones_after(int64_t match_id)
{
    pthread_mutex_lock(&ms.lock);
    int seen = 0;
    for (int i = 0; i < ms.n; i++) seen |= ms.queue[i] == match_id;
    if (!seen && ms.n < 256) ms.queue[ms.n++] = match_id;
    ms.enqueued++;
    pthread_cond_signal(&ms.cond);
    pthread_mutex_unlock(&ms.lock);
}

static void published(tl_store *s, int64_t seq, int64_t match_id, int64_t comp_id,
                      const char *kind, const char *data);

static void publish_milestones(tl_store *s, int64_t match_id)
{
    struct tl_error err;
    tl_err_clear(&err);
    struct tl_milestone_list l = {0};
    if (tl_load_milestones_of(s, match_id, &l, &err)) {
        tl_milestone_list_free(&l);
        return;
    }
    for (size_t i = 0; i < l.n; i++) {
        const struct tl_milestone *m = &l.v[i];
        if (m->kind == TL_MS_COMPETITION_GOAL) continue;
        char *body = NULL;
        size_t len = 0;
        FILE *f = open_memstream(&body, &len);
        if (!f) break;
        struct tl_json j;
        tl_json_init(&j, f);
        tl_json_obj(&j);
        tl_json_key(&j, "match_id");
        tl_json_int(&j, (long)match_id);
        tl_json_key(&j, "type");
        tl_json_str(&j, "milestone");
        tl_json_key(&j, "kind");
        tl_json_str(&j, tl_ms_kind_name(m->kind));
        tl_json_key(&j, "text");
        tl_json_str(&j, m->text);
        tl_json_key(&j, "value");
        tl_json_int(&j, m->value);
        tl_json_key(&j, "rests_on");
        tl_json_str(&j, m->rests_on);
        tl_json_key(&j, "coverage");
        tl_json_str(&j, m->coverage);
        tl_json_end_obj(&j);
        fclose(f);
        int found = 0;
        int64_t seq = 0, comp = 0;
        if (!tl_store_feed_has(s, match_id, "milestone", body, &found, &err) && !found &&
            !tl_store_begin_derived(s, &err)) {
            if (tl_store_feed_add(s, match_id, 0, "milestone", body, &seq, &err) ||
                tl_store_commit_derived(s, &err))
                seq = 0;
            if (!seq) tl_store_rollback(s);
        }
        if (seq) published(s, seq, match_id, comp, "milestone", body);
        free(body);
    }
    tl_milestone_list_free(&l);
}

static void *milestone_worker(void *arg)
{
    (void)arg;
    /* the lowest priority: delivering the feed comes first (Linux: a
     * thread's nice value is its own) */
    setpriority(PRIO_PROCESS, (id_t)syscall(SYS_gettid), 19);
    tl_store *s = NULL;
    struct tl_error err;
    for (;;) {
        pthread_mutex_lock(&ms.lock);
        while (!ms.n && !ms.stop) pthread_cond_wait(&ms.cond, &ms.lock);
        /* a burst of goals is one pass: wait until a quarter of a second
         * goes by without another (the pass costs as much for one as for
         * several, and stays out of the way of the feed meanwhile) */
        for (int quiet = 0; !quiet && !ms.stop;) {
            int before = ms.enqueued;
            struct timespec until;
            clock_gettime(CLOCK_REALTIME, &until);
            until.tv_nsec += 250000000L;
            if (until.tv_nsec >= 1000000000L) until.tv_sec++, until.tv_nsec -= 1000000000L;
            pthread_cond_timedwait(&ms.cond, &ms.lock, &until);
            quiet = ms.enqueued == before;
        }
        if (ms.stop) {
            pthread_mutex_unlock(&ms.lock);
            break;
        }
        int64_t id = ms.queue[0];
        memmove(ms.queue, ms.queue + 1, (size_t)(--ms.n) * sizeof *ms.queue);
        pthread_mutex_unlock(&ms.lock);
        if (!s && tl_store_open_existing(ms.db, &s, &err)) continue;
        publish_milestones(s, id);
        tl_store_idle(s);
    }
    tl_store_close(s);
    return NULL;
}

/* ---- several nodes over one shared store (PostgreSQL) ----
 *
 * Every node publishes what the shared feed holds, in its order, whoever
 * wrote it: after a write of its own and whenever the store says another
 * process committed (LISTEN/NOTIFY), the node reads the feed after the
 * last item it published and publishes each item. The store gives feed
 * numbers in commit order (one writer at a time), so "after the last one"
 * misses nothing and repeats nothing, on every node, and a node that lost
 * its connection catches up from the same place when it is back. */

static struct {
    pthread_mutex_t lock;      /* one catch-up at a time: items go out in order */
    int shared;
    int stop, running;
    pthread_t thread;
    const char *db;
    long catchups;
} follow = {.lock = PTHREAD_MUTEX_INITIALIZER};

int live_shared(void) { return follow.shared; }

static void follow_item(void *ctx, int64_t seq, int64_t match_id, int64_t comp_id,
                        const char *kind, const char *data)
{
    (void)ctx;
    live_publish(seq, match_id, comp_id, kind, data);
}

/* Publish what the shared feed holds after the last item published. */
static tl_rc catch_up(tl_store *s, struct tl_error *err)
{
    pthread_mutex_lock(&follow.lock);
    pthread_mutex_lock(&hub.lock);
    int64_t top = hub.top;
    pthread_mutex_unlock(&hub.lock);
    tl_rc rc = tl_store_feed_all(s, top, follow_item, NULL, err);
    follow.catchups++;
    pthread_mutex_unlock(&follow.lock);
    tl_store_idle(s);
    return rc;
}

/* After a write of this node's own: its items, and any before them. */
static void published(tl_store *s, int64_t seq, int64_t match_id, int64_t comp_id,
                      const char *kind, const char *data)
{
    struct tl_error err;
    tl_err_clear(&err);
    if (follow.shared) {
        if (catch_up(s, &err) == TL_OK) return;
        /* the feed could not be read: the follower will catch up */
        return;
    }
    live_publish(seq, match_id, comp_id, kind, data);
}

static void *follower(void *arg)
{
    (void)arg;
    tl_store *s = NULL;
    tl_store_watch *w = NULL;
    struct tl_error err;
    int lost = 0;
    for (;;) {
        pthread_mutex_lock(&follow.lock);
        int stop = follow.stop;
        pthread_mutex_unlock(&follow.lock);
        if (stop) break;
        tl_err_clear(&err);
        if (!w && tl_store_watch_open(follow.db, &w, &err)) {
            if (!lost) fprintf(stderr, "touchline: live feed: %s; retrying\n", err.msg);
            lost = 1;
            cache_listening(0);
            usleep(500000);
            continue;
        }
        if (!s && tl_store_open_existing(follow.db, &s, &err)) {
            tl_store_watch_close(w);
            w = NULL;
            usleep(500000);
            continue;
        }
        if (lost) fprintf(stderr, "touchline: live feed: connected again; catching up\n");
        lost = 0;
        /* whatever was committed while not listening */
        cache_listening(1);
        if (catch_up(s, &err)) {
            tl_store_close(s);
            s = NULL;
            continue;
        }
        /* then each commit as it is heard of; a poll every second besides */
        for (;;) {
            pthread_mutex_lock(&follow.lock);
            stop = follow.stop;
            pthread_mutex_unlock(&follow.lock);
            if (stop) break;
            int r = tl_store_watch_wait(w, 200);
            if (r < 0) break;
            if (r > 0) cache_wrote();
            if (catch_up(s, &err)) break;
        }
        cache_listening(0);
        tl_store_watch_close(w);
        w = NULL;
        tl_store_close(s);
        s = NULL;
        if (!stop) {
            fprintf(stderr, "touchline: live feed: lost the database connection; reconnecting\n");
            lost = 1;
        }
    }
    tl_store_watch_close(w);
    tl_store_close(s);
    return NULL;
}

void live_start(const char *db)
{
    pthread_mutex_lock(&hub.lock);
    hub.fanned = hub.top;
    if (pthread_create(&hub.fan, NULL, fan_out, NULL) == 0) hub.fanning = 1;
    pthread_mutex_unlock(&hub.lock);
    if (pthread_create(&helper.thread, NULL, helper_main, NULL) == 0) helper.running = 1;
    if (pthread_create(&hub.beat, NULL, heartbeat, NULL) == 0) hub.beating = 1;
    ms.db = db;
    if (pthread_create(&ms.thread, NULL, milestone_worker, NULL) == 0) ms.running = 1;
    follow.db = db;
    follow.shared = tl_store_shared(db);
    if (follow.shared && pthread_create(&follow.thread, NULL, follower, NULL) == 0)
        follow.running = 1;
}

/* tell a worker waiting on cond to stop, and wait for it */
static void stop_worker(pthread_mutex_t *m, pthread_cond_t *cond, int *stop, pthread_t thread,
                        int *running)
{
    pthread_mutex_lock(m);
    *stop = 1;
    pthread_cond_signal(cond);
    pthread_mutex_unlock(m);
    if (*running) pthread_join(thread, NULL);
    *running = 0;
}

void live_stop(void)
{
    pthread_mutex_lock(&follow.lock);
    follow.stop = 1;
    pthread_mutex_unlock(&follow.lock);
    if (follow.running) pthread_join(follow.thread, NULL);
    follow.running = 0;
    stop_worker(&ms.lock, &ms.cond, &ms.stop, ms.thread, &ms.running);
    wake_all(0, 1);
    if (hub.fanning) pthread_join(hub.fan, NULL);
    pthread_mutex_lock(&hub.lock);
    hub.fanning = 0;
    pthread_mutex_unlock(&hub.lock);
    if (hub.beating) pthread_join(hub.beat, NULL);
    hub.beating = 0;
    stop_worker(&helper.m, &helper.go, &helper.stop, helper.thread, &helper.running);
}

void live_drain(void)
{
    /* resumed subscribers end their streams; wait for them to go */
    for (int i = 0; i < 50; i++) {
        if (live_subscribers() == 0) break;
        usleep(20000);
    }
    pthread_mutex_lock(&hub.lock);
    for (int64_t i = 0; i < RING_MAX; i++) {
        tl_free(hub.ring[i].text);
        hub.ring[i] = (struct item){0};
    }
    pthread_mutex_unlock(&hub.lock);
}

/* the content reader: pending bytes, else the ring's next items, else a
 * heartbeat, else suspend until something comes. The ring's items go
 * straight into libmicrohttpd's buffer while they fit (the usual case: one
 * item); what does not fit waits in the subscriber's pending bytes. */
static ssize_t reader(void *cls, uint64_t pos, char *buf, size_t max)
{
    (void)pos;
    struct sub *s = cls;
    size_t out = 0;
    pthread_mutex_lock(&hub.lock);
    s->suspended = 0; /* called: libmicrohttpd has the socket again */
    if (s->gone) { /* a direct send found it closed, or ran out of memory */
        pthread_mutex_unlock(&hub.lock);
        return MHD_CONTENT_READER_END_WITH_ERROR;
    }
    if (hub.stopping) {
        pthread_mutex_unlock(&hub.lock);
        return MHD_CONTENT_READER_END_OF_STREAM;
    }
    if (s->sent == s->pending.len) {
        s->pending.len = s->sent = 0;
        /* the items after s->last still in the ring */
        if (hub.count && s->last < hub.top) {
            int64_t oldest = hub.top - hub.count + 1;
            if (s->last + 1 < oldest) { /* fell behind the ring: too slow */
                hub.too_slow++;
                pthread_mutex_unlock(&hub.lock);
                return MHD_CONTENT_READER_END_WITH_ERROR;
            }
            for (int64_t q = s->last + 1; q <= hub.top && out + s->pending.len < 65536; q++) {
                const struct item *it = &hub.ring[q % RING];
                if (it->seq == q && wants(s, it->match_id, it->comp_id)) {
                    if (!s->pending.len && it->len <= max - out) {
                        memcpy(buf + out, it->text, it->len);
                        out += it->len;
                    } else if (tl_buf_add(&s->pending, it->text, it->len)) {
                        pthread_mutex_unlock(&hub.lock);
                        return MHD_CONTENT_READER_END_WITH_ERROR;
                    }
                }
                s->last = q;
            }
        }
        if (!out && !s->pending.len && s->heartbeat && tl_buf_printf(&s->pending, ": heartbeat\n\n")) {
            pthread_mutex_unlock(&hub.lock);
            return MHD_CONTENT_READER_END_WITH_ERROR;
        }
        s->heartbeat = 0;
    }
    if (out) { /* what did not fit goes on the next call */
        pthread_mutex_unlock(&hub.lock);
        return (ssize_t)out;
    }
    if (s->sent == s->pending.len) { /* nothing to send: wait */
        s->suspended = 1;
        MHD_suspend_connection(s->conn);
        pthread_mutex_unlock(&hub.lock);
        return 0;
    }
    size_t n = s->pending.len - s->sent;
    if (n > max) n = max;
    memcpy(buf, s->pending.data + s->sent, n);
    s->sent += n;
    pthread_mutex_unlock(&hub.lock);
    return (ssize_t)n;
}

static void sub_free(void *cls)
{
    struct sub *s = cls;
    pthread_mutex_lock(&hub.lock);
    if (s->prev) s->prev->next = s->next;
    else hub.subs = s->next;
    if (s->next) s->next->prev = s->prev;
    hub.nsubs--;
    pthread_mutex_unlock(&hub.lock);
    tl_buf_free(&s->pending);
    tl_free(s);
}

struct backlog {
    struct tl_buf *b;
    int64_t last;
    const char *kind;
    tl_rc rc;
};
static void backlog_item(void *ctx, int64_t seq, const char *data)
{
    struct backlog *x = ctx;
    /* the kind is in the item: "type":"goal" */
    char kind[32] = "update";
    const char *t = strstr(data, "\"type\":\"");
    if (t) {
        size_t n = strcspn(t + 8, "\"");
        if (n < sizeof kind) snprintf(kind, sizeof kind, "%.*s", (int)n, t + 8);
    }
    if (!x->rc) x->rc = append_item(x->b, seq, kind, data);
    x->last = seq;
}

enum MHD_Result live_subscribe(struct MHD_Connection *conn, tl_store *store, int64_t match_id,
                               int64_t comp_id)
{
    struct sub *s = tl_calloc(1, sizeof *s);
    if (!s) return serve_error(conn, 500, "out of memory");
    tl_buf_init(&s->pending, 0);
    s->conn = conn;
    s->fd = -1;
    s->match_id = match_id;
    s->comp_id = comp_id;
    /* where to start: after Last-Event-ID (from the store, then the ring);
     * a new client starts at what is published from now on */
    const char *lei = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "Last-Event-ID");
    char *end = NULL;
    long long after = lei ? strtoll(lei, &end, 10) : -1;
    if (lei && (!*lei || *end || after < 0)) {
        tl_free(s);
        return serve_error(conn, 400, "Last-Event-ID: expected a whole number");
    }
    pthread_mutex_lock(&hub.lock);
    s->last = hub.top;
    pthread_mutex_unlock(&hub.lock);
    if (after >= 0) {
        struct tl_error err;
        tl_err_clear(&err);
        struct backlog b = {.b = &s->pending, .last = after};
        if (tl_store_feed(store, match_id, comp_id, after, backlog_item, &b, &err) || b.rc) {
            tl_buf_free(&s->pending);
            tl_free(s);
            return serve_error(conn, 500, "cannot read the feed");
        }
        /* the store has everything committed; what the ring adds after it */
        if (b.last > s->last) s->last = b.last;
        else if (b.last < s->last) s->last = b.last > after ? b.last : after;
    }
    if (tl_buf_printf(&s->pending, "retry: 2000\n\n")) {
        tl_buf_free(&s->pending);
        tl_free(s);
        return serve_error(conn, 500, "out of memory");
    }
    struct MHD_Response *r = MHD_create_response_from_callback(MHD_SIZE_UNKNOWN, 2048, reader, s,
                                                               sub_free);
    if (!r) {
        tl_buf_free(&s->pending);
        tl_free(s);
        return MHD_NO;
    }
    pthread_mutex_lock(&hub.lock);
    s->next = hub.subs;
    if (hub.subs) hub.subs->prev = s;
    hub.subs = s;
    hub.nsubs++;
    pthread_mutex_unlock(&hub.lock);
    /* a small kernel buffer for a stream: what a subscriber has not taken
     * stays in the ring, not in the kernel, so a slow one falls behind and
     * is let go (and 10,000 of them stay cheap) */
    const union MHD_ConnectionInfo *ci = MHD_get_connection_info(conn, MHD_CONNECTION_INFO_CONNECTION_FD);
    if (ci) {
        int sndbuf = 16384;
        setsockopt(ci->connect_fd, SOL_SOCKET, SO_SNDBUF, &sndbuf, sizeof sndbuf);
    }
#if MHD_VERSION >= 0x00097308
    /* not chunked (the stream ends when the connection does, as an
     * event stream does anyway), so that items can go to the socket as
     * they are (send_direct) while the connection waits */
    if (ci && MHD_set_response_options(r, MHD_RF_HTTP_1_0_COMPATIBLE_STRICT, MHD_RO_END) == MHD_YES &&
        !getenv("TOUCHLINE_FEED_NO_DIRECT")) {
        pthread_mutex_lock(&hub.lock);
        s->fd = ci->connect_fd;
        pthread_mutex_unlock(&hub.lock);
    }
#endif
    MHD_add_response_header(r, "Content-Type", "text/event-stream");
    MHD_add_response_header(r, "Cache-Control", "no-store");
    MHD_add_response_header(r, "X-Accel-Buffering", "no");
    enum MHD_Result ok = MHD_queue_response(conn, MHD_HTTP_OK, r);
    MHD_destroy_response(r);
    return ok;
}

/* ---- ingest ---- */

static char **tokens;
static size_t ntokens;

/* tokens from TOUCHLINE_TOKENS (comma-separated) or a file (one a line) */
int live_tokens(const char *env, const char *file, char *why, size_t cap)
{
    char *text = NULL;
    if (file) {
        size_t len;
        struct tl_error err;
        if (tl_read_file(file, 1 << 16, &text, &len, &err)) {
            snprintf(why, cap, "%s", err.msg);
            return -1;
        }
    } else if (env && *env) {
        text = tl_strdup(env);
    }
    if (!text) return 0;
    for (char *save = NULL, *t = strtok_r(text, ",\n\r", &save); t; t = strtok_r(NULL, ",\n\r", &save)) {
        while (*t == ' ' || *t == '\t') t++;
        size_t n = strlen(t);
        while (n && (t[n - 1] == ' ' || t[n - 1] == '\t')) t[--n] = 0;
        if (!n) continue;
        char **p = tl_realloc(tokens, (ntokens + 1) * sizeof *p);
        if (!p || !(p[ntokens] = tl_strdup(t))) {
            tl_free(text);
            snprintf(why, cap, "out of memory");
            return -1;
        }
        tokens = p;
        ntokens++;
    }
    tl_free(text);
    return (int)ntokens;
}

void live_tokens_free(void)
{
    for (size_t i = 0; i < ntokens; i++) tl_free(tokens[i]);
    tl_free(tokens);
    tokens = NULL;
    ntokens = 0;
}

/* constant time in the token's length: every byte of every token compared */
static int token_ok(const char *given)
{
    int ok = 0;
    size_t gl = strlen(given);
    for (size_t i = 0; i < ntokens; i++) {
        size_t tl = strlen(tokens[i]);
        unsigned diff = (unsigned)(gl ^ tl);
        for (size_t k = 0; k < tl; k++) diff |= (unsigned char)tokens[i][k] ^ (unsigned char)(k < gl ? given[k] : 0);
        ok |= diff == 0;
    }
    return ok;
}

/* 0 when the request may write; otherwise the response was queued */
static int authorised(struct MHD_Connection *conn, enum MHD_Result *ret)
{
    if (!ntokens) {
        *ret = serve_error(conn, 403, "read-only: no tokens configured (TOUCHLINE_TOKENS or --token-file)");
        return 0;
    }
    const char *h = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "Authorization");
    if (!h || strncmp(h, "Bearer ", 7) != 0 || !token_ok(h + 7)) {
        *ret = serve_error(conn, 401, h ? "the bearer token is not accepted" : "a bearer token is needed: Authorization: Bearer T");
        return 0;
    }
    return 1;
}

enum MHD_Result live_post_event(struct MHD_Connection *conn, tl_store *store, int64_t match_id,
                                const char *body, size_t len)
{
    enum MHD_Result ret;
    if (!authorised(conn, &ret)) return ret;
    struct tl_live_event e;
    struct tl_error err;
    tl_err_clear(&err);
    if (tl_live_parse_event(body, len, &e, &err)) return serve_error(conn, 400, err.msg);
    const char *key = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "Idempotency-Key");
    if (key && (!*key || strlen(key) > 200)) return serve_error(conn, 400, "Idempotency-Key: 1 to 200 characters");
    struct tl_live_result res;
    if (tl_load_live_event(store, match_id, &e, key, &res, &err)) {
        ret = serve_error(conn, res.status >= 400 ? (unsigned)res.status : 500, err.msg);
        tl_live_result_free(&res);
        return ret;
    }
    if (!res.replayed) {
        cache_wrote();
        published(store, res.seq, match_id, res.competition_id, tl_live_kind_name(e.kind),
                  res.json);
        if (res.table_seq)
            published(store, res.table_seq, match_id, res.competition_id, "table",
                      res.table_json);
        if (e.kind == TL_LIVE_GOAL || e.kind == TL_LIVE_STATUS) live_milestones_after(match_id);
    }
    char *out = NULL;
    size_t olen = 0;
    FILE *f = open_memstream(&out, &olen);
    if (f) {
        fprintf(f, "{\"seq\":%lld,\"replayed\":%s,\"item\":%s}\n", (long long)res.seq,
                res.replayed ? "true" : "false", res.json);
        fclose(f);
    }
    ret = out ? serve_respond(conn, res.replayed ? 200 : 201, "application/json; charset=utf-8", out, olen, 0)
              : serve_error(conn, 500, "out of memory");
    free(out);
    tl_live_result_free(&res);
    return ret;
}

enum MHD_Result live_post_match(struct MHD_Connection *conn, tl_store *store, const char *body,
                                size_t len)
{
    enum MHD_Result ret;
    if (!authorised(conn, &ret)) return ret;
    struct tl_live_match m;
    struct tl_error err;
    tl_err_clear(&err);
    if (tl_live_parse_match(body, len, &m, &err)) return serve_error(conn, 400, err.msg);
    int64_t id;
    int status = 500;
    if (tl_load_live_match(store, &m, &id, &status, &err))
        return serve_error(conn, status >= 400 ? (unsigned)status : 500, err.msg);
    cache_wrote();
    char out[256];
    int n = snprintf(out, sizeof out, "{\"id\":%lld,\"date\":\"%s\",\"status\":\"scheduled\"}\n",
                     (long long)id, m.date);
    return serve_respond(conn, (unsigned)status, "application/json; charset=utf-8", out, (size_t)n, 0);
}
