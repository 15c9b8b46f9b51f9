/* SPDX-License-Identifier: MIT */
/* The note as one `fcr.note/1` JSON object. docs/notes.md lists the fields. */
#include "note_internal.h"

static const char *const direction_names[] = {"inbound", "outbound"};
static const char *const caller_role_names[] = {"patient", "proxy", "other"};

static void write_time_or_null(fcr__json_writer *writer, fcr_time time)
{
    char text[FCR_TIME_TEXT_SIZE];
    if (time == FCR_TIME_NONE || fcr_time_format(text, sizeof text, time) != FCR_OK) {
        fcr__json_null(writer);
        return;
    }
    fcr__json_string_value(writer, text);
}

static void write_string_or_null(fcr__json_writer *writer, const char *text)
{
    if (text == NULL)
        fcr__json_null(writer);
    else
        fcr__json_string_value(writer, text);
}

static void write_concern(fcr__json_writer *writer, const fcr_call *call,
                          const fcr_concern *concern, fcr_profile profile)
{
    fcr__json_begin_object(writer);
    fcr__json_key(writer, "id");
    fcr__json_string_value(writer, concern->id);
    fcr__json_key(writer, "category");
    fcr__json_string_value(writer, concern->category);
    fcr__json_key(writer, "category_label");
    fcr__json_string_value(writer, fcr__note_label(call, FCR__LABEL_CATEGORY, concern->category));
    fcr__json_key(writer, "request");
    write_string_or_null(writer, fcr__note_mask(profile, concern->request));
    fcr__json_key(writer, "outcome");
    fcr__json_string_value(writer, fcr_outcome_name(concern->outcome));
    fcr__json_key(writer, "action");
    write_string_or_null(writer, fcr__note_mask(profile, concern->action));
    fcr__json_key(writer, "next_step");
    write_string_or_null(writer, fcr__note_mask(profile, concern->next_step));
    fcr__json_key(writer, "target");
    write_string_or_null(writer, concern->target);
    fcr__json_key(writer, "target_label");
    write_string_or_null(writer, fcr__note_label(call, FCR__LABEL_TARGET, concern->target));
    fcr__json_key(writer, "reason");
    write_string_or_null(writer, fcr__note_mask(profile, concern->reason));
    fcr__json_key(writer, "owner");
    write_string_or_null(writer, fcr__note_mask(profile, concern->owner));
    fcr__json_key(writer, "due_at");
    write_time_or_null(writer, concern->due_at);
    fcr__json_key(writer, "due_computed");
    fcr__json_bool(writer, concern->due_computed);
    fcr__json_end_object(writer);
}

void fcr__note_write_json(fcr__json_writer *writer, const fcr_call *call, fcr_profile profile)
{
    fcr__json_begin_object(writer);
    fcr__json_key(writer, "format");
    fcr__json_string_value(writer, "fcr.note/1");
    fcr__json_key(writer, "profile");
    fcr__json_string_value(writer, profile == FCR_PROFILE_QA ? "qa" : "chart");
    fcr__json_key(writer, "call_id");
    fcr__json_string_value(writer, call->id);
    fcr__json_key(writer, "started_at");
    write_time_or_null(writer, call->started_at);
    fcr__json_key(writer, "ended_at");
    write_time_or_null(writer, call->ended_at);
    fcr__json_key(writer, "duration_seconds");
    if (call->ended_at == FCR_TIME_NONE)
        fcr__json_null(writer);
    else
        fcr__json_int64(writer, (call->ended_at - call->started_at) / 1000);
    fcr__json_key(writer, "time_zone");
    fcr__json_string_value(writer, fcr_policy_time_zone(call->policy));
    fcr__json_key(writer, "direction");
    fcr__json_string_value(writer, direction_names[call->direction == FCR_DIRECTION_OUTBOUND]);

    fcr__json_key(writer, "agent_id");
    write_string_or_null(writer, call->agent_id);
    fcr__json_key(writer, "agent_role");
    write_string_or_null(writer, call->agent_role);
    fcr__json_key(writer, "agent_role_label");
    write_string_or_null(writer, fcr__note_label(call, FCR__LABEL_ROLE, call->agent_role));

    fcr__json_key(writer, "caller_role");
    unsigned role = (unsigned)call->caller_role <= FCR_CALLER_OTHER ? (unsigned)call->caller_role : 0;
    fcr__json_string_value(writer, caller_role_names[role]);
    fcr__json_key(writer, "proxy_authority");
    fcr__json_bool(writer, call->workflow.proxy_authority);
    fcr__json_key(writer, "patient_key");
    write_string_or_null(writer, fcr__note_mask(profile, call->patient_key));

    fcr__json_key(writer, "identity_verified");
    fcr__json_bool(writer, fcr_call_identity_verified(call) != 0);
    fcr__json_key(writer, "identifier_types");
    fcr__json_begin_array(writer);
    for (size_t i = 0; i < call->identifier_count; i++)
        fcr__json_string_value(writer, call->identifiers[i]);
    fcr__json_end_array(writer);

    fcr__json_key(writer, "concerns");
    fcr__json_begin_array(writer);
    for (size_t i = 0; i < call->concern_count; i++)
        write_concern(writer, call, call->concerns[i], profile);
    fcr__json_end_array(writer);

    fcr__json_key(writer, "documented_at");
    write_time_or_null(writer, fcr__note_documented_at(call));
    fcr__json_end_object(writer);
}
