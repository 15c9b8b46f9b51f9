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

/* fuzz_transcript wrote a transcript read from ABCD as fcr.transcript/1 and
 * could not read it back: the turn reader expected the '{' that the turns
 * loop had already read, so every document with a turn was rejected with
 * "turns[0] must be an object, not a key". */
static void test_fuzz_regressions__transcript_json_turns_read(void **state)
{
    (void)state;
    static const char input[] =
        "{\"format\":\"fcr.transcript/1\",\"id\":\"abcd-1\",\"turns\":["
        "{\"role\":\"agent\",\"text\":\"Hello there\"},"
        "{\"role\":\"caller\",\"start\":1.5,\"end\":2,\"text\":\"Hi\"}]}";
    fcr_transcript_list *list = NULL;
    fcr_status status =
        fcr_transcript_list_load(&list, FCR_TRANSCRIPT_JSON, input, sizeof input - 1, "t.json");
    if (status != FCR_OK)
        fail_msg("fcr_transcript_list_load failed: %s", fcr_last_error());
    assert_int_equal(fcr_transcript_list_count(list), 1);

    const fcr_transcript *transcript = fcr_transcript_list_item(list, 0);
    assert_int_equal(fcr_transcript_turn_count(transcript), 2);
    assert_int_equal(fcr_transcript_turn_role(transcript, 1), FCR_TURN_CALLER);
    assert_string_equal(fcr_transcript_turn_text(transcript, 1), "Hi");
    assert_true(fcr_transcript_turn_start(transcript, 1) == 1.5);

    char *written = NULL;
    assert_int_equal(fcr_transcript_to_json(&written, transcript, 0), FCR_OK);
    assert_string_equal(written, input);
    fcr_free(written);
    fcr_transcript_list_free(list);
}

/* fuzz_transcript read a CSV dialogue whose turn held a NUL byte, wrote it
 * as fcr.transcript/1 with \u0000 and could not read that back, because
 * the JSON reader rejects NUL in record text. Every importer now rejects
 * it when the turn is added. */
static void test_fuzz_regressions__transcript_nul_byte_rejected(void **state)
{
    (void)state;
    static const char input[] = "id,dialogue\n"
                                "7,\"Doctor: How can I help?\n"
                                "Patient: A ref\0ill\"\n";
    fcr_transcript_list *list = (fcr_transcript_list *)&list;
    fcr_status status = fcr_transcript_list_load(&list, FCR_TRANSCRIPT_CSV_DIALOGUE, input,
                                                 sizeof input - 1, "dialogues.csv");
    assert_int_equal(status, FCR_ERECORD);
    assert_ptr_equal(list, (fcr_transcript_list *)&list);
    assert_non_null(strstr(fcr_last_error(), "NUL byte"));
}

/* fuzz_csv hung on a contact log with a long caller field. A caller too
 * long for the engine's 64-byte slots is allocated apart, and caller_free()
 * called itself for such a caller instead of freeing it, so
 * fcr_metrics_finish() never returned. */
static void test_fuzz_regressions__metrics_long_caller_freed(void **state)
{
    (void)state;
    char caller[200];
    memset(caller, 'p', sizeof caller - 1);
    caller[sizeof caller - 1] = '\0';

    fcr_metrics *metrics = NULL;
    assert_int_equal(fcr_metrics_new(&metrics, NULL), FCR_OK);
    fcr_contact contact = FCR_CONTACT_INIT;
    contact.id = "c1";
    contact.caller = caller;
    contact.category = "refill";
    contact.at = test_time("2026-11-02T10:00:00Z");
    assert_int_equal(fcr_metrics_add_contact(metrics, &contact), FCR_OK);
    contact.id = "c2";
    contact.at = test_time("2026-11-03T10:00:00Z");
    assert_int_equal(fcr_metrics_add_contact(metrics, &contact), FCR_OK);

    assert_int_equal(fcr_metrics_finish(metrics), FCR_OK);
    assert_int_equal(fcr_metrics_count(metrics, FCR_BREAKDOWN_TOTAL, 0, FCR_COUNT_CONTACTS), 2);
    fcr_metrics_free(metrics);
}

/* Hands out the input in two reads, split at `split`. */
typedef struct split_input {
    const char *data;
    size_t length;
    size_t split;
    size_t position;
} split_input;

static ptrdiff_t read_split(void *userdata, char *buffer, size_t size)
{
    split_input *input = userdata;
    size_t end = input->position < input->split ? input->split : input->length;
    size_t count = end - input->position;
    if (count > size)
        count = size;
    memcpy(buffer, input->data + input->position, count);
    input->position += count;
    return (ptrdiff_t)count;
}

/* fuzz_reader found that a reader fed "false" in one read and "fn..." in
 * the next took "false" as a complete value: it rejected record 1 as not an
 * object and then failed on the missing whitespace, while a reader over the
 * whole buffer rejected "falsefn" as one invalid literal. A literal at the
 * end of a read now waits for the next read, as a number does. */
static void test_fuzz_regressions__literal_split_across_reads(void **state)
{
    (void)state;
    static const char input[] = "falsefn\n";
    fcr_policy *policy = NULL;
    assert_int_equal(fcr_policy_new(&policy), FCR_OK);

    fcr_reader *whole = NULL;
    assert_int_equal(fcr_reader_new_buffer(&whole, policy, input, sizeof input - 1, "in"), FCR_OK);
    fcr_call *call = NULL;
    assert_int_equal(fcr_reader_next(whole, &call), FCR_EPARSE);
    assert_non_null(strstr(fcr_last_error(), "invalid literal"));
    fcr_reader_free(whole);

    split_input split = {input, sizeof input - 1, 5, 0};
    fcr_reader *pieces = NULL;
    assert_int_equal(fcr_reader_new_callback(&pieces, policy, read_split, &split, "in"), FCR_OK);
    assert_int_equal(fcr_reader_next(pieces, &call), FCR_EPARSE);
    assert_non_null(strstr(fcr_last_error(), "invalid literal"));
    assert_null(call);
    fcr_reader_free(pieces);
    fcr_policy_free(policy);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_fuzz_regressions__reader_stops_on_parse_error),
        cmocka_unit_test(test_fuzz_regressions__transcript_json_turns_read),
        cmocka_unit_test(test_fuzz_regressions__transcript_nul_byte_rejected),
        cmocka_unit_test(test_fuzz_regressions__metrics_long_caller_freed),
        cmocka_unit_test(test_fuzz_regressions__literal_split_across_reads),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
