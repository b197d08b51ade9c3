/* server/serve_int.h: private to src/server/. */
#ifndef TOUCHLINE_SERVE_INT_H
#define TOUCHLINE_SERVE_INT_H

#include "../cli/cli.h"

#include <microhttpd.h>

/* a response of body (copied), with an ETag and Cache-Control when cache */
enum MHD_Result serve_respond(struct MHD_Connection *conn, unsigned status, const char *type,
                              const char *body, size_t len, int cache);
/* the 200 and 304 responses of a cacheable JSON body, and its ETag */
int serve_cacheable(const char *body, size_t len, char etag[24], struct MHD_Response **ok,
                    struct MHD_Response **not_modified);
/* {"error": msg, "status": N} */
enum MHD_Result serve_error(struct MHD_Connection *conn, unsigned status, const char *msg);

/* ---- cache.c ---- */

/* The data's generation now (changes with any commit to db). */
uint64_t cache_generation(const char *db);
/* A write by this server (live ingest): answers before it are stale. */
void cache_wrote(void);
/* A shared store (PostgreSQL): its commits are heard of, not seen in files;
 * while not listening for them, no answer is kept. */
void cache_shared(void);
void cache_listening(int on);
/* Answer from the cache when key is there at generation gen (1, *ret
 * what queueing gave; a 304 when If-None-Match names its ETag), else 0. */
int cache_serve(struct MHD_Connection *conn, const char *key, uint64_t gen, enum MHD_Result *ret);
/* Keep the responses (200 and 304) made for key; the cache owns them. */
void cache_put(const char *key, uint64_t gen, const char *etag, struct MHD_Response *ok,
               struct MHD_Response *not_modified);
void cache_free(void);

/* ---- live.c ---- */

/* The accepted bearer tokens: TOUCHLINE_TOKENS (comma-separated) or a file
 * (one a line, or comma-separated); how many, or -1 with why. */
int live_tokens(const char *env, const char *file, char *why, size_t cap);
void live_tokens_free(void);
/* Start the heartbeat; stop: end every stream (before MHD_stop_daemon);
 * drain: after it, free the ring. */
void live_start(const char *db);
/* How many feed items the hub keeps (16 to 8192; default 8192). */
void live_ring(long n);
/* Find the match's milestones again (after a goal) and publish new ones. */
void live_milestones_after(int64_t match_id);
void live_stop(void);
void live_drain(void);
long live_subscribers(void);
/* what the live feed has done so far, for /api/health */
struct live_counts {
    long subscribers, sent_direct, handed_back, too_slow;
};
void live_counts(struct live_counts *c);
/* 1 when the store is shared with other nodes (the feed is followed). */
int live_shared(void);
/* Publish a committed feed item to the subscribers of its match and
 * competition. */
void live_publish(int64_t seq, int64_t match_id, int64_t comp_id, const char *kind,
                  const char *data);
/* GET .../live: an event stream of a match (or a competition's matches). */
enum MHD_Result live_subscribe(struct MHD_Connection *conn, tl_store *store, int64_t match_id,
                               int64_t comp_id);
/* POST /api/matches/{match}/events and POST /api/matches. */
enum MHD_Result live_post_event(struct MHD_Connection *conn, tl_store *store, int64_t match_id,
                                const char *body, size_t len);
enum MHD_Result live_post_match(struct MHD_Connection *conn, tl_store *store, const char *body,
                                size_t len);

#endif
