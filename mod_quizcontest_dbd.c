/*
 * mod_quizcontest_dbd.c: the bridge to mod_dbd: a request's connection, taken on its first
 * use; the connections worker threads keep (QuizContestKeepConnections); the outage state.
 */
#include <stdlib.h>

#include "httpd.h"
#include "http_config.h"
#include "http_log.h"
#include <apr_dbd.h>
#include "mod_dbd.h"

#include <apr_atomic.h>
#include <apr_optional.h>
#include <apr_thread_mutex.h>

#include "qc_db.h"
#include "qc_status.h"
#include "qc_thread_local.h"

#include "mod_quizcontest_config.h"
#include "mod_quizcontest_dbd.h"

APLOG_USE_MODULE(quizcontest);

static APR_OPTIONAL_FN_TYPE(ap_dbd_acquire) * dbd_acquire;

/* Whether the database was down at the last attempt, so the outage is logged once and the
 * recovery once, not on every request. */
static volatile apr_uint32_t db_was_down;

/* mod_dbd hands out a pooled connection after a ping; a connection that died while the
 * server restarted fails the ping and is discarded, and the next acquire opens a fresh one.
 * A few tries get past the stale connections of a restart; when the server is really down,
 * each try fails at once (connection refused, or the connect-timeout of the client option
 * group), so the request still ends in well under two seconds with a 503. */
#define QC_DB_ACQUIRE_TRIES 4

/* ---- connections kept by worker threads (QuizContestKeepConnections) --------------------
 * mod_dbd checks a connection with a ping, a round trip to MariaDB, each time it hands one
 * out: under load about a sixth of a quiz page's CPU and a fifth of an autosave's. Up to
 * keep_connections threads of a process instead keep the connection they took from mod_dbd
 * (ap_dbd_open: still its pool, its DBDParams, its limits) and check it without a round trip
 * before each request (qc_db_connection_open: a server that ended the connection left an end
 * of file on its socket); one found closed goes back to mod_dbd, whose ping discards it, and
 * the thread takes another. The others, and every thread when it is 0, use ap_dbd_acquire.
 * The connections go back to mod_dbd before its pool is destroyed when the process ends. */
typedef struct kept_conn {
    server_rec *s;
    ap_dbd_t *dbd;
    int suspect; /* the last request ended in a server error: hand it back before reuse */
    struct kept_conn *next;
} kept_conn_t;
/* this thread's (&keeps_none: it may not keep): *kept_here() */
QC_THREAD_LOCAL(kept_conn_t *, kept_here)
static kept_conn_t keeps_none; /* its s is NULL: no request's server */
static kept_conn_t *kept_all;  /* this process's, released at its end */
static apr_thread_mutex_t *kept_lock;
static volatile apr_uint32_t kept_count;

static apr_status_t release_kept_connections(void *unused)
{
    /* the worker threads have ended (the process is going), so nothing uses these any more */
    while (kept_all) {
        kept_conn_t *k = kept_all;
        kept_all = k->next;
        if (k->dbd) {
            ap_dbd_close(k->s, k->dbd);
        }
        free(k);
    }
    return APR_SUCCESS;
}

/* This thread's kept connection for r's server, taking one if the process may keep another;
 * NULL: take one the ordinary way (also when mod_dbd had none to give here: after a database
 * restart its pool may hold more dead connections than one round of tries discards). */
static ap_dbd_t *kept_connection(request_rec *r)
{
    kept_conn_t *k = *kept_here();
    int keep_connections = qc_server_conf.keep_connections;
    if (!k) {
        if (!kept_lock || apr_atomic_inc32(&kept_count) >= (apr_uint32_t)keep_connections) {
            if (kept_lock) {
                apr_atomic_dec32(&kept_count);
            }
            *kept_here() = &keeps_none; /* asked once per thread, not on every request */
            return NULL;
        }
        k = calloc(1, sizeof(*k));
        if (!k) {
            apr_atomic_dec32(&kept_count);
            *kept_here() = &keeps_none;
            return NULL;
        }
        k->s = r->server;
        apr_thread_mutex_lock(kept_lock);
        k->next = kept_all;
        kept_all = k;
        apr_thread_mutex_unlock(kept_lock);
        *kept_here() = k;
        ap_log_rerror(APLOG_MARK, APLOG_INFO, 0, r,
                      "QC00019: this worker thread keeps its database connection (%u of at "
                      "most %d in this process)",
                      (unsigned)apr_atomic_read32(&kept_count), keep_connections);
    }
    if (k->s != r->server) {
        return NULL; /* another virtual host, perhaps another database */
    }
    if (k->dbd && (k->suspect || !qc_db_connection_open(k->dbd->driver, k->dbd->handle))) {
        ap_log_rerror(APLOG_MARK, APLOG_INFO, 0, r,
                      "QC00017: a kept database connection %s; taking another",
                      k->suspect ? "served a request that failed" : "was closed by the server");
        ap_dbd_close(k->s, k->dbd); /* mod_dbd's ping discards it if it is broken */
        k->dbd = NULL;
    }
    k->suspect = 0;
    if (!k->dbd) {
        int i;
        for (i = 0; i < QC_DB_ACQUIRE_TRIES && !k->dbd; i++) {
            k->dbd = ap_dbd_open(r->pool, r->server);
        }
    }
    return k->dbd;
}

apr_status_t qc_dbd_get(void *baton, qc_db_t **out)
{
    qc_dbd_baton_t *b = baton;
    ap_dbd_t *dbd = NULL;
    int i;
    if (b->db) {
        *out = b->db;
        return APR_SUCCESS;
    }
    if (qc_server_conf.keep_connections > 0) {
        dbd = kept_connection(b->r);
        b->kept = dbd != NULL;
    }
    for (i = 0; i < QC_DB_ACQUIRE_TRIES && !dbd; i++) {
        dbd = dbd_acquire(b->r);
    }
    if (!dbd) {
        if (apr_atomic_xchg32(&db_was_down, 1) == 0) {
            ap_log_rerror(APLOG_MARK, APLOG_ERR, 0, b->r,
                          "QC00002: the database is unavailable; answering 503 until it is "
                          "back. Check that MariaDB runs and that DBDriver/DBDParams are "
                          "right (see mod_dbd's messages above).");
        }
        return QC_EDBDOWN;
    }
    if (apr_atomic_xchg32(&db_was_down, 0) == 1) {
        ap_log_rerror(APLOG_MARK, APLOG_NOTICE, 0, b->r,
                      "QC00003: the database is reachable again");
    }
    b->db = apr_pcalloc(b->r->pool, sizeof(qc_db_t));
    b->db->driver = dbd->driver;
    b->db->handle = dbd->handle;
    /* the statements this connection has prepared so far, kept with the connection: each is
     * prepared on its first use here (lib/qc_db.c) and lives until mod_dbd closes it */
    {
        void *prepared = NULL;
        apr_pool_userdata_get(&prepared, "quizcontest-prepared", dbd->pool);
        if (!prepared) {
            prepared = apr_hash_make(dbd->pool);
            apr_pool_userdata_setn(prepared, "quizcontest-prepared", NULL, dbd->pool);
        }
        b->db->prepared = prepared;
        b->db->prepare_pool = dbd->pool;
    }
    *out = b->db;
    return APR_SUCCESS;
}

/* The end of a request on a kept connection. Nothing of the request may touch the connection
 * once the handler returns (its pool may be destroyed later, on another thread, while this
 * thread serves the next request with it): a transaction an error path left open is rolled
 * back now. A request that ended in a server error leaves the connection to be handed back to
 * mod_dbd before the thread's next request. */
void qc_dbd_finish(request_rec *r, qc_dbd_baton_t *b, int rc)
{
    if (!b->kept || !b->db) {
        return;
    }
    /* The glue's one store-only call (tests/check-layers lists it): no store function owns
     * this transaction, which is whatever a failed request's store call left open on a
     * connection that outlives the request. It does nothing when none is open (db->trans). */
    qc_db_rollback(b->db, r->pool);
    if ((r->status >= 500 || rc >= 500) && *kept_here()) {
        (*kept_here())->suspect = 1;
    }
}

int qc_dbd_post_config(server_rec *s)
{
    dbd_acquire = APR_RETRIEVE_OPTIONAL_FN(ap_dbd_acquire);
    if (!dbd_acquire) {
        ap_log_error(APLOG_MARK, APLOG_CRIT, 0, s,
                     "QC00010: mod_quizcontest needs mod_dbd: load it (a2enmod dbd, or "
                     "LoadModule dbd_module) and configure DBDriver mysql and DBDParams");
        return HTTP_INTERNAL_SERVER_ERROR;
    }
    return OK;
}

void qc_dbd_child_init(apr_pool_t *pchild, server_rec *s)
{
    kept_all = NULL;
    kept_count = 0;
    kept_lock = NULL;
    if (qc_server_conf.keep_connections > 0) {
        if (apr_thread_mutex_create(&kept_lock, APR_THREAD_MUTEX_DEFAULT, pchild) == APR_SUCCESS) {
            apr_pool_pre_cleanup_register(pchild, NULL, release_kept_connections);
        }
        else {
            kept_lock = NULL;
            ap_log_error(APLOG_MARK, APLOG_ERR, 0, s,
                         "QC00018: cannot create the lock of the kept database connections: "
                         "every request takes one from mod_dbd");
        }
    }
}
