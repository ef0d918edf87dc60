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

/**
 * The same from rows already read: five columns from `col` on (position, question id, drawn
 * choice order, selection, content hash), one row per item; a row whose position is NULL (an
 * outer join that found no item) is skipped.
 */
apr_status_t qc_qtext_items_of_rows(qc_db_t *db, apr_pool_t *p, const qc_rows_t *rows, int col,
                                    apr_array_header_t **out);

#endif
