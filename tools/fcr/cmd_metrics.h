/* SPDX-License-Identifier: MIT */
/* fcr metrics parses its own options, which are many more than the shared
 * parser knows, so main() hands it the arguments after its name. */
#ifndef FCR_TOOL_CMD_METRICS_H
#define FCR_TOOL_CMD_METRICS_H

#include "options.h"

/* The entry for `fcr help`; its run function is never called. */
extern const cli_command cli_command_metrics;

/* Runs `fcr metrics` with the arguments that follow "metrics"; returns the
 * exit status. argv is reordered. */
int cli_metrics_main(int argc, char **argv);

#endif
