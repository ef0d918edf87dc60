/* UTF-8 checks and Unicode normalisation of user input, on top of libunistring. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <apr_strings.h>

#include <unictype.h>
#include <uninorm.h>
#include <unistr.h>

#include "qc_utf8.h"

/*
 * Well-formedness (overlong forms, surrogates, code points above U+10FFFF, truncated
 * sequences) is left to libunistring's u8_check. What remains is a byte scan of text already
 * known to be well-formed, refusing every character XML 1.0 cannot carry: the C0 controls but
 * TAB, LF and CR (NUL included), DEL and the C1 controls U+0080..U+009F (Unicode category Cc),
 * and the two non-characters U+FFFE and U+FFFF, which are outside XML 1.0's Char production.
 */
int qc_utf8_is_valid_text(const char *s, apr_size_t len)
{
    const unsigned char *u = (const unsigned char *)s;
    apr_size_t i;

    if (len == 0) {
        return 1;
    }
    if (s == NULL || u8_check((const uint8_t *)s, len) != NULL) {
        return 0;
    }
    for (i = 0; i < len; i++) {
        unsigned char c = u[i];

        if (c < 0x20) {
            if (c != '\t' && c != '\n' && c != '\r') {
                return 0;
            }
        }
        else if (c == 0x7f) {
            return 0;
        }
        else if (c == 0xc2) {
            /* U+0080..U+009F: the second byte of a well-formed sequence is present. */
            if (u[i + 1] <= 0x9f) {
                return 0;
            }
        }
        else if (c == 0xef) {
            /* U+FFFE, U+FFFF: EF BF BE, EF BF BF. */
            if (u[i + 1] == 0xbf && (u[i + 2] == 0xbe || u[i + 2] == 0xbf)) {
                return 0;
            }
        }
    }
    return 1;
}

/*
 * ASCII text is already NFC and is only copied. Anything else goes through u8_normalize,
 * whose malloc'ed result is copied into p and freed at once, so the caller owns nothing but
 * pool memory. Returns NULL for NULL or ill-formed input (and if libunistring runs out of
 * memory).
 */
const char *qc_utf8_nfc(apr_pool_t *p, const char *s)
{
    apr_size_t len, i, outlen = 0;
    uint8_t *out;
    const char *copy;

    if (s == NULL) {
        return NULL;
    }
    len = strlen(s);
    for (i = 0; i < len && (unsigned char)s[i] < 0x80; i++) {
    }
    if (i == len) {
        return apr_pstrmemdup(p, s, len);
    }
    if (u8_check((const uint8_t *)s, len) != NULL) {
        return NULL;
    }
    out = u8_normalize(UNINORM_NFC, (const uint8_t *)s, len, NULL, &outlen);
    if (out == NULL) {
        return NULL;
    }
    copy = apr_pstrmemdup(p, (const char *)out, outlen);
    free(out);
    return copy;
}

/* Counts the bytes that start a sequence, i.e. every byte but the 10xxxxxx continuations. */
apr_size_t qc_utf8_length(const char *s)
{
    apr_size_t n = 0;

    if (s == NULL) {
        return 0;
    }
    for (; *s; s++) {
        if (((unsigned char)*s & 0xc0) != 0x80) {
            n++;
        }
    }
    return n;
}

/*
 * White space is Unicode's White_Space property: ASCII blanks and controls TAB..CR, but also
 * the no-break spaces (U+00A0, U+202F) and U+3000 that word processors and phone keyboards
 * paste into names. Everything else, ill-formed bytes included, is copied unchanged. The
 * result is never longer than s.
 */
const char *qc_utf8_squeeze_space(apr_pool_t *p, const char *s)
{
    const uint8_t *u = (const uint8_t *)s;
    apr_size_t len, i = 0, o = 0;
    char *out;
    int pending = 0;

    if (s == NULL) {
        return apr_pstrdup(p, "");
    }
    len = strlen(s);
    out = apr_palloc(p, len + 1);
    while (i < len) {
        ucs4_t uc;
        int n = u8_mbtouc(&uc, u + i, len - i);

        if (n <= 0) {
            n = 1;
        }
        if (uc_is_property_white_space(uc)) {
            pending = o > 0;
        }
        else {
            if (pending) {
                out[o++] = ' ';
                pending = 0;
            }
            memcpy(out + o, s + i, (apr_size_t)n);
            o += (apr_size_t)n;
        }
        i += (apr_size_t)n;
    }
    out[o] = '\0';
    return out;
}
