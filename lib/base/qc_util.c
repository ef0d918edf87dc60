#include <string.h>
#if defined(__GLIBC__)
#include <malloc.h>
#endif
#include <apr_general.h>
#include <apr_strings.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include "qc_util.h"

const char *qc_util_base64url(apr_pool_t *p, const unsigned char *data, apr_size_t len)
{
    static const char alphabet[] =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    char *out = apr_palloc(p, (len + 2) / 3 * 4 + 1);
    char *o = out;
    apr_size_t i;
    for (i = 0; i + 2 < len; i += 3) {
        apr_uint32_t v =
            ((apr_uint32_t)data[i] << 16) | ((apr_uint32_t)data[i + 1] << 8) | data[i + 2];
        *o++ = alphabet[(v >> 18) & 63];
        *o++ = alphabet[(v >> 12) & 63];
        *o++ = alphabet[(v >> 6) & 63];
        *o++ = alphabet[v & 63];
    }
    if (len - i == 1) {
        apr_uint32_t v = (apr_uint32_t)data[i] << 16;
        *o++ = alphabet[(v >> 18) & 63];
        *o++ = alphabet[(v >> 12) & 63];
    }
    else if (len - i == 2) {
        apr_uint32_t v = ((apr_uint32_t)data[i] << 16) | ((apr_uint32_t)data[i + 1] << 8);
        *o++ = alphabet[(v >> 18) & 63];
        *o++ = alphabet[(v >> 12) & 63];
        *o++ = alphabet[(v >> 6) & 63];
    }
    *o = '\0';
    return out;
}

const char *qc_util_random_token(apr_pool_t *p)
{
    unsigned char buf[QC_TOKEN_BYTES];
    if (apr_generate_random_bytes(buf, sizeof(buf)) != APR_SUCCESS) {
        return NULL;
    }
    return qc_util_base64url(p, buf, sizeof(buf));
}

const char *qc_util_sha256_hex(apr_pool_t *p, const char *s, apr_size_t len)
{
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned int mdlen = 0;
    char *hex;
    unsigned int i;
    static const char digits[] = "0123456789abcdef";
    EVP_Digest(s, len, md, &mdlen, EVP_sha256(), NULL);
    hex = apr_palloc(p, mdlen * 2 + 1);
    for (i = 0; i < mdlen; i++) {
        hex[2 * i] = digits[md[i] >> 4];
        hex[2 * i + 1] = digits[md[i] & 15];
    }
    hex[mdlen * 2] = '\0';
    return hex;
}

const char *qc_util_hmac_sha256_hex(apr_pool_t *p, const char *key, const char *msg,
                                    apr_size_t len)
{
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned int mdlen = 0, i;
    char *hex;
    static const char digits[] = "0123456789abcdef";
    if (!HMAC(EVP_sha256(), key, (int)strlen(key), (const unsigned char *)msg, len, md,
              &mdlen)) {
        return NULL;
    }
    hex = apr_palloc(p, mdlen * 2 + 1);
    for (i = 0; i < mdlen; i++) {
        hex[2 * i] = digits[md[i] >> 4];
        hex[2 * i + 1] = digits[md[i] & 15];
    }
    hex[mdlen * 2] = '\0';
    return hex;
}

int qc_util_equal_ct(const char *a, const char *b)
{
    apr_size_t la, lb;
    if (!a || !b) {
        return 0;
    }
    la = strlen(a);
    lb = strlen(b);
    if (la != lb || la == 0) {
        return 0;
    }
    return CRYPTO_memcmp(a, b, la) == 0;
}

apr_status_t qc_util_parse_int64(const char *s, apr_int64_t min, apr_int64_t max, apr_int64_t *v)
{
    const char *c = s;
    apr_int64_t acc = 0;
    int neg = 0;
    if (!s || !*s) {
        return APR_EINVAL;
    }
    if (*c == '-') {
        neg = 1;
        c++;
    }
    if (!*c || strlen(c) > 18) {
        return APR_EINVAL;
    }
    for (; *c; c++) {
        if (*c < '0' || *c > '9') {
            return APR_EINVAL;
        }
        acc = acc * 10 + (*c - '0');
    }
    if (neg) {
        acc = -acc;
    }
    if (acc < min || acc > max) {
        return APR_EINVAL;
    }
    *v = acc;
    return APR_SUCCESS;
}

const char *qc_util_i64(apr_pool_t *p, apr_int64_t v)
{
    return apr_psprintf(p, "%" APR_INT64_T_FMT, v);
}

const char *qc_util_vn_int(apr_pool_t *p, apr_int64_t v)
{
    char digits[24], out[40];
    apr_uint64_t u = v < 0 ? (apr_uint64_t)0 - (apr_uint64_t)v : (apr_uint64_t)v;
    int n = 0, k = 0, i;
    do {
        digits[n++] = (char)('0' + (int)(u % 10));
        u /= 10;
    } while (u);
    if (v < 0) {
        out[k++] = '-';
    }
    for (i = n - 1; i >= 0; i--) {
        out[k++] = digits[i];
        if (i > 0 && i % 3 == 0) {
            out[k++] = '.';
        }
    }
    out[k] = '\0';
    return apr_pstrdup(p, out);
}

const char *qc_util_vn_fixed(apr_pool_t *p, apr_int64_t v, int decimals, int trim)
{
    apr_int64_t scale = 1;
    apr_uint64_t u = v < 0 ? (apr_uint64_t)0 - (apr_uint64_t)v : (apr_uint64_t)v, frac;
    char fr[8];
    int i;
    decimals = decimals < 0 ? 0 : decimals > 6 ? 6 : decimals;
    for (i = 0; i < decimals; i++) {
        scale *= 10;
    }
    frac = u % (apr_uint64_t)scale;
    for (i = decimals - 1; i >= 0; i--) {
        fr[i] = (char)('0' + (int)(frac % 10));
        frac /= 10;
    }
    fr[decimals] = '\0';
    if (trim) {
        for (i = decimals - 1; i >= 0 && fr[i] == '0'; i--) {
            fr[i] = '\0';
        }
    }
    return apr_pstrcat(p, v < 0 && u ? "-" : "",
                       qc_util_vn_int(p, (apr_int64_t)(u / (apr_uint64_t)scale)), *fr ? "," : "",
                       fr, NULL);
}

int qc_util_csv_has(const char *list, const char *item)
{
    apr_size_t n = item ? strlen(item) : 0;
    const char *s = list;
    if (!list || n == 0) {
        return 0;
    }
    while (*s) {
        const char *end = strchr(s, ',');
        apr_size_t len = end ? (apr_size_t)(end - s) : strlen(s);
        if (len == n && !strncmp(s, item, n)) {
            return 1;
        }
        if (!end) {
            break;
        }
        s = end + 1;
    }
    return 0;
}

int qc_util_is_id(const char *s)
{
    apr_int64_t v;
    return s && qc_util_parse_int64(s, 1, APR_INT64_C(999999999999), &v) == APR_SUCCESS;
}

void qc_buf_init(qc_buf_t *b, apr_pool_t *p, apr_size_t cap)
{
    b->p = p;
    b->cap = cap < 64 ? 64 : cap;
    b->s = apr_palloc(p, b->cap);
    b->len = 0;
    b->s[0] = '\0';
}

void qc_buf_add(qc_buf_t *b, const char *s, apr_size_t n)
{
    if (b->len + n + 1 > b->cap) {
        apr_size_t cap = b->cap * 2;
        char *ns;
        while (cap < b->len + n + 1) {
            cap *= 2;
        }
        ns = apr_palloc(b->p, cap);
        memcpy(ns, b->s, b->len);
        b->s = ns;
        b->cap = cap;
    }
    memcpy(b->s + b->len, s, n);
    b->len += n;
    b->s[b->len] = '\0';
}

void qc_buf_adds(qc_buf_t *b, const char *s)
{
    qc_buf_add(b, s, strlen(s));
}

void qc_buf_addc(qc_buf_t *b, char c)
{
    qc_buf_add(b, &c, 1);
}

apr_pool_t *qc_util_scratch_create(void)
{
    apr_allocator_t *a = NULL;
    apr_pool_t *p = NULL;
    if (apr_allocator_create(&a) != APR_SUCCESS) {
        return NULL;
    }
    if (apr_pool_create_unmanaged_ex(&p, NULL, a) != APR_SUCCESS) {
        apr_allocator_destroy(a);
        return NULL;
    }
    /* the allocator goes with the pool */
    apr_allocator_owner_set(a, p);
    return p;
}

void qc_util_scratch_destroy(apr_pool_t *p)
{
    if (!p) {
        return;
    }
    apr_pool_destroy(p);
#if defined(__GLIBC__)
    malloc_trim(0);
#endif
}
