/**
 * @file qc_rank.h
 * The ranking rule of the contest, as pure functions (no database): order the contestants'
 * counted results by score (high to low), then time taken (short to long, in milliseconds),
 * then the distance between their prediction and the target (small to large); a tie still
 * standing is ordered by the organising committee, and until it is, the tied contestants share
 * a position and are marked as awaiting the committee. For every adjacent pair the rule that
 * separated them is kept, so the page can say why one is above the other.
 *
 * Also here: prizes allocated down a ranking from a prize structure (a committee tie across a
 * prize boundary is flagged, never resolved by the program), the collective formulas, and the
 * roll-up of unit statistics up the unit tree.
 */
#ifndef QC_RANK_H
#define QC_RANK_H

#include <apr_pools.h>

/** What separated an entry from the one just above it. */
typedef enum {
    QC_RULE_FIRST = 0,  /**< the first entry: nothing above it */
    QC_RULE_SCORE,      /**< a higher score above */
    QC_RULE_TIME,       /**< the same score, a shorter time above */
    QC_RULE_PREDICTION, /**< same score and time, a closer prediction above */
    QC_RULE_COMMITTEE,  /**< all equal: the committee's recorded order */
    QC_RULE_TIE         /**< all equal and not (yet) ordered: awaiting the committee */
} qc_rank_rule_t;

/** One contestant's counted result; the fields after `committee_order` are filled in. */
typedef struct {
    const char *contestant_id;
    int score;
    apr_int64_t time_ms;
    int has_prediction; /**< 0: no prediction given (ranked after every distance) */
    apr_int64_t prediction;
    int committee_order; /**< the committee's order within its tie (1, 2...), 0: none */
    void *data;          /**< the caller's, carried along */
    /* results */
    int position;         /**< 1-based; tied entries share it (1, 2, 2, 4) */
    qc_rank_rule_t rule;  /**< what separated this entry from the previous one */
    int pending;          /**< in a tie awaiting the committee's decision */
    int tie_size;         /**< entries equal on score, time and distance (1: none) */
    apr_int64_t distance; /**< |prediction - target|; -1 without prediction or target */
} qc_rank_entry_t;

/**
 * Rank n entries in place (they are reordered). Without a target (has_target 0) the prediction
 * separates nobody. Entries equal on score, time and distance are ordered by their
 * committee_order when every one of them has a distinct one (rule COMMITTEE); otherwise they
 * share a position, are marked pending and are listed by contestant id.
 */
void qc_rank_entries(qc_rank_entry_t *e, int n, int has_target, apr_int64_t target);

/** "score", "time", "prediction", "committee", "tie" or "" for the first entry. */
const char *qc_rank_rule_name(qc_rank_rule_t rule);

/** The figures separating an entry from the one above it. */
typedef struct {
    qc_rank_rule_t rule;      /**< FIRST when there is nothing above */
    int score_gap;            /**< above's score minus this one's (0 or more) */
    apr_int64_t time_gap_ms;  /**< this one's time minus above's (0 or more) */
    apr_int64_t distance_gap; /**< this one's distance minus above's; -1 when either has none */
} qc_rank_gap_t;

/** The figures between entry e and `above` (NULL: e is the first), as qc_rank_entries left
 *  them. */
void qc_rank_gap(const qc_rank_entry_t *above, const qc_rank_entry_t *e, qc_rank_gap_t *g);

struct qc_messages;

/**
 * Why e stands below `above` (NULL for the first entry), worded from the pair with the figures
 * that decide it, in the messages' language: "kém người xếp trên 2 điểm (8 so với 10)",
 * "cùng điểm, chậm hơn 0,012 giây", "cùng điểm và thời gian, dự đoán xa hơn 3", "Ban Tổ chức
 * quyết định: <committee_reason>"... The keys are results.reason.* in messages.xml.
 */
const char *qc_rank_reason(apr_pool_t *p, const struct qc_messages *msgs,
                           const qc_rank_entry_t *above, const qc_rank_entry_t *e,
                           const char *committee_reason);

/** One line of a prize structure: count prizes called title, in rank order. */
typedef struct {
    const char *title;
    int count;
    apr_int64_t amount; /**< đồng; 0 when not set */
} qc_prize_tier_t;

/** A prize given to a ranked entry. */
typedef struct {
    int tier;    /**< index into the tiers; -1: no prize */
    int pending; /**< a committee tie spans a prize boundary: tier is the best it may get,
                        tier_low the worst (-1: possibly none); the committee must decide */
    int tier_low;
    int skipped; /**< not eligible for a prize here (already won one, or flagged) */
} qc_prize_award_t;

/**
 * Allocate the prizes of tiers[0..ntiers) down ranked entries e[0..n) (as qc_rank_entries
 * left them). ineligible (may be NULL) marks entries that may not take a prize here — a prize
 * already won in this round or contest, or an account flagged by eligibility checks: they are
 * passed over and the next entries move up. Entries sharing a position take the same prize
 * when their slots lie within one tier; when they straddle a boundary (two tiers, or the end of
 * the prizes) every one of them is marked pending, and the slots they occupy are used up.
 * Returns the number of prizes given, pending ones counted.
 */
int qc_rank_allocate(const qc_rank_entry_t *e, int n, const qc_prize_tier_t *tiers, int ntiers,
                     const unsigned char *ineligible, qc_prize_award_t *awards);

/** The collective formulas a contest definition may name. */
typedef enum {
    QC_COLLECTIVE_NONE = 0,             /**< no collective ranking */
    QC_COLLECTIVE_MANUAL,               /**< "manual": the committee decides; stats only */
    QC_COLLECTIVE_PARTICIPATION_PRIZES, /**< "participation-and-prizes": rate, then prizes */
    QC_COLLECTIVE_PARTICIPANTS_QUALITY  /**< "participants-and-quality": number, then average */
} qc_collective_formula_t;

qc_collective_formula_t qc_rank_collective_formula(const char *name);

/** A unit's statistics. Set the inputs; qc_rank_rollup fills the totals, qc_rank_collective
 *  the position. */
typedef struct {
    const char *id;
    const char *parent_id; /**< NULL at the top */
    apr_int64_t headcount; /**< staff count; -1 when unknown */
    int reg_quota;         /**< registrations required; -1 none */
    void *data;
    /* the unit's own accounts (not its sub-units') */
    int registered;
    int registered_in_time; /**< registered before the quota deadline */
    int participants;       /**< accounts with a finalised attempt */
    int attempts;           /**< finalised attempts */
    int counted;            /**< counted results (contestant x round) */
    apr_int64_t score_sum;  /**< sum of the counted scores */
    int prizes;             /**< individual prizes won */
    /* totals over the unit and everything below it */
    int t_registered, t_registered_in_time, t_participants, t_attempts, t_counted, t_prizes;
    apr_int64_t t_score_sum;
    apr_int64_t t_headcount; /**< own headcount, or the sum of the sub-units' when unknown */
    int depth;               /**< 0 at the top */
    int rate_bp;             /**< participation rate in 1/100 of a percent; -1 unknown */
    int avg_milli;           /**< average counted score x 1000; -1 without results */
    int quota_state;         /**< -1 no quota, 0 not met, 1 met */
    /* collective ranking */
    int position; /**< 0: not ranked */
} qc_unit_stat_t;

/**
 * Roll the statistics of n units up their tree (parent_id refers to another unit's id).
 * APR_EINVAL when a parent is unknown or the tree has a cycle.
 */
apr_status_t qc_rank_rollup(apr_pool_t *p, qc_unit_stat_t *u, int n);

/**
 * Rank the units u[0..n) by the formula, from their totals, in place (reordered): PARTICIPATION
 * _PRIZES by participation rate then individual prizes won; PARTICIPANTS_QUALITY by number of
 * participants then average counted score. Units the formula cannot rank (no known headcount
 * for a rate) get position 0 and come last. MANUAL and NONE rank nobody.
 */
void qc_rank_collective(qc_unit_stat_t *u, int n, qc_collective_formula_t formula);

#endif
