#!/usr/bin/env python3
"""Score fcr.call/1 records against the FCR checklist in plain Python.

This is the benchmark's peer for `fcr score`: what a quality analyst would
write with the json module and dicts. It follows the rules as
docs/checklist.md states them and the policy defaults of docs/policy.md, and
was written from those pages, not from libfcr's C code. It reads JSON Lines
and writes the same CSV as `fcr score --format csv`.

Usage:
    py_score.py [--policy FILE] FILE|-             CSV scorecards on stdout
    py_score.py --check-vectors DIR                compare with DIR/*/scorecard.json
    py_score.py --check-csv FCR_CSV [--policy FILE] FILE
                                                   compare with fcr's CSV of FILE

The two check modes print each difference and exit with status 1 when
there is one. They compare whether the call is scored, the score, the raw
score, the automatic fail, the band and every item's result.

Unlike libfcr it does not validate records (times in order, known
concerns, field types): it trusts its input, as such a script would.
"""
import argparse
import copy
import csv
import json
import os
import re
import sys
from datetime import datetime, timedelta, timezone

ITEMS = ("open_questions", "concern_restated", "identity_verified", "resolution_attempted",
         "escalated_only_when_necessary", "next_steps_explained", "anything_else_asked",
         "documented")
CSV_HEADER = (["call_id", "agent_id", "started_at", "scored", "score", "raw_score",
               "auto_fail", "band"] + list(ITEMS) + ["overrides"])
OUTCOMES = ("resolved", "escalated", "moved_forward")
NON_CLINICAL = ["scheduling", "refill", "referral", "records", "insurance", "other"]

# The built-in policy, as docs/policy.md lists it: only what scoring reads.
DEFAULT_POLICY = {
    "identity": {
        "required_identifiers": 2,
        "identifier_types": {
            **{name: {"person_specific": True} for name in (
                "name", "date_of_birth", "medical_record_number", "phone", "address", "email",
                "insurance_member_id")},
            **{name: {"person_specific": False} for name in ("room", "bed", "clinic")},
        },
    },
    "roles": {
        "front_desk": {"clinical": False, "resolves": NON_CLINICAL},
        "billing_specialist": {"clinical": False, "resolves": ["billing", "insurance", "other"]},
        "medical_assistant": {"clinical": False, "resolves": NON_CLINICAL},
        "nurse": {"clinical": True, "resolves": NON_CLINICAL + [
            "test_results", "clinical_question", "symptoms"]},
        "provider": {"clinical": True, "resolves": NON_CLINICAL + [
            "billing", "test_results", "clinical_question", "symptoms"]},
    },
    "categories": {
        **{name: {"clinical": False} for name in NON_CLINICAL + ["billing"]},
        **{name: {"clinical": True} for name in ("test_results", "clinical_question", "symptoms")},
    },
    "targets": {name: {} for name in (
        "nurse_triage", "provider", "billing", "referral_coordinator", "records",
        "prior_authorization", "practice_manager")},
    "documentation_window": "30m",
    "checklist": {
        "weights": {item: 1 for item in ITEMS},
        "critical": ["identity_verified"],
        "bands": [{"name": "needs improvement", "from": 0},
                  {"name": "meets expectations", "from": 75},
                  {"name": "exceeds expectations", "from": 90}],
    },
}
ENTRY_SECTIONS = (("identity", "identifier_types"), ("roles",), ("categories",), ("targets",))


def parse_duration(text):
    """Return a policy duration such as "30m", "2h" or "1d12h" (d is 24 hours) as a timedelta."""
    parts = re.findall(r"(\d+)([dhm])", text)
    if not parts or "".join(n + u for n, u in parts) != text:
        raise ValueError("invalid duration %r" % text)
    seconds = {"d": 86400, "h": 3600, "m": 60}
    return timedelta(seconds=sum(int(n) * seconds[u] for n, u in parts))


def load_policy(path):
    """Return the default policy overlaid with the fcr.policy/1 file at `path`, if any."""
    policy = copy.deepcopy(DEFAULT_POLICY)
    if path is None:
        return policy
    with open(path, encoding="utf-8") as file:
        overlay = json.load(file)
    for section in ENTRY_SECTIONS:
        source = overlay
        target = policy
        for key in section:
            source = source.get(key) if isinstance(source, dict) else None
            target = target[key]
        for entry_id, fields in (source or {}).items():
            if fields is None:
                target.pop(entry_id, None)
            else:
                target.setdefault(entry_id, {}).update(fields)
    identity = overlay.get("identity") or {}
    if "required_identifiers" in identity:
        policy["identity"]["required_identifiers"] = identity["required_identifiers"]
    if "documentation_window" in overlay:
        policy["documentation_window"] = overlay["documentation_window"]
    checklist = overlay.get("checklist") or {}
    policy["checklist"]["weights"].update(checklist.get("weights") or {})
    for key in ("critical", "bands"):
        if key in checklist:
            policy["checklist"][key] = checklist[key]
    return policy


def parse_time(text):
    return datetime.fromisoformat(text)


def format_time(text):
    """Return an RFC 3339 time in UTC with a Z, with milliseconds only when not zero."""
    moment = parse_time(text).astimezone(timezone.utc)
    millis = moment.microsecond // 1000
    result = moment.strftime("%Y-%m-%dT%H:%M:%S")
    return result + (".%03dZ" % millis if millis else "Z")


def role_may_resolve(policy, role, category):
    category_entry = policy["categories"].get(category, {})
    if role is None:
        return not category_entry.get("clinical", False)
    role_entry = policy["roles"].get(role)
    if role_entry is None or category not in role_entry.get("resolves", []):
        return False
    return role_entry.get("clinical", False) or not category_entry.get("clinical", False)


def score_call(call, policy):
    """Score one call record, a dict, and return (items, scored, score, raw_score, auto_fail, band)."""
    events = call.get("events") or []
    role = (call.get("agent") or {}).get("role")
    proxy = (call.get("caller") or {}).get("role") == "proxy"

    # One pass over the log collects what the rules need.
    concerns = {}  # id -> {"category", "request", "restated", "confirmed", "check", "outcome"}
    first_restated = first_outcome = last_outcome = last_recap = None
    open_questions = []
    identity_events = []
    anything_else = []
    documented_times = []
    ended_at = None
    for index, event in enumerate(events):
        kind = event.get("type")
        concern = event.get("concern")
        if kind == "open_question_asked":
            open_questions.append(index)
        elif kind == "concern_stated":
            concerns[concern] = {"category": event.get("category"),
                                 "request": event.get("request"), "restated": False,
                                 "confirmed": False, "check": None, "outcome": None}
        elif kind == "concern_restated":
            if first_restated is None:
                first_restated = index
            if concern in concerns:
                concerns[concern]["restated"] = True
                concerns[concern]["confirmed"] = event.get("confirmed") is True
        elif kind == "identity_verified":
            identity_events.append((index, event))
        elif kind == "authority_checked":
            if concern in concerns:
                concerns[concern]["check"] = event
        elif kind in OUTCOMES:
            if first_outcome is None:
                first_outcome = index
            last_outcome = index
            if concern in concerns:
                concerns[concern]["outcome"] = event
        elif kind == "recap_given":
            last_recap = (index, event)
        elif kind == "anything_else_asked":
            anything_else.append(index)
        elif kind == "documented":
            documented_times.append(event.get("at"))
        elif kind == "call_ended":
            ended_at = event.get("at")

    def in_scope_with_tools(concern):
        check = concern["check"]
        if check is None:
            return role_may_resolve(policy, role, concern["category"]), True
        in_scope = check.get("in_scope")
        if in_scope is None:
            in_scope = role_may_resolve(policy, role, concern["category"])
        tools = check.get("tools_available")
        if tools is None:
            tools = not check.get("tools_missing")
        return in_scope, tools

    def has_due_time(outcome):
        return (outcome.get("due_at") is not None or
                outcome.get("target") in policy["targets"])

    results = {}

    # open_questions
    if first_restated is not None:
        limit = first_restated
    elif first_outcome is not None:
        limit = first_outcome
    else:
        limit = len(events)
    results["open_questions"] = "met" if any(i < limit for i in open_questions) else "missed"

    if not concerns:
        for item in ITEMS[1:]:
            results[item] = "not_applicable"
    else:
        results["concern_restated"] = "met" if all(
            c["restated"] and c["confirmed"] for c in concerns.values()) else "missed"

        # identity_verified
        limit = first_outcome if first_outcome is not None else len(events)
        types = set()
        proxy_confirmed = False
        for index, event in identity_events:
            if index >= limit:
                break
            for name in event.get("identifiers") or []:
                if policy["identity"]["identifier_types"].get(name, {}).get("person_specific"):
                    types.add(name)
            if event.get("proxy_authority") is True:
                proxy_confirmed = True
        verified = len(types) >= policy["identity"]["required_identifiers"]
        if proxy:
            verified = verified and proxy_confirmed
        results["identity_verified"] = "met" if verified else "missed"

        # resolution_attempted and escalated_only_when_necessary
        attemptable = []
        escalated = []
        for concern in concerns.values():
            in_scope, tools = in_scope_with_tools(concern)
            outcome = concern["outcome"]
            if in_scope and tools:
                attemptable.append(outcome)
            if outcome is not None and outcome.get("type") == "escalated":
                escalated.append((in_scope and tools, outcome))
        if not attemptable:
            results["resolution_attempted"] = "not_applicable"
        else:
            results["resolution_attempted"] = "met" if all(
                o is not None and o.get("type") in ("resolved", "moved_forward")
                for o in attemptable) else "missed"
        if not escalated:
            results["escalated_only_when_necessary"] = "not_applicable"
        else:
            results["escalated_only_when_necessary"] = "met" if all(
                not could_resolve and o.get("reason") and o.get("owner") and has_due_time(o)
                for could_resolve, o in escalated) else "missed"

        # next_steps_explained
        explained = False
        if last_recap is not None:
            index, recap = last_recap
            after = last_outcome is None or index > last_outcome
            covered = recap.get("concerns")
            explained = after and (covered is None or set(concerns) <= set(covered))
        results["next_steps_explained"] = "met" if explained else "missed"

        # anything_else_asked
        if last_recap is not None:
            limit = last_recap[0]
        elif last_outcome is not None:
            limit = last_outcome
        else:
            limit = -1
        results["anything_else_asked"] = "met" if any(
            i > limit for i in anything_else) else "missed"

        # documented
        in_time = bool(documented_times)
        if documented_times and ended_at is not None:
            deadline = parse_time(ended_at) + parse_duration(policy["documentation_window"])
            in_time = any(parse_time(at) <= deadline for at in documented_times)
        complete = True
        for concern in concerns.values():
            outcome = concern["outcome"]
            if not concern["request"]:
                complete = False
            elif outcome is None:
                continue
            elif outcome["type"] == "resolved":
                complete = bool(outcome.get("action") and outcome.get("next_step"))
            elif outcome["type"] == "escalated":
                complete = bool(outcome.get("reason") and outcome.get("owner") and
                                has_due_time(outcome))
            else:
                complete = bool(outcome.get("action") and outcome.get("next_step") and
                                outcome.get("owner") and has_due_time(outcome))
            if not complete:
                break
        results["documented"] = "met" if in_time and complete else "missed"

    weights = policy["checklist"]["weights"]
    met = sum(weights.get(item, 1) for item in ITEMS if results[item] == "met")
    applicable = met + sum(weights.get(item, 1) for item in ITEMS if results[item] == "missed")
    scored = applicable > 0
    raw_score = 100.0 * met / applicable if scored else None
    auto_fail = any(results.get(item) == "missed" for item in policy["checklist"]["critical"])
    score = 0.0 if scored and auto_fail else raw_score
    band = None
    if scored:
        for entry in policy["checklist"]["bands"]:
            if score >= entry["from"]:
                band = entry["name"]
    return results, scored, score, raw_score, auto_fail, band


def csv_row(call, scoring):
    results, scored, score, raw_score, auto_fail, band = scoring
    number = (lambda value: "%.2f" % value) if scored else (lambda value: "")
    return ([call.get("id"), (call.get("agent") or {}).get("id") or "",
             format_time(call["started_at"]), "true" if scored else "false", number(score),
             number(raw_score), "true" if auto_fail else "false", band or ""] +
            [results[item] for item in ITEMS] + [""])


def read_records(path):
    """Yield the records of a JSON Lines file, or of standard input for -."""
    file = sys.stdin if path == "-" else open(path, encoding="utf-8")
    try:
        for line in file:
            if line.strip():
                yield json.loads(line)
    finally:
        if file is not sys.stdin:
            file.close()


def score_files(paths, policy):
    writer = csv.writer(sys.stdout, lineterminator="\n")
    writer.writerow(CSV_HEADER)
    for path in paths:
        for call in read_records(path):
            writer.writerow(csv_row(call, score_call(call, policy)))


def same_number(left, right):
    if left is None or right is None:
        return left is right
    return abs(float(left) - float(right)) < 0.005


def compare(name, expected, actual, differences):
    """Append one line per field where `actual` (a CSV row as a dict) differs from `expected`."""
    for field in ["scored", "auto_fail", "band"] + list(ITEMS):
        if expected[field] != actual[field]:
            differences.append("%s: %s is %r in fcr, %r in py_score.py" % (
                name, field, expected[field], actual[field]))
    for field in ("score", "raw_score"):
        left = expected[field] if expected[field] != "" else None
        right = actual[field] if actual[field] != "" else None
        if not same_number(left, right):
            differences.append("%s: %s is %r in fcr, %r in py_score.py" % (
                name, field, left, right))


def row_dict(row):
    return dict(zip(CSV_HEADER, row))


def check_vectors(folder):
    differences = []
    names = sorted(n for n in os.listdir(folder)
                   if os.path.exists(os.path.join(folder, n, "call.json")))
    for name in names:
        path = os.path.join(folder, name)
        policy_path = os.path.join(path, "policy.json")
        policy = load_policy(policy_path if os.path.exists(policy_path) else None)
        with open(os.path.join(path, "call.json"), encoding="utf-8") as file:
            call = json.load(file)
        with open(os.path.join(path, "scorecard.json"), encoding="utf-8") as file:
            card = json.load(file)
        expected = {
            "scored": "true" if card["scored"] else "false",
            "auto_fail": "true" if card["auto_fail"] else "false",
            "band": card.get("band") or "",
            "score": "" if card.get("score") is None else card["score"],
            "raw_score": "" if card.get("raw_score") is None else card["raw_score"],
        }
        expected.update({item["id"]: item["result"] for item in card["items"]})
        compare(name, expected, row_dict(csv_row(call, score_call(call, policy))), differences)
    return names, differences


def check_csv(fcr_csv, path, policy):
    differences = []
    with open(fcr_csv, encoding="utf-8", newline="") as file:
        expected_rows = list(csv.DictReader(file))
    count = 0
    for count, call in enumerate(read_records(path), 1):
        if count > len(expected_rows):
            differences.append("fcr's CSV has %d rows, %s has more records" % (
                len(expected_rows), path))
            break
        expected = expected_rows[count - 1]
        actual = row_dict(csv_row(call, score_call(call, policy)))
        if expected["call_id"] != actual["call_id"]:
            differences.append("row %d: call %r in fcr, %r in py_score.py" % (
                count, expected["call_id"], actual["call_id"]))
            break
        compare(actual["call_id"], expected, actual, differences)
    if count < len(expected_rows):
        differences.append("fcr's CSV has %d rows, %s has %d records" % (
            len(expected_rows), path, count))
    return count, differences


def report(differences, what):
    for line in differences[:20]:
        print("py_score.py: " + line, file=sys.stderr)
    if len(differences) > 20:
        print("py_score.py: ... and %d more differences" % (len(differences) - 20),
              file=sys.stderr)
    if differences:
        print("py_score.py: %s: %d differences" % (what, len(differences)), file=sys.stderr)
        return 1
    return 0


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--policy", help="fcr.policy/1 file overlaid on the defaults")
    parser.add_argument("--check-vectors", metavar="DIR",
                        help="compare with the expected scorecard.json of each DIR/*/call.json")
    parser.add_argument("--check-csv", metavar="FCR_CSV",
                        help="compare with the output of fcr score --format csv on FILE")
    parser.add_argument("files", nargs="*", metavar="FILE")
    args = parser.parse_args()

    if args.check_vectors:
        names, differences = check_vectors(args.check_vectors)
        status = report(differences, "test vectors")
        if status == 0:
            print("py_score.py: %d test vectors give the same scorecards" % len(names))
        return status
    if not args.files:
        parser.error("give at least one FILE")
    policy = load_policy(args.policy)
    if args.check_csv:
        count, differences = check_csv(args.check_csv, args.files[0], policy)
        status = report(differences, args.files[0])
        if status == 0:
            print("py_score.py: %d calls give the same scorecards" % count)
        return status
    score_files(args.files, policy)
    return 0


if __name__ == "__main__":
    sys.exit(main())
