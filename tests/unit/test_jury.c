/* Jury-scored parts: video sniffing, links, the streaming multipart parser fed in every chunk
 * size, and the jury parts of the shipped Bến Tre definition. The scoring rules are tested in
 * test_jury_scoring.c. */
#include <string.h>
#include <apr_strings.h>
#include "qc_unit.h"
#include "qc_definition.h"
#include "qc_jury.h"
#include "qc_mpstream.h"
#include "qc_status.h"

START_TEST(sniff_by_content)
{
    static const unsigned char mp4[] = {0, 0, 0, 0x20, 'f', 't', 'y', 'p', 'i', 's', 'o', 'm', 0};
    static const unsigned char webm[] = {0x1A, 0x45, 0xDF, 0xA3, 0x9F, 0x42, 0x86, 0x81, 0x01,
                                         0x42, 0x82, 0x84, 'w',  'e',  'b',  'm',  0x42, 0x87};
    static const unsigned char mkv[] = {0x1A, 0x45, 0xDF, 0xA3, 0x9F, 0x42, 0x86, 0x81, 0x01, 0x42,
                                        0x82, 0x88, 'm',  'a',  't',  'r',  'o',  's',  'k',  'a'};
    ck_assert_str_eq(qc_jury_sniff_video(mp4, sizeof(mp4)), "video/mp4");
    ck_assert_str_eq(qc_jury_sniff_video(webm, sizeof(webm)), "video/webm");
    ck_assert_ptr_null(qc_jury_sniff_video(mkv, sizeof(mkv)));
    ck_assert_ptr_null(qc_jury_sniff_video((const unsigned char *)"<html>ftyp....", 14));
    ck_assert_ptr_null(qc_jury_sniff_video(mp4, 6));
}
END_TEST

START_TEST(links)
{
    ck_assert(qc_jury_link_ok("https://www.youtube.com/watch?v=abc"));
    ck_assert(qc_jury_link_ok("http://fb.com/x"));
    ck_assert(!qc_jury_link_ok("javascript:alert(1)"));
    ck_assert(!qc_jury_link_ok("https://"));
    ck_assert(!qc_jury_link_ok("https://a b"));
    ck_assert(!qc_jury_link_ok("https://a\"onmouseover=x"));
    ck_assert(!qc_jury_link_ok("ftp://x"));
}
END_TEST

/* ---- the streaming multipart parser ---- */

typedef struct {
    apr_pool_t *p;
    const char *log;
} sink_t;

static apr_status_t s_begin(void *b, const char *name, const char *filename, const char *ct)
{
    sink_t *s = b;
    s->log = apr_psprintf(s->p, "%s[%s|%s|%s:", s->log, name, filename ? filename : "-", ct);
    return APR_SUCCESS;
}

static apr_status_t s_data(void *b, const char *buf, apr_size_t len)
{
    sink_t *s = b;
    s->log = apr_pstrcat(s->p, s->log, apr_pstrmemdup(s->p, buf, len), NULL);
    return APR_SUCCESS;
}

static apr_status_t s_end(void *b)
{
    sink_t *s = b;
    s->log = apr_pstrcat(s->p, s->log, "]", NULL);
    return APR_SUCCESS;
}

static const qc_mpstream_handler_t H = {s_begin, s_data, s_end};

static const char BODY[] =
    "preamble\r\n--XyZ\r\n"
    "Content-Disposition: form-data; name=\"title\"\r\n\r\n"
    "Phim ngắn\r\n--XyZ\r\n"
    "Content-Disposition: form-data; name=\"clip\"; filename=\"C:\\\\dir\\\\a.mp4\"\r\n"
    "Content-Type: video/mp4\r\n\r\n"
    "\r\n--Xy\r\n-bytes--XyZ\r\n"
    "\r\n--XyZ--\r\nepilogue";

START_TEST(mpstream_every_chunk_size)
{
    apr_size_t chunk, len = strlen(BODY), off;
    for (chunk = 1; chunk <= len; chunk++) {
        sink_t s = {qc_test_pool, ""};
        qc_mpstream_t *mp = qc_mpstream_create(qc_test_pool, "XyZ", &H, &s);
        for (off = 0; off < len; off += chunk) {
            ck_assert_int_eq(
                qc_mpstream_feed(mp, BODY + off, off + chunk > len ? len - off : chunk),
                APR_SUCCESS);
        }
        ck_assert_int_eq(qc_mpstream_finish(mp), APR_SUCCESS);
        ck_assert_str_eq(s.log,
                         "[title|-|:Phim ngắn][clip|a.mp4|video/mp4:\r\n--Xy\r\n-bytes--XyZ\r\n]");
    }
}
END_TEST

START_TEST(mpstream_refuses_broken_bodies)
{
    sink_t s = {qc_test_pool, ""};
    qc_mpstream_t *mp = qc_mpstream_create(qc_test_pool, "XyZ", &H, &s);
    const char *cut = "--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nabc";
    const char *noname = "--XyZ\r\nContent-Disposition: form-data\r\n\r\nabc\r\n--XyZ--";
    ck_assert_int_eq(qc_mpstream_feed(mp, cut, strlen(cut)), APR_SUCCESS);
    ck_assert_int_eq(qc_mpstream_finish(mp), QC_EINPUT);
    mp = qc_mpstream_create(qc_test_pool, "XyZ", &H, &s);
    ck_assert_int_eq(qc_mpstream_feed(mp, noname, strlen(noname)), QC_EINPUT);
}
END_TEST

START_TEST(mpstream_headers_are_bounded)
{
    sink_t s = {qc_test_pool, ""};
    qc_mpstream_t *mp = qc_mpstream_create(qc_test_pool, "XyZ", &H, &s);
    char *big = apr_palloc(qc_test_pool, 40000);
    apr_status_t rv;
    memset(big, 'a', 40000);
    rv = qc_mpstream_feed(mp, "--XyZ\r\nX-Long: ", 15);
    ck_assert_int_eq(rv, APR_SUCCESS);
    ck_assert_int_eq(qc_mpstream_feed(mp, big, 40000), QC_EINPUT);
}
END_TEST

START_TEST(ben_tre_definition_has_its_clip_part)
{
    qc_definition_t *d;
    const char *err = NULL;
    ck_assert_msg(qc_definition_parse(qc_test_pool, QC_SRCDIR "/conf/contests/ben-tre-2024.xml", &d,
                                      &err) == APR_SUCCESS,
                  "%s", err ? err : "");
    ck_assert(d->jury->has_clips);
    ck_assert_int_eq(d->jury->criteria->nelts, 3);
    ck_assert_int_eq(d->jury->prizes->nelts, 3);
    ck_assert_int_eq(APR_ARRAY_IDX(d->jury->prizes, 2, qc_prize_tier_t).count, 2);
    ck_assert_int_eq(d->jury->clip_max_bytes, APR_INT64_C(200) * 1024 * 1024);
    ck_assert(d->jury->clip_drop_extremes);
    ck_assert_int_ge(d->jury->judges->nelts, 3);
    /* a file without jury parts parses too */
    ck_assert_msg(qc_definition_parse(qc_test_pool, QC_SRCDIR "/conf/contests/bac-kan-2023.xml", &d,
                                      &err) == APR_SUCCESS,
                  "%s", err ? err : "");
    ck_assert(!d->jury->has_clips);
}
END_TEST

START_TEST(definition_judge_of_an_unknown_unit_is_refused)
{
    const char *path = "/tmp/qc-unit-jury-bad.xml";
    FILE *f = fopen(path, "w");
    qc_definition_t *d;
    const char *err = NULL;
    fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
          "<contest xmlns=\"urn:quizcontest:contest:1\" code=\"t\">\n<title>T</title>\n"
          "<window opens=\"2024-01-01 00:00\" closes=\"2024-02-01 00:00\"/>\n"
          "<units><unit code=\"a\" name=\"A\"/></units>\n"
          "<jury>\n<judge user=\"gk\" name=\"G\" unit=\"zz\"/>\n</jury>\n"
          "<clips deadline=\"2024-01-20 00:00\" max-size-mb=\"5\">"
          "<criterion code=\"c\" title=\"C\" max=\"10\"/></clips>\n</contest>\n",
          f);
    fclose(f);
    ck_assert_int_eq(qc_definition_parse(qc_test_pool, path, &d, &err), QC_EINPUT);
    ck_assert_msg(strstr(err, ":7: judge gk names unit zz") != NULL, "%s", err);
}
END_TEST

START_TEST(dak_nong_definition_has_its_stage)
{
    qc_definition_t *d;
    const char *err = NULL;
    const qc_def_stage_part_t *pt;
    ck_assert_msg(qc_definition_parse(qc_test_pool, QC_SRCDIR "/conf/contests/dak-nong-2023.xml",
                                      &d, &err) == APR_SUCCESS,
                  "%s", err ? err : "");
    ck_assert(d->jury->has_stage);
    ck_assert_int_eq(d->jury->stage_parts->nelts, 3);
    pt = &APR_ARRAY_IDX(d->jury->stage_parts, 1, qc_def_stage_part_t);
    ck_assert_str_eq(pt->code, "kien-thuc");
    ck_assert_int_eq(pt->points_per_right, 10);
    ck_assert_int_eq(pt->criteria->nelts, 0);
    ck_assert_int_eq(APR_ARRAY_IDX(d->jury->stage_parts, 2, qc_def_stage_part_t).criteria->nelts,
                     3);
    ck_assert_int_eq(d->jury->teams->nelts, 8);
    ck_assert_int_eq(d->jury->stage_prizes->nelts, 3);
    ck_assert_str_eq(d->jury->stage_online, "average-score");
    ck_assert_int_eq(d->jury->stage_online_weight, 1);
    ck_assert(!d->jury->has_clips);
}
END_TEST

START_TEST(definition_stage_parts_need_one_kind_of_scoring)
{
    static const char *const bad[][2] = {
        {"<part code=\"p\" title=\"P\" points-per-right=\"5\">"
         "<criterion code=\"c\" title=\"C\" max=\"10\"/></part>",
         "has points-per-right (questions by draw) and criteria"},
        {"<part code=\"p\" title=\"P\"/>", "needs criteria, or points-per-right"},
    };
    int i;
    for (i = 0; i < 2; i++) {
        const char *path = "/tmp/qc-unit-stage-bad.xml";
        FILE *f = fopen(path, "w");
        qc_definition_t *d;
        const char *err = NULL;
        fprintf(f,
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                "<contest xmlns=\"urn:quizcontest:contest:1\" code=\"t\">\n<title>T</title>\n"
                "<window opens=\"2024-01-01 00:00\" closes=\"2024-02-01 00:00\"/>\n"
                "<units><unit code=\"a\" name=\"A\"/></units>\n"
                "<jury><judge user=\"gk\" name=\"G\"/></jury>\n"
                "<stage>%s<team unit=\"a\"/></stage>\n</contest>\n",
                bad[i][0]);
        fclose(f);
        ck_assert_int_eq(qc_definition_parse(qc_test_pool, path, &d, &err), QC_EINPUT);
        ck_assert_msg(strstr(err, bad[i][1]) != NULL, "%s", err);
    }
}
END_TEST

Suite *qc_suite_jury(void)
{
    Suite *s = suite_create("jury");
    TCase *t = tcase_create("jury");
    tcase_add_checked_fixture(t, qc_test_pool_setup, qc_test_pool_teardown);
    tcase_add_test(t, sniff_by_content);
    tcase_add_test(t, links);
    tcase_add_test(t, mpstream_every_chunk_size);
    tcase_add_test(t, mpstream_refuses_broken_bodies);
    tcase_add_test(t, mpstream_headers_are_bounded);
    tcase_add_test(t, ben_tre_definition_has_its_clip_part);
    tcase_add_test(t, definition_judge_of_an_unknown_unit_is_refused);
    tcase_add_test(t, dak_nong_definition_has_its_stage);
    tcase_add_test(t, definition_stage_parts_need_one_kind_of_scoring);
    suite_add_tcase(s, t);
    return s;
}
