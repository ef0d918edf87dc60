/* CSV as spreadsheets save it ("CSV UTF-8", comma, semicolon or TAB, quoted fields) with a
 * header naming the columns; the writer quotes every cell. */
#include <stdlib.h>
#include <string.h>
#include <apr_lib.h>
#include <apr_strings.h>

#include "qc_csv.h"
#include "qc_qbank.h"
#include "qc_qbank_internal.h"
#include "qc_status.h"
#include "qc_utf8.h"

typedef struct {
    const char *s;
    apr_size_t len, pos;
    int line;
    char sep;
} csv_t;

/* The next record: 1, 0 at the end, -1 for a quote never closed (*line = where it opened). */
static int csv_next(apr_pool_t *p, csv_t *c, apr_array_header_t **fields, int *line)
{
    qc_buf_t f;
    if (c->pos >= c->len) {
        return 0;
    }
    *fields = apr_array_make(p, 16, sizeof(const char *));
    *line = c->line;
    for (;;) {
        qc_buf_init(&f, p, 64);
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
                        qc_buf_addc(&f, '"');
                        c->pos += 2;
                        continue;
                    }
                    c->pos++;
                    break;
                }
                if (c->s[c->pos] == '\n') {
                    c->line++;
                }
                qc_buf_addc(&f, c->s[c->pos++]);
            }
        }
        while (c->pos < c->len && c->s[c->pos] != c->sep && c->s[c->pos] != '\n') {
            if (c->s[c->pos] != '\r') {
                qc_buf_addc(&f, c->s[c->pos]);
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
        int c = csv_column(
            qc_qbank_lower(p, qc_qbank_clean(p, APR_ARRAY_IDX(fields, i, const char *))));
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
               ? qc_csv_unneutralise(qc_qbank_clean(p, APR_ARRAY_IDX(f, col, const char *)))
               : "";
}

static void csv_row(qc_qbank_reader_t *r, const csv_map_t *m, apr_array_header_t *f, int line)
{
    apr_pool_t *p = r->p;
    qc_qquestion_t *q;
    const char *kind, *correct, *s, *topic, *tcode;
    int i, n = 0, count = 0, any = 0;

    for (i = 0; i < f->nelts; i++) {
        any |= *qc_qbank_clean(p, APR_ARRAY_IDX(f, i, const char *)) != '\0';
    }
    if (!any) {
        return; /* an empty row */
    }
    topic = field(p, f, m->col[COL_TOPIC]);
    tcode = field(p, f, m->col[COL_TOPIC_CODE]);
    r->topic_title = *topic ? topic : QC_QBANK_DEFAULT_TOPIC;
    r->topic_code = qc_qbank_code_ok(tcode) ? tcode : NULL;
    q = qc_qbank_new_question(r, line);
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
        qc_qbank_add_choice(r, q, field(p, f, m->opt[i]), 0);
    }
    correct = field(p, f, m->col[COL_CORRECT]);
    if (!*correct) {
        qc_qbank_reject(r, line, qc_qbank_what_of(p, q->code, q->text), "qbank.reject.no_answer",
                        NULL, NULL, NULL);
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
            qc_qbank_reject(r, line, qc_qbank_what_of(p, q->code, q->text),
                            "qbank.reject.unknown_letter", apr_pstrmemdup(p, tok, l),
                            qc_qbank_letter_range(p, n), NULL);
            return;
        }
        if (!APR_ARRAY_IDX(q->choices, idx, qc_qchoice_t).correct) {
            count++;
        }
        APR_ARRAY_IDX(q->choices, idx, qc_qchoice_t).correct = 1;
    }
    kind = qc_qbank_lower(p, field(p, f, m->col[COL_KIND]));
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
        qc_qbank_reject(r, line, qc_qbank_what_of(p, q->code, q->text), "qbank.reject.bad_kind",
                        field(p, f, m->col[COL_KIND]), NULL, NULL);
        return;
    }
    qc_qbank_finish(r, q);
}

apr_status_t qc_qbank_read_csv(qc_qbank_reader_t *r, const char *data, apr_size_t len,
                               const char **errmsg)
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
        return qc_qbank_refuse(r, errmsg, "qbank.err.csv_header", NULL, NULL);
    }
    while ((rc = csv_next(r->p, &c, &fields, &line)) == 1) {
        csv_row(r, &m, fields, line);
    }
    if (rc < 0) {
        return qc_qbank_refuse(r, errmsg, "qbank.err.csv_quote", apr_itoa(r->p, line), NULL);
    }
    return APR_SUCCESS;
}

/* Rows of a spreadsheet read another way (an .xlsx worksheet): the first row that is not empty
 * is the header, the others go through the same csv_row as a CSV file's lines. */
apr_status_t qc_qbank_read_rows(qc_qbank_reader_t *r, const apr_array_header_t *rows,
                                const char *header_key, const char **errmsg)
{
    csv_map_t m;
    int i = 0, j;
    for (; i < rows->nelts; i++) {
        const qc_qbank_row_t *row = &APR_ARRAY_IDX(rows, i, qc_qbank_row_t);
        int any = 0;
        for (j = 0; j < row->fields->nelts; j++) {
            any |= *qc_qbank_clean(r->p, APR_ARRAY_IDX(row->fields, j, const char *)) != '\0';
        }
        if (any) {
            break;
        }
    }
    if (i >= rows->nelts ||
        !csv_header(r->p, APR_ARRAY_IDX(rows, i, qc_qbank_row_t).fields, &m)) {
        return qc_qbank_refuse(r, errmsg, header_key, NULL, NULL);
    }
    for (i++; i < rows->nelts; i++) {
        const qc_qbank_row_t *row = &APR_ARRAY_IDX(rows, i, qc_qbank_row_t);
        csv_row(r, &m, row->fields, row->line);
    }
    return APR_SUCCESS;
}

int qc_qbank_looks_csv(apr_pool_t *p, const char *data, apr_size_t len)
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

/* ---- the writer ---------------------------------------------------------------------------- */

/* Every cell quoted; one that a spreadsheet would run as a formula gets a ' before it
 * (qc_csv.h), which the reader takes off again (field()). */
static void csv_field(qc_buf_t *b, const char *s, int last)
{
    qc_buf_adds(b, qc_csv_cell(b->p, s, 1));
    qc_buf_adds(b, last ? "\r\n" : ",");
}

apr_status_t qc_qbank_write_csv(apr_pool_t *p, const qc_qbank_t *bank, const char **out,
                                apr_size_t *len)
{
    qc_buf_t b;
    int i, j, nopt = 2;
    for (i = 0; i < bank->questions->nelts; i++) {
        int n = APR_ARRAY_IDX(bank->questions, i, qc_qquestion_t).choices->nelts;
        nopt = n > nopt ? n : nopt;
    }
    qc_buf_init(&b, p, 4096);
    qc_buf_adds(&b, "\xef\xbb\xbf");
    csv_field(&b, "code", 0);
    csv_field(&b, "topic_code", 0);
    csv_field(&b, "topic", 0);
    csv_field(&b, "kind", 0);
    csv_field(&b, "question", 0);
    for (j = 0; j < nopt; j++) {
        csv_field(&b, qc_qbank_letter(p, j), 0);
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
                correct = apr_pstrcat(p, correct, *correct ? "," : "", qc_qbank_letter(p, j), NULL);
            }
        }
        csv_field(&b, correct, 0);
        csv_field(&b, q->explanation ? q->explanation : "", 1);
    }
    *out = b.s;
    *len = b.len;
    return APR_SUCCESS;
}
