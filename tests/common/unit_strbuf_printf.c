/* SPDX-License-Identifier: MIT */
/*
 * fcr__strbuf_printf() writes plain %s and integer conversions itself and
 * hands every other format to vsnprintf(). Both ways must give the text
 * that snprintf() gives.
 */
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "internal.h"
#include "test_support.h"

/* Formats with fcr__strbuf_printf() into a fresh buffer and checks the
 * text. */
#define EXPECT_TEXT(expected, ...)                                                  \
    do {                                                                            \
        fcr__strbuf buffer_ = FCR__STRBUF_INIT;                                     \
        assert_int_equal(fcr__strbuf_printf(&buffer_, __VA_ARGS__), FCR_OK);        \
        assert_non_null(buffer_.data);                                              \
        assert_string_equal(buffer_.data, expected);                                \
        assert_int_equal(buffer_.length, strlen(expected));                         \
        fcr__strbuf_free(&buffer_);                                                 \
    } while (0)

/* Formats with both fcr__strbuf_printf() and snprintf() and compares. */
#define EXPECT_LIKE_SNPRINTF(...)                                                   \
    do {                                                                            \
        char expected_[8192];                                                       \
        snprintf(expected_, sizeof expected_, __VA_ARGS__);                         \
        EXPECT_TEXT(expected_, __VA_ARGS__);                                        \
    } while (0)

static void strbuf_printf_plain_conversions(void **state)
{
    (void)state;
    EXPECT_LIKE_SNPRINTF("An open-ended question was asked %s.", "before the first outcome");
    EXPECT_LIKE_SNPRINTF("%sConcern %s was not restated.", "", "c1");
    EXPECT_LIKE_SNPRINTF("Identity was verified with %zu person-specific identifier types %s.",
                         (size_t)2, "during the call");
    EXPECT_LIKE_SNPRINTF("Only %zu of the %u required types", (size_t)0, 3u);
    EXPECT_LIKE_SNPRINTF("documented %lld minutes after, later than the %lld-minute window.",
                         (long long)-42, (long long)1440);
    EXPECT_LIKE_SNPRINTF("%d %d %d %d", 0, -1, INT_MAX, INT_MIN);
    EXPECT_LIKE_SNPRINTF("%u %u", 0u, UINT_MAX);
    EXPECT_LIKE_SNPRINTF("%zu %zu", (size_t)0, SIZE_MAX);
    EXPECT_LIKE_SNPRINTF("%lld %lld %lld", 0LL, LLONG_MAX, LLONG_MIN);
    EXPECT_LIKE_SNPRINTF("%llu %llu", 0ULL, ULLONG_MAX);
    EXPECT_LIKE_SNPRINTF("100%% of %s", "calls");
    EXPECT_LIKE_SNPRINTF("%s%s%s", "", "", "");
    EXPECT_LIKE_SNPRINTF("no conversion at all");
}

static void strbuf_printf_other_conversions(void **state)
{
    (void)state;
    EXPECT_LIKE_SNPRINTF("%-38s %-9s %s", "Asked open-ended questions", "yes", "note");
    EXPECT_LIKE_SNPRINTF("%.64s|%5d|%02u|%7llu", "text", 42, 7u, 12345ULL);
    EXPECT_LIKE_SNPRINTF("%s and %x", "hex", 255u);
    EXPECT_LIKE_SNPRINTF("%s %c", "char", 'c');
    EXPECT_LIKE_SNPRINTF("%zd", (ssize_t)-5);
    EXPECT_LIKE_SNPRINTF("%ld %lu", -5L, 5UL);
    EXPECT_LIKE_SNPRINTF("%.2f", 87.5);
}

static void strbuf_printf_appends(void **state)
{
    (void)state;
    fcr__strbuf buffer = FCR__STRBUF_INIT;
    assert_int_equal(fcr__strbuf_printf(&buffer, "%s", "The recap "), FCR_OK);
    assert_int_equal(fcr__strbuf_printf(&buffer, "does not cover concern %s.", "c2"), FCR_OK);
    assert_int_equal(fcr__strbuf_printf(&buffer, " %-4s|", "ab"), FCR_OK);
    assert_string_equal(buffer.data, "The recap does not cover concern c2. ab  |");
    fcr__strbuf_free(&buffer);
}

static void strbuf_printf_long_text(void **state)
{
    (void)state;
    char long_text[3000];
    memset(long_text, 'x', sizeof long_text - 1);
    long_text[sizeof long_text - 1] = '\0';
    EXPECT_LIKE_SNPRINTF("[%s] %zu", long_text, sizeof long_text);
    EXPECT_LIKE_SNPRINTF("[%-3000s] %5zu", long_text, sizeof long_text);
}

static void strbuf_printf_after_failure(void **state)
{
    (void)state;
    fcr__strbuf buffer = FCR__STRBUF_INIT;
    buffer.failed = true;
    assert_int_equal(fcr__strbuf_printf(&buffer, "%s", "lost"), FCR_ENOMEM);
    assert_int_equal(fcr__strbuf_printf(&buffer, "%5s", "lost"), FCR_ENOMEM);
    assert_int_equal(buffer.length, 0);
    fcr__strbuf_free(&buffer);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(strbuf_printf_plain_conversions),
        cmocka_unit_test(strbuf_printf_other_conversions),
        cmocka_unit_test(strbuf_printf_appends),
        cmocka_unit_test(strbuf_printf_long_text),
        cmocka_unit_test(strbuf_printf_after_failure),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
