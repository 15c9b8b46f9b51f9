#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Runs `fcr events` on every shared transcript file and checks the counts.

The shared data set lies beside a clone of the repository, and CI clones
the repository alone, so the test skips (exit 77) when it is missing.
FCR_WRAPPER, such as "valgrind --error-exitcode=99 -q", runs fcr under a
checker.

Usage: shared_data.py FCR_EXE SHARED_DATA_DIR
"""
import glob
import os
import shlex
import subprocess
import sys


def run(fcr_exe, args):
    wrapper = shlex.split(os.environ.get("FCR_WRAPPER", ""))
    result = subprocess.run(wrapper + [fcr_exe, "events"] + args, check=False,
                            capture_output=True, text=True)
    return result.returncode, result.stdout.splitlines(), result.stderr


def main():
    fcr_exe, data = sys.argv[1], sys.argv[2]
    if not os.path.isdir(data):
        print("skipped: the shared data set %s is not there (CI clones the repository alone)"
              % data)
        return 77

    failures = []

    def check(name, condition, detail):
        print(("ok   " if condition else "FAIL ") + name)
        if not condition:
            failures.append(name + ": " + detail)

    doctors = sorted(glob.glob(data + "/primock57/transcripts/*_doctor.TextGrid"))
    status, lines, err = run(fcr_exe, doctors)
    check("primock57: %d pairs" % len(doctors), status == 0 and len(lines) == 45 and len(doctors) == 45,
          "status %d, %d records; %s" % (status, len(lines), err[-500:]))

    lens = data + "/contact-lens-samples/"
    for name in ("chat_analysis_original.json", "chat_analysis_redacted.json",
                 "rtca_voice_segments_event.json"):
        status, lines, err = run(fcr_exe, ["--transcript-format", "contact-lens", lens + name])
        check("contact lens " + name, status == 0 and len(lines) == 1, err[-500:])
    for name, where in (("voice_analysis_original.json", ":297:1:"),
                        ("voice_analysis_redacted.json", ":10:44:"),
                        ("rtca_voice_started_event.json", "no transcript turns")):
        status, lines, err = run(fcr_exe, ["--transcript-format", "contact-lens", lens + name])
        check("contact lens %s rejected" % name, status == 1 and not lines and where in err,
              "status %d: %s" % (status, err[-500:]))

    status, lines, err = run(fcr_exe, ["--transcript-format", "abcd", data + "/abcd/abcd_sample.json"])
    check("abcd sample: 3 conversations", status == 0 and len(lines) == 3, err[-500:])

    for name, rows in (("mts-dialog/MTS-Dialog-TrainingSet.csv", 1201),
                       ("mts-dialog/MTS-Dialog-ValidationSet.csv", 100),
                       ("aci-bench/train.csv", 67), ("aci-bench/valid.csv", 20)):
        status, lines, err = run(fcr_exe, [data + "/" + name])
        check("%s: %d dialogues" % (name, rows), status == 0 and len(lines) == rows,
              "status %d, %d records; %s" % (status, len(lines), err[-500:]))

    for failure in failures:
        print("FAIL: " + failure)
    print("%d passed, %d failed" % (13 - len(failures), len(failures)))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
