/* SPDX-License-Identifier: MIT */
#include <stdio.h>

#include "civil_time.h"
#include "local_time.h"
#include "model.h"

static const char *const month_names[12] = {
    "January", "February", "March",     "April",   "May",      "June",
    "July",    "August",   "September", "October", "November", "December",
};

static const char *const weekday_names[7] = {
    "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
};

const char *fcr__month_name(int month)
{
    return month >= 1 && month <= 12 ? month_names[month - 1] : "?";
}

const char *fcr__weekday_name(int weekday)
{
    return weekday >= 1 && weekday <= 7 ? weekday_names[weekday - 1] : "?";
}

void fcr__local_time_of(fcr__local_time *out, const fcr_policy *policy, fcr_time time)
{
    const fcr__zone *zone = policy != NULL ? policy->office.zone : NULL;
    int64_t local = fcr__zone_to_local(zone, time);
    int64_t days = fcr__floor_div(local, FCR__MS_PER_DAY);
    int64_t ms_of_day = local - days * FCR__MS_PER_DAY;

    fcr__civil_from_days(days, &out->year, &out->month, &out->day);
    out->hour = (int)(ms_of_day / FCR__MS_PER_HOUR);
    out->minute = (int)(ms_of_day % FCR__MS_PER_HOUR / FCR__MS_PER_MINUTE);
    out->second = (int)(ms_of_day % FCR__MS_PER_MINUTE / FCR__MS_PER_SECOND);
    out->weekday = fcr__iso_weekday(days);
    out->day_number = days;
    out->offset = fcr__zone_offset(zone, time);
}

void fcr__local_format_stamp(char out[FCR__LOCAL_TEXT_SIZE], const fcr_policy *policy,
                             fcr_time time)
{
    fcr__local_time local;
    fcr__local_time_of(&local, policy, time);

    /* RFC 3339 offsets have minutes only; the seconds of old local mean
     * time offsets are dropped. */
    int32_t magnitude = local.offset < 0 ? -local.offset : local.offset;
    snprintf(out, FCR__LOCAL_TEXT_SIZE, "%04lld-%02d-%02d %02d:%02d %c%02d:%02d",
             (long long)local.year, local.month, local.day, local.hour, local.minute,
             local.offset < 0 ? '-' : '+', (int)(magnitude / 3600), (int)(magnitude % 3600 / 60));
}

void fcr__local_format_clock12(char out[FCR__LOCAL_TEXT_SIZE], const fcr__local_time *local)
{
    int hour = local->hour % 12;
    snprintf(out, FCR__LOCAL_TEXT_SIZE, "%d:%02d %s", hour == 0 ? 12 : hour, local->minute,
             local->hour < 12 ? "AM" : "PM");
}

void fcr__local_format_long_date(char out[FCR__LOCAL_TEXT_SIZE], const fcr__local_time *local,
                                 int64_t reference_year)
{
    if (local->year == reference_year)
        snprintf(out, FCR__LOCAL_TEXT_SIZE, "%s, %s %d", fcr__weekday_name(local->weekday),
                 fcr__month_name(local->month), local->day);
    else
        snprintf(out, FCR__LOCAL_TEXT_SIZE, "%s, %s %d, %lld", fcr__weekday_name(local->weekday),
                 fcr__month_name(local->month), local->day, (long long)local->year);
}
