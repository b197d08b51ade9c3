/* tests/helpers/ssefleet.c: many live-feed subscribers spread over several
 * server nodes, for the cluster test (tests/cli/cluster.sh).
 *
 *   ssefleet PATH PER_NODE REF_FILE TIMEOUT_S PORT...
 *
 * Opens PER_NODE server-sent-event streams of PATH on each port and prints
 * "ready" once every stream has begun. Each subscriber keeps the ids it
 * receives; when its connection ends (a node killed), it connects to the
 * next port with Last-Event-ID set to the last id it had, as a browser's
 * EventSource does. When REF_FILE appears (the feed's ids, one per line,
 * written by the test once everything is posted), it waits until every
 * subscriber has as many ids, then checks each one's list against it.
 * Prints one summary line; exits 0 only if every subscriber got every id,
 * in order, none twice.
 * It asks for "Connection: close", so that the end of a response is the
 * end of the connection: an EventSource reconnects when the response ends,
 * and behind nginx a node's stream ends with the node (touchline's stream
 * is delimited by its connection: nginx ends its own response to the
 * client, on a connection it would otherwise keep). */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define MAXIDS 1024

struct sub {
    int fd, node, begun;
    char line[8192];
    size_t len;
    long long ids[MAXIDS];
    int n, disorder, reconnects;
};

static int nports, ports[16];
static const char *path;

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* connect s to ports[node] (the next ones if that one refuses); -1 if none does */
static int open_stream(struct sub *s, int ep, int idx)
{
    for (int k = 0; k < nports; k++) {
        int node = (s->node + k) % nports;
        int fd = socket(AF_INET, SOCK_STREAM, 0);
        struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons((uint16_t)ports[node])};
        inet_pton(AF_INET, "127.0.0.1", &a.sin_addr);
        if (fd < 0) return -1;
        if (connect(fd, (struct sockaddr *)&a, sizeof a) != 0) {
            close(fd);
            continue;
        }
        char req[512];
        int n = s->n ? snprintf(req, sizeof req,
                                "GET %s HTTP/1.1\r\nHost: x\r\nConnection: close\r\nLast-Event-ID: %lld\r\n\r\n", path,
                                s->ids[s->n - 1])
                     : snprintf(req, sizeof req, "GET %s HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", path);
        if (write(fd, req, (size_t)n) != n) {
            close(fd);
            continue;
        }
        fcntl(fd, F_SETFL, O_NONBLOCK);
        struct epoll_event e = {.events = EPOLLIN, .data.u32 = (uint32_t)idx};
        epoll_ctl(ep, EPOLL_CTL_ADD, fd, &e);
        s->fd = fd;
        s->node = node;
        s->len = 0;
        return 0;
    }
    return -1;
}

static void take_line(struct sub *s)
{
    s->line[s->len] = 0;
    if (strncmp(s->line, "retry:", 6) == 0) s->begun = 1;
    if (strncmp(s->line, "id: ", 4) == 0) {
        long long id = atoll(s->line + 4);
        if (s->n && id <= s->ids[s->n - 1]) s->disorder++;
        if (s->n < MAXIDS) s->ids[s->n++] = id;
    }
}

static int read_ref(const char *file, long long *ref, int cap)
{
    FILE *f = fopen(file, "r");
    if (!f) return -1;
    char l[64];
    int n = 0;
    while (n < cap && fgets(l, sizeof l, f)) {
        if (l[0] == '.') { /* the end marker: the file is complete */
            fclose(f);
            return n;
        }
        ref[n++] = atoll(l);
    }
    fclose(f);
    return -1;
}

int main(int argc, char **argv)
{
    if (argc < 6) {
        fprintf(stderr, "usage: ssefleet PATH PER_NODE REF_FILE TIMEOUT_S PORT...\n");
        return 2;
    }
    path = argv[1];
    int per = atoi(argv[2]);
    const char *ref_file = argv[3];
    double timeout = atof(argv[4]);
    for (int i = 5; i < argc && nports < 16; i++) ports[nports++] = atoi(argv[i]);
    struct rlimit rl;
    getrlimit(RLIMIT_NOFILE, &rl);
    rl.rlim_cur = rl.rlim_max;
    setrlimit(RLIMIT_NOFILE, &rl);
    int total = per * nports;
    struct sub *subs = calloc((size_t)total, sizeof *subs);
    int ep = epoll_create1(0);
    if (!subs || ep < 0) return 1;
    for (int i = 0; i < total; i++) {
        subs[i].node = i % nports;
        if (open_stream(&subs[i], ep, i)) {
            fprintf(stderr, "ssefleet: cannot connect subscriber %d\n", i);
            return 1;
        }
    }
    static long long ref[MAXIDS];
    int nref = -1, ready = 0, lost = 0;
    double deadline = now() + timeout, last_ref_check = 0;
    struct epoll_event evs[512];
    char buf[65536];
    while (now() < deadline) {
        if (!ready) {
            int begun = 0;
            for (int i = 0; i < total; i++) begun += subs[i].begun;
            if (begun == total) {
                printf("ready\n");
                fflush(stdout);
                ready = 1;
            }
        }
        if (nref < 0 && now() - last_ref_check > 0.1) {
            nref = read_ref(ref_file, ref, MAXIDS);
            last_ref_check = now();
        }
        if (nref >= 0) {
            int done = 0;
            for (int i = 0; i < total; i++) done += subs[i].n >= nref;
            if (done == total) break;
        }
        int k = epoll_wait(ep, evs, 512, 50);
        for (int j = 0; j < k; j++) {
            int idx = (int)evs[j].data.u32;
            struct sub *s = &subs[idx];
            ssize_t r;
            while ((r = read(s->fd, buf, sizeof buf)) > 0)
                for (ssize_t b = 0; b < r; b++) {
                    if (buf[b] == '\n') {
                        take_line(s);
                        s->len = 0;
                    } else if (buf[b] != '\r' && s->len + 1 < sizeof s->line) {
                        s->line[s->len++] = buf[b];
                    }
                }
            if (r == 0 || (r < 0 && errno != EAGAIN && errno != EWOULDBLOCK)) {
                /* the node went away: resume on the next one */
                epoll_ctl(ep, EPOLL_CTL_DEL, s->fd, NULL);
                close(s->fd);
                s->fd = -1;
                s->node = (s->node + 1) % nports;
                s->reconnects++;
                if (open_stream(s, ep, idx)) lost++;
            }
        }
    }
    int complete = 0, in_order = 0, reconnected = 0, exact = 0;
    for (int i = 0; i < total; i++) {
        struct sub *s = &subs[i];
        complete += nref >= 0 && s->n >= nref;
        in_order += s->disorder == 0;
        reconnected += s->reconnects > 0;
        int same = nref >= 0 && s->n == nref;
        for (int j = 0; same && j < nref; j++) same = s->ids[j] == ref[j];
        exact += same;
        if (!same && exact + 3 > i)
            fprintf(stderr, "ssefleet: subscriber %d (node %d) has %d ids, %d out of order\n", i,
                    s->node, s->n, s->disorder);
    }
    printf("subscribers %d, complete %d, in order %d, exactly the feed %d, reconnected %d,"
           " unable to reconnect %d, items %d\n",
           total, complete, in_order, exact, reconnected, lost, nref);
    for (int i = 0; i < total; i++)
        if (subs[i].fd >= 0) close(subs[i].fd);
    free(subs);
    return nref >= 0 && exact == total ? 0 : 1;
}
