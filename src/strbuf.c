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

fcr_status fcr__strbuf_printf(fcr__strbuf *buffer, const char *format, ...)
{
    /* Most texts are short, so they are formatted once into a local buffer
     * and copied. Sizing each text with a first vsnprintf() call formatted
     * every short note of a scorecard twice. */
    char local[256];
    va_list args;
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
