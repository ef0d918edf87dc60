/* The secretariat area: its router, what its pages share (the authenticated user, CSRF, the
 * audit log), the question bank's pages and the audit log's page. The module serves this area
 * only to a user Apache authenticated (mod_quizcontest.c refuses the rest with 403). */
#include <string.h>
#include <apr_strings.h>
#include "qc_app_internal.h"
#include "qc_audit.h"
#include "qc_form.h"
#include "qc_log.h"
#include "qc_status.h"
#include "qc_time.h"
#include "qc_util.h"
#include "qc_xml.h"

void qc_staff_actor(qc_ctx_t *ctx, qc_actor_t *actor)
{
    actor->user = ctx->req->remote_user ? ctx->req->remote_user : "";
    actor->client_ip = ctx->req->client_ip ? ctx->req->client_ip : "";
}

xmlNodePtr qc_staff_page(qc_ctx_t *ctx, const char *page)
{
    apr_status_t rv = qc_ctx_contest(ctx);
    xmlNodePtr root;
    if (rv != APR_SUCCESS) {
        qc_ctx_fail(ctx, rv);
        return NULL;
    }
    root = qc_ctx_page(ctx, page);
    qc_ctx_page_csrf(ctx);
    return root;
}

int qc_staff_post_ok(qc_ctx_t *ctx)
{
    if (!qc_ctx_csrf_ok(ctx)) {
        qc_log(QC_LOG_MARK, QC_LOG_WARNING, 0,
               "QC00501: refused a secretariat form from %s (user %s) without its CSRF token",
               ctx->req->client_ip, ctx->req->remote_user);
        qc_ctx_fail(ctx, QC_EFORBIDDEN);
        return 0;
    }
    return 1;
}

/* ---- the audit log ----------------------------------------------------------------------- */

static void page_audit(qc_ctx_t *ctx)
{
    xmlNodePtr root = qc_staff_page(ctx, "staff-audit"), list;
    apr_int64_t before = 0;
    qc_audit_entry_t *entries;
    apr_status_t rv;
    int i, n = 0;
    if (!root) {
        return;
    }
    if (*qc_form_get(ctx->p, ctx->req->query, "truoc") &&
        qc_util_parse_int64(qc_form_get(ctx->p, ctx->req->query, "truoc"), 1,
                            APR_INT64_C(999999999999999), &before) != APR_SUCCESS) {
        qc_ctx_fail(ctx, QC_EINPUT);
        return;
    }
    rv = qc_audit_list(ctx->db, ctx->p, ctx->contest->id, before, &entries, &n);
    if (rv != APR_SUCCESS) {
        qc_ctx_fail(ctx, rv);
        return;
    }
    list = qc_xml_add(root, "audit", NULL);
    for (i = 0; i < n; i++) {
        const qc_audit_entry_t *a = &entries[i];
        xmlNodePtr e = qc_xml_add(list, "entry", NULL);
        qc_xml_set_int(e, "id", a->id);
        if (a->has_at) {
            qc_ctx_set_time(ctx, e, "at", a->at_ms);
        }
        qc_xml_set(e, "actor", a->actor);
        qc_xml_set(e, "ip", a->client_ip);
        qc_xml_set(e, "action", a->action);
        qc_xml_add(e, "object", a->object);
        if (a->before) {
            qc_xml_add(e, "before", a->before);
        }
        if (a->after) {
            qc_xml_add(e, "after", a->after);
        }
    }
    if (n == QC_AUDIT_PAGE) {
        qc_xml_set_int(list, "older", entries[n - 1].id);
    }
}

/* ---- the question bank --------------------------------------------------------------------- */

apr_status_t qc_staff_topics(qc_ctx_t *ctx, qc_rows_t **rows)
{
    return qc_db_select(ctx->db, ctx->p, "qc_staff_topics", QC_ARGS(ctx->contest->id), rows);
}

void qc_staff_topics_xml(xmlNodePtr parent, const qc_rows_t *rows)
{
    xmlNodePtr topics = qc_xml_add(parent, "topics", NULL);
    int i;
    for (i = 0; i < rows->nrows; i++) {
        xmlNodePtr t = qc_xml_add(topics, "topic", qc_rows_get(rows, i, 2));
        qc_xml_set(t, "id", qc_rows_get(rows, i, 0));
        qc_xml_set(t, "code", qc_rows_get(rows, i, 1));
        qc_xml_set(t, "quota", qc_rows_get(rows, i, 3));
        qc_xml_set(t, "active", qc_rows_get(rows, i, 4));
    }
}

static void page_questions(qc_ctx_t *ctx)
{
    xmlNodePtr root = qc_staff_page(ctx, "staff-questions"), list, filter;
    qc_rows_t *topics;
    const char *topic = qc_form_get(ctx->p, ctx->req->query, "chu-de");
    const char *text = qc_form_get(ctx->p, ctx->req->query, "tim");
    const char *all = *qc_form_get(ctx->p, ctx->req->query, "ca-cau-da-ngung") ? "all" : "";
    qc_rows_t *rows;
    apr_status_t rv;
    int i;
    if (!root) {
        return;
    }
    filter = qc_xml_add(root, "filter", NULL);
    qc_xml_set(filter, "topic", topic);
    qc_xml_set(filter, "text", text);
    qc_xml_set(filter, "retired", *all ? "1" : "0");
    rv = qc_staff_topics(ctx, &topics);
    if (rv == APR_SUCCESS) {
        qc_staff_topics_xml(root, topics);
        rv = qc_db_select(ctx->db, ctx->p, "qc_staff_questions",
                          QC_ARGS(ctx->contest->id, topic, topic, all, text, text, text), &rows);
    }
    if (rv != APR_SUCCESS) {
        qc_ctx_fail(ctx, rv);
        return;
    }
    list = qc_xml_add(root, "questions", NULL);
    qc_xml_set_int(list, "count", rows->nrows);
    for (i = 0; i < rows->nrows; i++) {
        xmlNodePtr q = qc_xml_add(list, "question", NULL);
        qc_xml_set(q, "id", qc_rows_get(rows, i, 0));
        qc_xml_set(q, "code", qc_rows_get(rows, i, 1));
        qc_xml_set(q, "version", qc_rows_get(rows, i, 2));
        qc_xml_set(q, "topic", qc_rows_get(rows, i, 3));
        qc_xml_set(q, "topic-title", qc_rows_get(rows, i, 4));
        qc_xml_set(q, "kind", qc_rows_get(rows, i, 5));
        qc_xml_set(q, "retired", qc_rows_get(rows, i, 7));
        qc_xml_set(q, "used", qc_rows_get(rows, i, 8));
        qc_xml_add(q, "text", qc_rows_get(rows, i, 6));
    }
}

/* One question with its key, how often it was drawn and answered right, and its versions:
 * the secretariat's preview (the answer key is shown here, and only here, to staff). */
static void page_question(qc_ctx_t *ctx, const char *id)
{
    xmlNodePtr root = qc_staff_page(ctx, "staff-question"), q, choices, versions;
    qc_rows_t *rows, *crows, *vrows, *prows;
    apr_status_t rv;
    apr_int64_t created = 0;
    int i;
    if (!root) {
        return;
    }
    rv = qc_db_select(ctx->db, ctx->p, "qc_staff_question", QC_ARGS(ctx->contest->id, id), &rows);
    if (rv == APR_SUCCESS && rows->nrows == 0) {
        rv = QC_ENOTFOUND;
    }
    if (rv == APR_SUCCESS) {
        rv = qc_db_select(ctx->db, ctx->p, "qc_staff_question_choices", QC_ARGS(id), &crows);
    }
    if (rv == APR_SUCCESS) {
        rv = qc_db_select(ctx->db, ctx->p, "qc_staff_question_picks", QC_ARGS(id), &prows);
    }
    if (rv == APR_SUCCESS) {
        rv = qc_db_select(ctx->db, ctx->p, "qc_staff_question_versions",
                          QC_ARGS(ctx->contest->id, qc_rows_get(rows, 0, 1)), &vrows);
    }
    if (rv != APR_SUCCESS) {
        qc_ctx_fail(ctx, rv);
        return;
    }
    if (*qc_form_get(ctx->p, ctx->req->query, "da-luu")) {
        qc_xml_add(root, "notice", "staff.question.saved");
    }
    q = qc_xml_add(root, "question", NULL);
    qc_xml_set(q, "id", qc_rows_get(rows, 0, 0));
    qc_xml_set(q, "code", qc_rows_get(rows, 0, 1));
    qc_xml_set(q, "version", qc_rows_get(rows, 0, 2));
    qc_xml_set(q, "topic", qc_rows_get(rows, 0, 3));
    qc_xml_set(q, "topic-title", qc_rows_get(rows, 0, 4));
    qc_xml_set(q, "kind", qc_rows_get(rows, 0, 5));
    qc_xml_set(q, "retired", qc_rows_get(rows, 0, 8));
    if (qc_time_parse_db(qc_rows_get(rows, 0, 9), &created) == APR_SUCCESS) {
        qc_ctx_set_time(ctx, q, "created", created);
    }
    qc_xml_set(q, "drawn", qc_rows_get(rows, 0, 10));
    qc_xml_set(q, "right", qc_rows_get(rows, 0, 11));
    {
        apr_int64_t drawn = apr_atoi64(qc_rows_get(rows, 0, 10));
        apr_int64_t right = apr_atoi64(qc_rows_get(rows, 0, 11));
        if (drawn > 0) {
            qc_xml_set_int(q, "right-percent", (right * 100 + drawn / 2) / drawn);
        }
    }
    qc_xml_add(q, "text", qc_rows_get(rows, 0, 6));
    qc_xml_add(q, "explanation", qc_rows_get(rows, 0, 7));
    choices = qc_xml_add(q, "choices", NULL);
    for (i = 0; i < crows->nrows; i++) {
        xmlNodePtr c = qc_xml_add(choices, "choice", qc_rows_get(crows, i, 1));
        const char *cid = qc_rows_get(crows, i, 3);
        int j;
        apr_int64_t picked = 0;
        qc_xml_set(c, "seq", qc_rows_get(crows, i, 0));
        qc_xml_set(c, "correct", qc_rows_get(crows, i, 2));
        /* how many answers included this choice (a selection is a sorted list of ids) */
        for (j = 0; j < prows->nrows; j++) {
            if (qc_util_csv_has(qc_rows_get(prows, j, 0), cid)) {
                picked += apr_atoi64(qc_rows_get(prows, j, 1));
            }
        }
        qc_xml_set_int(c, "picked", picked);
    }
    for (i = 0; i < prows->nrows; i++) {
        if (!*qc_rows_get(prows, i, 0)) {
            qc_xml_set(choices, "unanswered", qc_rows_get(prows, i, 1));
        }
    }
    versions = qc_xml_add(q, "versions", NULL);
    for (i = 0; i < vrows->nrows; i++) {
        xmlNodePtr v = qc_xml_add(versions, "version", NULL);
        qc_xml_set(v, "id", qc_rows_get(vrows, i, 0));
        qc_xml_set(v, "number", qc_rows_get(vrows, i, 1));
        qc_xml_set(v, "retired", qc_rows_get(vrows, i, 2));
        if (qc_time_parse_db(qc_rows_get(vrows, i, 3), &created) == APR_SUCCESS) {
            qc_ctx_set_time(ctx, v, "created", created);
        }
    }
}

/* Every question with how often it was drawn and answered right, the least often right
 * first: a wrong answer key shows at the top before results are published. */
static void page_question_stats(qc_ctx_t *ctx)
{
    xmlNodePtr root = qc_staff_page(ctx, "staff-question-stats"), list;
    qc_rows_t *rows;
    apr_status_t rv;
    int i;
    if (!root) {
        return;
    }
    rv = qc_db_select(ctx->db, ctx->p, "qc_staff_question_stats", QC_ARGS(ctx->contest->id), &rows);
    if (rv != APR_SUCCESS) {
        qc_ctx_fail(ctx, rv);
        return;
    }
    list = qc_xml_add(root, "question-stats", NULL);
    for (i = 0; i < rows->nrows; i++) {
        xmlNodePtr q = qc_xml_add(list, "question", NULL);
        apr_int64_t drawn = apr_atoi64(qc_rows_get(rows, i, 6));
        apr_int64_t answered = apr_atoi64(qc_rows_get(rows, i, 7));
        apr_int64_t right = apr_atoi64(qc_rows_get(rows, i, 8));
        qc_xml_set(q, "id", qc_rows_get(rows, i, 0));
        qc_xml_set(q, "code", qc_rows_get(rows, i, 1));
        qc_xml_set(q, "version", qc_rows_get(rows, i, 2));
        qc_xml_set(q, "topic-title", qc_rows_get(rows, i, 3));
        qc_xml_set(q, "retired", qc_rows_get(rows, i, 5));
        qc_xml_set_int(q, "drawn", drawn);
        qc_xml_set(q, "answered", qc_rows_get(rows, i, 7));
        qc_xml_set_int(q, "right", right);
        if (answered > 0) {
            qc_xml_set_int(q, "right-percent", (right * 100 + answered / 2) / answered);
        }
        qc_xml_add(q, "text", qc_rows_get(rows, i, 4));
    }
}

/* Retire a question: it is drawn no more; attempts that drew it keep it and their scores. */
static void post_question_retire(qc_ctx_t *ctx, const char *id)
{
    qc_actor_t actor;
    qc_rows_t *rows;
    int affected = 0;
    apr_status_t rv;
    if (!qc_staff_post_ok(ctx)) {
        return;
    }
    rv = qc_ctx_contest(ctx);
    if (rv != APR_SUCCESS) {
        qc_ctx_fail(ctx, rv);
        return;
    }
    qc_staff_actor(ctx, &actor);
    rv = qc_db_select(ctx->db, ctx->p, "qc_staff_question", QC_ARGS(ctx->contest->id, id), &rows);
    if (rv == APR_SUCCESS && rows->nrows == 0) {
        rv = QC_ENOTFOUND;
    }
    if (rv == APR_SUCCESS) {
        rv = qc_db_begin(ctx->db, ctx->p);
    }
    if (rv == APR_SUCCESS) {
        rv = qc_db_exec(ctx->db, ctx->p, "qc_staff_question_retire", QC_ARGS(ctx->contest->id, id),
                        &affected);
        if (rv == APR_SUCCESS && affected == 1) {
            rv = qc_db_exec(ctx->db, ctx->p, "qc_contest_touch", QC_ARGS(ctx->contest->id), NULL);
        }
        if (rv == APR_SUCCESS && affected == 1) {
            rv = qc_audit_write(ctx->db, ctx->p, ctx->contest->id, &actor, "question.retire",
                                apr_psprintf(ctx->p, "%s v%s (#%s)", qc_rows_get(rows, 0, 1),
                                             qc_rows_get(rows, 0, 2), id),
                                "đang dùng", "ngừng dùng");
        }
        if (rv == APR_SUCCESS) {
            rv = qc_db_commit(ctx->db, ctx->p);
        }
        else {
            qc_db_rollback(ctx->db, ctx->p);
        }
    }
    if (rv != APR_SUCCESS) {
        qc_ctx_fail(ctx, rv);
        return;
    }
    qc_ctx_redirect(ctx, apr_pstrcat(ctx->p, "cau-hoi/", id, "?da-luu=1", NULL));
}

/* ---- routing ------------------------------------------------------------------------------- */

int qc_route_staff(qc_ctx_t *ctx, const char **seg, int n)
{
    if (n == 0 && !qc_ctx_is_post(ctx)) {
        qc_page_secretariat_home(ctx);
    }
    else if (n == 1 && !strcmp(seg[0], "nhat-ky") && !qc_ctx_is_post(ctx)) {
        page_audit(ctx);
    }
    else if (n == 1 && !strcmp(seg[0], "thong-ke-cau-hoi") && !qc_ctx_is_post(ctx)) {
        page_question_stats(ctx);
    }
    else if (n == 1 && !strcmp(seg[0], "cau-hoi") && !qc_ctx_is_post(ctx)) {
        page_questions(ctx);
    }
    else if (n == 2 && !strcmp(seg[0], "cau-hoi") && qc_util_is_id(seg[1]) &&
             !qc_ctx_is_post(ctx)) {
        page_question(ctx, seg[1]);
    }
    else if (n == 3 && !strcmp(seg[0], "cau-hoi") && qc_util_is_id(seg[1]) &&
             !strcmp(seg[2], "ngung-dung") && qc_ctx_is_post(ctx)) {
        post_question_retire(ctx, seg[1]);
    }
    /* results (qc_page_results.c): ranking and unit statistics, ?format=csv */
    else if (n == 1 && !strcmp(seg[0], "ket-qua") && !qc_ctx_is_post(ctx)) {
        qc_page_results(ctx);
    }
    else if (n == 2 && !strcmp(seg[0], "ket-qua") && !strcmp(seg[1], "cong-bo") &&
             qc_ctx_is_post(ctx)) {
        qc_page_results_publish(ctx);
    }
    else if (n == 2 && !strcmp(seg[0], "ket-qua") && !strcmp(seg[1], "ban-to-chuc") &&
             qc_ctx_is_post(ctx)) {
        qc_page_results_committee(ctx);
    }
    else if (n == 1 && !strcmp(seg[0], "don-vi") && !qc_ctx_is_post(ctx)) {
        qc_page_units(ctx);
    }
    /* results outputs (qc_page_outputs.c): print page, certificates, progress */
    else if (qc_route_outputs(ctx, seg, n, qc_ctx_is_post(ctx))) {
        /* handled there */
    }
    else if (qc_route_staff_bank(ctx, seg, n, qc_ctx_is_post(ctx))) {
        /* import, export, writing and editing questions */
    }
    /* ---- the contest: definition file, settings, contestants (qc_page_contest.c) ---- */
    else if (qc_route_contest(ctx, seg, n)) {
        /* handled there */
    }
    /* ---- end of: the contest ---- */
    else {
        return 0;
    }
    return 1;
}
