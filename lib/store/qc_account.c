#include <stdlib.h>
#include <string.h>
#include <apr_general.h>
#include <apr_md5.h>
#include <apr_strings.h>
#include "qc_account.h"
#include "qc_audit.h"
#include "qc_results.h"
#include "qc_log.h"
#include "qc_status.h"
#include "qc_throttle.h"
#include "qc_time.h"
#include "qc_utf8.h"
#include "qc_validate.h"
#include "qc_sql.h"

/* Registration, login and its throttle, passwords (uq_contestant_phone, ix_failure_*). */
const qc_sql_statement_t qc_account_statements[] = {
    {"qc_exclusion_match",
     "SELECT role FROM qc_exclusion WHERE contest_id = %s AND (phone = %s OR cccd = %s)"
     " LIMIT 1"},
    /* a name-only entry (the plans name the committee): the same name, in the unit the entry
     * names or the one below it; arguments: unit, contest, name */
    {"qc_exclusion_name_match",
     "SELECT x.full_name, x.role FROM qc_exclusion x JOIN qc_unit u ON u.id = %s"
     " LEFT JOIN qc_unit xu ON xu.contest_id = x.contest_id AND xu.code = x.unit_code"
     " WHERE x.contest_id = %s AND x.phone IS NULL AND x.cccd IS NULL AND x.full_name = %s"
     " AND (x.unit_code IS NULL OR xu.id = u.id OR xu.id = u.parent_id) LIMIT 1"},
    {"qc_contestant_phone_taken",
     "SELECT 1 FROM qc_contestant WHERE contest_id = %s AND phone = %s"},
    {"qc_contestant_cccd_taken", "SELECT 1 FROM qc_contestant WHERE contest_id = %s AND cccd = %s"},
    {"qc_unit_of_contest", "SELECT id FROM qc_unit WHERE contest_id = %s AND id = %s"},
    {"qc_group_of_contest", "SELECT id FROM qc_group WHERE contest_id = %s AND id = %s"},
    {"qc_contestant_insert",
     "INSERT INTO qc_contestant (contest_id, full_name, dob, phone, cccd, email, unit_id,"
     " group_id, password_hash) VALUES (%s, %s, %s, %s, NULLIF(%s, ''), NULLIF(%s, ''), %s,"
     " NULLIF(%s, ''), %s)"},
    /* id, hash, and for a password the secretariat set: 1, and whether it has expired */
    {"qc_contestant_by_phone", "SELECT id, password_hash, password_set_by_secretariat,"
                               " COALESCE(temp_password_expires_at <= UTC_TIMESTAMP(3), 0)"
                               " FROM qc_contestant WHERE contest_id = %s AND phone = %s"},
    /* one login's counts (qc_throttle_counts_t): of this phone from this address, of this
     * phone from every address (ix_failure_phone), and from this address for every phone
     * (ix_failure_ip), all within the window; and the database's clock */
    {"qc_login_failures",
     "SELECT COALESCE(SUM(f.client_ip = %s), 0), MAX(IF(f.client_ip = %s, f.failed_at, NULL)),"
     " COUNT(f.id), MAX(f.failed_at),"
     " (SELECT COUNT(*) FROM qc_login_failure WHERE client_ip = %s"
     "   AND failed_at > UTC_TIMESTAMP(3) - INTERVAL 15 MINUTE),"
     " UTC_TIMESTAMP(3)"
     " FROM qc_login_failure f WHERE f.contest_id = %s AND f.phone = %s"
     " AND f.failed_at > UTC_TIMESTAMP(3) - INTERVAL 15 MINUTE"},
    {"qc_login_failure_add",
     "INSERT INTO qc_login_failure (contest_id, phone, client_ip, failed_at)"
     " VALUES (%s, %s, %s, UTC_TIMESTAMP(3))"},
    {"qc_login_failure_clear", "DELETE FROM qc_login_failure WHERE contest_id = %s AND phone = %s"},
    /* a login succeeded: only its own address's failures are forgotten, so the owner's
     * login never gives a guesser elsewhere a fresh start */
    {"qc_login_failure_clear_pair",
     "DELETE FROM qc_login_failure WHERE contest_id = %s AND phone = %s AND client_ip = %s"},
    {"qc_login_failure_purge",
     "DELETE FROM qc_login_failure WHERE failed_at < UTC_TIMESTAMP(3) - INTERVAL 1 DAY"
     " LIMIT 1000"},
    {"qc_account_set_password",
     "UPDATE qc_contestant SET password_hash = %s, password_set_by_secretariat = 1,"
     " temp_password_expires_at = UTC_TIMESTAMP(3) + INTERVAL 72 HOUR"
     " WHERE contest_id = %s AND phone = %s"},
    /* the contestant changes their own password (primary key) */
    {"qc_account_for_change", "SELECT full_name, phone, cccd, password_hash FROM qc_contestant"
                              " WHERE contest_id = %s AND id = %s"},
    {"qc_account_change_password",
     "UPDATE qc_contestant SET password_hash = %s, password_set_by_secretariat = 0,"
     " temp_password_expires_at = NULL WHERE contest_id = %s AND id = %s"},
    /* ix_session_contestant, ix_password_change_contestant */
    {"qc_session_delete_others",
     "DELETE FROM qc_session WHERE contestant_id = %s AND token_hash <> %s"},
    {"qc_password_change_delete_all", "DELETE FROM qc_password_change WHERE contestant_id = %s"},
    /* uq_contestant_phone: the secretariat moves an account to another unit / group */
    {"qc_contestant_move", "UPDATE qc_contestant SET unit_id = %s, group_id = NULLIF(%s, '')"
                           " WHERE contest_id = %s AND phone = %s"},
    /* the secretariat finds an account by phone (uq_contestant_phone) or id (primary key) */
    {"qc_staff_contestant_by_phone",
     "SELECT c.id, c.full_name, c.phone, u.name, c.created_at,"
     " (SELECT COUNT(*) FROM qc_attempt a WHERE a.contestant_id = c.id), g.title"
     " FROM qc_contestant c JOIN qc_unit u ON u.id = c.unit_id"
     " LEFT JOIN qc_group g ON g.id = c.group_id WHERE c.contest_id = %s AND c.phone = %s"},
    {"qc_staff_contestant_by_id",
     "SELECT c.id, c.full_name, c.phone, u.name, c.created_at,"
     " (SELECT COUNT(*) FROM qc_attempt a WHERE a.contestant_id = c.id), g.title"
     " FROM qc_contestant c JOIN qc_unit u ON u.id = c.unit_id"
     " LEFT JOIN qc_group g ON g.id = c.group_id WHERE c.contest_id = %s AND c.id = %s"},
    {NULL, NULL}};

apr_status_t qc_account_hash_password(apr_pool_t *p, const char *password, int cost,
                                      const char **hash)
{
    unsigned char salt[16];
    char out[128];
    apr_status_t rv = apr_generate_random_bytes(salt, sizeof(salt));
    if (rv == APR_SUCCESS) {
        rv = apr_bcrypt_encode(password, (unsigned int)cost, salt, sizeof(salt), out, sizeof(out));
    }
    if (rv == APR_SUCCESS) {
        *hash = apr_pstrdup(p, out);
    }
    return rv;
}

static int exists(qc_db_t *db, apr_pool_t *p, const char *label, const char *a, const char *b,
                  apr_status_t *rv)
{
    qc_rows_t *rows;
    *rv = qc_db_select(db, p, label, QC_ARGS(a, b), &rows);
    return *rv == APR_SUCCESS && rows->nrows > 0;
}

apr_status_t qc_account_register(qc_db_t *db, apr_pool_t *p, const qc_contest_t *c,
                                 const qc_registration_t *reg, int bcrypt_cost,
                                 apr_table_t **errors, const char **contestant_id)
{
    apr_table_t *err = apr_table_make(p, 8);
    const char *name, *phone = "", *cccd = "", *email = "", *key, *hash;
    qc_date_t dob;
    qc_rows_t *rows;
    apr_status_t rv = APR_SUCCESS;
    int cccd_required = !strcmp(c->cccd_mode, "required");
    int email_required = !strcmp(c->email_mode, "required");

    *errors = err;
    /* lengths first: an over-long field costs no statement and no hash */
    {
        const char *const names[] = {"full_name", "dob",      "phone",    "cccd",     "email",
                                     "unit_id",   "group_id", "password", "password2"};
        const char *const values[] = {reg->full_name, reg->dob,      reg->phone,
                                      reg->cccd,      reg->email,    reg->unit_id,
                                      reg->group_id,  reg->password, reg->password2};
        apr_size_t i;
        for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
            if ((key = qc_validate_too_long(names[i], values[i])) != NULL) {
                /* the confirmation's message is shown with the password */
                apr_table_setn(err, i == 8 ? "password" : names[i], key);
            }
        }
        if (!apr_is_empty_table(err)) {
            return QC_EINPUT;
        }
    }
    name = qc_utf8_squeeze_space(p, reg->full_name ? reg->full_name : "");
    if ((key = qc_validate_full_name(name))) {
        apr_table_setn(err, "full_name", key);
    }
    if ((key = qc_validate_dob(reg->dob ? reg->dob : "",
                               qc_date_of_instant(c->opens_ms, c->tz_offset_min), c->min_age,
                               &dob))) {
        apr_table_setn(err, "dob", key);
    }
    if ((key = qc_validate_phone(p, reg->phone ? reg->phone : "", &phone))) {
        apr_table_setn(err, "phone", key);
    }
    if (strcmp(c->cccd_mode, "off") != 0 &&
        (key = qc_validate_cccd(p, reg->cccd ? reg->cccd : "", cccd_required, &cccd))) {
        apr_table_setn(err, "cccd", key);
    }
    if (strcmp(c->email_mode, "off") != 0 &&
        (key = qc_validate_email(p, reg->email ? reg->email : "", email_required, &email))) {
        apr_table_setn(err, "email", key);
    }
    if (!reg->unit_id || !*reg->unit_id) {
        apr_table_setn(err, "unit_id", "err.unit.required");
    }
    else if (!exists(db, p, "qc_unit_of_contest", c->id, reg->unit_id, &rv)) {
        if (rv != APR_SUCCESS) {
            return rv;
        }
        apr_table_setn(err, "unit_id", "err.unit.invalid");
    }
    if (reg->group_id && *reg->group_id) {
        if (!exists(db, p, "qc_group_of_contest", c->id, reg->group_id, &rv)) {
            if (rv != APR_SUCCESS) {
                return rv;
            }
            apr_table_setn(err, "group_id", "err.group.invalid");
        }
    }
    else if (reg->group_required) {
        apr_table_setn(err, "group_id", "err.group.required");
    }
    if ((key = qc_validate_password(
             reg->password ? reg->password : "", reg->password2 ? reg->password2 : "",
             phone && *phone ? phone : reg->phone, cccd && *cccd ? cccd : reg->cccd))) {
        apr_table_setn(err, "password", key);
    }
    if (apr_is_empty_table(err)) {
        /* the exclusion list: organising committee, secretariat, question writers, jury */
        rv = qc_db_select(db, p, "qc_exclusion_match", QC_ARGS(c->id, phone, *cccd ? cccd : NULL),
                          &rows);
        if (rv != APR_SUCCESS) {
            return rv;
        }
        if (rows->nrows > 0) {
            apr_table_setn(err, "form", "err.register.excluded");
            return QC_EINPUT;
        }
        if (exists(db, p, "qc_contestant_phone_taken", c->id, phone, &rv)) {
            apr_table_setn(err, "phone", "err.phone.taken");
        }
        if (rv != APR_SUCCESS) {
            return rv;
        }
        if (*cccd && exists(db, p, "qc_contestant_cccd_taken", c->id, cccd, &rv)) {
            apr_table_setn(err, "cccd", "err.cccd.taken");
        }
        if (rv != APR_SUCCESS) {
            return rv;
        }
    }
    if (!apr_is_empty_table(err)) {
        return QC_EINPUT;
    }
    rv = qc_account_hash_password(p, reg->password, bcrypt_cost, &hash);
    if (rv != APR_SUCCESS) {
        qc_log(QC_LOG_MARK, QC_LOG_ERR, rv, "QC00401: cannot hash a password");
        return rv;
    }
    rv = qc_db_exec(db, p, "qc_contestant_insert",
                    QC_ARGS(c->id, name, qc_date_format_iso(p, dob), phone, cccd, email,
                            reg->unit_id, reg->group_id ? reg->group_id : "", hash),
                    NULL);
    if (rv == QC_ECONFLICT) {
        /* a parallel registration with the same phone or ID won the race */
        apr_table_setn(err, "phone", "err.phone.taken");
        return QC_EINPUT;
    }
    if (rv != APR_SUCCESS) {
        return rv;
    }
    rv = qc_db_select(db, p, "qc_last_insert_id", 0, NULL, &rows);
    if (rv == APR_SUCCESS) {
        *contestant_id = qc_rows_get(rows, 0, 0);
        rv = qc_db_select(db, p, "qc_exclusion_name_match", QC_ARGS(reg->unit_id, c->id, name),
                          &rows);
    }
    if (rv == APR_SUCCESS && rows->nrows > 0) {
        /* neither refused (a namesake may take part) nor silently accepted: the secretariat
         * sees it here and in the ranking (flag exclusion-name) and confirms */
        static const qc_actor_t sys = {"system", ""};
        rv = qc_audit_write(db, p, c->id, &sys, "contestant.exclusion-name",
                            apr_pstrcat(p, "contestant ", *contestant_id, NULL), NULL,
                            apr_pstrcat(p, qc_rows_get(rows, 0, 0), " (",
                                        *qc_rows_get(rows, 0, 1) ? qc_rows_get(rows, 0, 1)
                                                                : "-",
                                        ")", NULL));
    }
    return rv;
}

/* The throttle's counts of one login, as qc_login_failures returns them. */
static apr_status_t login_counts(qc_db_t *db, apr_pool_t *p, const char *contest_id,
                                 const char *phone, const char *ip, qc_throttle_counts_t *c,
                                 apr_int64_t *now_ms)
{
    qc_rows_t *rows;
    const char *v;
    apr_status_t rv =
        qc_db_select(db, p, "qc_login_failures", QC_ARGS(ip, ip, ip, contest_id, phone), &rows);
    if (rv != APR_SUCCESS) {
        return rv;
    }
    memset(c, 0, sizeof(*c));
    c->pair_failures = atoi(qc_rows_get(rows, 0, 0));
    if ((v = qc_rows_get(rows, 0, 1)) != NULL) {
        qc_time_parse_db(v, &c->pair_last_ms);
    }
    c->account_failures = atoi(qc_rows_get(rows, 0, 2));
    if ((v = qc_rows_get(rows, 0, 3)) != NULL) {
        qc_time_parse_db(v, &c->account_last_ms);
    }
    c->address_failures = atoi(qc_rows_get(rows, 0, 4));
    *now_ms = 0;
    qc_time_parse_db(qc_rows_get(rows, 0, 5), now_ms);
    return APR_SUCCESS;
}

apr_status_t qc_account_login(qc_db_t *db, apr_pool_t *p, const qc_contest_t *c, const char *phone,
                              const char *password, const char *client_ip, int bcrypt_cost,
                              const char **contestant_id, apr_int64_t *retry_at_ms, int *delayed,
                              int *must_change)
{
    qc_rows_t *rows;
    qc_throttle_counts_t counts;
    const char *canonical = NULL, *key = phone ? phone : "";
    const char *ip = client_ip ? client_ip : "";
    apr_int64_t now = 0;
    apr_status_t rv;
    int ok;

    *retry_at_ms = 0;
    *delayed = 0;
    *must_change = 0;
    /* what no account can have costs nothing: no statement, no hash, no failure counted */
    if (qc_validate_too_long("phone", key) || qc_validate_too_long("password", password)) {
        return QC_EINPUT;
    }
    if (!qc_validate_phone(p, key, &canonical)) {
        key = canonical;
    }
    rv = login_counts(db, p, c->id, key, ip, &counts, &now);
    if (rv != APR_SUCCESS) {
        return rv;
    }
    switch (qc_throttle_login(&counts, now, retry_at_ms)) {
    case QC_THROTTLE_OK:
        break;
    case QC_THROTTLE_DELAYED:
        *delayed = 1;
        return QC_ETHROTTLED;
    default:
        return QC_ETHROTTLED;
    }

    rv = qc_db_select(db, p, "qc_contestant_by_phone", QC_ARGS(c->id, key), &rows);
    if (rv != APR_SUCCESS) {
        return rv;
    }
    if (rows->nrows == 1) {
        ok =
            apr_password_validate(password ? password : "", qc_rows_get(rows, 0, 1)) == APR_SUCCESS;
    }
    else {
        /* an unknown phone costs what a wrong password costs (one bcrypt at the configured
         * cost), so the time of the answer does not tell who has an account */
        const char *ignored;
        qc_account_hash_password(p, password ? password : "", bcrypt_cost, &ignored);
        ok = 0;
    }
    if (ok) {
        const char *temporary = qc_rows_get(rows, 0, 2), *expired = qc_rows_get(rows, 0, 3);
        if (temporary && !strcmp(temporary, "1") && expired && strcmp(expired, "0") != 0) {
            /* the right temporary password, too late: only the secretariat can help now */
            return QC_EFORBIDDEN;
        }
        *contestant_id = qc_rows_get(rows, 0, 0);
        *must_change = temporary && !strcmp(temporary, "1");
        return qc_db_exec(db, p, "qc_login_failure_clear_pair", QC_ARGS(c->id, key, ip), NULL);
    }
    rv = qc_db_exec(db, p, "qc_login_failure_add", QC_ARGS(c->id, key, ip), NULL);
    return rv == APR_SUCCESS ? QC_EINPUT : rv;
}

/*
 * The secretariat's reset: the new password must pass the registration rule; every session of
 * the account ends (whoever was logged in with the old password is logged out) and its failed
 * logins are forgotten, so the owner can log in at once.
 */
apr_status_t qc_account_set_password(qc_db_t *db, apr_pool_t *p, const qc_contest_t *c,
                                     const char *phone, const char *password, int bcrypt_cost,
                                     const char **error_key)
{
    const char *canonical = NULL, *hash;
    qc_rows_t *rows;
    int affected = 0;
    apr_status_t rv;

    *error_key = qc_validate_phone(p, phone ? phone : "", &canonical);
    if (*error_key) {
        return QC_EINPUT;
    }
    *error_key =
        qc_validate_password(password ? password : "", password ? password : "", canonical, NULL);
    if (*error_key) {
        return QC_EINPUT;
    }
    rv = qc_db_select(db, p, "qc_contestant_by_phone", QC_ARGS(c->id, canonical), &rows);
    if (rv != APR_SUCCESS) {
        return rv;
    }
    if (rows->nrows == 0) {
        return QC_ENOTFOUND;
    }
    rv = qc_account_hash_password(p, password, bcrypt_cost, &hash);
    if (rv != APR_SUCCESS) {
        qc_log(QC_LOG_MARK, QC_LOG_ERR, rv, "QC00202: cannot hash a password");
        return rv;
    }
    rv = qc_db_exec(db, p, "qc_account_set_password", QC_ARGS(hash, c->id, canonical), &affected);
    if (rv == APR_SUCCESS) {
        rv = qc_db_exec(db, p, "qc_session_delete_all", QC_ARGS(rows->rows[0][0]), NULL);
    }
    if (rv == APR_SUCCESS) {
        rv = qc_db_exec(db, p, "qc_login_failure_clear", QC_ARGS(c->id, canonical), NULL);
    }
    return rv;
}

/*
 * Order of the checks: lengths (no statement, no hash); the throttle of logins, for this
 * account from this address, so a stolen session cannot guess the current password faster
 * than the login page lets anyone guess; the current password (a wrong one counts as a
 * failed login); then the new one by the rule. The change, the end of the other sessions and
 * of every change ticket, and the audit entry commit together.
 */
/* The new password, the end of the other sessions and of the failed logins, the audit entry:
 * one transaction (qc_db_transact). */
typedef struct {
    const qc_contest_t *c;
    const qc_password_change_t *ch;
    const qc_actor_t *actor;
    const char *hash, *phone, *ip, *name;
} change_tx_t;

static apr_status_t change_work(qc_db_t *db, apr_pool_t *p, void *baton)
{
    const change_tx_t *b = baton;
    const qc_password_change_t *ch = b->ch;
    int affected = 0;
    apr_status_t rv;
    QC_CHECK(qc_db_exec(db, p, "qc_account_change_password",
                        QC_ARGS(b->hash, b->c->id, ch->contestant_id), &affected));
    QC_CHECK(qc_db_exec(db, p, "qc_session_delete_others",
                        QC_ARGS(ch->contestant_id, ch->keep_token_hash ? ch->keep_token_hash : ""),
                        NULL));
    QC_CHECK(qc_db_exec(db, p, "qc_password_change_delete_all", QC_ARGS(ch->contestant_id), NULL));
    QC_CHECK(
        qc_db_exec(db, p, "qc_login_failure_clear_pair", QC_ARGS(b->c->id, b->phone, b->ip), NULL));
    QC_CHECK(qc_audit_write(db, p, b->c->id, b->actor, "contestant.password_changed",
                            apr_psprintf(p, "%s (%s, #%s)", b->name, b->phone, ch->contestant_id),
                            NULL, "password=changed by the contestant; other sessions=ended"));
leave:
    return rv;
}

apr_status_t qc_account_change_password(qc_db_t *db, apr_pool_t *p, const qc_contest_t *c,
                                        const qc_password_change_t *ch, int bcrypt_cost,
                                        apr_table_t **errors, apr_int64_t *retry_at_ms)
{
    apr_table_t *err = apr_table_make(p, 4);
    const char *key, *hash, *name, *phone, *cccd, *stored, *ip = ch->client_ip ? ch->client_ip : "";
    qc_throttle_counts_t counts;
    qc_actor_t actor;
    qc_rows_t *rows;
    apr_int64_t now = 0;
    apr_status_t rv;

    *errors = err;
    *retry_at_ms = 0;
    if ((key = qc_validate_too_long("current_password", ch->current))) {
        apr_table_setn(err, "current_password", key);
    }
    if ((key = qc_validate_too_long("password", ch->password)) ||
        (key = qc_validate_too_long("password2", ch->password2))) {
        apr_table_setn(err, "password", key);
    }
    if (!apr_is_empty_table(err)) {
        return QC_EINPUT;
    }
    rv = qc_db_select(db, p, "qc_account_for_change", QC_ARGS(c->id, ch->contestant_id), &rows);
    if (rv != APR_SUCCESS) {
        return rv;
    }
    if (rows->nrows == 0) {
        return QC_ENOTFOUND;
    }
    name = qc_rows_get(rows, 0, 0);
    phone = qc_rows_get(rows, 0, 1);
    cccd = qc_rows_get(rows, 0, 2);
    stored = qc_rows_get(rows, 0, 3);
    if (!ch->current || !*ch->current) {
        apr_table_setn(err, "current_password", "err.password.current_required");
        return QC_EINPUT;
    }
    rv = login_counts(db, p, c->id, phone, ip, &counts, &now);
    if (rv != APR_SUCCESS) {
        return rv;
    }
    if (qc_throttle_login(&counts, now, retry_at_ms) != QC_THROTTLE_OK) {
        apr_table_setn(err, "current_password", "err.password.current_throttled");
        return QC_ETHROTTLED;
    }
    if (apr_password_validate(ch->current, stored) != APR_SUCCESS) {
        apr_table_setn(err, "current_password", "err.password.current");
        rv = qc_db_exec(db, p, "qc_login_failure_add", QC_ARGS(c->id, phone, ip), NULL);
        return rv == APR_SUCCESS ? QC_EINPUT : rv;
    }
    if ((key = qc_validate_password(ch->password ? ch->password : "",
                                    ch->password2 ? ch->password2 : "", phone, cccd))) {
        apr_table_setn(err, "password", key);
        return QC_EINPUT;
    }
    rv = qc_account_hash_password(p, ch->password, bcrypt_cost, &hash);
    if (rv != APR_SUCCESS) {
        qc_log(QC_LOG_MARK, QC_LOG_ERR, rv, "QC00402: cannot hash a password");
        return rv;
    }
    actor.user = apr_psprintf(p, "contestant #%s", ch->contestant_id);
    actor.client_ip = ip;
    {
        change_tx_t b = {c, ch, &actor, hash, phone, ip, name};
        QC_CHECK(qc_db_transact(db, p, "change a password", change_work, &b));
    }
    qc_log(QC_LOG_MARK, QC_LOG_NOTICE, 0,
           "QC00403: contestant %s of contest %s changed their password from %s; their other "
           "sessions ended",
           ch->contestant_id, c->id, ip);
    return APR_SUCCESS;
leave:
    return rv;
}

apr_status_t qc_account_purge_login_failures(qc_db_t *db, apr_pool_t *p)
{
    return qc_db_exec(db, p, "qc_login_failure_purge", 0, NULL, NULL);
}

typedef struct {
    const char *contest_id, *phone, *unit_id, *group_id, *contestant_id;
} move_tx_t;

static apr_status_t move_work(qc_db_t *db, apr_pool_t *p, void *baton)
{
    const move_tx_t *b = baton;
    int affected = 0;
    apr_status_t rv;
    QC_CHECK(qc_db_exec(db, p, "qc_contestant_move",
                        QC_ARGS(b->unit_id, b->group_id, b->contest_id, b->phone), &affected));
    QC_CHECK(qc_results_contestant_moved(db, p, b->contestant_id));
leave:
    return rv;
}

apr_status_t qc_account_move(qc_db_t *db, apr_pool_t *p, const char *contest_id, const char *phone,
                             const char *unit_id, const char *group_id)
{
    qc_rows_t *rows;
    apr_status_t rv =
        qc_db_select(db, p, "qc_contestant_by_phone", QC_ARGS(contest_id, phone), &rows);
    if (rv != APR_SUCCESS) {
        return rv;
    }
    if (rows->nrows == 0) {
        return QC_ENOTFOUND;
    }
    {
        move_tx_t b = {contest_id, phone, unit_id, group_id, rows->rows[0][0]};
        return qc_db_transact(db, p, "move a contestant", move_work, &b);
    }
}

static apr_status_t find_account(qc_db_t *db, apr_pool_t *p, const char *label,
                                 const char *contest_id, const char *key, qc_account_found_t **out)
{
    qc_rows_t *rows;
    qc_account_found_t *a;
    apr_status_t rv = qc_db_select(db, p, label, QC_ARGS(contest_id, key), &rows);
    if (rv != APR_SUCCESS) {
        return rv;
    }
    if (rows->nrows == 0) {
        return QC_ENOTFOUND;
    }
    a = apr_pcalloc(p, sizeof(*a));
    a->id = qc_rows_get(rows, 0, 0);
    a->full_name = qc_rows_get(rows, 0, 1);
    a->phone = qc_rows_get(rows, 0, 2);
    a->unit_name = qc_rows_get(rows, 0, 3);
    if (qc_time_parse_db(qc_rows_get(rows, 0, 4), &a->registered_ms) != APR_SUCCESS) {
        a->registered_ms = -1;
    }
    a->attempts = qc_rows_get(rows, 0, 5);
    a->group_title = qc_rows_get(rows, 0, 6);
    *out = a;
    return APR_SUCCESS;
}

apr_status_t qc_account_find_by_phone(qc_db_t *db, apr_pool_t *p, const char *contest_id,
                                      const char *phone, qc_account_found_t **out)
{
    return find_account(db, p, "qc_staff_contestant_by_phone", contest_id, phone, out);
}

apr_status_t qc_account_find_by_id(qc_db_t *db, apr_pool_t *p, const char *contest_id,
                                   const char *id, qc_account_found_t **out)
{
    return find_account(db, p, "qc_staff_contestant_by_id", contest_id, id, out);
}
