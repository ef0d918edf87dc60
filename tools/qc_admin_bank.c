/* quizcontest-admin: question banks: import-questions (and its former name import-bank) and
 * export-questions, in every exchange format of lib/rules/qc_qbank.h. */
#include <stdio.h>
#include <string.h>
#include <apr_file_io.h>

#include "qc_admin.h"

#include "qc_qbank.h"
#include "qc_qbank_store.h"

/* ---- question banks (lib/qc_qbank.h) ------------------------------------------------------- */

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
int qc_admin_cmd_import_questions(tool_t *t)
{
    const char *file = qc_admin_positional(t, 0), *contest = qc_admin_option(t, "--contest"),
               *errmsg = NULL;
    const char *format = qc_admin_option(t, "--format"), *data = NULL;
    int dry_run = qc_admin_flag(t, "--dry-run"), skip = qc_admin_flag(t, "--skip-rejected"),
        problems;
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
    msgs = qc_admin_messages(t);
    if (!format) {
        format = qc_qbank_format_of_name(file); /* a .xlsx is read as one, or refused */
    }
    if (qc_qbank_read(t->p, data, len, format ? format : "auto", msgs, &bank, &errmsg) !=
        APR_SUCCESS) {
        fprintf(stderr, "quizcontest-admin import-questions: %s: file refused: %s\n", file, errmsg);
        return 1;
    }
    if (!qc_admin_connect(t, 1, &db)) {
        return 2;
    }
    if (qc_qbank_check_bank(db, t->p, contest, bank, msgs, &errmsg) != APR_SUCCESS) {
        fprintf(stderr, "quizcontest-admin import-questions: %s\n", errmsg);
        return 1;
    }
    problems = qc_qbank_left_out(bank);
    printf("%s: format %s; %d question(s) accepted, %d rejected, %d duplicate(s)\n", file,
           bank->format, bank->questions->nelts, bank->rejects->nelts, bank->duplicates->nelts);
    print_report_lines(bank->rejects, "rejected");
    print_report_lines(bank->duplicates, "duplicate");
    if (problems && !msgs) {
        fprintf(stderr, "quizcontest-admin: messages.xml not found: reasons shown as keys "
                        "(give --messages FILE)\n");
    }
    if (!qc_qbank_may_store(bank, skip) && !dry_run) {
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
    if (dry_run && !qc_qbank_may_store(bank, skip)) {
        fprintf(stderr,
                "quizcontest-admin import-questions: the import would be refused: "
                "%d question(s) rejected or duplicated (--skip-rejected stores the "
                "others)\n",
                problems);
        return 1;
    }
    return 0;
}

int qc_admin_cmd_export_questions(tool_t *t)
{
    const char *contest = qc_admin_option(t, "--contest"), *format = qc_admin_option(t, "--format");
    const char *path = qc_admin_option(t, "-o"), *errmsg = NULL, *out = NULL;
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
    if (!qc_admin_connect(t, 1, &db)) {
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
