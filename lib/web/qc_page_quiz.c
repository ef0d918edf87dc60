/* Starting an attempt, the quiz page, saving answers (one at a time from the page's script,
 * or the whole form without script), submitting, and the result. The answer key is read only
 * by qc_attempt_items(..., reveal = 1), which this file calls for a finished attempt whose
 * answers the contest allows to show. */
#include <stdlib.h>
#include <string.h>
#include <apr_strings.h>
#include "qc_ctx.h"
#include "qc_pages.h"
#include "qc_attempt.h"
#include "qc_form.h"
#include "qc_qtext.h"
#include "qc_status.h"
#include "qc_time.h"
#include "qc_util.h"
#include "qc_xml.h"

static int need_login(qc_ctx_t *ctx, apr_status_t *rv)
{
    *rv = qc_ctx_session(ctx);
    if (*rv != APR_SUCCESS) {
        qc_ctx_fail(ctx, *rv);
        return 1;
    }
    if (!ctx->session) {
        if (!strcmp(ctx->req->method, "GET")) {
            qc_ctx_redirect(ctx, "dang-nhap");
        }
        else {
            qc_ctx_fail(ctx, QC_EFORBIDDEN);
        }
        return 1;
    }
    return 0;
}

void qc_page_start(qc_ctx_t *ctx)
{
    apr_status_t rv;
    qc_start_result_t result;
    const char *id = NULL;
    if (need_login(ctx, &rv)) {
        return;
    }
    if (!qc_ctx_csrf_ok(ctx)) {
        qc_ctx_fail(ctx, QC_EFORBIDDEN);
        return;
    }
    rv = qc_attempt_start(ctx->db, ctx->p, ctx->contest, ctx->session->contestant_id, &result, &id);
    if (rv != APR_SUCCESS) {
        qc_ctx_fail(ctx, rv);
        return;
    }
    switch (result) {
    case QC_START_CREATED:
    case QC_START_RESUMED:
        /* the session lasts at least to the attempt's end: its saves do not move the idle end */
        rv = qc_session_touch(ctx->db, ctx->p, ctx->session->token_hash,
                              ctx->req->cfg->session_idle_s);
        if (rv != APR_SUCCESS) {
            qc_ctx_fail(ctx, rv);
            return;
        }
        qc_ctx_redirect(ctx, apr_pstrcat(ctx->p, "bai-thi/", id, NULL));
        break;
    case QC_START_NO_ROUND:
        qc_ctx_redirect(ctx, "tai-khoan?notice=no-round");
        break;
    case QC_START_NO_ATTEMPTS:
        qc_ctx_redirect(ctx, "tai-khoan?notice=no-attempts");
        break;
    case QC_START_BANK_TOO_SMALL:
        qc_ctx_redirect(ctx, "tai-khoan?notice=bank");
        break;
    }
}

static void add_items(qc_ctx_t *ctx, xmlNodePtr parent, const apr_array_header_t *items,
                      int revealed)
{
    int i, j;
    for (i = 0; i < items->nelts; i++) {
        const qc_attempt_item_t *it = &APR_ARRAY_IDX(items, i, qc_attempt_item_t);
        xmlNodePtr q = qc_xml_add(parent, "question", NULL);
        int right = 1;
        qc_xml_set_int(q, "position", it->position);
        qc_xml_set(q, "kind", it->kind);
        qc_xml_add(q, "text", it->body);
        for (j = 0; j < it->choices->nelts; j++) {
            const qc_attempt_choice_t *ch = &APR_ARRAY_IDX(it->choices, j, qc_attempt_choice_t);
            xmlNodePtr c = qc_xml_add(q, "choice", ch->body);
            const char *sel = it->selected ? it->selected : "";
            int selected = 0;
            const char *s = sel;
            apr_size_t l = strlen(ch->id);
            while (*s) {
                const char *end = strchr(s, ',');
                apr_size_t n = end ? (apr_size_t)(end - s) : strlen(s);
                if (n == l && !strncmp(s, ch->id, l)) {
                    selected = 1;
                }
                s = end ? end + 1 : s + n;
            }
            /* the option's place in the order shown, never its choice id (which is numbered
             * in the bank file's order): see qc_attempt_selection_of_places */
            qc_xml_set_int(c, "id", j + 1);
            if (selected) {
                qc_xml_set(c, "selected", "1");
            }
            if (revealed) {
                qc_xml_set(c, "correct", ch->correct == 1 ? "1" : "0");
                if ((ch->correct == 1) != selected) {
                    right = 0;
                }
            }
        }
        if (revealed) {
            qc_xml_set(q, "right", right ? "1" : "0");
            if (it->explanation && *it->explanation) {
                qc_xml_add(q, "explanation", it->explanation);
            }
        }
    }
}

static void quiz_page(qc_ctx_t *ctx, const qc_attempt_t *a, const apr_array_header_t *items,
                      const char *error)
{
    xmlNodePtr root = qc_ctx_page(ctx, "quiz");
    xmlNodePtr quiz = qc_xml_add(root, "quiz", NULL), pred;
    /* the server's milliseconds since the attempt's start, by the database's clock: the page
     * numbers its saves from it (the sequence rule of qc_attempt.c) */
    apr_int64_t elapsed = a->deadline_ms - a->started_ms - a->remaining_ms;
    if (elapsed < 0) {
        elapsed = 0;
    }
    qc_xml_set(quiz, "attempt-id", a->id);
    qc_xml_set(quiz, "round-title", a->round_title);
    qc_xml_set_int(quiz, "attempt-no", a->attempt_no);
    qc_xml_set_int(quiz, "questions", a->question_count);
    qc_xml_set_int(quiz, "answer-seq", a->answer_seq);
    qc_xml_set_int(quiz, "next-seq", a->answer_seq + 1);
    /* what the form without script sends: numbered when the page was made */
    qc_xml_set_int(quiz, "form-seq", elapsed > a->answer_seq ? elapsed : a->answer_seq + 1);
    qc_xml_set_int(quiz, "remaining-ms", a->remaining_ms > 0 ? a->remaining_ms : 0);
    qc_xml_set_int(quiz, "elapsed-ms", elapsed);
    qc_xml_set_int(quiz, "time-limit-s", ctx->contest->time_limit_s);
    qc_ctx_set_time(ctx, quiz, "deadline", a->deadline_ms);
    qc_ctx_set_time(ctx, quiz, "started", a->started_ms);
    qc_xml_set(quiz, "error", error);
    pred = qc_xml_add(quiz, "prediction", ctx->contest->prediction_question);
    qc_xml_set(pred, "value", a->prediction);
    add_items(ctx, quiz, items, 0);
}

/* Is what this request would save already stored (position's selection, or prediction)? */
static int same_as_stored(qc_ctx_t *ctx, const qc_attempt_t *a, int pos, const char *prediction)
{
    apr_array_header_t *items;
    const char *sent;
    int i;
    if (pos == 0) {
        return a->prediction && *prediction && !strcmp(a->prediction, prediction);
    }
    if (qc_attempt_items(ctx->db, ctx->p, a->id, 0, &items) != APR_SUCCESS) {
        return 0;
    }
    for (i = 0; i < items->nelts; i++) {
        const qc_attempt_item_t *it = &APR_ARRAY_IDX(items, i, qc_attempt_item_t);
        if (it->position == pos) {
            sent = qc_attempt_item_selection(ctx->p, it,
                                             qc_form_all(ctx->p, ctx->req->form, "choice"));
            return sent && !strcmp(sent, it->selected ? it->selected : "");
        }
    }
    return 0;
}

/* The answer to an autosave: a small XML document <saved status="ok|stale|closed|invalid"
 * seq=".."/>, never anything about the key. */
static void saved_answer(qc_ctx_t *ctx, int http_status, const char *status, apr_int64_t seq)
{
    ctx->resp->status = http_status;
    ctx->resp->body = apr_psprintf(ctx->p,
                                   "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                                   "<saved status=\"%s\" seq=\"%" APR_INT64_T_FMT "\"/>\n",
                                   status, seq);
    ctx->resp->body_len = strlen(ctx->resp->body);
    ctx->resp->content_type = "application/xml; charset=utf-8";
}

/* The busiest request of a round in one statement: the save checks
 * the session, the CSRF token, the attempt and the choices itself. Returns 1 when the request
 * is answered (saved, or a database failure), 0 when nothing was saved and the ordinary path
 * below must work out why (not logged in, bad token, foreign attempt, invalid choice, stale,
 * closed, or the same save again). */
static int autosave_at_once(qc_ctx_t *ctx, const char *id)
{
    apr_table_t *f = ctx->req->form;
    qc_autosave_t save;
    apr_int64_t pos = 0;
    const char *position = qc_form_get(ctx->p, f, "position");
    apr_status_t rv;

    memset(&save, 0, sizeof(save));
    save.token_hash =
        ctx->req->session_token ? qc_session_token_hash(ctx->p, ctx->req->session_token) : NULL;
    save.csrf = apr_table_get(f, "csrf");
    if (!save.token_hash || !save.csrf ||
        qc_util_parse_int64(qc_form_get(ctx->p, f, "seq"), 1, APR_INT64_C(1) << 52, &save.seq) !=
            APR_SUCCESS) {
        return 0;
    }
    if (*position) {
        if (qc_util_parse_int64(position, 1, 1000, &pos) != APR_SUCCESS) {
            return 0;
        }
        save.position = (int)pos;
        save.places = qc_form_all(ctx->p, f, "choice");
    }
    else {
        save.prediction = qc_form_get(ctx->p, f, "prediction");
    }
    save.contest_code = ctx->req->cfg->contest_code;
    save.attempt_id = id;
    rv = qc_ctx_db(ctx);
    if (rv == APR_SUCCESS) {
        rv = qc_attempt_autosave(ctx->db, ctx->p, &save);
    }
    if (rv == APR_SUCCESS) {
        saved_answer(ctx, 200, "ok", save.seq);
        return 1;
    }
    if (rv == QC_ECONFLICT || rv == QC_EINPUT) {
        return 0;
    }
    qc_ctx_fail(ctx, rv);
    return 1;
}

/* Save one answer from the page's script (the ordinary path, which says why a save was
 * refused): the answer is a small XML document, as saved_answer. */
static void autosave(qc_ctx_t *ctx, const char *id)
{
    apr_table_t *f = ctx->req->form;
    const char *position = qc_form_get(ctx->p, f, "position");
    const char *prediction = qc_form_get(ctx->p, f, "prediction");
    apr_int64_t seq = 0, pos = 0;
    apr_status_t rv;
    const char *status;
    if (qc_util_parse_int64(qc_form_get(ctx->p, f, "seq"), 1, APR_INT64_C(1) << 52, &seq) !=
        APR_SUCCESS) {
        rv = QC_EINPUT;
    }
    else if (*position) {
        rv = qc_util_parse_int64(position, 1, 1000, &pos) == APR_SUCCESS
                 ? qc_attempt_save_answer(ctx->db, ctx->p, id, ctx->session->contestant_id,
                                          (int)pos, qc_form_all(ctx->p, f, "choice"), seq)
                 : QC_EINPUT;
    }
    else if (*prediction) {
        rv = qc_attempt_save_prediction(ctx->db, ctx->p, id, ctx->session->contestant_id,
                                        prediction, seq);
    }
    else {
        rv = QC_EINPUT;
    }
    if (rv == QC_EDBDOWN || rv == QC_EDB || rv == QC_ERETRY) {
        qc_ctx_fail(ctx, rv);
        return;
    }
    if (rv == QC_ECONFLICT) {
        qc_attempt_t *a;
        apr_status_t rv2 = qc_attempt_get(ctx->db, ctx->p, id, ctx->session->contestant_id, &a);
        if (rv2 != APR_SUCCESS) {
            qc_ctx_fail(ctx, rv2);
            return;
        }
        status = strcmp(a->state, "open") ? "closed" : "stale";
        ctx->resp->status = strcmp(a->state, "open") ? 410 : 409;
        if (!strcmp(status, "stale") && a->answer_seq == seq &&
            same_as_stored(ctx, a, (int)pos, prediction)) {
            /* the same save again (a retry after a lost response): answer as the first time */
            status = "ok";
            ctx->resp->status = 200;
        }
        else if (!strcmp(status, "stale")) {
            /* past the deadline, a save numbered after it (or held back longer than the
             * grace) is refused whatever the last save: "late", as final as "closed" */
            int late = 0;
            rv2 = qc_attempt_save_too_late(ctx->db, ctx->p, id, ctx->session->contestant_id, seq,
                                           &late);
            if (rv2 != APR_SUCCESS) {
                qc_ctx_fail(ctx, rv2);
                return;
            }
            if (late) {
                status = "late";
                ctx->resp->status = 410;
            }
        }
        seq = a->answer_seq;
    }
    else if (rv == QC_EINPUT) {
        status = "invalid";
        ctx->resp->status = 400;
    }
    else {
        status = "ok";
        ctx->resp->status = 200;
    }
    saved_answer(ctx, ctx->resp->status, status, seq);
}

/* The selections of a whole form: field a<position>, one value per chosen option (its place
 * in the order shown). */
static apr_array_header_t **form_selections(qc_ctx_t *ctx, const apr_array_header_t *items)
{
    apr_array_header_t **sel = apr_pcalloc(ctx->p, sizeof(*sel) * (items->nelts + 1));
    int i;
    for (i = 0; i < items->nelts; i++) {
        const qc_attempt_item_t *it = &APR_ARRAY_IDX(items, i, qc_attempt_item_t);
        sel[i] = qc_form_all(ctx->p, ctx->req->form, apr_psprintf(ctx->p, "a%d", it->position));
    }
    return sel;
}

/* Does a whole form say anything other than what is stored (a choice, or a prediction)? */
static int form_differs(qc_ctx_t *ctx, const qc_attempt_t *a, const apr_array_header_t *items,
                        apr_array_header_t *const *selections, const char *prediction)
{
    apr_int64_t v;
    int i;
    for (i = 0; i < items->nelts; i++) {
        const qc_attempt_item_t *it = &APR_ARRAY_IDX(items, i, qc_attempt_item_t);
        const char *sent = qc_attempt_item_selection(ctx->p, it, selections[i]);
        if (!sent || strcmp(sent, it->selected ? it->selected : "") != 0) {
            return 1;
        }
    }
    if (!prediction || !*prediction ||
        qc_util_parse_int64(prediction, 0, APR_INT64_C(1000000000000), &v) != APR_SUCCESS) {
        return 0;
    }
    return !a->prediction || apr_atoi64(a->prediction) != v;
}

/* The quiz page, or (with action) the whole form saved or submitted. */
static void quiz_or_form(qc_ctx_t *ctx, const char *id, const char *action)
{
    apr_status_t rv;
    qc_attempt_t *a;
    apr_array_header_t *items;
    const char *error = NULL;

    rv = qc_attempt_get_open_items(ctx->db, ctx->p, id, ctx->session->contestant_id, &a, &items);
    if (rv != APR_SUCCESS) {
        qc_ctx_fail(ctx, rv);
        return;
    }
    if (strcmp(a->state, "open") != 0) {
        qc_ctx_redirect(ctx, apr_pstrcat(ctx->p, "ket-qua/", a->id, NULL));
        return;
    }
    if (action) {
        /* the whole form: "Lưu" (whole=1 on luu) or "Nộp bài" (nop) */
        apr_int64_t seq = 0;
        const char *prediction = qc_form_get(ctx->p, ctx->req->form, "prediction");
        int submit = !strcmp(action, "nop");
        if (qc_util_parse_int64(qc_form_get(ctx->p, ctx->req->form, "seq"), 1, APR_INT64_C(1) << 52,
                                &seq) != APR_SUCCESS) {
            qc_ctx_fail(ctx, QC_EINPUT);
            return;
        }
        if (*prediction) {
            apr_int64_t v;
            if (qc_util_parse_int64(prediction, 0, APR_INT64_C(1000000000000), &v) != APR_SUCCESS) {
                error = "err.prediction.format";
                prediction = NULL;
            }
        }
        if (seq > a->answer_seq) {
            rv = qc_attempt_save_all(ctx->db, ctx->p, a, ctx->session->contestant_id, items,
                                     form_selections(ctx, items), prediction, seq);
        }
        else {
            /* an old form: harmless when it only repeats what is stored (the script saved it
             * all already); otherwise newer answers were saved elsewhere and win */
            rv = form_differs(ctx, a, items, form_selections(ctx, items), prediction) ? QC_ECONFLICT
                                                                                      : APR_SUCCESS;
        }
        if (rv == QC_ECONFLICT) {
            /* stale form, or the deadline passed: show what is saved */
            int late = 0;
            error = "err.quiz.stale";
            rv = qc_attempt_save_too_late(ctx->db, ctx->p, id, ctx->session->contestant_id, seq,
                                          &late);
            if (rv != APR_SUCCESS) {
                qc_ctx_fail(ctx, rv);
                return;
            }
            if (late) {
                /* numbered after the deadline: nothing more of it is stored; "Nộp bài" still
                 * hands in what was saved in time */
                error = submit ? NULL : "err.quiz.late";
            }
        }
        else if (rv == QC_EINPUT) {
            qc_ctx_fail(ctx, rv);
            return;
        }
        else if (rv != APR_SUCCESS) {
            qc_ctx_fail(ctx, rv);
            return;
        }
        /* read back what is stored now */
        rv = qc_attempt_get(ctx->db, ctx->p, id, ctx->session->contestant_id, &a);
        if (rv == APR_SUCCESS && !strcmp(a->state, "open")) {
            rv = qc_attempt_items(ctx->db, ctx->p, id, 0, &items);
        }
        if (rv != APR_SUCCESS) {
            qc_ctx_fail(ctx, rv);
            return;
        }
        if (strcmp(a->state, "open") != 0) {
            qc_ctx_redirect(ctx, apr_pstrcat(ctx->p, "ket-qua/", a->id, NULL));
            return;
        }
        if (submit && !error) {
            if (!a->prediction && a->remaining_ms > 0) {
                error = "err.prediction.required";
            }
            else {
                rv = qc_attempt_finalise(ctx->db, ctx->p, a->id);
                if (rv != APR_SUCCESS) {
                    qc_ctx_fail(ctx, rv);
                    return;
                }
                qc_ctx_redirect(ctx, apr_pstrcat(ctx->p, "ket-qua/", a->id, NULL));
                return;
            }
        }
        if (!error) {
            qc_ctx_redirect(ctx, apr_pstrcat(ctx->p, "bai-thi/", a->id, "?saved=1", NULL));
            return;
        }
        ctx->resp->status = 422;
    }
    quiz_page(ctx, a, items, error);
    if (!action && !strcmp(qc_form_get(ctx->p, ctx->req->query, "saved"), "1")) {
        qc_xml_set(xmlDocGetRootElement(ctx->resp->doc)->last, "saved", "1");
    }
}

/* The quiz page of a live session and an open attempt in one statement (the page a round's
 * contestants reload); 0 when the ordinary path must answer (no session, another
 * contestant's attempt, a finished or overdue one), 1 when answered. */
static int quiz_page_at_once(qc_ctx_t *ctx, const char *id)
{
    const char *hash = qc_session_token_hash(ctx->p, ctx->req->session_token);
    qc_attempt_live_t live;
    apr_status_t rv;
    if (!hash || qc_ctx_db(ctx) != APR_SUCCESS) {
        return 0; /* the ordinary path says what is wrong */
    }
    rv = qc_attempt_live_page(ctx->db, ctx->p, hash, id, ctx->req->cfg->contest_code, &live);
    if (rv == QC_ENOTFOUND) {
        return 0;
    }
    if (rv == APR_SUCCESS) {
        rv = qc_contest_current(ctx->db, ctx->p, ctx->req->cfg->contest_code, live.contest_revision,
                                live.db_now_ms, &ctx->contest);
    }
    if (rv != APR_SUCCESS) {
        qc_ctx_fail(ctx, rv);
        return 1;
    }
    ctx->session = live.session;
    ctx->session_checked = 1;
    quiz_page(ctx, live.attempt, live.items, NULL);
    if (!strcmp(qc_form_get(ctx->p, ctx->req->query, "saved"), "1")) {
        qc_xml_set(xmlDocGetRootElement(ctx->resp->doc)->last, "saved", "1");
    }
    return 1;
}

/* A whole form read under the attempt's lock (qc_attempt_locked). */
typedef struct {
    qc_ctx_t *ctx;
    const char *id, *action;
    qc_app_response_t start; /* the response before the first try */
} whole_form_t;

/* Save (and for "nop" finalise) the whole form; keep it unless the page failed. It may run
 * again when its transaction conflicted with another (Galera): each run starts from the
 * response as it was before the first. */
static int whole_form(void *baton)
{
    whole_form_t *f = baton;
    *f->ctx->resp = f->start;
    if (f->start.cookies) {
        f->ctx->resp->cookies = apr_array_copy(f->ctx->p, f->start.cookies);
    }
    quiz_or_form(f->ctx, f->id, f->action);
    return !(f->ctx->resp->status >= 400 && f->ctx->resp->status != 422);
}

void qc_page_quiz(qc_ctx_t *ctx, const char *id, const char *action)
{
    apr_status_t rv;
    whole_form_t form;

    if (!action && ctx->req->session_token && !ctx->session_checked && quiz_page_at_once(ctx, id)) {
        return;
    }

    /* an autosave (the busiest request of a round) is one statement when it succeeds; when
     * it saves nothing, the ordinary path below says why */
    if (action && !strcmp(action, "luu") && apr_table_get(ctx->req->form, "whole") == NULL &&
        autosave_at_once(ctx, id)) {
        return;
    }
    if (need_login(ctx, &rv)) {
        return;
    }
    if (action && !qc_ctx_csrf_ok(ctx)) {
        qc_ctx_fail(ctx, QC_EFORBIDDEN);
        return;
    }
    /* the script saves one answer at a time; the form without script sends whole=1 */
    if (action && !strcmp(action, "luu") && apr_table_get(ctx->req->form, "whole") == NULL) {
        autosave(ctx, id);
        return;
    }
    if (!action) {
        quiz_or_form(ctx, id, NULL);
        return;
    }
    /* A whole form is read, saved and (for "nop") finalised under the attempt's row lock: a
     * second submit sent at the same moment waits for the first and then finds the attempt
     * finished, so it answers with the same result instead of a stale form. */
    form.ctx = ctx;
    form.id = id;
    form.action = action;
    form.start = *ctx->resp;
    if (ctx->resp->cookies) {
        form.start.cookies = apr_array_copy(ctx->p, ctx->resp->cookies);
    }
    rv = qc_attempt_locked(ctx->db, ctx->p, id, ctx->session->contestant_id, whole_form, &form);
    if (rv != APR_SUCCESS) {
        ctx->resp->location = NULL;
        ctx->resp->doc = NULL;
        qc_ctx_fail(ctx, rv);
    }
}

void qc_page_result(qc_ctx_t *ctx, const char *id)
{
    apr_status_t rv;
    qc_attempt_t *a;
    apr_array_header_t *history, *items = NULL;
    const qc_attempt_t *counted;
    const qc_round_t *round = NULL;
    xmlNodePtr root, res;
    int i, used = 0, reveal;

    if (need_login(ctx, &rv)) {
        return;
    }
    rv = qc_attempt_get(ctx->db, ctx->p, id, ctx->session->contestant_id, &a);
    if (rv != APR_SUCCESS) {
        qc_ctx_fail(ctx, rv);
        return;
    }
    if (!strcmp(a->state, "open")) {
        qc_ctx_redirect(ctx, apr_pstrcat(ctx->p, "bai-thi/", a->id, NULL));
        return;
    }
    rv = qc_attempt_history(ctx->db, ctx->p, ctx->session->contestant_id, &history);
    if (rv != APR_SUCCESS) {
        qc_ctx_fail(ctx, rv);
        return;
    }
    for (i = 0; i < ctx->contest->rounds->nelts; i++) {
        const qc_round_t *rd = &APR_ARRAY_IDX(ctx->contest->rounds, i, qc_round_t);
        if (!strcmp(rd->id, a->round_id)) {
            round = rd;
        }
    }
    for (i = 0; i < history->nelts; i++) {
        used += !strcmp(APR_ARRAY_IDX(history, i, qc_attempt_t).round_id, a->round_id);
    }
    reveal = !strcmp(ctx->contest->reveal_answers, "after_submit") ||
             (!strcmp(ctx->contest->reveal_answers, "after_round") && a->round_closed);
    if (reveal) {
        rv = qc_attempt_items(ctx->db, ctx->p, id, 1, &items);
        if (rv != APR_SUCCESS) {
            qc_ctx_fail(ctx, rv);
            return;
        }
    }
    counted = qc_attempt_counted(history, a->round_id, ctx->contest->counted_attempt);
    root = qc_ctx_page(ctx, "result");
    res = qc_xml_add(root, "result", NULL);
    qc_xml_set(res, "attempt-id", a->id);
    qc_xml_set(res, "state", a->state);
    qc_xml_set(res, "round-title", a->round_title);
    qc_xml_set_int(res, "attempt-no", a->attempt_no);
    qc_xml_set_int(res, "score", a->score);
    qc_xml_set_int(res, "questions", a->question_count);
    qc_xml_set_int(res, "time-ms", a->time_taken_ms);
    qc_xml_set(res, "time", qc_time_format_duration(ctx->p, a->time_taken_ms));
    qc_xml_set(res, "prediction", a->prediction);
    qc_ctx_set_time(ctx, res, "started", a->started_ms);
    qc_ctx_set_time(ctx, res, "finished", a->finished_ms);
    qc_xml_set_int(res, "attempts-used", used);
    if (round) {
        qc_xml_set_int(res, "attempts-allowed", round->attempts_allowed);
        qc_xml_set_int(res, "attempts-left",
                       round->attempts_allowed > used ? round->attempts_allowed - used : 0);
        qc_xml_set(res, "round-open", a->round_closed ? "0" : "1");
    }
    qc_xml_set(res, "revealed", reveal ? "1" : "0");
    qc_xml_set(res, "reveal-policy", ctx->contest->reveal_answers);
    if (counted) {
        xmlNodePtr c = qc_xml_add(res, "counted", NULL);
        qc_xml_set(c, "attempt-id", counted->id);
        qc_xml_set_int(c, "attempt-no", counted->attempt_no);
        qc_xml_set_int(c, "score", counted->score);
        qc_xml_set_int(c, "time-ms", counted->time_taken_ms);
        qc_xml_set(c, "time", qc_time_format_duration(ctx->p, counted->time_taken_ms));
        if (counted == NULL || !strcmp(counted->id, a->id)) {
            qc_xml_set(c, "this", "1");
        }
    }
    if (items) {
        add_items(ctx, res, items, 1);
    }
}

/* ---- entry points of the route table (qc_router.c) ---- */

void qc_page_quiz_view(qc_ctx_t *ctx, const char *attempt_id)
{
    qc_page_quiz(ctx, attempt_id, NULL);
}

void qc_page_quiz_save(qc_ctx_t *ctx, const char *attempt_id)
{
    qc_page_quiz(ctx, attempt_id, "luu");
}

void qc_page_quiz_submit(qc_ctx_t *ctx, const char *attempt_id)
{
    qc_page_quiz(ctx, attempt_id, "nop");
}
