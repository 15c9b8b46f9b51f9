/* SPDX-License-Identifier: MIT */
/* fcr policy: print the effective policy as an fcr.policy/1 document. */
#include <stdio.h>

#include "commands.h"
#include "input.h"

static int run_policy(const cli_options *options)
{
    fcr_policy *policy = NULL;
    int exit_status = input_load_policy(&policy, options->policy_path);
    if (exit_status != CLI_EXIT_OK)
        return exit_status;

    char *json = NULL;
    fcr_status status = fcr_policy_to_json(&json, policy);
    fcr_policy_free(policy);
    if (status != FCR_OK) {
        input_report_error(status);
        return CLI_EXIT_INVALID;
    }

    fputs(json, stdout);
    fputc('\n', stdout);
    fcr_free(json);
    return CLI_EXIT_OK;
}

const cli_command cli_command_policy = {
    "policy",
    "Print the effective policy as JSON, to start a policy file from",
    "Usage: fcr policy [--policy FILE]\n"
    "\n"
    "Prints the effective policy as a pretty-printed fcr.policy/1 JSON document:\n"
    "the built-in defaults, overlaid with FILE when --policy is given. It lists\n"
    "the roles and the categories each may resolve, the tools each category needs,\n"
    "the escalation targets with their callback times, the office hours and time\n"
    "zone, the identifier types and how many must be verified, the time allowed\n"
    "for documentation, the checklist weights, critical items and score bands,\n"
    "and the prompts and phrases of each step. Save it, edit it, and pass it back\n"
    "with --policy.\n"
    "\n"
    "Options:\n"
    "  --policy FILE  Overlay the built-in defaults with the fcr.policy/1 JSON\n"
    "                 document in FILE. Default: the built-in defaults alone.\n"
    "  -h, --help     Print this help and exit.\n"
    "\n"
    "Examples:\n"
    "  fcr policy > practice.json\n"
    "  fcr policy --policy practice.json\n",
    CLI_ACCEPTS_POLICY,
    NULL,
    FCR_PROFILE_CHART,
    run_policy,
};
