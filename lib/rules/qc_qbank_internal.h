/*
 * What the question-bank readers and writers share (lib/rules/qc_qbank_*.c); not for use
 * outside them: the public API is qc_qbank.h. qc_qbank_reader.c defines all of it except each
 * format's own entry points, declared last.
 */
#ifndef QC_QBANK_INTERNAL_H
#define QC_QBANK_INTERNAL_H

#include <apr_hash.h>
#include <apr_pools.h>
#include <libxml/tree.h>
#include "qc_messages.h"
#include "qc_qbank.h"
#include "qc_util.h" /* qc_buf_t */

/* The two choices of a true/false question (Moodle truefalse, GIFT {T}/{F}): data stored in
 * the bank, not page texts. */
#define QC_QBANK_TEXT_TRUE "Đúng"
#define QC_QBANK_TEXT_FALSE "Sai"

/* ---- text helpers ---- */

/* NFC, white space squeezed and trimmed: how every text of a bank is kept. */
const char *qc_qbank_clean(apr_pool_t *p, const char *s);
/* Lower case (full Unicode case mapping), for comparing stems and keywords. */
const char *qc_qbank_lower(apr_pool_t *p, const char *s);
/* Whether s has something that looks like a tag or an entity. */
int qc_qbank_looks_html(const char *s);
/* HTML reduced to its clean text (tags dropped, entities decoded); other text only cleaned. */
const char *qc_qbank_html_to_text(apr_pool_t *p, const char *s);
/* Whether a file's own code may be used as a question's or topic's code. */
int qc_qbank_code_ok(const char *s);
/* The code, or at most 60 code points of text: how a question is named in a report. */
const char *qc_qbank_what_of(apr_pool_t *p, const char *code, const char *text);
/* "A" for 0, "B" for 1...; and the range of letters of n choices, "A–D". */
const char *qc_qbank_letter(apr_pool_t *p, int i);
const char *qc_qbank_letter_range(apr_pool_t *p, int n);

/* ---- the reader's state ---- */

typedef struct {
    apr_pool_t *p;
    const qc_messages_t *msgs;
    qc_qbank_t *bank;
    apr_hash_t *stems; /* stem key -> first line (int *) */
    apr_hash_t *codes; /* code -> first line (int *) */
    const char *topic_title;
    const char *topic_code;
    const char *label; /* the current question's title or name, to name it in the report */
} qc_qbank_reader_t;

/* A question put aside: line, name, message key "qbank.reject.*" and up to three arguments. */
void qc_qbank_reject(qc_qbank_reader_t *r, int line, const char *what, const char *key,
                     const char *a1, const char *a2, const char *a3);
/* A new question starting at line, in the reader's current topic (not yet in the bank). */
qc_qquestion_t *qc_qbank_new_question(qc_qbank_reader_t *r, int line);
void qc_qbank_add_choice(qc_qbank_reader_t *r, qc_qquestion_t *q, const char *text, int correct);
/* The checks every format shares; then q is accepted, rejected or reported as a duplicate. */
void qc_qbank_finish(qc_qbank_reader_t *r, qc_qquestion_t *q);
/* The whole file refused: *errmsg is the formatted message key; returns QC_EINPUT. */
apr_status_t qc_qbank_refuse(qc_qbank_reader_t *r, const char **errmsg, const char *key,
                             const char *a1, const char *a2);

/* ---- XML (parsed by qc_qbank_read without DTDs, entities or network) ---- */

xmlNodePtr qc_qbank_xml_child(xmlNodePtr n, const char *name);
/* The text content of n ("" for NULL), in p. */
const char *qc_qbank_xml_content(apr_pool_t *p, xmlNodePtr n);
/* An attribute in p, or NULL. */
const char *qc_qbank_xml_prop(apr_pool_t *p, xmlNodePtr n, const char *name);

/* ---- the writers ---- */

/* Whether b is in the same topic (code and title) as a (NULL: never). */
int qc_qbank_same_topic(const qc_qquestion_t *a, const qc_qquestion_t *b);

/* ---- each format's reader and its detection (qc_qbank_<format>.c) ---- */

/* n is the element `name` of QC_QBANK_NS. */
int qc_qbank_is_native(xmlNodePtr n, const char *name);
void qc_qbank_read_native(qc_qbank_reader_t *r, xmlNodePtr root);

void qc_qbank_read_moodle(qc_qbank_reader_t *r, xmlNodePtr root);
/* The last level of a Moodle category path (GIFT's $CATEGORY: uses the same paths). */
const char *qc_qbank_category_title(apr_pool_t *p, const char *path);

void qc_qbank_read_gift(qc_qbank_reader_t *r, const char *data, apr_size_t len);
int qc_qbank_looks_gift(const char *data, apr_size_t len);

void qc_qbank_read_aiken(qc_qbank_reader_t *r, const char *data, apr_size_t len);
int qc_qbank_looks_aiken(const char *text, apr_size_t len);

/* QC_EINPUT (with *errmsg) when the header or a quote makes the whole file unusable. */
apr_status_t qc_qbank_read_csv(qc_qbank_reader_t *r, const char *data, apr_size_t len,
                               const char **errmsg);
int qc_qbank_looks_csv(apr_pool_t *p, const char *data, apr_size_t len);

/* A row of a spreadsheet: its number (the line of the report) and its cells (const char *,
 * "" for an empty cell), read by the CSV format's own row rule. */
typedef struct {
    int line;
    apr_array_header_t *fields;
} qc_qbank_row_t;
/* The first non-empty row is the header (else the file is refused with header_key). */
apr_status_t qc_qbank_read_rows(qc_qbank_reader_t *r, const apr_array_header_t *rows,
                                const char *header_key, const char **errmsg);

/* An XML part parsed as qc_qbank_read parses XML files: no DTD (a DOCTYPE is refused), no
 * entity substitution, no network; the document is freed with r->p. QC_EINPUT with *errmsg. */
apr_status_t qc_qbank_parse_xml(qc_qbank_reader_t *r, const char *data, apr_size_t len,
                                xmlDocPtr *out, const char **errmsg);

/* An Excel workbook (.xlsx, a zip): the first worksheet, read as the CSV columns. QC_EINPUT
 * (with *errmsg) for a file that is not a workbook, too large once unpacked, or without a
 * header. */
apr_status_t qc_qbank_read_xlsx(qc_qbank_reader_t *r, const char *data, apr_size_t len,
                                const char **errmsg);
/* Whether data starts as a zip archive does. */
int qc_qbank_looks_zip(const char *data, apr_size_t len);

/* A zip archive being read (an .xlsx or a .docx), with the bounds of qc_qbank_xlsx.c. */
typedef struct {
    qc_qbank_reader_t *r;
    struct zip *zip;
    apr_size_t total; /* bytes unpacked so far */
} qc_qbank_zip_t;
/* Opened from data (freed with r->p); not a zip: refused with not_key; too many entries. */
apr_status_t qc_qbank_zip_open(qc_qbank_reader_t *r, const char *data, apr_size_t len,
                               const char *not_key, qc_qbank_zip_t *x, const char **errmsg);
int qc_qbank_zip_has(qc_qbank_zip_t *x, const char *name);
/* The part `name` parsed (qc_qbank_parse_xml), APR_ENOENT when absent, QC_EINPUT. */
apr_status_t qc_qbank_zip_xml(qc_qbank_zip_t *x, const char *name, xmlDocPtr *doc,
                             const char **errmsg);
/* "docx" for a zip holding word/document.xml, else "xlsx". */
const char *qc_qbank_zip_kind(qc_qbank_reader_t *r, const char *data, apr_size_t len);

/* A Word document (.docx): numbered stems, options A.–J. on their own lines, the right one
 * bold, underlined or marked with "*". */
apr_status_t qc_qbank_read_docx(qc_qbank_reader_t *r, const char *data, apr_size_t len,
                                const char **errmsg);

#endif
