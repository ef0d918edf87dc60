/**
 * @file qc_combine.h
 * Many threads' small writes done by one of them, as one statement ("combining").
 *
 * Every autosave is a one-row write with a durable commit. When dozens arrive at once, each
 * one alone costs the database a parse, a plan, a commit and a round trip; done together, a
 * batch pays those once. A thread with a write submits it: when no batch is running, it runs
 * one at once with its own write (alone: no waiting when the load is light); otherwise it
 * queues, and the thread whose batch just ended hands the lead to the longest waiter, which
 * runs the next batch with every write queued meanwhile (up to max_batch). So batches grow
 * with the load by themselves, and no write waits longer than the batch ahead of it and its
 * own: nothing is held back for a timer.
 *
 * Two items with the same key are never in one batch (two saves of one attempt are never
 * written by one statement); batches running at once may hold one key each, as two threads'
 * statements may. The runner is the caller's: it gets the batch, does the work on the leading
 * thread's resources, and says for each item whether it is done (`final`, with `result`);
 * an item that is not final is the submitting thread's to do itself (what a runner says of a
 * batch that failed as a whole).
 *
 * A waiting thread sleeps on a futex word of its own and is woken only when its item is
 * finished or it is to lead; it never gives up waiting, which is bounded by the batch ahead
 * (the runner's database statements have their read time-out).
 */
#ifndef QC_COMBINE_H
#define QC_COMBINE_H

#include <apr_pools.h>

/** The most items one batch takes (the largest max_batch). */
#define QC_COMBINE_MAX_BATCH 64

typedef struct qc_combine qc_combine_t;

typedef struct qc_combine_item {
    /* ---- the caller's ---- */
    apr_int64_t key;  /**< items with one key never share a batch */
    const void *data; /**< what the runner needs of the item */
    /* ---- the runner's answer ---- */
    int final; /**< 1: done, `result` says how; 0: the submitter does it itself */
    apr_status_t result;
    /* ---- private ---- */
    struct qc_combine_item *next;
    int *state; /**< the submitting thread's futex word */
} qc_combine_item_t;

/** Run a batch of n (1..max_batch) items, items[0] the leading thread's own, on the resources
 *  of `baton` (the leading thread's); set each item's final and result. */
typedef void qc_combine_run_fn(void *baton, qc_combine_item_t *const *items, int n);

/** A combiner of batches of at most max_batch (2..QC_COMBINE_MAX_BATCH) items, at most
 *  max_running (>= 1) of them at once, in `p`. */
apr_status_t qc_combine_create(apr_pool_t *p, unsigned max_batch, unsigned max_running,
                               qc_combine_t **out);

/**
 * Have `item` done: by this thread (running a batch with `run` on `baton`) or by another
 * thread's batch. Returns when the item's batch has ended; item->final and item->result say
 * what became of it.
 */
void qc_combine_submit(qc_combine_t *c, qc_combine_item_t *item, qc_combine_run_fn *run,
                       void *baton);

/** Counters since creation. */
typedef struct {
    apr_uint64_t batches; /**< batches run */
    apr_uint64_t items;   /**< items in them */
    unsigned largest;     /**< the largest batch */
    unsigned max_batch, max_running;
} qc_combine_stats_t;

void qc_combine_stats(qc_combine_t *c, qc_combine_stats_t *out);

#endif
