/* SPDX-License-Identifier: MIT */
/*
 * Importing conversations of the Action-Based Conversations Dataset (ABCD,
 * Chen et al., NAACL 2021). A file holds an array of conversations, one
 * conversation object, or an object of such arrays (the corpus keys them
 * by data split: "train", "dev", "test"). Each conversation has "convo_id"
 * and "original", a list of [speaker, text] pairs where the speaker is
 * "agent", "customer" (the caller) or "action", which records what the agent
 * did in a tool ("Account has been pulled up for ...") and becomes a system
 * turn. The scenario, with the customer's personal details, is not read.
 * ABCD has no times, so the turns have none.
 */
#include <stdio.h>
#include <string.h>

#include "json_read.h"
#include "transcript.h"

typedef struct abcd_reader {
    fcr__json_parser *parser;
    fcr__json_path path;
    fcr_transcript_list *list;
    size_t conversation; /* 1-based count, for messages */
} abcd_reader;

static fcr_status fail(abcd_reader *r, fcr_status status, const char *what)
{
    return fcr__json_fail(r->parser, status, fcr__path_text(&r->path), "%s: %s",
                          fcr__path_text(&r->path), what);
}

static fcr_status read_pair(abcd_reader *r, fcr_transcript *transcript)
{
    const char *speaker;
    size_t length;
    fcr_status status = fcr__json_read_string(r->parser, &r->path, 32, &speaker, &length);
    if (status != FCR_OK)
        return status;

    fcr_turn_role role;
    if (fcr__key_is(speaker, length, "agent"))
        role = FCR_TURN_AGENT;
    else if (fcr__key_is(speaker, length, "customer"))
        role = FCR_TURN_CALLER;
    else if (fcr__key_is(speaker, length, "action"))
        role = FCR_TURN_SYSTEM;
    else
        return fail(r, FCR_ERECORD, "the speaker must be \"agent\", \"customer\" or \"action\"");

    const char *text;
    status = fcr__json_read_string(r->parser, &r->path, FCR__TRANSCRIPT_MAX_TURN_BYTES, &text,
                                   &length);
    if (status != FCR_OK)
        return status;
    status = fcr__transcript_add_turn_n(transcript, role, FCR__OFFSET_NONE, FCR__OFFSET_NONE,
                                        text, length);
    if (status != FCR_OK)
        return status;

    fcr__json_token token = fcr__json_next(r->parser);
    if (token != FCR__JSON_ARRAY_END)
        return token == FCR__JSON_ERROR ? fcr__json_token_status(token)
                                        : fail(r, FCR_ERECORD, "a turn is a [speaker, text] "
                                                               "pair, but this one has more "
                                                               "items");
    return FCR_OK;
}

static fcr_status read_original(abcd_reader *r, fcr_transcript *transcript)
{
    fcr_status status = fcr__json_expect(r->parser, &r->path, FCR__JSON_ARRAY_BEGIN);
    for (size_t index = 0; status == FCR_OK; index++) {
        size_t mark = fcr__path_push_index(&r->path, index);
        fcr__json_token token = fcr__json_next(r->parser);
        if (token == FCR__JSON_ARRAY_END) {
            fcr__path_pop(&r->path, mark);
            break;
        }
        if (token != FCR__JSON_ARRAY_BEGIN)
            return fcr__json_type_error(r->parser, &r->path, token,
                                        "a [speaker, text] pair");
        status = read_pair(r, transcript);
        if (status == FCR_OK)
            fcr__path_pop(&r->path, mark);
    }
    return status;
}

static fcr_status read_conversations(abcd_reader *r);

/* Reads an object after its opening brace: a conversation, or an object
 * whose array values are lists of conversations. */
static fcr_status read_object(abcd_reader *r)
{
    r->conversation++;
    char stand_in[48];
    snprintf(stand_in, sizeof stand_in, "abcd-%zu", r->conversation);
    fcr_transcript *transcript = NULL;
    fcr_status status =
        fcr__transcript_create(&transcript, stand_in, strlen(stand_in), FCR_TRANSCRIPT_ABCD);
    bool has_original = false;

    while (status == FCR_OK) {
        const char *key;
        size_t length;
        status = fcr__json_next_key(r->parser, &key, &length);
        if (status != FCR_OK || key == NULL)
            break;
        size_t mark = fcr__path_push_key(&r->path, key, length);
        if (fcr__key_is(key, length, "original")) {
            status = read_original(r, transcript);
            has_original = true;
        } else if (fcr__key_is(key, length, "convo_id")) {
            fcr__json_token token = fcr__json_next(r->parser);
            char id[FCR__TRANSCRIPT_MAX_ID_BYTES + 1] = "";
            size_t value_length = 0;
            const char *value = NULL;
            if (token == FCR__JSON_NUMBER)
                value = fcr__json_number_text(r->parser, &value_length);
            else if (token == FCR__JSON_STRING)
                value = fcr__json_string(r->parser, &value_length);
            if (value == NULL)
                status = fcr__json_type_error(r->parser, &r->path, token, "a number or a string");
            else if (value_length + 5 > FCR__TRANSCRIPT_MAX_ID_BYTES ||
                     !fcr__transcript_valid_id(value, value_length))
                status = fail(r, FCR_ERECORD, "must be 1 to 123 bytes without control "
                                              "characters");
            if (status == FCR_OK) {
                snprintf(id, sizeof id, "abcd-%.*s", (int)value_length, value);
                char *copy = fcr__strdup(id);
                if (copy == NULL) {
                    status = fcr__error_nomem();
                } else {
                    fcr__free(transcript->id);
                    transcript->id = copy;
                }
            }
        } else {
            fcr__json_token token = fcr__json_next(r->parser);
            if (token == FCR__JSON_ARRAY_BEGIN && !has_original)
                status = read_conversations(r);
            else if (token == FCR__JSON_ERROR)
                status = fcr__json_token_status(token);
            else
                status = fcr__json_token_status(fcr__json_skip(r->parser, NULL, NULL));
        }
        if (status == FCR_OK)
            fcr__path_pop(&r->path, mark);
    }

    if (status == FCR_OK && has_original) {
        if (transcript->turn_count == 0) {
            status = fail(r, FCR_ERECORD, "the conversation has no turns");
        } else {
            status = fcr__transcript_list_add(r->list, transcript);
            if (status == FCR_OK)
                transcript = NULL;
        }
    }
    fcr_transcript_free(transcript);
    return status;
}

/* Reads an array of conversations after its opening bracket. */
static fcr_status read_conversations(abcd_reader *r)
{
    fcr_status status = FCR_OK;
    for (size_t index = 0; status == FCR_OK; index++) {
        size_t mark = fcr__path_push_index(&r->path, index);
        fcr__json_token token = fcr__json_next(r->parser);
        if (token == FCR__JSON_ARRAY_END) {
            fcr__path_pop(&r->path, mark);
            break;
        }
        if (token != FCR__JSON_OBJECT_BEGIN)
            return fcr__json_type_error(r->parser, &r->path, token, "a conversation object");
        status = read_object(r);
        if (status == FCR_OK)
            fcr__path_pop(&r->path, mark);
    }
    return status;
}

fcr_status fcr__transcript_read_abcd(fcr_transcript_list *list, const char *data, size_t length,
                                     const char *name)
{
    abcd_reader r;
    memset(&r, 0, sizeof r);
    r.list = list;
    fcr__path_init(&r.path);
    fcr_status status = fcr__json_parser_new(&r.parser, NULL);
    if (status != FCR_OK)
        return status;
    fcr__json_parser_reset(r.parser, data, length, name);

    fcr__json_token token = fcr__json_next(r.parser);
    if (token == FCR__JSON_ARRAY_BEGIN)
        status = read_conversations(&r);
    else if (token == FCR__JSON_OBJECT_BEGIN)
        status = read_object(&r);
    else
        status = fcr__json_type_error(r.parser, &r.path, token,
                                      "an array of ABCD conversations or a conversation object");
    if (status == FCR_OK) {
        token = fcr__json_next(r.parser);
        if (token != FCR__JSON_END)
            status = fcr__json_token_status(token);
    }
    fcr__json_parser_free(r.parser);

    if (status == FCR_OK && list->count == 0)
        status = fcr__error(FCR_ERECORD, "%.200s contains no ABCD conversation with "
                                         "\"original\" turns",
                            name);
    return status;
}
