/* SPDX-License-Identifier: MIT */
/* Fuzzes the transcript readers (src/transcript*.c, src/textgrid.c), then
 * derives a call from each transcript read with the built-in evidence rules
 * (src/transcript_derive.c, src/rules_match.c) and scores it.
 *
 * Input layout: the first byte picks the format (its value modulo 5: 0 JSON,
 * 1 Contact Lens, 2 ABCD, 3 CSV dialogues, 4 TextGrid pair). The rest is
 * the input. For a TextGrid pair it is split at the first form feed byte
 * into the agent's and the caller's text.
 *
 * Properties: a rejected input leaves *out unchanged and sets a message; a
 * transcript read in any format, written as fcr.transcript/1 JSON and read
 * back, gives the same JSON. A broken property calls abort(), which
 * libFuzzer reports as a crash. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fcr/fcr.h"

static void fail(const char *broken_property)
{
    fprintf(stderr, "fuzz_transcript: %s (last error: %s)\n", broken_property, fcr_last_error());
    abort();
}

static void check_rejected(fcr_status status, const void *out, const void *untouched)
{
    if (out != untouched)
        fail("a rejected input changed *out");
    if (status >= 0 || fcr_last_error()[0] == '\0')
        fail("a rejected input left no failure status or message");
}

/* Writes a transcript as JSON, reads it back and compares. */
static void check_round_trip(const fcr_transcript *transcript)
{
    char *first = NULL, *second = NULL;
    if (fcr_transcript_to_json(&first, transcript, 0) != FCR_OK)
        fail("cannot write a transcript that was read");
    fcr_transcript_list *again = NULL;
    if (fcr_transcript_list_load(&again, FCR_TRANSCRIPT_JSON, first, strlen(first), "<again>") !=
        FCR_OK)
        fail("cannot read back a transcript that was written");
    if (fcr_transcript_list_count(again) != 1)
        fail("reading back one transcript gave another count");
    if (fcr_transcript_to_json(&second, fcr_transcript_list_item(again, 0), 0) != FCR_OK)
        fail("cannot write a transcript that was read back");
    if (strcmp(first, second) != 0)
        fail("writing and reading back changed the transcript");
    fcr_free(first);
    fcr_free(second);
    fcr_transcript_list_free(again);
}

static void derive_and_score(fcr_policy *policy, const fcr_rules *rules,
                             const fcr_transcript *transcript)
{
    check_round_trip(transcript);
    fcr_call *call = NULL;
    if (fcr_call_from_transcript(&call, policy, transcript, rules) != FCR_OK)
        return;
    fcr_scorecard *scorecard = NULL;
    if (fcr_scorecard_new(&scorecard, call) == FCR_OK) {
        char *text = NULL;
        if (fcr_scorecard_write(&text, scorecard, FCR_SCORECARD_JSON, FCR_PROFILE_QA) == FCR_OK)
            fcr_free(text);
        fcr_scorecard_free(scorecard);
    }
    fcr_call_free(call);
}

int LLVMFuzzerTestOneInput(const uint8_t *bytes, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *bytes, size_t size)
{
    static fcr_policy *policy;
    static fcr_rules *rules;
    if (policy == NULL && fcr_policy_new(&policy) != FCR_OK)
        fail("cannot create the built-in policy");
    if (rules == NULL && fcr_rules_new(&rules) != FCR_OK)
        fail("cannot create the built-in rules");
    if (size == 0)
        return 0;

    int choice = bytes[0] % 5;
    const char *data = (const char *)bytes + 1;
    size_t length = size - 1;

    if (choice == 4) {
        const char *split = memchr(data, '\f', length);
        size_t agent_length = split != NULL ? (size_t)(split - data) : length;
        const char *caller = split != NULL ? split + 1 : "";
        size_t caller_length = split != NULL ? length - agent_length - 1 : 0;
        fcr_transcript *transcript = (fcr_transcript *)&transcript;
        fcr_status status = fcr_transcript_load_textgrid(&transcript, data, agent_length, caller,
                                                         caller_length, "fuzz_call");
        if (status != FCR_OK) {
            check_rejected(status, transcript, &transcript);
            return 0;
        }
        derive_and_score(policy, rules, transcript);
        fcr_transcript_free(transcript);
        return 0;
    }

    static const fcr_transcript_format formats[] = {FCR_TRANSCRIPT_JSON,
                                                    FCR_TRANSCRIPT_CONTACT_LENS,
                                                    FCR_TRANSCRIPT_ABCD,
                                                    FCR_TRANSCRIPT_CSV_DIALOGUE};
    fcr_transcript_list *list = (fcr_transcript_list *)&list;
    fcr_status status = fcr_transcript_list_load(&list, formats[choice], data, length, "fuzz");
    if (status != FCR_OK) {
        check_rejected(status, list, &list);
        return 0;
    }
    for (size_t i = 0; i < fcr_transcript_list_count(list); i++)
        derive_and_score(policy, rules, fcr_transcript_list_item(list, i));
    fcr_transcript_list_free(list);
    return 0;
}
