/* SPDX-License-Identifier: MIT */
#include "input.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#define STDIN_NAME "<stdin>"

void input_report_error(fcr_status status)
{
    /* Copied first, because the next libfcr call may reuse the buffers. */
    char message[1024];
    char field[256];
    snprintf(message, sizeof message, "%s", fcr_last_error());
    snprintf(field, sizeof field, "%s", fcr_last_error_field());

    if (message[0] == '\0')
        cli_error("%s", fcr_strerror(status));
    else if (field[0] != '\0' && strstr(message, field) == NULL)
        cli_error("%s (field %s)", message, field);
    else
        cli_error("%s", message);
}

int input_load_policy(fcr_policy **out, const char *path)
{
    fcr_status status = path == NULL ? fcr_policy_new(out) : fcr_policy_load_file(out, path);
    if (status != FCR_OK) {
        input_report_error(status);
        return CLI_EXIT_INVALID;
    }
    return CLI_EXIT_OK;
}

static ptrdiff_t read_stream(void *userdata, char *buffer, size_t size)
{
    FILE *stream = userdata;
    size_t got = fread(buffer, 1, size, stream);
    if (got == 0 && ferror(stream))
        return -1;
    return (ptrdiff_t)got;
}

static fcr_status open_reader(fcr_reader **out, fcr_policy *policy, const char *path)
{
    if (strcmp(path, "-") == 0)
        return fcr_reader_new_callback(out, policy, read_stream, stdin, STDIN_NAME);
    return fcr_reader_new_file(out, policy, path);
}

static void report_stop(const char *name, size_t record)
{
    cli_error("%s: reading stopped at record %zu, so any records after it were not read; "
              "fix that record and run again",
              name, record);
}

/* An empty file is valid input, such as the export of a day without calls,
 * so this notice leaves the exit status at 0. It shows the user that
 * nothing was read, which the output alone may not make clear. */
static void report_no_records(const char *name)
{
    cli_error("%s: no records; the input is empty or contains only white space", name);
}

static void read_file(input_totals *totals, const cli_options *options, fcr_policy *policy,
                      const char *path, input_record_fn handle, void *context)
{
    const char *name = strcmp(path, "-") == 0 ? STDIN_NAME : path;
    fcr_reader *reader = NULL;
    fcr_status status = open_reader(&reader, policy, path);
    if (status == FCR_OK && options->live)
        status = fcr_reader_set_mode(reader, FCR_MODE_LIVE);
    if (status == FCR_OK && options->strict)
        status = fcr_reader_set_strict(reader, 1);
    if (status != FCR_OK) {
        input_report_error(status);
        fcr_reader_free(reader);
        totals->files_unreadable++;
        return;
    }

    size_t records = 0;
    for (;;) {
        fcr_call *call = NULL;
        status = fcr_reader_next(reader, &call);
        if (status == FCR_OK && call == NULL) {
            if (records == 0)
                report_no_records(name);
            break;
        }

        records++;
        if (status == FCR_OK) {
            input_record where = {name, fcr_reader_record(reader), fcr_reader_line(reader)};
            if (handle(call, &where, context))
                totals->records_valid++;
            else
                totals->output_failures++;
            fcr_call_free(call);
            continue;
        }

        /* A read failure, such as a directory given as FILE, is about the
         * file rather than one record. */
        if (status == FCR_EIO) {
            input_report_error(status);
            totals->files_unreadable++;
            break;
        }

        input_report_error(status);
        totals->records_invalid++;
        if (fcr_reader_stopped(reader)) {
            report_stop(name, fcr_reader_record(reader));
            break;
        }
    }
    fcr_reader_free(reader);
}

void input_read_files(input_totals *totals, const cli_options *options, fcr_policy *policy,
                      input_record_fn handle, void *context)
{
    memset(totals, 0, sizeof *totals);
    for (size_t i = 0; i < options->file_count; i++)
        read_file(totals, options, policy, options->files[i], handle, context);
}

int input_exit_status(const input_totals *totals)
{
    if (totals->files_unreadable > 0 || totals->records_invalid > 0 ||
        totals->output_failures > 0)
        return CLI_EXIT_INVALID;
    return CLI_EXIT_OK;
}
