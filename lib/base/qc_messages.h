/**
 * @file qc_messages.h
 * The texts of the user interface: one XML file (xslt/messages.xml) of
 * <m key="...">text with {1} {2} placeholders</m>, loaded once per process; a webmaster's
 * override file replaces whichever keys it names. Stylesheets read them with the extension
 * function qc:msg('key', arg1, ...) in namespace QC_XSLT_NS (see qc_xslt.h).
 */
#ifndef QC_MESSAGES_H
#define QC_MESSAGES_H

#include <apr_pools.h>
#include <apr_hash.h>

typedef struct qc_messages qc_messages_t;

/** Load `path` (and then `override_path`, when not NULL) into a new set, from p. */
apr_status_t qc_messages_load(apr_pool_t *p, const char *path, const char *override_path,
                              qc_messages_t **msgs, const char **errmsg);

/** The text of `key`, or NULL. */
const char *qc_messages_get(const qc_messages_t *msgs, const char *key);

/** The text of `key` with {1}..{9} replaced by args[0..nargs); a missing key yields the key
 *  itself in brackets, so a forgotten text shows on the page instead of vanishing. */
const char *qc_messages_format(apr_pool_t *p, const qc_messages_t *msgs, const char *key, int nargs,
                               const char *const *args);

/** Number of keys loaded. */
int qc_messages_count(const qc_messages_t *msgs);

#endif
