/* The on-stage contest's rule for the teams' totals: judges' means per criteria part, right
 * answers per questions part, the weighted online average, then the ranking and the prizes. */
#include <string.h>
#include <apr_strings.h>
#include "qc_stage_scoring.h"

int qc_stage_part_is_questions(const qc_stage_part_t *part)
{
    return part->points_per_right != 0;
}

int qc_stage_criteria_of(const qc_stage_sheet_t *sheet, const char *part_code)
{
    int i, n = 0;
    for (i = 0; i < sheet->ncriteria; i++) {
        n += !strcmp(sheet->criteria[i].part_code, part_code);
    }
    return n;
}

int qc_stage_team_index(const qc_stage_sheet_t *sheet, const char *team_id)
{
    int i;
    for (i = 0; i < sheet->nteams; i++) {
        if (!strcmp(sheet->teams[i].id, team_id)) {
            return i;
        }
    }
    return -1;
}

int qc_stage_part_index(const qc_stage_sheet_t *sheet, const char *code)
{
    int i;
    for (i = 0; i < sheet->nparts; i++) {
        if (!strcmp(sheet->parts[i].code, code)) {
            return i;
        }
    }
    return -1;
}

/* The team's right answers in a questions part times the part's points, in thousandths. */
static apr_int64_t questions_milli(const qc_stage_sheet_t *sheet, const char *team_id,
                                   const qc_stage_part_t *part)
{
    apr_int64_t right = 0;
    int k;
    for (k = 0; k < sheet->ndraws; k++) {
        const qc_stage_draw_t *d = &sheet->draws[k];
        right += !strcmp(d->team_id, team_id) && !strcmp(d->part_code, part->code) && d->answered &&
                 !strcmp(d->answered, "right");
    }
    return right * part->points_per_right * 1000;
}

/* The mean of the complete judge totals of the team's criteria part, in thousandths; *judges
 * gets how many counted. */
static apr_int64_t criteria_milli(const qc_stage_sheet_t *sheet, const char *team_id,
                                  const qc_stage_part_t *part, int *judges)
{
    int sums[QC_JURY_MAX_JUDGES], n = 0, k, ncrit = qc_stage_criteria_of(sheet, part->code);
    for (k = 0; k < sheet->ntotals && n < QC_JURY_MAX_JUDGES; k++) {
        const qc_stage_judge_total_t *t = &sheet->totals[k];
        if (strcmp(t->team_id, team_id) != 0 || strcmp(t->part_code, part->code) != 0) {
            continue;
        }
        if (qc_jury_judge_counts(t->count, ncrit)) {
            sums[n++] = (int)t->sum;
        }
    }
    *judges = n;
    return qc_jury_final_milli(sums, n, sheet->drop_extremes);
}

void qc_stage_score(apr_pool_t *p, const qc_stage_sheet_t *sheet, qc_stage_scores_t **out)
{
    int nt = sheet->nteams, np = sheet->nparts, i, j, k;
    qc_stage_scores_t *s = apr_pcalloc(p, sizeof(*s));
    s->score = apr_pcalloc(p, sizeof(apr_int64_t) * (apr_size_t)(nt * np + 1));
    s->judges = apr_pcalloc(p, sizeof(int) * (apr_size_t)(nt * np + 1));
    s->online = apr_pcalloc(p, sizeof(apr_int64_t) * (apr_size_t)(nt + 1));
    s->participants = apr_pcalloc(p, sizeof(int) * (apr_size_t)(nt + 1));
    s->total = apr_pcalloc(p, sizeof(apr_int64_t) * (apr_size_t)(nt + 1));
    s->ranked = apr_pcalloc(p, sizeof(qc_jury_ranked_t) * (apr_size_t)(nt + 1));
    s->team_of_rank = apr_pcalloc(p, sizeof(int) * (apr_size_t)(nt + 1));
    for (k = 0; sheet->online && k < sheet->nonline; k++) {
        const qc_stage_online_t *o = &sheet->online_results[k];
        int row = qc_stage_team_index(sheet, o->team_id);
        if (row >= 0 && o->participants > 0) {
            /* the average counted score x weight, in thousandths, rounded half up */
            s->online[row] = (o->score_sum * sheet->online_weight * 2000 + o->participants) /
                             (2 * o->participants);
            s->participants[row] = (int)o->participants;
        }
    }
    for (i = 0; i < nt; i++) {
        const qc_stage_team_t *team = &sheet->teams[i];
        s->total[i] = s->online[i];
        for (j = 0; j < np; j++) {
            const qc_stage_part_t *part = &sheet->parts[j];
            if (qc_stage_part_is_questions(part)) {
                s->score[i * np + j] = questions_milli(sheet, team->id, part);
            }
            else {
                s->score[i * np + j] =
                    criteria_milli(sheet, team->id, part, &s->judges[i * np + j]);
            }
            s->total[i] += s->score[i * np + j];
        }
        s->ranked[i].entry_id = team->id;
        s->ranked[i].final_milli = s->total[i];
        s->ranked[i].committee_order = team->committee_order;
    }
    qc_jury_rank(p, s->ranked, nt, sheet->prizes, sheet->nprizes);
    for (i = 0; i < nt; i++) {
        s->team_of_rank[i] = qc_stage_team_index(sheet, s->ranked[i].entry_id);
    }
    *out = s;
}
