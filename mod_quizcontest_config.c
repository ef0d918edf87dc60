/*
 * mod_quizcontest_config.c: the directives (mod_quizcontest_directives.h names each once), the
 * per-directory configuration and its merge, and the whole server's settings.
 *
 * Everything here is generated from the list but the checks of the few directives whose
 * value is a word of their own (the contest code, the area, the cookie's name and Secure).
 */
#include <stdlib.h>
#include <string.h>

#include "httpd.h"
#include "http_config.h"

#include <apr_lib.h>
#include <apr_strings.h>

#include "mod_quizcontest_config.h"

/* ---- the checks of words ---------------------------------------------------------------- */

static const char *qc_check_contest_code(cmd_parms *cmd, const char *code)
{
    apr_size_t i, len = strlen(code);
    if (len == 0 || len > 64) {
        return "QuizContest: the contest code must have 1 to 64 characters";
    }
    for (i = 0; i < len; i++) {
        if (!apr_isalnum(code[i]) && code[i] != '-' && code[i] != '_') {
            return "QuizContest: the contest code may hold only letters, digits, '-' and '_'";
        }
    }
    return NULL;
}

static const char *qc_check_cookie_name(cmd_parms *cmd, const char *arg)
{
    const char *s;
    if (!*arg || strlen(arg) > 40) {
        return "QuizContestCookieName must have 1 to 40 characters";
    }
    for (s = arg; *s; s++) {
        if (!apr_isalnum(*s) && *s != '_' && *s != '-') {
            return "QuizContestCookieName may hold only letters, digits, '-' and '_'";
        }
    }
    return NULL;
}

/* One origin as CSP frame-ancestors takes it: http or https, a host of letters, digits, '-'
 * and '.' (no empty label), an optional port 1-65535, nothing after (no path, no '/'). */
static int is_origin(const char *s, apr_size_t len)
{
    apr_size_t i, host_start, label = 0;
    if (len > 8 && !strncmp(s, "https://", 8)) {
        i = 8;
    }
    else if (len > 7 && !strncmp(s, "http://", 7)) {
        i = 7;
    }
    else {
        return 0;
    }
    host_start = i;
    for (; i < len && s[i] != ':'; i++) {
        if (s[i] == '.') {
            if (label == 0) {
                return 0;
            }
            label = 0;
        }
        else if (apr_isalnum(s[i]) || s[i] == '-') {
            label++;
        }
        else {
            return 0;
        }
    }
    if (i == host_start || label == 0) {
        return 0;
    }
    if (i < len) { /* the port */
        apr_size_t d = 0;
        long port = 0;
        for (i++; i < len; i++, d++) {
            if (!apr_isdigit(s[i]) || d == 5) {
                return 0;
            }
            port = port * 10 + (s[i] - '0');
        }
        if (d == 0 || port < 1 || port > 65535) {
            return 0;
        }
    }
    return 1;
}

/* QuizContestFrameAncestors: one or more origins, separated by spaces (quote the list). */
static const char *qc_check_frame_ancestors(cmd_parms *cmd, const char *arg)
{
    const char *s = arg;
    int n = 0;
    while (*s) {
        apr_size_t len;
        while (*s == ' ' || *s == '\t') {
            s++;
        }
        len = strcspn(s, " \t");
        if (len == 0) {
            break;
        }
        if (!is_origin(s, len)) {
            return apr_psprintf(cmd->pool,
                                "QuizContestFrameAncestors: %.*s is not an origin; give "
                                "scheme://host[:port] (http or https, no path), separated by "
                                "spaces",
                                (int)len, s);
        }
        n++;
        s += len;
    }
    if (n == 0) {
        return "QuizContestFrameAncestors needs at least one origin (scheme://host[:port])";
    }
    return NULL;
}

static const char *qc_parse_area(const char *arg, int *out)
{
    if (!strcasecmp(arg, "contestant")) {
        *out = QC_AREA_CONTESTANT;
    }
    else if (!strcasecmp(arg, "secretariat")) {
        *out = QC_AREA_SECRETARIAT;
    }
    else if (!strcasecmp(arg, "jury")) {
        *out = QC_AREA_JURY;
    }
    else if (!strcasecmp(arg, "unit")) {
        *out = QC_AREA_UNIT;
    }
    else {
        return "QuizContestArea must be contestant, secretariat, jury or unit";
    }
    return NULL;
}

static const char *qc_parse_cookie_secure(const char *arg, int *out)
{
    if (!strcasecmp(arg, "on")) {
        *out = 1;
    }
    else if (!strcasecmp(arg, "off")) {
        *out = 0;
    }
    else if (!strcasecmp(arg, "auto")) {
        *out = QC_COOKIE_SECURE_AUTO;
    }
    else {
        return "QuizContestCookieSecure must be On, Off or Auto";
    }
    return NULL;
}

/* ---- the kinds of values: what every setter of a kind does --------------------------------- */

/* Every configuration that names a theme, noted while parsing, so post_config can compile
 * it (and a broken stylesheet stops the server at start, not on the first request). */
static apr_array_header_t *configured_themes;

static void note_theme(cmd_parms *cmd, qc_dir_conf *c)
{
    if (!configured_themes) {
        configured_themes = apr_array_make(cmd->pool, 4, sizeof(qc_dir_conf *));
    }
    APR_ARRAY_PUSH(configured_themes, qc_dir_conf *) = c;
}

const apr_array_header_t *qc_config_themes(void)
{
    return configured_themes;
}

/* A path relative to ServerRoot: NULL when arg is one (in *out), else the message. */
static const char *path_value(cmd_parms *cmd, const char *arg, const char **out)
{
    const char *path = ap_server_root_relative(cmd->pool, arg);
    if (!path) {
        return apr_pstrcat(cmd->pool, cmd->cmd->name, ": invalid path ", arg, NULL);
    }
    *out = path;
    return NULL;
}

/* A path starting with '/' or an http(s) URL, without its trailing '/' when trim. */
static const char *url_value(cmd_parms *cmd, const char *arg, int trim, const char **out)
{
    if (arg[0] != '/' && strncmp(arg, "https://", 8) != 0 && strncmp(arg, "http://", 7) != 0) {
        return apr_pstrcat(cmd->pool, cmd->cmd->name,
                           ": give a path starting with '/' or an http(s) URL", NULL);
    }
    if (trim) {
        apr_size_t len = strlen(arg);
        while (len > 1 && arg[len - 1] == '/') {
            len--;
        }
        *out = apr_pstrndup(cmd->pool, arg, len);
    }
    else {
        *out = arg;
    }
    return NULL;
}

/* A decimal number from min to max: NULL when arg is one (in *out), else the message. */
static const char *number_value(cmd_parms *cmd, const char *arg, apr_int64_t min, apr_int64_t max,
                                const char *unit, apr_int64_t *out)
{
    const char *name = cmd->cmd->name;
    char *end;
    apr_int64_t v = apr_strtoi64(arg, &end, 10);
    if (*arg == '\0' || *end != '\0') {
        return apr_pstrcat(cmd->pool, name, ": not a number: ", arg, NULL);
    }
    if (v < min || v > max) {
        return apr_psprintf(cmd->pool,
                            "%s must be between %" APR_INT64_T_FMT " and %" APR_INT64_T_FMT "%s",
                            name, min, max, unit);
    }
    *out = v;
    return NULL;
}

/* A whole-server number from 0 to max: NULL when arg is one (in *out), else the message. */
static const char *server_number(cmd_parms *cmd, const char *arg, long max, int *out)
{
    const char *err = ap_check_cmd_context(cmd, GLOBAL_ONLY);
    char *end;
    long v;
    if (err) {
        return err;
    }
    v = strtol(arg, &end, 10);
    if (*arg == '\0' || *end != '\0' || v < 0 || v > max) {
        return apr_psprintf(cmd->pool, "%s must be a number from 0 to %ld", cmd->cmd->name, max);
    }
    *out = (int)v;
    return NULL;
}

/* ---- the setters, one per directive ------------------------------------------------------ */

#define QC_SET_TEXT(name, field, def, check, help)                                                 \
    static const char *set_##field(cmd_parms *cmd, void *cfg, const char *arg)                     \
    {                                                                                              \
        const char *err = check(cmd, arg);                                                         \
        if (!err) {                                                                                \
            ((qc_dir_conf *)cfg)->field = arg;                                                     \
        }                                                                                          \
        return err;                                                                                \
    }
#define QC_SET_CHOICE(name, field, def, parse, help)                                               \
    static const char *set_##field(cmd_parms *cmd, void *cfg, const char *arg)                     \
    {                                                                                              \
        return parse(arg, &((qc_dir_conf *)cfg)->field);                                           \
    }
#define QC_SET_PATH(name, field, def, theme, help)                                                 \
    static const char *set_##field(cmd_parms *cmd, void *cfg, const char *arg)                     \
    {                                                                                              \
        qc_dir_conf *c = cfg;                                                                      \
        const char *err = path_value(cmd, arg, &c->field);                                         \
        if (!err && (theme)) {                                                                     \
            note_theme(cmd, c);                                                                    \
        }                                                                                          \
        return err;                                                                                \
    }
#define QC_SET_URL(name, field, def, trim, help)                                                   \
    static const char *set_##field(cmd_parms *cmd, void *cfg, const char *arg)                     \
    {                                                                                              \
        return url_value(cmd, arg, trim, &((qc_dir_conf *)cfg)->field);                            \
    }
#define QC_SET_NUMBER(name, field, type, def, min, max, unit, help)                                \
    static const char *set_##field(cmd_parms *cmd, void *cfg, const char *arg)                     \
    {                                                                                              \
        apr_int64_t v = 0;                                                                         \
        const char *err = number_value(cmd, arg, min, max, unit, &v);                              \
        if (!err) {                                                                                \
            ((qc_dir_conf *)cfg)->field = (type)v;                                                 \
        }                                                                                          \
        return err;                                                                                \
    }
#define QC_SET_SERVER_FLAG(name, field, def, help)                                                 \
    static const char *set_##field(cmd_parms *cmd, void *cfg, int on)                              \
    {                                                                                              \
        const char *err = ap_check_cmd_context(cmd, GLOBAL_ONLY);                                  \
        if (!err) {                                                                                \
            qc_server_conf.field = on;                                                             \
        }                                                                                          \
        return err;                                                                                \
    }
#define QC_SET_SERVER_COUNT(name, field, def, max, help)                                           \
    static const char *set_##field(cmd_parms *cmd, void *cfg, const char *arg)                     \
    {                                                                                              \
        return server_number(cmd, arg, max, &qc_server_conf.field);                                \
    }
QC_DIRECTIVES(QC_SET_TEXT, QC_SET_CHOICE, QC_SET_PATH, QC_SET_URL, QC_SET_NUMBER,
              QC_SET_SERVER_FLAG, QC_SET_SERVER_COUNT)

/* ---- the command table ----------------------------------------------------------------- */

#define QC_CMD_LOCATION(name, field, def, arg, help)                                               \
    AP_INIT_TAKE1(#name, set_##field, NULL, OR_OPTIONS, help),
#define QC_CMD_NUMBER(name, field, type, def, min, max, unit, help)                                \
    AP_INIT_TAKE1(#name, set_##field, NULL, OR_OPTIONS, help),
#define QC_CMD_SERVER_FLAG(name, field, def, help)                                                 \
    AP_INIT_FLAG(#name, set_##field, NULL, RSRC_CONF, help),
#define QC_CMD_SERVER_COUNT(name, field, def, max, help)                                           \
    AP_INIT_TAKE1(#name, set_##field, NULL, RSRC_CONF, help),
const command_rec qc_config_directives[] = {
    QC_DIRECTIVES(QC_CMD_LOCATION, QC_CMD_LOCATION, QC_CMD_LOCATION, QC_CMD_LOCATION, QC_CMD_NUMBER,
                  QC_CMD_SERVER_FLAG, QC_CMD_SERVER_COUNT){NULL}};

/* ---- the whole server ------------------------------------------------------------------- */

#define QC_DEFAULT_SERVER_FLAG(name, field, def, help) def,
#define QC_DEFAULT_SERVER_COUNT(name, field, def, max, help) def,
static const qc_server_conf_t server_defaults = {
    QC_DIRECTIVES(QC_FIELD_NONE, QC_FIELD_NONE, QC_FIELD_NONE, QC_FIELD_NONE, QC_FIELD_NONE,
                  QC_DEFAULT_SERVER_FLAG, QC_DEFAULT_SERVER_COUNT)};

qc_server_conf_t qc_server_conf = {QC_DIRECTIVES(QC_FIELD_NONE, QC_FIELD_NONE, QC_FIELD_NONE,
                                                 QC_FIELD_NONE, QC_FIELD_NONE,
                                                 QC_DEFAULT_SERVER_FLAG, QC_DEFAULT_SERVER_COUNT)};

void qc_config_pre_config(void)
{
    configured_themes = NULL;
    qc_server_conf = server_defaults;
}

/* ---- the per-directory configuration ----------------------------------------------------- */

#define QC_CREATE_UNSET(name, field, ...) c->field = QC_UNSET;

void *qc_config_create_dir(apr_pool_t *p, char *dir)
{
    qc_dir_conf *c = apr_pcalloc(p, sizeof(*c));
    if (dir) {
        apr_size_t len = strlen(dir);
        while (len > 1 && dir[len - 1] == '/') {
            len--;
        }
        c->location = apr_pstrndup(p, dir, len);
    }
    QC_DIRECTIVES(QC_FIELD_NONE, QC_CREATE_UNSET, QC_FIELD_NONE, QC_FIELD_NONE, QC_CREATE_UNSET,
                  QC_FIELD_NONE, QC_FIELD_NONE)
    return c;
}

/* A field the added section set wins; else the base's (which may itself be unset). */
#define QC_MERGE_PTR(name, field, ...) c->field = add->field ? add->field : base->field;
#define QC_MERGE_VAL(name, field, ...) c->field = add->field != QC_UNSET ? add->field : base->field;

void *qc_config_merge_dir(apr_pool_t *p, void *basev, void *addv)
{
    qc_dir_conf *base = basev, *add = addv;
    qc_dir_conf *c = apr_pcalloc(p, sizeof(*c));
    c->location = add->location ? add->location : base->location;
    QC_DIRECTIVES(QC_MERGE_PTR, QC_MERGE_VAL, QC_MERGE_PTR, QC_MERGE_PTR, QC_MERGE_VAL,
                  QC_FIELD_NONE, QC_FIELD_NONE)
    return c;
}
