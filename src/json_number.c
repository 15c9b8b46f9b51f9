/* SPDX-License-Identifier: MIT */
/*
 * Conversion between JSON number text and int64_t or double, independent of
 * the process locale. The library never calls setlocale() or uselocale().
 * It only reads the current decimal point to undo it in printf() output.
 */
#include <float.h>
#include <locale.h>
#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "json.h"

bool fcr__json_text_int64(const char *text, size_t length, int64_t *out)
{
    size_t i = 0;
    bool negative = false;
    if (i < length && text[i] == '-') {
        negative = true;
        i++;
    }
    if (i == length)
        return false;

    uint64_t limit = negative ? (uint64_t)INT64_MAX + 1 : (uint64_t)INT64_MAX;
    uint64_t magnitude = 0;
    for (; i < length; i++) {
        unsigned digit = (unsigned char)text[i] - (unsigned)'0';
        if (digit > 9)
            return false; /* a fraction or an exponent */
        if (magnitude > (limit - digit) / 10)
            return false;
        magnitude = magnitude * 10 + digit;
    }

    if (negative)
        *out = magnitude == limit ? INT64_MIN : -(int64_t)magnitude;
    else
        *out = (int64_t)magnitude;
    return true;
}

/* The decimal form of a number: value = digits × 10^exponent, where digits
 * has no leading or trailing zeros and at most MAX_DIGITS of them are kept. */
#define MAX_DIGITS 800
struct decimal {
    bool negative;
    bool truncated;    /* digits after the first MAX_DIGITS were dropped */
    size_t count;      /* significant digits, dropped ones included */
    size_t kept;       /* significant digits stored in `digits` */
    int64_t exponent;  /* power of ten of the last kept digit's place */
    uint64_t mantissa; /* the digits as an integer, exact when count <= 19 */
    char digits[MAX_DIGITS];
};

/* Exponents beyond this put every nonzero number far outside the double
 * range, so parsing more exponent digits cannot change the result. */
#define EXPONENT_CAP 100000000

static void decimal_append(struct decimal *number, char digit)
{
    if (number->count < 19)
        number->mantissa = number->mantissa * 10 + (uint64_t)(digit - '0');
    if (number->kept < MAX_DIGITS)
        number->digits[number->kept++] = digit;
    else
        number->truncated = true;
    number->count++;
}

/* Reads text that follows the JSON number grammar. */
static void decimal_parse(struct decimal *number, const char *text, size_t length)
{
    size_t i = 0;
    size_t zeros = 0; /* zeros seen since the last nonzero digit */
    int64_t fraction_digits = 0;
    bool in_fraction = false;

    memset(number, 0, offsetof(struct decimal, digits));
    number->negative = length > 0 && text[0] == '-';
    if (number->negative)
        i++;

    /* Zeros are held back and only stored once a nonzero digit follows, so
     * leading and trailing zeros never reach `digits`. */
    for (; i < length; i++) {
        char c = text[i];
        if (c == '.') {
            in_fraction = true;
            continue;
        }
        if (c < '0' || c > '9')
            break;

        if (in_fraction)
            fraction_digits++;
        if (c == '0') {
            if (number->count > 0)
                zeros++;
            continue;
        }
        for (; zeros > 0; zeros--)
            decimal_append(number, '0');
        decimal_append(number, c);
    }

    int64_t exponent = 0;
    if (i < length && (text[i] == 'e' || text[i] == 'E')) {
        i++;
        bool exponent_negative = i < length && text[i] == '-';
        if (i < length && (text[i] == '-' || text[i] == '+'))
            i++;
        for (; i < length && text[i] >= '0' && text[i] <= '9'; i++) {
            if (exponent < EXPONENT_CAP)
                exponent = exponent * 10 + (text[i] - '0');
        }
        if (exponent_negative)
            exponent = -exponent;
    }

    /* Trailing zeros and dropped digits each move the last kept digit one
     * place up. */
    number->exponent = exponent - fraction_digits + (int64_t)zeros +
                       (int64_t)(number->count - number->kept);
}

/* 10^0 to 10^22 are exact in a double, so one multiplication or division by
 * them rounds correctly when the mantissa is exact as well (below 2^53). */
static const double exact_powers[] = {
    1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,  1e8,  1e9,  1e10, 1e11,
    1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
};

/* Converts the common short numbers without building a struct decimal:
 * at most 19 digits, read into one integer, and a small exponent. Returns
 * false when the number needs the general path. */
static bool short_double(const char *text, size_t length, double *out)
{
    size_t i = 0;
    bool negative = text[0] == '-';
    if (negative)
        i++;

    uint64_t mantissa = 0;
    int digits = 0;
    int fraction_digits = 0;
    for (; i < length && text[i] >= '0' && text[i] <= '9'; i++, digits++)
        mantissa = mantissa * 10 + (uint64_t)(text[i] - '0');
    if (i < length && text[i] == '.') {
        for (i++; i < length && text[i] >= '0' && text[i] <= '9'; i++, digits++) {
            mantissa = mantissa * 10 + (uint64_t)(text[i] - '0');
            fraction_digits++;
        }
    }
    if (digits > 19)
        return false;

    int exponent = 0;
    if (i < length) {
        i++; /* past 'e' or 'E' */
        bool exponent_negative = i < length && text[i] == '-';
        if (i < length && (text[i] == '-' || text[i] == '+'))
            i++;
        for (int exponent_digits = 0; i < length; i++) {
            if (++exponent_digits > 4)
                return false;
            exponent = exponent * 10 + (text[i] - '0');
        }
        if (exponent_negative)
            exponent = -exponent;
    }
    exponent -= fraction_digits;

    if (mantissa > (UINT64_C(1) << 53) || exponent < -22 || exponent > 22)
        return false;
    double value = (double)mantissa;
    if (exponent >= 0)
        value *= exact_powers[exponent];
    else
        value /= exact_powers[-exponent];
    *out = negative ? -value : value;
    return true;
}

bool fcr__json_text_double(const char *text, size_t length, double *out)
{
    if (length > 0 && short_double(text, length, out))
        return true;

    struct decimal number;
    decimal_parse(&number, text, length);

    double sign = number.negative ? -1.0 : 1.0;
    if (number.count == 0) {
        *out = sign * 0.0;
        return true;
    }

    if (number.count <= 19 && number.mantissa <= (UINT64_C(1) << 53) &&
        number.exponent >= -22 && number.exponent <= 22) {
        double value = (double)number.mantissa;
        if (number.exponent >= 0)
            value *= exact_powers[number.exponent];
        else
            value /= exact_powers[-number.exponent];
        *out = sign * value;
        return true;
    }

    /* The decimal exponent of the leading digit decides the range, because
     * doubles end near 1.8e308 and the smallest subnormal is near 4.9e-324. */
    int64_t leading = number.exponent + (int64_t)number.kept;
    if (leading > 310)
        return false;
    if (leading < -330) {
        *out = sign * 0.0;
        return true;
    }

    /* strtod() reads the locale's decimal point, so it gets the digits as
     * an integer with an exponent and no point at all. Digits past
     * MAX_DIGITS are replaced by one nonzero digit. The halfway points
     * between adjacent doubles have at most 768 significant digits, so the
     * value stays on the same side of each of them.
     * NOTE: glibc's strtod() rounds correctly for any number of digits, as
     * the halfway tests in unit_json_number.c check. C11 only recommends
     * that up to DECIMAL_DIG digits, so another C library may be one unit
     * in the last place off for longer numbers. */
    char buffer[MAX_DIGITS + 32];
    size_t used = 0;
    if (number.negative)
        buffer[used++] = '-';
    memcpy(buffer + used, number.digits, number.kept);
    used += number.kept;
    int64_t exponent = number.exponent;
    if (number.truncated) {
        buffer[used++] = '1';
        exponent--;
    }
    snprintf(buffer + used, sizeof buffer - used, "e%lld", (long long)exponent);

    double value = strtod(buffer, NULL);
    if (isinf(value))
        return false;
    *out = value;
    return true;
}

/* Replaces the locale's decimal point, which printf() uses, with '.'. */
static size_t fix_decimal_point(char *text, size_t length)
{
    const char *point = localeconv()->decimal_point;
    size_t point_length = point == NULL ? 0 : strlen(point);
    if (point_length == 0 || (point_length == 1 && point[0] == '.'))
        return length;

    char *found = strstr(text, point);
    if (found == NULL)
        return length;

    *found = '.';
    size_t tail = length - (size_t)(found - text) - point_length;
    memmove(found + 1, found + point_length, tail + 1);
    return length - point_length + 1;
}

size_t fcr__json_format_double(double value, char out[FCR__JSON_DOUBLE_TEXT_SIZE])
{
    /* Every decimal with at most DBL_DIG (15) digits survives the trip to a
     * double and back, so 15 is the first precision worth trying. Subnormals
     * carry fewer digits and may have shorter forms, such as 5e-324. */
    int first = value != 0 && fabs(value) < DBL_MIN ? 1 : DBL_DIG;
    size_t length = 0;

    for (int precision = first; precision <= 17; precision++) {
        int written = snprintf(out, FCR__JSON_DOUBLE_TEXT_SIZE, "%.*g", precision, value);
        if (written < 0 || written >= FCR__JSON_DOUBLE_TEXT_SIZE) {
            out[0] = '\0';
            return 0;
        }
        length = fix_decimal_point(out, (size_t)written);

        double back;
        if (fcr__json_text_double(out, length, &back) && back == value)
            break;
    }
    return length;
}
