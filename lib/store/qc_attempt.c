#include <stdlib.h>
#include <string.h>
#include <apr_strings.h>
#include <apr_thread_mutex.h>
#include "qc_attempt.h"
#include "qc_combine.h"
#include "qc_qtext.h"
#include "qc_draw.h"
#include "qc_log.h"
#include "qc_status.h"
#include "qc_time.h"
#include "qc_util.h"
#include "qc_sql.h"

/* The rule of an attempt's time, written once for every statement that needs it; the clock is
 * the database server's (UTC_TIMESTAMP(3)), never the browser's. In SQL aliases `a` for the
 * attempt and `c` for its contest.
 *
 * Every save carries a sequence number `seq`: the milliseconds since the attempt's start as
 * the page reckons them when it numbers the save, from the server's own elapsed time sent with
 * the page (the quiz's elapsed-ms; the form without script sends that of the page it was
 * loaded with), and always more than the last save's (a stale tab cannot overwrite newer
 * answers). Up to the deadline a save is accepted whatever its number (so long as it is newer).
 * The grace that follows (the contest's grace_s) is there for the network only: in it a save
 * is accepted only if the page could have sent it before the deadline, that is numbered at or
 * before the deadline (seq <= the deadline in ms since the start) and no longer ago than the
 * grace (seq + grace >= the server's elapsed ms now): a save on its way when time ran out.
 * Anything numbered after the deadline, or before it but held back longer than the grace, is
 * refused (qc_attempt_save_too_late tells which); past deadline + grace nothing is accepted,
 * the attempt is overdue and is finalised as expired with what was saved. */
#define QC_ATTEMPT_GRACE_END(a, c) a ".deadline_at + INTERVAL " c ".grace_s SECOND"
#define QC_ATTEMPT_WITHIN_GRACE(a, c) "UTC_TIMESTAMP(3) <= " QC_ATTEMPT_GRACE_END(a, c)
#define QC_ATTEMPT_PAST_GRACE(a, c) QC_ATTEMPT_GRACE_END(a, c) " < UTC_TIMESTAMP(3)"
#define QC_ATTEMPT_ELAPSED_MS(a)                                                                   \
    "(TIMESTAMPDIFF(MICROSECOND, " a ".started_at, UTC_TIMESTAMP(3)) DIV 1000)"
#define QC_ATTEMPT_LIMIT_MS(a)                                                                     \
    "(TIMESTAMPDIFF(MICROSECOND, " a ".started_at, " a ".deadline_at) DIV 1000)"
/* a save numbered `seq` is in time now (see above) */
#define QC_ATTEMPT_SAVE_IN_TIME(a, c, seq)                                                         \
    "(UTC_TIMESTAMP(3) <= " a                                                                      \
    ".deadline_at OR (" QC_ATTEMPT_WITHIN_GRACE(a, c) " AND " seq " <= " QC_ATTEMPT_LIMIT_MS(      \
        a) " AND " seq " + " c ".grace_s * 1000 >= " QC_ATTEMPT_ELAPSED_MS(a) "))"
/* the attempt takes a save numbered `seq` now: open, newer than the last save, in time (the
 * placeholder `seq` three times in a row) */
#define QC_ATTEMPT_ACCEPTS_SAVE(a, c, seq)                                                         \
    a ".state = 'open' AND " a ".answer_seq < " seq " AND " QC_ATTEMPT_SAVE_IN_TIME(a, c, seq)
#define QC_ATTEMPT_OVERDUE(a, c) a ".state = 'open' AND " QC_ATTEMPT_PAST_GRACE(a, c)

/* What qc_attempt_of_row reads (16 columns): an attempt `a`, its round `r` and its contest
 * `c`; shared by qc_attempt_get, qc_attempt_quiz and qc_quiz_page. */
#define QC_ATTEMPT_COLUMNS                                                                         \
    "a.id, a.round_id, a.attempt_no, a.state, a.started_at, a.deadline_at, a.finished_at,"         \
    " a.time_taken_ms, a.question_count, a.score, a.prediction, a.answer_seq,"                     \
    " TIMESTAMPDIFF(MICROSECOND, UTC_TIMESTAMP(3), a.deadline_at) DIV 1000,"                       \
    " r.title, r.closes_at <= UTC_TIMESTAMP(3),"                                                   \
    " " QC_ATTEMPT_OVERDUE("a", "c")

/* What the two autosave statements (qc_autosave_answer, qc_autosave_single) share: the join
 * of the attempt (first: see qc_autosave_answer), its item, the session and the contest, and
 * the write with its checks. Arguments of SET_WHERE: selection, seq, token hash, contest code,
 * csrf, attempt id, position, seq, seq, seq. */
#define QC_AUTOSAVE_JOIN                                                                           \
    "UPDATE qc_attempt a JOIN qc_attempt_item i ON i.attempt_id = a.id"                            \
    " JOIN qc_session s ON s.contestant_id = a.contestant_id AND s.contest_id = a.contest_id"      \
    " JOIN qc_contest k ON k.id = a.contest_id"

/* A batch of saves (lib/qc_combine.h) holds one of its process's few places for batches while
 * it runs: its statement waits for a row lock at most 1 s (then error 1205, and each of its
 * saves is written alone, outside the batches). */
#define QC_AUTOSAVE_BATCH_LOCK_WAIT "SET STATEMENT innodb_lock_wait_timeout = 1 FOR "

/* What a page calls an option: its place in the order the item shows its choices (1..n, as
 * the attempt's draw stored it in i.choice_order), never its id, which is numbered in the bank
 * file's order. In SQL: the choice id at place `place` of `order` (NULL for place 0, "none"),
 * and whether `order` has that place. */
#define QC_ITEM_CHOICE_AT(order, place)                                                            \
    "IF(" place " = 0, NULL, SUBSTRING_INDEX(SUBSTRING_INDEX(" order ", ',', " place "), ',', "    \
    "-1))"
#define QC_ITEM_HAS_PLACE(order, place)                                                            \
    place " <= 1 + CHAR_LENGTH(" order ") - CHAR_LENGTH(REPLACE(" order ", ',', ''))"

#define QC_AUTOSAVE_WHERE                                                                          \
    " WHERE s.token_hash = %s AND k.code = %s AND s.expires_at > UTC_TIMESTAMP(3)"                 \
    " AND CAST(s.csrf_token AS BINARY) = CAST(%s AS BINARY)"                                       \
    " AND a.id = %s AND i.position = %s AND " QC_ATTEMPT_ACCEPTS_SAVE("a", "k", "%s")

/* qc_autosave_answer: the selection's ids, sorted. */
#define QC_AUTOSAVE_SET_WHERE                                                                      \
    " SET i.selected = NULLIF(%s, ''), i.saved_at = UTC_TIMESTAMP(3), a.answer_seq = "             \
    "%s" QC_AUTOSAVE_WHERE

/* qc_autosave_single: the option at one place of the item's order (0, to clear). Arguments:
 * place, place, seq, token hash, contest code, csrf, attempt id, position, seq, place. */
#define QC_AUTOSAVE_SINGLE                                                                         \
    QC_AUTOSAVE_JOIN " SET i.selected = " QC_ITEM_CHOICE_AT(                                       \
        "i.choice_order",                                                                          \
        "%s") ", i.saved_at = UTC_TIMESTAMP(3), a.answer_seq = %s" QC_AUTOSAVE_WHERE               \
              " AND " QC_ITEM_HAS_PLACE("i.choice_order", "%s")

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
    " CAST(%s AS UNSIGNED) AS place, CAST(%s AS UNSIGNED) AS seq,"                                 \
    " CAST(%s AS CHAR(64) CHARACTER SET ascii) AS tok,"                                            \
    " CAST(%s AS CHAR(64) CHARACTER SET utf8mb4) COLLATE utf8mb4_vietnamese_ci AS code,"           \
    " CAST(%s AS BINARY(43)) AS csrf"

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
    " SET i.selected = " QC_ITEM_CHOICE_AT(                                                        \
        "i.choice_order",                                                                          \
        "v.place") ", i.saved_at = UTC_TIMESTAMP(3), a.answer_seq = v.seq"                         \
                   " WHERE k.code = v.code AND s.expires_at > UTC_TIMESTAMP(3)"                    \
                   " AND CAST(s.csrf_token AS BINARY) = v.csrf"                                    \
                   " AND " QC_ATTEMPT_ACCEPTS_SAVE("a", "k", "v.seq") " AND " QC_ITEM_HAS_PLACE(   \
                       "i.choice_order", "v.place")

/* Attempts: start and draw, the quiz page, saves, finalising (uq_attempt_open, uq_attempt_slot). */
const qc_sql_statement_t qc_attempt_statements[] = {
    /* uq_attempt_open */
    {"qc_attempt_open_of",
     "SELECT a.id, " QC_ATTEMPT_PAST_GRACE(
         "a", "c") " FROM qc_attempt a JOIN qc_contest c ON c.id = a.contest_id"
                   " WHERE a.contestant_id = %s AND a.open_marker = 1"},
    {"qc_attempts_used",
     "SELECT COUNT(*) FROM qc_attempt WHERE contestant_id = %s AND round_id = %s"},
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
    {"qc_item_choices", "SELECT i.choice_order, q.kind FROM qc_attempt_item i JOIN qc_question q"
                        " ON q.id = i.question_id WHERE i.attempt_id = %s AND i.position = %s"},
    /* An answer is saved only while the attempt is open, and only if its sequence number is
     * newer than every save before it (a stale tab cannot overwrite) and in time: before the
     * deadline, or in the grace only if numbered before it (QC_ATTEMPT_SAVE_IN_TIME).
     * Arguments: selection, seq, attempt id, contestant id, position, seq, seq, seq. */
    {"qc_item_save",
     "UPDATE qc_attempt a JOIN qc_attempt_item i ON i.attempt_id = a.id"
     " JOIN qc_contest c ON c.id = a.contest_id"
     " SET i.selected = NULLIF(%s, ''), i.saved_at = UTC_TIMESTAMP(3), a.answer_seq = %s"
     " WHERE a.id = %s AND a.contestant_id = %s AND i.position = %s"
     " AND " QC_ATTEMPT_ACCEPTS_SAVE("a", "c", "%s")},
    {"qc_prediction_save", "UPDATE qc_attempt a JOIN qc_contest c ON c.id = a.contest_id"
                           " SET a.prediction = %s, a.answer_seq = %s"
                           " WHERE a.id = %s AND a.contestant_id = %s"
                           " AND " QC_ATTEMPT_ACCEPTS_SAVE("a", "c", "%s")},
    /* Why a save numbered %s that an open attempt refused was refused: 1 when it is not in
     * time (QC_ATTEMPT_SAVE_IN_TIME), 0 when it is (then it was stale). Arguments: seq, seq,
     * attempt id, contestant id. */
    {"qc_attempt_save_late",
     "SELECT NOT " QC_ATTEMPT_SAVE_IN_TIME(
         "a", "c", "%s") " FROM qc_attempt a JOIN qc_contest c ON c.id = a.contest_id"
                         " WHERE a.id = %s AND a.contestant_id = %s"},
    /* Finalise once: the state check makes a second submit change nothing. Past deadline +
     * grace the attempt is 'expired'; either way time taken is capped at the deadline and the
     * score counts the saved selections equal to the answer key. */
    {"qc_attempt_finalise",
     "UPDATE qc_attempt a JOIN qc_contest c ON c.id = a.contest_id"
     " SET a.state = IF(" QC_ATTEMPT_PAST_GRACE(
         "a", "c") ", 'expired', 'submitted'),"
                   " a.finished_at = LEAST(UTC_TIMESTAMP(3), a.deadline_at),"
                   " a.time_taken_ms = TIMESTAMPDIFF(MICROSECOND, a.started_at,"
                   "   LEAST(UTC_TIMESTAMP(3), a.deadline_at)) DIV 1000,"
                   " a.score = (SELECT COUNT(*) FROM qc_attempt_item i WHERE i.attempt_id = a.id"
                   "   AND i.selected = i.correct_key)"
                   " WHERE a.id = %s AND a.state = 'open'"},
    /* ix_attempt_open_deadline: open attempts past deadline + grace, for the sweep. */
    {"qc_attempt_overdue",
     "SELECT a.id FROM qc_attempt a JOIN qc_contest c ON c.id = a.contest_id"
     " WHERE a.deadline_at < UTC_TIMESTAMP(3)"
     " AND " QC_ATTEMPT_OVERDUE("a", "c") " ORDER BY a.deadline_at LIMIT 200"},
    {"qc_attempt_history",
     "SELECT a.id, a.round_id, r.title, a.attempt_no, a.state, a.score, a.question_count,"
     " a.time_taken_ms, a.prediction, a.started_at, a.finished_at"
     " FROM qc_attempt a JOIN qc_round r ON r.id = a.round_id"
     " WHERE a.contestant_id = %s ORDER BY a.started_at, a.id"},
    /* qc_counted holds each contestant's counted attempt per round and, with round_id 0, over
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
    /* primary key: the whole form of an attempt is saved and submitted under this lock */
    {"qc_attempt_lock",
     "SELECT state FROM qc_attempt WHERE id = %s AND contestant_id = %s FOR UPDATE"},
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
    /* An autosave in one statement: the session (token hash, contest code, not expired), its
     * CSRF token compared byte for byte in the database, the attempt the session's
     * contestant's, open, seq newer than every earlier save and in time
     * (QC_ATTEMPT_SAVE_IN_TIME), and the
     * selection valid: at most one id for a 'single' question, and each of its ids among the
     * item's drawn choices. The ids come one per slot, 4 slots, unused ones '' (which the
     * trailing comma lets match: FIND_IN_SET('', 'a,b,') > 0); a selection of more ids (only a
     * multiple-answer question has them) takes the ordinary path. The page names options by
     * their places; for this statement (two ids or more) the caller has turned them into ids
     * with the item's order (qc_item_choices), because the stored selection is the ids sorted,
     * which one statement could not compute. Each slot costs MariaDB about
     * 5 us a save. Arguments: selection, seq, token hash, contest code, csrf, attempt id,
     * position, seq, seq, seq, number of ids, then the 4 slots.
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
    /* The common case of qc_autosave_answer: a selection of at most one option (every save of
     * a 'single' question, and clearing one), where the question's kind does not matter, so
     * qc_question is not read. The option comes as the page names it, its place in the item's
     * order (0 to clear), and the statement stores the id at that place (QC_ITEM_CHOICE_AT).
     * Arguments: place, place, seq, token hash, contest code, csrf, attempt id, position, seq,
     * seq, seq, place. */
    {"qc_autosave_single", QC_AUTOSAVE_SINGLE},
    /* qc_autosave_single as a batch of one runs it (lib/qc_combine.h): a batch holds one of
     * the process's places for batches while it runs, so it waits for a row lock at most
     * 1 s (see QC_AUTOSAVE_BATCH_HEAD); a save that then fails is written alone, outside the
     * batches, by qc_autosave_single. Same arguments. */
    {"qc_autosave_single_batched", QC_AUTOSAVE_BATCH_LOCK_WAIT QC_AUTOSAVE_SINGLE},
    /* Several threads' qc_autosave_single as one statement (lib/qc_combine.h): the saves come
     * as rows of a derived table, 7 arguments a row: attempt id, position, place (0: none),
     * seq, token hash, contest code, csrf; the same checks as qc_autosave_single,
     * row by row. A batch of n saves takes the statement of the next size up (2, 4, 8, 16)
     * and fills the rest with rows of attempt 0, which matches nothing. Every save that passes
     * changes its attempt's row (a greater seq) and its item's (the selection, saved_at): the
     * count of changed rows is twice the saves only when all of them were saved. */
    {"qc_autosave_batch2", QC_AUTOSAVE_BATCH_HEAD QC_AUTOSAVE_BATCH_ROWS2 QC_AUTOSAVE_BATCH_TAIL},
    {"qc_autosave_batch4", QC_AUTOSAVE_BATCH_HEAD QC_AUTOSAVE_BATCH_ROWS4 QC_AUTOSAVE_BATCH_TAIL},
    {"qc_autosave_batch8", QC_AUTOSAVE_BATCH_HEAD QC_AUTOSAVE_BATCH_ROWS8 QC_AUTOSAVE_BATCH_TAIL},
    {"qc_autosave_batch16", QC_AUTOSAVE_BATCH_HEAD QC_AUTOSAVE_BATCH_ROWS16 QC_AUTOSAVE_BATCH_TAIL},
    /* The prediction the same way. Arguments: prediction, seq, token hash, contest code, csrf,
     * attempt id, seq, seq, seq. */
    {"qc_autosave_prediction",
     "UPDATE qc_session s JOIN qc_contest k ON k.id = s.contest_id"
     " JOIN qc_attempt a ON a.contestant_id = s.contestant_id AND a.contest_id = k.id"
     " SET a.prediction = %s, a.answer_seq = %s"
     " WHERE s.token_hash = %s AND k.code = %s AND s.expires_at > UTC_TIMESTAMP(3)"
     " AND CAST(s.csrf_token AS BINARY) = CAST(%s AS BINARY)"
     " AND a.id = %s AND " QC_ATTEMPT_ACCEPTS_SAVE("a", "k", "%s")},
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
    {NULL, NULL}};

/* How often a start is retried after a deadlock or a lost race. */
#define START_TRIES 4

static apr_int64_t ms_of(const char *s)
{
    apr_int64_t ms = 0;
    if (s) {
        qc_time_parse_db(s, &ms);
    }
    return ms;
}

static apr_status_t open_attempt_of(qc_db_t *db, apr_pool_t *p, const char *contestant_id,
                                    const char **id, int *overdue)
{
    qc_rows_t *rows;
    apr_status_t rv = qc_db_select(db, p, "qc_attempt_open_of", QC_ARGS(contestant_id), &rows);
    *id = NULL;
    *overdue = 0;
    if (rv == APR_SUCCESS && rows->nrows > 0) {
        *id = rows->rows[0][0];
        *overdue = rows->rows[0][1] && !strcmp(rows->rows[0][1], "1");
    }
    return rv;
}

/* Finalise and, in the same transaction, let the attempt count in its contestant's counted
 * result of the round and of the contest (qc_counted, read by the rankings). */
typedef struct {
    const char *id;
    int n;
} finalise_baton_t;

static apr_status_t finalise_work(qc_db_t *db, apr_pool_t *p, void *baton)
{
    finalise_baton_t *b = baton;
    apr_status_t rv;
    b->n = 0;
    rv = qc_db_exec(db, p, "qc_attempt_finalise", QC_ARGS(b->id), &b->n);
    if (rv == APR_SUCCESS && b->n > 0) {
        rv = qc_db_exec(db, p, "qc_counted_upsert", QC_ARGS(b->id), NULL);
    }
    return rv;
}

static apr_status_t finalise_counted(qc_db_t *db, apr_pool_t *p, const char *id, int *done)
{
    finalise_baton_t b = {id, 0};
    apr_status_t rv = qc_db_transact(db, p, "finalise an attempt", finalise_work, &b);
    if (done) {
        *done = rv == APR_SUCCESS && b.n > 0;
    }
    return rv;
}

apr_status_t qc_attempt_finalise(qc_db_t *db, apr_pool_t *p, const char *id)
{
    return finalise_counted(db, p, id, NULL);
}

apr_status_t qc_attempt_finalise_overdue_of(qc_db_t *db, apr_pool_t *p, const char *contestant_id)
{
    const char *id;
    int overdue;
    apr_status_t rv = open_attempt_of(db, p, contestant_id, &id, &overdue);
    if (rv == APR_SUCCESS && id && overdue) {
        rv = qc_attempt_finalise(db, p, id);
    }
    return rv;
}

apr_status_t qc_attempt_sweep(qc_db_t *db, apr_pool_t *p, int *finalised)
{
    qc_rows_t *rows;
    int i;
    apr_status_t rv = qc_db_select(db, p, "qc_attempt_overdue", 0, NULL, &rows);
    *finalised = 0;
    if (rv != APR_SUCCESS) {
        return rv;
    }
    for (i = 0; i < rows->nrows; i++) {
        int n = 0;
        rv = finalise_counted(db, p, rows->rows[i][0], &n);
        if (rv != APR_SUCCESS) {
            return rv;
        }
        *finalised += n;
    }
    return APR_SUCCESS;
}

/* ---- the draw ---------------------------------------------------------------------------- */

/* ---- the drawable bank, kept per process ------------------------
 * Every start draws from the contest's active questions (ids, topics, choice ids) under its
 * topic quotas. The process keeps that bank per contest, tagged with the contest's revision,
 * which every change to the contest, its topics or its bank raises: an entry of another
 * revision than the request's contest is never used, and is replaced. Entries are malloc'd and
 * changed only under the lock; readers copy what they need into their own pool under the same
 * lock, so nothing a request holds points into the cache. */
typedef struct bank_entry {
    struct bank_entry *next;
    char *contest_id;
    apr_int64_t revision;
    int nbank, nquotas;
    qc_draw_question_t *bank; /* choice_ids point into ids */
    apr_int64_t *ids;
    int nids;
    qc_draw_quota_t *quotas;
} bank_entry_t;

static struct {
    int on;
    bank_entry_t *entries;
    apr_thread_mutex_t *lock; /* NULL without threads */
} bank_cache;

static void bank_entry_free(bank_entry_t *e)
{
    if (e) {
        free(e->contest_id);
        free(e->bank);
        free(e->ids);
        free(e->quotas);
        free(e);
    }
}

static apr_status_t bank_cache_gone(void *data)
{
    bank_entry_t *e, *next;
    (void)data;
    for (e = bank_cache.entries; e; e = next) {
        next = e->next;
        bank_entry_free(e);
    }
    bank_cache.entries = NULL;
    bank_cache.on = 0;
    bank_cache.lock = NULL;
    return APR_SUCCESS;
}

apr_status_t qc_attempt_bank_cache_init(apr_pool_t *p, int threaded)
{
    apr_status_t rv = APR_SUCCESS;
    bank_cache.entries = NULL;
    bank_cache.lock = NULL;
    bank_cache.on = 1;
    if (threaded) {
        rv = apr_thread_mutex_create(&bank_cache.lock, APR_THREAD_MUTEX_DEFAULT, p);
        if (rv != APR_SUCCESS) {
            bank_cache.on = 0; /* no cache rather than an unlocked one */
        }
    }
    apr_pool_cleanup_register(p, NULL, bank_cache_gone, apr_pool_cleanup_null);
    return rv;
}

static void bank_lock(void)
{
    if (bank_cache.lock) {
        apr_thread_mutex_lock(bank_cache.lock);
    }
}

static void bank_unlock(void)
{
    if (bank_cache.lock) {
        apr_thread_mutex_unlock(bank_cache.lock);
    }
}

/* A copy in p of the cached bank of contest_id at revision; 0 when there is none. */
static int bank_cache_get(apr_pool_t *p, const char *contest_id, apr_int64_t revision,
                          qc_draw_question_t **bank, int *nbank, qc_draw_quota_t **quotas,
                          int *nquotas)
{
    bank_entry_t *e;
    int i, found = 0;
    bank_lock();
    for (e = bank_cache.entries; e; e = e->next) {
        if (!strcmp(e->contest_id, contest_id) && e->revision == revision) {
            apr_int64_t *ids = apr_pmemdup(p, e->ids, sizeof(apr_int64_t) * (e->nids + 1));
            *bank = apr_pmemdup(p, e->bank, sizeof(qc_draw_question_t) * (e->nbank + 1));
            *nbank = e->nbank;
            for (i = 0; i < e->nbank; i++) {
                (*bank)[i].choice_ids = ids + (e->bank[i].choice_ids - e->ids);
            }
            *quotas = apr_pmemdup(p, e->quotas, sizeof(qc_draw_quota_t) * (e->nquotas + 1));
            *nquotas = e->nquotas;
            found = 1;
            break;
        }
    }
    bank_unlock();
    return found;
}

/* Keep a malloc'd copy of the bank read for contest_id at revision (replacing the contest's
 * entry of another revision). Without memory it simply keeps nothing. */
static void bank_cache_put(const char *contest_id, apr_int64_t revision,
                           const qc_draw_question_t *bank, int nbank, const qc_draw_quota_t *quotas,
                           int nquotas)
{
    bank_entry_t *e = calloc(1, sizeof(*e)), **at;
    int i, nids = 0;
    if (!e) {
        return;
    }
    for (i = 0; i < nbank; i++) {
        nids += bank[i].nchoices;
    }
    e->contest_id = strdup(contest_id);
    e->revision = revision;
    e->bank = malloc(sizeof(qc_draw_question_t) * (nbank + 1));
    e->ids = malloc(sizeof(apr_int64_t) * (nids + 1));
    e->quotas = malloc(sizeof(qc_draw_quota_t) * (nquotas + 1));
    if (!e->contest_id || !e->bank || !e->ids || !e->quotas) {
        bank_entry_free(e);
        return;
    }
    e->nbank = nbank;
    e->nquotas = nquotas;
    e->nids = 0;
    for (i = 0; i < nbank; i++) {
        e->bank[i] = bank[i];
        e->bank[i].choice_ids = e->ids + e->nids;
        if (bank[i].nchoices > 0) {
            memcpy(e->ids + e->nids, bank[i].choice_ids, sizeof(apr_int64_t) * bank[i].nchoices);
        }
        e->nids += bank[i].nchoices;
    }
    if (nquotas > 0) {
        memcpy(e->quotas, quotas, sizeof(qc_draw_quota_t) * nquotas);
    }
    bank_lock();
    if (!bank_cache.on) {
        bank_unlock();
        bank_entry_free(e);
        return;
    }
    for (at = &bank_cache.entries; *at; at = &(*at)->next) {
        if (!strcmp((*at)->contest_id, contest_id)) {
            break;
        }
    }
    if (*at && (*at)->revision == revision) {
        bank_unlock();
        bank_entry_free(e); /* another thread cached this revision meanwhile */
        return;
    }
    if (*at) {
        bank_entry_t *old = *at;
        e->next = old->next;
        *at = e;
        bank_entry_free(old);
    }
    else {
        e->next = bank_cache.entries;
        bank_cache.entries = e;
    }
    bank_unlock();
}

/* The bank the draw takes from: the process's copy when it is of the contest's revision,
 * otherwise read (and kept, when use_cache). */
static apr_status_t load_bank(qc_db_t *db, apr_pool_t *p, const qc_contest_t *contest,
                              int use_cache, qc_draw_question_t **bank, int *nbank,
                              qc_draw_quota_t **quotas, int *nquotas)
{
    qc_rows_t *rows;
    int i;
    apr_status_t rv;
    use_cache = use_cache && bank_cache.on;
    if (use_cache &&
        bank_cache_get(p, contest->id, contest->revision, bank, nbank, quotas, nquotas)) {
        return APR_SUCCESS;
    }
    rv = qc_db_select(db, p, "qc_bank_for_draw", QC_ARGS(contest->id), &rows);
    if (rv != APR_SUCCESS) {
        return rv;
    }
    *bank = apr_pcalloc(p, sizeof(qc_draw_question_t) * (rows->nrows + 1));
    *nbank = rows->nrows;
    for (i = 0; i < rows->nrows; i++) {
        qc_draw_question_t *q = &(*bank)[i];
        char *list = apr_pstrdup(p, rows->rows[i][2] ? rows->rows[i][2] : ""), *state, *tok;
        apr_int64_t *ids = apr_palloc(p, sizeof(apr_int64_t) * (strlen(list) / 2 + 1));
        int n = 0;
        q->id = apr_atoi64(rows->rows[i][0]);
        q->topic_id = atoi(rows->rows[i][1]);
        for (tok = apr_strtok(list, ",", &state); tok; tok = apr_strtok(NULL, ",", &state)) {
            ids[n++] = apr_atoi64(tok);
        }
        q->choice_ids = ids;
        q->nchoices = n;
    }
    rv = qc_db_select(db, p, "qc_topic_quotas", QC_ARGS(contest->id), &rows);
    if (rv != APR_SUCCESS) {
        return rv;
    }
    *quotas = apr_pcalloc(p, sizeof(qc_draw_quota_t) * (rows->nrows + 1));
    *nquotas = rows->nrows;
    for (i = 0; i < rows->nrows; i++) {
        (*quotas)[i].topic_id = atoi(rows->rows[i][0]);
        (*quotas)[i].count = atoi(rows->rows[i][1]);
    }
    if (use_cache) {
        bank_cache_put(contest->id, contest->revision, *bank, *nbank, *quotas, *nquotas);
    }
    return APR_SUCCESS;
}

/* The drawn items as the JSON array qc_items_insert reads: [{"q":id,"o":"c,c,c"},...] (numbers
 * only, so nothing needs escaping). */
static const char *items_json(apr_pool_t *p, const qc_draw_item_t *items, int nitems)
{
    apr_array_header_t *parts = apr_array_make(p, nitems * 8 + 2, sizeof(const char *));
    int i, j;
    APR_ARRAY_PUSH(parts, const char *) = "[";
    for (i = 0; i < nitems; i++) {
        APR_ARRAY_PUSH(parts, const char *) = apr_psprintf(
            p, "%s{\"q\":%" APR_INT64_T_FMT ",\"o\":\"", i ? "," : "", items[i].question_id);
        for (j = 0; j < items[i].nchoices; j++) {
            APR_ARRAY_PUSH(parts, const char *) =
                apr_psprintf(p, "%s%" APR_INT64_T_FMT, j ? "," : "", items[i].choice_order[j]);
        }
        APR_ARRAY_PUSH(parts, const char *) = "\"}";
    }
    APR_ARRAY_PUSH(parts, const char *) = "]";
    return apr_array_pstrcat(p, parts, 0);
}

/* One try: insert the attempt and its items in one transaction. */
typedef struct {
    const qc_contest_t *contest;
    const qc_round_t *round;
    const char *contestant_id;
    const qc_draw_item_t *items;
    int nitems;
    int *created;
    const char **attempt_id;
    int *bank_stale;
} insert_attempt_baton_t;

static apr_status_t insert_attempt_work(qc_db_t *db, apr_pool_t *p, void *baton)
{
    insert_attempt_baton_t *b = baton;
    apr_status_t rv;
    int affected = 0;
    qc_rows_t *rows;

    *b->created = 0;
    /* the slot first, then a simple insert: no AUTO-INC table lock held across a read */
    rv = qc_db_select(
        db, p, "qc_attempt_slot",
        QC_ARGS(b->contestant_id, b->round->id, apr_itoa(p, b->round->attempts_allowed)), &rows);
    if (rv != APR_SUCCESS || rows->nrows == 0) {
        qc_db_rollback_only(db);
        return rv; /* no slot: the round closed or the attempts are used up */
    }
    rv = qc_db_exec(db, p, "qc_attempt_insert_slot",
                    QC_ARGS(b->contest->id, b->round->id, b->contestant_id, rows->rows[0][0],
                            apr_itoa(p, b->contest->time_limit_s), rows->rows[0][1],
                            apr_itoa(p, b->nitems)),
                    &affected);
    if (rv != APR_SUCCESS || affected == 0) {
        qc_db_rollback_only(db);
        return rv;
    }
    rv = qc_db_select(db, p, "qc_last_insert_id", 0, NULL, &rows);
    if (rv != APR_SUCCESS || rows->nrows != 1) {
        return rv != APR_SUCCESS ? rv : QC_EDB;
    }
    *b->attempt_id = rows->rows[0][0];
    /* every item in one statement, each with its answer key */
    rv = qc_db_exec(db, p, "qc_items_insert",
                    QC_ARGS(*b->attempt_id, items_json(p, b->items, b->nitems)), &affected);
    if (rv == APR_SUCCESS && affected != b->nitems) {
        /* a question of the draw is gone: the bank changed under this start; draw again from
         * the database (qc_attempt_start's loop, not a retry of this transaction) */
        *b->bank_stale = 1;
        rv = QC_ERETRY;
    }
    if (rv == APR_SUCCESS) {
        *b->created = 1;
    }
    return rv;
}

static apr_status_t insert_attempt(qc_db_t *db, apr_pool_t *p, const qc_contest_t *contest,
                                   const qc_round_t *round, const char *contestant_id,
                                   const qc_draw_item_t *items, int nitems, int *created,
                                   const char **attempt_id, int *bank_stale)
{
    insert_attempt_baton_t b = {contest, round,   contestant_id, items,
                                nitems,  created, attempt_id,    bank_stale};
    apr_status_t rv = qc_db_transact(db, p, "start an attempt", insert_attempt_work, &b);
    if (rv != APR_SUCCESS) {
        *created = 0;
    }
    return rv;
}

apr_status_t qc_attempt_start(qc_db_t *db, apr_pool_t *p, const qc_contest_t *contest,
                              const char *contestant_id, qc_start_result_t *result,
                              const char **attempt_id)
{
    const qc_round_t *round;
    apr_int64_t next;
    qc_draw_question_t *bank;
    qc_draw_quota_t *quotas;
    qc_draw_item_t *items;
    int nbank, nquotas, tries, overdue, bank_stale = 0;
    apr_status_t rv;

    *attempt_id = NULL;
    for (tries = 0; tries < START_TRIES; tries++) {
        int created = 0;
        const char *open_id;
        rv = open_attempt_of(db, p, contestant_id, &open_id, &overdue);
        if (rv != APR_SUCCESS) {
            return rv;
        }
        if (open_id && overdue) {
            rv = qc_attempt_finalise(db, p, open_id);
            if (rv != APR_SUCCESS) {
                return rv;
            }
        }
        else if (open_id) {
            *result = QC_START_RESUMED;
            *attempt_id = open_id;
            return APR_SUCCESS;
        }
        if (qc_contest_status(contest, contest->now_ms, &round, &next) != QC_CONTEST_OPEN) {
            *result = QC_START_NO_ROUND;
            return APR_SUCCESS;
        }
        rv = load_bank(db, p, contest, !bank_stale, &bank, &nbank, &quotas, &nquotas);
        if (rv != APR_SUCCESS) {
            return rv;
        }
        rv = qc_draw_questions(p, bank, nbank, contest->questions_per_attempt, quotas, nquotas,
                               qc_draw_random_os, NULL, &items);
        if (rv != APR_SUCCESS) {
            qc_log(QC_LOG_MARK, QC_LOG_ERR, rv,
                   "QC00301: contest %s: the question bank (%d active questions) cannot fill "
                   "an attempt of %d questions with its topic quotas; add questions",
                   contest->code, nbank, contest->questions_per_attempt);
            *result = QC_START_BANK_TOO_SMALL;
            return APR_SUCCESS;
        }
        rv = insert_attempt(db, p, contest, round, contestant_id, items,
                            contest->questions_per_attempt, &created, attempt_id, &bank_stale);
        if (rv == APR_SUCCESS && created) {
            *result = QC_START_CREATED;
            return APR_SUCCESS;
        }
        if (rv == APR_SUCCESS) {
            /* the insert's guard refused: the round closed or the attempts are used up */
            qc_rows_t *rows;
            rv = qc_db_select(db, p, "qc_attempts_used", QC_ARGS(contestant_id, round->id), &rows);
            if (rv != APR_SUCCESS) {
                return rv;
            }
            if (atoi(qc_rows_get(rows, 0, 0) ? qc_rows_get(rows, 0, 0) : "0") >=
                round->attempts_allowed) {
                *result = QC_START_NO_ATTEMPTS;
            }
            else {
                *result = QC_START_NO_ROUND;
            }
            return APR_SUCCESS;
        }
        if (rv != QC_ECONFLICT && rv != QC_ERETRY) {
            return rv;
        }
        /* lost a race to a parallel start: look again (it will usually be RESUMED) */
    }
    return QC_ERETRY;
}

/* ---- reading ------------------------------------------------------------------------------ */

static void fill_attempt(qc_attempt_t *a, const char **r)
{
    a->id = r[0];
    a->round_id = r[1];
    a->attempt_no = atoi(r[2]);
    a->state = r[3];
    a->started_ms = ms_of(r[4]);
    a->deadline_ms = ms_of(r[5]);
    a->finished_ms = ms_of(r[6]);
    a->time_taken_ms = r[7] ? apr_atoi64(r[7]) : -1;
    a->question_count = atoi(r[8]);
    a->score = r[9] ? atoi(r[9]) : -1;
    a->prediction = r[10];
    a->answer_seq = apr_atoi64(r[11]);
    a->remaining_ms = r[12] ? apr_atoi64(r[12]) : 0;
    a->round_title = r[13];
    a->round_closed = r[14] && !strcmp(r[14], "1");
    a->overdue = r[15] && !strcmp(r[15], "1");
}

qc_attempt_t *qc_attempt_of_row(apr_pool_t *p, const char *const *r)
{
    qc_attempt_t *a = apr_pcalloc(p, sizeof(*a));
    fill_attempt(a, (const char **)r);
    return a;
}

apr_status_t qc_attempt_get(qc_db_t *db, apr_pool_t *p, const char *id, const char *contestant_id,
                            qc_attempt_t **out)
{
    qc_rows_t *rows;
    qc_attempt_t *a;
    apr_status_t rv = qc_db_select(db, p, "qc_attempt_get", QC_ARGS(id, contestant_id), &rows);
    if (rv != APR_SUCCESS) {
        return rv;
    }
    if (rows->nrows == 0) {
        return QC_ENOTFOUND;
    }
    a = qc_attempt_of_row(p, rows->rows[0]);
    if (a->overdue) {
        rv = qc_attempt_finalise(db, p, id);
        if (rv == APR_SUCCESS) {
            rv = qc_db_select(db, p, "qc_attempt_get", QC_ARGS(id, contestant_id), &rows);
        }
        if (rv != APR_SUCCESS) {
            return rv;
        }
        fill_attempt(a, rows->rows[0]);
    }
    *out = a;
    return APR_SUCCESS;
}

apr_status_t qc_attempt_get_open_items(qc_db_t *db, apr_pool_t *p, const char *id,
                                       const char *contestant_id, qc_attempt_t **out,
                                       apr_array_header_t **items)
{
    qc_rows_t *rows;
    qc_attempt_t *a;
    apr_status_t rv =
        qc_db_select_head(db, p, "qc_attempt_quiz", QC_ARGS(id, contestant_id), 16, &rows);
    *items = NULL;
    if (rv != APR_SUCCESS) {
        return rv;
    }
    if (rows->nrows == 0) {
        return QC_ENOTFOUND;
    }
    a = qc_attempt_of_row(p, rows->rows[0]);
    if (a->overdue) {
        /* finalised now: read it again the ordinary way (it is no longer open) */
        return qc_attempt_get(db, p, id, contestant_id, out);
    }
    *out = a;
    if (strcmp(a->state, "open") != 0) {
        return APR_SUCCESS;
    }
    {
        qc_qtext_ref_t *refs;
        int nrefs;
        qc_qtext_refs_of_rows(p, rows, 16, &refs, &nrefs);
        return qc_qtext_items(db, p, refs, nrefs, items);
    }
}

apr_status_t qc_attempt_items(qc_db_t *db, apr_pool_t *p, const char *id, int reveal,
                              apr_array_header_t **out)
{
    qc_rows_t *rows;
    apr_array_header_t *items = apr_array_make(p, 16, sizeof(qc_attempt_item_t));
    apr_hash_t *bodies;
    int i;
    apr_status_t rv;
    if (!reveal) {
        return qc_qtext_attempt_items(db, p, id, out);
    }
    rv = qc_db_select(db, p, "qc_attempt_items_revealed", QC_ARGS(id), &rows);
    if (rv != APR_SUCCESS) {
        return rv;
    }
    /* rows: one per (item, choice), items in position order, choices in no particular order;
     * the choices are then put in the order drawn for this attempt */
    bodies = apr_hash_make(p);
    for (i = 0; i < rows->nrows; i++) {
        const char **r = rows->rows[i];
        int position = atoi(r[0]);
        qc_attempt_item_t *it;
        qc_attempt_choice_t *ch;
        if (items->nelts == 0 ||
            APR_ARRAY_IDX(items, items->nelts - 1, qc_attempt_item_t).position != position) {
            it = apr_array_push(items);
            it->position = position;
            it->question_id = r[1];
            it->kind = r[2];
            it->body = r[3];
            it->selected = r[5];
            it->explanation = reveal ? r[9] : NULL;
            it->choices = apr_array_make(p, 5, sizeof(qc_attempt_choice_t));
            /* remember the drawn order in the array: ids first, bodies filled below */
            {
                char *order = apr_pstrdup(p, r[4]), *state, *tok;
                for (tok = apr_strtok(order, ",", &state); tok;
                     tok = apr_strtok(NULL, ",", &state)) {
                    ch = apr_array_push(it->choices);
                    ch->id = tok;
                    ch->body = NULL;
                    ch->correct = -1;
                }
            }
        }
        ch = apr_pcalloc(p, sizeof(*ch));
        ch->id = r[6];
        ch->body = r[7];
        ch->correct = reveal ? atoi(r[8]) : -1;
        apr_hash_set(bodies, apr_pstrcat(p, r[0], ":", r[6], NULL), APR_HASH_KEY_STRING, ch);
    }
    for (i = 0; i < items->nelts; i++) {
        qc_attempt_item_t *it = &APR_ARRAY_IDX(items, i, qc_attempt_item_t);
        int j;
        for (j = 0; j < it->choices->nelts; j++) {
            qc_attempt_choice_t *ch = &APR_ARRAY_IDX(it->choices, j, qc_attempt_choice_t);
            qc_attempt_choice_t *src = apr_hash_get(
                bodies, apr_psprintf(p, "%d:%s", it->position, ch->id), APR_HASH_KEY_STRING);
            if (src) {
                ch->body = src->body;
                ch->correct = src->correct;
            }
        }
    }
    *out = items;
    return APR_SUCCESS;
}

/* ---- saving ------------------------------------------------------------------------------- */

static int cmp_i64(const void *a, const void *b)
{
    apr_int64_t x = *(const apr_int64_t *)a, y = *(const apr_int64_t *)b;
    return (x > y) - (x < y);
}

const char *qc_attempt_canonical_selection(apr_pool_t *p, const apr_array_header_t *ids)
{
    apr_int64_t *v = apr_palloc(p, sizeof(apr_int64_t) * (ids->nelts + 1));
    int i, n = 0;
    char *out = apr_pstrdup(p, "");
    for (i = 0; i < ids->nelts; i++) {
        const char *s = APR_ARRAY_IDX(ids, i, const char *);
        if (!*s) {
            continue; /* an empty value means "no choice" */
        }
        if (qc_util_parse_int64(s, 1, APR_INT64_C(999999999999), &v[n]) != APR_SUCCESS) {
            return NULL;
        }
        n++;
    }
    qsort(v, (size_t)n, sizeof(apr_int64_t), cmp_i64);
    for (i = 0; i < n; i++) {
        if (i > 0 && v[i] == v[i - 1]) {
            continue;
        }
        out = apr_psprintf(p, "%s%s%" APR_INT64_T_FMT, out, *out ? "," : "", v[i]);
    }
    return out;
}

static int contains_id(const char *csv, const char *id)
{
    apr_size_t len = strlen(id);
    const char *s = csv;
    while (s && *s) {
        const char *end = strchr(s, ',');
        apr_size_t l = end ? (apr_size_t)(end - s) : strlen(s);
        if (l == len && !strncmp(s, id, len)) {
            return 1;
        }
        s = end ? end + 1 : NULL;
    }
    return 0;
}

const char *qc_attempt_selection_of_places(apr_pool_t *p, const char *const *order, int n,
                                           const apr_array_header_t *places)
{
    apr_array_header_t *ids = apr_array_make(p, places->nelts + 1, sizeof(const char *));
    int i;
    for (i = 0; i < places->nelts; i++) {
        const char *s = APR_ARRAY_IDX(places, i, const char *);
        apr_int64_t k;
        if (!*s) {
            continue; /* an empty value means "no choice" */
        }
        if (qc_util_parse_int64(s, 1, n, &k) != APR_SUCCESS) {
            return NULL;
        }
        APR_ARRAY_PUSH(ids, const char *) = order[k - 1];
    }
    return qc_attempt_canonical_selection(p, ids);
}

const char *qc_attempt_item_selection(apr_pool_t *p, const qc_attempt_item_t *it,
                                      const apr_array_header_t *places)
{
    const char **order = apr_palloc(p, sizeof(*order) * (apr_size_t)(it->choices->nelts + 1));
    int j;
    for (j = 0; j < it->choices->nelts; j++) {
        order[j] = APR_ARRAY_IDX(it->choices, j, qc_attempt_choice_t).id;
    }
    return qc_attempt_selection_of_places(p, order, it->choices->nelts, places);
}

/* The ids named by `places` in an item's stored order (its choice ids, comma-separated). */
static const char *selection_in_order(apr_pool_t *p, const char *order_csv,
                                      const apr_array_header_t *places)
{
    apr_array_header_t *order = apr_array_make(p, 8, sizeof(const char *));
    char *copy = apr_pstrdup(p, order_csv ? order_csv : ""), *state, *tok;
    for (tok = apr_strtok(copy, ",", &state); tok; tok = apr_strtok(NULL, ",", &state)) {
        APR_ARRAY_PUSH(order, const char *) = tok;
    }
    return qc_attempt_selection_of_places(p, (const char *const *)order->elts, order->nelts,
                                          places);
}

apr_status_t qc_attempt_save_answer(qc_db_t *db, apr_pool_t *p, const char *id,
                                    const char *contestant_id, int position,
                                    const apr_array_header_t *places, apr_int64_t seq)
{
    qc_rows_t *rows;
    const char *canonical, *order, *kind, *s;
    int affected = 0, count = 0;
    apr_status_t rv;

    if (seq < 1) {
        return QC_EINPUT;
    }
    rv = qc_db_select(db, p, "qc_item_choices", QC_ARGS(id, apr_itoa(p, position)), &rows);
    if (rv != APR_SUCCESS) {
        return rv;
    }
    if (rows->nrows == 0) {
        return QC_EINPUT;
    }
    order = rows->rows[0][0];
    kind = rows->rows[0][1];
    canonical = selection_in_order(p, order, places);
    if (!canonical) {
        return QC_EINPUT;
    }
    if (*canonical) {
        char *copy = apr_pstrdup(p, canonical), *state, *tok;
        for (tok = apr_strtok(copy, ",", &state); tok; tok = apr_strtok(NULL, ",", &state)) {
            if (!contains_id(order, tok)) {
                return QC_EINPUT;
            }
            count++;
        }
    }
    if (count > 1 && strcmp(kind, "multiple") != 0) {
        return QC_EINPUT;
    }
    s = qc_util_i64(p, seq);
    rv = qc_db_exec(db, p, "qc_item_save",
                    QC_ARGS(canonical, s, id, contestant_id, apr_itoa(p, position), s, s, s),
                    &affected);
    if (rv != APR_SUCCESS) {
        return rv;
    }
    return affected > 0 ? APR_SUCCESS : QC_ECONFLICT;
}

apr_status_t qc_attempt_save_prediction(qc_db_t *db, apr_pool_t *p, const char *id,
                                        const char *contestant_id, const char *prediction,
                                        apr_int64_t seq)
{
    apr_int64_t v;
    int affected = 0;
    const char *s;
    apr_status_t rv;
    if (qc_util_parse_int64(prediction, 0, APR_INT64_C(1000000000000), &v) != APR_SUCCESS ||
        seq < 1) {
        return QC_EINPUT;
    }
    s = qc_util_i64(p, seq);
    rv = qc_db_exec(db, p, "qc_prediction_save",
                    QC_ARGS(qc_util_i64(p, v), s, id, contestant_id, s, s, s), &affected);
    if (rv != APR_SUCCESS) {
        return rv;
    }
    return affected > 0 ? APR_SUCCESS : QC_ECONFLICT;
}

apr_status_t qc_attempt_save_too_late(qc_db_t *db, apr_pool_t *p, const char *id,
                                      const char *contestant_id, apr_int64_t seq, int *late)
{
    qc_rows_t *rows;
    const char *s = qc_util_i64(p, seq);
    apr_status_t rv =
        qc_db_select(db, p, "qc_attempt_save_late", QC_ARGS(s, s, id, contestant_id), &rows);
    *late = 0;
    if (rv == APR_SUCCESS && rows->nrows > 0) {
        *late = rows->rows[0][0] && !strcmp(rows->rows[0][0], "1");
    }
    return rv;
}

/* The slots of qc_autosave_answer (lib/qc_sql.c): a selection of more ids takes the ordinary
 * path (qc_attempt_save_answer). */
#define AUTOSAVE_SLOTS 4

/* The largest batched autosave statement (qc_autosave_batch16) and its arguments a row. */
#define AUTOSAVE_BATCH_MAX 16
#define AUTOSAVE_BATCH_ARGS 7

/* One save of a single id (or none), with its arguments as text: what qc_autosave_single
 * runs, and a row of qc_autosave_batch<n>. */
typedef struct {
    const qc_autosave_t *save;
    const char *place; /* the option's place in the item's order, "0" for none */
    const char *seq;
    const char *position;
} single_save_t;

/* How many batches of saves a process runs at once. One at a time leaves the database idle
 * while each batch's durable commit waits for the disk; with two, one batch is being written
 * while the next commits, and the database's group commit flushes batches that commit
 * together at once. In the load benchmark (64 connections, two cores, batches of
 * at most 16) one at a time gave 7,600-8,300 saves/s, two 9,800-12,400, three 11,000-12,000,
 * four 10,700 and eight 7,700; each save alone 4,800-5,500. */
#define AUTOSAVE_BATCHES_AT_ONCE 2

/* The process's combiner of single saves (qc_attempt_autosave_batching_init), or NULL. */
static qc_combine_t *autosave_combiner;

apr_status_t qc_attempt_autosave_batching_init(apr_pool_t *p, unsigned max_batch)
{
    autosave_combiner = NULL;
    if (max_batch < 2) {
        return APR_SUCCESS;
    }
    return qc_combine_create(p, max_batch > AUTOSAVE_BATCH_MAX ? AUTOSAVE_BATCH_MAX : max_batch,
                             AUTOSAVE_BATCHES_AT_ONCE, &autosave_combiner);
}

int qc_attempt_autosave_batching_stats(apr_uint64_t *batches, apr_uint64_t *saves,
                                       unsigned *largest, unsigned *max_batch)
{
    qc_combine_stats_t st;
    if (!autosave_combiner) {
        return 0;
    }
    qc_combine_stats(autosave_combiner, &st);
    *batches = st.batches;
    *saves = st.items;
    *largest = st.largest;
    *max_batch = st.max_batch;
    return 1;
}

/* qc_autosave_single, or its batch-of-one form qc_autosave_single_batched (a lock wait of at
 * most 1 s: QC_ERETRY after it). */
static apr_status_t autosave_single(qc_db_t *db, apr_pool_t *p, const single_save_t *one,
                                    const char *label)
{
    const qc_autosave_t *save = one->save;
    int affected = 0;
    apr_status_t rv = qc_db_exec(db, p, label,
                                 QC_ARGS(one->place, one->place, one->seq, save->token_hash,
                                         save->contest_code, save->csrf, save->attempt_id,
                                         one->position, one->seq, one->seq, one->seq, one->place),
                                 &affected);
    if (rv != APR_SUCCESS) {
        return rv;
    }
    return affected > 0 ? APR_SUCCESS : QC_ECONFLICT;
}

/* Where the leading thread runs a batch: its connection and its request's pool. */
typedef struct {
    qc_db_t *db;
    apr_pool_t *p;
} autosave_batch_baton_t;

/* The combiner's runner (qc_combine_run_fn): one save alone is qc_autosave_single_batched,
 * and its answer is final unless it waited a second for a row lock; several are one
 * qc_autosave_batch<n>, final when every one of them was saved. Otherwise (one of them
 * refused, a row lock held elsewhere, a deadlock with another node's batch, an error of the
 * statement) none is final, but for a database that does not answer or went away (each gets
 * QC_EDBDOWN): each thread then runs its own save, outside the batches, which
 * finds out what became of it (a save the batch did write is then "the same save again",
 * answered as saved). */
static void run_autosave_batch(void *baton, qc_combine_item_t *const *items, int n)
{
    const autosave_batch_baton_t *b = baton;
    const char **args;
    int size = 2, i, affected = 0;
    apr_status_t rv;

    if (n == 1) {
        items[0]->result =
            autosave_single(b->db, b->p, items[0]->data, "qc_autosave_single_batched");
        items[0]->final = items[0]->result != QC_ERETRY;
        return;
    }
    while (size < n) {
        size *= 2;
    }
    args = apr_palloc(b->p, sizeof(*args) * AUTOSAVE_BATCH_ARGS * (apr_size_t)size);
    for (i = 0; i < size; i++) {
        const char **row = args + AUTOSAVE_BATCH_ARGS * i;
        if (i < n) {
            const single_save_t *one = items[i]->data;
            row[0] = one->save->attempt_id;
            row[1] = one->position;
            row[2] = one->place;
            row[3] = one->seq;
            row[4] = one->save->token_hash;
            row[5] = one->save->contest_code;
            row[6] = one->save->csrf;
        }
        else { /* attempt 0: no such attempt */
            row[0] = row[1] = row[2] = row[3] = "0";
            row[4] = row[5] = row[6] = "";
        }
    }
    rv = qc_db_exec(b->db, b->p, apr_psprintf(b->p, "qc_autosave_batch%d", size),
                    AUTOSAVE_BATCH_ARGS * size, args, &affected);
    if (rv == APR_SUCCESS && affected == 2 * n) {
        for (i = 0; i < n; i++) {
            items[i]->result = APR_SUCCESS;
            items[i]->final = 1;
        }
    }
    else if (rv == QC_EDBDOWN) {
        /* the server did not answer within the connection's bound, or went away: a save
         * retried alone would wait for the same server again, so each answers 503 now (the
         * page saves again; a save the batch did write is then "the same save again") */
        for (i = 0; i < n; i++) {
            items[i]->result = QC_EDBDOWN;
            items[i]->final = 1;
        }
    }
}

/* Can this save be a row of a batched statement? Its fixed-width columns hold it whole (a
 * CSRF token of any other length than 43 cannot match, and is left to qc_autosave_single to
 * refuse). */
static int batchable(const qc_autosave_t *save, apr_int64_t *key)
{
    return strlen(save->csrf) == 43 && strlen(save->token_hash) == 64 && save->contest_code &&
           strlen(save->contest_code) <= 64 &&
           qc_util_parse_int64(save->attempt_id, 1, APR_INT64_C(1) << 62, key) == APR_SUCCESS;
}

apr_status_t qc_attempt_autosave(qc_db_t *db, apr_pool_t *p, const qc_autosave_t *save)
{
    const char *s, *canonical;
    apr_int64_t v;
    int affected = 0, n = 0;
    apr_status_t rv;

    if (!save->token_hash || !save->csrf || !*save->csrf || save->seq < 1) {
        return QC_EINPUT;
    }
    s = qc_util_i64(p, save->seq);
    if (save->position == 0) {
        if (!save->prediction ||
            qc_util_parse_int64(save->prediction, 0, APR_INT64_C(1000000000000), &v) !=
                APR_SUCCESS) {
            return QC_EINPUT;
        }
        rv = qc_db_exec(db, p, "qc_autosave_prediction",
                        QC_ARGS(qc_util_i64(p, v), s, save->token_hash, save->contest_code,
                                save->csrf, save->attempt_id, s, s, s),
                        &affected);
    }
    else {
        /* the selection's ids one per slot of qc_autosave_answer, unused slots "" */
        const char *slot[AUTOSAVE_SLOTS];
        char *copy, *state, *tok;
        int k;
        /* the page names options by their places in the item's order */
        const char *places = save->places ? qc_attempt_canonical_selection(p, save->places) : NULL;
        if (!places) {
            return QC_EINPUT;
        }
        if (!strchr(places, ',')) { /* one option or none: the kind of question does not matter */
            single_save_t one;
            qc_combine_item_t item;
            if (strlen(places) > 3) {
                return QC_EINPUT; /* no item has a thousand choices: the ordinary path says so */
            }
            one.save = save;
            one.place = *places ? places : "0";
            one.seq = s;
            one.position = apr_itoa(p, save->position);
            if (autosave_combiner && batchable(save, &item.key)) {
                autosave_batch_baton_t baton;
                baton.db = db;
                baton.p = p;
                item.data = &one;
                qc_combine_submit(autosave_combiner, &item, run_autosave_batch, &baton);
                if (item.final) {
                    return item.result;
                }
            }
            return autosave_single(db, p, &one, "qc_autosave_single");
        }
        /* several options: their ids, from the item's order, make the stored selection */
        {
            qc_rows_t *rows;
            rv = qc_db_select(db, p, "qc_item_choices",
                              QC_ARGS(save->attempt_id, apr_itoa(p, save->position)), &rows);
            if (rv != APR_SUCCESS) {
                return rv;
            }
            if (rows->nrows == 0) {
                return QC_EINPUT;
            }
            canonical = selection_in_order(p, rows->rows[0][0], save->places);
        }
        if (!canonical) {
            return QC_EINPUT;
        }
        copy = apr_pstrdup(p, canonical);
        for (tok = apr_strtok(copy, ",", &state); tok; tok = apr_strtok(NULL, ",", &state)) {
            if (n == AUTOSAVE_SLOTS) {
                return QC_EINPUT; /* the ordinary path checks and saves it */
            }
            slot[n++] = tok;
        }
        for (k = n; k < AUTOSAVE_SLOTS; k++) {
            slot[k] = "";
        }
        rv = qc_db_exec(db, p, "qc_autosave_answer",
                        QC_ARGS(canonical, s, save->token_hash, save->contest_code, save->csrf,
                                save->attempt_id, apr_itoa(p, save->position), s, s, s,
                                apr_itoa(p, n), slot[0], slot[1], slot[2], slot[3]),
                        &affected);
    }
    if (rv != APR_SUCCESS) {
        return rv;
    }
    return affected > 0 ? APR_SUCCESS : QC_ECONFLICT;
}

/* ---- history -------------------------------------------------------------------------------- */

apr_status_t qc_attempt_history(qc_db_t *db, apr_pool_t *p, const char *contestant_id,
                                apr_array_header_t **out)
{
    qc_rows_t *rows;
    apr_array_header_t *list;
    int i;
    apr_status_t rv = qc_db_select(db, p, "qc_attempt_history", QC_ARGS(contestant_id), &rows);
    if (rv != APR_SUCCESS) {
        return rv;
    }
    list = apr_array_make(p, rows->nrows + 1, sizeof(qc_attempt_t));
    for (i = 0; i < rows->nrows; i++) {
        const char **r = rows->rows[i];
        qc_attempt_t *a = apr_array_push(list);
        memset(a, 0, sizeof(*a));
        a->id = r[0];
        a->round_id = r[1];
        a->round_title = r[2];
        a->attempt_no = atoi(r[3]);
        a->state = r[4];
        a->score = r[5] ? atoi(r[5]) : -1;
        a->question_count = atoi(r[6]);
        a->time_taken_ms = r[7] ? apr_atoi64(r[7]) : -1;
        a->prediction = r[8];
        a->started_ms = ms_of(r[9]);
        a->finished_ms = ms_of(r[10]);
    }
    *out = list;
    return APR_SUCCESS;
}

const qc_attempt_t *qc_attempt_counted(const apr_array_header_t *attempts, const char *round_id,
                                       const char *rule)
{
    int first = rule && !strcmp(rule, "first"), last = rule && !strcmp(rule, "last");
    const qc_attempt_t *best = NULL;
    int i;
    for (i = 0; i < attempts->nelts; i++) {
        const qc_attempt_t *a = &APR_ARRAY_IDX(attempts, i, qc_attempt_t);
        if (strcmp(a->round_id, round_id) != 0 || !strcmp(a->state, "open") || a->score < 0) {
            continue;
        }
        if (first) {
            if (!best) {
                best = a; /* attempts come oldest first */
            }
            continue;
        }
        if (last || !best || a->score > best->score ||
            (a->score == best->score && a->time_taken_ms < best->time_taken_ms)) {
            best = a;
        }
    }
    return best;
}

apr_status_t qc_attempt_save_all(qc_db_t *db, apr_pool_t *p, const qc_attempt_t *attempt,
                                 const char *contestant_id, const apr_array_header_t *items,
                                 apr_array_header_t *const *selections, const char *prediction,
                                 apr_int64_t seq)
{
    int i, j, affected;
    apr_status_t rv;
    if (seq <= attempt->answer_seq) {
        return QC_ECONFLICT;
    }
    for (i = 0; i < items->nelts; i++) {
        const qc_attempt_item_t *it = &APR_ARRAY_IDX(items, i, qc_attempt_item_t);
        const char *canonical = qc_attempt_item_selection(p, it, selections[i]);
        const char *s;
        int count = 0;
        if (!canonical) {
            return QC_EINPUT;
        }
        for (j = 0; canonical[j]; j++) {
            count += j == 0 || canonical[j] == ',';
        }
        if (count > 1 && strcmp(it->kind, "multiple") != 0) {
            return QC_EINPUT;
        }
        if (!strcmp(canonical, it->selected ? it->selected : "")) {
            continue; /* unchanged */
        }
        s = qc_util_i64(p, seq);
        rv = qc_db_exec(
            db, p, "qc_item_save",
            QC_ARGS(canonical, s, attempt->id, contestant_id, apr_itoa(p, it->position), s, s, s),
            &affected);
        if (rv != APR_SUCCESS) {
            return rv;
        }
        if (affected == 0) {
            return QC_ECONFLICT;
        }
        seq++;
    }
    if (prediction && *prediction &&
        (!attempt->prediction || strcmp(prediction, attempt->prediction) != 0)) {
        return qc_attempt_save_prediction(db, p, attempt->id, contestant_id, prediction, seq);
    }
    return APR_SUCCESS;
}

apr_status_t qc_attempt_live_page(qc_db_t *db, apr_pool_t *p, const char *token_hash,
                                  const char *attempt_id, const char *contest_code,
                                  qc_attempt_live_t *out)
{
    qc_rows_t *rows;
    qc_qtext_ref_t *refs;
    int nrefs;
    /* columns: 0-2 contest id, revision, clock; 3-8 the session (qc_session_from_row);
     * 9-24 the attempt (QC_ATTEMPT_COLUMNS); 25- the item of each row */
    apr_status_t rv = qc_db_select_head(db, p, "qc_quiz_page",
                                        QC_ARGS(token_hash, attempt_id, contest_code), 25, &rows);
    if (rv != APR_SUCCESS) {
        return rv;
    }
    if (rows->nrows == 0) {
        return QC_ENOTFOUND;
    }
    out->attempt = qc_attempt_of_row(p, rows->rows[0] + 9);
    if (out->attempt->overdue || strcmp(out->attempt->state, "open") != 0) {
        return QC_ENOTFOUND;
    }
    out->db_now_ms = 0;
    qc_time_parse_db(rows->rows[0][2], &out->db_now_ms);
    out->contest_revision = apr_atoi64(rows->rows[0][1]);
    out->session = qc_session_from_row(p, token_hash, rows->rows[0] + 3);
    qc_qtext_refs_of_rows(p, rows, 25, &refs, &nrefs);
    return qc_qtext_items(db, p, refs, nrefs, &out->items);
}

typedef struct {
    const char *attempt_id;
    const char *contestant_id;
    int (*fn)(void *baton);
    void *baton;
} locked_baton_t;

static apr_status_t locked_work(qc_db_t *db, apr_pool_t *p, void *baton)
{
    locked_baton_t *b = baton;
    qc_rows_t *rows;
    apr_status_t rv =
        qc_db_select(db, p, "qc_attempt_lock", QC_ARGS(b->attempt_id, b->contestant_id), &rows);
    if (rv == APR_SUCCESS && !b->fn(b->baton)) {
        qc_db_rollback_only(db);
    }
    return rv;
}

apr_status_t qc_attempt_locked(qc_db_t *db, apr_pool_t *p, const char *attempt_id,
                               const char *contestant_id, int (*fn)(void *baton), void *baton)
{
    locked_baton_t b = {attempt_id, contestant_id, fn, baton};
    return qc_db_transact(db, p, "a locked attempt", locked_work, &b);
}
