/* SPDX-License-Identifier: MIT */
/*
 * The shared test vectors in tests/vectors/<name>/: each folder contains a call
 * record (call.json, and policy.json when the call needs its own policy)
 * and the expected scorecard, note and recap outputs. Every expected file
 * must match the library's output byte for byte, and QA-profile notes must
 * not contain the call's free text.
 *
 * With --write, the program writes the expected files instead of checking
 * them (see tests/vectors/README.md); read every changed file before
 * committing it.
 */
#include <dirent.h>
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "test_support.h"

#define VECTOR_DIR FCR_SOURCE_DIR "/tests/vectors"
#define MAX_VECTORS 64
#define MAX_OUTPUTS 16

typedef struct output {
    const char *file; /* name inside the vector folder */
    char *text;       /* allocated with malloc */
} output;

typedef struct vector {
    char name[128];
    output outputs[MAX_OUTPUTS];
    size_t output_count;
} vector;

static char *path_in(const char *vector_name, const char *file)
{
    static char path[4096];
    snprintf(path, sizeof path, "%s/%s/%s", VECTOR_DIR, vector_name, file);
    return path;
}

static bool file_exists(const char *path)
{
    struct stat info;
    return stat(path, &info) == 0;
}

/* Copies a library string into malloc'd memory and frees the original. */
static char *take(char *library_text)
{
    size_t length = strlen(library_text);
    char *copy = malloc(length + 1);
    if (copy != NULL)
        memcpy(copy, library_text, length + 1);
    fcr_free(library_text);
    return copy;
}

static char *concat(const char *a, const char *b)
{
    size_t a_length = strlen(a), b_length = strlen(b);
    char *joined = malloc(a_length + b_length + 1);
    if (joined != NULL) {
        memcpy(joined, a, a_length);
        memcpy(joined + a_length, b, b_length + 1);
    }
    return joined;
}

static void add_output(vector *v, const char *file, char *text)
{
    if (text == NULL || v->output_count == MAX_OUTPUTS) {
        fprintf(stderr, "%s: out of memory or too many outputs\n", v->name);
        exit(1);
    }
    v->outputs[v->output_count].file = file;
    v->outputs[v->output_count].text = text;
    v->output_count++;
}

/* Reads the vector's call with its policy. Returns NULL and prints why on
 * failure; the caller reports it. */
static fcr_call *load_call(const char *name)
{
    fcr_policy *policy = NULL;
    const char *policy_path = path_in(name, "policy.json");
    fcr_status status = file_exists(policy_path) ? fcr_policy_load_file(&policy, policy_path)
                                                 : fcr_policy_new(&policy);
    if (status != FCR_OK) {
        fprintf(stderr, "%s: policy.json is invalid: %s\n", name, fcr_last_error());
        return NULL;
    }

    size_t length = 0;
    char *json = test_read_file(path_in(name, "call.json"), &length);
    fcr_call *call = NULL;
    status = fcr_call_from_json(&call, policy, FCR_MODE_REPLAY, json, length, "call.json");
    free(json);
    fcr_policy_free(policy);
    if (status != FCR_OK) {
        fprintf(stderr, "%s: call.json is invalid: %s\n", name, fcr_last_error());
        return NULL;
    }
    return call;
}

static char *scorecard_output(const fcr_scorecard *scorecard, fcr_scorecard_format format)
{
    char *text = NULL;
    if (fcr_scorecard_write(&text, scorecard, format, FCR_PROFILE_CHART) != FCR_OK)
        fail_msg("fcr_scorecard_write failed: %s", fcr_last_error());
    return take(text);
}

static char *note_output(const fcr_call *call, fcr_note_format format, fcr_profile profile)
{
    char *text = NULL;
    fcr_status status = fcr_note_write(&text, call, format, profile);
    if (status != FCR_OK)
        fail_msg("fcr_note_write(format %d, profile %d) failed: %s", (int)format, (int)profile,
                 fcr_last_error());
    return take(text);
}

/* Renders every output of a vector, in the order of tests/vectors/README.md. */
static void render(vector *v, const fcr_call *call)
{
    fcr_scorecard *scorecard = NULL;
    if (fcr_scorecard_new(&scorecard, call) != FCR_OK)
        fail_msg("%s: fcr_scorecard_new failed: %s", v->name, fcr_last_error());
    add_output(v, "scorecard.txt", scorecard_output(scorecard, FCR_SCORECARD_TEXT));
    add_output(v, "scorecard.json", scorecard_output(scorecard, FCR_SCORECARD_JSON));
    char *row = scorecard_output(scorecard, FCR_SCORECARD_CSV);
    add_output(v, "scorecard.csv", concat(fcr_scorecard_csv_header(), row));
    free(row);
    fcr_scorecard_free(scorecard);

    add_output(v, "note.txt", note_output(call, FCR_NOTE_TEXT, FCR_PROFILE_CHART));
    add_output(v, "note.line.txt", note_output(call, FCR_NOTE_LINE, FCR_PROFILE_CHART));
    add_output(v, "note.json", note_output(call, FCR_NOTE_JSON, FCR_PROFILE_CHART));
    add_output(v, "note.fhir.json", note_output(call, FCR_NOTE_FHIR, FCR_PROFILE_CHART));
    add_output(v, "note.qa.txt", note_output(call, FCR_NOTE_TEXT, FCR_PROFILE_QA));
    add_output(v, "note.qa.line.txt", note_output(call, FCR_NOTE_LINE, FCR_PROFILE_QA));
    add_output(v, "note.qa.json", note_output(call, FCR_NOTE_JSON, FCR_PROFILE_QA));
    add_output(v, "note.qa.fhir.json", note_output(call, FCR_NOTE_FHIR, FCR_PROFILE_QA));

    char *recap = NULL;
    if (fcr_recap_write(&recap, call) != FCR_OK)
        fail_msg("%s: fcr_recap_write failed: %s", v->name, fcr_last_error());
    add_output(v, "recap.txt", take(recap));
}

static void vector_free_outputs(vector *v)
{
    for (size_t i = 0; i < v->output_count; i++)
        free(v->outputs[i].text);
    v->output_count = 0;
}

/* Prints the first line where two texts differ, with both versions of it. */
static void report_difference(const char *path, const char *expected, const char *actual)
{
    size_t line = 1, column = 1, i = 0;
    const char *expected_line = expected, *actual_line = actual;
    for (; expected[i] != '\0' && expected[i] == actual[i]; i++) {
        column++;
        if (expected[i] == '\n') {
            line++;
            column = 1;
            expected_line = expected + i + 1;
            actual_line = actual + i + 1;
        }
    }

    size_t expected_length = strcspn(expected_line, "\n");
    size_t actual_length = strcspn(actual_line, "\n");
    print_error("%s differs from the output at line %zu, column %zu:\n"
                "  expected: %.*s%s\n"
                "  actual:   %.*s%s\n"
                "Regenerate with `note.test_vectors --write` if the change is intended, then "
                "read the diff.\n",
                path, line, column, (int)expected_length, expected_line,
                expected[i] == '\0' && expected_line[expected_length] == '\0' ? " <end>" : "",
                (int)actual_length, actual_line,
                actual[i] == '\0' && actual_line[actual_length] == '\0' ? " <end>" : "");
}

static void test_vector_outputs(void **state)
{
    const char *name = *state;
    fcr_call *call = load_call(name);
    if (call == NULL)
        fail_msg("vector %s cannot be read", name);

    vector v;
    memset(&v, 0, sizeof v);
    snprintf(v.name, sizeof v.name, "%s", name);
    render(&v, call);

    int mismatches = 0;
    for (size_t i = 0; i < v.output_count; i++) {
        const char *path = path_in(name, v.outputs[i].file);
        if (!file_exists(path)) {
            print_error("%s is missing; regenerate with `note.test_vectors --write`\n", path);
            mismatches++;
            continue;
        }
        char *expected = test_read_file(path, NULL);
        if (strcmp(expected, v.outputs[i].text) != 0) {
            report_difference(path, expected, v.outputs[i].text);
            mismatches++;
        }
        free(expected);
    }

    vector_free_outputs(&v);
    fcr_call_free(call);
    if (mismatches > 0)
        fail_msg("%d output(s) of vector %s differ from the expected files", mismatches, name);
}

/* Fails when `needle` occurs in the QA output of `format`. */
static void assert_absent(const char *vector_name, const char *format_name, const char *output,
                          const char *what, const char *needle)
{
    if (needle == NULL || needle[0] == '\0')
        return;
    if (strstr(output, needle) != NULL)
        fail_msg("%s: the QA %s note shows the %s", vector_name, format_name, what);
}

static bool same_ascii_words(const char *a, const char *b)
{
    for (; *a != '\0' && *b != '\0'; a++, b++) {
        char x = *a >= 'A' && *a <= 'Z' ? (char)(*a - 'A' + 'a') : *a;
        char y = *b >= 'A' && *b <= 'Z' ? (char)(*b - 'A' + 'a') : *b;
        if (x != y)
            return false;
    }
    return *a == *b;
}

static void test_vector_qa_masking(void **state)
{
    const char *name = *state;
    fcr_call *call = load_call(name);
    if (call == NULL)
        fail_msg("vector %s cannot be read", name);

    static const struct {
        fcr_note_format format;
        const char *name;
    } formats[] = {
        {FCR_NOTE_TEXT, "text"},
        {FCR_NOTE_LINE, "line"},
        {FCR_NOTE_JSON, "JSON"},
        {FCR_NOTE_FHIR, "FHIR"},
    };
    const fcr_policy *policy = fcr_call_policy(call);

    for (size_t f = 0; f < sizeof formats / sizeof formats[0]; f++) {
        char *qa = NULL;
        assert_int_equal(fcr_note_write(&qa, call, formats[f].format, FCR_PROFILE_QA), FCR_OK);
        assert_non_null(strstr(qa, "[redacted]"));
        assert_absent(name, formats[f].name, qa, "patient key", fcr_call_patient_key(call));

        for (size_t i = 0; i < fcr_call_concern_count(call); i++) {
            const fcr_concern *concern = fcr_call_concern(call, i);
            assert_absent(name, formats[f].name, qa, "request", fcr_concern_request(concern));
            assert_absent(name, formats[f].name, qa, "action", fcr_concern_action(concern));
            assert_absent(name, formats[f].name, qa, "next step", fcr_concern_next_step(concern));
            assert_absent(name, formats[f].name, qa, "reason", fcr_concern_reason(concern));

            /* An owner written like the target's label is shown as that label,
             * which is policy text, not the caller's. */
            const char *owner = fcr_concern_owner(concern);
            const char *target = fcr_concern_target(concern);
            const char *label = target != NULL ? fcr_policy_label(policy, FCR_POLICY_TARGET, target) : NULL;
            if (owner != NULL && (label == NULL || !same_ascii_words(owner, label)))
                assert_absent(name, formats[f].name, qa, "owner", owner);
        }
        fcr_free(qa);
    }
    fcr_call_free(call);
}

/* examples/data/ contains five of the vector calls as sample data, which
 * must stay the same records. */
static void test_examples_match_vectors(void **state)
{
    (void)state;
    static const char *const samples[] = {"reference", "justified_escalation",
                                          "unnecessary_escalation", "missing_identity",
                                          "anything_else_loop"};
    for (size_t i = 0; i < sizeof samples / sizeof samples[0]; i++) {
        char example_path[4096];
        snprintf(example_path, sizeof example_path, "%s/examples/data/%s.json", FCR_SOURCE_DIR,
                 samples[i]);
        char *example = test_read_file(example_path, NULL);
        char *vector_call = test_read_file(path_in(samples[i], "call.json"), NULL);
        if (strcmp(example, vector_call) != 0)
            fail_msg("%s differs from tests/vectors/%s/call.json; copy the vector over it",
                     example_path, samples[i]);
        free(example);
        free(vector_call);
    }
}

static int compare_names(const void *a, const void *b)
{
    return strcmp((const char *)a, (const char *)b);
}

/* Lists the vector folders, sorted, into names. */
static size_t list_vectors(char names[][128], size_t capacity)
{
    DIR *dir = opendir(VECTOR_DIR);
    if (dir == NULL) {
        fprintf(stderr, "failed to open %s: %s\n", VECTOR_DIR, strerror(errno));
        exit(1);
    }

    size_t count = 0;
    struct dirent *entry;
    while ((entry = readdir(dir)) != NULL) {
        if (entry->d_name[0] == '.' || !file_exists(path_in(entry->d_name, "call.json")))
            continue;
        if (count == capacity) {
            fprintf(stderr, "more than %zu vectors; raise MAX_VECTORS\n", capacity);
            exit(1);
        }
        size_t length = strlen(entry->d_name);
        if (length >= sizeof names[0]) {
            fprintf(stderr, "vector name %s is longer than %zu bytes\n", entry->d_name,
                    sizeof names[0] - 1);
            exit(1);
        }
        memcpy(names[count++], entry->d_name, length + 1);
    }
    closedir(dir);
    qsort(names, count, sizeof names[0], compare_names);
    return count;
}

static int write_vectors(char names[][128], size_t count)
{
    for (size_t n = 0; n < count; n++) {
        fcr_call *call = load_call(names[n]);
        if (call == NULL)
            return 1;
        vector v;
        memset(&v, 0, sizeof v);
        snprintf(v.name, sizeof v.name, "%s", names[n]);
        render(&v, call);
        fcr_call_free(call);

        for (size_t i = 0; i < v.output_count; i++) {
            const char *path = path_in(names[n], v.outputs[i].file);
            FILE *file = fopen(path, "wb");
            size_t length = strlen(v.outputs[i].text);
            if (file == NULL || fwrite(v.outputs[i].text, 1, length, file) != length ||
                fclose(file) != 0) {
                fprintf(stderr, "failed to write %s: %s\n", path, strerror(errno));
                return 1;
            }
            printf("wrote %s\n", path);
        }
        vector_free_outputs(&v);
    }
    return 0;
}

int main(int argc, char **argv)
{
    static char names[MAX_VECTORS][128];
    size_t count = list_vectors(names, MAX_VECTORS);
    if (count == 0) {
        fprintf(stderr, "no vectors found in %s\n", VECTOR_DIR);
        return 1;
    }

    if (argc == 2 && strcmp(argv[1], "--write") == 0)
        return write_vectors(names, count);
    if (argc != 1) {
        fprintf(stderr, "usage: %s [--write]\n", argv[0]);
        return 2;
    }

    static struct CMUnitTest tests[2 * MAX_VECTORS + 1];
    static char test_names[2 * MAX_VECTORS][160];
    size_t test_count = 0;
    for (size_t i = 0; i < count; i++) {
        snprintf(test_names[test_count], sizeof test_names[0], "%s outputs", names[i]);
        tests[test_count] = (struct CMUnitTest){
            .name = test_names[test_count],
            .test_func = test_vector_outputs,
            .initial_state = names[i],
        };
        test_count++;
        snprintf(test_names[test_count], sizeof test_names[0], "%s QA masking", names[i]);
        tests[test_count] = (struct CMUnitTest){
            .name = test_names[test_count],
            .test_func = test_vector_qa_masking,
            .initial_state = names[i],
        };
        test_count++;
    }
    tests[test_count++] = (struct CMUnitTest){
        .name = "examples match vectors",
        .test_func = test_examples_match_vectors,
    };
    return _cmocka_run_group_tests("vectors", tests, test_count, NULL, NULL);
}
