#include <stdio.h>
#include <unistd.h>
#include <apr_strings.h>
#include <string.h>
#include "qc_unit.h"
#include "qc_messages.h"

#define MESSAGES QC_SRCDIR "/xslt/messages.xml"

START_TEST(loads_shipped_messages)
{
    qc_messages_t *m;
    const char *err = NULL;
    ck_assert_int_eq(qc_messages_load(qc_test_pool, MESSAGES, NULL, &m, &err), APR_SUCCESS);
    ck_assert_int_gt(qc_messages_count(m), 100);
    ck_assert_str_eq(qc_messages_get(m, "login.title"), "Đăng nhập");
}
END_TEST

START_TEST(formats_placeholders)
{
    qc_messages_t *m;
    const char *err = NULL;
    const char *args[] = {"12", "30"};
    ck_assert_int_eq(qc_messages_load(qc_test_pool, MESSAGES, NULL, &m, &err), APR_SUCCESS);
    ck_assert_str_eq(qc_messages_format(qc_test_pool, m, "home.participants", 2, args),
                     "Đã có 12 người dự thi (30 tài khoản đăng ký).");
    ck_assert_str_eq(qc_messages_format(qc_test_pool, m, "no.such.key", 0, NULL), "[no.such.key]");
}
END_TEST

START_TEST(override_replaces_only_its_keys)
{
    qc_messages_t *m;
    const char *err = NULL;
    const char *path = apr_pstrcat(qc_test_pool, "/tmp/qc-unit-override-",
                                   apr_itoa(qc_test_pool, (int)getpid()), ".xml", NULL);
    FILE *f = fopen(path, "w");
    ck_assert_ptr_nonnull(f);
    fputs("<messages><m key=\"login.title\">Vào thi</m></messages>", f);
    fclose(f);
    ck_assert_int_eq(qc_messages_load(qc_test_pool, MESSAGES, path, &m, &err), APR_SUCCESS);
    ck_assert_str_eq(qc_messages_get(m, "login.title"), "Vào thi");
    ck_assert_str_eq(qc_messages_get(m, "nav.home"), "Trang cuộc thi");
    remove(path);
}
END_TEST

START_TEST(broken_file_names_the_problem)
{
    qc_messages_t *m;
    const char *err = NULL;
    const char *path = "/tmp/qc-unit-broken-messages.xml";
    FILE *f = fopen(path, "w");
    fputs("<messages><m key=\"a\">x</messages>", f);
    fclose(f);
    ck_assert_int_ne(qc_messages_load(qc_test_pool, MESSAGES, path, &m, &err), APR_SUCCESS);
    ck_assert_ptr_nonnull(strstr(err, path));
    remove(path);
}
END_TEST

Suite *qc_suite_messages(void)
{
    Suite *s = suite_create("messages");
    TCase *tc = tcase_create("messages");
    tcase_add_checked_fixture(tc, qc_test_pool_setup, qc_test_pool_teardown);
    tcase_add_test(tc, loads_shipped_messages);
    tcase_add_test(tc, formats_placeholders);
    tcase_add_test(tc, override_replaces_only_its_keys);
    tcase_add_test(tc, broken_file_names_the_problem);
    suite_add_tcase(s, tc);
    return s;
}
