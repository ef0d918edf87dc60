/*
 * quizcontest-admin: what administrators script. It talks to MariaDB through the same apr_dbd
 * driver as the module, with the same prepared statements (lib/store/qc_sql.c).
 *
 *   quizcontest-admin [--db PARAMS | --config FILE] COMMAND [OPTIONS] [ARGS]
 *
 * The connection is a DBDParams string ("host=..,sock=..,user=..,pass=..,dbname=..") given
 * with --db, or read from a file with lines "DBDriver mysql" and DBDParams "...", the same
 * words as in httpd.conf, or from $QUIZCONTEST_DBD_PARAMS.
 *
 * This file: the options before the command, the command table and --help, and the helpers
 * every command uses (qc_admin.h); the commands are in one file per group (qc_admin_*.c).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <apr_general.h>
#include <apr_file_io.h>
#include <apr_strings.h>
#include <apr_lib.h>

#include "qc_admin.h"
#include "qc_messages.h"

#include "qc_util.h"
#include "qc_xslt.h"

/* A command: its name, its function, its options and arguments, and what --help says. */
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

const char *qc_admin_option(tool_t *t, const char *name)
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

int qc_admin_flag(tool_t *t, const char *name)
{
    int i;
    for (i = 0; i < t->argc; i++) {
        if (!strcmp(t->argv[i], name)) {
            return 1;
        }
    }
    return 0;
}

const char *qc_admin_positional(tool_t *t, int index)
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

int qc_admin_connect(tool_t *t, int prepare_all, qc_db_t **db)
{
    const char *errmsg = NULL;
    if (!t->params) {
        fprintf(stderr, "quizcontest-admin: no database given: use --db PARAMS, --config FILE, "
                        "$QUIZCONTEST_DBD_PARAMS or " QC_ADMIN_DEFAULT_CONFIG "\n");
        return 0;
    }
    if (qc_db_open(t->p, t->driver, t->params, prepare_all, db, &errmsg) != APR_SUCCESS) {
        fprintf(stderr, "quizcontest-admin: %s\n", errmsg);
        return 0;
    }
    return 1;
}

apr_int64_t qc_admin_int_option(tool_t *t, const char *name, apr_int64_t min, apr_int64_t max,
                                apr_int64_t def)
{
    const char *s = qc_admin_option(t, name);
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

static const command_t commands[] = {
    {"setup-database", qc_admin_cmd_setup_database,
     "[--socket PATH] [--database NAME] [--user NAME] [--admin-user NAME] [--dir DIR]",
     "Run as root on the database's machine: create the database NAME (default quizcontest;\n"
     "utf8mb4, utf8mb4_vietnamese_ci) and the account NAME@localhost (default quizcontest) on\n"
     "the local MariaDB through its unix socket (default /run/mysqld/mysqld.sock) as\n"
     "--admin-user (default root, by unix-socket authentication), write this tool's\n"
     "configuration (--config FILE, default " QC_ADMIN_DEFAULT_CONFIG ", mode 0640) with the\n"
     "account's DBDParams, and apply the migrations (from DIR). Safe to run again: the data\n"
     "is kept and so is the password the configuration file has."},
    {"migrate", qc_admin_cmd_migrate, "[--dir DIR]",
     "Apply the schema migrations not yet applied (from DIR, default " QC_DATADIR
     "/migrations).\nSafe to run again: applied migrations are skipped; a changed one is "
     "refused."},
    {"load-contest", qc_admin_cmd_load_contest, "[--check] FILE",
     "Create or update a contest from its definition file (conf/contests/*.xml).\n"
     "With --check, only validate the file."},
    {"import-bank", qc_admin_cmd_import_questions, "--contest CODE FILE",
     "The former name of import-questions (same options): import a question bank file into\n"
     "a contest. A question whose text, choices or key changed becomes a new version;\n"
     "attempts keep the version they drew."},
    {"create-account", qc_admin_cmd_create_account,
     "--contest CODE --name NAME --dob DATE --phone PHONE --unit UNITCODE [--group CODE] "
     "[--cccd ID] [--email MAIL] [--bcrypt-cost N] < password",
     "Register a contestant with the same checks as the web form (password on stdin)."},
    {"set-password", qc_admin_cmd_set_password,
     "--contest CODE --phone PHONE [--bcrypt-cost N] < password",
     "Reset a contestant's password (the secretariat's reset; password on stdin). Give the "
     "--bcrypt-cost of QuizContestBcryptCost when the server sets one (default 10)."},
    {"export-contest", qc_admin_cmd_export_contest, "--contest CODE [-o FILE]",
     "Write a contest from the database as its definition file (to FILE, or standard output).\n"
     "The file validates against the schema and loads back to the same contest."},
    {"import-contest", qc_admin_cmd_import_contest, "[--dry-run] FILE",
     "Validate a definition file, show which settings change (before -> after), and store it\n"
     "in one transaction with an audit entry. With --dry-run, store nothing."},
    {"sweep", qc_admin_cmd_sweep, "",
     "Finalise attempts left open past their deadline, with their saved answers.\n"
     "The module does this by itself now and then; run it from cron as well if you like."},
    {"check-theme", qc_admin_cmd_check_theme, "[--layout FILE] [--messages FILE] [DIR]",
     "Compile the page stylesheets of DIR and load its messages, as the module would."},
    /* ---- question-bank exchange formats ---- */
    {"import-questions", qc_admin_cmd_import_questions,
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
    {"export-questions", qc_admin_cmd_export_questions,
     "--contest CODE --format moodle|csv|native [-o FILE]",
     "Write a contest's current questions (retired versions left out) to FILE or standard\n"
     "output, as Moodle XML, CSV UTF-8 with BOM or this project's question-bank XML. The\n"
     "export read back with import-questions changes nothing."},
    /* results (qc_results.c) */
    {"results", qc_admin_cmd_results,
     "--contest CODE [--round SEQ] [--group CODE] [--format csv] [--units] [--rebuild] [--messages FILE]",
     "Print the ranking of round SEQ (0 or none: the whole contest), of everyone or of one\n"
     "group, as CSV (UTF-8 with BOM): position, the rule that separated each contestant from\n"
     "the one above (score, time, prediction, committee; tie: awaiting the committee), prize.\n"
     "With --units, the unit statistics and the collective ranking instead. --rebuild first\n"
     "recomputes every counted result from the attempts (after a bulk load or a repair)."},
    {"publish", qc_admin_cmd_publish, "--contest CODE --round SEQ --by NAME [--withdraw]",
     "Publish the results of a closed round (0: of the whole contest) to contestants and the\n"
     "public, or withdraw them; who did it is recorded and logged."},
    {"committee-order", qc_admin_cmd_committee_order,
     "--contest CODE [--round SEQ] [--group CODE] --by NAME --reason TEXT ID,ID,...",
     "Record the organising committee's order for contestants tied on score, time and\n"
     "prediction in a ranking (ids in the decided order; they must be exactly one tie)."},
    {"move-account", qc_admin_cmd_move_account,
     "--contest CODE --phone PHONE --unit UNITCODE [--group CODE]",
     "Move an account to another unit (and group); its results count there from now on."},
    {"gen-population", qc_admin_cmd_gen_population,
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
        "  --config FILE   a file with DBDriver and DBDParams lines "
        "(default " QC_ADMIN_DEFAULT_CONFIG ")\n\ncommands:\n");
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
    /* setup-database writes the configuration file: it need not exist yet */
    t.config = config;
    if (!t.params && config && !read_config(&t, config, c->run != qc_admin_cmd_setup_database)) {
        return 2;
    }
    if (!t.params && getenv("QUIZCONTEST_DBD_PARAMS")) {
        t.params = getenv("QUIZCONTEST_DBD_PARAMS");
    }
    if (!t.params && !config && !read_config(&t, QC_ADMIN_DEFAULT_CONFIG, 0)) {
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

/* --messages FILE, else the installed messages.xml; NULL when neither loads (the texts are
 * then printed as their keys). */
const qc_messages_t *qc_admin_messages(tool_t *t)
{
    qc_messages_t *msgs = NULL;
    const char *path = qc_admin_option(t, "--messages"), *errmsg = NULL;
    if (!path) {
        path = QC_DATADIR "/xslt/messages.xml";
    }
    if (qc_messages_load(t->p, path, NULL, &msgs, &errmsg) != APR_SUCCESS) {
        return NULL;
    }
    return msgs;
}
