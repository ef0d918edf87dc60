/* The catalogue of statements: every store file's array, and the look-up by label. Keep each
 * statement indexed: the comment beside it names the index. */
#include <stddef.h>
#include <string.h>
#include "qc_sql.h"

/* each area's statements, in its own file */
extern const qc_sql_statement_t qc_account_statements[];
extern const qc_sql_statement_t qc_attempt_statements[];
extern const qc_sql_statement_t qc_audit_statements[];
extern const qc_sql_statement_t qc_clip_statements[];
extern const qc_sql_statement_t qc_contest_statements[];
extern const qc_sql_statement_t qc_db_statements[];
extern const qc_sql_statement_t qc_definition_export_statements[];
extern const qc_sql_statement_t qc_definition_statements[];
extern const qc_sql_statement_t qc_jury_statements[];
extern const qc_sql_statement_t qc_password_reset_statements[];
extern const qc_sql_statement_t qc_population_statements[];
extern const qc_sql_statement_t qc_qbank_statements[];
extern const qc_sql_statement_t qc_qtext_statements[];
extern const qc_sql_statement_t qc_question_statements[];
extern const qc_sql_statement_t qc_results_statements[];
extern const qc_sql_statement_t qc_secret_statements[];
extern const qc_sql_statement_t qc_session_statements[];
extern const qc_sql_statement_t qc_stage_statements[];
extern const qc_sql_statement_t qc_staging_statements[];

/* One line per area, so that adding an area touches one line. */
const qc_sql_statement_t *const qc_sql_catalogue[] = {qc_account_statements,
                                                      qc_audit_statements,
                                                      qc_attempt_statements,
                                                      qc_clip_statements,
                                                      qc_contest_statements,
                                                      qc_db_statements,
                                                      qc_definition_export_statements,
                                                      qc_definition_statements,
                                                      qc_jury_statements,
                                                      qc_password_reset_statements,
                                                      qc_population_statements,
                                                      qc_qbank_statements,
                                                      qc_qtext_statements,
                                                      qc_question_statements,
                                                      qc_results_statements,
                                                      qc_secret_statements,
                                                      qc_session_statements,
                                                      qc_stage_statements,
                                                      qc_staging_statements,
                                                      NULL};

const qc_sql_statement_t *qc_sql_find(const char *label)
{
    const qc_sql_statement_t *const *area;
    const qc_sql_statement_t *s;
    for (area = qc_sql_catalogue; *area; area++) {
        for (s = *area; s->label; s++) {
            if (strcmp(s->label, label) == 0) {
                return s;
            }
        }
    }
    return NULL;
}
