/* SPDX-License-Identifier: MIT */
/* The writer: layout, escaping, UTF-8 checks, the sticky first error, the
 * depth limit and parse, write, parse round trips. */
#include <dirent.h>
#include <locale.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "json_test_helpers.h"

static void write_sample(fcr__json_writer *writer)
{
    fcr__json_begin_object(writer);
    fcr__json_key(writer, "id");
    fcr__json_string_value(writer, "c-1");
    fcr__json_key(writer, "n");
    fcr__json_int64(writer, -42);
    fcr__json_key(writer, "events");
    fcr__json_begin_array(writer);
    fcr__json_begin_object(writer);
    fcr__json_key(writer, "ok");
    fcr__json_bool(writer, true);
    fcr__json_key(writer, "none");
    fcr__json_null(writer);
    fcr__json_end_object(writer);
    fcr__json_double(writer, 2.5);
    fcr__json_begin_array(writer);
    fcr__json_end_array(writer);
    fcr__json_begin_object(writer);
    fcr__json_end_object(writer);
    fcr__json_end_array(writer);
    fcr__json_key(writer, "kept");
    fcr__json_raw(writer, "{\"x\":[1,2]}", 11);
    fcr__json_key(writer, "f");
    fcr__json_bool(writer, false);
    fcr__json_end_object(writer);
}

static void writer__compact_layout(void **state)
{
    (void)state;
    fcr__strbuf out = FCR__STRBUF_INIT;
    fcr__json_writer writer;
    fcr__json_writer_init(&writer, &out, false);

    write_sample(&writer);
    assert_int_equal(fcr__json_writer_status(&writer), FCR_OK);
    assert_string_equal(out.data, "{\"id\":\"c-1\",\"n\":-42,\"events\":[{\"ok\":true,\"none\":null},"
                                  "2.5,[],{}],\"kept\":{\"x\":[1,2]},\"f\":false}");
    fcr__strbuf_free(&out);
}

static void writer__pretty_layout(void **state)
{
    (void)state;
    fcr__strbuf out = FCR__STRBUF_INIT;
    fcr__json_writer writer;
    fcr__json_writer_init(&writer, &out, true);

    write_sample(&writer);
    assert_int_equal(fcr__json_writer_status(&writer), FCR_OK);
    assert_string_equal(out.data, "{\n"
                                  "  \"id\": \"c-1\",\n"
                                  "  \"n\": -42,\n"
                                  "  \"events\": [\n"
                                  "    {\n"
                                  "      \"ok\": true,\n"
                                  "      \"none\": null\n"
                                  "    },\n"
                                  "    2.5,\n"
                                  "    [],\n"
                                  "    {}\n"
                                  "  ],\n"
                                  "  \"kept\": {\"x\":[1,2]},\n"
                                  "  \"f\": false\n"
                                  "}");
    fcr__strbuf_free(&out);
}

static void writer__escapes_every_control_character(void **state)
{
    (void)state;
    char text[34];
    for (int c = 0; c < 32; c++)
        text[c] = (char)c;
    text[32] = '"';
    text[33] = '\\';

    fcr__strbuf out = FCR__STRBUF_INIT;
    fcr__json_writer writer;
    fcr__json_writer_init(&writer, &out, false);
    fcr__json_string_n(&writer, text, sizeof text);
    assert_int_equal(fcr__json_writer_status(&writer), FCR_OK);
    assert_string_equal(out.data,
                        "\"\\u0000\\u0001\\u0002\\u0003\\u0004\\u0005\\u0006\\u0007"
                        "\\b\\t\\n\\u000b\\f\\r\\u000e\\u000f"
                        "\\u0010\\u0011\\u0012\\u0013\\u0014\\u0015\\u0016\\u0017"
                        "\\u0018\\u0019\\u001a\\u001b\\u001c\\u001d\\u001e\\u001f\\\"\\\\\"");

    /* The parser reads every byte back. */
    fcr__json_parser *parser;
    assert_int_equal(fcr__json_parser_new(&parser, NULL), FCR_OK);
    fcr__json_parser_reset(parser, out.data, out.length, NULL);
    assert_int_equal(fcr__json_next(parser), FCR__JSON_STRING);
    size_t length;
    const char *back = fcr__json_string(parser, &length);
    assert_int_equal(length, sizeof text);
    assert_memory_equal(back, text, sizeof text);
    fcr__json_parser_free(parser);
    fcr__strbuf_free(&out);
}

static void writer__keeps_other_bytes(void **state)
{
    (void)state;
    fcr__strbuf out = FCR__STRBUF_INIT;
    fcr__json_writer writer;
    fcr__json_writer_init(&writer, &out, false);

    fcr__json_begin_array(&writer);
    fcr__json_string_value(&writer, "a/b \x7f caf\xc3\xa9 \xf0\x9f\x98\x80");
    fcr__json_string_n(&writer, "nul\0inside", 10);
    fcr__json_string_value(&writer, "");
    fcr__json_end_array(&writer);
    assert_int_equal(fcr__json_writer_status(&writer), FCR_OK);
    assert_string_equal(out.data, "[\"a/b \x7f caf\xc3\xa9 \xf0\x9f\x98\x80\",\"nul\\u0000inside\",\"\"]");
    fcr__strbuf_free(&out);
}

static void writer__rejects_invalid_utf8(void **state)
{
    (void)state;
    static const char *const invalid[] = {
        "\xff", "ab\xc3", "\xc0\xaf", "\xed\xa0\x80", "\xf4\x90\x80\x80", "\x80", "ok \xe2\x82",
    };

    for (size_t i = 0; i < FCR__ARRAY_SIZE(invalid); i++) {
        for (int as_key = 0; as_key < 2; as_key++) {
            fcr__strbuf out = FCR__STRBUF_INIT;
            fcr__json_writer writer;
            fcr__json_writer_init(&writer, &out, false);
            fcr__json_begin_object(&writer);
            if (as_key) {
                fcr__json_key(&writer, invalid[i]);
            } else {
                fcr__json_key(&writer, "k");
                fcr__json_string_value(&writer, invalid[i]);
            }
            assert_int_equal(fcr__json_writer_status(&writer), FCR_EINVAL);
            assert_non_null(strstr(fcr_last_error(), "not valid UTF-8"));

            /* Nothing of the rejected string was written, and later calls
             * do nothing. */
            size_t length = out.length;
            assert_null(memchr(out.data, '\xff', out.length));
            fcr__json_end_object(&writer);
            fcr__json_int64(&writer, 1);
            assert_int_equal(out.length, length);
            assert_int_equal(fcr__json_writer_status(&writer), FCR_EINVAL);
            fcr__strbuf_free(&out);
        }
    }
}

static void writer__first_error_sticks(void **state)
{
    (void)state;
    fcr__strbuf out = FCR__STRBUF_INIT;
    fcr__json_writer writer;
    fcr__json_writer_init(&writer, &out, false);

    fcr__json_begin_array(&writer);
    fcr__json_double(&writer, NAN);
    assert_int_equal(fcr__json_writer_status(&writer), FCR_EINVAL);
    assert_non_null(strstr(fcr_last_error(), "NaN"));
    fcr__json_string_value(&writer, "\xff");
    fcr__json_end_array(&writer);
    assert_string_equal(out.data, "[");
    assert_non_null(strstr(fcr_last_error(), "NaN"));
    fcr__strbuf_free(&out);

    static const double not_finite[] = {INFINITY, -INFINITY, NAN};
    for (size_t i = 0; i < FCR__ARRAY_SIZE(not_finite); i++) {
        fcr__json_writer_init(&writer, &out, false);
        fcr__json_double(&writer, not_finite[i]);
        assert_int_equal(fcr__json_writer_status(&writer), FCR_EINVAL);
    }
    fcr__strbuf_free(&out);
}

static void writer__misuse_rejected(void **state)
{
    (void)state;
    fcr__strbuf out = FCR__STRBUF_INIT;
    fcr__json_writer writer;

    fcr__json_writer_init(&writer, &out, false);
    fcr__json_end_object(&writer);
    assert_int_equal(fcr__json_writer_status(&writer), FCR_EINVAL);

    fcr__json_writer_init(&writer, &out, false);
    fcr__json_key(&writer, "k");
    assert_int_equal(fcr__json_writer_status(&writer), FCR_EINVAL);

    fcr__json_writer_init(&writer, &out, false);
    fcr__json_begin_object(&writer);
    fcr__json_key(&writer, "a");
    fcr__json_key(&writer, "b");
    assert_int_equal(fcr__json_writer_status(&writer), FCR_EINVAL);

    fcr__json_writer_init(&writer, &out, false);
    fcr__json_begin_object(&writer);
    fcr__json_key(&writer, "a");
    fcr__json_end_object(&writer);
    assert_int_equal(fcr__json_writer_status(&writer), FCR_EINVAL);

    fcr__json_writer_init(&writer, &out, false);
    fcr__json_begin_object(&writer);
    fcr__json_key(&writer, NULL);
    assert_int_equal(fcr__json_writer_status(&writer), FCR_EINVAL);

    fcr__json_writer_init(&writer, &out, false);
    fcr__json_string_value(&writer, NULL);
    assert_int_equal(fcr__json_writer_status(&writer), FCR_EINVAL);

    fcr__json_writer_init(&writer, &out, false);
    fcr__json_raw(&writer, "", 0);
    assert_int_equal(fcr__json_writer_status(&writer), FCR_EINVAL);

    fcr__json_writer_init(&writer, NULL, false);
    fcr__json_null(&writer);
    assert_int_equal(fcr__json_writer_status(&writer), FCR_EINVAL);
    fcr__strbuf_free(&out);
}

static void writer__depth_limit(void **state)
{
    (void)state;
    fcr__strbuf out = FCR__STRBUF_INIT;
    fcr__json_writer writer;
    fcr__json_writer_init(&writer, &out, false);

    for (int i = 0; i < FCR__JSON_WRITER_MAX_DEPTH; i++)
        fcr__json_begin_array(&writer);
    fcr__json_int64(&writer, 1);
    fcr__json_int64(&writer, 2);
    for (int i = 0; i < FCR__JSON_WRITER_MAX_DEPTH; i++)
        fcr__json_end_array(&writer);
    assert_int_equal(fcr__json_writer_status(&writer), FCR_OK);
    assert_int_equal(out.length, 2 * FCR__JSON_WRITER_MAX_DEPTH + 3);
    assert_memory_equal(out.data + FCR__JSON_WRITER_MAX_DEPTH, "1,2]", 4);

    fcr__strbuf_clear(&out);
    fcr__json_writer_init(&writer, &out, false);
    for (int i = 0; i <= FCR__JSON_WRITER_MAX_DEPTH; i++) {
        fcr__json_begin_object(&writer);
        fcr__json_key(&writer, "k");
    }
    assert_int_equal(fcr__json_writer_status(&writer), FCR_ELIMIT);
    fcr__strbuf_free(&out);
}

static void writer__integers(void **state)
{
    (void)state;
    fcr__strbuf out = FCR__STRBUF_INIT;
    fcr__json_writer writer;
    fcr__json_writer_init(&writer, &out, false);

    fcr__json_begin_array(&writer);
    fcr__json_int64(&writer, 0);
    fcr__json_int64(&writer, INT64_MIN);
    fcr__json_int64(&writer, INT64_MAX);
    fcr__json_int64(&writer, -1);
    fcr__json_end_array(&writer);
    assert_string_equal(out.data, "[0,-9223372036854775808,9223372036854775807,-1]");
    fcr__strbuf_free(&out);
}

/* Writes the tokens of one parsed document back out; numbers keep their
 * text through fcr__json_raw(). */
static fcr__json_token rewrite(fcr__json_parser *parser, const char *data, size_t length,
                               fcr__json_writer *writer)
{
    fcr__json_parser_reset(parser, data, length, NULL);
    for (;;) {
        fcr__json_token token = fcr__json_next(parser);
        const char *text;
        size_t size;
        switch (token) {
        case FCR__JSON_END:
        case FCR__JSON_ERROR:
            return token;
        case FCR__JSON_OBJECT_BEGIN: fcr__json_begin_object(writer); break;
        case FCR__JSON_OBJECT_END: fcr__json_end_object(writer); break;
        case FCR__JSON_ARRAY_BEGIN: fcr__json_begin_array(writer); break;
        case FCR__JSON_ARRAY_END: fcr__json_end_array(writer); break;
        case FCR__JSON_TRUE: fcr__json_bool(writer, true); break;
        case FCR__JSON_FALSE: fcr__json_bool(writer, false); break;
        case FCR__JSON_NULL: fcr__json_null(writer); break;
        case FCR__JSON_KEY:
            text = fcr__json_string(parser, &size);
            fcr__json_key_n(writer, text, size);
            break;
        case FCR__JSON_STRING:
            text = fcr__json_string(parser, &size);
            fcr__json_string_n(writer, text, size);
            break;
        case FCR__JSON_NUMBER:
            text = fcr__json_number_text(parser, &size);
            fcr__json_raw(writer, text, size);
            break;
        default:
            fail_msg("unexpected token %d", token);
        }
    }
}

static void writer__round_trip_test_suite(void **state)
{
    (void)state;
    DIR *folder = opendir(test_data_path("jsontestsuite/test_parsing"));
    assert_non_null(folder);
    fcr__json_parser *parser;
    assert_int_equal(fcr__json_parser_new(&parser, NULL), FCR_OK);
    int checked = 0;

    struct dirent *entry;
    while ((entry = readdir(folder)) != NULL) {
        if (entry->d_name[0] != 'y' || strstr(entry->d_name, "duplicated_key") != NULL)
            continue;
        char relative[512];
        snprintf(relative, sizeof relative, "jsontestsuite/test_parsing/%s", entry->d_name);
        size_t length;
        char *data = test_read_file(test_data_path(relative), &length);

        fcr__strbuf first = FCR__STRBUF_INIT;
        assert_int_equal(json_test_dump(parser, data, length, &first), FCR__JSON_END);

        for (int pretty = 0; pretty < 2; pretty++) {
            fcr__strbuf written = FCR__STRBUF_INIT;
            fcr__json_writer writer;
            fcr__json_writer_init(&writer, &written, pretty);
            assert_int_equal(rewrite(parser, data, length, &writer), FCR__JSON_END);
            if (fcr__json_writer_status(&writer) != FCR_OK)
                fail_msg("%s: writing failed: %s", entry->d_name, fcr_last_error());

            fcr__strbuf second = FCR__STRBUF_INIT;
            if (json_test_dump(parser, written.data, written.length, &second) != FCR__JSON_END)
                fail_msg("%s: written text does not parse: %s", entry->d_name,
                         fcr_last_error());
            if (strcmp(first.data, second.data) != 0)
                fail_msg("%s: tokens differ after writing\n%s\n%s", entry->d_name, first.data,
                         second.data);
            fcr__strbuf_free(&second);
            fcr__strbuf_free(&written);
        }
        fcr__strbuf_free(&first);
        free(data);
        checked++;
    }
    closedir(folder);
    assert_int_equal(checked, 93);
    fcr__json_parser_free(parser);
}

/* Doubles written by the writer read back to the same value. */
static void check_doubles_round_trip(void)
{
    fcr__strbuf out = FCR__STRBUF_INIT;
    fcr__json_writer writer;
    fcr__json_writer_init(&writer, &out, false);

    double values[2000];
    uint64_t seed = UINT64_C(0x9E3779B97F4A7C15);
    for (size_t i = 0; i < FCR__ARRAY_SIZE(values); i++) {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        memcpy(&values[i], &seed, sizeof values[i]);
        if (!isfinite(values[i]))
            values[i] = (double)i / 7.0;
    }
    values[0] = 0.1;
    values[1] = -1234.5;
    values[2] = 5e-324;

    fcr__json_begin_array(&writer);
    for (size_t i = 0; i < FCR__ARRAY_SIZE(values); i++)
        fcr__json_double(&writer, values[i]);
    fcr__json_end_array(&writer);
    assert_int_equal(fcr__json_writer_status(&writer), FCR_OK);
    assert_memory_equal(out.data, "[0.1,-1234.5,5e-324,", 20);

    fcr__json_parser *parser;
    assert_int_equal(fcr__json_parser_new(&parser, NULL), FCR_OK);
    fcr__json_parser_reset(parser, out.data, out.length, NULL);
    assert_int_equal(fcr__json_next(parser), FCR__JSON_ARRAY_BEGIN);
    for (size_t i = 0; i < FCR__ARRAY_SIZE(values); i++) {
        assert_int_equal(fcr__json_next(parser), FCR__JSON_NUMBER);
        double back;
        assert_true(fcr__json_number_double(parser, &back));
        if (back != values[i])
            fail_msg("%.17g read back as %.17g", values[i], back);
    }
    assert_int_equal(fcr__json_next(parser), FCR__JSON_ARRAY_END);
    fcr__json_parser_free(parser);
    fcr__strbuf_free(&out);
}

static void writer__doubles_round_trip(void **state)
{
    (void)state;
    check_doubles_round_trip();
}

static void writer__doubles_round_trip_comma_locale(void **state)
{
    (void)state;
    static const char *const names[] = {"de_DE.UTF-8", "de_DE.utf8", "fr_FR.UTF-8",
                                        "fr_FR.utf8",  "de_DE",      "fr_FR",
                                        "nl_NL.UTF-8", "ru_RU.UTF-8", "pt_BR.UTF-8"};
    const char *found = NULL;
    for (size_t i = 0; i < FCR__ARRAY_SIZE(names) && found == NULL; i++) {
        if (setlocale(LC_NUMERIC, names[i]) != NULL &&
            strcmp(localeconv()->decimal_point, ",") == 0)
            found = names[i];
    }
    if (found == NULL) {
        setlocale(LC_NUMERIC, "C");
        print_message("no locale with a comma decimal point is installed; skipping the comma "
                      "locale round trip\n");
        skip();
        return;
    }

    check_doubles_round_trip();
    setlocale(LC_NUMERIC, "C");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(writer__compact_layout),
        cmocka_unit_test(writer__pretty_layout),
        cmocka_unit_test(writer__escapes_every_control_character),
        cmocka_unit_test(writer__keeps_other_bytes),
        cmocka_unit_test(writer__rejects_invalid_utf8),
        cmocka_unit_test(writer__first_error_sticks),
        cmocka_unit_test(writer__misuse_rejected),
        cmocka_unit_test(writer__depth_limit),
        cmocka_unit_test(writer__integers),
        cmocka_unit_test(writer__round_trip_test_suite),
        cmocka_unit_test(writer__doubles_round_trip),
        cmocka_unit_test(writer__doubles_round_trip_comma_locale),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
