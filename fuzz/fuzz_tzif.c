/* SPDX-License-Identifier: MIT */
/* Fuzzes the TZif reader (src/timezone.c) through fcr__zone_from_tzif(),
 * then looks up an accepted zone across the whole fcr_time range.
 *
 * Properties: a rejected file leaves *out unchanged; the transitions that
 * fcr__zone_next_transition() walks through strictly increase; a copy of the
 * zone gives the same offsets. A broken property calls abort(), which
 * libFuzzer reports as a crash. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "timezone.h"

static void fail(const char *broken_property)
{
    fprintf(stderr, "fuzz_tzif: %s (last error: %s)\n", broken_property, fcr_last_error());
    abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *bytes, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *bytes, size_t size)
{
    fcr__zone *zone = (fcr__zone *)&zone;
    if (fcr__zone_from_tzif(&zone, (const char *)bytes, size, "Fuzz/Zone") != FCR_OK) {
        if (zone != (fcr__zone *)&zone)
            fail("a rejected file changed *out");
        return 0;
    }

    fcr__zone *copy = NULL;
    if (fcr__zone_copy(&copy, zone) != FCR_OK)
        fail("cannot copy a zone");

    static const fcr_time probes[] = {FCR_TIME_MIN, INT64_C(-2208988800000), 0,
                                      INT64_C(1794319200000), INT64_C(4102444800000),
                                      FCR_TIME_MAX};
    for (size_t i = 0; i < sizeof probes / sizeof probes[0]; i++) {
        fcr_time time = probes[i];
        int32_t offset = fcr__zone_offset(zone, time);
        if (fcr__zone_offset(copy, time) != offset)
            fail("a copy of the zone gives another offset");
        (void)fcr__zone_from_local(zone, fcr__zone_to_local(zone, time));
    }

    /* Walk at most 64 transitions from the earliest instant. */
    fcr_time time = FCR_TIME_MIN, next = 0;
    for (int i = 0; i < 64 && fcr__zone_next_transition(zone, time, &next); i++) {
        if (next <= time)
            fail("the next transition is not after the time asked");
        if (next > FCR_TIME_MAX)
            break;
        (void)fcr__zone_offset(zone, next);
        time = next;
    }

    fcr__zone_free(copy);
    fcr__zone_free(zone);
    return 0;
}
