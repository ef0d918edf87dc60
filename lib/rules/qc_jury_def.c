/* The jury-scored parts of a definition file read and checked: <jury> (the judges), <clips>
 * (the clip part) and <stage> (the on-stage team contest). Called by qc_definition_parse;
 * storing them is lib/store/qc_jury.c (qc_jury_load_def). */
#include <string.h>
#include <apr_hash.h>
#include <apr_strings.h>
#include "qc_jury_def.h"
#include "qc_definition_xml.h"
#include "qc_status.h"
#include "qc_time.h"
#include "qc_util.h"

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

/* What the jury's columns hold, in characters (conf/migrations: qc_judge.full_name,
 * qc_clip_part.title and unit_kind, qc_clip_criterion.title, qc_stage.title, qc_stage_part.title,
 * qc_stage_criterion.title, qc_stage_team.name, qc_stage_member.full_name, the prizes' title). */
static const struct {
    const char *element, *attribute;
    apr_size_t max;
} jury_lengths[] = {{"judge", "name", 300},      {"clips", "title", 300},
                    {"clips", "unit-kind", 100}, {"criterion", "title", 300},
                    {"prize", "title", 200},     {"stage", "title", 300},
                    {"part", "title", 300},      {"team", "name", 300},
                    {"member", "name", 200},     {NULL, NULL, 0}};

static apr_size_t chars_of(const char *s)
{
    apr_size_t n = 0;
    for (; s && *s; s++) {
        n += ((unsigned char)*s & 0xC0) != 0x80;
    }
    return n;
}

/* Every attribute of jury_lengths in n, its siblings and their descendants (the file's <jury>,
 * <clips>, <stage>, and the prizes) within its column, checked before anything is read. */
static apr_status_t check_lengths(apr_pool_t *p, const char *path, xmlNodePtr n,
                                  const char **errmsg)
{
    apr_status_t rv;
    int i;
    for (; n; n = n->next) {
        if (n->type != XML_ELEMENT_NODE) {
            continue;
        }
        for (i = 0; jury_lengths[i].element; i++) {
            const char *v;
            if (!qc_definition_is_el(n, jury_lengths[i].element)) {
                continue;
            }
            v = attr(p, n, jury_lengths[i].attribute);
            if (chars_of(v) > jury_lengths[i].max) {
                return fail(p, path, n, errmsg,
                            apr_psprintf(p, "<%s %s> is longer than %lu characters",
                                         jury_lengths[i].element, jury_lengths[i].attribute,
                                         (unsigned long)jury_lengths[i].max));
            }
        }
        if ((rv = check_lengths(p, path, n->children, errmsg)) != APR_SUCCESS) {
            return rv;
        }
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

    if (check_lengths(p, path, root->children, errmsg) != APR_SUCCESS) {
        return QC_EINPUT;
    }
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
        s = attr(p, n, "count-own-unit");
        j->clip_count_own_unit = s && (!strcmp(s, "true") || !strcmp(s, "1"));
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
