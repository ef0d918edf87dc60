/*
 * quizcontest-admin's shared parts: the tool's state, reading a command's options and
 * arguments, and connecting to the database (qc_admin_main.c), and one function per command,
 * each in the file of its group:
 *
 *   qc_admin_database.c    migrate, sweep
 *   qc_admin_contest.c     load-contest, export-contest, import-contest, check-theme
 *   qc_admin_bank.c        import-questions (import-bank), export-questions
 *   qc_admin_accounts.c    create-account, set-password, move-account
 *   qc_admin_results.c     results, publish, committee-order
 *   qc_admin_population.c  gen-population
 *   qc_admin_setup.c       setup-database
 *
 * A command returns the tool's exit status: 0 done, 1 refused or failed, 2 usage or
 * connection error. It runs no SQL of its own: everything goes through lib/.
 */
#ifndef QC_ADMIN_H
#define QC_ADMIN_H

#include <apr_pools.h>

#include "qc_db.h"

#ifndef QC_DATADIR
#define QC_DATADIR "/usr/share/mod_quizcontest"
#endif
#define QC_ADMIN_DEFAULT_CONFIG "/etc/quizcontest/admin.conf"

/* The tool's state: its pool, the connection's driver and DBDParams, and the arguments that
 * follow the command's name. */
typedef struct {
    apr_pool_t *p;
    const char *driver;
    const char *params;
    const char *config; /* --config FILE, or NULL */
    int argc;
    const char *const *argv;
} tool_t;

/* The value of --name VALUE among the command's arguments, or NULL. */
const char *qc_admin_option(tool_t *t, const char *name);

/* Is the flag (an option without a value) among the command's arguments? */
int qc_admin_flag(tool_t *t, const char *name);

struct qc_messages;
/** The interface texts: --messages FILE, else the installed messages.xml; NULL if neither. */
const struct qc_messages *qc_admin_messages(tool_t *t);

/* The index-th argument that is neither an option nor an option's value, or NULL. */
const char *qc_admin_positional(tool_t *t, int index);

/* A whole number in [min, max] from an option, or def when absent; -1 (after a message on
 * standard error) when malformed or out of range. */
apr_int64_t qc_admin_int_option(tool_t *t, const char *name, apr_int64_t min, apr_int64_t max,
                                apr_int64_t def);

/* Opens the database (with every statement prepared when prepare_all); 0 after a message on
 * standard error when there is none to open or it cannot be opened. */
int qc_admin_connect(tool_t *t, int prepare_all, qc_db_t **db);

/* the commands (see the command table in qc_admin_main.c for what each does) */
int qc_admin_cmd_migrate(tool_t *t);
int qc_admin_cmd_sweep(tool_t *t);
int qc_admin_cmd_load_contest(tool_t *t);
int qc_admin_cmd_export_contest(tool_t *t);
int qc_admin_cmd_import_contest(tool_t *t);
int qc_admin_cmd_check_theme(tool_t *t);
int qc_admin_cmd_import_questions(tool_t *t);
int qc_admin_cmd_export_questions(tool_t *t);
int qc_admin_cmd_create_account(tool_t *t);
int qc_admin_cmd_set_password(tool_t *t);
int qc_admin_cmd_move_account(tool_t *t);
int qc_admin_cmd_results(tool_t *t);
int qc_admin_cmd_publish(tool_t *t);
int qc_admin_cmd_committee_order(tool_t *t);
int qc_admin_cmd_gen_population(tool_t *t);
int qc_admin_cmd_setup_database(tool_t *t);

#endif
