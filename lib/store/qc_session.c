#include <string.h>
#include <apr_strings.h>
#include "qc_session.h"
#include "qc_status.h"
#include "qc_util.h"
#include "qc_sql.h"

/* Sessions (primary key token_hash). */
const qc_sql_statement_t qc_session_statements[] = {
    {"qc_session_insert",
     "INSERT INTO qc_session (token_hash, contest_id, contestant_id, csrf_token, created_at,"
     " expires_at) VALUES (%s, %s, %s, %s, UTC_TIMESTAMP(3),"
     " UTC_TIMESTAMP(3) + INTERVAL %s SECOND)"},
    {"qc_session_lookup",
     "SELECT s.contestant_id, s.csrf_token, c.full_name, c.phone, c.unit_id, c.group_id"
     " FROM qc_session s JOIN qc_contestant c ON c.id = s.contestant_id"
     " WHERE s.token_hash = %s AND s.contest_id = %s AND s.expires_at > UTC_TIMESTAMP(3)"},
    {"qc_session_delete", "DELETE FROM qc_session WHERE token_hash = %s"},
    {"qc_session_delete_all", "DELETE FROM qc_session WHERE contestant_id = %s"},
    {"qc_session_purge", "DELETE FROM qc_session WHERE expires_at < UTC_TIMESTAMP(3) LIMIT 1000"},
    /* change tickets (qc_password_change, primary key token_hash; ix_password_change_*) */
    {"qc_password_change_insert",
     "INSERT INTO qc_password_change (token_hash, contest_id, contestant_id, csrf_token,"
     " created_at, expires_at) VALUES (%s, %s, %s, %s, UTC_TIMESTAMP(3),"
     " UTC_TIMESTAMP(3) + INTERVAL %s SECOND)"},
    {"qc_password_change_lookup",
     "SELECT t.contestant_id, t.csrf_token, c.full_name, c.phone, c.unit_id, c.group_id"
     " FROM qc_password_change t JOIN qc_contestant c ON c.id = t.contestant_id"
     " WHERE t.token_hash = %s AND t.contest_id = %s AND t.expires_at > UTC_TIMESTAMP(3)"},
    {"qc_password_change_delete", "DELETE FROM qc_password_change WHERE token_hash = %s"},
    {"qc_password_change_purge",
     "DELETE FROM qc_password_change WHERE expires_at < UTC_TIMESTAMP(3) LIMIT 1000"},
    {NULL, NULL}};

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

const char *qc_session_token_hash(apr_pool_t *p, const char *token)
{
    return plausible_token(token) ? qc_util_sha256_hex(p, token, strlen(token)) : NULL;
}

qc_session_t *qc_session_from_row(apr_pool_t *p, const char *token_hash, const char *const *r)
{
    qc_session_t *s;
    if (!r[0]) {
        return NULL;
    }
    s = apr_pcalloc(p, sizeof(*s));
    s->token_hash = token_hash;
    s->contestant_id = r[0];
    s->csrf = r[1];
    s->full_name = r[2];
    s->phone = r[3];
    s->unit_id = r[4];
    s->group_id = r[5];
    return s;
}

static apr_status_t lookup(qc_db_t *db, apr_pool_t *p, const char *label, const char *contest,
                           const char *token, qc_session_t **out)
{
    qc_rows_t *rows;
    const char *hash = qc_session_token_hash(p, token);
    apr_status_t rv;
    if (!hash) {
        return QC_ENOTFOUND;
    }
    rv = qc_db_select(db, p, label, QC_ARGS(hash, contest), &rows);
    if (rv != APR_SUCCESS) {
        return rv;
    }
    if (rows->nrows == 0 || !(*out = qc_session_from_row(p, hash, rows->rows[0]))) {
        return QC_ENOTFOUND;
    }
    return APR_SUCCESS;
}

apr_status_t qc_session_lookup(qc_db_t *db, apr_pool_t *p, const char *contest_id,
                               const char *token, qc_session_t **out)
{
    return lookup(db, p, "qc_session_lookup", contest_id, token, out);
}

apr_status_t qc_session_change_lookup(qc_db_t *db, apr_pool_t *p, const char *contest_id,
                                      const char *token, qc_session_t **out)
{
    apr_status_t rv = lookup(db, p, "qc_password_change_lookup", contest_id, token, out);
    if (rv == APR_SUCCESS) {
        (*out)->change_only = 1;
    }
    return rv;
}

/* A new token and CSRF token, the token's hash stored by `label`. */
static apr_status_t create(qc_db_t *db, apr_pool_t *p, const char *label, const char *contest_id,
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
    return qc_db_exec(db, p, label,
                      QC_ARGS(qc_util_sha256_hex(p, t, strlen(t)), contest_id, contestant_id, c,
                              apr_itoa(p, ttl_s)),
                      NULL);
}

apr_status_t qc_session_change_create(qc_db_t *db, apr_pool_t *p, const char *contest_id,
                                      const char *contestant_id, const char **token,
                                      const char **csrf)
{
    return create(db, p, "qc_password_change_insert", contest_id, contestant_id,
                  QC_SESSION_CHANGE_TTL_S, token, csrf);
}

apr_status_t qc_session_change_destroy(qc_db_t *db, apr_pool_t *p, const char *token)
{
    if (!plausible_token(token)) {
        return APR_SUCCESS;
    }
    return qc_db_exec(db, p, "qc_password_change_delete",
                      QC_ARGS(qc_util_sha256_hex(p, token, strlen(token))), NULL);
}

apr_status_t qc_session_create(qc_db_t *db, apr_pool_t *p, const char *contest_id,
                               const char *contestant_id, int ttl_s, const char **token,
                               const char **csrf)
{
    return create(db, p, "qc_session_insert", contest_id, contestant_id, ttl_s, token, csrf);
}

apr_status_t qc_session_destroy(qc_db_t *db, apr_pool_t *p, const char *token)
{
    if (!plausible_token(token)) {
        return APR_SUCCESS;
    }
    return qc_db_exec(db, p, "qc_session_delete",
                      QC_ARGS(qc_util_sha256_hex(p, token, strlen(token))), NULL);
}

apr_status_t qc_session_purge(qc_db_t *db, apr_pool_t *p)
{
    apr_status_t rv = qc_db_exec(db, p, "qc_session_purge", 0, NULL, NULL);
    if (rv == APR_SUCCESS) {
        rv = qc_db_exec(db, p, "qc_password_change_purge", 0, NULL, NULL);
    }
    return rv;
}
