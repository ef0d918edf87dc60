/* A question bank in the database (the files are read and written by lib/rules/qc_qbank_*.c): storing a read bank into a contest (one transaction, the
 * versioning rule of the bank: a question already drawn is never changed) and loading a
 * contest's current bank for export. */
#include <string.h>
#include <apr_hash.h>
#include <apr_strings.h>

#include "qc_log.h"
#include "qc_qbank_store.h"
#include "qc_question.h"
#include "qc_sql.h"
#include "qc_staging.h"
#include "qc_status.h"
#include "qc_util.h"

/* Storing a bank into a contest (quizcontest-admin import-questions, the secretariat's import
 * and question form) and loading it for export. */
const qc_sql_statement_t qc_qbank_statements[] = {
    {"qc_qbank_question_retire", "UPDATE qc_question SET retired = 1 WHERE id = %s"},
    {"qc_qbank_question_insert",
     "INSERT INTO qc_question (contest_id, topic_id, code, version, kind, body, explanation,"
     " content_hash)"
     " SELECT %s, %s, %s, COALESCE(MAX(version), 0) + 1, %s, %s, %s, %s"
     " FROM qc_question WHERE contest_id = %s AND code = %s"},
    {"qc_qbank_choice_insert",
     "INSERT INTO qc_choice (question_id, seq, body, is_correct) VALUES (%s, %s, %s, %s)"},
    /* uq_question_version (contest_id, code, version) */
    {"qc_qbank_question_current",
     "SELECT id, content_hash, topic_id FROM qc_question WHERE contest_id = %s AND code = %s"
     " AND retired = 0"},
    {"qc_qbank_question_move", "UPDATE qc_question SET topic_id = %s WHERE id = %s"},
    /* uq_topic_code; by title: a contest has a few dozen topics at most */
    {"qc_qbank_topic_by_title",
     "SELECT code FROM qc_topic WHERE contest_id = %s AND title = %s ORDER BY id LIMIT 1"},
    {"qc_qbank_topic_by_code", "SELECT title FROM qc_topic WHERE contest_id = %s AND code = %s"},
    /* ix_question_bank (contest_id, retired, topic_id) */
    {"qc_qbank_export_questions",
     "SELECT q.id, q.code, q.kind, q.body, q.explanation, t.code, t.title"
     " FROM qc_question q JOIN qc_topic t ON t.id = q.topic_id"
     " WHERE q.contest_id = %s AND q.retired = 0 ORDER BY t.id, q.id"},
    /* uq_choice_seq (question_id, seq) */
    {"qc_qbank_export_choices",
     "SELECT c.question_id, c.body, c.is_correct FROM qc_choice c"
     " JOIN qc_question q ON q.id = c.question_id"
     " WHERE q.contest_id = %s AND q.retired = 0 ORDER BY c.question_id, c.seq"},
    /* ix_question_bank (contest_id, retired, topic_id) */
    {"qc_qbank_current_stems",
     "SELECT code, body FROM qc_question WHERE contest_id = %s AND retired = 0"},
    {NULL, NULL}};

static apr_status_t contest_id_of(qc_db_t *db, apr_pool_t *p, const char *code, const char **id,
                                  const char **errmsg)
{
    qc_rows_t *rows;
    apr_status_t rv = qc_db_select(db, p, "qc_def_contest_id", QC_ARGS(code), &rows);
    if (rv != APR_SUCCESS) {
        *errmsg = "the database refused the query (see the log)";
        return rv;
    }
    if (rows->nrows == 0) {
        *errmsg = apr_psprintf(p, "no contest with code %s: load its definition first", code);
        return QC_ENOTFOUND;
    }
    *id = rows->rows[0][0];
    return APR_SUCCESS;
}

/*
 * The id of q's topic, created when needed. A topic named by code is upserted (its title
 * follows the file). A topic known only by title is the contest's topic of that title, or a
 * new one coded from the title (with a hash suffix when that code is another title's).
 */
static apr_status_t topic_of(qc_db_t *db, apr_pool_t *p, const char *contest_id,
                             const qc_qquestion_t *q, apr_hash_t *seen, qc_qbank_stats_t *st,
                             const char **topic_id)
{
    const char *key =
        apr_pstrcat(p, q->topic_code ? q->topic_code : "", "\x1f", q->topic_title, NULL);
    const char *code = q->topic_code;
    qc_rows_t *rows;
    apr_status_t rv = APR_SUCCESS;

    if ((*topic_id = apr_hash_get(seen, key, APR_HASH_KEY_STRING))) {
        return APR_SUCCESS;
    }
    if (!code) {
        QC_CHECK(qc_db_select(db, p, "qc_qbank_topic_by_title", QC_ARGS(contest_id, q->topic_title),
                              &rows));
        if (rows->nrows > 0) {
            code = rows->rows[0][0];
        }
        else {
            code = qc_qbank_topic_slug(p, q->topic_title);
            QC_CHECK(
                qc_db_select(db, p, "qc_qbank_topic_by_code", QC_ARGS(contest_id, code), &rows));
            if (rows->nrows > 0) {
                code = apr_pstrcat(
                    p, code, "-",
                    apr_pstrndup(p, qc_util_sha256_hex(p, q->topic_title, strlen(q->topic_title)),
                                 8),
                    NULL);
            }
        }
    }
    QC_CHECK(qc_db_exec(db, p, "qc_def_topic_upsert",
                        QC_ARGS(contest_id, code, q->topic_title, "", "keep"), NULL));
    QC_CHECK(qc_db_select(db, p, "qc_def_topic_id", QC_ARGS(contest_id, code), &rows));
    *topic_id = rows->rows[0][0];
    apr_hash_set(seen, key, APR_HASH_KEY_STRING, *topic_id);
    st->topics++;
leave:
    return rv;
}

/* The content hash, computed as the bank importer always has, so banks stored before keep
 * their versions. */
static const char *content_hash(apr_pool_t *p, const qc_qquestion_t *q)
{
    const char *sig = apr_pstrcat(p, q->kind, "\x1f", q->text, "\x1f",
                                  q->explanation ? q->explanation : "", NULL);
    int i;
    for (i = 0; i < q->choices->nelts; i++) {
        const qc_qchoice_t *c = &APR_ARRAY_IDX(q->choices, i, qc_qchoice_t);
        sig = apr_pstrcat(p, sig, "\x1e", c->correct ? "1" : "0", c->text, NULL);
    }
    return qc_util_sha256_hex(p, sig, strlen(sig));
}

static apr_status_t store_question(qc_db_t *db, apr_pool_t *p, const char *contest_id,
                                   const char *topic_id, const qc_qquestion_t *q,
                                   qc_qbank_stats_t *st)
{
    const char *code = qc_qbank_question_code(p, q), *hash = content_hash(p, q);
    qc_rows_t *rows;
    apr_status_t rv;
    int i;

    QC_CHECK(qc_db_select(db, p, "qc_qbank_question_current", QC_ARGS(contest_id, code), &rows));
    if (rows->nrows > 0 && !strcmp(rows->rows[0][1], hash)) {
        if (strcmp(rows->rows[0][2], topic_id)) {
            /* moved to another topic: what a contestant sees and the key stay the same */
            QC_CHECK(qc_db_exec(db, p, "qc_qbank_question_move",
                                QC_ARGS(topic_id, rows->rows[0][0]), NULL));
        }
        st->unchanged++;
        return APR_SUCCESS;
    }
    if (rows->nrows > 0) {
        /* changed: the old version stays as it was for every attempt that drew it */
        QC_CHECK(qc_db_exec(db, p, "qc_qbank_question_retire", QC_ARGS(rows->rows[0][0]), NULL));
        st->changed++;
    }
    else {
        st->added++;
    }
    QC_CHECK(qc_db_exec(db, p, "qc_qbank_question_insert",
                        QC_ARGS(contest_id, topic_id, code, q->kind, q->text,
                                q->explanation ? q->explanation : "", hash, contest_id, code),
                        NULL));
    QC_CHECK(qc_db_select(db, p, "qc_last_insert_id", 0, NULL, &rows));
    for (i = 0; i < q->choices->nelts; i++) {
        const qc_qchoice_t *c = &APR_ARRAY_IDX(q->choices, i, qc_qchoice_t);
        QC_CHECK(qc_db_exec(
            db, p, "qc_qbank_choice_insert",
            QC_ARGS(rows->rows[0][0], apr_itoa(p, i + 1), c->text, c->correct ? "1" : "0"), NULL));
    }
leave:
    return rv;
}

/*
 * A store of a bank, one transaction run by qc_db_transact (again whole after a conflict): each
 * question of the bank stored, then (unless a dry run, rolled back) the contest's new revision,
 * then the caller's own statements (extra). *errmsg says why it failed.
 */
typedef struct qbank_tx qbank_tx_t;
struct qbank_tx {
    const char *contest_code;
    const qc_qbank_t *bank;
    int dry_run;
    const char *contest_id;
    qc_qbank_stats_t *st;
    const char **errmsg;
    apr_status_t (*extra)(qc_db_t *db, apr_pool_t *p, qbank_tx_t *t);
    /* what the extras need */
    const char *staging_token, *filename, *action, *before, *after;
    const qc_actor_t *actor;
    const qc_qquestion_t *q;
    apr_int64_t *question_id;
};

static apr_status_t store_work(qc_db_t *db, apr_pool_t *p, void *baton)
{
    qbank_tx_t *t = baton;
    apr_hash_t *seen = apr_hash_make(p);
    apr_status_t rv = APR_SUCCESS;
    int i;

    memset(t->st, 0, sizeof(*t->st));
    *t->errmsg = NULL;
    for (i = 0; i < t->bank->questions->nelts && rv == APR_SUCCESS; i++) {
        const qc_qquestion_t *q = &APR_ARRAY_IDX(t->bank->questions, i, qc_qquestion_t);
        const char *topic_id = NULL;
        rv = topic_of(db, p, t->contest_id, q, seen, t->st, &topic_id);
        if (rv == APR_SUCCESS) {
            rv = store_question(db, p, t->contest_id, topic_id, q, t->st);
        }
        if (rv != APR_SUCCESS) {
            *t->errmsg = apr_psprintf(p,
                                      "line %d: the database refused question %s (see the log); "
                                      "nothing was stored",
                                      q->line, qc_qbank_question_code(p, q));
        }
    }
    if (rv == APR_SUCCESS && t->dry_run) {
        qc_db_rollback_only(db);
        return APR_SUCCESS;
    }
    if (rv == APR_SUCCESS) {
        /* the processes' copies of the bank are out of date from this commit on */
        rv = qc_db_exec(db, p, "qc_contest_touch", QC_ARGS(t->contest_id), NULL);
        if (rv != APR_SUCCESS) {
            *t->errmsg =
                "the database refused to record the bank's new revision; nothing was stored";
        }
    }
    if (rv == APR_SUCCESS && t->extra) {
        rv = t->extra(db, p, t);
    }
    return rv;
}

static apr_status_t store_run(qc_db_t *db, apr_pool_t *p, qbank_tx_t *t)
{
    apr_status_t rv;
    memset(t->st, 0, sizeof(*t->st));
    *t->errmsg = NULL;
    if ((rv = contest_id_of(db, p, t->contest_code, &t->contest_id, t->errmsg)) != APR_SUCCESS) {
        return rv;
    }
    rv = qc_db_transact(db, p, "store a question bank", store_work, t);
    if (rv != APR_SUCCESS) {
        if (!*t->errmsg) {
            *t->errmsg = "the database refused to commit the import; nothing was stored";
        }
        return rv;
    }
    if (!t->dry_run) {
        qc_log(QC_LOG_MARK, QC_LOG_INFO, 0,
               "QC00250: question bank of contest %s stored: %d topic(s), %d added, %d changed, "
               "%d unchanged",
               t->contest_code, t->st->topics, t->st->added, t->st->changed, t->st->unchanged);
    }
    return APR_SUCCESS;
}

apr_status_t qc_qbank_store(qc_db_t *db, apr_pool_t *p, const char *contest_code,
                            const qc_qbank_t *bank, int dry_run, qc_qbank_stats_t *st,
                            const char **errmsg)
{
    qbank_tx_t t;
    memset(&t, 0, sizeof(t));
    t.contest_code = contest_code;
    t.bank = bank;
    t.dry_run = dry_run;
    t.st = st;
    t.errmsg = errmsg;
    return store_run(db, p, &t);
}

static apr_status_t import_staged_extra(qc_db_t *db, apr_pool_t *p, qbank_tx_t *t)
{
    int claimed = 0;
    apr_status_t rv = qc_staging_claim(db, p, t->staging_token, &claimed);
    if (rv == APR_SUCCESS && !claimed) {
        rv = QC_ENOTFOUND;
    }
    if (rv == APR_SUCCESS) {
        rv = qc_audit_write(
            db, p, t->contest_id, t->actor, "bank.import",
            apr_psprintf(p, "%s (%s)", t->filename, t->bank->format), NULL,
            apr_psprintf(p,
                         "%d câu hợp lệ: thêm %d, sửa (phiên bản mới) %d, giữ nguyên %d; "
                         "%d câu lỗi hoặc trùng bị bỏ qua; %d chủ đề mới",
                         t->bank->questions->nelts, t->st->added, t->st->changed, t->st->unchanged,
                         qc_qbank_left_out(t->bank), t->st->topics));
    }
    return rv;
}

apr_status_t qc_qbank_check_bank(qc_db_t *db, apr_pool_t *p, const char *contest_code,
                                 qc_qbank_t *bank, const qc_messages_t *msgs, const char **errmsg)
{
    const char *contest_id = NULL;
    apr_hash_t *known = apr_hash_make(p);
    qc_rows_t *rows;
    apr_status_t rv;
    int i;

    *errmsg = NULL;
    if ((rv = contest_id_of(db, p, contest_code, &contest_id, errmsg)) != APR_SUCCESS) {
        return rv;
    }
    if ((rv = qc_db_select(db, p, "qc_qbank_current_stems", QC_ARGS(contest_id), &rows)) !=
        APR_SUCCESS) {
        *errmsg = "the database refused the query (see the log)";
        return rv;
    }
    for (i = 0; i < rows->nrows; i++) {
        const char *key = qc_qbank_stem_key(p, rows->rows[i][1]);
        apr_hash_t *codes = apr_hash_get(known, key, APR_HASH_KEY_STRING);
        if (!codes) {
            codes = apr_hash_make(p);
            apr_hash_set(known, key, APR_HASH_KEY_STRING, codes);
        }
        apr_hash_set(codes, rows->rows[i][0], APR_HASH_KEY_STRING, "");
    }
    qc_qbank_drop_known(p, bank, known, msgs);
    return APR_SUCCESS;
}

apr_status_t qc_qbank_import_staged(qc_db_t *db, apr_pool_t *p, const char *contest_code,
                                    const qc_qbank_t *bank, const char *staging_token,
                                    const char *filename, const qc_actor_t *actor,
                                    qc_qbank_stats_t *st, const char **errmsg)
{
    qbank_tx_t t;
    memset(&t, 0, sizeof(t));
    t.contest_code = contest_code;
    t.bank = bank;
    t.st = st;
    t.errmsg = errmsg;
    t.extra = import_staged_extra;
    t.staging_token = staging_token;
    t.filename = filename;
    t.actor = actor;
    return store_run(db, p, &t);
}

static apr_status_t save_question_extra(qc_db_t *db, apr_pool_t *p, qbank_tx_t *t)
{
    apr_status_t rv = APR_SUCCESS;
    if (t->st->added + t->st->changed > 0) {
        rv = qc_audit_write(db, p, t->contest_id, t->actor, t->action, t->q->code, t->before,
                            t->after);
    }
    if (rv == APR_SUCCESS) {
        rv = qc_question_current_id(db, p, t->contest_id, t->q->code, t->question_id);
    }
    return rv;
}

apr_status_t qc_qbank_save_question(qc_db_t *db, apr_pool_t *p, const char *contest_code,
                                    const qc_qquestion_t *q, const qc_actor_t *actor,
                                    const char *action, const char *before, const char *after,
                                    qc_qbank_stats_t *st, apr_int64_t *question_id,
                                    const char **errmsg)
{
    qc_qbank_t *bank = qc_qbank_make(p, "native");
    qbank_tx_t t;
    *(qc_qquestion_t *)apr_array_push(bank->questions) = *q;
    memset(&t, 0, sizeof(t));
    t.contest_code = contest_code;
    t.bank = bank;
    t.st = st;
    t.errmsg = errmsg;
    t.extra = save_question_extra;
    t.actor = actor;
    t.q = q;
    t.action = action;
    t.before = before;
    t.after = after;
    t.question_id = question_id;
    return store_run(db, p, &t);
}

apr_status_t qc_qbank_load(qc_db_t *db, apr_pool_t *p, const char *contest_code, qc_qbank_t **out,
                           const char **errmsg)
{
    const char *contest_id = NULL;
    qc_rows_t *qs, *cs;
    qc_qbank_t *bank;
    apr_hash_t *by_id = apr_hash_make(p);
    apr_status_t rv;
    int i;

    *errmsg = NULL;
    if ((rv = contest_id_of(db, p, contest_code, &contest_id, errmsg)) != APR_SUCCESS) {
        return rv;
    }
    if ((rv = qc_db_select(db, p, "qc_qbank_export_questions", QC_ARGS(contest_id), &qs)) !=
            APR_SUCCESS ||
        (rv = qc_db_select(db, p, "qc_qbank_export_choices", QC_ARGS(contest_id), &cs)) !=
            APR_SUCCESS) {
        *errmsg = "the database refused the query (see the log)";
        return rv;
    }
    bank = qc_qbank_make(p, "native");
    for (i = 0; i < qs->nrows; i++) {
        const char *const *row = qs->rows[i];
        qc_qquestion_t *q = apr_array_push(bank->questions);
        memset(q, 0, sizeof(*q));
        q->code = row[1];
        q->kind = row[2];
        q->text = row[3];
        q->explanation = row[4] ? row[4] : "";
        q->topic_code = row[5];
        q->topic_title = row[6];
        q->line = i + 1;
        q->choices = apr_array_make(p, 6, sizeof(qc_qchoice_t));
    }
    /* pointers into the array only once it no longer grows */
    for (i = 0; i < bank->questions->nelts; i++) {
        apr_hash_set(by_id, qs->rows[i][0], APR_HASH_KEY_STRING,
                     &APR_ARRAY_IDX(bank->questions, i, qc_qquestion_t));
    }
    for (i = 0; i < cs->nrows; i++) {
        qc_qquestion_t *q = apr_hash_get(by_id, cs->rows[i][0], APR_HASH_KEY_STRING);
        qc_qchoice_t *c;
        if (!q) {
            continue;
        }
        c = apr_array_push(q->choices);
        c->text = cs->rows[i][1];
        c->correct = cs->rows[i][2] && !strcmp(cs->rows[i][2], "1");
    }
    *out = bank;
    return APR_SUCCESS;
}
