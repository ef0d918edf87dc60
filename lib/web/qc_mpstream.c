/* A streaming multipart/form-data parser: a small state machine over a bounded buffer. The
 * delimiter searched for is CRLF "--" boundary; the body is read as if it began with CRLF,
 * so the first boundary needs no special case. */
#include <string.h>
#include <apr_strings.h>
#include <apr_lib.h>
#include "qc_mpstream.h"
#include "qc_multipart.h"
#include "qc_status.h"

#define QC_MPSTREAM_MAX_PARTS 64

enum { PREAMBLE, AFTER_DELIM, HEADERS, BODY, DONE };

struct qc_mpstream {
    apr_pool_t *p;
    const qc_mpstream_handler_t *h;
    void *baton;
    char *delim;
    apr_size_t dlen;
    int state, parts;
    char buf[QC_MPSTREAM_BUFFER];
    apr_size_t used;
};

static const char *find(const char *hay, apr_size_t hlen, const char *needle, apr_size_t nlen)
{
    const char *s = hay, *end = hay + hlen;
    while (nlen <= (apr_size_t)(end - s) &&
           (s = memchr(s, needle[0], (apr_size_t)(end - s) - nlen + 1)) != NULL) {
        if (!memcmp(s, needle, nlen)) {
            return s;
        }
        s++;
    }
    return NULL;
}

static void consume(qc_mpstream_t *s, apr_size_t n)
{
    memmove(s->buf, s->buf + n, s->used - n);
    s->used -= n;
}

static apr_status_t headers(qc_mpstream_t *s, char *block)
{
    char *line, *state = NULL;
    const char *name = NULL, *filename = NULL, *ctype = "";
    for (line = apr_strtok(block, "\r\n", &state); line; line = apr_strtok(NULL, "\r\n", &state)) {
        char *colon = strchr(line, ':');
        char *v;
        if (!colon) {
            return QC_EINPUT;
        }
        *colon = '\0';
        for (v = colon + 1; *v == ' ' || *v == '\t'; v++) {
        }
        if (!strcasecmp(line, "Content-Disposition")) {
            if (strncasecmp(v, "form-data", 9) != 0) {
                return QC_EINPUT;
            }
            name = qc_multipart_header_param(s->p, v, "name");
            filename = qc_multipart_header_param(s->p, v, "filename");
        }
        else if (!strcasecmp(line, "Content-Type")) {
            ctype = apr_pstrdup(s->p, v);
        }
    }
    if (!name || !*name || ++s->parts > QC_MPSTREAM_MAX_PARTS) {
        return QC_EINPUT;
    }
    if (filename) {
        /* no directories (old browsers send C:\path\name) */
        const char *slash = strrchr(filename, '/'), *back = strrchr(filename, '\\');
        if (back > slash) {
            slash = back;
        }
        filename = slash ? slash + 1 : filename;
    }
    return s->h->begin(s->baton, name, filename, ctype);
}

/* Parse what the buffer holds; leaves only bytes that may still be the start of a
 * delimiter (or of headers). */
static apr_status_t process(qc_mpstream_t *s)
{
    apr_status_t rv;
    for (;;) {
        const char *at;
        switch (s->state) {
        case PREAMBLE:
            at = find(s->buf, s->used, s->delim, s->dlen);
            if (!at) {
                if (s->used >= s->dlen) {
                    consume(s, s->used - (s->dlen - 1));
                }
                return APR_SUCCESS;
            }
            consume(s, (apr_size_t)(at - s->buf) + s->dlen);
            s->state = AFTER_DELIM;
            break;
        case AFTER_DELIM:
            if (s->used < 2) {
                return APR_SUCCESS;
            }
            if (s->buf[0] == '-' && s->buf[1] == '-') {
                s->state = DONE;
                s->used = 0;
                return APR_SUCCESS;
            }
            if (s->buf[0] != '\r' || s->buf[1] != '\n') {
                return QC_EINPUT;
            }
            consume(s, 2);
            s->state = HEADERS;
            break;
        case HEADERS: {
            apr_size_t hlen;
            if (s->used >= 2 && s->buf[0] == '\r' && s->buf[1] == '\n') {
                return QC_EINPUT; /* a part without headers has no name */
            }
            at = find(s->buf, s->used, "\r\n\r\n", 4);
            if (!at) {
                return s->used == sizeof(s->buf) ? QC_EINPUT : APR_SUCCESS;
            }
            hlen = (apr_size_t)(at - s->buf);
            rv = headers(s, apr_pstrmemdup(s->p, s->buf, hlen));
            if (rv != APR_SUCCESS) {
                return rv;
            }
            consume(s, hlen + 4);
            s->state = BODY;
            break;
        }
        case BODY:
            at = find(s->buf, s->used, s->delim, s->dlen);
            if (!at) {
                if (s->used >= s->dlen) {
                    apr_size_t safe = s->used - (s->dlen - 1);
                    rv = s->h->data(s->baton, s->buf, safe);
                    if (rv != APR_SUCCESS) {
                        return rv;
                    }
                    consume(s, safe);
                }
                return APR_SUCCESS;
            }
            if (at > s->buf) {
                rv = s->h->data(s->baton, s->buf, (apr_size_t)(at - s->buf));
                if (rv != APR_SUCCESS) {
                    return rv;
                }
            }
            rv = s->h->end(s->baton);
            if (rv != APR_SUCCESS) {
                return rv;
            }
            consume(s, (apr_size_t)(at - s->buf) + s->dlen);
            s->state = AFTER_DELIM;
            break;
        default:
            s->used = 0;
            return APR_SUCCESS;
        }
    }
}

qc_mpstream_t *qc_mpstream_create(apr_pool_t *p, const char *boundary,
                                  const qc_mpstream_handler_t *h, void *baton)
{
    qc_mpstream_t *s = apr_pcalloc(p, sizeof(*s));
    s->p = p;
    s->h = h;
    s->baton = baton;
    s->delim = apr_pstrcat(p, "\r\n--", boundary, NULL);
    s->dlen = strlen(s->delim);
    s->state = PREAMBLE;
    memcpy(s->buf, "\r\n", 2);
    s->used = 2;
    return s;
}

apr_status_t qc_mpstream_feed(qc_mpstream_t *s, const char *data, apr_size_t len)
{
    while (len > 0) {
        apr_size_t n = sizeof(s->buf) - s->used;
        apr_status_t rv;
        if (n == 0) {
            return QC_EINPUT;
        }
        if (n > len) {
            n = len;
        }
        memcpy(s->buf + s->used, data, n);
        s->used += n;
        data += n;
        len -= n;
        rv = process(s);
        if (rv != APR_SUCCESS) {
            return rv;
        }
    }
    return APR_SUCCESS;
}

apr_status_t qc_mpstream_finish(qc_mpstream_t *s)
{
    return s->state == DONE ? APR_SUCCESS : QC_EINPUT;
}
