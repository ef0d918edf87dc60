/* Runs every Check suite of lib/. With QC_UNIT_XML set, also writes Check's XML report there
 * (tests/run-all reads it for the final "N passed, M failed" line). */
#include <stdlib.h>
#include <apr_general.h>
#include "qc_unit.h"
#include "qc_messages.h"
#include "qc_xslt.h"

apr_pool_t *qc_test_pool;

void qc_test_pool_setup(void)
{
    apr_pool_create(&qc_test_pool, NULL);
}

void qc_test_pool_teardown(void)
{
    apr_pool_destroy(qc_test_pool);
    qc_test_pool = NULL;
}

void qc_test_load_theme(qc_xslt_set_t **set, qc_messages_t **msgs)
{
    const char *err = NULL;
    qc_xslt_global_init();
    ck_assert_msg(qc_xslt_compile(qc_test_pool, QC_SRCDIR "/xslt", NULL, set, &err) == APR_SUCCESS,
                  "%s", err ? err : "");
    ck_assert_int_eq(
        qc_messages_load(qc_test_pool, QC_SRCDIR "/xslt/messages.xml", NULL, msgs, &err),
        APR_SUCCESS);
}

int main(void)
{
    SRunner *runner;
    int failed;
    const char *xml = getenv("QC_UNIT_XML");

    apr_initialize();
    runner = srunner_create(qc_suite_utf8());
    srunner_add_suite(runner, qc_suite_form());
    srunner_add_suite(runner, qc_suite_time());
    srunner_add_suite(runner, qc_suite_validate());
    srunner_add_suite(runner, qc_suite_util());
    srunner_add_suite(runner, qc_suite_draw());
    srunner_add_suite(runner, qc_suite_messages());
    srunner_add_suite(runner, qc_suite_xslt());
    srunner_add_suite(runner, qc_suite_migrate());
    srunner_add_suite(runner, qc_suite_throttle());
    srunner_add_suite(runner, qc_suite_definition());
    srunner_add_suite(runner, qc_suite_attempt());
    srunner_add_suite(runner, qc_suite_multipart());
    /* question-bank exchange formats */
    srunner_add_suite(runner, qc_suite_qbank());
    srunner_add_suite(runner, qc_suite_qbank_xlsx());
    /* results (ranking, prizes, units) */
    srunner_add_suite(runner, qc_suite_rank());
    /* secretariat contest pages */
    srunner_add_suite(runner, qc_suite_password_reset());
    /* jury-scored parts */
    srunner_add_suite(runner, qc_suite_jury());
    srunner_add_suite(runner, qc_suite_jury_scoring());
    /* the pages' HTML serialiser (i-serializer) */
    srunner_add_suite(runner, qc_suite_html());
    srunner_add_suite(runner, qc_suite_xmlarena());
    srunner_add_suite(runner, qc_suite_gate());
    srunner_add_suite(runner, qc_suite_combine());
    srunner_add_suite(runner, qc_suite_stage_scoring());
    srunner_add_suite(runner, qc_suite_router());
    srunner_add_suite(runner, qc_suite_provision());
    srunner_add_suite(runner, qc_suite_db());
    if (xml && *xml) {
        srunner_set_xml(runner, xml);
    }
    srunner_run_all(runner, CK_NORMAL);
    failed = srunner_ntests_failed(runner);
    srunner_free(runner);
    apr_terminate();
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
