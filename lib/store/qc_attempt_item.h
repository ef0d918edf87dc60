/**
 * @file qc_attempt_item.h
 * An attempt's question as its pages show it: the stem, the choices in the order drawn, the
 * saved selection, and (only once the attempt is finished and the contest reveals them) the
 * key and the explanation. Made by qc_attempt.h's reads and by the question-text cache
 * (qc_qtext.h), which both include this.
 */
#ifndef QC_ATTEMPT_ITEM_H
#define QC_ATTEMPT_ITEM_H

#include <apr_tables.h>

typedef struct {
    const char *id;
    const char *body;
    int correct; /**< 1/0 when revealed, -1 otherwise */
} qc_attempt_choice_t;

typedef struct {
    int position;
    const char *question_id;
    const char *kind; /**< single | multiple */
    const char *body;
    const char *explanation;     /**< when revealed */
    const char *selected;        /**< sorted comma-separated choice ids, or NULL */
    apr_array_header_t *choices; /**< qc_attempt_choice_t, in the order shown */
} qc_attempt_item_t;

#endif
