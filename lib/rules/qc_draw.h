/**
 * @file qc_draw.h
 * The random draw of an attempt's questions and the shuffling of their choices, as pure
 * functions over an in-memory copy of the bank. The caller supplies the random source, so
 * tests can replay a draw; the module uses the operating system's CSPRNG.
 */
#ifndef QC_DRAW_H
#define QC_DRAW_H

#include <apr_pools.h>

/** A question of the bank as the draw sees it. */
typedef struct {
    apr_int64_t id;
    int topic_id;
    int nchoices;
    const apr_int64_t *choice_ids; /* nchoices ids, in the bank's order */
} qc_draw_question_t;

/** How many questions to take from one topic. */
typedef struct {
    int topic_id;
    int count;
} qc_draw_quota_t;

/** One drawn question: which, and in what order its choices are shown. */
typedef struct {
    apr_int64_t question_id;
    int nchoices;
    apr_int64_t *choice_order; /* the question's choice ids, shuffled */
} qc_draw_item_t;

/** Fill buf with len random bytes; returns APR_SUCCESS or an error. */
typedef apr_status_t qc_draw_random_fn(void *baton, unsigned char *buf, apr_size_t len);

/** The default random source: apr_generate_random_bytes (the OS CSPRNG). */
apr_status_t qc_draw_random_os(void *baton, unsigned char *buf, apr_size_t len);

/**
 * An unbiased random integer in [0, bound) from the random source (rejection sampling, no
 * modulo bias). bound must be >= 1.
 */
apr_status_t qc_draw_uniform(qc_draw_random_fn *rnd, void *baton, apr_uint32_t bound,
                             apr_uint32_t *out);

/**
 * Draw `total` distinct questions from bank[0..nbank). With nquotas > 0, exactly quotas[i].count
 * questions come from topic quotas[i].topic_id and the rest (total - sum of counts, if any) from
 * any topic not yet drawn from the remaining questions. The drawn questions are returned in a
 * uniformly random order, each with its choices in a uniformly random order (Fisher-Yates).
 * Returns QC_EINPUT (qc_status.h) when the bank or a topic has too few questions, or when the
 * quotas sum above total.
 */
apr_status_t qc_draw_questions(apr_pool_t *p, const qc_draw_question_t *bank, int nbank, int total,
                               const qc_draw_quota_t *quotas, int nquotas, qc_draw_random_fn *rnd,
                               void *baton, qc_draw_item_t **items);

#endif
