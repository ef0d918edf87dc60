/* The on-stage team contest (Đắk Nông, in person): judges score each team's parts from their
 * phones (jury area, san-khau/...), the presenter's projector screen draws a question at random
 * from a chosen topic (never the same question twice in the event; every draw recorded),
 * counts down and reveals the answer when told (secretariat area, san-khau/trinh-chieu), a
 * judge records whether the team answered right, and a live scoreboard (contestant area,
 * bang-diem, polled as XML by stage.js) shows the totals as they come in. The teams' totals,
 * ranks and prizes are the rule's (qc_stage_scoring.h); what is read and written, and each
 * change's transaction, the store's (qc_stage.h). This file turns them into pages. */
#include <string.h>
#include <apr_strings.h>
#include "qc_ctx.h"
#include "qc_pages.h"
#include "qc_jury.h"
#include "qc_form.h"
#include "qc_log.h"
#include "qc_stage.h"
#include "qc_status.h"
#include "qc_util.h"
#include "qc_xml.h"

static void refuse(qc_ctx_t *ctx, int status, const char *key)
{
    qc_app_error(ctx->req, ctx->resp, status, key);
}

/* The contest's stage, or the response filled (404 when it has none). */
static qc_stage_t *stage_or_fail(qc_ctx_t *ctx)
{
    qc_stage_t *st = NULL;
    apr_status_t rv = qc_ctx_contest(ctx);
    if (rv == APR_SUCCESS) {
        rv = qc_stage_load(ctx->db, ctx->p, ctx->contest->id, &st);
        if (rv == QC_ENOTFOUND) {
            refuse(ctx, 404, "stage.err.no_stage");
            return NULL;
        }
    }
    if (rv != APR_SUCCESS) {
        qc_ctx_fail(ctx, rv);
        return NULL;
    }
    return st;
}

/* A change asked for after the closing (as the stage was read): refused; 1 when it was. */
static int refused_as_closed(qc_ctx_t *ctx, const qc_stage_t *st)
{
    if (st->closed_ms) {
        refuse(ctx, 409, "stage.err.closed");
        return 1;
    }
    return 0;
}

/* The answer to a change the closing came before (the store rolled it back), or a failure;
 * 1 when rv was either. */
static int closed_or_failed(qc_ctx_t *ctx, apr_status_t rv)
{
    if (rv == APR_SUCCESS) {
        return 0;
    }
    if (rv == QC_STAGE_CLOSED) {
        refuse(ctx, 409, "stage.err.closed");
    }
    else {
        qc_ctx_fail(ctx, rv);
    }
    return 1;
}

static int part_row(const qc_stage_t *st, const char *code)
{
    int i;
    for (i = 0; i < st->nparts; i++) {
        if (!strcmp(st->parts[i].code, code)) {
            return i;
        }
    }
    return -1;
}

static int team_row(const qc_stage_t *st, const char *id)
{
    int i;
    for (i = 0; i < st->nteams; i++) {
        if (!strcmp(st->teams[i].id, id)) {
            return i;
        }
    }
    return -1;
}

static int is_questions(const qc_stage_t *st, int part)
{
    return qc_stage_part_is_questions(&st->parts[part]);
}

/* <stage> with its parts and criteria. */
static void add_stage(qc_ctx_t *ctx, xmlNodePtr root, const qc_stage_t *st)
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
    for (i = 0; i < st->nparts; i++) {
        const qc_stage_part_t *part = &st->parts[i];
        xmlNodePtr pt = qc_xml_add(s, "part", part->title);
        qc_xml_set(pt, "code", part->code);
        if (is_questions(st, i)) {
            qc_xml_set_int(pt, "points-per-right", part->points_per_right);
            if (part->answer_seconds >= 0) {
                qc_xml_set_int(pt, "answer-seconds", part->answer_seconds);
            }
        }
        for (k = 0; k < st->ncriteria; k++) {
            const qc_stage_criterion_t *c = &st->criteria[k];
            if (!strcmp(c->part_code, part->code)) {
                xmlNodePtr cn = qc_xml_add(pt, "criterion", c->title);
                qc_xml_set(cn, "code", c->code);
                qc_xml_set_int(cn, "max", c->max);
            }
        }
    }
}

/* Every team's part scores and total, ranked, with prizes (qc_stage_score):
 * <teams><team ...><score part=..>. */
static apr_status_t add_results(qc_ctx_t *ctx, xmlNodePtr root, const qc_stage_t *st,
                                qc_stage_scores_t **out)
{
    qc_stage_board_t *board;
    qc_stage_scores_t *res;
    int nt = st->nteams, np = st->nparts, i, j, k;
    xmlNodePtr list, *nodes = apr_pcalloc(ctx->p, sizeof(xmlNodePtr) * (apr_size_t)(nt + 1));
    apr_status_t rv = qc_stage_load_board(ctx->db, ctx->p, ctx->contest->id, st, &board);
    if (rv != APR_SUCCESS) {
        return rv;
    }
    qc_stage_score(ctx->p, &board->sheet, &res);
    list = qc_xml_add(root, "teams", NULL);
    for (i = 0; i < nt; i++) {
        const qc_stage_team_t *team = &st->teams[i];
        xmlNodePtr t = qc_xml_add(list, "team", NULL);
        nodes[i] = t;
        qc_xml_set(t, "id", team->id);
        qc_xml_set(t, "unit-code", team->unit_code);
        if (team->has_committee_order) {
            qc_xml_set_int(t, "committee-order", team->committee_order);
        }
        qc_xml_add(t, "name", team->name);
        for (k = 0; k < board->nmembers; k++) {
            if (!strcmp(board->members[k].team_id, team->id)) {
                qc_xml_add(t, "member", board->members[k].full_name);
            }
        }
        for (j = 0; j < np; j++) {
            xmlNodePtr sc =
                qc_xml_add(t, "score", qc_jury_points_text(ctx->p, res->score[i * np + j]));
            qc_xml_set(sc, "part", st->parts[j].code);
            qc_xml_set_int(sc, "milli", res->score[i * np + j]);
            if (!is_questions(st, j)) {
                qc_xml_set_int(sc, "judges", res->judges[i * np + j]);
            }
        }
        if (st->online) {
            xmlNodePtr o = qc_xml_add(t, "online", qc_jury_points_text(ctx->p, res->online[i]));
            qc_xml_set_int(o, "milli", res->online[i]);
            qc_xml_set_int(o, "participants", res->participants[i]);
        }
        qc_xml_set(t, "total", qc_jury_points_text(ctx->p, res->total[i]));
        qc_xml_set_int(t, "total-milli", res->total[i]);
    }
    for (i = 0; i < nt; i++) {
        const qc_jury_ranked_t *r = &res->ranked[i];
        xmlNodePtr t = nodes[res->team_of_rank[i]];
        qc_xml_set_int(t, "position", r->position);
        qc_xml_set_int(t, "rank-order", i + 1);
        qc_xml_set(t, "tie-pending", r->pending ? "1" : "0");
        if (r->tier >= 0) {
            qc_xml_set(t, "prize", st->prizes[r->tier].title);
            qc_xml_set(t, "prize-pending", r->prize_pending ? "1" : "0");
        }
    }
    if (out) {
        *out = res;
    }
    return APR_SUCCESS;
}

/* ---- the live scoreboard (public) ----------------------------------------------------------- */

void qc_page_stage_scoreboard(qc_ctx_t *ctx)
{
    qc_stage_t *st = stage_or_fail(ctx);
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

static void add_draws(qc_ctx_t *ctx, xmlNodePtr root, int only_open, int limit)
{
    qc_stage_draw_t *draws;
    xmlNodePtr list;
    int i, n = 0, ndraws = 0;
    apr_status_t rv = qc_stage_draws(ctx->db, ctx->p, ctx->contest->id, &draws, &ndraws);
    if (rv != APR_SUCCESS) {
        qc_ctx_fail(ctx, rv);
        return;
    }
    list = qc_xml_add(root, "draws", NULL);
    qc_xml_set_int(list, "count", ndraws);
    for (i = 0; i < ndraws && (!limit || n < limit); i++) {
        const qc_stage_draw_t *dr = &draws[i];
        xmlNodePtr d;
        if (only_open && dr->answered) {
            continue;
        }
        n++;
        d = qc_xml_add(list, "draw", NULL);
        qc_xml_set(d, "id", dr->id);
        qc_xml_set(d, "team", dr->team_id);
        qc_xml_add(d, "team-name", dr->team_name);
        qc_xml_set(d, "part", dr->part_code);
        qc_xml_set(d, "topic", dr->topic_code);
        qc_xml_set(d, "question", dr->question_code);
        qc_ctx_set_time(ctx, d, "drawn", dr->drawn_ms);
        qc_xml_set(d, "revealed", dr->revealed ? "1" : "0");
        qc_xml_set(d, "answered", dr->answered);
        qc_xml_add(d, "body", dr->body);
    }
}

void qc_page_stage_judge(qc_ctx_t *ctx, const char *team, const char *part)
{
    qc_stage_t *st = stage_or_fail(ctx);
    xmlNodePtr root, cur;
    qc_stage_mark_t *mine;
    apr_status_t rv;
    int k, n = 0, pr;
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
    add_draws(ctx, root, 1, 0);
    if (!team) {
        return;
    }
    cur = qc_xml_add(root, "current", NULL);
    qc_xml_set(cur, "team", team);
    qc_xml_set(cur, "part", part);
    rv = qc_stage_my_marks(ctx->db, ctx->p, team, part, ctx->req->remote_user, &mine, &n);
    if (rv != APR_SUCCESS) {
        qc_ctx_fail(ctx, rv);
        return;
    }
    for (k = 0; k < n; k++) {
        xmlNodePtr s = qc_xml_add(cur, "my-score", NULL);
        qc_xml_set(s, "criterion", mine[k].criterion_code);
        qc_xml_set_int(s, "points", mine[k].points);
    }
}

void qc_page_stage_judge_scores(qc_ctx_t *ctx, const char *team, const char *part)
{
    qc_stage_t *st = stage_or_fail(ctx);
    qc_stage_mark_t *marks;
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
    /* one mark per criterion of the part, in the criteria's order */
    marks = apr_pcalloc(ctx->p, sizeof(*marks) * (apr_size_t)(st->ncriteria + 1));
    for (i = 0; i < st->ncriteria; i++) {
        const qc_stage_criterion_t *c = &st->criteria[i];
        apr_int64_t x;
        const char *v;
        if (strcmp(c->part_code, part) != 0) {
            continue;
        }
        v = qc_form_get(ctx->p, ctx->req->form, apr_pstrcat(ctx->p, "diem-", c->code, NULL));
        if (qc_util_parse_int64(v, 0, APR_INT64_C(1000000000), &x) != APR_SUCCESS) {
            refuse(ctx, 422, "jury.err.score_invalid");
            return;
        }
        if (x > c->max) {
            refuse(ctx, 422, "jury.err.score_range");
            return;
        }
        marks[n].criterion_code = c->code;
        marks[n].points = x;
        n++;
    }
    if (refused_as_closed(ctx, st)) {
        return;
    }
    qc_staff_actor(ctx, &actor);
    rv = qc_stage_score_write(ctx->db, ctx->p, ctx->contest->id, team,
                              st->teams[team_row(st, team)].name, part, ctx->req->remote_user,
                              marks, n, &actor);
    if (closed_or_failed(ctx, rv)) {
        return;
    }
    qc_ctx_redirect(ctx, "san-khau");
}

/* A judge records whether the team answered the drawn question right. */
void qc_page_stage_judge_draw(qc_ctx_t *ctx, const char *draw)
{
    qc_stage_t *st = stage_or_fail(ctx);
    const char *result;
    qc_actor_t actor;
    apr_status_t rv;
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
    rv = qc_stage_answer_write(ctx->db, ctx->p, ctx->contest->id, draw, !strcmp(result, "dung"),
                               ctx->req->remote_user, result, &actor);
    if (closed_or_failed(ctx, rv)) {
        return;
    }
    qc_ctx_redirect(ctx, "san-khau");
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

void qc_page_stage_staff(qc_ctx_t *ctx)
{
    qc_stage_t *st = stage_or_fail(ctx);
    const char *format = apr_table_get(ctx->req->query, "format");
    xmlNodePtr root;
    qc_stage_scores_t *res = NULL;
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
        int i, j, np = st->nparts;
        for (j = 0; j < np; j++) {
            body = apr_pstrcat(ctx->p, body, ",", csv_cell(ctx->p, st->parts[j].code), NULL);
        }
        if (st->online) {
            body = apr_pstrcat(ctx->p, body, ",\"online\"", NULL);
        }
        body = apr_pstrcat(ctx->p, body, ",\"total\",\"prize\",\"tie_pending\"\r\n", NULL);
        for (i = 0; i < st->nteams; i++) {
            const qc_jury_ranked_t *r = &res->ranked[i];
            int row = res->team_of_rank[i];
            body = apr_pstrcat(ctx->p, body, apr_itoa(ctx->p, r->position), ",",
                               csv_cell(ctx->p, st->teams[row].unit_code), ",",
                               csv_cell(ctx->p, st->teams[row].name), NULL);
            for (j = 0; j < np; j++) {
                body = apr_pstrcat(ctx->p, body, ",",
                                   qc_jury_points_text(ctx->p, res->score[row * np + j]), NULL);
            }
            if (st->online) {
                body = apr_pstrcat(ctx->p, body, ",", qc_jury_points_text(ctx->p, res->online[row]),
                                   NULL);
            }
            body = apr_pstrcat(ctx->p, body, ",", qc_jury_points_text(ctx->p, r->final_milli), ",",
                               csv_cell(ctx->p, r->tier >= 0 ? st->prizes[r->tier].title : ""), ",",
                               r->pending ? "1" : "0", "\r\n", NULL);
        }
        ctx->resp->status = 200;
        ctx->resp->body = body;
        ctx->resp->body_len = strlen(body);
        ctx->resp->content_type = "text/csv; charset=utf-8";
        ctx->resp->download_name = "ket-qua-thi-truc-tiep.csv";
    }
}

void qc_page_stage_presenter(qc_ctx_t *ctx)
{
    qc_stage_t *st = stage_or_fail(ctx);
    xmlNodePtr root, topics, teams, latest;
    qc_stage_topic_t *topic;
    qc_stage_draw_t *draws, *last;
    qc_stage_choice_t *choices;
    apr_status_t rv;
    int i, ntopics = 0, ndraws = 0, nchoices = 0;
    if (!st) {
        return;
    }
    rv = qc_stage_topics(ctx->db, ctx->p, ctx->contest->id, &topic, &ntopics);
    if (rv == APR_SUCCESS) {
        rv = qc_stage_draws(ctx->db, ctx->p, ctx->contest->id, &draws, &ndraws);
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
    for (i = 0; i < ntopics; i++) {
        xmlNodePtr t = qc_xml_add(topics, "topic", topic[i].title);
        qc_xml_set(t, "code", topic[i].code);
        qc_xml_set_int(t, "left", topic[i].left);
    }
    teams = qc_xml_add(root, "teams", NULL);
    for (i = 0; i < st->nteams; i++) {
        xmlNodePtr t = qc_xml_add(teams, "team", NULL);
        qc_xml_set(t, "id", st->teams[i].id);
        qc_xml_add(t, "name", st->teams[i].name);
    }
    if (ndraws == 0) {
        return;
    }
    /* the latest draw, large: its answer only once the presenter revealed it */
    last = &draws[0];
    latest = qc_xml_add(root, "latest", NULL);
    qc_xml_set(latest, "id", last->id);
    qc_xml_add(latest, "team-name", last->team_name);
    qc_xml_set(latest, "topic", last->topic_code);
    qc_xml_set(latest, "question", last->question_code);
    qc_xml_set(latest, "revealed", last->revealed ? "1" : "0");
    qc_xml_set(latest, "answered", last->answered);
    qc_xml_add(latest, "body", last->body);
    i = part_row(st, last->part_code);
    {
        /* the countdown runs from the draw, on the server's clock (a reload does not restart it) */
        apr_int64_t secs = 30, left;
        if (i >= 0 && st->parts[i].answer_seconds >= 0) {
            secs = st->parts[i].answer_seconds;
        }
        left = secs - (ctx->contest->now_ms - last->drawn_ms) / 1000;
        qc_xml_set_int(latest, "seconds", secs);
        qc_xml_set_int(latest, "remaining", left < 0 ? 0 : left > secs ? secs : left);
    }
    qc_xml_set_int(root, "draw-count", ndraws);
    rv = qc_stage_choices(ctx->db, ctx->p, last->question_id, &choices, &nchoices);
    if (rv != APR_SUCCESS) {
        qc_ctx_fail(ctx, rv);
        return;
    }
    for (i = 0; i < nchoices; i++) {
        xmlNodePtr c = qc_xml_add(latest, "choice", choices[i].body);
        qc_xml_set_int(c, "seq", choices[i].seq);
        if (last->revealed) {
            qc_xml_set_int(c, "correct", choices[i].correct);
        }
    }
}

void qc_page_stage_draw(qc_ctx_t *ctx)
{
    qc_stage_t *st = stage_or_fail(ctx);
    const char *team, *part, *topic;
    qc_actor_t actor;
    apr_status_t rv;
    int pr;
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
    rv = qc_stage_draw(ctx->db, ctx->p, ctx->contest->id, team, st->teams[team_row(st, team)].name,
                       part, topic, ctx->req->remote_user, &actor);
    if (rv == QC_STAGE_EXHAUSTED) {
        refuse(ctx, 409, "stage.err.topic_exhausted");
        return;
    }
    if (closed_or_failed(ctx, rv)) {
        return;
    }
    qc_ctx_redirect(ctx, "san-khau/trinh-chieu");
}

/* The committee's order for teams tied on their total (as for every ranking of the contest). */
void qc_page_stage_committee(qc_ctx_t *ctx, const char *team)
{
    qc_stage_t *st = stage_or_fail(ctx);
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
    rv = qc_stage_committee_write(ctx->db, ctx->p, ctx->contest->id, team,
                                  st->teams[team_row(st, team)].name, order, &actor);
    if (rv != APR_SUCCESS) {
        qc_ctx_fail(ctx, rv);
        return;
    }
    qc_ctx_redirect(ctx, "san-khau");
}

/* The secretariat closes the judging: the scores, the answers and the draws are final. */
void qc_page_stage_close_judging(qc_ctx_t *ctx)
{
    qc_stage_t *st = stage_or_fail(ctx);
    qc_actor_t actor;
    apr_status_t rv;
    if (!st || !qc_staff_post_ok(ctx)) {
        return;
    }
    if (refused_as_closed(ctx, st)) {
        return;
    }
    qc_staff_actor(ctx, &actor);
    rv = qc_stage_close_judging(ctx->db, ctx->p, ctx->contest->id, ctx->req->remote_user, st->title,
                                &actor);
    if (closed_or_failed(ctx, rv)) {
        return;
    }
    qc_log(QC_LOG_MARK, QC_LOG_INFO, 0, "QC00560: contest %s: stage judging closed by %s",
           ctx->contest->code, actor.user);
    qc_ctx_redirect(ctx, "san-khau");
}

void qc_page_stage_reveal(qc_ctx_t *ctx, const char *draw)
{
    qc_stage_t *st = stage_or_fail(ctx);
    apr_status_t rv;
    if (!st || !qc_staff_post_ok(ctx)) {
        return;
    }
    rv = qc_stage_reveal(ctx->db, ctx->p, ctx->contest->id, draw);
    if (rv != APR_SUCCESS) {
        qc_ctx_fail(ctx, rv);
        return;
    }
    qc_ctx_redirect(ctx, "san-khau/trinh-chieu");
}

