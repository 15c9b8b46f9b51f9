/* SPDX-License-Identifier: MIT */
/*
 * Reading `fcr.transcript/1` documents: one transcript per JSON document,
 * several documents in a row or JSON Lines. Fields this version does not
 * know are skipped, so that exporters may add their own.
 */
#include <stdio.h>
#include <string.h>

#include "json_read.h"
#include "transcript.h"

typedef struct json_reader {
    fcr__json_parser *parser;
    fcr__json_path path;
    size_t record; /* 1-based number of the document, for messages */
} json_reader;

static fcr_status fail(json_reader *r, fcr_status status, const char *what)
{
    return fcr__json_fail(r->parser, status, fcr__path_text(&r->path), "transcript %zu: %s: %s",
                          r->record, fcr__path_text(&r->path), what);
}

static fcr_status read_format(json_reader *r, bool *seen)
{
    const char *text;
    size_t length;
    fcr_status status = fcr__json_read_string(r->parser, &r->path, 64, &text, &length);
    if (status != FCR_OK)
        return status;

    static const char prefix[] = "fcr.transcript/";
    size_t prefix_length = sizeof prefix - 1;
    if (length <= prefix_length || memcmp(text, prefix, prefix_length) != 0)
        return fail(r, FCR_ERECORD, "must be \"fcr.transcript/1\"; this is not a libfcr "
                                    "transcript (give the importer's format for other files)");
    const char *version = text + prefix_length;
    size_t version_length = length - prefix_length;
    if (!(version[0] == '1' && (version_length == 1 || version[1] == '.')))
        return fail(r, FCR_EVERSION, "this transcript format version is not supported; this "
                                     "library reads fcr.transcript/1 and its minor versions");
    *seen = true;
    return FCR_OK;
}

static fcr_status read_role(json_reader *r, fcr_turn_role *role)
{
    const char *text;
    size_t length;
    fcr_status status = fcr__json_read_string(r->parser, &r->path, 32, &text, &length);
    if (status != FCR_OK)
        return status;
    if (fcr__key_is(text, length, "agent"))
        *role = FCR_TURN_AGENT;
    else if (fcr__key_is(text, length, "caller"))
        *role = FCR_TURN_CALLER;
    else if (fcr__key_is(text, length, "system"))
        *role = FCR_TURN_SYSTEM;
    else
        return fail(r, FCR_ERECORD, "must be \"agent\", \"caller\" or \"system\"");
    return FCR_OK;
}

static fcr_status read_seconds(json_reader *r, int64_t *out)
{
    double seconds;
    fcr_status status = fcr__json_read_double(r->parser, &r->path, &seconds);
    if (status != FCR_OK)
        return status;
    if (!fcr__seconds_to_ms(seconds, out))
        return fail(r, FCR_ERECORD, "must be a number of seconds from 0 to 604800 (7 days)");
    return FCR_OK;
}

static fcr_status read_turn(json_reader *r, fcr_transcript *transcript)
{
    fcr_turn_role role = FCR_TURN_AGENT;
    bool has_role = false;
    int64_t start = FCR__OFFSET_NONE;
    int64_t end = FCR__OFFSET_NONE;
    char *text = NULL;
    size_t text_length = 0;

    /* read_turns() has already read the turn's '{'. */
    fcr_status status = FCR_OK;
    while (status == FCR_OK) {
        const char *key;
        size_t length;
        status = fcr__json_next_key(r->parser, &key, &length);
        if (status != FCR_OK || key == NULL)
            break;
        size_t mark = fcr__path_push_key(&r->path, key, length);
        if (fcr__key_is(key, length, "role")) {
            status = read_role(r, &role);
            has_role = status == FCR_OK;
        } else if (fcr__key_is(key, length, "start")) {
            status = read_seconds(r, &start);
        } else if (fcr__key_is(key, length, "end")) {
            status = read_seconds(r, &end);
        } else if (fcr__key_is(key, length, "text")) {
            const char *value;
            status = fcr__json_read_string(r->parser, &r->path, FCR__TRANSCRIPT_MAX_TURN_BYTES,
                                           &value, &text_length);
            if (status == FCR_OK) {
                fcr__free(text);
                text = fcr__strndup(value, text_length);
                if (text == NULL)
                    status = fcr__error_nomem();
            }
        } else {
            fcr__json_token token = fcr__json_skip(r->parser, NULL, NULL);
            status = fcr__json_token_status(token);
        }
        if (status == FCR_OK)
            fcr__path_pop(&r->path, mark);
    }

    if (status == FCR_OK && !has_role)
        status = fail(r, FCR_ERECORD, "the turn has no role; add \"role\": \"agent\" or "
                                      "\"caller\"");
    if (status == FCR_OK && text == NULL)
        status = fail(r, FCR_ERECORD, "the turn has no text; add \"text\"");
    if (status == FCR_OK && start != FCR__OFFSET_NONE && end != FCR__OFFSET_NONE && end < start)
        status = fail(r, FCR_ERECORD, "the turn ends before it starts");
    if (status == FCR_OK)
        status = fcr__transcript_add_turn_n(transcript, role, start, end, text, text_length);
    fcr__free(text);
    return status;
}

static fcr_status read_turns(json_reader *r, fcr_transcript *transcript)
{
    fcr_status status = fcr__json_expect(r->parser, &r->path, FCR__JSON_ARRAY_BEGIN);
    for (size_t index = 0; status == FCR_OK; index++) {
        size_t mark = fcr__path_push_index(&r->path, index);
        fcr__json_token token = fcr__json_next(r->parser);
        if (token == FCR__JSON_ARRAY_END) {
            fcr__path_pop(&r->path, mark);
            break;
        }
        if (token != FCR__JSON_OBJECT_BEGIN)
            return fcr__json_type_error(r->parser, &r->path, token, "an object");
        status = read_turn(r, transcript);
        if (status == FCR_OK)
            fcr__path_pop(&r->path, mark);
    }
    return status;
}

static fcr_status read_agent(json_reader *r, char **agent_id, char **agent_role)
{
    fcr_status status = fcr__json_expect(r->parser, &r->path, FCR__JSON_OBJECT_BEGIN);
    while (status == FCR_OK) {
        const char *key;
        size_t length;
        status = fcr__json_next_key(r->parser, &key, &length);
        if (status != FCR_OK || key == NULL)
            break;
        size_t mark = fcr__path_push_key(&r->path, key, length);
        char **slot = fcr__key_is(key, length, "id")     ? agent_id
                      : fcr__key_is(key, length, "role") ? agent_role
                                                         : NULL;
        if (slot != NULL) {
            const char *value;
            size_t value_length;
            status = fcr__json_read_string(r->parser, &r->path, 0, &value, &value_length);
            if (status == FCR_OK && !fcr__transcript_valid_id(value, value_length))
                status = fail(r, FCR_ERECORD, "must be 1 to 128 bytes without control "
                                              "characters");
            if (status == FCR_OK) {
                fcr__free(*slot);
                if ((*slot = fcr__strndup(value, value_length)) == NULL)
                    status = fcr__error_nomem();
            }
        } else {
            status = fcr__json_token_status(fcr__json_skip(r->parser, NULL, NULL));
        }
        if (status == FCR_OK)
            fcr__path_pop(&r->path, mark);
    }
    return status;
}

/* Reads one document into a new transcript. The transcript is created
 * first with a stand-in id, because "id" may come after "turns". */
static fcr_status read_document(json_reader *r, fcr_transcript **out)
{
    char stand_in[32];
    int stand_in_length = snprintf(stand_in, sizeof stand_in, "(document %zu)", r->record);
    fcr_transcript *transcript = NULL;
    fcr_status status = fcr__transcript_create(&transcript, stand_in, (size_t)stand_in_length,
                                               FCR_TRANSCRIPT_JSON);
    if (status != FCR_OK)
        return status;

    bool has_format = false;
    bool has_id = false;
    bool has_turns = false;
    if (status == FCR_OK)
        status = fcr__json_expect(r->parser, &r->path, FCR__JSON_OBJECT_BEGIN);
    while (status == FCR_OK) {
        const char *key;
        size_t key_length;
        status = fcr__json_next_key(r->parser, &key, &key_length);
        if (status != FCR_OK || key == NULL)
            break;
        size_t mark = fcr__path_push_key(&r->path, key, key_length);
        if (fcr__key_is(key, key_length, "format")) {
            status = read_format(r, &has_format);
        } else if (fcr__key_is(key, key_length, "id")) {
            const char *value;
            size_t length;
            status = fcr__json_read_string(r->parser, &r->path, 0, &value, &length);
            if (status == FCR_OK && !fcr__transcript_valid_id(value, length))
                status = fail(r, FCR_ERECORD, "must be 1 to 128 bytes without control "
                                              "characters");
            char *copy = NULL;
            if (status == FCR_OK && (copy = fcr__strndup(value, length)) == NULL)
                status = fcr__error_nomem();
            if (status == FCR_OK) {
                fcr__free(transcript->id);
                transcript->id = copy;
                has_id = true;
            }
        } else if (fcr__key_is(key, key_length, "started_at")) {
            status = fcr__json_read_time(r->parser, &r->path, &transcript->started_at);
        } else if (fcr__key_is(key, key_length, "agent")) {
            status = read_agent(r, &transcript->agent_id, &transcript->agent_role);
            if (status == FCR_OK && (transcript->agent_id == NULL) != (transcript->agent_role == NULL))
                status = fail(r, FCR_ERECORD, "give both the agent's id and role, or neither");
        } else if (fcr__key_is(key, key_length, "turns")) {
            if (has_turns)
                status = fail(r, FCR_ERECORD, "turns is given twice");
            else
                status = read_turns(r, transcript);
            has_turns = true;
        } else {
            status = fcr__json_token_status(fcr__json_skip(r->parser, NULL, NULL));
        }
        if (status == FCR_OK)
            fcr__path_pop(&r->path, mark);
    }

    if (status == FCR_OK && !has_format)
        status = fail(r, FCR_ERECORD, "the document has no format tag; add \"format\": "
                                      "\"fcr.transcript/1\"");
    if (status == FCR_OK && !has_id)
        status = fail(r, FCR_ERECORD, "the transcript has no id; add \"id\"");
    if (status == FCR_OK && !has_turns)
        status = fail(r, FCR_ERECORD, "the transcript has no turns; add \"turns\": [...]");
    if (status == FCR_OK) {
        fcr__json_token token = fcr__json_next(r->parser);
        if (token != FCR__JSON_END)
            status = fcr__json_token_status(token);
    }

    if (status != FCR_OK) {
        fcr_transcript_free(transcript);
        return status;
    }
    *out = transcript;
    return FCR_OK;
}

fcr_status fcr__transcript_read_json(fcr_transcript_list *list, const char *data, size_t length,
                                     const char *name)
{
    fcr__json_stream *stream = NULL;
    fcr_status status = fcr__json_stream_new_buffer(&stream, data, length, name, NULL);
    if (status != FCR_OK)
        return status;

    json_reader r = {fcr__json_stream_parser(stream), {{0}, 0}, 0};
    for (;;) {
        bool more = false;
        status = fcr__json_stream_begin(stream, &more, NULL);
        if (status != FCR_OK || !more)
            break;
        r.record++;
        fcr__path_init(&r.path);

        fcr_transcript *transcript = NULL;
        for (;;) {
            status = read_document(&r, &transcript);
            if (status != FCR__NEED_MORE)
                break;
            status = fcr__json_stream_refill(stream);
            if (status != FCR_OK)
                break;
        }
        if (status == FCR_OK) {
            status = fcr__transcript_list_add(list, transcript);
            if (status != FCR_OK)
                fcr_transcript_free(transcript);
        }
        if (status != FCR_OK)
            break;
        fcr__json_stream_end(stream);
    }
    fcr__json_stream_free(stream);

    if (status == FCR_OK && list->count == 0)
        status = fcr__error(FCR_ERECORD, "%.200s contains no transcript; a transcript file holds "
                                         "fcr.transcript/1 JSON documents",
                            name);
    return status;
}
