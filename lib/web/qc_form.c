#include <string.h>
#include <apr_strings.h>
#include <apr_lib.h>
#include "qc_form.h"
#include "qc_status.h"
#include "qc_utf8.h"

static int hexval(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/* Decode one name or value in place-safe fashion into a new buffer; checks UTF-8 text. */
static apr_status_t decode(apr_pool_t *p, const char *s, apr_size_t len, const char **out)
{
    char *buf = apr_palloc(p, len + 1);
    apr_size_t i, o = 0;
    for (i = 0; i < len; i++) {
        char c = s[i];
        if (c == '+') {
            buf[o++] = ' ';
        }
        else if (c == '%') {
            int hi, lo;
            if (i + 2 >= len) {
                return QC_EINPUT;
            }
            hi = hexval(s[i + 1]);
            lo = hexval(s[i + 2]);
            if (hi < 0 || lo < 0) {
                return QC_EINPUT;
            }
            buf[o++] = (char)(hi * 16 + lo);
            i += 2;
        }
        else {
            buf[o++] = c;
        }
    }
    buf[o] = '\0';
    if (!qc_utf8_is_valid_text(buf, o)) {
        return QC_EBADUTF8;
    }
    *out = buf;
    return APR_SUCCESS;
}

apr_status_t qc_form_parse(apr_pool_t *p, const char *data, apr_size_t len, apr_table_t **fields)
{
    apr_table_t *t = apr_table_make(p, 16);
    apr_size_t pos = 0;
    int count = 0;
    while (pos < len) {
        apr_size_t end = pos, eq;
        const char *name, *value;
        apr_status_t rv;
        while (end < len && data[end] != '&') {
            end++;
        }
        if (end > pos) {
            eq = pos;
            while (eq < end && data[eq] != '=') {
                eq++;
            }
            if (++count > QC_FORM_MAX_FIELDS) {
                return QC_EINPUT;
            }
            rv = decode(p, data + pos, eq - pos, &name);
            if (rv != APR_SUCCESS) {
                return rv;
            }
            if (eq < end) {
                rv = decode(p, data + eq + 1, end - eq - 1, &value);
                if (rv != APR_SUCCESS) {
                    return rv;
                }
                value = qc_utf8_nfc(p, value);
                if (!value) {
                    return QC_EBADUTF8;
                }
            }
            else {
                value = "";
            }
            apr_table_add(t, name, value);
        }
        pos = end + 1;
    }
    *fields = t;
    return APR_SUCCESS;
}

typedef struct {
    const char *name;
    apr_array_header_t *values;
} collect_ctx_t;

static int collect(void *baton, const char *key, const char *value)
{
    collect_ctx_t *ctx = baton;
    if (strcmp(key, ctx->name) == 0) {
        APR_ARRAY_PUSH(ctx->values, const char *) = value;
    }
    return 1;
}

apr_array_header_t *qc_form_all(apr_pool_t *p, const apr_table_t *fields, const char *name)
{
    collect_ctx_t ctx;
    ctx.name = name;
    ctx.values = apr_array_make(p, 4, sizeof(const char *));
    if (fields) {
        apr_table_do(collect, &ctx, fields, name, NULL);
    }
    return ctx.values;
}

const char *qc_form_get(apr_pool_t *p, const apr_table_t *fields, const char *name)
{
    const char *v = fields ? apr_table_get(fields, name) : NULL;
    const char *start, *end;
    if (!v) {
        return "";
    }
    start = v;
    while (*start && apr_isspace(*start)) {
        start++;
    }
    end = start + strlen(start);
    while (end > start && apr_isspace(end[-1])) {
        end--;
    }
    return apr_pstrmemdup(p, start, (apr_size_t)(end - start));
}
