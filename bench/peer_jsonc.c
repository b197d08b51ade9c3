/* bench/peer_jsonc.c: the json-c peer of bench_json, a program of its own
 * because json-c and jansson export clashing names (json_object_get...).
 * Parses FILE RUNS times with json_tokener_parse_ex; prints
 * "MEDIAN_MS EVENTS" for bench_json to show. */
#define _POSIX_C_SOURCE 200809L
#include <json-c/json.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: peer_jsonc FILE RUNS\n");
        return 2;
    }
    FILE *f = fopen(argv[1], "rb");
    if (!f) return 1;
    fseek(f, 0, SEEK_END);
    long sz = ftell(f);
    rewind(f);
    char *buf = malloc((size_t)sz + 1);
    if (!buf || fread(buf, 1, (size_t)sz, f) != (size_t)sz) return 1;
    fclose(f);
    int runs = atoi(argv[2]);
    if (runs < 1 || runs > 1000) return 2;
    double t[1000];
    long events = -1;
    for (int r = 0; r < runs; r++) {
        struct timespec a, b;
        clock_gettime(CLOCK_MONOTONIC, &a);
        struct json_tokener *tok = json_tokener_new();
        struct json_object *root = json_tokener_parse_ex(tok, buf, (int)sz);
        events = root ? (long)json_object_array_length(root) : -1;
        json_object_put(root);
        json_tokener_free(tok);
        clock_gettime(CLOCK_MONOTONIC, &b);
        t[r] = (double)(b.tv_sec - a.tv_sec) * 1e3 + (double)(b.tv_nsec - a.tv_nsec) / 1e6;
    }
    qsort(t, (size_t)runs, sizeof t[0], cmp_double);
    printf("%.3f %ld\n", t[runs / 2], events);
    free(buf);
    return 0;
}
