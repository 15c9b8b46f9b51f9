/* SPDX-License-Identifier: MIT */
/* Typed reading of known document shapes on top of the pull parser. */
#include <stdio.h>
#include <string.h>

#include "json_read.h"

/* Bytes of a key kept in a path. */
#define MAX_KEY_BYTES 48

void fcr__path_init(fcr__json_path *path)
{
    path->text[0] = '\0';
    path->length = 0;
}

/* Appends as much of `text` as fits, keeping the terminating NUL. The path
 * is pushed for every field of every record, so this copies bytes: with
 * snprintf() it cost more than the JSON parsing in a profile of fcr score. */
static void path_append(fcr__json_path *path, const char *text, size_t length)
{
    size_t room = sizeof path->text - 1 - path->length;
    if (length > room)
        length = room;
    memcpy(path->text + path->length, text, length);
    path->length += length;
    path->text[path->length] = '\0';
}

size_t fcr__path_push_key(fcr__json_path *path, const char *key, size_t length)
{
    /* Keys come from input, so only a bounded prefix is kept, and it ends
     * at a NUL byte that a \u0000 escape may have put in the key. */
    size_t kept = length > MAX_KEY_BYTES ? MAX_KEY_BYTES : length;
    size_t old = path->length;

    /* With room for a dot and the longest prefix, the bytes are copied in
     * one loop that stops at a NUL. Keys are short, so this costs about
     * half of the strnlen() and memcpy() calls of the general case, and it
     * runs for every key of every record. */
    if (old + 1 + MAX_KEY_BYTES < sizeof path->text) {
        char *out = path->text + old;
        if (old > 0)
            *out++ = '.';
        size_t copied = 0;
        while (copied < kept && key[copied] != '\0') {
            out[copied] = key[copied];
            copied++;
        }
        out[copied] = '\0';
        path->length = (size_t)(out - path->text) + copied;
        return old;
    }

    if (old > 0)
        path_append(path, ".", 1);
    path_append(path, key, strnlen(key, kept));
    return old;
}

size_t fcr__path_push_index(fcr__json_path *path, size_t index)
{
    char digits[24];
    size_t start = sizeof digits;
    digits[--start] = ']';
    do {
        digits[--start] = (char)('0' + index % 10);
        index /= 10;
    } while (index > 0);
    digits[--start] = '[';

    size_t old = path->length;
    path_append(path, digits + start, sizeof digits - start);
    return old;
}

void fcr__path_pop(fcr__json_path *path, size_t old_length)
{
    path->length = old_length;
    path->text[old_length] = '\0';
}

const char *fcr__path_text(const fcr__json_path *path)
{
    return path->length == 0 ? "(document)" : path->text;
}

fcr_status fcr__json_token_status(fcr__json_token token)
{
    if (token == FCR__JSON_NEED_MORE)
        return FCR__NEED_MORE;
    if (token == FCR__JSON_ERROR) {
        fcr_status status = fcr_last_error_status();
        return status == FCR_OK ? FCR_EPARSE : status;
    }
    return FCR_OK;
}

const char *fcr__json_token_kind(fcr__json_token token)
{
    switch (token) {
    case FCR__JSON_OBJECT_BEGIN: return "an object";
    case FCR__JSON_OBJECT_END: return "the end of an object";
    case FCR__JSON_ARRAY_BEGIN: return "an array";
    case FCR__JSON_ARRAY_END: return "the end of an array";
    case FCR__JSON_KEY: return "a key";
    case FCR__JSON_STRING: return "a string";
    case FCR__JSON_NUMBER: return "a number";
    case FCR__JSON_TRUE:
    case FCR__JSON_FALSE: return "a boolean";
    case FCR__JSON_NULL: return "null";
    case FCR__JSON_END: return "the end of the document";
    default: return "an invalid token";
    }
}

fcr_status fcr__json_type_error(fcr__json_parser *parser, const fcr__json_path *path,
                                fcr__json_token found, const char *what)
{
    fcr_status status = fcr__json_token_status(found);
    if (status != FCR_OK)
        return status;
    if (path->length == 0)
        return fcr__json_fail(parser, FCR_ERECORD, "",
                              "the document must be %s, not %s", what,
                              fcr__json_token_kind(found));
    return fcr__json_fail(parser, FCR_ERECORD, fcr__path_text(path),
                          "%s must be %s, not %s", fcr__path_text(path), what,
                          fcr__json_token_kind(found));
}

fcr_status fcr__json_check_text(fcr__json_parser *parser, const fcr__json_path *path,
                                const char *text, size_t length, size_t max_length)
{
    if (memchr(text, '\0', length) != NULL)
        return fcr__json_fail(parser, FCR_ERECORD, fcr__path_text(path),
                              "%s contains a NUL character (\\u0000), which record text may "
                              "not contain; remove it",
                              fcr__path_text(path));
    if (max_length != 0 && length > max_length)
        return fcr__json_fail(parser, FCR_ELIMIT, fcr__path_text(path),
                              "%s is %zu bytes long, over the limit of %zu bytes",
                              fcr__path_text(path), length, max_length);
    return FCR_OK;
}

fcr_status fcr__json_read_string(fcr__json_parser *parser, const fcr__json_path *path,
                                 size_t max_length, const char **text, size_t *length)
{
    fcr__json_token token = fcr__json_next(parser);
    if (token != FCR__JSON_STRING)
        return fcr__json_type_error(parser, path, token, "a string");

    *text = fcr__json_string(parser, length);
    return fcr__json_check_text(parser, path, *text, *length, max_length);
}

fcr_status fcr__json_read_bool(fcr__json_parser *parser, const fcr__json_path *path, bool *out)
{
    fcr__json_token token = fcr__json_next(parser);
    if (token == FCR__JSON_TRUE || token == FCR__JSON_FALSE) {
        *out = token == FCR__JSON_TRUE;
        return FCR_OK;
    }
    return fcr__json_type_error(parser, path, token, "true or false");
}

fcr_status fcr__json_read_int(fcr__json_parser *parser, const fcr__json_path *path, int64_t min,
                              int64_t max, int64_t *out)
{
    fcr__json_token token = fcr__json_next(parser);
    if (token != FCR__JSON_NUMBER)
        return fcr__json_type_error(parser, path, token, "an integer");

    int64_t value;
    if (!fcr__json_number_int64(parser, &value) || value < min || value > max)
        return fcr__json_fail(parser, FCR_ERECORD, fcr__path_text(path),
                              "%s must be an integer from %lld to %lld",
                              fcr__path_text(path), (long long)min, (long long)max);
    *out = value;
    return FCR_OK;
}

fcr_status fcr__json_read_double(fcr__json_parser *parser, const fcr__json_path *path,
                                 double *out)
{
    fcr__json_token token = fcr__json_next(parser);
    if (token != FCR__JSON_NUMBER)
        return fcr__json_type_error(parser, path, token, "a number");
    if (!fcr__json_number_double(parser, out))
        return fcr__json_fail(parser, FCR_ERECORD, fcr__path_text(path),
                              "%s is too large to represent", fcr__path_text(path));
    return FCR_OK;
}

fcr_status fcr__json_read_time(fcr__json_parser *parser, const fcr__json_path *path,
                               fcr_time *out)
{
    const char *text = NULL;
    size_t length = 0;
    fcr_status status = fcr__json_read_string(parser, path, 64, &text, &length);
    if (status != FCR_OK)
        return status;

    if (fcr_time_parse_n(out, text, length) != FCR_OK) {
        char detail[256];
        snprintf(detail, sizeof detail, "%s", fcr_last_error());
        return fcr__json_fail(parser, FCR_ERECORD, fcr__path_text(path),
                              "%s is not an RFC 3339 date-time such as 2026-11-10T14:02:00Z "
                              "(%s)",
                              fcr__path_text(path), detail);
    }
    return FCR_OK;
}

fcr_status fcr__json_expect(fcr__json_parser *parser, const fcr__json_path *path,
                            fcr__json_token expected)
{
    fcr__json_token token = fcr__json_next(parser);
    if (token == expected)
        return FCR_OK;
    return fcr__json_type_error(parser, path, token,
                                expected == FCR__JSON_OBJECT_BEGIN ? "an object" : "an array");
}

fcr_status fcr__json_unknown_field(fcr__json_parser *parser, const fcr__json_path *path,
                                   const char *known)
{
    return fcr__json_fail(parser, FCR_ERECORD, fcr__path_text(path),
                          "unknown field %s; the fields here are: %s", fcr__path_text(path),
                          known);
}

static bool all_digits(const char *text, size_t length)
{
    if (length == 0)
        return false;
    for (size_t i = 0; i < length; i++) {
        if (text[i] < '0' || text[i] > '9')
            return false;
    }
    return true;
}

fcr_status fcr__json_read_format(fcr__json_parser *parser, const fcr__json_path *path,
                                 const char *kind, const char *what, char **tag)
{
    const char *text;
    size_t length;
    fcr_status status = fcr__json_read_string(parser, path, 64, &text, &length);
    if (status != FCR_OK)
        return status;

    size_t kind_length = strlen(kind);
    if (length <= kind_length + 1 || memcmp(text, kind, kind_length) != 0 ||
        text[kind_length] != '/')
        return fcr__json_fail(parser, FCR_ERECORD, fcr__path_text(path),
                              "%s: must be \"%s/1\"; this is not a libfcr %s",
                              fcr__path_text(path), kind, what);

    /* The version is MAJOR or MAJOR.MINOR, both decimal. */
    const char *version = text + kind_length + 1;
    size_t version_length = length - kind_length - 1;
    const char *dot = memchr(version, '.', version_length);
    size_t major_length = dot == NULL ? version_length : (size_t)(dot - version);
    bool well_formed = all_digits(version, major_length) &&
                       (dot == NULL || all_digits(dot + 1, version_length - major_length - 1));
    if (!well_formed)
        return fcr__json_fail(parser, FCR_ERECORD, fcr__path_text(path),
                              "%s: the version after \"%s/\" must be a number such as 1 or 1.2",
                              fcr__path_text(path), kind);
    if (major_length != 1 || version[0] != '1')
        return fcr__json_fail(parser, FCR_EVERSION, fcr__path_text(path),
                              "%s: %s format version %.*s is not supported; this library "
                              "reads %s/1 and its minor versions; upgrade libfcr to read it",
                              fcr__path_text(path), what,
                              (int)(version_length > 16 ? 16 : version_length), version, kind);

    if (tag != NULL) {
        char *copy = fcr__strndup(text, length);
        if (copy == NULL)
            return fcr__error_nomem();
        fcr__free(*tag);
        *tag = copy;
    }
    return FCR_OK;
}
