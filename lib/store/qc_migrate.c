#include <stdlib.h>
#include <string.h>
#include <apr_file_io.h>
#include <apr_strings.h>
#include <apr_lib.h>
#include <apr_general.h>
#include <apr_network_io.h>
#include <apr_time.h>
#include <unistd.h>
#include "qc_migrate.h"
#include "qc_log.h"
#include "qc_sql.h"
#include "qc_status.h"
#include "qc_util.h"

static int by_version(const void *a, const void *b)
{
    const qc_migration_t *ma = *(qc_migration_t *const *)a;
    const qc_migration_t *mb = *(qc_migration_t *const *)b;
    return (ma->version > mb->version) - (ma->version < mb->version);
}

apr_status_t qc_migrate_list(apr_pool_t *p, const char *dir, apr_array_header_t **out,
                             const char **errmsg)
{
    apr_dir_t *d;
    apr_finfo_t fi;
    apr_array_header_t *list = apr_array_make(p, 8, sizeof(qc_migration_t *));
    apr_status_t rv = apr_dir_open(&d, dir, p);
    int i;

    *errmsg = NULL;
    if (rv != APR_SUCCESS) {
        *errmsg = apr_psprintf(p, "cannot open the migrations directory %s", dir);
        return rv;
    }
    while (apr_dir_read(&fi, APR_FINFO_NAME | APR_FINFO_TYPE, d) == APR_SUCCESS) {
        const char *n = fi.name;
        qc_migration_t *m;
        apr_size_t len = strlen(n), k = 0;
        apr_file_t *f;
        apr_finfo_t st;
        char *buf;
        apr_size_t got;
        if (fi.filetype != APR_REG || len < 5 || strcmp(n + len - 4, ".sql") != 0) {
            continue;
        }
        while (apr_isdigit(n[k])) {
            k++;
        }
        if (k == 0 || n[k] != '_') {
            apr_dir_close(d);
            *errmsg = apr_psprintf(p, "migration file %s/%s must be named NNNN_name.sql", dir, n);
            return QC_EINPUT;
        }
        m = apr_pcalloc(p, sizeof(*m));
        m->version = atoi(n);
        m->name = apr_pstrdup(p, n);
        m->path = apr_pstrcat(p, dir, "/", n, NULL);
        rv = apr_file_open(&f, m->path, APR_FOPEN_READ, 0, p);
        if (rv == APR_SUCCESS) {
            rv = apr_file_info_get(&st, APR_FINFO_SIZE, f);
        }
        if (rv == APR_SUCCESS) {
            buf = apr_palloc(p, (apr_size_t)st.size + 1);
            rv = apr_file_read_full(f, buf, (apr_size_t)st.size, &got);
            buf[st.size] = '\0';
            m->sql = buf;
            apr_file_close(f);
        }
        if (rv != APR_SUCCESS) {
            apr_dir_close(d);
            *errmsg = apr_psprintf(p, "cannot read %s", m->path);
            return rv;
        }
        m->checksum = qc_util_sha256_hex(p, m->sql, strlen(m->sql));
        APR_ARRAY_PUSH(list, qc_migration_t *) = m;
    }
    apr_dir_close(d);
    qsort(list->elts, (size_t)list->nelts, sizeof(qc_migration_t *), by_version);
    for (i = 1; i < list->nelts; i++) {
        qc_migration_t *a = APR_ARRAY_IDX(list, i - 1, qc_migration_t *);
        qc_migration_t *b = APR_ARRAY_IDX(list, i, qc_migration_t *);
        if (a->version == b->version) {
            *errmsg =
                apr_psprintf(p, "migrations %s and %s have the same version", a->name, b->name);
            return QC_EINPUT;
        }
    }
    *out = list;
    return APR_SUCCESS;
}

apr_array_header_t *qc_migrate_split(apr_pool_t *p, const char *sql)
{
    apr_array_header_t *out = apr_array_make(p, 16, sizeof(const char *));
    char *copy = apr_pstrdup(p, sql), *line, *state = NULL;
    char *cur = apr_pstrdup(p, "");
    for (line = apr_strtok(copy, "\n", &state); line; line = apr_strtok(NULL, "\n", &state)) {
        char *t = line;
        apr_size_t len;
        while (apr_isspace(*t)) {
            t++;
        }
        if (*t == '\0' || strncmp(t, "--", 2) == 0) {
            continue;
        }
        len = strlen(line);
        while (len > 0 && apr_isspace(line[len - 1])) {
            line[--len] = '\0';
        }
        if (len > 0 && line[len - 1] == ';') {
            line[len - 1] = '\0';
            cur = apr_pstrcat(p, cur, line, NULL);
            APR_ARRAY_PUSH(out, const char *) = cur;
            cur = apr_pstrdup(p, "");
        }
        else {
            cur = apr_pstrcat(p, cur, line, "\n", NULL);
        }
    }
    for (line = cur; *line && apr_isspace(*line); line++) {
    }
    if (*line) {
        APR_ARRAY_PUSH(out, const char *) = cur;
    }
    return out;
}

const qc_sql_statement_t qc_migrate_statements[] = {
    /* the lock is a row, not GET_LOCK: a Galera cluster replicates rows, not user locks, so
     * two runs on two nodes would both get GET_LOCK's */
    {"qc_migrate_lock",
     "INSERT INTO qc_schema_lock (name, holder, taken_at) VALUES (%s, %s, UTC_TIMESTAMP(3))"},
    {"qc_migrate_lock_stale", /* a run that died holding it: taken over after 15 minutes */
     "UPDATE qc_schema_lock SET holder = %s, taken_at = UTC_TIMESTAMP(3)"
     " WHERE name = %s AND taken_at < UTC_TIMESTAMP(3) - INTERVAL 15 MINUTE"},
    {"qc_migrate_unlock", "DELETE FROM qc_schema_lock WHERE name = %s AND holder = %s"},
    {"qc_migrate_applied", "SELECT version, checksum FROM qc_schema_migration ORDER BY version"},
    {"qc_migrate_record",
     "INSERT INTO qc_schema_migration (version, name, checksum) VALUES (%s, %s, %s)"},
    {NULL, NULL}};

static apr_status_t prepare_migration_statements(qc_db_t *db, apr_pool_t *p)
{
    const qc_sql_statement_t *s;
    for (s = qc_migrate_statements; s->label; s++) {
        apr_dbd_prepared_t *st = NULL;
        int err = apr_dbd_prepare(db->driver, p, db->handle, s->sql, s->label, &st);
        if (err != 0) {
            qc_log(QC_LOG_MARK, QC_LOG_ERR, 0, "QC00110: cannot prepare %s: %s", s->label,
                   apr_dbd_error(db->driver, db->handle, err));
            return QC_EDB;
        }
        apr_hash_set(db->prepared, s->label, APR_HASH_KEY_STRING, st);
    }
    return APR_SUCCESS;
}

#define MIGRATE_LOCK "quizcontest_migrate"

/* Who holds the lock: this host and process, and a random part (two runs of one pid on two
 * hosts, or one after another, never share it). */
static const char *lock_holder(apr_pool_t *p)
{
    char host[64] = "";
    unsigned char r[6] = {0};
    apr_gethostname(host, sizeof(host) - 1, p);
    apr_generate_random_bytes(r, sizeof(r));
    return apr_psprintf(p, "%.40s:%ld:%02x%02x%02x%02x%02x%02x", host, (long)getpid(), r[0], r[1],
                        r[2], r[3], r[4], r[5]);
}

/* The lock row, waited for 30 s at most (QC_ECONFLICT then); a row older than 15 minutes is
 * taken over. Every node of a cluster sees the same row: one run at a time in the cluster. */
static apr_status_t take_lock(qc_db_t *db, apr_pool_t *p, const char *holder)
{
    int i, affected;
    apr_status_t rv = QC_ECONFLICT;
    for (i = 0; i < 60; i++) {
        rv = qc_db_exec(db, p, "qc_migrate_lock", QC_ARGS(MIGRATE_LOCK, holder), NULL);
        if (rv != QC_ECONFLICT) {
            return rv;
        }
        affected = 0;
        rv = qc_db_exec(db, p, "qc_migrate_lock_stale", QC_ARGS(holder, MIGRATE_LOCK), &affected);
        if (rv == APR_SUCCESS && affected == 1) {
            qc_log(QC_LOG_MARK, QC_LOG_WARNING, 0,
                   "QC00112: took over the migration lock of a run that held it for more than "
                   "15 minutes");
            return APR_SUCCESS;
        }
        if (rv != APR_SUCCESS) {
            return rv;
        }
        apr_sleep(apr_time_from_msec(500));
        rv = QC_ECONFLICT;
    }
    return rv;
}

apr_status_t qc_migrate_apply(qc_db_t *db, apr_pool_t *p, const char *dir, int *applied,
                              const char **errmsg)
{
    apr_array_header_t *list;
    apr_status_t rv;
    qc_rows_t *rows;
    apr_hash_t *done = apr_hash_make(p);
    const char *holder;
    int i, j;

    *applied = 0;
    rv = qc_migrate_list(p, dir, &list, errmsg);
    if (rv != APR_SUCCESS) {
        return rv;
    }
    rv = qc_db_exec_ddl(db, p,
                        "CREATE TABLE IF NOT EXISTS qc_schema_migration ("
                        " version INT UNSIGNED NOT NULL PRIMARY KEY,"
                        " name VARCHAR(200) NOT NULL,"
                        " checksum CHAR(64) CHARACTER SET ascii NOT NULL,"
                        " applied_at DATETIME(3) NOT NULL DEFAULT UTC_TIMESTAMP(3)"
                        ") ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_vietnamese_ci");
    if (rv == APR_SUCCESS) {
        rv = qc_db_exec_ddl(db, p,
                            "CREATE TABLE IF NOT EXISTS qc_schema_lock ("
                            " name VARCHAR(64) CHARACTER SET ascii NOT NULL PRIMARY KEY,"
                            " holder VARCHAR(96) CHARACTER SET ascii NOT NULL,"
                            " taken_at DATETIME(3) NOT NULL"
                            ") ENGINE=InnoDB");
    }
    if (rv == APR_SUCCESS) {
        rv = prepare_migration_statements(db, p);
    }
    if (rv != APR_SUCCESS) {
        *errmsg = "cannot create or read the migration table qc_schema_migration";
        return rv;
    }
    holder = lock_holder(p);
    rv = take_lock(db, p, holder);
    if (rv != APR_SUCCESS) {
        *errmsg = rv == QC_ECONFLICT
                      ? "another migration run holds the lock quizcontest_migrate (waited 30 s; "
                        "a run that died leaves it for 15 minutes: table qc_schema_lock)"
                      : "cannot take the migration lock (table qc_schema_lock)";
        return rv;
    }
    rv = qc_db_select(db, p, "qc_migrate_applied", 0, NULL, &rows);
    if (rv != APR_SUCCESS) {
        *errmsg = "cannot read qc_schema_migration";
        goto leave;
    }
    for (i = 0; i < rows->nrows; i++) {
        apr_hash_set(done, rows->rows[i][0], APR_HASH_KEY_STRING, rows->rows[i][1]);
    }
    for (i = 0; i < list->nelts; i++) {
        qc_migration_t *m = APR_ARRAY_IDX(list, i, qc_migration_t *);
        const char *version = apr_itoa(p, m->version);
        const char *sum = apr_hash_get(done, version, APR_HASH_KEY_STRING);
        apr_array_header_t *stmts;
        if (sum) {
            if (strcmp(sum, m->checksum) != 0) {
                *errmsg = apr_psprintf(p,
                                       "migration %s was applied, but the file has changed "
                                       "since (checksum differs): write a new migration "
                                       "instead of editing an applied one",
                                       m->name);
                rv = QC_ECONFLICT;
                goto leave;
            }
            continue;
        }
        qc_log(QC_LOG_MARK, QC_LOG_NOTICE, 0, "QC00111: applying migration %s", m->name);
        stmts = qc_migrate_split(p, m->sql);
        for (j = 0; j < stmts->nelts; j++) {
            rv = qc_db_exec_ddl(db, p, APR_ARRAY_IDX(stmts, j, const char *));
            if (rv != APR_SUCCESS) {
                *errmsg = apr_psprintf(p, "migration %s failed at statement %d", m->name, j + 1);
                goto leave;
            }
        }
        rv = qc_db_exec(db, p, "qc_migrate_record", QC_ARGS(version, m->name, m->checksum), NULL);
        if (rv != APR_SUCCESS) {
            *errmsg = apr_psprintf(p, "cannot record migration %s", m->name);
            goto leave;
        }
        (*applied)++;
    }
leave:
    qc_db_exec(db, p, "qc_migrate_unlock", QC_ARGS(MIGRATE_LOCK, holder), NULL);
    return rv;
}
