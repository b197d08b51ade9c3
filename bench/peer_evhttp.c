/* bench/peer_evhttp.c: the other HTTP server library measured for the API:
 * libevent's evhttp serving a file's bytes as JSON from N threads (one
 * event base each, SO_REUSEPORT on one port), the shape of touchline
 * serve's answer from its cache. Usage: peer_evhttp PORT FILE THREADS.
 * Linked only into the benchmark. */
#include <event2/buffer.h>
#include <event2/event.h>
#include <event2/http.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

static char *body;
static size_t len;
static int port;

static void answer(struct evhttp_request *req, void *arg)
{
    (void)arg;
    struct evbuffer *b = evbuffer_new();
    evbuffer_add_reference(b, body, len, NULL, NULL);
    evhttp_add_header(evhttp_request_get_output_headers(req), "Content-Type",
                      "application/json; charset=utf-8");
    evhttp_add_header(evhttp_request_get_output_headers(req), "ETag", "\"0123456789abcdef\"");
    evhttp_add_header(evhttp_request_get_output_headers(req), "Cache-Control", "no-cache");
    evhttp_send_reply(req, 200, "OK", b);
    evbuffer_free(b);
}

static void *run(void *arg)
{
    (void)arg;
    int fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0), one = 1;
    setsockopt(fd, SOL_SOCKET, SO_REUSEPORT, &one, sizeof one);
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons((uint16_t)port),
                            .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
    if (bind(fd, (struct sockaddr *)&a, sizeof a) || listen(fd, 1024)) {
        perror("peer_evhttp");
        exit(1);
    }
    struct event_base *base = event_base_new();
    struct evhttp *h = evhttp_new(base);
    evhttp_set_gencb(h, answer, NULL);
    evhttp_accept_socket(h, fd);
    event_base_dispatch(base);
    return NULL;
}

int main(int argc, char **argv)
{
    if (argc != 4) {
        fprintf(stderr, "usage: peer_evhttp PORT FILE THREADS\n");
        return 2;
    }
    port = atoi(argv[1]);
    FILE *f = fopen(argv[2], "rb");
    if (!f) return 1;
    body = malloc(1 << 20);
    len = fread(body, 1, 1 << 20, f);
    fclose(f);
    int n = atoi(argv[3]);
    pthread_t t[64];
    for (int i = 0; i < n && i < 64; i++) pthread_create(&t[i], NULL, run, NULL);
    for (int i = 0; i < n && i < 64; i++) pthread_join(t[i], NULL);
    return 0;
}
