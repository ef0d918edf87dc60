/* quizcontest-admin: the database's upkeep: migrate (the schema's migrations) and sweep
 * (attempts left open past their deadline). */

#include <stdio.h>

#include "qc_admin.h"

#include "qc_app.h"
#include "qc_migrate.h"

int qc_admin_cmd_migrate(tool_t *t)
{
    qc_db_t *db;
    const char *dir = qc_admin_option(t, "--dir");
    const char *errmsg = NULL;
    int applied = 0;
    if (!dir) {
        dir = QC_DATADIR "/migrations";
    }
    if (!qc_admin_connect(t, 0, &db)) {
        return 2;
    }
    if (qc_migrate_apply(db, t->p, dir, &applied, &errmsg) != APR_SUCCESS) {
        fprintf(stderr, "quizcontest-admin migrate: %s\n", errmsg ? errmsg : "failed");
        return 1;
    }
    printf("migrations applied: %d (schema is up to date)\n", applied);
    return 0;
}

int qc_admin_cmd_sweep(tool_t *t)
{
    qc_db_t *db;
    int n = 0;
    if (!qc_admin_connect(t, 1, &db)) {
        return 2;
    }
    if (qc_app_sweep(db, t->p, &n) != APR_SUCCESS) {
        fprintf(stderr, "quizcontest-admin sweep: failed\n");
        return 1;
    }
    printf("finalised %d overdue attempt(s)\n", n);
    return 0;
}
