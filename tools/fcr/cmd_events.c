/* SPDX-License-Identifier: MIT */
/*
 * fcr events: the call record that the evidence rules derive from each
 * transcript, as fcr.call/1 JSON Lines, for a reviewer to check, correct and
 * score. The transcript input here is shared with `fcr score --transcript`.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "input.h"
#include "options.h"

/* Options of the transcript input, taken out of argv before the shared
 * parser sees the rest. */
typedef struct transcript_options {
    bool transcript;          /* --transcript was given */
    const char *format_name;  /* --transcript-format; NULL to choose by file */
    const char *rules_path;   /* --rules */
    const char *agent_role;   /* --agent-role */
} transcript_options;

/* Shared with cmd_score.c, which declares them too. */
int cli_transcript_options_take(transcript_options *out, int *argc, char **argv);
void cli_transcript_read_files(input_totals *totals, const cli_options *options,
                               const transcript_options *transcript, fcr_policy *policy,
                               input_record_fn handle, void *context);
int cli_events_main(int argc, char **argv);
extern const cli_command cli_command_events;

/* Removes `count` arguments from argv, starting at argv[index]. */
static void remove_arguments(int *argc, char **argv, int index, int count)
{
    for (int i = index; i + count < *argc; i++)
        argv[i] = argv[i + count];
    *argc -= count;
}

int cli_transcript_options_take(transcript_options *out, int *argc, char **argv)
{
    static const char *const with_value[] = {"--transcript-format", "--rules", "--agent-role"};
    memset(out, 0, sizeof *out);
    for (int i = 0; i < *argc;) {
        const char *arg = argv[i];
        if (strcmp(arg, "--") == 0)
            break;
        if (strcmp(arg, "--transcript") == 0) {
            out->transcript = true;
            remove_arguments(argc, argv, i, 1);
            continue;
        }
        bool taken = false;
        for (size_t k = 0; k < sizeof with_value / sizeof with_value[0] && !taken; k++) {
            size_t length = strlen(with_value[k]);
            if (strncmp(arg, with_value[k], length) != 0 ||
                (arg[length] != '\0' && arg[length] != '='))
                continue;
            const char *value = arg[length] == '=' ? arg + length + 1 : NULL;
            int used = 1;
            if (value == NULL) {
                if (i + 1 >= *argc) {
                    cli_error("option '%s' needs a value; run 'fcr help events' for its values",
                              with_value[k]);
                    return CLI_EXIT_USAGE;
                }
                value = argv[i + 1];
                used = 2;
            }
            if (value[0] == '\0') {
                cli_error("option '%s' needs a value; run 'fcr help events' for its values",
                          with_value[k]);
                return CLI_EXIT_USAGE;
            }
            if (k == 0) {
                fcr_transcript_format format;
                if (fcr_transcript_format_from_name(&format, value) != FCR_OK) {
                    cli_error("unknown transcript format '%s'; use json, textgrid, "
                              "contact-lens, abcd or csv-dialogue",
                              value);
                    return CLI_EXIT_USAGE;
                }
                out->format_name = value;
            } else if (k == 1) {
                out->rules_path = value;
            } else {
                out->agent_role = value;
            }
            remove_arguments(argc, argv, i, used);
            taken = true;
        }
        if (!taken)
            i++;
    }
    return CLI_EXIT_OK;
}

/* --- choosing the format ------------------------------------------------------ */

static bool ends_with(const char *text, const char *suffix)
{
    size_t length = strlen(text), suffix_length = strlen(suffix);
    if (length < suffix_length)
        return false;
    for (size_t i = 0; i < suffix_length; i++) {
        char c = text[length - suffix_length + i];
        if (c >= 'A' && c <= 'Z')
            c = (char)(c - 'A' + 'a');
        if (c != suffix[i])
            return false;
    }
    return true;
}

/* How the format of a transcript file was chosen. */
typedef enum format_choice {
    FORMAT_SHOWN,   /* by --transcript-format, the file name or the file's first bytes */
    FORMAT_ASSUMED, /* no sign of a format was found, so the file is read as fcr.transcript/1 */
    FORMAT_ASSUMED_CALL_RECORD /* as FORMAT_ASSUMED, but the first bytes contain "fcr.call/" */
} format_choice;

/* Reads the first bytes of a JSON file to tell the JSON formats apart. */
static fcr_transcript_format sniff_json(const char *path, format_choice *choice)
{
    char head[4096];
    size_t got = 0;
    FILE *file = fopen(path, "rb");
    if (file != NULL) {
        got = fread(head, 1, sizeof head - 1, file);
        fclose(file);
    }
    head[got] = '\0';
    *choice = FORMAT_SHOWN;
    if (strstr(head, "fcr.transcript/") != NULL)
        return FCR_TRANSCRIPT_JSON;
    if (strstr(head, "\"original\"") != NULL || strstr(head, "\"convo_id\"") != NULL)
        return FCR_TRANSCRIPT_ABCD;
    if (strstr(head, "\"Participants\"") != NULL || strstr(head, "\"Segments\"") != NULL ||
        strstr(head, "\"Transcript\"") != NULL || strstr(head, "\"Channel\"") != NULL)
        return FCR_TRANSCRIPT_CONTACT_LENS;
    *choice = strstr(head, "\"fcr.call/") != NULL ? FORMAT_ASSUMED_CALL_RECORD : FORMAT_ASSUMED;
    return FCR_TRANSCRIPT_JSON;
}

static fcr_transcript_format file_format(const transcript_options *transcript, const char *path,
                                         format_choice *choice)
{
    fcr_transcript_format format = FCR_TRANSCRIPT_JSON;
    *choice = FORMAT_SHOWN;
    if (transcript->format_name != NULL) {
        fcr_transcript_format_from_name(&format, transcript->format_name);
        return format;
    }
    if (ends_with(path, ".textgrid"))
        return FCR_TRANSCRIPT_TEXTGRID;
    if (ends_with(path, ".csv"))
        return FCR_TRANSCRIPT_CSV_DIALOGUE;
    return sniff_json(path, choice);
}

/*
 * Reports a file that failed to load as fcr.transcript/1 when that format
 * was only assumed. A rejected "format" field then means that the file has
 * another format, so the message names --transcript-format and its values
 * in place of the library's advice, which cannot name the option. Other
 * failures get the library's message.
 */
static void report_list_error(fcr_status status, const char *path, format_choice choice)
{
    if (choice == FORMAT_SHOWN || strcmp(fcr_last_error_field(), "format") != 0) {
        input_report_error(status);
        return;
    }

    size_t line = fcr_last_error_line();
    size_t column = fcr_last_error_column();
    if (choice == FORMAT_ASSUMED_CALL_RECORD)
        cli_error("%s:%zu:%zu: format: this is an fcr.call/1 call record, which 'fcr score' and "
                  "'fcr check' read without --transcript; for a transcript, give its format "
                  "with --transcript-format json, textgrid, contact-lens, abcd or csv-dialogue",
                  path, line, column);
    else
        cli_error("%s:%zu:%zu: format: not an fcr.transcript/1 document, and fcr cannot tell "
                  "the file's format from its first 4 KiB; give it with --transcript-format "
                  "json, textgrid, contact-lens, abcd or csv-dialogue",
                  path, line, column);
}

/* --- TextGrid pairs ----------------------------------------------------------- */

static const char *const agent_suffixes[] = {"_doctor", "_agent", "_staff"};
static const char *const caller_suffixes[] = {"_patient", "_caller", "_customer"};

/* The speaker suffixes of a TextGrid pair's file names. */
typedef struct speaker_suffixes {
    const char *mine;   /* of the file given, such as "_doctor" */
    const char *theirs; /* of its partner, such as "_patient" */
} speaker_suffixes;

/* Writes the partner of a speaker file, such as ..._patient.TextGrid for
 * ..._doctor.TextGrid, into `out`. Sets *is_agent when `path` is the
 * agent's file, and *suffixes to the suffix replaced and its replacement.
 * Returns false when the name has no speaker suffix. */
static bool partner_path(const char *path, char *out, size_t size, bool *is_agent,
                         speaker_suffixes *suffixes)
{
    const char *dot = strrchr(path, '.');
    if (dot == NULL)
        return false;
    size_t stem = (size_t)(dot - path);
    for (int side = 0; side < 2; side++) {
        const char *const *mine = side == 0 ? agent_suffixes : caller_suffixes;
        const char *const *theirs = side == 0 ? caller_suffixes : agent_suffixes;
        for (size_t k = 0; k < 3; k++) {
            size_t length = strlen(mine[k]);
            if (stem >= length && strncmp(path + stem - length, mine[k], length) == 0) {
                int written = snprintf(out, size, "%.*s%s%s", (int)(stem - length), path,
                                       theirs[k], dot);
                *is_agent = side == 0;
                *suffixes = (speaker_suffixes){mine[k], theirs[k]};
                return written > 0 && (size_t)written < size;
            }
        }
    }
    return false;
}

/* Checks that both files of a TextGrid pair can be opened. The library
 * would report a missing partner only as a file it cannot open, so this
 * message explains why fcr reads that file and how fcr derived its name. */
static bool pair_readable(const char *path, const char *partner, const speaker_suffixes *suffixes)
{
    FILE *file = fopen(path, "rb");
    if (file == NULL) {
        cli_error("cannot open %s: %s; check the path and permissions", path, strerror(errno));
        return false;
    }
    fclose(file);

    file = fopen(partner, "rb");
    if (file == NULL) {
        cli_error("cannot open %s: %s; a TextGrid transcript is one file per speaker, so %s "
                  "needs this partner file of the other speaker, named by replacing %s with %s",
                  partner, strerror(errno), path, suffixes->mine, suffixes->theirs);
        return false;
    }
    fclose(file);
    return true;
}

static bool file_given(const cli_options *options, const char *path, size_t before)
{
    for (size_t i = 0; i < before; i++) {
        if (strcmp(options->files[i], path) == 0)
            return true;
    }
    return false;
}

/* --- reading ------------------------------------------------------------------- */

typedef struct transcript_run {
    input_totals *totals;
    fcr_policy *policy;
    const fcr_rules *rules;
    const transcript_options *transcript;
    input_record_fn handle;
    void *context;
} transcript_run;

static void derive_and_handle(transcript_run *run, const fcr_transcript *transcript,
                              const char *file, size_t number)
{
    fcr_call *call = NULL;
    fcr_status status = fcr_call_from_transcript(&call, run->policy, transcript, run->rules);
    if (status != FCR_OK) {
        input_report_error(status);
        run->totals->records_invalid++;
        return;
    }
    input_record where = {file, number, 0};
    if (run->handle(call, &where, run->context))
        run->totals->records_valid++;
    else
        run->totals->output_failures++;
    fcr_call_free(call);
}

static void read_textgrid(transcript_run *run, const cli_options *options, size_t index)
{
    const char *path = options->files[index];
    char partner[4096];
    bool is_agent = false;
    speaker_suffixes suffixes;
    if (!partner_path(path, partner, sizeof partner, &is_agent, &suffixes)) {
        cli_error("%s: a TextGrid transcript is one file per speaker; name them ..._doctor and "
                  "..._patient (or _agent and _caller, or _staff and _customer) so that fcr "
                  "can pair them",
                  path);
        run->totals->files_unreadable++;
        return;
    }
    /* A pair given as two FILEs is read once, at its first file. */
    if (file_given(options, partner, index))
        return;
    if (!pair_readable(path, partner, &suffixes)) {
        run->totals->files_unreadable++;
        return;
    }

    const char *agent = is_agent ? path : partner;
    const char *caller = is_agent ? partner : path;
    fcr_transcript *transcript = NULL;
    fcr_status status = fcr_transcript_load_textgrid_files(&transcript, agent, caller);
    if (status != FCR_OK) {
        input_report_error(status);
        if (status == FCR_EIO)
            run->totals->files_unreadable++;
        else
            run->totals->records_invalid++;
        return;
    }
    if (run->transcript->agent_role != NULL)
        status = fcr_transcript_set_agent(transcript, "transcript-agent",
                                          run->transcript->agent_role);
    if (status != FCR_OK) {
        input_report_error(status);
        run->totals->records_invalid++;
    } else {
        derive_and_handle(run, transcript, agent, 1);
    }
    fcr_transcript_free(transcript);
}

static void read_list(transcript_run *run, const char *path, fcr_transcript_format format,
                      format_choice choice)
{
    fcr_transcript_list *list = NULL;
    fcr_status status = fcr_transcript_list_load_file(&list, format, path);
    if (status != FCR_OK) {
        report_list_error(status, path, choice);
        if (status == FCR_EIO)
            run->totals->files_unreadable++;
        else
            run->totals->records_invalid++;
        return;
    }
    for (size_t i = 0; i < fcr_transcript_list_count(list); i++) {
        const fcr_transcript *item = fcr_transcript_list_item(list, i);
        if (run->transcript->agent_role == NULL) {
            derive_and_handle(run, item, path, i + 1);
            continue;
        }
        /* --agent-role goes into a copy, since the list's items are read-only. */
        fcr_transcript *copy = NULL;
        status = fcr_transcript_new(&copy, fcr_transcript_id(item));
        if (status == FCR_OK && fcr_transcript_started_at(item) != FCR_TIME_NONE)
            status = fcr_transcript_set_started_at(copy, fcr_transcript_started_at(item));
        for (size_t t = 0; t < fcr_transcript_turn_count(item) && status == FCR_OK; t++)
            status = fcr_transcript_add_turn(copy, fcr_transcript_turn_role(item, t),
                                             fcr_transcript_turn_start(item, t),
                                             fcr_transcript_turn_end(item, t),
                                             fcr_transcript_turn_text(item, t));
        if (status == FCR_OK)
            status = fcr_transcript_set_agent(copy, "transcript-agent",
                                              run->transcript->agent_role);
        if (status != FCR_OK) {
            input_report_error(status);
            run->totals->records_invalid++;
        } else {
            derive_and_handle(run, copy, path, i + 1);
        }
        fcr_transcript_free(copy);
    }
    fcr_transcript_list_free(list);
}

void cli_transcript_read_files(input_totals *totals, const cli_options *options,
                               const transcript_options *transcript, fcr_policy *policy,
                               input_record_fn handle, void *context)
{
    memset(totals, 0, sizeof *totals);
    fcr_rules *rules = NULL;
    fcr_status status = transcript->rules_path != NULL
                            ? fcr_rules_load_file(&rules, transcript->rules_path)
                            : fcr_rules_new(&rules);
    if (status != FCR_OK) {
        input_report_error(status);
        totals->files_unreadable++;
        return;
    }

    transcript_run run = {totals, policy, rules, transcript, handle, context};
    for (size_t i = 0; i < options->file_count; i++) {
        const char *path = options->files[i];
        if (strcmp(path, "-") == 0) {
            cli_error("transcripts are read from files; standard input (-) is not supported");
            totals->files_unreadable++;
            continue;
        }
        format_choice choice;
        fcr_transcript_format format = file_format(transcript, path, &choice);
        if (format == FCR_TRANSCRIPT_TEXTGRID)
            read_textgrid(&run, options, i);
        else
            read_list(&run, path, format, choice);
    }
    fcr_rules_free(rules);
}

/* --- fcr events ---------------------------------------------------------------- */

static bool print_record(const fcr_call *call, const input_record *where, void *context)
{
    (void)where;
    (void)context;
    char *json = NULL;
    fcr_status status = fcr_call_to_json(&json, call, 0);
    if (status != FCR_OK) {
        input_report_error(status);
        return false;
    }
    puts(json);
    fcr_free(json);
    return true;
}

static int run_unreachable(const cli_options *options)
{
    (void)options;
    cli_error("fcr events parses its own options; run it as 'fcr events'");
    return CLI_EXIT_USAGE;
}

const cli_command cli_command_events = {
    "events",
    "Derive call records from transcripts, with the evidence for each event",
    "Usage: fcr events [--policy FILE] [--rules FILE] [--agent-role ROLE]\n"
    "                  [--transcript-format FORMAT] FILE...\n"
    "\n"
    "Reads the transcripts in each FILE, applies the evidence rules and prints\n"
    "the call record derived from each, one fcr.call/1 JSON object per line. Each\n"
    "event has an \"evidence\" array of {turn, start, end, rule}: the 0-based turn,\n"
    "the byte span of the matched phrase in the turn's text and the rule's id.\n"
    "\"documented\" is marked unobservable, since a transcript cannot show the note.\n"
    "Correct a record by hand and score it with 'fcr score'.\n"
    "\n"
    "Options:\n"
    "  --transcript-format FORMAT\n"
    "                    json (fcr.transcript/1), textgrid (one Praat TextGrid per\n"
    "                    speaker, named ..._doctor and ..._patient), contact-lens,\n"
    "                    abcd or csv-dialogue. Default: textgrid for .TextGrid,\n"
    "                    csv-dialogue for .csv, and for JSON files the format its\n"
    "                    first 4 KiB show.\n"
    "  --rules FILE      Overlay the built-in English rules with the fcr.rules/1\n"
    "                    document in FILE. Default: the built-in rules.\n"
    "  --agent-role ROLE Role of the agent in the policy, such as front_desk or\n"
    "                    provider; it decides which concerns are in scope.\n"
    "                    Default: none (only non-clinical categories in scope).\n"
    "  --policy FILE     Overlay the built-in policy with the fcr.policy/1 JSON\n"
    "                    document in FILE. Default: the built-in policy.\n"
    "  -h, --help        Print this help and exit.\n"
    "\n"
    "Exit status: 0 when every transcript gave a record; 1 when a file cannot be\n"
    "read or a transcript is invalid; 2 on a usage error.\n"
    "\n"
    "Examples:\n"
    "  fcr events day1_consultation01_doctor.TextGrid day1_consultation01_patient.TextGrid\n"
    "  fcr events --transcript-format abcd abcd_sample.json > calls.jsonl\n",
    CLI_ACCEPTS_POLICY | CLI_ACCEPTS_FILES,
    NULL,
    FCR_PROFILE_CHART,
    run_unreachable,
};

int cli_events_main(int argc, char **argv)
{
    transcript_options transcript;
    int status = cli_transcript_options_take(&transcript, &argc, argv);
    if (status != CLI_EXIT_OK)
        return status;
    if (transcript.transcript) {
        cli_error("fcr events always reads transcripts; drop --transcript");
        return CLI_EXIT_USAGE;
    }

    cli_options options;
    status = cli_parse_options(&options, &cli_command_events, argc, argv);
    if (status != CLI_EXIT_OK)
        return status;
    if (options.help) {
        fputs(cli_command_events.help, stdout);
        return CLI_EXIT_OK;
    }

    fcr_policy *policy = NULL;
    status = input_load_policy(&policy, options.policy_path);
    if (status != CLI_EXIT_OK)
        return status;
    input_totals totals;
    cli_transcript_read_files(&totals, &options, &transcript, policy, print_record, NULL);
    fcr_policy_free(policy);
    return input_exit_status(&totals);
}
