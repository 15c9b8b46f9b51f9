/* SPDX-License-Identifier: MIT */
/* Streaming reader of call records, and the single-document entry point. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "call_read.h"
#include "fcr/call_json.h"
#include "fcr/reader.h"

struct fcr_reader {
    fcr_policy *policy;
    fcr_mode mode;
    char *name;
    FILE *file;                 /* owned when the reader opened it */
    fcr_read_fn read;
    void *userdata;
    const char *buffer;         /* borrowed, for buffer readers */
    size_t buffer_length;
    fcr__json_limits limits;
    size_t max_events;
    bool strict;
    fcr__json_stream *stream;   /* created at the first read */
    bool stopped;               /* a failure that reading cannot go past */
    fcr_status stop_status;
    size_t record;
    size_t line;
};

static ptrdiff_t read_file(void *userdata, char *buffer, size_t size)
{
    fcr_reader *reader = userdata;
    size_t got = fread(buffer, 1, size, reader->file);
    if (got == 0 && ferror(reader->file)) {
        fcr__error(FCR_EIO, "cannot read %.200s: %s", reader->name, strerror(errno));
        return -1;
    }
    return (ptrdiff_t)got;
}

static ptrdiff_t read_callback(void *userdata, char *buffer, size_t size)
{
    fcr_reader *reader = userdata;
    ptrdiff_t got = reader->read(reader->userdata, buffer, size);
    if (got < 0 || (size_t)got > size) {
        fcr__error(FCR_EIO, "reading %.200s failed in the host's read callback", reader->name);
        return -1;
    }
    return got;
}

static fcr_status reader_alloc(fcr_reader **out, fcr_policy *policy, const char *name,
                               const char *function)
{
    if (out == NULL || policy == NULL)
        return fcr__error(FCR_EINVAL, "%s: out and policy must not be NULL", function);

    fcr_reader *reader = fcr__calloc(1, sizeof *reader);
    if (reader == NULL)
        return fcr__error_nomem();
    reader->name = fcr__strdup(name != NULL ? name : "<input>");
    if (reader->name == NULL) {
        fcr__free(reader);
        return fcr__error_nomem();
    }
    reader->policy = fcr__policy_retain(policy);
    reader->mode = FCR_MODE_REPLAY;
    reader->max_events = FCR__DEFAULT_MAX_EVENTS;
    fcr__json_limits_init(&reader->limits);
    *out = reader;
    return FCR_OK;
}

fcr_status fcr_reader_new_file(fcr_reader **out, fcr_policy *policy, const char *path)
{
    if (out == NULL || path == NULL)
        return fcr__error(FCR_EINVAL, "fcr_reader_new_file: out and path must not be NULL");

    fcr_reader *reader = NULL;
    fcr_status status = reader_alloc(&reader, policy, path, "fcr_reader_new_file");
    if (status != FCR_OK)
        return status;

    reader->file = fopen(path, "rb");
    if (reader->file == NULL) {
        status = fcr__error(FCR_EIO, "cannot open %.200s: %s; check the path and permissions",
                            path, strerror(errno));
        fcr_reader_free(reader);
        return status;
    }
    *out = reader;
    return FCR_OK;
}

fcr_status fcr_reader_new_buffer(fcr_reader **out, fcr_policy *policy, const char *data,
                                 size_t length, const char *name)
{
    if (out == NULL || data == NULL)
        return fcr__error(FCR_EINVAL, "fcr_reader_new_buffer: out and data must not be NULL");

    fcr_reader *reader = NULL;
    fcr_status status = reader_alloc(&reader, policy, name != NULL ? name : "<buffer>",
                                     "fcr_reader_new_buffer");
    if (status != FCR_OK)
        return status;
    reader->buffer = data;
    reader->buffer_length = length;
    *out = reader;
    return FCR_OK;
}

fcr_status fcr_reader_new_callback(fcr_reader **out, fcr_policy *policy, fcr_read_fn read,
                                   void *userdata, const char *name)
{
    if (out == NULL || read == NULL)
        return fcr__error(FCR_EINVAL, "fcr_reader_new_callback: out and read must not be NULL");

    fcr_reader *reader = NULL;
    fcr_status status = reader_alloc(&reader, policy, name, "fcr_reader_new_callback");
    if (status != FCR_OK)
        return status;
    reader->read = read;
    reader->userdata = userdata;
    *out = reader;
    return FCR_OK;
}

void fcr_reader_free(fcr_reader *reader)
{
    if (reader == NULL)
        return;
    fcr__json_stream_free(reader->stream);
    if (reader->file != NULL)
        fclose(reader->file);
    fcr_policy_free(reader->policy);
    fcr__free(reader->name);
    fcr__free(reader);
}

fcr_status fcr_reader_set_limit(fcr_reader *reader, fcr_limit limit, size_t value)
{
    if (reader == NULL || value == 0)
        return fcr__error(FCR_EINVAL, "fcr_reader_set_limit: reader is NULL or the value is 0");
    if (reader->stream != NULL)
        return fcr__error(FCR_ESTATE, "fcr_reader_set_limit: reading has started; set limits "
                                      "before the first fcr_reader_next()");

    switch (limit) {
    case FCR_LIMIT_DEPTH:
        if (value > 10000)
            return fcr__error(FCR_EINVAL, "FCR_LIMIT_DEPTH is at most 10000");
        reader->limits.max_depth = value;
        return FCR_OK;
    case FCR_LIMIT_STRING_BYTES:
        reader->limits.max_string_bytes = value;
        return FCR_OK;
    case FCR_LIMIT_RECORD_BYTES:
        reader->limits.max_value_bytes = value;
        return FCR_OK;
    case FCR_LIMIT_EVENTS:
        if (value > FCR__MAX_EVENTS)
            return fcr__error(FCR_EINVAL, "FCR_LIMIT_EVENTS is at most %d", FCR__MAX_EVENTS);
        reader->max_events = value;
        return FCR_OK;
    default:
        return fcr__error(FCR_EINVAL, "fcr_reader_set_limit: unknown limit %d", (int)limit);
    }
}

fcr_status fcr_reader_set_mode(fcr_reader *reader, fcr_mode mode)
{
    if (reader == NULL || (mode != FCR_MODE_LIVE && mode != FCR_MODE_REPLAY))
        return fcr__error(FCR_EINVAL, "fcr_reader_set_mode: invalid reader or mode");
    if (reader->stream != NULL)
        return fcr__error(FCR_ESTATE, "fcr_reader_set_mode: reading has started");
    reader->mode = mode;
    return FCR_OK;
}

fcr_status fcr_reader_set_strict(fcr_reader *reader, int strict)
{
    if (reader == NULL)
        return fcr__error(FCR_EINVAL, "fcr_reader_set_strict: reader is NULL");
    if (reader->stream != NULL)
        return fcr__error(FCR_ESTATE, "fcr_reader_set_strict: reading has started");
    reader->strict = strict != 0;
    return FCR_OK;
}

static fcr_status open_stream(fcr_reader *reader)
{
    if (reader->buffer != NULL)
        return fcr__json_stream_new_buffer(&reader->stream, reader->buffer, reader->buffer_length,
                                           reader->name, &reader->limits);
    return fcr__json_stream_new(&reader->stream, reader->file != NULL ? read_file : read_callback,
                                reader, reader->name, &reader->limits);
}

/* Whether reading can go past a failed record: only when the record was
 * well-formed JSON, so the next one can be found. */
static bool recoverable(fcr_status status)
{
    return status == FCR_ERECORD || status == FCR_EWORKFLOW || status == FCR_EVERSION ||
           status == FCR_ELIMIT || status == FCR_ESTATE;
}

fcr_status fcr_reader_next(fcr_reader *reader, fcr_call **out)
{
    if (reader == NULL || out == NULL)
        return fcr__error(FCR_EINVAL, "fcr_reader_next: reader and out must not be NULL");
    *out = NULL;
    if (reader->stopped)
        return fcr__error(reader->stop_status, "%s: reading stopped at record %zu after an "
                                               "earlier error",
                          reader->name, reader->record);

    fcr_status status = FCR_OK;
    if (reader->stream == NULL && (status = open_stream(reader)) != FCR_OK)
        return status;

    bool more = false;
    status = fcr__json_stream_begin(reader->stream, &more, &reader->line);
    if (status == FCR_OK && !more)
        return FCR_OK;
    if (status != FCR_OK) {
        /* No record has started, so the error is about the input itself,
         * such as a directory given as a file. */
        reader->stopped = true;
        reader->stop_status = status;
        return status;
    }
    if (status == FCR_OK) {
        reader->record++;
        fcr__call_read_options options = {reader->policy, reader->mode, reader->name,
                                          reader->max_events, reader->strict};
        fcr__json_parser *parser = fcr__json_stream_parser(reader->stream);
        for (;;) {
            status = fcr__call_read(parser, &options, out);
            if (status != FCR__NEED_MORE)
                break;
            status = fcr__json_stream_refill(reader->stream);
            if (status != FCR_OK)
                break;
        }
    }

    if (status == FCR_OK) {
        fcr__json_stream_end(reader->stream);
        return FCR_OK;
    }

    /* Keep the record's error, adding which record it was, then skip the
     * rest of the record when the JSON allows it. */
    fcr__error_prefix("record %zu", reader->record);
    char message[512];
    char field[160];
    fcr_status failure = status;
    size_t line = fcr_last_error_line(), column = fcr_last_error_column();
    size_t offset = fcr_last_error_offset();
    snprintf(message, sizeof message, "%s", fcr_last_error());
    snprintf(field, sizeof field, "%s", fcr_last_error_field());

    if (recoverable(failure)) {
        fcr_status skipped = fcr__json_stream_skip_value(reader->stream);
        if (skipped == FCR_OK) {
            fcr__error_at(failure, line, column, offset, field, "%s", message);
            return failure;
        }
        /* The record is not even well-formed JSON, so the next one cannot be
         * found. Stop with the parse error: a recoverable status here would
         * tell the caller to go on, and every later call would return it
         * again. */
        fcr__error_prefix("record %zu", reader->record);
        reader->stopped = true;
        reader->stop_status = skipped;
        return skipped;
    }
    reader->stopped = true;
    reader->stop_status = failure == FCR_ENOMEM ? FCR_ENOMEM : failure;
    fcr__error_at(failure, line, column, offset, field, "%s", message);
    return failure;
}

int fcr_reader_stopped(const fcr_reader *reader)
{
    return reader != NULL && reader->stopped;
}

size_t fcr_reader_record(const fcr_reader *reader)
{
    return reader == NULL ? 0 : reader->record;
}

size_t fcr_reader_line(const fcr_reader *reader)
{
    return reader == NULL ? 0 : reader->line;
}

fcr_status fcr_call_from_json(fcr_call **out, fcr_policy *policy, fcr_mode mode,
                              const char *json, size_t length, const char *name)
{
    if (out == NULL || policy == NULL || json == NULL)
        return fcr__error(FCR_EINVAL, "fcr_call_from_json: out, policy and json must not be NULL");
    if (mode != FCR_MODE_LIVE && mode != FCR_MODE_REPLAY)
        return fcr__error(FCR_EINVAL, "fcr_call_from_json: invalid mode");

    fcr__json_parser *parser = NULL;
    fcr_status status = fcr__json_parser_new(&parser, NULL);
    if (status != FCR_OK)
        return status;

    const char *shown = name != NULL ? name : "<string>";
    fcr__json_parser_reset(parser, json, length, shown);
    fcr__call_read_options options = {policy, mode, shown, FCR__DEFAULT_MAX_EVENTS, false};
    fcr_call *call = NULL;
    status = fcr__call_read(parser, &options, &call);
    fcr__json_parser_free(parser);

    if (status != FCR_OK)
        return status;
    *out = call;
    return FCR_OK;
}
