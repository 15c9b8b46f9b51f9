/* SPDX-License-Identifier: MIT */
/* fcr note: the structured note of each call, for the chart or for QA. */
#include <stdio.h>
#include <string.h>

#include "commands.h"
#include "input.h"

enum { FORMAT_TEXT, FORMAT_LINE, FORMAT_JSON, FORMAT_FHIR };

static const char *const note_formats[] = {"text", "line", "json", "fhir", NULL};

typedef struct note_run {
    const cli_options *options;
    size_t notes_written;
} note_run;

static fcr_note_format library_format(size_t format)
{
    switch (format) {
    case FORMAT_LINE:
        return FCR_NOTE_LINE;
    case FORMAT_JSON:
        return FCR_NOTE_JSON;
    case FORMAT_FHIR:
        return FCR_NOTE_FHIR;
    default:
        return FCR_NOTE_TEXT;
    }
}

static bool note_record(const fcr_call *call, const input_record *where, void *context)
{
    (void)where;
    note_run *run = context;
    char *note = NULL;

    fcr_status status =
        fcr_note_write(&note, call, library_format(run->options->format), run->options->profile);
    if (status != FCR_OK) {
        input_report_error(status);
        return false;
    }

    /* Text notes are blocks, so a blank line separates them. */
    if (run->options->format == FORMAT_TEXT && run->notes_written > 0)
        fputc('\n', stdout);
    fputs(note, stdout);
    size_t length = strlen(note);
    if (length == 0 || note[length - 1] != '\n')
        fputc('\n', stdout);
    fcr_free(note);
    run->notes_written++;
    return true;
}

static int run_note(const cli_options *options)
{
    fcr_policy *policy = NULL;
    int exit_status = input_load_policy(&policy, options->policy_path);
    if (exit_status != CLI_EXIT_OK)
        return exit_status;

    note_run run = {options, 0};
    input_totals totals;
    input_read_files(&totals, options, policy, note_record, &run);
    fcr_policy_free(policy);
    return input_exit_status(&totals);
}

const cli_command cli_command_note = {
    "note",
    "Write the structured note of each call, for the chart or for QA",
    "Usage: fcr note [--policy FILE] [--format text|line|json|fhir] [--profile chart|qa] FILE...\n"
    "\n"
    "Writes the note of each valid fcr.call/1 record in each FILE (- reads\n"
    "standard input): per concern, Patient Request > Action Taken > Next Steps or\n"
    "Follow-Up, with the call's date and time in the office's time zone, the\n"
    "agent, the identifier types verified and every escalation (who follows up,\n"
    "by when). Invalid records are reported on stderr and skipped. A FILE without\n"
    "any record gets the notice \"fcr: FILE: no records; ...\" on stderr, which\n"
    "does not change the exit status.\n"
    "\n"
    "Options:\n"
    "  --policy FILE     Overlay the built-in policy with the fcr.policy/1 JSON\n"
    "                    document in FILE; the time zone and labels come from it.\n"
    "                    Default: the built-in policy.\n"
    "  --format FORMAT   Output form. Default: text.\n"
    "                    text: a block per call, a blank line between calls.\n"
    "                    line: one line per concern, for narrow EMR fields.\n"
    "                    json: one fcr.note/1 object per line.\n"
    "                    fhir: one pretty-printed HL7 FHIR R4 Bundle per call.\n"
    "  --profile PROFILE Audience of the note. Default: chart.\n"
    "                    chart: the patient's chart; everything, including the\n"
    "                      caller's words.\n"
    "                    qa: quality review and logs; requests, actions, reasons,\n"
    "                      quotes and the patient key are \"[redacted]\".\n"
    "  -h, --help        Print this help and exit.\n"
    "\n"
    "Exit status: 0 when every record got its note; 1 when a record is invalid or\n"
    "a file cannot be read; 2 on a usage error.\n"
    "\n"
    "Examples:\n"
    "  fcr note calls.jsonl\n"
    "  fcr note --format fhir call-0001.json > bundle.json\n"
    "  fcr note --profile qa --format json calls.jsonl\n",
    CLI_ACCEPTS_POLICY | CLI_ACCEPTS_FORMAT | CLI_ACCEPTS_PROFILE | CLI_ACCEPTS_FILES,
    note_formats,
    FCR_PROFILE_CHART,
    run_note,
};
