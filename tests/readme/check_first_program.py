"""Runs the README's first C program as a reader of the README would.

In the source tree it reads examples/data/reference.json and prints one
scored call. In a scratch tree whose examples/data/reference.json holds
several records, an invalid record must be reported on stderr and skipped,
the valid records after it still scored, and malformed JSON must end the
loop instead of making it spin.

Usage: check_first_program.py PROGRAM SOURCE_DIR
"""
import json
import os
import re
import subprocess
import sys
import tempfile

SCORE_LINE = re.compile(r"^(\S+): \d+\.\d \((needs improvement|meets expectations|exceeds expectations)\)$")


def run(program, cwd):
    result = subprocess.run([program], cwd=cwd, capture_output=True, text=True, timeout=60)
    return result.returncode, result.stdout.splitlines(), result.stderr.splitlines()


def fail(message):
    print("readme.first_program: " + message)
    sys.exit(1)


def main():
    program, source = sys.argv[1], sys.argv[2]

    status, out, err = run(program, source)
    with open(os.path.join(source, "examples/data/reference.json"), encoding="utf-8") as f:
        reference_id = json.load(f)["id"]
    if status != 0 or err or len(out) != 1 or not SCORE_LINE.match(out[0]):
        fail(f"in the source tree: status {status}, stdout {out}, stderr {err}")
    if SCORE_LINE.match(out[0]).group(1) != reference_id:
        fail(f"scored {out[0]!r}, expected the call {reference_id}")

    with open(os.path.join(source, "examples/data/calls.jsonl"), encoding="utf-8") as f:
        records = [line for line in f.read().splitlines() if line.strip()]
    if len(records) < 3:
        fail("examples/data/calls.jsonl needs three records for this test")
    ids = [json.loads(line)["id"] for line in records[:3]]
    wrong_type = json.loads(records[0])
    wrong_type["id"] = 7
    lines = [records[0], json.dumps(wrong_type), records[1], '{"format": "fcr.call/1", "id": ', records[2]]

    with tempfile.TemporaryDirectory() as scratch:
        os.makedirs(os.path.join(scratch, "examples/data"))
        with open(os.path.join(scratch, "examples/data/reference.json"), "w", encoding="utf-8") as f:
            f.write("\n".join(lines) + "\n")
        status, out, err = run(program, scratch)

    scored = [SCORE_LINE.match(line).group(1) if SCORE_LINE.match(line) else line for line in out]
    if status != 0 or scored != ids[:2]:
        fail(f"with an invalid record: status {status}, stdout {out}; expected the calls {ids[:2]}")
    if len(err) != 2 or "record 2" not in err[0] or "id" not in err[0] or "record 4" not in err[1]:
        fail(f"expected one error for record 2 (its id) and one for record 4, got {err}")
    print(f"readme.first_program: {len(ids[:2])} calls scored, {len(err)} errors reported")


main()
