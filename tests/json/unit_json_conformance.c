/* SPDX-License-Identifier: MIT */
/* JSONTestSuite: every y_ case accepted, every n_ case rejected, each i_
 * case with the outcome listed in docs/json.md, and the test_transform
 * values. */
#include <dirent.h>
#include <float.h>
#include <stdlib.h>
#include <string.h>

#include "json_test_helpers.h"

#define PARSING_DIR "jsontestsuite/test_parsing"
#define TRANSFORM_DIR "jsontestsuite/test_transform"

/* Parses a whole document; returns FCR_OK or the recorded failure. */
static fcr_status parse_document(const char *data, size_t length, const fcr__json_limits *limits)
{
    fcr__json_parser *parser;
    assert_int_equal(fcr__json_parser_new(&parser, limits), FCR_OK);
    fcr__json_parser_reset(parser, data, length, "<case>");

    fcr__json_token token;
    do {
        token = fcr__json_next(parser);
    } while (token != FCR__JSON_END && token != FCR__JSON_ERROR);

    fcr_status status = token == FCR__JSON_END ? FCR_OK : fcr_last_error_status();
    fcr__json_parser_free(parser);
    return status;
}

static char *read_case(const char *dir, const char *name, size_t *length)
{
    char relative[512];
    snprintf(relative, sizeof relative, "%s/%s", dir, name);
    return test_read_file(test_data_path(relative), length);
}

/* Sorted file names of a test data folder; free with free_names(). */
static char **list_cases(const char *dir, size_t *count)
{
    DIR *folder = opendir(test_data_path(dir));
    assert_non_null(folder);

    size_t used = 0, capacity = 512;
    char **names = malloc(capacity * sizeof *names);
    assert_non_null(names);
    struct dirent *entry;
    while ((entry = readdir(folder)) != NULL) {
        if (strstr(entry->d_name, ".json") == NULL)
            continue;
        assert_true(used < capacity);
        names[used] = strdup(entry->d_name);
        assert_non_null(names[used]);
        used++;
    }
    closedir(folder);

    for (size_t i = 1; i < used; i++) {
        for (size_t j = i; j > 0 && strcmp(names[j - 1], names[j]) > 0; j--) {
            char *swap = names[j];
            names[j] = names[j - 1];
            names[j - 1] = swap;
        }
    }
    *count = used;
    return names;
}

static void free_names(char **names, size_t count)
{
    for (size_t i = 0; i < count; i++)
        free(names[i]);
    free(names);
}

/* RFC 8259 only states that keys SHOULD be unique, so JSONTestSuite counts
 * these as valid, and the parser accepts them when allow_duplicate_keys is
 * set. libfcr's own documents use the default, which rejects duplicate keys
 * on purpose, because a record with two "patient_id" keys has no single
 * meaning. */
static bool is_duplicate_key_case(const char *name)
{
    return strcmp(name, "y_object_duplicated_key.json") == 0 ||
           strcmp(name, "y_object_duplicated_key_and_value.json") == 0;
}

static void conformance__y_cases_accepted(void **state)
{
    (void)state;
    size_t count, checked = 0;
    char **names = list_cases(PARSING_DIR, &count);
    fcr__json_limits rfc_limits;
    fcr__json_limits_init(&rfc_limits);
    rfc_limits.allow_duplicate_keys = true;

    for (size_t i = 0; i < count; i++) {
        if (names[i][0] != 'y')
            continue;
        size_t length;
        char *data = read_case(PARSING_DIR, names[i], &length);
        fcr_status status = parse_document(data, length, &rfc_limits);
        if (status != FCR_OK)
            fail_msg("%s rejected: %s", names[i], fcr_last_error());
        free(data);
        checked++;
    }
    assert_int_equal(checked, 95);
    free_names(names, count);
}

static void conformance__y_duplicate_keys_rejected(void **state)
{
    (void)state;
    static const char *const names[] = {
        "y_object_duplicated_key.json",
        "y_object_duplicated_key_and_value.json",
    };

    for (size_t i = 0; i < FCR__ARRAY_SIZE(names); i++) {
        size_t length;
        char *data = read_case(PARSING_DIR, names[i], &length);
        assert_int_equal(parse_document(data, length, NULL), FCR_EPARSE);
        assert_non_null(strstr(fcr_last_error(), "duplicate key"));
        assert_int_equal(fcr_last_error_line(), 1);
        assert_int_equal(fcr_last_error_column(), 10);
        free(data);
    }
}

static void conformance__n_cases_rejected(void **state)
{
    (void)state;
    size_t count, checked = 0;
    char **names = list_cases(PARSING_DIR, &count);

    for (size_t i = 0; i < count; i++) {
        if (names[i][0] != 'n')
            continue;
        size_t length;
        char *data = read_case(PARSING_DIR, names[i], &length);
        fcr_status status = parse_document(data, length, NULL);
        if (status == FCR_OK)
            fail_msg("%s accepted", names[i]);
        /* Deep nesting hits the depth limit before the syntax error. */
        if (status != FCR_EPARSE && status != FCR_ELIMIT)
            fail_msg("%s: status %d, expected FCR_EPARSE or FCR_ELIMIT", names[i], status);
        if (status == FCR_ELIMIT && strstr(names[i], "n_structure_") != names[i])
            fail_msg("%s: FCR_ELIMIT from a case that is not about structure", names[i]);
        free(data);
        checked++;
    }
    assert_int_equal(checked, 188);
    free_names(names, count);
}

/* The outcome chosen for each implementation-defined case; docs/json.md
 * gives the reasons. */
static const struct {
    const char *name;
    fcr_status status;
} i_cases[] = {
    {"i_number_double_huge_neg_exp.json", FCR_OK},
    {"i_number_huge_exp.json", FCR_OK},
    {"i_number_neg_int_huge_exp.json", FCR_OK},
    {"i_number_pos_double_huge_exp.json", FCR_OK},
    {"i_number_real_neg_overflow.json", FCR_OK},
    {"i_number_real_pos_overflow.json", FCR_OK},
    {"i_number_real_underflow.json", FCR_OK},
    {"i_number_too_big_neg_int.json", FCR_OK},
    {"i_number_too_big_pos_int.json", FCR_OK},
    {"i_number_very_big_negative_int.json", FCR_OK},
    {"i_object_key_lone_2nd_surrogate.json", FCR_EPARSE},
    {"i_string_1st_surrogate_but_2nd_missing.json", FCR_EPARSE},
    {"i_string_1st_valid_surrogate_2nd_invalid.json", FCR_EPARSE},
    {"i_string_UTF-16LE_with_BOM.json", FCR_EPARSE},
    {"i_string_UTF-8_invalid_sequence.json", FCR_EPARSE},
    {"i_string_UTF8_surrogate_U+D800.json", FCR_EPARSE},
    {"i_string_incomplete_surrogate_and_escape_valid.json", FCR_EPARSE},
    {"i_string_incomplete_surrogate_pair.json", FCR_EPARSE},
    {"i_string_incomplete_surrogates_escape_valid.json", FCR_EPARSE},
    {"i_string_invalid_lonely_surrogate.json", FCR_EPARSE},
    {"i_string_invalid_surrogate.json", FCR_EPARSE},
    {"i_string_invalid_utf-8.json", FCR_EPARSE},
    {"i_string_inverted_surrogates_U+1D11E.json", FCR_EPARSE},
    {"i_string_iso_latin_1.json", FCR_EPARSE},
    {"i_string_lone_second_surrogate.json", FCR_EPARSE},
    {"i_string_lone_utf8_continuation_byte.json", FCR_EPARSE},
    {"i_string_not_in_unicode_range.json", FCR_EPARSE},
    {"i_string_overlong_sequence_2_bytes.json", FCR_EPARSE},
    {"i_string_overlong_sequence_6_bytes.json", FCR_EPARSE},
    {"i_string_overlong_sequence_6_bytes_null.json", FCR_EPARSE},
    {"i_string_truncated-utf-8.json", FCR_EPARSE},
    {"i_string_utf16BE_no_BOM.json", FCR_EPARSE},
    {"i_string_utf16LE_no_BOM.json", FCR_EPARSE},
    {"i_structure_500_nested_arrays.json", FCR_ELIMIT},
    {"i_structure_UTF-8_BOM_empty_object.json", FCR_OK},
};

static void conformance__i_cases_match_docs(void **state)
{
    (void)state;
    size_t count, checked = 0;
    char **names = list_cases(PARSING_DIR, &count);

    for (size_t i = 0; i < count; i++) {
        if (names[i][0] != 'i')
            continue;

        size_t k = 0;
        while (k < FCR__ARRAY_SIZE(i_cases) && strcmp(i_cases[k].name, names[i]) != 0)
            k++;
        if (k == FCR__ARRAY_SIZE(i_cases))
            fail_msg("%s has no documented outcome", names[i]);

        size_t length;
        char *data = read_case(PARSING_DIR, names[i], &length);
        fcr_status status = parse_document(data, length, NULL);
        if (status != i_cases[k].status)
            fail_msg("%s: status %d, documented %d (%s)", names[i], status, i_cases[k].status,
                     fcr_last_error());
        free(data);
        checked++;
    }
    assert_int_equal(checked, FCR__ARRAY_SIZE(i_cases));
    free_names(names, count);
}

static void conformance__500_arrays_pass_raised_limit(void **state)
{
    (void)state;
    size_t length;
    char *data = read_case(PARSING_DIR, "i_structure_500_nested_arrays.json", &length);

    fcr__json_limits limits;
    fcr__json_limits_init(&limits);
    limits.max_depth = 500;
    assert_int_equal(parse_document(data, length, &limits), FCR_OK);
    limits.max_depth = 499;
    assert_int_equal(parse_document(data, length, &limits), FCR_ELIMIT);
    free(data);
}

static void conformance__bom_only_at_start(void **state)
{
    (void)state;
    size_t length;
    char *data = read_case(PARSING_DIR, "i_structure_UTF-8_BOM_empty_object.json", &length);
    assert_int_equal(parse_document(data, length, NULL), FCR_OK);
    free(data);

    /* Anywhere but the first bytes it is not a byte-order mark. */
    static const char after_space[] = " \xEF\xBB\xBF{}";
    assert_int_equal(parse_document(after_space, sizeof after_space - 1, NULL), FCR_EPARSE);
    assert_non_null(strstr(fcr_last_error(), "only allowed as the first bytes"));
    assert_int_equal(fcr_last_error_offset(), 1);

    data = read_case(PARSING_DIR, "n_structure_UTF8_BOM_no_data.json", &length);
    assert_int_equal(parse_document(data, length, NULL), FCR_EPARSE);
    free(data);
}

/* The huge numbers are valid JSON. Their exact values are checked in the
 * transform test below and in unit_json_number.c. */
static void conformance__huge_numbers_convert(void **state)
{
    (void)state;
    static const struct {
        const char *name;
        bool finite;
    } cases[] = {
        {"i_number_double_huge_neg_exp.json", true},
        {"i_number_huge_exp.json", false},
        {"i_number_neg_int_huge_exp.json", false},
        {"i_number_pos_double_huge_exp.json", false},
        {"i_number_real_neg_overflow.json", false},
        {"i_number_real_pos_overflow.json", false},
        {"i_number_real_underflow.json", true},
        {"i_number_too_big_neg_int.json", true},
        {"i_number_too_big_pos_int.json", true},
        {"i_number_very_big_negative_int.json", true},
    };
    fcr__json_parser *parser;
    assert_int_equal(fcr__json_parser_new(&parser, NULL), FCR_OK);

    for (size_t i = 0; i < FCR__ARRAY_SIZE(cases); i++) {
        size_t length;
        char *data = read_case(PARSING_DIR, cases[i].name, &length);
        fcr__json_parser_reset(parser, data, length, NULL);
        assert_int_equal(fcr__json_next(parser), FCR__JSON_ARRAY_BEGIN);
        assert_int_equal(fcr__json_next(parser), FCR__JSON_NUMBER);

        double value = -1;
        int64_t integer;
        if (fcr__json_number_double(parser, &value) != cases[i].finite)
            fail_msg("%s: double conversion should be %s", cases[i].name,
                     cases[i].finite ? "finite" : "out of range");
        assert_false(fcr__json_number_int64(parser, &integer));
        free(data);
    }
    fcr__json_parser_free(parser);
}

/* Parses the single number in a "[number]" transform case. */
static fcr__json_parser *open_number_case(const char *name, char **data)
{
    size_t length;
    *data = read_case(TRANSFORM_DIR, name, &length);
    fcr__json_parser *parser;
    assert_int_equal(fcr__json_parser_new(&parser, NULL), FCR_OK);
    fcr__json_parser_reset(parser, *data, length, NULL);
    assert_int_equal(fcr__json_next(parser), FCR__JSON_ARRAY_BEGIN);
    assert_int_equal(fcr__json_next(parser), FCR__JSON_NUMBER);
    return parser;
}

static void conformance__transform_numbers(void **state)
{
    (void)state;
    static const struct {
        const char *name;
        bool is_int64;
        int64_t integer;
        double real;
    } cases[] = {
        {"number_-9223372036854775808.json", true, INT64_MIN, -9223372036854775808.0},
        {"number_-9223372036854775809.json", false, 0, -9223372036854775808.0},
        {"number_1.0.json", false, 0, 1.0},
        {"number_1.000000000000000005.json", false, 0, 1.0},
        {"number_1000000000000000.json", true, INT64_C(1000000000000000), 1e15},
        {"number_10000000000000000999.json", false, 0, 1e19},
        {"number_1e-999.json", false, 0, 0.0},
        {"number_1e6.json", false, 0, 1e6},
        {"number_9223372036854775807.json", true, INT64_MAX, 9223372036854775807.0},
        {"number_9223372036854775808.json", false, 0, 9223372036854775808.0},
    };

    for (size_t i = 0; i < FCR__ARRAY_SIZE(cases); i++) {
        char *data;
        fcr__json_parser *parser = open_number_case(cases[i].name, &data);

        int64_t integer = 0;
        bool is_int64 = fcr__json_number_int64(parser, &integer);
        if (is_int64 != cases[i].is_int64)
            fail_msg("%s: int64 conversion returned %d", cases[i].name, is_int64);
        if (is_int64)
            assert_true(integer == cases[i].integer);

        double real = -1;
        assert_true(fcr__json_number_double(parser, &real));
        if (real != cases[i].real)
            fail_msg("%s: double %.17g, expected %.17g", cases[i].name, real, cases[i].real);

        assert_int_equal(fcr__json_next(parser), FCR__JSON_ARRAY_END);
        assert_int_equal(fcr__json_next(parser), FCR__JSON_END);
        fcr__json_parser_free(parser);
        free(data);
    }
}

static void conformance__transform_keys_and_strings(void **state)
{
    (void)state;
    static const struct {
        const char *name;
        fcr_status status;
    } cases[] = {
        /* Keys are compared byte for byte after decoding, without Unicode
         * normalization, so the NFC and NFD spellings are two keys. */
        {"object_key_nfc_nfd.json", FCR_OK},
        {"object_key_nfd_nfc.json", FCR_OK},
        {"object_same_key_different_values.json", FCR_EPARSE},
        {"object_same_key_same_value.json", FCR_EPARSE},
        {"object_same_key_unclear_values.json", FCR_EPARSE},
        {"string_1_escaped_invalid_codepoint.json", FCR_EPARSE},
        {"string_1_invalid_codepoint.json", FCR_EPARSE},
        {"string_2_escaped_invalid_codepoints.json", FCR_EPARSE},
        {"string_2_invalid_codepoints.json", FCR_EPARSE},
        {"string_3_escaped_invalid_codepoints.json", FCR_EPARSE},
        {"string_3_invalid_codepoints.json", FCR_EPARSE},
        {"string_with_escaped_NULL.json", FCR_OK},
    };

    for (size_t i = 0; i < FCR__ARRAY_SIZE(cases); i++) {
        size_t length;
        char *data = read_case(TRANSFORM_DIR, cases[i].name, &length);
        fcr_status status = parse_document(data, length, NULL);
        if (status != cases[i].status)
            fail_msg("%s: status %d, expected %d", cases[i].name, status, cases[i].status);
        if (strstr(cases[i].name, "same_key") != NULL)
            assert_non_null(strstr(fcr_last_error(), "duplicate key"));
        free(data);
    }
}

static void conformance__escaped_nul_preserved(void **state)
{
    (void)state;
    size_t length;
    char *data = read_case(TRANSFORM_DIR, "string_with_escaped_NULL.json", &length);
    fcr__json_parser *parser;
    assert_int_equal(fcr__json_parser_new(&parser, NULL), FCR_OK);
    fcr__json_parser_reset(parser, data, length, NULL);

    assert_int_equal(fcr__json_next(parser), FCR__JSON_ARRAY_BEGIN);
    assert_int_equal(fcr__json_next(parser), FCR__JSON_STRING);
    size_t size;
    const char *text = fcr__json_string(parser, &size);
    assert_int_equal(size, 3);
    assert_memory_equal(text, "A\0B", 4);

    fcr__json_parser_free(parser);
    free(data);
}

/* Reads each accepted case through a stream that gets one byte per read,
 * which splits every token between reads. The tokens must not change. */
static void conformance__y_cases_same_through_stream(void **state)
{
    (void)state;
    size_t count;
    char **names = list_cases(PARSING_DIR, &count);
    fcr__json_parser *parser;
    assert_int_equal(fcr__json_parser_new(&parser, NULL), FCR_OK);

    for (size_t i = 0; i < count; i++) {
        if (names[i][0] != 'y' || is_duplicate_key_case(names[i]))
            continue;
        size_t length;
        char *data = read_case(PARSING_DIR, names[i], &length);

        fcr__strbuf expected = FCR__STRBUF_INIT;
        assert_int_equal(json_test_dump(parser, data, length, &expected), FCR__JSON_END);
        fcr__strbuf_putc(&expected, '\n');

        struct json_test_reader reader = {data, length, 0, 1, 0};
        fcr__json_stream *stream;
        if (fcr__json_stream_new(&stream, json_test_read, &reader, names[i], NULL) != FCR_OK)
            fail_msg("%s: %s", names[i], fcr_last_error());
        fcr__strbuf got = FCR__STRBUF_INIT;
        fcr_status status = json_test_dump_stream(stream, &got);
        if (status != FCR_OK)
            fail_msg("%s through a stream: %s", names[i], fcr_last_error());
        if (strcmp(expected.data, got.data) != 0)
            fail_msg("%s: stream tokens differ\n%s\n%s", names[i], expected.data, got.data);

        fcr__json_stream_free(stream);
        fcr__strbuf_free(&expected);
        fcr__strbuf_free(&got);
        free(data);
    }
    fcr__json_parser_free(parser);
    free_names(names, count);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(conformance__y_cases_accepted),
        cmocka_unit_test(conformance__y_duplicate_keys_rejected),
        cmocka_unit_test(conformance__n_cases_rejected),
        cmocka_unit_test(conformance__i_cases_match_docs),
        cmocka_unit_test(conformance__500_arrays_pass_raised_limit),
        cmocka_unit_test(conformance__bom_only_at_start),
        cmocka_unit_test(conformance__huge_numbers_convert),
        cmocka_unit_test(conformance__transform_numbers),
        cmocka_unit_test(conformance__transform_keys_and_strings),
        cmocka_unit_test(conformance__escaped_nul_preserved),
        cmocka_unit_test(conformance__y_cases_same_through_stream),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
