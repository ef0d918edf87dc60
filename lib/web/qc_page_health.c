/* The health check of a web node (qc_page_health): what mod_proxy_hcheck's hcuri asks. */
#include <string.h>
#include <apr_strings.h>
#include "qc_ctx.h"
#include "qc_pages.h"
#include "qc_db.h"
#include "qc_status.h"

/* 200 "ok" when this node's database can serve (qc_db_health: a Galera node Synced in the
 * primary component), 503 otherwise: the balancer stops sending traffic here within its
 * hcinterval and sends it again by itself once the node has rejoined. One statement, no
 * contest, no session, nothing logged. The body also gives this process's retry counts
 * (qc_db_retry_counts), for the benchmark and the webmaster. */
void qc_page_health(qc_ctx_t *ctx)
{
    const char *why = NULL;
    apr_uint32_t retried = 0, exhausted = 0;
    apr_status_t rv = qc_ctx_db(ctx);
    if (rv == APR_SUCCESS) {
        rv = qc_db_health(ctx->db, ctx->p, &why);
    }
    else {
        why = "no database connection";
    }
    qc_db_retry_counts(&retried, &exhausted);
    ctx->resp->status = rv == APR_SUCCESS ? 200 : 503;
    ctx->resp->body = apr_psprintf(ctx->p, "%s\nretries %u\nretries-exhausted %u\n",
                                   rv == APR_SUCCESS ? "ok"
                                   : why             ? why
                                                     : "unavailable",
                                   retried, exhausted);
    ctx->resp->body_len = strlen(ctx->resp->body);
    ctx->resp->content_type = "text/plain; charset=utf-8";
    if (rv != APR_SUCCESS) {
        ctx->resp->retry_after_s = 5;
        ctx->resp->db_down = 1;
    }
}
