/*
 * mod_quizcontest_config.h: the module's configuration, as the rest of the glue reads it.
 *
 * The fields, their defaults and their ranges come from mod_quizcontest_directives.h. A
 * per-location field no section set holds NULL or QC_UNSET; its accessor qc_conf_<field>(c)
 * gives the directive's default then, so a default is written in one place. (A field whose
 * default is NULL may be read directly.)
 */
#ifndef MOD_QUIZCONTEST_CONFIG_H
#define MOD_QUIZCONTEST_CONFIG_H

#include "httpd.h"
#include "http_config.h"

#include <apr_tables.h>

#include "qc_app.h"
#include "mod_quizcontest_directives.h"

/* a number or choice a configuration did not set */
#define QC_UNSET -1

/* The settings of one location (or directory), merged from the enclosing ones. */
#define QC_FIELD_TEXT(name, field, def, check, help) const char *field;
#define QC_FIELD_CHOICE(name, field, def, parse, help) int field;
#define QC_FIELD_PATH(name, field, def, theme, help) const char *field;
#define QC_FIELD_URL(name, field, def, trim, help) const char *field;
#define QC_FIELD_NUMBER(name, field, type, def, min, max, unit, help) type field;
#define QC_FIELD_NONE(...)
typedef struct {
    const char *location; /* the <Location> this config belongs to, without a trailing '/' */
    QC_DIRECTIVES(QC_FIELD_TEXT, QC_FIELD_CHOICE, QC_FIELD_PATH, QC_FIELD_URL, QC_FIELD_NUMBER,
                  QC_FIELD_NONE, QC_FIELD_NONE)
} qc_dir_conf;

/* The whole server's settings (QuizContestXmlArena, ...): one for the server, read at start-up
 * and in each process; their defaults again at each (re)start (qc_config_pre_config). */
#define QC_FIELD_SERVER_FLAG(name, field, def, help) int field;
#define QC_FIELD_SERVER_COUNT(name, field, def, max, help) int field;
typedef struct {
    QC_DIRECTIVES(QC_FIELD_NONE, QC_FIELD_NONE, QC_FIELD_NONE, QC_FIELD_NONE, QC_FIELD_NONE,
                  QC_FIELD_SERVER_FLAG, QC_FIELD_SERVER_COUNT)
} qc_server_conf_t;

extern qc_server_conf_t qc_server_conf;

/* qc_conf_<field>(c): the field's value, or the directive's default when no section set it */
#define QC_GET_STRING(name, field, def, arg, help)                                                 \
    static APR_INLINE const char *qc_conf_##field(const qc_dir_conf *c)                            \
    {                                                                                              \
        return c->field ? c->field : def;                                                          \
    }
#define QC_GET_CHOICE(name, field, def, parse, help)                                               \
    static APR_INLINE int qc_conf_##field(const qc_dir_conf *c)                                    \
    {                                                                                              \
        return c->field == QC_UNSET ? def : c->field;                                              \
    }
#define QC_GET_NUMBER(name, field, type, def, min, max, unit, help)                                \
    static APR_INLINE type qc_conf_##field(const qc_dir_conf *c)                                   \
    {                                                                                              \
        return c->field == QC_UNSET ? (type)def : c->field;                                        \
    }
QC_DIRECTIVES(QC_GET_STRING, QC_GET_CHOICE, QC_GET_STRING, QC_GET_STRING, QC_GET_NUMBER,
              QC_FIELD_NONE, QC_FIELD_NONE)

/* the module record's per-directory hooks and its command table */
void *qc_config_create_dir(apr_pool_t *p, char *dir);
void *qc_config_merge_dir(apr_pool_t *p, void *basev, void *addv);
extern const command_rec qc_config_directives[];

/* At the start of each reading of the configuration: the whole server's settings back to their
 * defaults, and no theme noted yet. */
void qc_config_pre_config(void);

/* Every location configuration that names a stylesheet, a layout or a messages file, noted
 * while the configuration was read (qc_dir_conf *), so that post_config compiles each at start;
 * NULL when none does. */
const apr_array_header_t *qc_config_themes(void);

#endif
