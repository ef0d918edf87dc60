/* The futex calls where Linux futexes are missing (see qc_futex.h): one process-wide mutex
 * and condition variable instead of a kernel wait queue per word.
 *
 * No wake is lost: a sleeper reads the word under the mutex and waits on the condition in the
 * same step (pthread_cond_wait releases the mutex atomically); the waker has changed the word
 * before it takes the mutex to broadcast, so either the sleeper sees the change or it is
 * already waiting when the broadcast comes. A broadcast wakes every sleeper of the process;
 * each returns, re-reads its own word and sleeps again if nothing changed for it.
 *
 * The condition's clock is the monotonic one where POSIX clock selection is available, so a
 * change of the wall clock neither ends a bounded sleep early nor makes it longer. (Without
 * it, the realtime clock: a step back of the wall clock lengthens the sleep it falls in.)
 * Built on pthreads rather than apr_thread_cond: APR's condition variable needs a pool
 * created before the first sleep, and gives no static initialiser; the callers already use
 * pthread mutexes. */
#ifndef HAVE_LINUX_FUTEX

#include "qc_futex.h"

#include <pthread.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

static pthread_mutex_t futex_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t futex_cond;
static pthread_once_t futex_once = PTHREAD_ONCE_INIT;
static clockid_t futex_clock = CLOCK_REALTIME;

static void futex_init(void)
{
    pthread_condattr_t attr;
    if (pthread_condattr_init(&attr) != 0) {
        abort();
    }
#if defined(_POSIX_CLOCK_SELECTION) && _POSIX_CLOCK_SELECTION > 0
    if (pthread_condattr_setclock(&attr, CLOCK_MONOTONIC) == 0) {
        futex_clock = CLOCK_MONOTONIC;
    }
#endif
    if (pthread_cond_init(&futex_cond, &attr) != 0) {
        abort();
    }
    pthread_condattr_destroy(&attr);
}

void qc_futex_sleep(int *word, int value, apr_interval_time_t usec)
{
    struct timespec until;
    pthread_once(&futex_once, futex_init);
    if (usec >= 0) {
        clock_gettime(futex_clock, &until);
        until.tv_sec += (time_t)(usec / APR_USEC_PER_SEC);
        until.tv_nsec += (long)(usec % APR_USEC_PER_SEC) * 1000;
        if (until.tv_nsec >= 1000000000L) {
            until.tv_sec++;
            until.tv_nsec -= 1000000000L;
        }
    }
    pthread_mutex_lock(&futex_lock);
    if (__atomic_load_n(word, __ATOMIC_ACQUIRE) == value) {
        if (usec < 0) {
            pthread_cond_wait(&futex_cond, &futex_lock);
        }
        else {
            pthread_cond_timedwait(&futex_cond, &futex_lock, &until);
        }
    }
    pthread_mutex_unlock(&futex_lock);
}

void qc_futex_wake(int *word)
{
    (void)word;
    pthread_once(&futex_once, futex_init);
    pthread_mutex_lock(&futex_lock);
    pthread_cond_broadcast(&futex_cond);
    pthread_mutex_unlock(&futex_lock);
}

#else

/* (Linux: qc_futex.h has the calls inline; nothing to build here.) */
typedef int qc_futex_linux_unused_t;

#endif
