/* Unit tests of lib/qc_time.c: parsing and formatting instants and dates, ages. */
#include <stdlib.h>
#include <time.h>

#include "qc_time.h"
#include "qc_unit.h"

#define VN QC_TZ_VIETNAM_MIN
#define HOUR_MS APR_INT64_C(3600000)
#define DAY_MS APR_INT64_C(86400000)

/* Reference instants, computed independently (Python's datetime, UTC). */
#define MS_2024_12_09_0100Z APR_INT64_C(1733706000000) /* 2024-12-09 01:00:00 UTC */
#define MS_2024_02_29_235959_999Z APR_INT64_C(1709251199999)
#define MS_2024_07_14_1700Z APR_INT64_C(1720976400000) /* 2024-07-15 00:00 in Viet Nam */
#define MS_2024_12_31_1700Z APR_INT64_C(1735664400000) /* 2025-01-01 00:00 in Viet Nam */
#define MS_1900_01_01Z APR_INT64_C(-2208988800000)
#define MS_2100_12_31_235959Z APR_INT64_C(4133980799000)

static apr_int64_t parse_db_ok(const char *s)
{
    apr_int64_t ms = -42;

    ck_assert_msg(qc_time_parse_db(s, &ms) == APR_SUCCESS, "parse_db refused \"%s\"", s);
    return ms;
}

static apr_int64_t parse_local_ok(const char *s, int tz)
{
    apr_int64_t ms = -42;

    ck_assert_msg(qc_time_parse_local(s, tz, &ms) == APR_SUCCESS, "parse_local refused \"%s\"", s);
    return ms;
}

static qc_date_t date(int y, int m, int d)
{
    qc_date_t r;

    r.year = y;
    r.month = m;
    r.day = d;
    return r;
}

START_TEST(test_parse_db)
{
    ck_assert_int_eq(parse_db_ok("1970-01-01 00:00:00"), 0);
    ck_assert_int_eq(parse_db_ok("1970-01-01 00:00:00.001"), 1);
    ck_assert_int_eq(parse_db_ok("1969-12-31 23:59:59.999"), -1);
    ck_assert_int_eq(parse_db_ok("2024-12-09 01:00:00.000"), MS_2024_12_09_0100Z);
    ck_assert_int_eq(parse_db_ok("2024-02-29 23:59:59.999"), MS_2024_02_29_235959_999Z);
    ck_assert_int_eq(parse_db_ok("1900-01-01 00:00:00"), MS_1900_01_01Z);
    ck_assert_int_eq(parse_db_ok("2100-12-31 23:59:59"), MS_2100_12_31_235959Z);
    /* Fractions of 1 to 6 digits; digits past the millisecond are dropped. */
    ck_assert_int_eq(parse_db_ok("2024-12-09 01:00:00.5"), MS_2024_12_09_0100Z + 500);
    ck_assert_int_eq(parse_db_ok("2024-12-09 01:00:00.05"), MS_2024_12_09_0100Z + 50);
    ck_assert_int_eq(parse_db_ok("2024-12-09 01:00:00.1234"), MS_2024_12_09_0100Z + 123);
    ck_assert_int_eq(parse_db_ok("2024-12-09 01:00:00.999999"), MS_2024_12_09_0100Z + 999);
}
END_TEST

START_TEST(test_parse_db_rejects)
{
    static const char *const bad[] = {
        "",
        "2024-12-09",
        "2024-12-09 01:00",
        "2024-12-09T01:00:00",
        "2024-12-09 01:00:00.",
        "2024-12-09 01:00:00.1234567",
        "2024-12-09 01:00:00Z",
        "2024-12-09 01:00:00 ",
        " 2024-12-09 01:00:00",
        "2024-02-30 00:00:00",
        "2023-02-29 00:00:00",
        "2100-02-29 00:00:00",
        "2024-04-31 00:00:00",
        "2024-13-01 00:00:00",
        "2024-00-10 00:00:00",
        "2024-01-00 00:00:00",
        "0000-00-00 00:00:00",
        "2024-12-09 24:00:00",
        "2024-12-09 23:60:00",
        "2024-12-09 23:59:60",
        "2024-12-9 01:00:00",
        "24-12-09 01:00:00",
        "2024-12-09 1:00:00",
        "2024/12/09 01:00:00",
    };
    size_t i;

    for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        apr_int64_t ms = 7;

        ck_assert_msg(qc_time_parse_db(bad[i], &ms) == APR_EINVAL, "accepted \"%s\"", bad[i]);
        ck_assert_int_eq(ms, 7);
    }
    ck_assert_int_eq(qc_time_parse_db(NULL, &(apr_int64_t){0}), APR_EINVAL);
}
END_TEST

START_TEST(test_format_db)
{
    ck_assert_str_eq(qc_time_format_db(qc_test_pool, 0), "1970-01-01 00:00:00.000");
    ck_assert_str_eq(qc_time_format_db(qc_test_pool, -1), "1969-12-31 23:59:59.999");
    ck_assert_str_eq(qc_time_format_db(qc_test_pool, MS_2024_12_09_0100Z + 7),
                     "2024-12-09 01:00:00.007");
    ck_assert_str_eq(qc_time_format_db(qc_test_pool, MS_2024_02_29_235959_999Z),
                     "2024-02-29 23:59:59.999");
    ck_assert_str_eq(qc_time_format_db(qc_test_pool, MS_1900_01_01Z), "1900-01-01 00:00:00.000");
}
END_TEST

/*
 * format_db and parse_db are inverse over four centuries, at an odd time of every 7th day.
 * (In the long loops below, Check's assertions are reached only on a failure: each passing
 * ck_assert costs a write to Check's pipe.)
 */
START_TEST(test_db_round_trip)
{
    apr_int64_t ms;
    const apr_int64_t step = 7 * DAY_MS + 3 * HOUR_MS + 61001;
    apr_pool_t *sub;
    int n = 0;

    apr_pool_create(&sub, qc_test_pool);
    for (ms = MS_1900_01_01Z - 100 * 365 * DAY_MS; ms < MS_2100_12_31_235959Z + 100 * 365 * DAY_MS;
         ms += step) {
        const char *s;
        apr_int64_t back = 0;

        apr_pool_clear(sub);
        s = qc_time_format_db(sub, ms);
        if (qc_time_parse_db(s, &back) != APR_SUCCESS || back != ms) {
            ck_abort_msg("%" APR_INT64_T_FMT " formatted as \"%s\" came back as %" APR_INT64_T_FMT,
                         ms, s, back);
        }
        n++;
    }
    ck_assert_int_gt(n, 20000);
    apr_pool_destroy(sub);
}
END_TEST

START_TEST(test_parse_local)
{
    /* Thai Nguyen's contest opens 09/12/2024 08:00 in Viet Nam: 01:00 UTC. */
    ck_assert_int_eq(parse_local_ok("2024-12-09 08:00", VN), MS_2024_12_09_0100Z);
    ck_assert_int_eq(parse_local_ok("2024-12-09T08:00", VN), MS_2024_12_09_0100Z);
    ck_assert_int_eq(parse_local_ok("2024-12-09 08:00:00", VN), MS_2024_12_09_0100Z);
    ck_assert_int_eq(parse_local_ok("2024-12-09T08:00:30", VN), MS_2024_12_09_0100Z + 30000);
    ck_assert_int_eq(parse_local_ok("2024-12-09", VN), MS_2024_12_09_0100Z - 8 * HOUR_MS);
    ck_assert_int_eq(parse_local_ok("2024-12-09 01:00", 0), MS_2024_12_09_0100Z);
    ck_assert_int_eq(parse_local_ok("2024-12-08 20:00", -300), MS_2024_12_09_0100Z);
    ck_assert_int_eq(parse_local_ok("2024-12-09 06:30", 330), MS_2024_12_09_0100Z);
    /* A date-only value crosses the UTC day backwards. */
    ck_assert_str_eq(qc_time_format_db(qc_test_pool, parse_local_ok("2024-01-01", VN)),
                     "2023-12-31 17:00:00.000");
}
END_TEST

START_TEST(test_parse_local_24h)
{
    /* Ben Tre's rounds close "24:00 Sunday": Monday's first instant. */
    ck_assert_int_eq(parse_local_ok("2024-07-14 24:00", VN), MS_2024_07_14_1700Z);
    ck_assert_int_eq(parse_local_ok("2024-07-14 24:00", VN),
                     parse_local_ok("2024-07-15 00:00", VN));
    ck_assert_int_eq(parse_local_ok("2024-07-14T24:00:00", VN), MS_2024_07_14_1700Z);
    /* ...across a month, a year, and into a leap day. */
    ck_assert_int_eq(parse_local_ok("2024-12-31 24:00", VN), MS_2024_12_31_1700Z);
    ck_assert_int_eq(parse_local_ok("2024-06-30 24:00", VN), parse_local_ok("2024-07-01", VN));
    ck_assert_int_eq(parse_local_ok("2024-02-28 24:00", VN), parse_local_ok("2024-02-29", VN));
    ck_assert_int_eq(parse_local_ok("2023-02-28 24:00", VN), parse_local_ok("2023-03-01", VN));
    ck_assert_int_eq(parse_local_ok("2024-07-14 23:59:59", VN), MS_2024_07_14_1700Z - 1000);
}
END_TEST

START_TEST(test_parse_local_rejects)
{
    static const char *const bad[] = {
        "",
        "2024-02-30",
        "2024-02-30 10:00",
        "2023-02-29 10:00",
        "2024-04-31",
        "2024-13-01 10:00",
        "2024-00-01",
        "2024-12-09 24:01",
        "2024-12-09 24:00:01",
        "2024-12-09 25:00",
        "2024-12-09 08:60",
        "2024-12-09 08:00:60",
        "2024-12-09 8:00",
        "2024-12-09 08",
        "2024-12-09 08:",
        "2024-12-09 08:00:",
        "2024-12-09 08:00:00.000",
        "2024-12-09  08:00",
        "2024-12-09t08:00",
        "2024-12-09 08:00 ",
        "09/12/2024 08:00",
        "2024-12-9",
        "2024-12-09Z",
    };
    size_t i;

    for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        apr_int64_t ms = 7;

        ck_assert_msg(qc_time_parse_local(bad[i], VN, &ms) == APR_EINVAL, "accepted \"%s\"",
                      bad[i]);
        ck_assert_int_eq(ms, 7);
    }
}
END_TEST

START_TEST(test_format_local)
{
    ck_assert_str_eq(qc_time_format_local(qc_test_pool, MS_2024_12_09_0100Z, VN),
                     "09/12/2024 08:00");
    ck_assert_str_eq(qc_time_format_local(qc_test_pool, MS_2024_12_09_0100Z + 59999, VN),
                     "09/12/2024 08:00");
    ck_assert_str_eq(qc_time_format_local(qc_test_pool, MS_2024_07_14_1700Z - 1, VN),
                     "14/07/2024 23:59");
    ck_assert_str_eq(qc_time_format_local(qc_test_pool, MS_2024_07_14_1700Z, VN),
                     "15/07/2024 00:00");
    ck_assert_str_eq(qc_time_format_local(qc_test_pool, MS_2024_12_31_1700Z, VN),
                     "01/01/2025 00:00");
    ck_assert_str_eq(qc_time_format_local(qc_test_pool, 0, 0), "01/01/1970 00:00");
    ck_assert_str_eq(qc_time_format_local(qc_test_pool, -1, 0), "31/12/1969 23:59");
}
END_TEST

/* a ceremony given as a day is its local midnight, shown as the day alone */
START_TEST(test_format_local_day)
{
    ck_assert_str_eq(qc_time_format_local_day(qc_test_pool, MS_2024_07_14_1700Z, VN), "15/07/2024");
    ck_assert_str_eq(qc_time_format_local_day(qc_test_pool, MS_2024_12_31_1700Z, VN), "01/01/2025");
    /* any other moment with its time, even a second or a millisecond past midnight */
    ck_assert_str_eq(qc_time_format_local_day(qc_test_pool, MS_2024_12_09_0100Z, VN),
                     "09/12/2024 08:00");
    ck_assert_str_eq(qc_time_format_local_day(qc_test_pool, MS_2024_07_14_1700Z + 1000, VN),
                     "15/07/2024 00:00");
    ck_assert_str_eq(qc_time_format_local_day(qc_test_pool, MS_2024_07_14_1700Z + 1, VN),
                     "15/07/2024 00:00");
    /* midnight in UTC is not midnight in Vietnam */
    ck_assert_str_eq(qc_time_format_local_day(qc_test_pool, MS_2024_07_14_1700Z + 7 * 3600000, 0),
                     "15/07/2024");
    ck_assert_str_eq(qc_time_format_local_day(qc_test_pool, MS_2024_07_14_1700Z + 7 * 3600000, VN),
                     "15/07/2024 07:00");
}
END_TEST

START_TEST(test_format_local_seconds)
{
    /* to the second, rounded up: a "try again at" is never earlier than meant */
    ck_assert_str_eq(qc_time_format_local_seconds(qc_test_pool, MS_2024_12_09_0100Z, VN),
                     "09/12/2024 08:00:00");
    ck_assert_str_eq(qc_time_format_local_seconds(qc_test_pool, MS_2024_12_09_0100Z + 1, VN),
                     "09/12/2024 08:00:01");
    ck_assert_str_eq(qc_time_format_local_seconds(qc_test_pool, MS_2024_12_09_0100Z + 59999, VN),
                     "09/12/2024 08:01:00");
    ck_assert_str_eq(qc_time_format_local_seconds(qc_test_pool, MS_2024_12_31_1700Z - 1, VN),
                     "01/01/2025 00:00:00");
}
END_TEST

START_TEST(test_format_iso_local)
{
    ck_assert_str_eq(qc_time_format_iso_local(qc_test_pool, MS_2024_12_09_0100Z, VN),
                     "2024-12-09T08:00:00+07:00");
    ck_assert_str_eq(qc_time_format_iso_local(qc_test_pool, MS_2024_12_09_0100Z + 61999, VN),
                     "2024-12-09T08:01:01+07:00");
    ck_assert_str_eq(qc_time_format_iso_local(qc_test_pool, MS_2024_12_09_0100Z, 0),
                     "2024-12-09T01:00:00+00:00");
    ck_assert_str_eq(qc_time_format_iso_local(qc_test_pool, MS_2024_12_09_0100Z, -330),
                     "2024-12-08T19:30:00-05:30");
    ck_assert_str_eq(qc_time_format_iso_local(qc_test_pool, MS_2024_12_09_0100Z, 345),
                     "2024-12-09T06:45:00+05:45");
}
END_TEST

START_TEST(test_format_duration)
{
    ck_assert_str_eq(qc_time_format_duration(qc_test_pool, 0), "00:00,000");
    ck_assert_str_eq(qc_time_format_duration(qc_test_pool, 7), "00:00,007");
    ck_assert_str_eq(qc_time_format_duration(qc_test_pool, 59999), "00:59,999");
    ck_assert_str_eq(qc_time_format_duration(qc_test_pool, 61001), "01:01,001");
    ck_assert_str_eq(qc_time_format_duration(qc_test_pool, 30 * 60000 - 1), "29:59,999");
    ck_assert_str_eq(qc_time_format_duration(qc_test_pool, 75 * 60000), "75:00,000");
    ck_assert_str_eq(qc_time_format_duration(qc_test_pool, 100 * 60000 + 5123), "100:05,123");
    ck_assert_str_eq(qc_time_format_duration(qc_test_pool, -1), "00:00,000");
    ck_assert_str_eq(qc_time_format_duration(qc_test_pool, -3600000), "00:00,000");
}
END_TEST

START_TEST(test_date_parse)
{
    static const struct {
        const char *s;
        int y, m, d;
    } ok[] = {
        {"2008-02-29", 2008, 2, 29},  {"29/02/2008", 2008, 2, 29}, {"1/3/2008", 2008, 3, 1},
        {"01/03/2008", 2008, 3, 1},   {"1.3.2008", 2008, 3, 1},    {"01-03-2008", 2008, 3, 1},
        {"31/12/1999", 1999, 12, 31}, {"9/09/2010", 2010, 9, 9},   {"2000-02-29", 2000, 2, 29},
        {"25081990", 1990, 8, 25},    {"29022008", 2008, 2, 29},
    };
    size_t i;

    for (i = 0; i < sizeof(ok) / sizeof(ok[0]); i++) {
        qc_date_t d = {0, 0, 0};

        ck_assert_msg(qc_date_parse(ok[i].s, &d) == APR_SUCCESS, "refused \"%s\"", ok[i].s);
        ck_assert_msg(d.year == ok[i].y && d.month == ok[i].m && d.day == ok[i].d,
                      "\"%s\" parsed as %d-%d-%d", ok[i].s, d.year, d.month, d.day);
    }
}
END_TEST

START_TEST(test_date_parse_rejects)
{
    static const char *const bad[] = {
        "",           "2007-02-29", "29/02/2007", "29/02/1900", "31/04/2000",
        "32/01/2000", "00/01/2000", "01/00/2000", "01/13/2000", "1/3-2008",
        "1-3/2008",   "1/1/99",     "1/1/02000",  "001/1/2000", "1 /1/2000",
        "2000/01/01", "2000-1-1",   "2000.01.01", "1/1/2000 ",  " 1/1/2000",
        "1//2000",    "abc",        "0000-01-01", "01/01/0000", "2000-01-01T00:00",
        "29022007",   "32011990",   "01131990",   "00000000",   "2508199",    "250819900",
        "1990082 ",
    };
    size_t i;

    for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        qc_date_t d = {1, 2, 3};

        ck_assert_msg(qc_date_parse(bad[i], &d) == APR_EINVAL, "accepted \"%s\"", bad[i]);
        ck_assert_int_eq(d.year, 1);
    }
}
END_TEST

START_TEST(test_date_of_instant)
{
    qc_date_t d = qc_date_of_instant(MS_2024_07_14_1700Z, VN);

    ck_assert_int_eq(d.year, 2024);
    ck_assert_int_eq(d.month, 7);
    ck_assert_int_eq(d.day, 15);
    d = qc_date_of_instant(MS_2024_07_14_1700Z - 1, VN);
    ck_assert_int_eq(d.day, 14);
    d = qc_date_of_instant(MS_2024_07_14_1700Z, 0);
    ck_assert_int_eq(d.day, 14);
    d = qc_date_of_instant(MS_2024_12_31_1700Z, VN);
    ck_assert_int_eq(d.year, 2025);
    ck_assert_int_eq(d.month, 1);
    ck_assert_int_eq(d.day, 1);
    d = qc_date_of_instant(-1, 0);
    ck_assert_int_eq(d.year, 1969);
    ck_assert_int_eq(d.month, 12);
    ck_assert_int_eq(d.day, 31);
    d = qc_date_of_instant(MS_2024_02_29_235959_999Z, 0);
    ck_assert_int_eq(d.month, 2);
    ck_assert_int_eq(d.day, 29);
}
END_TEST

/* Day by day from 1600 to 2400 the calendar is continuous and agrees with parse_local. */
START_TEST(test_calendar_walk)
{
    apr_int64_t day, first = -135140, last = 157054; /* 1600-01-01 .. 2400-01-01 */
    qc_date_t prev = qc_date_of_instant(first * DAY_MS, 0);
    int leap_days = 0;
    apr_pool_t *sub;

    apr_pool_create(&sub, qc_test_pool);
    ck_assert_int_eq(prev.year, 1600);
    ck_assert_int_eq(prev.month, 1);
    ck_assert_int_eq(prev.day, 1);
    for (day = first + 1; day <= last; day++) {
        qc_date_t d = qc_date_of_instant(day * DAY_MS + 12 * HOUR_MS, 0);
        apr_int64_t back = 0;
        int next_ok;

        apr_pool_clear(sub);
        if (d.day == prev.day + 1) {
            next_ok = d.month == prev.month && d.year == prev.year;
        }
        else {
            next_ok = d.day == 1 && d.month == (prev.month == 12 ? 1 : prev.month + 1) &&
                      d.year == (prev.month == 12 ? prev.year + 1 : prev.year);
        }
        if (!next_ok) {
            ck_abort_msg("day %" APR_INT64_T_FMT ": %d-%d-%d follows %d-%d-%d", day, d.year,
                         d.month, d.day, prev.year, prev.month, prev.day);
        }
        leap_days += d.month == 2 && d.day == 29;
        if (qc_time_parse_local(qc_date_format_iso(sub, d), 0, &back) != APR_SUCCESS ||
            back != day * DAY_MS) {
            ck_abort_msg("day %" APR_INT64_T_FMT ": %d-%d-%d does not parse back", day, d.year,
                         d.month, d.day);
        }
        prev = d;
    }
    ck_assert_int_eq(prev.year, 2400);
    ck_assert_int_eq(prev.month, 1);
    ck_assert_int_eq(prev.day, 1);
    /* 200 years in 4, minus 1700, 1800, 1900, 2100, 2200, 2300. */
    ck_assert_int_eq(leap_days, 194);
    apr_pool_destroy(sub);
}
END_TEST

START_TEST(test_age_on)
{
    qc_date_t leapling = date(2008, 2, 29);

    /* Born 29/02: in a non-leap year, a year older on 01/03, not on 28/02. */
    ck_assert_int_eq(qc_date_age_on(leapling, date(2025, 2, 28)), 16);
    ck_assert_int_eq(qc_date_age_on(leapling, date(2025, 3, 1)), 17);
    ck_assert_int_eq(qc_date_age_on(leapling, date(2023, 2, 28)), 14);
    ck_assert_int_eq(qc_date_age_on(leapling, date(2023, 3, 1)), 15);
    /* In a leap year, on the day itself. */
    ck_assert_int_eq(qc_date_age_on(leapling, date(2024, 2, 28)), 15);
    ck_assert_int_eq(qc_date_age_on(leapling, date(2024, 2, 29)), 16);
    ck_assert_int_eq(qc_date_age_on(leapling, date(2008, 2, 29)), 0);
    /* Ordinary birthdays. */
    ck_assert_int_eq(qc_date_age_on(date(2008, 9, 10), date(2023, 9, 9)), 14);
    ck_assert_int_eq(qc_date_age_on(date(2008, 9, 10), date(2023, 9, 10)), 15);
    ck_assert_int_eq(qc_date_age_on(date(2008, 9, 10), date(2023, 8, 31)), 14);
    ck_assert_int_eq(qc_date_age_on(date(2008, 9, 10), date(2023, 12, 31)), 15);
    ck_assert_int_eq(qc_date_age_on(date(1999, 12, 31), date(2000, 1, 1)), 0);
}
END_TEST

START_TEST(test_date_format_iso)
{
    ck_assert_str_eq(qc_date_format_iso(qc_test_pool, date(2024, 3, 5)), "2024-03-05");
    ck_assert_str_eq(qc_date_format_iso(qc_test_pool, date(999, 12, 31)), "0999-12-31");
}
END_TEST

/* Nothing may depend on the process's time zone: set an odd one and check again. */
START_TEST(test_ignores_tz)
{
    setenv("TZ", "Pacific/Kiritimati", 1); /* UTC+14 */
    tzset();
    ck_assert_int_eq(parse_local_ok("2024-12-09 08:00", VN), MS_2024_12_09_0100Z);
    ck_assert_int_eq(parse_db_ok("2024-12-09 01:00:00"), MS_2024_12_09_0100Z);
    ck_assert_str_eq(qc_time_format_local(qc_test_pool, MS_2024_12_09_0100Z, VN),
                     "09/12/2024 08:00");
    ck_assert_str_eq(qc_time_format_db(qc_test_pool, MS_2024_12_09_0100Z),
                     "2024-12-09 01:00:00.000");
    ck_assert_int_eq(qc_date_of_instant(MS_2024_07_14_1700Z - 1, VN).day, 14);
    unsetenv("TZ");
    tzset();
}
END_TEST

Suite *qc_suite_time(void)
{
    Suite *s = suite_create("time");
    TCase *tc = tcase_create("core");

    tcase_add_checked_fixture(tc, qc_test_pool_setup, qc_test_pool_teardown);
    tcase_add_test(tc, test_parse_db);
    tcase_add_test(tc, test_parse_db_rejects);
    tcase_add_test(tc, test_format_db);
    tcase_add_test(tc, test_db_round_trip);
    tcase_add_test(tc, test_parse_local);
    tcase_add_test(tc, test_parse_local_24h);
    tcase_add_test(tc, test_parse_local_rejects);
    tcase_add_test(tc, test_format_local);
    tcase_add_test(tc, test_format_local_seconds);
    tcase_add_test(tc, test_format_local_day);
    tcase_add_test(tc, test_format_iso_local);
    tcase_add_test(tc, test_format_duration);
    tcase_add_test(tc, test_date_parse);
    tcase_add_test(tc, test_date_parse_rejects);
    tcase_add_test(tc, test_date_of_instant);
    tcase_add_test(tc, test_calendar_walk);
    tcase_add_test(tc, test_age_on);
    tcase_add_test(tc, test_date_format_iso);
    tcase_add_test(tc, test_ignores_tz);
    suite_add_tcase(s, tc);
    return s;
}
