/* The login throttle's rule: exponential back-off after a number of free failures. */
#include "qc_throttle.h"

/** The wait after the first failure beyond the free ones. */
#define QC_THROTTLE_FIRST_WAIT_MS APR_INT64_C(30000)

/*
 * The wait is 30 s * 2^(failures - free - 1), capped at QC_THROTTLE_WINDOW_MS. The doubling
 * stops as soon as the cap is reached, so any count (up to INT_MAX) is safe from overflow. A
 * negative `free` counts as 0.
 */
apr_int64_t qc_throttle_retry_at(int failures, int free, apr_int64_t last_failure_ms)
{
    apr_int64_t wait = QC_THROTTLE_FIRST_WAIT_MS;
    int beyond;

    if (free < 0) {
        free = 0;
    }
    if (failures <= free) {
        return 0;
    }
    for (beyond = failures - free; beyond > 1 && wait < QC_THROTTLE_WINDOW_MS; beyond--) {
        wait *= 2;
    }
    if (wait > QC_THROTTLE_WINDOW_MS) {
        wait = QC_THROTTLE_WINDOW_MS;
    }
    return last_failure_ms + wait;
}
