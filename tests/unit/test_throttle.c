/* Unit tests of lib/qc_throttle.c: the login back-off rule. */
#include <limits.h>

#include "qc_throttle.h"
#include "qc_unit.h"

#define LAST APR_INT64_C(1733706000000) /* 2024-12-09 01:00:00 UTC */
#define SEC APR_INT64_C(1000)

START_TEST(test_free_failures)
{
    int f;

    for (f = 0; f <= QC_THROTTLE_PAIR_FREE; f++) {
        ck_assert_int_eq(qc_throttle_retry_at(f, QC_THROTTLE_PAIR_FREE, LAST), 0);
    }
    for (f = 0; f <= QC_THROTTLE_PAIR_FREE_BUSY; f++) {
        ck_assert_int_eq(qc_throttle_retry_at(f, QC_THROTTLE_PAIR_FREE_BUSY, LAST), 0);
    }
    ck_assert_int_eq(qc_throttle_retry_at(-3, QC_THROTTLE_PAIR_FREE, LAST), 0);
    ck_assert_int_eq(qc_throttle_retry_at(0, 0, LAST), 0);
}
END_TEST

/* 6th failure 30 s, 7th 60 s, then doubling, to the 15-minute ceiling. */
START_TEST(test_doubling)
{
    const int nfree = QC_THROTTLE_PAIR_FREE;

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
        ck_assert_int_eq(qc_throttle_retry_at(f, QC_THROTTLE_PAIR_FREE, LAST),
                         LAST + QC_THROTTLE_WINDOW_MS);
    }
    ck_assert_int_eq(qc_throttle_retry_at(INT_MAX, QC_THROTTLE_PAIR_FREE, LAST),
                     LAST + QC_THROTTLE_WINDOW_MS);
    ck_assert_int_eq(qc_throttle_retry_at(INT_MAX, 0, LAST), LAST + QC_THROTTLE_WINDOW_MS);
}
END_TEST

/* The account's delay: 12 free, then 15 s doubling to two minutes, never more. */
START_TEST(test_account_delay)
{
    const int nfree = QC_THROTTLE_ACCOUNT_FREE;
    const apr_int64_t first = QC_THROTTLE_ACCOUNT_FIRST_DELAY_MS;
    const apr_int64_t most = QC_THROTTLE_ACCOUNT_MAX_DELAY_MS;
    int f;

    ck_assert_int_eq(qc_throttle_backoff(nfree, nfree, first, most, LAST), 0);
    ck_assert_int_eq(qc_throttle_backoff(13, nfree, first, most, LAST), LAST + 15 * SEC);
    ck_assert_int_eq(qc_throttle_backoff(14, nfree, first, most, LAST), LAST + 30 * SEC);
    ck_assert_int_eq(qc_throttle_backoff(15, nfree, first, most, LAST), LAST + 60 * SEC);
    ck_assert_int_eq(qc_throttle_backoff(16, nfree, first, most, LAST), LAST + 120 * SEC);
    for (f = 17; f < 1000; f++) {
        ck_assert_int_eq(qc_throttle_backoff(f, nfree, first, most, LAST), LAST + 120 * SEC);
    }
    ck_assert_int_eq(qc_throttle_backoff(INT_MAX, nfree, first, most, LAST), LAST + 120 * SEC);
}
END_TEST

static qc_throttle_counts_t counts(int pair, int account, int address)
{
    qc_throttle_counts_t c;

    c.pair_failures = pair;
    c.pair_last_ms = pair ? LAST : 0;
    c.account_failures = account;
    c.account_last_ms = account ? LAST : 0;
    c.address_failures = address;
    return c;
}

/* A guesser at one address is refused there; the owner elsewhere is not. */
START_TEST(test_login_pair_refused_owner_elsewhere_not)
{
    qc_throttle_counts_t guesser = counts(6, 6, 6), owner = counts(0, 6, 0);
    apr_int64_t at = -1;

    ck_assert_int_eq(qc_throttle_login(&guesser, LAST + SEC, &at), QC_THROTTLE_REFUSED);
    ck_assert_int_eq(at, LAST + 30 * SEC);
    ck_assert_int_eq(qc_throttle_login(&guesser, LAST + 30 * SEC, &at), QC_THROTTLE_OK);
    ck_assert_int_eq(at, 0);
    ck_assert_int_eq(qc_throttle_login(&owner, LAST + SEC, &at), QC_THROTTLE_OK);
    ck_assert_int_eq(at, 0);
    /* five free failures of the pair, then the wait */
    guesser = counts(5, 5, 5);
    ck_assert_int_eq(qc_throttle_login(&guesser, LAST, &at), QC_THROTTLE_OK);
}
END_TEST

/* Failures of the account from many addresses delay everyone, at most two minutes. */
START_TEST(test_login_account_delayed_bounded)
{
    qc_throttle_counts_t c = counts(0, 12, 0);
    apr_int64_t at = -1;

    ck_assert_int_eq(qc_throttle_login(&c, LAST, &at), QC_THROTTLE_OK);
    c = counts(0, 13, 0);
    ck_assert_int_eq(qc_throttle_login(&c, LAST + SEC, &at), QC_THROTTLE_DELAYED);
    ck_assert_int_eq(at, LAST + 15 * SEC);
    c = counts(0, 100000, 3);
    ck_assert_int_eq(qc_throttle_login(&c, LAST + SEC, &at), QC_THROTTLE_DELAYED);
    ck_assert_int_eq(at, LAST + 120 * SEC);
    ck_assert_int_eq(qc_throttle_login(&c, LAST + 120 * SEC, &at), QC_THROTTLE_OK);
    /* refused and delayed at once: refused, until the later of both */
    c = counts(6, 16, 6);
    ck_assert_int_eq(qc_throttle_login(&c, LAST + SEC, &at), QC_THROTTLE_REFUSED);
    ck_assert_int_eq(at, LAST + 120 * SEC);
    c = counts(11, 13, 11);
    ck_assert_int_eq(qc_throttle_login(&c, LAST + SEC, &at), QC_THROTTLE_REFUSED);
    ck_assert_int_eq(at, LAST + QC_THROTTLE_WINDOW_MS);
}
END_TEST

/* A busy address (many failures over many accounts: a NAT, or a guesser trying every
 * account) refuses nobody who has not failed; its pairs wait after one failure. */
START_TEST(test_login_busy_address)
{
    qc_throttle_counts_t c = counts(0, 0, 100000);
    apr_int64_t at = -1;

    ck_assert_int_eq(qc_throttle_login(&c, LAST, &at), QC_THROTTLE_OK);
    c = counts(1, 1, QC_THROTTLE_ADDRESS_BUSY);
    ck_assert_int_eq(qc_throttle_login(&c, LAST + SEC, &at), QC_THROTTLE_OK);
    c = counts(2, 2, QC_THROTTLE_ADDRESS_BUSY);
    ck_assert_int_eq(qc_throttle_login(&c, LAST + SEC, &at), QC_THROTTLE_REFUSED);
    ck_assert_int_eq(at, LAST + 30 * SEC);
    c = counts(2, 2, QC_THROTTLE_ADDRESS_BUSY - 1);
    ck_assert_int_eq(qc_throttle_login(&c, LAST + SEC, &at), QC_THROTTLE_OK);
}
END_TEST

/*
 * One guessing address, trying the account again the moment it is allowed, for six hours:
 * its failures within any window never reach the account's free count, so the owner at
 * another address is never even delayed; and the guesser gets few tries per window.
 */
START_TEST(test_one_address_never_delays_the_owner)
{
    apr_int64_t fails[4096];
    int n = 0, most = 0, i;
    apr_int64_t now = LAST;

    while (now < LAST + 6 * 3600 * SEC && n < 4096) {
        qc_throttle_counts_t c;
        qc_throttle_counts_t owner;
        apr_int64_t at;
        int in = 0;

        for (i = 0; i < n; i++) {
            in += fails[i] > now - QC_THROTTLE_WINDOW_MS;
        }
        c = counts(in, in, in);
        c.pair_last_ms = c.account_last_ms = n ? fails[n - 1] : 0;
        owner = c;
        owner.pair_failures = 0;
        owner.pair_last_ms = 0;
        owner.address_failures = 0;
        ck_assert_int_eq(qc_throttle_login(&owner, now, &at), QC_THROTTLE_OK);
        if (qc_throttle_login(&c, now, &at) == QC_THROTTLE_OK) {
            fails[n++] = now;
            if (in + 1 > most) {
                most = in + 1;
            }
            now += SEC; /* the answer takes a moment */
        }
        else {
            ck_assert_int_gt(at, now);
            now = at;
        }
    }
    ck_assert_int_le(most, QC_THROTTLE_ACCOUNT_FREE);
    ck_assert_int_ge(most, QC_THROTTLE_PAIR_FREE);
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
        apr_int64_t at = qc_throttle_retry_at(f, QC_THROTTLE_PAIR_FREE, LAST);

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
    tcase_add_test(tc, test_account_delay);
    tcase_add_test(tc, test_login_pair_refused_owner_elsewhere_not);
    tcase_add_test(tc, test_login_account_delayed_bounded);
    tcase_add_test(tc, test_login_busy_address);
    tcase_add_test(tc, test_one_address_never_delays_the_owner);
    tcase_add_test(tc, test_zero_free);
    tcase_add_test(tc, test_monotonic);
    suite_add_tcase(s, tc);
    return s;
}
