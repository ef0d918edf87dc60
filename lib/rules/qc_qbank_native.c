/* The project's own question-bank XML (namespace QC_QBANK_NS, conf/demo/question-bank.xml):
 * topics with codes and titles, questions with codes, kinds, choices and explanations. */
#include <string.h>
#include <apr_strings.h>
#include <libxml/tree.h>

#include "qc_qbank.h"
#include "qc_qbank_internal.h"
#include "qc_xml.h"

int qc_qbank_is_native(xmlNodePtr n, const char *name)
{
    return n && n->type == XML_ELEMENT_NODE && n->ns &&
           !strcmp((const char *)n->ns->href, QC_QBANK_NS) && !strcmp((const char *)n->name, name);
}

void qc_qbank_read_native(qc_qbank_reader_t *r, xmlNodePtr root)
{
    apr_pool_t *p = r->p;
    xmlNodePtr t, q, k;
    for (t = root->children; t; t = t->next) {
        const char *tcode, *title;
        int skipped = 0;
        if (!qc_qbank_is_native(t, "topic")) {
            continue;
        }
        tcode = qc_qbank_xml_prop(p, t, "code");
        title = qc_qbank_xml_prop(p, t, "title");
        if (!tcode || !*tcode || !title || !*qc_qbank_clean(p, title) || !qc_qbank_code_ok(tcode)) {
            for (q = t->children; q; q = q->next) {
                skipped += qc_qbank_is_native(q, "question");
            }
            qc_qbank_reject(r, (int)xmlGetLineNo(t), tcode ? tcode : qc_qbank_clean(p, title),
                            "qbank.reject.native_topic", apr_itoa(p, skipped), NULL, NULL);
            continue;
        }
        r->topic_code = tcode;
        r->topic_title = qc_qbank_clean(p, title);
        for (q = t->children; q; q = q->next) {
            qc_qquestion_t *qq;
            const char *kind;
            if (!qc_qbank_is_native(q, "question")) {
                continue;
            }
            qq = qc_qbank_new_question(r, (int)xmlGetLineNo(q));
            qq->code = qc_qbank_xml_prop(p, q, "code");
            kind = qc_qbank_xml_prop(p, q, "kind");
            for (k = q->children; k; k = k->next) {
                if (qc_qbank_is_native(k, "text")) {
                    qq->text = qc_qbank_clean(p, qc_qbank_xml_content(p, k));
                }
                else if (qc_qbank_is_native(k, "explanation")) {
                    qq->explanation = qc_qbank_clean(p, qc_qbank_xml_content(p, k));
                }
                else if (qc_qbank_is_native(k, "choice")) {
                    const char *correct = qc_qbank_xml_prop(p, k, "correct");
                    qc_qbank_add_choice(r, qq, qc_qbank_clean(p, qc_qbank_xml_content(p, k)),
                                        correct &&
                                            (!strcmp(correct, "true") || !strcmp(correct, "1")));
                }
            }
            if (!qq->code || !*qq->code) {
                qc_qbank_reject(r, qq->line, qc_qbank_what_of(p, NULL, qq->text),
                                "qbank.reject.native_code", NULL, NULL, NULL);
                continue;
            }
            if (kind && strcmp(kind, "single") && strcmp(kind, "multiple")) {
                qc_qbank_reject(r, qq->line, qq->code, "qbank.reject.bad_kind", kind, NULL, NULL);
                continue;
            }
            qq->kind = kind ? kind : "single";
            qc_qbank_finish(r, qq);
        }
    }
}

/* ---- the writer ---------------------------------------------------------------------------- */

apr_status_t qc_qbank_write_native(apr_pool_t *p, const qc_qbank_t *bank, const char **out,
                                   apr_size_t *len)
{
    xmlDocPtr doc = qc_xml_doc(p, "question-bank");
    xmlNodePtr root = xmlDocGetRootElement(doc), topic = NULL, n;
    xmlNsPtr ns = xmlNewNs(root, BAD_CAST QC_QBANK_NS, NULL);
    const qc_qquestion_t *prev = NULL;
    int i, j;
    xmlSetNs(root, ns);
    qc_xml_set(root, "lang", "vi");
    for (i = 0; i < bank->questions->nelts; i++) {
        const qc_qquestion_t *q = &APR_ARRAY_IDX(bank->questions, i, qc_qquestion_t);
        if (!qc_qbank_same_topic(prev, q)) {
            topic = xmlNewChild(root, ns, BAD_CAST "topic", NULL);
            qc_xml_set(topic, "code",
                       q->topic_code ? q->topic_code : qc_qbank_topic_slug(p, q->topic_title));
            qc_xml_set(topic, "title", q->topic_title);
            prev = q;
        }
        n = xmlNewChild(topic, ns, BAD_CAST "question", NULL);
        qc_xml_set(n, "code", qc_qbank_question_code(p, q));
        qc_xml_set(n, "kind", q->kind);
        xmlNewTextChild(n, ns, BAD_CAST "text", BAD_CAST q->text);
        for (j = 0; j < q->choices->nelts; j++) {
            const qc_qchoice_t *c = &APR_ARRAY_IDX(q->choices, j, qc_qchoice_t);
            xmlNodePtr cn = xmlNewTextChild(n, ns, BAD_CAST "choice", BAD_CAST c->text);
            if (c->correct) {
                qc_xml_set(cn, "correct", "true");
            }
        }
        if (q->explanation && *q->explanation) {
            xmlNewTextChild(n, ns, BAD_CAST "explanation", BAD_CAST q->explanation);
        }
    }
    *out = qc_xml_serialise(p, doc, len);
    return APR_SUCCESS;
}
