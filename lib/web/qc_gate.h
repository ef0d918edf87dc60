/**
 * @file qc_gate.h
 * A first-come, first-served limit on how many requests of a process build pages at once.
 *
 * Building a quiz page is CPU work: a few hundred microseconds of libxml2 and libxslt, and
 * the database's share beside it. When 64 worker threads all build at once on a two-core
 * machine, the kernel's scheduler shares the cores among 64 runnable threads (and as many
 * database threads): a thread that used up its time slice waits for all the others' slices
 * before it runs again, and that wait, tens of milliseconds, is the tail of the latency.
 * Letting only a few requests build at a time, and the rest wait their turn in arrival order,
 * keeps the run queue short: the same throughput, with every request served in the order it
 * came and none left behind.
 *
 * The gate is a counting semaphore with a FIFO queue: a request that finds every slot taken
 * waits, and a leaving request hands its slot straight to the longest waiter. A wait is
 * bounded: a request that waited `max_wait` goes on without a slot, so a stalled slot holder
 * (a database that stopped answering) never stalls the process for longer than that.
 */
#ifndef QC_GATE_H
#define QC_GATE_H

#include <apr_pools.h>
#include <apr_time.h>

typedef struct qc_gate qc_gate_t;

/** A gate with `slots` slots (>= 1), allocated in `p`; its locks are destroyed with `p`. */
apr_status_t qc_gate_create(apr_pool_t *p, unsigned slots, qc_gate_t **out);

/**
 * Take a slot, waiting in arrival order while all are taken, at most `max_wait`. Returns 1
 * with a slot (give it back with qc_gate_leave), 0 when the wait ran out (go on without one,
 * and do not call qc_gate_leave).
 */
int qc_gate_enter(qc_gate_t *g, apr_interval_time_t max_wait);

/**
 * qc_gate_enter with a bounded queue: when `max_waiting` requests already wait, return -1 at
 * once (no slot, no place in the queue: do not call qc_gate_leave). Otherwise as
 * qc_gate_enter: 1 with a slot, 0 when the wait ran out.
 */
int qc_gate_enter_queue(qc_gate_t *g, apr_interval_time_t max_wait, unsigned max_waiting);

/** Give a slot back: to the longest waiter when there is one. */
void qc_gate_leave(qc_gate_t *g);

/** Counters since creation: requests that took a slot at once, after waiting, that gave up
 *  waiting, and that found the queue full (qc_gate_enter_queue); and how many wait now. */
typedef struct {
    apr_uint64_t entered_at_once;
    apr_uint64_t entered_after_wait;
    apr_uint64_t gave_up;
    apr_uint64_t refused;
    unsigned waiting;
    unsigned busy;
} qc_gate_stats_t;

void qc_gate_stats(qc_gate_t *g, qc_gate_stats_t *out);

#endif
