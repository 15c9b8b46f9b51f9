#!/usr/bin/env python3
"""Score a JSON Lines file of fcr.call/1 records through the Python binding.

Usage: py_binding_score.py FILE > scores.csv

Writes the same CSV as `fcr score --format csv FILE` (QA profile), using
fcr.score_file(), which reads and scores records in batches with the GIL
released. bench/run times it against the fcr command.
"""
import sys

import fcr


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: py_binding_score.py FILE")
    output = sys.stdout
    output.write(fcr.scorecard_csv_header())
    for scorecard in fcr.score_file(sys.argv[1]):
        output.write(scorecard.write("csv", "qa"))


if __name__ == "__main__":
    main()
