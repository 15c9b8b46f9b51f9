/* SPDX-License-Identifier: MIT */
/* Fuzzes one fcr.call/1 record through fcr_call_from_json() in replay and
 * live mode, then everything a program does with a record it accepted:
 * guidance, the scorecard in its three forms, the note and the recap.
 *
 * Property: a record that was read, written with fcr_call_to_json() and
 * read again gives the same JSON text, so writing loses nothing the reader
 * keeps. A rejected record leaves *out unchanged and sets a message. A broken
 * property calls abort(), which libFuzzer reports as a crash. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fcr/fcr.h"

static void fail(const char *broken_property)
{
    fprintf(stderr, "fuzz_call: %s (last error: %s)\n", broken_property, fcr_last_error());
    abort();
}

static fcr_call *read_call(fcr_policy *policy, fcr_mode mode, const char *data, size_t size)
{
    fcr_call *call = (fcr_call *)&call;
    fcr_status status = fcr_call_from_json(&call, policy, mode, data, size, "<fuzz>");
    if (status != FCR_OK) {
        if (call != (fcr_call *)&call)
            fail("a rejected record changed *out");
        if (status >= 0 || fcr_last_error()[0] == '\0')
            fail("a rejected record left no failure status or message");
        return NULL;
    }
    return call;
}

static void write_everything(const fcr_call *call)
{
    char *text = NULL;
    fcr_guidance *guidance = NULL;
    if (fcr_guidance_new(&guidance, call) == FCR_OK) {
        (void)fcr_guidance_prompt(guidance);
        fcr_guidance_free(guidance);
    }

    fcr_scorecard *scorecard = NULL;
    if (fcr_scorecard_new(&scorecard, call) == FCR_OK) {
        static const fcr_scorecard_format formats[] = {FCR_SCORECARD_TEXT, FCR_SCORECARD_JSON,
                                                       FCR_SCORECARD_CSV};
        for (size_t i = 0; i < sizeof formats / sizeof formats[0]; i++) {
            if (fcr_scorecard_write(&text, scorecard, formats[i], FCR_PROFILE_QA) == FCR_OK)
                fcr_free(text);
        }
        fcr_scorecard_free(scorecard);
    }

    static const fcr_note_format notes[] = {FCR_NOTE_TEXT, FCR_NOTE_LINE, FCR_NOTE_JSON,
                                            FCR_NOTE_FHIR};
    for (size_t i = 0; i < sizeof notes / sizeof notes[0]; i++) {
        if (fcr_note_write(&text, call, notes[i], FCR_PROFILE_CHART) == FCR_OK)
            fcr_free(text);
    }
    if (fcr_recap_write(&text, call) == FCR_OK)
        fcr_free(text);
}

int LLVMFuzzerTestOneInput(const uint8_t *bytes, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *bytes, size_t size)
{
    static fcr_policy *policy;
    if (policy == NULL && fcr_policy_new(&policy) != FCR_OK)
        fail("cannot create the built-in policy");

    const char *data = (const char *)bytes;
    fcr_call *live = read_call(policy, FCR_MODE_LIVE, data, size);
    fcr_call_free(live);

    fcr_call *call = read_call(policy, FCR_MODE_REPLAY, data, size);
    if (call == NULL)
        return 0;
    write_everything(call);

    char *first = NULL, *second = NULL;
    if (fcr_call_to_json(&first, call, 0) != FCR_OK)
        fail("cannot write a record that was read");
    fcr_call *again = read_call(policy, FCR_MODE_REPLAY, first, strlen(first));
    if (again == NULL)
        fail("cannot read back a record that was written");
    if (fcr_call_to_json(&second, again, 0) != FCR_OK)
        fail("cannot write a record that was read back");
    if (strcmp(first, second) != 0)
        fail("writing and reading back changed the record");

    fcr_free(first);
    fcr_free(second);
    fcr_call_free(again);
    fcr_call_free(call);
    return 0;
}
