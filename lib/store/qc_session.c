#include <string.h>
#include <apr_strings.h>
#include "qc_session.h"
#include "qc_status.h"
#include "qc_util.h"
#include "qc_sql.h"

/* Sessions (primary key token_hash). */
const qc_sql_statement_t qc_session_statements[] = {
    /* expires_at is the idle end (at most the lifetime), ends_at the lifetime's end.
     * Arguments: token hash, contest, contestant, csrf, idle s, lifetime s, lifetime s. */
    {"qc_session_insert",
     "INSERT INTO qc_session (token_hash, contest_id, contestant_id, csrf_token, created_at,"
     " expires_at, ends_at) VALUES (%s, %s, %s, %s, UTC_TIMESTAMP(3),"
     " UTC_TIMESTAMP(3) + INTERVAL LEAST(%s, %s) SECOND, UTC_TIMESTAMP(3) + INTERVAL %s SECOND)"},
    /* column 6: whether the idle end is due to move (less than the first argument's seconds
     * left, and the lifetime not yet reached). Arguments: seconds, token hash, contest. */
    {"qc_session_lookup",
     "SELECT s.contestant_id, s.csrf_token, c.full_name, c.phone, c.unit_id, c.group_id,"
     " s.expires_at < UTC_TIMESTAMP(3) + INTERVAL %s SECOND"
     " AND s.expires_at < COALESCE(s.ends_at, s.expires_at)"
     " FROM qc_session s JOIN qc_contestant c ON c.id = s.contestant_id"
     " WHERE s.token_hash = %s AND s.contest_id = %s AND s.expires_at > UTC_TIMESTAMP(3)"},
    /* The idle end moves to now + idle, or to the end of the contestant's open attempt and its
     * grace when later (the quiz page's saves count as use but do not move it), never past
     * the lifetime's end nor back. Arguments: idle s, token hash. */
    {"qc_session_touch",
     "UPDATE qc_session s SET s.expires_at = LEAST(COALESCE(s.ends_at, s.expires_at),"
     " GREATEST(s.expires_at, UTC_TIMESTAMP(3) + INTERVAL %s SECOND,"
     " COALESCE((SELECT MAX(a.deadline_at + INTERVAL k.grace_s SECOND) FROM qc_attempt a"
     " JOIN qc_contest k ON k.id = a.contest_id WHERE a.contestant_id = s.contestant_id"
     " AND a.contest_id = s.contest_id AND a.state = 'open'), s.expires_at)))"
     " WHERE s.token_hash = %s AND s.expires_at > UTC_TIMESTAMP(3)"},
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

/* The idle end moves at most once a minute: a page within a minute of the last move finds
 * the session's row as it was, and costs no write. */
#define QC_SESSION_TOUCH_STEP_S 60

apr_status_t qc_session_lookup(qc_db_t *db, apr_pool_t *p, const char *contest_id,
                               const char *token, int idle_s, qc_session_t **out)
{
    qc_rows_t *rows;
    const char *hash = qc_session_token_hash(p, token);
    const char *due;
    apr_status_t rv;
    if (!hash) {
        return QC_ENOTFOUND;
    }
    rv = qc_db_select(db, p, "qc_session_lookup",
                      QC_ARGS(qc_session_touch_due_s(p, idle_s), hash, contest_id),
                      &rows);
    if (rv != APR_SUCCESS) {
        return rv;
    }
    if (rows->nrows == 0 || !(*out = qc_session_from_row(p, hash, rows->rows[0]))) {
        return QC_ENOTFOUND;
    }
    due = qc_rows_get(rows, 0, 6);
    if (due && !strcmp(due, "1")) {
        return qc_session_touch(db, p, hash, idle_s);
    }
    return APR_SUCCESS;
}

const char *qc_session_touch_due_s(apr_pool_t *p, int idle_s)
{
    return apr_itoa(p, idle_s - QC_SESSION_TOUCH_STEP_S);
}

apr_status_t qc_session_touch(qc_db_t *db, apr_pool_t *p, const char *token_hash, int idle_s)
{
    return qc_db_exec(db, p, "qc_session_touch", QC_ARGS(apr_itoa(p, idle_s), token_hash), NULL);
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
                               const char *contestant_id, int ttl_s, int idle_s,
                               const char **token, const char **csrf)
{
    const char *t = qc_util_random_token(p);
    const char *c = qc_util_random_token(p);
    const char *ttl = apr_itoa(p, ttl_s);
    if (!t || !c) {
        return APR_EGENERAL;
    }
    *token = t;
    *csrf = c;
    return qc_db_exec(db, p, "qc_session_insert",
                      QC_ARGS(qc_util_sha256_hex(p, t, strlen(t)), contest_id, contestant_id, c,
                              apr_itoa(p, idle_s), ttl, ttl),
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

apr_status_t qc_session_purge(qc_db_t *db, apr_pool_t *p)
{
    apr_status_t rv = qc_db_exec(db, p, "qc_session_purge", 0, NULL, NULL);
    if (rv == APR_SUCCESS) {
        rv = qc_db_exec(db, p, "qc_password_change_purge", 0, NULL, NULL);
    }
    return rv;
}
