/**
 * @file qc_futex.h
 * The two futex calls the gate (qc_gate.c) and the combiner (qc_combine.c) sleep and wake
 * with: a thread sleeps on a word of its own while the word holds a value, and the thread that
 * changes the word wakes it (after changing it, and after dropping any lock). Both callers
 * re-read the word after every return, so a wake that comes early or late is harmless.
 *
 * On Linux (configure found linux/futex.h and SYS_futex: HAVE_LINUX_FUTEX) these are the
 * futex system call itself. Elsewhere (or configure --disable-linux-futex) they are
 * qc_futex.c's portable version with the same guarantees: one process-wide mutex and
 * condition variable; a sleeper checks the word under the mutex, a waker takes the mutex
 * after changing the word and wakes every sleeper, each of which re-reads its own word. It is
 * correct (no wake is lost) but slower under contention: a wake wakes all the process's
 * sleepers, not one.
 */
#ifndef QC_FUTEX_H
#define QC_FUTEX_H

#include <apr_time.h>

#ifdef HAVE_LINUX_FUTEX

#include <linux/futex.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

/** Sleep while *word == value: until woken, a signal, a change, or `usec` (< 0: no limit). */
static inline void qc_futex_sleep(int *word, int value, apr_interval_time_t usec)
{
    struct timespec rel;
    if (usec < 0) {
        syscall(SYS_futex, word, FUTEX_WAIT_PRIVATE, value, NULL, NULL, 0);
        return;
    }
    rel.tv_sec = (time_t)(usec / APR_USEC_PER_SEC);
    rel.tv_nsec = (long)(usec % APR_USEC_PER_SEC) * 1000;
    syscall(SYS_futex, word, FUTEX_WAIT_PRIVATE, value, &rel, NULL, 0);
}

/** Wake the one thread sleeping on `word`. */
static inline void qc_futex_wake(int *word)
{
    syscall(SYS_futex, word, FUTEX_WAKE_PRIVATE, 1, NULL, NULL, 0);
}

#else

/** Sleep while *word == value: until woken, a change, or `usec` (< 0: no limit); it may also
 * return early (the caller re-reads the word). */
void qc_futex_sleep(int *word, int value, apr_interval_time_t usec);

/** Wake the thread sleeping on `word` (and, here, every other sleeper of the process). */
void qc_futex_wake(int *word);

#endif

#endif
