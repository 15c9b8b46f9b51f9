/* SPDX-License-Identifier: MIT */
/*
 * Reading one `fcr.call/1` record with the pull parser.
 *
 * Header fields may come in any order, also after "events", and the agent's
 * role changes how events are judged. So events are first parsed into
 * event objects, and recorded on the call only once the whole record is
 * read. An event's position in the text is kept, so that a workflow or
 * ordering error found then still names its line and column.
 */
#include <stdio.h>
#include <string.h>

#include "call_read.h"
#include "json_read.h"

#define MAX_ID_BYTES 128

typedef struct parsed_event {
    fcr_event *event;
    size_t line, column, offset;
} parsed_event;

typedef struct record {
    char *id;
    bool has_started, has_ended, has_format;
    fcr_time started_at, ended_at;
    fcr_direction direction;
    char *agent_id, *agent_role;
    fcr_caller_role caller_role;
    char *patient_key;
    char *format_tag;
    bool unobservable[FCR__ITEM_COUNT];
    parsed_event *events;
    size_t event_count, event_capacity;
    /* Holds the events with their strings, and the ids above, so that
     * reading a call takes a few allocations instead of several per event.
     * The call takes it over with the events. */
    fcr__arena *arena;
    fcr__raw_fields unknown, agent_unknown, caller_unknown;
} record;

typedef struct reader {
    fcr__json_parser *parser;
    fcr__json_path path;
    const fcr__call_read_options *options;
    size_t first_line, first_column, first_offset; /* where the record starts */
    record rec;
} reader;

static void record_free(record *rec)
{
    fcr__free(rec->format_tag);
    /* The ids and the events live in the arena: here, or in the call that
     * took it. */
    fcr__arena_free(rec->arena);
    fcr__free(rec->events);
    fcr__raw_fields_free(&rec->unknown);
    fcr__raw_fields_free(&rec->agent_unknown);
    fcr__raw_fields_free(&rec->caller_unknown);
    memset(rec, 0, sizeof *rec);
}

static fcr_status fail(reader *r, fcr_status status, const char *format, ...) FCR__PRINTF(3, 4);

static fcr_status fail(reader *r, fcr_status status, const char *format, ...)
{
    char message[400];
    va_list args;
    va_start(args, format);
    vsnprintf(message, sizeof message, format, args);
    va_end(args);
    return fcr__json_fail(r->parser, status, fcr__path_text(&r->path), "%s: %s",
                          fcr__path_text(&r->path), message);
}

/* Returns the record's arena, created at the first use, or NULL when out
 * of memory. */
static fcr__arena *record_arena(record *rec)
{
    if (rec->arena == NULL)
        rec->arena = fcr__arena_new();
    return rec->arena;
}

/* Reads a string into the record's arena. */
static fcr_status read_copy(reader *r, size_t max_length, char **slot)
{
    const char *text;
    size_t length;
    fcr_status status = fcr__json_read_string(r->parser, &r->path, max_length, &text, &length);
    if (status != FCR_OK)
        return status;

    fcr__arena *arena = record_arena(&r->rec);
    char *copy = arena == NULL ? NULL : fcr__arena_strndup(arena, text, length);
    if (copy == NULL)
        return fcr__error_nomem();
    *slot = copy;
    return FCR_OK;
}

/* Ids are printed in tables and CSV cells, so they may not hold control
 * characters. */
static fcr_status read_id(reader *r, char **slot)
{
    fcr_status status = read_copy(r, MAX_ID_BYTES, slot);
    if (status != FCR_OK)
        return status;

    size_t length = strlen(*slot);
    if (length == 0)
        return fail(r, FCR_ERECORD, "must not be empty");
    for (size_t i = 0; i < length; i++) {
        unsigned char c = (unsigned char)(*slot)[i];
        if (c < 0x20 || c == 0x7F)
            return fail(r, FCR_ERECORD, "contains a control character; ids are printable text");
    }
    return FCR_OK;
}

/* The objects of a record whose fields a strict reader checks. */
typedef enum record_object { OBJECT_RECORD, OBJECT_AGENT, OBJECT_CALLER, OBJECT_EVENT } record_object;

static const char *const record_fields[] = {"format",    "id",     "started_at", "ended_at",
                                            "direction", "agent",  "caller",     "events",
                                            "unobservable"};
static const char *const agent_fields[] = {"id", "role"};
static const char *const caller_fields[] = {"role", "patient_key"};
static const char *const event_keys[] = {"type", "at", "concern"};

/* Returns the edit distance between two short names, counting a swap of
 * two neighbouring letters as one edit because that is a common typo. */
#define NAME_DISTANCE_MAX 48

static size_t name_distance(const char *a, size_t a_length, const char *b)
{
    size_t b_length = strlen(b);
    if (a_length > NAME_DISTANCE_MAX || b_length > NAME_DISTANCE_MAX)
        return SIZE_MAX;

    /* Distances stay under 2 * NAME_DISTANCE_MAX, so each fits in a byte. */
    unsigned char d[NAME_DISTANCE_MAX + 1][NAME_DISTANCE_MAX + 1];
    for (size_t i = 0; i <= a_length; i++)
        d[i][0] = (unsigned char)i;
    for (size_t j = 0; j <= b_length; j++)
        d[0][j] = (unsigned char)j;
    for (size_t i = 1; i <= a_length; i++) {
        for (size_t j = 1; j <= b_length; j++) {
            size_t best = (size_t)d[i - 1][j - 1] + (a[i - 1] != b[j - 1]);
            if ((size_t)d[i - 1][j] + 1 < best)
                best = (size_t)d[i - 1][j] + 1;
            if ((size_t)d[i][j - 1] + 1 < best)
                best = (size_t)d[i][j - 1] + 1;
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] &&
                (size_t)d[i - 2][j - 2] + 1 < best)
                best = (size_t)d[i - 2][j - 2] + 1;
            d[i][j] = (unsigned char)best;
        }
    }
    return d[a_length][b_length];
}

static void consider(const char **nearest, size_t *best, const char *key, size_t length,
                     const char *name)
{
    size_t distance = name_distance(key, length, name);
    if (distance < *best) {
        *best = distance;
        *nearest = name;
    }
}

/* Returns the defined name nearest to an unknown key, or NULL when none is
 * within two edits and within a third of the key's length. */
static const char *nearest_field(record_object object, const char *key, size_t length)
{
    const char *nearest = NULL;
    size_t best = SIZE_MAX;
    const char *const *names = record_fields;
    size_t count = FCR__ARRAY_SIZE(record_fields);
    if (object == OBJECT_AGENT) {
        names = agent_fields;
        count = FCR__ARRAY_SIZE(agent_fields);
    } else if (object == OBJECT_CALLER) {
        names = caller_fields;
        count = FCR__ARRAY_SIZE(caller_fields);
    } else if (object == OBJECT_EVENT) {
        names = event_keys;
        count = FCR__ARRAY_SIZE(event_keys);
        for (int field = 0; field < FCR__FIELD_COUNT; field++)
            consider(&nearest, &best, key, length, fcr__field_name((fcr__field_id)field));
    }
    for (size_t i = 0; i < count; i++)
        consider(&nearest, &best, key, length, names[i]);

    if (best > 2 || best * 3 > length)
        return NULL;
    return nearest;
}

/* Keeps an unknown field of the record, the agent or the caller in `fields`,
 * or of `event` when it is not NULL. A strict reader rejects it instead,
 * because in a hand-written record it is most often a typo. */
static fcr_status keep_unknown(reader *r, record_object object, fcr__raw_fields *fields,
                               fcr_event *event, const char *key, size_t length)
{
    /* The options are NULL when fcr_event_from_json() reads an event. */
    if (r->options != NULL && r->options->strict) {
        const char *nearest = nearest_field(object, key, length);
        if (nearest != NULL)
            return fail(r, FCR_ERECORD, "is not a field of fcr.call/1; did you mean \"%s\"?",
                        nearest);
        return fail(r, FCR_ERECORD, "is not a field of fcr.call/1; fix its name, or read "
                                    "without strict checking to keep it as an unknown field");
    }

    char name[256];
    if (length >= sizeof name)
        return fail(r, FCR_ELIMIT, "field names are at most %zu bytes", sizeof name - 1);
    memcpy(name, key, length);

    size_t start, end;
    fcr__json_token token = fcr__json_skip(r->parser, &start, &end);
    fcr_status status = fcr__json_token_status(token);
    if (status != FCR_OK)
        return status;

    const char *data = fcr__json_parser_data(r->parser);
    if (event != NULL)
        return fcr__event_add_unknown(event, name, length, data + start, end - start);
    return fcr__raw_fields_add(fields, name, length, data + start, end - start);
}

static fcr_status read_enum(reader *r, const char *const *names, size_t count, int *out,
                            const char *expected)
{
    const char *text;
    size_t length;
    fcr_status status = fcr__json_read_string(r->parser, &r->path, 64, &text, &length);
    if (status != FCR_OK)
        return status;

    for (size_t i = 0; i < count; i++) {
        if (fcr__key_is(text, length, names[i])) {
            *out = (int)i;
            return FCR_OK;
        }
    }
    return fail(r, FCR_ERECORD, "must be %s", expected);
}

static fcr_status read_format(reader *r)
{
    fcr_status status = fcr__json_read_format(r->parser, &r->path, "fcr.call", "call record",
                                              &r->rec.format_tag);
    if (status == FCR_OK)
        r->rec.has_format = true;
    return status;
}

/* The role is checked here rather than with the rest of the record, so
 * that the error points at the value instead of the record's start. */
static fcr_status read_agent_role(reader *r)
{
    fcr_status status = read_id(r, &r->rec.agent_role);
    if (status != FCR_OK)
        return status;
    const fcr_policy *policy = r->options->policy;
    if (fcr__policy_role(policy, r->rec.agent_role) != NULL)
        return FCR_OK;

    /* The role name itself is not quoted: a record's text stays out of
     * messages. The policy's role ids are the policy's own words. */
    char roles[256] = "";
    size_t used = 0;
    for (size_t i = 0; i < policy->role_count && used < sizeof roles; i++) {
        int n = snprintf(roles + used, sizeof roles - used, "%s%s", i > 0 ? ", " : "",
                         policy->roles[i].id);
        if (n < 0)
            break;
        used += (size_t)n;
    }
    return fail(r, FCR_ERECORD, "not a role of the policy; use one of %s%s, or add the role to "
                                "the policy",
                roles, used >= sizeof roles ? "..." : "");
}

static fcr_status read_agent(reader *r)
{
    fcr_status status = fcr__json_expect(r->parser, &r->path, FCR__JSON_OBJECT_BEGIN);
    while (status == FCR_OK) {
        const char *key;
        size_t length;
        status = fcr__json_next_key(r->parser, &key, &length);
        if (status != FCR_OK || key == NULL)
            break;
        size_t mark = fcr__path_push_key(&r->path, key, length);
        if (fcr__key_is(key, length, "id"))
            status = read_id(r, &r->rec.agent_id);
        else if (fcr__key_is(key, length, "role"))
            status = read_agent_role(r);
        else
            status = keep_unknown(r, OBJECT_AGENT, &r->rec.agent_unknown, NULL, key, length);
        fcr__path_pop(&r->path, mark);
    }
    return status;
}

static fcr_status read_caller(reader *r)
{
    static const char *const roles[] = {"patient", "proxy", "other"};
    fcr_status status = fcr__json_expect(r->parser, &r->path, FCR__JSON_OBJECT_BEGIN);
    while (status == FCR_OK) {
        const char *key;
        size_t length;
        status = fcr__json_next_key(r->parser, &key, &length);
        if (status != FCR_OK || key == NULL)
            break;
        size_t mark = fcr__path_push_key(&r->path, key, length);
        if (fcr__key_is(key, length, "role")) {
            int role = 0;
            status = read_enum(r, roles, 3, &role, "patient, proxy or other");
            r->rec.caller_role = (fcr_caller_role)role;
        } else if (fcr__key_is(key, length, "patient_key")) {
            status = read_id(r, &r->rec.patient_key);
        } else {
            status = keep_unknown(r, OBJECT_CALLER, &r->rec.caller_unknown, NULL, key, length);
        }
        fcr__path_pop(&r->path, mark);
    }
    return status;
}

/* Reads the value of a field libfcr knows into the event. null means the
 * field is absent. */
static fcr_status read_known_field(reader *r, fcr_event *event, fcr__field_id field)
{
    fcr__json_token token = fcr__json_next(r->parser);
    if (token == FCR__JSON_NULL)
        return FCR_OK;

    size_t length;
    const char *text;
    fcr_status status;

    switch (fcr__field_kind_of(field)) {
    case FCR__KIND_TEXT:
        if (token != FCR__JSON_STRING)
            return fcr__json_type_error(r->parser, &r->path, token, "a string");
        text = fcr__json_string(r->parser, &length);
        status = fcr__json_check_text(r->parser, &r->path, text, length, 0);
        return status != FCR_OK ? status : fcr__event_set_text_n(event, field, text, length);

    case FCR__KIND_BOOL:
        if (token != FCR__JSON_TRUE && token != FCR__JSON_FALSE)
            return fcr__json_type_error(r->parser, &r->path, token, "true or false");
        event->flags[field - FCR__TEXT_FIELD_COUNT] = token == FCR__JSON_TRUE;
        event->present |= UINT32_C(1) << field;
        return FCR_OK;

    case FCR__KIND_LIST:
        if (token != FCR__JSON_ARRAY_BEGIN)
            return fcr__json_type_error(r->parser, &r->path, token, "an array of strings");
        event->present |= UINT32_C(1) << field;
        for (size_t index = 0;; index++) {
            size_t mark = fcr__path_push_index(&r->path, index);
            token = fcr__json_next(r->parser);
            if (token == FCR__JSON_ARRAY_END) {
                fcr__path_pop(&r->path, mark);
                return FCR_OK;
            }
            if (token != FCR__JSON_STRING)
                return fcr__json_type_error(r->parser, &r->path, token, "a string");
            text = fcr__json_string(r->parser, &length);
            status = fcr__json_check_text(r->parser, &r->path, text, length, 0);
            if (status == FCR_OK && index >= 64)
                status = fail(r, FCR_ELIMIT, "lists hold at most 64 items");
            if (status == FCR_OK)
                status = fcr__event_add_list_n(event, field, text, length);
            fcr__path_pop(&r->path, mark);
            if (status != FCR_OK)
                return status;
        }

    case FCR__KIND_TIME:
    default:
        if (token != FCR__JSON_STRING)
            return fcr__json_type_error(r->parser, &r->path, token,
                                        "an RFC 3339 date-time string");
        text = fcr__json_string(r->parser, &length);
        if (fcr_time_parse_n(&event->due_at, text, length) != FCR_OK)
            return fail(r, FCR_ERECORD, "is not an RFC 3339 date-time such as "
                                        "2026-11-10T14:02:00Z");
        event->present |= UINT32_C(1) << field;
        return FCR_OK;
    }
}

static fcr_status read_event_type(reader *r, fcr_event_type *type)
{
    const char *text;
    size_t length;
    fcr_status status = fcr__json_read_string(r->parser, &r->path, 64, &text, &length);
    if (status != FCR_OK)
        return status;

    *type = fcr__event_type_by_name(text, length);
    if (*type != 0)
        return FCR_OK;
    return fail(r, FCR_ERECORD,
                "unknown event type; use one of open_question_asked, concern_stated, "
                "follow_up_asked, concern_restated, identity_verified, authority_checked, "
                "resolved, escalated, moved_forward, recap_given, anything_else_asked, "
                "documented, call_ended");
}

/* Reads an event's concern id. null means that the event has none, as for
 * every other event field. */
static fcr_status read_concern(reader *r, fcr_event *event)
{
    fcr__json_token token = fcr__json_next(r->parser);
    if (token == FCR__JSON_NULL)
        return FCR_OK;
    if (token != FCR__JSON_STRING)
        return fcr__json_type_error(r->parser, &r->path, token, "a concern id string");

    size_t length;
    const char *text = fcr__json_string(r->parser, &length);
    fcr_status status = fcr__json_check_text(r->parser, &r->path, text, length, 64);
    if (status == FCR_OK && !fcr__valid_concern_id(text, length))
        status = fail(r, FCR_ERECORD, "invalid concern id; use 1 to 64 letters, digits, '-', "
                                      "'_', '.' or ':'");
    if (status == FCR_OK)
        status = fcr__event_set_concern_n(event, text, length);
    return status;
}

/* Reads one event object. The type may come after the fields, so fields are
 * stored by name first and checked against the type at the end. */
static fcr_status read_event(reader *r, fcr_event *event)
{
    fcr_event_type type = 0;
    bool has_at = false;
    fcr_status status = FCR_OK;

    while (status == FCR_OK) {
        const char *key;
        size_t length;
        status = fcr__json_next_key(r->parser, &key, &length);
        if (status != FCR_OK || key == NULL)
            break;

        /* The key is matched before it enters the path, so that a known key,
         * which equals one of the names, skips the checks of input bytes. */
        enum { KEY_TYPE, KEY_AT, KEY_CONCERN, KEY_FIELD, KEY_UNKNOWN } kind = KEY_FIELD;
        int field = -1;
        if (fcr__key_is(key, length, "type"))
            kind = KEY_TYPE;
        else if (fcr__key_is(key, length, "at"))
            kind = KEY_AT;
        else if (fcr__key_is(key, length, "concern"))
            kind = KEY_CONCERN;
        else if ((field = fcr__field_by_name(key, length)) < 0)
            kind = KEY_UNKNOWN;
        size_t mark = kind == KEY_UNKNOWN ? fcr__path_push_key(&r->path, key, length)
                                          : fcr__path_push_name(&r->path, key, length);

        switch (kind) {
        case KEY_TYPE:
            status = read_event_type(r, &type);
            break;
        case KEY_AT:
            status = fcr__json_read_time(r->parser, &r->path, &event->at);
            has_at = true;
            break;
        case KEY_CONCERN:
            status = read_concern(r, event);
            break;
        case KEY_FIELD:
            status = read_known_field(r, event, (fcr__field_id)field);
            break;
        case KEY_UNKNOWN:
        default:
            status = keep_unknown(r, OBJECT_EVENT, NULL, event, key, length);
            break;
        }
        fcr__path_pop(&r->path, mark);
    }
    if (status != FCR_OK)
        return status;

    if (type == 0)
        return fail(r, FCR_ERECORD, "the event has no type; add \"type\", such as "
                                    "\"concern_stated\"");
    if (!has_at)
        return fail(r, FCR_ERECORD, "the event has no time; add \"at\" with an RFC 3339 "
                                    "date-time");
    event->type = type;

    if (event->concern != NULL && !fcr__event_has_concern(type))
        return fail(r, FCR_ERECORD, "%s events do not belong to one concern; remove "
                                    "\"concern\"",
                    fcr_event_type_name(type));
    int field = fcr__event_unexpected_field(event, type);
    if (field >= 0) {
        char names[256];
        fcr__event_field_names(type, names, sizeof names);
        return fail(r, FCR_ERECORD, "%s events have no field '%s'; their fields are: %s",
                    fcr_event_type_name(type), fcr__field_name((fcr__field_id)field), names);
    }
    return FCR_OK;
}

static fcr_status read_events(reader *r)
{
    fcr_status status = fcr__json_expect(r->parser, &r->path, FCR__JSON_ARRAY_BEGIN);

    for (size_t index = 0; status == FCR_OK; index++) {
        size_t mark = fcr__path_push_index(&r->path, index);
        fcr__json_token token = fcr__json_next(r->parser);
        if (token == FCR__JSON_ARRAY_END) {
            fcr__path_pop(&r->path, mark);
            break;
        }
        if (token != FCR__JSON_OBJECT_BEGIN) {
            status = fcr__json_type_error(r->parser, &r->path, token, "an event object");
            fcr__path_pop(&r->path, mark);
            break;
        }
        if (index >= r->options->max_events) {
            status = fail(r, FCR_ELIMIT, "the record has more than %zu events, the limit; "
                                         "raise FCR_LIMIT_EVENTS to read it",
                          r->options->max_events);
            fcr__path_pop(&r->path, mark);
            break;
        }

        record *rec = &r->rec;
        status = fcr__grow((void **)&rec->events, &rec->event_capacity, rec->event_count + 1,
                           sizeof *rec->events);
        if (status == FCR_OK && record_arena(rec) == NULL)
            status = fcr__error_nomem();
        fcr_event *event = NULL;
        if (status == FCR_OK)
            status = fcr__event_alloc(&event, rec->arena, FCR_EVENT_CALL_ENDED, 0);
        if (status == FCR_OK) {
            parsed_event *slot = &rec->events[rec->event_count++];
            slot->event = event;
            fcr__json_position(r->parser, &slot->line, &slot->column, &slot->offset);
            status = read_event(r, event);
        }
        fcr__path_pop(&r->path, mark);
    }
    return status;
}

static fcr_status read_unobservable(reader *r)
{
    fcr_status status = fcr__json_expect(r->parser, &r->path, FCR__JSON_ARRAY_BEGIN);
    for (size_t index = 0; status == FCR_OK; index++) {
        size_t mark = fcr__path_push_index(&r->path, index);
        fcr__json_token token = fcr__json_next(r->parser);
        if (token == FCR__JSON_ARRAY_END) {
            fcr__path_pop(&r->path, mark);
            break;
        }

        int item = -1;
        if (token != FCR__JSON_STRING) {
            status = fcr__json_type_error(r->parser, &r->path, token, "a checklist item id");
        } else {
            size_t length;
            const char *text = fcr__json_string(r->parser, &length);
            for (int i = 0; i < FCR__ITEM_COUNT; i++) {
                if (fcr__key_is(text, length, fcr__item_ids[i]))
                    item = i;
            }
            if (item < 0)
                status = fail(r, FCR_ERECORD, "unknown checklist item; use one of "
                                              "open_questions, concern_restated, "
                                              "identity_verified, resolution_attempted, "
                                              "escalated_only_when_necessary, "
                                              "next_steps_explained, anything_else_asked, "
                                              "documented");
        }
        if (status == FCR_OK)
            // cppcheck-suppress negativeIndex ; status is FCR_OK only when item >= 0
            r->rec.unobservable[item] = true;
        fcr__path_pop(&r->path, mark);
    }
    return status;
}

static fcr_status read_record_fields(reader *r)
{
    static const char *const directions[] = {"inbound", "outbound"};
    record *rec = &r->rec;
    fcr_status status = FCR_OK;

    while (status == FCR_OK) {
        const char *key;
        size_t length;
        status = fcr__json_next_key(r->parser, &key, &length);
        if (status != FCR_OK || key == NULL)
            break;

        size_t mark = fcr__path_push_key(&r->path, key, length);
        if (fcr__key_is(key, length, "format")) {
            status = read_format(r);
        } else if (fcr__key_is(key, length, "id")) {
            status = read_id(r, &rec->id);
        } else if (fcr__key_is(key, length, "started_at")) {
            status = fcr__json_read_time(r->parser, &r->path, &rec->started_at);
            rec->has_started = true;
        } else if (fcr__key_is(key, length, "ended_at")) {
            status = fcr__json_read_time(r->parser, &r->path, &rec->ended_at);
            rec->has_ended = true;
        } else if (fcr__key_is(key, length, "direction")) {
            int direction = 0;
            status = read_enum(r, directions, 2, &direction, "inbound or outbound");
            rec->direction = (fcr_direction)direction;
        } else if (fcr__key_is(key, length, "agent")) {
            status = read_agent(r);
        } else if (fcr__key_is(key, length, "caller")) {
            status = read_caller(r);
        } else if (fcr__key_is(key, length, "events")) {
            status = read_events(r);
        } else if (fcr__key_is(key, length, "unobservable")) {
            status = read_unobservable(r);
        } else {
            status = keep_unknown(r, OBJECT_RECORD, &rec->unknown, NULL, key, length);
        }
        fcr__path_pop(&r->path, mark);
    }
    return status;
}

/* Re-records a failure from building the call at the event's position. */
static fcr_status fail_at_event(reader *r, fcr_status status, const parsed_event *where)
{
    char message[512];
    char field[160];
    snprintf(message, sizeof message, "%s", fcr_last_error());
    snprintf(field, sizeof field, "%s", fcr_last_error_field());
    return fcr__error_at(status, where->line, where->column, where->offset, field,
                         "%s:%zu:%zu: %s", r->options->name, where->line, where->column, message);
}

static fcr_status fail_at_record(reader *r, fcr_status status, const char *field,
                                 const char *message)
{
    return fcr__error_at(status, r->first_line, r->first_column, r->first_offset, field,
                         "%s:%zu:%zu: %s", r->options->name, r->first_line, r->first_column,
                         message);
}

static fcr_status build_call(reader *r, fcr_call **out)
{
    record *rec = &r->rec;

    if (!rec->has_format)
        return fail_at_record(r, FCR_ERECORD, "format",
                              "the record has no format tag; add \"format\": \"fcr.call/1\"");
    if (rec->id == NULL)
        return fail_at_record(r, FCR_ERECORD, "id", "the record has no id; add \"id\"");
    if (!rec->has_started)
        return fail_at_record(r, FCR_ERECORD, "started_at",
                              "the record has no start time; add \"started_at\" with an RFC "
                              "3339 date-time");
    if (rec->has_ended && rec->ended_at < rec->started_at)
        return fail_at_record(r, FCR_ERECORD, "ended_at",
                              "ended_at is earlier than started_at; check both times");
    if ((rec->agent_id == NULL) != (rec->agent_role == NULL))
        return fail_at_record(r, FCR_ERECORD, "agent",
                              "agent needs both an id and a role, or neither");

    fcr_call *call = NULL;
    fcr_status status = fcr_call_new(&call, r->options->policy, r->options->mode, rec->id,
                                     rec->started_at);
    if (status == FCR_OK) {
        /* From here on the call frees the events, also when building it
         * fails. */
        call->arena = rec->arena;
        rec->arena = NULL;
        status = fcr_call_set_direction(call, rec->direction);
    }
    if (status == FCR_OK && rec->agent_id != NULL)
        status = fcr_call_set_agent(call, rec->agent_id, rec->agent_role);
    if (status == FCR_OK)
        status = fcr_call_set_caller_role(call, rec->caller_role);
    if (status == FCR_OK && rec->patient_key != NULL)
        status = fcr_call_set_patient_key(call, rec->patient_key);
    if (status != FCR_OK) {
        fcr_call_free(call);
        if (status == FCR_ENOMEM)
            return status;
        char message[512];
        snprintf(message, sizeof message, "%s", fcr_last_error());
        return fail_at_record(r, status == FCR_ENOTFOUND ? FCR_ERECORD : status,
                              fcr_last_error_field(), message);
    }

    /* The flags are set before the events are replayed, so that the
     * workflow does not ask for what the source cannot show. */
    memcpy(call->unobservable, rec->unobservable, sizeof call->unobservable);

    /* The call's event list is allocated once for all the events, instead
     * of growing as each is appended. */
    status = fcr__grow((void **)&call->events, &call->event_capacity, rec->event_count,
                       sizeof *call->events);
    if (status != FCR_OK) {
        fcr_call_free(call);
        return status;
    }
    for (size_t i = 0; i < rec->event_count; i++) {
        status = fcr__call_append_owned(call, rec->events[i].event);
        if (status != FCR_OK) {
            fcr_call_free(call);
            return status == FCR_ENOMEM ? status : fail_at_event(r, status, &rec->events[i]);
        }
        rec->events[i].event = NULL; /* the call owns it now */
    }

    if (rec->has_ended && fcr_call_ended_at(call) != rec->ended_at) {
        fcr_call_free(call);
        return fail_at_record(r, FCR_ERECORD, "ended_at",
                              "ended_at does not match the time of the call_ended event; "
                              "record the end as a call_ended event and keep both equal");
    }

    status = fcr__call_add_end_deviations(call);
    if (status != FCR_OK) {
        fcr_call_free(call);
        return status;
    }

    /* Unknown fields move to the call, to be written back unchanged. */
    call->unknown = rec->unknown;
    call->agent_unknown = rec->agent_unknown;
    call->caller_unknown = rec->caller_unknown;
    call->format_tag = rec->format_tag;
    memset(&rec->unknown, 0, sizeof rec->unknown);
    memset(&rec->agent_unknown, 0, sizeof rec->agent_unknown);
    memset(&rec->caller_unknown, 0, sizeof rec->caller_unknown);
    rec->format_tag = NULL;

    *out = call;
    return FCR_OK;
}

fcr_status fcr__call_read(fcr__json_parser *parser, const fcr__call_read_options *options,
                          fcr_call **out)
{
    reader r;
    memset(&r, 0, sizeof r);
    r.parser = parser;
    r.options = options;
    fcr__path_init(&r.path);
    fcr__json_parser_set_field_path(parser, r.path.text);

    /* An array of calls is a common first guess at a file of many calls,
     * so it gets its own advice. */
    fcr_status status = FCR_OK;
    fcr__json_token first = fcr__json_next(parser);
    if (first == FCR__JSON_ARRAY_BEGIN)
        status = fcr__json_fail(parser, FCR_ERECORD, "",
                                "a call record must be a JSON object, not an array; for several "
                                "calls write one object per line (JSON Lines) instead of an "
                                "array of them");
    else if (first != FCR__JSON_OBJECT_BEGIN)
        status = fcr__json_type_error(parser, &r.path, first, "an object");
    if (status == FCR_OK) {
        fcr__json_position(parser, &r.first_line, &r.first_column, &r.first_offset);
        status = read_record_fields(&r);
    }
    if (status == FCR_OK) {
        fcr__json_token token = fcr__json_next(parser);
        if (token != FCR__JSON_END)
            status = fcr__json_token_status(token);
    }
    fcr__json_parser_set_field_path(parser, NULL);
    if (status == FCR_OK)
        status = build_call(&r, out);

    record_free(&r.rec);
    return status;
}

fcr_status fcr_event_from_json(fcr_event **out, const char *json, size_t length)
{
    if (out == NULL || json == NULL)
        return fcr__error(FCR_EINVAL, "fcr_event_from_json: out and json must not be NULL");

    reader r;
    memset(&r, 0, sizeof r);
    fcr__path_init(&r.path);
    fcr_status status = fcr__json_parser_new(&r.parser, NULL);
    if (status != FCR_OK)
        return status;
    fcr__json_parser_reset(r.parser, json, length, "<event>");

    fcr_event *event = NULL;
    status = fcr__json_expect(r.parser, &r.path, FCR__JSON_OBJECT_BEGIN);
    if (status == FCR_OK)
        status = fcr_event_new(&event, FCR_EVENT_CALL_ENDED, 0);
    if (status == FCR_OK)
        status = read_event(&r, event);
    if (status == FCR_OK) {
        fcr__json_token token = fcr__json_next(r.parser);
        if (token != FCR__JSON_END)
            status = fcr__json_token_status(token);
    }
    fcr__json_parser_free(r.parser);

    if (status != FCR_OK) {
        fcr_event_free(event);
        return status;
    }
    *out = event;
    return FCR_OK;
}
