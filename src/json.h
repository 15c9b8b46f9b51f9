/* SPDX-License-Identifier: MIT */
/*
 * libfcr's strict JSON pull parser, stream splitter and writer (RFC 8259).
 *
 * The parser walks a buffer token by token without building a tree, so a
 * record reader can fill its own structures directly. It validates UTF-8,
 * decodes escapes (including \u0000 and surrogate pairs), rejects duplicate
 * keys within an object, range-checks numbers on request and limits nesting
 * with an explicit stack instead of recursion. Errors are recorded in the
 * thread-local error (see internal.h) with line, column and byte offset,
 * never with the text of a string value, which may carry patient data.
 */
#ifndef FCR_JSON_H
#define FCR_JSON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "internal.h"

/* Internal status, never returned through the public API: the parser reached
 * the end of its window in the middle of a value, and the stream can supply
 * more bytes. See fcr__json_stream_refill(). */
#define FCR__NEED_MORE 1

typedef enum fcr__json_token {
    FCR__JSON_ERROR = -1,     /* see the thread-local error; the parser is stuck */
    FCR__JSON_END = 0,        /* the document (top-level value) is complete */
    FCR__JSON_OBJECT_BEGIN,
    FCR__JSON_OBJECT_END,
    FCR__JSON_ARRAY_BEGIN,
    FCR__JSON_ARRAY_END,
    FCR__JSON_KEY,            /* fcr__json_string() has the decoded key */
    FCR__JSON_STRING,         /* fcr__json_string() has the decoded value */
    FCR__JSON_NUMBER,         /* fcr__json_number_text() has the text */
    FCR__JSON_TRUE,
    FCR__JSON_FALSE,
    FCR__JSON_NULL,
    FCR__JSON_NEED_MORE       /* window ended inside a value; only in stream mode */
} fcr__json_token;

typedef struct fcr__json_limits {
    size_t max_depth;         /* nested arrays and objects; default 64 */
    size_t max_string_bytes;  /* decoded key or string length; default 1 MiB */
    size_t max_value_bytes;   /* one top-level value in a stream; default 64 MiB */
    /* RFC 8259 only says keys SHOULD be unique. libfcr's own documents
     * reject duplicates (false, the default); true gives plain RFC 8259
     * parsing, where a repeated key is accepted like any other. */
    bool allow_duplicate_keys;
} fcr__json_limits;

#define FCR__JSON_DEFAULT_MAX_DEPTH 64
#define FCR__JSON_DEFAULT_MAX_STRING_BYTES ((size_t)1 << 20)
#define FCR__JSON_DEFAULT_MAX_VALUE_BYTES ((size_t)64 << 20)

/* Fills limits with the defaults above. */
void fcr__json_limits_init(fcr__json_limits *limits);

typedef struct fcr__json_parser fcr__json_parser;

/* Creates a parser. limits may be NULL for the defaults. The parser owns its
 * scratch memory (decoded strings, key sets) and reuses it across documents,
 * so one parser per reader keeps allocation off the hot path. */
fcr_status fcr__json_parser_new(fcr__json_parser **out, const fcr__json_limits *limits);
void fcr__json_parser_free(fcr__json_parser *parser);

/* Starts parsing one JSON text of `length` bytes. The buffer is borrowed and
 * must stay unchanged while the parser uses it. `name` (a file name or
 * "<string>") is used only in error messages and may be NULL. A document is
 * one value with optional whitespace around it; anything else after the
 * value is an error ("unexpected text after the JSON value"). */
void fcr__json_parser_reset(fcr__json_parser *parser, const char *data, size_t length,
                            const char *name);

/* Returns the next token. After FCR__JSON_END or FCR__JSON_ERROR it keeps
 * returning the same value. */
fcr__json_token fcr__json_next(fcr__json_parser *parser);

/* Decoded text of the current KEY or STRING token: valid UTF-8, may contain
 * NUL bytes (from \u0000), NUL-terminated at [*length]. Valid until the next
 * call to fcr__json_next(). */
const char *fcr__json_string(const fcr__json_parser *parser, size_t *length);

/* Source text of the current NUMBER token, exactly as written (RFC 8259
 * grammar already checked). Not NUL-terminated. */
const char *fcr__json_number_text(const fcr__json_parser *parser, size_t *length);

/* Converts the current NUMBER token. int64: true only for an integer
 * without fraction or exponent that fits in int64_t. double: true when the
 * value is finite as a double (1e400 is false, 1e-400 becomes 0). Both are
 * independent of the process locale. */
bool fcr__json_number_int64(const fcr__json_parser *parser, int64_t *out);
bool fcr__json_number_double(const fcr__json_parser *parser, double *out);

/* Skips the value that starts at the current token (the token just returned
 * by fcr__json_next(); for KEY, the value after it), checking it fully.
 * Returns the token that closes it (the scalar itself for a scalar), or
 * FCR__JSON_ERROR / FCR__JSON_NEED_MORE. On success *start and *end (either
 * may be NULL) receive the byte offsets of the value's source text within the
 * buffer passed to fcr__json_parser_reset(), or for a stream's parser within
 * fcr__json_parser_data(), so callers can keep unknown fields verbatim. */
fcr__json_token fcr__json_skip(fcr__json_parser *parser, size_t *start, size_t *end);

/* Returns the buffer that fcr__json_skip() offsets count from: the one given
 * to fcr__json_parser_reset(), or in a stream the current value's first
 * byte. A stream moves it at every refill. */
const char *fcr__json_parser_data(const fcr__json_parser *parser);

/* Names the field a reader is in, as a NUL-terminated path that the reader
 * keeps current (such as fcr__json_path's text), so that the parser's own
 * errors name it too. NULL stops naming it; a reader must reset it before
 * its path goes away. */
void fcr__json_parser_set_field_path(fcr__json_parser *parser, const char *text);

/* Position of the current token: 1-based line and byte column, 0-based byte
 * offset, all counted from the start of the whole input (a stream adds the
 * bytes and lines before the current window). */
void fcr__json_position(const fcr__json_parser *parser, size_t *line, size_t *column,
                        size_t *offset);

/* Depth of the current token: 0 at top level, 1 inside the outer value. */
size_t fcr__json_depth(const fcr__json_parser *parser);

/* Records a caller-detected error at the current token, for example a field
 * with the wrong type: status is usually FCR_ERECORD; field is a path such as
 * "events[2].at". The message gets the source name, line and column. Returns
 * status. After this the parser is stuck at FCR__JSON_ERROR. */
fcr_status fcr__json_fail(fcr__json_parser *parser, fcr_status status, const char *field,
                          const char *format, ...) FCR__PRINTF(4, 5);

#ifdef __clang_analyzer__
/* As for fcr__error() in internal.h: shows the static analyzer, which reads
 * one file at a time, that the result is `status`. json_parser.c puts the
 * definition's name in parentheses so that this macro leaves it alone. */
#define fcr__json_fail(parser, status, ...) \
    ((void)fcr__json_fail(parser, status, __VA_ARGS__), (fcr_status)(status))
#endif

/* --- streams of values (JSON Lines, or several documents in a row) ------- */

/* Reads up to `size` bytes into buffer. Returns the number read, 0 at end of
 * input, or -1 on failure after recording the error. */
typedef ptrdiff_t (*fcr__read_fn)(void *userdata, char *buffer, size_t size);

typedef struct fcr__json_stream fcr__json_stream;

/* Creates a stream over a reader. Values may be separated by any JSON
 * whitespace, so both JSON Lines and one pretty-printed document work.
 * Memory is bounded by the largest value plus one read chunk; a value over
 * limits->max_value_bytes is rejected with FCR_ELIMIT. */
fcr_status fcr__json_stream_new(fcr__json_stream **out, fcr__read_fn read, void *userdata,
                                const char *name, const fcr__json_limits *limits);
void fcr__json_stream_free(fcr__json_stream *stream);

/* Creates a stream over a whole in-memory buffer, borrowed. */
fcr_status fcr__json_stream_new_buffer(fcr__json_stream **out, const char *data, size_t length,
                                       const char *name, const fcr__json_limits *limits);

/* Skips whitespace and positions the stream's parser at the next value.
 * *more is false at the end of the input. The value's 1-based first line
 * goes to *line when line is not NULL (for "record N at line L" messages). */
fcr_status fcr__json_stream_begin(fcr__json_stream *stream, bool *more, size_t *line);

/* The stream's parser; pull tokens from it after fcr__json_stream_begin(). */
fcr__json_parser *fcr__json_stream_parser(fcr__json_stream *stream);

/* After the parser returned FCR__JSON_NEED_MORE: reads more input and
 * rewinds the parser to the first token of the current value, so the caller
 * must discard what it built and parse the value again. Returns FCR_OK, or
 * FCR_EPARSE when the input ends inside the value, FCR_ELIMIT, FCR_EIO or
 * FCR_ENOMEM. */
fcr_status fcr__json_stream_refill(fcr__json_stream *stream);

/* After the parser returned FCR__JSON_END: marks the value consumed. */
void fcr__json_stream_end(fcr__json_stream *stream);

/* After a record-level error (FCR_ERECORD) in the current value: skips the
 * rest of it so that reading can go on with the next value. Returns FCR_OK,
 * or the parse error when the value is not even well-formed JSON (then the
 * stream cannot find the next value and reading must stop). */
fcr_status fcr__json_stream_skip_value(fcr__json_stream *stream);

/* --- writer ------------------------------------------------------------- */

typedef struct fcr__json_writer {
    fcr__strbuf *out;
    bool pretty;            /* two-space indentation and newlines */
    unsigned depth;
    uint64_t has_items[4];  /* bit per depth: a comma is due before the next item */
    bool after_key;
    fcr_status status;      /* first failure; later calls do nothing */
} fcr__json_writer;

#define FCR__JSON_WRITER_MAX_DEPTH 256

void fcr__json_writer_init(fcr__json_writer *writer, fcr__strbuf *out, bool pretty);
void fcr__json_begin_object(fcr__json_writer *writer);
void fcr__json_end_object(fcr__json_writer *writer);
void fcr__json_begin_array(fcr__json_writer *writer);
void fcr__json_end_array(fcr__json_writer *writer);
/* Keys and strings must be valid UTF-8 (FCR_EINVAL otherwise); they may
 * contain NUL bytes, which are written as \u0000. */
void fcr__json_key(fcr__json_writer *writer, const char *key);
void fcr__json_key_n(fcr__json_writer *writer, const char *key, size_t length);
void fcr__json_string_value(fcr__json_writer *writer, const char *text);
void fcr__json_string_n(fcr__json_writer *writer, const char *text, size_t length);
void fcr__json_int64(fcr__json_writer *writer, int64_t value);
/* Shortest text that reads back as the same double, locale-independent.
 * NaN and infinities are rejected with FCR_EINVAL (JSON has no such values). */
void fcr__json_double(fcr__json_writer *writer, double value);
void fcr__json_bool(fcr__json_writer *writer, bool value);
void fcr__json_null(fcr__json_writer *writer);
/* Copies a complete JSON value that this library already validated, such as
 * an unknown field kept from input. In pretty mode it is copied as is. */
void fcr__json_raw(fcr__json_writer *writer, const char *json, size_t length);
/* Returns the first failure, or FCR_OK. */
fcr_status fcr__json_writer_status(const fcr__json_writer *writer);

/* --- internals shared by the json_*.c files ----------------------------- */

/* Stream support (json_stream.c). Points the parser at one value of a
 * stream: data[0] is the value's first byte, at absolute byte offset
 * `offset`, on line `line`, whose first byte is at absolute offset
 * `line_start`. The parser returns FCR__JSON_END as soon as the value closes,
 * without looking at what follows, and FCR__JSON_NEED_MORE when the window
 * ends inside the value and `final` is false. At FCR__JSON_END a value longer
 * than limits->max_value_bytes is FCR_ELIMIT. */
void fcr__json_parser_reset_value(fcr__json_parser *parser, const char *data, size_t length,
                                  bool final, size_t offset, size_t line, size_t line_start,
                                  const char *name);

/* After FCR__JSON_END from a value started by fcr__json_parser_reset_value():
 * stores the number of window bytes the value used and the line position
 * just after it, then returns true. Returns false when the parser is not at
 * FCR__JSON_END. */
bool fcr__json_parser_value_end(const fcr__json_parser *parser, size_t *consumed, size_t *line,
                                size_t *line_start);

/* Number text conversion (json_number.c). `text` is `length` bytes that
 * follow the RFC 8259 number grammar; these functions behave like
 * fcr__json_number_int64() and fcr__json_number_double(). */
bool fcr__json_text_int64(const char *text, size_t length, int64_t *out);
bool fcr__json_text_double(const char *text, size_t length, double *out);

/* Writes the shortest text that fcr__json_text_double() reads back as
 * `value` into out, NUL-terminated, and returns its length. value must be
 * finite. */
#define FCR__JSON_DOUBLE_TEXT_SIZE 32
size_t fcr__json_format_double(double value, char out[FCR__JSON_DOUBLE_TEXT_SIZE]);

#endif /* FCR_JSON_H */
