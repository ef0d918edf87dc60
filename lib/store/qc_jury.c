/* Jury-scored parts: the definition's <jury>, <clips> and <stage> (parsed, then stored), the
 * judges as the database holds them, the video sniffing and the links a clip may have. The
 * scoring rules are in qc_jury_scoring.c, the clip part's entries and scores in qc_clip.c. */
#include <string.h>
#include <apr_hash.h>
#include <apr_strings.h>
#include "qc_jury.h"
#include "qc_definition_xml.h"
#include "qc_sql.h"
#include "qc_status.h"
#include "qc_time.h"
#include "qc_util.h"

const qc_sql_statement_t qc_jury_statements[] = {
    /* qc_judge PRIMARY KEY (contest_id, user_name) */
    {"qc_jury_judges_clear", "DELETE FROM qc_judge WHERE contest_id = %s"},
    {"qc_jury_judge_insert",
     "INSERT INTO qc_judge (contest_id, user_name, full_name, unit_code) VALUES (%s, %s, %s, %s)"},
    {"qc_jury_judge_get", "SELECT user_name, full_name, unit_code FROM qc_judge"
                          " WHERE contest_id = %s AND user_name = %s"},
    {"qc_jury_judges", "SELECT user_name, full_name, unit_code FROM qc_judge WHERE contest_id = %s"
                       " ORDER BY user_name"},
    /* which jury parts the contest has (the secretariat's menu) */
    {"qc_jury_parts", "SELECT EXISTS (SELECT 1 FROM qc_clip_part WHERE contest_id = %s),"
                      " EXISTS (SELECT 1 FROM qc_stage WHERE contest_id = %s)"},
    /* the definition's <clips>: qc_clip_part PRIMARY KEY (contest_id); qc_clip_criterion /
     * qc_clip_prize PRIMARY KEY (contest_id, ...) */
    {"qc_clip_part_delete", "DELETE FROM qc_clip_part WHERE contest_id = %s"},
    {"qc_clip_part_upsert",
     "INSERT INTO qc_clip_part (contest_id, title, deadline_at, max_bytes, drop_extremes,"
     " unit_kind, count_own_unit) VALUES (%s, %s, %s, %s, %s, %s, %s)"
     " ON DUPLICATE KEY UPDATE title = VALUES(title), deadline_at = VALUES(deadline_at),"
     " max_bytes = VALUES(max_bytes), drop_extremes = VALUES(drop_extremes),"
     " unit_kind = VALUES(unit_kind), count_own_unit = VALUES(count_own_unit)"},
    {"qc_clip_criteria_clear", "DELETE FROM qc_clip_criterion WHERE contest_id = %s"},
    {"qc_clip_criterion_insert",
     "INSERT INTO qc_clip_criterion (contest_id, code, seq, title, max_points)"
     " VALUES (%s, %s, %s, %s, %s)"},
    {"qc_clip_prizes_clear", "DELETE FROM qc_clip_prize WHERE contest_id = %s"},
    {"qc_clip_prize_insert", "INSERT INTO qc_clip_prize (contest_id, seq, title, count, amount) "
                             "VALUES (%s, %s, %s, %s, %s)"},
    {NULL, NULL}};

/* The stage's settings, parts, criteria and prizes are replaced; teams are upserted by unit
 * (their ids, and so the scores and draws, survive a reload) and their members replaced. */
static apr_status_t load_stage(qc_db_t *db, apr_pool_t *p, const char *cid, const qc_def_jury_t *j)
{
    apr_status_t rv;
    int i, k;
    if (!j->has_stage) {
        return qc_db_exec(db, p, "qc_stage_delete", QC_ARGS(cid), NULL);
    }
    rv = qc_db_exec(db, p, "qc_stage_upsert",
                    QC_ARGS(cid, j->stage_title, j->stage_drop_extremes ? "1" : "0",
                            j->stage_online, apr_itoa(p, j->stage_online_weight)),
                    NULL);
    if (rv == APR_SUCCESS) {
        rv = qc_db_exec(db, p, "qc_stage_parts_clear", QC_ARGS(cid), NULL);
    }
    if (rv == APR_SUCCESS) {
        rv = qc_db_exec(db, p, "qc_stage_criteria_clear", QC_ARGS(cid), NULL);
    }
    if (rv == APR_SUCCESS) {
        rv = qc_db_exec(db, p, "qc_stage_prizes_clear", QC_ARGS(cid), NULL);
    }
    for (i = 0; rv == APR_SUCCESS && i < j->stage_parts->nelts; i++) {
        const qc_def_stage_part_t *pt = &APR_ARRAY_IDX(j->stage_parts, i, qc_def_stage_part_t);
        rv = qc_db_exec(db, p, "qc_stage_part_insert",
                        QC_ARGS(cid, pt->code, apr_itoa(p, i + 1), pt->title,
                                pt->points_per_right ? apr_itoa(p, pt->points_per_right) : "",
                                apr_itoa(p, pt->answer_seconds)),
                        NULL);
        for (k = 0; rv == APR_SUCCESS && k < pt->criteria->nelts; k++) {
            const qc_def_criterion_t *c = &APR_ARRAY_IDX(pt->criteria, k, qc_def_criterion_t);
            rv = qc_db_exec(
                db, p, "qc_stage_criterion_insert",
                QC_ARGS(cid, pt->code, c->code, apr_itoa(p, k + 1), c->title, apr_itoa(p, c->max)),
                NULL);
        }
    }
    for (i = 0; rv == APR_SUCCESS && i < j->stage_prizes->nelts; i++) {
        const qc_prize_tier_t *t = &APR_ARRAY_IDX(j->stage_prizes, i, qc_prize_tier_t);
        rv = qc_db_exec(db, p, "qc_stage_prize_insert",
                        QC_ARGS(cid, apr_itoa(p, i + 1), t->title, apr_itoa(p, t->count),
                                t->amount > 0 ? qc_util_i64(p, t->amount) : NULL),
                        NULL);
    }
    for (i = 0; rv == APR_SUCCESS && i < j->teams->nelts; i++) {
        const qc_def_team_t *t = &APR_ARRAY_IDX(j->teams, i, qc_def_team_t);
        qc_rows_t *rows;
        const char *team_id;
        rv = qc_db_exec(db, p, "qc_stage_team_upsert",
                        QC_ARGS(cid, t->name ? t->name : "", t->name ? t->name : "",
                                apr_itoa(p, i + 1), cid, t->unit_code),
                        NULL);
        if (rv == APR_SUCCESS) {
            rv = qc_db_select(db, p, "qc_stage_team_by_unit", QC_ARGS(cid, t->unit_code), &rows);
        }
        if (rv != APR_SUCCESS) {
            break;
        }
        team_id = qc_rows_get(rows, 0, 0);
        rv = qc_db_exec(db, p, "qc_stage_members_clear", QC_ARGS(team_id), NULL);
        for (k = 0; rv == APR_SUCCESS && k < t->members->nelts; k++) {
            rv = qc_db_exec(
                db, p, "qc_stage_member_insert",
                QC_ARGS(team_id, apr_itoa(p, k + 1), APR_ARRAY_IDX(t->members, k, const char *)),
                NULL);
        }
    }
    return rv;
}

apr_status_t qc_jury_load_def(qc_db_t *db, apr_pool_t *p, const char *cid, const qc_def_jury_t *j)
{
    apr_status_t rv;
    int i;
    rv = qc_db_exec(db, p, "qc_jury_judges_clear", QC_ARGS(cid), NULL);
    for (i = 0; rv == APR_SUCCESS && i < j->judges->nelts; i++) {
        const qc_def_judge_t *jd = &APR_ARRAY_IDX(j->judges, i, qc_def_judge_t);
        rv = qc_db_exec(db, p, "qc_jury_judge_insert",
                        QC_ARGS(cid, jd->user, jd->name, jd->unit_code), NULL);
    }
    if (rv == APR_SUCCESS) {
        rv = load_stage(db, p, cid, j);
    }
    if (rv == APR_SUCCESS && !j->has_clips) {
        return qc_db_exec(db, p, "qc_clip_part_delete", QC_ARGS(cid), NULL);
    }
    if (rv == APR_SUCCESS) {
        rv = qc_db_exec(db, p, "qc_clip_part_upsert",
                        QC_ARGS(cid, j->clip_title, qc_time_format_db(p, j->clip_deadline_ms),
                                qc_util_i64(p, j->clip_max_bytes),
                                j->clip_drop_extremes ? "1" : "0", j->clip_unit_kind,
                                j->clip_count_own_unit ? "1" : "0"),
                        NULL);
    }
    if (rv == APR_SUCCESS) {
        rv = qc_db_exec(db, p, "qc_clip_criteria_clear", QC_ARGS(cid), NULL);
    }
    for (i = 0; rv == APR_SUCCESS && i < j->criteria->nelts; i++) {
        const qc_def_criterion_t *c = &APR_ARRAY_IDX(j->criteria, i, qc_def_criterion_t);
        rv = qc_db_exec(db, p, "qc_clip_criterion_insert",
                        QC_ARGS(cid, c->code, apr_itoa(p, i + 1), c->title, apr_itoa(p, c->max)),
                        NULL);
    }
    if (rv == APR_SUCCESS) {
        rv = qc_db_exec(db, p, "qc_clip_prizes_clear", QC_ARGS(cid), NULL);
    }
    for (i = 0; rv == APR_SUCCESS && i < j->prizes->nelts; i++) {
        const qc_prize_tier_t *t = &APR_ARRAY_IDX(j->prizes, i, qc_prize_tier_t);
        rv = qc_db_exec(db, p, "qc_clip_prize_insert",
                        QC_ARGS(cid, apr_itoa(p, i + 1), t->title, apr_itoa(p, t->count),
                                t->amount > 0 ? qc_util_i64(p, t->amount) : NULL),
                        NULL);
    }
    return rv;
}

/* ---- the judges -------------------------------------------------------------------------- */

static void decode_judge(qc_def_judge_t *j, const char **r)
{
    j->user = r[0];
    j->name = r[1];
    j->unit_code = r[2];
}

apr_status_t qc_jury_judge_get(qc_db_t *db, apr_pool_t *p, const char *contest_id, const char *user,
                               qc_def_judge_t **out)
{
    qc_rows_t *rows;
    apr_status_t rv = qc_db_select(db, p, "qc_jury_judge_get", QC_ARGS(contest_id, user), &rows);
    *out = NULL;
    if (rv != APR_SUCCESS) {
        return rv;
    }
    if (rows->nrows == 0) {
        return QC_ENOTFOUND;
    }
    *out = apr_pcalloc(p, sizeof(**out));
    decode_judge(*out, rows->rows[0]);
    return APR_SUCCESS;
}

apr_status_t qc_jury_parts(qc_db_t *db, apr_pool_t *p, const char *contest_id, int *clips,
                           int *stage)
{
    qc_rows_t *rows;
    apr_status_t rv =
        qc_db_select(db, p, "qc_jury_parts", QC_ARGS(contest_id, contest_id), &rows);
    *clips = *stage = 0;
    if (rv != APR_SUCCESS) {
        return rv;
    }
    *clips = qc_rows_get(rows, 0, 0) && !strcmp(qc_rows_get(rows, 0, 0), "1");
    *stage = qc_rows_get(rows, 0, 1) && !strcmp(qc_rows_get(rows, 0, 1), "1");
    return APR_SUCCESS;
}

apr_status_t qc_jury_judges(qc_db_t *db, apr_pool_t *p, const char *contest_id,
                            apr_array_header_t **out)
{
    qc_rows_t *rows;
    int i;
    apr_status_t rv = qc_db_select(db, p, "qc_jury_judges", QC_ARGS(contest_id), &rows);
    *out = NULL;
    if (rv != APR_SUCCESS) {
        return rv;
    }
    *out = apr_array_make(p, rows->nrows + 1, sizeof(qc_def_judge_t));
    for (i = 0; i < rows->nrows; i++) {
        decode_judge(apr_array_push(*out), rows->rows[i]);
    }
    return APR_SUCCESS;
}

/* ---- the definition's checks of a clip ------------------------------------------------- */

const char *qc_jury_sniff_video(const unsigned char *h, apr_size_t len)
{
    apr_size_t i;
    if (len >= 12 && !memcmp(h + 4, "ftyp", 4)) {
        return "video/mp4";
    }
    if (len >= 4 && h[0] == 0x1A && h[1] == 0x45 && h[2] == 0xDF && h[3] == 0xA3) {
        /* the DocType element (0x42 0x82) of the EBML header names the format */
        for (i = 4; i + 7 <= len && i < 64; i++) {
            if (h[i] == 0x42 && h[i + 1] == 0x82 && !memcmp(h + i + 3, "webm", 4)) {
                return "video/webm";
            }
        }
    }
    return NULL;
}

int qc_jury_link_ok(const char *s)
{
    const char *host;
    if (!s || strlen(s) > 1000) {
        return 0;
    }
    if (!strncmp(s, "https://", 8)) {
        host = s + 8;
    }
    else if (!strncmp(s, "http://", 7)) {
        host = s + 7;
    }
    else {
        return 0;
    }
    if (!*host || *host == '/') {
        return 0;
    }
    for (; *s; s++) {
        if ((unsigned char)*s <= 0x20 || (unsigned char)*s >= 0x7f || *s == '"' || *s == '<' ||
            *s == '>') {
            return 0;
        }
    }
    return 1;
}
