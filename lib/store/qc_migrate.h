/**
 * @file qc_migrate.h
 * Versioned schema migrations: conf/migrations/NNNN_name.sql, applied in order of NNNN, each
 * once; table qc_schema_migration records version, name, SHA-256 and when. Applying is
 * idempotent, and a recorded migration whose file changed since is refused rather than
 * silently skipped. A named lock serialises concurrent runs (several nodes starting at once).
 */
#ifndef QC_MIGRATE_H
#define QC_MIGRATE_H

#include <apr_pools.h>
#include <apr_tables.h>
#include "qc_db.h"

/** One migration file. */
typedef struct {
    int version;
    const char *name; /**< file name, e.g. "0001_initial.sql" */
    const char *path;
    const char *sql;      /**< the whole text */
    const char *checksum; /**< SHA-256 hex of the text */
} qc_migration_t;

/** Read every NNNN_*.sql in dir, sorted by version. Two files with one version, or a name
 *  that does not start with digits and '_', is an error (QC_EINPUT, message in *errmsg). */
apr_status_t qc_migrate_list(apr_pool_t *p, const char *dir, apr_array_header_t **migrations,
                             const char **errmsg);

/** Split a migration's text into statements: ';' at the end of a line ends one; lines that
 *  start with "--" and blank lines are dropped. */
apr_array_header_t *qc_migrate_split(apr_pool_t *p, const char *sql);

/** Apply what is not yet applied; *applied gets how many were. Progress goes to the log. */
apr_status_t qc_migrate_apply(qc_db_t *db, apr_pool_t *p, const char *dir, int *applied,
                              const char **errmsg);

#endif
