/**
 * @file qc_question.h
 * The contest's questions as the secretariat sees them: its topics, the list of questions with
 * a filter, one question with its answer key, how often it was drawn and answered right and its
 * versions, every question's statistics, and retiring a question. Storing questions (an import,
 * a question written by hand) is qc_qbank.h's.
 *
 * Ids are the database's, times are ms since the epoch, texts are as stored (never NULL unless
 * said so).
 */
#ifndef QC_QUESTION_H
#define QC_QUESTION_H

#include <apr_pools.h>
#include "qc_audit.h"
#include "qc_db.h"

/** A topic of the contest. */
typedef struct {
    apr_int64_t id;
    const char *code;
    const char *title;
    int has_quota; /**< the definition sets how many of its questions an attempt draws */
    apr_int64_t quota;
    apr_int64_t active; /**< questions of the topic not retired */
} qc_topic_t;

/** The contest's topics, by code. */
apr_status_t qc_question_topics(qc_db_t *db, apr_pool_t *p, const char *contest_id,
                                qc_topic_t **topics, int *n);

/** What the question list shows of a question. */
typedef struct {
    apr_int64_t id;
    const char *code;
    apr_int64_t version;
    const char *topic_code;
    const char *topic_title;
    const char *kind; /**< "single" or "multiple" */
    const char *text;
    int retired;
    int used; /**< some attempt drew it */
} qc_question_entry_t;

/** The filter of the question list: "" for any. */
typedef struct {
    const char *topic_code;
    const char *text; /**< a part of the text, or the question's code */
    int with_retired; /**< retired versions too */
} qc_question_filter_t;

/** At most 1000 questions matching the filter, by topic code, code and version. */
apr_status_t qc_question_list(qc_db_t *db, apr_pool_t *p, const char *contest_id,
                              const qc_question_filter_t *filter, qc_question_entry_t **list,
                              int *n);

/** A choice of a question, with how many answers included it (qc_question_usage). */
typedef struct {
    apr_int64_t id;
    apr_int64_t seq;
    const char *text;
    int correct;
    apr_int64_t picked;
} qc_question_choice_t;

/** A version of a question. */
typedef struct {
    apr_int64_t id;
    apr_int64_t number;
    int retired;
    int has_created;
    apr_int64_t created_ms;
} qc_question_version_t;

/** One question (one version) with its key. */
typedef struct {
    apr_int64_t id;
    const char *code;
    apr_int64_t version;
    const char *topic_code;
    const char *topic_title;
    const char *kind;
    const char *text;
    const char *explanation; /**< as stored, may be NULL */
    int retired;
    int has_created;
    apr_int64_t created_ms;
    apr_int64_t drawn;             /**< attempts that drew it */
    apr_int64_t right;             /**< of which answered it right */
    qc_question_choice_t *choices; /**< in order (seq) */
    int nchoices;
    /* filled by qc_question_usage */
    int has_unanswered;
    apr_int64_t unanswered;          /**< attempts that drew it and left it unanswered */
    qc_question_version_t *versions; /**< every version of its code, the first first */
    int nversions;
} qc_question_t;

/** Question `id` of the contest with its choices (picked 0, no versions).
 *  QC_ENOTFOUND when the contest has no such question. */
apr_status_t qc_question_get(qc_db_t *db, apr_pool_t *p, const char *contest_id, const char *id,
                             qc_question_t **out);

/** Fill in q's use: how often each choice was picked (an answer is a set of choices), how many
 *  left it unanswered, and the versions of its code. */
apr_status_t qc_question_usage(qc_db_t *db, apr_pool_t *p, const char *contest_id,
                               qc_question_t *q);

/** A line of the question statistics. */
typedef struct {
    apr_int64_t id;
    const char *code;
    apr_int64_t version;
    const char *topic_title;
    const char *text;
    int retired;
    apr_int64_t drawn;
    apr_int64_t answered;
    apr_int64_t right;
} qc_question_stat_t;

/** Every question drawn at least once or not retired, with how often it was drawn, answered and
 *  answered right: the questions answered, the lowest share of right answers first, then the
 *  others; by code within a share. */
apr_status_t qc_question_stats(qc_db_t *db, apr_pool_t *p, const char *contest_id,
                               qc_question_stat_t **list, int *n);

/**
 * Retire question `id` of the contest: it is drawn no more; attempts that drew it keep it and
 * their scores. In one transaction with the contest's new revision and the audit-log entry
 * ("question.retire"); a question already retired is left as it is, with no entry.
 * QC_ENOTFOUND when the contest has no such question.
 */
apr_status_t qc_question_retire(qc_db_t *db, apr_pool_t *p, const char *contest_id,
                                const qc_actor_t *actor, const char *id);

/** The id of the current (not retired) version of the question coded `code`; QC_ENOTFOUND when
 *  there is none. Runs inside the caller's transaction when one is open. */
apr_status_t qc_question_current_id(qc_db_t *db, apr_pool_t *p, const char *contest_id,
                                    const char *code, apr_int64_t *id);

#endif
