/* A contest read back from the database as a definition (qc_definition_fetch), written as a
 * definition file (qc_definition_write), and the difference between two definitions as the
 * settings a person sees change (qc_definition_changes). Writing and reading are inverse: a
 * written file validates against the schema and parses back to the same definition, so
 * "export, edit, import" round-trips a contest. */
#include <stdlib.h>
#include <string.h>
#include <apr_hash.h>
#include <apr_strings.h>
#include <libxml/tree.h>
#include <libxml/xmlsave.h>
#include "qc_definition_store.h"
#include "qc_status.h"
#include "qc_time.h"
#include "qc_util.h"
#include "qc_sql.h"

/* Reading a contest back as its definition file (qc_definition_fetch). */
const qc_sql_statement_t qc_definition_export_statements[] = {
    {"qc_export_contest",
     "SELECT id, code, title, theme, organiser, rules_text, opens_at, closes_at,"
     " questions_per_attempt, time_limit_s, attempts_per_round, grace_s, reveal_answers,"
     " prediction_question, min_age, cccd_mode, email_mode, tz_offset_min, counted_attempt,"
     " prediction_target, prediction_value, reg_quota_deadline, results_publish_at,"
     " prize_one_per, collective_formula, collective_unit_kind, collective_description,"
     " ceremony_at"
     " FROM qc_contest WHERE code = %s"},
    {"qc_export_units", "SELECT id, parent_id, code, name, kind, headcount, reg_quota FROM qc_unit"
                        " WHERE contest_id = %s ORDER BY seq, id"},
    {"qc_export_exclusions",
     "SELECT full_name, phone, cccd, role, unit_code FROM qc_exclusion WHERE contest_id = %s ORDER BY id"},
    {"qc_export_prizes", "SELECT kind, scope, group_code, seq, title, count, amount FROM qc_prize"
                         " WHERE contest_id = %s ORDER BY id"},
    {"qc_export_topics", "SELECT code, quota FROM qc_topic WHERE contest_id = %s ORDER BY id"},
    {NULL, NULL}};

#define DAY_MS (APR_INT64_C(86400000))

/* ---- fetch ---------------------------------------------------------------------------------- */

static apr_int64_t db_time(const char *s)
{
    apr_int64_t ms = 0;
    if (s && qc_time_parse_db(s, &ms) != APR_SUCCESS) {
        ms = 0;
    }
    return ms;
}

static const char *str(apr_pool_t *p, const char *s)
{
    return s ? apr_pstrdup(p, s) : "";
}

static int int_or(const char *s, int none)
{
    return s ? atoi(s) : none;
}

apr_status_t qc_definition_fetch(qc_db_t *db, apr_pool_t *p, const char *code,
                                 qc_definition_t **out)
{
    qc_definition_t *d = apr_pcalloc(p, sizeof(*d));
    qc_rows_t *rows;
    const char *id;
    apr_hash_t *unit_code_of = apr_hash_make(p);
    apr_status_t rv;
    int i;

    rv = qc_db_select(db, p, "qc_export_contest", QC_ARGS(code), &rows);
    if (rv != APR_SUCCESS) {
        return rv;
    }
    if (rows->nrows == 0) {
        return QC_ENOTFOUND;
    }
    {
        const char **r = rows->rows[0];
        id = r[0];
        d->code = str(p, r[1]);
        d->title = str(p, r[2]);
        d->theme = str(p, r[3]);
        d->organiser = str(p, r[4]);
        d->rules = str(p, r[5]);
        d->opens_ms = db_time(r[6]);
        d->closes_ms = db_time(r[7]);
        d->questions = int_or(r[8], 15);
        d->time_limit_s = int_or(r[9], 1800);
        d->attempts = int_or(r[10], 3);
        d->grace_s = int_or(r[11], 10);
        d->reveal = str(p, r[12]);
        d->prediction = str(p, r[13]);
        d->min_age = int_or(r[14], 0);
        d->cccd_mode = str(p, r[15]);
        d->email_mode = str(p, r[16]);
        d->tz_offset_min = int_or(r[17], QC_TZ_VIETNAM_MIN);
        d->counted = str(p, r[18]);
        d->prediction_target = str(p, r[19]);
        d->prediction_value = r[20] ? apr_atoi64(r[20]) : -1;
        d->quota_deadline_ms = db_time(r[21]);
        d->publish_ms = db_time(r[22]);
        d->prize_one_per = str(p, r[23]);
        d->collective_formula = str(p, r[24]);
        d->collective_unit_kind = str(p, r[25]);
        d->collective_description = str(p, r[26]);
        d->ceremony_ms = db_time(r[27]);
    }
    d->rounds = apr_array_make(p, 8, sizeof(qc_def_round_t));
    d->groups = apr_array_make(p, 4, sizeof(qc_def_group_t));
    d->units = apr_array_make(p, 32, sizeof(qc_def_unit_t));
    d->documents = apr_array_make(p, 8, sizeof(qc_def_document_t));
    d->exclusions = apr_array_make(p, 8, sizeof(qc_def_person_t));
    d->topics = apr_array_make(p, 8, sizeof(qc_def_topic_t));
    d->prizes = apr_array_make(p, 8, sizeof(qc_def_prize_t));

    rv = qc_db_select(db, p, "qc_contest_rounds", QC_ARGS(id), &rows);
    for (i = 0; rv == APR_SUCCESS && i < rows->nrows; i++) {
        qc_def_round_t *r = apr_array_push(d->rounds);
        r->seq = atoi(rows->rows[i][1]);
        r->title = str(p, rows->rows[i][2]);
        r->opens_ms = db_time(rows->rows[i][3]);
        r->closes_ms = db_time(rows->rows[i][4]);
        r->attempts = int_or(rows->rows[i][5], 0);
    }
    if (rv == APR_SUCCESS) {
        rv = qc_db_select(db, p, "qc_contest_groups", QC_ARGS(id), &rows);
    }
    for (i = 0; rv == APR_SUCCESS && i < rows->nrows; i++) {
        qc_def_group_t *g = apr_array_push(d->groups);
        g->code = str(p, rows->rows[i][1]);
        g->title = str(p, rows->rows[i][2]);
    }
    if (rv == APR_SUCCESS) {
        rv = qc_db_select(db, p, "qc_export_units", QC_ARGS(id), &rows);
    }
    for (i = 0; rv == APR_SUCCESS && i < rows->nrows; i++) {
        apr_hash_set(unit_code_of, str(p, rows->rows[i][0]), APR_HASH_KEY_STRING,
                     str(p, rows->rows[i][2]));
    }
    for (i = 0; rv == APR_SUCCESS && i < rows->nrows; i++) {
        qc_def_unit_t *u = apr_array_push(d->units);
        u->parent_code = rows->rows[i][1]
                             ? apr_hash_get(unit_code_of, rows->rows[i][1], APR_HASH_KEY_STRING)
                             : NULL;
        u->code = str(p, rows->rows[i][2]);
        u->name = str(p, rows->rows[i][3]);
        u->kind = str(p, rows->rows[i][4]);
        u->headcount = int_or(rows->rows[i][5], -1);
        u->quota = int_or(rows->rows[i][6], -1);
    }
    if (rv == APR_SUCCESS) {
        rv = qc_db_select(db, p, "qc_contest_documents", QC_ARGS(id), &rows);
    }
    for (i = 0; rv == APR_SUCCESS && i < rows->nrows; i++) {
        qc_def_document_t *doc = apr_array_push(d->documents);
        doc->title = str(p, rows->rows[i][1]);
        doc->url = str(p, rows->rows[i][2]);
    }
    if (rv == APR_SUCCESS) {
        rv = qc_db_select(db, p, "qc_export_exclusions", QC_ARGS(id), &rows);
    }
    for (i = 0; rv == APR_SUCCESS && i < rows->nrows; i++) {
        qc_def_person_t *x = apr_array_push(d->exclusions);
        x->name = str(p, rows->rows[i][0]);
        x->phone = rows->rows[i][1] ? str(p, rows->rows[i][1]) : NULL;
        x->cccd = rows->rows[i][2] ? str(p, rows->rows[i][2]) : NULL;
        x->role = *str(p, rows->rows[i][3]) ? str(p, rows->rows[i][3]) : NULL;
        x->unit = rows->rows[i][4] ? str(p, rows->rows[i][4]) : NULL;
    }
    if (rv == APR_SUCCESS) {
        rv = qc_db_select(db, p, "qc_export_prizes", QC_ARGS(id), &rows);
    }
    for (i = 0; rv == APR_SUCCESS && i < rows->nrows; i++) {
        qc_def_prize_t *pr = apr_array_push(d->prizes);
        pr->kind = str(p, rows->rows[i][0]);
        pr->scope = str(p, rows->rows[i][1]);
        pr->group_code = str(p, rows->rows[i][2]);
        pr->seq = atoi(rows->rows[i][3]);
        pr->title = str(p, rows->rows[i][4]);
        pr->count = atoi(rows->rows[i][5]);
        pr->amount = rows->rows[i][6] ? apr_atoi64(rows->rows[i][6]) : -1;
    }
    if (rv == APR_SUCCESS) {
        rv = qc_db_select(db, p, "qc_export_topics", QC_ARGS(id), &rows);
    }
    for (i = 0; rv == APR_SUCCESS && i < rows->nrows; i++) {
        qc_def_topic_t *t = apr_array_push(d->topics);
        t->code = str(p, rows->rows[i][0]);
        t->quota = int_or(rows->rows[i][1], 0);
    }
    if (rv != APR_SUCCESS) {
        return rv;
    }
    *out = d;
    return APR_SUCCESS;
}
