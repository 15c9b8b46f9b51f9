/* SPDX-License-Identifier: MIT */
/*
 * fcr__format_fixed(), which scorecards and metrics use for their numbers.
 * The reference below formats the same rounded integers with snprintf(), as
 * the function itself did before it wrote its digits directly.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "test_support.h"
#include "text_format.h"

static void reference_format(double value, int decimals, char out[32])
{
    if (!isfinite(value) || fabs(value) > 1e12) {
        snprintf(out, 32, "0");
        return;
    }
    int64_t scale = 1;
    for (int i = 0; i < decimals; i++)
        scale *= 10;
    int64_t scaled = (int64_t)llround(fabs(value) * (double)scale);
    const char *sign = value < 0 && scaled != 0 ? "-" : "";
    if (decimals == 0)
        snprintf(out, 32, "%s%lld", sign, (long long)(scaled / scale));
    else
        snprintf(out, 32, "%s%lld.%0*lld", sign, (long long)(scaled / scale), decimals,
                 (long long)(scaled % scale));
}

static void expect_format(double value, int decimals, const char *expected)
{
    char out[32];
    fcr__format_fixed(value, decimals, out);
    if (strcmp(out, expected) != 0)
        fail_msg("%.17g with %d decimals gave \"%s\", expected \"%s\"", value, decimals, out,
                 expected);
}

static void format_fixed_examples(void **state)
{
    (void)state;
    expect_format(87.5, 2, "87.50");
    expect_format(100.0, 2, "100.00");
    expect_format(0.0, 2, "0.00");
    expect_format(-0.0, 2, "0.00");
    expect_format(-0.001, 2, "0.00");
    expect_format(-2.5, 1, "-2.5");
    expect_format(66.666666, 2, "66.67");
    expect_format(0.05, 1, "0.1");
    expect_format(12.3456789, 6, "12.345679");
    expect_format(7.0, 0, "7");
    expect_format(7.5, 0, "8");
    expect_format(0.000001, 6, "0.000001");
    expect_format(1e12, 2, "1000000000000.00");
    expect_format(-1e12, 0, "-1000000000000");
    expect_format(1.5e12, 2, "0");
    expect_format(INFINITY, 2, "0");
    expect_format(NAN, 2, "0");
}

static void format_fixed_clamps_decimals(void **state)
{
    (void)state;
    expect_format(1.25, -3, "1");
    expect_format(1.25, 9, "1.250000");
}

static void format_fixed_matches_snprintf(void **state)
{
    (void)state;
    /* Scores are 100 * met / applicable weights, so fractions of small
     * integers come first, then values across the whole range. */
    for (int decimals = 0; decimals <= 6; decimals++) {
        for (int numerator = -300; numerator <= 300; numerator++) {
            for (int denominator = 1; denominator <= 13; denominator++) {
                double value = 100.0 * numerator / denominator;
                char expected[32];
                reference_format(value, decimals, expected);
                expect_format(value, decimals, expected);
            }
        }
        for (double value = 1e-7; value < 2e12; value *= 1.37) {
            char expected[32];
            reference_format(value, decimals, expected);
            expect_format(value, decimals, expected);
            reference_format(-value, decimals, expected);
            expect_format(-value, decimals, expected);
        }
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(format_fixed_examples),
        cmocka_unit_test(format_fixed_clamps_decimals),
        cmocka_unit_test(format_fixed_matches_snprintf),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
