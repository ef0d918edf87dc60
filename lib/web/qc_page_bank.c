/* The secretariat's question-bank pages that change the bank: importing a file (upload, a
 * preview with every rejected question and what the import would do, then a confirmation that
 * stores all or nothing), exporting it, and writing or editing one question by hand. A
 * question already drawn is never changed: an edit is stored as a new version (qc_qbank.h). */
#include <string.h>
#include <apr_strings.h>
#include "qc_ctx.h"
#include "qc_pages.h"
#include "qc_audit.h"
#include "qc_form.h"
#include "qc_log.h"
#include "qc_multipart.h"
#include "qc_qbank.h"
#include "qc_qbank_store.h"
#include "qc_staging.h"
#include "qc_status.h"
#include "qc_utf8.h"
#include "qc_util.h"
#include "qc_xml.h"

static const char *const import_formats[] = {"auto", "moodle", "gift", "aiken",
                                             "csv",  "xlsx",   "docx", "native", NULL};

static int known_format(const char *f, int allow_auto)
{
    int i;
    for (i = allow_auto ? 0 : 1; import_formats[i]; i++) {
        if (!strcmp(f, import_formats[i])) {
            return 1;
        }
    }
    return 0;
}

/* <reject line what key><arg/>...</reject>: the page formats the reason with qc:msg */
static void add_rejects(xmlNodePtr parent, const char *name, const apr_array_header_t *list)
{
    xmlNodePtr l = qc_xml_add(parent, name, NULL);
    int i, j;
    qc_xml_set_int(l, "count", list->nelts);
    for (i = 0; i < list->nelts; i++) {
        const qc_qreject_t *r = &APR_ARRAY_IDX(list, i, qc_qreject_t);
        xmlNodePtr e = qc_xml_add(l, "reject", NULL);
        qc_xml_set_int(e, "line", r->line);
        qc_xml_set(e, "what", r->what);
        qc_xml_set(e, "key", r->key);
        for (j = 0; j < r->nargs && j < 4; j++) {
            qc_xml_add(e, "arg", r->args[j]);
        }
    }
}

static void add_question_sample(xmlNodePtr parent, const qc_qbank_t *bank, int max)
{
    xmlNodePtr l = qc_xml_add(parent, "sample", NULL);
    int i, j;
    for (i = 0; i < bank->questions->nelts && i < max; i++) {
        const qc_qquestion_t *q = &APR_ARRAY_IDX(bank->questions, i, qc_qquestion_t);
        xmlNodePtr e = qc_xml_add(l, "question", NULL), cs;
        qc_xml_set_int(e, "line", q->line);
        qc_xml_set(e, "kind", q->kind);
        qc_xml_set(e, "topic-title", q->topic_title);
        qc_xml_add(e, "text", q->text);
        cs = qc_xml_add(e, "choices", NULL);
        for (j = 0; j < q->choices->nelts; j++) {
            const qc_qchoice_t *c = &APR_ARRAY_IDX(q->choices, j, qc_qchoice_t);
            xmlNodePtr ce = qc_xml_add(cs, "choice", c->text);
            qc_xml_set(ce, "correct", c->correct ? "1" : "0");
        }
    }
}

/* The upload form, with an error next to its field when there is one. */
static void show_import_form(qc_ctx_t *ctx, const char *format, const char *file_error,
                             const char *file_detail)
{
    xmlNodePtr root = qc_staff_page(ctx, "staff-import"), form, f;
    int i;
    if (!root) {
        return;
    }
    form = qc_xml_add(root, "import-form", NULL);
    f = qc_ctx_field(form, "dinh-dang", format, NULL);
    for (i = 0; import_formats[i]; i++) {
        qc_xml_set(qc_xml_add(f, "option", NULL), "value", import_formats[i]);
    }
    f = qc_ctx_field(form, "tep", "", file_error);
    if (file_detail) {
        qc_xml_set(f, "detail", file_detail);
    }
    qc_xml_set_int(form, "max-bytes", QC_QBANK_MAX_BYTES);
    if (file_error) {
        ctx->resp->status = 422;
    }
}

void qc_page_import_form(qc_ctx_t *ctx)
{
    show_import_form(ctx, "auto", NULL, NULL);
}

/* Read the file, say what an import would do (a dry run in the database), and keep the file
 * until the secretariat confirms. The parse, the dry run and the staging run in a scratch pool
 * (qc_util_scratch_create): a 10 MiB file costs some 20 times its size while it is read, and
 * that memory goes back to the system when the page is built, not into the worker. */
static void import_preview(qc_ctx_t *ctx, apr_pool_t *sp, const char *format, const qc_upload_t *up)
{
    qc_qbank_t *bank;
    qc_qbank_stats_t stats;
    const char *errmsg = NULL, *token, *dberr = NULL;
    qc_actor_t actor;
    xmlNodePtr root, pv, st;
    apr_status_t rv;

    rv = qc_qbank_read(sp, up->data, up->len, format, ctx->req->messages, &bank, &errmsg);
    if (rv != APR_SUCCESS) {
        show_import_form(ctx, format, "staff.import.err.file", apr_pstrdup(ctx->p, errmsg));
        return;
    }
    rv = qc_ctx_contest(ctx);
    if (rv == APR_SUCCESS) {
        rv = qc_qbank_check_bank(ctx->db, sp, ctx->contest->code, bank, ctx->req->messages, &dberr);
    }
    if (rv == APR_SUCCESS) {
        rv = qc_qbank_store(ctx->db, sp, ctx->contest->code, bank, 1, &stats, &dberr);
    }
    if (rv == APR_SUCCESS) {
        qc_staff_actor(ctx, &actor);
        rv = qc_staging_put(ctx->db, sp, ctx->contest->id, actor.user, bank->format, up->filename,
                            up->data, up->len, &token);
    }
    if (rv != APR_SUCCESS) {
        if (dberr) {
            qc_log(QC_LOG_MARK, QC_LOG_ERR, rv, "QC00502: import preview for contest %s: %s",
                   ctx->req->cfg->contest_code, dberr);
        }
        qc_ctx_fail(ctx, rv);
        return;
    }
    root = qc_staff_page(ctx, "staff-import");
    if (!root) {
        return;
    }
    /* the page's document copies every string it is given: nothing of sp outlives it */
    pv = qc_xml_add(root, "preview", NULL);
    qc_xml_set(pv, "token", token);
    qc_xml_set(pv, "filename", up->filename);
    qc_xml_set(pv, "format", bank->format);
    qc_xml_set_int(pv, "bytes", (apr_int64_t)up->len);
    qc_xml_set_int(pv, "accepted", bank->questions->nelts);
    qc_xml_set_int(pv, "left-out", qc_qbank_left_out(bank));
    st = qc_xml_add(pv, "would", NULL);
    qc_xml_set_int(st, "topics", stats.topics);
    qc_xml_set_int(st, "added", stats.added);
    qc_xml_set_int(st, "changed", stats.changed);
    qc_xml_set_int(st, "unchanged", stats.unchanged);
    add_rejects(pv, "rejects", bank->rejects);
    add_rejects(pv, "duplicates", bank->duplicates);
    add_question_sample(pv, bank, 5);
}

void qc_page_import_preview(qc_ctx_t *ctx)
{
    const char *format = qc_form_get(ctx->p, ctx->req->form, "dinh-dang");
    const qc_upload_t *up = NULL;
    apr_pool_t *sp;
    int i;

    if (!qc_staff_post_ok(ctx)) {
        return;
    }
    if (!*format || !known_format(format, 1)) {
        format = "auto";
    }
    for (i = 0; ctx->req->uploads && i < ctx->req->uploads->nelts; i++) {
        const qc_upload_t *u = &APR_ARRAY_IDX(ctx->req->uploads, i, qc_upload_t);
        if (!strcmp(u->field, "tep") && (u->len > 0 || *u->filename)) {
            up = u;
        }
    }
    if (!up) {
        show_import_form(ctx, format, "staff.import.err.no_file", NULL);
        return;
    }
    if (up->len == 0) {
        show_import_form(ctx, format, "staff.import.err.empty", NULL);
        return;
    }
    if (qc_utf8_length(up->filename) > QC_STAGING_MAX_FILENAME) {
        show_import_form(ctx, format, "staff.import.err.filename_long", NULL);
        return;
    }
    if (!strcmp(format, "auto") && qc_qbank_format_of_name(up->filename)) {
        /* a file named .xlsx is read as one: a text file so named is refused, not guessed */
        format = qc_qbank_format_of_name(up->filename);
    }
    if (!(sp = qc_util_scratch_create())) {
        qc_ctx_fail(ctx, APR_ENOMEM);
        return;
    }
    import_preview(ctx, sp, format, up);
    qc_util_scratch_destroy(sp);
}

/* Store the previewed file: all or nothing; with rejected or duplicated questions only when the
 * secretariat ticked that they are to be left out (qc_qbank_may_store, the CLI's rule). The
 * staged file is read back and parsed in the scratch pool sp, as in the preview. */
static void import_confirm(qc_ctx_t *ctx, apr_pool_t *sp, const char *token, int skip_rejected)
{
    const char *errmsg = NULL, *dberr = NULL;
    qc_staged_t *staged;
    qc_qbank_t *bank;
    qc_qbank_stats_t stats;
    qc_actor_t actor;
    xmlNodePtr root, done;
    apr_status_t rv;

    rv = qc_staging_get(ctx->db, sp, ctx->contest->id, token, &staged);
    if (rv == QC_ENOTFOUND) {
        /* already imported (a second click), or more than a day old */
        show_import_form(ctx, "auto", "staff.import.err.expired", NULL);
        return;
    }
    if (rv != APR_SUCCESS) {
        qc_ctx_fail(ctx, rv);
        return;
    }
    rv = qc_qbank_read(sp, staged->content, staged->len, staged->format, ctx->req->messages, &bank,
                       &errmsg);
    if (rv != APR_SUCCESS) {
        show_import_form(ctx, "auto", "staff.import.err.file", apr_pstrdup(ctx->p, errmsg));
        return;
    }
    /* the bank may have changed since the preview: its duplicates are looked for again */
    rv = qc_qbank_check_bank(ctx->db, sp, ctx->contest->code, bank, ctx->req->messages, &dberr);
    if (rv != APR_SUCCESS) {
        qc_ctx_fail(ctx, rv);
        return;
    }
    if (!qc_qbank_may_store(bank, skip_rejected)) {
        show_import_form(ctx, apr_pstrdup(ctx->p, bank->format),
                         "staff.import.err.rejects_unconfirmed", NULL);
        return;
    }
    qc_staff_actor(ctx, &actor);
    rv = qc_qbank_import_staged(ctx->db, sp, ctx->contest->code, bank, token, staged->filename,
                                &actor, &stats, &dberr);
    if (rv == QC_ENOTFOUND && !dberr) {
        /* the same confirmation sent twice at once: the other one stored it */
        show_import_form(ctx, "auto", "staff.import.err.expired", NULL);
        return;
    }
    if (rv != APR_SUCCESS) {
        if (dberr) {
            qc_log(QC_LOG_MARK, QC_LOG_ERR, rv, "QC00503: import for contest %s: %s",
                   ctx->req->cfg->contest_code, dberr);
        }
        qc_ctx_fail(ctx, rv);
        return;
    }
    root = qc_staff_page(ctx, "staff-import");
    if (!root) {
        return;
    }
    done = qc_xml_add(root, "done", NULL);
    qc_xml_set(done, "filename", staged->filename);
    qc_xml_set_int(done, "topics", stats.topics);
    qc_xml_set_int(done, "added", stats.added);
    qc_xml_set_int(done, "changed", stats.changed);
    qc_xml_set_int(done, "unchanged", stats.unchanged);
    qc_xml_set_int(done, "skipped", qc_qbank_left_out(bank));
}

void qc_page_import_confirm(qc_ctx_t *ctx)
{
    const char *token = qc_form_get(ctx->p, ctx->req->form, "ma");
    int skip_rejected = *qc_form_get(ctx->p, ctx->req->form, "bo-qua-cau-loi") != '\0';
    apr_pool_t *sp;
    apr_status_t rv;

    if (!qc_staff_post_ok(ctx)) {
        return;
    }
    rv = qc_ctx_contest(ctx);
    if (rv != APR_SUCCESS) {
        qc_ctx_fail(ctx, rv);
        return;
    }
    if (strlen(token) != 43) {
        qc_ctx_fail(ctx, QC_EINPUT);
        return;
    }
    if (!(sp = qc_util_scratch_create())) {
        qc_ctx_fail(ctx, APR_ENOMEM);
        return;
    }
    import_confirm(ctx, sp, token, skip_rejected);
    qc_util_scratch_destroy(sp);
}

/* The current bank as a file to download: Moodle XML, CSV for Excel, or the native XML. */
void qc_page_bank_export(qc_ctx_t *ctx)
{
    const char *format = qc_form_get(ctx->p, ctx->req->query, "dinh-dang");
    const char *errmsg = NULL, *out = NULL;
    apr_size_t len = 0;
    qc_qbank_t *bank;
    apr_status_t rv;
    if (!*format) {
        format = "moodle";
    }
    if (!known_format(format, 0) || !strcmp(format, "gift") || !strcmp(format, "aiken")) {
        qc_ctx_fail(ctx, QC_EINPUT);
        return;
    }
    rv = qc_ctx_contest(ctx);
    if (rv == APR_SUCCESS) {
        rv = qc_qbank_load(ctx->db, ctx->p, ctx->contest->code, &bank, &errmsg);
    }
    if (rv == APR_SUCCESS) {
        rv = qc_qbank_write(ctx->p, bank, format, &out, &len);
    }
    if (rv != APR_SUCCESS) {
        qc_ctx_fail(ctx, rv);
        return;
    }
    ctx->resp->status = 200;
    ctx->resp->body = out;
    ctx->resp->body_len = len;
    ctx->resp->content_type =
        !strcmp(format, "csv") ? "text/csv; charset=utf-8" : "application/xml; charset=utf-8";
    ctx->resp->download_name = apr_pstrcat(ctx->p, ctx->contest->code, "-cau-hoi",
                                           !strcmp(format, "csv")      ? ".csv"
                                           : !strcmp(format, "moodle") ? "-moodle.xml"
                                                                       : ".xml",
                                           NULL);
}

/* ---- one question by hand ------------------------------------------------------------------ */

#define EDIT_CHOICES 6
/* The longest stem, choice or explanation written by hand, in bytes (well within the TEXT
 * columns; a longer text belongs in a file import, where QC_QBANK_MAX_TEXT_BYTES applies). */
#define QC_QFORM_MAX_TEXT 4000

typedef struct {
    const char *topic, *new_topic, *kind, *text, *explanation;
    const char *choice[EDIT_CHOICES];
    int correct[EDIT_CHOICES];
} question_form_t;

/* The form filled from a stored question (id given) or empty. */
static apr_status_t form_from_db(qc_ctx_t *ctx, const char *id, question_form_t *f,
                                 const char **code, const char **summary)
{
    qc_question_t *q;
    apr_status_t rv;
    int i;
    memset(f, 0, sizeof(*f));
    f->kind = "single";
    rv = qc_question_get(ctx->db, ctx->p, ctx->contest->id, id, &q);
    if (rv != APR_SUCCESS) {
        return rv;
    }
    *code = q->code;
    f->topic = q->topic_code;
    f->kind = q->kind;
    f->text = q->text;
    f->explanation = q->explanation;
    *summary = apr_pstrcat(ctx->p, "[", f->kind, "] ", f->text, NULL);
    for (i = 0; i < q->nchoices && i < EDIT_CHOICES; i++) {
        f->choice[i] = q->choices[i].text;
        f->correct[i] = q->choices[i].correct;
        *summary = apr_pstrcat(ctx->p, *summary, "\n", f->correct[i] ? "[x] " : "[ ] ",
                               f->choice[i], NULL);
    }
    return APR_SUCCESS;
}

static void show_question_form(qc_ctx_t *ctx, const char *id, const question_form_t *f,
                               apr_hash_t *errors)
{
    xmlNodePtr root = qc_staff_page(ctx, "staff-question-edit"), form, choices;
    int i;
    if (!root) {
        return;
    }
    form = qc_xml_add(root, "question-form", NULL);
    qc_xml_set(form, "id", id);
#define ERR(name) (errors ? apr_hash_get(errors, name, APR_HASH_KEY_STRING) : NULL)
    qc_ctx_field(form, "chu-de", f->topic, ERR("chu-de"));
    qc_ctx_field(form, "chu-de-moi", f->new_topic, ERR("chu-de-moi"));
    qc_ctx_field(form, "loai", f->kind, ERR("loai"));
    qc_ctx_field(form, "noi-dung", f->text, ERR("noi-dung"));
    qc_ctx_field(form, "giai-thich", f->explanation, ERR("giai-thich"));
    choices = qc_xml_add(form, "choices", NULL);
    qc_xml_set(choices, "error", ERR("dap-an"));
    for (i = 0; i < EDIT_CHOICES; i++) {
        const char *name = apr_psprintf(ctx->p, "lua-chon-%d", i + 1);
        xmlNodePtr c = qc_ctx_field(choices, name, f->choice[i], ERR(name));
        qc_xml_set_int(c, "n", i + 1);
        qc_xml_set(c, "correct", f->correct[i] ? "1" : "0");
    }
#undef ERR
    if (errors && apr_hash_count(errors) > 0) {
        ctx->resp->status = 422;
    }
}

void qc_page_question_form(qc_ctx_t *ctx, const char *id)
{
    question_form_t f;
    const char *code = NULL, *summary = NULL;
    qc_staff_topics_t topics;
    apr_status_t rv = qc_ctx_contest(ctx);
    memset(&f, 0, sizeof(f));
    f.kind = "single";
    if (rv == APR_SUCCESS && id) {
        rv = form_from_db(ctx, id, &f, &code, &summary);
    }
    if (rv == APR_SUCCESS) {
        rv = qc_staff_topics(ctx, &topics);
    }
    if (rv != APR_SUCCESS) {
        qc_ctx_fail(ctx, rv);
        return;
    }
    show_question_form(ctx, id, &f, NULL);
    if (ctx->root) {
        qc_staff_topics_xml(ctx->root, &topics);
    }
}

/* Check the form; errors maps a field to its message key. */
static apr_hash_t *check_question_form(apr_pool_t *p, question_form_t *f)
{
    apr_hash_t *errors = apr_hash_make(p);
    int i, filled = 0, correct = 0, correct_empty = 0;
    /* lengths first, against the columns (qc_topic.title VARCHAR(300), qc_topic.code
     * VARCHAR(64), qc_question.explanation and qc_choice.body TEXT) */
    if (strlen(f->topic) > 64) {
        apr_hash_set(errors, "chu-de", APR_HASH_KEY_STRING, "staff.qform.err.topic");
    }
    else if (qc_utf8_length(f->new_topic) > QC_QBANK_MAX_TOPIC_CHARS) {
        apr_hash_set(errors, "chu-de-moi", APR_HASH_KEY_STRING, "staff.qform.err.topic_long");
    }
    else if (!*f->topic && !*f->new_topic) {
        apr_hash_set(errors, "chu-de", APR_HASH_KEY_STRING, "staff.qform.err.topic");
    }
    if (strlen(f->explanation) > QC_QFORM_MAX_TEXT) {
        apr_hash_set(errors, "giai-thich", APR_HASH_KEY_STRING, "staff.qform.err.explanation_long");
    }
    for (i = 0; i < EDIT_CHOICES; i++) {
        if (strlen(f->choice[i]) > QC_QFORM_MAX_TEXT) {
            apr_hash_set(errors, apr_psprintf(p, "lua-chon-%d", i + 1), APR_HASH_KEY_STRING,
                         "staff.qform.err.choice_long");
        }
    }
    if (strcmp(f->kind, "single") && strcmp(f->kind, "multiple")) {
        apr_hash_set(errors, "loai", APR_HASH_KEY_STRING, "staff.qform.err.kind");
    }
    if (!*f->text) {
        apr_hash_set(errors, "noi-dung", APR_HASH_KEY_STRING, "staff.qform.err.text");
    }
    else if (strlen(f->text) > QC_QFORM_MAX_TEXT) {
        apr_hash_set(errors, "noi-dung", APR_HASH_KEY_STRING, "staff.qform.err.text_long");
    }
    for (i = 0; i < EDIT_CHOICES; i++) {
        if (*f->choice[i]) {
            filled++;
            correct += f->correct[i];
        }
        else if (f->correct[i]) {
            correct_empty = 1;
        }
    }
    if (filled < 2) {
        apr_hash_set(errors, "dap-an", APR_HASH_KEY_STRING, "staff.qform.err.two_choices");
    }
    else if (correct_empty) {
        apr_hash_set(errors, "dap-an", APR_HASH_KEY_STRING, "staff.qform.err.empty_correct");
    }
    else if (correct == 0) {
        apr_hash_set(errors, "dap-an", APR_HASH_KEY_STRING, "staff.qform.err.no_correct");
    }
    else if (!strcmp(f->kind, "single") && correct > 1) {
        apr_hash_set(errors, "dap-an", APR_HASH_KEY_STRING, "staff.qform.err.single_many");
    }
    return errors;
}

void qc_page_question_save(qc_ctx_t *ctx, const char *id)
{
    question_form_t f, old;
    const char *old_code = NULL, *old_summary = NULL, *dberr = NULL, *summary;
    apr_hash_t *errors;
    qc_qquestion_t *q;
    qc_qbank_stats_t stats;
    qc_actor_t actor;
    qc_staff_topics_t topics;
    apr_int64_t question_id = 0;
    apr_status_t rv;
    int i;

    if (!qc_staff_post_ok(ctx)) {
        return;
    }
    rv = qc_ctx_contest(ctx);
    if (rv == APR_SUCCESS && id) {
        rv = form_from_db(ctx, id, &old, &old_code, &old_summary);
    }
    if (rv != APR_SUCCESS) {
        qc_ctx_fail(ctx, rv);
        return;
    }
    memset(&f, 0, sizeof(f));
    f.topic = qc_form_get(ctx->p, ctx->req->form, "chu-de");
    f.new_topic = qc_form_get(ctx->p, ctx->req->form, "chu-de-moi");
    f.kind = qc_form_get(ctx->p, ctx->req->form, "loai");
    f.text = qc_form_get(ctx->p, ctx->req->form, "noi-dung");
    f.explanation = qc_form_get(ctx->p, ctx->req->form, "giai-thich");
    for (i = 0; i < EDIT_CHOICES; i++) {
        f.choice[i] =
            qc_form_get(ctx->p, ctx->req->form, apr_psprintf(ctx->p, "lua-chon-%d", i + 1));
        f.correct[i] =
            *qc_form_get(ctx->p, ctx->req->form, apr_psprintf(ctx->p, "dung-%d", i + 1)) != '\0';
    }
    errors = check_question_form(ctx->p, &f);
    /* read once: the topic chosen must be one of the contest's, and the form shown again
     * lists them */
    rv = qc_staff_topics(ctx, &topics);
    if (rv != APR_SUCCESS) {
        qc_ctx_fail(ctx, rv);
        return;
    }
    if (!apr_hash_get(errors, "chu-de", APR_HASH_KEY_STRING) && *f.topic && !*f.new_topic) {
        for (i = 0; i < topics.n && strcmp(topics.list[i].code, f.topic); i++) {
        }
        if (i == topics.n) {
            apr_hash_set(errors, "chu-de", APR_HASH_KEY_STRING, "staff.qform.err.topic");
        }
    }
    if (apr_hash_count(errors) > 0) {
        show_question_form(ctx, id, &f, errors);
        if (ctx->root) {
            qc_staff_topics_xml(ctx->root, &topics);
        }
        return;
    }

    q = apr_pcalloc(ctx->p, sizeof(*q));
    q->kind = f.kind;
    q->text = f.text;
    q->explanation = f.explanation;
    if (*f.new_topic) {
        q->topic_title = f.new_topic;
        q->topic_code = NULL;
    }
    else {
        q->topic_code = f.topic;
        q->topic_title = "";
    }
    q->choices = apr_array_make(ctx->p, EDIT_CHOICES, sizeof(qc_qchoice_t));
    summary = apr_pstrcat(ctx->p, "[", f.kind, "] ", f.text, NULL);
    for (i = 0; i < EDIT_CHOICES; i++) {
        if (*f.choice[i]) {
            qc_qchoice_t *c = apr_array_push(q->choices);
            c->text = f.choice[i];
            c->correct = f.correct[i];
            summary =
                apr_pstrcat(ctx->p, summary, "\n", c->correct ? "[x] " : "[ ] ", c->text, NULL);
        }
    }
    q->line = 1;
    /* an edit keeps the question's code (a new version); a new question gets a new code */
    q->code = id ? old_code
                 : apr_pstrcat(ctx->p, "web-",
                               apr_pstrndup(ctx->p, qc_util_random_token(ctx->p), 10), NULL);
    qc_staff_actor(ctx, &actor);
    rv = qc_qbank_save_question(ctx->db, ctx->p, ctx->contest->code, q, &actor,
                                id ? "question.edit" : "question.create", id ? old_summary : NULL,
                                summary, &stats, &question_id, &dberr);
    if (rv != APR_SUCCESS) {
        if (dberr) {
            qc_log(QC_LOG_MARK, QC_LOG_ERR, rv, "QC00504: storing question %s of contest %s: %s",
                   q->code, ctx->req->cfg->contest_code, dberr);
        }
        qc_ctx_fail(ctx, rv);
        return;
    }
    qc_ctx_redirect(
        ctx, apr_pstrcat(ctx->p, "cau-hoi/", qc_util_i64(ctx->p, question_id), "?da-luu=1", NULL));
}

/* ---- routing ------------------------------------------------------------------------------- */
