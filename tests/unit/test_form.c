#include <string.h>
#include "qc_unit.h"
#include "qc_form.h"
#include "qc_status.h"

START_TEST(parses_fields_and_repeats)
{
    apr_table_t *f;
    apr_array_header_t *all;
    const char *body = "a=1&b=x+y&a=2&empty=&flag";
    ck_assert_int_eq(qc_form_parse(qc_test_pool, body, strlen(body), &f), APR_SUCCESS);
    ck_assert_str_eq(apr_table_get(f, "b"), "x y");
    ck_assert_str_eq(apr_table_get(f, "empty"), "");
    ck_assert_str_eq(apr_table_get(f, "flag"), "");
    all = qc_form_all(qc_test_pool, f, "a");
    ck_assert_int_eq(all->nelts, 2);
    ck_assert_str_eq(APR_ARRAY_IDX(all, 0, const char *), "1");
    ck_assert_str_eq(APR_ARRAY_IDX(all, 1, const char *), "2");
    ck_assert_int_eq(qc_form_all(qc_test_pool, f, "missing")->nelts, 0);
}
END_TEST

START_TEST(decodes_utf8_and_normalises_to_nfc)
{
    apr_table_t *f;
    /* "Nguyễn" typed as e + combining circumflex + combining tilde */
    const char *body = "name=Nguye%CC%82%CC%83n";
    ck_assert_int_eq(qc_form_parse(qc_test_pool, body, strlen(body), &f), APR_SUCCESS);
    ck_assert_str_eq(apr_table_get(f, "name"), "Nguy\xe1\xbb\x85n");
}
END_TEST

START_TEST(refuses_invalid_utf8_and_controls)
{
    apr_table_t *f;
    ck_assert_int_eq(qc_form_parse(qc_test_pool, "n=%C3%28", 8, &f), QC_EBADUTF8);
    ck_assert_int_eq(qc_form_parse(qc_test_pool, "n=%FF", 5, &f), QC_EBADUTF8);
    ck_assert_int_eq(qc_form_parse(qc_test_pool, "n=%00", 5, &f), QC_EBADUTF8);
    ck_assert_int_eq(qc_form_parse(qc_test_pool, "n=a%01b", 7, &f), QC_EBADUTF8);
    ck_assert_int_eq(qc_form_parse(qc_test_pool, "%C0%AF=1", 8, &f), QC_EBADUTF8);
}
END_TEST

START_TEST(refuses_broken_escapes)
{
    apr_table_t *f;
    ck_assert_int_eq(qc_form_parse(qc_test_pool, "n=%4", 4, &f), QC_EINPUT);
    ck_assert_int_eq(qc_form_parse(qc_test_pool, "n=%", 3, &f), QC_EINPUT);
    ck_assert_int_eq(qc_form_parse(qc_test_pool, "n=%zz", 5, &f), QC_EINPUT);
}
END_TEST

START_TEST(get_trims)
{
    apr_table_t *f;
    ck_assert_int_eq(qc_form_parse(qc_test_pool, "p=++0912+", 9, &f), APR_SUCCESS);
    ck_assert_str_eq(qc_form_get(qc_test_pool, f, "p"), "0912");
    ck_assert_str_eq(qc_form_get(qc_test_pool, f, "absent"), "");
}
END_TEST

START_TEST(limits_field_count)
{
    apr_table_t *f;
    char *body = apr_palloc(qc_test_pool, QC_FORM_MAX_FIELDS * 4 + 8);
    int i;
    body[0] = '\0';
    for (i = 0; i <= QC_FORM_MAX_FIELDS; i++) {
        strcat(body, "a=1&");
    }
    ck_assert_int_eq(qc_form_parse(qc_test_pool, body, strlen(body), &f), QC_EINPUT);
}
END_TEST

Suite *qc_suite_form(void)
{
    Suite *s = suite_create("form");
    TCase *tc = tcase_create("parse");
    tcase_add_checked_fixture(tc, qc_test_pool_setup, qc_test_pool_teardown);
    tcase_add_test(tc, parses_fields_and_repeats);
    tcase_add_test(tc, decodes_utf8_and_normalises_to_nfc);
    tcase_add_test(tc, refuses_invalid_utf8_and_controls);
    tcase_add_test(tc, refuses_broken_escapes);
    tcase_add_test(tc, get_trims);
    tcase_add_test(tc, limits_field_count);
    suite_add_tcase(s, tc);
    return s;
}
