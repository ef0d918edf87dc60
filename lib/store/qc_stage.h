/**
 * @file qc_stage.h
 * The on-stage team contest in the database: the stage with its parts, criteria, prizes and
 * teams; the judges' scores, the questions drawn and the answers recorded; the online results
 * it is combined with; and the changes made on stage (scores, draws, answers, reveals, the
 * committee's order, the closing of the judging), each a whole transaction. The rule that
 * turns what was recorded into totals and ranks is qc_stage_scoring.h.
 *
 * Once the judging is closed, nothing more is scored, drawn or answered: a change made on
 * stage reads whether the stage is open in its own transaction, sharing the stage's row, so
 * a closing either waits for it to end or is seen by it.
 */
#ifndef QC_STAGE_H
#define QC_STAGE_H

#include <apr_pools.h>
#include "qc_audit.h"
#include "qc_db.h"
#include "qc_rank.h"
#include "qc_stage_scoring.h"
#include "qc_status.h"

/** A change made on stage after the judging was closed (409). */
#define QC_STAGE_CLOSED (QC_STATUS_BASE + 901)
/** A question asked of a topic with no question left to draw (409). */
#define QC_STAGE_EXHAUSTED (QC_STATUS_BASE + 902)

/** A contest's stage. Arrays are in the definition's order. */
typedef struct {
    const char *title;
    int drop_extremes;
    int online;            /**< combined with the online part (online_mode average-score) */
    int online_weight;     /**< 1..1000 (0 when the database holds something else) */
    apr_int64_t closed_ms; /**< when the secretariat closed the judging, 0 while open */
    const char *closed_by; /**< who closed it, NULL while open */
    qc_stage_part_t *parts;
    int nparts;
    qc_stage_criterion_t *criteria; /**< in the order of their parts */
    int ncriteria;
    qc_prize_tier_t *prizes;
    int nprizes;
    qc_stage_team_t *teams;
    int nteams;
} qc_stage_t;

/** A team member, by team. */
typedef struct {
    const char *team_id, *full_name;
} qc_stage_member_t;

/** What a scoreboard shows: the rule's sheet (the stage's setup and what was recorded) and
 *  the teams' members. */
typedef struct {
    qc_stage_sheet_t sheet;
    qc_stage_member_t *members; /**< in the order of the teams, then of the definition */
    int nmembers;
} qc_stage_board_t;

/** A topic of the contest's bank, with how many of its questions are still to be drawn. */
typedef struct {
    const char *code, *title;
    apr_int64_t left;
} qc_stage_topic_t;

/** A choice of a drawn question. */
typedef struct {
    int seq;
    const char *body;
    int correct;
} qc_stage_choice_t;

/** The points a judge gives for one criterion. */
typedef struct {
    const char *criterion_code;
    apr_int64_t points;
} qc_stage_mark_t;

/**
 * The stage of contest_id with its parts, criteria, prizes and teams (allocated in p).
 * QC_ENOTFOUND when the contest has no stage.
 */
apr_status_t qc_stage_load(qc_db_t *db, apr_pool_t *p, const char *contest_id, qc_stage_t **out);

/**
 * Everything a scoreboard of st (loaded by qc_stage_load) shows: the judges' totals, the
 * draws (newest first), the members, and the online results when st is combined with the
 * online part; out->sheet points into st.
 */
apr_status_t qc_stage_load_board(qc_db_t *db, apr_pool_t *p, const char *contest_id,
                                 const qc_stage_t *st, qc_stage_board_t **out);

/** The questions drawn in the contest, newest first. */
apr_status_t qc_stage_draws(qc_db_t *db, apr_pool_t *p, const char *contest_id,
                            qc_stage_draw_t **out, int *n);

/** The contest's topics (by code) with their questions left to draw. */
apr_status_t qc_stage_topics(qc_db_t *db, apr_pool_t *p, const char *contest_id,
                             qc_stage_topic_t **out, int *n);

/** The choices of a question, in order. */
apr_status_t qc_stage_choices(qc_db_t *db, apr_pool_t *p, const char *question_id,
                              qc_stage_choice_t **out, int *n);

/** The points judge_user gave the team's part, one mark per criterion scored. */
apr_status_t qc_stage_my_marks(qc_db_t *db, apr_pool_t *p, const char *team_id,
                               const char *part_code, const char *judge_user, qc_stage_mark_t **out,
                               int *n);

/**
 * Record judge_user's marks[0..n) for the team's part (replacing the judge's earlier ones)
 * with an audit entry (stage.score: the team's name, "part: n"), in one transaction.
 * QC_STAGE_CLOSED (nothing changed) once the judging is closed.
 */
apr_status_t qc_stage_score_write(qc_db_t *db, apr_pool_t *p, const char *contest_id,
                                  const char *team_id, const char *team_name, const char *part_code,
                                  const char *judge_user, const qc_stage_mark_t *marks, int n,
                                  const qc_actor_t *actor);

/**
 * Record whether the team answered the drawn question right (answered "right" or "wrong",
 * by judge_user) with an audit entry (stage.answer: the draw, `result` as the judge said it),
 * in one transaction. QC_STAGE_CLOSED (nothing changed) once the judging is closed; a draw
 * not of this contest changes nothing.
 */
apr_status_t qc_stage_answer_write(qc_db_t *db, apr_pool_t *p, const char *contest_id,
                                   const char *draw_id, int right, const char *judge_user,
                                   const char *result, const qc_actor_t *actor);

/**
 * Draw, at random, a question of topic_code never drawn in the contest, for the team's part
 * (drawn by drawn_by), with an audit entry (stage.draw: the team's name, "topic: question"),
 * in one transaction; two presenters racing for the last question of a topic: the unique key
 * decides and the loser tries once more. QC_STAGE_EXHAUSTED when the topic has no question
 * left, QC_STAGE_CLOSED once the judging is closed, QC_ECONFLICT when the second try lost too.
 */
apr_status_t qc_stage_draw(qc_db_t *db, apr_pool_t *p, const char *contest_id, const char *team_id,
                           const char *team_name, const char *part_code, const char *topic_code,
                           const char *drawn_by, const qc_actor_t *actor);

/** Show the drawn question's answer (from the first time on; a draw not of this contest
 *  changes nothing). */
apr_status_t qc_stage_reveal(qc_db_t *db, apr_pool_t *p, const char *contest_id,
                             const char *draw_id);

/**
 * The committee's order of the team within a tie (order "" clears it), with an audit entry
 * (stage.committee_order: the team's name, order), in one transaction; allowed after the
 * closing too.
 */
apr_status_t qc_stage_committee_write(qc_db_t *db, apr_pool_t *p, const char *contest_id,
                                      const char *team_id, const char *team_name, const char *order,
                                      const qc_actor_t *actor);

/**
 * Close the stage's judging for good (by closed_by), with an audit entry
 * (stage.close_judging: the stage's title), in one transaction. QC_STAGE_CLOSED when it was
 * closed already.
 */
apr_status_t qc_stage_close_judging(qc_db_t *db, apr_pool_t *p, const char *contest_id,
                                    const char *closed_by, const char *title,
                                    const qc_actor_t *actor);

#endif
