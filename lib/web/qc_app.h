/**
 * @file qc_app.h
 * The application behind the httpd glue: a request comes in as plain data (method, path
 * below the location, parsed form, cookies, client address, the user Apache authenticated),
 * and goes out as a response (status, a page's XML document and the stylesheet to render it
 * with, or a redirect, cookies to set, or a small raw body). The module does HTTP; this does
 * the contest. Nothing here includes an httpd header.
 */
#ifndef QC_APP_H
#define QC_APP_H

#include <apr_pools.h>
#include <apr_tables.h>
#include <libxml/tree.h>
#include "qc_db.h"
#include "qc_gate.h"

/** Which people a location serves. */
typedef enum {
    QC_AREA_CONTESTANT = 0,
    QC_AREA_SECRETARIAT = 1,
    QC_AREA_JURY = 2,
    QC_AREA_UNIT = 3 /**< a unit's representatives (jury-scored entries); user name = unit code */
} qc_area_t;

/** Per-location settings, from the module's directives (already merged). */
typedef struct {
    const char *contest_code;   /**< QuizContest */
    qc_area_t area;             /**< QuizContestArea */
    const char *base_path;      /**< the <Location> path, without trailing '/' */
    const char *static_url;     /**< QuizContestStaticURL */
    const char *theme_css;      /**< QuizContestThemeCSS, or NULL */
    const char *contestant_url; /**< QuizContestContestantURL: links from other areas */
    int session_ttl_s;          /**< QuizContestSessionLifetime */
    int session_idle_s;         /**< QuizContestSessionIdle */
    int bcrypt_cost;            /**< QuizContestBcryptCost */
    int db_retry_after_s;       /**< QuizContestRetryAfter */
    /* ---- jury-scored parts (qc_page_jury.c) ---- */
    const char *clip_dir; /**< QuizContestClipDir: where entries' files are stored */
    const char *clip_url; /**< QuizContestClipURL: where Apache serves that directory */
} qc_app_config_t;

/** A file part of a multipart POST that the module streamed to a temporary file (unit area):
 *  the application may move it; the module removes whatever is left at the request's end. */
typedef struct {
    const char *field, *filename, *content_type;
    const char *path; /**< the temporary file */
    apr_off_t size;
} qc_spooled_t;

/** How the application gets its database connection, lazily (pages that need none never
 *  touch the pool). Returns QC_EDBDOWN when the database cannot be reached. */
typedef apr_status_t qc_app_db_fn(void *baton, qc_db_t **db);

typedef struct {
    apr_pool_t *pool;
    const qc_app_config_t *cfg;
    const char *method;        /**< "GET", "HEAD" or "POST" */
    const char *path;          /**< below the location, no leading '/': "" is the home page */
    apr_table_t *query;        /**< parsed query string (never NULL) */
    apr_table_t *form;         /**< parsed urlencoded body of a POST, or NULL */
    const char *session_token; /**< the session cookie's value, or NULL */
    const char *csrf_cookie;   /**< the anonymous CSRF cookie's value, or NULL */
    const char *client_ip;
    const char *remote_user;     /**< authenticated by Apache, or NULL */
    apr_array_header_t *uploads; /**< qc_upload_t of a multipart POST (secretariat), or NULL */
    const struct qc_messages *messages; /**< the location's texts, for what lib/ words
                                             (reports, ranking reasons), or NULL */
    int want_xml;                       /**< ?format=xml: the page's XML itself */
    apr_array_header_t *spooled;        /**< qc_spooled_t of a streamed multipart POST, or NULL */
    qc_app_db_fn *get_db;
    void *db_baton;
} qc_app_request_t;

/** A cookie to set; the module adds Path, HttpOnly, SameSite and Secure. */
typedef struct {
    const char *name;  /**< logical name: "session" or "csrf" */
    const char *value; /**< "" with max_age 0 deletes it */
    int max_age;       /**< seconds; -1 for a browser-session cookie */
} qc_app_cookie_t;

typedef struct {
    int status;                  /**< HTTP status */
    const char *page;            /**< stylesheet name for doc */
    xmlDocPtr doc;               /**< the page's XML */
    const char *location;        /**< redirect target for 303 (absolute path) */
    apr_array_header_t *cookies; /**< qc_app_cookie_t */
    const char *body;            /**< a raw body instead of a page (autosave answers) */
    apr_size_t body_len;
    const char *content_type;  /**< of body */
    const char *download_name; /**< with body: sent as an attachment of this file name
                                     (ascii letters, digits, '-', '_' and '.' only) */
    int retry_after_s;         /**< > 0: send Retry-After */
    int cacheable_s;           /**< > 0: may be cached publicly this long */
    int frameable;             /**< the portal's origins (QuizContestFrameAncestors) may
                                     frame this page; every other page only 'self' */
    int db_down;               /**< the database could not be reached */
} qc_app_response_t;

/** Handle one request. Always fills resp (an error page when something failed), and
 *  returns APR_SUCCESS unless even that was impossible. */
apr_status_t qc_app_handle(qc_app_request_t *req, qc_app_response_t *resp);

/**
 * Fill resp with an error page: status and a message key of the messages file. Used by the
 * glue too (413, 400 for undecodable input, 503). Returns the page's <error> element, to which
 * a page may add detail that error.xsl shows.
 */
xmlNodePtr qc_app_error(qc_app_request_t *req, qc_app_response_t *resp, int status,
                        const char *message_key);

/** The largest file a POST to this request's location may stream to disk (the contest's
 *  clip size limit, unit area). QC_ENOTFOUND when the contest has no clip part. */
apr_status_t qc_app_upload_limit(qc_app_request_t *req, apr_off_t *limit);

/**
 * The process's queue of password checks (login): at most the gate's slots check a password
 * at once; a further login waits its turn in arrival order, at most `max_wait`, and at most
 * `max_waiting` logins wait; one that cannot is answered with the login page saying it waits
 * its turn (200, Retry-After). NULL (the default): no limit. Called once per process by the
 * module, before any request.
 */
void qc_app_set_password_gate(qc_gate_t *gate, apr_interval_time_t max_wait, unsigned max_waiting);

/** Finalise overdue attempts (a bounded batch). Called now and then by the module and by
 *  `quizcontest-admin sweep`. *finalised gets how many were. */
apr_status_t qc_app_sweep(qc_db_t *db, apr_pool_t *p, int *finalised);

#endif
