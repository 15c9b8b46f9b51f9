/* SPDX-License-Identifier: MIT */
/*
 * The eight checklist rules. Each decides met, missed or not applicable from
 * the event log and the policy, keeps the events it relied on, and writes a
 * note that says why. docs/checklist.md states the same rules in prose; keep
 * the two in step.
 */
#include <stdio.h>
#include <string.h>

#include "scorecard.h"

/* Rule context: the call and a buffer for the note being written. */
typedef struct rule_context {
    const fcr_call *call;
    fcr_scorecard *scorecard;
    fcr__strbuf note;
} rule_context;

/* Makes room for one more piece of evidence in the scorecard's arena. The
 * array moves to one of twice the size when it is full, and the old one
 * stays unused in the arena. */
static fcr_status reserve_evidence(fcr__arena *arena, fcr__item_score *score)
{
    if (score->evidence_count < score->evidence_capacity)
        return FCR_OK;

    size_t capacity = score->evidence_capacity == 0 ? 4 : score->evidence_capacity * 2;
    if (capacity > SIZE_MAX / sizeof *score->evidence)
        return fcr__error_nomem();
    fcr__evidence *grown = fcr__arena_alloc(arena, capacity * sizeof *grown);
    if (grown == NULL)
        return fcr__error_nomem();
    if (score->evidence_count > 0)
        memcpy(grown, score->evidence, score->evidence_count * sizeof *grown);
    score->evidence = grown;
    score->evidence_capacity = capacity;
    return FCR_OK;
}

static fcr_status add_evidence(rule_context *context, fcr_item item, size_t event_index)
{
    fcr__item_score *score = &context->scorecard->items[item];
    for (size_t i = 0; i < score->evidence_count; i++) {
        if (score->evidence[i].event == event_index)
            return FCR_OK;
    }

    fcr__arena *arena = context->scorecard->arena;
    fcr_status status = reserve_evidence(arena, score);
    if (status != FCR_OK)
        return status;

    /* The quote is what was said (the event's text); outcome events have
     * none, so their action or reason stands in for it. */
    const fcr_event *event = context->call->events[event_index];
    const char *said = event->text[FCR__F_TEXT];
    if (said == NULL)
        said = event->text[FCR__F_ACTION] != NULL ? event->text[FCR__F_ACTION]
                                                  : event->text[FCR__F_REASON];
    char *quote = NULL;
    if (said != NULL && (quote = fcr__arena_strndup(arena, said, strlen(said))) == NULL)
        return fcr__error_nomem();

    fcr__evidence *evidence = &score->evidence[score->evidence_count++];
    evidence->event = event_index;
    evidence->type = event->type;
    evidence->at = event->at;
    evidence->quote = quote;
    return FCR_OK;
}

/* Stores the rule's result and the note built so far, with the evidence in
 * log order. */
static fcr_status finish(rule_context *context, fcr_item item, fcr_result result)
{
    fcr__item_score *score = &context->scorecard->items[item];
    for (size_t i = 1; i < score->evidence_count; i++) {
        fcr__evidence moving = score->evidence[i];
        size_t k = i;
        for (; k > 0 && score->evidence[k - 1].event > moving.event; k--)
            score->evidence[k] = score->evidence[k - 1];
        score->evidence[k] = moving;
    }

    /* The note buffer is reused by the next rule, so the note is copied. */
    if (context->note.failed)
        return FCR_ENOMEM;
    const char *text = context->note.data != NULL ? context->note.data : "";
    char *note = fcr__arena_strndup(context->scorecard->arena, text, context->note.length);
    if (note == NULL)
        return fcr__error_nomem();
    score->rule_result = result;
    score->note = note;
    return FCR_OK;
}

static fcr_status finish_with(rule_context *context, fcr_item item, fcr_result result,
                              const char *note)
{
    fcr__strbuf_clear(&context->note);
    fcr__strbuf_puts(&context->note, note);
    return finish(context, item, result);
}

static size_t first_event_of(const fcr_call *call, fcr_event_type type)
{
    for (size_t i = 0; i < call->event_count; i++) {
        if (call->events[i]->type == type)
            return i;
    }
    return SIZE_MAX;
}

static size_t first_outcome(const fcr_call *call)
{
    for (size_t i = 0; i < call->event_count; i++) {
        fcr_event_type type = call->events[i]->type;
        if (type == FCR_EVENT_RESOLVED || type == FCR_EVENT_ESCALATED ||
            type == FCR_EVENT_MOVED_FORWARD)
            return i;
    }
    return SIZE_MAX;
}

/* Concern scope as the rules see it: the authority check's answers, or the
 * policy and "tools available" when no check was recorded. */
static bool in_scope(const fcr_call *call, const fcr_concern *concern)
{
    return concern->authority_checked ? concern->in_scope
                                      : fcr__call_may_resolve(call, concern->category);
}

static bool tools_available(const fcr_concern *concern)
{
    return concern->authority_checked ? concern->tools_available : true;
}

/* An open-ended question before the first restatement; without a
 * restatement, before the first outcome; without either, at any time. */
static fcr_status rule_open_questions(rule_context *context)
{
    const fcr_call *call = context->call;
    size_t limit = first_event_of(call, FCR_EVENT_CONCERN_RESTATED);
    const char *before = "before the first restatement";
    if (limit == SIZE_MAX) {
        limit = first_outcome(call);
        before = "before the first outcome";
    }
    if (limit == SIZE_MAX) {
        limit = call->event_count;
        before = "during the call";
    }

    for (size_t i = 0; i < limit; i++) {
        if (call->events[i]->type != FCR_EVENT_OPEN_QUESTION_ASKED)
            continue;
        fcr_status status = add_evidence(context, FCR_ITEM_OPEN_QUESTIONS, i);
        if (status != FCR_OK)
            return status;
        fcr__strbuf_printf(&context->note, "An open-ended question was asked %s.", before);
        return finish(context, FCR_ITEM_OPEN_QUESTIONS, FCR_RESULT_MET);
    }
    fcr__strbuf_printf(&context->note, "No open-ended question was asked %s.", before);
    return finish(context, FCR_ITEM_OPEN_QUESTIONS, FCR_RESULT_MISSED);
}

/* Every concern restated, with the latest restatement confirmed. */
static fcr_status rule_concern_restated(rule_context *context)
{
    const fcr_call *call = context->call;
    if (call->concern_count == 0)
        return finish_with(context, FCR_ITEM_CONCERN_RESTATED, FCR_RESULT_NOT_APPLICABLE,
                           "No concern was stated.");

    bool all = true;
    for (size_t i = 0; i < call->concern_count; i++) {
        const fcr_concern *concern = call->concerns[i];
        if (concern->restated) {
            fcr_status status = add_evidence(context, FCR_ITEM_CONCERN_RESTATED,
                                             concern->restated_event);
            if (status != FCR_OK)
                return status;
        }
        if (!concern->restated)
            fcr__strbuf_printf(&context->note, "%sConcern %s was not restated.",
                               all ? "" : " ", concern->id);
        else if (!concern->confirmed)
            fcr__strbuf_printf(&context->note,
                               "%sConcern %s was restated but the caller did not confirm it.",
                               all ? "" : " ", concern->id);
        else
            continue;
        all = false;
    }

    if (all)
        return finish_with(context, FCR_ITEM_CONCERN_RESTATED, FCR_RESULT_MET,
                           "Every concern was restated and confirmed by the caller.");
    return finish(context, FCR_ITEM_CONCERN_RESTATED, FCR_RESULT_MISSED);
}

/* Enough distinct person-specific identifier types, and a proxy's
 * authority, confirmed before the first outcome on any concern. */
static fcr_status rule_identity_verified(rule_context *context)
{
    const fcr_call *call = context->call;
    const fcr_policy *policy = call->policy;
    if (call->concern_count == 0)
        return finish_with(context, FCR_ITEM_IDENTITY_VERIFIED, FCR_RESULT_NOT_APPLICABLE,
                           "No concern was stated.");

    size_t limit = first_outcome(call);
    const char *when = "before the first outcome";
    if (limit == SIZE_MAX) {
        limit = call->event_count;
        when = "during the call";
    }

    /* Distinct person-specific types confirmed up to the limit. */
    const char *seen[64];
    size_t seen_count = 0;
    bool proxy_authority = false;
    for (size_t i = 0; i < limit; i++) {
        const fcr_event *event = call->events[i];
        if (event->type != FCR_EVENT_IDENTITY_VERIFIED)
            continue;
        fcr_status status = add_evidence(context, FCR_ITEM_IDENTITY_VERIFIED, i);
        if (status != FCR_OK)
            return status;
        if (fcr__event_present(event, FCR__F_PROXY_AUTHORITY) &&
            event->flags[FCR__F_PROXY_AUTHORITY - FCR__TEXT_FIELD_COUNT])
            proxy_authority = true;

        const fcr__string_list *types = &event->lists[FCR__F_IDENTIFIERS - FCR__F_BOOL_END];
        for (size_t k = 0; k < types->count; k++) {
            const fcr__identifier_type *type = fcr__policy_identifier_type(policy, types->items[k]);
            if (type == NULL || !type->person_specific)
                continue;
            bool duplicate = false;
            for (size_t j = 0; j < seen_count && !duplicate; j++)
                duplicate = seen[j] == type->id;
            if (!duplicate && seen_count < FCR__ARRAY_SIZE(seen))
                seen[seen_count++] = type->id;
        }
    }

    bool enough = seen_count >= policy->required_identifiers;
    bool proxy_ok = call->caller_role != FCR_CALLER_PROXY || proxy_authority;
    if (enough && proxy_ok) {
        fcr__strbuf_printf(&context->note,
                           "Identity was verified with %zu person-specific identifier types %s.",
                           seen_count, when);
        return finish(context, FCR_ITEM_IDENTITY_VERIFIED, FCR_RESULT_MET);
    }

    if (!enough)
        fcr__strbuf_printf(&context->note,
                           "Only %zu of the %u required person-specific identifier types were "
                           "verified %s.",
                           seen_count, policy->required_identifiers, when);
    if (!proxy_ok)
        fcr__strbuf_printf(&context->note,
                           "%sThe proxy caller's authority to act for the patient was not "
                           "confirmed %s.",
                           enough ? "" : " ", when);
    return finish(context, FCR_ITEM_IDENTITY_VERIFIED, FCR_RESULT_MISSED);
}

/* Every concern in scope with its tools available was resolved or moved
 * forward; not applicable when no concern was. */
static fcr_status rule_resolution_attempted(rule_context *context)
{
    const fcr_call *call = context->call;
    size_t applicable = 0;
    bool all = true;

    for (size_t i = 0; i < call->concern_count; i++) {
        const fcr_concern *concern = call->concerns[i];
        if (!in_scope(call, concern) || !tools_available(concern))
            continue;
        applicable++;

        if (concern->outcome == FCR_OUTCOME_RESOLVED ||
            concern->outcome == FCR_OUTCOME_MOVED_FORWARD) {
            fcr_status status = add_evidence(context, FCR_ITEM_RESOLUTION_ATTEMPTED,
                                             concern->outcome_event);
            if (status != FCR_OK)
                return status;
            continue;
        }
        if (concern->outcome == FCR_OUTCOME_ESCALATED) {
            fcr_status status = add_evidence(context, FCR_ITEM_RESOLUTION_ATTEMPTED,
                                             concern->outcome_event);
            if (status != FCR_OK)
                return status;
            fcr__strbuf_printf(&context->note,
                               "%sConcern %s was in scope with its tools available but was "
                               "escalated instead of resolved.",
                               all ? "" : " ", concern->id);
        } else {
            fcr__strbuf_printf(&context->note,
                               "%sConcern %s was in scope with its tools available but was "
                               "neither resolved nor moved forward.",
                               all ? "" : " ", concern->id);
        }
        all = false;
    }

    if (applicable == 0)
        return finish_with(context, FCR_ITEM_RESOLUTION_ATTEMPTED, FCR_RESULT_NOT_APPLICABLE,
                           "No concern was within the agent's scope with its tools available.");
    if (all) {
        fcr__strbuf_printf(&context->note,
                           "Every concern within scope (%zu) was resolved or moved forward.",
                           applicable);
        return finish(context, FCR_ITEM_RESOLUTION_ATTEMPTED, FCR_RESULT_MET);
    }
    return finish(context, FCR_ITEM_RESOLUTION_ATTEMPTED, FCR_RESULT_MISSED);
}

/* Every escalation justified (out of scope, or tools missing) and carrying
 * reason, owner and due time; not applicable when nothing was escalated. */
static fcr_status rule_escalated_only_when_necessary(rule_context *context)
{
    const fcr_call *call = context->call;
    size_t escalations = 0;
    bool all = true;

    for (size_t i = 0; i < call->concern_count; i++) {
        const fcr_concern *concern = call->concerns[i];
        if (concern->outcome != FCR_OUTCOME_ESCALATED)
            continue;
        escalations++;
        fcr_status status = add_evidence(context, FCR_ITEM_ESCALATED_ONLY_WHEN_NECESSARY,
                                         concern->outcome_event);
        if (status == FCR_OK && concern->authority_checked)
            status = add_evidence(context, FCR_ITEM_ESCALATED_ONLY_WHEN_NECESSARY,
                                  concern->authority_event);
        if (status != FCR_OK)
            return status;

        if (in_scope(call, concern) && tools_available(concern)) {
            fcr__strbuf_printf(&context->note,
                               "%sConcern %s was escalated although it was in scope with its "
                               "tools available.",
                               all ? "" : " ", concern->id);
            all = false;
        }

        const char *missing[3];
        size_t missing_count = 0;
        if (concern->reason == NULL)
            missing[missing_count++] = "reason";
        if (concern->owner == NULL)
            missing[missing_count++] = "owner";
        if (concern->due_at == FCR_TIME_NONE)
            missing[missing_count++] = "due time";
        if (missing_count > 0) {
            fcr__strbuf_printf(&context->note, "%sThe escalation of concern %s has no ",
                               all ? "" : " ", concern->id);
            for (size_t k = 0; k < missing_count; k++)
                fcr__strbuf_printf(&context->note, "%s%s",
                                   k == 0 ? "" : (k + 1 == missing_count ? " or " : ", "),
                                   missing[k]);
            fcr__strbuf_puts(&context->note, ".");
            all = false;
        }
    }

    if (escalations == 0)
        return finish_with(context, FCR_ITEM_ESCALATED_ONLY_WHEN_NECESSARY,
                           FCR_RESULT_NOT_APPLICABLE, "Nothing was escalated.");
    if (all) {
        fcr__strbuf_printf(&context->note,
                           "Every escalation (%zu) was necessary and carried a reason, an owner "
                           "and a due time.",
                           escalations);
        return finish(context, FCR_ITEM_ESCALATED_ONLY_WHEN_NECESSARY, FCR_RESULT_MET);
    }
    return finish(context, FCR_ITEM_ESCALATED_ONLY_WHEN_NECESSARY, FCR_RESULT_MISSED);
}

static bool recap_covers(const fcr_event *recap, const char *concern)
{
    if (!fcr__event_present(recap, FCR__F_CONCERNS))
        return true;
    return fcr__string_list_contains(&recap->lists[FCR__F_CONCERNS - FCR__F_BOOL_END], concern);
}

/* A recap after the last outcome that covers every concern. */
static fcr_status rule_next_steps_explained(rule_context *context)
{
    const fcr_call *call = context->call;
    const fcr__workflow *flow = &call->workflow;
    if (call->concern_count == 0)
        return finish_with(context, FCR_ITEM_NEXT_STEPS_EXPLAINED, FCR_RESULT_NOT_APPLICABLE,
                           "No concern was stated.");

    if (flow->last_recap_event == SIZE_MAX)
        return finish_with(context, FCR_ITEM_NEXT_STEPS_EXPLAINED, FCR_RESULT_MISSED,
                           "No recap of the next steps was given.");

    fcr_status status = add_evidence(context, FCR_ITEM_NEXT_STEPS_EXPLAINED, flow->last_recap_event);
    if (status != FCR_OK)
        return status;
    if (flow->last_outcome_event != SIZE_MAX && flow->last_recap_event < flow->last_outcome_event)
        return finish_with(context, FCR_ITEM_NEXT_STEPS_EXPLAINED, FCR_RESULT_MISSED,
                           "The last recap came before the last outcome, so it does not cover "
                           "it.");

    const fcr_event *recap = call->events[flow->last_recap_event];
    bool all = true;
    for (size_t i = 0; i < call->concern_count; i++) {
        if (recap_covers(recap, call->concerns[i]->id))
            continue;
        fcr__strbuf_printf(&context->note, "%sThe recap does not cover concern %s.",
                           all ? "" : " ", call->concerns[i]->id);
        all = false;
    }
    if (all && flow->last_outcome_event == SIZE_MAX)
        return finish_with(context, FCR_ITEM_NEXT_STEPS_EXPLAINED, FCR_RESULT_MET,
                           "No outcome was recorded; the recap covered every concern.");
    if (all)
        return finish_with(context, FCR_ITEM_NEXT_STEPS_EXPLAINED, FCR_RESULT_MET,
                           "A recap after the last outcome covered every concern.");
    return finish(context, FCR_ITEM_NEXT_STEPS_EXPLAINED, FCR_RESULT_MISSED);
}

/* Asked after the last recap; without a recap, after the last outcome, so a
 * missing recap is not counted twice. */
static fcr_status rule_anything_else_asked(rule_context *context)
{
    const fcr_call *call = context->call;
    const fcr__workflow *flow = &call->workflow;
    if (call->concern_count == 0)
        return finish_with(context, FCR_ITEM_ANYTHING_ELSE_ASKED, FCR_RESULT_NOT_APPLICABLE,
                           "No concern was stated.");

    size_t anchor = flow->last_recap_event;
    const char *after = "after the recap";
    if (anchor == SIZE_MAX) {
        anchor = flow->last_outcome_event;
        after = "after the last outcome (there was no recap)";
    }

    for (size_t i = anchor == SIZE_MAX ? 0 : anchor + 1; i < call->event_count; i++) {
        if (call->events[i]->type != FCR_EVENT_ANYTHING_ELSE_ASKED)
            continue;
        fcr_status status = add_evidence(context, FCR_ITEM_ANYTHING_ELSE_ASKED, i);
        if (status != FCR_OK)
            return status;
        fcr__strbuf_printf(&context->note, "The caller was asked whether they needed anything "
                                           "else %s.",
                           anchor == SIZE_MAX ? "during the call" : after);
        return finish(context, FCR_ITEM_ANYTHING_ELSE_ASKED, FCR_RESULT_MET);
    }
    fcr__strbuf_printf(&context->note, "The caller was not asked whether they needed anything "
                                       "else %s.",
                       anchor == SIZE_MAX ? "during the call" : after);
    return finish(context, FCR_ITEM_ANYTHING_ELSE_ASKED, FCR_RESULT_MISSED);
}

/* What the note needs for one concern: request, action and next step. */
static const char *missing_note_part(const fcr_concern *concern)
{
    if (concern->request == NULL)
        return "the caller's request";
    switch (concern->outcome) {
    case FCR_OUTCOME_RESOLVED:
        if (concern->action == NULL)
            return "the action taken";
        return concern->next_step == NULL ? "a next step" : NULL;
    case FCR_OUTCOME_ESCALATED:
        if (concern->reason == NULL)
            return "the reason for the escalation";
        return concern->owner == NULL || concern->due_at == FCR_TIME_NONE
                   ? "who follows up and by when"
                   : NULL;
    case FCR_OUTCOME_MOVED_FORWARD:
        if (concern->action == NULL)
            return "the action taken";
        return concern->next_step == NULL || concern->owner == NULL ||
                       concern->due_at == FCR_TIME_NONE
                   ? "the next step with its owner and due time"
                   : NULL;
    case FCR_OUTCOME_NONE:
    default:
        return "an action taken";
    }
}

/* Documented with request, action and next step for every concern, within
 * the policy's window after the call ends. */
static fcr_status rule_documented(rule_context *context)
{
    const fcr_call *call = context->call;
    const fcr__workflow *flow = &call->workflow;
    if (call->concern_count == 0)
        return finish_with(context, FCR_ITEM_DOCUMENTED, FCR_RESULT_NOT_APPLICABLE,
                           "No concern was stated.");
    if (flow->documented_event == SIZE_MAX)
        return finish_with(context, FCR_ITEM_DOCUMENTED, FCR_RESULT_MISSED,
                           "The call was not documented.");

    fcr_status status = add_evidence(context, FCR_ITEM_DOCUMENTED, flow->documented_event);
    if (status != FCR_OK)
        return status;

    bool ok = true;
    fcr_time documented_at = call->events[flow->documented_event]->at;
    int64_t window = call->policy->documentation_window_ms;
    if (call->ended_at != FCR_TIME_NONE && documented_at - call->ended_at > window) {
        fcr__strbuf_printf(&context->note,
                           "The call was documented %lld minutes after it ended, later than "
                           "the %lld-minute window.",
                           (long long)((documented_at - call->ended_at) / 60000),
                           (long long)(window / 60000));
        ok = false;
    }

    for (size_t i = 0; i < call->concern_count; i++) {
        const char *missing = missing_note_part(call->concerns[i]);
        if (missing == NULL)
            continue;
        fcr__strbuf_printf(&context->note, "%sThe note of concern %s lacks %s.", ok ? "" : " ",
                           call->concerns[i]->id, missing);
        ok = false;
    }

    if (ok)
        return finish_with(context, FCR_ITEM_DOCUMENTED, FCR_RESULT_MET,
                           "The call was documented in time with request, action and next "
                           "step for every concern.");
    return finish(context, FCR_ITEM_DOCUMENTED, FCR_RESULT_MISSED);
}

typedef fcr_status (*rule_fn)(rule_context *context);

static const rule_fn rules[FCR_ITEM_COUNT] = {
    rule_open_questions,
    rule_concern_restated,
    rule_identity_verified,
    rule_resolution_attempted,
    rule_escalated_only_when_necessary,
    rule_next_steps_explained,
    rule_anything_else_asked,
    rule_documented,
};

fcr_status fcr__score_rules(fcr_scorecard *scorecard, const fcr_call *call)
{
    rule_context context = {call, scorecard, FCR__STRBUF_INIT};
    /* The notes of bench/gen_calls.py's calls have up to 193 bytes, so one
     * block of 256 saves the reallocations of growing from 64. A failure of
     * this allocation is reported after the first rule, like that of any
     * other append. */
    fcr__strbuf_reserve(&context.note, 255);

    for (int item = 0; item < FCR_ITEM_COUNT; item++) {
        fcr_status status;
        fcr__strbuf_clear(&context.note);
        if (call->unobservable[item])
            status = finish_with(&context, (fcr_item)item, FCR_RESULT_UNKNOWN,
                                 "The evidence source cannot show this item.");
        else
            status = rules[item](&context);
        if (status == FCR_OK && context.note.failed)
            status = FCR_ENOMEM;
        if (status != FCR_OK) {
            fcr__strbuf_free(&context.note);
            return status;
        }
    }
    fcr__strbuf_free(&context.note);
    return FCR_OK;
}
