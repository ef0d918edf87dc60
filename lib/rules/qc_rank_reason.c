/* Why an entry of a ranking stands below the one above it, worded from the pair with the
 * figures that decide it (the rule itself is in qc_rank.c). */
#include <apr_strings.h>
#include "qc_messages.h"
#include "qc_rank.h"
#include "qc_util.h"

void qc_rank_gap(const qc_rank_entry_t *above, const qc_rank_entry_t *e, qc_rank_gap_t *g)
{
    g->rule = above ? e->rule : QC_RULE_FIRST;
    g->score_gap = above ? above->score - e->score : 0;
    g->time_gap_ms = above ? e->time_ms - above->time_ms : 0;
    g->distance_gap = -1;
    if (above && above->distance >= 0 && e->distance >= 0) {
        g->distance_gap = e->distance - above->distance;
    }
}

const char *qc_rank_reason(apr_pool_t *p, const qc_messages_t *msgs, const qc_rank_entry_t *above,
                           const qc_rank_entry_t *e, const char *committee_reason)
{
    qc_rank_gap_t g;
    const char *args[3];
    qc_rank_gap(above, e, &g);
    switch (g.rule) {
    case QC_RULE_SCORE:
        args[0] = qc_util_vn_int(p, g.score_gap);
        args[1] = qc_util_vn_int(p, e->score);
        args[2] = qc_util_vn_int(p, above->score);
        return qc_messages_format(p, msgs, "results.reason.score", 3, args);
    case QC_RULE_TIME:
        args[0] = qc_util_vn_fixed(p, g.time_gap_ms, 3, 1);
        return qc_messages_format(p, msgs, "results.reason.time", 1, args);
    case QC_RULE_PREDICTION:
        if (g.distance_gap < 0) {
            return qc_messages_format(p, msgs, "results.reason.prediction_none", 0, args);
        }
        args[0] = qc_util_vn_int(p, g.distance_gap);
        return qc_messages_format(p, msgs, "results.reason.prediction", 1, args);
    case QC_RULE_COMMITTEE:
        if (committee_reason && *committee_reason) {
            args[0] = committee_reason;
            return qc_messages_format(p, msgs, "results.reason.committee", 1, args);
        }
        return qc_messages_format(p, msgs, "results.reason.committee_plain", 0, args);
    case QC_RULE_TIE:
        return qc_messages_format(p, msgs, "results.reason.tie", 0, args);
    case QC_RULE_FIRST:
    default:
        return qc_messages_format(p, msgs, "results.reason.first", 0, args);
    }
}
