/*
 * mod_quizcontest_body.h: what a request brings: its body (read whole, or a multipart upload
 * streamed to disk) and its cookies.
 */
#ifndef MOD_QUIZCONTEST_BODY_H
#define MOD_QUIZCONTEST_BODY_H

#include "httpd.h"

#include "qc_app.h"

#include "mod_quizcontest_config.h"

/* Read a request body: urlencoded of at most `limit` bytes, or (where uploads are allowed,
 * upload_limit > 0) multipart/form-data of at most `upload_limit` bytes, whose boundary is
 * returned in *boundary. Returns OK, or the HTTP status to answer: 413 over the limit, 415
 * for another media type, 400 for a broken transfer. */
int qc_body_read(request_rec *r, apr_off_t limit, apr_off_t upload_limit, const char **data,
                 apr_size_t *len, const char **boundary);

/* Stream a multipart body: its one file part (at most `limit` bytes) into a temporary file in
 * dir, removed when the request ends (*spooled, qc_spooled_t), its text fields into *fields.
 * Returns OK or the HTTP status to answer, with *key the message. */
int qc_body_stream(request_rec *r, const char *boundary, const char *dir, apr_off_t limit,
                   apr_table_t **fields, apr_array_header_t **spooled, const char **key);

/* The value of the cookie of that logical name ("session" or "csrf"), or NULL. */
const char *qc_cookie_read(request_rec *r, const qc_dir_conf *c, const char *logical);

/* Add k's Set-Cookie to the response (also sent with an error status): HttpOnly,
 * SameSite=Lax, and Secure with the __Host- prefix where QuizContestCookieSecure says so. */
void qc_cookie_write(request_rec *r, const qc_dir_conf *c, const qc_app_cookie_t *k);

#endif
