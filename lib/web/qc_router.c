/* The router (qc_app_handle) and the housekeeping entry (qc_app_sweep) of qc_app.h. */
#include <string.h>
#include <apr_strings.h>
#include "qc_account.h"
#include "qc_attempt.h"
#include "qc_ctx.h"
#include "qc_pages.h"
#include "qc_session.h"
#include "qc_status.h"
#include "qc_util.h"

/* ---- routing ------------------------------------------------------------------------------ */

/* Split "bai-thi/123/luu" into its segments (at most 4). */
static int split_path(apr_pool_t *p, const char *path, const char **seg, int max)
{
    char *copy = apr_pstrdup(p, path), *state = NULL, *tok;
    int n = 0;
    for (tok = apr_strtok(copy, "/", &state); tok; tok = apr_strtok(NULL, "/", &state)) {
        if (n == max) {
            return -1;
        }
        seg[n++] = tok;
    }
    return n;
}

static void not_found(qc_ctx_t *ctx)
{
    qc_ctx_fail(ctx, QC_ENOTFOUND);
}

static void route_contestant(qc_ctx_t *ctx, const char **seg, int n)
{
    if (n == 0) {
        qc_page_home(ctx);
    }
    else if (n == 1 && !strcmp(seg[0], "dang-ky")) {
        qc_page_register(ctx);
    }
    else if (n == 1 && !strcmp(seg[0], "dang-nhap")) {
        qc_page_login(ctx);
    }
    else if (n == 1 && !strcmp(seg[0], "dang-xuat") && qc_ctx_is_post(ctx)) {
        qc_page_logout(ctx);
    }
    else if (n == 1 && !strcmp(seg[0], "tai-khoan")) {
        qc_page_account(ctx);
    }
    else if (n == 2 && !strcmp(seg[0], "tai-khoan") && !strcmp(seg[1], "mat-khau")) {
        qc_page_password(ctx);
    }
    else if (n == 1 && !strcmp(seg[0], "bai-thi") && qc_ctx_is_post(ctx)) {
        qc_page_start(ctx);
    }
    else if (n == 2 && !strcmp(seg[0], "bai-thi") && qc_util_is_id(seg[1])) {
        qc_page_quiz(ctx, seg[1], NULL);
    }
    else if (n == 3 && !strcmp(seg[0], "bai-thi") && qc_util_is_id(seg[1]) && qc_ctx_is_post(ctx) &&
             (!strcmp(seg[2], "luu") || !strcmp(seg[2], "nop"))) {
        qc_page_quiz(ctx, seg[1], seg[2]);
    }
    else if (n == 2 && !strcmp(seg[0], "ket-qua") && qc_util_is_id(seg[1])) {
        qc_page_result(ctx, seg[1]);
    }
    /* ---- results (qc_page_results.c): the public ranking once published ---- */
    else if (n == 1 && !strcmp(seg[0], "ket-qua-chung")) {
        qc_page_public_results(ctx);
    }
    /* ---- jury-scored parts (qc_page_jury.c): the clips' public gallery ---- */
    else if (n == 1 && !strcmp(seg[0], "video")) {
        qc_page_clip_gallery(ctx);
    }
    else if (n == 1 && !strcmp(seg[0], "bang-diem")) {
        qc_page_stage_scoreboard(ctx);
    }
    else {
        not_found(ctx);
    }
}

apr_status_t qc_app_handle(qc_app_request_t *req, qc_app_response_t *resp)
{
    qc_ctx_t ctx;
    const char *seg[4];
    int n;

    memset(&ctx, 0, sizeof(ctx));
    ctx.req = req;
    ctx.resp = resp;
    ctx.p = req->pool;
    n = split_path(req->pool, req->path, seg, 4);
    if (n < 0) {
        not_found(&ctx);
        return APR_SUCCESS;
    }
    switch (req->cfg->area) {
    case QC_AREA_CONTESTANT:
        route_contestant(&ctx, seg, n);
        break;
    case QC_AREA_SECRETARIAT:
        /* ---- jury-scored parts (qc_page_jury.c): the clips' secretariat pages ---- */
        if (qc_route_staff_jury(&ctx, seg, n) || qc_route_staff_stage(&ctx, seg, n)) {
            break;
        }
        if (!qc_route_staff(&ctx, seg, n)) {
            not_found(&ctx);
        }
        break;
    /* ---- jury-scored parts (qc_page_jury.c): the jury and unit areas ---- */
    case QC_AREA_JURY:
        if (!qc_route_jury(&ctx, seg, n) && !qc_route_jury_stage(&ctx, seg, n)) {
            not_found(&ctx);
        }
        break;
    case QC_AREA_UNIT:
        if (!qc_route_unit(&ctx, seg, n)) {
            not_found(&ctx);
        }
        break;
    }
    return APR_SUCCESS;
}

apr_status_t qc_app_sweep(qc_db_t *db, apr_pool_t *p, int *finalised)
{
    apr_status_t rv = qc_attempt_sweep(db, p, finalised);
    if (rv == APR_SUCCESS) {
        rv = qc_session_purge(db, p);
    }
    if (rv == APR_SUCCESS) {
        rv = qc_account_purge_login_failures(db, p);
    }
    return rv;
}
