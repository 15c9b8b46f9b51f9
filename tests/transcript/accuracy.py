#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Measures the evidence rules against the hand labels.

Runs `fcr events` on the transcripts of one labels file and compares each
derived call with its labels item by item. Prints precision and recall per
item for each split in the file. Fails when a measured value of the checked
split is below its floor in the floors file; --write-floors writes the
measured values as the new floors instead.

Usage: accuracy.py FCR_EXE DATA_DIR [--labels FILE] [--transcripts FILE]
                   [--floors FILE] [--split NAME] [--write-floors]

The files are names in DATA_DIR. The defaults check the development set:
labels.json, labelled.jsonl, accuracy-floors.json and the split "labelled".
"""
import argparse
import json
import subprocess
import sys

ITEMS = [
    # (item, event type that shows it, label key)
    ("open_question", "open_question_asked", "open_question"),
    ("concern", "concern_stated", "concern_turns"),
    ("restatement", "concern_restated", "restatement"),
    ("confirmation", None, None),
    ("identity", "identity_verified", "identity"),
    ("resolution", "resolved", "resolution"),
    ("escalation", "escalated", "escalation"),
    ("recap", "recap_given", "recap"),
    ("anything_else", "anything_else_asked", "anything_else"),
]


def derive(fcr_exe, transcripts_path):
    result = subprocess.run(
        [fcr_exe, "events", "--transcript-format", "json", transcripts_path],
        check=False, capture_output=True, text=True)
    if result.returncode != 0:
        sys.exit("fcr events failed with status %d: %s" % (result.returncode, result.stderr))
    return {call["id"]: call for call in map(json.loads, result.stdout.splitlines())}


def events_of(call, event_type):
    return [event for event in call["events"] if event["type"] == event_type]


def first_turn(event):
    for item in event.get("evidence", []):
        if "turn" in item:
            return item["turn"]
    return None


def predicted(call, item, event_type):
    """Returns (present, turns) for one item of a derived call."""
    if item == "confirmation":
        restated = events_of(call, "concern_restated")
        confirmed = [e for e in restated if e.get("confirmed")]
        return bool(confirmed), [first_turn(e) for e in confirmed]
    found = events_of(call, event_type)
    return bool(found), [first_turn(e) for e in found]


def labelled(label, item, key):
    if item == "confirmation":
        present = label["confirmed"] is True
        return present, label["restatement"] if present else []
    return bool(label[key]), label[key]


def identifier_types(call):
    types = set()
    for event in events_of(call, "identity_verified"):
        types.update(event.get("identifiers", []))
        for item in event.get("evidence", []):
            types.update(item.get("not_in_policy", []))
    return types


def measure(calls, labels):
    counts = {item: {"tp": 0, "fp": 0, "fn": 0, "tn": 0, "turn_ok": 0} for item, _, _ in ITEMS}
    extra = {"category_ok": 0, "category_total": 0, "target_ok": 0, "target_total": 0,
             "identifier_tp": 0, "identifier_fp": 0, "identifier_fn": 0}
    for label in labels:
        call = calls[label["id"]]
        for item, event_type, key in ITEMS:
            is_predicted, turns = predicted(call, item, event_type)
            is_labelled, label_turns = labelled(label, item, key)
            cell = counts[item]
            if is_predicted and is_labelled:
                cell["tp"] += 1
                if any(turn in label_turns for turn in turns):
                    cell["turn_ok"] += 1
            elif is_predicted:
                cell["fp"] += 1
            elif is_labelled:
                cell["fn"] += 1
            else:
                cell["tn"] += 1

        stated = events_of(call, "concern_stated")
        if stated and label["category"] is not None:
            extra["category_total"] += 1
            extra["category_ok"] += stated[0]["category"] == label["category"]
        escalated = events_of(call, "escalated")
        if escalated and label["target"] is not None:
            extra["target_total"] += 1
            extra["target_ok"] += escalated[0].get("target") == label["target"]
        found, wanted = identifier_types(call), set(label["identifiers"])
        extra["identifier_tp"] += len(found & wanted)
        extra["identifier_fp"] += len(found - wanted)
        extra["identifier_fn"] += len(wanted - found)
    return counts, extra


def ratio(numerator, denominator):
    return None if denominator == 0 else numerator / denominator


def table(title, counts, extra, size):
    lines = ["%s (%d transcripts)" % (title, size), "",
             "| item | TP | FP | FN | TN | precision | recall | turn agrees |",
             "|---|---|---|---|---|---|---|---|"]
    for item, _, _ in ITEMS:
        cell = counts[item]
        precision = ratio(cell["tp"], cell["tp"] + cell["fp"])
        recall = ratio(cell["tp"], cell["tp"] + cell["fn"])
        lines.append("| %s | %d | %d | %d | %d | %s | %s | %d of %d |" % (
            item, cell["tp"], cell["fp"], cell["fn"], cell["tn"],
            "n/a" if precision is None else "%.2f" % precision,
            "n/a" if recall is None else "%.2f" % recall, cell["turn_ok"], cell["tp"]))
    lines.append("")
    lines.append("Category guessed right: %d of %d concerns found. Escalation target right: "
                 "%d of %d escalations found. Identifier types: %d right, %d extra, %d missed."
                 % (extra["category_ok"], extra["category_total"], extra["target_ok"],
                    extra["target_total"], extra["identifier_tp"], extra["identifier_fp"],
                    extra["identifier_fn"]))
    return "\n".join(lines)


def parse_arguments():
    parser = argparse.ArgumentParser(
        description="Measure the evidence rules against hand labels.")
    parser.add_argument("fcr_exe", help="the fcr program")
    parser.add_argument("data_dir", help="folder of the labels, transcripts and floors")
    parser.add_argument("--labels", default="labels.json", help="labels file in DATA_DIR")
    parser.add_argument("--transcripts", default="labelled.jsonl",
                        help="fcr.transcript/1 file in DATA_DIR with the labelled transcripts")
    parser.add_argument("--floors", default="accuracy-floors.json",
                        help="floors file in DATA_DIR for the checked split")
    parser.add_argument("--split", default="labelled", help="the split the floors apply to")
    parser.add_argument("--write-floors", action="store_true",
                        help="write the measured values of the split as its floors")
    return parser.parse_args()


def main():
    args = parse_arguments()
    with open(args.data_dir + "/" + args.labels, encoding="utf-8") as f:
        labels = json.load(f)["transcripts"]
    calls = derive(args.fcr_exe, args.data_dir + "/" + args.transcripts)

    splits = {}
    for split in dict.fromkeys(label["split"] for label in labels):
        chosen = [label for label in labels if label["split"] == split]
        counts, extra = measure(calls, chosen)
        splits[split] = counts
        print(table(split, counts, extra, len(chosen)))
        print()
    if args.split not in splits:
        sys.exit("%s has no transcripts in the split %s" % (args.labels, args.split))

    measured = {}
    for item, cell in splits[args.split].items():
        measured[item] = {"precision": ratio(cell["tp"], cell["tp"] + cell["fp"]),
                          "recall": ratio(cell["tp"], cell["tp"] + cell["fn"])}
    floors_path = args.data_dir + "/" + args.floors
    if args.write_floors:
        with open(floors_path, "w", encoding="utf-8") as f:
            json.dump({"about": "Measured precision and recall of the %s split of %s; "
                                "accuracy.py fails when a value drops below these."
                                % (args.split, args.labels),
                       "floors": measured}, f, indent=2, sort_keys=True)
            f.write("\n")
        return 0

    with open(floors_path, encoding="utf-8") as f:
        floors = json.load(f)["floors"]
    failures = []
    for item, floor in floors.items():
        for measure_name in ("precision", "recall"):
            want, got = floor[measure_name], measured[item][measure_name]
            if want is not None and (got is None or got < want - 1e-9):
                failures.append("%s %s dropped to %s, below its floor %.2f"
                                % (item, measure_name, got, want))
    for failure in failures:
        print("FAIL: " + failure)
    print("%d passed, %d failed" % (2 * len(floors) - len(failures), len(failures)))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
