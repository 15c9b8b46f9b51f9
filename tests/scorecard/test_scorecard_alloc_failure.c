/* SPDX-License-Identifier: MIT */
/*
 * Allocation failures while scoring. The scorecard keeps its notes, quotes
 * and evidence in one arena. The call here has enough evidence quotes to
 * need several of the arena's blocks. Each allocation of fcr_scorecard_new()
 * fails in turn, which must return FCR_ENOMEM and free every block. A
 * scorecard built without a failure must give the same output each time.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "test_support.h"

#define CONCERNS 30

typedef struct text {
    char *data;
    size_t length;
} text;

static void append(text *out, const char *format, ...)
{
    va_list args;
    va_start(args, format);
    char piece[512];
    int length = vsnprintf(piece, sizeof piece, format, args);
    va_end(args);
    assert_true(length >= 0 && (size_t)length < sizeof piece);

    char *grown = realloc(out->data, out->length + (size_t)length + 1);
    assert_non_null(grown);
    memcpy(grown + out->length, piece, (size_t)length + 1);
    out->data = grown;
    out->length += (size_t)length;
}

/* A replayed call in which each concern is restated with a long quote and
 * resolved, then recapped, documented and ended. */
static char *record_with_quotes(void)
{
    static const char filler[] =
        "the caller describes the request again in their own words, with the dates, the "
        "medication and the pharmacy that they prefer for the refill";
    text out = {NULL, 0};
    append(&out, "{\"format\": \"fcr.call/1\", \"id\": \"quotes-1\","
                 " \"started_at\": \"2026-11-10T14:00:00Z\","
                 " \"agent\": {\"id\": \"agent-3\", \"role\": \"front_desk\"}, \"events\": [");
    append(&out, "{\"type\": \"open_question_asked\", \"at\": \"2026-11-10T14:00:01Z\","
                 " \"text\": \"How can I help?\"},");
    append(&out, "{\"type\": \"identity_verified\", \"at\": \"2026-11-10T14:00:02Z\","
                 " \"identifiers\": [\"name\", \"date_of_birth\"]},");
    for (int i = 0; i < CONCERNS; i++) {
        append(&out, "{\"type\": \"concern_stated\", \"at\": \"2026-11-10T14:01:%02dZ\","
                     " \"concern\": \"c%d\", \"category\": \"refill\","
                     " \"request\": \"Refill %d\"},",
               2 * i, i, i);
        append(&out, "{\"type\": \"concern_restated\", \"at\": \"2026-11-10T14:01:%02dZ\","
                     " \"concern\": \"c%d\", \"confirmed\": true, \"text\": \"%d: %s\"},",
               2 * i + 1, i, i, filler);
    }
    for (int i = 0; i < CONCERNS; i++)
        append(&out, "{\"type\": \"resolved\", \"at\": \"2026-11-10T14:03:%02dZ\","
                     " \"concern\": \"c%d\", \"action\": \"Sent refill %d to the pharmacy\","
                     " \"next_step\": \"Pick it up tomorrow\"},",
               i, i, i);
    append(&out, "{\"type\": \"recap_given\", \"at\": \"2026-11-10T14:04:00Z\","
                 " \"text\": \"Recap\"},");
    append(&out, "{\"type\": \"anything_else_asked\", \"at\": \"2026-11-10T14:04:10Z\","
                 " \"answer\": \"no\"},");
    append(&out, "{\"type\": \"call_ended\", \"at\": \"2026-11-10T14:05:00Z\"},");
    append(&out, "{\"type\": \"documented\", \"at\": \"2026-11-10T14:06:00Z\","
                 " \"text\": \"Note\"}]}");
    return out.data;
}

/* Scores the call with allocation `fail_at` failing (0 for none) and returns
 * the status. On success *json receives the scorecard as JSON (free with
 * fcr_free()). *count receives the number of allocations. */
static fcr_status score_with_failure(const fcr_call *call, unsigned long fail_at, char **json,
                                     unsigned long *count)
{
    fcr_scorecard *scorecard = NULL;
    test_alloc_fail_at(fail_at);
    fcr_status status = fcr_scorecard_new(&scorecard, call);
    *count = test_alloc_count();
    test_alloc_reset();

    *json = NULL;
    if (status == FCR_OK) {
        assert_non_null(scorecard);
        assert_int_equal(fcr_scorecard_write(json, scorecard, FCR_SCORECARD_JSON,
                                             FCR_PROFILE_CHART),
                         FCR_OK);
    } else {
        assert_null(scorecard);
    }
    fcr_scorecard_free(scorecard);
    return status;
}

static void scorecard_fails_each_allocation(void **state)
{
    (void)state;
    char *record = record_with_quotes();
    fcr_policy *policy = NULL;
    fcr_call *call = NULL;
    assert_int_equal(fcr_policy_new(&policy), FCR_OK);
    if (fcr_call_from_json(&call, policy, FCR_MODE_REPLAY, record, strlen(record), "quotes.json") !=
        FCR_OK)
        fail_msg("reading the call failed: %s", fcr_last_error());

    char *reference = NULL;
    unsigned long total = 0;
    assert_int_equal(score_with_failure(call, 0, &reference, &total), FCR_OK);
    assert_non_null(strstr(reference, "29: the caller describes"));
    print_message("scoring makes %lu allocations\n", total);
    /* The arena's first block, at least one more, and the note buffer. */
    assert_true(total >= 3);
    long start = test_alloc_outstanding();

    for (unsigned long n = 1; n <= total; n++) {
        char *json = NULL;
        unsigned long count = 0;
        fcr_status status = score_with_failure(call, n, &json, &count);
        if (status != FCR_ENOMEM)
            fail_msg("allocation %lu of %lu failed, but scoring returned %d", n, total, status);
        if (test_alloc_outstanding() != start)
            fail_msg("after allocation %lu failed, %ld blocks were not freed", n,
                     test_alloc_outstanding() - start);
    }

    /* A run after the failures gives the same scorecard. */
    char *again = NULL;
    unsigned long count = 0;
    assert_int_equal(score_with_failure(call, 0, &again, &count), FCR_OK);
    assert_string_equal(again, reference);
    assert_int_equal(count, total);

    fcr_free(again);
    fcr_free(reference);
    fcr_call_free(call);
    fcr_policy_free(policy);
    free(record);
}

static void scorecard_keeps_every_quote(void **state)
{
    (void)state;
    char *record = record_with_quotes();
    fcr_policy *policy = NULL;
    fcr_call *call = NULL;
    fcr_scorecard *scorecard = NULL;
    assert_int_equal(fcr_policy_new(&policy), FCR_OK);
    assert_int_equal(
        fcr_call_from_json(&call, policy, FCR_MODE_REPLAY, record, strlen(record), "quotes.json"),
        FCR_OK);
    assert_int_equal(fcr_scorecard_new(&scorecard, call), FCR_OK);

    /* The scorecard outlives the call and the policy. */
    fcr_call_free(call);
    fcr_policy_free(policy);

    assert_int_equal(fcr_scorecard_evidence_count(scorecard, FCR_ITEM_CONCERN_RESTATED), CONCERNS);
    for (size_t i = 0; i < CONCERNS; i++)
        assert_int_equal(fcr_scorecard_evidence(scorecard, FCR_ITEM_CONCERN_RESTATED, i),
                         3 + 2 * i);
    assert_int_equal(fcr_scorecard_evidence_count(scorecard, FCR_ITEM_RESOLUTION_ATTEMPTED),
                     CONCERNS);
    assert_string_equal(fcr_scorecard_note(scorecard, FCR_ITEM_CONCERN_RESTATED),
                        "Every concern was restated and confirmed by the caller.");
    assert_string_equal(fcr_scorecard_call_id(scorecard), "quotes-1");
    assert_string_equal(fcr_scorecard_agent_id(scorecard), "agent-3");

    char *json = NULL;
    assert_int_equal(fcr_scorecard_write(&json, scorecard, FCR_SCORECARD_JSON, FCR_PROFILE_CHART),
                     FCR_OK);
    for (int i = 0; i < CONCERNS; i++) {
        char quote[64];
        snprintf(quote, sizeof quote, "\"quote\":\"%d: the caller describes", i);
        if (strstr(json, quote) == NULL)
            fail_msg("the scorecard lacks the quote of concern c%d", i);
    }
    fcr_free(json);
    fcr_scorecard_free(scorecard);
    free(record);
}

int main(void)
{
    test_alloc_install();

    const struct CMUnitTest tests[] = {
        cmocka_unit_test(scorecard_fails_each_allocation),
        cmocka_unit_test(scorecard_keeps_every_quote),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
