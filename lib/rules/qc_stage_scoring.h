/**
 * @file qc_stage_scoring.h
 * The on-stage team contest (Đắk Nông, in person) and its rule for the teams' totals, as pure
 * functions (no database).
 *
 * A stage has parts: a part is judged on criteria (each judge gives points per criterion up
 * to its maximum) or is a questions part (points_per_right > 0: questions drawn by lot, each
 * right answer worth points_per_right). A team's score for a criteria part is the mean of the
 * totals of the judges who scored every criterion of the part (qc_jury_final_milli: the
 * highest and the lowest left out when the stage drops extremes); for a questions part, its
 * right answers times the part's points. Combined with the online part, a team adds the
 * average counted online score of its contestants times the stage's weight. The teams are
 * ranked on their totals and given the stage's prizes with the contest's ranking rule
 * (qc_jury_rank: a tie awaits the committee's order).
 *
 * The types below are the stage as the store reads it; the rule reads them only.
 */
#ifndef QC_STAGE_SCORING_H
#define QC_STAGE_SCORING_H

#include <apr_pools.h>
#include "qc_jury_scoring.h"
#include "qc_rank.h"

/** A part of the stage. */
typedef struct {
    const char *code, *title;
    int points_per_right; /**< > 0: a questions part; 0: judged on criteria */
    int answer_seconds;   /**< a drawn question's time to answer; -1 when not set */
} qc_stage_part_t;

/** A criterion of a part judged on criteria. */
typedef struct {
    const char *part_code, *code, *title;
    int max; /**< the most points a judge may give */
} qc_stage_criterion_t;

/** A team (one per unit that sends one). */
typedef struct {
    const char *id; /**< qc_stage_team.id, as text */
    const char *unit_code, *name;
    int has_committee_order; /**< the committee ordered this team within a tie */
    int committee_order;     /**< that order (1, 2...), 0 when none */
} qc_stage_team_t;

/** One judge's points for a team's part: their sum over the criteria the judge scored. */
typedef struct {
    const char *team_id, *part_code, *judge_user;
    apr_int64_t sum;
    int count; /**< criteria scored: the total counts only when the judge scored them all */
} qc_stage_judge_total_t;

/** A question drawn for a team during a questions part. */
typedef struct {
    const char *id, *team_id, *team_name, *part_code, *topic_code;
    const char *question_id, *question_code, *body;
    apr_int64_t drawn_ms; /**< when it was drawn (the answer's countdown runs from it) */
    int revealed;         /**< the presenter showed its answer */
    const char *answered; /**< "right", "wrong", or NULL while no judge has said */
    const char *drawn_by, *judged_by;
} qc_stage_draw_t;

/** A team's online results: its unit's (and the units' directly below) counted results. */
typedef struct {
    const char *team_id;
    apr_int64_t participants; /**< contestants with a counted result */
    apr_int64_t score_sum;    /**< the sum of their counted scores */
} qc_stage_online_t;

/** Everything the rule reads: the stage's setup and what has been recorded so far. */
typedef struct {
    int drop_extremes; /**< leave out each part's highest and lowest judge total (3 or more) */
    int online;        /**< combined with the online part */
    int online_weight; /**< what the online average is multiplied by */
    const qc_stage_part_t *parts;
    int nparts;
    const qc_stage_criterion_t *criteria;
    int ncriteria;
    const qc_stage_team_t *teams;
    int nteams;
    const qc_prize_tier_t *prizes;
    int nprizes;
    const qc_stage_judge_total_t *totals;
    int ntotals;
    const qc_stage_draw_t *draws;
    int ndraws;
    const qc_stage_online_t *online_results; /**< read only when online */
    int nonline;
} qc_stage_sheet_t;

/** The teams' scores, totals, ranks and prizes. Arrays by team are in the order of
 *  sheet->teams; by part, in the order of sheet->parts. */
typedef struct {
    apr_int64_t *score;       /**< [team * nparts + part], thousandths of a point */
    int *judges;              /**< [team * nparts + part]: judges counted (criteria parts) */
    apr_int64_t *online;      /**< [team], thousandths; 0 without the online part or results */
    int *participants;        /**< [team]: contestants behind online */
    apr_int64_t *total;       /**< [team], thousandths: the parts' scores and online */
    qc_jury_ranked_t *ranked; /**< nteams entries in rank order; entry_id is the team's id */
    int *team_of_rank;        /**< [rank order]: the team (index in sheet->teams) */
} qc_stage_scores_t;

/** Is part a questions part (scored by right answers, not by judges on criteria)? */
int qc_stage_part_is_questions(const qc_stage_part_t *part);

/** How many criteria the part with code part_code has in sheet. */
int qc_stage_criteria_of(const qc_stage_sheet_t *sheet, const char *part_code);

/** The index in sheet->teams of the team with this id, or -1. */
int qc_stage_team_index(const qc_stage_sheet_t *sheet, const char *team_id);

/** The index in sheet->parts of the part with this code, or -1. */
int qc_stage_part_index(const qc_stage_sheet_t *sheet, const char *code);

/**
 * Score, total, rank and give prizes to every team of sheet (allocated in p). A team nobody
 * scored has 0 in every part; a judge total of a team or part not in the sheet, or of a judge
 * who has not scored every criterion of the part (qc_jury_judge_counts), is not counted (at
 * most QC_JURY_MAX_JUDGES totals per team and part are). An online average is rounded half up
 * to a thousandth after the weight.
 * Teams of equal totals share a position; unless the committee ordered them, they are marked
 * pending (and so is a prize such a tie straddles).
 */
void qc_stage_score(apr_pool_t *p, const qc_stage_sheet_t *sheet, qc_stage_scores_t **out);

#endif
