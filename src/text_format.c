/* SPDX-License-Identifier: MIT */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "text_format.h"

/* Writes the decimal digits of value, at least `width` of them with leading
 * zeros, and returns the position after the last one. */
static char *put_decimal(char *out, uint64_t value, int width)
{
    char digits[24];
    int count = 0;
    do {
        digits[count++] = (char)('0' + value % 10);
        value /= 10;
    } while (value > 0);
    while (count < width)
        digits[count++] = '0';
    while (count > 0)
        *out++ = digits[--count];
    return out;
}

void fcr__format_fixed(double value, int decimals, char out[32])
{
    if (decimals < 0)
        decimals = 0;
    if (decimals > 6)
        decimals = 6;
    if (!isfinite(value) || fabs(value) > 1e12) {
        out[0] = '0';
        out[1] = '\0';
        return;
    }

    /* Integer arithmetic keeps the decimal point a '.', which printf's %f
     * would replace with the locale's separator. The digits are written
     * here because snprintf() took nearly half of the instructions of
     * fcr_scorecard_write() for a CSV row. */
    int64_t scale = 1;
    for (int i = 0; i < decimals; i++)
        scale *= 10;
    int64_t scaled = (int64_t)llround(fabs(value) * (double)scale);
    int64_t whole = scaled / scale;
    int64_t fraction = scaled % scale;

    /* |value| <= 1e12 keeps the text far below 32 bytes. */
    char *end = out;
    if (value < 0 && scaled != 0)
        *end++ = '-';
    end = put_decimal(end, (uint64_t)whole, 1);
    if (decimals > 0) {
        *end++ = '.';
        end = put_decimal(end, (uint64_t)fraction, decimals);
    }
    *end = '\0';
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
