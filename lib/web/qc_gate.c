/* The page-building gate: a FIFO counting semaphore with a bounded wait (see qc_gate.h).
 *
 * A waiting request sleeps on a futex word of its own (one per thread, kept for the thread's
 * life), and the request that leaves hands it the slot: under the gate's lock it takes the
 * longest waiter off the queue and marks it granted, and only after unlocking does it wake
 * that one thread. So a hand-over costs one wake of the one thread that goes next: no herd
 * woken to race for the slot, and the woken thread never finds the lock still held. */
#include "qc_gate.h"

#include "qc_futex.h"
#include "qc_thread_local.h"

#include <limits.h>
#include <pthread.h>
#include <time.h>

typedef struct gate_waiter {
    struct gate_waiter *next;
    int granted; /* the futex word: set to 1 (under the gate's lock) when the slot is handed over */
} gate_waiter_t;

/* This thread's place in a queue. It outlives every wait of the thread, so a wake that
 * arrives after its wait ended (a time-out racing a hand-over) touches valid memory; the
 * waiting loop re-reads `granted`, so such a wake is never mistaken for a slot. */
QC_THREAD_LOCAL(gate_waiter_t, this_thread_waiter)

struct qc_gate {
    pthread_mutex_t lock;
    unsigned slots, busy, waiting;
    gate_waiter_t *head, *tail;
    apr_uint64_t at_once, after_wait, gave_up, refused;
};

static apr_status_t gate_cleanup(void *data)
{
    pthread_mutex_destroy(&((qc_gate_t *)data)->lock);
    return APR_SUCCESS;
}

apr_status_t qc_gate_create(apr_pool_t *p, unsigned slots, qc_gate_t **out)
{
    qc_gate_t *g;
    int rv;
    if (slots < 1) {
        return APR_EINVAL;
    }
    g = apr_pcalloc(p, sizeof(*g));
    if ((rv = pthread_mutex_init(&g->lock, NULL)) != 0) {
        return rv;
    }
    g->slots = slots;
    apr_pool_cleanup_register(p, g, gate_cleanup, apr_pool_cleanup_null);
    *out = g;
    return APR_SUCCESS;
}

static apr_interval_time_t monotonic_usec(void)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (apr_interval_time_t)now.tv_sec * APR_USEC_PER_SEC + now.tv_nsec / 1000;
}

static void unlink_waiter(qc_gate_t *g, gate_waiter_t *w)
{
    gate_waiter_t **at = &g->head, *prev = NULL;
    while (*at && *at != w) {
        prev = *at;
        at = &(*at)->next;
    }
    if (*at) {
        *at = w->next;
        if (g->tail == w) {
            g->tail = prev;
        }
        g->waiting--;
    }
}

int qc_gate_enter(qc_gate_t *g, apr_interval_time_t max_wait)
{
    return qc_gate_enter_queue(g, max_wait, UINT_MAX) == 1;
}

int qc_gate_enter_queue(qc_gate_t *g, apr_interval_time_t max_wait, unsigned max_waiting)
{
    gate_waiter_t *me = this_thread_waiter();
    apr_interval_time_t until;

    pthread_mutex_lock(&g->lock);
    if (g->busy < g->slots && !g->head) {
        g->busy++;
        g->at_once++;
        pthread_mutex_unlock(&g->lock);
        return 1;
    }
    if (g->waiting >= max_waiting) {
        /* the queue is full: not even a place in it */
        g->refused++;
        pthread_mutex_unlock(&g->lock);
        return -1;
    }
    me->next = NULL;
    __atomic_store_n(&me->granted, 0, __ATOMIC_RELAXED);
    if (g->tail) {
        g->tail->next = me;
    }
    else {
        g->head = me;
    }
    g->tail = me;
    g->waiting++;
    pthread_mutex_unlock(&g->lock);

    until = monotonic_usec() + max_wait;
    for (;;) {
        apr_interval_time_t left;
        if (__atomic_load_n(&me->granted, __ATOMIC_ACQUIRE)) {
            return 1;
        }
        left = until - monotonic_usec();
        if (left <= 0) {
            break;
        }
        qc_futex_sleep(&me->granted, 0, left);
    }
    /* the wait ran out: leave the queue, unless the slot was handed over meanwhile */
    pthread_mutex_lock(&g->lock);
    if (__atomic_load_n(&me->granted, __ATOMIC_ACQUIRE)) {
        pthread_mutex_unlock(&g->lock);
        return 1;
    }
    unlink_waiter(g, me);
    g->gave_up++;
    pthread_mutex_unlock(&g->lock);
    return 0;
}

void qc_gate_leave(qc_gate_t *g)
{
    gate_waiter_t *next;
    pthread_mutex_lock(&g->lock);
    next = g->head;
    if (next) {
        /* the slot passes to the longest waiter: busy stays as it is */
        g->head = next->next;
        if (!g->head) {
            g->tail = NULL;
        }
        g->waiting--;
        g->after_wait++;
        __atomic_store_n(&next->granted, 1, __ATOMIC_RELEASE);
    }
    else if (g->busy > 0) {
        g->busy--;
    }
    pthread_mutex_unlock(&g->lock);
    if (next) {
        qc_futex_wake(&next->granted);
    }
}

void qc_gate_stats(qc_gate_t *g, qc_gate_stats_t *out)
{
    pthread_mutex_lock(&g->lock);
    out->entered_at_once = g->at_once;
    out->entered_after_wait = g->after_wait;
    out->gave_up = g->gave_up;
    out->refused = g->refused;
    out->waiting = g->waiting;
    out->busy = g->busy;
    pthread_mutex_unlock(&g->lock);
}
