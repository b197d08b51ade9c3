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

#include <libpq-fe.h> /* tests may look under the hood; the code may not */
#include <sqlite3.h>

#include "touchline/resolve.h"
#include "touchline/store.h"

/* The real data sets ($TOUCHLINE_DATA, default ../shared/data). */
static inline const char *test_data_dir(void)
{
    const char *d = getenv("TOUCHLINE_DATA");
    return d && *d ? d : "../shared/data";
}

/* A fresh temporary SQLite database path (removed with its side files by
 * test_rm_db), for the tests that look under SQLite's hood. */
static inline void test_tmp_sqlite(char *out, size_t cap)
{
    static int n;
    snprintf(out, cap, "/tmp/touchline-test-%d-%d.db", (int)getpid(), n++);
    tl_store_remove(out);
}

/* run sql on a PostgreSQL database behind the store's back; the first value
 * of its first row, or "" (the statement must succeed) */
static inline void test_pg_sql(const char *url, const char *sql, char *out, size_t cap)
{
    PGconn *c = PQconnectdb(url);
    if (PQstatus(c) != CONNECTION_OK) fail_msg("%s: %s", url, PQerrorMessage(c));
    PQclear(PQexec(c, "SET client_min_messages=warning"));
    PGresult *r = PQexec(c, sql);
    ExecStatusType st = PQresultStatus(r);
    if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK)
        fail_msg("%s: %s", sql, PQresultErrorMessage(r));
    snprintf(out, cap, "%s",
             st == PGRES_TUPLES_OK && PQntuples(r) > 0 && PQnfields(r) > 0 ? PQgetvalue(r, 0, 0) : "");
    PQclear(r);
    PQfinish(c);
}

/* A fresh temporary database: a SQLite file, or, when $TOUCHLINE_TEST_PG names
 * a PostgreSQL server (the PostgreSQL run of tests/run.sh), a new empty schema
 * on it, so that every test of the store runs on both backends. */
static inline void test_tmp_db(char *out, size_t cap)
{
    static int n;
    const char *base = getenv("TOUCHLINE_TEST_PG");
    if (!base || !*base) {
        test_tmp_sqlite(out, cap);
        return;
    }
    char sql[128], none[8];
    int k = n++;
    snprintf(sql, sizeof sql, "DROP SCHEMA IF EXISTS t_unit_%d_%d CASCADE; CREATE SCHEMA t_unit_%d_%d",
             (int)getpid(), k, (int)getpid(), k);
    test_pg_sql(base, sql, none, sizeof none);
    int w = snprintf(out, cap, "%s&options=-csearch_path%%3Dt_unit_%d_%d", base, (int)getpid(), k);
    if (w < 0 || (size_t)w >= cap) fail_msg("test_tmp_db: %zu bytes are too few for the URL", cap);
}

/* Remove a temporary database (test_tmp_db's): the file, or the schema. */
static inline void test_rm_db(const char *db)
{
    const char *base = getenv("TOUCHLINE_TEST_PG"), *o = strstr(db, "search_path%3D");
    if (!tl_store_shared(db) || !base || !o) {
        tl_store_remove(db);
        return;
    }
    char sql[128], none[8];
    snprintf(sql, sizeof sql, "DROP SCHEMA IF EXISTS %.60s CASCADE", o + strlen("search_path%3D"));
    test_pg_sql(base, sql, none, sizeof none);
}

/* The first value of a query on a test database, either backend (tests may
 * look under the hood; the code may not): as text, or as a number (-1 for
 * no row or NULL). */
static inline void test_sql_text(const char *db, const char *sql, char *out, size_t cap)
{
    out[0] = '\0';
    if (tl_store_shared(db)) {
        test_pg_sql(db, sql, out, cap);
        return;
    }
    sqlite3 *h;
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_open(db, &h), SQLITE_OK);
    if (sqlite3_prepare_v2(h, sql, -1, &st, NULL) != SQLITE_OK) fail_msg("%s: %s", sql, sqlite3_errmsg(h));
    if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0))
        snprintf(out, cap, "%s", (const char *)sqlite3_column_text(st, 0));
    sqlite3_finalize(st);
    sqlite3_close(h);
}

static inline long test_sql_long(const char *db, const char *sql)
{
    char v[64];
    test_sql_text(db, sql, v, sizeof v);
    return v[0] ? strtol(v, NULL, 10) : -1;
}

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
