/* SPDX-License-Identifier: MIT */
/* Fuzzes fcr_rules_load() (src/rules.c), the evidence rules that a
 * practice may give for transcripts, then derives a call from a short
 * transcript with an accepted rule set (src/rules_match.c).
 *
 * Property: a rejected rule set leaves *out unchanged and sets a message. A
 * broken property calls abort(), which libFuzzer reports as a crash. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "fcr/fcr.h"

static void fail(const char *broken_property)
{
    fprintf(stderr, "fuzz_rules: %s (last error: %s)\n", broken_property, fcr_last_error());
    abort();
}

static const struct {
    fcr_turn_role role;
    const char *text;
} turns[] = {
    {FCR_TURN_AGENT, "Thank you for calling, how can I help you today?"},
    {FCR_TURN_CALLER, "I need to reschedule my follow-up appointment."},
    {FCR_TURN_AGENT, "So you want to move your follow-up visit, is that right?"},
    {FCR_TURN_CALLER, "Yes."},
    {FCR_TURN_AGENT, "Can you confirm your name and date of birth?"},
    {FCR_TURN_AGENT, "I moved it to Tuesday at ten. Is there anything else?"},
    {FCR_TURN_CALLER, "No, that's all."},
};

int LLVMFuzzerTestOneInput(const uint8_t *bytes, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *bytes, size_t size)
{
    static fcr_policy *policy;
    static fcr_transcript *transcript;
    if (policy == NULL && fcr_policy_new(&policy) != FCR_OK)
        fail("cannot create the built-in policy");
    if (transcript == NULL) {
        if (fcr_transcript_new(&transcript, "rules-call") != FCR_OK)
            fail("cannot create a transcript");
        for (size_t i = 0; i < sizeof turns / sizeof turns[0]; i++) {
            if (fcr_transcript_add_turn(transcript, turns[i].role, (double)i * 5,
                                        (double)i * 5 + 4, turns[i].text) != FCR_OK)
                fail("cannot add a turn");
        }
    }

    fcr_rules *rules = (fcr_rules *)&rules;
    fcr_status status = fcr_rules_load(&rules, (const char *)bytes, size, "<fuzz>");
    if (status != FCR_OK) {
        if (rules != (fcr_rules *)&rules)
            fail("a rejected rule set changed *out");
        if (status >= 0 || fcr_last_error()[0] == '\0')
            fail("a rejected rule set left no failure status or message");
        return 0;
    }
    (void)fcr_rules_count(rules);
    fcr_call *call = NULL;
    if (fcr_call_from_transcript(&call, policy, transcript, rules) == FCR_OK)
        fcr_call_free(call);
    fcr_rules_free(rules);
    return 0;
}
