/* SPDX-License-Identifier: MIT */
/* Durations in policy files: "90m", "4h", "1h30m", "2d". */
#include "model.h"

bool fcr__parse_duration(const char *text, size_t length, fcr__business_span *out)
{
    fcr__business_span span = {0, 0};
    size_t i = 0;
    bool any = false;

    while (i < length) {
        int64_t amount = 0;
        size_t digits = 0;
        while (i < length && text[i] >= '0' && text[i] <= '9') {
            /* A year of minutes fits easily; anything near int64 limits is a typo. */
            if (amount > INT64_C(100000000))
                return false;
            amount = amount * 10 + (text[i] - '0');
            i++;
            digits++;
        }
        if (digits == 0 || i >= length)
            return false;

        switch (text[i]) {
        case 'm': span.minutes += amount; break;
        case 'h': span.minutes += amount * 60; break;
        case 'd': span.days += amount; break;
        default: return false;
        }
        i++;
        any = true;
    }

    if (!any)
        return false;
    *out = span;
    return true;
}
