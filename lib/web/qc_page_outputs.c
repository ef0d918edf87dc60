/* Results outputs of the secretariat area: the ranking and unit statistics as spreadsheets
 * (?format=xlsx of ket-qua and don-vi), the print-ready results page for the official decision
 * (ket-qua/in), prize winners' certificates (ket-qua/giay-chung-nhan) and the progress chart of
 * participants per day and unit (tien-do). */
#include <stdlib.h>
#include <string.h>
#include <apr_hash.h>
#include <apr_strings.h>
#include "qc_ctx.h"
#include "qc_page_results.h"
#include "qc_pages.h"
#include "qc_results.h"
#include "qc_results_xlsx.h"
#include "qc_status.h"
#include "qc_time.h"
#include "qc_util.h"
#include "qc_xml.h"

#define XLSX_TYPE "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

/* ---- spreadsheets ----------------------------------------------------------------------------- */

/* A download name from a group code: letters, digits and '-' only. */
static const char *safe_part(apr_pool_t *p, const char *s)
{
    char *o = apr_pstrdup(p, s), *q;
    for (q = o; *q; q++) {
        if (!((*q >= 'a' && *q <= 'z') || (*q >= 'A' && *q <= 'Z') || (*q >= '0' && *q <= '9'))) {
            *q = '-';
        }
    }
    return o;
}

static void send_xlsx(qc_ctx_t *ctx, apr_status_t rv, const char *body, apr_size_t len,
                      const char *name)
{
    if (rv != APR_SUCCESS) {
        qc_ctx_fail(ctx, rv);
        return;
    }
    ctx->resp->status = 200;
    ctx->resp->body = body;
    ctx->resp->body_len = len;
    ctx->resp->content_type = XLSX_TYPE;
    ctx->resp->download_name = name;
}

void qc_page_results_send_xlsx(qc_ctx_t *ctx, const void *ranking)
{
    const qc_ranking_t *rk = ranking;
    const char *body = NULL;
    apr_size_t len = 0;
    apr_status_t rv = qc_results_xlsx(ctx->p, ctx->req->messages, rk, &body, &len);
    send_xlsx(ctx, rv, body, len,
              apr_psprintf(ctx->p, "ket-qua-vong-%d%s%s.xlsx", rk->round_seq,
                           *rk->group_code ? "-nhom-" : "",
                           *rk->group_code ? safe_part(ctx->p, rk->group_code) : ""));
}

void qc_page_units_send_xlsx(qc_ctx_t *ctx, const void *units)
{
    const char *body = NULL;
    apr_size_t len = 0;
    apr_status_t rv = qc_results_units_xlsx(ctx->p, ctx->req->messages, units, &body, &len);
    send_xlsx(ctx, rv, body, len, "thong-ke-don-vi.xlsx");
}

/* ---- the print page and the certificates ------------------------------------------------------ */

static apr_status_t query_int(qc_ctx_t *ctx, const char *name, apr_int64_t min, apr_int64_t max,
                              apr_int64_t def, apr_int64_t *v)
{
    const char *s = apr_table_get(ctx->req->query, name);
    *v = def;
    if (!s) {
        return APR_SUCCESS;
    }
    return qc_util_parse_int64(s, min, max, v) == APR_SUCCESS ? APR_SUCCESS : QC_EINPUT;
}

static xmlNodePtr print_entry(qc_ctx_t *ctx, xmlNodePtr parent, const qc_ranking_t *rk, int i)
{
    const qc_rank_entry_t *e = &rk->entries[i];
    const qc_result_info_t *info = e->data;
    const qc_prize_award_t *a = &rk->awards[i];
    xmlNodePtr n = qc_xml_add(parent, "entry", NULL);
    qc_xml_set_int(n, "position", e->position);
    qc_xml_set_int(n, "score", e->score);
    qc_xml_set_int(n, "questions", info->question_count);
    qc_xml_set(n, "time", qc_time_format_duration(ctx->p, e->time_ms));
    qc_xml_set(n, "contestant-id", e->contestant_id);
    if (e->pending) {
        qc_xml_set(n, "pending", "1");
    }
    if (a->tier >= 0 && !a->skipped) {
        qc_xml_set(n, "prize", rk->tiers[a->tier].title);
        if (a->pending) {
            qc_xml_set(n, "prize-pending", "1");
            qc_xml_set(n, "prize-low",
                       qc_page_results_prize_low(ctx->p, ctx->req->messages, rk, a));
        }
    }
    qc_xml_add(n, "name", info->full_name);
    qc_xml_add(n, "unit", info->unit_name);
    qc_page_results_add_reason(ctx, n, rk, i, 1);
    return n;
}

/* The whole ranking of (vong, nhom) with its prizes and winners, for printing. */
static void page_print(qc_ctx_t *ctx, const char *page)
{
    apr_int64_t round;
    const char *group = apr_table_get(ctx->req->query, "nhom");
    qc_ranking_t *rk;
    apr_array_header_t *groups = NULL;
    xmlNodePtr root, res, n;
    int i;
    apr_status_t rv = query_int(ctx, "vong", 0, 65535, 0, &round);
    if (rv == APR_SUCCESS && group && strlen(group) > 32) {
        rv = QC_EINPUT;
    }
    if (rv == APR_SUCCESS) {
        rv = qc_ctx_contest(ctx);
    }
    if (rv == APR_SUCCESS) {
        rv = qc_results_ranking(ctx->db, ctx->p, ctx->contest, (int)round, group ? group : "", 0,
                                &rk);
    }
    if (rv == APR_SUCCESS) {
        rv = qc_contest_groups_list(ctx->db, ctx->p, ctx->contest->id, &groups);
    }
    if (rv != APR_SUCCESS) {
        qc_ctx_fail(ctx, rv);
        return;
    }
    root = qc_ctx_page(ctx, page);
    res = qc_xml_add(root, "print", NULL);
    qc_xml_set_int(res, "round", rk->round_seq);
    qc_xml_set(res, "round-title", rk->round_title);
    qc_xml_set(res, "group", rk->group_code);
    qc_xml_set(res, "closed", rk->closed ? "1" : "0");
    qc_xml_set(res, "published", rk->published ? "1" : "0");
    qc_xml_set_int(res, "total", rk->total);
    qc_xml_set_int(res, "pending-prizes", rk->pending_prizes);
    for (i = 0; i < groups->nelts; i++) {
        const qc_group_t *g = &APR_ARRAY_IDX(groups, i, qc_group_t);
        if (!strcmp(g->code, rk->group_code)) {
            qc_xml_set(res, "group-title", g->title);
        }
    }
    for (i = 0; i < ctx->contest->rounds->nelts; i++) {
        const qc_round_t *rd = &APR_ARRAY_IDX(ctx->contest->rounds, i, qc_round_t);
        if (rd->seq == rk->round_seq) {
            n = qc_xml_add(res, "window", NULL);
            qc_ctx_set_time(ctx, n, "opens", rd->opens_ms);
            qc_ctx_set_time(ctx, n, "closes", rd->closes_ms);
        }
    }
    if (rk->round_seq == 0) {
        n = qc_xml_add(res, "window", NULL);
        qc_ctx_set_time(ctx, n, "opens", ctx->contest->opens_ms);
        qc_ctx_set_time(ctx, n, "closes", ctx->contest->closes_ms);
    }
    n = qc_xml_add(res, "prizes", NULL);
    for (i = 0; i < rk->ntiers; i++) {
        xmlNodePtr t = qc_xml_add(n, "prize", rk->tiers[i].title);
        qc_xml_set_int(t, "count", rk->tiers[i].count);
        if (rk->tiers[i].amount > 0) {
            qc_xml_set_int(t, "amount", rk->tiers[i].amount);
        }
    }
    n = qc_xml_add(res, "winners", NULL);
    for (i = 0; i < rk->n; i++) {
        if (rk->awards[i].tier >= 0 && !rk->awards[i].skipped) {
            print_entry(ctx, n, rk, i);
        }
    }
    if (!strcmp(page, "results-print")) {
        n = qc_xml_add(res, "ranking", NULL);
        for (i = 0; i < rk->n; i++) {
            print_entry(ctx, n, rk, i);
        }
    }
}

/* ---- progress: participants per day and unit -------------------------------------------------- */

/* Days since 1970-01-01 of "YYYY-MM-DD" (proleptic Gregorian), or -1. */
static long civil_days(const char *s)
{
    int y, m, d;
    long era, yoe, doy, doe;
    if (!s || strlen(s) < 10 || s[4] != '-' || s[7] != '-') {
        return -1;
    }
    y = atoi(s);
    m = atoi(s + 5);
    d = atoi(s + 8);
    y -= m <= 2;
    era = (y >= 0 ? y : y - 399) / 400;
    yoe = y - era * 400;
    doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

static const char *civil_date(apr_pool_t *p, long z)
{
    long era, doe, yoe, y, doy, mp, d, m;
    z += 719468;
    era = (z >= 0 ? z : z - 146096) / 146097;
    doe = z - era * 146097;
    yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    y = yoe + era * 400;
    doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    mp = (5 * doy + 2) / 153;
    d = doy - (153 * mp + 2) / 5 + 1;
    m = mp + (mp < 10 ? 3 : -9);
    return apr_psprintf(p, "%04ld-%02ld-%02ld", y + (m <= 2), m, d);
}

/* Longest range of days shown (the contest's window is a few weeks; a bad clock must not make a
 * page of years). */
#define PROGRESS_MAX_DAYS 400

/* The top of the chart's y axis: the smallest 1, 2, 4, 5 or 8 times a power of ten at or above
 * max, so that its quarters are round numbers. */
static int axis_max(int max)
{
    static const int steps[] = {4, 8, 20, 40};
    int scale = 1, i;
    if (max <= 4) {
        return 4;
    }
    for (;;) {
        for (i = 0; i < 4; i++) {
            if (steps[i] * scale >= max) {
                return steps[i] * scale;
            }
        }
        scale *= 10;
    }
}

typedef struct {
    const char *id, *parent, *code, *name;
    int depth;  /* 1 at the top */
    int series; /* index of its series at the chosen level, -1 until known */
} punit_t;

void qc_page_progress(qc_ctx_t *ctx)
{
    apr_int64_t level;
    apr_array_header_t *units, *days;
    apr_hash_t *by_id;
    punit_t *u;
    int i, j, k, maxdepth = 1, nseries = 0, changed;
    long first = -1, last = -1, ndays;
    int *count, *dtotal, *stotal, *series_unit, max = 0;
    xmlNodePtr root, res, n, s;
    apr_status_t rv = query_int(ctx, "cap", 1, 20, 1, &level);
    if (rv == APR_SUCCESS) {
        rv = qc_ctx_contest(ctx);
    }
    if (rv == APR_SUCCESS) {
        rv = qc_contest_units_list(ctx->db, ctx->p, ctx->contest->id, &units);
    }
    if (rv == APR_SUCCESS) {
        rv = qc_results_daily_progress(ctx->db, ctx->p, ctx->contest, &days);
    }
    if (rv != APR_SUCCESS) {
        qc_ctx_fail(ctx, rv);
        return;
    }
    /* the unit tree: depth of each unit, then its series at the chosen level (a unit above
     * the level is its own series; one below it counts for its ancestor at the level) */
    u = apr_pcalloc(ctx->p, (apr_size_t)(units->nelts + 1) * sizeof *u);
    by_id = apr_hash_make(ctx->p);
    for (i = 0; i < units->nelts; i++) {
        const qc_unit_t *un = &APR_ARRAY_IDX(units, i, qc_unit_t);
        u[i].id = un->id;
        u[i].parent = un->parent_id;
        u[i].code = un->code;
        u[i].name = un->name;
        u[i].depth = u[i].parent ? 0 : 1;
        u[i].series = -1;
        apr_hash_set(by_id, u[i].id, APR_HASH_KEY_STRING, &u[i]);
    }
    do { /* depths down the tree (bounded by its height) */
        changed = 0;
        for (i = 0; i < units->nelts; i++) {
            punit_t *pa =
                u[i].parent ? apr_hash_get(by_id, u[i].parent, APR_HASH_KEY_STRING) : NULL;
            if (!u[i].depth && pa && pa->depth) {
                u[i].depth = pa->depth + 1;
                changed = 1;
            }
        }
    } while (changed);
    series_unit = apr_pcalloc(ctx->p, (apr_size_t)(units->nelts + 1) * sizeof(int));
    for (i = 0; i < units->nelts; i++) { /* in tree order: seq, id */
        if (u[i].depth > maxdepth) {
            maxdepth = u[i].depth;
        }
        if (u[i].depth >= 1 && u[i].depth <= level) {
            u[i].series = nseries;
            series_unit[nseries++] = i;
        }
    }
    if (level > maxdepth) {
        qc_ctx_fail(ctx, QC_EINPUT);
        return;
    }
    for (i = 0; i < days->nelts; i++) {
        long d = civil_days(APR_ARRAY_IDX(days, i, qc_daily_count_t).day);
        if (d >= 0 && (first < 0 || d < first)) {
            first = d;
        }
        if (d > last) {
            last = d;
        }
    }
    if (first >= 0 && last - first >= PROGRESS_MAX_DAYS) {
        first = last - PROGRESS_MAX_DAYS + 1;
    }
    ndays = first >= 0 ? last - first + 1 : 0;
    count = apr_pcalloc(ctx->p, (apr_size_t)(ndays * nseries + 1) * sizeof(int));
    dtotal = apr_pcalloc(ctx->p, (apr_size_t)(ndays + 1) * sizeof(int));
    stotal = apr_pcalloc(ctx->p, (apr_size_t)(nseries + 1) * sizeof(int));
    for (i = 0; i < days->nelts; i++) {
        const qc_daily_count_t *dc = &APR_ARRAY_IDX(days, i, qc_daily_count_t);
        long d = civil_days(dc->day) - first;
        punit_t *un = apr_hash_get(by_id, dc->unit_id, APR_HASH_KEY_STRING);
        int c = dc->contestants;
        while (un && un->series < 0) {
            un = un->parent ? apr_hash_get(by_id, un->parent, APR_HASH_KEY_STRING) : NULL;
        }
        if (!un || d < 0 || d >= ndays) {
            continue;
        }
        count[d * nseries + un->series] += c;
        dtotal[d] += c;
        stotal[un->series] += c;
    }
    for (k = 0; k < ndays * nseries; k++) {
        if (count[k] > max) {
            max = count[k];
        }
    }
    root = qc_ctx_page(ctx, "progress");
    res = qc_xml_add(root, "progress", NULL);
    qc_xml_set_int(res, "level", level);
    qc_xml_set_int(res, "levels", maxdepth);
    qc_xml_set_int(res, "days", ndays);
    qc_xml_set_int(res, "max", max);
    qc_xml_set_int(res, "axis-max", axis_max(max));
    n = qc_xml_add(res, "levels", NULL);
    for (k = 1; k <= maxdepth; k++) {
        qc_xml_set_int(qc_xml_add(n, "level", NULL), "n", k);
    }
    n = qc_xml_add(res, "days", NULL);
    for (k = 0; k < ndays; k++) {
        const char *date = civil_date(ctx->p, first + k);
        xmlNodePtr day = qc_xml_add(n, "day", NULL);
        qc_xml_set(day, "date", date);
        qc_xml_set(day, "label", apr_psprintf(ctx->p, "%.2s/%.2s", date + 8, date + 5));
        qc_xml_set_int(day, "total", dtotal[k]);
    }
    n = qc_xml_add(res, "series", NULL);
    for (j = 0; j < nseries; j++) {
        const punit_t *su = &u[series_unit[j]];
        s = qc_xml_add(n, "unit", NULL);
        qc_xml_set(s, "code", su->code);
        qc_xml_set(s, "name", su->name);
        qc_xml_set_int(s, "depth", su->depth);
        qc_xml_set_int(s, "total", stotal[j]);
        for (k = 0; k < ndays; k++) {
            qc_xml_set_int(qc_xml_add(s, "n", NULL), "v", count[k * nseries + j]);
        }
    }
}

/* ---- entry points of the route table (qc_router.c) ---- */

void qc_page_results_print(qc_ctx_t *ctx)
{
    page_print(ctx, "results-print");
}

void qc_page_certificates(qc_ctx_t *ctx)
{
    page_print(ctx, "certificates");
}
