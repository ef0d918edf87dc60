/* What every page shares (qc_ctx.h): the request's database, contest and session, looked up
 * once; the skeleton of the page's XML; the CSRF token; and turning a failure into the right
 * error page. */
#include <string.h>
#include <apr_strings.h>
#include <apr_lib.h>
#include "qc_ctx.h"
#include "qc_account.h"
#include "qc_attempt.h"
#include "qc_form.h"
#include "qc_jury.h"
#include "qc_log.h"
#include "qc_secret.h"
#include "qc_status.h"
#include "qc_time.h"
#include "qc_util.h"
#include "qc_xml.h"

static const char *area_name(qc_area_t a)
{
    return a == QC_AREA_SECRETARIAT ? "secretariat"
           : a == QC_AREA_JURY      ? "jury"
           : a == QC_AREA_UNIT      ? "unit"
                                    : "contestant";
}

apr_status_t qc_ctx_db(qc_ctx_t *ctx)
{
    apr_status_t rv;
    if (ctx->db) {
        return APR_SUCCESS;
    }
    rv = ctx->req->get_db(ctx->req->db_baton, &ctx->db);
    if (rv != APR_SUCCESS) {
        ctx->db = NULL;
    }
    return rv;
}

/* The contest of this location. One statement per request: its revision and the database's
 * clock (and, with a session cookie, the session in the same statement); the contest itself
 * comes from the process's cache while that revision holds. */
apr_status_t qc_ctx_contest(qc_ctx_t *ctx)
{
    apr_status_t rv;
    const char *hash = NULL;
    if (ctx->contest) {
        return APR_SUCCESS;
    }
    rv = qc_ctx_db(ctx);
    if (rv != APR_SUCCESS) {
        return rv;
    }
    if (ctx->req->session_token && !ctx->session_checked) {
        hash = qc_session_token_hash(ctx->p, ctx->req->session_token);
    }
    rv = qc_contest_of_request(ctx->db, ctx->p, ctx->req->cfg->contest_code, hash,
                               ctx->req->cfg->session_idle_s, &ctx->contest, &ctx->session);
    if (hash && rv == APR_SUCCESS) {
        ctx->session_checked = 1;
    }
    return rv;
}

apr_status_t qc_ctx_session(qc_ctx_t *ctx)
{
    apr_status_t rv;
    if (ctx->session || ctx->session_checked || !ctx->req->session_token) {
        return APR_SUCCESS;
    }
    rv = qc_ctx_contest(ctx);
    if (rv != APR_SUCCESS || ctx->session_checked) {
        return rv;
    }
    /* the contest was read before the session was wanted */
    rv = qc_session_lookup(ctx->db, ctx->p, ctx->contest->id, ctx->req->session_token,
                           ctx->req->cfg->session_idle_s, &ctx->session);
    ctx->session_checked = 1;
    if (rv == QC_ENOTFOUND) {
        ctx->session = NULL;
        return APR_SUCCESS;
    }
    return rv;
}

void qc_ctx_cookie(qc_ctx_t *ctx, const char *name, const char *value, int max_age)
{
    qc_app_cookie_t *k;
    if (!ctx->resp->cookies) {
        ctx->resp->cookies = apr_array_make(ctx->p, 2, sizeof(qc_app_cookie_t));
    }
    k = apr_array_push(ctx->resp->cookies);
    k->name = name;
    k->value = value;
    k->max_age = max_age;
}

/* The areas whose user Apache authenticated (secretariat, jury, units) have no session of
 * their own: their form token is bound to that user and the browser's token cookie by an HMAC
 * under the installation's secret (qc_secret.h), so a cookie someone else planted gives no
 * token that passes. NULL when it cannot be made (no database, schema not migrated). */
static const char *user_bound_token(qc_ctx_t *ctx, const char *cookie)
{
    const char *secret, *msg;
    if (qc_ctx_db(ctx) != APR_SUCCESS ||
        qc_secret_get(ctx->db, ctx->p, "form-token", &secret) != APR_SUCCESS) {
        return NULL;
    }
    msg = apr_pstrcat(ctx->p, "form-token\n", ctx->req->remote_user, "\n", cookie, NULL);
    return qc_util_hmac_sha256_hex(ctx->p, secret, msg, strlen(msg));
}

static int user_authenticated_area(const qc_ctx_t *ctx)
{
    return ctx->req->cfg->area != QC_AREA_CONTESTANT && ctx->req->remote_user &&
           *ctx->req->remote_user;
}

/* The browser's token cookie when it carries a well-formed one, else a new one (set on this
 * response, once per request however many forms the page has). */
static const char *token_cookie(qc_ctx_t *ctx)
{
    if (ctx->req->csrf_cookie && strlen(ctx->req->csrf_cookie) == 43) {
        return ctx->req->csrf_cookie;
    }
    if (!ctx->anon_csrf) {
        ctx->anon_csrf = qc_util_random_token(ctx->p);
        if (!ctx->anon_csrf) {
            return NULL;
        }
        qc_ctx_cookie(ctx, "csrf", ctx->anon_csrf, -1);
    }
    return ctx->anon_csrf;
}

const char *qc_ctx_csrf(qc_ctx_t *ctx)
{
    const char *cookie, *bound;
    if (ctx->session) {
        return ctx->session->csrf;
    }
    cookie = token_cookie(ctx);
    if (!cookie) {
        return "";
    }
    if (user_authenticated_area(ctx)) {
        bound = user_bound_token(ctx, cookie);
        return bound ? bound : "";
    }
    return cookie;
}

/*
 * With a session, only the session's own token will do: the token of the qc_session_csrf
 * cookie proves nothing then, since whoever can plant a cookie (a sibling subdomain, plain
 * HTTP) could plant one equal to the form's. In the areas Apache authenticates, the token must
 * be the HMAC that binds the cookie to the user (user_bound_token). Only the anonymous forms
 * (login, registration) take the cookie's own token.
 */
int qc_ctx_csrf_ok(qc_ctx_t *ctx)
{
    const char *sent = ctx->req->form ? apr_table_get(ctx->req->form, "csrf") : NULL;
    const char *expected;
    if (!sent) {
        return 0;
    }
    if (ctx->session) {
        return qc_util_equal_ct(sent, ctx->session->csrf);
    }
    if (user_authenticated_area(ctx)) {
        if (!ctx->req->csrf_cookie || strlen(ctx->req->csrf_cookie) != 43) {
            return 0;
        }
        expected = user_bound_token(ctx, ctx->req->csrf_cookie);
        return expected && qc_util_equal_ct(sent, expected);
    }
    return qc_util_equal_ct(sent, ctx->req->csrf_cookie);
}

void qc_ctx_set_time(qc_ctx_t *ctx, xmlNodePtr node, const char *prefix, apr_int64_t ms)
{
    int tz = ctx->contest ? ctx->contest->tz_offset_min : QC_TZ_VIETNAM_MIN;
    qc_xml_set_int(node, apr_pstrcat(ctx->p, prefix, "-ms", NULL), ms);
    /* the end of a window is written 24:00 rather than 00:00 of the next day */
    qc_xml_set(node, apr_pstrcat(ctx->p, prefix, "-local", NULL),
               !strcmp(prefix, "closes") || !strcmp(prefix, "deadline")
                   ? qc_time_format_local_end(ctx->p, ms, tz)
                   : qc_time_format_local(ctx->p, ms, tz));
    qc_xml_set(node, apr_pstrcat(ctx->p, prefix, "-iso", NULL),
               qc_time_format_iso_local(ctx->p, ms, tz));
}

xmlNodePtr qc_ctx_field(xmlNodePtr parent, const char *name, const char *value,
                        const char *error_key)
{
    xmlNodePtr f = qc_xml_add(parent, "field", value ? value : "");
    qc_xml_set(f, "name", name);
    qc_xml_set(f, "error", error_key);
    return f;
}

xmlNodePtr qc_ctx_page(qc_ctx_t *ctx, const char *page)
{
    const qc_app_config_t *cfg = ctx->req->cfg;
    xmlDocPtr doc = qc_xml_doc(ctx->p, "page");
    xmlNodePtr root = xmlDocGetRootElement(doc);
    ctx->resp->doc = doc;
    ctx->resp->page = page;
    if (!ctx->resp->status) {
        ctx->resp->status = 200;
    }
    ctx->root = root;
    qc_xml_set(root, "name", page);
    qc_xml_set(root, "area", area_name(cfg->area));
    qc_xml_set(root, "lang", "vi");
    qc_xml_set(root, "base", cfg->base_path);
    qc_xml_set(root, "static", cfg->static_url);
    qc_xml_set(root, "theme-css", cfg->theme_css);
    qc_xml_set(root, "contestant-url", cfg->contestant_url);
    if (ctx->contest) {
        xmlNodePtr c = qc_xml_add(root, "contest", NULL);
        const qc_round_t *current = NULL;
        apr_int64_t next = 0;
        qc_xml_set(c, "code", ctx->contest->code);
        /* where the contest stands, for the menu (no registration once it is over) */
        qc_xml_set(c, "status",
                   qc_contest_status_name(
                       qc_contest_status(ctx->contest, ctx->contest->now_ms, &current, &next)));
        qc_xml_add(c, "title", ctx->contest->title);
        qc_xml_add(c, "theme", ctx->contest->theme);
        qc_xml_add(c, "organiser", ctx->contest->organiser);
        qc_ctx_set_time(ctx, root, "now", ctx->contest->now_ms);
        if (cfg->area == QC_AREA_SECRETARIAT && ctx->db) {
            /* the secretariat's menu leads to the clip and stage pages of a contest that has
             * them; a failed read (logged by the store) only leaves the two links out */
            int clips, stage;
            if (qc_jury_parts(ctx->db, ctx->p, ctx->contest->id, &clips, &stage) ==
                APR_SUCCESS) {
                xmlNodePtr parts = qc_xml_add(c, "parts", NULL);
                qc_xml_set(parts, "clips", clips ? "1" : "0");
                qc_xml_set(parts, "stage", stage ? "1" : "0");
            }
        }
    }
    if (ctx->session) {
        xmlNodePtr u = qc_xml_add(root, "user", NULL);
        qc_xml_set(u, "id", ctx->session->contestant_id);
        qc_xml_add(u, "name", ctx->session->full_name);
    }
    if (cfg->area != QC_AREA_CONTESTANT && ctx->req->remote_user) {
        xmlNodePtr u = qc_xml_add(root, "staff", NULL);
        qc_xml_set(u, "user", ctx->req->remote_user);
    }
    if (ctx->session) {
        qc_xml_add(root, "csrf", ctx->session->csrf);
    }
    return root;
}

void qc_ctx_page_csrf(qc_ctx_t *ctx)
{
    if (!ctx->session) {
        qc_xml_add(ctx->root, "csrf", qc_ctx_csrf(ctx));
    }
}

int qc_ctx_is_post(const qc_ctx_t *ctx)
{
    return !strcmp(ctx->req->method, "POST");
}

void qc_ctx_redirect(qc_ctx_t *ctx, const char *relpath)
{
    ctx->resp->status = 303;
    ctx->resp->location = apr_pstrcat(ctx->p, ctx->req->cfg->base_path, "/", relpath, NULL);
}

xmlNodePtr qc_ctx_error(qc_ctx_t *ctx, int status, const char *message_key, const char *title_key)
{
    xmlNodePtr e = qc_app_error(ctx->req, ctx->resp, status, message_key), root, c;
    if (title_key) {
        qc_xml_set(e, "title", title_key);
    }
    if (!ctx->resp->doc) {
        return e;
    }
    root = xmlDocGetRootElement(ctx->resp->doc);
    if (ctx->contest) {
        const qc_round_t *current = NULL;
        apr_int64_t next = 0;
        c = xmlNewNode(NULL, BAD_CAST "contest");
        qc_xml_set(c, "code", ctx->contest->code);
        qc_xml_set(c, "status",
                   qc_contest_status_name(
                       qc_contest_status(ctx->contest, ctx->contest->now_ms, &current, &next)));
        qc_xml_add(c, "title", ctx->contest->title);
        qc_xml_add(c, "theme", ctx->contest->theme);
        qc_xml_add(c, "organiser", ctx->contest->organiser);
        xmlAddPrevSibling(root->children, c);
    }
    if (ctx->session) {
        xmlNodePtr u = qc_xml_add(root, "user", NULL);
        qc_xml_set(u, "id", ctx->session->contestant_id);
        qc_xml_add(u, "name", ctx->session->full_name);
    }
    return e;
}

xmlNodePtr qc_app_error(qc_app_request_t *req, qc_app_response_t *resp, int status,
                        const char *message_key)
{
    qc_ctx_t ctx;
    xmlNodePtr root, e;
    memset(&ctx, 0, sizeof(ctx));
    ctx.req = req;
    ctx.resp = resp;
    ctx.p = req->pool;
    resp->status = status;
    resp->location = NULL;
    resp->body = NULL;
    root = qc_ctx_page(&ctx, "error");
    e = qc_xml_add(root, "error", NULL);
    qc_xml_set_int(e, "status", status);
    qc_xml_set(e, "message", message_key);
    if (status == 503) {
        resp->retry_after_s = req->cfg->db_retry_after_s;
        resp->db_down = 1;
        qc_xml_set_int(e, "retry-after", req->cfg->db_retry_after_s);
    }
    return e;
}

void qc_ctx_fail(qc_ctx_t *ctx, apr_status_t rv)
{
    int status;
    const char *key;
    switch (rv) {
    case QC_EDBDOWN:
        status = 503;
        key = "err.http.503";
        break;
    case QC_ENOTFOUND:
        status = 404;
        key = "err.http.404";
        break;
    case QC_EFORBIDDEN:
        status = 403;
        key = "err.http.403";
        break;
    case QC_EINPUT:
        status = 400;
        key = "err.http.400";
        break;
    case QC_ERETRY:
        status = 503;
        key = "err.http.503.busy";
        break;
    default:
        status = 500;
        key = "err.http.500";
        break;
    }
    qc_app_error(ctx->req, ctx->resp, status, key);
    if (rv == QC_ERETRY) {
        ctx->resp->retry_after_s = 1;
        ctx->resp->db_down = 0;
    }
    /* keep the contest header on error pages when it is known */
    if (ctx->contest && ctx->resp->doc) {
        xmlNodePtr root = xmlDocGetRootElement(ctx->resp->doc);
        xmlNodePtr c = xmlNewNode(NULL, BAD_CAST "contest");
        qc_xml_set(c, "code", ctx->contest->code);
        qc_xml_add(c, "title", ctx->contest->title);
        qc_xml_add(c, "organiser", ctx->contest->organiser);
        xmlAddPrevSibling(root->children, c);
    }
}
