/* The secretariat area: its router, what its pages share (the authenticated user, CSRF, the
 * audit log), the question bank's pages and the audit log's page. The module serves this area
 * only to a user Apache authenticated (mod_quizcontest.c refuses the rest with 403). */
#include <string.h>
#include <apr_strings.h>
#include "qc_ctx.h"
#include "qc_pages.h"
#include "qc_audit.h"
#include "qc_form.h"
#include "qc_log.h"
#include "qc_question.h"
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

void qc_page_audit(qc_ctx_t *ctx)
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

apr_status_t qc_staff_topics(qc_ctx_t *ctx, qc_staff_topics_t *topics)
{
    return qc_question_topics(ctx->db, ctx->p, ctx->contest->id, &topics->list, &topics->n);
}

void qc_staff_topics_xml(xmlNodePtr parent, const qc_staff_topics_t *topics)
{
    xmlNodePtr list = qc_xml_add(parent, "topics", NULL);
    int i;
    for (i = 0; i < topics->n; i++) {
        const qc_topic_t *t = &topics->list[i];
        xmlNodePtr e = qc_xml_add(list, "topic", t->title);
        qc_xml_set_int(e, "id", t->id);
        qc_xml_set(e, "code", t->code);
        if (t->has_quota) {
            qc_xml_set_int(e, "quota", t->quota);
        }
        qc_xml_set_int(e, "active", t->active);
    }
}

void qc_page_questions(qc_ctx_t *ctx)
{
    xmlNodePtr root = qc_staff_page(ctx, "staff-questions"), list, filter;
    qc_staff_topics_t topics;
    qc_question_filter_t f;
    qc_question_entry_t *questions;
    apr_status_t rv;
    int i, n = 0;
    if (!root) {
        return;
    }
    f.topic_code = qc_form_get(ctx->p, ctx->req->query, "chu-de");
    f.text = qc_form_get(ctx->p, ctx->req->query, "tim");
    f.with_retired = *qc_form_get(ctx->p, ctx->req->query, "ca-cau-da-ngung") != '\0';
    filter = qc_xml_add(root, "filter", NULL);
    qc_xml_set(filter, "topic", f.topic_code);
    qc_xml_set(filter, "text", f.text);
    qc_xml_set(filter, "retired", f.with_retired ? "1" : "0");
    rv = qc_staff_topics(ctx, &topics);
    if (rv == APR_SUCCESS) {
        qc_staff_topics_xml(root, &topics);
        rv = qc_question_list(ctx->db, ctx->p, ctx->contest->id, &f, &questions, &n);
    }
    if (rv != APR_SUCCESS) {
        qc_ctx_fail(ctx, rv);
        return;
    }
    list = qc_xml_add(root, "questions", NULL);
    qc_xml_set_int(list, "count", n);
    for (i = 0; i < n; i++) {
        const qc_question_entry_t *e = &questions[i];
        xmlNodePtr q = qc_xml_add(list, "question", NULL);
        qc_xml_set_int(q, "id", e->id);
        qc_xml_set(q, "code", e->code);
        qc_xml_set_int(q, "version", e->version);
        qc_xml_set(q, "topic", e->topic_code);
        qc_xml_set(q, "topic-title", e->topic_title);
        qc_xml_set(q, "kind", e->kind);
        qc_xml_set_int(q, "retired", e->retired);
        qc_xml_set_int(q, "used", e->used);
        qc_xml_add(q, "text", e->text);
    }
}

/* One question with its key, how often it was drawn and answered right, and its versions:
 * the secretariat's preview (the answer key is shown here, and only here, to staff). */
void qc_page_question(qc_ctx_t *ctx, const char *id)
{
    xmlNodePtr root = qc_staff_page(ctx, "staff-question"), q, choices, versions;
    qc_question_t *question;
    apr_status_t rv;
    int i;
    if (!root) {
        return;
    }
    rv = qc_question_get(ctx->db, ctx->p, ctx->contest->id, id, &question);
    if (rv == APR_SUCCESS) {
        rv = qc_question_usage(ctx->db, ctx->p, ctx->contest->id, question);
    }
    if (rv != APR_SUCCESS) {
        qc_ctx_fail(ctx, rv);
        return;
    }
    if (*qc_form_get(ctx->p, ctx->req->query, "da-luu")) {
        qc_xml_add(root, "notice", "staff.question.saved");
    }
    q = qc_xml_add(root, "question", NULL);
    qc_xml_set_int(q, "id", question->id);
    qc_xml_set(q, "code", question->code);
    qc_xml_set_int(q, "version", question->version);
    qc_xml_set(q, "topic", question->topic_code);
    qc_xml_set(q, "topic-title", question->topic_title);
    qc_xml_set(q, "kind", question->kind);
    qc_xml_set_int(q, "retired", question->retired);
    if (question->has_created) {
        qc_ctx_set_time(ctx, q, "created", question->created_ms);
    }
    qc_xml_set_int(q, "drawn", question->drawn);
    qc_xml_set_int(q, "right", question->right);
    if (question->drawn > 0) {
        qc_xml_set_int(q, "right-percent",
                       (question->right * 100 + question->drawn / 2) / question->drawn);
    }
    qc_xml_add(q, "text", question->text);
    qc_xml_add(q, "explanation", question->explanation);
    choices = qc_xml_add(q, "choices", NULL);
    for (i = 0; i < question->nchoices; i++) {
        const qc_question_choice_t *c = &question->choices[i];
        xmlNodePtr e = qc_xml_add(choices, "choice", c->text);
        qc_xml_set_int(e, "seq", c->seq);
        qc_xml_set_int(e, "correct", c->correct);
        qc_xml_set_int(e, "picked", c->picked);
    }
    if (question->has_unanswered) {
        qc_xml_set_int(choices, "unanswered", question->unanswered);
    }
    versions = qc_xml_add(q, "versions", NULL);
    for (i = 0; i < question->nversions; i++) {
        const qc_question_version_t *v = &question->versions[i];
        xmlNodePtr e = qc_xml_add(versions, "version", NULL);
        qc_xml_set_int(e, "id", v->id);
        qc_xml_set_int(e, "number", v->number);
        qc_xml_set_int(e, "retired", v->retired);
        if (v->has_created) {
            qc_ctx_set_time(ctx, e, "created", v->created_ms);
        }
    }
}

/* Every question with how often it was drawn and answered right, the least often right
 * first: a wrong answer key shows at the top before results are published. */
void qc_page_question_stats(qc_ctx_t *ctx)
{
    xmlNodePtr root = qc_staff_page(ctx, "staff-question-stats"), list;
    qc_question_stat_t *stats;
    apr_status_t rv;
    int i, n = 0;
    if (!root) {
        return;
    }
    rv = qc_question_stats(ctx->db, ctx->p, ctx->contest->id, &stats, &n);
    if (rv != APR_SUCCESS) {
        qc_ctx_fail(ctx, rv);
        return;
    }
    list = qc_xml_add(root, "question-stats", NULL);
    for (i = 0; i < n; i++) {
        const qc_question_stat_t *s = &stats[i];
        xmlNodePtr q = qc_xml_add(list, "question", NULL);
        qc_xml_set_int(q, "id", s->id);
        qc_xml_set(q, "code", s->code);
        qc_xml_set_int(q, "version", s->version);
        qc_xml_set(q, "topic-title", s->topic_title);
        qc_xml_set_int(q, "retired", s->retired);
        qc_xml_set_int(q, "drawn", s->drawn);
        qc_xml_set_int(q, "answered", s->answered);
        qc_xml_set_int(q, "right", s->right);
        if (s->answered > 0) {
            qc_xml_set_int(q, "right-percent", (s->right * 100 + s->answered / 2) / s->answered);
        }
        qc_xml_add(q, "text", s->text);
    }
}

/* Retire a question: it is drawn no more; attempts that drew it keep it and their scores. */
void qc_page_question_retire(qc_ctx_t *ctx, const char *id)
{
    qc_actor_t actor;
    apr_status_t rv;
    if (!qc_staff_post_ok(ctx)) {
        return;
    }
    rv = qc_ctx_contest(ctx);
    if (rv == APR_SUCCESS) {
        qc_staff_actor(ctx, &actor);
        rv = qc_question_retire(ctx->db, ctx->p, ctx->contest->id, &actor, id);
    }
    if (rv != APR_SUCCESS) {
        qc_ctx_fail(ctx, rv);
        return;
    }
    qc_ctx_redirect(ctx, apr_pstrcat(ctx->p, "cau-hoi/", id, "?da-luu=1", NULL));
}

/* ---- routing ------------------------------------------------------------------------------- */

