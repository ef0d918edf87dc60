/**
 * @file qc_csv.h
 * CSV cells for files the secretariat opens in a spreadsheet (results, unit statistics, the
 * question bank): one rule for every writer, and its inverse for the bank's reader.
 */
#ifndef QC_CSV_H
#define QC_CSV_H

#include <apr_pools.h>

/** Does a spreadsheet read a cell that starts with this character as a formula?
 *  (=, +, -, @, TAB and CR: OWASP's list for CSV injection) */
int qc_csv_is_formula_start(char c);

/**
 * `s` as one CSV cell: quoted when it holds a separator, a quote or a line break (quotes
 * doubled); a cell a spreadsheet would take for a formula is quoted with a ' before it, so it
 * is shown as text and never run. NULL is the empty cell. `always_quote` quotes every cell.
 */
const char *qc_csv_cell(apr_pool_t *p, const char *s, int always_quote);

/** The inverse of the neutralising ': a cell read back from such a file ("'=1+1") loses it
 *  ("=1+1"); any other cell is returned as it is. */
const char *qc_csv_unneutralise(const char *s);

#endif
