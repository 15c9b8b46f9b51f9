/* SPDX-License-Identifier: MIT */
/* fcr check: validate call records and list their workflow deviations. */
#include <stdint.h>
#include <stdio.h>

#include "commands.h"
#include "input.h"

static void print_deviation(const fcr_deviation *deviation)
{
    const char *concern = fcr_deviation_concern(deviation);
    size_t event = fcr_deviation_event(deviation);

    printf("  %s (", fcr_deviation_code(deviation));
    if (event == SIZE_MAX)
        fputs("end of call", stdout);
    else
        printf("event %zu", event);
    if (concern != NULL)
        printf(", concern %s", concern);
    else
        fputs(", whole call", stdout);
    printf("): %s\n", fcr_deviation_message(deviation));
}

static bool check_record(const fcr_call *call, const input_record *where, void *context)
{
    size_t *deviation_total = context;
    size_t count = fcr_call_deviation_count(call);

    printf("%s: record %zu (call %s, line %zu): valid, ", where->file, where->number,
           fcr_call_id(call), where->line);
    if (count == 0)
        puts("no workflow deviations");
    else
        printf("%zu workflow deviation%s\n", count, count == 1 ? "" : "s");
    for (size_t i = 0; i < count; i++)
        print_deviation(fcr_call_deviation(call, i));

    *deviation_total += count;
    return true;
}

static int run_check(const cli_options *options)
{
    fcr_policy *policy = NULL;
    int exit_status = input_load_policy(&policy, options->policy_path);
    if (exit_status != CLI_EXIT_OK)
        return exit_status;

    size_t deviation_total = 0;
    input_totals totals;
    input_read_files(&totals, options, policy, check_record, &deviation_total);
    fcr_policy_free(policy);

    printf("Checked %zu record%s: %zu valid, %zu invalid", totals.records_valid +
           totals.records_invalid, totals.records_valid + totals.records_invalid == 1 ? "" : "s",
           totals.records_valid, totals.records_invalid);
    if (totals.files_unreadable > 0)
        printf(", %zu file%s not readable", totals.files_unreadable,
               totals.files_unreadable == 1 ? "" : "s");
    printf("; %zu workflow deviation%s (deviations are listed, not errors)\n", deviation_total,
           deviation_total == 1 ? "" : "s");
    return input_exit_status(&totals);
}

const cli_command cli_command_check = {
    "check",
    "Validate call records and list their workflow deviations",
    "Usage: fcr check [--policy FILE] [--live] [--strict] FILE...\n"
    "\n"
    "Reads the fcr.call/1 records in each FILE (JSON Lines, or JSON documents one\n"
    "after another; - reads standard input) and validates them with the policy.\n"
    "\n"
    "stdout gets a line per valid record, with the workflow deviations it has:\n"
    "their code, the 0-based index of the event where each was found (or \"end of\n"
    "call\"), the concern id (or \"whole call\") and a message. Deviations are\n"
    "listed and scored, but they do not make a record invalid. The last line\n"
    "counts valid and invalid records and deviations.\n"
    "\n"
    "stderr gets one line per invalid record, naming the record number, the file,\n"
    "the line and column, and the field, such as\n"
    "  fcr: record 2: calls.jsonl:2:743: events[4].due_at: is not an RFC 3339 date-time such as 2026-11-10T14:02:00Z\n"
    "After malformed JSON or a record over a size limit, the next record cannot\n"
    "be found, so a second line says that reading of that file stopped and its\n"
    "later records were not read. A file without any record, such as an empty\n"
    "export, gets the notice \"fcr: FILE: no records; ...\", which does not change\n"
    "the exit status.\n"
    "\n"
    "Options:\n"
    "  --policy FILE  Overlay the built-in policy with the fcr.policy/1 JSON\n"
    "                 document in FILE; roles, categories and targets come from it.\n"
    "                 Default: the built-in policy.\n"
    "  --live         Read the records in live mode, where a workflow deviation\n"
    "                 makes the record invalid, as it would be rejected during the\n"
    "                 call. Default: replay mode, which lists deviations.\n"
    "  --strict       Reject a record with a field that fcr.call/1 does not\n"
    "                 define, naming the nearest defined name, as a typo such as\n"
    "                 \"confirmd\" would otherwise only show as a deviation.\n"
    "                 Default: unknown fields are kept, as other tools may add them.\n"
    "  -h, --help     Print this help and exit.\n"
    "\n"
    "Exit status: 0 when every record is valid, even with deviations; 1 when a\n"
    "record is invalid or a file cannot be read; 2 on a usage error.\n"
    "\n"
    "Examples:\n"
    "  fcr check calls.jsonl\n"
    "  fcr check --live --policy practice.json monday.jsonl tuesday.jsonl\n"
    "  fcr check --strict handwritten.json\n"
    "  export-calls | fcr check -\n",
    CLI_ACCEPTS_POLICY | CLI_ACCEPTS_LIVE | CLI_ACCEPTS_STRICT | CLI_ACCEPTS_FILES,
    NULL,
    FCR_PROFILE_CHART,
    run_check,
};
