/* The pages' HTML serialiser (lib/qc_html.c) against libxml2's: every page stylesheet, real
 * page documents (tests/unit/fixtures/pages, taken from ?format=xml), the same documents with
 * hostile text in every text node and attribute, and targeted cases, byte for byte. */
#include <stdio.h>
#include <string.h>
#include <apr_strings.h>
#include <apr_file_io.h>
#include <libxml/parser.h>
#include "qc_unit.h"
#include "qc_html.h"
#include "qc_messages.h"
#include "qc_xml.h"
#include "qc_xslt.h"

#define XSLT_DIR QC_SRCDIR "/xslt"
#define PAGES_DIR QC_SRCDIR "/tests/unit/fixtures/pages"
#define CASES_DIR "/tmp/qc-unit-html-cases"

/* text that every escaping rule has something to do with: markup, references, both quotes,
 * Vietnamese, an SSI comment and an HTML 4 &{...}, URI-reserved characters, controls */
#define HOSTILE                                                                                                \
    " <b>x</b> & &amp; \"dq\" 'sq' Tiếng Việt: ấ ừ ộ đ – &{x} <!--ssi--> % # ? = {} [] | \\ ^ ` " \
    "\x01\x1f\x7f \r\n\tend "

static qc_xslt_set_t *set;
static qc_messages_t *msgs;

static void load(void)
{
    qc_test_pool_setup();
    qc_test_load_theme(&set, &msgs);
}

/* Render with both serialisers; fail with the first difference shown. Returns ours. */
static const char *same_bytes(const qc_xslt_set_t *s, const char *page, xmlDocPtr doc,
                              const char *what)
{
    const char *a, *b, *ma, *mb, *err = NULL;
    apr_size_t la, lb, i;
    ck_assert_msg(qc_xslt_render(qc_test_pool, s, page, doc, msgs, &a, &la, &ma, &err) ==
                      APR_SUCCESS,
                  "%s: %s", what, err ? err : "");
    ck_assert_msg(qc_xslt_render_reference(qc_test_pool, s, page, doc, msgs, &b, &lb, &mb, &err) ==
                      APR_SUCCESS,
                  "%s: %s", what, err ? err : "");
    ck_assert_str_eq(ma, mb);
    for (i = 0; i < la && i < lb && a[i] == b[i]; i++) {
    }
    ck_assert_msg(la == lb && i == la,
                  "%s: differs at byte %lu (lengths %lu, %lu)\nours:    %.160s\nlibxml2: %.160s",
                  what, (unsigned long)i, (unsigned long)la, (unsigned long)lb,
                  a + (i > 40 ? i - 40 : 0), b + (i > 40 ? i - 40 : 0));
    ck_assert_uint_eq(strlen(a), la);
    return a;
}

/* every text node and attribute value: leading blanks + its text + HOSTILE */
static void make_hostile(xmlNodePtr n)
{
    for (; n; n = n->next) {
        if (n->type == XML_TEXT_NODE) {
            char *v = apr_pstrcat(qc_test_pool, " \t", n->content ? (char *)n->content : "",
                                  HOSTILE, NULL);
            xmlNodeSetContent(n, BAD_CAST v);
        }
        else if (n->type == XML_ELEMENT_NODE) {
            xmlAttrPtr a;
            for (a = n->properties; a; a = a->next) {
                xmlChar *old = xmlNodeGetContent((xmlNodePtr)a);
                char *v = apr_pstrcat(qc_test_pool, " \t", old ? (char *)old : "", HOSTILE, NULL);
                xmlFree(old);
                xmlSetProp(n, a->name, BAD_CAST v);
            }
            if (!n->children) {
                xmlAddChild(n, xmlNewText(BAD_CAST HOSTILE));
            }
            else {
                make_hostile(n->children);
            }
        }
    }
}

static apr_status_t free_doc(void *d)
{
    xmlFreeDoc(d);
    return APR_SUCCESS;
}

static xmlDocPtr read_doc(const char *path)
{
    xmlDocPtr d = xmlReadFile(path, NULL, XML_PARSE_NONET | XML_PARSE_NOBLANKS);
    ck_assert_msg(d != NULL, "cannot read %s", path);
    apr_pool_cleanup_register(qc_test_pool, d, free_doc, apr_pool_cleanup_null);
    return d;
}

/* a page document with what layout.xsl and most pages look at */
static xmlDocPtr generic_page(const char *name, const char *area, int user)
{
    xmlDocPtr doc = qc_xml_doc(qc_test_pool, "page");
    xmlNodePtr root = xmlDocGetRootElement(doc), c;
    qc_xml_set(root, "name", name);
    qc_xml_set(root, "area", area);
    qc_xml_set(root, "base", "/cuoc-thi");
    qc_xml_set(root, "static", "/quizcontest-static");
    qc_xml_set(root, "theme-css", "/theme/cổng.css?v=1&x=2");
    c = qc_xml_add(root, "contest", NULL);
    qc_xml_set(c, "code", "demo");
    qc_xml_add(c, "title", "Cuộc thi tìm hiểu \"Chuyển đổi số\" <2024>");
    qc_xml_add(c, "organiser", "Sở Thông tin & Truyền thông");
    if (user) {
        c = qc_xml_add(root, "user", NULL);
        qc_xml_set(c, "id", "7");
        qc_xml_add(c, "name", "Nguyễn Văn A'");
    }
    c = qc_xml_add(root, "staff", NULL);
    qc_xml_set(c, "user", "thuky");
    qc_xml_add(root, "csrf", "tok-en_1");
    return doc;
}

START_TEST(every_page_stylesheet_writes_libxml2s_bytes)
{
    apr_dir_t *d;
    apr_finfo_t fi;
    int pages = 0;
    static const char *const areas[][2] = {
        {"contestant", "1"}, {"contestant", "0"}, {"secretariat", "0"}, {"jury", "0"}};
    ck_assert_int_eq(apr_dir_open(&d, XSLT_DIR, qc_test_pool), APR_SUCCESS);
    while (apr_dir_read(&fi, APR_FINFO_NAME | APR_FINFO_TYPE, d) == APR_SUCCESS) {
        apr_size_t len = strlen(fi.name);
        const char *page;
        unsigned i;
        if (fi.filetype != APR_REG || len < 5 || strcmp(fi.name + len - 4, ".xsl") != 0 ||
            strcmp(fi.name, "layout.xsl") == 0) {
            continue;
        }
        page = apr_pstrndup(qc_test_pool, fi.name, len - 4);
        for (i = 0; i < sizeof(areas) / sizeof(areas[0]); i++) {
            xmlDocPtr doc = generic_page(page, areas[i][0], areas[i][1][0] == '1');
            const char *what = apr_psprintf(qc_test_pool, "%s (%s)", page, areas[i][0]);
            const char *out = same_bytes(set, page, doc, what);
            ck_assert_msg(strncmp(out, "<!DOCTYPE html>\n<html", 21) == 0, "%s: %.40s", what, out);
            ck_assert_ptr_nonnull(strstr(out, "<meta http-equiv=\"Content-Type\" "
                                              "content=\"text/html; charset=UTF-8\">"));
            make_hostile(xmlDocGetRootElement(doc));
            same_bytes(set, page, doc, apr_pstrcat(qc_test_pool, what, ", hostile", NULL));
        }
        pages++;
    }
    apr_dir_close(d);
    ck_assert_int_ge(pages, 25);
}
END_TEST

START_TEST(real_pages_write_libxml2s_bytes)
{
    static const char *const files[] = {"quiz",     "home",  "account", "login",
                                        "register", "error", NULL};
    int i;
    for (i = 0; files[i]; i++) {
        const char *path = apr_psprintf(qc_test_pool, "%s/%s.xml", PAGES_DIR, files[i]);
        xmlDocPtr doc = read_doc(path);
        xmlChar *name = xmlGetProp(xmlDocGetRootElement(doc), BAD_CAST "name");
        const char *page = apr_pstrdup(qc_test_pool, (const char *)name);
        const char *out;
        xmlFree(name);
        out = same_bytes(set, page, doc, files[i]);
        if (strcmp(files[i], "quiz") == 0) {
            /* the 15 questions are there, with the checked choice minimised */
            ck_assert_ptr_nonnull(strstr(out, "<li class=\"question\" id=\"q15\">"));
            ck_assert_ptr_nonnull(
                strstr(out, "type=\"radio\" name=\"a1\" value=\"1772\" checked>"));
            ck_assert_ptr_nonnull(strstr(out, "Câu hỏi đo tải số 443"));
        }
        make_hostile(xmlDocGetRootElement(doc));
        same_bytes(set, page, doc, apr_pstrcat(qc_test_pool, files[i], ", hostile", NULL));
    }
}
END_TEST

/* ---- targeted cases, through small stylesheets of their own ------------------------------ */
static const char cases_body[] =
    "<xsl:template match=\"/t[@empty]\" priority=\"2\"/>"
    "<xsl:template match=\"/t\"><xsl:variable name=\"s\" select=\"s\"/>"
    "<html><head><title><xsl:value-of select=\"$s\"/></title>"
    "<style>p &gt; a { content: \"<xsl:value-of select=\"$s\"/>\" }</style>"
    "<script>if (a &lt; b &amp;&amp; c) { x = '<xsl:value-of select=\"$s\"/>'; }</script>"
    "<meta name=\"description\" content=\"{$s}\"/></head>"
    "<body><!-- a comment --><xsl:comment> made: <xsl:value-of select=\"translate($s, '-', "
    "'_')\"/></xsl:comment>"
    "<xsl:processing-instruction name=\"pi\">data</xsl:processing-instruction>"
    "<p title=\"{$s}\"><xsl:value-of select=\"$s\"/></p>"
    "<a href=\"{$s}\" name=\"{$s}\" id=\"{$s}\">x</a><A HREF=\"{$s}\" Name=\"{$s}\">y</A>"
    "<a href=\" /đường dẫn/ä?x=1&amp;y=&quot;2&quot;&amp;z=%41#frag\">z</a>"
    "<form action=\"{$s}\" method=\"post\"><input type=\"checkbox\" checked=\"checked\""
    " disabled=\"\" readonly=\"{$s}\" value=\"{$s}\"/><input name=\"{$s}\"/>"
    "<button formaction=\"{$s}\">b</button></form>"
    "<img src=\"{$s}\" alt=\"{$s}\"/><br/><hr/><p></p><div></div><span/><textarea></textarea>"
    "<select multiple=\"multiple\"><option selected=\"selected\">1</option><option>2</option>"
    "</select><ul><li>one</li><li><b>two</b></li></ul><table><tr><td>a</td></tr></table>"
    "<div><p>a</p><p>b</p></div><div><div/><div/>text<div/></div>"
    "<main><section><h1>x</h1><h2>y</h2></section><section/></main>"
    "<svg xmlns=\"http://www.w3.org/2000/svg\"><rect width=\"1\"/><text>a&lt;b</text></svg>"
    "<p data-a=\"a&quot;b'c\" data-b='a\"b' data-c=\"a'b\" data-d=\"\"/>"
    "<pre>  a\n  b </pre><noscript><p>n</p></noscript>"
    "<xsl:element name=\"x-custom\"><xsl:attribute name=\"href\">"
    "<xsl:value-of select=\"$s\"/></xsl:attribute></xsl:element>"
    "<p><xsl:value-of select=\"$s\" disable-output-escaping=\"yes\"/></p>"
    "</body></html></xsl:template>";

static void write_case(const char *file, const char *output)
{
    FILE *f = fopen(apr_pstrcat(qc_test_pool, CASES_DIR "/", file, NULL), "w");
    ck_assert_ptr_nonnull(f);
    fprintf(f,
            "<xsl:stylesheet version=\"1.0\" "
            "xmlns:xsl=\"http://www.w3.org/1999/XSL/Transform\">%s%s</xsl:stylesheet>",
            output, cases_body);
    fclose(f);
}

START_TEST(escaping_void_elements_comments_and_newlines)
{
    static const char *const texts[] = {
        "plain",     "Tiếng Việt có dấu: Chuyển đổi số – “trích dẫn”",
        HOSTILE,     "  \t/lead/blanks?q=a b",
        "",          "a\"b",
        "a'b",       "a\"b'c",
        "&{script}", "<!-- x -->",
        "x&{y",      "<!-- unterminated",
        NULL};
    static const char *const pages[] = {"noindent", "indent", "default", "dtd"};
    qc_xslt_set_t *cases;
    const char *err = NULL, *out;
    unsigned i, k;
    apr_dir_make(CASES_DIR, APR_OS_DEFAULT, qc_test_pool);
    write_case("noindent.xsl", "<xsl:output method=\"html\" encoding=\"UTF-8\" indent=\"no\"/>");
    write_case("indent.xsl", "<xsl:output method=\"html\" encoding=\"UTF-8\" indent=\"yes\"/>");
    write_case("default.xsl", "<xsl:output method=\"html\"/>");
    write_case("dtd.xsl", "<xsl:output method=\"html\" indent=\"no\" "
                          "doctype-public=\"-//W3C//DTD HTML 4.01//EN\" "
                          "doctype-system=\"http://www.w3.org/TR/html4/strict.dtd\"/>");
    ck_assert_msg(qc_xslt_compile(qc_test_pool, CASES_DIR, NULL, &cases, &err) == APR_SUCCESS, "%s",
                  err ? err : "");
    for (k = 0; k < sizeof(pages) / sizeof(pages[0]); k++) {
        for (i = 0; texts[i]; i++) {
            xmlDocPtr doc = qc_xml_doc(qc_test_pool, "t");
            qc_xml_add(xmlDocGetRootElement(doc), "s", texts[i]);
            same_bytes(cases, pages[k], doc,
                       apr_psprintf(qc_test_pool, "%s, text %u", pages[k], i));
        }
        {
            xmlDocPtr doc = qc_xml_doc(qc_test_pool, "t");
            qc_xml_set(xmlDocGetRootElement(doc), "empty", "1");
            out = same_bytes(cases, pages[k], doc, "empty result");
            ck_assert_str_eq(out, "<!DOCTYPE html>\n");
        }
    }
    /* and what those bytes are, so that a change of libxml2 cannot pass unnoticed */
    {
        xmlDocPtr doc = qc_xml_doc(qc_test_pool, "t");
        qc_xml_add(xmlDocGetRootElement(doc), "s", " a<b & \"c\" Việt {d}");
        out = same_bytes(cases, "noindent", doc, "expected bytes");
        ck_assert_ptr_nonnull(strstr(out, "<head><meta http-equiv=\"Content-Type\" "
                                          "content=\"text/html; charset=UTF-8\"><title>"));
        ck_assert_ptr_nonnull(strstr(out, "<title> a&lt;b &amp; \"c\" Việt {d}</title>"));
        ck_assert_ptr_nonnull(strstr(out, "x = ' a<b & \"c\" Việt {d}'"));
        ck_assert_ptr_nonnull(strstr(out, "<p title=' a&lt;b &amp; \"c\" Việt {d}'>"));
        ck_assert_ptr_nonnull(
            strstr(out, "<a href=\"a&lt;b%20&amp;%20%22c%22%20Vi%E1%BB%87t%20%7Bd%7D\""));
        ck_assert_ptr_nonnull(strstr(out, "<input type=\"checkbox\" checked disabled readonly "
                                          "value=' a&lt;b &amp; \"c\" Việt {d}'>"));
        ck_assert_ptr_nonnull(strstr(out, "<br><hr><p></p><div></div><span></span>"));
        ck_assert_ptr_nonnull(strstr(out, "<body><!-- made:  a<b & \"c\" Việt {d}-->"));
        ck_assert_ptr_nonnull(strstr(out, "<?pi data>"));
        ck_assert_ptr_nonnull(strstr(out, "data-a=\"a&quot;b'c\" data-b='a\"b' data-c=\"a'b\""));
        ck_assert_ptr_nonnull(strstr(out, "</html>\n"));
    }
    for (k = 0; k < sizeof(pages) / sizeof(pages[0]); k++) {
        remove(apr_psprintf(qc_test_pool, CASES_DIR "/%s.xsl", pages[k]));
    }
}
END_TEST

Suite *qc_suite_html(void)
{
    Suite *s = suite_create("html");
    TCase *tc = tcase_create("html");
    tcase_add_checked_fixture(tc, load, qc_test_pool_teardown);
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, every_page_stylesheet_writes_libxml2s_bytes);
    tcase_add_test(tc, real_pages_write_libxml2s_bytes);
    tcase_add_test(tc, escaping_void_elements_comments_and_newlines);
    suite_add_tcase(s, tc);
    return s;
}
