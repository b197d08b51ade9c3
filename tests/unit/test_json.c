/* Unit tests: the bounded JSON pull reader, every error path, and a real
 * StatsBomb event file read token by token (golden counts checked by jq). */
#include "test.h"

#include "touchline/json.h"

struct rd {
    struct tl_jreader r;
    struct tl_error e;
};

static void open_(struct rd *x, const char *s)
{
    tl_jinit(&x->r, s, strlen(s), "t.json");
    tl_err_clear(&x->e);
}

static void next_is(struct rd *x, enum tl_jtok t)
{
    tl_rc rc = tl_jnext(&x->r, &x->e);
    if (rc) fprintf(stderr, "unexpected: %s\n", x->e.msg);
    assert_int_equal(rc, TL_OK);
    assert_int_equal(x->r.tok, t);
}

static void str_is(struct rd *x, enum tl_jtok t, const char *want)
{
    next_is(x, t);
    assert_int_equal(x->r.n, strlen(want));
    assert_memory_equal(x->r.s, want, strlen(want));
}

static void test_tokens(void **state)
{
    (void)state;
    struct rd x;
    open_(&x, " {\"id\": 3788741, \"a\": [1, -2.5e1, true, false, null, \"x\"], \"o\": {}, \"e\": []}\n");
    next_is(&x, TL_J_OBJ);
    str_is(&x, TL_J_KEY, "id");
    next_is(&x, TL_J_NUM);
    assert_true(x.r.num == 3788741.0);
    str_is(&x, TL_J_KEY, "a");
    next_is(&x, TL_J_ARR);
    next_is(&x, TL_J_NUM);
    assert_true(x.r.num == 1.0);
    next_is(&x, TL_J_NUM);
    assert_true(x.r.num == -25.0);
    assert_int_equal(x.r.n, 6); /* the number's own text */
    next_is(&x, TL_J_TRUE);
    next_is(&x, TL_J_FALSE);
    next_is(&x, TL_J_NULL);
    str_is(&x, TL_J_STR, "x");
    next_is(&x, TL_J_ARR_END);
    str_is(&x, TL_J_KEY, "o");
    next_is(&x, TL_J_OBJ);
    next_is(&x, TL_J_OBJ_END);
    str_is(&x, TL_J_KEY, "e");
    next_is(&x, TL_J_ARR);
    next_is(&x, TL_J_ARR_END);
    next_is(&x, TL_J_OBJ_END);
    assert_int_equal(tl_jnext(&x.r, &x.e), TL_EOF);
    assert_int_equal(tl_jnext(&x.r, &x.e), TL_EOF);
    tl_jfree(&x.r);

    open_(&x, "\xEF\xBB\xBF 0"); /* a BOM, a scalar top-level value */
    next_is(&x, TL_J_NUM);
    assert_true(x.r.num == 0.0);
    assert_int_equal(tl_jnext(&x.r, &x.e), TL_EOF);
    tl_jfree(&x.r);
}

static void test_escapes(void **state)
{
    (void)state;
    struct rd x;
    /* a StatsBomb-style name with \u escapes, a surrogate pair (U+1F600),
     * every short escape, and plain UTF-8 left as it is */
    open_(&x, "[\"Kylian Mbapp\\u00e9 Lottin\", \"\\ud83d\\ude00\", "
              "\"\\\"\\\\\\/\\b\\f\\n\\r\\t\", \"Mbappé\"]");
    next_is(&x, TL_J_ARR);
    str_is(&x, TL_J_STR, "Kylian Mbapp\xC3\xA9 Lottin");
    str_is(&x, TL_J_STR, "\xF0\x9F\x98\x80");
    str_is(&x, TL_J_STR, "\"\\/\b\f\n\r\t");
    str_is(&x, TL_J_STR, "Mbapp\xC3\xA9");
    assert_true(tl_jeq(&x.r, "Mbapp\xC3\xA9"));
    assert_false(tl_jeq(&x.r, "Mbappe"));
    next_is(&x, TL_J_ARR_END);
    tl_jfree(&x.r);
}

/* Strings are scanned eight bytes at a time: a quote, an escape, a control
 * byte, a UTF-8 sequence or a bad byte must be seen at every offset. */
static void test_string_scan_offsets(void **state)
{
    (void)state;
    for (int k = 0; k < 24; k++) {
        char doc[64], want[64];
        struct rd x;
        memset(want, 'a', (size_t)k);
        /* an escape at offset k */
        snprintf(doc, sizeof doc, "\"%.*s\\nb\"", k, want);
        open_(&x, doc);
        want[k] = '\n';
        want[k + 1] = 'b';
        want[k + 2] = '\0';
        str_is(&x, TL_J_STR, want);
        tl_jfree(&x.r);
        /* two-byte UTF-8 at offset k, then more text */
        snprintf(doc, sizeof doc, "\"%.*s\xc3\xa9" "bcdefghij\"", k, want);
        memset(want, 'a', (size_t)k);
        snprintf(want + k, sizeof want - (size_t)k, "\xc3\xa9" "bcdefghij");
        open_(&x, doc);
        str_is(&x, TL_J_STR, want);
        tl_jfree(&x.r);
        /* a control byte, then a byte that is not UTF-8, at offset k: errors at that column */
        static const char bad[] = {0x01, (char)0xff};
        for (int b = 0; b < 2; b++) {
            memset(doc, 'a', sizeof doc);
            doc[0] = '"';
            doc[1 + k] = bad[b];
            doc[30] = '"';
            doc[31] = '\0';
            open_(&x, doc);
            assert_int_equal(tl_jnext(&x.r, &x.e), TL_EPARSE);
            assert_int_equal(x.e.col, k + 2); /* the bad byte itself */
            tl_jfree(&x.r);
        }
    }
}

static void test_path_and_skip(void **state)
{
    (void)state;
    struct rd x;
    char path[128];
    open_(&x, "[{\"type\": {\"id\": 16, \"name\": \"Shot\"}, \"shot\": {\"end_location\": [1, 2, [3]]}, "
              "\"after\": 7}, {\"t\\u0079pe\": 1}]");
    next_is(&x, TL_J_ARR);
    next_is(&x, TL_J_OBJ);
    str_is(&x, TL_J_KEY, "type");
    next_is(&x, TL_J_OBJ);
    tl_jpath(&x.r, path, sizeof path);
    assert_string_equal(path, "$[0].type");
    assert_int_equal(tl_jskip(&x.r, &x.e), TL_OK); /* past the whole object */
    str_is(&x, TL_J_KEY, "shot");
    next_is(&x, TL_J_OBJ);
    str_is(&x, TL_J_KEY, "end_location");
    next_is(&x, TL_J_ARR);
    next_is(&x, TL_J_NUM);
    next_is(&x, TL_J_NUM);
    tl_jpath(&x.r, path, sizeof path);
    assert_string_equal(path, "$[0].shot.end_location[1]");
    assert_int_equal(tl_jskip(&x.r, &x.e), TL_OK); /* a scalar: nothing */
    next_is(&x, TL_J_ARR);
    assert_int_equal(tl_jskip(&x.r, &x.e), TL_OK);
    next_is(&x, TL_J_ARR_END);
    next_is(&x, TL_J_OBJ_END);
    str_is(&x, TL_J_KEY, "after");
    next_is(&x, TL_J_NUM);
    assert_true(x.r.num == 7.0);
    next_is(&x, TL_J_OBJ_END);
    next_is(&x, TL_J_OBJ);
    str_is(&x, TL_J_KEY, "type"); /* the key unescaped */
    next_is(&x, TL_J_NUM);
    tl_jpath(&x.r, path, sizeof path);
    assert_string_equal(path, "$[1].t\\u0079pe"); /* the path shows it raw */
    tl_jpath(&x.r, path, 6);                     /* and truncates safely */
    assert_string_equal(path, "$[1].");
    tl_jfree(&x.r);
}

/* Every number's value equals strtod's (correctly rounded), on the fast
 * path and off it. */
static void test_number_values(void **state)
{
    (void)state;
    static const char *const nums[] = {
        "0", "-0", "0.0", "0.1", "60.0", "0.33387265", "120", "40.3", "1.4", "-2.5e-3", "1e22",
        "1e23", "1E-22", "1e-23", "123456789012345678", "12345678901234567890123",
        "9007199254740993", "9007199254740992", "0.30000000000000004", "1.7976931348623157e308",
        "5e-324", "2.2250738585072014e-308", "1e400", "0.000001", "3803", "-7036",
        "0.12345678901234567890123", "100000000000000000000000e-23",
    };
    for (size_t i = 0; i < sizeof nums / sizeof nums[0]; i++) {
        struct rd x;
        open_(&x, nums[i]);
        next_is(&x, TL_J_NUM);
        double want = strtod(nums[i], NULL);
        if (memcmp(&x.r.num, &want, sizeof want) != 0)
            fprintf(stderr, "%s: %.17g != %.17g\n", nums[i], x.r.num, want);
        assert_memory_equal(&x.r.num, &want, sizeof want);
        tl_jfree(&x.r);
    }
}

/* Each malformed input fails with this rc at this line and column, and the
 * message names what was expected and the path. */
static void test_errors(void **state)
{
    (void)state;
    static const struct {
        const char *in;
        tl_rc rc;
        long line, col;
        const char *msg;
    } cases[] = {
        {"", TL_EPARSE, 1, 1, "expected a value at $ (byte 0), found the end of the input"},
        {"[1,]", TL_EPARSE, 1, 4, "expected a value at $[1]"},
        {"[1 2]", TL_EPARSE, 1, 4, "expected ',' or ']' at $[0]"},
        {"[1,\n 2", TL_EPARSE, 2, 3, "expected ',' or ']' at $[1] (byte 6), found the end"},
        {"{\"a\" 1}", TL_EPARSE, 1, 6, "expected ':' after the member name at $.a"},
        {"{\"a\":1,}", TL_EPARSE, 1, 8, "expected a member name in double quotes"},
        {"{1:2}", TL_EPARSE, 1, 2, "expected a member name in double quotes"},
        {"{\"a\":1 \"b\":2}", TL_EPARSE, 1, 8, "expected ',' or '}' at $.a"},
        {"[\"abc", TL_EPARSE, 1, 6, "expected '\"' to close the string"},
        {"[\"a\tb\"]", TL_EPARSE, 1, 4, "expected a character of a string"},
        {"[\"a\\qb\"]", TL_EPARSE, 1, 5, "expected an escape"},
        {"[\"\\u12G4\"]", TL_EPARSE, 1, 3, "expected four hex digits"},
        {"[\"\\ud83d x\"]", TL_EPARSE, 1, 9, "expected the low half of a surrogate pair"},
        {"[\"\\ude00\"]", TL_EPARSE, 1, 3, "expected a high surrogate before a low one"},
        {"[\"\xC3\x28\"]", TL_EPARSE, 1, 3, "expected UTF-8 text in the string"},
        {"[01]", TL_EPARSE, 1, 3, "expected ',' or ']'"},
        {"[-]", TL_EPARSE, 1, 3, "expected a digit"},
        {"[1.]", TL_EPARSE, 1, 4, "expected a digit after the decimal point"},
        {"[1e+]", TL_EPARSE, 1, 5, "expected a digit in the exponent"},
        {"[tru]", TL_EPARSE, 1, 2, "expected a value"},
        {"[nul", TL_EPARSE, 1, 2, "expected a value"},
        {"[falsy]", TL_EPARSE, 1, 2, "expected a value"},
        {"[+1]", TL_EPARSE, 1, 2, "expected a value"},
        {"{} {}", TL_EPARSE, 1, 4, "expected nothing after the top-level value"},
        {"[1]\n\n  x", TL_EPARSE, 3, 3, "expected nothing after the top-level value"},
        {"[\"é\", x]", TL_EPARSE, 1, 7, "found 'x'"}, /* columns count characters */
        {"[1234567890123456789012345678901234567890123456789012345678901234567890]",
         TL_ELIMIT, 1, 2, "a number of at most 64 characters"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct rd x;
        open_(&x, cases[i].in);
        tl_rc rc;
        int guard = 0;
        while ((rc = tl_jnext(&x.r, &x.e)) == TL_OK) assert_true(++guard < 100);
        if (rc != cases[i].rc || x.e.line != cases[i].line || x.e.col != cases[i].col ||
            !strstr(x.e.msg, cases[i].msg))
            fprintf(stderr, "case %zu %s: rc %d %ld:%ld %s\n", i, cases[i].in, rc, x.e.line,
                    x.e.col, x.e.msg);
        assert_int_equal(rc, cases[i].rc);
        assert_int_equal(x.e.line, cases[i].line);
        assert_int_equal(x.e.col, cases[i].col);
        assert_string_equal(x.e.file, "t.json");
        assert_non_null(strstr(x.e.msg, cases[i].msg));
        tl_jfree(&x.r);
    }
}

static void test_depth_limit(void **state)
{
    (void)state;
    char deep[TL_JSON_MAX_DEPTH_READ * 2 + 4];
    struct rd x;
    /* exactly the limit is fine */
    memset(deep, '[', TL_JSON_MAX_DEPTH_READ);
    memset(deep + TL_JSON_MAX_DEPTH_READ, ']', TL_JSON_MAX_DEPTH_READ);
    deep[TL_JSON_MAX_DEPTH_READ * 2] = '\0';
    open_(&x, deep);
    tl_rc rc;
    while ((rc = tl_jnext(&x.r, &x.e)) == TL_OK) {}
    assert_int_equal(rc, TL_EOF);
    tl_jfree(&x.r);
    /* one more is a limit error at the innermost bracket */
    memset(deep, '[', TL_JSON_MAX_DEPTH_READ + 1);
    deep[TL_JSON_MAX_DEPTH_READ + 1] = '\0';
    open_(&x, deep);
    while ((rc = tl_jnext(&x.r, &x.e)) == TL_OK) {}
    assert_int_equal(rc, TL_ELIMIT);
    assert_int_equal(x.e.col, TL_JSON_MAX_DEPTH_READ + 1);
    assert_non_null(strstr(x.e.msg, "at most 64 nested"));
    tl_jfree(&x.r);
    /* skipping an unterminated value is an error, not a hang */
    open_(&x, "[[1, [2]");
    next_is(&x, TL_J_ARR);
    next_is(&x, TL_J_ARR);
    assert_int_equal(tl_jskip(&x.r, &x.e), TL_EPARSE);
    tl_jfree(&x.r);
}

/* The white space between tokens, in any layout, gives the same tokens:
 * the reader learns the run before a member at each depth (a pretty
 * printer's line break and indentation) and tries it first, so layouts
 * that keep it, change it, mix tabs and carriage returns or run longer
 * than 8 bytes are each read against the compact text. */
static const char ws_doc[] =
    "[{\"id\":\"19edeac2\",\"index\":1,\"type\":{\"id\":35,\"name\":\"Starting XI\"},"
    "\"tactics\":{\"formation\":4141,\"lineup\":[{\"player\":{\"id\":30357,\"name\":\"U\\u011fur\"},"
    "\"jersey_number\":23},{\"player\":{\"id\":10349,\"name\":\"Mehmet\"},\"jersey_number\":2}]},"
    "\"location\":[61.0,40.1],\"under_pressure\":true,\"out\":false,\"x\":null,\"e\":[],\"o\":{}},"
    "{\"id\":\"a\",\"index\":2,\"period\":1,\"timestamp\":\"00:00:00.000\",\"duration\":0.0,"
    "\"related\":[\"b\",\"c\",\"d\"],\"shot\":{\"xg\":0.0761,\"end\":[120.0,38.5,1.2]}}]";

/* ws_doc laid out: a run of white space after each , : [ { and before each
 * ] }, outside strings; how depends on mode */
static char *lay_out(int mode, unsigned seed)
{
    size_t cap = sizeof ws_doc * 40, o = 0;
    char *b = tl_malloc(cap);
    int depth = 0, in_str = 0;
    unsigned x = seed;
    for (const char *p = ws_doc; *p; p++) {
        char c = *p;
        if (in_str) {
            b[o++] = c;
            if (c == '\\') b[o++] = *++p;
            else if (c == '"') in_str = 0;
            continue;
        }
        if (c == '"') in_str = 1;
        if (c == ']' || c == '}') depth--;
        int before = c == ']' || c == '}', after = c == ',' || c == ':' || c == '[' || c == '{';
        if (c == '[' || c == '{') depth++;
        for (int side = 0; side < 2; side++) {
            if (side == 1) b[o++] = c;
            if (!(side == 0 ? before : after)) continue;
            x = x * 1103515245u + 12345u;
            unsigned rnd = x >> 16;
            if (c == ':') { /* "key" : value, as StatsBomb has it, or not */
                if (mode != 1 || rnd % 3) b[o++] = ' ';
                continue;
            }
            if (mode == 0 || (mode == 2 && rnd % 5 == 0)) { /* pretty; mode 2 now and then off by one */
                b[o++] = '\n';
                for (int i = 0; i < 2 * depth + (mode == 2 ? (int)(rnd % 3) - 1 : 0); i++) b[o++] = ' ';
            } else if (mode == 2) {
                b[o++] = '\n';
                for (int i = 0; i < 2 * depth; i++) b[o++] = ' ';
            } else { /* 0 to 12 bytes of any white space */
                static const char ws[] = " \t\n\r";
                for (unsigned i = 0, n = rnd % 13; i < n; i++) {
                    x = x * 1103515245u + 12345u;
                    b[o++] = ws[(x >> 16) % 4];
                }
            }
        }
    }
    b[o] = '\0';
    return b;
}

static void test_white_space_layouts(void **state)
{
    (void)state;
    for (int mode = 0; mode < 3; mode++)
        for (unsigned seed = 1; seed <= 40; seed++) {
            char *text = lay_out(mode, seed);
            struct rd a, b;
            open_(&a, ws_doc);
            open_(&b, text);
            long tokens = 0;
            for (;;) {
                tl_rc ra = tl_jnext(&a.r, &a.e), rb = tl_jnext(&b.r, &b.e);
                if (rb != ra) fprintf(stderr, "mode %d seed %u token %ld: %s\n%s\n", mode, seed, tokens, b.e.msg, text);
                assert_int_equal(rb, ra);
                if (ra == TL_EOF) break;
                assert_int_equal(b.r.tok, a.r.tok);
                assert_int_equal(b.r.depth, a.r.depth);
                /* the token starts where its offset says */
                char first = text[b.r.tok_off];
                assert_true(first != ' ' && first != '\n' && first != '\t' && first != '\r');
                assert_int_equal(first, ws_doc[a.r.tok_off]);
                if (a.r.tok == TL_J_KEY || a.r.tok == TL_J_STR) {
                    assert_int_equal(b.r.n, a.r.n);
                    assert_memory_equal(b.r.s, a.r.s, a.r.n);
                }
                if (a.r.tok == TL_J_NUM) assert_memory_equal(&b.r.num, &a.r.num, sizeof a.r.num);
                tokens++;
            }
            assert_int_equal(tokens, 91); /* as Python's json module counts them */
            tl_jfree(&a.r);
            tl_jfree(&b.r);
            tl_free(text);
        }
    /* a mistake after the learnt runs is still placed exactly: line 4,
     * column 9, byte 32 (line 4 indented as line 3) */
    struct rd x;
    open_(&x, "{\n  \"a\" : 1,\n  \"b\" : 2,\n  \"c\" : tru\n}");
    tl_rc rc;
    while ((rc = tl_jnext(&x.r, &x.e)) == TL_OK) {}
    assert_int_equal(rc, TL_EPARSE);
    assert_int_equal(x.e.line, 4);
    assert_int_equal(x.e.col, 9);
    assert_string_equal(x.e.msg, "expected a value at $.c (byte 32), found 't'");
    tl_jfree(&x.r);
}

/* tl_jidname: {"id" : N, "name" : "..."} in one pass when it has exactly
 * that shape; anything else is left to the token reader, untouched, and
 * the tokens after it are the same either way. */
static void test_id_name(void **state)
{
    (void)state;
    static const struct {
        const char *value;
        int hit;
        long id;
        const char *name;
    } cases[] = {
        {"{\"id\":35,\"name\":\"Starting XI\"}", 1, 35, "Starting XI"},
        {" {\n    \"id\" : 30357,\n    \"name\" : \"U\xc4\x9f" "ur \xc3\x87" "ak\xc4\xb1r\"\n  }", 1, 30357, "U\xc4\x9f" "ur \xc3\x87" "ak\xc4\xb1r"},
        {"{\"id\":-7,\"name\":\"\"}", 1, -7, ""},
        {"{\"id\":0,\"name\":\"x\"}", 1, 0, "x"},
        {"{\"id\":999999999,\"name\":\"x\"}", 1, 999999999, "x"},
        {"{\"id\":1234567890,\"name\":\"x\"}", 0, 0, NULL},  /* 10 digits */
        {"{\"id\":01,\"name\":\"x\"}", 0, 0, NULL},          /* a leading zero: an error */
        {"{\"id\":1.0,\"name\":\"x\"}", 0, 0, NULL},
        {"{\"id\":1e3,\"name\":\"x\"}", 0, 0, NULL},
        {"{\"id\":\"1\",\"name\":\"x\"}", 0, 0, NULL},
        {"{\"name\":\"x\",\"id\":1}", 0, 0, NULL},           /* the other order */
        {"{\"id\":1,\"name\":\"x\",\"more\":2}", 0, 0, NULL},
        {"{\"id\":1}", 0, 0, NULL},
        {"{\"id\":1,\"name\":\"a\\\"b\"}", 0, 0, NULL},      /* an escape */
        {"{\"id\":1,\"name\":\"a\tb\"}", 0, 0, NULL},        /* a control character: an error */
        {"{\"id\":1,\"name\":\"\xff\"}", 0, 0, NULL},        /* not UTF-8: an error */
        {"{\"id\":1,\"name\":\"x\"", 0, 0, NULL},            /* cut short */
        {"{\"id\":1,\"name\":\"x", 0, 0, NULL},
        {"{\"id\" 1,\"name\":\"x\"}", 0, 0, NULL},
        {"{\"idx\":1,\"name\":\"x\"}", 0, 0, NULL},
        {"null", 0, 0, NULL},
        {"[35,\"x\"]", 0, 0, NULL},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char doc[256];
        snprintf(doc, sizeof doc, "{\"team\" : %s, \"after\" : [true]}", cases[i].value);
        struct rd a, b;
        open_(&a, doc);
        open_(&b, doc);
        next_is(&a, TL_J_OBJ);
        str_is(&a, TL_J_KEY, "team");
        next_is(&b, TL_J_OBJ);
        assert_int_equal(tl_jidname(&b.r, &(int64_t){0}), 0); /* not at a member's value */
        str_is(&b, TL_J_KEY, "team");
        size_t pos = b.r.pos;
        int64_t id = -1;
        int hit = tl_jidname(&b.r, &id);
        if (hit != cases[i].hit) fprintf(stderr, "case %zu: %s\n", i, cases[i].value);
        assert_int_equal(hit, cases[i].hit);
        tl_rc ra, rb = TL_OK;
        if (hit) {
            assert_int_equal(id, cases[i].id);
            assert_int_equal(b.r.n, strlen(cases[i].name));
            assert_memory_equal(b.r.s, cases[i].name, b.r.n);
            assert_int_equal(b.r.tok, TL_J_OBJ_END);
            assert_int_equal(b.r.depth, 1);
            /* a reads the same object token by token, to its end */
            while ((ra = tl_jnext(&a.r, &a.e)) == TL_OK && a.r.depth > 1) {}
            assert_int_equal(ra, TL_OK);
            assert_int_equal(b.r.tok_off, a.r.tok_off);
            assert_int_equal(b.r.pos, a.r.pos);
        } else {
            assert_int_equal(b.r.pos, pos);
            assert_int_equal(b.r.tok, TL_J_KEY);
        }
        /* from here both readers give the same tokens and the same end */
        for (;;) {
            ra = tl_jnext(&a.r, &a.e), rb = tl_jnext(&b.r, &b.e);
            assert_int_equal(rb, ra);
            if (ra != TL_OK) break;
            assert_int_equal(b.r.tok, a.r.tok);
            assert_int_equal(b.r.tok_off, a.r.tok_off);
        }
        if (ra != TL_EOF) assert_string_equal(b.e.msg, a.e.msg);
        if (hit) assert_int_equal(ra, TL_EOF); /* a hit is valid JSON */
        tl_jfree(&a.r);
        tl_jfree(&b.r);
    }
}

/* A real StatsBomb event file (Italy v Turkey, Euro 2020): 3803 events, 27
 * shots, goals by Immobile and Insigne (counts from jq on the same file). */
static void test_real_statsbomb(void **state)
{
    (void)state;
    char path[512], *buf;
    size_t len;
    struct tl_error e;
    snprintf(path, sizeof path, "%s/statsbomb/events/3788741.json", test_data_dir());
    if (tl_read_file(path, (size_t)64 << 20, &buf, &len, &e)) {
        fprintf(stderr, "skipping: %s\n", e.msg);
        skip();
    }
    struct tl_jreader r;
    tl_jinit(&r, buf, len, path);
    long events = 0, shots = 0, goals = 0;
    int in_type = 0, in_outcome = 0, is_shot = 0;
    char scorers[2][64] = {{0}};
    char player[64] = "";
    tl_rc rc;
    /* depth 1: an event; depth 2: its members; look at type.name,
     * player.name and shot.outcome.name */
    while ((rc = tl_jnext(&r, &e)) == TL_OK) {
        if (r.tok == TL_J_OBJ && r.depth == 2) events++, is_shot = 0, player[0] = '\0';
        if (r.tok == TL_J_KEY && r.depth == 2) {
            in_type = tl_jeq(&r, "type");
            in_outcome = 0;
            if (tl_jeq(&r, "player")) in_type = 2;
            if (tl_jeq(&r, "shot")) in_type = 3;
        }
        if (r.tok == TL_J_KEY && r.depth == 3 && in_type == 3) in_outcome = tl_jeq(&r, "outcome");
        if (r.tok == TL_J_STR && r.depth == 3 && r.stack[2].key &&
            r.stack[2].keylen == 4 && memcmp(r.stack[2].key, "name", 4) == 0) {
            if (in_type == 1 && tl_jeq(&r, "Shot")) shots++, is_shot = 1;
            if (in_type == 2) snprintf(player, sizeof player, "%.*s", (int)r.n, r.s);
        }
        if (r.tok == TL_J_STR && r.depth == 4 && in_outcome && is_shot &&
            tl_jeq(&r, "Goal") && goals < 2)
            snprintf(scorers[goals++], 64, "%s", player);
    }
    assert_int_equal(rc, TL_EOF);
    assert_int_equal(events, 3803);
    assert_int_equal(shots, 27);
    assert_int_equal(goals, 2);
    assert_string_equal(scorers[0], "Ciro Immobile");
    assert_string_equal(scorers[1], "Lorenzo Insigne");
    tl_jfree(&r);
    tl_free(buf);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_tokens),
        cmocka_unit_test(test_escapes), cmocka_unit_test(test_string_scan_offsets),
        cmocka_unit_test(test_path_and_skip),
        cmocka_unit_test(test_number_values),
        cmocka_unit_test(test_white_space_layouts),
        cmocka_unit_test(test_id_name),
        cmocka_unit_test(test_errors),
        cmocka_unit_test(test_depth_limit),
        cmocka_unit_test(test_real_statsbomb),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
