/**
 * @file qc_qbank_store.h
 * The database side of a question bank (lib/rules/qc_qbank.h reads and writes the files):
 * storing a bank read from a file into a contest, the secretariat's import of a staged file,
 * a question written by hand, and loading a contest's current bank for export.
 */
#ifndef QC_QBANK_STORE_H
#define QC_QBANK_STORE_H

#include <apr_pools.h>
#include "qc_audit.h"
#include "qc_db.h"
#include "qc_qbank.h"

/** Counts of an import (qc_qbank_store). */
typedef struct {
    int topics, added, changed, unchanged;
} qc_qbank_stats_t;

/**
 * Store bank->questions into the contest `contest_code`, all or nothing in one transaction:
 * topics created as needed (a topic without a code in the file is the contest's topic of the
 * same title, or a new one coded qc_qbank_topic_slug), each question added, left alone when
 * unchanged, or retired and stored again as a new version when changed (a question moved to
 * another topic only moves). With dry_run the transaction is rolled back: the counts say what
 * an import would do. Rejects and duplicates of the bank are not looked at: the caller decides
 * whether a bank with rejects is stored. Returns APR_SUCCESS, QC_ENOTFOUND (no such contest) or
 * a database status; *errmsg (English, for the administrator) says why.
 */
apr_status_t qc_qbank_store(qc_db_t *db, apr_pool_t *p, const char *contest_code,
                            const qc_qbank_t *bank, int dry_run, qc_qbank_stats_t *stats,
                            const char **errmsg);

/**
 * The duplicates against the contest's bank (qc_qbank_drop_known with its current questions):
 * each accepted question whose stem a current question has under another code is moved to
 * bank->duplicates, its reason formatted with msgs. Called by every import (the secretariat's
 * preview and confirmation, quizcontest-admin) before qc_qbank_may_store decides. QC_ENOTFOUND
 * when there is no such contest.
 */
apr_status_t qc_qbank_check_bank(qc_db_t *db, apr_pool_t *p, const char *contest_code,
                                 qc_qbank_t *bank, const qc_messages_t *msgs, const char **errmsg);

/**
 * The secretariat's import of a file it previewed and confirmed: qc_qbank_store of bank
 * (dry_run 0) in one transaction with claiming the staged file under `staging_token`
 * (qc_staging_claim) and the audit-log entry "bank.import" naming `filename`. QC_ENOTFOUND
 * with *errmsg NULL when the staged file was claimed already (a confirmation sent twice at
 * once): nothing is stored.
 */
apr_status_t qc_qbank_import_staged(qc_db_t *db, apr_pool_t *p, const char *contest_code,
                                    const qc_qbank_t *bank, const char *staging_token,
                                    const char *filename, const qc_actor_t *actor,
                                    qc_qbank_stats_t *stats, const char **errmsg);

/**
 * A question written or edited by hand on the secretariat's form: stored as qc_qbank_store
 * stores a bank of that one question (an edit keeps its code and becomes a new version), in one
 * transaction with the audit-log entry `action` (object its code, before and after the texts
 * given) when it was added or changed. *question_id is the id of its current version.
 */
apr_status_t qc_qbank_save_question(qc_db_t *db, apr_pool_t *p, const char *contest_code,
                                    const qc_qquestion_t *q, const qc_actor_t *actor,
                                    const char *action, const char *before, const char *after,
                                    qc_qbank_stats_t *stats, apr_int64_t *question_id,
                                    const char **errmsg);

/** The contest's current (non-retired) questions with their topics and codes, in topic order,
 *  as a bank (format "native") ready for a writer. QC_ENOTFOUND when there is no such contest. */
apr_status_t qc_qbank_load(qc_db_t *db, apr_pool_t *p, const char *contest_code, qc_qbank_t **bank,
                           const char **errmsg);

#endif
