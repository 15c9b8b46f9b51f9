/* SPDX-License-Identifier: MIT */
/* Writing the effective policy as an `fcr.policy/1` document that
 * fcr_policy_load() reads back. */
#include <stdio.h>
#include <string.h>

#include "civil_time.h"
#include "json.h"
#include "model.h"

static const char *const weekday_names[8] = {
    NULL, "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
};

static void write_list(fcr__json_writer *writer, const fcr__string_list *list)
{
    fcr__json_begin_array(writer);
    for (size_t i = 0; i < list->count; i++)
        fcr__json_string_value(writer, list->items[i]);
    fcr__json_end_array(writer);
}

/* Writes a span as "4h", "2d" or "1d90m": whole hours when they divide. */
static void write_span(fcr__json_writer *writer, fcr__business_span span)
{
    char text[64];
    size_t used = 0;
    if (span.days > 0)
        used += (size_t)snprintf(text + used, sizeof text - used, "%lldd", (long long)span.days);
    if (span.minutes > 0 && span.minutes % 60 == 0)
        used += (size_t)snprintf(text + used, sizeof text - used, "%lldh",
                                 (long long)(span.minutes / 60));
    else if (span.minutes > 0)
        used += (size_t)snprintf(text + used, sizeof text - used, "%lldm", (long long)span.minutes);
    if (used == 0)
        snprintf(text, sizeof text, "0m");
    fcr__json_string_value(writer, text);
}

static bool has_entry(const fcr_policy *policy, fcr__policy_section section, const char *id)
{
    switch (section) {
    case FCR__SECTION_IDENTIFIER_TYPES:
        return fcr__policy_identifier_type(policy, id) != NULL;
    case FCR__SECTION_ROLES:
        return fcr__policy_role(policy, id) != NULL;
    case FCR__SECTION_CATEGORIES:
        return fcr__policy_category(policy, id) != NULL;
    case FCR__SECTION_TARGETS:
    default:
        return fcr__policy_target(policy, id) != NULL;
    }
}

/* Writes `"id": null` for each built-in id the policy no longer has. A
 * document is read over the defaults, so without these entries reading it
 * back would bring the removed entries back. */
static void write_removed(fcr__json_writer *writer, const fcr_policy *policy,
                          fcr__policy_section section)
{
    const char *id;
    for (size_t i = 0; (id = fcr__policy_default_id(section, i)) != NULL; i++) {
        if (!has_entry(policy, section, id)) {
            fcr__json_key(writer, id);
            fcr__json_null(writer);
        }
    }
}

static void write_identity(fcr__json_writer *writer, const fcr_policy *policy)
{
    fcr__json_key(writer, "identity");
    fcr__json_begin_object(writer);
    fcr__json_key(writer, "required_identifiers");
    fcr__json_int64(writer, policy->required_identifiers);
    fcr__json_key(writer, "identifier_types");
    fcr__json_begin_object(writer);
    for (size_t i = 0; i < policy->identifier_type_count; i++) {
        const fcr__identifier_type *type = &policy->identifier_types[i];
        fcr__json_key(writer, type->id);
        fcr__json_begin_object(writer);
        if (type->label != NULL) {
            fcr__json_key(writer, "label");
            fcr__json_string_value(writer, type->label);
        }
        fcr__json_key(writer, "person_specific");
        fcr__json_bool(writer, type->person_specific);
        fcr__json_end_object(writer);
    }
    write_removed(writer, policy, FCR__SECTION_IDENTIFIER_TYPES);
    fcr__json_end_object(writer);
    fcr__json_end_object(writer);
}

static void write_roles(fcr__json_writer *writer, const fcr_policy *policy)
{
    fcr__json_key(writer, "roles");
    fcr__json_begin_object(writer);
    for (size_t i = 0; i < policy->role_count; i++) {
        const fcr__role *role = &policy->roles[i];
        fcr__json_key(writer, role->id);
        fcr__json_begin_object(writer);
        if (role->label != NULL) {
            fcr__json_key(writer, "label");
            fcr__json_string_value(writer, role->label);
        }
        fcr__json_key(writer, "clinical");
        fcr__json_bool(writer, role->clinical);
        fcr__json_key(writer, "resolves");
        write_list(writer, &role->resolves);
        fcr__json_end_object(writer);
    }
    write_removed(writer, policy, FCR__SECTION_ROLES);
    fcr__json_end_object(writer);
}

static void write_categories(fcr__json_writer *writer, const fcr_policy *policy)
{
    fcr__json_key(writer, "categories");
    fcr__json_begin_object(writer);
    for (size_t i = 0; i < policy->category_count; i++) {
        const fcr__category *category = &policy->categories[i];
        fcr__json_key(writer, category->id);
        fcr__json_begin_object(writer);
        if (category->label != NULL) {
            fcr__json_key(writer, "label");
            fcr__json_string_value(writer, category->label);
        }
        fcr__json_key(writer, "clinical");
        fcr__json_bool(writer, category->clinical);
        fcr__json_key(writer, "tools");
        write_list(writer, &category->tools);
        if (category->escalate_to != NULL) {
            fcr__json_key(writer, "escalate_to");
            fcr__json_string_value(writer, category->escalate_to);
        }
        fcr__json_end_object(writer);
    }
    write_removed(writer, policy, FCR__SECTION_CATEGORIES);
    fcr__json_end_object(writer);
}

static void write_targets(fcr__json_writer *writer, const fcr_policy *policy)
{
    fcr__json_key(writer, "targets");
    fcr__json_begin_object(writer);
    for (size_t i = 0; i < policy->target_count; i++) {
        const fcr__target *target = &policy->targets[i];
        fcr__json_key(writer, target->id);
        fcr__json_begin_object(writer);
        if (target->label != NULL) {
            fcr__json_key(writer, "label");
            fcr__json_string_value(writer, target->label);
        }
        fcr__json_key(writer, "callback");
        write_span(writer, target->callback);
        fcr__json_end_object(writer);
    }
    write_removed(writer, policy, FCR__SECTION_TARGETS);
    fcr__json_end_object(writer);
}

static void write_office(fcr__json_writer *writer, const fcr_policy *policy)
{
    const fcr__office_hours *office = &policy->office;
    char text[48];

    fcr__json_key(writer, "office");
    fcr__json_begin_object(writer);
    fcr__json_key(writer, "time_zone");
    fcr__json_string_value(writer, fcr_policy_time_zone(policy));

    fcr__json_key(writer, "hours");
    fcr__json_begin_object(writer);
    for (int day = 1; day <= 7; day++) {
        fcr__json_key(writer, weekday_names[day]);
        fcr__json_begin_array(writer);
        for (int i = 0; i < office->week[day].count; i++) {
            int open = office->week[day].open[i], close = office->week[day].close[i];
            snprintf(text, sizeof text, "%02d:%02d-%02d:%02d", open / 60, open % 60, close / 60,
                     close % 60);
            fcr__json_string_value(writer, text);
        }
        fcr__json_end_array(writer);
    }
    fcr__json_end_object(writer);

    fcr__json_key(writer, "holidays");
    fcr__json_begin_array(writer);
    for (size_t i = 0; i < office->holiday_count; i++) {
        int64_t year;
        int month, day;
        fcr__civil_from_days(office->holidays[i], &year, &month, &day);
        snprintf(text, sizeof text, "%04lld-%02d-%02d", (long long)year, month, day);
        fcr__json_string_value(writer, text);
    }
    fcr__json_end_array(writer);
    fcr__json_end_object(writer);
}

static void write_checklist(fcr__json_writer *writer, const fcr_policy *policy)
{
    fcr__json_key(writer, "checklist");
    fcr__json_begin_object(writer);

    fcr__json_key(writer, "weights");
    fcr__json_begin_object(writer);
    for (int i = 0; i < FCR__ITEM_COUNT; i++) {
        fcr__json_key(writer, fcr__item_ids[i]);
        fcr__json_double(writer, policy->weights[i]);
    }
    fcr__json_end_object(writer);

    fcr__json_key(writer, "critical");
    fcr__json_begin_array(writer);
    for (int i = 0; i < FCR__ITEM_COUNT; i++) {
        if (policy->critical[i])
            fcr__json_string_value(writer, fcr__item_ids[i]);
    }
    fcr__json_end_array(writer);

    fcr__json_key(writer, "bands");
    fcr__json_begin_array(writer);
    for (size_t i = 0; i < policy->band_count; i++) {
        fcr__json_begin_object(writer);
        fcr__json_key(writer, "name");
        fcr__json_string_value(writer, policy->bands[i].name);
        fcr__json_key(writer, "from");
        fcr__json_double(writer, policy->bands[i].from);
        fcr__json_end_object(writer);
    }
    fcr__json_end_array(writer);
    fcr__json_end_object(writer);
}

static void write_phrases(fcr__json_writer *writer, const fcr_policy *policy)
{
    fcr__json_key(writer, "phrases");
    fcr__json_begin_object(writer);
    for (int step = 0; step < FCR__STEP_COUNT; step++) {
        const fcr__phrases *phrases = &policy->phrases[step];
        fcr__json_key(writer, fcr_step_name((fcr_step)step));
        fcr__json_begin_object(writer);
        if (phrases->prompt != NULL) {
            fcr__json_key(writer, "prompt");
            fcr__json_string_value(writer, phrases->prompt);
        }
        fcr__json_key(writer, "phrases");
        write_list(writer, &phrases->phrases);
        fcr__json_end_object(writer);
    }
    fcr__json_end_object(writer);
}

fcr_status fcr_policy_to_json(char **out, const fcr_policy *policy)
{
    if (out == NULL || policy == NULL)
        return fcr__error(FCR_EINVAL, "fcr_policy_to_json: out and policy must not be NULL");

    fcr__strbuf buffer = FCR__STRBUF_INIT;
    fcr__json_writer writer;
    fcr__json_writer_init(&writer, &buffer, true);

    fcr__json_begin_object(&writer);
    fcr__json_key(&writer, "format");
    fcr__json_string_value(&writer, "fcr.policy/1");
    write_identity(&writer, policy);
    write_roles(&writer, policy);
    write_categories(&writer, policy);
    write_targets(&writer, policy);
    write_office(&writer, policy);
    fcr__json_key(&writer, "documentation_window");
    fcr__business_span window = {policy->documentation_window_ms / 60000, 0};
    write_span(&writer, window);
    write_checklist(&writer, policy);
    write_phrases(&writer, policy);
    fcr__json_end_object(&writer);

    fcr_status status = fcr__json_writer_status(&writer);
    if (status == FCR_OK)
        status = fcr__strbuf_putc(&buffer, '\n');
    if (status != FCR_OK) {
        fcr__strbuf_free(&buffer);
        return status;
    }
    *out = fcr__strbuf_detach(&buffer);
    return *out == NULL ? FCR_ENOMEM : FCR_OK;
}
