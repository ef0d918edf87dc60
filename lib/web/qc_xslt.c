#include <string.h>
#include <apr_file_io.h>
#include <apr_hash.h>
#include <apr_strings.h>
#include <libxml/parser.h>
#include <libxml/catalog.h>
#include <libxml/relaxng.h>
#include <libxml/xmlschemastypes.h>
#include <libxml/xpathInternals.h>
#include <libxslt/xslt.h>
#include <libxslt/xsltInternals.h>
#include <libxslt/transform.h>
#include <libxslt/xsltutils.h>
#include <libxslt/extensions.h>
#include <libxslt/documents.h>
#include <libxslt/security.h>
#include <libxslt/imports.h>
#include <libxml/HTMLtree.h>
#include <libexslt/exslt.h>
#include "qc_xslt.h"
#include "qc_html.h"
#include "qc_xmlarena.h"
#include "qc_log.h"
#include "qc_status.h"

struct qc_xslt_set {
    apr_hash_t *pages; /* page name -> xsltStylesheetPtr */
    xsltSecurityPrefsPtr security;
};

/* ---- errors: collected into a buffer owned by the caller ------------------------------ */
typedef struct {
    char text[1024];
    apr_size_t used;
} error_sink_t;

static void collect_error(void *baton, const char *fmt, ...)
{
    error_sink_t *sink = baton;
    va_list ap;
    if (!sink || sink->used >= sizeof(sink->text) - 1) {
        return;
    }
    va_start(ap, fmt);
    sink->used += (apr_size_t)apr_vsnprintf(sink->text + sink->used,
                                            sizeof(sink->text) - sink->used, fmt, ap);
    va_end(ap);
    if (sink->used > sizeof(sink->text) - 1) {
        sink->used = sizeof(sink->text) - 1;
    }
}

/* ---- qc:msg('key', args...) ----------------------------------------------------------- */
/* What a transform's extension functions see in ctxt->_private: the texts, and one scratch
 * pool the render owns, so a page's qc:msg calls share it instead of creating a pool each
 * (which took the global pool's mutex once per call). */
typedef struct {
    const qc_messages_t *msgs;
    apr_pool_t *scratch;
} render_call_t;

static void xpath_msg(xmlXPathParserContextPtr ctxt, int nargs)
{
    xsltTransformContextPtr tctxt = xsltXPathGetTransformContext(ctxt);
    const render_call_t *call = tctxt ? tctxt->_private : NULL;
    const char *args[9];
    xmlChar *owned[9];
    xmlChar *key;
    int i, n = nargs - 1;
    const char *text;

    if (nargs < 1 || nargs > 10) {
        xmlXPathSetArityError(ctxt);
        return;
    }
    for (i = n - 1; i >= 0; i--) {
        owned[i] = xmlXPathPopString(ctxt);
        args[i] = (const char *)owned[i];
    }
    key = xmlXPathPopString(ctxt);
    if (call) {
        text = qc_messages_format(call->scratch, call->msgs, (const char *)key, n, args);
        valuePush(ctxt, xmlXPathNewString(BAD_CAST text));
    }
    else { /* not through qc_xslt_render: no texts, the key shows */
        apr_pool_t *scratch;
        apr_pool_create(&scratch, NULL);
        text = qc_messages_format(scratch, NULL, (const char *)key, n, args);
        valuePush(ctxt, xmlXPathNewString(BAD_CAST text));
        apr_pool_destroy(scratch);
    }
    xmlFree(key);
    for (i = 0; i < n; i++) {
        xmlFree(owned[i]);
    }
}

void qc_xslt_global_init(void)
{
    xmlInitParser();
    /* libxml2's process-wide tables that it would otherwise build on first use, possibly
     * inside a request's arena (lib/qc_xmlarena.h): the datatypes of RELAX NG and XML Schema
     * (the contest definition's validation) and the XML catalogs */
    xmlSchemaInitTypes();
    xmlRelaxNGInitTypes();
    xmlInitializeCatalog();
    xsltInit();
    qc_html_global_init();
    exsltRegisterAll();
    xsltRegisterExtModuleFunction(BAD_CAST "msg", BAD_CAST QC_XSLT_NS, xpath_msg);
}

/* ---- compiling ------------------------------------------------------------------------ */
/* While a set compiles (single-threaded: httpd's post_config, or a tool's main), the
 * loader maps an import of "layout.xsl" to the webmaster's override file. */
static const char *compiling_layout_override;
static xsltDocLoaderFunc default_loader;

static xmlDocPtr layout_aware_loader(const xmlChar *uri, xmlDictPtr dict, int options, void *ctxt,
                                     xsltLoadType type)
{
    const char *u = (const char *)uri;
    apr_size_t len = strlen(u);
    if (compiling_layout_override && type == XSLT_LOAD_STYLESHEET && len >= 10 &&
        strcmp(u + len - 10, "layout.xsl") == 0 && (len == 10 || u[len - 11] == '/')) {
        uri = BAD_CAST compiling_layout_override;
    }
    return default_loader(uri, dict, options, ctxt, type);
}

static apr_status_t free_set(void *data)
{
    qc_xslt_set_t *set = data;
    apr_hash_index_t *hi;
    for (hi = apr_hash_first(NULL, set->pages); hi; hi = apr_hash_next(hi)) {
        xsltFreeStylesheet((xsltStylesheetPtr)apr_hash_this_val(hi));
    }
    xsltFreeSecurityPrefs(set->security);
    return APR_SUCCESS;
}

apr_status_t qc_xslt_compile(apr_pool_t *p, const char *dir, const char *layout_override,
                             qc_xslt_set_t **out, const char **errmsg)
{
    qc_xslt_set_t *set = apr_pcalloc(p, sizeof(*set));
    apr_dir_t *d;
    apr_finfo_t fi;
    apr_status_t rv;
    error_sink_t sink;

    *errmsg = NULL;
    rv = apr_dir_open(&d, dir, p);
    if (rv != APR_SUCCESS) {
        *errmsg = apr_psprintf(p, "cannot open the stylesheet directory %s", dir);
        return rv;
    }
    set->pages = apr_hash_make(p);
    set->security = xsltNewSecurityPrefs();
    xsltSetSecurityPrefs(set->security, XSLT_SECPREF_WRITE_FILE, xsltSecurityForbid);
    xsltSetSecurityPrefs(set->security, XSLT_SECPREF_CREATE_DIRECTORY, xsltSecurityForbid);
    xsltSetSecurityPrefs(set->security, XSLT_SECPREF_WRITE_NETWORK, xsltSecurityForbid);
    xsltSetSecurityPrefs(set->security, XSLT_SECPREF_READ_NETWORK, xsltSecurityForbid);
    apr_pool_cleanup_register(p, set, free_set, apr_pool_cleanup_null);

    memset(&sink, 0, sizeof(sink));
    default_loader = xsltDocDefaultLoader;
    compiling_layout_override = layout_override;
    xsltSetLoaderFunc(layout_aware_loader);
    xsltSetGenericErrorFunc(&sink, collect_error);
    xmlSetGenericErrorFunc(&sink, collect_error);

    while (apr_dir_read(&fi, APR_FINFO_NAME | APR_FINFO_TYPE, d) == APR_SUCCESS) {
        apr_size_t len = strlen(fi.name);
        const char *path;
        xmlDocPtr sdoc;
        xsltStylesheetPtr style;
        if (fi.filetype != APR_REG || len < 5 || strcmp(fi.name + len - 4, ".xsl") != 0 ||
            strcmp(fi.name, "layout.xsl") == 0) {
            continue;
        }
        path = apr_pstrcat(p, dir, "/", fi.name, NULL);
        sdoc = xmlReadFile(path, NULL, XML_PARSE_NONET);
        style = sdoc ? xsltParseStylesheetDoc(sdoc) : NULL;
        if (!style || style->errors > 0) {
            if (style) {
                xsltFreeStylesheet(style);
            }
            else if (sdoc) {
                xmlFreeDoc(sdoc);
            }
            *errmsg = apr_psprintf(p, "stylesheet %s does not compile: %s", path,
                                   sink.used ? sink.text : "unknown error");
            rv = QC_EINPUT;
            break;
        }
        apr_hash_set(set->pages, apr_pstrndup(p, fi.name, len - 4), APR_HASH_KEY_STRING, style);
    }
    apr_dir_close(d);
    xsltSetLoaderFunc(NULL);
    compiling_layout_override = NULL;
    xsltSetGenericErrorFunc(NULL, NULL);
    xmlSetGenericErrorFunc(NULL, NULL);
    if (rv == APR_SUCCESS && apr_hash_count(set->pages) == 0) {
        *errmsg = apr_psprintf(p, "no page stylesheets (*.xsl) in %s", dir);
        rv = APR_ENOENT;
    }
    if (rv == APR_SUCCESS) {
        *out = set;
    }
    return rv;
}

int qc_xslt_has_page(const qc_xslt_set_t *set, const char *page)
{
    return set && apr_hash_get(set->pages, page, APR_HASH_KEY_STRING) != NULL;
}

int qc_xslt_count(const qc_xslt_set_t *set)
{
    return set ? (int)apr_hash_count(set->pages) : 0;
}

/* The transform; then the html output through qc_html_serialise (the same bytes as libxslt's
 * xsltSaveResultTo, without its per-node mallocs), unless `reference` asks for libxslt's own
 * serialiser (the unit tests compare the two), and xml/text output through libxslt. */
static apr_status_t render(apr_pool_t *p, const qc_xslt_set_t *set, const char *page, xmlDocPtr doc,
                           const qc_messages_t *msgs, int reference, const char **out,
                           apr_size_t *len, const char **media_type, const char **errmsg)
{
    xsltStylesheetPtr style = apr_hash_get(set->pages, page, APR_HASH_KEY_STRING);
    xsltTransformContextPtr ctxt;
    xmlDocPtr result;
    xmlChar *buf = NULL;
    int size = 0;
    error_sink_t *sink;
    render_call_t call;
    const char *method;
    const xmlChar *encoding = NULL;
    int html, indent;

    *errmsg = NULL;
    if (!style) {
        *errmsg = apr_psprintf(p, "no stylesheet for page %s", page);
        return APR_ENOENT;
    }
    sink = apr_pcalloc(p, sizeof(*sink));
    ctxt = xsltNewTransformContext(style, doc);
    if (!ctxt) {
        *errmsg = "cannot create a transform context";
        return APR_ENOMEM;
    }
    call.msgs = msgs;
    if (apr_pool_create(&call.scratch, p) != APR_SUCCESS) {
        xsltFreeTransformContext(ctxt);
        *errmsg = "cannot create the transform's scratch pool";
        return APR_ENOMEM;
    }
    ctxt->_private = &call;
    xsltSetCtxtSecurityPrefs(set->security, ctxt);
    xsltSetTransformErrorFunc(ctxt, sink, collect_error);
    result = xsltApplyStylesheetUser(style, doc, NULL, NULL, NULL, ctxt);
    apr_pool_destroy(call.scratch);
    if (!result || ctxt->state != XSLT_STATE_OK) {
        if (result) {
            xmlFreeDoc(result);
        }
        xsltFreeTransformContext(ctxt);
        *errmsg = apr_psprintf(p, "page %s: transform failed: %s", page,
                               sink->used ? sink->text : "unknown error");
        return QC_EINPUT;
    }
    xsltFreeTransformContext(ctxt);
    {
        const xmlChar *m = NULL;
        XSLT_GET_IMPORT_PTR(m, style, method); /* the output method may come from layout.xsl */
        method = m ? (const char *)m : "xml";
        XSLT_GET_IMPORT_PTR(encoding, style, encoding);
        XSLT_GET_IMPORT_INT(indent, style, indent);
    }
    html = strcmp(method, "html") == 0;
    if (html && !reference && !style->methodURI &&
        (!encoding || xmlStrcasecmp(encoding, BAD_CAST "UTF-8") == 0) &&
        result->type == XML_HTML_DOCUMENT_NODE) {
        /* what xsltSaveResultTo does first for html: the charset meta in head */
        if (result->children) {
            htmlSetMetaEncoding(result, BAD_CAST "UTF-8");
        }
        qc_html_serialise(p, result, indent == -1 ? 1 : indent, "<!DOCTYPE html>\n", 16384, out,
                          len);
        *media_type = "text/html";
        qc_xmlarena_free_doc(result);
        return APR_SUCCESS;
    }
    if (xsltSaveResultToString(&buf, &size, result, style) != 0) {
        xmlFreeDoc(result);
        *errmsg = "cannot serialise the transform's result";
        return APR_ENOMEM;
    }
    if (html) {
        *out = apr_pstrcat(p, "<!DOCTYPE html>\n", buf ? (const char *)buf : "", NULL);
        *len = (apr_size_t)size + 16;
        *media_type = "text/html";
    }
    else {
        *out = apr_pstrmemdup(p, buf ? (const char *)buf : "", (apr_size_t)size);
        *len = (apr_size_t)size;
        *media_type = strcmp(method, "text") == 0 ? "text/plain" : "application/xml";
    }
    xmlFree(buf);
    qc_xmlarena_free_doc(result);
    return APR_SUCCESS;
}

apr_status_t qc_xslt_render(apr_pool_t *p, const qc_xslt_set_t *set, const char *page,
                            xmlDocPtr doc, const qc_messages_t *msgs, const char **out,
                            apr_size_t *len, const char **media_type, const char **errmsg)
{
    return render(p, set, page, doc, msgs, 0, out, len, media_type, errmsg);
}

apr_status_t qc_xslt_render_reference(apr_pool_t *p, const qc_xslt_set_t *set, const char *page,
                                      xmlDocPtr doc, const qc_messages_t *msgs, const char **out,
                                      apr_size_t *len, const char **media_type, const char **errmsg)
{
    return render(p, set, page, doc, msgs, 1, out, len, media_type, errmsg);
}
