#include <stdlib.h>
#include <string.h>
#include <pthread.h>
#include <libxml/xmlmemory.h>
#include <libxml/xmlerror.h>
#include <libxml/dict.h>
#include <libxml/valid.h>
#include "qc_xmlarena.h"
#include "qc_thread_local.h"

/* Every block handed out carries its size in a header of this many bytes (also the
 * alignment), so realloc knows how much to copy. */
#define HEADER 16u
/* The first chunk (a quiz page takes about 400 KB in all, a login page 90 KB), doubling up to
 * the largest; a block larger than half the current chunk size gets a chunk of its own. The
 * chunks come from malloc. Each thread keeps one first chunk for its next arena (freed when
 * the thread ends), the others go back to malloc when the arena closes: so the memory is one
 * chunk per worker thread. (In the request's APR pool they stayed with each connection's
 * allocator: half a megabyte for every keep-alive connection Apache ever had at once; given
 * back to malloc every time, the next request paid a page fault for every page of them.) */
#define FIRST_CHUNK (512u * 1024u)
#define LARGEST_CHUNK (2048u * 1024u)
#define MAX_CHUNKS 64

typedef struct {
    char *base; /* aligned; the block malloc gave starts at `block` */
    char *end;
    void *block;
    apr_size_t size; /* as asked of malloc */
} chunk_t;

struct qc_xmlarena {
    apr_pool_t *mem;  /* the arena itself */
    apr_pool_t *docs; /* a child of mem: frees of documents, run first at close */
    char *next;       /* the bump pointer in the current chunk */
    char *limit;
    chunk_t chunks[MAX_CHUNKS];
    int nchunks;
    apr_size_t chunk_size; /* the size of the next ordinary chunk */
    apr_size_t used;
    apr_size_t reserved;
    apr_size_t fallbacks;
};

/* this thread's open arena (NULL: none): *current_arena() */
QC_THREAD_LOCAL(qc_xmlarena_t *, current_arena)
static pthread_key_t spare_chunk; /* this thread's first chunk between two arenas */
static int spare_chunk_ready;
static int installed;
static int poisoning;
static xmlFreeFunc previous_free;
static xmlMallocFunc previous_malloc;
static xmlReallocFunc previous_realloc;
static xmlStrdupFunc previous_strdup;

static apr_size_t round_up(apr_size_t n)
{
    return (n + (HEADER - 1)) & ~(apr_size_t)(HEADER - 1);
}

static int owns(const qc_xmlarena_t *a, const void *p)
{
    const char *c = p;
    int i;
    for (i = a->nchunks - 1; i >= 0; i--) {
        if (c >= a->chunks[i].base && c < a->chunks[i].end) {
            return 1;
        }
    }
    return 0;
}

static apr_size_t block_size(const void *p)
{
    apr_size_t size;
    memcpy(&size, (const char *)p - HEADER, sizeof(size));
    return size;
}

static void *place(char *at, apr_size_t size)
{
    memcpy(at, &size, sizeof(size));
    return at + HEADER;
}

/* A new chunk of at least `need` bytes; the current chunk stays current when the new one is
 * a block's own. NULL when the arena is full. */
static char *new_chunk(qc_xmlarena_t *a, apr_size_t need, int own)
{
    apr_size_t size = own ? need : (need > a->chunk_size ? need : a->chunk_size);
    char *base;
    void *block;
    if (a->nchunks == MAX_CHUNKS || a->reserved + size > QC_XMLARENA_MAX_BYTES) {
        return NULL;
    }
    block = NULL;
    if (size == FIRST_CHUNK && spare_chunk_ready) {
        block = pthread_getspecific(spare_chunk);
        if (block) {
            pthread_setspecific(spare_chunk, NULL);
        }
    }
    if (!block) {
        block = malloc(size + HEADER - 1);
    }
    if (!block) {
        return NULL;
    }
    a->chunks[a->nchunks].size = size;
    base = (char *)(((apr_uintptr_t)block + (HEADER - 1)) & ~(apr_uintptr_t)(HEADER - 1));
    a->chunks[a->nchunks].block = block;
    a->chunks[a->nchunks].base = base;
    a->chunks[a->nchunks].end = base + size;
    a->nchunks++;
    a->reserved += size;
    if (!own) {
        a->next = base;
        a->limit = base + size;
        if (a->chunk_size < LARGEST_CHUNK) {
            a->chunk_size *= 2;
        }
    }
    return base;
}

static void *arena_alloc(qc_xmlarena_t *a, apr_size_t n)
{
    apr_size_t size = round_up(n ? n : 1);
    apr_size_t need = size + HEADER;
    char *at;
    if (need < size) {
        return NULL; /* overflow */
    }
    if ((apr_size_t)(a->limit - a->next) >= need) {
        at = a->next;
        a->next += need;
    }
    else if (need > a->chunk_size / 2) {
        at = new_chunk(a, need, 1);
    }
    else {
        at = new_chunk(a, need, 0);
        if (at) {
            a->next += need;
        }
    }
    if (!at) {
        a->fallbacks++;
        return malloc(n); /* full: this block is an ordinary one */
    }
    a->used += size;
    return place(at, size);
}

static void *arena_malloc(size_t n)
{
    qc_xmlarena_t *a = *current_arena();
    return a ? arena_alloc(a, n) : malloc(n);
}

static void arena_free(void *p)
{
    qc_xmlarena_t *a = *current_arena();
    if (!p) {
        return;
    }
    if (a && owns(a, p)) {
        /* nothing to do, unless it is the newest block: then its room is reused */
        apr_size_t size = block_size(p);
        if ((char *)p + size == a->next) {
            a->next = (char *)p - HEADER;
            a->used -= size;
        }
        return;
    }
    free(p);
}

static void *arena_realloc(void *p, size_t n)
{
    qc_xmlarena_t *a = *current_arena();
    apr_size_t old, size;
    void *q;
    if (!p) {
        return arena_malloc(n);
    }
    if (!a || !owns(a, p)) {
        return realloc(p, n); /* an ordinary block stays one */
    }
    old = block_size(p);
    size = round_up(n ? n : 1);
    if (size <= old) {
        return p;
    }
    if ((char *)p + old == a->next && (apr_size_t)(a->limit - (char *)p) >= size) {
        /* the newest block grows in place */
        a->next = (char *)p + size;
        a->used += size - old;
        memcpy((char *)p - HEADER, &size, sizeof(size));
        return p;
    }
    q = arena_alloc(a, n);
    if (q) {
        memcpy(q, p, old);
    }
    return q;
}

static char *arena_strdup(const char *s)
{
    size_t n = strlen(s) + 1;
    char *copy = arena_malloc(n);
    if (copy) {
        memcpy(copy, s, n);
    }
    return copy;
}

int qc_xmlarena_install(int poison)
{
    xmlFreeFunc f;
    xmlMallocFunc m;
    xmlReallocFunc r;
    xmlStrdupFunc s;
    if (installed) {
        return 1;
    }
    if (xmlMemGet(&f, &m, &r, &s) != 0 || f != free || m != malloc || r != realloc) {
        return 0; /* someone else's allocator: leave it alone */
    }
    previous_free = f;
    previous_malloc = m;
    previous_realloc = r;
    previous_strdup = s;
    if (!spare_chunk_ready && pthread_key_create(&spare_chunk, free) == 0) {
        spare_chunk_ready = 1; /* a thread's spare chunk is freed when the thread ends */
    }
    if (xmlMemSetup(arena_free, arena_malloc, arena_realloc, arena_strdup) != 0) {
        return 0;
    }
    poisoning = poison;
    installed = 1;
    return 1;
}

void qc_xmlarena_uninstall(void)
{
    if (installed) {
        xmlMemSetup(previous_free, previous_malloc, previous_realloc, previous_strdup);
        installed = 0;
    }
}

int qc_xmlarena_installed(void)
{
    return installed;
}

qc_xmlarena_t *qc_xmlarena_open(apr_pool_t *parent)
{
    apr_pool_t *mem;
    qc_xmlarena_t *a;
    if (!installed || *current_arena() || apr_pool_create(&mem, parent) != APR_SUCCESS) {
        return NULL;
    }
    a = apr_pcalloc(mem, sizeof(*a));
    a->mem = mem;
    if (apr_pool_create(&a->docs, mem) != APR_SUCCESS) {
        apr_pool_destroy(mem);
        return NULL;
    }
    a->chunk_size = FIRST_CHUNK;
    *current_arena() = a;
    return a;
}

void qc_xmlarena_close(qc_xmlarena_t *a)
{
    int i;
    if (!a) {
        return;
    }
    *current_arena() = a; /* the frees below are the arena's, even if it was suspended */
    apr_pool_destroy(a->docs);
    /* libxml2 keeps the thread's last error, whose message may be a block of this arena */
    xmlResetLastError();
    *current_arena() = NULL;
    for (i = 0; i < a->nchunks; i++) {
        if (poisoning) {
            memset(a->chunks[i].base, 0xA5, (size_t)(a->chunks[i].end - a->chunks[i].base));
        }
        if (a->chunks[i].size == FIRST_CHUNK && spare_chunk_ready &&
            !pthread_getspecific(spare_chunk) &&
            pthread_setspecific(spare_chunk, a->chunks[i].block) == 0) {
            continue; /* the next arena of this thread starts with it */
        }
        free(a->chunks[i].block);
    }
    apr_pool_destroy(a->mem);
}

qc_xmlarena_t *qc_xmlarena_suspend(void)
{
    qc_xmlarena_t *a = *current_arena();
    *current_arena() = NULL;
    return a;
}

void qc_xmlarena_resume(qc_xmlarena_t *a)
{
    if (a) {
        *current_arena() = a;
    }
}

void qc_xmlarena_free_doc(xmlDocPtr doc)
{
    qc_xmlarena_t *a = *current_arena();
    if (!doc) {
        return;
    }
    if (a && a->fallbacks == 0 && owns(a, doc) && !doc->intSubset && !doc->extSubset) {
        /* Every node, name and text of it is arena memory: nothing to walk. What holds a
         * reference to a dictionary must still let go of it: the document itself, and its
         * tables of IDs and references, which libxml2 creates on the document's dictionary
         * (an HTML result gets an ID table for its id attributes). A DTD has tables of its
         * own: a document with one is freed the ordinary way. */
        if (doc->ids) {
            xmlFreeIDTable((xmlIDTablePtr)doc->ids);
            doc->ids = NULL;
        }
        if (doc->refs) {
            xmlFreeRefTable((xmlRefTablePtr)doc->refs);
            doc->refs = NULL;
        }
        if (doc->dict) {
            xmlDictFree(doc->dict);
            doc->dict = NULL;
        }
        return;
    }
    xmlFreeDoc(doc);
}

apr_pool_t *qc_xmlarena_pool(apr_pool_t *fallback)
{
    qc_xmlarena_t *a = *current_arena();
    return a ? a->docs : fallback;
}

void qc_xmlarena_stats(const qc_xmlarena_t *a, apr_size_t *used, apr_size_t *reserved,
                       apr_size_t *fallbacks)
{
    *used = a ? a->used : 0;
    *reserved = a ? a->reserved : 0;
    *fallbacks = a ? a->fallbacks : 0;
}
