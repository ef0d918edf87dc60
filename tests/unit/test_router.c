/* The route table (lib/web/qc_router.c): every route is well formed and reachable, and paths
 * reach the page they name with the right arguments. */
#include <string.h>
#include "qc_unit.h"
#include "qc_pages.h"
#include "qc_router.h"

static const qc_route_t *match(qc_area_t area, const char *method, const char *path,
                               const char *args[2])
{
    return qc_route_match(qc_routes, area, method, path, qc_test_pool, args);
}

static int wildcards(const char *pattern)
{
    int n = 0;
    const char *w;
    for (w = pattern; (w = strchr(w, '{')) != NULL; w++) {
        n++;
    }
    return n;
}

START_TEST(every_route_is_well_formed_and_reachable)
{
    const qc_route_t *r, *q;
    int count = 0;
    for (r = qc_routes; r->pattern; r++, count++) {
        int handlers = !!r->page + !!r->page_arg + !!r->page_args;
        int w = wildcards(r->pattern);
        ck_assert_msg(handlers == 1, "%s has %d handlers", r->pattern, handlers);
        /* a pattern with fewer captures than its handler's arguments passes NULL for the rest
         * (cau-hoi/moi: a new question), never more captures than arguments */
        ck_assert_msg(w <= (r->page ? 0 : r->page_arg ? 1 : 2), "%s: too many {}", r->pattern);
        ck_assert_msg(r->pattern[0] != '/' &&
                          (!*r->pattern || r->pattern[strlen(r->pattern) - 1] != '/'),
                      "%s: no leading or trailing slash", r->pattern);
        for (q = qc_routes; q < r; q++) {
            int both_methods =
                q->method == r->method || q->method == QC_ROUTE_ANY || r->method == QC_ROUTE_ANY;
            ck_assert_msg(!(q->area == r->area && both_methods && !strcmp(q->pattern, r->pattern)),
                          "%s is routed twice in one area", r->pattern);
        }
    }
    ck_assert_int_gt(count, 60);
}
END_TEST

START_TEST(paths_reach_their_pages)
{
    const char *a[2];
    const qc_route_t *r;

    r = match(QC_AREA_CONTESTANT, "GET", "", a);
    ck_assert_ptr_nonnull(r);
    ck_assert(r->page == qc_page_home);
    r = match(QC_AREA_CONTESTANT, "POST", "bai-thi/12/luu", a);
    ck_assert(r && r->page_arg == qc_page_quiz_save);
    ck_assert_str_eq(a[0], "12");
    ck_assert_ptr_null(a[1]);
    r = match(QC_AREA_CONTESTANT, "POST", "bai-thi/12/nop", a);
    ck_assert(r && r->page_arg == qc_page_quiz_submit);
    r = match(QC_AREA_CONTESTANT, "GET", "bai-thi/999999999999", a);
    ck_assert(r && r->page_arg == qc_page_quiz_view);
    /* empty segments are ignored, as before */
    r = match(QC_AREA_CONTESTANT, "GET", "ket-qua//7/", a);
    ck_assert(r && r->page_arg == qc_page_result);
    ck_assert_str_eq(a[0], "7");
    /* the secretariat's "moi" is not an id: a new question, no argument */
    r = match(QC_AREA_SECRETARIAT, "GET", "cau-hoi/moi", a);
    ck_assert(r && r->page_arg == qc_page_question_form);
    ck_assert_ptr_null(a[0]);
    r = match(QC_AREA_SECRETARIAT, "POST", "cau-hoi/31/sua", a);
    ck_assert(r && r->page_arg == qc_page_question_save);
    ck_assert_str_eq(a[0], "31");
    r = match(QC_AREA_SECRETARIAT, "HEAD", "ket-qua/in", a);
    ck_assert(r && r->page == qc_page_results_print);
    /* a judge's stage page names a team and a part */
    r = match(QC_AREA_JURY, "GET", "san-khau/4/VONG-2", a);
    ck_assert(r && r->page_args == qc_page_stage_judge);
    ck_assert_str_eq(a[0], "4");
    ck_assert_str_eq(a[1], "VONG-2");
    r = match(QC_AREA_JURY, "POST", "san-khau/luot/9", a);
    ck_assert(r && r->page_arg == qc_page_stage_judge_draw);
    r = match(QC_AREA_UNIT, "POST", "bai-du-thi/thay", a);
    ck_assert(r && r->page == qc_page_unit_entry_replace);
}
END_TEST

START_TEST(what_has_no_route_is_not_found)
{
    const char *a[2];
    /* the method */
    ck_assert_ptr_null(match(QC_AREA_CONTESTANT, "GET", "bai-thi/12/luu", a));
    ck_assert_ptr_null(match(QC_AREA_CONTESTANT, "GET", "dang-xuat", a));
    ck_assert_ptr_null(match(QC_AREA_SECRETARIAT, "POST", "nhat-ky", a));
    /* the id */
    ck_assert_ptr_null(match(QC_AREA_CONTESTANT, "GET", "bai-thi/0", a));
    ck_assert_ptr_null(match(QC_AREA_CONTESTANT, "GET", "bai-thi/007", a));
    ck_assert_ptr_null(match(QC_AREA_CONTESTANT, "GET", "bai-thi/-1", a));
    ck_assert_ptr_null(match(QC_AREA_CONTESTANT, "GET", "bai-thi/1e3", a));
    ck_assert_ptr_null(match(QC_AREA_CONTESTANT, "GET", "bai-thi/1000000000000", a));
    /* the area: a secretariat page is not a contestant's */
    ck_assert_ptr_null(match(QC_AREA_CONTESTANT, "GET", "nhat-ky", a));
    ck_assert_ptr_null(match(QC_AREA_UNIT, "GET", "ket-qua", a));
    /* the length and unknown paths */
    ck_assert_ptr_null(match(QC_AREA_CONTESTANT, "GET", "a/b/c/d/e", a));
    ck_assert_ptr_null(match(QC_AREA_CONTESTANT, "GET", "bai-thi/12/luu/x", a));
    ck_assert_ptr_null(match(QC_AREA_CONTESTANT, "GET", "dang-ky-", a));
    ck_assert_ptr_null(match(QC_AREA_CONTESTANT, "GET", "dang", a));
    ck_assert_ptr_null(match(QC_AREA_SECRETARIAT, "GET", "cau-hoi/moi/sua", a));
    ck_assert_ptr_null(match(QC_AREA_JURY, "GET", "san-khau/4", a));
}
END_TEST

Suite *qc_suite_router(void)
{
    Suite *s = suite_create("router");
    TCase *tc = tcase_create("core");
    tcase_add_checked_fixture(tc, qc_test_pool_setup, qc_test_pool_teardown);
    tcase_add_test(tc, every_route_is_well_formed_and_reachable);
    tcase_add_test(tc, paths_reach_their_pages);
    tcase_add_test(tc, what_has_no_route_is_not_found);
    suite_add_tcase(s, tc);
    return s;
}
