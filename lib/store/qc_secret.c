/* The installation's secrets (see qc_secret.h). */
#include <string.h>
#include "qc_secret.h"
#include "qc_sql.h"
#include "qc_status.h"

const qc_sql_statement_t qc_secret_statements[] = {
    /* primary key */
    {"qc_secret_get", "SELECT value FROM qc_secret WHERE name = %s"},
    {NULL, NULL}};

apr_status_t qc_secret_get(qc_db_t *db, apr_pool_t *p, const char *name, const char **value)
{
    qc_rows_t *rows;
    apr_status_t rv = qc_db_select(db, p, "qc_secret_get", QC_ARGS(name), &rows);
    if (rv != APR_SUCCESS) {
        return rv;
    }
    if (rows->nrows == 0 || !qc_rows_get(rows, 0, 0) || strlen(qc_rows_get(rows, 0, 0)) != 64) {
        return QC_ENOTFOUND;
    }
    *value = qc_rows_get(rows, 0, 0);
    return APR_SUCCESS;
}
