/* quizcontest-admin: results: the ranking (results), publishing it (publish) and the
 * organising committee's order for a tie (committee-order). */
#include <stdio.h>
#include <string.h>
#include <apr_strings.h>

#include "qc_admin.h"

#include "qc_results.h"
#include "qc_status.h"

/* ---- results (qc_results.c) ----------------------------------------------------------------- */

int qc_admin_cmd_results(tool_t *t)
{
    const char *contest = qc_admin_option(t, "--contest"), *format = qc_admin_option(t, "--format");
    const char *group = qc_admin_option(t, "--group"), *out;
    apr_int64_t round = qc_admin_int_option(t, "--round", 0, 65535, 0);
    apr_size_t len = 0;
    qc_contest_t *c;
    qc_db_t *db;
    apr_status_t rv;
    if (!contest || round < 0) {
        fprintf(stderr, "quizcontest-admin results: give --contest CODE (see --help)\n");
        return 2;
    }
    if (format && strcmp(format, "csv") != 0) {
        fprintf(stderr, "quizcontest-admin results: the only format is csv\n");
        return 2;
    }
    if (!qc_admin_connect(t, 1, &db)) {
        return 2;
    }
    rv = qc_contest_load(db, t->p, contest, &c);
    if (rv == APR_SUCCESS && qc_admin_flag(t, "--rebuild")) {
        rv = qc_results_rebuild(db, t->p, c);
    }
    if (rv == APR_SUCCESS && qc_admin_flag(t, "--units")) {
        qc_unit_report_t *u;
        rv = qc_results_units(db, t->p, c, &u);
        out = rv == APR_SUCCESS ? qc_results_units_csv(t->p, u, &len) : NULL;
    }
    else if (rv == APR_SUCCESS) {
        qc_ranking_t *r;
        rv = qc_results_ranking(db, t->p, c, (int)round, group, 0, &r);
        out = rv == APR_SUCCESS ? qc_results_csv(t->p, qc_admin_messages(t), r, &len) : NULL;
    }
    if (rv == QC_ENOTFOUND) {
        fprintf(stderr, "quizcontest-admin results: no such contest, round or group\n");
        return 1;
    }
    if (rv != APR_SUCCESS) {
        fprintf(stderr, "quizcontest-admin results: the database refused the query\n");
        return 1;
    }
    fwrite(out, 1, len, stdout);
    return 0;
}

/* Who the audit log names for a change made with this tool: the --by person, through it. */
static qc_actor_t tool_actor(tool_t *t, const char *by)
{
    qc_actor_t actor;
    actor.user = apr_pstrcat(t->p, "quizcontest-admin:", by, NULL);
    actor.client_ip = "";
    return actor;
}

/* "vòng N" or "toàn cuộc thi", as the secretariat's pages write it in the audit log */
static const char *round_object(tool_t *t, int round)
{
    return round ? apr_psprintf(t->p, "vòng %d", round) : "toàn cuộc thi";
}

int qc_admin_cmd_publish(tool_t *t)
{
    const char *contest = qc_admin_option(t, "--contest"), *by = qc_admin_option(t, "--by");
    apr_int64_t round = qc_admin_int_option(t, "--round", 0, 65535, -2);
    qc_contest_t *c;
    qc_db_t *db;
    apr_status_t rv;
    if (!contest || round < 0 || !by) {
        fprintf(stderr, "quizcontest-admin publish: give --contest CODE, --round SEQ (0: the "
                        "whole contest) and --by NAME\n");
        return 2;
    }
    if (!qc_admin_connect(t, 1, &db)) {
        return 2;
    }
    rv = qc_contest_load(db, t->p, contest, &c);
    if (rv == APR_SUCCESS) {
        int publish = !qc_admin_flag(t, "--withdraw");
        qc_actor_t actor = tool_actor(t, by);
        rv = qc_results_publish(db, t->p, c, (int)round, publish, by);
        if (rv == APR_SUCCESS) { /* the same entry as the secretariat's page writes */
            rv = qc_audit_write(
                db, t->p, c->id, &actor, publish ? "results.publish" : "results.withdraw",
                round_object(t, (int)round), publish ? "chưa công bố" : "đã công bố",
                publish ? "đã công bố" : "đã thu hồi");
        }
    }
    if (rv == QC_ECONFLICT) {
        fprintf(stderr, "quizcontest-admin publish: the round is still open\n");
        return 1;
    }
    if (rv != APR_SUCCESS) {
        fprintf(stderr, "quizcontest-admin publish: unknown contest or round, or the database "
                        "refused it\n");
        return 1;
    }
    printf("results of %s %s\n", round ? apr_psprintf(t->p, "round %d", (int)round) : "the contest",
           qc_admin_flag(t, "--withdraw") ? "withdrawn" : "published");
    return 0;
}

int qc_admin_cmd_committee_order(tool_t *t)
{
    const char *contest = qc_admin_option(t, "--contest"), *by = qc_admin_option(t, "--by");
    const char *reason = qc_admin_option(t, "--reason"), *ids = qc_admin_positional(t, 0);
    apr_int64_t round = qc_admin_int_option(t, "--round", 0, 65535, 0);
    apr_array_header_t *list = apr_array_make(t->p, 4, sizeof(const char *));
    char *copy, *state, *tok;
    qc_contest_t *c;
    qc_db_t *db;
    apr_status_t rv;
    if (!contest || round < 0 || !by || !reason || !ids) {
        fprintf(stderr, "quizcontest-admin committee-order: give --contest, --by, --reason and "
                        "the contestant ids in the committee's order (see --help)\n");
        return 2;
    }
    copy = apr_pstrdup(t->p, ids);
    for (tok = apr_strtok(copy, ",", &state); tok; tok = apr_strtok(NULL, ",", &state)) {
        APR_ARRAY_PUSH(list, const char *) = tok;
    }
    if (!qc_admin_connect(t, 1, &db)) {
        return 2;
    }
    rv = qc_contest_load(db, t->p, contest, &c);
    if (rv == APR_SUCCESS) {
        const char *group = qc_admin_option(t, "--group") ? qc_admin_option(t, "--group") : "";
        qc_actor_t actor = tool_actor(t, by);
        rv = qc_results_committee_order(db, t->p, c, (int)round, qc_admin_option(t, "--group"),
                                        list, reason, by);
        if (rv == APR_SUCCESS) { /* the same entry as the secretariat's page writes */
            rv = qc_audit_write(
                db, t->p, c->id, &actor, "results.committee",
                apr_pstrcat(t->p, round_object(t, (int)round), *group ? ", nhóm " : "", group,
                            NULL),
                NULL, apr_pstrcat(t->p, "thứ tự (mã thí sinh): ", ids, "; lý do: ", reason, NULL));
        }
    }
    if (rv == QC_EINPUT) {
        fprintf(stderr, "quizcontest-admin committee-order: these contestants are not exactly "
                        "one tie of that ranking\n");
        return 1;
    }
    if (rv != APR_SUCCESS) {
        fprintf(stderr, "quizcontest-admin committee-order: unknown contest, round or group, "
                        "or the database refused it\n");
        return 1;
    }
    printf("committee order recorded for %d contestant(s)\n", list->nelts);
    return 0;
}
