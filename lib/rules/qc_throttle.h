/**
 * @file qc_throttle.h
 * The login throttle's rule, as a pure function; the failures themselves are rows in the
 * database (table qc_login_failure), counted per account and per client address over a window.
 */
#ifndef QC_THROTTLE_H
#define QC_THROTTLE_H

#include <apr.h>

/** Failures of one account within the window before the account must wait. */
#define QC_THROTTLE_ACCOUNT_FREE 5
/** Failures from one client address within the window before it must wait (generous: a
 *  whole office behind one NAT address logs in at once). */
#define QC_THROTTLE_ADDRESS_FREE 50
/** The window over which failures are counted, and the longest wait: 15 minutes. */
#define QC_THROTTLE_WINDOW_MS (15 * 60 * 1000)

/**
 * When may the next login be tried? `failures` failures happened within the window, the
 * newest at `last_failure_ms`; `free` of them are allowed without waiting. Beyond that the
 * wait doubles per failure from 30 seconds (6th failure: 30 s, 7th: 60 s, ...) and never
 * exceeds QC_THROTTLE_WINDOW_MS. Returns the instant (ms) from which a login may be tried;
 * 0 when no wait is due.
 */
apr_int64_t qc_throttle_retry_at(int failures, int free, apr_int64_t last_failure_ms);

#endif
