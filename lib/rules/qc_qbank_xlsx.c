/* Excel workbooks (.xlsx): a zip of XML parts. The first worksheet is read with the same
 * columns as the CSV format and its rows go through the CSV format's own row rule
 * (qc_qbank_read_rows), so the checks and the report are the same. Read only.
 *
 * A hostile file is bounded before anything is unpacked: at most QC_XLSX_MAX_ENTRIES entries,
 * each part read at most QC_XLSX_MAX_PART bytes and all of them at most QC_XLSX_MAX_TOTAL
 * (counted while inflating, not taken from the sizes the archive declares: a zip bomb lies);
 * the XML parts are parsed like every XML bank (qc_qbank_parse_xml: no DTD, no entity, no
 * network). */
#include <stdlib.h>
#include <string.h>
#include <apr_lib.h>
#include <apr_strings.h>
#include <libxml/tree.h>
#include <zip.h>

#include "qc_qbank.h"
#include "qc_qbank_internal.h"
#include "qc_status.h"

#define QC_XLSX_MAX_ENTRIES 1000
#define QC_XLSX_MAX_PART (32 * 1024 * 1024)
#define QC_XLSX_MAX_TOTAL (64 * 1024 * 1024)
#define QC_XLSX_MAX_COLUMNS 64
#define QC_XLSX_MAX_ROWS 100000

int qc_qbank_looks_zip(const char *data, apr_size_t len)
{
    return len >= 4 && !memcmp(data, "PK\x03\x04", 4);
}

typedef qc_qbank_zip_t xlsx_t;

static apr_status_t close_zip(void *z)
{
    zip_discard(z);
    return APR_SUCCESS;
}

apr_status_t qc_qbank_zip_open(qc_qbank_reader_t *r, const char *data, apr_size_t len,
                               const char *not_key, qc_qbank_zip_t *x, const char **errmsg)
{
    zip_source_t *src;
    zip_error_t ze;
    memset(x, 0, sizeof(*x));
    x->r = r;
    if (!qc_qbank_looks_zip(data, len)) {
        return qc_qbank_refuse(r, errmsg, not_key, NULL, NULL);
    }
    zip_error_init(&ze);
    src = zip_source_buffer_create(data, len, 0, &ze);
    if (!src) {
        zip_error_fini(&ze);
        return APR_ENOMEM;
    }
    x->zip = zip_open_from_source(src, ZIP_RDONLY, &ze);
    zip_error_fini(&ze);
    if (!x->zip) {
        zip_source_free(src);
        return qc_qbank_refuse(r, errmsg, not_key, NULL, NULL);
    }
    apr_pool_cleanup_register(r->p, x->zip, close_zip, apr_pool_cleanup_null);
    if (zip_get_num_entries(x->zip, 0) > QC_XLSX_MAX_ENTRIES) {
        return qc_qbank_refuse(r, errmsg, "qbank.err.xlsx_entries",
                               apr_itoa(r->p, QC_XLSX_MAX_ENTRIES), NULL);
    }
    return APR_SUCCESS;
}

int qc_qbank_zip_has(qc_qbank_zip_t *x, const char *name)
{
    return zip_name_locate(x->zip, name, ZIP_FL_NOCASE) >= 0;
}

const char *qc_qbank_zip_kind(qc_qbank_reader_t *r, const char *data, apr_size_t len)
{
    qc_qbank_zip_t x;
    const char *err = NULL;
    if (qc_qbank_zip_open(r, data, len, "qbank.err.not_xlsx", &x, &err) == APR_SUCCESS &&
        qc_qbank_zip_has(&x, "word/document.xml")) {
        return "docx";
    }
    return "xlsx";
}

/* The part `name`: APR_SUCCESS with its bytes, APR_ENOENT when absent, QC_EINPUT (*errmsg)
 * when it is too large or broken. */
static apr_status_t read_part(xlsx_t *x, const char *name, const char **out, apr_size_t *len,
                              const char **errmsg)
{
    qc_qbank_reader_t *r = x->r;
    zip_int64_t idx = zip_name_locate(x->zip, name, ZIP_FL_NOCASE);
    zip_file_t *f;
    qc_buf_t b;
    char chunk[16384];
    zip_int64_t n;

    if (idx < 0) {
        return APR_ENOENT;
    }
    f = zip_fopen_index(x->zip, (zip_uint64_t)idx, 0);
    if (!f) {
        return qc_qbank_refuse(r, errmsg, "qbank.err.xlsx_broken", name, NULL);
    }
    qc_buf_init(&b, r->p, 16384);
    while ((n = zip_fread(f, chunk, sizeof(chunk))) > 0) {
        if (b.len + (apr_size_t)n > QC_XLSX_MAX_PART ||
            x->total + (apr_size_t)n > QC_XLSX_MAX_TOTAL) {
            zip_fclose(f);
            return qc_qbank_refuse(r, errmsg, "qbank.err.xlsx_large",
                                   apr_itoa(r->p, QC_XLSX_MAX_TOTAL / (1024 * 1024)), NULL);
        }
        qc_buf_add(&b, chunk, (apr_size_t)n);
        x->total += (apr_size_t)n;
    }
    zip_fclose(f);
    if (n < 0) {
        return qc_qbank_refuse(r, errmsg, "qbank.err.xlsx_broken", name, NULL);
    }
    *out = b.s;
    *len = b.len;
    return APR_SUCCESS;
}

apr_status_t qc_qbank_zip_xml(qc_qbank_zip_t *x, const char *name, xmlDocPtr *doc,
                             const char **errmsg)
{
    const char *data, *detail = NULL;
    apr_size_t len;
    apr_status_t rv = read_part(x, name, &data, &len, errmsg);
    if (rv != APR_SUCCESS) {
        return rv;
    }
    if (qc_qbank_parse_xml(x->r, data, len, doc, &detail) != APR_SUCCESS) {
        return qc_qbank_refuse(x->r, errmsg, "qbank.err.xlsx_part", name, detail);
    }
    return APR_SUCCESS;
}

static int is_elem(xmlNodePtr n, const char *name)
{
    return n && n->type == XML_ELEMENT_NODE && !strcmp((const char *)n->name, name);
}

/* The text of <t> elements under n, in order, leaving out phonetic runs (<rPh>). */
static void collect_t(xmlNodePtr n, qc_buf_t *b)
{
    for (; n; n = n->next) {
        if (is_elem(n, "rPh")) {
            continue;
        }
        if (is_elem(n, "t")) {
            xmlChar *v = xmlNodeGetContent(n);
            if (v) {
                qc_buf_adds(b, (const char *)v);
                xmlFree(v);
            }
        }
        else if (n->type == XML_ELEMENT_NODE) {
            collect_t(n->children, b);
        }
    }
}

static const char *string_item(apr_pool_t *p, xmlNodePtr si)
{
    qc_buf_t b;
    qc_buf_init(&b, p, 64);
    collect_t(si->children, &b);
    return b.s;
}

/* xl/sharedStrings.xml as an array of const char * (empty when the part is absent). */
static apr_status_t shared_strings(xlsx_t *x, apr_array_header_t **out, const char **errmsg)
{
    xmlDocPtr doc;
    xmlNodePtr n;
    apr_status_t rv = qc_qbank_zip_xml(x, "xl/sharedStrings.xml", &doc, errmsg);
    *out = apr_array_make(x->r->p, 256, sizeof(const char *));
    if (rv == APR_ENOENT) {
        return APR_SUCCESS;
    }
    if (rv != APR_SUCCESS) {
        return rv;
    }
    for (n = xmlDocGetRootElement(doc) ? xmlDocGetRootElement(doc)->children : NULL; n;
         n = n->next) {
        if (is_elem(n, "si")) {
            *(const char **)apr_array_push(*out) = string_item(x->r->p, n);
        }
    }
    return APR_SUCCESS;
}

/* The part of the first sheet of xl/workbook.xml (through its relationship), or the usual
 * xl/worksheets/sheet1.xml when the workbook does not say. */
static const char *first_sheet(xlsx_t *x, const char **errmsg, apr_status_t *rv)
{
    apr_pool_t *p = x->r->p;
    xmlDocPtr wb, rels;
    xmlNodePtr n, sheets;
    const char *rid = NULL;
    *rv = qc_qbank_zip_xml(x, "xl/workbook.xml", &wb, errmsg);
    if (*rv == APR_ENOENT) {
        *rv = APR_SUCCESS;
        return "xl/worksheets/sheet1.xml";
    }
    if (*rv != APR_SUCCESS) {
        return NULL;
    }
    sheets = qc_qbank_xml_child(xmlDocGetRootElement(wb), "sheets");
    for (n = sheets ? sheets->children : NULL; n && !rid; n = n->next) {
        if (is_elem(n, "sheet")) {
            xmlChar *v = xmlGetNsProp(
                n, BAD_CAST "id",
                BAD_CAST "http://schemas.openxmlformats.org/officeDocument/2006/relationships");
            if (v) {
                rid = apr_pstrdup(p, (const char *)v);
                xmlFree(v);
            }
        }
    }
    if (!rid) {
        return "xl/worksheets/sheet1.xml";
    }
    *rv = qc_qbank_zip_xml(x, "xl/_rels/workbook.xml.rels", &rels, errmsg);
    if (*rv == APR_ENOENT) {
        *rv = APR_SUCCESS;
        return "xl/worksheets/sheet1.xml";
    }
    if (*rv != APR_SUCCESS) {
        return NULL;
    }
    for (n = xmlDocGetRootElement(rels) ? xmlDocGetRootElement(rels)->children : NULL; n;
         n = n->next) {
        const char *id = qc_qbank_xml_prop(p, n, "Id"), *target;
        if (!is_elem(n, "Relationship") || !id || strcmp(id, rid)) {
            continue;
        }
        target = qc_qbank_xml_prop(p, n, "Target");
        if (!target || !*target || strstr(target, "..")) {
            break;
        }
        return target[0] == '/' ? target + 1 : apr_pstrcat(p, "xl/", target, NULL);
    }
    return "xl/worksheets/sheet1.xml";
}

/* "C7" -> 2 (A is 0); -1 without letters or past QC_XLSX_MAX_COLUMNS. */
static int column_of(const char *ref)
{
    int c = 0, any = 0;
    for (; ref && apr_isalpha(*ref); ref++) {
        c = c * 26 + (apr_toupper(*ref) - 'A' + 1);
        any = 1;
        if (c > QC_XLSX_MAX_COLUMNS) {
            return -1;
        }
    }
    return any ? c - 1 : -1;
}

static const char *cell_text(xlsx_t *x, xmlNodePtr c, const apr_array_header_t *sst)
{
    apr_pool_t *p = x->r->p;
    const char *t = qc_qbank_xml_prop(p, c, "t");
    xmlNodePtr v = qc_qbank_xml_child(c, "v");
    if (t && !strcmp(t, "inlineStr")) {
        xmlNodePtr is = qc_qbank_xml_child(c, "is");
        return is ? string_item(p, is) : "";
    }
    if (t && !strcmp(t, "s")) {
        const char *s = qc_qbank_xml_content(p, v);
        char *end;
        long i = strtol(s, &end, 10);
        return *s && !*end && i >= 0 && i < sst->nelts ? APR_ARRAY_IDX(sst, i, const char *)
                                                       : "";
    }
    if (t && !strcmp(t, "b")) {
        /* a TRUE/FALSE cell: kept as Excel shows it */
        return !strcmp(qc_qbank_xml_content(p, v), "1") ? "TRUE" : "FALSE";
    }
    return qc_qbank_xml_content(p, v); /* a number, a formula's cached string, an error */
}

apr_status_t qc_qbank_read_xlsx(qc_qbank_reader_t *r, const char *data, apr_size_t len,
                                const char **errmsg)
{
    apr_pool_t *p = r->p;
    xlsx_t x;
    apr_array_header_t *sst, *rows;
    xmlDocPtr sheet;
    xmlNodePtr sd, row;
    const char *part;
    apr_status_t rv;
    int next_line = 1;

    if ((rv = qc_qbank_zip_open(r, data, len, "qbank.err.not_xlsx", &x, errmsg)) !=
        APR_SUCCESS) {
        return rv;
    }
    if (qc_qbank_zip_has(&x, "word/document.xml")) {
        return qc_qbank_refuse(r, errmsg, "qbank.err.xlsx_is_docx", NULL, NULL);
    }
    part = first_sheet(&x, errmsg, &rv);
    if (rv != APR_SUCCESS) {
        return rv;
    }
    rv = qc_qbank_zip_xml(&x, part, &sheet, errmsg);
    if (rv == APR_ENOENT) {
        return qc_qbank_refuse(r, errmsg, "qbank.err.xlsx_no_sheet", NULL, NULL);
    }
    if (rv != APR_SUCCESS) {
        return rv;
    }
    if ((rv = shared_strings(&x, &sst, errmsg)) != APR_SUCCESS) {
        return rv;
    }
    sd = qc_qbank_xml_child(xmlDocGetRootElement(sheet), "sheetData");
    rows = apr_array_make(p, 64, sizeof(qc_qbank_row_t));
    for (row = sd ? sd->children : NULL; row; row = row->next) {
        qc_qbank_row_t *qr;
        xmlNodePtr c;
        const char *rn;
        int col = 0, line;
        if (!is_elem(row, "row")) {
            continue;
        }
        rn = qc_qbank_xml_prop(p, row, "r");
        line = rn ? atoi(rn) : next_line;
        if (line < next_line || line > QC_XLSX_MAX_ROWS * 10) {
            line = next_line; /* rows out of order: counted as they come */
        }
        next_line = line + 1;
        if (rows->nelts >= QC_XLSX_MAX_ROWS) {
            return qc_qbank_refuse(r, errmsg, "qbank.err.xlsx_rows",
                                   apr_itoa(p, QC_XLSX_MAX_ROWS), NULL);
        }
        qr = apr_array_push(rows);
        qr->line = line;
        qr->fields = apr_array_make(p, 12, sizeof(const char *));
        for (c = row->children; c; c = c->next) {
            const char *ref;
            int at;
            if (!is_elem(c, "c")) {
                continue;
            }
            ref = qc_qbank_xml_prop(p, c, "r");
            at = ref ? column_of(ref) : col;
            if (at < 0 || at >= QC_XLSX_MAX_COLUMNS) {
                continue; /* far to the right of any column of a bank */
            }
            while (qr->fields->nelts < at) {
                *(const char **)apr_array_push(qr->fields) = "";
            }
            if (qr->fields->nelts == at) {
                *(const char **)apr_array_push(qr->fields) = cell_text(&x, c, sst);
            }
            col = at + 1;
        }
    }
    return qc_qbank_read_rows(r, rows, "qbank.err.xlsx_header", errmsg);
}
