/* SPDX-License-Identifier: MIT */
/* Replay mode: every event that a live-mode guard rejects is accepted and
 * listed as a deviation (code, step, event index, concern), while malformed
 * data is still rejected and leaves the call unchanged. */
#include <stdint.h>
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

#define STATE_C1 \
    "{\"type\":\"concern_stated\",\"at\":\"2026-11-10T14:00:10Z\",\"concern\":\"c1\"," \
    "\"category\":\"scheduling\",\"request\":\"Reschedule my follow-up\"}"
#define STATE_CLINICAL \
    "{\"type\":\"concern_stated\",\"at\":\"2026-11-10T14:00:10Z\",\"concern\":\"c1\"," \
    "\"category\":\"clinical_question\",\"request\":\"Can I take ibuprofen?\"}"
#define RESTATE_C1 \
    "{\"type\":\"concern_restated\",\"at\":\"2026-11-10T14:00:20Z\",\"concern\":\"c1\"," \
    "\"confirmed\":true}"
#define RESTATE_C1_CORRECTED \
    "{\"type\":\"concern_restated\",\"at\":\"2026-11-10T14:00:20Z\",\"concern\":\"c1\"," \
    "\"confirmed\":false}"
#define VERIFY_TWO \
    "{\"type\":\"identity_verified\",\"at\":\"2026-11-10T14:00:30Z\"," \
    "\"identifiers\":[\"name\",\"date_of_birth\"]}"
#define VERIFY_NAME_ROOM \
    "{\"type\":\"identity_verified\",\"at\":\"2026-11-10T14:00:30Z\"," \
    "\"identifiers\":[\"name\",\"room\"]}"
#define CHECK_C1 \
    "{\"type\":\"authority_checked\",\"at\":\"2026-11-10T14:00:40Z\",\"concern\":\"c1\"," \
    "\"tools_available\":true}"
#define RESOLVE_C1 \
    "{\"type\":\"resolved\",\"at\":\"2026-11-10T14:01:00Z\",\"concern\":\"c1\"," \
    "\"action\":\"Moved the visit to Tuesday\"}"
#define RECAP "{\"type\":\"recap_given\",\"at\":\"2026-11-10T14:02:00Z\"}"
#define RECAP_NONE "{\"type\":\"recap_given\",\"at\":\"2026-11-10T14:02:00Z\",\"concerns\":[]}"
#define NO_MORE \
    "{\"type\":\"anything_else_asked\",\"at\":\"2026-11-10T14:02:10Z\",\"answer\":\"no\"}"
#define YES_MORE \
    "{\"type\":\"anything_else_asked\",\"at\":\"2026-11-10T14:02:10Z\",\"answer\":\"yes\"}"
#define ENDED "{\"type\":\"call_ended\",\"at\":\"2026-11-10T14:02:30Z\"}"
#define DOCUMENTED "{\"type\":\"documented\",\"at\":\"2026-11-10T14:04:00Z\"}"

/* The same call up to the resolution, as an initializer for a list of
 * earlier events. */
#define UP_TO_RESOLVED STATE_C1, RESTATE_C1, VERIFY_TWO, CHECK_C1, RESOLVE_C1

typedef struct expected_deviation {
    const char *code;
    fcr_step step;
    const char *concern; /* NULL when it concerns the whole call */
} expected_deviation;

static fcr_call *new_call(fcr_policy *with, fcr_mode mode, fcr_caller_role caller)
{
    fcr_call *call = NULL;
    assert_int_equal(fcr_call_new(&call, with, mode, "call-1", test_time("2026-11-10T14:00:00Z")),
                     FCR_OK);
    assert_int_equal(fcr_call_set_agent(call, "agent-1", "front_desk"), FCR_OK);
    assert_int_equal(fcr_call_set_caller_role(call, caller), FCR_OK);
    return call;
}

static size_t play(fcr_call *call, const char *const *before)
{
    size_t count = 0;
    for (; before[count] != NULL; count++)
        test_record_ok(call, before[count]);
    return count;
}

static void assert_deviation(const fcr_call *call, size_t index, const expected_deviation *expected,
                             size_t event)
{
    const fcr_deviation *deviation = fcr_call_deviation(call, index);
    assert_non_null(deviation);
    assert_string_equal(fcr_deviation_code(deviation), expected->code);
    assert_int_equal(fcr_deviation_step(deviation), expected->step);
    assert_int_equal(fcr_deviation_event(deviation), event);
    if (expected->concern == NULL)
        assert_null(fcr_deviation_concern(deviation));
    else
        assert_string_equal(fcr_deviation_concern(deviation), expected->concern);
    assert_non_null(strstr(fcr_deviation_message(deviation), "At event"));
    assert_true(strlen(fcr_deviation_rule(deviation)) > 0);
}

/* Plays `before` and then `event` on a live call, which must reject `event`
 * with `live_status`, and on a replay call, which must record it with the
 * `count` deviations of `expected`, in order. */
static void check_case(fcr_policy *with, fcr_caller_role caller, const char *const *before,
                       const char *event, fcr_status live_status,
                       const expected_deviation *expected, size_t count)
{
    fcr_call *live = new_call(with, FCR_MODE_LIVE, caller);
    play(live, before);
    fcr_status status = test_record(live, event);
    if (status != live_status)
        fail_msg("live mode gave %s for %s, expected %s: %s", fcr_strerror(status), event,
                 fcr_strerror(live_status), fcr_last_error());
    fcr_call_free(live);

    fcr_call *replay = new_call(with, FCR_MODE_REPLAY, caller);
    size_t index = play(replay, before);
    assert_int_equal(fcr_call_deviation_count(replay), 0);
    test_record_ok(replay, event);
    assert_int_equal(fcr_call_event_count(replay), index + 1);

    if (fcr_call_deviation_count(replay) != count) {
        for (size_t i = 0; i < fcr_call_deviation_count(replay); i++)
            print_message("deviation %zu: %s\n", i,
                          fcr_deviation_message(fcr_call_deviation(replay, i)));
        fail_msg("%zu deviations, expected %zu", fcr_call_deviation_count(replay), count);
    }
    for (size_t i = 0; i < count; i++)
        assert_deviation(replay, i, &expected[i], index);
    fcr_call_free(replay);
}


/* --- deviations ------------------------------------------------------------ */

static void test_replay__state_concern(void **state)
{
    (void)state;
    const char *const before[] = {NULL};
    const expected_deviation expected[] = {{"state_concern", FCR_STEP_CLARIFY, NULL}};
    check_case(policy, FCR_CALLER_PATIENT, before, RECAP, FCR_EWORKFLOW, expected, 1);
}

static void test_replay__restate_concern(void **state)
{
    (void)state;
    const char *const before[] = {STATE_C1, NULL};
    const expected_deviation expected[] = {{"restate_concern", FCR_STEP_CLARIFY, "c1"}};
    check_case(policy, FCR_CALLER_PATIENT, before, CHECK_C1, FCR_EWORKFLOW, expected, 1);
}

static void test_replay__confirm_concern(void **state)
{
    (void)state;
    const char *const before[] = {STATE_C1, RESTATE_C1_CORRECTED, NULL};
    const expected_deviation expected[] = {{"confirm_concern", FCR_STEP_CLARIFY, "c1"}};
    check_case(policy, FCR_CALLER_PATIENT, before, CHECK_C1, FCR_EWORKFLOW, expected, 1);
}

static void test_replay__concern_request(void **state)
{
    (void)state;
    const char *const before[] = {NULL};
    const expected_deviation expected[] = {{"concern_request", FCR_STEP_CLARIFY, "c1"}};
    check_case(policy, FCR_CALLER_PATIENT, before,
               "{\"type\":\"concern_stated\",\"at\":\"2026-11-10T14:00:10Z\",\"concern\":\"c1\","
               "\"category\":\"billing\"}",
               FCR_EWORKFLOW, expected, 1);
}

static void test_replay__check_authority(void **state)
{
    (void)state;
    const char *const before[] = {STATE_C1, RESTATE_C1, VERIFY_TWO, NULL};
    const expected_deviation expected[] = {{"check_authority", FCR_STEP_CHECK_AUTHORITY, "c1"}};
    check_case(policy, FCR_CALLER_PATIENT, before, RESOLVE_C1, FCR_EWORKFLOW, expected, 1);
}

static void test_replay__record_outcome(void **state)
{
    (void)state;
    const char *const before[] = {STATE_C1, RESTATE_C1, VERIFY_TWO, CHECK_C1, NULL};
    const expected_deviation expected[] = {{"record_outcome", FCR_STEP_ACT, "c1"}};
    check_case(policy, FCR_CALLER_PATIENT, before, RECAP, FCR_EWORKFLOW, expected, 1);
}

static void test_replay__verify_identity(void **state)
{
    (void)state;
    const char *const none[] = {STATE_C1, RESTATE_C1, CHECK_C1, NULL};
    const char *const location[] = {STATE_C1, RESTATE_C1, VERIFY_NAME_ROOM, CHECK_C1, NULL};
    const expected_deviation expected[] = {{"verify_identity", FCR_STEP_ACT, "c1"}};
    check_case(policy, FCR_CALLER_PATIENT, none, RESOLVE_C1, FCR_EWORKFLOW, expected, 1);
    check_case(policy, FCR_CALLER_PATIENT, location, RESOLVE_C1, FCR_EWORKFLOW, expected, 1);
}

static void test_replay__confirm_proxy_authority(void **state)
{
    (void)state;
    const char *const before[] = {STATE_C1, RESTATE_C1, VERIFY_TWO, CHECK_C1, NULL};
    const expected_deviation expected[] = {{"confirm_proxy_authority", FCR_STEP_ACT, "c1"}};
    check_case(policy, FCR_CALLER_PROXY, before, RESOLVE_C1, FCR_EWORKFLOW, expected, 1);
}

static void test_replay__resolve_outside_scope(void **state)
{
    (void)state;
    const char *const before[] = {STATE_CLINICAL, RESTATE_C1, VERIFY_TWO, CHECK_C1, NULL};
    const expected_deviation expected[] = {{"resolve_outside_scope", FCR_STEP_ACT, "c1"}};
    check_case(policy, FCR_CALLER_PATIENT, before, RESOLVE_C1, FCR_EWORKFLOW, expected, 1);
}

static void test_replay__resolution_action(void **state)
{
    (void)state;
    const char *const before[] = {STATE_C1, RESTATE_C1, VERIFY_TWO, CHECK_C1, NULL};
    const expected_deviation expected[] = {{"resolution_action", FCR_STEP_ACT, "c1"}};
    check_case(policy, FCR_CALLER_PATIENT, before,
               "{\"type\":\"resolved\",\"at\":\"2026-11-10T14:01:00Z\",\"concern\":\"c1\"}",
               FCR_EWORKFLOW, expected, 1);
}

static void test_replay__escalation_fields(void **state)
{
    (void)state;
    const char *const before[] = {STATE_C1, RESTATE_C1, VERIFY_TWO, CHECK_C1, NULL};
    const expected_deviation expected[] = {
        {"escalation_target", FCR_STEP_ACT, "c1"},
        {"escalation_reason", FCR_STEP_ACT, "c1"},
        {"escalation_owner", FCR_STEP_ACT, "c1"},
    };
    check_case(policy, FCR_CALLER_PATIENT, before,
               "{\"type\":\"escalated\",\"at\":\"2026-11-10T14:01:00Z\",\"concern\":\"c1\"}",
               FCR_EWORKFLOW, expected, 3);
}

static void test_replay__escalation_due_time(void **state)
{
    (void)state;
    /* An office that is never open gives no due time. */
    const char *json = "{\"office\": {\"hours\": {\"monday\": [], \"tuesday\": [],"
                       " \"wednesday\": [], \"thursday\": [], \"friday\": []}}}";
    fcr_policy *closed = NULL;
    assert_int_equal(fcr_policy_load(&closed, json, strlen(json), NULL), FCR_OK);

    const char *const before[] = {STATE_C1, RESTATE_C1, VERIFY_TWO, CHECK_C1, NULL};
    const expected_deviation expected[] = {{"escalation_due_time", FCR_STEP_ACT, "c1"}};
    check_case(closed, FCR_CALLER_PATIENT, before,
               "{\"type\":\"escalated\",\"at\":\"2026-11-10T14:01:00Z\",\"concern\":\"c1\","
               "\"target\":\"nurse_triage\",\"reason\":\"r\",\"owner\":\"o\"}",
               FCR_EWORKFLOW, expected, 1);
    fcr_policy_free(closed);
}

static void test_replay__moved_forward_fields(void **state)
{
    (void)state;
    const char *const before[] = {STATE_C1, RESTATE_C1, VERIFY_TWO, CHECK_C1, NULL};
    const expected_deviation expected[] = {
        {"moved_forward_action", FCR_STEP_ACT, "c1"},
        {"moved_forward_next_step", FCR_STEP_ACT, "c1"},
        {"moved_forward_owner", FCR_STEP_ACT, "c1"},
        {"moved_forward_due_time", FCR_STEP_ACT, "c1"},
    };
    check_case(policy, FCR_CALLER_PATIENT, before,
               "{\"type\":\"moved_forward\",\"at\":\"2026-11-10T14:01:00Z\",\"concern\":\"c1\"}",
               FCR_EWORKFLOW, expected, 4);
}

static void test_replay__give_recap(void **state)
{
    (void)state;
    const char *const before[] = {UP_TO_RESOLVED, NULL};
    const expected_deviation expected[] = {
        {"give_recap", FCR_STEP_RECAP, NULL},
        {"ask_anything_else", FCR_STEP_RECAP, NULL},
    };
    check_case(policy, FCR_CALLER_PATIENT, before, DOCUMENTED, FCR_EWORKFLOW, expected, 2);
}

static void test_replay__recap_concern(void **state)
{
    (void)state;
    const char *const before[] = {UP_TO_RESOLVED, RECAP_NONE, NO_MORE, NULL};
    const expected_deviation expected[] = {{"recap_concern", FCR_STEP_RECAP, "c1"}};
    check_case(policy, FCR_CALLER_PATIENT, before, DOCUMENTED, FCR_EWORKFLOW, expected, 1);
}

static void test_replay__ask_anything_else(void **state)
{
    (void)state;
    const char *const before[] = {UP_TO_RESOLVED, RECAP, NULL};
    const expected_deviation expected[] = {{"ask_anything_else", FCR_STEP_RECAP, NULL}};
    check_case(policy, FCR_CALLER_PATIENT, before, DOCUMENTED, FCR_EWORKFLOW, expected, 1);
}

static void test_replay__state_new_concern(void **state)
{
    (void)state;
    const char *const before[] = {UP_TO_RESOLVED, RECAP, YES_MORE, NULL};
    const expected_deviation expected[] = {{"state_new_concern", FCR_STEP_CLARIFY, NULL}};
    check_case(policy, FCR_CALLER_PATIENT, before,
               "{\"type\":\"authority_checked\",\"at\":\"2026-11-10T14:02:20Z\",\"concern\":\"c1\"}",
               FCR_EWORKFLOW, expected, 1);
}

static void test_replay__event_after_call_ended(void **state)
{
    (void)state;
    const char *const before[] = {UP_TO_RESOLVED, RECAP, NO_MORE, ENDED, NULL};
    const expected_deviation expected[] = {{"event_after_call_ended", FCR_STEP_DOCUMENT, NULL}};
    check_case(policy, FCR_CALLER_PATIENT, before,
               "{\"type\":\"open_question_asked\",\"at\":\"2026-11-10T14:03:00Z\"}", FCR_EWORKFLOW,
               expected, 1);
}

static void test_replay__event_after_close(void **state)
{
    (void)state;
    /* Live mode rejects anything after the close with FCR_ESTATE. */
    const char *const before[] = {UP_TO_RESOLVED, RECAP, NO_MORE, ENDED, DOCUMENTED, NULL};
    const expected_deviation expected[] = {{"event_after_close", FCR_STEP_CLOSED, NULL}};
    check_case(policy, FCR_CALLER_PATIENT, before,
               "{\"type\":\"documented\",\"at\":\"2026-11-10T14:05:00Z\"}", FCR_ESTATE, expected,
               1);
}

static void test_replay__skipped_steps_in_order(void **state)
{
    (void)state;
    /* Resolving right after stating the concern skips three steps' rules. */
    const char *const before[] = {STATE_C1, NULL};
    const expected_deviation expected[] = {
        {"restate_concern", FCR_STEP_CLARIFY, "c1"},
        {"check_authority", FCR_STEP_CHECK_AUTHORITY, "c1"},
        {"verify_identity", FCR_STEP_ACT, "c1"},
    };
    check_case(policy, FCR_CALLER_PATIENT, before, RESOLVE_C1, FCR_EWORKFLOW, expected, 3);
}

static void test_replay__hang_up_lists_rest(void **state)
{
    (void)state;
    fcr_call *call = new_call(policy, FCR_MODE_REPLAY, FCR_CALLER_PATIENT);
    test_record_ok(call, STATE_C1);
    test_record_ok(call, RESTATE_C1);
    test_record_ok(call, ENDED);

    const expected_deviation expected[] = {
        {"check_authority", FCR_STEP_CHECK_AUTHORITY, "c1"},
        {"record_outcome", FCR_STEP_ACT, "c1"},
        {"give_recap", FCR_STEP_RECAP, NULL},
        {"ask_anything_else", FCR_STEP_RECAP, NULL},
    };
    assert_int_equal(fcr_call_deviation_count(call), 4);
    for (size_t i = 0; i < 4; i++)
        assert_deviation(call, i, &expected[i], 2);
    assert_int_equal(fcr_call_step(call), FCR_STEP_DOCUMENT);
    fcr_call_free(call);
}

static void test_replay__deviations_outlive_event(void **state)
{
    (void)state;
    /* The deviation's concern id must point into the call's copy of the
     * event, not into the caller's event, which is freed. */
    fcr_call *call = new_call(policy, FCR_MODE_REPLAY, FCR_CALLER_PATIENT);
    test_record_ok(call, STATE_C1);
    test_record_ok(call, RESTATE_C1);
    test_record_ok(call, CHECK_C1);

    fcr_event *event = NULL;
    assert_int_equal(fcr_event_new(&event, FCR_EVENT_RESOLVED, test_time("2026-11-10T14:01:00Z")),
                     FCR_OK);
    assert_int_equal(fcr_event_set_concern(event, "c1"), FCR_OK);
    assert_int_equal(fcr_event_set_string(event, "action", "Moved the visit"), FCR_OK);
    assert_int_equal(fcr_call_append(call, event), FCR_OK);
    fcr_event_free(event);

    assert_int_equal(fcr_call_deviation_count(call), 1);
    const char *concern = fcr_deviation_concern(fcr_call_deviation(call, 0));
    assert_ptr_equal(concern, fcr_event_get_concern(fcr_call_event(call, 3)));
    assert_string_equal(concern, "c1");
    fcr_call_free(call);
}

/* --- the end of a record --------------------------------------------------- */

#define RECORD_START \
    "{\"format\": \"fcr.call/1\", \"id\": \"call-1\", \"started_at\": \"2026-11-10T14:00:00Z\"," \
    " \"agent\": {\"id\": \"agent-1\", \"role\": \"front_desk\"}, \"events\": ["
#define RECORD_EVENTS \
    STATE_C1 "," RESTATE_C1 "," VERIFY_TWO "," CHECK_C1 "," RESOLVE_C1 "," RECAP "," NO_MORE "," ENDED

static fcr_call *read_record(fcr_mode mode, const char *json)
{
    fcr_call *call = NULL;
    fcr_status status = fcr_call_from_json(&call, policy, mode, json, strlen(json), NULL);
    if (status != FCR_OK)
        fail_msg("reading failed with %s: %s", fcr_strerror(status), fcr_last_error());
    return call;
}

static void test_replay__document_call_at_end(void **state)
{
    (void)state;
    fcr_call *call = read_record(FCR_MODE_REPLAY, RECORD_START RECORD_EVENTS "]}");
    assert_int_equal(fcr_call_step(call), FCR_STEP_DOCUMENT);
    assert_int_equal(fcr_call_deviation_count(call), 1);

    const fcr_deviation *deviation = fcr_call_deviation(call, 0);
    assert_string_equal(fcr_deviation_code(deviation), "document_call");
    assert_int_equal(fcr_deviation_step(deviation), FCR_STEP_DOCUMENT);
    assert_true(fcr_deviation_event(deviation) == SIZE_MAX);
    assert_null(fcr_deviation_concern(deviation));
    assert_non_null(strstr(fcr_deviation_message(deviation), "At the end of the call"));
    fcr_call_free(call);
}

static void test_replay__unobservable_note_not_required(void **state)
{
    (void)state;
    /* A transcript cannot show the note, so its record marks it unobservable
     * and the missing note is not a deviation. */
    fcr_call *call = read_record(FCR_MODE_REPLAY, RECORD_START RECORD_EVENTS "],"
                                                  " \"unobservable\": [\"documented\"]}");
    assert_int_equal(fcr_call_deviation_count(call), 0);
    fcr_call_free(call);
}

static void test_replay__document_call_after_late_concern(void **state)
{
    (void)state;
    /* A concern stated after the end is a deviation, and the note is still
     * missing at the end. */
    fcr_call *call = read_record(FCR_MODE_REPLAY,
                                 RECORD_START RECORD_EVENTS ","
                                 "{\"type\":\"concern_stated\",\"at\":\"2026-11-10T14:03:00Z\","
                                 "\"concern\":\"c2\",\"category\":\"refill\",\"request\":\"r\"}]}");
    size_t count = fcr_call_deviation_count(call);
    assert_int_equal(count, 2);
    assert_string_equal(fcr_deviation_code(fcr_call_deviation(call, 0)), "event_after_call_ended");
    assert_int_equal(fcr_deviation_event(fcr_call_deviation(call, 0)), 8);
    assert_string_equal(fcr_deviation_code(fcr_call_deviation(call, 1)), "document_call");
    assert_true(fcr_deviation_event(fcr_call_deviation(call, 1)) == SIZE_MAX);
    fcr_call_free(call);
}

static void test_replay__documented_record_clean(void **state)
{
    (void)state;
    fcr_call *call = read_record(FCR_MODE_REPLAY, RECORD_START RECORD_EVENTS "," DOCUMENTED "]}");
    assert_int_equal(fcr_call_step(call), FCR_STEP_CLOSED);
    assert_int_equal(fcr_call_deviation_count(call), 0);
    fcr_call_free(call);

    /* A call still in progress, or read in live mode, may be documented later. */
    call = read_record(FCR_MODE_REPLAY, RECORD_START STATE_C1 "]}");
    assert_int_equal(fcr_call_deviation_count(call), 0);
    fcr_call_free(call);
    call = read_record(FCR_MODE_LIVE, RECORD_START RECORD_EVENTS "]}");
    assert_int_equal(fcr_call_deviation_count(call), 0);
    fcr_call_free(call);
}

/* --- malformed data ---------------------------------------------------------- */

/* Plays `before` on a replay call and checks that `event` is rejected with
 * FCR_ERECORD on `field`, leaving the call as it was. */
static void assert_malformed(const char *const *before, const char *event, const char *field)
{
    fcr_call *call = new_call(policy, FCR_MODE_REPLAY, FCR_CALLER_PATIENT);
    play(call, before);
    char *json_before = test_call_json(call);
    size_t deviations = fcr_call_deviation_count(call);
    fcr_step step = fcr_call_step(call);

    fcr_status status = test_record(call, event);
    if (status != FCR_ERECORD)
        fail_msg("expected FCR_ERECORD for %s, got %s: %s", event, fcr_strerror(status),
                 fcr_last_error());
    assert_string_equal(fcr_last_error_field(), field);

    char *json_after = test_call_json(call);
    assert_string_equal(json_after, json_before);
    assert_int_equal(fcr_call_deviation_count(call), deviations);
    assert_int_equal(fcr_call_step(call), step);
    fcr_free(json_before);
    fcr_free(json_after);
    fcr_call_free(call);
}

static void test_replay__duplicate_concern(void **state)
{
    (void)state;
    const char *const before[] = {STATE_C1, NULL};
    assert_malformed(before, STATE_C1, "events[1].concern");
    assert_non_null(strstr(fcr_last_error(), "already used"));
}

static void test_replay__unknown_concern(void **state)
{
    (void)state;
    const char *const before[] = {STATE_C1, NULL};
    assert_malformed(before,
                     "{\"type\":\"concern_restated\",\"at\":\"2026-11-10T14:00:20Z\","
                     "\"concern\":\"c2\",\"confirmed\":true}",
                     "events[1].concern");
    assert_malformed(before, "{\"type\":\"resolved\",\"at\":\"2026-11-10T14:00:20Z\"}",
                     "events[1].concern");
    assert_malformed(before,
                     "{\"type\":\"recap_given\",\"at\":\"2026-11-10T14:00:20Z\","
                     "\"concerns\":[\"c1\",\"c9\"]}",
                     "events[1].concerns[1]");
}

static void test_replay__out_of_order(void **state)
{
    (void)state;
    const char *const before[] = {STATE_C1, RESTATE_C1, NULL};
    assert_malformed(before, "{\"type\":\"open_question_asked\",\"at\":\"2026-11-10T14:00:19Z\"}",
                     "events[2].at");
    assert_non_null(strstr(fcr_last_error(), "out of time order"));

    /* Equal times are in order. */
    fcr_call *call = new_call(policy, FCR_MODE_REPLAY, FCR_CALLER_PATIENT);
    play(call, before);
    test_record_ok(call, "{\"type\":\"open_question_asked\",\"at\":\"2026-11-10T14:00:20Z\"}");
    fcr_call_free(call);
}

static void test_replay__before_start(void **state)
{
    (void)state;
    const char *const before[] = {NULL};
    assert_malformed(before, "{\"type\":\"open_question_asked\",\"at\":\"2026-11-10T13:59:59Z\"}",
                     "events[0].at");
    assert_non_null(strstr(fcr_last_error(), "earlier than the start of the call"));
}

static void test_replay__week_after_start(void **state)
{
    (void)state;
    const char *const before[] = {NULL};
    assert_malformed(before, "{\"type\":\"documented\",\"at\":\"2026-11-17T14:00:00.001Z\"}",
                     "events[0].at");
    assert_non_null(strstr(fcr_last_error(), "more than 7 days"));

    /* Exactly 7 days is still accepted. */
    fcr_call *call = new_call(policy, FCR_MODE_REPLAY, FCR_CALLER_PATIENT);
    test_record_ok(call, "{\"type\":\"documented\",\"at\":\"2026-11-17T14:00:00Z\"}");
    fcr_call_free(call);
}

static void test_replay__unknown_category(void **state)
{
    (void)state;
    const char *const before[] = {NULL};
    assert_malformed(before,
                     "{\"type\":\"concern_stated\",\"at\":\"2026-11-10T14:00:10Z\","
                     "\"concern\":\"c1\",\"category\":\"dental\",\"request\":\"r\"}",
                     "events[0].category");
    assert_malformed(before,
                     "{\"type\":\"concern_stated\",\"at\":\"2026-11-10T14:00:10Z\","
                     "\"concern\":\"c1\",\"request\":\"r\"}",
                     "events[0].category");
}

static void test_replay__unknown_identifier_type(void **state)
{
    (void)state;
    const char *const before[] = {NULL};
    assert_malformed(before,
                     "{\"type\":\"identity_verified\",\"at\":\"2026-11-10T14:00:10Z\","
                     "\"identifiers\":[\"name\",\"shoe_size\"]}",
                     "events[0].identifiers[1]");
    assert_malformed(before,
                     "{\"type\":\"identity_verified\",\"at\":\"2026-11-10T14:00:10Z\","
                     "\"identifiers\":[]}",
                     "events[0].identifiers");
}

static void test_replay__unknown_target(void **state)
{
    (void)state;
    const char *const before[] = {STATE_C1, NULL};
    assert_malformed(before,
                     "{\"type\":\"escalated\",\"at\":\"2026-11-10T14:01:00Z\",\"concern\":\"c1\","
                     "\"target\":\"pharmacist\",\"reason\":\"r\",\"owner\":\"o\"}",
                     "events[1].target");
    assert_malformed(before,
                     "{\"type\":\"moved_forward\",\"at\":\"2026-11-10T14:01:00Z\",\"concern\":\"c1\","
                     "\"target\":\"pharmacist\"}",
                     "events[1].target");
}

static void test_replay__anything_else_answer(void **state)
{
    (void)state;
    const char *const before[] = {UP_TO_RESOLVED, RECAP, NULL};
    assert_malformed(before,
                     "{\"type\":\"anything_else_asked\",\"at\":\"2026-11-10T14:02:10Z\","
                     "\"answer\":\"maybe\"}",
                     "events[6].answer");
    assert_malformed(before, "{\"type\":\"anything_else_asked\",\"at\":\"2026-11-10T14:02:10Z\"}",
                     "events[6].answer");
}

static void test_replay__decision_value(void **state)
{
    (void)state;
    const char *const before[] = {STATE_C1, NULL};
    assert_malformed(before,
                     "{\"type\":\"authority_checked\",\"at\":\"2026-11-10T14:00:40Z\","
                     "\"concern\":\"c1\",\"decision\":\"transfer\"}",
                     "events[1].decision");
}

static void test_replay__due_before_event(void **state)
{
    (void)state;
    const char *const before[] = {STATE_C1, NULL};
    assert_malformed(before,
                     "{\"type\":\"escalated\",\"at\":\"2026-11-10T14:01:00Z\",\"concern\":\"c1\","
                     "\"target\":\"nurse_triage\",\"reason\":\"r\",\"owner\":\"o\","
                     "\"due_at\":\"2026-11-10T14:00:59Z\"}",
                     "events[1].due_at");
}

static void test_replay__second_call_ended(void **state)
{
    (void)state;
    const char *const before[] = {STATE_C1, ENDED, NULL};
    assert_malformed(before, "{\"type\":\"call_ended\",\"at\":\"2026-11-10T14:03:00Z\"}",
                     "events[2]");
    assert_non_null(strstr(fcr_last_error(), "record call_ended once"));
}

static void test_replay__field_of_other_type(void **state)
{
    (void)state;
    /* fcr_event_from_json rejects such a field, so build the event by hand
     * and check that the setters reject it too. */
    fcr_event *event = NULL;
    assert_int_equal(fcr_event_new(&event, FCR_EVENT_RESOLVED, test_time("2026-11-10T14:01:00Z")),
                     FCR_OK);
    assert_int_equal(fcr_event_set_string(event, "reason", "r"), FCR_ENOTFOUND);
    assert_int_equal(fcr_event_set_bool(event, "confirmed", 1), FCR_ENOTFOUND);
    assert_int_equal(fcr_event_set_bool(event, "next_step", 1), FCR_EINVAL);
    fcr_event_free(event);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_replay__state_concern),
        cmocka_unit_test(test_replay__restate_concern),
        cmocka_unit_test(test_replay__confirm_concern),
        cmocka_unit_test(test_replay__concern_request),
        cmocka_unit_test(test_replay__check_authority),
        cmocka_unit_test(test_replay__record_outcome),
        cmocka_unit_test(test_replay__verify_identity),
        cmocka_unit_test(test_replay__confirm_proxy_authority),
        cmocka_unit_test(test_replay__resolve_outside_scope),
        cmocka_unit_test(test_replay__resolution_action),
        cmocka_unit_test(test_replay__escalation_fields),
        cmocka_unit_test(test_replay__escalation_due_time),
        cmocka_unit_test(test_replay__moved_forward_fields),
        cmocka_unit_test(test_replay__give_recap),
        cmocka_unit_test(test_replay__recap_concern),
        cmocka_unit_test(test_replay__ask_anything_else),
        cmocka_unit_test(test_replay__state_new_concern),
        cmocka_unit_test(test_replay__event_after_call_ended),
        cmocka_unit_test(test_replay__event_after_close),
        cmocka_unit_test(test_replay__skipped_steps_in_order),
        cmocka_unit_test(test_replay__hang_up_lists_rest),
        cmocka_unit_test(test_replay__deviations_outlive_event),
        cmocka_unit_test(test_replay__document_call_at_end),
        cmocka_unit_test(test_replay__unobservable_note_not_required),
        cmocka_unit_test(test_replay__document_call_after_late_concern),
        cmocka_unit_test(test_replay__documented_record_clean),
        cmocka_unit_test(test_replay__duplicate_concern),
        cmocka_unit_test(test_replay__unknown_concern),
        cmocka_unit_test(test_replay__out_of_order),
        cmocka_unit_test(test_replay__before_start),
        cmocka_unit_test(test_replay__week_after_start),
        cmocka_unit_test(test_replay__unknown_category),
        cmocka_unit_test(test_replay__unknown_identifier_type),
        cmocka_unit_test(test_replay__unknown_target),
        cmocka_unit_test(test_replay__anything_else_answer),
        cmocka_unit_test(test_replay__decision_value),
        cmocka_unit_test(test_replay__due_before_event),
        cmocka_unit_test(test_replay__second_call_ended),
        cmocka_unit_test(test_replay__field_of_other_type),
    };
    return cmocka_run_group_tests(tests, setup_policy, teardown_policy);
}
