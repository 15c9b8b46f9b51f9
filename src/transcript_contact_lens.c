/* SPDX-License-Identifier: MIT */
/*
 * Importing Amazon Connect Contact Lens output: the post-contact analysis
 * file of a voice or chat contact ("Transcript": turns with ParticipantId or
 * ParticipantRole, Content, and BeginOffsetMillis/EndOffsetMillis for voice
 * or AbsoluteTime for chat), and real-time analysis SEGMENTS events
 * ("Segments": [{"Transcript": {...}}], partial "Utterance" segments
 * skipped). The file is one strict JSON document: the published samples
 * with a comment or a stray brace are rejected with the line and column.
 *
 * Roles: AGENT is the agent, CUSTOMER the caller, SYSTEM a system turn.
 * Participants may be listed after the turns, so turns are collected first
 * and their roles resolved at the end.
 */
#include <stdio.h>
#include <string.h>

#include "json_read.h"
#include "transcript.h"

#define MAX_OFFSET_MS (INT64_C(7) * 24 * 3600 * 1000)

typedef struct lens_item {
    char *participant_id;
    char *role;
    char *content; /* NULL for events such as "participant joined" */
    size_t content_length;
    int64_t begin_ms;
    int64_t end_ms;
    fcr_time absolute;
    size_t line; /* where the item starts, for messages */
    size_t column;
} lens_item;

typedef struct lens_participant {
    char *id;
    char *role;
} lens_participant;

typedef struct lens_reader {
    fcr__json_parser *parser;
    fcr__json_path path;
    const char *name;
    lens_item *items;
    size_t item_count;
    size_t item_capacity;
    lens_participant *participants;
    size_t participant_count;
    size_t participant_capacity;
    char *contact_id;
} lens_reader;

static fcr_status skip_value(lens_reader *r)
{
    return fcr__json_token_status(fcr__json_skip(r->parser, NULL, NULL));
}

/* Reads a string into a new copy that replaces *slot. */
static fcr_status read_copy(lens_reader *r, size_t max_length, char **slot, size_t *length)
{
    const char *text;
    size_t text_length;
    fcr_status status = fcr__json_read_string(r->parser, &r->path, max_length, &text,
                                              &text_length);
    if (status != FCR_OK)
        return status;
    char *copy = fcr__strndup(text, text_length);
    if (copy == NULL)
        return fcr__error_nomem();
    fcr__free(*slot);
    *slot = copy;
    if (length != NULL)
        *length = text_length;
    return FCR_OK;
}

/* Reads one turn object: a Transcript item or a segment's Transcript. The
 * object's opening brace has been read. */
static fcr_status read_item(lens_reader *r)
{
    fcr_status status = fcr__grow((void **)&r->items, &r->item_capacity, r->item_count + 1,
                                  sizeof *r->items);
    if (status != FCR_OK)
        return status;
    lens_item *item = &r->items[r->item_count++];
    memset(item, 0, sizeof *item);
    item->begin_ms = FCR__OFFSET_NONE;
    item->end_ms = FCR__OFFSET_NONE;
    item->absolute = FCR_TIME_NONE;
    size_t offset;
    fcr__json_position(r->parser, &item->line, &item->column, &offset);

    while (status == FCR_OK) {
        const char *key;
        size_t length;
        status = fcr__json_next_key(r->parser, &key, &length);
        if (status != FCR_OK || key == NULL)
            break;
        size_t mark = fcr__path_push_key(&r->path, key, length);
        if (fcr__key_is(key, length, "ParticipantId")) {
            status = read_copy(r, 256, &item->participant_id, NULL);
        } else if (fcr__key_is(key, length, "ParticipantRole")) {
            status = read_copy(r, 64, &item->role, NULL);
        } else if (fcr__key_is(key, length, "Content")) {
            status = read_copy(r, FCR__TRANSCRIPT_MAX_TURN_BYTES, &item->content,
                               &item->content_length);
        } else if (fcr__key_is(key, length, "BeginOffsetMillis")) {
            status = fcr__json_read_int(r->parser, &r->path, 0, MAX_OFFSET_MS, &item->begin_ms);
        } else if (fcr__key_is(key, length, "EndOffsetMillis")) {
            status = fcr__json_read_int(r->parser, &r->path, 0, MAX_OFFSET_MS, &item->end_ms);
        } else if (fcr__key_is(key, length, "AbsoluteTime")) {
            status = fcr__json_read_time(r->parser, &r->path, &item->absolute);
        } else {
            status = skip_value(r);
        }
        if (status == FCR_OK)
            fcr__path_pop(&r->path, mark);
    }
    return status;
}

static fcr_status read_transcript(lens_reader *r)
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
        status = read_item(r);
        if (status == FCR_OK)
            fcr__path_pop(&r->path, mark);
    }
    return status;
}

static fcr_status read_segments(lens_reader *r)
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
        while (status == FCR_OK) {
            const char *key;
            size_t length;
            status = fcr__json_next_key(r->parser, &key, &length);
            if (status != FCR_OK || key == NULL)
                break;
            size_t key_mark = fcr__path_push_key(&r->path, key, length);
            if (fcr__key_is(key, length, "Transcript")) {
                status = fcr__json_expect(r->parser, &r->path, FCR__JSON_OBJECT_BEGIN);
                if (status == FCR_OK)
                    status = read_item(r);
            } else {
                status = skip_value(r);
            }
            if (status == FCR_OK)
                fcr__path_pop(&r->path, key_mark);
        }
        if (status == FCR_OK)
            fcr__path_pop(&r->path, mark);
    }
    return status;
}

static fcr_status read_participants(lens_reader *r)
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
        status = fcr__grow((void **)&r->participants, &r->participant_capacity,
                           r->participant_count + 1, sizeof *r->participants);
        if (status != FCR_OK)
            break;
        lens_participant *participant = &r->participants[r->participant_count++];
        memset(participant, 0, sizeof *participant);
        while (status == FCR_OK) {
            const char *key;
            size_t length;
            status = fcr__json_next_key(r->parser, &key, &length);
            if (status != FCR_OK || key == NULL)
                break;
            size_t key_mark = fcr__path_push_key(&r->path, key, length);
            if (fcr__key_is(key, length, "ParticipantId"))
                status = read_copy(r, 256, &participant->id, NULL);
            else if (fcr__key_is(key, length, "ParticipantRole"))
                status = read_copy(r, 64, &participant->role, NULL);
            else
                status = skip_value(r);
            if (status == FCR_OK)
                fcr__path_pop(&r->path, key_mark);
        }
        if (status == FCR_OK)
            fcr__path_pop(&r->path, mark);
    }
    return status;
}

static fcr_status read_customer_metadata(lens_reader *r)
{
    fcr_status status = fcr__json_expect(r->parser, &r->path, FCR__JSON_OBJECT_BEGIN);
    while (status == FCR_OK) {
        const char *key;
        size_t length;
        status = fcr__json_next_key(r->parser, &key, &length);
        if (status != FCR_OK || key == NULL)
            break;
        size_t mark = fcr__path_push_key(&r->path, key, length);
        if (fcr__key_is(key, length, "ContactId"))
            status = read_copy(r, 256, &r->contact_id, NULL);
        else
            status = skip_value(r);
        if (status == FCR_OK)
            fcr__path_pop(&r->path, mark);
    }
    return status;
}

static fcr_status read_document(lens_reader *r)
{
    fcr_status status = fcr__json_expect(r->parser, &r->path, FCR__JSON_OBJECT_BEGIN);
    while (status == FCR_OK) {
        const char *key;
        size_t length;
        status = fcr__json_next_key(r->parser, &key, &length);
        if (status != FCR_OK || key == NULL)
            break;
        size_t mark = fcr__path_push_key(&r->path, key, length);
        if (fcr__key_is(key, length, "Transcript"))
            status = read_transcript(r);
        else if (fcr__key_is(key, length, "Segments"))
            status = read_segments(r);
        else if (fcr__key_is(key, length, "Participants"))
            status = read_participants(r);
        else if (fcr__key_is(key, length, "CustomerMetadata"))
            status = read_customer_metadata(r);
        else if (fcr__key_is(key, length, "ContactId") && r->contact_id == NULL)
            status = read_copy(r, 256, &r->contact_id, NULL);
        else
            status = skip_value(r);
        if (status == FCR_OK)
            fcr__path_pop(&r->path, mark);
    }
    if (status == FCR_OK) {
        fcr__json_token token = fcr__json_next(r->parser);
        if (token != FCR__JSON_END)
            status = fcr__json_token_status(token);
    }
    return status;
}

static bool role_from_name(const char *name, fcr_turn_role *out)
{
    if (name == NULL)
        return false;
    if (strcmp(name, "AGENT") == 0 || strcmp(name, "SUPERVISOR") == 0)
        *out = FCR_TURN_AGENT;
    else if (strcmp(name, "CUSTOMER") == 0)
        *out = FCR_TURN_CALLER;
    else if (strcmp(name, "SYSTEM") == 0 || strcmp(name, "CUSTOM_BOT") == 0)
        *out = FCR_TURN_SYSTEM;
    else
        return false;
    return true;
}

/* The role of a turn: its own ParticipantRole, else the role of its
 * participant, else its ParticipantId when that is a role name (the voice
 * samples use "AGENT" and "CUSTOMER" as ids). */
static bool item_role(const lens_reader *r, const lens_item *item, fcr_turn_role *out)
{
    if (item->role != NULL)
        return role_from_name(item->role, out);
    if (item->participant_id == NULL)
        return false;
    for (size_t i = 0; i < r->participant_count; i++) {
        const lens_participant *participant = &r->participants[i];
        if (participant->id != NULL && strcmp(participant->id, item->participant_id) == 0)
            return role_from_name(participant->role, out);
    }
    return role_from_name(item->participant_id, out);
}

static fcr_status build_transcript(lens_reader *r, fcr_transcript **out)
{
    char id[FCR__TRANSCRIPT_MAX_ID_BYTES + 1];
    if (r->contact_id != NULL && fcr__transcript_valid_id(r->contact_id, strlen(r->contact_id)))
        snprintf(id, sizeof id, "%s", r->contact_id);
    else
        fcr__transcript_id_from_name(id, r->name, "contact");

    fcr_transcript *transcript = NULL;
    fcr_status status =
        fcr__transcript_create(&transcript, id, strlen(id), FCR_TRANSCRIPT_CONTACT_LENS);
    if (status != FCR_OK)
        return status;

    /* Chat turns carry wall-clock times: the earliest, events included, is
     * the start of the contact. */
    fcr_time started_at = FCR_TIME_NONE;
    for (size_t i = 0; i < r->item_count; i++) {
        fcr_time at = r->items[i].absolute;
        if (at != FCR_TIME_NONE && (started_at == FCR_TIME_NONE || at < started_at))
            started_at = at;
    }
    transcript->started_at = started_at;

    for (size_t i = 0; i < r->item_count && status == FCR_OK; i++) {
        const lens_item *item = &r->items[i];
        if (item->content == NULL)
            continue;
        fcr_turn_role role;
        if (!item_role(r, item, &role)) {
            status = fcr__error_at(FCR_ERECORD, item->line, item->column, SIZE_MAX, "Transcript",
                                   "%.200s:%zu:%zu: turn %zu has no ParticipantRole that is "
                                   "AGENT, CUSTOMER or SYSTEM, and its ParticipantId names no "
                                   "such participant",
                                   r->name, item->line, item->column, i);
            break;
        }
        int64_t start = item->begin_ms;
        int64_t end = item->end_ms;
        if (start == FCR__OFFSET_NONE && item->absolute != FCR_TIME_NONE) {
            start = item->absolute - started_at;
            if (start > MAX_OFFSET_MS)
                start = FCR__OFFSET_NONE;
        }
        if (start != FCR__OFFSET_NONE && end != FCR__OFFSET_NONE && end < start)
            end = FCR__OFFSET_NONE;
        status = fcr__transcript_add_turn_n(transcript, role, start, end, item->content,
                                            item->content_length);
    }

    if (status == FCR_OK && transcript->turn_count == 0)
        status = fcr__error(FCR_ERECORD, "%.200s has no transcript turns with content; give a "
                                         "post-contact analysis file or a SEGMENTS event",
                            r->name);
    if (status != FCR_OK) {
        fcr_transcript_free(transcript);
        return status;
    }
    *out = transcript;
    return FCR_OK;
}

static void reader_free(lens_reader *r)
{
    for (size_t i = 0; i < r->item_count; i++) {
        fcr__free(r->items[i].participant_id);
        fcr__free(r->items[i].role);
        fcr__free(r->items[i].content);
    }
    fcr__free(r->items);
    for (size_t i = 0; i < r->participant_count; i++) {
        fcr__free(r->participants[i].id);
        fcr__free(r->participants[i].role);
    }
    fcr__free(r->participants);
    fcr__free(r->contact_id);
    fcr__json_parser_free(r->parser);
}

fcr_status fcr__transcript_read_contact_lens(fcr_transcript_list *list, const char *data,
                                             size_t length, const char *name)
{
    lens_reader r;
    memset(&r, 0, sizeof r);
    r.name = name;
    fcr__path_init(&r.path);

    fcr_status status = fcr__json_parser_new(&r.parser, NULL);
    if (status == FCR_OK) {
        fcr__json_parser_reset(r.parser, data, length, name);
        status = read_document(&r);
    }
    fcr_transcript *transcript = NULL;
    if (status == FCR_OK)
        status = build_transcript(&r, &transcript);
    if (status == FCR_OK) {
        status = fcr__transcript_list_add(list, transcript);
        if (status != FCR_OK)
            fcr_transcript_free(transcript);
    }
    reader_free(&r);
    return status;
}
