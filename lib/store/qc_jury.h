/**
 * @file qc_jury.h
 * Jury-scored parts of a contest: the judges, the video-clip part (Bến Tre, part 2) and the
 * on-stage team contest, as the definition file gives them.
 *
 * In the definition file, <jury> lists the judges (the user name Apache authenticates in the
 * jury area, a name, and the unit the judge belongs to) and <clips> the clip part: the entry
 * deadline, the upload size limit, the criteria with their maxima, whether the highest and
 * lowest judge totals are dropped, and the prizes. Each unit (its representative logs in to
 * the unit area with the unit's code as user name) submits one entry: a file (MP4 or WebM,
 * recognised by its content) or a link. Judges score alone; the secretariat closes judging,
 * then publishes the gallery.
 *
 * The scoring and ranking rules are pure functions in qc_jury_scoring.h (included here); the
 * clip part's entries and scores are in qc_clip.h.
 */
#ifndef QC_JURY_H
#define QC_JURY_H

#include <apr_pools.h>
#include <apr_tables.h>
#include <libxml/tree.h>
#include "qc_db.h"
#include "qc_jury_def.h"
#include "qc_jury_scoring.h"
#include "qc_rank.h"

/** Store the jury parts inside the definition's transaction (replacing what was there). */
apr_status_t qc_jury_load_def(qc_db_t *db, apr_pool_t *p, const char *contest_id,
                              const qc_def_jury_t *jury);

/** The judge `user` of contest `contest_id`; QC_ENOTFOUND when the contest has none. */
apr_status_t qc_jury_judge_get(qc_db_t *db, apr_pool_t *p, const char *contest_id, const char *user,
                               qc_def_judge_t **out);

/** The judges of contest `contest_id` (qc_def_judge_t), by user name. */
apr_status_t qc_jury_judges(qc_db_t *db, apr_pool_t *p, const char *contest_id,
                            apr_array_header_t **out);

/** Has contest `contest_id` a clip part (*clips) and a stage (*stage)? Both 0 on failure. */
apr_status_t qc_jury_parts(qc_db_t *db, apr_pool_t *p, const char *contest_id, int *clips,
                           int *stage);

/* ---- a clip's checks (pure) ---------------------------------------------------------------- */

/** "video/mp4" or "video/webm" when the first bytes of a file are those of one (the ISO-BMFF
 *  'ftyp' box; an EBML header whose DocType is webm), else NULL. */
const char *qc_jury_sniff_video(const unsigned char *head, apr_size_t len);

/** Is s a link a clip may be published at: http(s)://host..., printable ASCII, no spaces,
 *  at most 1000 characters. */
int qc_jury_link_ok(const char *s);

#endif
