/**
 * @file qc_password_reset.h
 * A contestant's password reset by the secretariat: a random temporary password (readable:
 * 16 characters, lower-case letters and digits without the look-alikes i, l, o, 0 and 1, at
 * least one of each kind, about 79 bits, and never one the password rule refuses), stored as
 * its bcrypt hash; every session of the contestant ends; the audit log records who reset
 * whose password, never the password. It expires 72 hours after it was set and must be
 * changed at its first use (qc_account_login's must_change).
 *
 * Delivering the temporary password is behind qc_reset_sender_t. The default sender,
 * qc_reset_sender_secretariat, delivers nothing: it asks the page to show the password once
 * to the secretariat, who passes it on (by telephone, in person). An SMS or Zalo sender is
 * added later by writing one more qc_reset_sender_t:
 *
 * @code
 * static apr_status_t sms_deliver(const qc_reset_sender_t *s, apr_pool_t *p,
 *                                 const qc_reset_target_t *to, const char *password,
 *                                 int *show_to_staff)
 * {
 *     *show_to_staff = 0;                 // the secretariat never sees it
 *     return my_sms_gateway_send(s->baton, to->phone, password);   // APR_SUCCESS when sent
 * }
 * const qc_reset_sender_t sms = {"sms", sms_deliver, &gateway_settings};
 * @endcode
 *
 * and choosing it where qc_reset_password() is called (qc_page_contest.c). The same interface
 * serves a self-service "forgot password" with a one-time code: send the code with
 * deliver(), and after the contestant returns it call qc_reset_password() with a sender that
 * shows the new password to the contestant.
 */
#ifndef QC_PASSWORD_RESET_H
#define QC_PASSWORD_RESET_H

#include <apr_pools.h>
#include "qc_audit.h"
#include "qc_db.h"

/** Length of a temporary password. */
#define QC_RESET_PASSWORD_LEN 16

/** Whom a temporary password goes to. */
typedef struct {
    const char *contestant_id;
    const char *full_name;
    const char *phone; /**< 10 digits, 0xxxxxxxxx */
} qc_reset_target_t;

typedef struct qc_reset_sender qc_reset_sender_t;

/** How a temporary password reaches the contestant. */
struct qc_reset_sender {
    /** A short ascii name, written to the audit log ("secretariat", "sms", "zalo"). */
    const char *name;
    /**
     * Deliver `password` to `to`. Called after the new hash is committed. Set *show_to_staff
     * to 1 when the secretariat's page must show the password (once) to be passed on.
     * Returns APR_SUCCESS when delivered (or handed to the secretariat); any error is
     * returned by qc_reset_password (the new password stays set: reset again).
     */
    apr_status_t (*deliver)(const qc_reset_sender_t *sender, apr_pool_t *p,
                            const qc_reset_target_t *to, const char *password, int *show_to_staff);
    /** The sender's own settings (gateway address, keys...). */
    void *baton;
};

/** The default sender: the secretariat is shown the password and passes it on. */
extern const qc_reset_sender_t qc_reset_sender_secretariat;

/** A fresh temporary password (QC_RESET_PASSWORD_LEN characters), or NULL when the
 *  operating system's random source failed. */
const char *qc_reset_generate(apr_pool_t *p);

/**
 * Reset the password of contestant `to->contestant_id` of contest `contest_id`: store the
 * bcrypt hash (at `bcrypt_cost`) of a new temporary password, end the contestant's sessions
 * and write the audit entry (action "contestant.password", no password in it), in one
 * transaction; then deliver it with `sender`. *password gets the temporary password (for a
 * sender that shows it), *show_to_staff what the sender said. QC_ENOTFOUND when the contest
 * has no such contestant.
 */
apr_status_t qc_reset_password(qc_db_t *db, apr_pool_t *p, const char *contest_id,
                               const qc_reset_target_t *to, int bcrypt_cost,
                               const qc_actor_t *actor, const qc_reset_sender_t *sender,
                               const char **password, int *show_to_staff);

#endif
