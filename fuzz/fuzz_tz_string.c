/* SPDX-License-Identifier: MIT */
/* Fuzzes the POSIX TZ string parser (src/timezone_posix.c), which reads the
 * footer of every TZif file, then evaluates an accepted rule.
 *
 * Property: the transitions that fcr__tz_rule_next_transition() walks
 * through strictly increase. A broken property calls abort(), which
 * libFuzzer reports as a crash. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "timezone.h"

static void fail(const char *broken_property)
{
    fprintf(stderr, "fuzz_tz_string: %s (last error: %s)\n", broken_property, fcr_last_error());
    abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *bytes, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *bytes, size_t size)
{
    fcr__tz_rule rule;
    if (fcr__tz_rule_parse(&rule, (const char *)bytes, size) != FCR_OK)
        return 0;

    /* From year 1 to year 9999, in seconds, as the zone lookups use it. */
    int64_t seconds = FCR_TIME_MIN / 1000, next = 0;
    for (int i = 0; i < 64 && fcr__tz_rule_next_transition(&rule, seconds, &next); i++) {
        if (next <= seconds)
            fail("the next transition is not after the time asked");
        if (next > FCR_TIME_MAX / 1000)
            break;
        (void)fcr__tz_rule_offset(&rule, next);
        seconds = next;
    }
    (void)fcr__tz_rule_offset(&rule, 0);
    (void)fcr__tz_rule_offset(&rule, FCR_TIME_MAX / 1000);
    return 0;
}
