/* The pages (qc_page_*.c) the router calls, and the helpers the pages of one area share;
 * not a public header. */
#ifndef QC_PAGES_H
#define QC_PAGES_H

#include "qc_ctx.h"
#include "qc_question.h"

/* page handlers (qc_page_*.c) */
void qc_page_home(qc_ctx_t *ctx);
/** The small public block the department's portal includes or frames (route "khung"). */
void qc_page_portal_block(qc_ctx_t *ctx);
/** The health check for a balancer (qc_page_health.c). */
void qc_page_health(qc_ctx_t *ctx);
void qc_page_register(qc_ctx_t *ctx);
void qc_page_login(qc_ctx_t *ctx);
void qc_page_logout(qc_ctx_t *ctx);
void qc_page_account(qc_ctx_t *ctx);
/* tai-khoan/mat-khau: the contestant changes their password (a session or a change ticket) */
void qc_page_password(qc_ctx_t *ctx);
void qc_page_start(qc_ctx_t *ctx);
void qc_page_quiz(qc_ctx_t *ctx, const char *attempt_id, const char *action);
void qc_page_quiz_view(qc_ctx_t *ctx, const char *attempt_id);
void qc_page_quiz_save(qc_ctx_t *ctx, const char *attempt_id);
void qc_page_quiz_submit(qc_ctx_t *ctx, const char *attempt_id);
void qc_page_result(qc_ctx_t *ctx, const char *attempt_id);
void qc_page_secretariat_home(qc_ctx_t *ctx);
/* results (qc_page_results.c) */
void qc_page_results(qc_ctx_t *ctx);
void qc_page_units(qc_ctx_t *ctx);
void qc_page_public_results(qc_ctx_t *ctx);

/* the secretariat area (qc_page_staff.c) */
/** Begin a page of the secretariat area (loads the contest; carries the CSRF token); NULL
 *  when the response is already an error page. */
xmlNodePtr qc_staff_page(qc_ctx_t *ctx, const char *page);
/** Is this POST of the secretariat area carrying its CSRF token? Answers 403 when not. */
int qc_staff_post_ok(qc_ctx_t *ctx);
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
/* jury-scored parts (qc_page_jury.c) */
/** The public gallery of the clips, once published (contestant area, "video"). */
void qc_page_clip_gallery(qc_ctx_t *ctx);
/** Is the authenticated user one of the contest's judges? Answers 403 when not. */
int qc_jury_judge_ok(qc_ctx_t *ctx);
/** Does a POST of the jury or unit area carry its CSRF token? Answers 403 when not. */
int qc_jury_post_ok(qc_ctx_t *ctx);
/* the on-stage team contest (qc_page_stage.c) */
/** The live scoreboard (contestant area, "bang-diem"). */
void qc_page_stage_scoreboard(qc_ctx_t *ctx);

/* results outputs (qc_page_outputs.c): spreadsheets, print page, certificates, progress */
/** ?format=xlsx of ket-qua and don-vi: fill the response with the workbook (or fail). */
void qc_page_results_send_xlsx(qc_ctx_t *ctx, const void *ranking);
void qc_page_units_send_xlsx(qc_ctx_t *ctx, const void *units);

/* ---- the pages the route table (qc_router.c) names, by file ---- */
/* qc_page_staff.c: the audit log and the questions */
void qc_page_audit(qc_ctx_t *ctx);
void qc_page_question_stats(qc_ctx_t *ctx);
void qc_page_questions(qc_ctx_t *ctx);
void qc_page_question(qc_ctx_t *ctx, const char *id);
void qc_page_question_retire(qc_ctx_t *ctx, const char *id);
/* qc_page_bank.c: importing, exporting, writing and editing questions (id NULL: a new one) */
void qc_page_import_form(qc_ctx_t *ctx);
void qc_page_import_preview(qc_ctx_t *ctx);
void qc_page_import_confirm(qc_ctx_t *ctx);
void qc_page_bank_export(qc_ctx_t *ctx);
void qc_page_question_form(qc_ctx_t *ctx, const char *id);
void qc_page_question_save(qc_ctx_t *ctx, const char *id);
/* qc_page_contest.c: the definition file, the settings, a contestant's password */
void qc_page_definition(qc_ctx_t *ctx);
void qc_page_definition_upload(qc_ctx_t *ctx);
void qc_page_definition_download(qc_ctx_t *ctx);
void qc_page_definition_confirm(qc_ctx_t *ctx);
void qc_page_settings(qc_ctx_t *ctx);
void qc_page_contestant_search(qc_ctx_t *ctx);
void qc_page_contestant_password_reset(qc_ctx_t *ctx, const char *id);
/* qc_page_outputs.c */
void qc_page_results_print(qc_ctx_t *ctx);
void qc_page_certificates(qc_ctx_t *ctx);
void qc_page_progress(qc_ctx_t *ctx);
/* qc_page_jury.c: the judges (entry_id NULL: the list), the units, the secretariat's clips */
void qc_page_judge(qc_ctx_t *ctx, const char *entry_id);
void qc_page_judge_scores(qc_ctx_t *ctx, const char *entry_id);
void qc_page_unit_home(qc_ctx_t *ctx);
void qc_page_unit_entry_submit(qc_ctx_t *ctx);
void qc_page_unit_entry_replace(qc_ctx_t *ctx);
void qc_page_clips_staff(qc_ctx_t *ctx);
void qc_page_clips_close(qc_ctx_t *ctx);
void qc_page_clips_publish(qc_ctx_t *ctx);
void qc_page_clip_reject(qc_ctx_t *ctx, const char *entry_id);
void qc_page_clip_order(qc_ctx_t *ctx, const char *entry_id);
/* qc_page_stage.c: the judges' stage pages (team and part NULL: the overview) and the
 * secretariat's */
void qc_page_stage_judge(qc_ctx_t *ctx, const char *team, const char *part);
void qc_page_stage_judge_draw(qc_ctx_t *ctx, const char *draw);
void qc_page_stage_judge_scores(qc_ctx_t *ctx, const char *team, const char *part);
void qc_page_stage_staff(qc_ctx_t *ctx);
void qc_page_stage_presenter(qc_ctx_t *ctx);
void qc_page_stage_draw(qc_ctx_t *ctx);
void qc_page_stage_close_judging(qc_ctx_t *ctx);
void qc_page_stage_reveal(qc_ctx_t *ctx, const char *draw);
void qc_page_stage_committee(qc_ctx_t *ctx, const char *team);

#endif
