/* Unit tests of lib/qc_throttle.c: the login back-off rule. */
#include <limits.h>

#include "qc_throttle.h"
#include "qc_unit.h"

#define LAST APR_INT64_C(1733706000000) /* 2024-12-09 01:00:00 UTC */
#define SEC APR_INT64_C(1000)

START_TEST(test_free_failures)
{
    int f;

    for (f = 0; f <= QC_THROTTLE_ACCOUNT_FREE; f++) {
        ck_assert_int_eq(qc_throttle_retry_at(f, QC_THROTTLE_ACCOUNT_FREE, LAST), 0);
    }
    for (f = 0; f <= QC_THROTTLE_ADDRESS_FREE; f++) {
        ck_assert_int_eq(qc_throttle_retry_at(f, QC_THROTTLE_ADDRESS_FREE, LAST), 0);
    }
    ck_assert_int_eq(qc_throttle_retry_at(-3, QC_THROTTLE_ACCOUNT_FREE, LAST), 0);
    ck_assert_int_eq(qc_throttle_retry_at(0, 0, LAST), 0);
}
END_TEST

/* 6th failure 30 s, 7th 60 s, then doubling, to the 15-minute ceiling. */
START_TEST(test_doubling)
{
    const int nfree = QC_THROTTLE_ACCOUNT_FREE;

    ck_assert_int_eq(qc_throttle_retry_at(6, nfree, LAST), LAST + 30 * SEC);
    ck_assert_int_eq(qc_throttle_retry_at(7, nfree, LAST), LAST + 60 * SEC);
    ck_assert_int_eq(qc_throttle_retry_at(8, nfree, LAST), LAST + 120 * SEC);
    ck_assert_int_eq(qc_throttle_retry_at(9, nfree, LAST), LAST + 240 * SEC);
    ck_assert_int_eq(qc_throttle_retry_at(10, nfree, LAST), LAST + 480 * SEC);
    /* 960 s would exceed the window: capped at 900 s. */
    ck_assert_int_eq(qc_throttle_retry_at(11, nfree, LAST), LAST + 900 * SEC);
    ck_assert_int_eq(qc_throttle_retry_at(12, nfree, LAST), LAST + QC_THROTTLE_WINDOW_MS);
    ck_assert_int_eq(QC_THROTTLE_WINDOW_MS, 900 * SEC);
}
END_TEST

START_TEST(test_ceiling_without_overflow)
{
    int f;

    for (f = 11; f < 200; f++) {
        ck_assert_int_eq(qc_throttle_retry_at(f, QC_THROTTLE_ACCOUNT_FREE, LAST),
                         LAST + QC_THROTTLE_WINDOW_MS);
    }
    ck_assert_int_eq(qc_throttle_retry_at(INT_MAX, QC_THROTTLE_ACCOUNT_FREE, LAST),
                     LAST + QC_THROTTLE_WINDOW_MS);
    ck_assert_int_eq(qc_throttle_retry_at(INT_MAX, 0, LAST), LAST + QC_THROTTLE_WINDOW_MS);
}
END_TEST

START_TEST(test_address_rule)
{
    ck_assert_int_eq(qc_throttle_retry_at(51, QC_THROTTLE_ADDRESS_FREE, LAST), LAST + 30 * SEC);
    ck_assert_int_eq(qc_throttle_retry_at(52, QC_THROTTLE_ADDRESS_FREE, LAST), LAST + 60 * SEC);
    ck_assert_int_eq(qc_throttle_retry_at(80, QC_THROTTLE_ADDRESS_FREE, LAST),
                     LAST + QC_THROTTLE_WINDOW_MS);
}
END_TEST

START_TEST(test_zero_free)
{
    ck_assert_int_eq(qc_throttle_retry_at(1, 0, LAST), LAST + 30 * SEC);
    ck_assert_int_eq(qc_throttle_retry_at(2, 0, LAST), LAST + 60 * SEC);
    ck_assert_int_eq(qc_throttle_retry_at(1, -5, LAST), LAST + 30 * SEC);
    /* The wait counts from the newest failure, whatever it is. */
    ck_assert_int_eq(qc_throttle_retry_at(1, 0, 1000), 31000);
}
END_TEST

/* The wait never shrinks as failures grow and never exceeds the window. */
START_TEST(test_monotonic)
{
    apr_int64_t prev = 0;
    int f;

    for (f = 0; f < 100; f++) {
        apr_int64_t at = qc_throttle_retry_at(f, QC_THROTTLE_ACCOUNT_FREE, LAST);

        ck_assert_int_ge(at, prev);
        ck_assert_int_le(at, LAST + QC_THROTTLE_WINDOW_MS);
        prev = at;
    }
}
END_TEST

Suite *qc_suite_throttle(void)
{
    Suite *s = suite_create("throttle");
    TCase *tc = tcase_create("core");

    tcase_add_checked_fixture(tc, qc_test_pool_setup, qc_test_pool_teardown);
    tcase_add_test(tc, test_free_failures);
    tcase_add_test(tc, test_doubling);
    tcase_add_test(tc, test_ceiling_without_overflow);
    tcase_add_test(tc, test_address_rule);
    tcase_add_test(tc, test_zero_free);
    tcase_add_test(tc, test_monotonic);
    suite_add_tcase(s, tc);
    return s;
}
