/* SPDX-License-Identifier: MIT */
/* fcr: the command-line program of libfcr. It finds the subcommand, parses
 * its options, runs it and turns a failed write to stdout into an error. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <fcr/fcr.h>

#include "cmd_metrics.h"
#include "commands.h"
#include "options.h"

static int run_version(const cli_options *options);

/* fcr events and fcr score take transcript options that the shared parser
 * does not know; their files parse them (cmd_events.c, cmd_score.c). */
extern const cli_command cli_command_events;
int cli_events_main(int argc, char **argv);
int cli_score_main(int argc, char **argv);

static const cli_command version_command = {
    "version",
    "Print the versions of fcr and of the libfcr it runs with",
    "Usage: fcr version\n"
    "       fcr --version\n"
    "\n"
    "Prints the version fcr was built with and the version of the libfcr shared\n"
    "library it runs with, such as \"fcr 1.0.0 (libfcr 1.0.0)\".\n"
    "\n"
    "Options:\n"
    "  -h, --help  Print this help and exit.\n",
    0,
    NULL,
    FCR_PROFILE_CHART,
    run_version,
};

static const cli_command *const commands[] = {
    &cli_command_demo,  &cli_command_check,  &cli_command_score,   &cli_command_events,
    &cli_command_note,  &cli_command_policy, &cli_command_metrics, &version_command,
};

#define COMMAND_COUNT (sizeof commands / sizeof commands[0])

static int run_version(const cli_options *options)
{
    (void)options;
    printf("fcr %s (libfcr %s)\n", FCR_VERSION_STRING, fcr_version(NULL, NULL, NULL));
    return CLI_EXIT_OK;
}

static void print_help(void)
{
    fputs("Usage: fcr COMMAND [OPTION]... [FILE]...\n"
          "       fcr --version\n"
          "       fcr --help\n"
          "\n"
          "Checks and scores first-call-resolution call records (fcr.call/1 JSON, one\n"
          "document after another or JSON Lines), writes their notes for the patient's\n"
          "chart, and plays the practice's reference call through the workflow.\n"
          "\n"
          "Commands:\n",
          stdout);
    for (size_t i = 0; i < COMMAND_COUNT; i++)
        printf("  %-8s %s\n", commands[i]->name, commands[i]->summary);
    printf("  %-8s %s\n", "help", "Print this help, or a command's help with 'fcr help COMMAND'");
    fputs("\n"
          "Options:\n"
          "  --version   Print the versions of fcr and libfcr, as 'fcr version' does.\n"
          "  -h, --help  Print this help and exit.\n"
          "\n"
          "A FILE of - reads standard input. Options may come before or after the\n"
          "files, and -- ends the options.\n"
          "\n"
          "Exit status: 0 on success; 1 when a file could not be read, a record was\n"
          "invalid or the output could not be written; 2 on a usage error.\n"
          "\n"
          "Examples:\n"
          "  fcr demo\n"
          "  fcr check calls.jsonl\n"
          "  fcr score --format csv calls.jsonl > scores.csv\n"
          "\n"
          "Run 'fcr COMMAND --help' for the options of a command; fcr(1) has the details.\n",
          stdout);
}

static const cli_command *find_command(const char *name)
{
    for (size_t i = 0; i < COMMAND_COUNT; i++) {
        if (strcmp(commands[i]->name, name) == 0)
            return commands[i];
    }
    return NULL;
}

/* Runs `fcr help [COMMAND]`. */
static int run_help(int argc, char **argv)
{
    /* 'fcr help --help' and 'fcr help help' ask about help itself. */
    if (argc == 0 || (argc == 1 && (strcmp(argv[0], "--help") == 0 ||
                                    strcmp(argv[0], "-h") == 0 || strcmp(argv[0], "help") == 0))) {
        print_help();
        return CLI_EXIT_OK;
    }
    const cli_command *command = find_command(argv[0]);
    if (command == NULL || argc > 1) {
        cli_error("'%s' is not a command; run 'fcr help' to list the commands",
                  command == NULL ? argv[0] : argv[1]);
        return CLI_EXIT_USAGE;
    }
    fputs(command->help, stdout);
    return CLI_EXIT_OK;
}

static int dispatch(int argc, char **argv)
{
    if (argc < 2) {
        cli_error("no command given; run 'fcr help' to list the commands");
        return CLI_EXIT_USAGE;
    }

    const char *name = argv[1];
    if (strcmp(name, "help") == 0 || strcmp(name, "--help") == 0 || strcmp(name, "-h") == 0)
        return run_help(argc - 2, argv + 2);
    if (strcmp(name, "--version") == 0)
        name = "version";
    /* fcr metrics takes more options than the shared parser knows. */
    if (strcmp(name, "metrics") == 0)
        return cli_metrics_main(argc - 2, argv + 2);
    if (strcmp(name, "events") == 0)
        return cli_events_main(argc - 2, argv + 2);
    if (strcmp(name, "score") == 0)
        return cli_score_main(argc - 2, argv + 2);

    const cli_command *command = find_command(name);
    if (command == NULL) {
        if (name[0] == '-')
            cli_error("unknown option '%s'; give a command first, such as 'fcr score --help'",
                      name);
        else
            cli_error("unknown command '%s'; run 'fcr help' to list the commands", name);
        return CLI_EXIT_USAGE;
    }

    cli_options options;
    int status = cli_parse_options(&options, command, argc - 2, argv + 2);
    if (status != CLI_EXIT_OK)
        return status;
    if (options.help) {
        fputs(command->help, stdout);
        return CLI_EXIT_OK;
    }
    return command->run(&options);
}

int main(int argc, char **argv)
{
    int status = dispatch(argc, argv);

    /* A full disk or a closed pipe shows up here at the latest. */
    errno = 0;
    int flush_failed = fflush(stdout) != 0;
    if (flush_failed || ferror(stdout)) {
        if (flush_failed && errno != 0)
            cli_error("cannot write to standard output: %s", strerror(errno));
        else
            cli_error("cannot write to standard output");
        if (status == CLI_EXIT_OK)
            status = CLI_EXIT_INVALID;
    }
    return status;
}
