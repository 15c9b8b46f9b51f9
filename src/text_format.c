/* SPDX-License-Identifier: MIT */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "text_format.h"

void fcr__format_fixed(double value, int decimals, char out[32])
{
    if (decimals < 0)
        decimals = 0;
    if (decimals > 6)
        decimals = 6;
    if (!isfinite(value) || fabs(value) > 1e12) {
        snprintf(out, 32, "0");
        return;
    }

    /* Integer arithmetic keeps the decimal point a '.', which printf's %f
     * would replace with the locale's separator. */
    int64_t scale = 1;
    for (int i = 0; i < decimals; i++)
        scale *= 10;
    int64_t scaled = (int64_t)llround(fabs(value) * (double)scale);
    int64_t whole = scaled / scale;
    int64_t fraction = scaled % scale;
    const char *sign = value < 0 && scaled != 0 ? "-" : "";

    /* |value| <= 1e12 keeps the text far below 32 bytes. */
    int written;
    if (decimals == 0)
        written = snprintf(out, 32, "%s%lld", sign, (long long)whole);
    else
        written = snprintf(out, 32, "%s%lld.%0*lld", sign, (long long)whole, decimals,
                           (long long)fraction);
    if (written < 0)
        out[0] = '\0';
}

void fcr__text_append_line(fcr__strbuf *out, const char *text)
{
    size_t start = 0, i = 0;
    for (; text[i] != '\0'; i++) {
        unsigned char c = (unsigned char)text[i];
        if (c >= 0x20 && c != 0x7F)
            continue;
        fcr__strbuf_append(out, text + start, i - start);
        fcr__strbuf_putc(out, ' ');
        start = i + 1;
    }
    fcr__strbuf_append(out, text + start, i - start);
}

void fcr__csv_field(fcr__strbuf *out, const char *text)
{
    size_t length = strlen(text);
    bool quote = length > 0 && (text[0] == ' ' || text[length - 1] == ' ');
    for (size_t i = 0; i < length && !quote; i++)
        quote = text[i] == ',' || text[i] == '"' || text[i] == '\n' || text[i] == '\r';

    if (!quote) {
        fcr__strbuf_append(out, text, length);
        return;
    }
    fcr__strbuf_putc(out, '"');
    for (size_t i = 0; i < length; i++) {
        if (text[i] == '"')
            fcr__strbuf_putc(out, '"');
        fcr__strbuf_putc(out, text[i]);
    }
    fcr__strbuf_putc(out, '"');
}
