/* quizcontest-admin: contestants' accounts: create-account, set-password, move-account. */
#include <stdio.h>
#include <string.h>
#include <apr_strings.h>

#include "qc_admin.h"

#include "qc_account.h"
#include "qc_status.h"
#include "qc_utf8.h"
#include "qc_validate.h"

static int read_password(tool_t *t, const char **out)
{
    char buf[256];
    apr_size_t len;
    if (!fgets(buf, sizeof(buf), stdin)) {
        fprintf(stderr, "quizcontest-admin: give the password on standard input\n");
        return 0;
    }
    len = strlen(buf);
    while (len > 0 && (buf[len - 1] == '\n' || buf[len - 1] == '\r')) {
        buf[--len] = '\0';
    }
    *out = apr_pstrdup(t->p, buf);
    return 1;
}

int qc_admin_cmd_create_account(tool_t *t)
{
    const char *contest = qc_admin_option(t, "--contest"), *password, *id = NULL;
    qc_registration_t reg;
    qc_contest_t *c;
    apr_table_t *errors = NULL;
    qc_db_t *db;
    apr_status_t rv;
    int cost = (int)qc_admin_int_option(t, "--bcrypt-cost", 4, 16, 10);
    if (cost < 0) {
        return 2;
    }
    memset(&reg, 0, sizeof(reg));
    reg.full_name = qc_admin_option(t, "--name");
    reg.dob = qc_admin_option(t, "--dob");
    reg.phone = qc_admin_option(t, "--phone");
    reg.cccd = qc_admin_option(t, "--cccd");
    reg.email = qc_admin_option(t, "--email");
    reg.group_id = NULL;
    if (!contest || !reg.full_name || !reg.phone || !reg.dob || !qc_admin_option(t, "--unit")) {
        fprintf(stderr, "quizcontest-admin create-account: give --contest, --name, --dob, "
                        "--phone and --unit (see --help)\n");
        return 2;
    }
    if (!read_password(t, &password) || !qc_admin_connect(t, 1, &db)) {
        return 2;
    }
    reg.password = reg.password2 = password;
    rv = qc_contest_load(db, t->p, contest, &c);
    if (rv == APR_SUCCESS) {
        rv = qc_contest_unit_id(db, t->p, c->id, qc_admin_option(t, "--unit"), &reg.unit_id);
    }
    if (rv != APR_SUCCESS) {
        fprintf(stderr, "quizcontest-admin create-account: unknown contest or unit code\n");
        return 1;
    }
    if (qc_admin_option(t, "--group") &&
        qc_contest_group_id(db, t->p, c->id, qc_admin_option(t, "--group"), &reg.group_id) !=
            APR_SUCCESS) {
        reg.group_id = NULL; /* none: a contest with groups refuses it (err.group.required) */
    }
    reg.full_name = qc_utf8_nfc(t->p, reg.full_name);
    rv = qc_account_register(db, t->p, c, &reg, cost, &errors, &id);
    if (rv == QC_EINPUT) {
        const apr_array_header_t *e = apr_table_elts(errors);
        int i;
        for (i = 0; i < e->nelts; i++) {
            const apr_table_entry_t *en = &APR_ARRAY_IDX(e, i, apr_table_entry_t);
            fprintf(stderr, "quizcontest-admin create-account: %s: %s\n", en->key, en->val);
        }
        return 1;
    }
    if (rv != APR_SUCCESS) {
        fprintf(stderr, "quizcontest-admin create-account: the database refused the account\n");
        return 1;
    }
    printf("account %s created for %s\n", id, reg.phone);
    return 0;
}

int qc_admin_cmd_set_password(tool_t *t)
{
    const char *contest = qc_admin_option(t, "--contest"), *phone = qc_admin_option(t, "--phone");
    const char *password, *canonical = NULL, *key;
    /* the cost the module's QuizContestBcryptCost gives new hashes (10 unless set) */
    int cost = (int)qc_admin_int_option(t, "--bcrypt-cost", 4, 16, 10);
    qc_contest_t *c;
    qc_db_t *db;
    apr_status_t rv;
    if (!contest || !phone || cost < 0) {
        fprintf(stderr, "quizcontest-admin set-password: give --contest and --phone "
                        "(and --bcrypt-cost from 4 to 16)\n");
        return 2;
    }
    if (qc_validate_phone(t->p, phone, &canonical)) {
        fprintf(stderr, "quizcontest-admin set-password: not a Vietnamese mobile number\n");
        return 2;
    }
    if (!read_password(t, &password) || !qc_admin_connect(t, 1, &db)) {
        return 2;
    }
    if ((key = qc_validate_password(password, password, canonical, NULL))) {
        fprintf(stderr, "quizcontest-admin set-password: the password is refused (%s)\n", key);
        return 1;
    }
    /* the account's sessions end and its failed logins are forgotten (qc_account.c) */
    rv = qc_contest_load(db, t->p, contest, &c);
    if (rv == APR_SUCCESS) {
        rv = qc_account_set_password(db, t->p, c, canonical, password, cost, &key);
    }
    if (rv == QC_ENOTFOUND) {
        fprintf(stderr, "quizcontest-admin set-password: no account with that phone\n");
        return 1;
    }
    if (rv != APR_SUCCESS) {
        fprintf(stderr, "quizcontest-admin set-password: failed\n");
        return 1;
    }
    printf("password of %s set\n", canonical);
    return 0;
}

int qc_admin_cmd_move_account(tool_t *t)
{
    const char *contest = qc_admin_option(t, "--contest"), *phone = qc_admin_option(t, "--phone");
    const char *unit = qc_admin_option(t, "--unit"), *group = qc_admin_option(t, "--group");
    const char *canonical = NULL, *unit_id, *group_id = "";
    qc_contest_t *c;
    qc_db_t *db;
    apr_status_t rv;
    if (!contest || !phone || !unit) {
        fprintf(stderr, "quizcontest-admin move-account: give --contest, --phone and --unit\n");
        return 2;
    }
    if (qc_validate_phone(t->p, phone, &canonical)) {
        fprintf(stderr, "quizcontest-admin move-account: not a Vietnamese mobile number\n");
        return 2;
    }
    if (!qc_admin_connect(t, 1, &db)) {
        return 2;
    }
    rv = qc_contest_load(db, t->p, contest, &c);
    if (rv == APR_SUCCESS) {
        rv = qc_contest_unit_id(db, t->p, c->id, unit, &unit_id);
    }
    if (rv != APR_SUCCESS) {
        fprintf(stderr, "quizcontest-admin move-account: unknown contest or unit code\n");
        return 1;
    }
    if (group && qc_contest_group_id(db, t->p, c->id, group, &group_id) != APR_SUCCESS) {
        fprintf(stderr, "quizcontest-admin move-account: unknown group code\n");
        return 1;
    }
    /* the account and the copy its counted results keep, together */
    rv = qc_account_move(db, t->p, c->id, canonical, unit_id, group_id);
    if (rv == QC_ENOTFOUND) {
        fprintf(stderr, "quizcontest-admin move-account: no account with that phone\n");
        return 1;
    }
    if (rv != APR_SUCCESS) {
        fprintf(stderr, "quizcontest-admin move-account: the database refused it\n");
        return 1;
    }
    printf("account %s moved to unit %s%s%s\n", canonical, unit, group ? ", group " : "",
           group ? group : "");
    return 0;
}
