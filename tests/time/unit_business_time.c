/* SPDX-License-Identifier: MIT */
/* Office hours and business-time arithmetic (business_time.h). Zones come
 * from the TZif files in tests/data/tzif. Long durations are checked against
 * a minute-by-minute walk written separately in this file. */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "business_time.h"
#include "civil_time.h"
#include "fcr/time.h"
#include "test_support.h"

#define MINUTE INT64_C(60000)

static fcr__zone *load_file(const char *file)
{
    char relative[256];
    snprintf(relative, sizeof relative, "tzif/%s", file);
    size_t length = 0;
    char *data = test_read_file(test_data_path(relative), &length);

    fcr__zone *zone = NULL;
    fcr_status status = fcr__zone_from_tzif(&zone, data, length, file);
    free(data);
    if (status != FCR_OK)
        fail_msg("loading %s failed: %s", file, fcr_last_error());
    return zone;
}

static fcr__zone *fixed_zone(int32_t offset)
{
    fcr__zone *zone = NULL;
    assert_int_equal(fcr__zone_fixed(&zone, offset), FCR_OK);
    return zone;
}

static fcr_time at(const char *text)
{
    fcr_time time = 0;
    if (fcr_time_parse(&time, text) != FCR_OK)
        fail_msg("bad test time %s: %s", text, fcr_last_error());
    return time;
}

static const char *show(fcr_time time)
{
    static char buffer[FCR_TIME_TEXT_SIZE];
    if (fcr_time_format(buffer, sizeof buffer, time) != FCR_OK)
        snprintf(buffer, sizeof buffer, "(%lld)", (long long)time);
    return buffer;
}

/* Sets days first..last (1 = Monday) to the intervals given in minutes. */
static void set_days(fcr__office_hours *hours, int first, int last, int count, const int *open,
                     const int *close)
{
    for (int day = first; day <= last; day++) {
        hours->week[day].count = count;
        for (int i = 0; i < count; i++) {
            hours->week[day].open[i] = open[i];
            hours->week[day].close[i] = close[i];
        }
    }
}

/* Monday to Friday 08:00-17:00 in `zone`, which the hours take over. */
static void office_8_to_5(fcr__office_hours *hours, fcr__zone *zone)
{
    assert_int_equal(fcr__office_hours_init(hours), FCR_OK);
    static const int open[] = {8 * 60};
    static const int close[] = {17 * 60};
    set_days(hours, 1, 5, 1, open, close);
    fcr__office_hours_set_zone(hours, zone);
}

static void expect_minutes(const fcr__office_hours *hours, const char *from, int64_t minutes,
                           const char *expected)
{
    fcr_time due = 0;
    fcr_status status = fcr__business_add_minutes(&due, hours, at(from), minutes);
    if (status != FCR_OK)
        fail_msg("%s + %lld min failed: %s", from, (long long)minutes, fcr_last_error());
    if (due != at(expected)) {
        char got[FCR_TIME_TEXT_SIZE];
        snprintf(got, sizeof got, "%s", show(due));
        fail_msg("%s + %lld min gave %s, expected %s (%s)", from, (long long)minutes, got,
                 expected, show(at(expected)));
    }
}

static void expect_days(const fcr__office_hours *hours, const char *from, int64_t days,
                        const char *expected)
{
    fcr_time due = 0;
    fcr_status status = fcr__business_add_days(&due, hours, at(from), days);
    if (status != FCR_OK)
        fail_msg("%s + %lld days failed: %s", from, (long long)days, fcr_last_error());
    if (due != at(expected))
        fail_msg("%s + %lld days gave %s, expected %s", from, (long long)days, show(due),
                 expected);
}

static void put_be32(unsigned char *p, uint32_t value)
{
    p[0] = (unsigned char)(value >> 24);
    p[1] = (unsigned char)(value >> 16);
    p[2] = (unsigned char)(value >> 8);
    p[3] = (unsigned char)value;
}

/* Builds a version 3 TZif zone with no transitions and `tz` as its footer:
 * two headers, each followed by one local time type and one designation
 * byte. */
static fcr__zone *zone_from_footer(const char *tz)
{
    unsigned char data[256];
    size_t length = 0;
    for (int part = 0; part < 2; part++) {
        unsigned char *p = data + length;
        memset(p, 0, 51);
        memcpy(p, "TZif3", 5);
        put_be32(p + 36, 1); /* typecnt */
        put_be32(p + 40, 1); /* charcnt */
        length += 51;
    }
    data[length++] = '\n';
    memcpy(data + length, tz, strlen(tz));
    length += strlen(tz);
    data[length++] = '\n';

    fcr__zone *zone = NULL;
    if (fcr__zone_from_tzif(&zone, (const char *)data, length, tz) != FCR_OK)
        fail_msg("footer \"%s\": %s", tz, fcr_last_error());
    return zone;
}

/* --- reference walk ----------------------------------------------------- */

/* Open by wall clock at instant t: the local weekday is open, the day is not
 * a holiday, and the local minute lies in an interval. It agrees with the
 * library wherever no daylight-saving change falls inside open hours. */
static bool reference_open(const fcr__office_hours *hours, fcr_time t)
{
    int64_t local = fcr__zone_to_local(hours->zone, t);
    int64_t day = fcr__day_of_time(local);
    int minute = (int)((local - day * FCR__MS_PER_DAY) / MINUTE);

    for (size_t i = 0; i < hours->holiday_count; i++) {
        if (hours->holidays[i] == day)
            return false;
    }
    const fcr__day_hours *d = &hours->week[fcr__iso_weekday(day)];
    for (int i = 0; i < d->count; i++) {
        if (minute >= d->open[i] && minute < d->close[i])
            return true;
    }
    return false;
}

/* Adds business minutes one minute at a time; `from` must be a whole
 * minute. */
static fcr_time reference_add(const fcr__office_hours *hours, fcr_time from, int64_t minutes)
{
    fcr_time t = from;
    if (minutes == 0) {
        while (!reference_open(hours, t))
            t += MINUTE;
        return t;
    }
    for (;;) {
        if (reference_open(hours, t) && --minutes == 0)
            return t + MINUTE;
        t += MINUTE;
    }
}

/* --- business minutes ----------------------------------------------------- */

static void business_friday_example_utc(void **state)
{
    (void)state;
    fcr__office_hours hours;
    office_8_to_5(&hours, fixed_zone(0));

    /* 30 minutes on Friday, then 3 h 30 on Monday from 08:00. */
    expect_minutes(&hours, "2026-11-06T16:30:00Z", 240, "2026-11-09T11:30:00Z");
    expect_minutes(&hours, "2026-11-06T16:30:00Z", 30, "2026-11-06T17:00:00Z");
    expect_minutes(&hours, "2026-11-06T16:30:00Z", 31, "2026-11-09T08:01:00Z");
    expect_minutes(&hours, "2026-11-06T16:30:00.250Z", 30, "2026-11-09T08:00:00.250Z");
    fcr__office_hours_free(&hours);
}

static void business_fixed_offsets(void **state)
{
    (void)state;
    fcr__office_hours hours;

    office_8_to_5(&hours, fixed_zone(-5 * 3600));
    expect_minutes(&hours, "2026-11-06T16:30:00-05:00", 240, "2026-11-09T11:30:00-05:00");
    /* 21:30Z on Friday is 16:30 in the office. */
    expect_minutes(&hours, "2026-11-06T21:30:00Z", 240, "2026-11-09T16:30:00Z");
    fcr__office_hours_free(&hours);

    office_8_to_5(&hours, fixed_zone(5 * 3600 + 1800));
    expect_minutes(&hours, "2026-11-06T16:30:00+05:30", 240, "2026-11-09T11:30:00+05:30");
    /* Monday 01:00Z is Monday 06:30 in the office: before opening. */
    expect_minutes(&hours, "2026-11-09T01:00:00Z", 60, "2026-11-09T09:00:00+05:30");
    /* Sunday 23:00Z is already Monday 04:30 in the office. */
    expect_minutes(&hours, "2026-11-08T23:00:00Z", 1, "2026-11-09T08:01:00+05:30");
    fcr__office_hours_free(&hours);
}

typedef struct dst_case {
    const char *file;
    const char *from;
    const char *due;
} dst_case;

/* Friday 16:30 + 240 business minutes is Monday 11:30 local on both sides
 * of each change, so the UTC instant moves by an hour. */
static void business_across_dst_changes(void **state)
{
    (void)state;
    static const dst_case cases[] = {
        {"America_New_York.tzif", "2026-03-06T16:30:00-05:00", "2026-03-09T11:30:00-04:00"},
        {"America_New_York.tzif", "2026-10-30T16:30:00-04:00", "2026-11-02T11:30:00-05:00"},
        {"America_New_York.tzif", "2027-03-12T16:30:00-05:00", "2027-03-15T11:30:00-04:00"},
        {"America_New_York.tzif", "2027-11-05T16:30:00-04:00", "2027-11-08T11:30:00-05:00"},
        {"America_Chicago.tzif", "2026-03-06T16:30:00-06:00", "2026-03-09T11:30:00-05:00"},
        {"America_Chicago.tzif", "2026-10-30T16:30:00-05:00", "2026-11-02T11:30:00-06:00"},
        {"America_Chicago.tzif", "2027-03-12T16:30:00-06:00", "2027-03-15T11:30:00-05:00"},
        {"America_Chicago.tzif", "2027-11-05T16:30:00-05:00", "2027-11-08T11:30:00-06:00"},
        {"America_Los_Angeles.tzif", "2026-03-06T16:30:00-08:00", "2026-03-09T11:30:00-07:00"},
        {"America_Los_Angeles.tzif", "2026-10-30T16:30:00-07:00", "2026-11-02T11:30:00-08:00"},
        {"America_Los_Angeles.tzif", "2027-03-12T16:30:00-08:00", "2027-03-15T11:30:00-07:00"},
        {"America_Los_Angeles.tzif", "2027-11-05T16:30:00-07:00", "2027-11-08T11:30:00-08:00"},
        /* The same through the rule of a slim file and of a footer-only one. */
        {"slim_new_york.tzif", "2026-03-06T16:30:00-05:00", "2026-03-09T11:30:00-04:00"},
        {"slim_new_york.tzif", "2026-10-30T16:30:00-04:00", "2026-11-02T11:30:00-05:00"},
        {"footer_only_est5edt.tzif", "2026-03-06T16:30:00-05:00", "2026-03-09T11:30:00-04:00"},
        {"footer_only_est5edt.tzif", "2026-10-30T16:30:00-04:00", "2026-11-02T11:30:00-05:00"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        fcr__office_hours hours;
        office_8_to_5(&hours, load_file(cases[i].file));
        expect_minutes(&hours, cases[i].from, 240, cases[i].due);

        /* Without the change, the due instant would be an hour off. */
        fcr_time from = at(cases[i].from), due = at(cases[i].due);
        int64_t elapsed = due - from;
        int64_t naive = (2 * 24 + 19) * 60 * MINUTE;
        assert_int_equal(elapsed == naive - 60 * MINUTE || elapsed == naive + 60 * MINUTE, true);
        fcr__office_hours_free(&hours);
    }
}

static void business_starts_in_closed_time(void **state)
{
    (void)state;
    fcr__office_hours hours;
    office_8_to_5(&hours, fixed_zone(0));

    expect_minutes(&hours, "2026-11-10T19:00:00Z", 60, "2026-11-11T09:00:00Z");  /* evening */
    expect_minutes(&hours, "2026-11-10T06:00:00Z", 60, "2026-11-10T09:00:00Z");  /* early */
    expect_minutes(&hours, "2026-11-07T10:00:00Z", 60, "2026-11-09T09:00:00Z");  /* Saturday */
    expect_minutes(&hours, "2026-11-08T23:59:00Z", 1, "2026-11-09T08:01:00Z");   /* Sunday */
    expect_minutes(&hours, "2026-11-10T17:00:00Z", 1, "2026-11-11T08:01:00Z");   /* at closing */
    expect_minutes(&hours, "2026-11-10T07:59:59.999Z", 1, "2026-11-10T08:01:00Z");
    fcr__office_hours_free(&hours);
}

static void business_zero_minutes(void **state)
{
    (void)state;
    fcr__office_hours hours;
    office_8_to_5(&hours, fixed_zone(0));

    expect_minutes(&hours, "2026-11-10T10:15:30Z", 0, "2026-11-10T10:15:30Z");  /* open */
    expect_minutes(&hours, "2026-11-10T08:00:00Z", 0, "2026-11-10T08:00:00Z");  /* opening */
    expect_minutes(&hours, "2026-11-10T17:00:00Z", 0, "2026-11-11T08:00:00Z");  /* closing */
    expect_minutes(&hours, "2026-11-07T12:00:00Z", 0, "2026-11-09T08:00:00Z");  /* weekend */
    fcr__office_hours_free(&hours);
}

static void business_holidays(void **state)
{
    (void)state;
    fcr__office_hours hours;
    office_8_to_5(&hours, fixed_zone(-5 * 3600));

    /* A holiday on the Monday after a Friday escalation. */
    assert_int_equal(fcr__office_hours_add_holiday(&hours, 2026, 11, 9), FCR_OK);
    expect_minutes(&hours, "2026-11-06T16:30:00-05:00", 240, "2026-11-10T11:30:00-05:00");

    /* An escalation made on the holiday itself. */
    expect_minutes(&hours, "2026-11-09T10:00:00-05:00", 30, "2026-11-10T08:30:00-05:00");

    /* Two holidays in a row, Thanksgiving and the day after. */
    assert_int_equal(fcr__office_hours_add_holiday(&hours, 2026, 11, 26), FCR_OK);
    assert_int_equal(fcr__office_hours_add_holiday(&hours, 2026, 11, 27), FCR_OK);
    expect_minutes(&hours, "2026-11-25T16:00:00-05:00", 120, "2026-11-30T09:00:00-05:00");

    /* The holiday is a local date: 2026-11-09T03:00Z is still Sunday here. */
    expect_minutes(&hours, "2026-11-09T03:00:00Z", 0, "2026-11-10T08:00:00-05:00");
    fcr__office_hours_free(&hours);
}

static void business_lunch_breaks(void **state)
{
    (void)state;
    fcr__office_hours hours;
    assert_int_equal(fcr__office_hours_init(&hours), FCR_OK);
    static const int open[] = {8 * 60, 13 * 60};
    static const int close[] = {12 * 60, 17 * 60};
    set_days(&hours, 1, 5, 2, open, close);

    expect_minutes(&hours, "2026-11-09T11:30:00Z", 60, "2026-11-09T13:30:00Z");
    expect_minutes(&hours, "2026-11-09T12:15:00Z", 30, "2026-11-09T13:30:00Z");
    expect_minutes(&hours, "2026-11-09T12:00:00Z", 0, "2026-11-09T13:00:00Z");
    expect_minutes(&hours, "2026-11-09T11:30:00Z", 30, "2026-11-09T12:00:00Z");
    /* Friday 16:30 + 240: 30 on Friday, 210 on Monday, before lunch. */
    expect_minutes(&hours, "2026-11-06T16:30:00Z", 240, "2026-11-09T11:30:00Z");
    /* 300: the last 30 minutes come after lunch. */
    expect_minutes(&hours, "2026-11-06T16:30:00Z", 300, "2026-11-09T13:30:00Z");

    /* Four intervals a day, the most allowed. */
    static const int open4[] = {8 * 60, 10 * 60 + 30, 13 * 60, 15 * 60 + 30};
    static const int close4[] = {10 * 60, 12 * 60, 15 * 60, 17 * 60};
    set_days(&hours, 1, 5, 4, open4, close4);
    expect_minutes(&hours, "2026-11-09T09:00:00Z", 120, "2026-11-09T11:30:00Z");
    expect_minutes(&hours, "2026-11-09T09:00:00Z", 180, "2026-11-09T13:30:00Z");
    expect_minutes(&hours, "2026-11-09T16:45:00Z", 30, "2026-11-10T08:15:00Z");
    fcr__office_hours_free(&hours);
}

static void business_long_durations(void **state)
{
    (void)state;
    fcr__office_hours hours;
    office_8_to_5(&hours, fixed_zone(0));

    /* 10,000 minutes = 18 days of 540 minutes and 280 more. */
    expect_minutes(&hours, "2026-01-05T08:00:00Z", 10000, "2026-01-29T12:40:00Z");
    /* A whole number of weeks ends at Friday's closing time. */
    expect_minutes(&hours, "2026-01-05T08:00:00Z", 52 * 5 * 540, "2027-01-01T17:00:00Z");
    /* A million business minutes: about 7.1 years. */
    fcr_time due = 0;
    assert_int_equal(fcr__business_add_minutes(&due, &hours, at("2026-01-05T08:00:00Z"), 1000000),
                     FCR_OK);
    assert_int_equal(due, reference_add(&hours, at("2026-01-05T08:00:00Z"), 1000000));
    fcr__office_hours_free(&hours);
}

/* Compares the library against the minute-by-minute walk in New York, with
 * holidays, a lunch break and starts spread over two years. */
static void business_matches_reference_walk(void **state)
{
    (void)state;
    fcr__office_hours hours;
    assert_int_equal(fcr__office_hours_init(&hours), FCR_OK);
    static const int open[] = {8 * 60, 13 * 60};
    static const int close[] = {12 * 60, 17 * 60 + 30};
    set_days(&hours, 1, 5, 2, open, close);
    static const int saturday_open[] = {9 * 60};
    static const int saturday_close[] = {12 * 60};
    set_days(&hours, 6, 6, 1, saturday_open, saturday_close);
    fcr__office_hours_set_zone(&hours, load_file("America_New_York.tzif"));

    static const int holidays[][3] = {
        {2026, 1, 1}, {2026, 5, 25}, {2026, 7, 3}, {2026, 9, 7}, {2026, 11, 26},
        {2026, 12, 25}, {2027, 1, 1}, {2027, 3, 15}, {2027, 11, 8},
    };
    for (size_t i = 0; i < sizeof holidays / sizeof holidays[0]; i++)
        assert_int_equal(fcr__office_hours_add_holiday(&hours, holidays[i][0], holidays[i][1],
                                                       holidays[i][2]),
                         FCR_OK);

    static const int64_t durations[] = {0, 1, 59, 240, 479, 480, 2000, 10000, 30000};
    fcr_time start = at("2026-01-01T00:00:00Z");
    unsigned seed = 12345;
    for (int i = 0; i < 45; i++) {
        seed = seed * 1103515245u + 12345u;
        fcr_time from = start + (int64_t)(seed % (2 * 365 * 1440)) * MINUTE;
        int64_t minutes = durations[i % (int)(sizeof durations / sizeof durations[0])];

        fcr_time due = 0;
        assert_int_equal(fcr__business_add_minutes(&due, &hours, from, minutes), FCR_OK);
        fcr_time expected = reference_add(&hours, from, minutes);
        if (due != expected) {
            char got[FCR_TIME_TEXT_SIZE];
            snprintf(got, sizeof got, "%s", show(due));
            fail_msg("from %s + %lld: got %s, expected %s", show(from), (long long)minutes, got,
                     show(expected));
        }
    }
    fcr__office_hours_free(&hours);
}

/* An office open all day counts the real time that passes, so across a
 * change 240 business minutes are 4 real hours. */
static void business_round_the_clock_office(void **state)
{
    (void)state;
    fcr__office_hours hours;
    assert_int_equal(fcr__office_hours_init(&hours), FCR_OK);
    static const int open[] = {0};
    static const int close[] = {24 * 60};
    set_days(&hours, 1, 7, 1, open, close);
    fcr__office_hours_set_zone(&hours, load_file("America_New_York.tzif"));

    expect_minutes(&hours, "2026-03-07T23:30:00-05:00", 240, "2026-03-08T04:30:00-04:00");
    expect_minutes(&hours, "2026-10-31T23:30:00-04:00", 240, "2026-11-01T02:30:00-05:00");
    /* Across a whole week with a change in it. */
    expect_minutes(&hours, "2026-03-04T12:00:00-05:00", 7 * 1440, "2026-03-11T13:00:00-04:00");
    /* Spans long enough to skip whole weeks must not skip the change. */
    expect_minutes(&hours, "2026-02-20T12:00:00-05:00", 30 * 1440, "2026-03-22T13:00:00-04:00");
    expect_minutes(&hours, "2026-10-10T12:00:00-04:00", 30 * 1440, "2026-11-09T11:00:00-05:00");
    fcr__office_hours_free(&hours);
}

/* For an office that never closes, business time is real time in every
 * zone, whatever changes fall inside the span. */
static void business_always_open_is_real_time(void **state)
{
    (void)state;
    static const char *const files[] = {
        "America_New_York.tzif", "Australia_Sydney.tzif", "Europe_Dublin.tzif",
        "America_Nuuk.tzif",     "footer_only_midnight.tzif", "v4_leap_new_york.tzif",
    };
    static const int open[] = {0};
    static const int close[] = {24 * 60};
    static const int64_t durations[] = {1, 1439, 1440, 10081, 45000, 200000, 1000000};

    for (size_t f = 0; f < sizeof files / sizeof files[0]; f++) {
        fcr__office_hours hours;
        assert_int_equal(fcr__office_hours_init(&hours), FCR_OK);
        set_days(&hours, 1, 7, 1, open, close);
        fcr__office_hours_set_zone(&hours, load_file(files[f]));

        fcr_time from = at("2026-01-01T00:00:00Z");
        for (int i = 0; i < 40; i++) {
            from += INT64_C(9) * 24 * 60 * MINUTE + 7 * 60 * MINUTE + 13 * MINUTE + 17;
            int64_t minutes = durations[i % (int)(sizeof durations / sizeof durations[0])];
            fcr_time due = 0;
            assert_int_equal(fcr__business_add_minutes(&due, &hours, from, minutes), FCR_OK);
            if (due != from + minutes * MINUTE)
                fail_msg("%s: %lld minutes from %lld gave %lld", files[f], (long long)minutes,
                         (long long)from, (long long)due);
        }
        fcr__office_hours_free(&hours);
    }
}

/* Hours that fall entirely inside the spring-forward gap do not exist that
 * day, so the next week's hours are used. */
static void business_hours_inside_gap(void **state)
{
    (void)state;
    fcr__office_hours hours;
    assert_int_equal(fcr__office_hours_init(&hours), FCR_OK);
    static const int open[] = {2 * 60};
    static const int close[] = {2 * 60 + 30};
    set_days(&hours, 7, 7, 1, open, close);
    fcr__office_hours_set_zone(&hours, load_file("America_New_York.tzif"));

    expect_minutes(&hours, "2026-03-07T12:00:00-05:00", 10, "2026-03-15T02:10:00-04:00");
    fcr__office_hours_free(&hours);
}

/* In a zone that falls back from Sunday 00:30 to Saturday 23:30, an office
 * open Sunday 00:00-01:00 opens at the first Sunday 00:00 and stays open
 * through the repeated half hour, two real hours in all. */
static void business_fall_back_across_midnight(void **state)
{
    (void)state;
    fcr__office_hours hours;
    assert_int_equal(fcr__office_hours_init(&hours), FCR_OK);
    static const int open[] = {0};
    static const int close[] = {60};
    set_days(&hours, 7, 7, 1, open, close);
    fcr__office_hours_set_zone(&hours, zone_from_footer("AAA3BBB,M3.2.0,M11.1.0/0:30"));

    /* 02:45Z shows Saturday 23:45 the second time, inside Sunday's hours. */
    assert_true(fcr__office_is_open(&hours, at("2026-11-01T02:45:00Z")));
    assert_true(fcr__office_is_open(&hours, at("2026-11-01T02:00:00Z")));
    assert_false(fcr__office_is_open(&hours, at("2026-11-01T01:59:59.999Z")));
    assert_false(fcr__office_is_open(&hours, at("2026-11-01T04:00:00Z")));

    expect_minutes(&hours, "2026-10-31T12:00:00Z", 60, "2026-11-01T03:00:00Z");
    expect_minutes(&hours, "2026-10-31T12:00:00Z", 120, "2026-11-01T04:00:00Z");
    expect_minutes(&hours, "2026-11-01T02:45:00Z", 10, "2026-11-01T02:55:00Z");
    fcr__office_hours_free(&hours);
}

static void business_no_open_hours(void **state)
{
    (void)state;
    fcr__office_hours hours;
    assert_int_equal(fcr__office_hours_init(&hours), FCR_OK);

    fcr_time due = 42;
    assert_int_equal(fcr__business_add_minutes(&due, &hours, 0, 10), FCR_ERECORD);
    assert_non_null(strstr(fcr_last_error(), "no open time"));
    assert_int_equal(fcr__business_add_minutes(&due, &hours, 0, 0), FCR_ERECORD);
    assert_int_equal(fcr__business_add_days(&due, &hours, 0, 1), FCR_ERECORD);
    assert_int_equal(due, 42);
    fcr__office_hours_free(&hours);
}

static void business_result_past_limit(void **state)
{
    (void)state;
    fcr__office_hours hours;
    office_8_to_5(&hours, fixed_zone(0));

    /* 9999-12-31 is a Friday; the next opening is in year 10000. */
    expect_minutes(&hours, "9999-12-31T16:00:00Z", 60, "9999-12-31T17:00:00Z");
    fcr_time due = 42;
    assert_int_equal(fcr__business_add_minutes(&due, &hours, at("9999-12-31T16:00:00Z"), 61),
                     FCR_ELIMIT);
    assert_non_null(strstr(fcr_last_error(), "9999-12-31T23:59:59.999Z"));
    assert_int_equal(fcr__business_add_minutes(&due, &hours, at("9999-12-31T18:00:00Z"), 0),
                     FCR_ELIMIT);
    assert_int_equal(fcr__business_add_minutes(&due, &hours, 0, INT64_MAX), FCR_ELIMIT);
    assert_int_equal(fcr__business_add_minutes(&due, &hours, 0, INT64_C(4000000000)), FCR_ELIMIT);
    assert_int_equal(fcr__business_add_days(&due, &hours, at("9999-12-30T10:00:00Z"), 2),
                     FCR_ELIMIT);
    assert_int_equal(fcr__business_add_days(&due, &hours, 0, INT64_MAX), FCR_ELIMIT);
    assert_int_equal(due, 42);

    /* With one open minute a week the loop still ends quickly. */
    static const int open[] = {600};
    static const int close[] = {601};
    fcr__office_hours_free(&hours);
    assert_int_equal(fcr__office_hours_init(&hours), FCR_OK);
    set_days(&hours, 3, 3, 1, open, close);
    assert_int_equal(fcr__business_add_minutes(&due, &hours, 0, 500000), FCR_ELIMIT);
    assert_int_equal(fcr__business_add_minutes(&due, &hours, 0, 400000), FCR_OK);
    fcr__office_hours_free(&hours);
}

static void business_rejects_bad_arguments(void **state)
{
    (void)state;
    fcr__office_hours hours;
    office_8_to_5(&hours, fixed_zone(0));
    fcr_time due = 42;

    assert_int_equal(fcr__business_add_minutes(NULL, &hours, 0, 1), FCR_EINVAL);
    assert_int_equal(fcr__business_add_minutes(&due, NULL, 0, 1), FCR_EINVAL);
    assert_int_equal(fcr__business_add_minutes(&due, &hours, 0, -1), FCR_EINVAL);
    assert_int_equal(fcr__business_add_minutes(&due, &hours, FCR_TIME_MIN - 1, 1), FCR_EINVAL);
    assert_int_equal(fcr__business_add_minutes(&due, &hours, FCR_TIME_MAX + 1, 1), FCR_EINVAL);
    assert_int_equal(fcr__business_add_days(&due, &hours, 0, -1), FCR_EINVAL);
    assert_int_equal(fcr__business_add_days(&due, &hours, INT64_MIN, 1), FCR_EINVAL);
    assert_int_equal(due, 42);

    /* Malformed intervals are named by weekday and position. */
    hours.week[3].count = 2;
    hours.week[3].open[1] = 16 * 60;
    hours.week[3].close[1] = 18 * 60;
    assert_int_equal(fcr__business_add_minutes(&due, &hours, 0, 1), FCR_EINVAL);
    assert_non_null(strstr(fcr_last_error(), "Wednesday, interval 2"));
    assert_string_equal(fcr_last_error_field(), "Wednesday");

    hours.week[3].count = 1;
    hours.week[3].close[0] = 1441;
    assert_int_equal(fcr__office_hours_check(&hours), FCR_EINVAL);
    hours.week[3].close[0] = 8 * 60;
    assert_int_equal(fcr__office_hours_check(&hours), FCR_EINVAL);
    hours.week[3].close[0] = 17 * 60;
    hours.week[3].count = 5;
    assert_int_equal(fcr__office_hours_check(&hours), FCR_EINVAL);
    hours.week[3].count = -1;
    assert_int_equal(fcr__office_hours_check(&hours), FCR_EINVAL);
    hours.week[3].count = 1;
    assert_int_equal(fcr__office_hours_check(&hours), FCR_OK);
    assert_int_equal(fcr__office_hours_check(NULL), FCR_EINVAL);
    fcr__office_hours_free(&hours);
}

/* --- business days -------------------------------------------------------- */

static void business_days_examples(void **state)
{
    (void)state;
    fcr__office_hours hours;
    office_8_to_5(&hours, fixed_zone(0));

    expect_days(&hours, "2026-11-06T10:00:00Z", 3, "2026-11-11T10:00:00Z");  /* Fri -> Wed */
    expect_days(&hours, "2026-11-07T10:00:00Z", 3, "2026-11-11T10:00:00Z");  /* Sat -> Wed */
    expect_days(&hours, "2026-11-08T22:00:00Z", 1, "2026-11-09T22:00:00Z");  /* Sun -> Mon */
    expect_days(&hours, "2026-11-10T10:00:00.5Z", 0, "2026-11-10T10:00:00.5Z");
    expect_days(&hours, "2026-11-09T10:00:00Z", 5, "2026-11-16T10:00:00Z");
    expect_days(&hours, "2026-11-09T10:00:00Z", 10, "2026-11-23T10:00:00Z");

    assert_int_equal(fcr__office_hours_add_holiday(&hours, 2026, 11, 9), FCR_OK);
    expect_days(&hours, "2026-11-06T10:00:00Z", 3, "2026-11-12T10:00:00Z");
    expect_days(&hours, "2026-11-06T10:00:00Z", 1, "2026-11-10T10:00:00Z");
    fcr__office_hours_free(&hours);
}

static void business_days_across_dst(void **state)
{
    (void)state;
    fcr__office_hours hours;
    office_8_to_5(&hours, load_file("America_Chicago.tzif"));
    expect_days(&hours, "2026-03-06T10:00:00-06:00", 1, "2026-03-09T10:00:00-05:00");
    expect_days(&hours, "2026-10-30T10:00:00-05:00", 1, "2026-11-02T10:00:00-06:00");
    fcr__office_hours_free(&hours);

    /* An end day whose wall-clock time falls in the gap: 02:30 on
     * 2026-03-08 does not exist, so the due time is the jump, 03:00 EDT. */
    assert_int_equal(fcr__office_hours_init(&hours), FCR_OK);
    static const int open[] = {0};
    static const int close[] = {24 * 60};
    set_days(&hours, 1, 7, 1, open, close);
    fcr__office_hours_set_zone(&hours, load_file("America_New_York.tzif"));
    expect_days(&hours, "2026-03-07T02:30:00-05:00", 1, "2026-03-08T03:00:00-04:00");
    expect_days(&hours, "2026-03-07T03:30:00-05:00", 1, "2026-03-08T03:30:00-04:00");
    fcr__office_hours_free(&hours);
}

/* Many business days against a day-by-day count. */
static void business_days_long_spans(void **state)
{
    (void)state;
    fcr__office_hours hours;
    office_8_to_5(&hours, fixed_zone(0));
    for (int year = 2026; year <= 2030; year++) {
        assert_int_equal(fcr__office_hours_add_holiday(&hours, year, 1, 1), FCR_OK);
        assert_int_equal(fcr__office_hours_add_holiday(&hours, year, 7, 4), FCR_OK);
        assert_int_equal(fcr__office_hours_add_holiday(&hours, year, 12, 25), FCR_OK);
    }

    fcr_time from = at("2026-02-11T09:15:00Z");
    int64_t from_day = fcr__day_of_time(from);
    for (int64_t days = 1; days <= 1200; days += 37) {
        int64_t day = from_day, left = days;
        while (left > 0) {
            day++;
            if (fcr__office_is_business_day(&hours, day))
                left--;
        }
        fcr_time due = 0;
        assert_int_equal(fcr__business_add_days(&due, &hours, from, days), FCR_OK);
        assert_int_equal(due, day * FCR__MS_PER_DAY + (from - from_day * FCR__MS_PER_DAY));
    }
    fcr__office_hours_free(&hours);
}

/* --- open, business day, holidays, ownership --------------------------------- */

static void business_is_open(void **state)
{
    (void)state;
    fcr__office_hours hours;
    office_8_to_5(&hours, load_file("America_New_York.tzif"));
    assert_int_equal(fcr__office_hours_add_holiday(&hours, 2026, 11, 11), FCR_OK);

    assert_true(fcr__office_is_open(&hours, at("2026-11-10T08:00:00-05:00")));
    assert_true(fcr__office_is_open(&hours, at("2026-11-10T16:59:59.999-05:00")));
    assert_false(fcr__office_is_open(&hours, at("2026-11-10T17:00:00-05:00")));
    assert_false(fcr__office_is_open(&hours, at("2026-11-10T07:59:59.999-05:00")));
    assert_false(fcr__office_is_open(&hours, at("2026-11-11T10:00:00-05:00")));  /* holiday */
    assert_false(fcr__office_is_open(&hours, at("2026-11-14T10:00:00-05:00")));  /* Saturday */
    /* 12:30Z is 08:30 in summer (open) but 07:30 in winter (closed). */
    assert_true(fcr__office_is_open(&hours, at("2026-07-14T12:30:00Z")));
    assert_false(fcr__office_is_open(&hours, at("2026-01-13T12:30:00Z")));
    assert_false(fcr__office_is_open(&hours, FCR_TIME_MAX + 1));
    assert_false(fcr__office_is_open(NULL, 0));

    int64_t holiday = fcr__days_from_civil(2026, 11, 11);
    assert_false(fcr__office_is_business_day(&hours, holiday));
    assert_true(fcr__office_is_business_day(&hours, holiday - 1));
    assert_false(fcr__office_is_business_day(&hours, holiday + 3));
    assert_false(fcr__office_is_business_day(NULL, holiday));
    fcr__office_hours_free(&hours);
}

static void business_holiday_list(void **state)
{
    (void)state;
    fcr__office_hours hours;
    assert_int_equal(fcr__office_hours_init(&hours), FCR_OK);

    assert_int_equal(fcr__office_hours_add_holiday(&hours, 2026, 12, 25), FCR_OK);
    assert_int_equal(fcr__office_hours_add_holiday(&hours, 2026, 1, 1), FCR_OK);
    assert_int_equal(fcr__office_hours_add_holiday(&hours, 2026, 7, 4), FCR_OK);
    assert_int_equal(fcr__office_hours_add_holiday(&hours, 2026, 7, 4), FCR_OK);
    assert_int_equal(hours.holiday_count, 3);
    assert_int_equal(hours.holidays[0], fcr__days_from_civil(2026, 1, 1));
    assert_int_equal(hours.holidays[1], fcr__days_from_civil(2026, 7, 4));
    assert_int_equal(hours.holidays[2], fcr__days_from_civil(2026, 12, 25));

    assert_int_equal(fcr__office_hours_add_holiday(&hours, 2026, 2, 29), FCR_EINVAL);
    assert_int_equal(fcr__office_hours_add_holiday(&hours, 2026, 13, 1), FCR_EINVAL);
    assert_int_equal(fcr__office_hours_add_holiday(&hours, 2026, 0, 1), FCR_EINVAL);
    assert_int_equal(fcr__office_hours_add_holiday(&hours, 0, 1, 1), FCR_EINVAL);
    assert_int_equal(fcr__office_hours_add_holiday(&hours, 10000, 1, 1), FCR_EINVAL);
    assert_int_equal(fcr__office_hours_add_holiday(&hours, 2024, 2, 29), FCR_OK);
    assert_int_equal(fcr__office_hours_add_holiday(NULL, 2024, 2, 29), FCR_EINVAL);
    assert_int_equal(hours.holiday_count, 4);
    fcr__office_hours_free(&hours);
}

static void business_init_copy_free(void **state)
{
    (void)state;
    fcr__office_hours hours;
    assert_int_equal(fcr__office_hours_init(&hours), FCR_OK);
    assert_non_null(hours.zone);
    assert_string_equal(fcr__zone_name(hours.zone), "UTC");
    for (int day = 1; day <= 7; day++)
        assert_int_equal(hours.week[day].count, 0);
    assert_int_equal(hours.holiday_count, 0);
    fcr__office_hours_free(&hours);
    fcr__office_hours_free(&hours);
    fcr__office_hours_free(NULL);

    fcr__office_hours source, copy;
    office_8_to_5(&source, load_file("America_Los_Angeles.tzif"));
    assert_int_equal(fcr__office_hours_add_holiday(&source, 2026, 11, 9), FCR_OK);
    assert_int_equal(fcr__office_hours_copy(&copy, &source), FCR_OK);
    fcr__office_hours_free(&source);

    expect_minutes(&copy, "2026-11-06T16:30:00-08:00", 240, "2026-11-10T11:30:00-08:00");
    assert_string_equal(fcr__zone_name(copy.zone), "America_Los_Angeles.tzif");

    fcr__office_hours_set_zone(&copy, fixed_zone(3600));
    assert_string_equal(fcr__zone_name(copy.zone), "+01:00");
    fcr__office_hours_set_zone(&copy, copy.zone);
    assert_string_equal(fcr__zone_name(copy.zone), "+01:00");
    fcr__office_hours_free(&copy);

    assert_int_equal(fcr__office_hours_copy(NULL, &copy), FCR_EINVAL);
    assert_int_equal(fcr__office_hours_init(NULL), FCR_EINVAL);
}

static void business_out_of_memory(void **state)
{
    (void)state;
    long baseline = test_alloc_outstanding();
    fcr__office_hours source;
    office_8_to_5(&source, load_file("America_New_York.tzif"));
    assert_int_equal(fcr__office_hours_add_holiday(&source, 2026, 11, 9), FCR_OK);

    for (unsigned long fail = 1;; fail++) {
        fcr__office_hours copy;
        memset(&copy, 0x5a, sizeof copy);
        test_alloc_fail_at(fail);
        fcr_status status = fcr__office_hours_copy(&copy, &source);
        test_alloc_fail_at(0);
        if (status == FCR_OK) {
            fcr__office_hours_free(&copy);
            break;
        }
        assert_int_equal(status, FCR_ENOMEM);
    }

    test_alloc_fail_at(1);
    assert_int_equal(fcr__office_hours_add_holiday(&source, 2026, 12, 25), FCR_ENOMEM);
    test_alloc_fail_at(0);
    assert_int_equal(source.holiday_count, 1);

    fcr__office_hours_free(&source);
    assert_int_equal(test_alloc_outstanding(), baseline);
}

int main(void)
{
    test_alloc_install();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(business_friday_example_utc),
        cmocka_unit_test(business_fixed_offsets),
        cmocka_unit_test(business_across_dst_changes),
        cmocka_unit_test(business_starts_in_closed_time),
        cmocka_unit_test(business_zero_minutes),
        cmocka_unit_test(business_holidays),
        cmocka_unit_test(business_lunch_breaks),
        cmocka_unit_test(business_long_durations),
        cmocka_unit_test(business_matches_reference_walk),
        cmocka_unit_test(business_round_the_clock_office),
        cmocka_unit_test(business_always_open_is_real_time),
        cmocka_unit_test(business_hours_inside_gap),
        cmocka_unit_test(business_fall_back_across_midnight),
        cmocka_unit_test(business_no_open_hours),
        cmocka_unit_test(business_result_past_limit),
        cmocka_unit_test(business_rejects_bad_arguments),
        cmocka_unit_test(business_days_examples),
        cmocka_unit_test(business_days_across_dst),
        cmocka_unit_test(business_days_long_spans),
        cmocka_unit_test(business_is_open),
        cmocka_unit_test(business_holiday_list),
        cmocka_unit_test(business_init_copy_free),
        cmocka_unit_test(business_out_of_memory),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
