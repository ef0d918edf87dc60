/* The pages' HTML serialiser: libxml2 2.9's HTML output rules (HTMLtree.c, entities.c,
 * uri.c, buf.c), written straight into one pool buffer. See qc_html.h. */
#include <string.h>
#include <apr_strings.h>
#include <libxml/HTMLparser.h>
#include <libxml/HTMLtree.h>
#include <libxml/parserInternals.h>
#include "qc_html.h"

/* ---- the buffer ------------------------------------------------------------------------- */
typedef struct {
    apr_pool_t *p;
    char *buf;
    apr_size_t len, cap;
} obuf_t;

static void grow(obuf_t *o, apr_size_t need)
{
    apr_size_t cap = o->cap ? o->cap : 4096;
    char *nb;
    while (cap - o->len < need) {
        cap *= 2;
    }
    nb = apr_palloc(o->p, cap);
    if (o->len) {
        memcpy(nb, o->buf, o->len);
    }
    o->buf = nb;
    o->cap = cap;
}

static APR_INLINE void put(obuf_t *o, const char *s, apr_size_t n)
{
    if (o->cap - o->len < n) {
        grow(o, n);
    }
    memcpy(o->buf + o->len, s, n);
    o->len += n;
}

static APR_INLINE void putc1(obuf_t *o, char c)
{
    if (o->len == o->cap) {
        grow(o, 1);
    }
    o->buf[o->len++] = c;
}

static APR_INLINE void puts0(obuf_t *o, const xmlChar *s)
{
    put(o, (const char *)s, strlen((const char *)s));
}

#define PUTLIT(o, lit) put((o), (lit), sizeof(lit) - 1)

/* ASCII case-insensitive equality, as xmlStrcasecmp() == 0 (NULL equals nothing) */
static int ascii_eq(const xmlChar *a, const char *b)
{
    if (!a) {
        return 0;
    }
    for (; *a && *b; a++, b++) {
        xmlChar x = *a, y = (xmlChar)*b;
        if (x >= 'A' && x <= 'Z') {
            x = (xmlChar)(x + 32);
        }
        if (y >= 'A' && y <= 'Z') {
            y = (xmlChar)(y + 32);
        }
        if (x != y) {
            return 0;
        }
    }
    return *a == 0 && *b == 0;
}

/* ---- element descriptions: libxml2's own table, looked up once per distinct name --------- */
#define TAG_SLOTS 128

/* what an element name or an attribute name means to the serialiser */
#define NAME_RAW 1     /* element: script or style, its text is written unescaped */
#define NAME_BOOLEAN 2 /* attribute: htmlIsBooleanAttr, written as the bare name */
#define NAME_URI 4     /* attribute: href, action or src, %-escaped */
#define NAME_NAME 8    /* attribute: name (%-escaped on an a element) */
#define NAME_A 16      /* element: a */

typedef struct {
    const xmlChar *name;
    const htmlElemDesc *info;
    int flags;
    apr_size_t len; /* strlen(name) */
} name_slot_t;

typedef struct {
    obuf_t *o;
    xmlDocPtr doc;
    int format;
    name_slot_t tags[TAG_SLOTS];
    name_slot_t attrs[TAG_SLOTS];
    obuf_t val; /* one attribute value, encoded */
} ser_t;

static int boolean_attr(const xmlChar *name);

static void classify(name_slot_t *slot, int element)
{
    const xmlChar *n = slot->name;
    slot->len = strlen((const char *)n);
    if (element) {
        slot->info = htmlTagLookup(n);
        slot->flags = (ascii_eq(n, "script") || ascii_eq(n, "style") ? NAME_RAW : 0) |
                      (ascii_eq(n, "a") ? NAME_A : 0);
    }
    else {
        slot->info = NULL;
        slot->flags =
            (boolean_attr(n) ? NAME_BOOLEAN : 0) |
            (ascii_eq(n, "href") || ascii_eq(n, "action") || ascii_eq(n, "src") ? NAME_URI : 0) |
            (ascii_eq(n, "name") ? NAME_NAME : 0);
    }
}

/* Result-tree names come from the stylesheet's dictionary, so one name is one pointer: the
 * caches are keyed by the pointer; a name is classified (htmlTagLookup for elements) once.
 * When a table is full (more distinct names than slots), *spare is classified instead. */
static const name_slot_t *name_info(name_slot_t *table, const xmlChar *name, int element,
                                    name_slot_t *spare)
{
    apr_uintptr_t h = ((apr_uintptr_t)name >> 4) % TAG_SLOTS;
    int i;
    for (i = 0; i < TAG_SLOTS; i++) {
        name_slot_t *slot = &table[(h + (apr_uintptr_t)i) % TAG_SLOTS];
        if (slot->name == name) {
            return slot;
        }
        if (!slot->name) {
            slot->name = name;
            classify(slot, element);
            return slot;
        }
    }
    spare->name = name;
    classify(spare, element);
    return spare;
}

/* htmlIsBooleanAttr: written as the bare name */
static int boolean_attr(const xmlChar *name)
{
    switch (strlen((const char *)name)) {
    case 5:
        return ascii_eq(name, "defer") || ascii_eq(name, "ismap");
    case 6:
        return ascii_eq(name, "nohref") || ascii_eq(name, "nowrap");
    case 7:
        return ascii_eq(name, "checked") || ascii_eq(name, "compact") ||
               ascii_eq(name, "declare") || ascii_eq(name, "noshade");
    case 8:
        return ascii_eq(name, "disabled") || ascii_eq(name, "multiple") ||
               ascii_eq(name, "noresize") || ascii_eq(name, "readonly") ||
               ascii_eq(name, "selected");
    default:
        return 0;
    }
}

/* ---- text and attribute escaping (xmlEncodeEntitiesInternal on an HTML document) --------- */
/* Text: <, > and & become references; other controls than tab, newline and carriage return
 * are dropped; everything else (UTF-8 included) is copied. In attributes, an SSI comment
 * "<!--...-->" and an HTML 4 "&{...}" are copied as they are. */
static unsigned char copied[256]; /* bytes encode() copies as they are */

void qc_html_global_init(void)
{
    int c;
    for (c = 0; c < 256; c++) {
        copied[c] =
            (c >= 0x20 && c != '<' && c != '>' && c != '&') || c == '\n' || c == '\t' || c == '\r';
    }
}

static void encode(obuf_t *o, const xmlChar *in, int attr)
{
    const xmlChar *run = in, *cur = in;
    for (;;) {
        xmlChar c;
        while (copied[*cur]) {
            cur++;
        }
        c = *cur;
        if (cur > run) {
            put(o, (const char *)run, (apr_size_t)(cur - run));
        }
        if (c == 0) {
            return;
        }
        if (c == '<') {
            const char *end;
            if (attr && cur[1] == '!' && cur[2] == '-' && cur[3] == '-' &&
                (end = strstr((const char *)cur, "-->")) != NULL) {
                put(o, (const char *)cur, (apr_size_t)((const xmlChar *)end + 3 - cur));
                cur = (const xmlChar *)end + 3;
                run = cur;
                continue;
            }
            PUTLIT(o, "&lt;");
        }
        else if (c == '>') {
            PUTLIT(o, "&gt;");
        }
        else if (c == '&') {
            const char *end;
            if (attr && cur[1] == '{' && (end = strchr((const char *)cur, '}')) != NULL) {
                put(o, (const char *)cur, (apr_size_t)((const xmlChar *)end + 1 - cur));
                cur = (const xmlChar *)end + 1;
                run = cur;
                continue;
            }
            PUTLIT(o, "&amp;");
        }
        /* else: a control character, dropped */
        cur++;
        run = cur;
    }
}

/* xmlURIEscapeStr(value, "@/:=?;#%&,+<>"): what is neither unreserved nor listed becomes %XX */
static int uri_keep(xmlChar c)
{
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) {
        return 1;
    }
    return c != 0 && strchr("-_.!~*'()@/:=?;#%&,+<>", c) != NULL;
}

static void uri_escape(obuf_t *o, const char *in, apr_size_t n)
{
    static const char hex[] = "0123456789ABCDEF";
    apr_size_t i, run = 0;
    for (i = 0; i < n; i++) {
        xmlChar c = (xmlChar)in[i];
        if (uri_keep(c)) {
            continue;
        }
        if (i > run) {
            put(o, in + run, i - run);
        }
        putc1(o, '%');
        putc1(o, hex[c >> 4]);
        putc1(o, hex[c & 0xF]);
        run = i + 1;
    }
    if (n > run) {
        put(o, in + run, n - run);
    }
}

/* xmlBufWriteQuotedString: "..." unless the value holds a " : then '...' unless it also holds
 * a ', then "..." with &quot; */
static void quoted(obuf_t *o, const char *v, apr_size_t n)
{
    const char *dq = memchr(v, '"', n);
    if (!dq) {
        putc1(o, '"');
        put(o, v, n);
        putc1(o, '"');
    }
    else if (!memchr(v, '\'', n)) {
        putc1(o, '\'');
        put(o, v, n);
        putc1(o, '\'');
    }
    else {
        apr_size_t i, run = 0;
        putc1(o, '"');
        for (i = 0; i < n; i++) {
            if (v[i] == '"') {
                put(o, v + run, i - run);
                PUTLIT(o, "&quot;");
                run = i + 1;
            }
        }
        put(o, v + run, n - run);
        putc1(o, '"');
    }
}

/* htmlAttrDumpOutput; parent_flags: tag_flags of the element (0 when it has a namespace) */
static void dump_attr(ser_t *s, xmlAttrPtr a, int parent_flags)
{
    obuf_t *o = s->o;
    xmlNodePtr c;
    name_slot_t spare;
    const name_slot_t *slot = name_info(s->attrs, a->name, 0, &spare);
    int flags = slot->flags, uri;
    putc1(o, ' ');
    if (a->ns && a->ns->prefix) {
        puts0(o, a->ns->prefix);
        putc1(o, ':');
    }
    put(o, (const char *)a->name, slot->len);
    if (!a->children || (flags & NAME_BOOLEAN)) {
        return;
    }
    uri = !a->ns && a->parent && !a->parent->ns &&
          ((flags & NAME_URI) || ((flags & NAME_NAME) && (parent_flags & NAME_A)));
    /* the value as xmlNodeListGetString(doc, children, 0) gives it */
    s->val.len = 0;
    for (c = a->children; c; c = c->next) {
        if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
            if (c->content) {
                encode(&s->val, c->content, 1);
            }
        }
        else if (c->type == XML_ENTITY_REF_NODE) {
            putc1(&s->val, '&');
            puts0(&s->val, c->name);
            putc1(&s->val, ';');
        }
    }
    putc1(o, '=');
    if (uri) {
        const char *v = s->val.buf;
        apr_size_t n = s->val.len;
        while (n && (*v == ' ' || *v == '\t' || *v == '\n' || *v == '\r')) {
            v++;
            n--;
        }
        /* a %-escaped value holds no " */
        putc1(o, '"');
        uri_escape(o, v, n);
        putc1(o, '"');
    }
    else {
        quoted(o, s->val.buf, s->val.len);
    }
}

static void dump_name(obuf_t *o, xmlNodePtr cur, apr_size_t len)
{
    if (cur->ns && cur->ns->prefix) {
        puts0(o, cur->ns->prefix);
        putc1(o, ':');
    }
    put(o, (const char *)cur->name, len);
}

/* after an element, libxml2 breaks the line (format only) before a following block sibling */
static int newline_after(const xmlNode *cur, const xmlNode *parent)
{
    return cur->next && cur->next->type != XML_TEXT_NODE &&
           cur->next->type != XML_ENTITY_REF_NODE && parent && parent->name &&
           parent->name[0] != 'p';
}

static int newline_inside(const xmlNode *cur, const xmlNode *edge)
{
    return edge->type != XML_TEXT_NODE && edge->type != XML_ENTITY_REF_NODE &&
           cur->children != cur->last && cur->name && cur->name[0] != 'p';
}

static void dump_node(ser_t *s, xmlNodePtr cur, int raw);

static void dump_element(ser_t *s, xmlNodePtr cur)
{
    obuf_t *o = s->o;
    name_slot_t spare;
    const name_slot_t *slot = name_info(s->tags, cur->name, 1, &spare);
    const htmlElemDesc *info = cur->ns ? NULL : slot->info;
    int flags = cur->ns ? 0 : slot->flags;
    apr_size_t len = slot->len;
    xmlAttrPtr a;
    xmlNsPtr ns;
    xmlNodePtr c;

    putc1(o, '<');
    dump_name(o, cur, len);
    for (ns = cur->nsDef; ns; ns = ns->next) {
        if (ns->type != XML_LOCAL_NAMESPACE || !ns->href ||
            (ns->prefix && strcmp((const char *)ns->prefix, "xml") == 0)) {
            continue;
        }
        if (ns->prefix) {
            PUTLIT(o, " xmlns:");
            puts0(o, ns->prefix);
        }
        else {
            PUTLIT(o, " xmlns");
        }
        putc1(o, '=');
        quoted(o, (const char *)ns->href, strlen((const char *)ns->href));
    }
    for (a = cur->properties; a; a = a->next) {
        dump_attr(s, a, flags);
    }

    if (!(info && info->empty) && cur->children) {
        int block = s->format && info && !info->isinline;
        putc1(o, '>');
        if (block && newline_inside(cur, cur->children)) {
            putc1(o, '\n');
        }
        for (c = cur->children; c; c = c->next) {
            /* libxml2 asks the parent's name, namespace or not */
            dump_node(s, c, (slot->flags & NAME_RAW) != 0);
        }
        if (block && newline_inside(cur, cur->last)) {
            putc1(o, '\n');
        }
        PUTLIT(o, "</");
        dump_name(o, cur, len);
        putc1(o, '>');
    }
    else if ((info && info->empty) ||
             (info && info->saveEndTag && strcmp(info->name, "html") != 0 &&
              strcmp(info->name, "body") != 0)) {
        putc1(o, '>');
    }
    else {
        PUTLIT(o, "></");
        dump_name(o, cur, len);
        putc1(o, '>');
    }
    if (s->format && info && !info->isinline && newline_after(cur, cur->parent)) {
        putc1(o, '\n');
    }
}

/* raw: the parent is script or style, whose text is written unescaped */
static void dump_node(ser_t *s, xmlNodePtr cur, int raw)
{
    obuf_t *o = s->o;
    switch (cur->type) {
    case XML_ELEMENT_NODE:
        dump_element(s, cur);
        break;
    case XML_TEXT_NODE:
        if (!cur->content) {
            break;
        }
        if (cur->name != xmlStringTextNoenc && !raw) {
            encode(o, cur->content, 0);
        }
        else {
            puts0(o, cur->content);
        }
        break;
    case XML_COMMENT_NODE:
        if (cur->content) {
            PUTLIT(o, "<!--");
            puts0(o, cur->content);
            PUTLIT(o, "-->");
        }
        break;
    case XML_PI_NODE:
        if (cur->name) {
            PUTLIT(o, "<?");
            puts0(o, cur->name);
            if (cur->content) {
                putc1(o, ' ');
                puts0(o, cur->content);
            }
            putc1(o, '>');
        }
        break;
    case XML_ENTITY_REF_NODE:
        putc1(o, '&');
        puts0(o, cur->name);
        putc1(o, ';');
        break;
    case XML_CDATA_SECTION_NODE:
        if (cur->content) {
            puts0(o, cur->content);
        }
        break;
    default:
        break;
    }
}

static void dump_quoted_id(obuf_t *o, const xmlChar *id)
{
    quoted(o, (const char *)id, strlen((const char *)id));
}

void qc_html_serialise(apr_pool_t *p, xmlDocPtr doc, int format, const char *prefix,
                       apr_size_t size_hint, const char **out, apr_size_t *len)
{
    obuf_t o;
    ser_t *s = apr_pcalloc(p, sizeof(*s));
    xmlNodePtr c;

    o.p = p;
    o.len = 0;
    o.cap = size_hint > 64 ? size_hint : 64;
    o.buf = apr_palloc(p, o.cap);
    s->o = &o;
    s->doc = doc;
    s->format = format;
    s->val.p = p;
    s->val.cap = 1024;
    s->val.len = 0;
    s->val.buf = apr_palloc(p, s->val.cap);
    if (prefix) {
        put(&o, prefix, strlen(prefix));
    }
    if (doc && doc->children &&
        !(doc->children->type == XML_DTD_NODE && doc->children->next == NULL)) {
        xmlDtdPtr dtd = doc->intSubset;
        if (dtd) {
            PUTLIT(&o, "<!DOCTYPE ");
            puts0(&o, dtd->name);
            if (dtd->ExternalID) {
                PUTLIT(&o, " PUBLIC ");
                dump_quoted_id(&o, dtd->ExternalID);
                if (dtd->SystemID) {
                    putc1(&o, ' ');
                    dump_quoted_id(&o, dtd->SystemID);
                }
            }
            else if (dtd->SystemID &&
                     strcmp((const char *)dtd->SystemID, "about:legacy-compat") != 0) {
                PUTLIT(&o, " SYSTEM ");
                dump_quoted_id(&o, dtd->SystemID);
            }
            PUTLIT(&o, ">\n");
        }
        for (c = doc->children; c; c = c->next) {
            dump_node(s, c,
                      ascii_eq(BAD_CAST doc->name, "script") ||
                          ascii_eq(BAD_CAST doc->name, "style"));
        }
        putc1(&o, '\n');
    }
    putc1(&o, '\0');
    *out = o.buf;
    *len = o.len - 1;
}
