/**
 * @file qc_definition_store.h
 * A parsed contest definition (lib/rules/qc_definition.h) stored in the database, and a
 * contest read back from it as a definition.
 */
#ifndef QC_DEFINITION_STORE_H
#define QC_DEFINITION_STORE_H

#include <apr_pools.h>
#include "qc_audit.h"
#include "qc_db.h"
#include "qc_definition.h"

/** Store a parsed definition inside the caller's transaction (so an audit entry can commit
 *  with it). *contest_id gets the contest's id. */
apr_status_t qc_definition_store(qc_db_t *db, apr_pool_t *p, const qc_definition_t *def,
                                 const char **contest_id);

/**
 * Store `def` and its audit entry (action contest.import, `object`, `before`/`after` as
 * qc_audit_write takes them) in one transaction. With `staged_token`, the staged upload of that
 * token (qc_staging.h) is claimed first: when it is gone (already stored by another confirmation, or expired)
 * nothing is stored and QC_ECONFLICT is returned.
 */
apr_status_t qc_definition_import(qc_db_t *db, apr_pool_t *p, const qc_definition_t *def,
                                  const char *staged_token, const qc_actor_t *actor,
                                  const char *object, const char *before, const char *after,
                                  const char **contest_id);

/** Store a parsed definition (one transaction). *contest_id gets the contest's id. */
apr_status_t qc_definition_load(qc_db_t *db, apr_pool_t *p, const qc_definition_t *def,
                                const char **contest_id, const char **errmsg);

/* ---- export (qc_definition_export.c) ---------------------------------------------------- */

/** Read contest `code` back from the database as a definition: everything a definition file
 *  sets (rounds as stored, one each; recurring rounds come back expanded). QC_ENOTFOUND when
 *  there is no such contest. */
apr_status_t qc_definition_fetch(qc_db_t *db, apr_pool_t *p, const char *code,
                                 qc_definition_t **def);

#endif
