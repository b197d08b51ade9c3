/* store/sql_pg.c: the connection layer on PostgreSQL (libpq), and the
 * translation of the store's SQLite dialect into PostgreSQL's.
 *
 * What is translated (each a construct the store uses; anything else is
 * passed through and PostgreSQL's error, with the statement, is reported):
 *   ?N and ?                 $N
 *   a IS b, a IS NOT b       IS NOT DISTINCT FROM, IS DISTINCT FROM (not before NULL)
 *   x GLOB 'pattern'         x ~ 'regex'
 *   LIKE                     ILIKE (SQLite's LIKE ignores ASCII case)
 *   min(a, b), max(a, b)     least(a, b), greatest(a, b)
 *   group_concat(x[, s])     string_agg((x)::text, s)
 *   date(), julianday(), printf('%0Nd')   tl_date, tl_julianday, tl_printf (created below)
 *   ORDER BY items           NULLS FIRST / NULLS LAST, as SQLite sorts them
 *   LIMIT -1                 LIMIT ALL
 *   temp.t                   pg_temp.t
 *   BEGIN IMMEDIATE          BEGIN, then a transaction-scoped advisory lock: one writer
 *                            at a time, as on SQLite (live feed ids are given in commit
 *                            order), and NOTIFY tl_changed (heard by every node at commit)
 *   PRAGMA user_version      the tl_meta table; other pragmas are no-ops
 *   DDL: INTEGER PRIMARY KEY an identity column; INTEGER BIGINT; REAL DOUBLE PRECISION;
 *        TEXT                TEXT COLLATE "C" (SQLite's byte order, whatever the database's locale)
 *        REFERENCES          DEFERRABLE INITIALLY DEFERRED (checked at commit, as the store does)
 *        WITHOUT ROWID, AUTOINCREMENT dropped
 *   INSERT into a table with an identity column: RETURNING it, for db_last_insert_rowid
 * sum() of a comparison and total() are aggregates created with the compat functions. */
#include "sql.h"

#include "touchline/util.h"

#include <libpq-fe.h>

#include <ctype.h>
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define CONN(db) ((PGconn *)(db)->pg)
#define RES(st) ((PGresult *)(st)->res)

/* the lock BEGIN IMMEDIATE takes: the store's writers, one at a time. A
 * store is a schema: the writers of the stores of other schemas in the same
 * database (other deployments, tests running side by side) take other locks */
#define WRITER_LOCK "74281, hashtext(current_schema())"

/* the compat functions: created once per database (tl_meta.compat says which) */
#define COMPAT_VERSION 1
static const char compat_sql[] =
    "CREATE OR REPLACE FUNCTION tl_date(t text, m text DEFAULT NULL) RETURNS text"
    " LANGUAGE plpgsql STABLE AS $$"
    " BEGIN"
    "  IF t IS NULL THEN RETURN NULL; END IF;"
    "  IF t = 'now' THEN RETURN to_char(current_date + coalesce(m, '0 days')::interval,"
    "   'YYYY-MM-DD'); END IF;"
    "  RETURN to_char(t::date + coalesce(m, '0 days')::interval, 'YYYY-MM-DD');"
    " EXCEPTION WHEN others THEN RETURN NULL;"
    " END $$;"
    "CREATE OR REPLACE FUNCTION tl_julianday(t text) RETURNS double precision"
    " LANGUAGE sql STABLE AS $$"
    " SELECT extract(epoch FROM (CASE WHEN t='now' THEN now()::timestamp ELSE t::timestamp END))"
    " / 86400.0 + 2440587.5 $$;"
    "CREATE OR REPLACE FUNCTION tl_printf(f text, v bigint) RETURNS text"
    " LANGUAGE sql IMMUTABLE AS $$"
    " SELECT CASE WHEN v < 0 THEN '-' || lpad((-v)::text,"
    "  regexp_replace(f, '^%0([0-9]+)d$', '\\1')::int - 1, '0')"
    "  ELSE lpad(v::text, regexp_replace(f, '^%0([0-9]+)d$', '\\1')::int, '0') END $$;"
    "CREATE OR REPLACE FUNCTION tl_bool_add(bigint, boolean) RETURNS bigint"
    " LANGUAGE sql IMMUTABLE AS"
    " $$ SELECT CASE WHEN $2 IS NULL THEN $1 ELSE coalesce($1, 0) + CASE WHEN $2 THEN 1 ELSE 0"
    " END END $$;"
    "CREATE OR REPLACE AGGREGATE sum(boolean) (SFUNC = tl_bool_add, STYPE = bigint);"
    "CREATE OR REPLACE AGGREGATE total(double precision)"
    " (SFUNC = float8pl, STYPE = double precision, INITCOND = '0');";

/* ---- the translator ---- */

struct tr {
    db_conn *db;
    struct tl_buf *out;
    int next_param; /* for bare ? */
    int max_param;
    int create_table;
    /* INSERT ... ON CONFLICT DO UPDATE: bare columns of the SET values and
     * the WHERE are the stored row's, which PostgreSQL wants qualified */
    const char *table, *start;
    size_t table_len;
    int upsert, in_set, lhs_next;
    /* "?N IS NULL": PostgreSQL cannot type $N from that, so the test is a
     * parameter of its own, set at each step from whether N is NULL */
    int nnull, null_of[64];
    int subqueries;
    int err;
};

static int word_is(const char *p, const char *e, const char *w);
static int upsert_keyword(const char *p, const char *q)
{
    static const char *const kw[] = {"WHERE", "AND", "OR", "NOT", "IS", "NULL", "DISTINCT",
                                     "FROM", "CASE", "WHEN", "THEN", "ELSE", "END", "IN",
                                     "SET", "TRUE", "FALSE", "RETURNING", "excluded", "BETWEEN"};
    for (size_t i = 0; i < sizeof kw / sizeof *kw; i++)
        if (word_is(p, q, kw[i])) return 1;
    return 0;
}

static int is_word_start(char c) { return isalpha((unsigned char)c) || c == '_'; }
static int is_word_char(char c) { return isalnum((unsigned char)c) || c == '_' || c == '$'; }

/* the end of a token starting at p (p < e) */
static const char *tok_end(const char *p, const char *e)
{
    if (*p == '\'' || *p == '"') {
        char q = *p++;
        while (p < e) {
            if (*p == q) {
                if (p + 1 < e && p[1] == q) { p += 2; continue; }
                return p + 1;
            }
            p++;
        }
        return e;
    }
    if (*p == '-' && p + 1 < e && p[1] == '-') {
        while (p < e && *p != '\n') p++;
        return p;
    }
    if (*p == '/' && p + 1 < e && p[1] == '*') {
        const char *c = p + 2;
        while (c + 1 < e && !(c[0] == '*' && c[1] == '/')) c++;
        return c + 1 < e ? c + 2 : e;
    }
    if (isspace((unsigned char)*p)) {
        while (p < e && isspace((unsigned char)*p)) p++;
        return p;
    }
    if (is_word_start(*p)) {
        while (p < e && is_word_char(*p)) p++;
        return p;
    }
    if (isdigit((unsigned char)*p)) {
        while (p < e && (isalnum((unsigned char)*p) || *p == '.')) p++;
        return p;
    }
    if (*p == '?') {
        p++;
        while (p < e && isdigit((unsigned char)*p)) p++;
        return p;
    }
    return p + 1;
}

static int blank(const char *p, const char *e)
{
    return isspace((unsigned char)*p) || (*p == '-' && p + 1 < e && p[1] == '-') ||
           (*p == '/' && p + 1 < e && p[1] == '*');
}

/* the next token that is not blank, from p */
static const char *skip_blank(const char *p, const char *e)
{
    while (p < e && blank(p, e)) p = tok_end(p, e);
    return p;
}

static int word_is(const char *p, const char *e, const char *w)
{
    size_t n = strlen(w);
    return (size_t)(e - p) >= n && strncasecmp(p, w, n) == 0 &&
           (p + n == e || !is_word_char(p[n]));
}

/* the ')' matching the '(' at p, or e */
static const char *close_paren(const char *p, const char *e)
{
    int depth = 0;
    while (p < e) {
        if (*p == '(') depth++;
        else if (*p == ')' && --depth == 0) return p;
        p = tok_end(p, e);
    }
    return e;
}

static void add(struct tr *t, const char *p, size_t n)
{
    if (tl_buf_add(t->out, p, n)) t->err = 1;
}
static void adds(struct tr *t, const char *s) { add(t, s, strlen(s)); }

static void translate(struct tr *t, const char *p, const char *e, int nested);

/* the arguments of a call whose '(' is at p: spans split at top-level commas */
static int split_args(const char *p, const char *close, const char *a[8], const char *b[8])
{
    int n = 0, depth = 0;
    const char *s = p + 1;
    for (const char *q = p + 1; q < close; q = tok_end(q, close)) {
        if (*q == '(') depth++;
        else if (*q == ')') depth--;
        else if (*q == ',' && depth == 0 && n < 7) {
            a[n] = s, b[n] = q, n++;
            s = q + 1;
        }
    }
    a[n] = s, b[n] = close, n++;
    return n;
}

/* glob pattern (a quoted literal) -> regex literal */
static void glob_regex(struct tr *t, const char *p, const char *e)
{
    adds(t, "~ '^");
    for (const char *q = p + 1; q < e - 1; q++) {
        if (*q == '*') adds(t, ".*");
        else if (*q == '?') adds(t, ".");
        else if (*q == '.' || *q == '^' || *q == '$' || *q == '+' || *q == '(' || *q == ')' ||
                 *q == '{' || *q == '}' || *q == '|' || *q == '\\') {
            add(t, "\\", 1);
            add(t, q, 1);
        } else add(t, q, 1);
    }
    adds(t, "$'");
}

/* The store's 0/1 flag columns, which SQLite lets stand as conditions. */
static int flag_column(const char *p, const char *q)
{
    return word_is(p, q, "is_primary") || word_is(p, q, "neutral") || word_is(p, q, "starter") ||
           word_is(p, q, "captain");
}

/* whether the term ending at q, after prev (the token before it at this
 * level, or NULL), stands as a condition: WHERE x AND ..., ... OR x THEN */
static int condition(const char *prev, const char *q, const char *e)
{
    if (prev && strchr("=<>!+-*/|%,", *prev)) return 0; /* an operand: x = 1 OR ... */
    const char *n = skip_blank(q, e), *nq = n < e ? tok_end(n, e) : e;
    if (n < e && strchr("=<>!+-*/|", *n)) return 0;
    if (n < e && (word_is(n, nq, "IS") || word_is(n, nq, "IN") || word_is(n, nq, "BETWEEN")))
        return 0;
    const char *pe = prev ? tok_end(prev, e) : NULL;
    int before = prev && (word_is(prev, pe, "WHERE") || word_is(prev, pe, "AND") ||
                          word_is(prev, pe, "OR") || word_is(prev, pe, "NOT") ||
                          word_is(prev, pe, "WHEN") || word_is(prev, pe, "ON") ||
                          word_is(prev, pe, "HAVING"));
    int after = n < e && (word_is(n, nq, "AND") || word_is(n, nq, "OR") || word_is(n, nq, "THEN"));
    return before || after;
}

/* a flag column [alias.]flag standing as a condition at p: the end of the
 * reference, else NULL */
static const char *flag_condition(const char *prev, const char *p, const char *e)
{
    if (prev && *prev == '.') return NULL; /* the column of m.neutral, seen at m */
    const char *last = p, *q = tok_end(p, e);
    if (q < e && *q == '.' && q + 1 < e && is_word_start(q[1])) {
        last = q + 1;
        q = tok_end(last, e);
    }
    return flag_column(last, q) && condition(prev, q, e) ? q : NULL;
}

static void end_order_item(struct tr *t, int *in_order, int *desc, int *nulls)
{
    if (*in_order && !*nulls) {
        /* before a word that followed a space: "x NULLS FIRST LIMIT" */
        int space = t->out->len && isspace((unsigned char)t->out->data[t->out->len - 1]);
        if (space) adds(t, *desc ? "NULLS LAST " : "NULLS FIRST ");
        else adds(t, *desc ? " NULLS LAST" : " NULLS FIRST");
    }
    *desc = *nulls = 0;
}

static void translate(struct tr *t, const char *p, const char *e, int nested)
{
    int in_order = 0, desc = 0, nulls = 0;
    /* in CREATE TABLE's parentheses, a definition's first word is a name
     * (a column may be called text) */
    int name_next = nested && t->create_table;
    const char *prev_word = NULL, *prev = NULL, *fc;
    size_t prev_len = 0;
    while (p < e && !t->err) {
        const char *q = tok_end(p, e);
        if (blank(p, e)) {
            add(t, p, (size_t)(q - p));
            p = q;
            continue;
        }
        const char *word = is_word_start(*p) ? p : NULL;
        const char *this = p;
        if (word && !t->create_table && (fc = flag_condition(prev, p, e)) != NULL) {
            adds(t, "(");
            add(t, p, (size_t)(fc - p));
            adds(t, "<>0)");
            q = fc;
            word = NULL;
        } else if ((*p == '1' || *p == '0') && q == p + 1 && prev &&
                   word_is(prev, tok_end(prev, e), "WHERE") && condition(prev, q, e)) {
            adds(t, *p == '1' ? "TRUE" : "FALSE"); /* WHERE 1 AND ... */
        } else if (*p == '?') {
            int n = q - p > 1 ? atoi(p + 1) : ++t->next_param;
            if (n > t->max_param) t->max_param = n;
            if (n > t->next_param) t->next_param = n;
            char b[32];
            const char *i1 = skip_blank(q, e), *i1e = i1 < e ? tok_end(i1, e) : e;
            const char *i2 = skip_blank(i1e, e), *i2e = i2 < e ? tok_end(i2, e) : e;
            const char *i3 = skip_blank(i2e, e), *i3e = i3 < e ? tok_end(i3, e) : e;
            int not = word_is(i2, i2e, "NOT");
            const char *nl = not ? i3 : i2, *nle = not ? i3e : i2e;
            if (i1 < e && word_is(i1, i1e, "IS") && nl < e && word_is(nl, nle, "NULL") &&
                t->nnull < 64) {
                /* a marker numbered once the statement's highest parameter is known */
                t->null_of[t->nnull] = n;
                snprintf(b, sizeof b, "%s$@%d@", not ? "NOT " : "", t->nnull++);
                q = nle;
            } else snprintf(b, sizeof b, "$%d", n);
            adds(t, b);
        } else if (*p == '(') {
            const char *c = close_paren(p, e);
            adds(t, "(");
            translate(t, p + 1, c, 1);
            if (c < e) adds(t, ")");
            q = c < e ? c + 1 : e;
            /* FROM (SELECT ...) needs a name on PostgreSQL 15 */
            const char *in = skip_blank(p + 1, c), *ine = in < c ? tok_end(in, c) : c;
            const char *pe = prev ? tok_end(prev, e) : NULL;
            if (prev && (word_is(prev, pe, "FROM") || word_is(prev, pe, "JOIN")) &&
                (word_is(in, ine, "SELECT") || word_is(in, ine, "WITH") ||
                 word_is(in, ine, "VALUES"))) {
                const char *a = skip_blank(q, e), *ae = a < e ? tok_end(a, e) : e;
                static const char *const kw[] = {"WHERE", "GROUP", "ORDER", "LIMIT", "JOIN",
                                                  "LEFT", "INNER", "CROSS", "UNION", "ON",
                                                  "HAVING", "WINDOW", "EXCEPT", "INTERSECT",
                                                  "OFFSET", "NATURAL", "FULL", "RIGHT"};
                int named = a < e && is_word_start(*a);
                for (size_t k = 0; named && k < sizeof kw / sizeof *kw; k++)
                    if (word_is(a, ae, kw[k])) named = 0;
                if (!named) {
                    char b[32];
                    snprintf(b, sizeof b, " AS tl_sub%d", ++t->subqueries);
                    adds(t, b);
                }
            }
        } else if (*p == ',' && name_next >= 0 && nested && t->create_table) {
            name_next = 1;
            adds(t, ",");
        } else if (*p == ',' && t->in_set && !nested) {
            t->lhs_next = 1;
            adds(t, ",");
        } else if (*p == ',' && in_order) {
            end_order_item(t, &in_order, &desc, &nulls);
            adds(t, ",");
        } else if (*p == ';') {
            end_order_item(t, &in_order, &desc, &nulls);
            in_order = 0;
            adds(t, ";");
        } else if (*p == '=' && q < e && *q == '=') {
            adds(t, "=");
            q++;
        } else if (word) {
            const char *n = skip_blank(q, e);
            const char *nq = n < e ? tok_end(n, e) : e;
            if (name_next == 1) {
                add(t, p, (size_t)(q - p));
                name_next = 0;
            } else if (word_is(p, q, "DO") && n < e && word_is(n, nq, "UPDATE") && t->table) {
                add(t, p, (size_t)(nq - p));
                q = nq;
                t->upsert = 1;
            } else if (t->upsert && word_is(p, q, "SET")) {
                adds(t, "SET");
                t->in_set = t->lhs_next = 1;
            } else if (t->upsert && word_is(p, q, "WHERE")) {
                adds(t, "WHERE");
                t->in_set = t->lhs_next = 0;
            } else if (t->upsert && t->in_set && t->lhs_next) {
                add(t, p, (size_t)(q - p));
                t->lhs_next = 0;
            } else if (t->upsert && !(n < e && (*n == '(' || *n == '.')) &&
                       !(p > t->start && p[-1] == '.') && !upsert_keyword(p, q)) {
                add(t, t->table, t->table_len);
                adds(t, ".");
                add(t, p, (size_t)(q - p));
            } else if (word_is(p, q, "IS")) {
                if (n < e && word_is(n, nq, "NULL")) adds(t, "IS");
                else if (n < e && word_is(n, nq, "NOT")) {
                    const char *n2 = skip_blank(nq, e);
                    if (n2 < e && word_is(n2, tok_end(n2, e), "NULL")) adds(t, "IS NOT");
                    else adds(t, "IS DISTINCT FROM");
                    q = nq;
                } else adds(t, "IS NOT DISTINCT FROM");
            } else if (word_is(p, q, "GLOB") && n < e && *n == '\'') {
                glob_regex(t, n, nq);
                q = nq;
            } else if (word_is(p, q, "LIKE")) {
                adds(t, "ILIKE");
            } else if (word_is(p, q, "ORDER") && n < e && word_is(n, nq, "BY")) {
                end_order_item(t, &in_order, &desc, &nulls);
                add(t, p, (size_t)(nq - p));
                q = nq;
                in_order = 1;
            } else if (in_order && word_is(p, q, "DESC")) {
                desc = 1;
                add(t, p, (size_t)(q - p));
            } else if (in_order && word_is(p, q, "NULLS")) {
                nulls = 1;
                add(t, p, (size_t)(q - p));
            } else if (in_order && (word_is(p, q, "LIMIT") || word_is(p, q, "OFFSET") ||
                                    word_is(p, q, "UNION") || word_is(p, q, "EXCEPT") ||
                                    word_is(p, q, "INTERSECT") || word_is(p, q, "ROWS") ||
                                    word_is(p, q, "RANGE"))) {
                end_order_item(t, &in_order, &desc, &nulls);
                in_order = 0;
                continue; /* the word again, outside ORDER BY */
            } else if (word_is(p, q, "LIMIT") && n < e && *n == '-') {
                adds(t, "LIMIT ALL");
                q = tok_end(skip_blank(n + 1, e), e);
            } else if (word_is(p, q, "temp") && n == q && n < e && *n == '.') {
                adds(t, "pg_temp");
            } else if (word_is(p, q, "IMMEDIATE") && prev_word &&
                       strncasecmp(prev_word, "BEGIN", prev_len) == 0 && prev_len == 5) {
                /* and every node hears of the commit (nothing if it rolls back) */
                adds(t, "; SELECT pg_advisory_xact_lock(" WRITER_LOCK "); NOTIFY tl_changed");
            } else if (word_is(p, q, "AUTOINCREMENT")) {
                /* identity columns never reuse ids */
            } else if (word_is(p, q, "WITHOUT") && n < e && word_is(n, nq, "ROWID")) {
                q = nq;
            } else if (word_is(p, q, "INTEGER")) {
                const char *n2 = n < e ? skip_blank(nq, e) : e;
                if (t->create_table && n < e && word_is(n, nq, "PRIMARY") && n2 < e &&
                    word_is(n2, tok_end(n2, e), "KEY"))
                    adds(t, "BIGINT GENERATED BY DEFAULT AS IDENTITY");
                else adds(t, "BIGINT");
            } else if (word_is(p, q, "REAL")) {
                adds(t, "DOUBLE PRECISION");
            } else if (t->create_table && word_is(p, q, "TEXT")) {
                adds(t, "TEXT COLLATE \"C\"");
            } else if (t->create_table && word_is(p, q, "REFERENCES")) {
                /* REFERENCES table(col): the constraint checked at commit */
                add(t, p, (size_t)(q - p));
                const char *tb = n, *tq = nq;
                add(t, q, (size_t)(tq - q));
                q = tq;
                (void)tb;
                const char *o = skip_blank(q, e);
                if (o < e && *o == '(') {
                    const char *c = close_paren(o, e);
                    add(t, q, (size_t)((c < e ? c + 1 : e) - q));
                    q = c < e ? c + 1 : e;
                }
                adds(t, " DEFERRABLE INITIALLY DEFERRED");
            } else if (n < e && *n == '(' &&
                       (word_is(p, q, "min") || word_is(p, q, "max") ||
                        word_is(p, q, "group_concat") || word_is(p, q, "date") ||
                        word_is(p, q, "julianday") || word_is(p, q, "printf"))) {
                const char *c = close_paren(n, e);
                const char *a[8], *b[8];
                int na = split_args(n, c, a, b);
                int empty = na == 1 && skip_blank(a[0], b[0]) == b[0];
                if (word_is(p, q, "group_concat")) {
                    adds(t, "string_agg(");
                    const char *s = skip_blank(a[0], b[0]);
                    if (word_is(s, b[0], "DISTINCT")) {
                        adds(t, "DISTINCT ");
                        s = tok_end(s, b[0]);
                    }
                    adds(t, "(");
                    translate(t, s, b[0], 1);
                    adds(t, ")::text, ");
                    if (na > 1) translate(t, a[1], b[1], 1);
                    else adds(t, "','");
                    adds(t, ")");
                } else {
                    if (word_is(p, q, "min")) adds(t, na > 1 ? "least(" : "min(");
                    else if (word_is(p, q, "max")) adds(t, na > 1 ? "greatest(" : "max(");
                    else if (word_is(p, q, "date")) adds(t, empty ? "tl_date('now'" : "tl_date(");
                    else if (word_is(p, q, "julianday")) adds(t, "tl_julianday(");
                    else adds(t, "tl_printf(");
                    for (int i = 0; i < na && !empty; i++) {
                        if (i) adds(t, ",");
                        translate(t, a[i], b[i], 1);
                    }
                    adds(t, ")");
                }
                q = c < e ? c + 1 : e;
            } else {
                add(t, p, (size_t)(q - p));
            }
            if (word) {
                prev_word = word;
                prev_len = (size_t)(tok_end(word, e) - word);
            }
        } else {
            add(t, p, (size_t)(q - p));
        }
        prev = this;
        p = q;
    }
    end_order_item(t, &in_order, &desc, &nulls);
}

/* the identity column of table (from the registry), or NULL */
static const char *identity_of(db_conn *db, const char *table, size_t n);

/* Translate sql (one or more statements) into out; *nparams gets the
 * highest parameter number. PRAGMAs become their PostgreSQL equivalents or
 * nothing. *returning is set when an INSERT was given a RETURNING clause. */
static int pg_translate(db_conn *db, const char *sql, struct tl_buf *out, int *nparams,
                        int *returning, int *nnull, int null_of[64])
{
    struct tr t = {.db = db, .out = out};
    *returning = 0;
    const char *p = sql, *e = sql + strlen(sql);
    while (p < e && !t.err) {
        /* one statement: up to a top-level ';' */
        const char *s = skip_blank(p, e), *q = s;
        int depth = 0;
        while (q < e && !(*q == ';' && depth == 0)) {
            if (*q == '(') depth++;
            else if (*q == ')') depth--;
            q = tok_end(q, e);
        }
        if (s < q) {
            const char *w1e = tok_end(s, q), *w2 = skip_blank(w1e, q);
            const char *w2e = w2 < q ? tok_end(w2, q) : q;
            if (word_is(s, w1e, "PRAGMA")) {
                const char *v = skip_blank(w2e, q);
                if (word_is(w2, w2e, "user_version") && v < q && *v == '=')
                    tl_buf_printf(out, "UPDATE tl_meta SET version=%d;", atoi(skip_blank(v + 1, q)))
                        ? t.err = 1 : 0;
                else if (word_is(w2, w2e, "user_version"))
                    adds(&t, "SELECT version FROM tl_meta;");
                else if (word_is(w2, w2e, "integrity_check")) adds(&t, "SELECT 'ok';");
                else if (word_is(w2, w2e, "foreign_key_check"))
                    adds(&t, "SELECT NULL, NULL, NULL, NULL WHERE false;");
                /* page size, journal, synchronous, foreign_keys...: no-ops */
            } else {
                t.create_table = word_is(s, w1e, "CREATE") &&
                                 (word_is(w2, w2e, "TABLE") || word_is(w2, w2e, "TEMP"));
                size_t start = out->len;
                const char *tb = skip_blank(w2e, q), *tbe = tb < q ? tok_end(tb, q) : q;
                int insert = word_is(s, w1e, "INSERT") && word_is(w2, w2e, "INTO");
                t.table = insert ? tb : NULL;
                t.table_len = (size_t)(tbe - tb);
                t.start = sql;
                t.upsert = t.in_set = t.lhs_next = 0;
                translate(&t, s, q, 0);
                if (insert) {
                    const char *col = identity_of(db, tb, (size_t)(tbe - tb));
                    int has = 0;
                    for (const char *r = out->data + start; r && *r; r++)
                        if (strncasecmp(r, "RETURNING", 9) == 0) has = 1;
                    if (col && !has) {
                        tl_buf_printf(out, " RETURNING %s", col) ? t.err = 1 : 0;
                        *returning = 1;
                    }
                }
                adds(&t, ";");
            }
        }
        p = q < e ? q + 1 : e;
    }
    *nparams = t.max_param;
    *nnull = t.nnull;
    if (t.nnull && !t.err) { /* $@k@ -> $(max + 1 + k) */
        struct tl_buf b;
        tl_buf_init(&b, 0);
        for (const char *r = out->data; *r && !t.err; r++) {
            if (r[0] == '$' && r[1] == '@') {
                int k = atoi(r + 2);
                null_of[k] = t.null_of[k];
                if (tl_buf_printf(&b, "$%d", t.max_param + 1 + k)) t.err = 1;
                r = strchr(r + 2, '@');
            } else if (tl_buf_addc(&b, *r)) t.err = 1;
        }
        tl_buf_free(out);
        *out = b;
        *nparams = t.max_param + t.nnull;
    }
    return t.err ? SQLITE_NOMEM : SQLITE_OK;
}

/* ---- the identity registry: table -> identity column, read from the catalog ---- */

struct identity {
    char table[64], column[64];
    int64_t *ids; /* reserved from its sequence, not yet used */
    int n, next, block;
};
enum { PIPELINE_MAX = 256 }; /* results waiting at most: a few KB, never a full socket */
/* a batch: at most BATCH_ROWS rows, and BATCH_PARAMS values (PostgreSQL
 * takes 65,535 parameters a statement); BATCH_SLOTS statements at a time */
enum { BATCH_ROWS = 128, BATCH_PARAMS = 4096, BATCH_SLOTS = 4 };
struct batch {
    db_stmt *st;          /* the INSERT whose rows these are (NULL: none) */
    const char *sql;      /* the SQL of one row: st->idsql or st->pgsql */
    int ncol;             /* values a row */
    int rows;
    int64_t last_id;      /* the id the last row was given (0: none) */
    struct tl_buf text;   /* the values, each ending in a NUL */
    long *at;             /* where each value starts in text (-1: NULL) */
    unsigned *type;       /* the type OID of each */
};
struct pg_extra {
    struct identity *id;
    size_t nid;
    int loaded;
    int64_t last_id;
    int queued; /* writes sent in pipeline mode, their results not yet read */
    /* (drain, called when PIPELINE_MAX are waiting, first sends the
     * batches: up to BATCH_SLOTS more) */
    int64_t qid[PIPELINE_MAX + BATCH_SLOTS]; /* the id each of them was given (0: none) */
    char qbatch[PIPELINE_MAX + BATCH_SLOTS]; /* a batch: its last row's INSERT changed one row */
    db_stmt *qst[PIPELINE_MAX + BATCH_SLOTS]; /* its statement (a persistent one), for
                                                 total_changes */
    int failed; /* the error one of them met, for the next call that can return it */
    int locked; /* the transaction holds the writers' lock (BEGIN IMMEDIATE) */
    struct batch batch[BATCH_SLOTS]; /* rows of INSERTs not yet sent (send_batch) */
    int batched;        /* rows in them */
    int64_t batch_id;   /* the id of the row last put in one (0: none) */
};
/* kept next to the PGconn: db->pg points at this */
struct pg_conn {
    PGconn *conn;
    struct pg_extra x;
};
#undef CONN
#define CONN(db) (((struct pg_conn *)(db)->pg)->conn)
#define EXTRA(db) (&((struct pg_conn *)(db)->pg)->x)

/* TOUCHLINE_PG_TRACE=1: every statement sent, and every error, on stderr */
static int trace = -1;
static void trace_sql(const char *what, const char *sql)
{
    if (trace < 0) trace = getenv("TOUCHLINE_PG_TRACE") != NULL;
    if (trace) fprintf(stderr, "pg %s: %s\n", what, sql);
}

static void set_err(db_conn *db, const char *msg)
{
    trace_sql("error", msg);
    db->nomem = 0;
    tl_free(db->errmsg);
    size_t n = strlen(msg);
    while (n && (msg[n - 1] == '\n' || msg[n - 1] == ' ')) n--;
    db->errmsg = tl_strndup(msg, n);
}

/* ---- pipelined writes ----
 *
 * Inside a transaction, an INSERT, UPDATE or DELETE whose rows nobody reads
 * is sent without waiting for its result (libpq's pipeline mode): an import
 * is a long run of such writes, and one round trip each was most of its time.
 * The results are read, in order, when something needs them: a statement
 * with rows to read, the changes or the id of the last write, the COMMIT.
 * An error one of them met is returned by that call (its message is the
 * failed statement's); the transaction is then lost anyway, as PostgreSQL
 * aborts it at the first error, and the store rolls it back. */

static int send_batches(db_conn *db);
static int drain(db_conn *db)
{
    struct pg_extra *x = EXTRA(db);
    int sent = x->batched ? send_batches(db) : SQLITE_OK;
    if (sent && !x->failed) x->failed = sent; /* not sent: the rows are lost, and the transaction */
    if (!x->queued) return SQLITE_OK;
    PGconn *c = CONN(db);
    int rc = SQLITE_OK;
    trace_sql("sync", x->queued == 1 ? "1 write" : "writes");
    if (!PQpipelineSync(c)) {
        set_err(db, PQerrorMessage(c));
        rc = SQLITE_ERROR;
    }
    for (int nulls = 0, k = 0; rc == SQLITE_OK || PQstatus(c) == CONNECTION_OK;) {
        PGresult *r = PQgetResult(c);
        if (!r) {
            if (++nulls > 2 && PQstatus(c) != CONNECTION_OK) break;
            continue;
        }
        nulls = 0;
        ExecStatusType s = PQresultStatus(r);
        if (s == PGRES_PIPELINE_SYNC) {
            PQclear(r);
            break;
        }
        int64_t given = k < x->queued ? x->qid[k] : 0;
        int batch = k < x->queued && x->qbatch[k];
        db_stmt *of = k < x->queued ? x->qst[k] : NULL;
        k++;
        if (s == PGRES_COMMAND_OK) {
            long n = atol(PQcmdTuples(r));
            if (of) of->total_changes += n;
            db->changes = batch ? 1 : n;
            if (given) x->last_id = given;
        } else if (s == PGRES_TUPLES_OK) { /* INSERT ... RETURNING id */
            int n = PQntuples(r);
            if (of) of->total_changes += n;
            db->changes = batch ? 1 : n;
            if (n > 0) x->last_id = strtoll(PQgetvalue(r, n - 1, 0), NULL, 10);
        } else if (s != PGRES_PIPELINE_ABORTED && rc == SQLITE_OK) {
            const char *state = PQresultErrorField(r, PG_DIAG_SQLSTATE);
            set_err(db, PQresultErrorMessage(r));
            rc = state && strncmp(state, "23", 2) == 0 ? SQLITE_CONSTRAINT : SQLITE_ERROR;
        }
        PQclear(r);
    }
    x->queued = 0;
    PQexitPipelineMode(c);
    if (rc && !x->failed) x->failed = rc;
    return rc;
}

/* the error a pipelined write met, once */
static int take_failure(db_conn *db)
{
    struct pg_extra *x = EXTRA(db);
    int rc = x->failed;
    x->failed = 0;
    if (rc == SQLITE_NOMEM) db->nomem = 1; /* (set since by a prepare or an error) */
    return rc;
}

static int pipelinable(db_stmt *st)
{
    const char *q = st->pgsql;
    if (PQtransactionStatus(CONN(st->db)) != PQTRANS_INTRANS && !EXTRA(st->db)->queued) return 0;
    if (strncasecmp(q, "INSERT", 6) && strncasecmp(q, "UPDATE", 6) && strncasecmp(q, "DELETE", 6))
        return 0;
    /* rows the caller reads: a RETURNING of its own */
    return st->returning || !strstr(q, "RETURNING");
}

int pg_changes(db_conn *db)
{
    struct pg_extra *x = EXTRA(db);
    if (x->batched) return 1; /* a plain INSERT of one row, held in a batch */
    if (x->queued && x->qid[x->queued - 1]) return 1; /* an INSERT of one row with its id */
    drain(db);
    return (int)db->changes;
}

/* the tables with an identity column, asked once per connection (again
 * after a CREATE TABLE); an error, not an empty list, when it cannot be
 * known: an INSERT translated without its RETURNING would give id 0 */
static int error_code(db_conn *db, PGresult *r);
static int load_identities(db_conn *db)
{
    if (drain(db)) return take_failure(db);
    struct pg_extra *x = EXTRA(db);
    for (size_t i = 0; i < x->nid; i++) tl_free(x->id[i].ids);
    tl_free(x->id);
    x->id = NULL;
    x->nid = 0;
    x->loaded = 0;
    PGresult *r = PQexec(CONN(db), "SELECT table_name, column_name FROM information_schema.columns"
                                   " WHERE is_identity='YES' AND table_schema=current_schema()");
    if (PQresultStatus(r) != PGRES_TUPLES_OK) {
        int rc = error_code(db, r);
        PQclear(r);
        return rc;
    }
    if (PQntuples(r) > 0 && !(x->id = tl_calloc((size_t)PQntuples(r), sizeof *x->id))) {
        PQclear(r);
        db->nomem = 1;
        return SQLITE_NOMEM;
    }
    for (int i = 0; i < PQntuples(r); i++) {
        snprintf(x->id[i].table, sizeof x->id[i].table, "%s", PQgetvalue(r, i, 0));
        snprintf(x->id[i].column, sizeof x->id[i].column, "%s", PQgetvalue(r, i, 1));
        x->nid++;
    }
    PQclear(r);
    x->loaded = 1;
    return SQLITE_OK;
}

static const char *identity_of(db_conn *db, const char *table, size_t n)
{
    if (!db) return NULL; /* db_pg_translate, for the tests */
    struct pg_extra *x = EXTRA(db); /* loaded by pg_prepare */
    if (n > 5 && strncasecmp(table, "main.", 5) == 0) table += 5, n -= 5;
    for (size_t i = 0; i < x->nid; i++)
        if (strlen(x->id[i].table) == n && strncasecmp(x->id[i].table, table, n) == 0)
            return x->id[i].column;
    return NULL;
}

char *db_pg_translate(const char *sql, int *nparams)
{
    struct tl_buf b;
    tl_buf_init(&b, 0);
    int ret, nn, no[64];
    if (pg_translate(NULL, sql, &b, nparams, &ret, &nn, no)) {
        tl_buf_free(&b);
        return NULL;
    }
    return b.data ? b.data : tl_strdup("");
}

/* ---- connection ---- */

/* A connection the server dropped (restarted, or the node's backend
 * terminated) is opened again, once, when it was not inside a transaction:
 * nothing was lost but the statements prepared on it. 1 if it was. */
static void forget_ids(db_conn *db);
static int revive(db_conn *db, int was_idle)
{
    if (!was_idle || PQstatus(CONN(db)) != CONNECTION_BAD) return 0;
    PQreset(CONN(db));
    if (PQstatus(CONN(db)) != CONNECTION_OK) return 0;
    for (db_stmt *st = db->stmts; st; st = st->next) st->name[0] = st->name_id[0] = 0;
    forget_ids(db);
    PQclear(PQexec(CONN(db), "SET client_min_messages=warning"));
    return 1;
}

/* the transaction ended: the ids it reserved and did not use are forgotten */
static void forget_ids(db_conn *db)
{
    struct pg_extra *x = EXTRA(db);
    for (size_t i = 0; i < x->nid; i++) x->id[i].n = x->id[i].next = x->id[i].block = 0;
    x->locked = 0;
}

/* before the transaction ends: give the unused ids back to their sequences */
static void give_back_ids(db_conn *db)
{
    struct pg_extra *x = EXTRA(db);
    for (size_t i = 0; i < x->nid; i++) {
        struct identity *d = &x->id[i];
        if (d->next >= d->n) continue;
        char first[24], last[24];
        snprintf(first, sizeof first, "%lld", (long long)d->ids[d->next]);
        snprintf(last, sizeof last, "%lld", (long long)d->ids[d->n - 1]);
        const char *v[4] = {d->table, d->column, first, last};
        trace_sql("give back", d->table);
        PQclear(PQexecParams(CONN(db),
                             "SELECT setval(pg_get_serial_sequence($1, $2), $3::bigint, false)"
                             " WHERE pg_sequence_last_value(pg_get_serial_sequence($1, $2)::regclass)"
                             " = $4::bigint",
                             4, NULL, v, NULL, NULL, 0));
        d->next = d->n;
    }
}

static int ends_transaction(const char *sql)
{
    while (isspace((unsigned char)*sql)) sql++;
    return strncasecmp(sql, "COMMIT", 6) == 0 || strncasecmp(sql, "ROLLBACK", 8) == 0 ||
           strncasecmp(sql, "END", 3) == 0;
}

static int run(db_conn *db, const char *sql)
{
    drain(db);
    int failed = take_failure(db);
    if (failed && strncasecmp(sql, "ROLLBACK", 8) != 0) return failed;
    /* PostgreSQL ends a transaction an error aborted with a ROLLBACK when
     * asked to COMMIT it, and says OK: that is a failure here */
    if (strncasecmp(sql, "COMMIT", 6) == 0 && PQtransactionStatus(CONN(db)) == PQTRANS_INERROR) {
        set_err(db, "the transaction was not committed: a statement in it failed");
        return SQLITE_ERROR;
    }
    if (EXTRA(db)->locked && ends_transaction(sql)) give_back_ids(db);
    trace_sql("exec", sql);
    int idle = PQtransactionStatus(CONN(db)) == PQTRANS_IDLE;
    PGresult *r = PQexec(CONN(db), sql);
    if (PQresultStatus(r) == PGRES_FATAL_ERROR && revive(db, idle)) {
        PQclear(r);
        r = PQexec(CONN(db), sql);
    }
    ExecStatusType s = PQresultStatus(r);
    int ok = s == PGRES_COMMAND_OK || s == PGRES_TUPLES_OK || s == PGRES_EMPTY_QUERY;
    if (!ok) set_err(db, PQresultErrorMessage(r));
    PQclear(r);
    if (PQtransactionStatus(CONN(db)) == PQTRANS_IDLE) forget_ids(db);
    else if (ok && strstr(sql, "pg_advisory_xact_lock(" WRITER_LOCK ")")) EXTRA(db)->locked = 1;
    return ok ? SQLITE_OK : SQLITE_ERROR;
}

int pg_open(const char *target, db_conn *db, char **why);
int pg_open(const char *target, db_conn *db, char **why)
{
    struct pg_conn *c = tl_calloc(1, sizeof *c);
    if (!c) return SQLITE_NOMEM;
    db->pg = (struct pg_conn *)c;
    for (int i = 0; i < BATCH_SLOTS; i++) tl_buf_init(&c->x.batch[i].text, 0);
    c->conn = PQconnectdb(target);
    if (PQstatus(c->conn) != CONNECTION_OK) {
        *why = tl_strdup(PQerrorMessage(c->conn));
        if (*why) {
            size_t n = strlen(*why);
            while (n && ((*why)[n - 1] == '\n' || (*why)[n - 1] == ' ')) (*why)[--n] = 0;
        }
        return SQLITE_CANTOPEN;
    }
    /* the schema named first in search_path must exist: its tables are ours */
    PGresult *r = PQexec(c->conn, "SELECT current_schema()");
    int noschema = PQresultStatus(r) != PGRES_TUPLES_OK || PQgetisnull(r, 0, 0);
    PQclear(r);
    if (noschema) {
        *why = tl_strdup("the database has no schema to use (the first schema of search_path"
                         " does not exist)");
        return SQLITE_CANTOPEN;
    }
    /* the version table and the compat functions, once per database, under the writers' lock */
    int rc = run(db, "SET client_min_messages=warning");
    r = PQexec(c->conn, "SELECT compat FROM tl_meta");
    int have = PQresultStatus(r) == PGRES_TUPLES_OK && PQntuples(r) == 1
                   ? atoi(PQgetvalue(r, 0, 0))
                   : 0;
    PQclear(r);
    if (!rc && have < COMPAT_VERSION) {
        rc = run(db, "BEGIN; SELECT pg_advisory_xact_lock(" WRITER_LOCK ");"
                     " CREATE TABLE IF NOT EXISTS tl_meta(version integer NOT NULL,"
                     " compat integer NOT NULL);"
                     " INSERT INTO tl_meta SELECT 0, 0 WHERE NOT EXISTS(SELECT 1 FROM tl_meta)");
        if (!rc) rc = run(db, compat_sql);
        if (!rc) {
            char up[80];
            snprintf(up, sizeof up, "UPDATE tl_meta SET compat=%d; COMMIT", COMPAT_VERSION);
            rc = run(db, up);
        }
        if (rc) run(db, "ROLLBACK");
    }
    if (rc) {
        *why = tl_strdup(db->errmsg ? db->errmsg : "cannot set the database up");
        return SQLITE_CANTOPEN;
    }
    return SQLITE_OK;
}

void pg_close(db_conn *db);
void pg_close(db_conn *db)
{
    struct pg_conn *c = (struct pg_conn *)db->pg;
    if (!c) return;
    if (c->conn) drain(db);
    if (c->conn) PQfinish(c->conn);
    for (int i = 0; i < BATCH_SLOTS; i++) {
        tl_buf_free(&c->x.batch[i].text);
        tl_free(c->x.batch[i].at);
        tl_free(c->x.batch[i].type);
    }
    for (size_t i = 0; i < c->x.nid; i++) tl_free(c->x.id[i].ids);
    tl_free(c->x.id);
    tl_free(c);
    db->pg = NULL;
}

int pg_autocommit(db_conn *db);
int pg_autocommit(db_conn *db)
{
    drain(db);
    return PQtransactionStatus(CONN(db)) == PQTRANS_IDLE;
}

int pg_exec(db_conn *db, const char *sql, char **errmsg);
int pg_exec(db_conn *db, const char *sql, char **errmsg)
{
    struct tl_buf b;
    tl_buf_init(&b, 0);
    int np, ret, nn, no[64];
    int rc = pg_translate(db, sql, &b, &np, &ret, &nn, no);
    if (!rc && b.len) rc = run(db, b.data);
    if (rc && errmsg) *errmsg = tl_strdup(db->errmsg ? db->errmsg : "out of memory");
    else if (errmsg) *errmsg = NULL;
    /* new tables may have identity columns */
    if (!rc && strstr(sql, "CREATE") && strstr(sql, "TABLE")) EXTRA(db)->loaded = 0;
    tl_buf_free(&b);
    return rc;
}

/* ---- statements ---- */

/* Ids reserved ahead. An INSERT of one row into a table with an identity
 * column needs a round trip for the id it got (RETURNING), and the importer
 * needs that id at once (a match, then its goals): a pipeline stops at each.
 * Inside a transaction the connection instead takes ids from the column's
 * sequence in blocks (nextval: never handed to anyone else, whatever other
 * connections do) and sends the INSERT with its id given: its id and its
 * change count are known without waiting. Only under the writers' lock
 * (BEGIN IMMEDIATE), and never past the transaction: ids then grow with the
 * order of commits, on which the live feed's sequence and the events' order
 * rest. What the transaction reserved and did not use is given back before
 * it ends (setval, while the sequence is still where the reservation left
 * it), so ids stay dense, as SQLite's are. */
static int with_id(db_conn *db, db_stmt *st)
{
    const char *q = st->pgsql, *ret = strstr(q, " RETURNING ");
    if (strncmp(q, "INSERT INTO ", 12) != 0 || !ret || strstr(q, "ON CONFLICT") ||
        strstr(q, "SELECT") || strstr(q, "DEFAULT VALUES"))
        return 0;
    const char *t = q + 12, *te = t;
    while (*te && *te != '(' && *te != ' ') te++;
    const char *vals = strstr(te, ") VALUES(");
    if (*te != '(' || !vals || strstr(vals + 9, "VALUES") || (size_t)(te - t) >= sizeof st->id_table)
        return 0;
    const char *col = identity_of(db, t, (size_t)(te - t));
    if (!col) return 0;
    /* an INSERT that gives the column itself (elo's match_id) keeps it */
    size_t cl = strlen(col);
    for (const char *p = te + 1; p < vals; p = tok_end(p, vals))
        if (strncmp(p, col, cl) == 0 && !is_word_char(p[cl])) return 0;
    struct tl_buf b;
    tl_buf_init(&b, 0);
    int bad = tl_buf_add(&b, q, (size_t)(te - q + 1)) || tl_buf_printf(&b, "%s, ", col) ||
              tl_buf_add(&b, te + 1, (size_t)(vals - te - 1)) ||
              tl_buf_printf(&b, ") VALUES($%d, ", st->nparams + 1) ||
              tl_buf_add(&b, vals + 9, (size_t)(ret - vals - 9));
    if (bad) {
        tl_buf_free(&b);
        return -1;
    }
    st->idsql = b.data;
    snprintf(st->id_table, sizeof st->id_table, "%.*s", (int)(te - t), t);
    st->ptype_id = tl_calloc((size_t)st->nparams + 1, sizeof *st->ptype_id);
    return st->ptype_id ? 0 : -1;
}

/* the next reserved id of table (0: none, an error) */
static int64_t reserve_id(db_conn *db, const char *table)
{
    struct pg_extra *x = EXTRA(db);
    if (!x->loaded && load_identities(db)) return 0;
    struct identity *d = NULL;
    for (size_t i = 0; i < x->nid && !d; i++)
        if (strcasecmp(x->id[i].table, table) == 0) d = &x->id[i];
    if (!d) return 0;
    if (d->next < d->n) return d->ids[d->next++];
    if (drain(db)) return 0;
    d->block = d->block ? (d->block < 1024 ? d->block * 4 : 1024) : 1;
    char n[16];
    snprintf(n, sizeof n, "%d", d->block);
    const char *v[3] = {d->table, d->column, n};
    trace_sql("reserve", d->table);
    PGresult *r = PQexecParams(CONN(db),
                               "SELECT nextval(pg_get_serial_sequence($1, $2))"
                               " FROM generate_series(1, $3::int)",
                               3, NULL, v, NULL, NULL, 0);
    int64_t *ids = PQresultStatus(r) == PGRES_TUPLES_OK && PQntuples(r) > 0
                       ? tl_realloc(d->ids, (size_t)PQntuples(r) * sizeof *ids)
                       : NULL;
    if (!ids) {
        if (PQresultStatus(r) != PGRES_TUPLES_OK) set_err(db, PQresultErrorMessage(r));
        else db->nomem = 1;
        PQclear(r);
        return 0;
    }
    d->ids = ids;
    d->n = PQntuples(r);
    for (int i = 0; i < d->n; i++) ids[i] = strtoll(PQgetvalue(r, i, 0), NULL, 10);
    PQclear(r);
    d->next = 1;
    return ids[0];
}

int pg_prepare(db_conn *db, db_stmt *st, unsigned flags);
int pg_prepare(db_conn *db, db_stmt *st, unsigned flags)
{
    if (!EXTRA(db)->loaded) {
        int rc = load_identities(db);
        if (rc) return rc;
    }
    struct tl_buf b;
    tl_buf_init(&b, 0);
    int ret;
    int rc = pg_translate(db, st->sql, &b, &st->nparams, &ret, &st->nnull, st->null_of);
    st->nuser = st->nparams - st->nnull;
    if (rc) {
        tl_buf_free(&b);
        return rc;
    }
    /* the trailing ';' is not wanted by PQprepare */
    while (b.len && (b.data[b.len - 1] == ';' || isspace((unsigned char)b.data[b.len - 1])))
        b.data[--b.len] = 0;
    st->pgsql = b.data ? b.data : tl_strdup("");
    st->persistent = (flags & SQLITE_PREPARE_PERSISTENT) != 0;
    st->row = -1;
    st->returning = ret;
    if (ret && st->persistent && with_id(db, st)) return SQLITE_NOMEM;
    if (st->nparams || st->idsql) {
        /* one more for the id of idsql */
        st->val = tl_calloc((size_t)st->nparams + 1, sizeof *st->val);
        st->type = tl_calloc((size_t)st->nparams + 1, sizeof *st->type);
        st->ptype = tl_calloc((size_t)st->nparams + 1, sizeof *st->ptype);
        if (!st->val || !st->type || !st->ptype) return SQLITE_NOMEM;
        /* a parameter the SQL never names (?11 of an INSERT that shares its
         * numbering with an UPDATE) must still have a type: text */
        for (int i = 0; i < st->nparams; i++) st->ptype[i] = 25;
        const char *end = st->pgsql + strlen(st->pgsql);
        for (const char *q = st->pgsql; q < end; q = tok_end(q, end))
            if (*q == '$' && isdigit((unsigned char)q[1])) {
                int k = atoi(q + 1);
                if (k >= 1 && k <= st->nparams) st->ptype[k - 1] = 0;
            }
    }
    return st->pgsql ? SQLITE_OK : SQLITE_NOMEM;
}

static void deallocate(db_stmt *st, char *name)
{
    if (!name[0]) return;
    drain(st->db);
    if (PQstatus(CONN(st->db)) == CONNECTION_OK &&
        PQtransactionStatus(CONN(st->db)) != PQTRANS_INERROR) {
        char sql[48];
        snprintf(sql, sizeof sql, "DEALLOCATE %s", name);
        PQclear(PQexec(CONN(st->db), sql));
    }
    name[0] = 0;
}

static void unprepare(db_stmt *st) { deallocate(st, st->name); }

void pg_finalize(db_stmt *st);
void pg_finalize(db_stmt *st)
{
    pg_reset(st);
    for (int i = 0; st->db && st->db->pg && i < BATCH_SLOTS; i++)
        if (EXTRA(st->db)->batch[i].st == st) drain(st->db);
    for (int i = 0; st->db && st->db->pg && i < EXTRA(st->db)->queued; i++)
        if (EXTRA(st->db)->qst[i] == st) drain(st->db);
    if (st->db && st->db->pg) {
        unprepare(st);
        deallocate(st, st->name_id);
    }
    tl_free(st->idsql);
    tl_free(st->ptype_id);
    for (int i = 0; st->val && i < st->nparams; i++) tl_free(st->val[i]);
    tl_free(st->val);
    tl_free(st->type);
    tl_free(st->ptype);
    tl_free(st->pgsql);
}

int pg_reset(db_stmt *st)
{
    if (st->res) PQclear(RES(st));
    st->res = NULL;
    st->row = -1;
    st->nrows = 0;
    st->bind_failed = 0;
    return SQLITE_OK;
}

int pg_bind(db_stmt *st, int i, unsigned type, const char *text, int n)
{
    if (i < 1 || i > st->nuser) return SQLITE_RANGE;
    tl_free(st->val[i - 1]);
    st->val[i - 1] = NULL;
    st->type[i - 1] = type;
    if (text) {
        st->val[i - 1] = tl_strndup(text, n < 0 ? strlen(text) : (size_t)n);
        /* the store, as SQLite's users do, does not check each bind: the
         * step that would run without the value fails instead */
        if (!st->val[i - 1]) return st->bind_failed = 1, st->db->nomem = 1, SQLITE_NOMEM;
        if (!type) st->type[i - 1] = 25; /* text */
    }
    return SQLITE_OK;
}

static int error_code(db_conn *db, PGresult *r)
{
    const char *state = PQresultErrorField(r, PG_DIAG_SQLSTATE);
    set_err(db, PQresultErrorMessage(r));
    return state && strncmp(state, "23", 2) == 0 ? SQLITE_CONSTRAINT : SQLITE_ERROR;
}

/* ---- batches ----
 *
 * A run of the same plain INSERT of one row (an import's matches, goals,
 * players, milestones: 130,000 of them for the international results) is
 * sent as one INSERT of many rows: the server then plans and runs one
 * statement for up to BATCH_ROWS rows, where each row's statement was most
 * of its work (docs/performance.md). Only an INSERT whose every success
 * writes one row (no ON CONFLICT, no INSERT ... SELECT) and returns at most
 * the id the translation asked for: its change count is 1 whether it went
 * alone or in a batch, and its id was given before (reserve_id) or is the
 * last row's that the batch returns. The rows wait
 * until a statement that is not such an INSERT is sent, the pipeline is
 * read (drain) or their batch is full; an error is then the batch's, met
 * like a pipelined write's: by the next call that can return it, with the
 * transaction lost. INSERTs into different tables (a goal, then its new
 * scorer) each have a batch and may reach the server in another order than
 * they were made, and so may an INSERT of values into a table no batch
 * writes (an upsert of a lineup between goals): nothing reads between
 * them, and the keys between tables are checked at commit (DEFERRABLE
 * INITIALLY DEFERRED). */

/* the row's tuple of an INSERT that can be batched: "(...)" after VALUES,
 * followed by nothing but the RETURNING of its identity column that the
 * translation added (one row back for each row, the last row's last);
 * NULL if it cannot */
static const char *batch_tuple(const char *sql, int returning, const char **tuple_end)
{
    if (strncmp(sql, "INSERT INTO ", 12) != 0 || strstr(sql, "ON CONFLICT") ||
        strstr(sql, "DEFAULT VALUES"))
        return NULL;
    const char *v = strstr(sql, ") VALUES(");
    if (!v || strstr(v + 9, " VALUES") || strstr(v + 9, "RETURNING *")) return NULL;
    for (const char *p = sql; p < v; p++) /* INSERT ... SELECT */
        if (strncmp(p, "SELECT", 6) == 0) return NULL;
    const char *t = v + 8, *end = t + strlen(t), *e = close_paren(t, end);
    if (e == end) return NULL;
    const char *p = e + 1;
    while (isspace((unsigned char)*p)) p++;
    if (returning && strncmp(p, "RETURNING ", 10) == 0) {
        p += 10;
        while (is_word_char(*p)) p++;
        while (isspace((unsigned char)*p)) p++;
    }
    if (*p) return NULL;
    *tuple_end = e + 1;
    return t;
}

/* send batch b: INSERT INTO t(cols) VALUES(row 1),(row 2)..., the
 * parameters of row r numbered from r * ncol + 1 */
static int send_batch(db_conn *db, struct batch *b)
{
    struct pg_extra *x = EXTRA(db);
    const char *end, *tuple = batch_tuple(b->sql, b->st->returning, &end);
    const char *name = b->sql == b->st->idsql ? b->st->name_id : b->st->name;
    int n = b->rows * b->ncol, rc = SQLITE_OK;
    /* one row: the statement prepared for it (its types checked before it
     * was queued), no SQL to build, parse and plan */
    int prepared = b->rows == 1 && name[0];
    struct tl_buf q;
    tl_buf_init(&q, 0);
    const char **v = tl_malloc((size_t)n * sizeof *v);
    int bad = !v || (!prepared && tl_buf_add(&q, b->sql, (size_t)(tuple - b->sql)));
    for (int r = 0; r < b->rows && !bad && !prepared; r++) {
        if (r) bad = tl_buf_addc(&q, ',');
        for (const char *p = tuple; p < end && !bad;) {
            if (*p == '$' && isdigit((unsigned char)p[1])) {
                char *after;
                long k = strtol(p + 1, &after, 10);
                bad = tl_buf_printf(&q, "$%ld", k + (long)r * b->ncol);
                p = after;
            } else {
                const char *t = tok_end(p, end);
                bad = tl_buf_add(&q, p, (size_t)(t - p));
                p = t;
            }
        }
    }
    if (!bad && !prepared) bad = tl_buf_add(&q, end, strlen(end) + 1); /* the RETURNING, if any */
    if (bad) {
        db->nomem = 1;
        rc = SQLITE_NOMEM;
    } else {
        for (int i = 0; i < n; i++) v[i] = b->at[i] < 0 ? NULL : b->text.data + b->at[i];
        trace_sql("batch", prepared ? b->sql : q.data);
        if (x->queued >= PIPELINE_MAX + BATCH_SLOTS) { /* never: drain's room, make_room */
            set_err(db, "too many writes waiting for their results");
            rc = SQLITE_ERROR;
        } else if (!x->queued && !PQenterPipelineMode(CONN(db))) {
            set_err(db, PQerrorMessage(CONN(db)));
            rc = SQLITE_ERROR;
        } else if (!(prepared ? PQsendQueryPrepared(CONN(db), name, n, v, NULL, NULL, 0)
                         : PQsendQueryParams(CONN(db), q.data, n, b->type, v, NULL, NULL, 0))) {
            set_err(db, PQerrorMessage(CONN(db)));
            if (!x->queued) PQexitPipelineMode(CONN(db));
            rc = SQLITE_ERROR;
        } else {
            x->qbatch[x->queued] = 1;
            x->qst[x->queued] = b->st;
            x->qid[x->queued++] = b->last_id;
        }
    }
    tl_free(v);
    tl_buf_free(&q);
    x->batched -= b->rows;
    b->st = NULL;
    b->rows = 0;
    b->last_id = 0;
    b->text.len = 0;
    return rc;
}

/* read the results when PIPELINE_MAX are waiting */
static int make_room(db_conn *db)
{
    return EXTRA(db)->queued >= PIPELINE_MAX && drain(db) ? take_failure(db) : SQLITE_OK;
}

/* send every batch, in the order of their slots */
static int send_batches(db_conn *db)
{
    struct pg_extra *x = EXTRA(db);
    int rc = SQLITE_OK;
    for (int i = 0; i < BATCH_SLOTS; i++)
        if (x->batch[i].rows) {
            int r = send_batch(db, &x->batch[i]);
            if (!rc) rc = r;
        }
    x->batch_id = 0;
    return rc;
}

/* put a row of st (its values and types; id: the one it was given, its
 * last value) in st's batch, sending a batch to make room; SQLITE_DONE, or
 * 0 if st cannot be batched */
static int batch_row(db_stmt *st, unsigned *types, int64_t id)
{
    db_conn *db = st->db;
    struct pg_extra *x = EXTRA(db);
    const char *sql = id ? st->idsql : st->pgsql, *end;
    int ncol = id ? st->nparams + 1 : st->nparams;
    if (st->nnull || !ncol || ncol > BATCH_PARAMS / 2 || !batch_tuple(sql, !id && st->returning, &end))
        return 0;
    struct batch *b = NULL, *free_slot = NULL;
    for (int i = 0; i < BATCH_SLOTS && !b; i++) {
        struct batch *c = &x->batch[i];
        if (c->rows && c->st == st && c->sql == sql) b = c;
        else if (!c->rows && !free_slot) free_slot = c;
    }
    int rc;
    if (b && ((b->rows + 1) * ncol > BATCH_PARAMS || b->rows == BATCH_ROWS) &&
        ((rc = send_batch(db, b)) != SQLITE_OK || (rc = make_room(db)) != SQLITE_OK))
        return rc;
    if (!b || !b->rows) {
        if (!b && !free_slot) { /* every slot taken: the fullest goes */
            b = &x->batch[0];
            for (int i = 1; i < BATCH_SLOTS; i++)
                if (x->batch[i].rows > b->rows) b = &x->batch[i];
            if ((rc = send_batch(db, b)) != SQLITE_OK || (rc = make_room(db)) != SQLITE_OK)
                return rc;
        } else if (!b) b = free_slot;
        if (!b->at) b->at = tl_malloc(BATCH_PARAMS * sizeof *b->at);
        if (!b->type) b->type = tl_malloc(BATCH_PARAMS * sizeof *b->type);
        if (!b->at || !b->type) return db->nomem = 1, SQLITE_NOMEM;
        b->st = st;
        b->sql = sql;
        b->ncol = ncol;
    }
    int at = b->rows * ncol;
    for (int i = 0; i < ncol; i++) {
        const char *val = st->val[i];
        b->type[at + i] = types[i];
        if (!val) {
            b->at[at + i] = -1;
            continue;
        }
        b->at[at + i] = (long)b->text.len;
        if (tl_buf_add(&b->text, val, strlen(val) + 1)) return db->nomem = 1, SQLITE_NOMEM;
    }
    b->rows++;
    b->last_id = id;
    x->batched++;
    x->batch_id = id;
    return SQLITE_DONE;
}

/* the table an INSERT writes: its name's length (0: not an INSERT INTO) */
static size_t insert_table(const char *sql)
{
    if (strncmp(sql, "INSERT INTO ", 12) != 0) return 0;
    size_t n = 0;
    while (is_word_char(sql[12 + n]) || sql[12 + n] == '.') n++;
    return n;
}

/* sql may go before the batches' rows: an INSERT of values (an upsert
 * too: it reads and writes its own table only) into a table none of them
 * writes */
static int beside_batches(db_conn *db, const char *sql)
{
    size_t n = insert_table(sql);
    if (!n || strstr(sql, "SELECT")) return 0;
    struct pg_extra *x = EXTRA(db);
    for (int i = 0; i < BATCH_SLOTS; i++) {
        const struct batch *b = &x->batch[i];
        if (b->rows && insert_table(b->sql) == n && strncmp(b->sql + 12, sql + 12, n) == 0)
            return 0;
    }
    return 1;
}

/* send a write in pipeline mode, its result read later; id: the id given
 * to an INSERT of idsql (its value is the statement's last parameter) */
static int queue(db_stmt *st, unsigned *types, int64_t id)
{
    db_conn *db = st->db;
    struct pg_extra *x = EXTRA(db);
    if (st->persistent) {
        int rc = batch_row(st, types, id);
        if (rc) return rc;
    }
    if (x->batched && !beside_batches(db, st->pgsql)) {
        int rc = send_batches(db);
        if (!rc) rc = make_room(db);
        if (rc) return rc;
    }
    if (!x->queued && !PQenterPipelineMode(CONN(db))) {
        set_err(db, PQerrorMessage(CONN(db)));
        return SQLITE_ERROR;
    }
    const char *const *v = (const char *const *)st->val;
    int sent = id ? PQsendQueryPrepared(CONN(db), st->name_id, st->nparams + 1, v, NULL, NULL, 0)
               : st->persistent
                   ? PQsendQueryPrepared(CONN(db), st->name, st->nparams, v, NULL, NULL, 0)
                   : PQsendQueryParams(CONN(db), st->pgsql, st->nparams, types, v, NULL, NULL, 0);
    if (!sent) {
        set_err(db, PQerrorMessage(CONN(db)));
        if (!x->queued) PQexitPipelineMode(CONN(db));
        return SQLITE_ERROR;
    }
    x->qbatch[x->queued] = 0;
    x->qst[x->queued] = st->persistent ? st : NULL;
    x->qid[x->queued] = id;
    if (++x->queued >= PIPELINE_MAX && drain(db)) return take_failure(db);
    return SQLITE_DONE;
}

/* prepare sql on the server under a new name (st->name or st->name_id, of
 * 24 bytes), dropping what that name held; saved: the types it took */
static int prepare_named(db_stmt *st, char *name, const char *sql, int n, unsigned *types,
                         unsigned *saved)
{
    deallocate(st, name);
    snprintf(name, 24, "tl%lu", ++st->db->names);
    PGresult *r = PQprepare(CONN(st->db), name, sql, n, types);
    int rc = PQresultStatus(r) == PGRES_COMMAND_OK ? SQLITE_OK : error_code(st->db, r);
    PQclear(r);
    if (rc) name[0] = 0;
    else if (n) memcpy(saved, types, sizeof(unsigned) * (size_t)n);
    return rc;
}

/* an INSERT given an id reserved ahead, pipelined (with_id) */
static int insert_with_id(db_stmt *st, unsigned *types)
{
    db_conn *db = st->db;
    int64_t id = reserve_id(db, st->id_table);
    if (!id) {
        int failed = take_failure(db);
        return failed ? failed : db->nomem ? SQLITE_NOMEM : SQLITE_ERROR;
    }
    int n = st->nparams;
    types[n] = DB_INT8;
    int same = st->name_id[0] != 0;
    for (int i = 0; same && i < n; i++)
        if (st->val[i] && types[i] != st->ptype_id[i]) same = 0;
    if (!same) {
        if (drain(db)) return take_failure(db);
        int rc = prepare_named(st, st->name_id, st->idsql, n + 1, types, st->ptype_id);
        if (rc) return rc;
    }
    char idtext[24];
    snprintf(idtext, sizeof idtext, "%lld", (long long)id);
    st->val[n] = idtext;
    int rc = queue(st, types, id);
    st->val[n] = NULL;
    return rc;
}

int pg_step(db_stmt *st)
{
    db_conn *db = st->db;
    if (st->res) {
        if (++st->row < st->nrows) return SQLITE_ROW;
        pg_reset(st);
        return SQLITE_DONE;
    }
    if (!st->pgsql[0]) return SQLITE_DONE; /* a no-op pragma */
    if (st->bind_failed) return db->nomem = 1, SQLITE_NOMEM;
    for (int k = 0; k < st->nnull; k++) { /* ?N IS NULL */
        int i = st->nuser + k;
        tl_free(st->val[i]);
        st->val[i] = tl_strdup(st->val[st->null_of[k] - 1] ? "f" : "t");
        st->type[i] = 16; /* boolean */
        if (!st->val[i]) return st->db->nomem = 1, SQLITE_NOMEM;
    }
    unsigned *types = st->type;
    for (int i = 0; i < st->nparams; i++) /* a NULL keeps the type it was prepared with */
        if (!st->val[i]) types[i] = st->ptype[i];
    PGresult *r;
    trace_sql("step", st->pgsql);
    int pipe = pipelinable(st), failed;
    if (!pipe) drain(db);
    if ((failed = take_failure(db)) != 0) return failed;
    if (pipe && st->idsql && EXTRA(db)->locked) return insert_with_id(st, types);
    int idle = PQtransactionStatus(CONN(db)) == PQTRANS_IDLE;
    for (int attempt = 0;; attempt++) {
    if (st->persistent) {
        int same = st->name[0] != 0;
        for (int i = 0; same && i < st->nparams; i++)
            if (st->val[i] && types[i] != st->ptype[i]) same = 0;
        if (!same) {
            if (drain(db)) return take_failure(db);
            int rc = prepare_named(st, st->name, st->pgsql, st->nparams, types, st->ptype);
            if (rc && !attempt && revive(db, idle)) continue;
            if (rc) return rc;
        }
        if (pipe) return queue(st, types, 0);
        r = PQexecPrepared(CONN(db), st->name, st->nparams, (const char *const *)st->val, NULL,
                           NULL, 0);
    } else {
        if (pipe) {
            if (st->nparams) memcpy(st->ptype, types, sizeof(unsigned) * (size_t)st->nparams);
            return queue(st, types, 0);
        }
        r = PQexecParams(CONN(db), st->pgsql, st->nparams, types, (const char *const *)st->val,
                         NULL, NULL, 0);
        if (st->nparams) memcpy(st->ptype, types, sizeof(unsigned) * (size_t)st->nparams);
    }
    if (PQresultStatus(r) == PGRES_FATAL_ERROR && !attempt && revive(db, idle)) {
        PQclear(r);
        continue;
    }
    break;
    }
    ExecStatusType s = PQresultStatus(r);
    if (s == PGRES_COMMAND_OK) {
        db->changes = atol(PQcmdTuples(r));
        st->total_changes += db->changes;
        PQclear(r);
        return SQLITE_DONE;
    }
    if (s != PGRES_TUPLES_OK) {
        int rc = error_code(db, r);
        PQclear(r);
        return rc;
    }
    if (st->returning) {
        int n = PQntuples(r);
        db->changes = n;
        st->total_changes += n;
        if (n > 0) EXTRA(db)->last_id = strtoll(PQgetvalue(r, n - 1, 0), NULL, 10);
        PQclear(r);
        return SQLITE_DONE;
    }
    st->res = (struct pg_result *)r;
    st->nrows = PQntuples(r);
    st->row = 0;
    if (st->nrows > 0) return SQLITE_ROW;
    pg_reset(st);
    return SQLITE_DONE;
}

int pg_column_type(db_stmt *st, int i)
{
    if (!st->res || st->row < 0 || i >= PQnfields(RES(st)) || PQgetisnull(RES(st), st->row, i))
        return SQLITE_NULL;
    switch (PQftype(RES(st), i)) {
    case 16: case 20: case 21: case 23: case 26: return SQLITE_INTEGER;
    case 700: case 701: return SQLITE_FLOAT;
    case 1700: return strchr(PQgetvalue(RES(st), st->row, i), '.') ? SQLITE_FLOAT : SQLITE_INTEGER;
    default: return SQLITE_TEXT;
    }
}

const unsigned char *pg_column_text(db_stmt *st, int i)
{
    if (!st->res || st->row < 0 || i >= PQnfields(RES(st)) || PQgetisnull(RES(st), st->row, i))
        return NULL;
    return (const unsigned char *)PQgetvalue(RES(st), st->row, i);
}

int64_t pg_column_int64(db_stmt *st, int i)
{
    const char *v = (const char *)pg_column_text(st, i);
    if (!v) return 0;
    if (v[0] == 't' && !v[1]) return 1;
    if (v[0] == 'f' && !v[1]) return 0;
    if (strchr(v, '.') || strchr(v, 'e')) return (int64_t)strtod(v, NULL);
    return strtoll(v, NULL, 10);
}

double pg_column_double(db_stmt *st, int i)
{
    const char *v = (const char *)pg_column_text(st, i);
    if (!v) return 0;
    if (v[0] == 't' && !v[1]) return 1;
    if (v[0] == 'f' && !v[1]) return 0;
    return strtod(v, NULL);
}

long pg_total_changes(db_stmt *st)
{
    drain(st->db);
    return st->total_changes;
}

int64_t pg_last_insert_rowid(db_conn *db)
{
    struct pg_extra *x = EXTRA(db);
    if (x->batched && x->batch_id) return x->batch_id;
    if (x->queued && x->qid[x->queued - 1]) return x->qid[x->queued - 1];
    drain(db);
    return x->last_id;
}

/* ---- LISTEN: commits of any process ---- */

int pg_listen_open(const char *target, void **out, char **why);
int pg_listen_open(const char *target, void **out, char **why)
{
    *out = NULL;
    PGconn *c = PQconnectdb(target);
    if (PQstatus(c) != CONNECTION_OK) {
        *why = tl_strdup(PQerrorMessage(c));
        PQfinish(c);
        return SQLITE_CANTOPEN;
    }
    PGresult *r = PQexec(c, "LISTEN tl_changed");
    int ok = PQresultStatus(r) == PGRES_COMMAND_OK;
    PQclear(r);
    if (!ok) {
        *why = tl_strdup(PQerrorMessage(c));
        PQfinish(c);
        return SQLITE_ERROR;
    }
    *out = c;
    return SQLITE_OK;
}

int pg_listen_wait(void *h, int timeout_ms);
int pg_listen_wait(void *h, int timeout_ms)
{
    PGconn *c = h;
    int got = 0;
    for (int round = 0; round < 2; round++) {
        if (!PQconsumeInput(c)) return -1;
        PGnotify *n;
        while ((n = PQnotifies(c)) != NULL) {
            got = 1;
            PQfreemem(n);
        }
        if (got || round) break;
        struct pollfd p = {.fd = PQsocket(c), .events = POLLIN};
        if (p.fd < 0) return -1;
        int r = poll(&p, 1, timeout_ms);
        if (r < 0 && errno != EINTR) return -1;
        if (r <= 0) return 0;
    }
    return got;
}

void pg_listen_close(void *h);
void pg_listen_close(void *h)
{
    if (h) PQfinish(h);
}
