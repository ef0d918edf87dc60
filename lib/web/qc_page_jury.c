/* Jury-scored parts, the video-clip contest: the unit area (a unit submits or replaces its one
 * entry), the jury area (each judge scores every entry alone), the secretariat's pages (every
 * entry, reject with a reason, committee order for ties, close judging, publish) and the
 * public gallery. The data: qc_clip.h; the scoring rules: qc_jury_scoring.h. */
#include <string.h>
#include <apr_file_io.h>
#include <apr_strings.h>
#include "qc_clip.h"
#include "qc_ctx.h"
#include "qc_pages.h"
#include "qc_jury.h"
#include "qc_jury_scoring.h"
#include "qc_form.h"
#include "qc_log.h"
#include "qc_status.h"
#include "qc_time.h"
#include "qc_utf8.h"
#include "qc_util.h"
#include "qc_xml.h"

/* An error page with a message of this file's block of messages.xml. */
static void refuse(qc_ctx_t *ctx, int status, const char *key)
{
    qc_app_error(ctx->req, ctx->resp, status, key);
}

static apr_status_t load_part(qc_ctx_t *ctx, qc_clip_part_t **out)
{
    apr_status_t rv = qc_ctx_contest(ctx);
    *out = NULL;
    if (rv != APR_SUCCESS) {
        return rv;
    }
    return qc_clip_part_load(ctx->db, ctx->p, ctx->contest->id, out);
}

/* Load the contest's clip part, or answer: 404 when the contest has none. */
static qc_clip_part_t *part_or_fail(qc_ctx_t *ctx)
{
    qc_clip_part_t *c = NULL;
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

static xmlNodePtr add_part(qc_ctx_t *ctx, xmlNodePtr root, const qc_clip_part_t *c)
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
    for (i = 0; i < c->criteria->nelts; i++) {
        const qc_clip_criterion_t *cr = &APR_ARRAY_IDX(c->criteria, i, qc_clip_criterion_t);
        xmlNodePtr k = qc_xml_add(n, "criterion", cr->title);
        qc_xml_set(k, "code", cr->code);
        qc_xml_set_int(k, "max", cr->max);
    }
    for (i = 0; i < c->prizes->nelts; i++) {
        const qc_prize_tier_t *t = &APR_ARRAY_IDX(c->prizes, i, qc_prize_tier_t);
        xmlNodePtr k = qc_xml_add(n, "prize", t->title);
        qc_xml_set_int(k, "count", t->count);
    }
    return n;
}

/* The judges' totals of every entry (only a judge who scored every criterion has a total),
 * the final scores, the ranking and the prizes, added under each <entry> of list.
 * with_judges: each judge's total too (secretariat; judges once judging is closed). */
static apr_status_t add_results(qc_ctx_t *ctx, const qc_clip_part_t *c,
                                const apr_array_header_t *entries, xmlNodePtr *nodes,
                                int with_judges)
{
    apr_array_header_t *totals;
    qc_jury_ranked_t *ranked =
        apr_pcalloc(ctx->p, sizeof(*ranked) * (apr_size_t)(entries->nelts + 1));
    const qc_prize_tier_t *tiers = (const qc_prize_tier_t *)c->prizes->elts;
    apr_hash_t *node_of = apr_hash_make(ctx->p);
    int i, j, n = 0;
    apr_array_header_t *judges;
    apr_hash_t *unit_of = apr_hash_make(ctx->p);
    apr_status_t rv = qc_clip_judge_totals(ctx->db, ctx->p, ctx->contest->id, &totals);
    if (rv == APR_SUCCESS) {
        rv = qc_jury_judges(ctx->db, ctx->p, ctx->contest->id, &judges);
    }
    if (rv != APR_SUCCESS) {
        return rv;
    }
    for (i = 0; i < judges->nelts; i++) {
        const qc_def_judge_t *jd = &APR_ARRAY_IDX(judges, i, qc_def_judge_t);
        apr_hash_set(unit_of, jd->user, APR_HASH_KEY_STRING, jd->unit_code ? jd->unit_code : "");
    }
    for (i = 0; i < entries->nelts; i++) {
        const qc_clip_entry_t *e = &APR_ARRAY_IDX(entries, i, qc_clip_entry_t);
        int sums[QC_JURY_MAX_JUDGES], k = 0;
        apr_hash_set(node_of, e->id, APR_HASH_KEY_STRING, nodes[i]);
        for (j = 0; j < totals->nelts; j++) {
            const qc_clip_judge_total_t *t = &APR_ARRAY_IDX(totals, j, qc_clip_judge_total_t);
            if (strcmp(t->entry_id, e->id) != 0) {
                continue;
            }
            if (!qc_jury_judge_counts(t->criteria, c->criteria->nelts) || k == QC_JURY_MAX_JUDGES) {
                continue; /* this judge has not finished */
            }
            if (qc_jury_recused(apr_hash_get(unit_of, t->judge_user, APR_HASH_KEY_STRING),
                                e->unit_code, e->parent_unit_code, c->count_own_unit)) {
                /* the judge's own unit (or the one above): shown, left out of the mean */
                if (with_judges) {
                    xmlNodePtr s = qc_xml_add(nodes[i], "judge-total", NULL);
                    qc_xml_set(s, "judge", t->judge_user);
                    qc_xml_set_int(s, "points", t->points);
                    qc_xml_set(s, "recused", "1");
                }
                continue;
            }
            sums[k++] = (int)t->points;
            if (with_judges) {
                xmlNodePtr s = qc_xml_add(nodes[i], "judge-total", NULL);
                qc_xml_set(s, "judge", t->judge_user);
                qc_xml_set_int(s, "points", t->points);
            }
        }
        qc_xml_set_int(nodes[i], "judges", k);
        if (k > 0 && e->submitted) {
            ranked[n].entry_id = e->id;
            ranked[n].final_milli = qc_jury_final_milli(sums, k, c->drop_extremes);
            ranked[n].committee_order = e->committee_order;
            n++;
        }
    }
    qc_jury_rank(ctx->p, ranked, n, tiers, c->prizes->nelts);
    for (i = 0; i < n; i++) {
        xmlNodePtr e = apr_hash_get(node_of, ranked[i].entry_id, APR_HASH_KEY_STRING);
        qc_xml_set(e, "final", qc_jury_points_text(ctx->p, ranked[i].final_milli));
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

/* The attributes of the clip itself: where it plays (a stored file) or its link. */
static void add_clip(qc_ctx_t *ctx, xmlNodePtr e, const qc_clip_entry_t *en)
{
    const char *url = ctx->req->cfg->clip_url ? ctx->req->cfg->clip_url : "";
    if (en->file_name) {
        qc_xml_set(e, "src", apr_pstrcat(ctx->p, url, "/", en->file_name, NULL));
        qc_xml_set(e, "media-type", en->media_type);
        if (en->size_bytes >= 0) {
            qc_xml_set_int(e, "size", en->size_bytes);
        }
    }
    if (en->link_url) {
        qc_xml_set(e, "link", en->link_url);
    }
}

/* One <entry> per qc_clip_entry_t of entries; with_private: the secretariat's and judges'
 * view (rejected entries and reasons too). Returns the nodes, in the entries' order. */
static xmlNodePtr *add_entries(qc_ctx_t *ctx, xmlNodePtr parent, const apr_array_header_t *entries,
                               int with_private)
{
    xmlNodePtr *nodes = apr_pcalloc(ctx->p, sizeof(xmlNodePtr) * (apr_size_t)(entries->nelts + 1));
    xmlNodePtr list = qc_xml_add(parent, "entries", NULL);
    int i;
    for (i = 0; i < entries->nelts; i++) {
        const qc_clip_entry_t *en = &APR_ARRAY_IDX(entries, i, qc_clip_entry_t);
        xmlNodePtr e = qc_xml_add(list, "entry", NULL);
        nodes[i] = e;
        qc_xml_set(e, "id", en->id);
        qc_xml_set(e, "unit-code", en->unit_code);
        qc_xml_add(e, "unit", en->unit_name);
        qc_xml_add(e, "title", en->title);
        qc_xml_add(e, "description", en->description);
        qc_xml_set(e, "kind", en->kind);
        add_clip(ctx, e, en);
        qc_xml_set(e, "status", en->status);
        if (with_private) {
            if (en->reject_reason) {
                qc_xml_add(e, "reject-reason", en->reject_reason);
            }
            if (en->committee_order > 0) {
                qc_xml_set_int(e, "committee-order", en->committee_order);
            }
        }
        if (en->has_updated) {
            qc_ctx_set_time(ctx, e, "updated", en->updated_ms);
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

/* The unit whose representative is logged in: Apache's user name is the unit's code. */
static qc_clip_unit_t *unit_or_fail(qc_ctx_t *ctx, const qc_clip_part_t *c)
{
    qc_clip_unit_t *u;
    apr_status_t rv =
        qc_clip_unit_by_code(ctx->db, ctx->p, ctx->contest->id, ctx->req->remote_user, &u);
    if (rv == QC_ENOTFOUND) {
        refuse(ctx, 403, "jury.err.unit_unknown");
        return NULL;
    }
    if (rv != APR_SUCCESS) {
        qc_ctx_fail(ctx, rv);
        return NULL;
    }
    if (*c->unit_kind && strcmp(u->kind, c->unit_kind) != 0) {
        refuse(ctx, 403, "jury.err.unit_not_eligible");
        return NULL;
    }
    return u;
}

void qc_page_unit_home(qc_ctx_t *ctx)
{
    qc_clip_part_t *c = part_or_fail(ctx);
    qc_clip_unit_t *u = c ? unit_or_fail(ctx, c) : NULL;
    qc_clip_entry_t *en;
    xmlNodePtr root, un;
    apr_status_t rv;
    if (!u) {
        return;
    }
    rv = qc_clip_entry_of_unit(ctx->db, ctx->p, ctx->contest->id, u->id, &en);
    if (rv != APR_SUCCESS) {
        qc_ctx_fail(ctx, rv);
        return;
    }
    root = qc_ctx_page(ctx, "jury-unit");
    qc_ctx_page_csrf(ctx);
    un = qc_xml_add(root, "unit", u->name);
    qc_xml_set(un, "code", u->code);
    add_part(ctx, root, c);
    if (en) {
        xmlNodePtr e = qc_xml_add(root, "entry", NULL);
        qc_xml_set(e, "id", en->id);
        qc_xml_add(e, "title", en->title);
        qc_xml_add(e, "description", en->description);
        qc_xml_set(e, "kind", en->kind);
        add_clip(ctx, e, en);
        qc_xml_set(e, "status", en->status);
        if (en->reject_reason) {
            qc_xml_add(e, "reject-reason", en->reject_reason);
        }
        if (en->has_updated) {
            qc_ctx_set_time(ctx, e, "updated", en->updated_ms);
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
static int checked_upload(qc_ctx_t *ctx, const qc_clip_part_t *c, const qc_spooled_t **out,
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
    qc_clip_part_t *c;
    qc_clip_unit_t *u;
    qc_clip_entry_t *en;
    qc_clip_submission_t sub;
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
    rv = qc_clip_entry_of_unit(ctx->db, ctx->p, ctx->contest->id, u->id, &en);
    if (rv != APR_SUCCESS) {
        qc_ctx_fail(ctx, rv);
        return;
    }
    if (!replace && en) {
        refuse(ctx, 409, "jury.err.entry_exists");
        return;
    }
    if (replace && !en) {
        refuse(ctx, 404, "jury.err.no_entry");
        return;
    }
    if (replace) {
        entry_id = en->id;
        old_file = en->file_name;
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
    sub.title = title;
    sub.description = description;
    sub.file_name = file_name;
    sub.media_type = media;
    sub.size_bytes = up ? up->size : 0;
    sub.link_url = link;
    rv = qc_clip_entry_save(ctx->db, ctx->p, ctx->contest->id, &actor, u, entry_id, &sub,
                            ctx->req->remote_user);
    if (rv != APR_SUCCESS) {
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

static qc_def_judge_t *judge_or_fail(qc_ctx_t *ctx)
{
    qc_def_judge_t *j;
    apr_status_t rv =
        qc_jury_judge_get(ctx->db, ctx->p, ctx->contest->id, ctx->req->remote_user, &j);
    if (rv == QC_ENOTFOUND) {
        refuse(ctx, 403, "jury.err.not_judge");
        return NULL;
    }
    if (rv != APR_SUCCESS) {
        qc_ctx_fail(ctx, rv);
        return NULL;
    }
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

void qc_page_judge(qc_ctx_t *ctx, const char *entry_id)
{
    qc_clip_part_t *c = part_or_fail(ctx);
    qc_def_judge_t *j = c ? judge_or_fail(ctx) : NULL;
    apr_array_header_t *entries, *mine;
    xmlNodePtr root, jn, *nodes;
    apr_status_t rv;
    int i, k, found = 0;
    if (!j) {
        return;
    }
    rv = qc_clip_entries(ctx->db, ctx->p, ctx->contest->id, &entries);
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
    for (i = 0; i < entries->nelts; i++) {
        const qc_clip_entry_t *e = &APR_ARRAY_IDX(entries, i, qc_clip_entry_t);
        apr_int64_t *points;
        rv = qc_clip_scores_of_judge(ctx->db, ctx->p, e->id, j->user, &mine);
        if (rv != APR_SUCCESS) {
            qc_ctx_fail(ctx, rv);
            return;
        }
        points = apr_pcalloc(ctx->p, sizeof(*points) * (apr_size_t)(mine->nelts + 1));
        for (k = 0; k < mine->nelts; k++) {
            const qc_clip_score_t *sc = &APR_ARRAY_IDX(mine, k, qc_clip_score_t);
            xmlNodePtr s = qc_xml_add(nodes[i], "my-score", NULL);
            qc_xml_set(s, "criterion", sc->criterion_code);
            qc_xml_set_int(s, "points", sc->points);
            points[k] = sc->points;
        }
        qc_xml_set(nodes[i], "scored",
                   qc_jury_judge_counts(mine->nelts, c->criteria->nelts) ? "1" : "0");
        if (mine->nelts) {
            qc_xml_set_int(nodes[i], "my-total", qc_jury_judge_total(points, mine->nelts));
        }
        /* a judge who belongs to the entry's unit (or the unit above it) is flagged */
        qc_xml_set(nodes[i], "own-unit",
                   qc_jury_own_unit(j->unit_code, e->unit_code, e->parent_unit_code) ? "1" : "0");
        if (entry_id && !strcmp(entry_id, e->id)) {
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

/* The entry `entry_id` among entries, or NULL. */
static const qc_clip_entry_t *entry_by_id(const apr_array_header_t *entries, const char *entry_id)
{
    const qc_clip_entry_t *found = NULL;
    int i;
    for (i = 0; i < entries->nelts; i++) {
        const qc_clip_entry_t *e = &APR_ARRAY_IDX(entries, i, qc_clip_entry_t);
        if (!strcmp(e->id, entry_id)) {
            found = e;
        }
    }
    return found;
}

void qc_page_judge_scores(qc_ctx_t *ctx, const char *entry_id)
{
    qc_clip_part_t *c;
    qc_def_judge_t *j;
    apr_array_header_t *entries;
    const qc_clip_entry_t *e;
    apr_int64_t *points;
    apr_status_t rv;
    int i;
    qc_actor_t actor;

    if (!(c = part_or_fail(ctx)) || !(j = judge_or_fail(ctx)) || !qc_jury_post_ok(ctx)) {
        return;
    }
    if (c->closed_ms) {
        refuse(ctx, 409, "jury.err.judging_closed");
        return;
    }
    rv = qc_clip_entries(ctx->db, ctx->p, ctx->contest->id, &entries);
    if (rv != APR_SUCCESS) {
        qc_ctx_fail(ctx, rv);
        return;
    }
    e = entry_by_id(entries, entry_id);
    if (!e) {
        refuse(ctx, 404, "err.http.404");
        return;
    }
    if (!e->submitted) {
        refuse(ctx, 409, "jury.err.entry_rejected");
        return;
    }
    points = apr_pcalloc(ctx->p, sizeof(*points) * (apr_size_t)(c->criteria->nelts + 1));
    for (i = 0; i < c->criteria->nelts; i++) {
        const qc_clip_criterion_t *cr = &APR_ARRAY_IDX(c->criteria, i, qc_clip_criterion_t);
        const char *v =
            qc_form_get(ctx->p, ctx->req->form, apr_pstrcat(ctx->p, "diem-", cr->code, NULL));
        apr_int64_t x;
        if (qc_util_parse_int64(v, 0, APR_INT64_C(1000000000), &x) != APR_SUCCESS) {
            refuse(ctx, 422, "jury.err.score_invalid");
            return;
        }
        if (x > cr->max) {
            refuse(ctx, 422, "jury.err.score_range");
            return;
        }
        points[i] = x;
    }
    qc_staff_actor(ctx, &actor);
    rv = qc_clip_scores_save(ctx->db, ctx->p, ctx->contest->id, &actor, entry_id, e->unit_name,
                             j->user, c->criteria, points);
    if (rv != APR_SUCCESS) {
        qc_ctx_fail(ctx, rv);
        return;
    }
    qc_ctx_redirect(ctx, "");
}



apr_status_t qc_app_upload_limit(qc_app_request_t *req, apr_off_t *limit)
{
    qc_ctx_t ctx;
    qc_app_response_t resp;
    qc_clip_part_t *c = NULL;
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

void qc_page_clips_staff(qc_ctx_t *ctx)
{
    qc_clip_part_t *c = part_or_fail(ctx);
    apr_array_header_t *entries, *judges;
    xmlNodePtr root, list, *nodes;
    apr_status_t rv;
    int i;
    if (!c) {
        return;
    }
    rv = qc_clip_entries(ctx->db, ctx->p, ctx->contest->id, &entries);
    if (rv == APR_SUCCESS) {
        rv = qc_jury_judges(ctx->db, ctx->p, ctx->contest->id, &judges);
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
    for (i = 0; i < judges->nelts; i++) {
        const qc_def_judge_t *jd = &APR_ARRAY_IDX(judges, i, qc_def_judge_t);
        xmlNodePtr jn = qc_xml_add(list, "judge", jd->name);
        qc_xml_set(jn, "user", jd->user);
        qc_xml_set(jn, "unit-code", jd->unit_code);
    }
    nodes = add_entries(ctx, root, entries, 1);
    rv = add_results(ctx, c, entries, nodes, 1);
    if (rv != APR_SUCCESS) {
        qc_ctx_fail(ctx, rv);
    }
}

static void post_staff(qc_ctx_t *ctx, const char *entry_id, const char *action)
{
    enum { REJECT, COMMITTEE_ORDER, CLOSE_JUDGING, PUBLISH } what;
    qc_clip_part_t *c;
    qc_actor_t actor;
    apr_status_t rv;
    const char *arg = NULL;
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
        what = REJECT;
    }
    else if (!strcmp(action, "thu-tu")) {
        apr_int64_t v;
        arg = qc_form_get(ctx->p, ctx->req->form, "order");
        if (*arg && qc_util_parse_int64(arg, 1, 999, &v) != APR_SUCCESS) {
            refuse(ctx, 422, "jury.err.order");
            return;
        }
        what = COMMITTEE_ORDER;
    }
    else if (!strcmp(action, "khoa-cham")) {
        if (c->closed_ms) {
            refuse(ctx, 409, "jury.err.judging_closed");
            return;
        }
        what = CLOSE_JUDGING;
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
        what = PUBLISH;
    }
    if (entry_id) {
        /* the entry must be one of this contest's */
        apr_array_header_t *entries;
        rv = qc_clip_entries(ctx->db, ctx->p, ctx->contest->id, &entries);
        if (rv != APR_SUCCESS || !entry_by_id(entries, entry_id)) {
            qc_ctx_fail(ctx, rv != APR_SUCCESS ? rv : QC_ENOTFOUND);
            return;
        }
    }
    switch (what) {
    case REJECT:
        rv = qc_clip_reject(ctx->db, ctx->p, ctx->contest->id, &actor, entry_id, arg);
        break;
    case COMMITTEE_ORDER:
        rv = qc_clip_committee_set(ctx->db, ctx->p, ctx->contest->id, &actor, entry_id, arg);
        break;
    case CLOSE_JUDGING:
        rv =
            qc_clip_close_judging(ctx->db, ctx->p, ctx->contest->id, &actor, ctx->req->remote_user);
        break;
    default:
        rv = qc_clip_publish(ctx->db, ctx->p, ctx->contest->id, &actor, ctx->req->remote_user);
        break;
    }
    if (rv != APR_SUCCESS) {
        qc_ctx_fail(ctx, rv);
        return;
    }
    qc_ctx_redirect(ctx, "video");
}


/* ---- the public gallery ------------------------------------------------------------------- */

void qc_page_clip_gallery(qc_ctx_t *ctx)
{
    qc_clip_part_t *c = part_or_fail(ctx);
    apr_array_header_t *entries, *shown;
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
    rv = qc_clip_entries(ctx->db, ctx->p, ctx->contest->id, &entries);
    if (rv != APR_SUCCESS) {
        qc_ctx_fail(ctx, rv);
        return;
    }
    /* rejected entries are not shown */
    shown = apr_array_make(ctx->p, entries->nelts + 1, sizeof(qc_clip_entry_t));
    for (i = 0; i < entries->nelts; i++) {
        const qc_clip_entry_t *e = &APR_ARRAY_IDX(entries, i, qc_clip_entry_t);
        if (e->submitted) {
            APR_ARRAY_PUSH(shown, qc_clip_entry_t) = *e;
        }
    }
    nodes = add_entries(ctx, root, shown, 0);
    rv = add_results(ctx, c, shown, nodes, 0);
    if (rv != APR_SUCCESS) {
        qc_ctx_fail(ctx, rv);
    }
    ctx->resp->cacheable_s = 60;
}

/* ---- entry points of the route table (qc_router.c) ---- */

void qc_page_unit_entry_submit(qc_ctx_t *ctx)
{
    post_entry(ctx, 0);
}

void qc_page_unit_entry_replace(qc_ctx_t *ctx)
{
    post_entry(ctx, 1);
}

void qc_page_clips_close(qc_ctx_t *ctx)
{
    post_staff(ctx, NULL, "khoa-cham");
}

void qc_page_clips_publish(qc_ctx_t *ctx)
{
    post_staff(ctx, NULL, "cong-bo");
}

void qc_page_clip_reject(qc_ctx_t *ctx, const char *entry_id)
{
    post_staff(ctx, entry_id, "tu-choi");
}

void qc_page_clip_order(qc_ctx_t *ctx, const char *entry_id)
{
    post_staff(ctx, entry_id, "thu-tu");
}
