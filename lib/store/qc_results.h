/**
 * @file qc_results.h
 * A contest's results from the database: the ranking of a round (or of the whole contest) for
 * everyone or one group, with its prediction target and prize list; unit statistics with the
 * collective ranking; CSV of both; publication and the committee's order for ties. The rules
 * themselves are in qc_rank.h; this file reads the data and applies them.
 *
 * Each contestant's counted attempt is kept in qc_counted by the transaction that finalises an
 * attempt (qc_attempt.c), one row per contestant and round and one for the whole contest
 * (round 0), so a ranking reads one indexed row per contestant.
 */
#ifndef QC_RESULTS_H
#define QC_RESULTS_H

#include <apr_pools.h>
#include <apr_tables.h>
#include "qc_contest.h"
#include "qc_db.h"
#include "qc_rank.h"

/** What a ranked entry carries besides the rule's fields (qc_rank_entry_t.data). */
typedef struct {
    const char *full_name;
    const char *unit_id;
    const char *unit_name;
    const char *group_code;
    int question_count;
    int attempts;
    const char *prediction; /**< as stored, or NULL */
    const char *flags;      /**< eligibility problems: "age", "cccd", "email", comma-separated */
    const char *committee_reason;
} qc_result_info_t;

/** A contest's settings for results (columns of migration 0002). */
typedef struct {
    const char *prediction_target; /**< participants | attempts | perfect | manual */
    const char *prediction_value;  /**< the secretariat's value for manual, or NULL */
    const char *prize_one_per;     /**< round | contest */
    const char *collective_formula;
    const char *collective_unit_kind;
    const char *collective_description;
    const char *reg_quota_deadline; /**< or NULL */
    int contest_published;
    int contest_closed;
} qc_results_settings_t;

/** One ranking: a round (seq > 0) or the whole contest (seq 0), everyone or a group. */
typedef struct {
    int round_seq;
    const char *round_id;     /**< "0" for the whole contest */
    const char *round_title;  /**< NULL for the whole contest */
    const char *group_code;   /**< "" for everyone */
    int closed;               /**< the round / contest has closed: the target is final */
    int published;            /**< shown to contestants and the public */
    const char *published_at; /**< UTC, or NULL */
    const char *target_kind;
    int has_target;
    apr_int64_t target;
    qc_rank_entry_t *entries; /**< ranked; data is a qc_result_info_t */
    int n;                    /**< entries loaded: all, or at least the `need` asked for */
    int total;                /**< entries in the whole ranking */
    qc_prize_tier_t *tiers;   /**< this ranking's prize list (may be empty) */
    int ntiers;
    qc_prize_award_t *awards; /**< per entry */
    int pending_prizes;       /**< entries whose prize awaits the committee */
    const qc_results_settings_t *settings;
} qc_ranking_t;

apr_status_t qc_results_settings(qc_db_t *db, apr_pool_t *p, const qc_contest_t *c,
                                 qc_results_settings_t **out);

/**
 * The ranking of round `round_seq` (0: the whole contest) for group `group_code` ("" or NULL:
 * everyone), with its target and prizes. Prizes already won in earlier lists of the same round
 * (or of the contest, when the contest gives one prize per person per contest) are passed over.
 * need > 0 asks only for the first `need` entries (a page): fewer rows are read when the
 * ranking is long (positions of the head are exact; total still counts everyone); 0: all.
 * QC_ENOTFOUND for an unknown round or group.
 */
apr_status_t qc_results_ranking(qc_db_t *db, apr_pool_t *p, const qc_contest_t *c, int round_seq,
                                const char *group_code, int need, qc_ranking_t **out);

/** Are the results of round `round_seq` (0: the whole contest) published? QC_ENOTFOUND for an
 *  unknown round. Cheap: the public page asks before computing anything. */
apr_status_t qc_results_is_published(qc_db_t *db, apr_pool_t *p, const qc_contest_t *c,
                                     int round_seq, int *published);

/** Units with their statistics rolled up the tree and ranked by the contest's collective
 *  formula (qc_unit_stat_t.data is the unit's code, name and kind as a const char *[3]). */
typedef struct {
    qc_unit_stat_t *units; /**< in tree order (seq), each followed by its sub-units */
    int n;
    qc_unit_stat_t *ranked; /**< units of the collective kind, ranked (copy) */
    int nranked;
    qc_collective_formula_t formula;
    qc_prize_tier_t *tiers; /**< collective prizes */
    int ntiers;
    qc_prize_award_t *awards; /**< per ranked unit */
    const qc_results_settings_t *settings;
} qc_unit_report_t;

apr_status_t qc_results_units(qc_db_t *db, apr_pool_t *p, const qc_contest_t *c,
                              qc_unit_report_t **out);

/** The ranking as CSV (UTF-8 with BOM, CRLF): one line per entry with position, the rule that
 *  separated it, the prize. */
const char *qc_results_csv(apr_pool_t *p, const struct qc_messages *msgs, const qc_ranking_t *r,
                           apr_size_t *len);

/** The prize of an award as the outputs write it: the title, "" for none, and for a tie across
 *  a prize boundary both possible prizes in words ("Giải Nhì hoặc không đạt giải"). */
const char *qc_results_prize_text(apr_pool_t *p, const struct qc_messages *msgs,
                                  const qc_prize_tier_t *t, const qc_prize_award_t *a);

/** Eligibility flags ("age,email") as the user reads them, from results.flag.* ("; "-joined). */
const char *qc_results_flags_text(apr_pool_t *p, const struct qc_messages *msgs,
                                  const char *flags);

/** The unit statistics and collective ranking as CSV (UTF-8 with BOM, CRLF). */
const char *qc_results_units_csv(apr_pool_t *p, const qc_unit_report_t *u, apr_size_t *len);

/**
 * Publish (publish 1) or withdraw (0) the results of round `round_seq`, or of the whole contest
 * (0), recording who. QC_ECONFLICT while the round (contest) is still open; QC_ENOTFOUND for an
 * unknown round.
 */
apr_status_t qc_results_publish(qc_db_t *db, apr_pool_t *p, const qc_contest_t *c, int round_seq,
                                int publish, const char *by);

/** Where the publication planned for results_publish_ms stands. */
typedef struct {
    int due;       /**< the planned time has passed */
    int done;      /**< the module published (now or before) */
    int held_open; /**< held: a round is still open */
    int held_tie;  /**< held: a tie awaits the committee at a prize */
    int held_round;           /**< the first held ranking's round (0: the whole contest) */
    const char *held_group;   /**< and group ("" for everyone) */
} qc_publish_due_t;

/**
 * The publication the contest plans (<results publish-at>): once its time has passed, publish
 * the whole contest and every round, as the system (audit log actor "system"), unless a round
 * is still open or a ranking has a tie awaiting the committee at a prize, in which case
 * nothing is published and `out` says why. Done once (the moment is kept): a later withdrawal
 * by the secretariat stands. Cheap when nothing is due (no statement).
 */
apr_status_t qc_results_publish_due(qc_db_t *db, apr_pool_t *p, const qc_contest_t *c,
                                    qc_publish_due_t *out);

/** One line of the contest's prize structure, as a contestant is shown it. */
typedef struct {
    const char *kind;  /**< individual | collective */
    const char *scope; /**< each_round | overall */
    const char *group_code, *title;
    int count;
    apr_int64_t amount; /**< đồng; 0 when the definition gives none */
} qc_prize_line_t;

/** The prize structure (qc_prize_line_t), individual before collective, in rank order. */
apr_status_t qc_results_prize_structure(qc_db_t *db, apr_pool_t *p, const qc_contest_t *c,
                                        apr_array_header_t **out);

/** The sweep's part: every contest whose planned publication is due and not done. */
apr_status_t qc_results_publish_sweep(qc_db_t *db, apr_pool_t *p, int *published);

/**
 * Record the organising committee's order for a tie of the ranking (round_seq, group_code):
 * contestant_ids in the order decided, with the reason and who recorded it (logged). The ids
 * must be exactly the members of one tie awaiting the committee (or already ordered by it):
 * QC_EINPUT otherwise, or when the reason is empty.
 */
apr_status_t qc_results_committee_order(qc_db_t *db, apr_pool_t *p, const qc_contest_t *c,
                                        int round_seq, const char *group_code,
                                        const apr_array_header_t *contestant_ids,
                                        const char *reason, const char *by);

/** Call after changing a contestant's unit or group (the counted results keep a copy of both
 *  for the unit statistics and group rankings); in the same transaction as the change. */
apr_status_t qc_results_contestant_moved(qc_db_t *db, apr_pool_t *p, const char *contestant_id);

/** Rebuild the counted results of a contest from its attempts (after a bulk load). */
apr_status_t qc_results_rebuild(qc_db_t *db, apr_pool_t *p, const qc_contest_t *c);

/** Contestants with a finished attempt on one local day, in one unit. */
typedef struct {
    const char *day;     /**< YYYY-MM-DD in the contest's time zone */
    const char *unit_id; /**< the contestant's unit */
    int contestants;     /**< distinct contestants */
} qc_daily_count_t;

/** Participation by local day and unit (an array of qc_daily_count_t, days ascending): each
 *  contestant counts once a day, on the day (in the contest's time zone) an attempt ended. */
apr_status_t qc_results_daily_progress(qc_db_t *db, apr_pool_t *p, const qc_contest_t *c,
                                       apr_array_header_t **counts);

#endif
