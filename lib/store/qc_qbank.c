/* Question-bank exchange formats: readers (Moodle XML, GIFT, Aiken, CSV, native XML) that put
 * bad questions aside with their line and reason, and writers (Moodle XML, CSV, native XML).
 * The database side (store, load) is in qc_qbank_db.c. */
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

#include "qc_xmlarena.h"
#include "qc_csv.h"
#include "qc_qbank.h"
#include "qc_status.h"
#include "qc_utf8.h"
#include "qc_util.h"
#include "qc_xml.h"

/* The two choices of a true/false question: data stored in the bank, not page texts. */
#define TEXT_TRUE "Đúng"
#define TEXT_FALSE "Sai"

/* ---- a growing string ------------------------------------------------------------------- */

typedef struct {
    apr_pool_t *p;
    char *s;
    apr_size_t len, cap;
} buf_t;

static void buf_init(buf_t *b, apr_pool_t *p, apr_size_t cap)
{
    b->p = p;
    b->cap = cap < 64 ? 64 : cap;
    b->s = apr_palloc(p, b->cap);
    b->len = 0;
    b->s[0] = '\0';
}

static void buf_add(buf_t *b, const char *s, apr_size_t n)
{
    if (b->len + n + 1 > b->cap) {
        apr_size_t cap = b->cap * 2;
        char *ns;
        while (cap < b->len + n + 1) {
            cap *= 2;
        }
        ns = apr_palloc(b->p, cap);
        memcpy(ns, b->s, b->len);
        b->s = ns;
        b->cap = cap;
    }
    memcpy(b->s + b->len, s, n);
    b->len += n;
    b->s[b->len] = '\0';
}

static void buf_adds(buf_t *b, const char *s)
{
    buf_add(b, s, strlen(s));
}

static void buf_addc(buf_t *b, char c)
{
    buf_add(b, &c, 1);
}

/* ---- text helpers ----------------------------------------------------------------------- */

/* NFC, white space squeezed and trimmed: how every text of a bank is kept. */
static const char *clean(apr_pool_t *p, const char *s)
{
    const char *n = qc_utf8_nfc(p, s ? s : "");
    return qc_utf8_squeeze_space(p, n ? n : "");
}

/* Lower case (full Unicode case mapping), for comparing stems. */
static const char *lower(apr_pool_t *p, const char *s)
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

static int looks_html(const char *s)
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

static void html_walk(xmlNodePtr n, buf_t *b)
{
    for (; n; n = n->next) {
        if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
            if (n->content) {
                buf_adds(b, (const char *)n->content);
            }
        }
        else if (n->type == XML_ELEMENT_NODE) {
            const char *name = (const char *)n->name;
            if (!strcasecmp(name, "script") || !strcasecmp(name, "style") ||
                !strcasecmp(name, "head") || !strcasecmp(name, "title")) {
                continue;
            }
            if (is_block(name)) {
                buf_addc(b, ' ');
            }
            html_walk(n->children, b);
            if (is_block(name)) {
                buf_addc(b, ' ');
            }
        }
    }
}

/*
 * HTML made safe by reducing it to its text: tags dropped (script and style with their
 * content), entities decoded, block boundaries kept as a space. The quiz page shows plain
 * text, escaped by the stylesheet, so nothing of the HTML reaches a browser as markup.
 */
static const char *html_to_text(apr_pool_t *p, const char *s)
{
    htmlDocPtr doc;
    buf_t b;
    if (!looks_html(s)) {
        return clean(p, s);
    }
    doc = htmlReadMemory(s, (int)strlen(s), NULL, "UTF-8",
                         HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING);
    if (!doc) {
        return clean(p, s);
    }
    buf_init(&b, p, strlen(s) + 1);
    html_walk(xmlDocGetRootElement(doc), &b);
    xmlFreeDoc(doc);
    return clean(p, b.s);
}

/* A file's own code is used as the question's code only when it looks like one. */
static int code_ok(const char *s)
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
static const char *what_of(apr_pool_t *p, const char *code, const char *text)
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

static const char *stem_key(apr_pool_t *p, const char *text)
{
    return lower(p, clean(p, text));
}

const char *qc_qbank_question_code(apr_pool_t *p, const qc_qquestion_t *q)
{
    const char *key;
    if (q->code && *q->code) {
        return q->code;
    }
    key = stem_key(p, q->text ? q->text : "");
    return apr_pstrcat(p, "q-", apr_pstrndup(p, qc_util_sha256_hex(p, key, strlen(key)), 16), NULL);
}

const char *qc_qbank_topic_slug(apr_pool_t *p, const char *title)
{
    size_t n = 0, i = 0;
    const char *nfc = clean(p, title ? title : "");
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

typedef struct {
    apr_pool_t *p;
    const qc_messages_t *msgs;
    qc_qbank_t *bank;
    apr_hash_t *stems; /* stem key -> first line (int *) */
    apr_hash_t *codes; /* code -> first line (int *) */
    const char *topic_title;
    const char *topic_code;
    const char *label; /* the current question's title or name, to name it in the report */
} rd_t;

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

static void report(rd_t *r, apr_array_header_t *to, int line, const char *what, const char *key,
                   const char *a1, const char *a2, const char *a3)
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

static void reject(rd_t *r, int line, const char *what, const char *key, const char *a1,
                   const char *a2, const char *a3)
{
    report(r, r->bank->rejects, line, what, key, a1, a2, a3);
}

static qc_qquestion_t *new_question(rd_t *r, int line)
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

static void add_choice(rd_t *r, qc_qquestion_t *q, const char *text, int correct)
{
    qc_qchoice_t *c = apr_array_push(q->choices);
    c->text = text;
    c->correct = correct;
    (void)r;
}

static const char *letter(apr_pool_t *p, int i)
{
    return apr_psprintf(p, "%c", 'A' + i);
}

/* The range of letters of n choices, "A–D". */
static const char *letter_range(apr_pool_t *p, int n)
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
static void finish(rd_t *r, qc_qquestion_t *q)
{
    apr_pool_t *p = r->p;
    const char *what = what_of(p, q->code ? q->code : r->label, q->text), *key, *corrects = "";
    int i, j, n = q->choices->nelts, ncorrect = 0, *line;

    if (q->code && !code_ok(q->code)) {
        reject(r, q->line, what, "qbank.reject.bad_code", q->code, NULL, NULL);
        return;
    }
    if (!q->text || !*q->text) {
        reject(r, q->line, what, "qbank.reject.empty_stem", NULL, NULL, NULL);
        return;
    }
    if (qc_utf8_length(q->topic_title) > 300) {
        reject(r, q->line, what, "qbank.reject.topic_long", NULL, NULL, NULL);
        return;
    }
    if (n < 2) {
        reject(r, q->line, what, "qbank.reject.few_choices", apr_itoa(p, n), NULL, NULL);
        return;
    }
    if (n > QC_QBANK_MAX_CHOICES) {
        reject(r, q->line, what, "qbank.reject.many_choices", apr_itoa(p, n),
               apr_itoa(p, QC_QBANK_MAX_CHOICES), NULL);
        return;
    }
    for (i = 0; i < n; i++) {
        const qc_qchoice_t *c = &APR_ARRAY_IDX(q->choices, i, qc_qchoice_t);
        if (!c->text || !*c->text) {
            reject(r, q->line, what, "qbank.reject.empty_choice", letter(p, i), NULL, NULL);
            return;
        }
        for (j = 0; j < i; j++) {
            const qc_qchoice_t *d = &APR_ARRAY_IDX(q->choices, j, qc_qchoice_t);
            if (!strcmp(lower(p, c->text), lower(p, d->text))) {
                reject(r, q->line, what, "qbank.reject.same_choices", letter(p, j), letter(p, i),
                       NULL);
                return;
            }
        }
        if (c->correct) {
            corrects = apr_pstrcat(p, corrects, ncorrect ? ", " : "", letter(p, i), NULL);
            ncorrect++;
        }
    }
    if (!strcmp(q->kind, "single") && ncorrect == 0) {
        reject(r, q->line, what, "qbank.reject.single_none", NULL, NULL, NULL);
        return;
    }
    if (!strcmp(q->kind, "single") && ncorrect > 1) {
        reject(r, q->line, what, "qbank.reject.single_many", apr_itoa(p, ncorrect), corrects, NULL);
        return;
    }
    if (!strcmp(q->kind, "multiple") && ncorrect == 0) {
        reject(r, q->line, what, "qbank.reject.multiple_none", NULL, NULL, NULL);
        return;
    }
    if (q->code && (line = apr_hash_get(r->codes, q->code, APR_HASH_KEY_STRING))) {
        reject(r, q->line, what, "qbank.reject.code_reused", q->code, apr_itoa(p, *line), NULL);
        return;
    }
    key = stem_key(p, q->text);
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

static apr_status_t refuse(rd_t *r, const char **errmsg, const char *key, const char *a1,
                           const char *a2)
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
static apr_status_t check_bytes(rd_t *r, const char **data, apr_size_t *len, const char **errmsg)
{
    const unsigned char *u = (const unsigned char *)*data;
    apr_size_t n = *len, i, nul_even = 0, nul_odd = 0, probe = n < 4096 ? n : 4096;
    const uint8_t *bad;

    if (n > QC_QBANK_MAX_BYTES) {
        return refuse(r, errmsg, "qbank.err.too_large",
                      apr_psprintf(r->p, "%.1f", (double)n / (1024.0 * 1024.0)),
                      apr_itoa(r->p, QC_QBANK_MAX_BYTES / (1024 * 1024)));
    }
    if (n >= 4 && u[0] == 0xff && u[1] == 0xfe && u[2] == 0 && u[3] == 0) {
        return refuse(r, errmsg, "qbank.err.utf16", "UTF-32 LE", NULL);
    }
    if (n >= 4 && u[0] == 0 && u[1] == 0 && u[2] == 0xfe && u[3] == 0xff) {
        return refuse(r, errmsg, "qbank.err.utf16", "UTF-32 BE", NULL);
    }
    if (n >= 2 && u[0] == 0xff && u[1] == 0xfe) {
        return refuse(r, errmsg, "qbank.err.utf16", "UTF-16 LE", NULL);
    }
    if (n >= 2 && u[0] == 0xfe && u[1] == 0xff) {
        return refuse(r, errmsg, "qbank.err.utf16", "UTF-16 BE", NULL);
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
        return refuse(r, errmsg, "qbank.err.utf16", nul_odd >= nul_even ? "UTF-16 LE" : "UTF-16 BE",
                      NULL);
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
        return refuse(r, errmsg, "qbank.err.legacy",
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
        return refuse(r, errmsg, "qbank.err.control", apr_itoa(r->p, line_at(*data, i)), NULL);
    }
    if (n >= 3 && u[0] == 0xef && u[1] == 0xbb && u[2] == 0xbf) {
        *data += 3;
        *len -= 3;
        n -= 3;
    }
    for (i = 0; i < n && apr_isspace((*data)[i]); i++) {
    }
    if (i == n) {
        return refuse(r, errmsg, "qbank.err.empty", NULL, NULL);
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

static apr_status_t parse_xml(rd_t *r, const char *data, apr_size_t len, xmlDocPtr *out,
                              const char **errmsg)
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
        rv = refuse(r, errmsg, "qbank.err.doctype",
                    apr_itoa(r->p, g.doctype_line ? g.doctype_line : 1), NULL);
    }
    else if (!doc) {
        const xmlError *e = xmlCtxtGetLastError(ctxt);
        const char *m = g.error ? g.error : e && e->message ? apr_pstrdup(r->p, e->message) : "";
        apr_size_t l = strlen(m);
        while (l > 0 && apr_isspace(m[l - 1])) {
            l--;
        }
        rv = refuse(r, errmsg, "qbank.err.xml",
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

static xmlNodePtr child(xmlNodePtr n, const char *name)
{
    xmlNodePtr k;
    for (k = n ? n->children : NULL; k; k = k->next) {
        if (k->type == XML_ELEMENT_NODE && !strcmp((const char *)k->name, name)) {
            return k;
        }
    }
    return NULL;
}

static const char *raw_content(apr_pool_t *p, xmlNodePtr n)
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

/* ---- native question-bank XML --------------------------------------------------------------- */

static int is_native(xmlNodePtr n, const char *name)
{
    return n && n->type == XML_ELEMENT_NODE && n->ns &&
           !strcmp((const char *)n->ns->href, QC_QBANK_NS) && !strcmp((const char *)n->name, name);
}

static void read_native(rd_t *r, xmlNodePtr root)
{
    apr_pool_t *p = r->p;
    xmlNodePtr t, q, k;
    for (t = root->children; t; t = t->next) {
        const char *tcode, *title;
        int skipped = 0;
        if (!is_native(t, "topic")) {
            continue;
        }
        tcode = prop(p, t, "code");
        title = prop(p, t, "title");
        if (!tcode || !*tcode || !title || !*clean(p, title) || !code_ok(tcode)) {
            for (q = t->children; q; q = q->next) {
                skipped += is_native(q, "question");
            }
            reject(r, (int)xmlGetLineNo(t), tcode ? tcode : clean(p, title),
                   "qbank.reject.native_topic", apr_itoa(p, skipped), NULL, NULL);
            continue;
        }
        r->topic_code = tcode;
        r->topic_title = clean(p, title);
        for (q = t->children; q; q = q->next) {
            qc_qquestion_t *qq;
            const char *kind;
            if (!is_native(q, "question")) {
                continue;
            }
            qq = new_question(r, (int)xmlGetLineNo(q));
            qq->code = prop(p, q, "code");
            kind = prop(p, q, "kind");
            for (k = q->children; k; k = k->next) {
                if (is_native(k, "text")) {
                    qq->text = clean(p, raw_content(p, k));
                }
                else if (is_native(k, "explanation")) {
                    qq->explanation = clean(p, raw_content(p, k));
                }
                else if (is_native(k, "choice")) {
                    const char *correct = prop(p, k, "correct");
                    add_choice(r, qq, clean(p, raw_content(p, k)),
                               correct && (!strcmp(correct, "true") || !strcmp(correct, "1")));
                }
            }
            if (!qq->code || !*qq->code) {
                reject(r, qq->line, what_of(p, NULL, qq->text), "qbank.reject.native_code", NULL,
                       NULL, NULL);
                continue;
            }
            if (kind && strcmp(kind, "single") && strcmp(kind, "multiple")) {
                reject(r, qq->line, qq->code, "qbank.reject.bad_kind", kind, NULL, NULL);
                continue;
            }
            qq->kind = kind ? kind : "single";
            finish(r, qq);
        }
    }
}

/* ---- Moodle XML ------------------------------------------------------------------------------ */

/* "$course$/top/Chủ đề A" -> "Chủ đề A": the last level of the category path ("//" is a '/'
 * inside a name). */
static const char *category_title(apr_pool_t *p, const char *path)
{
    const char *s = path, *last = "";
    buf_t b;
    buf_init(&b, p, strlen(path) + 1);
    for (;;) {
        if (*s == '/' && s[1] == '/') {
            buf_addc(&b, '/');
            s += 2;
            continue;
        }
        if (*s == '/' || *s == '\0') {
            const char *part = clean(p, b.s);
            if (*part && part[0] != '$' && strcmp(part, "top")) {
                last = part;
            }
            if (*s == '\0') {
                break;
            }
            buf_init(&b, p, strlen(s) + 1);
            s++;
            continue;
        }
        buf_addc(&b, *s++);
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
    format = prop(p, n, "format");
    s = raw_content(p, child(n, "text"));
    if (format && !strcmp(format, "plain_text")) {
        return clean(p, s);
    }
    return html_to_text(p, s);
}

static void read_moodle(rd_t *r, xmlNodePtr root)
{
    apr_pool_t *p = r->p;
    xmlNodePtr n, a;
    for (n = root->children; n; n = n->next) {
        const char *type, *name, *idnumber, *single;
        qc_qquestion_t *q;
        if (n->type != XML_ELEMENT_NODE || strcmp((const char *)n->name, "question")) {
            continue;
        }
        type = prop(p, n, "type");
        type = type ? type : "";
        if (!strcmp(type, "category")) {
            const char *code = clean(p, raw_content(p, child(n, "idnumber")));
            r->topic_title = category_title(p, raw_content(p, child(child(n, "category"), "text")));
            r->topic_code = code_ok(code) ? code : NULL;
            continue;
        }
        q = new_question(r, (int)xmlGetLineNo(n));
        name = clean(p, raw_content(p, child(child(n, "name"), "text")));
        idnumber = clean(p, raw_content(p, child(n, "idnumber")));
        /* only idnumber identifies a question: names are often "Q1" in every file */
        q->code = *idnumber ? idnumber : NULL;
        r->label = *name ? name : NULL;
        q->text = moodle_text(p, child(n, "questiontext"));
        q->explanation = moodle_text(p, child(n, "generalfeedback"));
        if (strcmp(type, "multichoice") && strcmp(type, "truefalse")) {
            reject(r, q->line, what_of(p, q->code ? q->code : r->label, q->text),
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
                fr = prop(p, a, "fraction");
                txt = lower(p, clean(p, raw_content(p, child(a, "text"))));
                if (fr && atof(fr) >= 99.99) {
                    if (!strcmp(txt, "true")) {
                        t = 1;
                    }
                    else {
                        f = 1;
                    }
                }
            }
            add_choice(r, q, TEXT_TRUE, t);
            add_choice(r, q, TEXT_FALSE, f);
            finish(r, q);
            continue;
        }
        single = lower(p, clean(p, raw_content(p, child(n, "single"))));
        q->kind = (!strcmp(single, "false") || !strcmp(single, "0")) ? "multiple" : "single";
        for (a = n->children; a; a = a->next) {
            const char *fr;
            double f;
            if (a->type != XML_ELEMENT_NODE || strcmp((const char *)a->name, "answer")) {
                continue;
            }
            fr = prop(p, a, "fraction");
            f = fr ? atof(fr) : 0;
            add_choice(r, q, moodle_text(p, a), !strcmp(q->kind, "single") ? f >= 99.99 : f > 0.0);
        }
        finish(r, q);
    }
}

/* ---- GIFT ------------------------------------------------------------------------------------ */

/* Position of the first c in s[from..to) not escaped by a backslash, or -1. */
static long find_unescaped(const char *s, long from, long to, char c)
{
    long i;
    for (i = from; i < to; i++) {
        if (s[i] == '\\' && i + 1 < to) {
            i++;
            continue;
        }
        if (s[i] == c) {
            return i;
        }
    }
    return -1;
}

/* GIFT's escapes \= \~ \# \{ \} \: \\ and \n, removed. */
static const char *gift_unescape(apr_pool_t *p, const char *s, long from, long to)
{
    buf_t b;
    long i;
    buf_init(&b, p, (apr_size_t)(to - from) + 1);
    for (i = from; i < to; i++) {
        if (s[i] == '\\' && i + 1 < to) {
            i++;
            buf_addc(&b, s[i] == 'n' ? '\n' : s[i]);
        }
        else {
            buf_addc(&b, s[i]);
        }
    }
    return b.s;
}

static const char *gift_text(apr_pool_t *p, const char *s, long from, long to, int html)
{
    const char *t = gift_unescape(p, s, from, to);
    return html || looks_html(t) ? html_to_text(p, t) : clean(p, t);
}

static void gift_question(rd_t *r, const char *s, int line)
{
    apr_pool_t *p = r->p;
    long len = (long)strlen(s), i = 0, open, close, end;
    qc_qquestion_t *q = new_question(r, line);
    const char *before, *after, *ans, *title = NULL;
    int html = 0, has_tilde = 0, positive_weight = 0, k;
    typedef struct {
        char mark;
        double weight;
        int weighted;
        const char *text;
    } gift_answer_t;
    apr_array_header_t *answers = apr_array_make(p, 6, sizeof(gift_answer_t));

    while (i < len && apr_isspace(s[i])) {
        i++;
    }
    if (s[i] == ':' && s[i + 1] == ':') {
        long t = i + 2, e = -1;
        for (; t + 1 < len; t++) {
            if (s[t] == '\\') {
                t++;
                continue;
            }
            if (s[t] == ':' && s[t + 1] == ':') {
                e = t;
                break;
            }
        }
        if (e > 0) {
            title = clean(p, gift_unescape(p, s, i + 2, e));
            i = e + 2;
        }
    }
    /* a title names the question in the report; it is no code (often "Q1" in every file) */
    r->label = title && *title ? title : NULL;
    while (i < len && apr_isspace(s[i])) {
        i++;
    }
    if (s[i] == '[') {
        static const char *const formats[] = {"[html]", "[plain]", "[markdown]", "[moodle]", NULL};
        for (k = 0; formats[k]; k++) {
            if (!strncmp(s + i, formats[k], strlen(formats[k]))) {
                html = k == 0;
                i += (long)strlen(formats[k]);
                break;
            }
        }
    }
    open = find_unescaped(s, i, len, '{');
    close = open < 0 ? -1 : find_unescaped(s, open + 1, len, '}');
    if (open < 0) {
        q->text = gift_text(p, s, i, len, html);
        reject(r, line, what_of(p, r->label, q->text), "qbank.reject.gift_no_answers", NULL, NULL,
               NULL);
        return;
    }
    if (close < 0) {
        q->text = gift_text(p, s, i, open, html);
        reject(r, line, what_of(p, r->label, q->text), "qbank.reject.gift_braces", NULL, NULL,
               NULL);
        return;
    }
    before = gift_text(p, s, i, open, html);
    after = gift_text(p, s, close + 1, len, html);
    q->text = *after ? apr_pstrcat(p, before, " _____ ", after, NULL) : before;
    ans = clean(p, gift_unescape(p, s, open + 1, close));
    {
        /* true/false: {T} {F} {TRUE} {FALSE}, optionally with #feedback */
        long h = find_unescaped(s, open + 1, close, '#');
        const char *tf = clean(
            p, apr_pstrmemdup(p, s + open + 1, (apr_size_t)((h >= 0 ? h : close) - open - 1)));
        if (!strcmp(tf, "T") || !strcmp(tf, "TRUE") || !strcmp(tf, "F") || !strcmp(tf, "FALSE")) {
            int t = tf[0] == 'T';
            add_choice(r, q, TEXT_TRUE, t);
            add_choice(r, q, TEXT_FALSE, !t);
            finish(r, q);
            return;
        }
    }
    if (!*ans) {
        reject(r, line, what_of(p, r->label, q->text), "qbank.reject.gift_type", "essay", NULL,
               NULL);
        return;
    }
    if (ans[0] == '#') {
        reject(r, line, what_of(p, r->label, q->text), "qbank.reject.gift_type", "numerical", NULL,
               NULL);
        return;
    }
    /* the answers: each starts at an unescaped '=' or '~'; '#' starts feedback (ignored) */
    i = open + 1;
    end = close;
    while (i < end) {
        long start, stop, fb;
        gift_answer_t *a;
        while (i < end && apr_isspace(s[i])) {
            i++;
        }
        if (i >= end) {
            break;
        }
        if (s[i] != '=' && s[i] != '~') {
            reject(r, line, what_of(p, r->label, q->text), "qbank.reject.gift_type", "?", NULL,
                   NULL);
            return;
        }
        a = apr_array_push(answers);
        memset(a, 0, sizeof(*a));
        a->mark = s[i];
        has_tilde |= s[i] == '~';
        start = i + 1;
        stop = start;
        for (; stop < end; stop++) {
            if (s[stop] == '\\') {
                stop++;
                continue;
            }
            if (s[stop] == '=' || s[stop] == '~') {
                break;
            }
        }
        if (s[start] == '%') {
            long pe = find_unescaped(s, start + 1, stop, '%');
            char *endp = NULL;
            const char *w =
                pe > 0 ? apr_pstrmemdup(p, s + start + 1, (apr_size_t)(pe - start - 1)) : "";
            a->weight = strtod(w, &endp);
            if (pe < 0 || !*w || !endp || *endp || a->weight < -100 || a->weight > 100) {
                reject(r, line, what_of(p, r->label, q->text), "qbank.reject.weight",
                       clean(p, gift_unescape(p, s, start, stop)), NULL, NULL);
                return;
            }
            a->weighted = 1;
            positive_weight |= a->weight > 0;
            start = pe + 1;
        }
        fb = find_unescaped(s, start, stop, '#');
        {
            const char *raw = gift_unescape(p, s, start, fb >= 0 ? fb : stop);
            if (strstr(raw, "->")) {
                reject(r, line, what_of(p, r->label, q->text), "qbank.reject.gift_type", "matching",
                       NULL, NULL);
                return;
            }
            a->text = html || looks_html(raw) ? html_to_text(p, raw) : clean(p, raw);
        }
        i = stop;
    }
    if (!has_tilde) {
        reject(r, line, what_of(p, r->label, q->text), "qbank.reject.gift_type", "shortanswer",
               NULL, NULL);
        return;
    }
    q->kind = positive_weight ? "multiple" : "single";
    for (k = 0; k < answers->nelts; k++) {
        gift_answer_t *a = &APR_ARRAY_IDX(answers, k, gift_answer_t);
        int correct =
            positive_weight ? (a->weighted ? a->weight > 0 : a->mark == '=') : a->mark == '=';
        add_choice(r, q, a->text, correct);
    }
    finish(r, q);
}

static void read_gift(rd_t *r, const char *data, apr_size_t len)
{
    apr_pool_t *p = r->p;
    apr_size_t i = 0;
    int line = 0, start_line = 0;
    buf_t block;
    buf_init(&block, p, 1024);
    while (i <= len) {
        apr_size_t e = i;
        const char *l;
        apr_size_t k = 0;
        while (e < len && data[e] != '\n') {
            e++;
        }
        line++;
        l = apr_pstrmemdup(p, data + i, e - i);
        while (l[k] == ' ' || l[k] == '\t' || l[k] == '\r') {
            k++;
        }
        if (l[k] == '\0' || i >= len) {
            if (block.len) {
                gift_question(r, block.s, start_line);
                buf_init(&block, p, 1024);
            }
        }
        else if (!strncmp(l + k, "//", 2)) {
            /* a comment line */
        }
        else if (!strncmp(l + k, "$CATEGORY:", 10)) {
            if (block.len) {
                gift_question(r, block.s, start_line);
                buf_init(&block, p, 1024);
            }
            r->topic_title = category_title(p, l + k + 10);
            r->topic_code = NULL;
        }
        else {
            if (!block.len) {
                start_line = line;
            }
            buf_adds(&block, l);
            buf_addc(&block, '\n');
        }
        i = e + 1;
    }
    if (block.len) {
        gift_question(r, block.s, start_line);
    }
}

/* ---- Aiken ------------------------------------------------------------------------------------ */

/* "A. text" or "A) text": the letter's index, or -1. */
static int aiken_option(const char *l, const char **text)
{
    if (apr_isalpha(l[0]) && (l[1] == '.' || l[1] == ')') && (l[2] == ' ' || l[2] == '\t')) {
        *text = l + 3;
        return apr_toupper(l[0]) - 'A';
    }
    return -1;
}

static int aiken_answer(const char *l, const char **rest)
{
    apr_size_t k = 0;
    if (strncasecmp(l, "ANSWER", 6)) {
        return 0;
    }
    k = 6;
    while (l[k] == ' ' || l[k] == '\t') {
        k++;
    }
    if (l[k] != ':') {
        return 0;
    }
    *rest = l + k + 1;
    return 1;
}

typedef struct {
    qc_qquestion_t *q;
    const char *error_key, *error_a1, *error_a2, *error_a3;
} aiken_t;

static void aiken_answer_line(rd_t *r, aiken_t *a, const char *rest)
{
    apr_pool_t *p = r->p;
    qc_qquestion_t *q = a->q;
    const char *s = clean(p, rest), *what = what_of(p, NULL, q->text);
    int n = q->choices->nelts, count = 0;
    if (a->error_key) {
        reject(r, q->line, what, a->error_key, a->error_a1, a->error_a2, a->error_a3);
        return;
    }
    if (!*s) {
        reject(r, q->line, what, "qbank.reject.no_answer", NULL, NULL, NULL);
        return;
    }
    for (; *s; s++) {
        int idx;
        if (*s == ',' || *s == ' ' || *s == ';') {
            continue;
        }
        idx = apr_isalpha(*s) ? apr_toupper(*s) - 'A' : -1;
        if (idx < 0 || idx >= n || (s[1] && s[1] != ',' && s[1] != ' ' && s[1] != ';')) {
            reject(r, q->line, what, "qbank.reject.unknown_letter", clean(p, s), letter_range(p, n),
                   NULL);
            return;
        }
        APR_ARRAY_IDX(q->choices, idx, qc_qchoice_t).correct = 1;
        count++;
    }
    q->kind = count > 1 ? "multiple" : "single";
    finish(r, q);
}

static void read_aiken(rd_t *r, const char *data, apr_size_t len)
{
    apr_pool_t *p = r->p;
    apr_size_t i = 0;
    int line = 0;
    aiken_t a;
    memset(&a, 0, sizeof(a));
    while (i < len) {
        apr_size_t e = i, k = 0;
        const char *l, *text, *rest;
        int idx;
        while (e < len && data[e] != '\n') {
            e++;
        }
        line++;
        l = apr_pstrmemdup(p, data + i, e - i);
        i = e + 1;
        while (l[k] == ' ' || l[k] == '\t') {
            k++;
        }
        l += k;
        if (!*clean(p, l)) {
            if (a.q && a.q->choices->nelts > 0) {
                reject(r, a.q->line, what_of(p, NULL, a.q->text), "qbank.reject.aiken_no_answer",
                       NULL, NULL, NULL);
                memset(&a, 0, sizeof(a));
            }
            continue;
        }
        if (a.q && aiken_answer(l, &rest)) {
            aiken_answer_line(r, &a, rest);
            memset(&a, 0, sizeof(a));
            continue;
        }
        if (a.q && (idx = aiken_option(l, &text)) >= 0) {
            int n = a.q->choices->nelts;
            if (idx != n && !a.error_key) {
                a.error_key = "qbank.reject.aiken_letter";
                a.error_a1 = apr_itoa(p, n + 1);
                a.error_a2 = apr_psprintf(p, "%c", l[0]);
                a.error_a3 = letter(p, n);
            }
            add_choice(r, a.q, clean(p, text), 0);
            continue;
        }
        if (a.q && a.q->choices->nelts > 0) {
            /* a line that is neither an option nor ANSWER: the question ended without one */
            reject(r, a.q->line, what_of(p, NULL, a.q->text), "qbank.reject.aiken_no_answer", NULL,
                   NULL, NULL);
            memset(&a, 0, sizeof(a));
        }
        if (!a.q) {
            a.q = new_question(r, line);
            a.q->text = clean(p, l);
        }
        else {
            a.q->text = clean(p, apr_pstrcat(p, a.q->text, " ", l, NULL));
        }
    }
    if (a.q) {
        reject(r, a.q->line, what_of(p, NULL, a.q->text), "qbank.reject.aiken_no_answer", NULL,
               NULL, NULL);
    }
}

/* ---- CSV --------------------------------------------------------------------------------------- */

typedef struct {
    const char *s;
    apr_size_t len, pos;
    int line;
    char sep;
} csv_t;

/* The next record: 1, 0 at the end, -1 for a quote never closed (*line = where it opened). */
static int csv_next(apr_pool_t *p, csv_t *c, apr_array_header_t **fields, int *line)
{
    buf_t f;
    if (c->pos >= c->len) {
        return 0;
    }
    *fields = apr_array_make(p, 16, sizeof(const char *));
    *line = c->line;
    for (;;) {
        buf_init(&f, p, 64);
        if (c->pos < c->len && c->s[c->pos] == '"') {
            int open_line = c->line;
            c->pos++;
            for (;;) {
                if (c->pos >= c->len) {
                    *line = open_line;
                    return -1;
                }
                if (c->s[c->pos] == '"') {
                    if (c->pos + 1 < c->len && c->s[c->pos + 1] == '"') {
                        buf_addc(&f, '"');
                        c->pos += 2;
                        continue;
                    }
                    c->pos++;
                    break;
                }
                if (c->s[c->pos] == '\n') {
                    c->line++;
                }
                buf_addc(&f, c->s[c->pos++]);
            }
        }
        while (c->pos < c->len && c->s[c->pos] != c->sep && c->s[c->pos] != '\n') {
            if (c->s[c->pos] != '\r') {
                buf_addc(&f, c->s[c->pos]);
            }
            c->pos++;
        }
        *(const char **)apr_array_push(*fields) = f.s;
        if (c->pos >= c->len) {
            return 1;
        }
        if (c->s[c->pos] == '\n') {
            c->pos++;
            c->line++;
            return 1;
        }
        c->pos++; /* the separator */
    }
}

/* The separator of the header line: the most frequent of ';' ',' TAB outside quotes. */
static char csv_separator(const char *s, apr_size_t len)
{
    int comma = 0, semi = 0, tab = 0, quoted = 0;
    apr_size_t i;
    for (i = 0; i < len && (quoted || s[i] != '\n'); i++) {
        if (s[i] == '"') {
            quoted = !quoted;
        }
        else if (!quoted) {
            comma += s[i] == ',';
            semi += s[i] == ';';
            tab += s[i] == '\t';
        }
    }
    if (!comma && !semi && !tab) {
        return 0;
    }
    return semi > comma && semi >= tab ? ';' : tab > comma ? '\t' : ',';
}

enum {
    COL_CODE,
    COL_TOPIC_CODE,
    COL_TOPIC,
    COL_KIND,
    COL_QUESTION,
    COL_CORRECT,
    COL_EXPLANATION,
    COL_N
};

/* Column of a header name (lower case, NFC): COL_*, 100 + option index, or -1. */
static int csv_column(const char *name)
{
    static const struct {
        const char *name;
        int col;
    } names[] = {{"code", COL_CODE},
                 {"ma", COL_CODE},
                 {"mã", COL_CODE},
                 {"topic_code", COL_TOPIC_CODE},
                 {"ma_chu_de", COL_TOPIC_CODE},
                 {"topic", COL_TOPIC},
                 {"chu_de", COL_TOPIC},
                 {"chủ đề", COL_TOPIC},
                 {"kind", COL_KIND},
                 {"loai", COL_KIND},
                 {"loại", COL_KIND},
                 {"question", COL_QUESTION},
                 {"cau_hoi", COL_QUESTION},
                 {"câu hỏi", COL_QUESTION},
                 {"correct", COL_CORRECT},
                 {"answer", COL_CORRECT},
                 {"dap_an", COL_CORRECT},
                 {"đáp án", COL_CORRECT},
                 {"explanation", COL_EXPLANATION},
                 {"giai_thich", COL_EXPLANATION},
                 {"giải thích", COL_EXPLANATION},
                 {NULL, 0}};
    int i;
    if (name[0] >= 'a' && name[0] < 'a' + QC_QBANK_MAX_CHOICES && name[1] == '\0') {
        return 100 + name[0] - 'a';
    }
    for (i = 0; names[i].name; i++) {
        if (!strcmp(name, names[i].name)) {
            return names[i].col;
        }
    }
    return -1;
}

typedef struct {
    int col[COL_N];
    int opt[QC_QBANK_MAX_CHOICES];
    int nopt; /* 1 + highest option letter present */
} csv_map_t;

static int csv_header(apr_pool_t *p, apr_array_header_t *fields, csv_map_t *m)
{
    int i;
    for (i = 0; i < COL_N; i++) {
        m->col[i] = -1;
    }
    for (i = 0; i < QC_QBANK_MAX_CHOICES; i++) {
        m->opt[i] = -1;
    }
    m->nopt = 0;
    for (i = 0; i < fields->nelts; i++) {
        int c = csv_column(lower(p, clean(p, APR_ARRAY_IDX(fields, i, const char *))));
        if (c >= 100) {
            m->opt[c - 100] = i;
            if (c - 100 + 1 > m->nopt) {
                m->nopt = c - 100 + 1;
            }
        }
        else if (c >= 0 && m->col[c] < 0) {
            m->col[c] = i;
        }
    }
    return m->col[COL_QUESTION] >= 0 && m->col[COL_CORRECT] >= 0 && m->opt[0] >= 0 &&
           m->opt[1] >= 0;
}

static const char *field(apr_pool_t *p, apr_array_header_t *f, int col)
{
    return col >= 0 && col < f->nelts
               ? qc_csv_unneutralise(clean(p, APR_ARRAY_IDX(f, col, const char *)))
               : "";
}

static void csv_row(rd_t *r, const csv_map_t *m, apr_array_header_t *f, int line)
{
    apr_pool_t *p = r->p;
    qc_qquestion_t *q;
    const char *kind, *correct, *s, *topic, *tcode;
    int i, n = 0, count = 0, any = 0;

    for (i = 0; i < f->nelts; i++) {
        any |= *clean(p, APR_ARRAY_IDX(f, i, const char *)) != '\0';
    }
    if (!any) {
        return; /* an empty row */
    }
    topic = field(p, f, m->col[COL_TOPIC]);
    tcode = field(p, f, m->col[COL_TOPIC_CODE]);
    r->topic_title = *topic ? topic : QC_QBANK_DEFAULT_TOPIC;
    r->topic_code = code_ok(tcode) ? tcode : NULL;
    q = new_question(r, line);
    s = field(p, f, m->col[COL_CODE]);
    q->code = *s ? s : NULL;
    q->text = field(p, f, m->col[COL_QUESTION]);
    q->explanation = field(p, f, m->col[COL_EXPLANATION]);
    for (i = m->nopt - 1; i >= 0; i--) { /* trailing empty options are not options */
        if (*field(p, f, m->opt[i])) {
            n = i + 1;
            break;
        }
    }
    for (i = 0; i < n; i++) {
        add_choice(r, q, field(p, f, m->opt[i]), 0);
    }
    correct = field(p, f, m->col[COL_CORRECT]);
    if (!*correct) {
        reject(r, line, what_of(p, q->code, q->text), "qbank.reject.no_answer", NULL, NULL, NULL);
        return;
    }
    for (s = correct; *s; s++) {
        int idx;
        if (*s == ',' || *s == ';' || *s == ' ' || *s == '/') {
            continue;
        }
        idx = apr_isalpha(*s) ? apr_toupper(*s) - 'A' : -1;
        if (idx < 0 || idx >= n) {
            const char *tok = s;
            apr_size_t l = 0;
            while (tok[l] && tok[l] != ',' && tok[l] != ';' && tok[l] != ' ' && tok[l] != '/') {
                l++;
            }
            reject(r, line, what_of(p, q->code, q->text), "qbank.reject.unknown_letter",
                   apr_pstrmemdup(p, tok, l), letter_range(p, n), NULL);
            return;
        }
        if (!APR_ARRAY_IDX(q->choices, idx, qc_qchoice_t).correct) {
            count++;
        }
        APR_ARRAY_IDX(q->choices, idx, qc_qchoice_t).correct = 1;
    }
    kind = lower(p, field(p, f, m->col[COL_KIND]));
    if (!*kind) {
        q->kind = count > 1 ? "multiple" : "single";
    }
    else if (!strcmp(kind, "single") || !strcmp(kind, "một")) {
        q->kind = "single";
    }
    else if (!strcmp(kind, "multiple") || !strcmp(kind, "nhiều")) {
        q->kind = "multiple";
    }
    else {
        reject(r, line, what_of(p, q->code, q->text), "qbank.reject.bad_kind",
               field(p, f, m->col[COL_KIND]), NULL, NULL);
        return;
    }
    finish(r, q);
}

static apr_status_t read_csv(rd_t *r, const char *data, apr_size_t len, const char **errmsg)
{
    csv_t c;
    csv_map_t m;
    apr_array_header_t *fields;
    int line, rc;
    c.s = data;
    c.len = len;
    c.pos = 0;
    c.line = 1;
    c.sep = csv_separator(data, len);
    if (!c.sep || csv_next(r->p, &c, &fields, &line) != 1 || !csv_header(r->p, fields, &m)) {
        return refuse(r, errmsg, "qbank.err.csv_header", NULL, NULL);
    }
    while ((rc = csv_next(r->p, &c, &fields, &line)) == 1) {
        csv_row(r, &m, fields, line);
    }
    if (rc < 0) {
        return refuse(r, errmsg, "qbank.err.csv_quote", apr_itoa(r->p, line), NULL);
    }
    return APR_SUCCESS;
}

/* ---- format detection and the reader -------------------------------------------------------- */

static int is_csv(apr_pool_t *p, const char *data, apr_size_t len)
{
    csv_t c;
    csv_map_t m;
    apr_array_header_t *fields;
    int line;
    c.s = data;
    c.len = len;
    c.pos = 0;
    c.line = 1;
    c.sep = csv_separator(data, len);
    return c.sep && csv_next(p, &c, &fields, &line) == 1 && csv_header(p, fields, &m);
}

static int is_aiken(const char *text, apr_size_t len)
{
    apr_size_t i = 0;
    int answer = 0, option = 0;
    while (i < len) {
        const char *l = text + i, *rest, *opt;
        apr_size_t e = i;
        while (e < len && text[e] != '\n') {
            e++;
        }
        while (*l == ' ' || *l == '\t') {
            l++;
        }
        answer |= aiken_answer(l, &rest);
        option |= aiken_option(l, &opt) >= 0;
        i = e + 1;
    }
    return answer && option;
}

static int is_gift(const char *data, apr_size_t len)
{
    return find_unescaped(data, 0, (long)len, '{') >= 0;
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

apr_status_t qc_qbank_read(apr_pool_t *p, const char *data, apr_size_t len, const char *format,
                           const qc_messages_t *msgs, qc_qbank_t **bank, const char **errmsg)
{
    rd_t r;
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
        strcmp(format, "aiken") && strcmp(format, "csv") && strcmp(format, "native")) {
        return refuse(&r, errmsg, "qbank.err.format_name", format, NULL);
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
        format = text[k] == '<'         ? "xml"
                 : is_csv(p, text, len) ? "csv"
                 : is_aiken(text, len)  ? "aiken"
                 : is_gift(text, len)   ? "gift"
                                        : NULL;
        if (!format) {
            return refuse(&r, errmsg, "qbank.err.unknown_format", NULL, NULL);
        }
    }
    r.bank = qc_qbank_make(p, format);
    if (!strcmp(format, "xml") || !strcmp(format, "moodle") || !strcmp(format, "native")) {
        xmlDocPtr doc;
        xmlNodePtr root;
        if ((rv = parse_xml(&r, text, len, &doc, errmsg)) != APR_SUCCESS) {
            return rv;
        }
        root = xmlDocGetRootElement(doc);
        if (root && !root->ns && !strcmp((const char *)root->name, "quiz") &&
            strcmp(format, "native")) {
            r.bank->format = "moodle";
            read_moodle(&r, root);
        }
        else if (is_native(root, "question-bank") && strcmp(format, "moodle")) {
            r.bank->format = "native";
            read_native(&r, root);
        }
        else {
            return refuse(&r, errmsg, "qbank.err.xml_root", root ? (const char *)root->name : "",
                          QC_QBANK_NS);
        }
    }
    else if (!strcmp(format, "csv")) {
        if ((rv = read_csv(&r, text, len, errmsg)) != APR_SUCCESS) {
            return rv;
        }
    }
    else if (!strcmp(format, "aiken")) {
        read_aiken(&r, text, len);
    }
    else {
        read_gift(&r, text, len);
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

/* ---- writers ------------------------------------------------------------------------------------ */

static int same_topic(const qc_qquestion_t *a, const qc_qquestion_t *b)
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

/* 100/n with at most 5 decimals, as Moodle writes fractions ("50", "33.33333"). */
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
        if (!same_topic(prev, q)) {
            const char *title = q->topic_title, *s;
            buf_t path;
            buf_init(&path, p, strlen(title) + 16);
            buf_adds(&path, "$course$/top/");
            for (s = title; *s; s++) {
                buf_add(&path, *s == '/' ? "//" : s, *s == '/' ? 2 : 1);
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

/* Every cell quoted; one that a spreadsheet would run as a formula gets a ' before it
 * (qc_csv.h), which the reader takes off again (field()). */
static void csv_field(buf_t *b, const char *s, int last)
{
    buf_adds(b, qc_csv_cell(b->p, s, 1));
    buf_adds(b, last ? "\r\n" : ",");
}

apr_status_t qc_qbank_write_csv(apr_pool_t *p, const qc_qbank_t *bank, const char **out,
                                apr_size_t *len)
{
    buf_t b;
    int i, j, nopt = 2;
    for (i = 0; i < bank->questions->nelts; i++) {
        int n = APR_ARRAY_IDX(bank->questions, i, qc_qquestion_t).choices->nelts;
        nopt = n > nopt ? n : nopt;
    }
    buf_init(&b, p, 4096);
    buf_adds(&b, "\xef\xbb\xbf");
    csv_field(&b, "code", 0);
    csv_field(&b, "topic_code", 0);
    csv_field(&b, "topic", 0);
    csv_field(&b, "kind", 0);
    csv_field(&b, "question", 0);
    for (j = 0; j < nopt; j++) {
        csv_field(&b, letter(p, j), 0);
    }
    csv_field(&b, "correct", 0);
    csv_field(&b, "explanation", 1);
    for (i = 0; i < bank->questions->nelts; i++) {
        const qc_qquestion_t *q = &APR_ARRAY_IDX(bank->questions, i, qc_qquestion_t);
        const char *correct = "";
        csv_field(&b, qc_qbank_question_code(p, q), 0);
        csv_field(&b, q->topic_code ? q->topic_code : "", 0);
        csv_field(&b, q->topic_title, 0);
        csv_field(&b, q->kind, 0);
        csv_field(&b, q->text, 0);
        for (j = 0; j < nopt; j++) {
            const qc_qchoice_t *c =
                j < q->choices->nelts ? &APR_ARRAY_IDX(q->choices, j, qc_qchoice_t) : NULL;
            csv_field(&b, c ? c->text : "", 0);
            if (c && c->correct) {
                correct = apr_pstrcat(p, correct, *correct ? "," : "", letter(p, j), NULL);
            }
        }
        csv_field(&b, correct, 0);
        csv_field(&b, q->explanation ? q->explanation : "", 1);
    }
    *out = b.s;
    *len = b.len;
    return APR_SUCCESS;
}

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
        if (!same_topic(prev, q)) {
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
