# SPDX-License-Identifier: MIT
"""Every libfcr status becomes its own exception class, with the detail."""
import pytest

import fcr
from conftest import START, guard_events

RECORD = ('{"format":"fcr.call/1","id":"call-9","started_at":"2026-11-10T14:00:00Z",'
          '"events":[{"type":"concern_stated","at":"2026-11-10T14:00:10Z","concern":"c1",'
          '"category":"%s","request":"Refill"}]}')

# class, status, kind, builtin base (or None)
KINDS = [
    (fcr.InvalidArgumentError, -1, "invalid_argument", ValueError),
    (fcr.OutOfMemoryError, -2, "out_of_memory", MemoryError),
    (fcr.ParseError, -3, "parse", ValueError),
    (fcr.RecordError, -4, "record", ValueError),
    (fcr.WorkflowError, -5, "workflow", None),
    (fcr.StateError, -6, "state", None),
    (fcr.NotFoundError, -7, "not_found", LookupError),
    (fcr.LimitError, -8, "limit", None),
    (fcr.FileError, -9, "file", OSError),
    (fcr.VersionError, -10, "version", ValueError),
]


@pytest.mark.parametrize("error_class, status, kind, builtin", KINDS)
def test_error_class_hierarchy(error_class, status, kind, builtin):
    assert issubclass(error_class, fcr.Error)
    assert error_class.__module__ == "fcr"
    if builtin is not None:
        assert issubclass(error_class, builtin)


def check_error(info, error_class, status, kind):
    error = info.value
    assert type(error) is error_class
    assert error.status == status
    assert error.kind == kind
    assert str(error) == error.message
    assert error.message


def test_invalid_mode_name():
    with pytest.raises(fcr.InvalidArgumentError) as info:
        fcr.Call("call-1", START, mode="recorded")
    check_error(info, fcr.InvalidArgumentError, -1, "invalid_argument")
    assert "live, replay" in str(info.value)


def test_invalid_concern_id():
    event = fcr.Event("resolved", START)
    with pytest.raises(ValueError) as info:
        event.concern = "c 1"
    check_error(info, fcr.InvalidArgumentError, -1, "invalid_argument")
    assert info.value.field == "concern"


def test_invalid_note_format():
    with fcr.Call("call-1", START) as call:
        with pytest.raises(fcr.InvalidArgumentError, match="note format 'pdf'"):
            call.note("pdf")


def test_parse_error_position():
    with pytest.raises(fcr.ParseError) as info:
        fcr.Call.from_json('{"format": "fcr.call/1",\n  "id": bad}', name="bad.json")
    check_error(info, fcr.ParseError, -3, "parse")
    assert info.value.line == 2
    assert info.value.column == 9
    assert "bad.json" in str(info.value)


def test_time_text_rejected():
    with pytest.raises(fcr.ParseError):
        fcr.Call("call-1", "yesterday at noon")
    with pytest.raises(fcr.ParseError):
        fcr.parse_time("2026-02-30T10:00:00Z")


def test_record_error_names_field():
    with pytest.raises(fcr.RecordError) as info:
        fcr.Call.from_json(RECORD % "astrology")
    check_error(info, fcr.RecordError, -4, "record")
    assert info.value.field.startswith("events[0]")


def test_workflow_error_leaves_call_unchanged(live_call):
    live_call.append(guard_events()[0])
    before = live_call.to_json()
    with pytest.raises(fcr.WorkflowError) as info:
        live_call.append(dict(type="resolved", at="2026-11-10T14:01:00Z", concern="c1",
                              action="SECRET-ACTION-TEXT"))
    check_error(info, fcr.WorkflowError, -5, "workflow")
    assert "Restate concern c1" in str(info.value)
    assert "SECRET-ACTION-TEXT" not in str(info.value)
    assert live_call.to_json() == before
    assert live_call.event_count == 1


def test_state_error_after_first_event(live_call):
    live_call.append(guard_events()[0])
    with pytest.raises(fcr.StateError) as info:
        live_call.direction = "outbound"
    check_error(info, fcr.StateError, -6, "state")


def test_state_error_shared_policy():
    policy = fcr.Policy()
    with fcr.Call("call-1", START, policy=policy):
        with pytest.raises(fcr.StateError):
            policy.set_phrases("clarify", "Ask.", ["How can I help?"])


def test_not_found_event_type():
    with pytest.raises(LookupError) as info:
        fcr.Event("call_transferred", START)
    check_error(info, fcr.NotFoundError, -7, "not_found")
    assert "open_question_asked" in str(info.value)


def test_not_found_role():
    with fcr.Call("call-1", START) as call:
        with pytest.raises(fcr.NotFoundError):
            call.set_agent("agent-1", "janitor")


def test_limit_error_on_events(tmp_path):
    path = tmp_path / "long.jsonl"
    path.write_text(RECORD % "refill" + "\n", encoding="utf-8")
    reader = fcr.Reader(str(path))
    reader.set_limit("events", 1)
    assert reader.next() is not None
    reader.close()

    record = RECORD % "refill"
    record = record.replace(']}', ',{"type":"documented","at":"2026-11-10T14:05:00Z"}]}')
    path.write_text(record + "\n", encoding="utf-8")
    with fcr.Reader(str(path)) as reader:
        reader.set_limit("events", 1)
        with pytest.raises(fcr.LimitError) as info:
            reader.next()
    check_error(info, fcr.LimitError, -8, "limit")


def test_file_error(tmp_path):
    missing = tmp_path / "missing.jsonl"
    with pytest.raises(OSError) as info:
        list(fcr.read_calls(str(missing)))
    check_error(info, fcr.FileError, -9, "file")
    with pytest.raises(fcr.FileError):
        fcr.Policy.load_file(str(missing))


def test_version_error():
    record = (RECORD % "refill").replace("fcr.call/1", "fcr.call/2")
    with pytest.raises(fcr.VersionError) as info:
        fcr.Call.from_json(record)
    check_error(info, fcr.VersionError, -10, "version")


def test_naive_datetime_rejected():
    import datetime
    with pytest.raises(fcr.InvalidArgumentError, match="naive datetime"):
        fcr.Call("call-1", datetime.datetime(2026, 11, 10, 14, 0))


def test_wrong_argument_type():
    with pytest.raises(TypeError):
        fcr.Call("call-1", 1.5)
    with pytest.raises(TypeError):
        fcr.Call("call-1", START).append(42)


def test_nul_character_rejected():
    with fcr.Call("call-1", START) as call:
        with pytest.raises(fcr.InvalidArgumentError, match="NUL"):
            call.set_agent("agent\x001", "front_desk")


def test_no_status_codes_returned(live_call):
    """Calls that only act return None, never a status code."""
    assert live_call.append(guard_events()[0]) is None
    policy = fcr.Policy()
    assert policy.set_phrases("clarify", None, ["Hello."]) is None
    assert policy.close() is None
    card = live_call.score()
    assert card.override("documented", "met", "reviewer-1", START, "Seen in the EMR.") is None
    assert live_call.set_unobservable("documented") is None
    assert live_call.close() is None


def test_errors_from_threads_stay_apart():
    """The pending failure is per thread: errors raised in parallel keep
    their own kind and message."""
    import threading
    results = []

    def fail(mode):
        for _ in range(200):
            try:
                if mode == "parse":
                    fcr.Call.from_json("{")
                else:
                    fcr.Event("nonsense", START)
            except fcr.Error as error:
                results.append((mode, error.kind))

    threads = [threading.Thread(target=fail, args=(mode,)) for mode in ("parse", "type") * 2]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(results) == 800
    for mode, kind in results:
        assert kind == ("parse" if mode == "parse" else "not_found")


def test_message_names_reader_methods():
    reader = fcr.ContactReader.from_string("id,caller,time\nc1,p1,2026-11-02T10:00:00Z\n")
    reader.next()
    with pytest.raises(fcr.StateError) as raised:
        reader.map("agent", "assigned_to")
    check_error(raised, fcr.StateError, -6, "state")
    assert raised.value.message == ("ContactReader.map(): reading has started; set the options "
                                    "before the first ContactReader.next()")


def test_message_names_keep_results():
    metrics = fcr.Metrics()
    metrics.add_contact("a", "pk-1", START)
    with pytest.raises(fcr.StateError) as raised:
        metrics.keep_results()
    check_error(raised, fcr.StateError, -6, "state")
    assert raised.value.message.startswith("Metrics.keep_results(): contacts were already added;")
    assert "fcr_" not in raised.value.message


def test_message_names_set_time_format():
    reader = fcr.ContactReader.from_string("id,caller,time\nc1,p1,not a time\n", name="log.csv")
    with pytest.raises(fcr.ParseError) as raised:
        reader.next()
    check_error(raised, fcr.ParseError, -3, "parse")
    assert raised.value.message == (
        "log.csv: line 2, column 7 (time): the time is not an RFC 3339 date-time; for other "
        "forms set a time format (ContactReader.set_time_format(), --time-format in fcr metrics)")
    assert (raised.value.field, raised.value.line, raised.value.column) == ("time", 2, 7)


def test_message_names_map_in_hint():
    # A mapped column that the header lacks names ContactReader.map().
    reader = fcr.ContactReader.from_string("id,caller,time\n", name="log.csv")
    reader.map("agent", "assigned_to")
    with pytest.raises(fcr.NotFoundError) as raised:
        reader.next()
    assert "(ContactReader.map(), --map in fcr metrics)" in raised.value.message
    assert raised.value.field == "agent"
    with pytest.raises(fcr.Error) as raised:
        fcr.Metrics().set_window("7 fortnights")
    assert "fcr_" not in raised.value.message


def test_error_field_by_failure():
    """`field` contains a JSON path, a setting, a CSV column or a contact field."""
    record = ('{"format":"fcr.call/1","id":"a","started_at":"2026-11-10T14:00:00Z",'
              '"agent":{"id":"a","role":5},"events":[]}')
    with pytest.raises(fcr.RecordError) as raised:
        fcr.Call.from_json(record)
    assert raised.value.field == "agent.role"

    with pytest.raises(fcr.InvalidArgumentError) as raised:
        fcr.Metrics().set_window("7 fortnights")
    assert raised.value.field == "window"

    reader = fcr.ContactReader.from_string("id,caller,opened_at\nc1,p1,x\nc2,p1\n")
    reader.map("time", "opened_at")
    with pytest.raises(fcr.ParseError) as raised:
        reader.next()
    assert raised.value.field == "opened_at"
    with pytest.raises(fcr.RecordError) as raised:
        reader.next()
    assert raised.value.field is None

    reader = fcr.ContactReader.from_string("id,time\nc1,2026-11-02T10:00:00Z\n")
    with pytest.raises(fcr.NotFoundError) as raised:
        reader.next()
    assert raised.value.field == "caller"
