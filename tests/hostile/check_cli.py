#!/usr/bin/env python3
"""Run the fcr command on every hostile case that a command reads.

For each case of manifest.txt: the command must exit with status 1, its
stderr must contain the case's message fragment, and its stdout must hold
nothing from the failing record.

- Call records and JSON go through `fcr note`. Its stdout must equal that
  of the records before the failing one.
- Live-mode records go through `fcr check --live`, whose stdout must not
  name the call.
- Policies go through `fcr policy --policy`, CSV contact logs through
  `fcr metrics`, transcripts through `fcr events --transcript-format`, and
  evidence rules through `fcr events --rules`. All of them must print
  nothing.

Single events, times, TZif files, TZ strings and TextGrid pairs (which
`fcr events` reads from two files) have no command here, so only
unit_hostile.c checks them.

Environment: FCR_EXE, the fcr program; FCR_CLI_WRAPPER, an optional command
that runs it (such as valgrind with options).
"""

import json
import os
import shlex
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
FCR = os.environ["FCR_EXE"]
WRAPPER = shlex.split(os.environ.get("FCR_CLI_WRAPPER", ""))

# A transcript that `fcr events` reads, for the cases of bad evidence rules.
VALID_TRANSCRIPT = {
    "format": "fcr.transcript/1", "id": "t-ok",
    "turns": [{"role": "agent", "text": "How can I help you today?"},
              {"role": "caller", "text": "I need a refill of my inhaler."}],
}


def run(*args):
    result = subprocess.run(WRAPPER + [FCR, *args], capture_output=True, timeout=300,
                            check=False)
    return result.returncode, result.stdout, result.stderr.decode("utf-8", "replace")


def leading_records(path, count):
    """Returns the first `count` JSON values of a file as JSON Lines."""
    with open(path, encoding="utf-8") as file:
        text = file.read()
    decoder = json.JSONDecoder()
    values, position = [], 0
    while len(values) < count:
        while text[position].isspace():
            position += 1
        value, position = decoder.raw_decode(text, position)
        values.append(json.dumps(value))
    return "".join(value + "\n" for value in values)


def expected_note_output(path, parser, scratch):
    """stdout of `fcr note` on the records before the failing one."""
    if not parser.startswith("records:"):
        return b""
    before = int(parser.split(":")[1]) - 1
    prefix = os.path.join(scratch, "before.jsonl")
    with open(prefix, "w", encoding="utf-8") as file:
        file.write(leading_records(path, before))
    status, stdout, stderr = run("note", prefix)
    if status != 0:
        raise RuntimeError(f"fcr note failed on the records before the failing one: {stderr}")
    return stdout


def check_case(path, parser, fragment, scratch):
    """Returns a list of problems, or None when no command reads this parser."""
    full = os.path.join(HERE, path)
    if parser in ("json", "call") or parser.startswith("records:"):
        status, stdout, stderr = run("note", full)
        expected_stdout = expected_note_output(full, parser, scratch)
    elif parser == "call_live":
        status, stdout, stderr = run("check", "--live", full)
        expected_stdout = None
        if b"call-h1" in stdout:
            return [f"stdout names the rejected call: {stdout[:200]!r}"]
    elif parser == "policy":
        status, stdout, stderr = run("policy", "--policy", full)
        expected_stdout = b""
    elif parser == "csv":
        status, stdout, stderr = run("metrics", full)
        expected_stdout = b""
    elif parser.startswith("transcript:") and parser != "transcript:textgrid":
        status, stdout, stderr = run("events", "--transcript-format", parser.split(":")[1], full)
        expected_stdout = b""
    elif parser == "rules":
        transcript = os.path.join(scratch, "transcript.json")
        with open(transcript, "w", encoding="utf-8") as file:
            json.dump(VALID_TRANSCRIPT, file)
        status, stdout, stderr = run("events", "--rules", full, transcript)
        expected_stdout = b""
    else:
        return None

    problems = []
    if status != 1:
        problems.append(f"exit status {status}, expected 1")
    if fragment not in stderr:
        problems.append(f"stderr lacks {fragment!r}: {stderr[:300]!r}")
    if expected_stdout is not None and stdout != expected_stdout:
        problems.append(f"stdout has output for the failing input: {stdout[:200]!r}")
    return problems


def main():
    checked = skipped = failed = 0
    with open(os.path.join(HERE, "manifest.txt"), encoding="utf-8") as manifest, \
            tempfile.TemporaryDirectory() as scratch:
        for line in manifest:
            if line.startswith("#") or not line.strip():
                continue
            path, parser, _status, fragment = line.rstrip("\n").split("\t")
            problems = check_case(path, parser, fragment, scratch)
            if problems is None:
                skipped += 1
                continue
            checked += 1
            if problems:
                failed += 1
                for problem in problems:
                    print(f"hostile cli: {path}: {problem}")
    print(f"hostile cli: {checked} cases through fcr, {skipped} without a command "
          f"(checked by unit_hostile only)")
    print(f"{checked - failed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
