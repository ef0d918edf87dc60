#ifndef _GNU_SOURCE
#define _GNU_SOURCE /* POLLRDHUP */
#endif
#include <poll.h>
#include <string.h>
#include <strings.h>
#include <mysql.h>
#include <ma_pvio.h>
#include <apr_atomic.h>
#include <apr_strings.h>
#include <apr_time.h>
#include <apr_tables.h>
#include "qc_db.h"
#include "qc_log.h"
#include "qc_sql.h"
#include "qc_status.h"

/* What every area uses. */
const qc_sql_statement_t qc_db_statements[] = {
    {"qc_last_insert_id", "SELECT LAST_INSERT_ID()"},
    /* the node's Galera state (no rows on a server without wsrep) */
    {"qc_db_wsrep_state",
     "SELECT LOWER(VARIABLE_NAME), VARIABLE_VALUE FROM information_schema.GLOBAL_STATUS"
     " WHERE VARIABLE_NAME IN ('WSREP_ON', 'WSREP_READY', 'WSREP_LOCAL_STATE_COMMENT',"
     " 'WSREP_CLUSTER_STATUS')"},
    {NULL, NULL}};

/* MariaDB error numbers that decide how a failure is handled. */
#define ER_DUP_ENTRY 1062
#define ER_LOCK_WAIT_TIMEOUT 1205
#define ER_LOCK_DEADLOCK 1213
#define ER_UNKNOWN_COM_ERROR                                                                       \
    1047 /* Galera: "WSREP has not yet prepared node for application use" */
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
    case ER_UNKNOWN_COM_ERROR: /* a Galera node out of the primary component cannot serve */
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
               "QC00113: statement %s not run: the request's time for the database "
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
    db->conflict = err == ER_LOCK_DEADLOCK;
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

static apr_status_t select_once(qc_db_t *db, apr_pool_t *p, const char *label, int nargs,
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

static apr_status_t exec_once(qc_db_t *db, apr_pool_t *p, const char *label, int nargs,
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

/* ---- retries ---------------------------------------------------------------------------- */

static apr_uint32_t retried_count;   /* runs again after a conflict, this process */
static apr_uint32_t exhausted_count; /* gave up after QC_DB_TRIES conflicts */

void qc_db_retry_counts(apr_uint32_t *retried, apr_uint32_t *exhausted)
{
    *retried = apr_atomic_read32(&retried_count);
    *exhausted = apr_atomic_read32(&exhausted_count);
}

apr_interval_time_t qc_db_retry_pause(int attempt, apr_uint32_t r)
{
    apr_interval_time_t full = 1000;
    int i;
    for (i = 1; i < attempt && full < 64000; i++) {
        full *= 2;
    }
    /* half of it fixed, the other half spread by r: two nodes that conflicted do not run
     * again at the same moment */
    return full / 2 + (apr_interval_time_t)(r % (apr_uint32_t)(full / 2 + 1));
}

/* A cheap per-thread spread for the pause (not for anything secret). */
static apr_uint32_t pause_random(void)
{
    static apr_uint32_t counter;
    apr_uint32_t x = apr_atomic_inc32(&counter) * 2654435761u ^ (apr_uint32_t)apr_time_now();
    x ^= x >> 15;
    x *= 2246822519u;
    return x ^ (x >> 13);
}

/* Whether the failure of try `attempt` is one to run again after (and if so, after the pause
 * and the count); logs either way. */
static int retry_after(qc_db_t *db, apr_status_t rv, const char *what, int attempt)
{
    if (rv != QC_ERETRY || !db->conflict) {
        return 0;
    }
    if (attempt >= QC_DB_TRIES) {
        apr_atomic_inc32(&exhausted_count);
        qc_log(QC_LOG_MARK, QC_LOG_WARNING, 0,
               "QC00107: %s: conflicted with another transaction %d times, giving up (the "
               "request answers 503 Retry-After; many of these mean a hot row)",
               what, attempt);
        return 0;
    }
    apr_atomic_inc32(&retried_count);
    qc_log(QC_LOG_MARK, QC_LOG_INFO, 0,
           "QC00106: %s: conflict (deadlock or Galera certification), running it again, try %d "
           "of %d",
           what, attempt + 1, QC_DB_TRIES);
    apr_sleep(qc_db_retry_pause(attempt, pause_random()));
    return 1;
}

/* Outside a transaction a statement is its own transaction: a conflict rolled all of it back,
 * so it may run again (the same rule as qc_db_transact). Inside one, qc_db_transact decides. */
apr_status_t qc_db_select_head(qc_db_t *db, apr_pool_t *p, const char *label, int nargs,
                               const char *const *args, int head, qc_rows_t **rows)
{
    int attempt = 1;
    apr_status_t rv;
    for (;;) {
        db->conflict = 0;
        rv = select_once(db, p, label, nargs, args, head, rows);
        if (rv == APR_SUCCESS || db->trans || !retry_after(db, rv, label, attempt++)) {
            return rv;
        }
    }
}

apr_status_t qc_db_exec(qc_db_t *db, apr_pool_t *p, const char *label, int nargs,
                        const char *const *args, int *affected)
{
    int attempt = 1;
    apr_status_t rv;
    for (;;) {
        db->conflict = 0;
        rv = exec_once(db, p, label, nargs, args, affected);
        if (rv == APR_SUCCESS || db->trans || !retry_after(db, rv, label, attempt++)) {
            return rv;
        }
    }
}

void qc_db_rollback_only(qc_db_t *db)
{
    db->rollback_only = 1;
}

apr_status_t qc_db_transact(qc_db_t *db, apr_pool_t *p, const char *what, qc_db_work_fn work,
                            void *baton)
{
    int attempt = 1;
    apr_status_t rv;
    if (db->trans) {
        /* inside another one (a whole form's lock around a finalise): part of it, and the
         * outer one is what runs again after a conflict */
        int rollback_only = db->rollback_only;
        rv = work(db, p, baton);
        db->rollback_only = rollback_only;
        return rv;
    }
    for (;;) {
        db->conflict = 0;
        db->rollback_only = 0;
        rv = qc_db_begin(db, p);
        if (rv == APR_SUCCESS) {
            rv = work(db, p, baton);
            if (rv == APR_SUCCESS && db->rollback_only) {
                qc_db_rollback(db, p);
            }
            else if (rv == APR_SUCCESS) {
                db->conflict = 0;
                rv = qc_db_commit(db, p);
            }
            else {
                int conflict = db->conflict;
                qc_db_rollback(db, p);
                db->conflict = conflict;
            }
        }
        db->rollback_only = 0;
        if (rv == APR_SUCCESS || !retry_after(db, rv, what, attempt++)) {
            return rv;
        }
    }
}

apr_status_t qc_db_health(qc_db_t *db, apr_pool_t *p, const char **why)
{
    qc_rows_t *rows;
    const char *on = NULL, *ready = NULL, *state = NULL, *cluster = NULL;
    int i;
    apr_status_t rv = qc_db_select(db, p, "qc_db_wsrep_state", 0, NULL, &rows);
    *why = NULL;
    if (rv != APR_SUCCESS) {
        *why = "the database does not answer";
        return rv == QC_EDB ? QC_EDB : QC_EDBDOWN;
    }
    for (i = 0; i < rows->nrows; i++) {
        const char *name = rows->rows[i][0], *value = rows->rows[i][1] ? rows->rows[i][1] : "";
        if (!name) {
            continue;
        }
        if (!strcmp(name, "wsrep_on")) {
            on = value;
        }
        else if (!strcmp(name, "wsrep_ready")) {
            ready = value;
        }
        else if (!strcmp(name, "wsrep_local_state_comment")) {
            state = value;
        }
        else if (!strcmp(name, "wsrep_cluster_status")) {
            cluster = value;
        }
    }
    if (!on || strcasecmp(on, "ON") != 0) {
        return APR_SUCCESS; /* one server, no cluster */
    }
    if (!ready || strcasecmp(ready, "ON") != 0 || !cluster || strcmp(cluster, "Primary") != 0 ||
        !state || strcmp(state, "Synced") != 0) {
        *why = apr_psprintf(p, "Galera node not ready: wsrep_ready=%s, cluster %s, state %s",
                            ready ? ready : "?", cluster ? cluster : "?", state ? state : "?");
        return QC_EDBDOWN;
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

/* apr_dbd_mysql's BEGIN and COMMIT answer 1 for any failure (what mysql_autocommit and
 * mysql_commit return), not the error number: the connection has it. A certification
 * conflict at COMMIT must be told apart from a lost server. */
static int transaction_errno(qc_db_t *db, int err)
{
    if (err != 0 && !strcmp(apr_dbd_name(db->driver), "mysql")) {
        MYSQL *mysql = apr_dbd_native_handle(db->driver, db->handle);
        unsigned int e = mysql ? mysql_errno(mysql) : 0;
        return e ? (int)e : err;
    }
    return err;
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
        return report(db, "BEGIN", transaction_errno(db, err));
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
        return report(db, "COMMIT", transaction_errno(db, err));
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
