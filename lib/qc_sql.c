/* Every statement of mod_quizcontest. Keep each one indexed: the comment names the index. */
#include <stddef.h>
#include "qc_sql.h"

const qc_sql_statement_t qc_sql_migration_statements[] = {
    {"qc_migrate_lock", "SELECT GET_LOCK(%s, 30)"},
    {"qc_migrate_unlock", "SELECT RELEASE_LOCK(%s)"},
    {"qc_migrate_applied", "SELECT version, checksum FROM qc_schema_migration ORDER BY version"},
    {"qc_migrate_record",
     "INSERT INTO qc_schema_migration (version, name, checksum) VALUES (%s, %s, %s)"},
    {NULL, NULL}};

const qc_sql_statement_t qc_sql_statements[] = {
    /* ---- contest (uq_contest_code) ---- */
    {"qc_contest_by_code",
     "SELECT id, code, title, theme, organiser, rules_text, opens_at, closes_at,"
     " questions_per_attempt, time_limit_s, attempts_per_round, grace_s, reveal_answers,"
     " prediction_question, min_age, cccd_mode, email_mode, tz_offset_min, results_published,"
     " UTC_TIMESTAMP(3), counted_attempt"
     " FROM qc_contest WHERE code = %s"},
    {"qc_contest_rounds",
     "SELECT id, seq, title, opens_at, closes_at, attempts_allowed"
     " FROM qc_round WHERE contest_id = %s ORDER BY seq"},
    {"qc_contest_documents",
     "SELECT seq, title, url FROM qc_document WHERE contest_id = %s ORDER BY seq"},
    {"qc_contest_units",
     "SELECT id, parent_id, code, name, kind FROM qc_unit WHERE contest_id = %s"
     " ORDER BY seq, id"},
    {"qc_contest_groups",
     "SELECT id, code, title FROM qc_group WHERE contest_id = %s ORDER BY seq, id"},
    {"qc_contest_counts",
     "SELECT (SELECT COUNT(*) FROM qc_contestant WHERE contest_id = %s),"
     " (SELECT COUNT(DISTINCT contestant_id) FROM qc_attempt WHERE contest_id = %s"
     "  AND state <> 'open')"},

    /* ---- registration ---- */
    {"qc_exclusion_match",
     "SELECT role FROM qc_exclusion WHERE contest_id = %s AND (phone = %s OR cccd = %s)"
     " LIMIT 1"},
    {"qc_contestant_phone_taken",
     "SELECT 1 FROM qc_contestant WHERE contest_id = %s AND phone = %s"},
    {"qc_contestant_cccd_taken",
     "SELECT 1 FROM qc_contestant WHERE contest_id = %s AND cccd = %s"},
    {"qc_unit_of_contest", "SELECT id FROM qc_unit WHERE contest_id = %s AND id = %s"},
    {"qc_group_of_contest", "SELECT id FROM qc_group WHERE contest_id = %s AND id = %s"},
    {"qc_contestant_insert",
     "INSERT INTO qc_contestant (contest_id, full_name, dob, phone, cccd, email, unit_id,"
     " group_id, password_hash) VALUES (%s, %s, %s, %s, NULLIF(%s, ''), NULLIF(%s, ''), %s,"
     " NULLIF(%s, ''), %s)"},

    /* ---- login and its throttle (uq_contestant_phone, ix_failure_*) ---- */
    {"qc_contestant_by_phone",
     "SELECT id, password_hash FROM qc_contestant WHERE contest_id = %s AND phone = %s"},
    {"qc_login_failures",
     "SELECT (SELECT COUNT(*) FROM qc_login_failure WHERE contest_id = %s AND phone = %s"
     "   AND failed_at > UTC_TIMESTAMP(3) - INTERVAL 15 MINUTE),"
     " (SELECT MAX(failed_at) FROM qc_login_failure WHERE contest_id = %s AND phone = %s"
     "   AND failed_at > UTC_TIMESTAMP(3) - INTERVAL 15 MINUTE),"
     " (SELECT COUNT(*) FROM qc_login_failure WHERE client_ip = %s"
     "   AND failed_at > UTC_TIMESTAMP(3) - INTERVAL 15 MINUTE),"
     " (SELECT MAX(failed_at) FROM qc_login_failure WHERE client_ip = %s"
     "   AND failed_at > UTC_TIMESTAMP(3) - INTERVAL 15 MINUTE),"
     " UTC_TIMESTAMP(3)"},
    {"qc_login_failure_add",
     "INSERT INTO qc_login_failure (contest_id, phone, client_ip, failed_at)"
     " VALUES (%s, %s, %s, UTC_TIMESTAMP(3))"},
    {"qc_login_failure_clear",
     "DELETE FROM qc_login_failure WHERE contest_id = %s AND phone = %s"},
    {"qc_login_failure_purge",
     "DELETE FROM qc_login_failure WHERE failed_at < UTC_TIMESTAMP(3) - INTERVAL 1 DAY"
     " LIMIT 1000"},

    /* ---- sessions (primary key token_hash) ---- */
    {"qc_session_insert",
     "INSERT INTO qc_session (token_hash, contest_id, contestant_id, csrf_token, created_at,"
     " expires_at) VALUES (%s, %s, %s, %s, UTC_TIMESTAMP(3),"
     " UTC_TIMESTAMP(3) + INTERVAL %s SECOND)"},
    {"qc_session_lookup",
     "SELECT s.contestant_id, s.csrf_token, c.full_name, c.phone, c.unit_id, c.group_id"
     " FROM qc_session s JOIN qc_contestant c ON c.id = s.contestant_id"
     " WHERE s.token_hash = %s AND s.contest_id = %s AND s.expires_at > UTC_TIMESTAMP(3)"},
    {"qc_session_delete", "DELETE FROM qc_session WHERE token_hash = %s"},
    {"qc_session_delete_all", "DELETE FROM qc_session WHERE contestant_id = %s"},
    {"qc_session_purge",
     "DELETE FROM qc_session WHERE expires_at < UTC_TIMESTAMP(3) LIMIT 1000"},

    /* ---- attempts ---- */
    {"qc_round_current",
     "SELECT id, seq, title, opens_at, closes_at, attempts_allowed FROM qc_round"
     " WHERE contest_id = %s AND opens_at <= UTC_TIMESTAMP(3) AND closes_at > UTC_TIMESTAMP(3)"
     " ORDER BY seq LIMIT 1"},
    /* uq_attempt_open */
    {"qc_attempt_open_of",
     "SELECT a.id, a.deadline_at + INTERVAL c.grace_s SECOND < UTC_TIMESTAMP(3)"
     " FROM qc_attempt a JOIN qc_contest c ON c.id = a.contest_id"
     " WHERE a.contestant_id = %s AND a.open_marker = 1"},
    /* Creates the attempt only inside the round's window and below the attempt limit; the
     * unique keys uq_attempt_no and uq_attempt_open refuse the losers of a race. The deadline
     * is the time limit, cut at the round's close. */
    {"qc_attempt_insert",
     "INSERT INTO qc_attempt (contest_id, round_id, contestant_id, attempt_no, state,"
     " started_at, deadline_at, question_count)"
     " SELECT r.contest_id, r.id, %s, COUNT(a.id) + 1, 'open', UTC_TIMESTAMP(3),"
     "  LEAST(UTC_TIMESTAMP(3) + INTERVAL %s SECOND, r.closes_at), %s"
     " FROM qc_round r LEFT JOIN qc_attempt a ON a.round_id = r.id AND a.contestant_id = %s"
     " WHERE r.id = %s AND r.opens_at <= UTC_TIMESTAMP(3) AND r.closes_at > UTC_TIMESTAMP(3)"
     " GROUP BY r.id, r.contest_id, r.closes_at HAVING COUNT(a.id) < %s"},
    {"qc_attempts_used",
     "SELECT COUNT(*) FROM qc_attempt WHERE contestant_id = %s AND round_id = %s"},
    {"qc_last_insert_id", "SELECT LAST_INSERT_ID()"},
    /* ix_question_bank */
    {"qc_bank_for_draw",
     "SELECT q.id, q.topic_id, GROUP_CONCAT(c.id ORDER BY c.seq SEPARATOR ',')"
     " FROM qc_question q JOIN qc_choice c ON c.question_id = q.id"
     " WHERE q.contest_id = %s AND q.retired = 0 GROUP BY q.id, q.topic_id"},
    {"qc_topic_quotas",
     "SELECT id, quota FROM qc_topic WHERE contest_id = %s AND quota > 0"},
    /* The answer key is captured at draw time, in the database only. */
    {"qc_item_insert",
     "INSERT INTO qc_attempt_item (attempt_id, position, question_id, choice_order, correct_key)"
     " SELECT %s, %s, q.id, %s, COALESCE(GROUP_CONCAT(c.id ORDER BY c.id SEPARATOR ','), '')"
     " FROM qc_question q LEFT JOIN qc_choice c ON c.question_id = q.id AND c.is_correct = 1"
     " WHERE q.id = %s GROUP BY q.id"},
    {"qc_attempt_get",
     "SELECT a.id, a.round_id, a.attempt_no, a.state, a.started_at, a.deadline_at,"
     " a.finished_at, a.time_taken_ms, a.question_count, a.score, a.prediction, a.answer_seq,"
     " TIMESTAMPDIFF(MICROSECOND, UTC_TIMESTAMP(3), a.deadline_at) DIV 1000,"
     " r.title, r.closes_at <= UTC_TIMESTAMP(3),"
     " a.state = 'open' AND a.deadline_at + INTERVAL c.grace_s SECOND < UTC_TIMESTAMP(3)"
     " FROM qc_attempt a JOIN qc_round r ON r.id = a.round_id"
     " JOIN qc_contest c ON c.id = a.contest_id"
     " WHERE a.id = %s AND a.contestant_id = %s"},
    /* What the quiz page shows: never the answer key (no is_correct, no correct_key). */
    {"qc_attempt_items",
     "SELECT i.position, q.id, q.kind, q.body, i.choice_order, i.selected, c.id, c.body"
     " FROM qc_attempt_item i JOIN qc_question q ON q.id = i.question_id"
     " JOIN qc_choice c ON c.question_id = q.id"
     " WHERE i.attempt_id = %s ORDER BY i.position, c.seq"},
    /* The same with the key, only for a finished attempt whose answers may be revealed. */
    {"qc_attempt_items_revealed",
     "SELECT i.position, q.id, q.kind, q.body, i.choice_order, i.selected, c.id, c.body,"
     " c.is_correct, q.explanation"
     " FROM qc_attempt_item i JOIN qc_question q ON q.id = i.question_id"
     " JOIN qc_choice c ON c.question_id = q.id"
     " JOIN qc_attempt a ON a.id = i.attempt_id"
     " WHERE i.attempt_id = %s AND a.state <> 'open' ORDER BY i.position, c.seq"},
    {"qc_item_choices",
     "SELECT i.choice_order, q.kind FROM qc_attempt_item i JOIN qc_question q"
     " ON q.id = i.question_id WHERE i.attempt_id = %s AND i.position = %s"},
    /* An answer is saved only while the attempt is open, up to deadline + grace, and only if
     * its sequence number is newer than every save before it (a stale tab cannot overwrite). */
    {"qc_item_save",
     "UPDATE qc_attempt a JOIN qc_attempt_item i ON i.attempt_id = a.id"
     " JOIN qc_contest c ON c.id = a.contest_id"
     " SET i.selected = NULLIF(%s, ''), i.saved_at = UTC_TIMESTAMP(3), a.answer_seq = %s"
     " WHERE a.id = %s AND a.contestant_id = %s AND i.position = %s AND a.state = 'open'"
     " AND a.answer_seq < %s"
     " AND UTC_TIMESTAMP(3) <= a.deadline_at + INTERVAL c.grace_s SECOND"},
    {"qc_prediction_save",
     "UPDATE qc_attempt a JOIN qc_contest c ON c.id = a.contest_id"
     " SET a.prediction = %s, a.answer_seq = %s"
     " WHERE a.id = %s AND a.contestant_id = %s AND a.state = 'open' AND a.answer_seq < %s"
     " AND UTC_TIMESTAMP(3) <= a.deadline_at + INTERVAL c.grace_s SECOND"},
    /* Finalise once: the state check makes a second submit change nothing. Past deadline +
     * grace the attempt is 'expired'; either way time taken is capped at the deadline and the
     * score counts the saved selections equal to the answer key. */
    {"qc_attempt_finalise",
     "UPDATE qc_attempt a JOIN qc_contest c ON c.id = a.contest_id"
     " SET a.state = IF(UTC_TIMESTAMP(3) > a.deadline_at + INTERVAL c.grace_s SECOND,"
     "   'expired', 'submitted'),"
     " a.finished_at = LEAST(UTC_TIMESTAMP(3), a.deadline_at),"
     " a.time_taken_ms = TIMESTAMPDIFF(MICROSECOND, a.started_at,"
     "   LEAST(UTC_TIMESTAMP(3), a.deadline_at)) DIV 1000,"
     " a.score = (SELECT COUNT(*) FROM qc_attempt_item i WHERE i.attempt_id = a.id"
     "   AND i.selected = i.correct_key)"
     " WHERE a.id = %s AND a.state = 'open'"},
    /* ix_attempt_open_deadline: open attempts past deadline + grace, for the sweep. */
    {"qc_attempt_overdue",
     "SELECT a.id FROM qc_attempt a JOIN qc_contest c ON c.id = a.contest_id"
     " WHERE a.state = 'open' AND a.deadline_at < UTC_TIMESTAMP(3)"
     " AND a.deadline_at + INTERVAL c.grace_s SECOND < UTC_TIMESTAMP(3)"
     " ORDER BY a.deadline_at LIMIT 200"},
    {"qc_attempt_history",
     "SELECT a.id, a.round_id, r.title, a.attempt_no, a.state, a.score, a.question_count,"
     " a.time_taken_ms, a.prediction, a.started_at, a.finished_at"
     " FROM qc_attempt a JOIN qc_round r ON r.id = a.round_id"
     " WHERE a.contestant_id = %s ORDER BY a.started_at, a.id"},

    /* ---- loading a contest definition (quizcontest-admin load-contest) ---- */
    {"qc_def_contest_upsert",
     "INSERT INTO qc_contest (code, title, theme, organiser, rules_text, opens_at, closes_at,"
     " questions_per_attempt, time_limit_s, attempts_per_round, grace_s, reveal_answers,"
     " prediction_question, min_age, cccd_mode, email_mode, tz_offset_min, counted_attempt,"
     " prediction_target, prediction_value, reg_quota_deadline, results_publish_at,"
     " prize_one_per, collective_formula, collective_unit_kind, collective_description)"
     " VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s,"
     " %s, %s, %s, %s, %s, %s)"
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
     " results_publish_at = VALUES(results_publish_at), prize_one_per = VALUES(prize_one_per),"
     " collective_formula = VALUES(collective_formula),"
     " collective_unit_kind = VALUES(collective_unit_kind),"
     " collective_description = VALUES(collective_description), updated_at = UTC_TIMESTAMP(3)"},
    {"qc_def_contest_id", "SELECT id FROM qc_contest WHERE code = %s"},
    {"qc_def_round_upsert",
     "INSERT INTO qc_round (contest_id, seq, title, opens_at, closes_at, attempts_allowed)"
     " VALUES (%s, %s, %s, %s, %s, NULLIF(%s, ''))"
     " ON DUPLICATE KEY UPDATE title = VALUES(title), opens_at = VALUES(opens_at),"
     " closes_at = VALUES(closes_at), attempts_allowed = VALUES(attempts_allowed)"},
    {"qc_def_rounds_trim",
     "DELETE r FROM qc_round r LEFT JOIN qc_attempt a ON a.round_id = r.id"
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

    /* ---- importing a question bank (quizcontest-admin import-bank) ---- */
    {"qc_bank_question_current",
     "SELECT id, content_hash FROM qc_question WHERE contest_id = %s AND code = %s"
     " AND retired = 0"},
    {"qc_bank_question_retire", "UPDATE qc_question SET retired = 1 WHERE id = %s"},
    {"qc_bank_question_insert",
     "INSERT INTO qc_question (contest_id, topic_id, code, version, kind, body, explanation,"
     " content_hash)"
     " SELECT %s, %s, %s, COALESCE(MAX(version), 0) + 1, %s, %s, %s, %s"
     " FROM qc_question WHERE contest_id = %s AND code = %s"},
    {"qc_bank_choice_insert",
     "INSERT INTO qc_choice (question_id, seq, body, is_correct) VALUES (%s, %s, %s, %s)"},
    {"qc_bank_count",
     "SELECT COUNT(*) FROM qc_question WHERE contest_id = %s AND retired = 0"},

    /* ---- accounts made by the secretariat's tool ---- */
    {"qc_account_set_password",
     "UPDATE qc_contestant SET password_hash = %s, password_set_by_secretariat = 1"
     " WHERE contest_id = %s AND phone = %s"},

    /* ---- the secretariat area: audit log (ix_audit_contest_at) ---- */
    {"qc_audit_insert",
     "INSERT INTO qc_audit (contest_id, at, actor, client_ip, action, object, before_text,"
     " after_text) VALUES (%s, UTC_TIMESTAMP(3), %s, %s, %s, %s, %s, %s)"},
    {"qc_audit_list",
     "SELECT id, at, actor, client_ip, action, object, before_text, after_text FROM qc_audit"
     " WHERE contest_id = %s AND id < %s ORDER BY id DESC LIMIT 50"},

    /* ---- the secretariat area: the question bank (ix_question_bank, ix_item_question) ---- */
    {"qc_staff_topics",
     "SELECT t.id, t.code, t.title, t.quota,"
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
     "SELECT seq, body, is_correct FROM qc_choice WHERE question_id = %s ORDER BY seq"},
    {"qc_staff_question_versions",
     "SELECT id, version, retired, created_at FROM qc_question"
     " WHERE contest_id = %s AND code = %s ORDER BY version"},
    {"qc_staff_question_retire",
     "UPDATE qc_question SET retired = 1 WHERE contest_id = %s AND id = %s AND retired = 0"},

    /* ---- the secretariat area: an upload between preview and confirmation ---- */
    {"qc_staging_insert",
     "INSERT INTO qc_import_staging (token_hash, contest_id, actor, created_at, format,"
     " filename, content) VALUES (%s, %s, %s, UTC_TIMESTAMP(3), %s, %s, %s)"},
    {"qc_staging_get",
     "SELECT format, filename, content FROM qc_import_staging WHERE token_hash = %s"
     " AND contest_id = %s AND created_at > UTC_TIMESTAMP(3) - INTERVAL 1 DAY"},
    {"qc_staging_delete", "DELETE FROM qc_import_staging WHERE token_hash = %s"},
    {"qc_staging_purge",
     "DELETE FROM qc_import_staging WHERE created_at < UTC_TIMESTAMP(3) - INTERVAL 1 DAY"
     " LIMIT 100"},

    /* ==== secretariat: contest definition, settings, password reset (qc_page_contest.c,
     *      qc_definition_export.c, qc_password_reset.c) ==== */
    {"qc_export_contest",
     "SELECT id, code, title, theme, organiser, rules_text, opens_at, closes_at,"
     " questions_per_attempt, time_limit_s, attempts_per_round, grace_s, reveal_answers,"
     " prediction_question, min_age, cccd_mode, email_mode, tz_offset_min, counted_attempt,"
     " prediction_target, prediction_value, reg_quota_deadline, results_publish_at,"
     " prize_one_per, collective_formula, collective_unit_kind, collective_description"
     " FROM qc_contest WHERE code = %s"},
    {"qc_export_units",
     "SELECT id, parent_id, code, name, kind, headcount, reg_quota FROM qc_unit"
     " WHERE contest_id = %s ORDER BY seq, id"},
    {"qc_export_exclusions",
     "SELECT full_name, phone, cccd, role FROM qc_exclusion WHERE contest_id = %s ORDER BY id"},
    {"qc_export_prizes",
     "SELECT kind, scope, group_code, seq, title, count, amount FROM qc_prize"
     " WHERE contest_id = %s ORDER BY id"},
    {"qc_export_topics", "SELECT code, quota FROM qc_topic WHERE contest_id = %s ORDER BY id"},
    {"qc_settings_attempts", "SELECT COUNT(*) FROM qc_attempt WHERE contest_id = %s"},
    {"qc_settings_update",
     "UPDATE qc_contest SET title = %s, theme = %s, organiser = %s, rules_text = %s,"
     " opens_at = %s, closes_at = %s, questions_per_attempt = %s, time_limit_s = %s,"
     " attempts_per_round = %s, grace_s = %s, reveal_answers = %s, counted_attempt = %s,"
     " prediction_question = %s, updated_at = UTC_TIMESTAMP(3) WHERE id = %s"},
    /* uq_contestant_phone; the primary key */
    {"qc_staff_contestant_by_phone",
     "SELECT c.id, c.full_name, c.phone, u.name, c.created_at,"
     " (SELECT COUNT(*) FROM qc_attempt a WHERE a.contestant_id = c.id), g.title"
     " FROM qc_contestant c JOIN qc_unit u ON u.id = c.unit_id"
     " LEFT JOIN qc_group g ON g.id = c.group_id WHERE c.contest_id = %s AND c.phone = %s"},
    {"qc_staff_contestant_by_id",
     "SELECT c.id, c.full_name, c.phone, u.name, c.created_at,"
     " (SELECT COUNT(*) FROM qc_attempt a WHERE a.contestant_id = c.id), g.title"
     " FROM qc_contestant c JOIN qc_unit u ON u.id = c.unit_id"
     " LEFT JOIN qc_group g ON g.id = c.group_id WHERE c.contest_id = %s AND c.id = %s"},
    {"qc_reset_password",
     "UPDATE qc_contestant SET password_hash = %s, password_set_by_secretariat = 1"
     " WHERE contest_id = %s AND id = %s"},
    /* a staged definition: the BLOB's bytes are not NUL-terminated by the driver, so its
     * length comes along */
    {"qc_def_staging_get",
     "SELECT format, filename, content, OCTET_LENGTH(content) FROM qc_import_staging"
     " WHERE token_hash = %s AND contest_id = %s"
     " AND created_at > UTC_TIMESTAMP(3) - INTERVAL 1 DAY"},
    /* ==== end of: secretariat contest definition, settings, password reset ==== */
    {NULL, NULL}};
