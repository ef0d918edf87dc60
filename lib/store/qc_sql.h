/**
 * @file qc_sql.h
 * The catalogue of mod_quizcontest's SQL statements, by label. Arguments are written %s
 * (apr_dbd's placeholder) and passed as text. The httpd module hands the list to mod_dbd
 * (ap_dbd_prepare), which prepares each statement once per pooled connection; the command-line
 * tool prepares them on its own connection. Nothing else sends SQL, except the migration files.
 */
#ifndef QC_SQL_H
#define QC_SQL_H

typedef struct {
    const char *label;
    const char *sql;
} qc_sql_statement_t;

/**
 * Every area's statements: a list of the store files' arrays (each ends with {NULL, NULL}),
 * ending with NULL. A store file keeps its statements beside the code that decodes their rows,
 * as `const qc_sql_statement_t qc_<area>_statements[]`, and qc_sql.c lists that array here.
 */
extern const qc_sql_statement_t *const qc_sql_catalogue[];

/** The statement labelled `label` in the catalogue, or NULL. */
const qc_sql_statement_t *qc_sql_find(const char *label);

/** The statements of the migration runner (prepared before the schema exists). */
extern const qc_sql_statement_t qc_migrate_statements[];

#endif
