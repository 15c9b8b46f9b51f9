/* SPDX-License-Identifier: MIT */
/*
 * Office hours and business-time arithmetic.
 *
 * Open intervals are wall-clock times in the office zone. Each interval of
 * each local day is turned into a pair of UTC instants with
 * fcr__zone_from_local(), and business time is the real time that passes
 * inside those pairs. So a due time keeps its wall-clock time across
 * daylight-saving changes, and an office open through the night of a change
 * counts the hour that really passed, not the hour the clock showed.
 */
#include <string.h>

#include "business_time.h"
#include "civil_time.h"

#define MINUTES_PER_DAY 1440
#define DAYS_PER_WEEK 7

static const char *const weekday_names[8] = {
    "", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
};

/* --- the hours themselves --------------------------------------------------- */

fcr_status fcr__office_hours_init(fcr__office_hours *hours)
{
    if (hours == NULL)
        return fcr__error(FCR_EINVAL, "fcr__office_hours_init: hours must not be NULL");

    memset(hours, 0, sizeof *hours);
    return fcr__zone_fixed(&hours->zone, 0);
}

void fcr__office_hours_free(fcr__office_hours *hours)
{
    if (hours == NULL)
        return;
    fcr__zone_free(hours->zone);
    fcr__free(hours->holidays);
    memset(hours, 0, sizeof *hours);
}

fcr_status fcr__office_hours_copy(fcr__office_hours *dst, const fcr__office_hours *src)
{
    if (dst == NULL || src == NULL)
        return fcr__error(FCR_EINVAL, "fcr__office_hours_copy: dst and src must not be NULL");

    fcr__office_hours copy;
    memset(&copy, 0, sizeof copy);
    memcpy(copy.week, src->week, sizeof copy.week);

    if (src->zone != NULL) {
        fcr_status status = fcr__zone_copy(&copy.zone, src->zone);
        if (status != FCR_OK)
            return status;
    }
    if (src->holiday_count > 0) {
        copy.holidays = fcr__malloc(src->holiday_count * sizeof *copy.holidays);
        if (copy.holidays == NULL) {
            fcr__zone_free(copy.zone);
            return fcr__error_nomem();
        }
        memcpy(copy.holidays, src->holidays, src->holiday_count * sizeof *copy.holidays);
        copy.holiday_count = src->holiday_count;
    }

    *dst = copy;
    return FCR_OK;
}

void fcr__office_hours_set_zone(fcr__office_hours *hours, fcr__zone *zone)
{
    if (hours == NULL)
        return;
    if (hours->zone != zone)
        fcr__zone_free(hours->zone);
    hours->zone = zone;
}

/* Index of the first holiday on or after `day`; holiday_count when none. */
static size_t holiday_lower_bound(const fcr__office_hours *hours, int64_t day)
{
    size_t low = 0, high = hours->holiday_count;
    while (low < high) {
        size_t middle = low + (high - low) / 2;
        if (hours->holidays[middle] < day)
            low = middle + 1;
        else
            high = middle;
    }
    return low;
}

fcr_status fcr__office_hours_add_holiday(fcr__office_hours *hours, int64_t year, int month, int day)
{
    if (hours == NULL)
        return fcr__error(FCR_EINVAL, "fcr__office_hours_add_holiday: hours must not be NULL");
    if (year < 1 || year > 9999 || month < 1 || month > 12 || day < 1 ||
        day > fcr__days_in_month(year, month))
        return fcr__error(FCR_EINVAL, "holiday %04lld-%02d-%02d is not a date between 0001-01-01 "
                                      "and 9999-12-31",
                          (long long)year, month, day);

    int64_t local_day = fcr__days_from_civil(year, month, day);
    size_t index = holiday_lower_bound(hours, local_day);
    if (index < hours->holiday_count && hours->holidays[index] == local_day)
        return FCR_OK;

    /* holiday_count doubles as the capacity, because the list grows one
     * entry at a time. */
    int64_t *grown = fcr__realloc(hours->holidays, (hours->holiday_count + 1) * sizeof *grown);
    if (grown == NULL)
        return fcr__error_nomem();
    hours->holidays = grown;

    memmove(grown + index + 1, grown + index, (hours->holiday_count - index) * sizeof *grown);
    grown[index] = local_day;
    hours->holiday_count++;
    return FCR_OK;
}

fcr_status fcr__office_hours_check(const fcr__office_hours *hours)
{
    if (hours == NULL)
        return fcr__error(FCR_EINVAL, "office hours must not be NULL");

    for (int weekday = 1; weekday <= DAYS_PER_WEEK; weekday++) {
        const fcr__day_hours *day = &hours->week[weekday];
        if (day->count < 0 || day->count > FCR__MAX_INTERVALS_PER_DAY)
            return fcr__error_field(FCR_EINVAL, weekday_names[weekday],
                                    "office hours for %s have %d intervals; 0 to %d are allowed",
                                    weekday_names[weekday], day->count,
                                    FCR__MAX_INTERVALS_PER_DAY);

        int previous_close = 0;
        for (int i = 0; i < day->count; i++) {
            if (day->open[i] < previous_close || day->open[i] >= day->close[i] ||
                day->close[i] > MINUTES_PER_DAY)
                return fcr__error_field(FCR_EINVAL, weekday_names[weekday],
                                        "office hours for %s, interval %d: opening must come "
                                        "before closing, closing at most 24:00, and intervals "
                                        "in order without overlap",
                                        weekday_names[weekday], i + 1);
            previous_close = day->close[i];
        }
    }
    return FCR_OK;
}

static bool is_holiday(const fcr__office_hours *hours, int64_t local_day)
{
    size_t index = holiday_lower_bound(hours, local_day);
    return index < hours->holiday_count && hours->holidays[index] == local_day;
}

bool fcr__office_is_business_day(const fcr__office_hours *hours, int64_t local_day)
{
    if (hours == NULL)
        return false;
    return hours->week[fcr__iso_weekday(local_day)].count > 0 && !is_holiday(hours, local_day);
}

/* UTC instants at which interval `index` of local day `day` opens and
 * closes. */
static void interval_instants(const fcr__office_hours *hours, int64_t day, int index,
                              fcr_time *open, fcr_time *close)
{
    const fcr__day_hours *day_hours = &hours->week[fcr__iso_weekday(day)];
    int64_t midnight = day * FCR__MS_PER_DAY;
    *open = fcr__zone_from_local(hours->zone, midnight + day_hours->open[index] * FCR__MS_PER_MINUTE);
    *close =
        fcr__zone_from_local(hours->zone, midnight + day_hours->close[index] * FCR__MS_PER_MINUTE);
}

bool fcr__office_is_open(const fcr__office_hours *hours, fcr_time time)
{
    if (hours == NULL || time < FCR_TIME_MIN || time > FCR_TIME_MAX)
        return false;

    /* When the clock falls back across midnight, the repeated late evening
     * of one day comes after the start of the next, so an instant can lie in
     * an interval of the day after its own local day. */
    int64_t today = fcr__day_of_time(fcr__zone_to_local(hours->zone, time));
    for (int64_t day = today; day <= today + 1; day++) {
        if (!fcr__office_is_business_day(hours, day))
            continue;
        for (int i = 0; i < hours->week[fcr__iso_weekday(day)].count; i++) {
            fcr_time open, close;
            interval_instants(hours, day, i, &open, &close);
            if (open <= time && time < close)
                return true;
        }
    }
    return false;
}

/* --- adding business time --------------------------------------------------- */

/* Open minutes in a week without holidays or offset changes. */
static int64_t week_open_minutes(const fcr__office_hours *hours)
{
    int64_t total = 0;
    for (int weekday = 1; weekday <= DAYS_PER_WEEK; weekday++) {
        const fcr__day_hours *day = &hours->week[weekday];
        for (int i = 0; i < day->count; i++)
            total += day->close[i] - day->open[i];
    }
    return total;
}

static int week_open_days(const fcr__office_hours *hours)
{
    int count = 0;
    for (int weekday = 1; weekday <= DAYS_PER_WEEK; weekday++) {
        if (hours->week[weekday].count > 0)
            count++;
    }
    return count;
}

static fcr_status check_arguments(const fcr_time *out, const fcr__office_hours *hours,
                                  fcr_time from, int64_t amount, const char *function)
{
    if (out == NULL || hours == NULL)
        return fcr__error(FCR_EINVAL, "%s: out and hours must not be NULL", function);
    if (from < FCR_TIME_MIN || from > FCR_TIME_MAX)
        return fcr__error(FCR_EINVAL, "%s: the start instant is out of range", function);
    if (amount < 0)
        return fcr__error(FCR_EINVAL, "%s: the amount of business time must not be negative",
                          function);

    fcr_status status = fcr__office_hours_check(hours);
    if (status != FCR_OK)
        return status;

    if (week_open_minutes(hours) == 0)
        return fcr__error(FCR_ERECORD, "office hours have no open time on any weekday, so no "
                                       "business-time due time exists; add opening hours to "
                                       "the policy");
    return FCR_OK;
}

static fcr_status past_limit(void)
{
    return fcr__error(FCR_ELIMIT, "the due time would fall after 9999-12-31T23:59:59.999Z, the "
                                  "latest instant libfcr supports");
}

/* Number of whole weeks from local day `day` on that can be skipped without
 * looking at each day: no holiday and no offset change falls in them, so each
 * has exactly week_ms of open time. `day_start` is the instant of the day's
 * local midnight. */
static int64_t clean_weeks(const fcr__office_hours *hours, int64_t day, fcr_time day_start)
{
    int64_t weeks = INT64_MAX;

    size_t next_holiday = holiday_lower_bound(hours, day);
    if (next_holiday < hours->holiday_count)
        weeks = (hours->holidays[next_holiday] - day) / DAYS_PER_WEEK;

    /* Every interval of a day before the local day of the next change, even
     * one closing at 24:00, ends by the change, so its real length equals
     * its wall-clock length. */
    fcr_time change = 0;
    if (fcr__zone_next_transition(hours->zone, day_start - 1, &change)) {
        int64_t change_day = fcr__day_of_time(fcr__zone_to_local(hours->zone, change - 1));
        int64_t before = (change_day - day) / DAYS_PER_WEEK;
        if (before < weeks)
            weeks = before;
    }
    return weeks < 0 ? 0 : weeks;
}

fcr_status fcr__business_add_minutes(fcr_time *out, const fcr__office_hours *hours,
                                     fcr_time from, int64_t minutes)
{
    fcr_status status = check_arguments(out, hours, from, minutes, "fcr__business_add_minutes");
    if (status != FCR_OK)
        return status;

    /* Each business minute is at least one real minute, which bounds the
     * result and keeps the millisecond count below from overflowing. */
    if (minutes > (FCR_TIME_MAX - from) / FCR__MS_PER_MINUTE)
        return past_limit();

    int64_t remaining = minutes * FCR__MS_PER_MINUTE;
    int64_t week_ms = week_open_minutes(hours) * FCR__MS_PER_MINUTE;
    int64_t last_day = fcr__day_of_time(FCR_TIME_MAX) + 2;

    /* Intervals of earlier local days end by `from`, because each closes
     * at or before the first instant of the next day's midnight. */
    int64_t day = fcr__day_of_time(fcr__zone_to_local(hours->zone, from));

    for (;;) {
        if (day > last_day)
            return past_limit();

        fcr_time day_start = fcr__zone_from_local(hours->zone, day * FCR__MS_PER_DAY);
        if (remaining > week_ms && day_start >= from) {
            int64_t weeks = clean_weeks(hours, day, day_start);
            int64_t wanted = (remaining - 1) / week_ms;
            if (wanted < weeks)
                weeks = wanted;
            if (weeks > 0) {
                day += weeks * DAYS_PER_WEEK;
                remaining -= weeks * week_ms;
                continue;
            }
        }

        if (fcr__office_is_business_day(hours, day)) {
            for (int i = 0; i < hours->week[fcr__iso_weekday(day)].count; i++) {
                fcr_time open, close;
                interval_instants(hours, day, i, &open, &close);
                if (open < from)
                    open = from;
                if (close <= open)
                    continue;

                /* Ending exactly at closing time is allowed: 16:30 plus 30
                 * minutes is 17:00 the same day, not the next opening. */
                if (remaining <= close - open) {
                    fcr_time due = open + remaining;
                    if (due > FCR_TIME_MAX)
                        return past_limit();
                    *out = due;
                    return FCR_OK;
                }
                remaining -= close - open;
            }
        }
        day++;
    }
}

/* Business days in local days (day, day + 7 * weeks], all weeks whole. */
static int64_t business_days_in_weeks(const fcr__office_hours *hours, int64_t day, int64_t weeks,
                                      int open_days)
{
    int64_t count = weeks * open_days;
    for (size_t i = holiday_lower_bound(hours, day + 1);
         i < hours->holiday_count && hours->holidays[i] <= day + weeks * DAYS_PER_WEEK; i++) {
        if (hours->week[fcr__iso_weekday(hours->holidays[i])].count > 0)
            count--;
    }
    return count;
}

fcr_status fcr__business_add_days(fcr_time *out, const fcr__office_hours *hours, fcr_time from,
                                  int64_t days)
{
    fcr_status status = check_arguments(out, hours, from, days, "fcr__business_add_days");
    if (status != FCR_OK)
        return status;

    if (days == 0) {
        *out = from;
        return FCR_OK;
    }

    int64_t local = fcr__zone_to_local(hours->zone, from);
    int64_t day = fcr__day_of_time(local);
    int64_t time_of_day = local - day * FCR__MS_PER_DAY;
    int64_t last_day = fcr__day_of_time(FCR_TIME_MAX) + 1;

    /* Each business day is at least one calendar day. */
    if (days > last_day - day)
        return past_limit();

    int open_days = week_open_days(hours);
    int64_t remaining = days;
    while (remaining > 0) {
        if (day > last_day)
            return past_limit();

        /* The skipped weeks contain at most remaining - 1 business days,
         * and holidays only lower that count, so the skip never overshoots. */
        if (remaining > open_days) {
            int64_t weeks = (remaining - 1) / open_days;
            remaining -= business_days_in_weeks(hours, day, weeks, open_days);
            day += weeks * DAYS_PER_WEEK;
            continue;
        }

        day++;
        if (fcr__office_is_business_day(hours, day))
            remaining--;
    }

    fcr_time due = fcr__zone_from_local(hours->zone, day * FCR__MS_PER_DAY + time_of_day);
    if (due > FCR_TIME_MAX)
        return past_limit();
    *out = due;
    return FCR_OK;
}
