/* GIFT (Moodle's text format): questions separated by blank lines, answers in braces,
 * $CATEGORY: lines naming topics. Read only. */
#include <stdlib.h>
#include <string.h>
#include <apr_lib.h>
#include <apr_strings.h>

#include "qc_qbank.h"
#include "qc_qbank_internal.h"

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
    qc_buf_t b;
    long i;
    qc_buf_init(&b, p, (apr_size_t)(to - from) + 1);
    for (i = from; i < to; i++) {
        if (s[i] == '\\' && i + 1 < to) {
            i++;
            qc_buf_addc(&b, s[i] == 'n' ? '\n' : s[i]);
        }
        else {
            qc_buf_addc(&b, s[i]);
        }
    }
    return b.s;
}

static const char *gift_text(apr_pool_t *p, const char *s, long from, long to, int html)
{
    const char *t = gift_unescape(p, s, from, to);
    return html || qc_qbank_looks_html(t) ? qc_qbank_html_to_text(p, t) : qc_qbank_clean(p, t);
}

static void gift_question(qc_qbank_reader_t *r, const char *s, int line)
{
    apr_pool_t *p = r->p;
    long len = (long)strlen(s), i = 0, open, close, end;
    qc_qquestion_t *q = qc_qbank_new_question(r, line);
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
            title = qc_qbank_clean(p, gift_unescape(p, s, i + 2, e));
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
        qc_qbank_reject(r, line, qc_qbank_what_of(p, r->label, q->text),
                        "qbank.reject.gift_no_answers", NULL, NULL, NULL);
        return;
    }
    if (close < 0) {
        q->text = gift_text(p, s, i, open, html);
        qc_qbank_reject(r, line, qc_qbank_what_of(p, r->label, q->text), "qbank.reject.gift_braces",
                        NULL, NULL, NULL);
        return;
    }
    before = gift_text(p, s, i, open, html);
    after = gift_text(p, s, close + 1, len, html);
    q->text = *after ? apr_pstrcat(p, before, " _____ ", after, NULL) : before;
    ans = qc_qbank_clean(p, gift_unescape(p, s, open + 1, close));
    {
        /* true/false: {T} {F} {TRUE} {FALSE}, optionally with #feedback */
        long h = find_unescaped(s, open + 1, close, '#');
        const char *tf = qc_qbank_clean(
            p, apr_pstrmemdup(p, s + open + 1, (apr_size_t)((h >= 0 ? h : close) - open - 1)));
        if (!strcmp(tf, "T") || !strcmp(tf, "TRUE") || !strcmp(tf, "F") || !strcmp(tf, "FALSE")) {
            int t = tf[0] == 'T';
            qc_qbank_add_choice(r, q, QC_QBANK_TEXT_TRUE, t);
            qc_qbank_add_choice(r, q, QC_QBANK_TEXT_FALSE, !t);
            qc_qbank_finish(r, q);
            return;
        }
    }
    if (!*ans) {
        qc_qbank_reject(r, line, qc_qbank_what_of(p, r->label, q->text), "qbank.reject.gift_type",
                        "essay", NULL, NULL);
        return;
    }
    if (ans[0] == '#') {
        qc_qbank_reject(r, line, qc_qbank_what_of(p, r->label, q->text), "qbank.reject.gift_type",
                        "numerical", NULL, NULL);
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
            qc_qbank_reject(r, line, qc_qbank_what_of(p, r->label, q->text),
                            "qbank.reject.gift_type", "?", NULL, NULL);
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
                qc_qbank_reject(r, line, qc_qbank_what_of(p, r->label, q->text),
                                "qbank.reject.weight",
                                qc_qbank_clean(p, gift_unescape(p, s, start, stop)), NULL, NULL);
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
                qc_qbank_reject(r, line, qc_qbank_what_of(p, r->label, q->text),
                                "qbank.reject.gift_type", "matching", NULL, NULL);
                return;
            }
            a->text = html || qc_qbank_looks_html(raw) ? qc_qbank_html_to_text(p, raw)
                                                       : qc_qbank_clean(p, raw);
        }
        i = stop;
    }
    if (!has_tilde) {
        qc_qbank_reject(r, line, qc_qbank_what_of(p, r->label, q->text), "qbank.reject.gift_type",
                        "shortanswer", NULL, NULL);
        return;
    }
    q->kind = positive_weight ? "multiple" : "single";
    for (k = 0; k < answers->nelts; k++) {
        gift_answer_t *a = &APR_ARRAY_IDX(answers, k, gift_answer_t);
        int correct =
            positive_weight ? (a->weighted ? a->weight > 0 : a->mark == '=') : a->mark == '=';
        qc_qbank_add_choice(r, q, a->text, correct);
    }
    qc_qbank_finish(r, q);
}

void qc_qbank_read_gift(qc_qbank_reader_t *r, const char *data, apr_size_t len)
{
    apr_pool_t *p = r->p;
    apr_size_t i = 0;
    int line = 0, start_line = 0;
    qc_buf_t block;
    qc_buf_init(&block, p, 1024);
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
                qc_buf_init(&block, p, 1024);
            }
        }
        else if (!strncmp(l + k, "//", 2)) {
            /* a comment line */
        }
        else if (!strncmp(l + k, "$CATEGORY:", 10)) {
            if (block.len) {
                gift_question(r, block.s, start_line);
                qc_buf_init(&block, p, 1024);
            }
            r->topic_title = qc_qbank_category_title(p, l + k + 10);
            r->topic_code = NULL;
        }
        else {
            if (!block.len) {
                start_line = line;
            }
            qc_buf_adds(&block, l);
            qc_buf_addc(&block, '\n');
        }
        i = e + 1;
    }
    if (block.len) {
        gift_question(r, block.s, start_line);
    }
}

int qc_qbank_looks_gift(const char *data, apr_size_t len)
{
    return find_unescaped(data, 0, (long)len, '{') >= 0;
}
