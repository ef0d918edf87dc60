/* Synthetic populations for scale tests (see qc_population.h). */
#include <apr_strings.h>
#include "qc_population.h"
#include "qc_results.h"
#include "qc_util.h"
#include "qc_sql.h"

const qc_sql_statement_t qc_population_statements[] = {
    /* quizcontest-admin gen-population: synthetic units, contestants and finished attempts for
     * scale tests, in a few INSERT ... SELECT from MariaDB's sequence tables. The accounts'
     * password hash is '!' (no login possible); phones 08 + 8 digits from the prefix, citizen IDs
     * 0990 + the same 8 (a plan may require one). */
    {"qc_gen_units",
     "INSERT INTO qc_unit (contest_id, parent_id, code, name, kind, headcount, seq)"
     " SELECT %s, NULLIF(%s, ''), CONCAT(%s, s.seq), CONCAT('Đơn vị thử ', s.seq), 'gen',"
     " %s, 1000 + s.seq FROM seq_1_to_10000 s WHERE s.seq <= %s"},
    {"qc_gen_contestants",
     "INSERT INTO qc_contestant (contest_id, full_name, dob, phone, cccd, unit_id, password_hash)"
     " SELECT %s, CONCAT('Thí sinh ', %s, '-', s.seq), '1990-01-01',"
     " CONCAT('08', LPAD(%s * 1000000 + s.seq, 8, '0')),"
     " CONCAT('0990', LPAD(%s * 1000000 + s.seq, 8, '0')), u.id, '!'"
     " FROM seq_1_to_1000000 s JOIN qc_unit u ON u.contest_id = %s"
     "  AND u.code = CONCAT(%s, 1 + s.seq MOD %s)"
     " WHERE s.seq BETWEEN %s AND %s"},
    /* each generated contestant (phone prefix 08BB) gets N attempts spread over the R rounds;
     * score, time and prediction (none for one in ten) from a hash of (contestant, attempt).
     * Arguments: R, prediction range, N, R, contest, BB, the slice's first and last seq. */
    {"qc_gen_attempts",
     "INSERT INTO qc_attempt (contest_id, round_id, contestant_id, attempt_no, state,"
     " started_at, deadline_at, finished_at, time_taken_ms, question_count, score, prediction)"
     " SELECT ct.contest_id, r.id, ct.id, 1 + (n.seq - 1) DIV %s, 'submitted',"
     " r.opens_at, r.opens_at + INTERVAL c.time_limit_s SECOND,"
     " r.opens_at + INTERVAL"
     "  ((CRC32(CONCAT(ct.id, 't', n.seq)) MOD (c.time_limit_s * 1000)) * 1000) MICROSECOND,"
     " CRC32(CONCAT(ct.id, 't', n.seq)) MOD (c.time_limit_s * 1000),"
     " c.questions_per_attempt,"
     " CRC32(CONCAT(ct.id, 's', n.seq)) MOD (c.questions_per_attempt + 1),"
     " IF(CRC32(CONCAT(ct.id, 'p', n.seq)) MOD 10 = 0, NULL,"
     "  CRC32(CONCAT(ct.id, 'p', n.seq)) MOD %s)"
     " FROM qc_contestant ct JOIN qc_contest c ON c.id = ct.contest_id"
     " JOIN seq_1_to_100 n ON n.seq <= %s"
     " JOIN qc_round r ON r.contest_id = c.id AND r.seq = 1 + (n.seq - 1) MOD %s"
     " WHERE ct.contest_id = %s AND LEFT(ct.phone, 4) = CONCAT('08', LPAD(%s, 2, '0'))"
     " AND CAST(SUBSTRING(ct.phone, 5) AS UNSIGNED) BETWEEN %s AND %s"},
    {NULL, NULL}};

/* Contestants and their attempts are written in slices of this many contestants, each its own
 * transaction: a Galera cluster certifies and replicates a transaction whole (its write set
 * must fit wsrep_max_ws_size and is applied in one piece on every node), so 100,000 accounts in
 * one statement would stall the cluster or be refused. */
#define GEN_SLICE 5000

apr_status_t qc_population_generate(qc_db_t *db, apr_pool_t *p, const qc_contest_t *c,
                                    const qc_population_spec_t *spec, qc_population_made_t *made)
{
    const char *prefix = apr_psprintf(p, "gen%02d-", (int)spec->batch);
    const char *batch = qc_util_i64(p, spec->batch);
    const char *nr = apr_itoa(p, c->rounds->nelts);
    apr_int64_t first;
    apr_status_t rv;
    made->units = made->contestants = made->attempts = 0;
    rv = qc_db_exec(db, p, "qc_gen_units",
                    QC_ARGS(c->id, spec->parent_unit_id, prefix, qc_util_i64(p, spec->headcount),
                            qc_util_i64(p, spec->units)),
                    &made->units);
    for (first = 1; rv == APR_SUCCESS && first <= spec->contestants; first += GEN_SLICE) {
        apr_int64_t last =
            first + GEN_SLICE - 1 < spec->contestants ? first + GEN_SLICE - 1 : spec->contestants;
        const char *from = qc_util_i64(p, first), *to = qc_util_i64(p, last);
        int n = 0;
        rv = qc_db_exec(
            db, p, "qc_gen_contestants",
            QC_ARGS(c->id, batch, batch, batch, c->id, prefix, qc_util_i64(p, spec->units), from, to), &n);
        made->contestants += n;
        if (rv == APR_SUCCESS && spec->attempts_each > 0) {
            n = 0;
            rv =
                qc_db_exec(db, p, "qc_gen_attempts",
                           QC_ARGS(nr, qc_util_i64(p, spec->prediction_range),
                                   qc_util_i64(p, spec->attempts_each), nr, c->id, batch, from, to),
                           &n);
            made->attempts += n;
        }
    }
    if (rv == APR_SUCCESS) {
        rv = qc_results_rebuild(db, p, c);
    }
    return rv;
}
