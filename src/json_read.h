/* SPDX-License-Identifier: MIT */
/*
 * Helpers for reading documents of a known shape (policies, call records)
 * with the pull parser: typed values with the field path in every error,
 * and propagation of FCR__NEED_MORE from streams.
 */
#ifndef FCR_JSON_READ_H
#define FCR_JSON_READ_H

#include <string.h>

#include "fcr/time.h"
#include "json.h"

/* The path of the value being read, such as "events[3].due_at". */
typedef struct fcr__json_path {
    char text[200];
    size_t length;
} fcr__json_path;

void fcr__path_init(fcr__json_path *path);
/* Appends ".key" (or "key" at the root) and returns the old length for
 * fcr__path_pop(). Long paths are cut; they only feed messages. */
size_t fcr__path_push_key(fcr__json_path *path, const char *key, size_t length);
/* fcr__path_push_key() for a key that equals a name of the library: at
 * most 48 bytes and no NUL, so it is copied without those checks. */
static inline size_t fcr__path_push_name(fcr__json_path *path, const char *name, size_t length)
{
    size_t old = path->length;
    if (old + 1 + length >= sizeof path->text)
        return fcr__path_push_key(path, name, length);

    char *out = path->text + old;
    if (old > 0)
        *out++ = '.';
    memcpy(out, name, length);
    out[length] = '\0';
    path->length = (size_t)(out - path->text) + length;
    return old;
}
size_t fcr__path_push_index(fcr__json_path *path, size_t index);
void fcr__path_pop(fcr__json_path *path, size_t old_length);
/* The path as a string; "(document)" when empty. */
const char *fcr__path_text(const fcr__json_path *path);

/* Converts a parser token that is not a normal value into a status:
 * FCR__NEED_MORE, or the parser's recorded error. For any other token
 * returns FCR_OK. */
fcr_status fcr__json_token_status(fcr__json_token token);

/* Names a token kind for messages, such as "a string" or "an object". */
const char *fcr__json_token_kind(fcr__json_token token);

/* Fails at the current token: "<path>: expected <what>, found <kind>". */
fcr_status fcr__json_type_error(fcr__json_parser *parser, const fcr__json_path *path,
                                fcr__json_token found, const char *what);

/* Reads the next value as the given type. Strings must be valid record text:
 * no NUL byte (\u0000) and at most max_length bytes (0 for no limit beyond the
 * parser's). The string pointer is valid until the next parser call. */
fcr_status fcr__json_read_string(fcr__json_parser *parser, const fcr__json_path *path,
                                 size_t max_length, const char **text, size_t *length);
fcr_status fcr__json_read_bool(fcr__json_parser *parser, const fcr__json_path *path, bool *out);
fcr_status fcr__json_read_int(fcr__json_parser *parser, const fcr__json_path *path, int64_t min,
                              int64_t max, int64_t *out);
fcr_status fcr__json_read_double(fcr__json_parser *parser, const fcr__json_path *path,
                                 double *out);
/* Reads an RFC 3339 string into an instant. */
fcr_status fcr__json_read_time(fcr__json_parser *parser, const fcr__json_path *path,
                               fcr_time *out);

/* Checks a string token's text as record text (see fcr__json_read_string). */
fcr_status fcr__json_check_text(fcr__json_parser *parser, const fcr__json_path *path,
                                const char *text, size_t length, size_t max_length);

/* Pulls the next token and requires `expected` (OBJECT_BEGIN or ARRAY_BEGIN). */
fcr_status fcr__json_expect(fcr__json_parser *parser, const fcr__json_path *path,
                            fcr__json_token expected);

/* Inside an object: pulls the next token. Returns FCR_OK with *key set for a
 * key, FCR_OK with *key NULL at the object's end, or an error status. It is
 * inline because the readers call it for every key of every record. */
static inline fcr_status fcr__json_next_key(fcr__json_parser *parser, const char **key,
                                            size_t *length)
{
    fcr__json_token token = fcr__json_next(parser);
    if (token == FCR__JSON_KEY) {
        *key = fcr__json_string(parser, length);
        return FCR_OK;
    }
    if (token == FCR__JSON_OBJECT_END) {
        *key = NULL;
        *length = 0;
        return FCR_OK;
    }
    fcr_status status = fcr__json_token_status(token);
    return status != FCR_OK ? status : FCR_EPARSE;
}

/* Reports an unknown field at the current key and lists the known ones. */
fcr_status fcr__json_unknown_field(fcr__json_parser *parser, const fcr__json_path *path,
                                   const char *known);

/* Reads a format tag such as "fcr.call/1" or "fcr.call/1.2": `kind` is the
 * part before the slash ("fcr.call") and `what` names the document in
 * messages ("call record"). Version 1 and its minor versions are read;
 * another kind is FCR_ERECORD and another major version FCR_EVERSION. A copy
 * of the tag goes to *tag when tag is not NULL (free with fcr__free). */
fcr_status fcr__json_read_format(fcr__json_parser *parser, const fcr__json_path *path,
                                 const char *kind, const char *what, char **tag);

/* Compares a key of explicit length with a NUL-terminated name. Most
 * callers pass a string literal, for which the compiler computes strlen()
 * and turns memcmp() into a few compares: a byte loop here took 4% of the
 * instructions of fcr score. */
static inline bool fcr__key_is(const char *key, size_t length, const char *name)
{
    return strlen(name) == length && memcmp(key, name, length) == 0;
}

#endif
