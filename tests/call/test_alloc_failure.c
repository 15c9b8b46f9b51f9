/* SPDX-License-Identifier: MIT */
/*
 * Allocation failures. One scenario builds a whole call through the public
 * API: a policy loaded from JSON, phrases, header fields, events from
 * setters and from JSON, guidance, JSON output, reading the output back and
 * a replayed record with deviations. It is run once to count its
 * allocations, then once for each allocation with that one failing.
 *
 * Every step checks that it returns FCR_ENOMEM exactly when the failing
 * allocation happened inside it, and FCR_OK otherwise. In the abandon runs
 * the scenario stops at the failure and frees what it has. In the retry
 * runs it repeats the failed step, which must then succeed, and goes on, so
 * that its results must equal those of the run without a failure: a failed
 * step changed nothing. Both kinds of run must release every block.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "test_support.h"

#define POLICY_JSON                                                                         \
    "{\"format\": \"fcr.policy/1\","                                                       \
    " \"office\": {\"time_zone\": \"America/New_York\", \"holidays\": [\"2026-12-25\"],"   \
    "   \"hours\": {\"saturday\": [\"09:00-12:00\"]}},"                                    \
    " \"targets\": {\"nurse_triage\": {\"callback\": \"2h\"}, \"prior_authorization\": null},"  \
    " \"roles\": {\"scribe\": {\"label\": \"scribe\", \"resolves\": [\"other\"]}},"        \
    " \"identity\": {\"identifier_types\": {\"wristband\": {\"person_specific\": false}}},"  \
    " \"checklist\": {\"bands\": [{\"name\": \"low\", \"from\": 0}, {\"name\": \"high\", \"from\": 80}]}}"

/* A recorded call with workflow deviations and unknown fields, read in
 * replay mode: no restatement, no identity check, and no note after the
 * end. */
#define REPLAYED_RECORD                                                                      \
    "{\"format\": \"fcr.call/1.1\", \"id\": \"rec-1\", \"started_at\": \"2026-11-10T14:00:00Z\"," \
    " \"agent\": {\"id\": \"agent-2\", \"role\": \"front_desk\", \"x_team\": \"b\"},"         \
    " \"caller\": {\"role\": \"patient\", \"x_lang\": \"es\"}, \"x_top\": [1, {\"a\": null}],"  \
    " \"events\": ["                                                                        \
    "  {\"type\": \"concern_stated\", \"at\": \"2026-11-10T14:00:10Z\", \"concern\": \"c1\","  \
    "   \"category\": \"symptoms\", \"request\": \"Rash\", \"x_conf\": 0.5},"                  \
    "  {\"type\": \"resolved\", \"at\": \"2026-11-10T14:01:00Z\", \"concern\": \"c1\","        \
    "   \"action\": \"Advice\"},"                                                           \
    "  {\"type\": \"call_ended\", \"at\": \"2026-11-10T14:02:00Z\"},"                        \
    "  {\"type\": \"open_question_asked\", \"at\": \"2026-11-10T14:03:00Z\"}]}\n"

#define RESOLVE_C2                                                                     \
    "{\"type\": \"resolved\", \"at\": \"2026-11-13T20:01:35Z\", \"concern\": \"c2\","    \
    " \"action\": \"Moved the checkup\"}"

/* What a scenario produced, as copies the test owns. */
typedef struct results {
    char *policy_json;
    char *call_compact;
    char *call_pretty;
    char *read_back;
    char *replayed;
    char guidance[2048];
} results;

static void results_free(results *out)
{
    free(out->policy_json);
    free(out->call_compact);
    free(out->call_pretty);
    free(out->read_back);
    free(out->replayed);
    memset(out, 0, sizeof *out);
}

/* The state of one run of the scenario. */
typedef struct run {
    unsigned long fail_at; /* 0 for the run without a failure */
    bool retry;            /* repeat a failed step instead of stopping */
    bool failed;           /* a step met the failing allocation */
    const char *step;      /* text of the step that met it */
} run;

static run current;

/* Checks the status of a step, which made allocations before + 1 to
 * test_alloc_count() and must return `expected` unless one of them failed.
 * Returns true when the scenario should repeat the step. */
static bool judge_step(unsigned long before, fcr_status status, fcr_status expected,
                       const char *step)
{
    unsigned long after = test_alloc_count();
    bool hit = current.fail_at > before && current.fail_at <= after;

    if (hit && status != FCR_ENOMEM)
        fail_msg("allocation %lu failed inside %s, which returned %s: %s", current.fail_at, step,
                 fcr_strerror(status), fcr_last_error());
    if (!hit && status != expected)
        fail_msg("%s returned %s without a failed allocation (failing %lu): %s", step,
                 fcr_strerror(status), current.fail_at, fcr_last_error());
    if (hit) {
        assert_int_equal(fcr_last_error_status(), FCR_ENOMEM);
        current.failed = true;
        current.step = step;
    }
    return hit;
}

/* Runs a step that must return `expected`; after FCR_ENOMEM it repeats it
 * in retry runs and jumps to `cleanup` otherwise. */
#define STEP_EXPECT(expected, expr)                                                 \
    do {                                                                            \
        unsigned long before_ = test_alloc_count();                                 \
        fcr_status status_ = (expr);                                                \
        if (judge_step(before_, status_, (expected), #expr)) {                      \
            if (!current.retry)                                                     \
                goto cleanup;                                                       \
            status_ = (expr);                                                       \
            if (status_ != (expected))                                              \
                fail_msg("%s failed again with %s: %s", #expr, fcr_strerror(status_), \
                         fcr_last_error());                                         \
        }                                                                           \
    } while (0)

#define STEP(expr) STEP_EXPECT(FCR_OK, expr)

/* Records an event given as JSON in two steps: parse, then append. */
#define RECORD_JSON(json)                                                   \
    do {                                                                    \
        const char *text_ = (json);                                         \
        STEP(fcr_event_from_json(&event, text_, strlen(text_)));            \
        STEP(fcr_call_append(call, event));                                 \
        fcr_event_free(event);                                              \
        event = NULL;                                                       \
    } while (0)

static char *copy_text(const char *text)
{
    char *copy = strdup(text);
    assert_non_null(copy);
    return copy;
}

/* Appends what guidance shows for the call to out->guidance. */
static void note_guidance(results *out, const fcr_guidance *guidance)
{
    size_t used = strlen(out->guidance);
    used += (size_t)snprintf(out->guidance + used, sizeof out->guidance - used, "%s|%s|",
                             fcr_step_name(fcr_guidance_step(guidance)), fcr_guidance_prompt(guidance));
    for (size_t i = 0; i < fcr_guidance_missing_count(guidance) && used < sizeof out->guidance; i++) {
        const char *concern = fcr_guidance_missing_concern(guidance, i);
        used += (size_t)snprintf(out->guidance + used, sizeof out->guidance - used, "%s:%s:%s;",
                                 fcr_guidance_missing_code(guidance, i),
                                 concern != NULL ? concern : "-",
                                 fcr_guidance_missing_message(guidance, i));
    }
    for (size_t i = 0; i < fcr_guidance_phrase_count(guidance) && used < sizeof out->guidance; i++)
        used += (size_t)snprintf(out->guidance + used, sizeof out->guidance - used, "%s;",
                                 fcr_guidance_phrase(guidance, i));
}

/* Builds the call and everything around it. Returns true when the scenario
 * ran to its end. */
static bool run_scenario(results *out)
{
    fcr_policy *policy = NULL;
    fcr_call *call = NULL;
    fcr_call *copy = NULL;
    fcr_call *replayed = NULL;
    fcr_event *event = NULL;
    fcr_guidance *guidance = NULL;
    fcr_reader *reader = NULL;
    char *text = NULL;
    bool completed = false;
    const char *phrases[] = {"How can I help?", "Tell me more."};

    STEP(fcr_policy_load(&policy, POLICY_JSON, strlen(POLICY_JSON), "policy.json"));
    STEP(fcr_policy_set_phrases(policy, FCR_STEP_CLARIFY, "Listen first.", phrases, 2));
    STEP(fcr_policy_set_phrases(policy, FCR_STEP_RECAP, NULL, phrases + 1, 1));

    STEP(fcr_call_new(&call, policy, FCR_MODE_LIVE, "call-77", test_time("2026-11-13T20:00:00Z")));
    STEP(fcr_call_set_agent(call, "agent-17", "front_desk"));
    STEP(fcr_call_set_caller_role(call, FCR_CALLER_PROXY));
    STEP(fcr_call_set_patient_key(call, "p-9c1e"));

    STEP(fcr_guidance_new(&guidance, call));
    note_guidance(out, guidance);
    fcr_guidance_free(guidance);
    guidance = NULL;

    /* Events built with the setters. */
    STEP(fcr_event_new(&event, FCR_EVENT_OPEN_QUESTION_ASKED, test_time("2026-11-13T20:00:05Z")));
    STEP(fcr_event_set_string(event, "text", "How can I help you today?"));
    STEP(fcr_call_append(call, event));
    fcr_event_free(event);
    event = NULL;

    STEP(fcr_event_new(&event, FCR_EVENT_CONCERN_STATED, test_time("2026-11-13T20:00:20Z")));
    STEP(fcr_event_set_concern(event, "c1"));
    STEP(fcr_event_set_string(event, "category", "clinical_question"));
    STEP(fcr_event_set_string(event, "request", "Can my son take ibuprofen with his inhaler?"));
    STEP(fcr_call_append(call, event));
    fcr_event_free(event);
    event = NULL;

    RECORD_JSON("{\"type\": \"concern_stated\", \"at\": \"2026-11-13T20:00:30Z\", \"concern\": \"c2\","
                " \"category\": \"scheduling\", \"request\": \"Move his checkup\", \"x_src\": [1, 2]}");
    RECORD_JSON("{\"type\": \"follow_up_asked\", \"at\": \"2026-11-13T20:00:40Z\","
                " \"topic\": \"scheduling\", \"text\": \"Which day suits you?\"}");

    STEP(fcr_guidance_new(&guidance, call));
    note_guidance(out, guidance);
    fcr_guidance_free(guidance);
    guidance = NULL;

    RECORD_JSON("{\"type\": \"concern_restated\", \"at\": \"2026-11-13T20:01:00Z\", \"concern\": \"c1\","
                " \"confirmed\": true}");
    RECORD_JSON("{\"type\": \"concern_restated\", \"at\": \"2026-11-13T20:01:05Z\", \"concern\": \"c2\","
                " \"confirmed\": true, \"text\": \"A new date for the checkup.\"}");

    STEP(fcr_event_new(&event, FCR_EVENT_IDENTITY_VERIFIED, test_time("2026-11-13T20:01:30Z")));
    STEP(fcr_event_add_string(event, "identifiers", "name"));
    STEP(fcr_event_add_string(event, "identifiers", "date_of_birth"));
    STEP(fcr_event_add_string(event, "identifiers", "wristband"));
    STEP(fcr_event_set_bool(event, "proxy_authority", 1));
    STEP(fcr_call_append(call, event));
    fcr_event_free(event);
    event = NULL;

    /* Live mode rejects an outcome for c2 before its authority check. */
    STEP(fcr_event_from_json(&event, RESOLVE_C2, strlen(RESOLVE_C2)));
    STEP_EXPECT(FCR_EWORKFLOW, fcr_call_append(call, event));
    fcr_event_free(event);
    event = NULL;

    RECORD_JSON("{\"type\": \"authority_checked\", \"at\": \"2026-11-13T20:01:40Z\", \"concern\": \"c1\","
                " \"in_scope\": false, \"tools_missing\": [\"emr\"], \"decision\": \"escalate\"}");
    RECORD_JSON("{\"type\": \"authority_checked\", \"at\": \"2026-11-13T20:01:45Z\", \"concern\": \"c2\","
                " \"decision\": \"resolve\"}");

    /* An escalation without due_at on Friday afternoon, so the due time is
     * computed into Saturday's hours in the office's zone. */
    STEP(fcr_event_new(&event, FCR_EVENT_ESCALATED, test_time("2026-11-13T20:02:00Z")));
    STEP(fcr_event_set_concern(event, "c1"));
    STEP(fcr_event_set_string(event, "target", "nurse_triage"));
    STEP(fcr_event_set_string(event, "reason", "A nurse must check the medication"));
    STEP(fcr_event_set_string(event, "owner", "RN on duty"));
    STEP(fcr_call_append(call, event));
    fcr_event_free(event);
    event = NULL;

    RECORD_JSON("{\"type\": \"resolved\", \"at\": \"2026-11-13T20:03:00Z\", \"concern\": \"c2\","
                " \"action\": \"Moved the checkup to Monday\", \"next_step\": \"Come on Monday\"}");

    STEP(fcr_guidance_new(&guidance, call));
    note_guidance(out, guidance);
    fcr_guidance_free(guidance);
    guidance = NULL;

    RECORD_JSON("{\"type\": \"recap_given\", \"at\": \"2026-11-13T20:04:00Z\", \"concerns\": [\"c1\", \"c2\"]}");
    RECORD_JSON("{\"type\": \"anything_else_asked\", \"at\": \"2026-11-13T20:04:10Z\", \"answer\": \"no\"}");
    RECORD_JSON("{\"type\": \"call_ended\", \"at\": \"2026-11-13T20:04:30Z\", \"reason\": \"done\"}");

    STEP(fcr_guidance_new(&guidance, call));
    note_guidance(out, guidance);
    fcr_guidance_free(guidance);
    guidance = NULL;

    RECORD_JSON("{\"type\": \"documented\", \"at\": \"2026-11-13T20:06:00Z\", \"text\": \"Note\"}");

    /* Writing, and reading the output back. */
    STEP(fcr_call_to_json(&text, call, 0));
    out->call_compact = copy_text(text);
    fcr_free(text);
    text = NULL;
    STEP(fcr_call_to_json(&text, call, FCR_JSON_PRETTY));
    out->call_pretty = copy_text(text);
    fcr_free(text);
    text = NULL;

    STEP(fcr_call_from_json(&copy, policy, FCR_MODE_LIVE, out->call_pretty,
                            strlen(out->call_pretty), "pretty.json"));
    STEP(fcr_call_to_json(&text, copy, 0));
    out->read_back = copy_text(text);
    fcr_free(text);
    text = NULL;

    /* A replayed record with deviations, through the reader. */
    STEP(fcr_reader_new_buffer(&reader, policy, REPLAYED_RECORD, strlen(REPLAYED_RECORD),
                               "replayed.jsonl"));
    {
        unsigned long before = test_alloc_count();
        fcr_status status = fcr_reader_next(reader, &replayed);
        if (judge_step(before, status, FCR_OK, "fcr_reader_next")) {
            /* A reader stops after FCR_ENOMEM, so a retry needs a new one. */
            if (!current.retry)
                goto cleanup;
            fcr_reader_free(reader);
            reader = NULL;
            STEP(fcr_reader_new_buffer(&reader, policy, REPLAYED_RECORD,
                                       strlen(REPLAYED_RECORD), "replayed.jsonl"));
            STEP(fcr_reader_next(reader, &replayed));
        }
    }
    assert_non_null(replayed);
    assert_int_equal(fcr_call_deviation_count(replayed), 8);
    STEP(fcr_call_to_json(&text, replayed, FCR_JSON_PRETTY));
    out->replayed = copy_text(text);
    fcr_free(text);
    text = NULL;

    STEP(fcr_policy_to_json(&text, policy));
    out->policy_json = copy_text(text);
    fcr_free(text);
    text = NULL;
    completed = true;

cleanup:
    fcr_free(text);
    fcr_guidance_free(guidance);
    fcr_event_free(event);
    fcr_reader_free(reader);
    fcr_call_free(replayed);
    fcr_call_free(copy);
    fcr_call_free(call);
    fcr_policy_free(policy);
    return completed;
}

static void assert_same_results(const results *expected, const results *actual)
{
    assert_string_equal(actual->call_compact, expected->call_compact);
    assert_string_equal(actual->call_pretty, expected->call_pretty);
    assert_string_equal(actual->read_back, expected->read_back);
    assert_string_equal(actual->replayed, expected->replayed);
    assert_string_equal(actual->policy_json, expected->policy_json);
    assert_string_equal(actual->guidance, expected->guidance);
}

/* Runs the scenario with no failure and returns its allocation count. */
static unsigned long reference_run(results *reference)
{
    long start = test_alloc_outstanding();
    memset(&current, 0, sizeof current);
    test_alloc_fail_at(0);
    assert_true(run_scenario(reference));
    unsigned long total = test_alloc_count();
    assert_int_equal(test_alloc_outstanding(), start);

    /* The written call must read back to the same record. */
    assert_string_equal(reference->read_back, reference->call_compact);
    assert_non_null(strstr(reference->guidance, "Listen first."));
    return total;
}

static void test_alloc_failure__reference_run(void **state)
{
    (void)state;
    results reference;
    memset(&reference, 0, sizeof reference);
    unsigned long total = reference_run(&reference);
    print_message("the scenario makes %lu allocations\n", total);
    assert_true(total > 100);

    /* A second run allocates the same way, so failure N always meets the
     * same allocation. */
    results again;
    memset(&again, 0, sizeof again);
    assert_int_equal(reference_run(&again), total);
    assert_same_results(&reference, &again);
    results_free(&again);
    results_free(&reference);
}

static void test_alloc_failure__abandon_each(void **state)
{
    (void)state;
    results reference;
    memset(&reference, 0, sizeof reference);
    unsigned long total = reference_run(&reference);
    long start = test_alloc_outstanding();

    for (unsigned long n = 1; n <= total; n++) {
        results out;
        memset(&out, 0, sizeof out);
        memset(&current, 0, sizeof current);
        current.fail_at = n;
        test_alloc_fail_at(n);

        bool completed = run_scenario(&out);
        test_alloc_reset();
        if (completed || !current.failed)
            fail_msg("allocation %lu of %lu failed, but no step reported FCR_ENOMEM", n, total);
        if (test_alloc_outstanding() != start)
            fail_msg("after allocation %lu failed in %s, %ld blocks were not freed", n,
                     current.step, test_alloc_outstanding() - start);
        results_free(&out);
    }
    results_free(&reference);
}

static void test_alloc_failure__retry_each(void **state)
{
    (void)state;
    results reference;
    memset(&reference, 0, sizeof reference);
    unsigned long total = reference_run(&reference);
    long start = test_alloc_outstanding();

    for (unsigned long n = 1; n <= total; n++) {
        results out;
        memset(&out, 0, sizeof out);
        memset(&current, 0, sizeof current);
        current.fail_at = n;
        current.retry = true;
        test_alloc_fail_at(n);

        bool completed = run_scenario(&out);
        test_alloc_reset();
        assert_true(completed);
        if (!current.failed)
            fail_msg("allocation %lu of %lu failed, but no step reported FCR_ENOMEM", n, total);
        if (test_alloc_outstanding() != start)
            fail_msg("after allocation %lu failed in %s, %ld blocks were not freed", n,
                     current.step, test_alloc_outstanding() - start);

        /* A failed step changed nothing, so the results are those of the
         * run without a failure. */
        assert_same_results(&reference, &out);
        results_free(&out);
    }
    results_free(&reference);
}

int main(void)
{
    test_alloc_install();

    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_alloc_failure__reference_run),
        cmocka_unit_test(test_alloc_failure__abandon_each),
        cmocka_unit_test(test_alloc_failure__retry_each),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
