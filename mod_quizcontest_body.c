/*
 * mod_quizcontest_body.c: what a request brings: its body, read whole (urlencoded, or a
 * secretariat's multipart upload) or streamed to disk (a unit's clip), and its cookies.
 */
#include <string.h>

#include "httpd.h"
#include "http_log.h"
#include "http_protocol.h"
#include "util_cookies.h"

#include <apr_file_io.h>
#include <apr_strings.h>

#include "qc_app.h"
#include "qc_multipart.h"
#include "qc_mpstream.h"
#include "qc_status.h"
#include "qc_utf8.h"

#include "mod_quizcontest_body.h"
#include "mod_quizcontest_config.h"

APLOG_USE_MODULE(quizcontest);

/* ---- cookies ----------------------------------------------------------------------------- */

static int is_https(request_rec *r)
{
    return !strcmp(ap_http_scheme(r), "https");
}

static int cookies_secure(request_rec *r, const qc_dir_conf *c)
{
    int mode = qc_conf_cookie_secure(c);
    return mode == QC_COOKIE_SECURE_AUTO ? is_https(r) : mode;
}

/* Cookie names: with Secure, the __Host- prefix binds the cookie to this host and Path=/. */
static const char *cookie_name(request_rec *r, const qc_dir_conf *c, const char *logical)
{
    const char *base = qc_conf_cookie_name(c);
    const char *name =
        !strcmp(logical, "session") ? base : apr_pstrcat(r->pool, base, "_csrf", NULL);
    return cookies_secure(r, c) ? apr_pstrcat(r->pool, "__Host-", name, NULL) : name;
}

const char *qc_cookie_read(request_rec *r, const qc_dir_conf *c, const char *logical)
{
    const char *v = NULL;
    if (ap_cookie_read(r, cookie_name(r, c, logical), &v, 0) != APR_SUCCESS || !v || !*v) {
        return NULL;
    }
    return v;
}

void qc_cookie_write(request_rec *r, const qc_dir_conf *c, const qc_app_cookie_t *k)
{
    int secure = cookies_secure(r, c);
    const char *path = secure ? "/" : (c->location && *c->location ? c->location : "/");
    const char *v =
        apr_psprintf(r->pool, "%s=%s; Path=%s; HttpOnly; SameSite=Lax%s%s",
                     cookie_name(r, c, k->name), k->value, path, secure ? "; Secure" : "",
                     k->max_age >= 0 ? apr_psprintf(r->pool, "; Max-Age=%d", k->max_age) : "");
    apr_table_addn(r->err_headers_out, "Set-Cookie", v);
}

/* ---- a body read whole -------------------------------------------------------------- */

int qc_body_read(request_rec *r, apr_off_t limit, apr_off_t upload_limit, const char **data,
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
int qc_body_stream(request_rec *r, const char *boundary, const char *dir, apr_off_t limit,
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
