/* Question-bank files: what every format shares (a growing string, text helpers, the reader's
 * state and the checks of a question, whole-file checks of size and encoding, XML parsed
 * without DTDs, entities or network), format detection and the reader's entry point, the
 * report as XML, and the writers' dispatch. Each format's own reader and writer are in
 * qc_qbank_<format>.c; the database side is lib/store/qc_qbank_store.c. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <apr_hash.h>
#include <apr_lib.h>
#include <apr_strings.h>
#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/tree.h>
#include <unicase.h>
#include <uninorm.h>
#include <unistr.h>

#include "qc_qbank.h"
#include "qc_qbank_internal.h"
#include "qc_status.h"
#include "qc_utf8.h"
#include "qc_util.h"
#include "qc_xml.h"
#include "qc_xmlarena.h"

/* ---- a growing string ------------------------------------------------------------------- */

/* ---- text helpers ----------------------------------------------------------------------- */

/* NFC, white space squeezed and trimmed: how every text of a bank is kept. */
const char *qc_qbank_clean(apr_pool_t *p, const char *s)
{
    const char *n = qc_utf8_nfc(p, s ? s : "");
    return qc_utf8_squeeze_space(p, n ? n : "");
}

/* Lower case (full Unicode case mapping), for comparing stems. */
const char *qc_qbank_lower(apr_pool_t *p, const char *s)
{
    size_t n = 0;
    uint8_t *l = u8_tolower((const uint8_t *)s, strlen(s), NULL, UNINORM_NFC, NULL, &n);
    const char *out;
    if (!l) {
        return s;
    }
    out = apr_pstrmemdup(p, (const char *)l, n);
    free(l);
    return out;
}

int qc_qbank_looks_html(const char *s)
{
    const char *c;
    for (c = s; *c; c++) {
        if (c[0] == '<' && (apr_isalpha(c[1]) || c[1] == '/' || c[1] == '!')) {
            return 1;
        }
        if (c[0] == '&' && (apr_isalnum(c[1]) || c[1] == '#') && strchr(c, ';')) {
            return 1;
        }
    }
    return 0;
}

static int is_block(const char *name)
{
    static const char *const blocks[] = {"p",  "div", "br",         "li",  "ul", "ol", "tr",
                                         "td", "th",  "table",      "h1",  "h2", "h3", "h4",
                                         "h5", "h6",  "blockquote", "pre", "hr", NULL};
    int i;
    for (i = 0; blocks[i]; i++) {
        if (!strcasecmp(name, blocks[i])) {
            return 1;
        }
    }
    return 0;
}

static void html_walk(xmlNodePtr n, qc_buf_t *b)
{
    for (; n; n = n->next) {
        if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
            if (n->content) {
                qc_buf_adds(b, (const char *)n->content);
            }
        }
        else if (n->type == XML_ELEMENT_NODE) {
            const char *name = (const char *)n->name;
            if (!strcasecmp(name, "script") || !strcasecmp(name, "style") ||
                !strcasecmp(name, "head") || !strcasecmp(name, "title")) {
                continue;
            }
            if (is_block(name)) {
                qc_buf_addc(b, ' ');
            }
            html_walk(n->children, b);
            if (is_block(name)) {
                qc_buf_addc(b, ' ');
            }
        }
    }
}

/*
 * HTML made safe by reducing it to its text: tags dropped (script and style with their
 * content), entities decoded, block boundaries kept as a space. The quiz page shows plain
 * text, escaped by the stylesheet, so nothing of the HTML reaches a browser as markup.
 */
const char *qc_qbank_html_to_text(apr_pool_t *p, const char *s)
{
    htmlDocPtr doc;
    qc_buf_t b;
    if (!qc_qbank_looks_html(s)) {
        return qc_qbank_clean(p, s);
    }
    doc = htmlReadMemory(s, (int)strlen(s), NULL, "UTF-8",
                         HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING);
    if (!doc) {
        return qc_qbank_clean(p, s);
    }
    qc_buf_init(&b, p, strlen(s) + 1);
    html_walk(xmlDocGetRootElement(doc), &b);
    xmlFreeDoc(doc);
    return qc_qbank_clean(p, b.s);
}

/* A file's own code is used as the question's code only when it looks like one. */
int qc_qbank_code_ok(const char *s)
{
    apr_size_t n = 0;
    if (!s || !*s) {
        return 0;
    }
    for (; *s; s++, n++) {
        if (!apr_isalnum(*s) && *s != '-' && *s != '_' && *s != '.') {
            return 0;
        }
    }
    return n <= 64;
}

/* At most 60 code points of text, for naming a question in a report. */
const char *qc_qbank_what_of(apr_pool_t *p, const char *code, const char *text)
{
    const char *s;
    int n = 0;
    if (code && *code) {
        return code;
    }
    if (!text) {
        return "";
    }
    for (s = text; *s; s++) {
        if (((unsigned char)*s & 0xc0) != 0x80 && ++n > 60) {
            return apr_pstrcat(p, apr_pstrmemdup(p, text, (apr_size_t)(s - text)), "…", NULL);
        }
    }
    return text;
}

const char *qc_qbank_stem_key(apr_pool_t *p, const char *text)
{
    return qc_qbank_lower(p, qc_qbank_clean(p, text ? text : ""));
}

const char *qc_qbank_question_code(apr_pool_t *p, const qc_qquestion_t *q)
{
    const char *key;
    if (q->code && *q->code) {
        return q->code;
    }
    key = qc_qbank_stem_key(p, q->text);
    return apr_pstrcat(p, "q-", apr_pstrndup(p, qc_util_sha256_hex(p, key, strlen(key)), 16), NULL);
}

const char *qc_qbank_topic_slug(apr_pool_t *p, const char *title)
{
    size_t n = 0, i = 0;
    const char *nfc = qc_qbank_clean(p, title ? title : "");
    uint8_t *d = u8_normalize(UNINORM_NFD, (const uint8_t *)nfc, strlen(nfc), NULL, &n);
    char out[49];
    apr_size_t o = 0;
    int dash = 0;
    if (!d) {
        return "chu-de";
    }
    while (i < n && o < sizeof(out) - 1) {
        ucs4_t uc;
        int k = u8_mbtouc(&uc, d + i, n - i);
        i += (size_t)(k > 0 ? k : 1);
        if (uc >= 0x300 && uc <= 0x36f) {
            continue;
        }
        if (uc == 0x111 || uc == 0x110) {
            uc = 'd';
        }
        if (uc < 0x80 && apr_isalnum(uc)) {
            if (dash && o > 0) {
                out[o++] = '-';
                if (o >= sizeof(out) - 1) {
                    break;
                }
            }
            out[o++] = (char)apr_tolower(uc);
            dash = 0;
        }
        else {
            dash = 1;
        }
    }
    free(d);
    while (o > 0 && out[o - 1] == '-') {
        o--;
    }
    out[o] = '\0';
    return o ? apr_pstrdup(p, out) : "chu-de";
}

/* ---- the reader's state and its report ---------------------------------------------------- */

static const char *format_msg(apr_pool_t *p, const qc_messages_t *msgs, const char *key, int nargs,
                              const char *const *args)
{
    const char *s;
    int i;
    if (msgs) {
        return qc_messages_format(p, msgs, key, nargs, args);
    }
    s = apr_pstrcat(p, "[", key, "]", NULL);
    for (i = 0; i < nargs; i++) {
        s = apr_pstrcat(p, s, i ? " | " : " ", args[i] ? args[i] : "", NULL);
    }
    return s;
}

static void report(qc_qbank_reader_t *r, apr_array_header_t *to, int line, const char *what,
                   const char *key, const char *a1, const char *a2, const char *a3)
{
    qc_qreject_t *j = apr_array_push(to);
    memset(j, 0, sizeof(*j));
    j->line = line;
    j->what = what ? what : "";
    j->key = key;
    j->args[0] = a1;
    j->args[1] = a2;
    j->args[2] = a3;
    j->nargs = a3 ? 3 : a2 ? 2 : a1 ? 1 : 0;
    j->reason = format_msg(r->p, r->msgs, key, j->nargs, j->args);
}

void qc_qbank_reject(qc_qbank_reader_t *r, int line, const char *what, const char *key,
                     const char *a1, const char *a2, const char *a3)
{
    report(r, r->bank->rejects, line, what, key, a1, a2, a3);
}

qc_qquestion_t *qc_qbank_new_question(qc_qbank_reader_t *r, int line)
{
    qc_qquestion_t *q = apr_pcalloc(r->p, sizeof(*q));
    r->label = NULL;
    q->line = line;
    q->kind = "single";
    q->text = "";
    q->explanation = "";
    q->topic_title = r->topic_title ? r->topic_title : QC_QBANK_DEFAULT_TOPIC;
    q->topic_code = r->topic_code;
    q->choices = apr_array_make(r->p, 6, sizeof(qc_qchoice_t));
    return q;
}

void qc_qbank_add_choice(qc_qbank_reader_t *r, qc_qquestion_t *q, const char *text, int correct)
{
    qc_qchoice_t *c = apr_array_push(q->choices);
    c->text = text;
    c->correct = correct;
    (void)r;
}

const char *qc_qbank_letter(apr_pool_t *p, int i)
{
    return apr_psprintf(p, "%c", 'A' + i);
}

/* The range of letters of n choices, "A–D". */
const char *qc_qbank_letter_range(apr_pool_t *p, int n)
{
    if (n <= 0) {
        return "-";
    }
    return n == 1 ? "A" : apr_psprintf(p, "A–%c", 'A' + n - 1);
}

/*
 * Checks every format shares, then accepts q: a stem, 2..QC_QBANK_MAX_CHOICES non-empty
 * distinct choices, one correct choice for "single", at least one for "multiple", a code
 * used once; a stem seen before is reported as a duplicate and left out.
 */
void qc_qbank_finish(qc_qbank_reader_t *r, qc_qquestion_t *q)
{
    apr_pool_t *p = r->p;
    const char *what = qc_qbank_what_of(p, q->code ? q->code : r->label, q->text), *key,
               *corrects = "";
    int i, j, n = q->choices->nelts, ncorrect = 0, *line;

    if (q->code && !qc_qbank_code_ok(q->code)) {
        qc_qbank_reject(r, q->line, what, "qbank.reject.bad_code", q->code, NULL, NULL);
        return;
    }
    if (!q->text || !*q->text) {
        qc_qbank_reject(r, q->line, what, "qbank.reject.empty_stem", NULL, NULL, NULL);
        return;
    }
    if (qc_utf8_length(q->topic_title) > QC_QBANK_MAX_TOPIC_CHARS) {
        qc_qbank_reject(r, q->line, what, "qbank.reject.topic_long",
                        apr_itoa(p, QC_QBANK_MAX_TOPIC_CHARS), NULL, NULL);
        return;
    }
    if (strlen(q->text) > QC_QBANK_MAX_TEXT_BYTES) {
        qc_qbank_reject(r, q->line, what, "qbank.reject.stem_long",
                        apr_psprintf(p, "%" APR_SIZE_T_FMT, strlen(q->text)),
                        apr_itoa(p, QC_QBANK_MAX_TEXT_BYTES), NULL);
        return;
    }
    if (q->explanation && strlen(q->explanation) > QC_QBANK_MAX_TEXT_BYTES) {
        qc_qbank_reject(r, q->line, what, "qbank.reject.explanation_long",
                        apr_psprintf(p, "%" APR_SIZE_T_FMT, strlen(q->explanation)),
                        apr_itoa(p, QC_QBANK_MAX_TEXT_BYTES), NULL);
        return;
    }
    if (n < 2) {
        qc_qbank_reject(r, q->line, what, "qbank.reject.few_choices", apr_itoa(p, n), NULL, NULL);
        return;
    }
    if (n > QC_QBANK_MAX_CHOICES) {
        qc_qbank_reject(r, q->line, what, "qbank.reject.many_choices", apr_itoa(p, n),
                        apr_itoa(p, QC_QBANK_MAX_CHOICES), NULL);
        return;
    }
    for (i = 0; i < n; i++) {
        const qc_qchoice_t *c = &APR_ARRAY_IDX(q->choices, i, qc_qchoice_t);
        if (!c->text || !*c->text) {
            qc_qbank_reject(r, q->line, what, "qbank.reject.empty_choice", qc_qbank_letter(p, i),
                            NULL, NULL);
            return;
        }
        if (strlen(c->text) > QC_QBANK_MAX_TEXT_BYTES) {
            qc_qbank_reject(r, q->line, what, "qbank.reject.choice_long", qc_qbank_letter(p, i),
                            apr_psprintf(p, "%" APR_SIZE_T_FMT, strlen(c->text)),
                            apr_itoa(p, QC_QBANK_MAX_TEXT_BYTES));
            return;
        }
        for (j = 0; j < i; j++) {
            const qc_qchoice_t *d = &APR_ARRAY_IDX(q->choices, j, qc_qchoice_t);
            if (!strcmp(qc_qbank_lower(p, c->text), qc_qbank_lower(p, d->text))) {
                qc_qbank_reject(r, q->line, what, "qbank.reject.same_choices",
                                qc_qbank_letter(p, j), qc_qbank_letter(p, i), NULL);
                return;
            }
        }
        if (c->correct) {
            corrects = apr_pstrcat(p, corrects, ncorrect ? ", " : "", qc_qbank_letter(p, i), NULL);
            ncorrect++;
        }
    }
    if (!strcmp(q->kind, "single") && ncorrect == 0) {
        qc_qbank_reject(r, q->line, what, "qbank.reject.single_none", NULL, NULL, NULL);
        return;
    }
    if (!strcmp(q->kind, "single") && ncorrect > 1) {
        qc_qbank_reject(r, q->line, what, "qbank.reject.single_many", apr_itoa(p, ncorrect),
                        corrects, NULL);
        return;
    }
    if (!strcmp(q->kind, "multiple") && ncorrect == 0) {
        qc_qbank_reject(r, q->line, what, "qbank.reject.multiple_none", NULL, NULL, NULL);
        return;
    }
    if (q->code && (line = apr_hash_get(r->codes, q->code, APR_HASH_KEY_STRING))) {
        qc_qbank_reject(r, q->line, what, "qbank.reject.code_reused", q->code, apr_itoa(p, *line),
                        NULL);
        return;
    }
    key = qc_qbank_stem_key(p, q->text);
    if ((line = apr_hash_get(r->stems, key, APR_HASH_KEY_STRING))) {
        report(r, r->bank->duplicates, q->line, what, "qbank.duplicate", apr_itoa(p, *line), NULL,
               NULL);
        return;
    }
    line = apr_palloc(p, sizeof(*line));
    *line = q->line;
    apr_hash_set(r->stems, key, APR_HASH_KEY_STRING, line);
    if (q->code) {
        apr_hash_set(r->codes, q->code, APR_HASH_KEY_STRING, line);
    }
    *(qc_qquestion_t *)apr_array_push(r->bank->questions) = *q;
}

/* ---- whole-file checks: size, encoding ---------------------------------------------------- */

static int line_at(const char *data, apr_size_t pos)
{
    int line = 1;
    apr_size_t i;
    for (i = 0; i < pos; i++) {
        line += data[i] == '\n';
    }
    return line;
}

apr_status_t qc_qbank_refuse(qc_qbank_reader_t *r, const char **errmsg, const char *key,
                             const char *a1, const char *a2)
{
    const char *args[2];
    args[0] = a1;
    args[1] = a2;
    *errmsg = format_msg(r->p, r->msgs, key, a2 ? 2 : a1 ? 1 : 0, args);
    return QC_EINPUT;
}

/*
 * Bytes that are not UTF-8 come from a "Save As" that picked another encoding: UTF-16 (Excel's
 * "Unicode Text", recognised by its BOM or by NUL bytes in every other position) or a
 * single-byte code page. Windows-1258 writes Vietnamese with bytes for đ/Đ, ơ, ư and the
 * combining tone marks that Windows-1252 text (French, German...) rarely has.
 */
static apr_status_t check_bytes(qc_qbank_reader_t *r, const char **data, apr_size_t *len,
                                const char **errmsg)
{
    const unsigned char *u = (const unsigned char *)*data;
    apr_size_t n = *len, i, nul_even = 0, nul_odd = 0, probe = n < 4096 ? n : 4096;
    const uint8_t *bad;

    if (n > QC_QBANK_MAX_BYTES) {
        return qc_qbank_refuse(r, errmsg, "qbank.err.too_large",
                               apr_psprintf(r->p, "%.1f", (double)n / (1024.0 * 1024.0)),
                               apr_itoa(r->p, QC_QBANK_MAX_BYTES / (1024 * 1024)));
    }
    if (n >= 4 && u[0] == 0xff && u[1] == 0xfe && u[2] == 0 && u[3] == 0) {
        return qc_qbank_refuse(r, errmsg, "qbank.err.utf16", "UTF-32 LE", NULL);
    }
    if (n >= 4 && u[0] == 0 && u[1] == 0 && u[2] == 0xfe && u[3] == 0xff) {
        return qc_qbank_refuse(r, errmsg, "qbank.err.utf16", "UTF-32 BE", NULL);
    }
    if (n >= 2 && u[0] == 0xff && u[1] == 0xfe) {
        return qc_qbank_refuse(r, errmsg, "qbank.err.utf16", "UTF-16 LE", NULL);
    }
    if (n >= 2 && u[0] == 0xfe && u[1] == 0xff) {
        return qc_qbank_refuse(r, errmsg, "qbank.err.utf16", "UTF-16 BE", NULL);
    }
    for (i = 0; i < probe; i++) {
        if (u[i] == 0) {
            if (i % 2) {
                nul_odd++;
            }
            else {
                nul_even++;
            }
        }
    }
    if (probe >= 4 && (nul_odd + nul_even) * 4 >= probe) {
        return qc_qbank_refuse(r, errmsg, "qbank.err.utf16",
                               nul_odd >= nul_even ? "UTF-16 LE" : "UTF-16 BE", NULL);
    }
    bad = u8_check(u, n);
    if (bad) {
        int vn = 0;
        for (i = 0; i < n; i++) {
            switch (u[i]) {
            case 0xd0:
            case 0xf0: /* Đ đ */
            case 0xd5:
            case 0xf5: /* Ơ ơ */
            case 0xdd:
            case 0xfd: /* Ư ư */
            case 0xcc:
            case 0xec:
            case 0xde:
            case 0xd2:
            case 0xf2: /* tone marks */
                vn++;
                break;
            default:
                break;
            }
        }
        return qc_qbank_refuse(r, errmsg, "qbank.err.legacy",
                               apr_itoa(r->p, line_at(*data, (apr_size_t)(bad - u))),
                               vn ? "Windows-1258" : "Windows-1252");
    }
    if (!qc_utf8_is_valid_text(*data, n)) {
        for (i = 0; i < n; i++) {
            if ((u[i] < 0x20 && u[i] != '\t' && u[i] != '\n' && u[i] != '\r') || u[i] == 0x7f ||
                (u[i] == 0xc2 && i + 1 < n && u[i + 1] <= 0x9f) ||
                (u[i] == 0xef && i + 2 < n && u[i + 1] == 0xbf && u[i + 2] >= 0xbe)) {
                break;
            }
        }
        return qc_qbank_refuse(r, errmsg, "qbank.err.control", apr_itoa(r->p, line_at(*data, i)),
                               NULL);
    }
    if (n >= 3 && u[0] == 0xef && u[1] == 0xbb && u[2] == 0xbf) {
        *data += 3;
        *len -= 3;
        n -= 3;
    }
    for (i = 0; i < n && apr_isspace((*data)[i]); i++) {
    }
    if (i == n) {
        return qc_qbank_refuse(r, errmsg, "qbank.err.empty", NULL, NULL);
    }
    return APR_SUCCESS;
}

/* ---- XML: parsed without DTDs, entities or network ---------------------------------------- */

typedef struct {
    int doctype_line;
    int error_line; /* the first error: later ones are often its echoes */
    const char *error;
    apr_pool_t *p;
} xml_guard_t;

static void on_error(void *ctx, xmlErrorPtr e)
{
    xmlParserCtxtPtr ctxt = ctx;
    xml_guard_t *g = ctxt ? ctxt->_private : NULL;
    if (g && !g->error && e && e->level >= XML_ERR_ERROR) {
        g->error_line = e->line;
        g->error = apr_pstrdup(g->p, e->message ? e->message : "");
    }
}

/* Called by libxml2 as soon as it has read "<!DOCTYPE name ...": before any entity declaration
 * of the internal subset, so nothing of it is ever expanded. */
static void on_doctype(void *ctx, const xmlChar *name, const xmlChar *external_id,
                       const xmlChar *system_id)
{
    xmlParserCtxtPtr ctxt = ctx;
    xml_guard_t *g = ctxt->_private;
    g->doctype_line = ctxt->input ? ctxt->input->line : 1;
    xmlStopParser(ctxt);
}

static apr_status_t free_doc(void *doc)
{
    xmlFreeDoc(doc);
    return APR_SUCCESS;
}

apr_status_t qc_qbank_parse_xml(qc_qbank_reader_t *r, const char *data, apr_size_t len,
                              xmlDocPtr *out, const char **errmsg)
{
    xmlParserCtxtPtr ctxt = xmlNewParserCtxt();
    xml_guard_t g = {0, 0, NULL, NULL};
    xmlDocPtr doc;
    apr_status_t rv = APR_SUCCESS;

    if (!ctxt) {
        return APR_ENOMEM;
    }
    ctxt->_private = &g;
    ctxt->sax->internalSubset = on_doctype;
    ctxt->sax->externalSubset = on_doctype;
    ctxt->sax->serror = on_error;
    g.p = r->p;
    /* no XML_PARSE_NOENT (no substitution), no DTD loading, no network */
    doc = xmlCtxtReadMemory(ctxt, data, (int)len, "question-bank.xml", "UTF-8",
                            XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
    if (g.doctype_line || (doc && (doc->intSubset || doc->extSubset))) {
        rv = qc_qbank_refuse(r, errmsg, "qbank.err.doctype",
                             apr_itoa(r->p, g.doctype_line ? g.doctype_line : 1), NULL);
    }
    else if (!doc) {
        const xmlError *e = xmlCtxtGetLastError(ctxt);
        const char *m = g.error ? g.error : e && e->message ? apr_pstrdup(r->p, e->message) : "";
        apr_size_t l = strlen(m);
        while (l > 0 && apr_isspace(m[l - 1])) {
            l--;
        }
        rv = qc_qbank_refuse(r, errmsg, "qbank.err.xml",
                             apr_itoa(r->p, g.error ? g.error_line
                                            : e     ? e->line
                                                    : 0),
                             apr_pstrmemdup(r->p, m, l));
    }
    if (rv != APR_SUCCESS) {
        if (doc) {
            xmlFreeDoc(doc);
        }
        xmlFreeParserCtxt(ctxt);
        return rv;
    }
    xmlFreeParserCtxt(ctxt);
    /* freed while the request's arena (if any) still owns its memory */
    apr_pool_cleanup_register(qc_xmlarena_pool(r->p), doc, free_doc, apr_pool_cleanup_null);
    *out = doc;
    return APR_SUCCESS;
}

xmlNodePtr qc_qbank_xml_child(xmlNodePtr n, const char *name)
{
    xmlNodePtr k;
    for (k = n ? n->children : NULL; k; k = k->next) {
        if (k->type == XML_ELEMENT_NODE && !strcmp((const char *)k->name, name)) {
            return k;
        }
    }
    return NULL;
}

const char *qc_qbank_xml_content(apr_pool_t *p, xmlNodePtr n)
{
    xmlChar *v;
    const char *s;
    if (!n) {
        return "";
    }
    v = xmlNodeGetContent(n);
    s = apr_pstrdup(p, v ? (const char *)v : "");
    if (v) {
        xmlFree(v);
    }
    return s;
}

const char *qc_qbank_xml_prop(apr_pool_t *p, xmlNodePtr n, const char *name)
{
    xmlChar *v = xmlGetProp(n, BAD_CAST name);
    const char *s = NULL;
    if (v) {
        s = apr_pstrdup(p, (const char *)v);
        xmlFree(v);
    }
    return s;
}

/* ---- format detection and the reader -------------------------------------------------------- */

const char *qc_qbank_format_of_name(const char *filename)
{
    apr_size_t n = filename ? strlen(filename) : 0;
    if (n >= 5 && !strcasecmp(filename + n - 5, ".xlsx")) {
        return "xlsx";
    }
    if (n >= 5 && !strcasecmp(filename + n - 5, ".docx")) {
        return "docx";
    }
    return NULL;
}

qc_qbank_t *qc_qbank_make(apr_pool_t *p, const char *format)
{
    qc_qbank_t *b = apr_pcalloc(p, sizeof(*b));
    b->format = format;
    b->questions = apr_array_make(p, 64, sizeof(qc_qquestion_t));
    b->rejects = apr_array_make(p, 8, sizeof(qc_qreject_t));
    b->duplicates = apr_array_make(p, 8, sizeof(qc_qreject_t));
    return b;
}

int qc_qbank_left_out(const qc_qbank_t *bank)
{
    return bank->rejects->nelts + bank->duplicates->nelts;
}

int qc_qbank_may_store(const qc_qbank_t *bank, int leave_out)
{
    return leave_out || qc_qbank_left_out(bank) == 0;
}

void qc_qbank_drop_known(apr_pool_t *p, qc_qbank_t *bank, apr_hash_t *known,
                         const qc_messages_t *msgs)
{
    qc_qbank_reader_t r;
    int i, kept = 0;
    memset(&r, 0, sizeof(r));
    r.p = p;
    r.msgs = msgs;
    r.bank = bank;
    for (i = 0; i < bank->questions->nelts; i++) {
        qc_qquestion_t *q = &APR_ARRAY_IDX(bank->questions, i, qc_qquestion_t);
        const char *code = qc_qbank_question_code(p, q), *other = NULL;
        apr_hash_t *codes = apr_hash_get(known, qc_qbank_stem_key(p, q->text), APR_HASH_KEY_STRING);
        if (codes && !apr_hash_get(codes, code, APR_HASH_KEY_STRING)) {
            /* one of the bank's codes for that stem, to name it */
            apr_hash_index_t *hi = apr_hash_first(p, codes);
            other = apr_hash_this_key(hi);
        }
        if (other) {
            report(&r, bank->duplicates, q->line, qc_qbank_what_of(p, q->code, q->text),
                   "qbank.duplicate_bank", other, NULL, NULL);
            continue;
        }
        if (kept != i) {
            APR_ARRAY_IDX(bank->questions, kept, qc_qquestion_t) = *q;
        }
        kept++;
    }
    bank->questions->nelts = kept;
}

apr_status_t qc_qbank_read(apr_pool_t *p, const char *data, apr_size_t len, const char *format,
                           const qc_messages_t *msgs, qc_qbank_t **bank, const char **errmsg)
{
    qc_qbank_reader_t r;
    apr_status_t rv;
    apr_size_t k = 0;
    const char *text;

    memset(&r, 0, sizeof(r));
    r.p = p;
    r.msgs = msgs;
    r.stems = apr_hash_make(p);
    r.codes = apr_hash_make(p);
    *errmsg = NULL;
    format = format && *format ? format : "auto";
    if (strcmp(format, "auto") && strcmp(format, "moodle") && strcmp(format, "gift") &&
        strcmp(format, "aiken") && strcmp(format, "csv") && strcmp(format, "native") &&
        strcmp(format, "xlsx") && strcmp(format, "docx")) {
        return qc_qbank_refuse(&r, errmsg, "qbank.err.format_name", format, NULL);
    }
    /* a workbook is a zip: read before the checks of a text file, which it would fail */
    if (!strcmp(format, "xlsx") || !strcmp(format, "docx") ||
        (!strcmp(format, "auto") && qc_qbank_looks_zip(data, len))) {
        if (len > QC_QBANK_MAX_BYTES) {
            return qc_qbank_refuse(&r, errmsg, "qbank.err.too_large",
                                   apr_psprintf(p, "%.1f", (double)len / (1024.0 * 1024.0)),
                                   apr_itoa(p, QC_QBANK_MAX_BYTES / (1024 * 1024)));
        }
        if (!strcmp(format, "auto")) {
            format = qc_qbank_zip_kind(&r, data, len);
        }
        r.bank = qc_qbank_make(p, format);
        if ((rv = !strcmp(format, "docx") ? qc_qbank_read_docx(&r, data, len, errmsg)
                                          : qc_qbank_read_xlsx(&r, data, len, errmsg)) !=
            APR_SUCCESS) {
            return rv;
        }
        *bank = r.bank;
        return APR_SUCCESS;
    }
    if (qc_qbank_looks_zip(data, len)) {
        return qc_qbank_refuse(&r, errmsg, "qbank.err.zip_not_text", format, NULL);
    }
    if ((rv = check_bytes(&r, &data, &len, errmsg)) != APR_SUCCESS) {
        return rv;
    }
    /* a NUL-terminated copy, so the line readers may use string functions */
    text = apr_pstrmemdup(p, data, len);
    while (k < len && apr_isspace(text[k])) {
        k++;
    }
    if (!strcmp(format, "auto")) {
        format = text[k] == '<'                     ? "xml"
                 : qc_qbank_looks_csv(p, text, len) ? "csv"
                 : qc_qbank_looks_aiken(text, len)  ? "aiken"
                 : qc_qbank_looks_gift(text, len)   ? "gift"
                                                    : NULL;
        if (!format) {
            return qc_qbank_refuse(&r, errmsg, "qbank.err.unknown_format", NULL, NULL);
        }
    }
    r.bank = qc_qbank_make(p, format);
    if (!strcmp(format, "xml") || !strcmp(format, "moodle") || !strcmp(format, "native")) {
        xmlDocPtr doc;
        xmlNodePtr root;
        if ((rv = qc_qbank_parse_xml(&r, text, len, &doc, errmsg)) != APR_SUCCESS) {
            return rv;
        }
        root = xmlDocGetRootElement(doc);
        if (root && !root->ns && !strcmp((const char *)root->name, "quiz") &&
            strcmp(format, "native")) {
            r.bank->format = "moodle";
            qc_qbank_read_moodle(&r, root);
        }
        else if (qc_qbank_is_native(root, "question-bank") && strcmp(format, "moodle")) {
            r.bank->format = "native";
            qc_qbank_read_native(&r, root);
        }
        else {
            return qc_qbank_refuse(&r, errmsg, "qbank.err.xml_root",
                                   root ? (const char *)root->name : "", QC_QBANK_NS);
        }
    }
    else if (!strcmp(format, "csv")) {
        if ((rv = qc_qbank_read_csv(&r, text, len, errmsg)) != APR_SUCCESS) {
            return rv;
        }
    }
    else if (!strcmp(format, "aiken")) {
        qc_qbank_read_aiken(&r, text, len);
    }
    else {
        qc_qbank_read_gift(&r, text, len);
    }
    *bank = r.bank;
    return APR_SUCCESS;
}

/* ---- the report as XML, for pages ------------------------------------------------------------ */

static void report_list(xmlNodePtr report, const apr_array_header_t *list, const char *name)
{
    int i;
    for (i = 0; i < list->nelts; i++) {
        const qc_qreject_t *j = &APR_ARRAY_IDX(list, i, qc_qreject_t);
        xmlNodePtr n = qc_xml_add(report, name, j->reason);
        qc_xml_set_int(n, "line", j->line);
        qc_xml_set(n, "what", j->what);
        qc_xml_set(n, "key", j->key);
    }
}

xmlNodePtr qc_qbank_report_xml(xmlNodePtr parent, const qc_qbank_t *bank, int max_questions)
{
    xmlNodePtr report = qc_xml_add(parent, "qbank-report", NULL);
    int i, j;
    qc_xml_set(report, "format", bank->format);
    qc_xml_set_int(report, "accepted", bank->questions->nelts);
    qc_xml_set_int(report, "rejected", bank->rejects->nelts);
    qc_xml_set_int(report, "duplicates", bank->duplicates->nelts);
    report_list(report, bank->rejects, "reject");
    report_list(report, bank->duplicates, "duplicate");
    for (i = 0; i < bank->questions->nelts && (max_questions < 0 || i < max_questions); i++) {
        const qc_qquestion_t *q = &APR_ARRAY_IDX(bank->questions, i, qc_qquestion_t);
        xmlNodePtr n = qc_xml_add(report, "question", NULL);
        qc_xml_set_int(n, "line", q->line);
        qc_xml_set(n, "code", q->code);
        qc_xml_set(n, "topic", q->topic_title);
        qc_xml_set(n, "kind", q->kind);
        qc_xml_add(n, "text", q->text);
        for (j = 0; j < q->choices->nelts; j++) {
            const qc_qchoice_t *c = &APR_ARRAY_IDX(q->choices, j, qc_qchoice_t);
            qc_xml_set_int(qc_xml_add(n, "choice", c->text), "correct", c->correct);
        }
        if (q->explanation && *q->explanation) {
            qc_xml_add(n, "explanation", q->explanation);
        }
    }
    return report;
}

/* ---- shared by the writers ---------------------------------------------------------------- */

int qc_qbank_same_topic(const qc_qquestion_t *a, const qc_qquestion_t *b)
{
    if (!a) {
        return 0;
    }
    if ((a->topic_code == NULL) != (b->topic_code == NULL) ||
        (a->topic_code && strcmp(a->topic_code, b->topic_code))) {
        return 0;
    }
    return !strcmp(a->topic_title, b->topic_title);
}

apr_status_t qc_qbank_write(apr_pool_t *p, const qc_qbank_t *bank, const char *format,
                            const char **out, apr_size_t *len)
{
    if (format && !strcmp(format, "moodle")) {
        return qc_qbank_write_moodle(p, bank, out, len);
    }
    if (format && !strcmp(format, "csv")) {
        return qc_qbank_write_csv(p, bank, out, len);
    }
    if (format && !strcmp(format, "native")) {
        return qc_qbank_write_native(p, bank, out, len);
    }
    return APR_ENOTIMPL;
}
