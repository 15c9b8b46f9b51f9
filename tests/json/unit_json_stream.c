/* SPDX-License-Identifier: MIT */
/* Streams of values: JSON Lines, pretty documents, reads of any size,
 * truncation, limits, absolute positions and skipping bad records. */
#include <stdlib.h>
#include <string.h>

#include "json_test_helpers.h"

/* Reads all values of text with reads of `step` bytes (0 for a buffer
 * stream) and returns FCR_OK or the failure; tokens go to out. */
static fcr_status dump_text(const char *text, size_t step, const fcr__json_limits *limits,
                            fcr__strbuf *out)
{
    struct json_test_reader reader = {text, strlen(text), 0, step, 0};
    fcr__json_stream *stream;
    if (step == 0)
        assert_int_equal(fcr__json_stream_new_buffer(&stream, text, strlen(text), "in.jsonl",
                                                     limits),
                         FCR_OK);
    else
        assert_int_equal(fcr__json_stream_new(&stream, json_test_read, &reader, "in.jsonl",
                                              limits),
                         FCR_OK);

    fcr_status status = json_test_dump_stream(stream, out);
    fcr__json_stream_free(stream);
    return status;
}

/* The read sizes every stream test is run with. Reads of one byte split
 * every token at every place, and 0 stands for a buffer stream. */
static const size_t steps[] = {0, 1, 2, 3, 7, 64, 1 << 20};

static void check_all_steps(const char *text, const char *expected)
{
    for (size_t i = 0; i < FCR__ARRAY_SIZE(steps); i++) {
        fcr__strbuf got = FCR__STRBUF_INIT;
        fcr_status status = dump_text(text, steps[i], NULL, &got);
        if (status != FCR_OK)
            fail_msg("reads of %zu bytes: %s", steps[i], fcr_last_error());
        if (strcmp(got.data == NULL ? "" : got.data, expected) != 0)
            fail_msg("reads of %zu bytes:\n%s\nexpected:\n%s", steps[i], got.data, expected);
        fcr__strbuf_free(&got);
    }
}

static void check_error_all_steps(const char *text, fcr_status status, size_t line,
                                  size_t column, size_t offset, const char *phrase)
{
    for (size_t i = 0; i < FCR__ARRAY_SIZE(steps); i++) {
        fcr__strbuf got = FCR__STRBUF_INIT;
        fcr_clear_error();
        fcr_status result = dump_text(text, steps[i], NULL, &got);
        if (result != status)
            fail_msg("reads of %zu bytes: status %d, expected %d (%s)", steps[i], result,
                     status, fcr_last_error());
        if (fcr_last_error_line() != line || fcr_last_error_column() != column ||
            fcr_last_error_offset() != offset)
            fail_msg("reads of %zu bytes: error at %zu:%zu offset %zu, expected %zu:%zu offset "
                     "%zu (%s)",
                     steps[i], fcr_last_error_line(), fcr_last_error_column(),
                     fcr_last_error_offset(), line, column, offset, fcr_last_error());
        if (strstr(fcr_last_error(), phrase) == NULL)
            fail_msg("reads of %zu bytes: message lacks \"%s\": %s", steps[i], phrase,
                     fcr_last_error());
        fcr__strbuf_free(&got);
    }
}

/* Appends the tokens of the value at the start of data[0, length) to out,
 * parsing as a stream does, and returns the token the parser stopped at. */
static fcr__json_token dump_window(fcr__json_parser *parser, const char *data, size_t length,
                                   bool final, fcr__strbuf *out)
{
    fcr__json_parser_reset_value(parser, data, length, final, 0, 1, 0, NULL);
    for (;;) {
        fcr__json_token token = fcr__json_next(parser);
        if (token == FCR__JSON_END || token == FCR__JSON_ERROR || token == FCR__JSON_NEED_MORE)
            return token;
        json_test_describe(parser, token, out);
    }
}

/* Cuts each value at every position. A window that ends inside the value
 * must give a prefix of its tokens and then FCR__JSON_NEED_MORE, never an
 * error. The same cut as the final input must fail as truncated. */
static void stream__need_more_at_every_position(void **state)
{
    (void)state;
    static const char *const values[] = {
        "{\"a\": [1, -2.5e+3, 0.125, true, false, null, \"x\\u00e9\\ud834\\udd1e\\n\\\"y\"],\n"
        "  \"bb\": {\"c\": {}, \"d\": []},\r\n\t\"long key over sixteen bytes\": "
        "\"0123456789abcdef\\/0123 caf\xc3\xa9\"}",
        "[[[[\"nested\"]]], {\"k\": \"\\u0000\"}]",
        "\"a top-level string that is longer than sixteen bytes\"",
        "-12345.678e-9",
        "true",
    };
    fcr__json_parser *parser;
    assert_int_equal(fcr__json_parser_new(&parser, NULL), FCR_OK);

    for (size_t v = 0; v < FCR__ARRAY_SIZE(values); v++) {
        const char *value = values[v];
        size_t length = strlen(value);
        fcr__strbuf full = FCR__STRBUF_INIT;
        assert_int_equal(dump_window(parser, value, length, true, &full), FCR__JSON_END);

        for (size_t cut = 0; cut < length; cut++) {
            fcr__strbuf part = FCR__STRBUF_INIT;
            fcr__json_token last = dump_window(parser, value, cut, false, &part);
            if (last != FCR__JSON_NEED_MORE)
                fail_msg("value %zu cut at %zu: token %d, expected NEED_MORE (%s)", v, cut, last,
                         fcr_last_error());
            const char *tokens = part.data == NULL ? "" : part.data;
            if (strncmp(full.data, tokens, strlen(tokens)) != 0)
                fail_msg("value %zu cut at %zu: %s is not a prefix of %s", v, cut, tokens,
                         full.data);
            fcr__strbuf_free(&part);

            /* A top-level number cut after a digit is a shorter number. */
            fcr_clear_error();
            last = dump_window(parser, value, cut, true, &part);
            bool shorter_number = value[0] == '-' && cut > 0 && value[cut - 1] >= '0' &&
                                  value[cut - 1] <= '9';
            if (shorter_number) {
                assert_int_equal(last, FCR__JSON_END);
                fcr__strbuf_free(&part);
                continue;
            }
            const char *phrase = cut == 0 ? "empty" : "end of input";
            if (last != FCR__JSON_ERROR || strstr(fcr_last_error(), phrase) == NULL)
                fail_msg("value %zu cut at %zu as final input: token %d (%s)", v, cut, last,
                         fcr_last_error());
            fcr__strbuf_free(&part);
        }
        fcr__strbuf_free(&full);
    }
    fcr__json_parser_free(parser);
}

static void stream__json_lines_crlf_blank_lines(void **state)
{
    (void)state;
    check_all_steps("{\"a\": 1}\r\n\r\n[true, \"x\"]\r\n\n  \t\n-12.5e1\r\n\"s\"\r\nnull",
                    "{ K:61 N:1 } \n[ t S:78 ] \nN:-12.5e1 \nS:73 \nn \n");
    check_all_steps("", "");
    check_all_steps(" \r\n\n\t ", "");
    check_all_steps("7", "N:7 \n");
    check_all_steps("12345\n678\n", "N:12345 \nN:678 \n");
}

/* A UTF-8 byte-order mark is skipped as the first bytes of the input, with
 * reads of every size, and rejected before any later value. */
static void stream__byte_order_mark(void **state)
{
    (void)state;
    check_all_steps("\xEF\xBB\xBF{\"a\": 1}\n[2]\n", "{ K:61 N:1 } \n[ N:2 ] \n");
    check_all_steps("\xEF\xBB\xBF", "");
    check_error_all_steps("\xEF\xBB\xBF[1]\n[2]\n\xEF\xBB\xBF[3]\n", FCR_EPARSE, 3, 1, 11,
                          "only allowed as the first bytes");
    check_error_all_steps("\xEF\xBB\xBF{\"a\" 1}", FCR_EPARSE, 1, 9, 8, "expected ':'");
}

static void stream__pretty_documents(void **state)
{
    (void)state;
    const char *text = "{\n"
                       "  \"call\": {\n"
                       "    \"id\": \"c-1\",\n"
                       "    \"events\": [\n"
                       "      {\"seq\": 1},\n"
                       "      {\"seq\": 2}\n"
                       "    ]\n"
                       "  }\n"
                       "}\n"
                       "[\n"
                       "  1,\n"
                       "  2\n"
                       "]\n";
    check_all_steps(text, "{ K:63616c6c { K:6964 S:632d31 K:6576656e7473 [ { K:736571 N:1 } "
                          "{ K:736571 N:2 } ] } } \n[ N:1 N:2 ] \n");
}

/* A value far longer than any single read, with long strings, escapes and
 * a number at the very end of the input. */
static void stream__value_longer_than_reads(void **state)
{
    (void)state;
    fcr__strbuf text = FCR__STRBUF_INIT;
    fcr__strbuf expected = FCR__STRBUF_INIT;

    fcr__strbuf_puts(&text, "{\"events\": [");
    fcr__strbuf_puts(&expected, "{ K:6576656e7473 [ ");
    for (int i = 0; i < 50; i++) {
        fcr__strbuf_printf(&text, "%s{\"n\": %d, \"note\": \"%s\\u00e9\\n\"}", i ? ", " : "", i,
                           "a note that is longer than sixteen bytes");
        fcr__strbuf_printf(&expected, "{ K:6e N:%d K:6e6f7465 S:", i);
        const char *note = "a note that is longer than sixteen bytes\xc3\xa9\n";
        for (const char *c = note; *c != '\0'; c++)
            fcr__strbuf_printf(&expected, "%02x", (unsigned char)*c);
        fcr__strbuf_puts(&expected, " } ");
    }
    fcr__strbuf_puts(&text, "]}\n31415");
    fcr__strbuf_puts(&expected, "] } \nN:31415 \n");

    check_all_steps(text.data, expected.data);
    fcr__strbuf_free(&text);
    fcr__strbuf_free(&expected);
}

/* A value much longer than each read is started over a logarithmic number
 * of times, not once per read, so the work stays linear in its size. */
static void stream__large_value_restarts_few_times(void **state)
{
    (void)state;
    fcr__strbuf text = FCR__STRBUF_INIT;
    fcr__strbuf_puts(&text, "[\n");
    for (int i = 0; i < 3000; i++)
        fcr__strbuf_printf(&text, "%s  {\"n\": %d, \"s\": \"[{\\\"not a bracket\\\"}]\"}", i ? ",\n" : "", i);
    fcr__strbuf_puts(&text, "\n]\n[1]\n");
    assert_true(text.length > 100000);

    struct json_test_reader reader = {text.data, text.length, 0, 100, 0};
    fcr__json_stream *stream;
    assert_int_equal(fcr__json_stream_new(&stream, json_test_read, &reader, NULL, NULL), FCR_OK);
    fcr__json_parser *parser = fcr__json_stream_parser(stream);
    bool more;
    int restarts = 0, numbers = 0;

    assert_int_equal(fcr__json_stream_begin(stream, &more, NULL), FCR_OK);
    fcr__json_token token;
    while ((token = fcr__json_next(parser)) != FCR__JSON_END) {
        assert_int_not_equal(token, FCR__JSON_ERROR);
        if (token == FCR__JSON_NEED_MORE) {
            assert_int_equal(fcr__json_stream_refill(stream), FCR_OK);
            restarts++;
            numbers = 0;
        }
        if (token == FCR__JSON_NUMBER)
            numbers++;
    }
    fcr__json_stream_end(stream);
    assert_int_equal(numbers, 3000);
    assert_true(reader.calls > 1000);
    /* The window at least doubles between restarts: from 100 bytes to
     * 135 KB takes 11. One restart per read would be over 1000. */
    if (restarts > 12)
        fail_msg("%d restarts for one value", restarts);

    assert_int_equal(fcr__json_stream_begin(stream, &more, NULL), FCR_OK);
    assert_true(more);
    fcr__json_stream_free(stream);
    fcr__strbuf_free(&text);
}

static void stream__line_of_each_value(void **state)
{
    (void)state;
    const char *text = "\n{\"a\": 1}\r\n\n{\n  \"b\": 2\n}\n[3]\n";
    const size_t lines[] = {2, 4, 7};

    for (size_t s = 0; s < FCR__ARRAY_SIZE(steps); s++) {
        struct json_test_reader reader = {text, strlen(text), 0, s == 0 ? 1 : steps[s], 0};
        fcr__json_stream *stream;
        assert_int_equal(fcr__json_stream_new(&stream, json_test_read, &reader, NULL, NULL),
                         FCR_OK);
        fcr__json_parser *parser = fcr__json_stream_parser(stream);

        for (size_t v = 0; v < FCR__ARRAY_SIZE(lines); v++) {
            bool more = false;
            size_t line = 0;
            assert_int_equal(fcr__json_stream_begin(stream, &more, &line), FCR_OK);
            assert_true(more);
            assert_int_equal(line, lines[v]);

            fcr__json_token token;
            while ((token = fcr__json_next(parser)) != FCR__JSON_END) {
                if (token == FCR__JSON_NEED_MORE)
                    assert_int_equal(fcr__json_stream_refill(stream), FCR_OK);
                else
                    assert_int_not_equal(token, FCR__JSON_ERROR);
                if (token == FCR__JSON_NUMBER) {
                    size_t token_line, column, offset;
                    fcr__json_position(parser, &token_line, &column, &offset);
                    assert_int_equal(token_line, v == 1 ? 5 : lines[v]);
                }
            }
            fcr__json_stream_end(stream);
        }

        bool more = true;
        assert_int_equal(fcr__json_stream_begin(stream, &more, NULL), FCR_OK);
        assert_false(more);
        assert_int_equal(fcr__json_stream_begin(stream, &more, NULL), FCR_OK);
        assert_false(more);
        fcr__json_stream_free(stream);
    }
}

static void stream__errors_at_absolute_positions(void **state)
{
    (void)state;
    check_error_all_steps("{\"a\": 1}\n{\"b\": 2}\n{\"c\": 3,}\n", FCR_EPARSE, 3, 9, 26,
                          "in.jsonl:3:9: expected a key");
    check_error_all_steps("[1]\n[2]\n{\"x\": 1, \"x\": 2}", FCR_EPARSE, 3, 10, 17,
                          "first appears at line 3, column 2");
    check_error_all_steps("{}\n\n  [\"ok\",\n   \"bad \x01\"]", FCR_EPARSE, 4, 9, 21, "U+0001");
    check_error_all_steps("{\"a\": 1}{\"b\": 2}\n", FCR_EPARSE, 1, 9, 8,
                          "expected whitespace or a newline between two JSON values");
}

static void stream__truncated_input(void **state)
{
    (void)state;
    check_error_all_steps("{\"a\": 1}\n{\"b\": [1, 2", FCR_EPARSE, 2, 12, 20,
                          "unexpected end of input");
    check_error_all_steps("[1]\n\"abc", FCR_EPARSE, 2, 5, 8, "inside a string");
    check_error_all_steps("[1]\n12.", FCR_EPARSE, 2, 4, 7, "inside a number");
    check_error_all_steps("[1]\ntru", FCR_EPARSE, 2, 4, 7, "inside a literal");
    check_error_all_steps("[\"\\u00", FCR_EPARSE, 1, 7, 6, "unexpected end of input");
}

/* refill() itself reports the truncation when the input ends. */
static void stream__refill_reports_truncation(void **state)
{
    (void)state;
    const char *text = "{\"a\": [1, 2";
    struct json_test_reader reader = {text, strlen(text), 0, 4, 0};
    fcr__json_stream *stream;
    assert_int_equal(fcr__json_stream_new(&stream, json_test_read, &reader, NULL, NULL), FCR_OK);
    fcr__json_parser *parser = fcr__json_stream_parser(stream);

    bool more;
    assert_int_equal(fcr__json_stream_begin(stream, &more, NULL), FCR_OK);
    fcr_status status = FCR_OK;
    while (status == FCR_OK) {
        fcr__json_token token = fcr__json_next(parser);
        assert_int_not_equal(token, FCR__JSON_ERROR);
        assert_int_not_equal(token, FCR__JSON_END);
        if (token == FCR__JSON_NEED_MORE)
            status = fcr__json_stream_refill(stream);
    }
    assert_int_equal(status, FCR_EPARSE);
    assert_non_null(strstr(fcr_last_error(), "unexpected end of input"));

    /* The stream stays stopped. */
    assert_int_equal(fcr__json_stream_begin(stream, &more, NULL), FCR_EPARSE);
    assert_false(more);
    assert_int_equal(fcr__json_stream_refill(stream), FCR_EPARSE);
    fcr__json_stream_free(stream);
}

static void stream__value_over_limit(void **state)
{
    (void)state;
    fcr__json_limits limits;
    fcr__json_limits_init(&limits);
    assert_int_equal(limits.max_value_bytes, (size_t)64 << 20);
    limits.max_value_bytes = 100;

    fcr__strbuf text = FCR__STRBUF_INIT;
    fcr__strbuf_puts(&text, "[\"small\"]\n[");
    for (int i = 0; i < 30; i++)
        fcr__strbuf_printf(&text, "%s%d", i ? ", " : "", 1000 + i);
    fcr__strbuf_puts(&text, "]\n[1]\n");

    for (size_t s = 0; s < FCR__ARRAY_SIZE(steps); s++) {
        fcr__strbuf got = FCR__STRBUF_INIT;
        fcr_clear_error();
        assert_int_equal(dump_text(text.data, steps[s], &limits, &got), FCR_ELIMIT);
        assert_non_null(strstr(fcr_last_error(), "max_value_bytes"));
        assert_int_equal(fcr_last_error_line(), 2);
        assert_int_equal(fcr_last_error_column(), 1);
        assert_int_equal(fcr_last_error_offset(), 10);
        fcr__strbuf_free(&got);
    }

    /* At the limit exactly, the value passes. */
    limits.max_value_bytes = 180;
    fcr__strbuf got = FCR__STRBUF_INIT;
    assert_int_equal(dump_text(text.data, 1, &limits, &got), FCR_OK);
    fcr__strbuf_free(&got);
    fcr__strbuf_free(&text);
}

/* The reader keeps going after a value with a record error. */
static void stream__skip_value_after_record_error(void **state)
{
    (void)state;
    const char *text = "{\"id\": 1, \"at\": \"x\"}\n"
                       "{\"id\": \"bad\", \"at\": {\"deep\": [1, 2, {\"k\": \"v\"}]}}\n"
                       "{\"id\": 3}\n";

    for (size_t s = 0; s < FCR__ARRAY_SIZE(steps); s++) {
        struct json_test_reader reader = {text, strlen(text), 0, s == 0 ? 1 : steps[s], 0};
        fcr__json_stream *stream;
        assert_int_equal(fcr__json_stream_new(&stream, json_test_read, &reader, NULL, NULL),
                         FCR_OK);
        fcr__json_parser *parser = fcr__json_stream_parser(stream);
        int64_t ids[3] = {0, 0, 0};
        int records = 0, errors = 0;

        for (;;) {
            bool more;
            assert_int_equal(fcr__json_stream_begin(stream, &more, NULL), FCR_OK);
            if (!more)
                break;

            bool failed = false;
            fcr__json_token token;
            while ((token = fcr__json_next(parser)) != FCR__JSON_END) {
                if (token == FCR__JSON_NEED_MORE) {
                    assert_int_equal(fcr__json_stream_refill(stream), FCR_OK);
                    continue;
                }
                assert_int_not_equal(token, FCR__JSON_ERROR);
                if (token == FCR__JSON_STRING && fcr__json_depth(parser) == 1) {
                    size_t length;
                    const char *value = fcr__json_string(parser, &length);
                    if (strcmp(value, "bad") == 0) {
                        fcr__json_fail(parser, FCR_ERECORD, "id", "id must be a number");
                        failed = true;
                        break;
                    }
                }
                if (token == FCR__JSON_NUMBER && fcr__json_depth(parser) == 1)
                    assert_true(fcr__json_number_int64(parser, &ids[records]));
            }

            if (failed) {
                errors++;
                assert_int_equal(fcr__json_stream_skip_value(stream), FCR_OK);
                assert_int_equal(fcr_last_error_status(), FCR_ERECORD);
            } else {
                fcr__json_stream_end(stream);
            }
            records++;
        }

        assert_int_equal(records, 3);
        assert_int_equal(errors, 1);
        assert_true(ids[0] == 1 && ids[2] == 3);
        fcr__json_stream_free(stream);
    }
}

static void stream__skip_value_malformed_stops(void **state)
{
    (void)state;
    const char *text = "[1]\n{\"a\": [1, 2, }\n[3]\n";
    struct json_test_reader reader = {text, strlen(text), 0, 3, 0};
    fcr__json_stream *stream;
    assert_int_equal(fcr__json_stream_new(&stream, json_test_read, &reader, NULL, NULL), FCR_OK);
    fcr__json_parser *parser = fcr__json_stream_parser(stream);
    bool more;

    assert_int_equal(fcr__json_stream_begin(stream, &more, NULL), FCR_OK);
    assert_int_equal(fcr__json_stream_skip_value(stream), FCR_OK);

    assert_int_equal(fcr__json_stream_begin(stream, &more, NULL), FCR_OK);
    assert_true(more);
    fcr__json_token token;
    do {
        token = fcr__json_next(parser);
    } while (token != FCR__JSON_NEED_MORE && token != FCR__JSON_OBJECT_BEGIN);
    assert_int_equal(fcr__json_stream_skip_value(stream), FCR_EPARSE);
    assert_int_equal(fcr_last_error_line(), 2);
    assert_int_equal(fcr_last_error_column(), 14);

    assert_int_equal(fcr__json_stream_begin(stream, &more, NULL), FCR_EPARSE);
    assert_non_null(strstr(fcr_last_error(), "stopped"));
    fcr__json_stream_free(stream);
}

static void stream__begin_requires_end(void **state)
{
    (void)state;
    const char *text = "[1, 2]\n[3]";
    fcr__json_stream *stream;
    assert_int_equal(fcr__json_stream_new_buffer(&stream, text, strlen(text), NULL, NULL),
                     FCR_OK);
    fcr__json_parser *parser = fcr__json_stream_parser(stream);
    bool more;

    /* Halfway through a value, begin() refuses. */
    assert_int_equal(fcr__json_stream_begin(stream, &more, NULL), FCR_OK);
    assert_int_equal(fcr__json_next(parser), FCR__JSON_ARRAY_BEGIN);
    assert_int_equal(fcr__json_stream_begin(stream, &more, NULL), FCR_ESTATE);

    /* At FCR__JSON_END it ends the value itself. */
    while (fcr__json_next(parser) != FCR__JSON_END)
        ;
    assert_int_equal(fcr__json_stream_begin(stream, &more, NULL), FCR_OK);
    assert_true(more);
    assert_int_equal(fcr__json_next(parser), FCR__JSON_ARRAY_BEGIN);
    assert_int_equal(fcr__json_next(parser), FCR__JSON_NUMBER);

    /* skip_value() after end() has nothing to do. */
    assert_int_equal(fcr__json_next(parser), FCR__JSON_ARRAY_END);
    assert_int_equal(fcr__json_next(parser), FCR__JSON_END);
    fcr__json_stream_end(stream);
    assert_int_equal(fcr__json_stream_skip_value(stream), FCR_OK);
    assert_int_equal(fcr__json_stream_begin(stream, &more, NULL), FCR_OK);
    assert_false(more);
    fcr__json_stream_free(stream);
    fcr__json_stream_free(NULL);
}

static ptrdiff_t failing_read(void *userdata, char *buffer, size_t size)
{
    int *calls = userdata;
    if ((*calls)++ == 0) {
        const char *text = "[1]\n[2";
        size_t length = strlen(text) < size ? strlen(text) : size;
        memcpy(buffer, text, length);
        return (ptrdiff_t)length;
    }
    fcr__error(FCR_EIO, "reading test input failed: disk on fire");
    return -1;
}

static ptrdiff_t silent_failing_read(void *userdata, char *buffer, size_t size)
{
    (void)userdata;
    (void)buffer;
    (void)size;
    return -1;
}

static void stream__read_errors(void **state)
{
    (void)state;
    int calls = 0;
    fcr__json_stream *stream;
    fcr__strbuf got = FCR__STRBUF_INIT;

    assert_int_equal(fcr__json_stream_new(&stream, failing_read, &calls, NULL, NULL), FCR_OK);
    assert_int_equal(json_test_dump_stream(stream, &got), FCR_EIO);
    assert_non_null(strstr(fcr_last_error(), "disk on fire"));
    assert_string_equal(got.data, "[ N:1 ] \n");
    fcr__json_stream_free(stream);

    fcr_clear_error();
    assert_int_equal(fcr__json_stream_new(&stream, silent_failing_read, NULL, "calls.jsonl", NULL),
                     FCR_OK);
    bool more;
    assert_int_equal(fcr__json_stream_begin(stream, &more, NULL), FCR_EIO);
    assert_non_null(strstr(fcr_last_error(), "calls.jsonl"));
    fcr__json_stream_free(stream);
    fcr__strbuf_free(&got);

    assert_int_equal(fcr__json_stream_new(&stream, NULL, NULL, NULL, NULL), FCR_EINVAL);
    assert_null(stream);
    assert_int_equal(fcr__json_stream_new_buffer(&stream, NULL, 5, NULL, NULL), FCR_EINVAL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(stream__need_more_at_every_position),
        cmocka_unit_test(stream__json_lines_crlf_blank_lines),
        cmocka_unit_test(stream__byte_order_mark),
        cmocka_unit_test(stream__pretty_documents),
        cmocka_unit_test(stream__value_longer_than_reads),
        cmocka_unit_test(stream__large_value_restarts_few_times),
        cmocka_unit_test(stream__line_of_each_value),
        cmocka_unit_test(stream__errors_at_absolute_positions),
        cmocka_unit_test(stream__truncated_input),
        cmocka_unit_test(stream__refill_reports_truncation),
        cmocka_unit_test(stream__value_over_limit),
        cmocka_unit_test(stream__skip_value_after_record_error),
        cmocka_unit_test(stream__skip_value_malformed_stops),
        cmocka_unit_test(stream__begin_requires_end),
        cmocka_unit_test(stream__read_errors),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
