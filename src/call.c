/* SPDX-License-Identifier: MIT */
/* The call record: creation, header fields and read access. */
#include <string.h>

#include "model.h"

static const char *const step_names[FCR__STEP_COUNT] = {
    "clarify", "check_authority", "act", "recap", "document", "closed",
};

static const char *const step_titles[FCR__STEP_COUNT] = {
    "Clarify the concern",
    "Check resolution authority",
    "Act immediately or escalate intentionally",
    "Confirm and recap",
    "Document in real time",
    "Closed",
};

static const char *const outcome_names[] = {"none", "resolved", "escalated", "moved_forward"};

const char *fcr_step_name(fcr_step step)
{
    return (unsigned)step < FCR__STEP_COUNT ? step_names[step] : NULL;
}

const char *fcr_step_title(fcr_step step)
{
    return (unsigned)step < FCR__STEP_COUNT ? step_titles[step] : NULL;
}

const char *fcr_outcome_name(fcr_outcome outcome)
{
    return (unsigned)outcome < FCR__ARRAY_SIZE(outcome_names) ? outcome_names[outcome] : NULL;
}

/* Ids and keys: 1 to 128 bytes of UTF-8 without control characters, so they
 * are safe to print in a table or a CSV cell. */
static fcr_status check_id(const char *value, const char *what)
{
    fcr_status status = fcr__check_text(value, what, false);
    if (status != FCR_OK)
        return status;

    size_t length = strlen(value);
    if (length == 0 || length > 128)
        return fcr__error_field(FCR_EINVAL, what, "%s must be 1 to 128 bytes long", what);
    for (size_t i = 0; i < length; i++) {
        unsigned char c = (unsigned char)value[i];
        if (c < 0x20 || c == 0x7F)
            return fcr__error_field(FCR_EINVAL, what,
                                    "%s contains a control character at byte %zu", what, i);
    }
    return FCR_OK;
}

fcr_status fcr_call_new(fcr_call **out, fcr_policy *policy, fcr_mode mode, const char *id,
                        fcr_time started_at)
{
    if (out == NULL || policy == NULL)
        return fcr__error(FCR_EINVAL, "fcr_call_new: out and policy must not be NULL");
    if (mode != FCR_MODE_LIVE && mode != FCR_MODE_REPLAY)
        return fcr__error(FCR_EINVAL, "fcr_call_new: mode must be FCR_MODE_LIVE or FCR_MODE_REPLAY");
    fcr_status status = check_id(id, "call id");
    if (status != FCR_OK)
        return status;
    if (started_at < FCR_TIME_MIN || started_at > FCR_TIME_MAX)
        return fcr__error_field(FCR_EINVAL, "started_at",
                                "the start of the call is outside years 0001 to 9999");

    fcr_call *call = fcr__calloc(1, sizeof *call);
    if (call == NULL)
        return fcr__error_nomem();
    call->id = fcr__strdup(id);
    if (call->id == NULL) {
        fcr__free(call);
        return fcr__error_nomem();
    }

    call->policy = fcr__policy_retain(policy);
    call->mode = mode;
    call->started_at = started_at;
    call->ended_at = FCR_TIME_NONE;
    call->direction = FCR_DIRECTION_INBOUND;
    call->caller_role = FCR_CALLER_PATIENT;
    call->workflow.step = FCR_STEP_CLARIFY;
    call->workflow.last_outcome_event = SIZE_MAX;
    call->workflow.last_recap_event = SIZE_MAX;
    call->workflow.last_no_event = SIZE_MAX;
    call->workflow.documented_event = SIZE_MAX;
    *out = call;
    return FCR_OK;
}

void fcr_call_free(fcr_call *call)
{
    if (call == NULL)
        return;

    for (size_t i = 0; i < call->event_count; i++)
        fcr_event_free(call->events[i]);
    fcr__free(call->events);
    for (size_t i = 0; i < call->concern_count; i++)
        fcr__free(call->concerns[i]);
    fcr__free(call->concerns);
    for (size_t i = 0; i < call->deviation_count; i++) {
        fcr__free(call->deviations[i]->message);
        fcr__free(call->deviations[i]);
    }
    fcr__free(call->deviations);
    fcr__free(call->identifiers);

    fcr__raw_fields_free(&call->unknown);
    fcr__raw_fields_free(&call->agent_unknown);
    fcr__raw_fields_free(&call->caller_unknown);
    fcr__free(call->format_tag);
    fcr__free(call->id);
    fcr__free(call->agent_id);
    fcr__free(call->agent_role);
    fcr__free(call->patient_key);
    fcr_policy_free(call->policy);
    fcr__arena_free(call->arena);
    fcr__free(call);
}

static fcr_status check_header_change(const fcr_call *call, const char *function)
{
    if (call == NULL)
        return fcr__error(FCR_EINVAL, "%s: call is NULL", function);
    if (call->event_count > 0)
        return fcr__error(FCR_ESTATE, "%s: events are already recorded; set the call's header "
                                      "fields before the first event", function);
    return FCR_OK;
}

fcr_status fcr_call_set_direction(fcr_call *call, fcr_direction direction)
{
    fcr_status status = check_header_change(call, "fcr_call_set_direction");
    if (status != FCR_OK)
        return status;
    if (direction != FCR_DIRECTION_INBOUND && direction != FCR_DIRECTION_OUTBOUND)
        return fcr__error_field(FCR_EINVAL, "direction", "direction must be inbound or outbound");
    call->direction = direction;
    return FCR_OK;
}

fcr_status fcr_call_set_agent(fcr_call *call, const char *agent_id, const char *role)
{
    fcr_status status = check_header_change(call, "fcr_call_set_agent");
    if (status == FCR_OK)
        status = check_id(agent_id, "agent id");
    if (status == FCR_OK)
        status = check_id(role, "agent role");
    if (status != FCR_OK)
        return status;
    if (fcr__policy_role(call->policy, role) == NULL)
        return fcr__error_field(FCR_ENOTFOUND, "agent.role",
                                "agent role '%.64s' is not in the policy; use one of the "
                                "policy's roles or add it to the policy", role);

    char *id_copy = fcr__strdup(agent_id);
    char *role_copy = fcr__strdup(role);
    if (id_copy == NULL || role_copy == NULL) {
        fcr__free(id_copy);
        fcr__free(role_copy);
        return fcr__error_nomem();
    }
    fcr__free(call->agent_id);
    fcr__free(call->agent_role);
    call->agent_id = id_copy;
    call->agent_role = role_copy;
    return FCR_OK;
}

fcr_status fcr_call_set_caller_role(fcr_call *call, fcr_caller_role role)
{
    fcr_status status = check_header_change(call, "fcr_call_set_caller_role");
    if (status != FCR_OK)
        return status;
    if (role != FCR_CALLER_PATIENT && role != FCR_CALLER_PROXY && role != FCR_CALLER_OTHER)
        return fcr__error_field(FCR_EINVAL, "caller.role",
                                "caller role must be patient, proxy or other");
    call->caller_role = role;
    return FCR_OK;
}

fcr_status fcr_call_set_patient_key(fcr_call *call, const char *key)
{
    fcr_status status = check_header_change(call, "fcr_call_set_patient_key");
    if (status == FCR_OK && key != NULL)
        status = check_id(key, "patient key");
    if (status != FCR_OK)
        return status;

    char *copy = NULL;
    if (key != NULL && (copy = fcr__strdup(key)) == NULL)
        return fcr__error_nomem();
    fcr__free(call->patient_key);
    call->patient_key = copy;
    return FCR_OK;
}

fcr_status fcr_call_append(fcr_call *call, const fcr_event *event)
{
    if (call == NULL || event == NULL)
        return fcr__error(FCR_EINVAL, "fcr_call_append: call and event must not be NULL");
    return fcr__call_append(call, event);
}

const char *fcr_call_id(const fcr_call *call) { return call->id; }
fcr_mode fcr_call_mode(const fcr_call *call) { return call->mode; }
const fcr_policy *fcr_call_policy(const fcr_call *call) { return call->policy; }
fcr_time fcr_call_started_at(const fcr_call *call) { return call->started_at; }
fcr_time fcr_call_ended_at(const fcr_call *call) { return call->ended_at; }
fcr_direction fcr_call_direction(const fcr_call *call) { return call->direction; }
const char *fcr_call_agent_id(const fcr_call *call) { return call->agent_id; }
const char *fcr_call_agent_role(const fcr_call *call) { return call->agent_role; }
fcr_caller_role fcr_call_caller_role(const fcr_call *call) { return call->caller_role; }
const char *fcr_call_patient_key(const fcr_call *call) { return call->patient_key; }
fcr_step fcr_call_step(const fcr_call *call) { return call->workflow.step; }
size_t fcr_call_event_count(const fcr_call *call) { return call->event_count; }

const fcr_event *fcr_call_event(const fcr_call *call, size_t index)
{
    return index < call->event_count ? call->events[index] : NULL;
}

size_t fcr__call_person_identifier_count(const fcr_call *call)
{
    size_t count = 0;
    for (size_t i = 0; i < call->identifier_count; i++) {
        const fcr__identifier_type *type =
            fcr__policy_identifier_type(call->policy, call->identifiers[i]);
        if (type != NULL && type->person_specific)
            count++;
    }
    return count;
}

int fcr_call_identity_verified(const fcr_call *call)
{
    if (fcr__call_person_identifier_count(call) < call->policy->required_identifiers)
        return 0;
    if (call->caller_role == FCR_CALLER_PROXY && !call->workflow.proxy_authority)
        return 0;
    return 1;
}

size_t fcr_call_identifier_count(const fcr_call *call) { return call->identifier_count; }

const char *fcr_call_identifier(const fcr_call *call, size_t index)
{
    return index < call->identifier_count ? call->identifiers[index] : NULL;
}

size_t fcr_call_concern_count(const fcr_call *call) { return call->concern_count; }

const fcr_concern *fcr_call_concern(const fcr_call *call, size_t index)
{
    return index < call->concern_count ? call->concerns[index] : NULL;
}

const fcr_concern *fcr_call_find_concern(const fcr_call *call, const char *id)
{
    if (call == NULL || id == NULL)
        return NULL;
    for (size_t i = 0; i < call->concern_count; i++) {
        if (strcmp(call->concerns[i]->id, id) == 0)
            return call->concerns[i];
    }
    return NULL;
}

size_t fcr_call_deviation_count(const fcr_call *call) { return call->deviation_count; }

const fcr_deviation *fcr_call_deviation(const fcr_call *call, size_t index)
{
    return index < call->deviation_count ? call->deviations[index] : NULL;
}

const char *fcr_concern_id(const fcr_concern *concern) { return concern->id; }
const char *fcr_concern_category(const fcr_concern *concern) { return concern->category; }
const char *fcr_concern_request(const fcr_concern *concern) { return concern->request; }
int fcr_concern_restated(const fcr_concern *concern) { return concern->restated; }
int fcr_concern_confirmed(const fcr_concern *concern) { return concern->confirmed; }
int fcr_concern_authority_checked(const fcr_concern *concern) { return concern->authority_checked; }
int fcr_concern_in_scope(const fcr_concern *concern) { return concern->in_scope; }
int fcr_concern_tools_available(const fcr_concern *concern) { return concern->tools_available; }
fcr_outcome fcr_concern_outcome(const fcr_concern *concern) { return concern->outcome; }
const char *fcr_concern_action(const fcr_concern *concern) { return concern->action; }
const char *fcr_concern_next_step(const fcr_concern *concern) { return concern->next_step; }
const char *fcr_concern_target(const fcr_concern *concern) { return concern->target; }
const char *fcr_concern_reason(const fcr_concern *concern) { return concern->reason; }
const char *fcr_concern_owner(const fcr_concern *concern) { return concern->owner; }
fcr_time fcr_concern_due_at(const fcr_concern *concern) { return concern->due_at; }
int fcr_concern_due_computed(const fcr_concern *concern) { return concern->due_computed; }
size_t fcr_concern_outcome_event(const fcr_concern *concern) { return concern->outcome_event; }

const char *fcr_deviation_code(const fcr_deviation *deviation) { return deviation->code; }
const char *fcr_deviation_message(const fcr_deviation *deviation) { return deviation->message; }
const char *fcr_deviation_rule(const fcr_deviation *deviation) { return deviation->rule; }
fcr_step fcr_deviation_step(const fcr_deviation *deviation) { return deviation->step; }
size_t fcr_deviation_event(const fcr_deviation *deviation) { return deviation->event; }
const char *fcr_deviation_concern(const fcr_deviation *deviation) { return deviation->concern; }
