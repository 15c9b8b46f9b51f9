/* SPDX-License-Identifier: MIT */
/* Events: types, their fields, setters and getters. */
#include <stdio.h>
#include <string.h>

#include "model.h"

/* A name with its length, which lookups by name compare before the bytes:
 * the reader looks up the type and every key of every event. */
typedef struct name_entry {
    const char *text;
    size_t length;
} name_entry;

#define NAME(text) {(text), sizeof(text) - 1}

static const name_entry type_names[FCR__EVENT_TYPE_COUNT + 1] = {
    {NULL, 0},
    NAME("open_question_asked"),
    NAME("concern_stated"),
    NAME("follow_up_asked"),
    NAME("concern_restated"),
    NAME("identity_verified"),
    NAME("authority_checked"),
    NAME("resolved"),
    NAME("escalated"),
    NAME("moved_forward"),
    NAME("recap_given"),
    NAME("anything_else_asked"),
    NAME("documented"),
    NAME("call_ended"),
};

static const name_entry field_names[FCR__FIELD_COUNT] = {
    [FCR__F_TEXT] = NAME("text"),
    [FCR__F_REQUEST] = NAME("request"),
    [FCR__F_CATEGORY] = NAME("category"),
    [FCR__F_TOPIC] = NAME("topic"),
    [FCR__F_DECISION] = NAME("decision"),
    [FCR__F_ACTION] = NAME("action"),
    [FCR__F_NEXT_STEP] = NAME("next_step"),
    [FCR__F_TARGET] = NAME("target"),
    [FCR__F_REASON] = NAME("reason"),
    [FCR__F_OWNER] = NAME("owner"),
    [FCR__F_ANSWER] = NAME("answer"),
    [FCR__F_CONFIRMED] = NAME("confirmed"),
    [FCR__F_PROXY_AUTHORITY] = NAME("proxy_authority"),
    [FCR__F_IN_SCOPE] = NAME("in_scope"),
    [FCR__F_TOOLS_AVAILABLE] = NAME("tools_available"),
    [FCR__F_IDENTIFIERS] = NAME("identifiers"),
    [FCR__F_TOOLS_MISSING] = NAME("tools_missing"),
    [FCR__F_CONCERNS] = NAME("concerns"),
    [FCR__F_DUE_AT] = NAME("due_at"),
};

#define BIT(field) (UINT32_C(1) << (field))

/* Fields each event type accepts, indexed by fcr_event_type. */
static const uint32_t type_fields[FCR__EVENT_TYPE_COUNT + 1] = {
    [FCR_EVENT_OPEN_QUESTION_ASKED] = BIT(FCR__F_TEXT),
    [FCR_EVENT_CONCERN_STATED] = BIT(FCR__F_CATEGORY) | BIT(FCR__F_REQUEST) | BIT(FCR__F_TEXT),
    [FCR_EVENT_FOLLOW_UP_ASKED] = BIT(FCR__F_TOPIC) | BIT(FCR__F_TEXT),
    [FCR_EVENT_CONCERN_RESTATED] = BIT(FCR__F_CONFIRMED) | BIT(FCR__F_TEXT),
    [FCR_EVENT_IDENTITY_VERIFIED] = BIT(FCR__F_IDENTIFIERS) | BIT(FCR__F_PROXY_AUTHORITY),
    [FCR_EVENT_AUTHORITY_CHECKED] = BIT(FCR__F_IN_SCOPE) | BIT(FCR__F_TOOLS_AVAILABLE) |
                                    BIT(FCR__F_TOOLS_MISSING) | BIT(FCR__F_DECISION),
    [FCR_EVENT_RESOLVED] = BIT(FCR__F_ACTION) | BIT(FCR__F_NEXT_STEP),
    [FCR_EVENT_ESCALATED] = BIT(FCR__F_TARGET) | BIT(FCR__F_REASON) | BIT(FCR__F_OWNER) |
                            BIT(FCR__F_DUE_AT),
    [FCR_EVENT_MOVED_FORWARD] = BIT(FCR__F_ACTION) | BIT(FCR__F_NEXT_STEP) | BIT(FCR__F_OWNER) |
                                BIT(FCR__F_TARGET) | BIT(FCR__F_DUE_AT),
    [FCR_EVENT_RECAP_GIVEN] = BIT(FCR__F_CONCERNS) | BIT(FCR__F_TEXT),
    [FCR_EVENT_ANYTHING_ELSE_ASKED] = BIT(FCR__F_ANSWER) | BIT(FCR__F_TEXT),
    [FCR_EVENT_DOCUMENTED] = BIT(FCR__F_TEXT),
    [FCR_EVENT_CALL_ENDED] = BIT(FCR__F_REASON),
};

const char *fcr_event_type_name(fcr_event_type type)
{
    if ((int)type < 1 || (int)type > FCR__EVENT_TYPE_COUNT)
        return NULL;
    return type_names[type].text;
}

fcr_status fcr_event_type_from_name(fcr_event_type *out, const char *name)
{
    if (out == NULL || name == NULL)
        return fcr__error(FCR_EINVAL, "fcr_event_type_from_name: out and name must not be NULL");

    for (int type = 1; type <= FCR__EVENT_TYPE_COUNT; type++) {
        if (strcmp(type_names[type].text, name) == 0) {
            *out = (fcr_event_type)type;
            return FCR_OK;
        }
    }
    return fcr__error(FCR_ENOTFOUND,
                      "unknown event type '%.64s'; use one of open_question_asked, concern_stated, "
                      "follow_up_asked, concern_restated, identity_verified, authority_checked, "
                      "resolved, escalated, moved_forward, recap_given, anything_else_asked, "
                      "documented, call_ended",
                      name);
}

/* Returns the index of `name` in entries[first..count), or -1. */
static int find_name(const name_entry *entries, int first, int count, const char *name,
                     size_t length)
{
    for (int i = first; i < count; i++) {
        if (entries[i].length == length && memcmp(entries[i].text, name, length) == 0)
            return i;
    }
    return -1;
}

fcr_event_type fcr__event_type_by_name(const char *name, size_t length)
{
    int type = find_name(type_names, 1, FCR__EVENT_TYPE_COUNT + 1, name, length);
    return type < 0 ? (fcr_event_type)0 : (fcr_event_type)type;
}

int fcr__field_by_name(const char *name, size_t length)
{
    return find_name(field_names, 0, FCR__FIELD_COUNT, name, length);
}

const char *fcr__field_name(fcr__field_id field)
{
    return field_names[field].text;
}

fcr__field_kind fcr__field_kind_of(fcr__field_id field)
{
    if (field < FCR__TEXT_FIELD_COUNT)
        return FCR__KIND_TEXT;
    if (field < FCR__F_BOOL_END)
        return FCR__KIND_BOOL;
    if (field < FCR__F_LIST_END)
        return FCR__KIND_LIST;
    return FCR__KIND_TIME;
}

bool fcr__event_has_field(fcr_event_type type, fcr__field_id field)
{
    if ((int)type < 1 || (int)type > FCR__EVENT_TYPE_COUNT)
        return false;
    return (type_fields[type] & BIT(field)) != 0;
}

int fcr__event_unexpected_field(const fcr_event *event, fcr_event_type type)
{
    /* One mask operation, because every event read or recorded is checked
     * and nearly all of them pass. */
    bool known_type = (int)type >= 1 && (int)type <= FCR__EVENT_TYPE_COUNT;
    uint32_t accepted = known_type ? type_fields[type] : 0;
    uint32_t unexpected = event->present & ~accepted;
    if (unexpected == 0)
        return -1;

    int field = 0;
    while ((unexpected & BIT(field)) == 0)
        field++;
    return field;
}

bool fcr__event_has_concern(fcr_event_type type)
{
    switch (type) {
    case FCR_EVENT_CONCERN_STATED:
    case FCR_EVENT_FOLLOW_UP_ASKED:
    case FCR_EVENT_CONCERN_RESTATED:
    case FCR_EVENT_AUTHORITY_CHECKED:
    case FCR_EVENT_RESOLVED:
    case FCR_EVENT_ESCALATED:
    case FCR_EVENT_MOVED_FORWARD:
        return true;
    default:
        return false;
    }
}

void fcr__event_field_names(fcr_event_type type, char *buffer, size_t size)
{
    size_t used = 0;
    buffer[0] = '\0';
    if (fcr__event_has_concern(type))
        used += (size_t)snprintf(buffer, size, "concern");

    for (int field = 0; field < FCR__FIELD_COUNT && used < size; field++) {
        if (!fcr__event_has_field(type, (fcr__field_id)field))
            continue;
        used += (size_t)snprintf(buffer + used, size - used, "%s%s", used > 0 ? ", " : "",
                                 field_names[field].text);
    }
    if (used == 0)
        snprintf(buffer, size, "no fields");
}

bool fcr__valid_concern_id(const char *id, size_t length)
{
    if (length == 0 || length > 64)
        return false;
    for (size_t i = 0; i < length; i++) {
        char c = id[i];
        bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                  c == '-' || c == '_' || c == '.' || c == ':';
        if (!ok)
            return false;
    }
    return true;
}

fcr_status fcr_event_new(fcr_event **out, fcr_event_type type, fcr_time at)
{
    if (out == NULL)
        return fcr__error(FCR_EINVAL, "fcr_event_new: out is NULL");
    if (fcr_event_type_name(type) == NULL)
        return fcr__error(FCR_EINVAL, "fcr_event_new: unknown event type %d", (int)type);
    if (at < FCR_TIME_MIN || at > FCR_TIME_MAX)
        return fcr__error(FCR_EINVAL,
                          "fcr_event_new: the instant is outside years 0001 to 9999");

    return fcr__event_alloc(out, NULL, type, at);
}

fcr_status fcr__event_alloc(fcr_event **out, fcr__arena *arena, fcr_event_type type,
                            fcr_time at)
{
    fcr_event *event;
    if (arena == NULL) {
        event = fcr__calloc(1, sizeof *event);
    } else {
        event = fcr__arena_alloc(arena, sizeof *event);
        if (event != NULL)
            memset(event, 0, sizeof *event);
    }
    if (event == NULL)
        return fcr__error_nomem();

    event->type = type;
    event->at = at;
    event->due_at = FCR_TIME_NONE;
    event->arena = arena;
    *out = event;
    return FCR_OK;
}

/* Copies text for the event: into its arena, or onto the heap. */
static char *event_strndup(const fcr_event *event, const char *text, size_t length)
{
    if (event->arena != NULL)
        return fcr__arena_strndup(event->arena, text, length);
    return fcr__strndup(text, length);
}

/* Frees what event_strndup() returned, unless the arena keeps it. */
static void event_release(const fcr_event *event, void *data)
{
    if (event->arena == NULL)
        fcr__free(data);
}

/*
 * Makes room for one more of `count` items of `size` bytes in an arena
 * array. Arena memory cannot grow in place, so the array moves to a new one
 * of twice the size whenever count is 0 or a power of two. The capacity
 * then follows from the count alone, and the arrays left behind take at
 * most as much room as the last one.
 */
static fcr_status arena_array_reserve(fcr__arena *arena, void **items, size_t count, size_t size)
{
    if ((count & (count - 1)) != 0)
        return FCR_OK;

    size_t capacity = count == 0 ? 1 : count * 2;
    if (capacity > SIZE_MAX / size)
        return fcr__error_nomem();
    void *grown = fcr__arena_alloc(arena, capacity * size);
    if (grown == NULL)
        return fcr__error_nomem();
    if (count > 0)
        memcpy(grown, *items, count * size);
    *items = grown;
    return FCR_OK;
}

void fcr__raw_fields_free(fcr__raw_fields *fields)
{
    for (size_t i = 0; i < fields->count; i++) {
        fcr__free(fields->items[i].name);
        fcr__free(fields->items[i].json);
    }
    fcr__free(fields->items);
    fields->items = NULL;
    fields->count = 0;
}

fcr_status fcr__raw_fields_add(fcr__raw_fields *fields, const char *name, size_t name_length,
                               const char *json, size_t json_length)
{
    char *name_copy = fcr__strndup(name, name_length);
    char *json_copy = fcr__strndup(json, json_length);
    fcr__raw_field *grown = NULL;
    if (name_copy != NULL && json_copy != NULL)
        grown = fcr__realloc(fields->items, (fields->count + 1) * sizeof *grown);
    if (grown == NULL) {
        fcr__free(name_copy);
        fcr__free(json_copy);
        return fcr__error_nomem();
    }

    grown[fields->count].name = name_copy;
    grown[fields->count].json = json_copy;
    grown[fields->count].length = json_length;
    fields->items = grown;
    fields->count++;
    return FCR_OK;
}

fcr_status fcr__raw_fields_copy(fcr__raw_fields *dst, const fcr__raw_fields *src)
{
    fcr__raw_fields copy = {NULL, 0};
    for (size_t i = 0; i < src->count; i++) {
        const fcr__raw_field *field = &src->items[i];
        fcr_status status = fcr__raw_fields_add(&copy, field->name, strlen(field->name),
                                                field->json, field->length);
        if (status != FCR_OK) {
            fcr__raw_fields_free(&copy);
            return status;
        }
    }
    *dst = copy;
    return FCR_OK;
}

void fcr_event_free(fcr_event *event)
{
    /* An arena event goes with its arena. */
    if (event == NULL || event->arena != NULL)
        return;
    fcr__free(event->concern);
    for (int i = 0; i < FCR__TEXT_FIELD_COUNT; i++)
        fcr__free(event->text[i]);
    for (int i = 0; i < FCR__LIST_FIELD_COUNT; i++)
        fcr__string_list_free(&event->lists[i]);
    fcr__raw_fields_free(&event->unknown);
    fcr__free(event);
}

fcr_status fcr__event_copy(fcr_event **out, const fcr_event *event)
{
    fcr_event *copy = fcr__calloc(1, sizeof *copy);
    if (copy == NULL)
        return fcr__error_nomem();

    copy->type = event->type;
    copy->at = event->at;
    copy->present = event->present;
    copy->due_at = event->due_at;
    memcpy(copy->flags, event->flags, sizeof copy->flags);

    fcr_status status = FCR_OK;
    if (event->concern != NULL && (copy->concern = fcr__strdup(event->concern)) == NULL)
        status = fcr__error_nomem();
    for (int i = 0; i < FCR__TEXT_FIELD_COUNT && status == FCR_OK; i++) {
        if (event->text[i] != NULL && (copy->text[i] = fcr__strdup(event->text[i])) == NULL)
            status = fcr__error_nomem();
    }
    for (int i = 0; i < FCR__LIST_FIELD_COUNT && status == FCR_OK; i++) {
        const fcr__string_list *list = &event->lists[i];
        for (size_t k = 0; k < list->count && status == FCR_OK; k++)
            status = fcr__string_list_add(&copy->lists[i], list->items[k], strlen(list->items[k]));
    }
    if (status == FCR_OK)
        status = fcr__raw_fields_copy(&copy->unknown, &event->unknown);

    if (status != FCR_OK) {
        fcr_event_free(copy);
        return status;
    }
    *out = copy;
    return FCR_OK;
}

/* Finds a known field for a setter or getter, recording why it cannot be used. */
static int lookup_field(const fcr_event *event, const char *field, fcr__field_kind kind,
                        const char *function)
{
    if (event == NULL || field == NULL) {
        fcr__error(FCR_EINVAL, "%s: event and field must not be NULL", function);
        return -1;
    }

    int id = fcr__field_by_name(field, strlen(field));
    if (id < 0 || !fcr__event_has_field(event->type, (fcr__field_id)id)) {
        char names[256];
        fcr__event_field_names(event->type, names, sizeof names);
        fcr__error_field(FCR_ENOTFOUND, field, "%s events have no field '%.64s'; their fields are: %s",
                         fcr_event_type_name(event->type), field, names);
        return -1;
    }
    if (fcr__field_kind_of((fcr__field_id)id) != kind) {
        static const char *const kind_names[] = {"text", "yes/no", "list", "instant"};
        fcr__error_field(FCR_EINVAL, field, "field '%s' of %s holds a %s value, not a %s value",
                         field, fcr_event_type_name(event->type),
                         kind_names[fcr__field_kind_of((fcr__field_id)id)], kind_names[kind]);
        return -1;
    }
    return id;
}

fcr_status fcr__event_set_text_n(fcr_event *event, fcr__field_id field, const char *value,
                                 size_t length)
{
    char *copy = event_strndup(event, value, length);
    if (copy == NULL)
        return fcr__error_nomem();
    event_release(event, event->text[field]);
    event->text[field] = copy;
    event->present |= BIT(field);
    return FCR_OK;
}

static fcr_status arena_list_add(fcr_event *event, fcr__string_list *list, const char *value,
                                 size_t length)
{
    char *copy = fcr__arena_strndup(event->arena, value, length);
    if (copy == NULL)
        return fcr__error_nomem();
    fcr_status status = arena_array_reserve(event->arena, (void **)&list->items, list->count,
                                            sizeof *list->items);
    if (status != FCR_OK)
        return status;
    list->items[list->count++] = copy;
    return FCR_OK;
}

fcr_status fcr__event_add_list_n(fcr_event *event, fcr__field_id field, const char *value,
                                 size_t length)
{
    fcr__string_list *list = &event->lists[field - FCR__F_BOOL_END];
    fcr_status status = event->arena != NULL ? arena_list_add(event, list, value, length)
                                             : fcr__string_list_add(list, value, length);
    if (status == FCR_OK)
        event->present |= BIT(field);
    return status;
}

fcr_status fcr__event_set_concern_n(fcr_event *event, const char *value, size_t length)
{
    char *copy = event_strndup(event, value, length);
    if (copy == NULL)
        return fcr__error_nomem();
    event_release(event, event->concern);
    event->concern = copy;
    return FCR_OK;
}

fcr_status fcr__event_add_unknown(fcr_event *event, const char *name, size_t name_length,
                                  const char *json, size_t json_length)
{
    fcr__raw_fields *fields = &event->unknown;
    if (event->arena == NULL)
        return fcr__raw_fields_add(fields, name, name_length, json, json_length);

    char *name_copy = fcr__arena_strndup(event->arena, name, name_length);
    char *json_copy = fcr__arena_strndup(event->arena, json, json_length);
    if (name_copy == NULL || json_copy == NULL)
        return fcr__error_nomem();
    fcr_status status = arena_array_reserve(event->arena, (void **)&fields->items, fields->count,
                                            sizeof *fields->items);
    if (status != FCR_OK)
        return status;

    fcr__raw_field *field = &fields->items[fields->count++];
    field->name = name_copy;
    field->json = json_copy;
    field->length = json_length;
    return FCR_OK;
}

fcr_status fcr_event_set_concern(fcr_event *event, const char *concern)
{
    if (event == NULL || concern == NULL)
        return fcr__error(FCR_EINVAL, "fcr_event_set_concern: event and concern must not be NULL");
    if (!fcr__event_has_concern(event->type))
        return fcr__error_field(FCR_EINVAL, "concern", "%s events do not belong to one concern",
                                fcr_event_type_name(event->type));
    if (!fcr__valid_concern_id(concern, strlen(concern)))
        return fcr__error_field(FCR_EINVAL, "concern",
                                "invalid concern id; use 1 to 64 letters, digits, '-', '_', '.' or ':'");
    return fcr__event_set_concern_n(event, concern, strlen(concern));
}

fcr_status fcr_event_set_string(fcr_event *event, const char *field, const char *value)
{
    int id = lookup_field(event, field, FCR__KIND_TEXT, "fcr_event_set_string");
    if (id < 0)
        return fcr_last_error_status();
    fcr_status status = fcr__check_text(value, field, false);
    if (status != FCR_OK)
        return status;
    return fcr__event_set_text_n(event, (fcr__field_id)id, value, strlen(value));
}

fcr_status fcr_event_set_bool(fcr_event *event, const char *field, int value)
{
    int id = lookup_field(event, field, FCR__KIND_BOOL, "fcr_event_set_bool");
    if (id < 0)
        return fcr_last_error_status();
    // cppcheck-suppress negativeIndex ; lookup_field() returned a bool field id
    event->flags[id - FCR__TEXT_FIELD_COUNT] = value != 0;
    event->present |= BIT(id);
    return FCR_OK;
}

fcr_status fcr_event_set_time(fcr_event *event, const char *field, fcr_time value)
{
    int id = lookup_field(event, field, FCR__KIND_TIME, "fcr_event_set_time");
    if (id < 0)
        return fcr_last_error_status();
    if (value < FCR_TIME_MIN || value > FCR_TIME_MAX)
        return fcr__error_field(FCR_EINVAL, field, "%s is outside years 0001 to 9999", field);
    event->due_at = value;
    event->present |= BIT(id);
    return FCR_OK;
}

fcr_status fcr_event_add_string(fcr_event *event, const char *field, const char *value)
{
    int id = lookup_field(event, field, FCR__KIND_LIST, "fcr_event_add_string");
    if (id < 0)
        return fcr_last_error_status();
    fcr_status status = fcr__check_text(value, field, false);
    if (status != FCR_OK)
        return status;
    return fcr__event_add_list_n(event, (fcr__field_id)id, value, strlen(value));
}

fcr_event_type fcr_event_get_type(const fcr_event *event)
{
    return event->type;
}

fcr_time fcr_event_get_time(const fcr_event *event)
{
    return event->at;
}

const char *fcr_event_get_concern(const fcr_event *event)
{
    return event == NULL ? NULL : event->concern;
}

static int known_field(const fcr_event *event, const char *field, fcr__field_kind kind)
{
    if (event == NULL || field == NULL)
        return -1;
    int id = fcr__field_by_name(field, strlen(field));
    if (id < 0 || fcr__field_kind_of((fcr__field_id)id) != kind)
        return -1;
    return id;
}

const char *fcr_event_get_string(const fcr_event *event, const char *field)
{
    int id = known_field(event, field, FCR__KIND_TEXT);
    return id < 0 ? NULL : event->text[id];
}

fcr_status fcr_event_get_bool(const fcr_event *event, const char *field, int *out)
{
    if (event == NULL || field == NULL || out == NULL)
        return fcr__error(FCR_EINVAL, "fcr_event_get_bool: event, field and out must not be NULL");
    int id = known_field(event, field, FCR__KIND_BOOL);
    if (id < 0)
        return fcr__error_field(FCR_EINVAL, field, "'%.64s' is not a yes/no field", field);
    if (!fcr__event_present(event, (fcr__field_id)id))
        return fcr__error_field(FCR_ENOTFOUND, field, "the event has no '%s' field", field);
    *out = event->flags[id - FCR__TEXT_FIELD_COUNT];
    return FCR_OK;
}

fcr_status fcr_event_get_time_field(const fcr_event *event, const char *field, fcr_time *out)
{
    if (event == NULL || field == NULL || out == NULL)
        return fcr__error(FCR_EINVAL,
                          "fcr_event_get_time_field: event, field and out must not be NULL");
    int id = known_field(event, field, FCR__KIND_TIME);
    if (id < 0)
        return fcr__error_field(FCR_EINVAL, field, "'%.64s' is not an instant field", field);
    if (!fcr__event_present(event, (fcr__field_id)id))
        return fcr__error_field(FCR_ENOTFOUND, field, "the event has no '%s' field", field);
    *out = event->due_at;
    return FCR_OK;
}

size_t fcr_event_list_count(const fcr_event *event, const char *field)
{
    int id = known_field(event, field, FCR__KIND_LIST);
    // cppcheck-suppress negativeIndex ; known_field() returned a list field id
    return id < 0 ? 0 : event->lists[id - FCR__F_BOOL_END].count;
}

const char *fcr_event_list_item(const fcr_event *event, const char *field, size_t index)
{
    int id = known_field(event, field, FCR__KIND_LIST);
    // cppcheck-suppress negativeIndex ; known_field() returned a list field id
    if (id < 0 || index >= event->lists[id - FCR__F_BOOL_END].count)
        return NULL;
    // cppcheck-suppress negativeIndex ; known_field() returned a list field id
    return event->lists[id - FCR__F_BOOL_END].items[index];
}
