/* SPDX-License-Identifier: MIT */
/*
 * The built-in policy. These are starting values for a practice to change
 * (docs/policy.md explains each one), not clinical or legal facts.
 */
#include <string.h>

#include "model.h"

const char *const fcr__item_ids[FCR__ITEM_COUNT] = {
    "open_questions",
    "concern_restated",
    "identity_verified",
    "resolution_attempted",
    "escalated_only_when_necessary",
    "next_steps_explained",
    "anything_else_asked",
    "documented",
};

struct default_identifier {
    const char *id;
    const char *label;
    bool person_specific;
};

/* Two person-specific identifiers are the usual patient-safety minimum; a
 * room, bed or clinic names a place, not a person, so it never counts. */
static const struct default_identifier default_identifiers[] = {
    {"name", "name", true},
    {"date_of_birth", "date of birth", true},
    {"medical_record_number", "medical record number", true},
    {"phone", "phone number", true},
    {"address", "address", true},
    {"email", "email address", true},
    {"insurance_member_id", "insurance member id", true},
    {"room", "room number", false},
    {"bed", "bed number", false},
    {"clinic", "clinic", false},
};

struct default_category {
    const char *id;
    const char *label;
    bool clinical;
    const char *tools; /* comma-separated */
    const char *escalate_to;
};

static const struct default_category default_categories[] = {
    {"scheduling", "scheduling", false, "scheduling_system", "practice_manager"},
    {"refill", "prescription refill", false, "emr", "nurse_triage"},
    {"referral", "referral", false, "emr,referral_portal", "referral_coordinator"},
    {"records", "medical records", false, "emr", "records"},
    {"insurance", "insurance", false, "insurance_eligibility", "billing"},
    {"billing", "billing", false, "billing_system", "billing"},
    {"test_results", "test results", true, "emr", "nurse_triage"},
    {"clinical_question", "clinical question", true, "emr", "nurse_triage"},
    {"symptoms", "symptoms", true, "emr", "nurse_triage"},
    {"other", "other", false, "", "practice_manager"},
};

struct default_role {
    const char *id;
    const char *label;
    bool clinical;
    const char *resolves; /* comma-separated category ids */
};

static const struct default_role default_roles[] = {
    {"front_desk", "front desk", false, "scheduling,refill,referral,records,insurance,other"},
    {"billing_specialist", "billing specialist", false, "billing,insurance,other"},
    {"medical_assistant", "medical assistant", false,
     "scheduling,refill,referral,records,insurance,other"},
    {"nurse", "nurse", true,
     "scheduling,refill,referral,records,insurance,test_results,clinical_question,symptoms,other"},
    {"provider", "provider", true,
     "scheduling,refill,referral,records,insurance,billing,test_results,clinical_question,"
     "symptoms,other"},
};

struct default_target {
    const char *id;
    const char *label;
    int64_t minutes;
    int64_t days;
};

static const struct default_target default_targets[] = {
    {"nurse_triage", "nurse triage", 240, 0},
    {"provider", "provider", 0, 1},
    {"billing", "billing office", 0, 2},
    {"referral_coordinator", "referral coordinator", 0, 2},
    {"records", "records department", 0, 3},
    {"prior_authorization", "prior authorization team", 0, 3},
    {"practice_manager", "practice manager", 0, 1},
    {"emergency", "emergency services", 0, 0},
};

struct default_phrases {
    const char *prompt;
    const char *phrases[4];
};

/* Indexed by fcr_step. The phrases follow the practice's FCR workflow card. */
static const struct default_phrases default_phrases[FCR__STEP_COUNT] = {
    {"Ask open-ended questions to understand the full issue, then restate the concern and "
     "ask the caller to confirm it.",
     {"How can I help you today?",
      "So you are calling to reschedule your follow-up and check on a referral, is that correct?",
      "Let's take care of that while I have you on the phone.", NULL}},
    {"Decide whether each concern is within your scope and whether you have the tools it "
     "needs, such as the medical record and current insurance information.",
     {"I can do that right now. Please hold for a moment while I pull up your information.",
      NULL}},
    {"Resolve what you can now. If a concern needs someone else, explain why, name who will "
     "follow up and give a realistic timeframe.",
     {"Here is what we can do today and what will happen next.",
      "Our nurse needs to review your chart first.", NULL}},
    {"Summarize the next steps clearly, then ask whether the caller needs anything else.",
     {"You are scheduled for next Tuesday at 10 a.m., and I have flagged your prescription "
      "question for our nurse.",
      "Did we cover everything for today?", "Is there anything else I can help you with?",
      NULL}},
    {"Record the call date and time, each request, the action taken, the next steps and any "
     "escalation, as Patient Request > Action Taken > Next Steps or Follow-Up.",
     {NULL}},
    {"The call is documented and closed.", {NULL}},
};

static char *copy_or_fail(const char *text, fcr_status *status)
{
    if (*status != FCR_OK || text == NULL)
        return NULL;
    char *copy = fcr__strdup(text);
    if (copy == NULL)
        *status = fcr__error_nomem();
    return copy;
}

static fcr_status add_comma_list(fcr__string_list *list, const char *items)
{
    const char *start = items;
    while (*start != '\0') {
        const char *end = strchr(start, ',');
        size_t length = end == NULL ? strlen(start) : (size_t)(end - start);
        fcr_status status = fcr__string_list_add(list, start, length);
        if (status != FCR_OK)
            return status;
        start += length;
        if (*start == ',')
            start++;
    }
    return FCR_OK;
}

static fcr_status set_identifiers(fcr_policy *policy)
{
    size_t count = FCR__ARRAY_SIZE(default_identifiers);
    policy->identifier_types = fcr__calloc(count, sizeof *policy->identifier_types);
    if (policy->identifier_types == NULL)
        return fcr__error_nomem();

    fcr_status status = FCR_OK;
    for (size_t i = 0; i < count && status == FCR_OK; i++) {
        fcr__identifier_type *type = &policy->identifier_types[i];
        type->id = copy_or_fail(default_identifiers[i].id, &status);
        type->label = copy_or_fail(default_identifiers[i].label, &status);
        type->person_specific = default_identifiers[i].person_specific;
        policy->identifier_type_count = i + 1;
    }
    return status;
}

static fcr_status set_categories(fcr_policy *policy)
{
    size_t count = FCR__ARRAY_SIZE(default_categories);
    policy->categories = fcr__calloc(count, sizeof *policy->categories);
    if (policy->categories == NULL)
        return fcr__error_nomem();

    fcr_status status = FCR_OK;
    for (size_t i = 0; i < count && status == FCR_OK; i++) {
        const struct default_category *source = &default_categories[i];
        fcr__category *category = &policy->categories[i];
        policy->category_count = i + 1;
        category->id = copy_or_fail(source->id, &status);
        category->label = copy_or_fail(source->label, &status);
        category->escalate_to = copy_or_fail(source->escalate_to, &status);
        category->clinical = source->clinical;
        if (status == FCR_OK)
            status = add_comma_list(&category->tools, source->tools);
    }
    return status;
}

static fcr_status set_roles(fcr_policy *policy)
{
    size_t count = FCR__ARRAY_SIZE(default_roles);
    policy->roles = fcr__calloc(count, sizeof *policy->roles);
    if (policy->roles == NULL)
        return fcr__error_nomem();

    fcr_status status = FCR_OK;
    for (size_t i = 0; i < count && status == FCR_OK; i++) {
        fcr__role *role = &policy->roles[i];
        policy->role_count = i + 1;
        role->id = copy_or_fail(default_roles[i].id, &status);
        role->label = copy_or_fail(default_roles[i].label, &status);
        role->clinical = default_roles[i].clinical;
        if (status == FCR_OK)
            status = add_comma_list(&role->resolves, default_roles[i].resolves);
    }
    return status;
}

static fcr_status set_targets(fcr_policy *policy)
{
    size_t count = FCR__ARRAY_SIZE(default_targets);
    policy->targets = fcr__calloc(count, sizeof *policy->targets);
    if (policy->targets == NULL)
        return fcr__error_nomem();

    fcr_status status = FCR_OK;
    for (size_t i = 0; i < count && status == FCR_OK; i++) {
        fcr__target *target = &policy->targets[i];
        policy->target_count = i + 1;
        target->id = copy_or_fail(default_targets[i].id, &status);
        target->label = copy_or_fail(default_targets[i].label, &status);
        target->callback.minutes = default_targets[i].minutes;
        target->callback.days = default_targets[i].days;
    }
    return status;
}

static fcr_status set_checklist(fcr_policy *policy)
{
    for (size_t i = 0; i < FCR__ITEM_COUNT; i++) {
        policy->weights[i] = 1.0;
        policy->critical[i] = false;
    }
    policy->critical[FCR__ITEM_IDENTITY_VERIFIED] = true;

    static const struct {
        const char *name;
        double from;
    } bands[] = {
        {"needs improvement", 0.0},
        {"meets expectations", 75.0},
        {"exceeds expectations", 90.0},
    };
    policy->bands = fcr__calloc(FCR__ARRAY_SIZE(bands), sizeof *policy->bands);
    if (policy->bands == NULL)
        return fcr__error_nomem();

    fcr_status status = FCR_OK;
    for (size_t i = 0; i < FCR__ARRAY_SIZE(bands) && status == FCR_OK; i++) {
        policy->band_count = i + 1;
        policy->bands[i].name = copy_or_fail(bands[i].name, &status);
        policy->bands[i].from = bands[i].from;
    }
    return status;
}

static fcr_status set_phrases(fcr_policy *policy)
{
    fcr_status status = FCR_OK;
    for (size_t step = 0; step < FCR__STEP_COUNT && status == FCR_OK; step++) {
        fcr__phrases *target = &policy->phrases[step];
        target->prompt = copy_or_fail(default_phrases[step].prompt, &status);
        for (size_t i = 0; status == FCR_OK && default_phrases[step].phrases[i] != NULL; i++) {
            const char *phrase = default_phrases[step].phrases[i];
            status = fcr__string_list_add(&target->phrases, phrase, strlen(phrase));
        }
    }
    return status;
}

static fcr_status set_office_hours(fcr_policy *policy)
{
    /* Monday to Friday, 08:00 to 17:00, in UTC until the practice names
     * its own zone. */
    for (int day = 1; day <= 5; day++) {
        policy->office.week[day].count = 1;
        policy->office.week[day].open[0] = 8 * 60;
        policy->office.week[day].close[0] = 17 * 60;
    }
    return FCR_OK;
}

const char *fcr__policy_default_id(fcr__policy_section section, size_t index)
{
    switch (section) {
    case FCR__SECTION_IDENTIFIER_TYPES:
        return index < FCR__ARRAY_SIZE(default_identifiers) ? default_identifiers[index].id : NULL;
    case FCR__SECTION_ROLES:
        return index < FCR__ARRAY_SIZE(default_roles) ? default_roles[index].id : NULL;
    case FCR__SECTION_CATEGORIES:
        return index < FCR__ARRAY_SIZE(default_categories) ? default_categories[index].id : NULL;
    case FCR__SECTION_TARGETS:
        return index < FCR__ARRAY_SIZE(default_targets) ? default_targets[index].id : NULL;
    default:
        return NULL;
    }
}

fcr_status fcr__policy_set_defaults(fcr_policy *policy)
{
    policy->required_identifiers = 2;
    policy->documentation_window_ms = INT64_C(30) * 60 * 1000;

    fcr_status status = set_identifiers(policy);
    if (status == FCR_OK)
        status = set_categories(policy);
    if (status == FCR_OK)
        status = set_roles(policy);
    if (status == FCR_OK)
        status = set_targets(policy);
    if (status == FCR_OK)
        status = set_checklist(policy);
    if (status == FCR_OK)
        status = set_phrases(policy);
    if (status == FCR_OK)
        status = set_office_hours(policy);
    return status;
}
