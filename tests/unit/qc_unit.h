/* Check suites of the lib/ unit tests; each test_*.c file defines one. */
#ifndef QC_UNIT_H
#define QC_UNIT_H

#include <check.h>
#include <apr_pools.h>

Suite *qc_suite_utf8(void);
Suite *qc_suite_form(void);
Suite *qc_suite_time(void);
Suite *qc_suite_validate(void);
Suite *qc_suite_util(void);
Suite *qc_suite_draw(void);
Suite *qc_suite_messages(void);
Suite *qc_suite_xslt(void);
Suite *qc_suite_migrate(void);
Suite *qc_suite_throttle(void);
Suite *qc_suite_definition(void);
Suite *qc_suite_attempt(void);
Suite *qc_suite_multipart(void);
/* question-bank exchange formats */
Suite *qc_suite_qbank(void);
Suite *qc_suite_qbank_xlsx(void);
/* results (ranking, prizes, units) */
Suite *qc_suite_rank(void);
/* secretariat contest pages */
Suite *qc_suite_password_reset(void);
/* jury-scored parts */
Suite *qc_suite_jury(void);
Suite *qc_suite_jury_scoring(void);
/* the pages' HTML serialiser (i-serializer) */
Suite *qc_suite_html(void);
/* the per-request arena of libxml2 (load benchmark) */
Suite *qc_suite_xmlarena(void);
/* the page gate (QuizContestConcurrentPages) */
Suite *qc_suite_gate(void);
/* the combiner of writes (QuizContestSaveBatch) */
Suite *qc_suite_combine(void);
/* the on-stage contest's totals (qc_stage_scoring) */
Suite *qc_suite_stage_scoring(void);
/* the route table (qc_router) */
Suite *qc_suite_router(void);
Suite *qc_suite_provision(void);
Suite *qc_suite_db(void);

/* A fresh pool per test: create in a checked fixture's setup, destroy in its teardown. */
extern apr_pool_t *qc_test_pool;
void qc_test_pool_setup(void);
void qc_test_pool_teardown(void);

/* The shipped stylesheets (xslt/) compiled and their messages loaded into qc_test_pool, after
 * qc_xslt_global_init; fails the test when either does not load. */
struct qc_xslt_set;
struct qc_messages;
void qc_test_load_theme(struct qc_xslt_set **set, struct qc_messages **msgs);

#endif
