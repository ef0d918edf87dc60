/* Combining many threads' writes into batches run by one of them (see qc_combine.h).
 *
 * One lock guards the queue and the count of batches running. An item's state word is the
 * submitting thread's own (thread-local, so it outlives the item: the wake that follows a
 * state change may come after the thread has seen the change and gone on), and only the
 * thread that changes it under the lock wakes it, after unlocking. */
#include "qc_combine.h"

#include "qc_futex.h"
#include "qc_thread_local.h"

#include <pthread.h>

enum {
    ITEM_QUEUED = 0, /* in the queue (also: taken into a running batch) */
    ITEM_FINISHED,   /* its batch ended: final and result are set */
    ITEM_TO_LEAD     /* taken off the queue to run the next batch */
};

QC_THREAD_LOCAL(int, this_thread_state)

struct qc_combine {
    pthread_mutex_t lock;
    unsigned max_batch, max_running;
    unsigned running; /* batches running (or whose lead is being handed over) */
    qc_combine_item_t *head, *tail;
    apr_uint64_t batches, items;
    unsigned largest;
};

static apr_status_t combine_cleanup(void *data)
{
    pthread_mutex_destroy(&((qc_combine_t *)data)->lock);
    return APR_SUCCESS;
}

apr_status_t qc_combine_create(apr_pool_t *p, unsigned max_batch, unsigned max_running,
                               qc_combine_t **out)
{
    qc_combine_t *c;
    int rv;
    if (max_batch < 2 || max_batch > QC_COMBINE_MAX_BATCH || max_running < 1) {
        return APR_EINVAL;
    }
    c = apr_pcalloc(p, sizeof(*c));
    if ((rv = pthread_mutex_init(&c->lock, NULL)) != 0) {
        return rv;
    }
    c->max_batch = max_batch;
    c->max_running = max_running;
    apr_pool_cleanup_register(p, c, combine_cleanup, apr_pool_cleanup_null);
    *out = c;
    return APR_SUCCESS;
}

static int key_in(qc_combine_item_t *const *batch, int n, apr_int64_t key)
{
    int i;
    for (i = 0; i < n; i++) {
        if (batch[i]->key == key) {
            return 1;
        }
    }
    return 0;
}

/* Run one batch led by `own` (already off the queue), then pass the lead on: to the longest
 * waiter, or, with none, give the batch's place back. Items queue only while max_running
 * batches run, so a queue that is not empty always has a batch that will take it. */
static void lead(qc_combine_t *c, qc_combine_item_t *own, qc_combine_run_fn *run, void *baton)
{
    qc_combine_item_t *batch[QC_COMBINE_MAX_BATCH], **at, *next;
    int *to_wake[QC_COMBINE_MAX_BATCH + 1]; /* the words to wake, read while items are alive */
    int n = 1, i, waking = 0;

    batch[0] = own;
    pthread_mutex_lock(&c->lock);
    /* the queued items in arrival order, up to the batch's size, one per key: an item whose
     * key is taken already stays, in its place, for the next batch */
    at = &c->head;
    c->tail = NULL;
    while (*at) {
        qc_combine_item_t *q = *at;
        if ((unsigned)n < c->max_batch && !key_in(batch, n, q->key)) {
            *at = q->next;
            batch[n++] = q;
        }
        else {
            c->tail = q;
            at = &q->next;
        }
    }
    pthread_mutex_unlock(&c->lock);

    for (i = 0; i < n; i++) {
        batch[i]->final = 0;
        batch[i]->result = APR_SUCCESS;
    }
    run(baton, batch, n);

    pthread_mutex_lock(&c->lock);
    c->batches++;
    c->items += (apr_uint64_t)n;
    if ((unsigned)n > c->largest) {
        c->largest = (unsigned)n;
    }
    /* an item may be gone as soon as its thread sees its new state (it lives on that thread's
     * stack): its word (the thread's own, which lives on) is taken before the state is set */
    for (i = 1; i < n; i++) {
        to_wake[waking] = batch[i]->state;
        __atomic_store_n(to_wake[waking++], ITEM_FINISHED, __ATOMIC_RELEASE);
    }
    next = c->head;
    if (next) {
        c->head = next->next;
        if (!c->head) {
            c->tail = NULL;
        }
        to_wake[waking] = next->state;
        __atomic_store_n(to_wake[waking++], ITEM_TO_LEAD, __ATOMIC_RELEASE);
    }
    else {
        c->running--;
    }
    pthread_mutex_unlock(&c->lock);
    for (i = 0; i < waking; i++) {
        qc_futex_wake(to_wake[i]);
    }
}

void qc_combine_submit(qc_combine_t *c, qc_combine_item_t *item, qc_combine_run_fn *run,
                       void *baton)
{
    int state;
    item->next = NULL;
    item->state = this_thread_state();
    __atomic_store_n(item->state, ITEM_QUEUED, __ATOMIC_RELAXED);

    pthread_mutex_lock(&c->lock);
    if (c->running < c->max_running) { /* (then the queue is empty) */
        c->running++;
        pthread_mutex_unlock(&c->lock);
        lead(c, item, run, baton);
        return;
    }
    if (c->tail) {
        c->tail->next = item;
    }
    else {
        c->head = item;
    }
    c->tail = item;
    pthread_mutex_unlock(&c->lock);

    while ((state = __atomic_load_n(item->state, __ATOMIC_ACQUIRE)) == ITEM_QUEUED) {
        qc_futex_sleep(item->state, ITEM_QUEUED, -1);
    }
    if (state == ITEM_TO_LEAD) {
        lead(c, item, run, baton);
    }
}

void qc_combine_stats(qc_combine_t *c, qc_combine_stats_t *out)
{
    pthread_mutex_lock(&c->lock);
    out->batches = c->batches;
    out->items = c->items;
    out->largest = c->largest;
    out->max_batch = c->max_batch;
    out->max_running = c->max_running;
    pthread_mutex_unlock(&c->lock);
}
