/**
 * @file qc_validate.h
 * Checks of the registration fields. Each checker returns NULL when the value is acceptable,
 * or the key of a message in the messages file (xslt/messages.xml) that tells the user, in
 * Vietnamese, what is wrong ("err.phone.format" and so on). Values are UTF-8, already NFC.
 */
#ifndef QC_VALIDATE_H
#define QC_VALIDATE_H

#include <apr_pools.h>
#include "qc_time.h"

/**
 * Full name: required; 2 to 100 characters after squeezing white space; letters (any script's,
 * with Vietnamese diacritics), spaces, apostrophe, hyphen and dot only; at least one letter.
 * Keys: "err.name.required", "err.name.length", "err.name.chars".
 */
const char *qc_validate_full_name(const char *name);

/**
 * Vietnamese mobile number: 10 digits starting 03, 05, 07, 08 or 09. Spaces, dots and
 * dashes typed between digits are ignored and "+84"/"84" prefixes are turned into "0";
 * the canonical 10-digit form is written to *canonical (allocated from p) on success.
 * Keys: "err.phone.required", "err.phone.format".
 */
const char *qc_validate_phone(apr_pool_t *p, const char *phone, const char **canonical);

/**
 * Citizen ID (CCCD): exactly 12 digits, spaces ignored, the first three a province code
 * 001..096. *canonical gets the 12 digits. Keys: "err.cccd.required" (when required and
 * empty), "err.cccd.format". An empty value with required == 0 is accepted, *canonical = "".
 */
const char *qc_validate_cccd(apr_pool_t *p, const char *cccd, int required, const char **canonical);

/**
 * E-mail: optional unless required; when given, one '@', a non-empty local part, a domain
 * with a dot, no spaces, at most 254 bytes. *canonical gets it trimmed, domain lower-cased.
 * Keys: "err.email.required", "err.email.format".
 */
const char *qc_validate_email(apr_pool_t *p, const char *email, int required,
                              const char **canonical);

/**
 * Date of birth and minimum age on the contest's opening day (min_age 0: no minimum).
 * Keys: "err.dob.required", "err.dob.format", "err.dob.future", "err.dob.too_young",
 * "err.dob.implausible" (born more than 120 years before `on`).
 */
const char *qc_validate_dob(const char *dob, qc_date_t on, int min_age, qc_date_t *parsed);

/**
 * Password, as OWASP ASVS 4.0 V2.1 asks: at least 12 characters (Unicode characters, spaces
 * allowed and kept: a phrase is welcome), at most 72 bytes (bcrypt's limit), no rule about
 * letters, digits or symbols. Refused, compared without case and spaces: a common password
 * (qc_common_passwords), also with digits or symbols before or after it or typed twice; one
 * character or a short group repeated; a run of the keyboard, the alphabet or the digits; a
 * password holding the account's own phone number or citizen ID (`phone`, `cccd`: NULL when
 * unknown). The confirmation must match. Keys: "err.password.required", "err.password.short",
 * "err.password.length" (over 72 bytes), "err.password.personal", "err.password.pattern",
 * "err.password.common", "err.password.mismatch".
 */
const char *qc_validate_password(const char *password, const char *confirmation, const char *phone,
                                 const char *cccd);

/** The common passwords the rule refuses: lower case, no spaces, sorted by strcmp. */
extern const char *const qc_common_passwords[];
extern const size_t qc_common_passwords_count;

/**
 * A link a page shows (a study document's url): an absolute http:// or https:// address with a
 * host, or a path on the portal itself ("/tai-lieu/the-le.pdf"). Anything else (javascript:,
 * data:, vbscript:, a relative path, spaces or control characters anywhere) is refused, so a
 * link can never run script. Returns 1 when acceptable.
 */
int qc_validate_web_url(const char *url);

/** The longest value, in bytes, each field a contestant sends may carry (see
 *  qc_validate_too_long). Each is at least what its own check accepts, typed generously. */
#define QC_FIELD_MAX_FULL_NAME 400 /**< 100 characters of up to 4 bytes */
#define QC_FIELD_MAX_DOB 32
#define QC_FIELD_MAX_PHONE 32 /**< "+84 (0) 912.345.678" and the like fit */
#define QC_FIELD_MAX_CCCD 32
#define QC_FIELD_MAX_EMAIL 254
#define QC_FIELD_MAX_ID 20 /**< a unit's or group's id: a number */
#define QC_FIELD_MAX_PASSWORD 72

/**
 * The first check of a contestant's form, before anything costly (a bcrypt hash, a
 * statement): is `value` of the form field `field` longer than that field may be? Returns
 * NULL when it is not (or when value is NULL or the field has no limit here), else the key of
 * the field's message: "err.name.length", "err.dob.format", "err.phone.length",
 * "err.cccd.format", "err.email.length", "err.unit.invalid", "err.group.invalid",
 * "err.password.length" ("err.password.current" for current_password). Fields: full_name,
 * dob, phone, cccd, email, unit_id, group_id, password, password2, current_password.
 */
const char *qc_validate_too_long(const char *field, const char *value);

#endif
