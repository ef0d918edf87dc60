#include <string.h>
#include <apr_strings.h>
#include "qc_unit.h"
#include "qc_multipart.h"
#include "qc_status.h"

#define CRLF "\r\n"

START_TEST(finds_the_boundary)
{
    ck_assert_str_eq(
        qc_multipart_boundary(qc_test_pool, "multipart/form-data; boundary=----abc123"),
        "----abc123");
    ck_assert_str_eq(
        qc_multipart_boundary(qc_test_pool, "multipart/form-data; charset=utf-8; boundary=\"x y\""),
        "x y");
    ck_assert_ptr_null(qc_multipart_boundary(qc_test_pool, "multipart/form-data"));
    ck_assert_ptr_null(qc_multipart_boundary(qc_test_pool, "multipart/mixed; boundary=a"));
    ck_assert_ptr_null(qc_multipart_boundary(qc_test_pool, "application/x-www-form-urlencoded"));
    ck_assert_ptr_null(qc_multipart_boundary(qc_test_pool, NULL));
}
END_TEST

START_TEST(splits_fields_and_files)
{
    /* a file whose bytes hold a NUL, CRLFs and something close to the delimiter */
    static const char body[] =
        "--XyZ" CRLF "Content-Disposition: form-data; name=\"csrf\"" CRLF CRLF "tok" CRLF
        "--XyZ" CRLF "Content-Disposition: form-data; name=\"file\"; "
                     "filename=\"C:\\\\Users\\\\me\\\\ng\xc3\xa2n h\xc3\xa0ng.csv\"" CRLF
        "Content-Type: text/csv" CRLF CRLF "a;b\r\n-XyZ--\0x" CRLF "--XyZ" CRLF
        "Content-Disposition: form-data; name=\"format\"" CRLF CRLF "Nguye\xcc\x82\xcc\x83n" CRLF
        "--XyZ--" CRLF;
    apr_table_t *fields;
    apr_array_header_t *uploads;
    const qc_upload_t *u;
    ck_assert_int_eq(
        qc_multipart_parse(qc_test_pool, "XyZ", body, sizeof(body) - 1, &fields, &uploads),
        APR_SUCCESS);
    ck_assert_str_eq(apr_table_get(fields, "csrf"), "tok");
    ck_assert_str_eq(apr_table_get(fields, "format"), "Nguy\xe1\xbb\x85n"); /* NFC */
    ck_assert_int_eq(uploads->nelts, 1);
    u = &APR_ARRAY_IDX(uploads, 0, qc_upload_t);
    ck_assert_str_eq(u->field, "file");
    ck_assert_str_eq(u->filename, "ng\xc3\xa2n h\xc3\xa0ng.csv");
    ck_assert_str_eq(u->content_type, "text/csv");
    ck_assert_uint_eq(u->len, 13);
    ck_assert_int_eq(memcmp(u->data, "a;b\r\n-XyZ--\0x", 13), 0);
}
END_TEST

START_TEST(refuses_broken_bodies)
{
    apr_table_t *f;
    apr_array_header_t *u;
    const char *unterminated =
        "--b" CRLF "Content-Disposition: form-data; name=\"a\"" CRLF CRLF "value without end";
    const char *no_name = "--b" CRLF "Content-Disposition: form-data" CRLF CRLF "v" CRLF "--b--";
    const char *no_boundary = "just text";
    const char *bad_text =
        "--b" CRLF "Content-Disposition: form-data; name=\"a\"" CRLF CRLF "\xff\xfe" CRLF "--b--";
    ck_assert_int_eq(
        qc_multipart_parse(qc_test_pool, "b", unterminated, strlen(unterminated), &f, &u),
        QC_EINPUT);
    ck_assert_int_eq(qc_multipart_parse(qc_test_pool, "b", no_name, strlen(no_name), &f, &u),
                     QC_EINPUT);
    ck_assert_int_eq(
        qc_multipart_parse(qc_test_pool, "b", no_boundary, strlen(no_boundary), &f, &u), QC_EINPUT);
    ck_assert_int_eq(qc_multipart_parse(qc_test_pool, "b", bad_text, strlen(bad_text), &f, &u),
                     QC_EBADUTF8);
}
END_TEST

START_TEST(refuses_too_many_parts)
{
    char *body = apr_pstrdup(qc_test_pool, "");
    apr_table_t *f;
    apr_array_header_t *u;
    int i;
    for (i = 0; i < QC_MULTIPART_MAX_PARTS + 1; i++) {
        body = apr_pstrcat(
            qc_test_pool, body,
            "--b" CRLF "Content-Disposition: form-data; name=\"a\"" CRLF CRLF "v" CRLF, NULL);
    }
    body = apr_pstrcat(qc_test_pool, body, "--b--", NULL);
    ck_assert_int_eq(qc_multipart_parse(qc_test_pool, "b", body, strlen(body), &f, &u), QC_EINPUT);
}
END_TEST

Suite *qc_suite_multipart(void)
{
    Suite *s = suite_create("multipart");
    TCase *tc = tcase_create("core");
    tcase_add_checked_fixture(tc, qc_test_pool_setup, qc_test_pool_teardown);
    tcase_add_test(tc, finds_the_boundary);
    tcase_add_test(tc, splits_fields_and_files);
    tcase_add_test(tc, refuses_broken_bodies);
    tcase_add_test(tc, refuses_too_many_parts);
    suite_add_tcase(s, tc);
    return s;
}
