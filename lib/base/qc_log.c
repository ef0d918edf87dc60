#include <stdarg.h>
#include <stdio.h>
#include <apr_strings.h>
#include "qc_log.h"

static const char *const level_names[] = {"emerg",  "alert", "crit",  "error", "warn",
                                          "notice", "info",  "debug", "trace1"};

static void log_stderr(void *baton, const char *file, int line, qc_log_level_t level,
                       apr_status_t rv, const char *msg)
{
    char err[256];
    (void)baton;
    (void)file;
    (void)line;
    if (rv != APR_SUCCESS) {
        fprintf(stderr, "quizcontest: %s: %s (%s)\n", level_names[level], msg,
                apr_strerror(rv, err, sizeof(err)));
    }
    else {
        fprintf(stderr, "quizcontest: %s: %s\n", level_names[level], msg);
    }
}

static int stderr_enabled(void *baton, qc_log_level_t level)
{
    (void)baton;
    return level <= QC_LOG_NOTICE;
}

static qc_log_fn *current_fn = log_stderr;
static qc_log_enabled_fn *current_enabled = stderr_enabled;
static void *current_baton;

void qc_log_set(qc_log_fn *fn, qc_log_enabled_fn *enabled, void *baton)
{
    current_fn = fn ? fn : log_stderr;
    current_enabled = enabled ? enabled : stderr_enabled;
    current_baton = baton;
}

int qc_log_is_enabled(qc_log_level_t level)
{
    return current_enabled(current_baton, level);
}

void qc_log(const char *file, int line, qc_log_level_t level, apr_status_t rv, const char *fmt, ...)
{
    char buf[2048];
    va_list ap;
    if (!current_enabled(current_baton, level)) {
        return;
    }
    va_start(ap, fmt);
    apr_vsnprintf(buf, sizeof(buf), fmt, ap);
    va_end(ap);
    current_fn(current_baton, file, line, level, rv, buf);
}
