/* quizcontest-admin's historical import-bank, now one reader for every format: the file is read
 * by qc_qbank_read (format detected) and stored by qc_qbank_store, all or nothing. */
#include <string.h>
#include <apr_file_io.h>
#include <apr_strings.h>
#include "qc_bank.h"
#include "qc_qbank.h"
#include "qc_status.h"

apr_status_t qc_bank_import(qc_db_t *db, apr_pool_t *p, const char *contest_code, const char *path,
                            qc_bank_stats_t *st, const char **errmsg)
{
    apr_file_t *f;
    apr_finfo_t fi;
    apr_size_t len;
    char *data;
    qc_qbank_t *bank;
    apr_status_t rv;
    int i;

    memset(st, 0, sizeof(*st));
    *errmsg = NULL;
    rv = apr_file_open(&f, path, APR_FOPEN_READ | APR_FOPEN_BINARY, 0, p);
    if (rv == APR_SUCCESS) {
        rv = apr_file_info_get(&fi, APR_FINFO_SIZE, f);
    }
    if (rv != APR_SUCCESS) {
        *errmsg = apr_psprintf(p, "%s: cannot read the file", path);
        return rv;
    }
    len = fi.size > QC_QBANK_MAX_BYTES ? QC_QBANK_MAX_BYTES + 1 : (apr_size_t)fi.size;
    data = apr_palloc(p, len + 1);
    rv = apr_file_read_full(f, data, len, &len);
    apr_file_close(f);
    if (rv != APR_SUCCESS && rv != APR_EOF) {
        *errmsg = apr_psprintf(p, "%s: cannot read the file", path);
        return rv;
    }
    rv = qc_qbank_read(p, data, len, "auto", NULL, &bank, errmsg);
    if (rv != APR_SUCCESS) {
        *errmsg = apr_psprintf(p, "%s: %s", path, *errmsg);
        return rv;
    }
    if (bank->rejects->nelts || bank->duplicates->nelts) {
        const char *m = apr_psprintf(p,
                                     "%s: %d question(s) rejected, %d duplicate(s); nothing "
                                     "stored:",
                                     path, bank->rejects->nelts, bank->duplicates->nelts);
        for (i = 0; i < bank->rejects->nelts; i++) {
            const qc_qreject_t *j = &APR_ARRAY_IDX(bank->rejects, i, qc_qreject_t);
            m = apr_psprintf(p, "%s\n  %s:%d: %s (%s)", m, path, j->line, j->reason, j->what);
        }
        for (i = 0; i < bank->duplicates->nelts; i++) {
            const qc_qreject_t *j = &APR_ARRAY_IDX(bank->duplicates, i, qc_qreject_t);
            m = apr_psprintf(p, "%s\n  %s:%d: %s (%s)", m, path, j->line, j->reason, j->what);
        }
        *errmsg = m;
        return QC_EINPUT;
    }
    return qc_qbank_store(db, p, contest_code, bank, 0, st, errmsg);
}
