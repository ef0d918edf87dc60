/* The secretariat's temporary passwords. */
#include <string.h>
#include <apr_hash.h>
#include "qc_unit.h"
#include "qc_password_reset.h"
#include "qc_validate.h"

START_TEST(temporary_passwords_are_readable_and_pass_the_rule)
{
    apr_hash_t *seen = apr_hash_make(qc_test_pool);
    int i, used[256];
    memset(used, 0, sizeof(used));
    for (i = 0; i < 2000; i++) {
        const char *pw = qc_reset_generate(qc_test_pool), *c;
        ck_assert_ptr_nonnull(pw);
        ck_assert_uint_eq(strlen(pw), QC_RESET_PASSWORD_LEN);
        /* no look-alikes, nothing but lower-case letters and digits */
        ck_assert_uint_eq(strspn(pw, "abcdefghjkmnpqrstuvwxyz23456789"), QC_RESET_PASSWORD_LEN);
        ck_assert_ptr_null(qc_validate_password(pw, pw, NULL, NULL));
        ck_assert_ptr_null(apr_hash_get(seen, pw, APR_HASH_KEY_STRING));
        apr_hash_set(seen, pw, APR_HASH_KEY_STRING, pw);
        for (c = pw; *c; c++) {
            used[(unsigned char)*c]++;
        }
    }
    /* every symbol of the alphabet turns up (32000 draws of 31 symbols) */
    for (i = 0; "abcdefghjkmnpqrstuvwxyz23456789"[i]; i++) {
        ck_assert_int_gt(used[(unsigned char)"abcdefghjkmnpqrstuvwxyz23456789"[i]], 300);
    }
}
END_TEST

START_TEST(the_default_sender_shows_the_password_to_the_secretariat)
{
    qc_reset_target_t to = {"1", "Nguyễn Văn A", "0912345678"};
    int show = 0;
    ck_assert_str_eq(qc_reset_sender_secretariat.name, "secretariat");
    ck_assert_int_eq(qc_reset_sender_secretariat.deliver(&qc_reset_sender_secretariat, qc_test_pool,
                                                         &to, "abc234defg", &show),
                     APR_SUCCESS);
    ck_assert_int_eq(show, 1);
}
END_TEST

Suite *qc_suite_password_reset(void)
{
    Suite *s = suite_create("password_reset");
    TCase *tc = tcase_create("generate");
    tcase_add_checked_fixture(tc, qc_test_pool_setup, qc_test_pool_teardown);
    tcase_add_test(tc, temporary_passwords_are_readable_and_pass_the_rule);
    tcase_add_test(tc, the_default_sender_shows_the_password_to_the_secretariat);
    suite_add_tcase(s, tc);
    return s;
}
