/* The pure rules of attempts and contests: which attempt counts, canonical selections, and a
 * contest's status at an instant (weekly rounds). */
#include <string.h>
#include <apr_strings.h>
#include "qc_unit.h"
#include "qc_attempt.h"
#include "qc_contest.h"
#include "qc_time.h"

static qc_attempt_t make(const char *id, const char *round, const char *state, int score,
                         apr_int64_t ms)
{
    qc_attempt_t a;
    memset(&a, 0, sizeof(a));
    a.id = id;
    a.round_id = round;
    a.state = state;
    a.score = score;
    a.time_taken_ms = ms;
    return a;
}

START_TEST(counted_is_highest_score_then_shortest_time)
{
    apr_array_header_t *h = apr_array_make(qc_test_pool, 4, sizeof(qc_attempt_t));
    APR_ARRAY_PUSH(h, qc_attempt_t) = make("1", "r1", "submitted", 12, 300000);
    APR_ARRAY_PUSH(h, qc_attempt_t) = make("2", "r1", "submitted", 14, 500000);
    APR_ARRAY_PUSH(h, qc_attempt_t) = make("3", "r1", "expired", 14, 499999);
    APR_ARRAY_PUSH(h, qc_attempt_t) = make("4", "r2", "submitted", 15, 100);
    APR_ARRAY_PUSH(h, qc_attempt_t) = make("5", "r1", "open", -1, -1);
    ck_assert_str_eq(qc_attempt_counted(h, "r1", "best")->id, "3");
    ck_assert_str_eq(qc_attempt_counted(h, "r2", "best")->id, "4");
    ck_assert_ptr_null(qc_attempt_counted(h, "r3", "best"));
}
END_TEST

START_TEST(counted_tie_keeps_the_earlier)
{
    apr_array_header_t *h = apr_array_make(qc_test_pool, 4, sizeof(qc_attempt_t));
    APR_ARRAY_PUSH(h, qc_attempt_t) = make("1", "r1", "submitted", 10, 1000);
    APR_ARRAY_PUSH(h, qc_attempt_t) = make("2", "r1", "submitted", 10, 1000);
    ck_assert_str_eq(qc_attempt_counted(h, "r1", "best")->id, "1");
}
END_TEST

START_TEST(counted_first_and_last)
{
    apr_array_header_t *h = apr_array_make(qc_test_pool, 4, sizeof(qc_attempt_t));
    APR_ARRAY_PUSH(h, qc_attempt_t) = make("1", "r1", "submitted", 5, 1000);
    APR_ARRAY_PUSH(h, qc_attempt_t) = make("2", "r1", "submitted", 15, 900);
    APR_ARRAY_PUSH(h, qc_attempt_t) = make("3", "r1", "expired", 9, 1800000);
    APR_ARRAY_PUSH(h, qc_attempt_t) = make("4", "r1", "open", -1, -1);
    ck_assert_str_eq(qc_attempt_counted(h, "r1", "first")->id, "1");
    ck_assert_str_eq(qc_attempt_counted(h, "r1", "last")->id, "3");
    ck_assert_str_eq(qc_attempt_counted(h, "r1", "best")->id, "2");
}
END_TEST

START_TEST(canonical_selection_sorts_numerically)
{
    apr_array_header_t *ids = apr_array_make(qc_test_pool, 4, sizeof(const char *));
    APR_ARRAY_PUSH(ids, const char *) = "12";
    APR_ARRAY_PUSH(ids, const char *) = "3";
    APR_ARRAY_PUSH(ids, const char *) = "12";
    APR_ARRAY_PUSH(ids, const char *) = "";
    ck_assert_str_eq(qc_attempt_canonical_selection(qc_test_pool, ids), "3,12");
    APR_ARRAY_PUSH(ids, const char *) = "1 OR 1=1";
    ck_assert_ptr_null(qc_attempt_canonical_selection(qc_test_pool, ids));
}
END_TEST

/* A page names options by their places in the order shown; the stored selection is the ids. */
START_TEST(places_name_the_ids_in_the_order_shown)
{
    static const char *const order[] = {"40", "7", "123",
                                        "9"}; /* shuffled: bank order 7,9,40,123 */
    apr_array_header_t *places = apr_array_make(qc_test_pool, 4, sizeof(const char *));
    ck_assert_str_eq(qc_attempt_selection_of_places(qc_test_pool, order, 4, places), "");
    APR_ARRAY_PUSH(places, const char *) = "1";
    ck_assert_str_eq(qc_attempt_selection_of_places(qc_test_pool, order, 4, places), "40");
    APR_ARRAY_PUSH(places, const char *) = "3";
    APR_ARRAY_PUSH(places, const char *) = "";
    APR_ARRAY_PUSH(places, const char *) = "1";
    ck_assert_str_eq(qc_attempt_selection_of_places(qc_test_pool, order, 4, places), "40,123");
    /* a place the item does not have, or anything but a place, names nothing */
    {
        static const char *const bad[] = {"0", "5", "-1", "40", "x", "1.0", " 1", "01x"};
        int i;
        for (i = 0; i < (int)(sizeof(bad) / sizeof(bad[0])); i++) {
            apr_array_header_t *one = apr_array_make(qc_test_pool, 1, sizeof(const char *));
            APR_ARRAY_PUSH(one, const char *) = bad[i];
            ck_assert_msg(qc_attempt_selection_of_places(qc_test_pool, order, 4, one) == NULL,
                          "place \"%s\" accepted", bad[i]);
        }
    }
}
END_TEST

/* Bến Tre: 5 weekly rounds, 08:00 Monday to 24:00 Sunday, from 10/6/2024 */
static qc_contest_t *weekly(void)
{
    qc_contest_t *c = apr_pcalloc(qc_test_pool, sizeof(*c));
    int k;
    apr_int64_t first_open, first_close;
    c->rounds = apr_array_make(qc_test_pool, 5, sizeof(qc_round_t));
    qc_time_parse_local("2024-06-10 08:00", QC_TZ_VIETNAM_MIN, &first_open);
    qc_time_parse_local("2024-06-16 24:00", QC_TZ_VIETNAM_MIN, &first_close);
    for (k = 0; k < 5; k++) {
        qc_round_t *r = apr_array_push(c->rounds);
        r->id = apr_itoa(qc_test_pool, k + 1);
        r->seq = k + 1;
        r->opens_ms = first_open + (apr_int64_t)k * 7 * 86400000;
        r->closes_ms = first_close + (apr_int64_t)k * 7 * 86400000;
        r->attempts_allowed = 3;
    }
    return c;
}

START_TEST(weekly_rounds_status)
{
    qc_contest_t *c = weekly();
    const qc_round_t *cur;
    apr_int64_t next, t;
    qc_time_parse_local("2024-06-10 07:59", QC_TZ_VIETNAM_MIN, &t);
    ck_assert_int_eq(qc_contest_status(c, t, &cur, &next), QC_CONTEST_UPCOMING);
    qc_time_parse_local("2024-06-10 08:00", QC_TZ_VIETNAM_MIN, &t);
    ck_assert_int_eq(qc_contest_status(c, t, &cur, &next), QC_CONTEST_OPEN);
    ck_assert_str_eq(cur->id, "1");
    qc_time_parse_local("2024-06-16 23:59:59", QC_TZ_VIETNAM_MIN, &t);
    ck_assert_int_eq(qc_contest_status(c, t, &cur, &next), QC_CONTEST_OPEN);
    qc_time_parse_local("2024-06-17 00:00", QC_TZ_VIETNAM_MIN, &t);
    ck_assert_int_eq(qc_contest_status(c, t, &cur, &next), QC_CONTEST_BETWEEN);
    ck_assert_ptr_null(cur);
    qc_time_parse_local("2024-06-17 08:00", QC_TZ_VIETNAM_MIN, &t);
    ck_assert_int_eq(next, t);
    qc_time_parse_local("2024-07-10 12:00", QC_TZ_VIETNAM_MIN, &t);
    ck_assert_int_eq(qc_contest_status(c, t, &cur, &next), QC_CONTEST_OPEN);
    ck_assert_str_eq(cur->id, "5");
    qc_time_parse_local("2024-07-15 00:00", QC_TZ_VIETNAM_MIN, &t);
    ck_assert_int_eq(qc_contest_status(c, t, &cur, &next), QC_CONTEST_CLOSED);
    ck_assert_int_eq(next, 0);
}
END_TEST

START_TEST(window_end_is_written_24_00)
{
    apr_int64_t t;
    qc_time_parse_local("2024-06-16 24:00", QC_TZ_VIETNAM_MIN, &t);
    ck_assert_str_eq(qc_time_format_local_end(qc_test_pool, t, QC_TZ_VIETNAM_MIN),
                     "16/06/2024 24:00");
    ck_assert_str_eq(qc_time_format_local(qc_test_pool, t, QC_TZ_VIETNAM_MIN), "17/06/2024 00:00");
    qc_time_parse_local("2024-12-13 17:00", QC_TZ_VIETNAM_MIN, &t);
    ck_assert_str_eq(qc_time_format_local_end(qc_test_pool, t, QC_TZ_VIETNAM_MIN),
                     "13/12/2024 17:00");
}
END_TEST

Suite *qc_suite_attempt(void)
{
    Suite *s = suite_create("attempt");
    TCase *tc = tcase_create("rules");
    tcase_add_checked_fixture(tc, qc_test_pool_setup, qc_test_pool_teardown);
    tcase_add_test(tc, counted_is_highest_score_then_shortest_time);
    tcase_add_test(tc, counted_tie_keeps_the_earlier);
    tcase_add_test(tc, counted_first_and_last);
    tcase_add_test(tc, canonical_selection_sorts_numerically);
    tcase_add_test(tc, places_name_the_ids_in_the_order_shown);
    tcase_add_test(tc, weekly_rounds_status);
    tcase_add_test(tc, window_end_is_written_24_00);
    suite_add_tcase(s, tc);
    return s;
}
