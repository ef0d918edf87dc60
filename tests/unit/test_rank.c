/* The ranking rule step by step, prize allocation for each plan's structure, the collective
 * formulas and the unit roll-up. */
#include <string.h>
#include <apr_strings.h>
#include "qc_rank.h"
#include "qc_results.h"
#include "qc_unit.h"
#include "qc_util.h"
#include "qc_xslt.h"

/* An entry: id, score, time, prediction (-1: none), committee order. */
static qc_rank_entry_t E(const char *id, int score, apr_int64_t ms, apr_int64_t pred, int order)
{
    qc_rank_entry_t e;
    memset(&e, 0, sizeof(e));
    e.contestant_id = id;
    e.score = score;
    e.time_ms = ms;
    e.has_prediction = pred >= 0;
    e.prediction = pred >= 0 ? pred : 0;
    e.committee_order = order;
    return e;
}

/* "id:position:rule" for each entry, with '*' after a pending one. */
static const char *dump(const qc_rank_entry_t *e, int n)
{
    const char *out = "";
    int i;
    for (i = 0; i < n; i++) {
        out = apr_psprintf(qc_test_pool, "%s%s%s:%d:%s%s", out, i ? " " : "", e[i].contestant_id,
                           e[i].position, qc_rank_rule_name(e[i].rule), e[i].pending ? "*" : "");
    }
    return out;
}

START_TEST(score_orders_first)
{
    qc_rank_entry_t e[] = {E("1", 10, 5000, 7, 0), E("2", 12, 9000, 7, 0), E("3", 11, 1, 7, 0)};
    qc_rank_entries(e, 3, 1, 7);
    ck_assert_str_eq(dump(e, 3), "2:1: 3:2:score 1:3:score");
}
END_TEST

START_TEST(time_separates_by_one_millisecond)
{
    qc_rank_entry_t e[] = {E("1", 15, 600001, 50, 0), E("2", 15, 600000, 500, 0),
                           E("3", 14, 1000, 100, 0)};
    qc_rank_entries(e, 3, 1, 100);
    /* 2 is one millisecond faster: above 1 though its prediction is worse */
    ck_assert_str_eq(dump(e, 3), "2:1: 1:2:time 3:3:score");
}
END_TEST

START_TEST(prediction_separates_equal_score_and_time)
{
    qc_rank_entry_t e[] = {E("1", 15, 600000, 90, 0), E("2", 15, 600000, 101, 0),
                           E("3", 15, 600000, -1, 0), E("4", 15, 600000, 100, 0)};
    qc_rank_entries(e, 4, 1, 100);
    /* exact first, then 1 away, then 10 away, then no prediction at all */
    ck_assert_str_eq(dump(e, 4), "4:1: 2:2:prediction 1:3:prediction 3:4:prediction");
    ck_assert_int_eq(e[0].distance, 0);
    ck_assert_int_eq(e[1].distance, 1);
    ck_assert_int_eq(e[2].distance, 10);
    ck_assert_int_eq(e[3].distance, -1);
}
END_TEST

START_TEST(equal_distances_on_both_sides_of_target_tie)
{
    qc_rank_entry_t e[] = {E("7", 15, 600000, 105, 0), E("5", 15, 600000, 95, 0),
                           E("9", 16, 900000, 0, 0)};
    qc_rank_entries(e, 3, 1, 100);
    /* 95 and 105 are both 5 away: neither is closer; listed by id, both pending */
    ck_assert_str_eq(dump(e, 3), "9:1: 5:2:score* 7:2:tie*");
    ck_assert_int_eq(e[1].tie_size, 2);
    ck_assert_int_eq(e[2].tie_size, 2);
    ck_assert_int_eq(e[0].pending, 0);
}
END_TEST

START_TEST(no_target_means_prediction_separates_nobody)
{
    qc_rank_entry_t e[] = {E("1", 15, 600000, 90, 0), E("2", 15, 600000, 100, 0)};
    qc_rank_entries(e, 2, 0, 0);
    ck_assert_str_eq(dump(e, 2), "1:1:* 2:1:tie*");
}
END_TEST

START_TEST(missing_predictions_tie_with_each_other)
{
    qc_rank_entry_t e[] = {E("3", 15, 1000, -1, 0), E("2", 15, 1000, -1, 0),
                           E("1", 15, 1000, 3, 0)};
    qc_rank_entries(e, 3, 1, 1000);
    ck_assert_str_eq(dump(e, 3), "1:1: 2:2:prediction* 3:2:tie*");
}
END_TEST

START_TEST(three_way_committee_tie_settled)
{
    qc_rank_entry_t e[] = {E("10", 15, 600000, 120, 2), E("11", 15, 600000, 80, 3),
                           E("12", 15, 600000, 120, 1), E("13", 20, 700000, -1, 0),
                           E("14", 10, 1, 100, 0)};
    qc_rank_entries(e, 5, 1, 100);
    ck_assert_str_eq(dump(e, 5), "13:1: 12:2:score 10:3:committee 11:4:committee 14:5:score");
    ck_assert_int_eq(e[1].tie_size, 3);
}
END_TEST

START_TEST(three_way_committee_tie_partly_ordered_stays_pending)
{
    qc_rank_entry_t e[] = {E("10", 15, 600000, 120, 2), E("11", 15, 600000, 80, 0),
                           E("12", 15, 600000, 120, 1), E("9", 16, 1, 1, 0)};
    qc_rank_entries(e, 4, 1, 100);
    ck_assert_str_eq(dump(e, 4), "9:1: 10:2:score* 11:2:tie* 12:2:tie*");
}
END_TEST

START_TEST(committee_order_with_duplicates_stays_pending)
{
    qc_rank_entry_t e[] = {E("3", 15, 600000, 120, 1), E("2", 15, 600000, 80, 1),
                           E("1", 15, 600000, 120, 2)};
    qc_rank_entries(e, 3, 1, 100);
    ck_assert_str_eq(dump(e, 3), "1:1:* 2:1:tie* 3:1:tie*");
}
END_TEST

START_TEST(committee_order_ignored_without_tie)
{
    /* a stale order (the data changed) never overrides the chain */
    qc_rank_entry_t e[] = {E("1", 15, 600001, 100, 1), E("2", 15, 600000, 100, 2)};
    qc_rank_entries(e, 2, 1, 100);
    ck_assert_str_eq(dump(e, 2), "2:1: 1:2:time");
}
END_TEST

START_TEST(competition_positions)
{
    qc_rank_entry_t e[] = {E("1", 9, 1, 1, 0), E("2", 9, 1, 1, 0), E("3", 9, 1, 1, 0),
                           E("4", 8, 1, 1, 0), E("5", 10, 1, 1, 0)};
    qc_rank_entries(e, 5, 1, 1);
    ck_assert_str_eq(dump(e, 5), "5:1: 1:2:score* 2:2:tie* 3:2:tie* 4:5:score");
}
END_TEST

START_TEST(ids_sort_numerically_in_ties)
{
    qc_rank_entry_t e[] = {E("10", 9, 1, 1, 0), E("9", 9, 1, 1, 0), E("100", 9, 1, 1, 0)};
    qc_rank_entries(e, 3, 1, 1);
    ck_assert_str_eq(dump(e, 3), "9:1:* 10:1:tie* 100:1:tie*");
}
END_TEST

START_TEST(empty_and_single)
{
    qc_rank_entry_t e[] = {E("1", 0, 0, -1, 0)};
    qc_rank_entries(e, 0, 1, 0);
    qc_rank_entries(e, 1, 1, 0);
    ck_assert_str_eq(dump(e, 1), "1:1:");
}
END_TEST

/* ---- prizes ---------------------------------------------------------------------------------- */

/* Ranked entries with distinct positions 1..n. */
static qc_rank_entry_t *distinct(int n)
{
    qc_rank_entry_t *e = apr_pcalloc(qc_test_pool, sizeof(*e) * (size_t)n);
    int i;
    for (i = 0; i < n; i++) {
        e[i] = E(apr_itoa(qc_test_pool, i + 1), 100 - i, 1000, 0, 0);
    }
    qc_rank_entries(e, n, 1, 0);
    return e;
}

/* The tier index of each entry as digits ('-' none, 'p' pending). */
static const char *tiers_of(const qc_prize_award_t *a, int n)
{
    char *s = apr_pcalloc(qc_test_pool, (size_t)n + 1);
    int i;
    for (i = 0; i < n; i++) {
        s[i] = a[i].pending ? 'p' : a[i].tier < 0 ? '-' : (char)('0' + a[i].tier);
    }
    return s;
}

static const qc_prize_tier_t THAI_NGUYEN[] = {{"Giải Nhất", 1, 1000000},
                                              {"Giải Nhì", 2, 700000},
                                              {"Giải Ba", 3, 500000},
                                              {"Giải Khuyến khích", 5, 300000}};
static const qc_prize_tier_t BEN_TRE[] = {
    {"Giải Nhất", 1, 1000000}, {"Giải Nhì", 1, 800000}, {"Giải Ba", 1, 600000}};
static const qc_prize_tier_t DAK_NONG[] = {
    {"Giải Nhất", 1, 0}, {"Giải Nhì", 1, 0}, {"Giải Ba", 2, 0}, {"Giải Khuyến khích", 3, 0}};

START_TEST(prizes_thai_nguyen)
{
    qc_rank_entry_t *e = distinct(14);
    qc_prize_award_t a[14];
    ck_assert_int_eq(qc_rank_allocate(e, 14, THAI_NGUYEN, 4, NULL, a), 11);
    ck_assert_str_eq(tiers_of(a, 14), "01122233333---");
}
END_TEST

START_TEST(prizes_ben_tre_weekly)
{
    qc_rank_entry_t *e = distinct(5);
    qc_prize_award_t a[5];
    ck_assert_int_eq(qc_rank_allocate(e, 5, BEN_TRE, 3, NULL, a), 3);
    ck_assert_str_eq(tiers_of(a, 5), "012--");
}
END_TEST

START_TEST(prizes_dak_nong)
{
    qc_rank_entry_t *e = distinct(9);
    qc_prize_award_t a[9];
    ck_assert_int_eq(qc_rank_allocate(e, 9, DAK_NONG, 4, NULL, a), 7);
    ck_assert_str_eq(tiers_of(a, 9), "0122333--");
}
END_TEST

START_TEST(prizes_fewer_entries_than_prizes)
{
    qc_rank_entry_t *e = distinct(2);
    qc_prize_award_t a[2];
    ck_assert_int_eq(qc_rank_allocate(e, 2, THAI_NGUYEN, 4, NULL, a), 2);
    ck_assert_str_eq(tiers_of(a, 2), "01");
}
END_TEST

START_TEST(prizes_skip_the_ineligible)
{
    /* one per round or contest: 2 already won; 4 is flagged; the next move up */
    qc_rank_entry_t *e = distinct(6);
    qc_prize_award_t a[6];
    unsigned char inel[6] = {0, 1, 0, 1, 0, 0};
    ck_assert_int_eq(qc_rank_allocate(e, 6, BEN_TRE, 3, inel, a), 3);
    ck_assert_str_eq(tiers_of(a, 6), "0-1-2-");
    ck_assert_int_eq(a[1].skipped, 1);
    ck_assert_int_eq(a[5].skipped, 0);
}
END_TEST

START_TEST(prizes_tie_within_one_tier)
{
    /* two tied for Giải Nhì, which has 2: both get it, nothing pending */
    qc_rank_entry_t e[] = {E("1", 10, 1, 0, 0), E("2", 9, 1, 0, 0), E("3", 9, 1, 0, 0),
                           E("4", 8, 1, 0, 0)};
    qc_prize_award_t a[4];
    qc_rank_entries(e, 4, 1, 0);
    qc_rank_allocate(e, 4, THAI_NGUYEN, 4, NULL, a);
    ck_assert_str_eq(tiers_of(a, 4), "0112");
}
END_TEST

START_TEST(prizes_committee_tie_across_boundary_is_flagged)
{
    /* Bến Tre: two tied for second place share slots Nhì and Ba: not resolved, both pending */
    qc_rank_entry_t e[] = {E("1", 10, 1, 0, 0), E("2", 9, 1, 0, 0), E("3", 9, 1, 0, 0),
                           E("4", 8, 1, 0, 0)};
    qc_prize_award_t a[4];
    qc_rank_entries(e, 4, 1, 0);
    ck_assert_int_eq(qc_rank_allocate(e, 4, BEN_TRE, 3, NULL, a), 3);
    ck_assert_str_eq(tiers_of(a, 4), "0pp-");
    ck_assert_int_eq(a[1].tier, 1);
    ck_assert_int_eq(a[1].tier_low, 2);
}
END_TEST

START_TEST(prizes_tie_across_the_last_prize_is_flagged)
{
    /* three-way tie for the last Bến Tre prize: it may go to any of them, or none */
    qc_rank_entry_t e[] = {E("1", 10, 1, 0, 0), E("2", 9, 1, 0, 0), E("3", 8, 1, 0, 0),
                           E("4", 8, 1, 0, 0), E("5", 8, 1, 0, 0)};
    qc_prize_award_t a[5];
    qc_rank_entries(e, 5, 1, 0);
    qc_rank_allocate(e, 5, BEN_TRE, 3, NULL, a);
    ck_assert_str_eq(tiers_of(a, 5), "01ppp");
    ck_assert_int_eq(a[2].tier, 2);
    ck_assert_int_eq(a[2].tier_low, -1);
}
END_TEST

START_TEST(prizes_after_committee_decision_resolved)
{
    qc_rank_entry_t e[] = {E("1", 10, 1, 0, 0), E("2", 9, 1, 0, 2), E("3", 9, 1, 0, 1),
                           E("4", 8, 1, 0, 0)};
    qc_prize_award_t a[4];
    qc_rank_entries(e, 4, 1, 0);
    qc_rank_allocate(e, 4, BEN_TRE, 3, NULL, a);
    ck_assert_str_eq(e[1].contestant_id, "3");
    ck_assert_str_eq(tiers_of(a, 4), "012-");
}
END_TEST

START_TEST(prizes_tie_with_an_ineligible_member)
{
    /* the tied pair has one who already won: the other takes the single slot, no tie left */
    qc_rank_entry_t e[] = {E("1", 10, 1, 0, 0), E("2", 9, 1, 0, 0), E("3", 9, 1, 0, 0)};
    qc_prize_award_t a[3];
    unsigned char inel[3] = {0, 1, 0};
    qc_rank_entries(e, 3, 1, 0);
    qc_rank_allocate(e, 3, BEN_TRE, 3, inel, a);
    ck_assert_str_eq(tiers_of(a, 3), "0-1");
}
END_TEST

/* ---- collective and roll-up -------------------------------------------------------------------- */

static qc_unit_stat_t U(const char *id, const char *parent, apr_int64_t headcount)
{
    qc_unit_stat_t u;
    memset(&u, 0, sizeof(u));
    u.id = id;
    u.parent_id = parent;
    u.headcount = headcount;
    u.reg_quota = -1;
    return u;
}

static qc_unit_stat_t *find(qc_unit_stat_t *u, int n, const char *id)
{
    int i;
    for (i = 0; i < n; i++) {
        if (!strcmp(u[i].id, id)) {
            return &u[i];
        }
    }
    return NULL;
}

START_TEST(rollup_sums_up_the_tree)
{
    qc_unit_stat_t u[] = {U("x1", "h1", 10),   U("tinh", NULL, 100), U("h1", "tinh", 40),
                          U("h2", "tinh", -1), U("x2", "h2", 20),    U("x3", "h2", 30)};
    qc_unit_stat_t *t;
    u[0].registered = 5, u[0].participants = 4, u[0].attempts = 9, u[0].counted = 4;
    u[0].score_sum = 40, u[0].prizes = 1;
    u[2].registered = 2, u[2].participants = 1, u[2].attempts = 1, u[2].counted = 1;
    u[2].score_sum = 5;
    u[4].registered = 3, u[4].participants = 3, u[4].attempts = 3, u[4].counted = 3;
    u[4].score_sum = 30;
    ck_assert_int_eq(qc_rank_rollup(qc_test_pool, u, 6), APR_SUCCESS);
    t = find(u, 6, "tinh");
    ck_assert_int_eq(t->t_registered, 10);
    ck_assert_int_eq(t->t_participants, 8);
    ck_assert_int_eq(t->t_attempts, 13);
    ck_assert_int_eq(t->t_prizes, 1);
    ck_assert_int_eq(t->t_headcount, 100); /* its own, not the children's */
    ck_assert_int_eq(t->rate_bp, 800);
    ck_assert_int_eq(t->avg_milli, 75 * 1000 / 8);
    ck_assert_int_eq(t->depth, 0);
    t = find(u, 6, "h1");
    ck_assert_int_eq(t->t_participants, 5);
    ck_assert_int_eq(t->rate_bp, 1250);
    ck_assert_int_eq(t->depth, 1);
    t = find(u, 6, "h2"); /* no headcount of its own: its communes' 20 + 30 */
    ck_assert_int_eq(t->t_headcount, 50);
    ck_assert_int_eq(t->rate_bp, 600);
    t = find(u, 6, "x3");
    ck_assert_int_eq(t->avg_milli, -1);
    ck_assert_int_eq(t->rate_bp, 0);
    ck_assert_int_eq(t->depth, 2);
}
END_TEST

START_TEST(rollup_unknown_headcount_and_bad_trees)
{
    qc_unit_stat_t u[] = {U("a", NULL, -1), U("b", "a", -1)};
    qc_unit_stat_t cyc[] = {U("a", "b", 1), U("b", "a", 1)};
    qc_unit_stat_t orphan[] = {U("a", "zz", 1)};
    ck_assert_int_eq(qc_rank_rollup(qc_test_pool, u, 2), APR_SUCCESS);
    ck_assert_int_eq(u[0].t_headcount, -1);
    ck_assert_int_eq(u[0].rate_bp, -1);
    ck_assert_int_eq(qc_rank_rollup(qc_test_pool, cyc, 2), APR_EINVAL);
    ck_assert_int_eq(qc_rank_rollup(qc_test_pool, orphan, 1), APR_EINVAL);
}
END_TEST

START_TEST(rollup_quota_by_deadline)
{
    /* Đắk Nông: at least 30 per district registered before the deadline */
    qc_unit_stat_t u[] = {U("gn", NULL, -1), U("cj", NULL, -1), U("x", "cj", -1)};
    u[0].reg_quota = 30, u[0].registered = 40, u[0].registered_in_time = 29;
    u[1].reg_quota = 30, u[1].registered = 10, u[1].registered_in_time = 10;
    u[2].registered = 20, u[2].registered_in_time = 20;
    ck_assert_int_eq(qc_rank_rollup(qc_test_pool, u, 3), APR_SUCCESS);
    ck_assert_int_eq(u[0].quota_state, 0); /* 40 registered, but only 29 in time */
    ck_assert_int_eq(u[1].quota_state, 1); /* 10 + its commune's 20 */
    ck_assert_int_eq(u[2].quota_state, -1);
}
END_TEST

START_TEST(collective_ben_tre_rate_then_prizes)
{
    qc_unit_stat_t u[] = {U("a", NULL, 100), U("b", NULL, 50), U("c", NULL, 200), U("d", NULL, -1),
                          U("e", NULL, 10)};
    u[0].participants = 50, u[0].prizes = 1; /* 50 % */
    u[1].participants = 25, u[1].prizes = 3; /* 50 %, more prizes */
    u[2].participants = 180;                 /* 90 % */
    u[3].participants = 500;                 /* rate unknown: not ranked */
    u[4].participants = 5, u[4].prizes = 3;  /* 50 %, 3 prizes: tied with b */
    ck_assert_int_eq(qc_rank_rollup(qc_test_pool, u, 5), APR_SUCCESS);
    qc_rank_collective(u, 5, qc_rank_collective_formula("participation-and-prizes"));
    ck_assert_str_eq(u[0].id, "c");
    ck_assert_int_eq(u[0].position, 1);
    ck_assert_str_eq(u[1].id, "b");
    ck_assert_int_eq(u[1].position, 2);
    ck_assert_str_eq(u[2].id, "e");
    ck_assert_int_eq(u[2].position, 2);
    ck_assert_str_eq(u[3].id, "a");
    ck_assert_int_eq(u[3].position, 4);
    ck_assert_str_eq(u[4].id, "d");
    ck_assert_int_eq(u[4].position, 0);
}
END_TEST

START_TEST(collective_thai_nguyen_participants_then_quality)
{
    qc_unit_stat_t u[] = {U("a", NULL, 100), U("b", NULL, -1), U("c", NULL, 10)};
    u[0].participants = 30, u[0].counted = 30, u[0].score_sum = 300; /* avg 10 */
    u[1].participants = 30, u[1].counted = 30, u[1].score_sum = 360; /* avg 12 */
    u[2].participants = 40, u[2].counted = 40, u[2].score_sum = 40;  /* avg 1 */
    ck_assert_int_eq(qc_rank_rollup(qc_test_pool, u, 3), APR_SUCCESS);
    qc_rank_collective(u, 3, qc_rank_collective_formula("participants-and-quality"));
    ck_assert_str_eq(u[0].id, "c");
    ck_assert_str_eq(u[1].id, "b");
    ck_assert_str_eq(u[2].id, "a");
    ck_assert_int_eq(u[2].position, 3);
}
END_TEST

START_TEST(collective_manual_ranks_nobody)
{
    qc_unit_stat_t u[] = {U("a", NULL, 100), U("b", NULL, 100)};
    u[1].participants = 10;
    ck_assert_int_eq(qc_rank_collective_formula("manual"), QC_COLLECTIVE_MANUAL);
    ck_assert_int_eq(qc_rank_collective_formula(""), QC_COLLECTIVE_NONE);
    ck_assert_int_eq(qc_rank_rollup(qc_test_pool, u, 2), APR_SUCCESS);
    qc_rank_collective(u, 2, QC_COLLECTIVE_MANUAL);
    ck_assert_int_eq(u[0].position, 0);
    ck_assert_int_eq(u[1].position, 0);
}
END_TEST

START_TEST(collective_prizes_through_allocate)
{
    /* Bắc Kạn: 2 "leading unit" prizes; units are ranked entries by position */
    qc_prize_tier_t bk[] = {{"Đơn vị dẫn đầu cuộc thi", 2, 0}};
    qc_rank_entry_t e[3];
    qc_prize_award_t a[3];
    memset(e, 0, sizeof(e));
    e[0].position = 1, e[1].position = 2, e[2].position = 2;
    qc_rank_allocate(e, 3, bk, 1, NULL, a);
    ck_assert_str_eq(tiers_of(a, 3), "0pp");
}
END_TEST

/* The reason of each row, from the pair: the figures in Vietnamese form. */
START_TEST(reasons_worded_from_the_pair)
{
    qc_xslt_set_t *set;
    qc_messages_t *msgs;
    qc_rank_entry_t e[] = {E("1", 10, 61000, 90, 0), E("2", 10, 61012, 90, 0),
                           E("3", 10, 61012, 97, 0), E("4", 10, 61012, -1, 0),
                           E("5", 8, 1000, -1, 0),   E("6", 8, 1000, -1, 2),
                           E("7", 8, 1000, -1, 1),   E("8", 2, 1234567, -1, 0)};
    qc_rank_gap_t g;
    qc_test_load_theme(&set, &msgs);
    qc_rank_entries(e, 8, 1, 100);
    ck_assert_str_eq(qc_rank_reason(qc_test_pool, msgs, NULL, &e[0], NULL), "đứng đầu bảng xếp hạng");
    ck_assert_str_eq(qc_rank_reason(qc_test_pool, msgs, &e[0], &e[1], NULL),
                     "cùng điểm, chậm hơn 0,012 giây");
    ck_assert_str_eq(qc_rank_reason(qc_test_pool, msgs, &e[1], &e[2], NULL),
                     "cùng điểm và thời gian, dự đoán xa hơn 7");
    ck_assert_str_eq(qc_rank_reason(qc_test_pool, msgs, &e[2], &e[3], NULL),
                     "cùng điểm và thời gian, không có dự đoán");
    ck_assert_str_eq(qc_rank_reason(qc_test_pool, msgs, &e[3], &e[4], NULL),
                     "kém điểm hơn người xếp trên: 8 so với 10 điểm (kém 2)");
    /* 7 and 6 ordered by the committee (7 first), 5 had no order: a pending three-way tie */
    ck_assert_str_eq(qc_rank_reason(qc_test_pool, msgs, &e[4], &e[5], NULL),
                     "cùng điểm, thời gian và dự đoán với người xếp trên: chờ Ban Tổ chức quyết định");
    ck_assert_str_eq(qc_rank_reason(qc_test_pool, msgs, &e[6], &e[7], NULL),
                     "kém điểm hơn người xếp trên: 2 so với 8 điểm (kém 6)");
    qc_rank_gap(&e[6], &e[7], &g);
    ck_assert_int_eq(g.score_gap, 6);
    ck_assert_int_eq(g.time_gap_ms, 1234567 - 1000);
    ck_assert_int_eq(g.distance_gap, -1);
    /* a settled tie: the committee's reason is quoted */
    {
        qc_rank_entry_t t[] = {E("1", 5, 100, -1, 2), E("2", 5, 100, -1, 1)};
        qc_rank_entries(t, 2, 0, 0);
        ck_assert_str_eq(t[0].contestant_id, "2");
        ck_assert_str_eq(qc_rank_reason(qc_test_pool, msgs, &t[0], &t[1], "bốc thăm ngày 5/12"),
                         "Ban Tổ chức quyết định: bốc thăm ngày 5/12");
        ck_assert_str_eq(qc_rank_reason(qc_test_pool, msgs, &t[0], &t[1], ""),
                         "Ban Tổ chức quyết định");
    }
}
END_TEST

/* Vietnamese numbers: dot thousands, comma decimal. */
START_TEST(vietnamese_numbers)
{
    ck_assert_str_eq(qc_util_vn_int(qc_test_pool, 0), "0");
    ck_assert_str_eq(qc_util_vn_int(qc_test_pool, 999), "999");
    ck_assert_str_eq(qc_util_vn_int(qc_test_pool, 1000), "1.000");
    ck_assert_str_eq(qc_util_vn_int(qc_test_pool, -1234567), "-1.234.567");
    ck_assert_str_eq(qc_util_vn_fixed(qc_test_pool, 1000, 2, 0), "10,00");
    ck_assert_str_eq(qc_util_vn_fixed(qc_test_pool, 8600, 2, 0), "86,00");
    ck_assert_str_eq(qc_util_vn_fixed(qc_test_pool, 12, 3, 1), "0,012");
    ck_assert_str_eq(qc_util_vn_fixed(qc_test_pool, 10000, 3, 1), "10");
    ck_assert_str_eq(qc_util_vn_fixed(qc_test_pool, 1234500, 3, 1), "1.234,5");
    ck_assert_str_eq(qc_util_vn_fixed(qc_test_pool, -5, 2, 0), "-0,05");
    ck_assert_str_eq(qc_util_vn_fixed(qc_test_pool, 7, 0, 0), "7");
}
END_TEST

START_TEST(csv_of_a_ranking)
{
    qc_xslt_set_t *set;
    qc_messages_t *msgs;
    qc_rank_entry_t e[] = {E("1", 10, 1500, 90, 0), E("2", 9, 1000, -1, 0), E("3", 9, 1000, -1, 0)};
    qc_result_info_t info[3];
    qc_prize_tier_t tiers[] = {{"Giải Nhất", 1, 0}, {"Giải Nhì", 1, 0}};
    qc_prize_award_t a[3];
    qc_ranking_t r;
    apr_size_t len;
    const char *out;
    int i;
    memset(info, 0, sizeof(info));
    memset(&r, 0, sizeof(r));
    info[0].full_name = "Nguyễn \"Văn\", A";
    info[1].full_name = "=HYPERLINK(\"x\")";
    info[2].full_name = "Trần Thị B";
    for (i = 0; i < 3; i++) {
        info[i].unit_name = "Xã Một";
        info[i].group_code = "";
        info[i].question_count = 10;
        info[i].flags = i == 2 ? "age" : "";
        e[i].data = &info[i];
    }
    info[0].prediction = "90";
    qc_rank_entries(e, 3, 1, 100);
    qc_rank_allocate(e, 3, tiers, 2, NULL, a);
    r.entries = e;
    r.n = 3;
    r.tiers = tiers;
    r.ntiers = 2;
    r.awards = a;
    qc_test_load_theme(&set, &msgs);
    out = qc_results_csv(qc_test_pool, msgs, &r, &len);
    ck_assert_int_eq(len, strlen(out));
    ck_assert_str_eq(out,
                     "\xEF\xBB\xBF"
                     "position,contestant_id,full_name,unit,group,score,questions,time_ms,"
                     "prediction,distance,rule,reason,committee_pending,prize,prize_pending,flags\r\n"
                     "1,1,\"Nguyễn \"\"Văn\"\", A\",Xã Một,,10,10,1500,90,10,,"
                     "đứng đầu bảng xếp hạng,0,Giải Nhất,0,\r\n"
                     "2,2,\"'=HYPERLINK(\"\"x\"\")\",Xã Một,,9,10,1000,,,score,"
                     "kém điểm hơn người xếp trên: 9 so với 10 điểm (kém 1),1,"
                     "Giải Nhì hoặc không đạt giải,1,\r\n"
                     "2,3,Trần Thị B,Xã Một,,9,10,1000,,,tie,"
                     "\"cùng điểm, thời gian và dự đoán với người xếp trên: chờ Ban Tổ chức quyết "
                     "định\",1,Giải Nhì hoặc không đạt giải,1,chưa đủ tuổi dự thi\r\n");
}
END_TEST

Suite *qc_suite_rank(void)
{
    Suite *s = suite_create("rank");
    TCase *t = tcase_create("rank");
    tcase_add_checked_fixture(t, qc_test_pool_setup, qc_test_pool_teardown);
    tcase_add_test(t, score_orders_first);
    tcase_add_test(t, time_separates_by_one_millisecond);
    tcase_add_test(t, prediction_separates_equal_score_and_time);
    tcase_add_test(t, equal_distances_on_both_sides_of_target_tie);
    tcase_add_test(t, no_target_means_prediction_separates_nobody);
    tcase_add_test(t, missing_predictions_tie_with_each_other);
    tcase_add_test(t, three_way_committee_tie_settled);
    tcase_add_test(t, three_way_committee_tie_partly_ordered_stays_pending);
    tcase_add_test(t, committee_order_with_duplicates_stays_pending);
    tcase_add_test(t, committee_order_ignored_without_tie);
    tcase_add_test(t, competition_positions);
    tcase_add_test(t, ids_sort_numerically_in_ties);
    tcase_add_test(t, empty_and_single);
    tcase_add_test(t, prizes_thai_nguyen);
    tcase_add_test(t, prizes_ben_tre_weekly);
    tcase_add_test(t, prizes_dak_nong);
    tcase_add_test(t, prizes_fewer_entries_than_prizes);
    tcase_add_test(t, prizes_skip_the_ineligible);
    tcase_add_test(t, prizes_tie_within_one_tier);
    tcase_add_test(t, prizes_committee_tie_across_boundary_is_flagged);
    tcase_add_test(t, prizes_tie_across_the_last_prize_is_flagged);
    tcase_add_test(t, prizes_after_committee_decision_resolved);
    tcase_add_test(t, prizes_tie_with_an_ineligible_member);
    tcase_add_test(t, rollup_sums_up_the_tree);
    tcase_add_test(t, rollup_unknown_headcount_and_bad_trees);
    tcase_add_test(t, rollup_quota_by_deadline);
    tcase_add_test(t, collective_ben_tre_rate_then_prizes);
    tcase_add_test(t, collective_thai_nguyen_participants_then_quality);
    tcase_add_test(t, collective_manual_ranks_nobody);
    tcase_add_test(t, collective_prizes_through_allocate);
    tcase_add_test(t, csv_of_a_ranking);
    tcase_add_test(t, reasons_worded_from_the_pair);
    tcase_add_test(t, vietnamese_numbers);
    suite_add_tcase(s, t);
    return s;
}
