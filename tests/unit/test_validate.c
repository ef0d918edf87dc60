/* Unit tests of lib/qc_validate.c: the registration form's field checks. */
#include <string.h>

#include <apr_strings.h>

#include "qc_unit.h"
#include "qc_validate.h"

/* Compares a checker's answer (NULL or a message key) with the expected one. */
#define ck_assert_key(got, want, input)                                                            \
    do {                                                                                           \
        const char *got_ = (got);                                                                  \
        const char *want_ = (want);                                                                \
        ck_assert_msg((got_ == NULL && want_ == NULL) ||                                           \
                          (got_ != NULL && want_ != NULL && strcmp(got_, want_) == 0),             \
                      "\"%s\": got %s, want %s", (input), got_ ? got_ : "NULL",                    \
                      want_ ? want_ : "NULL");                                                     \
    } while (0)

static qc_date_t date(int y, int m, int d)
{
    qc_date_t r;

    r.year = y;
    r.month = m;
    r.day = d;
    return r;
}

/* n copies of s, from the test pool. */
static const char *repeat(const char *s, int n)
{
    size_t len = strlen(s);
    char *r = apr_palloc(qc_test_pool, len * (size_t)n + 1);
    int i;

    for (i = 0; i < n; i++) {
        memcpy(r + len * (size_t)i, s, len);
    }
    r[len * (size_t)n] = '\0';
    return r;
}

START_TEST(test_name_accepts)
{
    static const char *const ok[] = {
        "Nguy\xe1\xbb\x85n Th\xe1\xbb\x8b Minh Khai",  /* Nguyễn Thị Minh Khai */
        "\xc4\x90\xe1\xba\xb7ng V\xc4\x83n \xc6\xa0n", /* Đặng Văn Ơn */
        "H\xc3\xa0 Th\xe1\xbb\x8b B\xc3\xad"
        "ch-Ng\xe1\xbb\x8d"
        "c", /* Hà Thị Bích-Ngọc */
        "O'Neil",
        "O\xe2\x80\x99Neil", /* O’Neil, as a phone keyboard types it */
        "L\xc3\xaa",         /* Lê: two characters, four bytes */
        "Tr\xe1\xba\xa7n V. A",
        "  Nguy\xe1\xbb\x85n   V\xc4\x83n  A  ",
        "\xd0\x98\xd0\xb2\xd0\xb0\xd0\xbd",     /* Иван */
        "\xe7\x8e\x8b\xe5\xb0\x8f\xe6\x98\x8e", /* 王小明 */
        "Nguye\xcc\x82\xcc\x83n",               /* a combining mark after a letter is part of it */
    };
    size_t i;

    for (i = 0; i < sizeof(ok) / sizeof(ok[0]); i++) {
        ck_assert_key(qc_validate_full_name(ok[i]), NULL, ok[i]);
    }
}
END_TEST

START_TEST(test_name_rejects)
{
    static const struct {
        const char *s, *key;
    } bad[] = {
        {"", "err.name.required"},
        {"   \t ", "err.name.required"},
        {"\xc2\xa0", "err.name.required"},
        {"<script>", "err.name.chars"},
        {"<script>alert(1)</script>", "err.name.chars"},
        {"Nguyen1", "err.name.chars"},
        {"Nguy\xe1\xbb\x85n_V\xc4\x83n", "err.name.chars"},
        {"A&B", "err.name.chars"},
        {"Nguyen \"Bao\"", "err.name.chars"},
        {"'-.", "err.name.chars"},
        {"- -", "err.name.chars"},
        {"\xcc\x81"
         "Anh",
         "err.name.chars"}, /* a combining mark with no letter before it */
        {"An \xcc\x81", "err.name.chars"},
        {"Emoji \xf0\x9f\x98\x80", "err.name.chars"},
        {"Nguy\xff"
         "en",
         "err.name.chars"}, /* not UTF-8 */
        {"A", "err.name.length"},
        {" \xc3\x8a ", "err.name.length"}, /* Ê alone */
    };
    size_t i;

    for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        ck_assert_key(qc_validate_full_name(bad[i].s), bad[i].key, bad[i].s);
    }
    ck_assert_key(qc_validate_full_name(NULL), "err.name.required", "NULL");
}
END_TEST

/* 2 to 100 characters after squeezing white space, counted in characters, not bytes. */
START_TEST(test_name_length)
{
    const char *s100 = repeat("a", 100);
    const char *s101 = repeat("a", 101);
    const char *e100 = repeat("\xe1\xbb\x85", 100); /* 300 bytes, 100 characters */
    const char *e101 = repeat("\xe1\xbb\x85", 101);
    const char *spaced =
        apr_pstrcat(qc_test_pool, "   ", repeat("a", 50), "      ", repeat("b", 49), "   ", NULL);
    const char *spaced_long =
        apr_pstrcat(qc_test_pool, repeat("a", 50), "      ", repeat("b", 50), NULL);

    ck_assert_uint_eq(strlen(s101), 101);
    ck_assert_key(qc_validate_full_name(s100), NULL, "100 letters");
    ck_assert_key(qc_validate_full_name(s101), "err.name.length", "101 letters");
    ck_assert_key(qc_validate_full_name(e100), NULL, "100 x U+1EC5");
    ck_assert_key(qc_validate_full_name(e101), "err.name.length", "101 x U+1EC5");
    ck_assert_key(qc_validate_full_name(spaced), NULL, "50 + space + 49, padded");
    ck_assert_key(qc_validate_full_name(spaced_long), "err.name.length", "50 + space + 50");
    ck_assert_key(qc_validate_full_name("Li"), NULL, "Li");
}
END_TEST

START_TEST(test_phone_accepts)
{
    static const struct {
        const char *in, *out;
    } ok[] = {
        {"0912345678", "0912345678"},       {"+84 912 345 678", "0912345678"},
        {"+84912345678", "0912345678"},     {"84912345678", "0912345678"},
        {"+84 0912 345 678", "0912345678"}, {"0084 912 345 678", "0912345678"},
        {"091.234.5678", "0912345678"},     {"091-234-5678", "0912345678"},
        {"  0912 345 678 ", "0912345678"},  {"0312345678", "0312345678"},
        {"0512345678", "0512345678"},       {"0712345678", "0712345678"},
        {"0812345678", "0812345678"},       {"0987654321", "0987654321"},
        {"0846123456", "0846123456"}, /* a national number that starts 08 4... */
    };
    size_t i;

    for (i = 0; i < sizeof(ok) / sizeof(ok[0]); i++) {
        const char *canon = NULL;

        ck_assert_key(qc_validate_phone(qc_test_pool, ok[i].in, &canon), NULL, ok[i].in);
        ck_assert_ptr_nonnull(canon);
        ck_assert_str_eq(canon, ok[i].out);
    }
}
END_TEST

START_TEST(test_phone_rejects)
{
    static const struct {
        const char *s, *key;
    } bad[] = {
        {"", "err.phone.required"},
        {"  ", "err.phone.required"},
        {" - . ", "err.phone.required"},
        {"0212345678", "err.phone.format"}, /* a landline */
        {"0112345678", "err.phone.format"},
        {"0412345678", "err.phone.format"},
        {"0612345678", "err.phone.format"},
        {"1912345678", "err.phone.format"},
        {"091234567", "err.phone.format"},
        {"09123456789", "err.phone.format"},
        {"09a2345678", "err.phone.format"},
        {"(091) 2345678", "err.phone.format"},
        {"0912345678+", "err.phone.format"},
        {"++84912345678", "err.phone.format"},
        {"+85 912 345 678", "err.phone.format"},
        {"+84 212 345 678", "err.phone.format"},
        {"+84 91234567", "err.phone.format"},
        {"+", "err.phone.format"},
        {"+84", "err.phone.format"},
        {"8491234567", "err.phone.format"},
        {"\xef\xbc\x90\xef\xbc\x99"
         "12345678",
         "err.phone.format"}, /* full-width 0, 9 */
    };
    size_t i;

    for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        const char *canon = "untouched";

        ck_assert_key(qc_validate_phone(qc_test_pool, bad[i].s, &canon), bad[i].key, bad[i].s);
        ck_assert_ptr_null(canon);
    }
    ck_assert_key(qc_validate_phone(qc_test_pool, NULL, NULL), "err.phone.required", "NULL");
    ck_assert_key(qc_validate_phone(qc_test_pool, "0912345678", NULL), NULL, "NULL canonical");
}
END_TEST

START_TEST(test_cccd)
{
    const char *canon = NULL;

    ck_assert_key(qc_validate_cccd(qc_test_pool, "001099012345", 1, &canon), NULL, "001...");
    ck_assert_str_eq(canon, "001099012345");
    ck_assert_key(qc_validate_cccd(qc_test_pool, " 001 099 012 345 ", 1, &canon), NULL, "spaced");
    ck_assert_str_eq(canon, "001099012345");
    ck_assert_key(qc_validate_cccd(qc_test_pool, "096199012345", 1, &canon), NULL, "096");
    ck_assert_str_eq(canon, "096199012345");
    ck_assert_key(qc_validate_cccd(qc_test_pool, "079303012345", 0, &canon), NULL, "079");
    ck_assert_str_eq(canon, "079303012345");

    /* Province codes outside 001..096. */
    ck_assert_key(qc_validate_cccd(qc_test_pool, "097099012345", 1, &canon), "err.cccd.format",
                  "097");
    ck_assert_ptr_null(canon);
    ck_assert_key(qc_validate_cccd(qc_test_pool, "000099012345", 1, &canon), "err.cccd.format",
                  "000");
    ck_assert_key(qc_validate_cccd(qc_test_pool, "999099012345", 1, &canon), "err.cccd.format",
                  "999");
    /* Length and characters. */
    ck_assert_key(qc_validate_cccd(qc_test_pool, "00109901234", 1, &canon), "err.cccd.format",
                  "11 digits");
    ck_assert_key(qc_validate_cccd(qc_test_pool, "0010990123456", 1, &canon), "err.cccd.format",
                  "13 digits");
    ck_assert_key(qc_validate_cccd(qc_test_pool, "00109901234a", 1, &canon), "err.cccd.format",
                  "letter");
    ck_assert_key(qc_validate_cccd(qc_test_pool, "001-099-012-345", 1, &canon), "err.cccd.format",
                  "dashes");
    ck_assert_key(qc_validate_cccd(qc_test_pool, "000000000", 0, &canon), "err.cccd.format",
                  "9 digits (old CMND), optional");

    /* Empty: an error only when required. */
    ck_assert_key(qc_validate_cccd(qc_test_pool, "", 1, &canon), "err.cccd.required", "empty");
    ck_assert_key(qc_validate_cccd(qc_test_pool, "   ", 1, &canon), "err.cccd.required", "blank");
    ck_assert_key(qc_validate_cccd(qc_test_pool, NULL, 1, &canon), "err.cccd.required", "NULL");
    canon = NULL;
    ck_assert_key(qc_validate_cccd(qc_test_pool, "", 0, &canon), NULL, "empty, optional");
    ck_assert_str_eq(canon, "");
    canon = NULL;
    ck_assert_key(qc_validate_cccd(qc_test_pool, "  ", 0, &canon), NULL, "blank, optional");
    ck_assert_str_eq(canon, "");
}
END_TEST

START_TEST(test_email)
{
    const char *canon = NULL;
    const char *at254 =
        apr_pstrcat(qc_test_pool, repeat("a", 64), "@", repeat("b", 185), ".com", NULL);
    const char *at255 =
        apr_pstrcat(qc_test_pool, repeat("a", 64), "@", repeat("b", 186), ".com", NULL);

    ck_assert_key(qc_validate_email(qc_test_pool, " Minh.Khai@Example.COM.vn ", 1, &canon), NULL,
                  "mixed case");
    ck_assert_str_eq(canon, "Minh.Khai@example.com.vn");
    ck_assert_key(qc_validate_email(qc_test_pool, "a@b.co", 0, &canon), NULL, "a@b.co");
    ck_assert_str_eq(canon, "a@b.co");
    ck_assert_key(qc_validate_email(qc_test_pool, "x+tag@sub.stnmt.gov.vn", 1, &canon), NULL,
                  "plus tag");
    ck_assert_str_eq(canon, "x+tag@sub.stnmt.gov.vn");

    ck_assert_uint_eq(strlen(at254), 254);
    ck_assert_key(qc_validate_email(qc_test_pool, at254, 1, &canon), NULL, "254 bytes");
    ck_assert_key(qc_validate_email(qc_test_pool, at255, 1, &canon), "err.email.format",
                  "255 bytes");
    ck_assert_ptr_null(canon);

    ck_assert_key(qc_validate_email(qc_test_pool, "", 1, &canon), "err.email.required", "empty");
    ck_assert_key(qc_validate_email(qc_test_pool, "  ", 1, &canon), "err.email.required", "blank");
    ck_assert_key(qc_validate_email(qc_test_pool, NULL, 1, &canon), "err.email.required", "NULL");
    canon = NULL;
    ck_assert_key(qc_validate_email(qc_test_pool, " ", 0, &canon), NULL, "blank, optional");
    ck_assert_str_eq(canon, "");
}
END_TEST

START_TEST(test_email_rejects)
{
    static const char *const bad[] = {
        "minhkhai",  "a@b",         "@b.com",      "a@",
        "a@@b.com",  "a@b@c.com",   "a b@c.com",   "a@b c.com",
        "a@.b.com",  "a@b.com.",    "a@b..com",    "a@.",
        "a\t@b.com", "a@b.com\x01", "a\x7f@b.com", "a@b.com\nBcc: x@y.com",
    };
    size_t i;

    for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        const char *canon = "untouched";

        ck_assert_key(qc_validate_email(qc_test_pool, bad[i], 0, &canon), "err.email.format",
                      bad[i]);
        ck_assert_ptr_null(canon);
    }
}
END_TEST

START_TEST(test_dob)
{
    const qc_date_t open = date(2023, 9, 10); /* Bac Kan opens 10/09/2023, ages 15+ */
    qc_date_t parsed = {0, 0, 0};

    ck_assert_key(qc_validate_dob("10/09/2008", open, 15, &parsed), NULL, "15 that day");
    ck_assert_int_eq(parsed.year, 2008);
    ck_assert_int_eq(parsed.month, 9);
    ck_assert_int_eq(parsed.day, 10);
    ck_assert_key(qc_validate_dob("2008-09-10", open, 15, &parsed), NULL, "ISO form");
    ck_assert_key(qc_validate_dob(" 1/1/1980 ", open, 15, &parsed), NULL, "padded");
    ck_assert_int_eq(parsed.year, 1980);
    ck_assert_key(qc_validate_dob("11/09/2008", open, 15, &parsed), "err.dob.too_young",
                  "15 the next day");
    ck_assert_int_eq(parsed.day, 11); /* parsed even when refused */
    ck_assert_key(qc_validate_dob("11/09/2008", open, 0, NULL), NULL, "no minimum age");
    ck_assert_key(qc_validate_dob("10/09/2023", open, 0, NULL), NULL, "born that day, no min");
    ck_assert_key(qc_validate_dob("10/09/2023", open, 15, NULL), "err.dob.too_young", "age 0");
    ck_assert_key(qc_validate_dob("11/09/2023", open, 0, NULL), "err.dob.future", "tomorrow");
    ck_assert_key(qc_validate_dob("01/01/2030", open, 15, NULL), "err.dob.future", "2030");
    /* 120 years exactly is plausible, a day more is not. */
    ck_assert_key(qc_validate_dob("10/09/1903", open, 15, NULL), NULL, "120 years");
    ck_assert_key(qc_validate_dob("09/09/1903", open, 15, NULL), "err.dob.implausible",
                  "120 years and a day");
    ck_assert_key(qc_validate_dob("01/01/1800", open, 15, NULL), "err.dob.implausible", "1800");

    ck_assert_key(qc_validate_dob("", open, 15, NULL), "err.dob.required", "empty");
    ck_assert_key(qc_validate_dob("  ", open, 15, NULL), "err.dob.required", "blank");
    ck_assert_key(qc_validate_dob(NULL, open, 15, NULL), "err.dob.required", "NULL");
    ck_assert_key(qc_validate_dob("31/02/2000", open, 15, NULL), "err.dob.format", "31/02");
    ck_assert_key(qc_validate_dob("29/02/2007", open, 15, NULL), "err.dob.format", "29/02/2007");
    ck_assert_key(qc_validate_dob("10/09/08", open, 15, NULL), "err.dob.format", "2-digit year");
    ck_assert_key(qc_validate_dob("ng\xc3\xa0y 10", open, 15, NULL), "err.dob.format", "words");
    ck_assert_key(qc_validate_dob(repeat("1", 100), open, 15, NULL), "err.dob.format", "long");
}
END_TEST

/* Born 29/02/2008: 15 on 01/03/2023, not on 28/02/2023. */
START_TEST(test_dob_leap_day)
{
    ck_assert_key(qc_validate_dob("29/02/2008", date(2023, 2, 28), 15, NULL), "err.dob.too_young",
                  "28/02/2023");
    ck_assert_key(qc_validate_dob("29/02/2008", date(2023, 3, 1), 15, NULL), NULL, "01/03/2023");
    ck_assert_key(qc_validate_dob("29/02/2008", date(2024, 2, 28), 16, NULL), "err.dob.too_young",
                  "28/02/2024");
    ck_assert_key(qc_validate_dob("29/02/2008", date(2024, 2, 29), 16, NULL), NULL, "29/02/2024");
}
END_TEST

/* Shorthand: the rule with the confirmation equal to the password and no phone or ID. */
static const char *pw(const char *password)
{
    return qc_validate_password(password, password, NULL, NULL);
}

/* ASVS 2.1.1-2.1.3: length, not composition; spaces and Unicode welcome; bcrypt's 72 bytes. */
START_TEST(test_password_length)
{
    /* 71 letters and a digit, 72 bytes, no pattern */
    const char *p72 = apr_pstrcat(qc_test_pool, repeat("ab3xz", 14), "q7", NULL);
    const char *p73 = apr_pstrcat(qc_test_pool, p72, "k", NULL);

    ck_assert_key(pw("sáng nay trời mưa"), NULL, "a phrase with spaces and marks");
    ck_assert_key(pw("ngựa phi đường xa"), NULL, "Vietnamese phrase");
    ck_assert_key(pw("correct horse staple"), NULL, "a phrase");
    ck_assert_key(pw("kjhgtrewqmnb"), NULL, "12 letters, no digit: no composition rule");
    ck_assert_key(pw("839216470528"), NULL, "12 digits, no letter: no composition rule");
    /* "mậtkhẩubíẩn": 11 characters, 17 bytes: characters count, not bytes */
    ck_assert_key(pw("m\xe1\xba\xadtkh\xe1\xba\xa9u b\xc3\xad \xe1\xba\xa9n"), NULL,
                  "13 characters, 21 bytes");
    ck_assert_key(pw("m\xe1\xba\xadtkh\xe1\xba\xa9ub\xc3\xad\xe1\xba\xa9"), "err.password.short",
                  "11 characters, 18 bytes");
    ck_assert_key(pw("t\xe1\xbb\x9bi nh\xe1\xbb\x9b em"), "err.password.short",
                  "11 characters with spaces");
    ck_assert_key(pw(p72), NULL, "72 bytes");
    ck_assert_key(pw(p73), "err.password.length", "73 bytes");
    ck_assert_key(pw("xq7bn2kw9vp"), "err.password.short", "11 characters");
    ck_assert_key(pw("xq7bn2kw9vpt"), NULL, "12 characters");
    ck_assert_key(pw(""), "err.password.required", "empty");
    ck_assert_key(qc_validate_password(NULL, NULL, NULL, NULL), "err.password.required", "NULL");
    /* the attacker review's examples are refused */
    ck_assert_key(pw("password1"), "err.password.short", "password1");
    ck_assert_key(pw("12345678a"), "err.password.short", "12345678a");
    ck_assert_key(pw("Passw0rd"), "err.password.short", "Passw0rd");
    ck_assert_key(pw("matkhau1"), "err.password.short", "matkhau1");
}
END_TEST

/* ASVS 2.1.7: common and breached passwords, without regard to case or spaces. */
START_TEST(test_password_common)
{
    size_t i;

    for (i = 1; i < qc_common_passwords_count; i++) {
        ck_assert_msg(strcmp(qc_common_passwords[i - 1], qc_common_passwords[i]) < 0,
                      "the table is not sorted at %s", qc_common_passwords[i]);
    }
    ck_assert_uint_ge(qc_common_passwords_count, 300);
    ck_assert_key(pw("123456789012"), "err.password.pattern", "digits in a row");
    ck_assert_key(pw("iloveyou1234"), "err.password.common", "iloveyou + digits");
    ck_assert_key(pw("I love you 2024!"), "err.password.common", "case, spaces, digits, symbol");
    ck_assert_key(pw("matkhau123456"), "err.password.common", "matkhau123456");
    ck_assert_key(pw("MatKhau@2025"), "err.password.common", "MatKhau@2025");
    ck_assert_key(pw("anhyeuem1234"), "err.password.common", "anhyeuem1234");
    ck_assert_key(pw("anh yeu em nhieu lam"), "err.password.common", "a common phrase");
    ck_assert_key(pw("emyeuanh2024"), "err.password.common", "emyeuanh2024");
    ck_assert_key(pw("Password12345"), "err.password.common", "Password12345");
    ck_assert_key(pw("passwordpassword"), "err.password.common", "twice");
    ck_assert_key(pw("Passw0rd2024!"), "err.password.common", "Passw0rd2024!");
    ck_assert_key(pw("12345678a!!!"), "err.password.common", "12345678a!!!");
    ck_assert_key(pw("vietnamvodich"), "err.password.common", "vietnamvodich");
    ck_assert_key(pw("iloveyouiloveyou"), "err.password.common", "iloveyou twice");
    ck_assert_key(pw("password1 is mine"), NULL, "a common word inside a phrase is fine");
}
END_TEST

/* One character repeated, a group repeated, a keyboard, alphabet or digit run. */
START_TEST(test_password_patterns)
{
    ck_assert_key(pw("aaaaaaaaaaaa"), "err.password.pattern", "one letter");
    ck_assert_key(pw("            "), "err.password.pattern", "only spaces");
    ck_assert_key(pw("111111111111111"), "err.password.pattern", "one digit");
    ck_assert_key(pw("abcabcabcabc"), "err.password.pattern", "abc repeated");
    ck_assert_key(pw("121212121212"), "err.password.pattern", "12 repeated");
    ck_assert_key(pw("qwertyuiopas"), "err.password.pattern", "keyboard row");
    ck_assert_key(pw("QWERTYUIOP[]"), "err.password.common", "a common row with symbols");
    ck_assert_key(pw("poiuytrewqlk"), NULL, "not one run");
    ck_assert_key(pw("lkjhgfdsapoi"), "err.password.pattern", "a row backwards, wrapped");
    ck_assert_key(pw("1qaz2wsx3edc"), "err.password.pattern", "keyboard columns");
    ck_assert_key(pw("abcdefghijklm"), "err.password.pattern", "alphabet");
    ck_assert_key(pw("ZYXWVUTSRQPO"), "err.password.pattern", "alphabet backwards");
    ck_assert_key(pw("987654321098"), "err.password.pattern", "digits backwards");
    ck_assert_key(pw("1234 5678 90"), "err.password.pattern", "digits with spaces");
}
END_TEST

/* A password holding the account's own phone number or citizen ID; the confirmation. */
START_TEST(test_password_personal_and_confirmation)
{
    const char *phone = "0912345678", *cccd = "001099012345";

    ck_assert_key(qc_validate_password("toi la 0912345678", "toi la 0912345678", phone, cccd),
                  "err.password.personal", "phone");
    ck_assert_key(qc_validate_password("so toi +84912345678", "so toi +84912345678", phone, cccd),
                  "err.password.personal", "phone without its 0");
    ck_assert_key(qc_validate_password("cccd 001099012345", "cccd 001099012345", phone, cccd),
                  "err.password.personal", "citizen ID");
    ck_assert_key(
        qc_validate_password("toi la 0912345678", "toi la 0912345678", "0987000111", NULL), NULL,
        "another's phone");
    ck_assert_key(qc_validate_password("toi la 0912345678", "toi la 0912345678", NULL, ""), NULL,
                  "no phone, no ID");
    ck_assert_key(qc_validate_password("buoi sang o Hue", "buoi sang o Hue!", NULL, NULL),
                  "err.password.mismatch", "mismatch");
    ck_assert_key(qc_validate_password("buoi sang o Hue", "buoi sang o Hue ", NULL, NULL),
                  "err.password.mismatch", "a trailing space is kept");
    ck_assert_key(qc_validate_password("buoi sang o Hue", "", NULL, NULL), "err.password.mismatch",
                  "empty conf");
    ck_assert_key(qc_validate_password("buoi sang o Hue", NULL, NULL, NULL),
                  "err.password.mismatch", "NULL conf");
}
END_TEST

START_TEST(test_web_url)
{
    static const char *const good[] = {"https://chuyendoiso.gov.vn/the-le.pdf", "http://example.vn",
                                       "HTTPS://Example.vn/a?b=c#d", "/tai-lieu/the-le.pdf", NULL};
    static const char *const bad[] = {"javascript:alert(1)",
                                      "JavaScript:alert(1)",
                                      " javascript:alert(1)",
                                      "java\tscript:alert(1)",
                                      "data:text/html;base64,PHNjcmlwdD4=",
                                      "vbscript:msgbox",
                                      "file:///etc/passwd",
                                      "ftp://example.vn/x",
                                      "//evil.example/x",
                                      "https://",
                                      "https:///x",
                                      "http:\\\\evil.example",
                                      "the-le.pdf",
                                      "",
                                      NULL};
    int i;
    for (i = 0; good[i]; i++) {
        ck_assert_msg(qc_validate_web_url(good[i]), "refused %s", good[i]);
    }
    for (i = 0; bad[i]; i++) {
        ck_assert_msg(!qc_validate_web_url(bad[i]), "accepted %s", bad[i]);
    }
    ck_assert(!qc_validate_web_url(NULL));
}
END_TEST

/* Each field's limit: at the limit accepted, one byte more refused with the field's key;
 * a value that passes the length check also passes what its own check accepts at most. */
START_TEST(test_too_long)
{
    static const struct {
        const char *field;
        apr_size_t max;
        const char *key;
    } f[] = {{"full_name", QC_FIELD_MAX_FULL_NAME, "err.name.length"},
             {"dob", QC_FIELD_MAX_DOB, "err.dob.format"},
             {"phone", QC_FIELD_MAX_PHONE, "err.phone.length"},
             {"cccd", QC_FIELD_MAX_CCCD, "err.cccd.format"},
             {"email", QC_FIELD_MAX_EMAIL, "err.email.length"},
             {"unit_id", QC_FIELD_MAX_ID, "err.unit.invalid"},
             {"group_id", QC_FIELD_MAX_ID, "err.group.invalid"},
             {"password", QC_FIELD_MAX_PASSWORD, "err.password.length"},
             {"password2", QC_FIELD_MAX_PASSWORD, "err.password.length"}};
    char big[1024];
    apr_size_t i;

    memset(big, '1', sizeof(big) - 1);
    big[sizeof(big) - 1] = '\0';
    for (i = 0; i < sizeof(f) / sizeof(f[0]); i++) {
        char *at = apr_pstrndup(qc_test_pool, big, f[i].max);
        char *over = apr_pstrndup(qc_test_pool, big, f[i].max + 1);

        ck_assert_key(qc_validate_too_long(f[i].field, at), NULL, f[i].field);
        ck_assert_key(qc_validate_too_long(f[i].field, over), f[i].key, f[i].field);
        ck_assert_key(qc_validate_too_long(f[i].field, big), f[i].key, f[i].field);
        ck_assert_key(qc_validate_too_long(f[i].field, ""), NULL, f[i].field);
        ck_assert_key(qc_validate_too_long(f[i].field, NULL), NULL, f[i].field);
    }
    ck_assert_key(qc_validate_too_long("csrf", big), NULL, "no limit here");
    ck_assert_key(qc_validate_too_long(NULL, big), NULL, "no field");
    /* the limits are at least what each field's own check accepts */
    ck_assert_int_ge(QC_FIELD_MAX_PHONE, strlen("+84 (0) 912.345.678"));
    ck_assert_int_ge(QC_FIELD_MAX_FULL_NAME, 100 * 4);
    ck_assert_int_eq(QC_FIELD_MAX_EMAIL, 254);
    ck_assert_int_eq(QC_FIELD_MAX_PASSWORD, 72);
}
END_TEST

Suite *qc_suite_validate(void)
{
    Suite *s = suite_create("validate");
    TCase *tc = tcase_create("core");

    tcase_add_checked_fixture(tc, qc_test_pool_setup, qc_test_pool_teardown);
    tcase_add_test(tc, test_name_accepts);
    tcase_add_test(tc, test_name_rejects);
    tcase_add_test(tc, test_name_length);
    tcase_add_test(tc, test_phone_accepts);
    tcase_add_test(tc, test_phone_rejects);
    tcase_add_test(tc, test_cccd);
    tcase_add_test(tc, test_email);
    tcase_add_test(tc, test_email_rejects);
    tcase_add_test(tc, test_dob);
    tcase_add_test(tc, test_dob_leap_day);
    tcase_add_test(tc, test_password_length);
    tcase_add_test(tc, test_password_common);
    tcase_add_test(tc, test_password_patterns);
    tcase_add_test(tc, test_password_personal_and_confirmation);
    tcase_add_test(tc, test_web_url);
    tcase_add_test(tc, test_too_long);
    suite_add_tcase(s, tc);
    return s;
}
