#include <stdio.h>
#include <string.h>
#include <apr_file_io.h>
#include "qc_unit.h"
#include "qc_sql.h"
#include <apr_hash.h>
#include "qc_migrate.h"
#include "qc_status.h"

START_TEST(splits_statements_and_drops_comments)
{
    apr_array_header_t *s = qc_migrate_split(
        qc_test_pool,
        "-- a comment\nCREATE TABLE a (\n  x INT\n);\n\n-- another\nCREATE TABLE b (y INT);\n");
    ck_assert_int_eq(s->nelts, 2);
    ck_assert_str_eq(APR_ARRAY_IDX(s, 0, const char *), "CREATE TABLE a (\n  x INT\n)");
    ck_assert_str_eq(APR_ARRAY_IDX(s, 1, const char *), "CREATE TABLE b (y INT)");
}
END_TEST

START_TEST(lists_shipped_migrations_in_order)
{
    apr_array_header_t *list;
    const char *err = NULL;
    qc_migration_t *first;
    ck_assert_int_eq(qc_migrate_list(qc_test_pool, QC_SRCDIR "/conf/migrations", &list, &err),
                     APR_SUCCESS);
    ck_assert_int_ge(list->nelts, 1);
    first = APR_ARRAY_IDX(list, 0, qc_migration_t *);
    ck_assert_int_eq(first->version, 1);
    ck_assert_int_eq(strlen(first->checksum), 64);
}
END_TEST

START_TEST(refuses_duplicate_versions)
{
    const char *dir = "/tmp/qc-unit-migrations";
    apr_array_header_t *list;
    const char *err = NULL;
    FILE *f;
    apr_dir_make(dir, APR_OS_DEFAULT, qc_test_pool);
    f = fopen("/tmp/qc-unit-migrations/0001_a.sql", "w");
    fputs("SELECT 1;\n", f);
    fclose(f);
    f = fopen("/tmp/qc-unit-migrations/0001_b.sql", "w");
    fputs("SELECT 2;\n", f);
    fclose(f);
    ck_assert_int_eq(qc_migrate_list(qc_test_pool, dir, &list, &err), QC_EINPUT);
    ck_assert_ptr_nonnull(strstr(err, "same version"));
    remove("/tmp/qc-unit-migrations/0001_a.sql");
    remove("/tmp/qc-unit-migrations/0001_b.sql");
}
END_TEST

/* Every statement of the catalogue: a label used once, SQL with one statement's text, found
 * by its label; and the migrations' own, which are not in it. */
START_TEST(every_statement_label_is_used_once)
{
    apr_hash_t *seen = apr_hash_make(qc_test_pool);
    int areas, n = 0;
    const qc_sql_statement_t *st;
    for (areas = 0; qc_sql_catalogue[areas]; areas++) {
        for (st = qc_sql_catalogue[areas]; st->label; st++, n++) {
            ck_assert_msg(apr_hash_get(seen, st->label, APR_HASH_KEY_STRING) == NULL,
                          "%s is in the catalogue twice", st->label);
            apr_hash_set(seen, st->label, APR_HASH_KEY_STRING, st);
            ck_assert_msg(st->sql && *st->sql && !strchr(st->sql, ';'), "%s: one statement",
                          st->label);
            ck_assert_ptr_eq(qc_sql_find(st->label), st);
            ck_assert_msg(!strncmp(st->label, "qc_", 3), "%s: the qc_ prefix", st->label);
        }
    }
    ck_assert_int_gt(areas, 15);
    ck_assert_int_gt(n, 200);
    ck_assert_ptr_null(qc_sql_find("qc_no_such_statement"));
}
END_TEST

Suite *qc_suite_migrate(void)
{
    Suite *s = suite_create("migrate");
    TCase *tc = tcase_create("migrate");
    tcase_add_checked_fixture(tc, qc_test_pool_setup, qc_test_pool_teardown);
    tcase_add_test(tc, splits_statements_and_drops_comments);
    tcase_add_test(tc, lists_shipped_migrations_in_order);
    tcase_add_test(tc, refuses_duplicate_versions);
    tcase_add_test(tc, every_statement_label_is_used_once);
    suite_add_tcase(s, tc);
    return s;
}
