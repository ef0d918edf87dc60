/* The catalogue of statements: every store file's array, and the look-up by label. Keep each
 * statement indexed: the comment beside it names the index. */
#include <stddef.h>
#include <string.h>
#include "qc_sql.h"

/* each area's statements, in its own file */
extern const qc_sql_statement_t qc_account_statements[];
extern const qc_sql_statement_t qc_attempt_statements[];
extern const qc_sql_statement_t qc_clip_statements[];
extern const qc_sql_statement_t qc_contest_statements[];
extern const qc_sql_statement_t qc_db_statements[];
extern const qc_sql_statement_t qc_jury_statements[];
extern const qc_sql_statement_t qc_population_statements[];
extern const qc_sql_statement_t qc_qtext_statements[];
extern const qc_sql_statement_t qc_results_statements[];
extern const qc_sql_statement_t qc_session_statements[];
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

    /* ---- importing a question bank (quizcontest-admin import-bank) ---- */
    {"qc_bank_question_retire", "UPDATE qc_question SET retired = 1 WHERE id = %s"},
    {"qc_bank_question_insert",
     "INSERT INTO qc_question (contest_id, topic_id, code, version, kind, body, explanation,"
     " content_hash)"
     " SELECT %s, %s, %s, COALESCE(MAX(version), 0) + 1, %s, %s, %s, %s"
     " FROM qc_question WHERE contest_id = %s AND code = %s"},
    {"qc_bank_choice_insert",
     "INSERT INTO qc_choice (question_id, seq, body, is_correct) VALUES (%s, %s, %s, %s)"},

    /* ---- accounts made by the secretariat's tool ---- */

    /* ---- the secretariat area: audit log (ix_audit_contest_at) ---- */
    {"qc_audit_insert",
     "INSERT INTO qc_audit (contest_id, at, actor, client_ip, action, object, before_text,"
     " after_text) VALUES (%s, UTC_TIMESTAMP(3), %s, %s, %s, %s, %s, %s)"},
    {"qc_audit_list",
     "SELECT id, at, actor, client_ip, action, object, before_text, after_text FROM qc_audit"
     " WHERE contest_id = CAST(%s AS UNSIGNED) AND id < CAST(%s AS UNSIGNED) ORDER BY id DESC "
     "LIMIT 50"},

    /* ---- the secretariat area: the question bank (ix_question_bank, ix_item_question) ---- */
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

    /* ---- question-bank exchange formats (lib/qc_qbank_db.c: import-questions,
     *      export-questions) ---- */
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
     "UPDATE qc_contestant SET password_hash = %s, password_set_by_secretariat = 1,"
     " temp_password_expires_at = UTC_TIMESTAMP(3) + INTERVAL 72 HOUR"
     " WHERE contest_id = %s AND id = %s"},
    /* ==== end of: secretariat contest definition, settings, password reset ==== */

    /* ---- the on-stage team contest (qc_jury.c, qc_page_stage.c) ---- */
    /* qc_stage PRIMARY KEY (contest_id); parts, criteria, prizes PRIMARY KEY (contest_id, ...) */
    {"qc_stage_delete", "DELETE FROM qc_stage WHERE contest_id = %s"},
    {"qc_stage_upsert",
     "INSERT INTO qc_stage (contest_id, title, drop_extremes, online_mode, online_weight)"
     " VALUES (%s, %s, %s, %s, %s)"
     " ON DUPLICATE KEY UPDATE title = VALUES(title), drop_extremes = VALUES(drop_extremes),"
     " online_mode = VALUES(online_mode), online_weight = VALUES(online_weight)"},
    {"qc_stage_get", "SELECT title, drop_extremes, UTC_TIMESTAMP(3), online_mode, online_weight,"
                     " judging_closed_at, judging_closed_by FROM qc_stage WHERE contest_id = %s"},
    /* Closing the stage's judging (once). A change of the judges or the presenter reads
     * whether it is closed in its own transaction, sharing the stage's row, so it either
     * commits before the closing or sees it. */
    {"qc_stage_close_judging",
     "UPDATE qc_stage SET judging_closed_at = UTC_TIMESTAMP(3), judging_closed_by = %s"
     " WHERE contest_id = %s AND judging_closed_at IS NULL"},
    {"qc_stage_open_shared",
     "SELECT judging_closed_at IS NULL FROM qc_stage WHERE contest_id = %s LOCK IN SHARE MODE"},
    /* each team's unit and the units directly below it: their contestants' counted results
     * over the whole contest (qc_counted PRIMARY KEY, round_id 0) */
    {"qc_stage_online", "SELECT t.id, COUNT(c.contestant_id), COALESCE(SUM(c.score), 0)"
                        " FROM qc_stage_team t JOIN qc_unit u ON u.contest_id = t.contest_id"
                        "  AND (u.id = t.unit_id OR u.parent_id = t.unit_id)"
                        " JOIN qc_contestant ct ON ct.unit_id = u.id"
                        " JOIN qc_counted c ON c.contest_id = t.contest_id AND c.round_id = 0"
                        "  AND c.contestant_id = ct.id"
                        " WHERE t.contest_id = %s GROUP BY t.id"},
    {"qc_stage_parts_clear", "DELETE FROM qc_stage_part WHERE contest_id = %s"},
    {"qc_stage_part_insert",
     "INSERT INTO qc_stage_part (contest_id, code, seq, title, points_per_right, answer_seconds)"
     " VALUES (%s, %s, %s, %s, NULLIF(%s, ''), %s)"},
    {"qc_stage_parts",
     "SELECT code, title, COALESCE(points_per_right, 0), answer_seconds FROM qc_stage_part"
     " WHERE contest_id = %s ORDER BY seq"},
    {"qc_stage_criteria_clear", "DELETE FROM qc_stage_criterion WHERE contest_id = %s"},
    {"qc_stage_criterion_insert",
     "INSERT INTO qc_stage_criterion (contest_id, part_code, code, seq, title, max_points)"
     " VALUES (%s, %s, %s, %s, %s, %s)"},
    {"qc_stage_criteria",
     "SELECT c.part_code, c.code, c.title, c.max_points FROM qc_stage_criterion c"
     " JOIN qc_stage_part p ON p.contest_id = c.contest_id AND p.code = c.part_code"
     " WHERE c.contest_id = %s ORDER BY p.seq, c.seq"},
    {"qc_stage_prizes_clear", "DELETE FROM qc_stage_prize WHERE contest_id = %s"},
    {"qc_stage_prize_insert", "INSERT INTO qc_stage_prize (contest_id, seq, title, count, amount) "
                              "VALUES (%s, %s, %s, %s, %s)"},
    {"qc_stage_prizes",
     "SELECT title, count, COALESCE(amount, 0) FROM qc_stage_prize WHERE contest_id = %s"
     " ORDER BY seq"},
    /* qc_stage_team uq_stage_team_unit (contest_id, unit_id) */
    {"qc_stage_team_upsert", "INSERT INTO qc_stage_team (contest_id, unit_id, name, seq)"
                             " SELECT %s, u.id, IF(%s = '', u.name, %s), %s FROM qc_unit u"
                             " WHERE u.contest_id = %s AND u.code = %s"
                             " ON DUPLICATE KEY UPDATE name = VALUES(name), seq = VALUES(seq)"},
    {"qc_stage_team_by_unit", "SELECT t.id FROM qc_stage_team t JOIN qc_unit u ON u.id = t.unit_id"
                              " WHERE t.contest_id = %s AND u.code = %s"},
    {"qc_stage_teams",
     "SELECT t.id, u.code, t.name, t.committee_ord FROM qc_stage_team t"
     " JOIN qc_unit u ON u.id = t.unit_id WHERE t.contest_id = %s ORDER BY t.seq"},
    {"qc_stage_committee_set",
     "UPDATE qc_stage_team SET committee_ord = NULLIF(%s, '') WHERE id = %s AND contest_id = %s"},
    {"qc_stage_members_clear", "DELETE FROM qc_stage_member WHERE team_id = %s"},
    {"qc_stage_member_insert",
     "INSERT INTO qc_stage_member (team_id, seq, full_name) VALUES (%s, %s, %s)"},
    {"qc_stage_members",
     "SELECT m.team_id, m.full_name FROM qc_stage_member m JOIN qc_stage_team t ON t.id = m.team_id"
     " WHERE t.contest_id = %s ORDER BY t.seq, m.seq"},
    /* qc_stage_score PRIMARY KEY (team_id, part_code, judge_user, criterion_code) */
    {"qc_stage_score_upsert",
     "INSERT INTO qc_stage_score (team_id, part_code, judge_user, criterion_code, points,"
     " scored_at) VALUES (%s, %s, %s, %s, %s, UTC_TIMESTAMP(3))"
     " ON DUPLICATE KEY UPDATE points = VALUES(points), scored_at = VALUES(scored_at)"},
    {"qc_stage_judge_totals",
     "SELECT s.team_id, s.part_code, s.judge_user, SUM(s.points), COUNT(*)"
     " FROM qc_stage_team t JOIN qc_stage_score s ON s.team_id = t.id"
     " WHERE t.contest_id = %s GROUP BY s.team_id, s.part_code, s.judge_user"},
    {"qc_stage_scores_by_judge", "SELECT criterion_code, points FROM qc_stage_score"
                                 " WHERE team_id = %s AND part_code = %s AND judge_user = %s"},
    /* qc_stage_draw uq_stage_draw_question (contest_id, question_code): a question code never
     * drawn in this contest's event, at random, from the topic (ix_question_bank) */
    {"qc_stage_draw_pick",
     "SELECT q.id, q.code FROM qc_question q JOIN qc_topic t ON t.id = q.topic_id"
     " WHERE q.contest_id = %s AND q.retired = 0 AND t.code = %s"
     " AND NOT EXISTS (SELECT 1 FROM qc_stage_draw d WHERE d.contest_id = q.contest_id"
     "  AND d.question_code = q.code)"
     " ORDER BY RAND() LIMIT 1"},
    {"qc_stage_draw_insert",
     "INSERT INTO qc_stage_draw (contest_id, team_id, part_code, topic_code, question_id,"
     " question_code, drawn_at, drawn_by) VALUES (%s, %s, %s, %s, %s, %s, UTC_TIMESTAMP(3), %s)"},
    {"qc_stage_draws",
     "SELECT d.id, d.team_id, t.name, d.part_code, d.topic_code, d.question_id, d.question_code,"
     " d.drawn_at, d.revealed_at, d.answered, q.body, d.drawn_by, d.judged_by"
     " FROM qc_stage_draw d JOIN qc_stage_team t ON t.id = d.team_id"
     " JOIN qc_question q ON q.id = d.question_id"
     " WHERE d.contest_id = %s ORDER BY d.id DESC"},
    {"qc_stage_draw_reveal",
     "UPDATE qc_stage_draw SET revealed_at = COALESCE(revealed_at, UTC_TIMESTAMP(3))"
     " WHERE id = %s AND contest_id = %s"},
    {"qc_stage_draw_judge",
     "UPDATE qc_stage_draw SET answered = %s, judged_by = %s WHERE id = %s AND contest_id = %s"},
    {"qc_stage_choices",
     "SELECT seq, body, is_correct FROM qc_choice WHERE question_id = %s ORDER BY seq"},
    {"qc_stage_topics",
     "SELECT t.code, t.title, (SELECT COUNT(*) FROM qc_question q WHERE q.topic_id = t.id"
     "  AND q.retired = 0 AND NOT EXISTS (SELECT 1 FROM qc_stage_draw d"
     "  WHERE d.contest_id = q.contest_id AND d.question_code = q.code))"
     " FROM qc_topic t WHERE t.contest_id = %s ORDER BY t.code"},
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
    qc_attempt_statements,
    qc_clip_statements,
    qc_contest_statements,
    qc_db_statements,
    qc_jury_statements,
    qc_population_statements,
    qc_qtext_statements,
    qc_results_statements,
    qc_session_statements,
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
