/**
 * @file qc_time.h
 * Time in libquizcontest: instants are milliseconds since the Unix epoch, UTC (apr_int64_t).
 * The database stores DATETIME(3) in UTC, written "YYYY-MM-DD HH:MM:SS.mmm". Contest-local
 * time (Asia/Ho_Chi_Minh) is UTC plus a fixed offset in minutes (+420; Viet Nam keeps no DST).
 */
#ifndef QC_TIME_H
#define QC_TIME_H

#include <apr_pools.h>

/** Offset of Asia/Ho_Chi_Minh from UTC, in minutes. */
#define QC_TZ_VIETNAM_MIN 420

/**
 * Parse a UTC timestamp as MariaDB prints it: "YYYY-MM-DD HH:MM:SS" with an optional
 * fraction of 1 to 6 digits. Returns APR_SUCCESS and sets *ms, or APR_EINVAL.
 */
apr_status_t qc_time_parse_db(const char *s, apr_int64_t *ms);

/** Format a UTC instant for a DATETIME(3) parameter: "YYYY-MM-DD HH:MM:SS.mmm". */
const char *qc_time_format_db(apr_pool_t *p, apr_int64_t ms);

/**
 * Parse a local date-time as a secretariat writes it in a contest definition:
 * "YYYY-MM-DD HH:MM", "YYYY-MM-DD HH:MM:SS" or "YYYY-MM-DDTHH:MM[:SS]", or "YYYY-MM-DD"
 * (meaning 00:00), local to tz_offset_min; "24:00" is accepted and means the next day's 00:00.
 * Sets *ms to the UTC instant. Returns APR_SUCCESS or APR_EINVAL (also for impossible dates
 * such as 2024-02-30).
 */
apr_status_t qc_time_parse_local(const char *s, int tz_offset_min, apr_int64_t *ms);

/** Format an instant in local time as "dd/mm/yyyy HH:MM" (Vietnamese convention). */
const char *qc_time_format_local(apr_pool_t *p, apr_int64_t ms, int tz_offset_min);

/** Format an instant in local time to the second, "dd/mm/yyyy HH:MM:SS", rounded up to the
 *  next whole second (for "try again at": never a moment before the one meant). */
const char *qc_time_format_local_seconds(apr_pool_t *p, apr_int64_t ms, int tz_offset_min);

/** A day or a moment, as a plan gives it: local midnight as the day alone, "16/12/2024";
 *  any other instant as qc_time_format_local. */
const char *qc_time_format_local_day(apr_pool_t *p, apr_int64_t ms, int tz_offset_min);

/** The same for the end of a window: midnight is written as 24:00 of the day before
 *  ("16/06/2024 24:00"), the way the contest plans write closing times. */
const char *qc_time_format_local_end(apr_pool_t *p, apr_int64_t ms, int tz_offset_min);

/** Format an instant in local time as ISO 8601 with offset, "2024-12-09T08:00:00+07:00". */
const char *qc_time_format_iso_local(apr_pool_t *p, apr_int64_t ms, int tz_offset_min);

/** Format a duration in milliseconds as "mm:ss,mmm" with the Vietnamese decimal comma
 *  (minutes grow past 59 if needed: "75:00,000"); negative durations format as "00:00,000". */
const char *qc_time_format_duration(apr_pool_t *p, apr_int64_t ms);

/** A calendar date. */
typedef struct {
    int year, month, day;
} qc_date_t;

/**
 * Parse a date of birth as typed: "YYYY-MM-DD" (HTML date input) or "DD/MM/YYYY" (also with
 * one-digit day/month, and '-' or '.' as separator in the D/M/Y form) or "DDMMYYYY" (a phone's
 * number pad has no '/'). Rejects impossible
 * dates. Returns APR_SUCCESS or APR_EINVAL.
 */
apr_status_t qc_date_parse(const char *s, qc_date_t *d);

/** The local calendar date of an instant. */
qc_date_t qc_date_of_instant(apr_int64_t ms, int tz_offset_min);

/** Whole years of age on day `on` of someone born on `born` (a birthday on 29/02 counts
 *  from 01/03 in non-leap years). */
int qc_date_age_on(qc_date_t born, qc_date_t on);

/**
 * The contest's one calendar: whole years of age of someone born `born` on the local day
 * (in the contest's time zone, Asia/Ho_Chi_Minh for every shipped plan) of instant `at_ms`.
 * Registration and the ranking both judge the minimum age with it, on the opening's local
 * day, so a contestant accepted at registration is never flagged `age` in the ranking.
 */
int qc_date_age_at(qc_date_t born, apr_int64_t at_ms, int tz_offset_min);

/** Whether someone born `born` meets `min_age` (0: no minimum) on the local day of `at_ms`. */
int qc_date_old_enough(qc_date_t born, apr_int64_t at_ms, int tz_offset_min, int min_age);

/** "YYYY-MM-DD" for a DATE parameter. */
const char *qc_date_format_iso(apr_pool_t *p, qc_date_t d);

#endif
