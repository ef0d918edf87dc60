/* Registration, login, logout, the contestant's own page (their attempts) and the change of
 * their password. */
#include <stdlib.h>
#include <string.h>
#include <apr_strings.h>
#include "qc_account.h"
#include "qc_ctx.h"
#include "qc_pages.h"
#include "qc_attempt.h"
#include "qc_form.h"
#include "qc_gate.h"
#include "qc_log.h"
#include "qc_status.h"
#include "qc_time.h"
#include "qc_util.h"
#include "qc_validate.h"
#include "qc_xml.h"

/* The unit tree as a flat list in tree order, each with its depth, for a <select>. */
static apr_status_t add_units(qc_ctx_t *ctx, xmlNodePtr parent, const char *selected)
{
    apr_array_header_t *all;
    xmlNodePtr units = qc_xml_add(parent, "units", NULL);
    apr_hash_t *children = apr_hash_make(ctx->p);
    apr_array_header_t *stack;
    int i;
    apr_status_t rv = qc_contest_units_list(ctx->db, ctx->p, ctx->contest->id, &all);
    if (rv != APR_SUCCESS) {
        return rv;
    }
    for (i = 0; i < all->nelts; i++) {
        const qc_unit_t *un = &APR_ARRAY_IDX(all, i, qc_unit_t);
        const char *parent_id = un->parent_id ? un->parent_id : "";
        apr_array_header_t *list = apr_hash_get(children, parent_id, APR_HASH_KEY_STRING);
        if (!list) {
            list = apr_array_make(ctx->p, 4, sizeof(int));
            apr_hash_set(children, parent_id, APR_HASH_KEY_STRING, list);
        }
        APR_ARRAY_PUSH(list, int) = i;
    }
    /* depth-first walk from the roots; a stack of (row, depth), pushed in reverse */
    stack = apr_array_make(ctx->p, 16, sizeof(int) * 2);
    {
        apr_array_header_t *roots = apr_hash_get(children, "", APR_HASH_KEY_STRING);
        for (i = roots ? roots->nelts - 1 : -1; i >= 0; i--) {
            int *e = apr_array_push(stack);
            e[0] = APR_ARRAY_IDX(roots, i, int);
            e[1] = 0;
        }
    }
    while (stack->nelts > 0) {
        int *e = (int *)apr_array_pop(stack);
        int row = e[0], depth = e[1];
        const qc_unit_t *r = &APR_ARRAY_IDX(all, row, qc_unit_t);
        apr_array_header_t *kids = apr_hash_get(children, r->id, APR_HASH_KEY_STRING);
        xmlNodePtr u = qc_xml_add(units, "unit", r->name);
        qc_xml_set(u, "id", r->id);
        qc_xml_set(u, "code", r->code);
        qc_xml_set(u, "kind", r->kind);
        qc_xml_set_int(u, "depth", depth);
        if (selected && !strcmp(selected, r->id)) {
            qc_xml_set(u, "selected", "1");
        }
        if (depth > 20) {
            continue; /* a cycle cannot happen through foreign keys, but never loop */
        }
        for (i = kids ? kids->nelts - 1 : -1; i >= 0; i--) {
            int *k = apr_array_push(stack);
            k[0] = APR_ARRAY_IDX(kids, i, int);
            k[1] = depth + 1;
        }
    }
    return APR_SUCCESS;
}

static apr_status_t add_groups(qc_ctx_t *ctx, xmlNodePtr parent, const char *selected, int *count)
{
    apr_array_header_t *all;
    xmlNodePtr groups;
    int i;
    apr_status_t rv = qc_contest_groups_list(ctx->db, ctx->p, ctx->contest->id, &all);
    if (rv != APR_SUCCESS) {
        return rv;
    }
    *count = all->nelts;
    groups = qc_xml_add(parent, "groups", NULL);
    for (i = 0; i < all->nelts; i++) {
        const qc_group_t *gr = &APR_ARRAY_IDX(all, i, qc_group_t);
        xmlNodePtr g = qc_xml_add(groups, "group", gr->title);
        qc_xml_set(g, "id", gr->id);
        qc_xml_set(g, "code", gr->code);
        if (selected && !strcmp(selected, gr->id)) {
            qc_xml_set(g, "selected", "1");
        }
    }
    return APR_SUCCESS;
}

static const char *const register_fields[] = {"full_name", "dob",     "phone",    "cccd",
                                              "email",     "unit_id", "group_id", NULL};

/*
 * The first check of a posted form, before any statement or hash: each of `fields` (NULL
 * ended) that is longer than it may be (qc_validate_too_long) gets its message in *errors
 * (made when needed; "password2" is told at "password"). Returns 1 when one was too long.
 */
static int fields_too_long(qc_ctx_t *ctx, const char *const *fields, apr_table_t **errors)
{
    int i, found = 0;
    for (i = 0; fields[i]; i++) {
        const char *key = qc_validate_too_long(fields[i], apr_table_get(ctx->req->form, fields[i]));
        if (key) {
            if (!*errors) {
                *errors = apr_table_make(ctx->p, 4);
            }
            apr_table_setn(*errors, strcmp(fields[i], "password2") ? fields[i] : "password", key);
            found = 1;
        }
    }
    return found;
}

static const char *const register_posted[] = {"full_name", "dob",     "phone",    "cccd",
                                              "email",     "unit_id", "group_id", "password",
                                              "password2", NULL};
static const char *const login_posted[] = {"phone", "password", NULL};

/* A new session for the contestant, its cookie, and a redirect to `where`. */
static void begin_session(qc_ctx_t *ctx, const char *contestant_id, const char *where)
{
    const char *token, *csrf;
    apr_status_t rv = qc_session_create(ctx->db, ctx->p, ctx->contest->id, contestant_id,
                                        ctx->req->cfg->session_ttl_s,
                                        ctx->req->cfg->session_idle_s, &token, &csrf);
    if (rv != APR_SUCCESS) {
        qc_ctx_fail(ctx, rv);
        return;
    }
    qc_ctx_cookie(ctx, "session", token, -1);
    qc_ctx_cookie(ctx, "csrf", "", 0);
    qc_ctx_redirect(ctx, where);
}

/*
 * Without a session, the cookie may hold a change ticket (a login with a temporary password):
 * look it up and, when live, make it ctx->session (change_only set) so the change-password
 * page finds its contestant and its CSRF token. Returns 1 when it did.
 */
static int change_ticket(qc_ctx_t *ctx, apr_status_t *rv)
{
    qc_session_t *ticket = NULL;
    *rv = APR_SUCCESS;
    if (ctx->session || !ctx->req->session_token) {
        return 0;
    }
    *rv = qc_session_change_lookup(ctx->db, ctx->p, ctx->contest->id, ctx->req->session_token,
                                   &ticket);
    if (*rv == QC_ENOTFOUND) {
        *rv = APR_SUCCESS;
        return 0;
    }
    if (*rv != APR_SUCCESS) {
        return 0;
    }
    ctx->session = ticket;
    return 1;
}

/* Is the contest over (its last round closed), so registration with it? */
static int registration_closed(const qc_contest_t *c)
{
    const qc_round_t *current = NULL;
    apr_int64_t next = 0;
    return qc_contest_status(c, c->now_ms, &current, &next) == QC_CONTEST_CLOSED;
}

void qc_page_register(qc_ctx_t *ctx)
{
    apr_status_t rv = qc_ctx_session(ctx);
    apr_table_t *errors = NULL;
    xmlNodePtr root, reg, form, opts;
    const char *form_error = NULL, *unit = NULL, *group = NULL;
    int ngroups = 0, i, posted = ctx->req->form != NULL;

    if (rv == APR_SUCCESS) {
        rv = qc_ctx_contest(ctx);
    }
    if (rv != APR_SUCCESS) {
        qc_ctx_fail(ctx, rv);
        return;
    }
    if (ctx->session) {
        qc_ctx_redirect(ctx, "tai-khoan");
        return;
    }
    /* registration closes with the contest: the form is not offered, a form sent is refused */
    if (registration_closed(ctx->contest)) {
        qc_ctx_error(ctx, 403, "register.closed", "register.closed_title");
        return;
    }
    if (posted) {
        qc_registration_t r;
        const char *contestant_id = NULL;
        apr_array_header_t *groups;
        if (!qc_ctx_csrf_ok(ctx)) {
            qc_ctx_fail(ctx, QC_EFORBIDDEN);
            return;
        }
        if (fields_too_long(ctx, register_posted, &errors)) {
            ctx->resp->status = 422;
            unit = qc_form_get(ctx->p, ctx->req->form, "unit_id");
            group = qc_form_get(ctx->p, ctx->req->form, "group_id");
            goto show;
        }
        memset(&r, 0, sizeof(r));
        r.full_name = qc_form_get(ctx->p, ctx->req->form, "full_name");
        r.dob = qc_form_get(ctx->p, ctx->req->form, "dob");
        r.phone = qc_form_get(ctx->p, ctx->req->form, "phone");
        r.cccd = qc_form_get(ctx->p, ctx->req->form, "cccd");
        r.email = qc_form_get(ctx->p, ctx->req->form, "email");
        r.unit_id = qc_form_get(ctx->p, ctx->req->form, "unit_id");
        r.group_id = qc_form_get(ctx->p, ctx->req->form, "group_id");
        r.password = apr_table_get(ctx->req->form, "password");
        r.password2 = apr_table_get(ctx->req->form, "password2");
        rv = qc_contest_groups_list(ctx->db, ctx->p, ctx->contest->id, &groups);
        if (rv == APR_SUCCESS) {
            r.group_required = groups->nelts > 0;
            rv = qc_account_register(ctx->db, ctx->p, ctx->contest, &r, ctx->req->cfg->bcrypt_cost,
                                     &errors, &contestant_id);
        }
        if (rv == APR_SUCCESS) {
            begin_session(ctx, contestant_id, "tai-khoan");
            return;
        }
        if (rv != QC_EINPUT) {
            qc_ctx_fail(ctx, rv);
            return;
        }
        ctx->resp->status = 422;
        form_error = apr_table_get(errors, "form");
        unit = r.unit_id;
        group = r.group_id;
    }
show:
    root = qc_ctx_page(ctx, "register");
    qc_ctx_page_csrf(ctx);
    reg = qc_xml_add(root, "register", NULL);
    opts = qc_xml_add(reg, "options", NULL);
    qc_xml_set(opts, "cccd", ctx->contest->cccd_mode);
    qc_xml_set(opts, "email", ctx->contest->email_mode);
    qc_xml_set_int(opts, "min-age", ctx->contest->min_age);
    form = qc_xml_add(reg, "form", NULL);
    qc_xml_set(form, "error", form_error);
    for (i = 0; register_fields[i]; i++) {
        const char *name = register_fields[i];
        const char *value = posted ? qc_form_get(ctx->p, ctx->req->form, name) : "";
        qc_ctx_field(form, name, value, errors ? apr_table_get(errors, name) : NULL);
    }
    /* the password is never sent back; only its error */
    qc_ctx_field(form, "password", "", errors ? apr_table_get(errors, "password") : NULL);
    rv = add_units(ctx, reg, unit);
    if (rv == APR_SUCCESS) {
        rv = add_groups(ctx, reg, group, &ngroups);
    }
    if (rv != APR_SUCCESS) {
        qc_ctx_fail(ctx, rv);
    }
}

/* ---- the password checks' queue (qc_app_set_password_gate) ------------------------------
 * A password check is ~55 ms of a core at bcrypt cost 10. This process checks at most the
 * gate's slots at once (QuizContestPasswordChecks, about the cores); a further login waits
 * its turn in arrival order, at most password_wait, and at most password_queue of them wait:
 * so logins hold at most slots + queue of the process's worker threads, and the rest of them
 * stay free for the pages and saves of contestants already logged in. A login that cannot
 * wait is answered at once with the login page saying it waits (200, Retry-After): never a
 * 5xx, and the page's script sends the form again by itself. */
static qc_gate_t *password_gate;
static apr_interval_time_t password_wait;
static unsigned password_queue;

void qc_app_set_password_gate(qc_gate_t *gate, apr_interval_time_t max_wait, unsigned max_waiting)
{
    password_gate = gate;
    password_wait = max_wait;
    password_queue = max_waiting;
}

/* Seconds in the waiting page's Retry-After: long enough for the queue ahead to move on */
#define QC_LOGIN_RETRY_S 2

/* When this process last told a login to wait (apr_time_t; 0: never). While that is recent,
 * or logins wait now, the login page says the logins queue (login/@busy): its script then
 * sends the form itself, so that it can send it again after a waiting answer; otherwise the
 * browser sends the form as ever. */
static volatile apr_time_t last_told_to_wait;
#define QC_LOGIN_BUSY_FOR apr_time_from_sec(60)

static int logins_queue(void)
{
    qc_gate_stats_t st;
    apr_time_t told = __atomic_load_n(&last_told_to_wait, __ATOMIC_RELAXED);
    if (!password_gate) {
        return 0;
    }
    if (told && apr_time_now() - told < QC_LOGIN_BUSY_FOR) {
        return 1;
    }
    qc_gate_stats(password_gate, &st);
    return st.waiting > 0;
}

/* 1: this login holds a slot (give it back with qc_gate_leave), 0: there is no gate, -1:
 * its turn did not come (queue full, or the wait ran out) */
static int password_turn(void)
{
    int got;
    if (!password_gate) {
        return 0;
    }
    got = qc_gate_enter_queue(password_gate, password_wait, password_queue);
    if (got != 1) {
        __atomic_store_n(&last_told_to_wait, apr_time_now(), __ATOMIC_RELAXED);
        return -1;
    }
    return 1;
}

void qc_page_login(qc_ctx_t *ctx)
{
    apr_status_t rv = qc_ctx_session(ctx);
    xmlNodePtr root, login, form;
    const char *error = NULL, *phone = "";
    apr_table_t *errors = NULL;
    apr_int64_t retry_at = 0;
    int delayed = 0, must_change = 0, turn, waiting = 0;

    if (rv == APR_SUCCESS) {
        rv = qc_ctx_contest(ctx);
    }
    if (rv != APR_SUCCESS) {
        qc_ctx_fail(ctx, rv);
        return;
    }
    if (!ctx->req->form && change_ticket(ctx, &rv)) {
        /* a temporary password was used: its change comes first */
        qc_ctx_redirect(ctx, "tai-khoan/mat-khau");
        return;
    }
    if (rv != APR_SUCCESS) {
        qc_ctx_fail(ctx, rv);
        return;
    }
    if (ctx->req->form) {
        const char *contestant_id = NULL;
        if (!qc_ctx_csrf_ok(ctx)) {
            qc_ctx_fail(ctx, QC_EFORBIDDEN);
            return;
        }
        phone = qc_form_get(ctx->p, ctx->req->form, "phone");
        if (fields_too_long(ctx, login_posted, &errors)) {
            /* no account has such a phone or password: told at once, next to the field */
            ctx->resp->status = 422;
            ctx->session = NULL;
            goto show;
        }
        turn = password_turn();
        if (turn < 0) {
            /* every password check busy and the queue full or too slow: the page says so
             * (200: the server works, the login only waits) and is sent again */
            ctx->resp->retry_after_s = QC_LOGIN_RETRY_S;
            ctx->session = NULL;
            waiting = 1;
            goto show;
        }
        rv = qc_account_login(ctx->db, ctx->p, ctx->contest, phone,
                              apr_table_get(ctx->req->form, "password"), ctx->req->client_ip,
                              ctx->req->cfg->bcrypt_cost, &contestant_id, &retry_at, &delayed,
                              &must_change);
        if (turn > 0) {
            qc_gate_leave(password_gate);
        }
        if (rv == APR_SUCCESS) {
            /* a new token at every login; the old session, if any, ends */
            if (ctx->req->session_token) {
                qc_session_destroy(ctx->db, ctx->p, ctx->req->session_token);
                qc_session_change_destroy(ctx->db, ctx->p, ctx->req->session_token);
            }
            if (must_change) {
                /* a password the secretariat set: no session, only the change of it */
                const char *token, *csrf;
                rv = qc_session_change_create(ctx->db, ctx->p, ctx->contest->id, contestant_id,
                                              &token, &csrf);
                if (rv != APR_SUCCESS) {
                    qc_ctx_fail(ctx, rv);
                    return;
                }
                qc_ctx_cookie(ctx, "session", token, -1);
                qc_ctx_cookie(ctx, "csrf", "", 0);
                qc_ctx_redirect(ctx, "tai-khoan/mat-khau");
                return;
            }
            begin_session(ctx, contestant_id, "tai-khoan");
            return;
        }
        if (rv == QC_EFORBIDDEN) {
            /* the right temporary password, expired */
            ctx->resp->status = 422;
            error = "err.login.temporary_expired";
        }
        else if (rv == QC_ETHROTTLED) {
            ctx->resp->status = 429;
            ctx->resp->retry_after_s = (int)((retry_at - ctx->contest->now_ms + 999) / 1000);
            error = delayed ? "err.login.delayed" : "err.login.throttled";
        }
        else if (rv == QC_EINPUT) {
            ctx->resp->status = 422;
            error = "err.login.failed";
        }
        else {
            qc_ctx_fail(ctx, rv);
            return;
        }
        ctx->session = NULL;
    }
show:
    root = qc_ctx_page(ctx, "login");
    qc_ctx_page_csrf(ctx);
    login = qc_xml_add(root, "login", NULL);
    form = qc_xml_add(login, "form", NULL);
    qc_xml_set(form, "error", error);
    qc_ctx_field(form, "phone", phone, errors ? apr_table_get(errors, "phone") : NULL);
    if (errors && apr_table_get(errors, "password")) {
        /* the password is never sent back; only its error */
        qc_ctx_field(form, "password", "", apr_table_get(errors, "password"));
    }
    if (waiting) {
        qc_xml_set_int(qc_xml_add(login, "waiting", NULL), "retry-in-s", QC_LOGIN_RETRY_S);
    }
    if (waiting || logins_queue()) {
        qc_xml_set(login, "busy", "1");
    }
    if (retry_at) {
        xmlNodePtr t = qc_xml_add(login, "throttle", NULL);
        qc_ctx_set_time(ctx, t, "retry-at", retry_at);
        /* to the second: a wait of 30 s is not well told by a minute */
        qc_xml_set(t, "retry-at-local",
                   qc_time_format_local_seconds(ctx->p, retry_at, ctx->contest->tz_offset_min));
        qc_xml_set_int(t, "retry-in-s", (retry_at - ctx->contest->now_ms + 999) / 1000);
    }
}

void qc_page_logout(qc_ctx_t *ctx)
{
    apr_status_t rv = qc_ctx_session(ctx);
    if (rv != APR_SUCCESS) {
        qc_ctx_fail(ctx, rv);
        return;
    }
    if (!ctx->session && ctx->req->session_token && ctx->contest) {
        change_ticket(ctx, &rv);
    }
    if (ctx->session) {
        if (!qc_ctx_csrf_ok(ctx)) {
            qc_ctx_fail(ctx, QC_EFORBIDDEN);
            return;
        }
        rv = ctx->session->change_only
                 ? qc_session_change_destroy(ctx->db, ctx->p, ctx->req->session_token)
                 : qc_session_destroy(ctx->db, ctx->p, ctx->req->session_token);
        if (rv != APR_SUCCESS) {
            qc_ctx_fail(ctx, rv);
            return;
        }
    }
    qc_ctx_cookie(ctx, "session", "", 0);
    qc_ctx_redirect(ctx, "");
}

/* Attempts of the contestant, the round's counters, and whether "start" is possible. */
void qc_page_account(qc_ctx_t *ctx)
{
    apr_status_t rv = qc_ctx_session(ctx);
    apr_array_header_t *history;
    const qc_round_t *current;
    apr_int64_t next;
    xmlNodePtr root, acc, list;
    int i, used = 0;
    const char *open_id = NULL;

    if (rv == APR_SUCCESS && !ctx->session) {
        /* a change ticket goes to its change; anyone else logs in */
        qc_ctx_redirect(ctx, change_ticket(ctx, &rv) ? "tai-khoan/mat-khau" : "dang-nhap");
        return;
    }
    if (rv == APR_SUCCESS) {
        rv = qc_attempt_finalise_overdue_of(ctx->db, ctx->p, ctx->session->contestant_id);
    }
    if (rv == APR_SUCCESS) {
        rv = qc_attempt_history(ctx->db, ctx->p, ctx->session->contestant_id, &history);
    }
    if (rv != APR_SUCCESS) {
        qc_ctx_fail(ctx, rv);
        return;
    }
    root = qc_ctx_page(ctx, "account");
    acc = qc_xml_add(root, "account", NULL);
    qc_xml_set(acc, "status",
               qc_contest_status_name(
                   qc_contest_status(ctx->contest, ctx->contest->now_ms, &current, &next)));
    if (next) {
        qc_ctx_set_time(ctx, acc, "next-change", next);
    }
    list = qc_xml_add(acc, "attempts", NULL);
    for (i = 0; i < history->nelts; i++) {
        const qc_attempt_t *a = &APR_ARRAY_IDX(history, i, qc_attempt_t);
        const qc_attempt_t *counted =
            qc_attempt_counted(history, a->round_id, ctx->contest->counted_attempt);
        xmlNodePtr n = qc_xml_add(list, "attempt", NULL);
        qc_xml_set(n, "id", a->id);
        qc_xml_set(n, "round-id", a->round_id);
        qc_xml_set(n, "round-title", a->round_title);
        qc_xml_set_int(n, "no", a->attempt_no);
        qc_xml_set(n, "state", a->state);
        qc_xml_set_int(n, "questions", a->question_count);
        qc_ctx_set_time(ctx, n, "started", a->started_ms);
        if (a->score >= 0) {
            qc_xml_set_int(n, "score", a->score);
            qc_xml_set_int(n, "time-ms", a->time_taken_ms);
            qc_xml_set(n, "time", qc_time_format_duration(ctx->p, a->time_taken_ms));
        }
        if (counted == a) {
            qc_xml_set(n, "counted", "1");
        }
        if (!strcmp(a->state, "open")) {
            open_id = a->id;
        }
        if (current && !strcmp(a->round_id, current->id)) {
            used++;
        }
    }
    if (current) {
        xmlNodePtr r = qc_xml_add(acc, "current-round", current->title);
        qc_xml_set(r, "id", current->id);
        qc_xml_set_int(r, "attempts-allowed", current->attempts_allowed);
        qc_xml_set_int(r, "attempts-used", used);
        qc_xml_set_int(r, "attempts-left",
                       current->attempts_allowed > used ? current->attempts_allowed - used : 0);
        qc_ctx_set_time(ctx, r, "closes", current->closes_ms);
    }
    if (open_id) {
        xmlNodePtr o = qc_xml_add(acc, "open-attempt", NULL);
        qc_xml_set(o, "id", open_id);
    }
    {
        const char *notice = qc_form_get(ctx->p, ctx->req->query, "notice");
        if (*notice) {
            /* only known keys are echoed: the page never repeats arbitrary query text */
            if (!strcmp(notice, "no-round") || !strcmp(notice, "no-attempts") ||
                !strcmp(notice, "bank") || !strcmp(notice, "password")) {
                qc_xml_set(acc, "notice", notice);
            }
        }
    }
}

static const char *const password_posted[] = {"current_password", "password", "password2", NULL};

/*
 * The change of a contestant's own password (ASVS 2.1.6: the current one is asked). Open to a
 * session and to a change ticket (a login with a temporary password, which gets nothing
 * else). On success the other sessions end: a session continues; a ticket is exchanged for a
 * new session. Passwords are never sent back, only their messages.
 */
void qc_page_password(qc_ctx_t *ctx)
{
    apr_status_t rv = qc_ctx_session(ctx);
    apr_table_t *errors = NULL;
    apr_int64_t retry_at = 0;
    xmlNodePtr root, pw, form;

    if (rv == APR_SUCCESS) {
        rv = qc_ctx_contest(ctx);
    }
    if (rv == APR_SUCCESS) {
        change_ticket(ctx, &rv);
    }
    if (rv != APR_SUCCESS) {
        qc_ctx_fail(ctx, rv);
        return;
    }
    if (!ctx->session) {
        qc_ctx_redirect(ctx, "dang-nhap");
        return;
    }
    if (ctx->req->form) {
        qc_password_change_t ch;
        if (!qc_ctx_csrf_ok(ctx)) {
            qc_ctx_fail(ctx, QC_EFORBIDDEN);
            return;
        }
        if (fields_too_long(ctx, password_posted, &errors)) {
            ctx->resp->status = 422;
            goto show;
        }
        memset(&ch, 0, sizeof(ch));
        ch.contestant_id = ctx->session->contestant_id;
        ch.current = apr_table_get(ctx->req->form, "current_password");
        ch.password = apr_table_get(ctx->req->form, "password");
        ch.password2 = apr_table_get(ctx->req->form, "password2");
        ch.client_ip = ctx->req->client_ip;
        ch.keep_token_hash = ctx->session->change_only ? NULL : ctx->session->token_hash;
        rv = qc_account_change_password(ctx->db, ctx->p, ctx->contest, &ch,
                                        ctx->req->cfg->bcrypt_cost, &errors, &retry_at);
        if (rv == APR_SUCCESS) {
            if (ctx->session->change_only) {
                /* the ticket ended with the change; a session begins */
                begin_session(ctx, ctx->session->contestant_id, "tai-khoan?notice=password");
            }
            else {
                qc_ctx_redirect(ctx, "tai-khoan?notice=password");
            }
            return;
        }
        if (rv == QC_ETHROTTLED) {
            ctx->resp->status = 429;
            ctx->resp->retry_after_s = (int)((retry_at - ctx->contest->now_ms + 999) / 1000);
        }
        else if (rv == QC_EINPUT) {
            ctx->resp->status = 422;
        }
        else {
            qc_ctx_fail(ctx, rv);
            return;
        }
    }
show:
    root = qc_ctx_page(ctx, "password");
    pw = qc_xml_add(root, "password", NULL);
    if (ctx->session->change_only) {
        /* a temporary password: say why this page comes first */
        qc_xml_set(pw, "temporary", "1");
    }
    form = qc_xml_add(pw, "form", NULL);
    qc_ctx_field(form, "current_password", "",
                 errors ? apr_table_get(errors, "current_password") : NULL);
    qc_ctx_field(form, "password", "", errors ? apr_table_get(errors, "password") : NULL);
}
