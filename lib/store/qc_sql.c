/* The catalogue of statements: every store file's array, and the look-up by label. Keep each
 * statement indexed: the comment beside it names the index. */
#include <stddef.h>
#include <string.h>
#include "qc_sql.h"

/* What qc_attempt_of_row reads (16 columns): an attempt `a`, its round `r` and its contest
 * `c`; shared by qc_attempt_get, qc_attempt_quiz and qc_quiz_page. */
#define QC_ATTEMPT_COLUMNS                                                                         \
    "a.id, a.round_id, a.attempt_no, a.state, a.started_at, a.deadline_at, a.finished_at,"         \
    " a.time_taken_ms, a.question_count, a.score, a.prediction, a.answer_seq,"                     \
    " TIMESTAMPDIFF(MICROSECOND, UTC_TIMESTAMP(3), a.deadline_at) DIV 1000,"                       \
    " r.title, r.closes_at <= UTC_TIMESTAMP(3),"                                                   \
    " a.state = 'open' AND a.deadline_at + INTERVAL c.grace_s SECOND < UTC_TIMESTAMP(3)"

/* What the two autosave statements (qc_autosave_answer, qc_autosave_single) share: the join
 * of the attempt (first: see qc_autosave_answer), its item, the session and the contest, and
 * the write with its checks. Arguments of SET_WHERE: selection, seq, token hash, contest code,
 * csrf, attempt id, position, seq. */
#define QC_AUTOSAVE_JOIN                                                                           \
    "UPDATE qc_attempt a JOIN qc_attempt_item i ON i.attempt_id = a.id"                            \
    " JOIN qc_session s ON s.contestant_id = a.contestant_id AND s.contest_id = a.contest_id"      \
    " JOIN qc_contest k ON k.id = a.contest_id"
/* A batch of saves (lib/qc_combine.h) holds one of its process's few places for batches while
 * it runs: its statement waits for a row lock at most 1 s (then error 1205, and each of its
 * saves is written alone, outside the batches). */
#define QC_AUTOSAVE_BATCH_LOCK_WAIT "SET STATEMENT innodb_lock_wait_timeout = 1 FOR "
#define QC_AUTOSAVE_SET_WHERE                                                                      \
    " SET i.selected = NULLIF(%s, ''), i.saved_at = UTC_TIMESTAMP(3), a.answer_seq = %s"           \
    " WHERE s.token_hash = %s AND k.code = %s AND s.expires_at > UTC_TIMESTAMP(3)"                 \
    " AND CAST(s.csrf_token AS BINARY) = CAST(%s AS BINARY)"                                       \
    " AND a.id = %s AND i.position = %s AND a.state = 'open' AND a.answer_seq < %s"                \
    " AND UTC_TIMESTAMP(3) <= a.deadline_at + INTERVAL k.grace_s SECOND"

/* qc_autosave_single: the item's choice one id (or '', to clear). */
#define QC_AUTOSAVE_SINGLE                                                                         \
    QC_AUTOSAVE_JOIN QC_AUTOSAVE_SET_WHERE " AND FIND_IN_SET(%s, CONCAT(i.choice_order, ',')) > 0"

/* The batched autosave (qc_autosave_batch<n>): a derived table of n rows, each a save, joined
 * to the attempt, its item, the session and the contest by primary keys. The columns have
 * the types of the ones they are compared with (the contest code the schema's collation, as
 * the table has it: a derived table's text is otherwise the connection's). A row lock that
 * another transaction holds on one save's attempt would hold up every save of the batch, and
 * a batch stuck that way holds one of the few places a process has for batches, so every
 * save of the process would queue behind it: the statement waits for a lock at most 1 s,
 * then fails (error 1205), and each save of the batch is written alone. */
#define QC_AUTOSAVE_BATCH_HEAD QC_AUTOSAVE_BATCH_LOCK_WAIT "UPDATE ("
#define QC_AUTOSAVE_BATCH_ROW                                                                      \
    "SELECT CAST(%s AS UNSIGNED) AS aid, CAST(%s AS UNSIGNED) AS pos,"                             \
    " CAST(%s AS CHAR(200) CHARACTER SET ascii) AS sel, CAST(%s AS UNSIGNED) AS seq,"              \
    " CAST(%s AS CHAR(64) CHARACTER SET ascii) AS tok,"                                            \
    " CAST(%s AS CHAR(64) CHARACTER SET utf8mb4) COLLATE utf8mb4_vietnamese_ci AS code,"           \
    " CAST(%s AS BINARY(43)) AS csrf, CAST(%s AS CHAR(20) CHARACTER SET ascii) AS cid"
#define QC_AUTOSAVE_BATCH_ROWS2 QC_AUTOSAVE_BATCH_ROW " UNION ALL " QC_AUTOSAVE_BATCH_ROW
#define QC_AUTOSAVE_BATCH_ROWS4 QC_AUTOSAVE_BATCH_ROWS2 " UNION ALL " QC_AUTOSAVE_BATCH_ROWS2
#define QC_AUTOSAVE_BATCH_ROWS8 QC_AUTOSAVE_BATCH_ROWS4 " UNION ALL " QC_AUTOSAVE_BATCH_ROWS4
#define QC_AUTOSAVE_BATCH_ROWS16 QC_AUTOSAVE_BATCH_ROWS8 " UNION ALL " QC_AUTOSAVE_BATCH_ROWS8
#define QC_AUTOSAVE_BATCH_TAIL                                                                     \
    ") v JOIN qc_attempt a ON a.id = v.aid"                                                        \
    " JOIN qc_attempt_item i ON i.attempt_id = a.id AND i.position = v.pos"                        \
    " JOIN qc_session s ON s.token_hash = v.tok AND s.contestant_id = a.contestant_id"             \
    " AND s.contest_id = a.contest_id"                                                             \
    " JOIN qc_contest k ON k.id = a.contest_id"                                                    \
    " SET i.selected = NULLIF(v.sel, ''), i.saved_at = UTC_TIMESTAMP(3), a.answer_seq = v.seq"     \
    " WHERE k.code = v.code AND s.expires_at > UTC_TIMESTAMP(3)"                                   \
    " AND CAST(s.csrf_token AS BINARY) = v.csrf"                                                   \
    " AND a.state = 'open' AND a.answer_seq < v.seq"                                               \
    " AND UTC_TIMESTAMP(3) <= a.deadline_at + INTERVAL k.grace_s SECOND"                           \
    " AND FIND_IN_SET(v.cid, CONCAT(i.choice_order, ',')) > 0"

/* Statements not yet moved beside the code that decodes their rows. */
static const qc_sql_statement_t unsorted_statements[] = {
    /* ---- contest (uq_contest_code) ---- */
    {"qc_contest_by_code",
     "SELECT id, code, title, theme, organiser, rules_text, opens_at, closes_at,"
     " questions_per_attempt, time_limit_s, attempts_per_round, grace_s, reveal_answers,"
     " prediction_question, min_age, cccd_mode, email_mode, tz_offset_min, results_published,"
     " UTC_TIMESTAMP(3), counted_attempt, revision, results_publish_at, ceremony_at"
     " FROM qc_contest WHERE code = %s"},
    /* What every request reads of its contest: whether the process's copy is current, and the
     * database's clock. With a session cookie, the session comes in the same statement
     * (primary key token_hash). */
    {"qc_contest_probe", "SELECT id, revision, UTC_TIMESTAMP(3) FROM qc_contest WHERE code = %s"},
    {"qc_contest_session_probe",
     "SELECT k.id, k.revision, UTC_TIMESTAMP(3), s.contestant_id, s.csrf_token, c.full_name,"
     " c.phone, c.unit_id, c.group_id"
     " FROM qc_contest k"
     " LEFT JOIN qc_session s ON s.token_hash = %s AND s.contest_id = k.id"
     " AND s.expires_at > UTC_TIMESTAMP(3)"
     " LEFT JOIN qc_contestant c ON c.id = s.contestant_id"
     " WHERE k.code = %s"},
    /* after any change to a contest's rounds, topics or bank (its own row's updates raise the
     * revision themselves) */
    {"qc_contest_touch", "UPDATE qc_contest SET revision = revision + 1 WHERE id = %s"},
    {"qc_contest_rounds", "SELECT id, seq, title, opens_at, closes_at, attempts_allowed"
                          " FROM qc_round WHERE contest_id = %s ORDER BY seq"},
    {"qc_contest_documents",
     "SELECT seq, title, url FROM qc_document WHERE contest_id = %s ORDER BY seq"},
    {"qc_contest_units", "SELECT id, parent_id, code, name, kind FROM qc_unit WHERE contest_id = %s"
                         " ORDER BY seq, id"},
    {"qc_contest_groups",
     "SELECT id, code, title FROM qc_group WHERE contest_id = %s ORDER BY seq, id"},
    /* registered, and participants: a contestant with a finished attempt has the contest's
     * counted row (round 0) in qc_counted, written with the attempt's end, so the count reads
     * one index range instead of every attempt (0.17 s at 300,000 attempts, for a page each
     * process renders once a second) */
    {"qc_contest_counts",
     "SELECT (SELECT COUNT(*) FROM qc_contestant WHERE contest_id = %s),"
     " (SELECT COUNT(*) FROM qc_counted WHERE contest_id = %s AND round_id = 0)"},

    /* ---- registration ---- */
    {"qc_exclusion_match",
     "SELECT role FROM qc_exclusion WHERE contest_id = %s AND (phone = %s OR cccd = %s)"
     " LIMIT 1"},
    {"qc_contestant_phone_taken",
     "SELECT 1 FROM qc_contestant WHERE contest_id = %s AND phone = %s"},
    {"qc_contestant_cccd_taken", "SELECT 1 FROM qc_contestant WHERE contest_id = %s AND cccd = %s"},
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
    {"qc_login_failure_clear", "DELETE FROM qc_login_failure WHERE contest_id = %s AND phone = %s"},
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
    {"qc_session_purge", "DELETE FROM qc_session WHERE expires_at < UTC_TIMESTAMP(3) LIMIT 1000"},

    /* ---- attempts ---- */
    /* uq_attempt_open */
    {"qc_attempt_open_of",
     "SELECT a.id, a.deadline_at + INTERVAL c.grace_s SECOND < UTC_TIMESTAMP(3)"
     " FROM qc_attempt a JOIN qc_contest c ON c.id = a.contest_id"
     " WHERE a.contestant_id = %s AND a.open_marker = 1"},
    {"qc_attempts_used",
     "SELECT COUNT(*) FROM qc_attempt WHERE contestant_id = %s AND round_id = %s"},
    {"qc_last_insert_id", "SELECT LAST_INSERT_ID()"},
    /* ix_question_bank */
    {"qc_bank_for_draw", "SELECT q.id, q.topic_id, GROUP_CONCAT(c.id ORDER BY c.seq SEPARATOR ',')"
                         " FROM qc_question q JOIN qc_choice c ON c.question_id = q.id"
                         " WHERE q.contest_id = %s AND q.retired = 0 GROUP BY q.id, q.topic_id"},
    {"qc_topic_quotas", "SELECT id, quota FROM qc_topic WHERE contest_id = %s AND quota > 0"},
    /* The items of an attempt, with their answer keys: qc_items_insert (load benchmark block). */
    {"qc_attempt_get",
     "SELECT " QC_ATTEMPT_COLUMNS " FROM qc_attempt a JOIN qc_round r ON r.id = a.round_id"
     " JOIN qc_contest c ON c.id = a.contest_id"
     " WHERE a.id = %s AND a.contestant_id = %s"},
    /* A finished attempt's items with the key, only when its answers may be revealed. Ordered
     * by position only: the primary key (attempt_id, position) gives that order for free,
     * while adding c.seq made MariaDB sort through an on-disk temporary table (the rows carry
     * TEXT). The choices are put in the drawn order in C. */
    {"qc_attempt_items_revealed",
     "SELECT i.position, q.id, q.kind, q.body, i.choice_order, i.selected, c.id, c.body,"
     " c.is_correct, q.explanation"
     " FROM qc_attempt_item i JOIN qc_question q ON q.id = i.question_id"
     " JOIN qc_choice c ON c.question_id = q.id"
     " JOIN qc_attempt a ON a.id = i.attempt_id"
     " WHERE i.attempt_id = %s AND a.state <> 'open' ORDER BY i.position"},
    /* The quiz page's items without their texts, which come from the process's cache of
     * question texts (lib/qc_qtext.c), keyed by id and content hash. Primary keys only. */
    {"qc_attempt_items_shown",
     "SELECT i.position, i.question_id, i.choice_order, i.selected, q.content_hash"
     " FROM qc_attempt_item i JOIN qc_question q ON q.id = i.question_id"
     " WHERE i.attempt_id = %s ORDER BY i.position"},
    /* The quiz page in one statement: the attempt (the columns of qc_attempt_get) and its
     * items (those of qc_attempt_items_shown), one row per item. Primary keys only. Inner
     * joins (an attempt's items are inserted with it): with outer ones MariaDB sorted the rows
     * through a temporary table. */
    {"qc_attempt_quiz", "SELECT " QC_ATTEMPT_COLUMNS ","
                        " i.position, i.question_id, i.choice_order, i.selected, q.content_hash"
                        " FROM qc_attempt a JOIN qc_round r ON r.id = a.round_id"
                        " JOIN qc_contest c ON c.id = a.contest_id"
                        " JOIN qc_attempt_item i ON i.attempt_id = a.id"
                        " JOIN qc_question q ON q.id = i.question_id"
                        " WHERE a.id = %s AND a.contestant_id = %s ORDER BY i.position"},
    /* The quiz page of a live session in one statement: the contest's revision and the clock
     * (as qc_contest_session_probe), the session, the attempt (as qc_attempt_quiz) and its
     * items. No row: the ordinary path works out why (no session, not this contestant's). */
    {"qc_quiz_page",
     "SELECT c.id, c.revision, UTC_TIMESTAMP(3), s.contestant_id, s.csrf_token, ct.full_name,"
     " ct.phone, ct.unit_id, ct.group_id, " QC_ATTEMPT_COLUMNS ","
     " i.position, i.question_id, i.choice_order, i.selected, q.content_hash"
     " FROM qc_contest c"
     " JOIN qc_session s ON s.token_hash = %s AND s.contest_id = c.id"
     " AND s.expires_at > UTC_TIMESTAMP(3)"
     " JOIN qc_contestant ct ON ct.id = s.contestant_id"
     " JOIN qc_attempt a ON a.id = %s AND a.contestant_id = s.contestant_id"
     " JOIN qc_round r ON r.id = a.round_id"
     " JOIN qc_attempt_item i ON i.attempt_id = a.id"
     " JOIN qc_question q ON q.id = i.question_id"
     " WHERE c.code = %s ORDER BY i.position"},
    /* A question's text as contestants see it: never is_correct (uq_choice_seq) */
    {"qc_question_text",
     "SELECT q.kind, q.body, c.id, c.body FROM qc_question q"
     " JOIN qc_choice c ON c.question_id = q.id WHERE q.id = %s ORDER BY c.seq"},
    {"qc_item_choices", "SELECT i.choice_order, q.kind FROM qc_attempt_item i JOIN qc_question q"
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
    {"qc_attempt_overdue", "SELECT a.id FROM qc_attempt a JOIN qc_contest c ON c.id = a.contest_id"
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
    {"qc_account_set_password",
     "UPDATE qc_contestant SET password_hash = %s, password_set_by_secretariat = 1"
     " WHERE contest_id = %s AND phone = %s"},

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

    /* ---- the secretariat area: an upload between preview and confirmation ---- */
    {"qc_staging_insert",
     "INSERT INTO qc_import_staging (token_hash, contest_id, actor, created_at, format,"
     " filename, content) VALUES (%s, %s, %s, UTC_TIMESTAMP(3), %s, %s, %s)"},
    {"qc_staging_delete", "DELETE FROM qc_import_staging WHERE token_hash = %s"},
    {"qc_staging_purge",
     "DELETE FROM qc_import_staging WHERE created_at < UTC_TIMESTAMP(3) - INTERVAL 1 DAY"
     " LIMIT 100"},
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
    /* ---- results: counted attempts, rankings, prizes, units, publication (qc_results.c) ----
     * qc_counted holds each contestant's counted attempt per round and, with round_id 0, over
     * the whole contest; pick_key orders attempts under the contest's rule (see 0004). */
    /* Run in the transaction that finalises attempt %s: its round's row and the contest's. On
     * a duplicate the row takes the new attempt only when its key is higher; pick_key is
     * assigned last because later assignments see the earlier ones. */
    {"qc_counted_upsert",
     "INSERT INTO qc_counted (contest_id, round_id, contestant_id, unit_id, group_id,"
     " attempt_id, pick_key, score, question_count, time_taken_ms, prediction, attempts)"
     " SELECT a.contest_id, IF(s.scope = 0, 0, a.round_id), a.contestant_id, ct.unit_id,"
     " COALESCE(ct.group_id, 0), a.id,"
     " CASE c.counted_attempt WHEN 'best' THEN a.score * 10000000000 + (9999999999 - "
     "a.time_taken_ms) WHEN 'first' THEN -(r.seq * 100000 + a.attempt_no) ELSE r.seq * 100000 + "
     "a.attempt_no END,"
     " a.score, a.question_count, a.time_taken_ms, a.prediction, 1"
     " FROM qc_attempt a JOIN qc_contest c ON c.id = a.contest_id"
     " JOIN qc_round r ON r.id = a.round_id JOIN qc_contestant ct ON ct.id = a.contestant_id"
     " JOIN (SELECT 0 AS scope UNION ALL SELECT 1) s"
     " WHERE a.id = %s AND a.state <> 'open' AND a.score IS NOT NULL"
     " ON DUPLICATE KEY UPDATE qc_counted.attempts = qc_counted.attempts + 1,"
     " qc_counted.attempt_id = IF(VALUES(pick_key) > qc_counted.pick_key,"
     "  VALUES(attempt_id), qc_counted.attempt_id),"
     " qc_counted.score = IF(VALUES(pick_key) > qc_counted.pick_key,"
     "  VALUES(score), qc_counted.score),"
     " qc_counted.question_count = IF(VALUES(pick_key) > qc_counted.pick_key,"
     "  VALUES(question_count), qc_counted.question_count),"
     " qc_counted.time_taken_ms = IF(VALUES(pick_key) > qc_counted.pick_key,"
     "  VALUES(time_taken_ms), qc_counted.time_taken_ms),"
     " qc_counted.prediction = IF(VALUES(pick_key) > qc_counted.pick_key,"
     "  VALUES(prediction), qc_counted.prediction),"
     " qc_counted.unit_id = VALUES(unit_id), qc_counted.group_id = VALUES(group_id),"
     " qc_counted.pick_key = GREATEST(qc_counted.pick_key, VALUES(pick_key))"},
    {"qc_counted_clear", "DELETE FROM qc_counted WHERE contest_id = %s"},
    /* uq_contestant_phone: the secretariat moves an account to another unit / group */
    {"qc_contestant_move", "UPDATE qc_contestant SET unit_id = %s, group_id = NULLIF(%s, '')"
                           " WHERE contest_id = %s AND phone = %s"},
    /* ix_counted_contestant: a contestant moved to another unit or group */
    {"qc_counted_moved", "UPDATE qc_counted k JOIN qc_contestant ct ON ct.id = k.contestant_id"
                         " SET k.unit_id = ct.unit_id, k.group_id = COALESCE(ct.group_id, 0)"
                         " WHERE k.contestant_id = %s"},
    /* Rebuild a contest's rows from its attempts (after a bulk load); as migration 0004. */
    {"qc_counted_rebuild",
     "INSERT INTO qc_counted (contest_id, round_id, contestant_id, unit_id, group_id,"
     " attempt_id, pick_key, score, question_count, time_taken_ms, prediction, attempts)"
     " SELECT contest_id, IF(scope = 0, 0, round_id), contestant_id, unit_id, group_id, id,"
     " pick_key, score, question_count, time_taken_ms, prediction, n FROM ("
     "  SELECT s.scope, a.contest_id, a.round_id, a.contestant_id, ct.unit_id,"
     "  COALESCE(ct.group_id, 0) AS group_id, a.id, a.score,"
     "  a.question_count, a.time_taken_ms, a.prediction, CASE c.counted_attempt WHEN 'best' THEN "
     "a.score * 10000000000 + (9999999999 - a.time_taken_ms) WHEN 'first' THEN -(r.seq * 100000 + "
     "a.attempt_no) ELSE r.seq * 100000 + a.attempt_no END AS pick_key,"
     "  ROW_NUMBER() OVER (PARTITION BY s.scope, a.contestant_id, IF(s.scope = 0, 0, a.round_id)"
     "   ORDER BY CASE c.counted_attempt WHEN 'best' THEN a.score * 10000000000 + (9999999999 - "
     "a.time_taken_ms) WHEN 'first' THEN -(r.seq * 100000 + a.attempt_no) ELSE r.seq * 100000 + "
     "a.attempt_no END DESC, r.seq, a.attempt_no) AS rn,"
     "  COUNT(*) OVER (PARTITION BY s.scope, a.contestant_id, IF(s.scope = 0, 0, a.round_id)) AS n"
     "  FROM qc_attempt a JOIN qc_contest c ON c.id = a.contest_id"
     "  JOIN qc_round r ON r.id = a.round_id JOIN qc_contestant ct ON ct.id = a.contestant_id"
     "  JOIN (SELECT 0 AS scope UNION ALL SELECT 1) s"
     "  WHERE a.contest_id = %s AND a.state <> 'open' AND a.score IS NOT NULL"
     "  AND a.time_taken_ms IS NOT NULL) x WHERE rn = 1"},
    {"qc_results_settings",
     "SELECT prediction_target, prediction_value, prize_one_per, collective_formula,"
     " collective_unit_kind, COALESCE(collective_description, ''), reg_quota_deadline,"
     " results_published, closes_at <= UTC_TIMESTAMP(3)"
     " FROM qc_contest WHERE id = %s"},
    {"qc_results_rounds", "SELECT id, seq, results_published_at IS NOT NULL"
                          " AND results_published_at <= UTC_TIMESTAMP(3), results_published_at,"
                          " COALESCE(results_published_by, ''), closes_at <= UTC_TIMESTAMP(3)"
                          " FROM qc_round WHERE contest_id = %s ORDER BY seq"},
    {"qc_results_prizes",
     "SELECT kind, scope, group_code, seq, title, count, COALESCE(amount, 0)"
     " FROM qc_prize WHERE contest_id = %s ORDER BY kind DESC, scope, group_code, seq"},
    /* PRIMARY: participants, attempts and perfect counted attempts of a ranking's scope */
    {"qc_results_target_participants",
     "SELECT COUNT(*) FROM qc_counted WHERE contest_id = %s AND round_id = %s"},
    {"qc_results_target",
     "SELECT COUNT(*), COALESCE(SUM(attempts), 0), COALESCE(SUM(score = question_count), 0)"
     " FROM qc_counted WHERE contest_id = %s AND round_id = %s"},
/* ix_counted_rank: one row per contestant in the ranking's scope, best first, read in the
     * index's order (no sort; a LIMIT stops early). The CASTs matter: apr_dbd binds every
     * argument as a string, and a string compared with an INT column makes MariaDB sort all
     * the rows instead (measured: 400,000 rows examined for LIMIT 1000). Excluded
     * people are left out, eligibility problems are named (age, cccd, email). Never the phone
     * or the citizen ID. Arguments: group code (twice for the committee order), contest, round,
     * group filter ('' for everyone) twice. */
#define QC_SQL_RANKING_FROM                                                                        \
    "SELECT STRAIGHT_JOIN k.contestant_id, k.score, k.time_taken_ms, k.prediction,"                \
    " ct.full_name, ct.unit_id, u.name, COALESCE(g.code, ''), k.question_count, k.attempts,"       \
    " COALESCE(cg.ord, ca.ord, 0),"                                                                \
    " CONCAT_WS(',', IF(TIMESTAMPDIFF(YEAR, ct.dob, DATE(c.opens_at)) < c.min_age, 'age', NULL),"  \
    "  IF(c.cccd_mode = 'required' AND ct.cccd IS NULL, 'cccd', NULL),"                            \
    "  IF(c.email_mode = 'required' AND ct.email IS NULL, 'email', NULL)),"                        \
    " COALESCE(cg.reason, ca.reason, '')"                                                          \
    " FROM qc_counted k JOIN qc_contestant ct ON ct.id = k.contestant_id"                          \
    " JOIN qc_contest c ON c.id = k.contest_id JOIN qc_unit u ON u.id = ct.unit_id"                \
    " LEFT JOIN qc_group g ON g.id = ct.group_id"                                                  \
    " LEFT JOIN qc_committee_order cg ON cg.contest_id = k.contest_id"                             \
    "  AND cg.round_id = k.round_id AND cg.group_code = %s AND %s <> ''"                           \
    "  AND cg.contestant_id = k.contestant_id"                                                     \
    " LEFT JOIN qc_committee_order ca ON ca.contest_id = k.contest_id"                             \
    "  AND ca.round_id = k.round_id AND ca.group_code = '' AND ca.contestant_id = k.contestant_id" \
    " WHERE k.contest_id = CAST(%s AS UNSIGNED) AND k.round_id = CAST(%s AS UNSIGNED)"
#define QC_SQL_RANKING_REST                                                                        \
    " AND NOT EXISTS (SELECT 1 FROM qc_exclusion x WHERE x.contest_id = k.contest_id"              \
    "  AND x.phone = ct.phone)"                                                                    \
    " AND NOT EXISTS (SELECT 1 FROM qc_exclusion x WHERE x.contest_id = k.contest_id"              \
    "  AND x.cccd = ct.cccd)"                                                                      \
    " ORDER BY k.score DESC, k.time_taken_ms, k.contestant_id"
#define QC_SQL_RANKING QC_SQL_RANKING_FROM QC_SQL_RANKING_REST
    /* arguments: group code twice (committee order), contest, round */
    {"qc_results_ranking", QC_SQL_RANKING},
    /* the head of a ranking, enough for its prizes or a page (qc_results.c widens it when it
     * is not) */
    {"qc_results_ranking_head", QC_SQL_RANKING " LIMIT 1000"},
#undef QC_SQL_RANKING
/* a group's ranking, on ix_counted_group_rank: arguments as above, then the group's id */
#define QC_SQL_RANKING                                                                             \
    QC_SQL_RANKING_FROM " AND k.group_id = CAST(%s AS UNSIGNED)" QC_SQL_RANKING_REST
    {"qc_results_ranking_group", QC_SQL_RANKING},
    {"qc_results_ranking_group_head", QC_SQL_RANKING " LIMIT 1000"},
#undef QC_SQL_RANKING
#undef QC_SQL_RANKING_FROM
#undef QC_SQL_RANKING_REST
    /* how many a ranking has: an index count less the excluded people, found from the (short)
     * exclusion list. Arguments: contest, round, group id ('' for everyone), contest, contest,
     * contest, round, group id. */
    {"qc_results_ranking_count",
     "SELECT (SELECT COUNT(*) FROM qc_counted WHERE contest_id = CAST(%s AS UNSIGNED)"
     "  AND round_id = CAST(%s AS UNSIGNED) AND (%s = '' OR group_id = %s))"
     " - (SELECT COUNT(*) FROM (SELECT ct.id FROM qc_exclusion x JOIN qc_contestant ct"
     "   ON ct.contest_id = x.contest_id AND ct.phone = x.phone WHERE x.contest_id = %s"
     "   UNION SELECT ct.id FROM qc_exclusion x JOIN qc_contestant ct"
     "   ON ct.contest_id = x.contest_id AND ct.cccd = x.cccd WHERE x.contest_id = %s) e"
     "  JOIN qc_counted k ON k.contest_id = %s AND k.round_id = %s AND k.contestant_id = e.id"
     "  AND (%s = '' OR k.group_id = %s))"},
    {"qc_results_units", "SELECT id, parent_id, code, name, kind, headcount, reg_quota FROM qc_unit"
                         " WHERE contest_id = %s ORDER BY seq, id"},
    {"qc_results_unit_registered",
     "SELECT ct.unit_id, COUNT(*),"
     " SUM(c.reg_quota_deadline IS NULL OR ct.created_at <= c.reg_quota_deadline)"
     " FROM qc_contestant ct JOIN qc_contest c ON c.id = ct.contest_id"
     " WHERE ct.contest_id = %s GROUP BY ct.unit_id"}, /* ix_contestant_contest_unit */
    /* ix_counted_unit (covering): per unit, participants and attempts (contest rows), counted
     * results and their scores (round rows) */
    {"qc_results_unit_counted",
     "SELECT unit_id, SUM(round_id = 0), SUM(IF(round_id = 0, attempts, 0)),"
     " SUM(round_id <> 0), SUM(IF(round_id <> 0, score, 0))"
     " FROM qc_counted WHERE contest_id = %s GROUP BY unit_id"},
    /* only a closed round's results can be published */
    {"qc_results_publish_round",
     "UPDATE qc_round SET results_published_at = IF(%s = '1', UTC_TIMESTAMP(3), NULL),"
     " results_published_by = NULLIF(%s, '')"
     " WHERE contest_id = %s AND seq = %s AND closes_at <= UTC_TIMESTAMP(3)"},
    {"qc_results_publish_contest",
     "UPDATE qc_contest SET results_published = %s, revision = revision + 1"
     " WHERE id = %s AND (SELECT MAX(closes_at) FROM qc_round WHERE contest_id = %s)"
     " <= UTC_TIMESTAMP(3)"},
    {"qc_committee_clear", "DELETE FROM qc_committee_order WHERE contest_id = %s AND round_id = %s"
                           " AND group_code = %s AND contestant_id = %s"},
    {"qc_committee_insert",
     "INSERT INTO qc_committee_order (contest_id, round_id, group_code, contestant_id, ord,"
     " reason, decided_by, decided_at) VALUES (%s, %s, %s, %s, %s, %s, %s, UTC_TIMESTAMP(3))"},
    /* quizcontest-admin gen-population: synthetic units, contestants and finished attempts for
     * scale tests, in a few INSERT ... SELECT from MariaDB's sequence tables. The accounts'
     * password hash is '!' (no login possible); phones 08 + 8 digits from the prefix. */
    {"qc_gen_units",
     "INSERT INTO qc_unit (contest_id, parent_id, code, name, kind, headcount, seq)"
     " SELECT %s, NULLIF(%s, ''), CONCAT(%s, s.seq), CONCAT('Đơn vị thử ', s.seq), 'gen',"
     " %s, 1000 + s.seq FROM seq_1_to_10000 s WHERE s.seq <= %s"},
    {"qc_gen_contestants",
     "INSERT INTO qc_contestant (contest_id, full_name, dob, phone, unit_id, password_hash)"
     " SELECT %s, CONCAT('Thí sinh ', %s, '-', s.seq), '1990-01-01',"
     " CONCAT('08', LPAD(%s * 1000000 + s.seq, 8, '0')), u.id, '!'"
     " FROM seq_1_to_1000000 s JOIN qc_unit u ON u.contest_id = %s"
     "  AND u.code = CONCAT(%s, 1 + s.seq MOD %s)"
     " WHERE s.seq <= %s"},
    /* each generated contestant (phone prefix 08BB) gets N attempts spread over the R rounds;
     * score, time and prediction (none for one in ten) from a hash of (contestant, attempt).
     * Arguments: R, prediction range, N, R, contest, BB. */
    {"qc_gen_attempts",
     "INSERT INTO qc_attempt (contest_id, round_id, contestant_id, attempt_no, state,"
     " started_at, deadline_at, finished_at, time_taken_ms, question_count, score, prediction)"
     " SELECT ct.contest_id, r.id, ct.id, 1 + (n.seq - 1) DIV %s, 'submitted',"
     " r.opens_at, r.opens_at + INTERVAL c.time_limit_s SECOND,"
     " r.opens_at + INTERVAL"
     "  ((CRC32(CONCAT(ct.id, 't', n.seq)) MOD (c.time_limit_s * 1000)) * 1000) MICROSECOND,"
     " CRC32(CONCAT(ct.id, 't', n.seq)) MOD (c.time_limit_s * 1000),"
     " c.questions_per_attempt,"
     " CRC32(CONCAT(ct.id, 's', n.seq)) MOD (c.questions_per_attempt + 1),"
     " IF(CRC32(CONCAT(ct.id, 'p', n.seq)) MOD 10 = 0, NULL,"
     "  CRC32(CONCAT(ct.id, 'p', n.seq)) MOD %s)"
     " FROM qc_contestant ct JOIN qc_contest c ON c.id = ct.contest_id"
     " JOIN seq_1_to_100 n ON n.seq <= %s"
     " JOIN qc_round r ON r.contest_id = c.id AND r.seq = 1 + (n.seq - 1) MOD %s"
     " WHERE ct.contest_id = %s AND LEFT(ct.phone, 4) = CONCAT('08', LPAD(%s, 2, '0'))"},
    /* ---- the contestant's journey (issue 3) ---- */
    /* primary key: the whole form of an attempt is saved and submitted under this lock */
    {"qc_attempt_lock",
     "SELECT state FROM qc_attempt WHERE id = %s AND contestant_id = %s FOR UPDATE"},

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
    /* a staged definition: the BLOB's bytes are not NUL-terminated by the driver, so its
     * length comes along */
    {"qc_staging_get",
     "SELECT format, filename, content, OCTET_LENGTH(content) FROM qc_import_staging"
     " WHERE token_hash = %s AND contest_id = %s"
     " AND created_at > UTC_TIMESTAMP(3) - INTERVAL 1 DAY"},
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
    /* distinct contestants with a finished attempt per local day (tz offset in minutes) and
     * unit: ix_attempt_contest_finished (0009) covers the attempts, the contestant's primary
     * key gives the unit */
    {"qc_progress_daily",
     "SELECT x.d, c.unit_id, COUNT(*) FROM"
     " (SELECT DISTINCT contestant_id, DATE(finished_at + INTERVAL %s MINUTE) AS d"
     "  FROM qc_attempt WHERE contest_id = %s AND state <> 'open'"
     "  AND finished_at IS NOT NULL) x"
     " JOIN qc_contestant c ON c.id = x.contestant_id GROUP BY x.d, c.unit_id ORDER BY x.d"},
    /* ==== end of: results outputs ==== */
    /* ==== load benchmark fixes (issue 7) ==== */
    /* Starting an attempt in two statements, so the insert is a simple INSERT ... VALUES: an
     * INSERT ... SELECT holds the table's AUTO-INC lock while it reads, and a burst of starts
     * then fails with MariaDB error 1467. The slot: the round open now, the number of the next
     * attempt, below the round's limit (uq_attempt_no and uq_attempt_open still refuse the
     * loser of a race between two starts of one contestant). */
    {"qc_attempt_slot",
     "SELECT COUNT(a.id) + 1, r.closes_at"
     " FROM qc_round r LEFT JOIN qc_attempt a ON a.round_id = r.id AND a.contestant_id = %s"
     " WHERE r.id = %s AND r.opens_at <= UTC_TIMESTAMP(3) AND r.closes_at > UTC_TIMESTAMP(3)"
     " GROUP BY r.id, r.closes_at HAVING COUNT(a.id) < %s"},
    /* the deadline is the time limit, cut at the round's close */
    {"qc_attempt_insert_slot",
     "INSERT INTO qc_attempt (contest_id, round_id, contestant_id, attempt_no, state,"
     " started_at, deadline_at, question_count)"
     " VALUES (%s, %s, %s, %s, 'open', UTC_TIMESTAMP(3),"
     "  LEAST(UTC_TIMESTAMP(3) + INTERVAL %s SECOND, CAST(%s AS DATETIME(3))), %s)"},
    /* ==== end of: load benchmark fixes ==== */
    /* ==== load benchmark, writes (issue 7): one-statement autosave, one-statement draw ==== */
    /* An autosave in one statement: the session (token hash, contest code, not expired), its
     * CSRF token compared byte for byte in the database, the attempt the session's
     * contestant's, open, within deadline + grace, seq newer than every earlier save, and the
     * selection valid: at most one id for a 'single' question, and each of its ids among the
     * item's drawn choices. The ids come one per slot, 4 slots, unused ones '' (which the
     * trailing comma lets match: FIND_IN_SET('', 'a,b,') > 0); a selection of more ids (only a
     * multiple-answer question has them) takes the ordinary path. Each slot costs MariaDB about
     * 5 us a save. Arguments: selection, seq, token hash, contest code, csrf, attempt id,
     * position, seq, number of ids, then the 4 slots.
     * Primary keys throughout (qc_session, uq_contest_code, qc_attempt, qc_attempt_item,
     * qc_question). Changes nothing when any check fails; the caller then finds out why.
     * The attempt comes first in the join: MariaDB then updates it as it reads it and keeps
     * only the item's row in a temporary table (the session first cost a second one). */
    {"qc_autosave_answer",
     QC_AUTOSAVE_JOIN " JOIN qc_question q ON q.id = i.question_id" QC_AUTOSAVE_SET_WHERE
                      " AND (q.kind = 'multiple' OR %s <= 1)"
                      " AND FIND_IN_SET(%s, CONCAT(i.choice_order, ',')) > 0"
                      " AND FIND_IN_SET(%s, CONCAT(i.choice_order, ',')) > 0"
                      " AND FIND_IN_SET(%s, CONCAT(i.choice_order, ',')) > 0"
                      " AND FIND_IN_SET(%s, CONCAT(i.choice_order, ',')) > 0"},
    /* The common case of qc_autosave_answer: a selection of at most one id (every save of a
     * 'single' question, and clearing one), where the question's kind does not matter, so
     * qc_question is not read; one slot ('' to clear). Arguments: selection, seq, token hash,
     * contest code, csrf, attempt id, position, seq, the id (or ''). */
    {"qc_autosave_single", QC_AUTOSAVE_SINGLE},
    /* qc_autosave_single as a batch of one runs it (lib/qc_combine.h): a batch holds one of
     * the process's places for batches while it runs, so it waits for a row lock at most
     * 1 s (see QC_AUTOSAVE_BATCH_HEAD); a save that then fails is written alone, outside the
     * batches, by qc_autosave_single. Same arguments. */
    {"qc_autosave_single_batched", QC_AUTOSAVE_BATCH_LOCK_WAIT QC_AUTOSAVE_SINGLE},
    /* Several threads' qc_autosave_single as one statement (lib/qc_combine.h): the saves come
     * as rows of a derived table, 8 arguments a row: attempt id, position, selection, seq,
     * token hash, contest code, csrf, the id (or ''); the same checks as qc_autosave_single,
     * row by row. A batch of n saves takes the statement of the next size up (2, 4, 8, 16)
     * and fills the rest with rows of attempt 0, which matches nothing. Every save that passes
     * changes its attempt's row (a greater seq) and its item's (the selection, saved_at): the
     * count of changed rows is twice the saves only when all of them were saved. */
    {"qc_autosave_batch2", QC_AUTOSAVE_BATCH_HEAD QC_AUTOSAVE_BATCH_ROWS2 QC_AUTOSAVE_BATCH_TAIL},
    {"qc_autosave_batch4", QC_AUTOSAVE_BATCH_HEAD QC_AUTOSAVE_BATCH_ROWS4 QC_AUTOSAVE_BATCH_TAIL},
    {"qc_autosave_batch8", QC_AUTOSAVE_BATCH_HEAD QC_AUTOSAVE_BATCH_ROWS8 QC_AUTOSAVE_BATCH_TAIL},
    {"qc_autosave_batch16", QC_AUTOSAVE_BATCH_HEAD QC_AUTOSAVE_BATCH_ROWS16 QC_AUTOSAVE_BATCH_TAIL},
    /* The prediction the same way. Arguments: prediction, seq, token hash, contest code, csrf,
     * attempt id, seq. */
    {"qc_autosave_prediction",
     "UPDATE qc_session s JOIN qc_contest k ON k.id = s.contest_id"
     " JOIN qc_attempt a ON a.contestant_id = s.contestant_id AND a.contest_id = k.id"
     " SET a.prediction = %s, a.answer_seq = %s"
     " WHERE s.token_hash = %s AND k.code = %s AND s.expires_at > UTC_TIMESTAMP(3)"
     " AND CAST(s.csrf_token AS BINARY) = CAST(%s AS BINARY)"
     " AND a.id = %s AND a.state = 'open' AND a.answer_seq < %s"
     " AND UTC_TIMESTAMP(3) <= a.deadline_at + INTERVAL k.grace_s SECOND"},
    /* An attempt's drawn items in one statement: the argument is a JSON array with one object
     * per position, {"q": question id, "o": "choice ids in the order shown"}; the answer key
     * of each is captured here, at draw time, in the database only (uq_choice_seq). */
    {"qc_items_insert",
     "INSERT INTO qc_attempt_item (attempt_id, position, question_id, choice_order, correct_key)"
     " SELECT %s, j.pos, q.id, j.o,"
     " (SELECT COALESCE(GROUP_CONCAT(c.id ORDER BY c.id SEPARATOR ','), '') FROM qc_choice c"
     "  WHERE c.question_id = q.id AND c.is_correct = 1)"
     " FROM JSON_TABLE(%s, '$[*]' COLUMNS (pos FOR ORDINALITY,"
     "  qid INT UNSIGNED PATH '$.q', o VARCHAR(200) PATH '$.o')) j"
     " JOIN qc_question q ON q.id = j.qid"},
    /* ==== end of: load benchmark, writes ==== */
    {NULL, NULL}};

const qc_sql_statement_t *const qc_sql_catalogue[] = {unsorted_statements, NULL};

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
