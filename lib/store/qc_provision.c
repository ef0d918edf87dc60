/* Creating a contest's database and account (see qc_provision.h). CREATE DATABASE, CREATE USER
 * and GRANT take no placeholders for the names they create, so these are DDL texts built from
 * names and a password checked against a closed alphabet first, never from free text. */
#include <string.h>
#include <apr_strings.h>

#include "qc_provision.h"
#include "qc_status.h"

int qc_provision_name_ok(const char *s)
{
    apr_size_t n = 0;
    if (!s) {
        return 0;
    }
    for (; s[n]; n++) {
        char c = s[n];
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '_')) {
            return 0;
        }
    }
    return n >= 1 && n <= 64;
}

int qc_provision_password_ok(const char *s)
{
    apr_size_t n = 0;
    if (!s) {
        return 0;
    }
    for (; s[n]; n++) {
        char c = s[n];
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '_' || c == '-')) {
            return 0;
        }
    }
    return n >= 16 && n <= 128;
}

apr_status_t qc_provision_database(qc_db_t *db, apr_pool_t *p, const char *name, const char *user,
                                   const char *password, const char **errmsg)
{
    struct {
        const char *what;
        const char *sql;
    } steps[4];
    int i;
    *errmsg = NULL;
    if (!qc_provision_name_ok(name) || !qc_provision_name_ok(user)) {
        *errmsg = "a database or account name is 1 to 64 letters, digits or '_'";
        return APR_EINVAL;
    }
    if (!qc_provision_password_ok(password)) {
        *errmsg = "the password must be 16 to 128 characters of A-Z a-z 0-9 - _";
        return APR_EINVAL;
    }
    steps[0].what = "create the database";
    steps[0].sql = apr_psprintf(p,
                                "CREATE DATABASE IF NOT EXISTS `%s` CHARACTER SET utf8mb4 "
                                "COLLATE utf8mb4_vietnamese_ci",
                                name);
    steps[1].what = "create the account";
    steps[1].sql = apr_psprintf(p, "CREATE USER IF NOT EXISTS '%s'@'localhost' IDENTIFIED BY '%s'",
                                user, password);
    steps[2].what = "set the account's password";
    steps[2].sql = apr_psprintf(p, "ALTER USER '%s'@'localhost' IDENTIFIED BY '%s'", user, password);
    steps[3].what = "grant the account its database";
    steps[3].sql = apr_psprintf(p, "GRANT ALL PRIVILEGES ON `%s`.* TO '%s'@'localhost'", name, user);
    for (i = 0; i < 4; i++) {
        apr_status_t rv = qc_db_exec_ddl(db, p, steps[i].sql);
        if (rv != APR_SUCCESS) {
            *errmsg = apr_psprintf(p, "cannot %s %s (see the MariaDB error above)", steps[i].what,
                                   i == 0 ? name : user);
            return rv;
        }
    }
    return APR_SUCCESS;
}
