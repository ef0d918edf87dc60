/* The router (qc_app_handle) and the housekeeping entry (qc_app_sweep) of qc_app.h. */
#include <string.h>
#include <apr_strings.h>
#include "qc_account.h"
#include "qc_attempt.h"
#include "qc_ctx.h"
#include "qc_pages.h"
#include "qc_results.h"
#include "qc_router.h"
#include "qc_session.h"
#include "qc_status.h"
#include "qc_util.h"

/* ---- the route table ------------------------------------------------------------------------ */

#define CONTESTANT QC_AREA_CONTESTANT
#define SECRETARIAT QC_AREA_SECRETARIAT
#define JURY QC_AREA_JURY
#define UNIT QC_AREA_UNIT
#define GET QC_ROUTE_GET
#define POST QC_ROUTE_POST
#define ANY QC_ROUTE_ANY
#define ROUTE0(area, method, pattern, fn)                                                          \
    {                                                                                              \
        area, method, pattern, fn, NULL, NULL                                                      \
    }
#define ROUTE1(area, method, pattern, fn)                                                          \
    {                                                                                              \
        area, method, pattern, NULL, fn, NULL                                                      \
    }
#define ROUTE2(area, method, pattern, fn)                                                          \
    {                                                                                              \
        area, method, pattern, NULL, NULL, fn                                                      \
    }

const qc_route_t qc_routes[] = {
    /* the contestants (QuizContestArea contestant): register, log in, take the quiz */
    ROUTE0(CONTESTANT, ANY, "", qc_page_home),
    ROUTE0(CONTESTANT, GET, "khung", qc_page_portal_block), /* the portal frames it */
    ROUTE0(CONTESTANT, ANY, "dang-ky", qc_page_register),
    ROUTE0(CONTESTANT, ANY, "dang-nhap", qc_page_login),
    ROUTE0(CONTESTANT, POST, "dang-xuat", qc_page_logout),
    ROUTE0(CONTESTANT, ANY, "tai-khoan", qc_page_account),
    ROUTE0(CONTESTANT, ANY, "tai-khoan/mat-khau", qc_page_password),
    ROUTE0(CONTESTANT, POST, "bai-thi", qc_page_start),
    ROUTE1(CONTESTANT, ANY, "bai-thi/{id}", qc_page_quiz_view),
    ROUTE1(CONTESTANT, POST, "bai-thi/{id}/luu", qc_page_quiz_save),
    ROUTE1(CONTESTANT, POST, "bai-thi/{id}/nop", qc_page_quiz_submit),
    ROUTE1(CONTESTANT, ANY, "ket-qua/{id}", qc_page_result),
    ROUTE0(CONTESTANT, ANY, "ket-qua-chung", qc_page_public_results),
    ROUTE0(CONTESTANT, ANY, "video", qc_page_clip_gallery),
    ROUTE0(CONTESTANT, ANY, "bang-diem", qc_page_stage_scoreboard),
    ROUTE0(CONTESTANT, GET, "suc-khoe", qc_page_health), /* the balancer's hcuri */

    /* the secretariat (Apache authenticates): the clips, the stage, the questions, the
     * results and their outputs, the question bank, the contest */
    ROUTE0(SECRETARIAT, GET, "video", qc_page_clips_staff),
    ROUTE0(SECRETARIAT, POST, "video/khoa-cham", qc_page_clips_close),
    ROUTE0(SECRETARIAT, POST, "video/cong-bo", qc_page_clips_publish),
    ROUTE1(SECRETARIAT, POST, "video/{id}/tu-choi", qc_page_clip_reject),
    ROUTE1(SECRETARIAT, POST, "video/{id}/thu-tu", qc_page_clip_order),
    ROUTE0(SECRETARIAT, GET, "san-khau", qc_page_stage_staff),
    ROUTE0(SECRETARIAT, GET, "san-khau/trinh-chieu", qc_page_stage_presenter),
    ROUTE0(SECRETARIAT, POST, "san-khau/boc-tham", qc_page_stage_draw),
    ROUTE0(SECRETARIAT, POST, "san-khau/khoa-cham", qc_page_stage_close_judging),
    ROUTE1(SECRETARIAT, POST, "san-khau/dap-an/{id}", qc_page_stage_reveal),
    ROUTE1(SECRETARIAT, POST, "san-khau/{id}/thu-tu", qc_page_stage_committee),
    ROUTE0(SECRETARIAT, GET, "", qc_page_secretariat_home),
    ROUTE0(SECRETARIAT, GET, "nhat-ky", qc_page_audit),
    ROUTE0(SECRETARIAT, GET, "thong-ke-cau-hoi", qc_page_question_stats),
    ROUTE0(SECRETARIAT, GET, "cau-hoi", qc_page_questions),
    ROUTE1(SECRETARIAT, GET, "cau-hoi/{id}", qc_page_question),
    ROUTE1(SECRETARIAT, POST, "cau-hoi/{id}/ngung-dung", qc_page_question_retire),
    ROUTE0(SECRETARIAT, GET, "ket-qua", qc_page_results),
    ROUTE0(SECRETARIAT, POST, "ket-qua/cong-bo", qc_page_results_publish),
    ROUTE0(SECRETARIAT, POST, "ket-qua/ban-to-chuc", qc_page_results_committee),
    ROUTE0(SECRETARIAT, GET, "don-vi", qc_page_units),
    ROUTE0(SECRETARIAT, GET, "ket-qua/in", qc_page_results_print),
    ROUTE0(SECRETARIAT, GET, "ket-qua/giay-chung-nhan", qc_page_certificates),
    ROUTE0(SECRETARIAT, GET, "tien-do", qc_page_progress),
    ROUTE0(SECRETARIAT, GET, "nhap-cau-hoi", qc_page_import_form),
    ROUTE0(SECRETARIAT, POST, "nhap-cau-hoi", qc_page_import_preview),
    ROUTE0(SECRETARIAT, POST, "nhap-cau-hoi/xac-nhan", qc_page_import_confirm),
    ROUTE0(SECRETARIAT, GET, "xuat-cau-hoi", qc_page_bank_export),
    ROUTE1(SECRETARIAT, GET, "cau-hoi/moi", qc_page_question_form),
    ROUTE1(SECRETARIAT, POST, "cau-hoi/moi", qc_page_question_save),
    ROUTE1(SECRETARIAT, GET, "cau-hoi/{id}/sua", qc_page_question_form),
    ROUTE1(SECRETARIAT, POST, "cau-hoi/{id}/sua", qc_page_question_save),
    ROUTE0(SECRETARIAT, GET, "dinh-nghia", qc_page_definition),
    ROUTE0(SECRETARIAT, POST, "dinh-nghia", qc_page_definition_upload),
    ROUTE0(SECRETARIAT, GET, "dinh-nghia/tai-ve", qc_page_definition_download),
    ROUTE0(SECRETARIAT, POST, "dinh-nghia/xac-nhan", qc_page_definition_confirm),
    ROUTE0(SECRETARIAT, ANY, "cuoc-thi", qc_page_settings),
    ROUTE0(SECRETARIAT, GET, "thi-sinh", qc_page_contestant_search),
    ROUTE1(SECRETARIAT, POST, "thi-sinh/{id}/mat-khau", qc_page_contestant_password_reset),

    /* the judges (Apache authenticates): the clips, the stage */
    ROUTE1(JURY, GET, "", qc_page_judge),
    ROUTE1(JURY, GET, "bai/{id}", qc_page_judge),
    ROUTE1(JURY, POST, "bai/{id}", qc_page_judge_scores),
    ROUTE2(JURY, GET, "san-khau", qc_page_stage_judge),
    ROUTE1(JURY, POST, "san-khau/luot/{id}", qc_page_stage_judge_draw),
    ROUTE2(JURY, GET, "san-khau/{id}/{code}", qc_page_stage_judge),
    ROUTE2(JURY, POST, "san-khau/{id}/{code}", qc_page_stage_judge_scores),

    /* the units (Apache authenticates; the user is the unit's code): their entry */
    ROUTE0(UNIT, GET, "", qc_page_unit_home),
    ROUTE0(UNIT, POST, "bai-du-thi", qc_page_unit_entry_submit),
    ROUTE0(UNIT, POST, "bai-du-thi/thay", qc_page_unit_entry_replace),
    {0, 0, NULL, NULL, NULL, NULL}};

/* Does segment `seg` match the pattern's segment `want` ("{id}", "{code}" or a literal)?
 * *captured is set when it is a captured one. */
static int segment_matches(const char *want, apr_size_t wlen, const char *seg, int *captured)
{
    *captured = 0;
    if (wlen == 4 && !strncmp(want, "{id}", 4)) {
        *captured = 1;
        return qc_util_is_id(seg) && seg[0] != '0' && seg[0] != '+' && seg[0] != '-';
    }
    if (wlen == 6 && !strncmp(want, "{code}", 6)) {
        *captured = 1;
        return 1;
    }
    return strlen(seg) == wlen && !strncmp(want, seg, wlen);
}

const qc_route_t *qc_route_match(const qc_route_t *routes, qc_area_t area, const char *method,
                                 const char *path, apr_pool_t *p, const char *args[2])
{
    const char *seg[QC_ROUTE_MAX_SEGMENTS];
    char *copy = apr_pstrdup(p, path ? path : ""), *state = NULL, *tok;
    int n = 0, post = method && !strcmp(method, "POST");
    const qc_route_t *r;
    args[0] = args[1] = NULL;
    for (tok = apr_strtok(copy, "/", &state); tok; tok = apr_strtok(NULL, "/", &state)) {
        if (n == QC_ROUTE_MAX_SEGMENTS) {
            return NULL;
        }
        seg[n++] = tok;
    }
    for (r = routes; r->pattern; r++) {
        const char *w = r->pattern, *found[2] = {NULL, NULL};
        int i = 0, nfound = 0, ok = 1;
        if (r->area != area || (r->method == QC_ROUTE_GET && post) ||
            (r->method == QC_ROUTE_POST && !post)) {
            continue;
        }
        while (ok && *w) {
            apr_size_t wlen = strcspn(w, "/");
            int captured;
            if (i == n || !segment_matches(w, wlen, seg[i], &captured)) {
                ok = 0;
                break;
            }
            if (captured && nfound < 2) {
                found[nfound++] = seg[i];
            }
            i++;
            w += wlen;
            w += *w == '/';
        }
        if (ok && i == n) {
            args[0] = found[0];
            args[1] = found[1];
            return r;
        }
    }
    return NULL;
}

apr_status_t qc_app_handle(qc_app_request_t *req, qc_app_response_t *resp)
{
    qc_ctx_t ctx;
    const char *args[2];
    const qc_route_t *r;

    memset(&ctx, 0, sizeof(ctx));
    ctx.req = req;
    ctx.resp = resp;
    ctx.p = req->pool;
    r = qc_route_match(qc_routes, req->cfg->area, req->method, req->path, req->pool, args);
    if (!r) {
        qc_ctx_fail(&ctx, QC_ENOTFOUND);
    }
    else if (r->page) {
        r->page(&ctx);
    }
    else if (r->page_arg) {
        r->page_arg(&ctx, args[0]);
    }
    else {
        r->page_args(&ctx, args[0], args[1]);
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
    if (rv == APR_SUCCESS) {
        int published = 0; /* results whose planned hour has passed (<results publish-at>) */
        rv = qc_results_publish_sweep(db, p, &published);
    }
    return rv;
}
