/**
 * @file qc_jury_def.h
 * The jury-scored parts of a contest as the definition file gives them: the judges, the
 * video-clip part and the on-stage team contest (see qc_jury.h for what they are), and their
 * parser. Pure: no database.
 */
#ifndef QC_JURY_DEF_H
#define QC_JURY_DEF_H

#include <apr_hash.h>
#include <apr_pools.h>
#include <apr_tables.h>
#include <libxml/tree.h>
#include "qc_rank.h"

/** A judge: the user name Apache authenticates in the jury area, the name shown, and the unit
 *  the judge belongs to. As the definition gives it, and as qc_jury_judge_get reads it back. */
typedef struct {
    const char *user, *name, *unit_code; /**< unit_code "" when none */
} qc_def_judge_t;

typedef struct {
    const char *code, *title;
    int max;
} qc_def_criterion_t;

/** A part of the on-stage contest: scored on criteria, or (points_per_right > 0) knowledge
 *  questions drawn by lot, each right answer worth points_per_right. */
typedef struct {
    const char *code, *title;
    int points_per_right, answer_seconds;
    apr_array_header_t *criteria; /**< qc_def_criterion_t (none for a questions part) */
} qc_def_stage_part_t;

typedef struct {
    const char *unit_code, *name;
    apr_array_header_t *members; /**< const char * */
} qc_def_team_t;

/** The jury parts of a definition (NULL members when the file has none). */
typedef struct qc_def_jury {
    apr_array_header_t *judges; /**< qc_def_judge_t */
    int has_clips;
    const char *clip_title;
    apr_int64_t clip_deadline_ms;
    apr_int64_t clip_max_bytes;
    int clip_drop_extremes;
    int clip_count_own_unit; /**< a judge's score for their own unit counts (default: left out) */
    const char *clip_unit_kind;
    apr_array_header_t *criteria; /**< qc_def_criterion_t */
    apr_array_header_t *prizes;   /**< qc_prize_tier_t */
    /* the on-stage team contest */
    int has_stage;
    const char *stage_title;
    int stage_drop_extremes;
    const char *stage_online; /**< "none" or "average-score" (combined with online) */
    int stage_online_weight;
    apr_array_header_t *stage_parts;  /**< qc_def_stage_part_t */
    apr_array_header_t *teams;        /**< qc_def_team_t */
    apr_array_header_t *stage_prizes; /**< qc_prize_tier_t */
} qc_def_jury_t;

/**
 * Read <jury> and <clips> under the definition's root (already schema-valid). unit_codes holds
 * the codes of the definition's units (a judge's unit must be one). On error *errmsg names the
 * line ("path:12: ...") and QC_EINPUT is returned.
 */
apr_status_t qc_jury_parse_def(apr_pool_t *p, const char *path, xmlNodePtr root, int tz_min,
                               apr_hash_t *unit_codes, qc_def_jury_t **out, const char **errmsg);

#endif
