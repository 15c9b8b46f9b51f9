/* SPDX-License-Identifier: MIT */
/* fcr_recap_write(): the sentence forms, and due times phrased relative to
 * the call's local date in the office's zone. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "test_support.h"

/* An office in New York, open 08:00 to 17:00 on weekdays. */
static const char new_york_policy[] =
    "{\"format\": \"fcr.policy/1\", \"office\": {\"time_zone\": \"America/New_York\"}}";

/* Reads a replay-mode call with the default policy, or with the policy
 * document given. */
static fcr_call *read_call(const char *policy_json, const char *call_json)
{
    fcr_policy *policy = NULL;
    if (policy_json == NULL)
        assert_int_equal(fcr_policy_new(&policy), FCR_OK);
    else if (fcr_policy_load(&policy, policy_json, strlen(policy_json), "policy") != FCR_OK)
        fail_msg("policy rejected: %s", fcr_last_error());

    fcr_call *call = NULL;
    fcr_status status = fcr_call_from_json(&call, policy, FCR_MODE_REPLAY, call_json,
                                           strlen(call_json), "call");
    fcr_policy_free(policy);
    if (status != FCR_OK)
        fail_msg("call rejected: %s", fcr_last_error());
    return call;
}

/* A call with one concern that ends in `outcome_event`, a JSON event object
 * for concern c1. */
static fcr_call *one_concern_call(const char *policy_json, const char *started_at,
                                  const char *category, const char *outcome_event)
{
    char json[2048];
    snprintf(json, sizeof json,
             "{\"format\": \"fcr.call/1\", \"id\": \"recap-1\", \"started_at\": \"%s\","
             " \"agent\": {\"id\": \"agent-1\", \"role\": \"front_desk\"},"
             " \"events\": ["
             "{\"type\": \"concern_stated\", \"at\": \"%s\", \"concern\": \"c1\","
             " \"category\": \"%s\", \"request\": \"Request text\"},"
             "%s]}",
             started_at, started_at, category, outcome_event);
    return read_call(policy_json, json);
}

static void assert_recap(const fcr_call *call, const char *expected)
{
    char *recap = NULL;
    assert_int_equal(fcr_recap_write(&recap, call), FCR_OK);
    if (strcmp(recap, expected) != 0)
        fail_msg("recap differs:\n  expected: %s\n  actual:   %s", expected, recap);
    fcr_free(recap);
}

static void assert_note_contains(const fcr_call *call, const char *fragment)
{
    char *note = NULL;
    assert_int_equal(fcr_note_write(&note, call, FCR_NOTE_TEXT, FCR_PROFILE_CHART), FCR_OK);
    if (strstr(note, fragment) == NULL)
        fail_msg("the note lacks \"%s\":\n%s", fragment, note);
    fcr_free(note);
}

static void test_recap__escalated_due_today(void **state)
{
    (void)state;
    fcr_call *call = one_concern_call(
        NULL, "2026-11-10T09:55:00Z", "refill",
        "{\"type\": \"escalated\", \"at\": \"2026-11-10T10:00:00Z\", \"concern\": \"c1\","
        " \"target\": \"nurse_triage\", \"reason\": \"r\", \"owner\": \"o\"}");
    assert_recap(call, "I have flagged your prescription refill for our nurse triage, who will "
                       "call you back by 2:00 PM today.");
    fcr_call_free(call);
}

static void test_recap__escalated_at_once(void **state)
{
    (void)state;
    /* Emergency services do not call back, at 3 AM or at any time. */
    fcr_call *call = one_concern_call(
        NULL, "2026-11-14T03:00:00Z", "symptoms",
        "{\"type\": \"escalated\", \"at\": \"2026-11-14T03:01:00Z\", \"concern\": \"c1\","
        " \"target\": \"emergency\", \"reason\": \"r\", \"owner\": \"o\"}");
    assert_recap(call, "For your symptoms, please contact emergency services right away.");
    fcr_call_free(call);
}

static void test_recap__escalated_due_tomorrow(void **state)
{
    (void)state;
    /* Two business hours are left on Tuesday, two more from 08:00 Wednesday. */
    fcr_call *call = one_concern_call(
        NULL, "2026-11-10T15:00:00Z", "clinical_question",
        "{\"type\": \"escalated\", \"at\": \"2026-11-10T15:00:00Z\", \"concern\": \"c1\","
        " \"target\": \"nurse_triage\", \"reason\": \"r\", \"owner\": \"o\"}");
    assert_recap(call, "I have flagged your clinical question for our nurse triage, who will "
                       "call you back by 10:00 AM tomorrow.");
    fcr_call_free(call);
}

static void test_recap__escalated_due_after_weekend(void **state)
{
    (void)state;
    /* Friday 16:30 in New York plus 4 business hours is Monday 11:30. */
    fcr_call *call = one_concern_call(
        new_york_policy, "2026-11-13T21:25:00Z", "refill",
        "{\"type\": \"escalated\", \"at\": \"2026-11-13T21:30:00Z\", \"concern\": \"c1\","
        " \"target\": \"nurse_triage\", \"reason\": \"r\", \"owner\": \"o\"}");
    assert_recap(call, "I have flagged your prescription refill for our nurse triage, who will "
                       "call you back by Monday, November 16 at 11:30 AM.");
    fcr_call_free(call);
}

static void test_recap__tomorrow_across_local_midnight(void **state)
{
    (void)state;
    /* 03:30 UTC on November 10 is 22:30 on November 9 in New York. The
     * nurse calls back at 12:00 local on November 10, which is tomorrow for
     * the caller, although both instants fall on November 10 in UTC. */
    fcr_call *call = one_concern_call(
        new_york_policy, "2026-11-10T03:30:00Z", "refill",
        "{\"type\": \"escalated\", \"at\": \"2026-11-10T03:35:00Z\", \"concern\": \"c1\","
        " \"target\": \"nurse_triage\", \"reason\": \"r\", \"owner\": \"o\"}");
    assert_recap(call, "I have flagged your prescription refill for our nurse triage, who will "
                       "call you back by 12:00 PM tomorrow.");
    fcr_call_free(call);
}

static void test_recap__today_across_utc_midnight(void **state)
{
    (void)state;
    /* 18:00 and 22:00 on November 10 in New York fall on two UTC dates. */
    fcr_call *call = one_concern_call(
        new_york_policy, "2026-11-10T23:00:00Z", "billing",
        "{\"type\": \"escalated\", \"at\": \"2026-11-10T23:05:00Z\", \"concern\": \"c1\","
        " \"target\": \"billing\", \"reason\": \"r\", \"owner\": \"o\","
        " \"due_at\": \"2026-11-11T03:00:00Z\"}");
    assert_recap(call, "I have flagged your billing for our billing office, who will call you "
                       "back by 10:00 PM today.");
    fcr_call_free(call);
}

static void test_recap__across_fall_back(void **state)
{
    (void)state;
    /* New York leaves daylight time on Sunday, November 1, 2026: the call
     * is at UTC-4 and the callback at UTC-5, both at the office's 11:30. */
    fcr_call *call = one_concern_call(
        new_york_policy, "2026-10-30T20:25:00Z", "refill",
        "{\"type\": \"escalated\", \"at\": \"2026-10-30T20:30:00Z\", \"concern\": \"c1\","
        " \"target\": \"nurse_triage\", \"reason\": \"r\", \"owner\": \"o\"}");
    assert_recap(call, "I have flagged your prescription refill for our nurse triage, who will "
                       "call you back by Monday, November 2 at 11:30 AM.");
    assert_note_contains(call, "Date and time: 2026-10-30 16:25 -04:00 (America/New_York)");
    assert_note_contains(call, "Due: 2026-11-02 11:30 -05:00 (computed from the policy)");
    assert_int_equal(fcr_concern_due_at(fcr_call_concern(call, 0)),
                     test_time("2026-11-02T16:30:00Z"));
    fcr_call_free(call);
}

static void test_recap__across_spring_forward(void **state)
{
    (void)state;
    /* Daylight time starts on Sunday, March 14, 2027. */
    fcr_call *call = one_concern_call(
        new_york_policy, "2027-03-12T21:25:00Z", "refill",
        "{\"type\": \"escalated\", \"at\": \"2027-03-12T21:30:00Z\", \"concern\": \"c1\","
        " \"target\": \"nurse_triage\", \"reason\": \"r\", \"owner\": \"o\"}");
    assert_recap(call, "I have flagged your prescription refill for our nurse triage, who will "
                       "call you back by Monday, March 15 at 11:30 AM.");
    assert_note_contains(call, "Due: 2027-03-15 11:30 -04:00 (computed from the policy)");
    fcr_call_free(call);
}

static void test_recap__later_year_is_named(void **state)
{
    (void)state;
    /* Two business days after Thursday, December 31, 2026. */
    fcr_call *call = one_concern_call(
        NULL, "2026-12-31T09:55:00Z", "billing",
        "{\"type\": \"escalated\", \"at\": \"2026-12-31T10:00:00Z\", \"concern\": \"c1\","
        " \"target\": \"billing\", \"reason\": \"r\", \"owner\": \"o\"}");
    assert_recap(call, "I have flagged your billing for our billing office, who will call you "
                       "back by Monday, January 4, 2027 at 10:00 AM.");
    fcr_call_free(call);
}

static void test_recap__resolved_with_next_step(void **state)
{
    (void)state;
    fcr_call *call = one_concern_call(
        NULL, "2026-11-10T14:02:00Z", "scheduling",
        "{\"type\": \"resolved\", \"at\": \"2026-11-10T14:05:00Z\", \"concern\": \"c1\","
        " \"action\": \"Moved the follow-up to Tuesday, November 17 at 10:00 AM\","
        " \"next_step\": \"Attend the visit on Tuesday\"}");
    assert_recap(call, "Your scheduling request is taken care of: Moved the follow-up to "
                       "Tuesday, November 17 at 10:00 AM. Next: Attend the visit on Tuesday.");
    fcr_call_free(call);
}

static void test_recap__resolved_text_keeps_one_period(void **state)
{
    (void)state;
    fcr_call *call = one_concern_call(
        NULL, "2026-11-10T14:02:00Z", "scheduling",
        "{\"type\": \"resolved\", \"at\": \"2026-11-10T14:05:00Z\", \"concern\": \"c1\","
        " \"action\": \"Booked the visit.\\nConfirmed by text. \"}");
    assert_recap(call, "Your scheduling request is taken care of: Booked the visit. Confirmed "
                       "by text.");
    fcr_call_free(call);
}

static void test_recap__moved_forward_with_due(void **state)
{
    (void)state;
    fcr_call *call = one_concern_call(
        NULL, "2026-11-10T14:02:00Z", "referral",
        "{\"type\": \"moved_forward\", \"at\": \"2026-11-10T14:06:00Z\", \"concern\": \"c1\","
        " \"action\": \"Found the referral waiting for cardiology to accept it\","
        " \"next_step\": \"Confirm the cardiology appointment with the patient\","
        " \"owner\": \"referral coordinator\", \"target\": \"referral_coordinator\"}");
    assert_recap(call, "For your referral: Found the referral waiting for cardiology to accept "
                       "it. Next: Confirm the cardiology appointment with the patient, by "
                       "Thursday, November 12 at 2:06 PM.");
    fcr_call_free(call);
}

static void test_recap__skips_concerns_without_outcome(void **state)
{
    (void)state;
    const char json[] =
        "{\"format\": \"fcr.call/1\", \"id\": \"recap-2\", \"started_at\": \"2026-11-10T14:00:00Z\","
        " \"agent\": {\"id\": \"agent-1\", \"role\": \"front_desk\"}, \"events\": ["
        "{\"type\": \"concern_stated\", \"at\": \"2026-11-10T14:00:10Z\", \"concern\": \"c1\","
        " \"category\": \"records\", \"request\": \"r1\"},"
        "{\"type\": \"concern_stated\", \"at\": \"2026-11-10T14:00:20Z\", \"concern\": \"c2\","
        " \"category\": \"scheduling\", \"request\": \"r2\"},"
        "{\"type\": \"resolved\", \"at\": \"2026-11-10T14:03:00Z\", \"concern\": \"c2\","
        " \"action\": \"Booked Friday at 9:00 AM\"}]}";
    fcr_call *call = read_call(NULL, json);
    assert_recap(call, "Your scheduling request is taken care of: Booked Friday at 9:00 AM.");
    fcr_call_free(call);
}

static void test_recap__empty_without_outcomes(void **state)
{
    (void)state;
    const char json[] =
        "{\"format\": \"fcr.call/1\", \"id\": \"recap-3\", \"started_at\": \"2026-11-10T14:00:00Z\","
        " \"events\": [{\"type\": \"concern_stated\", \"at\": \"2026-11-10T14:00:10Z\","
        " \"concern\": \"c1\", \"category\": \"records\", \"request\": \"r1\"}]}";
    fcr_call *call = read_call(NULL, json);
    assert_recap(call, "");
    fcr_call_free(call);
}

static void test_recap__rejects_null_arguments(void **state)
{
    (void)state;
    fcr_call *call = one_concern_call(
        NULL, "2026-11-10T14:02:00Z", "scheduling",
        "{\"type\": \"resolved\", \"at\": \"2026-11-10T14:05:00Z\", \"concern\": \"c1\","
        " \"action\": \"a\"}");
    char *recap = NULL;
    assert_int_equal(fcr_recap_write(NULL, call), FCR_EINVAL);
    assert_int_equal(fcr_recap_write(&recap, NULL), FCR_EINVAL);
    assert_null(recap);
    fcr_call_free(call);
}

static void test_recap__allocation_failures(void **state)
{
    (void)state;
    fcr_call *call = one_concern_call(
        new_york_policy, "2026-11-13T21:25:00Z", "refill",
        "{\"type\": \"escalated\", \"at\": \"2026-11-13T21:30:00Z\", \"concern\": \"c1\","
        " \"target\": \"nurse_triage\", \"reason\": \"r\", \"owner\": \"o\"}");
    long outstanding = test_alloc_outstanding();

    for (unsigned long n = 1;; n++) {
        char *recap = NULL;
        test_alloc_fail_at(n);
        fcr_status status = fcr_recap_write(&recap, call);
        test_alloc_reset();
        if (status == FCR_OK) {
            fcr_free(recap);
            break;
        }
        assert_int_equal(status, FCR_ENOMEM);
        assert_null(recap);
        assert_int_equal(test_alloc_outstanding(), outstanding);
        assert_true(n < 100);
    }
    assert_int_equal(test_alloc_outstanding(), outstanding);
    fcr_call_free(call);
}

int main(void)
{
    test_alloc_install();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_recap__escalated_due_today),
        cmocka_unit_test(test_recap__escalated_at_once),
        cmocka_unit_test(test_recap__escalated_due_tomorrow),
        cmocka_unit_test(test_recap__escalated_due_after_weekend),
        cmocka_unit_test(test_recap__tomorrow_across_local_midnight),
        cmocka_unit_test(test_recap__today_across_utc_midnight),
        cmocka_unit_test(test_recap__across_fall_back),
        cmocka_unit_test(test_recap__across_spring_forward),
        cmocka_unit_test(test_recap__later_year_is_named),
        cmocka_unit_test(test_recap__resolved_with_next_step),
        cmocka_unit_test(test_recap__resolved_text_keeps_one_period),
        cmocka_unit_test(test_recap__moved_forward_with_due),
        cmocka_unit_test(test_recap__skips_concerns_without_outcome),
        cmocka_unit_test(test_recap__empty_without_outcomes),
        cmocka_unit_test(test_recap__rejects_null_arguments),
        cmocka_unit_test(test_recap__allocation_failures),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
