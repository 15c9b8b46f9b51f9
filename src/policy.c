/* SPDX-License-Identifier: MIT */
/* Policy lifetime, lookups and the due-time computation. */
#include <string.h>

#include "civil_time.h"
#include "model.h"

fcr_status fcr__policy_alloc(fcr_policy **out)
{
    fcr_policy *policy = fcr__calloc(1, sizeof *policy);
    if (policy == NULL)
        return fcr__error_nomem();

    atomic_init(&policy->references, 1);
    atomic_init(&policy->shared, false);

    fcr_status status = fcr__office_hours_init(&policy->office);
    if (status != FCR_OK) {
        fcr__free(policy);
        return status;
    }
    *out = policy;
    return FCR_OK;
}

fcr_status fcr_policy_new(fcr_policy **out)
{
    if (out == NULL)
        return fcr__error(FCR_EINVAL, "fcr_policy_new: out is NULL");

    fcr_policy *policy = NULL;
    fcr_status status = fcr__policy_alloc(&policy);
    if (status != FCR_OK)
        return status;

    status = fcr__policy_set_defaults(policy);
    if (status != FCR_OK) {
        fcr_policy_free(policy);
        return status;
    }
    *out = policy;
    return FCR_OK;
}

static void free_phrases(fcr__phrases *phrases)
{
    fcr__free(phrases->prompt);
    phrases->prompt = NULL;
    fcr__string_list_free(&phrases->phrases);
}

static void destroy(fcr_policy *policy)
{
    for (size_t i = 0; i < policy->identifier_type_count; i++) {
        fcr__free(policy->identifier_types[i].id);
        fcr__free(policy->identifier_types[i].label);
    }
    fcr__free(policy->identifier_types);

    for (size_t i = 0; i < policy->role_count; i++) {
        fcr__free(policy->roles[i].id);
        fcr__free(policy->roles[i].label);
        fcr__string_list_free(&policy->roles[i].resolves);
    }
    fcr__free(policy->roles);

    for (size_t i = 0; i < policy->category_count; i++) {
        fcr__free(policy->categories[i].id);
        fcr__free(policy->categories[i].label);
        fcr__free(policy->categories[i].escalate_to);
        fcr__string_list_free(&policy->categories[i].tools);
    }
    fcr__free(policy->categories);

    for (size_t i = 0; i < policy->target_count; i++) {
        fcr__free(policy->targets[i].id);
        fcr__free(policy->targets[i].label);
    }
    fcr__free(policy->targets);

    for (size_t i = 0; i < policy->band_count; i++)
        fcr__free(policy->bands[i].name);
    fcr__free(policy->bands);

    for (size_t i = 0; i < FCR__STEP_COUNT; i++)
        free_phrases(&policy->phrases[i]);

    fcr__office_hours_free(&policy->office);
    fcr__free(policy);
}

void fcr_policy_free(fcr_policy *policy)
{
    if (policy == NULL)
        return;
    if (atomic_fetch_sub_explicit(&policy->references, 1, memory_order_acq_rel) == 1)
        destroy(policy);
}

fcr_policy *fcr__policy_retain(fcr_policy *policy)
{
    atomic_store(&policy->shared, true);
    atomic_fetch_add_explicit(&policy->references, 1, memory_order_relaxed);
    return policy;
}

/* Compares two ids. The lookups below run several times for each event,
 * and testing the first byte before strcmp() skips the call for nearly
 * every id that differs. */
static inline bool same_id(const char *entry, const char *id)
{
    return entry[0] == id[0] && strcmp(entry, id) == 0;
}

const fcr__identifier_type *fcr__policy_identifier_type(const fcr_policy *policy, const char *id)
{
    for (size_t i = 0; i < policy->identifier_type_count; i++) {
        if (same_id(policy->identifier_types[i].id, id))
            return &policy->identifier_types[i];
    }
    return NULL;
}

const fcr__role *fcr__policy_role(const fcr_policy *policy, const char *id)
{
    for (size_t i = 0; i < policy->role_count; i++) {
        if (same_id(policy->roles[i].id, id))
            return &policy->roles[i];
    }
    return NULL;
}

const fcr__category *fcr__policy_category(const fcr_policy *policy, const char *id)
{
    for (size_t i = 0; i < policy->category_count; i++) {
        if (same_id(policy->categories[i].id, id))
            return &policy->categories[i];
    }
    return NULL;
}

const fcr__target *fcr__policy_target(const fcr_policy *policy, const char *id)
{
    for (size_t i = 0; i < policy->target_count; i++) {
        if (same_id(policy->targets[i].id, id))
            return &policy->targets[i];
    }
    return NULL;
}

unsigned fcr_policy_required_identifiers(const fcr_policy *policy)
{
    return policy == NULL ? 0 : policy->required_identifiers;
}

int fcr_policy_has_category(const fcr_policy *policy, const char *category)
{
    if (policy == NULL || category == NULL)
        return 0;
    return fcr__policy_category(policy, category) != NULL;
}

int fcr_policy_role_may_resolve(const fcr_policy *policy, const char *role, const char *category)
{
    if (policy == NULL || role == NULL || category == NULL)
        return 0;

    const fcr__role *r = fcr__policy_role(policy, role);
    const fcr__category *c = fcr__policy_category(policy, category);
    if (r == NULL || c == NULL)
        return 0;

    /* A clinical category needs a clinical role whatever the role's list says. */
    if (c->clinical && !r->clinical)
        return 0;
    return fcr__string_list_contains(&r->resolves, category);
}

const char *fcr_policy_default_target(const fcr_policy *policy, const char *category)
{
    if (policy == NULL || category == NULL)
        return NULL;
    const fcr__category *c = fcr__policy_category(policy, category);
    return c == NULL ? NULL : c->escalate_to;
}

const char *fcr_policy_label(const fcr_policy *policy, fcr_policy_kind kind, const char *id)
{
    if (policy == NULL || id == NULL)
        return NULL;

    const char *entry_id = NULL, *label = NULL;
    switch (kind) {
    case FCR_POLICY_CATEGORY: {
        const fcr__category *entry = fcr__policy_category(policy, id);
        if (entry != NULL) {
            entry_id = entry->id;
            label = entry->label;
        }
        break;
    }
    case FCR_POLICY_ROLE: {
        const fcr__role *entry = fcr__policy_role(policy, id);
        if (entry != NULL) {
            entry_id = entry->id;
            label = entry->label;
        }
        break;
    }
    case FCR_POLICY_TARGET: {
        const fcr__target *entry = fcr__policy_target(policy, id);
        if (entry != NULL) {
            entry_id = entry->id;
            label = entry->label;
        }
        break;
    }
    case FCR_POLICY_IDENTIFIER_TYPE: {
        const fcr__identifier_type *entry = fcr__policy_identifier_type(policy, id);
        if (entry != NULL) {
            entry_id = entry->id;
            label = entry->label;
        }
        break;
    }
    default:
        break;
    }
    return label != NULL ? label : entry_id;
}

const char *fcr_policy_time_zone(const fcr_policy *policy)
{
    if (policy == NULL || policy->office.zone == NULL)
        return "UTC";
    return fcr__zone_name(policy->office.zone);
}

int32_t fcr_policy_utc_offset(const fcr_policy *policy, fcr_time time)
{
    if (policy == NULL || policy->office.zone == NULL)
        return 0;
    return fcr__zone_offset(policy->office.zone, time);
}

fcr_status fcr__policy_add_business_span(fcr_time *out, const fcr_policy *policy,
                                         fcr_time from, fcr__business_span span)
{
    fcr_time due = from;
    fcr_status status = FCR_OK;

    /* An emergency does not wait for the office to open. */
    if (fcr__span_is_immediate(span)) {
        *out = from;
        return FCR_OK;
    }

    if (span.days > 0)
        status = fcr__business_add_days(&due, &policy->office, due, span.days);
    if (status == FCR_OK && (span.minutes > 0 || span.days == 0))
        status = fcr__business_add_minutes(&due, &policy->office, due, span.minutes);
    if (status != FCR_OK)
        return status;

    *out = due;
    return FCR_OK;
}

fcr_status fcr_policy_due_time(fcr_time *out, const fcr_policy *policy, const char *target,
                               fcr_time from)
{
    if (out == NULL || policy == NULL || target == NULL)
        return fcr__error(FCR_EINVAL, "fcr_policy_due_time: out, policy and target must not be NULL");
    if (from < FCR_TIME_MIN || from > FCR_TIME_MAX)
        return fcr__error(FCR_EINVAL, "fcr_policy_due_time: the start instant is out of range");

    const fcr__target *entry = fcr__policy_target(policy, target);
    if (entry == NULL)
        return fcr__error_field(FCR_ENOTFOUND, "target",
                                "escalation target '%.64s' is not in the policy; "
                                "use one of the policy's targets or add it to the policy", target);

    return fcr__policy_add_business_span(out, policy, from, entry->callback);
}

fcr_status fcr_policy_set_phrases(fcr_policy *policy, fcr_step step, const char *prompt,
                                  const char *const *phrases, size_t count)
{
    if (policy == NULL || (unsigned)step >= FCR__STEP_COUNT || (phrases == NULL && count > 0))
        return fcr__error(FCR_EINVAL, "fcr_policy_set_phrases: invalid policy, step or phrases");
    if (atomic_load(&policy->shared))
        return fcr__error(FCR_ESTATE, "fcr_policy_set_phrases: a call already uses this policy; "
                                      "set phrases before creating calls with it");

    fcr_status status = fcr__check_text(prompt, "prompt", true);
    for (size_t i = 0; status == FCR_OK && i < count; i++)
        status = fcr__check_text(phrases[i], "phrase", false);
    if (status != FCR_OK)
        return status;

    /* Build the replacement first so that a failed allocation changes nothing. */
    fcr__phrases replacement = {NULL, {NULL, 0}};
    if (prompt != NULL) {
        replacement.prompt = fcr__strdup(prompt);
        if (replacement.prompt == NULL)
            return fcr__error_nomem();
    }
    for (size_t i = 0; i < count; i++) {
        status = fcr__string_list_add(&replacement.phrases, phrases[i], strlen(phrases[i]));
        if (status != FCR_OK) {
            free_phrases(&replacement);
            return status;
        }
    }

    fcr__phrases *current = &policy->phrases[step];
    if (replacement.prompt == NULL) {
        replacement.prompt = current->prompt;
        current->prompt = NULL;
    }
    free_phrases(current);
    *current = replacement;
    return FCR_OK;
}
