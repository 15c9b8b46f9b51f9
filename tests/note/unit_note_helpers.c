/* SPDX-License-Identifier: MIT */
/* The note's internal helpers: name-based UUIDs and office wall-clock text. */
#include <string.h>

#include "test_support.h"

#include "local_time.h"
#include "note_internal.h"

/* Expected values come from Python's uuid.uuid5() with libfcr's namespace
 * ad016786-6638-4c08-ad85-7911b9c521f9 and the name "<kind>/<index>/<call id>". */
static void test_uuid__matches_rfc_version_5(void **state)
{
    (void)state;
    char uuid[FCR__UUID_TEXT_SIZE];

    fcr__note_uuid(uuid, "call-0001", "Bundle", 0);
    assert_string_equal(uuid, "6b48236c-1411-573b-88a4-96fb36067243");
    fcr__note_uuid(uuid, "call-0001", "Encounter", 0);
    assert_string_equal(uuid, "df6ccd8d-d6cb-5b67-bc95-0fb38e07922d");
    fcr__note_uuid(uuid, "call-0001", "Task", 1);
    assert_string_equal(uuid, "4993e7d2-aeec-5ae0-8199-85ea29c72b2d");
    fcr__note_uuid(uuid, "caf\xc3\xa9", "Task", 0);
    assert_string_equal(uuid, "4edc16a2-6861-5160-bc15-1a524a47bdf2");
}

static void test_uuid__long_name_spans_blocks(void **state)
{
    (void)state;
    char call_id[129];
    memset(call_id, 'x', 128);
    call_id[128] = '\0';

    char uuid[FCR__UUID_TEXT_SIZE];
    fcr__note_uuid(uuid, call_id, "Task", 7);
    assert_string_equal(uuid, "a968c1db-f00b-5434-94bd-8e2c8a182ea1");
}

static void test_uuid__differs_by_kind_and_index(void **state)
{
    (void)state;
    char a[FCR__UUID_TEXT_SIZE], b[FCR__UUID_TEXT_SIZE], c[FCR__UUID_TEXT_SIZE];
    fcr__note_uuid(a, "call-1", "Task", 1);
    fcr__note_uuid(b, "call-1", "Task", 2);
    fcr__note_uuid(c, "call-1", "Encounter", 1);
    assert_string_not_equal(a, b);
    assert_string_not_equal(a, c);
}

static void clock_at(const char *utc, char out[FCR__LOCAL_TEXT_SIZE])
{
    fcr__local_time local;
    fcr__local_time_of(&local, NULL, test_time(utc));
    fcr__local_format_clock12(out, &local);
}

static void test_clock12__noon_and_midnight(void **state)
{
    (void)state;
    char text[FCR__LOCAL_TEXT_SIZE];

    clock_at("2026-11-10T00:00:00Z", text);
    assert_string_equal(text, "12:00 AM");
    clock_at("2026-11-10T00:59:00Z", text);
    assert_string_equal(text, "12:59 AM");
    clock_at("2026-11-10T09:05:00Z", text);
    assert_string_equal(text, "9:05 AM");
    clock_at("2026-11-10T12:00:00Z", text);
    assert_string_equal(text, "12:00 PM");
    clock_at("2026-11-10T13:30:59Z", text);
    assert_string_equal(text, "1:30 PM");
    clock_at("2026-11-10T23:59:00Z", text);
    assert_string_equal(text, "11:59 PM");
}

static void test_stamp__offset_of_the_zone(void **state)
{
    (void)state;
    fcr_policy *policy = NULL;
    const char json[] = "{\"format\": \"fcr.policy/1\", \"office\": {\"time_zone\": \"+05:30\"}}";
    assert_int_equal(fcr_policy_load(&policy, json, strlen(json), "inline"), FCR_OK);

    char text[FCR__LOCAL_TEXT_SIZE];
    fcr__local_format_stamp(text, policy, test_time("2026-11-10T20:00:00Z"));
    assert_string_equal(text, "2026-11-11 01:30 +05:30");
    fcr__local_format_stamp(text, NULL, test_time("2026-11-10T20:00:59.999Z"));
    assert_string_equal(text, "2026-11-10 20:00 +00:00");
    fcr_policy_free(policy);
}

static void test_long_date__year_only_when_it_differs(void **state)
{
    (void)state;
    fcr__local_time local;
    fcr__local_time_of(&local, NULL, test_time("2027-01-04T10:00:00Z"));

    char text[FCR__LOCAL_TEXT_SIZE];
    fcr__local_format_long_date(text, &local, 2027);
    assert_string_equal(text, "Monday, January 4");
    fcr__local_format_long_date(text, &local, 2026);
    assert_string_equal(text, "Monday, January 4, 2027");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_uuid__matches_rfc_version_5),
        cmocka_unit_test(test_uuid__long_name_spans_blocks),
        cmocka_unit_test(test_uuid__differs_by_kind_and_index),
        cmocka_unit_test(test_clock12__noon_and_midnight),
        cmocka_unit_test(test_stamp__offset_of_the_zone),
        cmocka_unit_test(test_long_date__year_only_when_it_differs),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
