/* SPDX-License-Identifier: MIT */
/* fcr_time_parse(), fcr_time_parse_n() and fcr_time_format() through the
 * shared library. Expected instants were computed with Python's datetime,
 * not with libfcr. */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "fcr/common.h"
#include "fcr/time.h"
#include "test_support.h"

/* Parses text and checks the instant. */
static void expect_time(const char *text, fcr_time expected)
{
    fcr_time got = 42;
    fcr_status status = fcr_time_parse(&got, text);
    if (status != FCR_OK)
        fail_msg("parsing \"%s\" failed: %s", text, fcr_last_error());
    if (got != expected)
        fail_msg("\"%s\" gave %lld, expected %lld", text, (long long)got, (long long)expected);
}

/* Parses text that must fail with FCR_EPARSE at `column`, with `fragment`
 * in the message, leaving the output alone. */
static void expect_parse_error(const char *text, size_t column, const char *fragment)
{
    fcr_time got = 42;
    fcr_status status = fcr_time_parse(&got, text);
    if (status != FCR_EPARSE)
        fail_msg("\"%s\" gave status %d, expected FCR_EPARSE", text, status);
    assert_int_equal(got, 42);
    assert_int_equal(fcr_last_error_status(), FCR_EPARSE);
    if (fcr_last_error_column() != column)
        fail_msg("\"%s\": error at column %zu, expected %zu (%s)", text, fcr_last_error_column(),
                 column, fcr_last_error());
    assert_int_equal(fcr_last_error_line(), 1);
    assert_int_equal(fcr_last_error_offset(), column - 1);
    if (strstr(fcr_last_error(), fragment) == NULL)
        fail_msg("\"%s\": message \"%s\" lacks \"%s\"", text, fcr_last_error(), fragment);
}

static void expect_format(fcr_time time, const char *expected)
{
    char buffer[FCR_TIME_TEXT_SIZE];
    assert_int_equal(fcr_time_format(buffer, sizeof buffer, time), FCR_OK);
    assert_string_equal(buffer, expected);
}

static void rfc3339_parse_basic_forms(void **state)
{
    (void)state;
    expect_time("2026-11-10T14:02:00Z", INT64_C(1794319320000));
    expect_time("2026-11-10T09:02:00.250-05:00", INT64_C(1794319320250));
    expect_time("1970-01-01T00:00:00Z", 0);
    expect_time("1969-12-31T23:59:59.999Z", -1);
    expect_time("1969-07-20T20:17:40Z", INT64_C(-14182940000));
    expect_time("2038-01-19T03:14:08Z", INT64_C(2147483648000));
    expect_time("4321-12-31T01:02:03.456Z", INT64_C(74221837323456));
}

static void rfc3339_parse_separators_and_case(void **state)
{
    (void)state;
    expect_time("2026-11-10t14:02:00z", INT64_C(1794319320000));
    expect_time("2026-11-10 14:02:00Z", INT64_C(1794319320000));
    expect_time("2026-11-10T14:02:00z", INT64_C(1794319320000));
    expect_time("2026-11-10t14:02:00+00:00", INT64_C(1794319320000));
}

static void rfc3339_parse_offsets(void **state)
{
    (void)state;
    expect_time("2026-06-15T12:00:00+23:59", INT64_C(1781438460000));
    expect_time("2026-06-15T12:00:00-23:59", INT64_C(1781611140000));
    expect_time("2026-11-10T19:32:00+05:30", INT64_C(1794319320000));
    /* RFC 3339 section 4.3: -00:00 is UTC with the local offset unknown. */
    expect_time("2026-11-10T14:02:00-00:00", INT64_C(1794319320000));
    expect_time("2026-11-10T14:02:00+00:00", INT64_C(1794319320000));
}

static void rfc3339_parse_fraction_lengths(void **state)
{
    (void)state;
    const fcr_time base = INT64_C(1794319320000);
    expect_time("2026-11-10T14:02:00.1Z", base + 100);
    expect_time("2026-11-10T14:02:00.12Z", base + 120);
    expect_time("2026-11-10T14:02:00.123Z", base + 123);
    expect_time("2026-11-10T14:02:00.1234Z", base + 123);
    expect_time("2026-11-10T14:02:00.12345Z", base + 123);
    expect_time("2026-11-10T14:02:00.123456Z", base + 123);
    expect_time("2026-11-10T14:02:00.1234567Z", base + 123);
    expect_time("2026-11-10T14:02:00.12345678Z", base + 123);
    expect_time("2026-11-10T14:02:00.123456789Z", base + 123);
    expect_time("2026-11-10T14:02:00.999999999Z", base + 999);
    expect_time("2026-11-10T14:02:00.000000001Z", base);
    expect_time("1969-12-31T23:59:59.5Z", -500);
}

static void rfc3339_parse_leap_days(void **state)
{
    (void)state;
    expect_time("2000-02-29T00:00:00Z", INT64_C(951782400000));
    expect_time("2024-02-29T23:59:59Z", INT64_C(1709251199000));
    expect_time("1600-02-29T12:00:00Z", INT64_C(-11670955200000));
    expect_time("1900-03-01T00:00:00Z", INT64_C(-2203891200000));

    expect_parse_error("1900-02-29T00:00:00Z", 9, "day 29 is out of range");
    expect_parse_error("2100-02-29T00:00:00Z", 9, "day 29 is out of range");
    expect_parse_error("2023-02-29T00:00:00Z", 9, "day 29 is out of range");
    expect_parse_error("2024-02-30T00:00:00Z", 9, "day 30 is out of range");
}

static void rfc3339_parse_leap_second(void **state)
{
    (void)state;
    /* A leap second is the last millisecond of its minute. */
    expect_time("2016-12-31T23:59:60Z", INT64_C(1483228799999));
    expect_time("2016-12-31T18:59:60-05:00", INT64_C(1483228799999));
    expect_time("2016-12-31T23:59:60.5Z", INT64_C(1483228799999));
    expect_parse_error("2016-12-31T23:59:61Z", 18, "second 61 is out of range");
}

static void rfc3339_parse_range_limits(void **state)
{
    (void)state;
    expect_time("0001-01-01T00:00:00Z", FCR_TIME_MIN);
    expect_time("9999-12-31T23:59:59.999Z", FCR_TIME_MAX);
    expect_time("0001-01-01T00:00:00-00:01", INT64_C(-62135596740000));
    expect_time("9999-12-31T23:59:59.999999999Z", FCR_TIME_MAX);
    expect_time("9999-12-31T23:59:60Z", FCR_TIME_MAX);

    /* Valid RFC 3339, but outside what fcr_time may hold. */
    const char *outside[] = {
        "0000-01-01T00:00:00Z",
        "0000-12-31T23:59:59.999Z",
        "0001-01-01T00:00:00+00:01",
        "9999-12-31T23:59:59-00:01",
    };
    for (size_t i = 0; i < sizeof outside / sizeof outside[0]; i++) {
        fcr_time got = 42;
        if (fcr_time_parse(&got, outside[i]) != FCR_EINVAL)
            fail_msg("\"%s\" was not rejected as out of range", outside[i]);
        assert_int_equal(got, 42);
        assert_non_null(strstr(fcr_last_error(), "out of range"));
    }
}

static void rfc3339_rejects_fields_out_of_range(void **state)
{
    (void)state;
    expect_parse_error("2026-13-10T14:02:00Z", 6, "month 13 is out of range");
    expect_parse_error("2026-00-10T14:02:00Z", 6, "month 00 is out of range");
    expect_parse_error("2026-11-00T14:02:00Z", 9, "day 00 is out of range");
    expect_parse_error("2026-11-31T14:02:00Z", 9, "day 31 is out of range");
    expect_parse_error("2026-01-32T14:02:00Z", 9, "day 32 is out of range");
    expect_parse_error("2026-04-31T14:02:00Z", 9, "day 31 is out of range");
    expect_parse_error("2026-11-10T24:00:00Z", 12, "hour 24 is out of range");
    expect_parse_error("2026-11-10T14:60:00Z", 15, "minute 60 is out of range");
    expect_parse_error("2026-11-10T14:02:61Z", 18, "second 61 is out of range");
    expect_parse_error("2026-11-10T14:02:00+24:00", 21, "offset hour 24 is out of range");
    expect_parse_error("2026-11-10T14:02:00-05:60", 24, "offset minute 60 is out of range");
}

static void rfc3339_rejects_bad_syntax(void **state)
{
    (void)state;
    expect_parse_error("", 1, "empty");
    expect_parse_error("26-11-10T14:02:00Z", 3, "4 digits for the year");
    expect_parse_error("2026/11/10T14:02:00Z", 5, "expected '-' after the year");
    expect_parse_error("2026-1-10T14:02:00Z", 7, "2 digits for the month");
    expect_parse_error("2026-11-10", 11, "missing time");
    expect_parse_error("2026-11-10X14:02:00Z", 11, "expected 'T'");
    expect_parse_error("2026-11-10T14:02Z", 17, "expected ':' after the minute");
    expect_parse_error("2026-11-10T14", 14, "text ends after the hour");
    expect_parse_error("2026-11-10T1", 13, "text ends early: expected 2 digits for the hour");
    expect_parse_error("2026-11-10T14:02:00", 20, "missing UTC offset: add Z or +hh:mm");
    expect_parse_error("2026-11-10T14:02:00.250", 24, "missing UTC offset");
    expect_parse_error("2026-11-10T14:02:00 Z", 20, "expected Z or a +hh:mm");
    expect_parse_error("2026-11-10T14:02:00+0530", 23, "expected ':' after the offset hour");
    expect_parse_error("2026-11-10T14:02:00+05", 23, "text ends after the offset hour");
    expect_parse_error("2026-11-10T14:02:00.Z", 21, "expected a digit after the decimal point");
    expect_parse_error("2026-11-10T14:02:00,5Z", 20, "expected Z or a +hh:mm");
    expect_parse_error("2026-11-10T14:02:00.1234567890Z", 30, "more than 9 digits");
    expect_parse_error("+2026-11-10T14:02:00Z", 1, "4 digits for the year");
    expect_parse_error("\xc3\xa9", 1, "4 digits for the year");
}

static void rfc3339_rejects_trailing_text(void **state)
{
    (void)state;
    expect_parse_error("2026-11-10T14:02:00Zx", 21, "unexpected text after the UTC offset");
    expect_parse_error("2026-11-10T14:02:00Z ", 21, "unexpected text");
    expect_parse_error("2026-11-10T14:02:00Z\n", 21, "unexpected text");
    expect_parse_error("2026-11-10T14:02:00+05:30:00", 26, "unexpected text");
    expect_parse_error(" 2026-11-10T14:02:00Z", 1, "4 digits for the year");
}

static void rfc3339_parse_n_uses_length(void **state)
{
    (void)state;
    fcr_time got = 0;
    const char *text = "2026-11-10T14:02:00Zgarbage";
    assert_int_equal(fcr_time_parse_n(&got, text, 20), FCR_OK);
    assert_int_equal(got, INT64_C(1794319320000));

    assert_int_equal(fcr_time_parse_n(&got, text, 19), FCR_EPARSE);
    assert_non_null(strstr(fcr_last_error(), "missing UTC offset"));

    /* A NUL inside the length is text like any other. */
    const char with_nul[] = "2026-11-10T14:02:00Z\0";
    assert_int_equal(fcr_time_parse_n(&got, with_nul, sizeof with_nul - 1), FCR_EPARSE);
    assert_int_equal(fcr_last_error_column(), 21);

    assert_int_equal(fcr_time_parse_n(&got, text, 0), FCR_EPARSE);
    assert_non_null(strstr(fcr_last_error(), "empty"));
}

static void rfc3339_parse_null_arguments(void **state)
{
    (void)state;
    fcr_time got = 42;
    assert_int_equal(fcr_time_parse(NULL, "2026-11-10T14:02:00Z"), FCR_EINVAL);
    assert_int_equal(fcr_time_parse(&got, NULL), FCR_EINVAL);
    assert_int_equal(fcr_time_parse_n(&got, NULL, 5), FCR_EINVAL);
    assert_int_equal(fcr_time_parse_n(NULL, "x", 1), FCR_EINVAL);
    assert_int_equal(got, 42);
}

static void rfc3339_format_examples(void **state)
{
    (void)state;
    expect_format(0, "1970-01-01T00:00:00Z");
    expect_format(-1, "1969-12-31T23:59:59.999Z");
    expect_format(INT64_C(1794319320000), "2026-11-10T14:02:00Z");
    expect_format(INT64_C(1794319320250), "2026-11-10T14:02:00.250Z");
    expect_format(INT64_C(1794319320001), "2026-11-10T14:02:00.001Z");
    expect_format(FCR_TIME_MIN, "0001-01-01T00:00:00Z");
    expect_format(FCR_TIME_MAX, "9999-12-31T23:59:59.999Z");
    expect_format(INT64_C(951782400000), "2000-02-29T00:00:00Z");
    expect_format(INT64_C(-11670955200000), "1600-02-29T12:00:00Z");
    expect_format(INT64_C(-14182940000), "1969-07-20T20:17:40Z");
    expect_format(INT64_C(9223372036854), "2262-04-11T23:47:16.854Z");
}

static void rfc3339_format_rejects_bad_arguments(void **state)
{
    (void)state;
    char buffer[FCR_TIME_TEXT_SIZE];

    assert_int_equal(fcr_time_format(NULL, sizeof buffer, 0), FCR_EINVAL);

    memcpy(buffer, "xyz", 4);
    assert_int_equal(fcr_time_format(buffer, FCR_TIME_TEXT_SIZE - 1, 0), FCR_EINVAL);
    assert_string_equal(buffer, "");
    assert_int_equal(fcr_time_format(buffer, 0, 0), FCR_EINVAL);

    memcpy(buffer, "xyz", 4);
    assert_int_equal(fcr_time_format(buffer, sizeof buffer, FCR_TIME_MIN - 1), FCR_EINVAL);
    assert_string_equal(buffer, "");
    assert_int_equal(fcr_time_format(buffer, sizeof buffer, FCR_TIME_MAX + 1), FCR_EINVAL);
    assert_int_equal(fcr_time_format(buffer, sizeof buffer, INT64_MIN), FCR_EINVAL);
    assert_int_equal(fcr_time_format(buffer, sizeof buffer, INT64_MAX), FCR_EINVAL);
}

/* Formats and parses back instants spread over the whole range, with odd
 * steps so that every millisecond, second and day position shows up. */
static void rfc3339_round_trip_whole_range(void **state)
{
    (void)state;
    const fcr_time step = INT64_C(2718281828459);
    char buffer[FCR_TIME_TEXT_SIZE];
    size_t count = 0;

    for (fcr_time time = FCR_TIME_MIN; time <= FCR_TIME_MAX - step; time += step) {
        for (fcr_time delta = 0; delta < 3; delta++) {
            fcr_time probe = time + delta * 86399999;
            fcr_time back = 0;
            assert_int_equal(fcr_time_format(buffer, sizeof buffer, probe), FCR_OK);
            if (fcr_time_parse(&back, buffer) != FCR_OK || back != probe)
                fail_msg("%lld formatted as %s came back as %lld", (long long)probe, buffer,
                         (long long)back);
            count++;
        }
    }
    assert_true(count > 200);

    /* Around the epoch, negative and positive, millisecond by millisecond. */
    for (fcr_time probe = -2500; probe <= 2500; probe++) {
        fcr_time back = 0;
        assert_int_equal(fcr_time_format(buffer, sizeof buffer, probe), FCR_OK);
        assert_int_equal(fcr_time_parse(&back, buffer), FCR_OK);
        assert_int_equal(back, probe);
    }

    /* The first and last days of the range. */
    for (fcr_time offset = 0; offset < 2 * INT64_C(86400000); offset += 997 * 61) {
        fcr_time back = 0;
        assert_int_equal(fcr_time_format(buffer, sizeof buffer, FCR_TIME_MIN + offset), FCR_OK);
        assert_int_equal(fcr_time_parse(&back, buffer), FCR_OK);
        assert_int_equal(back, FCR_TIME_MIN + offset);
        assert_int_equal(fcr_time_format(buffer, sizeof buffer, FCR_TIME_MAX - offset), FCR_OK);
        assert_int_equal(fcr_time_parse(&back, buffer), FCR_OK);
        assert_int_equal(back, FCR_TIME_MAX - offset);
    }
}

/* Every day of years 1899-1901, 1999-2001 and 2099-2101 parses, and parses
 * to consecutive days, which checks the calendar at century boundaries. */
static void rfc3339_consecutive_days(void **state)
{
    (void)state;
    static const int starts[] = {1899, 1999, 2099};
    static const int month_days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    char text[40];

    for (size_t s = 0; s < sizeof starts / sizeof starts[0]; s++) {
        fcr_time previous = 0;
        bool first = true;
        for (int year = starts[s]; year < starts[s] + 3; year++) {
            bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
            for (int month = 1; month <= 12; month++) {
                int days = month_days[month - 1] + (month == 2 && leap ? 1 : 0);
                for (int day = 1; day <= days; day++) {
                    snprintf(text, sizeof text, "%04d-%02d-%02dT00:00:00Z", year, month, day);
                    fcr_time time = 0;
                    if (fcr_time_parse(&time, text) != FCR_OK)
                        fail_msg("%s: %s", text, fcr_last_error());
                    if (!first)
                        assert_int_equal(time - previous, INT64_C(86400000));
                    previous = time;
                    first = false;
                }
            }
        }
    }
}

static void rfc3339_error_has_no_text(void **state)
{
    (void)state;
    fcr_time got = 0;
    /* The message names the position, not the bytes that were there. */
    assert_int_equal(fcr_time_parse(&got, "2026-11-10T14:02:00ZPATIENT-1234"), FCR_EPARSE);
    assert_null(strstr(fcr_last_error(), "PATIENT"));
    assert_int_equal(fcr_time_parse(&got, "PATIENT-1234"), FCR_EPARSE);
    assert_null(strstr(fcr_last_error(), "PATIENT"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(rfc3339_parse_basic_forms),
        cmocka_unit_test(rfc3339_parse_separators_and_case),
        cmocka_unit_test(rfc3339_parse_offsets),
        cmocka_unit_test(rfc3339_parse_fraction_lengths),
        cmocka_unit_test(rfc3339_parse_leap_days),
        cmocka_unit_test(rfc3339_parse_leap_second),
        cmocka_unit_test(rfc3339_parse_range_limits),
        cmocka_unit_test(rfc3339_rejects_fields_out_of_range),
        cmocka_unit_test(rfc3339_rejects_bad_syntax),
        cmocka_unit_test(rfc3339_rejects_trailing_text),
        cmocka_unit_test(rfc3339_parse_n_uses_length),
        cmocka_unit_test(rfc3339_parse_null_arguments),
        cmocka_unit_test(rfc3339_format_examples),
        cmocka_unit_test(rfc3339_format_rejects_bad_arguments),
        cmocka_unit_test(rfc3339_round_trip_whole_range),
        cmocka_unit_test(rfc3339_consecutive_days),
        cmocka_unit_test(rfc3339_error_has_no_text),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
