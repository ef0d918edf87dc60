/* A definition written as a definition file (qc_definition_write) and the difference between
 * two definitions as the settings a person sees change (qc_definition_changes). A written file
 * validates against the schema and parses back to the same definition, so "export, edit,
 * import" round-trips a contest (the export's reading side is lib/store/qc_definition_export.c). */
#include <stdlib.h>
#include <string.h>
#include <apr_hash.h>
#include <apr_strings.h>
#include <libxml/tree.h>
#include <libxml/xmlsave.h>
#include "qc_definition.h"
#include "qc_status.h"
#include "qc_time.h"
#include "qc_util.h"

#define DAY_MS (APR_INT64_C(86400000))

/* ---- write ---------------------------------------------------------------------------------- */

/* A local time as the schema writes it: "2024-06-10 08:00" (seconds only when not zero);
 * a closing instant at midnight reads "2024-06-16 24:00", as the plans write it. */
static const char *local_time(apr_pool_t *p, apr_int64_t ms, int tz, int closing)
{
    char *s = apr_pstrndup(p, qc_time_format_iso_local(p, ms, tz), 19);
    if (strlen(s) != 19) {
        return s;
    }
    s[10] = ' ';
    if (closing && !strcmp(s + 11, "00:00:00")) {
        char *prev = apr_pstrndup(p, qc_time_format_iso_local(p, ms - DAY_MS, tz), 10);
        return apr_pstrcat(p, prev, " 24:00", NULL);
    }
    if (!strcmp(s + 16, ":00")) {
        s[16] = '\0';
    }
    return s;
}

static xmlNodePtr el(xmlNodePtr parent, const char *name, const char *text)
{
    return xmlNewTextChild(parent, parent->ns, BAD_CAST name, text ? BAD_CAST text : NULL);
}

static void set(xmlNodePtr n, const char *name, const char *value)
{
    if (value) {
        xmlSetProp(n, BAD_CAST name, BAD_CAST value);
    }
}

static void set_int(apr_pool_t *p, xmlNodePtr n, const char *name, apr_int64_t v)
{
    set(n, name, qc_util_i64(p, v));
}

static void write_units(apr_pool_t *p, const qc_definition_t *d, xmlNodePtr parent,
                        const char *parent_code, int depth)
{
    int i;
    if (depth > 8) {
        return;
    }
    for (i = 0; i < d->units->nelts; i++) {
        const qc_def_unit_t *u = &APR_ARRAY_IDX(d->units, i, qc_def_unit_t);
        xmlNodePtr n;
        if (parent_code ? !u->parent_code || strcmp(u->parent_code, parent_code)
                        : u->parent_code != NULL) {
            continue;
        }
        n = el(parent, "unit", NULL);
        set(n, "code", u->code);
        set(n, "name", u->name);
        if (u->kind && *u->kind) {
            set(n, "kind", u->kind);
        }
        if (u->headcount >= 0) {
            set_int(p, n, "headcount", u->headcount);
        }
        if (u->quota >= 0) {
            set_int(p, n, "quota", u->quota);
        }
        write_units(p, d, n, u->code, depth + 1);
    }
}

static void write_prize(apr_pool_t *p, xmlNodePtr list, const qc_def_prize_t *pr)
{
    xmlNodePtr n = el(list, "prize", NULL);
    set(n, "title", pr->title);
    set_int(p, n, "count", pr->count);
    if (pr->amount >= 0) {
        set_int(p, n, "amount", pr->amount);
    }
}

static void write_prizes(apr_pool_t *p, const qc_definition_t *d, xmlNodePtr root)
{
    xmlNodePtr prizes, list = NULL, coll = NULL;
    const char *scope = NULL, *group = NULL;
    int i;
    if (d->prizes->nelts == 0 && (!d->prize_one_per || !strcmp(d->prize_one_per, "round"))) {
        return;
    }
    prizes = el(root, "prizes", NULL);
    set(prizes, "one-per", d->prize_one_per && *d->prize_one_per ? d->prize_one_per : "round");
    for (i = 0; i < d->prizes->nelts; i++) {
        const qc_def_prize_t *pr = &APR_ARRAY_IDX(d->prizes, i, qc_def_prize_t);
        if (strcmp(pr->kind, "individual")) {
            continue;
        }
        /* a new list where the scope or group changes, or the ranking starts again */
        if (!list || strcmp(scope, pr->scope) || strcmp(group, pr->group_code) || pr->seq == 1) {
            list = el(prizes, "individual", NULL);
            set(list, "scope", !strcmp(pr->scope, "overall") ? "overall" : "each-round");
            if (*pr->group_code) {
                set(list, "group", pr->group_code);
            }
            scope = pr->scope;
            group = pr->group_code;
        }
        write_prize(p, list, pr);
    }
    for (i = 0; i < d->prizes->nelts; i++) {
        const qc_def_prize_t *pr = &APR_ARRAY_IDX(d->prizes, i, qc_def_prize_t);
        if (strcmp(pr->kind, "collective")) {
            continue;
        }
        if (!coll) {
            coll = el(prizes, "collective", NULL);
            set(coll, "formula", *d->collective_formula ? d->collective_formula : "manual");
            if (*d->collective_unit_kind) {
                set(coll, "unit-kind", d->collective_unit_kind);
            }
            if (d->collective_description && *d->collective_description) {
                el(coll, "description", d->collective_description);
            }
        }
        write_prize(p, coll, pr);
    }
}

const char *qc_definition_write(apr_pool_t *p, const qc_definition_t *d, apr_size_t *len)
{
    xmlDocPtr doc = xmlNewDoc(BAD_CAST "1.0");
    xmlNodePtr root = xmlNewDocNode(doc, NULL, BAD_CAST "contest", NULL), n;
    xmlNsPtr ns = xmlNewNs(root, BAD_CAST QC_DEFINITION_NS, NULL);
    xmlChar *buf = NULL;
    int size = 0, i, tz = d->tz_offset_min;
    const char *out;

    xmlSetNs(root, ns);
    xmlDocSetRootElement(doc, root);
    set(root, "code", d->code);
    set(root, "timezone-offset",
        apr_psprintf(p, "%c%02d:%02d", tz < 0 ? '-' : '+', abs(tz) / 60, abs(tz) % 60));
    el(root, "title", d->title);
    if (d->theme && *d->theme) {
        el(root, "theme", d->theme);
    }
    if (d->organiser && *d->organiser) {
        el(root, "organiser", d->organiser);
    }
    if (d->rules && *d->rules) {
        el(root, "rules", d->rules);
    }
    n = el(root, "window", NULL);
    set(n, "opens", local_time(p, d->opens_ms, tz, 0));
    set(n, "closes", local_time(p, d->closes_ms, tz, 1));
    n = el(root, "quiz", NULL);
    set_int(p, n, "questions", d->questions);
    if (d->time_limit_s % 60 == 0) {
        set_int(p, n, "time-limit-min", d->time_limit_s / 60);
    }
    else {
        set_int(p, n, "time-limit-s", d->time_limit_s);
    }
    set_int(p, n, "attempts-per-round", d->attempts);
    set_int(p, n, "grace-s", d->grace_s);
    set(n, "reveal-answers", d->reveal);
    set(n, "counted-attempt", d->counted);
    n = el(root, "prediction", d->prediction ? d->prediction : "");
    set(n, "target", d->prediction_target);
    if (d->prediction_value >= 0) {
        set_int(p, n, "value", d->prediction_value);
    }
    if (d->publish_ms || d->ceremony_ms) {
        n = el(root, "results", NULL);
        if (d->publish_ms) {
            set(n, "publish-at", local_time(p, d->publish_ms, tz, 0));
        }
        if (d->ceremony_ms) { /* a day is written as the plans write it, without 00:00 */
            const char *t = local_time(p, d->ceremony_ms, tz, 0);
            set(n, "ceremony",
                strlen(t) == 16 && !strcmp(t + 10, " 00:00") ? apr_pstrndup(p, t, 10) : t);
        }
    }
    n = el(root, "registration", NULL);
    set_int(p, n, "min-age", d->min_age);
    set(n, "cccd", d->cccd_mode);
    set(n, "email", d->email_mode);
    if (d->quota_deadline_ms) {
        set(n, "quota-deadline", local_time(p, d->quota_deadline_ms, tz, 1));
    }
    if (d->rounds->nelts > 0) {
        xmlNodePtr rounds = el(root, "rounds", NULL);
        for (i = 0; i < d->rounds->nelts; i++) {
            const qc_def_round_t *r = &APR_ARRAY_IDX(d->rounds, i, qc_def_round_t);
            n = el(rounds, "round", NULL);
            set(n, "title", r->title);
            set(n, "opens", local_time(p, r->opens_ms, tz, 0));
            set(n, "closes", local_time(p, r->closes_ms, tz, 1));
            if (r->attempts > 0) {
                set_int(p, n, "attempts", r->attempts);
            }
        }
    }
    if (d->groups->nelts > 0) {
        xmlNodePtr groups = el(root, "groups", NULL);
        for (i = 0; i < d->groups->nelts; i++) {
            const qc_def_group_t *g = &APR_ARRAY_IDX(d->groups, i, qc_def_group_t);
            set(el(groups, "group", g->title), "code", g->code);
        }
    }
    write_units(p, d, el(root, "units", NULL), NULL, 0);
    if (d->documents->nelts > 0) {
        xmlNodePtr docs = el(root, "documents", NULL);
        for (i = 0; i < d->documents->nelts; i++) {
            const qc_def_document_t *doc_entry = &APR_ARRAY_IDX(d->documents, i, qc_def_document_t);
            n = el(docs, "document", doc_entry->title);
            if (doc_entry->url && *doc_entry->url) {
                set(n, "url", doc_entry->url);
            }
        }
    }
    if (d->exclusions->nelts > 0) {
        xmlNodePtr ex = el(root, "exclusions", NULL);
        for (i = 0; i < d->exclusions->nelts; i++) {
            const qc_def_person_t *x = &APR_ARRAY_IDX(d->exclusions, i, qc_def_person_t);
            n = el(ex, "person", NULL);
            set(n, "name", x->name);
            set(n, "phone", x->phone && *x->phone ? x->phone : NULL);
            set(n, "cccd", x->cccd && *x->cccd ? x->cccd : NULL);
            set(n, "role", x->role && *x->role ? x->role : NULL);
            set(n, "unit", x->unit && *x->unit ? x->unit : NULL);
        }
    }
    if (d->topics->nelts > 0) {
        xmlNodePtr topics = el(root, "topics", NULL);
        for (i = 0; i < d->topics->nelts; i++) {
            const qc_def_topic_t *t = &APR_ARRAY_IDX(d->topics, i, qc_def_topic_t);
            n = el(topics, "topic", NULL);
            set(n, "code", t->code);
            if (t->quota > 0) {
                set_int(p, n, "quota", t->quota);
            }
        }
    }
    write_prizes(p, d, root);

    xmlDocDumpFormatMemoryEnc(doc, &buf, &size, "UTF-8", 1);
    out = apr_pstrmemdup(p, buf ? (const char *)buf : "", (apr_size_t)(size > 0 ? size : 0));
    xmlFree(buf);
    xmlFreeDoc(doc);
    if (len) {
        *len = strlen(out);
    }
    return out;
}

/* ---- changes -------------------------------------------------------------------------------- */

typedef struct {
    apr_array_header_t *keys; /* const char *, in order */
    apr_hash_t *values;       /* key -> const char * */
} flat_t;

static void put(apr_pool_t *p, flat_t *f, const char *key, const char *value)
{
    if (!apr_hash_get(f->values, key, APR_HASH_KEY_STRING)) {
        APR_ARRAY_PUSH(f->keys, const char *) = key;
    }
    apr_hash_set(f->values, key, APR_HASH_KEY_STRING, value ? value : "");
}

static const char *when(apr_pool_t *p, apr_int64_t ms, int tz)
{
    return ms ? qc_time_format_local(p, ms, tz) : "";
}

/* Every setting of a definition as (name, readable value). */
static flat_t flatten(apr_pool_t *p, const qc_definition_t *d)
{
    flat_t f;
    int i, tz = d->tz_offset_min;
    f.keys = apr_array_make(p, 64, sizeof(const char *));
    f.values = apr_hash_make(p);
    put(p, &f, "title", d->title);
    put(p, &f, "theme", d->theme);
    put(p, &f, "organiser", d->organiser);
    put(p, &f, "rules", d->rules);
    put(p, &f, "window.opens", when(p, d->opens_ms, tz));
    put(p, &f, "window.closes", qc_time_format_local_end(p, d->closes_ms, tz));
    put(p, &f, "timezone-offset", apr_itoa(p, tz));
    put(p, &f, "quiz.questions", apr_itoa(p, d->questions));
    put(p, &f, "quiz.time-limit-s", apr_itoa(p, d->time_limit_s));
    put(p, &f, "quiz.attempts-per-round", apr_itoa(p, d->attempts));
    put(p, &f, "quiz.grace-s", apr_itoa(p, d->grace_s));
    put(p, &f, "quiz.reveal-answers", d->reveal);
    put(p, &f, "quiz.counted-attempt", d->counted);
    put(p, &f, "prediction", d->prediction);
    put(p, &f, "prediction.target", d->prediction_target);
    put(p, &f, "prediction.value",
        d->prediction_value >= 0 ? qc_util_i64(p, d->prediction_value) : "");
    put(p, &f, "results.publish-at", when(p, d->publish_ms, tz));
    put(p, &f, "results.ceremony", when(p, d->ceremony_ms, tz));
    put(p, &f, "registration.min-age", apr_itoa(p, d->min_age));
    put(p, &f, "registration.cccd", d->cccd_mode);
    put(p, &f, "registration.email", d->email_mode);
    put(p, &f, "registration.quota-deadline",
        d->quota_deadline_ms ? qc_time_format_local_end(p, d->quota_deadline_ms, tz) : "");
    put(p, &f, "prizes.one-per", d->prize_one_per);
    put(p, &f, "prizes.collective",
        apr_pstrcat(p, d->collective_formula ? d->collective_formula : "",
                    d->collective_unit_kind && *d->collective_unit_kind ? " / " : "",
                    d->collective_unit_kind, NULL));
    put(p, &f, "prizes.collective.description", d->collective_description);
    for (i = 0; i < d->rounds->nelts; i++) {
        const qc_def_round_t *r = &APR_ARRAY_IDX(d->rounds, i, qc_def_round_t);
        put(p, &f, apr_psprintf(p, "round.%d", r->seq),
            apr_psprintf(p, "%s: %s – %s%s", r->title, when(p, r->opens_ms, tz),
                         qc_time_format_local_end(p, r->closes_ms, tz),
                         r->attempts ? apr_psprintf(p, " (%d)", r->attempts) : ""));
    }
    for (i = 0; i < d->groups->nelts; i++) {
        const qc_def_group_t *g = &APR_ARRAY_IDX(d->groups, i, qc_def_group_t);
        put(p, &f, apr_pstrcat(p, "group.", g->code, NULL), g->title);
    }
    for (i = 0; i < d->units->nelts; i++) {
        const qc_def_unit_t *u = &APR_ARRAY_IDX(d->units, i, qc_def_unit_t);
        put(p, &f, apr_pstrcat(p, "unit.", u->code, NULL),
            apr_psprintf(p, "%s%s%s%s%s%s%s", u->name, *u->kind ? " [" : "", u->kind,
                         *u->kind ? "]" : "",
                         u->parent_code ? apr_pstrcat(p, " < ", u->parent_code, NULL) : "",
                         u->headcount >= 0 ? apr_psprintf(p, "; headcount=%d", u->headcount) : "",
                         u->quota >= 0 ? apr_psprintf(p, "; quota=%d", u->quota) : ""));
    }
    for (i = 0; i < d->documents->nelts; i++) {
        const qc_def_document_t *doc = &APR_ARRAY_IDX(d->documents, i, qc_def_document_t);
        put(p, &f, apr_psprintf(p, "document.%d", i + 1),
            apr_pstrcat(p, doc->title, *doc->url ? " <" : "", doc->url, *doc->url ? ">" : "",
                        NULL));
    }
    for (i = 0; i < d->exclusions->nelts; i++) {
        const qc_def_person_t *x = &APR_ARRAY_IDX(d->exclusions, i, qc_def_person_t);
        put(p, &f, apr_psprintf(p, "exclusion.%d", i + 1),
            apr_pstrcat(p, x->name, " ", x->phone ? x->phone : "", " ", x->cccd ? x->cccd : "", " ",
                        x->role ? x->role : "", x->unit ? " @" : "", x->unit ? x->unit : "",
                        NULL));
    }
    for (i = 0; i < d->prizes->nelts; i++) {
        const qc_def_prize_t *pr = &APR_ARRAY_IDX(d->prizes, i, qc_def_prize_t);
        put(p, &f,
            apr_psprintf(p, "prize.%s.%s%s%s.%d", pr->kind, pr->scope, *pr->group_code ? "." : "",
                         pr->group_code, pr->seq),
            apr_psprintf(p, "%s × %d%s", pr->title, pr->count,
                         pr->amount >= 0 ? apr_psprintf(p, "; amount=%" APR_INT64_T_FMT, pr->amount)
                                         : ""));
    }
    for (i = 0; i < d->topics->nelts; i++) {
        const qc_def_topic_t *t = &APR_ARRAY_IDX(d->topics, i, qc_def_topic_t);
        put(p, &f, apr_pstrcat(p, "topic.", t->code, NULL), apr_itoa(p, t->quota));
    }
    return f;
}

apr_array_header_t *qc_definition_changes(apr_pool_t *p, const qc_definition_t *before,
                                          const qc_definition_t *after)
{
    apr_array_header_t *out = apr_array_make(p, 16, sizeof(qc_def_change_t));
    flat_t a = flatten(p, before), b = flatten(p, after);
    int i;
    for (i = 0; i < b.keys->nelts; i++) {
        const char *key = APR_ARRAY_IDX(b.keys, i, const char *);
        const char *old = apr_hash_get(a.values, key, APR_HASH_KEY_STRING);
        const char *now = apr_hash_get(b.values, key, APR_HASH_KEY_STRING);
        if (!old || strcmp(old, now)) {
            qc_def_change_t *c = apr_array_push(out);
            c->setting = key;
            c->before = old ? old : "";
            c->after = now;
        }
    }
    for (i = 0; i < a.keys->nelts; i++) {
        const char *key = APR_ARRAY_IDX(a.keys, i, const char *);
        /* loading never removes units, groups or topics (contestants and questions refer to
         * them): one the new file leaves out stays as it is */
        if (!strncmp(key, "unit.", 5) || !strncmp(key, "group.", 6) || !strncmp(key, "topic.", 6)) {
            continue;
        }
        if (!apr_hash_get(b.values, key, APR_HASH_KEY_STRING)) {
            qc_def_change_t *c = apr_array_push(out);
            c->setting = key;
            c->before = apr_hash_get(a.values, key, APR_HASH_KEY_STRING);
            c->after = "";
        }
    }
    return out;
}
