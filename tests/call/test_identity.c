/* SPDX-License-Identifier: MIT */
/*
 * Identity verification: how many distinct person-specific identifier types
 * a caller confirmed, in which order, and what the policy requires.
 *
 * The record keeps identifier types, never values. There is no API that
 * takes a value: identity_verified has only the list of types confirmed
 * ("name", "date_of_birth") and proxy_authority, a list item must be a type
 * of the policy, and fcr_call_identifier() returns types. So these tests
 * can only check that a value given in place of a type is rejected.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "test_support.h"

static fcr_policy *defaults;

static int setup_policy(void **state)
{
    (void)state;
    return fcr_policy_new(&defaults) == FCR_OK ? 0 : -1;
}

static int teardown_policy(void **state)
{
    (void)state;
    fcr_policy_free(defaults);
    return 0;
}

static fcr_policy *load_policy(const char *json)
{
    fcr_policy *policy = NULL;
    fcr_status status = fcr_policy_load(&policy, json, strlen(json), NULL);
    if (status != FCR_OK)
        fail_msg("loading the policy failed: %s", fcr_last_error());
    return policy;
}

static fcr_call *new_call(fcr_policy *policy, fcr_mode mode, fcr_caller_role caller)
{
    fcr_call *call = NULL;
    assert_int_equal(fcr_call_new(&call, policy, mode, "call-1", test_time("2026-11-10T14:00:00Z")),
                     FCR_OK);
    assert_int_equal(fcr_call_set_agent(call, "agent-1", "front_desk"), FCR_OK);
    assert_int_equal(fcr_call_set_caller_role(call, caller), FCR_OK);
    return call;
}

/* Records an identity_verified event with the JSON list `identifiers`. */
static void verify(fcr_call *call, const char *at, const char *identifiers)
{
    char json[256];
    snprintf(json, sizeof json,
             "{\"type\":\"identity_verified\",\"at\":\"2026-11-10T%sZ\",\"identifiers\":%s}", at,
             identifiers);
    test_record_ok(call, json);
}

static void test_identity__two_types_verify(void **state)
{
    (void)state;
    fcr_call *call = new_call(defaults, FCR_MODE_LIVE, FCR_CALLER_PATIENT);
    assert_false(fcr_call_identity_verified(call));
    assert_int_equal(fcr_call_identifier_count(call), 0);
    assert_null(fcr_call_identifier(call, 0));

    verify(call, "14:00:10", "[\"name\"]");
    assert_false(fcr_call_identity_verified(call));
    verify(call, "14:00:20", "[\"date_of_birth\"]");
    assert_true(fcr_call_identity_verified(call));
    assert_int_equal(fcr_call_identifier_count(call), 2);
    fcr_call_free(call);
}

static void test_identity__duplicates_count_once(void **state)
{
    (void)state;
    fcr_call *call = new_call(defaults, FCR_MODE_LIVE, FCR_CALLER_PATIENT);
    verify(call, "14:00:10", "[\"name\", \"name\"]");
    assert_int_equal(fcr_call_identifier_count(call), 1);
    assert_false(fcr_call_identity_verified(call));

    /* Confirming the same type again later does not count either. */
    verify(call, "14:00:20", "[\"name\"]");
    assert_int_equal(fcr_call_identifier_count(call), 1);
    assert_false(fcr_call_identity_verified(call));

    verify(call, "14:00:30", "[\"name\", \"phone\", \"phone\"]");
    assert_int_equal(fcr_call_identifier_count(call), 2);
    assert_true(fcr_call_identity_verified(call));
    fcr_call_free(call);
}

static void test_identity__locations_never_count(void **state)
{
    (void)state;
    fcr_call *call = new_call(defaults, FCR_MODE_LIVE, FCR_CALLER_PATIENT);
    verify(call, "14:00:10", "[\"room\", \"bed\", \"clinic\", \"name\"]");

    /* Locations are listed among the confirmed types but do not verify. */
    assert_int_equal(fcr_call_identifier_count(call), 4);
    assert_false(fcr_call_identity_verified(call));

    verify(call, "14:00:20", "[\"medical_record_number\"]");
    assert_true(fcr_call_identity_verified(call));
    fcr_call_free(call);
}

static void test_identity__first_confirmed_order(void **state)
{
    (void)state;
    fcr_call *call = new_call(defaults, FCR_MODE_REPLAY, FCR_CALLER_PATIENT);
    verify(call, "14:00:10", "[\"phone\", \"room\"]");
    verify(call, "14:00:20", "[\"name\", \"phone\", \"date_of_birth\"]");
    verify(call, "14:00:30", "[\"room\", \"email\"]");

    const char *expected[] = {"phone", "room", "name", "date_of_birth", "email"};
    assert_int_equal(fcr_call_identifier_count(call), 5);
    for (size_t i = 0; i < 5; i++)
        assert_string_equal(fcr_call_identifier(call, i), expected[i]);
    assert_null(fcr_call_identifier(call, 5));
    assert_null(fcr_call_identifier(call, SIZE_MAX));
    fcr_call_free(call);
}

static void test_identity__policy_requires_three(void **state)
{
    (void)state;
    fcr_policy *policy = load_policy("{\"identity\": {\"required_identifiers\": 3}}");
    fcr_call *call = new_call(policy, FCR_MODE_LIVE, FCR_CALLER_PATIENT);
    test_record_ok(call, "{\"type\":\"concern_stated\",\"at\":\"2026-11-10T14:00:05Z\","
                         "\"concern\":\"c1\",\"category\":\"refill\",\"request\":\"Refill\"}");
    test_record_ok(call, "{\"type\":\"concern_restated\",\"at\":\"2026-11-10T14:00:06Z\","
                         "\"concern\":\"c1\",\"confirmed\":true}");
    test_record_ok(call, "{\"type\":\"authority_checked\",\"at\":\"2026-11-10T14:00:07Z\","
                         "\"concern\":\"c1\"}");

    verify(call, "14:00:10", "[\"name\", \"date_of_birth\", \"room\"]");
    assert_false(fcr_call_identity_verified(call));

    const char *resolve = "{\"type\":\"resolved\",\"at\":\"2026-11-10T14:01:00Z\","
                          "\"concern\":\"c1\",\"action\":\"Sent the refill\"}";
    assert_int_equal(test_record(call, resolve), FCR_EWORKFLOW);
    assert_non_null(strstr(fcr_last_error(), "2 of 3 person-specific identifier types"));

    verify(call, "14:00:20", "[\"address\"]");
    assert_true(fcr_call_identity_verified(call));
    test_record_ok(call, resolve);
    fcr_call_free(call);
    fcr_policy_free(policy);
}

static void test_identity__policy_types(void **state)
{
    (void)state;
    fcr_policy *policy = load_policy("{\"identity\": {\"identifier_types\": {"
                                     "\"passport\": {\"label\": \"passport number\"},"
                                     " \"ward\": {\"person_specific\": false},"
                                     " \"phone\": null}}}");
    fcr_call *call = new_call(policy, FCR_MODE_REPLAY, FCR_CALLER_PATIENT);

    verify(call, "14:00:10", "[\"ward\", \"name\"]");
    assert_false(fcr_call_identity_verified(call));
    verify(call, "14:00:20", "[\"passport\"]");
    assert_true(fcr_call_identity_verified(call));

    /* A type the policy removed is unknown. */
    assert_int_equal(test_record(call, "{\"type\":\"identity_verified\",\"at\":\"2026-11-10T14:00:30Z\","
                                       "\"identifiers\":[\"phone\"]}"),
                     FCR_ERECORD);
    fcr_call_free(call);
    fcr_policy_free(policy);
}

static void test_identity__proxy_needs_authority(void **state)
{
    (void)state;
    fcr_call *call = new_call(defaults, FCR_MODE_LIVE, FCR_CALLER_PROXY);
    verify(call, "14:00:10", "[\"name\", \"date_of_birth\"]");
    assert_int_equal(fcr_call_identifier_count(call), 2);
    assert_false(fcr_call_identity_verified(call));

    /* A denial does not verify, a later confirmation does. */
    test_record_ok(call, "{\"type\":\"identity_verified\",\"at\":\"2026-11-10T14:00:20Z\","
                         "\"proxy_authority\":false}");
    assert_false(fcr_call_identity_verified(call));
    test_record_ok(call, "{\"type\":\"identity_verified\",\"at\":\"2026-11-10T14:00:30Z\","
                         "\"proxy_authority\":true}");
    assert_true(fcr_call_identity_verified(call));
    assert_int_equal(fcr_call_identifier_count(call), 2);
    fcr_call_free(call);
}

static void test_identity__authority_alone_insufficient(void **state)
{
    (void)state;
    fcr_call *call = new_call(defaults, FCR_MODE_LIVE, FCR_CALLER_PROXY);
    test_record_ok(call, "{\"type\":\"identity_verified\",\"at\":\"2026-11-10T14:00:10Z\","
                         "\"proxy_authority\":true}");
    assert_false(fcr_call_identity_verified(call));
    verify(call, "14:00:20", "[\"name\", \"email\"]");
    assert_true(fcr_call_identity_verified(call));
    fcr_call_free(call);
}

static void test_identity__other_caller(void **state)
{
    (void)state;
    /* A pharmacy calling about a patient needs no proxy authority. */
    fcr_call *call = new_call(defaults, FCR_MODE_LIVE, FCR_CALLER_OTHER);
    verify(call, "14:00:10", "[\"name\", \"date_of_birth\"]");
    assert_true(fcr_call_identity_verified(call));
    fcr_call_free(call);
}

static void test_identity__value_rejected(void **state)
{
    (void)state;
    fcr_call *call = new_call(defaults, FCR_MODE_REPLAY, FCR_CALLER_PATIENT);
    verify(call, "14:00:10", "[\"name\"]");

    /* A date of birth recorded instead of its type is not an identifier type. */
    fcr_event *event = NULL;
    assert_int_equal(fcr_event_new(&event, FCR_EVENT_IDENTITY_VERIFIED,
                                   test_time("2026-11-10T14:00:20Z")),
                     FCR_OK);
    assert_int_equal(fcr_event_add_string(event, "identifiers", "date_of_birth"), FCR_OK);
    assert_int_equal(fcr_event_add_string(event, "identifiers", "1985-04-12"), FCR_OK);
    assert_int_equal(fcr_call_append(call, event), FCR_ERECORD);
    assert_string_equal(fcr_last_error_field(), "events[1].identifiers[1]");
    assert_null(strstr(fcr_last_error(), "1985-04-12"));
    fcr_event_free(event);

    /* The whole event was rejected, so date_of_birth is not confirmed. */
    assert_int_equal(fcr_call_identifier_count(call), 1);
    assert_int_equal(fcr_call_event_count(call), 1);
    assert_false(fcr_call_identity_verified(call));

    /* There is no text field for a value either. */
    assert_int_equal(fcr_event_new(&event, FCR_EVENT_IDENTITY_VERIFIED,
                                   test_time("2026-11-10T14:00:30Z")),
                     FCR_OK);
    assert_int_equal(fcr_event_set_string(event, "text", "Jane Doe"), FCR_ENOTFOUND);
    assert_int_equal(fcr_event_set_string(event, "name", "Jane Doe"), FCR_ENOTFOUND);
    assert_null(strstr(fcr_last_error(), "Jane Doe"));
    fcr_event_free(event);
    fcr_call_free(call);
}

static void test_identity__written_as_types(void **state)
{
    (void)state;
    fcr_call *call = new_call(defaults, FCR_MODE_REPLAY, FCR_CALLER_PATIENT);
    verify(call, "14:00:10", "[\"name\", \"date_of_birth\", \"name\"]");
    char *json = test_call_json(call);
    assert_non_null(strstr(json, "\"identifiers\":[\"name\",\"date_of_birth\",\"name\"]"));
    fcr_free(json);

    /* The event keeps the list as recorded, and the call counts distinct types. */
    const fcr_event *event = fcr_call_event(call, 0);
    assert_int_equal(fcr_event_list_count(event, "identifiers"), 3);
    assert_int_equal(fcr_call_identifier_count(call), 2);
    fcr_call_free(call);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_identity__two_types_verify),
        cmocka_unit_test(test_identity__duplicates_count_once),
        cmocka_unit_test(test_identity__locations_never_count),
        cmocka_unit_test(test_identity__first_confirmed_order),
        cmocka_unit_test(test_identity__policy_requires_three),
        cmocka_unit_test(test_identity__policy_types),
        cmocka_unit_test(test_identity__proxy_needs_authority),
        cmocka_unit_test(test_identity__authority_alone_insufficient),
        cmocka_unit_test(test_identity__other_caller),
        cmocka_unit_test(test_identity__value_rejected),
        cmocka_unit_test(test_identity__written_as_types),
    };
    return cmocka_run_group_tests(tests, setup_policy, teardown_policy);
}
