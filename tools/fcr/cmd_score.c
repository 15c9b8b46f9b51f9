/* SPDX-License-Identifier: MIT */
/* fcr score: a checklist scorecard per call and a summary over all calls. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "commands.h"
#include "input.h"

/* The transcript input, in cmd_events.c. */
typedef struct transcript_options {
    bool transcript;
    const char *format_name;
    const char *rules_path;
    const char *agent_role;
} transcript_options;
int cli_transcript_options_take(transcript_options *out, int *argc, char **argv);
void cli_transcript_read_files(input_totals *totals, const cli_options *options,
                               const transcript_options *transcript, fcr_policy *policy,
                               input_record_fn handle, void *context);
int cli_score_main(int argc, char **argv);

/* Set by cli_score_main() when --transcript is given. */
static const transcript_options *score_transcript;

enum { FORMAT_TEXT, FORMAT_JSON, FORMAT_CSV };

static const char *const score_formats[] = {"text", "json", "csv", NULL};

/* Calls that got one band, and the highest score among them, which orders
 * the bands from best to worst in the summary. */
typedef struct band_count {
    char *name;
    size_t calls;
    double highest_score;
} band_count;

typedef struct score_run {
    const cli_options *options;
    size_t calls;
    size_t scored;
    size_t auto_fails;
    double score_sum;
    band_count *bands;
    size_t band_count;
} score_run;

static bool count_band(score_run *run, const char *name, double score)
{
    for (size_t i = 0; i < run->band_count; i++) {
        band_count *band = &run->bands[i];
        if (strcmp(band->name, name) == 0) {
            band->calls++;
            if (score > band->highest_score)
                band->highest_score = score;
            return true;
        }
    }

    band_count *bands = realloc(run->bands, (run->band_count + 1) * sizeof *bands);
    if (bands == NULL)
        return false;
    run->bands = bands;
    char *copy = malloc(strlen(name) + 1);
    if (copy == NULL)
        return false;
    // NOLINTNEXTLINE(clang-analyzer-security.insecureAPI.strcpy): sized from strlen(name)
    strcpy(copy, name);
    run->bands[run->band_count++] = (band_count){copy, 1, score};
    return true;
}

static fcr_scorecard_format library_format(size_t format)
{
    if (format == FORMAT_JSON)
        return FCR_SCORECARD_JSON;
    if (format == FORMAT_CSV)
        return FCR_SCORECARD_CSV;
    return FCR_SCORECARD_TEXT;
}

static bool score_record(const fcr_call *call, const input_record *where, void *context)
{
    (void)where;
    score_run *run = context;
    fcr_scorecard *scorecard = NULL;
    char *output = NULL;

    fcr_status status = fcr_scorecard_new(&scorecard, call);
    if (status == FCR_OK)
        status = fcr_scorecard_write(&output, scorecard, library_format(run->options->format),
                                     run->options->profile);
    if (status != FCR_OK) {
        input_report_error(status);
        fcr_scorecard_free(scorecard);
        return false;
    }

    if (run->options->format == FORMAT_TEXT && run->calls > 0)
        fputc('\n', stdout);
    fputs(output, stdout);
    if (run->options->format == FORMAT_JSON)
        fputc('\n', stdout); /* the JSON form has no newline; this makes JSON Lines */
    fcr_free(output);

    run->calls++;
    if (fcr_scorecard_scored(scorecard)) {
        double score = fcr_scorecard_score(scorecard);
        run->scored++;
        run->score_sum += score;
        const char *band = fcr_scorecard_band(scorecard);
        if (band != NULL && !count_band(run, band, score)) {
            cli_error("out of memory while counting score bands");
            fcr_scorecard_free(scorecard);
            return false;
        }
    }
    if (fcr_scorecard_auto_fail(scorecard))
        run->auto_fails++;
    fcr_scorecard_free(scorecard);
    return true;
}

static int compare_bands(const void *left, const void *right)
{
    const band_count *a = left;
    const band_count *b = right;
    if (a->highest_score != b->highest_score)
        return a->highest_score > b->highest_score ? -1 : 1;
    return strcmp(a->name, b->name);
}

/* Writes `text` as a JSON string, escaping quotes, backslashes and control
 * characters. UTF-8 passes through unchanged. */
static void write_json_string(FILE *out, const char *text)
{
    fputc('"', out);
    for (const unsigned char *p = (const unsigned char *)text; *p != '\0'; p++) {
        if (*p == '"' || *p == '\\')
            fprintf(out, "\\%c", *p);
        else if (*p < 0x20)
            fprintf(out, "\\u%04x", *p);
        else
            fputc(*p, out);
    }
    fputc('"', out);
}

static void print_summary_json(const score_run *run, const input_totals *totals)
{
    printf("{\"format\":\"fcr.score-summary/1\",\"calls\":%zu,\"scored\":%zu,\"mean_score\":",
           run->calls, run->scored);
    if (run->scored > 0)
        printf("%.2f", run->score_sum / (double)run->scored);
    else
        fputs("null", stdout);
    printf(",\"auto_fails\":%zu,\"bands\":{", run->auto_fails);
    for (size_t i = 0; i < run->band_count; i++) {
        if (i > 0)
            fputc(',', stdout);
        write_json_string(stdout, run->bands[i].name);
        printf(":%zu", run->bands[i].calls);
    }
    printf("},\"invalid_records\":%zu,\"unreadable_files\":%zu}\n", totals->records_invalid,
           totals->files_unreadable);
}

static void print_summary_text(FILE *out, const score_run *run, const input_totals *totals)
{
    fprintf(out, "Summary: %zu call%s, %zu scored, mean score ", run->calls,
            run->calls == 1 ? "" : "s", run->scored);
    if (run->scored > 0)
        fprintf(out, "%.1f", run->score_sum / (double)run->scored);
    else
        fputs("n/a", out);
    fprintf(out, ", %zu automatic fail%s", run->auto_fails, run->auto_fails == 1 ? "" : "s");
    for (size_t i = 0; i < run->band_count; i++)
        fprintf(out, "%s%s %zu", i == 0 ? "; " : ", ", run->bands[i].name, run->bands[i].calls);
    if (totals->records_invalid > 0)
        fprintf(out, "; %zu invalid record%s skipped", totals->records_invalid,
                totals->records_invalid == 1 ? "" : "s");
    if (totals->files_unreadable > 0)
        fprintf(out, "; %zu file%s not readable", totals->files_unreadable,
                totals->files_unreadable == 1 ? "" : "s");
    fputc('\n', out);
}

static int run_score(const cli_options *options)
{
    fcr_policy *policy = NULL;
    int exit_status = input_load_policy(&policy, options->policy_path);
    if (exit_status != CLI_EXIT_OK)
        return exit_status;

    /* The header comes first even when no record is valid, so the output is
     * always a CSV table. */
    if (options->format == FORMAT_CSV)
        fputs(fcr_scorecard_csv_header(), stdout);

    score_run run = {options, 0, 0, 0, 0.0, NULL, 0};
    input_totals totals;
    if (score_transcript != NULL)
        cli_transcript_read_files(&totals, options, score_transcript, policy, score_record,
                                  &run);
    else
        input_read_files(&totals, options, policy, score_record, &run);
    fcr_policy_free(policy);

    if (run.band_count > 1)
        qsort(run.bands, run.band_count, sizeof *run.bands, compare_bands);
    if (options->format == FORMAT_JSON) {
        print_summary_json(&run, &totals);
    } else if (options->format == FORMAT_CSV) {
        fflush(stdout); /* keep the order when both streams go to one terminal */
        print_summary_text(stderr, &run, &totals);
    } else {
        if (run.calls > 0)
            fputc('\n', stdout);
        print_summary_text(stdout, &run, &totals);
    }

    for (size_t i = 0; i < run.band_count; i++)
        free(run.bands[i].name);
    free(run.bands);
    return input_exit_status(&totals);
}

const cli_command cli_command_score = {
    "score",
    "Score calls against the eight-item checklist, with a summary",
    "Usage: fcr score [--policy FILE] [--format text|json|csv] [--profile chart|qa] FILE...\n"
    "       fcr score --transcript [--transcript-format FORMAT] [--rules FILE]\n"
    "                 [--agent-role ROLE] [OPTION]... FILE...\n"
    "\n"
    "Scores each valid fcr.call/1 record in each FILE (- reads standard input)\n"
    "against the eight-item checklist and prints its scorecard: each item's\n"
    "result, the rule's note and the events used as evidence, the score from 0\n"
    "to 100 and its band. A missed critical item is an automatic fail, scored 0.\n"
    "\n"
    "After the scorecards comes a summary over all calls: how many were read and\n"
    "scored, the mean score of the scored calls (automatic fails count as 0), the\n"
    "number of automatic fails and the number of calls in each band that\n"
    "occurred. Invalid records are reported on stderr and skipped. A FILE without\n"
    "any record gets the notice \"fcr: FILE: no records; ...\" on stderr, which\n"
    "does not change the exit status.\n"
    "\n"
    "Options:\n"
    "  --policy FILE     Overlay the built-in policy with the fcr.policy/1 JSON\n"
    "                    document in FILE; weights, critical items and bands come\n"
    "                    from it. Default: the built-in policy.\n"
    "  --format FORMAT   Output form. Default: text.\n"
    "                    text: the checklist table per call, a blank line between\n"
    "                      calls, then a \"Summary:\" line.\n"
    "                    json: one fcr.scorecard/1 object per line, then one\n"
    "                      {\"format\":\"fcr.score-summary/1\",...} object.\n"
    "                    csv: one header line, then one row per call; the summary\n"
    "                      goes to stderr so that stdout stays a table.\n"
    "  --profile PROFILE Audience of the evidence quotes. Default: qa.\n"
    "                    qa: quality review; quoted free text is \"[redacted]\".\n"
    "                    chart: the patient's chart; quotes are shown.\n"
    "  --transcript      Read transcripts instead of call records, and score the\n"
    "                    call the evidence rules derive from each, as 'fcr events'\n"
    "                    prints it. The evidence quotes the turns; \"documented\" is\n"
    "                    unknown, since a transcript cannot show the note.\n"
    "  --transcript-format FORMAT, --rules FILE, --agent-role ROLE\n"
    "                    With --transcript: as for 'fcr events'.\n"
    "  -h, --help        Print this help and exit.\n"
    "\n"
    "Exit status: 0 when every record was scored; 1 when a record is invalid or a\n"
    "file cannot be read; 2 on a usage error.\n"
    "\n"
    "Examples:\n"
    "  fcr score calls.jsonl\n"
    "  fcr score --format csv january.jsonl february.jsonl > scores.csv\n"
    "  fcr score --format json --policy practice.json - < calls.jsonl\n",
    CLI_ACCEPTS_POLICY | CLI_ACCEPTS_FORMAT | CLI_ACCEPTS_PROFILE | CLI_ACCEPTS_FILES,
    score_formats,
    FCR_PROFILE_QA,
    run_score,
};

/* Runs `fcr score`, which takes the transcript options as well as the
 * shared ones. */
int cli_score_main(int argc, char **argv)
{
    transcript_options transcript;
    int status = cli_transcript_options_take(&transcript, &argc, argv);
    if (status != CLI_EXIT_OK)
        return status;
    if (!transcript.transcript &&
        (transcript.format_name != NULL || transcript.rules_path != NULL ||
         transcript.agent_role != NULL)) {
        cli_error("--transcript-format, --rules and --agent-role apply to transcripts; add "
                  "--transcript");
        return CLI_EXIT_USAGE;
    }

    cli_options options;
    status = cli_parse_options(&options, &cli_command_score, argc, argv);
    if (status != CLI_EXIT_OK)
        return status;
    if (options.help) {
        fputs(cli_command_score.help, stdout);
        return CLI_EXIT_OK;
    }
    score_transcript = transcript.transcript ? &transcript : NULL;
    status = run_score(&options);
    score_transcript = NULL;
    return status;
}
