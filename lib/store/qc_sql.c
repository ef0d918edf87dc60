/* The catalogue of statements: every store file's array, and the look-up by label. Keep each
 * statement indexed: the comment beside it names the index. */
#include <stddef.h>
#include <string.h>
#include "qc_sql.h"

/* each area's statements, in its own file */
extern const qc_sql_statement_t qc_account_statements[];
extern const qc_sql_statement_t qc_attempt_statements[];
extern const qc_sql_statement_t qc_audit_statements[];
extern const qc_sql_statement_t qc_clip_statements[];
extern const qc_sql_statement_t qc_contest_statements[];
extern const qc_sql_statement_t qc_db_statements[];
extern const qc_sql_statement_t qc_jury_statements[];
extern const qc_sql_statement_t qc_population_statements[];
extern const qc_sql_statement_t qc_qbank_statements[];
extern const qc_sql_statement_t qc_qtext_statements[];
extern const qc_sql_statement_t qc_question_statements[];
extern const qc_sql_statement_t qc_results_statements[];
extern const qc_sql_statement_t qc_secret_statements[];
extern const qc_sql_statement_t qc_session_statements[];
extern const qc_sql_statement_t qc_stage_statements[];
extern const qc_sql_statement_t qc_staging_statements[];

/* Statements not yet moved beside the code that decodes their rows. */
static const qc_sql_statement_t unsorted_statements[] = {
    /* ---- contest (uq_contest_code) ---- */

    /* ---- registration ---- */

    /* ---- login and its throttle (uq_contestant_phone, ix_failure_*) ---- */

    /* ---- sessions (primary key token_hash) ---- */

    /* ---- attempts ---- */

    /* ---- loading a contest definition (quizcontest-admin load-contest) ---- */
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
     "INSERT INTO qc_exclusion (contest_id, full_name, phone, cccd, role)"
     " VALUES (%s, %s, NULLIF(%s, ''), NULLIF(%s, ''), %s)"},
    {"qc_def_topic_upsert",
     "INSERT INTO qc_topic (contest_id, code, title, quota) VALUES (%s, %s, %s, NULLIF(%s, ''))"
     " ON DUPLICATE KEY UPDATE title = IF(VALUES(title) = '', title, VALUES(title)),"
     " quota = IF(%s = 'keep', quota, VALUES(quota))"},
    {"qc_def_topic_id", "SELECT id FROM qc_topic WHERE contest_id = %s AND code = %s"},

    /* ---- accounts made by the secretariat's tool ---- */

    /* ---- the administrator's tool: moving accounts, synthetic populations ---- */
    /* ---- the contestant's journey (issue 3) ---- */

    /* ==== secretariat: contest definition, settings, password reset (qc_page_contest.c,
     *      qc_definition_export.c, qc_password_reset.c) ==== */
    {"qc_export_contest",
     "SELECT id, code, title, theme, organiser, rules_text, opens_at, closes_at,"
     " questions_per_attempt, time_limit_s, attempts_per_round, grace_s, reveal_answers,"
     " prediction_question, min_age, cccd_mode, email_mode, tz_offset_min, counted_attempt,"
     " prediction_target, prediction_value, reg_quota_deadline, results_publish_at,"
     " prize_one_per, collective_formula, collective_unit_kind, collective_description,"
     " ceremony_at"
     " FROM qc_contest WHERE code = %s"},
    {"qc_export_units", "SELECT id, parent_id, code, name, kind, headcount, reg_quota FROM qc_unit"
                        " WHERE contest_id = %s ORDER BY seq, id"},
    {"qc_export_exclusions",
     "SELECT full_name, phone, cccd, role FROM qc_exclusion WHERE contest_id = %s ORDER BY id"},
    {"qc_export_prizes", "SELECT kind, scope, group_code, seq, title, count, amount FROM qc_prize"
                         " WHERE contest_id = %s ORDER BY id"},
    {"qc_export_topics", "SELECT code, quota FROM qc_topic WHERE contest_id = %s ORDER BY id"},
    {"qc_reset_password",
     "UPDATE qc_contestant SET password_hash = %s, password_set_by_secretariat = 1"
     " WHERE contest_id = %s AND id = %s"},
    /* ==== end of: secretariat contest definition, settings, password reset ==== */

    /* ==== results outputs: progress per day and unit (f-outputs) ==== */
    /* ==== end of: results outputs ==== */
    /* ==== load benchmark fixes (issue 7) ==== */
    /* ==== end of: load benchmark fixes ==== */
    /* ==== load benchmark, writes (issue 7): one-statement autosave, one-statement draw ==== */
    /* ==== end of: load benchmark, writes ==== */
    {NULL, NULL}};

/* One line per area, so that adding an area touches one line. */
const qc_sql_statement_t *const qc_sql_catalogue[] = {
    qc_account_statements,
    qc_audit_statements,
    qc_attempt_statements,
    qc_clip_statements,
    qc_contest_statements,
    qc_db_statements,
    qc_jury_statements,
    qc_population_statements,
    qc_qbank_statements,
    qc_qtext_statements,
    qc_question_statements,
    qc_results_statements,
    qc_secret_statements,
    qc_session_statements,
    qc_stage_statements,
    qc_staging_statements,
    unsorted_statements,
    NULL};

const qc_sql_statement_t *qc_sql_find(const char *label)
{
    const qc_sql_statement_t *const *area;
    const qc_sql_statement_t *s;
    for (area = qc_sql_catalogue; *area; area++) {
        for (s = *area; s->label; s++) {
            if (strcmp(s->label, label) == 0) {
                return s;
            }
        }
    }
    return NULL;
}
