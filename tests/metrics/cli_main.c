/* SPDX-License-Identifier: MIT */
/* Runs `fcr metrics` without the rest of the fcr program, so that the
 * command-line test also runs in builds without tools/fcr. Called as
 * "metrics_cli metrics ARGS...", like "fcr metrics ARGS...". */
#include <stdio.h>
#include <string.h>

#include "cmd_metrics.h"

int main(int argc, char **argv)
{
    if (argc < 2 || strcmp(argv[1], "metrics") != 0) {
        fputs("usage: metrics_cli metrics [OPTION]... FILE...\n", stderr);
        return CLI_EXIT_USAGE;
    }
    int status = cli_metrics_main(argc - 2, argv + 2);
    if (fflush(stdout) != 0 && status == CLI_EXIT_OK)
        status = CLI_EXIT_INVALID;
    return status;
}
