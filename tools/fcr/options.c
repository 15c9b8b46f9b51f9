/* SPDX-License-Identifier: MIT */
/* A small hand parser for the subcommands' options. getopt_long() is not in
 * POSIX, and permuting options and operands by hand keeps the parser
 * portable. */
#include "options.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

typedef struct option_spec {
    const char *name;  /* with the leading "--" */
    unsigned accepted; /* the CLI_ACCEPTS_* bit that enables it */
    bool takes_value;
} option_spec;

static const option_spec option_specs[] = {
    {"--policy", CLI_ACCEPTS_POLICY, true},
    {"--live", CLI_ACCEPTS_LIVE, false},
    {"--strict", CLI_ACCEPTS_STRICT, false},
    {"--format", CLI_ACCEPTS_FORMAT, true},
    {"--profile", CLI_ACCEPTS_PROFILE, true},
};

static const char *const profile_names[] = {"chart", "qa", NULL};

void cli_error(const char *format, ...)
{
    va_list args;
    va_start(args, format);
    fputs("fcr: ", stderr);
    vfprintf(stderr, format, args);
    fputc('\n', stderr);
    va_end(args);
}

/* Writes the choices as "a, b or c" into `buffer`. */
static void join_choices(char *buffer, size_t size, const char *const *choices)
{
    size_t count = 0;
    while (choices[count] != NULL)
        count++;

    buffer[0] = '\0';
    size_t used = 0;
    for (size_t i = 0; i < count && used < size; i++) {
        const char *separator = i == 0 ? "" : (i + 1 == count ? " or " : ", ");
        int written = snprintf(buffer + used, size - used, "%s%s", separator, choices[i]);
        if (written < 0)
            break;
        used += (size_t)written;
    }
}

/* Returns the index of `value` in the NULL-terminated `choices`, or -1. */
static int find_choice(const char *const *choices, const char *value)
{
    for (int i = 0; choices[i] != NULL; i++) {
        if (strcmp(choices[i], value) == 0)
            return i;
    }
    return -1;
}

static const option_spec *find_option(const char *name, size_t length, unsigned accepted)
{
    for (size_t i = 0; i < sizeof option_specs / sizeof option_specs[0]; i++) {
        const option_spec *spec = &option_specs[i];
        if ((spec->accepted & accepted) != 0 && strlen(spec->name) == length &&
            strncmp(spec->name, name, length) == 0)
            return spec;
    }
    return NULL;
}

static bool wants_help(int argc, char **argv)
{
    for (int i = 0; i < argc; i++) {
        if (strcmp(argv[i], "--") == 0)
            return false;
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0)
            return true;
    }
    return false;
}

static int missing_value(const cli_command *command, const option_spec *spec)
{
    char choices[128];
    if (spec->accepted == CLI_ACCEPTS_POLICY) {
        cli_error("option '--policy' needs a file name, such as --policy practice.json");
    } else if (spec->accepted == CLI_ACCEPTS_FORMAT) {
        join_choices(choices, sizeof choices, command->formats);
        cli_error("option '--format' needs a value; use %s", choices);
    } else {
        join_choices(choices, sizeof choices, profile_names);
        cli_error("option '--profile' needs a value; use %s", choices);
    }
    return CLI_EXIT_USAGE;
}

/* Stores the value of one option, or prints why it is invalid. */
static int apply_option(cli_options *out, const option_spec *spec, const char *value)
{
    const cli_command *command = out->command;
    char choices[128];

    switch (spec->accepted) {
    case CLI_ACCEPTS_POLICY:
        if (value[0] == '\0')
            return missing_value(command, spec);
        out->policy_path = value;
        return CLI_EXIT_OK;
    case CLI_ACCEPTS_LIVE:
        out->live = true;
        return CLI_EXIT_OK;
    case CLI_ACCEPTS_STRICT:
        out->strict = true;
        return CLI_EXIT_OK;
    case CLI_ACCEPTS_FORMAT: {
        int index = find_choice(command->formats, value);
        if (index < 0) {
            join_choices(choices, sizeof choices, command->formats);
            cli_error("unknown format '%s' for %s; use %s", value, command->name, choices);
            return CLI_EXIT_USAGE;
        }
        out->format = (size_t)index;
        return CLI_EXIT_OK;
    }
    default: {
        int index = find_choice(profile_names, value);
        if (index < 0) {
            join_choices(choices, sizeof choices, profile_names);
            cli_error("unknown profile '%s' for %s; use %s", value, command->name, choices);
            return CLI_EXIT_USAGE;
        }
        out->profile = index == 0 ? FCR_PROFILE_CHART : FCR_PROFILE_QA;
        return CLI_EXIT_OK;
    }
    }
}

int cli_parse_options(cli_options *out, const cli_command *command, int argc, char **argv)
{
    memset(out, 0, sizeof *out);
    out->command = command;
    out->profile = command->default_profile;
    if (wants_help(argc, argv)) {
        out->help = true;
        return CLI_EXIT_OK;
    }

    /* Operands are moved down to argv[0 .. operands), which never passes
     * the argument being read. */
    size_t operands = 0;
    bool options_ended = false;
    for (int i = 0; i < argc; i++) {
        char *arg = argv[i];
        if (options_ended || arg[0] != '-' || strcmp(arg, "-") == 0) {
            argv[operands++] = arg;
            continue;
        }
        if (strcmp(arg, "--") == 0) {
            options_ended = true;
            continue;
        }

        /* "--name=value" carries its value; "--name value" takes the next argument. */
        size_t name_length = strlen(arg);
        const char *value = NULL;
        const char *equals = strchr(arg, '=');
        if (strncmp(arg, "--", 2) == 0 && equals != NULL) {
            name_length = (size_t)(equals - arg);
            value = equals + 1;
        }

        const option_spec *spec = find_option(arg, name_length, command->accepts);
        if (spec == NULL) {
            cli_error("unknown option '%.*s' for %s; run 'fcr %s --help' to list its options",
                      (int)name_length, arg, command->name, command->name);
            return CLI_EXIT_USAGE;
        }
        if (!spec->takes_value && value != NULL) {
            cli_error("option '%s' takes no value; give %s alone", spec->name, spec->name);
            return CLI_EXIT_USAGE;
        }
        if (spec->takes_value && value == NULL) {
            if (i + 1 >= argc)
                return missing_value(command, spec);
            value = argv[++i];
        }

        int status = apply_option(out, spec, value != NULL ? value : "");
        if (status != CLI_EXIT_OK)
            return status;
    }

    if ((command->accepts & CLI_ACCEPTS_FILES) != 0 && operands == 0) {
        cli_error("%s needs at least one FILE; give - to read standard input", command->name);
        return CLI_EXIT_USAGE;
    }
    if ((command->accepts & CLI_ACCEPTS_FILES) == 0 && operands > 0) {
        cli_error("%s takes no FILE, but got '%s'; run 'fcr %s --help' for its usage",
                  command->name, argv[0], command->name);
        return CLI_EXIT_USAGE;
    }
    out->files = argv;
    out->file_count = operands;
    return CLI_EXIT_OK;
}
