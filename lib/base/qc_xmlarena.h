/**
 * @file qc_xmlarena.h
 * Where libxml2 and libxslt take memory while a request builds and renders its page.
 *
 * A quiz page is a document of several hundred nodes, a transform context, a result tree and
 * their strings: some ten thousand malloc and free calls, all made by one thread and all freed
 * before the request ends. Under load, glibc's malloc spent more of Apache's CPU on them than
 * the transform itself (arena locks shared by 64 threads, and malloc_consolidate sweeping the
 * freed nodes whenever the database driver asked for a larger block).
 *
 * While an arena is open on a thread, libxml2's allocations on that thread are carved from a
 * few large chunks (one of 512 KB holds a quiz page) and their frees cost nothing; closing
 * the arena frees the documents registered with it and gives every chunk back to malloc. Outside an arena, and for any pointer
 * the arena did not hand out, the allocator is plain malloc/free, so libxml2 objects made
 * elsewhere in the process (compiled stylesheets, another module's documents) are untouched.
 *
 * Rules for code running inside an arena:
 *  - nothing libxml2 allocates may outlive the arena: a compiled stylesheet or anything kept
 *    in a per-process cache is made between qc_xmlarena_suspend() and qc_xmlarena_resume();
 *  - a document is freed by a cleanup on qc_xmlarena_pool(), which runs before the memory
 *    returns (lib/qc_xml.c does this);
 *  - an arena is opened and closed on the same thread.
 * An arena holds at most QC_XMLARENA_MAX_BYTES; beyond that, allocations fall back to malloc
 * (a large upload parsed inside a request then frees as usual).
 */
#ifndef QC_XMLARENA_H
#define QC_XMLARENA_H

#include <apr_pools.h>
#include <libxml/tree.h>

/** The most memory one arena takes from its pool before falling back to malloc. */
#define QC_XMLARENA_MAX_BYTES (16u * 1024u * 1024u)

typedef struct qc_xmlarena qc_xmlarena_t;

/**
 * Make libxml2 allocate through the arenas (xmlMemSetup). Call once, single-threaded, before
 * this process's libxml2 objects are made. Returns 1 when installed, 0 when libxml2 already had
 * an allocator other than malloc's (another module's): arenas then stay off and everything
 * works as without them. With `poison` set, a closing arena overwrites its memory first, so a
 * pointer that wrongly outlived it fails loudly (the tests run with it).
 */
int qc_xmlarena_install(int poison);

/** Put back the allocator qc_xmlarena_install found (before the module is unloaded). */
void qc_xmlarena_uninstall(void);

/** Whether the arenas are installed. */
int qc_xmlarena_installed(void);

/**
 * Open an arena for this thread; its bookkeeping and its documents' cleanups go in a subpool
 * of `parent`. Returns NULL (and
 * changes nothing) when the arenas are not installed or one is already open on this thread.
 */
qc_xmlarena_t *qc_xmlarena_open(apr_pool_t *parent);

/** Free the documents registered with the arena, then return its memory. NULL is a no-op. */
void qc_xmlarena_close(qc_xmlarena_t *a);

/** Stop using this thread's arena until qc_xmlarena_resume (for objects that must outlive it). */
qc_xmlarena_t *qc_xmlarena_suspend(void);

/** Use the arena again that qc_xmlarena_suspend returned (NULL: nothing to do). */
void qc_xmlarena_resume(qc_xmlarena_t *a);

/**
 * The pool on which a libxml2 object's free belongs: the open arena's own (so the free runs
 * while the arena still owns the memory), or `fallback` when no arena is open.
 */
apr_pool_t *qc_xmlarena_pool(apr_pool_t *fallback);

/**
 * Free a document. One that the open arena holds whole (made in it, and the arena never fell
 * back to malloc) is not walked node by node: only its dictionary reference is released (an
 * XSLT result's dictionary refers to the stylesheet's, whose count must stay right), and the
 * nodes go with the arena's memory when it closes. Any other document: xmlFreeDoc.
 */
void qc_xmlarena_free_doc(xmlDocPtr doc);

/** What the arena holds: bytes handed out, bytes taken from the pool, and allocations that
 * went to malloc because the arena was full (for tests and diagnostics). */
void qc_xmlarena_stats(const qc_xmlarena_t *a, apr_size_t *used, apr_size_t *reserved,
                       apr_size_t *fallbacks);

#endif
