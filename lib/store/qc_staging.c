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
     " filename, content) VALUES (%s, %s, %s, UTC_TIMESTAMP(3), %s, %s, %s)"},
    {"qc_staging_delete", "DELETE FROM qc_import_staging WHERE token_hash = %s"},
    {"qc_staging_purge",
     "DELETE FROM qc_import_staging WHERE created_at < UTC_TIMESTAMP(3) - INTERVAL 1 DAY"
     " LIMIT 100"},
    /* the BLOB's bytes are not NUL-terminated by the driver, so its length comes along */
    {"qc_staging_get",
     "SELECT format, filename, content, OCTET_LENGTH(content) FROM qc_import_staging"
     " WHERE token_hash = %s AND contest_id = %s"
     " AND created_at > UTC_TIMESTAMP(3) - INTERVAL 1 DAY"},
    {NULL, NULL}};

static const char *token_hash(apr_pool_t *p, const char *token)
{
    return qc_util_sha256_hex(p, token, strlen(token));
}

apr_status_t qc_staging_put(qc_db_t *db, apr_pool_t *p, const char *contest_id, const char *actor,
                            const char *format, const char *filename, const char *data,
                            apr_size_t len, const char **token)
{
    const char *t = qc_util_random_token(p);
    apr_status_t rv;
    if (!t) {
        return APR_EGENERAL;
    }
    qc_db_exec(db, p, "qc_staging_purge", 0, NULL, NULL); /* housekeeping: may fail alone */
    rv = qc_db_exec(db, p, "qc_staging_insert",
                    QC_ARGS(token_hash(p, t), contest_id, actor, format, filename,
                            apr_pstrmemdup(p, data, len)),
                    NULL);
    if (rv == APR_SUCCESS) {
        *token = t;
    }
    return rv;
}

apr_status_t qc_staging_get(qc_db_t *db, apr_pool_t *p, const char *contest_id, const char *token,
                            qc_staged_t **out)
{
    qc_rows_t *rows;
    qc_staged_t *s;
    apr_int64_t len = 0;
    apr_status_t rv;
    if (!token || !*token) {
        return QC_ENOTFOUND;
    }
    rv = qc_db_select(db, p, "qc_staging_get", QC_ARGS(token_hash(p, token), contest_id), &rows);
    if (rv != APR_SUCCESS) {
        return rv;
    }
    if (rows->nrows == 0) {
        return QC_ENOTFOUND;
    }
    s = apr_pcalloc(p, sizeof(*s));
    s->format = qc_rows_get(rows, 0, 0);
    s->filename = qc_rows_get(rows, 0, 1);
    s->content = qc_rows_get(rows, 0, 2);
    if (!s->content ||
        qc_util_parse_int64(qc_rows_get(rows, 0, 3), 0, APR_INT64_C(1) << 40, &len) !=
            APR_SUCCESS ||
        (apr_size_t)len > strlen(s->content)) {
        return QC_EDB; /* kept bytes the driver did not hand back whole */
    }
    s->len = (apr_size_t)len;
    *out = s;
    return APR_SUCCESS;
}

apr_status_t qc_staging_claim(qc_db_t *db, apr_pool_t *p, const char *token, int *claimed)
{
    *claimed = 0;
    return qc_db_exec(db, p, "qc_staging_delete", QC_ARGS(token_hash(p, token)), claimed);
}
