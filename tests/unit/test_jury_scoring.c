/* The jury's scoring rules (qc_jury_scoring.h): a judge's total and when it counts, the final
 * score (mean, dropping the extremes), points as shown, a judge's own unit, and the ranking of
 * entries with the committee's ties and the prizes. */
#include <string.h>
#include "qc_unit.h"
#include "qc_jury_scoring.h"

START_TEST(judge_total_is_the_sum_over_criteria)
{
    apr_int64_t pts[] = {45, 28, 17};
    ck_assert_int_eq(qc_jury_judge_total(pts, 3), 90);
    ck_assert_int_eq(qc_jury_judge_total(pts, 1), 45);
    ck_assert_int_eq(qc_jury_judge_total(pts, 0), 0);
}
END_TEST

START_TEST(only_a_judge_who_scored_every_criterion_counts)
{
    ck_assert(qc_jury_judge_counts(3, 3));
    ck_assert(!qc_jury_judge_counts(2, 3));
    ck_assert(!qc_jury_judge_counts(0, 3));
    /* a part without criteria: a judge with no score has (vacuously) finished */
    ck_assert(qc_jury_judge_counts(0, 0));
}
END_TEST

START_TEST(final_is_the_mean_rounded)
{
    int t[] = {80, 70, 75};
    int u[] = {80, 71};
    int v[] = {1, 1, 2}; /* 4/3 = 1.3333 */
    int w[] = {2, 2, 1}; /* 5/3 = 1.6667 rounds up */
    ck_assert_int_eq(qc_jury_final_milli(t, 3, 0), 75000);
    ck_assert_int_eq(qc_jury_final_milli(u, 2, 0), 75500);
    ck_assert_int_eq(qc_jury_final_milli(v, 3, 0), 1333);
    ck_assert_int_eq(qc_jury_final_milli(w, 3, 0), 1667);
    ck_assert_int_eq(qc_jury_final_milli(t, 0, 0), 0);
}
END_TEST

START_TEST(final_drops_highest_and_lowest)
{
    int t[] = {100, 60, 70, 80, 10};
    /* 60 70 80 remain */
    ck_assert_int_eq(qc_jury_final_milli(t, 5, 1), 70000);
    ck_assert_int_eq(qc_jury_final_milli(t, 5, 0), 64000);
    /* with two judges nothing is dropped */
    ck_assert_int_eq(qc_jury_final_milli(t, 2, 1), 80000);
}
END_TEST

START_TEST(points_shown_in_hundredths_rounded_half_up)
{
    ck_assert_str_eq(qc_jury_points_text(qc_test_pool, 75000), "75.00");
    ck_assert_str_eq(qc_jury_points_text(qc_test_pool, 1333), "1.33");
    ck_assert_str_eq(qc_jury_points_text(qc_test_pool, 1665), "1.67");
    ck_assert_str_eq(qc_jury_points_text(qc_test_pool, 1664), "1.66");
    ck_assert_str_eq(qc_jury_points_text(qc_test_pool, 99995), "100.00");
    ck_assert_str_eq(qc_jury_points_text(qc_test_pool, 0), "0.00");
    ck_assert_str_eq(qc_jury_points_text(qc_test_pool, 50), "0.05");
}
END_TEST

START_TEST(own_unit_is_the_entry_s_unit_or_the_one_above)
{
    ck_assert(qc_jury_own_unit("huyen-1", "huyen-1", "tinh"));
    ck_assert(qc_jury_own_unit("tinh", "huyen-1", "tinh"));
    ck_assert(!qc_jury_own_unit("huyen-2", "huyen-1", "tinh"));
    /* a judge of no unit belongs to none, even to an entry without a parent */
    ck_assert(!qc_jury_own_unit("", "huyen-1", ""));
    ck_assert(!qc_jury_own_unit(NULL, "huyen-1", "tinh"));
    /* recusal: left out by default, counted when the definition says so */
    ck_assert(qc_jury_recused("huyen-1", "huyen-1", "tinh", 0));
    ck_assert(qc_jury_recused("tinh", "huyen-1", "tinh", 0));
    ck_assert(!qc_jury_recused("huyen-1", "huyen-1", "tinh", 1));
    ck_assert(!qc_jury_recused("huyen-2", "huyen-1", "tinh", 0));
    ck_assert(!qc_jury_recused("", "huyen-1", "", 0));
    ck_assert(!qc_jury_own_unit("xa-1", "huyen-1", ""));
}
END_TEST

static qc_jury_ranked_t R(const char *id, apr_int64_t milli, int order)
{
    qc_jury_ranked_t r;
    memset(&r, 0, sizeof(r));
    r.entry_id = id;
    r.final_milli = milli;
    r.committee_order = order;
    return r;
}

/* Bến Tre: 1 first, 1 second, 2 third. */
static const qc_prize_tier_t BT[] = {{"Nhất", 1, 0}, {"Nhì", 1, 0}, {"Ba", 2, 0}};

START_TEST(rank_and_prizes)
{
    qc_jury_ranked_t e[] = {R("1", 70000, 0), R("2", 90500, 0), R("3", 80000, 0), R("4", 60000, 0),
                            R("5", 85000, 0)};
    qc_jury_rank(qc_test_pool, e, 5, BT, 3);
    ck_assert_str_eq(e[0].entry_id, "2");
    ck_assert_int_eq(e[0].tier, 0);
    ck_assert_str_eq(e[1].entry_id, "5");
    ck_assert_int_eq(e[1].tier, 1);
    ck_assert_str_eq(e[2].entry_id, "3");
    ck_assert_int_eq(e[2].tier, 2);
    ck_assert_str_eq(e[3].entry_id, "1");
    ck_assert_int_eq(e[3].tier, 2);
    ck_assert_str_eq(e[4].entry_id, "4");
    ck_assert_int_eq(e[4].tier, -1);
    ck_assert_int_eq(e[4].position, 5);
}
END_TEST

START_TEST(rank_tie_goes_to_the_committee)
{
    /* a tie for first straddles the first/second boundary: pending until the committee */
    qc_jury_ranked_t e[] = {R("1", 80000, 0), R("2", 80000, 0), R("3", 50000, 0)};
    qc_jury_ranked_t f[] = {R("1", 80000, 2), R("2", 80000, 1), R("3", 50000, 0)};
    qc_jury_rank(qc_test_pool, e, 3, BT, 3);
    ck_assert_int_eq(e[0].position, 1);
    ck_assert_int_eq(e[1].position, 1);
    ck_assert(e[0].pending && e[1].pending);
    ck_assert(e[0].prize_pending && e[1].prize_pending);
    /* the committee ordered them: 2 first */
    qc_jury_rank(qc_test_pool, f, 3, BT, 3);
    ck_assert_str_eq(f[0].entry_id, "2");
    ck_assert_int_eq(f[0].tier, 0);
    ck_assert_int_eq(f[1].tier, 1);
    ck_assert(!f[0].pending && !f[0].prize_pending);
}
END_TEST

START_TEST(rank_no_points_no_prize)
{
    /* four teams for four prizes, two of them not scored yet: they take none */
    qc_jury_ranked_t e[] = {R("1", 0, 0), R("2", 40000, 0), R("3", 0, 0), R("4", 12500, 0)};
    qc_jury_rank(qc_test_pool, e, 4, BT, 3);
    ck_assert_str_eq(e[0].entry_id, "2");
    ck_assert_int_eq(e[0].tier, 0);
    ck_assert_int_eq(e[1].tier, 1);
    ck_assert_int_eq(e[2].tier, -1);
    ck_assert_int_eq(e[3].tier, -1);
    ck_assert(!e[2].prize_pending && !e[3].prize_pending);
    ck_assert_int_eq(e[2].position, 3); /* still ranked */
}
END_TEST

Suite *qc_suite_jury_scoring(void)
{
    Suite *s = suite_create("jury_scoring");
    TCase *t = tcase_create("jury_scoring");
    tcase_add_checked_fixture(t, qc_test_pool_setup, qc_test_pool_teardown);
    tcase_add_test(t, judge_total_is_the_sum_over_criteria);
    tcase_add_test(t, only_a_judge_who_scored_every_criterion_counts);
    tcase_add_test(t, final_is_the_mean_rounded);
    tcase_add_test(t, final_drops_highest_and_lowest);
    tcase_add_test(t, points_shown_in_hundredths_rounded_half_up);
    tcase_add_test(t, own_unit_is_the_entry_s_unit_or_the_one_above);
    tcase_add_test(t, rank_and_prizes);
    tcase_add_test(t, rank_tie_goes_to_the_committee);
    tcase_add_test(t, rank_no_points_no_prize);
    suite_add_tcase(s, t);
    return s;
}
