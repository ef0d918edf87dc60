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
                      "<prizes/>\n" UNITS "</contest>\n");
    ck_assert_int_eq(qc_definition_parse(qc_test_pool, path, &d, &err), QC_EINPUT);
    ck_assert_msg(strstr(err, "unknown.xml:") != NULL, "%s", err);
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
    tcase_add_test(tc, no_rounds_means_one_round_over_the_window);
    tcase_add_test(tc, schema_errors_name_the_line);
    suite_add_tcase(s, tc);
    return s;
}
