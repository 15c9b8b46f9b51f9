/* SPDX-License-Identifier: MIT */
/*
 * A stream of JSON values separated by whitespace (JSON Lines, or several
 * documents in a row). The stream keeps one buffer and drops consumed bytes
 * by moving the rest to the front, so the buffer never exceeds the current
 * value plus one read chunk. The parser sees a window that starts at the
 * current value. When the window ends inside the value, the parser returns
 * FCR__JSON_NEED_MORE, and fcr__json_stream_refill() reads on and restarts
 * the value, so the parser never keeps a half-read token.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "json.h"

/* Large reads keep the per-read cost small on JSON Lines files. */
#define READ_CHUNK ((size_t)1 << 20)

/* The search for the end of the current value across reads. With it a
 * refill reads on until the value is complete, and the parser starts the
 * value over once instead of once per read. It follows only brackets,
 * strings and escapes, because the parser checks everything else. */
struct end_search {
    size_t scanned; /* bytes of the value looked at, from data[start] */
    size_t depth;
    bool in_string;
    bool escaped;
    bool scalar; /* a top-level number or literal */
};

enum stream_state {
    STREAM_IDLE,     /* between values */
    STREAM_IN_VALUE, /* fcr__json_stream_begin() found a value */
    STREAM_FAILED,   /* a read, parse or limit error; reading cannot go on */
};

struct fcr__json_stream {
    fcr__read_fn read; /* NULL for a stream over a caller's buffer */
    void *userdata;
    char *name;
    fcr__json_limits limits;
    fcr__json_parser *parser;

    char *buffer; /* owned; NULL for a stream over a caller's buffer */
    size_t capacity;
    const char *data; /* buffer, or the caller's bytes */
    size_t length;    /* bytes in data */
    size_t start;     /* first byte not yet consumed: the current value */

    /* Absolute positions, counted from the start of the whole input. */
    size_t offset;     /* offset of data[0] */
    size_t line;       /* line of data[start] */
    size_t line_start; /* offset of that line's first byte */

    bool eof;
    bool past_bom;       /* the start of the input was checked for a byte-order mark */
    bool need_separator; /* a value ended at data[start] and no whitespace followed yet */
    enum stream_state state;
    fcr_status failure;
    struct end_search search;
};

/* Returns a new idle stream without input, or NULL with *status set. */
static fcr__json_stream *stream_create(const char *name, const fcr__json_limits *limits,
                                       fcr_status *status)
{
    fcr__json_stream *stream = fcr__calloc(1, sizeof *stream);
    if (stream == NULL) {
        *status = fcr__error_nomem();
        return NULL;
    }

    if (limits != NULL)
        stream->limits = *limits;
    else
        fcr__json_limits_init(&stream->limits);

    if (name != NULL) {
        stream->name = fcr__strdup(name);
        if (stream->name == NULL) {
            fcr__free(stream);
            *status = fcr__error_nomem();
            return NULL;
        }
    }

    *status = fcr__json_parser_new(&stream->parser, &stream->limits);
    if (*status != FCR_OK) {
        fcr__free(stream->name);
        fcr__free(stream);
        return NULL;
    }

    stream->data = "";
    stream->line = 1;
    stream->state = STREAM_IDLE;
    return stream;
}

fcr_status fcr__json_stream_new(fcr__json_stream **out, fcr__read_fn read, void *userdata,
                                const char *name, const fcr__json_limits *limits)
{
    if (out == NULL)
        return fcr__error(FCR_EINVAL, "fcr__json_stream_new: out is NULL");
    *out = NULL;
    if (read == NULL)
        return fcr__error(FCR_EINVAL, "fcr__json_stream_new: read is NULL; pass a read function");

    fcr_status status;
    fcr__json_stream *stream = stream_create(name, limits, &status);
    if (stream == NULL)
        return status;

    stream->read = read;
    stream->userdata = userdata;
    *out = stream;
    return FCR_OK;
}

fcr_status fcr__json_stream_new_buffer(fcr__json_stream **out, const char *data, size_t length,
                                       const char *name, const fcr__json_limits *limits)
{
    if (out == NULL)
        return fcr__error(FCR_EINVAL, "fcr__json_stream_new_buffer: out is NULL");
    *out = NULL;
    if (data == NULL && length > 0)
        return fcr__error(FCR_EINVAL, "fcr__json_stream_new_buffer: data is NULL");

    fcr_status status;
    fcr__json_stream *stream = stream_create(name, limits, &status);
    if (stream == NULL)
        return status;

    if (data != NULL)
        stream->data = data;
    stream->length = length;
    stream->eof = true;
    *out = stream;
    return FCR_OK;
}

void fcr__json_stream_free(fcr__json_stream *stream)
{
    if (stream == NULL)
        return;

    fcr__json_parser_free(stream->parser);
    fcr__free(stream->buffer);
    fcr__free(stream->name);
    fcr__free(stream);
}

fcr__json_parser *fcr__json_stream_parser(fcr__json_stream *stream)
{
    return stream->parser;
}

/* Records an error at the stream's current position and stops the stream. */
static fcr_status stream_fail(fcr__json_stream *stream, fcr_status status, const char *format,
                              ...) FCR__PRINTF(3, 4);

static fcr_status stream_fail(fcr__json_stream *stream, fcr_status status, const char *format,
                              ...)
{
    char detail[400];
    va_list args;
    va_start(args, format);
    vsnprintf(detail, sizeof detail, format, args);
    va_end(args);

    size_t offset = stream->offset + stream->start;
    size_t column = offset - stream->line_start + 1;
    if (stream->name != NULL && stream->name[0] != '\0')
        fcr__error_at(status, stream->line, column, offset, NULL, "%s:%zu:%zu: %s",
                      stream->name, stream->line, column, detail);
    else
        fcr__error_at(status, stream->line, column, offset, NULL, "line %zu, column %zu: %s",
                      stream->line, column, detail);

    stream->state = STREAM_FAILED;
    stream->failure = status;
    return status;
}

/* Marks the stream as stopped by an error that is already recorded. */
static fcr_status stream_stop(fcr__json_stream *stream, fcr_status status)
{
    stream->state = STREAM_FAILED;
    stream->failure = status;
    return status;
}

static fcr_status report_stopped(const fcr__json_stream *stream)
{
    return fcr__error(stream->failure,
                      "%s: the stream stopped at an earlier error (%s); create a new stream "
                      "to read again",
                      stream->name != NULL ? stream->name : "JSON stream",
                      fcr_strerror(stream->failure));
}

/* Drops the consumed bytes, makes room for at least half a chunk after
 * what is left and calls the read function once. A stream over a pipe or
 * socket then hands over each value as soon as it is complete. */
static fcr_status read_more(fcr__json_stream *stream)
{
    size_t keep = stream->length - stream->start;
    if (stream->start > 0) {
        memmove(stream->buffer, stream->buffer + stream->start, keep);
        stream->offset += stream->start;
        stream->length = keep;
        stream->start = 0;
    }

    /* Growing only when less than half a chunk is free keeps reads large
     * and avoids a reallocation per read while a long value trickles in,
     * and the buffer still never exceeds the value plus one chunk. */
    if (keep > SIZE_MAX - READ_CHUNK)
        return stream_stop(stream, fcr__error_nomem());
    size_t needed = keep + READ_CHUNK;
    if (stream->capacity < keep + READ_CHUNK / 2) {
        char *grown = fcr__realloc(stream->buffer, needed);
        if (grown == NULL)
            return stream_stop(stream, fcr__error_nomem());
        stream->buffer = grown;
        stream->capacity = needed;
    }
    stream->data = stream->buffer;

    size_t room = stream->capacity - stream->length;
    ptrdiff_t got = stream->read(stream->userdata, stream->buffer + stream->length, room);
    if (got < 0) {
        fcr_status recorded = fcr_last_error_status();
        if (recorded < 0)
            return stream_stop(stream, recorded);
        return stream_fail(stream, FCR_EIO, "reading the input failed");
    }
    if ((size_t)got > room)
        return stream_fail(stream, FCR_EIO,
                           "the read function returned %td bytes for a buffer of %zu bytes",
                           got, room);

    if (got == 0)
        stream->eof = true;
    stream->length += (size_t)got;
    return FCR_OK;
}

static void start_value(fcr__json_stream *stream)
{
    fcr__json_parser_reset_value(stream->parser, stream->data + stream->start,
                                 stream->length - stream->start, stream->eof,
                                 stream->offset + stream->start, stream->line,
                                 stream->line_start, stream->name);
}

/* Bytes that the end search stops at: inside a string (quote, backslash,
 * control bytes), outside strings (quote and brackets), and bytes that end
 * a top-level number or literal. */
#define STOP_IN_STRING 1
#define STOP_OUTSIDE 2
#define STOP_SCALAR 4

static const unsigned char end_stop[256] = {
    5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5,
    5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5,
    4, 4, 7, 4, 4, 4, 4, 4, 4, 4, 4, 0, 4, 0, 0, 4,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 4, 4, 4, 4, 4, 4,
    4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 6, 5, 6, 4, 4,
    4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 6, 4, 6, 4, 4,
    4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4,
    4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4,
    4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4,
    4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4,
    4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4,
    4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4,
    4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4,
    4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4,
};

/* Looks at the bytes read since the last call and returns true when the
 * current value ends among them, or when a string in them contains a
 * control byte, which the parser must report. Runs of other bytes are
 * skipped in a tight loop, because big values are mostly string text and
 * indentation. */
static bool value_end_found(fcr__json_stream *stream)
{
    struct end_search *search = &stream->search;
    const unsigned char *value = (const unsigned char *)stream->data + stream->start;
    size_t available = stream->length - stream->start;
    size_t i = search->scanned;

    if (i == 0 && available > 0) {
        if (value[0] == '{' || value[0] == '[')
            search->depth = 1;
        else if (value[0] == '"')
            search->in_string = true;
        else
            search->scalar = true;
        i = search->scalar ? 0 : 1;
    }

    if (search->scalar) {
        while (i < available && !(end_stop[value[i]] & STOP_SCALAR))
            i++;
        search->scanned = i;
        return i < available;
    }

    while (i < available) {
        if (search->escaped) {
            search->escaped = false;
            i++;
            continue;
        }

        unsigned mask = search->in_string ? STOP_IN_STRING : STOP_OUTSIDE;
        while (i < available && !(end_stop[value[i]] & mask))
            i++;
        if (i == available)
            break;

        unsigned char c = value[i++];
        if (search->in_string) {
            if (c == '\\') {
                search->escaped = true;
            } else if (c == '"') {
                search->in_string = false;
                if (search->depth == 0)
                    return true;
            } else {
                return true; /* a control byte */
            }
        } else if (c == '"') {
            search->in_string = true;
        } else if (c == '{' || c == '[') {
            search->depth++;
        } else if (search->depth <= 1) {
            return true; /* the bracket that closes the value */
        } else {
            search->depth--;
        }
    }
    search->scanned = i;
    return false;
}

void fcr__json_stream_end(fcr__json_stream *stream)
{
    if (stream->state != STREAM_IN_VALUE)
        return;

    size_t consumed, line, line_start;
    if (!fcr__json_parser_value_end(stream->parser, &consumed, &line, &line_start))
        return;

    stream->start += consumed;
    stream->line = line;
    stream->line_start = line_start;
    stream->need_separator = true;
    stream->state = STREAM_IDLE;
}

/* Skips a UTF-8 byte-order mark at the very start of the input, as RFC
 * 8259 allows: Windows tools write one before UTF-8 text. Anywhere else
 * the parser rejects it. */
static fcr_status skip_bom(fcr__json_stream *stream)
{
    while (stream->length - stream->start < 3 && !stream->eof) {
        fcr_status status = read_more(stream);
        if (status != FCR_OK)
            return status;
    }
    if (stream->length - stream->start >= 3 &&
        memcmp(stream->data + stream->start, "\xEF\xBB\xBF", 3) == 0)
        stream->start += 3;
    stream->past_bom = true;
    return FCR_OK;
}

fcr_status fcr__json_stream_begin(fcr__json_stream *stream, bool *more, size_t *line)
{
    if (more != NULL)
        *more = false;
    if (stream->state == STREAM_FAILED)
        return report_stopped(stream);
    if (stream->state == STREAM_IN_VALUE) {
        fcr__json_stream_end(stream);
        if (stream->state == STREAM_IN_VALUE)
            return fcr__error(FCR_ESTATE,
                              "fcr__json_stream_begin: the current value is not finished; "
                              "call fcr__json_stream_skip_value() after an error in it");
    }

    if (!stream->past_bom) {
        fcr_status status = skip_bom(stream);
        if (status != FCR_OK)
            return status;
    }

    for (;;) {
        while (stream->start < stream->length) {
            char c = stream->data[stream->start];
            if (c == '\n') {
                stream->line++;
                stream->line_start = stream->offset + stream->start + 1;
            } else if (c != ' ' && c != '\t' && c != '\r') {
                break;
            }
            stream->need_separator = false;
            stream->start++;
        }
        if (stream->start < stream->length)
            break;
        if (stream->eof)
            return FCR_OK;

        fcr_status status = read_more(stream);
        if (status != FCR_OK)
            return status;
    }

    if (stream->need_separator && stream->data[stream->start] == '\0')
        return stream_fail(stream, FCR_EPARSE,
                           "expected whitespace or a newline between two JSON values, found a "
                           "NUL byte (if the input is UTF-16, convert it to UTF-8)");
    if (stream->need_separator)
        return stream_fail(stream, FCR_EPARSE,
                           "expected whitespace or a newline between two JSON values");

    start_value(stream);
    memset(&stream->search, 0, sizeof stream->search);
    stream->state = STREAM_IN_VALUE;
    if (more != NULL)
        *more = true;
    if (line != NULL)
        *line = stream->line;
    return FCR_OK;
}

/* Parses the current value to its end without looking at the tokens, to
 * learn whether input that ended inside the window completes it. */
static fcr__json_token check_value(fcr__json_stream *stream)
{
    fcr__json_token token;
    do {
        token = fcr__json_next(stream->parser);
    } while (token != FCR__JSON_END && token != FCR__JSON_ERROR &&
             token != FCR__JSON_NEED_MORE);
    return token;
}

fcr_status fcr__json_stream_refill(fcr__json_stream *stream)
{
    if (stream->state == STREAM_FAILED)
        return report_stopped(stream);
    if (stream->state != STREAM_IN_VALUE)
        return fcr__error(FCR_ESTATE,
                          "fcr__json_stream_refill: no value is open; call "
                          "fcr__json_stream_begin() first");

    /* Read on until the value ends, so that the parser starts it over once
     * rather than once per read. Stop when the window has doubled, so that
     * an error in the new bytes is found soon. Each restart then parses at
     * least twice as much as the one before, which keeps the total work
     * linear in the size of the value. */
    size_t window = stream->length - stream->start;
    while (!stream->eof) {
        /* Until the end is found, every byte in the window is the value's. */
        size_t so_far = stream->length - stream->start;
        if (so_far >= stream->limits.max_value_bytes)
            return stream_fail(stream, FCR_ELIMIT,
                               "value longer than the limit of %zu bytes; split the record "
                               "or raise max_value_bytes",
                               stream->limits.max_value_bytes);

        fcr_status status = read_more(stream);
        if (status != FCR_OK)
            return status;
        if (value_end_found(stream) || stream->length - stream->start >= 2 * window)
            break;
    }

    start_value(stream);
    if (!stream->eof)
        return FCR_OK;

    /* At the end of the input the value is complete or truncated, and the
     * caller learns which now rather than from its next parse. */
    fcr__json_token token = check_value(stream);
    if (token == FCR__JSON_ERROR)
        return stream_stop(stream, fcr_last_error_status());
    start_value(stream);
    return FCR_OK;
}

fcr_status fcr__json_stream_skip_value(fcr__json_stream *stream)
{
    if (stream->state == STREAM_FAILED)
        return report_stopped(stream);
    if (stream->state == STREAM_IDLE)
        return FCR_OK;

    /* Start the value over, since the caller may have stopped anywhere in
     * it, and parse it fully so that its end is found reliably. */
    start_value(stream);
    for (;;) {
        fcr__json_token token = check_value(stream);
        if (token == FCR__JSON_END) {
            fcr__json_stream_end(stream);
            return FCR_OK;
        }
        if (token == FCR__JSON_ERROR)
            return stream_stop(stream, fcr_last_error_status());

        fcr_status status = fcr__json_stream_refill(stream);
        if (status != FCR_OK)
            return status;
    }
}
