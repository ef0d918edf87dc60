/* quizcontest-admin: gen-population, a synthetic population for scale tests. */

#include <stdio.h>
#include <apr_time.h>

#include "qc_admin.h"

#include "qc_population.h"
#include "qc_status.h"

int qc_admin_cmd_gen_population(tool_t *t)
{
    const char *contest = qc_admin_option(t, "--contest");
    apr_int64_t n = qc_admin_int_option(t, "--contestants", 1, 1000000, -2);
    apr_int64_t each = qc_admin_int_option(t, "--attempts-each", 0, 100, 3);
    apr_int64_t units = qc_admin_int_option(t, "--units", 1, 10000, 100);
    apr_int64_t batch = qc_admin_int_option(t, "--batch", 0, 99, 0);
    apr_int64_t range =
        qc_admin_int_option(t, "--prediction-range", 1, APR_INT64_C(1000000000000), 200000);
    const char *parent = "";
    qc_population_spec_t spec;
    qc_population_made_t made;
    apr_time_t t0 = apr_time_now();
    qc_contest_t *c;
    qc_db_t *db;
    apr_status_t rv;
    if (!contest || n < 1 || each < 0 || units < 0 || batch < 0 || range < 0) {
        fprintf(stderr, "quizcontest-admin gen-population: give --contest CODE and "
                        "--contestants N (see --help)\n");
        return 2;
    }
    if (!qc_admin_connect(t, 1, &db)) {
        return 2;
    }
    rv = qc_contest_load(db, t->p, contest, &c);
    if (rv == APR_SUCCESS && c->rounds->nelts == 0) {
        rv = QC_ENOTFOUND;
    }
    if (rv == APR_SUCCESS && qc_admin_option(t, "--parent-unit")) {
        rv = qc_contest_unit_id(db, t->p, c->id, qc_admin_option(t, "--parent-unit"), &parent);
    }
    if (rv != APR_SUCCESS) {
        fprintf(stderr, "quizcontest-admin gen-population: unknown contest (or it has no "
                        "round), or unknown parent unit\n");
        return 1;
    }
    spec.parent_unit_id = parent;
    spec.contestants = n;
    spec.units = units;
    spec.headcount = n / units + 10;
    spec.attempts_each = each;
    spec.prediction_range = range;
    spec.batch = batch;
    rv = qc_population_generate(db, t->p, c, &spec, &made);
    if (rv != APR_SUCCESS) {
        fprintf(stderr, "quizcontest-admin gen-population: the database refused it (a batch "
                        "number used before? use --batch)\n");
        return 1;
    }
    printf("generated %d unit(s), %d contestant(s), %d finished attempt(s) in %.1f s\n", made.units,
           made.contestants, made.attempts, (double)(apr_time_now() - t0) / APR_USEC_PER_SEC);
    return 0;
}
