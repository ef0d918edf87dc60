#include <string.h>
#include <apr_strings.h>
#include "qc_xml.h"
#include "qc_xmlarena.h"

static apr_status_t free_doc(void *data)
{
    qc_xmlarena_free_doc((xmlDocPtr)data);
    return APR_SUCCESS;
}

xmlDocPtr qc_xml_doc(apr_pool_t *p, const char *root)
{
    xmlDocPtr doc = xmlNewDoc(BAD_CAST "1.0");
    xmlNodePtr r;
    /* element and attribute names interned once per document rather than copied per node
     * (a quiz page has a dozen names and several hundred nodes); freed with the document */
    doc->dict = xmlDictCreate();
    r = xmlNewDocNode(doc, NULL, BAD_CAST root, NULL);
    xmlDocSetRootElement(doc, r);
    /* freed while the request's arena (if any) still owns its memory */
    apr_pool_cleanup_register(qc_xmlarena_pool(p), doc, free_doc, apr_pool_cleanup_null);
    return doc;
}

xmlNodePtr qc_xml_add(xmlNodePtr parent, const char *name, const char *text)
{
    return xmlNewTextChild(parent, NULL, BAD_CAST name, text ? BAD_CAST text : NULL);
}

void qc_xml_set(xmlNodePtr node, const char *name, const char *value)
{
    if (value) {
        xmlSetProp(node, BAD_CAST name, BAD_CAST value);
    }
}

void qc_xml_set_int(xmlNodePtr node, const char *name, apr_int64_t value)
{
    char buf[32];
    apr_snprintf(buf, sizeof(buf), "%" APR_INT64_T_FMT, value);
    xmlSetProp(node, BAD_CAST name, BAD_CAST buf);
}

const char *qc_xml_serialise(apr_pool_t *p, xmlDocPtr doc, apr_size_t *len)
{
    xmlChar *mem = NULL;
    int size = 0;
    char *out;
    xmlDocDumpFormatMemoryEnc(doc, &mem, &size, "UTF-8", 1);
    out = apr_pstrmemdup(p, (const char *)mem, (apr_size_t)size);
    xmlFree(mem);
    *len = (apr_size_t)size;
    return out;
}

const char *qc_xml_prop(apr_pool_t *p, xmlNodePtr n, const char *name)
{
    xmlChar *v = n ? xmlGetProp(n, BAD_CAST name) : NULL;
    const char *s = NULL;
    if (v) {
        s = apr_pstrdup(p, (const char *)v);
        xmlFree(v);
    }
    return s;
}
