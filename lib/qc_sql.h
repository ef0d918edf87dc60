/**
 * @file qc_sql.h
 * Every SQL statement of mod_quizcontest, by label. Arguments are written %s (apr_dbd's
 * placeholder) and passed as text. The httpd module hands the list to mod_dbd
 * (ap_dbd_prepare), which prepares each statement once per pooled connection; the command-line
 * tool prepares them on its own connection. Nothing else sends SQL, except the migration files.
 */
#ifndef QC_SQL_H
#define QC_SQL_H

typedef struct {
    const char *label;
    const char *sql;
} qc_sql_statement_t;

/** All statements; the list ends with {NULL, NULL}. */
extern const qc_sql_statement_t qc_sql_statements[];

/** The statements of the migration runner (prepared before the schema exists). */
extern const qc_sql_statement_t qc_sql_migration_statements[];

#endif
