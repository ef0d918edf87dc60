/* Uploads between preview and confirmation (see qc_staging.h). */
#include <string.h>
#include <apr_strings.h>
#include "qc_sql.h"
#include "qc_staging.h"
#include "qc_status.h"
#include "qc_util.h"

/* The secretariat area: an upload between preview and confirmation (primary key token_hash,
 * ix_staging_created). */
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

apr_status_t qc_staging_put(qc_db_t *db, apr_pool_t *p, const char *token, const char *contest_id,
                            const char *actor, const char *format, const char *filename,
                            const char *content)
{
    apr_status_t rv = qc_db_exec(db, p, "qc_staging_purge", 0, NULL, NULL);
    if (rv == APR_SUCCESS) {
        rv = qc_db_exec(db, p, "qc_staging_insert",
                        QC_ARGS(token_hash(p, token), contest_id, actor, format, filename, content),
                        NULL);
    }
    return rv;
}

apr_status_t qc_staging_get(qc_db_t *db, apr_pool_t *p, const char *token, const char *contest_id,
                            qc_staged_t **out)
{
    qc_rows_t *rows;
    qc_staged_t *s;
    const char *content;
    apr_int64_t len;
    apr_status_t rv =
        qc_db_select(db, p, "qc_staging_get", QC_ARGS(token_hash(p, token), contest_id), &rows);
    *out = NULL;
    if (rv != APR_SUCCESS || rows->nrows == 0) {
        return rv;
    }
    content = rows->rows[0][2];
    len = rows->rows[0][3] ? apr_atoi64(rows->rows[0][3]) : -1;
    if (!content || len < 0 || (apr_size_t)len > strlen(content)) {
        return QC_EDB;
    }
    s = apr_pcalloc(p, sizeof(*s));
    s->format = rows->rows[0][0];
    s->filename = rows->rows[0][1];
    s->len = (apr_size_t)len;
    s->content = apr_pstrmemdup(p, content, s->len);
    *out = s;
    return APR_SUCCESS;
}

apr_status_t qc_staging_claim(qc_db_t *db, apr_pool_t *p, const char *token, int *claimed)
{
    int affected = 0;
    apr_status_t rv =
        qc_db_exec(db, p, "qc_staging_delete", QC_ARGS(token_hash(p, token)), &affected);
    if (claimed) {
        *claimed = affected > 0;
    }
    return rv;
}
