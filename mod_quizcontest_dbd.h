/*
 * mod_quizcontest_dbd.h: the bridge to mod_dbd's pooled connections.
 *
 * A request's connection is taken on its first use (qc_dbd_get, the application's get_db
 * callback), either from mod_dbd (ap_dbd_acquire: tied to the request's pool) or, with
 * QuizContestKeepConnections, the one this worker thread keeps between requests. Each wait on
 * a connection is bounded (QuizContestDatabaseTimeout). An outage is logged once when it
 * starts (QC00002) and once when it ends (QC00003); in between, requests answer 503 at once
 * and one request at a time probes whether the database is back.
 */
#ifndef MOD_QUIZCONTEST_DBD_H
#define MOD_QUIZCONTEST_DBD_H

#include "httpd.h"

#include "qc_db.h"

/* One request's way to its connection: zero it, set r, pass it as the application's db_baton. */
typedef struct {
    request_rec *r;
    qc_db_t *db;      /* NULL until the request first needs the database */
    int kept;         /* db is this thread's kept connection */
    int db_down;      /* the request ended answering 503 for the database (set by the handler) */
    int bounded;      /* the request's whole time with the database is bounded, not only each wait
                  * (the contestant area; set by the handler) */
    apr_time_t asked; /* when the request first asked for its connection */
    int refused;      /* it got none: it asks no more (nor becomes the probe after waiting) */
} qc_dbd_baton_t;

/* The application's get_db callback (qc_app_db_fn): the request's connection, taken on the first
 * call; QC_EDBDOWN when none could be had after a few tries. */
apr_status_t qc_dbd_get(void *baton, qc_db_t **out);

/* The end of a request on a kept connection: nothing of the request may use it once the
 * handler returns. rc is the handler's return value. */
void qc_dbd_finish(request_rec *r, qc_dbd_baton_t *b, int rc);

/* post_config: find mod_dbd's ap_dbd_acquire and read the DBD settings the outage's probe
 * uses; OK, or 500 (logged) when mod_dbd is not loaded. */
int qc_dbd_post_config(apr_pool_t *pconf, server_rec *s);

/* child_init: the kept connections of this process (QuizContestKeepConnections > 0), handed
 * back to mod_dbd before its pool, a subpool of pchild, is destroyed. */
void qc_dbd_child_init(apr_pool_t *pchild, server_rec *s);

#endif
