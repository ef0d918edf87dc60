/**
 * @file qc_util.h
 * Small helpers: random tokens, hashes, constant-time comparison, number parsing, ids, a
 * growing string.
 */
#ifndef QC_UTIL_H
#define QC_UTIL_H

#include <apr_pools.h>

/** Bytes of randomness in a session or CSRF token (256 bits). */
#define QC_TOKEN_BYTES 32

/** A fresh random token: QC_TOKEN_BYTES from the OS CSPRNG, base64url without padding
 *  (43 characters). Returns NULL if the CSPRNG failed. */
const char *qc_util_random_token(apr_pool_t *p);

/** SHA-256 of s, as 64 lower-case hex digits. */
const char *qc_util_sha256_hex(apr_pool_t *p, const char *s, apr_size_t len);

/** HMAC-SHA256 of `len` bytes of `msg` under the NUL-terminated `key`, as 64 lowercase
 *  hexadecimal characters; NULL if libcrypto fails. */
const char *qc_util_hmac_sha256_hex(apr_pool_t *p, const char *key, const char *msg,
                                    apr_size_t len);

/** base64url (RFC 4648 section 5) of len bytes, without padding. */
const char *qc_util_base64url(apr_pool_t *p, const unsigned char *data, apr_size_t len);

/** Do a and b hold the same string? Time does not depend on where they differ; NULL never
 *  equals anything (fail closed). */
int qc_util_equal_ct(const char *a, const char *b);

/** Parse a whole decimal integer (optional leading '-', digits only, no spaces) into *v,
 *  within [min, max]. Returns APR_SUCCESS or APR_EINVAL. */
apr_status_t qc_util_parse_int64(const char *s, apr_int64_t min, apr_int64_t max, apr_int64_t *v);

/** Decimal text of v, from p. */
const char *qc_util_i64(apr_pool_t *p, apr_int64_t v);

/** v written the Vietnamese way: dot between thousands ("1.234.567", "-12"), from p. */
const char *qc_util_vn_int(apr_pool_t *p, apr_int64_t v);

/** v / 10^decimals written the Vietnamese way: dot thousands, comma decimal, `decimals`
 *  digits after the comma ("10,00" for 1000 and 2; "0,012" for 12 and 3); decimals 0..6.
 *  With trim, trailing zeros after the comma are dropped, and the comma with them. */
const char *qc_util_vn_fixed(apr_pool_t *p, apr_int64_t v, int decimals, int trim);

/** Is `item` one of the comma-separated items of `list` ("12,15,31" has "15", not "1")? */
int qc_util_csv_has(const char *list, const char *item);

/** Is s a database id as the pages write it: 1 to 999,999,999,999 in decimal, nothing else? */
int qc_util_is_id(const char *s);

/** A string that grows in its pool (the old copy stays in the pool until it is destroyed). */
typedef struct {
    apr_pool_t *p;
    char *s; /**< always NUL-terminated */
    apr_size_t len, cap;
} qc_buf_t;

/** An empty buffer of at least cap bytes in p. */
void qc_buf_init(qc_buf_t *b, apr_pool_t *p, apr_size_t cap);
/** Append n bytes. */
void qc_buf_add(qc_buf_t *b, const char *s, apr_size_t n);
/** Append a NUL-terminated string. */
void qc_buf_adds(qc_buf_t *b, const char *s);
/** Append one byte. */
void qc_buf_addc(qc_buf_t *b, char c);

/**
 * A pool for the scratch of one large piece of work (parsing a 10 MiB upload, its dry run),
 * with an allocator of its own, not a child of the request's pool: what it holds never joins
 * the free lists of the worker's allocator. NULL when memory is short.
 */
apr_pool_t *qc_util_scratch_create(void);

/**
 * Destroy a pool made by qc_util_scratch_create (its cleanups first: libxml2 documents
 * registered on it are freed), then ask malloc to give its free memory back to the system
 * (glibc's malloc_trim; every arena), so a worker that parsed a large file does not keep its
 * size. NULL is a no-op.
 */
void qc_util_scratch_destroy(apr_pool_t *p);

#endif
