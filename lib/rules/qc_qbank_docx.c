/* Word documents (.docx) in the form Vietnamese banks are usually typed: a numbered stem
 * ("Câu 1." "Câu 1:" or "1."), then options "A." to "J." (or "A)") each in its own paragraph,
 * the right one in bold or underlined (in the option's text, not only its letter) or marked
 * with "*" before or after it. Every question is single-answer. A paragraph after the options
 * that is neither an option nor a new stem (a heading, a note) ends the question. The zip is
 * read with the bounds of qc_qbank_xlsx.c and word/document.xml parsed like every XML bank.
 * The report's line is the paragraph's number in the document; the question is named by its
 * number ("Câu 3"). Read only. */
#include <stdlib.h>
#include <string.h>
#include <apr_lib.h>
#include <apr_strings.h>
#include <libxml/tree.h>

#include "qc_qbank.h"
#include "qc_qbank_internal.h"
#include "qc_status.h"

#define W_NS "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

static int is_w(xmlNodePtr n, const char *name)
{
    return n && n->type == XML_ELEMENT_NODE && !strcmp((const char *)n->name, name) && n->ns &&
           !strcmp((const char *)n->ns->href, W_NS);
}

static xmlNodePtr w_child(xmlNodePtr n, const char *name)
{
    xmlNodePtr k;
    for (k = n ? n->children : NULL; k; k = k->next) {
        if (is_w(k, name)) {
            return k;
        }
    }
    return NULL;
}

/* <w:b/>, <w:b w:val="1"/> are on; w:val "0", "false", "none" (underline) are off. */
static int toggle_on(xmlNodePtr n)
{
    xmlChar *v;
    int on = 1;
    if (!n) {
        return 0;
    }
    v = xmlGetNsProp(n, BAD_CAST "val", BAD_CAST W_NS);
    if (v) {
        on = strcmp((const char *)v, "0") && strcmp((const char *)v, "false") &&
             strcmp((const char *)v, "none");
        xmlFree(v);
    }
    return on;
}

/* A paragraph's text, with a flag per byte: in a bold or underlined run. */
typedef struct {
    qc_buf_t text;
    qc_buf_t marked; /* '1' or '0' per byte of text */
} para_t;

static void para_add(para_t *pa, const char *s, int mark)
{
    apr_size_t i, n = strlen(s);
    qc_buf_add(&pa->text, s, n);
    for (i = 0; i < n; i++) {
        qc_buf_addc(&pa->marked, mark ? '1' : '0');
    }
}

static void runs(xmlNodePtr n, para_t *pa)
{
    for (; n; n = n->next) {
        if (is_w(n, "r")) {
            xmlNodePtr rpr = w_child(n, "rPr"), k;
            int mark = toggle_on(w_child(rpr, "b")) || toggle_on(w_child(rpr, "u"));
            for (k = n->children; k; k = k->next) {
                if (is_w(k, "t")) {
                    xmlChar *v = xmlNodeGetContent(k);
                    if (v) {
                        para_add(pa, (const char *)v, mark);
                        xmlFree(v);
                    }
                }
                else if (is_w(k, "tab") || is_w(k, "br")) {
                    para_add(pa, " ", 0);
                }
            }
        }
        else if (n->type == XML_ELEMENT_NODE && !is_w(n, "pPr") && !is_w(n, "del")) {
            runs(n->children, pa); /* hyperlinks, smart tags, insertions */
        }
    }
}

typedef struct {
    qc_qbank_reader_t *r;
    qc_qquestion_t *q;
    int nopt;   /* options so far */
    int ended;  /* a paragraph after the options ended the question */
    int paragraph;
} docx_t;

static void finish(docx_t *d)
{
    if (d->q) {
        qc_qbank_finish(d->r, d->q);
    }
    d->q = NULL;
}

/* "Câu 12." "Câu 12:" "CÂU 12 -" "12." "12)": the number and the text after it, or 0. */
static int stem_number(const char *s, const char **rest)
{
    const char *c = s;
    char *end;
    long n;
    if (!strncasecmp(c, "Câu", strlen("Câu")) || !strncmp(c, "CÂU", strlen("CÂU"))) {
        c += strlen("Câu");
        while (*c == ' ') {
            c++;
        }
        if (!apr_isdigit(*c)) {
            return 0;
        }
        n = strtol(c, &end, 10);
        while (*end == ' ') {
            end++;
        }
        if (*end == '.' || *end == ':' || *end == ')' || *end == '-') {
            end++;
        }
    }
    else {
        if (!apr_isdigit(*c)) {
            return 0;
        }
        n = strtol(c, &end, 10);
        if (*end != '.' && *end != ')') {
            return 0;
        }
        end++;
        if (*end && *end != ' ') {
            return 0; /* "1.5 triệu" is not a stem */
        }
    }
    if (n <= 0 || n > 1000000) {
        return 0;
    }
    *rest = end;
    return (int)n;
}

/* The paragraph's text and marks from byte `from`: trimmed, "*" taken off and noted. */
static const char *option_text(apr_pool_t *p, const para_t *pa, apr_size_t from, int *correct)
{
    const char *s = pa->text.s + from;
    apr_size_t n = strlen(s), i;
    int bold = 0;
    for (i = 0; i < n; i++) {
        if (!apr_isspace(s[i]) && s[i] != '*' && pa->marked.s[from + i] == '1') {
            bold = 1;
        }
    }
    while (n > 0 && apr_isspace(s[n - 1])) {
        n--;
    }
    while (*s == ' ' || *s == '\t') {
        s++;
        n--;
    }
    *correct = bold;
    if (n > 0 && s[0] == '*') {
        *correct = 1;
        s++;
        n--;
    }
    else if (n > 0 && s[n - 1] == '*') {
        *correct = 1;
        n--;
    }
    return qc_qbank_clean(p, apr_pstrmemdup(p, s, n));
}

static void paragraph(docx_t *d, const para_t *pa)
{
    apr_pool_t *p = d->r->p;
    const char *t = pa->text.s, *rest;
    apr_size_t lead = 0;
    int num, correct;

    while (t[lead] == ' ' || t[lead] == '\t') {
        lead++;
    }
    if (!t[lead]) {
        return; /* an empty paragraph separates nothing */
    }
    /* an option: "A." "A)" "*A." with the letter expected next */
    {
        apr_size_t k = lead;
        int star = 0;
        if (t[k] == '*') {
            star = 1;
            k++;
        }
        if (d->q && !d->ended && apr_isupper(t[k]) && t[k] - 'A' == d->nopt &&
            (t[k + 1] == '.' || t[k + 1] == ')') && (t[k + 2] == ' ' || t[k + 2] == '\t' ||
                                                     t[k + 2] == '\0' || t[k + 2] == '*')) {
            const char *text = option_text(p, pa, k + 2, &correct);
            qc_qbank_add_choice(d->r, d->q, text, correct || star);
            d->nopt++;
            return;
        }
    }
    num = stem_number(t + lead, &rest);
    if (num) {
        finish(d);
        d->q = qc_qbank_new_question(d->r, d->paragraph);
        d->r->label = apr_psprintf(p, "Câu %d", num);
        d->q->text = qc_qbank_clean(p, rest);
        d->nopt = 0;
        d->ended = 0;
        return;
    }
    if (d->q && d->nopt == 0) {
        /* the stem goes on in the next paragraph */
        d->q->text = qc_qbank_clean(p, apr_pstrcat(p, d->q->text, " ", t + lead, NULL));
        return;
    }
    if (d->q) {
        d->ended = 1; /* a heading or a note after the options */
    }
}

static void walk(docx_t *d, xmlNodePtr n)
{
    for (; n; n = n->next) {
        if (is_w(n, "p")) {
            para_t pa;
            qc_buf_init(&pa.text, d->r->p, 128);
            qc_buf_init(&pa.marked, d->r->p, 128);
            d->paragraph++;
            runs(n->children, &pa);
            paragraph(d, &pa);
        }
        else if (n->type == XML_ELEMENT_NODE) {
            walk(d, n->children); /* tables, content controls */
        }
    }
}

apr_status_t qc_qbank_read_docx(qc_qbank_reader_t *r, const char *data, apr_size_t len,
                                const char **errmsg)
{
    qc_qbank_zip_t x;
    xmlDocPtr doc;
    xmlNodePtr body;
    docx_t d;
    apr_status_t rv;
    int before;

    if ((rv = qc_qbank_zip_open(r, data, len, "qbank.err.not_docx", &x, errmsg)) !=
        APR_SUCCESS) {
        return rv;
    }
    rv = qc_qbank_zip_xml(&x, "word/document.xml", &doc, errmsg);
    if (rv == APR_ENOENT) {
        return qc_qbank_refuse(r, errmsg, "qbank.err.docx_no_document", NULL, NULL);
    }
    if (rv != APR_SUCCESS) {
        return rv;
    }
    body = w_child(xmlDocGetRootElement(doc), "body");
    memset(&d, 0, sizeof(d));
    d.r = r;
    before = r->bank->questions->nelts + r->bank->rejects->nelts + r->bank->duplicates->nelts;
    walk(&d, body ? body->children : NULL);
    finish(&d);
    if (r->bank->questions->nelts + r->bank->rejects->nelts + r->bank->duplicates->nelts ==
        before) {
        return qc_qbank_refuse(r, errmsg, "qbank.err.docx_no_question", NULL, NULL);
    }
    return APR_SUCCESS;
}
