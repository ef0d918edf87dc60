/* The contest's questions as the secretariat sees them (see qc_question.h). */
#include <string.h>
#include <apr_strings.h>
#include "qc_question.h"
#include "qc_sql.h"
#include "qc_status.h"
#include "qc_time.h"
#include "qc_util.h"

/* The secretariat area: the question bank (ix_question_bank, ix_item_question). */
const qc_sql_statement_t qc_question_statements[] = {
    {"qc_staff_topics", "SELECT t.id, t.code, t.title, t.quota,"
                        " (SELECT COUNT(*) FROM qc_question q WHERE q.contest_id = t.contest_id"
                        "  AND q.topic_id = t.id AND q.retired = 0)"
                        " FROM qc_topic t WHERE t.contest_id = %s ORDER BY t.code"},
    {"qc_staff_questions",
     "SELECT q.id, q.code, q.version, t.code, t.title, q.kind, q.body, q.retired,"
     " EXISTS (SELECT 1 FROM qc_attempt_item i WHERE i.question_id = q.id)"
     " FROM qc_question q JOIN qc_topic t ON t.id = q.topic_id"
     " WHERE q.contest_id = %s AND (%s = '' OR t.code = %s) AND (%s = 'all' OR q.retired = 0)"
     " AND (%s = '' OR LOCATE(%s, q.body) > 0 OR q.code = %s)"
     " ORDER BY t.code, q.code, q.version LIMIT 1000"},
    {"qc_staff_question",
     "SELECT q.id, q.code, q.version, t.code, t.title, q.kind, q.body, q.explanation,"
     " q.retired, q.created_at,"
     " (SELECT COUNT(*) FROM qc_attempt_item i WHERE i.question_id = q.id),"
     " (SELECT COUNT(*) FROM qc_attempt_item i WHERE i.question_id = q.id"
     "  AND i.selected IS NOT NULL AND i.selected = i.correct_key)"
     " FROM qc_question q JOIN qc_topic t ON t.id = q.topic_id"
     " WHERE q.contest_id = %s AND q.id = %s"},
    {"qc_staff_question_choices",
     "SELECT seq, body, is_correct, id FROM qc_choice WHERE question_id = %s ORDER BY seq"},
    /* what contestants chose (ix_item_question): a choice picked more than the key points
     * at a wrong key */
    {"qc_staff_question_picks",
     "SELECT COALESCE(selected, ''), COUNT(*) FROM qc_attempt_item WHERE question_id = %s"
     " GROUP BY selected"},
    /* every question of the contest with how often it was drawn, answered and answered
     * right, the lowest share of right answers first (uq_question_version, ix_item_question) */
    {"qc_staff_question_stats",
     "SELECT q.id, q.code, q.version, t.title, q.body, q.retired, COUNT(i.question_id),"
     " COALESCE(SUM(i.selected IS NOT NULL), 0), COALESCE(SUM(i.selected = i.correct_key), 0)"
     " FROM qc_question q JOIN qc_topic t ON t.id = q.topic_id"
     " LEFT JOIN qc_attempt_item i ON i.question_id = q.id"
     " WHERE q.contest_id = %s GROUP BY q.id"
     " HAVING COUNT(i.question_id) > 0 OR q.retired = 0"
     " ORDER BY COALESCE(SUM(i.selected IS NOT NULL), 0) = 0,"
     " COALESCE(SUM(i.selected = i.correct_key), 0)"
     "   / GREATEST(COALESCE(SUM(i.selected IS NOT NULL), 0), 1), q.code"},
    {"qc_staff_question_versions", "SELECT id, version, retired, created_at FROM qc_question"
                                   " WHERE contest_id = %s AND code = %s ORDER BY version"},
    {"qc_staff_question_current",
     "SELECT id FROM qc_question WHERE contest_id = %s AND code = %s AND retired = 0"},
    {"qc_staff_question_retire",
     "UPDATE qc_question SET retired = 1 WHERE contest_id = %s AND id = %s AND retired = 0"},
    {NULL, NULL}};

static apr_int64_t num(const char *s)
{
    return s ? apr_atoi64(s) : 0;
}

static int flag(const char *s)
{
    return s && strcmp(s, "0") != 0 && *s;
}

apr_status_t qc_question_topics(qc_db_t *db, apr_pool_t *p, const char *contest_id,
                                qc_topic_t **topics, int *n)
{
    qc_rows_t *rows;
    qc_topic_t *t;
    int i;
    apr_status_t rv = qc_db_select(db, p, "qc_staff_topics", QC_ARGS(contest_id), &rows);
    if (rv != APR_SUCCESS) {
        return rv;
    }
    t = apr_pcalloc(p, sizeof(*t) * (rows->nrows + 1));
    for (i = 0; i < rows->nrows; i++) {
        const char *const *row = rows->rows[i];
        t[i].id = num(row[0]);
        t[i].code = row[1];
        t[i].title = row[2];
        t[i].has_quota = row[3] != NULL;
        t[i].quota = num(row[3]);
        t[i].active = num(row[4]);
    }
    *topics = t;
    *n = rows->nrows;
    return APR_SUCCESS;
}

apr_status_t qc_question_list(qc_db_t *db, apr_pool_t *p, const char *contest_id,
                              const qc_question_filter_t *f, qc_question_entry_t **list, int *n)
{
    const char *all = f->with_retired ? "all" : "";
    qc_rows_t *rows;
    qc_question_entry_t *e;
    int i;
    apr_status_t rv = qc_db_select(
        db, p, "qc_staff_questions",
        QC_ARGS(contest_id, f->topic_code, f->topic_code, all, f->text, f->text, f->text), &rows);
    if (rv != APR_SUCCESS) {
        return rv;
    }
    e = apr_pcalloc(p, sizeof(*e) * (rows->nrows + 1));
    for (i = 0; i < rows->nrows; i++) {
        const char *const *row = rows->rows[i];
        e[i].id = num(row[0]);
        e[i].code = row[1];
        e[i].version = num(row[2]);
        e[i].topic_code = row[3];
        e[i].topic_title = row[4];
        e[i].kind = row[5];
        e[i].text = row[6];
        e[i].retired = flag(row[7]);
        e[i].used = flag(row[8]);
    }
    *list = e;
    *n = rows->nrows;
    return APR_SUCCESS;
}

apr_status_t qc_question_get(qc_db_t *db, apr_pool_t *p, const char *contest_id, const char *id,
                             qc_question_t **out)
{
    qc_rows_t *rows, *crows;
    qc_question_t *q;
    const char *const *row;
    int i;
    apr_status_t rv = qc_db_select(db, p, "qc_staff_question", QC_ARGS(contest_id, id), &rows);
    if (rv == APR_SUCCESS && rows->nrows == 0) {
        rv = QC_ENOTFOUND;
    }
    if (rv == APR_SUCCESS) {
        rv = qc_db_select(db, p, "qc_staff_question_choices", QC_ARGS(id), &crows);
    }
    if (rv != APR_SUCCESS) {
        return rv;
    }
    row = rows->rows[0];
    q = apr_pcalloc(p, sizeof(*q));
    q->id = num(row[0]);
    q->code = row[1];
    q->version = num(row[2]);
    q->topic_code = row[3];
    q->topic_title = row[4];
    q->kind = row[5];
    q->text = row[6];
    q->explanation = row[7];
    q->retired = flag(row[8]);
    q->has_created = qc_time_parse_db(row[9], &q->created_ms) == APR_SUCCESS;
    q->drawn = num(row[10]);
    q->right = num(row[11]);
    q->choices = apr_pcalloc(p, sizeof(*q->choices) * (crows->nrows + 1));
    q->nchoices = crows->nrows;
    for (i = 0; i < crows->nrows; i++) {
        const char *const *c = crows->rows[i];
        q->choices[i].seq = num(c[0]);
        q->choices[i].text = c[1];
        q->choices[i].correct = flag(c[2]);
        q->choices[i].id = num(c[3]);
    }
    *out = q;
    return APR_SUCCESS;
}

apr_status_t qc_question_usage(qc_db_t *db, apr_pool_t *p, const char *contest_id, qc_question_t *q)
{
    const char *id = qc_util_i64(p, q->id);
    qc_rows_t *prows, *vrows;
    int i, j;
    apr_status_t rv = qc_db_select(db, p, "qc_staff_question_picks", QC_ARGS(id), &prows);
    if (rv == APR_SUCCESS) {
        rv =
            qc_db_select(db, p, "qc_staff_question_versions", QC_ARGS(contest_id, q->code), &vrows);
    }
    if (rv != APR_SUCCESS) {
        return rv;
    }
    /* how many answers included each choice (a selection is a sorted list of choice ids) */
    for (i = 0; i < q->nchoices; i++) {
        const char *cid = qc_util_i64(p, q->choices[i].id);
        q->choices[i].picked = 0;
        for (j = 0; j < prows->nrows; j++) {
            if (qc_util_csv_has(prows->rows[j][0], cid)) {
                q->choices[i].picked += num(prows->rows[j][1]);
            }
        }
    }
    for (j = 0; j < prows->nrows; j++) {
        if (!*prows->rows[j][0]) {
            q->has_unanswered = 1;
            q->unanswered = num(prows->rows[j][1]);
        }
    }
    q->versions = apr_pcalloc(p, sizeof(*q->versions) * (vrows->nrows + 1));
    q->nversions = vrows->nrows;
    for (i = 0; i < vrows->nrows; i++) {
        const char *const *row = vrows->rows[i];
        qc_question_version_t *v = &q->versions[i];
        v->id = num(row[0]);
        v->number = num(row[1]);
        v->retired = flag(row[2]);
        v->has_created = qc_time_parse_db(row[3], &v->created_ms) == APR_SUCCESS;
    }
    return APR_SUCCESS;
}

apr_status_t qc_question_stats(qc_db_t *db, apr_pool_t *p, const char *contest_id,
                               qc_question_stat_t **list, int *n)
{
    qc_rows_t *rows;
    qc_question_stat_t *s;
    int i;
    apr_status_t rv = qc_db_select(db, p, "qc_staff_question_stats", QC_ARGS(contest_id), &rows);
    if (rv != APR_SUCCESS) {
        return rv;
    }
    s = apr_pcalloc(p, sizeof(*s) * (rows->nrows + 1));
    for (i = 0; i < rows->nrows; i++) {
        const char *const *row = rows->rows[i];
        s[i].id = num(row[0]);
        s[i].code = row[1];
        s[i].version = num(row[2]);
        s[i].topic_title = row[3];
        s[i].text = row[4];
        s[i].retired = flag(row[5]);
        s[i].drawn = num(row[6]);
        s[i].answered = num(row[7]);
        s[i].right = num(row[8]);
    }
    *list = s;
    *n = rows->nrows;
    return APR_SUCCESS;
}

/* The retirement, the contest's new revision and the audit entry: one transaction. */
typedef struct {
    const char *contest_id;
    const qc_actor_t *actor;
    const char *id;
    const qc_rows_t *rows;
} retire_tx_t;

static apr_status_t retire_work(qc_db_t *db, apr_pool_t *p, void *baton)
{
    const retire_tx_t *b = baton;
    int affected = 0;
    apr_status_t rv;
    QC_CHECK(
        qc_db_exec(db, p, "qc_staff_question_retire", QC_ARGS(b->contest_id, b->id), &affected));
    if (affected == 1) {
        /* the processes' copies of the bank are out of date from this commit on */
        QC_CHECK(qc_db_exec(db, p, "qc_contest_touch", QC_ARGS(b->contest_id), NULL));
        QC_CHECK(qc_audit_write(
            db, p, b->contest_id, b->actor, "question.retire",
            apr_psprintf(p, "%s v%s (#%s)", b->rows->rows[0][1], b->rows->rows[0][2], b->id),
            "đang dùng", "ngừng dùng"));
    }
leave:
    return rv;
}

apr_status_t qc_question_retire(qc_db_t *db, apr_pool_t *p, const char *contest_id,
                                const qc_actor_t *actor, const char *id)
{
    qc_rows_t *rows;
    apr_status_t rv = qc_db_select(db, p, "qc_staff_question", QC_ARGS(contest_id, id), &rows);
    if (rv == APR_SUCCESS && rows->nrows == 0) {
        rv = QC_ENOTFOUND;
    }
    if (rv != APR_SUCCESS) {
        return rv;
    }
    {
        retire_tx_t b = {contest_id, actor, id, rows};
        return qc_db_transact(db, p, "retire a question", retire_work, &b);
    }
}

apr_status_t qc_question_current_id(qc_db_t *db, apr_pool_t *p, const char *contest_id,
                                    const char *code, apr_int64_t *id)
{
    qc_rows_t *rows;
    apr_status_t rv =
        qc_db_select(db, p, "qc_staff_question_current", QC_ARGS(contest_id, code), &rows);
    if (rv == APR_SUCCESS && rows->nrows == 0) {
        rv = QC_ENOTFOUND;
    }
    if (rv == APR_SUCCESS) {
        *id = num(rows->rows[0][0]);
    }
    return rv;
}
