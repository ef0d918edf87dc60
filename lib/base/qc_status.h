/**
 * @file qc_status.h
 * Status codes of libquizcontest. Functions return apr_status_t: APR_SUCCESS, an APR error,
 * or one of the codes below, which the httpd glue maps to an HTTP status and a page.
 */
#ifndef QC_STATUS_H
#define QC_STATUS_H

#include <apr_errno.h>

#define QC_STATUS_BASE (APR_OS_START_USERERR + 7700)
/** Input failed validation (HTTP 400 or a form shown again). */
#define QC_EINPUT (QC_STATUS_BASE + 1)
/** The thing asked for does not exist (404). */
#define QC_ENOTFOUND (QC_STATUS_BASE + 2)
/** A unique key or a state check refused the change (409, or a message on the form). */
#define QC_ECONFLICT (QC_STATUS_BASE + 3)
/** Not allowed for this user (403). */
#define QC_EFORBIDDEN (QC_STATUS_BASE + 4)
/** The database cannot be reached (503 with Retry-After). */
#define QC_EDBDOWN (QC_STATUS_BASE + 5)
/** Any other database error (500, logged). */
#define QC_EDB (QC_STATUS_BASE + 6)
/** A deadlock or lock wait timeout: the transaction may be retried. */
#define QC_ERETRY (QC_STATUS_BASE + 7)
/** Bytes that are not valid UTF-8, or control characters, in user input (400). */
#define QC_EBADUTF8 (QC_STATUS_BASE + 8)
/** A request body larger than the configured limit (413). */
#define QC_ETOOLARGE (QC_STATUS_BASE + 9)
/** Too many attempts: the caller must wait (429). */
#define QC_ETHROTTLED (QC_STATUS_BASE + 10)

/**
 * Run expr, an apr_status_t expression, into the caller's `rv`; on failure go to the caller's
 * `leave:` label, where cleanup (a rollback, a close) is written once:
 *
 *     apr_status_t rv;
 *     QC_CHECK(qc_db_begin(db, p));
 *     QC_CHECK(...);
 *     return qc_db_commit(db, p);
 *   leave:
 *     qc_db_rollback(db, p);
 *     return rv;
 */
#define QC_CHECK(expr)                                                                             \
    do {                                                                                           \
        rv = (expr);                                                                               \
        if (rv != APR_SUCCESS) {                                                                   \
            goto leave;                                                                            \
        }                                                                                          \
    } while (0)

#endif
