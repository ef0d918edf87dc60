/**
 * @file qc_db.h
 * The database as libquizcontest sees it: a connection of an apr_dbd driver (MariaDB through
 * the "mysql" driver) and the statements prepared on it once, by label (see qc_sql.h). The
 * httpd module builds one from mod_dbd's pooled connection (ap_dbd_acquire), the command-line
 * tool opens its own (qc_db_open). No SQL is ever built from strings: every statement is a
 * prepared one, its arguments passed as text (NULL for SQL NULL).
 */
#ifndef QC_DB_H
#define QC_DB_H

#include <apr_pools.h>
#include <apr_hash.h>
#include <apr_tables.h>
#include <apr_dbd.h>

typedef struct qc_db {
    const apr_dbd_driver_t *driver;
    apr_dbd_t *handle;
    apr_hash_t *prepared;         /**< label -> apr_dbd_prepared_t * */
    apr_pool_t *prepare_pool;     /**< where a statement not yet in `prepared` is prepared
                                        on its first use (the connection's own pool, so it
                                        lives as long as the connection); NULL: never */
    apr_dbd_transaction_t *trans; /**< the open transaction, if any */
    apr_time_t deadline;          /**< 0, or when this request's time with the database ends:
                                       each statement then waits at most until it (the
                                       connection's bound is set to what is left before each
                                       wait, qc_db_set_timeout), and none starts after it
                                       (QC_EDBDOWN) */
} qc_db_t;

/** The rows of a result, copied out of the driver and fully drained. */
typedef struct {
    int ncols;
    int nrows;
    const char ***rows; /**< rows[i][j]; NULL for SQL NULL */
} qc_rows_t;

/** rows->rows[i][j], or NULL when out of range. */
const char *qc_rows_get(const qc_rows_t *rows, int i, int j);

/**
 * Open a connection with the apr_dbd driver `driver_name` and DBDParams-style `params`, and
 * prepare every statement of qc_sql.h on it (unless prepare_all is 0, for the migration tool
 * before the schema exists). The connection is closed when p is destroyed.
 */
apr_status_t qc_db_open(apr_pool_t *p, const char *driver_name, const char *params, int prepare_all,
                        qc_db_t **db, const char **errmsg);

/**
 * Run the prepared statement `label` with nargs text arguments; every row is copied into
 * *rows (from p) and the result drained. Returns APR_SUCCESS, QC_ECONFLICT (duplicate key),
 * QC_ERETRY (deadlock, lock wait timeout, Galera certification failure), QC_EDBDOWN (the
 * server went away) or QC_EDB; the error is logged at the place it is understood.
 */
apr_status_t qc_db_select(qc_db_t *db, apr_pool_t *p, const char *label, int nargs,
                          const char *const *args, qc_rows_t **rows);

/** qc_db_select for a result whose first `head` columns are the same on every row (a parent
 *  row joined to its children): they are read from the first row only and are NULL in the
 *  others. */
apr_status_t qc_db_select_head(qc_db_t *db, apr_pool_t *p, const char *label, int nargs,
                               const char *const *args, int head, qc_rows_t **rows);

/**
 * Whether a connection still looks open, found without a round trip: its socket has nothing to
 * read (a server that ended the connection, by KILL, a restart or wait_timeout, leaves an end of
 * file or an error packet there). Only for a connection with nothing in flight. For the
 * "mysql" driver; any other is reported open (its first statement then tells).
 */
int qc_db_connection_open(const apr_dbd_driver_t *driver, apr_dbd_t *handle);

/**
 * Bound every wait of an open connection for its server to `ms` milliseconds (0: no bound):
 * each read of a reply and each write of a request, including the ping with which mod_dbd
 * checks a pooled connection. A server that stops answering (paused, hung, a network that
 * drops packets) then fails the statement after that long with MariaDB error 2013
 * (QC_EDBDOWN), and Connector/C closes the connection: its next use fails at once (error
 * 2006), and mod_dbd's ping discards it. For the "mysql" driver; returns 0 when the bound
 * could not be set (another driver, or a connection already closed).
 *
 * Connector/C waits in poll() with the timeouts of the connection's I/O layer, which it copies
 * from MYSQL_OPT_READ_TIMEOUT / MYSQL_OPT_WRITE_TIMEOUT only when it connects (apr_dbd_mysql
 * offers no parameter for them, the option file's read-timeout and write-timeout are not
 * applied, and mysql_optionsv after connecting changes nothing); a socket timeout
 * (SO_RCVTIMEO) does nothing either, its reads do not block. So the bound is written where
 * the I/O layer reads it (ma_pvio.h), before each wait.
 */
int qc_db_set_timeout(const apr_dbd_driver_t *driver, apr_dbd_t *handle, apr_uint32_t ms);

/** Run a prepared statement that returns no rows; *affected gets the affected rows (may be
 *  NULL). Same return codes as qc_db_select. */
apr_status_t qc_db_exec(qc_db_t *db, apr_pool_t *p, const char *label, int nargs,
                        const char *const *args, int *affected);

/** Run SQL text that is not a prepared statement: only for schema migrations (DDL). */
apr_status_t qc_db_exec_ddl(qc_db_t *db, apr_pool_t *p, const char *sql);

/** Start a transaction (the handle must not be in one). */
apr_status_t qc_db_begin(qc_db_t *db, apr_pool_t *p);
/** Commit the transaction; rolls back instead if a statement in it failed. */
apr_status_t qc_db_commit(qc_db_t *db, apr_pool_t *p);
/** Roll the transaction back (no-op without one). */
void qc_db_rollback(qc_db_t *db, apr_pool_t *p);

/** Map a MariaDB error number to a status (exported for tests). */
apr_status_t qc_db_status_of(int mysql_errno);

/** Count the arguments of a compound-literal array. */
#define QC_NARGS(...) ((int)(sizeof((const char *[]){__VA_ARGS__}) / sizeof(const char *)))
/** qc_db_select(db, p, label, QC_ARGS("a", "b"), &rows) */
#define QC_ARGS(...)                                                                               \
    QC_NARGS(__VA_ARGS__), (const char *const[])                                                   \
    {                                                                                              \
        __VA_ARGS__                                                                                \
    }

#endif
