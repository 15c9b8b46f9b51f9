/* SPDX-License-Identifier: MIT */
/* The built-in policy: identity, roles, categories, targets, labels, office
 * hours and the due times they give. */
#include <string.h>

#include "test_support.h"

static fcr_policy *policy;

static int setup_policy(void **state)
{
    (void)state;
    return fcr_policy_new(&policy) == FCR_OK ? 0 : -1;
}

static int teardown_policy(void **state)
{
    (void)state;
    fcr_policy_free(policy);
    return 0;
}

/* Checks the due time of an escalation to `target` made at `from`, and
 * shows both instants as text when they differ. */
static void assert_due(const char *target, const char *from, const char *expected)
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

static void test_policy_defaults__two_identifiers(void **state)
{
    (void)state;
    assert_int_equal(fcr_policy_required_identifiers(policy), 2);
}

static void test_policy_defaults__categories(void **state)
{
    (void)state;
    const char *categories[] = {"scheduling", "refill",       "referral",          "records",
                                "insurance",  "billing",      "test_results",      "clinical_question",
                                "symptoms",   "other"};
    for (size_t i = 0; i < sizeof categories / sizeof categories[0]; i++) {
        if (!fcr_policy_has_category(policy, categories[i]))
            fail_msg("category %s is missing", categories[i]);
    }
    assert_false(fcr_policy_has_category(policy, "dental"));
    assert_false(fcr_policy_has_category(policy, "nurse_triage"));
    assert_false(fcr_policy_has_category(policy, NULL));
    assert_false(fcr_policy_has_category(NULL, "refill"));
}

static void test_policy_defaults__front_desk_scope(void **state)
{
    (void)state;
    const char *allowed[] = {"scheduling", "refill", "referral", "records", "insurance", "other"};
    const char *denied[] = {"billing", "test_results", "clinical_question", "symptoms"};

    for (size_t i = 0; i < sizeof allowed / sizeof allowed[0]; i++) {
        if (!fcr_policy_role_may_resolve(policy, "front_desk", allowed[i]))
            fail_msg("front_desk may not resolve %s", allowed[i]);
    }
    for (size_t i = 0; i < sizeof denied / sizeof denied[0]; i++) {
        if (fcr_policy_role_may_resolve(policy, "front_desk", denied[i]))
            fail_msg("front_desk may resolve %s", denied[i]);
    }
}

static void test_policy_defaults__clinical_roles(void **state)
{
    (void)state;
    const char *clinical[] = {"test_results", "clinical_question", "symptoms"};

    for (size_t i = 0; i < sizeof clinical / sizeof clinical[0]; i++) {
        if (!fcr_policy_role_may_resolve(policy, "nurse", clinical[i]))
            fail_msg("nurse may not resolve %s", clinical[i]);
        if (!fcr_policy_role_may_resolve(policy, "provider", clinical[i]))
            fail_msg("provider may not resolve %s", clinical[i]);
        if (fcr_policy_role_may_resolve(policy, "medical_assistant", clinical[i]))
            fail_msg("medical_assistant may resolve %s", clinical[i]);
        if (fcr_policy_role_may_resolve(policy, "billing_specialist", clinical[i]))
            fail_msg("billing_specialist may resolve %s", clinical[i]);
    }

    assert_false(fcr_policy_role_may_resolve(policy, "nurse", "billing"));
    assert_true(fcr_policy_role_may_resolve(policy, "provider", "billing"));
    assert_true(fcr_policy_role_may_resolve(policy, "billing_specialist", "billing"));
    assert_false(fcr_policy_role_may_resolve(policy, "billing_specialist", "scheduling"));
}

static void test_policy_defaults__unknown_role_or_category(void **state)
{
    (void)state;
    assert_false(fcr_policy_role_may_resolve(policy, "janitor", "scheduling"));
    assert_false(fcr_policy_role_may_resolve(policy, "front_desk", "dental"));
    assert_false(fcr_policy_role_may_resolve(policy, NULL, "scheduling"));
    assert_false(fcr_policy_role_may_resolve(policy, "front_desk", NULL));
}

static void test_policy_defaults__default_targets(void **state)
{
    (void)state;
    const struct {
        const char *category;
        const char *target;
    } expected[] = {
        {"scheduling", "practice_manager"}, {"refill", "nurse_triage"},
        {"referral", "referral_coordinator"}, {"records", "records"},
        {"insurance", "billing"}, {"billing", "billing"},
        {"test_results", "nurse_triage"}, {"clinical_question", "nurse_triage"},
        {"symptoms", "nurse_triage"}, {"other", "practice_manager"},
    };
    for (size_t i = 0; i < sizeof expected / sizeof expected[0]; i++) {
        const char *target = fcr_policy_default_target(policy, expected[i].category);
        assert_non_null(target);
        assert_string_equal(target, expected[i].target);
    }
    assert_null(fcr_policy_default_target(policy, "dental"));
    assert_null(fcr_policy_default_target(policy, NULL));
}

static void test_policy_defaults__labels(void **state)
{
    (void)state;
    const struct {
        fcr_policy_kind kind;
        const char *id;
        const char *label;
    } expected[] = {
        {FCR_POLICY_TARGET, "nurse_triage", "nurse triage"},
        {FCR_POLICY_TARGET, "referral_coordinator", "referral coordinator"},
        {FCR_POLICY_TARGET, "prior_authorization", "prior authorization team"},
        {FCR_POLICY_CATEGORY, "refill", "prescription refill"},
        {FCR_POLICY_CATEGORY, "clinical_question", "clinical question"},
        {FCR_POLICY_ROLE, "front_desk", "front desk"},
        {FCR_POLICY_ROLE, "billing_specialist", "billing specialist"},
        {FCR_POLICY_IDENTIFIER_TYPE, "date_of_birth", "date of birth"},
        {FCR_POLICY_IDENTIFIER_TYPE, "medical_record_number", "medical record number"},
        {FCR_POLICY_IDENTIFIER_TYPE, "room", "room number"},
    };
    for (size_t i = 0; i < sizeof expected / sizeof expected[0]; i++) {
        const char *label = fcr_policy_label(policy, expected[i].kind, expected[i].id);
        assert_non_null(label);
        assert_string_equal(label, expected[i].label);
    }
    assert_null(fcr_policy_label(policy, FCR_POLICY_CATEGORY, "dental"));
    assert_null(fcr_policy_label(policy, FCR_POLICY_CATEGORY, NULL));
    assert_null(fcr_policy_label(policy, FCR_POLICY_ROLE, "refill"));
}

/* One id may name a category and a target; the kind picks the entry. */
static void test_policy_defaults__labels_by_kind(void **state)
{
    (void)state;
    assert_string_equal(fcr_policy_label(policy, FCR_POLICY_CATEGORY, "records"), "medical records");
    assert_string_equal(fcr_policy_label(policy, FCR_POLICY_TARGET, "records"), "records department");
    assert_string_equal(fcr_policy_label(policy, FCR_POLICY_CATEGORY, "billing"), "billing");
    assert_string_equal(fcr_policy_label(policy, FCR_POLICY_TARGET, "billing"), "billing office");
    assert_string_equal(fcr_policy_label(policy, FCR_POLICY_ROLE, "provider"), "provider");
    assert_null(fcr_policy_label(policy, (fcr_policy_kind)99, "records"));
}

static void test_policy_defaults__time_zone_utc(void **state)
{
    (void)state;
    assert_string_equal(fcr_policy_time_zone(policy), "UTC");
    assert_int_equal(fcr_policy_utc_offset(policy, test_time("2026-07-01T12:00:00Z")), 0);
    assert_int_equal(fcr_policy_utc_offset(policy, test_time("2026-12-01T12:00:00Z")), 0);
}

static void test_policy_defaults__nurse_over_weekend(void **state)
{
    (void)state;
    /* Friday 16:30: 30 minutes on Friday, then 3.5 hours from Monday 08:00. */
    assert_due("nurse_triage", "2026-11-13T16:30:00Z", "2026-11-16T11:30:00Z");
}

static void test_policy_defaults__weekday_hours(void **state)
{
    (void)state;
    /* Before opening, counting starts at 08:00. */
    assert_due("nurse_triage", "2026-11-16T07:00:00Z", "2026-11-16T12:00:00Z");
    /* At opening. */
    assert_due("nurse_triage", "2026-11-16T08:00:00Z", "2026-11-16T12:00:00Z");
    /* One hour before closing: three hours carry to Tuesday. */
    assert_due("nurse_triage", "2026-11-16T16:00:00Z", "2026-11-17T11:00:00Z");
    /* At closing and after it, the next day's opening counts. */
    assert_due("nurse_triage", "2026-11-16T17:00:00Z", "2026-11-17T12:00:00Z");
    assert_due("nurse_triage", "2026-11-16T22:00:00Z", "2026-11-17T12:00:00Z");
    /* Saturday and Sunday are closed. */
    assert_due("nurse_triage", "2026-11-14T10:00:00Z", "2026-11-16T12:00:00Z");
    assert_due("nurse_triage", "2026-11-15T23:59:00Z", "2026-11-16T12:00:00Z");
}

static void test_policy_defaults__day_targets(void **state)
{
    (void)state;
    /* A business day ends at the same time on the next business day. */
    assert_due("provider", "2026-11-10T14:00:00Z", "2026-11-11T14:00:00Z");
    assert_due("practice_manager", "2026-11-13T10:00:00Z", "2026-11-16T10:00:00Z");
    assert_due("billing", "2026-11-12T09:15:00Z", "2026-11-16T09:15:00Z");
    assert_due("referral_coordinator", "2026-11-10T16:59:00Z", "2026-11-12T16:59:00Z");
    assert_due("records", "2026-11-10T08:00:00Z", "2026-11-13T08:00:00Z");
    assert_due("prior_authorization", "2026-11-11T12:00:00Z", "2026-11-16T12:00:00Z");
}

static void test_policy_defaults__emergency_at_once(void **state)
{
    (void)state;
    /* A callback of 0 is due at once, even with the office closed. */
    assert_due("emergency", "2026-11-10T14:00:00Z", "2026-11-10T14:00:00Z");
    assert_due("emergency", "2026-11-14T03:12:00Z", "2026-11-14T03:12:00Z");
    assert_string_equal(fcr_policy_label(policy, FCR_POLICY_TARGET, "emergency"),
                        "emergency services");
}

static void test_policy_defaults__due_time_errors(void **state)
{
    (void)state;
    fcr_time due = 42;
    fcr_time from = test_time("2026-11-10T14:00:00Z");

    assert_int_equal(fcr_policy_due_time(&due, policy, "janitor", from), FCR_ENOTFOUND);
    assert_true(due == 42);
    assert_int_equal(fcr_policy_due_time(NULL, policy, "provider", from), FCR_EINVAL);
    assert_int_equal(fcr_policy_due_time(&due, NULL, "provider", from), FCR_EINVAL);
    assert_int_equal(fcr_policy_due_time(&due, policy, NULL, from), FCR_EINVAL);
    assert_int_equal(fcr_policy_due_time(&due, policy, "provider", FCR_TIME_NONE), FCR_EINVAL);
}

static void test_policy_defaults__window_and_checklist(void **state)
{
    (void)state;
    char *json = NULL;
    assert_int_equal(fcr_policy_to_json(&json, policy), FCR_OK);

    assert_non_null(strstr(json, "\"format\": \"fcr.policy/1\""));
    assert_non_null(strstr(json, "\"documentation_window\": \"30m\""));
    assert_non_null(strstr(json, "\"time_zone\": \"UTC\""));
    assert_non_null(strstr(json, "\"holidays\": []"));
    assert_non_null(strstr(json, "\"saturday\": []"));
    assert_non_null(strstr(json, "\"sunday\": []"));
    assert_non_null(strstr(json, "\"identity_verified\": 1"));
    assert_non_null(strstr(json, "\"critical\": [\n      \"identity_verified\"\n    ]"));
    assert_non_null(strstr(json, "\"name\": \"meets expectations\",\n        \"from\": 75"));
    fcr_free(json);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_policy_defaults__two_identifiers),
        cmocka_unit_test(test_policy_defaults__categories),
        cmocka_unit_test(test_policy_defaults__front_desk_scope),
        cmocka_unit_test(test_policy_defaults__clinical_roles),
        cmocka_unit_test(test_policy_defaults__unknown_role_or_category),
        cmocka_unit_test(test_policy_defaults__default_targets),
        cmocka_unit_test(test_policy_defaults__labels),
        cmocka_unit_test(test_policy_defaults__labels_by_kind),
        cmocka_unit_test(test_policy_defaults__time_zone_utc),
        cmocka_unit_test(test_policy_defaults__nurse_over_weekend),
        cmocka_unit_test(test_policy_defaults__weekday_hours),
        cmocka_unit_test(test_policy_defaults__day_targets),
        cmocka_unit_test(test_policy_defaults__emergency_at_once),
        cmocka_unit_test(test_policy_defaults__due_time_errors),
        cmocka_unit_test(test_policy_defaults__window_and_checklist),
    };
    return cmocka_run_group_tests(tests, setup_policy, teardown_policy);
}
