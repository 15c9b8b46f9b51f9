/* SPDX-License-Identifier: MIT */
/* The built-in rule set against its documented file. */
#include <stdlib.h>
#include <string.h>

#include "rules.h"
#include "test_support.h"

static void rules__default_document_is_en_json(void **state)
{
    (void)state;
    size_t file_length = 0;
    char *file = test_read_file(FCR_SOURCE_DIR "/data/rules/en.json", &file_length);
    char *document = NULL;
    size_t document_length = 0;
    assert_int_equal(fcr__rules_default_document(&document, &document_length), FCR_OK);

    /* On a mismatch, name the first line that differs. */
    size_t line = 1;
    for (size_t i = 0; i < file_length && i < document_length; i++) {
        if (document[i] != file[i])
            fail_msg("src/rules_defaults.c and data/rules/en.json differ at line %zu", line);
        line += file[i] == '\n';
    }
    assert_int_equal(document_length, file_length);
    fcr__free(document);
    free(file);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(rules__default_document_is_en_json),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
