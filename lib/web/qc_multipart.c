/* multipart/form-data: split a body held in memory into its fields and files. */
#include <string.h>
#include <apr_strings.h>
#include <apr_lib.h>
#include "qc_multipart.h"
#include "qc_status.h"
#include "qc_utf8.h"

/* The first occurrence of needle[0..nlen) in hay[0..hlen), or NULL. */
static const char *find_bytes(const char *hay, apr_size_t hlen, const char *needle, apr_size_t nlen)
{
    const char *end = hay + hlen;
    while (hlen >= nlen) {
        const char *c = memchr(hay, needle[0], hlen - nlen + 1);
        if (!c) {
            return NULL;
        }
        if (!memcmp(c, needle, nlen)) {
            return c;
        }
        hay = c + 1;
        hlen = (apr_size_t)(end - hay);
    }
    return NULL;
}

/* The value of parameter `name` in a header value such as
 *   form-data; name="file"; filename="bank.xml"
 * unquoted (a backslash escapes the next character); NULL when absent. */
const char *qc_multipart_header_param(apr_pool_t *p, const char *value, const char *name)
{
    apr_size_t nlen = strlen(name);
    const char *s = value;
    while ((s = strchr(s, ';')) != NULL) {
        s++;
        while (*s == ' ' || *s == '\t') {
            s++;
        }
        if (!strncasecmp(s, name, nlen) && s[nlen] == '=') {
            const char *v = s + nlen + 1;
            if (*v == '"') {
                char *out = apr_palloc(p, strlen(v) + 1), *o = out;
                for (v++; *v && *v != '"'; v++) {
                    if (*v == '\\' && v[1]) {
                        v++;
                    }
                    *o++ = *v;
                }
                *o = '\0';
                return out;
            }
            return apr_pstrndup(p, v, strcspn(v, "; \t"));
        }
    }
    return NULL;
}

const char *qc_multipart_boundary(apr_pool_t *p, const char *content_type)
{
    const char *b;
    apr_size_t i, n;
    if (!content_type || strncasecmp(content_type, "multipart/form-data", 19) != 0 ||
        (content_type[19] != ';' && content_type[19] != ' ')) {
        return NULL;
    }
    b = qc_multipart_header_param(p, content_type, "boundary");
    n = b ? strlen(b) : 0;
    if (n < 1 || n > 70) {
        return NULL;
    }
    for (i = 0; i < n; i++) {
        if (!apr_isprint(b[i])) {
            return NULL;
        }
    }
    return b;
}

/* A file name as the user knows it: no directories (old browsers send C:\path\name). */
static const char *base_name(const char *name)
{
    const char *s = strrchr(name, '/'), *t = strrchr(name, '\\');
    if (t > s) {
        s = t;
    }
    return s ? s + 1 : name;
}

apr_status_t qc_multipart_parse(apr_pool_t *p, const char *boundary, const char *body,
                                apr_size_t len, apr_table_t **fields, apr_array_header_t **uploads)
{
    const char *delim = apr_pstrcat(p, "\r\n--", boundary, NULL);
    apr_size_t dlen = strlen(delim);
    const char *end = body + len, *pos;
    int parts = 0;

    *fields = apr_table_make(p, 8);
    *uploads = apr_array_make(p, 1, sizeof(qc_upload_t));

    /* the first delimiter may open the body without the CRLF before it */
    if (len >= dlen - 2 && !memcmp(body, delim + 2, dlen - 2)) {
        pos = body + dlen - 2;
    }
    else {
        const char *first = find_bytes(body, len, delim, dlen);
        if (!first) {
            return QC_EINPUT;
        }
        pos = first + dlen;
    }

    for (;;) {
        const char *headers, *hend, *data, *next, *name = NULL, *filename = NULL, *ctype = "";
        const char *line;
        /* after a delimiter: "--" closes the body, CRLF opens a part */
        if (end - pos >= 2 && pos[0] == '-' && pos[1] == '-') {
            return APR_SUCCESS;
        }
        while (pos < end && (*pos == ' ' || *pos == '\t')) {
            pos++;
        }
        if (end - pos < 2 || pos[0] != '\r' || pos[1] != '\n') {
            return QC_EINPUT;
        }
        if (++parts > QC_MULTIPART_MAX_PARTS) {
            return QC_EINPUT;
        }
        headers = pos + 2;
        hend = find_bytes(headers, (apr_size_t)(end - headers), "\r\n\r\n", 4);
        if (!hend) {
            /* a part with no header at all starts with the blank line */
            if (end - headers >= 2 && headers[0] == '\r' && headers[1] == '\n') {
                hend = headers - 2;
            }
            else {
                return QC_EINPUT;
            }
        }
        for (line = headers; line < hend;) {
            const char *eol = find_bytes(line, (apr_size_t)(hend - line) + 2, "\r\n", 2);
            char *h = apr_pstrndup(p, line, (apr_size_t)((eol ? eol : hend) - line));
            if (!strncasecmp(h, "Content-Disposition:", 20)) {
                name = qc_multipart_header_param(p, h, "name");
                filename = qc_multipart_header_param(p, h, "filename");
            }
            else if (!strncasecmp(h, "Content-Type:", 13)) {
                const char *v = h + 13;
                while (*v == ' ' || *v == '\t') {
                    v++;
                }
                ctype = v;
            }
            if (!eol) {
                break;
            }
            line = eol + 2;
        }
        data = hend + 4;
        if (data > end) {
            return QC_EINPUT;
        }
        next = find_bytes(data, (apr_size_t)(end - data), delim, dlen);
        if (!next || !name || !*name) {
            return QC_EINPUT;
        }
        if (filename) {
            qc_upload_t *u = apr_array_push(*uploads);
            const char *fname = base_name(filename);
            u->field = name;
            u->filename = qc_utf8_is_valid_text(fname, strlen(fname)) ? qc_utf8_nfc(p, fname) : "";
            u->content_type = ctype;
            u->len = (apr_size_t)(next - data);
            u->data = apr_pstrmemdup(p, data, u->len);
        }
        else {
            apr_size_t vlen = (apr_size_t)(next - data);
            if (!qc_utf8_is_valid_text(name, strlen(name)) || !qc_utf8_is_valid_text(data, vlen)) {
                return QC_EBADUTF8;
            }
            apr_table_add(*fields, name, qc_utf8_nfc(p, apr_pstrmemdup(p, data, vlen)));
        }
        pos = next + dlen;
    }
}
