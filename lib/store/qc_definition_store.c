/* A parsed definition stored: upserts keyed by each table's unique code (qc_definition_store),
 * in one transaction (qc_definition_load) or with its audit entry and staged upload
 * (qc_definition_import). Parsing is lib/rules/qc_definition.c. */
#include <string.h>
#include <apr_strings.h>
#include "qc_definition_store.h"
#include "qc_jury.h"
#include "qc_sql.h"
#include "qc_staging.h"
#include "qc_status.h"
#include "qc_time.h"
#include "qc_util.h"

/* Storing a definition (qc_definition_store): upserts keyed by each table's unique code, so
 * a second import of the same file changes nothing; lists are cleared and written again. */
const qc_sql_statement_t qc_definition_statements[] = {
    {"qc_def_contest_upsert",
     "INSERT INTO qc_contest (code, title, theme, organiser, rules_text, opens_at, closes_at,"
     " questions_per_attempt, time_limit_s, attempts_per_round, grace_s, reveal_answers,"
     " prediction_question, min_age, cccd_mode, email_mode, tz_offset_min, counted_attempt,"
     " prediction_target, prediction_value, reg_quota_deadline, results_publish_at,"
     " ceremony_at, prize_one_per, collective_formula, collective_unit_kind,"
     " collective_description)"
     " VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s,"
     " %s, %s, %s, %s, %s, %s, %s)"
     " ON DUPLICATE KEY UPDATE title = VALUES(title), theme = VALUES(theme),"
     " organiser = VALUES(organiser), rules_text = VALUES(rules_text),"
     " opens_at = VALUES(opens_at), closes_at = VALUES(closes_at),"
     " questions_per_attempt = VALUES(questions_per_attempt),"
     " time_limit_s = VALUES(time_limit_s), attempts_per_round = VALUES(attempts_per_round),"
     " grace_s = VALUES(grace_s), reveal_answers = VALUES(reveal_answers),"
     " prediction_question = VALUES(prediction_question), min_age = VALUES(min_age),"
     " cccd_mode = VALUES(cccd_mode), email_mode = VALUES(email_mode),"
     " tz_offset_min = VALUES(tz_offset_min), counted_attempt = VALUES(counted_attempt),"
     " prediction_target = VALUES(prediction_target),"
     " prediction_value = VALUES(prediction_value),"
     " reg_quota_deadline = VALUES(reg_quota_deadline),"
     " results_publish_at = VALUES(results_publish_at), ceremony_at = VALUES(ceremony_at),"
     " prize_one_per = VALUES(prize_one_per),"
     " collective_formula = VALUES(collective_formula),"
     " collective_unit_kind = VALUES(collective_unit_kind),"
     " collective_description = VALUES(collective_description), updated_at = UTC_TIMESTAMP(3),"
     " revision = revision + 1"},
    {"qc_def_contest_id", "SELECT id FROM qc_contest WHERE code = %s"},
    {"qc_def_round_upsert",
     "INSERT INTO qc_round (contest_id, seq, title, opens_at, closes_at, attempts_allowed)"
     " VALUES (%s, %s, %s, %s, %s, NULLIF(%s, ''))"
     " ON DUPLICATE KEY UPDATE title = VALUES(title), opens_at = VALUES(opens_at),"
     " closes_at = VALUES(closes_at), attempts_allowed = VALUES(attempts_allowed)"},
    {"qc_def_rounds_trim", "DELETE r FROM qc_round r LEFT JOIN qc_attempt a ON a.round_id = r.id"
                           " WHERE r.contest_id = %s AND r.seq > %s AND a.id IS NULL"},
    {"qc_def_group_upsert",
     "INSERT INTO qc_group (contest_id, code, title, seq) VALUES (%s, %s, %s, %s)"
     " ON DUPLICATE KEY UPDATE title = VALUES(title), seq = VALUES(seq)"},
    {"qc_def_unit_upsert",
     "INSERT INTO qc_unit (contest_id, parent_id, code, name, kind, headcount, reg_quota, seq)"
     " VALUES (%s, NULLIF(%s, ''), %s, %s, %s, NULLIF(%s, ''), NULLIF(%s, ''), %s)"
     " ON DUPLICATE KEY UPDATE parent_id = VALUES(parent_id), name = VALUES(name),"
     " kind = VALUES(kind), headcount = VALUES(headcount), reg_quota = VALUES(reg_quota),"
     " seq = VALUES(seq)"},
    {"qc_def_unit_id", "SELECT id FROM qc_unit WHERE contest_id = %s AND code = %s"},
    {"qc_def_documents_clear", "DELETE FROM qc_document WHERE contest_id = %s"},
    {"qc_def_document_insert",
     "INSERT INTO qc_document (contest_id, seq, title, url) VALUES (%s, %s, %s, %s)"},
    {"qc_def_prizes_clear", "DELETE FROM qc_prize WHERE contest_id = %s"},
    {"qc_def_prize_insert",
     "INSERT INTO qc_prize (contest_id, kind, scope, group_code, seq, title, count, amount)"
     " VALUES (%s, %s, %s, %s, %s, %s, %s, %s)"},
    {"qc_def_exclusions_clear", "DELETE FROM qc_exclusion WHERE contest_id = %s"},
    {"qc_def_exclusion_insert",
     "INSERT INTO qc_exclusion (contest_id, full_name, phone, cccd, role, unit_code)"
     " VALUES (%s, %s, NULLIF(%s, ''), NULLIF(%s, ''), %s, NULLIF(%s, ''))"},
    {"qc_def_topic_upsert",
     "INSERT INTO qc_topic (contest_id, code, title, quota) VALUES (%s, %s, %s, NULLIF(%s, ''))"
     " ON DUPLICATE KEY UPDATE title = IF(VALUES(title) = '', title, VALUES(title)),"
     " quota = IF(%s = 'keep', quota, VALUES(quota))"},
    {"qc_def_topic_id", "SELECT id FROM qc_topic WHERE contest_id = %s AND code = %s"},
    {NULL, NULL}};
/* A definition stored (with, for an import, its staged file claimed and its audit entry): one
 * transaction (qc_db_transact). */
typedef struct {
    const qc_definition_t *def;
    const char *staged_token;
    const qc_actor_t *actor;
    const char *object, *before, *after;
    const char **contest_id;
} def_tx_t;

static apr_status_t load_work(qc_db_t *db, apr_pool_t *p, void *baton)
{
    const def_tx_t *b = baton;
    return qc_definition_store(db, p, b->def, b->contest_id);
}

static apr_status_t import_work(qc_db_t *db, apr_pool_t *p, void *baton)
{
    const def_tx_t *b = baton;
    int claimed = 1;
    apr_status_t rv;
    if (b->staged_token) {
        /* claim the staged file first: of two confirmations sent at once, one stores */
        QC_CHECK(qc_staging_claim(db, p, b->staged_token, &claimed));
        if (claimed == 0) {
            return QC_ECONFLICT;
        }
    }
    QC_CHECK(qc_definition_store(db, p, b->def, b->contest_id));
    QC_CHECK(qc_audit_write(db, p, *b->contest_id, b->actor, "contest.import", b->object, b->before,
                            b->after));
leave:
    return rv;
}

apr_status_t qc_definition_load(qc_db_t *db, apr_pool_t *p, const qc_definition_t *d,
                                const char **contest_id, const char **errmsg)
{
    def_tx_t b = {d, NULL, NULL, NULL, NULL, NULL, contest_id};
    apr_status_t rv = qc_db_transact(db, p, "load a contest definition", load_work, &b);
    *errmsg =
        rv == APR_SUCCESS ? NULL : "the database refused the definition (see the messages above)";
    return rv;
}

apr_status_t qc_definition_store(qc_db_t *db, apr_pool_t *p, const qc_definition_t *d,
                                 const char **contest_id)
{
    apr_status_t rv;
    qc_rows_t *rows;
    const char *id;
    int i;

    QC_CHECK(qc_db_exec(
        db, p, "qc_def_contest_upsert",
        QC_ARGS(d->code, d->title, d->theme, d->organiser, d->rules,
                qc_time_format_db(p, d->opens_ms), qc_time_format_db(p, d->closes_ms),
                apr_itoa(p, d->questions), apr_itoa(p, d->time_limit_s), apr_itoa(p, d->attempts),
                apr_itoa(p, d->grace_s), d->reveal, d->prediction, apr_itoa(p, d->min_age),
                d->cccd_mode, d->email_mode, apr_itoa(p, d->tz_offset_min), d->counted,
                d->prediction_target,
                d->prediction_value >= 0 ? qc_util_i64(p, d->prediction_value) : NULL,
                d->quota_deadline_ms ? qc_time_format_db(p, d->quota_deadline_ms) : NULL,
                d->publish_ms ? qc_time_format_db(p, d->publish_ms) : NULL,
                d->ceremony_ms ? qc_time_format_db(p, d->ceremony_ms) : NULL, d->prize_one_per,
                d->collective_formula, d->collective_unit_kind, d->collective_description),
        NULL));
    QC_CHECK(qc_db_select(db, p, "qc_def_contest_id", QC_ARGS(d->code), &rows));
    id = qc_rows_get(rows, 0, 0);
    for (i = 0; i < d->rounds->nelts; i++) {
        const qc_def_round_t *r = &APR_ARRAY_IDX(d->rounds, i, qc_def_round_t);
        QC_CHECK(
            qc_db_exec(db, p, "qc_def_round_upsert",
                       QC_ARGS(id, apr_itoa(p, r->seq), r->title, qc_time_format_db(p, r->opens_ms),
                               qc_time_format_db(p, r->closes_ms),
                               r->attempts ? apr_itoa(p, r->attempts) : ""),
                       NULL));
    }
    QC_CHECK(
        qc_db_exec(db, p, "qc_def_rounds_trim", QC_ARGS(id, apr_itoa(p, d->rounds->nelts)), NULL));
    for (i = 0; i < d->groups->nelts; i++) {
        const qc_def_group_t *g = &APR_ARRAY_IDX(d->groups, i, qc_def_group_t);
        QC_CHECK(qc_db_exec(db, p, "qc_def_group_upsert",
                            QC_ARGS(id, g->code, g->title, apr_itoa(p, i + 1)), NULL));
    }
    for (i = 0; i < d->units->nelts; i++) {
        const qc_def_unit_t *u = &APR_ARRAY_IDX(d->units, i, qc_def_unit_t);
        const char *parent_id = "";
        if (u->parent_code) {
            QC_CHECK(qc_db_select(db, p, "qc_def_unit_id", QC_ARGS(id, u->parent_code), &rows));
            parent_id = qc_rows_get(rows, 0, 0);
        }
        QC_CHECK(qc_db_exec(db, p, "qc_def_unit_upsert",
                            QC_ARGS(id, parent_id, u->code, u->name, u->kind,
                                    u->headcount >= 0 ? apr_itoa(p, u->headcount) : "",
                                    u->quota >= 0 ? apr_itoa(p, u->quota) : "", apr_itoa(p, i + 1)),
                            NULL));
    }
    QC_CHECK(qc_db_exec(db, p, "qc_def_documents_clear", QC_ARGS(id), NULL));
    for (i = 0; i < d->documents->nelts; i++) {
        const qc_def_document_t *doc = &APR_ARRAY_IDX(d->documents, i, qc_def_document_t);
        QC_CHECK(qc_db_exec(db, p, "qc_def_document_insert",
                            QC_ARGS(id, apr_itoa(p, i + 1), doc->title, doc->url), NULL));
    }
    QC_CHECK(qc_db_exec(db, p, "qc_def_prizes_clear", QC_ARGS(id), NULL));
    for (i = 0; i < d->prizes->nelts; i++) {
        const qc_def_prize_t *pr = &APR_ARRAY_IDX(d->prizes, i, qc_def_prize_t);
        QC_CHECK(qc_db_exec(db, p, "qc_def_prize_insert",
                            QC_ARGS(id, pr->kind, pr->scope, pr->group_code, apr_itoa(p, pr->seq),
                                    pr->title, apr_itoa(p, pr->count),
                                    pr->amount >= 0 ? qc_util_i64(p, pr->amount) : NULL),
                            NULL));
    }
    QC_CHECK(qc_db_exec(db, p, "qc_def_exclusions_clear", QC_ARGS(id), NULL));
    for (i = 0; i < d->exclusions->nelts; i++) {
        const qc_def_person_t *x = &APR_ARRAY_IDX(d->exclusions, i, qc_def_person_t);
        QC_CHECK(qc_db_exec(db, p, "qc_def_exclusion_insert",
                            QC_ARGS(id, x->name, x->phone ? x->phone : "", x->cccd ? x->cccd : "",
                                    x->role ? x->role : "", x->unit ? x->unit : ""),
                            NULL));
    }
    for (i = 0; i < d->topics->nelts; i++) {
        const qc_def_topic_t *t = &APR_ARRAY_IDX(d->topics, i, qc_def_topic_t);
        QC_CHECK(qc_db_exec(db, p, "qc_def_topic_upsert",
                            QC_ARGS(id, t->code, "", t->quota ? apr_itoa(p, t->quota) : "", "set"),
                            NULL));
    }
    /* ---- jury-scored parts (qc_jury.c), in the caller's transaction too ---- */
    if (d->jury) {
        QC_CHECK(qc_jury_load_def(db, p, id, d->jury));
    }
    *contest_id = id;
    return APR_SUCCESS;
leave:
    return rv;
}

apr_status_t qc_definition_import(qc_db_t *db, apr_pool_t *p, const qc_definition_t *def,
                                  const char *staged_token, const qc_actor_t *actor,
                                  const char *object, const char *before, const char *after,
                                  const char **contest_id)
{
    def_tx_t b = {def, staged_token, actor, object, before, after, contest_id};
    return qc_db_transact(db, p, "import a contest definition", import_work, &b);
}
