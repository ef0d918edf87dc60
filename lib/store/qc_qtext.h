/**
 * @file qc_qtext.h
 * The texts of questions as a contestant sees them (kind, stem, choices; never the key), kept
 * by each process. A question's text never changes under its id: an edit stores a new version
 * with a new id. So a process keeps every text it has shown, with no invalidation; an entry is
 * also keyed by the question's content hash and checked against the attempt's drawn choice
 * ids, so a database restored or rebuilt under a running server is read afresh.
 */
#ifndef QC_QTEXT_H
#define QC_QTEXT_H

#include <apr_pools.h>
#include <apr_tables.h>
#include "qc_attempt_item.h"
#include "qc_db.h"

/** Give this process its question-text cache, of at most `max_bytes` of text (httpd's
 *  child_init). Without it every read goes to the database. */
apr_status_t qc_qtext_cache_init(apr_pool_t *p, int threaded, apr_size_t max_bytes);

/**
 * The items of attempt `id` as its quiz page shows them (qc_attempt_item_t, by position, the
 * choices in the drawn order, no key): one indexed statement for the items, and the texts
 * from the cache (one statement per question the process has not shown yet).
 */
apr_status_t qc_qtext_attempt_items(qc_db_t *db, apr_pool_t *p, const char *id,
                                    apr_array_header_t **out);

/** An item of an attempt as a statement read it, for qc_qtext_items. */
typedef struct {
    int position;
    const char *question_id;
    const char *choice_order; /**< the drawn choice ids, comma-separated */
    const char *selected;     /**< the saved selection, or NULL */
    const char *content_hash; /**< the question's content hash, or NULL */
} qc_qtext_ref_t;

/** The same for items already read (by the statement of the caller's own page): their
 *  texts from the cache, or from the database for a question this process has not shown. */
apr_status_t qc_qtext_items(qc_db_t *db, apr_pool_t *p, const qc_qtext_ref_t *refs, int nrefs,
                            apr_array_header_t **out);

/** The refs of rows whose five columns from `col` on are position, question id, drawn choice
 *  order, selection and content hash, one row per item; a row whose
 *  position is NULL (an outer join that found no item) is left out. For the store files whose
 *  statements select those columns. */
void qc_qtext_refs_of_rows(apr_pool_t *p, const qc_rows_t *rows, int col, qc_qtext_ref_t **refs,
                           int *nrefs);

#endif
