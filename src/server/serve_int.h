/* server/serve_int.h: private to src/server/. */
#ifndef TOUCHLINE_SERVE_INT_H
#define TOUCHLINE_SERVE_INT_H

#include "../cli/cli.h"

#include <microhttpd.h>

/* a response of body (copied), with an ETag and Cache-Control when cache */
enum MHD_Result serve_respond(struct MHD_Connection *conn, unsigned status, const char *type,
                              const char *body, size_t len, int cache);
/* {"error": msg, "status": N} */
enum MHD_Result serve_error(struct MHD_Connection *conn, unsigned status, const char *msg);

/* ---- live.c ---- */

/* The accepted bearer tokens: TOUCHLINE_TOKENS (comma-separated) or a file
 * (one a line, or comma-separated); how many, or -1 with why. */
int live_tokens(const char *env, const char *file, char *why, size_t cap);
void live_tokens_free(void);
/* Start the heartbeat; stop: end every stream (before MHD_stop_daemon);
 * drain: after it, free the ring. */
void live_start(void);
void live_stop(void);
void live_drain(void);
long live_subscribers(void);
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
