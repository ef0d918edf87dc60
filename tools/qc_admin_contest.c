/* quizcontest-admin: a contest's definition and look: load-contest, export-contest,
 * import-contest (the secretariat's definition file) and check-theme (the page stylesheets). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <apr_strings.h>

#include "qc_admin.h"

#include "qc_definition.h"
#include "qc_definition_store.h"
#include "qc_status.h"
#include "qc_xslt.h"

int qc_admin_cmd_load_contest(tool_t *t)
{
    const char *file = qc_admin_positional(t, 0), *errmsg = NULL, *id = NULL;
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
    {
        int i;
        for (i = 0; i < def->warnings->nelts; i++) {
            fprintf(stderr, "%s: warning: %s\n", file, APR_ARRAY_IDX(def->warnings, i, const char *));
        }
    }
    if (qc_admin_flag(t, "--check")) {
        printf("%s: contest %s is valid: %d round(s), %d unit(s)\n", file, def->code,
               def->rounds->nelts, def->units->nelts);
        return 0;
    }
    if (!qc_admin_connect(t, 1, &db)) {
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

int qc_admin_cmd_check_theme(tool_t *t)
{
    const char *dir = qc_admin_positional(t, 0), *errmsg = NULL;
    qc_xslt_set_t *set;
    qc_messages_t *msgs;
    if (!dir) {
        dir = QC_DATADIR "/xslt";
    }
    if (qc_xslt_compile(t->p, dir, qc_admin_option(t, "--layout"), &set, &errmsg) != APR_SUCCESS ||
        qc_messages_load(t->p, apr_pstrcat(t->p, dir, "/messages.xml", NULL),
                         qc_admin_option(t, "--messages"), &msgs, &errmsg) != APR_SUCCESS) {
        fprintf(stderr, "quizcontest-admin check-theme: %s\n", errmsg);
        return 1;
    }
    printf("%s: %d page stylesheet(s) and %d message(s) load\n", dir, qc_xslt_count(set),
           qc_messages_count(msgs));
    return 0;
}

/* ==== export-contest / import-contest (the secretariat's definition file) ==================== */

int qc_admin_cmd_export_contest(tool_t *t)
{
    const char *contest = qc_admin_option(t, "--contest"), *out = qc_admin_option(t, "-o"), *xml;
    qc_definition_t *def;
    qc_db_t *db;
    apr_size_t len = 0;
    apr_status_t rv;
    if (!out) {
        out = qc_admin_option(t, "--output");
    }
    if (!contest) {
        fprintf(stderr, "quizcontest-admin export-contest: give --contest CODE\n");
        return 2;
    }
    if (!qc_admin_connect(t, 1, &db)) {
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

int qc_admin_cmd_import_contest(tool_t *t)
{
    const char *file = qc_admin_positional(t, 0), *errmsg = NULL, *id = NULL,
               *user = getenv("SUDO_USER");
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
    if (!qc_admin_connect(t, 1, &db)) {
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
    if (qc_admin_flag(t, "--dry-run")) {
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
