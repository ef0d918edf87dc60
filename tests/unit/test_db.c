/* The store's retry rules that need no server: which MariaDB errors are conflicts to run
 * again, and the pause between tries (qc_db.h). The runner itself is exercised against a real
 * Galera cluster by tests/http/test_cluster.py. */
#include "qc_unit.h"
#include "qc_db.h"
#include "qc_status.h"

START_TEST(conflicts_are_retry_and_galera_not_ready_is_down)
{
    ck_assert_int_eq(qc_db_status_of(1213), QC_ERETRY);  /* deadlock, certification conflict */
    ck_assert_int_eq(qc_db_status_of(1205), QC_ERETRY);  /* lock wait timeout */
    ck_assert_int_eq(qc_db_status_of(1047), QC_EDBDOWN); /* WSREP not ready: not primary */
    ck_assert_int_eq(qc_db_status_of(2013), QC_EDBDOWN);
    ck_assert_int_eq(qc_db_status_of(1062), QC_ECONFLICT);
    ck_assert_int_eq(qc_db_status_of(1064), QC_EDB);
}
END_TEST

START_TEST(pause_doubles_from_one_millisecond_and_is_capped)
{
    int a;
    apr_interval_time_t prev_max = 0;
    for (a = 1; a <= 10; a++) {
        apr_interval_time_t lo = qc_db_retry_pause(a, 0), hi = qc_db_retry_pause(a, 0xffffffffu);
        ck_assert_int_le(lo, hi);
        ck_assert_int_ge(hi, prev_max); /* never shorter than the try before */
        ck_assert_int_le(hi, 64000);
        prev_max = hi;
    }
    ck_assert_int_eq(qc_db_retry_pause(1, 0), 500);    /* half of 1 ms */
    ck_assert_int_eq(qc_db_retry_pause(2, 0), 1000);   /* half of 2 ms */
    ck_assert_int_eq(qc_db_retry_pause(10, 0), 32000); /* half of the 64 ms cap */
    ck_assert_int_le(qc_db_retry_pause(3, 12345), 4000);
    ck_assert_int_ge(qc_db_retry_pause(3, 12345), 2000);
}
END_TEST

START_TEST(counts_start_at_zero)
{
    apr_uint32_t retried = 1, exhausted = 1;
    qc_db_retry_counts(&retried, &exhausted);
    ck_assert_uint_eq(retried, 0);
    ck_assert_uint_eq(exhausted, 0);
}
END_TEST

Suite *qc_suite_db(void)
{
    Suite *s = suite_create("db");
    TCase *tc = tcase_create("retry");
    tcase_add_checked_fixture(tc, qc_test_pool_setup, qc_test_pool_teardown);
    tcase_add_test(tc, conflicts_are_retry_and_galera_not_ready_is_down);
    tcase_add_test(tc, pause_doubles_from_one_millisecond_and_is_capped);
    tcase_add_test(tc, counts_start_at_zero);
    suite_add_tcase(s, tc);
    return s;
}
