/* The catalogue of statements: every store file's array, and the look-up by label. Keep each
 * statement indexed: the comment beside it names the index. */
#include <stddef.h>
#include <string.h>
#include "qc_sql.h"

extern const qc_sql_statement_t qc_contest_statements[];

extern const qc_sql_statement_t qc_account_statements[];

extern const qc_sql_statement_t qc_session_statements[];

extern const qc_sql_statement_t qc_qtext_statements[];

extern const qc_sql_statement_t qc_db_statements[];

extern const qc_sql_statement_t qc_attempt_statements[];

extern const qc_sql_statement_t qc_results_statements[];

extern const qc_sql_statement_t qc_population_statements[];

extern const qc_sql_statement_t qc_audit_statements[];

extern const qc_sql_statement_t qc_question_statements[];

extern const qc_sql_statement_t qc_staging_statements[];

extern const qc_sql_statement_t qc_qbank_statements[];

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
    {"qc_settings_attempts", "SELECT COUNT(*) FROM qc_attempt WHERE contest_id = %s"},
    {"qc_settings_update",
     "UPDATE qc_contest SET title = %s, theme = %s, organiser = %s, rules_text = %s,"
     " opens_at = %s, closes_at = %s, questions_per_attempt = %s, time_limit_s = %s,"
     " attempts_per_round = %s, grace_s = %s, reveal_answers = %s, counted_attempt = %s,"
     " prediction_question = %s, updated_at = UTC_TIMESTAMP(3), revision = revision + 1"
     " WHERE id = %s"},
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
    /* ==== end of: secretariat contest definition, settings, password reset ==== */

    /* ---- jury-scored parts: judges, the video-clip part (qc_jury.c, qc_page_jury.c) ---- */
    /* qc_judge PRIMARY KEY (contest_id, user_name) */
    {"qc_jury_judges_clear", "DELETE FROM qc_judge WHERE contest_id = %s"},
    {"qc_jury_judge_insert",
     "INSERT INTO qc_judge (contest_id, user_name, full_name, unit_code) VALUES (%s, %s, %s, %s)"},
    {"qc_jury_judge_get", "SELECT user_name, full_name, unit_code FROM qc_judge"
                          " WHERE contest_id = %s AND user_name = %s"},
    {"qc_jury_judges", "SELECT user_name, full_name, unit_code FROM qc_judge WHERE contest_id = %s"
                       " ORDER BY user_name"},
    /* qc_clip_part PRIMARY KEY (contest_id) */
    {"qc_clip_part_delete", "DELETE FROM qc_clip_part WHERE contest_id = %s"},
    {"qc_clip_part_upsert",
     "INSERT INTO qc_clip_part (contest_id, title, deadline_at, max_bytes, drop_extremes,"
     " unit_kind) VALUES (%s, %s, %s, %s, %s, %s)"
     " ON DUPLICATE KEY UPDATE title = VALUES(title), deadline_at = VALUES(deadline_at),"
     " max_bytes = VALUES(max_bytes), drop_extremes = VALUES(drop_extremes),"
     " unit_kind = VALUES(unit_kind)"},
    {"qc_clip_part_get",
     "SELECT title, deadline_at, max_bytes, drop_extremes, unit_kind, judging_closed_at,"
     " published_at, UTC_TIMESTAMP(3) FROM qc_clip_part WHERE contest_id = %s"},
    {"qc_clip_close_judging",
     "UPDATE qc_clip_part SET judging_closed_at = UTC_TIMESTAMP(3), judging_closed_by = %s"
     " WHERE contest_id = %s AND judging_closed_at IS NULL"},
    {"qc_clip_publish",
     "UPDATE qc_clip_part SET published_at = UTC_TIMESTAMP(3), published_by = %s"
     " WHERE contest_id = %s AND judging_closed_at IS NOT NULL AND published_at IS NULL"},
    /* qc_clip_criterion / qc_clip_prize PRIMARY KEY (contest_id, ...) */
    {"qc_clip_criteria_clear", "DELETE FROM qc_clip_criterion WHERE contest_id = %s"},
    {"qc_clip_criterion_insert",
     "INSERT INTO qc_clip_criterion (contest_id, code, seq, title, max_points)"
     " VALUES (%s, %s, %s, %s, %s)"},
    {"qc_clip_criteria",
     "SELECT code, title, max_points FROM qc_clip_criterion WHERE contest_id = %s ORDER BY seq"},
    {"qc_clip_prizes_clear", "DELETE FROM qc_clip_prize WHERE contest_id = %s"},
    {"qc_clip_prize_insert", "INSERT INTO qc_clip_prize (contest_id, seq, title, count, amount) "
                             "VALUES (%s, %s, %s, %s, %s)"},
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

const qc_sql_statement_t *const qc_sql_catalogue[] = {qc_population_statements, 
    qc_audit_statements,   qc_question_statements, qc_staging_statements, qc_qbank_statements,
    qc_results_statements, qc_attempt_statements, qc_db_statements,
    qc_qtext_statements,   qc_session_statements, qc_account_statements,
    qc_contest_statements, unsorted_statements,   NULL};

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
