/* The pages (qc_page_*.c) the router calls, and the helpers the pages of one area share;
 * not a public header. */
#ifndef QC_PAGES_H
#define QC_PAGES_H

#include "qc_ctx.h"

/* page handlers (qc_page_*.c) */
void qc_page_home(qc_ctx_t *ctx);
void qc_page_register(qc_ctx_t *ctx);
void qc_page_login(qc_ctx_t *ctx);
void qc_page_logout(qc_ctx_t *ctx);
void qc_page_account(qc_ctx_t *ctx);
/* tai-khoan/mat-khau: the contestant changes their password (a session or a change ticket) */
void qc_page_password(qc_ctx_t *ctx);
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
/** The contest's topics (id, code, title, quota, active questions), and as XML <topics>. */
apr_status_t qc_staff_topics(qc_ctx_t *ctx, qc_rows_t **rows);
void qc_staff_topics_xml(xmlNodePtr parent, const qc_rows_t *rows);
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

#endif
