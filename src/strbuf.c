/* SPDX-License-Identifier: MIT */
/* A growable byte buffer that remembers an allocation failure, so that a
 * writer can append many pieces and check for FCR_ENOMEM once at the end. */
#include <stdio.h>
#include <string.h>

#include "internal.h"

fcr_status fcr__strbuf_reserve(fcr__strbuf *buffer, size_t extra)
{
    if (buffer->failed)
        return FCR_ENOMEM;
    if (extra > SIZE_MAX - buffer->length - 1) {
        buffer->failed = true;
        return fcr__error_nomem();
    }

    size_t needed = buffer->length + extra + 1;
    if (needed <= buffer->capacity)
        return FCR_OK;

    size_t capacity = buffer->capacity < 64 ? 64 : buffer->capacity;
    while (capacity < needed)
        capacity = capacity > SIZE_MAX / 2 ? needed : capacity * 2;

    char *grown = fcr__realloc(buffer->data, capacity);
    if (grown == NULL) {
        buffer->failed = true;
        return fcr__error_nomem();
    }
    buffer->data = grown;
    buffer->capacity = capacity;
    return FCR_OK;
}

fcr_status fcr__strbuf_append(fcr__strbuf *buffer, const char *data, size_t length)
{
    fcr_status status = fcr__strbuf_reserve(buffer, length);
    if (status != FCR_OK)
        return status;

    if (length > 0)
        memcpy(buffer->data + buffer->length, data, length);
    buffer->length += length;
    buffer->data[buffer->length] = '\0';
    return FCR_OK;
}

fcr_status fcr__strbuf_puts(fcr__strbuf *buffer, const char *text)
{
    return fcr__strbuf_append(buffer, text, strlen(text));
}

fcr_status fcr__strbuf_putc(fcr__strbuf *buffer, char c)
{
    return fcr__strbuf_append(buffer, &c, 1);
}

/* The length of the conversion at format[0], just after a '%', when it is
 * one that append_plain() writes: %s, %d, %u, %zu, %lld, %llu or %%.
 * Returns 0 for any other, such as one with a flag, a width or a
 * precision. */
static size_t plain_conversion_length(const char *format)
{
    switch (format[0]) {
    case 's':
    case 'd':
    case 'u':
    case '%':
        return 1;
    case 'z':
        return format[1] == 'u' ? 2 : 0;
    case 'l':
        return format[1] == 'l' && (format[2] == 'd' || format[2] == 'u') ? 3 : 0;
    default:
        return 0;
    }
}

/* The scans below find each '%' with strchr(), because glibc's strchr()
 * tests many bytes at once and a byte loop over the text of a format cost
 * more than vsnprintf() itself. */
static bool is_plain_format(const char *format)
{
    for (const char *p = strchr(format, '%'); p != NULL; p = strchr(p, '%')) {
        size_t length = plain_conversion_length(p + 1);
        if (length == 0)
            return false;
        p += 1 + length;
    }
    return true;
}

static void append_decimal(fcr__strbuf *buffer, bool negative, unsigned long long magnitude)
{
    char digits[24];
    size_t start = sizeof digits;
    do {
        digits[--start] = (char)('0' + magnitude % 10);
        magnitude /= 10;
    } while (magnitude > 0);
    if (negative)
        digits[--start] = '-';
    fcr__strbuf_append(buffer, digits + start, sizeof digits - start);
}

static void append_signed(fcr__strbuf *buffer, long long value)
{
    /* The magnitude is computed in unsigned arithmetic, where the magnitude
     * of LLONG_MIN fits. */
    unsigned long long magnitude = value < 0 ? 0 - (unsigned long long)value
                                             : (unsigned long long)value;
    append_decimal(buffer, value < 0, magnitude);
}

/* Appends a format that is_plain_format() accepted, with the same text as
 * vsnprintf() in glibc, which also writes a NULL string as "(null)". */
static void append_plain(fcr__strbuf *buffer, const char *format, va_list args)
{
    const char *literal = format;
    for (const char *p = strchr(format, '%'); p != NULL; p = strchr(literal, '%')) {
        fcr__strbuf_append(buffer, literal, (size_t)(p - literal));
        const char *conversion = p + 1;
        literal = conversion + plain_conversion_length(conversion);

        if (conversion[0] == 's') {
            const char *text = va_arg(args, const char *);
            fcr__strbuf_puts(buffer, text != NULL ? text : "(null)");
        } else if (conversion[0] == 'd') {
            append_signed(buffer, va_arg(args, int));
        } else if (conversion[0] == 'u') { // NOLINT(bugprone-branch-clone): va_arg types differ
            append_decimal(buffer, false, va_arg(args, unsigned));
        } else if (conversion[0] == 'z') {
            append_decimal(buffer, false, va_arg(args, size_t));
        } else if (conversion[0] == 'l' && conversion[2] == 'd') {
            append_signed(buffer, va_arg(args, long long));
        } else if (conversion[0] == 'l') {
            append_decimal(buffer, false, va_arg(args, unsigned long long));
        } else {
            fcr__strbuf_putc(buffer, '%');
        }
    }
    fcr__strbuf_puts(buffer, literal);
}

fcr_status fcr__strbuf_printf(fcr__strbuf *buffer, const char *format, ...)
{
    va_list args;

    /* Scorecard notes, note lines and metrics tables mostly use plain %s
     * and integer conversions, which are appended directly. vsnprintf()
     * for the notes took 5% of the instructions of fcr score, and this
     * path about half as many. */
    if (is_plain_format(format)) {
        va_start(args, format);
        append_plain(buffer, format, args);
        va_end(args);
        return buffer->failed ? FCR_ENOMEM : FCR_OK;
    }

    /* Most texts are short, so they are formatted once into a local buffer
     * and copied. Sizing each text with a first vsnprintf() call formatted
     * every short note of a scorecard twice. */
    char local[256];
    va_start(args, format);
    int needed = vsnprintf(local, sizeof local, format, args);
    va_end(args);
    if (needed < 0)
        return fcr__error(FCR_EINVAL, "internal formatting failed");
    if ((size_t)needed < sizeof local)
        return fcr__strbuf_append(buffer, local, (size_t)needed);

    fcr_status status = fcr__strbuf_reserve(buffer, (size_t)needed);
    if (status != FCR_OK)
        return status;

    va_start(args, format);
    vsnprintf(buffer->data + buffer->length, (size_t)needed + 1, format, args);
    va_end(args);
    buffer->length += (size_t)needed;
    return FCR_OK;
}

void fcr__strbuf_clear(fcr__strbuf *buffer)
{
    buffer->length = 0;
    if (buffer->data != NULL)
        buffer->data[0] = '\0';
}

char *fcr__strbuf_detach(fcr__strbuf *buffer)
{
    if (buffer->failed) {
        fcr__strbuf_free(buffer);
        fcr__error_nomem();
        return NULL;
    }
    if (buffer->data == NULL && fcr__strbuf_reserve(buffer, 0) != FCR_OK) {
        fcr__strbuf_free(buffer);
        return NULL;
    }

    char *data = buffer->data;
    // NOLINTNEXTLINE(clang-analyzer-core.NullDereference): capacity > 0 means data is set
    data[buffer->length] = '\0';
    buffer->data = NULL;
    buffer->length = 0;
    buffer->capacity = 0;
    return data;
}

void fcr__strbuf_free(fcr__strbuf *buffer)
{
    fcr__free(buffer->data);
    buffer->data = NULL;
    buffer->length = 0;
    buffer->capacity = 0;
    buffer->failed = false;
}
