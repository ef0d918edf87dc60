/* The ranking rule, prize allocation, collective formulas and unit roll-up: pure functions. */
#include <stdlib.h>
#include <string.h>
#include <apr_hash.h>
#include <apr_strings.h>
#include "qc_rank.h"

/* Compare on the contest's chain: score, time, distance (-1, no distance, is the worst). */
static int cmp_chain(const qc_rank_entry_t *a, const qc_rank_entry_t *b)
{
    if (a->score != b->score) {
        return a->score > b->score ? -1 : 1;
    }
    if (a->time_ms != b->time_ms) {
        return a->time_ms < b->time_ms ? -1 : 1;
    }
    if (a->distance != b->distance) {
        if (a->distance < 0) {
            return 1;
        }
        if (b->distance < 0) {
            return -1;
        }
        return a->distance < b->distance ? -1 : 1;
    }
    return 0;
}

/* Numeric ids compare as numbers ("9" before "10"), others as text. */
static int cmp_id(const char *a, const char *b)
{
    size_t la = a ? strlen(a) : 0, lb = b ? strlen(b) : 0;
    if (!a || !b) {
        return (a != NULL) - (b != NULL);
    }
    if (la != lb) {
        return la < lb ? -1 : 1;
    }
    return strcmp(a, b);
}

static int cmp_sort(const void *x, const void *y)
{
    const qc_rank_entry_t *a = x, *b = y;
    int c = cmp_chain(a, b);
    return c ? c : cmp_id(a->contestant_id, b->contestant_id);
}

static int cmp_committee(const void *x, const void *y)
{
    const qc_rank_entry_t *a = x, *b = y;
    return (a->committee_order > b->committee_order) - (a->committee_order < b->committee_order);
}

/* Does the committee's order settle the tie e[0..k)? Every one ordered, no two the same. */
static int committee_settles(qc_rank_entry_t *e, int k)
{
    int i;
    for (i = 0; i < k; i++) {
        if (e[i].committee_order <= 0) {
            return 0;
        }
    }
    qsort(e, (size_t)k, sizeof(*e), cmp_committee);
    for (i = 1; i < k; i++) {
        if (e[i].committee_order == e[i - 1].committee_order) {
            qsort(e, (size_t)k, sizeof(*e), cmp_sort); /* back to the listing order */
            return 0;
        }
    }
    return 1;
}

void qc_rank_entries(qc_rank_entry_t *e, int n, int has_target, apr_int64_t target)
{
    int i, j;
    for (i = 0; i < n; i++) {
        if (has_target && e[i].has_prediction) {
            apr_int64_t d = e[i].prediction - target;
            e[i].distance = d < 0 ? -d : d;
        }
        else {
            e[i].distance = -1;
        }
        e[i].pending = 0;
        e[i].tie_size = 1;
    }
    if (n > 1) {
        qsort(e, (size_t)n, sizeof(*e), cmp_sort);
    }
    for (i = 0; i < n; i = j) {
        int k, settled;
        for (j = i + 1; j < n && cmp_chain(&e[i], &e[j]) == 0; j++) {
        }
        k = j - i;
        settled = k > 1 && committee_settles(e + i, k);
        for (k = i; k < j; k++) {
            e[k].tie_size = j - i;
            if (k == 0) {
                e[k].rule = QC_RULE_FIRST;
                e[k].position = 1;
            }
            else if (k == i) {
                const qc_rank_entry_t *a = &e[k - 1], *b = &e[k];
                e[k].rule = a->score != b->score       ? QC_RULE_SCORE
                            : a->time_ms != b->time_ms ? QC_RULE_TIME
                                                       : QC_RULE_PREDICTION;
                e[k].position = k + 1;
            }
            else if (settled) {
                e[k].rule = QC_RULE_COMMITTEE;
                e[k].position = k + 1;
            }
            else {
                e[k].rule = QC_RULE_TIE;
                e[k].position = e[k - 1].position;
            }
            e[k].pending = j - i > 1 && !settled;
        }
    }
}

const char *qc_rank_rule_name(qc_rank_rule_t rule)
{
    switch (rule) {
    case QC_RULE_SCORE:
        return "score";
    case QC_RULE_TIME:
        return "time";
    case QC_RULE_PREDICTION:
        return "prediction";
    case QC_RULE_COMMITTEE:
        return "committee";
    case QC_RULE_TIE:
        return "tie";
    case QC_RULE_FIRST:
    default:
        return "";
    }
}

/* ---- prizes -------------------------------------------------------------------------------- */

/* The tier of slot s (0-based) in the flattened structure, or -1 past the last prize. */
static int tier_of(const qc_prize_tier_t *tiers, int ntiers, int s)
{
    int t;
    for (t = 0; t < ntiers; t++) {
        if (s < tiers[t].count) {
            return t;
        }
        s -= tiers[t].count;
    }
    return -1;
}

int qc_rank_allocate(const qc_rank_entry_t *e, int n, const qc_prize_tier_t *tiers, int ntiers,
                     const unsigned char *ineligible, qc_prize_award_t *awards)
{
    int i, j, slot = 0, given = 0, total = 0, t;
    for (t = 0; t < ntiers; t++) {
        total += tiers[t].count > 0 ? tiers[t].count : 0;
    }
    for (i = 0; i < n; i++) {
        awards[i].tier = -1;
        awards[i].tier_low = -1;
        awards[i].pending = 0;
        awards[i].skipped = ineligible && ineligible[i];
    }
    for (i = 0; i < n && slot < total; i = j) {
        int g = 0, hi, lo, k;
        /* a group: the entries sharing a position */
        for (j = i; j < n && e[j].position == e[i].position; j++) {
            g += !awards[j].skipped;
        }
        if (g == 0) {
            continue;
        }
        hi = tier_of(tiers, ntiers, slot);
        lo = tier_of(tiers, ntiers, slot + g - 1);
        for (k = i; k < j; k++) {
            if (awards[k].skipped) {
                continue;
            }
            awards[k].tier = hi;
            awards[k].tier_low = lo;
            awards[k].pending = hi != lo;
            given++;
        }
        slot += g;
    }
    return given;
}

/* ---- collective ------------------------------------------------------------------------------ */

qc_collective_formula_t qc_rank_collective_formula(const char *name)
{
    if (!name || !*name) {
        return QC_COLLECTIVE_NONE;
    }
    if (!strcmp(name, "participation-and-prizes")) {
        return QC_COLLECTIVE_PARTICIPATION_PRIZES;
    }
    if (!strcmp(name, "participants-and-quality")) {
        return QC_COLLECTIVE_PARTICIPANTS_QUALITY;
    }
    return QC_COLLECTIVE_MANUAL;
}

/* Keys of a unit under a formula; returns 0 when the formula cannot rank it. */
static int unit_keys(const qc_unit_stat_t *u, qc_collective_formula_t f, apr_int64_t *k1,
                     apr_int64_t *k2)
{
    if (f == QC_COLLECTIVE_PARTICIPATION_PRIZES) {
        if (u->rate_bp < 0) {
            return 0;
        }
        *k1 = u->rate_bp;
        *k2 = u->t_prizes;
        return 1;
    }
    if (f == QC_COLLECTIVE_PARTICIPANTS_QUALITY) {
        *k1 = u->t_participants;
        *k2 = u->avg_milli;
        return 1;
    }
    return 0;
}

/* Each unit's keys computed once, sorted through an index (qsort has no context). */
typedef struct {
    qc_unit_stat_t *u;
    apr_int64_t k1, k2;
    int ok;
} unit_key_t;

static int cmp_unit_key(const void *x, const void *y)
{
    const unit_key_t *a = x, *b = y;
    if (a->ok != b->ok) {
        return a->ok ? -1 : 1;
    }
    if (a->ok && a->k1 != b->k1) {
        return a->k1 > b->k1 ? -1 : 1;
    }
    if (a->ok && a->k2 != b->k2) {
        return a->k2 > b->k2 ? -1 : 1;
    }
    return cmp_id(a->u->id, b->u->id);
}

void qc_rank_collective(qc_unit_stat_t *u, int n, qc_collective_formula_t formula)
{
    unit_key_t *keys;
    qc_unit_stat_t *copy;
    int i;
    if (n <= 0) {
        return;
    }
    keys = malloc(sizeof(*keys) * (size_t)n);
    copy = malloc(sizeof(*copy) * (size_t)n);
    if (!keys || !copy) {
        free(keys);
        free(copy);
        for (i = 0; i < n; i++) {
            u[i].position = 0;
        }
        return;
    }
    for (i = 0; i < n; i++) {
        keys[i].u = &u[i];
        keys[i].ok = unit_keys(&u[i], formula, &keys[i].k1, &keys[i].k2);
    }
    qsort(keys, (size_t)n, sizeof(*keys), cmp_unit_key);
    for (i = 0; i < n; i++) {
        copy[i] = *keys[i].u;
        if (!keys[i].ok) {
            copy[i].position = 0;
        }
        else if (i > 0 && keys[i - 1].ok && keys[i - 1].k1 == keys[i].k1 &&
                 keys[i - 1].k2 == keys[i].k2) {
            copy[i].position = copy[i - 1].position;
        }
        else {
            copy[i].position = i + 1;
        }
    }
    memcpy(u, copy, sizeof(*copy) * (size_t)n);
    free(keys);
    free(copy);
}

/* ---- roll-up ---------------------------------------------------------------------------------- */

apr_status_t qc_rank_rollup(apr_pool_t *p, qc_unit_stat_t *u, int n)
{
    apr_hash_t *by_id = apr_hash_make(p);
    int *parent = apr_palloc(p, sizeof(int) * (size_t)(n + 1));
    int *order = apr_palloc(p, sizeof(int) * (size_t)(n + 1));
    int *known = apr_pcalloc(p, sizeof(int) * (size_t)(n + 1));
    int i, d, k = 0, maxdepth = 0;

    for (i = 0; i < n; i++) {
        apr_hash_set(by_id, u[i].id, APR_HASH_KEY_STRING, &u[i]);
    }
    for (i = 0; i < n; i++) {
        qc_unit_stat_t *up = NULL;
        if (u[i].parent_id && *u[i].parent_id) {
            up = apr_hash_get(by_id, u[i].parent_id, APR_HASH_KEY_STRING);
            if (!up) {
                return APR_EINVAL;
            }
        }
        parent[i] = up ? (int)(up - u) : -1;
    }
    for (i = 0; i < n; i++) {
        int j = parent[i];
        d = 0;
        while (j >= 0) {
            if (++d > n) {
                return APR_EINVAL; /* a cycle */
            }
            j = parent[j];
        }
        u[i].depth = d;
        maxdepth = d > maxdepth ? d : maxdepth;
        u[i].t_registered = u[i].registered;
        u[i].t_registered_in_time = u[i].registered_in_time;
        u[i].t_participants = u[i].participants;
        u[i].t_attempts = u[i].attempts;
        u[i].t_counted = u[i].counted;
        u[i].t_score_sum = u[i].score_sum;
        u[i].t_prizes = u[i].prizes;
        u[i].t_headcount = u[i].headcount >= 0 ? u[i].headcount : 0;
        known[i] = u[i].headcount >= 0;
    }
    /* deepest first, so each unit is complete before it is added to its parent */
    for (d = maxdepth; d >= 0; d--) {
        for (i = 0; i < n; i++) {
            if (u[i].depth == d) {
                order[k++] = i;
            }
        }
    }
    for (k = 0; k < n; k++) {
        int c = order[k], q = parent[c];
        if (q < 0) {
            continue;
        }
        u[q].t_registered += u[c].t_registered;
        u[q].t_registered_in_time += u[c].t_registered_in_time;
        u[q].t_participants += u[c].t_participants;
        u[q].t_attempts += u[c].t_attempts;
        u[q].t_counted += u[c].t_counted;
        u[q].t_score_sum += u[c].t_score_sum;
        u[q].t_prizes += u[c].t_prizes;
        if (u[q].headcount < 0 && known[c]) {
            u[q].t_headcount += u[c].t_headcount; /* a parent without its own: its children's */
            known[q] = 1;
        }
    }
    for (i = 0; i < n; i++) {
        if (!known[i]) {
            u[i].t_headcount = -1;
        }
        u[i].rate_bp = u[i].t_headcount > 0
                           ? (int)((apr_int64_t)u[i].t_participants * 10000 / u[i].t_headcount)
                           : -1;
        u[i].avg_milli = u[i].t_counted > 0 ? (int)(u[i].t_score_sum * 1000 / u[i].t_counted) : -1;
        u[i].quota_state = u[i].reg_quota < 0 ? -1 : u[i].t_registered_in_time >= u[i].reg_quota;
    }
    return APR_SUCCESS;
}
