#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Tests of the fcr command-line program, run as a user runs it.

Each test runs the built fcr on the sample records in data/ and checks the
exit status, stdout and stderr. CTest sets these environment variables:

  FCR_EXE          Path of the built fcr program. Required.
  FCR_CLI_DATA     Folder of the sample records. Default: data/ beside this file.
  FCR_CLI_WRAPPER  Command put in front of every fcr run, such as a valgrind
                   command line. It is split as a POSIX shell splits words.
                   Default: none.

The man page, docs/call-format.md and the TextGrid samples are read from the
source tree that contains this file.
"""
import csv
import io
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
import unittest

FCR = os.environ.get("FCR_EXE", "")
DATA = os.environ.get("FCR_CLI_DATA", os.path.join(os.path.dirname(os.path.abspath(__file__)), "data"))
WRAPPER = shlex.split(os.environ.get("FCR_CLI_WRAPPER", ""))
SOURCE = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
MAN_PAGE = os.path.join(SOURCE, "tools", "fcr", "fcr.1")
TEXTGRIDS = os.path.join(SOURCE, "tests", "data", "transcripts", "primock57")

COMMANDS = ["demo", "check", "score", "note", "policy", "metrics", "version"]

# Free text from the sample records that the QA profile must never show:
# the callers' requests, the agents' quotes, actions, reasons and the
# patient keys.
PRIVATE_TEXT = [
    "Reschedule my follow-up visit",
    "Check on my cardiology referral",
    "Refill my lisinopril prescription",
    "Can I take ibuprofen with my blood thinner?",
    "How can I help you today?",
    "So you are calling to reschedule",
    "Moved the follow-up to Tuesday",
    "Sent the refill to the pharmacy on file",
    "A nurse must review the chart",
    "pk-7f3a9c",
    "pk-1b2c3d",
]


def run(*args, stdin=None, cwd=DATA):
    """Run fcr with args in cwd; return (exit status, stdout, stderr) as text."""
    completed = subprocess.run(
        WRAPPER + [FCR, *args],
        input=stdin,
        capture_output=True,
        cwd=cwd,
        text=True,
        encoding="utf-8",
        timeout=300,
    )
    return completed.returncode, completed.stdout, completed.stderr


def read_data(name):
    with open(os.path.join(DATA, name), encoding="utf-8") as f:
        return f.read()


def read_source(*parts):
    with open(os.path.join(SOURCE, *parts), encoding="utf-8") as f:
        return f.read()


def man_section(name):
    """Return the roff source of one .SH section of the man page."""
    text = read_source("tools", "fcr", "fcr.1")
    match = re.search(rf"(?ms)^\.SH {re.escape(name)}\n(.*?)(?=^\.SH |\Z)", text)
    if match is None:
        raise AssertionError(f"fcr.1 has no section {name}")
    return match.group(1)


def man_entry(section, heading):
    """Return one .TP entry of a man page section, from its heading line to the next .TP."""
    match = re.search(rf"(?ms)^{re.escape(heading)}\n(.*?)(?=^\.TP|\Z)", man_section(section))
    if match is None:
        raise AssertionError(f"fcr.1 section {section} has no entry {heading!r}")
    return match.group(1)


def run_as_calls_jsonl(data_name, *args):
    """Run fcr on a copy of a data file named calls.jsonl, the name that the examples use."""
    with tempfile.TemporaryDirectory() as directory:
        shutil.copy(os.path.join(DATA, data_name), os.path.join(directory, "calls.jsonl"))
        return run(*args, "calls.jsonl", cwd=directory)


class CliTestCase(unittest.TestCase):
    def assert_status(self, actual, expected, stderr):
        self.assertEqual(actual, expected, f"exit status {actual}, expected {expected}; stderr:\n{stderr}")

    def assert_usage_error(self, args, message):
        status, out, err = run(*args)
        self.assert_status(status, 2, err)
        self.assertEqual(out, "")
        self.assertEqual(err, message)


class HelpTest(CliTestCase):
    def test_main_help_lists_commands(self):
        for args in (["help"], ["--help"], ["-h"]):
            status, out, err = run(*args)
            self.assert_status(status, 0, err)
            self.assertTrue(out.startswith("Usage: fcr COMMAND"), out)
            for command in COMMANDS:
                self.assertRegex(out, rf"(?m)^  {command} +\S")
            self.assertEqual(err, "")

    def test_each_command_help(self):
        for command in COMMANDS:
            status, out, err = run(command, "--help")
            self.assert_status(status, 0, err)
            self.assertTrue(out.startswith(f"Usage: fcr {command}"), out)
            self.assertEqual(err, "")
            status, short_out, err = run(command, "-h")
            self.assertEqual(short_out, out)
            status, help_out, err = run("help", command)
            self.assertEqual(help_out, out)

    def test_help_of_help(self):
        status, main_help, err = run("--help")
        for args in (["help", "--help"], ["help", "-h"], ["help", "help"]):
            status, out, err = run(*args)
            self.assert_status(status, 0, err)
            self.assertEqual(out, main_help, args)

    def test_help_states_defaults(self):
        for command in ["check", "score", "note", "policy"]:
            status, out, err = run(command, "--help")
            self.assertIn("Default:", out, command)
            self.assertIn("Example", out, command)

    def test_main_help_shows_version_option(self):
        status, out, err = run("--help")
        self.assert_status(status, 0, err)
        self.assertIn("\n       fcr --version\n", out)
        self.assertRegex(out, r"(?m)^  --version +Print the versions")

    def test_check_help_example_is_real(self):
        status, help_text, err = run("check", "--help")
        examples = [line.strip() for line in help_text.splitlines() if line.startswith("  fcr: record ")]
        self.assertEqual(len(examples), 1, help_text)
        status, out, err = run_as_calls_jsonl("mixed.jsonl", "check")
        self.assert_status(status, 1, err)
        self.assertEqual(err.splitlines()[0], examples[0])

    def test_help_wins_over_bad_options(self):
        status, out, err = run("score", "--format", "xml", "--help")
        self.assert_status(status, 0, err)
        self.assertTrue(out.startswith("Usage: fcr score"))

    def test_help_of_unknown_command(self):
        self.assert_usage_error(
            ["help", "scroe"], "fcr: 'scroe' is not a command; run 'fcr help' to list the commands\n"
        )


class VersionTest(CliTestCase):
    def test_version_forms_agree(self):
        status, out, err = run("version")
        self.assert_status(status, 0, err)
        self.assertRegex(out, r"^fcr \d+\.\d+\.\d+ \(libfcr \d+\.\d+\.\d+\)\n$")
        status, long_out, err = run("--version")
        self.assertEqual(long_out, out)


class DemoTest(CliTestCase):
    def test_demo_key_lines(self):
        status, out, err = run("demo")
        self.assert_status(status, 0, err)
        self.assertEqual(err, "")
        for line in [
            "== Step: Clarify the concern",
            "== Step: Check resolution authority",
            "== Step: Act immediately or escalate intentionally",
            "== Step: Confirm and recap",
            "== Step: Document in real time",
            "== Step: Closed",
            "  14:02:20  recorded concern_stated (c1)",
            "  14:02:50  rejected authority_checked (c1), sent too early on purpose:",
            "  14:09:00  recorded documented",
            "== Note for the chart (text format, chart profile)",
            "== Scorecard (text format)",
            "Score: 100.0 (exceeds expectations)",
        ]:
            self.assertIn(line + "\n", out)
        self.assertRegex(out, r"(?m)^Prompt: \S")
        self.assertRegex(out, r'(?m)^  "How can I help you today\?"$')
        self.assertIn("Restate concern c1 and ask the caller to confirm it.", out)
        self.assertRegex(out, r"(?m)^Recap to read back: \S")

    def test_demo_is_deterministic(self):
        first = run("demo")
        second = run("demo")
        self.assertEqual(first, second)

    def test_demo_takes_no_files(self):
        self.assert_usage_error(
            ["demo", "calls.jsonl"],
            "fcr: demo takes no FILE, but got 'calls.jsonl'; run 'fcr demo --help' for its usage\n",
        )


class CheckTest(CliTestCase):
    def test_valid_file_lists_deviations(self):
        status, out, err = run("check", "calls.jsonl")
        self.assert_status(status, 0, err)
        self.assertEqual(err, "")
        lines = out.splitlines()
        self.assertEqual(lines[0], "calls.jsonl: record 1 (call call-0001, line 1): valid, no workflow deviations")
        self.assertIn("calls.jsonl: record 2 (call call-0002, line 2): valid, 3 workflow deviations", lines)
        self.assertRegex(out, r"(?m)^  verify_identity \(event 3, concern c1\): \S")
        self.assertRegex(out, r"(?m)^  give_recap \(event 5, whole call\): \S")
        self.assertEqual(
            lines[-1],
            "Checked 3 records: 3 valid, 0 invalid; 4 workflow deviations (deviations are listed, not errors)",
        )

    def test_invalid_record_names_position(self):
        status, out, err = run("check", "mixed.jsonl")
        self.assert_status(status, 1, err)
        self.assertRegex(err, r"^fcr: record 2: mixed\.jsonl:2:\d+: events\[4\]\.due_at: \S")
        self.assertEqual(len(err.splitlines()), 1, err)
        self.assertIn("call-0101", out)
        self.assertIn("call-0103", out)
        self.assertNotIn("call-0102", out)
        self.assertIn("Checked 3 records: 2 valid, 1 invalid;", out)

    def test_strict_names_misspelt_field(self):
        record = json.loads(open(os.path.join(DATA, "calls.jsonl"), encoding="utf-8").readline())
        stated = next(i for i, event in enumerate(record["events"]) if "request" in event)
        record["events"][stated]["requets"] = record["events"][stated].pop("request")
        text = json.dumps(record) + "\n"

        status, out, err = run("check", "-", stdin=text)
        self.assert_status(status, 0, err)
        self.assertIn("concern_request", out)

        status, out, err = run("check", "--strict", "-", stdin=text)
        self.assert_status(status, 1, err)
        self.assertRegex(
            err,
            rf'^fcr: record 1: <stdin>:1:\d+: events\[{stated}\]\.requets: is not a field of '
            r'fcr\.call/1; did you mean "request"\?\n$',
        )

    def test_pretty_document_line_column(self):
        status, out, err = run("check", "one-invalid.json")
        self.assert_status(status, 1, err)
        self.assertEqual(
            err,
            "fcr: record 1: one-invalid.json:46:17: events[4].due_at: "
            "is not an RFC 3339 date-time such as 2026-11-10T14:02:00Z\n",
        )

    def test_error_quotes_no_record_values(self):
        status, out, err = run("check", "mixed.jsonl", "one-invalid.json")
        self.assert_status(status, 1, err)
        for private in ["tomorrow", "Ask the nurse about my rash", "RN on duty", *PRIVATE_TEXT]:
            self.assertNotIn(private, err)

    def test_missing_file_named(self):
        status, out, err = run("check", "does-not-exist.jsonl", "calls.jsonl")
        self.assert_status(status, 1, err)
        self.assertRegex(err, r"^fcr: cannot open does-not-exist\.jsonl: ")
        self.assertIn("Checked 3 records: 3 valid, 0 invalid, 1 file not readable;", out)

    def test_directory_as_file(self):
        status, out, err = run("check", ".", "calls.jsonl")
        self.assert_status(status, 1, err)
        self.assertRegex(err, r"^fcr: .*cannot read \.: ")
        self.assertIn("Checked 3 records: 3 valid, 0 invalid, 1 file not readable;", out)

    def test_malformed_json_stops_file(self):
        status, out, err = run("check", "truncated.json", "calls.jsonl")
        self.assert_status(status, 1, err)
        self.assertRegex(err, r"(?m)^fcr: record 1: truncated\.json:4:1: ")
        self.assertIn("fcr: truncated.json: reading stopped at record 1,", err)
        self.assertIn("Checked 4 records: 3 valid, 1 invalid;", out)

    def test_malformed_json_position(self):
        status, out, err = run("check", "malformed.jsonl")
        self.assert_status(status, 1, err)
        self.assertRegex(err, r"^fcr: record 1: malformed\.jsonl:1:87: ")
        self.assertIn("Checked 1 record: 0 valid, 1 invalid;", out)

    def test_newer_format_rejected(self):
        status, out, err = run("check", "newer-format.json")
        self.assert_status(status, 1, err)
        self.assertRegex(err, r"^fcr: record 1: newer-format\.json:1:\d+: format: ")

    def test_live_rejects_deviations(self):
        status, out, err = run("check", "--live", "calls.jsonl")
        self.assert_status(status, 1, err)
        self.assertRegex(err, r"(?m)^fcr: record 2: calls\.jsonl:2:\d+: resolved rejected .*\(field events\[3\]\)$")
        self.assertIn("Checked 3 records: 1 valid, 2 invalid;", out)

    def test_stdin_dash(self):
        status, out, err = run("check", "-", stdin=read_data("calls.jsonl"))
        self.assert_status(status, 0, err)
        self.assertTrue(out.startswith("<stdin>: record 1 (call call-0001, line 1): valid"), out)

    def test_stdin_errors_named(self):
        status, out, err = run("check", "-", stdin=read_data("mixed.jsonl"))
        self.assert_status(status, 1, err)
        self.assertRegex(err, r"^fcr: record 2: <stdin>:2:\d+: events\[4\]\.due_at: ")

    def test_empty_file(self):
        with tempfile.TemporaryDirectory() as directory:
            open(os.path.join(directory, "empty.jsonl"), "w").close()
            status, out, err = run("check", "empty.jsonl", cwd=directory)
        self.assert_status(status, 0, err)
        self.assertEqual(out, "Checked 0 records: 0 valid, 0 invalid; 0 workflow deviations (deviations are listed, not errors)\n")
        self.assertEqual(err, "fcr: empty.jsonl: no records; the input is empty or contains only white space\n")

    def test_policy_changes_validity(self):
        status, out, err = run("check", "--policy", "three-identifiers.policy.json", "--live", "calls.jsonl")
        self.assert_status(status, 1, err)
        self.assertRegex(err, r"(?m)^fcr: record 1: calls\.jsonl:1:\d+: .*2 of 3")


class EmptyInputTest(CliTestCase):
    NOTICE = "fcr: {}: no records; the input is empty or contains only white space\n"

    def test_notice_per_command(self):
        with tempfile.TemporaryDirectory() as directory:
            with open(os.path.join(directory, "day.jsonl"), "w") as f:
                f.write("\n  \n")
            for command in ["check", "score", "note"]:
                status, out, err = run(command, "day.jsonl", cwd=directory)
                self.assert_status(status, 0, err)
                self.assertEqual(err, self.NOTICE.format("day.jsonl"), command)

    def test_notice_for_stdin(self):
        status, out, err = run("score", "--format", "csv", "-", stdin="")
        self.assert_status(status, 0, err)
        self.assertEqual(out, read_csv_header())
        self.assertEqual(err.splitlines(keepends=True)[0], self.NOTICE.format("<stdin>"))

    def test_notice_only_for_empty_file(self):
        with tempfile.TemporaryDirectory() as directory:
            open(os.path.join(directory, "empty.jsonl"), "w").close()
            shutil.copy(os.path.join(DATA, "calls.jsonl"), directory)
            status, out, err = run("note", "--format", "json", "empty.jsonl", "calls.jsonl", cwd=directory)
        self.assert_status(status, 0, err)
        self.assertEqual(len(out.splitlines()), 3)
        self.assertEqual(err, self.NOTICE.format("empty.jsonl"))

    def test_no_notice_after_invalid_record(self):
        status, out, err = run("check", "truncated.json")
        self.assert_status(status, 1, err)
        self.assertNotIn("no records", err)


class OptionTest(CliTestCase):
    def test_options_after_files(self):
        before = run("score", "--format", "json", "calls.jsonl")
        after = run("score", "calls.jsonl", "--format", "json")
        equals = run("score", "calls.jsonl", "--format=json")
        self.assertEqual(before[0], 0)
        self.assertEqual(before, after)
        self.assertEqual(before, equals)

    def test_double_dash_ends_options(self):
        with tempfile.TemporaryDirectory() as directory:
            shutil.copy(os.path.join(DATA, "calls.jsonl"), os.path.join(directory, "-calls.jsonl"))
            status, out, err = run("check", "--", "-calls.jsonl", cwd=directory)
            self.assert_status(status, 0, err)
            self.assertTrue(out.startswith("-calls.jsonl: record 1"), out)
            status, out, err = run("check", "-calls.jsonl", cwd=directory)
            self.assert_status(status, 2, err)

    def test_unknown_option(self):
        self.assert_usage_error(
            ["score", "--colour", "calls.jsonl"],
            "fcr: unknown option '--colour' for score; run 'fcr score --help' to list its options\n",
        )

    def test_option_of_other_command(self):
        self.assert_usage_error(
            ["score", "--live", "calls.jsonl"],
            "fcr: unknown option '--live' for score; run 'fcr score --help' to list its options\n",
        )

    def test_bad_format(self):
        self.assert_usage_error(
            ["score", "--format", "xml", "calls.jsonl"],
            "fcr: unknown format 'xml' for score; use text, json or csv\n",
        )
        self.assert_usage_error(
            ["note", "--format=csv", "calls.jsonl"],
            "fcr: unknown format 'csv' for note; use text, line, json or fhir\n",
        )

    def test_bad_profile(self):
        self.assert_usage_error(
            ["note", "--profile", "public", "calls.jsonl"],
            "fcr: unknown profile 'public' for note; use chart or qa\n",
        )

    def test_missing_values(self):
        self.assert_usage_error(
            ["score", "calls.jsonl", "--format"],
            "fcr: option '--format' needs a value; use text, json or csv\n",
        )
        self.assert_usage_error(
            ["check", "calls.jsonl", "--policy"],
            "fcr: option '--policy' needs a file name, such as --policy practice.json\n",
        )

    def test_flag_with_value(self):
        self.assert_usage_error(
            ["check", "--live=yes", "calls.jsonl"],
            "fcr: option '--live' takes no value; give --live alone\n",
        )

    def test_write_failure_reported(self):
        if not os.path.exists("/dev/full"):
            self.skipTest("/dev/full is not available on this system")
        with open("/dev/full", "w") as full:
            completed = subprocess.run(
                WRAPPER + [FCR, "score", "calls.jsonl"], stdout=full, stderr=subprocess.PIPE,
                cwd=DATA, text=True, timeout=300,
            )
        self.assert_status(completed.returncode, 1, completed.stderr)
        self.assertIn("fcr: cannot write to standard output", completed.stderr)

    def test_missing_files(self):
        self.assert_usage_error(
            ["score", "--format", "csv"],
            "fcr: score needs at least one FILE; give - to read standard input\n",
        )

    def test_unknown_command(self):
        self.assert_usage_error(
            ["scroe", "calls.jsonl"], "fcr: unknown command 'scroe'; run 'fcr help' to list the commands\n"
        )

    def test_no_command(self):
        self.assert_usage_error([], "fcr: no command given; run 'fcr help' to list the commands\n")


class ScoreTest(CliTestCase):
    SUMMARY = (
        "Summary: 3 calls, 3 scored, mean score 33.3, 2 automatic fails; "
        "exceeds expectations 1, needs improvement 2"
    )

    def test_text_summary_line(self):
        status, out, err = run("score", "calls.jsonl")
        self.assert_status(status, 0, err)
        self.assertEqual(err, "")
        self.assertTrue(out.endswith("\n\n" + self.SUMMARY + "\n"), out[-300:])
        self.assertEqual(out.count("FCR checklist for call "), 3)

    def test_json_lines_and_summary(self):
        status, out, err = run("score", "--format", "json", "calls.jsonl")
        self.assert_status(status, 0, err)
        objects = [json.loads(line) for line in out.splitlines()]
        self.assertEqual([o["format"] for o in objects], ["fcr.scorecard/1"] * 3 + ["fcr.score-summary/1"])
        self.assertEqual([o["call_id"] for o in objects[:3]], ["call-0001", "call-0002", "call-0003"])
        summary = objects[-1]
        self.assertEqual(summary["calls"], 3)
        self.assertEqual(summary["scored"], 3)
        self.assertAlmostEqual(summary["mean_score"], 33.33, places=2)
        self.assertEqual(summary["auto_fails"], 2)
        self.assertEqual(summary["bands"], {"exceeds expectations": 1, "needs improvement": 2})
        self.assertEqual(summary["invalid_records"], 0)

    def test_csv_header_once(self):
        status, out, err = run("score", "--format", "csv", "calls.jsonl", "mixed.jsonl", "-", stdin=read_data("calls.jsonl"))
        self.assert_status(status, 1, err)
        rows = list(csv.reader(io.StringIO(out)))
        self.assertEqual(rows[0][0], "call_id")
        self.assertEqual(sum(1 for row in rows if row[0] == "call_id"), 1)
        self.assertEqual(len(rows), 1 + 3 + 2 + 3)
        self.assertTrue(all(len(row) == len(rows[0]) for row in rows))
        self.assertRegex(err, r"(?m)^fcr: record 2: mixed\.jsonl:2:\d+: events\[4\]\.due_at: ")
        self.assertRegex(
            err,
            r"(?m)^Summary: 8 calls, 8 scored, mean score 37\.5, 5 automatic fails; "
            r"exceeds expectations 3, needs improvement 5; 1 invalid record skipped$",
        )

    def test_invalid_record_skipped(self):
        status, out, err = run("score", "--format", "json", "mixed.jsonl")
        self.assert_status(status, 1, err)
        ids = [json.loads(line).get("call_id") for line in out.splitlines()[:-1]]
        self.assertEqual(ids, ["call-0101", "call-0103"])
        self.assertEqual(json.loads(out.splitlines()[-1])["invalid_records"], 1)

    def test_nothing_on_stdout_for_invalid(self):
        status, out, err = run("score", "--format", "csv", "one-invalid.json")
        self.assert_status(status, 1, err)
        self.assertEqual(out, read_csv_header())
        status, out, err = run("score", "one-invalid.json")
        self.assert_status(status, 1, err)
        self.assertEqual(out, "Summary: 0 calls, 0 scored, mean score n/a, 0 automatic fails; 1 invalid record skipped\n")

    def test_qa_profile_hides_text(self):
        for args in (["score", "calls.jsonl"], ["score", "--profile", "qa", "--format", "json", "calls.jsonl"]):
            status, out, err = run(*args)
            self.assert_status(status, 0, err)
            for private in PRIVATE_TEXT:
                self.assertNotIn(private, out, args)
            self.assertIn("[redacted]", out)

    def test_chart_profile_shows_quotes(self):
        status, out, err = run("score", "--profile", "chart", "calls.jsonl")
        self.assert_status(status, 0, err)
        self.assertIn('"How can I help you today?"', out)

    def test_policy_changes_scores(self):
        status, out, err = run("score", "--policy", "three-identifiers.policy.json", "calls.jsonl")
        self.assert_status(status, 0, err)
        self.assertIn("Summary: 3 calls, 3 scored, mean score 0.0, 3 automatic fails;", out)


def read_csv_header():
    status, out, err = run("score", "--format", "csv", "calls.jsonl")
    return out.splitlines(keepends=True)[0]


class NoteTest(CliTestCase):
    def test_text_chart_has_request(self):
        status, out, err = run("note", "calls.jsonl")
        self.assert_status(status, 0, err)
        self.assertIn("Reschedule my follow-up visit", out)

    def test_qa_profile_hides_text(self):
        for form in ["text", "line", "json", "fhir"]:
            status, out, err = run("note", "--profile", "qa", "--format", form, "calls.jsonl")
            self.assert_status(status, 0, err)
            for private in PRIVATE_TEXT:
                self.assertNotIn(private, out, form)

    def test_json_one_per_line(self):
        status, out, err = run("note", "--format", "json", "calls.jsonl")
        self.assert_status(status, 0, err)
        notes = [json.loads(line) for line in out.splitlines()]
        self.assertEqual(len(notes), 3)
        self.assertTrue(all(note["format"] == "fcr.note/1" for note in notes))

    def test_fhir_bundles(self):
        status, out, err = run("note", "--format", "fhir", "reference.json")
        self.assert_status(status, 0, err)
        bundle = json.loads(out)
        self.assertEqual(bundle["resourceType"], "Bundle")

    def test_nothing_on_stdout_for_invalid(self):
        for form in ["text", "line", "json", "fhir"]:
            status, out, err = run("note", "--format", form, "one-invalid.json")
            self.assert_status(status, 1, err)
            self.assertEqual(out, "", form)
            self.assertRegex(err, r"^fcr: record 1: one-invalid\.json:46:17: events\[4\]\.due_at: ")

    def test_stdin_dash(self):
        status, out, err = run("note", "--format", "json", "-", stdin=read_data("calls.jsonl"))
        self.assert_status(status, 0, err)
        self.assertEqual(len(out.splitlines()), 3)


class MetricsTest(CliTestCase):
    DURATION_UNITS = "use amounts with units w, d, h, m, s or ms"

    def test_bad_row_message_has_fix(self):
        expected = (
            "fcr: extra-field.csv: line 3: the row has 5 fields but the header has 4; "
            "quote any field that contains a comma, and check that the file is "
            "comma-separated and starts with the header line\n"
        )
        status, out, err = run("metrics", "extra-field.csv")
        self.assert_status(status, 1, err)
        self.assertEqual(out, "")
        self.assertEqual(err, expected)
        status, out, err = run("metrics", "--on-bad-row", "skip", "--format", "json", "extra-field.csv")
        self.assert_status(status, 1, err)
        self.assertEqual(json.loads(out)["total"]["contacts"], 2)
        self.assertEqual(err, expected)

    def test_invalid_window_names_option(self):
        for value in ["3x", "0d", "1d3bd"]:
            self.assert_usage_error(
                ["metrics", "--window", value, "extra-field.csv"],
                f"fcr: --window {value}: the repeat window is not a valid duration; "
                f"{self.DURATION_UNITS}, such as 7d, 24h, 90m or 1d12h, or business days or "
                "hours such as 3bd or 4bh, without mixing the two kinds\n",
            )

    def test_invalid_category_window_names_option(self):
        self.assert_usage_error(
            ["metrics", "--category-window", "refill=3x", "extra-field.csv"],
            "fcr: --category-window refill=3x: the category window is not a valid duration; "
            f"{self.DURATION_UNITS}, such as 7d, 24h, 90m or 1d12h, or business days or hours "
            "such as 3bd or 4bh, without mixing the two kinds\n",
        )

    def test_business_transfer_gap_names_option(self):
        self.assert_usage_error(
            ["metrics", "--transfer-gap", "3bd", "extra-field.csv"],
            "fcr: --transfer-gap 3bd: the transfer gap is not a valid calendar duration; "
            f"{self.DURATION_UNITS}, such as 15m, 90s or 1h30m\n",
        )

    def test_invalid_data_end_names_option(self):
        status, out, err = run("metrics", "--data-end", "tomorrow", "extra-field.csv")
        self.assert_status(status, 2, err)
        self.assertRegex(err, r"^fcr: --data-end tomorrow: \S")

    def test_valid_window_forms(self):
        for value in ["7d", "24h", "90m", "1d12h", "1w", "3bd", "4bh"]:
            status, out, err = run("metrics", "--window", value, "--on-bad-row", "skip", "extra-field.csv")
            self.assert_status(status, 1, err)
            self.assertNotIn("--window", err, value)


class TranscriptTest(CliTestCase):
    def test_call_record_as_transcript(self):
        status, out, err = run("score", "--transcript", "reference.json")
        self.assert_status(status, 1, err)
        self.assertEqual(
            err,
            "fcr: reference.json:2:13: format: this is an fcr.call/1 call record, which "
            "'fcr score' and 'fcr check' read without --transcript; for a transcript, give its "
            "format with --transcript-format json, textgrid, contact-lens, abcd or csv-dialogue\n",
        )

    def test_unknown_json_names_format_option(self):
        with tempfile.TemporaryDirectory() as directory:
            with open(os.path.join(directory, "export.json"), "w") as f:
                f.write('{"format": "vendor-export/2", "items": []}\n')
            status, out, err = run("events", "export.json", cwd=directory)
        self.assert_status(status, 1, err)
        self.assertEqual(out, "")
        self.assertEqual(
            err,
            "fcr: export.json:1:12: format: not an fcr.transcript/1 document, and fcr cannot "
            "tell the file's format from its first 4 KiB; give it with --transcript-format json, "
            "textgrid, contact-lens, abcd or csv-dialogue\n",
        )

    def test_given_format_keeps_library_message(self):
        status, out, err = run("events", "--transcript-format", "json", "reference.json")
        self.assert_status(status, 1, err)
        self.assertNotIn("cannot tell", err)
        self.assertRegex(err, r"^fcr: reference\.json:2:13: ")

    def test_textgrid_pair_read(self):
        with tempfile.TemporaryDirectory() as directory:
            for side in ["doctor", "patient"]:
                shutil.copy(os.path.join(TEXTGRIDS, f"day1_consultation01_{side}.TextGrid"), directory)
            status, out, err = run("events", "day1_consultation01_doctor.TextGrid", cwd=directory)
        self.assert_status(status, 0, err)
        self.assertEqual(json.loads(out)["format"], "fcr.call/1")

    def test_textgrid_without_partner(self):
        cases = [("doctor", "patient"), ("patient", "doctor")]
        for present, missing in cases:
            with tempfile.TemporaryDirectory() as directory:
                shutil.copy(os.path.join(TEXTGRIDS, f"day1_consultation01_{present}.TextGrid"), directory)
                status, out, err = run("events", f"day1_consultation01_{present}.TextGrid", cwd=directory)
            self.assert_status(status, 1, err)
            self.assertEqual(out, "")
            self.assertEqual(
                err,
                f"fcr: cannot open day1_consultation01_{missing}.TextGrid: No such file or directory; "
                "a TextGrid transcript is one file per speaker, so "
                f"day1_consultation01_{present}.TextGrid needs this partner file of the other speaker, "
                f"named by replacing _{present} with _{missing}\n",
            )


class DocumentationTest(CliTestCase):
    def test_call_format_example_is_real(self):
        examples = [
            line.strip() for line in read_source("docs", "call-format.md").splitlines()
            if line.startswith("    fcr: record ")
        ]
        self.assertEqual(len(examples), 2)
        order = [line for line in examples if "out of time order" in line]
        strict = [line for line in examples if "is not a field of" in line]
        self.assertEqual((len(order), len(strict)), (1, 1), examples)
        status, out, err = run_as_calls_jsonl("out-of-order.jsonl", "check")
        self.assert_status(status, 1, err)
        self.assertEqual(err, order[0] + "\n")

        # The strict example: the smallest record with the misspelt field.
        record = ('{"format":"fcr.call/1","id":"a","started_at":"2026-11-10T14:00:00Z",'
                  '"events":[{"type":"concern_stated","at":"2026-11-10T14:00:10Z",'
                  '"concern":"c1","category":"refill","requets":"x"}]}\n')
        with tempfile.TemporaryDirectory() as directory:
            with open(os.path.join(directory, "calls.jsonl"), "w", encoding="utf-8") as f:
                f.write(record)
            status, out, err = run("check", "--strict", "calls.jsonl", cwd=directory)
        self.assert_status(status, 1, err)
        self.assertEqual(err, strict[0] + "\n")

    def test_man_synopsis_has_version_option(self):
        self.assertIn(".B fcr \\-\\-version\n", man_section("SYNOPSIS"))

    def test_man_policy_lists_every_command(self):
        entry = man_entry("OPTIONS", '.BI \\-\\-policy " FILE"')
        accepted_by = entry[entry.index("Accepted by"):]
        for command in COMMANDS + ["events"]:
            status, help_text, err = run(command, "--help")
            if "--policy" in help_text:
                self.assertRegex(accepted_by, rf"(?m)^\.BR? {command}\b", command)
        self.assertIn("\\-\\-transcript", accepted_by)

    def test_man_check_names_stop_line(self):
        status, out, err = run("check", "truncated.json")
        self.assertEqual(len(err.splitlines()), 2, err)
        entry = man_entry("COMMANDS", ".B check")
        self.assertIn("second line", entry)
        self.assertIn("reading of that file stopped", entry)

    def test_man_exit_status_after_malformed_json(self):
        section = man_section("EXIT STATUS")
        self.assertNotIn("The other records were still processed.", section)
        self.assertIn("malformed JSON", section)

    def test_man_documents_empty_file_notice(self):
        self.assertIn("no\\~records", man_section("DESCRIPTION"))

    def test_man_page_renders_without_warnings(self):
        groff = shutil.which("groff")
        if groff is None:
            self.skipTest("groff is not installed")
        completed = subprocess.run(
            [groff, "-man", "-ww", "-z", MAN_PAGE], capture_output=True, text=True, timeout=60
        )
        self.assertEqual(completed.returncode, 0, completed.stderr)
        self.assertEqual(completed.stderr, "")


class PolicyTest(CliTestCase):
    def test_defaults_round_trip(self):
        status, out, err = run("policy")
        self.assert_status(status, 0, err)
        self.assertEqual(json.loads(out)["format"], "fcr.policy/1")
        with tempfile.TemporaryDirectory() as directory:
            path = os.path.join(directory, "practice.json")
            with open(path, "w", encoding="utf-8") as f:
                f.write(out)
            status, again, err = run("policy", "--policy", path)
        self.assert_status(status, 0, err)
        self.assertEqual(again, out)

    def test_overlay_applied(self):
        status, out, err = run("policy", "--policy", "three-identifiers.policy.json")
        self.assert_status(status, 0, err)
        self.assertEqual(json.loads(out)["identity"]["required_identifiers"], 3)

    def test_invalid_policy_file(self):
        status, out, err = run("policy", "--policy", "misspelled.policy.json")
        self.assert_status(status, 1, err)
        self.assertEqual(out, "")
        self.assertRegex(err, r"^fcr: misspelled\.policy\.json:3:\d+: .*identity\.required_identifers")

    def test_missing_policy_file(self):
        status, out, err = run("score", "--policy", "no-such-policy.json", "calls.jsonl")
        self.assert_status(status, 1, err)
        self.assertEqual(out, "")
        self.assertRegex(err, r"^fcr: cannot open no-such-policy\.json: ")


if __name__ == "__main__":
    if not FCR:
        sys.exit("test_cli.py: set FCR_EXE to the path of the built fcr program")
    unittest.main(verbosity=2)
