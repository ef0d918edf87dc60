/* Spreadsheets of the results. libxlsxwriter 1.1.4 (Debian 12) writes only to a named file: the
 * workbook goes to a fresh temporary file in the system's temp dir (its own scratch files too),
 * which is read back into the pool and removed before returning. */
#include <string.h>
#include <apr_file_io.h>
#include <apr_hash.h>
#include <apr_strings.h>
#include <xlsxwriter.h>
#include "qc_log.h"
#include "qc_results_xlsx.h"
#include "qc_util.h"

#define XLSX_MAX_BYTES (256 * 1024 * 1024)

/* One sheet: a title key, the CSV column names, rows of ncols strings. */
typedef struct {
    const char *title_key;
    const char *const *cols;
    int ncols;
    apr_array_header_t *rows; /* const char ** */
} sheet_t;

/* A plain number: -?(0|[1-9][0-9]*)(\.[0-9]+)? and short enough to be exact in a double.
 * Codes with a leading zero (phones, unit codes) stay text. */
static int is_number(const char *s)
{
    const char *q = s;
    if (*q == '-') {
        q++;
    }
    if (!*q || strlen(q) > 15 || (*q == '0' && q[1] && q[1] != '.')) {
        return 0;
    }
    while (*q >= '0' && *q <= '9') {
        q++;
    }
    if (*q == '.') {
        q++;
        if (!*q) {
            return 0;
        }
        while (*q >= '0' && *q <= '9') {
            q++;
        }
    }
    return q > s && *q == '\0' && s[0] != '.';
}

/* A sheet name Excel accepts: at most 31 characters, none of []:*?/\ (the texts are ours, so
 * this only guards against a webmaster's override). */
static const char *sheet_name(apr_pool_t *p, const qc_messages_t *msgs, const char *key)
{
    const char *t = msgs ? qc_messages_get(msgs, key) : NULL;
    if (!t || !*t || strpbrk(t, "[]:*?/\\") || lxw_utf8_strlen(t) > 31) {
        return NULL; /* libxlsxwriter's default, Sheet1... */
    }
    return apr_pstrdup(p, t);
}

static apr_status_t write_book(apr_pool_t *p, const qc_messages_t *msgs, const sheet_t *sheets,
                               int nsheets, const char **body, apr_size_t *len)
{
    const char *tmpdir = NULL;
    char *path;
    apr_file_t *f = NULL;
    apr_finfo_t fi;
    lxw_workbook_options opt = {0};
    lxw_workbook *wb;
    lxw_format *bold;
    lxw_error err;
    apr_status_t rv;
    char *buf;
    int s, i, j;

    rv = apr_temp_dir_get(&tmpdir, p);
    if (rv != APR_SUCCESS) {
        qc_log(QC_LOG_MARK, QC_LOG_ERR, rv, "QC00800: xlsx: no temporary directory");
        return rv;
    }
    path = apr_pstrcat(p, tmpdir, "/qc-xlsx-XXXXXX", NULL);
    rv = apr_file_mktemp(&f, path,
                         APR_FOPEN_CREATE | APR_FOPEN_READ | APR_FOPEN_WRITE | APR_FOPEN_EXCL, p);
    if (rv != APR_SUCCESS) {
        qc_log(QC_LOG_MARK, QC_LOG_ERR, rv, "QC00801: xlsx: cannot create a temporary file in %s",
               tmpdir);
        return rv;
    }
    apr_file_close(f);
    opt.constant_memory = LXW_FALSE;
    opt.tmpdir = (char *)tmpdir;
    wb = workbook_new_opt(path, &opt);
    if (!wb) {
        qc_log(QC_LOG_MARK, QC_LOG_ERR, 0, "QC00802: xlsx: libxlsxwriter could not start %s", path);
        apr_file_remove(path, p);
        return APR_EGENERAL;
    }
    bold = workbook_add_format(wb);
    format_set_bold(bold);
    for (s = 0; s < nsheets; s++) {
        const sheet_t *sh = &sheets[s];
        lxw_worksheet *ws = workbook_add_worksheet(wb, sheet_name(p, msgs, sh->title_key));
        if (!ws) {
            continue;
        }
        for (j = 0; j < sh->ncols; j++) {
            const char *h =
                msgs ? qc_messages_get(msgs, apr_pstrcat(p, "xlsx.col.", sh->cols[j], NULL)) : NULL;
            worksheet_write_string(ws, 0, (lxw_col_t)j, h ? h : sh->cols[j], bold);
        }
        for (i = 0; i < sh->rows->nelts; i++) {
            const char **row = APR_ARRAY_IDX(sh->rows, i, const char **);
            for (j = 0; j < sh->ncols; j++) {
                const char *v = row[j] ? row[j] : "";
                if (!*v) {
                    continue;
                }
                if (is_number(v)) {
                    worksheet_write_number(ws, (lxw_row_t)(i + 1), (lxw_col_t)j, strtod(v, NULL),
                                           NULL);
                }
                else {
                    worksheet_write_string(ws, (lxw_row_t)(i + 1), (lxw_col_t)j, v, NULL);
                }
            }
        }
        worksheet_freeze_panes(ws, 1, 0);
    }
    err = workbook_close(wb);
    if (err != LXW_NO_ERROR) {
        qc_log(QC_LOG_MARK, QC_LOG_ERR, 0, "QC00803: xlsx: libxlsxwriter: %s", lxw_strerror(err));
        apr_file_remove(path, p);
        return APR_EGENERAL;
    }
    rv = apr_file_open(&f, path, APR_FOPEN_READ | APR_FOPEN_BINARY, APR_OS_DEFAULT, p);
    if (rv == APR_SUCCESS) {
        rv = apr_file_info_get(&fi, APR_FINFO_SIZE, f);
        if (rv == APR_SUCCESS && (fi.size <= 0 || fi.size > XLSX_MAX_BYTES)) {
            rv = APR_EGENERAL;
        }
        if (rv == APR_SUCCESS) {
            buf = apr_palloc(p, (apr_size_t)fi.size);
            rv = apr_file_read_full(f, buf, (apr_size_t)fi.size, len);
            *body = buf;
        }
        apr_file_close(f);
    }
    apr_file_remove(path, p);
    if (rv != APR_SUCCESS) {
        qc_log(QC_LOG_MARK, QC_LOG_ERR, rv, "QC00804: xlsx: cannot read back %s", path);
    }
    return rv;
}

/* ---- the ranking: the CSV's columns --------------------------------------------------------- */

static const char *const RANK_COLS[] = {
    "position",          "contestant_id", "full_name",     "unit",      "group",
    "score",             "questions",     "time_ms",       "prediction", "distance",
    "reason",            "committee_pending", "prize",     "prize_pending", "flags"};
#define NRANK (int)(sizeof RANK_COLS / sizeof RANK_COLS[0])

static const char **rank_row(apr_pool_t *p, const qc_messages_t *msgs, const qc_ranking_t *r,
                             int i)
{
    const qc_rank_entry_t *e = &r->entries[i];
    const qc_result_info_t *info = e->data;
    const char **row = apr_pcalloc(p, NRANK * sizeof *row);
    row[0] = apr_itoa(p, e->position);
    row[1] = e->contestant_id;
    row[2] = info->full_name;
    row[3] = info->unit_name;
    row[4] = info->group_code;
    row[5] = apr_itoa(p, e->score);
    row[6] = apr_itoa(p, info->question_count);
    row[7] = qc_util_i64(p, e->time_ms);
    row[8] = info->prediction;
    row[9] = e->distance >= 0 ? qc_util_i64(p, e->distance) : "";
    row[10] = qc_rank_reason(p, msgs, i ? &r->entries[i - 1] : NULL, e, info->committee_reason);
    row[11] = apr_itoa(p, e->pending);
    row[12] = qc_results_prize_text(p, msgs, r->tiers, &r->awards[i]);
    row[13] = apr_itoa(p, r->awards[i].pending);
    row[14] = qc_results_flags_text(p, msgs, info->flags);
    return row;
}

apr_status_t qc_results_xlsx(apr_pool_t *p, const qc_messages_t *msgs, const qc_ranking_t *r,
                             const char **body, apr_size_t *len)
{
    sheet_t sh[2] = {{"xlsx.sheet.ranking", RANK_COLS, NRANK, NULL},
                     {"xlsx.sheet.prizes", RANK_COLS, NRANK, NULL}};
    int i;
    sh[0].rows = apr_array_make(p, r->n + 1, sizeof(const char **));
    sh[1].rows = apr_array_make(p, 16, sizeof(const char **));
    for (i = 0; i < r->n; i++) {
        const char **row = rank_row(p, msgs, r, i);
        APR_ARRAY_PUSH(sh[0].rows, const char **) = row;
        if (r->awards[i].tier >= 0) {
            APR_ARRAY_PUSH(sh[1].rows, const char **) = row;
        }
    }
    return write_book(p, msgs, sh, 2, body, len);
}

/* ---- the units: the CSV's columns ------------------------------------------------------------ */

static const char *const UNIT_COLS[] = {"code",
                                        "name",
                                        "kind",
                                        "depth",
                                        "headcount",
                                        "registered",
                                        "registered_in_time",
                                        "reg_quota",
                                        "quota_met",
                                        "participants",
                                        "attempts",
                                        "participation_rate_percent",
                                        "average_score",
                                        "individual_prizes",
                                        "collective_position"};
#define NUNIT (int)(sizeof UNIT_COLS / sizeof UNIT_COLS[0])

apr_status_t qc_results_units_xlsx(apr_pool_t *p, const qc_messages_t *msgs,
                                   const qc_unit_report_t *u, const char **body, apr_size_t *len)
{
    sheet_t sh = {"xlsx.sheet.units", UNIT_COLS, NUNIT, NULL};
    apr_hash_t *pos = apr_hash_make(p);
    int i;
    sh.rows = apr_array_make(p, u->n + 1, sizeof(const char **));
    for (i = 0; i < u->nranked; i++) {
        apr_hash_set(pos, u->ranked[i].id, APR_HASH_KEY_STRING, &u->ranked[i]);
    }
    for (i = 0; i < u->n; i++) {
        const qc_unit_stat_t *s = &u->units[i];
        const char *const *names = s->data;
        const qc_unit_stat_t *ranked = apr_hash_get(pos, s->id, APR_HASH_KEY_STRING);
        const char **row = apr_pcalloc(p, NUNIT * sizeof *row);
        row[0] = names[0];
        row[1] = names[1];
        row[2] = names[2];
        row[3] = apr_itoa(p, s->depth);
        row[4] = s->t_headcount >= 0 ? qc_util_i64(p, s->t_headcount) : "";
        row[5] = apr_itoa(p, s->t_registered);
        row[6] = apr_itoa(p, s->t_registered_in_time);
        row[7] = s->reg_quota >= 0 ? apr_itoa(p, s->reg_quota) : "";
        row[8] = s->quota_state < 0 ? "" : s->quota_state ? "1" : "0";
        row[9] = apr_itoa(p, s->t_participants);
        row[10] = apr_itoa(p, s->t_attempts);
        row[11] =
            s->rate_bp >= 0 ? apr_psprintf(p, "%d.%02d", s->rate_bp / 100, s->rate_bp % 100) : "";
        row[12] = s->avg_milli >= 0
                      ? apr_psprintf(p, "%d.%03d", s->avg_milli / 1000, s->avg_milli % 1000)
                      : "";
        row[13] = apr_itoa(p, s->t_prizes);
        row[14] = ranked && ranked->position > 0 ? apr_itoa(p, ranked->position) : "";
        APR_ARRAY_PUSH(sh.rows, const char **) = row;
    }
    return write_book(p, msgs, &sh, 1, body, len);
}
