/* SPDX-License-Identifier: MIT */
/*
 * Proleptic Gregorian calendar arithmetic on day numbers (day 0 is
 * 1970-01-01).
 *
 * The conversions count years from March, so that the leap day is the last
 * day of its year and every month but February has a fixed place. Years are
 * grouped into 400-year eras of exactly 146097 days, which makes the
 * arithmetic exact for negative day numbers as well.
 */
#include "civil_time.h"

#define DAYS_PER_ERA 146097
/* Day number of 0000-03-01, the first day of era 0 in the March-based count. */
#define ERA_ZERO_DAY INT64_C(-719468)

int64_t fcr__floor_div(int64_t a, int64_t b)
{
    int64_t quotient = a / b;
    if (a % b != 0 && a < 0)
        quotient--;
    return quotient;
}

int64_t fcr__days_from_civil(int64_t year, int month, int day)
{
    /* January and February belong to the previous March-based year. */
    int64_t march_year = month <= 2 ? year - 1 : year;
    int64_t era = fcr__floor_div(march_year, 400);
    int64_t year_of_era = march_year - era * 400;

    /* Months count from March = 0. Then (153 * m + 2) / 5 is the number of
     * days before month m, because from March the month lengths repeat the
     * pattern 31, 30, 31, 30, 31 (153 days). */
    int month_from_march = month > 2 ? month - 3 : month + 9;
    int64_t day_of_year = (153 * month_from_march + 2) / 5 + day - 1;
    int64_t day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;

    return era * DAYS_PER_ERA + day_of_era + ERA_ZERO_DAY;
}

void fcr__civil_from_days(int64_t days, int64_t *year, int *month, int *day)
{
    int64_t shifted = days - ERA_ZERO_DAY;
    int64_t era = fcr__floor_div(shifted, DAYS_PER_ERA);
    int64_t day_of_era = shifted - era * DAYS_PER_ERA;

    /* Removing the leap days that precede day_of_era (one every 4 years,
     * none every 100, one every 400) leaves a count of 365-day years. */
    int64_t year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36524 - day_of_era / 146096) / 365;
    int64_t day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);

    /* Inverse of the (153 * m + 2) / 5 month table in fcr__days_from_civil. */
    int64_t month_from_march = (5 * day_of_year + 2) / 153;
    int civil_day = (int)(day_of_year - (153 * month_from_march + 2) / 5 + 1);
    int civil_month = (int)(month_from_march < 10 ? month_from_march + 3 : month_from_march - 9);
    int64_t civil_year = year_of_era + era * 400 + (civil_month <= 2 ? 1 : 0);

    if (year != NULL)
        *year = civil_year;
    if (month != NULL)
        *month = civil_month;
    if (day != NULL)
        *day = civil_day;
}

int fcr__iso_weekday(int64_t days)
{
    /* Day 0, 1970-01-01, was a Thursday: 3 days after a Monday. */
    int64_t days_since_monday = days + 3 - fcr__floor_div(days + 3, 7) * 7;
    return (int)days_since_monday + 1;
}

bool fcr__is_leap_year(int64_t year)
{
    return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

int fcr__days_in_month(int64_t year, int month)
{
    static const int lengths[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

    if (month < 1 || month > 12)
        return 0;
    if (month == 2 && fcr__is_leap_year(year))
        return 29;
    return lengths[month - 1];
}

int64_t fcr__day_of_time(fcr_time time)
{
    return fcr__floor_div(time, FCR__MS_PER_DAY);
}
