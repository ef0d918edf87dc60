#include <string.h>
#include <apr_strings.h>
#include "qc_session.h"
#include "qc_status.h"
#include "qc_util.h"

static int plausible_token(const char *token)
{
    const char *s;
    if (!token || strlen(token) != 43) {
        return 0;
    }
    for (s = token; *s; s++) {
        if (!((*s >= 'A' && *s <= 'Z') || (*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') ||
              *s == '-' || *s == '_')) {
            return 0;
        }
    }
    return 1;
}

static apr_status_t lookup(qc_db_t *db, apr_pool_t *p, const char *label,
                           const char *contest, const char *token, qc_session_t **out)
{
    qc_rows_t *rows;
    qc_session_t *s;
    const char *hash;
    apr_status_t rv;
    if (!plausible_token(token)) {
        return QC_ENOTFOUND;
    }
    hash = qc_util_sha256_hex(p, token, strlen(token));
    rv = qc_db_select(db, p, label, QC_ARGS(hash, contest), &rows);
    if (rv != APR_SUCCESS) {
        return rv;
    }
    if (rows->nrows == 0) {
        return QC_ENOTFOUND;
    }
    s = apr_pcalloc(p, sizeof(*s));
    s->token_hash = hash;
    s->contestant_id = rows->rows[0][0];
    s->csrf = rows->rows[0][1];
    s->full_name = rows->rows[0][2];
    s->phone = rows->rows[0][3];
    s->unit_id = rows->rows[0][4];
    s->group_id = rows->rows[0][5];
    *out = s;
    return APR_SUCCESS;
}

apr_status_t qc_session_lookup(qc_db_t *db, apr_pool_t *p, const char *contest_id,
                               const char *token, qc_session_t **out)
{
    return lookup(db, p, "qc_session_lookup", contest_id, token, out);
}

apr_status_t qc_session_lookup_by_code(qc_db_t *db, apr_pool_t *p, const char *contest_code,
                                       const char *token, qc_session_t **out)
{
    return lookup(db, p, "qc_session_lookup_by_code", contest_code, token, out);
}

apr_status_t qc_session_create(qc_db_t *db, apr_pool_t *p, const char *contest_id,
                               const char *contestant_id, int ttl_s, const char **token,
                               const char **csrf)
{
    const char *t = qc_util_random_token(p);
    const char *c = qc_util_random_token(p);
    if (!t || !c) {
        return APR_EGENERAL;
    }
    *token = t;
    *csrf = c;
    return qc_db_exec(db, p, "qc_session_insert",
                      QC_ARGS(qc_util_sha256_hex(p, t, strlen(t)), contest_id, contestant_id, c,
                              apr_itoa(p, ttl_s)),
                      NULL);
}

apr_status_t qc_session_destroy(qc_db_t *db, apr_pool_t *p, const char *token)
{
    if (!plausible_token(token)) {
        return APR_SUCCESS;
    }
    return qc_db_exec(db, p, "qc_session_delete",
                      QC_ARGS(qc_util_sha256_hex(p, token, strlen(token))), NULL);
}
