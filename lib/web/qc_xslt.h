/**
 * @file qc_xslt.h
 * The page stylesheets, compiled once per process and then shared read-only by every thread;
 * each transform gets its own context, its own error sink and security preferences that
 * forbid writing files and fetching from the network.
 *
 * A stylesheet directory holds layout.xsl (the portal look, imported by every page) and one
 * <page>.xsl per page. A webmaster may replace layout.xsl by a file of their own
 * (QuizContestLayout) without copying the pages.
 */
#ifndef QC_XSLT_H
#define QC_XSLT_H

#include <apr_pools.h>
#include <libxml/tree.h>
#include "qc_messages.h"

/** Namespace of the extension functions: qc:msg('key', args...). */
#define QC_XSLT_NS "urn:quizcontest:xslt"

typedef struct qc_xslt_set qc_xslt_set_t;

/** Initialise libxml2/libxslt/libexslt and register the extension functions. Once per
 *  process, before any thread starts (the httpd parent, or main()). */
void qc_xslt_global_init(void);

/**
 * Compile every page stylesheet of `dir` (all *.xsl but layout.xsl), importing
 * `layout_override` instead of dir/layout.xsl when it is not NULL. The set lives in p.
 * Errors carry file and line in *errmsg.
 */
apr_status_t qc_xslt_compile(apr_pool_t *p, const char *dir, const char *layout_override,
                             qc_xslt_set_t **set, const char **errmsg);

/** Is there a stylesheet for `page`? */
int qc_xslt_has_page(const qc_xslt_set_t *set, const char *page);

/** Number of page stylesheets compiled. */
int qc_xslt_count(const qc_xslt_set_t *set);

/**
 * Transform doc with the stylesheet of `page`, texts from msgs. *out (from p) is the result;
 * for html output it starts with "<!DOCTYPE html>". *media_type is "text/html",
 * "application/xml" or "text/plain" after the stylesheet's xsl:output method.
 */
apr_status_t qc_xslt_render(apr_pool_t *p, const qc_xslt_set_t *set, const char *page,
                            xmlDocPtr doc, const qc_messages_t *msgs, const char **out,
                            apr_size_t *len, const char **media_type, const char **errmsg);

/**
 * The same as qc_xslt_render, but html output is serialised by libxslt (xsltSaveResultTo),
 * not by qc_html_serialise: the reference the unit tests compare the pages with, byte for byte.
 */
apr_status_t qc_xslt_render_reference(apr_pool_t *p, const qc_xslt_set_t *set, const char *page,
                                      xmlDocPtr doc, const qc_messages_t *msgs, const char **out,
                                      apr_size_t *len, const char **media_type,
                                      const char **errmsg);

#endif
