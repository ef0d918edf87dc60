#include <string.h>
#include "qc_unit.h"
#include "qc_csv.h"
#include "qc_util.h"

START_TEST(tokens_are_random_and_urlsafe)
{
    const char *a = qc_util_random_token(qc_test_pool);
    const char *b = qc_util_random_token(qc_test_pool);
    const char *s;
    ck_assert_ptr_nonnull(a);
    ck_assert_int_eq(strlen(a), 43); /* 256 bits */
    ck_assert_str_ne(a, b);
    for (s = a; *s; s++) {
        ck_assert(strchr("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_", *s));
    }
}
END_TEST

START_TEST(sha256_known_answer)
{
    ck_assert_str_eq(qc_util_sha256_hex(qc_test_pool, "abc", 3),
                     "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}
END_TEST

START_TEST(base64url_vectors)
{
    ck_assert_str_eq(qc_util_base64url(qc_test_pool, (const unsigned char *)"f", 1), "Zg");
    ck_assert_str_eq(qc_util_base64url(qc_test_pool, (const unsigned char *)"fo", 2), "Zm8");
    ck_assert_str_eq(qc_util_base64url(qc_test_pool, (const unsigned char *)"foo", 3), "Zm9v");
    ck_assert_str_eq(qc_util_base64url(qc_test_pool, (const unsigned char *)"\xfb\xff", 2), "-_8");
}
END_TEST

START_TEST(equal_ct_fails_closed)
{
    ck_assert(qc_util_equal_ct("abc", "abc"));
    ck_assert(!qc_util_equal_ct("abc", "abd"));
    ck_assert(!qc_util_equal_ct("abc", "abcd"));
    ck_assert(!qc_util_equal_ct(NULL, "abc"));
    ck_assert(!qc_util_equal_ct("abc", NULL));
    ck_assert(!qc_util_equal_ct("", ""));
}
END_TEST

START_TEST(parse_int64_is_strict)
{
    apr_int64_t v = 0;
    ck_assert_int_eq(qc_util_parse_int64("42", 0, 100, &v), APR_SUCCESS);
    ck_assert_int_eq(v, 42);
    ck_assert_int_eq(qc_util_parse_int64("-5", -10, 10, &v), APR_SUCCESS);
    ck_assert_int_eq(v, -5);
    ck_assert_int_ne(qc_util_parse_int64("101", 0, 100, &v), APR_SUCCESS);
    ck_assert_int_ne(qc_util_parse_int64("4 2", 0, 100, &v), APR_SUCCESS);
    ck_assert_int_ne(qc_util_parse_int64("", 0, 100, &v), APR_SUCCESS);
    ck_assert_int_ne(qc_util_parse_int64("1e3", 0, 10000, &v), APR_SUCCESS);
    ck_assert_int_ne(qc_util_parse_int64("99999999999999999999", 0, APR_INT64_MAX, &v),
                     APR_SUCCESS);
}
END_TEST

START_TEST(csv_has_matches_whole_items)
{
    ck_assert(qc_util_csv_has("12,15,31", "15"));
    ck_assert(qc_util_csv_has("12,15,31", "12"));
    ck_assert(qc_util_csv_has("12,15,31", "31"));
    ck_assert(qc_util_csv_has("7", "7"));
    ck_assert(!qc_util_csv_has("12,15,31", "1"));
    ck_assert(!qc_util_csv_has("12,15,31", "3"));
    ck_assert(!qc_util_csv_has("", "1"));
    ck_assert(!qc_util_csv_has(NULL, "1"));
    ck_assert(!qc_util_csv_has("1,2", ""));
}
END_TEST

START_TEST(csv_cells_never_run_as_formulas)
{
    static const char *const formulas[] = {"=1+1", "+1", "-2+3", "@SUM(A1:A2)",
                                           "\t=1", "\r=1", "=HYPERLINK(\"http://x\")", NULL};
    int i;
    for (i = 0; formulas[i]; i++) {
        const char *cell = qc_csv_cell(qc_test_pool, formulas[i], 0);
        ck_assert_msg(cell[0] == '"' && cell[1] == '\'', "%s came out as %s", formulas[i], cell);
        ck_assert(qc_csv_is_formula_start(formulas[i][0]));
    }
    ck_assert_str_eq(qc_csv_cell(qc_test_pool, "=HYPERLINK(\"x\")", 0),
                     "\"'=HYPERLINK(\"\"x\"\")\"");
    ck_assert_str_eq(qc_csv_cell(qc_test_pool, "Nguyễn Văn A", 0), "Nguyễn Văn A");
    ck_assert_str_eq(qc_csv_cell(qc_test_pool, "a,b", 0), "\"a,b\"");
    ck_assert_str_eq(qc_csv_cell(qc_test_pool, "Nguyễn", 1), "\"Nguyễn\"");
    ck_assert_str_eq(qc_csv_cell(qc_test_pool, NULL, 0), "");
    ck_assert_str_eq(qc_csv_cell(qc_test_pool, "5 - 3 = ?", 0), "5 - 3 = ?");
    /* the reader's inverse */
    ck_assert_str_eq(qc_csv_unneutralise("'=1+1"), "=1+1");
    ck_assert_str_eq(qc_csv_unneutralise("'-5"), "-5");
    ck_assert_str_eq(qc_csv_unneutralise("'quoted'"), "'quoted'");
    ck_assert_str_eq(qc_csv_unneutralise("=1"), "=1");
}
END_TEST

Suite *qc_suite_util(void)
{
    Suite *s = suite_create("util");
    TCase *tc = tcase_create("util");
    tcase_add_checked_fixture(tc, qc_test_pool_setup, qc_test_pool_teardown);
    tcase_add_test(tc, tokens_are_random_and_urlsafe);
    tcase_add_test(tc, sha256_known_answer);
    tcase_add_test(tc, base64url_vectors);
    tcase_add_test(tc, equal_ct_fails_closed);
    tcase_add_test(tc, parse_int64_is_strict);
    tcase_add_test(tc, csv_has_matches_whole_items);
    tcase_add_test(tc, csv_cells_never_run_as_formulas);
    suite_add_tcase(s, tc);
    return s;
}
