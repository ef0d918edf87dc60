/* Moodle XML: multichoice and truefalse questions; category questions become topics. The
 * writer gives each topic a category question and each question a multichoice one. */
#include <stdlib.h>
#include <string.h>
#include <apr_strings.h>
#include <libxml/tree.h>

#include "qc_qbank.h"
#include "qc_qbank_internal.h"
#include "qc_xml.h"

/* "$course$/top/Chủ đề A" -> "Chủ đề A": the last level of the category path ("//" is a '/'
 * inside a name). */
const char *qc_qbank_category_title(apr_pool_t *p, const char *path)
{
    const char *s = path, *last = "";
    qc_buf_t b;
    qc_buf_init(&b, p, strlen(path) + 1);
    for (;;) {
        if (*s == '/' && s[1] == '/') {
            qc_buf_addc(&b, '/');
            s += 2;
            continue;
        }
        if (*s == '/' || *s == '\0') {
            const char *part = qc_qbank_clean(p, b.s);
            if (*part && part[0] != '$' && strcmp(part, "top")) {
                last = part;
            }
            if (*s == '\0') {
                break;
            }
            qc_buf_init(&b, p, strlen(s) + 1);
            s++;
            continue;
        }
        qc_buf_addc(&b, *s++);
    }
    return *last ? last : QC_QBANK_DEFAULT_TOPIC;
}

/* <questiontext format="html"><text>...</text></questiontext> as plain text. */
static const char *moodle_text(apr_pool_t *p, xmlNodePtr n)
{
    const char *format, *s;
    if (!n) {
        return "";
    }
    format = qc_qbank_xml_prop(p, n, "format");
    s = qc_qbank_xml_content(p, qc_qbank_xml_child(n, "text"));
    if (format && !strcmp(format, "plain_text")) {
        return qc_qbank_clean(p, s);
    }
    return qc_qbank_html_to_text(p, s);
}

void qc_qbank_read_moodle(qc_qbank_reader_t *r, xmlNodePtr root)
{
    apr_pool_t *p = r->p;
    xmlNodePtr n, a;
    for (n = root->children; n; n = n->next) {
        const char *type, *name, *idnumber, *single;
        qc_qquestion_t *q;
        if (n->type != XML_ELEMENT_NODE || strcmp((const char *)n->name, "question")) {
            continue;
        }
        type = qc_qbank_xml_prop(p, n, "type");
        type = type ? type : "";
        if (!strcmp(type, "category")) {
            const char *code =
                qc_qbank_clean(p, qc_qbank_xml_content(p, qc_qbank_xml_child(n, "idnumber")));
            r->topic_title = qc_qbank_category_title(
                p, qc_qbank_xml_content(
                       p, qc_qbank_xml_child(qc_qbank_xml_child(n, "category"), "text")));
            r->topic_code = qc_qbank_code_ok(code) ? code : NULL;
            continue;
        }
        q = qc_qbank_new_question(r, (int)xmlGetLineNo(n));
        name = qc_qbank_clean(
            p, qc_qbank_xml_content(p, qc_qbank_xml_child(qc_qbank_xml_child(n, "name"), "text")));
        idnumber = qc_qbank_clean(p, qc_qbank_xml_content(p, qc_qbank_xml_child(n, "idnumber")));
        /* only idnumber identifies a question: names are often "Q1" in every file */
        q->code = *idnumber ? idnumber : NULL;
        r->label = *name ? name : NULL;
        q->text = moodle_text(p, qc_qbank_xml_child(n, "questiontext"));
        q->explanation = moodle_text(p, qc_qbank_xml_child(n, "generalfeedback"));
        if (strcmp(type, "multichoice") && strcmp(type, "truefalse")) {
            qc_qbank_reject(r, q->line, qc_qbank_what_of(p, q->code ? q->code : r->label, q->text),
                            "qbank.reject.moodle_type", type, NULL, NULL);
            continue;
        }
        if (!strcmp(type, "truefalse")) {
            int t = 0, f = 0;
            for (a = n->children; a; a = a->next) {
                const char *fr, *txt;
                if (a->type != XML_ELEMENT_NODE || strcmp((const char *)a->name, "answer")) {
                    continue;
                }
                fr = qc_qbank_xml_prop(p, a, "fraction");
                txt = qc_qbank_lower(
                    p, qc_qbank_clean(p, qc_qbank_xml_content(p, qc_qbank_xml_child(a, "text"))));
                if (fr && atof(fr) >= 99.99) {
                    if (!strcmp(txt, "true")) {
                        t = 1;
                    }
                    else {
                        f = 1;
                    }
                }
            }
            qc_qbank_add_choice(r, q, QC_QBANK_TEXT_TRUE, t);
            qc_qbank_add_choice(r, q, QC_QBANK_TEXT_FALSE, f);
            qc_qbank_finish(r, q);
            continue;
        }
        single = qc_qbank_lower(
            p, qc_qbank_clean(p, qc_qbank_xml_content(p, qc_qbank_xml_child(n, "single"))));
        q->kind = (!strcmp(single, "false") || !strcmp(single, "0")) ? "multiple" : "single";
        for (a = n->children; a; a = a->next) {
            const char *fr;
            double f;
            if (a->type != XML_ELEMENT_NODE || strcmp((const char *)a->name, "answer")) {
                continue;
            }
            fr = qc_qbank_xml_prop(p, a, "fraction");
            f = fr ? atof(fr) : 0;
            qc_qbank_add_choice(r, q, moodle_text(p, a),
                                !strcmp(q->kind, "single") ? f >= 99.99 : f > 0.0);
        }
        qc_qbank_finish(r, q);
    }
}

/* ---- the writer ---------------------------------------------------------------------------- */

static const char *fraction(apr_pool_t *p, double v)
{
    char *s = apr_psprintf(p, "%.5f", v);
    apr_size_t l = strlen(s);
    while (l > 0 && s[l - 1] == '0') {
        s[--l] = '\0';
    }
    if (l > 0 && s[l - 1] == '.') {
        s[--l] = '\0';
    }
    return s;
}

static xmlNodePtr moodle_textel(xmlNodePtr parent, const char *name, const char *text)
{
    xmlNodePtr n = qc_xml_add(parent, name, NULL);
    qc_xml_set(n, "format", "plain_text");
    qc_xml_add(n, "text", text);
    return n;
}

apr_status_t qc_qbank_write_moodle(apr_pool_t *p, const qc_qbank_t *bank, const char **out,
                                   apr_size_t *len)
{
    xmlDocPtr doc = qc_xml_doc(p, "quiz");
    xmlNodePtr root = xmlDocGetRootElement(doc), n, a;
    const qc_qquestion_t *prev = NULL;
    int i, j;
    for (i = 0; i < bank->questions->nelts; i++) {
        const qc_qquestion_t *q = &APR_ARRAY_IDX(bank->questions, i, qc_qquestion_t);
        const char *code = qc_qbank_question_code(p, q);
        int nc = 0, single = !strcmp(q->kind, "single"), nchoices = q->choices->nelts;
        if (!qc_qbank_same_topic(prev, q)) {
            const char *title = q->topic_title, *s;
            qc_buf_t path;
            qc_buf_init(&path, p, strlen(title) + 16);
            qc_buf_adds(&path, "$course$/top/");
            for (s = title; *s; s++) {
                qc_buf_add(&path, *s == '/' ? "//" : s, *s == '/' ? 2 : 1);
            }
            n = qc_xml_add(root, "question", NULL);
            qc_xml_set(n, "type", "category");
            qc_xml_add(qc_xml_add(n, "category", NULL), "text", path.s);
            qc_xml_add(n, "idnumber", q->topic_code ? q->topic_code : "");
            prev = q;
        }
        for (j = 0; j < nchoices; j++) {
            nc += APR_ARRAY_IDX(q->choices, j, qc_qchoice_t).correct;
        }
        n = qc_xml_add(root, "question", NULL);
        qc_xml_set(n, "type", "multichoice");
        qc_xml_add(qc_xml_add(n, "name", NULL), "text", code);
        moodle_textel(n, "questiontext", q->text);
        moodle_textel(n, "generalfeedback", q->explanation ? q->explanation : "");
        qc_xml_add(n, "defaultgrade", "1");
        qc_xml_add(n, "penalty", "0");
        qc_xml_add(n, "hidden", "0");
        qc_xml_add(n, "idnumber", code);
        qc_xml_add(n, "single", single ? "true" : "false");
        qc_xml_add(n, "shuffleanswers", "true");
        qc_xml_add(n, "answernumbering", "ABCD");
        for (j = 0; j < nchoices; j++) {
            const qc_qchoice_t *c = &APR_ARRAY_IDX(q->choices, j, qc_qchoice_t);
            const char *fr = c->correct ? (single ? "100" : fraction(p, 100.0 / nc))
                             : (single || nchoices == nc) ? "0"
                                                          : fraction(p, -100.0 / (nchoices - nc));
            a = qc_xml_add(n, "answer", NULL);
            qc_xml_set(a, "fraction", fr);
            qc_xml_set(a, "format", "plain_text");
            qc_xml_add(a, "text", c->text);
            moodle_textel(a, "feedback", "");
        }
    }
    *out = qc_xml_serialise(p, doc, len);
    return APR_SUCCESS;
}
