/*
 * quizcontest-admin: what administrators script. It talks to MariaDB through the same apr_dbd
 * driver as the module, with the same prepared statements (lib/qc_sql.c).
 *
 *   quizcontest-admin [--db PARAMS | --config FILE] COMMAND [OPTIONS] [ARGS]
 *
 * The connection is a DBDParams string ("host=..,sock=..,user=..,pass=..,dbname=..") given
 * with --db, or read from a file with lines "DBDriver mysql" and DBDParams "...", the same
 * words as in httpd.conf, or from $QUIZCONTEST_DBD_PARAMS.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <apr_general.h>
#include <apr_file_io.h>
#include <apr_strings.h>
#include <apr_lib.h>

#include "qc_account.h"
#include "qc_app.h"
#include "qc_audit.h"
#include "qc_bank.h"
#include "qc_db.h"
#include "qc_definition.h"
#include "qc_log.h"
#include "qc_migrate.h"
#include "qc_status.h"
#include "qc_time.h"
#include "qc_utf8.h"
#include "qc_validate.h"
#include "qc_xslt.h"

#ifndef QC_DATADIR
#define QC_DATADIR "/usr/share/mod_quizcontest"
#endif
#define DEFAULT_CONFIG "/etc/quizcontest/admin.conf"

typedef struct {
    apr_pool_t *p;
    const char *driver;
    const char *params;
    int argc;
    const char *const *argv;
} tool_t;

typedef struct {
    const char *name;
    int (*run)(tool_t *t);
    const char *usage;
    const char *help;
} command_t;

static void usage_of(const command_t *c)
{
    printf("usage: quizcontest-admin [--db PARAMS | --config FILE] %s %s\n\n%s\n", c->name,
           c->usage, c->help);
}

static int wants_help(tool_t *t)
{
    int i;
    for (i = 0; i < t->argc; i++) {
        if (!strcmp(t->argv[i], "--help") || !strcmp(t->argv[i], "-h")) {
            return 1;
        }
    }
    return 0;
}

/* The value of --name VALUE among the command's arguments, or NULL. */
static const char *option(tool_t *t, const char *name)
{
    int i;
    for (i = 0; i + 1 < t->argc; i++) {
        if (!strcmp(t->argv[i], name)) {
            return t->argv[i + 1];
        }
    }
    return NULL;
}

/* Options that take no value. */
static int is_flag(const char *arg)
{
    return !strcmp(arg, "--check") || !strcmp(arg, "--dry-run") || !strcmp(arg, "--help");
}

/* Is the flag among the command's arguments? */
static int flag(tool_t *t, const char *name)
{
    int i;
    for (i = 0; i < t->argc; i++) {
        if (!strcmp(t->argv[i], name)) {
            return 1;
        }
    }
    return 0;
}

/* The i-th argument that is neither an option nor an option's value. */
static const char *positional(tool_t *t, int index)
{
    int i, n = 0;
    for (i = 0; i < t->argc; i++) {
        if (!strncmp(t->argv[i], "--", 2)) {
            if (!is_flag(t->argv[i])) {
                i++;
            }
            continue;
        }
        if (n++ == index) {
            return t->argv[i];
        }
    }
    return NULL;
}

static int connect_db(tool_t *t, int prepare_all, qc_db_t **db)
{
    const char *errmsg = NULL;
    if (!t->params) {
        fprintf(stderr, "quizcontest-admin: no database given: use --db PARAMS, --config FILE, "
                        "$QUIZCONTEST_DBD_PARAMS or " DEFAULT_CONFIG "\n");
        return 0;
    }
    if (qc_db_open(t->p, t->driver, t->params, prepare_all, db, &errmsg) != APR_SUCCESS) {
        fprintf(stderr, "quizcontest-admin: %s\n", errmsg);
        return 0;
    }
    return 1;
}

/* ---- commands --------------------------------------------------------------------------- */

static int cmd_migrate(tool_t *t)
{
    qc_db_t *db;
    const char *dir = option(t, "--dir");
    const char *errmsg = NULL;
    int applied = 0;
    if (!dir) {
        dir = QC_DATADIR "/migrations";
    }
    if (!connect_db(t, 0, &db)) {
        return 2;
    }
    if (qc_migrate_apply(db, t->p, dir, &applied, &errmsg) != APR_SUCCESS) {
        fprintf(stderr, "quizcontest-admin migrate: %s\n", errmsg ? errmsg : "failed");
        return 1;
    }
    printf("migrations applied: %d (schema is up to date)\n", applied);
    return 0;
}

static int cmd_load_contest(tool_t *t)
{
    const char *file = positional(t, 0), *errmsg = NULL, *id = NULL;
    qc_definition_t *def;
    qc_db_t *db;
    if (!file) {
        fprintf(stderr, "quizcontest-admin load-contest: give the definition file\n");
        return 2;
    }
    if (qc_definition_parse(t->p, file, &def, &errmsg) != APR_SUCCESS) {
        fprintf(stderr, "%s\n", errmsg);
        return 1;
    }
    if (flag(t, "--check")) {
        printf("%s: contest %s is valid: %d round(s), %d unit(s)\n", file, def->code,
               def->rounds->nelts, def->units->nelts);
        return 0;
    }
    if (!connect_db(t, 1, &db)) {
        return 2;
    }
    if (qc_definition_load(db, t->p, def, &id, &errmsg) != APR_SUCCESS) {
        fprintf(stderr, "quizcontest-admin load-contest: %s\n", errmsg);
        return 1;
    }
    printf("contest %s loaded (id %s): %d round(s), %d group(s), %d unit(s), %d document(s), "
           "%d excluded person(s)\n",
           def->code, id, def->rounds->nelts, def->groups->nelts, def->units->nelts,
           def->documents->nelts, def->exclusions->nelts);
    return 0;
}

static int cmd_import_bank(tool_t *t)
{
    const char *file = positional(t, 0), *contest = option(t, "--contest"), *errmsg = NULL;
    qc_bank_stats_t st;
    qc_db_t *db;
    if (!file || !contest) {
        fprintf(stderr, "quizcontest-admin import-bank: give --contest CODE and the bank file\n");
        return 2;
    }
    if (!connect_db(t, 1, &db)) {
        return 2;
    }
    if (qc_bank_import(db, t->p, contest, file, &st, &errmsg) != APR_SUCCESS) {
        fprintf(stderr, "quizcontest-admin import-bank: %s\n",
                errmsg ? errmsg : "the database refused the import");
        return 1;
    }
    printf("bank imported into %s: %d topic(s); %d question(s) added, %d changed (new version), "
           "%d unchanged\n",
           contest, st.topics, st.added, st.changed, st.unchanged);
    return 0;
}

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

static int cmd_create_account(tool_t *t)
{
    const char *contest = option(t, "--contest"), *password, *id = NULL;
    qc_registration_t reg;
    qc_contest_t *c;
    apr_table_t *errors = NULL;
    qc_db_t *db;
    qc_rows_t *rows;
    apr_status_t rv;
    int cost = option(t, "--bcrypt-cost") ? atoi(option(t, "--bcrypt-cost")) : 10;
    memset(&reg, 0, sizeof(reg));
    reg.full_name = option(t, "--name");
    reg.dob = option(t, "--dob");
    reg.phone = option(t, "--phone");
    reg.cccd = option(t, "--cccd");
    reg.email = option(t, "--email");
    reg.group_id = NULL;
    if (!contest || !reg.full_name || !reg.phone || !reg.dob || !option(t, "--unit")) {
        fprintf(stderr, "quizcontest-admin create-account: give --contest, --name, --dob, "
                        "--phone and --unit (see --help)\n");
        return 2;
    }
    if (!read_password(t, &password) || !connect_db(t, 1, &db)) {
        return 2;
    }
    reg.password = reg.password2 = password;
    rv = qc_contest_load(db, t->p, contest, &c);
    if (rv == APR_SUCCESS) {
        rv = qc_db_select(db, t->p, "qc_def_unit_id", QC_ARGS(c->id, option(t, "--unit")), &rows);
    }
    if (rv != APR_SUCCESS || rows->nrows == 0) {
        fprintf(stderr, "quizcontest-admin create-account: unknown contest or unit code\n");
        return 1;
    }
    reg.unit_id = rows->rows[0][0];
    if (option(t, "--group")) {
        qc_rows_t *g;
        int i;
        rv = qc_db_select(db, t->p, "qc_contest_groups", QC_ARGS(c->id), &g);
        for (i = 0; rv == APR_SUCCESS && i < g->nrows; i++) {
            if (!strcmp(g->rows[i][1], option(t, "--group"))) {
                reg.group_id = g->rows[i][0];
            }
        }
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

static int cmd_set_password(tool_t *t)
{
    const char *contest = option(t, "--contest"), *phone = option(t, "--phone");
    const char *password, *hash, *canonical = NULL, *key;
    qc_contest_t *c;
    qc_db_t *db;
    int affected = 0;
    if (!contest || !phone) {
        fprintf(stderr, "quizcontest-admin set-password: give --contest and --phone\n");
        return 2;
    }
    if (qc_validate_phone(t->p, phone, &canonical)) {
        fprintf(stderr, "quizcontest-admin set-password: not a Vietnamese mobile number\n");
        return 2;
    }
    if (!read_password(t, &password) || !connect_db(t, 1, &db)) {
        return 2;
    }
    if ((key = qc_validate_password(password, password))) {
        fprintf(stderr, "quizcontest-admin set-password: the password is refused (%s)\n", key);
        return 1;
    }
    if (qc_contest_load(db, t->p, contest, &c) != APR_SUCCESS ||
        qc_account_hash_password(t->p, password, 10, &hash) != APR_SUCCESS ||
        qc_db_exec(db, t->p, "qc_account_set_password", QC_ARGS(hash, c->id, canonical),
                   &affected) != APR_SUCCESS) {
        fprintf(stderr, "quizcontest-admin set-password: failed\n");
        return 1;
    }
    if (affected == 0) {
        fprintf(stderr, "quizcontest-admin set-password: no account with that phone\n");
        return 1;
    }
    printf("password of %s set\n", canonical);
    return 0;
}

static int cmd_sweep(tool_t *t)
{
    qc_db_t *db;
    int n = 0;
    if (!connect_db(t, 1, &db)) {
        return 2;
    }
    if (qc_app_sweep(db, t->p, &n) != APR_SUCCESS) {
        fprintf(stderr, "quizcontest-admin sweep: failed\n");
        return 1;
    }
    printf("finalised %d overdue attempt(s)\n", n);
    return 0;
}

static int cmd_check_theme(tool_t *t)
{
    const char *dir = positional(t, 0), *errmsg = NULL;
    qc_xslt_set_t *set;
    qc_messages_t *msgs;
    if (!dir) {
        dir = QC_DATADIR "/xslt";
    }
    if (qc_xslt_compile(t->p, dir, option(t, "--layout"), &set, &errmsg) != APR_SUCCESS ||
        qc_messages_load(t->p, apr_pstrcat(t->p, dir, "/messages.xml", NULL),
                         option(t, "--messages"), &msgs, &errmsg) != APR_SUCCESS) {
        fprintf(stderr, "quizcontest-admin check-theme: %s\n", errmsg);
        return 1;
    }
    printf("%s: %d page stylesheet(s) and %d message(s) load\n", dir, qc_xslt_count(set),
           qc_messages_count(msgs));
    return 0;
}

/* ==== export-contest / import-contest (the secretariat's definition file) ==================== */

static int cmd_export_contest(tool_t *t)
{
    const char *contest = option(t, "--contest"), *out = option(t, "-o"), *xml;
    qc_definition_t *def;
    qc_db_t *db;
    apr_size_t len = 0;
    apr_status_t rv;
    if (!out) {
        out = option(t, "--output");
    }
    if (!contest) {
        fprintf(stderr, "quizcontest-admin export-contest: give --contest CODE\n");
        return 2;
    }
    if (!connect_db(t, 1, &db)) {
        return 2;
    }
    rv = qc_definition_fetch(db, t->p, contest, &def);
    if (rv == QC_ENOTFOUND) {
        fprintf(stderr, "quizcontest-admin export-contest: no contest %s\n", contest);
        return 1;
    }
    if (rv != APR_SUCCESS) {
        fprintf(stderr, "quizcontest-admin export-contest: the database refused\n");
        return 1;
    }
    xml = qc_definition_write(t->p, def, &len);
    if (out && strcmp(out, "-")) {
        FILE *f = fopen(out, "wb");
        if (!f || fwrite(xml, 1, len, f) != len || fclose(f) != 0) {
            fprintf(stderr, "quizcontest-admin export-contest: cannot write %s\n", out);
            return 1;
        }
        fprintf(stderr, "contest %s written to %s\n", contest, out);
    }
    else if (fwrite(xml, 1, len, stdout) != len) {
        return 1;
    }
    return 0;
}

static int cmd_import_contest(tool_t *t)
{
    const char *file = positional(t, 0), *errmsg = NULL, *id = NULL, *user = getenv("SUDO_USER");
    const char *before = "", *after = "";
    qc_definition_t *def, *current = NULL;
    apr_array_header_t *changes;
    qc_actor_t actor;
    qc_db_t *db;
    apr_status_t rv;
    int i;
    if (!file) {
        fprintf(stderr, "quizcontest-admin import-contest: give the definition file\n");
        return 2;
    }
    if (qc_definition_parse(t->p, file, &def, &errmsg) != APR_SUCCESS) {
        fprintf(stderr, "%s\n%s: refused, nothing stored\n", errmsg, file);
        return 1;
    }
    printf("%s: valid: contest %s, %d round(s), %d group(s), %d unit(s)\n", file, def->code,
           def->rounds->nelts, def->groups->nelts, def->units->nelts);
    if (!connect_db(t, 1, &db)) {
        return 2;
    }
    rv = qc_definition_fetch(db, t->p, def->code, &current);
    if (rv == QC_ENOTFOUND) {
        printf("contest %s is new\n", def->code);
    }
    else if (rv != APR_SUCCESS) {
        fprintf(stderr, "quizcontest-admin import-contest: the database refused\n");
        return 1;
    }
    else {
        changes = qc_definition_changes(t->p, current, def);
        printf("%d setting(s) change%s\n", changes->nelts, changes->nelts ? ":" : "");
        for (i = 0; i < changes->nelts; i++) {
            const qc_def_change_t *c = &APR_ARRAY_IDX(changes, i, qc_def_change_t);
            printf("  %s: %s -> %s\n", c->setting, c->before, c->after);
            before = apr_pstrcat(t->p, before, *before ? "\n" : "", c->setting, ": ", c->before,
                                 NULL);
            after = apr_pstrcat(t->p, after, *after ? "\n" : "", c->setting, ": ", c->after,
                                NULL);
        }
    }
    if (flag(t, "--dry-run")) {
        printf("dry run: nothing stored\n");
        return 0;
    }
    if (!user) {
        user = getenv("USER");
    }
    actor.user = apr_pstrcat(t->p, "quizcontest-admin:", user ? user : "?", NULL);
    actor.client_ip = "";
    rv = qc_db_begin(db, t->p);
    if (rv == APR_SUCCESS) {
        rv = qc_definition_store(db, t->p, def, &id);
        if (rv == APR_SUCCESS) {
            rv = qc_audit_write(db, t->p, id, &actor, "contest.import",
                                apr_pstrcat(t->p, def->code, " (", file, ")", NULL),
                                current ? before : NULL, current ? after : "new contest");
        }
        if (rv == APR_SUCCESS) {
            rv = qc_db_commit(db, t->p);
        }
        else {
            qc_db_rollback(db, t->p);
        }
    }
    if (rv != APR_SUCCESS) {
        fprintf(stderr, "quizcontest-admin import-contest: the database refused the definition; "
                        "nothing stored\n");
        return 1;
    }
    printf("contest %s imported (id %s)\n", def->code, id);
    return 0;
}
/* ==== end of: export-contest / import-contest ============================================ */

static const command_t commands[] = {
    {"migrate", cmd_migrate, "[--dir DIR]",
     "Apply the schema migrations not yet applied (from DIR, default " QC_DATADIR
     "/migrations).\nSafe to run again: applied migrations are skipped; a changed one is "
     "refused."},
    {"load-contest", cmd_load_contest, "[--check] FILE",
     "Create or update a contest from its definition file (conf/contests/*.xml).\n"
     "With --check, only validate the file."},
    {"import-bank", cmd_import_bank, "--contest CODE FILE",
     "Import a question bank file into a contest. A question whose text, choices or key\n"
     "changed becomes a new version; attempts keep the version they drew."},
    {"create-account", cmd_create_account,
     "--contest CODE --name NAME --dob DATE --phone PHONE --unit UNITCODE [--group CODE] "
     "[--cccd ID] [--email MAIL] [--bcrypt-cost N] < password",
     "Register a contestant with the same checks as the web form (password on stdin)."},
    {"set-password", cmd_set_password, "--contest CODE --phone PHONE < password",
     "Reset a contestant's password (the secretariat's reset; password on stdin)."},
    {"export-contest", cmd_export_contest, "--contest CODE [-o FILE]",
     "Write a contest from the database as its definition file (to FILE, or standard output).\n"
     "The file validates against the schema and loads back to the same contest."},
    {"import-contest", cmd_import_contest, "[--dry-run] FILE",
     "Validate a definition file, show which settings change (before -> after), and store it\n"
     "in one transaction with an audit entry. With --dry-run, store nothing."},
    {"sweep", cmd_sweep, "",
     "Finalise attempts left open past their deadline, with their saved answers.\n"
     "The module does this by itself now and then; run it from cron as well if you like."},
    {"check-theme", cmd_check_theme, "[--layout FILE] [--messages FILE] [DIR]",
     "Compile the page stylesheets of DIR and load its messages, as the module would."},
    {NULL, NULL, NULL, NULL}};

static void usage(void)
{
    const command_t *c;
    printf("usage: quizcontest-admin [--db PARAMS | --config FILE] COMMAND [OPTIONS]\n\n"
           "  --db PARAMS     DBDParams-style connection, e.g.\n"
           "                  \"sock=/run/mysqld/mysqld.sock,user=qc,pass=...,dbname=quizcontest\"\n"
           "  --config FILE   a file with DBDriver and DBDParams lines (default " DEFAULT_CONFIG
           ")\n\ncommands:\n");
    for (c = commands; c->name; c++) {
        printf("  %-15s %s\n", c->name, c->usage);
    }
    printf("\n'quizcontest-admin COMMAND --help' explains a command.\n");
}

/* DBDriver / DBDParams from a config file, as in httpd.conf. */
static int read_config(tool_t *t, const char *path, int must_exist)
{
    apr_file_t *f;
    char line[4096];
    if (apr_file_open(&f, path, APR_FOPEN_READ, 0, t->p) != APR_SUCCESS) {
        if (must_exist) {
            fprintf(stderr, "quizcontest-admin: cannot read %s\n", path);
            return 0;
        }
        return 1;
    }
    while (apr_file_gets(line, sizeof(line), f) == APR_SUCCESS) {
        char *s = line, *v;
        apr_size_t len;
        while (apr_isspace(*s)) {
            s++;
        }
        len = strlen(s);
        while (len > 0 && apr_isspace(s[len - 1])) {
            s[--len] = '\0';
        }
        if (!strncasecmp(s, "DBDParams", 9) || !strncasecmp(s, "DBDriver", 8)) {
            int params = !strncasecmp(s, "DBDParams", 9);
            v = s + (params ? 9 : 8);
            while (apr_isspace(*v)) {
                v++;
            }
            len = strlen(v);
            if (len >= 2 && v[0] == '"' && v[len - 1] == '"') {
                v[len - 1] = '\0';
                v++;
            }
            if (params) {
                t->params = apr_pstrdup(t->p, v);
            }
            else {
                t->driver = apr_pstrdup(t->p, v);
            }
        }
    }
    apr_file_close(f);
    return 1;
}

int main(int argc, const char *const *argv)
{
    tool_t t;
    const command_t *c;
    const char *config = NULL;
    int i = 1, rc;

    apr_app_initialize(&argc, &argv, NULL);
    atexit(apr_terminate);
    memset(&t, 0, sizeof(t));
    apr_pool_create(&t.p, NULL);
    t.driver = "mysql";
    qc_xslt_global_init();
    while (i < argc && !strncmp(argv[i], "--", 2)) {
        if (!strcmp(argv[i], "--db") && i + 1 < argc) {
            t.params = argv[i + 1];
            i += 2;
        }
        else if (!strcmp(argv[i], "--config") && i + 1 < argc) {
            config = argv[i + 1];
            i += 2;
        }
        else if (!strcmp(argv[i], "--help")) {
            usage();
            return 0;
        }
        else {
            fprintf(stderr, "quizcontest-admin: unknown option %s\n", argv[i]);
            usage();
            return 2;
        }
    }
    if (i >= argc) {
        usage();
        return 2;
    }
    if (!t.params && config && !read_config(&t, config, 1)) {
        return 2;
    }
    if (!t.params && getenv("QUIZCONTEST_DBD_PARAMS")) {
        t.params = getenv("QUIZCONTEST_DBD_PARAMS");
    }
    if (!t.params && !config && !read_config(&t, DEFAULT_CONFIG, 0)) {
        return 2;
    }
    for (c = commands; c->name; c++) {
        if (!strcmp(c->name, argv[i])) {
            break;
        }
    }
    if (!c->name) {
        fprintf(stderr, "quizcontest-admin: unknown command %s\n", argv[i]);
        usage();
        return 2;
    }
    t.argc = argc - i - 1;
    t.argv = argv + i + 1;
    if (wants_help(&t)) {
        usage_of(c);
        return 0;
    }
    rc = c->run(&t);
    apr_pool_destroy(t.p);
    return rc;
}
