# SPDX-License-Identifier: MIT
"""The live workflow, events, times, policies and scorecards from Python,
following the C guard tests (tests/workflow/test_guards.c)."""
import datetime

import pytest

import fcr
from conftest import START, guard_events

UTC = datetime.timezone.utc


def play(call, last):
    for event in guard_events()[: last + 1]:
        call.append(event)


def assert_rejected(call, event, fragment):
    """The guard rejects `event` with `fragment` in the message and the
    call stays exactly as it was."""
    before = (call.to_json(), call.step, call.deviation_count, call.concern_count)
    with pytest.raises(fcr.WorkflowError) as info:
        call.append(event)
    assert fragment in str(info.value)
    assert (call.to_json(), call.step, call.deviation_count, call.concern_count) == before


def test_clarify_needs_concern(live_call):
    assert_rejected(live_call, guard_events()[5], "No concern is stated yet")


def test_clarify_needs_restatement(live_call):
    play(live_call, 0)
    assert_rejected(live_call, guard_events()[3], "Restate concern c1")
    live_call.append(guard_events()[1])
    live_call.append(guard_events()[3])
    assert live_call.step == "check_authority"


def test_outcome_needs_identity(live_call):
    play(live_call, 1)
    live_call.append(guard_events()[3])
    assert_rejected(live_call, guard_events()[4], "0 of 2 person-specific identifier types")
    live_call.append(dict(type="identity_verified", at="2026-11-10T14:00:50Z",
                          identifiers=["name", "room"]))
    assert_rejected(live_call, guard_events()[4], "1 of 2 person-specific identifier types")
    assert live_call.identifiers == ["name", "room"]
    assert not live_call.identity_verified


def test_escalation_needs_fields(live_call):
    play(live_call, 3)
    escalation = dict(type="escalated", at="2026-11-10T14:01:00Z", concern="c1",
                      target="nurse_triage")
    assert_rejected(live_call, escalation, "reason")
    escalation.update(reason="Needs a clinician", owner="RN on duty")
    live_call.append(escalation)
    concern = live_call.find_concern("c1")
    assert concern.outcome == "escalated"
    assert concern.due_computed
    assert concern.due_at.tzinfo is not None
    assert concern.due_at > live_call.started_at
    assert concern.outcome_event == 4


def test_full_call_closes(live_call):
    play(live_call, 8)
    assert live_call.step == "closed"
    assert live_call.ended_at == datetime.datetime(2026, 11, 10, 14, 2, 30, tzinfo=UTC)
    assert live_call.deviations == []
    guidance = live_call.guidance()
    assert guidance.step == "closed"
    assert guidance.missing == []


def test_guidance_lists_missing(live_call):
    play(live_call, 0)
    guidance = live_call.guidance()
    assert guidance.step == "clarify"
    assert guidance.next_step == "check_authority"
    assert [(item.code, item.concern) for item in guidance.missing] == [("restate_concern", "c1")]
    assert "Restate concern c1" in guidance.missing[0].message
    assert guidance.prompt
    assert all(isinstance(phrase, str) for phrase in guidance.phrases)


def test_replay_records_deviations():
    with fcr.Call("call-1", START, mode="replay") as call:
        call.set_agent("agent-1", "front_desk")
        call.append(guard_events()[0])
        call.append(guard_events()[4])
        codes = [deviation.code for deviation in call.deviations]
        assert "verify_identity" in codes
        deviation = call.deviations[0]
        assert deviation.step in fcr.steps()
        assert deviation.rule
        assert deviation.event == 1


def test_event_fields_round_trip():
    due = datetime.datetime(2026, 11, 10, 19, 0, tzinfo=UTC)
    event = fcr.Event("escalated", "2026-11-10T14:01:00Z", concern="c2",
                      target="nurse_triage", reason="Clinical question", owner="RN", due_at=due)
    assert event.type == "escalated"
    assert event.concern == "c2"
    assert event["due_at"] == due
    assert event.fields == {"target": "nurse_triage", "reason": "Clinical question",
                            "owner": "RN", "due_at": due}
    assert "text" not in event
    assert event.get("text", "none") == "none"
    with pytest.raises(KeyError):
        event["text"]
    with pytest.raises(fcr.NotFoundError, match="escalated events have no field 'answer'"):
        event.set("answer", "yes")


def test_event_list_and_bool_fields():
    event = fcr.Event("identity_verified", START, identifiers=["name"], proxy_authority=True)
    event.set("identifiers", ["date_of_birth"])
    assert event["identifiers"] == ["name", "date_of_birth"]
    assert event["proxy_authority"] is True
    assert fcr.Event.field_kind("identifiers") == "list"
    assert fcr.Event.field_kind("shoe_size") is None
    with pytest.raises(TypeError):
        event.set("identifiers", "name")
    with pytest.raises(TypeError):
        event.set("proxy_authority", "yes")


def test_event_from_json():
    event = fcr.Event.from_json('{"type":"anything_else_asked","at":"2026-11-10T14:02:10Z",'
                                '"answer":"no","text":"Anything else today?"}')
    assert event.fields == {"text": "Anything else today?", "answer": "no"}


def test_times_in_every_form():
    moment = datetime.datetime(2026, 11, 10, 9, 0, tzinfo=datetime.timezone(datetime.timedelta(hours=-5)))
    milliseconds = fcr.parse_time("2026-11-10T14:00:00Z")
    epoch = datetime.datetime(1970, 1, 1, tzinfo=UTC)
    assert milliseconds == (moment - epoch) // datetime.timedelta(milliseconds=1)
    for started in (moment, "2026-11-10T09:00:00-05:00", milliseconds):
        with fcr.Call("call-1", started) as call:
            assert call.started_at == moment
            assert call.started_at.tzinfo == UTC
            assert call.ended_at is None
    assert fcr.format_time(milliseconds + 250) == "2026-11-10T14:00:00.250Z"
    assert fcr.format_time(moment) == "2026-11-10T14:00:00Z"


def test_time_range_edges():
    first = datetime.datetime(1, 1, 1, tzinfo=UTC)
    last = datetime.datetime(9999, 12, 31, 23, 59, 59, 999000, tzinfo=UTC)
    assert fcr.Event("documented", first).at == first
    assert fcr.Event("documented", last).at == last
    with pytest.raises(fcr.InvalidArgumentError):
        fcr.Event("documented", 10 ** 20)


def test_policy_from_json_and_queries():
    policy = fcr.Policy.load('{"format": "fcr.policy/1", "office": {"time_zone": "America/New_York"}}',
                             name="office.json")
    assert policy.time_zone == "America/New_York"
    assert policy.has_category("refill")
    assert not policy.has_category("astrology")
    assert policy.role_may_resolve("front_desk", "scheduling")
    assert not policy.role_may_resolve("front_desk", "clinical_question")
    assert policy.default_target("clinical_question") == "nurse_triage"
    assert policy.label("target", "nurse_triage") == "nurse triage"
    assert policy.label("category", "nurse_triage") is None
    with pytest.raises(fcr.InvalidArgumentError):
        policy.label("clinic", "nurse_triage")
    assert policy.utc_offset("2026-11-13T21:30:00Z") == -5 * 3600
    # The C header's example: 4 business hours after Friday 16:30 is Monday 11:30.
    due = policy.due_time("nurse_triage", "2026-11-13T21:30:00Z")
    assert due.weekday() == 0
    again = fcr.Policy.load(policy.to_json())
    assert again.to_json() == policy.to_json()


def test_policy_phrases_reach_guidance():
    policy = fcr.Policy()
    policy.set_phrases("clarify", "Find out what the caller needs.", ["Good morning, how can I help?"])
    with fcr.Call("call-1", START, policy=policy) as call:
        guidance = call.guidance()
        assert guidance.prompt == "Find out what the caller needs."
        assert guidance.phrases == ["Good morning, how can I help?"]


def test_override_changes_score(live_call):
    play(live_call, 8)
    card = live_call.score()
    assert card["documented"].result == "missed"
    before = card.score
    card.override("documented", "met", "reviewer-7", "2026-11-11T09:00:00Z", "Found in the EMR.")
    item = card["documented"]
    assert (item.result, item.rule_result, item.overridden) == ("met", "missed", True)
    assert item.reviewer == "reviewer-7"
    assert item.override_note == "Found in the EMR."
    assert item.override_at == datetime.datetime(2026, 11, 11, 9, 0, tzinfo=UTC)
    assert card.score > before
    assert "overridden" in repr(item)


def test_unobservable_item_is_unknown(live_call):
    play(live_call, 8)
    live_call.set_unobservable("documented")
    assert live_call.unobservable("documented")
    assert live_call.score()["documented"].result == "unknown"


def test_reprs_leave_out_patient_data():
    call = fcr.Call("call-1", START, mode="replay")
    call.patient_key = "pk-secret-key"
    call.append(dict(type="concern_stated", at="2026-11-10T14:00:10Z", concern="c1",
                     category="refill", request="Refill my SECRET-MEDICINE",
                     text="My date of birth is SECRET-DOB"))
    texts = [repr(call), repr(call.concerns[0]), repr(call.events[0]), repr(call.score()),
             repr(call.guidance()), repr(call.deviations)]
    for text in texts:
        for secret in ("SECRET", "pk-secret-key"):
            assert secret not in text
    assert call.patient_key == "pk-secret-key"


def test_module_functions():
    assert fcr.version() == "1.0.0" or fcr.version().count(".") == 2
    assert fcr.steps()[0] == "clarify"
    assert fcr.steps()[-1] == "closed"
    assert fcr.step_title("check_authority") == "Check resolution authority"
    assert len(fcr.item_ids()) == 8
    assert fcr.item_title("identity_verified") == "Verified patient identifying details"
    assert "escalated" in fcr.event_types()
    assert fcr.scorecard_csv_header().startswith("call_id,")
    with pytest.raises(fcr.NotFoundError):
        fcr.item_title("smiled")
