/* Shared by the page files of qc_app (qc_app.c, qc_page_*.c); not a public header. */
#ifndef QC_APP_INTERNAL_H
#define QC_APP_INTERNAL_H

#include "qc_app.h"
#include "qc_contest.h"
#include "qc_session.h"
#include "qc_audit.h"
#include "qc_question.h"

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

/** Does the POST carry the right CSRF token? Fails closed. */
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

/* page handlers (qc_page_*.c) */
void qc_page_home(qc_ctx_t *ctx);
void qc_page_register(qc_ctx_t *ctx);
void qc_page_login(qc_ctx_t *ctx);
void qc_page_logout(qc_ctx_t *ctx);
void qc_page_account(qc_ctx_t *ctx);
void qc_page_start(qc_ctx_t *ctx);
void qc_page_quiz(qc_ctx_t *ctx, const char *attempt_id, const char *action);
void qc_page_result(qc_ctx_t *ctx, const char *attempt_id);
void qc_page_secretariat_home(qc_ctx_t *ctx);
/* results (qc_page_results.c) */
void qc_page_results(qc_ctx_t *ctx);
void qc_page_units(qc_ctx_t *ctx);
void qc_page_public_results(qc_ctx_t *ctx);

/* the secretariat area (qc_page_staff.c) */
/** Route a request of the secretariat area; 0 when no page has that path. */
int qc_route_staff(qc_ctx_t *ctx, const char **seg, int n);
/** Begin a page of the secretariat area (loads the contest; carries the CSRF token); NULL
 *  when the response is already an error page. */
xmlNodePtr qc_staff_page(qc_ctx_t *ctx, const char *page);
/** Is this POST of the secretariat area carrying its CSRF token? Answers 403 when not. */
int qc_staff_post_ok(qc_ctx_t *ctx);
/** Route the question-bank pages that change the bank (qc_page_bank.c); 0 when none. */
int qc_route_staff_bank(qc_ctx_t *ctx, const char **seg, int n, int post);
/** POST ket-qua/cong-bo and ket-qua/ban-to-chuc (qc_page_publish.c). */
void qc_page_results_publish(qc_ctx_t *ctx);
void qc_page_results_committee(qc_ctx_t *ctx);
/** The contest's topics (qc_question_topics), and as XML <topics>. */
typedef struct {
    qc_topic_t *list;
    int n;
} qc_staff_topics_t;
apr_status_t qc_staff_topics(qc_ctx_t *ctx, qc_staff_topics_t *topics);
void qc_staff_topics_xml(xmlNodePtr parent, const qc_staff_topics_t *topics);
/** The authenticated user and client address, for the audit log. */
void qc_staff_actor(qc_ctx_t *ctx, qc_actor_t *actor);

/* the secretariat's contest pages (qc_page_contest.c): definition file, settings, contestants */
/** Route the contest pages of the secretariat area; 0 when none has that path. */
int qc_route_contest(qc_ctx_t *ctx, const char **seg, int n);
/* ---- jury-scored parts (qc_page_jury.c) ---- */
/** Route a request of the jury area; 0 when no page has that path. */
int qc_route_jury(qc_ctx_t *ctx, const char **seg, int n);
/** Route a request of the unit area (a unit's entry); 0 when no page has that path. */
int qc_route_unit(qc_ctx_t *ctx, const char **seg, int n);
/** Route the secretariat's clip pages (video, video/...); 0 when the path is not one. */
int qc_route_staff_jury(qc_ctx_t *ctx, const char **seg, int n);
/** The public gallery of the clips, once published (contestant area, "video"). */
void qc_page_clip_gallery(qc_ctx_t *ctx);
/** Is the authenticated user one of the contest's judges? Answers 403 when not. */
int qc_jury_judge_ok(qc_ctx_t *ctx);
/** Does a POST of the jury or unit area carry its CSRF token? Answers 403 when not. */
int qc_jury_post_ok(qc_ctx_t *ctx);
/* the on-stage team contest (qc_page_stage.c) */
/** Route the judges' stage pages (san-khau...); 0 when the path is not one. */
int qc_route_jury_stage(qc_ctx_t *ctx, const char **seg, int n);
/** Route the secretariat's stage pages: results, presenter screen, draws; 0 when none. */
int qc_route_staff_stage(qc_ctx_t *ctx, const char **seg, int n);
/** The live scoreboard (contestant area, "bang-diem"). */
void qc_page_stage_scoreboard(qc_ctx_t *ctx);

/* ---- results outputs (qc_page_outputs.c): spreadsheets, print page, certificates, progress ---- */
/** Route ket-qua/in, ket-qua/giay-chung-nhan and tien-do; 0 when none has that path. */
int qc_route_outputs(qc_ctx_t *ctx, const char **seg, int n, int post);
/** ?format=xlsx of ket-qua and don-vi: fill the response with the workbook (or fail). */
void qc_page_results_send_xlsx(qc_ctx_t *ctx, const void *ranking);
void qc_page_units_send_xlsx(qc_ctx_t *ctx, const void *units);
/* ---- end of: results outputs ---- */

#endif
