/* The secretariat's audit log. */
#include <apr_strings.h>
#include "qc_audit.h"
#include "qc_sql.h"
#include "qc_time.h"
#include "qc_util.h"

/* The secretariat area: audit log (ix_audit_contest_at). */
const qc_sql_statement_t qc_audit_statements[] = {
    {"qc_audit_insert",
     "INSERT INTO qc_audit (contest_id, at, actor, client_ip, action, object, before_text,"
     " after_text) VALUES (%s, UTC_TIMESTAMP(3), %s, %s, %s, %s, %s, %s)"},
    {"qc_audit_list",
     "SELECT id, at, actor, client_ip, action, object, before_text, after_text FROM qc_audit"
     " WHERE contest_id = CAST(%s AS UNSIGNED) AND id < CAST(%s AS UNSIGNED) ORDER BY id DESC "
     "LIMIT 50"},
    {NULL, NULL}};

apr_status_t qc_audit_write(qc_db_t *db, apr_pool_t *p, const char *contest_id,
                            const qc_actor_t *actor, const char *action, const char *object,
                            const char *before, const char *after)
{
    return qc_db_exec(db, p, "qc_audit_insert",
                      QC_ARGS(contest_id, actor && actor->user ? actor->user : "",
                              actor && actor->client_ip ? actor->client_ip : "", action,
                              object ? object : "", before, after),
                      NULL);
}

apr_status_t qc_audit_list(qc_db_t *db, apr_pool_t *p, const char *contest_id,
                           apr_int64_t before_id, qc_audit_entry_t **entries, int *n)
{
    const char *before =
        qc_util_i64(p, before_id > 0 ? before_id : APR_INT64_C(9223372036854775807));
    qc_audit_entry_t *e;
    qc_rows_t *rows;
    int i;
    apr_status_t rv = qc_db_select(db, p, "qc_audit_list", QC_ARGS(contest_id, before), &rows);
    if (rv != APR_SUCCESS) {
        return rv;
    }
    e = apr_pcalloc(p, sizeof(*e) * (rows->nrows + 1));
    for (i = 0; i < rows->nrows; i++) {
        const char *const *row = rows->rows[i];
        e[i].id = row[0] ? apr_atoi64(row[0]) : 0;
        e[i].has_at = qc_time_parse_db(row[1], &e[i].at_ms) == APR_SUCCESS;
        e[i].actor = row[2];
        e[i].client_ip = row[3];
        e[i].action = row[4];
        e[i].object = row[5];
        e[i].before = row[6];
        e[i].after = row[7];
    }
    *entries = e;
    *n = rows->nrows;
    return APR_SUCCESS;
}
