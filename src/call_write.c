/* SPDX-License-Identifier: MIT */
/* Writing a call as an `fcr.call/1` document, fields in a fixed order. */
#include <string.h>

#include "fcr/call_json.h"
#include "json.h"
#include "model.h"

static const char *const direction_names[] = {"inbound", "outbound"};
static const char *const caller_role_names[] = {"patient", "proxy", "other"};

static void write_time(fcr__json_writer *writer, fcr_time time)
{
    char text[FCR_TIME_TEXT_SIZE];
    if (fcr_time_format(text, sizeof text, time) != FCR_OK)
        text[0] = '\0';
    fcr__json_string_value(writer, text);
}

/* Returns the length of the JSON value `json` without the whitespace
 * between its tokens, and writes that text to `out` unless it is NULL. The
 * value was validated when it was read, so quotes and backslashes mark its
 * strings reliably. */
static size_t compact_value(const char *json, size_t length, char *out)
{
    size_t used = 0;
    bool in_string = false;

    for (size_t i = 0; i < length; i++) {
        char c = json[i];
        if (in_string && c == '\\' && i + 1 < length) {
            if (out != NULL) {
                out[used] = c;
                out[used + 1] = json[i + 1];
            }
            used += 2;
            i++;
            continue;
        }
        if (in_string && c == '"')
            in_string = false;
        else if (!in_string && c == '"')
            in_string = true;
        else if (!in_string && (c == ' ' || c == '\t' || c == '\n' || c == '\r'))
            continue;

        if (out != NULL)
            out[used] = c;
        used++;
    }
    return used;
}

/* Writes the fields kept from input as they were read. Compact output must
 * stay on one line for JSON Lines, so there a value read from pretty input
 * loses the whitespace between its tokens. */
static void write_unknown(fcr__json_writer *writer, const fcr__raw_fields *fields)
{
    for (size_t i = 0; i < fields->count; i++) {
        const char *json = fields->items[i].json;
        size_t length = fields->items[i].length;
        char *compact = NULL;

        if (!writer->pretty) {
            size_t compact_length = compact_value(json, length, NULL);
            if (compact_length < length) {
                compact = fcr__malloc(compact_length);
                if (compact == NULL) {
                    if (writer->status == FCR_OK)
                        writer->status = fcr__error_nomem();
                    return;
                }
                compact_value(json, length, compact);
                json = compact;
                length = compact_length;
            }
        }

        fcr__json_key(writer, fields->items[i].name);
        fcr__json_raw(writer, json, length);
        fcr__free(compact);
    }
}

static void write_event(fcr__json_writer *writer, const fcr_event *event)
{
    fcr__json_begin_object(writer);
    fcr__json_key(writer, "type");
    fcr__json_string_value(writer, fcr_event_type_name(event->type));
    fcr__json_key(writer, "at");
    write_time(writer, event->at);
    if (event->concern != NULL) {
        fcr__json_key(writer, "concern");
        fcr__json_string_value(writer, event->concern);
    }

    for (int field = 0; field < FCR__FIELD_COUNT; field++) {
        if (!fcr__event_present(event, (fcr__field_id)field))
            continue;
        fcr__json_key(writer, fcr__field_name((fcr__field_id)field));
        switch (fcr__field_kind_of((fcr__field_id)field)) {
        case FCR__KIND_TEXT:
            fcr__json_string_value(writer, event->text[field]);
            break;
        case FCR__KIND_BOOL:
            fcr__json_bool(writer, event->flags[field - FCR__TEXT_FIELD_COUNT]);
            break;
        case FCR__KIND_LIST: {
            const fcr__string_list *list = &event->lists[field - FCR__F_BOOL_END];
            fcr__json_begin_array(writer);
            for (size_t i = 0; i < list->count; i++)
                fcr__json_string_value(writer, list->items[i]);
            fcr__json_end_array(writer);
            break;
        }
        case FCR__KIND_TIME:
            write_time(writer, event->due_at);
            break;
        }
    }

    write_unknown(writer, &event->unknown);
    fcr__json_end_object(writer);
}

fcr_status fcr_call_to_json(char **out, const fcr_call *call, unsigned flags)
{
    if (out == NULL || call == NULL)
        return fcr__error(FCR_EINVAL, "fcr_call_to_json: out and call must not be NULL");
    if ((flags & ~FCR_JSON_PRETTY) != 0)
        return fcr__error(FCR_EINVAL, "fcr_call_to_json: unknown flags 0x%x", flags);

    fcr__strbuf buffer = FCR__STRBUF_INIT;
    fcr__json_writer writer;
    fcr__json_writer_init(&writer, &buffer, (flags & FCR_JSON_PRETTY) != 0);

    fcr__json_begin_object(&writer);
    fcr__json_key(&writer, "format");
    fcr__json_string_value(&writer, call->format_tag != NULL ? call->format_tag : "fcr.call/1");
    fcr__json_key(&writer, "id");
    fcr__json_string_value(&writer, call->id);
    fcr__json_key(&writer, "started_at");
    write_time(&writer, call->started_at);
    if (call->ended_at != FCR_TIME_NONE) {
        fcr__json_key(&writer, "ended_at");
        write_time(&writer, call->ended_at);
    }
    fcr__json_key(&writer, "direction");
    fcr__json_string_value(&writer, direction_names[call->direction]);

    if (call->agent_id != NULL || call->agent_unknown.count > 0) {
        fcr__json_key(&writer, "agent");
        fcr__json_begin_object(&writer);
        if (call->agent_id != NULL) {
            fcr__json_key(&writer, "id");
            fcr__json_string_value(&writer, call->agent_id);
            fcr__json_key(&writer, "role");
            fcr__json_string_value(&writer, call->agent_role);
        }
        write_unknown(&writer, &call->agent_unknown);
        fcr__json_end_object(&writer);
    }

    fcr__json_key(&writer, "caller");
    fcr__json_begin_object(&writer);
    fcr__json_key(&writer, "role");
    fcr__json_string_value(&writer, caller_role_names[call->caller_role]);
    if (call->patient_key != NULL) {
        fcr__json_key(&writer, "patient_key");
        fcr__json_string_value(&writer, call->patient_key);
    }
    write_unknown(&writer, &call->caller_unknown);
    fcr__json_end_object(&writer);

    bool any_unobservable = false;
    for (int i = 0; i < FCR__ITEM_COUNT; i++)
        any_unobservable = any_unobservable || call->unobservable[i];
    if (any_unobservable) {
        fcr__json_key(&writer, "unobservable");
        fcr__json_begin_array(&writer);
        for (int i = 0; i < FCR__ITEM_COUNT; i++) {
            if (call->unobservable[i])
                fcr__json_string_value(&writer, fcr__item_ids[i]);
        }
        fcr__json_end_array(&writer);
    }

    fcr__json_key(&writer, "events");
    fcr__json_begin_array(&writer);
    for (size_t i = 0; i < call->event_count; i++)
        write_event(&writer, call->events[i]);
    fcr__json_end_array(&writer);

    write_unknown(&writer, &call->unknown);
    fcr__json_end_object(&writer);

    fcr_status status = fcr__json_writer_status(&writer);
    if (status != FCR_OK) {
        fcr__strbuf_free(&buffer);
        return status;
    }
    *out = fcr__strbuf_detach(&buffer);
    return *out == NULL ? FCR_ENOMEM : FCR_OK;
}
