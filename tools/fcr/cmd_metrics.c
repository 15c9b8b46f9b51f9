/* SPDX-License-Identifier: MIT */
/*
 * fcr metrics: first-call resolution, repeat contacts and their breakdowns
 * over CSV contact logs or fcr.call/1 records.
 *
 * The files are first read as a time-ordered stream. When a contact turns
 * out to be earlier than the one before, the run starts again with every
 * contact kept in memory and sorted, so unsorted input gives the same
 * report at the cost of memory.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd_metrics.h"
#include "input.h"

#define MAX_CATEGORY_WINDOWS 64

enum { INPUT_AUTO, INPUT_CSV, INPUT_CALLS };

typedef struct metrics_options {
    const char *policy_path;
    const char *window;
    const char *category_windows[MAX_CATEGORY_WINDOWS]; /* "category=duration" */
    size_t category_window_count;
    bool category_match;
    const char *transfer_gap;
    bool by[3];                  /* agent, category, target */
    const char *columns[FCR_CONTACT_FIELD_COUNT];
    const char *time_format;
    const char *time_zone;
    const char *missing;
    bool stop_on_bad_row;
    fcr_metrics_format format;
    int input;
    const char *data_end;
    char **files;
    size_t file_count;
} metrics_options;

/* Progress of one pass over the files. */
typedef struct metrics_pass {
    const metrics_options *options;
    fcr_policy *policy;
    fcr_metrics *metrics;
    bool sorted;                 /* this pass streams */
    bool out_of_order;           /* a contact was earlier than the one before */
    fcr_time latest;
    size_t bad_rows;
    size_t unreadable;
    /* Bad rows the first pass already reported are not reported again. */
    size_t quiet_file;
    size_t quiet_line;
} metrics_pass;

static const char metrics_help[] =
    "Usage: fcr metrics [OPTION]... FILE...\n"
    "\n"
    "Measures first-call resolution over contact logs: a contact is resolved on\n"
    "the first contact when the same caller does not contact the office again\n"
    "about the same category within the repeat window. FILEs are CSV contact\n"
    "logs, or fcr.call/1 records (.json, .jsonl) with one contact per concern.\n"
    "\n"
    "Definitions:\n"
    "  --window DURATION        Repeat window, such as 7d, 72h or 3bd (business\n"
    "                           days with the policy's office hours). Default 7d.\n"
    "  --category-window CATEGORY=DURATION\n"
    "                           Window of one category; may be repeated.\n"
    "  --no-category-match      Count any later inbound contact of the caller.\n"
    "  --transfer-gap DURATION  Merge contacts of one caller less than DURATION\n"
    "                           apart, such as 15m. Default: no merging.\n"
    "  --data-end TIME          RFC 3339 instant up to which the data is complete.\n"
    "                           Default: the latest contact time.\n"
    "  --policy FILE            Policy with office hours, holidays and time zone.\n"
    "\n"
    "CSV input:\n"
    "  --map FIELD=COLUMN[,...] Column of each field: id, caller, time, category,\n"
    "                           agent, direction, outcome, target. A field is read\n"
    "                           from the column of its own name unless mapped.\n"
    "  --time-format FORMAT     Such as \"%d-%m-%Y %H:%M\" (%Y %m %d %H %M %S %f %z\n"
    "                           %T %F). Default: RFC 3339.\n"
    "  --time-zone ZONE         Zone of times without an offset. Default: the\n"
    "                           policy's zone.\n"
    "  --missing TEXT           Marker of a missing value, such as \"?\".\n"
    "  --on-bad-row skip|stop   Report a bad row and go on, or stop. Default stop.\n"
    "  --input csv|calls        Kind of the FILEs. Default: calls for .json and\n"
    "                           .jsonl, CSV otherwise.\n"
    "\n"
    "Output:\n"
    "  --by LIST                Breakdowns among agent, category and target, or\n"
    "                           none. Default agent,category,target.\n"
    "  --format text|json|csv   Default text.\n"
    "  -h, --help               Print this help and exit.\n"
    "\n"
    "Exit status: 0 on success; 1 when a file could not be read, a row or record\n"
    "was bad (the report is still printed with --on-bad-row skip) or the output\n"
    "failed; 2 on a usage error.\n"
    "\n"
    "Example:\n"
    "  fcr metrics --window 24h --time-format \"%d-%m-%Y %H:%M\" --missing \"?\" \\\n"
    "      --map id=number,caller=caller_id,time=opened_at,agent=assigned_to \\\n"
    "      incident_event_log.csv\n";

static int run_unreachable(const cli_options *options)
{
    (void)options;
    cli_error("fcr metrics parses its own options; run it as 'fcr metrics'");
    return CLI_EXIT_USAGE;
}

const cli_command cli_command_metrics = {
    "metrics",
    "Measure first-call resolution and repeat contacts over contact logs",
    metrics_help,
    0,
    NULL,
    FCR_PROFILE_CHART,
    run_unreachable,
};

/* --- options ----------------------------------------------------------------- */

static bool parse_map(metrics_options *options, const char *value)
{
    const char *p = value;
    while (*p != '\0') {
        const char *end = strchr(p, ',');
        size_t length = end != NULL ? (size_t)(end - p) : strlen(p);
        const char *equals = memchr(p, '=', length);
        if (equals == NULL || equals == p || equals + 1 == p + length) {
            cli_error("--map takes FIELD=COLUMN pairs separated by commas, such as "
                      "id=number,caller=caller_id");
            return false;
        }
        char field_name[32];
        size_t name_length = (size_t)(equals - p);
        if (name_length >= sizeof field_name)
            name_length = sizeof field_name - 1;
        memcpy(field_name, p, name_length);
        field_name[name_length] = '\0';

        fcr_contact_field field;
        if (fcr_contact_field_from_name(&field, field_name) != FCR_OK) {
            cli_error("--map: unknown field '%s'; use id, caller, time, category, agent, "
                      "direction, outcome or target", field_name);
            return false;
        }
        /* The column name is the rest of the pair, copied because it ends at a comma. */
        size_t column_length = length - name_length - 1;
        char *column = malloc(column_length + 1);
        if (column == NULL) {
            cli_error("out of memory");
            return false;
        }
        memcpy(column, equals + 1, column_length);
        column[column_length] = '\0';
        free((char *)options->columns[field]);
        options->columns[field] = column;
        p += length;
        if (*p == ',')
            p++;
    }
    return true;
}

static bool parse_by(metrics_options *options, const char *value)
{
    static const char *const names[] = {"agent", "category", "target"};
    for (int b = 0; b < 3; b++)
        options->by[b] = false;
    if (strcmp(value, "none") == 0)
        return true;

    const char *p = value;
    while (*p != '\0') {
        size_t length = strcspn(p, ",");
        bool found = false;
        for (int b = 0; b < 3; b++) {
            if (strlen(names[b]) == length && strncmp(p, names[b], length) == 0) {
                options->by[b] = true;
                found = true;
            }
        }
        if (!found) {
            cli_error("--by takes agent, category and target separated by commas, or none");
            return false;
        }
        p += length;
        if (*p == ',')
            p++;
    }
    return true;
}

static bool choose(const char *option, const char *value, const char *const *choices, int *out)
{
    for (int i = 0; choices[i] != NULL; i++) {
        if (strcmp(value, choices[i]) == 0) {
            *out = i;
            return true;
        }
    }
    cli_error("%s: '%s' is not one of the choices; run 'fcr metrics --help'", option, value);
    return false;
}

/* Returns CLI_EXIT_OK, CLI_EXIT_USAGE, or -1 after printing the help. */
static int parse_options(metrics_options *options, int argc, char **argv)
{
    static const char *const formats[] = {"text", "json", "csv", NULL};
    static const char *const bad_row_modes[] = {"skip", "stop", NULL};
    static const char *const inputs[] = {"auto", "csv", "calls", NULL};
    static const char *const valued[] = {
        "--policy", "--window", "--category-window", "--transfer-gap", "--by", "--map",
        "--time-format", "--time-zone", "--missing", "--on-bad-row", "--format", "--input",
        "--data-end", NULL};

    memset(options, 0, sizeof *options);
    options->category_match = true;
    options->by[0] = options->by[1] = options->by[2] = true;
    options->stop_on_bad_row = true;
    options->files = argv;

    bool operands_only = false;
    for (int i = 0; i < argc; i++) {
        const char *arg = argv[i];
        if (operands_only || arg[0] != '-' || strcmp(arg, "-") == 0) {
            argv[options->file_count++] = argv[i];
            continue;
        }
        if (strcmp(arg, "--") == 0) {
            operands_only = true;
            continue;
        }
        if (strcmp(arg, "-h") == 0 || strcmp(arg, "--help") == 0) {
            fputs(metrics_help, stdout);
            return -1;
        }
        if (strcmp(arg, "--no-category-match") == 0) {
            options->category_match = false;
            continue;
        }

        bool takes_value = false;
        for (int k = 0; valued[k] != NULL; k++)
            takes_value |= strcmp(arg, valued[k]) == 0;
        if (!takes_value) {
            cli_error("unknown option '%s'; run 'fcr metrics --help'", arg);
            return CLI_EXIT_USAGE;
        }
        if (i + 1 >= argc) {
            cli_error("%s needs a value; run 'fcr metrics --help'", arg);
            return CLI_EXIT_USAGE;
        }
        const char *value = argv[++i];
        int choice = 0;
        bool ok = true;

        if (strcmp(arg, "--policy") == 0) {
            options->policy_path = value;
        } else if (strcmp(arg, "--window") == 0) {
            options->window = value;
        } else if (strcmp(arg, "--category-window") == 0) {
            if (strchr(value, '=') == NULL || options->category_window_count == MAX_CATEGORY_WINDOWS) {
                cli_error("--category-window takes CATEGORY=DURATION, such as refill=3bd, at "
                          "most %d times", MAX_CATEGORY_WINDOWS);
                return CLI_EXIT_USAGE;
            }
            options->category_windows[options->category_window_count++] = value;
        } else if (strcmp(arg, "--transfer-gap") == 0) {
            options->transfer_gap = value;
        } else if (strcmp(arg, "--by") == 0) {
            ok = parse_by(options, value);
        } else if (strcmp(arg, "--map") == 0) {
            ok = parse_map(options, value);
        } else if (strcmp(arg, "--time-format") == 0) {
            options->time_format = value;
        } else if (strcmp(arg, "--time-zone") == 0) {
            options->time_zone = value;
        } else if (strcmp(arg, "--missing") == 0) {
            options->missing = value;
        } else if (strcmp(arg, "--on-bad-row") == 0) {
            ok = choose(arg, value, bad_row_modes, &choice);
            options->stop_on_bad_row = choice == 1;
        } else if (strcmp(arg, "--format") == 0) {
            ok = choose(arg, value, formats, &choice);
            options->format = (fcr_metrics_format)choice;
        } else if (strcmp(arg, "--input") == 0) {
            ok = choose(arg, value, inputs, &options->input);
        } else if (strcmp(arg, "--data-end") == 0) {
            options->data_end = value;
        }
        if (!ok)
            return CLI_EXIT_USAGE;
    }

    if (options->file_count == 0) {
        cli_error("no FILE given; run 'fcr metrics --help'");
        return CLI_EXIT_USAGE;
    }
    return CLI_EXIT_OK;
}

static void free_options(metrics_options *options)
{
    for (int f = 0; f < FCR_CONTACT_FIELD_COUNT; f++)
        free((char *)options->columns[f]);
}

/* --- the analysis ----------------------------------------------------------------- */

/* The units that the library's duration parser accepts, for the messages
 * about --window, --category-window and --transfer-gap. */
#define CALENDAR_UNITS "units w, d, h, m, s or ms"

/* Reports a value that the library rejected, with the option it came
 * from, since the library's message cannot name the option. */
static void report_option_error(fcr_status status, const char *option, const char *value)
{
    char message[1024];
    snprintf(message, sizeof message, "%s", fcr_last_error());
    cli_error("%s %s: %s", option, value, message[0] != '\0' ? message : fcr_strerror(status));
}

/* Reports a duration that the library could not parse, as "OPTION VALUE:
 * the SETTING is not a valid duration" and the forms it accepts. */
static void report_invalid_duration(const char *option, const char *value, const char *setting,
                                    bool business_allowed)
{
    if (business_allowed)
        cli_error("%s %s: the %s is not a valid duration; use amounts with %s, such as 7d, 24h, "
                  "90m or 1d12h, or business days or hours such as 3bd or 4bh, without mixing "
                  "the two kinds",
                  option, value, setting, CALENDAR_UNITS);
    else
        cli_error("%s %s: the %s is not a valid calendar duration; use amounts with %s, such as "
                  "15m, 90s or 1h30m",
                  option, value, setting, CALENDAR_UNITS);
}

/* Returns true when the library rejected a duration because it could not
 * parse it. It then sets FCR_EINVAL and names the setting as the field.
 * Other failures, such as a business window under a policy without office
 * hours, keep the library's message. */
static bool is_invalid_duration(fcr_status status, const char *setting)
{
    return status == FCR_EINVAL && strcmp(fcr_last_error_field(), setting) == 0;
}

static int configure_windows(fcr_metrics *metrics, const metrics_options *options)
{
    fcr_status status;
    if (options->window != NULL &&
        (status = fcr_metrics_set_window(metrics, options->window)) != FCR_OK) {
        if (is_invalid_duration(status, "window"))
            report_invalid_duration("--window", options->window, "repeat window", true);
        else
            report_option_error(status, "--window", options->window);
        return CLI_EXIT_USAGE;
    }
    for (size_t i = 0; i < options->category_window_count; i++) {
        const char *pair = options->category_windows[i];
        const char *equals = strchr(pair, '=');
        char category[256];
        snprintf(category, sizeof category, "%.*s", (int)(equals - pair), pair);
        status = fcr_metrics_set_category_window(metrics, category, equals + 1);
        if (status == FCR_OK)
            continue;
        if (is_invalid_duration(status, "category window"))
            report_invalid_duration("--category-window", pair, "category window", true);
        else
            report_option_error(status, "--category-window", pair);
        return CLI_EXIT_USAGE;
    }
    if (options->transfer_gap != NULL &&
        (status = fcr_metrics_set_transfer_gap(metrics, options->transfer_gap)) != FCR_OK) {
        if (is_invalid_duration(status, "transfer gap"))
            report_invalid_duration("--transfer-gap", options->transfer_gap, "transfer gap", false);
        else
            report_option_error(status, "--transfer-gap", options->transfer_gap);
        return CLI_EXIT_USAGE;
    }
    return CLI_EXIT_OK;
}

/* Applies the definitions. A rejected value is a usage error. */
static int configure(const metrics_pass *pass)
{
    const metrics_options *options = pass->options;
    fcr_metrics *metrics = pass->metrics;

    int exit_status = configure_windows(metrics, options);
    if (exit_status != CLI_EXIT_OK)
        return exit_status;

    fcr_status status = fcr_metrics_set_category_match(metrics, options->category_match);
    if (status != FCR_OK)
        goto rejected;
    if (options->data_end != NULL) {
        fcr_time end;
        status = fcr_time_parse(&end, options->data_end);
        if (status != FCR_OK) {
            report_option_error(status, "--data-end", options->data_end);
            return CLI_EXIT_USAGE;
        }
        if ((status = fcr_metrics_set_data_end(metrics, end)) != FCR_OK)
            goto rejected;
    }
    for (int b = 0; b < 3; b++) {
        if ((status = fcr_metrics_set_breakdown(metrics, (fcr_breakdown)(b + 1), options->by[b])) != FCR_OK)
            goto rejected;
    }
    status = fcr_metrics_set_order(metrics, pass->sorted ? FCR_METRICS_ORDER_SORTED
                                                         : FCR_METRICS_ORDER_ANY);
    if (status == FCR_OK)
        return CLI_EXIT_OK;

rejected:
    input_report_error(status);
    return CLI_EXIT_USAGE;
}

static bool is_calls_file(const metrics_options *options, const char *path)
{
    if (options->input != INPUT_AUTO)
        return options->input == INPUT_CALLS;
    size_t length = strlen(path);
    return (length >= 5 && strcmp(path + length - 5, ".json") == 0) ||
           (length >= 6 && strcmp(path + length - 6, ".jsonl") == 0);
}

/* Checks the order. Returns false when this streaming pass must give up. */
static bool in_order(metrics_pass *pass, fcr_time at)
{
    if (pass->latest != FCR_TIME_NONE && at < pass->latest) {
        pass->out_of_order = true;
        return !pass->sorted;
    }
    if (pass->latest == FCR_TIME_NONE || at > pass->latest)
        pass->latest = at;
    return true;
}

/* Reports a bad row or record unless the first pass already did. Returns
 * false when the run must stop. */
static bool bad_input(metrics_pass *pass, fcr_status status, size_t file, size_t line)
{
    pass->bad_rows++;
    bool reported = file < pass->quiet_file || (file == pass->quiet_file && line < pass->quiet_line);
    if (!reported)
        input_report_error(status);
    return !pass->options->stop_on_bad_row;
}

/* Keeps the whole of standard input in *data, so that a second pass can
 * read it again. */
static bool read_stdin(char **data)
{
    if (*data != NULL)
        return true;
    size_t length = 0, capacity = 1 << 16;
    char *buffer = malloc(capacity);
    while (buffer != NULL) {
        size_t got = fread(buffer + length, 1, capacity - length - 1, stdin);
        length += got;
        if (got == 0)
            break;
        if (length + 1 == capacity) {
            char *grown = realloc(buffer, capacity * 2);
            if (grown == NULL) {
                free(buffer);
                buffer = NULL;
                break;
            }
            buffer = grown;
            capacity *= 2;
        }
    }
    if (buffer == NULL || ferror(stdin)) {
        free(buffer);
        cli_error("cannot read standard input");
        return false;
    }
    buffer[length] = '\0';
    *data = buffer;
    return true;
}

static int open_contact_reader(fcr_contact_reader **out, const metrics_pass *pass,
                               const char *path, char **stdin_data)
{
    const metrics_options *options = pass->options;
    fcr_status status;
    if (strcmp(path, "-") == 0) {
        if (!read_stdin(stdin_data))
            return CLI_EXIT_INVALID;
        status = fcr_contact_reader_new_buffer(out, pass->policy, *stdin_data, strlen(*stdin_data),
                                               "<stdin>");
    } else {
        status = fcr_contact_reader_new_file(out, pass->policy, path);
    }
    if (status != FCR_OK) {
        input_report_error(status);
        return CLI_EXIT_INVALID;
    }

    for (int f = 0; f < FCR_CONTACT_FIELD_COUNT && status == FCR_OK; f++) {
        if (options->columns[f] != NULL)
            status = fcr_contact_reader_map(*out, (fcr_contact_field)f, options->columns[f]);
    }
    if (status == FCR_OK && options->time_format != NULL)
        status = fcr_contact_reader_set_time_format(*out, options->time_format);
    if (status == FCR_OK && options->time_zone != NULL)
        status = fcr_contact_reader_set_time_zone(*out, options->time_zone);
    if (status == FCR_OK && options->missing != NULL)
        status = fcr_contact_reader_set_missing(*out, options->missing);
    if (status != FCR_OK) {
        input_report_error(status);
        fcr_contact_reader_free(*out);
        *out = NULL;
        return CLI_EXIT_USAGE;
    }
    return CLI_EXIT_OK;
}

/* Reads one CSV file. Returns false when the pass must end. */
static bool read_csv_file(metrics_pass *pass, size_t file, char **stdin_data, int *exit_status)
{
    fcr_contact_reader *reader = NULL;
    int status = open_contact_reader(&reader, pass, pass->options->files[file], stdin_data);
    if (status != CLI_EXIT_OK) {
        pass->unreadable++;
        *exit_status = status;
        return status != CLI_EXIT_USAGE;
    }

    bool go_on = true;
    bool failed_before = false;
    size_t failed_line = 0;
    for (;;) {
        const fcr_contact *contact = NULL;
        fcr_status read = fcr_contact_reader_next(reader, &contact);
        size_t line = fcr_contact_reader_line(reader);
        if (read != FCR_OK) {
            /* A reader that cannot go on fails again on the same line. */
            if (failed_before && line == failed_line)
                break;
            failed_before = true;
            failed_line = line;
            if (!bad_input(pass, read, file, line)) {
                go_on = false;
                break;
            }
            continue;
        }
        if (contact == NULL)
            break;
        if (!in_order(pass, contact->at)) {
            pass->quiet_line = line;
            go_on = false;
            break;
        }
        fcr_status added = fcr_metrics_add_contact(pass->metrics, contact);
        if (added != FCR_OK && !bad_input(pass, added, file, line)) {
            go_on = false;
            break;
        }
    }
    fcr_contact_reader_free(reader);
    return go_on;
}

/* Reads one file of fcr.call/1 records. Returns false when the pass must end. */
static bool read_calls_file(metrics_pass *pass, size_t file, char **stdin_data)
{
    const char *path = pass->options->files[file];
    fcr_reader *reader = NULL;
    fcr_status status;
    if (strcmp(path, "-") == 0) {
        if (!read_stdin(stdin_data)) {
            pass->unreadable++;
            return false;
        }
        status = fcr_reader_new_buffer(&reader, pass->policy, *stdin_data, strlen(*stdin_data),
                                       "<stdin>");
    } else {
        status = fcr_reader_new_file(&reader, pass->policy, path);
    }
    if (status != FCR_OK) {
        input_report_error(status);
        pass->unreadable++;
        return !pass->options->stop_on_bad_row;
    }

    bool go_on = true;
    for (;;) {
        fcr_call *call = NULL;
        status = fcr_reader_next(reader, &call);
        size_t line = fcr_reader_line(reader);
        if (status != FCR_OK) {
            if (!bad_input(pass, status, file, line)) {
                go_on = false;
                break;
            }
            if (fcr_reader_stopped(reader))
                break;
            continue;
        }
        if (call == NULL)
            break;
        if (!in_order(pass, fcr_call_started_at(call))) {
            pass->quiet_line = line;
            fcr_call_free(call);
            go_on = false;
            break;
        }
        status = fcr_metrics_add_call(pass->metrics, call);
        fcr_call_free(call);
        if (status != FCR_OK && !bad_input(pass, status, file, line)) {
            go_on = false;
            break;
        }
    }
    fcr_reader_free(reader);
    return go_on;
}

/* Reads every file into pass->metrics and returns an exit status. A
 * streaming pass that met unsorted input returns CLI_EXIT_OK with
 * out_of_order set. */
static int read_files(metrics_pass *pass, char **stdin_data)
{
    int exit_status = CLI_EXIT_OK;
    for (size_t file = 0; file < pass->options->file_count; file++) {
        bool go_on;
        if (is_calls_file(pass->options, pass->options->files[file])) {
            go_on = read_calls_file(pass, file, stdin_data);
        } else {
            go_on = read_csv_file(pass, file, stdin_data, &exit_status);
        }
        if (exit_status == CLI_EXIT_USAGE)
            return exit_status;
        if (pass->out_of_order && pass->sorted) {
            pass->quiet_file = file;
            return CLI_EXIT_OK;
        }
        if (!go_on)
            return CLI_EXIT_INVALID;
    }
    return exit_status;
}

static int run_pass(metrics_pass *pass, char **stdin_data)
{
    fcr_status status = fcr_metrics_new(&pass->metrics, pass->policy);
    if (status != FCR_OK) {
        input_report_error(status);
        return CLI_EXIT_INVALID;
    }
    int exit_status = configure(pass);
    if (exit_status == CLI_EXIT_OK)
        exit_status = read_files(pass, stdin_data);
    return exit_status;
}

int cli_metrics_main(int argc, char **argv)
{
    metrics_options options;
    int exit_status = parse_options(&options, argc, argv);
    if (exit_status != CLI_EXIT_OK) {
        free_options(&options);
        return exit_status < 0 ? CLI_EXIT_OK : exit_status;
    }

    fcr_policy *policy = NULL;
    exit_status = input_load_policy(&policy, options.policy_path);
    if (exit_status != CLI_EXIT_OK) {
        free_options(&options);
        return exit_status;
    }

    char *stdin_data = NULL;
    metrics_pass pass = {&options, policy, NULL, true, false, FCR_TIME_NONE, 0, 0, 0, 0};
    exit_status = run_pass(&pass, &stdin_data);

    if (exit_status == CLI_EXIT_OK && pass.out_of_order) {
        /* Unsorted input: read everything again, kept in memory and sorted. */
        metrics_pass again = {&options, policy, NULL, false, false, FCR_TIME_NONE, 0, 0,
                              pass.quiet_file, pass.quiet_line};
        fcr_metrics_free(pass.metrics);
        exit_status = run_pass(&again, &stdin_data);
        pass = again;
    }

    if (exit_status == CLI_EXIT_OK || (exit_status == CLI_EXIT_INVALID && !options.stop_on_bad_row)) {
        fcr_status status = fcr_metrics_finish(pass.metrics);
        char *report = NULL;
        if (status == FCR_OK)
            status = fcr_metrics_write(&report, pass.metrics, options.format);
        if (status != FCR_OK) {
            input_report_error(status);
            exit_status = CLI_EXIT_INVALID;
        } else {
            fputs(report, stdout);
            if (options.format == FCR_METRICS_JSON)
                fputc('\n', stdout);
            fcr_free(report);
        }
    }
    if ((pass.bad_rows > 0 || pass.unreadable > 0) && exit_status == CLI_EXIT_OK)
        exit_status = CLI_EXIT_INVALID;

    fcr_metrics_free(pass.metrics);
    fcr_policy_free(policy);
    free(stdin_data);
    free_options(&options);
    return exit_status;
}
