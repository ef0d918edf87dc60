/* The login throttle's rule: exponential back-off after a number of free failures, per
 * (account, address) pair as a refusal and per account as a bounded delay. */
#include "qc_throttle.h"

/*
 * The wait is first_wait * 2^(failures - free - 1), capped at max_wait. The doubling stops as
 * soon as the cap is reached, so any count (up to INT_MAX) is safe from overflow. A negative
 * `free` counts as 0.
 */
apr_int64_t qc_throttle_backoff(int failures, int free, apr_int64_t first_wait_ms,
                                apr_int64_t max_wait_ms, apr_int64_t last_failure_ms)
{
    apr_int64_t wait = first_wait_ms;
    int beyond;

    if (free < 0) {
        free = 0;
    }
    if (failures <= free) {
        return 0;
    }
    for (beyond = failures - free; beyond > 1 && wait < max_wait_ms; beyond--) {
        wait *= 2;
    }
    if (wait > max_wait_ms) {
        wait = max_wait_ms;
    }
    return last_failure_ms + wait;
}

apr_int64_t qc_throttle_retry_at(int failures, int free, apr_int64_t last_failure_ms)
{
    return qc_throttle_backoff(failures, free, QC_THROTTLE_PAIR_FIRST_WAIT_MS,
                               QC_THROTTLE_WINDOW_MS, last_failure_ms);
}

qc_throttle_verdict_t qc_throttle_login(const qc_throttle_counts_t *c, apr_int64_t now_ms,
                                        apr_int64_t *retry_at_ms)
{
    int busy = c->address_failures >= QC_THROTTLE_ADDRESS_BUSY;
    apr_int64_t pair = qc_throttle_retry_at(
        c->pair_failures, busy ? QC_THROTTLE_PAIR_FREE_BUSY : QC_THROTTLE_PAIR_FREE,
        c->pair_last_ms);
    apr_int64_t account = qc_throttle_backoff(c->account_failures, QC_THROTTLE_ACCOUNT_FREE,
                                              QC_THROTTLE_ACCOUNT_FIRST_DELAY_MS,
                                              QC_THROTTLE_ACCOUNT_MAX_DELAY_MS, c->account_last_ms);
    int refused = pair > now_ms, delayed = account > now_ms;

    *retry_at_ms = 0;
    if (!refused && !delayed) {
        return QC_THROTTLE_OK;
    }
    *retry_at_ms = (refused && pair > account) || !delayed ? pair : account;
    return refused ? QC_THROTTLE_REFUSED : QC_THROTTLE_DELAYED;
}
