/* SPDX-License-Identifier: MIT */
/*
 * Note benchmark: how many chart notes per second libfcr writes, in each
 * format, from calls already in memory.
 *
 *   bench_notes FILE [--calls N] [--repeats R]
 *
 * Reads up to N calls of FILE (JSON Lines of fcr.call/1, default 10,000).
 * Then it writes every call's output of each kind, R times (default 5).
 * For each kind it prints one JSON object: the median and minimum CPU
 * seconds over the repeats, the median ratio to the yardstick and the
 * bytes of one repeat. The yardstick is
 * fcr_call_to_json(), which writes the record itself back as compact JSON:
 * the least work any output of the same call needs.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <fcr/fcr.h>

typedef enum output_kind {
    OUTPUT_TEXT,
    OUTPUT_LINE,
    OUTPUT_JSON,
    OUTPUT_FHIR,
    OUTPUT_FHIR_QA,
    OUTPUT_RECAP,
    OUTPUT_RECORD_JSON,
    OUTPUT_COUNT
} output_kind;

static const char *const output_names[OUTPUT_COUNT] = {
    "note_text", "note_line", "note_json", "note_fhir", "note_fhir_qa", "recap", "record_json",
};

static void fail(const char *what, fcr_status status)
{
    fprintf(stderr, "bench_notes: %s failed: %s: %s\n", what, fcr_strerror(status),
            fcr_last_error());
    exit(1);
}

static fcr_status write_output(char **out, const fcr_call *call, output_kind kind)
{
    switch (kind) {
    case OUTPUT_TEXT:
        return fcr_note_write(out, call, FCR_NOTE_TEXT, FCR_PROFILE_CHART);
    case OUTPUT_LINE:
        return fcr_note_write(out, call, FCR_NOTE_LINE, FCR_PROFILE_CHART);
    case OUTPUT_JSON:
        return fcr_note_write(out, call, FCR_NOTE_JSON, FCR_PROFILE_CHART);
    case OUTPUT_FHIR:
        return fcr_note_write(out, call, FCR_NOTE_FHIR, FCR_PROFILE_CHART);
    case OUTPUT_FHIR_QA:
        return fcr_note_write(out, call, FCR_NOTE_FHIR, FCR_PROFILE_QA);
    case OUTPUT_RECAP:
        return fcr_recap_write(out, call);
    default:
        return fcr_call_to_json(out, call, 0);
    }
}

static double now_seconds(void)
{
    struct timespec time;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &time);
    return (double)time.tv_sec + (double)time.tv_nsec / 1e9;
}

static int compare_doubles(const void *left, const void *right)
{
    double a = *(const double *)left, b = *(const double *)right;
    return (a > b) - (a < b);
}

int main(int argc, char **argv)
{
    const char *path = NULL;
    size_t limit = 10000;
    int repeats = 5;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--calls") == 0 && i + 1 < argc)
            limit = strtoul(argv[++i], NULL, 10);
        else if (strcmp(argv[i], "--repeats") == 0 && i + 1 < argc)
            repeats = atoi(argv[++i]);
        else if (path == NULL && argv[i][0] != '-')
            path = argv[i];
        else {
            path = NULL; /* an unknown argument: print the usage */
            break;
        }
    }
    if (path == NULL || limit == 0 || repeats < 1 || repeats > 1000) {
        fprintf(stderr, "usage: bench_notes FILE [--calls N] [--repeats R]\n"
                        "  N at least 1 (default 10000), R from 1 to 1000 (default 5)\n");
        return 2;
    }

    fcr_policy *policy = NULL;
    fcr_status status = fcr_policy_new(&policy);
    if (status != FCR_OK)
        fail("fcr_policy_new", status);
    fcr_reader *reader = NULL;
    status = fcr_reader_new_file(&reader, policy, path);
    if (status != FCR_OK)
        fail("fcr_reader_new_file", status);

    fcr_call **calls = malloc(limit * sizeof *calls);
    if (calls == NULL) {
        fputs("bench_notes: out of memory\n", stderr);
        return 1;
    }
    size_t count = 0;
    while (count < limit) {
        fcr_call *call = NULL;
        status = fcr_reader_next(reader, &call);
        if (status != FCR_OK)
            fail("fcr_reader_next", status);
        if (call == NULL)
            break;
        calls[count++] = call;
    }
    fcr_reader_free(reader);
    if (count == 0) {
        fprintf(stderr, "bench_notes: %s has no call records\n", path);
        return 1;
    }

    /* The kinds take turns within each repeat, so that a slower moment of
     * this shared machine falls on all of them, and each kind's ratio to the
     * yardstick is taken within the repeat. */
    static double seconds[OUTPUT_COUNT][1000], to_yardstick[OUTPUT_COUNT][1000];
    unsigned long long bytes[OUTPUT_COUNT] = {0};
    for (int r = 0; r < repeats; r++) {
        for (int kind = 0; kind < OUTPUT_COUNT; kind++) {
            double start = now_seconds();
            for (size_t c = 0; c < count; c++) {
                char *text = NULL;
                status = write_output(&text, calls[c], (output_kind)kind);
                if (status != FCR_OK)
                    fail(output_names[kind], status);
                if (r == 0)
                    bytes[kind] += strlen(text);
                fcr_free(text);
            }
            seconds[kind][r] = now_seconds() - start;
        }
        for (int kind = 0; kind < OUTPUT_COUNT; kind++)
            to_yardstick[kind][r] = seconds[kind][r] / seconds[OUTPUT_RECORD_JSON][r];
    }

    for (int kind = 0; kind < OUTPUT_COUNT; kind++) {
        qsort(seconds[kind], (size_t)repeats, sizeof seconds[kind][0], compare_doubles);
        qsort(to_yardstick[kind], (size_t)repeats, sizeof to_yardstick[kind][0],
              compare_doubles);
        printf("{\"output\":\"%s\",\"calls\":%zu,\"repeats\":%d,\"s_median\":%.6f,"
               "\"s_min\":%.6f,\"yardstick_ratio_median\":%.3f,\"bytes\":%llu}\n",
               output_names[kind], count, repeats, seconds[kind][repeats / 2], seconds[kind][0],
               to_yardstick[kind][repeats / 2], bytes[kind]);
    }

    for (size_t c = 0; c < count; c++)
        fcr_call_free(calls[c]);
    free(calls);
    fcr_policy_free(policy);
    return 0;
}
