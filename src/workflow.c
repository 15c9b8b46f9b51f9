/* SPDX-License-Identifier: MIT */
/*
 * Recording an event: structural validation, workflow guards, and the
 * update of the derived state.
 *
 * fcr__call_append() works as a transaction. It first validates and
 * evaluates the guards without touching the call, then makes every
 * allocation the update needs, and only then changes the call in steps that
 * cannot fail. So a rejected event, or an allocation failure, leaves the
 * call exactly as it was.
 */
#include <stdio.h>
#include <string.h>

#include "model.h"

#define NO_STEP ((fcr_step)-1)

/* The step an event type belongs to; NO_STEP for events allowed anywhere. */
static fcr_step step_of(fcr_event_type type)
{
    switch (type) {
    case FCR_EVENT_OPEN_QUESTION_ASKED:
    case FCR_EVENT_CONCERN_STATED:
    case FCR_EVENT_FOLLOW_UP_ASKED:
    case FCR_EVENT_CONCERN_RESTATED:
        return FCR_STEP_CLARIFY;
    case FCR_EVENT_AUTHORITY_CHECKED:
        return FCR_STEP_CHECK_AUTHORITY;
    case FCR_EVENT_RESOLVED:
    case FCR_EVENT_ESCALATED:
    case FCR_EVENT_MOVED_FORWARD:
        return FCR_STEP_ACT;
    case FCR_EVENT_RECAP_GIVEN:
    case FCR_EVENT_ANYTHING_ELSE_ASKED:
        return FCR_STEP_RECAP;
    case FCR_EVENT_DOCUMENTED:
        return FCR_STEP_DOCUMENT;
    case FCR_EVENT_IDENTITY_VERIFIED:
    case FCR_EVENT_CALL_ENDED:
    default:
        return NO_STEP;
    }
}

static bool is_outcome(fcr_event_type type)
{
    return type == FCR_EVENT_RESOLVED || type == FCR_EVENT_ESCALATED ||
           type == FCR_EVENT_MOVED_FORWARD;
}

static fcr_concern *find_concern(const fcr_call *call, const char *id)
{
    for (size_t i = 0; i < call->concern_count; i++) {
        if (strcmp(call->concerns[i]->id, id) == 0)
            return call->concerns[i];
    }
    return NULL;
}

/* Records a structural error about field `field` of the event being added.
 * Messages name the field and quote no text from it other than a concern id,
 * because a field's text may be about a patient. */
static fcr_status record_error(const fcr_call *call, const char *field, const char *format, ...)
    FCR__PRINTF(3, 4);

static fcr_status record_error(const fcr_call *call, const char *field, const char *format, ...)
{
    char path[96];
    if (field != NULL)
        snprintf(path, sizeof path, "events[%zu].%s", call->event_count, field);
    else
        snprintf(path, sizeof path, "events[%zu]", call->event_count);

    char message[400];
    va_list args;
    va_start(args, format);
    vsnprintf(message, sizeof message, format, args);
    va_end(args);
    return fcr__error_field(FCR_ERECORD, path, "%s: %s", path, message);
}

static fcr_status validate_time(const fcr_call *call, const fcr_event *event)
{
    char text[FCR_TIME_TEXT_SIZE];

    if (event->at < call->started_at) {
        fcr_time_format(text, sizeof text, call->started_at);
        return record_error(call, "at", "the event is earlier than the start of the call (%s); "
                                        "events must lie within the call", text);
    }
    if (call->event_count > 0 && event->at < call->events[call->event_count - 1]->at) {
        fcr_time_format(text, sizeof text, call->events[call->event_count - 1]->at);
        return record_error(call, "at",
                            "events are out of time order: this event is earlier than the "
                            "previous one (%s); list events in the order they happened", text);
    }
    if (event->at - call->started_at > FCR__MAX_CALL_SPAN_MS)
        return record_error(call, "at", "the event is more than 7 days after the start of the "
                                        "call; check the date");
    if (fcr__event_present(event, FCR__F_DUE_AT) && event->due_at < event->at)
        return record_error(call, "due_at", "the due time is earlier than the event itself");
    return FCR_OK;
}

static fcr_status validate_concern_ref(const fcr_call *call, const fcr_event *event)
{
    if (!fcr__event_has_concern(event->type))
        return FCR_OK;

    if (event->concern == NULL) {
        if (event->type == FCR_EVENT_FOLLOW_UP_ASKED)
            return FCR_OK;
        return record_error(call, "concern", "%s needs the id of its concern",
                            fcr_event_type_name(event->type));
    }
    if (!fcr__valid_concern_id(event->concern, strlen(event->concern)))
        return record_error(call, "concern", "invalid concern id; use 1 to 64 letters, digits, "
                                             "'-', '_', '.' or ':'");

    bool exists = find_concern(call, event->concern) != NULL;
    if (event->type == FCR_EVENT_CONCERN_STATED && exists)
        return record_error(call, "concern", "concern id '%s' is already used by an earlier "
                                             "concern; give each concern its own id",
                            event->concern);
    if (event->type != FCR_EVENT_CONCERN_STATED && !exists)
        return record_error(call, "concern", "unknown concern '%s': state it (concern_stated) "
                                             "before events that refer to it",
                            event->concern);
    return FCR_OK;
}

static fcr_status validate_fields(const fcr_call *call, const fcr_event *event)
{
    const fcr_policy *policy = call->policy;

    int field = fcr__event_unexpected_field(event, event->type);
    if (field >= 0)
        return record_error(call, fcr__field_name((fcr__field_id)field),
                            "%s events have no field '%s'", fcr_event_type_name(event->type),
                            fcr__field_name((fcr__field_id)field));

    switch (event->type) {
    case FCR_EVENT_CONCERN_STATED: {
        const char *category = event->text[FCR__F_CATEGORY];
        if (category == NULL)
            return record_error(call, "category", "concern_stated needs a category, such as "
                                                  "scheduling or refill");
        if (fcr__policy_category(policy, category) == NULL)
            return record_error(call, "category", "not a category of the policy; use one of "
                                                  "its categories or add it to the policy");
        break;
    }
    case FCR_EVENT_IDENTITY_VERIFIED: {
        const fcr__string_list *types = &event->lists[FCR__F_IDENTIFIERS - FCR__F_BOOL_END];
        bool proxy_only = fcr__event_present(event, FCR__F_PROXY_AUTHORITY);
        if (types->count == 0 && !proxy_only)
            return record_error(call, "identifiers", "identity_verified needs the list of "
                                                     "identifier types confirmed, such as "
                                                     "[\"name\", \"date_of_birth\"]");
        /* An unknown item is often an identifier's value typed into the
         * list, so the message names its position, never its text. The
         * position is formatted only for the message, because this loop
         * runs for every identity check. */
        for (size_t i = 0; i < types->count; i++) {
            if (fcr__policy_identifier_type(policy, types->items[i]) != NULL)
                continue;
            char item[48];
            snprintf(item, sizeof item, "identifiers[%zu]", i);
            return record_error(call, item,
                                "not an identifier type of the policy; record the type of "
                                "identifier, such as date_of_birth, never its value");
        }
        break;
    }
    case FCR_EVENT_AUTHORITY_CHECKED: {
        const char *decision = event->text[FCR__F_DECISION];
        if (decision != NULL && strcmp(decision, "resolve") != 0 &&
            strcmp(decision, "escalate") != 0 && strcmp(decision, "move_forward") != 0)
            return record_error(call, "decision", "decision must be resolve, escalate or "
                                                  "move_forward");
        break;
    }
    case FCR_EVENT_ESCALATED:
    case FCR_EVENT_MOVED_FORWARD: {
        const char *target = event->text[FCR__F_TARGET];
        if (target != NULL && fcr__policy_target(policy, target) == NULL)
            return record_error(call, "target", "not an escalation target of the policy; use "
                                                "one of its targets or add it to the policy");
        break;
    }
    case FCR_EVENT_RECAP_GIVEN: {
        const fcr__string_list *ids = &event->lists[FCR__F_CONCERNS - FCR__F_BOOL_END];
        for (size_t i = 0; i < ids->count; i++) {
            if (find_concern(call, ids->items[i]) != NULL)
                continue;
            char item[48];
            snprintf(item, sizeof item, "concerns[%zu]", i);
            return record_error(call, item, "the recap names a concern that was not stated");
        }
        break;
    }
    case FCR_EVENT_ANYTHING_ELSE_ASKED: {
        const char *answer = event->text[FCR__F_ANSWER];
        if (answer == NULL || (strcmp(answer, "yes") != 0 && strcmp(answer, "no") != 0))
            return record_error(call, "answer", "anything_else_asked needs the caller's answer, "
                                                "\"yes\" or \"no\"");
        break;
    }
    default:
        break;
    }
    return FCR_OK;
}

static fcr_status validate_event(const fcr_call *call, const fcr_event *event)
{
    if (call->event_count >= FCR__MAX_EVENTS)
        return fcr__error_field(FCR_ELIMIT, "events", "the call already has %d events, the "
                                                      "maximum; split the record",
                                FCR__MAX_EVENTS);

    if (event->type == FCR_EVENT_CALL_ENDED && call->ended_at != FCR_TIME_NONE)
        return record_error(call, NULL, "the call already ended at an earlier event; record "
                                        "call_ended once");

    fcr_status status = validate_time(call, event);
    if (status == FCR_OK)
        status = validate_concern_ref(call, event);
    if (status == FCR_OK)
        status = validate_fields(call, event);
    return status;
}

bool fcr__call_may_resolve(const fcr_call *call, const char *category)
{
    if (call->agent_role == NULL) {
        const fcr__category *entry = fcr__policy_category(call->policy, category);
        return entry != NULL && !entry->clinical;
    }
    return fcr_policy_role_may_resolve(call->policy, call->agent_role, category);
}

/* The due time of an outcome event: recorded, or computed from its target.
 * *computed tells which; FCR_TIME_NONE when neither is possible. */
static fcr_status outcome_due_time(const fcr_call *call, const fcr_event *event, fcr_time *due,
                                   bool *computed)
{
    *due = FCR_TIME_NONE;
    *computed = false;
    if (fcr__event_present(event, FCR__F_DUE_AT)) {
        *due = event->due_at;
        return FCR_OK;
    }

    const char *target = event->text[FCR__F_TARGET];
    if (target == NULL)
        return FCR_OK;

    const fcr__target *entry = fcr__policy_target(call->policy, target);
    fcr_status status = fcr__policy_add_business_span(due, call->policy, event->at, entry->callback);
    if (status == FCR_ENOMEM)
        return status;
    if (status != FCR_OK) {
        /* The office hours allow no due time; the guard reports it as missing. */
        fcr_clear_error();
        *due = FCR_TIME_NONE;
        return FCR_OK;
    }
    *computed = true;
    return FCR_OK;
}

static fcr_status identity_requirements(const fcr_call *call, const fcr_event *event,
                                        fcr__requirements *out)
{
    static const char rule_identity[] =
        "Identity is verified with enough distinct identifier types before any outcome is "
        "recorded.";
    static const char rule_proxy[] =
        "A proxy caller's authority to act for the patient is confirmed before any outcome is "
        "recorded.";

    size_t confirmed = fcr__call_person_identifier_count(call);
    unsigned required = call->policy->required_identifiers;
    fcr_status status = FCR_OK;

    if (confirmed < required)
        status = fcr__requirements_add(out, "verify_identity", rule_identity, FCR_STEP_ACT,
                                       event->concern,
                                       "Verify the caller's identity before recording an "
                                       "outcome: %zu of %u person-specific identifier types "
                                       "confirmed.",
                                       confirmed, required);
    if (status == FCR_OK && call->caller_role == FCR_CALLER_PROXY && !call->workflow.proxy_authority)
        status = fcr__requirements_add(out, "confirm_proxy_authority", rule_proxy, FCR_STEP_ACT,
                                       event->concern,
                                       "The caller is a proxy: confirm their authority to act "
                                       "for the patient before recording an outcome.");
    return status;
}

static fcr_status missing_field(fcr__requirements *out, const fcr_event *event,
                                fcr__field_id field, const char *code, const char *rule,
                                const char *what)
{
    if (event->text[field] != NULL)
        return FCR_OK;
    return fcr__requirements_add(out, code, rule, FCR_STEP_ACT, event->concern,
                                 "%s for concern %s needs %s (%s).",
                                 fcr_event_type_name(event->type), event->concern, what,
                                 fcr__field_name(field));
}

static fcr_status outcome_requirements(const fcr_call *call, const fcr_event *event,
                                       fcr__requirements *out)
{
    static const char rule_scope[] =
        "A concern is resolved only by a role that may resolve its category; clinical "
        "categories need a clinical role and are escalated otherwise.";
    static const char rule_resolved[] = "A resolution says what was done.";
    static const char rule_escalated[] =
        "An escalation says why, to whom, who follows up and by when.";
    static const char rule_moved[] =
        "Moving a concern forward says what was done, the next step, who owns it and by when.";

    fcr_status status = identity_requirements(call, event, out);
    const fcr_concern *concern = find_concern(call, event->concern);
    fcr_time due;
    bool computed;

    switch (event->type) {
    case FCR_EVENT_RESOLVED:
        if (status == FCR_OK && !fcr__call_may_resolve(call, concern->category)) {
            const char *target = fcr_policy_default_target(call->policy, concern->category);
            status = fcr__requirements_add(out, "resolve_outside_scope", rule_scope, FCR_STEP_ACT,
                                           concern->id,
                                           "Concern %s (%s) is outside the %s role's scope: "
                                           "escalate it (the policy's target is %s) or move it "
                                           "forward.",
                                           concern->id, concern->category,
                                           call->agent_role != NULL ? call->agent_role : "agent's",
                                           target != NULL ? target : "none");
        }
        if (status == FCR_OK)
            status = missing_field(out, event, FCR__F_ACTION, "resolution_action", rule_resolved,
                                   "the action taken");
        break;

    case FCR_EVENT_ESCALATED:
        if (status == FCR_OK)
            status = missing_field(out, event, FCR__F_TARGET, "escalation_target", rule_escalated,
                                   "a target");
        if (status == FCR_OK)
            status = missing_field(out, event, FCR__F_REASON, "escalation_reason", rule_escalated,
                                   "the reason escalation is needed");
        if (status == FCR_OK)
            status = missing_field(out, event, FCR__F_OWNER, "escalation_owner", rule_escalated,
                                   "who will follow up");
        if (status == FCR_OK)
            status = outcome_due_time(call, event, &due, &computed);
        if (status == FCR_OK && due == FCR_TIME_NONE && event->text[FCR__F_TARGET] != NULL)
            status = fcr__requirements_add(out, "escalation_due_time", rule_escalated,
                                           FCR_STEP_ACT, event->concern,
                                           "escalated for concern %s has no due time and the "
                                           "office hours give none: record due_at.",
                                           event->concern);
        break;

    case FCR_EVENT_MOVED_FORWARD:
        if (status == FCR_OK)
            status = missing_field(out, event, FCR__F_ACTION, "moved_forward_action", rule_moved,
                                   "the partial action taken");
        if (status == FCR_OK)
            status = missing_field(out, event, FCR__F_NEXT_STEP, "moved_forward_next_step",
                                   rule_moved, "the next step");
        if (status == FCR_OK)
            status = missing_field(out, event, FCR__F_OWNER, "moved_forward_owner", rule_moved,
                                   "who owns the next step");
        if (status == FCR_OK)
            status = outcome_due_time(call, event, &due, &computed);
        if (status == FCR_OK && due == FCR_TIME_NONE)
            status = fcr__requirements_add(out, "moved_forward_due_time", rule_moved,
                                           FCR_STEP_ACT, event->concern,
                                           "moved_forward for concern %s needs a due time "
                                           "(due_at) or a target whose timeframe gives one.",
                                           event->concern);
        break;

    default:
        break;
    }
    return status;
}

/* Collects every workflow rule the event would break. */
static fcr_status evaluate(const fcr_call *call, const fcr_event *event, fcr__requirements *out)
{
    static const char rule_request[] = "A concern is recorded with the caller's request.";
    static const char rule_after_end[] = "After the call ends, only its documentation follows.";
    static const char rule_closed[] = "Nothing is recorded after the call is closed.";

    fcr_step current = call->workflow.step;
    fcr_step target = step_of(event->type);
    fcr_status status = FCR_OK;

    if (current == FCR_STEP_CLOSED)
        return fcr__requirements_add(out, "event_after_close", rule_closed, FCR_STEP_CLOSED,
                                     event->concern,
                                     "The call is closed (ended and documented): %s cannot be "
                                     "recorded.",
                                     fcr_event_type_name(event->type));

    if (call->ended_at != FCR_TIME_NONE && event->type != FCR_EVENT_DOCUMENTED)
        status = fcr__requirements_add(out, "event_after_call_ended", rule_after_end,
                                       FCR_STEP_DOCUMENT, event->concern,
                                       "The call has ended: only documented may follow, not %s.",
                                       fcr_event_type_name(event->type));

    /* Leaving steps: a later-step event passes the exit guard of every step
     * between. Ending the call is checked against everything before
     * Document, because it is the last chance for those steps. */
    fcr_step leave_until = NO_STEP;
    if (event->type == FCR_EVENT_CALL_ENDED)
        leave_until = current < FCR_STEP_DOCUMENT ? FCR_STEP_DOCUMENT : NO_STEP;
    else if (target != NO_STEP && event->type != FCR_EVENT_CONCERN_STATED && target > current)
        leave_until = target;
    if (leave_until != NO_STEP) {
        for (int step = current; step < (int)leave_until && status == FCR_OK; step++)
            status = fcr__step_exit_requirements(call, (fcr_step)step, out);
    }

    if (status == FCR_OK && is_outcome(event->type))
        status = outcome_requirements(call, event, out);

    if (status == FCR_OK && event->type == FCR_EVENT_CONCERN_STATED &&
        event->text[FCR__F_REQUEST] == NULL)
        status = fcr__requirements_add(out, "concern_request", rule_request, FCR_STEP_CLARIFY,
                                       event->concern,
                                       "concern_stated for concern %s needs the caller's "
                                       "request in their words (request).",
                                       event->concern);
    return status;
}

/* Builds the live-mode rejection message from the missing requirements. */
static fcr_status reject(const fcr_call *call, const fcr_event *event,
                         const fcr__requirements *missing)
{
    char message[480];
    size_t used = (size_t)snprintf(message, sizeof message, "%s rejected by the workflow:",
                                   fcr_event_type_name(event->type));
    for (size_t i = 0; i < missing->count && used < sizeof message; i++)
        used += (size_t)snprintf(message + used, sizeof message - used, " %s",
                                 missing->items[i].message);

    char path[64];
    snprintf(path, sizeof path, "events[%zu]", call->event_count);
    return fcr__error_field(FCR_EWORKFLOW, path, "%s", message);
}

/* Everything the update allocates, prepared before the call changes. */
typedef struct prepared {
    fcr_event *event;
    fcr_concern *concern;         /* new concern for concern_stated */
    fcr_deviation **deviations;   /* `deviation_count` new deviations */
    size_t deviation_count;
} prepared;

static void prepared_free(prepared *work)
{
    fcr_event_free(work->event);
    fcr__free(work->concern);
    for (size_t i = 0; i < work->deviation_count; i++) {
        if (work->deviations[i] != NULL)
            fcr__free(work->deviations[i]->message);
        fcr__free(work->deviations[i]);
    }
    fcr__free(work->deviations);
}

/* Builds a deviation for each requirement found at `event`, or at the end
 * of the call when `event` is NULL. */
static fcr_status prepare_deviations(const fcr_call *call, const fcr_event *event,
                                     const fcr__requirements *found, prepared *work)
{
    if (found->count == 0)
        return FCR_OK;

    work->deviations = fcr__calloc(found->count, sizeof *work->deviations);
    if (work->deviations == NULL)
        return fcr__error_nomem();
    work->deviation_count = found->count;

    for (size_t i = 0; i < found->count; i++) {
        const fcr__requirement *item = &found->items[i];
        fcr_deviation *deviation = fcr__calloc(1, sizeof *deviation);
        if (deviation == NULL)
            return fcr__error_nomem();
        work->deviations[i] = deviation;

        char message[400];
        if (event != NULL)
            snprintf(message, sizeof message, "At event %zu (%s): %s", call->event_count,
                     fcr_event_type_name(event->type), item->message);
        else
            snprintf(message, sizeof message, "At the end of the call: %s", item->message);
        deviation->message = fcr__strdup(message);
        if (deviation->message == NULL)
            return fcr__error_nomem();

        deviation->code = item->code;
        deviation->rule = item->rule;
        deviation->step = item->step;
        deviation->event = event != NULL ? call->event_count : SIZE_MAX;
        /* The requirement's concern points into an event the call keeps, or
         * into the new event, which the call takes over below. */
        deviation->concern = item->concern;
    }
    return FCR_OK;
}

static fcr_status reserve(fcr_call *call, const fcr_event *event, prepared *work)
{
    fcr_status status = fcr__grow((void **)&call->events, &call->event_capacity,
                                  call->event_count + 1, sizeof *call->events);
    if (status == FCR_OK && event->type == FCR_EVENT_CONCERN_STATED)
        status = fcr__grow((void **)&call->concerns, &call->concern_capacity,
                           call->concern_count + 1, sizeof *call->concerns);
    if (status == FCR_OK && work->deviation_count > 0)
        status = fcr__grow((void **)&call->deviations, &call->deviation_capacity,
                           call->deviation_count + work->deviation_count,
                           sizeof *call->deviations);
    if (status == FCR_OK && event->type == FCR_EVENT_IDENTITY_VERIFIED) {
        size_t added = event->lists[FCR__F_IDENTIFIERS - FCR__F_BOOL_END].count;
        status = fcr__grow((void **)&call->identifiers, &call->identifier_capacity,
                           call->identifier_count + added, sizeof *call->identifiers);
    }
    if (status == FCR_OK && event->type == FCR_EVENT_CONCERN_STATED) {
        work->concern = fcr__calloc(1, sizeof *work->concern);
        if (work->concern == NULL)
            status = fcr__error_nomem();
    }
    return status;
}

static void apply_identity(fcr_call *call, const fcr_event *event)
{
    const fcr__string_list *types = &event->lists[FCR__F_IDENTIFIERS - FCR__F_BOOL_END];
    for (size_t i = 0; i < types->count; i++) {
        const fcr__identifier_type *type = fcr__policy_identifier_type(call->policy, types->items[i]);
        bool seen = false;
        for (size_t k = 0; k < call->identifier_count && !seen; k++)
            seen = call->identifiers[k] == type->id;
        if (!seen)
            call->identifiers[call->identifier_count++] = type->id;
    }
    if (fcr__event_present(event, FCR__F_PROXY_AUTHORITY) &&
        event->flags[FCR__F_PROXY_AUTHORITY - FCR__TEXT_FIELD_COUNT])
        call->workflow.proxy_authority = true;
}

static void apply_outcome(fcr_call *call, const fcr_event *event, size_t index)
{
    fcr_concern *concern = find_concern(call, event->concern);
    fcr_time due;
    bool computed;
    if (concern == NULL)
        return; /* validate_concern_ref() already rejected unknown concerns */

    /* Cannot fail here: evaluate() already ran the same computation. */
    if (outcome_due_time(call, event, &due, &computed) != FCR_OK) {
        due = FCR_TIME_NONE;
        computed = false;
    }

    concern->outcome_event = index;
    concern->action = event->text[FCR__F_ACTION];
    concern->next_step = event->text[FCR__F_NEXT_STEP];
    concern->target = event->text[FCR__F_TARGET];
    concern->reason = event->text[FCR__F_REASON];
    concern->owner = event->text[FCR__F_OWNER];
    concern->due_at = event->type == FCR_EVENT_RESOLVED ? FCR_TIME_NONE : due;
    concern->due_computed = event->type != FCR_EVENT_RESOLVED && computed;

    if (event->type == FCR_EVENT_RESOLVED)
        concern->outcome = FCR_OUTCOME_RESOLVED;
    else if (event->type == FCR_EVENT_ESCALATED)
        concern->outcome = FCR_OUTCOME_ESCALATED;
    else
        concern->outcome = FCR_OUTCOME_MOVED_FORWARD;
    call->workflow.last_outcome_event = index;
}

static void apply_authority(fcr_call *call, const fcr_event *event, size_t index)
{
    fcr_concern *concern = find_concern(call, event->concern);
    if (concern == NULL)
        return; /* validate_concern_ref() already rejected unknown concerns */
    concern->authority_checked = true;
    concern->authority_event = index;

    if (fcr__event_present(event, FCR__F_IN_SCOPE))
        concern->in_scope = event->flags[FCR__F_IN_SCOPE - FCR__TEXT_FIELD_COUNT];
    else
        concern->in_scope = fcr__call_may_resolve(call, concern->category);

    if (fcr__event_present(event, FCR__F_TOOLS_AVAILABLE))
        concern->tools_available = event->flags[FCR__F_TOOLS_AVAILABLE - FCR__TEXT_FIELD_COUNT];
    else
        concern->tools_available = event->lists[FCR__F_TOOLS_MISSING - FCR__F_BOOL_END].count == 0;
}

/* Updates the derived state for the event just stored at `index`. */
static void apply(fcr_call *call, fcr_event *event, size_t index, fcr_concern *new_concern)
{
    fcr__workflow *flow = &call->workflow;
    fcr_step target = step_of(event->type);

    switch (event->type) {
    case FCR_EVENT_CONCERN_STATED:
        new_concern->id = event->concern;
        new_concern->category = fcr__policy_category(call->policy, event->text[FCR__F_CATEGORY])->id;
        new_concern->request = event->text[FCR__F_REQUEST];
        new_concern->stated_event = index;
        new_concern->restated_event = SIZE_MAX;
        new_concern->authority_event = SIZE_MAX;
        new_concern->outcome_event = SIZE_MAX;
        new_concern->due_at = FCR_TIME_NONE;
        call->concerns[call->concern_count++] = new_concern;
        flow->awaiting_new_concern = false;
        /* After the call ended (replay only) a late concern is a deviation
         * and does not reopen the workflow. */
        if (call->ended_at == FCR_TIME_NONE)
            flow->step = FCR_STEP_CLARIFY;
        return;

    case FCR_EVENT_CONCERN_RESTATED: {
        fcr_concern *concern = find_concern(call, event->concern);
        if (concern == NULL)
            return; /* validate_concern_ref() already rejected unknown concerns */
        concern->restated = true;
        concern->restated_event = index;
        concern->confirmed = fcr__event_present(event, FCR__F_CONFIRMED) &&
                             event->flags[FCR__F_CONFIRMED - FCR__TEXT_FIELD_COUNT];
        break;
    }
    case FCR_EVENT_IDENTITY_VERIFIED:
        apply_identity(call, event);
        break;
    case FCR_EVENT_AUTHORITY_CHECKED:
        apply_authority(call, event, index);
        break;
    case FCR_EVENT_RESOLVED:
    case FCR_EVENT_ESCALATED:
    case FCR_EVENT_MOVED_FORWARD:
        apply_outcome(call, event, index);
        break;
    case FCR_EVENT_RECAP_GIVEN:
        flow->last_recap_event = index;
        break;
    case FCR_EVENT_ANYTHING_ELSE_ASKED:
        if (strcmp(event->text[FCR__F_ANSWER], "yes") == 0) {
            if (call->ended_at == FCR_TIME_NONE) {
                flow->awaiting_new_concern = true;
                flow->step = FCR_STEP_CLARIFY;
            }
            return;
        }
        flow->last_no_event = index;
        break;
    case FCR_EVENT_DOCUMENTED:
        flow->documented_event = index;
        break;
    case FCR_EVENT_CALL_ENDED:
        call->ended_at = event->at;
        if (flow->step < FCR_STEP_DOCUMENT)
            flow->step = FCR_STEP_DOCUMENT;
        break;
    default:
        break;
    }

    if (target != NO_STEP && target > flow->step)
        flow->step = target;
    if (flow->documented_event != SIZE_MAX && call->ended_at != FCR_TIME_NONE)
        flow->step = FCR_STEP_CLOSED;
}

/* Records `event`. With take_ownership the call keeps the event itself on
 * success instead of a copy; on failure the caller still owns it. */
static fcr_status append(fcr_call *call, fcr_event *event, bool take_ownership)
{
    fcr_status status = validate_event(call, event);
    if (status != FCR_OK)
        return status;

    if (call->mode == FCR_MODE_LIVE && call->workflow.step == FCR_STEP_CLOSED)
        return fcr__error(FCR_ESTATE, "the call is closed (ended and documented); nothing more "
                                      "can be recorded in live mode");

    fcr__requirements found = {NULL, 0, 0};
    status = evaluate(call, event, &found);
    if (status != FCR_OK) {
        fcr__requirements_free(&found);
        return status;
    }

    /* A caller hanging up is a fact, not an agent's choice, so ending the
     * call is never rejected: what it leaves undone is listed instead. */
    if (call->mode == FCR_MODE_LIVE && found.count > 0 && event->type != FCR_EVENT_CALL_ENDED) {
        status = reject(call, event, &found);
        fcr__requirements_free(&found);
        return status;
    }

    prepared work = {NULL, NULL, NULL, 0};
    if (take_ownership)
        work.event = event;
    else
        status = fcr__event_copy(&work.event, event);
    if (status == FCR_OK)
        status = prepare_deviations(call, event, &found, &work);
    if (status == FCR_OK)
        status = reserve(call, event, &work);
    fcr__requirements_free(&found);
    if (status != FCR_OK) {
        if (take_ownership)
            work.event = NULL;
        prepared_free(&work);
        return status;
    }

    /* From here on nothing can fail. Concern ids in new deviations that point
     * at the caller's event must point at the stored copy instead. */
    size_t index = call->event_count;
    call->events[call->event_count++] = work.event;
    for (size_t i = 0; i < work.deviation_count; i++) {
        fcr_deviation *deviation = work.deviations[i];
        if (deviation->concern == event->concern)
            deviation->concern = work.event->concern;
        call->deviations[call->deviation_count++] = deviation;
    }
    apply(call, work.event, index, work.concern);

    fcr__free(work.deviations);
    return FCR_OK;
}

fcr_status fcr__call_append(fcr_call *call, const fcr_event *event)
{
    /* The event is only read here, since append() copies it. */
    return append(call, (fcr_event *)(uintptr_t)event, false);
}

fcr_status fcr__call_append_owned(fcr_call *call, fcr_event *event)
{
    return append(call, event, true);
}

fcr_status fcr__call_add_end_deviations(fcr_call *call)
{
    /* Not the step: in replay mode a concern stated after the end moves the
     * call back to Clarify, and the note is still missing. */
    if (call->mode != FCR_MODE_REPLAY || call->ended_at == FCR_TIME_NONE ||
        call->workflow.documented_event != SIZE_MAX)
        return FCR_OK;

    fcr__requirements found = {NULL, 0, 0};
    prepared work = {NULL, NULL, NULL, 0};
    fcr_status status = fcr__step_exit_requirements(call, FCR_STEP_DOCUMENT, &found);
    if (status == FCR_OK)
        status = prepare_deviations(call, NULL, &found, &work);
    if (status == FCR_OK && work.deviation_count > 0)
        status = fcr__grow((void **)&call->deviations, &call->deviation_capacity,
                           call->deviation_count + work.deviation_count,
                           sizeof *call->deviations);
    fcr__requirements_free(&found);
    if (status != FCR_OK) {
        prepared_free(&work);
        return status;
    }

    for (size_t i = 0; i < work.deviation_count; i++)
        call->deviations[call->deviation_count++] = work.deviations[i];
    fcr__free(work.deviations);
    return FCR_OK;
}
