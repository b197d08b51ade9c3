/* tests/helpers/rawhttp.c: a raw HTTP client for the server's robustness
 * tests: `rawhttp PORT SECONDS TEXT` connects to 127.0.0.1:PORT, sends
 * TEXT (with \r\n written as such) one byte every SECONDS/len seconds (a
 * slow client when SECONDS > 0), then prints the response's status line.
 * `rawhttp PORT SECONDS TEXT LAG` also shrinks its receive buffer, waits LAG
 * seconds or until a SIGUSR1 (the test says when its writer is done: a
 * loaded machine may take longer than any fixed lag) before reading, then
 * reads to the end and prints "closed" when
 * the server ended the stream, or "open" when it was still sending after
 * 2 more seconds (a consumer too slow to keep up).
 * `rawhttp PORT SECONDS TEXT LAG OUT` also writes every byte it read to the
 * file OUT (the whole response, headers and body as they came). */
#include <arpa/inet.h>
#include <errno.h>
#include <sys/time.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

static void wake(int sig)
{
    (void)sig;
}

int main(int argc, char **argv)
{
    if (argc < 4 || argc > 6) {
        fprintf(stderr, "usage: rawhttp PORT SECONDS TEXT [LAG [OUT]]\n");
        return 2;
    }
    struct sigaction sa = {.sa_handler = wake}; /* no SA_RESTART: ends the sleep */
    sigaction(SIGUSR1, &sa, NULL);
    char text[8192];
    size_t n = 0;
    for (const char *p = argv[3]; *p && n + 1 < sizeof text; p++) {
        if (p[0] == '\\' && p[1] == 'r') text[n++] = '\r', p++;
        else if (p[0] == '\\' && p[1] == 'n') text[n++] = '\n', p++;
        else text[n++] = *p;
    }
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    if (argc >= 5) {
        int small = 1024;
        setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &small, sizeof small);
    }
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons((uint16_t)atoi(argv[1]))};
    inet_pton(AF_INET, "127.0.0.1", &a.sin_addr);
    if (fd < 0 || connect(fd, (struct sockaddr *)&a, sizeof a) != 0) {
        perror("rawhttp");
        return 1;
    }
    double secs = atof(argv[2]);
    long gap = n ? (long)(secs * 1e9 / (double)n) : 0;
    for (size_t i = 0; i < n; i++) {
        if (write(fd, text + i, 1) != 1) break;
        if (gap) {
            struct timespec ts = {gap / 1000000000, gap % 1000000000};
            nanosleep(&ts, NULL);
        }
    }
    if (argc >= 5) {
        FILE *out = argc == 6 ? fopen(argv[5], "wb") : NULL;
        if (argc == 6 && !out) {
            perror(argv[5]);
            return 1;
        }
        double lag = atof(argv[4]);
        struct timespec ts = {(time_t)lag, (long)((lag - (double)(time_t)lag) * 1e9)};
        nanosleep(&ts, NULL);
        /* read to the end: the server closes a consumer it gave up on */
        struct timeval tv = {2, 0};
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
        char big[65536];
        ssize_t r;
        while ((r = read(fd, big, sizeof big)) > 0)
            if (out && fwrite(big, 1, (size_t)r, out) != (size_t)r) break;
        int e = errno;
        if (out && fclose(out) != 0) perror(argv[5]);
        printf("%s\n", r == 0 || (r < 0 && e == ECONNRESET) ? "closed" : "open");
        close(fd);
        return 0;
    }
    char buf[512];
    ssize_t r = read(fd, buf, sizeof buf - 1);
    if (r > 0) {
        buf[r] = 0;
        buf[strcspn(buf, "\r\n")] = 0;
        printf("%s\n", buf);
    }
    close(fd);
    return 0;
}
