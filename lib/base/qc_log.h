/**
 * @file qc_log.h
 * Logging shim of libquizcontest, so lib/ needs no httpd header. The levels equal APLOG's
 * (QC_LOG_ERR == APLOG_ERR, ...). The httpd module installs a logger once that forwards to
 * ap_log_error; the command-line tool keeps the default, which writes to stderr.
 * Every message starts with its own tag, "QC0xxxx: ", used at one place only.
 * Never log a password, a token or a session cookie, at any level.
 */
#ifndef QC_LOG_H
#define QC_LOG_H

#include <apr_errno.h>

typedef enum {
    QC_LOG_EMERG = 0,
    QC_LOG_ALERT,
    QC_LOG_CRIT,
    QC_LOG_ERR,
    QC_LOG_WARNING,
    QC_LOG_NOTICE,
    QC_LOG_INFO,
    QC_LOG_DEBUG,
    QC_LOG_TRACE1
} qc_log_level_t;

/** Where qc_log's messages go: `baton` is what qc_log_set was given. */
typedef void qc_log_fn(void *baton, const char *file, int line, qc_log_level_t level,
                       apr_status_t rv, const char *msg);
/** Is `level` logged at all? Lets qc_log skip formatting. */
typedef int qc_log_enabled_fn(void *baton, qc_log_level_t level);

/** Install a logger (NULL restores the stderr default). Call once, before threads start. */
void qc_log_set(qc_log_fn *fn, qc_log_enabled_fn *enabled, void *baton);

/** Is `level` logged? */
int qc_log_is_enabled(qc_log_level_t level);

#define QC_LOG_MARK __FILE__, __LINE__

/** Log a formatted message with an optional APR status (0 for none). */
void qc_log(const char *file, int line, qc_log_level_t level, apr_status_t rv, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

#endif
