/* The secretariat's pages about the contest itself: the definition file (download; upload
 * with validation, a preview of what changes and a confirmation), the settings form, and a
 * contestant's password reset. Every change is written to the audit log in the transaction
 * that makes it. Its routes are in qc_router.c. */
#include <stdio.h>
#include <string.h>
#include <apr_strings.h>
#include "qc_account.h"
#include "qc_ctx.h"
#include "qc_pages.h"
#include "qc_audit.h"
#include "qc_definition.h"
#include "qc_definition_store.h"
#include "qc_form.h"
#include "qc_log.h"
#include "qc_multipart.h"
#include "qc_password_reset.h"
#include "qc_staging.h"
#include "qc_status.h"
#include "qc_time.h"
#include "qc_utf8.h"
#include "qc_util.h"
#include "qc_validate.h"
#include "qc_xml.h"

/* The name an upload carries in the validation messages ("tep-tai-len:12: ..."). */
#define UPLOAD_NAME "tep-tai-len"

static int attempts_count(qc_ctx_t *ctx, apr_int64_t *n)
{
    apr_status_t rv = qc_contest_attempt_count(ctx->db, ctx->p, ctx->contest->id, n);
    if (rv != APR_SUCCESS) {
        qc_ctx_fail(ctx, rv);
        return 0;
    }
    return 1;
}

/* ==== the definition file ==================================================================== */

/* The validator's "name:line: message" lines as <error line=..>message</error>. */
static void add_errors(xmlNodePtr parent, apr_pool_t *p, const char *errmsg)
{
    xmlNodePtr errors = qc_xml_add(parent, "errors", NULL);
    char *copy = apr_pstrdup(p, errmsg ? errmsg : ""), *last = NULL, *line;
    for (line = apr_strtok(copy, "\n", &last); line; line = apr_strtok(NULL, "\n", &last)) {
        const char *msg = line, *number = NULL;
        if (!strncmp(line, UPLOAD_NAME ":", sizeof(UPLOAD_NAME))) {
            char *at = line + sizeof(UPLOAD_NAME), *end = at;
            while (*end >= '0' && *end <= '9') {
                end++;
            }
            if (end > at && *end == ':') {
                number = apr_pstrndup(p, at, (apr_size_t)(end - at));
                msg = end + 1;
                while (*msg == ' ') {
                    msg++;
                }
            }
            else {
                msg = line + sizeof(UPLOAD_NAME);
            }
        }
        qc_xml_set(qc_xml_add(errors, "error", msg), "line", number);
    }
}

static xmlNodePtr definition_page(qc_ctx_t *ctx)
{
    xmlNodePtr root = qc_staff_page(ctx, "staff-definition"), d;
    if (!root) {
        return NULL;
    }
    d = qc_xml_add(root, "definition", NULL);
    qc_xml_set(d, "code", ctx->contest->code);
    qc_xml_set(d, "file", apr_pstrcat(ctx->p, ctx->contest->code, ".xml", NULL));
    return root;
}

void qc_page_definition(qc_ctx_t *ctx)
{
    xmlNodePtr root = definition_page(ctx);
    if (root && *qc_form_get(ctx->p, ctx->req->query, "da-nhap")) {
        qc_xml_add(root, "notice", "staff.def.imported");
    }
}

void qc_page_definition_download(qc_ctx_t *ctx)
{
    qc_definition_t *def;
    apr_size_t len = 0;
    apr_status_t rv = qc_ctx_contest(ctx);
    if (rv == APR_SUCCESS) {
        rv = qc_definition_fetch(ctx->db, ctx->p, ctx->contest->code, &def);
    }
    if (rv != APR_SUCCESS) {
        qc_ctx_fail(ctx, rv);
        return;
    }
    ctx->resp->status = 200;
    ctx->resp->body = qc_definition_write(ctx->p, def, &len);
    ctx->resp->body_len = len;
    ctx->resp->content_type = "application/xml; charset=utf-8";
    ctx->resp->download_name = apr_pstrcat(ctx->p, ctx->contest->code, ".xml", NULL);
}

/* Parse an upload and check it belongs to this location's contest. On refusal the page
 * (already begun as `root`) lists why, with status 422, and 0 is returned. */
static int parse_upload(qc_ctx_t *ctx, xmlNodePtr section, const char *data, apr_size_t len,
                        qc_definition_t **def)
{
    const char *errmsg = NULL;
    if (qc_definition_parse_memory(ctx->p, UPLOAD_NAME, data, len, def, &errmsg) != APR_SUCCESS) {
        ctx->resp->status = 422;
        qc_xml_set(section, "error", "staff.def.err.invalid");
        add_errors(section, ctx->p, errmsg);
        return 0;
    }
    if (strcmp((*def)->code, ctx->contest->code)) {
        ctx->resp->status = 422;
        qc_xml_set(section, "error", "staff.def.err.code");
        qc_xml_set(section, "file-code", (*def)->code);
        return 0;
    }
    return 1;
}

static void add_changes(qc_ctx_t *ctx, xmlNodePtr parent, const qc_definition_t *before,
                        const qc_definition_t *after)
{
    apr_array_header_t *changes = qc_definition_changes(ctx->p, before, after);
    xmlNodePtr list = qc_xml_add(parent, "changes", NULL);
    int i;
    qc_xml_set_int(list, "count", changes->nelts);
    for (i = 0; i < changes->nelts; i++) {
        const qc_def_change_t *c = &APR_ARRAY_IDX(changes, i, qc_def_change_t);
        xmlNodePtr e = qc_xml_add(list, "change", NULL);
        qc_xml_set(e, "setting", c->setting);
        qc_xml_add(e, "before", c->before);
        qc_xml_add(e, "after", c->after);
    }
}

/* The changes as two texts for the audit log: "setting: value" lines before and after. */
static void changes_text(apr_pool_t *p, const qc_definition_t *before, const qc_definition_t *after,
                         const char **b, const char **a)
{
    apr_array_header_t *changes = qc_definition_changes(p, before, after);
    const char *tb = "", *ta = "";
    int i;
    for (i = 0; i < changes->nelts; i++) {
        const qc_def_change_t *c = &APR_ARRAY_IDX(changes, i, qc_def_change_t);
        tb = apr_pstrcat(p, tb, *tb ? "\n" : "", c->setting, ": ", c->before, NULL);
        ta = apr_pstrcat(p, ta, *ta ? "\n" : "", c->setting, ": ", c->after, NULL);
    }
    *b = tb;
    *a = ta;
}

/* Step 1: an uploaded file is validated; when it is good, it waits in the staging table and
 * the page shows what would change, with the confirmation form. Nothing is stored yet. */
void qc_page_definition_upload(qc_ctx_t *ctx)
{
    const qc_upload_t *up = NULL;
    qc_definition_t *def, *current;
    xmlNodePtr root, section, preview;
    const char *token;
    qc_actor_t actor;
    apr_int64_t attempts = 0;
    apr_status_t rv;
    int i;
    if (!qc_staff_post_ok(ctx) || !(root = definition_page(ctx))) {
        return;
    }
    section = qc_xml_add(root, "import", NULL);
    for (i = 0; ctx->req->uploads && i < ctx->req->uploads->nelts; i++) {
        const qc_upload_t *u = &APR_ARRAY_IDX(ctx->req->uploads, i, qc_upload_t);
        if (!strcmp(u->field, "tep")) {
            up = u;
        }
    }
    if (!up || up->len == 0) {
        ctx->resp->status = 422;
        qc_xml_set(section, "error", "staff.def.err.nofile");
        return;
    }
    if (qc_utf8_length(up->filename) > QC_STAGING_MAX_FILENAME) {
        ctx->resp->status = 422;
        qc_xml_set(section, "error", "staff.def.err.filename_long");
        return;
    }
    qc_xml_set(section, "filename", up->filename);
    if (!parse_upload(ctx, section, up->data, up->len, &def)) {
        return;
    }
    rv = qc_definition_fetch(ctx->db, ctx->p, ctx->contest->code, &current);
    if (rv == APR_SUCCESS && !attempts_count(ctx, &attempts)) {
        return;
    }
    qc_staff_actor(ctx, &actor);
    if (rv == APR_SUCCESS) {
        rv = qc_staging_put(ctx->db, ctx->p, ctx->contest->id, actor.user, "contest", up->filename,
                            up->data, up->len, &token);
    }
    if (rv != APR_SUCCESS) {
        qc_ctx_fail(ctx, rv);
        return;
    }
    preview = qc_xml_add(section, "preview", NULL);
    qc_xml_set(preview, "token", token);
    qc_xml_set_int(preview, "attempts", attempts);
    qc_xml_set_int(preview, "rounds", def->rounds->nelts);
    qc_xml_set_int(preview, "units", def->units->nelts);
    add_changes(ctx, preview, current, def);
}

/* Step 2: the confirmed file is validated again and stored with its audit entry in one
 * transaction. */
void qc_page_definition_confirm(qc_ctx_t *ctx)
{
    const char *token = qc_form_get(ctx->p, ctx->req->form, "token"), *id = NULL;
    const char *before_text, *after_text;
    qc_definition_t *def, *current;
    qc_staged_t *staged = NULL;
    qc_actor_t actor;
    xmlNodePtr root, section;
    apr_status_t rv;
    if (!qc_staff_post_ok(ctx) || !(root = definition_page(ctx))) {
        return;
    }
    section = qc_xml_add(root, "import", NULL);
    rv = qc_staging_get(ctx->db, ctx->p, ctx->contest->id, token, &staged);
    if (rv == QC_ENOTFOUND || (rv == APR_SUCCESS && strcmp(staged->format, "contest"))) {
        ctx->resp->status = 422;
        qc_xml_set(section, "error", "staff.def.err.expired");
        return;
    }
    if (rv == APR_SUCCESS) {
        qc_xml_set(section, "filename", staged->filename);
        if (!parse_upload(ctx, section, staged->content, staged->len, &def)) {
            return;
        }
        rv = qc_definition_fetch(ctx->db, ctx->p, ctx->contest->code, &current);
    }
    qc_staff_actor(ctx, &actor);
    if (rv == APR_SUCCESS) {
        changes_text(ctx->p, current, def, &before_text, &after_text);
        rv = qc_definition_import(
            ctx->db, ctx->p, def, token, &actor,
            apr_pstrcat(ctx->p, ctx->contest->code, " (", staged->filename, ")", NULL), before_text,
            after_text, &id);
        if (rv == QC_ECONFLICT) {
            ctx->resp->status = 422;
            qc_xml_set(section, "error", "staff.def.err.expired");
            return;
        }
    }
    if (rv != APR_SUCCESS) {
        qc_ctx_fail(ctx, rv);
        return;
    }
    qc_log(QC_LOG_MARK, QC_LOG_INFO, 0, "QC00553: contest %s: definition imported by %s",
           ctx->contest->code, actor.user);
    qc_ctx_redirect(ctx, "dinh-nghia?da-nhap=1");
}

/* ==== the settings form ====================================================================== */

/* The fields of the form, in order. */
static const char *const setting_fields[] = {
    "title",      "theme",    "organiser", "rules",  "opens",   "closes",     "questions",
    "time_limit", "attempts", "grace",     "reveal", "counted", "prediction", NULL};

typedef qc_contest_settings_t settings_t;

static apr_size_t chars(const char *s)
{
    apr_size_t n = 0;
    for (; *s; s++) {
        n += ((unsigned char)*s & 0xC0) != 0x80;
    }
    return n;
}

/* "dd/mm/yyyy HH:MM" (one-digit day, month or hour allowed; 24:00 is the next midnight),
 * local to tz. */
static int parse_local(apr_pool_t *p, const char *s, int tz, apr_int64_t *ms)
{
    int d, m, y, h, mi, n = 0;
    const char *c;
    for (c = s; *c; c++) {
        if (!((*c >= '0' && *c <= '9') || *c == '/' || *c == ':' || *c == ' ')) {
            return 0;
        }
    }
    if (sscanf(s, "%2d/%2d/%4d %2d:%2d%n", &d, &m, &y, &h, &mi, &n) != 5 || s[n] != '\0' ||
        y < 2000) {
        return 0;
    }
    return qc_time_parse_local(apr_psprintf(p, "%04d-%02d-%02d %02d:%02d", y, m, d, h, mi), tz,
                               ms) == APR_SUCCESS;
}

static const char *minutes_text(apr_pool_t *p, int seconds)
{
    return seconds % 60 ? apr_psprintf(p, "%.2f", seconds / 60.0) : apr_itoa(p, seconds / 60);
}

/* The form's name of a round's date: round_<seq>_opens, round_<seq>_closes. */
static const char *round_field(apr_pool_t *p, const qc_round_t *r, const char *which)
{
    return apr_psprintf(p, "round_%d_%s", r->seq, which);
}

/* A round's date from the form: absent (a form without the rounds) or as shown keeps the
 * stored instant; otherwise "dd/mm/yyyy HH:MM" in the contest's time zone. 0 on an error
 * (set in errors). *changed says whether it differs from the stored one. */
static int round_date(qc_ctx_t *ctx, apr_table_t *errors, const apr_table_t *form,
                      const qc_round_t *r, int closes, apr_int64_t *ms, int *changed)
{
    const qc_contest_t *c = ctx->contest;
    const char *name = round_field(ctx->p, r, closes ? "closes" : "opens");
    const char *v = apr_table_get(form, name);
    apr_int64_t stored = closes ? r->closes_ms : r->opens_ms;
    const char *shown = closes ? qc_time_format_local_end(ctx->p, stored, c->tz_offset_min)
                               : qc_time_format_local(ctx->p, stored, c->tz_offset_min);
    *ms = stored;
    if (!v || !strcmp(v, shown)) {
        return 1;
    }
    if (!*v) {
        apr_table_setn(errors, name, "staff.settings.err.required");
        return 0;
    }
    if (!parse_local(ctx->p, v, c->tz_offset_min, ms)) {
        apr_table_setn(errors, name, "staff.settings.err.datetime");
        return 0;
    }
    *changed |= *ms != stored;
    return 1;
}

/* The rounds' dates: each parsed, then the definition loader's rules
 * (qc_definition_rounds_check) with the window as posted. A round whose dates were not
 * changed and no longer fit the window puts the message on the window's field (the window
 * moved); a changed one, on its own. */
static void validate_rounds(qc_ctx_t *ctx, apr_table_t *errors, const apr_table_t *form,
                            settings_t *s, int window_ok)
{
    const qc_contest_t *c = ctx->contest;
    int n = c->rounds->nelts, i, all_ok = 1, any_changed = 0, which, other;
    apr_int64_t *opens = apr_pcalloc(ctx->p, sizeof(*opens) * (apr_size_t)(n + 1));
    apr_int64_t *closes = apr_pcalloc(ctx->p, sizeof(*closes) * (apr_size_t)(n + 1));
    const char **ids = apr_pcalloc(ctx->p, sizeof(*ids) * (apr_size_t)(n + 1));
    int *changed = apr_pcalloc(ctx->p, sizeof(*changed) * (apr_size_t)(n + 1));
    for (i = 0; i < n; i++) {
        const qc_round_t *r = &APR_ARRAY_IDX(c->rounds, i, qc_round_t);
        ids[i] = r->id;
        all_ok &= round_date(ctx, errors, form, r, 0, &opens[i], &changed[i]);
        all_ok &= round_date(ctx, errors, form, r, 1, &closes[i], &changed[i]);
        any_changed |= changed[i];
    }
    if (any_changed) {
        s->nrounds = n;
        s->round_ids = ids;
        s->round_opens_ms = opens;
        s->round_closes_ms = closes;
    }
    if (!all_ok || !window_ok) {
        return;
    }
    for (i = 0; i < n; i++) {
        const qc_round_t *r = &APR_ARRAY_IDX(c->rounds, i, qc_round_t);
        if (closes[i] <= opens[i]) {
            apr_table_setn(errors, round_field(ctx->p, r, "closes"),
                           "staff.settings.err.round_closes_before_opens");
            return;
        }
        if (opens[i] < s->opens_ms) {
            apr_table_setn(errors, changed[i] ? round_field(ctx->p, r, "opens") : "opens",
                           changed[i] ? "staff.settings.err.round_outside"
                                      : "staff.settings.err.round_before");
        }
        if (closes[i] > s->closes_ms) {
            apr_table_setn(errors, changed[i] ? round_field(ctx->p, r, "closes") : "closes",
                           changed[i] ? "staff.settings.err.round_outside"
                                      : "staff.settings.err.round_after");
        }
    }
    if (!apr_is_empty_table(errors)) {
        return;
    }
    switch (qc_definition_rounds_check(opens, closes, n, s->opens_ms, s->closes_ms, &which,
                                       &other)) {
    case QC_ROUNDS_OK:
        break;
    case QC_ROUNDS_CLOSES_BEFORE_OPENS:
        apr_table_setn(errors,
                       round_field(ctx->p, &APR_ARRAY_IDX(c->rounds, which, qc_round_t), "closes"),
                       "staff.settings.err.round_closes_before_opens");
        break;
    case QC_ROUNDS_OUTSIDE_WINDOW:
        apr_table_setn(errors,
                       round_field(ctx->p, &APR_ARRAY_IDX(c->rounds, which, qc_round_t), "opens"),
                       "staff.settings.err.round_outside");
        break;
    case QC_ROUNDS_ORDER:
        apr_table_setn(errors,
                       round_field(ctx->p, &APR_ARRAY_IDX(c->rounds, which, qc_round_t), "opens"),
                       "staff.settings.err.round_order");
        break;
    case QC_ROUNDS_OVERLAP:
    default:
        /* the message goes on the round that moved (the later one when both did) */
        if (changed[other] && !changed[which]) {
            which = other;
        }
        apr_table_setn(errors,
                       round_field(ctx->p, &APR_ARRAY_IDX(c->rounds, which, qc_round_t), "opens"),
                       "staff.settings.err.round_overlap");
        break;
    }
}

/* The values the form shows for the contest as it is. */
static apr_table_t *current_values(qc_ctx_t *ctx)
{
    const qc_contest_t *c = ctx->contest;
    apr_table_t *t = apr_table_make(ctx->p, 16);
    apr_table_setn(t, "title", c->title);
    apr_table_setn(t, "theme", c->theme);
    apr_table_setn(t, "organiser", c->organiser);
    apr_table_setn(t, "rules", c->rules_text);
    apr_table_setn(t, "opens", qc_time_format_local(ctx->p, c->opens_ms, c->tz_offset_min));
    apr_table_setn(t, "closes", qc_time_format_local_end(ctx->p, c->closes_ms, c->tz_offset_min));
    apr_table_setn(t, "questions", apr_itoa(ctx->p, c->questions_per_attempt));
    apr_table_setn(t, "time_limit", minutes_text(ctx->p, c->time_limit_s));
    apr_table_setn(t, "attempts", apr_itoa(ctx->p, c->attempts_per_round));
    apr_table_setn(t, "grace", apr_itoa(ctx->p, c->grace_s));
    apr_table_setn(t, "reveal", c->reveal_answers);
    apr_table_setn(t, "counted", c->counted_attempt);
    apr_table_setn(t, "prediction", c->prediction_question);
    return t;
}

static int int_field(apr_table_t *errors, const apr_table_t *form, apr_pool_t *p, const char *name,
                     int min, int max, const char *key, int *out)
{
    apr_int64_t v;
    const char *s = qc_form_get(p, form, name);
    if (!*s) {
        apr_table_setn(errors, name, "staff.settings.err.required");
        return 0;
    }
    if (qc_util_parse_int64(s, min, max, &v) != APR_SUCCESS) {
        apr_table_setn(errors, name, key);
        return 0;
    }
    *out = (int)v;
    return 1;
}

/* Browsers send a textarea's line ends as CRLF; the contest keeps LF. */
static const char *lf(apr_pool_t *p, const char *s)
{
    char *out = apr_pstrdup(p, s), *o = out;
    for (; *s; s++) {
        if (!(*s == '\r' && s[1] == '\n')) {
            *o++ = *s == '\r' ? '\n' : *s;
        }
    }
    *o = '\0';
    return out;
}

static void text_field(apr_table_t *errors, const apr_table_t *form, apr_pool_t *p,
                       const char *name, apr_size_t max, int required, const char *long_key,
                       const char **out)
{
    *out = lf(p, qc_form_get(p, form, name));
    if (required && !**out) {
        apr_table_setn(errors, name, "staff.settings.err.required");
    }
    else if (chars(*out) > max) {
        apr_table_setn(errors, name, long_key);
    }
}

/* Check every field; *errors maps field names to message keys (empty when all are good). */
static apr_table_t *validate_settings(qc_ctx_t *ctx, const apr_table_t *form, settings_t *s)
{
    const qc_contest_t *c = ctx->contest;
    apr_table_t *errors = apr_table_make(ctx->p, 8);
    const char *v;
    int opens_ok = 0, closes_ok = 0;

    text_field(errors, form, ctx->p, "title", 300, 1, "staff.settings.err.title_long", &s->title);
    text_field(errors, form, ctx->p, "theme", 300, 0, "staff.settings.err.text_long_300",
               &s->theme);
    text_field(errors, form, ctx->p, "organiser", 300, 0, "staff.settings.err.text_long_300",
               &s->organiser);
    text_field(errors, form, ctx->p, "rules", 20000, 0, "staff.settings.err.rules_long", &s->rules);
    text_field(errors, form, ctx->p, "prediction", 500, 0, "staff.settings.err.prediction_long",
               &s->prediction);
    v = qc_form_get(ctx->p, form, "opens");
    if (!*v) {
        apr_table_setn(errors, "opens", "staff.settings.err.required");
    }
    else if (!strcmp(v, qc_time_format_local(ctx->p, c->opens_ms, c->tz_offset_min))) {
        s->opens_ms = c->opens_ms; /* unchanged, even when the seconds are not zero */
        opens_ok = 1;
    }
    else if (!(opens_ok = parse_local(ctx->p, v, c->tz_offset_min, &s->opens_ms))) {
        apr_table_setn(errors, "opens", "staff.settings.err.datetime");
    }
    v = qc_form_get(ctx->p, form, "closes");
    if (!*v) {
        apr_table_setn(errors, "closes", "staff.settings.err.required");
    }
    else if (!strcmp(v, qc_time_format_local_end(ctx->p, c->closes_ms, c->tz_offset_min))) {
        s->closes_ms = c->closes_ms;
        closes_ok = 1;
    }
    else if (!(closes_ok = parse_local(ctx->p, v, c->tz_offset_min, &s->closes_ms))) {
        apr_table_setn(errors, "closes", "staff.settings.err.datetime");
    }
    if (opens_ok && closes_ok) {
        if (s->closes_ms <= s->opens_ms) {
            apr_table_setn(errors, "closes", "staff.settings.err.closes_before_opens");
            opens_ok = 0;
        }
    }
    validate_rounds(ctx, errors, form, s, opens_ok && closes_ok);
    int_field(errors, form, ctx->p, "questions", 1, 200, "staff.settings.err.questions",
              &s->questions);
    v = qc_form_get(ctx->p, form, "time_limit");
    if (*v && !strcmp(v, minutes_text(ctx->p, c->time_limit_s))) {
        s->time_limit_s = c->time_limit_s; /* unchanged, even when not whole minutes */
    }
    else if (int_field(errors, form, ctx->p, "time_limit", 1, 600, "staff.settings.err.time_limit",
                       &s->time_limit_s)) {
        s->time_limit_s *= 60;
    }
    int_field(errors, form, ctx->p, "attempts", 1, 100, "staff.settings.err.attempts",
              &s->attempts);
    int_field(errors, form, ctx->p, "grace", 0, 120, "staff.settings.err.grace", &s->grace_s);
    s->reveal = qc_form_get(ctx->p, form, "reveal");
    if (strcmp(s->reveal, "never") && strcmp(s->reveal, "after_submit") &&
        strcmp(s->reveal, "after_round")) {
        apr_table_setn(errors, "reveal", "staff.settings.err.choice");
    }
    s->counted = qc_form_get(ctx->p, form, "counted");
    if (strcmp(s->counted, "best") && strcmp(s->counted, "first") && strcmp(s->counted, "last")) {
        apr_table_setn(errors, "counted", "staff.settings.err.choice");
    }
    return errors;
}

/* The changed settings as "name: value" lines, before and after. */
static int settings_diff(qc_ctx_t *ctx, const settings_t *s, const char **before,
                         const char **after)
{
    const qc_contest_t *c = ctx->contest;
    int tz = c->tz_offset_min, n = 0;
    struct {
        const char *name, *old, *now;
    } rows[] = {
        {"title", c->title, s->title},
        {"theme", c->theme, s->theme},
        {"organiser", c->organiser, s->organiser},
        {"rules", c->rules_text, s->rules},
        {"window.opens", qc_time_format_local(ctx->p, c->opens_ms, tz),
         qc_time_format_local(ctx->p, s->opens_ms, tz)},
        {"window.closes", qc_time_format_local_end(ctx->p, c->closes_ms, tz),
         qc_time_format_local_end(ctx->p, s->closes_ms, tz)},
        {"quiz.questions", apr_itoa(ctx->p, c->questions_per_attempt),
         apr_itoa(ctx->p, s->questions)},
        {"quiz.time-limit-s", apr_itoa(ctx->p, c->time_limit_s), apr_itoa(ctx->p, s->time_limit_s)},
        {"quiz.attempts-per-round", apr_itoa(ctx->p, c->attempts_per_round),
         apr_itoa(ctx->p, s->attempts)},
        {"quiz.grace-s", apr_itoa(ctx->p, c->grace_s), apr_itoa(ctx->p, s->grace_s)},
        {"quiz.reveal-answers", c->reveal_answers, s->reveal},
        {"quiz.counted-attempt", c->counted_attempt, s->counted},
        {"prediction", c->prediction_question, s->prediction},
    };
    const char *b = "", *a = "";
    apr_size_t i;
    int k;
    for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
        if (strcmp(rows[i].old ? rows[i].old : "", rows[i].now)) {
            b = apr_pstrcat(ctx->p, b, *b ? "\n" : "", rows[i].name, ": ", rows[i].old, NULL);
            a = apr_pstrcat(ctx->p, a, *a ? "\n" : "", rows[i].name, ": ", rows[i].now, NULL);
            n++;
        }
    }
    for (k = 0; k < s->nrounds; k++) {
        const qc_round_t *r = &APR_ARRAY_IDX(c->rounds, k, qc_round_t);
        const char *was = apr_pstrcat(ctx->p, qc_time_format_local(ctx->p, r->opens_ms, tz), " – ",
                                      qc_time_format_local_end(ctx->p, r->closes_ms, tz), NULL);
        const char *now = apr_pstrcat(
            ctx->p, qc_time_format_local(ctx->p, s->round_opens_ms[k], tz), " – ",
            qc_time_format_local_end(ctx->p, s->round_closes_ms[k], tz), NULL);
        if (strcmp(was, now)) {
            const char *name = apr_psprintf(ctx->p, "round %d (%s)", r->seq, r->title);
            b = apr_pstrcat(ctx->p, b, *b ? "\n" : "", name, ": ", was, NULL);
            a = apr_pstrcat(ctx->p, a, *a ? "\n" : "", name, ": ", now, NULL);
            n++;
        }
    }
    *before = b;
    *after = a;
    return n;
}

void qc_page_settings(qc_ctx_t *ctx)
{
    xmlNodePtr root, settings, form;
    const apr_table_t *values = NULL;
    apr_table_t *errors = NULL;
    apr_int64_t attempts = 0;
    int posted = !strcmp(ctx->req->method, "POST"), scoring_warning = 0, i;
    settings_t s;

    if (posted && !qc_staff_post_ok(ctx)) {
        return;
    }
    if (!(root = qc_staff_page(ctx, "staff-contest")) || !attempts_count(ctx, &attempts)) {
        return;
    }
    if (posted) {
        const qc_contest_t *c = ctx->contest;
        const char *before, *after;
        int scoring;
        memset(&s, 0, sizeof(s));
        values = ctx->req->form;
        errors = validate_settings(ctx, ctx->req->form, &s);
        scoring = apr_is_empty_table(errors) &&
                  (s.questions != c->questions_per_attempt || s.time_limit_s != c->time_limit_s ||
                   s.attempts != c->attempts_per_round || strcmp(s.counted, c->counted_attempt));
        if (scoring && attempts > 0 &&
            strcmp(qc_form_get(ctx->p, ctx->req->form, "confirm"), "1")) {
            scoring_warning = 1;
        }
        if (apr_is_empty_table(errors) && !scoring_warning) {
            qc_actor_t actor;
            apr_status_t rv = APR_SUCCESS;
            if (settings_diff(ctx, &s, &before, &after) > 0) {
                qc_staff_actor(ctx, &actor);
                rv = qc_contest_update_settings(
                    ctx->db, ctx->p, c->id, &s, &actor,
                    scoring ? apr_pstrcat(ctx->p, c->code, " (scoring rules)", NULL) : c->code,
                    before, after);
            }
            if (rv != APR_SUCCESS) {
                qc_ctx_fail(ctx, rv);
                return;
            }
            qc_ctx_redirect(ctx, "cuoc-thi?da-luu=1");
            return;
        }
        ctx->resp->status = 422;
    }
    else {
        values = current_values(ctx);
    }
    settings = qc_xml_add(root, "settings", NULL);
    qc_xml_set_int(settings, "attempts", attempts);
    qc_xml_set(settings, "tz", "Asia/Ho_Chi_Minh");
    if (!posted && *qc_form_get(ctx->p, ctx->req->query, "da-luu")) {
        qc_xml_add(root, "notice", "staff.settings.saved");
    }
    form = qc_xml_add(settings, "form", NULL);
    if (scoring_warning) {
        qc_xml_set(form, "warning", "staff.settings.warn.scoring");
        qc_xml_set_int(form, "warning-attempts", attempts);
    }
    for (i = 0; setting_fields[i]; i++) {
        const char *name = setting_fields[i];
        const char *value =
            posted ? qc_form_get(ctx->p, values, name) : apr_table_get(values, name);
        qc_ctx_field(form, name, value, errors ? apr_table_get(errors, name) : NULL);
    }
    for (i = 0; i < ctx->contest->rounds->nelts; i++) {
        const qc_round_t *r = &APR_ARRAY_IDX(ctx->contest->rounds, i, qc_round_t);
        const char *which[] = {"opens", "closes"};
        int k;
        for (k = 0; k < 2; k++) {
            const char *name = round_field(ctx->p, r, which[k]);
            const char *value = posted ? apr_table_get(values, name) : NULL;
            xmlNodePtr f;
            if (!value) {
                /* not posted (or a GET): the round as it is */
                value = k ? qc_time_format_local_end(ctx->p, r->closes_ms,
                                                     ctx->contest->tz_offset_min)
                          : qc_time_format_local(ctx->p, r->opens_ms, ctx->contest->tz_offset_min);
            }
            f = qc_ctx_field(form, name, value, errors ? apr_table_get(errors, name) : NULL);
            qc_xml_set_int(f, "round", r->seq);
            qc_xml_set(f, "round-title", r->title);
            qc_xml_set(f, "date", which[k]);
        }
    }
}

/* ==== contestants: find by phone, reset the password ========================================= */

static void add_contestant(qc_ctx_t *ctx, xmlNodePtr parent, const qc_account_found_t *a)
{
    xmlNodePtr c = qc_xml_add(parent, "contestant", NULL);
    qc_xml_set(c, "id", a->id);
    qc_xml_set(c, "phone", a->phone);
    qc_xml_set(c, "attempts", a->attempts);
    if (a->registered_ms >= 0) {
        qc_ctx_set_time(ctx, c, "registered", a->registered_ms);
    }
    qc_xml_add(c, "name", a->full_name);
    qc_xml_add(c, "unit", a->unit_name);
    if (a->group_title) {
        qc_xml_add(c, "group", a->group_title);
    }
}

void qc_page_contestant_search(qc_ctx_t *ctx)
{
    xmlNodePtr root = qc_staff_page(ctx, "staff-contestant"), search;
    const char *phone = qc_form_get(ctx->p, ctx->req->query, "sdt"), *canonical = NULL, *key;
    qc_account_found_t *found;
    apr_status_t rv;
    if (!root) {
        return;
    }
    search = qc_xml_add(root, "search", NULL);
    qc_ctx_field(search, "sdt", phone, NULL);
    if (!*phone) {
        return;
    }
    if ((key = qc_validate_phone(ctx->p, phone, &canonical)) != NULL) {
        ctx->resp->status = 422;
        qc_xml_set(search->children, "error", key);
        return;
    }
    rv = qc_account_find_by_phone(ctx->db, ctx->p, ctx->contest->id, canonical, &found);
    if (rv == QC_ENOTFOUND) {
        ctx->resp->status = 404;
        qc_xml_set(search, "none", canonical);
        return;
    }
    if (rv != APR_SUCCESS) {
        qc_ctx_fail(ctx, rv);
        return;
    }
    add_contestant(ctx, root, found);
}

void qc_page_contestant_password_reset(qc_ctx_t *ctx, const char *id)
{
    xmlNodePtr root, reset;
    qc_reset_target_t to;
    qc_actor_t actor;
    qc_account_found_t *found;
    const char *password = NULL;
    int show = 0;
    apr_status_t rv;
    if (!qc_staff_post_ok(ctx) || !(root = qc_staff_page(ctx, "staff-contestant"))) {
        return;
    }
    rv = qc_account_find_by_id(ctx->db, ctx->p, ctx->contest->id, id, &found);
    if (rv == APR_SUCCESS) {
        to.contestant_id = found->id;
        to.full_name = found->full_name;
        to.phone = found->phone;
        qc_staff_actor(ctx, &actor);
        rv = qc_reset_password(ctx->db, ctx->p, ctx->contest->id, &to, ctx->req->cfg->bcrypt_cost,
                               &actor, &qc_reset_sender_secretariat, &password, &show);
    }
    if (rv != APR_SUCCESS) {
        qc_ctx_fail(ctx, rv);
        return;
    }
    qc_log(QC_LOG_MARK, QC_LOG_INFO, 0,
           "QC00554: contest %s: %s reset the password of "
           "contestant %s",
           ctx->contest->code, actor.user, to.contestant_id);
    add_contestant(ctx, root, found);
    reset = qc_xml_add(root, "reset", NULL);
    qc_xml_set(reset, "sender", qc_reset_sender_secretariat.name);
    if (show) {
        qc_xml_set(reset, "password", password);
    }
}

