/* SPDX-License-Identifier: MIT */
/* Fuzzes fcr_policy_load() (src/policy_load.c) and then uses an accepted
 * policy: writes it, reads a short call record with it, and scores the call.
 *
 * Property: a policy that was loaded, written with fcr_policy_to_json() and
 * loaded again gives the same JSON text. A rejected policy leaves *out
 * unchanged and sets a message. A broken property calls abort(), which
 * libFuzzer reports as a crash. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fcr/fcr.h"

/* A record that uses the categories, roles and targets a policy defines:
 * escalation, a due time from the target's callback time, identifiers. */
static const char call_record[] =
    "{\"format\":\"fcr.call/1\",\"id\":\"call-1\",\"started_at\":\"2026-11-10T14:02:00Z\","
    "\"direction\":\"inbound\",\"agent\":{\"id\":\"a1\",\"role\":\"front_desk\"},"
    "\"caller\":{\"role\":\"patient\"},\"events\":["
    "{\"type\":\"concern_stated\",\"at\":\"2026-11-10T14:02:20Z\",\"concern\":\"c1\","
    "\"category\":\"scheduling\",\"request\":\"r\"},"
    "{\"type\":\"concern_restated\",\"at\":\"2026-11-10T14:03:00Z\",\"concern\":\"c1\","
    "\"confirmed\":true},"
    "{\"type\":\"identity_verified\",\"at\":\"2026-11-10T14:03:30Z\","
    "\"identifiers\":[\"name\",\"date_of_birth\"]},"
    "{\"type\":\"authority_checked\",\"at\":\"2026-11-10T14:03:45Z\",\"concern\":\"c1\","
    "\"tools_available\":false},"
    "{\"type\":\"escalated\",\"at\":\"2026-11-10T14:05:00Z\",\"concern\":\"c1\","
    "\"target\":\"nurse_triage\",\"reason\":\"r\"}]}";

static void fail(const char *broken_property)
{
    fprintf(stderr, "fuzz_policy: %s (last error: %s)\n", broken_property, fcr_last_error());
    abort();
}

static fcr_policy *load(const char *data, size_t size)
{
    fcr_policy *policy = (fcr_policy *)&policy;
    fcr_status status = fcr_policy_load(&policy, data, size, "<fuzz>");
    if (status != FCR_OK) {
        if (policy != (fcr_policy *)&policy)
            fail("a rejected policy changed *out");
        if (status >= 0 || fcr_last_error()[0] == '\0')
            fail("a rejected policy left no failure status or message");
        return NULL;
    }
    return policy;
}

static void use(fcr_policy *policy)
{
    fcr_time due = 0;
    (void)fcr_policy_due_time(&due, policy, "nurse_triage", 1794319200);
    (void)fcr_policy_utc_offset(policy, 1794319200);

    fcr_call *call = NULL;
    if (fcr_call_from_json(&call, policy, FCR_MODE_REPLAY, call_record, sizeof call_record - 1,
                           "<record>") != FCR_OK)
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
    fcr_policy *policy = load((const char *)bytes, size);
    if (policy == NULL)
        return 0;
    use(policy);

    char *first = NULL, *second = NULL;
    if (fcr_policy_to_json(&first, policy) != FCR_OK)
        fail("cannot write a policy that was loaded");
    fcr_policy *again = load(first, strlen(first));
    if (again == NULL)
        fail("cannot load back a policy that was written");
    if (fcr_policy_to_json(&second, again) != FCR_OK)
        fail("cannot write a policy that was loaded back");
    if (strcmp(first, second) != 0)
        fail("writing and loading back changed the policy");

    fcr_free(first);
    fcr_free(second);
    fcr_policy_free(again);
    fcr_policy_free(policy);
    return 0;
}
