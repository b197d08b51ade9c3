/* server/serve.c: `touchline serve`: the commands over HTTP. Every read
 * endpoint is a command of the CLI run in-process with --json (the same
 * code, the same JSON); the route table below maps paths and query
 * parameters to commands and their options, and /api/openapi.json is
 * generated from the same table and the commands' own help, so it cannot
 * drift from what is served. Responses carry an ETag (a hash of the body)
 * and Cache-Control; If-None-Match is answered with 304.
 *
 * HTTP comes from libmicrohttpd (Debian's libmicrohttpd-dev): a pool of
 * worker threads on epoll, each with its own connection to the database. */
#include "serve_int.h"

#include "touchline/live.h"

#include <arpa/inet.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define MAX_SEGS 8
#define MAX_PARAMS 16

/* A route: path segments ("{x}" a parameter; "{match}" a match's id or
 * its DATE/HOME/AWAY, one segment or three), the command it runs, the
 * positional arguments it gets (path parameters in order), and an example
 * path the OpenAPI test requests. */
struct route {
    const char *path;
    const char *cmd;
    const char *example;
};
static const struct route routes[] = {
    {"/api/competitions", "competitions", "/api/competitions"},
    {"/api/matches", "matches", "/api/matches?team=Morocco&from=2022-11-01&to=2022-12-31"},
    {"/api/matches/{match}", "match", "/api/matches/2022-12-10/England/France"},
    {"/api/matches/{match}/timeline", "timeline", "/api/matches/2022-12-10/England/France/timeline"},
    {"/api/matches/{match}/lineups", "lineups", "/api/matches/2022-12-18/Argentina/France/lineups"},
    {"/api/matches/{match}/shots", "shots", "/api/matches/statsbomb:3788741/shots"},
    {"/api/matches/{match}/stats", "stats", "/api/matches/statsbomb:3788741/stats"},
    {"/api/matches/{match}/report", "report", "/api/matches/2022-12-10/England/France/report"},
    {"/api/matches/{match}/preview", "preview", NULL},
    {"/api/standings/{competition}/{edition}", "standings", "/api/standings/FIFA%20World%20Cup/2018?group=H&explain=true"},
    {"/api/bracket/{competition}/{edition}", "bracket", "/api/bracket/FIFA%20World%20Cup/2022"},
    {"/api/whatif/{competition}/{edition}/{group}", "whatif", "/api/whatif/FIFA%20World%20Cup/2022/C?as_of=2022-11-29"},
    {"/api/history/{competition}", "history", "/api/history/FIFA%20World%20Cup?firsts=true"},
    {"/api/forecast/{competition}/{edition}", "forecast", "/api/forecast/FIFA%20World%20Cup/2022?as_of=2022-11-19&sims=2000"},
    {"/api/records/{competition}", "records", "/api/records/FIFA%20World%20Cup"},
    {"/api/teams/{team}", "team", "/api/teams/Morocco"},
    {"/api/teams/{team}/next", "next", "/api/teams/France/next?as_of=2022-12-11"},
    {"/api/h2h/{team1}/{team2}", "h2h", "/api/h2h/England/France"},
    {"/api/players/{name}", "player", "/api/players/Harry%20Kane"},
    {"/api/resolve/{name}", "resolve", "/api/resolve/Ireland?on=1990-06-21"},
    {"/api/scorers", "scorers", "/api/scorers?team=England&top=5"},
    {"/api/elo", "elo", "/api/elo?date=2022-12-18&top=10"},
    {"/api/milestones", "milestones", "/api/milestones?kind=confederation_first_stage"},
    {"/api/shootouts", "shootouts", "/api/shootouts?stats=true"},
    {"/api/penalties", "penalties", "/api/penalties?team=England&top=5"},
};
#define NROUTES (sizeof routes / sizeof *routes)

/* options that write files or recompute everything: not over HTTP */
static int refused(const char *opt)
{
    return strcmp(opt, "svg") == 0 || strcmp(opt, "rebuild") == 0;
}

static const char *db_path;
static char web_dir[4096];   /* the page's files, "" when there are none */

/* GET / and /static/NAME: the web page's files, by name only (letters,
 * digits, '.', '-', '_'; no leading dot): nothing outside the folder */
static enum MHD_Result static_file(struct MHD_Connection *conn, const char *url)
{
    const char *name = strcmp(url, "/") == 0 || strcmp(url, "/index.html") == 0 ? "index.html"
                       : strncmp(url, "/static/", 8) == 0 ? url + 8 : NULL;
    if (!name) return serve_error(conn, MHD_HTTP_NOT_FOUND, "no such path; see /api/openapi.json");
    size_t n = strlen(name);
    int ok = n > 0 && n < 100 && name[0] != '.';
    for (size_t i = 0; ok && i < n; i++)
        ok = (name[i] >= 'a' && name[i] <= 'z') || (name[i] >= 'A' && name[i] <= 'Z') ||
             (name[i] >= '0' && name[i] <= '9') || name[i] == '.' || name[i] == '-' || name[i] == '_';
    if (!ok || strstr(name, "..") || !web_dir[0])
        return serve_error(conn, MHD_HTTP_NOT_FOUND, "no such file");
    char path[4300];
    snprintf(path, sizeof path, "%s/%s", web_dir, name);
    char *text = NULL;
    size_t len = 0;
    struct tl_error err;
    if (tl_read_file(path, 1 << 22, &text, &len, &err))
        return serve_error(conn, MHD_HTTP_NOT_FOUND, "no such file");
    const char *dot = strrchr(name, '.');
    const char *type = !dot                         ? "application/octet-stream"
                       : strcmp(dot, ".html") == 0 ? "text/html; charset=utf-8"
                       : strcmp(dot, ".js") == 0   ? "text/javascript; charset=utf-8"
                       : strcmp(dot, ".css") == 0  ? "text/css; charset=utf-8"
                       : strcmp(dot, ".svg") == 0  ? "image/svg+xml"
                       : strcmp(dot, ".json") == 0 ? "application/json"
                                                   : "application/octet-stream";
    enum MHD_Result r = serve_respond(conn, MHD_HTTP_OK, type, text, len, 1);
    tl_free(text);
    return r;
}

/* the web folder: --web, else web/ beside the build folder of the binary
 * (build/touchline -> web/), else ./web */
static void find_web(const char *opt)
{
    web_dir[0] = 0;
    char exe[4096];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    char cand[3][4200];
    int k = 0;
    if (opt) snprintf(cand[k++], sizeof cand[0], "%s", opt);
    if (n > 0) {
        exe[n] = 0;
        char *slash = strrchr(exe, '/');
        if (slash) *slash = 0;
        snprintf(cand[k++], sizeof cand[0], "%s/../web", exe);
        snprintf(cand[k++], sizeof cand[0], "%s/../../web", exe);
    }
    for (int i = 0; i < k && !web_dir[0]; i++) {
        char file[12700];
        snprintf(file, sizeof file, "%s/index.html", cand[i]);
        if (access(file, R_OK) == 0 && realpath(cand[i], web_dir) == NULL) web_dir[0] = 0;
        if (opt && i == 0) break; /* an explicit folder or nothing */
    }
    if (!web_dir[0] && !opt && access("web/index.html", R_OK) == 0 && !realpath("web", web_dir))
        web_dir[0] = 0;
}

/* each worker thread's own database connection, closed at shutdown */
static _Thread_local tl_store *thread_store;
static pthread_mutex_t stores_lock = PTHREAD_MUTEX_INITIALIZER;
static tl_store *stores[256];
static int nstores;

static _Thread_local int used_store; /* by the request under way */

static tl_store *store_for_thread(struct tl_error *err)
{
    used_store = 1;
    if (thread_store) return thread_store;
    if (tl_store_open_existing(db_path, &thread_store, err)) return NULL;
    pthread_mutex_lock(&stores_lock);
    if (nstores < (int)(sizeof stores / sizeof *stores)) stores[nstores++] = thread_store;
    pthread_mutex_unlock(&stores_lock);
    return thread_store;
}

static uint64_t fnv64(const char *s, size_t n)
{
    uint64_t h = 1469598103934665603u;
    for (size_t i = 0; i < n; i++) h = (h ^ (unsigned char)s[i]) * 1099511628211u;
    return h;
}

int serve_cacheable(const char *body, size_t len, char etag[24], struct MHD_Response **ok,
                    struct MHD_Response **not_modified)
{
    snprintf(etag, 24, "\"%016llx\"", (unsigned long long)fnv64(body, len));
    *ok = MHD_create_response_from_buffer(len, (void *)body, MHD_RESPMEM_MUST_COPY);
    *not_modified = MHD_create_response_from_buffer(0, NULL, MHD_RESPMEM_PERSISTENT);
    if (!*ok || !*not_modified) {
        if (*ok) MHD_destroy_response(*ok);
        if (*not_modified) MHD_destroy_response(*not_modified);
        return -1;
    }
    MHD_add_response_header(*ok, "Content-Type", "application/json; charset=utf-8");
    for (int k = 0; k < 2; k++) {
        struct MHD_Response *r = k ? *not_modified : *ok;
        MHD_add_response_header(r, "ETag", etag);
        MHD_add_response_header(r, "Cache-Control", "no-cache");
    }
    return 0;
}

enum MHD_Result serve_respond(struct MHD_Connection *conn, unsigned status, const char *type,
                              const char *body, size_t len, int cache)
{
    char etag[32];
    snprintf(etag, sizeof etag, "\"%016llx\"", (unsigned long long)fnv64(body, len));
    if (status == MHD_HTTP_OK && cache) {
        const char *inm = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "If-None-Match");
        if (inm && strstr(inm, etag)) {
            struct MHD_Response *r = MHD_create_response_from_buffer(0, NULL, MHD_RESPMEM_PERSISTENT);
            MHD_add_response_header(r, "ETag", etag);
            MHD_add_response_header(r, "Cache-Control", "no-cache");
            enum MHD_Result ok = MHD_queue_response(conn, MHD_HTTP_NOT_MODIFIED, r);
            MHD_destroy_response(r);
            return ok;
        }
    }
    struct MHD_Response *r = MHD_create_response_from_buffer(len, (void *)body, MHD_RESPMEM_MUST_COPY);
    if (!r) return MHD_NO;
    MHD_add_response_header(r, "Content-Type", type);
    if (cache) {
        MHD_add_response_header(r, "ETag", etag);
        MHD_add_response_header(r, "Cache-Control", "no-cache");
    } else {
        MHD_add_response_header(r, "Cache-Control", "no-store");
    }
    enum MHD_Result ok = MHD_queue_response(conn, status, r);
    MHD_destroy_response(r);
    return ok;
}

/* {"error": message, "status": N} */
enum MHD_Result serve_error(struct MHD_Connection *conn, unsigned status, const char *msg)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    if (!f) return MHD_NO;
    struct tl_json j;
    tl_json_init(&j, f);
    tl_json_obj(&j);
    tl_json_key(&j, "error");
    tl_json_str(&j, msg);
    tl_json_key(&j, "status");
    tl_json_int(&j, (long)status);
    tl_json_end_obj(&j);
    tl_json_done(&j);
    fclose(f);
    enum MHD_Result ok = serve_respond(conn, status, "application/json; charset=utf-8", buf, len, 0);
    free(buf);
    return ok;
}

/* the message of a command's stderr, without the program name and the
 * "(see 'touchline x --help')" hint */
static void clean_message(char *m)
{
    char *p = strstr(m, "\n(see ");
    if (p) *p = 0;
    size_t n = strlen(m);
    while (n && (m[n - 1] == '\n' || m[n - 1] == ' ')) m[--n] = 0;
    if (strncmp(m, "touchline: ", 11) == 0) memmove(m, m + 11, strlen(m + 11) + 1);
}

struct params {
    const char *keys[MAX_PARAMS], *vals[MAX_PARAMS];
    char names[MAX_PARAMS][32];
    size_t n;
    int bad;          /* too many, or a refused option */
    char why[96];
};

static enum MHD_Result collect(void *cls, enum MHD_ValueKind kind, const char *key,
                               const char *value)
{
    (void)kind;
    struct params *p = cls;
    if (p->n == MAX_PARAMS || strlen(key) >= sizeof p->names[0]) {
        p->bad = 1;
        snprintf(p->why, sizeof p->why, "too many or too long query parameters");
        return MHD_NO;
    }
    /* as_of -> as-of: option names as the CLI spells them */
    char *name = p->names[p->n];
    size_t i = 0;
    for (; key[i]; i++) name[i] = key[i] == '_' ? '-' : key[i];
    name[i] = 0;
    if (refused(name)) {
        p->bad = 1;
        snprintf(p->why, sizeof p->why, "parameter '%s' is not available over HTTP", key);
        return MHD_NO;
    }
    p->keys[p->n] = name;
    p->vals[p->n] = value ? value : "";
    p->n++;
    return MHD_YES;
}

static int is_date(const char *s)
{
    struct tl_date d;
    return strlen(s) == 10 && tl_date_parse(s, 10, &d) == 0;
}

/* match url against a route: its positional arguments into pos; 0 ok */
static int match_route(const struct route *r, char *const *seg, int nseg, const char **pos,
                       size_t *npos)
{
    char buf[256];
    snprintf(buf, sizeof buf, "%s", r->path + 1);
    const char *rs[MAX_SEGS];
    int nr = 0;
    for (char *save = NULL, *t = strtok_r(buf, "/", &save); t && nr < MAX_SEGS;
         t = strtok_r(NULL, "/", &save))
        rs[nr++] = t;
    int i = 0;
    *npos = 0;
    for (int k = 0; k < nr; k++) {
        if (i >= nseg) return -1;
        if (strcmp(rs[k], "{match}") == 0) {
            int three = is_date(seg[i]) && i + 2 < nseg;
            for (int x = 0; x < (three ? 3 : 1); x++) pos[(*npos)++] = seg[i++];
        } else if (rs[k][0] == '{') {
            pos[(*npos)++] = seg[i++];
        } else if (strcmp(rs[k], seg[i]) == 0) {
            i++;
        } else {
            return -1;
        }
    }
    return i == nseg ? 0 : -1;
}

static enum MHD_Result openapi(struct MHD_Connection *conn);

/* a request's body as it arrives (POST), freed when the request completes */
struct upload {
    char buf[TL_LIVE_MAX_BODY + 1];
    size_t len;
    int too_big;
};

/* the state of a request without a body: answered on the second call */
static char no_body;

static void completed(void *cls, struct MHD_Connection *conn, void **state,
                      enum MHD_RequestTerminationCode why)
{
    (void)cls, (void)conn, (void)why;
    if (*state != &no_body) tl_free(*state);
    *state = NULL;
}

/* a match named by path segments (an id, statsbomb:ID, or DATE HOME AWAY):
 * its id, or a queued error response */
static int64_t match_of(struct MHD_Connection *conn, tl_store *s, char *const *seg, int n,
                        enum MHD_Result *ret)
{
    char *out = NULL, *msg = NULL;
    size_t olen = 0, mlen = 0;
    cli_out = open_memstream(&out, &olen);
    cli_err = open_memstream(&msg, &mlen);
    struct cli c;
    memset(&c, 0, sizeof c);
    c.prog = "touchline";
    c.db = db_path;
    c.store = s;
    for (int i = 0; i < n && i < CLI_MAX_POS; i++) c.pos[c.npos++] = seg[i];
    struct tl_match_list l = {0};
    cli_http_status = 0;
    int rc = cli_out && cli_err ? cli_find_match(&c, 0, &l) : EXIT_FAIL;
    if (cli_out) fclose(cli_out);
    if (cli_err) fclose(cli_err);
    cli_out = cli_err = NULL;
    int64_t id = rc || !l.n ? 0 : l.v[0].id;
    tl_name_list_free(&c.teams);
    tl_match_list_free(&l);
    if (!id) {
        clean_message(msg ? msg : (char[]){""});
        *ret = serve_error(conn, rc == EXIT_USAGE ? 400 : 404, msg && msg[0] ? msg : "no such match");
    }
    free(out);
    free(msg);
    return id;
}

static enum MHD_Result live_routes(struct MHD_Connection *conn, const char *url, int post,
                                   const struct upload *up, int *handled)
{
    char path[1024];
    *handled = 0;
    if (strlen(url) >= sizeof path) return MHD_NO;
    snprintf(path, sizeof path, "%s", url);
    char *seg[MAX_SEGS + 4];
    int n = 0;
    for (char *save = NULL, *t = strtok_r(path, "/", &save); t && n < MAX_SEGS + 4;
         t = strtok_r(NULL, "/", &save))
        seg[n++] = t;
    /* api matches ... events|live ; api matches ; api competitions C live */
    int events = n >= 4 && strcmp(seg[n - 1], "events") == 0;
    int live = n >= 4 && strcmp(seg[n - 1], "live") == 0;
    if (n < 2 || strcmp(seg[0], "api") != 0) return MHD_NO;
    int matches = strcmp(seg[1], "matches") == 0, comps = strcmp(seg[1], "competitions") == 0;
    if (!(matches && (events || live || (post && n == 2))) && !(comps && live && n == 4))
        return MHD_NO;
    *handled = 1;
    if (post != (events || (matches && n == 2)))
        return serve_error(conn, 405, post ? "this path is read with GET" : "this path takes POST");
    struct tl_error err;
    tl_err_clear(&err);
    tl_store *s = store_for_thread(&err);
    if (!s) return serve_error(conn, 503, err.msg);
    if (post && up->too_big) return serve_error(conn, 413, "the body is larger than 4096 bytes");
    if (matches && n == 2) return live_post_match(conn, s, up->buf, up->len);
    if (comps) {
        struct tl_name_list l = {0};
        struct tl_team_match m;
        if (tl_store_competition_names(s, &l, &err) ||
            tl_resolve_name(&l, "tournament", seg[2], &m, &err)) {
            tl_name_list_free(&l);
            return serve_error(conn, err.rc == TL_ENOTFOUND ? 404 : 400, err.msg);
        }
        tl_name_list_free(&l);
        return live_subscribe(conn, s, 0, m.team_id);
    }
    enum MHD_Result ret = MHD_NO;
    int64_t id = match_of(conn, s, seg + 2, n - 3, &ret);
    if (!id) return ret;
    if (events) return live_post_event(conn, s, id, up->buf, up->len);
    return live_subscribe(conn, s, id, 0);
}

static enum MHD_Result handle(void *cls, struct MHD_Connection *conn, const char *url,
                              const char *method, const char *version, const char *upload,
                              size_t *upload_size, void **state);
static enum MHD_Result request(void *cls, struct MHD_Connection *conn, const char *url,
                               const char *method, const char *version, const char *upload,
                               size_t *upload_size, void **state)
{
    used_store = 0;
    enum MHD_Result r = handle(cls, conn, url, method, version, upload, upload_size, state);
    /* a connection lives for many requests: leave it with no read snapshot
     * held (a statement left on a row) and no transaction open */
    if (thread_store && used_store) tl_store_idle(thread_store);
    return r;
}
static enum MHD_Result handle(void *cls, struct MHD_Connection *conn, const char *url,
                              const char *method, const char *version, const char *upload,
                              size_t *upload_size, void **state)
{
    (void)cls, (void)version;
    int post = strcmp(method, "POST") == 0;
    if (post) {
        /* the body first, kept up to the limit */
        struct upload *up = *state;
        if (!up) {
            if (!(up = tl_calloc(1, sizeof *up))) return MHD_NO;
            *state = up;
            return MHD_YES;
        }
        if (*upload_size) {
            if (up->len + *upload_size > TL_LIVE_MAX_BODY) up->too_big = 1;
            else {
                memcpy(up->buf + up->len, upload, *upload_size);
                up->len += *upload_size;
            }
            *upload_size = 0;
            return MHD_YES;
        }
        int handled;
        enum MHD_Result r = live_routes(conn, url, 1, up, &handled);
        return handled ? r : serve_error(conn, 405, "no POST here: see /api/openapi.json");
    }
    /* the first call comes with the headers: answering then would make
     * libmicrohttpd close the connection (the request not yet complete);
     * the answer comes on the next call, and the connection stays open */
    if (!*state) {
        *state = &no_body;
        return MHD_YES;
    }
    if (*upload_size) { /* a body on a GET: read and dropped */
        *upload_size = 0;
        return MHD_YES;
    }
    if (strcmp(method, "GET") != 0 && strcmp(method, "HEAD") != 0)
        return serve_error(conn, MHD_HTTP_METHOD_NOT_ALLOWED, "only GET, HEAD and POST are served");
    int handled;
    enum MHD_Result lr = live_routes(conn, url, 0, NULL, &handled);
    if (handled) return lr;
    if (strcmp(url, "/api/openapi.json") == 0) return openapi(conn);
    if (strcmp(url, "/api/health") == 0) {
        struct live_counts lc;
        live_counts(&lc);
        char body[256];
        int bl = snprintf(body, sizeof body,
                          "{\"ok\":true,\"feed\":{\"subscribers\":%ld,\"sent_direct\":%ld,"
                          "\"handed_back\":%ld,\"too_slow\":%ld}}\n",
                          lc.subscribers, lc.sent_direct, lc.handed_back, lc.too_slow);
        return serve_respond(conn, MHD_HTTP_OK, "application/json", body, (size_t)bl, 0);
    }
    /* the path's segments (MHD has decoded %XX already) */
    char path[1024];
    if (strlen(url) >= sizeof path) return serve_error(conn, MHD_HTTP_URI_TOO_LONG, "path too long");
    snprintf(path, sizeof path, "%s", url);
    char *seg[MAX_SEGS + 4];
    int nseg = 0;
    for (char *save = NULL, *t = strtok_r(path, "/", &save); t; t = strtok_r(NULL, "/", &save)) {
        if (nseg == MAX_SEGS + 4) return serve_error(conn, MHD_HTTP_NOT_FOUND, "no such path");
        seg[nseg++] = t;
    }
    const struct route *r = NULL;
    const char *pos[CLI_MAX_POS];
    size_t npos = 0;
    for (size_t k = 0; k < NROUTES && !r; k++)
        if (match_route(&routes[k], seg, nseg, pos, &npos) == 0) r = &routes[k];
    if (!r) return static_file(conn, url);
    struct params p = {0};
    MHD_get_connection_values(conn, MHD_GET_ARGUMENT_KIND, collect, &p);
    if (p.bad) return serve_error(conn, MHD_HTTP_BAD_REQUEST, p.why);
    /* an answer kept from before, while the data is unchanged */
    char key[2048];
    size_t kl = (size_t)snprintf(key, sizeof key, "%s", url);
    for (size_t i = 0; i < p.n && kl < sizeof key; i++)
        kl += (size_t)snprintf(key + kl, sizeof key - kl, "%c%s=%s", i ? '&' : '?', p.keys[i], p.vals[i]);
    uint64_t gen = cache_generation(db_path);
    enum MHD_Result hit;
    if (kl < sizeof key && cache_serve(conn, key, gen, &hit)) return hit;
    struct tl_error err;
    tl_err_clear(&err);
    tl_store *s = store_for_thread(&err);
    if (!s) return serve_error(conn, MHD_HTTP_SERVICE_UNAVAILABLE, err.msg);
    /* run the command with its output into memory */
    char *out = NULL, *msg = NULL;
    size_t olen = 0, mlen = 0;
    cli_out = open_memstream(&out, &olen);
    cli_err = open_memstream(&msg, &mlen);
    if (!cli_out || !cli_err) {
        if (cli_out) fclose(cli_out);
        if (cli_err) fclose(cli_err);
        free(out);
        free(msg);
        return serve_error(conn, MHD_HTTP_INTERNAL_SERVER_ERROR, "out of memory");
    }
    struct cli c;
    memset(&c, 0, sizeof c);
    c.prog = "touchline";
    c.db = db_path;
    c.fmt = TL_OUT_JSON;
    c.store = s;
    cli_http_status = 0;
    int rc = cli_invoke(&c, r->cmd, pos, npos, p.keys, p.vals, p.n);
    fclose(cli_out);
    fclose(cli_err);
    cli_out = cli_err = NULL;
    enum MHD_Result ok;
    if (rc == EXIT_OK) {
        /* kept under the generation read before the command ran: a commit
         * during it makes the entry stale, never wrong */
        char etag[24];
        struct MHD_Response *r200, *r304;
        if (kl < sizeof key && olen <= (1u << 20) && !serve_cacheable(out, olen, etag, &r200, &r304)) {
            const char *inm = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "If-None-Match");
            ok = MHD_queue_response(conn, inm && strstr(inm, etag) ? MHD_HTTP_NOT_MODIFIED : MHD_HTTP_OK,
                                    inm && strstr(inm, etag) ? r304 : r200);
            cache_put(key, gen, etag, r200, r304);
        } else {
            ok = serve_respond(conn, MHD_HTTP_OK, "application/json; charset=utf-8", out, olen, 1);
        }
    } else {
        clean_message(msg);
        unsigned status = rc == EXIT_USAGE ? 400 : cli_http_status ? (unsigned)cli_http_status : 404;
        ok = serve_error(conn, status, msg[0] ? msg : "failed");
    }
    free(out);
    free(msg);
    return ok;
}

/* ---- the OpenAPI document, from the routes and the commands' help ---- */

static void param(struct tl_json *j, const char *name, const char *in, const char *desc,
                  int required, const char *type)
{
    tl_json_obj(j);
    tl_json_key(j, "name");
    tl_json_str(j, name);
    tl_json_key(j, "in");
    tl_json_str(j, in);
    tl_json_key(j, "required");
    tl_json_bool(j, required);
    tl_json_key(j, "description");
    tl_json_str(j, desc);
    tl_json_key(j, "schema");
    tl_json_obj(j);
    tl_json_key(j, "type");
    tl_json_str(j, type);
    tl_json_end_obj(j);
    tl_json_end_obj(j);
}

static void operation(struct tl_json *j, const struct route *r, int three)
{
    const struct cli_cmd *cmd = cli_command(r->cmd);
    tl_json_key(j, "get");
    tl_json_obj(j);
    tl_json_key(j, "operationId");
    char id[64];
    snprintf(id, sizeof id, "%s%s", r->cmd, three ? "ByDateAndTeams" : "");
    tl_json_str(j, id);
    tl_json_key(j, "summary");
    tl_json_str(j, cmd ? cmd->summary : r->cmd);
    if (cmd && cmd->details) {
        tl_json_key(j, "description");
        tl_json_str(j, cmd->details);
    }
    if (r->example) {
        tl_json_key(j, "x-example");
        tl_json_str(j, r->example);
    }
    tl_json_key(j, "parameters");
    tl_json_arr(j);
    for (const char *p = strchr(r->path, '{'); p; p = strchr(p + 1, '{')) {
        char name[32];
        size_t n = strcspn(p + 1, "}");
        snprintf(name, sizeof name, "%.*s", (int)n, p + 1);
        if (strcmp(name, "match") == 0) {
            if (three) {
                param(j, "date", "path", "the match's date, YYYY-MM-DD", 1, "string");
                param(j, "home", "path", "one team (either order)", 1, "string");
                param(j, "away", "path", "the other team", 1, "string");
            } else {
                param(j, "id", "path", "touchline's match id, or a source's (statsbomb:3788741)", 1,
                      "string");
            }
        } else {
            param(j, name, "path", name, 1, "string");
        }
    }
    for (size_t k = 0; cmd && k < cmd->nopts; k++) {
        if (refused(cmd->opts[k].name)) continue;
        char name[32];
        size_t i = 0;
        for (; cmd->opts[k].name[i] && i + 1 < sizeof name; i++)
            name[i] = cmd->opts[k].name[i] == '-' ? '_' : cmd->opts[k].name[i];
        name[i] = 0;
        param(j, name, "query", cmd->opts[k].help, 0, cmd->opts[k].has_arg ? "string" : "boolean");
    }
    tl_json_end_arr(j);
    tl_json_key(j, "responses");
    tl_json_obj(j);
    static const char *const codes[][2] = {
        {"200", "the command's JSON (as `touchline ... --json` prints it), with an ETag"},
        {"304", "not modified (If-None-Match matched the ETag)"},
        {"400", "a bad parameter: {\"error\", \"status\"}"},
        {"404", "nothing found: {\"error\", \"status\"}"}};
    for (size_t k = 0; k < sizeof codes / sizeof *codes; k++) {
        tl_json_key(j, codes[k][0]);
        tl_json_obj(j);
        tl_json_key(j, "description");
        tl_json_str(j, codes[k][1]);
        tl_json_end_obj(j);
    }
    tl_json_end_obj(j);
    tl_json_end_obj(j);
}


/* ---- the live endpoints in the document ---- */

static void prop(struct tl_json *j, const char *name, const char *type, const char *desc,
                 const char *const *choices)
{
    tl_json_key(j, name);
    tl_json_obj(j);
    tl_json_key(j, "type");
    tl_json_str(j, type);
    tl_json_key(j, "description");
    tl_json_str(j, desc);
    if (choices) {
        tl_json_key(j, "enum");
        tl_json_arr(j);
        for (; *choices; choices++) tl_json_str(j, *choices);
        tl_json_end_arr(j);
    }
    tl_json_end_obj(j);
}

static void responses(struct tl_json *j, const char *const (*codes)[2], size_t n)
{
    tl_json_key(j, "responses");
    tl_json_obj(j);
    for (size_t k = 0; k < n; k++) {
        tl_json_key(j, codes[k][0]);
        tl_json_obj(j);
        tl_json_key(j, "description");
        tl_json_str(j, codes[k][1]);
        tl_json_end_obj(j);
    }
    tl_json_end_obj(j);
}

static void bearer(struct tl_json *j)
{
    tl_json_key(j, "security");
    tl_json_arr(j);
    tl_json_obj(j);
    tl_json_key(j, "bearer");
    tl_json_arr(j);
    tl_json_end_arr(j);
    tl_json_end_obj(j);
    tl_json_end_arr(j);
}

/* "requestBody": {"required": true, "content": {"application/json":
 * {"schema": {"type": "object", "required": [...], "additionalProperties":
 * false, "properties": { ... the caller's properties, then body_close */
static void body_open(struct tl_json *j, const char *const *required)
{
    tl_json_key(j, "requestBody");
    tl_json_obj(j);
    tl_json_key(j, "required");
    tl_json_bool(j, 1);
    tl_json_key(j, "content");
    tl_json_obj(j);
    tl_json_key(j, "application/json");
    tl_json_obj(j);
    tl_json_key(j, "schema");
    tl_json_obj(j);
    tl_json_key(j, "type");
    tl_json_str(j, "object");
    tl_json_key(j, "required");
    tl_json_arr(j);
    for (; *required; required++) tl_json_str(j, *required);
    tl_json_end_arr(j);
    tl_json_key(j, "additionalProperties");
    tl_json_bool(j, 0);
    tl_json_key(j, "properties");
    tl_json_obj(j);
}

static void body_close(struct tl_json *j)
{
    for (int i = 0; i < 4; i++) tl_json_end_obj(j); /* schema, media type, content, body */
}

static void post_match(struct tl_json *j)
{
    tl_json_key(j, "post");
    tl_json_obj(j);
    tl_json_key(j, "operationId");
    tl_json_str(j, "createMatch");
    tl_json_key(j, "summary");
    tl_json_str(j, "schedule a match (a bearer token is needed)");
    bearer(j);
    static const char *const required[] = {"date", "home", "away", NULL};
    body_open(j, required);
    prop(j, "date", "string", "YYYY-MM-DD", NULL);
    prop(j, "kickoff", "string", "local time, HH:MM", NULL);
    prop(j, "utc_offset", "string", "+HH:MM or -HH:MM", NULL);
    prop(j, "home", "string", "a team the data knows (any of its names)", NULL);
    prop(j, "away", "string", "the other team", NULL);
    prop(j, "competition", "string", "made when new", NULL);
    prop(j, "stage", "string", "the stage's name", NULL);
    tl_json_end_obj(j); /* properties */
    body_close(j);
    static const char *const codes[][2] = {
        {"201", "scheduled: {\"id\", \"date\", \"status\"}"}, {"400", "a bad body (offset and path)"},
        {"401", "no or a wrong bearer token"}, {"403", "read-only: no tokens configured"},
        {"404", "an unknown team"}, {"409", "the match is already there"}};
    responses(j, codes, sizeof codes / sizeof *codes);
    tl_json_end_obj(j);
}

static void post_events(struct tl_json *j, int three)
{
    tl_json_key(j, "post");
    tl_json_obj(j);
    tl_json_key(j, "operationId");
    tl_json_str(j, three ? "postEventByDateAndTeams" : "postEvent");
    tl_json_key(j, "summary");
    tl_json_str(j, "an event of a match being played, committed then published to its live feed");
    tl_json_key(j, "description");
    tl_json_str(j, "Checked against the match's state: a status first (kickoff, halftime, "
                   "second_half, extra_time, shootout, fulltime, in that order); a minute in the "
                   "period under way and not before the last event's; no event after full time; "
                   "players the data knows for their team; shootout kicks alternating until "
                   "decided. An own goal's team is the side it counts for and its player one of "
                   "the other side. Idempotency-Key: a retry with the same key gets the first "
                   "answer (200) and writes nothing.");
    bearer(j);
    tl_json_key(j, "parameters");
    tl_json_arr(j);
    if (three) {
        param(j, "date", "path", "the match's date, YYYY-MM-DD", 1, "string");
        param(j, "home", "path", "one team", 1, "string");
        param(j, "away", "path", "the other team", 1, "string");
    } else {
        param(j, "id", "path", "touchline's match id", 1, "string");
    }
    param(j, "Idempotency-Key", "header", "makes a retry safe", 0, "string");
    tl_json_end_arr(j);
    static const char *const required[] = {"type", NULL};
    body_open(j, required);
    static const char *const types[] = {"goal", "penalty_missed", "card", "substitution",
                                        "shootout_kick", "status", NULL};
    static const char *const outcomes[] = {"over", "wide", "post", "saved", NULL};
    static const char *const cards[] = {"yellow", "second_yellow", "red", NULL};
    static const char *const statuses[] = {"kickoff",  "halftime", "second_half", "extra_time",
                                           "shootout", "fulltime", NULL};
    prop(j, "type", "string", "what happened", types);
    prop(j, "team", "string", "the team (for an own goal: the side it counts for)", NULL);
    prop(j, "player", "string", "scorer, taker, booked player or kicker", NULL);
    prop(j, "player_in", "string", "substitution: the player coming on", NULL);
    prop(j, "player_out", "string", "substitution: the player going off", NULL);
    prop(j, "minute", "integer", "0 to 150; 45+2 is minute 45, added 2", NULL);
    prop(j, "added", "integer", "added time, 0 to 30", NULL);
    prop(j, "penalty", "boolean", "goal: from the penalty spot", NULL);
    prop(j, "own_goal", "boolean", "goal: an own goal", NULL);
    prop(j, "outcome", "string", "penalty_missed: how", outcomes);
    prop(j, "card", "string", "card: which", cards);
    prop(j, "scored", "boolean", "shootout_kick: in or not", NULL);
    prop(j, "status", "string", "status: the match's new state", statuses);
    tl_json_end_obj(j);
    tl_json_key(j, "example");
    tl_json_obj(j);
    tl_json_key(j, "type");
    tl_json_str(j, "goal");
    tl_json_key(j, "team");
    tl_json_str(j, "England");
    tl_json_key(j, "player");
    tl_json_str(j, "Harry Kane");
    tl_json_key(j, "minute");
    tl_json_int(j, 54);
    tl_json_key(j, "added");
    tl_json_int(j, 0);
    tl_json_key(j, "penalty");
    tl_json_bool(j, 1);
    tl_json_end_obj(j); /* example */
    body_close(j);
    static const char *const codes[][2] = {
        {"201", "written and published: {\"seq\", \"replayed\": false, \"item\"}"},
        {"200", "a retry with a known Idempotency-Key: the first answer, nothing written"},
        {"400", "a bad body (offset, path, what was expected)"},
        {"401", "no or a wrong bearer token"}, {"403", "read-only: no tokens configured"},
        {"404", "an unknown match or player"},
        {"409", "out of order: before kick-off, a minute before the last, after full time, a "
                "shootout already decided"},
        {"413", "a body over 4096 bytes"}, {"422", "a team not in the match"}};
    responses(j, codes, sizeof codes / sizeof *codes);
    tl_json_end_obj(j);
}

static void live_feed(struct tl_json *j, const char *id, const char *what, int three, int comp)
{
    tl_json_key(j, "get");
    tl_json_obj(j);
    tl_json_key(j, "operationId");
    tl_json_str(j, id);
    tl_json_key(j, "summary");
    tl_json_str(j, what);
    tl_json_key(j, "description");
    tl_json_str(j, "Server-sent events: each item `id: <seq>`, `event: <type>` and `data:` the "
                   "item's JSON (the event, the score after it, the period and phase). "
                   "Last-Event-ID resumes with every item after it, none twice. Heartbeat "
                   "comments every 15 s; a client too slow to keep up is disconnected.");
    tl_json_key(j, "parameters");
    tl_json_arr(j);
    if (comp) param(j, "competition", "path", "a competition's name", 1, "string");
    else if (three) {
        param(j, "date", "path", "the match's date", 1, "string");
        param(j, "home", "path", "one team", 1, "string");
        param(j, "away", "path", "the other team", 1, "string");
    } else {
        param(j, "id", "path", "touchline's match id", 1, "string");
    }
    param(j, "Last-Event-ID", "header", "the last seq received", 0, "string");
    tl_json_end_arr(j);
    static const char *const codes[][2] = {{"200", "text/event-stream"},
                                           {"400", "a bad Last-Event-ID"},
                                           {"404", "an unknown match or competition"}};
    responses(j, codes, sizeof codes / sizeof *codes);
    tl_json_end_obj(j);
}

static enum MHD_Result openapi(struct MHD_Connection *conn)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    if (!f) return MHD_NO;
    struct tl_json j;
    tl_json_init(&j, f);
    tl_json_obj(&j);
    tl_json_key(&j, "openapi");
    tl_json_str(&j, "3.0.3");
    tl_json_key(&j, "info");
    tl_json_obj(&j);
    tl_json_key(&j, "title");
    tl_json_str(&j, "touchline");
    tl_json_key(&j, "version");
    tl_json_str(&j, TOUCHLINE_VERSION);
    tl_json_key(&j, "description");
    tl_json_str(&j, "Football data as JSON: every endpoint is a touchline command; query "
                    "parameters are its options (as_of for --as-of).");
    tl_json_end_obj(&j);
    tl_json_key(&j, "paths");
    tl_json_obj(&j);
    for (size_t k = 0; k < NROUTES; k++) {
        const struct route *r = &routes[k];
        const char *m = strstr(r->path, "{match}");
        for (int three = 0; three < (m ? 2 : 1); three++) {
            char path[256];
            if (m)
                snprintf(path, sizeof path, "%.*s%s%s", (int)(m - r->path), r->path,
                         three ? "{date}/{home}/{away}" : "{id}", m + 7);
            else
                snprintf(path, sizeof path, "%s", r->path);
            tl_json_key(&j, path);
            tl_json_obj(&j);
            operation(&j, r, three);
            if (strcmp(path, "/api/matches") == 0) post_match(&j);
            tl_json_end_obj(&j);
        }
    }
    for (int three = 0; three < 2; three++) {
        tl_json_key(&j, three ? "/api/matches/{date}/{home}/{away}/events" : "/api/matches/{id}/events");
        tl_json_obj(&j);
        post_events(&j, three);
        tl_json_end_obj(&j);
        tl_json_key(&j, three ? "/api/matches/{date}/{home}/{away}/live" : "/api/matches/{id}/live");
        tl_json_obj(&j);
        live_feed(&j, three ? "liveByDateAndTeams" : "live", "a match's live feed", three, 0);
        tl_json_end_obj(&j);
    }
    tl_json_key(&j, "/api/competitions/{competition}/live");
    tl_json_obj(&j);
    live_feed(&j, "competitionLive", "the live feed of a competition's matches", 0, 1);
    tl_json_end_obj(&j);
    tl_json_key(&j, "/api/health");
    tl_json_obj(&j);
    tl_json_key(&j, "get");
    tl_json_obj(&j);
    tl_json_key(&j, "operationId");
    tl_json_str(&j, "health");
    tl_json_key(&j, "summary");
    tl_json_str(&j, "the server answers, and what its live feed has done");
    tl_json_key(&j, "description");
    tl_json_str(&j, "`ok`: true. `feed`: `subscribers` connected now; since the start, "
                    "`sent_direct` items and heartbeats written straight to a waiting "
                    "subscriber's socket, `handed_back` those its socket could not take at "
                    "once (the rest went through libmicrohttpd), `too_slow` subscribers "
                    "disconnected because their next item had left the ring.");
    tl_json_key(&j, "x-example");
    tl_json_str(&j, "/api/health");
    static const char *const health[][2] = {{"200", "application/json"}};
    responses(&j, health, 1);
    tl_json_end_obj(&j);
    tl_json_end_obj(&j);
    tl_json_end_obj(&j);
    tl_json_key(&j, "components");
    tl_json_obj(&j);
    tl_json_key(&j, "securitySchemes");
    tl_json_obj(&j);
    tl_json_key(&j, "bearer");
    tl_json_obj(&j);
    tl_json_key(&j, "type");
    tl_json_str(&j, "http");
    tl_json_key(&j, "scheme");
    tl_json_str(&j, "bearer");
    tl_json_end_obj(&j);
    tl_json_end_obj(&j);
    tl_json_end_obj(&j);
    tl_json_end_obj(&j);
    tl_json_done(&j);
    fclose(f);
    enum MHD_Result ok = serve_respond(conn, MHD_HTTP_OK, "application/json; charset=utf-8", buf, len, 1);
    free(buf);
    return ok;
}

/* ---- the command ---- */

static volatile sig_atomic_t stop;
static void on_signal(int sig)
{
    (void)sig;
    stop = 1;
}

int cmd_serve(struct cli *c)
{
    if (c->npos) return cli_usage(c, "'serve' takes options only, found \"%s\"", c->pos[0]);
    const char *bind = cli_opt(c, "bind"), *v;
    char why[256];
    int nt = live_tokens(getenv("TOUCHLINE_TOKENS"), cli_opt(c, "token-file"), why, sizeof why);
    if (nt < 0) {
        fprintf(cli_err, "%s: --token-file: %s\n", c->prog, why);
        return EXIT_FAIL;
    }
    long port = 8080, threads = 4;
    if (!bind) bind = "127.0.0.1";
    if ((v = cli_opt(c, "port")) && ((port = cli_num_arg(c, "port", v)) < 0 || port > 65535))
        return port < 0 ? EXIT_USAGE : cli_usage(c, "--port expects 0 to 65535, found %ld", port);
    if ((v = cli_opt(c, "threads")) && ((threads = cli_num_arg(c, "threads", v)) < 1 || threads > 64))
        return threads < 0 ? EXIT_USAGE : cli_usage(c, "--threads expects 1 to 64, found %ld", threads);
    struct sockaddr_in addr;
    memset(&addr, 0, sizeof addr);
    addr.sin_family = AF_INET;
    addr.sin_port = htons((uint16_t)port);
    if (inet_pton(AF_INET, bind, &addr.sin_addr) != 1)
        return cli_usage(c, "--bind expects an IPv4 address, found \"%s\"", bind);
    long ring = 8192;
    if ((v = cli_opt(c, "feed-ring")) && ((ring = cli_num_arg(c, "feed-ring", v)) < 16 || ring > 8192))
        return ring < 0 ? EXIT_USAGE : cli_usage(c, "--feed-ring expects 16 to 8192 items, found %ld", ring);
    live_ring(ring);
    find_web(cli_opt(c, "web"));
    if (cli_opt(c, "web") && !web_dir[0]) {
        fprintf(cli_err, "%s: --web %s: no index.html there\n", c->prog, cli_opt(c, "web"));
        return EXIT_FAIL;
    }
    int rc = cli_open(c); /* fails early on a missing or newer database */
    if (rc) return rc;
    tl_store_close(c->store);
    c->store = NULL;
    db_path = c->db;
    struct MHD_Daemon *d = MHD_start_daemon(
        /* no MHD_USE_ERROR_LOG: a client going away is not worth a line */
        MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL | MHD_ALLOW_SUSPEND_RESUME,
        0, NULL, NULL, request, NULL, MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&addr,
        MHD_OPTION_NOTIFY_COMPLETED, completed, NULL,
        MHD_OPTION_THREAD_POOL_SIZE, (unsigned)threads, MHD_OPTION_CONNECTION_TIMEOUT,
        (unsigned)30, MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)(16 * 1024),
        MHD_OPTION_CONNECTION_LIMIT, (unsigned)16384, MHD_OPTION_END);
    if (!d) {
        fprintf(cli_err, "%s: cannot listen on %s:%ld\n", c->prog, bind, port);
        return EXIT_FAIL;
    }
    const union MHD_DaemonInfo *info = MHD_get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT);
    fprintf(cli_out, "touchline serving %s on http://%s:%u/api/ (OpenAPI: /api/openapi.json)%s\n",
            cli_db_name(c), bind, info ? info->port : (unsigned)port,
            nt ? "" : "; read-only (no tokens)");
    if (web_dir[0])
        fprintf(cli_out, "the web page: http://%s:%u/\n", bind, info ? info->port : (unsigned)port);
    if (tl_store_shared(db_path)) cache_shared();
    live_start(db_path);
    fflush(cli_out);
    signal(SIGINT, on_signal);
    signal(SIGTERM, on_signal);
    while (!stop) pause();
    live_stop();
    MHD_stop_daemon(d);
    live_drain();
    live_tokens_free();
    cache_free();
    pthread_mutex_lock(&stores_lock);
    for (int i = 0; i < nstores; i++) tl_store_close(stores[i]);
    nstores = 0;
    pthread_mutex_unlock(&stores_lock);
    fprintf(cli_out, "touchline: stopped\n");
    return EXIT_OK;
}
