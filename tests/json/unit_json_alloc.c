/* SPDX-License-Identifier: MIT */
/* Allocation failure: whichever allocation fails while parsing and writing,
 * the caller gets FCR_ENOMEM and every block is released afterwards. */
#include <string.h>

#include "json_test_helpers.h"

/* Long enough to grow every buffer: a 20-key object (hash index), escaped
 * keys (copied key bytes), long strings (scratch) and nesting (stack). */
static void build_document(fcr__strbuf *text)
{
    fcr__strbuf_puts(text, "{\"call\": {\"id\": \"c-1\", \"n\\u00e9\": 1, \"events\": [");
    for (int i = 0; i < 5; i++)
        fcr__strbuf_printf(text, "%s{\"at\": \"2026-11-10T14:0%d:00Z\", \"note\": \"a note that "
                                 "is long enough to need a bigger scratch buffer, with an "
                                 "escape\\n\", \"deep\": [[[[[%d]]]]]}",
                           i ? ", " : "", i, i);
    fcr__strbuf_puts(text, "]}");
    for (int i = 0; i < 20; i++)
        fcr__strbuf_printf(text, ", \"k\\u0065y%d\": %d.5", i, i);
    fcr__strbuf_puts(text, "}");
}

/* Parses the document and writes its tokens back, then frees everything
 * it made. Returns FCR_OK or the first failure. */
static fcr_status parse_and_write(const char *data, size_t length)
{
    fcr__json_parser *parser;
    fcr_status status = fcr__json_parser_new(&parser, NULL);
    if (status != FCR_OK)
        return status;

    fcr__strbuf out = FCR__STRBUF_INIT;
    fcr__json_writer writer;
    fcr__json_writer_init(&writer, &out, true);
    fcr__json_parser_reset(parser, data, length, "<alloc>");

    fcr__json_token token;
    while ((token = fcr__json_next(parser)) != FCR__JSON_END && token != FCR__JSON_ERROR) {
        size_t size;
        const char *text;
        double number;
        switch (token) {
        case FCR__JSON_OBJECT_BEGIN: fcr__json_begin_object(&writer); break;
        case FCR__JSON_OBJECT_END: fcr__json_end_object(&writer); break;
        case FCR__JSON_ARRAY_BEGIN: fcr__json_begin_array(&writer); break;
        case FCR__JSON_ARRAY_END: fcr__json_end_array(&writer); break;
        case FCR__JSON_KEY:
            text = fcr__json_string(parser, &size);
            fcr__json_key_n(&writer, text, size);
            break;
        case FCR__JSON_STRING:
            text = fcr__json_string(parser, &size);
            fcr__json_string_n(&writer, text, size);
            break;
        case FCR__JSON_NUMBER:
            assert_true(fcr__json_number_double(parser, &number));
            fcr__json_double(&writer, number);
            break;
        default:
            fcr__json_null(&writer);
            break;
        }
    }

    if (token == FCR__JSON_ERROR)
        status = fcr_last_error_status();
    else
        status = fcr__json_writer_status(&writer);
    fcr__strbuf_free(&out);
    fcr__json_parser_free(parser);
    return status;
}

/* Reads the document three times from a stream with small reads, so that
 * the stream's buffer grows and refills. */
static fcr_status read_stream(const char *data, size_t length)
{
    struct json_test_reader reader = {data, length, 0, 100, 0};
    fcr__json_stream *stream;
    fcr_status status = fcr__json_stream_new(&stream, json_test_read, &reader, "<alloc>", NULL);
    if (status != FCR_OK)
        return status;

    fcr__strbuf tokens = FCR__STRBUF_INIT;
    status = json_test_dump_stream(stream, &tokens);
    if (status == FCR_OK && tokens.failed)
        status = FCR_ENOMEM;
    fcr__strbuf_free(&tokens);
    fcr__json_stream_free(stream);
    return status;
}

static void check_every_failure_point(fcr_status (*run)(const char *, size_t), const char *data,
                                      size_t length)
{
    unsigned long n;
    for (n = 1;; n++) {
        long before = test_alloc_outstanding();
        fcr_clear_error();
        test_alloc_fail_at(n);
        fcr_status status = run(data, length);
        unsigned long count = test_alloc_count();
        test_alloc_reset();

        if (test_alloc_outstanding() != before)
            fail_msg("allocation %lu failing leaks %ld blocks", n,
                     test_alloc_outstanding() - before);
        if (count < n) {
            /* The run never reached allocation n, so nothing failed. */
            assert_int_equal(status, FCR_OK);
            break;
        }
        if (status != FCR_ENOMEM)
            fail_msg("allocation %lu failing returned %d: %s", n, status, fcr_last_error());
        assert_int_equal(fcr_last_error_status(), FCR_ENOMEM);
    }
    print_message("checked %lu allocation failure points\n", n - 1);
    assert_true(n > 5);
}

static void alloc__parse_and_write(void **state)
{
    (void)state;
    fcr__strbuf text = FCR__STRBUF_INIT;
    build_document(&text);
    assert_int_equal(parse_and_write(text.data, text.length), FCR_OK);

    check_every_failure_point(parse_and_write, text.data, text.length);
    fcr__strbuf_free(&text);
}

static void alloc__stream(void **state)
{
    (void)state;
    fcr__strbuf text = FCR__STRBUF_INIT;
    for (int i = 0; i < 3; i++) {
        build_document(&text);
        fcr__strbuf_putc(&text, '\n');
    }
    assert_int_equal(read_stream(text.data, text.length), FCR_OK);

    check_every_failure_point(read_stream, text.data, text.length);
    fcr__strbuf_free(&text);
}

int main(void)
{
    test_alloc_install();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(alloc__parse_and_write),
        cmocka_unit_test(alloc__stream),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
