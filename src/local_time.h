/* SPDX-License-Identifier: MIT */
/*
 * Wall-clock time in the office's time zone, as notes and recaps show it.
 * Month and weekday names are English constants and numbers are written
 * with integer formats only, so the output never depends on the process's
 * TZ or locale.
 */
#ifndef FCR_LOCAL_TIME_H
#define FCR_LOCAL_TIME_H

#include <stdint.h>

#include "fcr/policy.h"
#include "fcr/time.h"

/* An instant broken down in the office's zone. */
typedef struct fcr__local_time {
    int64_t year;
    int month;          /* 1-12 */
    int day;            /* 1-31 */
    int hour;           /* 0-23 */
    int minute;         /* 0-59 */
    int second;         /* 0-59 */
    int weekday;        /* ISO: 1 = Monday ... 7 = Sunday */
    int64_t day_number; /* local date as days since 1970-01-01 */
    int32_t offset;     /* seconds east of UTC in effect at the instant */
} fcr__local_time;

/* Breaks `time` down in the zone of `policy` (UTC for a policy without a
 * zone). */
void fcr__local_time_of(fcr__local_time *out, const fcr_policy *policy, fcr_time time);

/* English names: month 1-12, ISO weekday 1-7. Out of range gives "?". */
const char *fcr__month_name(int month);
const char *fcr__weekday_name(int weekday);

/* Buffer size for every fcr__local_format_* function, NUL included. */
#define FCR__LOCAL_TEXT_SIZE 64

/* Writes "2026-11-10 09:02 -05:00": date, 24-hour clock to the minute, and
 * the UTC offset in effect. Seconds are dropped, not rounded. */
void fcr__local_format_stamp(char out[FCR__LOCAL_TEXT_SIZE], const fcr_policy *policy,
                             fcr_time time);

/* Writes the 12-hour clock time without a leading zero: "2:00 PM",
 * "12:30 AM" for half past midnight. */
void fcr__local_format_clock12(char out[FCR__LOCAL_TEXT_SIZE], const fcr__local_time *local);

/* Writes the date as "Monday, November 16", adding ", 2027" when the year
 * differs from `reference_year`. */
void fcr__local_format_long_date(char out[FCR__LOCAL_TEXT_SIZE], const fcr__local_time *local,
                                 int64_t reference_year);

#endif /* FCR_LOCAL_TIME_H */
