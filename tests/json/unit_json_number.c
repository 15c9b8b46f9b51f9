/* SPDX-License-Identifier: MIT */
/* Number text to int64_t and double, and the shortest text of a double,
 * independent of the process locale. */
#include <float.h>
#include <locale.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "json_test_helpers.h"

static bool text_int64(const char *text, int64_t *out)
{
    return fcr__json_text_int64(text, strlen(text), out);
}

static bool text_double(const char *text, double *out)
{
    return fcr__json_text_double(text, strlen(text), out);
}

static void number__int64_exact_only(void **state)
{
    (void)state;
    static const struct {
        const char *text;
        bool ok;
        int64_t value;
    } cases[] = {
        {"0", true, 0},
        {"-0", true, 0},
        {"7", true, 7},
        {"-42", true, -42},
        {"9223372036854775807", true, INT64_MAX},
        {"-9223372036854775808", true, INT64_MIN},
        {"9223372036854775808", false, 0},
        {"-9223372036854775809", false, 0},
        {"18446744073709551616", false, 0},
        {"99999999999999999999999", false, 0},
        {"1.0", false, 0},
        {"1e3", false, 0},
        {"1E0", false, 0},
        {"-", false, 0},
    };

    for (size_t i = 0; i < FCR__ARRAY_SIZE(cases); i++) {
        int64_t value = 12345;
        bool ok = text_int64(cases[i].text, &value);
        if (ok != cases[i].ok)
            fail_msg("%s: returned %d", cases[i].text, ok);
        if (ok)
            assert_true(value == cases[i].value);
        else
            assert_true(value == 12345);
    }
}

static void number__double_values(void **state)
{
    (void)state;
    static const struct {
        const char *text;
        double value;
    } cases[] = {
        {"0", 0.0},
        {"1", 1.0},
        {"-1.5", -1.5},
        {"0.1", 0.1},
        {"3.141592653589793", 3.141592653589793},
        {"1e22", 1e22},
        {"1e23", 1e23},
        {"1E-22", 1e-22},
        {"123456789012345678", 123456789012345678.0},
        {"9007199254740993", 9007199254740992.0},
        {"1.7976931348623157e308", DBL_MAX},
        {"2.2250738585072014e-308", DBL_MIN},
        {"4.9406564584124654e-324", 4.9406564584124654e-324},
        {"2.4703282292062328e-324", 4.9406564584124654e-324},
        {"2.4703282292062327e-324", 0.0},
        {"1e-400", 0.0},
        {"0.000000000000000000000000000001", 1e-30},
        {"100000000000000000000000000000000000000000000000000", 1e50},
        {"1.00000000000000011102230246251565404236316680908203125", 1.0},
        {"1.00000000000000011102230246251565404236316680908203126", 1.0000000000000002},
        {"0e999999999999999999999", 0.0},
        {"1.5e+0002", 150.0},
    };

    for (size_t i = 0; i < FCR__ARRAY_SIZE(cases); i++) {
        double value = -99;
        if (!text_double(cases[i].text, &value))
            fail_msg("%s: not converted", cases[i].text);
        if (value != cases[i].value)
            fail_msg("%s: %.17g, expected %.17g", cases[i].text, value, cases[i].value);
    }

    double value = 1;
    assert_true(text_double("-0", &value));
    assert_true(value == 0 && signbit(value));
    assert_true(text_double("-0.0e5", &value));
    assert_true(value == 0 && signbit(value));
}

static void number__double_out_of_range(void **state)
{
    (void)state;
    static const char *const cases[] = {"1e400", "-1e400", "1.8e308", "1e99999999999999999999",
                                        "123123e100000"};
    for (size_t i = 0; i < FCR__ARRAY_SIZE(cases); i++) {
        double value = 5;
        if (text_double(cases[i], &value))
            fail_msg("%s: converted to %g", cases[i], value);
        assert_true(value == 5);
    }
}

/* Numbers with more digits than are kept exactly: the exact halfway point
 * between 1 and the next double, with 1000 trailing zeros and then a 1. */
static void number__double_many_digits(void **state)
{
    (void)state;
    const char *halfway = "1.00000000000000011102230246251565404236316680908203125";
    size_t size = strlen(halfway) + 1100;
    char *text = malloc(size);
    assert_non_null(text);

    strcpy(text, halfway);
    memset(text + strlen(halfway), '0', 1000);
    strcpy(text + strlen(halfway) + 1000, "1");
    double value;
    assert_true(text_double(text, &value));
    assert_true(value == 1.0000000000000002);

    strcpy(text + strlen(halfway) + 1000, "0");
    assert_true(text_double(text, &value));
    assert_true(value == 1.0);

    memset(text, '0', size - 1);
    text[size - 1] = '\0';
    text[1] = '.';
    text[size - 3] = '1';
    assert_true(text_double(text, &value));
    assert_true(value == 0.0);
    free(text);
}

/* Every double written must read back the same, and the values whose
 * shortest text is known must get exactly that text. */
static void number__format_round_trip(void **state)
{
    (void)state;
    static const struct {
        double value;
        const char *text;
    } known[] = {
        {0.0, "0"},          {1.0, "1"},           {-2.5, "-2.5"},
        {0.1, "0.1"},        {1e21, "1e+21"},      {123456.789, "123456.789"},
        {5e-324, "5e-324"},  {DBL_MAX, "1.7976931348623157e+308"},
        {0.1 + 0.2, "0.30000000000000004"},       {1.0 / 3, "0.3333333333333333"},
    };
    char text[FCR__JSON_DOUBLE_TEXT_SIZE];

    for (size_t i = 0; i < FCR__ARRAY_SIZE(known); i++) {
        size_t length = fcr__json_format_double(known[i].value, text);
        assert_int_equal(length, strlen(text));
        assert_string_equal(text, known[i].text);
    }

    size_t length = fcr__json_format_double(-0.0, text);
    assert_string_equal(text, "-0");
    assert_int_equal(length, 2);

    /* Pseudo-random bit patterns over the whole finite range. */
    uint64_t seed = UINT64_C(0x243F6A8885A308D3);
    for (int i = 0; i < 200000; i++) {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        double value;
        memcpy(&value, &seed, sizeof value);
        if (!isfinite(value))
            continue;

        length = fcr__json_format_double(value, text);
        double back;
        assert_true(length > 0 && length < sizeof text);
        if (!fcr__json_text_double(text, length, &back) || back != value)
            fail_msg("%.17g was written as %s", value, text);
        assert_null(strchr(text, ','));
    }
}

/* glibc names comma locales differently on each system, so try a few. */
static const char *comma_locale(void)
{
    static const char *const names[] = {"de_DE.UTF-8", "de_DE.utf8", "fr_FR.UTF-8",
                                        "fr_FR.utf8",  "de_DE",      "fr_FR",
                                        "nl_NL.UTF-8", "ru_RU.UTF-8", "pt_BR.UTF-8"};
    for (size_t i = 0; i < FCR__ARRAY_SIZE(names); i++) {
        if (setlocale(LC_NUMERIC, names[i]) != NULL &&
            strcmp(localeconv()->decimal_point, ",") == 0)
            return names[i];
    }
    setlocale(LC_NUMERIC, "C");
    return NULL;
}

static void number__comma_locale_independent(void **state)
{
    (void)state;
    const char *name = comma_locale();
    if (name == NULL) {
        print_message("no locale with a comma decimal point is installed; skipping the "
                      "comma locale checks\n");
        skip();
        return;
    }

    char text[FCR__JSON_DOUBLE_TEXT_SIZE];
    fcr__json_format_double(2.5, text);
    assert_string_equal(text, "2.5");
    fcr__json_format_double(0.30000000000000004, text);
    assert_string_equal(text, "0.30000000000000004");

    double value;
    assert_true(text_double("2.5", &value));
    assert_true(value == 2.5);
    assert_true(text_double("1.00000000000000011102230246251565404236316680908203126", &value));
    assert_true(value == 1.0000000000000002);
    assert_true(text_double("123.456e-300", &value));
    assert_true(value == 123.456e-300);

    setlocale(LC_NUMERIC, "C");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(number__int64_exact_only),
        cmocka_unit_test(number__double_values),
        cmocka_unit_test(number__double_out_of_range),
        cmocka_unit_test(number__double_many_digits),
        cmocka_unit_test(number__format_round_trip),
        cmocka_unit_test(number__comma_locale_independent),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
