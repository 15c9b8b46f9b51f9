/* SPDX-License-Identifier: MIT */
/*
 * The note of a call for the patient's chart: the text block and the
 * one-line-per-concern form, the helpers the other formats share, and
 * fcr_note_write(). docs/notes.md describes every format.
 */
#include <string.h>

#include "local_time.h"
#include "note_internal.h"
#include "text_format.h"

/* --- shared helpers ------------------------------------------------------ */

const char *fcr__note_mask(fcr_profile profile, const char *text)
{
    if (text == NULL)
        return NULL;
    return profile == FCR_PROFILE_QA ? FCR__REDACTED : text;
}

const char *fcr__note_label(const fcr_call *call, fcr__label_kind kind, const char *id)
{
    if (id == NULL)
        return NULL;

    /* A typed lookup, because one id may name a category and a target
     * with different labels ("records" and "records department"). */
    const char *label = NULL;
    const fcr_policy *policy = call->policy;
    if (kind == FCR__LABEL_CATEGORY) {
        const fcr__category *category = fcr__policy_category(policy, id);
        label = category != NULL ? category->label : NULL;
    } else if (kind == FCR__LABEL_TARGET) {
        const fcr__target *target = fcr__policy_target(policy, id);
        label = target != NULL ? target->label : NULL;
    } else if (kind == FCR__LABEL_ROLE) {
        const fcr__role *role = fcr__policy_role(policy, id);
        label = role != NULL ? role->label : NULL;
    } else {
        const fcr__identifier_type *type = fcr__policy_identifier_type(policy, id);
        label = type != NULL ? type->label : NULL;
    }
    return label != NULL ? label : id;
}

fcr_time fcr__note_documented_at(const fcr_call *call)
{
    size_t index = call->workflow.documented_event;
    if (index == SIZE_MAX || index >= call->event_count)
        return FCR_TIME_NONE;
    return call->events[index]->at;
}

const char *fcr__note_outcome_words(fcr_outcome outcome)
{
    switch (outcome) {
    case FCR_OUTCOME_RESOLVED: return "resolved";
    case FCR_OUTCOME_ESCALATED: return "escalated";
    case FCR_OUTCOME_MOVED_FORWARD: return "moved forward";
    case FCR_OUTCOME_NONE:
    default: return "unresolved";
    }
}

/* ASCII case-insensitive equality, so that an owner written "Referral
 * coordinator" is not repeated beside the label "referral coordinator". */
static bool same_words(const char *a, const char *b)
{
    for (; *a != '\0' && *b != '\0'; a++, b++) {
        char x = *a >= 'A' && *a <= 'Z' ? (char)(*a - 'A' + 'a') : *a;
        char y = *b >= 'A' && *b <= 'Z' ? (char)(*b - 'A' + 'a') : *b;
        if (x != y)
            return false;
    }
    return *a == *b;
}

/* Appends free text on one line, or `absent` when there is none. */
static void put_text(fcr__strbuf *out, const char *text, const char *absent)
{
    fcr__text_append_line(out, text != NULL ? text : absent);
}

void fcr__note_put_owner(fcr__strbuf *out, const fcr_call *call, const fcr_concern *concern,
                         fcr_profile profile, bool in_parentheses)
{
    const char *owner = fcr__note_mask(profile, concern->owner);
    const char *target = fcr__note_label(call, FCR__LABEL_TARGET, concern->target);

    if (owner == NULL && target == NULL) {
        fcr__strbuf_puts(out, "owner not recorded");
        return;
    }
    if (owner == NULL) {
        fcr__text_append_line(out, target);
        return;
    }
    fcr__text_append_line(out, owner);
    if (target != NULL && !same_words(owner, target)) {
        fcr__strbuf_puts(out, in_parentheses ? " (" : ", ");
        fcr__text_append_line(out, target);
        if (in_parentheses)
            fcr__strbuf_putc(out, ')');
    }
}

/* Appends "Escalated to nurse triage", or "Escalated (target not recorded)". */
static void put_escalation(fcr__strbuf *out, const fcr_call *call, const fcr_concern *concern)
{
    if (concern->target == NULL) {
        fcr__strbuf_puts(out, "Escalated (target not recorded)");
        return;
    }
    fcr__strbuf_puts(out, "Escalated to ");
    fcr__text_append_line(out, fcr__note_label(call, FCR__LABEL_TARGET, concern->target));
}

/* --- the text block ------------------------------------------------------ */

static void put_stamp(fcr__strbuf *out, const fcr_call *call, fcr_time time)
{
    char stamp[FCR__LOCAL_TEXT_SIZE];
    fcr__local_format_stamp(stamp, call->policy, time);
    fcr__strbuf_puts(out, stamp);
}

/* Appends a call length such as "45 s", "5 min", "4 min 58 s" or
 * "1 h 2 min". */
static void put_duration(fcr__strbuf *out, int64_t milliseconds)
{
    int64_t seconds = milliseconds / 1000;
    int64_t hours = seconds / 3600;
    int64_t minutes = seconds % 3600 / 60;
    seconds %= 60;

    if (hours == 0 && minutes == 0) {
        fcr__strbuf_printf(out, "%lld s", (long long)seconds);
        return;
    }
    if (hours > 0)
        fcr__strbuf_printf(out, "%lld h", (long long)hours);
    if (minutes > 0)
        fcr__strbuf_printf(out, "%s%lld min", hours > 0 ? " " : "", (long long)minutes);
    if (seconds > 0)
        fcr__strbuf_printf(out, " %lld s", (long long)seconds);
}

static void put_caller(fcr__strbuf *out, const fcr_call *call)
{
    fcr__strbuf_puts(out, "Caller: ");
    switch (call->caller_role) {
    case FCR_CALLER_PROXY:
        fcr__strbuf_printf(out, "proxy acting for the patient, authority %s",
                           call->workflow.proxy_authority ? "confirmed" : "not confirmed");
        break;
    case FCR_CALLER_OTHER:
        fcr__strbuf_puts(out, "other party");
        break;
    case FCR_CALLER_PATIENT:
    default:
        fcr__strbuf_puts(out, "patient");
        break;
    }
    fcr__strbuf_putc(out, '\n');
}

/* Identifier types only: the record contains no identifier values. */
static void put_identifier_types(fcr__strbuf *out, const fcr_call *call)
{
    for (size_t i = 0; i < call->identifier_count; i++) {
        if (i > 0)
            fcr__strbuf_puts(out, ", ");
        fcr__text_append_line(out, fcr__note_label(call, FCR__LABEL_IDENTIFIER, call->identifiers[i]));
    }
}

static void put_identity(fcr__strbuf *out, const fcr_call *call)
{
    fcr__strbuf_puts(out, "Identity: ");
    if (fcr_call_identity_verified(call)) {
        fcr__strbuf_puts(out, "verified (");
        put_identifier_types(out, call);
        fcr__strbuf_puts(out, ")\n");
        return;
    }

    fcr__strbuf_puts(out, "not verified (");
    if (call->identifier_count == 0) {
        fcr__strbuf_puts(out, "no identifier type confirmed");
    } else {
        fcr__strbuf_puts(out, "confirmed: ");
        put_identifier_types(out, call);
    }

    /* Say what is missing: the number of types, or only the proxy's
     * authority. */
    unsigned required = call->policy->required_identifiers;
    if (fcr__call_person_identifier_count(call) < required)
        fcr__strbuf_printf(out, "; %u person-specific type%s required", required,
                           required == 1 ? "" : "s");
    else if (call->caller_role == FCR_CALLER_PROXY && !call->workflow.proxy_authority)
        fcr__strbuf_puts(out, "; proxy authority not confirmed");
    fcr__strbuf_puts(out, ")\n");
}

static void write_text_header(fcr__strbuf *out, const fcr_call *call)
{
    fcr__strbuf_puts(out, "Phone call note\nCall id: ");
    fcr__text_append_line(out, call->id);
    fcr__strbuf_puts(out, "\nDate and time: ");
    put_stamp(out, call, call->started_at);
    fcr__strbuf_puts(out, " (");
    fcr__text_append_line(out, fcr_policy_time_zone(call->policy));
    fcr__strbuf_puts(out, ")\n");
    fcr__strbuf_printf(out, "Direction: %s\n",
                       call->direction == FCR_DIRECTION_OUTBOUND ? "outbound" : "inbound");

    fcr__strbuf_puts(out, "Duration: ");
    if (call->ended_at == FCR_TIME_NONE)
        fcr__strbuf_puts(out, "call in progress");
    else
        put_duration(out, call->ended_at - call->started_at);
    fcr__strbuf_putc(out, '\n');

    fcr__strbuf_puts(out, "Agent: ");
    if (call->agent_id == NULL) {
        fcr__strbuf_puts(out, "not recorded");
    } else {
        fcr__text_append_line(out, call->agent_id);
        fcr__strbuf_puts(out, " (");
        fcr__text_append_line(out, fcr__note_label(call, FCR__LABEL_ROLE, call->agent_role));
        fcr__strbuf_putc(out, ')');
    }
    fcr__strbuf_putc(out, '\n');

    put_caller(out, call);
    put_identity(out, call);
}

static void write_text_follow_up(fcr__strbuf *out, const fcr_call *call,
                                 const fcr_concern *concern, fcr_profile profile)
{
    fcr__strbuf_puts(out, "Owner: ");
    if (concern->owner == NULL && concern->target == NULL)
        fcr__strbuf_puts(out, "not recorded");
    else
        fcr__note_put_owner(out, call, concern, profile, true);
    fcr__strbuf_putc(out, '\n');

    if (concern->outcome == FCR_OUTCOME_ESCALATED) {
        fcr__strbuf_puts(out, "Reason: ");
        put_text(out, fcr__note_mask(profile, concern->reason), "not recorded");
        fcr__strbuf_putc(out, '\n');
    }

    fcr__strbuf_puts(out, "Due: ");
    if (concern->due_at == FCR_TIME_NONE) {
        fcr__strbuf_puts(out, "not recorded");
    } else {
        put_stamp(out, call, concern->due_at);
        if (concern->due_computed)
            fcr__strbuf_puts(out, " (computed from the policy)");
    }
    fcr__strbuf_putc(out, '\n');
}

static void write_text_concern(fcr__strbuf *out, const fcr_call *call,
                               const fcr_concern *concern, fcr_profile profile)
{
    fcr__strbuf_printf(out, "\nConcern %s: ", concern->id);
    fcr__text_append_line(out, fcr__note_label(call, FCR__LABEL_CATEGORY, concern->category));
    fcr__strbuf_printf(out, ", %s\n", fcr__note_outcome_words(concern->outcome));

    fcr__strbuf_puts(out, "Patient Request: ");
    put_text(out, fcr__note_mask(profile, concern->request), "not recorded");

    fcr__strbuf_puts(out, "\nAction Taken: ");
    switch (concern->outcome) {
    case FCR_OUTCOME_ESCALATED:
        put_escalation(out, call, concern);
        fcr__strbuf_puts(out, "\nNext Steps or Follow-Up: Follow-up");
        if (concern->target != NULL) {
            fcr__strbuf_puts(out, " by ");
            fcr__text_append_line(out, fcr__note_label(call, FCR__LABEL_TARGET, concern->target));
        }
        break;
    case FCR_OUTCOME_RESOLVED:
    case FCR_OUTCOME_MOVED_FORWARD:
        put_text(out, fcr__note_mask(profile, concern->action), "not recorded");
        fcr__strbuf_puts(out, "\nNext Steps or Follow-Up: ");
        put_text(out, fcr__note_mask(profile, concern->next_step), "none recorded");
        break;
    case FCR_OUTCOME_NONE:
    default:
        fcr__strbuf_puts(out, "No action recorded; unresolved\nNext Steps or Follow-Up: none "
                              "recorded");
        break;
    }
    fcr__strbuf_putc(out, '\n');

    if (concern->outcome == FCR_OUTCOME_ESCALATED || concern->outcome == FCR_OUTCOME_MOVED_FORWARD)
        write_text_follow_up(out, call, concern, profile);
}

void fcr__note_write_text(fcr__strbuf *out, const fcr_call *call, fcr_profile profile)
{
    write_text_header(out, call);

    if (call->concern_count == 0)
        fcr__strbuf_puts(out, "\nNo concern was recorded.\n");
    for (size_t i = 0; i < call->concern_count; i++)
        write_text_concern(out, call, call->concerns[i], profile);

    fcr_time documented_at = fcr__note_documented_at(call);
    if (documented_at != FCR_TIME_NONE) {
        fcr__strbuf_puts(out, "\nDocumented: ");
        put_stamp(out, call, documented_at);
        fcr__strbuf_putc(out, '\n');
    }
}

/* --- one line per concern ------------------------------------------------ */

/* Appends " (owner, target, due 2026-11-12 09:06 -05:00)" for a concern
 * that someone follows up. */
static void put_line_follow_up(fcr__strbuf *out, const fcr_call *call,
                               const fcr_concern *concern, fcr_profile profile)
{
    fcr__strbuf_puts(out, " (");
    fcr__note_put_owner(out, call, concern, profile, false);
    if (concern->due_at == FCR_TIME_NONE) {
        fcr__strbuf_puts(out, ", no due time recorded)");
        return;
    }
    fcr__strbuf_puts(out, ", due ");
    put_stamp(out, call, concern->due_at);
    fcr__strbuf_puts(out, concern->due_computed ? ", computed from the policy)" : ")");
}

static void write_line_concern(fcr__strbuf *out, const fcr_call *call,
                               const fcr_concern *concern, fcr_profile profile,
                               const char *stamp)
{
    fcr__strbuf_printf(out, "%s | %s ", stamp, concern->id);
    fcr__text_append_line(out, fcr__note_label(call, FCR__LABEL_CATEGORY, concern->category));
    fcr__strbuf_puts(out, " | Request: ");
    put_text(out, fcr__note_mask(profile, concern->request), "not recorded");

    fcr__strbuf_puts(out, " > Action: ");
    switch (concern->outcome) {
    case FCR_OUTCOME_ESCALATED:
        put_escalation(out, call, concern);
        fcr__strbuf_puts(out, ", reason: ");
        put_text(out, fcr__note_mask(profile, concern->reason), "not recorded");
        fcr__strbuf_puts(out, " > Next: Follow-up");
        put_line_follow_up(out, call, concern, profile);
        break;
    case FCR_OUTCOME_MOVED_FORWARD:
        put_text(out, fcr__note_mask(profile, concern->action), "not recorded");
        fcr__strbuf_puts(out, " > Next: ");
        put_text(out, fcr__note_mask(profile, concern->next_step), "none recorded");
        put_line_follow_up(out, call, concern, profile);
        break;
    case FCR_OUTCOME_RESOLVED:
        put_text(out, fcr__note_mask(profile, concern->action), "not recorded");
        fcr__strbuf_puts(out, " > Next: ");
        put_text(out, fcr__note_mask(profile, concern->next_step), "none recorded");
        break;
    case FCR_OUTCOME_NONE:
    default:
        fcr__strbuf_puts(out, "No action recorded; unresolved > Next: none recorded");
        break;
    }
    fcr__strbuf_putc(out, '\n');
}

static void write_lines(fcr__strbuf *out, const fcr_call *call, fcr_profile profile)
{
    char stamp[FCR__LOCAL_TEXT_SIZE];
    fcr__local_format_stamp(stamp, call->policy, call->started_at);

    if (call->concern_count == 0) {
        fcr__strbuf_printf(out, "%s | no concern recorded\n", stamp);
        return;
    }
    for (size_t i = 0; i < call->concern_count; i++)
        write_line_concern(out, call, call->concerns[i], profile, stamp);
}

/* --- the public entry point ---------------------------------------------- */

fcr_status fcr_note_write(char **out, const fcr_call *call, fcr_note_format format,
                          fcr_profile profile)
{
    if (out == NULL || call == NULL)
        return fcr__error(FCR_EINVAL, "fcr_note_write: out and call must not be NULL");
    if ((unsigned)format > FCR_NOTE_FHIR)
        return fcr__error(FCR_EINVAL,
                          "fcr_note_write: unknown note format %d; use FCR_NOTE_TEXT, "
                          "FCR_NOTE_LINE, FCR_NOTE_JSON or FCR_NOTE_FHIR",
                          (int)format);
    if ((unsigned)profile > FCR_PROFILE_QA)
        return fcr__error(FCR_EINVAL,
                          "fcr_note_write: unknown profile %d; use FCR_PROFILE_CHART or "
                          "FCR_PROFILE_QA",
                          (int)profile);

    fcr__strbuf buffer = FCR__STRBUF_INIT;
    fcr_status status = FCR_OK;
    if (format == FCR_NOTE_TEXT) {
        fcr__note_write_text(&buffer, call, profile);
    } else if (format == FCR_NOTE_LINE) {
        write_lines(&buffer, call, profile);
    } else {
        fcr__json_writer writer;
        fcr__json_writer_init(&writer, &buffer, format == FCR_NOTE_FHIR);
        if (format == FCR_NOTE_JSON)
            fcr__note_write_json(&writer, call, profile);
        else
            status = fcr__note_write_fhir(&writer, call, profile);
        if (status == FCR_OK)
            status = fcr__json_writer_status(&writer);
    }
    if (status == FCR_OK && buffer.failed)
        status = fcr__error_nomem();

    /* Every piece comes from checked UTF-8 (ids, event text, labels) or
     * ASCII constants, and the JSON writer checks its own input, so this
     * only guards the text forms against a future mistake. */
    if (status == FCR_OK && !fcr__utf8_valid(buffer.data != NULL ? buffer.data : "",
                                             buffer.length))
        status = fcr__error(FCR_EINVAL, "fcr_note_write: the note is not valid UTF-8");

    if (status != FCR_OK) {
        fcr__strbuf_free(&buffer);
        return status;
    }
    char *text = fcr__strbuf_detach(&buffer);
    if (text == NULL)
        return FCR_ENOMEM;
    *out = text;
    return FCR_OK;
}
