/* SPDX-License-Identifier: MIT */
/* The pull parser: tokens, depth, positions, error messages, limits, skip. */
#include <stdlib.h>
#include <string.h>

#include "json_test_helpers.h"

static fcr__json_parser *new_parser(const fcr__json_limits *limits)
{
    fcr__json_parser *parser;
    assert_int_equal(fcr__json_parser_new(&parser, limits), FCR_OK);
    return parser;
}

/* Parses text and returns FCR_OK or the recorded failure. */
static fcr_status parse_text(const char *text, const fcr__json_limits *limits)
{
    fcr__json_parser *parser = new_parser(limits);
    fcr__strbuf tokens = FCR__STRBUF_INIT;
    fcr__json_token last = json_test_dump(parser, text, strlen(text), &tokens);
    fcr__strbuf_free(&tokens);
    fcr__json_parser_free(parser);
    return last == FCR__JSON_END ? FCR_OK : fcr_last_error_status();
}

/* Parses text that must fail and checks where. */
static void expect_error(const char *text, fcr_status status, size_t line, size_t column,
                         const char *phrase)
{
    fcr_clear_error();
    fcr_status got = parse_text(text, NULL);
    if (got != status)
        fail_msg("%s: status %d, expected %d (%s)", text, got, status, fcr_last_error());
    if (fcr_last_error_line() != line || fcr_last_error_column() != column)
        fail_msg("%s: error at %zu:%zu, expected %zu:%zu (%s)", text, fcr_last_error_line(),
                 fcr_last_error_column(), line, column, fcr_last_error());
    if (strstr(fcr_last_error(), phrase) == NULL)
        fail_msg("%s: message lacks \"%s\": %s", text, phrase, fcr_last_error());
}

static void parser__tokens_of_nested_document(void **state)
{
    (void)state;
    const char *text = "{\"a\": [1, -2.5e3, true, false, null], \"b\": {\"c\": \"d\"}, \"e\": []}";
    fcr__json_parser *parser = new_parser(NULL);
    fcr__strbuf tokens = FCR__STRBUF_INIT;

    assert_int_equal(json_test_dump(parser, text, strlen(text), &tokens), FCR__JSON_END);
    assert_string_equal(tokens.data,
                        "{ K:61 [ N:1 N:-2.5e3 t f n ] K:62 { K:63 S:64 } K:65 [ ] } ");
    assert_int_equal(fcr__json_next(parser), FCR__JSON_END);

    fcr__strbuf_free(&tokens);
    fcr__json_parser_free(parser);
}

static void parser__depth_of_each_token(void **state)
{
    (void)state;
    const char *text = "[{\"k\": [7]}, 8]";
    static const struct {
        fcr__json_token token;
        size_t depth;
    } expected[] = {
        {FCR__JSON_ARRAY_BEGIN, 0}, {FCR__JSON_OBJECT_BEGIN, 1}, {FCR__JSON_KEY, 2},
        {FCR__JSON_ARRAY_BEGIN, 2}, {FCR__JSON_NUMBER, 3},       {FCR__JSON_ARRAY_END, 2},
        {FCR__JSON_OBJECT_END, 1},  {FCR__JSON_NUMBER, 1},       {FCR__JSON_ARRAY_END, 0},
        {FCR__JSON_END, 0},
    };
    fcr__json_parser *parser = new_parser(NULL);
    fcr__json_parser_reset(parser, text, strlen(text), NULL);

    for (size_t i = 0; i < FCR__ARRAY_SIZE(expected); i++) {
        assert_int_equal(fcr__json_next(parser), expected[i].token);
        assert_int_equal(fcr__json_depth(parser), expected[i].depth);
    }
    fcr__json_parser_free(parser);
}

static void parser__positions_across_lines(void **state)
{
    (void)state;
    const char *text = "{\n  \"id\": 17,\r\n  \"tags\": [\n    \"x\"\n  ]\n}\n";
    static const struct {
        fcr__json_token token;
        size_t line, column, offset;
    } expected[] = {
        {FCR__JSON_OBJECT_BEGIN, 1, 1, 0}, {FCR__JSON_KEY, 2, 3, 4},
        {FCR__JSON_NUMBER, 2, 9, 10},      {FCR__JSON_KEY, 3, 3, 17},
        {FCR__JSON_ARRAY_BEGIN, 3, 11, 25}, {FCR__JSON_STRING, 4, 5, 31},
        {FCR__JSON_ARRAY_END, 5, 3, 37},   {FCR__JSON_OBJECT_END, 6, 1, 39},
    };
    fcr__json_parser *parser = new_parser(NULL);
    fcr__json_parser_reset(parser, text, strlen(text), NULL);

    for (size_t i = 0; i < FCR__ARRAY_SIZE(expected); i++) {
        assert_int_equal(fcr__json_next(parser), expected[i].token);
        size_t line, column, offset;
        fcr__json_position(parser, &line, &column, &offset);
        assert_int_equal(line, expected[i].line);
        assert_int_equal(column, expected[i].column);
        assert_int_equal(offset, expected[i].offset);
    }
    assert_int_equal(fcr__json_next(parser), FCR__JSON_END);
    fcr__json_parser_free(parser);
}

static void parser__error_positions_multiline(void **state)
{
    (void)state;
    expect_error("{\n  \"a\": 1,\n  \"b\" 2\n}", FCR_EPARSE, 3, 7, "expected ':'");
    expect_error("[\n  1,\n  2,\n]", FCR_EPARSE, 4, 1, "remove the trailing comma");
    expect_error("{\"a\": 1,\n \"b\": 2,\n}", FCR_EPARSE, 3, 1, "remove the trailing comma");
    expect_error("[1,\n\n  \"tab\there\"]", FCR_EPARSE, 3, 7, "U+0009");
    expect_error("{\"a\": 1,\n \"b\": 2,\n \"a\": 3}", FCR_EPARSE, 3, 2,
                 "first appears at line 1, column 2");
    expect_error("[1, 2\n", FCR_EPARSE, 2, 1, "unexpected end of input");
    expect_error("[\"abc", FCR_EPARSE, 1, 6, "unexpected end of input inside a string");
    expect_error("  \n", FCR_EPARSE, 2, 1, "empty");
    expect_error("{} {}", FCR_EPARSE, 1, 4, "unexpected text after the JSON value");
    expect_error("[01]", FCR_EPARSE, 1, 2, "leading zeros");
    expect_error("[1.]", FCR_EPARSE, 1, 4, "after the decimal point");
    expect_error("[1e+]", FCR_EPARSE, 1, 5, "in the exponent");
    expect_error("[-x]", FCR_EPARSE, 1, 3, "after '-'");
    expect_error("[tru]", FCR_EPARSE, 1, 2, "invalid literal");
    expect_error("[truex]", FCR_EPARSE, 1, 2, "invalid literal");
    expect_error("[\"\\x\"]", FCR_EPARSE, 1, 3, "invalid escape");
    expect_error("[\"\\u12G4\"]", FCR_EPARSE, 1, 3, "four hexadecimal digits");
    expect_error("[\"\\uDC00\"]", FCR_EPARSE, 1, 3, "lone UTF-16 low surrogate");
    expect_error("[\"\\uD800x\"]", FCR_EPARSE, 1, 3, "lone UTF-16 high surrogate");
    expect_error("[\"\\uDD1E\\uD834\"]", FCR_EPARSE, 1, 3, "lone UTF-16 low surrogate");
    expect_error("[\"ok\xC3\x28\"]", FCR_EPARSE, 1, 5, "invalid UTF-8");
    expect_error("\n\xEF\xBB\xBF{}", FCR_EPARSE, 2, 1, "only allowed as the first bytes");
    expect_error("\xEF\xBB\xBF{\"a\" 1}", FCR_EPARSE, 1, 9, "expected ':'");
    expect_error("{'a': 1}", FCR_EPARSE, 1, 2, "single quote");
    expect_error("[1 // note\n]", FCR_EPARSE, 1, 4, "no comments");
}

/* A string that is long enough for the 16-byte fast path, with the invalid
 * byte in different places, and with escapes before it. */
static void parser__long_strings_checked(void **state)
{
    (void)state;
    char text[200];
    for (size_t at = 0; at < 40; at++) {
        memset(text, 0, sizeof text);
        text[0] = '[';
        text[1] = '"';
        memset(text + 2, 'a', 60);
        text[2 + at] = '\x01';
        memcpy(text + 62, "\"]", 3);
        expect_error(text, FCR_EPARSE, 1, 3 + at, "U+0001");

        text[2 + at] = (char)0xFF;
        expect_error(text, FCR_EPARSE, 1, 3 + at, "invalid UTF-8");

        text[2 + at] = '"';
        expect_error(text, FCR_EPARSE, 1, 4 + at, "after an array element");
    }

    assert_int_equal(parse_text("[\"\\n\\t\\\"\\\\\\/\\b\\f\\r\\u00e9\\uD834\\uDD1E and more text "
                                "after the escapes to pass sixteen bytes\"]",
                                NULL),
                     FCR_OK);
}

static void parser__decoded_strings(void **state)
{
    (void)state;
    const char *text = "[\"caf\\u00e9 \\ud834\\udd1e\", \"tab\\tquote\\\" nul\\u0000end\", "
                       "\"plain UTF-8: \xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80\", \"\"]";
    fcr__json_parser *parser = new_parser(NULL);
    fcr__json_parser_reset(parser, text, strlen(text), NULL);
    size_t length;
    const char *value;

    assert_int_equal(fcr__json_next(parser), FCR__JSON_ARRAY_BEGIN);
    assert_int_equal(fcr__json_next(parser), FCR__JSON_STRING);
    value = fcr__json_string(parser, &length);
    assert_int_equal(length, 10);
    assert_memory_equal(value, "caf\xc3\xa9 \xf0\x9d\x84\x9e", 11);

    assert_int_equal(fcr__json_next(parser), FCR__JSON_STRING);
    value = fcr__json_string(parser, &length);
    assert_int_equal(length, 18);
    assert_memory_equal(value, "tab\tquote\" nul\0end", 19);

    assert_int_equal(fcr__json_next(parser), FCR__JSON_STRING);
    value = fcr__json_string(parser, &length);
    assert_string_equal(value, "plain UTF-8: \xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80");

    assert_int_equal(fcr__json_next(parser), FCR__JSON_STRING);
    value = fcr__json_string(parser, &length);
    assert_int_equal(length, 0);
    assert_string_equal(value, "");

    assert_int_equal(fcr__json_next(parser), FCR__JSON_ARRAY_END);
    assert_null(fcr__json_string(parser, &length));
    assert_int_equal(length, 0);
    fcr__json_parser_free(parser);
}

static void parser__messages_omit_string_content(void **state)
{
    (void)state;
    static const char *const documents[] = {
        "{\"name\": \"Jane Doe\" \"age\": 4}",
        "{\"name\": \"Jane Doe\", \"name\": \"Jane Doe\"}",
        "{\"Jane Doe\": 1, \"Jane Doe\": 2}",
        "{\"name\": \"Jane Doe\x01\"}",
        "{\"name\": \"Jane Doe\\q\"}",
        "{\"name\": \"Jane Doe\xff\"}",
        "{\"name\": \"Jane Doe\"",
        "{\"name\": \"Jane Doe",
        "{\"name\": Jane Doe}",
        "[\"Jane Doe\"] \"Jane Doe\"",
        "{\"name\": \"Jane Doe\" : 1}",
    };

    for (size_t i = 0; i < FCR__ARRAY_SIZE(documents); i++) {
        fcr_clear_error();
        assert_int_not_equal(parse_text(documents[i], NULL), FCR_OK);
        const char *message = fcr_last_error();
        assert_true(strlen(message) > 0);
        if (strstr(message, "Jane") != NULL || strstr(message, "Doe") != NULL)
            fail_msg("message quotes string content: %s", message);
        if (strstr(fcr_last_error_field(), "Jane") != NULL)
            fail_msg("field quotes string content: %s", fcr_last_error_field());
    }
}

static void parser__message_names_source(void **state)
{
    (void)state;
    fcr__json_parser *parser = new_parser(NULL);
    fcr__json_parser_reset(parser, "[1,,2]", 6, "calls.json");
    assert_int_equal(fcr__json_next(parser), FCR__JSON_ARRAY_BEGIN);
    assert_int_equal(fcr__json_next(parser), FCR__JSON_NUMBER);
    assert_int_equal(fcr__json_next(parser), FCR__JSON_ERROR);
    assert_non_null(strstr(fcr_last_error(), "calls.json:1:4: expected a value after ','"));
    assert_int_equal(fcr_last_error_offset(), 3);

    /* The parser stays stuck at the error. */
    assert_int_equal(fcr__json_next(parser), FCR__JSON_ERROR);
    fcr__json_parser_free(parser);
}

static void parser__depth_limit(void **state)
{
    (void)state;
    fcr__json_limits limits;
    fcr__json_limits_init(&limits);
    assert_int_equal(limits.max_depth, 64);
    limits.max_depth = 3;

    assert_int_equal(parse_text("[[[1]]]", &limits), FCR_OK);
    assert_int_equal(parse_text("[[{\"a\": 1}]]", &limits), FCR_OK);
    assert_int_equal(parse_text("[[[[1]]]]", &limits), FCR_ELIMIT);
    assert_non_null(strstr(fcr_last_error(), "FCR_LIMIT_DEPTH"));
    assert_int_equal(fcr_last_error_column(), 4);

    /* 100,000 open brackets must fail cleanly, without recursion. */
    size_t count = 100000;
    char *deep = malloc(count + 1);
    assert_non_null(deep);
    memset(deep, '[', count);
    deep[count] = '\0';
    assert_int_equal(parse_text(deep, NULL), FCR_ELIMIT);
    limits.max_depth = count;
    assert_int_equal(parse_text(deep, &limits), FCR_EPARSE);
    free(deep);
}

static void parser__string_limit(void **state)
{
    (void)state;
    fcr__json_limits limits;
    fcr__json_limits_init(&limits);
    limits.max_string_bytes = 20;

    assert_int_equal(parse_text("[\"12345678901234567890\"]", &limits), FCR_OK);
    assert_int_equal(parse_text("[\"123456789012345678901\"]", &limits), FCR_ELIMIT);
    assert_non_null(strstr(fcr_last_error(), "max_string_bytes"));
    assert_int_equal(fcr_last_error_column(), 2);

    /* Escapes count as the bytes they decode to. */
    assert_int_equal(parse_text("[\"\\u00e9\\u00e9\\u00e9\\u00e9\\u00e9\\u00e9\\u00e9"
                                "\\u00e9\\u00e9\\u00e9\"]",
                                &limits),
                     FCR_OK);
    assert_int_equal(parse_text("[\"\\u00e9\\u00e9\\u00e9\\u00e9\\u00e9\\u00e9\\u00e9"
                                "\\u00e9\\u00e9\\u00e9x\"]",
                                &limits),
                     FCR_ELIMIT);
    assert_int_equal(parse_text("{\"a very long key beyond twenty\": 1}", &limits), FCR_ELIMIT);

    /* A string over the limit right after one within it. */
    limits.max_string_bytes = 100;
    fcr__json_parser *parser = new_parser(&limits);
    char text[400];
    memset(text, 'x', sizeof text);
    text[0] = '[';
    text[1] = '"';
    memcpy(text + 90, "\",\"", 3);
    memcpy(text + sizeof text - 3, "\"]", 3);
    fcr__json_parser_reset(parser, text, strlen(text), NULL);
    assert_int_equal(fcr__json_next(parser), FCR__JSON_ARRAY_BEGIN);
    assert_int_equal(fcr__json_next(parser), FCR__JSON_STRING);
    assert_int_equal(fcr__json_next(parser), FCR__JSON_ERROR);
    assert_int_equal(fcr_last_error_status(), FCR_ELIMIT);
    fcr__json_parser_free(parser);
}

static void parser__duplicate_keys(void **state)
{
    (void)state;
    assert_int_equal(parse_text("{\"a\": {\"a\": 1}, \"b\": {\"a\": 2}}", NULL), FCR_OK);
    assert_int_equal(parse_text("[{\"a\": 1}, {\"a\": 1}]", NULL), FCR_OK);
    assert_int_equal(parse_text("{\"a\": 1, \"A\": 2, \"a \": 3, \"\": 4}", NULL), FCR_OK);
    assert_int_equal(parse_text("{\"\": 1, \"\": 2}", NULL), FCR_EPARSE);
    assert_int_equal(parse_text("{\"a\": {\"x\": 1}, \"a\": 2}", NULL), FCR_EPARSE);

    /* Keys are compared after decoding. */
    assert_int_equal(parse_text("{\"\\u0061\": 1, \"a\": 2}", NULL), FCR_EPARSE);
    assert_int_equal(parse_text("{\"a\": 1, \"\\u0061\": 2}", NULL), FCR_EPARSE);
    assert_int_equal(parse_text("{\"\\n\": 1, \"\\u000a\": 2}", NULL), FCR_EPARSE);
    assert_int_equal(parse_text("{\"a\\u0000b\": 1, \"a\\u0000c\": 2}", NULL), FCR_OK);
}

/* Objects past the linear search get a hash index. Every key is tried as
 * the duplicate, and the keys of an inner object must not leak out. */
static void parser__duplicate_keys_large_objects(void **state)
{
    (void)state;
    const size_t counts[] = {15, 16, 17, 40, 200, 3000};
    fcr__strbuf text = FCR__STRBUF_INIT;

    for (size_t c = 0; c < FCR__ARRAY_SIZE(counts); c++) {
        size_t count = counts[c];
        fcr__strbuf_clear(&text);
        fcr__strbuf_putc(&text, '{');
        for (size_t i = 0; i < count; i++)
            fcr__strbuf_printf(&text, "%s\"key%zu\": {\"inner\": %zu, \"key%zu\": 0}",
                               i ? ", " : "", i, i, i + 1);
        fcr__strbuf_putc(&text, '}');
        assert_int_equal(parse_text(text.data, NULL), FCR_OK);

        size_t picks[] = {0, count / 2, count - 1};
        for (size_t p = 0; p < FCR__ARRAY_SIZE(picks); p++) {
            text.length--;
            fcr__strbuf_printf(&text, ", \"key%zu\": 1}", picks[p]);
            assert_int_equal(parse_text(text.data, NULL), FCR_EPARSE);
            assert_non_null(strstr(fcr_last_error(), "duplicate key"));
            text.length -= strlen(", \"key\": 1}") + (size_t)snprintf(NULL, 0, "%zu", picks[p]);
            fcr__strbuf_putc(&text, '}');
        }

        /* An escaped spelling of an early key, added last. */
        text.length--;
        fcr__strbuf_puts(&text, ", \"\\u006bey0\": 1}");
        assert_int_equal(parse_text(text.data, NULL), FCR_EPARSE);
    }
    fcr__strbuf_free(&text);
}

static void parser__skip_values(void **state)
{
    (void)state;
    const char *text = "{\"keep\": 1, \"unknown\": {\"a\": [1, {\"b\": null}], \"c\": \"d\"}, "
                       "\"s\": \"x\", \"last\": [true]}";
    fcr__json_parser *parser = new_parser(NULL);
    fcr__json_parser_reset(parser, text, strlen(text), NULL);
    size_t start, end;

    assert_int_equal(fcr__json_next(parser), FCR__JSON_OBJECT_BEGIN);
    assert_int_equal(fcr__json_next(parser), FCR__JSON_KEY);
    assert_int_equal(fcr__json_next(parser), FCR__JSON_NUMBER);

    assert_int_equal(fcr__json_next(parser), FCR__JSON_KEY);
    assert_int_equal(fcr__json_skip(parser, &start, &end), FCR__JSON_OBJECT_END);
    assert_int_equal(end - start, strlen("{\"a\": [1, {\"b\": null}], \"c\": \"d\"}"));
    assert_memory_equal(fcr__json_parser_data(parser) + start, "{\"a\": [1,", 9);
    assert_int_equal(fcr__json_depth(parser), 1);

    assert_int_equal(fcr__json_next(parser), FCR__JSON_KEY);
    assert_int_equal(fcr__json_next(parser), FCR__JSON_STRING);
    assert_int_equal(fcr__json_skip(parser, &start, &end), FCR__JSON_STRING);
    assert_memory_equal(text + start, "\"x\"", 3);
    assert_int_equal(end - start, 3);

    assert_int_equal(fcr__json_next(parser), FCR__JSON_KEY);
    assert_int_equal(fcr__json_next(parser), FCR__JSON_ARRAY_BEGIN);
    assert_int_equal(fcr__json_skip(parser, NULL, &end), FCR__JSON_ARRAY_END);
    assert_int_equal(end, strlen(text) - 1);
    assert_int_equal(fcr__json_next(parser), FCR__JSON_OBJECT_END);

    /* Nothing starts at a closing bracket. */
    assert_int_equal(fcr__json_skip(parser, NULL, NULL), FCR__JSON_ERROR);
    assert_int_equal(fcr_last_error_status(), FCR_EINVAL);
    fcr__json_parser_free(parser);
}

static void parser__skip_checks_fully(void **state)
{
    (void)state;
    const char *text = "{\"a\": {\"x\": 1, \"x\": 2}}";
    fcr__json_parser *parser = new_parser(NULL);
    fcr__json_parser_reset(parser, text, strlen(text), NULL);

    assert_int_equal(fcr__json_next(parser), FCR__JSON_OBJECT_BEGIN);
    assert_int_equal(fcr__json_next(parser), FCR__JSON_KEY);
    assert_int_equal(fcr__json_skip(parser, NULL, NULL), FCR__JSON_ERROR);
    assert_int_equal(fcr_last_error_status(), FCR_EPARSE);
    assert_non_null(strstr(fcr_last_error(), "duplicate key"));
    fcr__json_parser_free(parser);
}

static void parser__fail_records_field(void **state)
{
    (void)state;
    const char *text = "{\n  \"events\": [\n    {\"at\": 5}\n  ]\n}";
    fcr__json_parser *parser = new_parser(NULL);
    fcr__json_parser_reset(parser, text, strlen(text), "call.json");

    fcr__json_token token;
    while ((token = fcr__json_next(parser)) != FCR__JSON_NUMBER)
        assert_int_not_equal(token, FCR__JSON_ERROR);
    assert_int_equal(fcr__json_fail(parser, FCR_ERECORD, "events[0].at",
                                     "%s must be a string", "events[0].at"),
                     FCR_ERECORD);

    assert_int_equal(fcr_last_error_status(), FCR_ERECORD);
    assert_string_equal(fcr_last_error_field(), "events[0].at");
    assert_int_equal(fcr_last_error_line(), 3);
    assert_int_equal(fcr_last_error_column(), 12);
    assert_int_equal(fcr_last_error_offset(), 27);
    assert_string_equal(fcr_last_error(), "call.json:3:12: events[0].at must be a string");
    assert_int_equal(fcr__json_next(parser), FCR__JSON_ERROR);
    fcr__json_parser_free(parser);
}

static void parser__reset_reuses_parser(void **state)
{
    (void)state;
    fcr__json_parser *parser = new_parser(NULL);
    fcr__strbuf tokens = FCR__STRBUF_INIT;

    /* An error, then a document that is fine, with the same keys. */
    assert_int_equal(json_test_dump(parser, "{\"a\": 1, \"a\": 2}", 16, &tokens),
                     FCR__JSON_ERROR);
    fcr__strbuf_clear(&tokens);
    assert_int_equal(json_test_dump(parser, "{\"a\": 1}", 8, &tokens), FCR__JSON_END);
    assert_string_equal(tokens.data, "{ K:61 N:1 } ");

    /* A document ended in the middle of an object leaves no keys behind. */
    fcr__json_parser_reset(parser, "{\"b\": {\"c\": 1", 13, NULL);
    while (fcr__json_next(parser) != FCR__JSON_ERROR)
        ;
    fcr__strbuf_clear(&tokens);
    assert_int_equal(json_test_dump(parser, "{\"b\": {\"c\": 1}}", 15, &tokens), FCR__JSON_END);

    /* A NULL buffer is an empty document. */
    fcr__json_parser_reset(parser, NULL, 0, NULL);
    assert_int_equal(fcr__json_next(parser), FCR__JSON_ERROR);

    fcr__strbuf_free(&tokens);
    fcr__json_parser_free(parser);
    fcr__json_parser_free(NULL);
}

static void parser__scalar_documents(void **state)
{
    (void)state;
    static const char *const documents[] = {"0", " -0 ", "1e5", "\"s\"", "true", "null",
                                            "false\n", "123456789012345678901234567890"};
    for (size_t i = 0; i < FCR__ARRAY_SIZE(documents); i++) {
        if (parse_text(documents[i], NULL) != FCR_OK)
            fail_msg("%s: %s", documents[i], fcr_last_error());
    }
}

static void parser__number_accessors(void **state)
{
    (void)state;
    const char *text = "[42, -7, 1.5, 2e3, 1e400, 99999999999999999999]";
    fcr__json_parser *parser = new_parser(NULL);
    fcr__json_parser_reset(parser, text, strlen(text), NULL);
    int64_t integer;
    double real;
    size_t length;

    assert_int_equal(fcr__json_next(parser), FCR__JSON_ARRAY_BEGIN);
    assert_false(fcr__json_number_int64(parser, &integer));
    assert_null(fcr__json_number_text(parser, &length));

    assert_int_equal(fcr__json_next(parser), FCR__JSON_NUMBER);
    assert_true(fcr__json_number_int64(parser, &integer));
    assert_int_equal(integer, 42);
    assert_memory_equal(fcr__json_number_text(parser, &length), "42", 2);
    assert_int_equal(length, 2);

    assert_int_equal(fcr__json_next(parser), FCR__JSON_NUMBER);
    assert_true(fcr__json_number_int64(parser, &integer));
    assert_int_equal(integer, -7);

    assert_int_equal(fcr__json_next(parser), FCR__JSON_NUMBER);
    assert_false(fcr__json_number_int64(parser, &integer));
    assert_true(fcr__json_number_double(parser, &real));
    assert_true(real == 1.5);

    assert_int_equal(fcr__json_next(parser), FCR__JSON_NUMBER);
    assert_false(fcr__json_number_int64(parser, &integer));
    assert_true(fcr__json_number_double(parser, &real));
    assert_true(real == 2000.0);

    assert_int_equal(fcr__json_next(parser), FCR__JSON_NUMBER);
    assert_false(fcr__json_number_double(parser, &real));

    assert_int_equal(fcr__json_next(parser), FCR__JSON_NUMBER);
    assert_false(fcr__json_number_int64(parser, &integer));
    assert_true(fcr__json_number_double(parser, &real));
    assert_true(real == 1e20);
    fcr__json_parser_free(parser);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(parser__tokens_of_nested_document),
        cmocka_unit_test(parser__depth_of_each_token),
        cmocka_unit_test(parser__positions_across_lines),
        cmocka_unit_test(parser__error_positions_multiline),
        cmocka_unit_test(parser__long_strings_checked),
        cmocka_unit_test(parser__decoded_strings),
        cmocka_unit_test(parser__messages_omit_string_content),
        cmocka_unit_test(parser__message_names_source),
        cmocka_unit_test(parser__depth_limit),
        cmocka_unit_test(parser__string_limit),
        cmocka_unit_test(parser__duplicate_keys),
        cmocka_unit_test(parser__duplicate_keys_large_objects),
        cmocka_unit_test(parser__skip_values),
        cmocka_unit_test(parser__skip_checks_fully),
        cmocka_unit_test(parser__fail_records_field),
        cmocka_unit_test(parser__reset_reuses_parser),
        cmocka_unit_test(parser__scalar_documents),
        cmocka_unit_test(parser__number_accessors),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
