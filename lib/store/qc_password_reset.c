/* The secretariat's password reset and the interface that delivers a temporary password. */
#include <string.h>
#include <apr_general.h>
#include <apr_strings.h>
#include "qc_account.h"
#include "qc_log.h"
#include "qc_password_reset.h"
#include "qc_status.h"
#include "qc_validate.h"
#include "qc_sql.h"

/* the secretariat sets a temporary password, which expires in 72 hours (primary key) */
const qc_sql_statement_t qc_password_reset_statements[] = {
    {"qc_reset_password",
     "UPDATE qc_contestant SET password_hash = %s, password_set_by_secretariat = 1,"
     " temp_password_expires_at = UTC_TIMESTAMP(3) + INTERVAL 72 HOUR"
     " WHERE contest_id = %s AND id = %s"},
    {NULL, NULL}};

/* 31 symbols without i, l, o, 0, 1 */
static const char alphabet[] = "abcdefghjkmnpqrstuvwxyz23456789";
#define ALPHABET_LEN 31
#define FIRST_DIGIT 23

const char *qc_reset_generate(apr_pool_t *p)
{
    char *out = apr_palloc(p, QC_RESET_PASSWORD_LEN + 1);
    int tries;
    for (tries = 0; tries < 100; tries++) {
        unsigned char bytes[64];
        int n = 0, letters = 0, digits = 0;
        apr_size_t i;
        if (apr_generate_random_bytes(bytes, sizeof(bytes)) != APR_SUCCESS) {
            return NULL;
        }
        /* rejection sampling: no symbol more likely than another */
        for (i = 0; i < sizeof(bytes) && n < QC_RESET_PASSWORD_LEN; i++) {
            if (bytes[i] < 248) {
                int k = bytes[i] % ALPHABET_LEN;
                out[n++] = alphabet[k];
                letters += k < FIRST_DIGIT;
                digits += k >= FIRST_DIGIT;
            }
        }
        out[n] = '\0';
        /* a draw the password rule would refuse (a run, a common word) is drawn again */
        if (n == QC_RESET_PASSWORD_LEN && letters > 0 && digits > 0 &&
            qc_validate_password(out, out, NULL, NULL) == NULL) {
            return out;
        }
    }
    return NULL;
}

static apr_status_t show_to_secretariat(const qc_reset_sender_t *sender, apr_pool_t *p,
                                        const qc_reset_target_t *to, const char *password,
                                        int *show_to_staff)
{
    (void)sender;
    (void)p;
    (void)to;
    (void)password;
    *show_to_staff = 1;
    return APR_SUCCESS;
}

const qc_reset_sender_t qc_reset_sender_secretariat = {"secretariat", show_to_secretariat, NULL};

/* The new password, the end of the contestant's sessions and of the failed logins that
 * brought them here, and the audit entry: one transaction (qc_db_transact). */
typedef struct {
    const char *contest_id;
    const qc_reset_target_t *to;
    const qc_actor_t *actor;
    const qc_reset_sender_t *sender;
    const char *hash;
} reset_tx_t;

static apr_status_t reset_work(qc_db_t *db, apr_pool_t *p, void *baton)
{
    const reset_tx_t *b = baton;
    int affected = 0;
    apr_status_t rv = qc_db_exec(db, p, "qc_reset_password",
                                 QC_ARGS(b->hash, b->contest_id, b->to->contestant_id), &affected);
    if (rv == APR_SUCCESS && affected == 0) {
        rv = QC_ENOTFOUND;
    }
    if (rv == APR_SUCCESS) {
        rv = qc_db_exec(db, p, "qc_session_delete_all", QC_ARGS(b->to->contestant_id), NULL);
    }
    if (rv == APR_SUCCESS) {
        /* the failed logins that brought the contestant here no longer hold the account */
        rv =
            qc_db_exec(db, p, "qc_login_failure_clear", QC_ARGS(b->contest_id, b->to->phone), NULL);
    }
    if (rv == APR_SUCCESS) {
        rv = qc_audit_write(
            db, p, b->contest_id, b->actor, "contestant.password",
            apr_psprintf(p, "%s (%s, #%s)", b->to->full_name, b->to->phone, b->to->contestant_id),
            NULL,
            apr_psprintf(p, "password=temporary; sender=%s; sessions=ended", b->sender->name));
    }
    return rv;
}

apr_status_t qc_reset_password(qc_db_t *db, apr_pool_t *p, const char *contest_id,
                               const qc_reset_target_t *to, int bcrypt_cost,
                               const qc_actor_t *actor, const qc_reset_sender_t *sender,
                               const char **password, int *show_to_staff)
{
    const char *pw = qc_reset_generate(p), *hash = NULL;
    apr_status_t rv;
    *show_to_staff = 0;
    *password = NULL;
    if (!pw) {
        qc_log(QC_LOG_MARK, QC_LOG_ERR, 0,
               "QC00550: the random source failed: no temporary "
               "password");
        return APR_EGENERAL;
    }
    rv = qc_account_hash_password(p, pw, bcrypt_cost, &hash);
    if (rv != APR_SUCCESS) {
        qc_log(QC_LOG_MARK, QC_LOG_ERR, rv, "QC00551: cannot hash a temporary password");
        return rv;
    }
    {
        reset_tx_t b = {contest_id, to, actor, sender, hash};
        rv = qc_db_transact(db, p, "reset a password", reset_work, &b);
    }
    if (rv != APR_SUCCESS) {
        return rv;
    }
    rv = sender->deliver(sender, p, to, pw, show_to_staff);
    if (rv != APR_SUCCESS) {
        qc_log(QC_LOG_MARK, QC_LOG_ERR, rv,
               "QC00552: the %s sender could not deliver the "
               "temporary password of contestant %s",
               sender->name, to->contestant_id);
        return rv;
    }
    *password = pw;
    return APR_SUCCESS;
}
