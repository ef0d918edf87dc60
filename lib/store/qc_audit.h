/**
 * @file qc_audit.h
 * The secretariat's audit log: every change made in the secretariat area (or by the
 * administrator's tool on its behalf) is written with who made it, when, from where, what it
 * changed, and the state before and after, as text a person can read.
 */
#ifndef QC_AUDIT_H
#define QC_AUDIT_H

#include <apr_pools.h>
#include "qc_db.h"

/** Who did it: the user Apache authenticated (or the tool's user) and the client address. */
typedef struct {
    const char *user;
    const char *client_ip;
} qc_actor_t;

/**
 * Write one entry. `action` is a short ascii name ("question.retire", "bank.import",
 * "contest.update"...), `object` names what was changed, before/after may be NULL. Runs inside
 * the caller's transaction when one is open, so the entry and the change commit together.
 */
apr_status_t qc_audit_write(qc_db_t *db, apr_pool_t *p, const char *contest_id,
                            const qc_actor_t *actor, const char *action, const char *object,
                            const char *before, const char *after);

/** An entry of the audit log. */
typedef struct {
    apr_int64_t id;
    int has_at;
    apr_int64_t at_ms; /**< when, ms since the epoch */
    const char *actor;
    const char *client_ip;
    const char *action;
    const char *object;
    const char *before; /**< may be NULL */
    const char *after;  /**< may be NULL */
} qc_audit_entry_t;

/** At most QC_AUDIT_PAGE entries older than entry `before_id` (0: the newest), newest first. */
#define QC_AUDIT_PAGE 50
apr_status_t qc_audit_list(qc_db_t *db, apr_pool_t *p, const char *contest_id,
                           apr_int64_t before_id, qc_audit_entry_t **entries, int *n);

#endif
