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
    int conflict;                 /**< the last failed statement was a deadlock or a Galera
                                       certification conflict (MariaDB 1213): the whole
                                       transaction was rolled back and may run again */
    int rollback_only;            /**< qc_db_transact: roll back instead of committing */
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

/**
 * Can this connection's server serve the module? One cheap statement: APR_SUCCESS on a server
 * without Galera that answers, and on a Galera node that is ready, in the primary component and
 * Synced; QC_EDBDOWN otherwise (a donor, a joiner, a node cut from the others, no answer), *why
 * saying which (not logged: the balancer asks every few seconds).
 */
apr_status_t qc_db_health(qc_db_t *db, apr_pool_t *p, const char **why);

/** Run SQL text that is not a prepared statement: only for schema migrations (DDL). */
apr_status_t qc_db_exec_ddl(qc_db_t *db, apr_pool_t *p, const char *sql);

/** Start a transaction (the handle must not be in one). */
apr_status_t qc_db_begin(qc_db_t *db, apr_pool_t *p);
/** Commit the transaction; rolls back instead if a statement in it failed. */
apr_status_t qc_db_commit(qc_db_t *db, apr_pool_t *p);
/** Roll the transaction back (no-op without one). */
void qc_db_rollback(qc_db_t *db, apr_pool_t *p);

/** What qc_db_transact runs: the whole transaction's statements. It sets every output it has
 *  from scratch on each call (it may be called again after a conflict) and returns
 *  APR_SUCCESS to commit, or a failure to roll back and give it to the caller. */
typedef apr_status_t (*qc_db_work_fn)(qc_db_t *db, apr_pool_t *p, void *baton);

/** How many times qc_db_transact runs a transaction at most, and how a single statement outside
 *  a transaction is run at most, when each try ends in a conflict. */
#define QC_DB_TRIES 5

/**
 * Run work(db, p, baton) as one transaction: BEGIN, work, COMMIT. When a statement or the COMMIT
 * fails with a deadlock or a Galera certification conflict (MariaDB 1213: the server rolled the
 * whole transaction back, so nothing of it was applied), it is rolled back and run again whole,
 * after a short random pause, QC_DB_TRIES times at most (QC00106 logs each retry; QC_ERETRY
 * when every try conflicted, QC00107). A lost connection, a lock wait timeout (1205: it already
 * waited its time) and any other failure are never retried: a COMMIT whose answer was lost may
 * have been applied. `what` names the transaction in the log. work may call
 * qc_db_rollback_only to end without writing anything (the result is then APR_SUCCESS; it is
 * only for a work that wrote nothing). Called inside a transaction already open (one
 * qc_db_transact's work calling a store function that has its own), work runs as part of it:
 * the outermost is the one committed and run again.
 */
apr_status_t qc_db_transact(qc_db_t *db, apr_pool_t *p, const char *what, qc_db_work_fn work,
                            void *baton);

/** Inside qc_db_transact's work: end the transaction with a rollback, not a commit. */
void qc_db_rollback_only(qc_db_t *db);

/** The retries of this process since it started: *retried counts every transaction (or single
 *  statement) run again after a conflict, *exhausted those that conflicted QC_DB_TRIES times. */
void qc_db_retry_counts(apr_uint32_t *retried, apr_uint32_t *exhausted);

/** The pause before try `attempt` (1 for the first retry) given a random number r: from 1 ms,
 *  doubling, at most 64 ms, with r spreading it over half to all of it (microseconds). */
apr_interval_time_t qc_db_retry_pause(int attempt, apr_uint32_t r);

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
