/* The jury's scoring rules: a judge's total, which totals count, the final score (the mean,
 * optionally without the extremes), points as shown, the ranking of entries with the prizes,
 * and a judge's own unit. */
#include <stdlib.h>
#include <string.h>
#include <apr_strings.h>
#include "qc_jury_scoring.h"

apr_int64_t qc_jury_judge_total(const apr_int64_t *points, int n)
{
    apr_int64_t sum = 0;
    int i;
    for (i = 0; i < n; i++) {
        sum += points[i];
    }
    return sum;
}

int qc_jury_judge_counts(apr_int64_t scored, int ncriteria)
{
    return scored == ncriteria;
}

static int cmp_int(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    return x < y ? -1 : x > y;
}

apr_int64_t qc_jury_final_milli(const int *totals, int n, int drop_extremes)
{
    int sorted[QC_JURY_MAX_JUDGES];
    int i, from = 0, to = n;
    apr_int64_t sum = 0;
    if (n <= 0) {
        return 0;
    }
    if (n > QC_JURY_MAX_JUDGES) {
        n = to = QC_JURY_MAX_JUDGES;
    }
    memcpy(sorted, totals, (size_t)n * sizeof(int));
    qsort(sorted, (size_t)n, sizeof(int), cmp_int);
    if (drop_extremes && n >= 3) {
        from = 1;
        to = n - 1;
    }
    for (i = from; i < to; i++) {
        sum += sorted[i];
    }
    /* mean x 1000, rounded half up (totals are never negative) */
    return (sum * 2000 + (to - from)) / (2 * (apr_int64_t)(to - from));
}

const char *qc_jury_points_text(apr_pool_t *p, apr_int64_t milli)
{
    apr_int64_t hundredths = (milli + 5) / 10; /* rounded half up (never negative) */
    return apr_psprintf(p, "%" APR_INT64_T_FMT ".%02d", hundredths / 100, (int)(hundredths % 100));
}

int qc_jury_own_unit(const char *judge_unit, const char *entry_unit, const char *entry_parent)
{
    return judge_unit && *judge_unit &&
           ((entry_unit && !strcmp(judge_unit, entry_unit)) ||
            (entry_parent && !strcmp(judge_unit, entry_parent)));
}

int qc_jury_recused(const char *judge_unit, const char *entry_unit, const char *entry_parent,
                    int count_own_unit)
{
    return !count_own_unit && qc_jury_own_unit(judge_unit, entry_unit, entry_parent);
}

void qc_jury_rank(apr_pool_t *p, qc_jury_ranked_t *e, int n, const qc_prize_tier_t *tiers,
                  int ntiers)
{
    qc_rank_entry_t *r = apr_pcalloc(p, sizeof(*r) * (apr_size_t)(n ? n : 1));
    qc_prize_award_t *a = apr_pcalloc(p, sizeof(*a) * (apr_size_t)(n ? n : 1));
    qc_jury_ranked_t *copy = apr_pmemdup(p, e, sizeof(*e) * (apr_size_t)(n ? n : 1));
    unsigned char *nothing = apr_pcalloc(p, (apr_size_t)(n ? n : 1));
    int i;
    for (i = 0; i < n; i++) {
        r[i].contestant_id = copy[i].entry_id;
        r[i].score = (int)copy[i].final_milli;
        r[i].committee_order = copy[i].committee_order;
        r[i].data = &copy[i];
    }
    qc_rank_entries(r, n, 0, 0);
    /* an entry with no points (nobody scored it yet) takes no prize */
    for (i = 0; i < n; i++) {
        nothing[i] = ((qc_jury_ranked_t *)r[i].data)->final_milli <= 0;
    }
    qc_rank_allocate(r, n, tiers, ntiers, nothing, a);
    for (i = 0; i < n; i++) {
        e[i] = *(qc_jury_ranked_t *)r[i].data;
        e[i].position = r[i].position;
        e[i].pending = r[i].pending;
        e[i].tier = a[i].tier;
        e[i].tier_low = a[i].tier_low;
        e[i].prize_pending = a[i].pending;
    }
}
