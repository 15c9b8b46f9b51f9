/* SPDX-License-Identifier: MIT */
/*
 * What each step needs before it can be left. The same list serves three
 * purposes: live-mode guards reject an event with it, replay mode records it
 * as deviations, and guidance shows it to the agent.
 */
#include <stdio.h>
#include <string.h>

#include "model.h"

static const char rule_concern_stated[] =
    "Clarify is left only after at least one concern is stated.";
static const char rule_new_concern[] =
    "After the caller says there is something else, the new concern is stated before moving on.";
static const char rule_restated[] =
    "Clarify is left only when every open concern is restated and confirmed by the caller.";
static const char rule_authority[] =
    "Check authority is left only when every open concern has an authority decision.";
static const char rule_outcome[] =
    "Act or escalate is left only when every concern is resolved, escalated or moved forward.";
static const char rule_recap[] =
    "Confirm and recap is left only after a recap, given after the last outcome, that covers "
    "every concern.";
static const char rule_anything_else[] =
    "Confirm and recap is left only after the caller, asked whether they need anything else "
    "after the recap, answers no.";
static const char rule_documented[] = "Document is left only when the call is documented.";

fcr_status fcr__requirements_add(fcr__requirements *list, const char *code, const char *rule,
                                 fcr_step step, const char *concern, const char *format, ...)
{
    fcr_status status = fcr__grow((void **)&list->items, &list->capacity, list->count + 1,
                                  sizeof *list->items);
    if (status != FCR_OK)
        return status;

    fcr__requirement *item = &list->items[list->count++];
    item->code = code;
    item->rule = rule;
    item->step = step;
    item->concern = concern;

    va_list args;
    va_start(args, format);
    vsnprintf(item->message, sizeof item->message, format, args);
    va_end(args);
    return FCR_OK;
}

void fcr__requirements_free(fcr__requirements *list)
{
    fcr__free(list->items);
    list->items = NULL;
    list->count = 0;
    list->capacity = 0;
}

static bool recap_names(const fcr_event *recap, const char *concern)
{
    /* A recap without a concerns list covers every concern known then. */
    if (!fcr__event_present(recap, FCR__F_CONCERNS))
        return true;
    return fcr__string_list_contains(&recap->lists[FCR__F_CONCERNS - FCR__F_BOOL_END], concern);
}

static fcr_status clarify_requirements(const fcr_call *call, fcr__requirements *out)
{
    fcr_status status = FCR_OK;

    if (call->concern_count == 0)
        status = fcr__requirements_add(out, "state_concern", rule_concern_stated,
                                       FCR_STEP_CLARIFY, NULL,
                                       "No concern is stated yet: record what the caller needs "
                                       "(concern_stated).");
    if (status == FCR_OK && call->workflow.awaiting_new_concern)
        status = fcr__requirements_add(out, "state_new_concern", rule_new_concern,
                                       FCR_STEP_CLARIFY, NULL,
                                       "The caller needs something else: record the new concern "
                                       "(concern_stated).");

    for (size_t i = 0; i < call->concern_count && status == FCR_OK; i++) {
        const fcr_concern *concern = call->concerns[i];
        if (concern->outcome != FCR_OUTCOME_NONE)
            continue;
        if (!concern->restated)
            status = fcr__requirements_add(out, "restate_concern", rule_restated,
                                           FCR_STEP_CLARIFY, concern->id,
                                           "Restate concern %s and ask the caller to confirm it.",
                                           concern->id);
        else if (!concern->confirmed)
            status = fcr__requirements_add(out, "confirm_concern", rule_restated,
                                           FCR_STEP_CLARIFY, concern->id,
                                           "The caller has not confirmed the restatement of "
                                           "concern %s: restate it again until they confirm.",
                                           concern->id);
    }
    return status;
}

static fcr_status authority_requirements(const fcr_call *call, fcr__requirements *out)
{
    fcr_status status = FCR_OK;
    for (size_t i = 0; i < call->concern_count && status == FCR_OK; i++) {
        const fcr_concern *concern = call->concerns[i];
        if (concern->outcome != FCR_OUTCOME_NONE || concern->authority_checked)
            continue;
        status = fcr__requirements_add(out, "check_authority", rule_authority,
                                       FCR_STEP_CHECK_AUTHORITY, concern->id,
                                       "Check whether concern %s (%s) is within your scope and "
                                       "whether the tools it needs are available "
                                       "(authority_checked).",
                                       concern->id, concern->category);
    }
    return status;
}

static fcr_status act_requirements(const fcr_call *call, fcr__requirements *out)
{
    fcr_status status = FCR_OK;
    for (size_t i = 0; i < call->concern_count && status == FCR_OK; i++) {
        const fcr_concern *concern = call->concerns[i];
        if (concern->outcome != FCR_OUTCOME_NONE)
            continue;
        status = fcr__requirements_add(out, "record_outcome", rule_outcome, FCR_STEP_ACT,
                                       concern->id,
                                       "Resolve, escalate or move forward concern %s (%s).",
                                       concern->id, concern->category);
    }
    return status;
}

static fcr_status recap_requirements(const fcr_call *call, fcr__requirements *out)
{
    const fcr__workflow *flow = &call->workflow;
    bool recap_current = flow->last_recap_event != SIZE_MAX &&
                         (flow->last_outcome_event == SIZE_MAX ||
                          flow->last_recap_event > flow->last_outcome_event);
    fcr_status status = FCR_OK;

    if (!recap_current) {
        status = fcr__requirements_add(out, "give_recap", rule_recap, FCR_STEP_RECAP, NULL,
                                       "Summarize the next steps for every concern "
                                       "(recap_given) after the last outcome.");
    } else {
        const fcr_event *recap = call->events[flow->last_recap_event];
        for (size_t i = 0; i < call->concern_count && status == FCR_OK; i++) {
            const fcr_concern *concern = call->concerns[i];
            if (!recap_names(recap, concern->id))
                status = fcr__requirements_add(out, "recap_concern", rule_recap, FCR_STEP_RECAP,
                                               concern->id,
                                               "The recap does not cover concern %s: include "
                                               "it in the recap.",
                                               concern->id);
        }
    }

    bool asked_after_recap = flow->last_no_event != SIZE_MAX && recap_current &&
                             flow->last_no_event > flow->last_recap_event;
    if (status == FCR_OK && !asked_after_recap)
        status = fcr__requirements_add(out, "ask_anything_else", rule_anything_else,
                                       FCR_STEP_RECAP, NULL,
                                       "After the recap, ask whether the caller needs anything "
                                       "else (anything_else_asked).");
    return status;
}

fcr_status fcr__step_exit_requirements(const fcr_call *call, fcr_step step,
                                       fcr__requirements *out)
{
    switch (step) {
    case FCR_STEP_CLARIFY:
        return clarify_requirements(call, out);
    case FCR_STEP_CHECK_AUTHORITY:
        return authority_requirements(call, out);
    case FCR_STEP_ACT:
        return act_requirements(call, out);
    case FCR_STEP_RECAP:
        return recap_requirements(call, out);
    case FCR_STEP_DOCUMENT:
        /* A source that cannot show the note, such as a transcript, is not
         * held to it: the checklist reports the item as unknown instead. */
        if (call->workflow.documented_event == SIZE_MAX &&
            !call->unobservable[FCR__ITEM_DOCUMENTED])
            return fcr__requirements_add(out, "document_call", rule_documented,
                                         FCR_STEP_DOCUMENT, NULL,
                                         "Write the note (Patient Request > Action Taken > Next "
                                         "Steps) and record it (documented).");
        return FCR_OK;
    case FCR_STEP_CLOSED:
    default:
        return FCR_OK;
    }
}
