/**
 * @file qc_attempt.h
 * An attempt's life: started inside an open round and below the attempt limit (the database
 * refuses a second open attempt and an attempt beyond the limit, even under a race), its
 * random draw stored with it, each answer saved as chosen (a sequence number keeps a stale tab
 * from overwriting newer answers), finalised exactly once — by the contestant's submit, on
 * their next arrival after the deadline, or by the sweep — with the answers saved up to the
 * deadline and time taken measured by the database's clock, in milliseconds.
 */
#ifndef QC_ATTEMPT_H
#define QC_ATTEMPT_H

#include <apr_pools.h>
#include <apr_tables.h>
#include "qc_attempt_item.h"
#include "qc_contest.h"
#include "qc_db.h"

typedef struct {
    const char *id;
    const char *round_id;
    const char *round_title;
    int attempt_no;
    const char *state; /**< open | submitted | expired */
    apr_int64_t started_ms;
    apr_int64_t deadline_ms;
    apr_int64_t finished_ms;   /**< 0 while open */
    apr_int64_t remaining_ms;  /**< deadline minus the database's now (negative past it) */
    apr_int64_t time_taken_ms; /**< -1 while open */
    int question_count;
    int score;              /**< -1 while open */
    const char *prediction; /**< NULL when not given */
    apr_int64_t answer_seq;
    int round_closed;
    int overdue; /**< open, but past deadline + grace */
} qc_attempt_t;

/** Why a start did not create an attempt. */
typedef enum {
    QC_START_CREATED = 0,
    QC_START_RESUMED,       /**< an attempt was already open: *attempt_id is that one */
    QC_START_NO_ROUND,      /**< no round is open now */
    QC_START_NO_ATTEMPTS,   /**< the round's attempts are used up */
    QC_START_BANK_TOO_SMALL /**< the bank cannot fill an attempt (logged for the secretariat) */
} qc_start_result_t;

/**
 * Give this process a cache of the drawable bank of each contest, used while the contest's
 * revision holds (httpd's child_init; `p` lives as long as the process, `threaded` says whether
 * its threads need a lock). Without it (the tools, the unit tests) every start reads the bank.
 */
apr_status_t qc_attempt_bank_cache_init(apr_pool_t *p, int threaded);

/** Start an attempt in the open round (or resume the open one). */
apr_status_t qc_attempt_start(qc_db_t *db, apr_pool_t *p, const qc_contest_t *contest,
                              const char *contestant_id, qc_start_result_t *result,
                              const char **attempt_id);

/** The attempt `id` of `contestant_id`; QC_ENOTFOUND when it is not theirs. Finalises it
 *  first when it is overdue. */
/** An attempt from the 16 columns qc_attempt_get reads (the statements that read them with
 *  other columns: qc_attempt_quiz, qc_quiz_page). */
qc_attempt_t *qc_attempt_of_row(apr_pool_t *p, const char *const *r);

apr_status_t qc_attempt_get(qc_db_t *db, apr_pool_t *p, const char *id, const char *contestant_id,
                            qc_attempt_t **out);

/**
 * qc_attempt_get and, when the attempt is open, its items as qc_attempt_items(..., 0) gives
 * them (*items NULL otherwise): the quiz page's two reads in one statement.
 */
apr_status_t qc_attempt_get_open_items(qc_db_t *db, apr_pool_t *p, const char *id,
                                       const char *contestant_id, qc_attempt_t **out,
                                       apr_array_header_t **items);

/** The attempt's questions in order, with choices in the order drawn. With reveal (only for a
 *  finished attempt) the correct choices and explanations are included. */
apr_status_t qc_attempt_items(qc_db_t *db, apr_pool_t *p, const char *id, int reveal,
                              apr_array_header_t **items);

/**
 * Save the options selected at `position` with sequence number seq, each named as the quiz
 * page names it: its place in the order the item shows its choices (1..n, see
 * qc_attempt_selection_of_places); what is stored is their choice ids. QC_EINPUT when a place
 * is not one of the item's, or several for a single-answer question; QC_ECONFLICT
 * when refused: seq not newer than the last save (stale), the attempt finished, or not in
 * time (past the deadline, a save is taken only within the grace and only if numbered at or
 * before the deadline, no longer ago than the grace: qc_attempt_save_too_late).
 */
apr_status_t qc_attempt_save_answer(qc_db_t *db, apr_pool_t *p, const char *id,
                                    const char *contestant_id, int position,
                                    const apr_array_header_t *places, apr_int64_t seq);

/** An autosave as the page's script sends it, with the session it claims (the busiest write
 *  of a round, done in one statement). */
typedef struct {
    const char *contest_code; /**< the location's contest */
    const char *token_hash;   /**< qc_session_token_hash of the session cookie */
    const char *csrf;         /**< the CSRF token the request carries */
    const char *attempt_id;
    int position;                     /**< the item's position; 0 for the prediction */
    const apr_array_header_t *places; /**< the chosen options' places (position > 0) */
    const char *prediction;           /**< the prediction (position 0) */
    apr_int64_t seq;
} qc_autosave_t;

/**
 * Save one answer (or the prediction) in a single statement that also checks the session,
 * its CSRF token (compared in the database), the attempt's owner and state, the deadline, the
 * sequence number and that the choices are the item's (at most one for a single-answer
 * question). APR_SUCCESS when saved; QC_ECONFLICT when the statement changed nothing, and
 * QC_EINPUT when the request cannot be a valid save: in both cases nothing was written and
 * the caller works out why through the ordinary path (qc_attempt_save_answer...). Database
 * failures as qc_db_exec.
 */
apr_status_t qc_attempt_autosave(qc_db_t *db, apr_pool_t *p, const qc_autosave_t *save);

/**
 * Let this process's threads save answers together (httpd's child_init, threaded MPMs; `p`
 * lives as long as the process): a save of one id (or none) that comes while another
 * thread's is running waits for it, and the next thread to go runs all the saves queued
 * meanwhile, at most max_batch (capped at 16), as one statement (qc_autosave_batch<n>). A
 * save alone runs at once, as without batching. max_batch < 2: every save is its own
 * statement (the default, and the tools').
 */
apr_status_t qc_attempt_autosave_batching_init(apr_pool_t *p, unsigned max_batch);

/** How batching went in this process: 0 when it is off; else 1 and the counts of batches,
 *  of saves in them, the largest batch and the cap. */
int qc_attempt_autosave_batching_stats(apr_uint64_t *batches, apr_uint64_t *saves,
                                       unsigned *largest, unsigned *max_batch);

/** Save the prediction (a whole number 0..10^12, as text); codes as qc_attempt_save_answer. */
apr_status_t qc_attempt_save_prediction(qc_db_t *db, apr_pool_t *p, const char *id,
                                        const char *contestant_id, const char *prediction,
                                        apr_int64_t seq);

/**
 * Save a whole form (the page without JavaScript): selections[i] holds the options sent for
 * position i + 1, by their places in the order shown (an empty array: no answer). Only what changed is written, each write with a
 * sequence number after `seq`, which must be newer than the last save, and in time as for
 * qc_attempt_save_answer. QC_ECONFLICT when the form is stale, late or the attempt closed,
 * QC_EINPUT for choices that are not the question's.
 */
apr_status_t qc_attempt_save_all(qc_db_t *db, apr_pool_t *p, const qc_attempt_t *attempt,
                                 const char *contestant_id, const apr_array_header_t *items,
                                 apr_array_header_t *const *selections, const char *prediction,
                                 apr_int64_t seq);

/**
 * Was a save numbered `seq`, which the open attempt `id` of `contestant_id` refused, refused for
 * its time? *late is 1 when the attempt, now, takes no save of that number whatever the last
 * save's: past its deadline (within the grace) the save was numbered after the deadline, or
 * longer ago than the grace (the rule: QC_ATTEMPT_SAVE_IN_TIME in qc_attempt.c); 0 otherwise
 * (then it was stale, or the attempt is no longer open).
 */
apr_status_t qc_attempt_save_too_late(qc_db_t *db, apr_pool_t *p, const char *id,
                                      const char *contestant_id, apr_int64_t seq, int *late);

/** Finalise the attempt if it is still open (a second call changes nothing). */
apr_status_t qc_attempt_finalise(qc_db_t *db, apr_pool_t *p, const char *id);

/** Finalise this contestant's open attempt if it is overdue. */
apr_status_t qc_attempt_finalise_overdue_of(qc_db_t *db, apr_pool_t *p, const char *contestant_id);

/** Finalise a batch of overdue attempts of anyone. */
apr_status_t qc_attempt_sweep(qc_db_t *db, apr_pool_t *p, int *finalised);

/** Every attempt of the contestant, oldest first. */
apr_status_t qc_attempt_history(qc_db_t *db, apr_pool_t *p, const char *contestant_id,
                                apr_array_header_t **attempts);

/** The attempt that counts in a round under the contest's rule: "best" (highest score, then
 *  shortest time, then the earliest), "first" or "last" finished attempt. NULL when the round
 *  has no finished attempt. Pure. */
const qc_attempt_t *qc_attempt_counted(const apr_array_header_t *attempts, const char *round_id,
                                       const char *rule);

/** Canonical form of a selection: the ids sorted numerically, comma-separated, no
 *  duplicates ("" for none). NULL when an id is not a positive integer. Pure. */
const char *qc_attempt_canonical_selection(apr_pool_t *p, const apr_array_header_t *ids);

/**
 * What a quiz page calls an option, and how the server reads it back. The page never sees a
 * choice's id: ids are numbered in the bank file's order, so the lowest id of a question would
 * be the file's first option (which question writers make the right one more often than
 * chance). An option is named instead by its place in the order this attempt's draw shows the
 * item's choices, "1".."n": that says nothing the page does not show already.
 *
 * The canonical selection (qc_attempt_canonical_selection) of the choice ids that `places`
 * name in `order` (the item's n choice ids in the order shown); "" names none. NULL when one is
 * not a place 1..n. Pure.
 */
const char *qc_attempt_selection_of_places(apr_pool_t *p, const char *const *order, int n,
                                           const apr_array_header_t *places);

/** qc_attempt_selection_of_places in the order of an item's choices. Pure. */
const char *qc_attempt_item_selection(apr_pool_t *p, const qc_attempt_item_t *it,
                                      const apr_array_header_t *places);

/** A live attempt's quiz page as one statement reads it (qc_attempt_live_page). */
typedef struct {
    qc_attempt_t *attempt;        /**< open, before its deadline */
    qc_session_t *session;        /**< the session that asked, checked live */
    apr_int64_t db_now_ms;        /**< the database's clock when it read them */
    apr_int64_t contest_revision; /**< the contest's revision then */
    apr_array_header_t *items;    /**< the items with their texts (qc_attempt_item_t) */
} qc_attempt_live_t;

/**
 * The quiz page of attempt `attempt_id` for the live session `token_hash` of contest
 * `contest_code`, in one statement plus the question-text cache: QC_ENOTFOUND when there is no
 * such session, the attempt is not that contestant's, or it is no longer open or past its
 * deadline (the ordinary path then says why).
 */
apr_status_t qc_attempt_live_page(qc_db_t *db, apr_pool_t *p, const char *token_hash,
                                  const char *attempt_id, const char *contest_code,
                                  qc_attempt_live_t *out);

/**
 * Run `fn(baton)` in one transaction holding attempt `attempt_id`'s row lock (its contestant
 * `contestant_id`): a second submit of the same attempt waits for the first. The transaction
 * commits when fn returns non-zero and rolls back when it returns 0. When the attempt is not that
 * contestant's, nothing is locked and fn still runs (it finds out and says so itself). Returns
 * the status of begin, lock or commit. After a conflict (qc_db_transact) the whole transaction,
 * fn with it, runs again: fn must start its work afresh on each call.
 */
apr_status_t qc_attempt_locked(qc_db_t *db, apr_pool_t *p, const char *attempt_id,
                               const char *contestant_id, int (*fn)(void *baton), void *baton);

#endif
