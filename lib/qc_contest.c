#include <stdlib.h>
#include <apr_strings.h>
#include "qc_contest.h"
#include "qc_status.h"
#include "qc_time.h"

static apr_int64_t ms_of(const char *s)
{
    apr_int64_t ms = 0;
    if (s) {
        qc_time_parse_db(s, &ms);
    }
    return ms;
}

apr_status_t qc_contest_load(qc_db_t *db, apr_pool_t *p, const char *code, qc_contest_t **out)
{
    qc_rows_t *rows;
    qc_contest_t *c;
    const char **r;
    int i;
    apr_status_t rv = qc_db_select(db, p, "qc_contest_by_code", QC_ARGS(code), &rows);
    if (rv != APR_SUCCESS) {
        return rv;
    }
    if (rows->nrows == 0) {
        return QC_ENOTFOUND;
    }
    r = rows->rows[0];
    c = apr_pcalloc(p, sizeof(*c));
    c->id = r[0];
    c->code = r[1];
    c->title = r[2];
    c->theme = r[3];
    c->organiser = r[4];
    c->rules_text = r[5];
    c->opens_ms = ms_of(r[6]);
    c->closes_ms = ms_of(r[7]);
    c->questions_per_attempt = atoi(r[8]);
    c->time_limit_s = atoi(r[9]);
    c->attempts_per_round = atoi(r[10]);
    c->grace_s = atoi(r[11]);
    c->reveal_answers = r[12];
    c->prediction_question = r[13];
    c->min_age = atoi(r[14]);
    c->cccd_mode = r[15];
    c->email_mode = r[16];
    c->tz_offset_min = atoi(r[17]);
    c->results_published = atoi(r[18]);
    c->now_ms = ms_of(r[19]);
    c->counted_attempt = r[20];

    rv = qc_db_select(db, p, "qc_contest_rounds", QC_ARGS(c->id), &rows);
    if (rv != APR_SUCCESS) {
        return rv;
    }
    c->rounds = apr_array_make(p, rows->nrows > 0 ? rows->nrows : 1, sizeof(qc_round_t));
    for (i = 0; i < rows->nrows; i++) {
        qc_round_t *rd = apr_array_push(c->rounds);
        r = rows->rows[i];
        rd->id = r[0];
        rd->seq = atoi(r[1]);
        rd->title = r[2];
        rd->opens_ms = ms_of(r[3]);
        rd->closes_ms = ms_of(r[4]);
        rd->attempts_allowed = r[5] ? atoi(r[5]) : c->attempts_per_round;
    }
    *out = c;
    return APR_SUCCESS;
}

qc_contest_status_t qc_contest_status(const qc_contest_t *c, apr_int64_t now,
                                      const qc_round_t **current, apr_int64_t *next_change)
{
    int i, any_later = 0, any_earlier = 0;
    apr_int64_t next = 0;
    *current = NULL;
    for (i = 0; c->rounds && i < c->rounds->nelts; i++) {
        const qc_round_t *rd = &APR_ARRAY_IDX(c->rounds, i, qc_round_t);
        if (rd->opens_ms <= now && now < rd->closes_ms) {
            if (!*current) {
                *current = rd;
            }
            if (!next || rd->closes_ms < next) {
                next = rd->closes_ms;
            }
        }
        else if (rd->opens_ms > now) {
            any_later = 1;
            if (!next || rd->opens_ms < next) {
                next = rd->opens_ms;
            }
        }
        else {
            any_earlier = 1;
        }
    }
    *next_change = next;
    if (*current) {
        return QC_CONTEST_OPEN;
    }
    if (any_later) {
        return any_earlier ? QC_CONTEST_BETWEEN : QC_CONTEST_UPCOMING;
    }
    return QC_CONTEST_CLOSED;
}

const char *qc_contest_status_name(qc_contest_status_t s)
{
    static const char *const names[] = {"upcoming", "open", "between", "closed"};
    return names[s];
}
