/* Results pages: the secretariat's ranking (ket-qua) and unit statistics (don-vi), with CSV,
 * and the public ranking of a round once published (ket-qua-chung). */
#include <stdlib.h>
#include <string.h>
#include <apr_strings.h>
#include "qc_ctx.h"
#include "qc_messages.h"
#include "qc_page_results.h"
#include "qc_pages.h"
#include "qc_results.h"
#include "qc_status.h"
#include "qc_time.h"
#include "qc_util.h"
#include "qc_xml.h"

/* Entries per page of a ranking. */
#define PAGE_SIZE 200

/* A whole-number query parameter in [min, max]; def when absent. QC_EINPUT when malformed. */
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

/* ?format=csv, or xlsx (*csv 2; xml is the module's); anything else is refused. */
static apr_status_t want_csv(qc_ctx_t *ctx, int *csv)
{
    const char *f = apr_table_get(ctx->req->query, "format");
    *csv = f && !strcmp(f, "csv") ? 1 : f && !strcmp(f, "xlsx") ? 2 : 0;
    return !f || *csv || !strcmp(f, "xml") || !strcmp(f, "html") ? APR_SUCCESS : QC_EINPUT;
}

static void send_csv(qc_ctx_t *ctx, const char *body, apr_size_t len)
{
    ctx->resp->status = 200;
    ctx->resp->body = body;
    ctx->resp->body_len = len;
    ctx->resp->content_type = "text/csv; charset=utf-8";
}

const char *qc_page_results_prize_low(apr_pool_t *p, const qc_messages_t *msgs,
                                      const qc_ranking_t *rk, const qc_prize_award_t *a)
{
    return a->tier_low >= 0 ? rk->tiers[a->tier_low].title
                            : qc_messages_format(p, msgs, "results.no_prize_below", 0, NULL);
}

void qc_page_results_add_reason(qc_ctx_t *ctx, xmlNodePtr n, const qc_ranking_t *rk, int i,
                                int committee)
{
    const qc_rank_entry_t *e = &rk->entries[i];
    const qc_result_info_t *info = e->data;
    const qc_rank_entry_t *above = i ? &rk->entries[i - 1] : NULL;
    qc_rank_gap_t g;
    qc_rank_gap(above, e, &g);
    if (!committee) {
        /* the public: no predictions, so no distance either */
        qc_xml_add(n, "reason",
                   e->rule == QC_RULE_PREDICTION
                       ? qc_messages_format(ctx->p, ctx->req->messages,
                                            "results.reason.prediction_public", 0, NULL)
                       : qc_rank_reason(ctx->p, ctx->req->messages, above, e, NULL));
        return;
    }
    qc_xml_set(n, "rule", qc_rank_rule_name(e->rule));
    if (above) {
        qc_xml_set_int(n, "score-gap", g.score_gap);
        qc_xml_set_int(n, "time-gap-ms", g.time_gap_ms);
        if (g.distance_gap >= 0) {
            qc_xml_set_int(n, "distance-gap", g.distance_gap);
        }
    }
    qc_xml_add(n, "reason",
               qc_rank_reason(ctx->p, ctx->req->messages, above, e, info->committee_reason));
}

static void add_prize_attrs(apr_pool_t *p, const qc_messages_t *msgs, xmlNodePtr n,
                            const qc_ranking_t *rk, int i)
{
    const qc_prize_award_t *a = &rk->awards[i];
    if (a->skipped) {
        qc_xml_set(n, "prize-skipped", "1");
    }
    if (a->tier < 0) {
        return;
    }
    qc_xml_set(n, "prize", rk->tiers[a->tier].title);
    if (a->pending) {
        qc_xml_set(n, "prize-pending", "1");
        qc_xml_set(n, "prize-low", qc_page_results_prize_low(p, msgs, rk, a));
    }
}

/* One ranked entry. The public page gets name, unit, score and time only. */
static xmlNodePtr add_entry(qc_ctx_t *ctx, xmlNodePtr parent, const qc_ranking_t *rk, int i,
                            int staff)
{
    const qc_rank_entry_t *e = &rk->entries[i];
    const qc_result_info_t *info = e->data;
    xmlNodePtr n = qc_xml_add(parent, "entry", NULL);
    qc_xml_set_int(n, "position", e->position);
    qc_xml_set_int(n, "score", e->score);
    qc_xml_set_int(n, "questions", info->question_count);
    qc_xml_set_int(n, "time-ms", e->time_ms);
    qc_xml_set(n, "time", qc_time_format_duration(ctx->p, e->time_ms));
    if (e->pending) {
        qc_xml_set(n, "pending", "1");
    }
    add_prize_attrs(ctx->p, ctx->req->messages, n, rk, i);
    qc_xml_add(n, "name", info->full_name);
    qc_xml_add(n, "unit", info->unit_name);
    qc_page_results_add_reason(ctx, n, rk, i, staff);
    if (staff) {
        qc_xml_set(n, "contestant-id", e->contestant_id);
        qc_xml_set_int(n, "tie-size", e->tie_size);
        qc_xml_set_int(n, "attempts", info->attempts);
        qc_xml_set(n, "prediction", info->prediction);
        if (e->distance >= 0) {
            qc_xml_set_int(n, "distance", e->distance);
        }
        if (info->flags && *info->flags) {
            qc_xml_set(n, "flags", info->flags);
            qc_xml_set(n, "flags-text",
                       qc_results_flags_text(ctx->p, ctx->req->messages, info->flags));
        }
        if (info->group_code && *info->group_code) {
            qc_xml_set(n, "group", info->group_code);
        }
        if (info->committee_reason && *info->committee_reason) {
            qc_xml_add(n, "committee-reason", info->committee_reason);
        }
    }
    return n;
}

/* The ranking's page: navigation, target, prizes, prize winners and one page of entries. */
static apr_status_t add_ranking(qc_ctx_t *ctx, xmlNodePtr root, const qc_ranking_t *rk, int page,
                                int staff)
{
    xmlNodePtr res = qc_xml_add(root, "results", NULL), n, list;
    int i, pages = (rk->total + PAGE_SIZE - 1) / PAGE_SIZE, from, to, pending = 0;
    apr_status_t rv;

    qc_xml_set_int(res, "round", rk->round_seq);
    qc_xml_set(res, "round-title", rk->round_title);
    qc_xml_set(res, "group", rk->group_code);
    qc_xml_set(res, "closed", rk->closed ? "1" : "0");
    qc_xml_set(res, "published", rk->published ? "1" : "0");
    qc_xml_set_int(res, "total", rk->total);
    qc_xml_set_int(res, "page", page);
    qc_xml_set_int(res, "pages", pages > 0 ? pages : 1);
    qc_xml_set_int(res, "page-size", PAGE_SIZE);
    /* ties awaiting the committee among the entries read (the head of a long ranking) */
    for (i = 0; i < rk->n; i++) {
        pending += rk->entries[i].pending;
    }
    if (staff) {
        qc_xml_set_int(res, "pending", pending);
        qc_xml_set_int(res, "pending-prizes", rk->pending_prizes);
    }
    n = qc_xml_add(res, "rounds", NULL);
    for (i = 0; i < ctx->contest->rounds->nelts; i++) {
        const qc_round_t *rd = &APR_ARRAY_IDX(ctx->contest->rounds, i, qc_round_t);
        xmlNodePtr r = qc_xml_add(n, "round", rd->title);
        qc_xml_set_int(r, "seq", rd->seq);
    }
    if (staff) {
        apr_array_header_t *groups;
        rv = qc_contest_groups_list(ctx->db, ctx->p, ctx->contest->id, &groups);
        if (rv != APR_SUCCESS) {
            return rv;
        }
        n = qc_xml_add(res, "groups", NULL);
        for (i = 0; i < groups->nelts; i++) {
            const qc_group_t *gr = &APR_ARRAY_IDX(groups, i, qc_group_t);
            xmlNodePtr g = qc_xml_add(n, "group", gr->title);
            qc_xml_set(g, "code", gr->code);
        }
        n = qc_xml_add(res, "target", NULL);
        qc_xml_set(n, "kind", rk->target_kind);
        qc_xml_set(n, "known", rk->has_target ? "1" : "0");
        qc_xml_set(n, "provisional", rk->closed ? "0" : "1");
        if (rk->has_target) {
            qc_xml_set_int(n, "value", rk->target);
        }
    }
    n = qc_xml_add(res, "prizes", NULL);
    for (i = 0; i < rk->ntiers; i++) {
        xmlNodePtr t = qc_xml_add(n, "prize", rk->tiers[i].title);
        qc_xml_set_int(t, "count", rk->tiers[i].count);
        if (rk->tiers[i].amount > 0) {
            qc_xml_set_int(t, "amount", rk->tiers[i].amount);
        }
    }
    list = qc_xml_add(res, "winners", NULL);
    for (i = 0; i < rk->n; i++) {
        if (rk->awards[i].tier >= 0) {
            add_entry(ctx, list, rk, i, staff);
        }
    }
    list = qc_xml_add(res, "ranking", NULL);
    from = (page - 1) * PAGE_SIZE;
    to = from + PAGE_SIZE < rk->n ? from + PAGE_SIZE : rk->n;
    for (i = from; i < to; i++) {
        add_entry(ctx, list, rk, i, staff);
    }
    return APR_SUCCESS;
}

/* vong (round seq, 0 = whole contest), nhom (group code), trang (page) */
static apr_status_t ranking_params(qc_ctx_t *ctx, int *round, const char **group, int *page)
{
    apr_int64_t r, pg;
    const char *g = apr_table_get(ctx->req->query, "nhom");
    apr_status_t rv = query_int(ctx, "vong", 0, 65535, 0, &r);
    if (rv == APR_SUCCESS) {
        rv = query_int(ctx, "trang", 1, 1000000, 1, &pg);
    }
    if (rv != APR_SUCCESS || (g && strlen(g) > 32)) {
        return QC_EINPUT;
    }
    *round = (int)r;
    *page = (int)pg;
    *group = g ? g : "";
    return APR_SUCCESS;
}

void qc_page_results(qc_ctx_t *ctx)
{
    int round, page, csv = 0;
    const char *group;
    qc_publish_due_t due;
    qc_ranking_t *rk;
    xmlNodePtr root;
    apr_status_t rv = ranking_params(ctx, &round, &group, &page);
    if (rv == APR_SUCCESS) {
        rv = want_csv(ctx, &csv);
    }
    if (rv == APR_SUCCESS) {
        rv = qc_ctx_contest(ctx);
    }
    if (rv == APR_SUCCESS) {
        rv = qc_results_publish_due(ctx->db, ctx->p, ctx->contest, &due);
    }
    if (rv == APR_SUCCESS) {
        rv = qc_results_ranking(ctx->db, ctx->p, ctx->contest, round, group,
                                csv ? 0 : page * PAGE_SIZE, &rk);
    }
    if (rv != APR_SUCCESS) {
        qc_ctx_fail(ctx, rv);
        return;
    }
    if (csv == 2) {
        qc_page_results_send_xlsx(ctx, rk);
        return;
    }
    if (csv) {
        apr_size_t len;
        const char *body = qc_results_csv(ctx->p, ctx->req->messages, rk, &len);
        send_csv(ctx, body, len);
        return;
    }
    root = qc_ctx_page(ctx, "results");
    /* the forms of this page (publication, the committee's order) post with this token */
    qc_ctx_page_csrf(ctx);
    if (ctx->contest->results_publish_ms) {
        /* the plan's publication: when, and whether the module published or why it holds */
        xmlNodePtr n = qc_xml_add(root, "scheduled", NULL);
        qc_ctx_set_time(ctx, n, "at", ctx->contest->results_publish_ms);
        qc_xml_set(n, "state", due.done       ? "done"
                               : due.held_tie  ? "held-tie"
                               : due.held_open ? "held-open"
                                               : "ahead");
        if (due.held_tie || due.held_open) {
            qc_xml_set_int(n, "round", due.held_round);
            qc_xml_set(n, "group", due.held_group);
        }
    }
    {
        /* what the last decision did (qc_page_publish.c redirects here with it) */
        static const char *const notices[] = {
            "da-cong-bo", "da-thu-hoi",  "chua-dong", "da-ghi-quyet-dinh",
            "thu-tu-sai", "thieu-ly-do", NULL};
        const char *notice = apr_table_get(ctx->req->query, "thong-bao");
        int i;
        for (i = 0; notice && notices[i]; i++) {
            if (!strcmp(notice, notices[i])) {
                qc_xml_add(root, "notice", apr_pstrcat(ctx->p, "results.notice.", notice, NULL));
            }
        }
    }
    rv = add_ranking(ctx, root, rk, page, 1);
    if (rv != APR_SUCCESS) {
        qc_ctx_fail(ctx, rv);
    }
}

void qc_page_public_results(qc_ctx_t *ctx)
{
    int round, page, published = 0;
    const char *group;
    qc_ranking_t *rk;
    xmlNodePtr root;
    apr_status_t rv = ranking_params(ctx, &round, &group, &page);
    if (rv == APR_SUCCESS) {
        rv = qc_ctx_session(ctx);
    }
    if (rv == APR_SUCCESS) {
        rv = qc_ctx_contest(ctx);
    }
    if (rv == APR_SUCCESS) {
        /* the plan's hour for the results: published on the first request after it */
        qc_publish_due_t due;
        rv = qc_results_publish_due(ctx->db, ctx->p, ctx->contest, &due);
    }
    if (rv == APR_SUCCESS) {
        rv = qc_results_is_published(ctx->db, ctx->p, ctx->contest, round, &published);
    }
    if (rv == APR_SUCCESS && !published) {
        xmlNodePtr e = qc_ctx_error(ctx, 404, "results.not_published", "results.not_published_title");
        /* the date the contest's plan gives for its results, while it is ahead */
        if (ctx->contest->results_publish_ms > ctx->contest->now_ms) {
            qc_ctx_set_time(ctx, e, "expected", ctx->contest->results_publish_ms);
        }
        return;
    }
    if (rv == APR_SUCCESS) {
        rv = qc_results_ranking(ctx->db, ctx->p, ctx->contest, round, group, page * PAGE_SIZE, &rk);
    }
    if (rv != APR_SUCCESS) {
        qc_ctx_fail(ctx, rv);
        return;
    }
    root = qc_ctx_page(ctx, "public-results");
    rv = add_ranking(ctx, root, rk, page, 0);
    if (rv != APR_SUCCESS) {
        qc_ctx_fail(ctx, rv);
    }
}

void qc_page_units(qc_ctx_t *ctx)
{
    int csv = 0, i;
    qc_unit_report_t *rep;
    xmlNodePtr root, res, n, list;
    apr_status_t rv = want_csv(ctx, &csv);
    if (rv == APR_SUCCESS) {
        rv = qc_ctx_contest(ctx);
    }
    if (rv == APR_SUCCESS) {
        rv = qc_results_units(ctx->db, ctx->p, ctx->contest, &rep);
    }
    if (rv != APR_SUCCESS) {
        qc_ctx_fail(ctx, rv);
        return;
    }
    if (csv == 2) {
        qc_page_units_send_xlsx(ctx, rep);
        return;
    }
    if (csv) {
        apr_size_t len;
        const char *body = qc_results_units_csv(ctx->p, rep, &len);
        send_csv(ctx, body, len);
        return;
    }
    root = qc_ctx_page(ctx, "units");
    res = qc_xml_add(root, "units", NULL);
    qc_xml_set(res, "formula", rep->settings->collective_formula);
    qc_xml_set(res, "unit-kind", rep->settings->collective_unit_kind);
    if (rep->settings->reg_quota_deadline) {
        apr_int64_t ms = 0;
        if (qc_time_parse_db(rep->settings->reg_quota_deadline, &ms) == APR_SUCCESS) {
            qc_ctx_set_time(ctx, res, "quota-deadline", ms);
        }
    }
    if (*rep->settings->collective_description) {
        qc_xml_add(res, "description", rep->settings->collective_description);
    }
    list = qc_xml_add(res, "tree", NULL);
    for (i = 0; i < rep->n; i++) {
        const qc_unit_stat_t *u = &rep->units[i];
        const char *const *names = u->data;
        n = qc_xml_add(list, "unit", names[1]);
        qc_xml_set(n, "code", names[0]);
        qc_xml_set(n, "kind", names[2]);
        qc_xml_set_int(n, "depth", u->depth);
        if (u->t_headcount >= 0) {
            qc_xml_set_int(n, "headcount", u->t_headcount);
        }
        qc_xml_set_int(n, "registered", u->t_registered);
        qc_xml_set_int(n, "participants", u->t_participants);
        qc_xml_set_int(n, "attempts", u->t_attempts);
        qc_xml_set_int(n, "prizes", u->t_prizes);
        if (u->rate_bp >= 0) {
            qc_xml_set(n, "rate",
                       apr_psprintf(ctx->p, "%d,%02d", u->rate_bp / 100, u->rate_bp % 100));
        }
        if (u->avg_milli >= 0) {
            qc_xml_set(
                n, "average",
                apr_psprintf(ctx->p, "%d,%02d", u->avg_milli / 1000, (u->avg_milli % 1000) / 10));
        }
        if (u->quota_state >= 0) {
            qc_xml_set_int(n, "quota", u->reg_quota);
            qc_xml_set_int(n, "registered-in-time", u->t_registered_in_time);
            qc_xml_set(n, "quota-met", u->quota_state ? "1" : "0");
        }
    }
    if (!strcmp(rep->settings->collective_formula, "participation-and-prizes")) {
        /* a rate needs the unit's headcount: say plainly which units the prize cannot rank */
        xmlNodePtr miss = NULL;
        int k = 0;
        for (i = 0; i < rep->nranked; i++) {
            const qc_unit_stat_t *u = &rep->ranked[i];
            if (u->t_headcount < 0) {
                if (!miss) {
                    miss = qc_xml_add(res, "no-headcount", NULL);
                }
                qc_xml_add(miss, "unit", ((const char *const *)u->data)[1]);
                k++;
            }
        }
        if (miss) {
            qc_xml_set_int(miss, "count", k);
            qc_xml_set_int(miss, "of", rep->nranked);
        }
    }
    list = qc_xml_add(res, "collective", NULL);
    for (i = 0; i < rep->ntiers; i++) {
        xmlNodePtr t = qc_xml_add(list, "prize", rep->tiers[i].title);
        qc_xml_set_int(t, "count", rep->tiers[i].count);
    }
    for (i = 0; i < rep->nranked; i++) {
        const qc_unit_stat_t *u = &rep->ranked[i];
        const char *const *names = u->data;
        const qc_prize_award_t *a = &rep->awards[i];
        n = qc_xml_add(list, "unit", names[1]);
        qc_xml_set(n, "code", names[0]);
        if (u->position > 0) {
            qc_xml_set_int(n, "position", u->position);
        }
        qc_xml_set_int(n, "participants", u->t_participants);
        qc_xml_set_int(n, "prizes", u->t_prizes);
        if (u->rate_bp >= 0) {
            qc_xml_set(n, "rate",
                       apr_psprintf(ctx->p, "%d,%02d", u->rate_bp / 100, u->rate_bp % 100));
        }
        if (u->avg_milli >= 0) {
            qc_xml_set(
                n, "average",
                apr_psprintf(ctx->p, "%d,%02d", u->avg_milli / 1000, (u->avg_milli % 1000) / 10));
        }
        if (a->tier >= 0) {
            qc_xml_set(n, "prize", rep->tiers[a->tier].title);
            if (a->pending) {
                qc_xml_set(n, "prize-pending", "1");
            }
        }
    }
}
