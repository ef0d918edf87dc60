/**
 * @file qc_population.h
 * Synthetic populations for scale tests and the benchmark (quizcontest-admin gen-population):
 * units, contestants who cannot log in (password hash '!'), and finished attempts with scores,
 * times and predictions derived from a hash, written in a few INSERT ... SELECT statements.
 */
#ifndef QC_POPULATION_H
#define QC_POPULATION_H

#include <apr_pools.h>
#include "qc_contest.h"
#include "qc_db.h"

/** What to generate: `contestants` accounts spread over `units` new units (under
 *  `parent_unit_id`, "" for none), each unit's headcount `headcount`; `attempts_each` finished
 *  attempts per contestant over the contest's rounds, predictions in [0, prediction_range).
 *  `batch` (0-99) keeps the phones and unit codes of separate runs apart. */
typedef struct {
    const char *parent_unit_id;
    apr_int64_t contestants, units, headcount, attempts_each, prediction_range, batch;
} qc_population_spec_t;

/** What was written. */
typedef struct {
    int units, contestants, attempts;
} qc_population_made_t;

/**
 * Generate the population into `contest` (which has at least one round), and rebuild its
 * counted results. A batch number used before makes the database refuse it (QC_ECONFLICT or
 * QC_EDB) with nothing of the refused statement written.
 */
apr_status_t qc_population_generate(qc_db_t *db, apr_pool_t *p, const qc_contest_t *contest,
                                    const qc_population_spec_t *spec, qc_population_made_t *made);

#endif
