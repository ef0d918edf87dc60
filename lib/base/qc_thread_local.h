/**
 * @file qc_thread_local.h
 * A per-thread variable that works with or without the compiler's `__thread`.
 *
 * `QC_THREAD_LOCAL(type, name)` defines `static type *name(void)`, which returns this thread's
 * own `type`, zero on the thread's first call and kept until the thread ends. Where configure
 * found `__thread` (HAVE_THREAD_LOCAL) it is a `static __thread` variable and `name()` costs
 * nothing. Elsewhere the variable is a zeroed block calloc'ed on the thread's first call and
 * held by a POSIX thread key, freed when the thread ends.
 *
 * Why a pthread key and not apr_threadkey_private_create: APR's key needs a pool and a once
 * (apr_thread_once_init) that needs a pool too, and these variables are read in places that
 * have no pool at hand and may run before any (libxml2's allocation hooks, the gate, the
 * combiner); `pthread_once` has a static initialiser. On Unix APR's key is this same pthread
 * key, and the callers already use pthread mutexes.
 */
#ifndef QC_THREAD_LOCAL_H
#define QC_THREAD_LOCAL_H

#ifdef HAVE_THREAD_LOCAL

#define QC_THREAD_LOCAL(type, name)                                                                \
    static __thread type name##_value;                                                             \
    static inline type *name(void)                                                                 \
    {                                                                                              \
        return &name##_value;                                                                      \
    }

#else

#include <pthread.h>
#include <stdlib.h>

/* The block of a thread that cannot get one (calloc failed) would be shared, which is wrong
 * for every caller: such a thread aborts instead; it is a few bytes, once per thread. */
#define QC_THREAD_LOCAL(type, name)                                                                \
    static pthread_key_t name##_key;                                                               \
    static pthread_once_t name##_once = PTHREAD_ONCE_INIT;                                         \
    static void name##_key_create(void)                                                            \
    {                                                                                              \
        if (pthread_key_create(&name##_key, free) != 0) {                                          \
            abort();                                                                               \
        }                                                                                          \
    }                                                                                              \
    static type *name(void)                                                                        \
    {                                                                                              \
        type *v;                                                                                   \
        pthread_once(&name##_once, name##_key_create);                                             \
        v = pthread_getspecific(name##_key);                                                       \
        if (!v) {                                                                                  \
            if (!(v = calloc(1, sizeof(*v))) || pthread_setspecific(name##_key, v) != 0) {         \
                abort();                                                                           \
            }                                                                                      \
        }                                                                                          \
        return v;                                                                                  \
    }

#endif

#endif
