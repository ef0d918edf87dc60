/* The video-clip part in the database: its settings, criteria and prizes, the units' entries,
 * the judges' scores, and the unit area's, jury's and secretariat's changes (each one
 * transaction with its audit entry). */
#include <string.h>
#include <apr_strings.h>
#include "qc_clip.h"
#include "qc_sql.h"
#include "qc_status.h"
#include "qc_time.h"
#include "qc_util.h"

const qc_sql_statement_t qc_clip_statements[] = {
    /* qc_clip_part PRIMARY KEY (contest_id) */
    {"qc_clip_part_get",
     "SELECT title, deadline_at, max_bytes, drop_extremes, unit_kind, judging_closed_at,"
     " published_at, UTC_TIMESTAMP(3), count_own_unit FROM qc_clip_part WHERE contest_id = %s"},
    {"qc_clip_close_judging",
     "UPDATE qc_clip_part SET judging_closed_at = UTC_TIMESTAMP(3), judging_closed_by = %s"
     " WHERE contest_id = %s AND judging_closed_at IS NULL"},
    {"qc_clip_publish",
     "UPDATE qc_clip_part SET published_at = UTC_TIMESTAMP(3), published_by = %s"
     " WHERE contest_id = %s AND judging_closed_at IS NOT NULL AND published_at IS NULL"},
    /* qc_clip_criterion / qc_clip_prize PRIMARY KEY (contest_id, ...) */
    {"qc_clip_criteria",
     "SELECT code, title, max_points FROM qc_clip_criterion WHERE contest_id = %s ORDER BY seq"},
    {"qc_clip_prizes",
     "SELECT title, count, COALESCE(amount, 0) FROM qc_clip_prize WHERE contest_id = %s"
     " ORDER BY seq"},
    /* the unit area: uq_unit_code (contest_id, code) */
    {"qc_jury_unit_by_code",
     "SELECT id, code, name, kind FROM qc_unit WHERE contest_id = %s AND code = %s"},
    /* qc_clip_entry uq_clip_entry_unit (contest_id, unit_id) */
    {"qc_clip_entry_of_unit",
     "SELECT id, title, description, kind, file_name, media_type, size_bytes, link_url, status,"
     " reject_reason, updated_at FROM qc_clip_entry WHERE contest_id = %s AND unit_id = %s"},
    {"qc_clip_entry_insert",
     "INSERT INTO qc_clip_entry (contest_id, unit_id, title, description, kind, file_name,"
     " media_type, size_bytes, link_url, submitted_by, created_at, updated_at)"
     " VALUES (%s, %s, %s, %s, %s, NULLIF(%s, ''), NULLIF(%s, ''), NULLIF(%s, ''),"
     " NULLIF(%s, ''), %s, UTC_TIMESTAMP(3), UTC_TIMESTAMP(3))"},
    {"qc_clip_entry_replace",
     "UPDATE qc_clip_entry SET title = %s, description = %s, kind = %s,"
     " file_name = NULLIF(%s, ''), media_type = NULLIF(%s, ''), size_bytes = NULLIF(%s, ''),"
     " link_url = NULLIF(%s, ''), submitted_by = %s, updated_at = UTC_TIMESTAMP(3),"
     " status = 'submitted', reject_reason = NULL WHERE id = %s AND contest_id = %s"},
    /* the whole contest's entries (uq_clip_entry_unit), with the unit and its parent */
    {"qc_clip_entries",
     "SELECT e.id, u.code, u.name, e.title, e.description, e.kind, e.file_name, e.media_type,"
     " e.size_bytes, e.link_url, e.status, e.reject_reason, e.updated_at, e.committee_ord,"
     " COALESCE(pu.code, '')"
     " FROM qc_clip_entry e JOIN qc_unit u ON u.id = e.unit_id"
     " LEFT JOIN qc_unit pu ON pu.id = u.parent_id"
     " WHERE e.contest_id = %s ORDER BY u.seq, u.id"},
    {"qc_clip_reject", "UPDATE qc_clip_entry SET status = 'rejected', reject_reason = %s"
                       " WHERE id = %s AND contest_id = %s"},
    {"qc_clip_committee_set",
     "UPDATE qc_clip_entry SET committee_ord = NULLIF(%s, '') WHERE id = %s AND contest_id = %s"},
    /* qc_clip_score PRIMARY KEY (entry_id, judge_user, criterion_code) */
    {"qc_clip_scores_clear_entry", "DELETE FROM qc_clip_score WHERE entry_id = %s"},
    {"qc_clip_score_upsert",
     "INSERT INTO qc_clip_score (entry_id, judge_user, criterion_code, points, scored_at)"
     " VALUES (%s, %s, %s, %s, UTC_TIMESTAMP(3))"
     " ON DUPLICATE KEY UPDATE points = VALUES(points), scored_at = VALUES(scored_at)"},
    {"qc_clip_scores_by_judge",
     "SELECT criterion_code, points FROM qc_clip_score WHERE entry_id = %s AND judge_user = %s"},
    {"qc_clip_judge_totals", "SELECT s.entry_id, s.judge_user, SUM(s.points), COUNT(*)"
                             " FROM qc_clip_entry e JOIN qc_clip_score s ON s.entry_id = e.id"
                             " WHERE e.contest_id = %s GROUP BY s.entry_id, s.judge_user"
                             " ORDER BY s.entry_id, s.judge_user"},
    {NULL, NULL}};

/* A number column read the way the pages always read it: v untouched (so 0) unless it
 * parses within [min, max]. */
static apr_int64_t number(const char *s, apr_int64_t min, apr_int64_t max)
{
    apr_int64_t v = 0;
    qc_util_parse_int64(s, min, max, &v);
    return v;
}

apr_status_t qc_clip_part_load(qc_db_t *db, apr_pool_t *p, const char *contest_id,
                               qc_clip_part_t **out)
{
    qc_clip_part_t *c;
    qc_rows_t *rows;
    const char **r;
    int i;
    apr_status_t rv = qc_db_select(db, p, "qc_clip_part_get", QC_ARGS(contest_id), &rows);
    *out = NULL;
    if (rv != APR_SUCCESS) {
        return rv;
    }
    if (rows->nrows == 0) {
        return QC_ENOTFOUND;
    }
    r = rows->rows[0];
    c = apr_pcalloc(p, sizeof(*c));
    c->title = r[0];
    qc_time_parse_db(r[1], &c->deadline_ms);
    c->max_bytes = number(r[2], 0, APR_INT64_C(1) << 50);
    c->drop_extremes = !strcmp(r[3], "1");
    c->count_own_unit = r[8] && !strcmp(r[8], "1");
    c->unit_kind = r[4];
    if (r[5]) {
        qc_time_parse_db(r[5], &c->closed_ms);
    }
    if (r[6]) {
        qc_time_parse_db(r[6], &c->published_ms);
    }
    qc_time_parse_db(r[7], &c->now_ms);
    rv = qc_db_select(db, p, "qc_clip_criteria", QC_ARGS(contest_id), &rows);
    if (rv != APR_SUCCESS) {
        return rv;
    }
    c->criteria = apr_array_make(p, rows->nrows + 1, sizeof(qc_clip_criterion_t));
    for (i = 0; i < rows->nrows; i++) {
        qc_clip_criterion_t *k = apr_array_push(c->criteria);
        k->code = rows->rows[i][0];
        k->title = rows->rows[i][1];
        k->max = (int)number(rows->rows[i][2], 0, 100000);
    }
    rv = qc_db_select(db, p, "qc_clip_prizes", QC_ARGS(contest_id), &rows);
    if (rv != APR_SUCCESS) {
        return rv;
    }
    c->prizes = apr_array_make(p, rows->nrows + 1, sizeof(qc_prize_tier_t));
    for (i = 0; i < rows->nrows; i++) {
        qc_prize_tier_t *t = apr_array_push(c->prizes);
        t->title = rows->rows[i][0];
        t->count = (int)number(rows->rows[i][1], 0, 100000);
        t->amount = number(rows->rows[i][2], 0, APR_INT64_C(2000000000));
    }
    *out = c;
    return APR_SUCCESS;
}

apr_status_t qc_clip_unit_by_code(qc_db_t *db, apr_pool_t *p, const char *contest_id,
                                  const char *code, qc_clip_unit_t **out)
{
    qc_rows_t *rows;
    qc_clip_unit_t *u;
    apr_status_t rv = qc_db_select(db, p, "qc_jury_unit_by_code", QC_ARGS(contest_id, code), &rows);
    *out = NULL;
    if (rv != APR_SUCCESS) {
        return rv;
    }
    if (rows->nrows == 0) {
        return QC_ENOTFOUND;
    }
    u = apr_pcalloc(p, sizeof(*u));
    u->id = rows->rows[0][0];
    u->code = rows->rows[0][1];
    u->name = rows->rows[0][2];
    u->kind = rows->rows[0][3];
    *out = u;
    return APR_SUCCESS;
}

/* The columns from kind on, the same in both entry statements but for where they start. */
static void decode_entry_tail(qc_clip_entry_t *e, const char **r)
{
    e->kind = r[0];
    e->file_name = r[1];
    e->media_type = r[2];
    e->size_bytes = r[3] ? apr_atoi64(r[3]) : -1;
    e->link_url = r[4];
    e->status = r[5];
    e->submitted = r[5] && !strcmp(r[5], "submitted");
    e->reject_reason = r[6];
    e->has_updated = qc_time_parse_db(r[7], &e->updated_ms) == APR_SUCCESS;
}

apr_status_t qc_clip_entry_of_unit(qc_db_t *db, apr_pool_t *p, const char *contest_id,
                                   const char *unit_id, qc_clip_entry_t **out)
{
    qc_rows_t *rows;
    qc_clip_entry_t *e;
    const char **r;
    apr_status_t rv =
        qc_db_select(db, p, "qc_clip_entry_of_unit", QC_ARGS(contest_id, unit_id), &rows);
    *out = NULL;
    if (rv != APR_SUCCESS || rows->nrows == 0) {
        return rv;
    }
    r = rows->rows[0];
    e = apr_pcalloc(p, sizeof(*e));
    e->id = r[0];
    e->title = r[1];
    e->description = r[2];
    /* kind, file_name, media_type, size_bytes, link_url, status, reject_reason, updated_at */
    decode_entry_tail(e, r + 3);
    *out = e;
    return APR_SUCCESS;
}

apr_status_t qc_clip_entries(qc_db_t *db, apr_pool_t *p, const char *contest_id,
                             apr_array_header_t **out)
{
    qc_rows_t *rows;
    int i;
    apr_status_t rv = qc_db_select(db, p, "qc_clip_entries", QC_ARGS(contest_id), &rows);
    *out = NULL;
    if (rv != APR_SUCCESS) {
        return rv;
    }
    *out = apr_array_make(p, rows->nrows + 1, sizeof(qc_clip_entry_t));
    for (i = 0; i < rows->nrows; i++) {
        const char **r = rows->rows[i];
        qc_clip_entry_t *e = apr_array_push(*out);
        memset(e, 0, sizeof(*e));
        e->id = r[0];
        e->unit_code = r[1];
        e->unit_name = r[2];
        e->title = r[3];
        e->description = r[4];
        /* kind, file_name, media_type, size_bytes, link_url, status, reject_reason,
         * updated_at */
        decode_entry_tail(e, r + 5);
        e->committee_order = (int)number(r[13], 0, 100000);
        e->parent_unit_code = r[14];
    }
    return APR_SUCCESS;
}

apr_status_t qc_clip_scores_of_judge(qc_db_t *db, apr_pool_t *p, const char *entry_id,
                                     const char *judge_user, apr_array_header_t **out)
{
    qc_rows_t *rows;
    int i;
    apr_status_t rv =
        qc_db_select(db, p, "qc_clip_scores_by_judge", QC_ARGS(entry_id, judge_user), &rows);
    *out = NULL;
    if (rv != APR_SUCCESS) {
        return rv;
    }
    *out = apr_array_make(p, rows->nrows + 1, sizeof(qc_clip_score_t));
    for (i = 0; i < rows->nrows; i++) {
        qc_clip_score_t *s = apr_array_push(*out);
        s->criterion_code = rows->rows[i][0];
        s->points = number(rows->rows[i][1], 0, 100000);
    }
    return APR_SUCCESS;
}

apr_status_t qc_clip_judge_totals(qc_db_t *db, apr_pool_t *p, const char *contest_id,
                                  apr_array_header_t **out)
{
    qc_rows_t *rows;
    int i;
    apr_status_t rv = qc_db_select(db, p, "qc_clip_judge_totals", QC_ARGS(contest_id), &rows);
    *out = NULL;
    if (rv != APR_SUCCESS) {
        return rv;
    }
    *out = apr_array_make(p, rows->nrows + 1, sizeof(qc_clip_judge_total_t));
    for (i = 0; i < rows->nrows; i++) {
        qc_clip_judge_total_t *t = apr_array_push(*out);
        t->entry_id = rows->rows[i][0];
        t->judge_user = rows->rows[i][1];
        t->points = number(rows->rows[i][2], 0, 1000000);
        t->criteria = number(rows->rows[i][3], 0, 1000000);
    }
    return APR_SUCCESS;
}

/* The saving of an entry (a clip sent or replaced), one transaction (qc_db_transact). */
typedef struct {
    const char *contest_id;
    const qc_actor_t *actor;
    const qc_clip_unit_t *unit;
    const char *replace_id;
    const qc_clip_submission_t *s;
    const char *by;
} entry_save_t;

static apr_status_t entry_save_work(qc_db_t *db, apr_pool_t *p, void *baton)
{
    const entry_save_t *b = baton;
    const qc_clip_submission_t *s = b->s;
    const char *kind = s->file_name ? "file" : "link";
    const char *file_name = s->file_name ? s->file_name : "";
    const char *media = s->media_type ? s->media_type : "";
    const char *size = s->file_name ? apr_off_t_toa(p, s->size_bytes) : "";
    apr_status_t rv;
    if (!b->replace_id) {
        rv = qc_db_exec(db, p, "qc_clip_entry_insert",
                        QC_ARGS(b->contest_id, b->unit->id, s->title, s->description, kind,
                                file_name, media, size, s->link_url, b->by),
                        NULL);
    }
    else {
        rv = qc_db_exec(db, p, "qc_clip_entry_replace",
                        QC_ARGS(s->title, s->description, kind, file_name, media, size, s->link_url,
                                b->by, b->replace_id, b->contest_id),
                        NULL);
        if (rv == APR_SUCCESS) {
            /* the judges scored the clip this one replaces */
            rv = qc_db_exec(db, p, "qc_clip_scores_clear_entry", QC_ARGS(b->replace_id), NULL);
        }
    }
    if (rv == APR_SUCCESS) {
        rv = qc_audit_write(
            db, p, b->contest_id, b->actor, b->replace_id ? "clip.replace" : "clip.submit",
            b->unit->name, NULL,
            apr_pstrcat(p, s->title, "\n", s->file_name ? s->file_name : s->link_url, NULL));
    }
    return rv;
}

apr_status_t qc_clip_entry_save(qc_db_t *db, apr_pool_t *p, const char *contest_id,
                                const qc_actor_t *actor, const qc_clip_unit_t *unit,
                                const char *replace_id, const qc_clip_submission_t *s,
                                const char *by)
{
    entry_save_t b = {contest_id, actor, unit, replace_id, s, by};
    return qc_db_transact(db, p, "save a clip", entry_save_work, &b);
}

typedef struct {
    const char *contest_id;
    const qc_actor_t *actor;
    const char *entry_id, *entry_unit_name, *judge_user;
    const apr_array_header_t *criteria;
    const apr_int64_t *points;
} scores_save_t;

static apr_status_t scores_save_work(qc_db_t *db, apr_pool_t *p, void *baton)
{
    const scores_save_t *b = baton;
    const char *after = "";
    int i;
    apr_status_t rv = APR_SUCCESS;
    for (i = 0; rv == APR_SUCCESS && i < b->criteria->nelts; i++) {
        const qc_clip_criterion_t *k = &APR_ARRAY_IDX(b->criteria, i, qc_clip_criterion_t);
        rv = qc_db_exec(db, p, "qc_clip_score_upsert",
                        QC_ARGS(b->entry_id, b->judge_user, k->code, qc_util_i64(p, b->points[i])),
                        NULL);
    }
    if (rv == APR_SUCCESS) {
        for (i = 0; i < b->criteria->nelts; i++) {
            const qc_clip_criterion_t *k = &APR_ARRAY_IDX(b->criteria, i, qc_clip_criterion_t);
            after = apr_psprintf(p, "%s%s%s=%s", after, i ? " " : "", k->code,
                                 qc_util_i64(p, b->points[i]));
        }
        rv = qc_audit_write(db, p, b->contest_id, b->actor, "clip.score", b->entry_unit_name, NULL,
                            after);
    }
    return rv;
}

apr_status_t qc_clip_scores_save(qc_db_t *db, apr_pool_t *p, const char *contest_id,
                                 const qc_actor_t *actor, const char *entry_id,
                                 const char *entry_unit_name, const char *judge_user,
                                 const apr_array_header_t *criteria, const apr_int64_t *points)
{
    scores_save_t b = {contest_id, actor, entry_id, entry_unit_name, judge_user, criteria, points};
    return qc_db_transact(db, p, "save clip scores", scores_save_work, &b);
}

/* One statement of the secretariat's and its audit entry, in one transaction. */
typedef struct {
    const char *contest_id;
    const qc_actor_t *actor;
    const char *label;
    int nargs;
    const char *const *args;
    const char *action, *object, *after;
} staff_change_t;

static apr_status_t staff_change_work(qc_db_t *db, apr_pool_t *p, void *baton)
{
    const staff_change_t *b = baton;
    apr_status_t rv = qc_db_exec(db, p, b->label, b->nargs, b->args, NULL);
    if (rv == APR_SUCCESS) {
        rv = qc_audit_write(db, p, b->contest_id, b->actor, b->action, b->object, NULL, b->after);
    }
    return rv;
}

static apr_status_t staff_change(qc_db_t *db, apr_pool_t *p, const char *contest_id,
                                 const qc_actor_t *actor, const char *label, int nargs,
                                 const char *const *args, const char *action, const char *object,
                                 const char *after)
{
    staff_change_t b = {contest_id, actor, label, nargs, args, action, object, after};
    return qc_db_transact(db, p, action, staff_change_work, &b);
}

apr_status_t qc_clip_reject(qc_db_t *db, apr_pool_t *p, const char *contest_id,
                            const qc_actor_t *actor, const char *entry_id, const char *reason)
{
    return staff_change(db, p, contest_id, actor, "qc_clip_reject",
                        QC_ARGS(reason, entry_id, contest_id), "clip.reject", entry_id, reason);
}

apr_status_t qc_clip_committee_set(qc_db_t *db, apr_pool_t *p, const char *contest_id,
                                   const qc_actor_t *actor, const char *entry_id, const char *order)
{
    return staff_change(db, p, contest_id, actor, "qc_clip_committee_set",
                        QC_ARGS(order, entry_id, contest_id), "clip.committee_order", entry_id,
                        order);
}

apr_status_t qc_clip_close_judging(qc_db_t *db, apr_pool_t *p, const char *contest_id,
                                   const qc_actor_t *actor, const char *by)
{
    return staff_change(db, p, contest_id, actor, "qc_clip_close_judging", QC_ARGS(by, contest_id),
                        "clip.close_judging", "", NULL);
}

apr_status_t qc_clip_publish(qc_db_t *db, apr_pool_t *p, const char *contest_id,
                             const qc_actor_t *actor, const char *by)
{
    return staff_change(db, p, contest_id, actor, "qc_clip_publish", QC_ARGS(by, contest_id),
                        "clip.publish", "", NULL);
}
