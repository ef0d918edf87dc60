#ifndef _GNU_SOURCE
#define _GNU_SOURCE /* POLLRDHUP */
#endif
#include <poll.h>
#include <string.h>
#include <mysql.h>
#include <ma_pvio.h>
#include <apr_strings.h>
#include <apr_tables.h>
#include "qc_db.h"
#include "qc_log.h"
#include "qc_sql.h"
#include "qc_status.h"

/* What every area uses. */
const qc_sql_statement_t qc_db_statements[] = {{"qc_last_insert_id", "SELECT LAST_INSERT_ID()"},
                                               {NULL, NULL}};

/* MariaDB error numbers that decide how a failure is handled. */
#define ER_DUP_ENTRY 1062
#define ER_LOCK_WAIT_TIMEOUT 1205
#define ER_LOCK_DEADLOCK 1213
#define ER_SERVER_SHUTDOWN 1053
#define ER_CONNECTION_KILLED 1927
#define ER_QUERY_INTERRUPTED 1317
#define CR_CONNECTION_ERROR 2002
#define CR_CONN_HOST_ERROR 2003
#define CR_SERVER_GONE_ERROR 2006
#define CR_SERVER_LOST 2013
#define CR_COMMANDS_OUT_OF_SYNC 2014
#define CR_SERVER_LOST_EXTENDED 2055
#define CR_STMT_CLOSED 2056

apr_status_t qc_db_status_of(int err)
{
    switch (err) {
    case 0:
        return APR_SUCCESS;
    case ER_DUP_ENTRY:
        return QC_ECONFLICT;
    case ER_LOCK_WAIT_TIMEOUT:
    case ER_LOCK_DEADLOCK:
        return QC_ERETRY;
    case ER_SERVER_SHUTDOWN:
    case ER_CONNECTION_KILLED:
    case ER_QUERY_INTERRUPTED:
    case CR_CONNECTION_ERROR:
    case CR_CONN_HOST_ERROR:
    case CR_SERVER_GONE_ERROR:
    case CR_SERVER_LOST:
    case CR_COMMANDS_OUT_OF_SYNC:
    case CR_SERVER_LOST_EXTENDED:
    case CR_STMT_CLOSED:
        return QC_EDBDOWN;
    default:
        return QC_EDB;
    }
}

const char *qc_rows_get(const qc_rows_t *rows, int i, int j)
{
    if (!rows || i < 0 || i >= rows->nrows || j < 0 || j >= rows->ncols) {
        return NULL;
    }
    return rows->rows[i][j];
}

/* Before a wait for the server: with a deadline, the connection's bound becomes what is left
 * of it; QC_EDBDOWN (logged) when nothing is. */
static apr_status_t before_wait(qc_db_t *db, const char *label)
{
    apr_time_t left;
    if (!db->deadline) {
        return APR_SUCCESS;
    }
    left = db->deadline - apr_time_now();
    if (left < apr_time_from_msec(1)) {
        qc_log(QC_LOG_MARK, QC_LOG_WARNING, 0,
               "QC00106: statement %s not run: the request's time for the database "
               "(QuizContestDatabaseTimeout) is spent",
               label);
        return QC_EDBDOWN;
    }
    qc_db_set_timeout(db->driver, db->handle, (apr_uint32_t)apr_time_as_msec(left));
    return APR_SUCCESS;
}

static apr_status_t report(qc_db_t *db, const char *label, int err)
{
    apr_status_t rv = qc_db_status_of(err);
    if (rv == QC_EDB) {
        qc_log(QC_LOG_MARK, QC_LOG_ERR, 0, "QC00101: statement %s failed: MariaDB error %d: %s",
               label, err, apr_dbd_error(db->driver, db->handle, err));
    }
    else if (rv == QC_EDBDOWN) {
        qc_log(QC_LOG_MARK, QC_LOG_WARNING, 0,
               "QC00102: statement %s: lost the database connection (MariaDB error %d)", label,
               err);
    }
    else if (rv == QC_ERETRY) {
        qc_log(QC_LOG_MARK, QC_LOG_INFO, 0, "QC00103: statement %s: %s, will retry", label,
               apr_dbd_error(db->driver, db->handle, err));
    }
    return rv;
}

/* The statement `label` on this connection, prepared now if this is its first use here: a
 * connection prepares only what its requests use (a contestant's connection a few dozen of
 * the catalogue's statements), which keeps the server's count of prepared statements
 * (max_prepared_stmt_count) well below the catalogue times the connections. */
static apr_status_t statement(qc_db_t *db, const char *label, apr_dbd_prepared_t **out)
{
    apr_dbd_prepared_t *st = apr_hash_get(db->prepared, label, APR_HASH_KEY_STRING);
    const qc_sql_statement_t *s;
    int err;
    *out = st;
    if (st) {
        return APR_SUCCESS;
    }
    s = db->prepare_pool ? qc_sql_find(label) : NULL;
    if (!s) {
        qc_log(QC_LOG_MARK, QC_LOG_ERR, 0,
               "QC00104: no prepared statement labelled %s on this connection", label);
        return QC_EDB;
    }
    if (before_wait(db, label) != APR_SUCCESS) {
        return QC_EDBDOWN;
    }
    err = apr_dbd_prepare(db->driver, db->prepare_pool, db->handle, s->sql, s->label, &st);
    if (err != 0) {
        apr_status_t rv = qc_db_status_of(err);
        /* the hint fits the error: a lost server is not a schema to migrate */
        qc_log(QC_LOG_MARK, rv == QC_EDBDOWN ? QC_LOG_WARNING : QC_LOG_ERR, 0,
               "QC01011: cannot prepare statement %s: MariaDB error %d: %s (%s)", label, err,
               apr_dbd_error(db->driver, db->handle, err),
               rv == QC_EDBDOWN ? "the database server is unreachable or restarting"
                                : "is the schema migrated? quizcontest-admin migrate");
        return rv == APR_SUCCESS ? QC_EDB : rv;
    }
    apr_hash_set(db->prepared, s->label, APR_HASH_KEY_STRING, st);
    *out = st;
    return APR_SUCCESS;
}

apr_status_t qc_db_select(qc_db_t *db, apr_pool_t *p, const char *label, int nargs,
                          const char *const *args, qc_rows_t **rows)
{
    return qc_db_select_head(db, p, label, nargs, args, 0, rows);
}

apr_status_t qc_db_select_head(qc_db_t *db, apr_pool_t *p, const char *label, int nargs,
                               const char *const *args, int head, qc_rows_t **rows)
{
    apr_dbd_prepared_t *st;
    apr_dbd_results_t *res = NULL;
    apr_dbd_row_t *row = NULL;
    apr_array_header_t *acc;
    qc_rows_t *out;
    int err, ncols, j;
    apr_status_t rv = statement(db, label, &st);

    (void)nargs;
    if (rv == APR_SUCCESS) {
        rv = before_wait(db, label);
    }
    if (rv != APR_SUCCESS) {
        return rv;
    }
    err = apr_dbd_pselect(db->driver, p, db->handle, &res, st, 0, nargs, (const char **)args);
    if (err != 0) {
        return report(db, label, err);
    }
    ncols = apr_dbd_num_cols(db->driver, res);
    acc = apr_array_make(p, 8, sizeof(const char **));
    while (apr_dbd_get_row(db->driver, p, res, &row, -1) == 0) {
        const char **r = apr_palloc(p, sizeof(const char *) * (ncols > 0 ? ncols : 1));
        /* after the first row, the head's columns (the same on every row) are not read */
        for (j = 0; j < ncols; j++) {
            const char *v =
                acc->nelts > 0 && j < head ? NULL : apr_dbd_get_entry(db->driver, row, j);
            r[j] = v ? apr_pstrdup(p, v) : NULL;
        }
        APR_ARRAY_PUSH(acc, const char **) = r;
    }
    out = apr_palloc(p, sizeof(*out));
    out->ncols = ncols;
    out->nrows = acc->nelts;
    out->rows = (const char ***)acc->elts;
    *rows = out;
    return APR_SUCCESS;
}

apr_status_t qc_db_exec(qc_db_t *db, apr_pool_t *p, const char *label, int nargs,
                        const char *const *args, int *affected)
{
    apr_dbd_prepared_t *st;
    int n = 0, err;
    apr_status_t rv = statement(db, label, &st);
    (void)nargs;
    if (rv == APR_SUCCESS) {
        rv = before_wait(db, label);
    }
    if (rv != APR_SUCCESS) {
        return rv;
    }
    err = apr_dbd_pquery(db->driver, p, db->handle, &n, st, nargs, (const char **)args);
    if (affected) {
        *affected = n;
    }
    if (err != 0) {
        return report(db, label, err);
    }
    return APR_SUCCESS;
}

apr_status_t qc_db_exec_ddl(qc_db_t *db, apr_pool_t *p, const char *sql)
{
    int n = 0;
    int err = apr_dbd_query(db->driver, db->handle, &n, sql);
    (void)p;
    if (err != 0) {
        qc_log(QC_LOG_MARK, QC_LOG_ERR, 0, "QC00105: schema statement failed: MariaDB error %d: %s",
               err, apr_dbd_error(db->driver, db->handle, err));
        return qc_db_status_of(err) == QC_EDBDOWN ? QC_EDBDOWN : QC_EDB;
    }
    return APR_SUCCESS;
}

/* A transaction still open when its pool goes (an error path that forgot to end it) is rolled
 * back, so a pooled connection never goes back to mod_dbd with autocommit off. */
static apr_status_t rollback_forgotten(void *data)
{
    qc_db_t *db = data;
    if (db->trans) {
        apr_dbd_transaction_mode_set(db->driver, db->trans, APR_DBD_TRANSACTION_ROLLBACK);
        apr_dbd_transaction_end(db->driver, NULL, db->trans);
        db->trans = NULL;
    }
    return APR_SUCCESS;
}

apr_status_t qc_db_begin(qc_db_t *db, apr_pool_t *p)
{
    int err;
    db->trans = NULL;
    apr_pool_cleanup_kill(p, db, rollback_forgotten);
    apr_pool_cleanup_register(p, db, rollback_forgotten, apr_pool_cleanup_null);
    if (before_wait(db, "BEGIN") != APR_SUCCESS) {
        return QC_EDBDOWN;
    }
    err = apr_dbd_transaction_start(db->driver, p, db->handle, &db->trans);
    if (err != 0) {
        db->trans = NULL;
        return report(db, "BEGIN", err);
    }
    return APR_SUCCESS;
}

apr_status_t qc_db_commit(qc_db_t *db, apr_pool_t *p)
{
    int err;
    if (!db->trans) {
        return APR_SUCCESS;
    }
    if (before_wait(db, "COMMIT") != APR_SUCCESS) {
        qc_db_rollback(db, p);
        return QC_EDBDOWN;
    }
    err = apr_dbd_transaction_end(db->driver, p, db->trans);
    db->trans = NULL;
    if (err != 0) {
        return report(db, "COMMIT", err);
    }
    return APR_SUCCESS;
}

void qc_db_rollback(qc_db_t *db, apr_pool_t *p)
{
    if (!db->trans) {
        return;
    }
    apr_dbd_transaction_mode_set(db->driver, db->trans, APR_DBD_TRANSACTION_ROLLBACK);
    apr_dbd_transaction_end(db->driver, p, db->trans);
    db->trans = NULL;
}

static apr_status_t close_handle(void *data)
{
    qc_db_t *db = data;
    if (db->handle) {
        apr_dbd_close(db->driver, db->handle);
        db->handle = NULL;
    }
    return APR_SUCCESS;
}

apr_status_t qc_db_open(apr_pool_t *p, const char *driver_name, const char *params, int prepare_all,
                        qc_db_t **out, const char **errmsg)
{
    qc_db_t *db = apr_pcalloc(p, sizeof(*db));
    const char *error = NULL;
    apr_status_t rv;
    const qc_sql_statement_t *const *area;
    const qc_sql_statement_t *s;

    *errmsg = NULL;
    rv = apr_dbd_init(p);
    if (rv == APR_SUCCESS) {
        rv = apr_dbd_get_driver(p, driver_name, &db->driver);
    }
    if (rv != APR_SUCCESS) {
        *errmsg = apr_psprintf(p,
                               "cannot load the apr_dbd driver '%s' (Debian package "
                               "libaprutil1-dbd-mysql)",
                               driver_name);
        return rv;
    }
    rv = apr_dbd_open_ex(db->driver, p, params, &db->handle, &error);
    if (rv != APR_SUCCESS) {
        *errmsg =
            apr_psprintf(p, "cannot connect to the database: %s", error ? error : "unknown error");
        return QC_EDBDOWN;
    }
    apr_pool_cleanup_register(p, db, close_handle, apr_pool_cleanup_null);
    db->prepared = apr_hash_make(p);
    db->prepare_pool = p; /* with prepare_all, everything is prepared below already */
    if (prepare_all) {
        for (area = qc_sql_catalogue; *area; area++) {
            for (s = *area; s->label; s++) {
                apr_dbd_prepared_t *st = NULL;
                int err = apr_dbd_prepare(db->driver, p, db->handle, s->sql, s->label, &st);
                if (err != 0) {
                    *errmsg = apr_psprintf(p,
                                           "cannot prepare statement %s: %s (is the schema "
                                           "migrated? run: quizcontest-admin migrate)",
                                           s->label, apr_dbd_error(db->driver, db->handle, err));
                    return QC_EDB;
                }
                apr_hash_set(db->prepared, s->label, APR_HASH_KEY_STRING, st);
            }
        }
    }
    *out = db;
    return APR_SUCCESS;
}

int qc_db_connection_open(const apr_dbd_driver_t *driver, apr_dbd_t *handle)
{
    MYSQL *mysql;
    struct pollfd pfd;
    if (strcmp(apr_dbd_name(driver), "mysql") != 0) {
        return 1;
    }
    mysql = apr_dbd_native_handle(driver, handle);
    if (!mysql) {
        return 0;
    }
    pfd.fd = (int)mysql_get_socket(mysql);
    if (pfd.fd < 0) {
        return 0;
    }
    pfd.events = POLLIN | POLLRDHUP;
    pfd.revents = 0;
    return poll(&pfd, 1, 0) == 0;
}

int qc_db_set_timeout(const apr_dbd_driver_t *driver, apr_dbd_t *handle, apr_uint32_t ms)
{
    MYSQL *mysql;
    MARIADB_PVIO *pvio;
    if (strcmp(apr_dbd_name(driver), "mysql") != 0) {
        return 0;
    }
    mysql = apr_dbd_native_handle(driver, handle);
    pvio = mysql ? mysql->net.pvio : NULL;
    if (!pvio) {
        return 0;
    }
    /* what the I/O layer's own setter (pvio_socket_set_timeout) stores, without its
     * setsockopt calls, which its non-blocking reads and writes do not heed: the bound in
     * milliseconds, -1 for none (0 would mean not to wait at all) */
    pvio->timeout[PVIO_READ_TIMEOUT] = ms > 0 ? (int)ms : -1;
    pvio->timeout[PVIO_WRITE_TIMEOUT] = ms > 0 ? (int)ms : -1;
    return 1;
}
