/* CSV cells safe to open in a spreadsheet (see qc_csv.h). */
#include <string.h>
#include "qc_csv.h"

int qc_csv_is_formula_start(char c)
{
    return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r';
}

const char *qc_csv_cell(apr_pool_t *p, const char *s, int always_quote)
{
    const char *q;
    char *out, *o;
    int formula;
    if (!s) {
        return always_quote ? "\"\"" : "";
    }
    formula = qc_csv_is_formula_start(*s);
    if (!always_quote && !formula && !strpbrk(s, ",\"\r\n")) {
        return s;
    }
    out = o = apr_palloc(p, strlen(s) * 2 + 4);
    *o++ = '"';
    if (formula) {
        *o++ = '\'';
    }
    for (q = s; *q; q++) {
        if (*q == '"') {
            *o++ = '"';
        }
        *o++ = *q;
    }
    *o++ = '"';
    *o = '\0';
    return out;
}

const char *qc_csv_unneutralise(const char *s)
{
    return s && s[0] == '\'' && qc_csv_is_formula_start(s[1]) ? s + 1 : s;
}
