/* quizcontest-admin: setting a machine up: setup-database (the contest's database and account
 * on the local MariaDB, the tool's configuration file, the schema). */

#include <stdio.h>
#include <string.h>
#include <apr_file_io.h>
#include <apr_file_info.h>
#include <apr_strings.h>

#include "qc_admin.h"

#include "qc_migrate.h"
#include "qc_provision.h"
#include "qc_util.h"

#define QC_SETUP_SOCKET "/run/mysqld/mysqld.sock"

/* The value of key=... in a DBDParams string, or NULL. */
static const char *param_of(apr_pool_t *p, const char *params, const char *key)
{
    apr_size_t klen = strlen(key);
    const char *s = params;
    while (s && *s) {
        const char *end = strchr(s, ',');
        apr_size_t len = end ? (apr_size_t)(end - s) : strlen(s);
        if (len > klen && !strncmp(s, key, klen) && s[klen] == '=') {
            return apr_pstrmemdup(p, s + klen + 1, len - klen - 1);
        }
        s = end ? end + 1 : NULL;
    }
    return NULL;
}

/* Writes the tool's configuration to path with mode 0640 (root's and its group's only: it holds
 * the account's password), through a temporary file renamed over it, so a reader never sees
 * half a file. */
static int write_config(apr_pool_t *p, const char *path, const char *params)
{
    const char *tmp = apr_pstrcat(p, path, ".new", NULL);
    const char *dir = apr_pstrdup(p, path);
    char *slash = strrchr((char *)dir, '/');
    apr_file_t *f;
    apr_status_t rv;
    const apr_fileperms_t mode = APR_FPROT_UREAD | APR_FPROT_UWRITE | APR_FPROT_GREAD;
    if (slash && slash != dir) {
        *slash = '\0';
        apr_dir_make_recursive(dir, APR_FPROT_OS_DEFAULT & ~(APR_FPROT_GWRITE | APR_FPROT_WWRITE),
                               p);
    }
    apr_file_remove(tmp, p);
    rv = apr_file_open(&f, tmp, APR_FOPEN_WRITE | APR_FOPEN_CREATE | APR_FOPEN_EXCL, mode, p);
    if (rv == APR_SUCCESS) {
        rv = apr_file_perms_set(tmp, mode);
        if (rv == APR_ENOTIMPL) {
            rv = APR_SUCCESS;
        }
    }
    if (rv == APR_SUCCESS) {
        rv = apr_file_printf(f,
                             "# The contest's database account, written by `quizcontest-admin "
                             "setup-database`.\n"
                             "# quizcontest-admin reads it by default; Apache reads it where "
                             "quizcontest.conf says\n"
                             "#   Include %s\n"
                             "DBDriver mysql\n"
                             "DBDParams \"%s\"\n",
                             path, params) > 0
                 ? APR_SUCCESS
                 : APR_EGENERAL;
        if (apr_file_close(f) != APR_SUCCESS) {
            rv = APR_EGENERAL;
        }
    }
    if (rv == APR_SUCCESS) {
        rv = apr_file_rename(tmp, path, p);
    }
    if (rv != APR_SUCCESS) {
        char buf[256];
        apr_file_remove(tmp, p);
        fprintf(stderr, "quizcontest-admin setup-database: cannot write %s: %s\n", path,
                apr_strerror(rv, buf, sizeof(buf)));
        return 0;
    }
    return 1;
}

int qc_admin_cmd_setup_database(tool_t *t)
{
    const char *sock = qc_admin_option(t, "--socket");
    const char *name = qc_admin_option(t, "--database");
    const char *user = qc_admin_option(t, "--user");
    const char *admin = qc_admin_option(t, "--admin-user");
    const char *dir = qc_admin_option(t, "--dir");
    const char *config = t->config ? t->config : QC_ADMIN_DEFAULT_CONFIG;
    const char *password = NULL, *params, *errmsg = NULL;
    qc_db_t *root, *db;
    int applied = 0;

    sock = sock ? sock : QC_SETUP_SOCKET;
    name = name ? name : "quizcontest";
    user = user ? user : "quizcontest";
    admin = admin ? admin : "root";
    dir = dir ? dir : QC_DATADIR "/migrations";
    if (!qc_provision_name_ok(name) || !qc_provision_name_ok(user) ||
        !qc_provision_name_ok(admin)) {
        fprintf(stderr, "quizcontest-admin setup-database: --database, --user and --admin-user "
                        "are 1 to 64 letters, digits or '_'\n");
        return 2;
    }
    if (strchr(sock, ',') || strchr(sock, '"')) {
        fprintf(stderr, "quizcontest-admin setup-database: the socket's path may not contain ',' "
                        "or '\"'\n");
        return 2;
    }
    /* run again: the account keeps the password the configuration file already has */
    if (t->params && (t->driver == NULL || !strcmp(t->driver, "mysql"))) {
        const char *u = param_of(t->p, t->params, "user");
        const char *d = param_of(t->p, t->params, "dbname");
        const char *pw = param_of(t->p, t->params, "pass");
        if (u && d && !strcmp(u, user) && !strcmp(d, name) && qc_provision_password_ok(pw)) {
            password = pw;
        }
    }
    if (!password) {
        password = qc_util_random_token(t->p);
        if (!password) {
            fprintf(stderr, "quizcontest-admin setup-database: no randomness for a password\n");
            return 1;
        }
    }

    if (qc_db_open(t->p, "mysql", apr_psprintf(t->p, "sock=%s,user=%s", sock, admin), 0, &root,
                   &errmsg) != APR_SUCCESS) {
        fprintf(stderr,
                "quizcontest-admin setup-database: %s\n(run it as root on the database's "
                "machine, with MariaDB running; --socket names another socket)\n",
                errmsg);
        return 2;
    }
    if (qc_provision_database(root, t->p, name, user, password, &errmsg) != APR_SUCCESS) {
        fprintf(stderr, "quizcontest-admin setup-database: %s\n", errmsg);
        return 1;
    }
    printf("database %s (utf8mb4, utf8mb4_vietnamese_ci) and account %s@localhost ready\n", name,
           user);

    params = apr_psprintf(t->p, "sock=%s,user=%s,pass=%s,dbname=%s,reconnect=0,group=quizcontest",
                          sock, user, password, name);
    if (!write_config(t->p, config, params)) {
        return 1;
    }
    printf("configuration written to %s (mode 0640)\n", config);

    if (qc_db_open(t->p, "mysql", params, 0, &db, &errmsg) != APR_SUCCESS) {
        fprintf(stderr, "quizcontest-admin setup-database: as %s: %s\n", user, errmsg);
        return 1;
    }
    if (qc_migrate_apply(db, t->p, dir, &applied, &errmsg) != APR_SUCCESS) {
        fprintf(stderr, "quizcontest-admin setup-database: migrate: %s\n",
                errmsg ? errmsg : "failed");
        return 1;
    }
    printf("migrations applied: %d (schema is up to date)\n"
           "Apache: uncomment \"Include %s\" in quizcontest.conf (it gives mod_dbd this\n"
           "account), then: apache2ctl configtest && service apache2 reload\n",
           applied, config);
    return 0;
}
