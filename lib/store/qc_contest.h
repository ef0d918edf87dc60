/**
 * @file qc_contest.h
 * A contest's settings and rounds, as read from the database, and its status at an instant
 * (not yet open / a round open / between rounds / closed), computed by a pure function.
 */
#ifndef QC_CONTEST_H
#define QC_CONTEST_H

#include <apr_pools.h>
#include <apr_tables.h>
#include "qc_audit.h"
#include "qc_db.h"
#include "qc_session.h"

typedef struct {
    const char *id;
    int seq;
    const char *title;
    apr_int64_t opens_ms;
    apr_int64_t closes_ms;
    int attempts_allowed; /**< this round's limit (the contest's when the round sets none) */
} qc_round_t;

typedef struct {
    const char *id;
    const char *code;
    const char *title;
    const char *theme;
    const char *organiser;
    const char *rules_text;
    apr_int64_t opens_ms;
    apr_int64_t closes_ms;
    apr_int64_t now_ms; /**< the database's clock when the contest was read */
    int questions_per_attempt;
    int time_limit_s;
    int attempts_per_round;
    int grace_s;
    const char *reveal_answers; /**< never | after_submit | after_round */
    const char *prediction_question;
    int min_age;
    const char *cccd_mode;  /**< off | optional | required */
    const char *email_mode; /**< off | optional | required */
    int tz_offset_min;
    int results_published;
    const char *counted_attempt; /**< best | first | last */
    apr_int64_t revision; /**< raised by every change to the contest, its rounds or its bank */
    apr_int64_t results_publish_ms; /**< when the results are to be published, or 0 */
    apr_int64_t ceremony_ms;        /**< the closing and awards ceremony (a day: its local
                                         midnight), or 0 */
    int results_auto_done; /**< the module published at results_publish_ms (once) */
    apr_array_header_t *rounds;     /**< qc_round_t, by seq */
} qc_contest_t;

typedef enum {
    QC_CONTEST_UPCOMING = 0, /**< before the first round opens */
    QC_CONTEST_OPEN,         /**< a round is open now */
    QC_CONTEST_BETWEEN,      /**< between two rounds */
    QC_CONTEST_CLOSED        /**< after the last round closed */
} qc_contest_status_t;

/** Read the contest `code` with its rounds. QC_ENOTFOUND when there is none. */
apr_status_t qc_contest_load(qc_db_t *db, apr_pool_t *p, const char *code, qc_contest_t **out);

/**
 * The contest `code` as one request sees it, in one statement: its revision and the database's
 * clock, and with `session_hash` (the hash of the request's session cookie, or NULL) the live
 * session in the same statement (*session NULL when there is none; untouched without a hash),
 * whose idle end then moves forward by session_idle_s when due (qc_session_touch).
 * The contest itself comes from the process's cache while that revision holds
 * (qc_contest_current). QC_ENOTFOUND, logged, when the database has no such contest.
 */
apr_status_t qc_contest_of_request(qc_db_t *db, apr_pool_t *p, const char *code,
                                   const char *session_hash, int session_idle_s,
                                   qc_contest_t **contest, qc_session_t **session);

/** The id of the unit `unit_code` of contest `contest_id`; QC_ENOTFOUND when it has none. */
apr_status_t qc_contest_unit_id(qc_db_t *db, apr_pool_t *p, const char *contest_id,
                                const char *unit_code, const char **unit_id);

/** A unit of a contest as its tree lists it. */
typedef struct {
    const char *id;
    const char *parent_id; /**< NULL for a unit at the top */
    const char *code, *name, *kind;
} qc_unit_t;

/** A group (the plans' "bảng") of a contest. */
typedef struct {
    const char *id, *code, *title;
} qc_group_t;

/** The units of contest `contest_id` in their order (seq, id): an array of qc_unit_t. */
apr_status_t qc_contest_units_list(qc_db_t *db, apr_pool_t *p, const char *contest_id,
                                   apr_array_header_t **units);

/** The groups of contest `contest_id` in their order (seq, id): an array of qc_group_t. */
apr_status_t qc_contest_groups_list(qc_db_t *db, apr_pool_t *p, const char *contest_id,
                                    apr_array_header_t **groups);

/** A study document the contest lists (title, link). */
typedef struct {
    const char *title, *url;
} qc_document_t;

/** The documents of contest `contest_id` in their order: an array of qc_document_t. */
apr_status_t qc_contest_documents(qc_db_t *db, apr_pool_t *p, const char *contest_id,
                                  apr_array_header_t **documents);

/** How many accounts contest `contest_id` has (*registered) and how many of them finished an
 *  attempt (*participants), as text for the page. */
apr_status_t qc_contest_counts(qc_db_t *db, apr_pool_t *p, const char *contest_id,
                               const char **registered, const char **participants);

/** The id of the group `group_code` of contest `contest_id`; QC_ENOTFOUND when it has none. */
apr_status_t qc_contest_group_id(qc_db_t *db, apr_pool_t *p, const char *contest_id,
                                 const char *group_code, const char **group_id);

/**
 * Give this process a contest cache (httpd's child_init; `p` lives as long as the process,
 * `threaded` says whether its threads need a lock). Without it (the tools, the unit tests)
 * qc_contest_current reads the database every time.
 */
apr_status_t qc_contest_cache_init(apr_pool_t *p, int threaded);

/**
 * The contest `code` at `revision` (which the caller has just read from the database, with
 * the database's clock `now_ms`): a copy in `p` of the process's cached contest when it is of
 * that revision, otherwise read with qc_contest_load and cached.
 */
apr_status_t qc_contest_current(qc_db_t *db, apr_pool_t *p, const char *code, apr_int64_t revision,
                                apr_int64_t now_ms, qc_contest_t **out);

/**
 * The status at now_ms; *current gets the open round (or NULL), *next_change_ms the instant
 * the status next changes (the next opening or closing; 0 when closed for good).
 */
qc_contest_status_t qc_contest_status(const qc_contest_t *c, apr_int64_t now_ms,
                                      const qc_round_t **current, apr_int64_t *next_change_ms);

/** "upcoming", "open", "between" or "closed". */
const char *qc_contest_status_name(qc_contest_status_t s);

/** The settings the secretariat's form changes (the contest's own row). */
typedef struct {
    const char *title, *theme, *organiser, *rules, *prediction, *reveal, *counted;
    apr_int64_t opens_ms, closes_ms;
    int questions, time_limit_s, attempts, grace_s;
    int nrounds; /**< the rounds' dates, in the contest's round order (0: left as they are) */
    const char *const *round_ids;
    const apr_int64_t *round_opens_ms, *round_closes_ms;
} qc_contest_settings_t;

/** How many attempts contest `contest_id` has (any state, any round). */
apr_status_t qc_contest_attempt_count(qc_db_t *db, apr_pool_t *p, const char *contest_id,
                                      apr_int64_t *n);

/**
 * Store `s` as contest `contest_id`'s settings with the audit entry (action contest.update,
 * `object`, `before`, `after`) in one transaction; the contest's revision moves on, so every
 * process reloads it.
 */
apr_status_t qc_contest_update_settings(qc_db_t *db, apr_pool_t *p, const char *contest_id,
                                        const qc_contest_settings_t *s, const qc_actor_t *actor,
                                        const char *object, const char *before, const char *after);

#endif
