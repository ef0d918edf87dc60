/* The request context every page works in (qc_ctx.c); not a public header. */
#ifndef QC_CTX_H
#define QC_CTX_H

#include "qc_app.h"
#include "qc_contest.h"
#include "qc_session.h"
#include "qc_audit.h"

/** One request being handled. */
typedef struct {
    qc_app_request_t *req;
    qc_app_response_t *resp;
    apr_pool_t *p;
    qc_db_t *db;
    qc_contest_t *contest;
    qc_session_t *session; /* the logged-in contestant, or NULL */
    int session_checked;   /* the session cookie was looked up (session says what was found) */
    xmlNodePtr root;       /* the page's root element, once begun */
    const char *anon_csrf; /* a new anonymous CSRF token issued by this request */
} qc_ctx_t;

/** Acquire the database (lazily). */
apr_status_t qc_ctx_db(qc_ctx_t *ctx);

/** Load the contest of this location (once). */
apr_status_t qc_ctx_contest(qc_ctx_t *ctx);

/** Look up the session cookie (once); APR_SUCCESS with ctx->session NULL when anonymous. */
apr_status_t qc_ctx_session(qc_ctx_t *ctx);

/** Begin a page: the root element with the shared parts (contest header, user, csrf). */
xmlNodePtr qc_ctx_page(qc_ctx_t *ctx, const char *page);

/** Add the CSRF token to a page with forms an anonymous visitor may post (sets the anonymous
 *  CSRF cookie when needed); a logged-in page carries the session's token already. */
void qc_ctx_page_csrf(qc_ctx_t *ctx);

/** Is this request a POST? */
int qc_ctx_is_post(const qc_ctx_t *ctx);

/** Redirect (303) to a path below the location ("" is the home page). */
void qc_ctx_redirect(qc_ctx_t *ctx, const char *relpath);

/** The CSRF token forms of this page carry: the session's, or an anonymous one (set as a
 *  cookie when the browser has none yet). */
const char *qc_ctx_csrf(qc_ctx_t *ctx);

/** Does the POST carry the right CSRF token? With a session (looked up before this call),
 *  only the session's token; without one, the anonymous cookie's (double submit). Fails
 *  closed. */
int qc_ctx_csrf_ok(qc_ctx_t *ctx);

/** Answer with the page for a status from lib (QC_EDBDOWN -> 503, QC_ENOTFOUND -> 404...). */
void qc_ctx_fail(qc_ctx_t *ctx, apr_status_t rv);

/** Add a cookie to the response. */
void qc_ctx_cookie(qc_ctx_t *ctx, const char *name, const char *value, int max_age);

/** Add <field name=.. error=..>value</field> under parent (for forms shown again). */
xmlNodePtr qc_ctx_field(xmlNodePtr parent, const char *name, const char *value,
                        const char *error_key);

/** Format an instant in the contest's time zone, as attributes at-ms / at-local / at-iso. */
void qc_ctx_set_time(qc_ctx_t *ctx, xmlNodePtr node, const char *prefix, apr_int64_t ms);

/** An error page (qc_app_error: status, message key) that keeps the contest's own header and
 *  the signed-in user's menu; title_key (may be NULL) heads it instead of the status's title
 *  ("results not published yet" rather than "page not found"). Returns the <error> node. */
xmlNodePtr qc_ctx_error(qc_ctx_t *ctx, int status, const char *message_key, const char *title_key);

#endif
