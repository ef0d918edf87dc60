/* The on-stage contest's rule for the teams' totals (qc_stage_scoring.c): the judges' mean per
 * criteria part (complete totals only, the extremes dropped when the stage says so), right
 * answers per questions part, the weighted online average, ties and the committee's order,
 * prizes, and teams nobody scored. */
#include <string.h>
#include "qc_unit.h"
#include "qc_stage_scoring.h"

/* Two parts: an introduction judged on two criteria, and knowledge questions (10 points each). */
static const qc_stage_part_t PARTS[] = {{"gioi-thieu", "Giới thiệu", 0, -1},
                                        {"kien-thuc", "Kiến thức", 10, 20}};
static const qc_stage_criterion_t CRITERIA[] = {{"gioi-thieu", "noi-dung", "Nội dung", 10},
                                                {"gioi-thieu", "trinh-bay", "Trình bày", 5}};
static const qc_prize_tier_t PRIZES[] = {{"Nhất", 1, 0}, {"Nhì", 1, 0}, {"Ba", 1, 0}};

static qc_stage_team_t TEAMS[] = {{"11", "huyen-1", "Đội Một", 0, 0},
                                  {"12", "huyen-2", "Đội Hai", 0, 0},
                                  {"13", "huyen-3", "Đội Ba", 0, 0}};

/* A sheet of the three teams, nothing recorded yet. */
static qc_stage_sheet_t sheet(void)
{
    qc_stage_sheet_t s;
    memset(&s, 0, sizeof(s));
    s.parts = PARTS;
    s.nparts = 2;
    s.criteria = CRITERIA;
    s.ncriteria = 2;
    s.teams = TEAMS;
    s.nteams = 3;
    s.prizes = PRIZES;
    s.nprizes = 3;
    s.online_weight = 1;
    return s;
}

static qc_stage_judge_total_t T(const char *team, const char *judge, apr_int64_t sum, int count)
{
    qc_stage_judge_total_t t;
    memset(&t, 0, sizeof(t));
    t.team_id = team;
    t.part_code = "gioi-thieu";
    t.judge_user = judge;
    t.sum = sum;
    t.count = count;
    return t;
}

static qc_stage_draw_t D(const char *team, const char *part, const char *answered)
{
    qc_stage_draw_t d;
    memset(&d, 0, sizeof(d));
    d.team_id = team;
    d.part_code = part;
    d.answered = answered;
    return d;
}

/* The rank of the team at index `team` (0-based), and that its entry is the team's. */
static int rank_of(const qc_stage_scores_t *s, int nteams, int team)
{
    int i;
    for (i = 0; i < nteams; i++) {
        if (s->team_of_rank[i] == team) {
            ck_assert_str_eq(s->ranked[i].entry_id, TEAMS[team].id);
            return i;
        }
    }
    ck_abort_msg("team %d not ranked", team);
    return -1;
}

START_TEST(helpers_find_parts_teams_and_criteria)
{
    qc_stage_sheet_t s = sheet();
    ck_assert(!qc_stage_part_is_questions(&PARTS[0]));
    ck_assert(qc_stage_part_is_questions(&PARTS[1]));
    ck_assert_int_eq(qc_stage_criteria_of(&s, "gioi-thieu"), 2);
    ck_assert_int_eq(qc_stage_criteria_of(&s, "kien-thuc"), 0);
    ck_assert_int_eq(qc_stage_team_index(&s, "12"), 1);
    ck_assert_int_eq(qc_stage_team_index(&s, "99"), -1);
    ck_assert_int_eq(qc_stage_part_index(&s, "kien-thuc"), 1);
    ck_assert_int_eq(qc_stage_part_index(&s, "tieu-pham"), -1);
}
END_TEST

START_TEST(teams_nobody_scored_are_zero_and_tied)
{
    qc_stage_sheet_t s = sheet();
    qc_stage_scores_t *r;
    int i, j;
    qc_stage_score(qc_test_pool, &s, &r);
    for (i = 0; i < 3; i++) {
        for (j = 0; j < 2; j++) {
            ck_assert_int_eq(r->score[i * 2 + j], 0);
            ck_assert_int_eq(r->judges[i * 2 + j], 0);
        }
        ck_assert_int_eq(r->online[i], 0);
        ck_assert_int_eq(r->participants[i], 0);
        ck_assert_int_eq(r->total[i], 0);
        /* all three equal: one position, awaiting the committee; nobody scored, so no prize
           (not "Giải Ba" for a team before the judges have begun) */
        ck_assert_int_eq(r->ranked[i].position, 1);
        ck_assert(r->ranked[i].pending);
        ck_assert_int_eq(r->ranked[i].tier, -1);
        ck_assert(!r->ranked[i].prize_pending);
        ck_assert_int_ge(r->team_of_rank[i], 0);
    }
    /* each team once */
    ck_assert_int_eq(r->team_of_rank[0] + r->team_of_rank[1] + r->team_of_rank[2], 0 + 1 + 2);
}
END_TEST

START_TEST(no_teams_at_all)
{
    qc_stage_sheet_t s = sheet();
    qc_stage_scores_t *r;
    s.nteams = 0;
    qc_stage_score(qc_test_pool, &s, &r);
    ck_assert_ptr_nonnull(r->ranked);
}
END_TEST

START_TEST(criteria_part_is_the_mean_of_complete_judge_totals)
{
    qc_stage_sheet_t s = sheet();
    qc_stage_scores_t *r;
    qc_stage_judge_total_t t[] = {T("11", "gk1", 12, 2), T("11", "gk2", 11, 2),
                                  /* gk3 scored one criterion only: not counted */
                                  T("11", "gk3", 3, 1),
                                  /* a team and a part not in the stage: not counted */
                                  T("99", "gk1", 15, 2), T("12", "gk1", 14, 2)};
    t[4].part_code = "tieu-pham";
    s.totals = t;
    s.ntotals = 5;
    qc_stage_score(qc_test_pool, &s, &r);
    ck_assert_int_eq(r->score[0 * 2 + 0], 11500);
    ck_assert_int_eq(r->judges[0 * 2 + 0], 2);
    ck_assert_int_eq(r->score[1 * 2 + 0], 0);
    ck_assert_int_eq(r->judges[1 * 2 + 0], 0);
    ck_assert_int_eq(r->total[0], 11500);
    ck_assert_int_eq(rank_of(r, 3, 0), 0);
    ck_assert_int_eq(r->ranked[0].position, 1);
    ck_assert_int_eq(r->ranked[0].tier, 0);
    ck_assert(!r->ranked[0].pending);
}
END_TEST

START_TEST(drop_extremes_leaves_out_the_highest_and_the_lowest)
{
    qc_stage_sheet_t s = sheet();
    qc_stage_scores_t *r;
    qc_stage_judge_total_t t[] = {T("11", "gk1", 15, 2), T("11", "gk2", 9, 2),
                                  T("11", "gk3", 10, 2), T("11", "gk4", 2, 2),
                                  /* two judges only: nothing is dropped */
                                  T("12", "gk1", 15, 2), T("12", "gk2", 2, 2)};
    s.totals = t;
    s.ntotals = 6;
    qc_stage_score(qc_test_pool, &s, &r);
    /* (15 + 9 + 10 + 2) / 4 = 9 */
    ck_assert_int_eq(r->score[0], 9000);
    ck_assert_int_eq(r->score[2], 8500);
    s.drop_extremes = 1;
    qc_stage_score(qc_test_pool, &s, &r);
    /* 15 and 2 left out: (9 + 10) / 2 = 9.5; the judges counted are still four */
    ck_assert_int_eq(r->score[0], 9500);
    ck_assert_int_eq(r->judges[0], 4);
    ck_assert_int_eq(r->score[2], 8500);
    ck_assert_int_eq(r->judges[2], 2);
}
END_TEST

START_TEST(questions_part_counts_right_answers)
{
    qc_stage_sheet_t s = sheet();
    qc_stage_scores_t *r;
    qc_stage_draw_t d[] = {D("11", "kien-thuc", "right"), D("11", "kien-thuc", "wrong"),
                           D("11", "kien-thuc", NULL), /* not yet answered */
                           D("11", "kien-thuc", "right"), D("12", "kien-thuc", "right"),
                           D("11", "gioi-thieu", "right")}; /* not the questions part */
    s.draws = d;
    s.ndraws = 6;
    qc_stage_score(qc_test_pool, &s, &r);
    ck_assert_int_eq(r->score[0 * 2 + 1], 20000);
    ck_assert_int_eq(r->score[1 * 2 + 1], 10000);
    ck_assert_int_eq(r->score[2 * 2 + 1], 0);
    /* a right answer does not count in a part judged on criteria */
    ck_assert_int_eq(r->score[0 * 2 + 0], 0);
    ck_assert_int_eq(r->total[0], 20000);
    ck_assert_int_eq(rank_of(r, 3, 0), 0);
    ck_assert_int_eq(rank_of(r, 3, 1), 1);
    ck_assert_int_eq(rank_of(r, 3, 2), 2);
    ck_assert_str_eq(PRIZES[r->ranked[1].tier].title, "Nhì");
}
END_TEST

START_TEST(online_average_times_the_weight)
{
    qc_stage_sheet_t s = sheet();
    qc_stage_scores_t *r;
    qc_stage_online_t o[] = {{"11", 3, 29}, {"12", 3, 1}, {"99", 5, 50}, {"13", 0, 0}};
    qc_stage_judge_total_t t[] = {T("11", "gk1", 12, 2)};
    s.online_results = o;
    s.nonline = 4;
    s.totals = t;
    s.ntotals = 1;
    /* without the online part, its results are not read */
    qc_stage_score(qc_test_pool, &s, &r);
    ck_assert_int_eq(r->online[0], 0);
    ck_assert_int_eq(r->participants[0], 0);
    ck_assert_int_eq(r->total[0], 12000);
    s.online = 1;
    s.online_weight = 2;
    qc_stage_score(qc_test_pool, &s, &r);
    /* 29 / 3 x 2 = 19.3333: 19333; 1 / 3 x 2 = 0.6667 rounds up: 667 */
    ck_assert_int_eq(r->online[0], 19333);
    ck_assert_int_eq(r->participants[0], 3);
    ck_assert_int_eq(r->online[1], 667);
    ck_assert_int_eq(r->participants[1], 3);
    /* no participant: nothing added */
    ck_assert_int_eq(r->online[2], 0);
    ck_assert_int_eq(r->participants[2], 0);
    ck_assert_int_eq(r->total[0], 12000 + 19333);
    ck_assert_int_eq(r->total[1], 667);
    ck_assert_int_eq(r->ranked[0].final_milli, 31333);
}
END_TEST

START_TEST(a_tie_awaits_the_committee_then_follows_its_order)
{
    qc_stage_sheet_t s = sheet();
    qc_stage_scores_t *r;
    qc_stage_team_t ordered[3];
    /* 11: 11.50 + 10 = 21.50; 12: 11.50 + 10 = 21.50; 13: 5 */
    qc_stage_judge_total_t t[] = {T("11", "gk1", 12, 2), T("11", "gk2", 11, 2),
                                  T("12", "gk1", 14, 2), T("12", "gk2", 9, 2),
                                  T("13", "gk1", 5, 2)};
    qc_stage_draw_t d[] = {D("11", "kien-thuc", "right"), D("12", "kien-thuc", "right")};
    s.totals = t;
    s.ntotals = 5;
    s.draws = d;
    s.ndraws = 2;
    qc_stage_score(qc_test_pool, &s, &r);
    ck_assert_int_eq(r->total[0], 21500);
    ck_assert_int_eq(r->total[1], 21500);
    ck_assert_int_eq(r->ranked[0].position, 1);
    ck_assert_int_eq(r->ranked[1].position, 1);
    ck_assert(r->ranked[0].pending && r->ranked[1].pending);
    /* the tie straddles the first and the second prize */
    ck_assert(r->ranked[0].prize_pending && r->ranked[1].prize_pending);
    ck_assert_int_eq(rank_of(r, 3, 2), 2);
    ck_assert_int_eq(r->ranked[2].position, 3);
    ck_assert(!r->ranked[2].pending);
    ck_assert_str_eq(PRIZES[r->ranked[2].tier].title, "Ba");
    /* the committee puts 12 first */
    memcpy(ordered, TEAMS, sizeof(ordered));
    ordered[0].has_committee_order = ordered[1].has_committee_order = 1;
    ordered[0].committee_order = 2;
    ordered[1].committee_order = 1;
    s.teams = ordered;
    qc_stage_score(qc_test_pool, &s, &r);
    ck_assert_int_eq(r->team_of_rank[0], 1);
    ck_assert_str_eq(r->ranked[0].entry_id, "12");
    ck_assert_int_eq(r->ranked[0].position, 1);
    ck_assert_int_eq(r->ranked[1].position, 2);
    ck_assert(!r->ranked[0].pending && !r->ranked[0].prize_pending);
    ck_assert_str_eq(PRIZES[r->ranked[0].tier].title, "Nhất");
    ck_assert_str_eq(PRIZES[r->ranked[1].tier].title, "Nhì");
}
END_TEST

Suite *qc_suite_stage_scoring(void)
{
    Suite *s = suite_create("stage_scoring");
    TCase *t = tcase_create("stage_scoring");
    tcase_add_checked_fixture(t, qc_test_pool_setup, qc_test_pool_teardown);
    tcase_add_test(t, helpers_find_parts_teams_and_criteria);
    tcase_add_test(t, teams_nobody_scored_are_zero_and_tied);
    tcase_add_test(t, no_teams_at_all);
    tcase_add_test(t, criteria_part_is_the_mean_of_complete_judge_totals);
    tcase_add_test(t, drop_extremes_leaves_out_the_highest_and_the_lowest);
    tcase_add_test(t, questions_part_counts_right_answers);
    tcase_add_test(t, online_average_times_the_weight);
    tcase_add_test(t, a_tie_awaits_the_committee_then_follows_its_order);
    suite_add_tcase(s, t);
    return s;
}
