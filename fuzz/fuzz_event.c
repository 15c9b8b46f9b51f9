/* SPDX-License-Identifier: MIT */
/* Fuzzes one event object of a call record through fcr_event_from_json()
 * (src/event.c), then appends an accepted event to a call in replay mode.
 *
 * Property: a rejected event leaves *out unchanged and sets a message. A
 * broken property calls abort(), which libFuzzer reports as a crash. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "fcr/fcr.h"

static void fail(const char *broken_property)
{
    fprintf(stderr, "fuzz_event: %s (last error: %s)\n", broken_property, fcr_last_error());
    abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *bytes, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *bytes, size_t size)
{
    static fcr_policy *policy;
    if (policy == NULL && fcr_policy_new(&policy) != FCR_OK)
        fail("cannot create the built-in policy");

    fcr_event *event = (fcr_event *)&event;
    fcr_status status = fcr_event_from_json(&event, (const char *)bytes, size);
    if (status != FCR_OK) {
        if (event != (fcr_event *)&event)
            fail("a rejected event changed *out");
        if (status >= 0 || fcr_last_error()[0] == '\0')
            fail("a rejected event left no failure status or message");
        return 0;
    }

    fcr_call *call = NULL;
    if (fcr_call_new(&call, policy, FCR_MODE_REPLAY, "call-1", 1794319200000) == FCR_OK) {
        (void)fcr_call_append(call, event);
        fcr_guidance *guidance = NULL;
        if (fcr_guidance_new(&guidance, call) == FCR_OK)
            fcr_guidance_free(guidance);
        fcr_call_free(call);
    }
    fcr_event_free(event);
    return 0;
}
