/**
 * @file qc_throttle.h
 * The login throttle's rule, as pure functions; the failures themselves are rows in the
 * database (table qc_login_failure), counted over a window per (account, client address)
 * pair, per account and per client address.
 *
 * The rule is built so that a stranger cannot keep an account's owner out:
 *  - guessing one account from one address is REFUSED with an increasing wait (the pair's
 *    count): the only thing a stranger's failures refuse is the stranger's own address;
 *  - the account's failures from all addresses together only DELAY its logins, by a short,
 *    bounded wait (two minutes at most): this bounds guessing spread over many addresses;
 *  - an address with many failures over many accounts (a guesser trying one password on
 *    every account, or an office behind one NAT address) refuses nobody by itself: it only
 *    makes each of its pairs start waiting after the first failure instead of the fifth.
 */
#ifndef QC_THROTTLE_H
#define QC_THROTTLE_H

#include <apr.h>

/** Failures of one account from one address within the window before that pair must wait. */
#define QC_THROTTLE_PAIR_FREE 5
/** The same, for an address that is busy failing (QC_THROTTLE_ADDRESS_BUSY). */
#define QC_THROTTLE_PAIR_FREE_BUSY 1
/** The pair's first wait; it doubles per failure, to QC_THROTTLE_WINDOW_MS. */
#define QC_THROTTLE_PAIR_FIRST_WAIT_MS APR_INT64_C(30000)

/** Failures of one account from all addresses within the window before its logins are
 *  delayed. More than one address can fail within the window when guessing alone (about
 *  ten), so a single guessing address never delays the owner. */
#define QC_THROTTLE_ACCOUNT_FREE 12
/** The account's first delay; it doubles per failure, to QC_THROTTLE_ACCOUNT_MAX_DELAY_MS. */
#define QC_THROTTLE_ACCOUNT_FIRST_DELAY_MS APR_INT64_C(15000)
/** The longest delay the account's failures impose: two minutes. */
#define QC_THROTTLE_ACCOUNT_MAX_DELAY_MS APR_INT64_C(120000)

/** Failures from one address (over all accounts) within the window from which the address
 *  counts as busy. */
#define QC_THROTTLE_ADDRESS_BUSY 50

/** The window over which failures are counted, and the longest refusal: 15 minutes. */
#define QC_THROTTLE_WINDOW_MS (15 * 60 * 1000)

/** What the database counted for one login attempt (failures within the window). */
typedef struct {
    int pair_failures;           /**< of this account from this address */
    apr_int64_t pair_last_ms;    /**< the newest of them (0 when none) */
    int account_failures;        /**< of this account from every address */
    apr_int64_t account_last_ms; /**< the newest of them (0 when none) */
    int address_failures;        /**< from this address, for every account */
} qc_throttle_counts_t;

/** The verdict on one login attempt. */
typedef enum {
    QC_THROTTLE_OK,      /**< check the password */
    QC_THROTTLE_REFUSED, /**< this account from this address must wait (a guesser) */
    QC_THROTTLE_DELAYED  /**< the account has failed from many places: a short wait */
} qc_throttle_verdict_t;

/**
 * When may the next login be tried? `failures` failures happened within the window, the
 * newest at `last_failure_ms`; `free` of them are allowed without waiting. Beyond that the
 * wait doubles per failure from 30 seconds (6th failure: 30 s, 7th: 60 s, ...) and never
 * exceeds QC_THROTTLE_WINDOW_MS. Returns the instant (ms) from which a login may be tried;
 * 0 when no wait is due.
 */
apr_int64_t qc_throttle_retry_at(int failures, int free, apr_int64_t last_failure_ms);

/**
 * The same back-off with its own first wait and ceiling: `first_wait_ms` after the first
 * failure beyond the free ones, doubling per failure, never more than `max_wait_ms`.
 */
apr_int64_t qc_throttle_backoff(int failures, int free, apr_int64_t first_wait_ms,
                                apr_int64_t max_wait_ms, apr_int64_t last_failure_ms);

/**
 * The verdict on a login attempt at `now_ms` given the counts: REFUSED while the pair's
 * back-off runs (QC_THROTTLE_PAIR_FREE free failures, QC_THROTTLE_PAIR_FREE_BUSY when the
 * address has QC_THROTTLE_ADDRESS_BUSY failures or more), else DELAYED while the account's
 * bounded delay runs, else OK. *retry_at_ms is the instant from which the attempt may be made
 * again (the later of both waits when both run), 0 with OK. An attempt that is not OK must
 * not be checked nor counted as a failure, so waits never grow while they run.
 */
qc_throttle_verdict_t qc_throttle_login(const qc_throttle_counts_t *counts, apr_int64_t now_ms,
                                        apr_int64_t *retry_at_ms);

#endif
