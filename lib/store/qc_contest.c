#include <stdlib.h>
#include <string.h>
#include <apr_hash.h>
#include <apr_strings.h>
#include <apr_thread_mutex.h>
#include "qc_contest.h"
#include "qc_log.h"
#include "qc_status.h"
#include "qc_time.h"
#include "qc_sql.h"

/* The contest, its rounds, documents, units, groups and counts (uq_contest_code). */
const qc_sql_statement_t qc_contest_statements[] = {
    {"qc_contest_by_code",
     "SELECT id, code, title, theme, organiser, rules_text, opens_at, closes_at,"
     " questions_per_attempt, time_limit_s, attempts_per_round, grace_s, reveal_answers,"
     " prediction_question, min_age, cccd_mode, email_mode, tz_offset_min, results_published,"
     " UTC_TIMESTAMP(3), counted_attempt, revision, results_publish_at, ceremony_at,"
     " results_auto_published_at IS NOT NULL"
     " FROM qc_contest WHERE code = %s"},
    /* What every request reads of its contest: whether the process's copy is current, and the
     * database's clock. With a session cookie, the session comes in the same statement
     * (primary key token_hash). */
    {"qc_contest_probe", "SELECT id, revision, UTC_TIMESTAMP(3) FROM qc_contest WHERE code = %s"},
    {"qc_contest_session_probe",
     "SELECT k.id, k.revision, UTC_TIMESTAMP(3), s.contestant_id, s.csrf_token, c.full_name,"
     " c.phone, c.unit_id, c.group_id,"
     " s.expires_at < UTC_TIMESTAMP(3) + INTERVAL %s SECOND"
     " AND s.expires_at < COALESCE(s.ends_at, s.expires_at)"
     " FROM qc_contest k"
     " LEFT JOIN qc_session s ON s.token_hash = %s AND s.contest_id = k.id"
     " AND s.expires_at > UTC_TIMESTAMP(3)"
     " LEFT JOIN qc_contestant c ON c.id = s.contestant_id"
     " WHERE k.code = %s"},
    /* after any change to a contest's rounds, topics or bank (its own row's updates raise the
     * revision themselves) */
    {"qc_contest_touch", "UPDATE qc_contest SET revision = revision + 1 WHERE id = %s"},
    {"qc_contest_rounds", "SELECT id, seq, title, opens_at, closes_at, attempts_allowed"
                          " FROM qc_round WHERE contest_id = %s ORDER BY seq"},
    {"qc_contest_documents",
     "SELECT seq, title, url FROM qc_document WHERE contest_id = %s ORDER BY seq"},
    {"qc_contest_units", "SELECT id, parent_id, code, name, kind FROM qc_unit WHERE contest_id = %s"
                         " ORDER BY seq, id"},
    {"qc_contest_groups",
     "SELECT id, code, title FROM qc_group WHERE contest_id = %s ORDER BY seq, id"},
    /* registered, and participants: a contestant with a finished attempt has the contest's
     * counted row (round 0) in qc_counted, written with the attempt's end, so the count reads
     * one index range instead of every attempt (0.17 s at 300,000 attempts, for a page each
     * process renders once a second) */
    {"qc_contest_counts",
     "SELECT (SELECT COUNT(*) FROM qc_contestant WHERE contest_id = %s),"
     " (SELECT COUNT(*) FROM qc_counted WHERE contest_id = %s AND round_id = 0)"},
    /* uq_unit_code */
    {"qc_contest_unit_id", "SELECT id FROM qc_unit WHERE contest_id = %s AND code = %s"},
    {"qc_settings_attempts", "SELECT COUNT(*) FROM qc_attempt WHERE contest_id = %s"},
    {"qc_settings_update",
     "UPDATE qc_contest SET title = %s, theme = %s, organiser = %s, rules_text = %s,"
     " opens_at = %s, closes_at = %s, questions_per_attempt = %s, time_limit_s = %s,"
     " attempts_per_round = %s, grace_s = %s, reveal_answers = %s, counted_attempt = %s,"
     " prediction_question = %s, updated_at = UTC_TIMESTAMP(3), revision = revision + 1"
     " WHERE id = %s"},
    /* a round's dates from the settings form (the form checked their order) */
    {"qc_settings_round_update",
     "UPDATE qc_round SET opens_at = %s, closes_at = %s WHERE id = %s AND contest_id = %s"},
    {NULL, NULL}};

static apr_int64_t ms_of(const char *s)
{
    apr_int64_t ms = 0;
    if (s) {
        qc_time_parse_db(s, &ms);
    }
    return ms;
}

apr_status_t qc_contest_load(qc_db_t *db, apr_pool_t *p, const char *code, qc_contest_t **out)
{
    qc_rows_t *rows;
    qc_contest_t *c;
    const char **r;
    int i;
    apr_status_t rv = qc_db_select(db, p, "qc_contest_by_code", QC_ARGS(code), &rows);
    if (rv != APR_SUCCESS) {
        return rv;
    }
    if (rows->nrows == 0) {
        return QC_ENOTFOUND;
    }
    r = rows->rows[0];
    c = apr_pcalloc(p, sizeof(*c));
    c->id = r[0];
    c->code = r[1];
    c->title = r[2];
    c->theme = r[3];
    c->organiser = r[4];
    c->rules_text = r[5];
    c->opens_ms = ms_of(r[6]);
    c->closes_ms = ms_of(r[7]);
    c->questions_per_attempt = atoi(r[8]);
    c->time_limit_s = atoi(r[9]);
    c->attempts_per_round = atoi(r[10]);
    c->grace_s = atoi(r[11]);
    c->reveal_answers = r[12];
    c->prediction_question = r[13];
    c->min_age = atoi(r[14]);
    c->cccd_mode = r[15];
    c->email_mode = r[16];
    c->tz_offset_min = atoi(r[17]);
    c->results_published = atoi(r[18]);
    c->now_ms = ms_of(r[19]);
    c->counted_attempt = r[20];
    c->revision = apr_atoi64(r[21]);
    c->results_publish_ms = r[22] ? ms_of(r[22]) : 0;
    c->ceremony_ms = r[23] ? ms_of(r[23]) : 0;
    c->results_auto_done = r[24] && !strcmp(r[24], "1");

    rv = qc_db_select(db, p, "qc_contest_rounds", QC_ARGS(c->id), &rows);
    if (rv != APR_SUCCESS) {
        return rv;
    }
    c->rounds = apr_array_make(p, rows->nrows > 0 ? rows->nrows : 1, sizeof(qc_round_t));
    for (i = 0; i < rows->nrows; i++) {
        qc_round_t *rd = apr_array_push(c->rounds);
        r = rows->rows[i];
        rd->id = r[0];
        rd->seq = atoi(r[1]);
        rd->title = r[2];
        rd->opens_ms = ms_of(r[3]);
        rd->closes_ms = ms_of(r[4]);
        rd->attempts_allowed = r[5] ? atoi(r[5]) : c->attempts_per_round;
    }
    *out = c;
    return APR_SUCCESS;
}

/* ---- the per-process cache ------------------------------------------------------------- */
/* One entry per contest code this process serves, each in its own pool; an entry of an older
 * revision is replaced (its pool destroyed) under the lock. Readers copy what they need into
 * their request's pool under the same lock, so nothing they hold points into the cache. */
typedef struct {
    apr_pool_t *pool;
    qc_contest_t *contest;
} cache_entry_t;

static struct {
    apr_pool_t *pool;
    apr_hash_t *entries;      /* code -> cache_entry_t */
    apr_thread_mutex_t *lock; /* NULL without threads */
} contest_cache;

static apr_status_t cache_gone(void *data)
{
    (void)data;
    contest_cache.pool = NULL;
    contest_cache.entries = NULL;
    contest_cache.lock = NULL;
    return APR_SUCCESS;
}

apr_status_t qc_contest_cache_init(apr_pool_t *p, int threaded)
{
    apr_status_t rv = APR_SUCCESS;
    contest_cache.pool = p;
    contest_cache.entries = apr_hash_make(p);
    contest_cache.lock = NULL;
    if (threaded) {
        rv = apr_thread_mutex_create(&contest_cache.lock, APR_THREAD_MUTEX_DEFAULT, p);
        if (rv != APR_SUCCESS) {
            contest_cache.entries = NULL; /* no cache rather than an unlocked one */
        }
    }
    apr_pool_cleanup_register(p, NULL, cache_gone, apr_pool_cleanup_null);
    return rv;
}

static const char *dup_or_null(apr_pool_t *p, const char *s)
{
    return s ? apr_pstrdup(p, s) : NULL;
}

/* A deep copy of c in p. */
static qc_contest_t *contest_copy(apr_pool_t *p, const qc_contest_t *c)
{
    qc_contest_t *d = apr_pmemdup(p, c, sizeof(*c));
    int i;
    d->id = dup_or_null(p, c->id);
    d->code = dup_or_null(p, c->code);
    d->title = dup_or_null(p, c->title);
    d->theme = dup_or_null(p, c->theme);
    d->organiser = dup_or_null(p, c->organiser);
    d->rules_text = dup_or_null(p, c->rules_text);
    d->reveal_answers = dup_or_null(p, c->reveal_answers);
    d->prediction_question = dup_or_null(p, c->prediction_question);
    d->cccd_mode = dup_or_null(p, c->cccd_mode);
    d->email_mode = dup_or_null(p, c->email_mode);
    d->counted_attempt = dup_or_null(p, c->counted_attempt);
    d->rounds = apr_array_make(p, c->rounds->nelts > 0 ? c->rounds->nelts : 1, sizeof(qc_round_t));
    for (i = 0; i < c->rounds->nelts; i++) {
        qc_round_t *rd = apr_array_push(d->rounds);
        *rd = APR_ARRAY_IDX(c->rounds, i, qc_round_t);
        rd->id = dup_or_null(p, rd->id);
        rd->title = dup_or_null(p, rd->title);
    }
    return d;
}

apr_status_t qc_contest_current(qc_db_t *db, apr_pool_t *p, const char *code, apr_int64_t revision,
                                apr_int64_t now_ms, qc_contest_t **out)
{
    cache_entry_t *e;
    qc_contest_t *c = NULL;
    apr_status_t rv;

    if (!contest_cache.entries) {
        return qc_contest_load(db, p, code, out);
    }
    if (contest_cache.lock) {
        apr_thread_mutex_lock(contest_cache.lock);
    }
    e = apr_hash_get(contest_cache.entries, code, APR_HASH_KEY_STRING);
    if (e && e->contest->revision == revision) {
        c = contest_copy(p, e->contest);
    }
    if (contest_cache.lock) {
        apr_thread_mutex_unlock(contest_cache.lock);
    }
    if (c) {
        c->now_ms = now_ms;
        *out = c;
        return APR_SUCCESS;
    }
    rv = qc_contest_load(db, p, code, &c);
    if (rv != APR_SUCCESS) {
        return rv;
    }
    /* Cache what was read, under the revision read with it: if the contest changed between
     * the caller's probe and this load, the next probe sees a newer revision and reloads. */
    if (contest_cache.lock) {
        apr_thread_mutex_lock(contest_cache.lock);
    }
    e = apr_hash_get(contest_cache.entries, code, APR_HASH_KEY_STRING);
    if (!e || e->contest->revision != c->revision) {
        apr_pool_t *ep;
        if (apr_pool_create(&ep, contest_cache.pool) == APR_SUCCESS) {
            cache_entry_t *ne = apr_pcalloc(ep, sizeof(*ne));
            ne->pool = ep;
            ne->contest = contest_copy(ep, c);
            if (e) {
                /* the hash keeps an existing entry's key: remove it before its pool goes */
                apr_hash_set(contest_cache.entries, code, APR_HASH_KEY_STRING, NULL);
                apr_pool_destroy(e->pool);
            }
            apr_hash_set(contest_cache.entries, apr_pstrdup(ep, code), APR_HASH_KEY_STRING, ne);
        }
    }
    if (contest_cache.lock) {
        apr_thread_mutex_unlock(contest_cache.lock);
    }
    *out = c;
    return APR_SUCCESS;
}

qc_contest_status_t qc_contest_status(const qc_contest_t *c, apr_int64_t now,
                                      const qc_round_t **current, apr_int64_t *next_change)
{
    int i, any_later = 0, any_earlier = 0;
    apr_int64_t next = 0;
    *current = NULL;
    for (i = 0; c->rounds && i < c->rounds->nelts; i++) {
        const qc_round_t *rd = &APR_ARRAY_IDX(c->rounds, i, qc_round_t);
        if (rd->opens_ms <= now && now < rd->closes_ms) {
            if (!*current) {
                *current = rd;
            }
            if (!next || rd->closes_ms < next) {
                next = rd->closes_ms;
            }
        }
        else if (rd->opens_ms > now) {
            any_later = 1;
            if (!next || rd->opens_ms < next) {
                next = rd->opens_ms;
            }
        }
        else {
            any_earlier = 1;
        }
    }
    *next_change = next;
    if (*current) {
        return QC_CONTEST_OPEN;
    }
    if (any_later) {
        return any_earlier ? QC_CONTEST_BETWEEN : QC_CONTEST_UPCOMING;
    }
    return QC_CONTEST_CLOSED;
}

const char *qc_contest_status_name(qc_contest_status_t s)
{
    static const char *const names[] = {"upcoming", "open", "between", "closed"};
    return names[s];
}

apr_status_t qc_contest_of_request(qc_db_t *db, apr_pool_t *p, const char *code,
                                   const char *session_hash, int session_idle_s,
                                   qc_contest_t **contest, qc_session_t **session)
{
    qc_rows_t *rows;
    apr_int64_t now_ms = 0;
    apr_status_t rv =
        session_hash ? qc_db_select(db, p, "qc_contest_session_probe",
                                    QC_ARGS(qc_session_touch_due_s(p, session_idle_s),
                                            session_hash, code),
                                    &rows)
                     : qc_db_select(db, p, "qc_contest_probe", QC_ARGS(code), &rows);
    if (rv != APR_SUCCESS) {
        return rv;
    }
    if (rows->nrows == 0) {
        qc_log(QC_LOG_MARK, QC_LOG_ERR, 0,
               "QC00201: QuizContest names contest '%s', which is not in the database: "
               "load its definition with quizcontest-admin load-contest",
               code);
        return QC_ENOTFOUND;
    }
    if (session_hash) {
        const char *due = rows->rows[0][9];
        *session = qc_session_from_row(p, session_hash, rows->rows[0] + 3);
        if (*session && due && !strcmp(due, "1")) {
            /* in use: its idle end moves forward (at most once a minute) */
            rv = qc_session_touch(db, p, session_hash, session_idle_s);
            if (rv != APR_SUCCESS) {
                return rv;
            }
        }
    }
    qc_time_parse_db(rows->rows[0][2], &now_ms);
    return qc_contest_current(db, p, code, apr_atoi64(rows->rows[0][1]), now_ms, contest);
}

apr_status_t qc_contest_unit_id(qc_db_t *db, apr_pool_t *p, const char *contest_id,
                                const char *unit_code, const char **unit_id)
{
    qc_rows_t *rows;
    apr_status_t rv =
        qc_db_select(db, p, "qc_contest_unit_id", QC_ARGS(contest_id, unit_code), &rows);
    if (rv == APR_SUCCESS && rows->nrows == 0) {
        rv = QC_ENOTFOUND;
    }
    *unit_id = rv == APR_SUCCESS ? rows->rows[0][0] : NULL;
    return rv;
}

apr_status_t qc_contest_units_list(qc_db_t *db, apr_pool_t *p, const char *contest_id,
                                   apr_array_header_t **units)
{
    qc_rows_t *rows;
    int i;
    apr_status_t rv = qc_db_select(db, p, "qc_contest_units", QC_ARGS(contest_id), &rows);
    if (rv != APR_SUCCESS) {
        return rv;
    }
    *units = apr_array_make(p, rows->nrows + 1, sizeof(qc_unit_t));
    for (i = 0; i < rows->nrows; i++) {
        qc_unit_t *u = apr_array_push(*units);
        u->id = rows->rows[i][0];
        u->parent_id = rows->rows[i][1];
        u->code = rows->rows[i][2];
        u->name = rows->rows[i][3];
        u->kind = rows->rows[i][4];
    }
    return APR_SUCCESS;
}

apr_status_t qc_contest_groups_list(qc_db_t *db, apr_pool_t *p, const char *contest_id,
                                    apr_array_header_t **groups)
{
    qc_rows_t *rows;
    int i;
    apr_status_t rv = qc_db_select(db, p, "qc_contest_groups", QC_ARGS(contest_id), &rows);
    if (rv != APR_SUCCESS) {
        return rv;
    }
    *groups = apr_array_make(p, rows->nrows + 1, sizeof(qc_group_t));
    for (i = 0; i < rows->nrows; i++) {
        qc_group_t *g = apr_array_push(*groups);
        g->id = rows->rows[i][0];
        g->code = rows->rows[i][1];
        g->title = rows->rows[i][2];
    }
    return APR_SUCCESS;
}

apr_status_t qc_contest_group_id(qc_db_t *db, apr_pool_t *p, const char *contest_id,
                                 const char *group_code, const char **group_id)
{
    apr_array_header_t *groups;
    int i;
    apr_status_t rv = qc_contest_groups_list(db, p, contest_id, &groups);
    *group_id = NULL;
    for (i = 0; rv == APR_SUCCESS && i < groups->nelts; i++) {
        const qc_group_t *g = &APR_ARRAY_IDX(groups, i, qc_group_t);
        if (!strcmp(g->code, group_code)) {
            *group_id = g->id;
        }
    }
    return rv == APR_SUCCESS && !*group_id ? QC_ENOTFOUND : rv;
}

apr_status_t qc_contest_attempt_count(qc_db_t *db, apr_pool_t *p, const char *contest_id,
                                      apr_int64_t *n)
{
    qc_rows_t *rows;
    apr_status_t rv = qc_db_select(db, p, "qc_settings_attempts", QC_ARGS(contest_id), &rows);
    if (rv == APR_SUCCESS) {
        *n = apr_atoi64(qc_rows_get(rows, 0, 0) ? qc_rows_get(rows, 0, 0) : "0");
    }
    return rv;
}

/* The settings and their audit entry, one transaction (qc_db_transact). */
typedef struct {
    const char *contest_id;
    const qc_contest_settings_t *s;
    const qc_actor_t *actor;
    const char *object, *before, *after;
} settings_tx_t;

static apr_status_t settings_work(qc_db_t *db, apr_pool_t *p, void *baton)
{
    const settings_tx_t *b = baton;
    const qc_contest_settings_t *s = b->s;
    apr_status_t rv;
    int i;
    QC_CHECK(qc_db_exec(
        db, p, "qc_settings_update",
        QC_ARGS(s->title, s->theme, s->organiser, s->rules, qc_time_format_db(p, s->opens_ms),
                qc_time_format_db(p, s->closes_ms), apr_itoa(p, s->questions),
                apr_itoa(p, s->time_limit_s), apr_itoa(p, s->attempts), apr_itoa(p, s->grace_s),
                s->reveal, s->counted, s->prediction, b->contest_id),
        NULL));
    for (i = 0; i < s->nrounds; i++) {
        QC_CHECK(qc_db_exec(db, p, "qc_settings_round_update",
                            QC_ARGS(qc_time_format_db(p, s->round_opens_ms[i]),
                                    qc_time_format_db(p, s->round_closes_ms[i]), s->round_ids[i],
                                    b->contest_id),
                            NULL));
    }
    QC_CHECK(qc_audit_write(db, p, b->contest_id, b->actor, "contest.update", b->object, b->before,
                            b->after));
leave:
    return rv;
}

apr_status_t qc_contest_update_settings(qc_db_t *db, apr_pool_t *p, const char *contest_id,
                                        const qc_contest_settings_t *s, const qc_actor_t *actor,
                                        const char *object, const char *before, const char *after)
{
    settings_tx_t b = {contest_id, s, actor, object, before, after};
    return qc_db_transact(db, p, "update the contest settings", settings_work, &b);
}

apr_status_t qc_contest_documents(qc_db_t *db, apr_pool_t *p, const char *contest_id,
                                  apr_array_header_t **documents)
{
    qc_rows_t *rows;
    int i;
    apr_status_t rv = qc_db_select(db, p, "qc_contest_documents", QC_ARGS(contest_id), &rows);
    if (rv != APR_SUCCESS) {
        return rv;
    }
    *documents = apr_array_make(p, rows->nrows + 1, sizeof(qc_document_t));
    for (i = 0; i < rows->nrows; i++) {
        qc_document_t *d = apr_array_push(*documents);
        d->title = rows->rows[i][1];
        d->url = rows->rows[i][2];
    }
    return APR_SUCCESS;
}

apr_status_t qc_contest_counts(qc_db_t *db, apr_pool_t *p, const char *contest_id,
                               const char **registered, const char **participants)
{
    qc_rows_t *rows;
    apr_status_t rv =
        qc_db_select(db, p, "qc_contest_counts", QC_ARGS(contest_id, contest_id), &rows);
    if (rv == APR_SUCCESS) {
        *registered = rows->rows[0][0];
        *participants = rows->rows[0][1];
    }
    return rv;
}
