/* tests/unit/test.h: shared helpers for the cmocka unit tests. */
#ifndef TOUCHLINE_TEST_H
#define TOUCHLINE_TEST_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* The real data sets ($TOUCHLINE_DATA, default ../shared/data). */
static inline const char *test_data_dir(void)
{
    const char *d = getenv("TOUCHLINE_DATA");
    return d && *d ? d : "../shared/data";
}

/* A fresh temporary database path (removed with its -wal/-shm by test_rm_db). */
static inline void test_tmp_db(char *out, size_t cap)
{
    static int n;
    snprintf(out, cap, "/tmp/touchline-test-%d-%d.db", (int)getpid(), n++);
    char p[300];
    remove(out);
    snprintf(p, sizeof p, "%s-wal", out);
    remove(p);
    snprintf(p, sizeof p, "%s-shm", out);
    remove(p);
}

static inline void test_rm_db(const char *path)
{
    char p[300];
    remove(path);
    snprintf(p, sizeof p, "%s-wal", path);
    remove(p);
    snprintf(p, sizeof p, "%s-shm", path);
    remove(p);
}

#endif
