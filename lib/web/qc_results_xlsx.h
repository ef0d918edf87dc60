/**
 * @file qc_results_xlsx.h
 * The results as spreadsheets (.xlsx, libxlsxwriter): the ranking with the same columns as its
 * CSV (qc_results_csv) and a second sheet of prize winners; the unit statistics with the
 * columns of qc_results_units_csv. Headers are Vietnamese texts of the messages file
 * (keys xlsx.col.<CSV column name>); cells that hold a plain number are written as numbers.
 */
#ifndef QC_RESULTS_XLSX_H
#define QC_RESULTS_XLSX_H

#include <apr_pools.h>
#include "qc_messages.h"
#include "qc_results.h"

/** The ranking r as an .xlsx file in *body (from p). msgs may be NULL (headers are then the
 *  CSV's column names). QC_EDB-like failures (temporary file, libxlsxwriter) are logged and
 *  returned as APR_EGENERAL. */
apr_status_t qc_results_xlsx(apr_pool_t *p, const qc_messages_t *msgs, const qc_ranking_t *r,
                             const char **body, apr_size_t *len);

/** The unit statistics u as an .xlsx file. */
apr_status_t qc_results_units_xlsx(apr_pool_t *p, const qc_messages_t *msgs,
                                   const qc_unit_report_t *u, const char **body, apr_size_t *len);

#endif
