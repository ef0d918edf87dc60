/**
 * @file qc_provision.h
 * Creating a contest's database and its MariaDB account, on a connection of an administrator
 * (root through the local unix socket): what `quizcontest-admin setup-database` does before it
 * migrates. Every statement is safe to run again: an existing database keeps its tables and
 * data, an existing account gets the given password and the same grant.
 */
#ifndef QC_PROVISION_H
#define QC_PROVISION_H

#include <apr_pools.h>

#include "qc_db.h"

/** Whether s may name a database or an account here: 1 to 64 ASCII letters, digits and '_'
 *  (nothing to quote, nothing to inject). */
int qc_provision_name_ok(const char *s);

/** Whether s may be a password here: 16 to 128 characters of base64url (A-Z a-z 0-9 - _),
 *  as qc_util_random_token makes them: nothing to escape in SQL nor in DBDParams. */
int qc_provision_password_ok(const char *s);

/**
 * On db, a connection with the right to create databases and accounts: create the database
 * `name` (utf8mb4, utf8mb4_vietnamese_ci) if it does not exist, the account 'user'@'localhost'
 * if it does not exist, set its password to `password`, and grant it every privilege on that
 * database and nothing else. *errmsg says which step failed.
 */
apr_status_t qc_provision_database(qc_db_t *db, apr_pool_t *p, const char *name, const char *user,
                                   const char *password, const char **errmsg);

#endif
