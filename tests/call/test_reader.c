/* SPDX-License-Identifier: MIT */
/* The streaming record reader over a buffer, a file and a callback: record
 * separation, errors that skip one record or stop the reader, limits, and
 * memory that stays flat over a long input. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "test_support.h"

static fcr_policy *policy;

static int setup_policy(void **state)
{
    (void)state;
    return fcr_policy_new(&policy) == FCR_OK ? 0 : -1;
}

static int teardown_policy(void **state)
{
    (void)state;
    fcr_policy_free(policy);
    return 0;
}

/* A valid one-line record with id call-<n>. */
static void format_record(char *buffer, size_t size, unsigned n)
{
    snprintf(buffer, size,
             "{\"format\":\"fcr.call/1\",\"id\":\"call-%u\",\"started_at\":\"2026-11-10T14:00:00Z\","
             "\"agent\":{\"id\":\"agent-1\",\"role\":\"front_desk\"},\"events\":["
             "{\"type\":\"concern_stated\",\"at\":\"2026-11-10T14:00:10Z\",\"concern\":\"c1\","
             "\"category\":\"refill\",\"request\":\"Inhaler refill\",\"x_score\":[1,2,3]},"
             "{\"type\":\"concern_restated\",\"at\":\"2026-11-10T14:00:20Z\",\"concern\":\"c1\","
             "\"confirmed\":true},"
             "{\"type\":\"identity_verified\",\"at\":\"2026-11-10T14:00:30Z\","
             "\"identifiers\":[\"name\",\"date_of_birth\"]},"
             "{\"type\":\"authority_checked\",\"at\":\"2026-11-10T14:00:40Z\",\"concern\":\"c1\"},"
             "{\"type\":\"resolved\",\"at\":\"2026-11-10T14:01:00Z\",\"concern\":\"c1\","
             "\"action\":\"Sent the refill\"},"
             "{\"type\":\"recap_given\",\"at\":\"2026-11-10T14:02:00Z\"},"
             "{\"type\":\"anything_else_asked\",\"at\":\"2026-11-10T14:02:10Z\",\"answer\":\"no\"},"
             "{\"type\":\"call_ended\",\"at\":\"2026-11-10T14:02:30Z\"},"
             "{\"type\":\"documented\",\"at\":\"2026-11-10T14:04:00Z\"}],"
             "\"x_batch\":{\"n\":%u}}",
             n, n);
}

static fcr_reader *buffer_reader(const char *data)
{
    fcr_reader *reader = NULL;
    assert_int_equal(fcr_reader_new_buffer(&reader, policy, data, strlen(data), "calls.jsonl"),
                     FCR_OK);
    return reader;
}

/* Reads the next record, which must be valid, and returns the call. */
static fcr_call *next_ok(fcr_reader *reader)
{
    fcr_call *call = NULL;
    fcr_status status = fcr_reader_next(reader, &call);
    if (status != FCR_OK)
        fail_msg("record %zu failed with %s: %s", fcr_reader_record(reader), fcr_strerror(status),
                 fcr_last_error());
    if (call == NULL)
        fail_msg("the input ended after record %zu", fcr_reader_record(reader));
    return call;
}

static void assert_next_id(fcr_reader *reader, const char *id)
{
    fcr_call *call = next_ok(reader);
    assert_string_equal(fcr_call_id(call), id);
    fcr_call_free(call);
}

static void assert_end(fcr_reader *reader)
{
    fcr_call *call = (fcr_call *)1;
    assert_int_equal(fcr_reader_next(reader, &call), FCR_OK);
    assert_null(call);

    /* The end stays the end. */
    call = (fcr_call *)1;
    assert_int_equal(fcr_reader_next(reader, &call), FCR_OK);
    assert_null(call);
}

static void assert_next_fails(fcr_reader *reader, fcr_status expected, const char *fragment)
{
    fcr_call *call = (fcr_call *)1;
    fcr_status status = fcr_reader_next(reader, &call);
    if (status != expected)
        fail_msg("record %zu gave %s, expected %s: %s", fcr_reader_record(reader),
                 fcr_strerror(status), fcr_strerror(expected), fcr_last_error());
    assert_null(call);
    if (fragment != NULL && strstr(fcr_last_error(), fragment) == NULL)
        fail_msg("message \"%s\" lacks \"%s\"", fcr_last_error(), fragment);
}

#define SMALL(id) "{\"format\":\"fcr.call/1\",\"id\":\"" id "\",\"started_at\":\"2026-11-10T14:00:00Z\"}"

/* --- separation -------------------------------------------------------------- */

static void test_reader__json_lines_crlf(void **state)
{
    (void)state;
    fcr_reader *reader = buffer_reader("\r\n" SMALL("a") "\r\n\r\n\r\n" SMALL("b") "\r\n"
                                       "   \t\r\n" SMALL("c"));
    assert_int_equal(fcr_reader_record(reader), 0);
    assert_int_equal(fcr_reader_line(reader), 0);

    assert_next_id(reader, "a");
    assert_int_equal(fcr_reader_record(reader), 1);
    assert_int_equal(fcr_reader_line(reader), 2);
    assert_next_id(reader, "b");
    assert_int_equal(fcr_reader_record(reader), 2);
    assert_int_equal(fcr_reader_line(reader), 5);
    assert_next_id(reader, "c");
    assert_int_equal(fcr_reader_record(reader), 3);
    assert_int_equal(fcr_reader_line(reader), 7);
    assert_end(reader);
    fcr_reader_free(reader);
}

static void test_reader__empty_input(void **state)
{
    (void)state;
    fcr_reader *reader = buffer_reader("");
    assert_end(reader);
    assert_int_equal(fcr_reader_record(reader), 0);
    fcr_reader_free(reader);

    reader = buffer_reader(" \n\r\n\t ");
    assert_end(reader);
    fcr_reader_free(reader);
}

static void test_reader__pretty_documents_file(void **state)
{
    (void)state;
    fcr_reader *reader = NULL;
    const char *path = test_data_path("calls/three_documents.json");
    assert_int_equal(fcr_reader_new_file(&reader, policy, path), FCR_OK);

    fcr_call *call = next_ok(reader);
    assert_string_equal(fcr_call_id(call), "doc-1");
    assert_int_equal(fcr_call_event_count(call), 2);
    fcr_call_free(call);
    assert_int_equal(fcr_reader_line(reader), 1);

    call = next_ok(reader);
    assert_string_equal(fcr_call_id(call), "doc-2");
    assert_int_equal(fcr_reader_line(reader), 14);
    assert_int_equal(fcr_call_concern_count(call), 1);
    fcr_call_free(call);

    /* The third starts on the line where the second ends. */
    call = next_ok(reader);
    assert_string_equal(fcr_call_id(call), "doc-3");
    assert_int_equal(fcr_reader_line(reader), 30);
    fcr_call_free(call);
    assert_end(reader);
    fcr_reader_free(reader);
}

static void test_reader__missing_file(void **state)
{
    (void)state;
    fcr_reader *reader = NULL;
    const char *path = FCR_BINARY_DIR "/no-such-dir/calls.jsonl";
    assert_int_equal(fcr_reader_new_file(&reader, policy, path), FCR_EIO);
    assert_null(reader);
    assert_non_null(strstr(fcr_last_error(), path));
}

/* Hands out `data` at most `chunk` bytes per call, or fails at `fail_at`. */
typedef struct feed {
    const char *data;
    size_t length;
    size_t position;
    size_t chunk;
    size_t fail_at; /* byte position at which to return -1; SIZE_MAX for never */
    unsigned calls;
} feed;

static ptrdiff_t read_feed(void *userdata, char *buffer, size_t size)
{
    feed *source = userdata;
    source->calls++;
    if (source->position >= source->fail_at)
        return -1;

    size_t count = source->length - source->position;
    if (count > size)
        count = size;
    if (count > source->chunk)
        count = source->chunk;
    memcpy(buffer, source->data + source->position, count);
    source->position += count;
    return (ptrdiff_t)count;
}

static void test_reader__callback_small_chunks(void **state)
{
    (void)state;
    char record[2048];
    format_record(record, sizeof record, 7);

    char input[8192];
    snprintf(input, sizeof input, "%s\n\n%s\r\n  %s", record, SMALL("short"), record);

    fcr_call *whole = NULL;
    assert_int_equal(fcr_call_from_json(&whole, policy, FCR_MODE_REPLAY, record, strlen(record), NULL),
                     FCR_OK);
    char *expected = test_call_json(whole);
    fcr_call_free(whole);

    /* Each chunk size cuts the records at other places. */
    const size_t chunks[] = {1, 2, 3, 7, 64, 1000, 100000};
    for (size_t i = 0; i < sizeof chunks / sizeof chunks[0]; i++) {
        feed source = {input, strlen(input), 0, chunks[i], SIZE_MAX, 0};
        fcr_reader *reader = NULL;
        assert_int_equal(fcr_reader_new_callback(&reader, policy, read_feed, &source, "stdin"),
                         FCR_OK);

        fcr_call *call = next_ok(reader);
        assert_string_equal(fcr_call_id(call), "call-7");
        assert_int_equal(fcr_call_event_count(call), 9);
        assert_int_equal(fcr_call_step(call), FCR_STEP_CLOSED);
        char *json = test_call_json(call);
        assert_string_equal(json, expected);
        fcr_free(json);
        fcr_call_free(call);

        assert_next_id(reader, "short");
        assert_int_equal(fcr_reader_line(reader), 3);
        assert_next_id(reader, "call-7");
        assert_int_equal(fcr_reader_line(reader), 4);
        assert_end(reader);
        fcr_reader_free(reader);
    }
    fcr_free(expected);
}

static void test_reader__callback_failure(void **state)
{
    (void)state;
    const char *input = SMALL("a") "\n" SMALL("b") "\n";
    size_t first_length = strlen(SMALL("a")) + 1;
    feed source = {input, strlen(input), 0, first_length, first_length, 0};
    fcr_reader *reader = NULL;
    assert_int_equal(fcr_reader_new_callback(&reader, policy, read_feed, &source, "stdin"), FCR_OK);

    assert_next_id(reader, "a");
    assert_next_fails(reader, FCR_EIO, "stdin");

    /* A failed read stops the reader. */
    unsigned calls = source.calls;
    source.fail_at = SIZE_MAX;
    assert_next_fails(reader, FCR_EIO, NULL);
    assert_int_equal(source.calls, calls);
    fcr_reader_free(reader);
}

static ptrdiff_t read_too_much(void *userdata, char *buffer, size_t size)
{
    (void)userdata;
    (void)buffer;
    return (ptrdiff_t)size + 1;
}

static void test_reader__callback_overrun(void **state)
{
    (void)state;
    fcr_reader *reader = NULL;
    assert_int_equal(fcr_reader_new_callback(&reader, policy, read_too_much, NULL, NULL), FCR_OK);
    assert_next_fails(reader, FCR_EIO, NULL);
    fcr_reader_free(reader);
}

/* --- errors ---------------------------------------------------------------- */

static void test_reader__bad_record_skipped(void **state)
{
    (void)state;
    const char *input = SMALL("a") "\n"
                        "{\"format\":\"fcr.call/1\",\"id\":\"b\",\"started_at\":\"2026-11-10T14:00:00Z\",\n"
                        " \"events\":[{\"type\":\"concern_stated\",\"at\":\"2026-11-10T14:00:10Z\","
                        "\"concern\":\"c1\",\"category\":\"dental\"}]}\n"
                        SMALL("c") "\n";
    fcr_reader *reader = buffer_reader(input);

    assert_next_id(reader, "a");
    assert_next_fails(reader, FCR_ERECORD, "record 2");
    assert_non_null(strstr(fcr_last_error(), "calls.jsonl"));
    assert_string_equal(fcr_last_error_field(), "events[0].category");
    assert_int_equal(fcr_last_error_line(), 3);
    assert_int_equal(fcr_reader_record(reader), 2);
    assert_int_equal(fcr_reader_line(reader), 2);

    assert_next_id(reader, "c");
    assert_int_equal(fcr_reader_record(reader), 3);
    assert_int_equal(fcr_reader_line(reader), 4);
    assert_end(reader);
    fcr_reader_free(reader);
}

static void test_reader__skipped_kinds(void **state)
{
    (void)state;
    /* A wrong type, a newer format and a field error all skip one record. */
    const char *input = SMALL("a") "\n"
                        "{\"format\":\"fcr.call/1\",\"id\":7,\"started_at\":\"2026-11-10T14:00:00Z\"}\n"
                        "{\"format\":\"fcr.call/2\",\"id\":\"x\",\"started_at\":\"2026-11-10T14:00:00Z\","
                        "\"new\":{\"deep\":[1,{\"a\":\"}\"}]}}\n"
                        "{\"id\":\"y\",\"started_at\":\"2026-11-10T14:00:00Z\"}\n"
                        SMALL("b") "\n";
    fcr_reader *reader = buffer_reader(input);
    assert_next_id(reader, "a");
    assert_next_fails(reader, FCR_ERECORD, "record 2");
    assert_next_fails(reader, FCR_EVERSION, "record 3");
    assert_next_fails(reader, FCR_ERECORD, "record 4");
    assert_false(fcr_reader_stopped(reader));
    assert_next_id(reader, "b");
    assert_int_equal(fcr_reader_record(reader), 5);
    assert_end(reader);
    fcr_reader_free(reader);
}

static void test_reader__strict_names_typos(void **state)
{
    (void)state;
    const char *input =
        "{\"format\":\"fcr.call/1\",\"id\":\"a\",\"started_at\":\"2026-11-10T14:00:00Z\","
        "\"events\":[{\"type\":\"concern_stated\",\"at\":\"2026-11-10T14:00:10Z\","
        "\"concern\":\"c1\",\"category\":\"refill\"},{\"type\":\"concern_restated\","
        "\"at\":\"2026-11-10T14:00:20Z\",\"concern\":\"c1\",\"confirmd\":true}]}\n"
        "{\"format\":\"fcr.call/1\",\"id\":\"b\",\"startd_at\":\"2026-11-10T14:00:00Z\"}\n"
        "{\"format\":\"fcr.call/1\",\"id\":\"c\",\"started_at\":\"2026-11-10T14:00:00Z\","
        "\"agent\":{\"id\":\"x\",\"role\":\"nurse\",\"shift\":\"early\"}}\n"
        "{\"format\":\"fcr.call/1\",\"id\":\"d\",\"started_at\":\"2026-11-10T14:00:00Z\","
        "\"caller\":{\"rol\":\"patient\"}}\n"
        SMALL("e") "\n";

    /* By default unknown fields are kept for the round trip. */
    fcr_reader *reader = buffer_reader(input);
    assert_next_id(reader, "a");
    assert_next_fails(reader, FCR_ERECORD, "no start time");
    assert_next_id(reader, "c");
    assert_next_id(reader, "d");
    assert_next_id(reader, "e");
    fcr_reader_free(reader);

    reader = buffer_reader(input);
    assert_int_equal(fcr_reader_set_strict(reader, 1), FCR_OK);
    assert_next_fails(reader, FCR_ERECORD, "events[1].confirmd: is not a field of fcr.call/1; "
                                           "did you mean \"confirmed\"?");
    assert_string_equal(fcr_last_error_field(), "events[1].confirmd");
    assert_next_fails(reader, FCR_ERECORD, "did you mean \"started_at\"?");
    /* No defined name is near "shift", so none is suggested. */
    assert_next_fails(reader, FCR_ERECORD, "agent.shift: is not a field of fcr.call/1; fix its name");
    assert_next_fails(reader, FCR_ERECORD, "did you mean \"role\"?");
    assert_next_id(reader, "e");
    assert_int_equal(fcr_reader_set_strict(reader, 0), FCR_ESTATE);
    fcr_reader_free(reader);

    assert_int_equal(fcr_reader_set_strict(NULL, 1), FCR_EINVAL);
}

static void test_reader__malformed_stops(void **state)
{
    (void)state;
    const char *input = SMALL("a") "\n"
                        "{\"format\":\"fcr.call/1\",\"id\":\"b\" \"started_at\":1}\n"
                        SMALL("c") "\n";
    fcr_reader *reader = buffer_reader(input);
    assert_next_id(reader, "a");
    assert_false(fcr_reader_stopped(reader));
    assert_next_fails(reader, FCR_EPARSE, "record 2");
    assert_int_equal(fcr_last_error_line(), 2);
    assert_true(fcr_reader_stopped(reader));

    assert_next_fails(reader, FCR_EPARSE, "stopped");
    assert_int_equal(fcr_reader_record(reader), 2);
    fcr_reader_free(reader);
}

static void test_reader__truncated_input(void **state)
{
    (void)state;
    fcr_reader *reader = buffer_reader(SMALL("a") "\n{\"format\":\"fcr.call/1\",\"id\":");
    assert_next_id(reader, "a");
    assert_next_fails(reader, FCR_EPARSE, "record 2");
    fcr_reader_free(reader);
}

static void test_reader__live_mode(void **state)
{
    (void)state;
    /* The second record resolves without verifying the caller's identity. */
    const char *input =
        SMALL("a") "\n"
        "{\"format\":\"fcr.call/1\",\"id\":\"b\",\"started_at\":\"2026-11-10T14:00:00Z\","
        "\"events\":[{\"type\":\"concern_stated\",\"at\":\"2026-11-10T14:00:10Z\",\"concern\":\"c1\","
        "\"category\":\"refill\",\"request\":\"r\"},{\"type\":\"concern_restated\","
        "\"at\":\"2026-11-10T14:00:20Z\",\"concern\":\"c1\",\"confirmed\":true},"
        "{\"type\":\"authority_checked\",\"at\":\"2026-11-10T14:00:30Z\",\"concern\":\"c1\"},"
        "{\"type\":\"resolved\",\"at\":\"2026-11-10T14:01:00Z\",\"concern\":\"c1\",\"action\":\"a\"}]}\n"
        SMALL("c");

    fcr_reader *reader = buffer_reader(input);
    assert_int_equal(fcr_reader_set_mode(reader, FCR_MODE_LIVE), FCR_OK);
    fcr_call *call = next_ok(reader);
    assert_int_equal(fcr_call_mode(call), FCR_MODE_LIVE);
    fcr_call_free(call);
    assert_next_fails(reader, FCR_EWORKFLOW, "record 2");
    assert_next_id(reader, "c");
    assert_int_equal(fcr_reader_set_mode(reader, FCR_MODE_REPLAY), FCR_ESTATE);
    fcr_reader_free(reader);

    /* Replay, the default, lists the deviation instead. */
    reader = buffer_reader(input);
    assert_next_id(reader, "a");
    call = next_ok(reader);
    assert_int_equal(fcr_call_mode(call), FCR_MODE_REPLAY);
    assert_int_equal(fcr_call_deviation_count(call), 1);
    fcr_call_free(call);
    fcr_reader_free(reader);
}

/* --- limits -------------------------------------------------------------------- */

static char *record_with_events(unsigned count)
{
    size_t size = 200 + (size_t)count * 80;
    char *json = malloc(size);
    assert_non_null(json);
    size_t used = (size_t)snprintf(json, size, "{\"format\":\"fcr.call/1\",\"id\":\"many\","
                                                "\"started_at\":\"2026-11-10T14:00:00Z\",\"events\":[");
    for (unsigned i = 0; i < count; i++)
        used += (size_t)snprintf(json + used, size - used,
                                 "%s{\"type\":\"open_question_asked\",\"at\":\"2026-11-10T14:00:10Z\"}",
                                 i > 0 ? "," : "");
    snprintf(json + used, size - used, "]}");
    return json;
}

static void test_reader__event_limit(void **state)
{
    (void)state;
    char *record = record_with_events(3);
    char input[4096];
    snprintf(input, sizeof input, "%s\n%s\n", record, SMALL("after"));

    fcr_reader *reader = buffer_reader(input);
    assert_int_equal(fcr_reader_set_limit(reader, FCR_LIMIT_EVENTS, 2), FCR_OK);
    assert_next_fails(reader, FCR_ELIMIT, "FCR_LIMIT_EVENTS");
    assert_next_id(reader, "after");
    fcr_reader_free(reader);

    reader = buffer_reader(input);
    assert_int_equal(fcr_reader_set_limit(reader, FCR_LIMIT_EVENTS, 3), FCR_OK);
    assert_next_id(reader, "many");
    fcr_reader_free(reader);
    free(record);
}

static void test_reader__event_limit_default(void **state)
{
    (void)state;
    /* 10,000 events by default; more need a raised limit. */
    char *record = record_with_events(10001);
    fcr_reader *reader = buffer_reader(record);
    assert_next_fails(reader, FCR_ELIMIT, "more than 10000 events");
    fcr_reader_free(reader);

    reader = buffer_reader(record);
    assert_int_equal(fcr_reader_set_limit(reader, FCR_LIMIT_EVENTS, 10001), FCR_OK);
    fcr_call *call = next_ok(reader);
    assert_int_equal(fcr_call_event_count(call), 10001);
    fcr_call_free(call);
    fcr_reader_free(reader);

    /* fcr_call_from_json() has the default limit too. */
    fcr_call *out = NULL;
    assert_int_equal(fcr_call_from_json(&out, policy, FCR_MODE_REPLAY, record, strlen(record), NULL),
                     FCR_ELIMIT);
    assert_null(out);
    free(record);
}

static void test_reader__string_limit(void **state)
{
    (void)state;
    const char *input =
        "{\"format\":\"fcr.call/1\",\"id\":\"long\",\"started_at\":\"2026-11-10T14:00:00Z\","
        "\"events\":[{\"type\":\"documented\",\"at\":\"2026-11-10T14:00:10Z\","
        "\"text\":\"0123456789012345678901234567890123456789\"}]}\n" SMALL("after");

    fcr_reader *reader = buffer_reader(input);
    assert_int_equal(fcr_reader_set_limit(reader, FCR_LIMIT_STRING_BYTES, 32), FCR_OK);
    fcr_status status = FCR_OK;
    fcr_call *call = NULL;
    status = fcr_reader_next(reader, &call);
    assert_int_equal(status, FCR_ELIMIT);
    assert_null(call);
    fcr_reader_free(reader);

    reader = buffer_reader(input);
    assert_int_equal(fcr_reader_set_limit(reader, FCR_LIMIT_STRING_BYTES, 40), FCR_OK);
    assert_next_id(reader, "long");
    assert_next_id(reader, "after");
    fcr_reader_free(reader);
}

static void test_reader__record_limit(void **state)
{
    (void)state;
    char record[2048];
    format_record(record, sizeof record, 1);
    char input[4096];
    snprintf(input, sizeof input, "%s\n%s\n", SMALL("small"), record);

    fcr_reader *reader = buffer_reader(input);
    assert_int_equal(fcr_reader_set_limit(reader, FCR_LIMIT_RECORD_BYTES, 200), FCR_OK);
    assert_next_id(reader, "small");
    assert_next_fails(reader, FCR_ELIMIT, "record 2");
    /* The end of an oversize record is not looked for, so reading stops. */
    assert_true(fcr_reader_stopped(reader));
    assert_next_fails(reader, FCR_ELIMIT, "stopped");
    fcr_reader_free(reader);

    reader = buffer_reader(input);
    assert_int_equal(fcr_reader_set_limit(reader, FCR_LIMIT_RECORD_BYTES, strlen(record)), FCR_OK);
    assert_next_id(reader, "small");
    assert_next_id(reader, "call-1");
    fcr_reader_free(reader);

    /* The limit also applies to a callback reader. */
    feed source = {input, strlen(input), 0, 16, SIZE_MAX, 0};
    assert_int_equal(fcr_reader_new_callback(&reader, policy, read_feed, &source, NULL), FCR_OK);
    assert_int_equal(fcr_reader_set_limit(reader, FCR_LIMIT_RECORD_BYTES, 200), FCR_OK);
    assert_next_id(reader, "small");
    assert_next_fails(reader, FCR_ELIMIT, NULL);
    fcr_reader_free(reader);
}

static void test_reader__list_limit_skips(void **state)
{
    (void)state;
    /* A list over its fixed limit of 64 items is one field over a limit:
     * that record is skipped and reading goes on. */
    char input[4096];
    size_t used = (size_t)snprintf(input, sizeof input,
                                   "{\"format\":\"fcr.call/1\",\"id\":\"list\","
                                   "\"started_at\":\"2026-11-10T14:00:00Z\",\"events\":["
                                   "{\"type\":\"identity_verified\",\"at\":\"2026-11-10T14:00:10Z\","
                                   "\"identifiers\":[");
    for (int i = 0; i < 65; i++)
        used += (size_t)snprintf(input + used, sizeof input - used, "%s\"name\"", i > 0 ? "," : "");
    snprintf(input + used, sizeof input - used, "]}]}\n%s\n", SMALL("after"));

    fcr_reader *reader = buffer_reader(input);
    assert_next_fails(reader, FCR_ELIMIT, "at most 64 items");
    assert_string_equal(fcr_last_error_field(), "events[0].identifiers[64]");
    assert_next_id(reader, "after");
    assert_end(reader);
    fcr_reader_free(reader);
}

static void test_reader__depth_limit(void **state)
{
    (void)state;
    const char *input = "{\"format\":\"fcr.call/1\",\"id\":\"deep\","
                        "\"started_at\":\"2026-11-10T14:00:00Z\","
                        "\"x\":[[[[[[1]]]]]]}";

    fcr_reader *reader = buffer_reader(input);
    assert_int_equal(fcr_reader_set_limit(reader, FCR_LIMIT_DEPTH, 5), FCR_OK);
    assert_next_fails(reader, FCR_ELIMIT, NULL);
    fcr_reader_free(reader);

    reader = buffer_reader(input);
    assert_int_equal(fcr_reader_set_limit(reader, FCR_LIMIT_DEPTH, 7), FCR_OK);
    assert_next_id(reader, "deep");
    fcr_reader_free(reader);
}

static void test_reader__set_limit_rules(void **state)
{
    (void)state;
    fcr_reader *reader = buffer_reader(SMALL("a") "\n" SMALL("b"));
    assert_int_equal(fcr_reader_set_limit(reader, FCR_LIMIT_DEPTH, 0), FCR_EINVAL);
    assert_int_equal(fcr_reader_set_limit(reader, FCR_LIMIT_DEPTH, 10001), FCR_EINVAL);
    assert_int_equal(fcr_reader_set_limit(reader, FCR_LIMIT_EVENTS, 100001), FCR_EINVAL);
    assert_int_equal(fcr_reader_set_limit(reader, FCR_LIMIT_EVENTS, 100000), FCR_OK);
    assert_int_equal(fcr_reader_set_limit(reader, (fcr_limit)9, 10), FCR_EINVAL);
    assert_int_equal(fcr_reader_set_limit(NULL, FCR_LIMIT_DEPTH, 10), FCR_EINVAL);
    assert_int_equal(fcr_reader_set_mode(reader, (fcr_mode)5), FCR_EINVAL);

    assert_next_id(reader, "a");
    assert_int_equal(fcr_reader_set_limit(reader, FCR_LIMIT_DEPTH, 10), FCR_ESTATE);
    assert_int_equal(fcr_reader_set_limit(reader, FCR_LIMIT_EVENTS, 10), FCR_ESTATE);
    assert_int_equal(fcr_reader_set_mode(reader, FCR_MODE_LIVE), FCR_ESTATE);
    assert_next_id(reader, "b");
    fcr_reader_free(reader);
}

static void test_reader__null_arguments(void **state)
{
    (void)state;
    fcr_reader *reader = NULL;
    assert_int_equal(fcr_reader_new_buffer(&reader, NULL, "", 0, NULL), FCR_EINVAL);
    assert_int_equal(fcr_reader_new_buffer(&reader, policy, NULL, 0, NULL), FCR_EINVAL);
    assert_int_equal(fcr_reader_new_buffer(NULL, policy, "", 0, NULL), FCR_EINVAL);
    assert_int_equal(fcr_reader_new_file(&reader, policy, NULL), FCR_EINVAL);
    assert_int_equal(fcr_reader_new_file(NULL, policy, test_data_path("calls/three_documents.json")),
                     FCR_EINVAL);
    assert_int_equal(fcr_reader_new_callback(NULL, policy, read_feed, NULL, NULL), FCR_EINVAL);
    assert_int_equal(fcr_reader_new_callback(&reader, policy, NULL, NULL, NULL), FCR_EINVAL);
    assert_null(reader);
    assert_int_equal(fcr_reader_next(NULL, NULL), FCR_EINVAL);
    assert_int_equal(fcr_reader_record(NULL), 0);
    fcr_reader_free(NULL);
}

/* --- memory ------------------------------------------------------------------ */

#define LONG_INPUT_RECORDS 20000u

/* Generates LONG_INPUT_RECORDS records, one per line, on demand. */
typedef struct generator {
    unsigned next;
    char line[2048];
    size_t line_length;
    size_t line_position;
} generator;

static ptrdiff_t read_generated(void *userdata, char *buffer, size_t size)
{
    generator *source = userdata;
    size_t written = 0;
    while (written < size) {
        if (source->line_position == source->line_length) {
            if (source->next == LONG_INPUT_RECORDS)
                break;
            source->next++;
            format_record(source->line, sizeof source->line - 1, source->next);
            source->line_length = strlen(source->line);
            source->line[source->line_length++] = '\n';
            source->line_position = 0;
        }
        size_t count = source->line_length - source->line_position;
        if (count > size - written)
            count = size - written;
        memcpy(buffer + written, source->line + source->line_position, count);
        source->line_position += count;
        written += count;
    }
    return (ptrdiff_t)written;
}

static void test_reader__flat_memory(void **state)
{
    (void)state;
    long start = test_alloc_outstanding();
    generator source;
    memset(&source, 0, sizeof source);
    fcr_reader *reader = NULL;
    assert_int_equal(fcr_reader_new_callback(&reader, policy, read_generated, &source, "generated"),
                     FCR_OK);

    long settled = -1;
    long highest = 0;
    for (unsigned n = 1; n <= LONG_INPUT_RECORDS; n++) {
        fcr_call *call = next_ok(reader);
        assert_int_equal(fcr_call_event_count(call), 9);
        fcr_call_free(call);

        long outstanding = test_alloc_outstanding() - start;
        if (n == 10)
            settled = outstanding;
        if (n > 10 && outstanding > highest)
            highest = outstanding;
    }
    assert_end(reader);

    /* After the first records only the reader's own blocks stay allocated,
     * and their number does not grow with the input. */
    if (highest > settled)
        fail_msg("%ld blocks outstanding after record 10, up to %ld later", settled, highest);
    assert_int_equal(fcr_reader_record(reader), LONG_INPUT_RECORDS);
    fcr_reader_free(reader);
    assert_int_equal(test_alloc_outstanding(), start);
}

int main(void)
{
    test_alloc_install();

    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_reader__json_lines_crlf),
        cmocka_unit_test(test_reader__empty_input),
        cmocka_unit_test(test_reader__pretty_documents_file),
        cmocka_unit_test(test_reader__missing_file),
        cmocka_unit_test(test_reader__callback_small_chunks),
        cmocka_unit_test(test_reader__callback_failure),
        cmocka_unit_test(test_reader__callback_overrun),
        cmocka_unit_test(test_reader__bad_record_skipped),
        cmocka_unit_test(test_reader__skipped_kinds),
        cmocka_unit_test(test_reader__strict_names_typos),
        cmocka_unit_test(test_reader__malformed_stops),
        cmocka_unit_test(test_reader__truncated_input),
        cmocka_unit_test(test_reader__live_mode),
        cmocka_unit_test(test_reader__event_limit),
        cmocka_unit_test(test_reader__event_limit_default),
        cmocka_unit_test(test_reader__string_limit),
        cmocka_unit_test(test_reader__record_limit),
        cmocka_unit_test(test_reader__list_limit_skips),
        cmocka_unit_test(test_reader__depth_limit),
        cmocka_unit_test(test_reader__set_limit_rules),
        cmocka_unit_test(test_reader__null_arguments),
        cmocka_unit_test(test_reader__flat_memory),
    };
    return cmocka_run_group_tests(tests, setup_policy, teardown_policy);
}
