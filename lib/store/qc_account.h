/**
 * @file qc_account.h
 * Contestant accounts: registration with every field checked (one account per person: phone
 * unique per contest, citizen ID unique when collected; minimum age on the opening day; the
 * exclusion list), and login with bcrypt and a throttle (qc_throttle.h) per account and client address.
 *
 * Password reset is done by the secretariat (qc_account_set_password); an SMS or Zalo OTP
 * sender can later call the same function after verifying a code sent to the phone.
 */
#ifndef QC_ACCOUNT_H
#define QC_ACCOUNT_H

#include <apr_pools.h>
#include <apr_tables.h>
#include "qc_contest.h"
#include "qc_db.h"

/** What the registration form carried (already NFC, trimmed). */
typedef struct {
    const char *full_name;
    const char *dob;
    const char *phone;
    const char *cccd;
    const char *email;
    const char *unit_id;
    const char *group_id;
    int group_required; /**< the contest has groups: one must be chosen */
    const char *password;
    const char *password2;
} qc_registration_t;

/**
 * Register. On QC_EINPUT, *errors maps field names ("full_name", "phone", ...; "form" for the
 * whole form) to message keys. On success *contestant_id is the new account.
 */
apr_status_t qc_account_register(qc_db_t *db, apr_pool_t *p, const qc_contest_t *contest,
                                 const qc_registration_t *reg, int bcrypt_cost,
                                 apr_table_t **errors, const char **contestant_id);

/**
 * Check a login. APR_SUCCESS with *contestant_id; QC_EINPUT for a wrong phone or password
 * (the same answer for both), and at once, with no statement and no hash, for a phone or
 * password longer than any account's (qc_validate_too_long); QC_ETHROTTLED with *retry_at_ms
 * when the throttle (qc_throttle_login) says wait: *delayed is 0 when this account is refused
 * from this address (too many failures from here), 1 when the account's failures from
 * everywhere impose their short delay. An unknown phone costs one bcrypt at bcrypt_cost, as a
 * wrong password does. A success forgets the failures of this phone from this address only.
 * A password the secretariat set: *must_change is 1 (the caller opens no session, only a
 * change ticket, qc_session_change_create); once it has expired (72 hours after it was set)
 * the right one gets QC_EFORBIDDEN, and a wrong one QC_EINPUT as always.
 */
apr_status_t qc_account_login(qc_db_t *db, apr_pool_t *p, const qc_contest_t *contest,
                              const char *phone, const char *password, const char *client_ip,
                              int bcrypt_cost, const char **contestant_id, apr_int64_t *retry_at_ms,
                              int *delayed, int *must_change);

/** A contestant's change of their own password, as the form carried it. */
typedef struct {
    const char *contestant_id;
    const char *current;         /**< the current password (ASVS 2.1.6) */
    const char *password;        /**< the new one */
    const char *password2;       /**< its confirmation */
    const char *client_ip;       /**< for the login throttle and the audit entry */
    const char *keep_token_hash; /**< the session that stays open; NULL or "" for none */
} qc_password_change_t;

/**
 * Change a contestant's own password. QC_EINPUT with *errors mapping "current_password" or
 * "password" to a message key (a field too long, the current password missing or wrong, the
 * new one refused by qc_validate_password); QC_ETHROTTLED with *retry_at_ms when the login
 * throttle of this account from this address holds (a wrong current password counts as a
 * failed login). On success the new hash is stored, the password no longer counts as set by
 * the secretariat, every other session and every change ticket of the contestant has ended,
 * the audit log says so (action "contestant.password_changed", never the password) and a
 * notice is logged.
 */
apr_status_t qc_account_change_password(qc_db_t *db, apr_pool_t *p, const qc_contest_t *contest,
                                        const qc_password_change_t *change, int bcrypt_cost,
                                        apr_table_t **errors, apr_int64_t *retry_at_ms);

/**
 * The secretariat's password reset for the account with `phone`: QC_EINPUT with *error_key for
 * a phone or password the rules refuse, QC_ENOTFOUND when there is no such account. On success
 * every session of the account has ended and its failed logins are forgotten. Like a reset's
 * temporary password, it must be changed at its first use and expires after 72 hours.
 */
apr_status_t qc_account_set_password(qc_db_t *db, apr_pool_t *p, const qc_contest_t *contest,
                                     const char *phone, const char *password, int bcrypt_cost,
                                     const char **error_key);

/** Hash a password with bcrypt at `cost`. */
apr_status_t qc_account_hash_password(apr_pool_t *p, const char *password, int cost,
                                      const char **hash);

/**
 * Move the account of `phone` in contest `contest_id` to unit `unit_id` and group `group_id`
 * ("" for none), together with the copy of both its counted results keep, in one transaction.
 * QC_ENOTFOUND when no account has that phone.
 */
apr_status_t qc_account_move(qc_db_t *db, apr_pool_t *p, const char *contest_id, const char *phone,
                             const char *unit_id, const char *group_id);

/** Housekeeping: forget a bounded batch of login failures older than a day. */
apr_status_t qc_account_purge_login_failures(qc_db_t *db, apr_pool_t *p);

/** An account as the secretariat's search shows it. */
typedef struct {
    const char *id, *full_name, *phone, *unit_name;
    const char *group_title;   /**< NULL without a group */
    apr_int64_t registered_ms; /**< -1 when unknown */
    const char *attempts;      /**< how many attempts it has, as text */
} qc_account_found_t;

/** The account of contest `contest_id` with the (canonical) phone `phone`, or with id `id`;
 *  QC_ENOTFOUND when there is none. */
apr_status_t qc_account_find_by_phone(qc_db_t *db, apr_pool_t *p, const char *contest_id,
                                      const char *phone, qc_account_found_t **out);
apr_status_t qc_account_find_by_id(qc_db_t *db, apr_pool_t *p, const char *contest_id,
                                   const char *id, qc_account_found_t **out);

#endif
