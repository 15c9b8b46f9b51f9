/* SPDX-License-Identifier: MIT */
/* Proleptic Gregorian day numbers (civil_time.h). Known values come from
 * Python's datetime.date, not from libfcr. */
#include <stdbool.h>

#include "civil_time.h"
#include "test_support.h"

typedef struct known_day {
    int64_t year;
    int month, day;
    int64_t number;
    int weekday;
} known_day;

static const known_day known_days[] = {
    {1970, 1, 1, 0, 4},         {1969, 12, 31, -1, 3},     {1969, 12, 28, -4, 7},
    {1, 1, 1, -719162, 1},      {9999, 12, 31, 2932896, 5}, {2000, 3, 1, 11017, 3},
    {1600, 3, 1, -135080, 3},   {2026, 11, 10, 20767, 2},  {1900, 2, 28, -25509, 3},
    {1900, 3, 1, -25508, 4},    {2024, 2, 29, 19782, 4},
};

static void civil_known_day_numbers(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof known_days / sizeof known_days[0]; i++) {
        const known_day *k = &known_days[i];
        assert_int_equal(fcr__days_from_civil(k->year, k->month, k->day), k->number);

        int64_t year = 0;
        int month = 0, day = 0;
        fcr__civil_from_days(k->number, &year, &month, &day);
        assert_int_equal(year, k->year);
        assert_int_equal(month, k->month);
        assert_int_equal(day, k->day);
        assert_int_equal(fcr__iso_weekday(k->number), k->weekday);
    }
}

/* Walks every day from year -400 to 10400 and checks that the dates come
 * in calendar order with no gap, that both conversions agree and that the
 * weekday advances by one. */
static void civil_every_day_round_trips(void **state)
{
    (void)state;
    int64_t first = fcr__days_from_civil(-400, 1, 1);
    int64_t last = fcr__days_from_civil(10400, 12, 31);
    int64_t year = -400;
    int month = 1, day = 1;

    for (int64_t number = first; number <= last; number++) {
        int64_t got_year = 0;
        int got_month = 0, got_day = 0;
        fcr__civil_from_days(number, &got_year, &got_month, &got_day);
        if (got_year != year || got_month != month || got_day != day)
            fail_msg("day %lld gave %lld-%d-%d, expected %lld-%d-%d", (long long)number,
                     (long long)got_year, got_month, got_day, (long long)year, month, day);
        if (fcr__days_from_civil(year, month, day) != number)
            fail_msg("%lld-%d-%d did not give day %lld", (long long)year, month, day,
                     (long long)number);
        assert_int_equal(fcr__iso_weekday(number + 1), fcr__iso_weekday(number) % 7 + 1);

        if (++day > fcr__days_in_month(year, month)) {
            day = 1;
            if (++month > 12) {
                month = 1;
                year++;
            }
        }
    }
}

static void civil_leap_years(void **state)
{
    (void)state;
    assert_true(fcr__is_leap_year(2000));
    assert_true(fcr__is_leap_year(2024));
    assert_true(fcr__is_leap_year(1600));
    assert_true(fcr__is_leap_year(4));
    assert_true(fcr__is_leap_year(0));
    assert_true(fcr__is_leap_year(-4));
    assert_false(fcr__is_leap_year(1900));
    assert_false(fcr__is_leap_year(2100));
    assert_false(fcr__is_leap_year(2023));
    assert_false(fcr__is_leap_year(1));
    assert_false(fcr__is_leap_year(-1));
    assert_false(fcr__is_leap_year(-100));
}

static void civil_days_in_month(void **state)
{
    (void)state;
    assert_int_equal(fcr__days_in_month(2024, 2), 29);
    assert_int_equal(fcr__days_in_month(2023, 2), 28);
    assert_int_equal(fcr__days_in_month(1900, 2), 28);
    assert_int_equal(fcr__days_in_month(2000, 2), 29);
    assert_int_equal(fcr__days_in_month(2026, 1), 31);
    assert_int_equal(fcr__days_in_month(2026, 4), 30);
    assert_int_equal(fcr__days_in_month(2026, 12), 31);
    assert_int_equal(fcr__days_in_month(2026, 0), 0);
    assert_int_equal(fcr__days_in_month(2026, 13), 0);
}

static void civil_day_of_time_floors(void **state)
{
    (void)state;
    assert_int_equal(fcr__day_of_time(0), 0);
    assert_int_equal(fcr__day_of_time(86399999), 0);
    assert_int_equal(fcr__day_of_time(86400000), 1);
    assert_int_equal(fcr__day_of_time(-1), -1);
    assert_int_equal(fcr__day_of_time(-86400000), -1);
    assert_int_equal(fcr__day_of_time(-86400001), -2);
    assert_int_equal(fcr__day_of_time(FCR_TIME_MIN), -719162);
    assert_int_equal(fcr__day_of_time(FCR_TIME_MAX), 2932896);
}

static void civil_floor_div(void **state)
{
    (void)state;
    assert_int_equal(fcr__floor_div(7, 2), 3);
    assert_int_equal(fcr__floor_div(-7, 2), -4);
    assert_int_equal(fcr__floor_div(-8, 2), -4);
    assert_int_equal(fcr__floor_div(0, 5), 0);
    assert_int_equal(fcr__floor_div(-1, 1000), -1);
    assert_int_equal(fcr__floor_div(INT64_MIN, 1000), INT64_MIN / 1000 - 1);
}

static void civil_null_outputs_allowed(void **state)
{
    (void)state;
    int64_t year = 0;
    fcr__civil_from_days(20767, &year, NULL, NULL);
    assert_int_equal(year, 2026);
    int day = 0;
    fcr__civil_from_days(20767, NULL, NULL, &day);
    assert_int_equal(day, 10);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(civil_known_day_numbers),
        cmocka_unit_test(civil_every_day_round_trips),
        cmocka_unit_test(civil_leap_years),
        cmocka_unit_test(civil_days_in_month),
        cmocka_unit_test(civil_day_of_time_floors),
        cmocka_unit_test(civil_floor_div),
        cmocka_unit_test(civil_null_outputs_allowed),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
