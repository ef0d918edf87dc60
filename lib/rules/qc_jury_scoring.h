/**
 * @file qc_jury_scoring.h
 * How a jury's scores become a result, as pure functions (no database): a judge's total over
 * the criteria of an entry, which counts only once the judge scored every criterion; an
 * entry's final score from its judges' totals (their mean, optionally without one highest and
 * one lowest); the points as shown (hundredths, rounded half up); the ranking of entries with
 * the committee's order for ties and the prizes (the contest's rule, qc_rank.h); and whether a
 * judge belongs to the unit of an entry. Shared by the video-clip part and the on-stage contest.
 */
#ifndef QC_JURY_SCORING_H
#define QC_JURY_SCORING_H

#include <apr_pools.h>
#include "qc_rank.h"

/** The most judge totals an entry's final score is computed from (more are left out). */
#define QC_JURY_MAX_JUDGES 256

/** A judge's total over the criteria of one entry: the sum of points[0..n) (0 when n is 0). */
apr_int64_t qc_jury_judge_total(const apr_int64_t *points, int n);

/** Whether a judge who scored `scored` of an entry's `ncriteria` criteria has a total that
 *  counts towards the entry's final score: only a judge who scored every criterion does. */
int qc_jury_judge_counts(apr_int64_t scored, int ncriteria);

/**
 * The final score of an entry from its judges' totals, in thousandths of a point: the mean
 * of totals[0..n), rounded half up; with drop_extremes and at least 3 totals, one highest and
 * one lowest are left out first. 0 when n is 0; only the first QC_JURY_MAX_JUDGES count.
 */
apr_int64_t qc_jury_final_milli(const int *totals, int n, int drop_extremes);

/** Points given in thousandths, as shown: two decimals, rounded half up ("75.33" for 75333,
 *  "1.67" for 1665). milli is never negative. */
const char *qc_jury_points_text(apr_pool_t *p, apr_int64_t milli);

/**
 * Does a judge of unit `judge_unit` ("" when the judge belongs to none) belong to the entry of
 * unit `entry_unit`, whose parent unit is `entry_parent` ("" when none)? A judge of the entry's
 * own unit, or of the unit above it, does (the page flags the entry); a judge of no unit never.
 */
int qc_jury_own_unit(const char *judge_unit, const char *entry_unit, const char *entry_parent);

/** Whether a judge's total for an entry is left out of its mean (recusal): a judge of the
 *  entry's own unit or the unit above it (qc_jury_own_unit) is, unless count_own_unit. */
int qc_jury_recused(const char *judge_unit, const char *entry_unit, const char *entry_parent,
                    int count_own_unit);

/** One entry to rank: its final score and the committee's order for a tie. */
typedef struct {
    const char *entry_id;
    apr_int64_t final_milli;
    int committee_order; /**< 0: none */
    /* results */
    int position;      /**< 1-based; tied entries share it */
    int pending;       /**< in a tie awaiting the committee */
    int tier;          /**< the prize (index into the tiers), -1: none */
    int tier_low;      /**< with prize_pending: the worst prize it may get */
    int prize_pending; /**< a committee tie spans a prize boundary */
} qc_jury_ranked_t;

/** Rank entries e[0..n) (reordered) with the contest's ranking rule (qc_rank: a tie awaits
 *  the committee's order) and give the prizes of tiers[0..ntiers) (qc_rank_allocate). An
 *  entry with no points (final_milli 0: nobody has scored it) is ranked but takes no prize. */
void qc_jury_rank(apr_pool_t *p, qc_jury_ranked_t *e, int n, const qc_prize_tier_t *tiers,
                  int ntiers);

#endif
