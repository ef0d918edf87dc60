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

#define HEAD "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" \
             "<contest xmlns=\"urn:quizcontest:contest:1\" code=\"t\">\n<title>T</title>\n"
#define UNITS "<units><unit code=\"a\" name=\"A\"/></units>\n"

START_TEST(demo_definition_parses)
{
    qc_definition_t *d;
    const char *err = NULL;
    ck_assert_msg(qc_definition_parse(qc_test_pool, QC_SRCDIR "/conf/demo/contest.xml", &d, &err) ==
                      APR_SUCCESS, "%s", err ? err : "");
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
    const char *path = write_file("weekly.xml",
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
    const char *path = write_file("badtime.xml",
        HEAD "<window opens=\"2024-02-30 08:00\" closes=\"2024-07-14 24:00\"/>\n" UNITS
        "</contest>\n");
    ck_assert_int_eq(qc_definition_parse(qc_test_pool, path, &d, &err), QC_EINPUT);
    ck_assert_msg(strstr(err, "badtime.xml:4:") != NULL, "%s", err);
}
END_TEST

START_TEST(overlapping_rounds_are_refused)
{
    qc_definition_t *d;
    const char *err = NULL;
    const char *path = write_file("overlap.xml",
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
    const char *path = write_file("exclusions.xml",
        HEAD "<window opens=\"2024-06-01\" closes=\"2024-07-01\"/>\n" UNITS
        "<exclusions><person name=\"A\" phone=\"+84 912 345 678\" cccd=\"001 190 000 002\"/>"
        "<person name=\"B\" phone=\"0912.345.679\"/></exclusions>\n</contest>\n");
    ck_assert_msg(qc_definition_parse(qc_test_pool, path, &d, &err) == APR_SUCCESS, "%s", err);
    x = &APR_ARRAY_IDX(d->exclusions, 0, qc_def_person_t);
    ck_assert_str_eq(x->phone, "0912345678");
    ck_assert_str_eq(x->cccd, "001190000002");
    ck_assert_str_eq(APR_ARRAY_IDX(d->exclusions, 1, qc_def_person_t).phone, "0912345679");
    path = write_file("badexclusion.xml",
        HEAD "<window opens=\"2024-06-01\" closes=\"2024-07-01\"/>\n" UNITS
        "<exclusions>\n<person name=\"A\" phone=\"12345\"/></exclusions>\n</contest>\n");
    ck_assert_int_eq(qc_definition_parse(qc_test_pool, path, &d, &err), QC_EINPUT);
    ck_assert_msg(strstr(err, "badexclusion.xml:7:") && strstr(err, "phone"), "%s", err);
}
END_TEST

START_TEST(no_rounds_means_one_round_over_the_window)
{
    qc_definition_t *d;
    const char *err = NULL;
    const char *path = write_file("oneround.xml",
        HEAD "<window opens=\"2024-12-09 00:00\" closes=\"2024-12-13 17:00\"/>\n" UNITS
        "</contest>\n");
    ck_assert_int_eq(qc_definition_parse(qc_test_pool, path, &d, &err), APR_SUCCESS);
    ck_assert_int_eq(d->rounds->nelts, 1);
    ck_assert_int_eq(APR_ARRAY_IDX(d->rounds, 0, qc_def_round_t).opens_ms, d->opens_ms);
}
END_TEST

START_TEST(schema_errors_name_the_line)
{
    qc_definition_t *d;
    const char *err = NULL;
    const char *path = write_file("schema.xml",
        HEAD "<window opens=\"2024-12-09\" closes=\"2024-12-13\"/>\n"
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
    ck_assert_int_eq(d->min_age, 15);
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
    const char *path = write_file("prizes.xml",
        HEAD "<window opens=\"2024-12-09\" closes=\"2024-12-13\"/>\n"
        "<units><unit code=\"a\" name=\"A\" headcount=\"3\"/></units>\n"
        "<prizes><individual><prize title=\"Nhất\" count=\"2\"/><prize title=\"Nhì\" count=\"2\"/>"
        "</individual></prizes>\n</contest>\n");
    ck_assert_int_eq(qc_definition_parse(qc_test_pool, path, &d, &err), QC_EINPUT);
    ck_assert_msg(strstr(err, "larger than") != NULL, "%s", err);
    path = write_file("prizegroup.xml",
        HEAD "<window opens=\"2024-12-09\" closes=\"2024-12-13\"/>\n" UNITS
        "<prizes><individual group=\"9\"><prize title=\"Nhất\" count=\"1\"/></individual></prizes>\n"
        "</contest>\n");
    ck_assert_int_eq(qc_definition_parse(qc_test_pool, path, &d, &err), QC_EINPUT);
    ck_assert_msg(strstr(err, "group 9") != NULL, "%s", err);
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
    tcase_add_test(tc, no_rounds_means_one_round_over_the_window);
    tcase_add_test(tc, schema_errors_name_the_line);
    tcase_add_test(tc, thai_nguyen_plan);
    tcase_add_test(tc, ben_tre_plan);
    tcase_add_test(tc, dak_nong_plan);
    tcase_add_test(tc, bac_kan_plan);
    tcase_add_test(tc, prizes_larger_than_headcount_are_refused);
    suite_add_tcase(s, tc);
    return s;
}
