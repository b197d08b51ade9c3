/* tests/helpers/httpd.c: a loopback file server for the fetcher's tests
 * (libmicrohttpd). Serves ROOT over HTTP on 127.0.0.1, on a free port that it
 * prints as the first line of stdout, with byte-range support and faults:
 *   --cut PATH:BYTES  the first full request for PATH stops after BYTES
 *   --corrupt PATH    PATH is served with one byte changed
 *   --no-range        Range headers are ignored (200 with the whole file)
 *   --lifetime SECS   exit after SECS seconds (default 120), so a test that
 *                     forgets to stop it leaves nothing behind
 * Every request is logged to stderr as "METHOD PATH RANGE -> STATUS". */
#include <arpa/inet.h>
#include <fcntl.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char *root;
static const char *cut_path;
static long cut_bytes;
static int cut_done;
static const char *corrupt_path;
static int no_range;

struct cut_state {
    int fd;
    long sent;
};

static ssize_t cut_reader(void *cls, uint64_t pos, char *buf, size_t max)
{
    struct cut_state *c = cls;
    if ((long)pos >= cut_bytes) return MHD_CONTENT_READER_END_WITH_ERROR;
    size_t n = max;
    if ((long)(pos + n) > cut_bytes) n = (size_t)(cut_bytes - (long)pos);
    ssize_t r = pread(c->fd, buf, n, (off_t)pos);
    return r > 0 ? r : MHD_CONTENT_READER_END_WITH_ERROR;
}

static void cut_free(void *cls)
{
    struct cut_state *c = cls;
    close(c->fd);
    free(c);
}

static enum MHD_Result reply_text(struct MHD_Connection *con, unsigned status, const char *text)
{
    struct MHD_Response *r =
        MHD_create_response_from_buffer(strlen(text), (void *)text, MHD_RESPMEM_MUST_COPY);
    enum MHD_Result ret = MHD_queue_response(con, status, r);
    MHD_destroy_response(r);
    return ret;
}

static enum MHD_Result handler(void *cls, struct MHD_Connection *con, const char *url,
                               const char *method, const char *version, const char *upload,
                               size_t *upload_size, void **state)
{
    (void)cls;
    (void)version;
    (void)upload;
    (void)upload_size;
    (void)state;
    if (strcmp(method, "GET") != 0 && strcmp(method, "HEAD") != 0)
        return reply_text(con, 405, "method not allowed\n");
    if (strstr(url, "..")) return reply_text(con, 403, "forbidden\n");
    char path[4096];
    snprintf(path, sizeof path, "%s%s", root, url);
    int fd = open(path, O_RDONLY);
    struct stat st;
    if (fd < 0 || fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        if (fd >= 0) close(fd);
        fprintf(stderr, "%s %s -> 404\n", method, url);
        return reply_text(con, 404, "not found\n");
    }
    uint64_t size = (uint64_t)st.st_size, from = 0;
    const char *range = no_range ? NULL : MHD_lookup_connection_value(con, MHD_HEADER_KIND, "Range");
    if (range && strncmp(range, "bytes=", 6) == 0) from = strtoull(range + 6, NULL, 10);
    struct MHD_Response *r;
    unsigned status = 200;
    const char *u = url[0] == '/' ? url + 1 : url;

    if (corrupt_path && strcmp(u, corrupt_path) == 0) {
        char *buf = malloc(size ? size : 1);
        if (!buf || pread(fd, buf, size, 0) != (ssize_t)size) {
            free(buf);
            close(fd);
            return reply_text(con, 500, "read error\n");
        }
        close(fd);
        if (size) buf[size / 2] ^= 0x20;
        r = MHD_create_response_from_buffer(size, buf, MHD_RESPMEM_MUST_FREE);
    } else if (cut_path && !cut_done && !range && strcmp(u, cut_path) == 0) {
        cut_done = 1;
        struct cut_state *c = malloc(sizeof *c);
        if (!c) {
            close(fd);
            return reply_text(con, 500, "out of memory\n");
        }
        c->fd = fd;
        c->sent = 0;
        r = MHD_create_response_from_callback(size, 4096, cut_reader, c, cut_free);
    } else if (range && from > 0) {
        if (from >= size) {
            close(fd);
            fprintf(stderr, "%s %s %s -> 416\n", method, url, range);
            return reply_text(con, 416, "range not satisfiable\n");
        }
        r = MHD_create_response_from_fd_at_offset64(size - from, fd, from);
        char cr[128];
        snprintf(cr, sizeof cr, "bytes %llu-%llu/%llu", (unsigned long long)from,
                 (unsigned long long)size - 1, (unsigned long long)size);
        MHD_add_response_header(r, "Content-Range", cr);
        status = 206;
    } else {
        r = MHD_create_response_from_fd_at_offset64(size, fd, 0);
    }
    if (!no_range) MHD_add_response_header(r, "Accept-Ranges", "bytes");
    fprintf(stderr, "%s %s %s -> %u\n", method, url, range ? range : "-", status);
    enum MHD_Result ret = MHD_queue_response(con, status, r);
    MHD_destroy_response(r);
    return ret;
}

static volatile sig_atomic_t stop;
static void on_signal(int sig)
{
    (void)sig;
    stop = 1;
}

int main(int argc, char **argv)
{
    int lifetime = 120;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--cut") == 0 && i + 1 < argc) {
            char *spec = argv[++i], *colon = strrchr(spec, ':');
            if (!colon) return 2;
            *colon = '\0';
            cut_path = spec;
            cut_bytes = atol(colon + 1);
        } else if (strcmp(argv[i], "--corrupt") == 0 && i + 1 < argc) {
            corrupt_path = argv[++i];
        } else if (strcmp(argv[i], "--no-range") == 0) {
            no_range = 1;
        } else if (strcmp(argv[i], "--lifetime") == 0 && i + 1 < argc) {
            lifetime = atoi(argv[++i]);
        } else if (!root) {
            root = argv[i];
        } else {
            fprintf(stderr, "usage: httpd ROOT [--cut PATH:BYTES] [--corrupt PATH] [--no-range]\n");
            return 2;
        }
    }
    if (!root) return 2;
    struct sockaddr_in addr;
    memset(&addr, 0, sizeof addr);
    addr.sin_family = AF_INET;
    addr.sin_port = 0;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    struct MHD_Daemon *d =
        MHD_start_daemon(MHD_USE_INTERNAL_POLLING_THREAD, 0, NULL, NULL, handler, NULL,
                         MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&addr, MHD_OPTION_END);
    if (!d) {
        fprintf(stderr, "httpd: cannot start\n");
        return 1;
    }
    const union MHD_DaemonInfo *info = MHD_get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT);
    printf("%u\n", info ? info->port : 0);
    fflush(stdout);
    signal(SIGTERM, on_signal);
    signal(SIGINT, on_signal);
    for (int t = 0; t < lifetime * 10 && !stop; t++) usleep(100000);
    MHD_stop_daemon(d);
    return 0;
}
