/* The per-request arena libxml2 allocates from (lib/qc_xmlarena.c): where blocks come from,
 * realloc and free inside and outside an arena, the size cap, suspension, libxml2's last error,
 * and a whole page rendered inside an arena giving the same bytes as without one. */
#include <stdlib.h>
#include <string.h>
#include <apr_file_io.h>
#include <apr_strings.h>
#include <libxml/parser.h>
#include <libxml/xmlmemory.h>
#include "qc_unit.h"
#include "qc_definition.h"
#include "qc_messages.h"
#include "qc_xml.h"
#include "qc_xmlarena.h"
#include "qc_xslt.h"

static void setup(void)
{
    qc_test_pool_setup();
    xmlInitParser();
    ck_assert_int_eq(qc_xmlarena_install(1), 1);
}

static void teardown(void)
{
    qc_xmlarena_uninstall();
    qc_test_pool_teardown();
}

START_TEST(install_replaces_malloc_and_uninstall_restores_it)
{
    xmlFreeFunc f;
    xmlMallocFunc m;
    xmlReallocFunc r;
    xmlStrdupFunc s;
    ck_assert(qc_xmlarena_installed());
    xmlMemGet(&f, &m, &r, &s);
    ck_assert_ptr_ne((void *)m, (void *)malloc);
    qc_xmlarena_uninstall();
    ck_assert(!qc_xmlarena_installed());
    xmlMemGet(&f, &m, &r, &s);
    ck_assert_ptr_eq((void *)m, (void *)malloc);
    ck_assert_ptr_eq((void *)f, (void *)free);
    /* without the arenas installed, none opens */
    ck_assert_ptr_null(qc_xmlarena_open(qc_test_pool));
    ck_assert_int_eq(qc_xmlarena_install(0), 1);
}
END_TEST

START_TEST(blocks_come_from_the_open_arena_only)
{
    apr_size_t used, reserved, fallbacks;
    char *before = xmlMalloc(100); /* an ordinary block, freed later inside the arena */
    qc_xmlarena_t *a = qc_xmlarena_open(qc_test_pool);
    char *inside;
    ck_assert_ptr_nonnull(a);
    ck_assert_ptr_null(qc_xmlarena_open(qc_test_pool)); /* one per thread */
    inside = xmlMalloc(100);
    memset(inside, 'x', 100);
    qc_xmlarena_stats(a, &used, &reserved, &fallbacks);
    ck_assert_uint_eq(used, 112); /* rounded to the 16-byte header's alignment */
    ck_assert_uint_ge(reserved, used);
    ck_assert_uint_eq(fallbacks, 0);
    ck_assert_uint_eq((apr_uintptr_t)inside % 16, 0);
    xmlFree(before); /* not the arena's: goes to free() (a bad free would abort this test) */
    xmlFree(inside); /* the newest block: its room is taken back */
    qc_xmlarena_stats(a, &used, &reserved, &fallbacks);
    ck_assert_uint_eq(used, 0);
    ck_assert_ptr_eq(qc_xmlarena_pool(NULL), qc_xmlarena_pool(qc_test_pool));
    qc_xmlarena_close(a);
    ck_assert_ptr_eq(qc_xmlarena_pool(qc_test_pool), qc_test_pool);
}
END_TEST

START_TEST(realloc_keeps_the_content)
{
    qc_xmlarena_t *a = qc_xmlarena_open(qc_test_pool);
    char *first = xmlMalloc(32), *second, *grown, *moved, *plain;
    qc_xmlarena_t *held;
    int i;
    for (i = 0; i < 32; i++) {
        first[i] = (char)i;
    }
    second = xmlMalloc(32);
    memset(second, 7, 32);
    grown = xmlRealloc(second, 4000); /* the newest block grows where it is */
    ck_assert_ptr_eq(grown, second);
    ck_assert_ptr_eq(xmlRealloc(grown, 10), grown); /* shrinking never moves */
    moved = xmlRealloc(first, 100);                 /* an older block is copied */
    ck_assert_ptr_ne(moved, first);
    for (i = 0; i < 32; i++) {
        ck_assert_int_eq(moved[i], i);
    }
    ck_assert_int_eq(grown[31], 7);
    /* an ordinary block stays one: realloc'd by realloc, freed by free */
    held = qc_xmlarena_suspend();
    plain = xmlMalloc(10);
    qc_xmlarena_resume(held);
    strcpy(plain, "abc");
    plain = xmlRealloc(plain, 50000);
    ck_assert_str_eq(plain, "abc");
    qc_xmlarena_close(a);
    xmlFree(plain); /* outside the arena, after it closed: still a valid ordinary block */
}
END_TEST

START_TEST(a_full_arena_falls_back_to_malloc)
{
    qc_xmlarena_t *a = qc_xmlarena_open(qc_test_pool);
    apr_size_t used, reserved, fallbacks, total = 0;
    void *blocks[64];
    int n = 0;
    while (total <= QC_XMLARENA_MAX_BYTES + 2u * 1024u * 1024u && n < 64) {
        blocks[n] = xmlMalloc(1024 * 1024);
        ck_assert_ptr_nonnull(blocks[n]);
        memset(blocks[n], 1, 1024 * 1024);
        total += 1024 * 1024;
        n++;
    }
    qc_xmlarena_stats(a, &used, &reserved, &fallbacks);
    ck_assert_uint_le(reserved, QC_XMLARENA_MAX_BYTES);
    ck_assert_uint_ge(fallbacks, 2);
    while (n > 0) {
        xmlFree(blocks[--n]); /* the fallbacks go back to free() */
    }
    qc_xmlarena_close(a);
}
END_TEST

START_TEST(libxml2s_last_error_does_not_outlive_the_arena)
{
    static const char bad[] = "<a><b></a>";
    qc_xmlarena_t *a = qc_xmlarena_open(qc_test_pool);
    const xmlError *e;
    ck_assert_ptr_null(xmlReadMemory(bad, (int)strlen(bad), "bad.xml", NULL,
                                     XML_PARSE_NOERROR | XML_PARSE_NOWARNING));
    e = xmlGetLastError();
    ck_assert_ptr_nonnull(e);
    ck_assert_ptr_nonnull(e->message); /* a block of the arena */
    qc_xmlarena_close(a);
    ck_assert_ptr_null(xmlGetLastError());
    /* a new error outside any arena frees nothing of the closed one */
    ck_assert_ptr_null(xmlReadMemory(bad, (int)strlen(bad), "bad.xml", NULL,
                                     XML_PARSE_NOERROR | XML_PARSE_NOWARNING));
    ck_assert_ptr_nonnull(xmlGetLastError());
    xmlResetLastError();
}
END_TEST

/* The quiz page's real document (a ?format=xml capture), parsed; freed with p's arena or p. */
static apr_status_t free_doc(void *doc)
{
    xmlFreeDoc(doc);
    return APR_SUCCESS;
}

static xmlDocPtr quiz_doc(apr_pool_t *p)
{
    xmlDocPtr doc =
        xmlReadFile(QC_SRCDIR "/tests/unit/fixtures/pages/quiz.xml", NULL, XML_PARSE_NONET);
    ck_assert_ptr_nonnull(doc);
    apr_pool_cleanup_register(qc_xmlarena_pool(p), doc, free_doc, apr_pool_cleanup_null);
    return doc;
}

START_TEST(a_page_renders_the_same_inside_an_arena)
{
    const char *err = NULL, *plain, *arena_out, *media;
    apr_size_t plain_len, arena_len, used, reserved, fallbacks;
    qc_xslt_set_t *set;
    qc_messages_t *msgs;
    apr_pool_t *req;
    qc_xmlarena_t *a;
    qc_test_load_theme(&set, &msgs);
    ck_assert_int_eq(qc_xslt_render(qc_test_pool, set, "quiz", quiz_doc(qc_test_pool), msgs, &plain,
                                    &plain_len, &media, &err),
                     APR_SUCCESS);
    /* as the handler does: a request pool, an arena on it, the document freed at close */
    apr_pool_create(&req, qc_test_pool);
    a = qc_xmlarena_open(req);
    ck_assert_ptr_nonnull(a);
    ck_assert_int_eq(
        qc_xslt_render(req, set, "quiz", quiz_doc(req), msgs, &arena_out, &arena_len, &media, &err),
        APR_SUCCESS);
    qc_xmlarena_stats(a, &used, &reserved, &fallbacks);
    ck_assert_uint_gt(used, 10000); /* the parse, the document and the transform */
    ck_assert_uint_eq(fallbacks, 0);
    qc_xmlarena_close(a);
    ck_assert_uint_eq(arena_len, plain_len);
    ck_assert_int_eq(memcmp(arena_out, plain, plain_len), 0);
    /* the compiled stylesheets, made outside, still work after the arena (poisoned) closed */
    ck_assert_int_eq(
        qc_xslt_render(req, set, "quiz", quiz_doc(req), msgs, &arena_out, &arena_len, &media, &err),
        APR_SUCCESS);
    ck_assert_int_eq(memcmp(arena_out, plain, plain_len), 0);
    apr_pool_destroy(req);
}
END_TEST

/* The secretariat's upload path: a definition parsed and validated against the RELAX NG schema
 * inside an arena, twice (libxml2's datatype tables, built on first use, must not land in the
 * first arena), and one that fails validation. */
START_TEST(a_contest_definition_validates_inside_arenas)
{
    static const char *bad = "<contest code='x'><nonsense/></contest>";
    apr_file_t *f;
    apr_finfo_t fi;
    char *data;
    apr_size_t len;
    int i;
    qc_xslt_global_init();
    ck_assert_int_eq(apr_file_open(&f, QC_SRCDIR "/conf/demo/contest.xml", APR_FOPEN_READ,
                                   APR_OS_DEFAULT, qc_test_pool),
                     APR_SUCCESS);
    apr_file_info_get(&fi, APR_FINFO_SIZE, f);
    len = (apr_size_t)fi.size;
    data = apr_palloc(qc_test_pool, len + 1);
    ck_assert_int_eq(apr_file_read_full(f, data, len, NULL), APR_SUCCESS);
    apr_file_close(f);
    for (i = 0; i < 3; i++) {
        apr_pool_t *req;
        qc_xmlarena_t *a;
        qc_definition_t *def = NULL;
        const char *err = NULL;
        apr_pool_create(&req, qc_test_pool);
        a = qc_xmlarena_open(req);
        ck_assert_msg(qc_definition_parse_memory(req, "contest.xml", data, len, &def, &err) ==
                          APR_SUCCESS,
                      "%s", err ? err : "");
        ck_assert_ptr_nonnull(def);
        ck_assert_int_ne(qc_definition_parse_memory(req, "bad.xml", bad, strlen(bad), &def, &err),
                         APR_SUCCESS);
        qc_xmlarena_close(a);
        apr_pool_destroy(req);
    }
}
END_TEST

Suite *qc_suite_xmlarena(void)
{
    Suite *s = suite_create("xmlarena");
    TCase *tc = tcase_create("arena");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, install_replaces_malloc_and_uninstall_restores_it);
    tcase_add_test(tc, blocks_come_from_the_open_arena_only);
    tcase_add_test(tc, realloc_keeps_the_content);
    tcase_add_test(tc, a_full_arena_falls_back_to_malloc);
    tcase_add_test(tc, libxml2s_last_error_does_not_outlive_the_arena);
    tcase_add_test(tc, a_page_renders_the_same_inside_an_arena);
    tcase_add_test(tc, a_contest_definition_validates_inside_arenas);
    suite_add_tcase(s, tc);
    return s;
}
