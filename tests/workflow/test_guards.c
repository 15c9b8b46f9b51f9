/* SPDX-License-Identifier: MIT */
/* Live-mode guards: each guard accepting and rejecting, and a rejected event
 * leaving the record exactly as it was. */
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

static fcr_call *new_call(fcr_mode mode, const char *role)
{
    fcr_call *call = NULL;
    assert_int_equal(fcr_call_new(&call, policy, mode, "call-1", test_time("2026-11-10T14:00:00Z")),
                     FCR_OK);
    if (role != NULL)
        assert_int_equal(fcr_call_set_agent(call, "agent-1", role), FCR_OK);
    return call;
}

/* Rejection check: the status, a fragment of the message, and an unchanged
 * record (same JSON, step, deviations and concerns as before). */
static void assert_rejected(fcr_call *call, const char *json, const char *fragment)
{
    char *before = test_call_json(call);
    fcr_step step = fcr_call_step(call);
    size_t deviations = fcr_call_deviation_count(call);
    size_t concerns = fcr_call_concern_count(call);
    size_t identifiers = fcr_call_identifier_count(call);

    fcr_status status = test_record(call, json);
    if (status != FCR_EWORKFLOW)
        fail_msg("expected FCR_EWORKFLOW for %s, got %s: %s", json, fcr_strerror(status),
                 fcr_last_error());
    if (strstr(fcr_last_error(), fragment) == NULL)
        fail_msg("message \"%s\" lacks \"%s\"", fcr_last_error(), fragment);

    char *after = test_call_json(call);
    assert_string_equal(before, after);
    assert_int_equal(fcr_call_step(call), step);
    assert_int_equal(fcr_call_deviation_count(call), deviations);
    assert_int_equal(fcr_call_concern_count(call), concerns);
    assert_int_equal(fcr_call_identifier_count(call), identifiers);
    fcr_free(before);
    fcr_free(after);
}

#define STATE_C1 \
    "{\"type\":\"concern_stated\",\"at\":\"2026-11-10T14:00:10Z\",\"concern\":\"c1\"," \
    "\"category\":\"scheduling\",\"request\":\"Reschedule my follow-up\"}"
#define RESTATE_C1 \
    "{\"type\":\"concern_restated\",\"at\":\"2026-11-10T14:00:20Z\",\"concern\":\"c1\"," \
    "\"confirmed\":true}"
#define VERIFY_TWO \
    "{\"type\":\"identity_verified\",\"at\":\"2026-11-10T14:00:30Z\"," \
    "\"identifiers\":[\"name\",\"date_of_birth\"]}"
#define CHECK_C1 \
    "{\"type\":\"authority_checked\",\"at\":\"2026-11-10T14:00:40Z\",\"concern\":\"c1\"," \
    "\"tools_available\":true}"
#define RESOLVE_C1 \
    "{\"type\":\"resolved\",\"at\":\"2026-11-10T14:01:00Z\",\"concern\":\"c1\"," \
    "\"action\":\"Moved the visit to Tuesday\"}"
#define RECAP \
    "{\"type\":\"recap_given\",\"at\":\"2026-11-10T14:02:00Z\"}"
#define NO_MORE \
    "{\"type\":\"anything_else_asked\",\"at\":\"2026-11-10T14:02:10Z\",\"answer\":\"no\"}"
#define ENDED \
    "{\"type\":\"call_ended\",\"at\":\"2026-11-10T14:02:30Z\"}"
#define DOCUMENTED \
    "{\"type\":\"documented\",\"at\":\"2026-11-10T14:04:00Z\"}"

/* Plays the one-concern call up to and including `last` of the steps above. */
static void play(fcr_call *call, int last)
{
    const char *events[] = {STATE_C1, RESTATE_C1, VERIFY_TWO, CHECK_C1, RESOLVE_C1,
                            RECAP,    NO_MORE,    ENDED,      DOCUMENTED};
    for (int i = 0; i <= last; i++)
        test_record_ok(call, events[i]);
}

static void test_guards__clarify_needs_a_concern(void **state)
{
    (void)state;
    fcr_call *call = new_call(FCR_MODE_LIVE, "front_desk");
    assert_rejected(call, RECAP, "No concern is stated yet");
    fcr_call_free(call);
}

static void test_guards__clarify_needs_restatement(void **state)
{
    (void)state;
    fcr_call *call = new_call(FCR_MODE_LIVE, "front_desk");
    play(call, 0);
    assert_rejected(call, CHECK_C1, "Restate concern c1");

    test_record_ok(call, RESTATE_C1);
    test_record_ok(call, CHECK_C1);
    assert_int_equal(fcr_call_step(call), FCR_STEP_CHECK_AUTHORITY);
    fcr_call_free(call);
}

static void test_guards__clarify_needs_confirmation(void **state)
{
    (void)state;
    fcr_call *call = new_call(FCR_MODE_LIVE, "front_desk");
    play(call, 0);
    test_record_ok(call, "{\"type\":\"concern_restated\",\"at\":\"2026-11-10T14:00:15Z\","
                         "\"concern\":\"c1\",\"confirmed\":false}");
    assert_rejected(call, CHECK_C1, "has not confirmed the restatement of concern c1");

    /* A later confirmed restatement replaces the corrected one. */
    test_record_ok(call, RESTATE_C1);
    test_record_ok(call, CHECK_C1);
    fcr_call_free(call);
}

static void test_guards__act_needs_authority_check(void **state)
{
    (void)state;
    fcr_call *call = new_call(FCR_MODE_LIVE, "front_desk");
    play(call, 2);
    assert_rejected(call, RESOLVE_C1, "Check whether concern c1 (scheduling) is within your scope");
    fcr_call_free(call);
}

static void test_guards__outcome_needs_identity(void **state)
{
    (void)state;
    fcr_call *call = new_call(FCR_MODE_LIVE, "front_desk");
    play(call, 1);
    test_record_ok(call, CHECK_C1);
    assert_rejected(call, RESOLVE_C1, "0 of 2 person-specific identifier types");

    test_record_ok(call, "{\"type\":\"identity_verified\",\"at\":\"2026-11-10T14:00:50Z\","
                         "\"identifiers\":[\"name\",\"room\"]}");
    assert_rejected(call, RESOLVE_C1, "1 of 2 person-specific identifier types");

    test_record_ok(call, "{\"type\":\"identity_verified\",\"at\":\"2026-11-10T14:00:55Z\","
                         "\"identifiers\":[\"phone\"]}");
    assert_true(fcr_call_identity_verified(call));
    test_record_ok(call, RESOLVE_C1);
    assert_int_equal(fcr_call_identifier_count(call), 3);
    fcr_call_free(call);
}

static void test_guards__proxy_needs_authority(void **state)
{
    (void)state;
    fcr_call *call = new_call(FCR_MODE_LIVE, "front_desk");
    assert_int_equal(fcr_call_set_caller_role(call, FCR_CALLER_PROXY), FCR_OK);
    play(call, 3);
    assert_false(fcr_call_identity_verified(call));
    assert_rejected(call, RESOLVE_C1, "confirm their authority to act for the patient");

    test_record_ok(call, "{\"type\":\"identity_verified\",\"at\":\"2026-11-10T14:00:50Z\","
                         "\"proxy_authority\":true}");
    assert_true(fcr_call_identity_verified(call));
    test_record_ok(call, RESOLVE_C1);
    fcr_call_free(call);
}

#define CLINICAL_CALL_START                                                           \
    "{\"type\":\"concern_stated\",\"at\":\"2026-11-10T14:00:10Z\",\"concern\":\"c1\"," \
    "\"category\":\"clinical_question\",\"request\":\"Can I take ibuprofen?\"}"
#define RESOLVE_CLINICAL \
    "{\"type\":\"resolved\",\"at\":\"2026-11-10T14:01:00Z\",\"concern\":\"c1\"," \
    "\"action\":\"Answered the question\"}"

static void play_clinical(fcr_call *call)
{
    test_record_ok(call, CLINICAL_CALL_START);
    test_record_ok(call, RESTATE_C1);
    test_record_ok(call, VERIFY_TWO);
    test_record_ok(call, CHECK_C1);
}

static void test_guards__clinical_resolve_rejected(void **state)
{
    (void)state;
    fcr_call *call = new_call(FCR_MODE_LIVE, "front_desk");
    play_clinical(call);
    assert_false(fcr_concern_in_scope(fcr_call_find_concern(call, "c1")));
    assert_rejected(call, RESOLVE_CLINICAL, "outside the front_desk role's scope");
    assert_rejected(call, RESOLVE_CLINICAL, "nurse_triage");

    test_record_ok(call, "{\"type\":\"escalated\",\"at\":\"2026-11-10T14:01:00Z\","
                         "\"concern\":\"c1\",\"target\":\"nurse_triage\","
                         "\"reason\":\"A nurse must review the chart\",\"owner\":\"RN on duty\"}");
    assert_int_equal(fcr_concern_outcome(fcr_call_find_concern(call, "c1")), FCR_OUTCOME_ESCALATED);
    fcr_call_free(call);
}

static void test_guards__clinical_resolve_by_nurse(void **state)
{
    (void)state;
    fcr_call *call = new_call(FCR_MODE_LIVE, "nurse");
    play_clinical(call);
    assert_true(fcr_concern_in_scope(fcr_call_find_concern(call, "c1")));
    test_record_ok(call, RESOLVE_CLINICAL);
    fcr_call_free(call);
}

static void test_guards__clinical_without_role(void **state)
{
    (void)state;
    fcr_call *call = new_call(FCR_MODE_LIVE, NULL);
    play_clinical(call);
    assert_rejected(call, RESOLVE_CLINICAL, "outside the");
    fcr_call_free(call);
}

static void test_guards__escalation_needs_fields(void **state)
{
    (void)state;
    fcr_call *call = new_call(FCR_MODE_LIVE, "front_desk");
    play(call, 3);

    assert_rejected(call, "{\"type\":\"escalated\",\"at\":\"2026-11-10T14:01:00Z\",\"concern\":\"c1\","
                          "\"reason\":\"r\",\"owner\":\"o\"}", "needs a target");
    assert_rejected(call, "{\"type\":\"escalated\",\"at\":\"2026-11-10T14:01:00Z\",\"concern\":\"c1\","
                          "\"target\":\"practice_manager\",\"owner\":\"o\"}",
                    "needs the reason escalation is needed");
    assert_rejected(call, "{\"type\":\"escalated\",\"at\":\"2026-11-10T14:01:00Z\",\"concern\":\"c1\","
                          "\"target\":\"practice_manager\",\"reason\":\"r\"}",
                    "needs who will follow up");

    test_record_ok(call, "{\"type\":\"escalated\",\"at\":\"2026-11-10T14:01:00Z\",\"concern\":\"c1\","
                         "\"target\":\"practice_manager\",\"reason\":\"r\",\"owner\":\"o\"}");
    const fcr_concern *concern = fcr_call_find_concern(call, "c1");
    assert_true(fcr_concern_due_computed(concern));
    /* practice_manager: one business day, so Wednesday at the same time. */
    assert_true(fcr_concern_due_at(concern) == test_time("2026-11-11T14:01:00Z"));
    fcr_call_free(call);
}

static void test_guards__escalation_keeps_recorded_due(void **state)
{
    (void)state;
    fcr_call *call = new_call(FCR_MODE_LIVE, "front_desk");
    play(call, 3);
    test_record_ok(call, "{\"type\":\"escalated\",\"at\":\"2026-11-10T14:01:00Z\",\"concern\":\"c1\","
                         "\"target\":\"nurse_triage\",\"reason\":\"r\",\"owner\":\"o\","
                         "\"due_at\":\"2026-11-10T16:00:00Z\"}");
    const fcr_concern *concern = fcr_call_find_concern(call, "c1");
    assert_false(fcr_concern_due_computed(concern));
    assert_true(fcr_concern_due_at(concern) == test_time("2026-11-10T16:00:00Z"));
    fcr_call_free(call);
}

static void test_guards__moved_forward_needs_fields(void **state)
{
    (void)state;
    fcr_call *call = new_call(FCR_MODE_LIVE, "front_desk");
    play(call, 3);

    assert_rejected(call, "{\"type\":\"moved_forward\",\"at\":\"2026-11-10T14:01:00Z\","
                          "\"concern\":\"c1\",\"next_step\":\"n\",\"owner\":\"o\","
                          "\"due_at\":\"2026-11-11T14:00:00Z\"}", "needs the partial action");
    assert_rejected(call, "{\"type\":\"moved_forward\",\"at\":\"2026-11-10T14:01:00Z\","
                          "\"concern\":\"c1\",\"action\":\"a\",\"owner\":\"o\","
                          "\"due_at\":\"2026-11-11T14:00:00Z\"}", "needs the next step");
    assert_rejected(call, "{\"type\":\"moved_forward\",\"at\":\"2026-11-10T14:01:00Z\","
                          "\"concern\":\"c1\",\"action\":\"a\",\"next_step\":\"n\","
                          "\"due_at\":\"2026-11-11T14:00:00Z\"}", "needs who owns the next step");
    assert_rejected(call, "{\"type\":\"moved_forward\",\"at\":\"2026-11-10T14:01:00Z\","
                          "\"concern\":\"c1\",\"action\":\"a\",\"next_step\":\"n\","
                          "\"owner\":\"o\"}", "needs a due time");

    test_record_ok(call, "{\"type\":\"moved_forward\",\"at\":\"2026-11-10T14:01:00Z\","
                         "\"concern\":\"c1\",\"action\":\"a\",\"next_step\":\"n\","
                         "\"owner\":\"o\",\"target\":\"records\"}");
    assert_true(fcr_concern_due_computed(fcr_call_find_concern(call, "c1")));
    fcr_call_free(call);
}

static void test_guards__resolution_needs_action(void **state)
{
    (void)state;
    fcr_call *call = new_call(FCR_MODE_LIVE, "front_desk");
    play(call, 3);
    assert_rejected(call, "{\"type\":\"resolved\",\"at\":\"2026-11-10T14:01:00Z\","
                          "\"concern\":\"c1\"}", "needs the action taken");
    fcr_call_free(call);
}

static void test_guards__concern_needs_request(void **state)
{
    (void)state;
    fcr_call *call = new_call(FCR_MODE_LIVE, "front_desk");
    assert_rejected(call, "{\"type\":\"concern_stated\",\"at\":\"2026-11-10T14:00:10Z\","
                          "\"concern\":\"c1\",\"category\":\"billing\"}",
                    "needs the caller's request");
    fcr_call_free(call);
}

static void test_guards__recap_after_last_outcome(void **state)
{
    (void)state;
    fcr_call *call = new_call(FCR_MODE_LIVE, "front_desk");
    play(call, 3);

    /* Recap is a later step, so leaving Act needs the outcome first. */
    assert_rejected(call, RECAP, "Resolve, escalate or move forward concern c1");
    play(call, -1);
    test_record_ok(call, RESOLVE_C1);
    assert_rejected(call, DOCUMENTED, "Summarize the next steps");
    test_record_ok(call, RECAP);
    assert_int_equal(fcr_call_step(call), FCR_STEP_RECAP);
    assert_rejected(call, DOCUMENTED, "ask whether the caller needs anything else");
    test_record_ok(call, NO_MORE);
    test_record_ok(call, DOCUMENTED);
    assert_int_equal(fcr_call_step(call), FCR_STEP_DOCUMENT);
    fcr_call_free(call);
}

static void test_guards__recap_must_cover_concerns(void **state)
{
    (void)state;
    fcr_call *call = new_call(FCR_MODE_LIVE, "front_desk");
    play(call, 4);
    test_record_ok(call, "{\"type\":\"recap_given\",\"at\":\"2026-11-10T14:02:00Z\",\"concerns\":[]}");
    test_record_ok(call, NO_MORE);
    assert_rejected(call, DOCUMENTED, "The recap does not cover concern c1");
    fcr_call_free(call);
}

static void test_guards__anything_else_before_recap(void **state)
{
    (void)state;
    fcr_call *call = new_call(FCR_MODE_LIVE, "front_desk");
    play(call, 4);
    test_record_ok(call, "{\"type\":\"anything_else_asked\",\"at\":\"2026-11-10T14:01:30Z\","
                         "\"answer\":\"no\"}");
    test_record_ok(call, RECAP);
    assert_rejected(call, DOCUMENTED, "After the recap, ask whether");
    fcr_call_free(call);
}

static void test_guards__closed_after_end_and_documented(void **state)
{
    (void)state;
    fcr_call *call = new_call(FCR_MODE_LIVE, "front_desk");
    play(call, 7);
    assert_int_equal(fcr_call_step(call), FCR_STEP_DOCUMENT);
    assert_true(fcr_call_ended_at(call) == test_time("2026-11-10T14:02:30Z"));
    test_record_ok(call, DOCUMENTED);
    assert_int_equal(fcr_call_step(call), FCR_STEP_CLOSED);
    assert_int_equal(fcr_call_deviation_count(call), 0);

    assert_int_equal(test_record(call, "{\"type\":\"documented\",\"at\":\"2026-11-10T14:05:00Z\"}"),
                     FCR_ESTATE);
    fcr_call_free(call);
}

static void test_guards__only_documented_after_end(void **state)
{
    (void)state;
    fcr_call *call = new_call(FCR_MODE_LIVE, "front_desk");
    play(call, 7);
    assert_rejected(call, "{\"type\":\"open_question_asked\",\"at\":\"2026-11-10T14:03:00Z\"}",
                    "The call has ended");
    fcr_call_free(call);
}

static void test_guards__call_end_never_rejected(void **state)
{
    (void)state;
    fcr_call *call = new_call(FCR_MODE_LIVE, "front_desk");
    play(call, 1);
    test_record_ok(call, "{\"type\":\"call_ended\",\"at\":\"2026-11-10T14:01:00Z\"}");
    assert_int_equal(fcr_call_step(call), FCR_STEP_DOCUMENT);

    /* What the hang-up left undone is listed, one deviation per requirement. */
    assert_true(fcr_call_deviation_count(call) >= 3);
    assert_string_equal(fcr_deviation_code(fcr_call_deviation(call, 0)), "check_authority");
    assert_int_equal(fcr_deviation_event(fcr_call_deviation(call, 0)), 2);
    assert_string_equal(fcr_deviation_concern(fcr_call_deviation(call, 0)), "c1");
    fcr_call_free(call);
}

static void test_guards__anything_else_loop(void **state)
{
    (void)state;
    fcr_call *call = new_call(FCR_MODE_LIVE, "front_desk");
    play(call, 5);
    test_record_ok(call, "{\"type\":\"anything_else_asked\",\"at\":\"2026-11-10T14:02:10Z\","
                         "\"answer\":\"yes\"}");
    assert_int_equal(fcr_call_step(call), FCR_STEP_CLARIFY);
    assert_rejected(call, "{\"type\":\"authority_checked\",\"at\":\"2026-11-10T14:02:20Z\","
                          "\"concern\":\"c1\"}", "record the new concern");

    test_record_ok(call, "{\"type\":\"concern_stated\",\"at\":\"2026-11-10T14:02:20Z\","
                         "\"concern\":\"c2\",\"category\":\"refill\",\"request\":\"My inhaler\"}");
    assert_rejected(call, "{\"type\":\"authority_checked\",\"at\":\"2026-11-10T14:02:30Z\","
                          "\"concern\":\"c2\"}", "Restate concern c2");
    test_record_ok(call, "{\"type\":\"concern_restated\",\"at\":\"2026-11-10T14:02:30Z\","
                         "\"concern\":\"c2\",\"confirmed\":true}");
    test_record_ok(call, "{\"type\":\"authority_checked\",\"at\":\"2026-11-10T14:02:40Z\","
                         "\"concern\":\"c2\",\"tools_available\":true}");
    test_record_ok(call, "{\"type\":\"resolved\",\"at\":\"2026-11-10T14:03:00Z\","
                         "\"concern\":\"c2\",\"action\":\"Sent the refill to the pharmacy\"}");

    /* The first recap came before the new outcome, so another is needed. */
    assert_rejected(call, "{\"type\":\"documented\",\"at\":\"2026-11-10T14:03:10Z\"}",
                    "Summarize the next steps");
    test_record_ok(call, "{\"type\":\"recap_given\",\"at\":\"2026-11-10T14:03:10Z\"}");
    test_record_ok(call, "{\"type\":\"anything_else_asked\",\"at\":\"2026-11-10T14:03:20Z\","
                         "\"answer\":\"no\"}");
    test_record_ok(call, "{\"type\":\"call_ended\",\"at\":\"2026-11-10T14:03:30Z\"}");
    test_record_ok(call, "{\"type\":\"documented\",\"at\":\"2026-11-10T14:05:00Z\"}");
    assert_int_equal(fcr_call_step(call), FCR_STEP_CLOSED);
    assert_int_equal(fcr_call_concern_count(call), 2);
    assert_int_equal(fcr_call_deviation_count(call), 0);
    fcr_call_free(call);
}

static void test_guards__header_fixed_after_first_event(void **state)
{
    (void)state;
    fcr_call *call = new_call(FCR_MODE_LIVE, "front_desk");
    play(call, 0);
    assert_int_equal(fcr_call_set_agent(call, "agent-2", "nurse"), FCR_ESTATE);
    assert_int_equal(fcr_call_set_caller_role(call, FCR_CALLER_PROXY), FCR_ESTATE);
    assert_int_equal(fcr_call_set_direction(call, FCR_DIRECTION_OUTBOUND), FCR_ESTATE);
    assert_int_equal(fcr_call_set_patient_key(call, "p-1"), FCR_ESTATE);
    assert_string_equal(fcr_call_agent_role(call), "front_desk");
    fcr_call_free(call);
}

static void test_guards__unknown_role_rejected(void **state)
{
    (void)state;
    fcr_call *call = new_call(FCR_MODE_LIVE, NULL);
    assert_int_equal(fcr_call_set_agent(call, "agent-1", "janitor"), FCR_ENOTFOUND);
    assert_non_null(strstr(fcr_last_error(), "janitor"));
    assert_null(fcr_call_agent_role(call));
    fcr_call_free(call);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_guards__clarify_needs_a_concern),
        cmocka_unit_test(test_guards__clarify_needs_restatement),
        cmocka_unit_test(test_guards__clarify_needs_confirmation),
        cmocka_unit_test(test_guards__act_needs_authority_check),
        cmocka_unit_test(test_guards__outcome_needs_identity),
        cmocka_unit_test(test_guards__proxy_needs_authority),
        cmocka_unit_test(test_guards__clinical_resolve_rejected),
        cmocka_unit_test(test_guards__clinical_resolve_by_nurse),
        cmocka_unit_test(test_guards__clinical_without_role),
        cmocka_unit_test(test_guards__escalation_needs_fields),
        cmocka_unit_test(test_guards__escalation_keeps_recorded_due),
        cmocka_unit_test(test_guards__moved_forward_needs_fields),
        cmocka_unit_test(test_guards__resolution_needs_action),
        cmocka_unit_test(test_guards__concern_needs_request),
        cmocka_unit_test(test_guards__recap_after_last_outcome),
        cmocka_unit_test(test_guards__recap_must_cover_concerns),
        cmocka_unit_test(test_guards__anything_else_before_recap),
        cmocka_unit_test(test_guards__closed_after_end_and_documented),
        cmocka_unit_test(test_guards__only_documented_after_end),
        cmocka_unit_test(test_guards__call_end_never_rejected),
        cmocka_unit_test(test_guards__anything_else_loop),
        cmocka_unit_test(test_guards__header_fixed_after_first_event),
        cmocka_unit_test(test_guards__unknown_role_rejected),
    };
    return cmocka_run_group_tests(tests, setup_policy, teardown_policy);
}
