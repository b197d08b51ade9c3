/* Unit tests: fetch (the manifest, SHA-256, option errors) and model (enum names).
 * The downloads themselves are tested in tests/cli/fetch.sh against a loopback server. */
#include "test.h"

#include "touchline/fetch.h"
#include "touchline/model.h"

static void test_manifest(void **state)
{
    (void)state;
    assert_int_equal(tl_fetch_nfiles, 603);
    size_t per_set[3] = {0, 0, 0};
    int have_results = 0;
    for (size_t i = 0; i < tl_fetch_nfiles; i++) {
        const struct tl_fetch_file *f = &tl_fetch_files[i];
        int set = -1;
        for (size_t k = 0; k < tl_fetch_nsets; k++)
            if (strcmp(f->set, tl_fetch_sets[k].dir) == 0) set = (int)k;
        assert_true(set >= 0);
        per_set[set]++;
        assert_int_equal(strlen(f->sha256), 64);
        assert_null(strstr(f->path, ".."));
        assert_true(f->path[0] != '/');
        if (strcmp(f->path, "results.csv") == 0) {
            have_results = 1;
            assert_int_equal(f->size, 3727835);
        }
    }
    assert_true(have_results);
    assert_int_equal(per_set[0], 6);   /* international */
    assert_int_equal(per_set[2], 7);   /* statsbomb */
    for (size_t k = 0; k < tl_fetch_nsets; k++)
        assert_non_null(strstr(tl_fetch_sets[k].upstream, "https://"));
}

/* The manifest's checksums are those of the local data sets (when present). */
static void test_sha256_matches_manifest(void **state)
{
    (void)state;
    char path[1024], hex[65];
    struct tl_error e;
    int checked = 0;
    for (size_t i = 0; i < tl_fetch_nfiles; i++) {
        const struct tl_fetch_file *f = &tl_fetch_files[i];
        if (strstr(f->path, ".csv") == NULL) continue;
        snprintf(path, sizeof path, "%s/%s/%s", test_data_dir(), f->set, f->path);
        if (access(path, R_OK) != 0) continue;
        assert_int_equal(tl_sha256_file(path, hex, &e), TL_OK);
        assert_string_equal(hex, f->sha256);
        checked++;
    }
    assert_true(checked >= 4);
    /* the SHA-256 of the empty string */
    char empty[64];
    snprintf(empty, sizeof empty, "/tmp/touchline-empty-%d", (int)getpid());
    FILE *tmp = fopen(empty, "w");
    assert_non_null(tmp);
    fclose(tmp);
    assert_int_equal(tl_sha256_file(empty, hex, &e), TL_OK);
    assert_string_equal(hex, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    remove(empty);
    assert_int_equal(tl_sha256_file("/nonexistent", hex, &e), TL_EIO);
}

static void test_fetch_unknown_set(void **state)
{
    (void)state;
    struct tl_fetch_opts o = {.to = "/tmp", .only = "premier-league", .retries = 1};
    struct tl_fetch_stats st;
    struct tl_error e;
    assert_int_equal(tl_fetch(&o, &st, &e), TL_EUSAGE);
    assert_non_null(strstr(e.msg, "unknown data set 'premier-league'"));
}

static void test_model_names(void **state)
{
    (void)state;
    for (int k = 0; k < TL_EV__COUNT; k++) {
        enum tl_event_kind back;
        assert_int_equal(tl_event_kind_parse(tl_event_kind_name((enum tl_event_kind)k), &back), 0);
        assert_int_equal(back, k);
    }
    enum tl_event_kind x;
    assert_int_equal(tl_event_kind_parse("goalz", &x), -1);
    assert_string_equal(tl_status_name(TL_STATUS_ABANDONED), "abandoned");
    assert_string_equal(tl_status_name((enum tl_match_status)42), "unknown");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_manifest),
        cmocka_unit_test(test_sha256_matches_manifest),
        cmocka_unit_test(test_fetch_unknown_set),
        cmocka_unit_test(test_model_names),
    };
    return cmocka_run_group_tests_name("fetch and model", tests, NULL, NULL);
}
