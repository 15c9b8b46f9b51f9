/* SPDX-License-Identifier: MIT */
/* Loading fcr.policy/1 documents over the defaults: overlay rules, every
 * section, due times in a zone with daylight-saving time, errors, the
 * written form, files, phrases and sharing with calls. */
#include <stdio.h>
#include <string.h>

#include "test_support.h"

/* Loads `json` and fails the test with the library's message unless it
 * loads. */
static fcr_policy *load_ok(const char *json)
{
    fcr_policy *policy = NULL;
    fcr_status status = fcr_policy_load(&policy, json, strlen(json), "test.json");
    if (status != FCR_OK)
        fail_msg("loading %s failed with %s: %s", json, fcr_strerror(status), fcr_last_error());
    return policy;
}

/* Checks that `json` fails to load with `expected`, that the message contains
 * `fragment` and that no policy comes back. */
static void assert_load_fails(const char *json, fcr_status expected, const char *fragment)
{
    fcr_policy *policy = NULL;
    fcr_status status = fcr_policy_load(&policy, json, strlen(json), "test.json");
    if (status != expected)
        fail_msg("loading %s gave %s, expected %s: %s", json, fcr_strerror(status),
                 fcr_strerror(expected), fcr_last_error());
    assert_null(policy);
    if (fragment != NULL && strstr(fcr_last_error(), fragment) == NULL)
        fail_msg("message \"%s\" lacks \"%s\"", fcr_last_error(), fragment);
}

static void assert_due(const fcr_policy *policy, const char *target, const char *from,
                       const char *expected)
{
    fcr_time due = 0;
    fcr_status status = fcr_policy_due_time(&due, policy, target, test_time(from));
    if (status != FCR_OK)
        fail_msg("due time of %s from %s failed with %s: %s", target, from, fcr_strerror(status),
                 fcr_last_error());

    if (due != test_time(expected)) {
        char text[FCR_TIME_TEXT_SIZE];
        fcr_time_format(text, sizeof text, due);
        fail_msg("%s from %s is due %s, expected %s", target, from, text, expected);
    }
}

static char *policy_json(const fcr_policy *policy)
{
    char *json = NULL;
    if (fcr_policy_to_json(&json, policy) != FCR_OK)
        fail_msg("fcr_policy_to_json failed: %s", fcr_last_error());
    return json;
}

/* Whether a caller who confirmed the given identifier types counts as
 * verified under `policy`. */
static int verified_with(fcr_policy *policy, const char *identifiers_json)
{
    fcr_call *call = NULL;
    assert_int_equal(fcr_call_new(&call, policy, FCR_MODE_REPLAY, "call-1",
                                  test_time("2026-11-10T14:00:00Z")),
                     FCR_OK);

    char event[256];
    snprintf(event, sizeof event,
             "{\"type\":\"identity_verified\",\"at\":\"2026-11-10T14:00:30Z\","
             "\"identifiers\":%s}",
             identifiers_json);
    test_record_ok(call, event);

    int verified = fcr_call_identity_verified(call);
    fcr_call_free(call);
    return verified;
}

/* --- overlay rules ------------------------------------------------------- */

static void test_policy_load__empty_document_is_defaults(void **state)
{
    (void)state;
    fcr_policy *defaults = NULL;
    assert_int_equal(fcr_policy_new(&defaults), FCR_OK);
    fcr_policy *loaded = load_ok("{\"format\": \"fcr.policy/1\"}");

    char *expected = policy_json(defaults);
    char *actual = policy_json(loaded);
    assert_string_equal(actual, expected);

    fcr_free(expected);
    fcr_free(actual);
    fcr_policy_free(defaults);
    fcr_policy_free(loaded);
}

static void test_policy_load__entry_updates_given_fields(void **state)
{
    (void)state;
    fcr_policy *policy = load_ok("{\"format\": \"fcr.policy/1\","
                                 " \"categories\": {\"refill\": {\"label\": \"refill request\"}},"
                                 " \"targets\": {\"nurse_triage\": {\"callback\": \"2h\"}},"
                                 " \"roles\": {\"nurse\": {\"label\": \"registered nurse\"}}}");

    assert_string_equal(fcr_policy_label(policy, FCR_POLICY_CATEGORY, "refill"), "refill request");
    assert_string_equal(fcr_policy_default_target(policy, "refill"), "nurse_triage");
    assert_true(fcr_policy_role_may_resolve(policy, "front_desk", "refill"));

    assert_string_equal(fcr_policy_label(policy, FCR_POLICY_TARGET, "nurse_triage"), "nurse triage");
    assert_due(policy, "nurse_triage", "2026-11-13T16:30:00Z", "2026-11-16T09:30:00Z");

    assert_string_equal(fcr_policy_label(policy, FCR_POLICY_ROLE, "nurse"), "registered nurse");
    assert_true(fcr_policy_role_may_resolve(policy, "nurse", "symptoms"));
    assert_false(fcr_policy_role_may_resolve(policy, "nurse", "billing"));
    fcr_policy_free(policy);
}

static void test_policy_load__identifier_update_keeps_kind(void **state)
{
    (void)state;
    /* Relabelling a location must not turn it into a person-specific type. */
    fcr_policy *policy = load_ok("{\"format\": \"fcr.policy/1\", \"identity\": {"
                                 "\"identifier_types\": {\"room\": {\"label\": \"ward room\"},"
                                 " \"phone\": {\"label\": \"callback number\"}}}}");

    assert_string_equal(fcr_policy_label(policy, FCR_POLICY_IDENTIFIER_TYPE, "room"), "ward room");
    assert_string_equal(fcr_policy_label(policy, FCR_POLICY_IDENTIFIER_TYPE, "phone"), "callback number");
    assert_false(verified_with(policy, "[\"name\", \"room\"]"));
    assert_true(verified_with(policy, "[\"name\", \"phone\"]"));
    fcr_policy_free(policy);
}

static void test_policy_load__new_ids_added(void **state)
{
    (void)state;
    fcr_policy *policy = load_ok(
        "{\"format\": \"fcr.policy/1\","
        " \"targets\": {\"dental_office\": {\"label\": \"dental office\", \"callback\": \"90m\"}},"
        " \"categories\": {\"dental\": {\"label\": \"dental\", \"clinical\": false,"
        "   \"tools\": [\"dental_schedule\"], \"escalate_to\": \"dental_office\"}},"
        " \"roles\": {\"scheduler\": {\"label\": \"scheduler\", \"clinical\": false,"
        "   \"resolves\": [\"scheduling\", \"dental\"]}},"
        " \"identity\": {\"identifier_types\": {\"passport\": {\"label\": \"passport number\"}}}}");

    assert_true(fcr_policy_has_category(policy, "dental"));
    assert_string_equal(fcr_policy_default_target(policy, "dental"), "dental_office");
    assert_string_equal(fcr_policy_label(policy, FCR_POLICY_TARGET, "dental_office"), "dental office");
    assert_true(fcr_policy_role_may_resolve(policy, "scheduler", "dental"));
    assert_true(fcr_policy_role_may_resolve(policy, "scheduler", "scheduling"));
    assert_false(fcr_policy_role_may_resolve(policy, "scheduler", "refill"));
    assert_false(fcr_policy_role_may_resolve(policy, "front_desk", "dental"));
    assert_due(policy, "dental_office", "2026-11-13T16:30:00Z", "2026-11-16T09:00:00Z");

    /* A new identifier type is person-specific unless the entry sets person_specific. */
    assert_string_equal(fcr_policy_label(policy, FCR_POLICY_IDENTIFIER_TYPE, "passport"), "passport number");
    assert_true(verified_with(policy, "[\"name\", \"passport\"]"));

    /* The defaults are still there. */
    assert_true(fcr_policy_has_category(policy, "refill"));
    assert_true(fcr_policy_role_may_resolve(policy, "front_desk", "scheduling"));
    fcr_policy_free(policy);
}

static void test_policy_load__new_entry_without_label(void **state)
{
    (void)state;
    fcr_policy *policy = load_ok("{\"format\": \"fcr.policy/1\","
                                 " \"targets\": {\"lab\": {\"callback\": \"1d\"}}}");
    assert_string_equal(fcr_policy_label(policy, FCR_POLICY_TARGET, "lab"), "lab");
    assert_due(policy, "lab", "2026-11-10T14:00:00Z", "2026-11-11T14:00:00Z");
    fcr_policy_free(policy);
}

static void test_policy_load__null_removes_entries(void **state)
{
    (void)state;
    fcr_policy *policy = load_ok(
        "{\"format\": \"fcr.policy/1\","
        " \"targets\": {\"prior_authorization\": null},"
        " \"roles\": {\"medical_assistant\": null,"
        "   \"billing_specialist\": {\"resolves\": [\"insurance\", \"other\"]},"
        "   \"provider\": {\"resolves\": [\"refill\", \"symptoms\"]}},"
        " \"identity\": {\"identifier_types\": {\"email\": null}},"
        " \"categories\": {\"billing\": null}}");

    assert_null(fcr_policy_label(policy, FCR_POLICY_TARGET, "prior_authorization"));
    fcr_time due = 0;
    assert_int_equal(fcr_policy_due_time(&due, policy, "prior_authorization",
                                         test_time("2026-11-10T14:00:00Z")),
                     FCR_ENOTFOUND);

    assert_null(fcr_policy_label(policy, FCR_POLICY_ROLE, "medical_assistant"));
    assert_false(fcr_policy_role_may_resolve(policy, "medical_assistant", "scheduling"));
    assert_null(fcr_policy_label(policy, FCR_POLICY_IDENTIFIER_TYPE, "email"));
    assert_false(fcr_policy_has_category(policy, "billing"));

    /* The billing target stays: only the category was removed. */
    assert_string_equal(fcr_policy_label(policy, FCR_POLICY_TARGET, "billing"), "billing office");
    assert_null(fcr_policy_label(policy, FCR_POLICY_CATEGORY, "billing"));
    assert_false(fcr_policy_role_may_resolve(policy, "provider", "scheduling"));
    assert_true(fcr_policy_role_may_resolve(policy, "provider", "symptoms"));
    fcr_policy_free(policy);
}

/* --- sections ------------------------------------------------------------ */

static void test_policy_load__identity_section(void **state)
{
    (void)state;
    fcr_policy *policy = load_ok("{\"format\": \"fcr.policy/1\", \"identity\": {"
                                 "\"required_identifiers\": 3,"
                                 " \"identifier_types\": {\"bed\": null,"
                                 "   \"wristband\": {\"label\": \"wristband\","
                                 "                   \"person_specific\": false}}}}");

    assert_int_equal(fcr_policy_required_identifiers(policy), 3);
    assert_null(fcr_policy_label(policy, FCR_POLICY_IDENTIFIER_TYPE, "bed"));
    assert_string_equal(fcr_policy_label(policy, FCR_POLICY_IDENTIFIER_TYPE, "wristband"), "wristband");
    assert_false(verified_with(policy, "[\"name\", \"date_of_birth\", \"wristband\"]"));
    assert_true(verified_with(policy, "[\"name\", \"date_of_birth\", \"phone\"]"));
    fcr_policy_free(policy);
}

static void test_policy_load__roles_section(void **state)
{
    (void)state;
    fcr_policy *policy = load_ok("{\"format\": \"fcr.policy/1\", \"roles\": {"
                                 "\"front_desk\": {\"resolves\": [\"scheduling\"]},"
                                 " \"medical_assistant\": {\"clinical\": true,"
                                 "   \"resolves\": [\"symptoms\", \"refill\"]}}}");

    assert_true(fcr_policy_role_may_resolve(policy, "front_desk", "scheduling"));
    assert_false(fcr_policy_role_may_resolve(policy, "front_desk", "refill"));
    assert_true(fcr_policy_role_may_resolve(policy, "medical_assistant", "symptoms"));
    assert_true(fcr_policy_role_may_resolve(policy, "medical_assistant", "refill"));
    assert_false(fcr_policy_role_may_resolve(policy, "medical_assistant", "scheduling"));
    assert_string_equal(fcr_policy_label(policy, FCR_POLICY_ROLE, "medical_assistant"), "medical assistant");
    fcr_policy_free(policy);
}

static void test_policy_load__categories_section(void **state)
{
    (void)state;
    fcr_policy *policy = load_ok("{\"format\": \"fcr.policy/1\", \"categories\": {"
                                 "\"refill\": {\"clinical\": true, \"escalate_to\": \"provider\","
                                 "  \"tools\": [\"emr\", \"pharmacy_portal\"]}}}");

    /* A clinical category needs a clinical role even when the role lists it. */
    assert_false(fcr_policy_role_may_resolve(policy, "front_desk", "refill"));
    assert_true(fcr_policy_role_may_resolve(policy, "nurse", "refill"));
    assert_string_equal(fcr_policy_default_target(policy, "refill"), "provider");
    assert_string_equal(fcr_policy_label(policy, FCR_POLICY_CATEGORY, "refill"), "prescription refill");

    char *json = policy_json(policy);
    assert_non_null(strstr(json, "\"pharmacy_portal\""));
    fcr_free(json);
    fcr_policy_free(policy);
}

static void test_policy_load__targets_section(void **state)
{
    (void)state;
    fcr_policy *policy = load_ok("{\"format\": \"fcr.policy/1\", \"targets\": {"
                                 "\"provider\": {\"label\": \"doctor\", \"callback\": \"1d4h\"},"
                                 " \"records\": {\"callback\": \"1h30m\"}}}");

    assert_string_equal(fcr_policy_label(policy, FCR_POLICY_TARGET, "provider"), "doctor");
    /* One business day to Wednesday 14:00, then 3 hours to closing and 1 on Thursday. */
    assert_due(policy, "provider", "2026-11-10T14:00:00Z", "2026-11-12T09:00:00Z");
    assert_due(policy, "records", "2026-11-10T16:00:00Z", "2026-11-11T08:30:00Z");
    fcr_policy_free(policy);
}

static void test_policy_load__office_hours_section(void **state)
{
    (void)state;
    fcr_policy *policy = load_ok("{\"format\": \"fcr.policy/1\", \"office\": {\"hours\": {"
                                 "\"friday\": [\"08:00-12:00\", \"13:00-15:00\"],"
                                 " \"saturday\": [\"09:00-12:00\"], \"monday\": []}}}");

    /* Friday 14:30: 30 minutes, Saturday 3 hours, Tuesday 30 minutes. */
    assert_due(policy, "nurse_triage", "2026-11-13T14:30:00Z", "2026-11-17T08:30:00Z");
    /* The lunch break does not count. */
    assert_due(policy, "nurse_triage", "2026-11-13T10:00:00Z", "2026-11-13T15:00:00Z");
    /* Days that are not named keep the default hours. */
    assert_due(policy, "nurse_triage", "2026-11-11T08:00:00Z", "2026-11-11T12:00:00Z");
    fcr_policy_free(policy);
}

static void test_policy_load__fixed_offset_zone(void **state)
{
    (void)state;
    fcr_policy *policy = load_ok("{\"format\": \"fcr.policy/1\","
                                 " \"office\": {\"time_zone\": \"+05:30\"}}");

    assert_string_equal(fcr_policy_time_zone(policy), "+05:30");
    assert_int_equal(fcr_policy_utc_offset(policy, test_time("2026-11-10T00:00:00Z")), 19800);
    /* 08:00 local is 02:30 UTC. */
    assert_due(policy, "nurse_triage", "2026-11-10T00:00:00Z", "2026-11-10T06:30:00Z");
    fcr_policy_free(policy);
}

static void test_policy_load__documentation_window(void **state)
{
    (void)state;
    fcr_policy *policy = load_ok("{\"format\": \"fcr.policy/1\", \"documentation_window\": \"2h\"}");
    char *json = policy_json(policy);
    assert_non_null(strstr(json, "\"documentation_window\": \"2h\""));
    fcr_free(json);
    fcr_policy_free(policy);
}

static void test_policy_load__checklist_section(void **state)
{
    (void)state;
    fcr_policy *policy = load_ok(
        "{\"format\": \"fcr.policy/1\", \"checklist\": {"
        "\"weights\": {\"documented\": 2.5, \"open_questions\": 0},"
        " \"critical\": [\"identity_verified\", \"documented\"],"
        " \"bands\": [{\"name\": \"fail\", \"from\": 0}, {\"name\": \"pass\", \"from\": 62.5}]}}");

    char *json = policy_json(policy);
    assert_non_null(strstr(json, "\"documented\": 2.5"));
    assert_non_null(strstr(json, "\"open_questions\": 0"));
    assert_non_null(strstr(json, "\"concern_restated\": 1"));
    assert_non_null(strstr(json, "\"critical\": [\n      \"identity_verified\",\n      \"documented\"\n    ]"));
    assert_non_null(strstr(json, "\"name\": \"pass\",\n        \"from\": 62.5"));
    assert_null(strstr(json, "meets expectations"));
    fcr_free(json);
    fcr_policy_free(policy);
}

static void test_policy_load__phrases_section(void **state)
{
    (void)state;
    fcr_policy *policy = load_ok("{\"format\": \"fcr.policy/1\", \"phrases\": {"
                                 "\"clarify\": {\"prompt\": \"Listen first.\","
                                 "  \"phrases\": [\"What can I do for you?\"]},"
                                 " \"recap\": {\"phrases\": []}}}");

    fcr_call *call = NULL;
    assert_int_equal(fcr_call_new(&call, policy, FCR_MODE_LIVE, "call-1",
                                  test_time("2026-11-10T14:00:00Z")),
                     FCR_OK);
    fcr_guidance *guidance = NULL;
    assert_int_equal(fcr_guidance_new(&guidance, call), FCR_OK);
    assert_string_equal(fcr_guidance_prompt(guidance), "Listen first.");
    assert_int_equal(fcr_guidance_phrase_count(guidance), 1);
    assert_string_equal(fcr_guidance_phrase(guidance, 0), "What can I do for you?");
    fcr_guidance_free(guidance);
    fcr_call_free(call);

    char *json = policy_json(policy);
    /* The recap prompt is kept, its phrases are gone. */
    assert_non_null(strstr(json, "Summarize the next steps clearly"));
    assert_null(strstr(json, "Did we cover everything for today?"));
    fcr_free(json);
    fcr_policy_free(policy);
}

/* --- due times in America/New_York --------------------------------------- */

#define NEW_YORK "{\"format\": \"fcr.policy/1\", \"office\": {\"time_zone\": \"America/New_York\"}}"

static void test_policy_load__new_york_offsets(void **state)
{
    (void)state;
    fcr_policy *policy = load_ok(NEW_YORK);
    assert_string_equal(fcr_policy_time_zone(policy), "America/New_York");
    assert_int_equal(fcr_policy_utc_offset(policy, test_time("2026-01-15T12:00:00Z")), -5 * 3600);
    assert_int_equal(fcr_policy_utc_offset(policy, test_time("2026-07-15T12:00:00Z")), -4 * 3600);
    /* The changes happen at 02:00 local: 07:00Z in March and 06:00Z in November. */
    assert_int_equal(fcr_policy_utc_offset(policy, test_time("2026-03-08T06:59:59Z")), -5 * 3600);
    assert_int_equal(fcr_policy_utc_offset(policy, test_time("2026-03-08T07:00:00Z")), -4 * 3600);
    assert_int_equal(fcr_policy_utc_offset(policy, test_time("2026-11-01T05:59:59Z")), -4 * 3600);
    assert_int_equal(fcr_policy_utc_offset(policy, test_time("2026-11-01T06:00:00Z")), -5 * 3600);
    fcr_policy_free(policy);
}

static void test_policy_load__spring_forward_weekend(void **state)
{
    (void)state;
    fcr_policy *policy = load_ok(NEW_YORK);
    /* Friday 16:30 EST plus 4 business hours is Monday 11:30 EDT. */
    assert_due(policy, "nurse_triage", "2026-03-06T21:30:00Z", "2026-03-09T15:30:00Z");
    /* Friday 14:00 EST plus one business day is Monday 14:00 EDT. */
    assert_due(policy, "provider", "2026-03-06T19:00:00Z", "2026-03-09T18:00:00Z");
    /* Saturday counts from Monday 08:00 EDT. */
    assert_due(policy, "nurse_triage", "2026-03-07T15:00:00Z", "2026-03-09T16:00:00Z");
    fcr_policy_free(policy);
}

static void test_policy_load__fall_back_weekend(void **state)
{
    (void)state;
    fcr_policy *policy = load_ok(NEW_YORK);
    /* Friday 16:30 EDT plus 4 business hours is Monday 11:30 EST. */
    assert_due(policy, "nurse_triage", "2026-10-30T20:30:00Z", "2026-11-02T16:30:00Z");
    /* Friday 14:00 EDT plus one business day is Monday 14:00 EST. */
    assert_due(policy, "provider", "2026-10-30T18:00:00Z", "2026-11-02T19:00:00Z");
    fcr_policy_free(policy);
}

static void test_policy_load__holiday_skipped(void **state)
{
    (void)state;
    fcr_policy *policy = load_ok("{\"format\": \"fcr.policy/1\", \"office\": {"
                                 "\"time_zone\": \"America/New_York\","
                                 " \"holidays\": [\"2026-12-25\", \"2026-11-26\"]}}");

    /* Wednesday before Thanksgiving, 16:30 EST: 30 minutes, then Friday. */
    assert_due(policy, "nurse_triage", "2026-11-25T21:30:00Z", "2026-11-27T16:30:00Z");
    assert_due(policy, "provider", "2026-11-25T15:00:00Z", "2026-11-27T15:00:00Z");
    /* Christmas on a Friday: Thursday 16:00 EST plus 4 hours is Monday 11:00. */
    assert_due(policy, "nurse_triage", "2026-12-24T21:00:00Z", "2026-12-28T16:00:00Z");

    char *json = policy_json(policy);
    assert_non_null(strstr(json, "\"holidays\": [\n      \"2026-11-26\",\n      \"2026-12-25\"\n    ]"));
    fcr_free(json);
    fcr_policy_free(policy);
}

/* --- errors -------------------------------------------------------------- */

static void test_policy_load__malformed_json(void **state)
{
    (void)state;
    assert_load_fails("{\"format\": \"fcr.policy/1\",\n  \"roles\": {,}\n}", FCR_EPARSE, "test.json");
    assert_int_equal(fcr_last_error_line(), 2);
    assert_int_equal(fcr_last_error_column(), 13);
    assert_string_equal(fcr_last_error_field(), "roles");

    assert_load_fails("", FCR_EPARSE, NULL);
    assert_load_fails("{\"format\": \"fcr.policy/1\"", FCR_EPARSE, NULL);
    assert_load_fails("{\"format\": \"fcr.policy/1\"} {}", FCR_EPARSE, NULL);
    assert_load_fails("[]", FCR_ERECORD, NULL);
}

static void test_policy_load__wrong_types(void **state)
{
    (void)state;
    assert_load_fails("{\"identity\": {\"required_identifiers\": \"2\"}}", FCR_ERECORD,
                      "identity.required_identifiers");
    assert_string_equal(fcr_last_error_field(), "identity.required_identifiers");

    assert_load_fails("{\"roles\": {\"nurse\": {\"clinical\": \"yes\"}}}", FCR_ERECORD,
                      "roles.nurse.clinical");
    assert_load_fails("{\"roles\": {\"nurse\": {\"resolves\": \"refill\"}}}", FCR_ERECORD,
                      "roles.nurse.resolves");
    assert_load_fails("{\"roles\": {\"nurse\": {\"resolves\": [\"refill\", 3]}}}", FCR_ERECORD,
                      "roles.nurse.resolves[1]");
    assert_load_fails("{\"categories\": {\"refill\": [\"emr\"]}}", FCR_ERECORD,
                      "categories.refill");
    assert_load_fails("{\"targets\": {\"records\": {\"callback\": 4}}}", FCR_ERECORD,
                      "targets.records.callback");
    assert_load_fails("{\"office\": {\"holidays\": [20261225]}}", FCR_ERECORD,
                      "office.holidays[0]");
    assert_load_fails("{\"checklist\": {\"weights\": {\"documented\": \"2\"}}}", FCR_ERECORD,
                      "checklist.weights.documented");
    assert_load_fails("{\"identity\": {\"required_identifiers\": 2.5}}", FCR_ERECORD,
                      "identity.required_identifiers");
    assert_load_fails("{\"identity\": {\"required_identifiers\": 0}}", FCR_ERECORD,
                      "identity.required_identifiers");
    assert_load_fails("{\"checklist\": {\"weights\": {\"documented\": -1}}}", FCR_ERECORD,
                      "checklist.weights.documented");
}

static void test_policy_load__unknown_field(void **state)
{
    (void)state;
    const char *json = "{\n"
                       "  \"format\": \"fcr.policy/1\",\n"
                       "  \"categories\": {\n"
                       "    \"refill\": {\"lable\": \"refill request\"}\n"
                       "  }\n"
                       "}\n";
    assert_load_fails(json, FCR_ERECORD, "categories.refill.lable");
    assert_non_null(strstr(fcr_last_error(), "label, clinical, tools, escalate_to"));
    assert_string_equal(fcr_last_error_field(), "categories.refill.lable");
    assert_int_equal(fcr_last_error_line(), 4);
    assert_int_equal(fcr_last_error_column(), 16);
}

static void test_policy_load__unknown_field_everywhere(void **state)
{
    (void)state;
    assert_load_fails("{\"offices\": {}}", FCR_ERECORD, "format, identity, roles");
    assert_string_equal(fcr_last_error_field(), "offices");
    assert_int_equal(fcr_last_error_line(), 1);
    assert_int_equal(fcr_last_error_column(), 2);

    assert_load_fails("{\"identity\": {\"required\": 2}}", FCR_ERECORD,
                      "required_identifiers, identifier_types");
    assert_load_fails("{\"identity\": {\"identifier_types\": {\"name\": {\"kind\": 1}}}}",
                      FCR_ERECORD, "label, person_specific");
    assert_load_fails("{\"roles\": {\"nurse\": {\"scope\": []}}}", FCR_ERECORD,
                      "label, clinical, resolves");
    assert_load_fails("{\"targets\": {\"records\": {\"due\": \"1d\"}}}", FCR_ERECORD,
                      "label, callback");
    assert_load_fails("{\"office\": {\"zone\": \"UTC\"}}", FCR_ERECORD, "time_zone, hours, holidays");
    assert_load_fails("{\"office\": {\"hours\": {\"mon\": []}}}", FCR_ERECORD, "monday, tuesday");
    assert_load_fails("{\"checklist\": {\"weight\": {}}}", FCR_ERECORD, "weights, critical, bands");
    assert_load_fails("{\"checklist\": {\"weights\": {\"greeting\": 1}}}", FCR_ERECORD,
                      "open_questions, concern_restated");
    assert_load_fails("{\"checklist\": {\"critical\": [\"greeting\"]}}", FCR_ERECORD,
                      "open_questions, concern_restated");
    assert_load_fails("{\"checklist\": {\"bands\": [{\"name\": \"a\", \"from\": 0, \"to\": 50}]}}",
                      FCR_ERECORD, "name, from");
    assert_load_fails("{\"phrases\": {\"greet\": {}}}", FCR_ERECORD, "clarify, check_authority");
    assert_load_fails("{\"phrases\": {\"recap\": {\"text\": \"\"}}}", FCR_ERECORD, "prompt, phrases");
}

static void test_policy_load__unknown_critical_item(void **state)
{
    (void)state;
    assert_load_fails("{\n  \"checklist\": {\"critical\": [\"documented\", \"greeting\"]}\n}",
                      FCR_ERECORD, "unknown checklist item 'greeting'");
    assert_non_null(strstr(fcr_last_error(), "test.json:2:"));
    assert_string_equal(fcr_last_error_field(), "checklist.critical[1]");
    assert_int_equal(fcr_last_error_line(), 2);
    assert_int_equal(fcr_last_error_column(), 44);

    assert_load_fails("{\"checklist\": {\"critical\": [true]}}", FCR_ERECORD,
                      "checklist.critical[0]");
}

static void test_policy_load__invalid_ids(void **state)
{
    (void)state;
    assert_load_fails("{\"roles\": {\"Front Desk\": {}}}", FCR_ERECORD, "lower-case letters");
    assert_load_fails("{\"categories\": {\"\": {}}}", FCR_ERECORD, "lower-case letters");
    assert_load_fails("{\"roles\": {\"nurse\": {\"resolves\": [\"Refill\"]}}}", FCR_ERECORD,
                      "roles.nurse.resolves[0]");
}

static void test_policy_load__unknown_references(void **state)
{
    (void)state;
    assert_load_fails("{\"roles\": {\"nurse\": {\"resolves\": [\"dental\"]}}}", FCR_ERECORD,
                      "role nurse resolves unknown category 'dental'");
    assert_string_equal(fcr_last_error_field(), "roles.nurse.resolves[0]");
    /* Removing a category that roles still resolve leaves them dangling. */
    assert_load_fails("{\"categories\": {\"billing\": null}}", FCR_ERECORD,
                      "resolves unknown category 'billing'");
    assert_load_fails("{\"categories\": {\"refill\": {\"escalate_to\": \"pharmacist\"}}}",
                      FCR_ERECORD, "category refill escalates to unknown target 'pharmacist'");
    assert_string_equal(fcr_last_error_field(), "categories.refill.escalate_to");
    assert_load_fails("{\"targets\": {\"nurse_triage\": null}}", FCR_ERECORD,
                      "escalates to unknown target 'nurse_triage'");
}

static void test_policy_load__bad_durations(void **state)
{
    (void)state;
    const char *durations[] = {"4x", "h", "", "4h30", "-1h", "1.5h", "4 h", "h4", "99999999999m"};
    for (size_t i = 0; i < sizeof durations / sizeof durations[0]; i++) {
        char json[200];
        snprintf(json, sizeof json, "{\"targets\": {\"records\": {\"callback\": \"%s\"}}}",
                 durations[i]);
        assert_load_fails(json, FCR_ERECORD, "targets.records.callback is not a duration");
    }
    assert_load_fails("{\"documentation_window\": \"30 minutes\"}", FCR_ERECORD,
                      "documentation_window is not a duration");
}

static void test_policy_load__bad_hours(void **state)
{
    (void)state;
    assert_load_fails("{\"office\": {\"hours\": {\"monday\": [\"17:00-08:00\"]}}}", FCR_ERECORD,
                      "office.hours.monday[0] is not an opening interval");
    assert_load_fails("{\"office\": {\"hours\": {\"monday\": [\"08:00-08:00\"]}}}", FCR_ERECORD,
                      "office.hours.monday[0]");
    assert_load_fails("{\"office\": {\"hours\": {\"monday\": [\"8:00-17:00\"]}}}", FCR_ERECORD,
                      "office.hours.monday[0]");
    assert_load_fails("{\"office\": {\"hours\": {\"monday\": [\"08:00-24:30\"]}}}", FCR_ERECORD,
                      "office.hours.monday[0]");
    assert_load_fails("{\"office\": {\"hours\": {\"monday\": [\"08:60-17:00\"]}}}", FCR_ERECORD,
                      "office.hours.monday[0]");
    assert_load_fails("{\"office\": {\"hours\": {\"tuesday\": [\"08:00-12:00\", \"11:00-13:00\"]}}}",
                      FCR_ERECORD, "office.hours.tuesday[1] overlaps");
    assert_load_fails("{\"office\": {\"hours\": {\"tuesday\": [\"13:00-14:00\", \"08:00-12:00\"]}}}",
                      FCR_ERECORD, "office.hours.tuesday[1] overlaps or precedes");
    assert_load_fails("{\"office\": {\"hours\": {\"friday\": [\"06:00-07:00\", \"08:00-09:00\","
                      " \"10:00-11:00\", \"12:00-13:00\", \"14:00-15:00\"]}}}",
                      FCR_ERECORD, "at most 4 opening intervals");
    assert_string_equal(fcr_last_error_field(), "office.hours.friday[4]");

    /* Adjacent intervals, and a day open to midnight, are fine. */
    fcr_policy *policy = load_ok("{\"office\": {\"hours\": {\"monday\": [\"00:00-12:00\","
                                 " \"12:00-24:00\"]}}}");
    assert_due(policy, "nurse_triage", "2026-11-16T22:00:00Z", "2026-11-17T10:00:00Z");
    fcr_policy_free(policy);
}

static void test_policy_load__never_open(void **state)
{
    (void)state;
    fcr_policy *policy = load_ok("{\"office\": {\"hours\": {\"monday\": [], \"tuesday\": [],"
                                 " \"wednesday\": [], \"thursday\": [], \"friday\": []}}}");
    fcr_time due = 0;
    assert_int_equal(fcr_policy_due_time(&due, policy, "nurse_triage",
                                         test_time("2026-11-10T14:00:00Z")),
                     FCR_ERECORD);
    assert_int_equal(fcr_policy_due_time(&due, policy, "provider",
                                         test_time("2026-11-10T14:00:00Z")),
                     FCR_ERECORD);
    fcr_policy_free(policy);
}

static void test_policy_load__bad_holidays(void **state)
{
    (void)state;
    const char *dates[] = {"2026-02-30", "2026-13-01", "2026-00-10", "26-01-01",
                           "2026-1-01",  "2026/01/01", "0000-01-01", "2026-01-01T00:00:00Z"};
    for (size_t i = 0; i < sizeof dates / sizeof dates[0]; i++) {
        char json[200];
        snprintf(json, sizeof json, "{\"office\": {\"holidays\": [\"2026-12-25\", \"%s\"]}}",
                 dates[i]);
        assert_load_fails(json, FCR_ERECORD, "office.holidays[1] is not a valid date");
    }

    /* February 29 exists in leap years only. */
    fcr_policy *policy = load_ok("{\"office\": {\"holidays\": [\"2028-02-29\"]}}");
    fcr_policy_free(policy);
    assert_load_fails("{\"office\": {\"holidays\": [\"2027-02-29\"]}}", FCR_ERECORD, NULL);
}

static void test_policy_load__unknown_time_zone(void **state)
{
    (void)state;
    assert_load_fails("{\"office\": {\"time_zone\": \"Mars/Olympus_Mons\"}}", FCR_ENOTFOUND,
                      "office.time_zone");
    assert_string_equal(fcr_last_error_field(), "office.time_zone");
}

static void test_policy_load__zone_path_traversal(void **state)
{
    (void)state;
    const char *names[] = {"../etc/passwd", "America/../../etc/passwd", "/etc/passwd",
                           "America/New York"};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        char json[200];
        snprintf(json, sizeof json, "{\"office\": {\"time_zone\": \"%s\"}}", names[i]);
        assert_load_fails(json, FCR_ERECORD, "office.time_zone");
    }
}

static void test_policy_load__format_versions(void **state)
{
    (void)state;
    assert_load_fails("{\"format\": \"fcr.policy/2\"}", FCR_EVERSION, "upgrade libfcr");
    assert_string_equal(fcr_last_error_field(), "format");
    assert_load_fails("{\"format\": \"fcr.policy/10\"}", FCR_EVERSION, NULL);
    assert_load_fails("{\"format\": \"fcr.call/1\"}", FCR_ERECORD, "not a libfcr policy");
    assert_load_fails("{\"format\": 1}", FCR_ERECORD, "format");

    fcr_policy *policy = load_ok("{\"format\": \"fcr.policy/1.3\"}");
    fcr_policy_free(policy);
}

static void test_policy_load__zero_weights(void **state)
{
    (void)state;
    assert_load_fails("{\"checklist\": {\"weights\": {\"open_questions\": 0,"
                      " \"concern_restated\": 0, \"identity_verified\": 0,"
                      " \"resolution_attempted\": 0, \"escalated_only_when_necessary\": 0,"
                      " \"next_steps_explained\": 0, \"anything_else_asked\": 0,"
                      " \"documented\": 0}}}",
                      FCR_ERECORD, "every checklist weight is 0");
    assert_string_equal(fcr_last_error_field(), "checklist.weights");
}

static void test_policy_load__bad_bands(void **state)
{
    (void)state;
    assert_load_fails("{\"checklist\": {\"bands\": [{\"name\": \"a\", \"from\": 0},"
                      " {\"name\": \"b\", \"from\": 80}, {\"name\": \"c\", \"from\": 70}]}}",
                      FCR_ERECORD, "checklist.bands[2]: list bands in ascending order");
    assert_load_fails("{\"checklist\": {\"bands\": [{\"name\": \"a\", \"from\": 0},"
                      " {\"name\": \"b\", \"from\": 0}]}}",
                      FCR_ERECORD, "ascending order");
    assert_load_fails("{\"checklist\": {\"bands\": [{\"name\": \"a\", \"from\": 10}]}}",
                      FCR_ERECORD, "the first band must start from 0");
    assert_load_fails("{\"checklist\": {\"bands\": []}}", FCR_ERECORD, "start from 0");
    assert_load_fails("{\"checklist\": {\"bands\": [{\"name\": \"a\", \"from\": -10}]}}",
                      FCR_ERECORD, "start from 0");
    assert_load_fails("{\"checklist\": {\"bands\": [{\"name\": \"a\"}]}}", FCR_ERECORD,
                      "needs a name and a from score");
}

static void test_policy_load__too_many_identifiers(void **state)
{
    (void)state;
    /* The defaults have 7 person-specific types. */
    assert_load_fails("{\"identity\": {\"required_identifiers\": 8}}", FCR_ERECORD,
                      "required_identifiers is 8 but only 7 person-specific");
    assert_string_equal(fcr_last_error_field(), "identity.required_identifiers");

    assert_load_fails("{\"identity\": {\"required_identifiers\": 2, \"identifier_types\": {"
                      "\"date_of_birth\": null, \"medical_record_number\": null, \"phone\": null,"
                      " \"address\": null, \"email\": null, \"insurance_member_id\": null}}}",
                      FCR_ERECORD, "only 1 person-specific");

    fcr_policy *policy = load_ok("{\"identity\": {\"required_identifiers\": 7}}");
    assert_int_equal(fcr_policy_required_identifiers(policy), 7);
    fcr_policy_free(policy);
}

static void test_policy_load__null_arguments(void **state)
{
    (void)state;
    fcr_policy *policy = NULL;
    assert_int_equal(fcr_policy_load(NULL, "{}", 2, NULL), FCR_EINVAL);
    assert_int_equal(fcr_policy_load(&policy, NULL, 0, NULL), FCR_EINVAL);
    assert_int_equal(fcr_policy_load_file(&policy, NULL), FCR_EINVAL);
    assert_int_equal(fcr_policy_to_json(NULL, NULL), FCR_EINVAL);
    assert_null(policy);
}

static void test_policy_load__length_not_terminated(void **state)
{
    (void)state;
    /* Only `length` bytes are read, so the text after them does not count. */
    const char text[] = "{\"identity\": {\"required_identifiers\": 3}} garbage";
    fcr_policy *policy = NULL;
    assert_int_equal(fcr_policy_load(&policy, text, strlen(text) - 8, NULL), FCR_OK);
    assert_int_equal(fcr_policy_required_identifiers(policy), 3);
    fcr_policy_free(policy);
}

/* --- written form -------------------------------------------------------- */

static void assert_round_trip(fcr_policy *policy)
{
    char *first = policy_json(policy);
    fcr_policy *reloaded = load_ok(first);
    char *second = policy_json(reloaded);
    assert_string_equal(second, first);
    fcr_free(first);
    fcr_free(second);
    fcr_policy_free(reloaded);
}

static void test_policy_load__round_trip_defaults(void **state)
{
    (void)state;
    fcr_policy *policy = NULL;
    assert_int_equal(fcr_policy_new(&policy), FCR_OK);
    assert_round_trip(policy);
    fcr_policy_free(policy);
}

static void test_policy_load__round_trip_custom(void **state)
{
    (void)state;
    fcr_policy *policy = load_ok(
        "{\"format\": \"fcr.policy/1\","
        " \"identity\": {\"required_identifiers\": 3,"
        "   \"identifier_types\": {\"bed\": null, \"passport\": {\"person_specific\": true},"
        "   \"ward\": {\"label\": \"ward \\\"B\\\"\", \"person_specific\": false}}},"
        " \"targets\": {\"lab\": {\"callback\": \"1d90m\"}, \"records\": {\"callback\": \"45m\"},"
        "   \"provider\": {\"callback\": \"0m\"}},"
        " \"categories\": {\"lab_results\": {\"clinical\": true, \"tools\": [],"
        "   \"escalate_to\": \"lab\"}, \"other\": {\"label\": \"other \\u00e9\"}},"
        " \"roles\": {\"nurse\": {\"resolves\": [\"lab_results\", \"refill\"]}},"
        " \"office\": {\"time_zone\": \"America/New_York\","
        "   \"hours\": {\"saturday\": [\"09:00-12:00\", \"12:30-13:00\"], \"monday\": []},"
        "   \"holidays\": [\"2026-12-25\", \"2026-01-01\"]},"
        " \"documentation_window\": \"2d\","
        " \"checklist\": {\"weights\": {\"documented\": 0.1, \"open_questions\": 1e2},"
        "   \"critical\": [], \"bands\": [{\"name\": \"low\", \"from\": 0},"
        "   {\"name\": \"high\", \"from\": 66.6}]},"
        " \"phrases\": {\"closed\": {\"prompt\": \"Bye.\", \"phrases\": [\"Line\\nbreak\"]}}}");
    assert_round_trip(policy);
    fcr_policy_free(policy);
}

static void test_policy_load__removed_written_as_null(void **state)
{
    (void)state;
    fcr_policy *policy = load_ok("{\"targets\": {\"prior_authorization\": null},"
                                 " \"roles\": {\"medical_assistant\": null},"
                                 " \"identity\": {\"identifier_types\": {\"bed\": null}}}");
    char *json = policy_json(policy);
    assert_non_null(strstr(json, "\"prior_authorization\": null"));
    assert_non_null(strstr(json, "\"medical_assistant\": null"));
    assert_non_null(strstr(json, "\"bed\": null"));
    assert_null(strstr(json, "\"room\": null"));
    fcr_free(json);

    /* The defaults write no null entries. */
    fcr_policy *defaults = NULL;
    assert_int_equal(fcr_policy_new(&defaults), FCR_OK);
    json = policy_json(defaults);
    assert_null(strstr(json, "null"));
    fcr_free(json);
    fcr_policy_free(defaults);
    fcr_policy_free(policy);
}

/* --- files ------------------------------------------------------------- */

static void test_policy_load__missing_file(void **state)
{
    (void)state;
    const char *path = FCR_BINARY_DIR "/no-such-dir/policy.json";
    fcr_policy *policy = NULL;
    assert_int_equal(fcr_policy_load_file(&policy, path), FCR_EIO);
    assert_null(policy);
    assert_non_null(strstr(fcr_last_error(), path));
}

static void test_policy_load__file_errors_name_file(void **state)
{
    (void)state;
    const char *path = FCR_BINARY_DIR "/test_policy_load.json";
    FILE *file = fopen(path, "wb");
    assert_non_null(file);
    fputs("{\n  \"format\": \"fcr.policy/1\",\n  \"targets\": {\"lab\": {\"callback\": \"1d\"}}\n}\n",
          file);
    fclose(file);

    fcr_policy *policy = NULL;
    assert_int_equal(fcr_policy_load_file(&policy, path), FCR_OK);
    assert_string_equal(fcr_policy_label(policy, FCR_POLICY_TARGET, "lab"), "lab");
    fcr_policy_free(policy);

    file = fopen(path, "wb");
    assert_non_null(file);
    fputs("{\n  \"format\": \"fcr.policy/1\",\n  \"targets\": {\"lab\": {\"calback\": \"1d\"}}\n}\n",
          file);
    fclose(file);

    policy = NULL;
    assert_int_equal(fcr_policy_load_file(&policy, path), FCR_ERECORD);
    assert_null(policy);
    assert_non_null(strstr(fcr_last_error(), path));
    assert_int_equal(fcr_last_error_line(), 3);
    remove(path);
}

/* --- phrases and sharing -------------------------------------------------- */

static void test_policy_load__set_phrases(void **state)
{
    (void)state;
    fcr_policy *policy = NULL;
    assert_int_equal(fcr_policy_new(&policy), FCR_OK);

    const char *phrases[] = {"Anything else today?", "Have a good day."};
    assert_int_equal(fcr_policy_set_phrases(policy, FCR_STEP_RECAP, "Wrap up.", phrases, 2),
                     FCR_OK);
    /* A NULL prompt keeps the current one. */
    assert_int_equal(fcr_policy_set_phrases(policy, FCR_STEP_ACT, NULL, NULL, 0), FCR_OK);

    char *json = policy_json(policy);
    assert_non_null(strstr(json, "\"prompt\": \"Wrap up.\""));
    assert_non_null(strstr(json, "\"Have a good day.\""));
    assert_null(strstr(json, "Did we cover everything for today?"));
    assert_non_null(strstr(json, "Resolve what you can now."));
    assert_null(strstr(json, "Our nurse needs to review your chart first."));
    fcr_free(json);

    assert_int_equal(fcr_policy_set_phrases(policy, (fcr_step)6, NULL, NULL, 0), FCR_EINVAL);
    assert_int_equal(fcr_policy_set_phrases(policy, FCR_STEP_RECAP, NULL, NULL, 1), FCR_EINVAL);
    const char *invalid[] = {"caf\xc3"};
    assert_int_equal(fcr_policy_set_phrases(policy, FCR_STEP_RECAP, NULL, invalid, 1), FCR_EINVAL);

    fcr_call *call = NULL;
    assert_int_equal(fcr_call_new(&call, policy, FCR_MODE_LIVE, "call-1",
                                  test_time("2026-11-10T14:00:00Z")),
                     FCR_OK);
    assert_int_equal(fcr_policy_set_phrases(policy, FCR_STEP_RECAP, "Later.", NULL, 0), FCR_ESTATE);

    /* Freeing the call does not make the policy writable again. */
    fcr_call_free(call);
    assert_int_equal(fcr_policy_set_phrases(policy, FCR_STEP_RECAP, "Later.", NULL, 0), FCR_ESTATE);
    json = policy_json(policy);
    assert_non_null(strstr(json, "\"prompt\": \"Wrap up.\""));
    fcr_free(json);
    fcr_policy_free(policy);
}

static void test_policy_load__freed_policy_outlives_call(void **state)
{
    (void)state;
    fcr_policy *policy = load_ok("{\"targets\": {\"nurse_triage\": {\"label\": \"triage desk\"}}}");
    fcr_call *first = NULL;
    fcr_call *second = NULL;
    assert_int_equal(fcr_call_new(&first, policy, FCR_MODE_REPLAY, "call-1",
                                  test_time("2026-11-13T16:00:00Z")),
                     FCR_OK);
    assert_int_equal(fcr_call_new(&second, policy, FCR_MODE_REPLAY, "call-2",
                                  test_time("2026-11-13T16:00:00Z")),
                     FCR_OK);
    fcr_policy_free(policy);

    /* Both calls still reach the policy through their own references. */
    const fcr_policy *call_policy = fcr_call_policy(first);
    assert_string_equal(fcr_policy_label(call_policy, FCR_POLICY_TARGET, "nurse_triage"), "triage desk");
    fcr_call_free(first);

    test_record_ok(second, "{\"type\":\"concern_stated\",\"at\":\"2026-11-13T16:10:00Z\","
                           "\"concern\":\"c1\",\"category\":\"symptoms\",\"request\":\"Rash\"}");
    test_record_ok(second, "{\"type\":\"escalated\",\"at\":\"2026-11-13T16:30:00Z\","
                           "\"concern\":\"c1\",\"target\":\"nurse_triage\",\"reason\":\"r\","
                           "\"owner\":\"o\"}");
    const fcr_concern *concern = fcr_call_find_concern(second, "c1");
    assert_true(fcr_concern_due_at(concern) == test_time("2026-11-16T11:30:00Z"));
    assert_string_equal(fcr_policy_label(fcr_call_policy(second), FCR_POLICY_TARGET, "nurse_triage"), "triage desk");

    fcr_guidance *guidance = NULL;
    assert_int_equal(fcr_guidance_new(&guidance, second), FCR_OK);
    assert_non_null(fcr_guidance_prompt(guidance));
    fcr_guidance_free(guidance);
    fcr_call_free(second);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_policy_load__empty_document_is_defaults),
        cmocka_unit_test(test_policy_load__entry_updates_given_fields),
        cmocka_unit_test(test_policy_load__identifier_update_keeps_kind),
        cmocka_unit_test(test_policy_load__new_ids_added),
        cmocka_unit_test(test_policy_load__new_entry_without_label),
        cmocka_unit_test(test_policy_load__null_removes_entries),
        cmocka_unit_test(test_policy_load__identity_section),
        cmocka_unit_test(test_policy_load__roles_section),
        cmocka_unit_test(test_policy_load__categories_section),
        cmocka_unit_test(test_policy_load__targets_section),
        cmocka_unit_test(test_policy_load__office_hours_section),
        cmocka_unit_test(test_policy_load__fixed_offset_zone),
        cmocka_unit_test(test_policy_load__documentation_window),
        cmocka_unit_test(test_policy_load__checklist_section),
        cmocka_unit_test(test_policy_load__phrases_section),
        cmocka_unit_test(test_policy_load__new_york_offsets),
        cmocka_unit_test(test_policy_load__spring_forward_weekend),
        cmocka_unit_test(test_policy_load__fall_back_weekend),
        cmocka_unit_test(test_policy_load__holiday_skipped),
        cmocka_unit_test(test_policy_load__malformed_json),
        cmocka_unit_test(test_policy_load__wrong_types),
        cmocka_unit_test(test_policy_load__unknown_field),
        cmocka_unit_test(test_policy_load__unknown_field_everywhere),
        cmocka_unit_test(test_policy_load__unknown_critical_item),
        cmocka_unit_test(test_policy_load__invalid_ids),
        cmocka_unit_test(test_policy_load__unknown_references),
        cmocka_unit_test(test_policy_load__bad_durations),
        cmocka_unit_test(test_policy_load__bad_hours),
        cmocka_unit_test(test_policy_load__never_open),
        cmocka_unit_test(test_policy_load__bad_holidays),
        cmocka_unit_test(test_policy_load__unknown_time_zone),
        cmocka_unit_test(test_policy_load__zone_path_traversal),
        cmocka_unit_test(test_policy_load__format_versions),
        cmocka_unit_test(test_policy_load__zero_weights),
        cmocka_unit_test(test_policy_load__bad_bands),
        cmocka_unit_test(test_policy_load__too_many_identifiers),
        cmocka_unit_test(test_policy_load__null_arguments),
        cmocka_unit_test(test_policy_load__length_not_terminated),
        cmocka_unit_test(test_policy_load__round_trip_defaults),
        cmocka_unit_test(test_policy_load__round_trip_custom),
        cmocka_unit_test(test_policy_load__removed_written_as_null),
        cmocka_unit_test(test_policy_load__missing_file),
        cmocka_unit_test(test_policy_load__file_errors_name_file),
        cmocka_unit_test(test_policy_load__set_phrases),
        cmocka_unit_test(test_policy_load__freed_policy_outlives_call),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
