/* SPDX-License-Identifier: MIT */
/*
 * The note as an HL7 FHIR R4 Bundle of type "collection": a Communication
 * for the call with the text note as its payload, an Encounter of class VR
 * (virtual), and a Task for each escalated or moved-forward concern.
 * Resource ids are name-based UUIDs of the call id (note_uuid.c), so the
 * same call always gives the same bundle. docs/notes.md shows an example.
 */
#include <string.h>

#include "note_internal.h"
#include "text_format.h"

/* Code systems from HL7 terminology (terminology.hl7.org). */
#define ACT_CODE_SYSTEM "http://terminology.hl7.org/CodeSystem/v3-ActCode"
#define PARTICIPATION_MODE_SYSTEM "http://terminology.hl7.org/CodeSystem/v3-ParticipationMode"
#define OBSERVATION_VALUE_SYSTEM "http://terminology.hl7.org/CodeSystem/v3-ObservationValue"

typedef struct fhir_context {
    fcr__json_writer *writer;
    const fcr_call *call;
    fcr_profile profile;
    char encounter_url[9 + FCR__UUID_TEXT_SIZE]; /* "urn:uuid:" and the UUID */
    fcr__strbuf scratch;                          /* descriptions and displays */
} fhir_context;

static void key_string(fcr__json_writer *writer, const char *key, const char *value)
{
    fcr__json_key(writer, key);
    fcr__json_string_value(writer, value);
}

static void key_time(fcr__json_writer *writer, const char *key, fcr_time time)
{
    char text[FCR_TIME_TEXT_SIZE];
    if (fcr_time_format(text, sizeof text, time) != FCR_OK)
        text[0] = '\0';
    key_string(writer, key, text);
}

/* Writes "scratch" as a string value and empties it for the next use. */
static void key_scratch(fhir_context *context, const char *key)
{
    fcr__json_key(context->writer, key);
    if (context->scratch.failed) {
        /* The allocation failure is reported by fcr__note_write_fhir(). */
        fcr__json_string_value(context->writer, "");
    } else {
        fcr__json_string_n(context->writer, context->scratch.data, context->scratch.length);
    }
    fcr__strbuf_clear(&context->scratch);
}

static void write_coding(fcr__json_writer *writer, const char *system, const char *code,
                         const char *display)
{
    fcr__json_begin_object(writer);
    key_string(writer, "system", system);
    key_string(writer, "code", code);
    key_string(writer, "display", display);
    fcr__json_end_object(writer);
}

/* Writes a reference to the patient by the call's pseudonymous key, under
 * the chart profile only. */
static void write_patient(fhir_context *context, const char *key)
{
    const char *patient_key = context->call->patient_key;
    if (patient_key == NULL || context->profile != FCR_PROFILE_CHART)
        return;

    fcr__json_writer *writer = context->writer;
    fcr__json_key(writer, key);
    fcr__json_begin_object(writer);
    key_string(writer, "type", "Patient");
    fcr__json_key(writer, "identifier");
    fcr__json_begin_object(writer);
    key_string(writer, "value", patient_key);
    fcr__json_end_object(writer);
    fcr__json_end_object(writer);
}

static void write_encounter_reference(fhir_context *context)
{
    fcr__json_key(context->writer, "encounter");
    fcr__json_begin_object(context->writer);
    key_string(context->writer, "reference", context->encounter_url);
    fcr__json_end_object(context->writer);
}

/* Writes the call id as the resource's business identifier. */
static void write_call_identifier(fcr__json_writer *writer, const char *call_id)
{
    fcr__json_key(writer, "identifier");
    fcr__json_begin_array(writer);
    fcr__json_begin_object(writer);
    key_string(writer, "value", call_id);
    fcr__json_end_object(writer);
    fcr__json_end_array(writer);
}

/* Starts an entry: its fullUrl and the opening of its resource. */
static void begin_entry(fhir_context *context, const char *kind, size_t index,
                        char url[9 + FCR__UUID_TEXT_SIZE])
{
    char uuid[FCR__UUID_TEXT_SIZE];
    fcr__note_uuid(uuid, context->call->id, kind, index);
    // NOLINTNEXTLINE(bugprone-not-null-terminated-result): the uuid and its NUL follow
    memcpy(url, "urn:uuid:", 9);
    memcpy(url + 9, uuid, FCR__UUID_TEXT_SIZE);

    fcr__json_writer *writer = context->writer;
    fcr__json_begin_object(writer);
    key_string(writer, "fullUrl", url);
    fcr__json_key(writer, "resource");
    fcr__json_begin_object(writer);
    key_string(writer, "resourceType", kind);
    key_string(writer, "id", uuid);
}

static void end_entry(fhir_context *context)
{
    fcr__json_end_object(context->writer);
    fcr__json_end_object(context->writer);
}

/* Fills scratch with "agent-17 (front desk)". */
static void agent_display(fhir_context *context)
{
    const fcr_call *call = context->call;
    fcr__text_append_line(&context->scratch, call->agent_id);
    fcr__strbuf_puts(&context->scratch, " (");
    fcr__text_append_line(&context->scratch, fcr__note_label(call, FCR__LABEL_ROLE, call->agent_role));
    fcr__strbuf_putc(&context->scratch, ')');
}

static fcr_status write_communication(fhir_context *context)
{
    fcr__json_writer *writer = context->writer;
    const fcr_call *call = context->call;
    bool ended = call->ended_at != FCR_TIME_NONE;
    char url[9 + FCR__UUID_TEXT_SIZE];

    /* The payload is the text note of the same profile. */
    fcr__strbuf note = FCR__STRBUF_INIT;
    fcr__note_write_text(&note, call, context->profile);
    if (note.failed) {
        fcr__strbuf_free(&note);
        return fcr__error_nomem();
    }

    begin_entry(context, "Communication", 0, url);
    write_call_identifier(writer, call->id);
    key_string(writer, "status", ended ? "completed" : "in-progress");

    fcr__json_key(writer, "category");
    fcr__json_begin_array(writer);
    fcr__json_begin_object(writer);
    key_string(writer, "text", call->direction == FCR_DIRECTION_OUTBOUND ? "outbound phone call"
                                                                         : "inbound phone call");
    fcr__json_end_object(writer);
    fcr__json_end_array(writer);

    fcr__json_key(writer, "medium");
    fcr__json_begin_array(writer);
    fcr__json_begin_object(writer);
    fcr__json_key(writer, "coding");
    fcr__json_begin_array(writer);
    write_coding(writer, PARTICIPATION_MODE_SYSTEM, "PHONE", "telephone");
    fcr__json_end_array(writer);
    fcr__json_end_object(writer);
    fcr__json_end_array(writer);

    write_patient(context, "subject");
    write_encounter_reference(context);
    if (ended)
        key_time(writer, "sent", call->ended_at);

    fcr__json_key(writer, "payload");
    fcr__json_begin_array(writer);
    fcr__json_begin_object(writer);
    fcr__json_key(writer, "contentString");
    fcr__json_string_n(writer, note.data, note.length);
    fcr__json_end_object(writer);
    fcr__json_end_array(writer);
    end_entry(context);

    fcr__strbuf_free(&note);
    return FCR_OK;
}

static void write_encounter(fhir_context *context)
{
    fcr__json_writer *writer = context->writer;
    const fcr_call *call = context->call;
    bool ended = call->ended_at != FCR_TIME_NONE;

    begin_entry(context, "Encounter", 0, context->encounter_url);
    write_call_identifier(writer, call->id);
    key_string(writer, "status", ended ? "finished" : "in-progress");
    fcr__json_key(writer, "class");
    write_coding(writer, ACT_CODE_SYSTEM, "VR", "virtual");
    write_patient(context, "subject");

    if (call->agent_id != NULL) {
        fcr__json_key(writer, "participant");
        fcr__json_begin_array(writer);
        fcr__json_begin_object(writer);
        fcr__json_key(writer, "individual");
        fcr__json_begin_object(writer);
        agent_display(context);
        key_scratch(context, "display");
        fcr__json_end_object(writer);
        fcr__json_end_object(writer);
        fcr__json_end_array(writer);
    }

    fcr__json_key(writer, "period");
    fcr__json_begin_object(writer);
    key_time(writer, "start", call->started_at);
    if (ended)
        key_time(writer, "end", call->ended_at);
    fcr__json_end_object(writer);
    end_entry(context);
}

/* Fills scratch with the Task's description, such as "Follow up on concern
 * c2 (clinical question), escalated to nurse triage. Request: ...". */
static void task_description(fhir_context *context, const fcr_concern *concern)
{
    fcr__strbuf *out = &context->scratch;
    const fcr_call *call = context->call;

    fcr__strbuf_puts(out, "Follow up on concern ");
    fcr__strbuf_puts(out, concern->id);
    fcr__strbuf_puts(out, " (");
    fcr__text_append_line(out, fcr__note_label(call, FCR__LABEL_CATEGORY, concern->category));
    if (concern->outcome == FCR_OUTCOME_ESCALATED) {
        fcr__strbuf_puts(out, "), escalated");
        if (concern->target != NULL) {
            fcr__strbuf_puts(out, " to ");
            fcr__text_append_line(out, fcr__note_label(call, FCR__LABEL_TARGET, concern->target));
        }
        fcr__strbuf_putc(out, '.');
        if (concern->request != NULL) {
            fcr__strbuf_puts(out, " Request: ");
            fcr__text_append_line(out, fcr__note_mask(context->profile, concern->request));
        }
        return;
    }

    fcr__strbuf_puts(out, "), moved forward.");
    if (concern->next_step != NULL) {
        fcr__strbuf_puts(out, " Next step: ");
        fcr__text_append_line(out, fcr__note_mask(context->profile, concern->next_step));
    }
}

static void write_task(fhir_context *context, const fcr_concern *concern, size_t index)
{
    fcr__json_writer *writer = context->writer;
    const fcr_call *call = context->call;
    char url[9 + FCR__UUID_TEXT_SIZE];

    begin_entry(context, "Task", index, url);

    /* "call-0001/c2": ids are not free text, so QA keeps them. */
    fcr__text_append_line(&context->scratch, call->id);
    fcr__strbuf_putc(&context->scratch, '/');
    fcr__strbuf_puts(&context->scratch, concern->id);
    fcr__json_key(writer, "identifier");
    fcr__json_begin_array(writer);
    fcr__json_begin_object(writer);
    key_scratch(context, "value");
    fcr__json_end_object(writer);
    fcr__json_end_array(writer);

    key_string(writer, "status", "requested");
    key_string(writer, "intent", "order");
    task_description(context, concern);
    key_scratch(context, "description");
    write_patient(context, "for");
    write_encounter_reference(context);
    if (concern->outcome_event < call->event_count)
        key_time(writer, "authoredOn", call->events[concern->outcome_event]->at);

    if (call->agent_id != NULL) {
        fcr__json_key(writer, "requester");
        fcr__json_begin_object(writer);
        agent_display(context);
        key_scratch(context, "display");
        fcr__json_end_object(writer);
    }

    if (concern->owner != NULL || concern->target != NULL) {
        fcr__json_key(writer, "owner");
        fcr__json_begin_object(writer);
        fcr__note_put_owner(&context->scratch, call, concern, context->profile, true);
        key_scratch(context, "display");
        fcr__json_end_object(writer);
    }

    if (concern->reason != NULL) {
        fcr__json_key(writer, "reasonCode");
        fcr__json_begin_object(writer);
        key_string(writer, "text", fcr__note_mask(context->profile, concern->reason));
        fcr__json_end_object(writer);
    }

    if (concern->due_at != FCR_TIME_NONE && concern->due_computed) {
        fcr__json_key(writer, "note");
        fcr__json_begin_array(writer);
        fcr__json_begin_object(writer);
        key_string(writer, "text", "The due time was computed from the policy's callback "
                                   "timeframe and office hours.");
        fcr__json_end_object(writer);
        fcr__json_end_array(writer);
    }

    if (concern->due_at != FCR_TIME_NONE) {
        fcr__json_key(writer, "restriction");
        fcr__json_begin_object(writer);
        fcr__json_key(writer, "period");
        fcr__json_begin_object(writer);
        key_time(writer, "end", concern->due_at);
        fcr__json_end_object(writer);
        fcr__json_end_object(writer);
    }
    end_entry(context);
}

fcr_status fcr__note_write_fhir(fcr__json_writer *writer, const fcr_call *call,
                                fcr_profile profile)
{
    fhir_context context;
    memset(&context, 0, sizeof context);
    context.writer = writer;
    context.call = call;
    context.profile = profile;

    char bundle_id[FCR__UUID_TEXT_SIZE];
    fcr__note_uuid(bundle_id, call->id, "Bundle", 0);

    fcr__json_begin_object(writer);
    key_string(writer, "resourceType", "Bundle");
    key_string(writer, "id", bundle_id);
    if (profile == FCR_PROFILE_QA) {
        /* Marks the bundle as redacted for the systems that receive it. */
        fcr__json_key(writer, "meta");
        fcr__json_begin_object(writer);
        fcr__json_key(writer, "security");
        fcr__json_begin_array(writer);
        write_coding(writer, OBSERVATION_VALUE_SYSTEM, "REDACTED", "redacted");
        fcr__json_end_array(writer);
        fcr__json_end_object(writer);
    }
    key_string(writer, "type", "collection");

    fcr__json_key(writer, "entry");
    fcr__json_begin_array(writer);
    /* The Communication refers to the Encounter, so its URL comes first. */
    char encounter_uuid[FCR__UUID_TEXT_SIZE];
    fcr__note_uuid(encounter_uuid, call->id, "Encounter", 0);
    memcpy(context.encounter_url, "urn:uuid:", 9);
    memcpy(context.encounter_url + 9, encounter_uuid, FCR__UUID_TEXT_SIZE);

    fcr_status status = write_communication(&context);
    if (status == FCR_OK) {
        write_encounter(&context);
        for (size_t i = 0; i < call->concern_count; i++) {
            const fcr_concern *concern = call->concerns[i];
            if (concern->outcome == FCR_OUTCOME_ESCALATED ||
                concern->outcome == FCR_OUTCOME_MOVED_FORWARD)
                write_task(&context, concern, i);
        }
    }
    fcr__json_end_array(writer);
    fcr__json_end_object(writer);

    if (status == FCR_OK && context.scratch.failed)
        status = fcr__error_nomem();
    fcr__strbuf_free(&context.scratch);
    return status;
}
