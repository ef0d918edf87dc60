/*
 * mod_quizcontest_response.c: what a request gets back: the response the application made,
 * rendered with the location's compiled stylesheets and messages (its theme) and sent with the
 * module's common headers; and the page cache, which answers a burst of visitors without a
 * session from one rendering.
 */
#include <stdlib.h>
#include <string.h>

#include "httpd.h"
#include "http_config.h"
#include "http_log.h"
#include "http_protocol.h"

#include <apr_hash.h>
#include <apr_strings.h>
#include <apr_thread_cond.h>
#include <apr_thread_mutex.h>

#include "qc_app.h"
#include "qc_messages.h"
#include "qc_xml.h"
#include "qc_xmlarena.h"
#include "qc_xslt.h"

#include "mod_quizcontest_body.h"
#include "mod_quizcontest_config.h"
#include "mod_quizcontest_response.h"

APLOG_USE_MODULE(quizcontest);

/* ---- themes: compiled stylesheets and messages, per process --------------------------- */

static apr_hash_t *themes;              /* key -> qc_theme_t*, built in the parent */
static apr_pool_t *themes_pool;         /* where child-compiled themes live */
static apr_thread_mutex_t *themes_lock; /* NULL in the parent (single-threaded) */

static const char *theme_key(apr_pool_t *p, const qc_dir_conf *c)
{
    return apr_pstrcat(p, qc_conf_stylesheet_dir(c), "\n", c->layout ? c->layout : "", "\n",
                       c->messages ? c->messages : "", NULL);
}

static apr_status_t theme_compile(apr_pool_t *p, const qc_dir_conf *c, qc_theme_t **out,
                                  const char **errmsg)
{
    qc_theme_t *t = apr_pcalloc(p, sizeof(*t));
    const char *dir = qc_conf_stylesheet_dir(c);
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
qc_theme_t *qc_theme_for(request_rec *r, const qc_dir_conf *c)
{
    const char *key = theme_key(r->pool, c);
    qc_theme_t *t;
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

/* The headers of every page. frame_origins: the origins besides 'self' that may frame this
 * page (the portal block with QuizContestFrameAncestors; already checked to be origins), or
 * NULL: only the module's own pages may frame it. */
static void set_common_headers(request_rec *r, int cacheable_s, const char *frame_origins)
{
    apr_table_t *h = r->headers_out;
    apr_table_setn(h, "X-Content-Type-Options", "nosniff");
    apr_table_setn(h, "Referrer-Policy", "same-origin");
    apr_table_setn(h, "Content-Security-Policy",
                   apr_pstrcat(r->pool,
                               "default-src 'self'; img-src 'self' data:; style-src 'self'; "
                               "script-src 'self'; frame-ancestors 'self'",
                               frame_origins ? " " : "", frame_origins ? frame_origins : "",
                               "; form-action 'self'; base-uri 'none'; object-src 'none'",
                               NULL));
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

/* ---- the public page cache -------------------------------------------------------------- */

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
const char *qc_response_cache_key(request_rec *r, const qc_app_request_t *req)
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
int qc_response_from_cache(request_rec *r, const char *key, int wait_for_first, int *claimed)
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
    set_common_headers(r, max_age, NULL);
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
int qc_response_send(request_rec *r, const qc_dir_conf *c, qc_app_request_t *req,
                     qc_app_response_t *resp, const char *cache_key, int claimed)
{
    const char *out = NULL, *media = NULL, *errmsg = NULL;
    apr_size_t len = 0;
    int i;

    for (i = 0; resp->cookies && i < resp->cookies->nelts; i++) {
        qc_cookie_write(r, c, &APR_ARRAY_IDX(resp->cookies, i, qc_app_cookie_t));
    }
    if (resp->retry_after_s > 0) {
        apr_table_setn(r->err_headers_out, "Retry-After", apr_itoa(r->pool, resp->retry_after_s));
    }
    set_common_headers(r, resp->cacheable_s,
                       resp->frameable && c->frame_ancestors ? c->frame_ancestors : NULL);
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
        qc_theme_t *t = qc_theme_for(r, c);
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

/* ---- start-up and each process's set-up --------------------------------------------------- */

void qc_themes_pre_config(void)
{
    themes = NULL;
}

int qc_themes_post_config(apr_pool_t *pconf, apr_pool_t *ptemp, server_rec *s)
{
    const apr_array_header_t *configured_themes = qc_config_themes();
    qc_dir_conf defaults;
    qc_theme_t *t;
    const char *errmsg = NULL;
    int i;

    /* compile the default theme and every configured one now: fail at start, not later */
    themes_pool = pconf;
    themes = apr_hash_make(pconf);
    memset(&defaults, 0, sizeof(defaults));
    {
        /* the installed stylesheets; a build-tree setup may name its own directory instead */
        apr_finfo_t fi;
        int installed =
            apr_stat(&fi, qc_conf_stylesheet_dir(&defaults), APR_FINFO_TYPE, ptemp) == APR_SUCCESS;
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
    return OK;
}

int qc_themes_count(void)
{
    return themes ? (int)apr_hash_count(themes) : 0;
}

void qc_themes_child_init(apr_pool_t *pchild, server_rec *s, int threaded)
{
    apr_pool_t *p;
    /* themes compiled later in this child go to a pool of the child's own */
    apr_pool_create(&p, pchild);
    themes_pool = p;
    if (threaded &&
        apr_thread_mutex_create(&themes_lock, APR_THREAD_MUTEX_DEFAULT, pchild) != APR_SUCCESS) {
        ap_log_error(APLOG_MARK, APLOG_CRIT, 0, s, "QC00014: cannot create the theme lock");
    }
}

void qc_response_cache_child_init(apr_pool_t *pchild, server_rec *s, int threaded)
{
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
}
