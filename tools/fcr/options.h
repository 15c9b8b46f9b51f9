/* SPDX-License-Identifier: MIT */
/* Command table entries, command-line options and exit statuses shared by
 * the subcommands of the fcr program. */
#ifndef FCR_TOOL_OPTIONS_H
#define FCR_TOOL_OPTIONS_H

#include <stdbool.h>
#include <stddef.h>

#include <fcr/fcr.h>

/* Exit statuses, as documented in fcr(1). */
enum {
    CLI_EXIT_OK = 0,
    CLI_EXIT_INVALID = 1, /* a file could not be read, or a record was invalid */
    CLI_EXIT_USAGE = 2    /* unknown command or option, missing or bad value */
};

/* Options a subcommand accepts, as bits of cli_command.accepts. */
enum {
    CLI_ACCEPTS_POLICY = 1u << 0,
    CLI_ACCEPTS_LIVE = 1u << 1,
    CLI_ACCEPTS_FORMAT = 1u << 2,
    CLI_ACCEPTS_PROFILE = 1u << 3,
    CLI_ACCEPTS_FILES = 1u << 4, /* FILE operands, at least one */
    CLI_ACCEPTS_STRICT = 1u << 5
};

typedef struct cli_options cli_options;

/* One subcommand: its name, what it accepts, its help and its entry point. */
typedef struct cli_command {
    const char *name;
    const char *summary;              /* one line for `fcr help` */
    const char *help;                 /* full text for `fcr NAME --help` */
    unsigned accepts;                 /* CLI_ACCEPTS_* bits */
    const char *const *formats;       /* NULL-terminated; the first is the default */
    fcr_profile default_profile;
    int (*run)(const cli_options *options); /* returns an exit status */
} cli_command;

/* The parsed command line of one subcommand. */
struct cli_options {
    const cli_command *command;
    const char *policy_path; /* NULL for the built-in defaults */
    bool live;
    bool strict;             /* reject fields fcr.call/1 does not define */
    size_t format;           /* index into command->formats */
    fcr_profile profile;
    bool help;
    char **files;            /* FILE operands, borrowed from argv; "-" is stdin */
    size_t file_count;
};

/*
 * Parses the arguments that follow the subcommand's name. Options and FILE
 * operands may come in any order, and "--" ends the options. The operands
 * are moved to the front of argv, which must stay alive while `out` is used.
 *
 * Returns CLI_EXIT_OK, or CLI_EXIT_USAGE after printing a one-line message
 * on stderr. When --help is given, out->help is set and nothing else is
 * checked.
 */
int cli_parse_options(cli_options *out, const cli_command *command, int argc, char **argv);

/* Prints "fcr: " and the formatted message, then a newline, to stderr. */
void cli_error(const char *format, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 1, 2)))
#endif
    ;

#endif /* FCR_TOOL_OPTIONS_H */
