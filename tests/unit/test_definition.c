#include <stdio.h>
#include <string.h>
#include <apr_strings.h>
#include "qc_unit.h"
#include "qc_definition.h"
#include "qc_status.h"
#include "qc_time.h"

static const char *write_file(const char *name, const char *body)
{
    const char *path = apr_pstrcat(qc_test_pool, "/tmp/qc-unit-", name, NULL);
    FILE *f = fopen(path, "w");
    fputs(body, f);
    fclose(f);
    return path;
}

#define HEAD                                                                                       \
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"                                                 \
    "<contest xmlns=\"urn:quizcontest:contest:1\" code=\"t\">\n<title>T</title>\n"
#define UNITS "<units><unit code=\"a\" name=\"A\"/></units>\n"

START_TEST(demo_definition_parses)
{
    qc_definition_t *d;
    const char *err = NULL;
    ck_assert_msg(qc_definition_parse(qc_test_pool, QC_SRCDIR "/conf/demo/contest.xml", &d, &err) ==
                      APR_SUCCESS,
                  "%s", err ? err : "");
    ck_assert_str_eq(d->code, "demo-cds");
    ck_assert_int_eq(d->questions, 15);
    ck_assert_int_eq(d->time_limit_s, 1800);
    ck_assert_int_eq(d->attempts, 3);
    ck_assert_int_eq(d->min_age, 15);
    ck_assert_int_eq(d->groups->nelts, 2);
    ck_assert_int_ge(d->units->nelts, 10);
    ck_assert_int_eq(d->exclusions->nelts, 3);
    /* a parent always comes before its children */
    ck_assert_ptr_null(APR_ARRAY_IDX(d->units, 0, qc_def_unit_t).parent_code);
}
END_TEST

START_TEST(weekly_rounds_expand)
{
    qc_definition_t *d;
    const char *err = NULL;
    qc_def_round_t *r1, *r5;
    apr_int64_t t;
    const char *path = write_file(
        "weekly.xml",
        HEAD "<window opens=\"2024-06-10 08:00\" closes=\"2024-07-14 24:00\"/>\n"
             "<rounds><recurring title=\"Tuần {n}\" first-opens=\"2024-06-10 08:00\""
             " first-closes=\"2024-06-16 24:00\" every-days=\"7\" count=\"5\"/></rounds>\n" UNITS
             "</contest>\n");
    ck_assert_msg(qc_definition_parse(qc_test_pool, path, &d, &err) == APR_SUCCESS, "%s", err);
    ck_assert_int_eq(d->rounds->nelts, 5);
    r1 = &APR_ARRAY_IDX(d->rounds, 0, qc_def_round_t);
    r5 = &APR_ARRAY_IDX(d->rounds, 4, qc_def_round_t);
    ck_assert_str_eq(r5->title, "Tuần 5");
    qc_time_parse_local("2024-07-08 08:00", QC_TZ_VIETNAM_MIN, &t);
    ck_assert_int_eq(r5->opens_ms, t);
    qc_time_parse_local("2024-07-15 00:00", QC_TZ_VIETNAM_MIN, &t);
    ck_assert_int_eq(r5->closes_ms, t);
    ck_assert_int_eq(r1->closes_ms - r1->opens_ms, (6 * 24 + 16) * APR_INT64_C(3600000));
}
END_TEST

START_TEST(errors_name_file_and_line)
{
    qc_definition_t *d;
    const char *err = NULL;
    const char *path = write_file(
        "badtime.xml", HEAD
        "<window opens=\"2024-02-30 08:00\" closes=\"2024-07-14 24:00\"/>\n" UNITS "</contest>\n");
    ck_assert_int_eq(qc_definition_parse(qc_test_pool, path, &d, &err), QC_EINPUT);
    ck_assert_msg(strstr(err, "badtime.xml:4:") != NULL, "%s", err);
}
END_TEST

START_TEST(overlapping_rounds_are_refused)
{
    qc_definition_t *d;
    const char *err = NULL;
    const char *path = write_file(
        "overlap.xml",
        HEAD "<window opens=\"2024-06-01\" closes=\"2024-07-01\"/>\n"
             "<rounds><round opens=\"2024-06-01\" closes=\"2024-06-10\"/>"
             "<round opens=\"2024-06-09\" closes=\"2024-06-20\"/></rounds>\n" UNITS "</contest>\n");
    ck_assert_int_eq(qc_definition_parse(qc_test_pool, path, &d, &err), QC_EINPUT);
    ck_assert_ptr_nonnull(strstr(err, "overlaps"));
}
END_TEST

START_TEST(exclusion_numbers_are_kept_canonical)
{
    qc_definition_t *d;
    const char *err = NULL;
    const qc_def_person_t *x;
    const char *path = write_file(
        "exclusions.xml",
        HEAD "<window opens=\"2024-06-01\" closes=\"2024-07-01\"/>\n" UNITS
             "<exclusions><person name=\"A\" phone=\"+84 912 345 678\" cccd=\"001 190 000 002\"/>"
             "<person name=\"B\" phone=\"0912.345.679\"/></exclusions>\n</contest>\n");
    ck_assert_msg(qc_definition_parse(qc_test_pool, path, &d, &err) == APR_SUCCESS, "%s", err);
    x = &APR_ARRAY_IDX(d->exclusions, 0, qc_def_person_t);
    ck_assert_str_eq(x->phone, "0912345678");
    ck_assert_str_eq(x->cccd, "001190000002");
    ck_assert_str_eq(APR_ARRAY_IDX(d->exclusions, 1, qc_def_person_t).phone, "0912345679");
    path =
        write_file("badexclusion.xml", HEAD
                   "<window opens=\"2024-06-01\" closes=\"2024-07-01\"/>\n" UNITS
                   "<exclusions>\n<person name=\"A\" phone=\"12345\"/></exclusions>\n</contest>\n");
    ck_assert_int_eq(qc_definition_parse(qc_test_pool, path, &d, &err), QC_EINPUT);
    ck_assert_msg(strstr(err, "badexclusion.xml:7:") && strstr(err, "phone"), "%s", err);
}
END_TEST

START_TEST(no_rounds_means_one_round_over_the_window)
{
    qc_definition_t *d;
    const char *err = NULL;
    const char *path = write_file(
        "oneround.xml", HEAD
        "<window opens=\"2024-12-09 00:00\" closes=\"2024-12-13 17:00\"/>\n" UNITS "</contest>\n");
    ck_assert_int_eq(qc_definition_parse(qc_test_pool, path, &d, &err), APR_SUCCESS);
    ck_assert_int_eq(d->rounds->nelts, 1);
    ck_assert_int_eq(APR_ARRAY_IDX(d->rounds, 0, qc_def_round_t).opens_ms, d->opens_ms);
}
END_TEST

START_TEST(schema_errors_name_the_line)
{
    qc_definition_t *d;
    const char *err = NULL;
    const char *path =
        write_file("schema.xml", HEAD "<window opens=\"2024-12-09\" closes=\"2024-12-13\"/>\n"
                                      "<quiz questions=\"fifteen\"/>\n" UNITS "</contest>\n");
    ck_assert_int_eq(qc_definition_parse(qc_test_pool, path, &d, &err), QC_EINPUT);
    ck_assert_msg(strstr(err, "schema.xml:5:") != NULL, "%s", err);
    path = write_file("unknown.xml", HEAD "<window opens=\"2024-12-09\" closes=\"2024-12-13\"/>\n"
                                          "<awards/>\n" UNITS "</contest>\n");
    ck_assert_int_eq(qc_definition_parse(qc_test_pool, path, &d, &err), QC_EINPUT);
    ck_assert_msg(strstr(err, "unknown.xml:") != NULL, "%s", err);
}
END_TEST

static qc_definition_t *plan(const char *name)
{
    qc_definition_t *d = NULL;
    const char *err = NULL;
    const char *path = apr_pstrcat(qc_test_pool, QC_SRCDIR "/conf/contests/", name, ".xml", NULL);
    ck_assert_msg(qc_definition_parse(qc_test_pool, path, &d, &err) == APR_SUCCESS, "%s", err);
    return d;
}

static int prize_count(const qc_definition_t *d, const char *kind, const char *group)
{
    int i, n = 0;
    for (i = 0; i < d->prizes->nelts; i++) {
        const qc_def_prize_t *pr = &APR_ARRAY_IDX(d->prizes, i, qc_def_prize_t);
        if (!strcmp(pr->kind, kind) && !strcmp(pr->group_code, group)) {
            n += pr->count;
        }
    }
    return n;
}

/* The plans list the committee by name and position: a name-only entry loads, with the unit
 * it names; a unit that is not in <units> is refused with its line. */
START_TEST(exclusion_by_name_only_loads)
{
    qc_definition_t *d;
    const char *err = NULL;
    const char *path = write_file(
        "names.xml", HEAD "<window opens=\"2024-12-09\" closes=\"2024-12-13\"/>\n" UNITS
                          "<exclusions><person name=\"Nguyễn  Văn   A\" role=\"Trưởng Ban\"/>"
                          "<person name=\"Trần Thị B\" unit=\"a\"/></exclusions>\n</contest>\n");
    ck_assert_msg(qc_definition_parse(qc_test_pool, path, &d, &err) == APR_SUCCESS, "%s", err);
    ck_assert_int_eq(d->exclusions->nelts, 2);
    /* blanks squeezed as registration stores a name */
    ck_assert_str_eq(APR_ARRAY_IDX(d->exclusions, 0, qc_def_person_t).name, "Nguyễn Văn A");
    ck_assert_ptr_null(APR_ARRAY_IDX(d->exclusions, 0, qc_def_person_t).unit);
    ck_assert_str_eq(APR_ARRAY_IDX(d->exclusions, 1, qc_def_person_t).unit, "a");
    path = write_file("badunit.xml", HEAD "<window opens=\"2024-12-09\" closes=\"2024-12-13\"/>\n" UNITS
                                          "<exclusions>\n<person name=\"C\" unit=\"zz\"/>"
                                          "</exclusions>\n</contest>\n");
    ck_assert_int_eq(qc_definition_parse(qc_test_pool, path, &d, &err), QC_EINPUT);
    ck_assert_msg(strstr(err, "badunit.xml:") && strstr(err, "unit zz"), "%s", err);
}
END_TEST

/* UTC instant of a UTC wall time, for the calendar checks below */
static apr_int64_t utc(const char *s)
{
    apr_int64_t t = 0;
    ck_assert_int_eq(qc_time_parse_local(s, 0, &t), APR_SUCCESS);
    return t;
}

/* Every date rule of the shipped plans falls on Viet Nam's midnight, not UTC's: each is put
 * on both sides of 00:00 Asia/Ho_Chi_Minh (17:00 UTC the day before). */
START_TEST(plans_dates_fall_on_vietnam_midnight)
{
    qc_definition_t *bk = plan("bac-kan-2023"), *bt = plan("ben-tre-2024");
    qc_definition_t *tn = plan("thai-nguyen-stnmt-2024"), *dn = plan("dak-nong-2023");
    const qc_def_round_t *w1 = &APR_ARRAY_IDX(bt->rounds, 0, qc_def_round_t);
    const qc_def_round_t *w2 = &APR_ARRAY_IDX(bt->rounds, 1, qc_def_round_t);
    qc_date_t d;
    /* Bắc Kạn, window: from 10/9/2023 00:00 to the end of 30/9/2023, Viet Nam time */
    ck_assert_int_eq(bk->opens_ms, utc("2023-09-09 17:00"));
    ck_assert_int_eq(bk->closes_ms, utc("2023-09-30 17:00"));
    d = qc_date_of_instant(bk->closes_ms - 1, bk->tz_offset_min);
    ck_assert_int_eq(d.day, 30);
    d = qc_date_of_instant(bk->closes_ms, bk->tz_offset_min);
    ck_assert_int_eq(d.month * 100 + d.day, 1001);
    /* Bắc Kạn, age 15 or over: judged on the opening's day in Viet Nam (10/9), which is still
     * 9/9 in UTC; born 10/9/2008 is 15 that day, born 11/9/2008 is not */
    ck_assert(qc_date_old_enough((qc_date_t){2008, 9, 10}, bk->opens_ms, bk->tz_offset_min, 15));
    ck_assert(!qc_date_old_enough((qc_date_t){2008, 9, 11}, bk->opens_ms, bk->tz_offset_min, 15));
    ck_assert(!qc_date_old_enough((qc_date_t){2008, 9, 10}, bk->opens_ms - 1, bk->tz_offset_min, 15));
    ck_assert_int_eq(qc_date_age_at((qc_date_t){2011, 12, 1}, utc("2026-11-30 17:00"), 420), 15);
    ck_assert_int_eq(qc_date_age_at((qc_date_t){2011, 12, 1}, utc("2026-11-30 16:59"), 420), 14);
    ck_assert(qc_date_old_enough((qc_date_t){2011, 12, 1}, 0, 420, 0));
    /* Bến Tre, weeks: 08:00 Monday to 24:00 Sunday, Viet Nam time */
    ck_assert_int_eq(bt->rounds->nelts, 5);
    ck_assert_int_eq(w1->opens_ms, utc("2024-06-10 01:00"));
    ck_assert_int_eq(w1->closes_ms, utc("2024-06-16 17:00"));
    d = qc_date_of_instant(w1->closes_ms - 1, bt->tz_offset_min);
    ck_assert_int_eq(d.day, 16); /* Sunday */
    d = qc_date_of_instant(w1->closes_ms, bt->tz_offset_min);
    ck_assert_int_eq(d.day, 17); /* Monday, before week 2 opens at 08:00 */
    ck_assert_int_eq(w2->opens_ms, utc("2024-06-17 01:00"));
    ck_assert_int_eq(APR_ARRAY_IDX(bt->rounds, 4, qc_def_round_t).closes_ms,
                     utc("2024-07-14 17:00"));
    /* Thái Nguyên, publication at 17:00 on 13/12/2024 */
    ck_assert_int_eq(tn->publish_ms, utc("2024-12-13 10:00"));
    /* Đắk Nông, registration lists before 06/10/2023: the deadline is the end of 05/10 */
    ck_assert_int_eq(dn->quota_deadline_ms, utc("2023-10-05 17:00"));
    d = qc_date_of_instant(dn->quota_deadline_ms - 1, dn->tz_offset_min);
    ck_assert_int_eq(d.day, 5);
    d = qc_date_of_instant(dn->quota_deadline_ms, dn->tz_offset_min);
    ck_assert_int_eq(d.day, 6);
}
END_TEST

/* A collective ranking by participation rate without headcounts loads, with a warning that
 * names the units; the other plans' formulas need none and load without one. */
START_TEST(plans_warn_when_a_collective_prize_cannot_be_computed)
{
    qc_definition_t *bt = plan("ben-tre-2024");
    ck_assert_int_eq(bt->warnings->nelts, 1);
    ck_assert_msg(strstr(APR_ARRAY_IDX(bt->warnings, 0, const char *), "13 of 13 unit(s)") &&
                      strstr(APR_ARRAY_IDX(bt->warnings, 0, const char *), "cd-vien-chuc"),
                  "%s", APR_ARRAY_IDX(bt->warnings, 0, const char *));
    ck_assert_int_eq(plan("bac-kan-2023")->warnings->nelts, 0);
    ck_assert_int_eq(plan("thai-nguyen-stnmt-2024")->warnings->nelts, 0);
    ck_assert_int_eq(plan("dak-nong-2023")->warnings->nelts, 0);
}
END_TEST

START_TEST(thai_nguyen_plan)
{
    qc_definition_t *d = plan("thai-nguyen-stnmt-2024");
    const qc_def_prize_t *first = &APR_ARRAY_IDX(d->prizes, 0, qc_def_prize_t);
    apr_int64_t t;
    ck_assert_int_eq(d->questions, 15);
    ck_assert_int_eq(d->time_limit_s, 30 * 60);
    ck_assert_int_eq(d->attempts, 3);
    ck_assert_str_eq(d->prediction_target, "participants");
    ck_assert_str_eq(d->counted, "best");
    qc_time_parse_local("2024-12-13 17:00", QC_TZ_VIETNAM_MIN, &t);
    ck_assert_int_eq(d->closes_ms, t);
    ck_assert_int_eq(d->publish_ms, t);
    qc_time_parse_local("2024-12-16", QC_TZ_VIETNAM_MIN, &t); /* "Tổng kết và trao giải" */
    ck_assert_int_eq(d->ceremony_ms, t);
    ck_assert_int_eq(prize_count(d, "individual", ""), 1 + 2 + 3 + 5);
    ck_assert_str_eq(first->title, "Giải Nhất");
    ck_assert_int_eq(first->amount, 1000000);
    ck_assert_int_eq(d->rounds->nelts, 1);
}
END_TEST

START_TEST(ben_tre_plan)
{
    qc_definition_t *d = plan("ben-tre-2024");
    apr_int64_t t;
    int i, per_round = 0;
    ck_assert_int_eq(d->rounds->nelts, 5);
    qc_time_parse_local("2024-06-10 08:00", QC_TZ_VIETNAM_MIN, &t);
    ck_assert_int_eq(APR_ARRAY_IDX(d->rounds, 0, qc_def_round_t).opens_ms, t);
    qc_time_parse_local("2024-07-15 00:00", QC_TZ_VIETNAM_MIN, &t); /* 24:00 Sunday 14/7 */
    ck_assert_int_eq(APR_ARRAY_IDX(d->rounds, 4, qc_def_round_t).closes_ms, t);
    for (i = 0; i < d->prizes->nelts; i++) {
        const qc_def_prize_t *pr = &APR_ARRAY_IDX(d->prizes, i, qc_def_prize_t);
        if (!strcmp(pr->kind, "individual")) {
            ck_assert_str_eq(pr->scope, "each_round");
            per_round += pr->count;
        }
    }
    ck_assert_int_eq(per_round, 3);
    ck_assert_int_eq(prize_count(d, "collective", ""), 3);
    ck_assert_str_eq(d->collective_formula, "participation-and-prizes");
    ck_assert_str_eq(d->prize_one_per, "round");
}
END_TEST

START_TEST(dak_nong_plan)
{
    qc_definition_t *d = plan("dak-nong-2023");
    apr_int64_t t;
    int i;
    ck_assert_int_eq(prize_count(d, "individual", ""), 1 + 1 + 2 + 3);
    ck_assert_int_eq(prize_count(d, "collective", ""), 3);
    qc_time_parse_local("2023-10-06 00:00", QC_TZ_VIETNAM_MIN, &t);
    ck_assert_int_eq(d->quota_deadline_ms, t);
    ck_assert_int_eq(d->units->nelts, 8);
    for (i = 0; i < d->units->nelts; i++) {
        ck_assert_int_eq(APR_ARRAY_IDX(d->units, i, qc_def_unit_t).quota, 30);
    }
}
END_TEST

START_TEST(bac_kan_plan)
{
    qc_definition_t *d = plan("bac-kan-2023");
    apr_int64_t t;
    ck_assert_int_eq(d->min_age, 15);
    qc_time_parse_local("2023-10-10", QC_TZ_VIETNAM_MIN, &t);
    ck_assert_int_eq(d->ceremony_ms, t);
    ck_assert_int_eq(d->publish_ms, 0);
    ck_assert_int_eq(d->groups->nelts, 2);
    ck_assert_int_gt(prize_count(d, "individual", "1"), 0);
    ck_assert_int_gt(prize_count(d, "individual", "2"), 0);
    ck_assert_int_eq(prize_count(d, "collective", ""), 2);
}
END_TEST

START_TEST(prizes_larger_than_headcount_are_refused)
{
    qc_definition_t *d;
    const char *err = NULL;
    const char *path = write_file(
        "prizes.xml", HEAD
        "<window opens=\"2024-12-09\" closes=\"2024-12-13\"/>\n"
        "<units><unit code=\"a\" name=\"A\" headcount=\"3\"/></units>\n"
        "<prizes><individual><prize title=\"Nhất\" count=\"2\"/><prize title=\"Nhì\" count=\"2\"/>"
        "</individual></prizes>\n</contest>\n");
    ck_assert_int_eq(qc_definition_parse(qc_test_pool, path, &d, &err), QC_EINPUT);
    ck_assert_msg(strstr(err, "larger than") != NULL, "%s", err);
    path = write_file("prizegroup.xml",
                      HEAD "<window opens=\"2024-12-09\" closes=\"2024-12-13\"/>\n" UNITS
                           "<prizes><individual group=\"9\"><prize title=\"Nhất\" "
                           "count=\"1\"/></individual></prizes>\n"
                           "</contest>\n");
    ck_assert_int_eq(qc_definition_parse(qc_test_pool, path, &d, &err), QC_EINPUT);
    ck_assert_msg(strstr(err, "group 9") != NULL, "%s", err);
}
END_TEST

/* ==== definition export and the checks of the secretariat's import ========================= */

static qc_definition_t *parse_text(const char *name, const char *text, const char **err)
{
    qc_definition_t *d = NULL;
    *err = NULL;
    if (qc_definition_parse_memory(qc_test_pool, name, text, strlen(text), &d, err) !=
        APR_SUCCESS) {
        return NULL;
    }
    return d;
}

#define SAME_STR(a, b) ck_assert_str_eq((a) ? (a) : "", (b) ? (b) : "")

/* Two definitions hold the same contest, field by field. */
static void assert_same(const qc_definition_t *a, const qc_definition_t *b)
{
    int i;
    SAME_STR(a->code, b->code);
    SAME_STR(a->title, b->title);
    SAME_STR(a->theme, b->theme);
    SAME_STR(a->organiser, b->organiser);
    SAME_STR(a->rules, b->rules);
    SAME_STR(a->prediction, b->prediction);
    SAME_STR(a->counted, b->counted);
    SAME_STR(a->prediction_target, b->prediction_target);
    SAME_STR(a->prize_one_per, b->prize_one_per);
    SAME_STR(a->collective_formula, b->collective_formula);
    SAME_STR(a->collective_unit_kind, b->collective_unit_kind);
    SAME_STR(a->collective_description, b->collective_description);
    SAME_STR(a->reveal, b->reveal);
    SAME_STR(a->cccd_mode, b->cccd_mode);
    SAME_STR(a->email_mode, b->email_mode);
    ck_assert_int_eq(a->prediction_value, b->prediction_value);
    ck_assert_int_eq(a->quota_deadline_ms, b->quota_deadline_ms);
    ck_assert_int_eq(a->publish_ms, b->publish_ms);
    ck_assert_int_eq(a->ceremony_ms, b->ceremony_ms);
    ck_assert_int_eq(a->tz_offset_min, b->tz_offset_min);
    ck_assert_int_eq(a->opens_ms, b->opens_ms);
    ck_assert_int_eq(a->closes_ms, b->closes_ms);
    ck_assert_int_eq(a->questions, b->questions);
    ck_assert_int_eq(a->time_limit_s, b->time_limit_s);
    ck_assert_int_eq(a->attempts, b->attempts);
    ck_assert_int_eq(a->grace_s, b->grace_s);
    ck_assert_int_eq(a->min_age, b->min_age);
    ck_assert_int_eq(a->rounds->nelts, b->rounds->nelts);
    for (i = 0; i < a->rounds->nelts; i++) {
        const qc_def_round_t *x = &APR_ARRAY_IDX(a->rounds, i, qc_def_round_t);
        const qc_def_round_t *y = &APR_ARRAY_IDX(b->rounds, i, qc_def_round_t);
        ck_assert_int_eq(x->seq, y->seq);
        SAME_STR(x->title, y->title);
        ck_assert_int_eq(x->opens_ms, y->opens_ms);
        ck_assert_int_eq(x->closes_ms, y->closes_ms);
        ck_assert_int_eq(x->attempts, y->attempts);
    }
    ck_assert_int_eq(a->groups->nelts, b->groups->nelts);
    for (i = 0; i < a->groups->nelts; i++) {
        SAME_STR(APR_ARRAY_IDX(a->groups, i, qc_def_group_t).code,
                 APR_ARRAY_IDX(b->groups, i, qc_def_group_t).code);
        SAME_STR(APR_ARRAY_IDX(a->groups, i, qc_def_group_t).title,
                 APR_ARRAY_IDX(b->groups, i, qc_def_group_t).title);
    }
    ck_assert_int_eq(a->units->nelts, b->units->nelts);
    for (i = 0; i < a->units->nelts; i++) {
        const qc_def_unit_t *x = &APR_ARRAY_IDX(a->units, i, qc_def_unit_t);
        const qc_def_unit_t *y = &APR_ARRAY_IDX(b->units, i, qc_def_unit_t);
        SAME_STR(x->code, y->code);
        SAME_STR(x->parent_code, y->parent_code);
        SAME_STR(x->name, y->name);
        SAME_STR(x->kind, y->kind);
        ck_assert_int_eq(x->headcount, y->headcount);
        ck_assert_int_eq(x->quota, y->quota);
    }
    ck_assert_int_eq(a->documents->nelts, b->documents->nelts);
    for (i = 0; i < a->documents->nelts; i++) {
        SAME_STR(APR_ARRAY_IDX(a->documents, i, qc_def_document_t).title,
                 APR_ARRAY_IDX(b->documents, i, qc_def_document_t).title);
        SAME_STR(APR_ARRAY_IDX(a->documents, i, qc_def_document_t).url,
                 APR_ARRAY_IDX(b->documents, i, qc_def_document_t).url);
    }
    ck_assert_int_eq(a->exclusions->nelts, b->exclusions->nelts);
    for (i = 0; i < a->exclusions->nelts; i++) {
        const qc_def_person_t *x = &APR_ARRAY_IDX(a->exclusions, i, qc_def_person_t);
        const qc_def_person_t *y = &APR_ARRAY_IDX(b->exclusions, i, qc_def_person_t);
        SAME_STR(x->name, y->name);
        SAME_STR(x->phone, y->phone);
        SAME_STR(x->cccd, y->cccd);
        SAME_STR(x->role, y->role);
        SAME_STR(x->unit, y->unit);
    }
    ck_assert_int_eq(a->topics->nelts, b->topics->nelts);
    for (i = 0; i < a->topics->nelts; i++) {
        SAME_STR(APR_ARRAY_IDX(a->topics, i, qc_def_topic_t).code,
                 APR_ARRAY_IDX(b->topics, i, qc_def_topic_t).code);
        ck_assert_int_eq(APR_ARRAY_IDX(a->topics, i, qc_def_topic_t).quota,
                         APR_ARRAY_IDX(b->topics, i, qc_def_topic_t).quota);
    }
    ck_assert_int_eq(a->prizes->nelts, b->prizes->nelts);
    for (i = 0; i < a->prizes->nelts; i++) {
        const qc_def_prize_t *x = &APR_ARRAY_IDX(a->prizes, i, qc_def_prize_t);
        const qc_def_prize_t *y = &APR_ARRAY_IDX(b->prizes, i, qc_def_prize_t);
        SAME_STR(x->kind, y->kind);
        SAME_STR(x->scope, y->scope);
        SAME_STR(x->group_code, y->group_code);
        ck_assert_int_eq(x->seq, y->seq);
        SAME_STR(x->title, y->title);
        ck_assert_int_eq(x->count, y->count);
        ck_assert_int_eq(x->amount, y->amount);
    }
}

/* Every plan, written and read again, is the same definition; writing it again gives the
 * same bytes. */
START_TEST(written_definitions_read_back_the_same)
{
    static const char *const files[] = {"contests/bac-kan-2023",  "contests/ben-tre-2024",
                                        "contests/dak-nong-2023", "contests/thai-nguyen-stnmt-2024",
                                        "demo/contest",           NULL};
    int i;
    for (i = 0; files[i]; i++) {
        qc_definition_t *d = NULL, *back;
        const char *err = NULL, *xml, *again;
        const char *path = apr_pstrcat(qc_test_pool, QC_SRCDIR "/conf/", files[i], ".xml", NULL);
        apr_size_t len = 0;
        ck_assert_msg(qc_definition_parse(qc_test_pool, path, &d, &err) == APR_SUCCESS, "%s", err);
        xml = qc_definition_write(qc_test_pool, d, &len);
        ck_assert_uint_eq(len, strlen(xml));
        back = parse_text("written.xml", xml, &err);
        ck_assert_msg(back != NULL, "%s: %s\n%s", files[i], err, xml);
        assert_same(d, back);
        again = qc_definition_write(qc_test_pool, back, NULL);
        ck_assert_str_eq(again, xml);
        ck_assert_int_eq(qc_definition_changes(qc_test_pool, d, back)->nelts, 0);
    }
}
END_TEST

START_TEST(writer_escapes_text_and_keeps_recurring_rounds_expanded)
{
    const char *err = NULL, *xml;
    qc_definition_t *d = parse_text(
                        "esc.xml",
                        HEAD
                        "<window opens=\"2024-06-10 08:00\" closes=\"2024-07-14 24:00\"/>\n"
                        "<theme>A &amp; B &lt;C&gt; \"D\"</theme>\n"
                        "<rounds><recurring title=\"Tuần {n}\" first-opens=\"2024-06-10 08:00\""
                        " first-closes=\"2024-06-16 24:00\" count=\"2\" attempts=\"2\"/></rounds>\n"
                        "<units><unit code=\"a\" name=\"A &amp; co\" headcount=\"5\" quota=\"3\">"
                        "<unit code=\"b\" name=\"B\"/></unit></units>\n"
                        "<topics><topic code=\"t1\" quota=\"4\"/></topics>\n</contest>\n",
                        &err),
                    *back;
    ck_assert_msg(d != NULL, "%s", err);
    xml = qc_definition_write(qc_test_pool, d, NULL);
    ck_assert_ptr_nonnull(strstr(xml, "<theme>A &amp; B &lt;C&gt; \"D\"</theme>"));
    ck_assert_ptr_nonnull(strstr(xml, "<round title=\"Tuần 2\" opens=\"2024-06-17 08:00\" "
                                      "closes=\"2024-06-23 24:00\" attempts=\"2\"/>"));
    ck_assert_ptr_nonnull(
        strstr(xml, "<window opens=\"2024-06-10 08:00\" closes=\"2024-07-14 24:00\"/>"));
    ck_assert_ptr_nonnull(strstr(xml, "<unit code=\"b\" name=\"B\"/>"));
    ck_assert_ptr_null(strstr(xml, "recurring"));
    back = parse_text("esc-back.xml", xml, &err);
    ck_assert_msg(back != NULL, "%s", err);
    assert_same(d, back);
}
END_TEST

START_TEST(changes_name_each_setting_before_and_after)
{
    const char *err = NULL;
    qc_definition_t *a = plan("ben-tre-2024"), *b;
    apr_array_header_t *changes;
    const char *xml = qc_definition_write(qc_test_pool, a, NULL);
    char *edited = apr_pstrdup(qc_test_pool, xml);
    char *at = strstr(edited, "questions=\"20\"");
    int i, seen = 0;
    ck_assert_ptr_nonnull(at);
    memcpy(at, "questions=\"25\"", 14);
    b = parse_text("edited.xml", edited, &err);
    ck_assert_msg(b != NULL, "%s", err);
    changes = qc_definition_changes(qc_test_pool, a, b);
    ck_assert_int_eq(changes->nelts, 1);
    for (i = 0; i < changes->nelts; i++) {
        const qc_def_change_t *c = &APR_ARRAY_IDX(changes, i, qc_def_change_t);
        if (!strcmp(c->setting, "quiz.questions")) {
            ck_assert_str_eq(c->before, "20");
            ck_assert_str_eq(c->after, "25");
            seen = 1;
        }
    }
    ck_assert(seen);
}
END_TEST

START_TEST(a_doctype_is_refused_with_its_line)
{
    const char *err = NULL;
    qc_definition_t *d =
        parse_text("dtd.xml",
                   "<?xml version=\"1.0\"?>\n<!DOCTYPE contest [\n<!ENTITY t \"Tên\">\n]>\n"
                   "<contest xmlns=\"urn:quizcontest:contest:1\" code=\"t\"><title>&t;</title>\n"
                   "<window opens=\"2024-12-09\" closes=\"2024-12-13\"/>" UNITS "</contest>\n",
                   &err);
    ck_assert_ptr_null(d);
    ck_assert_msg(strstr(err, "dtd.xml:2: a DOCTYPE") != NULL, "%s", err);
    /* an external entity is neither loaded nor accepted */
    d = parse_text("ext.xml",
                   "<?xml version=\"1.0\"?>\n<!DOCTYPE contest SYSTEM \"file:///etc/passwd\">\n"
                   "<contest xmlns=\"urn:quizcontest:contest:1\" code=\"t\"><title>T</title>\n"
                   "<window opens=\"2024-12-09\" closes=\"2024-12-13\"/>" UNITS "</contest>\n",
                   &err);
    ck_assert_ptr_null(d);
    ck_assert_msg(strstr(err, "DOCTYPE") != NULL, "%s", err);
}
END_TEST

#define WINDOW "<window opens=\"2024-06-01\" closes=\"2024-07-01\"/>\n"

static void refused(const char *name, const char *body, const char *expect)
{
    const char *err = NULL;
    qc_definition_t *d = parse_text(name, body, &err);
    ck_assert_msg(d == NULL, "%s was accepted", name);
    ck_assert_msg(strstr(err, expect) != NULL, "%s: %s", name, err);
}

START_TEST(import_checks_refuse_what_cannot_run)
{
    /* a round that closes before it opens */
    refused("r1.xml",
            HEAD WINDOW "<rounds><round opens=\"2024-06-10\" closes=\"2024-06-05\"/>"
                        "</rounds>\n" UNITS "</contest>\n",
            "round 1 closes before it opens");
    /* rounds out of order: the earlier one listed second */
    refused("r2.xml",
            HEAD WINDOW "<rounds><round opens=\"2024-06-10\" closes=\"2024-06-20\"/>"
                        "<round opens=\"2024-06-01\" closes=\"2024-06-05\"/></rounds>\n" UNITS
                        "</contest>\n",
            "round 2 opens before round 1");
    /* overlap of the third with the second */
    refused("r3.xml",
            HEAD WINDOW "<rounds><round opens=\"2024-06-01\" closes=\"2024-06-05\"/>"
                        "<round opens=\"2024-06-06\" closes=\"2024-06-10\"/>"
                        "<round opens=\"2024-06-09\" closes=\"2024-06-12\"/></rounds>\n" UNITS
                        "</contest>\n",
            "round 3 overlaps round 2");
    /* weekly rounds longer than a week */
    refused("r4.xml",
            HEAD WINDOW "<rounds><recurring first-opens=\"2024-06-01\""
                        " first-closes=\"2024-06-09\" count=\"2\"/></rounds>\n" UNITS
                        "</contest>\n",
            "round 2 overlaps round 1");
    /* a round outside the window */
    refused("r5.xml",
            HEAD WINDOW "<rounds><round opens=\"2024-06-20\" closes=\"2024-07-02\"/>"
                        "</rounds>\n" UNITS "</contest>\n",
            "outside the contest's window");
    /* the window itself */
    refused("w.xml",
            HEAD "<window opens=\"2024-07-01\" closes=\"2024-06-01\"/>\n" UNITS "</contest>\n",
            "closes before it opens");
    refused("g.xml",
            HEAD WINDOW "<groups><group code=\"1\">A</group><group code=\"1\">B</group>"
                        "</groups>\n" UNITS "</contest>\n",
            "group code 1 appears twice");
    refused("t.xml",
            HEAD WINDOW "<topics><topic code=\"x\"/><topic code=\"x\"/></topics>\n" UNITS
                        "</contest>\n",
            "topic code x appears twice");
    refused("q.xml",
            HEAD WINDOW "<units><unit code=\"a\" name=\"A\" headcount=\"3\" quota=\"4\"/>"
                        "</units>\n</contest>\n",
            "unit a: quota 4 is larger than its headcount 3");
    refused("d.xml",
            HEAD WINDOW "<registration quota-deadline=\"2024-07-02\"/>\n" UNITS "</contest>\n",
            "quota deadline lies after the contest closes");
    /* more collective prizes than units of the kind that wins them */
    refused("c.xml",
            HEAD WINDOW "<units><unit code=\"a\" name=\"A\" kind=\"huyện\"/>"
                        "<unit code=\"b\" name=\"B\" kind=\"xã\"/></units>\n"
                        "<prizes><collective formula=\"manual\" unit-kind=\"huyện\">"
                        "<prize title=\"Nhất\" count=\"1\"/><prize title=\"Nhì\" count=\"1\"/>"
                        "</collective></prizes>\n</contest>\n",
            "collective prizes (2) outnumber the units that can win them (1)");
    /* what the database could not store */
    refused("x.xml",
            HEAD WINDOW UNITS "<exclusions><person name=\"A\" phone=\"090000000123\"/>"
                              "</exclusions>\n</contest>\n",
            "the phone of a person is not a Vietnamese mobile number");
    refused("y.xml",
            HEAD "<window opens=\"1999-06-01\" closes=\"2024-07-01\"/>\n" UNITS "</contest>\n",
            "between 2000 and 2099");
    /* a group's prizes count with everyone's against the headcount */
    refused("gp.xml",
            HEAD WINDOW "<groups><group code=\"1\">A</group></groups>\n"
                        "<units><unit code=\"a\" name=\"A\" headcount=\"2\"/></units>\n"
                        "<prizes><individual group=\"1\"><prize title=\"Nhất\" count=\"2\"/>"
                        "</individual><individual><prize title=\"KK\" count=\"1\"/></individual>"
                        "</prizes>\n</contest>\n",
            "larger than the units' headcount");
}
END_TEST

START_TEST(rounds_check_names_the_first_problem)
{
    /* three rounds in ms: [0,10) [10,20) [30,40) inside the window [0,40] */
    apr_int64_t opens[3] = {0, 10, 30}, closes[3] = {10, 20, 40};
    int which = -1, other = -1;
    ck_assert_int_eq(qc_definition_rounds_check(opens, closes, 3, 0, 40, &which, &other),
                     QC_ROUNDS_OK);
    closes[1] = 10; /* closes as it opens */
    ck_assert_int_eq(qc_definition_rounds_check(opens, closes, 3, 0, 40, &which, &other),
                     QC_ROUNDS_CLOSES_BEFORE_OPENS);
    ck_assert_int_eq(which, 1);
    closes[1] = 20;
    ck_assert_int_eq(qc_definition_rounds_check(opens, closes, 3, 0, 39, &which, &other),
                     QC_ROUNDS_OUTSIDE_WINDOW);
    ck_assert_int_eq(which, 2);
    opens[2] = 5; /* before round 2 */
    ck_assert_int_eq(qc_definition_rounds_check(opens, closes, 3, 0, 40, &which, &other),
                     QC_ROUNDS_ORDER);
    ck_assert_int_eq(which, 2);
    ck_assert_int_eq(other, 1);
    opens[2] = 15; /* inside round 2 */
    ck_assert_int_eq(qc_definition_rounds_check(opens, closes, 3, 0, 40, &which, &other),
                     QC_ROUNDS_OVERLAP);
    ck_assert_int_eq(which, 2);
    ck_assert_int_eq(other, 1);
    /* not only neighbours: the third overlaps the first over the second */
    opens[0] = 0, closes[0] = 35, opens[1] = 36, closes[1] = 37, opens[2] = 38, closes[2] = 40;
    ck_assert_int_eq(qc_definition_rounds_check(opens, closes, 3, 0, 40, &which, &other),
                     QC_ROUNDS_OK);
    opens[1] = 1, closes[1] = 2;
    ck_assert_int_eq(qc_definition_rounds_check(opens, closes, 3, 0, 40, &which, &other),
                     QC_ROUNDS_OVERLAP);
    ck_assert_int_eq(which, 1);
    ck_assert_int_eq(other, 0);
}
END_TEST

Suite *qc_suite_definition(void)
{
    Suite *s = suite_create("definition");
    TCase *tc = tcase_create("parse");
    tcase_add_checked_fixture(tc, qc_test_pool_setup, qc_test_pool_teardown);
    tcase_add_test(tc, demo_definition_parses);
    tcase_add_test(tc, weekly_rounds_expand);
    tcase_add_test(tc, errors_name_file_and_line);
    tcase_add_test(tc, overlapping_rounds_are_refused);
    tcase_add_test(tc, exclusion_numbers_are_kept_canonical);
    tcase_add_test(tc, exclusion_by_name_only_loads);
    tcase_add_test(tc, plans_dates_fall_on_vietnam_midnight);
    tcase_add_test(tc, plans_warn_when_a_collective_prize_cannot_be_computed);
    tcase_add_test(tc, no_rounds_means_one_round_over_the_window);
    tcase_add_test(tc, schema_errors_name_the_line);
    tcase_add_test(tc, thai_nguyen_plan);
    tcase_add_test(tc, ben_tre_plan);
    tcase_add_test(tc, dak_nong_plan);
    tcase_add_test(tc, bac_kan_plan);
    tcase_add_test(tc, prizes_larger_than_headcount_are_refused);
    tcase_add_test(tc, written_definitions_read_back_the_same);
    tcase_add_test(tc, writer_escapes_text_and_keeps_recurring_rounds_expanded);
    tcase_add_test(tc, changes_name_each_setting_before_and_after);
    tcase_add_test(tc, a_doctype_is_refused_with_its_line);
    tcase_add_test(tc, import_checks_refuse_what_cannot_run);
    tcase_add_test(tc, rounds_check_names_the_first_problem);
    suite_add_tcase(s, tc);
    return s;
}
