/* tests/helpers/rawhttp.c: a raw HTTP client for the server's robustness
 * tests: `rawhttp PORT SECONDS TEXT` connects to 127.0.0.1:PORT, sends
 * TEXT (with \r\n written as such) one byte every SECONDS/len seconds (a
 * slow client when SECONDS > 0), then prints the response's status line. */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

int main(int argc, char **argv)
{
    if (argc != 4) {
        fprintf(stderr, "usage: rawhttp PORT SECONDS TEXT\n");
        return 2;
    }
    char text[8192];
    size_t n = 0;
    for (const char *p = argv[3]; *p && n + 1 < sizeof text; p++) {
        if (p[0] == '\\' && p[1] == 'r') text[n++] = '\r', p++;
        else if (p[0] == '\\' && p[1] == 'n') text[n++] = '\n', p++;
        else text[n++] = *p;
    }
    int fd = socket(AF_INET, SOCK_STREAM, 0);
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
