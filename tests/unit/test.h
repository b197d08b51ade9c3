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

#include "touchline/resolve.h"
#include "touchline/store.h"

/* The real data sets ($TOUCHLINE_DATA, default ../shared/data). */
static inline const char *test_data_dir(void)
{
    const char *d = getenv("TOUCHLINE_DATA");
    return d && *d ? d : "../shared/data";
}

/* A fresh temporary database path (removed with its side files by test_rm_db). */
static inline void test_tmp_db(char *out, size_t cap)
{
    static int n;
    snprintf(out, cap, "/tmp/touchline-test-%d-%d.db", (int)getpid(), n++);
    tl_store_remove(out);
}

static inline void test_rm_db(const char *path) { tl_store_remove(path); }

/* The id of a team as a user would name it (through the resolver). */
static inline int64_t test_team(tl_store *s, const char *name)
{
    struct tl_name_list l = {0};
    struct tl_error e;
    struct tl_team_match m;
    assert_int_equal(tl_store_team_names(s, &l, &e), TL_OK);
    assert_int_equal(tl_resolve_name(&l, "team", name, &m, &e), TL_OK);
    tl_name_list_free(&l);
    return m.team_id;
}

/* The one match of a date between two teams. */
static inline void test_one_match(tl_store *s, const char *date, const char *a, const char *b,
                                  struct tl_match_list *l)
{
    struct tl_error e;
    assert_int_equal(tl_store_find_matches(s, date, test_team(s, a), test_team(s, b), l, &e), TL_OK);
    assert_int_equal(l->n, 1);
}

#endif
