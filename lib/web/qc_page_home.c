/* The contest's public home page, and the overview of the secretariat and jury areas. */
#include <stdlib.h>
#include <string.h>
#include <apr_strings.h>
#include "qc_ctx.h"
#include "qc_pages.h"
#include "qc_attempt.h"
#include "qc_results.h"
#include "qc_status.h"
#include "qc_time.h"
#include "qc_xml.h"

/* seconds the public home page may be served from a cache (bursts of visitors) */
#define QC_HOME_CACHE_S 1

/* rounds, documents, settings and participation: shared by home and the staff overview */
static apr_status_t add_contest_details(qc_ctx_t *ctx, xmlNodePtr parent)
{
    const qc_contest_t *c = ctx->contest;
    const qc_round_t *current;
    apr_int64_t next = 0;
    qc_contest_status_t st = qc_contest_status(c, c->now_ms, &current, &next);
    xmlNodePtr n, rounds, docs;
    apr_array_header_t *documents;
    const char *registered, *participants;
    int i;
    apr_status_t rv;

    qc_xml_set(parent, "status", qc_contest_status_name(st));
    if (next) {
        qc_ctx_set_time(ctx, parent, "next-change", next);
        if (st == QC_CONTEST_OPEN) { /* the next change is a closing: written 24:00 */
            qc_xml_set(parent, "next-change-local",
                       qc_time_format_local_end(ctx->p, next, c->tz_offset_min));
        }
        qc_xml_set_int(parent, "next-change-in-ms", next - c->now_ms);
    }
    if (current) {
        qc_xml_set(parent, "current-round", current->id);
    }
    n = qc_xml_add(parent, "window", NULL);
    qc_ctx_set_time(ctx, n, "opens", c->opens_ms);
    qc_ctx_set_time(ctx, n, "closes", c->closes_ms);
    if (c->results_publish_ms && !c->results_auto_done && c->now_ms >= c->results_publish_ms) {
        /* the plan's hour for the results has passed: the first visitor's request publishes
         * them (or finds them held by a tie awaiting the committee) */
        qc_publish_due_t due;
        rv = qc_results_publish_due(ctx->db, ctx->p, c, &due);
        if (rv != APR_SUCCESS) {
            return rv;
        }
    }
    /* when the results are to be published, and the ceremony, as the definition gives them */
    if (c->results_publish_ms || c->ceremony_ms) {
        n = qc_xml_add(parent, "results-schedule", NULL);
        if (c->results_publish_ms) {
            qc_ctx_set_time(ctx, n, "publish", c->results_publish_ms);
        }
        if (c->ceremony_ms) {
            qc_ctx_set_time(ctx, n, "ceremony", c->ceremony_ms);
            qc_xml_set(n, "ceremony-local",
                       qc_time_format_local_day(ctx->p, c->ceremony_ms, c->tz_offset_min));
        }
    }
    n = qc_xml_add(parent, "settings", NULL);
    qc_xml_set_int(n, "questions", c->questions_per_attempt);
    qc_xml_set_int(n, "time-limit-s", c->time_limit_s);
    qc_xml_set_int(n, "time-limit-min", (c->time_limit_s + 59) / 60);
    qc_xml_set_int(n, "attempts", c->attempts_per_round);
    qc_xml_set_int(n, "min-age", c->min_age);
    qc_xml_set(n, "reveal", c->reveal_answers);
    qc_xml_add(parent, "rules", c->rules_text);
    if (c->prediction_question && *c->prediction_question) {
        qc_xml_add(parent, "prediction-question", c->prediction_question);
    }
    rounds = qc_xml_add(parent, "rounds", NULL);
    for (i = 0; i < c->rounds->nelts; i++) {
        const qc_round_t *rd = &APR_ARRAY_IDX(c->rounds, i, qc_round_t);
        n = qc_xml_add(rounds, "round", rd->title);
        qc_xml_set(n, "id", rd->id);
        qc_xml_set_int(n, "seq", rd->seq);
        qc_xml_set_int(n, "attempts", rd->attempts_allowed);
        {
            /* the round's results, once published, are linked from the home page */
            int published = 0;
            rv = qc_results_is_published(ctx->db, ctx->p, c, rd->seq, &published);
            if (rv != APR_SUCCESS) {
                return rv;
            }
            if (published) {
                qc_xml_set(n, "published", "1");
            }
        }
        qc_ctx_set_time(ctx, n, "opens", rd->opens_ms);
        qc_ctx_set_time(ctx, n, "closes", rd->closes_ms);
        qc_xml_set(n, "state",
                   c->now_ms < rd->opens_ms    ? "upcoming"
                   : c->now_ms < rd->closes_ms ? "open"
                                               : "past");
    }
    rv = qc_contest_documents(ctx->db, ctx->p, c->id, &documents);
    if (rv != APR_SUCCESS) {
        return rv;
    }
    docs = qc_xml_add(parent, "documents", NULL);
    for (i = 0; i < documents->nelts; i++) {
        const qc_document_t *d = &APR_ARRAY_IDX(documents, i, qc_document_t);
        n = qc_xml_add(docs, "document", d->title);
        qc_xml_set(n, "url", d->url);
    }
    {
        /* the prize structure with its amounts, as the definition gives them */
        apr_array_header_t *prizes;
        xmlNodePtr list;
        rv = qc_results_prize_structure(ctx->db, ctx->p, c, &prizes);
        if (rv != APR_SUCCESS) {
            return rv;
        }
        list = qc_xml_add(parent, "prizes", NULL);
        for (i = 0; i < prizes->nelts; i++) {
            const qc_prize_line_t *l = &APR_ARRAY_IDX(prizes, i, qc_prize_line_t);
            n = qc_xml_add(list, "prize", l->title);
            qc_xml_set(n, "kind", l->kind);
            qc_xml_set(n, "scope", l->scope);
            qc_xml_set(n, "group", l->group_code);
            qc_xml_set_int(n, "count", l->count);
            if (l->amount > 0) {
                qc_xml_set_int(n, "amount", l->amount);
            }
        }
    }
    rv = qc_contest_counts(ctx->db, ctx->p, c->id, &registered, &participants);
    if (rv != APR_SUCCESS) {
        return rv;
    }
    qc_xml_set(parent, "registered", registered);
    qc_xml_set(parent, "participants", participants);
    return APR_SUCCESS;
}

void qc_page_home(qc_ctx_t *ctx)
{
    apr_status_t rv = qc_ctx_session(ctx);
    xmlNodePtr root, home;
    if (rv == APR_SUCCESS) {
        rv = qc_ctx_contest(ctx);
    }
    if (rv != APR_SUCCESS) {
        qc_ctx_fail(ctx, rv);
        return;
    }
    root = qc_ctx_page(ctx, "home");
    home = qc_xml_add(root, "home", NULL);
    rv = add_contest_details(ctx, home);
    if (rv != APR_SUCCESS) {
        qc_ctx_fail(ctx, rv);
        return;
    }
    /* Without a session the page is the same for every visitor (no name, no token, no
     * cookie): it may be kept for a second, by the module's per-process cache and by a
     * shared cache in front of the portal. The countdown it carries is at most that late. */
    if (!ctx->session && !ctx->resp->cookies) {
        ctx->resp->cacheable_s = QC_HOME_CACHE_S;
    }
}

/*
 * The block the department's portal includes or frames: the contest's name, its status as the
 * home page computes it (qc_contest_status), "published" once the contest is over and a
 * round's results are public (the latest such round is linked), the time left until the current round closes or the next one
 * opens (days, hours and minutes, computed here), and the flags for the links (register
 * while registration is open, as on the home page: until the contest closes). The only page
 * the portal's origins may frame (resp->frameable, QuizContestFrameAncestors).
 */
void qc_page_portal_block(qc_ctx_t *ctx)
{
    apr_status_t rv;
    const qc_contest_t *c;
    const qc_round_t *current;
    apr_int64_t next = 0;
    qc_contest_status_t st;
    xmlNodePtr root, block;
    int i, published = 0;

    ctx->resp->frameable = 1;
    rv = qc_ctx_contest(ctx);
    if (rv != APR_SUCCESS) {
        qc_ctx_fail(ctx, rv);
        return;
    }
    c = ctx->contest;
    st = qc_contest_status(c, c->now_ms, &current, &next);
    for (i = 0; i < c->rounds->nelts && rv == APR_SUCCESS; i++) {
        const qc_round_t *rd = &APR_ARRAY_IDX(c->rounds, i, qc_round_t);
        int one = 0;
        rv = qc_results_is_published(ctx->db, ctx->p, c, rd->seq, &one);
        if (one) {
            published = rd->seq; /* the latest round whose results are public */
        }
    }
    if (rv != APR_SUCCESS) {
        qc_ctx_fail(ctx, rv);
        return;
    }
    root = qc_ctx_page(ctx, "portal-block");
    block = qc_xml_add(root, "block", NULL);
    qc_xml_set(block, "status",
               st == QC_CONTEST_CLOSED && published ? "published" : qc_contest_status_name(st));
    if (current) {
        qc_xml_set_int(block, "round-seq", current->seq);
        qc_xml_add(block, "round", current->title);
    }
    if (published) {
        qc_xml_set_int(block, "results", published); /* linked as the home page links it */
    }
    if (st != QC_CONTEST_CLOSED) {
        qc_xml_set(block, "registration", "1");
    }
    if (next > c->now_ms) {
        apr_int64_t min = (next - c->now_ms + 59999) / 60000; /* whole minutes, rounded up */
        xmlNodePtr left = qc_xml_add(block, "left", NULL);
        qc_ctx_set_time(ctx, left, st == QC_CONTEST_OPEN ? "closes" : "opens", next);
        qc_xml_set_int(left, "days", min / (24 * 60));
        qc_xml_set_int(left, "hours", min / 60 % 24);
        qc_xml_set_int(left, "minutes", min % 60);
    }
}

void qc_page_secretariat_home(qc_ctx_t *ctx)
{
    apr_status_t rv = qc_ctx_contest(ctx);
    xmlNodePtr root, overview;
    if (rv != APR_SUCCESS) {
        qc_ctx_fail(ctx, rv);
        return;
    }
    root = qc_ctx_page(ctx, "staff-home");
    overview = qc_xml_add(root, "overview", NULL);
    rv = add_contest_details(ctx, overview);
    if (rv != APR_SUCCESS) {
        qc_ctx_fail(ctx, rv);
    }
}
