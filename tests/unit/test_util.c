/* Unit tests: util (folding, UTF-8, dates, buffers, maps, errors, allocation faults). */
#include "test.h"

#include "touchline/util.h"

static void fold_is(const char *in, const char *want)
{
    char out[256];
    tl_fold(in, strlen(in), out, sizeof out);
    assert_string_equal(out, want);
}

static void test_fold(void **state)
{
    (void)state;
    fold_is("Aurélien Tchouaméni", "aurelien tchouameni");
    fold_is("AURELIEN  TCHOUAMENI", "aurelien tchouameni");
    fold_is("Curaçao", "curacao");
    fold_is("Côte d'Ivoire", "cote divoire");
    fold_is("Côte d’Ivoire", "cote divoire");
    fold_is("  Guinea-Bissau ", "guinea bissau");
    fold_is("Zaïre", "zaire");
    fold_is("Éire", "eire");
    fold_is("Åland Islands", "aland islands");
    fold_is("Straße", "strasse");
    fold_is("Łódź", "lodz");        /* Latin Extended-A, both ends of the table */
    fold_is("Ålesund Žilina", "alesund zilina");
    fold_is("Ştefan Ţiriac Ș", "stefan tiriac s");
    fold_is("Ömer Ğ ı", "omer g i");
    fold_is("Æsir Œuvre", "aesir oeuvre");
    fold_is("Washington, D.C.", "washington, dc");
    fold_is("Москва", "москва"); /* other scripts are case-folded too */
    fold_is("Aurelién Tchouaméni", "aurelien tchouameni"); /* a misplaced accent */
    fold_is("Øyvind ŁUKASZ Đorđe", "oyvind lukasz dorde");
    fold_is("ﬁnal", "final"); /* compatibility decomposition */
    fold_is("Tchouame\xcc\x81ni", "tchouameni"); /* decomposed input */
}

static void test_fold_invalid_and_cap(void **state)
{
    (void)state;
    char out[8];
    size_t n = tl_fold("abc\xff" "def", 7, out, sizeof out);
    assert_string_equal(out, "abc?def");
    assert_int_equal(n, 7);
    n = tl_fold("abcdefghijkl", 12, out, sizeof out); /* truncated, still terminated */
    assert_int_equal(n, 7);
    assert_string_equal(out, "abcdefg");
}

static void pretty_is(const char *in, const char *want)
{
    char out[128];
    tl_name_pretty(in, out, sizeof out);
    assert_string_equal(out, want);
}

static void test_name_pretty(void **state)
{
    (void)state;
    pretty_is("Jordan PICKFORD", "Jordan Pickford");
    pretty_is("SON Heung-min", "Son Heung-min");
    pretty_is("Trent ALEXANDER-ARNOLD", "Trent Alexander-Arnold");
    pretty_is("Weston McKENNIE", "Weston McKENNIE"); /* mixed case: as written */
    pretty_is("ÉDER MÜLLER", "Éder Müller");
    pretty_is("J. A. SMITH", "J. A. Smith");
    pretty_is("David O LEARY", "David O Leary");
    pretty_is("N'Golo KANTÉ", "N'Golo Kanté");
    pretty_is("Aurélien Tchouaméni", "Aurélien Tchouaméni");
    pretty_is("KANTÉ N'GOLO", "Kanté N'Golo"); /* an ASCII word after one that is not */
    pretty_is("R2D2 XY 9", "R2d2 Xy 9");         /* digits are not letters */
    pretty_is("X-MEN", "X-Men");                 /* one letter: as written */
    /* short of space, a lowered word may fill what is left, a word kept as
     * written needs a byte more (ASCII and not, the same) */
    char out[16];
    assert_int_equal(tl_name_pretty("AB CDE", out, 7), 6);
    assert_string_equal(out, "Ab Cde");
    assert_int_equal(tl_name_pretty("ab cde", out, 7), 3);
    assert_string_equal(out, "ab ");
    assert_int_equal(tl_name_pretty("AB ÉDÉ", out, 9), 8);
    assert_string_equal(out, "Ab Édé");
    assert_int_equal(tl_name_pretty("ab édé", out, 9), 3);
    assert_string_equal(out, "ab ");
}

static void test_name_variant(void **state)
{
    (void)state;
    assert_true(tl_name_variant("j quintero", "juan quintero"));
    assert_true(tl_name_variant("m salah", "mohamed salah"));
    assert_true(tl_name_variant("mueller thomas", "thomas muller"));
    assert_true(tl_name_variant("park jisung", "park ji sung"));
    assert_true(tl_name_variant("kane", "harry kane"));
    assert_false(tl_name_variant("e hazard", "thorgan hazard")); /* another initial */
    assert_false(tl_name_variant("j", "juan quintero"));         /* initials only */
    assert_false(tl_name_variant("harry kane", "kane"));         /* longer than the full name */
    assert_false(tl_name_variant("ronaldo", "cristiano ronaldinho"));
}

/* The letter masks never rule out a pair that is a variant either way
 * round (every pair of these names is tried), and do rule out others. */
static void test_name_letters(void **state)
{
    (void)state;
    static const char *const names[] = {
        "j quintero", "juan quintero", "m salah", "mohamed salah", "mueller thomas",
        "thomas muller", "thomas mueller", "park jisung", "park ji sung", "kane", "harry kane",
        "e hazard", "thorgan hazard", "eden hazard", "j", "ronaldo", "cristiano ronaldinho",
        "kuen", "kun park", "goetze", "mario gotze", "oezil", "mesut ozil", "jordan pickford",
        "son heungmin", "heung min son", "ae", "a", "a e", "ue",
    };
    size_t n = sizeof names / sizeof *names;
    int variants = 0, ruled_out = 0;
    for (size_t i = 0; i < n; i++)
        for (size_t j = 0; j < n; j++) {
            int v = tl_name_variant(names[i], names[j]) || tl_name_variant(names[j], names[i]);
            int fit = tl_name_letters_fit(tl_name_letters(names[i]), tl_name_letters(names[j]));
            if (v && !fit) fail_msg("\"%s\" and \"%s\": variants, ruled out", names[i], names[j]);
            variants += v;
            ruled_out += !fit;
        }
    assert_true(variants >= 40);
    assert_true(ruled_out >= 500);
    assert_int_equal(tl_name_letters("abz"), (1u << 0) | (1u << 1) | (1u << 25));
    assert_int_equal(tl_name_letters("kuen"), tl_name_letters("kun")); /* the alt form's */
    assert_false(tl_name_letters_fit(tl_name_letters("kane"), tl_name_letters("jordan pickford")));
}

static void test_utf8(void **state)
{
    (void)state;
    assert_int_equal(tl_utf8_valid_prefix("héllo", 6), 6);
    assert_int_equal(tl_utf8_valid_prefix("h\xe9llo", 5), 1);      /* Latin-1 byte */
    assert_int_equal(tl_utf8_valid_prefix("ab\xc0\x80", 4), 2);    /* overlong */
    assert_int_equal(tl_utf8_valid_prefix("\xed\xa0\x80", 3), 0);  /* surrogate */
    assert_int_equal(tl_utf8_valid_prefix("\xe2\x82", 2), 0);      /* truncated */
    assert_int_equal(tl_utf8_width("Tchouaméni"), 10);
    assert_int_equal(tl_utf8_width("e\xcc\x81"), 1); /* e + combining acute */
}

static void test_dates(void **state)
{
    (void)state;
    struct tl_date d;
    assert_int_equal(tl_date_parse("2022-12-10", 10, &d), 0);
    assert_int_equal(d.y, 2022);
    assert_int_equal(d.m, 12);
    assert_int_equal(d.d, 10);
    char s[11];
    tl_date_format(d, s);
    assert_string_equal(s, "2022-12-10");
    assert_int_equal(tl_date_weekday(d), 5); /* a Saturday */
    assert_int_equal(tl_date_parse("2022-12-14", 10, &d), 0);
    assert_int_equal(tl_date_weekday(d), 2); /* France v Morocco: Wednesday */
    assert_int_equal(tl_date_parse("2000-02-29", 10, &d), 0);
    assert_int_equal(tl_date_parse("1900-02-29", 10, &d), -1);
    assert_int_equal(tl_date_parse("1999-13-01", 10, &d), -1);
    assert_int_equal(tl_date_parse("1999-04-31", 10, &d), -1);
    assert_int_equal(tl_date_parse("1999-4-01", 9, &d), -1);
    assert_int_equal(tl_date_parse("1999/04/01", 10, &d), -1);
    struct tl_date a = {1872, 11, 30}, b = {1872, 12, 1};
    assert_int_equal(tl_date_days(b) - tl_date_days(a), 1);
    char out[11];
    assert_int_equal(tl_date_add("1934-05-31", 1, out), 0);
    assert_string_equal(out, "1934-06-01");
    assert_int_equal(tl_date_add("2000-03-01", -1, out), 0);
    assert_string_equal(out, "2000-02-29");
    assert_int_equal(tl_date_add("1899-12-31", 1, out), 0);
    assert_string_equal(out, "1900-01-01");
    assert_int_equal(tl_date_add("not a date", 1, out), -1);
    struct tl_date epoch = {1970, 1, 1};
    assert_int_equal(tl_date_days(epoch), 0);
}

static void test_edit_distance(void **state)
{
    (void)state;
    assert_int_equal(tl_edit_distance("england", "englnd", 3), 1);
    assert_int_equal(tl_edit_distance("france", "france", 3), 0);
    assert_int_equal(tl_edit_distance("brazil", "germany", 2), 3); /* capped at max+1 */
}

static void test_buf_cap(void **state)
{
    (void)state;
    struct tl_buf b;
    tl_buf_init(&b, 8);
    assert_int_equal(tl_buf_adds(&b, "12345678"), TL_OK);
    assert_int_equal(tl_buf_addc(&b, '9'), TL_ELIMIT);
    assert_int_equal(b.len, 8);
    assert_string_equal(b.data, "12345678");
    tl_buf_reset(&b);
    assert_int_equal(tl_buf_printf(&b, "%d-%d", 2, 1), TL_OK);
    assert_string_equal(b.data, "2-1");
    tl_buf_free(&b);
}

static void test_map(void **state)
{
    (void)state;
    struct tl_map m;
    tl_map_init(&m);
    char key[32];
    for (int i = 0; i < 10000; i++) {
        int n = snprintf(key, sizeof key, "team-%d", i);
        assert_int_equal(tl_map_put(&m, key, (size_t)n, i * 3), TL_OK);
    }
    assert_int_equal(m.n, 10000);
    int64_t v = 0;
    assert_true(tl_map_get(&m, "team-9999", 9, &v));
    assert_int_equal(v, 29997);
    assert_false(tl_map_get(&m, "team-10000", 10, &v));
    assert_false(tl_map_get(&m, "team-9999", 4, &v)); /* a prefix is not a key */
    assert_true(tl_map_get(&m, "team-99", 7, &v));
    assert_int_equal(v, 297);
    assert_int_equal(tl_map_put(&m, "team-5", 6, -1), TL_OK);
    assert_true(tl_map_get(&m, "team-5", 6, &v));
    assert_int_equal(v, -1);
    assert_int_equal(m.n, 10000);
    tl_map_free(&m);
}

static void test_error_format(void **state)
{
    (void)state;
    struct tl_error e;
    char out[256];
    tl_err_at(&e, TL_EPARSE, "results.csv", 4812, 27, "expected a date YYYY-MM-DD, found \"%s\"",
              "1999-13-01");
    tl_err_format(&e, out, sizeof out);
    assert_string_equal(out, "results.csv:4812:27: expected a date YYYY-MM-DD, found \"1999-13-01\"");
    tl_err(&e, TL_ENOTFOUND, "no such team");
    tl_err_format(&e, out, sizeof out);
    assert_string_equal(out, "no such team");
    assert_string_equal(tl_rc_name(TL_ECHECK), "verification failed");
}

static void test_alloc_fault(void **state)
{
    (void)state;
    struct tl_buf b;
    tl_buf_init(&b, 0);
    tl_alloc_fail_after(1);
    assert_int_equal(tl_buf_adds(&b, "x"), TL_ENOMEM);
    assert_int_equal(tl_buf_adds(&b, "x"), TL_OK); /* only that one failed */
    tl_buf_free(&b);
    tl_alloc_fail_after(0);
}

static void test_read_file_errors(void **state)
{
    (void)state;
    struct tl_error e;
    char *p;
    size_t n;
    assert_int_equal(tl_read_file("/nonexistent/x.csv", 100, &p, &n, &e), TL_ENOTFOUND);
    assert_string_equal(e.file, "/nonexistent/x.csv");
    assert_int_equal(tl_read_file("/tmp", 100, &p, &n, &e), TL_EIO); /* a folder */
    assert_int_equal(tl_read_file("tests/data/intl-good/results.csv", 10, &p, &n, &e), TL_ELIMIT);
}

static void test_progress_bar(void **state)
{
    (void)state;
    /* draw to a file standing in for the terminal */
    fflush(stderr);
    int saved = dup(2);
    FILE *f = tmpfile();
    assert_non_null(f);
    dup2(fileno(f), 2);
    struct tl_progress p;
    tl_progress_start(&p, "importing", 200, 0.0);
    p.enabled = 1; /* as if stderr were a terminal */
    tl_progress_update(&p, 100);
    tl_progress_end(&p);
    fflush(stderr);
    dup2(saved, 2);
    close(saved);
    char out[512] = "";
    rewind(f);
    size_t n = fread(out, 1, sizeof out - 1, f);
    out[n] = '\0';
    fclose(f);
    assert_non_null(strstr(out, "importing"));
    assert_non_null(strstr(out, "[###############...............]  50%"));
    assert_non_null(strstr(out, "[##############################] 100%"));
    /* not a terminal, or quicker than the delay: nothing is drawn */
    tl_progress_start(&p, "quick", 10, 60.0);
    p.enabled = 1;
    tl_progress_update(&p, 5);
    assert_false(p.shown);
}

static void test_instant(void **state)
{
    (void)state;
    int64_t a, b, c, d;
    const char *why;
    assert_int_equal(tl_instant_parse("2022-12-01T22:00+03:00", &a, &why), 0);
    assert_int_equal(tl_instant_parse("2022-12-01T19:00Z", &b, &why), 0);
    assert_int_equal(tl_instant_parse("2022-12-01 19:00", &c, &why), 0);
    assert_int_equal(tl_instant_parse("2022-12-01T14:00:30-05:00", &d, &why), 0);
    assert_true(a == b && b == c);
    assert_int_equal(d - b, 30);
    assert_int_equal(b, 1669921200); /* date -u -d 2022-12-01T19:00Z +%s */
    char out[21];
    tl_instant_format(d, out);
    assert_string_equal(out, "2022-12-01T19:00:30Z");
    assert_int_equal(tl_instant_parse("1930-07-13T18:00Z", &a, &why), 0); /* before 1970 */
    tl_instant_format(a, out);
    assert_string_equal(out, "1930-07-13T18:00:00Z");
    assert_int_equal(tl_instant_local("2022-12-01", "22:00", 180, &a), 0);
    assert_int_equal(a, b);
    assert_int_equal(tl_instant_local("2022-12-01", "22:00", 15 * 60, &a), -1);
    static const char *const bad[][2] = {
        {"2022-12-01", "T or a space"},          {"2022-12-01T24:00", "T or a space"},
        {"2022-12-01T20:60", "T or a space"},    {"2022-02-30T10:00", "a date"},
        {"2022-12-01T20:00+3", "Z, +HH:MM"},     {"2022-12-01T20:00+15:00", "Z, +HH:MM"},
        {"2022-12-01T20:00Zx", "Z, +HH:MM"},     {"2022-12-01T20:00:7", "seconds"},
        {"2022-12-01T20:00:60", "seconds"},      {"", "a date"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        if (tl_instant_parse(bad[i][0], &a, &why) != -1) fail_msg("took \"%s\"", bad[i][0]);
        if (!strstr(why, bad[i][1])) fail_msg("\"%s\": %s", bad[i][0], why);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_fold),        cmocka_unit_test(test_fold_invalid_and_cap),
        cmocka_unit_test(test_utf8),        cmocka_unit_test(test_dates),
        cmocka_unit_test(test_name_pretty), cmocka_unit_test(test_name_variant),
        cmocka_unit_test(test_name_letters),
        cmocka_unit_test(test_edit_distance), cmocka_unit_test(test_buf_cap),
        cmocka_unit_test(test_map),         cmocka_unit_test(test_error_format),
        cmocka_unit_test(test_alloc_fault), cmocka_unit_test(test_read_file_errors),
        cmocka_unit_test(test_progress_bar), cmocka_unit_test(test_instant),
    };
    return cmocka_run_group_tests_name("util", tests, NULL, NULL);
}
