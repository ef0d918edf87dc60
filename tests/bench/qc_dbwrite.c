/*
 * qc_dbwrite: MariaDB's own rate for the autosave's single-row write, the yardstick of the
 * benchmark's autosave figure.
 *
 * THREADS threads, each with its own apr_dbd connection (the driver and the prepared statements
 * the module uses, from lib/store, durable commit per statement as the server is
 * configured), run the same UPDATE on their own share of the open attempts listed in FILE for
 * SECONDS seconds. Without CONTEST the statement is the bare item update "qc_item_save"
 * (lines "attempt_id contestant_id choice_id"); with CONTEST (the contest's code) it is the
 * very statement an autosave POST runs, "qc_autosave_single", which also checks the session
 * and its CSRF token (lines "attempt_id contestant_id choice_id session_token csrf_token"),
 * saving the option at place 1 of question 1 (choice_id is the id at that place).
 * Prints one line:
 *   writes=N seconds=S rate=R failed=F
 *
 * usage: qc_dbwrite DBDPARAMS FILE THREADS SECONDS SEQ_BASE [CONTEST]
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <apr_general.h>
#include <apr_atomic.h>
#include <apr_strings.h>
#include <apr_thread_proc.h>
#include <apr_time.h>
#include "qc_db.h"
#include "qc_session.h"
#include "qc_util.h"

typedef struct {
    const char *attempt;
    const char *contestant;
    const char *choice;
    const char *token_hash; /* with CONTEST only */
    const char *csrf;
} item_t;

typedef struct {
    const char *params;
    const char *contest; /* NULL: qc_item_save; else qc_autosave_single */
    item_t *items;
    int nitems;
    int index;
    int nthreads;
    double seconds;
    apr_int64_t seq_base;
    apr_uint32_t writes;
    apr_uint32_t failed;
    int ok;
} job_t;

/* the threads connect (and prepare) first; the clock starts when all are ready */
static volatile apr_uint32_t ready;
static volatile apr_time_t start_at;

static void *APR_THREAD_FUNC run(apr_thread_t *th, void *data)
{
    job_t *j = data;
    apr_pool_t *p, *scratch;
    qc_db_t *db;
    const char *errmsg = NULL;
    apr_int64_t seq = j->seq_base;
    int k = j->index;
    apr_pool_create(&p, NULL);
    /* prepare_all = 0: only the one statement used, prepared on its first use, as the
     * module's connections do (the whole catalogue on 64 more connections could exhaust the
     * server's max_prepared_stmt_count, which made every thread fail) */
    if (qc_db_open(p, "mysql", j->params, 0, &db, &errmsg) != APR_SUCCESS) {
        fprintf(stderr, "qc_dbwrite: %s\n", errmsg ? errmsg : "cannot connect");
        apr_atomic_inc32(&ready);
        apr_thread_exit(th, APR_EGENERAL);
        return NULL;
    }
    apr_pool_create(&scratch, p);
    j->ok = 1;
    apr_atomic_inc32(&ready);
    while (!start_at) {
        apr_sleep(1000);
    }
    while (apr_time_now() < start_at + (apr_time_t)(j->seconds * APR_USEC_PER_SEC)) {
        const item_t *it = &j->items[k];
        const char *s;
        int affected = 0;
        apr_status_t rv;
        apr_pool_clear(scratch);
        s = qc_util_i64(scratch, ++seq);
        if (j->contest) {
            /* as lib/store/qc_attempt.c's autosave_single runs it for one option of position 1:
             * the option named by its place in the item's order, place 1 (the choice id the
             * file gives is the one at that place, which the bare update below stores) */
            rv = qc_db_exec(db, scratch, "qc_autosave_single",
                            QC_ARGS("1", "1", s, it->token_hash, j->contest, it->csrf,
                                    it->attempt, "1", s, s, s, "1"),
                            &affected);
        }
        else {
            /* as qc_attempt_save_item runs it: the selection's ids, the seq three times */
            rv = qc_db_exec(db, scratch, "qc_item_save",
                            QC_ARGS(it->choice, s, it->attempt, it->contestant, "1", s, s, s),
                            &affected);
        }
        /* the UPDATE joins attempt and item: both rows count (the module asks for > 0) */
        if (rv == APR_SUCCESS && affected > 0) {
            j->writes++;
        }
        else {
            j->failed++;
        }
        k += j->nthreads; /* this thread's share: every nthreads-th attempt */
        if (k >= j->nitems) {
            k = j->index;
        }
    }
    apr_pool_destroy(p);
    apr_thread_exit(th, APR_SUCCESS);
    return NULL;
}

int main(int argc, const char *const *argv)
{
    apr_pool_t *p;
    FILE *f;
    char line[512];
    item_t *items;
    int nitems = 0, cap = 1024, nthreads, i;
    double seconds;
    apr_int64_t seq_base;
    apr_thread_t **threads;
    job_t *jobs;
    apr_time_t t0, t1;
    unsigned long writes = 0, failed = 0;
    int connected = 0;

    if (argc != 6 && argc != 7) {
        fprintf(stderr, "usage: qc_dbwrite DBDPARAMS FILE THREADS SECONDS SEQ_BASE [CONTEST]\n");
        return 2;
    }
    apr_app_initialize(&argc, &argv, NULL);
    atexit(apr_terminate);
    apr_pool_create(&p, NULL);
    nthreads = atoi(argv[3]);
    seconds = atof(argv[4]);
    seq_base = apr_atoi64(argv[5]);
    f = fopen(argv[2], "r");
    if (!f || nthreads < 1 || seconds <= 0) {
        fprintf(stderr, "qc_dbwrite: bad arguments\n");
        return 2;
    }
    items = malloc(sizeof(*items) * (size_t)cap);
    while (fgets(line, sizeof(line), f)) {
        char a[32], c[32], ch[32], tok[128], csrf[128];
        int fields = sscanf(line, "%31s %31s %31s %127s %127s", a, c, ch, tok, csrf);
        if (fields < 3 || (argc == 7 && fields != 5)) {
            continue;
        }
        if (nitems == cap) {
            cap *= 2;
            items = realloc(items, sizeof(*items) * (size_t)cap);
        }
        items[nitems].attempt = apr_pstrdup(p, a);
        items[nitems].contestant = apr_pstrdup(p, c);
        items[nitems].choice = apr_pstrdup(p, ch);
        items[nitems].token_hash = fields == 5 ? qc_session_token_hash(p, tok) : NULL;
        items[nitems].csrf = fields == 5 ? apr_pstrdup(p, csrf) : NULL;
        nitems++;
    }
    fclose(f);
    if (nitems < nthreads) {
        fprintf(stderr, "qc_dbwrite: need at least one attempt per thread\n");
        return 2;
    }
    threads = apr_pcalloc(p, sizeof(*threads) * (size_t)nthreads);
    jobs = apr_pcalloc(p, sizeof(*jobs) * (size_t)nthreads);
    for (i = 0; i < nthreads; i++) {
        jobs[i].params = argv[1];
        jobs[i].contest = argc == 7 ? argv[6] : NULL;
        jobs[i].items = items;
        jobs[i].nitems = nitems;
        jobs[i].index = i;
        jobs[i].nthreads = nthreads;
        jobs[i].seconds = seconds;
        jobs[i].seq_base = seq_base;
        apr_thread_create(&threads[i], NULL, run, &jobs[i], p);
    }
    while (apr_atomic_read32(&ready) < (apr_uint32_t)nthreads) {
        apr_sleep(10000);
    }
    t0 = apr_time_now();
    start_at = t0;
    for (i = 0; i < nthreads; i++) {
        apr_status_t rv;
        apr_thread_join(&rv, threads[i]);
        writes += jobs[i].writes;
        failed += jobs[i].failed;
        connected += jobs[i].ok;
    }
    if (connected < nthreads) {
        fprintf(stderr, "qc_dbwrite: only %d of %d threads could connect and prepare\n", connected,
                nthreads);
        return 1;
    }
    t1 = apr_time_now();
    /* every thread stopped writing at start + seconds; t1 - t0 adds only the disconnects */
    printf("writes=%lu seconds=%.2f rate=%.1f failed=%lu elapsed=%.2f\n", writes, seconds,
           (double)writes / seconds, failed, (double)(t1 - t0) / APR_USEC_PER_SEC);
    free(items);
    return failed > 0 && writes == 0 ? 1 : 0;
}
