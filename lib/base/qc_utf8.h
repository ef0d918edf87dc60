/**
 * @file qc_utf8.h
 * UTF-8 checks and Unicode normalisation of user input.
 */
#ifndef QC_UTF8_H
#define QC_UTF8_H

#include <apr_pools.h>

/**
 * Is s[0..len) well-formed UTF-8 (no overlong forms, no surrogates, nothing above U+10FFFF)
 * and free of control characters other than TAB, LF and CR (so it can go into XML 1.0)?
 * NUL bytes make it invalid.
 */
int qc_utf8_is_valid_text(const char *s, apr_size_t len);

/**
 * Normalise valid UTF-8 text to Unicode NFC ("Nguyễn" typed with combining marks becomes the
 * precomposed form), allocated from p. Returns NULL if s is not valid UTF-8.
 */
const char *qc_utf8_nfc(apr_pool_t *p, const char *s);

/** Number of Unicode code points in valid UTF-8 text s. */
apr_size_t qc_utf8_length(const char *s);

/** Copy of s with leading/trailing white space removed and inner runs of white space
 *  collapsed to one ASCII space (for names). */
const char *qc_utf8_squeeze_space(apr_pool_t *p, const char *s);

#endif
