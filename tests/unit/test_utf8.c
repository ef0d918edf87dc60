/* Unit tests of lib/qc_utf8.c: validity of user text, NFC, length, white space. */
#include <string.h>

#include "qc_unit.h"
#include "qc_utf8.h"

/* "Nguyễn" precomposed (U+1EC5 = E1 BB 85) and with combining marks (e, U+0302, U+0303). */
#define NGUYEN_NFC "Nguy\xe1\xbb\x85n"
#define NGUYEN_NFD "Nguye\xcc\x82\xcc\x83n"

typedef struct {
    const char *s;
    apr_size_t len;
    const char *what;
} qc_bytes_case_t;

#define CASE(lit, what)                                                                            \
    {                                                                                              \
        lit, sizeof(lit) - 1, what                                                                 \
    }

START_TEST(test_valid_text_accepts)
{
    static const qc_bytes_case_t ok[] = {
        CASE("", "empty"),
        CASE("abc", "ASCII"),
        CASE(NGUYEN_NFC, "Vietnamese NFC"),
        CASE(NGUYEN_NFD, "Vietnamese with combining marks"),
        CASE("\xc4\x90\xe1\xba\xb7ng V\xc4\x83n \xc6\xa0n", "Dang Van On"),
        CASE("tab\there\nline\r\n", "TAB, LF, CR"),
        CASE("\xc2\xa0", "U+00A0 (first after the C1 controls)"),
        CASE("\xef\xbf\xbd", "U+FFFD"),
        CASE("\xed\x9f\xbf", "U+D7FF, just below the surrogates"),
        CASE("\xee\x80\x80", "U+E000, just above the surrogates"),
        CASE("\xf0\x9f\x98\x80", "U+1F600, 4 bytes"),
        CASE("\xf4\x8f\xbf\xbf", "U+10FFFF"),
        CASE(" ~", "space and tilde"),
    };
    size_t i;

    for (i = 0; i < sizeof(ok) / sizeof(ok[0]); i++) {
        ck_assert_msg(qc_utf8_is_valid_text(ok[i].s, ok[i].len) == 1, "should be valid: %s",
                      ok[i].what);
    }
}
END_TEST

START_TEST(test_valid_text_rejects)
{
    static const qc_bytes_case_t bad[] = {
        CASE("\xc0\xaf", "overlong '/' in 2 bytes"),
        CASE("\xc1\xbf", "overlong U+007F"),
        CASE("\xe0\x80\xaf", "overlong '/' in 3 bytes"),
        CASE("\xe0\x9f\xbf", "overlong U+07FF"),
        CASE("\xf0\x80\x80\xaf", "overlong '/' in 4 bytes"),
        CASE("\xf0\x8f\xbf\xbf", "overlong U+FFFF"),
        CASE("\xed\xa0\x80", "high surrogate U+D800"),
        CASE("\xed\xbf\xbf", "low surrogate U+DFFF"),
        CASE("\xed\xa0\xbd\xed\xb8\x80", "CESU-8 surrogate pair"),
        CASE("\xf4\x90\x80\x80", "U+110000"),
        CASE("\xf5\x80\x80\x80", "lead byte F5"),
        CASE("\xfe", "byte FE"),
        CASE("\xff", "byte FF"),
        CASE("\x80", "lone continuation byte"),
        CASE("a\xe1\xbb", "truncated 3-byte sequence"),
        CASE("\xe1\xbb"
             "a",
             "sequence interrupted by ASCII"),
        CASE("\x01", "control U+0001"),
        CASE("ab\x1f"
             "c",
             "control U+001F"),
        CASE("\x0b", "vertical tab"),
        CASE("\x0c", "form feed"),
        CASE("\x1b[31m", "escape sequence"),
        CASE("\x7f", "DEL"),
        CASE("\xc2\x80", "C1 control U+0080"),
        CASE("\xc2\x9f", "C1 control U+009F"),
        CASE("a\0b", "NUL inside"),
        CASE("\0", "NUL alone"),
        CASE("\xef\xbf\xbe", "U+FFFE, not an XML character"),
        CASE("\xef\xbf\xbf", "U+FFFF, not an XML character"),
    };
    size_t i;

    for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        ck_assert_msg(qc_utf8_is_valid_text(bad[i].s, bad[i].len) == 0, "should be invalid: %s",
                      bad[i].what);
    }
}
END_TEST

START_TEST(test_valid_text_respects_len)
{
    /* Only s[0..len) is looked at: the bad byte just past it does not count... */
    ck_assert_int_eq(qc_utf8_is_valid_text("abc\xff", 3), 1);
    ck_assert_int_eq(qc_utf8_is_valid_text("abc\x01", 3), 1);
    /* ...and a sequence cut by len is truncated, hence invalid. */
    ck_assert_int_eq(qc_utf8_is_valid_text(NGUYEN_NFC, 5), 0);
    ck_assert_int_eq(qc_utf8_is_valid_text(NGUYEN_NFC, 7), 1);
}
END_TEST

START_TEST(test_nfc_composes)
{
    const char *r = qc_utf8_nfc(qc_test_pool, NGUYEN_NFD);

    ck_assert_ptr_nonnull(r);
    ck_assert_str_eq(r, NGUYEN_NFC);
    ck_assert_uint_eq(strlen(r), 8);
    /* "ậ" typed as a + dot below + circumflex, and with the marks the other way round:
     * canonical ordering puts dot below (ccc 220) first, both give U+1EAD (E1 BA AD). */
    ck_assert_str_eq(qc_utf8_nfc(qc_test_pool, "a\xcc\xa3\xcc\x82"), "\xe1\xba\xad");
    ck_assert_str_eq(qc_utf8_nfc(qc_test_pool, "a\xcc\x82\xcc\xa3"), "\xe1\xba\xad");
    /* "Đặng" with combining marks: D-stroke has no decomposition, a + U+0323 + U+0306. */
    ck_assert_str_eq(qc_utf8_nfc(qc_test_pool, "\xc4\x90"
                                               "a\xcc\xa3\xcc\x86"
                                               "ng"),
                     "\xc4\x90\xe1\xba\xb7ng");
    /* "Ơn" as O + U+031B (horn) becomes U+01A0. */
    ck_assert_str_eq(qc_utf8_nfc(qc_test_pool, "O\xcc\x9bn"), "\xc6\xa0n");
}
END_TEST

START_TEST(test_nfc_keeps)
{
    const char *in = "Nguy\xe1\xbb\x85n Th\xe1\xbb\x8b Minh Khai";
    const char *r = qc_utf8_nfc(qc_test_pool, in);

    ck_assert_str_eq(r, in);
    ck_assert_str_eq(qc_utf8_nfc(qc_test_pool, "plain ASCII"), "plain ASCII");
    ck_assert_str_eq(qc_utf8_nfc(qc_test_pool, ""), "");
    /* Singleton decompositions are applied: U+212B ANGSTROM SIGN is U+00C5 in NFC. */
    ck_assert_str_eq(qc_utf8_nfc(qc_test_pool, "\xe2\x84\xab"), "\xc3\x85");
    /* A combining mark with nothing to compose with stays. */
    ck_assert_str_eq(qc_utf8_nfc(qc_test_pool, "\xcc\x81x"), "\xcc\x81x");
}
END_TEST

START_TEST(test_nfc_rejects_invalid)
{
    ck_assert_ptr_null(qc_utf8_nfc(qc_test_pool, "\xc0\xaf"));
    ck_assert_ptr_null(qc_utf8_nfc(qc_test_pool, "Nguy\xed\xa0\x80n"));
    ck_assert_ptr_null(qc_utf8_nfc(qc_test_pool, "abc\xff"));
    ck_assert_ptr_null(qc_utf8_nfc(qc_test_pool, NULL));
}
END_TEST

START_TEST(test_length)
{
    ck_assert_uint_eq(qc_utf8_length(""), 0);
    ck_assert_uint_eq(qc_utf8_length("abc"), 3);
    ck_assert_uint_eq(qc_utf8_length(NGUYEN_NFC), 6);
    ck_assert_uint_eq(qc_utf8_length(NGUYEN_NFD), 8);
    ck_assert_uint_eq(qc_utf8_length("\xf0\x9f\x98\x80"), 1);
    ck_assert_uint_eq(qc_utf8_length("\xc4\x90\xe1\xba\xb7ng V\xc4\x83n \xc6\xa0n"), 11);
}
END_TEST

START_TEST(test_squeeze_space)
{
    ck_assert_str_eq(
        qc_utf8_squeeze_space(qc_test_pool, "  Nguy\xe1\xbb\x85n \t  V\xc4\x83n\n A  "),
        "Nguy\xe1\xbb\x85n V\xc4\x83n A");
    ck_assert_str_eq(qc_utf8_squeeze_space(qc_test_pool, "abc"), "abc");
    ck_assert_str_eq(qc_utf8_squeeze_space(qc_test_pool, ""), "");
    ck_assert_str_eq(qc_utf8_squeeze_space(qc_test_pool, " \t\r\n "), "");
    ck_assert_str_eq(qc_utf8_squeeze_space(qc_test_pool, "a b"), "a b");
    /* No-break spaces (U+00A0, U+202F) and the ideographic space (U+3000) are white space. */
    ck_assert_str_eq(qc_utf8_squeeze_space(qc_test_pool, "\xc2\xa0H\xc3\xa0\xc2\xa0\xe2\x80\xaf"
                                                         "N\xe1\xbb\x99i\xe3\x80\x80"),
                     "H\xc3\xa0 N\xe1\xbb\x99i");
    /* Combining marks are not white space and stay attached. */
    ck_assert_str_eq(qc_utf8_squeeze_space(qc_test_pool, " " NGUYEN_NFD "  x"), NGUYEN_NFD " x");
}
END_TEST

Suite *qc_suite_utf8(void)
{
    Suite *s = suite_create("utf8");
    TCase *tc = tcase_create("core");

    tcase_add_checked_fixture(tc, qc_test_pool_setup, qc_test_pool_teardown);
    tcase_add_test(tc, test_valid_text_accepts);
    tcase_add_test(tc, test_valid_text_rejects);
    tcase_add_test(tc, test_valid_text_respects_len);
    tcase_add_test(tc, test_nfc_composes);
    tcase_add_test(tc, test_nfc_keeps);
    tcase_add_test(tc, test_nfc_rejects_invalid);
    tcase_add_test(tc, test_length);
    tcase_add_test(tc, test_squeeze_space);
    suite_add_tcase(s, tc);
    return s;
}
