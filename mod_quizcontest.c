/*
 * mod_quizcontest: the httpd glue of an online knowledge contest.
 *
 * This file is the only one that includes httpd headers. It owns the directives and their
 * per-directory merge, the compiled stylesheets of each process, the bridge to mod_dbd's
 * pooled connections, reading bodies and cookies, and writing responses. What a page says
 * and every contest rule live in lib/ (qc_app.h and the files it leads to).
 */
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "httpd.h"
#include "http_config.h"
#include "http_core.h"
#include "http_log.h"
#include "http_protocol.h"
#include "http_request.h"
#include "ap_mpm.h"
#include "util_cookies.h"
#include "util_cfgtree.h"
#include <apr_dbd.h>
#include "mod_dbd.h"

#include <apr_atomic.h>
#include <apr_lib.h>
#include <apr_optional.h>
#include <apr_strings.h>
#include <apr_thread_mutex.h>
#include <apr_thread_cond.h>

#include "qc_app.h"
#include "qc_attempt.h"
#include "qc_contest.h"
#include "qc_qtext.h"
#include "qc_db.h"
#include "qc_form.h"
#include "qc_gate.h"
#include "qc_log.h"
#include "qc_messages.h"
#include "qc_multipart.h"
#include "qc_mpstream.h"
#include "qc_utf8.h"
#include "qc_status.h"
#include "qc_xml.h"
#include "qc_xslt.h"
#include "qc_xmlarena.h"

#ifndef QC_DATADIR
#define QC_DATADIR "/usr/share/mod_quizcontest"
#endif

module AP_MODULE_DECLARE_DATA quizcontest_module;
APLOG_USE_MODULE(quizcontest);

/* ---- configuration ------------------------------------------------------------------- */

#define QC_UNSET -1
#define QC_DEFAULT_MAX_BODY (64 * 1024)
#define QC_DEFAULT_MAX_UPLOAD (10 * 1024 * 1024)
#define QC_DEFAULT_SESSION_TTL (8 * 3600)
#define QC_DEFAULT_BCRYPT_COST 10
#define QC_DEFAULT_RETRY_AFTER 5
#define QC_DEFAULT_STATIC_URL "/quizcontest-static"
#define QC_COOKIE_SECURE_AUTO 2

typedef struct {
    const char *location;       /* the <Location> this config belongs to */
    const char *contest;        /* QuizContest */
    int area;                   /* QuizContestArea, qc_area_t */
    const char *stylesheet_dir; /* QuizContestStylesheetDir */
    const char *layout;         /* QuizContestLayout */
    const char *messages;       /* QuizContestMessages */
    const char *static_url;     /* QuizContestStaticURL */
    const char *theme_css;      /* QuizContestThemeCSS */
    const char *contestant_url; /* QuizContestContestantURL */
    const char *cookie_name;    /* QuizContestCookieName */
    int cookie_secure;          /* QuizContestCookieSecure: 0 off, 1 on, 2 auto */
    apr_off_t max_body;         /* QuizContestMaxBody */
    apr_off_t max_upload;       /* QuizContestMaxUpload */
    int session_ttl;            /* QuizContestSessionLifetime */
    int bcrypt_cost;            /* QuizContestBcryptCost */
    int retry_after;            /* QuizContestRetryAfter */
    /* ---- jury-scored parts ---- */
    const char *upload_dir; /* QuizContestUploadDir */
    const char *clip_dir;   /* QuizContestClipDir */
    const char *clip_url;   /* QuizContestClipURL */
} qc_dir_conf;

static void *create_dir_conf(apr_pool_t *p, char *dir)
{
    qc_dir_conf *c = apr_pcalloc(p, sizeof(*c));
    if (dir) {
        apr_size_t len = strlen(dir);
        while (len > 1 && dir[len - 1] == '/') {
            len--;
        }
        c->location = apr_pstrndup(p, dir, len);
    }
    c->area = QC_UNSET;
    c->cookie_secure = QC_UNSET;
    c->max_body = QC_UNSET;
    c->max_upload = QC_UNSET;
    c->session_ttl = QC_UNSET;
    c->bcrypt_cost = QC_UNSET;
    c->retry_after = QC_UNSET;
    return c;
}

#define MERGE_PTR(f) c->f = add->f ? add->f : base->f
#define MERGE_VAL(f) c->f = add->f != QC_UNSET ? add->f : base->f

static void *merge_dir_conf(apr_pool_t *p, void *basev, void *addv)
{
    qc_dir_conf *base = basev, *add = addv;
    qc_dir_conf *c = apr_pcalloc(p, sizeof(*c));
    MERGE_PTR(location);
    MERGE_PTR(contest);
    MERGE_VAL(area);
    MERGE_PTR(stylesheet_dir);
    MERGE_PTR(layout);
    MERGE_PTR(messages);
    MERGE_PTR(static_url);
    MERGE_PTR(theme_css);
    MERGE_PTR(contestant_url);
    MERGE_PTR(cookie_name);
    MERGE_VAL(cookie_secure);
    MERGE_VAL(max_body);
    MERGE_VAL(max_upload);
    MERGE_VAL(session_ttl);
    MERGE_VAL(bcrypt_cost);
    MERGE_VAL(retry_after);
    MERGE_PTR(upload_dir);
    MERGE_PTR(clip_dir);
    MERGE_PTR(clip_url);
    return c;
}

/* Every configuration that names a theme, noted while parsing, so post_config can compile
 * it (and a broken stylesheet stops the server at start, not on the first request). */
static apr_array_header_t *configured_themes;

static void note_theme(cmd_parms *cmd, qc_dir_conf *c)
{
    if (!configured_themes) {
        configured_themes = apr_array_make(cmd->pool, 4, sizeof(qc_dir_conf *));
    }
    APR_ARRAY_PUSH(configured_themes, qc_dir_conf *) = c;
}

static const char *set_contest(cmd_parms *cmd, void *cfg, const char *code)
{
    qc_dir_conf *c = cfg;
    apr_size_t i, len = strlen(code);
    if (len == 0 || len > 64) {
        return "QuizContest: the contest code must have 1 to 64 characters";
    }
    for (i = 0; i < len; i++) {
        if (!apr_isalnum(code[i]) && code[i] != '-' && code[i] != '_') {
            return "QuizContest: the contest code may hold only letters, digits, '-' and '_'";
        }
    }
    c->contest = code;
    return NULL;
}

static const char *set_area(cmd_parms *cmd, void *cfg, const char *arg)
{
    qc_dir_conf *c = cfg;
    if (!strcasecmp(arg, "contestant")) {
        c->area = QC_AREA_CONTESTANT;
    }
    else if (!strcasecmp(arg, "secretariat")) {
        c->area = QC_AREA_SECRETARIAT;
    }
    else if (!strcasecmp(arg, "jury")) {
        c->area = QC_AREA_JURY;
    }
    else if (!strcasecmp(arg, "unit")) {
        c->area = QC_AREA_UNIT;
    }
    else {
        return "QuizContestArea must be contestant, secretariat, jury or unit";
    }
    return NULL;
}

static const char *set_theme_path(cmd_parms *cmd, void *cfg, const char *arg)
{
    qc_dir_conf *c = cfg;
    const char *path = ap_server_root_relative(cmd->pool, arg);
    if (!path) {
        return apr_pstrcat(cmd->pool, cmd->cmd->name, ": invalid path ", arg, NULL);
    }
    if (!strcmp(cmd->cmd->name, "QuizContestStylesheetDir")) {
        c->stylesheet_dir = path;
    }
    else if (!strcmp(cmd->cmd->name, "QuizContestLayout")) {
        c->layout = path;
    }
    else {
        c->messages = path;
    }
    note_theme(cmd, c);
    return NULL;
}

static const char *set_url(cmd_parms *cmd, void *cfg, const char *arg)
{
    qc_dir_conf *c = cfg;
    if (arg[0] != '/' && strncmp(arg, "https://", 8) != 0 && strncmp(arg, "http://", 7) != 0) {
        return apr_pstrcat(cmd->pool, cmd->cmd->name,
                           ": give a path starting with '/' or an http(s) URL", NULL);
    }
    if (!strcmp(cmd->cmd->name, "QuizContestStaticURL")) {
        apr_size_t len = strlen(arg);
        while (len > 1 && arg[len - 1] == '/') {
            len--;
        }
        c->static_url = apr_pstrndup(cmd->pool, arg, len);
    }
    else if (!strcmp(cmd->cmd->name, "QuizContestThemeCSS")) {
        c->theme_css = arg;
    }
    else {
        c->contestant_url = arg;
    }
    return NULL;
}

static const char *set_cookie_name(cmd_parms *cmd, void *cfg, const char *arg)
{
    qc_dir_conf *c = cfg;
    const char *s;
    if (!*arg || strlen(arg) > 40) {
        return "QuizContestCookieName must have 1 to 40 characters";
    }
    for (s = arg; *s; s++) {
        if (!apr_isalnum(*s) && *s != '_' && *s != '-') {
            return "QuizContestCookieName may hold only letters, digits, '-' and '_'";
        }
    }
    c->cookie_name = arg;
    return NULL;
}

static const char *set_cookie_secure(cmd_parms *cmd, void *cfg, const char *arg)
{
    qc_dir_conf *c = cfg;
    if (!strcasecmp(arg, "on")) {
        c->cookie_secure = 1;
    }
    else if (!strcasecmp(arg, "off")) {
        c->cookie_secure = 0;
    }
    else if (!strcasecmp(arg, "auto")) {
        c->cookie_secure = QC_COOKIE_SECURE_AUTO;
    }
    else {
        return "QuizContestCookieSecure must be On, Off or Auto";
    }
    return NULL;
}

static const char *set_number(cmd_parms *cmd, void *cfg, const char *arg)
{
    qc_dir_conf *c = cfg;
    const char *name = cmd->cmd->name;
    char *end;
    apr_int64_t v = apr_strtoi64(arg, &end, 10);
    if (*arg == '\0' || *end != '\0') {
        return apr_pstrcat(cmd->pool, name, ": not a number: ", arg, NULL);
    }
    if (!strcmp(name, "QuizContestMaxBody")) {
        if (v < 1024 || v > 64 * 1024 * 1024) {
            return "QuizContestMaxBody must be between 1024 and 67108864 bytes";
        }
        c->max_body = (apr_off_t)v;
    }
    else if (!strcmp(name, "QuizContestMaxUpload")) {
        if (v < 1024 || v > 256 * 1024 * 1024) {
            return "QuizContestMaxUpload must be between 1024 and 268435456 bytes";
        }
        c->max_upload = (apr_off_t)v;
    }
    else if (!strcmp(name, "QuizContestSessionLifetime")) {
        if (v < 300 || v > 30 * 86400) {
            return "QuizContestSessionLifetime must be between 300 and 2592000 seconds";
        }
        c->session_ttl = (int)v;
    }
    else if (!strcmp(name, "QuizContestBcryptCost")) {
        if (v < 4 || v > 16) {
            return "QuizContestBcryptCost must be between 4 and 16";
        }
        c->bcrypt_cost = (int)v;
    }
    else if (!strcmp(name, "QuizContestRetryAfter")) {
        if (v < 1 || v > 3600) {
            return "QuizContestRetryAfter must be between 1 and 3600 seconds";
        }
        c->retry_after = (int)v;
    }
    return NULL;
}

/* ---- jury-scored parts: where clips are streamed to, stored and served ---- */
static const char *set_clip_path(cmd_parms *cmd, void *cfg, const char *arg)
{
    qc_dir_conf *c = cfg;
    const char *path;
    if (!strcmp(cmd->cmd->name, "QuizContestClipURL")) {
        apr_size_t len = strlen(arg);
        if (arg[0] != '/' && strncmp(arg, "https://", 8) != 0 && strncmp(arg, "http://", 7) != 0) {
            return "QuizContestClipURL: give a path starting with '/' or an http(s) URL";
        }
        while (len > 1 && arg[len - 1] == '/') {
            len--;
        }
        c->clip_url = apr_pstrndup(cmd->pool, arg, len);
        return NULL;
    }
    path = ap_server_root_relative(cmd->pool, arg);
    if (!path) {
        return apr_pstrcat(cmd->pool, cmd->cmd->name, ": invalid path ", arg, NULL);
    }
    if (!strcmp(cmd->cmd->name, "QuizContestUploadDir")) {
        c->upload_dir = path;
    }
    else {
        c->clip_dir = path;
    }
    return NULL;
}

/* QuizContestXmlArena: whether libxml2 allocates from per-request arenas (lib/qc_xmlarena.h).
 * One setting for the whole server, read at start-up. */
static int xml_arena_wanted = 1;

/* QuizContestKeepConnections (see kept_connection below). One setting for the whole server. */
static int keep_connections;

/* QuizContestConcurrentPages (see page_gate below). One setting for the whole server. */
static int concurrent_pages;

/* QuizContestSaveBatch (see log_save_batching below). One setting for the whole server. */
#define QC_SAVE_BATCH_MOST 16 /* qc_attempt_autosave_batching_init's cap */
#define QC_SAVE_BATCH_DEFAULT QC_SAVE_BATCH_MOST
static int save_batch = QC_SAVE_BATCH_DEFAULT;

static const char *set_xml_arena(cmd_parms *cmd, void *cfg, int on)
{
    const char *err = ap_check_cmd_context(cmd, GLOBAL_ONLY);
    if (err) {
        return err;
    }
    xml_arena_wanted = on;
    return NULL;
}

/* A whole-server number from 0 to max: NULL when arg is one (in *out), else the message. */
static const char *server_number(cmd_parms *cmd, const char *arg, long max, int *out)
{
    const char *err = ap_check_cmd_context(cmd, GLOBAL_ONLY);
    char *end;
    long v;
    if (err) {
        return err;
    }
    v = strtol(arg, &end, 10);
    if (*arg == '\0' || *end != '\0' || v < 0 || v > max) {
        return apr_psprintf(cmd->pool, "%s must be a number from 0 to %ld", cmd->cmd->name, max);
    }
    *out = (int)v;
    return NULL;
}

/* A whole-server count from 0 to 10000 (QuizContestKeepConnections, QuizContestConcurrentPages):
 * the directive's table entry names the int it sets. */
static const char *set_server_count(cmd_parms *cmd, void *cfg, const char *arg)
{
    return server_number(cmd, arg, 10000, (int *)cmd->info);
}

/* QuizContestSaveBatch: up to the largest batched statement (qc_attempt.h). */
static const char *set_save_batch(cmd_parms *cmd, void *cfg, const char *arg)
{
    return server_number(cmd, arg, QC_SAVE_BATCH_MOST, &save_batch);
}

/* The directive table. conf/quizcontest.conf documents each of these; the test
 * tests/http/test_conf_reference.py fails when the two drift apart. */
static const command_rec qc_directives[] = {
    AP_INIT_TAKE1("QuizContest", set_contest, NULL, OR_OPTIONS,
                  "the code of the contest this location serves"),
    AP_INIT_TAKE1("QuizContestArea", set_area, NULL, OR_OPTIONS,
                  "who this location serves: contestant, secretariat or jury"),
    AP_INIT_TAKE1("QuizContestStylesheetDir", set_theme_path, NULL, OR_OPTIONS,
                  "directory of the page stylesheets (layout.xsl and one per page)"),
    AP_INIT_TAKE1("QuizContestLayout", set_theme_path, NULL, OR_OPTIONS,
                  "a layout stylesheet that replaces layout.xsl (the portal's look)"),
    AP_INIT_TAKE1("QuizContestMessages", set_theme_path, NULL, OR_OPTIONS,
                  "a messages file whose texts replace those of messages.xml"),
    AP_INIT_TAKE1("QuizContestStaticURL", set_url, NULL, OR_OPTIONS,
                  "URL path where the module's CSS and JavaScript are served"),
    AP_INIT_TAKE1("QuizContestThemeCSS", set_url, NULL, OR_OPTIONS,
                  "URL of a style sheet loaded after the module's own"),
    AP_INIT_TAKE1("QuizContestContestantURL", set_url, NULL, OR_OPTIONS,
                  "URL of the contestant area, for links from the other areas"),
    AP_INIT_TAKE1("QuizContestCookieName", set_cookie_name, NULL, OR_OPTIONS,
                  "name of the session cookie"),
    AP_INIT_TAKE1("QuizContestCookieSecure", set_cookie_secure, NULL, OR_OPTIONS,
                  "On, Off or Auto: mark cookies Secure (and use the __Host- prefix)"),
    AP_INIT_TAKE1("QuizContestMaxBody", set_number, NULL, OR_OPTIONS,
                  "largest request body accepted, in bytes"),
    AP_INIT_TAKE1("QuizContestMaxUpload", set_number, NULL, OR_OPTIONS,
                  "largest file upload (multipart body) accepted in the secretariat area"),
    AP_INIT_TAKE1("QuizContestSessionLifetime", set_number, NULL, OR_OPTIONS,
                  "how long a login lasts, in seconds"),
    AP_INIT_TAKE1("QuizContestBcryptCost", set_number, NULL, OR_OPTIONS,
                  "bcrypt cost of new password hashes (4-16)"),
    AP_INIT_TAKE1("QuizContestRetryAfter", set_number, NULL, OR_OPTIONS,
                  "seconds in Retry-After when the database is unavailable"),
    /* ---- jury-scored parts ---- */
    AP_INIT_TAKE1("QuizContestUploadDir", set_clip_path, NULL, OR_OPTIONS,
                  "directory where clip uploads are streamed to while they arrive"),
    AP_INIT_TAKE1("QuizContestClipDir", set_clip_path, NULL, OR_OPTIONS,
                  "directory where accepted clips are stored (Apache serves it)"),
    AP_INIT_TAKE1("QuizContestClipURL", set_clip_path, NULL, OR_OPTIONS,
                  "URL at which Apache serves QuizContestClipDir"),
    /* ---- the whole server ---- */
    AP_INIT_FLAG("QuizContestXmlArena", set_xml_arena, NULL, RSRC_CONF,
                 "On (default) or Off: libxml2 allocates a page's memory from a per-request arena"),
    AP_INIT_TAKE1("QuizContestKeepConnections", set_server_count, &keep_connections, RSRC_CONF,
                  "how many worker threads of a process keep their database connection "
                  "(less than DBDMax; default 0)"),
    AP_INIT_TAKE1("QuizContestConcurrentPages", set_server_count, &concurrent_pages, RSRC_CONF,
                  "how many contestant pages a process builds at once; the others wait their "
                  "turn (default 0: no limit)"),
    AP_INIT_TAKE1("QuizContestSaveBatch", set_save_batch, NULL, RSRC_CONF,
                  "at most how many answers saved at the same moment a process writes in one "
                  "statement (default 16, the most; 0 or 1: each save alone)"),
    {NULL}};

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

/* ---- themes: compiled stylesheets and messages, per process --------------------------- */

typedef struct {
    qc_xslt_set_t *xslt;
    qc_messages_t *messages;
} qc_theme;

static apr_hash_t *themes;              /* key -> qc_theme*, built in the parent */
static apr_pool_t *themes_pool;         /* where child-compiled themes live */
static apr_thread_mutex_t *themes_lock; /* NULL in the parent (single-threaded) */

static const char *theme_dir(const qc_dir_conf *c)
{
    return c->stylesheet_dir ? c->stylesheet_dir : QC_DATADIR "/xslt";
}

static const char *theme_key(apr_pool_t *p, const qc_dir_conf *c)
{
    return apr_pstrcat(p, theme_dir(c), "\n", c->layout ? c->layout : "", "\n",
                       c->messages ? c->messages : "", NULL);
}

static apr_status_t theme_compile(apr_pool_t *p, const qc_dir_conf *c, qc_theme **out,
                                  const char **errmsg)
{
    qc_theme *t = apr_pcalloc(p, sizeof(*t));
    const char *dir = theme_dir(c);
    /* compiled stylesheets live as long as the process: never in a request's arena */
    qc_xmlarena_t *held = qc_xmlarena_suspend();
    apr_status_t rv = qc_xslt_compile(p, dir, c->layout, &t->xslt, errmsg);
    if (rv == APR_SUCCESS) {
        rv = qc_messages_load(p, apr_pstrcat(p, dir, "/messages.xml", NULL), c->messages,
                              &t->messages, errmsg);
    }
    qc_xmlarena_resume(held);
    if (rv == APR_SUCCESS) {
        *out = t;
    }
    return rv;
}

/* The theme of a request: precompiled in the parent (inherited by fork), or compiled once in
 * this process for a combination of directives only a merge produced. */
static qc_theme *theme_for(request_rec *r, const qc_dir_conf *c)
{
    const char *key = theme_key(r->pool, c);
    qc_theme *t;
    const char *errmsg = NULL;
    if (themes_lock) {
        apr_thread_mutex_lock(themes_lock);
    }
    t = apr_hash_get(themes, key, APR_HASH_KEY_STRING);
    if (!t) {
        apr_pool_t *tp;
        apr_pool_create(&tp, themes_pool);
        if (theme_compile(tp, c, &t, &errmsg) == APR_SUCCESS) {
            apr_hash_set(themes, apr_pstrdup(tp, key), APR_HASH_KEY_STRING, t);
        }
        else {
            ap_log_rerror(APLOG_MARK, APLOG_ERR, 0, r, "QC00001: %s", errmsg);
            apr_pool_destroy(tp);
            t = NULL;
        }
    }
    if (themes_lock) {
        apr_thread_mutex_unlock(themes_lock);
    }
    return t;
}

/* ---- the database, through mod_dbd ----------------------------------------------------- */

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

typedef struct {
    request_rec *r;
    qc_db_t *db;
    int kept; /* db is this thread's kept connection */
} db_baton_t;

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
static __thread kept_conn_t *kept_here; /* this thread's (&keeps_none: it may not keep) */
static kept_conn_t keeps_none;          /* its s is NULL: no request's server */
static kept_conn_t *kept_all;           /* this process's, released at its end */
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
    kept_conn_t *k = kept_here;
    if (!k) {
        if (!kept_lock || apr_atomic_inc32(&kept_count) >= (apr_uint32_t)keep_connections) {
            if (kept_lock) {
                apr_atomic_dec32(&kept_count);
            }
            kept_here = &keeps_none; /* asked once per thread, not on every request */
            return NULL;
        }
        k = calloc(1, sizeof(*k));
        if (!k) {
            apr_atomic_dec32(&kept_count);
            kept_here = &keeps_none;
            return NULL;
        }
        k->s = r->server;
        apr_thread_mutex_lock(kept_lock);
        k->next = kept_all;
        kept_all = k;
        apr_thread_mutex_unlock(kept_lock);
        kept_here = k;
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

static apr_status_t get_db(void *baton, qc_db_t **out)
{
    db_baton_t *b = baton;
    ap_dbd_t *dbd = NULL;
    int i;
    if (b->db) {
        *out = b->db;
        return APR_SUCCESS;
    }
    if (keep_connections > 0) {
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
static void finish_kept_connection(request_rec *r, db_baton_t *b, int rc)
{
    if (!b->kept || !b->db) {
        return;
    }
    qc_db_rollback(b->db, r->pool);
    if ((r->status >= 500 || rc >= 500) && kept_here) {
        kept_here->suspect = 1;
    }
}

/* ---- request helpers ------------------------------------------------------------------- */

static int is_https(request_rec *r)
{
    return !strcmp(ap_http_scheme(r), "https");
}

static int cookies_secure(request_rec *r, const qc_dir_conf *c)
{
    int mode = c->cookie_secure == QC_UNSET ? QC_COOKIE_SECURE_AUTO : c->cookie_secure;
    return mode == QC_COOKIE_SECURE_AUTO ? is_https(r) : mode;
}

/* Cookie names: with Secure, the __Host- prefix binds the cookie to this host and Path=/. */
static const char *cookie_name(request_rec *r, const qc_dir_conf *c, const char *logical)
{
    const char *base = c->cookie_name ? c->cookie_name : "qc_session";
    const char *name =
        !strcmp(logical, "session") ? base : apr_pstrcat(r->pool, base, "_csrf", NULL);
    return cookies_secure(r, c) ? apr_pstrcat(r->pool, "__Host-", name, NULL) : name;
}

static const char *read_cookie(request_rec *r, const qc_dir_conf *c, const char *logical)
{
    const char *v = NULL;
    if (ap_cookie_read(r, cookie_name(r, c, logical), &v, 0) != APR_SUCCESS || !v || !*v) {
        return NULL;
    }
    return v;
}

static void write_cookie(request_rec *r, const qc_dir_conf *c, const qc_app_cookie_t *k)
{
    int secure = cookies_secure(r, c);
    const char *path = secure ? "/" : (c->location && *c->location ? c->location : "/");
    const char *v =
        apr_psprintf(r->pool, "%s=%s; Path=%s; HttpOnly; SameSite=Lax%s%s",
                     cookie_name(r, c, k->name), k->value, path, secure ? "; Secure" : "",
                     k->max_age >= 0 ? apr_psprintf(r->pool, "; Max-Age=%d", k->max_age) : "");
    apr_table_addn(r->err_headers_out, "Set-Cookie", v);
}

/* Read a request body: urlencoded of at most `limit` bytes, or (where uploads are allowed,
 * upload_limit > 0) multipart/form-data of at most `upload_limit` bytes, whose boundary is
 * returned in *boundary. Returns OK, or the HTTP status to answer: 413 over the limit, 415
 * for another media type, 400 for a broken transfer. */
static int read_body(request_rec *r, apr_off_t limit, apr_off_t upload_limit, const char **data,
                     apr_size_t *len, const char **boundary)
{
    const char *ct = apr_table_get(r->headers_in, "Content-Type");
    const char *cl = apr_table_get(r->headers_in, "Content-Length");
    char *buf;
    apr_size_t used = 0;
    apr_off_t announced = -1;
    long got = 0;
    int rc;

    *boundary = NULL;
    if (upload_limit > 0 && ct && (*boundary = qc_multipart_boundary(r->pool, ct)) != NULL) {
        limit = upload_limit;
    }
    if (cl) {
        char *end;
        apr_off_t n;
        if (apr_strtoff(&n, cl, &end, 10) != APR_SUCCESS || *end || n < 0) {
            return HTTP_BAD_REQUEST;
        }
        if (n > limit) {
            return HTTP_REQUEST_ENTITY_TOO_LARGE;
        }
        announced = n;
    }
    if (!*boundary && (!ct || strncasecmp(ct, "application/x-www-form-urlencoded", 33) != 0)) {
        return HTTP_UNSUPPORTED_MEDIA_TYPE;
    }
    rc = ap_setup_client_block(r, REQUEST_CHUNKED_DECHUNK);
    if (rc != OK) {
        return rc;
    }
    /* a body of announced length needs no buffer of the whole limit */
    if (announced >= 0) {
        limit = announced;
    }
    buf = apr_palloc(r->pool, (apr_size_t)limit + 1);
    if (ap_should_client_block(r)) {
        while (used <= (apr_size_t)limit &&
               (got = ap_get_client_block(r, buf + used, (apr_size_t)limit + 1 - used)) > 0) {
            used += (apr_size_t)got;
            if ((apr_off_t)used > limit) {
                return HTTP_REQUEST_ENTITY_TOO_LARGE;
            }
        }
        if (got < 0) {
            return HTTP_BAD_REQUEST;
        }
    }
    buf[used] = '\0';
    *data = buf;
    *len = used;
    return OK;
}

/* ---- jury-scored parts: a multipart body streamed to disk ---------------------------------
 * The unit area's entry form carries a video of up to the contest's limit. Its body is read in
 * chunks and parsed as it arrives (qc_mpstream): the file part goes straight into a temporary
 * file in QuizContestUploadDir, text fields (small) into a table. Never is the whole body in
 * memory. The temporary file is removed when the request ends (the application moves it
 * first when it keeps it). */

#define QC_STREAM_MAX_FIELDS (64 * 1024)

typedef struct {
    request_rec *r;
    const char *dir;
    apr_off_t limit;
    apr_table_t *fields;
    apr_size_t field_bytes;
    apr_array_header_t *spooled;
    /* the part being read */
    const char *name;
    qc_spooled_t *file;
    apr_file_t *fh;
    char *text;
    apr_size_t tlen;
} spool_t;

static apr_status_t remove_temp(void *path)
{
    apr_file_remove(path, NULL);
    return APR_SUCCESS;
}

static apr_status_t spool_begin(void *baton, const char *name, const char *filename,
                                const char *content_type)
{
    spool_t *sp = baton;
    sp->name = name;
    sp->tlen = 0;
    sp->file = NULL;
    if (!filename) {
        sp->text = apr_palloc(sp->r->pool, QC_STREAM_MAX_FIELDS + 1);
        return APR_SUCCESS;
    }
    if (sp->spooled->nelts > 0) {
        return QC_EINPUT; /* one file a request */
    }
    sp->file = apr_array_push(sp->spooled);
    sp->file->field = name;
    sp->file->filename =
        qc_utf8_is_valid_text(filename, strlen(filename)) ? qc_utf8_nfc(sp->r->pool, filename) : "";
    sp->file->content_type = content_type;
    sp->file->size = 0;
    {
        char *tmpl = apr_pstrcat(sp->r->pool, sp->dir, "/upload-XXXXXX", NULL);
        apr_status_t rv = apr_file_mktemp(&sp->fh, tmpl,
                                          APR_FOPEN_CREATE | APR_FOPEN_WRITE | APR_FOPEN_EXCL |
                                              APR_FOPEN_BINARY | APR_FOPEN_BUFFERED,
                                          sp->r->pool);
        if (rv != APR_SUCCESS) {
            ap_log_rerror(APLOG_MARK, APLOG_ERR, rv, sp->r,
                          "QC00703: cannot create a temporary file in QuizContestUploadDir %s: "
                          "check that it exists and Apache's user may write to it",
                          sp->dir);
            return APR_EGENERAL;
        }
        sp->file->path = tmpl;
        apr_pool_cleanup_register(sp->r->pool, tmpl, remove_temp, apr_pool_cleanup_null);
    }
    return APR_SUCCESS;
}

static apr_status_t spool_data(void *baton, const char *buf, apr_size_t len)
{
    spool_t *sp = baton;
    if (sp->file) {
        apr_size_t n = len;
        sp->file->size += (apr_off_t)len;
        if (sp->file->size > sp->limit) {
            return QC_ETOOLARGE;
        }
        return apr_file_write_full(sp->fh, buf, n, NULL);
    }
    if (sp->field_bytes + sp->tlen + len > QC_STREAM_MAX_FIELDS) {
        return QC_ETOOLARGE;
    }
    memcpy(sp->text + sp->tlen, buf, len);
    sp->tlen += len;
    return APR_SUCCESS;
}

static apr_status_t spool_end(void *baton)
{
    spool_t *sp = baton;
    if (sp->file) {
        apr_status_t rv = apr_file_close(sp->fh);
        sp->fh = NULL;
        sp->file = NULL;
        return rv;
    }
    sp->text[sp->tlen] = '\0';
    if (!qc_utf8_is_valid_text(sp->name, strlen(sp->name)) ||
        !qc_utf8_is_valid_text(sp->text, sp->tlen)) {
        return QC_EBADUTF8;
    }
    sp->field_bytes += sp->tlen;
    apr_table_add(sp->fields, sp->name, qc_utf8_nfc(sp->r->pool, sp->text));
    return APR_SUCCESS;
}

/* Stream a multipart body; returns OK or the HTTP status to answer (with *key the message). */
static int stream_body(request_rec *r, const char *boundary, const char *dir, apr_off_t limit,
                       apr_table_t **fields, apr_array_header_t **spooled, const char **key)
{
    static const qc_mpstream_handler_t handler = {spool_begin, spool_data, spool_end};
    const char *cl = apr_table_get(r->headers_in, "Content-Length");
    spool_t sp;
    qc_mpstream_t *mp;
    char *buf;
    long got;
    apr_status_t rv = APR_SUCCESS;
    int rc;

    *key = "err.http.400";
    if (cl) {
        char *end;
        apr_off_t n;
        if (apr_strtoff(&n, cl, &end, 10) != APR_SUCCESS || *end || n < 0) {
            return HTTP_BAD_REQUEST;
        }
        /* the file and a little room for the form's fields and boundaries */
        if (n > limit + QC_STREAM_MAX_FIELDS) {
            *key = "jury.err.too_large";
            return HTTP_REQUEST_ENTITY_TOO_LARGE;
        }
    }
    memset(&sp, 0, sizeof(sp));
    sp.r = r;
    sp.dir = dir;
    sp.limit = limit;
    sp.fields = apr_table_make(r->pool, 8);
    sp.spooled = apr_array_make(r->pool, 1, sizeof(qc_spooled_t));
    mp = qc_mpstream_create(r->pool, boundary, &handler, &sp);
    rc = ap_setup_client_block(r, REQUEST_CHUNKED_DECHUNK);
    if (rc != OK) {
        return rc;
    }
    buf = apr_palloc(r->pool, 65536);
    if (ap_should_client_block(r)) {
        while ((got = ap_get_client_block(r, buf, 65536)) > 0) {
            rv = qc_mpstream_feed(mp, buf, (apr_size_t)got);
            if (rv != APR_SUCCESS) {
                break;
            }
        }
        if (got < 0) {
            rv = QC_EINPUT; /* a broken transfer */
        }
    }
    if (rv == APR_SUCCESS) {
        rv = qc_mpstream_finish(mp);
    }
    if (sp.fh) {
        apr_file_close(sp.fh);
    }
    if (rv == QC_ETOOLARGE) {
        *key = "jury.err.too_large";
        return HTTP_REQUEST_ENTITY_TOO_LARGE;
    }
    if (rv == QC_EBADUTF8) {
        *key = "err.http.400.utf8";
        return HTTP_BAD_REQUEST;
    }
    if (rv != APR_SUCCESS) {
        /* a body that is not well-formed, or the temporary file could not be written */
        return rv == QC_EINPUT ? HTTP_BAD_REQUEST : HTTP_INTERNAL_SERVER_ERROR;
    }
    *fields = sp.fields;
    *spooled = sp.spooled;
    return OK;
}

static void set_common_headers(request_rec *r, int cacheable_s)
{
    apr_table_t *h = r->headers_out;
    apr_table_setn(h, "X-Content-Type-Options", "nosniff");
    apr_table_setn(h, "Referrer-Policy", "same-origin");
    apr_table_setn(h, "Content-Security-Policy",
                   "default-src 'self'; img-src 'self' data:; style-src 'self'; "
                   "script-src 'self'; frame-ancestors 'self'; form-action 'self'; "
                   "base-uri 'none'; object-src 'none'");
    if (cacheable_s > 0) {
        apr_table_setn(h, "Cache-Control",
                       apr_psprintf(r->pool, "public, max-age=%d", cacheable_s));
        /* a shared cache keeps the answer to visitors without cookies apart */
        apr_table_mergen(h, "Vary", "Cookie");
    }
    else {
        apr_table_setn(h, "Cache-Control", "no-store");
    }
}

/* ---- the public page cache (issue 7) ------------------------------------------------------ */

/* A page the application marks cacheable (resp->cacheable_s > 0: the same for every visitor
 * without a session, e.g. the contest's home page) is kept by each process for that long, so
 * a burst of visitors costs one rendering per second and process instead of one each. Only
 * GET and HEAD requests without a query string and without a session cookie are served from
 * it; a copy is stored only when the application marked the answer cacheable. When a copy
 * has expired, one thread renders it again while the others go on serving the old copy, for
 * at most PAGE_CACHE_STALE_S seconds more. At most PAGE_CACHE_MAX pages per process. */
#define PAGE_CACHE_STALE_S 10
#define PAGE_CACHE_MAX 64

typedef struct {
    char *body; /* malloc'ed; NULL until the first copy */
    apr_size_t len;
    char media[96];
    int max_age;
    apr_time_t expires;
    int refreshing;  /* a thread is rendering a new copy */
    int uncacheable; /* the last rendering gave nothing to keep: nobody waits for one */
} page_cache_entry;

static apr_hash_t *page_cache; /* key -> entry, in page_cache_pool; per process */
static apr_pool_t *page_cache_pool;
static apr_thread_mutex_t *page_cache_lock; /* NULL when the process has one thread */
static apr_thread_cond_t *page_cache_done;  /* a first copy was rendered (or failed) */

/* How long a request for the contest's home page waits for another thread's first copy
 * before it renders the page itself: a burst on a process without a copy (just started)
 * renders it once, not once per thread (its counts take a tenth of a second at 100,000
 * contestants). Other pages are not waited for: most of them are never kept. */
#define PAGE_CACHE_FIRST_WAIT apr_time_from_sec(3)

static void page_cache_lock_(void)
{
    if (page_cache_lock) {
        apr_thread_mutex_lock(page_cache_lock);
    }
}

static void page_cache_unlock_(void)
{
    if (page_cache_lock) {
        apr_thread_mutex_unlock(page_cache_lock);
    }
}

/* The copies are malloc'ed (each replaced one is freed at once): free them with the pool. */
static apr_status_t page_cache_cleanup(void *data)
{
    apr_hash_index_t *hi;
    for (hi = apr_hash_first(NULL, page_cache); page_cache && hi; hi = apr_hash_next(hi)) {
        page_cache_entry *e = apr_hash_this_val(hi);
        free(e->body);
        e->body = NULL;
    }
    page_cache = NULL;
    return APR_SUCCESS;
}

/* The key of a request the cache may answer, or NULL. */
static const char *page_cache_key(request_rec *r, const qc_app_request_t *req)
{
    if (!page_cache || r->method_number != M_GET || r->args || req->session_token ||
        req->cfg->area != QC_AREA_CONTESTANT) {
        return NULL;
    }
    return apr_psprintf(r->pool, "%pp\n%s\n%s", (void *)r->server, req->cfg->base_path, req->path);
}

/* Serve the request from the cache when it holds a fresh copy (or an expired one that
 * another thread is renewing); otherwise return 0, with *claimed set when this request is to
 * renew the copy. */
static int page_cache_serve(request_rec *r, const char *key, int wait_for_first, int *claimed)
{
    page_cache_entry *e;
    apr_time_t now = apr_time_now();
    char *body = NULL;
    apr_size_t len = 0;
    const char *media = NULL;
    int max_age = 0;

    *claimed = 0;
    page_cache_lock_();
    e = apr_hash_get(page_cache, key, APR_HASH_KEY_STRING);
    if (!e && wait_for_first && page_cache_done && apr_hash_count(page_cache) < PAGE_CACHE_MAX) {
        /* the first request for this page renders it; the others wait for its copy */
        e = apr_pcalloc(page_cache_pool, sizeof(*e));
        apr_hash_set(page_cache, apr_pstrdup(page_cache_pool, key), APR_HASH_KEY_STRING, e);
        e->refreshing = 1;
        *claimed = 1;
    }
    else if (e && !e->body && e->refreshing && !e->uncacheable && page_cache_done) {
        apr_time_t until = now + PAGE_CACHE_FIRST_WAIT;
        while (!e->body && e->refreshing && apr_time_now() < until) {
            apr_thread_cond_timedwait(page_cache_done, page_cache_lock, until - apr_time_now());
        }
        now = apr_time_now();
    }
    if (e && e->body) {
        if (now < e->expires ||
            (e->refreshing && now < e->expires + apr_time_from_sec(PAGE_CACHE_STALE_S))) {
            body = apr_pmemdup(r->pool, e->body, e->len);
            len = e->len;
            media = apr_pstrdup(r->pool, e->media);
            max_age = e->max_age;
        }
        else if (!e->refreshing) {
            e->refreshing = 1;
            *claimed = 1;
        }
    }
    page_cache_unlock_();
    if (!body) {
        return 0;
    }
    set_common_headers(r, max_age);
    r->status = HTTP_OK;
    ap_set_content_type(r, media);
    if (!r->header_only) {
        ap_rwrite(body, (int)len, r);
    }
    return 1;
}

/* Keep what was just sent (when out is not NULL), and end this request's claim. */
static void page_cache_store(const char *key, int claimed, const char *out, apr_size_t len,
                             const char *media, int max_age)
{
    page_cache_entry *e;
    page_cache_lock_();
    e = apr_hash_get(page_cache, key, APR_HASH_KEY_STRING);
    if (out && !e && apr_hash_count(page_cache) < PAGE_CACHE_MAX) {
        e = apr_pcalloc(page_cache_pool, sizeof(*e));
        apr_hash_set(page_cache, apr_pstrdup(page_cache_pool, key), APR_HASH_KEY_STRING, e);
    }
    if (e && out && strlen(media) < sizeof(e->media)) {
        char *copy = malloc(len ? len : 1);
        if (copy) {
            memcpy(copy, out, len);
            free(e->body);
            e->body = copy;
            e->len = len;
            apr_cpystrn(e->media, media, sizeof(e->media));
            e->max_age = max_age;
            e->expires = apr_time_now() + apr_time_from_sec(max_age);
            e->uncacheable = 0;
        }
    }
    if (e && claimed) {
        if (!out && !e->body) {
            e->uncacheable = 1; /* e.g. a page with a form (its CSRF cookie): never kept */
        }
        e->refreshing = 0;
        if (page_cache_done) {
            apr_thread_cond_broadcast(page_cache_done);
        }
    }
    page_cache_unlock_();
}

/* Send what the application answered: a page rendered by its stylesheet (or its XML with
 * ?format=xml), a redirect, or a raw body. */
static int send_response(request_rec *r, const qc_dir_conf *c, qc_app_request_t *req,
                         qc_app_response_t *resp, const char *cache_key, int claimed)
{
    const char *out = NULL, *media = NULL, *errmsg = NULL;
    apr_size_t len = 0;
    int i;

    for (i = 0; resp->cookies && i < resp->cookies->nelts; i++) {
        write_cookie(r, c, &APR_ARRAY_IDX(resp->cookies, i, qc_app_cookie_t));
    }
    if (resp->retry_after_s > 0) {
        apr_table_setn(r->err_headers_out, "Retry-After", apr_itoa(r->pool, resp->retry_after_s));
    }
    set_common_headers(r, resp->cacheable_s);
    if (resp->location) {
        apr_table_setn(r->headers_out, "Location", resp->location);
        r->status = resp->status ? resp->status : HTTP_SEE_OTHER;
        ap_set_content_type(r, "text/plain; charset=utf-8");
        return OK;
    }
    if (resp->body && resp->download_name) {
        apr_table_setn(r->headers_out, "Content-Disposition",
                       apr_psprintf(r->pool, "attachment; filename=\"%s\"", resp->download_name));
    }
    if (resp->body) {
        out = resp->body;
        len = resp->body_len;
        media = resp->content_type ? resp->content_type : "text/plain; charset=utf-8";
    }
    else if (resp->doc && req->want_xml) {
        out = qc_xml_serialise(r->pool, resp->doc, &len);
        media = "application/xml; charset=utf-8";
    }
    else if (resp->doc) {
        qc_theme *t = theme_for(r, c);
        if (!t) {
            return HTTP_INTERNAL_SERVER_ERROR;
        }
        if (qc_xslt_render(r->pool, t->xslt, resp->page, resp->doc, t->messages, &out, &len, &media,
                           &errmsg) != APR_SUCCESS) {
            ap_log_rerror(APLOG_MARK, APLOG_ERR, 0, r, "QC00004: %s", errmsg);
            return HTTP_INTERNAL_SERVER_ERROR;
        }
        media = apr_pstrcat(r->pool, media, "; charset=utf-8", NULL);
    }
    r->status = resp->status ? resp->status : HTTP_OK;
    if (media) {
        ap_set_content_type(r, media);
    }
    if (cache_key) {
        int keep = resp->cacheable_s > 0 && r->status == HTTP_OK && out && media &&
                   !resp->location && !resp->body && !req->want_xml &&
                   (!resp->cookies || resp->cookies->nelts == 0);
        page_cache_store(cache_key, claimed, keep ? out : NULL, len, media, resp->cacheable_s);
    }
    if (out && !r->header_only) {
        ap_rwrite(out, (int)len, r);
    }
    return OK;
}

/* The periodic sweep that finalises attempts nobody submitted: at most once a minute per
 * process, piggybacked on a request that already holds a connection. */
static volatile apr_uint32_t last_sweep_minute;

static void maybe_sweep(request_rec *r, db_baton_t *b)
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
        ap_log_error(APLOG_MARK, APLOG_INFO, 0, (server_rec *)data,
                     "QC00020: page gate of %d: %" APR_UINT64_T_FMT
                     " page(s) built at once, %" APR_UINT64_T_FMT
                     " after waiting their turn, %" APR_UINT64_T_FMT
                     " without a slot after waiting 1 s",
                     concurrent_pages, st.entered_at_once, st.entered_after_wait, st.gave_up);
        page_gate = NULL;
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

static int handle_request(request_rec *r, qc_dir_conf *c, db_baton_t *baton);

/* The handler: the request (handle_request), then the end of a kept database connection's
 * use. In the contestant area, handle_request builds and renders the page in one arena
 * (lib/qc_xmlarena.h), opened and closed there on the request's thread: those are the pages
 * served by the thousand. The other areas (uploads parsed and validated, exports) are the
 * secretariat's and the jury's, rare and varied: they keep plain malloc. */
static int qc_handler(request_rec *r)
{
    db_baton_t baton;
    int rc;
    if (!r->handler || strcmp(r->handler, "quizcontest") != 0) {
        return DECLINED;
    }
    memset(&baton, 0, sizeof(baton));
    baton.r = r;
    rc = handle_request(r, ap_get_module_config(r->per_dir_config, &quizcontest_module), &baton);
    finish_kept_connection(r, &baton, rc);
    return rc;
}

static int handle_request(request_rec *r, qc_dir_conf *c, db_baton_t *db_baton)
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
    cfg->area = c->area == QC_UNSET ? QC_AREA_CONTESTANT : (qc_area_t)c->area;
    cfg->base_path = c->location && strcmp(c->location, "/") ? c->location : "";
    cfg->static_url = c->static_url ? c->static_url : QC_DEFAULT_STATIC_URL;
    cfg->theme_css = c->theme_css;
    cfg->contestant_url = c->contestant_url;
    cfg->session_ttl_s = c->session_ttl == QC_UNSET ? QC_DEFAULT_SESSION_TTL : c->session_ttl;
    cfg->bcrypt_cost = c->bcrypt_cost == QC_UNSET ? QC_DEFAULT_BCRYPT_COST : c->bcrypt_cost;
    cfg->db_retry_after_s = c->retry_after == QC_UNSET ? QC_DEFAULT_RETRY_AFTER : c->retry_after;
    cfg->clip_dir = c->clip_dir;
    cfg->clip_url = c->clip_url;

    req.pool = r->pool;
    req.cfg = cfg;
    req.method = r->method;
    req.client_ip = r->useragent_ip;
    req.remote_user = r->user;
    if (cfg->area != QC_AREA_CONTESTANT) {
        qc_theme *t = theme_for(r, c);
        req.messages = t ? t->messages : NULL;
    }
    req.get_db = get_db;
    req.db_baton = db_baton;
    req.session_token = read_cookie(r, c, "session");
    req.csrf_cookie = read_cookie(r, c, "csrf");

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
        return send_response(r, c, &req, &resp, NULL, 0);
    }
    req.want_xml = !strcmp(qc_form_get(r->pool, req.query, "format"), "xml");

    if (!c->contest) {
        ap_log_rerror(APLOG_MARK, APLOG_ERR, 0, r,
                      "QC00006: SetHandler quizcontest at %s without QuizContest: name the "
                      "contest this location serves",
                      cfg->base_path);
        qc_app_error(&req, &resp, HTTP_INTERNAL_SERVER_ERROR, "err.http.500");
        return send_response(r, c, &req, &resp, NULL, 0);
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
        return send_response(r, c, &req, &resp, NULL, 0);
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
            return send_response(r, c, &req, &resp, NULL, 0);
        }
        rv = qc_app_upload_limit(&req, &limit);
        if (rv != APR_SUCCESS) {
            qc_app_error(&req, &resp,
                         rv == QC_ENOTFOUND ? HTTP_NOT_FOUND : HTTP_SERVICE_UNAVAILABLE,
                         rv == QC_ENOTFOUND ? "jury.err.no_clips" : "err.http.503");
            return send_response(r, c, &req, &resp, NULL, 0);
        }
        rc = stream_body(
            r, qc_multipart_boundary(r->pool, apr_table_get(r->headers_in, "Content-Type")),
            c->upload_dir, limit, &req.form, &req.spooled, &key);
        if (rc != OK) {
            qc_app_error(&req, &resp, rc, key);
            if (rc == HTTP_REQUEST_ENTITY_TOO_LARGE) {
                r->connection->keepalive = AP_CONN_CLOSE;
            }
            return send_response(r, c, &req, &resp, NULL, 0);
        }
    }
    else if (r->method_number == M_POST) {
        const char *data = NULL;
        apr_size_t len = 0;
        apr_off_t limit = c->max_body == QC_UNSET ? QC_DEFAULT_MAX_BODY : c->max_body;
        apr_off_t upload_limit = cfg->area == QC_AREA_CONTESTANT ? 0
                                 : c->max_upload == QC_UNSET     ? QC_DEFAULT_MAX_UPLOAD
                                                                 : c->max_upload;
        const char *boundary = NULL;
        apr_status_t rv;
        rc = read_body(r, limit, upload_limit, &data, &len, &boundary);
        if (rc != OK) {
            qc_app_error(&req, &resp, rc,
                         rc == HTTP_REQUEST_ENTITY_TOO_LARGE ? "err.http.413"
                         : rc == HTTP_UNSUPPORTED_MEDIA_TYPE ? "err.http.415"
                                                             : "err.http.400");
            if (rc == HTTP_REQUEST_ENTITY_TOO_LARGE) {
                r->connection->keepalive = AP_CONN_CLOSE;
            }
            return send_response(r, c, &req, &resp, NULL, 0);
        }
        rv = boundary ? qc_multipart_parse(r->pool, boundary, data, len, &req.form, &req.uploads)
                      : qc_form_parse(r->pool, data, len, &req.form);
        if (rv != APR_SUCCESS) {
            qc_app_error(&req, &resp, HTTP_BAD_REQUEST,
                         rv == QC_EBADUTF8 ? "err.http.400.utf8" : "err.http.400");
            return send_response(r, c, &req, &resp, NULL, 0);
        }
    }
    else if (r->method_number != M_GET) {
        r->allowed = (AP_METHOD_BIT << M_GET) | (AP_METHOD_BIT << M_POST);
        qc_app_error(&req, &resp, HTTP_METHOD_NOT_ALLOWED, "err.http.405");
        apr_table_setn(r->err_headers_out, "Allow", "GET, HEAD, POST");
        return send_response(r, c, &req, &resp, NULL, 0);
    }

    cache_key = page_cache_key(r, &req);
    if (cache_key && page_cache_serve(r, cache_key, !*req.path, &claimed)) {
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
    rc = send_response(r, c, &req, &resp, cache_key, claimed);
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
    configured_themes = NULL;
    themes = NULL;
    xml_arena_wanted = 1;
    keep_connections = 0;
    concurrent_pages = 0;
    save_batch = QC_SAVE_BATCH_DEFAULT;
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
    qc_dir_conf defaults;
    qc_theme *t;
    const char *errmsg = NULL;
    int i;

    if (ap_state_query(AP_SQ_MAIN_STATE) == AP_SQ_MS_CREATE_PRE_CONFIG) {
        return OK; /* the first, dry pass over the configuration */
    }
    log_server = s;
    qc_log_set(log_forward, log_enabled, s);
    /* before libxml2 makes anything of ours: the allocator the arenas need */
    qc_xmlarena_uninstall(); /* a restart may have changed QuizContestXmlArena */
    if (xml_arena_wanted) {
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

    if (keep_connections > 0) {
        /* a kept connection is never handed back: with as many kept as DBDMax allows, the
         * other threads would wait for one forever. Fail at start instead. */
        int dbd_max_seen = smallest_dbd_max(ap_conftree, 1);
        if (keep_connections >= dbd_max_seen) {
            ap_log_error(APLOG_MARK, APLOG_CRIT, 0, s,
                         "QC00016: QuizContestKeepConnections %d must be less than DBDMax "
                         "(%d here; mod_dbd's default is 10): raise DBDMax or lower it",
                         keep_connections, dbd_max_seen);
            return HTTP_INTERNAL_SERVER_ERROR;
        }
    }

    dbd_acquire = APR_RETRIEVE_OPTIONAL_FN(ap_dbd_acquire);
    if (!dbd_acquire) {
        ap_log_error(APLOG_MARK, APLOG_CRIT, 0, s,
                     "QC00010: mod_quizcontest needs mod_dbd: load it (a2enmod dbd, or "
                     "LoadModule dbd_module) and configure DBDriver mysql and DBDParams");
        return HTTP_INTERNAL_SERVER_ERROR;
    }

    /* compile the default theme and every configured one now: fail at start, not later */
    themes_pool = pconf;
    themes = apr_hash_make(pconf);
    memset(&defaults, 0, sizeof(defaults));
    {
        /* the installed stylesheets; a build-tree setup may name its own directory instead */
        apr_finfo_t fi;
        int installed = apr_stat(&fi, theme_dir(&defaults), APR_FINFO_TYPE, ptemp) == APR_SUCCESS;
        if (installed || !configured_themes) {
            if (theme_compile(pconf, &defaults, &t, &errmsg) != APR_SUCCESS) {
                ap_log_error(APLOG_MARK, APLOG_CRIT, 0, s, "QC00011: %s", errmsg);
                return HTTP_INTERNAL_SERVER_ERROR;
            }
            apr_hash_set(themes, theme_key(pconf, &defaults), APR_HASH_KEY_STRING, t);
        }
    }
    for (i = 0; configured_themes && i < configured_themes->nelts; i++) {
        qc_dir_conf *c = APR_ARRAY_IDX(configured_themes, i, qc_dir_conf *);
        const char *key = theme_key(pconf, c);
        if (apr_hash_get(themes, key, APR_HASH_KEY_STRING)) {
            continue;
        }
        if (theme_compile(pconf, c, &t, &errmsg) != APR_SUCCESS) {
            ap_log_error(APLOG_MARK, APLOG_CRIT, 0, s, "QC00012: %s", errmsg);
            return HTTP_INTERNAL_SERVER_ERROR;
        }
        apr_hash_set(themes, key, APR_HASH_KEY_STRING, t);
    }
    ap_log_error(APLOG_MARK, APLOG_INFO, 0, s,
                 "QC00013: mod_quizcontest ready: %d theme(s) compiled; page memory from %s",
                 (int)apr_hash_count(themes),
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
    /* themes compiled later in this child go to a pool of the child's own */
    apr_pool_create(&p, pchild);
    themes_pool = p;
    if (threaded &&
        apr_thread_mutex_create(&themes_lock, APR_THREAD_MUTEX_DEFAULT, pchild) != APR_SUCCESS) {
        ap_log_error(APLOG_MARK, APLOG_CRIT, 0, s, "QC00014: cannot create the theme lock");
    }
    /* the public page cache of this process; without its lock (threads) it stays off */
    apr_pool_create(&page_cache_pool, pchild);
    page_cache = NULL;
    page_cache_done = NULL;
    if (!threaded || (apr_thread_mutex_create(&page_cache_lock, APR_THREAD_MUTEX_DEFAULT, pchild) ==
                          APR_SUCCESS &&
                      apr_thread_cond_create(&page_cache_done, pchild) == APR_SUCCESS)) {
        page_cache = apr_hash_make(page_cache_pool);
        apr_pool_cleanup_register(page_cache_pool, NULL, page_cache_cleanup, apr_pool_cleanup_null);
    }
    else {
        ap_log_error(APLOG_MARK, APLOG_ERR, 0, s,
                     "QC00900: cannot create the page cache lock: public pages are not cached");
    }
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
    kept_all = NULL;
    kept_count = 0;
    kept_lock = NULL;
    if (keep_connections > 0) {
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
    /* the page gate: threads only (a process of one thread builds one page at a time) */
    page_gate = NULL;
    if (concurrent_pages > 0 && threaded) {
        apr_status_t rv = qc_gate_create(pchild, (unsigned)concurrent_pages, &page_gate);
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
    /* answers saved together: threads only (a process of one thread saves one at a time) */
    {
        apr_status_t rv = qc_attempt_autosave_batching_init(
            pchild, threaded && save_batch >= 2 ? (unsigned)save_batch : 0);
        if (rv == APR_SUCCESS) {
            apr_pool_pre_cleanup_register(pchild, s, log_save_batching);
        }
        else {
            ap_log_error(APLOG_MARK, APLOG_ERR, rv, s,
                         "QC00023: cannot create the batching of saves: each answer is saved "
                         "alone");
        }
    }
    /* ---- load benchmark, writes (issue 7): the bank each start draws from ---- */
    apr_pool_create(&p, pchild);
    if (qc_attempt_bank_cache_init(p, threaded) != APR_SUCCESS) {
        ap_log_error(APLOG_MARK, APLOG_ERR, 0, s,
                     "QC01010: cannot create the question bank cache lock: every start reads "
                     "the bank from the database");
    }
}

/* ---- load benchmark, writes (issue 7): no file-system walk for the module's URLs ----------
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
    STANDARD20_MODULE_STUFF,    create_dir_conf, merge_dir_conf, NULL, NULL, qc_directives,
    qc_register_hooks,
#if defined(AP_MODULE_FLAG_ALWAYS_MERGE)
    AP_MODULE_FLAG_ALWAYS_MERGE
#endif
};
