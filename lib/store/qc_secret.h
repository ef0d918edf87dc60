/**
 * @file qc_secret.h
 * The installation's secrets, made by the migrations and the same on every node.
 */
#ifndef QC_SECRET_H
#define QC_SECRET_H

#include <apr_pools.h>
#include "qc_db.h"

/** The secret `name` (64 hexadecimal characters); QC_ENOTFOUND when the schema has none
 *  (not migrated). */
apr_status_t qc_secret_get(qc_db_t *db, apr_pool_t *p, const char *name, const char **value);

#endif
