/**
 * @file qc_mpstream.h
 * multipart/form-data (RFC 7578) read as a stream: the body is fed in chunks of any size and
 * each part is handed to callbacks as it goes (its headers once, its bytes in pieces), so a
 * large file part can be written to disk without the body ever being held whole in memory.
 * Memory used is bounded by QC_MPSTREAM_BUFFER whatever the body's size.
 */
#ifndef QC_MPSTREAM_H
#define QC_MPSTREAM_H

#include <apr_pools.h>

/** The parser's working buffer (a part's headers must fit in it). */
#define QC_MPSTREAM_BUFFER 16384

/** Callbacks; a status other than APR_SUCCESS stops the parse and is returned by feed. */
typedef struct {
    /** A part begins: its field name, its file name (NULL when the part has none: a text
     *  field) and its Content-Type ("" when none). */
    apr_status_t (*begin)(void *baton, const char *name, const char *filename,
                          const char *content_type);
    apr_status_t (*data)(void *baton, const char *buf, apr_size_t len);
    apr_status_t (*end)(void *baton);
} qc_mpstream_handler_t;

typedef struct qc_mpstream qc_mpstream_t;

/** A parser for a body with this boundary (from qc_multipart_boundary). */
qc_mpstream_t *qc_mpstream_create(apr_pool_t *p, const char *boundary,
                                  const qc_mpstream_handler_t *h, void *baton);

/** Feed the next len bytes of the body. QC_EINPUT for a body that is not well-formed (a part
 *  without name, headers too long, too many parts), or a callback's status. */
apr_status_t qc_mpstream_feed(qc_mpstream_t *s, const char *data, apr_size_t len);

/** The body ended: APR_SUCCESS only when its closing boundary was seen. */
apr_status_t qc_mpstream_finish(qc_mpstream_t *s);

#endif
