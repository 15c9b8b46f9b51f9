/* SPDX-License-Identifier: MIT */
/*
 * The JSON writer, which appends compact or indented JSON to a byte buffer.
 * The first failure is kept in writer->status and every later call does
 * nothing, so callers check once at the end.
 */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "json.h"

void fcr__json_writer_init(fcr__json_writer *writer, fcr__strbuf *out, bool pretty)
{
    memset(writer, 0, sizeof *writer);
    writer->out = out;
    writer->pretty = pretty;
    writer->status = FCR_OK;
    if (out == NULL)
        writer->status = fcr__error(FCR_EINVAL, "fcr__json_writer_init: out is NULL");
}

fcr_status fcr__json_writer_status(const fcr__json_writer *writer)
{
    return writer->status;
}

static void writer_fail(fcr__json_writer *writer, fcr_status status, const char *format, ...)
    FCR__PRINTF(3, 4);

static void writer_fail(fcr__json_writer *writer, fcr_status status, const char *format, ...)
{
    if (writer->status != FCR_OK)
        return;

    va_list args;
    va_start(args, format);
    fcr__verror(status, format, args);
    va_end(args);
    writer->status = status;
}

/* Copies the buffer's own record of an allocation failure to the writer. */
static void check_buffer(fcr__json_writer *writer)
{
    if (writer->status == FCR_OK && writer->out->failed)
        writer->status = FCR_ENOMEM;
}

/* has_items has one bit per open container, for depths 1 to
 * FCR__JSON_WRITER_MAX_DEPTH. */
static bool has_items(const fcr__json_writer *writer)
{
    unsigned bit = writer->depth - 1;
    return (writer->has_items[bit / 64] >> (bit % 64)) & 1u;
}

static void set_has_items(fcr__json_writer *writer, bool value)
{
    unsigned bit = writer->depth - 1;
    uint64_t mask = UINT64_C(1) << (bit % 64);
    if (value)
        writer->has_items[bit / 64] |= mask;
    else
        writer->has_items[bit / 64] &= ~mask;
}

static void write_indent(fcr__json_writer *writer)
{
    static const char spaces[] = "                                ";
    size_t left = 2 * (size_t)writer->depth;

    fcr__strbuf_putc(writer->out, '\n');
    while (left > 0) {
        size_t piece = left < sizeof spaces - 1 ? left : sizeof spaces - 1;
        fcr__strbuf_append(writer->out, spaces, piece);
        left -= piece;
    }
}

/* Writes what is due before a key or value. That is nothing right after a
 * key, and otherwise a comma after an earlier item and, in pretty mode, a
 * new indented line. Returns false when the writer has failed.
 * NOTE: fcr__json_writer has no record of which open containers are
 * objects, so a value without a key in an object, a key in an array and
 * fcr__json_end_array() closing an object go undetected. */
static bool begin_item(fcr__json_writer *writer, bool key)
{
    if (writer->status != FCR_OK)
        return false;

    if (writer->after_key) {
        if (key) {
            writer_fail(writer, FCR_EINVAL,
                        "JSON writer: a key follows another key; write the first key's value "
                        "before the next key");
            return false;
        }
        writer->after_key = false;
        return true;
    }
    if (writer->depth == 0) {
        if (key) {
            writer_fail(writer, FCR_EINVAL,
                        "JSON writer: a key outside any object; call fcr__json_begin_object() "
                        "first");
            return false;
        }
        return true;
    }

    if (has_items(writer))
        fcr__strbuf_putc(writer->out, ',');
    set_has_items(writer, true);
    if (writer->pretty)
        write_indent(writer);
    check_buffer(writer);
    return writer->status == FCR_OK;
}

static void begin_container(fcr__json_writer *writer, char open)
{
    if (writer->status == FCR_OK && writer->depth >= FCR__JSON_WRITER_MAX_DEPTH) {
        writer_fail(writer, FCR_ELIMIT,
                    "JSON writer: arrays and objects nested deeper than %d; flatten the data",
                    FCR__JSON_WRITER_MAX_DEPTH);
        return;
    }
    if (!begin_item(writer, false))
        return;

    fcr__strbuf_putc(writer->out, open);
    writer->depth++;
    set_has_items(writer, false);
    check_buffer(writer);
}

static void end_container(fcr__json_writer *writer, char close)
{
    if (writer->status != FCR_OK)
        return;
    if (writer->depth == 0) {
        writer_fail(writer, FCR_EINVAL,
                    "JSON writer: '%c' without a matching open array or object", close);
        return;
    }
    if (writer->after_key) {
        writer_fail(writer, FCR_EINVAL,
                    "JSON writer: the object ends right after a key; write the key's value "
                    "first");
        return;
    }

    bool had_items = has_items(writer);
    set_has_items(writer, false);
    writer->depth--;
    if (writer->pretty && had_items)
        write_indent(writer);
    fcr__strbuf_putc(writer->out, close);
    check_buffer(writer);
}

void fcr__json_begin_object(fcr__json_writer *writer) { begin_container(writer, '{'); }
void fcr__json_end_object(fcr__json_writer *writer) { end_container(writer, '}'); }
void fcr__json_begin_array(fcr__json_writer *writer) { begin_container(writer, '['); }
void fcr__json_end_array(fcr__json_writer *writer) { end_container(writer, ']'); }

/* Returns the escape for a byte below 0x20, '"' or '\\', using JSON's short
 * forms where they exist, or NULL for any other byte, which is copied. */
static const char *escape_for(unsigned char c, char buffer[8])
{
    switch (c) {
    case '"': return "\\\"";
    case '\\': return "\\\\";
    case '\b': return "\\b";
    case '\f': return "\\f";
    case '\n': return "\\n";
    case '\r': return "\\r";
    case '\t': return "\\t";
    default: break;
    }
    if (c >= 0x20)
        return NULL;

    static const char hex[] = "0123456789abcdef";
    memcpy(buffer, "\\u00", 4);
    buffer[4] = hex[c >> 4];
    buffer[5] = hex[c & 15];
    buffer[6] = '\0';
    return buffer;
}

static void write_quoted(fcr__json_writer *writer, const char *text, size_t length)
{
    fcr__strbuf *out = writer->out;
    if (fcr__strbuf_reserve(out, length + 2) != FCR_OK) {
        check_buffer(writer);
        return;
    }

    fcr__strbuf_putc(out, '"');
    size_t run = 0;
    for (size_t i = 0; i < length; i++) {
        char buffer[8];
        const char *escape = escape_for((unsigned char)text[i], buffer);
        if (escape == NULL)
            continue;
        fcr__strbuf_append(out, text + run, i - run);
        fcr__strbuf_puts(out, escape);
        run = i + 1;
    }
    fcr__strbuf_append(out, text + run, length - run);
    fcr__strbuf_putc(out, '"');
    check_buffer(writer);
}

/* Checks text before anything is written, so a rejected string leaves no
 * partial output. */
static bool check_string(fcr__json_writer *writer, const char *text, size_t length,
                         const char *what)
{
    if (writer->status != FCR_OK)
        return false;
    if (text == NULL && length > 0) {
        writer_fail(writer, FCR_EINVAL, "JSON writer: the %s is NULL", what);
        return false;
    }

    size_t valid = text == NULL ? 0 : fcr__utf8_valid_prefix(text, length);
    if (valid != length) {
        writer_fail(writer, FCR_EINVAL,
                    "JSON writer: the %s is not valid UTF-8 (invalid byte at offset %zu of "
                    "%zu); convert it to UTF-8",
                    what, valid, length);
        return false;
    }
    return true;
}

void fcr__json_key_n(fcr__json_writer *writer, const char *key, size_t length)
{
    if (!check_string(writer, key, length, "key") || !begin_item(writer, true))
        return;

    write_quoted(writer, key == NULL ? "" : key, length);
    fcr__strbuf_append(writer->out, writer->pretty ? ": " : ":", writer->pretty ? 2 : 1);
    writer->after_key = true;
    check_buffer(writer);
}

void fcr__json_key(fcr__json_writer *writer, const char *key)
{
    if (key == NULL) {
        writer_fail(writer, FCR_EINVAL, "JSON writer: the key is NULL");
        return;
    }
    fcr__json_key_n(writer, key, strlen(key));
}

void fcr__json_string_n(fcr__json_writer *writer, const char *text, size_t length)
{
    if (!check_string(writer, text, length, "string value") || !begin_item(writer, false))
        return;

    write_quoted(writer, text == NULL ? "" : text, length);
}

void fcr__json_string_value(fcr__json_writer *writer, const char *text)
{
    if (text == NULL) {
        writer_fail(writer, FCR_EINVAL,
                    "JSON writer: the string value is NULL; write null with fcr__json_null()");
        return;
    }
    fcr__json_string_n(writer, text, strlen(text));
}

/* Appends a value that needs no escaping. */
static void write_plain(fcr__json_writer *writer, const char *text, size_t length)
{
    if (!begin_item(writer, false))
        return;

    fcr__strbuf_append(writer->out, text, length);
    check_buffer(writer);
}

void fcr__json_int64(fcr__json_writer *writer, int64_t value)
{
    char digits[24];
    size_t at = sizeof digits;
    uint64_t magnitude = value < 0 ? 0 - (uint64_t)value : (uint64_t)value;

    do {
        digits[--at] = (char)('0' + magnitude % 10);
        magnitude /= 10;
    } while (magnitude > 0);
    if (value < 0)
        digits[--at] = '-';

    write_plain(writer, digits + at, sizeof digits - at);
}

void fcr__json_double(fcr__json_writer *writer, double value)
{
    if (!isfinite(value)) {
        writer_fail(writer, FCR_EINVAL,
                    "JSON writer: NaN and infinity have no JSON form; write null or check "
                    "the value first");
        return;
    }

    char text[FCR__JSON_DOUBLE_TEXT_SIZE];
    size_t length = fcr__json_format_double(value, text);
    if (length == 0) {
        writer_fail(writer, FCR_EINVAL, "JSON writer: formatting a double failed");
        return;
    }
    write_plain(writer, text, length);
}

void fcr__json_bool(fcr__json_writer *writer, bool value)
{
    if (value)
        write_plain(writer, "true", 4);
    else
        write_plain(writer, "false", 5);
}

void fcr__json_null(fcr__json_writer *writer)
{
    write_plain(writer, "null", 4);
}

void fcr__json_raw(fcr__json_writer *writer, const char *json, size_t length)
{
    if (writer->status == FCR_OK && (json == NULL || length == 0)) {
        writer_fail(writer, FCR_EINVAL,
                    "JSON writer: the raw value is empty; pass the text of a complete value");
        return;
    }
    write_plain(writer, json, length);
}
