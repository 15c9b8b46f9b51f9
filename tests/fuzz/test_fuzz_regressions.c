/* SPDX-License-Identifier: MIT */
/* Inputs that the fuzz targets in fuzz/ found to break a property, replayed
 * through the same entry point, one test each. fuzz/README.md lists them. */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "test_support.h"

/* A record with a wrong "format" before a JSON syntax error ("[}"). The
 * reader found the record error, then could not skip the malformed record,
 * and stopped with FCR_ERECORD, which means a caller may go on: every later
 * call returned FCR_ERECORD again, so a loop that skips bad records never
 * ended. It must stop with FCR_EPARSE, as a reader fed piece by piece did. */
static void test_fuzz_regressions__reader_stops_on_parse_error(void **state)
{
    (void)state;
    static const char input[] = "{\"format\":\"fcr.call10T14:02:00Z\",\"events\":[}\n"
                                "{\"format\":\"fcr.call/1\"}\n";
    fcr_policy *policy = NULL;
    assert_int_equal(fcr_policy_new(&policy), FCR_OK);
    fcr_reader *reader = NULL;
    assert_int_equal(fcr_reader_new_buffer(&reader, policy, input, sizeof input - 1, "in.jsonl"),
                     FCR_OK);

    fcr_call *call = NULL;
    assert_int_equal(fcr_reader_next(reader, &call), FCR_EPARSE);
    assert_null(call);
    assert_non_null(strstr(fcr_last_error(), "record 1"));
    assert_non_null(strstr(fcr_last_error(), "found '}'"));
    assert_int_equal(fcr_reader_record(reader), 1);

    /* Stopped: the same failure again, and no second record. */
    assert_int_equal(fcr_reader_next(reader, &call), FCR_EPARSE);
    assert_null(call);
    assert_int_equal(fcr_reader_record(reader), 1);

    fcr_reader_free(reader);
    fcr_policy_free(policy);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_fuzz_regressions__reader_stops_on_parse_error),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
