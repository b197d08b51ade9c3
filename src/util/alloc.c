/* util/alloc.c: the only allocator wrappers, with a fault-injection counter
 * so tests can make the Nth allocation fail (SQLite's test_malloc idea). */
#include "touchline/util.h"

#include <stdlib.h>
#include <string.h>

static _Thread_local long fail_countdown; /* 0 = off; 1 = the next allocation fails; -1 = failed */

void tl_alloc_fail_after(long n) { fail_countdown = n; }

int tl_alloc_fail_end(void)
{
    int happened = fail_countdown < 0;
    fail_countdown = 0;
    return happened;
}

static int should_fail(void)
{
    if (fail_countdown <= 0) return 0;
    if (--fail_countdown == 0) {
        fail_countdown = -1; /* happened */
        return 1;
    }
    return 0;
}

void *tl_malloc(size_t n)
{
    if (should_fail()) return NULL;
    return malloc(n ? n : 1);
}

void *tl_calloc(size_t n, size_t size)
{
    if (should_fail()) return NULL;
    return calloc(n ? n : 1, size ? size : 1);
}

void *tl_realloc(void *p, size_t n)
{
    if (should_fail()) return NULL;
    return realloc(p, n ? n : 1);
}

char *tl_strndup(const char *s, size_t n)
{
    char *d = tl_malloc(n + 1);
    if (!d) return NULL;
    memcpy(d, s, n);
    d[n] = '\0';
    return d;
}

char *tl_strdup(const char *s) { return tl_strndup(s, strlen(s)); }

void tl_free(void *p) { free(p); }
