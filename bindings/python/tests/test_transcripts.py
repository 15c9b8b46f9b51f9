# SPDX-License-Identifier: MIT
"""Transcripts, rule sets and the calls derived from them."""
import gc
import json

import pytest

import fcr
from conftest import SOURCE_DIR

TRANSCRIPTS = SOURCE_DIR / "tests" / "data" / "transcripts"
ABCD = TRANSCRIPTS / "abcd" / "abcd_sample.json"
CHAT = TRANSCRIPTS / "contact-lens" / "chat_analysis_redacted.json"
SEGMENTS = TRANSCRIPTS / "contact-lens" / "rtca_voice_segments_event.json"
COMMENTED = TRANSCRIPTS / "contact-lens" / "voice_analysis_redacted.json"
DIALOGUES = TRANSCRIPTS / "mts-dialog" / "MTS-Dialog-ValidationSet-first8.csv"
LABELLED = TRANSCRIPTS / "labelled.jsonl"
DOCTOR = TRANSCRIPTS / "primock57" / "day1_consultation01_doctor.TextGrid"
PATIENT = TRANSCRIPTS / "primock57" / "day1_consultation01_patient.TextGrid"


def test_transcript_formats():
    assert fcr.transcript_formats() == ["json", "textgrid", "contact-lens", "abcd",
                                        "csv-dialogue"]


@pytest.mark.parametrize("path, expected", [
    (ABCD, "abcd"),
    (CHAT, "contact-lens"),
    (SEGMENTS, "contact-lens"),
    (DIALOGUES, "csv-dialogue"),
    (LABELLED, "json"),
    (DOCTOR, "textgrid"),
])
def test_guess_transcript_format(path, expected):
    assert fcr.guess_transcript_format(str(path)) == expected


@pytest.mark.parametrize("path, format, count", [
    (ABCD, "abcd", 3),
    (CHAT, "contact-lens", 1),
    (DIALOGUES, "csv-dialogue", 8),
])
def test_load_file_given_and_guessed(path, format, count):
    explicit = fcr.Transcript.load_file(str(path), format)
    guessed = fcr.Transcript.load_file(str(path))
    assert len(explicit) == count
    assert [item.id for item in guessed] == [item.id for item in explicit]
    assert all(item.turn_count > 0 for item in explicit)


def test_load_string_matches_file():
    text = ABCD.read_text(encoding="utf-8")
    from_text = fcr.Transcript.load(text, "abcd", name="abcd_sample.json")
    guessed = fcr.Transcript.load(text.encode("utf-8"), None)
    from_file = fcr.Transcript.load_file(str(ABCD), "abcd")
    assert [t.to_json() for t in from_text] == [t.to_json() for t in from_file]
    assert [t.id for t in guessed] == [t.id for t in from_file]


def test_json_round_trip():
    first = fcr.Transcript.load_file(str(LABELLED))[0]
    again = fcr.Transcript.load(first.to_json(pretty=True))
    assert len(again) == 1
    assert again[0].to_json() == first.to_json()
    assert json.loads(first.to_json())["format"] == "fcr.transcript/1"


def test_textgrid_pair():
    from_doctor = fcr.Transcript.load_file(str(DOCTOR))
    from_patient = fcr.Transcript.load_file(str(PATIENT))
    pair = fcr.Transcript.load_textgrid_files(str(DOCTOR), str(PATIENT))
    texts = fcr.Transcript.load_textgrid(DOCTOR.read_bytes(), PATIENT.read_bytes(),
                                         "day1_consultation01")
    assert pair.id == "day1_consultation01"
    assert [t.id for t in from_doctor] == [t.id for t in from_patient] == [pair.id]
    assert from_doctor[0].to_json() == pair.to_json() == texts.to_json()
    roles = {turn.role for turn in pair}
    assert roles == {"agent", "caller"}
    first = pair.turns[0]
    assert first.start >= 0
    assert first.end >= first.start


def test_turns_and_repr_without_text():
    transcript = fcr.Transcript("call-7")
    transcript.set_started_at("2026-11-10T14:00:00Z")
    transcript.set_agent("agent-1", "front_desk")
    transcript.add_turn("agent", "Thanks for calling, how can I help?", 0, 2.5)
    transcript.add_turn("caller", "I need a refill of my inhaler")
    transcript.add_turn("system", "Account has been pulled up", start=3)
    assert transcript.turn_count == 3
    assert transcript.agent_id == "agent-1"
    assert transcript.agent_role == "front_desk"
    assert transcript.started_at.isoformat() == "2026-11-10T14:00:00+00:00"
    turns = transcript.turns
    assert [turn.role for turn in turns] == ["agent", "caller", "system"]
    assert (turns[0].start, turns[0].end) == (0.0, 2.5)
    assert (turns[1].start, turns[1].end) == (None, None)
    assert turns[1].text == "I need a refill of my inhaler"
    assert repr(transcript) == '<fcr.Transcript id="call-7" turns=3>'
    assert repr(turns[0]) == "<fcr.Turn role=agent start=0.00 end=2.50>"
    assert "refill" not in repr(turns[1])


def test_derive_and_score():
    transcript = fcr.Transcript.load_file(str(ABCD))[0]
    call = fcr.Call.from_transcript(transcript)
    assert call.id == transcript.id
    assert call.mode == "replay"
    assert call.event_count > 0
    assert call.unobservable("documented")
    card = call.score()
    assert card.result("documented") == "unknown"
    assert 0 <= card.score <= 100


def test_derive_with_policy_and_rules():
    policy = fcr.Policy()
    rules = fcr.Rules()
    assert rules.count > 0
    transcript = fcr.Transcript.load_file(str(CHAT))[0]
    with_defaults = fcr.Call.from_transcript(transcript)
    with_both = fcr.Call.from_transcript(transcript, policy=policy, rules=rules)
    assert with_both.to_json() == with_defaults.to_json()


def test_rules_load_overlay():
    rules = fcr.Rules()
    overlay = {"format": "fcr.rules/1", "rules": {"recap.summary": None}}
    loaded = fcr.Rules.load(json.dumps(overlay), name="practice.json")
    assert loaded.count == rules.count - 1
    assert repr(rules) == f"<fcr.Rules count={rules.count}>"


def test_load_errors():
    with pytest.raises(fcr.InvalidArgumentError, match="unknown transcript format 'xml'"):
        fcr.Transcript.load("{}", "xml")
    with pytest.raises(fcr.InvalidArgumentError, match="load_textgrid"):
        fcr.Transcript.load("File type = \"ooTextFile\"\n", "textgrid")
    with pytest.raises(fcr.FileError, match="no-such-transcript.json"):
        fcr.Transcript.load_file(str(TRANSCRIPTS / "no-such-transcript.json"), "json")
    with pytest.raises(fcr.FileError, match="no-such-transcript.json"):
        fcr.Transcript.load_file(str(TRANSCRIPTS / "no-such-transcript.json"))
    with pytest.raises(fcr.FileError):
        fcr.guess_transcript_format(str(TRANSCRIPTS / "no-such-transcript.json"))


def test_textgrid_without_partner_names_it(tmp_path):
    lonely = tmp_path / "lonely_doctor.TextGrid"
    lonely.write_bytes(DOCTOR.read_bytes())
    with pytest.raises(fcr.FileError, match="cannot open .*lonely_patient.TextGrid.*one file per speaker"):
        fcr.Transcript.load_file(str(lonely))


def test_malformed_file_names_position():
    with pytest.raises(fcr.ParseError) as raised:
        fcr.Transcript.load_file(str(COMMENTED), "contact-lens")
    assert (raised.value.line, raised.value.column) == (10, 44)
    assert "voice_analysis_redacted.json" in str(raised.value)


def test_wrong_format_is_record_error():
    with pytest.raises(fcr.RecordError):
        fcr.Transcript.load_file(str(ABCD), "json")


def test_textgrid_without_speaker_suffix():
    with pytest.raises(fcr.InvalidArgumentError, match="one file per speaker"):
        fcr.Transcript.load_file(str(TRANSCRIPTS / "consultation.TextGrid"))


def test_turn_and_agent_errors():
    transcript = fcr.Transcript("call-8")
    with pytest.raises(fcr.InvalidArgumentError, match="turn role"):
        transcript.add_turn("nurse", "Hello")
    with pytest.raises(fcr.InvalidArgumentError):
        transcript.add_turn("agent", "Hello", 5, 1)
    with pytest.raises(fcr.InvalidArgumentError, match="seconds"):
        transcript.add_turn("agent", "Hello", -2)
    with pytest.raises(fcr.InvalidArgumentError):
        fcr.Transcript("")
    transcript.add_turn("agent", "Hello")
    transcript.set_agent("agent-1", "no_such_role")
    with pytest.raises(fcr.NotFoundError):
        fcr.Call.from_transcript(transcript)


def test_rules_errors():
    with pytest.raises(fcr.ParseError):
        fcr.Rules.load("{", name="broken.json")
    with pytest.raises(fcr.FileError):
        fcr.Rules.load_file(str(TRANSCRIPTS / "no-such-rules.json"))


def test_closed_handles_raise():
    transcript = fcr.Transcript.load_file(str(ABCD))[0]
    rules = fcr.Rules()
    with transcript, rules:
        pass
    assert transcript.closed()
    assert rules.closed()
    transcript.close()
    rules.close()
    assert repr(transcript) == "<fcr.Transcript closed>"
    assert repr(rules) == "<fcr.Rules closed>"
    with pytest.raises(fcr.StateError, match="the Transcript is closed"):
        transcript.turns
    with pytest.raises(fcr.StateError, match="the Transcript is closed"):
        fcr.Call.from_transcript(transcript)
    open_transcript = fcr.Transcript.load_file(str(ABCD))[0]
    with pytest.raises(fcr.StateError, match="the Rules is closed"):
        fcr.Call.from_transcript(open_transcript, rules=rules)


def test_copies_outlive_their_parents():
    transcript = fcr.Transcript.load_file(str(CHAT))[0]
    turns = transcript.turns
    call = fcr.Call.from_transcript(transcript)
    transcript.close()
    del transcript
    gc.collect()
    assert len(turns) > 0
    assert turns[0].role == "system"
    assert call.score().call_id == call.id


def test_collected_without_close():
    for _ in range(200):
        items = fcr.Transcript.load_file(str(ABCD))
        fcr.Call.from_transcript(items[0], rules=fcr.Rules())
        del items
    gc.collect()

