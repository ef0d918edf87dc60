/* Aiken: a stem, options "A." or "A)", and an "ANSWER:" line. Read only. */
#include <string.h>
#include <apr_lib.h>
#include <apr_strings.h>

#include "qc_qbank.h"
#include "qc_qbank_internal.h"

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

static void aiken_answer_line(qc_qbank_reader_t *r, aiken_t *a, const char *rest)
{
    apr_pool_t *p = r->p;
    qc_qquestion_t *q = a->q;
    const char *s = qc_qbank_clean(p, rest), *what = qc_qbank_what_of(p, NULL, q->text);
    int n = q->choices->nelts, count = 0;
    if (a->error_key) {
        qc_qbank_reject(r, q->line, what, a->error_key, a->error_a1, a->error_a2, a->error_a3);
        return;
    }
    if (!*s) {
        qc_qbank_reject(r, q->line, what, "qbank.reject.no_answer", NULL, NULL, NULL);
        return;
    }
    for (; *s; s++) {
        int idx;
        if (*s == ',' || *s == ' ' || *s == ';') {
            continue;
        }
        idx = apr_isalpha(*s) ? apr_toupper(*s) - 'A' : -1;
        if (idx < 0 || idx >= n || (s[1] && s[1] != ',' && s[1] != ' ' && s[1] != ';')) {
            qc_qbank_reject(r, q->line, what, "qbank.reject.unknown_letter", qc_qbank_clean(p, s),
                            qc_qbank_letter_range(p, n), NULL);
            return;
        }
        APR_ARRAY_IDX(q->choices, idx, qc_qchoice_t).correct = 1;
        count++;
    }
    q->kind = count > 1 ? "multiple" : "single";
    qc_qbank_finish(r, q);
}

void qc_qbank_read_aiken(qc_qbank_reader_t *r, const char *data, apr_size_t len)
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
        if (!*qc_qbank_clean(p, l)) {
            if (a.q && a.q->choices->nelts > 0) {
                qc_qbank_reject(r, a.q->line, qc_qbank_what_of(p, NULL, a.q->text),
                                "qbank.reject.aiken_no_answer", NULL, NULL, NULL);
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
                a.error_a3 = qc_qbank_letter(p, n);
            }
            qc_qbank_add_choice(r, a.q, qc_qbank_clean(p, text), 0);
            continue;
        }
        if (a.q && a.q->choices->nelts > 0) {
            /* a line that is neither an option nor ANSWER: the question ended without one */
            qc_qbank_reject(r, a.q->line, qc_qbank_what_of(p, NULL, a.q->text),
                            "qbank.reject.aiken_no_answer", NULL, NULL, NULL);
            memset(&a, 0, sizeof(a));
        }
        if (!a.q) {
            a.q = qc_qbank_new_question(r, line);
            a.q->text = qc_qbank_clean(p, l);
        }
        else {
            a.q->text = qc_qbank_clean(p, apr_pstrcat(p, a.q->text, " ", l, NULL));
        }
    }
    if (a.q) {
        qc_qbank_reject(r, a.q->line, qc_qbank_what_of(p, NULL, a.q->text),
                        "qbank.reject.aiken_no_answer", NULL, NULL, NULL);
    }
}

int qc_qbank_looks_aiken(const char *text, apr_size_t len)
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
