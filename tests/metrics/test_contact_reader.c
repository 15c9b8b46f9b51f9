/* SPDX-License-Identifier: MIT */
/* CSV contact logs: RFC 4180 quirks, the column mapping, time formats,
 * missing values and bad rows. */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "test_support.h"

static fcr_contact_reader *open_text(const char *text)
{
    fcr_contact_reader *reader = NULL;
    assert_int_equal(fcr_contact_reader_new_buffer(&reader, NULL, text, strlen(text), "log.csv"),
                     FCR_OK);
    return reader;
}

static const fcr_contact *next_ok(fcr_contact_reader *reader)
{
    const fcr_contact *contact = NULL;
    fcr_status status = fcr_contact_reader_next(reader, &contact);
    if (status != FCR_OK)
        fail_msg("next failed: %s", fcr_last_error());
    assert_non_null(contact);
    return contact;
}

static void assert_end(fcr_contact_reader *reader)
{
    const fcr_contact *contact = (const fcr_contact *)1;
    assert_int_equal(fcr_contact_reader_next(reader, &contact), FCR_OK);
    assert_null(contact);
}

static void test_contact_reader__default_columns(void **state)
{
    (void)state;
    fcr_contact_reader *reader = open_text(
        "id,caller,time,category,agent,direction,outcome,target\n"
        "c1,p1,2026-11-02T10:00:00Z,refill,a1,inbound,resolved,\n"
        "c2,p2,2026-11-02T11:00:00-05:00,billing,a2,OUT,,nurse_triage\n");
    const fcr_contact *c = next_ok(reader);
    assert_string_equal(c->id, "c1");
    assert_string_equal(c->caller, "p1");
    assert_true(c->at == test_time("2026-11-02T10:00:00Z"));
    assert_string_equal(c->category, "refill");
    assert_string_equal(c->agent, "a1");
    assert_int_equal(c->direction, FCR_DIRECTION_INBOUND);
    assert_int_equal(c->outcome, FCR_OUTCOME_RESOLVED);
    assert_null(c->target);

    c = next_ok(reader);
    assert_true(c->at == test_time("2026-11-02T16:00:00Z"));
    assert_int_equal(c->direction, FCR_DIRECTION_OUTBOUND);
    /* A target without an outcome marks the contact escalated. */
    assert_int_equal(c->outcome, FCR_OUTCOME_ESCALATED);
    assert_string_equal(c->target, "nurse_triage");
    assert_end(reader);
    fcr_contact_reader_free(reader);
}

static void test_contact_reader__rfc4180_quirks(void **state)
{
    (void)state;
    /* A byte-order mark, CRLF, empty lines, a quoted comma, a quoted line
     * break and doubled quotes. */
    fcr_contact_reader *reader = open_text(
        "\xEF\xBB\xBFid,caller,time,category\r\n"
        "\r\n"
        "c1,\"p,1\",2026-11-02T10:00:00Z,\"two\r\nlines\"\r\n"
        "\n"
        "c2,\"say \"\"hi\"\"\",2026-11-02T11:00:00Z,\"\"\r\n"
        "c3,p3,2026-11-02T12:00:00Z,last");
    const fcr_contact *c = next_ok(reader);
    assert_string_equal(c->id, "c1");
    assert_string_equal(c->caller, "p,1");
    assert_string_equal(c->category, "two\r\nlines");
    assert_int_equal(fcr_contact_reader_line(reader), 3);

    c = next_ok(reader);
    assert_string_equal(c->caller, "say \"hi\"");
    assert_null(c->category); /* an empty field is missing */
    assert_int_equal(fcr_contact_reader_line(reader), 6);

    c = next_ok(reader);
    assert_string_equal(c->category, "last"); /* no line end at the end */
    assert_int_equal(fcr_contact_reader_line(reader), 7);
    assert_end(reader);
    fcr_contact_reader_free(reader);
}

static void test_contact_reader__mapping_format_missing(void **state)
{
    (void)state;
    fcr_contact_reader *reader = open_text(
        "number,caller_id,opened_at,category,assigned_to\n"
        "INC1,Caller 1,29-02-2016 01:16,Category 55,?\n"
        "INC2,?,1-3-2016 9:05,?,Agent 2\n");
    assert_int_equal(fcr_contact_reader_map(reader, FCR_CONTACT_FIELD_ID, "number"), FCR_OK);
    assert_int_equal(fcr_contact_reader_map(reader, FCR_CONTACT_FIELD_CALLER, "caller_id"), FCR_OK);
    assert_int_equal(fcr_contact_reader_map(reader, FCR_CONTACT_FIELD_TIME, "opened_at"), FCR_OK);
    assert_int_equal(fcr_contact_reader_map(reader, FCR_CONTACT_FIELD_AGENT, "assigned_to"), FCR_OK);
    assert_int_equal(fcr_contact_reader_set_time_format(reader, "%d-%m-%Y %H:%M"), FCR_OK);
    assert_int_equal(fcr_contact_reader_set_time_zone(reader, "-05:00"), FCR_OK);
    assert_int_equal(fcr_contact_reader_set_missing(reader, "?"), FCR_OK);

    const fcr_contact *c = next_ok(reader);
    assert_string_equal(c->id, "INC1");
    assert_true(c->at == test_time("2016-02-29T06:16:00Z"));
    assert_null(c->agent);
    c = next_ok(reader);
    assert_null(c->caller);
    assert_null(c->category);
    assert_true(c->at == test_time("2016-03-01T14:05:00Z"));
    assert_end(reader);

    /* Options cannot change once reading started. */
    assert_int_equal(fcr_contact_reader_set_missing(reader, "-"), FCR_ESTATE);
    fcr_contact_reader_free(reader);
}

static void test_contact_reader__time_formats(void **state)
{
    (void)state;
    static const struct {
        const char *format;
        const char *text;
        const char *expected;
    } cases[] = {
        {"%Y-%m-%d %H:%M:%S", "2026-11-02 10:00:05", "2026-11-02T10:00:05Z"},
        {"%F %T.%f", "2026-11-02 10:00:05.1234", "2026-11-02T10:00:05.123Z"},
        {"%d/%m/%Y %H:%M %z", "02/11/2026 10:00 +01:30", "2026-11-02T08:30:00Z"},
        {"%Y%m%dT%H%M%S%z", "20261102T100000Z", "2026-11-02T10:00:00Z"},
        {"%d.%m.%Y", "2.11.2026", "2026-11-02T00:00:00Z"},
        {"%Y-%m-%d %H:%M", "2026-11-02   10:00", "2026-11-02T10:00:00Z"},
        {"100%% %Y-%m-%d", "100% 2026-11-02", "2026-11-02T00:00:00Z"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char text[256];
        snprintf(text, sizeof text, "caller,time\np1,%s\n", cases[i].text);
        fcr_contact_reader *reader = open_text(text);
        assert_int_equal(fcr_contact_reader_set_time_format(reader, cases[i].format), FCR_OK);
        const fcr_contact *c = next_ok(reader);
        if (c->at != test_time(cases[i].expected))
            fail_msg("%s with %s: wrong instant", cases[i].text, cases[i].format);
        assert_string_equal(c->id, "row 1");
        fcr_contact_reader_free(reader);
    }

    /* A time of another form names the format, so the reader sees the
     * mismatch. */
    fcr_contact_reader *reader = open_text("caller,time\np1,2026-11-02T10:00:00Z\n");
    assert_int_equal(fcr_contact_reader_set_time_format(reader, "%Y-%m-%d %H:%M"), FCR_OK);
    const fcr_contact *contact = NULL;
    assert_int_equal(fcr_contact_reader_next(reader, &contact), FCR_EPARSE);
    assert_non_null(strstr(fcr_last_error(), "does not match the time format \"%Y-%m-%d %H:%M\""));
    assert_non_null(strstr(fcr_last_error(), "set a format that matches the column"));
    fcr_contact_reader_free(reader);

    reader = open_text("caller,time\n");
    static const char *const invalid[] = {"%H:%M", "%Y-%m-%d %q", "%Y-%m-%d %Y", "%Y-%m-%d %"};
    for (size_t i = 0; i < sizeof invalid / sizeof invalid[0]; i++) {
        if (fcr_contact_reader_set_time_format(reader, invalid[i]) != FCR_EINVAL)
            fail_msg("format %s accepted", invalid[i]);
    }
    fcr_contact_reader_free(reader);
}

/* Each bad row is reported with its line, and the next call goes on. */
static void test_contact_reader__bad_rows_reported(void **state)
{
    (void)state;
    fcr_contact_reader *reader = open_text(
        "id,caller,time,direction\n"
        "c1,p1,2026-11-02T10:00:00Z,in\n"
        "c2,p2\n"                                  /* short row */
        "c3,p3,2026-02-30T10:00:00Z,in\n"          /* no such day */
        "c4,p4,2026-11-02T10:00:00Z,sideways\n"    /* unknown direction */
        "c5,p\xC3\x28,2026-11-02T10:00:00Z,in\n"   /* invalid UTF-8 */
        "c6,p\"6,2026-11-02T10:00:00Z,in\n"        /* stray quote */
        "c7,p7,,in\n"                              /* missing time */
        "c8,p8,2026-11-02T12:00:00Z,in\n");
    const fcr_contact *contact = NULL;
    assert_string_equal(next_ok(reader)->id, "c1");

    assert_int_equal(fcr_contact_reader_next(reader, &contact), FCR_ERECORD);
    assert_null(contact);
    assert_int_equal(fcr_last_error_line(), 3);
    assert_non_null(strstr(fcr_last_error(), "log.csv: line 3: the row has 2 fields but the header has 4"));

    assert_int_equal(fcr_contact_reader_next(reader, &contact), FCR_EPARSE);
    assert_int_equal(fcr_last_error_line(), 4);
    assert_string_equal(fcr_last_error_field(), "time");
    /* The message never quotes the value. */
    assert_null(strstr(fcr_last_error(), "2026-02-30"));

    assert_int_equal(fcr_contact_reader_next(reader, &contact), FCR_ERECORD);
    assert_int_equal(fcr_last_error_line(), 5);
    assert_int_equal(fcr_last_error_column(), 28);
    assert_string_equal(fcr_last_error_field(), "direction");

    assert_int_equal(fcr_contact_reader_next(reader, &contact), FCR_EPARSE);
    assert_int_equal(fcr_last_error_line(), 6);
    assert_int_equal(fcr_last_error_column(), 5);
    assert_non_null(strstr(fcr_last_error(), "invalid UTF-8"));

    assert_int_equal(fcr_contact_reader_next(reader, &contact), FCR_EPARSE);
    assert_int_equal(fcr_last_error_line(), 7);
    assert_int_equal(fcr_last_error_column(), 5);

    assert_int_equal(fcr_contact_reader_next(reader, &contact), FCR_ERECORD);
    assert_int_equal(fcr_last_error_line(), 8);
    assert_non_null(strstr(fcr_last_error(), "the time is missing"));

    assert_string_equal(next_ok(reader)->id, "c8");
    assert_end(reader);
    fcr_contact_reader_free(reader);
}

static void test_contact_reader__unclosed_quote_stops(void **state)
{
    (void)state;
    fcr_contact_reader *reader = open_text(
        "caller,time\n"
        "p1,2026-11-02T10:00:00Z\n"
        "\"p2,2026-11-02T10:00:00Z\n"
        "p3,2026-11-02T10:00:00Z\n");
    const fcr_contact *contact = NULL;
    next_ok(reader);
    assert_int_equal(fcr_contact_reader_next(reader, &contact), FCR_EPARSE);
    assert_int_equal(fcr_last_error_line(), 3);
    assert_non_null(strstr(fcr_last_error(), "never ends"));
    /* The reader cannot find the next row: it keeps failing. */
    assert_int_equal(fcr_contact_reader_next(reader, &contact), FCR_EPARSE);
    assert_null(contact);
    fcr_contact_reader_free(reader);
}

static void test_contact_reader__header_problems(void **state)
{
    (void)state;
    const fcr_contact *contact = NULL;
    fcr_contact_reader *reader = open_text("caller,time\np1,2026-11-02T10:00:00Z\n");
    assert_int_equal(fcr_contact_reader_map(reader, FCR_CONTACT_FIELD_AGENT, "assigned_to"), FCR_OK);
    assert_int_equal(fcr_contact_reader_next(reader, &contact), FCR_ENOTFOUND);
    assert_string_equal(fcr_last_error_field(), "agent");
    fcr_contact_reader_free(reader);

    reader = open_text("who,when\np1,2026-11-02T10:00:00Z\n");
    assert_int_equal(fcr_contact_reader_next(reader, &contact), FCR_ENOTFOUND);
    assert_string_equal(fcr_last_error_field(), "caller");
    fcr_contact_reader_free(reader);

    reader = open_text("");
    assert_int_equal(fcr_contact_reader_next(reader, &contact), FCR_EPARSE);
    fcr_contact_reader_free(reader);

    assert_int_equal(fcr_contact_reader_new_file(&reader, NULL, "/nonexistent/log.csv"), FCR_EIO);
}

static void test_contact_reader__file_with_long_rows(void **state)
{
    (void)state;
    /* Rows that cross the reader's 1 MiB chunks and one 3 MiB field. */
    char path[] = "/tmp/fcr-contact-reader-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    FILE *file = fdopen(fd, "w");
    fputs("id,caller,time,category\n", file);
    for (int i = 0; i < 40000; i++)
        fprintf(file, "c%d,p%d,2026-11-02T10:00:00Z,\"cat\"\"%d\"\"\"\n", i, i % 7, i % 3);
    fputs("big,p1,2026-11-02T10:00:00Z,\"", file);
    for (int i = 0; i < 3 << 20; i++)
        fputc(i % 1000 == 0 ? '\n' : 'x', file);
    fputs("\"\nlast,p1,2026-11-02T10:00:00Z,x\n", file);
    fclose(file);

    fcr_contact_reader *reader = NULL;
    assert_int_equal(fcr_contact_reader_new_file(&reader, NULL, path), FCR_OK);
    for (int i = 0; i < 40000; i++) {
        const fcr_contact *c = next_ok(reader);
        char expected[32];
        snprintf(expected, sizeof expected, "cat\"%d\"", i % 3);
        assert_string_equal(c->category, expected);
    }
    const fcr_contact *big = next_ok(reader);
    assert_int_equal(strlen(big->category), 3 << 20);
    assert_string_equal(next_ok(reader)->id, "last");
    /* The big field has a line feed every 1000 bytes, the first at byte 0. */
    assert_int_equal(fcr_contact_reader_line(reader), 40002 + ((3 << 20) + 999) / 1000 + 1);
    assert_end(reader);
    fcr_contact_reader_free(reader);
    remove(path);
}

static void test_contact_reader__field_names(void **state)
{
    (void)state;
    fcr_contact_field field;
    assert_int_equal(fcr_contact_field_from_name(&field, "target"), FCR_OK);
    assert_int_equal(field, FCR_CONTACT_FIELD_TARGET);
    assert_int_equal(fcr_contact_field_from_name(&field, "phone"), FCR_ENOTFOUND);
}

/* Rows of one contact logged at each state change are one contact. */
static void test_contact_reader__dedup_in_metrics(void **state)
{
    (void)state;
    fcr_contact_reader *reader = open_text(
        "id,caller,time,category,agent\n"
        "INC1,p1,2026-11-02T10:00:00Z,refill,new\n"
        "INC1,p1,2026-11-02T10:00:00Z,billing,assigned\n"
        "INC2,p1,2026-11-03T10:00:00Z,billing,x\n"
        "INC1,p1,2026-11-02T10:00:00Z,billing,closed\n"
        "INC3,p9,2026-11-30T10:00:00Z,other,x\n");
    fcr_metrics *metrics = NULL;
    assert_int_equal(fcr_metrics_new(&metrics, NULL), FCR_OK);
    const fcr_contact *contact = NULL;
    while (fcr_contact_reader_next(reader, &contact) == FCR_OK && contact != NULL)
        assert_int_equal(fcr_metrics_add_contact(metrics, contact), FCR_OK);
    assert_int_equal(fcr_metrics_finish(metrics), FCR_OK);

    assert_int_equal(fcr_metrics_excluded(metrics, FCR_EXCLUSION_DUPLICATE), 2);
    assert_int_equal(fcr_metrics_count(metrics, FCR_BREAKDOWN_TOTAL, 0, FCR_COUNT_REPEATED), 1);
    /* The last row's agent, "closed", has the repeated contact. */
    size_t agents = fcr_metrics_group_count(metrics, FCR_BREAKDOWN_AGENT);
    bool found = false;
    for (size_t i = 0; i < agents; i++) {
        if (strcmp(fcr_metrics_group_name(metrics, FCR_BREAKDOWN_AGENT, i), "closed") == 0) {
            found = true;
            assert_int_equal(fcr_metrics_count(metrics, FCR_BREAKDOWN_AGENT, i, FCR_COUNT_REPEATED), 1);
        }
    }
    assert_true(found);
    fcr_metrics_free(metrics);
    fcr_contact_reader_free(reader);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_contact_reader__default_columns),
        cmocka_unit_test(test_contact_reader__rfc4180_quirks),
        cmocka_unit_test(test_contact_reader__mapping_format_missing),
        cmocka_unit_test(test_contact_reader__time_formats),
        cmocka_unit_test(test_contact_reader__bad_rows_reported),
        cmocka_unit_test(test_contact_reader__unclosed_quote_stops),
        cmocka_unit_test(test_contact_reader__header_problems),
        cmocka_unit_test(test_contact_reader__file_with_long_rows),
        cmocka_unit_test(test_contact_reader__field_names),
        cmocka_unit_test(test_contact_reader__dedup_in_metrics),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
