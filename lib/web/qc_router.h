/**
 * @file qc_router.h
 * The route table: every page of every area, with its method and path, in one place.
 */
#ifndef QC_ROUTER_H
#define QC_ROUTER_H

#include "qc_ctx.h"

/** Which requests a route takes: GET (and HEAD: any request that is not a POST), POST, or
 *  both (a page that shows a form and takes it back). */
typedef enum { QC_ROUTE_GET, QC_ROUTE_POST, QC_ROUTE_ANY } qc_route_method_t;

/**
 * One route. `pattern` is the path below the area's location, segment by segment ("" for
 * the area's home page): a literal segment matches itself, "{id}" a number 1 to
 * 999,999,999,999 without leading zero or sign, "{code}" any one segment. Exactly one of the
 * handlers is set, the one that takes as many arguments as the pattern has of "{id}" and
 * "{code}", given in their order.
 */
typedef struct {
    qc_area_t area;
    qc_route_method_t method;
    const char *pattern;
    void (*page)(qc_ctx_t *ctx);
    void (*page_arg)(qc_ctx_t *ctx, const char *arg);
    void (*page_args)(qc_ctx_t *ctx, const char *arg1, const char *arg2);
} qc_route_t;

/** The module's routes, ended by one whose pattern is NULL. */
extern const qc_route_t qc_routes[];

/** The most segments a path may have. */
#define QC_ROUTE_MAX_SEGMENTS 4

/**
 * The first route of `routes` for a request of `area` with `method` to `path` (below the
 * location; empty segments, as in "a//b/", are ignored); args[0] and args[1] get the values of
 * its "{id}" and "{code}" segments (NULL beyond them, copies in `p`). NULL when no route has
 * that path, or none for that method.
 */
const qc_route_t *qc_route_match(const qc_route_t *routes, qc_area_t area, const char *method,
                                 const char *path, apr_pool_t *p, const char *args[2]);

#endif
