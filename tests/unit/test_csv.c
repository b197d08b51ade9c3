/* Unit tests: the RFC 4180 pull reader, including every error path. */
#include "test.h"

#include "touchline/csv.h"

struct rd {
    struct tl_csv r;
    struct tl_error e;
};

static void open_(struct rd *x, const char *s) { tl_csv_init(&x->r, s, strlen(s), "t.csv"); }

static void field_is(struct rd *x, size_t i, const char *want)
{
    assert_true(i < x->r.nfields);
    assert_int_equal(x->r.fields[i].n, strlen(want));
    assert_memory_equal(x->r.fields[i].p, want, strlen(want));
}

static void test_basic(void **state)
{
    (void)state;
    struct rd x;
    open_(&x, "a,b,c\n1,,3\n");
    assert_int_equal(tl_csv_next(&x.r, &x.e), TL_OK);
    assert_int_equal(x.r.nfields, 3);
    field_is(&x, 2, "c");
    assert_int_equal(tl_csv_next(&x.r, &x.e), TL_OK);
    field_is(&x, 1, "");
    assert_int_equal(x.r.rec_line, 2);
    assert_int_equal(tl_csv_next(&x.r, &x.e), TL_EOF);
    tl_csv_free(&x.r);
}

static void test_quotes_crlf_bom(void **state)
{
    (void)state;
    struct rd x;
    open_(&x, "\xEF\xBB\xBF" "date,city\r\n1977-10-06,\"Washington, D.C.\"\r\n"
              "x,\"say \"\"hi\"\"\"\r\n\r\n\"multi\nline\",z\nlast,\"\"");
    assert_int_equal(tl_csv_next(&x.r, &x.e), TL_OK);
    field_is(&x, 0, "date"); /* the BOM is not part of the first field */
    assert_int_equal(tl_csv_next(&x.r, &x.e), TL_OK);
    field_is(&x, 1, "Washington, D.C.");
    assert_int_equal(tl_csv_next(&x.r, &x.e), TL_OK);
    field_is(&x, 1, "say \"hi\"");
    assert_int_equal(tl_csv_next(&x.r, &x.e), TL_OK); /* blank line skipped */
    field_is(&x, 0, "multi\nline");
    assert_int_equal(x.r.rec_line, 5);
    assert_int_equal(tl_csv_next(&x.r, &x.e), TL_OK);
    assert_int_equal(x.r.rec_line, 7); /* the quoted line break counted */
    field_is(&x, 1, "");
    assert_int_equal(tl_csv_next(&x.r, &x.e), TL_EOF);
    tl_csv_free(&x.r);
}

static void test_column_numbers(void **state)
{
    (void)state;
    struct rd x;
    open_(&x, "é,ü,abc\n");
    assert_int_equal(tl_csv_next(&x.r, &x.e), TL_OK);
    assert_int_equal(tl_csv_field_col(&x.r, &x.r.fields[2]), 5); /* characters, not bytes */
    tl_csv_free(&x.r);
}

static void expect_error(const char *in, tl_rc rc, long line, long col, const char *msg_part)
{
    struct rd x;
    open_(&x, in);
    tl_rc got;
    while ((got = tl_csv_next(&x.r, &x.e)) == TL_OK) {}
    assert_int_equal(got, rc);
    assert_string_equal(x.e.file, "t.csv");
    assert_int_equal(x.e.line, line);
    assert_int_equal(x.e.col, col);
    if (!strstr(x.e.msg, msg_part)) fail_msg("message \"%s\" lacks \"%s\"", x.e.msg, msg_part);
    tl_csv_free(&x.r);
}

static void test_errors(void **state)
{
    (void)state;
    expect_error("a,b\nx,y\"z\n", TL_EPARSE, 2, 4, "quote only at the start");
    expect_error("a,b\nx,\"open\n", TL_EPARSE, 2, 3, "closing quote");
    expect_error("a,b\nx,\"q\"z\n", TL_EPARSE, 2, 6, "after a closing quote");
    expect_error("a,b\nx,caf\xe9\n", TL_EPARSE, 2, 6, "found the byte 0xE9");
    expect_error("a,b\nx,\"caf\xe9\"\n", TL_EPARSE, 2, 7, "UTF-8");
    char many[400] = "";
    for (int i = 0; i < 70; i++) strcat(many, "x,");
    strcat(many, "\n");
    expect_error(many, TL_ELIMIT, 1, 129, "at most 64 fields");
}

static void test_recovers_after_error(void **state)
{
    (void)state;
    struct rd x;
    open_(&x, "a,b\nx,y\"z\nc,d\n");
    assert_int_equal(tl_csv_next(&x.r, &x.e), TL_OK);
    assert_int_equal(tl_csv_next(&x.r, &x.e), TL_EPARSE);
    assert_int_equal(tl_csv_next(&x.r, &x.e), TL_OK);
    field_is(&x, 0, "c");
    assert_int_equal(x.r.rec_line, 3);
    tl_csv_free(&x.r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_basic),          cmocka_unit_test(test_quotes_crlf_bom),
        cmocka_unit_test(test_column_numbers), cmocka_unit_test(test_errors),
        cmocka_unit_test(test_recovers_after_error),
    };
    return cmocka_run_group_tests_name("csv", tests, NULL, NULL);
}
