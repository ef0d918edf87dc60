/**
 * @file qc_xml.h
 * Building a page's XML document with libxml2. Text is escaped by libxml2 when serialised,
 * never by hand. The document is freed with the pool it was made in.
 */
#ifndef QC_XML_H
#define QC_XML_H

#include <apr_pools.h>
#include <libxml/tree.h>

/** A new document whose root element is `root`, freed when p is destroyed. */
xmlDocPtr qc_xml_doc(apr_pool_t *p, const char *root);

/** Append an element with optional text content (NULL for none); returns it. */
xmlNodePtr qc_xml_add(xmlNodePtr parent, const char *name, const char *text);

/** Set an attribute (nothing when value is NULL). */
void qc_xml_set(xmlNodePtr node, const char *name, const char *value);

/** Set an integer attribute. */
void qc_xml_set_int(xmlNodePtr node, const char *name, apr_int64_t value);

/** The document serialised as UTF-8 XML, from p. */
const char *qc_xml_serialise(apr_pool_t *p, xmlDocPtr doc, apr_size_t *len);

/** The attribute `name` of n (n may be NULL) copied into p, or NULL when it has none. */
const char *qc_xml_prop(apr_pool_t *p, xmlNodePtr n, const char *name);

#endif
