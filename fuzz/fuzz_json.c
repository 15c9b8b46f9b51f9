/* SPDX-License-Identifier: MIT */
/* Fuzzes the JSON pull parser (src/json_parser.c), number conversion
 * (src/json_number.c), the stream (src/json_stream.c) and the writer
 * (src/json_writer.c) with three properties on top of "no crash":
 *
 * 1. A document the parser accepts, written back token by token through the
 *    writer and parsed again, gives the same tokens.
 * 2. The same document read as a stream, with reads of a few bytes each,
 *    gives the same tokens, whatever the read sizes.
 * 3. A rejected document sets the thread's last error to a failure status
 *    with a message.
 *
 * A broken property calls abort(), which libFuzzer reports as a crash. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "fuzz_json_tokens.h"

/* Reads the input back a few bytes at a time, the count taken from the
 * input's own bytes so that the fuzzer explores refills at every offset. */
typedef struct chunked_input {
    const char *data;
    size_t length;
    size_t position;
    size_t step;
} chunked_input;

static ptrdiff_t read_chunk(void *userdata, char *buffer, size_t size)
{
    chunked_input *input = userdata;
    size_t left = input->length - input->position;
    size_t count = 1 + (input->step + input->position) % 7;
    if (count > left)
        count = left;
    if (count > size)
        count = size;
    memcpy(buffer, input->data + input->position, count);
    input->position += count;
    return (ptrdiff_t)count;
}

static void fail(const char *broken_property)
{
    fprintf(stderr, "fuzz_json: %s (last error: %s)\n", broken_property, fcr_last_error());
    abort();
}

/* Writes the tokens of an accepted document through the writer. */
static fcr_status rewrite_document(fcr__json_parser *parser, const char *data, size_t length,
                                   fcr__strbuf *out)
{
    fcr__json_writer writer;
    fcr__json_writer_init(&writer, out, length % 2 == 0);
    fcr__json_parser_reset(parser, data, length, "<fuzz>");
    for (;;) {
        fcr__json_token token = fcr__json_next(parser);
        const char *text;
        size_t text_length;
        int64_t integer;
        double real;
        switch (token) {
        case FCR__JSON_END:
            return fcr__json_writer_status(&writer);
        case FCR__JSON_OBJECT_BEGIN: fcr__json_begin_object(&writer); break;
        case FCR__JSON_OBJECT_END: fcr__json_end_object(&writer); break;
        case FCR__JSON_ARRAY_BEGIN: fcr__json_begin_array(&writer); break;
        case FCR__JSON_ARRAY_END: fcr__json_end_array(&writer); break;
        case FCR__JSON_KEY:
            text = fcr__json_string(parser, &text_length);
            fcr__json_key_n(&writer, text, text_length);
            break;
        case FCR__JSON_STRING:
            text = fcr__json_string(parser, &text_length);
            fcr__json_string_n(&writer, text, text_length);
            break;
        case FCR__JSON_NUMBER:
            /* Exercise both conversions; the text is kept as written. */
            (void)fcr__json_number_int64(parser, &integer);
            (void)fcr__json_number_double(parser, &real);
            text = fcr__json_number_text(parser, &text_length);
            fcr__json_raw(&writer, text, text_length);
            break;
        case FCR__JSON_TRUE: fcr__json_bool(&writer, true); break;
        case FCR__JSON_FALSE: fcr__json_bool(&writer, false); break;
        case FCR__JSON_NULL: fcr__json_null(&writer); break;
        default:
            return fcr_last_error_status();
        }
    }
}

/* Reads data as a stream and writes the tokens of every value, each value
 * closed by a 'Z'. Returns FCR_OK or the failure. */
static fcr_status parse_stream(const char *data, size_t length, size_t step, fcr__strbuf *log,
                               size_t *values)
{
    chunked_input input = {data, length, 0, step};
    fcr__json_stream *stream = NULL;
    fcr_status status = fcr__json_stream_new(&stream, read_chunk, &input, "<fuzz>", NULL);
    if (status != FCR_OK)
        return status;
    fcr__json_parser *parser = fcr__json_stream_parser(stream);
    *values = 0;
    for (;;) {
        bool more = false;
        status = fcr__json_stream_begin(stream, &more, NULL);
        if (status != FCR_OK || !more)
            break;
        size_t value_start = log->length;
        fcr__json_token token;
        for (;;) {
            token = fcr__json_next(parser);
            if (token == FCR__JSON_NEED_MORE) {
                status = fcr__json_stream_refill(stream);
                if (status != FCR_OK)
                    break;
                log->length = value_start;
                continue;
            }
            if (token == FCR__JSON_END || token == FCR__JSON_ERROR)
                break;
            fuzz_log_token(log, parser, token);
        }
        if (status != FCR_OK)
            break;
        if (token == FCR__JSON_ERROR) {
            status = fcr_last_error_status();
            break;
        }
        fcr__json_stream_end(stream);
        fcr__strbuf_putc(log, 'Z');
        (*values)++;
    }
    fcr__json_stream_free(stream);
    return status;
}

int LLVMFuzzerTestOneInput(const uint8_t *bytes, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *bytes, size_t size)
{
    static fcr__json_parser *parser;
    if (parser == NULL && fcr__json_parser_new(&parser, NULL) != FCR_OK)
        fail("cannot create the parser");

    const char *data = (const char *)bytes;
    fcr__strbuf first = FCR__STRBUF_INIT;
    fcr__strbuf written = FCR__STRBUF_INIT;
    fcr__strbuf second = FCR__STRBUF_INIT;
    fcr__strbuf streamed = FCR__STRBUF_INIT;

    fcr_clear_error();
    fcr_status status = fuzz_parse_document(parser, data, size, &first);
    if (status != FCR_OK) {
        if (status >= 0 || fcr_last_error()[0] == '\0')
            fail("a rejected document left no failure status or message");
        goto done;
    }

    /* Property 1: parse, write, parse again. */
    if (rewrite_document(parser, data, size, &written) != FCR_OK)
        fail("the writer rejected what the parser accepted");
    if (fuzz_parse_document(parser, written.data, written.length, &second) != FCR_OK)
        fail("the parser rejected what the writer wrote");
    if (first.length != second.length || memcmp(first.data, second.data, first.length) != 0)
        fail("writing and reading back changed the tokens");

    /* Property 2: the stream gives the same tokens, then one end marker. */
    size_t values = 0;
    if (parse_stream(data, size, size, &streamed, &values) != FCR_OK)
        fail("the stream rejected a document the parser accepted");
    if (values != 1 || streamed.length != first.length + 1 ||
        memcmp(streamed.data, first.data, first.length) != 0)
        fail("the stream's tokens differ from the document's");

done:
    fcr__strbuf_free(&first);
    fcr__strbuf_free(&written);
    fcr__strbuf_free(&second);
    fcr__strbuf_free(&streamed);
    return 0;
}
