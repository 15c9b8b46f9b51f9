/* SPDX-License-Identifier: MIT */
/* The subcommands of the fcr program, one file each (cmd_NAME.c). */
#ifndef FCR_TOOL_COMMANDS_H
#define FCR_TOOL_COMMANDS_H

#include "options.h"

extern const cli_command cli_command_demo;
extern const cli_command cli_command_check;
extern const cli_command cli_command_score;
extern const cli_command cli_command_note;
extern const cli_command cli_command_policy;

#endif /* FCR_TOOL_COMMANDS_H */
