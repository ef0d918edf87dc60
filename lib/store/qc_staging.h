/**
 * @file qc_staging.h
 * An uploaded file kept between its preview and the secretariat's confirmation (a question
 * bank, a contest definition), for a day at most. The table keeps only the SHA-256 of the
 * token the preview page carries; whoever has the token may confirm.
 */
#ifndef QC_STAGING_H
#define QC_STAGING_H

#include <apr_pools.h>
#include "qc_db.h"

/** A staged upload. */
typedef struct {
    const char *format;   /**< what the file is: a bank format, or "contest" */
    const char *filename; /**< as uploaded */
    const char *content;  /**< the file's bytes, NUL-terminated after len */
    apr_size_t len;
} qc_staged_t;

/**
 * Keep `content` (text without NUL) under `token` for contest `contest_id`, staged by `actor`;
 * staged files older than a day are forgotten first.
 */
apr_status_t qc_staging_put(qc_db_t *db, apr_pool_t *p, const char *token, const char *contest_id,
                            const char *actor, const char *format, const char *filename,
                            const char *content);

/** The file staged under `token` for the contest in the last day, or *out NULL when there is
 *  none (already confirmed, or too old). QC_EDB when the stored bytes are not whole. */
apr_status_t qc_staging_get(qc_db_t *db, apr_pool_t *p, const char *token, const char *contest_id,
                            qc_staged_t **out);

/** Forget the file staged under `token`; *claimed (may be NULL) is 1 when this call removed it,
 *  0 when it was gone already: of two confirmations at once, the one that claims it stores.
 *  Runs inside the caller's transaction when one is open. */
apr_status_t qc_staging_claim(qc_db_t *db, apr_pool_t *p, const char *token, int *claimed);

#endif
