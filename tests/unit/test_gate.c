/* The page gate (lib/qc_gate.c): never more holders than slots, waiters served in the order they
 * came, a bounded wait that gives up and leaves the queue, a bounded queue that refuses at once,
 * and counters that add up. */
#include <apr_atomic.h>
#include <apr_thread_proc.h>
#include <apr_time.h>
#include "qc_unit.h"
#include "qc_gate.h"

static void setup(void)
{
    qc_test_pool_setup();
}

static void teardown(void)
{
    qc_test_pool_teardown();
}

/* wait until the gate has `n` waiters (the threads started have queued), at most 5 s */
static void await_waiting(qc_gate_t *g, unsigned n)
{
    qc_gate_stats_t st;
    int i;
    for (i = 0; i < 5000; i++) {
        qc_gate_stats(g, &st);
        if (st.waiting == n) {
            return;
        }
        apr_sleep(1000);
    }
    ck_abort_msg("the gate has %u waiters, not %u", st.waiting, n);
}

START_TEST(slots_are_taken_at_once_until_none_is_left)
{
    qc_gate_t *g;
    qc_gate_stats_t st;
    apr_time_t t0;
    ck_assert_int_eq(qc_gate_create(qc_test_pool, 0, &g), APR_EINVAL);
    ck_assert_int_eq(qc_gate_create(qc_test_pool, 2, &g), APR_SUCCESS);
    ck_assert_int_eq(qc_gate_enter(g, apr_time_from_msec(10)), 1);
    ck_assert_int_eq(qc_gate_enter(g, apr_time_from_msec(10)), 1);
    /* both taken: the third waits its bound out and goes on without a slot */
    t0 = apr_time_now();
    ck_assert_int_eq(qc_gate_enter(g, apr_time_from_msec(50)), 0);
    ck_assert_int_ge(apr_time_now() - t0, apr_time_from_msec(50));
    qc_gate_stats(g, &st);
    ck_assert_uint_eq(st.entered_at_once, 2);
    ck_assert_uint_eq(st.gave_up, 1);
    ck_assert_uint_eq(st.waiting, 0); /* it left the queue */
    ck_assert_uint_eq(st.busy, 2);
    /* a slot given back is free again */
    qc_gate_leave(g);
    ck_assert_int_eq(qc_gate_enter(g, 0), 1);
    qc_gate_leave(g);
    qc_gate_leave(g);
    qc_gate_stats(g, &st);
    ck_assert_uint_eq(st.busy, 0);
}
END_TEST

/* ---- waiters in arrival order ---- */

typedef struct {
    qc_gate_t *gate;
    int id;
    volatile apr_uint32_t *next_turn; /* the order in which slots were handed out */
    int got;                          /* this thread's place in that order */
    int entered;
} order_arg_t;

static void *APR_THREAD_FUNC take_turn(apr_thread_t *t, void *data)
{
    order_arg_t *a = data;
    a->entered = qc_gate_enter(a->gate, apr_time_from_sec(10));
    a->got = (int)apr_atomic_inc32(a->next_turn);
    qc_gate_leave(a->gate);
    apr_thread_exit(t, APR_SUCCESS);
    return NULL;
}

START_TEST(waiters_are_served_in_the_order_they_came)
{
    enum { N = 6 };
    qc_gate_t *g;
    order_arg_t args[N];
    apr_thread_t *threads[N];
    volatile apr_uint32_t next_turn = 0;
    apr_status_t rv;
    int i;
    ck_assert_int_eq(qc_gate_create(qc_test_pool, 1, &g), APR_SUCCESS);
    ck_assert_int_eq(qc_gate_enter(g, 0), 1); /* the test holds the only slot */
    for (i = 0; i < N; i++) {
        args[i].gate = g;
        args[i].id = i;
        args[i].next_turn = &next_turn;
        args[i].got = -1;
        ck_assert_int_eq(apr_thread_create(&threads[i], NULL, take_turn, &args[i], qc_test_pool),
                         APR_SUCCESS);
        await_waiting(g, (unsigned)i + 1); /* thread i queued before thread i+1 starts */
    }
    qc_gate_leave(g);
    for (i = 0; i < N; i++) {
        apr_thread_join(&rv, threads[i]);
    }
    for (i = 0; i < N; i++) {
        ck_assert_int_eq(args[i].entered, 1);
        ck_assert_msg(args[i].got == i, "thread %d, queued %d-th, was served %d-th", i, i,
                      args[i].got);
    }
}
END_TEST

/* ---- many threads, few slots ---- */

typedef struct {
    qc_gate_t *gate;
    volatile apr_uint32_t *inside;
    volatile apr_uint32_t *most_inside;
    volatile apr_uint32_t *without_slot;
    int rounds;
} stress_arg_t;

static void *APR_THREAD_FUNC hammer(apr_thread_t *t, void *data)
{
    stress_arg_t *a = data;
    int i;
    for (i = 0; i < a->rounds; i++) {
        apr_uint32_t now, most;
        if (!qc_gate_enter(a->gate, apr_time_from_sec(10))) {
            apr_atomic_inc32(a->without_slot);
            continue;
        }
        now = apr_atomic_inc32(a->inside) + 1;
        do {
            most = apr_atomic_read32(a->most_inside);
        } while (now > most && apr_atomic_cas32(a->most_inside, now, most) != most);
        if (i % 16 == 0) {
            apr_thread_yield(); /* let the others pile up at the gate */
        }
        apr_atomic_dec32(a->inside);
        qc_gate_leave(a->gate);
    }
    apr_thread_exit(t, APR_SUCCESS);
    return NULL;
}

START_TEST(never_more_inside_than_slots_and_every_entry_counted)
{
    enum { THREADS = 12, ROUNDS = 4000, SLOTS = 3 };
    qc_gate_t *g;
    qc_gate_stats_t st;
    stress_arg_t arg;
    apr_thread_t *threads[THREADS];
    volatile apr_uint32_t inside = 0, most_inside = 0, without_slot = 0;
    apr_status_t rv;
    int i;
    ck_assert_int_eq(qc_gate_create(qc_test_pool, SLOTS, &g), APR_SUCCESS);
    arg.gate = g;
    arg.inside = &inside;
    arg.most_inside = &most_inside;
    arg.without_slot = &without_slot;
    arg.rounds = ROUNDS;
    for (i = 0; i < THREADS; i++) {
        ck_assert_int_eq(apr_thread_create(&threads[i], NULL, hammer, &arg, qc_test_pool),
                         APR_SUCCESS);
    }
    for (i = 0; i < THREADS; i++) {
        apr_thread_join(&rv, threads[i]);
    }
    qc_gate_stats(g, &st);
    ck_assert_uint_eq(without_slot, 0);
    ck_assert_uint_le(most_inside, SLOTS);
    ck_assert_uint_ge(most_inside, 1);
    ck_assert_uint_eq(st.entered_at_once + st.entered_after_wait, THREADS * ROUNDS);
    ck_assert_uint_eq(st.gave_up, 0);
    ck_assert_uint_eq(st.waiting, 0);
    ck_assert_uint_eq(st.busy, 0);
}
END_TEST

/* ---- a waiter that gives up while others wait behind it ---- */

typedef struct {
    qc_gate_t *gate;
    apr_interval_time_t max_wait;
    int entered;
} wait_arg_t;

static void *APR_THREAD_FUNC wait_once(apr_thread_t *t, void *data)
{
    wait_arg_t *a = data;
    a->entered = qc_gate_enter(a->gate, a->max_wait);
    if (a->entered) {
        qc_gate_leave(a->gate);
    }
    apr_thread_exit(t, APR_SUCCESS);
    return NULL;
}

START_TEST(a_waiter_that_gives_up_leaves_the_queue_to_the_next)
{
    qc_gate_t *g;
    qc_gate_stats_t st;
    wait_arg_t impatient = {NULL, 0, -1}, patient = {NULL, 0, -1};
    apr_thread_t *t1, *t2;
    apr_status_t rv;
    ck_assert_int_eq(qc_gate_create(qc_test_pool, 1, &g), APR_SUCCESS);
    ck_assert_int_eq(qc_gate_enter(g, 0), 1);
    impatient.gate = patient.gate = g;
    impatient.max_wait = apr_time_from_msec(30);
    patient.max_wait = apr_time_from_sec(10);
    ck_assert_int_eq(apr_thread_create(&t1, NULL, wait_once, &impatient, qc_test_pool),
                     APR_SUCCESS);
    await_waiting(g, 1);
    ck_assert_int_eq(apr_thread_create(&t2, NULL, wait_once, &patient, qc_test_pool), APR_SUCCESS);
    apr_thread_join(&rv, t1); /* first in the queue, it gives up after 30 ms */
    ck_assert_int_eq(impatient.entered, 0);
    await_waiting(g, 1); /* the patient one is still there, now first */
    qc_gate_leave(g);
    apr_thread_join(&rv, t2);
    ck_assert_int_eq(patient.entered, 1);
    qc_gate_stats(g, &st);
    ck_assert_uint_eq(st.gave_up, 1);
    ck_assert_uint_eq(st.entered_after_wait, 1);
    ck_assert_uint_eq(st.busy, 0);
    ck_assert_uint_eq(st.waiting, 0);
}
END_TEST

/* qc_gate_enter_queue: at most max_waiting in the queue; one more is refused at once, without
 * waiting, and counted; the queued one is still served */
START_TEST(a_full_queue_refuses_at_once)
{
    qc_gate_t *g;
    qc_gate_stats_t st;
    wait_arg_t queued = {NULL, 0, -1};
    apr_thread_t *t1;
    apr_status_t rv;
    apr_time_t t0;
    ck_assert_int_eq(qc_gate_create(qc_test_pool, 1, &g), APR_SUCCESS);
    ck_assert_int_eq(qc_gate_enter_queue(g, 0, 0), 1); /* a free slot needs no queue */
    /* the slot taken and a queue of none: refused at once, however long it may wait */
    t0 = apr_time_now();
    ck_assert_int_eq(qc_gate_enter_queue(g, apr_time_from_sec(10), 0), -1);
    ck_assert_int_lt(apr_time_now() - t0, apr_time_from_sec(1));
    queued.gate = g;
    queued.max_wait = apr_time_from_sec(10);
    ck_assert_int_eq(apr_thread_create(&t1, NULL, wait_once, &queued, qc_test_pool), APR_SUCCESS);
    await_waiting(g, 1);
    /* one waits: a queue of one is full, a queue of two is not (that one gives up) */
    ck_assert_int_eq(qc_gate_enter_queue(g, apr_time_from_sec(10), 1), -1);
    ck_assert_int_eq(qc_gate_enter_queue(g, apr_time_from_msec(20), 2), 0);
    qc_gate_leave(g);
    apr_thread_join(&rv, t1);
    ck_assert_int_eq(queued.entered, 1);
    qc_gate_stats(g, &st);
    ck_assert_uint_eq(st.refused, 2);
    ck_assert_uint_eq(st.gave_up, 1);
    ck_assert_uint_eq(st.entered_at_once, 1);
    ck_assert_uint_eq(st.entered_after_wait, 1);
    ck_assert_uint_eq(st.busy, 0);
    ck_assert_uint_eq(st.waiting, 0);
}
END_TEST

Suite *qc_suite_gate(void)
{
    Suite *s = suite_create("gate");
    TCase *tc = tcase_create("gate");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_set_timeout(tc, 30);
    tcase_add_test(tc, slots_are_taken_at_once_until_none_is_left);
    tcase_add_test(tc, waiters_are_served_in_the_order_they_came);
    tcase_add_test(tc, never_more_inside_than_slots_and_every_entry_counted);
    tcase_add_test(tc, a_waiter_that_gives_up_leaves_the_queue_to_the_next);
    tcase_add_test(tc, a_full_queue_refuses_at_once);
    suite_add_tcase(s, tc);
    return s;
}
