/* The on-stage team contest (Đắk Nông, in person): judges score each team's parts from their
 * phones (jury area, san-khau/...), the presenter's projector screen draws a question at random
 * from a chosen topic (never the same question twice in the event; every draw recorded),
 * counts down and reveals the answer when told (secretariat area, san-khau/trinh-chieu), a
 * judge records whether the team answered right, and a live scoreboard (contestant area,
 * bang-diem, polled as XML by stage.js) shows the totals as they come in. Team totals: the
 * mean of the judges' totals per criteria part (qc_jury_final_milli) plus the points of the
 * right answers; ranking and prizes by the contest's rule (qc_jury_rank). */
#include <string.h>
#include <apr_hash.h>
#include <apr_strings.h>
#include "qc_ctx.h"
#include "qc_pages.h"
#include "qc_jury.h"
#include "qc_form.h"
#include "qc_log.h"
#include "qc_status.h"
#include "qc_time.h"
#include "qc_util.h"
#include "qc_xml.h"

typedef struct {
    const char *title;
    int drop_extremes;
    int online; /* combined with the online part (average-score) */
    apr_int64_t online_weight;
    qc_rows_t *parts;      /* code, title, points_per_right, answer_seconds */
    qc_rows_t *criteria;   /* part_code, code, title, max */
    qc_rows_t *prizes;     /* title, count, amount */
    qc_rows_t *teams;      /* id, unit code, name */
    apr_int64_t closed_ms; /* when the secretariat closed the judging, 0 while open */
    const char *closed_by;
} stage_t;

/* What still_open says of a closed stage (a status of this file only). */
#define STAGE_CLOSED (QC_STATUS_BASE + 901)

static void refuse(qc_ctx_t *ctx, int status, const char *key)
{
    qc_app_error(ctx->req, ctx->resp, status, key);
}

/* The contest's stage, or the response filled (404 when it has none). */
static stage_t *stage_or_fail(qc_ctx_t *ctx)
{
    stage_t *st;
    qc_rows_t *rows;
    apr_status_t rv = qc_ctx_contest(ctx);
    const char *cid;
    if (rv == APR_SUCCESS) {
        cid = ctx->contest->id;
        rv = qc_db_select(ctx->db, ctx->p, "qc_stage_get", QC_ARGS(cid), &rows);
    }
    if (rv == APR_SUCCESS && rows->nrows == 0) {
        refuse(ctx, 404, "stage.err.no_stage");
        return NULL;
    }
    st = apr_pcalloc(ctx->p, sizeof(*st));
    if (rv == APR_SUCCESS) {
        st->title = qc_rows_get(rows, 0, 0);
        st->drop_extremes = !strcmp(qc_rows_get(rows, 0, 1), "1");
        st->online = !strcmp(qc_rows_get(rows, 0, 3), "average-score");
        qc_util_parse_int64(qc_rows_get(rows, 0, 4), 1, 1000, &st->online_weight);
        if (qc_rows_get(rows, 0, 5)) {
            qc_time_parse_db(qc_rows_get(rows, 0, 5), &st->closed_ms);
            st->closed_by = qc_rows_get(rows, 0, 6);
        }
        rv = qc_db_select(ctx->db, ctx->p, "qc_stage_parts", QC_ARGS(cid), &st->parts);
    }
    if (rv == APR_SUCCESS) {
        rv = qc_db_select(ctx->db, ctx->p, "qc_stage_criteria", QC_ARGS(cid), &st->criteria);
    }
    if (rv == APR_SUCCESS) {
        rv = qc_db_select(ctx->db, ctx->p, "qc_stage_prizes", QC_ARGS(cid), &st->prizes);
    }
    if (rv == APR_SUCCESS) {
        rv = qc_db_select(ctx->db, ctx->p, "qc_stage_teams", QC_ARGS(cid), &st->teams);
    }
    if (rv != APR_SUCCESS) {
        qc_ctx_fail(ctx, rv);
        return NULL;
    }
    return st;
}

/* In a transaction that changes the stage's scores or draws: STAGE_CLOSED once the judging is
 * closed. It shares the stage's row, so a closing either waits for this transaction to end
 * or is seen by it. */
static apr_status_t still_open(qc_ctx_t *ctx)
{
    qc_rows_t *rows;
    apr_status_t rv =
        qc_db_select(ctx->db, ctx->p, "qc_stage_open_shared", QC_ARGS(ctx->contest->id), &rows);
    if (rv == APR_SUCCESS && strcmp(qc_rows_get(rows, 0, 0) ? qc_rows_get(rows, 0, 0) : "", "1")) {
        return STAGE_CLOSED;
    }
    return rv;
}

/* A transaction that changes the stage's scores or draws: begun, and STAGE_CLOSED (to be
 * rolled back) once the judging is closed. */
static apr_status_t begin_while_open(qc_ctx_t *ctx)
{
    apr_status_t rv = qc_db_begin(ctx->db, ctx->p);
    return rv == APR_SUCCESS ? still_open(ctx) : rv;
}

/* A change asked for after the closing (as the stage was read): refused; 1 when it was. */
static int refused_as_closed(qc_ctx_t *ctx, const stage_t *st)
{
    if (st->closed_ms) {
        refuse(ctx, 409, "stage.err.closed");
        return 1;
    }
    return 0;
}

/* The answer to a change the closing came before (the transaction rolled back), or a
 * failure; 1 when rv was either. */
static int closed_or_failed(qc_ctx_t *ctx, apr_status_t rv)
{
    if (rv == APR_SUCCESS) {
        return 0;
    }
    qc_db_rollback(ctx->db, ctx->p);
    if (rv == STAGE_CLOSED) {
        refuse(ctx, 409, "stage.err.closed");
    }
    else {
        qc_ctx_fail(ctx, rv);
    }
    return 1;
}

static int part_row(const stage_t *st, const char *code)
{
    int i;
    for (i = 0; i < st->parts->nrows; i++) {
        if (!strcmp(qc_rows_get(st->parts, i, 0), code)) {
            return i;
        }
    }
    return -1;
}

static int team_row(const stage_t *st, const char *id)
{
    int i;
    for (i = 0; i < st->teams->nrows; i++) {
        if (!strcmp(qc_rows_get(st->teams, i, 0), id)) {
            return i;
        }
    }
    return -1;
}

static int is_questions(const stage_t *st, int part)
{
    return strcmp(qc_rows_get(st->parts, part, 2), "0") != 0;
}

static int criteria_of(const stage_t *st, const char *part)
{
    int i, n = 0;
    for (i = 0; i < st->criteria->nrows; i++) {
        n += !strcmp(qc_rows_get(st->criteria, i, 0), part);
    }
    return n;
}

static const char *points_text(apr_pool_t *p, apr_int64_t milli)
{
    apr_int64_t hundredths = (milli + 5) / 10;
    return apr_psprintf(p, "%" APR_INT64_T_FMT ".%02d", hundredths / 100, (int)(hundredths % 100));
}

/* <stage> with its parts and criteria. */
static void add_stage(qc_ctx_t *ctx, xmlNodePtr root, const stage_t *st)
{
    xmlNodePtr s = qc_xml_add(root, "stage", NULL);
    int i, k;
    qc_xml_add(s, "title", st->title);
    qc_xml_set(s, "closed", st->closed_ms ? "1" : "0");
    if (st->closed_ms) {
        qc_ctx_set_time(ctx, s, "closed", st->closed_ms);
        qc_xml_set(s, "closed-by", st->closed_by);
    }
    if (st->online) {
        qc_xml_set_int(s, "online-weight", st->online_weight);
    }
    for (i = 0; i < st->parts->nrows; i++) {
        xmlNodePtr pt = qc_xml_add(s, "part", qc_rows_get(st->parts, i, 1));
        const char *code = qc_rows_get(st->parts, i, 0);
        qc_xml_set(pt, "code", code);
        if (is_questions(st, i)) {
            qc_xml_set(pt, "points-per-right", qc_rows_get(st->parts, i, 2));
            qc_xml_set(pt, "answer-seconds", qc_rows_get(st->parts, i, 3));
        }
        for (k = 0; k < st->criteria->nrows; k++) {
            if (!strcmp(qc_rows_get(st->criteria, k, 0), code)) {
                xmlNodePtr c = qc_xml_add(pt, "criterion", qc_rows_get(st->criteria, k, 2));
                qc_xml_set(c, "code", qc_rows_get(st->criteria, k, 1));
                qc_xml_set(c, "max", qc_rows_get(st->criteria, k, 3));
            }
        }
    }
}

typedef struct {
    qc_jury_ranked_t *ranked; /* in rank order; entry_id is the team's id */
    apr_int64_t *score;       /* [team row * parts + part row], thousandths */
    qc_prize_tier_t *tiers;
    apr_int64_t *online; /* [team row], thousandths (0 without the online part) */
} results_t;

/* Every team's part scores and total, ranked, with prizes: <teams><team ...><score part=..>. */
static apr_status_t add_results(qc_ctx_t *ctx, xmlNodePtr root, const stage_t *st, results_t **out)
{
    qc_rows_t *judge_totals, *draws, *members, *online = NULL;
    int nt = st->teams->nrows, np = st->parts->nrows, i, j, k;
    apr_int64_t *online_milli = apr_pcalloc(ctx->p, sizeof(apr_int64_t) * (apr_size_t)(nt + 1));
    int *online_n = apr_pcalloc(ctx->p, sizeof(int) * (apr_size_t)(nt + 1));
    apr_int64_t *score = apr_pcalloc(ctx->p, sizeof(apr_int64_t) * (apr_size_t)(nt * np + 1));
    int *judges = apr_pcalloc(ctx->p, sizeof(int) * (apr_size_t)(nt * np + 1));
    qc_jury_ranked_t *ranked = apr_pcalloc(ctx->p, sizeof(*ranked) * (apr_size_t)(nt + 1));
    qc_prize_tier_t *tiers =
        apr_pcalloc(ctx->p, sizeof(*tiers) * (apr_size_t)(st->prizes->nrows + 1));
    xmlNodePtr list, *nodes = apr_pcalloc(ctx->p, sizeof(xmlNodePtr) * (apr_size_t)(nt + 1));
    apr_hash_t *node_of = apr_hash_make(ctx->p);
    apr_status_t rv = qc_db_select(ctx->db, ctx->p, "qc_stage_judge_totals",
                                   QC_ARGS(ctx->contest->id), &judge_totals);
    if (rv == APR_SUCCESS) {
        rv = qc_db_select(ctx->db, ctx->p, "qc_stage_draws", QC_ARGS(ctx->contest->id), &draws);
    }
    if (rv == APR_SUCCESS) {
        rv = qc_db_select(ctx->db, ctx->p, "qc_stage_members", QC_ARGS(ctx->contest->id), &members);
    }
    if (rv == APR_SUCCESS && st->online) {
        rv = qc_db_select(ctx->db, ctx->p, "qc_stage_online", QC_ARGS(ctx->contest->id), &online);
    }
    if (rv != APR_SUCCESS) {
        return rv;
    }
    for (k = 0; online && k < online->nrows; k++) {
        int row = team_row(st, qc_rows_get(online, k, 0));
        apr_int64_t n = 0, sum = 0;
        qc_util_parse_int64(qc_rows_get(online, k, 1), 0, APR_INT64_C(1) << 40, &n);
        qc_util_parse_int64(qc_rows_get(online, k, 2), 0, APR_INT64_C(1) << 40, &sum);
        if (row >= 0 && n > 0) {
            /* the average counted score x weight, in thousandths, rounded half up */
            online_milli[row] = (sum * st->online_weight * 2000 + n) / (2 * n);
            online_n[row] = (int)n;
        }
    }
    for (i = 0; i < nt; i++) {
        const char *tid = qc_rows_get(st->teams, i, 0);
        ranked[i].final_milli = online_milli[i];
        for (j = 0; j < np; j++) {
            const char *part = qc_rows_get(st->parts, j, 0);
            if (is_questions(st, j)) {
                apr_int64_t ppr = 0, right = 0;
                qc_util_parse_int64(qc_rows_get(st->parts, j, 2), 0, 100000, &ppr);
                for (k = 0; k < draws->nrows; k++) {
                    right += !strcmp(qc_rows_get(draws, k, 1), tid) &&
                             !strcmp(qc_rows_get(draws, k, 3), part) && qc_rows_get(draws, k, 9) &&
                             !strcmp(qc_rows_get(draws, k, 9), "right");
                }
                score[i * np + j] = right * ppr * 1000;
            }
            else {
                int sums[256], n = 0, ncrit = criteria_of(st, part);
                for (k = 0; k < judge_totals->nrows && n < 256; k++) {
                    apr_int64_t sum = 0, count = 0;
                    if (strcmp(qc_rows_get(judge_totals, k, 0), tid) != 0 ||
                        strcmp(qc_rows_get(judge_totals, k, 1), part) != 0) {
                        continue;
                    }
                    qc_util_parse_int64(qc_rows_get(judge_totals, k, 3), 0, 1000000, &sum);
                    qc_util_parse_int64(qc_rows_get(judge_totals, k, 4), 0, 1000000, &count);
                    if (count == ncrit) {
                        sums[n++] = (int)sum;
                    }
                }
                judges[i * np + j] = n;
                score[i * np + j] = qc_jury_final_milli(sums, n, st->drop_extremes);
            }
            ranked[i].final_milli += score[i * np + j];
        }
        ranked[i].entry_id = tid;
        if (qc_rows_get(st->teams, i, 3)) {
            apr_int64_t ord = 0;
            qc_util_parse_int64(qc_rows_get(st->teams, i, 3), 0, 100000, &ord);
            ranked[i].committee_order = (int)ord;
        }
    }
    for (i = 0; i < st->prizes->nrows; i++) {
        apr_int64_t v = 0;
        tiers[i].title = qc_rows_get(st->prizes, i, 0);
        qc_util_parse_int64(qc_rows_get(st->prizes, i, 1), 0, 100000, &v);
        tiers[i].count = (int)v;
    }
    list = qc_xml_add(root, "teams", NULL);
    for (i = 0; i < nt; i++) {
        xmlNodePtr t = qc_xml_add(list, "team", NULL);
        const char *tid = qc_rows_get(st->teams, i, 0);
        nodes[i] = t;
        apr_hash_set(node_of, tid, APR_HASH_KEY_STRING, t);
        qc_xml_set(t, "id", tid);
        qc_xml_set(t, "unit-code", qc_rows_get(st->teams, i, 1));
        qc_xml_set(t, "committee-order", qc_rows_get(st->teams, i, 3));
        qc_xml_add(t, "name", qc_rows_get(st->teams, i, 2));
        for (k = 0; k < members->nrows; k++) {
            if (!strcmp(qc_rows_get(members, k, 0), tid)) {
                qc_xml_add(t, "member", qc_rows_get(members, k, 1));
            }
        }
        for (j = 0; j < np; j++) {
            xmlNodePtr sc = qc_xml_add(t, "score", points_text(ctx->p, score[i * np + j]));
            qc_xml_set(sc, "part", qc_rows_get(st->parts, j, 0));
            qc_xml_set_int(sc, "milli", score[i * np + j]);
            if (!is_questions(st, j)) {
                qc_xml_set_int(sc, "judges", judges[i * np + j]);
            }
        }
        if (st->online) {
            xmlNodePtr o = qc_xml_add(t, "online", points_text(ctx->p, online_milli[i]));
            qc_xml_set_int(o, "milli", online_milli[i]);
            qc_xml_set_int(o, "participants", online_n[i]);
        }
        qc_xml_set(t, "total", points_text(ctx->p, ranked[i].final_milli));
        qc_xml_set_int(t, "total-milli", ranked[i].final_milli);
    }
    qc_jury_rank(ctx->p, ranked, nt, tiers, st->prizes->nrows);
    for (i = 0; i < nt; i++) {
        xmlNodePtr t = apr_hash_get(node_of, ranked[i].entry_id, APR_HASH_KEY_STRING);
        qc_xml_set_int(t, "position", ranked[i].position);
        qc_xml_set_int(t, "rank-order", i + 1);
        qc_xml_set(t, "tie-pending", ranked[i].pending ? "1" : "0");
        if (ranked[i].tier >= 0) {
            qc_xml_set(t, "prize", tiers[ranked[i].tier].title);
            qc_xml_set(t, "prize-pending", ranked[i].prize_pending ? "1" : "0");
        }
    }
    if (out) {
        *out = apr_pcalloc(ctx->p, sizeof(results_t));
        (*out)->ranked = ranked;
        (*out)->score = score;
        (*out)->tiers = tiers;
        (*out)->online = online_milli;
    }
    return APR_SUCCESS;
}

/* ---- the live scoreboard (public) ----------------------------------------------------------- */

void qc_page_stage_scoreboard(qc_ctx_t *ctx)
{
    stage_t *st = stage_or_fail(ctx);
    xmlNodePtr root;
    apr_status_t rv;
    if (!st) {
        return;
    }
    root = qc_ctx_page(ctx, "stage-scoreboard");
    add_stage(ctx, root, st);
    rv = add_results(ctx, root, st, NULL);
    if (rv != APR_SUCCESS) {
        qc_ctx_fail(ctx, rv);
    }
}

/* ---- the judges (jury area) ------------------------------------------------------------------ */

static void add_draws(qc_ctx_t *ctx, xmlNodePtr root, const stage_t *st, int only_open, int limit)
{
    qc_rows_t *draws;
    xmlNodePtr list;
    int i, n = 0;
    apr_status_t rv =
        qc_db_select(ctx->db, ctx->p, "qc_stage_draws", QC_ARGS(ctx->contest->id), &draws);
    if (rv != APR_SUCCESS) {
        qc_ctx_fail(ctx, rv);
        return;
    }
    list = qc_xml_add(root, "draws", NULL);
    qc_xml_set_int(list, "count", draws->nrows);
    for (i = 0; i < draws->nrows && (!limit || n < limit); i++) {
        xmlNodePtr d;
        apr_int64_t at = 0;
        if (only_open && qc_rows_get(draws, i, 9)) {
            continue;
        }
        n++;
        d = qc_xml_add(list, "draw", NULL);
        qc_xml_set(d, "id", qc_rows_get(draws, i, 0));
        qc_xml_set(d, "team", qc_rows_get(draws, i, 1));
        qc_xml_add(d, "team-name", qc_rows_get(draws, i, 2));
        qc_xml_set(d, "part", qc_rows_get(draws, i, 3));
        qc_xml_set(d, "topic", qc_rows_get(draws, i, 4));
        qc_xml_set(d, "question", qc_rows_get(draws, i, 6));
        if (qc_time_parse_db(qc_rows_get(draws, i, 7), &at) == APR_SUCCESS) {
            qc_ctx_set_time(ctx, d, "drawn", at);
        }
        qc_xml_set(d, "revealed", qc_rows_get(draws, i, 8) ? "1" : "0");
        qc_xml_set(d, "answered", qc_rows_get(draws, i, 9));
        qc_xml_add(d, "body", qc_rows_get(draws, i, 10));
    }
    (void)st;
}

static void page_judge_stage(qc_ctx_t *ctx, const char *team, const char *part)
{
    stage_t *st = stage_or_fail(ctx);
    xmlNodePtr root, cur;
    qc_rows_t *mine;
    apr_status_t rv;
    int k, pr;
    if (!st || !qc_jury_judge_ok(ctx)) {
        return;
    }
    if (team && (team_row(st, team) < 0 || (pr = part_row(st, part)) < 0 || is_questions(st, pr))) {
        refuse(ctx, 404, "err.http.404");
        return;
    }
    root = qc_ctx_page(ctx, "stage-judge");
    qc_ctx_page_csrf(ctx);
    add_stage(ctx, root, st);
    rv = add_results(ctx, root, st, NULL);
    if (rv != APR_SUCCESS) {
        qc_ctx_fail(ctx, rv);
        return;
    }
    add_draws(ctx, root, st, 1, 0);
    if (!team) {
        return;
    }
    cur = qc_xml_add(root, "current", NULL);
    qc_xml_set(cur, "team", team);
    qc_xml_set(cur, "part", part);
    rv = qc_db_select(ctx->db, ctx->p, "qc_stage_scores_by_judge",
                      QC_ARGS(team, part, ctx->req->remote_user), &mine);
    if (rv != APR_SUCCESS) {
        qc_ctx_fail(ctx, rv);
        return;
    }
    for (k = 0; k < mine->nrows; k++) {
        xmlNodePtr s = qc_xml_add(cur, "my-score", NULL);
        qc_xml_set(s, "criterion", qc_rows_get(mine, k, 0));
        qc_xml_set(s, "points", qc_rows_get(mine, k, 1));
    }
}

static void post_judge_scores(qc_ctx_t *ctx, const char *team, const char *part)
{
    stage_t *st = stage_or_fail(ctx);
    const char **points;
    apr_status_t rv;
    int i, n = 0, pr;
    qc_actor_t actor;
    if (!st || !qc_jury_judge_ok(ctx) || !qc_jury_post_ok(ctx)) {
        return;
    }
    if (team_row(st, team) < 0 || (pr = part_row(st, part)) < 0 || is_questions(st, pr)) {
        refuse(ctx, 404, "err.http.404");
        return;
    }
    points = apr_pcalloc(ctx->p, sizeof(char *) * (apr_size_t)(st->criteria->nrows + 1));
    for (i = 0; i < st->criteria->nrows; i++) {
        apr_int64_t x, max = 0;
        const char *v;
        if (strcmp(qc_rows_get(st->criteria, i, 0), part) != 0) {
            continue;
        }
        v = qc_form_get(ctx->p, ctx->req->form,
                        apr_pstrcat(ctx->p, "diem-", qc_rows_get(st->criteria, i, 1), NULL));
        qc_util_parse_int64(qc_rows_get(st->criteria, i, 3), 0, 100000, &max);
        if (qc_util_parse_int64(v, 0, APR_INT64_C(1000000000), &x) != APR_SUCCESS) {
            refuse(ctx, 422, "jury.err.score_invalid");
            return;
        }
        if (x > max) {
            refuse(ctx, 422, "jury.err.score_range");
            return;
        }
        points[i] = qc_util_i64(ctx->p, x);
        n++;
    }
    if (refused_as_closed(ctx, st)) {
        return;
    }
    rv = begin_while_open(ctx);
    for (i = 0; rv == APR_SUCCESS && i < st->criteria->nrows; i++) {
        if (points[i]) {
            rv = qc_db_exec(ctx->db, ctx->p, "qc_stage_score_upsert",
                            QC_ARGS(team, part, ctx->req->remote_user,
                                    qc_rows_get(st->criteria, i, 1), points[i]),
                            NULL);
        }
    }
    qc_staff_actor(ctx, &actor);
    if (rv == APR_SUCCESS) {
        rv = qc_audit_write(ctx->db, ctx->p, ctx->contest->id, &actor, "stage.score",
                            qc_rows_get(st->teams, team_row(st, team), 2), NULL,
                            apr_psprintf(ctx->p, "%s: %d", part, n));
    }
    if (rv == APR_SUCCESS) {
        rv = qc_db_commit(ctx->db, ctx->p);
    }
    if (closed_or_failed(ctx, rv)) {
        return;
    }
    qc_ctx_redirect(ctx, "san-khau");
}

/* A judge records whether the team answered the drawn question right. */
static void post_judge_draw(qc_ctx_t *ctx, const char *draw)
{
    stage_t *st = stage_or_fail(ctx);
    const char *result;
    qc_actor_t actor;
    apr_status_t rv;
    int affected = 0;
    if (!st || !qc_jury_judge_ok(ctx) || !qc_jury_post_ok(ctx)) {
        return;
    }
    result = qc_form_get(ctx->p, ctx->req->form, "ket-qua");
    if (strcmp(result, "dung") != 0 && strcmp(result, "sai") != 0) {
        refuse(ctx, 422, "stage.err.result");
        return;
    }
    if (refused_as_closed(ctx, st)) {
        return;
    }
    qc_staff_actor(ctx, &actor);
    rv = begin_while_open(ctx);
    if (rv == APR_SUCCESS) {
        rv = qc_db_exec(ctx->db, ctx->p, "qc_stage_draw_judge",
                        QC_ARGS(!strcmp(result, "dung") ? "right" : "wrong", ctx->req->remote_user,
                                draw, ctx->contest->id),
                        &affected);
    }
    if (rv == APR_SUCCESS) {
        rv = qc_audit_write(ctx->db, ctx->p, ctx->contest->id, &actor, "stage.answer", draw, NULL,
                            result);
    }
    if (rv == APR_SUCCESS) {
        rv = qc_db_commit(ctx->db, ctx->p);
    }
    if (closed_or_failed(ctx, rv)) {
        return;
    }
    qc_ctx_redirect(ctx, "san-khau");
}

int qc_route_jury_stage(qc_ctx_t *ctx, const char **seg, int n)
{
    if (n < 1 || strcmp(seg[0], "san-khau") != 0) {
        return 0;
    }
    if (n == 1 && !qc_ctx_is_post(ctx)) {
        page_judge_stage(ctx, NULL, NULL);
    }
    else if (n == 3 && !strcmp(seg[1], "luot") && qc_util_is_id(seg[2]) && qc_ctx_is_post(ctx)) {
        post_judge_draw(ctx, seg[2]);
    }
    else if (n == 3 && qc_util_is_id(seg[1])) {
        if (qc_ctx_is_post(ctx)) {
            post_judge_scores(ctx, seg[1], seg[2]);
        }
        else {
            page_judge_stage(ctx, seg[1], seg[2]);
        }
    }
    else {
        return 0;
    }
    return 1;
}

/* ---- the secretariat: results, the presenter's screen, draws ----------------------------- */

static const char *csv_cell(apr_pool_t *p, const char *s)
{
    const char *q = s ? s : "";
    char *out = apr_palloc(p, strlen(q) * 2 + 4), *o = out;
    *o++ = '"';
    if (*q == '=' || *q == '+' || *q == '-' || *q == '@') {
        *o++ = '\''; /* never a formula in a spreadsheet */
    }
    for (; *q; q++) {
        if (*q == '"') {
            *o++ = '"';
        }
        *o++ = *q;
    }
    *o++ = '"';
    *o = '\0';
    return out;
}

static void page_staff_stage(qc_ctx_t *ctx)
{
    stage_t *st = stage_or_fail(ctx);
    const char *format = apr_table_get(ctx->req->query, "format");
    xmlNodePtr root;
    results_t *res = NULL;
    apr_status_t rv;
    if (!st) {
        return;
    }
    if (format && strcmp(format, "csv") && strcmp(format, "xml")) {
        qc_ctx_fail(ctx, QC_EINPUT);
        return;
    }
    root = qc_staff_page(ctx, "stage-staff");
    if (!root) {
        return;
    }
    add_stage(ctx, root, st);
    rv = add_results(ctx, root, st, &res);
    if (rv != APR_SUCCESS) {
        qc_ctx_fail(ctx, rv);
        return;
    }
    if (format && !strcmp(format, "csv")) {
        /* one line per team in rank order: position, unit, team, each part, total, prize */
        const char *body = "\"position\",\"unit\",\"team\"";
        int i, j, np = st->parts->nrows;
        for (j = 0; j < np; j++) {
            body = apr_pstrcat(ctx->p, body, ",", csv_cell(ctx->p, qc_rows_get(st->parts, j, 0)),
                               NULL);
        }
        if (st->online) {
            body = apr_pstrcat(ctx->p, body, ",\"online\"", NULL);
        }
        body = apr_pstrcat(ctx->p, body, ",\"total\",\"prize\",\"tie_pending\"\r\n", NULL);
        for (i = 0; i < st->teams->nrows; i++) {
            const qc_jury_ranked_t *r = &res->ranked[i];
            int row = team_row(st, r->entry_id);
            body = apr_pstrcat(ctx->p, body, apr_itoa(ctx->p, r->position), ",",
                               csv_cell(ctx->p, qc_rows_get(st->teams, row, 1)), ",",
                               csv_cell(ctx->p, qc_rows_get(st->teams, row, 2)), NULL);
            for (j = 0; j < np; j++) {
                body = apr_pstrcat(ctx->p, body, ",", points_text(ctx->p, res->score[row * np + j]),
                                   NULL);
            }
            if (st->online) {
                body = apr_pstrcat(ctx->p, body, ",", points_text(ctx->p, res->online[row]), NULL);
            }
            body = apr_pstrcat(ctx->p, body, ",", points_text(ctx->p, r->final_milli), ",",
                               csv_cell(ctx->p, r->tier >= 0 ? res->tiers[r->tier].title : ""), ",",
                               r->pending ? "1" : "0", "\r\n", NULL);
        }
        ctx->resp->status = 200;
        ctx->resp->body = body;
        ctx->resp->body_len = strlen(body);
        ctx->resp->content_type = "text/csv; charset=utf-8";
        ctx->resp->download_name = "ket-qua-thi-truc-tiep.csv";
    }
}

static void page_presenter(qc_ctx_t *ctx)
{
    stage_t *st = stage_or_fail(ctx);
    xmlNodePtr root, topics, teams, latest;
    qc_rows_t *rows, *choices, *draws;
    apr_status_t rv;
    int i;
    if (!st) {
        return;
    }
    rv = qc_db_select(ctx->db, ctx->p, "qc_stage_topics", QC_ARGS(ctx->contest->id), &rows);
    if (rv == APR_SUCCESS) {
        rv = qc_db_select(ctx->db, ctx->p, "qc_stage_draws", QC_ARGS(ctx->contest->id), &draws);
    }
    if (rv != APR_SUCCESS) {
        qc_ctx_fail(ctx, rv);
        return;
    }
    root = qc_staff_page(ctx, "stage-presenter");
    if (!root) {
        return;
    }
    add_stage(ctx, root, st);
    topics = qc_xml_add(root, "topics", NULL);
    for (i = 0; i < rows->nrows; i++) {
        xmlNodePtr t = qc_xml_add(topics, "topic", qc_rows_get(rows, i, 1));
        qc_xml_set(t, "code", qc_rows_get(rows, i, 0));
        qc_xml_set(t, "left", qc_rows_get(rows, i, 2));
    }
    teams = qc_xml_add(root, "teams", NULL);
    for (i = 0; i < st->teams->nrows; i++) {
        xmlNodePtr t = qc_xml_add(teams, "team", NULL);
        qc_xml_set(t, "id", qc_rows_get(st->teams, i, 0));
        qc_xml_add(t, "name", qc_rows_get(st->teams, i, 2));
    }
    if (draws->nrows == 0) {
        return;
    }
    /* the latest draw, large: its answer only once the presenter revealed it */
    latest = qc_xml_add(root, "latest", NULL);
    qc_xml_set(latest, "id", qc_rows_get(draws, 0, 0));
    qc_xml_add(latest, "team-name", qc_rows_get(draws, 0, 2));
    qc_xml_set(latest, "topic", qc_rows_get(draws, 0, 4));
    qc_xml_set(latest, "question", qc_rows_get(draws, 0, 6));
    qc_xml_set(latest, "revealed", qc_rows_get(draws, 0, 8) ? "1" : "0");
    qc_xml_set(latest, "answered", qc_rows_get(draws, 0, 9));
    qc_xml_add(latest, "body", qc_rows_get(draws, 0, 10));
    i = part_row(st, qc_rows_get(draws, 0, 3));
    {
        /* the countdown runs from the draw, on the server's clock (a reload does not restart it) */
        apr_int64_t secs = 30, drawn = 0, left;
        if (i >= 0) {
            qc_util_parse_int64(qc_rows_get(st->parts, i, 3), 0, 100000, &secs);
        }
        qc_time_parse_db(qc_rows_get(draws, 0, 7), &drawn);
        left = secs - (ctx->contest->now_ms - drawn) / 1000;
        qc_xml_set_int(latest, "seconds", secs);
        qc_xml_set_int(latest, "remaining", left < 0 ? 0 : left > secs ? secs : left);
    }
    qc_xml_set_int(root, "draw-count", draws->nrows);
    rv = qc_db_select(ctx->db, ctx->p, "qc_stage_choices", QC_ARGS(qc_rows_get(draws, 0, 5)),
                      &choices);
    if (rv != APR_SUCCESS) {
        qc_ctx_fail(ctx, rv);
        return;
    }
    for (i = 0; i < choices->nrows; i++) {
        xmlNodePtr c = qc_xml_add(latest, "choice", qc_rows_get(choices, i, 1));
        qc_xml_set(c, "seq", qc_rows_get(choices, i, 0));
        if (qc_rows_get(draws, 0, 8)) {
            qc_xml_set(c, "correct", qc_rows_get(choices, i, 2));
        }
    }
}

static void post_draw(qc_ctx_t *ctx)
{
    stage_t *st = stage_or_fail(ctx);
    const char *team, *part, *topic;
    qc_rows_t *rows;
    qc_actor_t actor;
    apr_status_t rv;
    int pr, tries;
    if (!st || !qc_staff_post_ok(ctx)) {
        return;
    }
    team = qc_form_get(ctx->p, ctx->req->form, "team");
    part = qc_form_get(ctx->p, ctx->req->form, "part");
    topic = qc_form_get(ctx->p, ctx->req->form, "topic");
    if (team_row(st, team) < 0 || (pr = part_row(st, part)) < 0 || !is_questions(st, pr)) {
        refuse(ctx, 422, "stage.err.draw_target");
        return;
    }
    if (!*topic) {
        refuse(ctx, 422, "stage.err.topic");
        return;
    }
    if (refused_as_closed(ctx, st)) {
        return;
    }
    qc_staff_actor(ctx, &actor);
    /* two presenters racing for the last question: the unique key decides, try again once */
    for (tries = 0; tries < 2; tries++) {
        rv = qc_db_select(ctx->db, ctx->p, "qc_stage_draw_pick", QC_ARGS(ctx->contest->id, topic),
                          &rows);
        if (rv != APR_SUCCESS) {
            qc_ctx_fail(ctx, rv);
            return;
        }
        if (rows->nrows == 0) {
            refuse(ctx, 409, "stage.err.topic_exhausted");
            return;
        }
        rv = begin_while_open(ctx);
        if (rv == APR_SUCCESS) {
            rv = qc_db_exec(ctx->db, ctx->p, "qc_stage_draw_insert",
                            QC_ARGS(ctx->contest->id, team, part, topic, qc_rows_get(rows, 0, 0),
                                    qc_rows_get(rows, 0, 1), ctx->req->remote_user),
                            NULL);
        }
        if (rv == APR_SUCCESS) {
            rv = qc_audit_write(ctx->db, ctx->p, ctx->contest->id, &actor, "stage.draw",
                                qc_rows_get(st->teams, team_row(st, team), 2), NULL,
                                apr_pstrcat(ctx->p, topic, ": ", qc_rows_get(rows, 0, 1), NULL));
        }
        if (rv == APR_SUCCESS) {
            rv = qc_db_commit(ctx->db, ctx->p);
        }
        if (rv == APR_SUCCESS) {
            qc_ctx_redirect(ctx, "san-khau/trinh-chieu");
            return;
        }
        if (rv != QC_ECONFLICT) {
            closed_or_failed(ctx, rv);
            return;
        }
        qc_db_rollback(ctx->db, ctx->p);
    }
    qc_ctx_fail(ctx, rv);
}

/* The committee's order for teams tied on their total (as for every ranking of the contest). */
static void post_committee(qc_ctx_t *ctx, const char *team)
{
    stage_t *st = stage_or_fail(ctx);
    const char *order;
    apr_int64_t v;
    qc_actor_t actor;
    apr_status_t rv;
    if (!st || !qc_staff_post_ok(ctx)) {
        return;
    }
    if (team_row(st, team) < 0) {
        refuse(ctx, 404, "err.http.404");
        return;
    }
    order = qc_form_get(ctx->p, ctx->req->form, "order");
    if (*order && qc_util_parse_int64(order, 1, 999, &v) != APR_SUCCESS) {
        refuse(ctx, 422, "jury.err.order");
        return;
    }
    qc_staff_actor(ctx, &actor);
    rv = qc_db_begin(ctx->db, ctx->p);
    if (rv == APR_SUCCESS) {
        rv = qc_db_exec(ctx->db, ctx->p, "qc_stage_committee_set",
                        QC_ARGS(order, team, ctx->contest->id), NULL);
    }
    if (rv == APR_SUCCESS) {
        rv = qc_audit_write(ctx->db, ctx->p, ctx->contest->id, &actor, "stage.committee_order",
                            qc_rows_get(st->teams, team_row(st, team), 2), NULL, order);
    }
    if (rv == APR_SUCCESS) {
        rv = qc_db_commit(ctx->db, ctx->p);
    }
    if (rv != APR_SUCCESS) {
        qc_db_rollback(ctx->db, ctx->p);
        qc_ctx_fail(ctx, rv);
        return;
    }
    qc_ctx_redirect(ctx, "san-khau");
}

/* The secretariat closes the judging: the scores, the answers and the draws are final. */
static void post_close_judging(qc_ctx_t *ctx)
{
    stage_t *st = stage_or_fail(ctx);
    qc_actor_t actor;
    apr_status_t rv;
    int affected = 0;
    if (!st || !qc_staff_post_ok(ctx)) {
        return;
    }
    if (refused_as_closed(ctx, st)) {
        return;
    }
    qc_staff_actor(ctx, &actor);
    rv = qc_db_begin(ctx->db, ctx->p);
    if (rv == APR_SUCCESS) {
        rv = qc_db_exec(ctx->db, ctx->p, "qc_stage_close_judging",
                        QC_ARGS(ctx->req->remote_user, ctx->contest->id), &affected);
    }
    if (rv == APR_SUCCESS && affected == 0) {
        rv = STAGE_CLOSED; /* closed by another request meanwhile */
    }
    if (rv == APR_SUCCESS) {
        rv = qc_audit_write(ctx->db, ctx->p, ctx->contest->id, &actor, "stage.close_judging",
                            st->title, NULL, NULL);
    }
    if (rv == APR_SUCCESS) {
        rv = qc_db_commit(ctx->db, ctx->p);
    }
    if (closed_or_failed(ctx, rv)) {
        return;
    }
    qc_log(QC_LOG_MARK, QC_LOG_INFO, 0, "QC00560: contest %s: stage judging closed by %s",
           ctx->contest->code, actor.user);
    qc_ctx_redirect(ctx, "san-khau");
}

static void post_reveal(qc_ctx_t *ctx, const char *draw)
{
    stage_t *st = stage_or_fail(ctx);
    int affected = 0;
    apr_status_t rv;
    if (!st || !qc_staff_post_ok(ctx)) {
        return;
    }
    rv = qc_db_exec(ctx->db, ctx->p, "qc_stage_draw_reveal", QC_ARGS(draw, ctx->contest->id),
                    &affected);
    if (rv != APR_SUCCESS) {
        qc_ctx_fail(ctx, rv);
        return;
    }
    qc_ctx_redirect(ctx, "san-khau/trinh-chieu");
}

int qc_route_staff_stage(qc_ctx_t *ctx, const char **seg, int n)
{
    if (n < 1 || strcmp(seg[0], "san-khau") != 0) {
        return 0;
    }
    if (n == 1 && !qc_ctx_is_post(ctx)) {
        page_staff_stage(ctx);
    }
    else if (n == 2 && !strcmp(seg[1], "trinh-chieu") && !qc_ctx_is_post(ctx)) {
        page_presenter(ctx);
    }
    else if (n == 2 && !strcmp(seg[1], "boc-tham") && qc_ctx_is_post(ctx)) {
        post_draw(ctx);
    }
    else if (n == 2 && !strcmp(seg[1], "khoa-cham") && qc_ctx_is_post(ctx)) {
        post_close_judging(ctx);
    }
    else if (n == 3 && !strcmp(seg[1], "dap-an") && qc_util_is_id(seg[2]) && qc_ctx_is_post(ctx)) {
        post_reveal(ctx, seg[2]);
    }
    else if (n == 3 && qc_util_is_id(seg[1]) && !strcmp(seg[2], "thu-tu") && qc_ctx_is_post(ctx)) {
        post_committee(ctx, seg[1]);
    }
    else {
        return 0;
    }
    return 1;
}
