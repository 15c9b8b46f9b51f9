/* SPDX-License-Identifier: MIT */
/*
 * Reading `fcr.policy/1` documents over the built-in defaults. Entries are
 * keyed by id: a given entry updates the fields it names, a new id adds an
 * entry, and null removes one. After reading, references between entries
 * are checked, so a role cannot name a category that does not exist.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "civil_time.h"
#include "json_read.h"
#include "model.h"

#define MAX_ID_BYTES 64
#define MAX_LABEL_BYTES 200
#define MAX_PHRASE_BYTES 1000

typedef struct loader {
    fcr__json_parser *parser;
    fcr__json_path path;
    fcr_policy *policy;
} loader;

static bool valid_id(const char *text, size_t length)
{
    if (length == 0 || length > MAX_ID_BYTES)
        return false;
    for (size_t i = 0; i < length; i++) {
        char c = text[i];
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'))
            return false;
    }
    return true;
}

static fcr_status check_id(loader *load, const char *text, size_t length)
{
    if (valid_id(text, length))
        return FCR_OK;
    return fcr__json_fail(load->parser, FCR_ERECORD, fcr__path_text(&load->path),
                          "%s: ids are 1 to %d lower-case letters, digits or '_'",
                          fcr__path_text(&load->path), MAX_ID_BYTES);
}

/* Reads a string into a fresh copy that replaces *slot. */
static fcr_status read_owned_string(loader *load, size_t max_length, char **slot)
{
    const char *text;
    size_t length;
    fcr_status status = fcr__json_read_string(load->parser, &load->path, max_length, &text, &length);
    if (status != FCR_OK)
        return status;

    char *copy = fcr__strndup(text, length);
    if (copy == NULL)
        return fcr__error_nomem();
    fcr__free(*slot);
    *slot = copy;
    return FCR_OK;
}

/* Reads an array of strings into a list that replaces *list. ids selects id
 * syntax checks. */
static fcr_status read_string_list(loader *load, bool ids, size_t max_length,
                                   fcr__string_list *list)
{
    fcr_status status = fcr__json_expect(load->parser, &load->path, FCR__JSON_ARRAY_BEGIN);
    if (status != FCR_OK)
        return status;

    fcr__string_list result = {NULL, 0};
    for (size_t index = 0; status == FCR_OK; index++) {
        size_t mark = fcr__path_push_index(&load->path, index);
        fcr__json_token token = fcr__json_next(load->parser);
        if (token == FCR__JSON_ARRAY_END) {
            fcr__path_pop(&load->path, mark);
            break;
        }
        if (token != FCR__JSON_STRING) {
            status = fcr__json_type_error(load->parser, &load->path, token, "a string");
        } else {
            size_t length;
            const char *text = fcr__json_string(load->parser, &length);
            status = fcr__json_check_text(load->parser, &load->path, text, length, max_length);
            if (status == FCR_OK && ids)
                status = check_id(load, text, length);
            if (status == FCR_OK)
                status = fcr__string_list_add(&result, text, length);
        }
        fcr__path_pop(&load->path, mark);
    }

    if (status != FCR_OK) {
        fcr__string_list_free(&result);
        return status;
    }
    fcr__string_list_free(list);
    *list = result;
    return FCR_OK;
}

/* Generic keyed section: calls `entry` for each id with a non-null value and
 * `remove` for null. */
typedef fcr_status (*entry_fn)(loader *load, const char *id, size_t length);
typedef void (*remove_fn)(fcr_policy *policy, const char *id, size_t length);

static fcr_status read_keyed(loader *load, entry_fn entry, remove_fn remove)
{
    fcr_status status = fcr__json_expect(load->parser, &load->path, FCR__JSON_OBJECT_BEGIN);
    while (status == FCR_OK) {
        const char *key;
        size_t length;
        status = fcr__json_next_key(load->parser, &key, &length);
        if (status != FCR_OK || key == NULL)
            break;

        /* The key is only valid until the next token, so keep a copy. */
        char id[MAX_ID_BYTES + 1];
        size_t mark = fcr__path_push_key(&load->path, key, length);
        status = check_id(load, key, length);
        if (status == FCR_OK) {
            memcpy(id, key, length);
            id[length] = '\0';
            status = entry(load, id, length);
        }
        if (status == 2) {
            remove(load->policy, id, length);
            status = FCR_OK;
        }
        fcr__path_pop(&load->path, mark);
    }
    return status;
}

/* Entry readers return 2 (never a real status) when the value is null. */
#define REMOVE_ENTRY 2

static fcr_status begin_entry(loader *load)
{
    fcr__json_token token = fcr__json_next(load->parser);
    if (token == FCR__JSON_NULL)
        return REMOVE_ENTRY;
    if (token != FCR__JSON_OBJECT_BEGIN)
        return fcr__json_type_error(load->parser, &load->path, token, "an object or null");
    return FCR_OK;
}

/* Each section's entries are found by id or appended. Growth is one at a
 * time because policies have tens of entries at most. */
#define FIND_OR_ADD(array, count, id, result)                                        \
    do {                                                                              \
        (result) = NULL;                                                              \
        for (size_t i_ = 0; i_ < (count); i_++) {                                     \
            if (strcmp((array)[i_].id, (id)) == 0)                                    \
                (result) = &(array)[i_];                                              \
        }                                                                             \
        if ((result) == NULL) {                                                       \
            char *copy_ = fcr__strdup(id);                                            \
            void *grown_ = copy_ == NULL ? NULL                                       \
                                         : fcr__realloc((array), ((count) + 1) *      \
                                                                     sizeof *(array)); \
            if (grown_ == NULL) {                                                     \
                fcr__free(copy_);                                                     \
                return fcr__error_nomem();                                            \
            }                                                                         \
            (array) = grown_;                                                         \
            (result) = &(array)[(count)++];                                           \
            memset((result), 0, sizeof *(result));                                    \
            (result)->id = copy_;                                                     \
        }                                                                             \
    } while (0)

#define REMOVE_BY_ID(array, count, id, release)                                      \
    do {                                                                              \
        for (size_t i_ = 0; i_ < (count); i_++) {                                     \
            if (strcmp((array)[i_].id, (id)) == 0) {                                  \
                release(&(array)[i_]);                                                \
                memmove(&(array)[i_], &(array)[i_ + 1],                               \
                        ((count) - i_ - 1) * sizeof *(array));                        \
                (count)--;                                                            \
                break;                                                                \
            }                                                                         \
        }                                                                             \
    } while (0)

/* --- identity ------------------------------------------------------------ */

static void release_identifier(fcr__identifier_type *type)
{
    fcr__free(type->id);
    fcr__free(type->label);
}

static void remove_identifier(fcr_policy *policy, const char *id, size_t length)
{
    (void)length;
    REMOVE_BY_ID(policy->identifier_types, policy->identifier_type_count, id, release_identifier);
}

static fcr_status read_identifier(loader *load, const char *id, size_t length)
{
    (void)length;
    fcr_status status = begin_entry(load);
    if (status != FCR_OK)
        return status;

    /* Only a new type starts out person-specific, so that an entry that
     * relabels a location such as "room" keeps it a location. */
    bool added = fcr__policy_identifier_type(load->policy, id) == NULL;
    fcr__identifier_type *type;
    FIND_OR_ADD(load->policy->identifier_types, load->policy->identifier_type_count, id, type);
    if (added)
        type->person_specific = true;

    while (status == FCR_OK) {
        const char *key;
        size_t key_length;
        status = fcr__json_next_key(load->parser, &key, &key_length);
        if (status != FCR_OK || key == NULL)
            break;
        size_t mark = fcr__path_push_key(&load->path, key, key_length);
        if (fcr__key_is(key, key_length, "label"))
            status = read_owned_string(load, MAX_LABEL_BYTES, &type->label);
        else if (fcr__key_is(key, key_length, "person_specific"))
            status = fcr__json_read_bool(load->parser, &load->path, &type->person_specific);
        else
            status = fcr__json_unknown_field(load->parser, &load->path, "label, person_specific");
        fcr__path_pop(&load->path, mark);
    }
    return status;
}

static fcr_status read_identity(loader *load)
{
    fcr_status status = fcr__json_expect(load->parser, &load->path, FCR__JSON_OBJECT_BEGIN);
    while (status == FCR_OK) {
        const char *key;
        size_t length;
        status = fcr__json_next_key(load->parser, &key, &length);
        if (status != FCR_OK || key == NULL)
            break;
        size_t mark = fcr__path_push_key(&load->path, key, length);
        if (fcr__key_is(key, length, "required_identifiers")) {
            int64_t value;
            status = fcr__json_read_int(load->parser, &load->path, 1, 16, &value);
            if (status == FCR_OK)
                load->policy->required_identifiers = (unsigned)value;
        } else if (fcr__key_is(key, length, "identifier_types")) {
            status = read_keyed(load, read_identifier, remove_identifier);
        } else {
            status = fcr__json_unknown_field(load->parser, &load->path,
                                             "required_identifiers, identifier_types");
        }
        fcr__path_pop(&load->path, mark);
    }
    return status;
}

/* --- roles, categories, targets ----------------------------------------- */

static void release_role(fcr__role *role)
{
    fcr__free(role->id);
    fcr__free(role->label);
    fcr__string_list_free(&role->resolves);
}

static void remove_role(fcr_policy *policy, const char *id, size_t length)
{
    (void)length;
    REMOVE_BY_ID(policy->roles, policy->role_count, id, release_role);
}

static fcr_status read_role(loader *load, const char *id, size_t length)
{
    (void)length;
    fcr_status status = begin_entry(load);
    if (status != FCR_OK)
        return status;

    fcr__role *role;
    FIND_OR_ADD(load->policy->roles, load->policy->role_count, id, role);

    while (status == FCR_OK) {
        const char *key;
        size_t key_length;
        status = fcr__json_next_key(load->parser, &key, &key_length);
        if (status != FCR_OK || key == NULL)
            break;
        size_t mark = fcr__path_push_key(&load->path, key, key_length);
        if (fcr__key_is(key, key_length, "label"))
            status = read_owned_string(load, MAX_LABEL_BYTES, &role->label);
        else if (fcr__key_is(key, key_length, "clinical"))
            status = fcr__json_read_bool(load->parser, &load->path, &role->clinical);
        else if (fcr__key_is(key, key_length, "resolves"))
            status = read_string_list(load, true, MAX_ID_BYTES, &role->resolves);
        else
            status = fcr__json_unknown_field(load->parser, &load->path, "label, clinical, resolves");
        fcr__path_pop(&load->path, mark);
    }
    return status;
}

static void release_category(fcr__category *category)
{
    fcr__free(category->id);
    fcr__free(category->label);
    fcr__free(category->escalate_to);
    fcr__string_list_free(&category->tools);
}

static void remove_category(fcr_policy *policy, const char *id, size_t length)
{
    (void)length;
    REMOVE_BY_ID(policy->categories, policy->category_count, id, release_category);
}

static fcr_status read_category(loader *load, const char *id, size_t length)
{
    (void)length;
    fcr_status status = begin_entry(load);
    if (status != FCR_OK)
        return status;

    fcr__category *category;
    FIND_OR_ADD(load->policy->categories, load->policy->category_count, id, category);

    while (status == FCR_OK) {
        const char *key;
        size_t key_length;
        status = fcr__json_next_key(load->parser, &key, &key_length);
        if (status != FCR_OK || key == NULL)
            break;
        size_t mark = fcr__path_push_key(&load->path, key, key_length);
        if (fcr__key_is(key, key_length, "label")) {
            status = read_owned_string(load, MAX_LABEL_BYTES, &category->label);
        } else if (fcr__key_is(key, key_length, "clinical")) {
            status = fcr__json_read_bool(load->parser, &load->path, &category->clinical);
        } else if (fcr__key_is(key, key_length, "tools")) {
            status = read_string_list(load, true, MAX_ID_BYTES, &category->tools);
        } else if (fcr__key_is(key, key_length, "escalate_to")) {
            status = read_owned_string(load, MAX_ID_BYTES, &category->escalate_to);
        } else {
            status = fcr__json_unknown_field(load->parser, &load->path,
                                             "label, clinical, tools, escalate_to");
        }
        fcr__path_pop(&load->path, mark);
    }
    return status;
}

static void release_target(fcr__target *target)
{
    fcr__free(target->id);
    fcr__free(target->label);
}

static void remove_target(fcr_policy *policy, const char *id, size_t length)
{
    (void)length;
    REMOVE_BY_ID(policy->targets, policy->target_count, id, release_target);
}

static fcr_status read_duration(loader *load, fcr__business_span *out)
{
    const char *text;
    size_t length;
    fcr_status status = fcr__json_read_string(load->parser, &load->path, 32, &text, &length);
    if (status != FCR_OK)
        return status;
    if (!fcr__parse_duration(text, length, out))
        return fcr__json_fail(load->parser, FCR_ERECORD, fcr__path_text(&load->path),
                              "%s is not a duration; write minutes, hours or days such as "
                              "\"90m\", \"4h\", \"1h30m\" or \"2d\"",
                              fcr__path_text(&load->path));
    return FCR_OK;
}

static fcr_status read_target(loader *load, const char *id, size_t length)
{
    (void)length;
    fcr_status status = begin_entry(load);
    if (status != FCR_OK)
        return status;

    fcr__target *target;
    FIND_OR_ADD(load->policy->targets, load->policy->target_count, id, target);

    while (status == FCR_OK) {
        const char *key;
        size_t key_length;
        status = fcr__json_next_key(load->parser, &key, &key_length);
        if (status != FCR_OK || key == NULL)
            break;
        size_t mark = fcr__path_push_key(&load->path, key, key_length);
        if (fcr__key_is(key, key_length, "label"))
            status = read_owned_string(load, MAX_LABEL_BYTES, &target->label);
        else if (fcr__key_is(key, key_length, "callback"))
            status = read_duration(load, &target->callback);
        else
            status = fcr__json_unknown_field(load->parser, &load->path, "label, callback");
        fcr__path_pop(&load->path, mark);
    }
    return status;
}

/* --- office hours -------------------------------------------------------- */

static const char *const weekday_names[8] = {
    NULL, "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
};

/* Parses "HH:MM" into minutes after midnight; 24:00 is allowed as a closing time. */
static bool parse_clock(const char *text, int *minutes)
{
    if (text[0] < '0' || text[0] > '9' || text[1] < '0' || text[1] > '9' || text[2] != ':' ||
        text[3] < '0' || text[3] > '5' || text[4] < '0' || text[4] > '9')
        return false;
    int hours = (text[0] - '0') * 10 + (text[1] - '0');
    int mins = (text[3] - '0') * 10 + (text[4] - '0');
    if (hours > 24 || (hours == 24 && mins != 0))
        return false;
    *minutes = hours * 60 + mins;
    return true;
}

static fcr_status read_day_hours(loader *load, fcr__day_hours *day)
{
    fcr_status status = fcr__json_expect(load->parser, &load->path, FCR__JSON_ARRAY_BEGIN);
    fcr__day_hours result = {0, {0}, {0}};

    for (size_t index = 0; status == FCR_OK; index++) {
        size_t mark = fcr__path_push_index(&load->path, index);
        fcr__json_token token = fcr__json_next(load->parser);
        if (token == FCR__JSON_ARRAY_END) {
            fcr__path_pop(&load->path, mark);
            break;
        }
        if (token != FCR__JSON_STRING) {
            status = fcr__json_type_error(load->parser, &load->path, token,
                                          "a string such as \"08:00-17:00\"");
            fcr__path_pop(&load->path, mark);
            break;
        }

        size_t length;
        const char *text = fcr__json_string(load->parser, &length);
        int open = 0, close = 0;
        bool ok = length == 11 && text[5] == '-' && parse_clock(text, &open) &&
                  parse_clock(text + 6, &close) && open < close && open < 24 * 60;
        int previous_close = result.count > 0 ? result.close[result.count - 1] : -1;
        if (!ok)
            status = fcr__json_fail(load->parser, FCR_ERECORD, fcr__path_text(&load->path),
                                    "%s is not an opening interval; write \"HH:MM-HH:MM\" "
                                    "with the opening before the closing, such as "
                                    "\"08:00-17:00\"",
                                    fcr__path_text(&load->path));
        else if (result.count == FCR__MAX_INTERVALS_PER_DAY)
            status = fcr__json_fail(load->parser, FCR_ERECORD, fcr__path_text(&load->path),
                                    "a day has at most %d opening intervals",
                                    FCR__MAX_INTERVALS_PER_DAY);
        else if (open < previous_close)
            status = fcr__json_fail(load->parser, FCR_ERECORD, fcr__path_text(&load->path),
                                    "%s overlaps or precedes the previous interval; list a "
                                    "day's intervals in order without overlaps",
                                    fcr__path_text(&load->path));
        if (status == FCR_OK) {
            result.open[result.count] = open;
            result.close[result.count] = close;
            result.count++;
        }
        fcr__path_pop(&load->path, mark);
    }

    if (status == FCR_OK)
        *day = result;
    return status;
}

static fcr_status read_hours(loader *load)
{
    fcr_status status = fcr__json_expect(load->parser, &load->path, FCR__JSON_OBJECT_BEGIN);
    while (status == FCR_OK) {
        const char *key;
        size_t length;
        status = fcr__json_next_key(load->parser, &key, &length);
        if (status != FCR_OK || key == NULL)
            break;
        size_t mark = fcr__path_push_key(&load->path, key, length);
        int weekday = 0;
        for (int day = 1; day <= 7; day++) {
            if (fcr__key_is(key, length, weekday_names[day]))
                weekday = day;
        }
        if (weekday == 0)
            status = fcr__json_unknown_field(load->parser, &load->path,
                                             "monday, tuesday, wednesday, thursday, friday, "
                                             "saturday, sunday");
        else
            status = read_day_hours(load, &load->policy->office.week[weekday]);
        fcr__path_pop(&load->path, mark);
    }
    return status;
}

static bool parse_date(const char *text, size_t length, int64_t *year, int *month, int *day)
{
    if (length != 10 || text[4] != '-' || text[7] != '-')
        return false;
    int digits[8];
    const int positions[8] = {0, 1, 2, 3, 5, 6, 8, 9};
    for (int i = 0; i < 8; i++) {
        char c = text[positions[i]];
        if (c < '0' || c > '9')
            return false;
        digits[i] = c - '0';
    }
    *year = digits[0] * 1000 + digits[1] * 100 + digits[2] * 10 + digits[3];
    *month = digits[4] * 10 + digits[5];
    *day = digits[6] * 10 + digits[7];
    return *year >= 1 && *month >= 1 && *month <= 12 && *day >= 1 &&
           *day <= fcr__days_in_month(*year, *month);
}

static fcr_status read_holidays(loader *load)
{
    fcr_status status = fcr__json_expect(load->parser, &load->path, FCR__JSON_ARRAY_BEGIN);
    fcr__office_hours *office = &load->policy->office;

    /* The list replaces the defaults (which have no holidays). */
    fcr__free(office->holidays);
    office->holidays = NULL;
    office->holiday_count = 0;

    for (size_t index = 0; status == FCR_OK; index++) {
        size_t mark = fcr__path_push_index(&load->path, index);
        fcr__json_token token = fcr__json_next(load->parser);
        if (token == FCR__JSON_ARRAY_END) {
            fcr__path_pop(&load->path, mark);
            break;
        }

        size_t length = 0;
        const char *text = token == FCR__JSON_STRING ? fcr__json_string(load->parser, &length) : NULL;
        int64_t year;
        int month, day;
        if (text == NULL)
            status = fcr__json_type_error(load->parser, &load->path, token,
                                          "a date such as \"2026-12-25\"");
        else if (!parse_date(text, length, &year, &month, &day))
            status = fcr__json_fail(load->parser, FCR_ERECORD, fcr__path_text(&load->path),
                                    "%s is not a valid date; write YYYY-MM-DD such as "
                                    "\"2026-12-25\"",
                                    fcr__path_text(&load->path));
        else
            status = fcr__office_hours_add_holiday(office, year, month, day);
        fcr__path_pop(&load->path, mark);
    }
    return status;
}

static fcr_status read_time_zone(loader *load)
{
    const char *text;
    size_t length;
    fcr_status status = fcr__json_read_string(load->parser, &load->path, 64, &text, &length);
    if (status != FCR_OK)
        return status;

    char name[65];
    memcpy(name, text, length);
    name[length] = '\0';

    fcr__zone *zone = NULL;
    status = fcr__zone_load(&zone, name);
    if (status == FCR_ENOMEM)
        return status;
    if (status != FCR_OK) {
        char detail[300];
        snprintf(detail, sizeof detail, "%s", fcr_last_error());
        /* The zone loader rejects a name such as "../etc/passwd" as an
         * invalid argument, but here the name is a field of the document. */
        if (status == FCR_EINVAL)
            status = FCR_ERECORD;
        return fcr__json_fail(load->parser, status, fcr__path_text(&load->path), "%s: %s",
                              fcr__path_text(&load->path), detail);
    }
    fcr__office_hours_set_zone(&load->policy->office, zone);
    return FCR_OK;
}

static fcr_status read_office(loader *load)
{
    fcr_status status = fcr__json_expect(load->parser, &load->path, FCR__JSON_OBJECT_BEGIN);
    while (status == FCR_OK) {
        const char *key;
        size_t length;
        status = fcr__json_next_key(load->parser, &key, &length);
        if (status != FCR_OK || key == NULL)
            break;
        size_t mark = fcr__path_push_key(&load->path, key, length);
        if (fcr__key_is(key, length, "time_zone"))
            status = read_time_zone(load);
        else if (fcr__key_is(key, length, "hours"))
            status = read_hours(load);
        else if (fcr__key_is(key, length, "holidays"))
            status = read_holidays(load);
        else
            status = fcr__json_unknown_field(load->parser, &load->path,
                                             "time_zone, hours, holidays");
        fcr__path_pop(&load->path, mark);
    }
    return status;
}

/* --- checklist ----------------------------------------------------------- */

static int item_index(const char *id, size_t length)
{
    for (int i = 0; i < FCR__ITEM_COUNT; i++) {
        if (fcr__key_is(id, length, fcr__item_ids[i]))
            return i;
    }
    return -1;
}

static const char item_list[] =
    "open_questions, concern_restated, identity_verified, resolution_attempted, "
    "escalated_only_when_necessary, next_steps_explained, anything_else_asked, documented";

static fcr_status read_weights(loader *load)
{
    fcr_status status = fcr__json_expect(load->parser, &load->path, FCR__JSON_OBJECT_BEGIN);
    while (status == FCR_OK) {
        const char *key;
        size_t length;
        status = fcr__json_next_key(load->parser, &key, &length);
        if (status != FCR_OK || key == NULL)
            break;
        size_t mark = fcr__path_push_key(&load->path, key, length);
        int item = item_index(key, length);
        double weight = 0;
        if (item < 0)
            status = fcr__json_unknown_field(load->parser, &load->path, item_list);
        else
            status = fcr__json_read_double(load->parser, &load->path, &weight);
        if (status == FCR_OK && !(weight >= 0 && weight <= 1000))
            status = fcr__json_fail(load->parser, FCR_ERECORD, fcr__path_text(&load->path),
                                    "%s must be a weight from 0 to 1000",
                                    fcr__path_text(&load->path));
        if (status == FCR_OK)
            load->policy->weights[item] = weight;
        fcr__path_pop(&load->path, mark);
    }
    return status;
}

static fcr_status read_critical(loader *load)
{
    bool critical[FCR__ITEM_COUNT] = {false};
    fcr_status status = fcr__json_expect(load->parser, &load->path, FCR__JSON_ARRAY_BEGIN);

    for (size_t index = 0; status == FCR_OK; index++) {
        size_t mark = fcr__path_push_index(&load->path, index);
        fcr__json_token token = fcr__json_next(load->parser);
        if (token == FCR__JSON_ARRAY_END) {
            fcr__path_pop(&load->path, mark);
            break;
        }

        int item = -1;
        if (token != FCR__JSON_STRING) {
            status = fcr__json_type_error(load->parser, &load->path, token, "a checklist item id");
        } else {
            size_t length;
            const char *text = fcr__json_string(load->parser, &length);
            item = item_index(text, length);
            if (item < 0)
                status = fcr__json_fail(load->parser, FCR_ERECORD, fcr__path_text(&load->path),
                                        "%s: unknown checklist item '%.*s'; the items are: %s",
                                        fcr__path_text(&load->path), (int)(length > 64 ? 64 : length),
                                        text, item_list);
        }
        if (status == FCR_OK)
            // cppcheck-suppress negativeIndex ; status is FCR_OK only when item >= 0
            critical[item] = true;
        fcr__path_pop(&load->path, mark);
    }

    if (status == FCR_OK)
        memcpy(load->policy->critical, critical, sizeof critical);
    return status;
}

static void free_bands(fcr__band *bands, size_t count)
{
    for (size_t i = 0; i < count; i++)
        fcr__free(bands[i].name);
    fcr__free(bands);
}

static fcr_status read_bands(loader *load)
{
    fcr_status status = fcr__json_expect(load->parser, &load->path, FCR__JSON_ARRAY_BEGIN);
    fcr__band *bands = NULL;
    size_t count = 0;

    for (size_t index = 0; status == FCR_OK; index++) {
        size_t mark = fcr__path_push_index(&load->path, index);
        fcr__band *grown = fcr__realloc(bands, (count + 1) * sizeof *bands);
        if (grown == NULL) {
            status = fcr__error_nomem();
            fcr__path_pop(&load->path, mark);
            break;
        }
        bands = grown;
        memset(&bands[count], 0, sizeof bands[count]);

        fcr__json_token token = fcr__json_next(load->parser);
        if (token == FCR__JSON_ARRAY_END) {
            fcr__path_pop(&load->path, mark);
            break;
        }
        count++;
        if (token != FCR__JSON_OBJECT_BEGIN) {
            status = fcr__json_type_error(load->parser, &load->path, token, "an object");
        } else {
            status = FCR_OK;
            bool has_from = false;
            while (status == FCR_OK) {
                const char *key;
                size_t length;
                status = fcr__json_next_key(load->parser, &key, &length);
                if (status != FCR_OK || key == NULL)
                    break;
                size_t field_mark = fcr__path_push_key(&load->path, key, length);
                if (fcr__key_is(key, length, "name")) {
                    status = read_owned_string(load, MAX_LABEL_BYTES, &bands[count - 1].name);
                } else if (fcr__key_is(key, length, "from")) {
                    status = fcr__json_read_double(load->parser, &load->path,
                                                   &bands[count - 1].from);
                    has_from = true;
                } else {
                    status = fcr__json_unknown_field(load->parser, &load->path, "name, from");
                }
                fcr__path_pop(&load->path, field_mark);
            }
            if (status == FCR_OK && (bands[count - 1].name == NULL || !has_from))
                status = fcr__json_fail(load->parser, FCR_ERECORD, fcr__path_text(&load->path),
                                        "%s needs a name and a from score",
                                        fcr__path_text(&load->path));
            if (status == FCR_OK && count > 1 && bands[count - 1].from <= bands[count - 2].from)
                status = fcr__json_fail(load->parser, FCR_ERECORD, fcr__path_text(&load->path),
                                        "%s: list bands in ascending order of their from score",
                                        fcr__path_text(&load->path));
        }
        fcr__path_pop(&load->path, mark);
    }

    if (status == FCR_OK && (count == 0 || bands[0].from != 0))
        status = fcr__error_field(FCR_ERECORD, fcr__path_text(&load->path),
                                  "%s: the first band must start from 0 so that every score "
                                  "has a band",
                                  fcr__path_text(&load->path));
    if (status != FCR_OK) {
        free_bands(bands, count);
        return status;
    }
    free_bands(load->policy->bands, load->policy->band_count);
    load->policy->bands = bands;
    load->policy->band_count = count;
    return FCR_OK;
}

static fcr_status read_checklist(loader *load)
{
    fcr_status status = fcr__json_expect(load->parser, &load->path, FCR__JSON_OBJECT_BEGIN);
    while (status == FCR_OK) {
        const char *key;
        size_t length;
        status = fcr__json_next_key(load->parser, &key, &length);
        if (status != FCR_OK || key == NULL)
            break;
        size_t mark = fcr__path_push_key(&load->path, key, length);
        if (fcr__key_is(key, length, "weights"))
            status = read_weights(load);
        else if (fcr__key_is(key, length, "critical"))
            status = read_critical(load);
        else if (fcr__key_is(key, length, "bands"))
            status = read_bands(load);
        else
            status = fcr__json_unknown_field(load->parser, &load->path, "weights, critical, bands");
        fcr__path_pop(&load->path, mark);
    }
    return status;
}

/* --- phrases ------------------------------------------------------------- */

static fcr_status read_step_phrases(loader *load, fcr__phrases *phrases)
{
    fcr_status status = fcr__json_expect(load->parser, &load->path, FCR__JSON_OBJECT_BEGIN);
    while (status == FCR_OK) {
        const char *key;
        size_t length;
        status = fcr__json_next_key(load->parser, &key, &length);
        if (status != FCR_OK || key == NULL)
            break;
        size_t mark = fcr__path_push_key(&load->path, key, length);
        if (fcr__key_is(key, length, "prompt"))
            status = read_owned_string(load, MAX_PHRASE_BYTES, &phrases->prompt);
        else if (fcr__key_is(key, length, "phrases"))
            status = read_string_list(load, false, MAX_PHRASE_BYTES, &phrases->phrases);
        else
            status = fcr__json_unknown_field(load->parser, &load->path, "prompt, phrases");
        fcr__path_pop(&load->path, mark);
    }
    return status;
}

static fcr_status read_phrases(loader *load)
{
    fcr_status status = fcr__json_expect(load->parser, &load->path, FCR__JSON_OBJECT_BEGIN);
    while (status == FCR_OK) {
        const char *key;
        size_t length;
        status = fcr__json_next_key(load->parser, &key, &length);
        if (status != FCR_OK || key == NULL)
            break;
        size_t mark = fcr__path_push_key(&load->path, key, length);
        int step = -1;
        for (int s = 0; s < FCR__STEP_COUNT; s++) {
            if (fcr__key_is(key, length, fcr_step_name((fcr_step)s)))
                step = s;
        }
        if (step < 0)
            status = fcr__json_unknown_field(load->parser, &load->path,
                                             "clarify, check_authority, act, recap, document, "
                                             "closed");
        else
            status = read_step_phrases(load, &load->policy->phrases[step]);
        fcr__path_pop(&load->path, mark);
    }
    return status;
}

/* --- document ------------------------------------------------------------ */

static fcr_status read_document(loader *load)
{
    fcr_status status = fcr__json_expect(load->parser, &load->path, FCR__JSON_OBJECT_BEGIN);
    while (status == FCR_OK) {
        const char *key;
        size_t length;
        status = fcr__json_next_key(load->parser, &key, &length);
        if (status != FCR_OK || key == NULL)
            break;
        size_t mark = fcr__path_push_key(&load->path, key, length);
        if (fcr__key_is(key, length, "format")) {
            status = fcr__json_read_format(load->parser, &load->path, "fcr.policy", "policy",
                                           NULL);
        } else if (fcr__key_is(key, length, "identity")) {
            status = read_identity(load);
        } else if (fcr__key_is(key, length, "roles")) {
            status = read_keyed(load, read_role, remove_role);
        } else if (fcr__key_is(key, length, "categories")) {
            status = read_keyed(load, read_category, remove_category);
        } else if (fcr__key_is(key, length, "targets")) {
            status = read_keyed(load, read_target, remove_target);
        } else if (fcr__key_is(key, length, "office")) {
            status = read_office(load);
        } else if (fcr__key_is(key, length, "documentation_window")) {
            fcr__business_span span;
            status = read_duration(load, &span);
            if (status == FCR_OK)
                load->policy->documentation_window_ms =
                    (span.days * 24 * 60 + span.minutes) * INT64_C(60000);
        } else if (fcr__key_is(key, length, "checklist")) {
            status = read_checklist(load);
        } else if (fcr__key_is(key, length, "phrases")) {
            status = read_phrases(load);
        } else {
            status = fcr__json_unknown_field(load->parser, &load->path,
                                             "format, identity, roles, categories, targets, "
                                             "office, documentation_window, checklist, phrases");
        }
        fcr__path_pop(&load->path, mark);
    }

    if (status == FCR_OK) {
        fcr__json_token token = fcr__json_next(load->parser);
        if (token != FCR__JSON_END)
            status = fcr__json_token_status(token);
    }
    return status;
}

/* Checks the references between entries once the whole document is read. */
static fcr_status check_references(const fcr_policy *policy, const char *name)
{
    size_t person_specific = 0;
    for (size_t i = 0; i < policy->identifier_type_count; i++)
        person_specific += policy->identifier_types[i].person_specific;
    if (policy->required_identifiers > person_specific)
        return fcr__error_field(FCR_ERECORD, "identity.required_identifiers",
                                "%s: identity.required_identifiers is %u but only %zu "
                                "person-specific identifier types exist",
                                name, policy->required_identifiers, person_specific);

    for (size_t i = 0; i < policy->role_count; i++) {
        const fcr__role *role = &policy->roles[i];
        for (size_t k = 0; k < role->resolves.count; k++) {
            if (fcr__policy_category(policy, role->resolves.items[k]) == NULL) {
                char field[160];
                snprintf(field, sizeof field, "roles.%s.resolves[%zu]", role->id, k);
                return fcr__error_field(FCR_ERECORD, field,
                                        "%s: %s: role %s resolves unknown category '%s'; add the "
                                        "category or remove it from the role",
                                        name, field, role->id, role->resolves.items[k]);
            }
        }
    }

    for (size_t i = 0; i < policy->category_count; i++) {
        const fcr__category *category = &policy->categories[i];
        if (category->escalate_to != NULL &&
            fcr__policy_target(policy, category->escalate_to) == NULL) {
            char field[160];
            snprintf(field, sizeof field, "categories.%s.escalate_to", category->id);
            return fcr__error_field(FCR_ERECORD, field,
                                    "%s: %s: category %s escalates to unknown target '%s'; add "
                                    "the target or change escalate_to",
                                    name, field, category->id, category->escalate_to);
        }
    }

    double total = 0;
    for (size_t i = 0; i < FCR__ITEM_COUNT; i++)
        total += policy->weights[i];
    if (total <= 0)
        return fcr__error_field(FCR_ERECORD, "checklist.weights",
                                "%s: every checklist weight is 0; give at least one item a "
                                "positive weight",
                                name);
    return FCR_OK;
}

fcr_status fcr_policy_load(fcr_policy **out, const char *json, size_t length, const char *name)
{
    if (out == NULL || json == NULL)
        return fcr__error(FCR_EINVAL, "fcr_policy_load: out and json must not be NULL");
    const char *shown = name != NULL ? name : "<policy>";

    fcr_policy *policy = NULL;
    fcr_status status = fcr_policy_new(&policy);
    if (status != FCR_OK)
        return status;

    loader load = {NULL, {{0}, 0}, policy};
    fcr__path_init(&load.path);
    status = fcr__json_parser_new(&load.parser, NULL);
    if (status == FCR_OK) {
        fcr__json_parser_reset(load.parser, json, length, shown);
        fcr__json_parser_set_field_path(load.parser, load.path.text);
        status = read_document(&load);
        fcr__json_parser_set_field_path(load.parser, NULL);
    }
    if (status == FCR_OK)
        status = check_references(policy, shown);

    fcr__json_parser_free(load.parser);
    if (status != FCR_OK) {
        fcr_policy_free(policy);
        return status;
    }
    *out = policy;
    return FCR_OK;
}

fcr_status fcr_policy_load_file(fcr_policy **out, const char *path)
{
    if (out == NULL || path == NULL)
        return fcr__error(FCR_EINVAL, "fcr_policy_load_file: out and path must not be NULL");

    char *data = NULL;
    size_t length = 0;
    fcr_status status = fcr__read_file(path, FCR__MAX_POLICY_BYTES, &data, &length);
    if (status != FCR_OK)
        return status;

    status = fcr_policy_load(out, data, length, path);
    fcr__free(data);
    return status;
}
