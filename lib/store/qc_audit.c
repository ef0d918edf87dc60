/* The secretariat's audit log. */
#include <apr_strings.h>
#include "qc_audit.h"
#include "qc_util.h"

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
                           apr_int64_t before_id, qc_rows_t **rows)
{
    const char *before =
        qc_util_i64(p, before_id > 0 ? before_id : APR_INT64_C(9223372036854775807));
    return qc_db_select(db, p, "qc_audit_list", QC_ARGS(contest_id, before), rows);
}
