/* Uploads between preview and confirmation (see qc_staging.h). */
#include <string.h>
#include <apr_strings.h>
#include "qc_sql.h"
#include "qc_staging.h"
#include "qc_status.h"
#include "qc_util.h"

const qc_sql_statement_t qc_staging_statements[] = {
    {"qc_staging_insert",
     "INSERT INTO qc_import_staging (token_hash, contest_id, actor, created_at, format,"
     " filename, content) VALUES (%s, %s, %s, UTC_TIMESTAMP(3), %s, %s, UNHEX(%s))"},
    /* the bytes go in as hexadecimal, in pieces (PUT_PIECE_BYTES): the driver's arguments are
     * C strings, and an upload (an .xlsx) may hold NUL bytes; one 10 MiB upload in hex would
     * pass max_allowed_packet */
    {"qc_staging_append", "UPDATE qc_import_staging SET content = CONCAT(content, UNHEX(%s))"
                          " WHERE token_hash = %s"},
    {"qc_staging_delete", "DELETE FROM qc_import_staging WHERE token_hash = %s"},
    {"qc_staging_purge",
     "DELETE FROM qc_import_staging WHERE created_at < UTC_TIMESTAMP(3) - INTERVAL 1 DAY"
     " LIMIT 100"},
    /* the upload's size first, then its bytes in pieces (qc_staging_piece): apr_dbd_mysql
     * binds a result column of a BLOB into a buffer of its fldsz (1 MiB by default) and cuts
     * what is longer, so a whole 10 MiB file cannot come back in one value */
    {"qc_staging_get", "SELECT format, filename, OCTET_LENGTH(content) FROM qc_import_staging"
                       " WHERE token_hash = %s AND contest_id = %s"
                       " AND created_at > UTC_TIMESTAMP(3) - INTERVAL 1 DAY"},
    /* in hexadecimal: the driver's value is a C string, and an upload may hold NUL bytes */
    {"qc_staging_piece", "SELECT HEX(SUBSTRING(content, %s, %s)) FROM qc_import_staging"
                         " WHERE token_hash = %s AND contest_id = %s"},
    {NULL, NULL}};

static const char *token_hash(apr_pool_t *p, const char *token)
{
    return qc_util_sha256_hex(p, token, strlen(token));
}

/* Bytes of an upload written in one statement (twice as many in hexadecimal). */
#define PUT_PIECE_BYTES (1024 * 1024)

static const char *hex_of(apr_pool_t *p, const char *data, apr_size_t n)
{
    static const char digits[] = "0123456789ABCDEF";
    char *h = apr_palloc(p, 2 * n + 1);
    apr_size_t i;
    for (i = 0; i < n; i++) {
        h[2 * i] = digits[(unsigned char)data[i] >> 4];
        h[2 * i + 1] = digits[(unsigned char)data[i] & 15];
    }
    h[2 * n] = '\0';
    return h;
}

apr_status_t qc_staging_put(qc_db_t *db, apr_pool_t *p, const char *contest_id, const char *actor,
                            const char *format, const char *filename, const char *data,
                            apr_size_t len, const char **token)
{
    const char *t = qc_util_random_token(p);
    const char *hash;
    apr_size_t at = len < PUT_PIECE_BYTES ? len : PUT_PIECE_BYTES;
    apr_status_t rv;
    if (!t) {
        return APR_EGENERAL;
    }
    hash = token_hash(p, t);
    qc_db_exec(db, p, "qc_staging_purge", 0, NULL, NULL); /* housekeeping: may fail alone */
    rv = qc_db_exec(db, p, "qc_staging_insert",
                    QC_ARGS(hash, contest_id, actor, format, filename, hex_of(p, data, at)),
                    NULL);
    if (rv == APR_SUCCESS && at < len) {
        apr_pool_t *sp = NULL; /* a piece's hexadecimal is freed before the next one */
        rv = apr_pool_create(&sp, p);
        while (rv == APR_SUCCESS && at < len) {
            apr_size_t n = len - at < PUT_PIECE_BYTES ? len - at : PUT_PIECE_BYTES;
            rv = qc_db_exec(db, sp, "qc_staging_append",
                            QC_ARGS(hex_of(sp, data + at, n), hash), NULL);
            at += n;
            apr_pool_clear(sp);
        }
        if (sp) {
            apr_pool_destroy(sp);
        }
    }
    if (rv == APR_SUCCESS) {
        *token = t;
    }
    else {
        /* a row cut short is never confirmed (its token was not given), and is removed now */
        qc_db_exec(db, p, "qc_staging_delete", QC_ARGS(hash), NULL);
    }
    return rv;
}

/* Bytes of a staged upload read in one statement: their hexadecimal (twice as many) stays
 * below apr_dbd_mysql's default fldsz. */
#define PIECE_BYTES 262144

static int hex_value(char c)
{
    return c >= '0' && c <= '9' ? c - '0' : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

apr_status_t qc_staging_get(qc_db_t *db, apr_pool_t *p, const char *contest_id, const char *token,
                            qc_staged_t **out)
{
    qc_rows_t *rows;
    qc_staged_t *s;
    const char *hash;
    char *content;
    apr_int64_t len = 0, at;
    apr_status_t rv;
    if (!token || !*token) {
        return QC_ENOTFOUND;
    }
    hash = token_hash(p, token);
    rv = qc_db_select(db, p, "qc_staging_get", QC_ARGS(hash, contest_id), &rows);
    if (rv != APR_SUCCESS) {
        return rv;
    }
    if (rows->nrows == 0) {
        return QC_ENOTFOUND;
    }
    if (qc_util_parse_int64(qc_rows_get(rows, 0, 2), 0, APR_INT64_C(1) << 40, &len) !=
        APR_SUCCESS) {
        return QC_EDB;
    }
    s = apr_pcalloc(p, sizeof(*s));
    s->format = qc_rows_get(rows, 0, 0);
    s->filename = qc_rows_get(rows, 0, 1);
    content = apr_palloc(p, (apr_size_t)len + 1);
    for (at = 0; at < len; at += PIECE_BYTES) {
        const char *from = qc_util_i64(p, at + 1), *n = qc_util_i64(p, PIECE_BYTES);
        const char *hex;
        apr_int64_t i, want = len - at < PIECE_BYTES ? len - at : PIECE_BYTES;
        rv = qc_db_select(db, p, "qc_staging_piece", QC_ARGS(from, n, hash, contest_id), &rows);
        if (rv != APR_SUCCESS) {
            return rv;
        }
        hex = rows->nrows ? qc_rows_get(rows, 0, 0) : NULL;
        if (!hex || strlen(hex) != (apr_size_t)want * 2) {
            return QC_EDB; /* the row changed or the driver cut the piece */
        }
        for (i = 0; i < want; i++) {
            int hi = hex_value(hex[2 * i]), lo = hex_value(hex[2 * i + 1]);
            if (hi < 0 || lo < 0) {
                return QC_EDB;
            }
            content[at + i] = (char)(hi << 4 | lo);
        }
    }
    content[len] = '\0';
    s->content = content;
    s->len = (apr_size_t)len;
    *out = s;
    return APR_SUCCESS;
}

apr_status_t qc_staging_claim(qc_db_t *db, apr_pool_t *p, const char *token, int *claimed)
{
    *claimed = 0;
    return qc_db_exec(db, p, "qc_staging_delete", QC_ARGS(token_hash(p, token)), claimed);
}
