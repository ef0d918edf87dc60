/**
 * @file qc_page_results.h
 * What every page of a ranking writes the same way (qc_page_results.c): the reason of a row
 * and the prize a straddling tie may fall to. The ranking page, the public results and the
 * print page all use them, so the words are the same everywhere.
 */
#ifndef QC_PAGE_RESULTS_H
#define QC_PAGE_RESULTS_H

#include <libxml/tree.h>
#include "qc_ctx.h"
#include "qc_results.h"

/** On entry node n of ranking rk's row i: @rule, the figures separating it from the row above
 *  (@score-gap, @time-gap-ms, @distance-gap) and <reason>, worded from the pair, quoting the
 *  committee's recorded reason. Without `committee` (the public page): <reason> alone, and
 *  the prediction's rule without the distance. */
void qc_page_results_add_reason(qc_ctx_t *ctx, xmlNodePtr n, const qc_ranking_t *rk, int i,
                                int committee);

/** The worst prize a tie straddling a boundary may get, in words ("không đạt giải" past the
 *  last prize). */
const char *qc_page_results_prize_low(apr_pool_t *p, const struct qc_messages *msgs,
                                      const qc_ranking_t *rk, const qc_prize_award_t *a);

#endif
