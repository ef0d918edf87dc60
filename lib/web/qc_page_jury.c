/* Jury-scored parts, the video-clip contest: the unit area (a unit submits or replaces its one
 * entry), the jury area (each judge scores every entry alone), the secretariat's pages (every
 * entry, reject with a reason, committee order for ties, close judging, publish) and the
 * public gallery. The rules: qc_jury.h. */
#include <string.h>
#include <apr_file_io.h>
#include <apr_strings.h>
#include "qc_ctx.h"
#include "qc_pages.h"
#include "qc_jury.h"
#include "qc_form.h"
#include "qc_log.h"
#include "qc_status.h"
#include "qc_time.h"
#include "qc_utf8.h"
#include "qc_util.h"
#include "qc_xml.h"

typedef struct {
    const char *title, *unit_kind;
    apr_int64_t deadline_ms, now_ms, max_bytes, closed_ms, published_ms;
    int drop_extremes;
    qc_rows_t *criteria, *prizes;
} clip_part_t;

/* An error page with a message of this file's block of messages.xml. */
static void refuse(qc_ctx_t *ctx, int status, const char *key)
{
    qc_app_error(ctx->req, ctx->resp, status, key);
}

static apr_status_t load_part(qc_ctx_t *ctx, clip_part_t **out)
{
    clip_part_t *c;
    qc_rows_t *rows;
    apr_status_t rv = qc_ctx_contest(ctx);
    if (rv == APR_SUCCESS) {
        rv = qc_db_select(ctx->db, ctx->p, "qc_clip_part_get", QC_ARGS(ctx->contest->id), &rows);
    }
    if (rv != APR_SUCCESS) {
        return rv;
    }
    if (rows->nrows == 0) {
        return QC_ENOTFOUND;
    }
    c = apr_pcalloc(ctx->p, sizeof(*c));
    c->title = qc_rows_get(rows, 0, 0);
    qc_time_parse_db(qc_rows_get(rows, 0, 1), &c->deadline_ms);
    qc_util_parse_int64(qc_rows_get(rows, 0, 2), 0, APR_INT64_C(1) << 50, &c->max_bytes);
    c->drop_extremes = !strcmp(qc_rows_get(rows, 0, 3), "1");
    c->unit_kind = qc_rows_get(rows, 0, 4);
    if (qc_rows_get(rows, 0, 5)) {
        qc_time_parse_db(qc_rows_get(rows, 0, 5), &c->closed_ms);
    }
    if (qc_rows_get(rows, 0, 6)) {
        qc_time_parse_db(qc_rows_get(rows, 0, 6), &c->published_ms);
    }
    qc_time_parse_db(qc_rows_get(rows, 0, 7), &c->now_ms);
    rv = qc_db_select(ctx->db, ctx->p, "qc_clip_criteria", QC_ARGS(ctx->contest->id), &c->criteria);
    if (rv == APR_SUCCESS) {
        rv = qc_db_select(ctx->db, ctx->p, "qc_clip_prizes", QC_ARGS(ctx->contest->id), &c->prizes);
    }
    *out = c;
    return rv;
}

/* Load the contest's clip part, or answer: 404 when the contest has none. */
static clip_part_t *part_or_fail(qc_ctx_t *ctx)
{
    clip_part_t *c = NULL;
    apr_status_t rv = load_part(ctx, &c);
    if (rv == QC_ENOTFOUND) {
        refuse(ctx, 404, "jury.err.no_clips");
        return NULL;
    }
    if (rv != APR_SUCCESS) {
        qc_ctx_fail(ctx, rv);
        return NULL;
    }
    return c;
}

static xmlNodePtr add_part(qc_ctx_t *ctx, xmlNodePtr root, const clip_part_t *c)
{
    xmlNodePtr n = qc_xml_add(root, "clips", NULL);
    int i;
    qc_xml_add(n, "title", c->title);
    qc_ctx_set_time(ctx, n, "deadline", c->deadline_ms);
    qc_xml_set_int(n, "max-mb", c->max_bytes / (1024 * 1024));
    qc_xml_set_int(n, "max-bytes", c->max_bytes);
    qc_xml_set(n, "drop-extremes", c->drop_extremes ? "1" : "0");
    qc_xml_set(n, "open", c->now_ms < c->deadline_ms ? "1" : "0");
    qc_xml_set(n, "closed", c->closed_ms ? "1" : "0");
    qc_xml_set(n, "published", c->published_ms ? "1" : "0");
    for (i = 0; i < c->criteria->nrows; i++) {
        xmlNodePtr k = qc_xml_add(n, "criterion", qc_rows_get(c->criteria, i, 1));
        qc_xml_set(k, "code", qc_rows_get(c->criteria, i, 0));
        qc_xml_set(k, "max", qc_rows_get(c->criteria, i, 2));
    }
    for (i = 0; i < c->prizes->nrows; i++) {
        xmlNodePtr k = qc_xml_add(n, "prize", qc_rows_get(c->prizes, i, 0));
        qc_xml_set(k, "count", qc_rows_get(c->prizes, i, 1));
    }
    return n;
}

static const char *points_text(apr_pool_t *p, apr_int64_t milli)
{
    apr_int64_t hundredths = (milli + 5) / 10; /* rounded half up (never negative) */
    return apr_psprintf(p, "%" APR_INT64_T_FMT ".%02d", hundredths / 100, (int)(hundredths % 100));
}

/* The judges' totals of every entry (only a judge who scored every criterion has a total),
 * the final scores, the ranking and the prizes, added under each <entry> of list.
 * with_judges: each judge's total too (secretariat; judges once judging is closed). */
static apr_status_t add_results(qc_ctx_t *ctx, const clip_part_t *c, qc_rows_t *entries,
                                xmlNodePtr *nodes, int with_judges)
{
    qc_rows_t *totals;
    qc_jury_ranked_t *ranked =
        apr_pcalloc(ctx->p, sizeof(*ranked) * (apr_size_t)(entries->nrows + 1));
    qc_prize_tier_t *tiers =
        apr_pcalloc(ctx->p, sizeof(*tiers) * (apr_size_t)(c->prizes->nrows + 1));
    apr_hash_t *node_of = apr_hash_make(ctx->p);
    int i, j, n = 0;
    apr_status_t rv =
        qc_db_select(ctx->db, ctx->p, "qc_clip_judge_totals", QC_ARGS(ctx->contest->id), &totals);
    if (rv != APR_SUCCESS) {
        return rv;
    }
    for (i = 0; i < c->prizes->nrows; i++) {
        apr_int64_t v = 0;
        tiers[i].title = qc_rows_get(c->prizes, i, 0);
        qc_util_parse_int64(qc_rows_get(c->prizes, i, 1), 0, 100000, &v);
        tiers[i].count = (int)v;
    }
    for (i = 0; i < entries->nrows; i++) {
        const char *id = qc_rows_get(entries, i, 0);
        int sums[256], k = 0;
        apr_hash_set(node_of, id, APR_HASH_KEY_STRING, nodes[i]);
        for (j = 0; j < totals->nrows; j++) {
            apr_int64_t sum = 0, count = 0;
            if (strcmp(qc_rows_get(totals, j, 0), id) != 0) {
                continue;
            }
            qc_util_parse_int64(qc_rows_get(totals, j, 2), 0, 1000000, &sum);
            qc_util_parse_int64(qc_rows_get(totals, j, 3), 0, 1000000, &count);
            if (count != c->criteria->nrows || k == 256) {
                continue; /* this judge has not finished */
            }
            sums[k++] = (int)sum;
            if (with_judges) {
                xmlNodePtr s = qc_xml_add(nodes[i], "judge-total", NULL);
                qc_xml_set(s, "judge", qc_rows_get(totals, j, 1));
                qc_xml_set_int(s, "points", sum);
            }
        }
        qc_xml_set_int(nodes[i], "judges", k);
        if (k > 0 && !strcmp(qc_rows_get(entries, i, 10), "submitted")) {
            apr_int64_t ord = 0;
            ranked[n].entry_id = id;
            ranked[n].final_milli = qc_jury_final_milli(sums, k, c->drop_extremes);
            if (qc_rows_get(entries, i, 13)) {
                qc_util_parse_int64(qc_rows_get(entries, i, 13), 0, 100000, &ord);
            }
            ranked[n].committee_order = (int)ord;
            n++;
        }
    }
    qc_jury_rank(ctx->p, ranked, n, tiers, c->prizes->nrows);
    for (i = 0; i < n; i++) {
        xmlNodePtr e = apr_hash_get(node_of, ranked[i].entry_id, APR_HASH_KEY_STRING);
        qc_xml_set(e, "final", points_text(ctx->p, ranked[i].final_milli));
        qc_xml_set_int(e, "final-milli", ranked[i].final_milli);
        qc_xml_set_int(e, "position", ranked[i].position);
        qc_xml_set_int(e, "rank-order", i + 1);
        qc_xml_set(e, "tie-pending", ranked[i].pending ? "1" : "0");
        if (ranked[i].tier >= 0) {
            qc_xml_set(e, "prize", tiers[ranked[i].tier].title);
            qc_xml_set(e, "prize-pending", ranked[i].prize_pending ? "1" : "0");
        }
    }
    return APR_SUCCESS;
}

/* One <entry> per row of qc_clip_entries; with_private: the secretariat's and judges' view
 * (rejected entries and reasons too). Returns the nodes, in row order. */
static xmlNodePtr *add_entries(qc_ctx_t *ctx, xmlNodePtr parent, qc_rows_t *rows, int with_private)
{
    xmlNodePtr *nodes = apr_pcalloc(ctx->p, sizeof(xmlNodePtr) * (apr_size_t)(rows->nrows + 1));
    xmlNodePtr list = qc_xml_add(parent, "entries", NULL);
    const char *url = ctx->req->cfg->clip_url ? ctx->req->cfg->clip_url : "";
    int i;
    for (i = 0; i < rows->nrows; i++) {
        xmlNodePtr e = qc_xml_add(list, "entry", NULL);
        apr_int64_t at = 0;
        nodes[i] = e;
        qc_xml_set(e, "id", qc_rows_get(rows, i, 0));
        qc_xml_set(e, "unit-code", qc_rows_get(rows, i, 1));
        qc_xml_add(e, "unit", qc_rows_get(rows, i, 2));
        qc_xml_add(e, "title", qc_rows_get(rows, i, 3));
        qc_xml_add(e, "description", qc_rows_get(rows, i, 4));
        qc_xml_set(e, "kind", qc_rows_get(rows, i, 5));
        if (qc_rows_get(rows, i, 6)) {
            qc_xml_set(e, "src", apr_pstrcat(ctx->p, url, "/", qc_rows_get(rows, i, 6), NULL));
            qc_xml_set(e, "media-type", qc_rows_get(rows, i, 7));
            qc_xml_set(e, "size", qc_rows_get(rows, i, 8));
        }
        if (qc_rows_get(rows, i, 9)) {
            qc_xml_set(e, "link", qc_rows_get(rows, i, 9));
        }
        qc_xml_set(e, "status", qc_rows_get(rows, i, 10));
        if (with_private) {
            if (qc_rows_get(rows, i, 11)) {
                qc_xml_add(e, "reject-reason", qc_rows_get(rows, i, 11));
            }
            qc_xml_set(e, "committee-order", qc_rows_get(rows, i, 13));
        }
        if (qc_time_parse_db(qc_rows_get(rows, i, 12), &at) == APR_SUCCESS) {
            qc_ctx_set_time(ctx, e, "updated", at);
        }
    }
    return nodes;
}

int qc_jury_post_ok(qc_ctx_t *ctx)
{
    if (!qc_ctx_csrf_ok(ctx)) {
        qc_log(QC_LOG_MARK, QC_LOG_WARNING, 0,
               "QC00700: refused a form of the %s area from %s (user %s) without its CSRF token",
               ctx->req->cfg->area == QC_AREA_UNIT ? "unit" : "jury", ctx->req->client_ip,
               ctx->req->remote_user);
        qc_ctx_fail(ctx, QC_EFORBIDDEN);
        return 0;
    }
    return 1;
}

/* ---- the unit area ---------------------------------------------------------------------- */

typedef struct {
    const char *id, *code, *name;
} unit_t;

/* The unit whose representative is logged in: Apache's user name is the unit's code. */
static unit_t *unit_or_fail(qc_ctx_t *ctx, const clip_part_t *c)
{
    qc_rows_t *rows;
    unit_t *u;
    apr_status_t rv = qc_db_select(ctx->db, ctx->p, "qc_jury_unit_by_code",
                                   QC_ARGS(ctx->contest->id, ctx->req->remote_user), &rows);
    if (rv != APR_SUCCESS) {
        qc_ctx_fail(ctx, rv);
        return NULL;
    }
    if (rows->nrows == 0) {
        refuse(ctx, 403, "jury.err.unit_unknown");
        return NULL;
    }
    if (*c->unit_kind && strcmp(qc_rows_get(rows, 0, 3), c->unit_kind) != 0) {
        refuse(ctx, 403, "jury.err.unit_not_eligible");
        return NULL;
    }
    u = apr_pcalloc(ctx->p, sizeof(*u));
    u->id = qc_rows_get(rows, 0, 0);
    u->code = qc_rows_get(rows, 0, 1);
    u->name = qc_rows_get(rows, 0, 2);
    return u;
}

static void page_unit_home(qc_ctx_t *ctx)
{
    clip_part_t *c = part_or_fail(ctx);
    unit_t *u = c ? unit_or_fail(ctx, c) : NULL;
    xmlNodePtr root, un;
    qc_rows_t *rows;
    apr_status_t rv;
    if (!u) {
        return;
    }
    rv = qc_db_select(ctx->db, ctx->p, "qc_clip_entry_of_unit", QC_ARGS(ctx->contest->id, u->id),
                      &rows);
    if (rv != APR_SUCCESS) {
        qc_ctx_fail(ctx, rv);
        return;
    }
    root = qc_ctx_page(ctx, "jury-unit");
    qc_ctx_page_csrf(ctx);
    un = qc_xml_add(root, "unit", u->name);
    qc_xml_set(un, "code", u->code);
    add_part(ctx, root, c);
    if (rows->nrows) {
        xmlNodePtr e = qc_xml_add(root, "entry", NULL);
        apr_int64_t at = 0;
        const char *url = ctx->req->cfg->clip_url ? ctx->req->cfg->clip_url : "";
        qc_xml_set(e, "id", qc_rows_get(rows, 0, 0));
        qc_xml_add(e, "title", qc_rows_get(rows, 0, 1));
        qc_xml_add(e, "description", qc_rows_get(rows, 0, 2));
        qc_xml_set(e, "kind", qc_rows_get(rows, 0, 3));
        if (qc_rows_get(rows, 0, 4)) {
            qc_xml_set(e, "src", apr_pstrcat(ctx->p, url, "/", qc_rows_get(rows, 0, 4), NULL));
            qc_xml_set(e, "media-type", qc_rows_get(rows, 0, 5));
            qc_xml_set(e, "size", qc_rows_get(rows, 0, 6));
        }
        if (qc_rows_get(rows, 0, 7)) {
            qc_xml_set(e, "link", qc_rows_get(rows, 0, 7));
        }
        qc_xml_set(e, "status", qc_rows_get(rows, 0, 8));
        if (qc_rows_get(rows, 0, 9)) {
            qc_xml_add(e, "reject-reason", qc_rows_get(rows, 0, 9));
        }
        if (qc_time_parse_db(qc_rows_get(rows, 0, 10), &at) == APR_SUCCESS) {
            qc_ctx_set_time(ctx, e, "updated", at);
        }
    }
}

/* Move the checked upload into the clip directory under a name nobody can guess. */
static apr_status_t store_file(qc_ctx_t *ctx, const qc_spooled_t *up, const char *unit_code,
                               const char *ext, const char **name)
{
    const char *token = qc_util_random_token(ctx->p);
    const char *dest;
    apr_status_t rv;
    if (!token) {
        return APR_EGENERAL;
    }
    *name = apr_psprintf(ctx->p, "%s-%.22s.%s", unit_code, token, ext);
    dest = apr_pstrcat(ctx->p, ctx->req->cfg->clip_dir, "/", *name, NULL);
    rv = apr_file_rename(up->path, dest, ctx->p);
    if (rv != APR_SUCCESS) {
        /* another file system: copy, then the module removes the temporary file */
        rv = apr_file_copy(up->path, dest,
                           APR_FPROT_UREAD | APR_FPROT_UWRITE | APR_FPROT_GREAD | APR_FPROT_WREAD,
                           ctx->p);
    }
    if (rv == APR_SUCCESS) {
        apr_file_perms_set(dest,
                           APR_FPROT_UREAD | APR_FPROT_UWRITE | APR_FPROT_GREAD | APR_FPROT_WREAD);
    }
    else {
        qc_log(QC_LOG_MARK, QC_LOG_ERR, rv,
               "QC00701: cannot store an uploaded clip as %s: check that QuizContestClipDir "
               "exists and Apache's user may write to it",
               dest);
    }
    return rv;
}

static void remove_clip(qc_ctx_t *ctx, const char *name)
{
    if (name && ctx->req->cfg->clip_dir) {
        apr_file_remove(apr_pstrcat(ctx->p, ctx->req->cfg->clip_dir, "/", name, NULL), ctx->p);
    }
}

/* The uploaded clip, checked: its size against the contest's limit, its first bytes against
 * MP4 and WebM. Sets *media and returns 0 with the response filled when refused; 1 with
 * *up NULL when no file was sent. */
static int checked_upload(qc_ctx_t *ctx, const clip_part_t *c, const qc_spooled_t **out,
                          const char **media)
{
    const qc_spooled_t *up = NULL;
    unsigned char head[64];
    apr_size_t got = sizeof(head);
    apr_file_t *f;
    int i;
    *out = NULL;
    for (i = 0; ctx->req->spooled && i < ctx->req->spooled->nelts; i++) {
        const qc_spooled_t *s = &APR_ARRAY_IDX(ctx->req->spooled, i, qc_spooled_t);
        if (!strcmp(s->field, "clip") && (*s->filename || s->size > 0)) {
            up = s;
        }
    }
    if (!up) {
        return 1;
    }
    if (up->size > c->max_bytes) {
        refuse(ctx, 413, "jury.err.too_large");
        return 0;
    }
    memset(head, 0, sizeof(head));
    if (apr_file_open(&f, up->path, APR_FOPEN_READ | APR_FOPEN_BINARY, 0, ctx->p) != APR_SUCCESS) {
        qc_ctx_fail(ctx, APR_EGENERAL);
        return 0;
    }
    if (apr_file_read_full(f, head, sizeof(head), &got) != APR_SUCCESS && got == 0) {
        got = 0;
    }
    apr_file_close(f);
    *media = qc_jury_sniff_video(head, got);
    if (!*media) {
        refuse(ctx, 415, "jury.err.not_video");
        return 0;
    }
    *out = up;
    return 1;
}

static void post_entry(qc_ctx_t *ctx, int replace)
{
    clip_part_t *c;
    unit_t *u;
    qc_rows_t *rows;
    const qc_spooled_t *up = NULL;
    const char *media = NULL, *file_name = NULL, *old_file = NULL, *entry_id = NULL;
    const char *title, *description, *link;
    apr_status_t rv;
    qc_actor_t actor;

    /* who is posting first (403 with a clear message), then the form's token */
    if (!(c = part_or_fail(ctx)) || !(u = unit_or_fail(ctx, c)) || !qc_jury_post_ok(ctx)) {
        return;
    }
    if (c->now_ms >= c->deadline_ms) {
        refuse(ctx, 403, "jury.err.deadline");
        return;
    }
    rv = qc_db_select(ctx->db, ctx->p, "qc_clip_entry_of_unit", QC_ARGS(ctx->contest->id, u->id),
                      &rows);
    if (rv != APR_SUCCESS) {
        qc_ctx_fail(ctx, rv);
        return;
    }
    if (!replace && rows->nrows) {
        refuse(ctx, 409, "jury.err.entry_exists");
        return;
    }
    if (replace && !rows->nrows) {
        refuse(ctx, 404, "jury.err.no_entry");
        return;
    }
    if (replace) {
        entry_id = qc_rows_get(rows, 0, 0);
        old_file = qc_rows_get(rows, 0, 4);
    }
    title = qc_utf8_squeeze_space(ctx->p, qc_form_get(ctx->p, ctx->req->form, "title"));
    description = qc_form_get(ctx->p, ctx->req->form, "description");
    link = qc_form_get(ctx->p, ctx->req->form, "link");
    while (*link == ' ') {
        link++;
    }
    if (!*title || qc_utf8_length(title) > 300) {
        refuse(ctx, 422, "jury.err.title");
        return;
    }
    if (qc_utf8_length(description) > 2000) {
        refuse(ctx, 422, "jury.err.description");
        return;
    }
    if (!checked_upload(ctx, c, &up, &media)) {
        return;
    }
    if (!up && !*link) {
        refuse(ctx, 422, "jury.err.no_clip");
        return;
    }
    if (!up && !qc_jury_link_ok(link)) {
        refuse(ctx, 422, "jury.err.link");
        return;
    }
    if (up) {
        if (!ctx->req->cfg->clip_dir) {
            qc_log(QC_LOG_MARK, QC_LOG_ERR, 0,
                   "QC00702: a clip was uploaded to %s, but QuizContestClipDir is not set: "
                   "name the directory Apache serves the clips from",
                   ctx->req->cfg->base_path);
            qc_ctx_fail(ctx, APR_EGENERAL);
            return;
        }
        if (store_file(ctx, up, u->code, strcmp(media, "video/mp4") ? "webm" : "mp4", &file_name) !=
            APR_SUCCESS) {
            qc_ctx_fail(ctx, APR_EGENERAL);
            return;
        }
        link = "";
    }
    qc_staff_actor(ctx, &actor);
    rv = qc_db_begin(ctx->db, ctx->p);
    if (rv == APR_SUCCESS && !replace) {
        rv = qc_db_exec(ctx->db, ctx->p, "qc_clip_entry_insert",
                        QC_ARGS(ctx->contest->id, u->id, title, description, up ? "file" : "link",
                                file_name ? file_name : "", media ? media : "",
                                up ? apr_off_t_toa(ctx->p, up->size) : "", link,
                                ctx->req->remote_user),
                        NULL);
    }
    else if (rv == APR_SUCCESS) {
        rv =
            qc_db_exec(ctx->db, ctx->p, "qc_clip_entry_replace",
                       QC_ARGS(title, description, up ? "file" : "link", file_name ? file_name : "",
                               media ? media : "", up ? apr_off_t_toa(ctx->p, up->size) : "", link,
                               ctx->req->remote_user, entry_id, ctx->contest->id),
                       NULL);
        if (rv == APR_SUCCESS) {
            /* the judges scored the clip this one replaces */
            rv = qc_db_exec(ctx->db, ctx->p, "qc_clip_scores_clear_entry", QC_ARGS(entry_id), NULL);
        }
    }
    if (rv == APR_SUCCESS) {
        rv = qc_audit_write(ctx->db, ctx->p, ctx->contest->id, &actor,
                            replace ? "clip.replace" : "clip.submit", u->name, NULL,
                            apr_pstrcat(ctx->p, title, "\n", file_name ? file_name : link, NULL));
    }
    if (rv == APR_SUCCESS) {
        rv = qc_db_commit(ctx->db, ctx->p);
    }
    if (rv != APR_SUCCESS) {
        qc_db_rollback(ctx->db, ctx->p);
        remove_clip(ctx, file_name);
        if (rv == QC_ECONFLICT) {
            refuse(ctx, 409, "jury.err.entry_exists");
        }
        else {
            qc_ctx_fail(ctx, rv);
        }
        return;
    }
    if (replace && old_file) {
        remove_clip(ctx, old_file);
    }
    qc_ctx_redirect(ctx, "");
}

/* ---- the jury area ------------------------------------------------------------------------- */

typedef struct {
    const char *user, *name, *unit_code;
} judge_t;

static judge_t *judge_or_fail(qc_ctx_t *ctx)
{
    qc_rows_t *rows;
    judge_t *j;
    apr_status_t rv = qc_db_select(ctx->db, ctx->p, "qc_jury_judge_get",
                                   QC_ARGS(ctx->contest->id, ctx->req->remote_user), &rows);
    if (rv != APR_SUCCESS) {
        qc_ctx_fail(ctx, rv);
        return NULL;
    }
    if (rows->nrows == 0) {
        refuse(ctx, 403, "jury.err.not_judge");
        return NULL;
    }
    j = apr_pcalloc(ctx->p, sizeof(*j));
    j->user = qc_rows_get(rows, 0, 0);
    j->name = qc_rows_get(rows, 0, 1);
    j->unit_code = qc_rows_get(rows, 0, 2);
    return j;
}

int qc_jury_judge_ok(qc_ctx_t *ctx)
{
    apr_status_t rv = qc_ctx_contest(ctx);
    if (rv != APR_SUCCESS) {
        qc_ctx_fail(ctx, rv);
        return 0;
    }
    return judge_or_fail(ctx) != NULL;
}

static int own_unit(const judge_t *j, qc_rows_t *entries, int i)
{
    return *j->unit_code && (!strcmp(j->unit_code, qc_rows_get(entries, i, 1)) ||
                             !strcmp(j->unit_code, qc_rows_get(entries, i, 14)));
}

static void page_judge(qc_ctx_t *ctx, const char *entry_id)
{
    clip_part_t *c = part_or_fail(ctx);
    judge_t *j = c ? judge_or_fail(ctx) : NULL;
    qc_rows_t *entries, *mine;
    xmlNodePtr root, jn, *nodes;
    apr_status_t rv;
    int i, k, found = 0;
    if (!j) {
        return;
    }
    rv = qc_db_select(ctx->db, ctx->p, "qc_clip_entries", QC_ARGS(ctx->contest->id), &entries);
    if (rv != APR_SUCCESS) {
        qc_ctx_fail(ctx, rv);
        return;
    }
    root = qc_ctx_page(ctx, "jury-judge");
    qc_ctx_page_csrf(ctx);
    jn = qc_xml_add(root, "judge", j->name);
    qc_xml_set(jn, "user", j->user);
    qc_xml_set(jn, "unit-code", j->unit_code);
    add_part(ctx, root, c);
    nodes = add_entries(ctx, root, entries, 0);
    for (i = 0; i < entries->nrows; i++) {
        int total = 0;
        const char *id = qc_rows_get(entries, i, 0);
        rv = qc_db_select(ctx->db, ctx->p, "qc_clip_scores_by_judge", QC_ARGS(id, j->user), &mine);
        if (rv != APR_SUCCESS) {
            qc_ctx_fail(ctx, rv);
            return;
        }
        for (k = 0; k < mine->nrows; k++) {
            xmlNodePtr s = qc_xml_add(nodes[i], "my-score", NULL);
            apr_int64_t v = 0;
            qc_xml_set(s, "criterion", qc_rows_get(mine, k, 0));
            qc_xml_set(s, "points", qc_rows_get(mine, k, 1));
            qc_util_parse_int64(qc_rows_get(mine, k, 1), 0, 100000, &v);
            total += (int)v;
        }
        qc_xml_set(nodes[i], "scored", mine->nrows == c->criteria->nrows ? "1" : "0");
        if (mine->nrows) {
            qc_xml_set_int(nodes[i], "my-total", total);
        }
        /* a judge who belongs to the entry's unit (or the unit above it) is flagged */
        qc_xml_set(nodes[i], "own-unit", own_unit(j, entries, i) ? "1" : "0");
        if (entry_id && !strcmp(entry_id, id)) {
            qc_xml_set(nodes[i], "current", "1");
            found = 1;
        }
    }
    if (entry_id && !found) {
        refuse(ctx, 404, "err.http.404");
        return;
    }
    /* the others' scores only once the secretariat closed judging */
    if (c->closed_ms) {
        rv = add_results(ctx, c, entries, nodes, 1);
        if (rv != APR_SUCCESS) {
            qc_ctx_fail(ctx, rv);
        }
    }
}

static void post_scores(qc_ctx_t *ctx, const char *entry_id)
{
    clip_part_t *c;
    judge_t *j;
    qc_rows_t *entries;
    const char **points;
    apr_status_t rv;
    int i, row = -1;
    qc_actor_t actor;

    if (!(c = part_or_fail(ctx)) || !(j = judge_or_fail(ctx)) || !qc_jury_post_ok(ctx)) {
        return;
    }
    if (c->closed_ms) {
        refuse(ctx, 409, "jury.err.judging_closed");
        return;
    }
    rv = qc_db_select(ctx->db, ctx->p, "qc_clip_entries", QC_ARGS(ctx->contest->id), &entries);
    if (rv != APR_SUCCESS) {
        qc_ctx_fail(ctx, rv);
        return;
    }
    for (i = 0; i < entries->nrows; i++) {
        if (!strcmp(qc_rows_get(entries, i, 0), entry_id)) {
            row = i;
        }
    }
    if (row < 0) {
        refuse(ctx, 404, "err.http.404");
        return;
    }
    if (strcmp(qc_rows_get(entries, row, 10), "submitted") != 0) {
        refuse(ctx, 409, "jury.err.entry_rejected");
        return;
    }
    points = apr_pcalloc(ctx->p, sizeof(char *) * (apr_size_t)(c->criteria->nrows + 1));
    for (i = 0; i < c->criteria->nrows; i++) {
        const char *v =
            qc_form_get(ctx->p, ctx->req->form,
                        apr_pstrcat(ctx->p, "diem-", qc_rows_get(c->criteria, i, 0), NULL));
        apr_int64_t x, max = 0;
        qc_util_parse_int64(qc_rows_get(c->criteria, i, 2), 0, 100000, &max);
        if (qc_util_parse_int64(v, 0, APR_INT64_C(1000000000), &x) != APR_SUCCESS) {
            refuse(ctx, 422, "jury.err.score_invalid");
            return;
        }
        if (x > max) {
            refuse(ctx, 422, "jury.err.score_range");
            return;
        }
        points[i] = qc_util_i64(ctx->p, x);
    }
    rv = qc_db_begin(ctx->db, ctx->p);
    for (i = 0; rv == APR_SUCCESS && i < c->criteria->nrows; i++) {
        rv =
            qc_db_exec(ctx->db, ctx->p, "qc_clip_score_upsert",
                       QC_ARGS(entry_id, j->user, qc_rows_get(c->criteria, i, 0), points[i]), NULL);
    }
    qc_staff_actor(ctx, &actor);
    if (rv == APR_SUCCESS) {
        const char *after = "";
        for (i = 0; i < c->criteria->nrows; i++) {
            after = apr_psprintf(ctx->p, "%s%s%s=%s", after, i ? " " : "",
                                 qc_rows_get(c->criteria, i, 0), points[i]);
        }
        rv = qc_audit_write(ctx->db, ctx->p, ctx->contest->id, &actor, "clip.score",
                            qc_rows_get(entries, row, 2), NULL, after);
    }
    if (rv == APR_SUCCESS) {
        rv = qc_db_commit(ctx->db, ctx->p);
    }
    if (rv != APR_SUCCESS) {
        qc_db_rollback(ctx->db, ctx->p);
        qc_ctx_fail(ctx, rv);
        return;
    }
    qc_ctx_redirect(ctx, "");
}

int qc_route_jury(qc_ctx_t *ctx, const char **seg, int n)
{
    int post = !strcmp(ctx->req->method, "POST");
    apr_int64_t id;
    if (n == 0 && !post) {
        page_judge(ctx, NULL);
    }
    else if (n == 2 && !strcmp(seg[0], "bai") &&
             qc_util_parse_int64(seg[1], 1, APR_INT64_C(999999999), &id) == APR_SUCCESS) {
        if (post) {
            post_scores(ctx, seg[1]);
        }
        else {
            page_judge(ctx, seg[1]);
        }
    }
    else {
        return 0;
    }
    return 1;
}

int qc_route_unit(qc_ctx_t *ctx, const char **seg, int n)
{
    int post = !strcmp(ctx->req->method, "POST");
    if (n == 0 && !post) {
        page_unit_home(ctx);
    }
    else if (n == 1 && !strcmp(seg[0], "bai-du-thi") && post) {
        post_entry(ctx, 0);
    }
    else if (n == 2 && !strcmp(seg[0], "bai-du-thi") && !strcmp(seg[1], "thay") && post) {
        post_entry(ctx, 1);
    }
    else {
        return 0;
    }
    return 1;
}

apr_status_t qc_app_upload_limit(qc_app_request_t *req, apr_off_t *limit)
{
    qc_ctx_t ctx;
    qc_app_response_t resp;
    clip_part_t *c = NULL;
    apr_status_t rv;
    memset(&ctx, 0, sizeof(ctx));
    memset(&resp, 0, sizeof(resp));
    ctx.req = req;
    ctx.resp = &resp;
    ctx.p = req->pool;
    rv = load_part(&ctx, &c);
    if (rv == APR_SUCCESS) {
        *limit = (apr_off_t)c->max_bytes;
    }
    return rv;
}

/* ---- the secretariat's pages ------------------------------------------------------------- */

static void page_staff(qc_ctx_t *ctx)
{
    clip_part_t *c = part_or_fail(ctx);
    qc_rows_t *entries, *judges;
    xmlNodePtr root, list, *nodes;
    apr_status_t rv;
    int i;
    if (!c) {
        return;
    }
    rv = qc_db_select(ctx->db, ctx->p, "qc_clip_entries", QC_ARGS(ctx->contest->id), &entries);
    if (rv == APR_SUCCESS) {
        rv = qc_db_select(ctx->db, ctx->p, "qc_jury_judges", QC_ARGS(ctx->contest->id), &judges);
    }
    if (rv != APR_SUCCESS) {
        qc_ctx_fail(ctx, rv);
        return;
    }
    root = qc_staff_page(ctx, "jury-staff");
    if (!root) {
        return;
    }
    add_part(ctx, root, c);
    list = qc_xml_add(root, "judges", NULL);
    for (i = 0; i < judges->nrows; i++) {
        xmlNodePtr jn = qc_xml_add(list, "judge", qc_rows_get(judges, i, 1));
        qc_xml_set(jn, "user", qc_rows_get(judges, i, 0));
        qc_xml_set(jn, "unit-code", qc_rows_get(judges, i, 2));
    }
    nodes = add_entries(ctx, root, entries, 1);
    rv = add_results(ctx, c, entries, nodes, 1);
    if (rv != APR_SUCCESS) {
        qc_ctx_fail(ctx, rv);
    }
}

static void post_staff(qc_ctx_t *ctx, const char *entry_id, const char *action)
{
    clip_part_t *c;
    qc_actor_t actor;
    apr_status_t rv;
    const char *label, *audit_action, *arg = NULL, *object = entry_id ? entry_id : "";
    if (!qc_staff_post_ok(ctx) || !(c = part_or_fail(ctx))) {
        return;
    }
    qc_staff_actor(ctx, &actor);
    if (!strcmp(action, "tu-choi")) {
        arg = qc_utf8_squeeze_space(ctx->p, qc_form_get(ctx->p, ctx->req->form, "reason"));
        if (!*arg || qc_utf8_length(arg) > 1000) {
            refuse(ctx, 422, "jury.err.reason");
            return;
        }
        label = "qc_clip_reject";
        audit_action = "clip.reject";
    }
    else if (!strcmp(action, "thu-tu")) {
        apr_int64_t v;
        arg = qc_form_get(ctx->p, ctx->req->form, "order");
        if (*arg && qc_util_parse_int64(arg, 1, 999, &v) != APR_SUCCESS) {
            refuse(ctx, 422, "jury.err.order");
            return;
        }
        label = "qc_clip_committee_set";
        audit_action = "clip.committee_order";
    }
    else if (!strcmp(action, "khoa-cham")) {
        if (c->closed_ms) {
            refuse(ctx, 409, "jury.err.judging_closed");
            return;
        }
        label = "qc_clip_close_judging";
        audit_action = "clip.close_judging";
    }
    else {
        if (!c->closed_ms) {
            refuse(ctx, 409, "jury.err.not_closed");
            return;
        }
        if (c->published_ms) {
            qc_ctx_redirect(ctx, "video");
            return;
        }
        label = "qc_clip_publish";
        audit_action = "clip.publish";
    }
    if (entry_id) {
        /* the entry must be one of this contest's */
        qc_rows_t *entries;
        int i, found = 0;
        rv = qc_db_select(ctx->db, ctx->p, "qc_clip_entries", QC_ARGS(ctx->contest->id), &entries);
        for (i = 0; rv == APR_SUCCESS && i < entries->nrows; i++) {
            found |= !strcmp(qc_rows_get(entries, i, 0), entry_id);
        }
        if (rv != APR_SUCCESS || !found) {
            qc_ctx_fail(ctx, rv != APR_SUCCESS ? rv : QC_ENOTFOUND);
            return;
        }
    }
    rv = qc_db_begin(ctx->db, ctx->p);
    if (rv == APR_SUCCESS) {
        rv = entry_id ? qc_db_exec(ctx->db, ctx->p, label, QC_ARGS(arg, entry_id, ctx->contest->id),
                                   NULL)
                      : qc_db_exec(ctx->db, ctx->p, label,
                                   QC_ARGS(ctx->req->remote_user, ctx->contest->id), NULL);
    }
    if (rv == APR_SUCCESS) {
        rv = qc_audit_write(ctx->db, ctx->p, ctx->contest->id, &actor, audit_action, object, NULL,
                            arg);
    }
    if (rv == APR_SUCCESS) {
        rv = qc_db_commit(ctx->db, ctx->p);
    }
    if (rv != APR_SUCCESS) {
        qc_db_rollback(ctx->db, ctx->p);
        qc_ctx_fail(ctx, rv);
        return;
    }
    qc_ctx_redirect(ctx, "video");
}

int qc_route_staff_jury(qc_ctx_t *ctx, const char **seg, int n)
{
    int post = !strcmp(ctx->req->method, "POST");
    apr_int64_t id;
    if (n < 1 || strcmp(seg[0], "video") != 0) {
        return 0;
    }
    if (n == 1 && !post) {
        page_staff(ctx);
    }
    else if (n == 2 && post && (!strcmp(seg[1], "khoa-cham") || !strcmp(seg[1], "cong-bo"))) {
        post_staff(ctx, NULL, seg[1]);
    }
    else if (n == 3 && post &&
             qc_util_parse_int64(seg[1], 1, APR_INT64_C(999999999), &id) == APR_SUCCESS &&
             (!strcmp(seg[2], "tu-choi") || !strcmp(seg[2], "thu-tu"))) {
        post_staff(ctx, seg[1], seg[2]);
    }
    else {
        return 0;
    }
    return 1;
}

/* ---- the public gallery ------------------------------------------------------------------- */

void qc_page_clip_gallery(qc_ctx_t *ctx)
{
    clip_part_t *c = part_or_fail(ctx);
    qc_rows_t *entries, *shown;
    xmlNodePtr root, *nodes;
    apr_status_t rv;
    int i;
    if (!c) {
        return;
    }
    root = qc_ctx_page(ctx, "jury-gallery");
    add_part(ctx, root, c);
    if (!c->published_ms) {
        return;
    }
    rv = qc_db_select(ctx->db, ctx->p, "qc_clip_entries", QC_ARGS(ctx->contest->id), &entries);
    if (rv != APR_SUCCESS) {
        qc_ctx_fail(ctx, rv);
        return;
    }
    /* rejected entries are not shown */
    shown = apr_pcalloc(ctx->p, sizeof(*shown));
    shown->ncols = entries->ncols;
    shown->rows = apr_pcalloc(ctx->p, sizeof(char **) * (apr_size_t)(entries->nrows + 1));
    for (i = 0; i < entries->nrows; i++) {
        if (!strcmp(qc_rows_get(entries, i, 10), "submitted")) {
            shown->rows[shown->nrows++] = entries->rows[i];
        }
    }
    nodes = add_entries(ctx, root, shown, 0);
    rv = add_results(ctx, c, shown, nodes, 0);
    if (rv != APR_SUCCESS) {
        qc_ctx_fail(ctx, rv);
    }
    ctx->resp->cacheable_s = 60;
}
