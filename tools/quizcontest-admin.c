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
#include "qc_db.h"
#include "qc_definition.h"
#include "qc_definition_store.h"
#include "qc_log.h"
#include "qc_migrate.h"
#include "qc_population.h"
#include "qc_qbank.h"
#include "qc_qbank_store.h"
#include "qc_results.h"
#include "qc_status.h"
#include "qc_time.h"
#include "qc_utf8.h"
#include "qc_util.h"
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
    return !strcmp(arg, "--check") || !strcmp(arg, "--dry-run") || !strcmp(arg, "--help") ||
           !strcmp(arg, "--skip-rejected") ||
           /* results */
           !strcmp(arg, "--withdraw") || !strcmp(arg, "--rebuild");
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

/* ---- question banks (lib/qc_qbank.h) ------------------------------------------------------- */

/* The texts of the reasons: --messages FILE, else the installed messages.xml; without either
 * the reasons are printed as their keys and arguments. */
static const qc_messages_t *bank_messages(tool_t *t)
{
    qc_messages_t *msgs = NULL;
    const char *path = option(t, "--messages"), *errmsg = NULL;
    if (!path) {
        path = QC_DATADIR "/xslt/messages.xml";
    }
    if (qc_messages_load(t->p, path, NULL, &msgs, &errmsg) != APR_SUCCESS) {
        return NULL;
    }
    return msgs;
}

static int read_whole_file(tool_t *t, const char *path, const char **data, apr_size_t *len)
{
    apr_file_t *f;
    apr_finfo_t fi;
    char *buf;
    apr_status_t rv = apr_file_open(&f, path, APR_FOPEN_READ | APR_FOPEN_BINARY, 0, t->p);
    if (rv == APR_SUCCESS) {
        rv = apr_file_info_get(&fi, APR_FINFO_SIZE, f);
    }
    if (rv != APR_SUCCESS) {
        fprintf(stderr, "quizcontest-admin: cannot read %s\n", path);
        return 0;
    }
    /* one byte past the limit is enough for the reader to refuse the file */
    *len = fi.size > QC_QBANK_MAX_BYTES ? QC_QBANK_MAX_BYTES + 1 : (apr_size_t)fi.size;
    buf = apr_palloc(t->p, *len + 1);
    rv = apr_file_read_full(f, buf, *len, len);
    apr_file_close(f);
    if (rv != APR_SUCCESS && rv != APR_EOF) {
        fprintf(stderr, "quizcontest-admin: cannot read %s\n", path);
        return 0;
    }
    *data = buf;
    return 1;
}

static void print_report_lines(const apr_array_header_t *list, const char *label)
{
    int i;
    for (i = 0; i < list->nelts; i++) {
        const qc_qreject_t *j = &APR_ARRAY_IDX(list, i, qc_qreject_t);
        printf("  line %d: %s: %s [%s]\n", j->line, label, j->reason, j->what);
    }
}

/*
 * import-questions (and its old name import-bank): read, report, then store all or nothing.
 * A file with rejected or duplicated questions is not stored unless --skip-rejected, which
 * stores the accepted questions only. Exit 0 stored (or would be, with --dry-run), 1 refused,
 * 2 usage or connection.
 */
static int cmd_import_questions(tool_t *t)
{
    const char *file = positional(t, 0), *contest = option(t, "--contest"), *errmsg = NULL;
    const char *format = option(t, "--format"), *data = NULL;
    int dry_run = flag(t, "--dry-run"), skip = flag(t, "--skip-rejected"), problems;
    const qc_messages_t *msgs;
    apr_size_t len = 0;
    qc_qbank_t *bank;
    qc_qbank_stats_t st;
    qc_db_t *db;
    if (!file || !contest) {
        fprintf(stderr, "quizcontest-admin import-questions: give --contest CODE and the file "
                        "(see --help)\n");
        return 2;
    }
    if (!read_whole_file(t, file, &data, &len)) {
        return 2;
    }
    msgs = bank_messages(t);
    if (qc_qbank_read(t->p, data, len, format ? format : "auto", msgs, &bank, &errmsg) !=
        APR_SUCCESS) {
        fprintf(stderr, "quizcontest-admin import-questions: %s: file refused: %s\n", file, errmsg);
        return 1;
    }
    problems = bank->rejects->nelts + bank->duplicates->nelts;
    printf("%s: format %s; %d question(s) accepted, %d rejected, %d duplicate(s)\n", file,
           bank->format, bank->questions->nelts, bank->rejects->nelts, bank->duplicates->nelts);
    print_report_lines(bank->rejects, "rejected");
    print_report_lines(bank->duplicates, "duplicate");
    if (problems && !msgs) {
        fprintf(stderr, "quizcontest-admin: messages.xml not found: reasons shown as keys "
                        "(give --messages FILE)\n");
    }
    if (!connect_db(t, 1, &db)) {
        return 2;
    }
    if (problems && !skip && !dry_run) {
        fprintf(stderr, "quizcontest-admin import-questions: nothing stored: correct the "
                        "questions above, or give --skip-rejected to store only the accepted "
                        "ones\n");
        return 1;
    }
    if (qc_qbank_store(db, t->p, contest, bank, dry_run, &st, &errmsg) != APR_SUCCESS) {
        fprintf(stderr, "quizcontest-admin import-questions: %s\n",
                errmsg ? errmsg : "the database refused the import; nothing stored");
        return 1;
    }
    printf("%s %s: %d topic(s); %d question(s) added, %d changed (new version), "
           "%d unchanged\n",
           dry_run ? "dry run, nothing stored; an import into" : "bank imported into", contest,
           st.topics, st.added, st.changed, st.unchanged);
    if (dry_run && problems && !skip) {
        fprintf(stderr,
                "quizcontest-admin import-questions: the import would be refused: "
                "%d question(s) rejected or duplicated (--skip-rejected stores the "
                "others)\n",
                problems);
        return 1;
    }
    return 0;
}

static int cmd_export_questions(tool_t *t)
{
    const char *contest = option(t, "--contest"), *format = option(t, "--format");
    const char *path = option(t, "-o"), *errmsg = NULL, *out = NULL;
    apr_size_t len = 0;
    qc_qbank_t *bank;
    qc_db_t *db;
    FILE *f = stdout;
    if (!contest || !format ||
        (strcmp(format, "moodle") && strcmp(format, "csv") && strcmp(format, "native"))) {
        fprintf(stderr, "quizcontest-admin export-questions: give --contest CODE and --format "
                        "moodle, csv or native\n");
        return 2;
    }
    if (!connect_db(t, 1, &db)) {
        return 2;
    }
    if (qc_qbank_load(db, t->p, contest, &bank, &errmsg) != APR_SUCCESS) {
        fprintf(stderr, "quizcontest-admin export-questions: %s\n", errmsg);
        return 1;
    }
    if (qc_qbank_write(t->p, bank, format, &out, &len) != APR_SUCCESS) {
        fprintf(stderr, "quizcontest-admin export-questions: cannot write %s\n", format);
        return 1;
    }
    if (path && !(f = fopen(path, "wb"))) {
        fprintf(stderr, "quizcontest-admin export-questions: cannot write %s\n", path);
        return 1;
    }
    if (fwrite(out, 1, len, f) != len || (path && fclose(f) != 0)) {
        fprintf(stderr, "quizcontest-admin export-questions: write failed\n");
        return 1;
    }
    if (path) {
        fprintf(stderr, "%s: %d question(s) of %s written as %s\n", path, bank->questions->nelts,
                contest, format);
    }
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

static apr_int64_t int_option(tool_t *t, const char *name, apr_int64_t min, apr_int64_t max,
                              apr_int64_t def)
{
    const char *s = option(t, name);
    apr_int64_t v;
    if (!s) {
        return def;
    }
    if (qc_util_parse_int64(s, min, max, &v) != APR_SUCCESS) {
        fprintf(stderr,
                "quizcontest-admin: %s must be a whole number from %" APR_INT64_T_FMT
                " to %" APR_INT64_T_FMT "\n",
                name, min, max);
        return -1;
    }
    return v;
}

static int cmd_create_account(tool_t *t)
{
    const char *contest = option(t, "--contest"), *password, *id = NULL;
    qc_registration_t reg;
    qc_contest_t *c;
    apr_table_t *errors = NULL;
    qc_db_t *db;
    apr_status_t rv;
    int cost = (int)int_option(t, "--bcrypt-cost", 4, 16, 10);
    if (cost < 0) {
        return 2;
    }
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
        rv = qc_contest_unit_id(db, t->p, c->id, option(t, "--unit"), &reg.unit_id);
    }
    if (rv != APR_SUCCESS) {
        fprintf(stderr, "quizcontest-admin create-account: unknown contest or unit code\n");
        return 1;
    }
    if (option(t, "--group") &&
        qc_contest_group_id(db, t->p, c->id, option(t, "--group"), &reg.group_id) != APR_SUCCESS) {
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

static int cmd_set_password(tool_t *t)
{
    const char *contest = option(t, "--contest"), *phone = option(t, "--phone");
    const char *password, *canonical = NULL, *key;
    /* the cost the module's QuizContestBcryptCost gives new hashes (10 unless set) */
    int cost = (int)int_option(t, "--bcrypt-cost", 4, 16, 10);
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
    if (!read_password(t, &password) || !connect_db(t, 1, &db)) {
        return 2;
    }
    if ((key = qc_validate_password(password, password))) {
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

/* ---- results (qc_results.c) ----------------------------------------------------------------- */

/* A whole number in [min, max] from an option, or def when absent; -1 when malformed. */
static int cmd_results(tool_t *t)
{
    const char *contest = option(t, "--contest"), *format = option(t, "--format");
    const char *group = option(t, "--group"), *out;
    apr_int64_t round = int_option(t, "--round", 0, 65535, 0);
    apr_size_t len = 0;
    qc_contest_t *c;
    qc_db_t *db;
    apr_status_t rv;
    if (!contest || round < 0) {
        fprintf(stderr, "quizcontest-admin results: give --contest CODE (see --help)\n");
        return 2;
    }
    if (format && strcmp(format, "csv") != 0) {
        fprintf(stderr, "quizcontest-admin results: the only format is csv\n");
        return 2;
    }
    if (!connect_db(t, 1, &db)) {
        return 2;
    }
    rv = qc_contest_load(db, t->p, contest, &c);
    if (rv == APR_SUCCESS && flag(t, "--rebuild")) {
        rv = qc_results_rebuild(db, t->p, c);
    }
    if (rv == APR_SUCCESS && flag(t, "--units")) {
        qc_unit_report_t *u;
        rv = qc_results_units(db, t->p, c, &u);
        out = rv == APR_SUCCESS ? qc_results_units_csv(t->p, u, &len) : NULL;
    }
    else if (rv == APR_SUCCESS) {
        qc_ranking_t *r;
        rv = qc_results_ranking(db, t->p, c, (int)round, group, 0, &r);
        out = rv == APR_SUCCESS ? qc_results_csv(t->p, r, &len) : NULL;
    }
    if (rv == QC_ENOTFOUND) {
        fprintf(stderr, "quizcontest-admin results: no such contest, round or group\n");
        return 1;
    }
    if (rv != APR_SUCCESS) {
        fprintf(stderr, "quizcontest-admin results: the database refused the query\n");
        return 1;
    }
    fwrite(out, 1, len, stdout);
    return 0;
}

static int cmd_gen_population(tool_t *t)
{
    const char *contest = option(t, "--contest");
    apr_int64_t n = int_option(t, "--contestants", 1, 1000000, -2);
    apr_int64_t each = int_option(t, "--attempts-each", 0, 100, 3);
    apr_int64_t units = int_option(t, "--units", 1, 10000, 100);
    apr_int64_t batch = int_option(t, "--batch", 0, 99, 0);
    apr_int64_t range = int_option(t, "--prediction-range", 1, APR_INT64_C(1000000000000), 200000);
    const char *parent = "";
    qc_population_spec_t spec;
    qc_population_made_t made;
    apr_time_t t0 = apr_time_now();
    qc_contest_t *c;
    qc_db_t *db;
    apr_status_t rv;
    if (!contest || n < 1 || each < 0 || units < 0 || batch < 0 || range < 0) {
        fprintf(stderr, "quizcontest-admin gen-population: give --contest CODE and "
                        "--contestants N (see --help)\n");
        return 2;
    }
    if (!connect_db(t, 1, &db)) {
        return 2;
    }
    rv = qc_contest_load(db, t->p, contest, &c);
    if (rv == APR_SUCCESS && c->rounds->nelts == 0) {
        rv = QC_ENOTFOUND;
    }
    if (rv == APR_SUCCESS && option(t, "--parent-unit")) {
        rv = qc_contest_unit_id(db, t->p, c->id, option(t, "--parent-unit"), &parent);
    }
    if (rv != APR_SUCCESS) {
        fprintf(stderr, "quizcontest-admin gen-population: unknown contest (or it has no "
                        "round), or unknown parent unit\n");
        return 1;
    }
    spec.parent_unit_id = parent;
    spec.contestants = n;
    spec.units = units;
    spec.headcount = n / units + 10;
    spec.attempts_each = each;
    spec.prediction_range = range;
    spec.batch = batch;
    rv = qc_population_generate(db, t->p, c, &spec, &made);
    if (rv != APR_SUCCESS) {
        fprintf(stderr, "quizcontest-admin gen-population: the database refused it (a batch "
                        "number used before? use --batch)\n");
        return 1;
    }
    printf("generated %d unit(s), %d contestant(s), %d finished attempt(s) in %.1f s\n", made.units,
           made.contestants, made.attempts, (double)(apr_time_now() - t0) / APR_USEC_PER_SEC);
    return 0;
}

/* Who the audit log names for a change made with this tool: the --by person, through it. */
static qc_actor_t tool_actor(tool_t *t, const char *by)
{
    qc_actor_t actor;
    actor.user = apr_pstrcat(t->p, "quizcontest-admin:", by, NULL);
    actor.client_ip = "";
    return actor;
}

/* "vòng N" or "toàn cuộc thi", as the secretariat's pages write it in the audit log */
static const char *round_object(tool_t *t, int round)
{
    return round ? apr_psprintf(t->p, "vòng %d", round) : "toàn cuộc thi";
}

static int cmd_publish(tool_t *t)
{
    const char *contest = option(t, "--contest"), *by = option(t, "--by");
    apr_int64_t round = int_option(t, "--round", 0, 65535, -2);
    qc_contest_t *c;
    qc_db_t *db;
    apr_status_t rv;
    if (!contest || round < 0 || !by) {
        fprintf(stderr, "quizcontest-admin publish: give --contest CODE, --round SEQ (0: the "
                        "whole contest) and --by NAME\n");
        return 2;
    }
    if (!connect_db(t, 1, &db)) {
        return 2;
    }
    rv = qc_contest_load(db, t->p, contest, &c);
    if (rv == APR_SUCCESS) {
        int publish = !flag(t, "--withdraw");
        qc_actor_t actor = tool_actor(t, by);
        rv = qc_results_publish(db, t->p, c, (int)round, publish, by);
        if (rv == APR_SUCCESS) { /* the same entry as the secretariat's page writes */
            rv = qc_audit_write(
                db, t->p, c->id, &actor, publish ? "results.publish" : "results.withdraw",
                round_object(t, (int)round), publish ? "chưa công bố" : "đã công bố",
                publish ? "đã công bố" : "đã thu hồi");
        }
    }
    if (rv == QC_ECONFLICT) {
        fprintf(stderr, "quizcontest-admin publish: the round is still open\n");
        return 1;
    }
    if (rv != APR_SUCCESS) {
        fprintf(stderr, "quizcontest-admin publish: unknown contest or round, or the database "
                        "refused it\n");
        return 1;
    }
    printf("results of %s %s\n", round ? apr_psprintf(t->p, "round %d", (int)round) : "the contest",
           flag(t, "--withdraw") ? "withdrawn" : "published");
    return 0;
}

static int cmd_committee_order(tool_t *t)
{
    const char *contest = option(t, "--contest"), *by = option(t, "--by");
    const char *reason = option(t, "--reason"), *ids = positional(t, 0);
    apr_int64_t round = int_option(t, "--round", 0, 65535, 0);
    apr_array_header_t *list = apr_array_make(t->p, 4, sizeof(const char *));
    char *copy, *state, *tok;
    qc_contest_t *c;
    qc_db_t *db;
    apr_status_t rv;
    if (!contest || round < 0 || !by || !reason || !ids) {
        fprintf(stderr, "quizcontest-admin committee-order: give --contest, --by, --reason and "
                        "the contestant ids in the committee's order (see --help)\n");
        return 2;
    }
    copy = apr_pstrdup(t->p, ids);
    for (tok = apr_strtok(copy, ",", &state); tok; tok = apr_strtok(NULL, ",", &state)) {
        APR_ARRAY_PUSH(list, const char *) = tok;
    }
    if (!connect_db(t, 1, &db)) {
        return 2;
    }
    rv = qc_contest_load(db, t->p, contest, &c);
    if (rv == APR_SUCCESS) {
        const char *group = option(t, "--group") ? option(t, "--group") : "";
        qc_actor_t actor = tool_actor(t, by);
        rv = qc_results_committee_order(db, t->p, c, (int)round, option(t, "--group"), list, reason,
                                        by);
        if (rv == APR_SUCCESS) { /* the same entry as the secretariat's page writes */
            rv = qc_audit_write(
                db, t->p, c->id, &actor, "results.committee",
                apr_pstrcat(t->p, round_object(t, (int)round), *group ? ", nhóm " : "", group,
                            NULL),
                NULL, apr_pstrcat(t->p, "thứ tự (mã thí sinh): ", ids, "; lý do: ", reason, NULL));
        }
    }
    if (rv == QC_EINPUT) {
        fprintf(stderr, "quizcontest-admin committee-order: these contestants are not exactly "
                        "one tie of that ranking\n");
        return 1;
    }
    if (rv != APR_SUCCESS) {
        fprintf(stderr, "quizcontest-admin committee-order: unknown contest, round or group, "
                        "or the database refused it\n");
        return 1;
    }
    printf("committee order recorded for %d contestant(s)\n", list->nelts);
    return 0;
}

static int cmd_move_account(tool_t *t)
{
    const char *contest = option(t, "--contest"), *phone = option(t, "--phone");
    const char *unit = option(t, "--unit"), *group = option(t, "--group");
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
    if (!connect_db(t, 1, &db)) {
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
            before =
                apr_pstrcat(t->p, before, *before ? "\n" : "", c->setting, ": ", c->before, NULL);
            after = apr_pstrcat(t->p, after, *after ? "\n" : "", c->setting, ": ", c->after, NULL);
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
    rv = qc_definition_import(db, t->p, def, NULL, &actor,
                              apr_pstrcat(t->p, def->code, " (", file, ")", NULL),
                              current ? before : NULL, current ? after : "new contest", &id);
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
    {"import-bank", cmd_import_questions, "--contest CODE FILE",
     "The former name of import-questions (same options): import a question bank file into\n"
     "a contest. A question whose text, choices or key changed becomes a new version;\n"
     "attempts keep the version they drew."},
    {"create-account", cmd_create_account,
     "--contest CODE --name NAME --dob DATE --phone PHONE --unit UNITCODE [--group CODE] "
     "[--cccd ID] [--email MAIL] [--bcrypt-cost N] < password",
     "Register a contestant with the same checks as the web form (password on stdin)."},
    {"set-password", cmd_set_password, "--contest CODE --phone PHONE [--bcrypt-cost N] < password",
     "Reset a contestant's password (the secretariat's reset; password on stdin). Give the "
     "--bcrypt-cost of QuizContestBcryptCost when the server sets one (default 10)."},
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
    /* ---- question-bank exchange formats ---- */
    {"import-questions", cmd_import_questions,
     "--contest CODE [--format F] [--dry-run] [--skip-rejected] [--messages FILE] FILE",
     "Import questions from FILE into a contest. F is auto (default: told from the content),\n"
     "moodle (Moodle XML), gift, aiken, csv (Excel \"CSV UTF-8\", comma or semicolon, header\n"
     "code,topic_code,topic,kind,question,A,B,...,correct,explanation; question, A, B and\n"
     "correct required) or native (this project's question-bank XML). Files over 10 MiB, not\n"
     "UTF-8, or XML with a DOCTYPE are refused whole. Every bad question is reported with its\n"
     "line and reason, and so is a stem given twice.\n"
     "All or nothing: a file with a rejected or duplicated question stores nothing, unless\n"
     "--skip-rejected (store the accepted ones). --dry-run prints the report and what the\n"
     "import would add or change, storing nothing. A changed question becomes a new version;\n"
     "attempts keep the version they drew; questions absent from the file are kept.\n"
     "Reasons are in Vietnamese from messages.xml (--messages FILE, default the installed one).\n"
     "Exit status: 0 stored (or would be), 1 refused, 2 usage or connection error."},
    {"export-questions", cmd_export_questions,
     "--contest CODE --format moodle|csv|native [-o FILE]",
     "Write a contest's current questions (retired versions left out) to FILE or standard\n"
     "output, as Moodle XML, CSV UTF-8 with BOM or this project's question-bank XML. The\n"
     "export read back with import-questions changes nothing."},
    /* results (qc_results.c) */
    {"results", cmd_results,
     "--contest CODE [--round SEQ] [--group CODE] [--format csv] [--units] [--rebuild]",
     "Print the ranking of round SEQ (0 or none: the whole contest), of everyone or of one\n"
     "group, as CSV (UTF-8 with BOM): position, the rule that separated each contestant from\n"
     "the one above (score, time, prediction, committee; tie: awaiting the committee), prize.\n"
     "With --units, the unit statistics and the collective ranking instead. --rebuild first\n"
     "recomputes every counted result from the attempts (after a bulk load or a repair)."},
    {"publish", cmd_publish, "--contest CODE --round SEQ --by NAME [--withdraw]",
     "Publish the results of a closed round (0: of the whole contest) to contestants and the\n"
     "public, or withdraw them; who did it is recorded and logged."},
    {"committee-order", cmd_committee_order,
     "--contest CODE [--round SEQ] [--group CODE] --by NAME --reason TEXT ID,ID,...",
     "Record the organising committee's order for contestants tied on score, time and\n"
     "prediction in a ranking (ids in the decided order; they must be exactly one tie)."},
    {"move-account", cmd_move_account,
     "--contest CODE --phone PHONE --unit UNITCODE [--group CODE]",
     "Move an account to another unit (and group); its results count there from now on."},
    {"gen-population", cmd_gen_population,
     "--contest CODE --contestants N [--attempts-each A] [--units U] [--batch B]\n"
     "                  [--parent-unit CODE] [--prediction-range R]",
     "Generate a synthetic population for scale tests: U units (under --parent-unit), N\n"
     "contestants spread over them (phones 08BB......, no password), A finished attempts each\n"
     "spread over the rounds, with scores, times and predictions from a hash. Then the\n"
     "counted results are rebuilt. Each run needs its own --batch (0-99). Never on a real\n"
     "contest."},
    {NULL, NULL, NULL, NULL}};

static void usage(void)
{
    const command_t *c;
    printf(
        "usage: quizcontest-admin [--db PARAMS | --config FILE] COMMAND [OPTIONS]\n\n"
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
