#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Measure memory across create-score-free rounds of the Python binding.

Each round reads the reference call from JSON, scores it, writes its note
and scorecard, and frees everything, either with close() or by dropping
the last reference. Flat memory shows that handles and library strings
are freed; the ASan run shows that nothing is freed twice.

Usage: PYTHONPATH=<build>/bindings/python python3 bench_memory.py [ROUNDS]
"""
import gc
import os
import pathlib
import sys
import time
import tracemalloc

import fcr

SOURCE_DIR = pathlib.Path(__file__).resolve().parents[2]
RECORD = (SOURCE_DIR / "tests" / "vectors" / "reference" / "call.json").read_text("utf-8")


def rss_kib():
    """Resident set size of this process in KiB, from /proc (Linux)."""
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    raise RuntimeError("VmRSS not found in /proc/self/status")


def one_round(policy, close):
    call = fcr.Call.from_json(RECORD, policy=policy)
    card = call.score()
    note = call.note("text")
    row = card.write("csv")
    if close:
        card.close()
        call.close()
    return len(note) + len(row)


def measure(rounds, close=True):
    """Run `rounds` rounds after a warm-up and return the memory figures.

    Returns a dict with RSS in KiB and Python-traced bytes at the start and
    end of the measured rounds, and the elapsed seconds.
    """
    policy = fcr.Policy()
    warm_up = max(rounds // 10, 1)
    for _ in range(warm_up):
        one_round(policy, close)
    gc.collect()

    tracemalloc.start()
    traced_start = tracemalloc.get_traced_memory()[0]
    rss_start = rss_kib()
    started = time.perf_counter()
    for _ in range(rounds):
        one_round(policy, close)
    elapsed = time.perf_counter() - started
    gc.collect()
    rss_end = rss_kib()
    traced_end = tracemalloc.get_traced_memory()[0]
    tracemalloc.stop()
    policy.close()
    return {
        "rounds": rounds,
        "close": close,
        "rss_start_kib": rss_start,
        "rss_end_kib": rss_end,
        "traced_start_bytes": traced_start,
        "traced_end_bytes": traced_end,
        "seconds": elapsed,
    }


def main():
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    print(f"fcr {fcr.version()}, Python {sys.version.split()[0]}, pid {os.getpid()}")
    for close in (True, False):
        figures = measure(rounds, close)
        how = "close()" if close else "garbage collector"
        print(f"{rounds} rounds, freed by {how}: "
              f"RSS {figures['rss_start_kib']} -> {figures['rss_end_kib']} KiB, "
              f"traced {figures['traced_start_bytes']} -> {figures['traced_end_bytes']} bytes, "
              f"{figures['seconds']:.1f} s")


if __name__ == "__main__":
    main()
