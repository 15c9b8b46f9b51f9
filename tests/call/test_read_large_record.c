/* SPDX-License-Identifier: MIT */
/*
 * Reading a record whose events need many blocks of memory: 40 concerns,
 * long lists, a 20,000-byte text and unknown fields on every event. The
 * reader keeps a record's events and their strings in one region. These
 * tests check that every string, list item and unknown field survives the
 * region's growth. They also check that a failed allocation anywhere in the
 * read returns FCR_ENOMEM and frees everything.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "test_support.h"

#define CONCERNS 40
#define IDENTIFIERS 20
#define LONG_TEXT_BYTES 20000

static const char *const identifier_types[] = {"name", "date_of_birth", "phone", "email"};

typedef struct text {
    char *data;
    size_t length;
} text;

static void append(text *out, const char *format, ...)
{
    va_list args;
    va_start(args, format);
    char piece[512];
    int length = vsnprintf(piece, sizeof piece, format, args);
    va_end(args);
    assert_true(length >= 0 && (size_t)length < sizeof piece);

    char *grown = realloc(out->data, out->length + (size_t)length + 1);
    assert_non_null(grown);
    memcpy(grown + out->length, piece, (size_t)length + 1);
    out->data = grown;
    out->length += (size_t)length;
}

/* The request of concern `index`: a different length for each. */
static void request_of(int index, char *out, size_t size)
{
    snprintf(out, size, "Request %d:%.*s", index, 10 + index * 3,
             "................................................................................"
             "................................................................................");
}

/* The record, in replay mode: concerns, a follow-up question with a long
 * text, an identity check and a recap that names every concern. */
static char *large_record(void)
{
    text out = {NULL, 0};
    append(&out, "{\"format\": \"fcr.call/1\", \"id\": \"large-1\","
                 " \"started_at\": \"2026-11-10T14:00:00Z\", \"events\": [");
    append(&out, "{\"type\": \"open_question_asked\", \"at\": \"2026-11-10T14:00:01Z\","
                 " \"text\": \"How can I help?\", \"x_first\": {\"a\": [1, 2]}},");
    for (int i = 0; i < CONCERNS; i++) {
        char request[200];
        request_of(i, request, sizeof request);
        append(&out, "{\"type\": \"concern_stated\", \"at\": \"2026-11-10T14:%02d:%02dZ\","
                     " \"concern\": \"c%d\", \"category\": \"scheduling\", \"request\": \"%s\","
                     " \"x_index\": %d, \"x_tag\": \"t%d\", \"x_list\": [%d, {\"k\": null}]},",
               1 + i / 60, i % 60, i, request, i, i, i);
    }

    append(&out, "{\"type\": \"follow_up_asked\", \"at\": \"2026-11-10T14:02:00Z\", \"text\": \"");
    for (int i = 0; i < LONG_TEXT_BYTES / 100; i++)
        append(&out, "%0100d", i);
    append(&out, "\"},");

    append(&out, "{\"type\": \"identity_verified\", \"at\": \"2026-11-10T14:03:00Z\","
                 " \"identifiers\": [");
    for (int i = 0; i < IDENTIFIERS; i++)
        append(&out, "%s\"%s\"", i == 0 ? "" : ", ", identifier_types[i % 4]);
    append(&out, "]},");

    append(&out, "{\"type\": \"recap_given\", \"at\": \"2026-11-10T14:04:00Z\", \"concerns\": [");
    for (int i = 0; i < CONCERNS; i++)
        append(&out, "%s\"c%d\"", i == 0 ? "" : ", ", i);
    append(&out, "]},");
    append(&out, "{\"type\": \"call_ended\", \"at\": \"2026-11-10T14:05:00Z\"}]}\n");
    return out.data;
}

static const fcr_event *event_at(const fcr_call *call, size_t index)
{
    const fcr_event *event = fcr_call_event(call, index);
    assert_non_null(event);
    return event;
}

static void check_large_call(const fcr_call *call)
{
    assert_int_equal(fcr_call_event_count(call), CONCERNS + 5);
    assert_int_equal(fcr_call_concern_count(call), CONCERNS);
    assert_string_equal(fcr_event_get_string(event_at(call, 0), "text"), "How can I help?");

    for (int i = 0; i < CONCERNS; i++) {
        const fcr_event *event = event_at(call, 1 + (size_t)i);
        char request[200], id[16];
        request_of(i, request, sizeof request);
        snprintf(id, sizeof id, "c%d", i);
        assert_string_equal(fcr_event_get_concern(event), id);
        assert_string_equal(fcr_event_get_string(event, "request"), request);
        assert_string_equal(fcr_event_get_string(event, "category"), "scheduling");
        assert_string_equal(fcr_concern_request(fcr_call_concern(call, (size_t)i)), request);
    }

    const char *long_text = fcr_event_get_string(event_at(call, CONCERNS + 1), "text");
    assert_non_null(long_text);
    assert_int_equal(strlen(long_text), LONG_TEXT_BYTES);
    assert_memory_equal(long_text + LONG_TEXT_BYTES - 3, "199", 3);

    const fcr_event *identity = event_at(call, CONCERNS + 2);
    assert_int_equal(fcr_event_list_count(identity, "identifiers"), IDENTIFIERS);
    for (size_t i = 0; i < IDENTIFIERS; i++)
        assert_string_equal(fcr_event_list_item(identity, "identifiers", i),
                            identifier_types[i % 4]);

    const fcr_event *recap = event_at(call, CONCERNS + 3);
    assert_int_equal(fcr_event_list_count(recap, "concerns"), CONCERNS);
    for (size_t i = 0; i < CONCERNS; i++) {
        char id[16];
        snprintf(id, sizeof id, "c%zu", i);
        assert_string_equal(fcr_event_list_item(recap, "concerns", i), id);
    }
}

/* Unknown fields come back in the written record, in their order. */
static void check_unknown_fields(const fcr_call *call)
{
    char *json = NULL;
    assert_int_equal(fcr_call_to_json(&json, call, 0), FCR_OK);
    assert_non_null(strstr(json, "\"x_first\":{\"a\":[1,2]}"));
    for (int i = 0; i < CONCERNS; i++) {
        char fields[128];
        snprintf(fields, sizeof fields,
                 "\"x_index\":%d,\"x_tag\":\"t%d\",\"x_list\":[%d,{\"k\":null}]", i, i, i);
        if (strstr(json, fields) == NULL)
            fail_msg("the written record lacks %s", fields);
    }
    fcr_free(json);
}

static void large_record_reads_every_field(void **state)
{
    (void)state;
    char *record = large_record();
    fcr_policy *policy = NULL;
    assert_int_equal(fcr_policy_new(&policy), FCR_OK);

    fcr_call *call = NULL;
    fcr_status status = fcr_call_from_json(&call, policy, FCR_MODE_REPLAY, record, strlen(record),
                                           "large.json");
    if (status != FCR_OK)
        fail_msg("reading failed: %s", fcr_last_error());
    check_large_call(call);
    check_unknown_fields(call);

    /* The written record reads back to itself. */
    char *written = NULL, *again = NULL;
    fcr_call *copy = NULL;
    assert_int_equal(fcr_call_to_json(&written, call, 0), FCR_OK);
    assert_int_equal(fcr_call_from_json(&copy, policy, FCR_MODE_REPLAY, written, strlen(written),
                                        "written.json"),
                     FCR_OK);
    assert_int_equal(fcr_call_to_json(&again, copy, 0), FCR_OK);
    assert_string_equal(again, written);

    fcr_free(again);
    fcr_free(written);
    fcr_call_free(copy);
    fcr_call_free(call);
    fcr_policy_free(policy);
    free(record);
}

/* Reads the record through a reader with allocation `fail_at` failing (0
 * for none). Returns the status of fcr_reader_next(). */
static fcr_status read_with_failure(fcr_policy *policy, const char *record, unsigned long fail_at,
                                    unsigned long *count)
{
    fcr_reader *reader = NULL;
    fcr_call *call = NULL;
    test_alloc_fail_at(fail_at);
    fcr_status status =
        fcr_reader_new_buffer(&reader, policy, record, strlen(record), "large.jsonl");
    if (status == FCR_OK)
        status = fcr_reader_next(reader, &call);
    *count = test_alloc_count();
    test_alloc_reset();

    if (status == FCR_OK) {
        assert_non_null(call);
        check_large_call(call);
    }
    fcr_call_free(call);
    fcr_reader_free(reader);
    return status;
}

static void large_record_allocation_failures(void **state)
{
    (void)state;
    char *record = large_record();
    fcr_policy *policy = NULL;
    assert_int_equal(fcr_policy_new(&policy), FCR_OK);
    long start = test_alloc_outstanding();

    unsigned long total = 0;
    assert_int_equal(read_with_failure(policy, record, 0, &total), FCR_OK);
    assert_int_equal(test_alloc_outstanding(), start);

    for (unsigned long n = 1; n <= total; n++) {
        unsigned long count = 0;
        fcr_status status = read_with_failure(policy, record, n, &count);
        if (status != FCR_ENOMEM)
            fail_msg("allocation %lu of %lu failed, but reading returned %d", n, total, status);
        if (test_alloc_outstanding() != start)
            fail_msg("after allocation %lu failed, %ld blocks were not freed", n,
                     test_alloc_outstanding() - start);
    }
    fcr_policy_free(policy);
    free(record);
}

int main(void)
{
    test_alloc_install();

    const struct CMUnitTest tests[] = {
        cmocka_unit_test(large_record_reads_every_field),
        cmocka_unit_test(large_record_allocation_failures),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
