/* The contest-definition file read and checked: well-formed XML without a DOCTYPE, valid
 * against the compiled-in schema (qc_schema_data.c), then the rules a schema cannot say.
 * Pure: storing a definition is lib/store/qc_definition_store.c. */
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <apr_file_io.h>
#include <apr_file_info.h>
#include <apr_strings.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/relaxng.h>
#include "qc_definition.h"
#include "qc_jury_def.h"
#include "qc_status.h"
#include "qc_time.h"
#include "qc_util.h"
#include "qc_utf8.h"
#include "qc_validate.h"

#define DAY_MS (APR_INT64_C(86400000))

typedef struct {
    apr_pool_t *p;
    const char *path;
    const char *error;
    int tz;
} parse_ctx_t;

static int fail(parse_ctx_t *c, xmlNodePtr n, const char *msg)
{
    if (!c->error) {
        c->error = apr_psprintf(c->p, "%s:%ld: %s", c->path, n ? xmlGetLineNo(n) : 0L, msg);
    }
    return 0;
}

static const char *attr(parse_ctx_t *c, xmlNodePtr n, const char *name)
{
    xmlChar *v = n ? xmlGetProp(n, BAD_CAST name) : NULL;
    const char *s = NULL;
    if (v) {
        s = apr_pstrdup(c->p, (const char *)v);
        xmlFree(v);
    }
    return s;
}

static const char *text(parse_ctx_t *c, xmlNodePtr n)
{
    xmlChar *v = n ? xmlNodeGetContent(n) : NULL;
    const char *s = "";
    if (v) {
        /* trim, and drop the indentation of multi-line texts */
        char *t = apr_pstrdup(c->p, (const char *)v), *o, *in;
        int at_line_start = 1;
        xmlFree(v);
        for (o = in = t; *in; in++) {
            if (at_line_start && (*in == ' ' || *in == '\t')) {
                continue;
            }
            at_line_start = *in == '\n';
            *o++ = *in;
        }
        *o = '\0';
        while (*t == '\n') {
            t++;
        }
        while (o > t && (o[-1] == '\n' || o[-1] == ' ')) {
            *--o = '\0';
        }
        s = t;
    }
    return s;
}

static int int_attr(parse_ctx_t *c, xmlNodePtr n, const char *name, int def, int min, int max,
                    int *out)
{
    const char *v = attr(c, n, name);
    apr_int64_t x;
    if (!v) {
        *out = def;
        return 1;
    }
    if (qc_util_parse_int64(v, min, max, &x) != APR_SUCCESS) {
        return fail(c, n,
                    apr_psprintf(c->p, "attribute %s must be a whole number from %d to %d", name,
                                 min, max));
    }
    *out = (int)x;
    return 1;
}

static int time_attr(parse_ctx_t *c, xmlNodePtr n, const char *name, apr_int64_t *out)
{
    const char *v = attr(c, n, name);
    if (!v) {
        return fail(c, n, apr_psprintf(c->p, "attribute %s is required", name));
    }
    if (qc_time_parse_local(v, c->tz, out) != APR_SUCCESS) {
        return fail(c, n,
                    apr_psprintf(c->p,
                                 "attribute %s: '%s' is not a date-time "
                                 "(write 2024-06-10 08:00)",
                                 name, v));
    }
    return 1;
}

static int enum_attr(parse_ctx_t *c, xmlNodePtr n, const char *name, const char *def,
                     const char *const *allowed, const char **out)
{
    const char *v = attr(c, n, name);
    int i;
    if (!v) {
        *out = def;
        return 1;
    }
    for (i = 0; allowed[i]; i++) {
        if (!strcmp(v, allowed[i])) {
            *out = allowed[i];
            return 1;
        }
    }
    return fail(c, n, apr_psprintf(c->p, "attribute %s: '%s' is not allowed", name, v));
}

static int parse_units(parse_ctx_t *c, xmlNodePtr parent, const char *parent_code,
                       apr_array_header_t *units, apr_hash_t *seen, int depth)
{
    xmlNodePtr n;
    if (depth > 8) {
        return fail(c, parent, "the unit tree is deeper than 8 levels");
    }
    for (n = parent->children; n; n = n->next) {
        qc_def_unit_t *u;
        if (!qc_definition_is_el(n, "unit")) {
            continue;
        }
        u = apr_array_push(units);
        u->code = attr(c, n, "code");
        u->name = attr(c, n, "name");
        u->kind = attr(c, n, "kind");
        u->parent_code = parent_code;
        if (!u->kind) {
            u->kind = "";
        }
        if (!u->code || !*u->code || !u->name || !*u->name) {
            return fail(c, n, "a unit needs code and name");
        }
        if (apr_hash_get(seen, u->code, APR_HASH_KEY_STRING)) {
            return fail(c, n, apr_psprintf(c->p, "unit code %s appears twice", u->code));
        }
        apr_hash_set(seen, u->code, APR_HASH_KEY_STRING, u);
        if (!int_attr(c, n, "headcount", -1, 0, 100000000, &u->headcount) ||
            !int_attr(c, n, "quota", -1, 0, 100000000, &u->quota) ||
            !parse_units(c, n, u->code, units, seen, depth + 1)) {
            return 0;
        }
    }
    return 1;
}

static int parse_rounds(parse_ctx_t *c, qc_definition_t *d, xmlNodePtr rounds)
{
    xmlNodePtr n;
    int seq = 0;
    for (n = rounds ? rounds->children : NULL; n; n = n->next) {
        if (qc_definition_is_el(n, "round")) {
            qc_def_round_t *r = apr_array_push(d->rounds);
            r->seq = ++seq;
            r->title = attr(c, n, "title");
            if (!r->title) {
                r->title = apr_psprintf(c->p, "Đợt %d", seq);
            }
            if (!time_attr(c, n, "opens", &r->opens_ms) ||
                !time_attr(c, n, "closes", &r->closes_ms) ||
                !int_attr(c, n, "attempts", 0, 1, 100, &r->attempts)) {
                return 0;
            }
        }
        else if (qc_definition_is_el(n, "recurring")) {
            apr_int64_t first_opens, first_closes;
            int count, every, attempts, k;
            const char *title = attr(c, n, "title");
            if (!time_attr(c, n, "first-opens", &first_opens) ||
                !time_attr(c, n, "first-closes", &first_closes) ||
                !int_attr(c, n, "count", 0, 1, 200, &count) ||
                !int_attr(c, n, "every-days", 7, 1, 366, &every) ||
                !int_attr(c, n, "attempts", 0, 1, 100, &attempts)) {
                return 0;
            }
            if (count == 0) {
                return fail(c, n, "attribute count is required");
            }
            for (k = 0; k < count; k++) {
                qc_def_round_t *r = apr_array_push(d->rounds);
                const char *num = apr_itoa(c->p, k + 1);
                r->seq = ++seq;
                r->opens_ms = first_opens + (apr_int64_t)k * every * DAY_MS;
                r->closes_ms = first_closes + (apr_int64_t)k * every * DAY_MS;
                r->attempts = attempts;
                if (title && strstr(title, "{n}")) {
                    const char *at = strstr(title, "{n}");
                    r->title =
                        apr_pstrcat(c->p, apr_pstrndup(c->p, title, (apr_size_t)(at - title)), num,
                                    at + 3, NULL);
                }
                else {
                    r->title = apr_pstrcat(c->p, title ? title : "Tuần", " ", num, NULL);
                }
            }
        }
    }
    return 1;
}

static int parse_prize_list(parse_ctx_t *c, qc_definition_t *d, xmlNodePtr list, const char *kind,
                            const char *scope, const char *group)
{
    xmlNodePtr k;
    int seq = 0;
    for (k = list->children; k; k = k->next) {
        qc_def_prize_t *pr;
        int amount;
        if (!qc_definition_is_el(k, "prize")) {
            continue;
        }
        pr = apr_array_push(d->prizes);
        pr->kind = kind;
        pr->scope = scope;
        pr->group_code = group;
        pr->seq = ++seq;
        pr->title = attr(c, k, "title");
        if (!int_attr(c, k, "count", 0, 1, 10000, &pr->count) ||
            !int_attr(c, k, "amount", -1, 0, 2000000000, &amount)) {
            return 0;
        }
        pr->amount = amount;
    }
    return 1;
}

static int parse_prizes(parse_ctx_t *c, qc_definition_t *d, xmlNodePtr prizes)
{
    static const char *const one_per[] = {"round", "contest", NULL};
    xmlNodePtr n;
    if (!prizes) {
        return 1;
    }
    if (!enum_attr(c, prizes, "one-per", "round", one_per, &d->prize_one_per)) {
        return 0;
    }
    for (n = prizes->children; n; n = n->next) {
        if (qc_definition_is_el(n, "individual")) {
            const char *scope = attr(c, n, "scope");
            const char *group = attr(c, n, "group");
            if (!parse_prize_list(c, d, n, "individual",
                                  scope && !strcmp(scope, "overall") ? "overall" : "each_round",
                                  group ? group : "")) {
                return 0;
            }
        }
        else if (qc_definition_is_el(n, "collective")) {
            d->collective_formula = attr(c, n, "formula");
            d->collective_unit_kind = attr(c, n, "unit-kind");
            d->collective_description = text(c, qc_definition_child(n, "description"));
            if (!d->collective_unit_kind) {
                d->collective_unit_kind = "";
            }
            if (!parse_prize_list(c, d, n, "collective", "overall", "")) {
                return 0;
            }
        }
    }
    return 1;
}

/* Prizes name existing groups, and never outnumber the people who can win them (when the
 * units give headcounts). */
static int check_prizes(parse_ctx_t *c, qc_definition_t *d, xmlNodePtr at)
{
    int i, j, people = 0, known = 1;
    for (i = 0; i < d->units->nelts; i++) {
        const qc_def_unit_t *u = &APR_ARRAY_IDX(d->units, i, qc_def_unit_t);
        if (!u->parent_code) {
            if (u->headcount < 0) {
                known = 0;
            }
            people += u->headcount > 0 ? u->headcount : 0;
        }
    }
    for (i = 0; i < d->prizes->nelts; i++) {
        const qc_def_prize_t *pr = &APR_ARRAY_IDX(d->prizes, i, qc_def_prize_t);
        if (*pr->group_code) {
            int found = 0;
            for (j = 0; j < d->groups->nelts; j++) {
                found |= !strcmp(APR_ARRAY_IDX(d->groups, j, qc_def_group_t).code, pr->group_code);
            }
            if (!found) {
                return fail(c, at,
                            apr_psprintf(c->p,
                                         "prizes name group %s, which <groups> does "
                                         "not define",
                                         pr->group_code));
            }
        }
    }
    if (known && people > 0) {
        /* the prizes one round (or the contest) gives to individuals */
        int per_round = 0, overall = 0;
        for (i = 0; i < d->prizes->nelts; i++) {
            const qc_def_prize_t *pr = &APR_ARRAY_IDX(d->prizes, i, qc_def_prize_t);
            if (!strcmp(pr->kind, "individual")) {
                if (!strcmp(pr->scope, "each_round")) {
                    per_round += pr->count;
                }
                else {
                    overall += pr->count;
                }
            }
        }
        if (per_round > people || overall > people) {
            return fail(c, at,
                        apr_psprintf(c->p,
                                     "the prize structure (%d prizes) is larger "
                                     "than the units' headcount (%d people)",
                                     per_round > overall ? per_round : overall, people));
        }
    }
    return 1;
}

qc_rounds_problem_t qc_definition_rounds_check(const apr_int64_t *opens, const apr_int64_t *closes,
                                               int n, apr_int64_t wopens, apr_int64_t wcloses,
                                               int *which, int *other)
{
    int i, j;
    *which = *other = 0;
    for (i = 0; i < n; i++) {
        *which = i;
        if (closes[i] <= opens[i]) {
            return QC_ROUNDS_CLOSES_BEFORE_OPENS;
        }
        if (opens[i] < wopens || closes[i] > wcloses) {
            return QC_ROUNDS_OUTSIDE_WINDOW;
        }
        if (i > 0 && opens[i] < opens[i - 1]) {
            *other = i - 1;
            return QC_ROUNDS_ORDER;
        }
    }
    /* every pair, not only neighbours: two rounds never share an instant */
    for (i = 0; i < n; i++) {
        for (j = i + 1; j < n; j++) {
            if (opens[i] < closes[j] && opens[j] < closes[i]) {
                *which = j;
                *other = i;
                return QC_ROUNDS_OVERLAP;
            }
        }
    }
    return QC_ROUNDS_OK;
}

static int check_rounds(parse_ctx_t *c, qc_definition_t *d, xmlNodePtr at)
{
    int i, which, other, n;
    apr_int64_t *opens, *closes;
    const qc_def_round_t *r;
    if (d->rounds->nelts == 0) {
        /* no rounds given: the whole window is one round */
        qc_def_round_t *one = apr_array_push(d->rounds);
        one->seq = 1;
        one->title = "Vòng thi";
        one->opens_ms = d->opens_ms;
        one->closes_ms = d->closes_ms;
        one->attempts = 0;
    }
    n = d->rounds->nelts;
    opens = apr_palloc(c->p, sizeof(*opens) * (apr_size_t)n);
    closes = apr_palloc(c->p, sizeof(*closes) * (apr_size_t)n);
    for (i = 0; i < n; i++) {
        opens[i] = APR_ARRAY_IDX(d->rounds, i, qc_def_round_t).opens_ms;
        closes[i] = APR_ARRAY_IDX(d->rounds, i, qc_def_round_t).closes_ms;
    }
    switch (qc_definition_rounds_check(opens, closes, n, d->opens_ms, d->closes_ms, &which,
                                       &other)) {
    case QC_ROUNDS_OK:
        return 1;
    case QC_ROUNDS_CLOSES_BEFORE_OPENS:
        r = &APR_ARRAY_IDX(d->rounds, which, qc_def_round_t);
        return fail(c, at, apr_psprintf(c->p, "round %d closes before it opens", r->seq));
    case QC_ROUNDS_OUTSIDE_WINDOW:
        r = &APR_ARRAY_IDX(d->rounds, which, qc_def_round_t);
        return fail(c, at,
                    apr_psprintf(c->p, "round %d lies outside the contest's window", r->seq));
    case QC_ROUNDS_ORDER:
        r = &APR_ARRAY_IDX(d->rounds, which, qc_def_round_t);
        return fail(c, at,
                    apr_psprintf(c->p,
                                 "round %d opens before round %d: list the "
                                 "rounds in the order they open",
                                 r->seq, r->seq - 1));
    case QC_ROUNDS_OVERLAP:
    default:
        return fail(c, at,
                    apr_psprintf(c->p, "round %d overlaps round %d",
                                 APR_ARRAY_IDX(d->rounds, which, qc_def_round_t).seq,
                                 APR_ARRAY_IDX(d->rounds, other, qc_def_round_t).seq));
    }
}

/* Characters (not bytes) of UTF-8 text, as a VARCHAR column counts them. */
static apr_size_t chars(const char *s)
{
    apr_size_t n = 0;
    for (; s && *s; s++) {
        n += ((unsigned char)*s & 0xC0) != 0x80;
    }
    return n;
}

static int longer(parse_ctx_t *c, xmlNodePtr at, const char *what, const char *s, apr_size_t max)
{
    if (chars(s) > max) {
        return !fail(
            c, at,
            apr_psprintf(c->p, "%s is longer than %lu characters", what, (unsigned long)max));
    }
    return 0;
}

/* What the database's columns can hold (a file that passed would otherwise fail to load),
 * and instants a DATETIME can store. */
static int check_sizes(parse_ctx_t *c, qc_definition_t *d, xmlNodePtr root)
{
    /* 2000-01-01 and 2100-01-01, UTC */
    const apr_int64_t lo = APR_INT64_C(946684800000), hi = APR_INT64_C(4102444800000);
    int i;
    if (d->opens_ms < lo || d->closes_ms >= hi ||
        (d->quota_deadline_ms && (d->quota_deadline_ms < lo || d->quota_deadline_ms >= hi)) ||
        (d->publish_ms && (d->publish_ms < lo || d->publish_ms >= hi)) ||
        (d->ceremony_ms && (d->ceremony_ms < lo || d->ceremony_ms >= hi))) {
        return fail(c, qc_definition_child(root, "window"), "dates must lie between 2000 and 2099");
    }
    if (longer(c, root, "<title>", d->title, 300) || longer(c, root, "<theme>", d->theme, 300) ||
        longer(c, root, "<organiser>", d->organiser, 300) ||
        longer(c, root, "<prediction>", d->prediction, 500) ||
        longer(c, root, "<rules>", d->rules, 20000) ||
        longer(c, root, "unit-kind", d->collective_unit_kind, 64) ||
        longer(c, root, "<collective><description>", d->collective_description, 20000)) {
        return 0;
    }
    for (i = 0; i < d->rounds->nelts; i++) {
        if (longer(c, qc_definition_child(root, "rounds"), "a round's title",
                   APR_ARRAY_IDX(d->rounds, i, qc_def_round_t).title, 200)) {
            return 0;
        }
    }
    for (i = 0; i < d->groups->nelts; i++) {
        const qc_def_group_t *g = &APR_ARRAY_IDX(d->groups, i, qc_def_group_t);
        if (longer(c, qc_definition_child(root, "groups"), "a group's code", g->code, 32) ||
            longer(c, qc_definition_child(root, "groups"), "a group's title", g->title, 300)) {
            return 0;
        }
    }
    for (i = 0; i < d->units->nelts; i++) {
        const qc_def_unit_t *u = &APR_ARRAY_IDX(d->units, i, qc_def_unit_t);
        if (longer(c, qc_definition_child(root, "units"), "a unit's name", u->name, 300) ||
            longer(c, qc_definition_child(root, "units"), "a unit's kind", u->kind, 64)) {
            return 0;
        }
    }
    for (i = 0; i < d->documents->nelts; i++) {
        const qc_def_document_t *doc = &APR_ARRAY_IDX(d->documents, i, qc_def_document_t);
        if (longer(c, qc_definition_child(root, "documents"), "a document's title", doc->title,
                   500) ||
            longer(c, qc_definition_child(root, "documents"), "a document's url", doc->url, 1000)) {
            return 0;
        }
        if (doc->url && *doc->url && !qc_validate_web_url(doc->url)) {
            return fail(c, qc_definition_child(root, "documents"),
                        apr_psprintf(c->p,
                                     "a document's url must be an http:// or https:// address "
                                     "or a path on this portal: %s",
                                     doc->url));
        }
    }
    for (i = 0; i < d->exclusions->nelts; i++) {
        const qc_def_person_t *x = &APR_ARRAY_IDX(d->exclusions, i, qc_def_person_t);
        if (longer(c, qc_definition_child(root, "exclusions"), "a person's name", x->name, 200) ||
            longer(c, qc_definition_child(root, "exclusions"), "a person's role", x->role, 100)) {
            return 0;
        }
        if ((x->phone && (strlen(x->phone) != 10 || strspn(x->phone, "0123456789") != 10)) ||
            (x->cccd && (strlen(x->cccd) != 12 || strspn(x->cccd, "0123456789") != 12))) {
            return fail(c, qc_definition_child(root, "exclusions"),
                        apr_psprintf(c->p, "person %s: a phone has 10 digits, a cccd 12", x->name));
        }
    }
    for (i = 0; i < d->prizes->nelts; i++) {
        if (longer(c, qc_definition_child(root, "prizes"), "a prize's title",
                   APR_ARRAY_IDX(d->prizes, i, qc_def_prize_t).title, 200)) {
            return 0;
        }
    }
    return 1;
}

/* What a schema cannot say about groups, units and topics: codes are unique, a unit's
 * registration quota is not above its headcount, the quota deadline lies before the end. */
static int check_codes(parse_ctx_t *c, qc_definition_t *d, xmlNodePtr root)
{
    apr_hash_t *seen = apr_hash_make(c->p);
    int i;
    for (i = 0; i < d->groups->nelts; i++) {
        const char *code = APR_ARRAY_IDX(d->groups, i, qc_def_group_t).code;
        if (apr_hash_get(seen, code, APR_HASH_KEY_STRING)) {
            return fail(c, qc_definition_child(root, "groups"),
                        apr_psprintf(c->p, "group code %s appears twice", code));
        }
        apr_hash_set(seen, code, APR_HASH_KEY_STRING, code);
    }
    seen = apr_hash_make(c->p);
    for (i = 0; i < d->topics->nelts; i++) {
        const char *code = APR_ARRAY_IDX(d->topics, i, qc_def_topic_t).code;
        if (apr_hash_get(seen, code, APR_HASH_KEY_STRING)) {
            return fail(c, qc_definition_child(root, "topics"),
                        apr_psprintf(c->p, "topic code %s appears twice", code));
        }
        apr_hash_set(seen, code, APR_HASH_KEY_STRING, code);
    }
    for (i = 0; i < d->units->nelts; i++) {
        const qc_def_unit_t *u = &APR_ARRAY_IDX(d->units, i, qc_def_unit_t);
        if (u->quota >= 0 && u->headcount >= 0 && u->quota > u->headcount) {
            return fail(c, qc_definition_child(root, "units"),
                        apr_psprintf(c->p, "unit %s: quota %d is larger than its headcount %d",
                                     u->code, u->quota, u->headcount));
        }
    }
    {
        /* collective prizes go to units of the named kind (any kind when none is named) */
        int units = 0, prizes = 0;
        for (i = 0; i < d->units->nelts; i++) {
            const qc_def_unit_t *u = &APR_ARRAY_IDX(d->units, i, qc_def_unit_t);
            units += !*d->collective_unit_kind || !strcmp(u->kind, d->collective_unit_kind);
        }
        for (i = 0; i < d->prizes->nelts; i++) {
            const qc_def_prize_t *pr = &APR_ARRAY_IDX(d->prizes, i, qc_def_prize_t);
            prizes += !strcmp(pr->kind, "collective") ? pr->count : 0;
        }
        if (prizes > units) {
            return fail(c, qc_definition_child(root, "prizes"),
                        apr_psprintf(c->p,
                                     "the collective prizes (%d) outnumber the units that "
                                     "can win them (%d)",
                                     prizes, units));
        }
    }
    for (i = 0; i < d->exclusions->nelts; i++) {
        const qc_def_person_t *x = &APR_ARRAY_IDX(d->exclusions, i, qc_def_person_t);
        int j, found = 0;
        for (j = 0; x->unit && j < d->units->nelts; j++) {
            found |= !strcmp(APR_ARRAY_IDX(d->units, j, qc_def_unit_t).code, x->unit);
        }
        if (x->unit && !found) {
            return fail(c, qc_definition_child(root, "exclusions"),
                        apr_psprintf(c->p, "person %s: unit %s is not in <units>", x->name,
                                     x->unit));
        }
    }
    if (d->quota_deadline_ms && d->quota_deadline_ms > d->closes_ms) {
        return fail(c, qc_definition_child(root, "registration"),
                    "the registration quota deadline lies after the contest closes");
    }
    return 1;
}

/* A collective ranking by participation rate needs each ranked unit's headcount (the rate is
 * participants over staff): say which units lack one, so nobody meets an empty ranking. */
static void warn_collective(apr_pool_t *p, qc_definition_t *d)
{
    int i, missing = 0, ranked = 0;
    const char *names = "";
    if (!d->collective_formula || strcmp(d->collective_formula, "participation-and-prizes") != 0) {
        return;
    }
    for (i = 0; i < d->units->nelts; i++) {
        const qc_def_unit_t *u = &APR_ARRAY_IDX(d->units, i, qc_def_unit_t);
        if (*d->collective_unit_kind && strcmp(u->kind, d->collective_unit_kind) != 0) {
            continue;
        }
        ranked++;
        if (u->headcount < 0) {
            names = apr_pstrcat(p, names, missing ? ", " : "", u->code, NULL);
            missing++;
        }
    }
    if (missing) {
        APR_ARRAY_PUSH(d->warnings, const char *) = apr_psprintf(
            p,
            "the collective prize (participation-and-prizes) cannot be computed for %d of %d "
            "unit(s): no headcount, so no participation rate (%s); give <unit headcount=\"N\">",
            missing, ranked, names);
    }
}

static int parse_tz(parse_ctx_t *c, xmlNodePtr root)
{
    const char *tz = attr(c, root, "timezone-offset");
    int h, m;
    c->tz = QC_TZ_VIETNAM_MIN;
    if (!tz) {
        return 1;
    }
    if (strlen(tz) != 6 || (tz[0] != '+' && tz[0] != '-') || tz[3] != ':' ||
        sscanf(tz + 1, "%2d:%2d", &h, &m) != 2 || h > 14 || m > 59) {
        return fail(c, root, "timezone-offset must look like +07:00");
    }
    c->tz = (tz[0] == '-' ? -1 : 1) * (h * 60 + m);
    return 1;
}

typedef struct {
    apr_pool_t *p;
    const char *path;
    char *errors;
    int count;
} schema_errors_t;

/* Collect the schema's complaints as "file:line: message" (the first few). */
static void schema_error(void *baton, xmlErrorPtr e)
{
    schema_errors_t *se = baton;
    char *msg;
    apr_size_t len;
    if (!e || se->count++ >= 5) {
        return;
    }
    msg = apr_pstrdup(se->p, e->message ? e->message : "invalid");
    len = strlen(msg);
    while (len > 0 && msg[len - 1] == '\n') {
        msg[--len] = '\0';
    }
    se->errors = apr_psprintf(se->p, "%s%s%s:%d: %s", se->errors ? se->errors : "",
                              se->errors ? "\n" : "", se->path, e->line, msg);
}

static apr_status_t validate(apr_pool_t *p, const char *path, xmlDocPtr doc, const char **errmsg)
{
    xmlRelaxNGParserCtxtPtr pctxt;
    xmlRelaxNGPtr schema;
    xmlRelaxNGValidCtxtPtr vctxt;
    schema_errors_t se;
    int rc;
    memset(&se, 0, sizeof(se));
    se.p = p;
    se.path = path;
    pctxt = xmlRelaxNGNewMemParserCtxt(qc_definition_schema, (int)strlen(qc_definition_schema));
    schema = xmlRelaxNGParse(pctxt);
    xmlRelaxNGFreeParserCtxt(pctxt);
    if (!schema) {
        *errmsg = "the compiled-in contest schema does not parse";
        return APR_EGENERAL;
    }
    vctxt = xmlRelaxNGNewValidCtxt(schema);
    xmlRelaxNGSetValidStructuredErrors(vctxt, schema_error, &se);
    rc = xmlRelaxNGValidateDoc(vctxt, doc);
    xmlRelaxNGFreeValidCtxt(vctxt);
    xmlRelaxNGFree(schema);
    if (rc != 0) {
        *errmsg =
            se.errors ? se.errors : apr_psprintf(p, "%s: does not match the contest schema", path);
        return QC_EINPUT;
    }
    return APR_SUCCESS;
}

/* The line of the first "<!DOCTYPE" in the bytes (1 when not found). */
static int doctype_line(const char *data, apr_size_t len)
{
    apr_size_t i;
    int line = 1;
    for (i = 0; i + 9 <= len; i++) {
        if (data[i] == '\n') {
            line++;
        }
        else if (data[i] == '<' && !memcmp(data + i, "<!DOCTYPE", 9)) {
            return line;
        }
    }
    return 1;
}

apr_status_t qc_definition_parse(apr_pool_t *p, const char *path, qc_definition_t **out,
                                 const char **errmsg)
{
    apr_file_t *f;
    apr_finfo_t fi;
    apr_size_t got = 0;
    char *data;
    apr_status_t rv = apr_file_open(&f, path, APR_FOPEN_READ | APR_FOPEN_BINARY, 0, p);
    if (rv == APR_SUCCESS) {
        rv = apr_file_info_get(&fi, APR_FINFO_SIZE, f);
    }
    if (rv == APR_SUCCESS && fi.size > QC_DEFINITION_MAX_BYTES) {
        apr_file_close(f);
        *errmsg = apr_psprintf(p, "%s: larger than %d bytes", path, QC_DEFINITION_MAX_BYTES);
        return QC_EINPUT;
    }
    if (rv == APR_SUCCESS) {
        data = apr_palloc(p, (apr_size_t)fi.size + 1);
        rv = fi.size > 0 ? apr_file_read_full(f, data, (apr_size_t)fi.size, &got) : APR_SUCCESS;
        data[got] = '\0';
        apr_file_close(f);
    }
    if (rv != APR_SUCCESS) {
        char buf[120];
        *errmsg = apr_psprintf(p, "%s: cannot read: %s", path, apr_strerror(rv, buf, sizeof(buf)));
        return QC_EINPUT;
    }
    return qc_definition_parse_memory(p, path, data, got, out, errmsg);
}

apr_status_t qc_definition_parse_memory(apr_pool_t *p, const char *path, const char *data,
                                        apr_size_t len, qc_definition_t **out, const char **errmsg)
{
    static const char *const reveal[] = {"never", "after_submit", "after_round", NULL};
    static const char *const modes[] = {"off", "optional", "required", NULL};
    static const char *const counted[] = {"best", "first", "last", NULL};
    static const char *const targets[] = {"participants", "attempts", "perfect", "manual", NULL};
    parse_ctx_t c;
    qc_definition_t *d = apr_pcalloc(p, sizeof(*d));
    xmlDocPtr doc;
    xmlNodePtr root, n, k;
    int ok, minutes = 30;

    memset(&c, 0, sizeof(c));
    c.p = p;
    c.path = path;
    if (len > QC_DEFINITION_MAX_BYTES || len > (apr_size_t)INT_MAX) {
        *errmsg = apr_psprintf(p, "%s: larger than %d bytes", path, QC_DEFINITION_MAX_BYTES);
        return QC_EINPUT;
    }
    /* No DOCTYPE, hence no entities: neither expanded nor loaded (XML_PARSE_NOENT and
     * XML_PARSE_DTDLOAD are never given; NONET forbids the network), and a document that
     * declares one is refused before it is read further. */
    doc = xmlReadMemory(data, (int)len, path, NULL,
                        XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
    if (!doc) {
        const xmlError *e = xmlGetLastError();
        *errmsg = apr_psprintf(p, "%s:%d: not well-formed XML: %s", path, e ? e->line : 0,
                               e && e->message ? e->message : "");
        return QC_EINPUT;
    }
    if (doc->intSubset || doc->extSubset) {
        xmlFreeDoc(doc);
        *errmsg = apr_psprintf(p,
                               "%s:%d: a DOCTYPE (and with it any entity) is not allowed "
                               "in a contest definition",
                               path, doctype_line(data, len));
        return QC_EINPUT;
    }
    if (validate(p, path, doc, errmsg) != APR_SUCCESS) {
        xmlFreeDoc(doc);
        return QC_EINPUT;
    }
    root = xmlDocGetRootElement(doc);
    d->rounds = apr_array_make(p, 8, sizeof(qc_def_round_t));
    d->groups = apr_array_make(p, 4, sizeof(qc_def_group_t));
    d->units = apr_array_make(p, 32, sizeof(qc_def_unit_t));
    d->documents = apr_array_make(p, 8, sizeof(qc_def_document_t));
    d->exclusions = apr_array_make(p, 8, sizeof(qc_def_person_t));
    d->warnings = apr_array_make(p, 2, sizeof(const char *));
    d->topics = apr_array_make(p, 8, sizeof(qc_def_topic_t));
    d->prizes = apr_array_make(p, 8, sizeof(qc_def_prize_t));
    d->prize_one_per = "round";
    d->collective_formula = d->collective_unit_kind = d->collective_description = "";

    ok = qc_definition_is_el(root, "contest") ||
         fail(&c, root, "the root element must be <contest xmlns=\"" QC_DEFINITION_NS "\">");
    ok = ok && parse_tz(&c, root);
    if (ok) {
        d->tz_offset_min = c.tz;
        d->code = attr(&c, root, "code");
        d->title = text(&c, qc_definition_child(root, "title"));
        d->theme = text(&c, qc_definition_child(root, "theme"));
        d->organiser = text(&c, qc_definition_child(root, "organiser"));
        d->rules = text(&c, qc_definition_child(root, "rules"));
        d->prediction = text(&c, qc_definition_child(root, "prediction"));
        if (!d->code || !*d->code || strlen(d->code) > 64) {
            ok = fail(&c, root, "attribute code (1 to 64 characters) is required");
        }
        else if (!*d->title) {
            ok = fail(&c, root, "<title> is required");
        }
    }
    if (ok) {
        n = qc_definition_child(root, "window");
        ok = (n || fail(&c, root, "<window opens=.. closes=..> is required")) &&
             time_attr(&c, n, "opens", &d->opens_ms) && time_attr(&c, n, "closes", &d->closes_ms);
        if (ok && d->closes_ms <= d->opens_ms) {
            ok = fail(&c, n, "the contest closes before it opens");
        }
    }
    if (ok) {
        n = qc_definition_child(root, "quiz");
        ok = int_attr(&c, n, "questions", 15, 1, 200, &d->questions) &&
             int_attr(&c, n, "time-limit-min", 30, 1, 600, &minutes) &&
             int_attr(&c, n, "attempts-per-round", 3, 1, 100, &d->attempts) &&
             int_attr(&c, n, "grace-s", 10, 0, 120, &d->grace_s) &&
             enum_attr(&c, n, "reveal-answers", "after_round", reveal, &d->reveal) &&
             enum_attr(&c, n, "counted-attempt", "best", counted, &d->counted);
        d->time_limit_s = minutes * 60;
        /* seconds, when given, are more precise than minutes (short limits for rehearsals) */
        ok = ok && int_attr(&c, n, "time-limit-s", d->time_limit_s, 5, 36000, &d->time_limit_s);
    }
    if (ok) {
        n = qc_definition_child(root, "registration");
        ok = int_attr(&c, n, "min-age", 0, 0, 120, &d->min_age) &&
             enum_attr(&c, n, "cccd", "optional", modes, &d->cccd_mode) &&
             enum_attr(&c, n, "email", "optional", modes, &d->email_mode);
        if (ok && attr(&c, n, "quota-deadline")) {
            ok = time_attr(&c, n, "quota-deadline", &d->quota_deadline_ms);
        }
    }
    if (ok) {
        n = qc_definition_child(root, "prediction");
        d->prediction_value = -1;
        ok = enum_attr(&c, n, "target", "participants", targets, &d->prediction_target);
        if (ok && attr(&c, n, "value")) {
            int v;
            ok = int_attr(&c, n, "value", 0, 0, 2000000000, &v);
            d->prediction_value = v;
        }
        n = qc_definition_child(root, "results");
        if (ok && n && attr(&c, n, "publish-at")) {
            ok = time_attr(&c, n, "publish-at", &d->publish_ms);
        }
        if (ok && n && attr(&c, n, "ceremony")) {
            ok = time_attr(&c, n, "ceremony", &d->ceremony_ms);
        }
    }
    ok = ok && parse_prizes(&c, d, qc_definition_child(root, "prizes"));
    ok =
        ok && parse_rounds(&c, d, qc_definition_child(root, "rounds")) && check_rounds(&c, d, root);
    if (ok && (n = qc_definition_child(root, "groups"))) {
        for (k = n->children; k; k = k->next) {
            qc_def_group_t *g;
            if (!qc_definition_is_el(k, "group")) {
                continue;
            }
            g = apr_array_push(d->groups);
            g->code = attr(&c, k, "code");
            g->title = text(&c, k);
            if (!g->code || !*g->title) {
                ok = fail(&c, k, "a group needs code and a title");
                break;
            }
        }
    }
    if (ok) {
        n = qc_definition_child(root, "units");
        ok = (n || fail(&c, root, "<units> with at least one <unit> is required")) &&
             parse_units(&c, n, NULL, d->units, apr_hash_make(p), 0);
        if (ok && d->units->nelts == 0) {
            ok = fail(&c, n, "<units> needs at least one <unit>");
        }
    }
    ok =
        ok && check_prizes(&c, d,
                           qc_definition_child(root, "prizes") ? qc_definition_child(root, "prizes")
                                                               : root);
    if (ok && (n = qc_definition_child(root, "documents"))) {
        for (k = n->children; k; k = k->next) {
            qc_def_document_t *doc_entry;
            if (!qc_definition_is_el(k, "document")) {
                continue;
            }
            doc_entry = apr_array_push(d->documents);
            doc_entry->title = text(&c, k);
            doc_entry->url = attr(&c, k, "url");
            if (!doc_entry->url) {
                doc_entry->url = "";
            }
        }
    }
    if (ok && (n = qc_definition_child(root, "exclusions"))) {
        for (k = n->children; k; k = k->next) {
            qc_def_person_t *person;
            if (!qc_definition_is_el(k, "person")) {
                continue;
            }
            person = apr_array_push(d->exclusions);
            person->name = attr(&c, k, "name");
            person->phone = attr(&c, k, "phone");
            person->cccd = attr(&c, k, "cccd");
            person->role = attr(&c, k, "role");
            person->unit = attr(&c, k, "unit");
            if (!person->name || !*person->name) {
                ok = fail(&c, k, "a person needs a name");
                break;
            }
            /* matched by name as registration stores it: blanks squeezed */
            person->name = qc_utf8_squeeze_space(p, person->name);
            /* kept in the form registration stores ("+84 912 345 678" -> "0912345678"), so
             * the exclusion list matches however the secretariat wrote the number */
            if (person->phone && qc_validate_phone(p, person->phone, &person->phone)) {
                ok = fail(&c, k, "the phone of a person is not a Vietnamese mobile number");
                break;
            }
            if (person->cccd && qc_validate_cccd(p, person->cccd, 1, &person->cccd)) {
                ok = fail(&c, k, "the cccd of a person must be 12 digits");
                break;
            }
        }
    }
    if (ok && (n = qc_definition_child(root, "topics"))) {
        for (k = n->children; k && ok; k = k->next) {
            qc_def_topic_t *t;
            if (!qc_definition_is_el(k, "topic")) {
                continue;
            }
            t = apr_array_push(d->topics);
            t->code = attr(&c, k, "code");
            ok = (t->code || fail(&c, k, "a topic needs a code")) &&
                 int_attr(&c, k, "quota", 0, 0, 200, &t->quota);
        }
    }
    ok = ok && check_codes(&c, d, root) && check_sizes(&c, d, root);
    if (ok) {
        warn_collective(p, d);
    }
    /* ---- jury-scored parts (qc_jury.c) ---- */
    if (ok) {
        apr_hash_t *codes = apr_hash_make(p);
        const char *jerr = NULL;
        int i;
        for (i = 0; i < d->units->nelts; i++) {
            apr_hash_set(codes, APR_ARRAY_IDX(d->units, i, qc_def_unit_t).code, APR_HASH_KEY_STRING,
                         "");
        }
        if (qc_jury_parse_def(p, path, root, c.tz, codes, &d->jury, &jerr) != APR_SUCCESS) {
            ok = 0;
            c.error = jerr;
        }
    }
    xmlFreeDoc(doc);
    if (!ok) {
        *errmsg = c.error;
        return QC_EINPUT;
    }
    *out = d;
    return APR_SUCCESS;
}
