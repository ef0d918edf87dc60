/* The secretariat's two decisions on results: publishing (or withdrawing) a round's results,
 * and recording the organising committee's order for contestants still tied after score, time
 * and prediction. Both are audit-logged; the ranking page (qc_page_results.c) carries the
 * forms. */
#include <stdlib.h>
#include <string.h>
#include <apr_strings.h>
#include "qc_ctx.h"
#include "qc_pages.h"
#include "qc_audit.h"
#include "qc_form.h"
#include "qc_results.h"
#include "qc_status.h"
#include "qc_utf8.h"
#include "qc_util.h"
#include "qc_xml.h"

/* Back to the ranking the form was on, with a notice. */
static void back_to_ranking(qc_ctx_t *ctx, int round, const char *group, const char *notice)
{
    qc_ctx_redirect(ctx, apr_psprintf(ctx->p, "ket-qua?vong=%d%s%s&thong-bao=%s", round,
                                      group && *group ? "&nhom=" : "", group && *group ? group : "",
                                      notice));
}

static apr_status_t round_param(qc_ctx_t *ctx, int *round)
{
    apr_int64_t v;
    apr_status_t rv =
        qc_util_parse_int64(qc_form_get(ctx->p, ctx->req->form, "vong"), 0, 65535, &v);
    *round = (int)v;
    return rv;
}

static int group_ok(const char *g)
{
    apr_size_t i, n = strlen(g);
    if (n > 32) {
        return 0;
    }
    for (i = 0; i < n; i++) {
        if (!(g[i] == '-' || g[i] == '_' || (g[i] >= '0' && g[i] <= '9') ||
              (g[i] >= 'a' && g[i] <= 'z') || (g[i] >= 'A' && g[i] <= 'Z'))) {
            return 0;
        }
    }
    return 1;
}

/* The page that asks before a publication or a withdrawal: which ranking, how many contestants
 * it ranks, the ties still awaiting the committee, and a form that posts the same decision
 * again with confirm=1 (and the page's token). A round still open is sent back to the ranking
 * with its notice at once: there is nothing to confirm. */
static void confirm_page(qc_ctx_t *ctx, int round, int publish)
{
    qc_ranking_t *rk;
    xmlNodePtr root, n;
    int i, pending = 0;
    apr_status_t rv = qc_results_ranking(ctx->db, ctx->p, ctx->contest, round, "", 0, &rk);
    if (rv != APR_SUCCESS) {
        qc_ctx_fail(ctx, rv);
        return;
    }
    if (publish && !rk->closed) {
        back_to_ranking(ctx, round, NULL, "chua-dong");
        return;
    }
    for (i = 0; i < rk->n; i++) {
        pending += rk->entries[i].pending;
    }
    root = qc_ctx_page(ctx, "results-confirm");
    qc_ctx_page_csrf(ctx);
    n = qc_xml_add(root, "confirm", NULL);
    qc_xml_set(n, "action", publish ? "cong-bo" : "thu-hoi");
    qc_xml_set_int(n, "round", rk->round_seq);
    qc_xml_set(n, "round-title", rk->round_title);
    qc_xml_set(n, "published", rk->published ? "1" : "0");
    qc_xml_set_int(n, "total", rk->total);
    qc_xml_set_int(n, "pending", pending);
    qc_xml_set_int(n, "pending-prizes", rk->pending_prizes);
}

/* POST ket-qua/cong-bo: vong, hanh-dong = cong-bo | thu-hoi; without confirm=1 the page that
 * asks first (confirm_page), with it the decision */
void qc_page_results_publish(qc_ctx_t *ctx)
{
    const char *action = qc_form_get(ctx->p, ctx->req->form, "hanh-dong");
    int round, publish;
    qc_actor_t actor;
    apr_status_t rv;

    if (!qc_staff_post_ok(ctx)) {
        return;
    }
    publish = !strcmp(action, "cong-bo");
    if (round_param(ctx, &round) != APR_SUCCESS || (!publish && strcmp(action, "thu-hoi"))) {
        qc_ctx_fail(ctx, QC_EINPUT);
        return;
    }
    rv = qc_ctx_contest(ctx);
    if (rv == APR_SUCCESS && strcmp(qc_form_get(ctx->p, ctx->req->form, "confirm"), "1")) {
        /* the first POST only says what the second would do */
        confirm_page(ctx, round, publish);
        return;
    }
    if (rv == APR_SUCCESS) {
        qc_staff_actor(ctx, &actor);
        rv = qc_results_publish(ctx->db, ctx->p, ctx->contest, round, publish, actor.user);
        if (rv == QC_ECONFLICT) {
            /* the round is still open: nothing is published before it closes */
            back_to_ranking(ctx, round, NULL, "chua-dong");
            return;
        }
        if (rv == APR_SUCCESS) {
            rv = qc_audit_write(ctx->db, ctx->p, ctx->contest->id, &actor,
                                publish ? "results.publish" : "results.withdraw",
                                round ? apr_psprintf(ctx->p, "vòng %d", round) : "toàn cuộc thi",
                                publish ? "chưa công bố" : "đã công bố",
                                publish ? "đã công bố" : "đã thu hồi");
        }
    }
    if (rv != APR_SUCCESS) {
        qc_ctx_fail(ctx, rv);
        return;
    }
    back_to_ranking(ctx, round, NULL, publish ? "da-cong-bo" : "da-thu-hoi");
}

/* The longest reason of a committee's decision, in characters (qc_committee_order.reason is
 * TEXT: 65,535 bytes hold 20,000 characters of any script). */
#define COMMITTEE_REASON_MAX 20000

static int compare_ids(const void *a, const void *b)
{
    apr_int64_t x = *(const apr_int64_t *)a, y = *(const apr_int64_t *)b;
    return x < y ? -1 : x > y;
}

/* The ids of a posted order, sorted and comma-separated ("12,7, 9" -> "7,9,12"): which tie's
 * form it came from. Anything not an id is left out. */
static const char *sorted_ids(apr_pool_t *p, const char *order)
{
    apr_array_header_t *ids = apr_array_make(p, 4, sizeof(apr_int64_t));
    char *copy = apr_pstrdup(p, order), *tok, *state = NULL;
    const char *out = "";
    int i;
    for (tok = apr_strtok(copy, ", \t\r\n", &state); tok;
         tok = apr_strtok(NULL, ", \t\r\n", &state)) {
        apr_int64_t v;
        if (qc_util_parse_int64(tok, 1, APR_INT64_C(4294967295), &v) == APR_SUCCESS) {
            APR_ARRAY_PUSH(ids, apr_int64_t) = v;
        }
    }
    qsort(ids->elts, (size_t)ids->nelts, sizeof(apr_int64_t), compare_ids);
    for (i = 0; i < ids->nelts; i++) {
        out = apr_pstrcat(p, out, i ? "," : "", qc_util_i64(p, APR_ARRAY_IDX(ids, i, apr_int64_t)),
                          NULL);
    }
    return out;
}

/* The ranking page again, with status 422, the form's input kept and the message next to the
 * reason (the form whose order is the one posted shows them). */
static void ranking_again(qc_ctx_t *ctx, int round, const char *group, const char *order,
                          const char *reason, const char *error)
{
    xmlNodePtr in;
    apr_table_setn(ctx->req->query, "vong", apr_itoa(ctx->p, round));
    apr_table_setn(ctx->req->query, "nhom", group);
    apr_table_unset(ctx->req->query, "thong-bao");
    apr_table_unset(ctx->req->query, "trang");
    qc_page_results(ctx);
    if (!ctx->root || ctx->resp->status != 200) {
        return;
    }
    in = qc_xml_add(ctx->root, "committee-input", reason);
    qc_xml_set(in, "order", order);
    qc_xml_set(in, "ids", sorted_ids(ctx->p, order));
    qc_xml_set(in, "error", error);
    ctx->resp->status = 422;
}

/* POST ket-qua/ban-to-chuc: vong, nhom, thu-tu (contestant ids in the decided order,
 * comma-separated), ly-do */
void qc_page_results_committee(qc_ctx_t *ctx)
{
    const char *group = qc_form_get(ctx->p, ctx->req->form, "nhom");
    const char *order = qc_form_get(ctx->p, ctx->req->form, "thu-tu");
    const char *reason = qc_form_get(ctx->p, ctx->req->form, "ly-do");
    apr_array_header_t *ids = apr_array_make(ctx->p, 4, sizeof(const char *));
    char *copy, *tok, *state = NULL;
    int round;
    qc_actor_t actor;
    apr_status_t rv;

    if (!qc_staff_post_ok(ctx)) {
        return;
    }
    if (round_param(ctx, &round) != APR_SUCCESS || !group_ok(group)) {
        qc_ctx_fail(ctx, QC_EINPUT);
        return;
    }
    /* lengths first: the order is a few ids, the reason a TEXT column */
    if (strlen(order) > 4000) {
        back_to_ranking(ctx, round, group, "thu-tu-sai");
        return;
    }
    if (qc_utf8_length(reason) > COMMITTEE_REASON_MAX) {
        ranking_again(ctx, round, group, order, reason, "results.err.reason_long");
        return;
    }
    copy = apr_pstrdup(ctx->p, order);
    for (tok = apr_strtok(copy, ", \t\r\n", &state); tok;
         tok = apr_strtok(NULL, ", \t\r\n", &state)) {
        apr_int64_t v;
        if (qc_util_parse_int64(tok, 1, APR_INT64_C(4294967295), &v) != APR_SUCCESS) {
            back_to_ranking(ctx, round, group, "thu-tu-sai");
            return;
        }
        APR_ARRAY_PUSH(ids, const char *) = tok;
    }
    if (ids->nelts < 2) {
        back_to_ranking(ctx, round, group, "thu-tu-sai");
        return;
    }
    if (!*reason) {
        back_to_ranking(ctx, round, group, "thieu-ly-do");
        return;
    }
    rv = qc_ctx_contest(ctx);
    if (rv == APR_SUCCESS) {
        qc_staff_actor(ctx, &actor);
        rv = qc_results_committee_order(ctx->db, ctx->p, ctx->contest, round, group, ids, reason,
                                        actor.user);
        if (rv == QC_EINPUT) {
            back_to_ranking(ctx, round, group, "thu-tu-sai");
            return;
        }
        if (rv == APR_SUCCESS) {
            rv = qc_audit_write(
                ctx->db, ctx->p, ctx->contest->id, &actor, "results.committee",
                apr_psprintf(ctx->p, "%s%s%s",
                             round ? apr_psprintf(ctx->p, "vòng %d", round) : "toàn cuộc thi",
                             *group ? ", nhóm " : "", group),
                NULL,
                apr_pstrcat(ctx->p, "thứ tự (mã thí sinh): ", order, "; lý do: ", reason, NULL));
        }
    }
    if (rv != APR_SUCCESS) {
        qc_ctx_fail(ctx, rv);
        return;
    }
    back_to_ranking(ctx, round, group, "da-ghi-quyet-dinh");
}
