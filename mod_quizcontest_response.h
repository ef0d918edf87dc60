/*
 * mod_quizcontest_response.h: what a request gets back: the application's response rendered
 * with the location's theme (its compiled stylesheets and messages) and sent with the module's
 * common headers, and the page cache of public pages.
 */
#ifndef MOD_QUIZCONTEST_RESPONSE_H
#define MOD_QUIZCONTEST_RESPONSE_H

#include "httpd.h"

#include "qc_app.h"
#include "qc_messages.h"
#include "qc_xslt.h"

#include "mod_quizcontest_config.h"

/* A location's stylesheets and messages, compiled once per process and shared read-only. */
typedef struct {
    qc_xslt_set_t *xslt;
    qc_messages_t *messages;
} qc_theme_t;

/* The theme of a request: precompiled in the parent (inherited by fork), or compiled once in
 * this process for a combination of directives only a merge produced; NULL (logged, QC00001)
 * when it does not compile. */
qc_theme_t *qc_theme_for(request_rec *r, const qc_dir_conf *c);

/* pre_config: no theme compiled yet. */
void qc_themes_pre_config(void);

/* post_config: compile the default theme (when installed, or when no location names its own)
 * and every theme a location names; OK, or 500 (logged, QC00011/QC00012) for one that does not
 * compile, so a broken stylesheet stops the server at start. */
int qc_themes_post_config(apr_pool_t *pconf, apr_pool_t *ptemp, server_rec *s);

/* How many themes are compiled. */
int qc_themes_count(void);

/* child_init: the pool and (threaded MPMs) the lock of the themes this process compiles. */
void qc_themes_child_init(apr_pool_t *pchild, server_rec *s, int threaded);

/* child_init: this process's page cache; off when its lock cannot be made (QC00900). */
void qc_response_cache_child_init(apr_pool_t *pchild, server_rec *s, int threaded);

/* The page cache's key of a request it may answer (a GET of the contestant area without a
 * query string or a session), or NULL. */
const char *qc_response_cache_key(request_rec *r, const qc_app_request_t *req);

/* Serve the request from the cache when it holds a fresh copy (or an expired one that
 * another thread is renewing) and return 1; otherwise return 0, with *claimed set when this
 * request is to renew the copy. wait_for_first: wait a little for another thread's first
 * copy (the contest's home page). */
int qc_response_from_cache(request_rec *r, const char *key, int wait_for_first, int *claimed);

/* Send what the application answered: a page rendered by its stylesheet (or its XML with
 * ?format=xml), a redirect, or a raw body, with the response's cookies and the common
 * headers; with cache_key, keep a copy of a cacheable page and end this request's claim.
 * Returns the handler's return value. */
int qc_response_send(request_rec *r, const qc_dir_conf *c, qc_app_request_t *req,
                     qc_app_response_t *resp, const char *cache_key, int claimed);

#endif
