/**
 * @file qc_bank.h
 * The question bank file (namespace QC_BANK_NS; read and written by qc_qbank.h): topics holding single- and multiple-answer
 * questions, each with its choices, the correct ones marked, and an explanation. Importing
 * never changes a question under an attempt: a question whose text, choices or key changed is
 * retired and stored again as a new version; an unchanged one is left alone.
 */
#ifndef QC_BANK_H
#define QC_BANK_H

#include <apr_pools.h>
#include "qc_db.h"

#define QC_BANK_NS "urn:quizcontest:question-bank:1"

/** Counts of an import. */
typedef struct {
    int topics, added, changed, unchanged;
} qc_bank_stats_t;

/** Import the bank file `path`, in any format qc_qbank_read knows, into contest
 *  `contest_code` (one transaction; refused when a question is rejected or duplicated). */
apr_status_t qc_bank_import(qc_db_t *db, apr_pool_t *p, const char *contest_code, const char *path,
                            qc_bank_stats_t *stats, const char **errmsg);

#endif
