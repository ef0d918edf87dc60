/* The names and password setup-database puts into DDL (lib/store/qc_provision.c): only a closed
 * alphabet passes, so nothing can be quoted out of the statements. */
#include "qc_unit.h"
#include "qc_provision.h"
#include "qc_util.h"

START_TEST(names_are_letters_digits_and_underscores)
{
    ck_assert(qc_provision_name_ok("quizcontest"));
    ck_assert(qc_provision_name_ok("qc_debpkg_2026"));
    ck_assert(qc_provision_name_ok("A"));
    ck_assert(!qc_provision_name_ok(NULL));
    ck_assert(!qc_provision_name_ok(""));
    ck_assert(!qc_provision_name_ok("quiz`contest"));
    ck_assert(!qc_provision_name_ok("x'@'%"));
    ck_assert(!qc_provision_name_ok("a b"));
    ck_assert(!qc_provision_name_ok("a-b"));
    ck_assert(!qc_provision_name_ok("cuộc_thi"));
    ck_assert(qc_provision_name_ok("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"));
    ck_assert(!qc_provision_name_ok("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"));
}
END_TEST

START_TEST(passwords_are_base64url_of_16_to_128)
{
    ck_assert(qc_provision_password_ok(qc_util_random_token(qc_test_pool)));
    ck_assert(qc_provision_password_ok("abcdefgh-_ABCD12"));
    ck_assert(!qc_provision_password_ok("abcdefgh-_ABCD1"));
    ck_assert(!qc_provision_password_ok("abcdefgh'_ABCD12"));
    ck_assert(!qc_provision_password_ok("abcdefgh,_ABCD12"));
    ck_assert(!qc_provision_password_ok("abcdefgh\\_ABCD12"));
    ck_assert(!qc_provision_password_ok(NULL));
}
END_TEST

Suite *qc_suite_provision(void)
{
    Suite *s = suite_create("provision");
    TCase *tc = tcase_create("core");
    tcase_add_checked_fixture(tc, qc_test_pool_setup, qc_test_pool_teardown);
    tcase_add_test(tc, names_are_letters_digits_and_underscores);
    tcase_add_test(tc, passwords_are_base64url_of_16_to_128);
    suite_add_tcase(s, tc);
    return s;
}
