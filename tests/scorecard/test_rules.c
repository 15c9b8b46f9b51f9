/* SPDX-License-Identifier: MIT */
/* Every outcome of every checklist rule, scored from replayed calls. */
#include <stdio.h>
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

/* Builds a replayed call from a JSON array of events. */
static fcr_call *replay(const char *role, const char *events)
{
    char json[16384];
    snprintf(json, sizeof json,
             "{\"format\":\"fcr.call/1\",\"id\":\"t\",\"started_at\":\"2026-11-10T14:00:00Z\","
             "\"agent\":{\"id\":\"a\",\"role\":\"%s\"},\"events\":%s}",
             role, events);
    fcr_call *call = NULL;
    if (fcr_call_from_json(&call, policy, FCR_MODE_REPLAY, json, strlen(json), "test") != FCR_OK)
        fail_msg("cannot build the test call: %s", fcr_last_error());
    return call;
}

static fcr_scorecard *score(fcr_call *call)
{
    fcr_scorecard *scorecard = NULL;
    assert_int_equal(fcr_scorecard_new(&scorecard, call), FCR_OK);
    return scorecard;
}

static void assert_item(const fcr_scorecard *scorecard, fcr_item item, fcr_result expected,
                        const char *note_fragment)
{
    fcr_result got = fcr_scorecard_result(scorecard, item);
    if (got != expected)
        fail_msg("%s: expected %s, got %s (%s)", fcr_item_id(item), fcr_result_name(expected),
                 fcr_result_name(got), fcr_scorecard_note(scorecard, item));
    if (note_fragment != NULL && strstr(fcr_scorecard_note(scorecard, item), note_fragment) == NULL)
        fail_msg("%s: note \"%s\" lacks \"%s\"", fcr_item_id(item),
                 fcr_scorecard_note(scorecard, item), note_fragment);
}

/* Event snippets; times increase in the order they are listed in a call. */
#define OPEN(t) "{\"type\":\"open_question_asked\",\"at\":\"2026-11-10T14:" t "Z\"}"
#define STATED(t, c, cat) \
    "{\"type\":\"concern_stated\",\"at\":\"2026-11-10T14:" t "Z\",\"concern\":\"" c "\"," \
    "\"category\":\"" cat "\",\"request\":\"req\"}"
#define RESTATED(t, c, yes) \
    "{\"type\":\"concern_restated\",\"at\":\"2026-11-10T14:" t "Z\",\"concern\":\"" c "\"," \
    "\"confirmed\":" yes "}"
#define VERIFIED(t, list) \
    "{\"type\":\"identity_verified\",\"at\":\"2026-11-10T14:" t "Z\",\"identifiers\":[" list "]}"
#define CHECKED(t, c, scope, tools) \
    "{\"type\":\"authority_checked\",\"at\":\"2026-11-10T14:" t "Z\",\"concern\":\"" c "\"," \
    "\"in_scope\":" scope ",\"tools_available\":" tools "}"
#define RESOLVED(t, c) \
    "{\"type\":\"resolved\",\"at\":\"2026-11-10T14:" t "Z\",\"concern\":\"" c "\"," \
    "\"action\":\"done\",\"next_step\":\"none needed\"}"
#define ESCALATED(t, c) \
    "{\"type\":\"escalated\",\"at\":\"2026-11-10T14:" t "Z\",\"concern\":\"" c "\"," \
    "\"target\":\"nurse_triage\",\"reason\":\"needs a nurse\",\"owner\":\"RN\"}"
#define MOVED(t, c) \
    "{\"type\":\"moved_forward\",\"at\":\"2026-11-10T14:" t "Z\",\"concern\":\"" c "\"," \
    "\"action\":\"started\",\"next_step\":\"finish\",\"owner\":\"coordinator\"," \
    "\"target\":\"referral_coordinator\"}"
#define RECAP(t) "{\"type\":\"recap_given\",\"at\":\"2026-11-10T14:" t "Z\"}"
#define RECAP_OF(t, list) \
    "{\"type\":\"recap_given\",\"at\":\"2026-11-10T14:" t "Z\",\"concerns\":[" list "]}"
#define ANYTHING(t, answer) \
    "{\"type\":\"anything_else_asked\",\"at\":\"2026-11-10T14:" t "Z\",\"answer\":\"" answer "\"}"
#define ENDED(t) "{\"type\":\"call_ended\",\"at\":\"2026-11-10T14:" t "Z\"}"
#define DOCUMENTED(t) "{\"type\":\"documented\",\"at\":\"2026-11-10T14:" t "Z\"}"

/* A fully compliant one-concern call. */
#define COMPLIANT                                                                       \
    "[" OPEN("00:05") "," STATED("00:10", "c1", "scheduling") ","                       \
    RESTATED("00:20", "c1", "true") "," VERIFIED("00:30", "\"name\",\"date_of_birth\"") \
    "," CHECKED("00:40", "c1", "true", "true") "," RESOLVED("01:00", "c1") ","          \
    RECAP("02:00") "," ANYTHING("02:10", "no") "," ENDED("02:30") "," DOCUMENTED("04:00") "]"

static void test_rules__compliant_call_meets_all(void **state)
{
    (void)state;
    fcr_call *call = replay("front_desk", COMPLIANT);
    fcr_scorecard *scorecard = score(call);

    for (int item = 0; item < FCR_ITEM_COUNT; item++) {
        if (item == FCR_ITEM_ESCALATED_ONLY_WHEN_NECESSARY)
            assert_item(scorecard, (fcr_item)item, FCR_RESULT_NOT_APPLICABLE, "Nothing was escalated");
        else
            assert_item(scorecard, (fcr_item)item, FCR_RESULT_MET, NULL);
    }
    assert_true(fcr_scorecard_scored(scorecard));
    assert_true(fcr_scorecard_score(scorecard) == 100.0);
    assert_false(fcr_scorecard_auto_fail(scorecard));
    assert_string_equal(fcr_scorecard_band(scorecard), "exceeds expectations");
    fcr_scorecard_free(scorecard);
    fcr_call_free(call);
}

static void test_rules__open_questions_outcomes(void **state)
{
    (void)state;
    /* Asked only after the restatement: missed. */
    fcr_call *call = replay("front_desk", "[" STATED("00:10", "c1", "scheduling") ","
                                          RESTATED("00:20", "c1", "true") "," OPEN("00:30") "]");
    fcr_scorecard *scorecard = score(call);
    assert_item(scorecard, FCR_ITEM_OPEN_QUESTIONS, FCR_RESULT_MISSED, "before the first restatement");
    assert_int_equal(fcr_scorecard_evidence_count(scorecard, FCR_ITEM_OPEN_QUESTIONS), 0);
    fcr_scorecard_free(scorecard);
    fcr_call_free(call);

    /* Without a restatement, before the first outcome counts. */
    call = replay("front_desk", "[" OPEN("00:05") "," STATED("00:10", "c1", "scheduling") ","
                                VERIFIED("00:30", "\"name\",\"phone\"") "," RESOLVED("01:00", "c1") "]");
    scorecard = score(call);
    assert_item(scorecard, FCR_ITEM_OPEN_QUESTIONS, FCR_RESULT_MET, "before the first outcome");
    assert_int_equal(fcr_scorecard_evidence(scorecard, FCR_ITEM_OPEN_QUESTIONS, 0), 0);
    fcr_scorecard_free(scorecard);
    fcr_call_free(call);

    /* No question at all in a call without concerns. */
    call = replay("front_desk", "[" ENDED("00:30") "]");
    scorecard = score(call);
    assert_item(scorecard, FCR_ITEM_OPEN_QUESTIONS, FCR_RESULT_MISSED, "during the call");
    fcr_scorecard_free(scorecard);
    fcr_call_free(call);
}

static void test_rules__concern_restated_outcomes(void **state)
{
    (void)state;
    fcr_call *call = replay("front_desk", "[" STATED("00:10", "c1", "scheduling") ","
                                          STATED("00:11", "c2", "refill") ","
                                          RESTATED("00:20", "c1", "true") ","
                                          RESTATED("00:21", "c2", "false") "]");
    fcr_scorecard *scorecard = score(call);
    assert_item(scorecard, FCR_ITEM_CONCERN_RESTATED, FCR_RESULT_MISSED,
                "Concern c2 was restated but the caller did not confirm it");
    assert_int_equal(fcr_scorecard_evidence_count(scorecard, FCR_ITEM_CONCERN_RESTATED), 2);
    fcr_scorecard_free(scorecard);
    fcr_call_free(call);

    call = replay("front_desk", "[" STATED("00:10", "c1", "scheduling") "]");
    scorecard = score(call);
    assert_item(scorecard, FCR_ITEM_CONCERN_RESTATED, FCR_RESULT_MISSED, "Concern c1 was not restated");
    fcr_scorecard_free(scorecard);
    fcr_call_free(call);

    call = replay("front_desk", "[" OPEN("00:05") "]");
    scorecard = score(call);
    assert_item(scorecard, FCR_ITEM_CONCERN_RESTATED, FCR_RESULT_NOT_APPLICABLE, "No concern");
    fcr_scorecard_free(scorecard);
    fcr_call_free(call);
}

static void test_rules__identity_outcomes(void **state)
{
    (void)state;
    /* Second identifier only after the outcome: missed. */
    fcr_call *call = replay("front_desk", "[" STATED("00:10", "c1", "scheduling") ","
                                          VERIFIED("00:30", "\"name\"") "," RESOLVED("01:00", "c1") ","
                                          VERIFIED("01:10", "\"date_of_birth\"") "]");
    fcr_scorecard *scorecard = score(call);
    assert_item(scorecard, FCR_ITEM_IDENTITY_VERIFIED, FCR_RESULT_MISSED, "Only 1 of the 2");
    assert_true(fcr_scorecard_auto_fail(scorecard));
    fcr_scorecard_free(scorecard);
    fcr_call_free(call);

    /* A location and a repeated type do not add up to two. */
    call = replay("front_desk", "[" STATED("00:10", "c1", "scheduling") ","
                                VERIFIED("00:30", "\"name\",\"room\"") ","
                                VERIFIED("00:31", "\"name\"") "," RESOLVED("01:00", "c1") "]");
    scorecard = score(call);
    assert_item(scorecard, FCR_ITEM_IDENTITY_VERIFIED, FCR_RESULT_MISSED, "Only 1 of the 2");
    fcr_scorecard_free(scorecard);
    fcr_call_free(call);

    /* Without outcomes, verification at any time counts. */
    call = replay("front_desk", "[" STATED("00:10", "c1", "scheduling") ","
                                VERIFIED("00:30", "\"name\",\"email\"") "]");
    scorecard = score(call);
    assert_item(scorecard, FCR_ITEM_IDENTITY_VERIFIED, FCR_RESULT_MET, "during the call");
    fcr_scorecard_free(scorecard);
    fcr_call_free(call);

    call = replay("front_desk", "[" OPEN("00:05") "]");
    scorecard = score(call);
    assert_item(scorecard, FCR_ITEM_IDENTITY_VERIFIED, FCR_RESULT_NOT_APPLICABLE, NULL);
    fcr_scorecard_free(scorecard);
    fcr_call_free(call);
}

static void test_rules__identity_proxy_authority(void **state)
{
    (void)state;
    const char *events = "[" STATED("00:10", "c1", "scheduling") ","
                         VERIFIED("00:30", "\"name\",\"date_of_birth\"") "," RESOLVED("01:00", "c1") "]";
    char json[4096];
    snprintf(json, sizeof json,
             "{\"format\":\"fcr.call/1\",\"id\":\"t\",\"started_at\":\"2026-11-10T14:00:00Z\","
             "\"agent\":{\"id\":\"a\",\"role\":\"front_desk\"},\"caller\":{\"role\":\"proxy\"},"
             "\"events\":%s}",
             events);
    fcr_call *call = NULL;
    assert_int_equal(fcr_call_from_json(&call, policy, FCR_MODE_REPLAY, json, strlen(json), "t"),
                     FCR_OK);
    fcr_scorecard *scorecard = score(call);
    assert_item(scorecard, FCR_ITEM_IDENTITY_VERIFIED, FCR_RESULT_MISSED,
                "proxy caller's authority to act for the patient was not confirmed");
    fcr_scorecard_free(scorecard);
    fcr_call_free(call);
}

static void test_rules__resolution_outcomes(void **state)
{
    (void)state;
    /* In scope with tools, escalated anyway: missed. */
    fcr_call *call = replay("front_desk", "[" STATED("00:10", "c1", "scheduling") ","
                                          CHECKED("00:40", "c1", "true", "true") ","
                                          ESCALATED("01:00", "c1") "]");
    fcr_scorecard *scorecard = score(call);
    assert_item(scorecard, FCR_ITEM_RESOLUTION_ATTEMPTED, FCR_RESULT_MISSED,
                "escalated instead of resolved");
    assert_item(scorecard, FCR_ITEM_ESCALATED_ONLY_WHEN_NECESSARY, FCR_RESULT_MISSED,
                "although it was in scope");
    fcr_scorecard_free(scorecard);
    fcr_call_free(call);

    /* In scope, no outcome: missed. */
    call = replay("front_desk", "[" STATED("00:10", "c1", "scheduling") "]");
    scorecard = score(call);
    assert_item(scorecard, FCR_ITEM_RESOLUTION_ATTEMPTED, FCR_RESULT_MISSED,
                "neither resolved nor moved forward");
    fcr_scorecard_free(scorecard);
    fcr_call_free(call);

    /* Moved forward counts as an attempt. */
    call = replay("front_desk", "[" STATED("00:10", "c1", "referral") "," MOVED("01:00", "c1") "]");
    scorecard = score(call);
    assert_item(scorecard, FCR_ITEM_RESOLUTION_ATTEMPTED, FCR_RESULT_MET, NULL);
    fcr_scorecard_free(scorecard);
    fcr_call_free(call);

    /* Tools missing, or out of scope by policy: not applicable. */
    call = replay("front_desk", "[" STATED("00:10", "c1", "scheduling") ","
                                CHECKED("00:40", "c1", "true", "false") "," ESCALATED("01:00", "c1") "]");
    scorecard = score(call);
    assert_item(scorecard, FCR_ITEM_RESOLUTION_ATTEMPTED, FCR_RESULT_NOT_APPLICABLE, NULL);
    assert_item(scorecard, FCR_ITEM_ESCALATED_ONLY_WHEN_NECESSARY, FCR_RESULT_MET, NULL);
    fcr_scorecard_free(scorecard);
    fcr_call_free(call);

    call = replay("front_desk", "[" STATED("00:10", "c1", "clinical_question") "," ESCALATED("01:00", "c1") "]");
    scorecard = score(call);
    assert_item(scorecard, FCR_ITEM_RESOLUTION_ATTEMPTED, FCR_RESULT_NOT_APPLICABLE,
                "No concern was within the agent's scope");
    fcr_scorecard_free(scorecard);
    fcr_call_free(call);
}

static void test_rules__escalation_outcomes(void **state)
{
    (void)state;
    /* Justified but incomplete: no owner. */
    fcr_call *call = replay("front_desk",
                            "[" STATED("00:10", "c1", "clinical_question") ","
                            "{\"type\":\"escalated\",\"at\":\"2026-11-10T14:01:00Z\",\"concern\":\"c1\","
                            "\"target\":\"nurse_triage\",\"reason\":\"needs a nurse\"}]");
    fcr_scorecard *scorecard = score(call);
    assert_item(scorecard, FCR_ITEM_ESCALATED_ONLY_WHEN_NECESSARY, FCR_RESULT_MISSED, "has no owner");
    fcr_scorecard_free(scorecard);
    fcr_call_free(call);

    /* No target and no due time: the due time cannot be computed. */
    call = replay("front_desk",
                  "[" STATED("00:10", "c1", "clinical_question") ","
                  "{\"type\":\"escalated\",\"at\":\"2026-11-10T14:01:00Z\",\"concern\":\"c1\","
                  "\"owner\":\"RN\"}]");
    scorecard = score(call);
    assert_item(scorecard, FCR_ITEM_ESCALATED_ONLY_WHEN_NECESSARY, FCR_RESULT_MISSED,
                "has no reason or due time");
    fcr_scorecard_free(scorecard);
    fcr_call_free(call);

    call = replay("front_desk", "[" STATED("00:10", "c1", "clinical_question") "," ESCALATED("01:00", "c1") "]");
    scorecard = score(call);
    assert_item(scorecard, FCR_ITEM_ESCALATED_ONLY_WHEN_NECESSARY, FCR_RESULT_MET,
                "carried a reason, an owner and a due time");
    fcr_scorecard_free(scorecard);
    fcr_call_free(call);

    call = replay("front_desk", "[" STATED("00:10", "c1", "scheduling") "," RESOLVED("01:00", "c1") "]");
    scorecard = score(call);
    assert_item(scorecard, FCR_ITEM_ESCALATED_ONLY_WHEN_NECESSARY, FCR_RESULT_NOT_APPLICABLE, NULL);
    fcr_scorecard_free(scorecard);
    fcr_call_free(call);
}

static void test_rules__next_steps_outcomes(void **state)
{
    (void)state;
    fcr_call *call = replay("front_desk", "[" STATED("00:10", "c1", "scheduling") ","
                                          RESOLVED("01:00", "c1") "]");
    fcr_scorecard *scorecard = score(call);
    assert_item(scorecard, FCR_ITEM_NEXT_STEPS_EXPLAINED, FCR_RESULT_MISSED, "No recap");
    fcr_scorecard_free(scorecard);
    fcr_call_free(call);

    call = replay("front_desk", "[" STATED("00:10", "c1", "scheduling") "," RECAP("00:50") ","
                                RESOLVED("01:00", "c1") "]");
    scorecard = score(call);
    assert_item(scorecard, FCR_ITEM_NEXT_STEPS_EXPLAINED, FCR_RESULT_MISSED,
                "came before the last outcome");
    fcr_scorecard_free(scorecard);
    fcr_call_free(call);

    call = replay("front_desk", "[" STATED("00:10", "c1", "scheduling") ","
                                STATED("00:11", "c2", "refill") "," RESOLVED("01:00", "c1") ","
                                RESOLVED("01:01", "c2") "," RECAP_OF("02:00", "\"c1\"") "]");
    scorecard = score(call);
    assert_item(scorecard, FCR_ITEM_NEXT_STEPS_EXPLAINED, FCR_RESULT_MISSED,
                "does not cover concern c2");
    fcr_scorecard_free(scorecard);
    fcr_call_free(call);

    /* A recap with no outcome before it, as transcripts often give, is met
     * without claiming an outcome. */
    call = replay("front_desk", "[" STATED("00:10", "c1", "scheduling") "," RECAP("00:50") "]");
    scorecard = score(call);
    assert_item(scorecard, FCR_ITEM_NEXT_STEPS_EXPLAINED, FCR_RESULT_MET, "No outcome was recorded");
    fcr_scorecard_free(scorecard);
    fcr_call_free(call);

    call = replay("front_desk", "[" OPEN("00:05") "]");
    scorecard = score(call);
    assert_item(scorecard, FCR_ITEM_NEXT_STEPS_EXPLAINED, FCR_RESULT_NOT_APPLICABLE, NULL);
    fcr_scorecard_free(scorecard);
    fcr_call_free(call);
}

static void test_rules__anything_else_outcomes(void **state)
{
    (void)state;
    /* Asked before the recap only: missed. */
    fcr_call *call = replay("front_desk", "[" STATED("00:10", "c1", "scheduling") ","
                                          RESOLVED("01:00", "c1") "," ANYTHING("01:30", "no") ","
                                          RECAP("02:00") "]");
    fcr_scorecard *scorecard = score(call);
    assert_item(scorecard, FCR_ITEM_ANYTHING_ELSE_ASKED, FCR_RESULT_MISSED, "after the recap");
    fcr_scorecard_free(scorecard);
    fcr_call_free(call);

    /* No recap: asked after the last outcome counts. */
    call = replay("front_desk", "[" STATED("00:10", "c1", "scheduling") ","
                                RESOLVED("01:00", "c1") "," ANYTHING("01:30", "no") "]");
    scorecard = score(call);
    assert_item(scorecard, FCR_ITEM_ANYTHING_ELSE_ASKED, FCR_RESULT_MET, "there was no recap");
    fcr_scorecard_free(scorecard);
    fcr_call_free(call);

    call = replay("front_desk", "[" OPEN("00:05") "]");
    scorecard = score(call);
    assert_item(scorecard, FCR_ITEM_ANYTHING_ELSE_ASKED, FCR_RESULT_NOT_APPLICABLE, NULL);
    fcr_scorecard_free(scorecard);
    fcr_call_free(call);
}

static void test_rules__documented_outcomes(void **state)
{
    (void)state;
    fcr_call *call = replay("front_desk", "[" STATED("00:10", "c1", "scheduling") ","
                                          RESOLVED("01:00", "c1") "," ENDED("02:00") "]");
    fcr_scorecard *scorecard = score(call);
    assert_item(scorecard, FCR_ITEM_DOCUMENTED, FCR_RESULT_MISSED, "was not documented");
    fcr_scorecard_free(scorecard);
    fcr_call_free(call);

    /* 31 minutes after the end is past the 30-minute default window. */
    call = replay("front_desk", "[" STATED("00:10", "c1", "scheduling") ","
                                RESOLVED("01:00", "c1") "," ENDED("02:00") "," DOCUMENTED("33:00") "]");
    scorecard = score(call);
    assert_item(scorecard, FCR_ITEM_DOCUMENTED, FCR_RESULT_MISSED, "later than the 30-minute window");
    fcr_scorecard_free(scorecard);
    fcr_call_free(call);

    /* Exactly at the window's end is in time. */
    call = replay("front_desk", "[" STATED("00:10", "c1", "scheduling") ","
                                RESOLVED("01:00", "c1") "," ENDED("02:00") "," DOCUMENTED("32:00") "]");
    scorecard = score(call);
    assert_item(scorecard, FCR_ITEM_DOCUMENTED, FCR_RESULT_MET, NULL);
    fcr_scorecard_free(scorecard);
    fcr_call_free(call);

    /* A concern without an outcome leaves the note incomplete. */
    call = replay("front_desk", "[" STATED("00:10", "c1", "scheduling") "," STATED("00:11", "c2", "refill") ","
                                RESOLVED("01:00", "c1") "," ENDED("02:00") "," DOCUMENTED("03:00") "]");
    scorecard = score(call);
    assert_item(scorecard, FCR_ITEM_DOCUMENTED, FCR_RESULT_MISSED, "concern c2 lacks an action taken");
    fcr_scorecard_free(scorecard);
    fcr_call_free(call);

    /* A resolution without a next step leaves the note incomplete too. */
    call = replay("front_desk", "[" STATED("00:10", "c1", "scheduling") ","
                                "{\"type\":\"resolved\",\"at\":\"2026-11-10T14:01:00Z\",\"concern\":\"c1\","
                                "\"action\":\"done\"}," ENDED("02:00") "," DOCUMENTED("03:00") "]");
    scorecard = score(call);
    assert_item(scorecard, FCR_ITEM_DOCUMENTED, FCR_RESULT_MISSED, "lacks a next step");
    fcr_scorecard_free(scorecard);
    fcr_call_free(call);

    call = replay("front_desk", "[" OPEN("00:05") "]");
    scorecard = score(call);
    assert_item(scorecard, FCR_ITEM_DOCUMENTED, FCR_RESULT_NOT_APPLICABLE, NULL);
    fcr_scorecard_free(scorecard);
    fcr_call_free(call);
}

static void test_rules__unobservable_is_unknown(void **state)
{
    (void)state;
    fcr_call *call = replay("front_desk", COMPLIANT);
    assert_int_equal(fcr_call_set_unobservable(call, FCR_ITEM_DOCUMENTED), FCR_OK);
    assert_true(fcr_call_unobservable(call, FCR_ITEM_DOCUMENTED));
    fcr_scorecard *scorecard = score(call);
    assert_item(scorecard, FCR_ITEM_DOCUMENTED, FCR_RESULT_UNKNOWN, "cannot show");
    /* Unknown leaves the score like not applicable: 6 of 6 met. */
    assert_true(fcr_scorecard_score(scorecard) == 100.0);
    fcr_scorecard_free(scorecard);

    /* The mark survives a JSON round trip. */
    char *json = test_call_json(call);
    assert_non_null(strstr(json, "\"unobservable\":[\"documented\"]"));
    fcr_call *copy = NULL;
    assert_int_equal(fcr_call_from_json(&copy, policy, FCR_MODE_REPLAY, json, strlen(json), "t"), FCR_OK);
    assert_true(fcr_call_unobservable(copy, FCR_ITEM_DOCUMENTED));
    fcr_free(json);
    fcr_call_free(copy);
    fcr_call_free(call);
}

/* Missed anything-else and documentation: 5 of 7 applicable items met. */
#define TWO_MISSED                                                                      \
    "[" OPEN("00:05") "," STATED("00:10", "c1", "scheduling") ","                       \
    RESTATED("00:20", "c1", "true") "," VERIFIED("00:30", "\"name\",\"date_of_birth\"") \
    "," CHECKED("00:40", "c1", "true", "true") "," RESOLVED("01:00", "c1") ","          \
    RECAP("02:00") "," ENDED("02:30") "]"

static void test_rules__score_and_bands(void **state)
{
    (void)state;
    fcr_call *call = replay("front_desk", TWO_MISSED);
    fcr_scorecard *scorecard = score(call);
    assert_float_equal(fcr_scorecard_score(scorecard), 500.0 / 7.0, 1e-9);
    assert_string_equal(fcr_scorecard_band(scorecard), "needs improvement");
    fcr_scorecard_free(scorecard);
    fcr_call_free(call);
}

static void test_rules__weights_from_policy(void **state)
{
    (void)state;
    const char *json = "{\"format\":\"fcr.policy/1\",\"checklist\":{\"weights\":"
                       "{\"anything_else_asked\":0,\"documented\":0.5}}}";
    fcr_policy *weighted = NULL;
    assert_int_equal(fcr_policy_load(&weighted, json, strlen(json), "weights"), FCR_OK);

    fcr_policy *saved = policy;
    policy = weighted;
    fcr_call *call = replay("front_desk", TWO_MISSED);
    policy = saved;

    fcr_scorecard *scorecard = score(call);
    /* Met weight 5; applicable 5 + 0 + 0.5. */
    assert_float_equal(fcr_scorecard_score(scorecard), 100.0 * 5.0 / 5.5, 1e-9);
    assert_string_equal(fcr_scorecard_band(scorecard), "exceeds expectations");
    fcr_scorecard_free(scorecard);
    fcr_call_free(call);
    fcr_policy_free(weighted);
}

static void test_rules__band_edges(void **state)
{
    (void)state;
    /* Weights that make the score exactly 75 and exactly 90. */
    const char *at_75 = "{\"format\":\"fcr.policy/1\",\"checklist\":{\"weights\":{\"open_questions\":0,"
                        "\"concern_restated\":0,\"identity_verified\":1,\"resolution_attempted\":1,"
                        "\"next_steps_explained\":1,\"anything_else_asked\":1,\"documented\":0}}}";
    const char *at_90 = "{\"format\":\"fcr.policy/1\",\"checklist\":{\"weights\":{\"open_questions\":0,"
                        "\"concern_restated\":0,\"identity_verified\":9,\"resolution_attempted\":0,"
                        "\"next_steps_explained\":0,\"anything_else_asked\":1,\"documented\":0}}}";
    const char *cases[] = {at_75, at_90};
    const char *bands[] = {"meets expectations", "exceeds expectations"};
    const double scores[] = {75.0, 90.0};

    for (int i = 0; i < 2; i++) {
        fcr_policy *edge = NULL;
        assert_int_equal(fcr_policy_load(&edge, cases[i], strlen(cases[i]), "edge"), FCR_OK);
        fcr_policy *saved = policy;
        policy = edge;
        fcr_call *call = replay("front_desk", TWO_MISSED);
        policy = saved;

        fcr_scorecard *scorecard = score(call);
        assert_true(fcr_scorecard_score(scorecard) == scores[i]);
        assert_string_equal(fcr_scorecard_band(scorecard), bands[i]);
        fcr_scorecard_free(scorecard);
        fcr_call_free(call);
        fcr_policy_free(edge);
    }
}

static void test_rules__auto_fail_keeps_raw_score(void **state)
{
    (void)state;
    fcr_call *call = replay("front_desk", "[" OPEN("00:05") "," STATED("00:10", "c1", "scheduling") ","
                                          RESTATED("00:20", "c1", "true") "," VERIFIED("00:30", "\"name\"") ","
                                          RESOLVED("01:00", "c1") "," RECAP("02:00") ","
                                          ANYTHING("02:10", "no") "," ENDED("02:30") ","
                                          DOCUMENTED("04:00") "]");
    fcr_scorecard *scorecard = score(call);
    assert_true(fcr_scorecard_auto_fail(scorecard));
    assert_true(fcr_scorecard_score(scorecard) == 0.0);
    assert_float_equal(fcr_scorecard_raw_score(scorecard), 600.0 / 7.0, 1e-9);
    assert_string_equal(fcr_scorecard_band(scorecard), "needs improvement");
    fcr_scorecard_free(scorecard);
    fcr_call_free(call);
}

static void test_rules__critical_items_from_policy(void **state)
{
    (void)state;
    const char *json = "{\"format\":\"fcr.policy/1\",\"checklist\":{\"critical\":[\"documented\"]}}";
    fcr_policy *strict = NULL;
    assert_int_equal(fcr_policy_load(&strict, json, strlen(json), "critical"), FCR_OK);
    fcr_policy *saved = policy;
    policy = strict;
    fcr_call *call = replay("front_desk", TWO_MISSED);
    policy = saved;

    fcr_scorecard *scorecard = score(call);
    assert_true(fcr_scorecard_auto_fail(scorecard));
    fcr_scorecard_free(scorecard);
    fcr_call_free(call);
    fcr_policy_free(strict);
}

static void test_rules__override_changes_score(void **state)
{
    (void)state;
    fcr_call *call = replay("front_desk", TWO_MISSED);
    fcr_scorecard *scorecard = score(call);
    fcr_time at = test_time("2026-11-11T09:00:00Z");

    assert_int_equal(fcr_scorecard_override(scorecard, FCR_ITEM_DOCUMENTED, FCR_RESULT_MET,
                                            "reviewer-7", at, ""), FCR_EINVAL);
    assert_false(fcr_scorecard_overridden(scorecard, FCR_ITEM_DOCUMENTED));

    assert_int_equal(fcr_scorecard_override(scorecard, FCR_ITEM_DOCUMENTED, FCR_RESULT_MET,
                                            "reviewer-7", at, "Note found in the EMR audit log"),
                     FCR_OK);
    assert_true(fcr_scorecard_overridden(scorecard, FCR_ITEM_DOCUMENTED));
    assert_int_equal(fcr_scorecard_result(scorecard, FCR_ITEM_DOCUMENTED), FCR_RESULT_MET);
    assert_int_equal(fcr_scorecard_rule_result(scorecard, FCR_ITEM_DOCUMENTED), FCR_RESULT_MISSED);
    assert_string_equal(fcr_scorecard_override_reviewer(scorecard, FCR_ITEM_DOCUMENTED), "reviewer-7");
    assert_true(fcr_scorecard_override_time(scorecard, FCR_ITEM_DOCUMENTED) == at);
    assert_float_equal(fcr_scorecard_score(scorecard), 600.0 / 7.0, 1e-9);
    assert_string_equal(fcr_scorecard_band(scorecard), "meets expectations");

    /* A critical item overridden to missed fails the call. */
    assert_int_equal(fcr_scorecard_override(scorecard, FCR_ITEM_IDENTITY_VERIFIED, FCR_RESULT_MISSED,
                                            "reviewer-7", at, "Second identifier was a guess"),
                     FCR_OK);
    assert_true(fcr_scorecard_auto_fail(scorecard));

    /* Every output shows the override. */
    const fcr_scorecard_format formats[] = {FCR_SCORECARD_TEXT, FCR_SCORECARD_JSON, FCR_SCORECARD_CSV};
    for (int i = 0; i < 3; i++) {
        char *text = NULL;
        assert_int_equal(fcr_scorecard_write(&text, scorecard, formats[i], FCR_PROFILE_CHART), FCR_OK);
        assert_non_null(strstr(text, "reviewer-7"));
        assert_non_null(strstr(text, "Note found in the EMR audit log"));
        fcr_free(text);

        assert_int_equal(fcr_scorecard_write(&text, scorecard, formats[i], FCR_PROFILE_QA), FCR_OK);
        assert_non_null(strstr(text, "reviewer-7"));
        assert_null(strstr(text, "Note found in the EMR audit log"));
        fcr_free(text);
    }
    fcr_scorecard_free(scorecard);
    fcr_call_free(call);
}

static void test_rules__scorecard_outlives_call(void **state)
{
    (void)state;
    fcr_call *call = replay("front_desk", COMPLIANT);
    fcr_scorecard *scorecard = score(call);
    fcr_call_free(call);

    char *text = NULL;
    assert_int_equal(fcr_scorecard_write(&text, scorecard, FCR_SCORECARD_TEXT, FCR_PROFILE_CHART), FCR_OK);
    assert_non_null(strstr(text, "Score: 100.0 (exceeds expectations)"));
    fcr_free(text);
    fcr_scorecard_free(scorecard);
}

static void test_rules__item_ids_round_trip(void **state)
{
    (void)state;
    for (int item = 0; item < FCR_ITEM_COUNT; item++) {
        fcr_item found;
        assert_int_equal(fcr_item_from_id(&found, fcr_item_id((fcr_item)item)), FCR_OK);
        assert_int_equal(found, item);
        assert_non_null(fcr_item_title((fcr_item)item));
    }
    fcr_item found;
    assert_int_equal(fcr_item_from_id(&found, "smiled"), FCR_ENOTFOUND);
    assert_null(fcr_item_id((fcr_item)FCR_ITEM_COUNT));
    assert_string_equal(fcr_result_name(FCR_RESULT_NOT_APPLICABLE), "not_applicable");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_rules__compliant_call_meets_all),
        cmocka_unit_test(test_rules__open_questions_outcomes),
        cmocka_unit_test(test_rules__concern_restated_outcomes),
        cmocka_unit_test(test_rules__identity_outcomes),
        cmocka_unit_test(test_rules__identity_proxy_authority),
        cmocka_unit_test(test_rules__resolution_outcomes),
        cmocka_unit_test(test_rules__escalation_outcomes),
        cmocka_unit_test(test_rules__next_steps_outcomes),
        cmocka_unit_test(test_rules__anything_else_outcomes),
        cmocka_unit_test(test_rules__documented_outcomes),
        cmocka_unit_test(test_rules__unobservable_is_unknown),
        cmocka_unit_test(test_rules__score_and_bands),
        cmocka_unit_test(test_rules__weights_from_policy),
        cmocka_unit_test(test_rules__band_edges),
        cmocka_unit_test(test_rules__auto_fail_keeps_raw_score),
        cmocka_unit_test(test_rules__critical_items_from_policy),
        cmocka_unit_test(test_rules__override_changes_score),
        cmocka_unit_test(test_rules__scorecard_outlives_call),
        cmocka_unit_test(test_rules__item_ids_round_trip),
    };
    return cmocka_run_group_tests(tests, setup_policy, teardown_policy);
}
