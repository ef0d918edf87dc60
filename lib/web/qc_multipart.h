/**
 * @file qc_multipart.h
 * multipart/form-data (RFC 7578) for the secretariat's file uploads: the whole body is in
 * memory (bounded by QuizContestMaxUpload before it is read), split into its parts without
 * copying the files. Text fields obey the same rules as urlencoded ones (valid UTF-8 text,
 * NFC); file parts are kept as bytes, for the importer to judge (it names a wrong encoding).
 */
#ifndef QC_MULTIPART_H
#define QC_MULTIPART_H

#include <apr_pools.h>
#include <apr_tables.h>

/** One file part of a multipart body. */
typedef struct {
    const char *field;        /**< the form field's name */
    const char *filename;     /**< as the browser sent it, path stripped, NFC; "" when none */
    const char *content_type; /**< the part's Content-Type, "" when none */
    const char *data;         /**< the bytes (NUL-terminated copy for convenience) */
    apr_size_t len;
} qc_upload_t;

/** Most parts one body may carry. */
#define QC_MULTIPART_MAX_PARTS 64

/** The value of parameter `name` in a header value such as
 *  `form-data; name="file"; filename="bank.xml"`, unquoted (a backslash escapes the next
 *  character); NULL when absent. */
const char *qc_multipart_header_param(apr_pool_t *p, const char *value, const char *name);

/** The boundary named by a Content-Type header value, or NULL when it is not a valid
 *  multipart/form-data type. */
const char *qc_multipart_boundary(apr_pool_t *p, const char *content_type);

/**
 * Split body[0..len) by `boundary`. Parts without a filename go into *fields (like
 * qc_form_parse); parts with a filename attribute into *uploads (qc_upload_t). Returns
 * APR_SUCCESS, QC_EBADUTF8 when a text field is not UTF-8 text, or QC_EINPUT for a body that
 * is not well-formed (missing boundary, unterminated part, no name, too many parts).
 */
apr_status_t qc_multipart_parse(apr_pool_t *p, const char *boundary, const char *body,
                                apr_size_t len, apr_table_t **fields, apr_array_header_t **uploads);

#endif
