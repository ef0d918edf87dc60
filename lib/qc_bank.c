#include <stdlib.h>
#include <string.h>
#include <apr_strings.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include "qc_bank.h"
#include "qc_log.h"
#include "qc_status.h"
#include "qc_utf8.h"
#include "qc_util.h"

static int is_el(xmlNodePtr n, const char *name)
{
    return n && n->type == XML_ELEMENT_NODE && n->ns &&
           !strcmp((const char *)n->ns->href, QC_BANK_NS) && !strcmp((const char *)n->name, name);
}

static const char *prop(apr_pool_t *p, xmlNodePtr n, const char *name)
{
    xmlChar *v = xmlGetProp(n, BAD_CAST name);
    const char *s = NULL;
    if (v) {
        s = apr_pstrdup(p, (const char *)v);
        xmlFree(v);
    }
    return s;
}

/* Element text, trimmed and normalised to NFC (what the contestant sees, exactly). */
static const char *content(apr_pool_t *p, xmlNodePtr n)
{
    xmlChar *v = xmlNodeGetContent(n);
    const char *s = qc_utf8_squeeze_space(p, v ? (const char *)v : "");
    if (v) {
        xmlFree(v);
    }
    s = qc_utf8_nfc(p, s);
    return s ? s : "";
}

typedef struct {
    const char *body;
    int correct;
} choice_t;

#define CHECK(expr)                                                                           \
    do {                                                                                      \
        rv = (expr);                                                                          \
        if (rv != APR_SUCCESS) {                                                              \
            goto leave;                                                                       \
        }                                                                                     \
    } while (0)

static apr_status_t import_question(qc_db_t *db, apr_pool_t *p, const char *contest_id,
                                    const char *topic_id, xmlNodePtr q, qc_bank_stats_t *st,
                                    const char *path, const char **errmsg)
{
    const char *code = prop(p, q, "code"), *kind = prop(p, q, "kind");
    const char *body = NULL, *explanation = "", *hash, *sig;
    apr_array_header_t *choices = apr_array_make(p, 5, sizeof(choice_t));
    xmlNodePtr k;
    qc_rows_t *rows;
    int ncorrect = 0, i;
    apr_status_t rv;

    for (k = q->children; k; k = k->next) {
        if (is_el(k, "text")) {
            body = content(p, k);
        }
        else if (is_el(k, "explanation")) {
            explanation = content(p, k);
        }
        else if (is_el(k, "choice")) {
            choice_t *c = apr_array_push(choices);
            const char *correct = prop(p, k, "correct");
            c->body = content(p, k);
            c->correct = correct && !strcmp(correct, "true");
            ncorrect += c->correct;
        }
    }
    if (!kind) {
        kind = "single";
    }
    if (!code || !*code || !body || !*body || choices->nelts < 2 ||
        (strcmp(kind, "single") && strcmp(kind, "multiple")) ||
        (!strcmp(kind, "single") && ncorrect != 1) ||
        (!strcmp(kind, "multiple") && ncorrect < 1)) {
        *errmsg = apr_psprintf(p, "%s:%ld: question %s: needs code, text, at least two choices, "
                                  "kind single (one correct) or multiple (one or more correct)",
                               path, xmlGetLineNo(q), code ? code : "(no code)");
        return QC_EINPUT;
    }
    sig = apr_pstrcat(p, kind, "\x1f", body, "\x1f", explanation, NULL);
    for (i = 0; i < choices->nelts; i++) {
        choice_t *c = &APR_ARRAY_IDX(choices, i, choice_t);
        sig = apr_pstrcat(p, sig, "\x1e", c->correct ? "1" : "0", c->body, NULL);
    }
    hash = qc_util_sha256_hex(p, sig, strlen(sig));
    CHECK(qc_db_select(db, p, "qc_bank_question_current", QC_ARGS(contest_id, code), &rows));
    if (rows->nrows > 0 && !strcmp(rows->rows[0][1], hash)) {
        st->unchanged++;
        return APR_SUCCESS;
    }
    if (rows->nrows > 0) {
        /* changed: the old version stays as it was for every attempt that drew it */
        CHECK(qc_db_exec(db, p, "qc_bank_question_retire", QC_ARGS(rows->rows[0][0]), NULL));
        st->changed++;
    }
    else {
        st->added++;
    }
    CHECK(qc_db_exec(db, p, "qc_bank_question_insert",
                     QC_ARGS(contest_id, topic_id, code, kind, body, explanation, hash,
                             contest_id, code),
                     NULL));
    CHECK(qc_db_select(db, p, "qc_last_insert_id", 0, NULL, &rows));
    for (i = 0; i < choices->nelts; i++) {
        choice_t *c = &APR_ARRAY_IDX(choices, i, choice_t);
        CHECK(qc_db_exec(db, p, "qc_bank_choice_insert",
                         QC_ARGS(rows->rows[0][0], apr_itoa(p, i + 1), c->body,
                                 c->correct ? "1" : "0"),
                         NULL));
    }
leave:
    return rv;
}

apr_status_t qc_bank_import(qc_db_t *db, apr_pool_t *p, const char *contest_code,
                            const char *path, qc_bank_stats_t *st, const char **errmsg)
{
    xmlDocPtr doc;
    xmlNodePtr root, t, q;
    qc_rows_t *rows;
    const char *contest_id;
    apr_status_t rv;

    memset(st, 0, sizeof(*st));
    *errmsg = NULL;
    doc = xmlReadFile(path, NULL, XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
    if (!doc) {
        const xmlError *e = xmlGetLastError();
        *errmsg = apr_psprintf(p, "%s:%d: not well-formed XML: %s", path, e ? e->line : 0,
                               e && e->message ? e->message : "");
        return QC_EINPUT;
    }
    root = xmlDocGetRootElement(doc);
    if (!is_el(root, "question-bank")) {
        xmlFreeDoc(doc);
        *errmsg = apr_psprintf(p, "%s: the root element must be <question-bank xmlns=\"%s\">",
                               path, QC_BANK_NS);
        return QC_EINPUT;
    }
    rv = qc_db_select(db, p, "qc_def_contest_id", QC_ARGS(contest_code), &rows);
    if (rv == APR_SUCCESS && rows->nrows == 0) {
        *errmsg = apr_psprintf(p, "no contest with code %s: load its definition first",
                               contest_code);
        rv = QC_ENOTFOUND;
    }
    if (rv != APR_SUCCESS) {
        xmlFreeDoc(doc);
        return rv;
    }
    contest_id = rows->rows[0][0];
    rv = qc_db_begin(db, p);
    for (t = root->children; t && rv == APR_SUCCESS; t = t->next) {
        const char *code, *title, *topic_id;
        if (!is_el(t, "topic")) {
            continue;
        }
        code = prop(p, t, "code");
        title = prop(p, t, "title");
        if (!code || !title) {
            *errmsg = apr_psprintf(p, "%s:%ld: a topic needs code and title", path,
                                   xmlGetLineNo(t));
            rv = QC_EINPUT;
            break;
        }
        rv = qc_db_exec(db, p, "qc_def_topic_upsert", QC_ARGS(contest_id, code, title, "", "keep"),
                        NULL);
        if (rv == APR_SUCCESS) {
            rv = qc_db_select(db, p, "qc_def_topic_id", QC_ARGS(contest_id, code), &rows);
        }
        if (rv != APR_SUCCESS) {
            break;
        }
        topic_id = rows->rows[0][0];
        st->topics++;
        for (q = t->children; q && rv == APR_SUCCESS; q = q->next) {
            if (is_el(q, "question")) {
                rv = import_question(db, p, contest_id, topic_id, q, st, path, errmsg);
            }
        }
    }
    xmlFreeDoc(doc);
    if (rv != APR_SUCCESS) {
        qc_db_rollback(db, p);
        return rv;
    }
    return qc_db_commit(db, p);
}
