/* bench/bench_live.c: the live feed under load, measured in one run:
 * N subscribers (default 10,000) to one match's server-sent events on a
 * `touchline serve` started for the purpose; a goal POSTed, and the time
 * until every subscriber has it (p50, p99; the target: p99 under
 * 100 ms), over several goals; the server's memory (target: under 500 MB).
 *
 *   bench_live [N] [--db POSTGRESQL_URL --nodes K]
 *
 * With --nodes, K servers over one PostgreSQL database share the feed
 * (LISTEN/NOTIFY): the subscribers are spread over them round robin, the
 * goals posted to the first, and the latency to the other nodes' subscribers
 * is printed on its own line. */
#include "touchline/fetch.h"
#include "touchline/load.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static int cmp(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static long rss_kb(pid_t pid, const char *field)
{
    char path[64], line[256];
    snprintf(path, sizeof path, "/proc/%d/status", (int)pid);
    FILE *f = fopen(path, "r");
    long kb = -1;
    size_t n = strlen(field);
    while (f && fgets(line, sizeof line, f))
        if (strncmp(line, field, n) == 0) kb = strtol(line + n + 1, NULL, 10);
    if (f) fclose(f);
    return kb;
}

struct client {
    int fd, node;
    int connected;   /* the stream has begun */
    int got;         /* goals seen */
    char tail[32];   /* the end of the last read, for a marker cut in two */
};

/* start `touchline serve` on db with its stdout on a pipe; its port, or 0 */
static int start_server(const char *db, pid_t *pid)
{
    int out[2];
    if (pipe(out)) return 0;
    *pid = fork();
    if (*pid == 0) {
        dup2(out[1], 1);
        close(out[0]);
        setenv("TOUCHLINE_TOKENS", "bench", 1);
        execl("build/touchline", "touchline", "--db", db, "serve", "--port", "0", "--threads", "2",
              (char *)NULL);
        _exit(127);
    }
    close(out[1]);
    char line[512] = "";
    FILE *sf = fdopen(out[0], "r");
    if (!sf || !fgets(line, sizeof line, sf)) return 0;
    const char *p = strstr(line, "127.0.0.1:");
    return p ? atoi(p + 10) : 0; /* the pipe stays open: the server keeps its stdout */
}

int main(int argc, char **argv)
{
    /* bench_live [N] [--db POSTGRESQL_URL --nodes K] */
    int n = argc > 1 && argv[1][0] != '-' ? atoi(argv[1]) : 10000, nodes = 1;
    const char *pg = NULL;
    for (int i = 1; i + 1 < argc; i++) {
        if (strcmp(argv[i], "--db") == 0) pg = argv[++i];
        else if (strcmp(argv[i], "--nodes") == 0) nodes = atoi(argv[++i]);
    }
    if (nodes < 1 || nodes > 8 || (nodes > 1 && !pg)) {
        fprintf(stderr, "usage: bench_live [N] [--db POSTGRESQL_URL --nodes K (1-8)]\n");
        return 2;
    }
    const char *data = getenv("TOUCHLINE_DATA");
    if (!data || !*data) data = "../shared/data";
    struct rlimit rl;
    getrlimit(RLIMIT_NOFILE, &rl);
    rl.rlim_cur = rl.rlim_max;
    setrlimit(RLIMIT_NOFILE, &rl);
    if ((rlim_t)n + 64 > rl.rlim_cur) n = (int)rl.rlim_cur - 64;
    /* a database with the teams and players */
    char db[1024], dir[512];
    if (pg) snprintf(db, sizeof db, "%s", pg);
    else snprintf(db, sizeof db, "/tmp/touchline-bench-live-%d.db", (int)getpid());
    snprintf(dir, sizeof dir, "%s/international", data);
    tl_store *s;
    struct tl_error err;
    struct tl_load_opts o = {0};
    struct tl_load_stats st;
    if (tl_store_open(db, &s, &err) || tl_load_international(s, dir, &o, &st, &err)) {
        tl_err_print(&err, "bench_live", stderr);
        return 1;
    }
    tl_store_close(s);
    /* the servers */
    pid_t pids[8];
    int ports[8];
    for (int k = 0; k < nodes; k++)
        if (!(ports[k] = start_server(db, &pids[k]))) {
            fprintf(stderr, "bench_live: the server did not start\n");
            while (k-- > 0) kill(pids[k], SIGTERM);
            return 1;
        }
    pid_t pid = pids[0];
    int port = ports[0];
    char base[128];
    snprintf(base, sizeof base, "http://127.0.0.1:%d", port);
    long status;
    char *resp = NULL, url[256];
    snprintf(url, sizeof url, "%s/api/matches", base);
    if (tl_http_post(url, "bench", NULL, "{\"date\":\"2030-06-01\",\"home\":\"England\",\"away\":\"France\"}",
                     &status, &resp, &err) || status != 201) {
        fprintf(stderr, "bench_live: cannot schedule the match (%ld)\n", status);
        for (int k = 0; k < nodes; k++) kill(pids[k], SIGTERM);
        return 1;
    }
    long mid = strtol(strstr(resp, "\"id\":") + 5, NULL, 10);
    free(resp);
    snprintf(url, sizeof url, "%s/api/matches/%ld/events", base, mid);
    if (tl_http_post(url, "bench", NULL, "{\"type\":\"status\",\"status\":\"kickoff\"}", &status, &resp,
                     &err) || status != 201) {
        fprintf(stderr, "bench_live: no kick-off (%ld)\n", status);
        for (int k = 0; k < nodes; k++) kill(pids[k], SIGTERM);
        return 1;
    }
    free(resp);
    long rss0 = rss_kb(pid, "VmRSS:");
    /* the subscribers */
    struct client *c = calloc((size_t)n, sizeof *c);
    int ep = epoll_create1(0);
    char req[256];
    int rl_len = snprintf(req, sizeof req, "GET /api/matches/%ld/live HTTP/1.1\r\nHost: x\r\n\r\n", mid);
    double t_connect = now();
    int opened = 0;
    for (int i = 0; i < n; i++) {
        /* round robin over the nodes; the goals are posted to the first */
        struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons((uint16_t)ports[i % nodes])};
        inet_pton(AF_INET, "127.0.0.1", &a.sin_addr);
        c[i].node = i % nodes;
        int fd = socket(AF_INET, SOCK_STREAM, 0);
        if (fd < 0 || connect(fd, (struct sockaddr *)&a, sizeof a) != 0 ||
            write(fd, req, (size_t)rl_len) != rl_len) {
            if (fd >= 0) close(fd);
            break;
        }
        fcntl(fd, F_SETFL, O_NONBLOCK);
        c[i].fd = fd;
        struct epoll_event e = {.events = EPOLLIN, .data.u32 = (uint32_t)i};
        epoll_ctl(ep, EPOLL_CTL_ADD, fd, &e);
        opened++;
    }
    n = opened;
    /* read until every stream has begun ("retry:"), then post goals */
    struct epoll_event evs[512];
    char buf[65536];
    int ready = 0, goals = 5;
    double *lat = calloc((size_t)n * (size_t)goals, sizeof *lat);
    double *far = calloc((size_t)n * (size_t)goals, sizeof *far); /* on the other nodes */
    size_t nlat = 0, nfar = 0;
    double t0 = 0, worst[16] = {0}, posted[16] = {0};
    int goal = 0, received = 0;
    double deadline = now() + 120;
    while (now() < deadline) {
        if (ready == n && (goal == 0 || received == n) && goal < goals) {
            /* post the next goal */
            char body[160];
            snprintf(body, sizeof body,
                     "{\"type\":\"goal\",\"team\":\"England\",\"player\":\"Harry Kane\",\"minute\":%d}",
                     10 + goal * 5);
            received = 0;
            t0 = now();
            if (tl_http_post(url, "bench", NULL, body, &status, &resp, &err) || status != 201) {
                fprintf(stderr, "bench_live: goal refused (%ld)\n", status);
                break;
            }
            free(resp);
            posted[goal] = now() - t0;
            goal++;
        }
        if (goal == goals && received == n) break;
        int k = epoll_wait(ep, evs, 512, 100);
        for (int j = 0; j < k; j++) {
            struct client *x = &c[evs[j].data.u32];
            ssize_t r;
            while ((r = read(x->fd, buf, sizeof buf - 1)) > 0) {
                buf[r] = 0;
                if (!x->connected && strstr(buf, "retry:")) {
                    x->connected = 1;
                    ready++;
                }
                /* goal items in this read, one cut across two reads too:
                 * search the last few bytes of the previous read and this
                 * one, counting matches that end in this one */
                static const char mark[] = "event: goal";
                const size_t ml = sizeof mark - 1;
                size_t tl = strlen(x->tail);
                char *joined = malloc(tl + (size_t)r + 1);
                int seen = 0;
                if (joined) {
                    memcpy(joined, x->tail, tl);
                    memcpy(joined + tl, buf, (size_t)r + 1);
                    for (char *q = joined; (q = strstr(q, mark)); q++)
                        seen += (size_t)(q - joined) + ml > tl;
                    free(joined);
                }
                size_t keep = (size_t)r < ml - 1 ? (size_t)r : ml - 1;
                memcpy(x->tail, buf + r - keep, keep);
                x->tail[keep] = 0;
                for (; seen > 0 && x->got < goal; seen--) {
                    x->got++;
                    lat[nlat++] = now() - t0;
                    if (x->node != 0) far[nfar++] = lat[nlat - 1];
                    received++;
                    if (lat[nlat - 1] > worst[goal - 1]) worst[goal - 1] = lat[nlat - 1];
                }
            }
        }
    }
    double connect_s = now() - t_connect;
    long rss = rss_kb(pid, "VmRSS:"), hwm = rss_kb(pid, "VmHWM:");
    qsort(lat, nlat, sizeof *lat, cmp);
    qsort(far, nfar, sizeof *far, cmp);
    if (nodes > 1)
        printf("live feed across %d nodes over one PostgreSQL (LISTEN/NOTIFY): %d subscribers "
               "(%d a node), %d goals posted to node 1\n",
               nodes, n, n / nodes, goal);
    else
        printf("live feed: %d subscribers to one match on touchline serve (2 worker threads, %s), "
               "%d goals%s\n",
               n, pg ? "PostgreSQL" : "SQLite", goal,
               getenv("TOUCHLINE_FEED_NO_DIRECT")
                   ? "\n  the same, each delivery through libmicrohttpd's suspend/resume instead of "
                     "a direct write (the way before; TOUCHLINE_FEED_NO_DIRECT=1):"
                   : "");
    if (nlat)
        printf("  goal POST to every subscriber: p50 %6.1f ms, p99 %6.1f ms (%zu deliveries)   "
               "target p99 < 100 ms: %s\n",
               lat[nlat / 2] * 1e3, lat[(size_t)((double)nlat * 0.99)] * 1e3, nlat,
               lat[(size_t)((double)nlat * 0.99)] < 0.1 ? "met" : "NOT met");
    if (nfar)
        printf("  to the subscribers of the other nodes: p50 %6.1f ms, p99 %6.1f ms (%zu deliveries)\n",
               far[nfar / 2] * 1e3, far[(size_t)((double)nfar * 0.99)] * 1e3, nfar);
    printf("  %s memory with them connected: %ld MB (peak %ld MB, %ld MB before)   target < 500 MB: %s\n",
           nodes > 1 ? "node 1's" : "server", rss / 1024, hwm / 1024, rss0 / 1024, hwm / 1024 < 500 ? "met" : "NOT met");
    printf("  the last subscriber served, goal by goal:");
    for (int g = 0; g < goal; g++) printf(" %.0f ms", worst[g] * 1e3);
    printf("\n  the POST answered (committed), goal by goal:");
    for (int g = 0; g < goal; g++) printf(" %.1f ms", posted[g] * 1e3);
    printf("\n");
    printf("  connecting them all: %.2f s%s\n", connect_s,
           nlat < (size_t)n * (size_t)goals ? "  (NOT every delivery arrived)" : "");
    for (int i = 0; i < n; i++) close(c[i].fd);
    for (int k = 0; k < nodes; k++) {
        kill(pids[k], SIGTERM);
        waitpid(pids[k], NULL, 0);
    }
    if (!pg) tl_store_remove(db);
    free(c);
    free(lat);
    free(far);
    return 0;
}
