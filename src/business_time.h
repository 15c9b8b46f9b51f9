/* SPDX-License-Identifier: MIT */
/*
 * Office hours and business-time arithmetic: "4 business hours after Friday
 * 16:30" for an office open 8:00-17:00 on weekdays is Monday 11:30. Hours are
 * wall-clock times in the office's zone and hold across daylight-saving
 * changes.
 */
#ifndef FCR_BUSINESS_TIME_H
#define FCR_BUSINESS_TIME_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "fcr/time.h"
#include "timezone.h"

#define FCR__MAX_INTERVALS_PER_DAY 4

/* Open intervals of one weekday, in minutes after local midnight,
 * open < close, sorted, not overlapping. count 0 means closed all day. */
typedef struct fcr__day_hours {
    int count;
    int open[FCR__MAX_INTERVALS_PER_DAY];
    int close[FCR__MAX_INTERVALS_PER_DAY]; /* at most 1440 */
} fcr__day_hours;

typedef struct fcr__office_hours {
    fcr__zone *zone;             /* owned */
    fcr__day_hours week[8];      /* index 1 = Monday ... 7 = Sunday; 0 unused */
    int64_t *holidays;           /* local day numbers (see civil_time.h), sorted, owned */
    size_t holiday_count;
} fcr__office_hours;

/* Initializes hours with no open time, in UTC. */
fcr_status fcr__office_hours_init(fcr__office_hours *hours);
void fcr__office_hours_free(fcr__office_hours *hours);

/* Copies src into dst (deep copy of the zone and holidays). dst is
 * overwritten without being freed, so it must not own anything yet; on
 * failure it is left unchanged. */
fcr_status fcr__office_hours_copy(fcr__office_hours *dst, const fcr__office_hours *src);

/* Replaces the zone (takes ownership). */
void fcr__office_hours_set_zone(fcr__office_hours *hours, fcr__zone *zone);

/* Adds a holiday given as a local date. Keeps the list sorted and unique.
 * FCR_EINVAL when the date does not exist or lies outside 0001-9999. */
fcr_status fcr__office_hours_add_holiday(fcr__office_hours *hours, int64_t year, int month, int day);

/* Checks that every weekday has 0 to 4 intervals, each opening before it
 * closes, closing at most at 1440 (24:00), in order and without overlap.
 * Returns FCR_EINVAL naming the weekday (also as the error field) and the
 * 1-based interval. The business-time functions run this check first. */
fcr_status fcr__office_hours_check(const fcr__office_hours *hours);

/* True when the office is open on that local day (weekday open, not a holiday). */
bool fcr__office_is_business_day(const fcr__office_hours *hours, int64_t local_day);

/* True when the office is open at instant `time`. */
bool fcr__office_is_open(const fcr__office_hours *hours, fcr_time time);

/* Computes the instant when `minutes` of open office time have passed after
 * `from`. Time before opening, after closing, on closed days and holidays
 * does not count. A start inside closed time counts from the next opening.
 * minutes == 0 gives `from` itself when open, else the next opening.
 * Returns FCR_ERECORD when the office is never open (no open hours in the
 * week), so no due time exists, and FCR_ELIMIT when the result would pass
 * FCR_TIME_MAX. */
fcr_status fcr__business_add_minutes(fcr_time *out, const fcr__office_hours *hours,
                                     fcr_time from, int64_t minutes);

/* Computes the end of a window of `days` business days that starts at
 * `from`: the same local wall-clock time as `from`, on the days-th business
 * day after the local date of `from`. Friday 10:00 plus 3 business days is
 * Wednesday 10:00, and so is Saturday 10:00 plus 3. Used for repeat windows
 * such as "3 business days". When that wall-clock time does not exist on the
 * end day (a daylight-saving gap), the rule of fcr__zone_from_local()
 * applies. FCR_ERECORD when no weekday is ever open. */
fcr_status fcr__business_add_days(fcr_time *out, const fcr__office_hours *hours,
                                  fcr_time from, int64_t days);

#endif
