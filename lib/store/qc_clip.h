/**
 * @file qc_clip.h
 * The video-clip part of a contest as the database holds it: the part's settings (deadline,
 * size limit, criteria, prizes, whether judging is closed and the gallery published), the
 * units' entries, the judges' scores, and the changes the unit area, the jury area and the
 * secretariat make, each one transaction with its audit entry. The scoring rules are in
 * qc_jury_scoring.h; the definition's <clips> is loaded by qc_jury_load_def.
 */
#ifndef QC_CLIP_H
#define QC_CLIP_H

#include <apr_pools.h>
#include <apr_tables.h>
#include "qc_audit.h"
#include "qc_db.h"
#include "qc_rank.h"

/** One criterion the judges score, with its maximum. */
typedef struct {
    const char *code, *title;
    int max;
} qc_clip_criterion_t;

/** A contest's clip part. */
typedef struct {
    const char *title;
    const char *unit_kind; /**< the kind of unit that may enter, "" for any */
    apr_int64_t deadline_ms;
    apr_int64_t max_bytes;        /**< the largest upload */
    int drop_extremes;            /**< one highest and one lowest judge total are left out */
    int count_own_unit; /**< a judge's total for their own unit (or the one above) counts */
    apr_int64_t closed_ms;        /**< when judging was closed, 0 while open */
    apr_int64_t published_ms;     /**< when the gallery was published, 0 before */
    apr_int64_t now_ms;           /**< the database's clock when the part was read */
    apr_array_header_t *criteria; /**< qc_clip_criterion_t, in the definition's order */
    apr_array_header_t *prizes;   /**< qc_prize_tier_t, best first */
} qc_clip_part_t;

/** A unit that may submit an entry (the unit area's user is its code). */
typedef struct {
    const char *id, *code, *name, *kind;
} qc_clip_unit_t;

/** A unit's entry. */
typedef struct {
    const char *id;
    const char *unit_code, *unit_name; /**< NULL from qc_clip_entry_of_unit */
    const char *parent_unit_code;      /**< the unit above, "" when none (NULL likewise) */
    const char *title, *description;
    const char *kind;          /**< "file" or "link" */
    const char *file_name;     /**< the stored clip's name in the clip directory; NULL for a link */
    const char *media_type;    /**< "video/mp4" or "video/webm" with a file */
    apr_int64_t size_bytes;    /**< the file's size, -1 when not stored */
    const char *link_url;      /**< NULL for a file */
    const char *status;        /**< "submitted" or "rejected" */
    int submitted;             /**< status is "submitted": judged, ranked and shown */
    const char *reject_reason; /**< NULL unless rejected */
    int has_updated;
    apr_int64_t updated_ms;
    int committee_order; /**< the committee's order within a tie, 0: none */
} qc_clip_entry_t;

/** One judge's points on one criterion of an entry. */
typedef struct {
    const char *criterion_code;
    apr_int64_t points;
} qc_clip_score_t;

/** What one judge gave one entry: the sum of the points and how many criteria were scored. */
typedef struct {
    const char *entry_id, *judge_user;
    apr_int64_t points;
    apr_int64_t criteria;
} qc_clip_judge_total_t;

/** What a unit submits: a stored file (file_name, media_type, size_bytes) or a link. */
typedef struct {
    const char *title, *description;
    const char *file_name;  /**< NULL for a link */
    const char *media_type; /**< with a file */
    apr_off_t size_bytes;   /**< with a file */
    const char *link_url;   /**< "" with a file */
} qc_clip_submission_t;

/** The clip part of contest `contest_id` with its criteria and prizes; QC_ENOTFOUND when the
 *  contest has none. */
apr_status_t qc_clip_part_load(qc_db_t *db, apr_pool_t *p, const char *contest_id,
                               qc_clip_part_t **out);

/** The unit `code` of the contest; QC_ENOTFOUND when there is none. */
apr_status_t qc_clip_unit_by_code(qc_db_t *db, apr_pool_t *p, const char *contest_id,
                                  const char *code, qc_clip_unit_t **out);

/** The entry of unit `unit_id`, or *out NULL when it has none (unit fields NULL). */
apr_status_t qc_clip_entry_of_unit(qc_db_t *db, apr_pool_t *p, const char *contest_id,
                                   const char *unit_id, qc_clip_entry_t **out);

/** Every entry of the contest (qc_clip_entry_t), rejected ones too, in the units' order. */
apr_status_t qc_clip_entries(qc_db_t *db, apr_pool_t *p, const char *contest_id,
                             apr_array_header_t **out);

/** The points judge `judge_user` gave entry `entry_id` (qc_clip_score_t), one per criterion
 *  scored. */
apr_status_t qc_clip_scores_of_judge(qc_db_t *db, apr_pool_t *p, const char *entry_id,
                                     const char *judge_user, apr_array_header_t **out);

/** Every judge's sum on every entry of the contest (qc_clip_judge_total_t), by entry then
 *  judge; a judge who scored nothing of an entry has no line. */
apr_status_t qc_clip_judge_totals(qc_db_t *db, apr_pool_t *p, const char *contest_id,
                                  apr_array_header_t **out);

/**
 * Store unit `unit`'s entry and its audit entry ("clip.submit", or "clip.replace" with
 * replace_id) in one transaction. A replacement clears the judges' scores of the entry it
 * replaces and makes it submitted again. `by` is the unit area's user. QC_ECONFLICT when the
 * unit already has an entry (a new one only); on any error nothing is stored.
 */
apr_status_t qc_clip_entry_save(qc_db_t *db, apr_pool_t *p, const char *contest_id,
                                const qc_actor_t *actor, const qc_clip_unit_t *unit,
                                const char *replace_id, const qc_clip_submission_t *s,
                                const char *by);

/**
 * Store judge `judge_user`'s points on entry `entry_id`: points[i] for criterion
 * criteria[i] (qc_clip_criterion_t), replacing what the judge gave before, with the audit
 * entry "clip.score" naming `entry_unit_name`, in one transaction.
 */
apr_status_t qc_clip_scores_save(qc_db_t *db, apr_pool_t *p, const char *contest_id,
                                 const qc_actor_t *actor, const char *entry_id,
                                 const char *entry_unit_name, const char *judge_user,
                                 const apr_array_header_t *criteria, const apr_int64_t *points);

/** Reject entry `entry_id` with `reason` ("clip.reject"), one transaction. */
apr_status_t qc_clip_reject(qc_db_t *db, apr_pool_t *p, const char *contest_id,
                            const qc_actor_t *actor, const char *entry_id, const char *reason);

/** Set the committee's order of entry `entry_id` within its tie, "" to clear it
 *  ("clip.committee_order"), one transaction. */
apr_status_t qc_clip_committee_set(qc_db_t *db, apr_pool_t *p, const char *contest_id,
                                   const qc_actor_t *actor, const char *entry_id,
                                   const char *order);

/** Close judging, as `by`, with the audit entry "clip.close_judging", one transaction; the
 *  part is left as it is when judging is closed already (the audit entry is written still). */
apr_status_t qc_clip_close_judging(qc_db_t *db, apr_pool_t *p, const char *contest_id,
                                   const qc_actor_t *actor, const char *by);

/** Publish the gallery, as `by`, with the audit entry "clip.publish", one transaction; the
 *  part is left as it is unless judging is closed and the gallery not yet published (the audit
 *  entry is written still). */
apr_status_t qc_clip_publish(qc_db_t *db, apr_pool_t *p, const char *contest_id,
                             const qc_actor_t *actor, const char *by);

#endif
