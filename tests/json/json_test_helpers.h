/* SPDX-License-Identifier: MIT */
/* Helpers shared by the JSON unit tests. A canonical text form of a token
 * sequence lets two parses be compared with one string compare, and a read
 * function hands out a buffer a few bytes at a time. */
#ifndef FCR_JSON_TEST_HELPERS_H
#define FCR_JSON_TEST_HELPERS_H

#include <stdio.h>
#include <string.h>

#include "json.h"
#include "test_support.h"

/* Appends one token to out: strings as S/K with every byte in hex, numbers
 * as N with their source text, the rest as a single character. */
static inline void json_test_describe(fcr__json_parser *parser, fcr__json_token token,
                                      fcr__strbuf *out)
{
    static const char hex[] = "0123456789abcdef";
    size_t length;
    const char *text;

    switch (token) {
    case FCR__JSON_OBJECT_BEGIN: fcr__strbuf_puts(out, "{ "); return;
    case FCR__JSON_OBJECT_END: fcr__strbuf_puts(out, "} "); return;
    case FCR__JSON_ARRAY_BEGIN: fcr__strbuf_puts(out, "[ "); return;
    case FCR__JSON_ARRAY_END: fcr__strbuf_puts(out, "] "); return;
    case FCR__JSON_TRUE: fcr__strbuf_puts(out, "t "); return;
    case FCR__JSON_FALSE: fcr__strbuf_puts(out, "f "); return;
    case FCR__JSON_NULL: fcr__strbuf_puts(out, "n "); return;
    case FCR__JSON_NUMBER:
        text = fcr__json_number_text(parser, &length);
        fcr__strbuf_puts(out, "N:");
        fcr__strbuf_append(out, text, length);
        fcr__strbuf_putc(out, ' ');
        return;
    case FCR__JSON_KEY:
    case FCR__JSON_STRING:
        text = fcr__json_string(parser, &length);
        assert_non_null(text);
        assert_int_equal(text[length], '\0');
        fcr__strbuf_puts(out, token == FCR__JSON_KEY ? "K:" : "S:");
        for (size_t i = 0; i < length; i++) {
            unsigned char c = (unsigned char)text[i];
            fcr__strbuf_putc(out, hex[c >> 4]);
            fcr__strbuf_putc(out, hex[c & 15]);
        }
        fcr__strbuf_putc(out, ' ');
        return;
    default:
        fcr__strbuf_puts(out, "? ");
        return;
    }
}

/* Parses one document and appends its tokens to out. Returns the last
 * token: FCR__JSON_END or FCR__JSON_ERROR. */
static inline fcr__json_token json_test_dump(fcr__json_parser *parser, const char *data,
                                             size_t length, fcr__strbuf *out)
{
    fcr__json_parser_reset(parser, data, length, "<test>");
    for (;;) {
        fcr__json_token token = fcr__json_next(parser);
        if (token == FCR__JSON_END || token == FCR__JSON_ERROR)
            return token;
        json_test_describe(parser, token, out);
    }
}

/* A reader over a memory buffer that returns at most `step` bytes a call. */
struct json_test_reader {
    const char *data;
    size_t length;
    size_t at;
    size_t step;
    unsigned long calls;
};

static inline ptrdiff_t json_test_read(void *userdata, char *buffer, size_t size)
{
    struct json_test_reader *reader = userdata;
    size_t left = reader->length - reader->at;
    size_t n = left < size ? left : size;
    if (n > reader->step)
        n = reader->step;

    memcpy(buffer, reader->data + reader->at, n);
    reader->at += n;
    reader->calls++;
    return (ptrdiff_t)n;
}

/* Reads every value of a stream and appends their tokens to out, one line
 * per value. Returns FCR_OK at the end of input or the failing status. */
static inline fcr_status json_test_dump_stream(fcr__json_stream *stream, fcr__strbuf *out)
{
    fcr__json_parser *parser = fcr__json_stream_parser(stream);
    for (;;) {
        bool more;
        fcr_status status = fcr__json_stream_begin(stream, &more, NULL);
        if (status != FCR_OK)
            return status;
        if (!more)
            return FCR_OK;

        size_t mark = out->length;
        for (;;) {
            fcr__json_token token = fcr__json_next(parser);
            if (token == FCR__JSON_END)
                break;
            if (token == FCR__JSON_ERROR)
                return fcr_last_error_status();
            if (token == FCR__JSON_NEED_MORE) {
                /* Everything built from this value so far is discarded. */
                out->length = mark;
                if (out->data != NULL)
                    out->data[mark] = '\0';
                status = fcr__json_stream_refill(stream);
                if (status != FCR_OK)
                    return status;
                continue;
            }
            json_test_describe(parser, token, out);
        }
        fcr__json_stream_end(stream);
        fcr__strbuf_putc(out, '\n');
    }
}

#endif
