/* The combiner of writes (lib/qc_combine.c): a lone item is run at once by its own thread;
 * under contention every item is run exactly once, in batches of at most max_batch, at most
 * max_running batches at once, each led by the thread whose item comes first, never two items
 * of one key together; and a runner's "do it yourself" reaches the submitter. */
#include <apr_atomic.h>
#include <apr_thread_proc.h>
#include <apr_time.h>
#include "qc_unit.h"
#include "qc_combine.h"

static void setup(void)
{
    qc_test_pool_setup();
}

static void teardown(void)
{
    qc_test_pool_teardown();
}

/* what a test's runner knows of an item */
typedef struct {
    int thread;                 /* the submitting thread */
    volatile apr_uint32_t runs; /* how often a batch ran it */
} payload_t;

/* what the runner checks, shared by all threads of a test */
typedef struct {
    unsigned max_batch, max_running;
    volatile apr_uint32_t running; /* batches running now */
    volatile apr_uint32_t most_running;
    volatile apr_uint32_t violations;
    volatile apr_uint32_t multi; /* batches of more than one */
    int final;                   /* what the runner says of a batch of several */
    apr_interval_time_t work;    /* how long a batch takes */
} referee_t;

/* the leading thread's baton */
typedef struct {
    referee_t *referee;
    int thread;
} baton_t;

static void run_batch(void *data, qc_combine_item_t *const *items, int n)
{
    baton_t *b = data;
    referee_t *r = b->referee;
    int i, j;
    apr_uint32_t now = apr_atomic_inc32(&r->running) + 1, most;
    if (now > r->max_running) {
        apr_atomic_inc32(&r->violations); /* too many batches at once */
    }
    while ((most = apr_atomic_read32(&r->most_running)) < now &&
           apr_atomic_cas32(&r->most_running, now, most) != most) {
    }
    if (n < 1 || (unsigned)n > r->max_batch ||
        ((const payload_t *)items[0]->data)->thread != b->thread) {
        apr_atomic_inc32(&r->violations); /* size, or not led by the first item's thread */
    }
    for (i = 0; i < n; i++) {
        for (j = 0; j < i; j++) {
            if (items[j]->key == items[i]->key) {
                apr_atomic_inc32(&r->violations); /* one key twice in a batch */
            }
        }
        apr_atomic_inc32(&((payload_t *)items[i]->data)->runs);
        items[i]->final = n == 1 || r->final;
        items[i]->result = items[i]->final ? APR_SUCCESS : APR_EGENERAL;
    }
    if (n > 1) {
        apr_atomic_inc32(&r->multi);
    }
    if (r->work > 0) {
        apr_sleep(r->work);
    }
    apr_atomic_dec32(&r->running);
}

START_TEST(a_lone_item_is_run_at_once_by_its_own_thread)
{
    qc_combine_t *c;
    qc_combine_stats_t st;
    referee_t r = {4, 1, 0, 0, 0, 0, 1, 0};
    baton_t b = {&r, 7};
    payload_t pl = {7, 0};
    qc_combine_item_t item;
    ck_assert_int_eq(qc_combine_create(qc_test_pool, 1, 1, &c), APR_EINVAL);
    ck_assert_int_eq(qc_combine_create(qc_test_pool, QC_COMBINE_MAX_BATCH + 1, 1, &c), APR_EINVAL);
    ck_assert_int_eq(qc_combine_create(qc_test_pool, 4, 0, &c), APR_EINVAL);
    ck_assert_int_eq(qc_combine_create(qc_test_pool, 4, 1, &c), APR_SUCCESS);
    item.key = 42;
    item.data = &pl;
    qc_combine_submit(c, &item, run_batch, &b);
    ck_assert_uint_eq(pl.runs, 1);
    ck_assert_int_eq(item.final, 1);
    ck_assert_int_eq(item.result, APR_SUCCESS);
    /* and again: the combiner is free after each batch */
    qc_combine_submit(c, &item, run_batch, &b);
    ck_assert_uint_eq(pl.runs, 2);
    qc_combine_stats(c, &st);
    ck_assert_uint_eq(st.batches, 2);
    ck_assert_uint_eq(st.items, 2);
    ck_assert_uint_eq(st.largest, 1);
    ck_assert_uint_eq(st.max_batch, 4);
    ck_assert_uint_eq(r.violations, 0);
}
END_TEST

/* ---- many threads ---- */

#define THREADS 12
#define ROUNDS 1500
#define KEYS 5 /* fewer keys than threads: items of one key often queue together */

typedef struct {
    qc_combine_t *combiner;
    referee_t *referee;
    int thread;
    apr_uint32_t not_final; /* items the runner left to this thread */
    apr_uint32_t lost;      /* items not run exactly once */
} worker_t;

static void *APR_THREAD_FUNC submit_many(apr_thread_t *t, void *data)
{
    worker_t *w = data;
    baton_t b;
    int k;
    b.referee = w->referee;
    b.thread = w->thread;
    for (k = 0; k < ROUNDS; k++) {
        payload_t pl;
        qc_combine_item_t item;
        pl.thread = w->thread;
        pl.runs = 0;
        item.key = (w->thread + k) % KEYS;
        item.data = &pl;
        qc_combine_submit(w->combiner, &item, run_batch, &b);
        if (pl.runs != 1) {
            w->lost++;
        }
        if (!item.final) {
            if (item.result != APR_EGENERAL) {
                w->lost++; /* (no assertion outside the test's own thread) */
            }
            w->not_final++;
        }
    }
    apr_thread_exit(t, APR_SUCCESS);
    return NULL;
}

static void run_threads(qc_combine_t *c, referee_t *r, worker_t *w)
{
    apr_thread_t *t[THREADS];
    apr_status_t rv;
    int i;
    for (i = 0; i < THREADS; i++) {
        w[i].combiner = c;
        w[i].referee = r;
        w[i].thread = i;
        w[i].not_final = w[i].lost = 0;
        ck_assert_int_eq(apr_thread_create(&t[i], NULL, submit_many, &w[i], qc_test_pool),
                         APR_SUCCESS);
    }
    for (i = 0; i < THREADS; i++) {
        apr_thread_join(&rv, t[i]);
    }
}

static void check_contention(unsigned max_batch, unsigned max_running)
{
    qc_combine_t *c;
    qc_combine_stats_t st;
    referee_t r = {0, 0, 0, 0, 0, 0, 1, 20};
    worker_t w[THREADS];
    int i;
    r.max_batch = max_batch;
    r.max_running = max_running;
    ck_assert_int_eq(qc_combine_create(qc_test_pool, max_batch, max_running, &c), APR_SUCCESS);
    run_threads(c, &r, w);
    for (i = 0; i < THREADS; i++) {
        ck_assert_uint_eq(w[i].lost, 0);
        ck_assert_uint_eq(w[i].not_final, 0);
    }
    ck_assert_uint_eq(r.violations, 0);
    qc_combine_stats(c, &st);
    ck_assert_uint_eq(st.items, (apr_uint64_t)THREADS * ROUNDS);
    ck_assert_uint_eq(st.largest, max_batch);        /* batches did form, up to the cap */
    ck_assert_uint_lt(st.batches * 4, st.items * 3); /* batches of 4/3 items or more on average */
    ck_assert_uint_gt(r.multi, 0);
    ck_assert_uint_eq(r.most_running, max_running); /* and ran side by side, up to the cap */
    ck_assert_uint_eq(st.max_running, max_running);
}

START_TEST(under_contention_every_item_is_run_once_in_batches_within_the_rules)
{
    check_contention(4, 1);
}
END_TEST

START_TEST(batches_run_side_by_side_up_to_the_cap)
{
    check_contention(3, 2);
    check_contention(2, 3);
}
END_TEST

START_TEST(a_batch_the_runner_does_not_finish_is_left_to_each_submitter)
{
    qc_combine_t *c;
    qc_combine_stats_t st;
    referee_t r = {8, 2, 0, 0, 0, 0, 0, 20};
    worker_t w[THREADS];
    apr_uint64_t not_final = 0;
    int i;
    ck_assert_int_eq(qc_combine_create(qc_test_pool, 8, 2, &c), APR_SUCCESS);
    run_threads(c, &r, w);
    for (i = 0; i < THREADS; i++) {
        ck_assert_uint_eq(w[i].lost, 0);
        not_final += w[i].not_final;
    }
    ck_assert_uint_eq(r.violations, 0);
    qc_combine_stats(c, &st);
    /* exactly the items of batches of several came back to their threads */
    ck_assert_uint_eq(not_final, st.items - (st.batches - r.multi));
    ck_assert_uint_gt(not_final, 0);
}
END_TEST

Suite *qc_suite_combine(void)
{
    Suite *s = suite_create("combine");
    TCase *tc = tcase_create("combine");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, a_lone_item_is_run_at_once_by_its_own_thread);
    tcase_add_test(tc, under_contention_every_item_is_run_once_in_batches_within_the_rules);
    tcase_add_test(tc, batches_run_side_by_side_up_to_the_cap);
    tcase_add_test(tc, a_batch_the_runner_does_not_finish_is_left_to_each_submitter);
    suite_add_tcase(s, tc);
    return s;
}
