/**
 * @file qc_staging.h
 * An upload between its preview and its confirmation: the secretariat's page validates a file,
 * keeps it here under a random token it puts in the preview's form, and stores it only when the
 * token comes back. A token lives a day; only its SHA-256 is kept.
 */
#ifndef QC_STAGING_H
#define QC_STAGING_H

#include <apr_pools.h>
#include "qc_db.h"

/** The longest name a staged file may have, in characters: qc_import_staging.filename is
 *  VARCHAR(255), and the audit's object (VARCHAR(300)) names it after a contest's code. The
 *  pages refuse a longer name before reading the file. */
#define QC_STAGING_MAX_FILENAME 200

/** A staged upload as it was kept. */
typedef struct {
    const char *format;   /**< what it is: "contest" (a definition) or a bank format */
    const char *filename; /**< the name it was uploaded under */
    const char *content;  /**< its bytes, with a NUL after them (they may hold NULs too) */
    apr_size_t len;       /**< their number */
} qc_staged_t;

/** Keep `len` bytes of `data` for contest `contest_id`, uploaded by `actor` as `filename`;
 *  *token gets the token that fetches them again. Uploads older than a day are forgotten on
 *  the way (a bounded batch). */
apr_status_t qc_staging_put(qc_db_t *db, apr_pool_t *p, const char *contest_id, const char *actor,
                            const char *format, const char *filename, const char *data,
                            apr_size_t len, const char **token);

/** The upload `token` keeps for contest `contest_id`; QC_ENOTFOUND when the token is empty,
 *  unknown, of another contest or older than a day; QC_EDB when its bytes do not come back
 *  whole. */
apr_status_t qc_staging_get(qc_db_t *db, apr_pool_t *p, const char *contest_id, const char *token,
                            qc_staged_t **out);

/** Forget the upload `token` keeps, inside the caller's transaction: *claimed is 1 when this
 *  call removed it, 0 when it was already gone (another confirmation took it). */
apr_status_t qc_staging_claim(qc_db_t *db, apr_pool_t *p, const char *token, int *claimed);

#endif
