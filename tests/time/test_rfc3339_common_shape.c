/* SPDX-License-Identifier: MIT */
/*
 * The shortcut of fcr_time_parse_n() for "YYYY-MM-DDTHH:MM:SSZ" and
 * "YYYY-MM-DDTHH:MM:SS.sssZ": every text of that shape must give the same
 * instant, or the same error, as the general parser. Texts that only differ
 * in the offset ("+00:00") or the case of the letters go through the general
 * parser, so they serve as the reference.
 */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "fcr/common.h"
#include "fcr/time.h"
#include "test_support.h"

/* 2026-11-10T14:02:00Z, from Python's datetime. */
#define BASE INT64_C(1794319320000)

static void expect_time(const char *text, fcr_time expected)
{
    fcr_time got = 42;
    if (fcr_time_parse(&got, text) != FCR_OK)
        fail_msg("parsing \"%s\" failed: %s", text, fcr_last_error());
    if (got != expected)
        fail_msg("\"%s\" gave %lld, expected %lld", text, (long long)got, (long long)expected);
}

/* Parses text that must fail with `status` at `column` (0 when the error has
 * no column), with `fragment` in the message, leaving the output alone. */
static void expect_error(const char *text, size_t length, fcr_status status, size_t column,
                         const char *fragment)
{
    fcr_time got = 42;
    fcr_status found = fcr_time_parse_n(&got, text, length);
    if (found != status)
        fail_msg("\"%.*s\" gave status %d, expected %d", (int)length, text, found, status);
    assert_int_equal(got, 42);
    if (column != 0 && fcr_last_error_column() != column)
        fail_msg("\"%.*s\": error at column %zu, expected %zu (%s)", (int)length, text,
                 fcr_last_error_column(), column, fcr_last_error());
    if (strstr(fcr_last_error(), fragment) == NULL)
        fail_msg("\"%.*s\": message \"%s\" lacks \"%s\"", (int)length, text, fcr_last_error(),
                 fragment);
}

static void expect_parse_error(const char *text, size_t column, const char *fragment)
{
    expect_error(text, strlen(text), FCR_EPARSE, column, fragment);
}

static void common_shape_basic_values(void **state)
{
    (void)state;
    expect_time("2026-11-10T14:02:00Z", BASE);
    expect_time("2026-11-10T14:02:00.000Z", BASE);
    expect_time("2026-11-10T14:02:00.250Z", BASE + 250);
    expect_time("2026-11-10T14:02:00.999Z", BASE + 999);
    expect_time("1969-12-31T23:59:59.999Z", -1);
    expect_time("0001-01-01T00:00:00Z", FCR_TIME_MIN);
    expect_time("0001-01-01T00:00:00.001Z", FCR_TIME_MIN + 1);
    expect_time("9999-12-31T23:59:59Z", FCR_TIME_MAX - 999);
    expect_time("9999-12-31T23:59:59.999Z", FCR_TIME_MAX);
}

static void common_shape_leap_days(void **state)
{
    (void)state;
    expect_time("2024-02-29T23:59:59Z", INT64_C(1709251199000));
    expect_time("2024-02-29T23:59:59.500Z", INT64_C(1709251199500));
    expect_time("2000-02-29T00:00:00.000Z", INT64_C(951782400000));

    expect_parse_error("2023-02-29T00:00:00Z", 9, "day 29 is out of range");
    expect_parse_error("2023-02-29T00:00:00.000Z", 9, "day 29 is out of range");
    expect_parse_error("1900-02-29T12:00:00Z", 9, "day 29 is out of range");
    expect_parse_error("2100-02-29T12:00:00.500Z", 9, "day 29 is out of range");
    expect_parse_error("2024-02-30T00:00:00Z", 9, "day 30 is out of range");
}

static void common_shape_fields_out_of_range(void **state)
{
    (void)state;
    expect_parse_error("2026-13-01T00:00:00Z", 6, "month 13 is out of range");
    expect_parse_error("2026-13-01T00:00:00.000Z", 6, "month 13 is out of range");
    expect_parse_error("2026-00-01T00:00:00Z", 6, "month 00 is out of range");
    expect_parse_error("2026-11-00T00:00:00Z", 9, "day 00 is out of range");
    expect_parse_error("2026-04-31T00:00:00Z", 9, "day 31 is out of range");
    expect_parse_error("2026-11-10T24:00:00Z", 12, "hour 24 is out of range");
    expect_parse_error("2026-11-10T24:00:00.000Z", 12, "hour 24 is out of range");
    expect_parse_error("2026-11-10T14:60:00Z", 15, "minute 60 is out of range");
    expect_parse_error("2026-11-10T14:02:61Z", 18, "second 61 is out of range");
    expect_parse_error("2026-11-10T14:02:99.000Z", 18, "second 99 is out of range");
}

static void common_shape_leap_second(void **state)
{
    (void)state;
    /* Second 60 goes to the general parser, which keeps it in its minute. */
    expect_time("2016-12-31T23:59:60Z", INT64_C(1483228799999));
    expect_time("2016-12-31T23:59:60.000Z", INT64_C(1483228799999));
    expect_time("9999-12-31T23:59:60Z", FCR_TIME_MAX);
}

static void common_shape_year_zero(void **state)
{
    (void)state;
    expect_error("0000-01-01T00:00:00Z", 20, FCR_EINVAL, 0, "out of range");
    expect_error("0000-12-31T23:59:59.999Z", 24, FCR_EINVAL, 0, "out of range");
}

static void common_shape_lowercase_letters(void **state)
{
    (void)state;
    expect_time("2026-11-10T14:02:00z", BASE);
    expect_time("2026-11-10t14:02:00Z", BASE);
    expect_time("2026-11-10t14:02:00.250z", BASE + 250);
    expect_time("2026-11-10 14:02:00.250Z", BASE + 250);
}

static void common_shape_offsets_and_other_lengths(void **state)
{
    (void)state;
    expect_time("2026-11-10T14:02:00+00:00", BASE);
    expect_time("2026-11-10T14:02:00.250-00:00", BASE + 250);
    expect_time("2026-11-10T09:02:00.250-05:00", BASE + 250);
    expect_time("2026-11-10T14:02:00.25Z", BASE + 250);
    expect_time("2026-11-10T14:02:00.2500Z", BASE + 250);

    /* Twenty or twenty-four bytes without the Z at the end. */
    expect_parse_error("2026-11-10T14:02:00+", 21, "text ends early");
    expect_parse_error("2026-11-10T14:02:00+0000", 23, "expected ':' after the offset hour");
    expect_parse_error("2026-11-10T14:02:00.250 ", 24, "expected Z or a +hh:mm");
}

static void common_shape_rejects_other_bytes(void **state)
{
    (void)state;
    expect_parse_error("2026-11-1xT14:02:00Z", 10, "expected 2 digits for the day");
    expect_parse_error("2026-11-10T14:02:00.2x0Z", 22, "expected Z or a +hh:mm");
    expect_parse_error("2026-11-10T14:02:00.25xZ", 23, "expected Z or a +hh:mm");
    expect_parse_error("2026-11-10T14:02:00,250Z", 20, "expected Z or a +hh:mm");
    expect_parse_error("2026-11-10X14:02:00Z", 11, "expected 'T'");
    expect_parse_error("2026/11/10T14:02:00Z", 5, "expected '-' after the year");
    expect_parse_error("+026-11-10T14:02:00Z", 1, "4 digits for the year");

    /* A NUL byte inside the given length is not a digit. */
    const char with_nul[] = "2026-11-10T14:0\0:00Z";
    expect_error(with_nul, sizeof with_nul - 1, FCR_EPARSE, 16,
                 "expected 2 digits for the minute");
}

/* Replaces the final "Z" of text with "+00:00", which the shortcut does not
 * read. */
static void with_zero_offset(char *out, size_t size, const char *text)
{
    size_t length = strlen(text);
    snprintf(out, size, "%.*s+00:00", (int)(length - 1), text);
}

static void common_shape_matches_general_parser(void **state)
{
    (void)state;
    /* A step of about 114.3 days with a millisecond part visits every
     * month, both text lengths and about 32,000 instants from year 0001 to
     * 9999. */
    const fcr_time step = INT64_C(9876543211);
    for (fcr_time time = FCR_TIME_MIN; time <= FCR_TIME_MAX; time += step) {
        char text[FCR_TIME_TEXT_SIZE];
        assert_int_equal(fcr_time_format(text, sizeof text, time), FCR_OK);

        char offset_form[FCR_TIME_TEXT_SIZE + 8];
        with_zero_offset(offset_form, sizeof offset_form, text);
        char lowercase_form[FCR_TIME_TEXT_SIZE];
        snprintf(lowercase_form, sizeof lowercase_form, "%s", text);
        lowercase_form[strlen(lowercase_form) - 1] = 'z';

        expect_time(text, time);
        expect_time(offset_form, time);
        expect_time(lowercase_form, time);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(common_shape_basic_values),
        cmocka_unit_test(common_shape_leap_days),
        cmocka_unit_test(common_shape_fields_out_of_range),
        cmocka_unit_test(common_shape_leap_second),
        cmocka_unit_test(common_shape_year_zero),
        cmocka_unit_test(common_shape_lowercase_letters),
        cmocka_unit_test(common_shape_offsets_and_other_lengths),
        cmocka_unit_test(common_shape_rejects_other_bytes),
        cmocka_unit_test(common_shape_matches_general_parser),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
