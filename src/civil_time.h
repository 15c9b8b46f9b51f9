/* SPDX-License-Identifier: MIT */
/* Proleptic Gregorian calendar arithmetic on day numbers, where day 0 is
 * 1970-01-01. Pure functions, valid for years 0001 to 9999 and beyond. */
#ifndef FCR_CIVIL_TIME_H
#define FCR_CIVIL_TIME_H

#include <stdbool.h>
#include <stdint.h>

#include "fcr/time.h"

#define FCR__MS_PER_SECOND INT64_C(1000)
#define FCR__MS_PER_MINUTE INT64_C(60000)
#define FCR__MS_PER_HOUR INT64_C(3600000)
#define FCR__MS_PER_DAY INT64_C(86400000)

/* Day number of a date; month 1-12, day 1-31 (not checked here). */
int64_t fcr__days_from_civil(int64_t year, int month, int day);

/* Date of a day number. */
void fcr__civil_from_days(int64_t days, int64_t *year, int *month, int *day);

/* ISO weekday of a day number: 1 = Monday ... 7 = Sunday. */
int fcr__iso_weekday(int64_t days);

bool fcr__is_leap_year(int64_t year);
int fcr__days_in_month(int64_t year, int month);

/* Floor division of a time by a day, so negative times map to earlier days. */
int64_t fcr__day_of_time(fcr_time time);

/* Quotient of a / b rounded toward minus infinity; b must be positive. */
int64_t fcr__floor_div(int64_t a, int64_t b);

#endif
