/* The question-text cache of a process (see qc_qtext.h). Entries are immutable once stored
 * and live as long as the process: a reader keeps pointers into them without copying. */
#include <stdlib.h>
#include <string.h>
#include <apr_hash.h>
#include <apr_strings.h>
#include <apr_thread_mutex.h>
#include "qc_qtext.h"
#include "qc_status.h"
#include "qc_sql.h"

/* The texts of questions and an attempt's items as shown. */
const qc_sql_statement_t qc_qtext_statements[] = {
    /* The quiz page's items without their texts, which come from the process's cache of
     * question texts (lib/qc_qtext.c), keyed by id and content hash. Primary keys only. */
    {"qc_attempt_items_shown",
     "SELECT i.position, i.question_id, i.choice_order, i.selected, q.content_hash"
     " FROM qc_attempt_item i JOIN qc_question q ON q.id = i.question_id"
     " WHERE i.attempt_id = %s ORDER BY i.position"},
    /* A question's text as contestants see it: never is_correct (uq_choice_seq) */
    {"qc_question_text",
     "SELECT q.kind, q.body, c.id, c.body FROM qc_question q"
     " JOIN qc_choice c ON c.question_id = q.id WHERE q.id = %s ORDER BY c.seq"},
    {NULL, NULL}};

typedef struct {
    const char *kind;
    const char *body;
    int nchoices;
    const char **choice_ids; /* in the bank's order */
    const char **choice_bodies;
} qtext_t;

static struct {
    apr_pool_t *pool;
    apr_hash_t *by_key; /* "id:content_hash" -> qtext_t */
    apr_thread_mutex_t *lock;
    apr_size_t used, max;
} qtext_cache;

static apr_status_t cache_gone(void *data)
{
    (void)data;
    memset(&qtext_cache, 0, sizeof(qtext_cache));
    return APR_SUCCESS;
}

apr_status_t qc_qtext_cache_init(apr_pool_t *p, int threaded, apr_size_t max_bytes)
{
    apr_status_t rv = APR_SUCCESS;
    memset(&qtext_cache, 0, sizeof(qtext_cache));
    if (threaded) {
        rv = apr_thread_mutex_create(&qtext_cache.lock, APR_THREAD_MUTEX_DEFAULT, p);
        if (rv != APR_SUCCESS) {
            return rv; /* no cache rather than an unlocked one */
        }
    }
    qtext_cache.pool = p;
    qtext_cache.by_key = apr_hash_make(p);
    qtext_cache.max = max_bytes;
    apr_pool_cleanup_register(p, NULL, cache_gone, apr_pool_cleanup_null);
    return APR_SUCCESS;
}

static void lock(void)
{
    if (qtext_cache.lock) {
        apr_thread_mutex_lock(qtext_cache.lock);
    }
}

static void unlock(void)
{
    if (qtext_cache.lock) {
        apr_thread_mutex_unlock(qtext_cache.lock);
    }
}

/* Read one question's text from the database into p. */
static apr_status_t load(qc_db_t *db, apr_pool_t *p, const char *question_id, qtext_t **out)
{
    qc_rows_t *rows;
    qtext_t *t;
    int i;
    apr_status_t rv = qc_db_select(db, p, "qc_question_text", QC_ARGS(question_id), &rows);
    if (rv != APR_SUCCESS) {
        return rv;
    }
    if (rows->nrows == 0) {
        return QC_EDB; /* an item whose question has no choices: the schema forbids it */
    }
    t = apr_pcalloc(p, sizeof(*t));
    t->kind = rows->rows[0][0];
    t->body = rows->rows[0][1];
    t->nchoices = rows->nrows;
    t->choice_ids = apr_palloc(p, sizeof(char *) * (apr_size_t)rows->nrows);
    t->choice_bodies = apr_palloc(p, sizeof(char *) * (apr_size_t)rows->nrows);
    for (i = 0; i < rows->nrows; i++) {
        t->choice_ids[i] = rows->rows[i][2];
        t->choice_bodies[i] = rows->rows[i][3] ? rows->rows[i][3] : "";
    }
    *out = t;
    return APR_SUCCESS;
}

static apr_size_t text_size(const qtext_t *t)
{
    apr_size_t n = strlen(t->body) + 64;
    int i;
    for (i = 0; i < t->nchoices; i++) {
        n += strlen(t->choice_ids[i]) + strlen(t->choice_bodies[i]) + 2 * sizeof(char *) + 2;
    }
    return n;
}

/* A copy of t in the cache's pool, stored under key (the caller holds the lock). */
static void store(const char *key, const qtext_t *t)
{
    apr_size_t size = text_size(t);
    qtext_t *c;
    int i;
    if (qtext_cache.used + size > qtext_cache.max ||
        apr_hash_get(qtext_cache.by_key, key, APR_HASH_KEY_STRING)) {
        return;
    }
    c = apr_palloc(qtext_cache.pool, sizeof(*c));
    c->kind = apr_pstrdup(qtext_cache.pool, t->kind);
    c->body = apr_pstrdup(qtext_cache.pool, t->body);
    c->nchoices = t->nchoices;
    c->choice_ids = apr_palloc(qtext_cache.pool, sizeof(char *) * (apr_size_t)t->nchoices);
    c->choice_bodies = apr_palloc(qtext_cache.pool, sizeof(char *) * (apr_size_t)t->nchoices);
    for (i = 0; i < t->nchoices; i++) {
        c->choice_ids[i] = apr_pstrdup(qtext_cache.pool, t->choice_ids[i]);
        c->choice_bodies[i] = apr_pstrdup(qtext_cache.pool, t->choice_bodies[i]);
    }
    apr_hash_set(qtext_cache.by_key, apr_pstrdup(qtext_cache.pool, key), APR_HASH_KEY_STRING, c);
    qtext_cache.used += size;
}

/* Fill the item's choices in the drawn order; 0 when an id of that order is not the text's
 * (the cached text is then not this question's). */
static int fill_choices(apr_pool_t *p, qc_attempt_item_t *it, const char *order, const qtext_t *t)
{
    char *copy = apr_pstrdup(p, order ? order : ""), *state, *tok;
    it->kind = t->kind;
    it->body = t->body;
    it->choices = apr_array_make(p, t->nchoices > 0 ? t->nchoices : 1, sizeof(qc_attempt_choice_t));
    for (tok = apr_strtok(copy, ",", &state); tok; tok = apr_strtok(NULL, ",", &state)) {
        qc_attempt_choice_t *ch = apr_array_push(it->choices);
        int j;
        ch->id = tok;
        ch->body = NULL;
        ch->correct = -1;
        for (j = 0; j < t->nchoices; j++) {
            if (!strcmp(t->choice_ids[j], tok)) {
                ch->body = t->choice_bodies[j];
                break;
            }
        }
        if (!ch->body) {
            return 0;
        }
    }
    return 1;
}

apr_status_t qc_qtext_attempt_items(qc_db_t *db, apr_pool_t *p, const char *id,
                                    apr_array_header_t **out)
{
    qc_rows_t *rows;
    qc_qtext_ref_t *refs;
    int nrefs;
    apr_status_t rv = qc_db_select(db, p, "qc_attempt_items_shown", QC_ARGS(id), &rows);
    if (rv != APR_SUCCESS) {
        return rv;
    }
    qc_qtext_refs_of_rows(p, rows, 0, &refs, &nrefs);
    return qc_qtext_items(db, p, refs, nrefs, out);
}

void qc_qtext_refs_of_rows(apr_pool_t *p, const qc_rows_t *rows, int col, qc_qtext_ref_t **refs,
                           int *nrefs)
{
    int i, n = 0;
    *refs = apr_pcalloc(p, sizeof(qc_qtext_ref_t) * (apr_size_t)(rows->nrows + 1));
    for (i = 0; i < rows->nrows; i++) {
        const char *const *r = rows->rows[i] + col;
        if (!r[0]) {
            continue; /* an attempt without items (joined from the attempt's row) */
        }
        (*refs)[n].position = atoi(r[0]);
        (*refs)[n].question_id = r[1];
        (*refs)[n].choice_order = r[2];
        (*refs)[n].selected = r[3];
        (*refs)[n].content_hash = r[4];
        n++;
    }
    *nrefs = n;
}

apr_status_t qc_qtext_items(qc_db_t *db, apr_pool_t *p, const qc_qtext_ref_t *refs, int nrefs,
                            apr_array_header_t **out)
{
    apr_array_header_t *items;
    apr_status_t rv;
    const char **keys = apr_pcalloc(p, sizeof(char *) * (apr_size_t)(nrefs + 1));
    const qtext_t **found = apr_pcalloc(p, sizeof(qtext_t *) * (apr_size_t)(nrefs + 1));
    int i;
    items = apr_array_make(p, nrefs > 0 ? nrefs : 1, sizeof(qc_attempt_item_t));
    for (i = 0; i < nrefs; i++) {
        keys[i] = apr_pstrcat(p, refs[i].question_id, ":",
                              refs[i].content_hash ? refs[i].content_hash : "", NULL);
    }
    /* every item's text looked up under one taking of the lock (entries are never removed,
     * so what was found stays valid after it) */
    if (qtext_cache.by_key) {
        lock();
        for (i = 0; i < nrefs; i++) {
            found[i] = apr_hash_get(qtext_cache.by_key, keys[i], APR_HASH_KEY_STRING);
        }
        unlock();
    }
    for (i = 0; i < nrefs; i++) {
        const qc_qtext_ref_t *r = &refs[i];
        qc_attempt_item_t *it;
        const qtext_t *cached = found[i];
        qtext_t *fresh;
        it = apr_array_push(items);
        memset(it, 0, sizeof(*it));
        it->position = r->position;
        it->question_id = r->question_id;
        it->selected = r->selected;
        if (cached && fill_choices(p, it, r->choice_order, cached)) {
            continue;
        }
        rv = load(db, p, r->question_id, &fresh);
        if (rv != APR_SUCCESS) {
            return rv;
        }
        if (!fill_choices(p, it, r->choice_order, fresh)) {
            return QC_EDB; /* the drawn order names a choice the question does not have */
        }
        if (qtext_cache.by_key && !cached) {
            lock();
            store(keys[i], fresh);
            unlock();
        }
    }
    *out = items;
    return APR_SUCCESS;
}
