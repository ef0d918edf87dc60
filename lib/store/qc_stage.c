/* The on-stage team contest in the database: the stage and its parts, criteria, prizes and
 * teams; the judges' totals, the draws, the members and the online results of a scoreboard;
 * and the changes made on stage, each a whole transaction (qc_stage.h). */
#include <string.h>
#include <apr_strings.h>
#include "qc_stage.h"
#include "qc_sql.h"
#include "qc_time.h"
#include "qc_util.h"

/* The stage of a contest (qc_stage PRIMARY KEY (contest_id)) and everything recorded on it.
 * The definition loader (qc_jury.c) writes the stage, its parts, criteria, prizes, teams and
 * members with the *_delete, *_clear, *_insert and *_upsert statements and
 * qc_stage_team_by_unit; the rest are read and written here. */
const qc_sql_statement_t qc_stage_statements[] = {
    /* qc_stage PRIMARY KEY (contest_id); parts, criteria, prizes PRIMARY KEY (contest_id, ...) */
    {"qc_stage_delete", "DELETE FROM qc_stage WHERE contest_id = %s"},
    {"qc_stage_upsert",
     "INSERT INTO qc_stage (contest_id, title, drop_extremes, online_mode, online_weight)"
     " VALUES (%s, %s, %s, %s, %s)"
     " ON DUPLICATE KEY UPDATE title = VALUES(title), drop_extremes = VALUES(drop_extremes),"
     " online_mode = VALUES(online_mode), online_weight = VALUES(online_weight)"},
    {"qc_stage_get", "SELECT title, drop_extremes, UTC_TIMESTAMP(3), online_mode, online_weight,"
                     " judging_closed_at, judging_closed_by FROM qc_stage WHERE contest_id = %s"},
    /* Closing the stage's judging (once). A change of the judges or the presenter reads
     * whether it is closed in its own transaction, sharing the stage's row, so it either
     * commits before the closing or sees it. */
    {"qc_stage_close_judging",
     "UPDATE qc_stage SET judging_closed_at = UTC_TIMESTAMP(3), judging_closed_by = %s"
     " WHERE contest_id = %s AND judging_closed_at IS NULL"},
    {"qc_stage_open_shared",
     "SELECT judging_closed_at IS NULL FROM qc_stage WHERE contest_id = %s LOCK IN SHARE MODE"},
    /* each team's unit and the units directly below it: their contestants' counted results
     * over the whole contest (qc_counted PRIMARY KEY, round_id 0) */
    {"qc_stage_online", "SELECT t.id, COUNT(c.contestant_id), COALESCE(SUM(c.score), 0)"
                        " FROM qc_stage_team t JOIN qc_unit u ON u.contest_id = t.contest_id"
                        "  AND (u.id = t.unit_id OR u.parent_id = t.unit_id)"
                        " JOIN qc_contestant ct ON ct.unit_id = u.id"
                        " JOIN qc_counted c ON c.contest_id = t.contest_id AND c.round_id = 0"
                        "  AND c.contestant_id = ct.id"
                        " WHERE t.contest_id = %s GROUP BY t.id"},
    {"qc_stage_parts_clear", "DELETE FROM qc_stage_part WHERE contest_id = %s"},
    {"qc_stage_part_insert",
     "INSERT INTO qc_stage_part (contest_id, code, seq, title, points_per_right, answer_seconds)"
     " VALUES (%s, %s, %s, %s, NULLIF(%s, ''), %s)"},
    {"qc_stage_parts",
     "SELECT code, title, COALESCE(points_per_right, 0), answer_seconds FROM qc_stage_part"
     " WHERE contest_id = %s ORDER BY seq"},
    {"qc_stage_criteria_clear", "DELETE FROM qc_stage_criterion WHERE contest_id = %s"},
    {"qc_stage_criterion_insert",
     "INSERT INTO qc_stage_criterion (contest_id, part_code, code, seq, title, max_points)"
     " VALUES (%s, %s, %s, %s, %s, %s)"},
    {"qc_stage_criteria",
     "SELECT c.part_code, c.code, c.title, c.max_points FROM qc_stage_criterion c"
     " JOIN qc_stage_part p ON p.contest_id = c.contest_id AND p.code = c.part_code"
     " WHERE c.contest_id = %s ORDER BY p.seq, c.seq"},
    {"qc_stage_prizes_clear", "DELETE FROM qc_stage_prize WHERE contest_id = %s"},
    {"qc_stage_prize_insert", "INSERT INTO qc_stage_prize (contest_id, seq, title, count, amount) "
                              "VALUES (%s, %s, %s, %s, %s)"},
    {"qc_stage_prizes",
     "SELECT title, count, COALESCE(amount, 0) FROM qc_stage_prize WHERE contest_id = %s"
     " ORDER BY seq"},
    /* qc_stage_team uq_stage_team_unit (contest_id, unit_id) */
    {"qc_stage_team_upsert", "INSERT INTO qc_stage_team (contest_id, unit_id, name, seq)"
                             " SELECT %s, u.id, IF(%s = '', u.name, %s), %s FROM qc_unit u"
                             " WHERE u.contest_id = %s AND u.code = %s"
                             " ON DUPLICATE KEY UPDATE name = VALUES(name), seq = VALUES(seq)"},
    {"qc_stage_team_by_unit", "SELECT t.id FROM qc_stage_team t JOIN qc_unit u ON u.id = t.unit_id"
                              " WHERE t.contest_id = %s AND u.code = %s"},
    {"qc_stage_teams",
     "SELECT t.id, u.code, t.name, t.committee_ord FROM qc_stage_team t"
     " JOIN qc_unit u ON u.id = t.unit_id WHERE t.contest_id = %s ORDER BY t.seq"},
    {"qc_stage_committee_set",
     "UPDATE qc_stage_team SET committee_ord = NULLIF(%s, '') WHERE id = %s AND contest_id = %s"},
    {"qc_stage_members_clear", "DELETE FROM qc_stage_member WHERE team_id = %s"},
    {"qc_stage_member_insert",
     "INSERT INTO qc_stage_member (team_id, seq, full_name) VALUES (%s, %s, %s)"},
    {"qc_stage_members",
     "SELECT m.team_id, m.full_name FROM qc_stage_member m JOIN qc_stage_team t ON t.id = m.team_id"
     " WHERE t.contest_id = %s ORDER BY t.seq, m.seq"},
    /* qc_stage_score PRIMARY KEY (team_id, part_code, judge_user, criterion_code) */
    {"qc_stage_score_upsert",
     "INSERT INTO qc_stage_score (team_id, part_code, judge_user, criterion_code, points,"
     " scored_at) VALUES (%s, %s, %s, %s, %s, UTC_TIMESTAMP(3))"
     " ON DUPLICATE KEY UPDATE points = VALUES(points), scored_at = VALUES(scored_at)"},
    {"qc_stage_judge_totals",
     "SELECT s.team_id, s.part_code, s.judge_user, SUM(s.points), COUNT(*)"
     " FROM qc_stage_team t JOIN qc_stage_score s ON s.team_id = t.id"
     " WHERE t.contest_id = %s GROUP BY s.team_id, s.part_code, s.judge_user"},
    {"qc_stage_scores_by_judge", "SELECT criterion_code, points FROM qc_stage_score"
                                 " WHERE team_id = %s AND part_code = %s AND judge_user = %s"},
    /* qc_stage_draw uq_stage_draw_question (contest_id, question_code): a question code never
     * drawn in this contest's event, at random, from the topic (ix_question_bank) */
    {"qc_stage_draw_pick",
     "SELECT q.id, q.code FROM qc_question q JOIN qc_topic t ON t.id = q.topic_id"
     " WHERE q.contest_id = %s AND q.retired = 0 AND t.code = %s"
     " AND NOT EXISTS (SELECT 1 FROM qc_stage_draw d WHERE d.contest_id = q.contest_id"
     "  AND d.question_code = q.code)"
     " ORDER BY RAND() LIMIT 1"},
    {"qc_stage_draw_insert",
     "INSERT INTO qc_stage_draw (contest_id, team_id, part_code, topic_code, question_id,"
     " question_code, drawn_at, drawn_by) VALUES (%s, %s, %s, %s, %s, %s, UTC_TIMESTAMP(3), %s)"},
    {"qc_stage_draws",
     "SELECT d.id, d.team_id, t.name, d.part_code, d.topic_code, d.question_id, d.question_code,"
     " d.drawn_at, d.revealed_at, d.answered, q.body, d.drawn_by, d.judged_by"
     " FROM qc_stage_draw d JOIN qc_stage_team t ON t.id = d.team_id"
     " JOIN qc_question q ON q.id = d.question_id"
     " WHERE d.contest_id = %s ORDER BY d.id DESC"},
    {"qc_stage_draw_reveal",
     "UPDATE qc_stage_draw SET revealed_at = COALESCE(revealed_at, UTC_TIMESTAMP(3))"
     " WHERE id = %s AND contest_id = %s"},
    {"qc_stage_draw_judge",
     "UPDATE qc_stage_draw SET answered = %s, judged_by = %s WHERE id = %s AND contest_id = %s"},
    {"qc_stage_choices",
     "SELECT seq, body, is_correct FROM qc_choice WHERE question_id = %s ORDER BY seq"},
    {"qc_stage_topics",
     "SELECT t.code, t.title, (SELECT COUNT(*) FROM qc_question q WHERE q.topic_id = t.id"
     "  AND q.retired = 0 AND NOT EXISTS (SELECT 1 FROM qc_stage_draw d"
     "  WHERE d.contest_id = q.contest_id AND d.question_code = q.code))"
     " FROM qc_topic t WHERE t.contest_id = %s ORDER BY t.code"},
    {NULL, NULL}};

/* A number of a row, or dflt when the column is NULL or not a number within [lo, hi]. */
static apr_int64_t num(const char *s, apr_int64_t lo, apr_int64_t hi, apr_int64_t dflt)
{
    apr_int64_t v = dflt;
    qc_util_parse_int64(s, lo, hi, &v);
    return v;
}

/* ---- reading ---------------------------------------------------------------------------- */

apr_status_t qc_stage_load(qc_db_t *db, apr_pool_t *p, const char *contest_id, qc_stage_t **out)
{
    qc_rows_t *rows;
    qc_stage_t *st;
    const char **r;
    int i;
    apr_status_t rv = qc_db_select(db, p, "qc_stage_get", QC_ARGS(contest_id), &rows);
    if (rv != APR_SUCCESS) {
        return rv;
    }
    if (rows->nrows == 0) {
        return QC_ENOTFOUND;
    }
    /* title, drop_extremes, now, online_mode, online_weight, judging_closed_at, _by */
    r = rows->rows[0];
    st = apr_pcalloc(p, sizeof(*st));
    st->title = r[0];
    st->drop_extremes = r[1] && !strcmp(r[1], "1");
    st->online = r[3] && !strcmp(r[3], "average-score");
    st->online_weight = (int)num(r[4], 1, 1000, 0);
    if (r[5]) {
        qc_time_parse_db(r[5], &st->closed_ms);
        st->closed_by = r[6];
    }

    rv = qc_db_select(db, p, "qc_stage_parts", QC_ARGS(contest_id), &rows);
    if (rv != APR_SUCCESS) {
        return rv;
    }
    st->nparts = rows->nrows;
    st->parts = apr_pcalloc(p, sizeof(*st->parts) * (apr_size_t)(rows->nrows + 1));
    for (i = 0; i < rows->nrows; i++) {
        r = rows->rows[i];
        st->parts[i].code = r[0];
        st->parts[i].title = r[1];
        st->parts[i].points_per_right = (int)num(r[2], 0, 100000, 0);
        st->parts[i].answer_seconds = (int)num(r[3], 0, 100000, -1);
    }

    rv = qc_db_select(db, p, "qc_stage_criteria", QC_ARGS(contest_id), &rows);
    if (rv != APR_SUCCESS) {
        return rv;
    }
    st->ncriteria = rows->nrows;
    st->criteria = apr_pcalloc(p, sizeof(*st->criteria) * (apr_size_t)(rows->nrows + 1));
    for (i = 0; i < rows->nrows; i++) {
        r = rows->rows[i];
        st->criteria[i].part_code = r[0];
        st->criteria[i].code = r[1];
        st->criteria[i].title = r[2];
        st->criteria[i].max = (int)num(r[3], 0, 100000, 0);
    }

    rv = qc_db_select(db, p, "qc_stage_prizes", QC_ARGS(contest_id), &rows);
    if (rv != APR_SUCCESS) {
        return rv;
    }
    st->nprizes = rows->nrows;
    st->prizes = apr_pcalloc(p, sizeof(*st->prizes) * (apr_size_t)(rows->nrows + 1));
    for (i = 0; i < rows->nrows; i++) {
        r = rows->rows[i];
        st->prizes[i].title = r[0];
        st->prizes[i].count = (int)num(r[1], 0, 100000, 0);
        st->prizes[i].amount = num(r[2], 0, APR_INT64_C(999999999999999999), 0);
    }

    rv = qc_db_select(db, p, "qc_stage_teams", QC_ARGS(contest_id), &rows);
    if (rv != APR_SUCCESS) {
        return rv;
    }
    st->nteams = rows->nrows;
    st->teams = apr_pcalloc(p, sizeof(*st->teams) * (apr_size_t)(rows->nrows + 1));
    for (i = 0; i < rows->nrows; i++) {
        r = rows->rows[i];
        st->teams[i].id = r[0];
        st->teams[i].unit_code = r[1];
        st->teams[i].name = r[2];
        if (r[3]) {
            st->teams[i].has_committee_order = 1;
            st->teams[i].committee_order = (int)num(r[3], 0, 100000, 0);
        }
    }
    *out = st;
    return APR_SUCCESS;
}

static apr_status_t draws_of(qc_db_t *db, apr_pool_t *p, const char *contest_id,
                             qc_stage_draw_t **out, int *n)
{
    qc_rows_t *rows;
    qc_stage_draw_t *d;
    int i;
    apr_status_t rv = qc_db_select(db, p, "qc_stage_draws", QC_ARGS(contest_id), &rows);
    if (rv != APR_SUCCESS) {
        return rv;
    }
    d = apr_pcalloc(p, sizeof(*d) * (apr_size_t)(rows->nrows + 1));
    for (i = 0; i < rows->nrows; i++) {
        const char **r = rows->rows[i];
        d[i].id = r[0];
        d[i].team_id = r[1];
        d[i].team_name = r[2];
        d[i].part_code = r[3];
        d[i].topic_code = r[4];
        d[i].question_id = r[5];
        d[i].question_code = r[6];
        qc_time_parse_db(r[7], &d[i].drawn_ms);
        d[i].revealed = r[8] != NULL;
        d[i].answered = r[9];
        d[i].body = r[10];
        d[i].drawn_by = r[11];
        d[i].judged_by = r[12];
    }
    *out = d;
    *n = rows->nrows;
    return APR_SUCCESS;
}

apr_status_t qc_stage_draws(qc_db_t *db, apr_pool_t *p, const char *contest_id,
                            qc_stage_draw_t **out, int *n)
{
    return draws_of(db, p, contest_id, out, n);
}

apr_status_t qc_stage_load_board(qc_db_t *db, apr_pool_t *p, const char *contest_id,
                                 const qc_stage_t *st, qc_stage_board_t **out)
{
    qc_rows_t *rows;
    qc_stage_board_t *b = apr_pcalloc(p, sizeof(*b));
    qc_stage_sheet_t *sh = &b->sheet;
    qc_stage_judge_total_t *totals;
    qc_stage_draw_t *draws;
    int i;
    apr_status_t rv;

    sh->drop_extremes = st->drop_extremes;
    sh->online = st->online;
    sh->online_weight = st->online_weight;
    sh->parts = st->parts;
    sh->nparts = st->nparts;
    sh->criteria = st->criteria;
    sh->ncriteria = st->ncriteria;
    sh->teams = st->teams;
    sh->nteams = st->nteams;
    sh->prizes = st->prizes;
    sh->nprizes = st->nprizes;

    /* team, part, judge, SUM(points), COUNT(*) */
    rv = qc_db_select(db, p, "qc_stage_judge_totals", QC_ARGS(contest_id), &rows);
    if (rv != APR_SUCCESS) {
        return rv;
    }
    totals = apr_pcalloc(p, sizeof(*totals) * (apr_size_t)(rows->nrows + 1));
    for (i = 0; i < rows->nrows; i++) {
        const char **r = rows->rows[i];
        totals[i].team_id = r[0];
        totals[i].part_code = r[1];
        totals[i].judge_user = r[2];
        totals[i].sum = num(r[3], 0, 1000000, 0);
        totals[i].count = (int)num(r[4], 0, 1000000, 0);
    }
    sh->totals = totals;
    sh->ntotals = rows->nrows;

    rv = draws_of(db, p, contest_id, &draws, &sh->ndraws);
    if (rv != APR_SUCCESS) {
        return rv;
    }
    sh->draws = draws;

    rv = qc_db_select(db, p, "qc_stage_members", QC_ARGS(contest_id), &rows);
    if (rv != APR_SUCCESS) {
        return rv;
    }
    b->members = apr_pcalloc(p, sizeof(*b->members) * (apr_size_t)(rows->nrows + 1));
    for (i = 0; i < rows->nrows; i++) {
        b->members[i].team_id = rows->rows[i][0];
        b->members[i].full_name = rows->rows[i][1];
    }
    b->nmembers = rows->nrows;

    if (st->online) {
        qc_stage_online_t *o;
        /* team, COUNT(contestants), SUM(counted score) */
        rv = qc_db_select(db, p, "qc_stage_online", QC_ARGS(contest_id), &rows);
        if (rv != APR_SUCCESS) {
            return rv;
        }
        o = apr_pcalloc(p, sizeof(*o) * (apr_size_t)(rows->nrows + 1));
        for (i = 0; i < rows->nrows; i++) {
            const char **r = rows->rows[i];
            o[i].team_id = r[0];
            o[i].participants = num(r[1], 0, APR_INT64_C(1) << 40, 0);
            o[i].score_sum = num(r[2], 0, APR_INT64_C(1) << 40, 0);
        }
        sh->online_results = o;
        sh->nonline = rows->nrows;
    }
    *out = b;
    return APR_SUCCESS;
}

apr_status_t qc_stage_topics(qc_db_t *db, apr_pool_t *p, const char *contest_id,
                             qc_stage_topic_t **out, int *n)
{
    qc_rows_t *rows;
    qc_stage_topic_t *t;
    int i;
    apr_status_t rv = qc_db_select(db, p, "qc_stage_topics", QC_ARGS(contest_id), &rows);
    if (rv != APR_SUCCESS) {
        return rv;
    }
    t = apr_pcalloc(p, sizeof(*t) * (apr_size_t)(rows->nrows + 1));
    for (i = 0; i < rows->nrows; i++) {
        t[i].code = rows->rows[i][0];
        t[i].title = rows->rows[i][1];
        t[i].left = num(rows->rows[i][2], 0, APR_INT64_C(999999999999), 0);
    }
    *out = t;
    *n = rows->nrows;
    return APR_SUCCESS;
}

apr_status_t qc_stage_choices(qc_db_t *db, apr_pool_t *p, const char *question_id,
                              qc_stage_choice_t **out, int *n)
{
    qc_rows_t *rows;
    qc_stage_choice_t *c;
    int i;
    apr_status_t rv = qc_db_select(db, p, "qc_stage_choices", QC_ARGS(question_id), &rows);
    if (rv != APR_SUCCESS) {
        return rv;
    }
    c = apr_pcalloc(p, sizeof(*c) * (apr_size_t)(rows->nrows + 1));
    for (i = 0; i < rows->nrows; i++) {
        c[i].seq = (int)num(rows->rows[i][0], 0, 100000, 0);
        c[i].body = rows->rows[i][1];
        c[i].correct = (int)num(rows->rows[i][2], 0, 255, 0);
    }
    *out = c;
    *n = rows->nrows;
    return APR_SUCCESS;
}

apr_status_t qc_stage_my_marks(qc_db_t *db, apr_pool_t *p, const char *team_id,
                               const char *part_code, const char *judge_user, qc_stage_mark_t **out,
                               int *n)
{
    qc_rows_t *rows;
    qc_stage_mark_t *m;
    int i;
    apr_status_t rv = qc_db_select(db, p, "qc_stage_scores_by_judge",
                                   QC_ARGS(team_id, part_code, judge_user), &rows);
    if (rv != APR_SUCCESS) {
        return rv;
    }
    m = apr_pcalloc(p, sizeof(*m) * (apr_size_t)(rows->nrows + 1));
    for (i = 0; i < rows->nrows; i++) {
        m[i].criterion_code = rows->rows[i][0];
        m[i].points = num(rows->rows[i][1], 0, 100000, 0);
    }
    *out = m;
    *n = rows->nrows;
    return APR_SUCCESS;
}

/* ---- changes made on stage -------------------------------------------------------------- */

/* In a transaction that changes the stage's scores or draws: QC_STAGE_CLOSED once the judging
 * is closed. It shares the stage's row, so a closing either waits for this transaction to end
 * or is seen by it. */
static apr_status_t still_open(qc_db_t *db, apr_pool_t *p, const char *contest_id)
{
    qc_rows_t *rows;
    apr_status_t rv = qc_db_select(db, p, "qc_stage_open_shared", QC_ARGS(contest_id), &rows);
    if (rv == APR_SUCCESS && strcmp(qc_rows_get(rows, 0, 0) ? qc_rows_get(rows, 0, 0) : "", "1")) {
        return QC_STAGE_CLOSED;
    }
    return rv;
}

/* The arguments of the stage's transactions below, each run by qc_db_transact (a work that
 * first checks the judging is still open: QC_STAGE_CLOSED, rolled back, once it is closed). */
typedef struct {
    const char *contest_id, *team_id, *team_name, *part_code, *judge_user;
    const qc_stage_mark_t *marks;
    int n;
    const char *draw_id, *result, *topic_code, *question_id, *question_code, *drawn_by;
    const char *order, *closed_by, *title;
    int right;
    const qc_actor_t *actor;
} stage_tx_t;

static apr_status_t score_write_work(qc_db_t *db, apr_pool_t *p, void *baton)
{
    const stage_tx_t *b = baton;
    apr_status_t rv;
    int i;
    QC_CHECK(still_open(db, p, b->contest_id));
    for (i = 0; i < b->n; i++) {
        QC_CHECK(qc_db_exec(db, p, "qc_stage_score_upsert",
                            QC_ARGS(b->team_id, b->part_code, b->judge_user,
                                    b->marks[i].criterion_code, qc_util_i64(p, b->marks[i].points)),
                            NULL));
    }
    QC_CHECK(qc_audit_write(db, p, b->contest_id, b->actor, "stage.score", b->team_name, NULL,
                            apr_psprintf(p, "%s: %d", b->part_code, b->n)));
leave:
    return rv;
}

apr_status_t qc_stage_score_write(qc_db_t *db, apr_pool_t *p, const char *contest_id,
                                  const char *team_id, const char *team_name, const char *part_code,
                                  const char *judge_user, const qc_stage_mark_t *marks, int n,
                                  const qc_actor_t *actor)
{
    stage_tx_t b = {0};
    b.contest_id = contest_id;
    b.team_id = team_id;
    b.team_name = team_name;
    b.part_code = part_code;
    b.judge_user = judge_user;
    b.marks = marks;
    b.n = n;
    b.actor = actor;
    return qc_db_transact(db, p, "write stage scores", score_write_work, &b);
}

static apr_status_t answer_write_work(qc_db_t *db, apr_pool_t *p, void *baton)
{
    const stage_tx_t *b = baton;
    apr_status_t rv;
    int affected = 0;
    QC_CHECK(still_open(db, p, b->contest_id));
    QC_CHECK(
        qc_db_exec(db, p, "qc_stage_draw_judge",
                   QC_ARGS(b->right ? "right" : "wrong", b->judge_user, b->draw_id, b->contest_id),
                   &affected));
    QC_CHECK(qc_audit_write(db, p, b->contest_id, b->actor, "stage.answer", b->draw_id, NULL,
                            b->result));
leave:
    return rv;
}

apr_status_t qc_stage_answer_write(qc_db_t *db, apr_pool_t *p, const char *contest_id,
                                   const char *draw_id, int right, const char *judge_user,
                                   const char *result, const qc_actor_t *actor)
{
    stage_tx_t b = {0};
    b.contest_id = contest_id;
    b.draw_id = draw_id;
    b.right = right;
    b.judge_user = judge_user;
    b.result = result;
    b.actor = actor;
    return qc_db_transact(db, p, "judge a stage answer", answer_write_work, &b);
}

static apr_status_t draw_work(qc_db_t *db, apr_pool_t *p, void *baton)
{
    const stage_tx_t *b = baton;
    apr_status_t rv;
    QC_CHECK(still_open(db, p, b->contest_id));
    QC_CHECK(qc_db_exec(db, p, "qc_stage_draw_insert",
                        QC_ARGS(b->contest_id, b->team_id, b->part_code, b->topic_code,
                                b->question_id, b->question_code, b->drawn_by),
                        NULL));
    QC_CHECK(qc_audit_write(db, p, b->contest_id, b->actor, "stage.draw", b->team_name, NULL,
                            apr_pstrcat(p, b->topic_code, ": ", b->question_code, NULL)));
leave:
    return rv;
}

apr_status_t qc_stage_draw(qc_db_t *db, apr_pool_t *p, const char *contest_id, const char *team_id,
                           const char *team_name, const char *part_code, const char *topic_code,
                           const char *drawn_by, const qc_actor_t *actor)
{
    apr_status_t rv = APR_SUCCESS;
    int tries;
    /* two presenters racing for the last question: the unique key decides, try again once */
    for (tries = 0; tries < 2; tries++) {
        qc_rows_t *rows;
        stage_tx_t b = {0};
        /* a question never drawn in the event, at random (outside the transaction) */
        rv = qc_db_select(db, p, "qc_stage_draw_pick", QC_ARGS(contest_id, topic_code), &rows);
        if (rv != APR_SUCCESS) {
            return rv;
        }
        if (rows->nrows == 0) {
            return QC_STAGE_EXHAUSTED;
        }
        b.contest_id = contest_id;
        b.team_id = team_id;
        b.team_name = team_name;
        b.part_code = part_code;
        b.topic_code = topic_code;
        b.question_id = rows->rows[0][0];
        b.question_code = rows->rows[0][1];
        b.drawn_by = drawn_by;
        b.actor = actor;
        rv = qc_db_transact(db, p, "draw a stage question", draw_work, &b);
        if (rv != QC_ECONFLICT) {
            return rv;
        }
    }
    return rv;
}

apr_status_t qc_stage_reveal(qc_db_t *db, apr_pool_t *p, const char *contest_id,
                             const char *draw_id)
{
    int affected = 0;
    return qc_db_exec(db, p, "qc_stage_draw_reveal", QC_ARGS(draw_id, contest_id), &affected);
}

static apr_status_t committee_write_work(qc_db_t *db, apr_pool_t *p, void *baton)
{
    const stage_tx_t *b = baton;
    apr_status_t rv;
    QC_CHECK(qc_db_exec(db, p, "qc_stage_committee_set",
                        QC_ARGS(b->order, b->team_id, b->contest_id), NULL));
    QC_CHECK(qc_audit_write(db, p, b->contest_id, b->actor, "stage.committee_order", b->team_name,
                            NULL, b->order));
leave:
    return rv;
}

apr_status_t qc_stage_committee_write(qc_db_t *db, apr_pool_t *p, const char *contest_id,
                                      const char *team_id, const char *team_name, const char *order,
                                      const qc_actor_t *actor)
{
    stage_tx_t b = {0};
    b.contest_id = contest_id;
    b.team_id = team_id;
    b.team_name = team_name;
    b.order = order;
    b.actor = actor;
    return qc_db_transact(db, p, "write a stage committee order", committee_write_work, &b);
}

static apr_status_t close_judging_work(qc_db_t *db, apr_pool_t *p, void *baton)
{
    const stage_tx_t *b = baton;
    apr_status_t rv;
    int affected = 0;
    QC_CHECK(qc_db_exec(db, p, "qc_stage_close_judging", QC_ARGS(b->closed_by, b->contest_id),
                        &affected));
    if (affected == 0) {
        return QC_STAGE_CLOSED; /* closed by another request meanwhile */
    }
    QC_CHECK(qc_audit_write(db, p, b->contest_id, b->actor, "stage.close_judging", b->title, NULL,
                            NULL));
leave:
    return rv;
}

apr_status_t qc_stage_close_judging(qc_db_t *db, apr_pool_t *p, const char *contest_id,
                                    const char *closed_by, const char *title,
                                    const qc_actor_t *actor)
{
    stage_tx_t b = {0};
    b.contest_id = contest_id;
    b.closed_by = closed_by;
    b.title = title;
    b.actor = actor;
    return qc_db_transact(db, p, "close the stage judging", close_judging_work, &b);
}
