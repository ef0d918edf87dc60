/**
 * @file qc_form.h
 * application/x-www-form-urlencoded parsing for request bodies and query strings.
 */
#ifndef QC_FORM_H
#define QC_FORM_H

#include <apr_pools.h>
#include <apr_tables.h>

/** Most fields one form may carry; more is refused as bad input. */
#define QC_FORM_MAX_FIELDS 512

/**
 * Parse len bytes of urlencoded data ('+' is a space, %XX a byte) into a table, keeping
 * repeated names as repeated entries (apr_table_add). Every name and value must decode to
 * valid UTF-8 text without control characters other than TAB, CR and LF; values are
 * normalised to NFC. Returns APR_SUCCESS, QC_EBADUTF8 for bytes that are not UTF-8 text, or
 * QC_EINPUT for a malformed %-escape or too many fields.
 */
apr_status_t qc_form_parse(apr_pool_t *p, const char *data, apr_size_t len, apr_table_t **fields);

/** The values of every field called `name`, in order (an empty array when none). */
apr_array_header_t *qc_form_all(apr_pool_t *p, const apr_table_t *fields, const char *name);

/** The field's value with surrounding white space removed; "" when absent. */
const char *qc_form_get(apr_pool_t *p, const apr_table_t *fields, const char *name);

#endif
