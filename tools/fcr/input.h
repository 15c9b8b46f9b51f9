/* SPDX-License-Identifier: MIT */
/* Opening the policy and the FILE operands, reading their records, and
 * reporting the library's errors on stderr. */
#ifndef FCR_TOOL_INPUT_H
#define FCR_TOOL_INPUT_H

#include <stdbool.h>
#include <stddef.h>

#include <fcr/fcr.h>

#include "options.h"

/* Counts over every FILE of one run; input_exit_status() turns them into
 * the exit status. */
typedef struct input_totals {
    size_t files_unreadable; /* could not be opened or read */
    size_t records_valid;
    size_t records_invalid;  /* rejected by the library, or stopped a file */
    size_t output_failures;  /* valid records whose output could not be made */
} input_totals;

/* Where a record came from, for listings. `file` is the FILE operand as
 * given, or "<stdin>" for "-", as in the library's messages. */
typedef struct input_record {
    const char *file;
    size_t number; /* 1-based within the file */
    size_t line;   /* line on which the record starts */
} input_record;

/* Handles one valid record. Returns false when its output could not be
 * made; the handler has then reported why. */
typedef bool (*input_record_fn)(const fcr_call *call, const input_record *where, void *context);

/*
 * Creates the policy: the built-in defaults, overlaid with the JSON file at
 * `path` unless `path` is NULL. Returns CLI_EXIT_OK, or CLI_EXIT_INVALID
 * after reporting the error.
 */
int input_load_policy(fcr_policy **out, const char *path);

/*
 * Reads every record of every FILE operand in order ("-" is standard
 * input), in live mode when --live was given. Calls `handle` for each valid
 * record and reports each invalid record and unreadable file on stderr,
 * and each file without any record as a notice that is not counted as a
 * failure.
 */
void input_read_files(input_totals *totals, const cli_options *options, fcr_policy *policy,
                      input_record_fn handle, void *context);

/* Returns CLI_EXIT_INVALID when anything failed, else CLI_EXIT_OK. */
int input_exit_status(const input_totals *totals);

/*
 * Prints the library's last error on stderr as "fcr: MESSAGE", adding the
 * field path when the message does not name it. `status` names the failure
 * when the library left no message.
 */
void input_report_error(fcr_status status);

#endif /* FCR_TOOL_INPUT_H */
