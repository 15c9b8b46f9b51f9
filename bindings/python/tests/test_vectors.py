# SPDX-License-Identifier: MIT
"""The shared test vectors: every output byte for byte, and equal scores.

The C tests (note.test_vectors) and the Lua suites check the same files, so
passing here means Python writes the same bytes as C and Lua.
"""
import json

import pytest

import fcr
from conftest import VECTORS_DIR, vector_names

# Expected file -> how to produce it from (call, scorecard).
OUTPUTS = {
    "scorecard.txt": lambda call, card: card.write("text"),
    "scorecard.json": lambda call, card: card.write("json"),
    "scorecard.csv": lambda call, card: fcr.scorecard_csv_header() + card.write("csv"),
    "note.txt": lambda call, card: call.note("text"),
    "note.line.txt": lambda call, card: call.note("line"),
    "note.json": lambda call, card: call.note("json"),
    "note.fhir.json": lambda call, card: call.note("fhir"),
    "note.qa.txt": lambda call, card: call.note("text", "qa"),
    "note.qa.line.txt": lambda call, card: call.note("line", "qa"),
    "note.qa.json": lambda call, card: call.note("json", "qa"),
    "note.qa.fhir.json": lambda call, card: call.note("fhir", profile="qa"),
    "recap.txt": lambda call, card: call.recap(),
}

NAMES = vector_names()
if not NAMES:
    pytest.skip(f"no test vectors under {VECTORS_DIR}", allow_module_level=True)


def load_policy(folder):
    if (folder / "policy.json").exists():
        return fcr.Policy.load_file(str(folder / "policy.json"))
    return None


def load_vector(name):
    folder = VECTORS_DIR / name
    text = (folder / "call.json").read_bytes()
    call = fcr.Call.from_json(text, policy=load_policy(folder), name=f"{name}/call.json")
    return folder, call


@pytest.mark.parametrize("name", NAMES)
def test_vector_outputs_match(name):
    folder, call = load_vector(name)
    with call, call.score() as card:
        for file_name, produce in OUTPUTS.items():
            expected_path = folder / file_name
            if not expected_path.exists():
                continue
            expected = expected_path.read_bytes()
            actual = produce(call, card).encode("utf-8")
            assert actual == expected, f"{name}/{file_name} differs"


@pytest.mark.parametrize("name", NAMES)
def test_vector_score_matches(name):
    folder, call = load_vector(name)
    expected = json.loads((folder / "scorecard.json").read_text(encoding="utf-8"))
    with call, call.score() as card:
        assert card.score == expected["score"]
        assert card.raw_score == expected["raw_score"]
        assert card.auto_fail == expected["auto_fail"]
        assert card.scored == expected["scored"]
        assert card.band == expected["band"]
        assert [item.result for item in card] == [item["result"] for item in expected["items"]]
        evidence = [[entry["event"] for entry in item["evidence"]] for item in expected["items"]]
        assert [item.evidence for item in card] == evidence


@pytest.mark.parametrize("name", NAMES)
def test_vector_round_trip(name):
    """A call written back as JSON reads in again with the same note."""
    folder, call = load_vector(name)
    with call:
        again = fcr.Call.from_json(call.to_json(), policy=load_policy(folder), name="round trip")
        assert again.note("json") == call.note("json")
        assert again.to_json(pretty=True) == call.to_json(pretty=True)


def test_example_data_matches_vectors(example_calls):
    """Each call of examples/data/calls.jsonl scores as its vector does."""
    by_id = {}
    for name in NAMES:
        expected = json.loads((VECTORS_DIR / name / "scorecard.json").read_text("utf-8"))
        by_id[expected["call_id"]] = expected
    seen = 0
    for card in fcr.score_file(str(example_calls)):
        expected = by_id.get(card.call_id)
        if expected is None:
            continue
        assert [item.result for item in card] == [item["result"] for item in expected["items"]]
        seen += 1
    assert seen > 0
