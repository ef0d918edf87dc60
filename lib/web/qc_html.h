/**
 * @file qc_html.h
 * The HTML serialiser of the pages: writes the result document of a transform whose
 * xsl:output method is html into one growable buffer from an APR pool, without a malloc per
 * node or string.
 *
 * It writes the same bytes as libxml2 2.9's HTML serialiser (htmlDocContentDumpFormatOutput,
 * which libxslt's xsltSaveResultTo uses for method="html" with UTF-8 output): void elements
 * without end tags, boolean attributes minimised, text escaped (<, >, &) except inside script
 * and style, attribute values escaped the same way and quoted with " (or ' when the value holds
 * a " and no '), href/action/src (and name on a) additionally %-escaped as URIs, comments,
 * processing instructions, entity references, the optional format newlines and the final
 * newline. The unit tests compare it byte for byte with libxml2 on every page stylesheet.
 */
#ifndef QC_HTML_H
#define QC_HTML_H

#include <apr_pools.h>
#include <libxml/tree.h>

/** Once per process, before any thread serialises (qc_xslt_global_init calls it). */
void qc_html_global_init(void);

/**
 * Serialise `doc` (an HTML document, the result of an html-method transform) into a buffer
 * from p. `prefix` (may be NULL) is written first; `format` is the xsl:output indent (1: the
 * newlines libxml2 adds between block elements, 0: none); `size_hint` is the first size of
 * the buffer. *out is NUL-terminated and *len excludes the NUL. A document without children
 * (or with only a DTD) gives the prefix alone, as libxslt writes nothing for it.
 * The document is not changed: the charset meta libxslt adds is the caller's business.
 */
void qc_html_serialise(apr_pool_t *p, xmlDocPtr doc, int format, const char *prefix,
                       apr_size_t size_hint, const char **out, apr_size_t *len);

#endif
