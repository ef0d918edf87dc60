#include <stdio.h>
#include <string.h>
#include <apr_strings.h>
#include <apr_file_io.h>
#include "qc_unit.h"
#include "qc_messages.h"
#include "qc_xml.h"
#include "qc_xslt.h"

#define XSLT_DIR QC_SRCDIR "/xslt"

static qc_xslt_set_t *set;
static qc_messages_t *msgs;

static void load(void)
{
    qc_test_pool_setup();
    qc_test_load_theme(&set, &msgs);
}

START_TEST(every_page_compiles)
{
    const char *pages[] = {"home", "error",  "register",   "login",    "account",
                           "quiz", "result", "staff-home", "password", NULL};
    int i;
    for (i = 0; pages[i]; i++) {
        ck_assert_msg(qc_xslt_has_page(set, pages[i]), "no stylesheet for %s", pages[i]);
    }
}
END_TEST

START_TEST(renders_html5_and_escapes_text)
{
    xmlDocPtr doc = qc_xml_doc(qc_test_pool, "page");
    xmlNodePtr root = xmlDocGetRootElement(doc), e, c;
    const char *out, *media, *err = NULL;
    apr_size_t len;
    qc_xml_set(root, "name", "error");
    qc_xml_set(root, "base", "/cuoc-thi");
    qc_xml_set(root, "static", "/s");
    qc_xml_set(root, "area", "contestant");
    c = qc_xml_add(root, "contest", NULL);
    qc_xml_add(c, "title", "<script>alert(1)</script> & Chuyển đổi số");
    e = qc_xml_add(root, "error", NULL);
    qc_xml_set_int(e, "status", 404);
    qc_xml_set(e, "message", "err.http.404");
    ck_assert_int_eq(
        qc_xslt_render(qc_test_pool, set, "error", doc, msgs, &out, &len, &media, &err),
        APR_SUCCESS);
    ck_assert_str_eq(media, "text/html");
    ck_assert(strncmp(out, "<!DOCTYPE html>", 15) == 0);
    ck_assert_ptr_nonnull(strstr(out, "Không tìm thấy trang"));
    ck_assert_ptr_nonnull(strstr(out, "&lt;script&gt;"));
    ck_assert_ptr_null(strstr(out, "<script>alert"));
    ck_assert_ptr_nonnull(strstr(out, "Chuyển đổi số"));
}
END_TEST

START_TEST(layout_override_is_used)
{
    const char *dir = "/tmp/qc-unit-layout", *path = "/tmp/qc-unit-layout/portal.xsl";
    const char *err = NULL, *out, *media;
    qc_xslt_set_t *custom;
    xmlDocPtr doc = qc_xml_doc(qc_test_pool, "page");
    apr_size_t len;
    FILE *f;
    apr_dir_make(dir, APR_OS_DEFAULT, qc_test_pool);
    f = fopen(path, "w");
    fputs("<xsl:stylesheet version=\"1.0\" xmlns:xsl=\"http://www.w3.org/1999/XSL/Transform\">"
          "<xsl:output method=\"html\"/><xsl:template match=\"/\"><div id=\"portal\">"
          "<xsl:apply-templates select=\"page\" mode=\"content\"/></div></xsl:template>"
          "<xsl:template match=\"page\" mode=\"title\"/>"
          "<xsl:template match=\"page\" mode=\"content\"/>"
          "<xsl:template name=\"field-error\"/><xsl:template name=\"text-field\"/>"
          "</xsl:stylesheet>",
          f);
    fclose(f);
    ck_assert_msg(qc_xslt_compile(qc_test_pool, XSLT_DIR, path, &custom, &err) == APR_SUCCESS, "%s",
                  err ? err : "");
    qc_xml_set(xmlDocGetRootElement(doc), "name", "error");
    ck_assert_int_eq(
        qc_xslt_render(qc_test_pool, custom, "error", doc, msgs, &out, &len, &media, &err),
        APR_SUCCESS);
    ck_assert_ptr_nonnull(strstr(out, "id=\"portal\""));
    remove(path);
}
END_TEST

START_TEST(broken_stylesheet_is_reported_with_its_file)
{
    const char *dir = "/tmp/qc-unit-broken-xslt", *err = NULL;
    qc_xslt_set_t *broken;
    FILE *f;
    apr_dir_make(dir, APR_OS_DEFAULT, qc_test_pool);
    f = fopen("/tmp/qc-unit-broken-xslt/page.xsl", "w");
    fputs("<xsl:stylesheet version=\"1.0\" xmlns:xsl=\"http://www.w3.org/1999/XSL/Transform\">"
          "<xsl:template match=\"/\"><xsl:value-of select=\"((\"/></xsl:template>"
          "</xsl:stylesheet>",
          f);
    fclose(f);
    ck_assert_int_ne(qc_xslt_compile(qc_test_pool, dir, NULL, &broken, &err), APR_SUCCESS);
    ck_assert_ptr_nonnull(strstr(err, "page.xsl"));
    remove("/tmp/qc-unit-broken-xslt/page.xsl");
}
END_TEST

Suite *qc_suite_xslt(void)
{
    Suite *s = suite_create("xslt");
    TCase *tc = tcase_create("xslt");
    tcase_add_checked_fixture(tc, load, qc_test_pool_teardown);
    tcase_add_test(tc, every_page_compiles);
    tcase_add_test(tc, renders_html5_and_escapes_text);
    tcase_add_test(tc, layout_override_is_used);
    tcase_add_test(tc, broken_stylesheet_is_reported_with_its_file);
    suite_add_tcase(s, tc);
    return s;
}
