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
    /* the definition's <clips>: qc_clip_part PRIMARY KEY (contest_id); qc_clip_criterion /
     * qc_clip_prize PRIMARY KEY (contest_id, ...) */
    {"qc_clip_part_delete", "DELETE FROM qc_clip_part WHERE contest_id = %s"},
    {"qc_clip_part_upsert",
     "INSERT INTO qc_clip_part (contest_id, title, deadline_at, max_bytes, drop_extremes,"
     " unit_kind) VALUES (%s, %s, %s, %s, %s, %s)"
     " ON DUPLICATE KEY UPDATE title = VALUES(title), deadline_at = VALUES(deadline_at),"
     " max_bytes = VALUES(max_bytes), drop_extremes = VALUES(drop_extremes),"
     " unit_kind = VALUES(unit_kind)"},
    {"qc_clip_criteria_clear", "DELETE FROM qc_clip_criterion WHERE contest_id = %s"},
    {"qc_clip_criterion_insert",
     "INSERT INTO qc_clip_criterion (contest_id, code, seq, title, max_points)"
     " VALUES (%s, %s, %s, %s, %s)"},
    {"qc_clip_prizes_clear", "DELETE FROM qc_clip_prize WHERE contest_id = %s"},
    {"qc_clip_prize_insert", "INSERT INTO qc_clip_prize (contest_id, seq, title, count, amount) "
                             "VALUES (%s, %s, %s, %s, %s)"},
    {NULL, NULL}};

static const char *attr(apr_pool_t *p, xmlNodePtr n, const char *name)
{
    xmlChar *v = xmlGetProp(n, BAD_CAST name);
    const char *s = NULL;
    if (v) {
        s = apr_pstrdup(p, (const char *)v);
        xmlFree(v);
    }
    return s;
}

static apr_status_t fail(apr_pool_t *p, const char *path, xmlNodePtr n, const char **errmsg,
                         const char *msg)
{
    *errmsg = apr_psprintf(p, "%s:%ld: %s", path, xmlGetLineNo(n), msg);
    return QC_EINPUT;
}

static apr_status_t parse_prize(apr_pool_t *p, const char *path, xmlNodePtr k,
                                apr_array_header_t *prizes, const char **errmsg)
{
    qc_prize_tier_t *t = apr_array_push(prizes);
    apr_int64_t v;
    t->title = attr(p, k, "title");
    if (qc_util_parse_int64(attr(p, k, "count"), 1, 1000, &v) != APR_SUCCESS) {
        return fail(p, path, k, errmsg, "attribute count must be from 1 to 1000");
    }
    t->count = (int)v;
    t->amount = 0;
    if (attr(p, k, "amount") &&
        qc_util_parse_int64(attr(p, k, "amount"), 0, APR_INT64_C(2000000000), &t->amount) !=
            APR_SUCCESS) {
        return fail(p, path, k, errmsg, "attribute amount is not a number");
    }
    return APR_SUCCESS;
}

static apr_status_t parse_criterion(apr_pool_t *p, const char *path, xmlNodePtr k,
                                    apr_array_header_t *criteria, apr_hash_t *seen,
                                    const char **errmsg)
{
    qc_def_criterion_t *c = apr_array_push(criteria);
    apr_int64_t v;
    c->code = attr(p, k, "code");
    c->title = attr(p, k, "title");
    if (qc_util_parse_int64(attr(p, k, "max"), 1, 1000, &v) != APR_SUCCESS) {
        return fail(p, path, k, errmsg, "attribute max must be from 1 to 1000");
    }
    c->max = (int)v;
    if (apr_hash_get(seen, c->code, APR_HASH_KEY_STRING)) {
        return fail(p, path, k, errmsg, apr_psprintf(p, "criterion %s appears twice", c->code));
    }
    apr_hash_set(seen, c->code, APR_HASH_KEY_STRING, c);
    return APR_SUCCESS;
}

/* <stage>: its parts (criteria, or questions by draw), teams of known units, prizes. */
static apr_status_t parse_stage(apr_pool_t *p, const char *path, xmlNodePtr n,
                                apr_hash_t *unit_codes, qc_def_jury_t *j, const char **errmsg)
{
    xmlNodePtr k, m;
    apr_hash_t *parts = apr_hash_make(p), *teams = apr_hash_make(p);
    const char *s;
    apr_status_t rv;
    j->has_stage = 1;
    j->stage_title = attr(p, n, "title");
    if (!j->stage_title) {
        j->stage_title = "Thi trực tiếp";
    }
    s = attr(p, n, "drop-extremes");
    j->stage_drop_extremes = s && (!strcmp(s, "true") || !strcmp(s, "1"));
    j->stage_online = attr(p, n, "online");
    if (!j->stage_online) {
        j->stage_online = "none";
    }
    {
        apr_int64_t w = 1;
        if (attr(p, n, "online-weight") &&
            qc_util_parse_int64(attr(p, n, "online-weight"), 1, 1000, &w) != APR_SUCCESS) {
            return fail(p, path, n, errmsg, "attribute online-weight must be from 1 to 1000");
        }
        j->stage_online_weight = (int)w;
    }
    for (k = n->children; k; k = k->next) {
        if (qc_definition_is_el(k, "part")) {
            qc_def_stage_part_t *pt = apr_array_push(j->stage_parts);
            apr_hash_t *seen = apr_hash_make(p);
            apr_int64_t v = 0;
            pt->code = attr(p, k, "code");
            pt->title = attr(p, k, "title");
            pt->criteria = apr_array_make(p, 4, sizeof(qc_def_criterion_t));
            if (apr_hash_get(parts, pt->code, APR_HASH_KEY_STRING)) {
                return fail(p, path, k, errmsg, apr_psprintf(p, "part %s appears twice", pt->code));
            }
            apr_hash_set(parts, pt->code, APR_HASH_KEY_STRING, pt);
            if (attr(p, k, "points-per-right")) {
                qc_util_parse_int64(attr(p, k, "points-per-right"), 1, 1000, &v);
            }
            pt->points_per_right = (int)v;
            v = 30;
            if (attr(p, k, "answer-seconds")) {
                qc_util_parse_int64(attr(p, k, "answer-seconds"), 1, 3600, &v);
            }
            pt->answer_seconds = (int)v;
            for (m = k->children; m; m = m->next) {
                if (qc_definition_is_el(m, "criterion") &&
                    (rv = parse_criterion(p, path, m, pt->criteria, seen, errmsg)) != APR_SUCCESS) {
                    return rv;
                }
            }
            if (pt->points_per_right && pt->criteria->nelts) {
                return fail(p, path, k, errmsg,
                            apr_psprintf(p,
                                         "part %s has points-per-right (questions by draw) "
                                         "and criteria: give one or the other",
                                         pt->code));
            }
            if (!pt->points_per_right && !pt->criteria->nelts) {
                return fail(p, path, k, errmsg,
                            apr_psprintf(p,
                                         "part %s needs criteria, or points-per-right for "
                                         "questions by draw",
                                         pt->code));
            }
        }
        else if (qc_definition_is_el(k, "team")) {
            qc_def_team_t *t = apr_array_push(j->teams);
            t->unit_code = attr(p, k, "unit");
            t->name = attr(p, k, "name");
            t->members = apr_array_make(p, 4, sizeof(const char *));
            if (!apr_hash_get(unit_codes, t->unit_code, APR_HASH_KEY_STRING)) {
                return fail(p, path, k, errmsg,
                            apr_psprintf(p, "team of unit %s, which <units> does not define",
                                         t->unit_code));
            }
            if (apr_hash_get(teams, t->unit_code, APR_HASH_KEY_STRING)) {
                return fail(p, path, k, errmsg,
                            apr_psprintf(p, "unit %s has two teams", t->unit_code));
            }
            apr_hash_set(teams, t->unit_code, APR_HASH_KEY_STRING, t);
            for (m = k->children; m; m = m->next) {
                if (qc_definition_is_el(m, "member")) {
                    APR_ARRAY_PUSH(t->members, const char *) = attr(p, m, "name");
                }
            }
        }
        else if (qc_definition_is_el(k, "prize") &&
                 (rv = parse_prize(p, path, k, j->stage_prizes, errmsg)) != APR_SUCCESS) {
            return rv;
        }
    }
    if (j->judges->nelts == 0) {
        return fail(p, path, n, errmsg, "<stage> needs judges: add <jury> with a <judge>");
    }
    return APR_SUCCESS;
}

apr_status_t qc_jury_parse_def(apr_pool_t *p, const char *path, xmlNodePtr root, int tz_min,
                               apr_hash_t *unit_codes, qc_def_jury_t **out, const char **errmsg)
{
    qc_def_jury_t *j = apr_pcalloc(p, sizeof(*j));
    xmlNodePtr n, k;
    apr_hash_t *seen = apr_hash_make(p);
    apr_int64_t v;

    j->judges = apr_array_make(p, 8, sizeof(qc_def_judge_t));
    j->criteria = apr_array_make(p, 4, sizeof(qc_def_criterion_t));
    j->prizes = apr_array_make(p, 4, sizeof(qc_prize_tier_t));
    for (k = (n = qc_definition_child(root, "jury")) ? n->children : NULL; k; k = k->next) {
        qc_def_judge_t *jd;
        if (!qc_definition_is_el(k, "judge")) {
            continue;
        }
        jd = apr_array_push(j->judges);
        jd->user = attr(p, k, "user");
        jd->name = attr(p, k, "name");
        jd->unit_code = attr(p, k, "unit");
        if (!jd->unit_code) {
            jd->unit_code = "";
        }
        if (apr_hash_get(seen, jd->user, APR_HASH_KEY_STRING)) {
            return fail(p, path, k, errmsg, apr_psprintf(p, "judge %s appears twice", jd->user));
        }
        apr_hash_set(seen, jd->user, APR_HASH_KEY_STRING, jd);
        if (*jd->unit_code && !apr_hash_get(unit_codes, jd->unit_code, APR_HASH_KEY_STRING)) {
            return fail(p, path, k, errmsg,
                        apr_psprintf(p, "judge %s names unit %s, which <units> does not define",
                                     jd->user, jd->unit_code));
        }
    }
    n = qc_definition_child(root, "clips");
    if (n) {
        const char *s;
        j->has_clips = 1;
        j->clip_title = attr(p, n, "title");
        if (!j->clip_title) {
            j->clip_title = "Cuộc thi video clip";
        }
        s = attr(p, n, "deadline");
        if (qc_time_parse_local(s, tz_min, &j->clip_deadline_ms) != APR_SUCCESS) {
            return fail(p, path, n, errmsg, "attribute deadline is not a date-time");
        }
        s = attr(p, n, "max-size-mb");
        if (qc_util_parse_int64(s, 1, 4096, &v) != APR_SUCCESS) {
            return fail(p, path, n, errmsg, "attribute max-size-mb must be from 1 to 4096");
        }
        j->clip_max_bytes = v * 1024 * 1024;
        s = attr(p, n, "drop-extremes");
        j->clip_drop_extremes = s && (!strcmp(s, "true") || !strcmp(s, "1"));
        j->clip_unit_kind = attr(p, n, "unit-kind");
        if (!j->clip_unit_kind) {
            j->clip_unit_kind = "";
        }
        seen = apr_hash_make(p);
        for (k = n->children; k; k = k->next) {
            apr_status_t rv = APR_SUCCESS;
            if (qc_definition_is_el(k, "criterion")) {
                rv = parse_criterion(p, path, k, j->criteria, seen, errmsg);
            }
            else if (qc_definition_is_el(k, "prize")) {
                rv = parse_prize(p, path, k, j->prizes, errmsg);
            }
            if (rv != APR_SUCCESS) {
                return rv;
            }
        }
        if (j->judges->nelts == 0) {
            return fail(p, path, n, errmsg, "<clips> needs judges: add <jury> with a <judge>");
        }
    }
    j->stage_parts = apr_array_make(p, 4, sizeof(qc_def_stage_part_t));
    j->teams = apr_array_make(p, 8, sizeof(qc_def_team_t));
    j->stage_prizes = apr_array_make(p, 4, sizeof(qc_prize_tier_t));
    n = qc_definition_child(root, "stage");
    if (n) {
        apr_status_t rv = parse_stage(p, path, n, unit_codes, j, errmsg);
        if (rv != APR_SUCCESS) {
            return rv;
        }
    }
    *out = j;
    return APR_SUCCESS;
}

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
                                j->clip_drop_extremes ? "1" : "0", j->clip_unit_kind),
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
