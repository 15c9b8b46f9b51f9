/* SPDX-License-Identifier: MIT */
/*
 * POSIX TZ strings as found in the footer of TZif files, such as
 * "EST5EDT,M3.2.0,M11.1.0" or "<+0530>-5:30", and the offsets they give.
 *
 * The grammar is POSIX's (IEEE Std 1003.1, section 8.3) with the extension
 * of RFC 8536 section 3.3.1: a transition time may be negative and its hour
 * may reach 167. Greenland's "M3.5.0/-1" (23:00 on the Saturday before the
 * last Sunday of March) and Israel's "M3.4.4/26" (02:00 on the Friday after
 * the fourth Thursday) need it.
 */
#include <stdio.h>
#include <string.h>

#include "civil_time.h"
#include "timezone.h"

#define SECONDS_PER_DAY INT64_C(86400)
#define MIN_NAME_LENGTH 3
#define MAX_OFFSET_HOURS 24
#define MAX_RULE_HOURS 167
#define DEFAULT_RULE_TIME (2 * 3600)

typedef struct tz_cursor {
    const char *text;
    size_t length;
    size_t pos;
} tz_cursor;

static fcr_status tz_error(const tz_cursor *in, const char *what)
{
    return fcr__error(FCR_EPARSE, "TZ string, position %zu: %s", in->pos + 1, what);
}

static bool tz_at_end(const tz_cursor *in)
{
    return in->pos >= in->length;
}

static char tz_peek(const tz_cursor *in)
{
    return tz_at_end(in) ? '\0' : in->text[in->pos];
}

static bool tz_is_digit(char c)
{
    return c >= '0' && c <= '9';
}

static bool tz_is_alpha(char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

/* Skips a zone abbreviation: three or more letters, or "<...>" with letters,
 * digits, '+' and '-' for names such as "<+0530>". The abbreviation itself
 * is not kept because nothing in libfcr prints it. */
static fcr_status skip_name(tz_cursor *in)
{
    size_t start = in->pos;

    if (tz_peek(in) == '<') {
        in->pos++;
        size_t inner = in->pos;
        while (!tz_at_end(in) && tz_peek(in) != '>') {
            char c = tz_peek(in);
            if (!tz_is_alpha(c) && !tz_is_digit(c) && c != '+' && c != '-')
                return tz_error(in, "a quoted zone abbreviation may hold only letters, digits, "
                                    "'+' and '-'");
            in->pos++;
        }
        if (tz_at_end(in))
            return tz_error(in, "missing '>' after a quoted zone abbreviation");
        if (in->pos - inner < MIN_NAME_LENGTH) {
            in->pos = start;
            return tz_error(in, "a zone abbreviation needs at least 3 characters");
        }
        in->pos++;
        return FCR_OK;
    }

    while (tz_is_alpha(tz_peek(in)))
        in->pos++;
    if (in->pos - start < MIN_NAME_LENGTH) {
        in->pos = start;
        return tz_error(in, "expected a zone abbreviation of at least 3 letters");
    }
    return FCR_OK;
}

/* Reads 1 to max_digits digits. */
static fcr_status read_digits(tz_cursor *in, int max_digits, const char *field, int *value)
{
    int result = 0, count = 0;

    while (count < max_digits && tz_is_digit(tz_peek(in))) {
        result = result * 10 + (tz_peek(in) - '0');
        in->pos++;
        count++;
    }
    if (count == 0) {
        char message[96];
        snprintf(message, sizeof message, "expected the %s", field);
        return tz_error(in, message);
    }

    *value = result;
    return FCR_OK;
}

static fcr_status check_range(tz_cursor *in, size_t start, int value, int min, int max,
                              const char *field)
{
    if (value >= min && value <= max)
        return FCR_OK;

    char message[96];
    snprintf(message, sizeof message, "%s %d is out of range (%d-%d)", field, value, min, max);
    in->pos = start;
    return tz_error(in, message);
}

/* Reads [+|-]hh[:mm[:ss]] as signed seconds, with hh at most max_hours. */
static fcr_status read_hms(tz_cursor *in, int max_hours, int32_t *seconds)
{
    int sign = 1;
    if (tz_peek(in) == '+' || tz_peek(in) == '-') {
        sign = tz_peek(in) == '-' ? -1 : 1;
        in->pos++;
    }

    int hours = 0, minutes = 0, secs = 0;
    size_t start = in->pos;
    fcr_status status = read_digits(in, 3, "hours", &hours);
    if (status == FCR_OK)
        status = check_range(in, start, hours, 0, max_hours, "hour");

    if (status == FCR_OK && tz_peek(in) == ':') {
        in->pos++;
        start = in->pos;
        status = read_digits(in, 2, "minutes", &minutes);
        if (status == FCR_OK)
            status = check_range(in, start, minutes, 0, 59, "minute");
    }
    if (status == FCR_OK && tz_peek(in) == ':') {
        in->pos++;
        start = in->pos;
        status = read_digits(in, 2, "seconds", &secs);
        if (status == FCR_OK)
            status = check_range(in, start, secs, 0, 59, "second");
    }
    if (status != FCR_OK)
        return status;

    *seconds = sign * (hours * 3600 + minutes * 60 + secs);
    return FCR_OK;
}

/* Reads a TZ offset, which counts hours west of UTC, as seconds east. */
static fcr_status read_offset(tz_cursor *in, int32_t *east)
{
    char c = tz_peek(in);
    if (!tz_is_digit(c) && c != '+' && c != '-')
        return tz_error(in, "expected a UTC offset such as 5 or -5:30");

    int32_t west = 0;
    fcr_status status = read_hms(in, MAX_OFFSET_HOURS, &west);
    if (status != FCR_OK)
        return status;
    *east = -west;
    return FCR_OK;
}

static fcr_status read_rule_date(tz_cursor *in, fcr__tz_rule_date *date)
{
    memset(date, 0, sizeof *date);
    date->time = DEFAULT_RULE_TIME;

    fcr_status status;
    size_t start;
    char c = tz_peek(in);
    if (c == 'J') {
        in->pos++;
        date->form = 'J';
        start = in->pos;
        status = read_digits(in, 3, "Julian day (1-365)", &date->day);
        if (status == FCR_OK)
            status = check_range(in, start, date->day, 1, 365, "Julian day");
    } else if (tz_is_digit(c)) {
        date->form = 'N';
        start = in->pos;
        status = read_digits(in, 3, "day of the year (0-365)", &date->day);
        if (status == FCR_OK)
            status = check_range(in, start, date->day, 0, 365, "day of the year");
    } else if (c == 'M') {
        in->pos++;
        date->form = 'M';
        start = in->pos;
        status = read_digits(in, 2, "month (1-12)", &date->month);
        if (status == FCR_OK)
            status = check_range(in, start, date->month, 1, 12, "month");
        if (status == FCR_OK && tz_peek(in) != '.')
            status = tz_error(in, "expected '.' after the month");
        if (status == FCR_OK) {
            in->pos++;
            start = in->pos;
            status = read_digits(in, 1, "week (1-5)", &date->week);
        }
        if (status == FCR_OK)
            status = check_range(in, start, date->week, 1, 5, "week");
        if (status == FCR_OK && tz_peek(in) != '.')
            status = tz_error(in, "expected '.' after the week");
        if (status == FCR_OK) {
            in->pos++;
            start = in->pos;
            status = read_digits(in, 1, "weekday (0-6)", &date->weekday);
        }
        if (status == FCR_OK)
            status = check_range(in, start, date->weekday, 0, 6, "weekday");
    } else {
        return tz_error(in, "expected a rule date: Jn, n or Mm.w.d");
    }
    if (status != FCR_OK)
        return status;

    if (tz_peek(in) == '/') {
        in->pos++;
        char next = tz_peek(in);
        if (!tz_is_digit(next) && next != '+' && next != '-')
            return tz_error(in, "expected a time after '/'");
        return read_hms(in, MAX_RULE_HOURS, &date->time);
    }
    return FCR_OK;
}

fcr_status fcr__tz_rule_parse(fcr__tz_rule *out, const char *text, size_t length)
{
    tz_cursor in = {text, length, 0};
    fcr__tz_rule rule;
    memset(&rule, 0, sizeof rule);

    if (length == 0)
        return tz_error(&in, "the TZ string is empty");

    fcr_status status = skip_name(&in);
    if (status == FCR_OK)
        status = read_offset(&in, &rule.std_offset);
    if (status != FCR_OK)
        return status;

    rule.dst_offset = rule.std_offset;
    if (tz_at_end(&in)) {
        *out = rule;
        return FCR_OK;
    }

    status = skip_name(&in);
    if (status != FCR_OK)
        return status;
    rule.has_dst = true;

    /* Without an explicit offset, daylight-saving time is one hour ahead. */
    if (tz_peek(&in) != ',' && !tz_at_end(&in))
        status = read_offset(&in, &rule.dst_offset);
    else
        rule.dst_offset = rule.std_offset + 3600;
    if (status != FCR_OK)
        return status;

    if (tz_at_end(&in))
        return tz_error(&in, "missing rule after the daylight-saving name: expected ',' "
                             "and start and end dates such as ,M3.2.0,M11.1.0");
    if (tz_peek(&in) != ',')
        return tz_error(&in, "expected ',' before the start of daylight-saving time");
    in.pos++;
    status = read_rule_date(&in, &rule.start);
    if (status != FCR_OK)
        return status;

    if (tz_peek(&in) != ',')
        return tz_error(&in, "expected ',' before the end of daylight-saving time");
    in.pos++;
    status = read_rule_date(&in, &rule.end);
    if (status != FCR_OK)
        return status;

    if (!tz_at_end(&in))
        return tz_error(&in, "unexpected text after the end of daylight-saving time");

    *out = rule;
    return FCR_OK;
}

/* Local day number of `date` in `year`. */
static int64_t rule_date_day(const fcr__tz_rule_date *date, int64_t year)
{
    int64_t january_first = fcr__days_from_civil(year, 1, 1);

    switch (date->form) {
    case 'J': {
        /* Jn never counts February 29, so J60 is always March 1. */
        int64_t day = january_first + date->day - 1;
        if (date->day >= 60 && fcr__is_leap_year(year))
            day++;
        return day;
    }
    case 'N':
        return january_first + date->day;
    default: {
        int64_t first = fcr__days_from_civil(year, date->month, 1);
        int first_weekday = fcr__iso_weekday(first) % 7; /* 0 = Sunday */
        int64_t day = first + (date->weekday - first_weekday + 7) % 7 + 7 * (date->week - 1);
        /* Week 5 means the last such weekday, which may be the fourth. */
        if (day >= first + fcr__days_in_month(year, date->month))
            day -= 7;
        return day;
    }
    }
}

/* One change between standard and daylight-saving time. */
typedef struct rule_event {
    int64_t seconds;
    bool dst;
} rule_event;

/* The two years before the year of `seconds`, that year and the two after
 * it. A transition can fall up to about nine days outside its own year (day
 * 365 of a common year is January 1, then up to 167 hours and an offset), so
 * two years on each side guarantee that some event lies at or before
 * `seconds` and that every event of the following year is present. */
#define EVENT_YEARS 5
#define EVENT_COUNT (2 * EVENT_YEARS)

static int64_t year_of_seconds(int64_t seconds)
{
    int64_t year;
    fcr__civil_from_days(fcr__floor_div(seconds, SECONDS_PER_DAY), &year, NULL, NULL);
    return year;
}

/* Fills events for the years around `year`, sorted by time. Events at the
 * same second keep year order, so that in a rule whose DST period covers
 * the whole year ("EST5EDT,0/0,J365/25") the next year's start comes after
 * the previous year's end and DST stays on. */
static void build_events(const fcr__tz_rule *rule, int64_t year, rule_event events[EVENT_COUNT])
{
    for (int i = 0; i < EVENT_YEARS; i++) {
        int64_t y = year - 2 + i;
        /* The start is given in standard time and the end in DST. */
        events[2 * i].seconds =
            rule_date_day(&rule->start, y) * SECONDS_PER_DAY + rule->start.time - rule->std_offset;
        events[2 * i].dst = true;
        events[2 * i + 1].seconds =
            rule_date_day(&rule->end, y) * SECONDS_PER_DAY + rule->end.time - rule->dst_offset;
        events[2 * i + 1].dst = false;
    }

    /* Insertion sort is stable, which keeps the year order of ties. */
    for (int i = 1; i < EVENT_COUNT; i++) {
        rule_event moving = events[i];
        int j = i - 1;
        while (j >= 0 && events[j].seconds > moving.seconds) {
            events[j + 1] = events[j];
            j--;
        }
        events[j + 1] = moving;
    }
}

/* Index of the last event at or before `seconds`; build_events guarantees
 * one exists. */
static int last_event_at(const rule_event events[EVENT_COUNT], int64_t seconds)
{
    int found = 0;
    for (int i = 0; i < EVENT_COUNT; i++) {
        if (events[i].seconds <= seconds)
            found = i;
    }
    return found;
}

static int32_t event_offset(const fcr__tz_rule *rule, const rule_event *event)
{
    return event->dst ? rule->dst_offset : rule->std_offset;
}

int32_t fcr__tz_rule_offset(const fcr__tz_rule *rule, int64_t seconds)
{
    if (!rule->has_dst)
        return rule->std_offset;

    rule_event events[EVENT_COUNT];
    build_events(rule, year_of_seconds(seconds), events);
    return event_offset(rule, &events[last_event_at(events, seconds)]);
}

bool fcr__tz_rule_next_transition(const fcr__tz_rule *rule, int64_t seconds, int64_t *next)
{
    if (!rule->has_dst || rule->std_offset == rule->dst_offset)
        return false;

    int64_t year = year_of_seconds(seconds);
    rule_event events[EVENT_COUNT];
    build_events(rule, year, events);

    /* Events of year + 3, which are not built, may fall up to about nine
     * days before that year begins, so only a change before that point is
     * certain to be the first. */
    int64_t horizon = (fcr__days_from_civil(year + 3, 1, 1) - 9) * SECONDS_PER_DAY;
    int32_t current = event_offset(rule, &events[last_event_at(events, seconds)]);

    int i = 0;
    while (i < EVENT_COUNT && events[i].seconds <= seconds)
        i++;
    while (i < EVENT_COUNT && events[i].seconds < horizon) {
        /* Among events at the same second the last one decides. */
        int last = i;
        while (last + 1 < EVENT_COUNT && events[last + 1].seconds == events[i].seconds)
            last++;

        int32_t after = event_offset(rule, &events[last]);
        if (after != current) {
            *next = events[i].seconds;
            return true;
        }
        i = last + 1;
    }
    return false;
}
