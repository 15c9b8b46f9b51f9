#!/usr/bin/env python3
"""Compare libfcr's JSON verdicts with Python's json module on the same bytes.

Reads the lines that json_verdict writes (accept or reject, the status
class, the file path), decides each file again with Python's json module, and
prints every disagreement that docs/json.md does not document. Exit status:
0 when there is none, 1 otherwise.

Where docs/json.md makes a choice that Python's json module does not, the
bytes are classified first, and libfcr's verdict must match the documented
one:

- duplicate keys: libfcr rejects them (FCR_EPARSE), Python keeps the last;
- a lone or inverted surrogate in a \\u escape: libfcr rejects it, Python
  keeps the lone code point;
- nesting deeper than the default max_depth of 64: libfcr returns
  FCR_ELIMIT, Python reads it;
- a string or key longer than 1 MiB: FCR_ELIMIT.

Python is also set to reject NaN, Infinity and -Infinity, and a UTF-8
byte-order mark, as RFC 8259 and libfcr do.
"""

import json
import sys

MAX_DEPTH = 64
MAX_STRING_BYTES = 1 << 20


class Rejected(Exception):
    """Python's verdict is reject."""


class Documented(Exception):
    """A case where docs/json.md documents another verdict than Python's."""

    def __init__(self, reason, expected):
        super().__init__(reason)
        self.reason = reason
        self.expected = expected


def reject_constant(name):
    raise Rejected(f"non-standard constant {name}")


def check_pairs(pairs):
    keys = [key for key, _ in pairs]
    if len(set(keys)) != len(keys):
        raise Documented("duplicate key", "reject parse")
    return dict(pairs)


def has_surrogate(text):
    return any(0xD800 <= ord(c) <= 0xDFFF for c in text)


def walk(value, depth):
    """Checks the decoded value against libfcr's documented limits."""
    if isinstance(value, (dict, list)):
        depth += 1
        if depth > MAX_DEPTH:
            raise Documented(f"nesting deeper than {MAX_DEPTH}", "reject limit")
        items = value.items() if isinstance(value, dict) else enumerate(value)
        for key, item in items:
            if isinstance(key, str):
                check_string(key)
            walk(item, depth)
    elif isinstance(value, str):
        check_string(value)


def check_string(text):
    if has_surrogate(text):
        raise Documented("lone surrogate in a \\u escape", "reject parse")
    if len(text.encode("utf-8")) > MAX_STRING_BYTES:
        raise Documented("string over 1 MiB", "reject limit")


def python_verdict(data):
    """Returns (verdict, reason): verdict is accept, reject or a documented one."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return "reject", "invalid UTF-8"
    # libfcr skips one UTF-8 byte-order mark as the first bytes of the input.
    if text.startswith("\ufeff"):
        text = text[1:]
    try:
        value = json.loads(text, parse_constant=reject_constant, object_pairs_hook=check_pairs)
        walk(value, 0)
    except Documented as documented:
        return documented.expected, documented.reason
    except Rejected as rejected:
        return "reject", str(rejected)
    except RecursionError:
        # Python gave up first; libfcr's depth limit is far lower.
        return "reject limit", "nesting deeper than Python's recursion limit"
    except ValueError as error:
        return "reject", str(error)
    return "accept", ""


def main():
    if len(sys.argv) != 2:
        print("usage: compare_json.py VERDICTS.tsv", file=sys.stderr)
        return 2
    checked = 0
    disagreements = []
    with open(sys.argv[1], encoding="utf-8", errors="surrogateescape") as verdicts:
        for line in verdicts:
            fields = line.rstrip("\n").split("\t")
            if fields[0] == "accept":
                libfcr, path = "accept", fields[1]
            else:
                libfcr, path = f"reject {fields[1]}", fields[2]
            with open(path, "rb") as file:
                data = file.read()
            expected, reason = python_verdict(data)
            checked += 1
            if expected.startswith("reject ") and expected != libfcr:
                disagreements.append((path, libfcr, expected, reason))
            elif expected.split(" ")[0] != libfcr.split(" ")[0]:
                disagreements.append((path, libfcr, expected, reason))
    for path, libfcr, expected, reason in disagreements:
        print(f"compare_json: {path}: libfcr: {libfcr}; expected: {expected}"
              f"{' (' + reason + ')' if reason else ''}")
    print(f"compare_json: {checked} files, {len(disagreements)} disagreements")
    return 1 if disagreements else 0


if __name__ == "__main__":
    sys.exit(main())
