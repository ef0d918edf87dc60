#include <string.h>
#include <apr_strings.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include "qc_messages.h"
#include "qc_status.h"

struct qc_messages {
    apr_hash_t *texts;
};

static apr_status_t load_into(apr_pool_t *p, apr_hash_t *texts, const char *path,
                              const char **errmsg)
{
    xmlDocPtr doc =
        xmlReadFile(path, "UTF-8", XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
    xmlNodePtr root, n;
    if (!doc) {
        const xmlError *e = xmlGetLastError();
        *errmsg = apr_psprintf(p, "cannot parse messages file %s%s%s", path,
                               e && e->message ? ": " : "", e && e->message ? e->message : "");
        return QC_EINPUT;
    }
    root = xmlDocGetRootElement(doc);
    if (!root || strcmp((const char *)root->name, "messages") != 0) {
        xmlFreeDoc(doc);
        *errmsg = apr_psprintf(p, "%s: the root element must be <messages>", path);
        return QC_EINPUT;
    }
    for (n = root->children; n; n = n->next) {
        xmlChar *key, *text;
        if (n->type != XML_ELEMENT_NODE || strcmp((const char *)n->name, "m") != 0) {
            continue;
        }
        key = xmlGetProp(n, BAD_CAST "key");
        if (!key) {
            xmlFreeDoc(doc);
            *errmsg = apr_psprintf(p, "%s line %ld: <m> without key", path, xmlGetLineNo(n));
            return QC_EINPUT;
        }
        text = xmlNodeGetContent(n);
        apr_hash_set(texts, apr_pstrdup(p, (const char *)key), APR_HASH_KEY_STRING,
                     apr_pstrdup(p, text ? (const char *)text : ""));
        xmlFree(key);
        xmlFree(text);
    }
    xmlFreeDoc(doc);
    return APR_SUCCESS;
}

apr_status_t qc_messages_load(apr_pool_t *p, const char *path, const char *override_path,
                              qc_messages_t **out, const char **errmsg)
{
    qc_messages_t *m = apr_pcalloc(p, sizeof(*m));
    apr_status_t rv;
    *errmsg = NULL;
    m->texts = apr_hash_make(p);
    rv = load_into(p, m->texts, path, errmsg);
    if (rv == APR_SUCCESS && override_path) {
        rv = load_into(p, m->texts, override_path, errmsg);
    }
    if (rv == APR_SUCCESS) {
        *out = m;
    }
    return rv;
}

const char *qc_messages_get(const qc_messages_t *msgs, const char *key)
{
    return msgs ? apr_hash_get(msgs->texts, key, APR_HASH_KEY_STRING) : NULL;
}

int qc_messages_count(const qc_messages_t *msgs)
{
    return msgs ? (int)apr_hash_count(msgs->texts) : 0;
}

/* Two passes over the text: measure, then copy, so any number of repeated placeholders fits. */
static apr_size_t expand(const char *text, int nargs, const char *const *args, char *out)
{
    apr_size_t n = 0;
    const char *s;
    for (s = text; *s; s++) {
        if (s[0] == '{' && s[1] >= '1' && s[1] <= '9' && s[2] == '}') {
            int k = s[1] - '1';
            if (k < nargs && args[k]) {
                apr_size_t l = strlen(args[k]);
                if (out) {
                    memcpy(out + n, args[k], l);
                }
                n += l;
            }
            s += 2;
        }
        else {
            if (out) {
                out[n] = *s;
            }
            n++;
        }
    }
    if (out) {
        out[n] = '\0';
    }
    return n;
}

const char *qc_messages_format(apr_pool_t *p, const qc_messages_t *msgs, const char *key, int nargs,
                               const char *const *args)
{
    const char *text = qc_messages_get(msgs, key);
    char *out;
    if (!text) {
        return apr_pstrcat(p, "[", key, "]", NULL);
    }
    if (!strchr(text, '{')) {
        return text;
    }
    out = apr_palloc(p, expand(text, nargs, args, NULL) + 1);
    expand(text, nargs, args, out);
    return out;
}
