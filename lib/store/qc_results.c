/* Results from the database: rankings with targets and prizes, unit statistics, CSV,
 * publication and the committee's order for ties. The rules are in qc_rank.c. */
#include <stdlib.h>
#include <string.h>
#include <apr_hash.h>
#include <apr_strings.h>
#include "qc_log.h"
#include "qc_audit.h"
#include "qc_csv.h"
#include "qc_messages.h"
#include "qc_results.h"
#include "qc_status.h"
#include "qc_time.h"
#include "qc_util.h"
#include "qc_sql.h"

/* Results: counted attempts, rankings, prizes, units, publication, progress. */
const qc_sql_statement_t qc_results_statements[] = {
    {"qc_counted_clear", "DELETE FROM qc_counted WHERE contest_id = %s"},
    /* ix_counted_contestant: a contestant moved to another unit or group */
    {"qc_counted_moved", "UPDATE qc_counted k JOIN qc_contestant ct ON ct.id = k.contestant_id"
                         " SET k.unit_id = ct.unit_id, k.group_id = COALESCE(ct.group_id, 0)"
                         " WHERE k.contestant_id = %s"},
    /* Rebuild a contest's rows from its attempts (after a bulk load); as migration 0004. */
    {"qc_counted_rebuild",
     "INSERT INTO qc_counted (contest_id, round_id, contestant_id, unit_id, group_id,"
     " attempt_id, pick_key, score, question_count, time_taken_ms, prediction, attempts)"
     " SELECT contest_id, IF(scope = 0, 0, round_id), contestant_id, unit_id, group_id, id,"
     " pick_key, score, question_count, time_taken_ms, prediction, n FROM ("
     "  SELECT s.scope, a.contest_id, a.round_id, a.contestant_id, ct.unit_id,"
     "  COALESCE(ct.group_id, 0) AS group_id, a.id, a.score,"
     "  a.question_count, a.time_taken_ms, a.prediction, CASE c.counted_attempt WHEN 'best' THEN "
     "a.score * 10000000000 + (9999999999 - a.time_taken_ms) WHEN 'first' THEN -(r.seq * 100000 + "
     "a.attempt_no) ELSE r.seq * 100000 + a.attempt_no END AS pick_key,"
     "  ROW_NUMBER() OVER (PARTITION BY s.scope, a.contestant_id, IF(s.scope = 0, 0, a.round_id)"
     "   ORDER BY CASE c.counted_attempt WHEN 'best' THEN a.score * 10000000000 + (9999999999 - "
     "a.time_taken_ms) WHEN 'first' THEN -(r.seq * 100000 + a.attempt_no) ELSE r.seq * 100000 + "
     "a.attempt_no END DESC, r.seq, a.attempt_no) AS rn,"
     "  COUNT(*) OVER (PARTITION BY s.scope, a.contestant_id, IF(s.scope = 0, 0, a.round_id)) AS n"
     "  FROM qc_attempt a JOIN qc_contest c ON c.id = a.contest_id"
     "  JOIN qc_round r ON r.id = a.round_id JOIN qc_contestant ct ON ct.id = a.contestant_id"
     "  JOIN (SELECT 0 AS scope UNION ALL SELECT 1) s"
     "  WHERE a.contest_id = %s AND a.state <> 'open' AND a.score IS NOT NULL"
     "  AND a.time_taken_ms IS NOT NULL) x WHERE rn = 1"},
    {"qc_results_settings",
     "SELECT prediction_target, prediction_value, prize_one_per, collective_formula,"
     " collective_unit_kind, COALESCE(collective_description, ''), reg_quota_deadline,"
     " results_published, closes_at <= UTC_TIMESTAMP(3)"
     " FROM qc_contest WHERE id = %s"},
    {"qc_results_rounds", "SELECT id, seq, results_published_at IS NOT NULL"
                          " AND results_published_at <= UTC_TIMESTAMP(3), results_published_at,"
                          " COALESCE(results_published_by, ''), closes_at <= UTC_TIMESTAMP(3)"
                          " FROM qc_round WHERE contest_id = %s ORDER BY seq"},
    {"qc_results_prizes",
     "SELECT kind, scope, group_code, seq, title, count, COALESCE(amount, 0)"
     " FROM qc_prize WHERE contest_id = %s ORDER BY kind DESC, scope, group_code, seq"},
    /* PRIMARY: participants, attempts and perfect counted attempts of a ranking's scope */
    {"qc_results_target_participants",
     "SELECT COUNT(*) FROM qc_counted WHERE contest_id = %s AND round_id = %s"},
    {"qc_results_target",
     "SELECT COUNT(*), COALESCE(SUM(attempts), 0), COALESCE(SUM(score = question_count), 0)"
     " FROM qc_counted WHERE contest_id = %s AND round_id = %s"},
/* ix_counted_rank: one row per contestant in the ranking's scope, best first, read in the
     * index's order (no sort; a LIMIT stops early). The CASTs matter: apr_dbd binds every
     * argument as a string, and a string compared with an INT column makes MariaDB sort all
     * the rows instead (measured: 400,000 rows examined for LIMIT 1000). Excluded
     * people are left out, eligibility problems are named (cccd, email, exclusion-name: a
     * name-only entry of the exclusion list with the contestant's name, in the unit it names or
     * the one above; the age is judged in C, on the contest's calendar). Never the phone
     * or the citizen ID. Arguments: group code (twice for the committee order), contest, round,
     * group filter ('' for everyone) twice. */
#define QC_SQL_RANKING_FROM                                                                        \
    "SELECT STRAIGHT_JOIN k.contestant_id, k.score, k.time_taken_ms, k.prediction,"                \
    " ct.full_name, ct.unit_id, u.name, COALESCE(g.code, ''), k.question_count, k.attempts,"       \
    " COALESCE(cg.ord, ca.ord, 0),"                                                                \
    " CONCAT_WS(',', IF(c.cccd_mode = 'required' AND ct.cccd IS NULL, 'cccd', NULL),"             \
    "  IF(c.email_mode = 'required' AND ct.email IS NULL, 'email', NULL),"                         \
    "  IF(EXISTS (SELECT 1 FROM qc_exclusion x LEFT JOIN qc_unit xu"                               \
    "   ON xu.contest_id = x.contest_id AND xu.code = x.unit_code"                                 \
    "   WHERE x.contest_id = k.contest_id AND x.phone IS NULL AND x.cccd IS NULL"                  \
    "   AND x.full_name = ct.full_name"                                                            \
    "   AND (x.unit_code IS NULL OR xu.id = ct.unit_id OR xu.id = u.parent_id)),"                  \
    "   'exclusion-name', NULL)),"                                                                 \
    " COALESCE(cg.reason, ca.reason, ''), ct.dob"                                                  \
    " FROM qc_counted k JOIN qc_contestant ct ON ct.id = k.contestant_id"                          \
    " JOIN qc_contest c ON c.id = k.contest_id JOIN qc_unit u ON u.id = ct.unit_id"                \
    " LEFT JOIN qc_group g ON g.id = ct.group_id"                                                  \
    " LEFT JOIN qc_committee_order cg ON cg.contest_id = k.contest_id"                             \
    "  AND cg.round_id = k.round_id AND cg.group_code = %s AND %s <> ''"                           \
    "  AND cg.contestant_id = k.contestant_id"                                                     \
    " LEFT JOIN qc_committee_order ca ON ca.contest_id = k.contest_id"                             \
    "  AND ca.round_id = k.round_id AND ca.group_code = '' AND ca.contestant_id = k.contestant_id" \
    " WHERE k.contest_id = CAST(%s AS UNSIGNED) AND k.round_id = CAST(%s AS UNSIGNED)"
#define QC_SQL_RANKING_REST                                                                        \
    " AND NOT EXISTS (SELECT 1 FROM qc_exclusion x WHERE x.contest_id = k.contest_id"              \
    "  AND x.phone = ct.phone)"                                                                    \
    " AND NOT EXISTS (SELECT 1 FROM qc_exclusion x WHERE x.contest_id = k.contest_id"              \
    "  AND x.cccd = ct.cccd)"                                                                      \
    " ORDER BY k.score DESC, k.time_taken_ms, k.contestant_id"
#define QC_SQL_RANKING QC_SQL_RANKING_FROM QC_SQL_RANKING_REST
    /* arguments: group code twice (committee order), contest, round */
    {"qc_results_ranking", QC_SQL_RANKING},
    /* the head of a ranking, enough for its prizes or a page (qc_results.c widens it when it
     * is not) */
    {"qc_results_ranking_head", QC_SQL_RANKING " LIMIT 1000"},
#undef QC_SQL_RANKING
/* a group's ranking, on ix_counted_group_rank: arguments as above, then the group's id */
#define QC_SQL_RANKING                                                                             \
    QC_SQL_RANKING_FROM " AND k.group_id = CAST(%s AS UNSIGNED)" QC_SQL_RANKING_REST
    {"qc_results_ranking_group", QC_SQL_RANKING},
    {"qc_results_ranking_group_head", QC_SQL_RANKING " LIMIT 1000"},
#undef QC_SQL_RANKING
#undef QC_SQL_RANKING_FROM
#undef QC_SQL_RANKING_REST
    /* how many a ranking has: an index count less the excluded people, found from the (short)
     * exclusion list. Arguments: contest, round, group id ('' for everyone), contest, contest,
     * contest, round, group id. */
    {"qc_results_ranking_count",
     "SELECT (SELECT COUNT(*) FROM qc_counted WHERE contest_id = CAST(%s AS UNSIGNED)"
     "  AND round_id = CAST(%s AS UNSIGNED) AND (%s = '' OR group_id = %s))"
     " - (SELECT COUNT(*) FROM (SELECT ct.id FROM qc_exclusion x JOIN qc_contestant ct"
     "   ON ct.contest_id = x.contest_id AND ct.phone = x.phone WHERE x.contest_id = %s"
     "   UNION SELECT ct.id FROM qc_exclusion x JOIN qc_contestant ct"
     "   ON ct.contest_id = x.contest_id AND ct.cccd = x.cccd WHERE x.contest_id = %s) e"
     "  JOIN qc_counted k ON k.contest_id = %s AND k.round_id = %s AND k.contestant_id = e.id"
     "  AND (%s = '' OR k.group_id = %s))"},
    {"qc_results_units", "SELECT id, parent_id, code, name, kind, headcount, reg_quota FROM qc_unit"
                         " WHERE contest_id = %s ORDER BY seq, id"},
    {"qc_results_unit_registered",
     "SELECT ct.unit_id, COUNT(*),"
     " SUM(c.reg_quota_deadline IS NULL OR ct.created_at <= c.reg_quota_deadline)"
     " FROM qc_contestant ct JOIN qc_contest c ON c.id = ct.contest_id"
     " WHERE ct.contest_id = %s GROUP BY ct.unit_id"}, /* ix_contestant_contest_unit */
    /* ix_counted_unit (covering): per unit, participants and attempts (contest rows), counted
     * results and their scores (round rows) */
    {"qc_results_unit_counted",
     "SELECT unit_id, SUM(round_id = 0), SUM(IF(round_id = 0, attempts, 0)),"
     " SUM(round_id <> 0), SUM(IF(round_id <> 0, score, 0))"
     " FROM qc_counted WHERE contest_id = %s GROUP BY unit_id"},
    /* only a closed round's results can be published */
    {"qc_results_publish_round",
     "UPDATE qc_round SET results_published_at = IF(%s = '1', UTC_TIMESTAMP(3), NULL),"
     " results_published_by = NULLIF(%s, '')"
     " WHERE contest_id = %s AND seq = %s AND closes_at <= UTC_TIMESTAMP(3)"},
    {"qc_results_publish_contest",
     "UPDATE qc_contest SET results_published = %s, revision = revision + 1"
     " WHERE id = %s AND (SELECT MAX(closes_at) FROM qc_round WHERE contest_id = %s)"
     " <= UTC_TIMESTAMP(3)"},
    /* the planned publication, once: the row that wins this update publishes */
    {"qc_results_auto_claim",
     "UPDATE qc_contest SET results_auto_published_at = UTC_TIMESTAMP(3), revision = revision + 1"
     " WHERE id = %s AND results_auto_published_at IS NULL AND results_publish_at IS NOT NULL"
     " AND results_publish_at <= UTC_TIMESTAMP(3)"},
    {"qc_results_auto_due",
     "SELECT code FROM qc_contest WHERE results_auto_published_at IS NULL"
     " AND results_publish_at <= UTC_TIMESTAMP(3) LIMIT 100"},
    {"qc_committee_clear", "DELETE FROM qc_committee_order WHERE contest_id = %s AND round_id = %s"
                           " AND group_code = %s AND contestant_id = %s"},
    {"qc_committee_insert",
     "INSERT INTO qc_committee_order (contest_id, round_id, group_code, contestant_id, ord,"
     " reason, decided_by, decided_at) VALUES (%s, %s, %s, %s, %s, %s, %s, UTC_TIMESTAMP(3))"},
    /* distinct contestants with a finished attempt per local day (tz offset in minutes) and
     * unit: ix_attempt_contest_finished (0009) covers the attempts, the contestant's primary
     * key gives the unit */
    {"qc_progress_daily",
     "SELECT x.d, c.unit_id, COUNT(*) FROM"
     " (SELECT DISTINCT contestant_id, DATE(finished_at + INTERVAL %s MINUTE) AS d"
     "  FROM qc_attempt WHERE contest_id = %s AND state <> 'open'"
     "  AND finished_at IS NOT NULL) x"
     " JOIN qc_contestant c ON c.id = x.contestant_id GROUP BY x.d, c.unit_id ORDER BY x.d"},
    {NULL, NULL}};

/* Rows of qc_results_ranking_head: when a head is this long, more may follow. */
#define HEAD_ROWS 1000

apr_status_t qc_results_settings(qc_db_t *db, apr_pool_t *p, const qc_contest_t *c,
                                 qc_results_settings_t **out)
{
    qc_rows_t *rows;
    qc_results_settings_t *s;
    const char **r;
    apr_status_t rv = qc_db_select(db, p, "qc_results_settings", QC_ARGS(c->id), &rows);
    if (rv != APR_SUCCESS) {
        return rv;
    }
    if (rows->nrows == 0) {
        return QC_ENOTFOUND;
    }
    r = rows->rows[0];
    s = apr_pcalloc(p, sizeof(*s));
    s->prediction_target = r[0];
    s->prediction_value = r[1];
    s->prize_one_per = r[2];
    s->collective_formula = r[3];
    s->collective_unit_kind = r[4];
    s->collective_description = r[5];
    s->reg_quota_deadline = r[6];
    s->contest_published = r[7] && !strcmp(r[7], "1");
    s->contest_closed = r[8] && !strcmp(r[8], "1");
    *out = s;
    return APR_SUCCESS;
}

/* ---- loading a ranking ----------------------------------------------------------------------- */

/* The ranking's rows, best first: everyone (group_id "") or a group. */
static apr_status_t load_entries(qc_db_t *db, apr_pool_t *p, const qc_contest_t *c,
                                 const char *round_id, const char *group, const char *group_id,
                                 int head, qc_rank_entry_t **out, int *n, int *complete)
{
    qc_rows_t *rows;
    qc_rank_entry_t *e;
    int i;
    apr_status_t rv =
        *group_id
            ? qc_db_select(db, p,
                           head ? "qc_results_ranking_group_head" : "qc_results_ranking_group",
                           QC_ARGS(group, group, c->id, round_id, group_id), &rows)
            : qc_db_select(db, p, head ? "qc_results_ranking_head" : "qc_results_ranking",
                           QC_ARGS(group, group, c->id, round_id), &rows);
    if (rv != APR_SUCCESS) {
        return rv;
    }
    e = apr_pcalloc(p, sizeof(*e) * (size_t)(rows->nrows + 1));
    for (i = 0; i < rows->nrows; i++) {
        const char **r = rows->rows[i];
        qc_result_info_t *info = apr_palloc(p, sizeof(*info));
        e[i].contestant_id = r[0];
        e[i].score = atoi(r[1]);
        e[i].time_ms = apr_atoi64(r[2]);
        e[i].has_prediction = r[3] != NULL;
        e[i].prediction = r[3] ? apr_atoi64(r[3]) : 0;
        e[i].committee_order = atoi(r[10]);
        info->full_name = r[4];
        info->unit_id = r[5];
        info->unit_name = r[6];
        info->group_code = r[7];
        info->question_count = atoi(r[8]);
        info->attempts = atoi(r[9]);
        info->prediction = r[3];
        info->flags = r[11] ? r[11] : "";
        if (c->min_age > 0 && r[13]) {
            /* the age on the opening's local day: the calendar registration used */
            qc_date_t born;
            if (qc_date_parse(r[13], &born) == APR_SUCCESS &&
                !qc_date_old_enough(born, c->opens_ms, c->tz_offset_min, c->min_age)) {
                info->flags = *info->flags ? apr_pstrcat(p, "age,", info->flags, NULL) : "age";
            }
        }
        info->committee_reason = r[12];
        e[i].data = info;
    }
    *out = e;
    *n = rows->nrows;
    *complete = !head || rows->nrows < HEAD_ROWS;
    if (!*complete) {
        /* the last (score, time) group may go on past the head: keep only whole groups */
        int k = *n;
        while (k > 0 && e[k - 1].score == e[*n - 1].score &&
               e[k - 1].time_ms == e[*n - 1].time_ms) {
            k--;
        }
        *n = k;
    }
    return APR_SUCCESS;
}

static apr_status_t load_target(qc_db_t *db, apr_pool_t *p, const qc_contest_t *c,
                                const qc_results_settings_t *s, const char *round_id, int *has,
                                apr_int64_t *target)
{
    qc_rows_t *rows;
    apr_status_t rv;
    int col;
    *has = 0;
    *target = 0;
    if (!strcmp(s->prediction_target, "manual")) {
        if (s->prediction_value) {
            *has = 1;
            *target = apr_atoi64(s->prediction_value);
        }
        return APR_SUCCESS;
    }
    col = !strcmp(s->prediction_target, "attempts")  ? 1
          : !strcmp(s->prediction_target, "perfect") ? 2
                                                     : 0;
    /* participants, the usual target, is an index-only count */
    rv = qc_db_select(db, p, col ? "qc_results_target" : "qc_results_target_participants",
                      QC_ARGS(c->id, round_id), &rows);
    if (rv != APR_SUCCESS) {
        return rv;
    }
    *has = 1;
    *target = apr_atoi64(qc_rows_get(rows, 0, col) ? qc_rows_get(rows, 0, col) : "0");
    return APR_SUCCESS;
}

/* ---- prize lists ------------------------------------------------------------------------------ */

/* One prize list: the individual prizes of a round (each_round) or of the whole contest
 * (overall, round 0), for everyone or a group. */
typedef struct {
    int round_seq;
    const char *round_id;
    const char *group;
    const char *group_id; /* "" for everyone */
    qc_prize_tier_t *tiers;
    int ntiers;
} plist_t;

static const qc_round_t *round_by_seq(const qc_contest_t *c, int seq)
{
    int i;
    for (i = 0; i < c->rounds->nelts; i++) {
        const qc_round_t *rd = &APR_ARRAY_IDX(c->rounds, i, qc_round_t);
        if (rd->seq == seq) {
            return rd;
        }
    }
    return NULL;
}

/* The id of group `code` of the contest ("" for everyone); QC_ENOTFOUND when it has none. */
static apr_status_t group_id_of(qc_db_t *db, apr_pool_t *p, const qc_contest_t *c, const char *code,
                                const char **id)
{
    qc_rows_t *rows;
    int i;
    apr_status_t rv;
    *id = "";
    if (!*code) {
        return APR_SUCCESS;
    }
    rv = qc_db_select(db, p, "qc_contest_groups", QC_ARGS(c->id), &rows);
    for (i = 0; rv == APR_SUCCESS && i < rows->nrows; i++) {
        if (!strcmp(rows->rows[i][1], code)) {
            *id = rows->rows[i][0];
            return APR_SUCCESS;
        }
    }
    return rv == APR_SUCCESS ? QC_ENOTFOUND : rv;
}

/* Every individual prize list in allocation order: rounds by seq, then the whole contest;
 * within one, everyone's list before the groups'. Collective tiers go to *ctiers. */
static apr_status_t prize_lists(qc_db_t *db, apr_pool_t *p, const qc_contest_t *c,
                                apr_array_header_t **lists, qc_prize_tier_t **ctiers, int *nctiers)
{
    qc_rows_t *rows;
    apr_array_header_t *each = apr_array_make(p, 4, sizeof(plist_t));
    apr_array_header_t *overall = apr_array_make(p, 4, sizeof(plist_t));
    apr_array_header_t *out;
    int i, j;
    apr_status_t rv = qc_db_select(db, p, "qc_results_prizes", QC_ARGS(c->id), &rows);
    if (rv != APR_SUCCESS) {
        return rv;
    }
    *ctiers = apr_pcalloc(p, sizeof(qc_prize_tier_t) * (size_t)(rows->nrows + 1));
    *nctiers = 0;
    for (i = 0; i < rows->nrows; i++) {
        const char **r = rows->rows[i];
        apr_array_header_t *to;
        plist_t *l = NULL;
        qc_prize_tier_t *t;
        if (!strcmp(r[0], "collective")) {
            t = &(*ctiers)[(*nctiers)++];
        }
        else {
            to = !strcmp(r[1], "each_round") ? each : overall;
            for (j = 0; j < to->nelts; j++) {
                if (!strcmp(APR_ARRAY_IDX(to, j, plist_t).group, r[2])) {
                    l = &APR_ARRAY_IDX(to, j, plist_t);
                }
            }
            if (!l) {
                l = apr_array_push(to);
                l->group = r[2];
                rv = group_id_of(db, p, c, r[2], &l->group_id);
                if (rv == QC_ENOTFOUND) {
                    l->group_id = "0"; /* a prize for a group the contest lacks: nobody */
                }
                else if (rv != APR_SUCCESS) {
                    return rv;
                }
                l->ntiers = 0;
                l->tiers = apr_pcalloc(p, sizeof(qc_prize_tier_t) * (size_t)(rows->nrows + 1));
            }
            t = &l->tiers[l->ntiers++];
        }
        t->title = r[4];
        t->count = atoi(r[5]);
        t->amount = apr_atoi64(r[6]);
    }
    out = apr_array_make(p, 8, sizeof(plist_t));
    for (i = 0; i < c->rounds->nelts; i++) {
        const qc_round_t *rd = &APR_ARRAY_IDX(c->rounds, i, qc_round_t);
        for (j = 0; j < each->nelts; j++) {
            plist_t *l = apr_array_push(out);
            *l = APR_ARRAY_IDX(each, j, plist_t);
            l->round_seq = rd->seq;
            l->round_id = rd->id;
        }
    }
    for (j = 0; j < overall->nelts; j++) {
        plist_t *l = apr_array_push(out);
        *l = APR_ARRAY_IDX(overall, j, plist_t);
        l->round_seq = 0;
        l->round_id = "0";
    }
    *lists = out;
    return APR_SUCCESS;
}

/* Rank entries and allocate a list's prizes, passing over flagged accounts and `winners`. */
static void rank_and_allocate(apr_pool_t *p, qc_ranking_t *rk, apr_hash_t *winners)
{
    unsigned char *inel = apr_pcalloc(p, (size_t)rk->n + 1);
    int i;
    qc_rank_entries(rk->entries, rk->n, rk->has_target, rk->target);
    for (i = 0; i < rk->n; i++) {
        const qc_result_info_t *info = rk->entries[i].data;
        inel[i] =
            (info->flags && *info->flags) ||
            (winners && apr_hash_get(winners, rk->entries[i].contestant_id, APR_HASH_KEY_STRING));
    }
    rk->awards = apr_pcalloc(p, sizeof(qc_prize_award_t) * (size_t)(rk->n + 1));
    qc_rank_allocate(rk->entries, rk->n, rk->tiers, rk->ntiers, inel, rk->awards);
    rk->pending_prizes = 0;
    for (i = 0; i < rk->n; i++) {
        rk->pending_prizes += rk->awards[i].pending;
    }
}

static int total_slots(const qc_prize_tier_t *t, int n)
{
    int i, s = 0;
    for (i = 0; i < n; i++) {
        s += t[i].count;
    }
    return s;
}

/* Load a ranking (head only when only its prizes are wanted) and allocate its prizes. */
static apr_status_t build_ranking(qc_db_t *db, apr_pool_t *p, const qc_contest_t *c,
                                  const qc_results_settings_t *s, const plist_t *where, int head,
                                  int need, apr_hash_t *winners, qc_ranking_t **out)
{
    qc_ranking_t *rk = apr_pcalloc(p, sizeof(*rk));
    int complete = 1, given = 0, i;
    apr_status_t rv;
    rk->round_seq = where->round_seq;
    rk->round_id = where->round_id;
    rk->group_code = where->group;
    rk->tiers = where->tiers;
    rk->ntiers = where->ntiers;
    rk->settings = s;
    rk->target_kind = s->prediction_target;
    rv = load_target(db, p, c, s, where->round_id, &rk->has_target, &rk->target);
    if (rv == APR_SUCCESS) {
        rv = load_entries(db, p, c, where->round_id, where->group, where->group_id, head,
                          &rk->entries, &rk->n, &complete);
    }
    if (rv != APR_SUCCESS) {
        return rv;
    }
    rank_and_allocate(p, rk, winners);
    for (i = 0; i < rk->n; i++) {
        given += rk->awards[i].tier >= 0;
    }
    if (!complete && (given < total_slots(rk->tiers, rk->ntiers) || rk->n < need)) {
        /* the head did not reach the last prize, or the page: the whole ranking, then */
        rv = load_entries(db, p, c, where->round_id, where->group, where->group_id, 0, &rk->entries,
                          &rk->n, &complete);
        if (rv != APR_SUCCESS) {
            return rv;
        }
        rank_and_allocate(p, rk, winners);
    }
    rk->total = rk->n;
    if (!complete && need > 0) {
        qc_rows_t *rows;
        rv = qc_db_select(db, p, "qc_results_ranking_count",
                          QC_ARGS(c->id, where->round_id, where->group_id, where->group_id, c->id,
                                  c->id, c->id, where->round_id, where->group_id, where->group_id),
                          &rows);
        if (rv != APR_SUCCESS) {
            return rv;
        }
        rk->total = atoi(qc_rows_get(rows, 0, 0) ? qc_rows_get(rows, 0, 0) : "0");
    }
    *out = rk;
    return APR_SUCCESS;
}

static void add_winners(apr_hash_t *winners, const qc_ranking_t *rk)
{
    int i;
    for (i = 0; i < rk->n; i++) {
        if (rk->awards[i].tier >= 0 && !rk->awards[i].pending) {
            apr_hash_set(winners, rk->entries[i].contestant_id, APR_HASH_KEY_STRING, rk);
        }
    }
}

/* Allocate the lists before position `stop` (all with stop < 0) in order, collecting the
 * winners that exclude later prizes; per_unit (may be NULL) counts prizes by unit id. */
static apr_status_t run_lists(qc_db_t *db, apr_pool_t *p, const qc_contest_t *c,
                              const qc_results_settings_t *s, const apr_array_header_t *lists,
                              int stop, apr_hash_t *winners, apr_hash_t *per_unit)
{
    int i, j, one_per_contest = !strcmp(s->prize_one_per, "contest");
    int upto = stop < 0 ? lists->nelts : stop;
    int stop_round = stop >= 0 ? APR_ARRAY_IDX(lists, stop, plist_t).round_seq : -1;
    for (i = 0; i < upto; i++) {
        const plist_t *l = &APR_ARRAY_IDX(lists, i, plist_t);
        qc_ranking_t *rk;
        apr_status_t rv;
        /* one prize per round: only the same round's lists stand in the way */
        if (stop >= 0 && !one_per_contest && l->round_seq != stop_round) {
            continue;
        }
        if (stop < 0 && !one_per_contest && i > 0 &&
            APR_ARRAY_IDX(lists, i - 1, plist_t).round_seq != l->round_seq) {
            apr_hash_clear(winners);
        }
        rv = build_ranking(db, p, c, s, l, 1, 0, winners, &rk);
        if (rv != APR_SUCCESS) {
            return rv;
        }
        add_winners(winners, rk);
        for (j = 0; per_unit && j < rk->n; j++) {
            const qc_result_info_t *info = rk->entries[j].data;
            int *count;
            if (rk->awards[j].tier < 0 || rk->awards[j].pending) {
                continue;
            }
            count = apr_hash_get(per_unit, info->unit_id, APR_HASH_KEY_STRING);
            if (!count) {
                count = apr_pcalloc(p, sizeof(int));
                apr_hash_set(per_unit, info->unit_id, APR_HASH_KEY_STRING, count);
            }
            (*count)++;
        }
    }
    return APR_SUCCESS;
}

apr_status_t qc_results_ranking(qc_db_t *db, apr_pool_t *p, const qc_contest_t *c, int round_seq,
                                const char *group_code, int need, qc_ranking_t **out)
{
    qc_results_settings_t *s;
    apr_array_header_t *lists;
    qc_prize_tier_t *ct;
    qc_rows_t *rows;
    plist_t where;
    apr_hash_t *winners = apr_hash_make(p);
    const qc_round_t *rd = NULL;
    const char *group_id;
    qc_ranking_t *rk;
    int nct, i, stop = -1;
    apr_status_t rv;

    group_code = group_code ? group_code : "";
    if (round_seq > 0 && !(rd = round_by_seq(c, round_seq))) {
        return QC_ENOTFOUND;
    }
    rv = group_id_of(db, p, c, group_code, &group_id);
    if (rv != APR_SUCCESS) {
        return rv;
    }
    rv = qc_results_settings(db, p, c, &s);
    if (rv == APR_SUCCESS) {
        rv = prize_lists(db, p, c, &lists, &ct, &nct);
    }
    if (rv != APR_SUCCESS) {
        return rv;
    }
    memset(&where, 0, sizeof(where));
    where.round_seq = round_seq;
    where.round_id = rd ? rd->id : "0";
    where.group = group_code;
    where.group_id = group_id;
    where.tiers = ct; /* an empty list unless one matches below */
    where.ntiers = 0;
    for (i = 0; i < lists->nelts; i++) {
        const plist_t *l = &APR_ARRAY_IDX(lists, i, plist_t);
        if (l->round_seq == round_seq && !strcmp(l->group, group_code)) {
            where = *l;
            stop = i;
        }
    }
    if (stop >= 0) {
        rv = run_lists(db, p, c, s, lists, stop, winners, NULL);
        if (rv != APR_SUCCESS) {
            return rv;
        }
    }
    rv = build_ranking(db, p, c, s, &where, need > 0 && need < HEAD_ROWS, need,
                       stop >= 0 ? winners : NULL, &rk);
    if (rv != APR_SUCCESS) {
        return rv;
    }
    rv = qc_db_select(db, p, "qc_results_rounds", QC_ARGS(c->id), &rows);
    if (rv != APR_SUCCESS) {
        return rv;
    }
    if (rd) {
        rk->round_title = rd->title;
        rk->closed = c->now_ms >= rd->closes_ms;
        for (i = 0; i < rows->nrows; i++) {
            if (!strcmp(rows->rows[i][0], rd->id)) {
                rk->published = !strcmp(rows->rows[i][2], "1");
                rk->published_at = rows->rows[i][3];
            }
        }
    }
    else {
        rk->closed = 1;
        for (i = 0; i < c->rounds->nelts; i++) {
            rk->closed &= c->now_ms >= APR_ARRAY_IDX(c->rounds, i, qc_round_t).closes_ms;
        }
        rk->published = s->contest_published;
    }
    *out = rk;
    return APR_SUCCESS;
}

apr_status_t qc_results_is_published(qc_db_t *db, apr_pool_t *p, const qc_contest_t *c,
                                     int round_seq, int *published)
{
    const qc_round_t *rd = NULL;
    qc_rows_t *rows;
    int i;
    apr_status_t rv;
    *published = 0;
    if (round_seq > 0 && !(rd = round_by_seq(c, round_seq))) {
        return QC_ENOTFOUND;
    }
    if (!rd) {
        qc_results_settings_t *s;
        rv = qc_results_settings(db, p, c, &s);
        *published = rv == APR_SUCCESS && s->contest_published;
        return rv;
    }
    rv = qc_db_select(db, p, "qc_results_rounds", QC_ARGS(c->id), &rows);
    for (i = 0; rv == APR_SUCCESS && i < rows->nrows; i++) {
        if (!strcmp(rows->rows[i][0], rd->id)) {
            *published = !strcmp(rows->rows[i][2], "1");
        }
    }
    return rv;
}

/* ---- units ---------------------------------------------------------------------------------- */

apr_status_t qc_results_units(qc_db_t *db, apr_pool_t *p, const qc_contest_t *c,
                              qc_unit_report_t **out)
{
    qc_unit_report_t *rep = apr_pcalloc(p, sizeof(*rep));
    qc_results_settings_t *s;
    apr_array_header_t *lists;
    apr_hash_t *by_id = apr_hash_make(p), *per_unit = apr_hash_make(p);
    apr_hash_t *children = apr_hash_make(p);
    qc_rows_t *rows, *reg, *cnt;
    int i, k, nroots = 0, *stack, sp = 0;
    const char *kind;
    qc_rank_entry_t *ce;
    apr_status_t rv;

    rv = qc_results_settings(db, p, c, &s);
    if (rv == APR_SUCCESS) {
        rv = prize_lists(db, p, c, &lists, &rep->tiers, &rep->ntiers);
    }
    if (rv == APR_SUCCESS) {
        rv = qc_db_select(db, p, "qc_results_units", QC_ARGS(c->id), &rows);
    }
    if (rv == APR_SUCCESS) {
        rv = qc_db_select(db, p, "qc_results_unit_registered", QC_ARGS(c->id), &reg);
    }
    if (rv == APR_SUCCESS) {
        rv = qc_db_select(db, p, "qc_results_unit_counted", QC_ARGS(c->id), &cnt);
    }
    if (rv == APR_SUCCESS) {
        rv = run_lists(db, p, c, s, lists, -1, apr_hash_make(p), per_unit);
    }
    if (rv != APR_SUCCESS) {
        return rv;
    }
    rep->settings = s;
    rep->formula = qc_rank_collective_formula(s->collective_formula);
    /* tree order: each unit followed by its sub-units, siblings by seq */
    for (i = rows->nrows - 1; i >= 0; i--) {
        const char *parent = rows->rows[i][1] ? rows->rows[i][1] : "";
        apr_array_header_t *kids = apr_hash_get(children, parent, APR_HASH_KEY_STRING);
        if (!kids) {
            kids = apr_array_make(p, 4, sizeof(int));
            apr_hash_set(children, parent, APR_HASH_KEY_STRING, kids);
        }
        APR_ARRAY_PUSH(kids, int) = i; /* reversed: popped from the stack in seq order */
    }
    rep->units = apr_pcalloc(p, sizeof(qc_unit_stat_t) * (size_t)(rows->nrows + 1));
    stack = apr_palloc(p, sizeof(int) * (size_t)(rows->nrows + 1));
    {
        apr_array_header_t *roots = apr_hash_get(children, "", APR_HASH_KEY_STRING);
        for (i = 0; roots && i < roots->nelts; i++) {
            stack[sp++] = APR_ARRAY_IDX(roots, i, int);
        }
        nroots = roots ? roots->nelts : 0;
    }
    k = 0;
    while (sp > 0) {
        int idx = stack[--sp];
        const char **r = rows->rows[idx];
        qc_unit_stat_t *u = &rep->units[k++];
        const char **names = apr_palloc(p, sizeof(char *) * 3);
        apr_array_header_t *kids = apr_hash_get(children, r[0], APR_HASH_KEY_STRING);
        u->id = r[0];
        u->parent_id = r[1];
        names[0] = r[2];
        names[1] = r[3];
        names[2] = r[4];
        u->data = names;
        u->headcount = r[5] ? apr_atoi64(r[5]) : -1;
        u->reg_quota = r[6] ? atoi(r[6]) : -1;
        apr_hash_set(by_id, u->id, APR_HASH_KEY_STRING, u);
        for (i = 0; kids && i < kids->nelts && sp < rows->nrows; i++) {
            stack[sp++] = APR_ARRAY_IDX(kids, i, int);
        }
    }
    rep->n = k; /* units in a cycle are unreachable from the roots and left out */
    for (i = 0; i < reg->nrows; i++) {
        qc_unit_stat_t *u = apr_hash_get(by_id, reg->rows[i][0], APR_HASH_KEY_STRING);
        if (u) {
            u->registered = atoi(reg->rows[i][1]);
            u->registered_in_time = atoi(reg->rows[i][2] ? reg->rows[i][2] : "0");
        }
    }
    for (i = 0; i < cnt->nrows; i++) {
        qc_unit_stat_t *u = apr_hash_get(by_id, cnt->rows[i][0], APR_HASH_KEY_STRING);
        if (u) {
            u->participants = atoi(cnt->rows[i][1]);
            u->attempts = atoi(cnt->rows[i][2]);
            u->counted = atoi(cnt->rows[i][3]);
            u->score_sum = apr_atoi64(cnt->rows[i][4]);
        }
    }
    for (i = 0; i < rep->n; i++) {
        int *count = apr_hash_get(per_unit, rep->units[i].id, APR_HASH_KEY_STRING);
        rep->units[i].prizes = count ? *count : 0;
    }
    rv = qc_rank_rollup(p, rep->units, rep->n);
    if (rv != APR_SUCCESS) {
        return QC_EDB;
    }
    /* the units competing: the contest's kind, else the top level (below a single root) */
    kind = s->collective_unit_kind;
    rep->ranked = apr_pcalloc(p, sizeof(qc_unit_stat_t) * (size_t)(rep->n + 1));
    for (i = 0; i < rep->n; i++) {
        const qc_unit_stat_t *u = &rep->units[i];
        const char *const *names = u->data;
        int take = *kind ? !strcmp(names[2], kind) : u->depth == (nroots == 1 ? 1 : 0);
        if (take) {
            rep->ranked[rep->nranked++] = *u;
        }
    }
    qc_rank_collective(rep->ranked, rep->nranked, rep->formula);
    ce = apr_pcalloc(p, sizeof(*ce) * (size_t)(rep->nranked + 1));
    {
        unsigned char *inel = apr_pcalloc(p, (size_t)rep->nranked + 1);
        for (i = 0; i < rep->nranked; i++) {
            ce[i].position = rep->ranked[i].position > 0 ? rep->ranked[i].position : -1 - i;
            inel[i] = rep->ranked[i].position <= 0;
        }
        rep->awards = apr_pcalloc(p, sizeof(qc_prize_award_t) * (size_t)(rep->nranked + 1));
        if (rep->formula == QC_COLLECTIVE_PARTICIPATION_PRIZES ||
            rep->formula == QC_COLLECTIVE_PARTICIPANTS_QUALITY) {
            qc_rank_allocate(ce, rep->nranked, rep->tiers, rep->ntiers, inel, rep->awards);
        }
        else {
            for (i = 0; i < rep->nranked; i++) {
                rep->awards[i].tier = rep->awards[i].tier_low = -1;
            }
        }
    }
    *out = rep;
    return APR_SUCCESS;
}

/* ---- CSV ------------------------------------------------------------------------------------- */

static const char *csv(apr_pool_t *p, const char *s)
{
    return qc_csv_cell(p, s, 0);
}

const char *qc_results_prize_text(apr_pool_t *p, const qc_messages_t *msgs,
                                  const qc_prize_tier_t *t, const qc_prize_award_t *a)
{
    const char *args[2];
    if (a->skipped || a->tier < 0) {
        return "";
    }
    if (a->pending) {
        args[0] = t[a->tier].title;
        args[1] = a->tier_low >= 0 ? t[a->tier_low].title
                                   : qc_messages_format(p, msgs, "results.no_prize_below", 0, args);
        return qc_messages_format(p, msgs, "results.prize_either", 2, args);
    }
    return t[a->tier].title;
}

const char *qc_results_flags_text(apr_pool_t *p, const qc_messages_t *msgs, const char *flags)
{
    char *copy, *tok, *last;
    const char *out = "";
    if (!flags || !*flags) {
        return "";
    }
    copy = apr_pstrdup(p, flags);
    for (tok = apr_strtok(copy, ",", &last); tok; tok = apr_strtok(NULL, ",", &last)) {
        const char *t = qc_messages_get(msgs, apr_pstrcat(p, "results.flag.", tok, NULL));
        out = apr_pstrcat(p, out, *out ? "; " : "", t ? t : tok, NULL);
    }
    return out;
}

const char *qc_results_csv(apr_pool_t *p, const qc_messages_t *msgs, const qc_ranking_t *r,
                           apr_size_t *len)
{
    apr_array_header_t *lines = apr_array_make(p, r->n + 2, sizeof(const char *));
    const char *out;
    int i;
    APR_ARRAY_PUSH(lines, const char *) =
        "\xEF\xBB\xBF"
        "position,contestant_id,full_name,unit,group,score,questions,time_ms,"
        "prediction,distance,rule,reason,committee_pending,prize,prize_pending,flags\r\n";
    for (i = 0; i < r->n; i++) {
        const qc_rank_entry_t *e = &r->entries[i];
        const qc_result_info_t *info = e->data;
        const char *reason =
            qc_rank_reason(p, msgs, i ? &r->entries[i - 1] : NULL, e, info->committee_reason);
        APR_ARRAY_PUSH(lines, const char *) = apr_psprintf(
            p, "%d,%s,%s,%s,%s,%d,%d,%" APR_INT64_T_FMT ",%s,%s,%s,%s,%d,%s,%d,%s\r\n",
            e->position, e->contestant_id, csv(p, info->full_name), csv(p, info->unit_name),
            csv(p, info->group_code), e->score, info->question_count, e->time_ms,
            info->prediction ? info->prediction : "",
            e->distance >= 0 ? qc_util_i64(p, e->distance) : "", qc_rank_rule_name(e->rule),
            csv(p, reason), e->pending,
            csv(p, qc_results_prize_text(p, msgs, r->tiers, &r->awards[i])), r->awards[i].pending,
            csv(p, qc_results_flags_text(p, msgs, info->flags)));
    }
    out = apr_array_pstrcat(p, lines, '\0');
    *len = strlen(out);
    return out;
}

const char *qc_results_units_csv(apr_pool_t *p, const qc_unit_report_t *u, apr_size_t *len)
{
    apr_array_header_t *lines = apr_array_make(p, u->n + 2, sizeof(const char *));
    apr_hash_t *pos = apr_hash_make(p);
    const char *out;
    int i;
    for (i = 0; i < u->nranked; i++) {
        apr_hash_set(pos, u->ranked[i].id, APR_HASH_KEY_STRING, &u->ranked[i]);
    }
    APR_ARRAY_PUSH(lines, const char *) =
        "\xEF\xBB\xBF"
        "code,name,kind,depth,headcount,registered,registered_in_time,reg_quota,"
        "quota_met,participants,attempts,participation_rate_percent,average_score,"
        "individual_prizes,collective_position\r\n";
    for (i = 0; i < u->n; i++) {
        const qc_unit_stat_t *s = &u->units[i];
        const char *const *names = s->data;
        const qc_unit_stat_t *ranked = apr_hash_get(pos, s->id, APR_HASH_KEY_STRING);
        APR_ARRAY_PUSH(lines, const char *) = apr_psprintf(
            p, "%s,%s,%s,%d,%s,%d,%d,%s,%s,%d,%d,%s,%s,%d,%s\r\n", csv(p, names[0]),
            csv(p, names[1]), csv(p, names[2]), s->depth,
            s->t_headcount >= 0 ? qc_util_i64(p, s->t_headcount) : "", s->t_registered,
            s->t_registered_in_time, s->reg_quota >= 0 ? apr_itoa(p, s->reg_quota) : "",
            s->quota_state < 0 ? ""
            : s->quota_state   ? "1"
                               : "0",
            s->t_participants, s->t_attempts,
            s->rate_bp >= 0 ? apr_psprintf(p, "%d.%02d", s->rate_bp / 100, s->rate_bp % 100) : "",
            s->avg_milli >= 0 ? apr_psprintf(p, "%d.%03d", s->avg_milli / 1000, s->avg_milli % 1000)
                              : "",
            s->t_prizes, ranked && ranked->position > 0 ? apr_itoa(p, ranked->position) : "");
    }
    out = apr_array_pstrcat(p, lines, '\0');
    *len = strlen(out);
    return out;
}

/* ---- publication and the committee ------------------------------------------------------------ */

apr_status_t qc_results_publish(qc_db_t *db, apr_pool_t *p, const qc_contest_t *c, int round_seq,
                                int publish, const char *by)
{
    const qc_round_t *rd = NULL;
    int i, closed = 1;
    apr_status_t rv;
    if (round_seq > 0) {
        rd = round_by_seq(c, round_seq);
        if (!rd) {
            return QC_ENOTFOUND;
        }
        closed = c->now_ms >= rd->closes_ms;
    }
    else {
        for (i = 0; i < c->rounds->nelts; i++) {
            closed &= c->now_ms >= APR_ARRAY_IDX(c->rounds, i, qc_round_t).closes_ms;
        }
    }
    if (!closed) {
        return QC_ECONFLICT;
    }
    if (rd) {
        rv = qc_db_exec(db, p, "qc_results_publish_round",
                        QC_ARGS(publish ? "1" : "0", by ? by : "", c->id, apr_itoa(p, round_seq)),
                        NULL);
    }
    else {
        rv = qc_db_exec(db, p, "qc_results_publish_contest",
                        QC_ARGS(publish ? "1" : "0", c->id, c->id), NULL);
    }
    if (rv == APR_SUCCESS) {
        qc_log(QC_LOG_MARK, QC_LOG_NOTICE, 0, "QC00310: contest %s: results of %s %s by %s",
               c->code, rd ? apr_psprintf(p, "round %d", round_seq) : "the whole contest",
               publish ? "published" : "withdrawn", by ? by : "-");
    }
    return rv;
}

/* The planned publication, one transaction (qc_db_transact): the claim makes it run once
 * whichever process or node gets there first. */
static apr_status_t publish_due_work(qc_db_t *db, apr_pool_t *p, void *baton)
{
    static const qc_actor_t sys = {"system", ""};
    const qc_contest_t *c = baton;
    int i, changed = 0;
    apr_status_t rv = qc_db_exec(db, p, "qc_results_auto_claim", QC_ARGS(c->id), &changed);
    if (rv == APR_SUCCESS && changed == 1) {
        for (i = 0; rv == APR_SUCCESS && i < c->rounds->nelts; i++) {
            int seq = APR_ARRAY_IDX(c->rounds, i, qc_round_t).seq;
            rv = qc_results_publish(db, p, c, seq, 1, "system");
            if (rv == APR_SUCCESS) {
                rv = qc_audit_write(db, p, c->id, &sys, "results.publish",
                                    apr_psprintf(p, "vòng %d", seq), "chưa công bố",
                                    "đã công bố (theo giờ công bố của kế hoạch)");
            }
        }
        if (rv == APR_SUCCESS) {
            rv = qc_results_publish(db, p, c, 0, 1, "system");
        }
        if (rv == APR_SUCCESS) {
            rv = qc_audit_write(db, p, c->id, &sys, "results.publish", "toàn cuộc thi",
                                "chưa công bố", "đã công bố (theo giờ công bố của kế hoạch)");
        }
    }
    return rv;
}

apr_status_t qc_results_publish_due(qc_db_t *db, apr_pool_t *p, const qc_contest_t *c,
                                    qc_publish_due_t *out)
{
    apr_array_header_t *lists;
    qc_prize_tier_t *ct;
    int nct, i;
    apr_status_t rv;

    memset(out, 0, sizeof(*out));
    out->held_group = "";
    out->due = c->results_publish_ms && c->now_ms >= c->results_publish_ms;
    out->done = c->results_auto_done;
    if (!out->due || out->done) {
        return APR_SUCCESS;
    }
    for (i = 0; i < c->rounds->nelts; i++) {
        const qc_round_t *rd = &APR_ARRAY_IDX(c->rounds, i, qc_round_t);
        if (c->now_ms < rd->closes_ms) {
            out->held_open = 1;
            out->held_round = rd->seq;
            return APR_SUCCESS;
        }
    }
    rv = prize_lists(db, p, c, &lists, &ct, &nct);
    for (i = 0; rv == APR_SUCCESS && i < lists->nelts; i++) {
        const plist_t *l = &APR_ARRAY_IDX(lists, i, plist_t);
        qc_ranking_t *rk;
        rv = qc_results_ranking(db, p, c, l->round_seq, l->group, 1, &rk);
        if (rv == APR_SUCCESS && rk->pending_prizes > 0) {
            out->held_tie = 1;
            out->held_round = l->round_seq;
            out->held_group = l->group;
            return APR_SUCCESS;
        }
    }
    if (rv == APR_SUCCESS) {
        rv = qc_db_transact(db, p, "the planned publication", publish_due_work, (void *)c);
    }
    if (rv == APR_SUCCESS) {
        out->done = 1;
    }
    return rv;
}

apr_status_t qc_results_prize_structure(qc_db_t *db, apr_pool_t *p, const qc_contest_t *c,
                                        apr_array_header_t **out)
{
    qc_rows_t *rows;
    int i;
    apr_status_t rv = qc_db_select(db, p, "qc_results_prizes", QC_ARGS(c->id), &rows);
    *out = apr_array_make(p, rows && rv == APR_SUCCESS ? rows->nrows + 1 : 1,
                          sizeof(qc_prize_line_t));
    for (i = 0; rv == APR_SUCCESS && i < rows->nrows; i++) {
        /* kind, scope, group_code, seq, title, count, amount */
        const char **r = rows->rows[i];
        qc_prize_line_t *l = apr_array_push(*out);
        l->kind = r[0];
        l->scope = r[1];
        l->group_code = r[2];
        l->title = r[4];
        l->count = atoi(r[5]);
        l->amount = apr_atoi64(r[6]);
    }
    return rv;
}

apr_status_t qc_results_publish_sweep(qc_db_t *db, apr_pool_t *p, int *published)
{
    qc_rows_t *rows;
    int i;
    apr_status_t rv = qc_db_select(db, p, "qc_results_auto_due", 0, NULL, &rows);
    *published = 0;
    for (i = 0; rv == APR_SUCCESS && i < rows->nrows; i++) {
        qc_contest_t *c;
        qc_publish_due_t due;
        rv = qc_contest_load(db, p, rows->rows[i][0], &c);
        if (rv == APR_SUCCESS) {
            rv = qc_results_publish_due(db, p, c, &due);
        }
        *published += rv == APR_SUCCESS && due.done;
    }
    return rv;
}

/* The committee's order of one tie, one transaction (qc_db_transact). */
typedef struct {
    const qc_contest_t *c;
    const qc_ranking_t *rk;
    const char *group_code;
    const apr_array_header_t *ids;
    const char *reason, *by;
    const char *list; /* the ids written, for the log */
} committee_order_t;

static apr_status_t committee_order_work(qc_db_t *db, apr_pool_t *p, void *baton)
{
    committee_order_t *b = baton;
    apr_status_t rv = APR_SUCCESS;
    int i;
    b->list = "";
    for (i = 0; i < b->ids->nelts && rv == APR_SUCCESS; i++) {
        const char *id = APR_ARRAY_IDX(b->ids, i, const char *);
        rv = qc_db_exec(db, p, "qc_committee_clear",
                        QC_ARGS(b->c->id, b->rk->round_id, b->group_code, id), NULL);
        if (rv == APR_SUCCESS) {
            rv = qc_db_exec(db, p, "qc_committee_insert",
                            QC_ARGS(b->c->id, b->rk->round_id, b->group_code, id,
                                    apr_itoa(p, i + 1), b->reason, b->by),
                            NULL);
        }
        b->list = apr_pstrcat(p, b->list, i ? "," : "", id, NULL);
    }
    return rv;
}

apr_status_t qc_results_committee_order(qc_db_t *db, apr_pool_t *p, const qc_contest_t *c,
                                        int round_seq, const char *group_code,
                                        const apr_array_header_t *ids, const char *reason,
                                        const char *by)
{
    qc_ranking_t *rk;
    apr_hash_t *given = apr_hash_make(p);
    int i, start = -1, end, k;
    const char *list = "";
    apr_status_t rv;

    group_code = group_code ? group_code : "";
    if (!reason || !*reason || !by || !*by || !ids || ids->nelts < 2) {
        return QC_EINPUT;
    }
    for (i = 0; i < ids->nelts; i++) {
        const char *id = APR_ARRAY_IDX(ids, i, const char *);
        if (apr_hash_get(given, id, APR_HASH_KEY_STRING)) {
            return QC_EINPUT; /* twice */
        }
        apr_hash_set(given, id, APR_HASH_KEY_STRING, id);
    }
    rv = qc_results_ranking(db, p, c, round_seq, group_code, 0, &rk);
    if (rv != APR_SUCCESS) {
        return rv;
    }
    /* the tie: the run of entries equal on score, time and distance holding the first id */
    for (i = 0; i < rk->n; i++) {
        if (!strcmp(rk->entries[i].contestant_id, APR_ARRAY_IDX(ids, 0, const char *))) {
            start = i;
        }
    }
    if (start < 0 || rk->entries[start].tie_size != ids->nelts) {
        return QC_EINPUT;
    }
    while (start > 0 && rk->entries[start - 1].score == rk->entries[start].score &&
           rk->entries[start - 1].time_ms == rk->entries[start].time_ms &&
           rk->entries[start - 1].distance == rk->entries[start].distance) {
        start--;
    }
    end = start + ids->nelts;
    for (k = start; k < end && k < rk->n; k++) {
        if (!apr_hash_get(given, rk->entries[k].contestant_id, APR_HASH_KEY_STRING)) {
            return QC_EINPUT;
        }
    }
    if (end > rk->n) {
        return QC_EINPUT;
    }
    {
        committee_order_t b = {c, rk, group_code, ids, reason, by, ""};
        rv = qc_db_transact(db, p, "record a committee order", committee_order_work, &b);
        list = b.list;
    }
    if (rv == APR_SUCCESS) {
        qc_log(QC_LOG_MARK, QC_LOG_NOTICE, 0,
               "QC00311: contest %s: committee order for round %d group '%s' recorded by %s: %s",
               c->code, round_seq, group_code, by, list);
    }
    return rv;
}

apr_status_t qc_results_contestant_moved(qc_db_t *db, apr_pool_t *p, const char *contestant_id)
{
    return qc_db_exec(db, p, "qc_counted_moved", QC_ARGS(contestant_id), NULL);
}

static apr_status_t rebuild_work(qc_db_t *db, apr_pool_t *p, void *baton)
{
    const qc_contest_t *c = baton;
    apr_status_t rv = qc_db_exec(db, p, "qc_counted_clear", QC_ARGS(c->id), NULL);
    if (rv == APR_SUCCESS) {
        rv = qc_db_exec(db, p, "qc_counted_rebuild", QC_ARGS(c->id), NULL);
    }
    return rv;
}

apr_status_t qc_results_rebuild(qc_db_t *db, apr_pool_t *p, const qc_contest_t *c)
{
    return qc_db_transact(db, p, "rebuild the counted results", rebuild_work, (void *)c);
}

apr_status_t qc_results_daily_progress(qc_db_t *db, apr_pool_t *p, const qc_contest_t *c,
                                       apr_array_header_t **counts)
{
    qc_rows_t *rows;
    int i;
    apr_status_t rv = qc_db_select(db, p, "qc_progress_daily",
                                   QC_ARGS(apr_itoa(p, c->tz_offset_min), c->id), &rows);
    if (rv != APR_SUCCESS) {
        return rv;
    }
    *counts = apr_array_make(p, rows->nrows + 1, sizeof(qc_daily_count_t));
    for (i = 0; i < rows->nrows; i++) {
        qc_daily_count_t *d = apr_array_push(*counts);
        d->day = rows->rows[i][0];
        d->unit_id = rows->rows[i][1];
        d->contestants = atoi(rows->rows[i][2] ? rows->rows[i][2] : "0");
    }
    return APR_SUCCESS;
}
