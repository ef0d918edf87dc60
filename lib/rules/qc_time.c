/*
 * Time in libquizcontest. All calendar arithmetic is done here on the proleptic Gregorian
 * calendar (days_from_civil / civil_from_days, after Howard Hinnant's algorithms), so nothing
 * depends on the process's TZ, locale or C library time functions, and every function is
 * reentrant: no static state, no tm buffers.
 */
#include <stdlib.h>
#include <string.h>
#include <apr_strings.h>

#include "qc_time.h"

#define QC_MS_PER_MIN APR_INT64_C(60000)
#define QC_MS_PER_DAY APR_INT64_C(86400000)

/* Floor division and its remainder, for instants before 1970. */
static apr_int64_t qc_floordiv(apr_int64_t a, apr_int64_t b)
{
    apr_int64_t q = a / b;

    if ((a % b != 0) && ((a < 0) != (b < 0))) {
        q--;
    }
    return q;
}

static int qc_is_leap(apr_int64_t y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int qc_days_in_month(apr_int64_t y, int m)
{
    static const int dim[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

    if (m == 2 && qc_is_leap(y)) {
        return 29;
    }
    return dim[m - 1];
}

static int qc_date_is_valid(int y, int m, int d)
{
    return m >= 1 && m <= 12 && d >= 1 && d <= qc_days_in_month(y, m);
}

/* Days since 1970-01-01 of a valid proleptic Gregorian date (negative before). */
static apr_int64_t qc_days_from_civil(apr_int64_t y, int m, int d)
{
    apr_int64_t era, yoe, doy, doe;

    y -= m <= 2;
    era = qc_floordiv(y, 400);
    yoe = y - era * 400;
    doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

/* The date of day z since 1970-01-01; the inverse of qc_days_from_civil. */
static void qc_civil_from_days(apr_int64_t z, apr_int64_t *y, int *m, int *d)
{
    apr_int64_t era, doe, yoe, doy, mp;

    z += 719468;
    era = qc_floordiv(z, 146097);
    doe = z - era * 146097;
    yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = yoe + era * 400 + (*m <= 2);
}

/* Broken-down instant: date plus time of day, milliseconds included. */
typedef struct {
    apr_int64_t year;
    int month, day, hour, minute, second, msec;
} qc_tm_t;

static void qc_split(apr_int64_t ms, qc_tm_t *t)
{
    apr_int64_t days = qc_floordiv(ms, QC_MS_PER_DAY);
    apr_int64_t rest = ms - days * QC_MS_PER_DAY;

    qc_civil_from_days(days, &t->year, &t->month, &t->day);
    t->msec = (int)(rest % 1000);
    rest /= 1000;
    t->second = (int)(rest % 60);
    rest /= 60;
    t->minute = (int)(rest % 60);
    t->hour = (int)(rest / 60);
}

/* Reads exactly n ASCII digits at *s, advancing *s; 0 if any of them is not a digit. */
static int qc_digits(const char **s, int n, int *out)
{
    int v = 0;

    while (n-- > 0) {
        if (**s < '0' || **s > '9') {
            return 0;
        }
        v = v * 10 + (**s - '0');
        (*s)++;
    }
    *out = v;
    return 1;
}

/* Reads 1 or 2 digits at *s, advancing *s. */
static int qc_digits12(const char **s, int *out)
{
    if (!qc_digits(s, 1, out)) {
        return 0;
    }
    if (**s >= '0' && **s <= '9') {
        *out = *out * 10 + (**s - '0');
        (*s)++;
    }
    return 1;
}

/* "YYYY-MM-DD" at *s, advancing *s; checks the date exists. */
static int qc_parse_iso_date(const char **s, qc_date_t *d)
{
    if (!qc_digits(s, 4, &d->year) || **s != '-') {
        return 0;
    }
    (*s)++;
    if (!qc_digits(s, 2, &d->month) || **s != '-') {
        return 0;
    }
    (*s)++;
    if (!qc_digits(s, 2, &d->day)) {
        return 0;
    }
    return qc_date_is_valid(d->year, d->month, d->day);
}

static apr_int64_t qc_compose(const qc_date_t *d, int h, int mi, int sec)
{
    apr_int64_t days = qc_days_from_civil(d->year, d->month, d->day);

    return (days * 86400 + h * 3600 + mi * 60 + sec) * 1000;
}

/*
 * Strict: exactly "YYYY-MM-DD HH:MM:SS" and, optionally, '.' and 1 to 6 digits, nothing
 * before or after. Digits past the millisecond are truncated, never rounded, so an instant
 * never moves into the next second. Hour 24 and second 60 are refused.
 */
apr_status_t qc_time_parse_db(const char *s, apr_int64_t *ms)
{
    qc_date_t d;
    int h, mi, sec, frac = 0, nfrac = 0;

    if (s == NULL || !qc_parse_iso_date(&s, &d) || *s++ != ' ') {
        return APR_EINVAL;
    }
    if (!qc_digits(&s, 2, &h) || *s++ != ':' || !qc_digits(&s, 2, &mi) || *s++ != ':' ||
        !qc_digits(&s, 2, &sec)) {
        return APR_EINVAL;
    }
    if (h > 23 || mi > 59 || sec > 59) {
        return APR_EINVAL;
    }
    if (*s == '.') {
        s++;
        while (*s >= '0' && *s <= '9') {
            if (++nfrac > 6) {
                return APR_EINVAL;
            }
            if (nfrac <= 3) {
                frac = frac * 10 + (*s - '0');
            }
            s++;
        }
        if (nfrac == 0) {
            return APR_EINVAL;
        }
        for (; nfrac < 3; nfrac++) {
            frac *= 10;
        }
    }
    if (*s != '\0') {
        return APR_EINVAL;
    }
    *ms = qc_compose(&d, h, mi, sec) + frac;
    return APR_SUCCESS;
}

const char *qc_time_format_db(apr_pool_t *p, apr_int64_t ms)
{
    qc_tm_t t;

    qc_split(ms, &t);
    return apr_psprintf(p, "%04" APR_INT64_T_FMT "-%02d-%02d %02d:%02d:%02d.%03d", t.year, t.month,
                        t.day, t.hour, t.minute, t.second, t.msec);
}

/*
 * The accepted forms are exactly those of the header; the time, when present, follows a
 * single ' ' or 'T'. "24:00" (and "24:00:00") is the end of the day: the next day's 00:00,
 * so a round closing "Sunday 24:00" closes at Monday's first instant.
 */
apr_status_t qc_time_parse_local(const char *s, int tz_offset_min, apr_int64_t *ms)
{
    qc_date_t d;
    int h = 0, mi = 0, sec = 0;

    if (s == NULL || !qc_parse_iso_date(&s, &d)) {
        return APR_EINVAL;
    }
    if (*s == ' ' || *s == 'T') {
        s++;
        if (!qc_digits(&s, 2, &h) || *s++ != ':' || !qc_digits(&s, 2, &mi)) {
            return APR_EINVAL;
        }
        if (*s == ':') {
            s++;
            if (!qc_digits(&s, 2, &sec)) {
                return APR_EINVAL;
            }
        }
        if (h == 24 ? (mi != 0 || sec != 0) : (h > 23 || mi > 59 || sec > 59)) {
            return APR_EINVAL;
        }
    }
    if (*s != '\0') {
        return APR_EINVAL;
    }
    *ms = qc_compose(&d, h, mi, sec) - (apr_int64_t)tz_offset_min * QC_MS_PER_MIN;
    return APR_SUCCESS;
}

const char *qc_time_format_local(apr_pool_t *p, apr_int64_t ms, int tz_offset_min)
{
    qc_tm_t t;

    qc_split(ms + (apr_int64_t)tz_offset_min * QC_MS_PER_MIN, &t);
    return apr_psprintf(p, "%02d/%02d/%04" APR_INT64_T_FMT " %02d:%02d", t.day, t.month, t.year,
                        t.hour, t.minute);
}

const char *qc_time_format_local_day(apr_pool_t *p, apr_int64_t ms, int tz_offset_min)
{
    qc_tm_t t;

    qc_split(ms + (apr_int64_t)tz_offset_min * QC_MS_PER_MIN, &t);
    if (t.hour == 0 && t.minute == 0 && t.second == 0 && ms % 1000 == 0) {
        return apr_psprintf(p, "%02d/%02d/%04" APR_INT64_T_FMT, t.day, t.month, t.year);
    }
    return qc_time_format_local(p, ms, tz_offset_min);
}

const char *qc_time_format_local_seconds(apr_pool_t *p, apr_int64_t ms, int tz_offset_min)
{
    qc_tm_t t;
    apr_int64_t up = ms % 1000 > 0 ? ms - ms % 1000 + 1000 : ms - ms % 1000;

    qc_split(up + (apr_int64_t)tz_offset_min * QC_MS_PER_MIN, &t);
    return apr_psprintf(p, "%02d/%02d/%04" APR_INT64_T_FMT " %02d:%02d:%02d", t.day, t.month,
                        t.year, t.hour, t.minute, t.second);
}

const char *qc_time_format_local_end(apr_pool_t *p, apr_int64_t ms, int tz_offset_min)
{
    qc_tm_t t;
    apr_int64_t local = ms + (apr_int64_t)tz_offset_min * QC_MS_PER_MIN;

    qc_split(local, &t);
    if (t.hour == 0 && t.minute == 0 && t.second == 0) {
        /* midnight ends the previous day: "24:00 16/06/2024", as the plans write it */
        qc_split(local - 1, &t);
        return apr_psprintf(p, "%02d/%02d/%04" APR_INT64_T_FMT " 24:00", t.day, t.month, t.year);
    }
    return apr_psprintf(p, "%02d/%02d/%04" APR_INT64_T_FMT " %02d:%02d", t.day, t.month, t.year,
                        t.hour, t.minute);
}

const char *qc_time_format_iso_local(apr_pool_t *p, apr_int64_t ms, int tz_offset_min)
{
    qc_tm_t t;
    int off = tz_offset_min < 0 ? -tz_offset_min : tz_offset_min;

    qc_split(ms + (apr_int64_t)tz_offset_min * QC_MS_PER_MIN, &t);
    return apr_psprintf(p, "%04" APR_INT64_T_FMT "-%02d-%02dT%02d:%02d:%02d%c%02d:%02d", t.year,
                        t.month, t.day, t.hour, t.minute, t.second, tz_offset_min < 0 ? '-' : '+',
                        off / 60, off % 60);
}

const char *qc_time_format_duration(apr_pool_t *p, apr_int64_t ms)
{
    if (ms < 0) {
        ms = 0;
    }
    return apr_psprintf(p, "%02" APR_INT64_T_FMT ":%02d,%03d", ms / QC_MS_PER_MIN,
                        (int)(ms / 1000 % 60), (int)(ms % 1000));
}

/*
 * "YYYY-MM-DD" exactly, or day, month and a 4-digit year with one separator ('/', '-' or '.')
 * used twice, day and month of 1 or 2 digits, or DDMMYYYY (eight digits, no separator). Year 0000 is refused with the impossible dates.
 */
apr_status_t qc_date_parse(const char *s, qc_date_t *d)
{
    qc_date_t r;
    const char *q = s;
    char sep;

    if (s == NULL) {
        return APR_EINVAL;
    }
    if (qc_parse_iso_date(&q, &r) && *q == '\0') {
        if (r.year < 1) {
            return APR_EINVAL;
        }
        *d = r;
        return APR_SUCCESS;
    }
    q = s;
    if (strlen(s) == 8 && strspn(s, "0123456789") == 8) {
        /* DDMMYYYY: typed on a phone's number pad, which has no '/' */
        r.day = (s[0] - '0') * 10 + (s[1] - '0');
        r.month = (s[2] - '0') * 10 + (s[3] - '0');
        r.year = atoi(s + 4);
        if (r.year < 1 || !qc_date_is_valid(r.year, r.month, r.day)) {
            return APR_EINVAL;
        }
        *d = r;
        return APR_SUCCESS;
    }
    if (!qc_digits12(&q, &r.day)) {
        return APR_EINVAL;
    }
    sep = *q;
    if (sep != '/' && sep != '-' && sep != '.') {
        return APR_EINVAL;
    }
    q++;
    if (!qc_digits12(&q, &r.month) || *q++ != sep || !qc_digits(&q, 4, &r.year) || *q != '\0') {
        return APR_EINVAL;
    }
    if (r.year < 1 || !qc_date_is_valid(r.year, r.month, r.day)) {
        return APR_EINVAL;
    }
    *d = r;
    return APR_SUCCESS;
}

qc_date_t qc_date_of_instant(apr_int64_t ms, int tz_offset_min)
{
    qc_date_t d;
    apr_int64_t y;

    qc_civil_from_days(qc_floordiv(ms + (apr_int64_t)tz_offset_min * QC_MS_PER_MIN, QC_MS_PER_DAY),
                       &y, &d.month, &d.day);
    d.year = (int)y;
    return d;
}

/*
 * Comparing (month, day) pairs gives the rule of the header for free: in a non-leap year,
 * (2, 28) < (2, 29) <= (3, 1), so someone born on 29/02 turns a year older on 01/03.
 */
int qc_date_age_on(qc_date_t born, qc_date_t on)
{
    int age = on.year - born.year;

    if (on.month < born.month || (on.month == born.month && on.day < born.day)) {
        age--;
    }
    return age;
}

int qc_date_age_at(qc_date_t born, apr_int64_t at_ms, int tz_offset_min)
{
    return qc_date_age_on(born, qc_date_of_instant(at_ms, tz_offset_min));
}

int qc_date_old_enough(qc_date_t born, apr_int64_t at_ms, int tz_offset_min, int min_age)
{
    return min_age <= 0 || qc_date_age_at(born, at_ms, tz_offset_min) >= min_age;
}

const char *qc_date_format_iso(apr_pool_t *p, qc_date_t d)
{
    return apr_psprintf(p, "%04d-%02d-%02d", d.year, d.month, d.day);
}
