/*
 * mod_quizcontest_directives.h: every directive of mod_quizcontest, each named once with its
 * field, its default and its range.
 *
 * This list is the only place a directive is written down in the code. mod_quizcontest_config.c
 * expands it into the command table, one setter per directive, the per-directory struct, its
 * creation and field-by-field merge, the whole-server settings and the accessors that resolve
 * a field left unset to its default (mod_quizcontest_config.h). conf/quizcontest.conf documents
 * each directive; tests/http/test_conf_reference.py reads this file and fails when the two
 * drift apart (a directive missing on either side, or a default documented otherwise).
 *
 * The list is in the order `httpd -L` shows the directives. Each entry is one of these kinds;
 * a user of the list passes one macro per kind:
 *
 * Per location (OR_OPTIONS: server config, virtual host, directory, .htaccess); a location
 * inherits what an enclosing one sets and overrides it field by field:
 *   TEXT(name, field, default, check, help)
 *       a word kept as given once check(cmd, arg) returned NULL (else its message)
 *   CHOICE(name, field, default, parse, help)
 *       an int read from a word by parse(arg, &value), which returns NULL or the message
 *   PATH(name, field, default, theme, help)
 *       a file or directory, relative to ServerRoot; theme: the path is part of the location's
 *       stylesheets, which are compiled at start-up
 *   URL(name, field, default, trim, help)
 *       a path starting with '/' or an http(s) URL; trim: trailing '/' are dropped
 *   NUMBER(name, field, type, default, min, max, unit, help)
 *       a decimal number from min to max; unit ends the range's message (" bytes")
 * The whole server (RSRC_CONF, and the main server only, not a <VirtualHost>):
 *   SERVER_FLAG(name, field, default, help)
 *       On or Off (1 or 0)
 *   SERVER_COUNT(name, field, default, max, help)
 *       a number from 0 to max
 *
 * A default of NULL means none: the field stays NULL and the code that reads it knows what
 * its absence means (documented in conf/quizcontest.conf).
 */
#ifndef MOD_QUIZCONTEST_DIRECTIVES_H
#define MOD_QUIZCONTEST_DIRECTIVES_H

#ifndef QC_DATADIR
#define QC_DATADIR "/usr/share/mod_quizcontest"
#endif

/* QuizContestCookieSecure: 0 Off, 1 On, or this: Secure on https requests only */
#define QC_COOKIE_SECURE_AUTO 2

/* QuizContestSaveBatch's most: the largest batched statement (qc_attempt_autosave_batching_init's
 * cap, lib/store/qc_attempt.h) */
#define QC_SAVE_BATCH_MOST 16

/* clang-format off */
#define QC_DIRECTIVES(TEXT, CHOICE, PATH, URL, NUMBER, SERVER_FLAG, SERVER_COUNT)                 \
    TEXT(QuizContest, contest, NULL, qc_check_contest_code,                                       \
         "the code of the contest this location serves")                                         \
    CHOICE(QuizContestArea, area, QC_AREA_CONTESTANT, qc_parse_area,                              \
           "who this location serves: contestant, secretariat or jury")                          \
    PATH(QuizContestStylesheetDir, stylesheet_dir, QC_DATADIR "/xslt", 1,                         \
         "directory of the page stylesheets (layout.xsl and one per page)")                      \
    PATH(QuizContestLayout, layout, NULL, 1,                                                      \
         "a layout stylesheet that replaces layout.xsl (the portal's look)")                     \
    PATH(QuizContestMessages, messages, NULL, 1,                                                  \
         "a messages file whose texts replace those of messages.xml")                            \
    URL(QuizContestStaticURL, static_url, "/quizcontest-static", 1,                               \
        "URL path where the module's CSS and JavaScript are served")                             \
    URL(QuizContestThemeCSS, theme_css, NULL, 0,                                                  \
        "URL of a style sheet loaded after the module's own")                                    \
    URL(QuizContestContestantURL, contestant_url, NULL, 0,                                        \
        "URL of the contestant area, for links from the other areas")                            \
    TEXT(QuizContestFrameAncestors, frame_ancestors, NULL, qc_check_frame_ancestors,             \
         "origins (scheme://host[:port], space-separated) that may frame the portal block")     \
    TEXT(QuizContestCookieName, cookie_name, "qc_session", qc_check_cookie_name,                  \
         "name of the session cookie")                                                           \
    CHOICE(QuizContestCookieSecure, cookie_secure, QC_COOKIE_SECURE_AUTO, qc_parse_cookie_secure, \
           "On, Off or Auto: mark cookies Secure (and use the __Host- prefix)")                  \
    NUMBER(QuizContestMaxBody, max_body, apr_off_t, 65536, 1024, 67108864, " bytes",              \
           "largest request body accepted, in bytes")                                            \
    NUMBER(QuizContestMaxUpload, max_upload, apr_off_t, 10485760, 1024, 268435456, " bytes",      \
           "largest file upload (multipart body) accepted in the secretariat area")              \
    NUMBER(QuizContestSessionLifetime, session_ttl, int, 28800, 300, 2592000, " seconds",         \
           "how long a login lasts, in seconds")                                                 \
    NUMBER(QuizContestSessionIdle, session_idle, int, 1800, 300, 86400, " seconds",              \
           "after how many seconds without a page a login ends (never during an attempt)")      \
    NUMBER(QuizContestBcryptCost, bcrypt_cost, int, 10, 4, 16, "",                                \
           "bcrypt cost of new password hashes (4-16)")                                          \
    NUMBER(QuizContestRetryAfter, retry_after, int, 5, 1, 3600, " seconds",                       \
           "seconds in Retry-After when the database is unavailable")                            \
    /* ---- jury-scored parts: where clips are streamed to, stored and served ---- */            \
    PATH(QuizContestUploadDir, upload_dir, NULL, 0,                                               \
         "directory where clip uploads are streamed to while they arrive")                       \
    PATH(QuizContestClipDir, clip_dir, NULL, 0,                                                   \
         "directory where accepted clips are stored (Apache serves it)")                         \
    URL(QuizContestClipURL, clip_url, NULL, 1,                                                    \
        "URL at which Apache serves QuizContestClipDir")                                         \
    /* ---- the whole server ---- */                                                              \
    SERVER_FLAG(QuizContestXmlArena, xml_arena, 1,                                                \
                "On (default) or Off: libxml2 allocates a page's memory from a per-request "     \
                "arena")                                                                         \
    SERVER_COUNT(QuizContestKeepConnections, keep_connections, 0, 10000,                          \
                 "how many worker threads of a process keep their database connection "         \
                 "(less than DBDMax; default 0)")                                                \
    SERVER_COUNT(QuizContestDatabaseTimeout, db_timeout, 5, 300,                                  \
                 "seconds a request waits at most for each answer of MariaDB, then answers "     \
                 "503 (default 5; 0: no bound)")                                                 \
    SERVER_COUNT(QuizContestConcurrentPages, concurrent_pages, 0, 10000,                          \
                 "how many contestant pages a process builds at once; the others wait their "    \
                 "turn (default 0: no limit)")                                                   \
    SERVER_COUNT(QuizContestPasswordChecks, password_checks, 0, 1024,                           \
                 "how many passwords (bcrypt) a process checks at once; the other logins wait "  \
                 "their turn (default 0: as many as the machine has cores)")                     \
    SERVER_COUNT(QuizContestPasswordQueue, password_queue, 16, 10000,                             \
                 "how many logins of a process may wait for a password check (default 16); "     \
                 "one more is told to wait and try again")                                       \
    SERVER_COUNT(QuizContestPasswordWait, password_wait, 3, 60,                                   \
                 "seconds a login waits for a password check at most before it is told to wait " \
                 "and try again (default 3)")                                                    \
    SERVER_COUNT(QuizContestSaveBatch, save_batch, QC_SAVE_BATCH_MOST, QC_SAVE_BATCH_MOST,        \
                 "at most how many answers saved at the same moment a process writes in one "    \
                 "statement (default 16, the most; 0 or 1: each save alone)")
/* clang-format on */

#endif
