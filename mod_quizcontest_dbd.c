/*
 * mod_quizcontest_dbd.c: the bridge to mod_dbd: a request's connection, taken on its first
 * use; the connections worker threads keep (QuizContestKeepConnections); the outage state.
 */
#include <stdlib.h>
#include <strings.h>

#include "httpd.h"
#include "http_config.h"
#include "http_log.h"
#include "util_cfgtree.h"
#include <apr_dbd.h>
#include "mod_dbd.h"

#include <apr_atomic.h>
#include <apr_optional.h>
#include <apr_strings.h>
#include <apr_thread_mutex.h>

#include "qc_db.h"
#include "qc_status.h"
#include "qc_thread_local.h"

#include "mod_quizcontest_config.h"
#include "mod_quizcontest_dbd.h"

APLOG_USE_MODULE(quizcontest);

static APR_OPTIONAL_FN_TYPE(ap_dbd_acquire) * dbd_acquire;

/* ---- the outage: a circuit breaker per process -----------------------------------------
 * Once an outage is logged (QC00002: no connection could be had, or a statement lost its
 * connection or got no answer within QuizContestDatabaseTimeout), every request of this
 * process answers 503 at once without asking mod_dbd for a connection: one that did would
 * wait (a server that accepts connections but does not answer) and make mod_dbd log each
 * failed try. One request at a time, at most one a second, is the probe: it opens a
 * connection of its own with the main server's DBDriver and DBDParams (mod_dbd logs nothing
 * for it) and pings; when that answers, it takes a connection from mod_dbd again, past the
 * dead ones the outage left in mod_dbd's pool, and service resumes (QC00003). */
static volatile apr_uint32_t db_was_down;   /* the breaker is open */
static volatile apr_uint32_t probe_busy;    /* a request of this process is the probe */
static volatile apr_uint32_t next_probe_ms; /* not before this, in ms since the process began */
static apr_time_t process_start;
#define QC_PROBE_INTERVAL_MS 1000

/* the main server's DBDriver and DBDParams (post_config), and the driver (child_init) */
static const char *probe_driver_name, *probe_params;
static const apr_dbd_driver_t *probe_driver;
/* the largest DBDMax configured (mod_dbd's default 10 when none is): as many dead
 * connections as mod_dbd's pool may hold after an outage */
static int largest_dbd_max;

/* A try at mod_dbd's pool fails fast when its ping finds a pooled connection dead (mod_dbd
 * discards it, and logs it) or MariaDB refuses the connection: the next try may then get a
 * live one. A slow failure is a server that does not answer: trying again would only wait
 * again. So a request tries again only after a fast failure, a few times (past the stale
 * connections of a restart), and never once the database's bound is spent. */
#define QC_DB_ACQUIRE_TRIES 4
#define QC_DB_TRY_FAST apr_time_from_msec(250)

static apr_uint32_t ms_now(void)
{
    return (apr_uint32_t)apr_time_as_msec(apr_time_now() - process_start);
}

/* The bound of each wait for MariaDB, as an apr time; 0: none. */
static apr_interval_time_t db_bound(void)
{
    return apr_time_from_sec(qc_server_conf.db_timeout);
}

/* Whether the tries so far ended: the last one failed slowly, or the bound is spent. */
static int stop_trying(apr_time_t first, apr_time_t last)
{
    apr_time_t now = apr_time_now();
    return now - last > QC_DB_TRY_FAST || (db_bound() > 0 && now - first >= db_bound());
}

/* The breaker opens (the outage is logged once per process). */
static void outage_begins(request_rec *r, const char *why)
{
    if (apr_atomic_xchg32(&db_was_down, 1) == 0) {
        apr_atomic_set32(&next_probe_ms, ms_now()); /* the next request may probe at once */
        ap_log_rerror(APLOG_MARK, APLOG_ERR, 0, r,
                      "QC00002: the database is unavailable (%s); answering 503 until it is "
                      "back, checked by one request at a time. Check that MariaDB runs and "
                      "that DBDriver/DBDParams are right (see mod_dbd's messages above).",
                      why);
    }
}

/* Whether this request is the probe: the breaker is open, no other request probes, and the
 * last probe is at least QC_PROBE_INTERVAL_MS old. */
static int claim_probe(void)
{
    if ((apr_int32_t)(ms_now() - apr_atomic_read32(&next_probe_ms)) < 0) {
        return 0;
    }
    return apr_atomic_cas32(&probe_busy, 1, 0) == 0;
}

static void probe_ends(void)
{
    apr_atomic_set32(&next_probe_ms, ms_now() + QC_PROBE_INTERVAL_MS);
    apr_atomic_set32(&probe_busy, 0);
}

/* Whether MariaDB answers a connection of the probe's own (not mod_dbd's: its failures are
 * logged here at debug level only): connected (within the client group's connect-timeout),
 * its waits bounded, and a ping answered. -1: no DBDParams of the main server to try. */
static int database_answers(request_rec *r)
{
    apr_dbd_t *handle = NULL;
    const char *error = NULL;
    int ok;
    if (!probe_driver || !probe_params) {
        return -1;
    }
    if (apr_dbd_open_ex(probe_driver, r->pool, probe_params, &handle, &error) != APR_SUCCESS ||
        !handle) {
        ap_log_rerror(APLOG_MARK, APLOG_DEBUG, 0, r,
                      "QC00024: the database is still unavailable: %s",
                      error ? error : "cannot connect");
        return 0;
    }
    qc_db_set_timeout(probe_driver, handle, (apr_uint32_t)qc_server_conf.db_timeout * 1000);
    ok = apr_dbd_check_conn(probe_driver, r->pool, handle) == APR_SUCCESS;
    if (!ok) {
        ap_log_rerror(APLOG_MARK, APLOG_DEBUG, 0, r,
                      "QC00026: the database is still unavailable: it does not answer");
    }
    apr_dbd_close(probe_driver, handle);
    return ok;
}

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
static ap_dbd_t *kept_connection(request_rec *r, int tries)
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
        apr_time_t first = apr_time_now(), last;
        int i;
        for (i = 0; i < tries && !k->dbd; i++) {
            last = apr_time_now();
            k->dbd = ap_dbd_open(r->pool, r->server);
            if (!k->dbd && stop_trying(first, last)) {
                break;
            }
        }
    }
    return k->dbd;
}

/* A connection of mod_dbd's for the request: the thread's kept one, or one from the pool; up
 * to `tries` tries (see QC_DB_ACQUIRE_TRIES). */
static ap_dbd_t *take_connection(qc_dbd_baton_t *b, int tries)
{
    ap_dbd_t *dbd = NULL;
    apr_time_t first = apr_time_now(), last;
    int i;
    if (qc_server_conf.keep_connections > 0) {
        dbd = kept_connection(b->r, tries);
        b->kept = dbd != NULL;
    }
    for (i = 0; i < tries && !dbd; i++) {
        last = apr_time_now();
        dbd = dbd_acquire(b->r);
        if (!dbd && stop_trying(first, last)) {
            break;
        }
    }
    return dbd;
}

static apr_status_t refuse(qc_dbd_baton_t *b)
{
    b->refused = 1;
    return QC_EDBDOWN;
}

apr_status_t qc_dbd_get(void *baton, qc_db_t **out)
{
    qc_dbd_baton_t *b = baton;
    ap_dbd_t *dbd = NULL;
    if (b->db) {
        *out = b->db;
        return APR_SUCCESS;
    }
    if (b->refused) {
        return QC_EDBDOWN;
    }
    if (!b->asked) {
        b->asked = apr_time_now();
    }
    if (apr_atomic_read32(&db_was_down)) {
        int answers;
        if (!claim_probe()) {
            return refuse(b); /* at once, and without a word: the outage is logged */
        }
        answers = database_answers(b->r);
        if (answers == 0) {
            probe_ends();
            return refuse(b);
        }
        /* MariaDB answers (or nothing but mod_dbd can tell): a connection from mod_dbd, past
         * the dead ones of the outage that its pool may still hold (each failing fast) */
        dbd = take_connection(b, answers > 0 ? largest_dbd_max + 1 : QC_DB_ACQUIRE_TRIES);
        probe_ends();
        if (!dbd) {
            return refuse(b);
        }
        if (apr_atomic_xchg32(&db_was_down, 0) == 1) {
            ap_log_rerror(APLOG_MARK, APLOG_NOTICE, 0, b->r,
                          "QC00003: the database is reachable again");
        }
    }
    else {
        dbd = take_connection(b, QC_DB_ACQUIRE_TRIES);
        if (!dbd) {
            outage_begins(b->r, "no connection could be had");
            return refuse(b);
        }
    }
    b->db = apr_pcalloc(b->r->pool, sizeof(qc_db_t));
    b->db->driver = dbd->driver;
    b->db->handle = dbd->handle;
    /* the statements this connection has prepared so far, kept with the connection: each is
     * prepared on its first use here (lib/qc_db.c) and lives until mod_dbd closes it. A
     * connection seen for the first time also gets its bound (QuizContestDatabaseTimeout):
     * from now on every wait on it, mod_dbd's ping included, ends within it. */
    {
        void *prepared = NULL;
        apr_pool_userdata_get(&prepared, "quizcontest-prepared", dbd->pool);
        if (!prepared) {
            prepared = apr_hash_make(dbd->pool);
            apr_pool_userdata_setn(prepared, "quizcontest-prepared", NULL, dbd->pool);
            if (qc_server_conf.db_timeout > 0 &&
                !qc_db_set_timeout(dbd->driver, dbd->handle,
                                   (apr_uint32_t)qc_server_conf.db_timeout * 1000)) {
                ap_log_rerror(APLOG_MARK, APLOG_WARNING, 0, b->r,
                              "QC00025: cannot bound the waits of a %s database connection: "
                              "QuizContestDatabaseTimeout holds for MariaDB (DBDriver mysql) "
                              "only",
                              apr_dbd_name(dbd->driver));
            }
        }
        b->db->prepared = prepared;
        b->db->prepare_pool = dbd->pool;
    }
    if (b->bounded && db_bound() > 0) {
        b->db->deadline = b->asked + db_bound();
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
    if (b->db && b->db_down) {
        outage_begins(r, "a statement lost its connection or got no answer within "
                         "QuizContestDatabaseTimeout");
    }
    if (b->db && b->db->deadline) {
        /* the connection's next waits (mod_dbd's ping, the next request's) get the whole
         * bound again, not what this request left of it */
        b->db->deadline = 0;
        qc_db_set_timeout(b->db->driver, b->db->handle,
                          (apr_uint32_t)qc_server_conf.db_timeout * 1000);
    }
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

/* The main server's DBDriver and DBDParams (the last given outside <VirtualHost>, the probe's
 * connection) and the largest DBDMax anywhere. */
static void read_dbd_settings(apr_pool_t *p, const ap_directive_t *d, int in_vhost)
{
    for (; d; d = d->next) {
        const char *args = d->args ? d->args : "";
        if (!strcasecmp(d->directive, "DBDMax")) {
            int v = atoi(args);
            largest_dbd_max = v > largest_dbd_max ? v : largest_dbd_max;
        }
        else if (!in_vhost && !strcasecmp(d->directive, "DBDriver")) {
            probe_driver_name = ap_getword_conf(p, &args);
        }
        else if (!in_vhost && !strcasecmp(d->directive, "DBDParams")) {
            probe_params = ap_getword_conf(p, &args);
        }
        if (d->first_child) {
            read_dbd_settings(p, d->first_child,
                              in_vhost || !strcasecmp(d->directive, "<VirtualHost"));
        }
    }
}

int qc_dbd_post_config(apr_pool_t *pconf, server_rec *s)
{
    probe_driver_name = probe_params = NULL;
    largest_dbd_max = 10; /* mod_dbd's default */
    read_dbd_settings(pconf, ap_conftree, 0);
    if (largest_dbd_max > 1000) {
        largest_dbd_max = 1000;
    }
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
    process_start = apr_time_now();
    db_was_down = probe_busy = next_probe_ms = 0;
    probe_driver = NULL;
    if (probe_driver_name && probe_params &&
        apr_dbd_get_driver(pchild, probe_driver_name, &probe_driver) != APR_SUCCESS) {
        probe_driver = NULL; /* mod_dbd says why; the probe asks mod_dbd then */
    }
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
