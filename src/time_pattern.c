/* SPDX-License-Identifier: MIT */
/* Time patterns such as "%d-%m-%Y %H:%M"; see time_pattern.h. */
#include <string.h>

#include "civil_time.h"
#include "time_pattern.h"

fcr_status fcr__time_pattern_compile(fcr__time_pattern *out, const char *pattern)
{
    static const char conversions[] = "YmdHMSfz";
    fcr__time_pattern compiled;
    size_t used = 0;
    unsigned seen = 0;

    if (pattern == NULL || pattern[0] == '\0')
        return fcr__error(FCR_EINVAL, "the time format is empty");

    /* First expand %T and %F, so that the check below sees every
     * conversion once. */
    for (size_t i = 0; pattern[i] != '\0'; i++) {
        const char *piece = pattern + i;
        size_t piece_length = 1;
        if (pattern[i] == '%' && pattern[i + 1] != '\0') {
            piece_length = 2;
            if (pattern[i + 1] == 'T') {
                piece = "%H:%M:%S";
                piece_length = 8;
            } else if (pattern[i + 1] == 'F') {
                piece = "%Y-%m-%d";
                piece_length = 8;
            }
            i++;
        }
        if (used + piece_length >= sizeof compiled.text)
            return fcr__error(FCR_EINVAL, "the time format is longer than %d bytes",
                              FCR__TIME_PATTERN_MAX - 1);
        memcpy(compiled.text + used, piece, piece_length);
        used += piece_length;
    }
    compiled.text[used] = '\0';

    for (size_t i = 0; i < used; i++) {
        if (compiled.text[i] != '%')
            continue;
        char conversion = compiled.text[++i];
        if (conversion == '%')
            continue;
        const char *found = conversion == '\0' ? NULL : strchr(conversions, conversion);
        if (found == NULL)
            return fcr__error(FCR_EINVAL,
                              "the time format has an unknown conversion; use %%Y, %%m, %%d, "
                              "%%H, %%M, %%S, %%f, %%z, %%T, %%F or %%%%");
        unsigned bit = 1u << (unsigned)(found - conversions);
        if (seen & bit)
            return fcr__error(FCR_EINVAL, "the time format uses %%%c twice", conversion);
        seen |= bit;
    }

    if ((seen & 7u) != 7u)
        return fcr__error(FCR_EINVAL, "the time format needs a year (%%Y), a month (%%m) and a "
                                      "day (%%d)");
    compiled.has_offset = (seen & (1u << 7)) != 0;
    *out = compiled;
    return FCR_OK;
}

/* Reads min_digits to max_digits decimal digits. */
static bool read_number(const char *text, size_t length, size_t *i, int min_digits,
                        int max_digits, int64_t *out)
{
    int64_t value = 0;
    int digits = 0;
    while (*i < length && digits < max_digits && text[*i] >= '0' && text[*i] <= '9') {
        value = value * 10 + (text[*i] - '0');
        (*i)++;
        digits++;
    }
    if (digits < min_digits)
        return false;
    *out = value;
    return true;
}

static bool fail(size_t at, const char *why, size_t *error_at, const char **reason)
{
    *error_at = at;
    *reason = why;
    return false;
}

static bool read_offset(const char *text, size_t length, size_t *i, int64_t *seconds)
{
    if (*i < length && (text[*i] == 'Z' || text[*i] == 'z')) {
        (*i)++;
        *seconds = 0;
        return true;
    }
    if (*i >= length || (text[*i] != '+' && text[*i] != '-'))
        return false;
    int sign = text[*i] == '-' ? -1 : 1;
    (*i)++;
    int64_t hours = 0, minutes = 0;
    if (!read_number(text, length, i, 2, 2, &hours) || hours > 18)
        return false;
    if (*i < length && text[*i] == ':')
        (*i)++;
    if (*i < length && text[*i] >= '0' && text[*i] <= '9' &&
        (!read_number(text, length, i, 2, 2, &minutes) || minutes > 59))
        return false;
    *seconds = sign * (hours * 3600 + minutes * 60);
    return true;
}

bool fcr__time_pattern_parse(const fcr__time_pattern *pattern, const char *text, size_t length,
                             const fcr__zone *zone, fcr_time *out, size_t *error_at,
                             const char **reason)
{
    int64_t year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0, millis = 0;
    int64_t offset = 0;
    size_t i = 0;

    for (const char *p = pattern->text; *p != '\0'; p++) {
        size_t start = i;
        if (*p == ' ') {
            if (i >= length || text[i] != ' ')
                return fail(i, "a space was expected", error_at, reason);
            while (i < length && text[i] == ' ')
                i++;
            continue;
        }
        if (*p != '%' || p[1] == '%') {
            if (*p == '%')
                p++;
            if (i >= length || text[i] != *p)
                return fail(i, "the text does not match the format's literal characters",
                            error_at, reason);
            i++;
            continue;
        }

        bool ok = true;
        p++;
        switch (*p) {
        case 'Y': ok = read_number(text, length, &i, 4, 4, &year) && year >= 1; break;
        case 'm': ok = read_number(text, length, &i, 1, 2, &month) && month >= 1 && month <= 12; break;
        case 'd': ok = read_number(text, length, &i, 1, 2, &day) && day >= 1; break;
        case 'H': ok = read_number(text, length, &i, 1, 2, &hour) && hour <= 23; break;
        case 'M': ok = read_number(text, length, &i, 1, 2, &minute) && minute <= 59; break;
        case 'S': ok = read_number(text, length, &i, 1, 2, &second) && second <= 60; break;
        case 'f': {
            int64_t fraction = 0;
            size_t digits_start = i;
            ok = read_number(text, length, &i, 1, 9, &fraction);
            size_t digits = i - digits_start;
            while (ok && digits > 3) {
                fraction /= 10;
                digits--;
            }
            while (ok && digits < 3) {
                fraction *= 10;
                digits++;
            }
            millis = fraction;
            break;
        }
        case 'z': ok = read_offset(text, length, &i, &offset); break;
        default: ok = false; break;
        }
        if (!ok)
            return fail(start, "a number or offset is missing or out of range", error_at, reason);
    }

    if (i != length)
        return fail(i, "text follows the end of the time format", error_at, reason);
    if (day > fcr__days_in_month(year, (int)month))
        return fail(0, "the day does not exist in that month", error_at, reason);

    /* A leap second is read as the last millisecond of its minute, as
     * fcr_time_parse() does. */
    if (second == 60) {
        second = 59;
        millis = 999;
    }

    int64_t local = fcr__days_from_civil(year, (int)month, (int)day) * FCR__MS_PER_DAY +
                    hour * FCR__MS_PER_HOUR + minute * FCR__MS_PER_MINUTE +
                    second * FCR__MS_PER_SECOND + millis;
    fcr_time time = pattern->has_offset ? local - offset * FCR__MS_PER_SECOND
                                        : fcr__zone_from_local(zone, local);
    if (time < FCR_TIME_MIN || time > FCR_TIME_MAX)
        return fail(0, "the time is out of range", error_at, reason);
    *out = time;
    return true;
}
