/* SPDX-License-Identifier: MIT */
/* Fuzzes the RFC 3339 parser (src/time_rfc3339.c) through fcr_time_parse_n().
 *
 * Properties: a rejected text leaves *out unchanged; an accepted time,
 * written with fcr_time_format() and parsed again, is the same instant. A
 * broken property calls abort(), which libFuzzer reports as a crash. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "fcr/fcr.h"

static void fail(const char *broken_property)
{
    fprintf(stderr, "fuzz_time: %s (last error: %s)\n", broken_property, fcr_last_error());
    abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *bytes, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *bytes, size_t size)
{
    const fcr_time unset = -123456789;
    fcr_time time = unset;
    fcr_status status = fcr_time_parse_n(&time, (const char *)bytes, size);
    if (status != FCR_OK) {
        if (time != unset)
            fail("a rejected time changed *out");
        return 0;
    }

    char text[FCR_TIME_TEXT_SIZE];
    if (fcr_time_format(text, sizeof text, time) != FCR_OK)
        fail("cannot format a time that was parsed");
    fcr_time again = unset;
    if (fcr_time_parse(&again, text) != FCR_OK)
        fail("cannot parse a time that was formatted");
    if (again != time)
        fail("formatting and parsing back changed the time");
    return 0;
}
