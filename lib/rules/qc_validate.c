/* Checks of the registration fields; each returns NULL or the key of a message. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <apr_lib.h>
#include <apr_strings.h>

#include <unictype.h>
#include <unistr.h>

#include "qc_utf8.h"
#include "qc_validate.h"

#define QC_NAME_MIN 2
#define QC_NAME_MAX 100
#define QC_EMAIL_MAX 254
#define QC_PASSWORD_MIN 12 /* characters (ASVS 2.1.1) */
#define QC_PASSWORD_MAX 72 /* bytes: what bcrypt reads */
#define QC_DOB_MAX_YEARS 120

static int qc_is_ascii_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

/* s without leading and trailing ASCII white space, as a pool copy. */
static char *qc_trim(apr_pool_t *p, const char *s)
{
    const char *e;

    while (qc_is_ascii_space(*s)) {
        s++;
    }
    e = s + strlen(s);
    while (e > s && qc_is_ascii_space(e[-1])) {
        e--;
    }
    return apr_pstrmemdup(p, s, (apr_size_t)(e - s));
}

/*
 * One pass over the name, without allocating: characters are counted as
 * qc_utf8_squeeze_space would leave them (runs of White_Space inside the name count as one,
 * at the ends as none). Besides letters (category L) and spaces, a name may hold combining
 * marks (category M) right after a letter or another mark, the apostrophe (also as U+2019,
 * which phone keyboards type for "'"), the hyphen and the dot.
 */
const char *qc_validate_full_name(const char *name)
{
    const uint8_t *u = (const uint8_t *)name;
    apr_size_t len, i = 0, count = 0;
    int pending_space = 0, letters = 0, bad = 0, after_letter = 0;

    if (name == NULL) {
        return "err.name.required";
    }
    len = strlen(name);
    while (i < len) {
        ucs4_t uc;
        int n = u8_mbtouc(&uc, u + i, len - i);

        if (n <= 0) {
            n = 1;
        }
        if (uc == 0xfffd) {
            bad = 1; /* ill-formed, or U+FFFD itself: no letter either way */
        }
        i += (apr_size_t)n;
        if (uc_is_property_white_space(uc)) {
            pending_space = count > 0;
            after_letter = 0;
            continue;
        }
        if (pending_space) {
            count++;
            pending_space = 0;
        }
        count++;
        if (uc_is_general_category(uc, UC_CATEGORY_L)) {
            letters++;
            after_letter = 1;
        }
        else if (uc_is_general_category(uc, UC_CATEGORY_M)) {
            bad |= !after_letter;
        }
        else {
            bad |= uc != '\'' && uc != 0x2019 && uc != '-' && uc != '.';
            after_letter = 0;
        }
    }
    if (count == 0) {
        return "err.name.required";
    }
    if (bad || letters == 0) {
        return "err.name.chars";
    }
    if (count < QC_NAME_MIN || count > QC_NAME_MAX) {
        return "err.name.length";
    }
    return NULL;
}

/*
 * Spaces, dots and dashes are dropped wherever they are, and a '+' is allowed only in front.
 * A leading "+84", "0084" or "84" (the last only when 11 or 12 digits are typed in all, so
 * that no national number is mistaken for one) is the country code: it becomes the trunk
 * prefix "0", and a "0" typed after it anyway ("+84 0912 ...") is kept rather than doubled.
 * *canonical is set on success and to NULL otherwise (canonical itself may be NULL).
 */
const char *qc_validate_phone(apr_pool_t *p, const char *phone, const char **canonical)
{
    char *digits, *d, *national;
    const char *s;
    apr_size_t n;
    int plus = 0, country = 1;

    if (canonical) {
        *canonical = NULL;
    }
    if (phone == NULL) {
        return "err.phone.required";
    }
    digits = d = apr_palloc(p, strlen(phone) + 1);
    for (s = phone; *s; s++) {
        if (*s == ' ' || *s == '\t' || *s == '.' || *s == '-') {
            continue;
        }
        if (*s == '+' && d == digits && !plus) {
            plus = 1;
            continue;
        }
        if (*s < '0' || *s > '9') {
            return "err.phone.format";
        }
        *d++ = *s;
    }
    *d = '\0';
    n = (apr_size_t)(d - digits);
    if (n == 0 && !plus) {
        return "err.phone.required";
    }
    if (plus) {
        if (strncmp(digits, "84", 2) != 0) {
            return "err.phone.format";
        }
        national = digits + 2;
    }
    else if (strncmp(digits, "0084", 4) == 0) {
        national = digits + 4;
    }
    else if ((n == 11 || n == 12) && strncmp(digits, "84", 2) == 0) {
        national = digits + 2;
    }
    else {
        national = digits;
        country = 0;
    }
    if (country && national[0] != '0') {
        *--national = '0'; /* over the country code's last digit */
    }
    if (strlen(national) != 10 || national[0] != '0' || strchr("35789", national[1]) == NULL) {
        return "err.phone.format";
    }
    if (canonical) {
        *canonical = national;
    }
    return NULL;
}

/*
 * Only spaces are ignored. The province code is checked against the range the header gives
 * (001..096), not against the list of codes actually in use.
 */
const char *qc_validate_cccd(apr_pool_t *p, const char *cccd, int required, const char **canonical)
{
    char *digits;
    apr_size_t n = 0;
    int province;

    if (canonical) {
        *canonical = NULL;
    }
    if (cccd == NULL) {
        cccd = "";
    }
    digits = apr_palloc(p, strlen(cccd) + 1);
    for (; *cccd; cccd++) {
        if (*cccd == ' ' || *cccd == '\t') {
            continue;
        }
        if (*cccd < '0' || *cccd > '9') {
            return "err.cccd.format";
        }
        digits[n++] = *cccd;
    }
    digits[n] = '\0';
    if (n == 0) {
        if (required) {
            return "err.cccd.required";
        }
        if (canonical) {
            *canonical = digits;
        }
        return NULL;
    }
    if (n != 12) {
        return "err.cccd.format";
    }
    province = (digits[0] - '0') * 100 + (digits[1] - '0') * 10 + (digits[2] - '0');
    if (province < 1 || province > 96) {
        return "err.cccd.format";
    }
    if (canonical) {
        *canonical = digits;
    }
    return NULL;
}

/*
 * The address is trimmed of ASCII white space, then must be printable ASCII or UTF-8 without
 * any space or control byte, hold exactly one '@', a non-empty local part, and a domain of at
 * least two non-empty dot-separated labels. Only the domain's ASCII letters are lower-cased;
 * the local part is kept as typed. An empty optional address gives *canonical = "".
 */
const char *qc_validate_email(apr_pool_t *p, const char *email, int required,
                              const char **canonical)
{
    char *e, *at, *c;
    apr_size_t len;
    int labels = 0, label_len = 0;

    if (canonical) {
        *canonical = NULL;
    }
    e = qc_trim(p, email ? email : "");
    len = strlen(e);
    if (len == 0) {
        if (required) {
            return "err.email.required";
        }
        if (canonical) {
            *canonical = e;
        }
        return NULL;
    }
    if (len > QC_EMAIL_MAX) {
        return "err.email.format";
    }
    for (c = e; *c; c++) {
        if ((unsigned char)*c <= 0x20 || *c == 0x7f) {
            return "err.email.format";
        }
    }
    at = strchr(e, '@');
    if (at == NULL || at == e || strchr(at + 1, '@') != NULL) {
        return "err.email.format";
    }
    for (c = at + 1;; c++) {
        if (*c == '.' || *c == '\0') {
            if (label_len == 0) {
                return "err.email.format";
            }
            labels++;
            label_len = 0;
            if (*c == '\0') {
                break;
            }
            continue;
        }
        *c = (char)apr_tolower((unsigned char)*c);
        label_len++;
    }
    if (labels < 2) {
        return "err.email.format";
    }
    if (canonical) {
        *canonical = e;
    }
    return NULL;
}

/* (y, m, d) tuples compared in calendar order; the date need not exist (29/02 + 120 y). */
static int qc_date_cmp(int y1, int m1, int d1, int y2, int m2, int d2)
{
    if (y1 != y2) {
        return y1 < y2 ? -1 : 1;
    }
    if (m1 != m2) {
        return m1 < m2 ? -1 : 1;
    }
    return d1 < d2 ? -1 : d1 > d2;
}

/*
 * The value is trimmed of surrounding blanks before parsing. *parsed (if not NULL) is set as
 * soon as the date parses, even when a later check refuses it, so a form can show it again.
 * The checks come in the order: required, format, future, implausible, too_young.
 */
const char *qc_validate_dob(const char *dob, qc_date_t on, int min_age, qc_date_t *parsed)
{
    char buf[32];
    const char *s, *e;
    qc_date_t born;

    if (dob == NULL) {
        return "err.dob.required";
    }
    for (s = dob; qc_is_ascii_space(*s); s++) {
    }
    e = s + strlen(s);
    while (e > s && qc_is_ascii_space(e[-1])) {
        e--;
    }
    if (e == s) {
        return "err.dob.required";
    }
    if ((apr_size_t)(e - s) >= sizeof(buf)) {
        return "err.dob.format";
    }
    memcpy(buf, s, (apr_size_t)(e - s));
    buf[e - s] = '\0';
    if (qc_date_parse(buf, &born) != APR_SUCCESS) {
        return "err.dob.format";
    }
    if (parsed) {
        *parsed = born;
    }
    if (qc_date_cmp(born.year, born.month, born.day, on.year, on.month, on.day) > 0) {
        return "err.dob.future";
    }
    if (qc_date_cmp(born.year + QC_DOB_MAX_YEARS, born.month, born.day, on.year, on.month, on.day) <
        0) {
        return "err.dob.implausible";
    }
    if (min_age > 0 && qc_date_age_on(born, on) < min_age) {
        return "err.dob.too_young";
    }
    return NULL;
}

/* The password (at most QC_PASSWORD_MAX bytes) folded into `out` for the comparisons below:
 * ASCII letters in lower case, white space left out ("i love you" is "iloveyou"); other bytes
 * as they are. */
static void qc_password_fold(char *out, const char *password)
{
    char *o = out;
    for (; *password; password++) {
        if (!qc_is_ascii_space(*password)) {
            *o++ = (char)apr_tolower((unsigned char)*password);
        }
    }
    *o = '\0';
}

static int qc_common_cmp(const void *key, const void *member)
{
    return strcmp((const char *)key, *(const char *const *)member);
}

static int qc_is_common(const char *folded)
{
    return *folded && bsearch(folded, qc_common_passwords, qc_common_passwords_count,
                              sizeof(qc_common_passwords[0]), qc_common_cmp) != NULL;
}

/* A common password as it is, with digits or symbols around it ("matkhau123456",
 * "!iloveyou2024"), or twice ("iloveyouiloveyou"). */
static int qc_is_common_variant(const char *folded)
{
    apr_size_t len = strlen(folded), b = 0, e = len;
    char core[QC_PASSWORD_MAX + 1];

    if (qc_is_common(folded)) {
        return 1;
    }
    while (b < len && (unsigned char)folded[b] < 0x80 && !apr_isalpha(folded[b])) {
        b++;
    }
    while (e > b && (unsigned char)folded[e - 1] < 0x80 && !apr_isalpha(folded[e - 1])) {
        e--;
    }
    /* digits and symbols taken off both ends, then off the end only ("12345678a!!!"), then
     * off the start only */
    memcpy(core, folded + b, e - b);
    core[e - b] = '\0';
    if (qc_is_common(core)) {
        return 1;
    }
    memcpy(core, folded, e);
    core[e] = '\0';
    if (qc_is_common(core) || qc_is_common(folded + b)) {
        return 1;
    }
    if (len % 2 == 0 && !memcmp(folded, folded + len / 2, len / 2)) {
        memcpy(core, folded, len / 2);
        core[len / 2] = '\0';
        return qc_is_common(core);
    }
    return 0;
}

/* Runs people type without thinking, each doubled so that a run may wrap ("1234567890 12"),
 * and read both ways by the caller. */
static const char *const qc_password_runs[] = {
    "12345678901234567890",
    "abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyz",
    "qwertyuiopqwertyuiop",
    "asdfghjklasdfghjkl",
    "zxcvbnmzxcvbnm",
    "qwertyuiopasdfghjklzxcvbnm",
    "1qaz2wsx3edc4rfv5tgb6yhn7ujm8ik9ol0p",
    "qazwsxedcrfvtgbyhnujmikolp",
    "1q2w3e4r5t6y7u8i9o0p",
    "147258369147258369",
    "159357159357",
    "789456123789456123",
    NULL};

/* One character repeated, a short group repeated ("abcabcabcabc", "121212121212"), or a run
 * of the keyboard, the alphabet or the digits, forwards or backwards. */
static int qc_is_pattern(const char *folded)
{
    apr_size_t len = strlen(folded), period, i;
    char reversed[QC_PASSWORD_MAX + 1];

    if (len == 0) {
        return 1; /* nothing but spaces */
    }
    for (period = 1; period <= 4 && period < len; period++) {
        for (i = period; i < len && folded[i] == folded[i - period]; i++) {
        }
        if (i == len) {
            return 1;
        }
    }
    for (i = 0; i < len; i++) {
        reversed[i] = folded[len - 1 - i];
    }
    reversed[len] = '\0';
    for (i = 0; qc_password_runs[i]; i++) {
        if (strstr(qc_password_runs[i], folded) || strstr(qc_password_runs[i], reversed)) {
            return 1;
        }
    }
    return 0;
}

/* Does the password hold the digits of `number` (at least 6 of them)? A phone counts with or
 * without its leading 0, so "84912345678" holds 0912345678. */
static int qc_holds_number(const char *password, const char *number)
{
    char digits[40];
    apr_size_t n = 0;

    if (number == NULL) {
        return 0;
    }
    for (; *number && n < sizeof(digits) - 1; number++) {
        if (apr_isdigit(*number)) {
            digits[n++] = *number;
        }
    }
    digits[n] = '\0';
    if (n > 1 && digits[0] == '0') {
        return n - 1 >= 6 && strstr(password, digits + 1) != NULL;
    }
    return n >= 6 && strstr(password, digits) != NULL;
}

/*
 * ASVS 4.0 V2.1: length over composition. Characters are Unicode code points (a Vietnamese
 * "mật khẩu" is 8 of them, 12 bytes); spaces count and are kept; invalid UTF-8 counts a byte
 * as a character. No rule about letters, digits or symbols. A NULL confirmation never
 * matches: the check fails closed. Nothing is allocated.
 */
const char *qc_validate_password(const char *password, const char *confirmation, const char *phone,
                                 const char *cccd)
{
    const uint8_t *u = (const uint8_t *)password;
    apr_size_t len, i = 0, chars = 0;
    char folded[QC_PASSWORD_MAX + 1];

    if (password == NULL || *password == '\0') {
        return "err.password.required";
    }
    len = strlen(password);
    if (len > QC_PASSWORD_MAX) {
        return "err.password.length";
    }
    while (i < len) {
        ucs4_t uc;
        int n = u8_mbtouc(&uc, u + i, len - i);
        i += (apr_size_t)(n > 0 ? n : 1);
        chars++;
    }
    if (chars < QC_PASSWORD_MIN) {
        return "err.password.short";
    }
    qc_password_fold(folded, password);
    if (qc_holds_number(password, phone) || qc_holds_number(password, cccd)) {
        return "err.password.personal";
    }
    if (qc_is_pattern(folded)) {
        return "err.password.pattern";
    }
    if (qc_is_common_variant(folded)) {
        return "err.password.common";
    }
    if (confirmation == NULL || strcmp(password, confirmation) != 0) {
        return "err.password.mismatch";
    }
    return NULL;
}

int qc_validate_web_url(const char *url)
{
    const char *rest, *c;
    if (!url || !*url) {
        return 0;
    }
    for (c = url; *c; c++) {
        if ((unsigned char)*c <= 0x20 || *c == 0x7f || *c == '\\') {
            return 0;
        }
    }
    if (url[0] == '/') {
        return url[1] != '/'; /* a path here; "//host" would name another site */
    }
    if (!strncasecmp(url, "https://", 8)) {
        rest = url + 8;
    }
    else if (!strncasecmp(url, "http://", 7)) {
        rest = url + 7;
    }
    else {
        return 0;
    }
    return *rest && *rest != '/' && *rest != '?' && *rest != '#';
}

/* Field, limit, message: one line per field a contestant's form carries. */
static const struct {
    const char *field;
    apr_size_t max;
    const char *key;
} qc_field_limits[] = {
    {"full_name", QC_FIELD_MAX_FULL_NAME, "err.name.length"},
    {"dob", QC_FIELD_MAX_DOB, "err.dob.format"},
    {"phone", QC_FIELD_MAX_PHONE, "err.phone.length"},
    {"cccd", QC_FIELD_MAX_CCCD, "err.cccd.format"},
    {"email", QC_FIELD_MAX_EMAIL, "err.email.length"},
    {"unit_id", QC_FIELD_MAX_ID, "err.unit.invalid"},
    {"group_id", QC_FIELD_MAX_ID, "err.group.invalid"},
    {"password", QC_FIELD_MAX_PASSWORD, "err.password.length"},
    {"password2", QC_FIELD_MAX_PASSWORD, "err.password.length"},
    {"current_password", QC_FIELD_MAX_PASSWORD, "err.password.current"},
};

const char *qc_validate_too_long(const char *field, const char *value)
{
    apr_size_t i;

    if (field == NULL || value == NULL) {
        return NULL;
    }
    for (i = 0; i < sizeof(qc_field_limits) / sizeof(qc_field_limits[0]); i++) {
        if (!strcmp(field, qc_field_limits[i].field)) {
            /* strnlen: a long value is not walked further than needed */
            return strnlen(value, qc_field_limits[i].max + 1) > qc_field_limits[i].max
                       ? qc_field_limits[i].key
                       : NULL;
        }
    }
    return NULL;
}
