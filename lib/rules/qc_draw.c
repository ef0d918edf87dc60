/* The random draw of an attempt's questions and the shuffling of their choices. */
#include <string.h>

#include <apr_general.h>
#include <apr_strings.h>

#include "qc_draw.h"
#include "qc_status.h"

/*
 * With a real random source each attempt is rejected with probability below 1/2, so 64
 * rejections in a row (< 2^-64) mean the source is broken (stuck on one value): fail rather
 * than loop for ever.
 */
#define QC_DRAW_MAX_REJECTIONS 64

apr_status_t qc_draw_random_os(void *baton, unsigned char *buf, apr_size_t len)
{
    (void)baton;
    return apr_generate_random_bytes(buf, len);
}

/*
 * Four bytes from the source, read big-endian (so a replayed byte stream gives the same
 * numbers on every platform), are accepted when they are at least 2^32 mod bound: the
 * accepted range then holds a whole number of copies of [0, bound), and r % bound is exactly
 * uniform. bound 1 consumes nothing. A NULL rnd means qc_draw_random_os. Returns APR_EINVAL
 * for bound 0, the source's error if it fails, APR_EGENERAL if it looks stuck.
 */
apr_status_t qc_draw_uniform(qc_draw_random_fn *rnd, void *baton, apr_uint32_t bound,
                             apr_uint32_t *out)
{
    apr_uint32_t threshold;
    int tries;

    if (bound == 0) {
        return APR_EINVAL;
    }
    if (bound == 1) {
        *out = 0;
        return APR_SUCCESS;
    }
    if (rnd == NULL) {
        rnd = qc_draw_random_os;
    }
    threshold = (apr_uint32_t)(0u - bound) % bound;
    for (tries = 0; tries < QC_DRAW_MAX_REJECTIONS; tries++) {
        unsigned char b[4];
        apr_uint32_t r;
        apr_status_t rv = rnd(baton, b, sizeof(b));

        if (rv != APR_SUCCESS) {
            return rv;
        }
        r = ((apr_uint32_t)b[0] << 24) | ((apr_uint32_t)b[1] << 16) | ((apr_uint32_t)b[2] << 8) |
            (apr_uint32_t)b[3];
        if (r >= threshold) {
            *out = r % bound;
            return APR_SUCCESS;
        }
    }
    return APR_EGENERAL;
}

/*
 * Partial Fisher-Yates: afterwards a[0..k) is a uniformly random k-subset of a[0..n), in a
 * uniformly random order (k == n shuffles the whole array).
 */
static apr_status_t qc_draw_pick(qc_draw_random_fn *rnd, void *baton, int *a, int n, int k)
{
    int i;

    for (i = 0; i < k && i < n - 1; i++) {
        apr_uint32_t j;
        apr_status_t rv = qc_draw_uniform(rnd, baton, (apr_uint32_t)(n - i), &j);
        int t;

        if (rv != APR_SUCCESS) {
            return rv;
        }
        t = a[i];
        a[i] = a[i + (int)j];
        a[i + (int)j] = t;
    }
    return APR_SUCCESS;
}

static apr_status_t qc_draw_shuffle_ids(qc_draw_random_fn *rnd, void *baton, apr_int64_t *a, int n)
{
    int i;

    for (i = n - 1; i > 0; i--) {
        apr_uint32_t j;
        apr_status_t rv = qc_draw_uniform(rnd, baton, (apr_uint32_t)(i + 1), &j);
        apr_int64_t t;

        if (rv != APR_SUCCESS) {
            return rv;
        }
        t = a[i];
        a[i] = a[j];
        a[j] = t;
    }
    return APR_SUCCESS;
}

/* Index of the quota for topic, or -1. */
static int qc_draw_quota_of(const qc_draw_quota_t *quotas, int nquotas, int topic)
{
    int i;

    for (i = 0; i < nquotas; i++) {
        if (quotas[i].topic_id == topic) {
            return i;
        }
    }
    return -1;
}

/*
 * The quota topics are drawn first, each from its own questions; the rest come from the
 * questions of the topics that have no quota, so that every quota holds exactly. Then the
 * whole selection is shuffled, and each question's choices. Inputs are checked first:
 * total >= 1, counts >= 0, no topic named by two quotas, and choice lists present; bank ids
 * are assumed distinct. Scratch space lives in a subpool destroyed before returning; *items
 * (total entries, from p) is set on success and to NULL on any error.
 */
apr_status_t qc_draw_questions(apr_pool_t *p, const qc_draw_question_t *bank, int nbank, int total,
                               const qc_draw_quota_t *quotas, int nquotas, qc_draw_random_fn *rnd,
                               void *baton, qc_draw_item_t **items)
{
    apr_pool_t *scratch;
    apr_status_t rv;
    qc_draw_item_t *out;
    int *quota_of, *pool_idx, *chosen;
    int i, q, sum = 0, nchosen = 0;

    *items = NULL;
    if (bank == NULL || nbank < 0 || total < 1 || nquotas < 0 || (nquotas > 0 && !quotas)) {
        return QC_EINPUT;
    }
    for (i = 0; i < nquotas; i++) {
        if (quotas[i].count < 0 || quotas[i].count > total - sum ||
            qc_draw_quota_of(quotas, i, quotas[i].topic_id) >= 0) {
            return QC_EINPUT;
        }
        sum += quotas[i].count;
    }
    if (total > nbank) {
        return QC_EINPUT;
    }
    for (i = 0; i < nbank; i++) {
        if (bank[i].nchoices < 0 || (bank[i].nchoices > 0 && bank[i].choice_ids == NULL)) {
            return QC_EINPUT;
        }
    }

    rv = apr_pool_create(&scratch, p);
    if (rv != APR_SUCCESS) {
        return rv;
    }
    quota_of = apr_palloc(scratch, sizeof(*quota_of) * (apr_size_t)nbank);
    pool_idx = apr_palloc(scratch, sizeof(*pool_idx) * (apr_size_t)nbank);
    chosen = apr_palloc(scratch, sizeof(*chosen) * (apr_size_t)total);

    for (i = 0; i < nbank; i++) {
        quota_of[i] = qc_draw_quota_of(quotas, nquotas, bank[i].topic_id);
    }
    /* q == nquotas is the rest: the topics without a quota (quota_of == -1). */
    for (q = 0; q <= nquotas; q++) {
        int want = q < nquotas ? quotas[q].count : total - sum;
        int n = 0;

        if (want == 0) {
            continue;
        }
        for (i = 0; i < nbank; i++) {
            if (quota_of[i] == (q < nquotas ? q : -1)) {
                pool_idx[n++] = i;
            }
        }
        if (n < want) {
            rv = QC_EINPUT;
            goto leave;
        }
        rv = qc_draw_pick(rnd, baton, pool_idx, n, want);
        if (rv != APR_SUCCESS) {
            goto leave;
        }
        memcpy(chosen + nchosen, pool_idx, sizeof(*chosen) * (apr_size_t)want);
        nchosen += want;
    }

    rv = qc_draw_pick(rnd, baton, chosen, total, total);
    if (rv != APR_SUCCESS) {
        goto leave;
    }
    out = apr_pcalloc(p, sizeof(*out) * (apr_size_t)total);
    for (i = 0; i < total; i++) {
        const qc_draw_question_t *bq = &bank[chosen[i]];

        out[i].question_id = bq->id;
        out[i].nchoices = bq->nchoices;
        if (bq->nchoices > 0) {
            out[i].choice_order =
                apr_pmemdup(p, bq->choice_ids, sizeof(apr_int64_t) * (apr_size_t)bq->nchoices);
            rv = qc_draw_shuffle_ids(rnd, baton, out[i].choice_order, bq->nchoices);
            if (rv != APR_SUCCESS) {
                goto leave;
            }
        }
    }
    *items = out;

leave:
    apr_pool_destroy(scratch);
    return rv;
}
