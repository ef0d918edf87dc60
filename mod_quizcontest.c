/*
 * mod_quizcontest: the httpd glue of an online knowledge contest.
 *
 * This file holds the module record, its hooks and the handler. The rest of the glue, the only
 * C that includes httpd headers, is one file per concern: the directives and their merge
 * (mod_quizcontest_config.c, from the list in mod_quizcontest_directives.h), the bridge to
 * mod_dbd (mod_quizcontest_dbd.c), what a request brings (mod_quizcontest_body.c: bodies,
 * uploads, cookies) and what it gets back (mod_quizcontest_response.c: themes, the page cache,
 * the response). What a page says and every contest rule live in lib/ (qc_app.h and the files
 * it leads to).
 */
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "httpd.h"
#include "http_config.h"
#include "http_core.h"
#include "http_log.h"
#include "http_protocol.h"
#include "http_request.h"
#include "ap_mpm.h"
#include "util_cfgtree.h"

#include <apr_atomic.h>
#include <apr_strings.h>

#include "qc_app.h"
#include "qc_attempt.h"
#include "qc_contest.h"
#include "qc_qtext.h"
#include "qc_form.h"
#include "qc_gate.h"
#include "qc_log.h"
#include "qc_multipart.h"
#include "qc_status.h"
#include "qc_xslt.h"
#include "qc_xmlarena.h"

#include "mod_quizcontest_body.h"
#include "mod_quizcontest_config.h"
#include "mod_quizcontest_dbd.h"
#include "mod_quizcontest_response.h"

module AP_MODULE_DECLARE_DATA quizcontest_module;
APLOG_USE_MODULE(quizcontest);

/* ---- logging: lib/ logs through this --------------------------------------------------- */

static server_rec *log_server;

static void log_forward(void *baton, const char *file, int line, qc_log_level_t level,
                        apr_status_t rv, const char *msg)
{
    ap_log_error(file, line, APLOG_MODULE_INDEX, (int)level, rv, (server_rec *)baton, "%s", msg);
}

static int log_enabled(void *baton, qc_log_level_t level)
{
    server_rec *s = baton;
    return APLOG_IS_LEVEL(s, (int)level);
}

/* The periodic sweep that finalises attempts nobody submitted: at most once a minute per
 * process, piggybacked on a request that already holds a connection. */
static volatile apr_uint32_t last_sweep_minute;

static void maybe_sweep(request_rec *r, qc_dbd_baton_t *b)
{
    apr_uint32_t minute = (apr_uint32_t)(apr_time_sec(r->request_time) / 60);
    apr_uint32_t seen = apr_atomic_read32(&last_sweep_minute);
    int n = 0;
    if (!b->db || minute == seen || apr_atomic_cas32(&last_sweep_minute, minute, seen) != seen) {
        return;
    }
    if (qc_app_sweep(b->db, r->pool, &n) == APR_SUCCESS && n > 0) {
        ap_log_rerror(APLOG_MARK, APLOG_INFO, 0, r,
                      "QC00005: finalised %d overdue attempt(s) with their saved answers", n);
    }
}

/* ---- the page gate (QuizContestConcurrentPages; lib/qc_gate.h) ---------------------------
 * At most that many contestant pages of this process are built at once; a further GET waits
 * its turn, in arrival order. Building a page is CPU work (the database's query and the
 * transform); when every worker thread builds at once, the kernel shares the cores among all
 * of them and a thread whose time slice ran out waits for everybody else's: that wait is the
 * tail of the latency under a burst. POSTs (answers saved, logins, starts) do not wait: they
 * are mostly the database's writes, whose commits gain from being many at once. */
static qc_gate_t *page_gate;

/* A request waits at most this long for a slot, then goes on without one: a stalled slot
 * holder (a database that stopped answering) never holds the others up for longer. */
#define QC_PAGE_GATE_MAX_WAIT apr_time_from_sec(1)

/* At the end of the process: how the gate was used (LogLevel info), to tune the setting. */
static apr_status_t log_page_gate(void *data)
{
    qc_gate_stats_t st;
    if (page_gate) {
        qc_gate_stats(page_gate, &st);
        ap_log_error(
            APLOG_MARK, APLOG_INFO, 0, (server_rec *)data,
            "QC00020: page gate of %d: %" APR_UINT64_T_FMT
            " page(s) built at once, %" APR_UINT64_T_FMT
            " after waiting their turn, %" APR_UINT64_T_FMT " without a slot after waiting 1 s",
            qc_server_conf.concurrent_pages, st.entered_at_once, st.entered_after_wait, st.gave_up);
        page_gate = NULL;
    }
    return APR_SUCCESS;
}

/* ---- the password checks' queue (QuizContestPasswordChecks, QuizContestPasswordQueue,
 * QuizContestPasswordWait; qc_app_set_password_gate) -----------------------------------------
 * At most that many logins of this process check a password (bcrypt) at once, the others
 * wait their turn in arrival order, at most so many and so long; a login that cannot wait is
 * told to (the login page, 200, Retry-After). So logins occupy at most checks + queue of the
 * process's worker threads, whatever the storm: the others serve the pages and saves of the
 * contestants already logged in, which never pass this gate. */
static qc_gate_t *password_gate;

static apr_status_t log_password_gate(void *data)
{
    qc_gate_stats_t st;
    if (password_gate) {
        qc_gate_stats(password_gate, &st);
        ap_log_error(APLOG_MARK, APLOG_INFO, 0, (server_rec *)data,
                     "QC00027: password checks: %" APR_UINT64_T_FMT " at once, %" APR_UINT64_T_FMT
                     " after waiting their turn; %" APR_UINT64_T_FMT
                     " login(s) told to wait after %d s, %" APR_UINT64_T_FMT
                     " with the queue of %d full",
                     st.entered_at_once, st.entered_after_wait, st.gave_up,
                     qc_server_conf.password_wait, st.refused, qc_server_conf.password_queue);
        qc_app_set_password_gate(NULL, 0, 0);
        password_gate = NULL;
    }
    return APR_SUCCESS;
}

/* ---- answers saved together (QuizContestSaveBatch; qc_attempt_autosave_batching_init) -----
 * An answer saved while other threads' saves are being written (two batches at a time) waits
 * for them, and the next thread to go writes every save queued meanwhile in one statement: one
 * parse, one plan, one durable commit and one round trip for them all. A save that comes alone
 * is written at once. */

/* At the end of the process: how the saves were batched (LogLevel info), to tune the setting. */
static apr_status_t log_save_batching(void *data)
{
    apr_uint64_t batches, saves;
    unsigned largest, max_batch;
    if (qc_attempt_autosave_batching_stats(&batches, &saves, &largest, &max_batch)) {
        ap_log_error(APLOG_MARK, APLOG_INFO, 0, (server_rec *)data,
                     "QC00022: saves batched by %u: %" APR_UINT64_T_FMT
                     " save(s) in %" APR_UINT64_T_FMT " statement(s), the largest of %u",
                     max_batch, saves, batches, largest);
    }
    return APR_SUCCESS;
}

/* ---- the handler ------------------------------------------------------------------------ */

static int handle_request(request_rec *r, qc_dir_conf *c, qc_dbd_baton_t *baton);

/* The handler: the request (handle_request), then the end of a kept database connection's
 * use. In the contestant area, handle_request builds and renders the page in one arena
 * (lib/qc_xmlarena.h), opened and closed there on the request's thread: those are the pages
 * served by the thousand. The other areas (uploads parsed and validated, exports) are the
 * secretariat's and the jury's, rare and varied: they keep plain malloc. */
static int qc_handler(request_rec *r)
{
    qc_dbd_baton_t baton;
    int rc;
    if (!r->handler || strcmp(r->handler, "quizcontest") != 0) {
        return DECLINED;
    }
    memset(&baton, 0, sizeof(baton));
    baton.r = r;
    rc = handle_request(r, ap_get_module_config(r->per_dir_config, &quizcontest_module), &baton);
    qc_dbd_finish(r, &baton, rc);
    return rc;
}

static int handle_request(request_rec *r, qc_dir_conf *c, qc_dbd_baton_t *db_baton)
{
    qc_app_config_t *cfg;
    qc_app_request_t req;
    qc_app_response_t resp;
    const char *rel, *cache_key;
    qc_xmlarena_t *arena;
    apr_size_t loclen;
    int rc, slot, claimed = 0;

    memset(&req, 0, sizeof(req));
    memset(&resp, 0, sizeof(resp));

    cfg = apr_pcalloc(r->pool, sizeof(*cfg));
    cfg->contest_code = c->contest;
    cfg->area = (qc_area_t)qc_conf_area(c);
    cfg->base_path = c->location && strcmp(c->location, "/") ? c->location : "";
    cfg->static_url = qc_conf_static_url(c);
    cfg->theme_css = c->theme_css;
    cfg->contestant_url = c->contestant_url;
    cfg->session_ttl_s = qc_conf_session_ttl(c);
    cfg->session_idle_s = qc_conf_session_idle(c);
    cfg->bcrypt_cost = qc_conf_bcrypt_cost(c);
    cfg->db_retry_after_s = qc_conf_retry_after(c);
    cfg->clip_dir = c->clip_dir;
    cfg->clip_url = c->clip_url;

    req.pool = r->pool;
    req.cfg = cfg;
    req.method = r->method;
    req.client_ip = r->useragent_ip;
    req.remote_user = r->user;
    {
        /* every area: the contestants' pages word rankings in lib/ too (a hash lookup) */
        qc_theme_t *t = qc_theme_for(r, c);
        req.messages = t ? t->messages : NULL;
    }
    req.get_db = qc_dbd_get;
    req.db_baton = db_baton;
    /* a contestant's request (a page, a save: a few statements) has QuizContestDatabaseTimeout
     * for all its time with the database; the secretariat's and the jury's (an import, the
     * ranking) may take longer, each of their waits for MariaDB bounded by it */
    db_baton->bounded = cfg->area == QC_AREA_CONTESTANT;
    req.session_token = qc_cookie_read(r, c, "session");
    req.csrf_cookie = qc_cookie_read(r, c, "csrf");

    /* the path below the location */
    loclen = strlen(cfg->base_path);
    rel = r->uri;
    if (loclen && strncmp(rel, cfg->base_path, loclen) == 0) {
        rel += loclen;
    }
    while (*rel == '/') {
        rel++;
    }
    req.path = rel;

    if (qc_form_parse(r->pool, r->args ? r->args : "", r->args ? strlen(r->args) : 0, &req.query) !=
        APR_SUCCESS) {
        req.query = apr_table_make(r->pool, 1);
        qc_app_error(&req, &resp, HTTP_BAD_REQUEST, "err.http.400.utf8");
        return qc_response_send(r, c, &req, &resp, NULL, 0);
    }
    req.want_xml = !strcmp(qc_form_get(r->pool, req.query, "format"), "xml");

    if (!c->contest) {
        ap_log_rerror(APLOG_MARK, APLOG_ERR, 0, r,
                      "QC00006: SetHandler quizcontest at %s without QuizContest: name the "
                      "contest this location serves",
                      cfg->base_path);
        qc_app_error(&req, &resp, HTTP_INTERNAL_SERVER_ERROR, "err.http.500");
        return qc_response_send(r, c, &req, &resp, NULL, 0);
    }
    /* Fail closed: the secretariat and jury areas exist only behind Apache authentication. */
    if (cfg->area != QC_AREA_CONTESTANT && (!r->user || !*r->user)) {
        ap_log_rerror(APLOG_MARK, APLOG_ERR, 0, r,
                      "QC00007: refused %s: the %s area at %s is served only to a user Apache "
                      "authenticated; add an authentication block (e.g. AuthType Basic, "
                      "AuthUserFile, Require valid-user) to this <Location>",
                      r->uri,
                      cfg->area == QC_AREA_JURY   ? "jury"
                      : cfg->area == QC_AREA_UNIT ? "unit"
                                                  : "secretariat",
                      cfg->base_path);
        qc_app_error(&req, &resp, HTTP_FORBIDDEN, "err.http.403.auth");
        return qc_response_send(r, c, &req, &resp, NULL, 0);
    }

    /* ---- jury-scored parts: the unit area's entry form is streamed to disk ---- */
    if (r->method_number == M_POST && cfg->area == QC_AREA_UNIT &&
        qc_multipart_boundary(r->pool, apr_table_get(r->headers_in, "Content-Type"))) {
        const char *key = "err.http.400";
        apr_off_t limit = 0;
        apr_status_t rv;
        if (!c->upload_dir) {
            ap_log_rerror(APLOG_MARK, APLOG_ERR, 0, r,
                          "QC00704: a clip was posted to %s, but QuizContestUploadDir is not "
                          "set: name a directory Apache's user may write to",
                          cfg->base_path);
            qc_app_error(&req, &resp, HTTP_INTERNAL_SERVER_ERROR, "err.http.500");
            return qc_response_send(r, c, &req, &resp, NULL, 0);
        }
        rv = qc_app_upload_limit(&req, &limit);
        if (rv != APR_SUCCESS) {
            qc_app_error(&req, &resp,
                         rv == QC_ENOTFOUND ? HTTP_NOT_FOUND : HTTP_SERVICE_UNAVAILABLE,
                         rv == QC_ENOTFOUND ? "jury.err.no_clips" : "err.http.503");
            return qc_response_send(r, c, &req, &resp, NULL, 0);
        }
        rc = qc_body_stream(
            r, qc_multipart_boundary(r->pool, apr_table_get(r->headers_in, "Content-Type")),
            c->upload_dir, limit, &req.form, &req.spooled, &key);
        if (rc != OK) {
            qc_app_error(&req, &resp, rc, key);
            if (rc == HTTP_REQUEST_ENTITY_TOO_LARGE) {
                r->connection->keepalive = AP_CONN_CLOSE;
            }
            return qc_response_send(r, c, &req, &resp, NULL, 0);
        }
    }
    else if (r->method_number == M_POST) {
        const char *data = NULL;
        apr_size_t len = 0;
        apr_off_t limit = qc_conf_max_body(c);
        apr_off_t upload_limit = cfg->area == QC_AREA_CONTESTANT ? 0 : qc_conf_max_upload(c);
        const char *boundary = NULL;
        apr_status_t rv;
        rc = qc_body_read(r, limit, upload_limit, &data, &len, &boundary);
        if (rc != OK) {
            qc_app_error(&req, &resp, rc,
                         rc == HTTP_REQUEST_ENTITY_TOO_LARGE ? "err.http.413"
                         : rc == HTTP_UNSUPPORTED_MEDIA_TYPE ? "err.http.415"
                                                             : "err.http.400");
            if (rc == HTTP_REQUEST_ENTITY_TOO_LARGE) {
                r->connection->keepalive = AP_CONN_CLOSE;
            }
            return qc_response_send(r, c, &req, &resp, NULL, 0);
        }
        rv = boundary ? qc_multipart_parse(r->pool, boundary, data, len, &req.form, &req.uploads)
                      : qc_form_parse(r->pool, data, len, &req.form);
        if (rv != APR_SUCCESS) {
            qc_app_error(&req, &resp, HTTP_BAD_REQUEST,
                         rv == QC_EBADUTF8 ? "err.http.400.utf8" : "err.http.400");
            return qc_response_send(r, c, &req, &resp, NULL, 0);
        }
    }
    else if (r->method_number != M_GET) {
        r->allowed = (AP_METHOD_BIT << M_GET) | (AP_METHOD_BIT << M_POST);
        qc_app_error(&req, &resp, HTTP_METHOD_NOT_ALLOWED, "err.http.405");
        apr_table_setn(r->err_headers_out, "Allow", "GET, HEAD, POST");
        return qc_response_send(r, c, &req, &resp, NULL, 0);
    }

    cache_key = qc_response_cache_key(r, &req);
    if (cache_key && qc_response_from_cache(r, cache_key, !*req.path, &claimed)) {
        return OK;
    }
    /* The page is built and rendered. In the contestant area: in one arena on this thread
     * (not for a page served from the cache above, nor the early error pages, which use plain
     * malloc), and, for a GET, after its turn at the gate (QuizContestConcurrentPages), whose
     * slot is given back once the page is handed to Apache's output. */
    slot = page_gate && cfg->area == QC_AREA_CONTESTANT && r->method_number == M_GET &&
           qc_gate_enter(page_gate, QC_PAGE_GATE_MAX_WAIT);
    arena = cfg->area == QC_AREA_CONTESTANT ? qc_xmlarena_open(r->pool) : NULL;
    qc_app_handle(&req, &resp);
    db_baton->db_down = resp.db_down;
    rc = qc_response_send(r, c, &req, &resp, cache_key, claimed);
    qc_xmlarena_close(arena);
    if (slot) {
        qc_gate_leave(page_gate);
    }
    if (!resp.db_down) {
        maybe_sweep(r, db_baton);
    }
    return rc;
}

/* ---- start-up --------------------------------------------------------------------------- */

static int qc_pre_config(apr_pool_t *pconf, apr_pool_t *plog, apr_pool_t *ptemp)
{
    qc_config_pre_config();
    qc_themes_pre_config();
    return OK;
}

/* The smallest DBDMax in force for a server in the configuration tree: in each section (the
 * main server, each <VirtualHost>) the last one given counts; mod_dbd's default (10) when the
 * main server gives none (a virtual host without one inherits it). */
static int smallest_dbd_max(const ap_directive_t *d, int top)
{
    int smallest = INT_MAX, here = top ? 10 : INT_MAX;
    for (; d; d = d->next) {
        if (!strcasecmp(d->directive, "DBDMax") && d->args) {
            here = atoi(d->args);
        }
        if (d->first_child) {
            int v = smallest_dbd_max(d->first_child, 0);
            if (v < smallest) {
                smallest = v;
            }
        }
    }
    return here < smallest ? here : smallest;
}

/* Before the module is unloaded (a restart), libxml2 gets malloc back: it may outlive us. */
static apr_status_t uninstall_xml_arena(void *unused)
{
    qc_xmlarena_uninstall();
    return APR_SUCCESS;
}

/* Statements are not handed to mod_dbd (ap_dbd_prepare would prepare the whole catalogue on
 * every connection): each connection prepares a statement on its first use (lib/qc_db.c). */
static int qc_post_config(apr_pool_t *pconf, apr_pool_t *plog, apr_pool_t *ptemp, server_rec *s)
{
    int rc;

    if (ap_state_query(AP_SQ_MAIN_STATE) == AP_SQ_MS_CREATE_PRE_CONFIG) {
        return OK; /* the first, dry pass over the configuration */
    }
    log_server = s;
    qc_log_set(log_forward, log_enabled, s);
    /* before libxml2 makes anything of ours: the allocator the arenas need */
    qc_xmlarena_uninstall(); /* a restart may have changed QuizContestXmlArena */
    if (qc_server_conf.xml_arena) {
        const char *poison = getenv("QC_XMLARENA_POISON");
        if (qc_xmlarena_install(poison && *poison == '1')) {
            apr_pool_cleanup_register(pconf, NULL, uninstall_xml_arena, apr_pool_cleanup_null);
        }
        else {
            ap_log_error(APLOG_MARK, APLOG_WARNING, 0, s,
                         "QC00015: libxml2 already has another module's allocator, so pages "
                         "are built without mod_quizcontest's per-request arenas (slower, "
                         "otherwise the same); QuizContestXmlArena Off silences this");
        }
    }
    qc_xslt_global_init();

    if (qc_server_conf.keep_connections > 0) {
        /* a kept connection is never handed back: with as many kept as DBDMax allows, the
         * other threads would wait for one forever. Fail at start instead. */
        int dbd_max_seen = smallest_dbd_max(ap_conftree, 1);
        if (qc_server_conf.keep_connections >= dbd_max_seen) {
            ap_log_error(APLOG_MARK, APLOG_CRIT, 0, s,
                         "QC00016: QuizContestKeepConnections %d must be less than DBDMax "
                         "(%d here; mod_dbd's default is 10): raise DBDMax or lower it",
                         qc_server_conf.keep_connections, dbd_max_seen);
            return HTTP_INTERNAL_SERVER_ERROR;
        }
    }

    rc = qc_dbd_post_config(pconf, s);
    if (rc != OK) {
        return rc;
    }
    rc = qc_themes_post_config(pconf, ptemp, s);
    if (rc != OK) {
        return rc;
    }
    ap_log_error(APLOG_MARK, APLOG_INFO, 0, s,
                 "QC00013: mod_quizcontest ready: %d theme(s) compiled; page memory from %s",
                 qc_themes_count(),
                 qc_xmlarena_installed() ? "per-request arenas" : "malloc (no arenas)");
    return OK;
}

/* A process keeps at most this much question text (a bank of 10,000 questions of a few
 * hundred characters each is about 10 MiB). */
#define QC_QTEXT_CACHE_BYTES (32u * 1024u * 1024u)

static void qc_child_init(apr_pool_t *pchild, server_rec *s)
{
    apr_pool_t *p;
    int threaded = 0;
    ap_mpm_query(AP_MPMQ_IS_THREADED, &threaded);
    qc_themes_child_init(pchild, s, threaded);
    qc_response_cache_child_init(pchild, s, threaded);
    /* the contests this process serves, kept while their revision in the database holds */
    apr_pool_create(&p, pchild);
    if (qc_contest_cache_init(p, threaded) != APR_SUCCESS) {
        ap_log_error(APLOG_MARK, APLOG_ERR, 0, s,
                     "QC00901: cannot create the contest cache lock: every request reads its "
                     "contest from the database");
    }
    /* the texts of the questions this process shows, at most QC_QTEXT_CACHE_BYTES of them */
    apr_pool_create(&p, pchild);
    if (qc_qtext_cache_init(p, threaded, QC_QTEXT_CACHE_BYTES) != APR_SUCCESS) {
        ap_log_error(APLOG_MARK, APLOG_ERR, 0, s,
                     "QC00902: cannot create the question-text cache lock: every quiz page reads "
                     "its questions' texts from the database");
    }
    /* connections kept by worker threads: handed back to mod_dbd before its pool (a subpool
     * of pchild) goes, so a pre-cleanup */
    qc_dbd_child_init(pchild, s);
    /* the page gate: threads only (a process of one thread builds one page at a time) */
    page_gate = NULL;
    if (qc_server_conf.concurrent_pages > 0 && threaded) {
        apr_status_t rv =
            qc_gate_create(pchild, (unsigned)qc_server_conf.concurrent_pages, &page_gate);
        if (rv == APR_SUCCESS) {
            apr_pool_pre_cleanup_register(pchild, s, log_page_gate);
        }
        else {
            page_gate = NULL;
            ap_log_error(APLOG_MARK, APLOG_ERR, rv, s,
                         "QC00021: cannot create the page gate: contestant pages are built "
                         "without a limit");
        }
    }
    /* the password checks: threads only (a process of one thread checks one at a time) */
    password_gate = NULL;
    if (threaded) {
        long cores = sysconf(_SC_NPROCESSORS_ONLN);
        unsigned checks = qc_server_conf.password_checks > 0
                              ? (unsigned)qc_server_conf.password_checks
                              : (unsigned)(cores > 0 ? cores : 1);
        apr_status_t rv = qc_gate_create(pchild, checks, &password_gate);
        if (rv == APR_SUCCESS) {
            qc_app_set_password_gate(password_gate,
                                     apr_time_from_sec(qc_server_conf.password_wait),
                                     (unsigned)qc_server_conf.password_queue);
            apr_pool_pre_cleanup_register(pchild, s, log_password_gate);
        }
        else {
            password_gate = NULL;
            ap_log_error(APLOG_MARK, APLOG_ERR, rv, s,
                         "QC00028: cannot create the password checks' queue: logins check "
                         "their passwords without a limit");
        }
    }
    /* answers saved together: threads only (a process of one thread saves one at a time) */
    {
        apr_status_t rv = qc_attempt_autosave_batching_init(
            pchild,
            threaded && qc_server_conf.save_batch >= 2 ? (unsigned)qc_server_conf.save_batch : 0);
        if (rv == APR_SUCCESS) {
            apr_pool_pre_cleanup_register(pchild, s, log_save_batching);
        }
        else {
            ap_log_error(APLOG_MARK, APLOG_ERR, rv, s,
                         "QC00023: cannot create the batching of saves: each answer is saved "
                         "alone");
        }
    }
    /* ---- the bank each start draws from ---- */
    apr_pool_create(&p, pchild);
    if (qc_attempt_bank_cache_init(p, threaded) != APR_SUCCESS) {
        ap_log_error(APLOG_MARK, APLOG_ERR, 0, s,
                     "QC01010: cannot create the question bank cache lock: every start reads "
                     "the bank from the database");
    }
}

/* ---- no file-system walk for the module's URLs ----------------------------------------
 * Every path a quizcontest location serves is virtual, yet the core's map_to_storage walks the
 * file system for it: a stat of each component under DocumentRoot and, without
 * "AllowOverride None", an .htaccess probe in each directory (9 failing system calls per
 * autosave). A request whose <Location> sets the quizcontest handler is marked when it is
 * translated (the location's configuration is in force then) and its map_to_storage ends
 * here, as mod_proxy does for its requests. <Location> sections still apply: the core walks
 * the locations again after this phase. Other methods than GET, HEAD and POST (TRACE,
 * OPTIONS) take the core's way. */
static int qc_translate_name(request_rec *r)
{
    core_dir_config *d = ap_get_core_module_config(r->per_dir_config);
    const char *handler = NULL, *err = NULL;
    if ((r->method_number == M_GET || r->method_number == M_POST) && d && d->expr_handler) {
        handler = ap_expr_str_exec(r, d->expr_handler, &err);
    }
    if (handler && !err && !strcmp(handler, "quizcontest")) {
        ap_set_module_config(r->request_config, &quizcontest_module, r);
    }
    return DECLINED;
}

static int qc_map_to_storage(request_rec *r)
{
    return ap_get_module_config(r->request_config, &quizcontest_module) == r ? OK : DECLINED;
}

static void qc_register_hooks(apr_pool_t *p)
{
    ap_hook_translate_name(qc_translate_name, NULL, NULL, APR_HOOK_FIRST);
    ap_hook_map_to_storage(qc_map_to_storage, NULL, NULL, APR_HOOK_FIRST);
    ap_hook_pre_config(qc_pre_config, NULL, NULL, APR_HOOK_MIDDLE);
    ap_hook_post_config(qc_post_config, NULL, NULL, APR_HOOK_MIDDLE);
    ap_hook_child_init(qc_child_init, NULL, NULL, APR_HOOK_MIDDLE);
    ap_hook_handler(qc_handler, NULL, NULL, APR_HOOK_MIDDLE);
}

module AP_MODULE_DECLARE_DATA quizcontest_module = {
    STANDARD20_MODULE_STUFF,    qc_config_create_dir, qc_config_merge_dir, NULL, NULL,
    qc_config_directives,       qc_register_hooks,
#if defined(AP_MODULE_FLAG_ALWAYS_MERGE)
    AP_MODULE_FLAG_ALWAYS_MERGE
#endif
};
