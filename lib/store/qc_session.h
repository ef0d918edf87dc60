/**
 * @file qc_session.h
 * Contestant sessions, stored in the database so any process or node serves the next request.
 * The browser holds a random 256-bit token; the database holds only its SHA-256. Each session
 * carries its own CSRF token, echoed in every form and autosave request.
 */
#ifndef QC_SESSION_H
#define QC_SESSION_H

#include <apr_pools.h>
#include "qc_db.h"

typedef struct {
    const char *token_hash;
    const char *contestant_id;
    const char *csrf;
    const char *full_name;
    const char *phone;
    const char *unit_id;
    const char *group_id;
    /** 1 for a change ticket (qc_session_change_lookup): it serves the change-password page
     *  only, never a quiz; 0 for a session. */
    int change_only;
} qc_session_t;

/** The live session of `token` in contest `contest_id`; QC_ENOTFOUND when there is none
 *  (unknown, expired, idle for `idle_s` or logged out). A session in use has its idle end
 *  moved forward (qc_session_touch), at most once a minute. */
apr_status_t qc_session_lookup(qc_db_t *db, apr_pool_t *p, const char *contest_id,
                               const char *token, int idle_s, qc_session_t **out);

/**
 * Move the idle end of the session whose token hashes to `token_hash` to now + idle_s, or to
 * the end of the contestant's open attempt and its grace when that is later (the quiz page's
 * saves do not move it), never past the session's lifetime nor back. Called when a session
 * read says it is due (qc_session_lookup, qc_contest_of_request) and after a start.
 */
apr_status_t qc_session_touch(qc_db_t *db, apr_pool_t *p, const char *token_hash, int idle_s);

/** The argument of a session read's "due" column: the idle end moves when fewer seconds than
 *  this are left (it moves at most once a minute). */
const char *qc_session_touch_due_s(apr_pool_t *p, int idle_s);

/** The SHA-256 (hex) the database keeps of a session token; NULL when `token` cannot be one
 *  (not 43 base64url characters), so it need not be looked up. */
const char *qc_session_token_hash(apr_pool_t *p, const char *token);

/** A session from six columns of a result row (contestant id, CSRF token, full name, phone,
 *  unit id, group id); NULL when the contestant id is NULL (no live session). */
qc_session_t *qc_session_from_row(apr_pool_t *p, const char *token_hash, const char *const *r);

/** Housekeeping: end a bounded batch of expired sessions and of expired change tickets. */
apr_status_t qc_session_purge(qc_db_t *db, apr_pool_t *p);

/** Open a new session (a new token at every login) that lasts at most ttl_s and ends after
 *  idle_s without use; *token goes to the cookie. */
apr_status_t qc_session_create(qc_db_t *db, apr_pool_t *p, const char *contest_id,
                               const char *contestant_id, int ttl_s, int idle_s,
                               const char **token, const char **csrf);

/** End the session of `token` on the server. */
apr_status_t qc_session_destroy(qc_db_t *db, apr_pool_t *p, const char *token);

/** How long a change ticket lives: time enough to choose a password. */
#define QC_SESSION_CHANGE_TTL_S 900

/**
 * A change ticket: what a login with a temporary password gets instead of a session. It is
 * kept apart from the sessions (table qc_password_change), so no page or statement that
 * looks for a session finds it; only the change-password page looks it up. It carries its
 * own CSRF token and lives QC_SESSION_CHANGE_TTL_S seconds.
 */
apr_status_t qc_session_change_create(qc_db_t *db, apr_pool_t *p, const char *contest_id,
                                      const char *contestant_id, const char **token,
                                      const char **csrf);

/** The live change ticket of `token` (change_only set); QC_ENOTFOUND when there is none. */
apr_status_t qc_session_change_lookup(qc_db_t *db, apr_pool_t *p, const char *contest_id,
                                      const char *token, qc_session_t **out);

/** End the change ticket of `token`. */
apr_status_t qc_session_change_destroy(qc_db_t *db, apr_pool_t *p, const char *token);

#endif
