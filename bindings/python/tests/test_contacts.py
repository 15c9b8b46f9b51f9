# SPDX-License-Identifier: MIT
"""CSV contact logs and the per-contact results of an analysis."""
import gc

import pytest

import fcr
from conftest import SOURCE_DIR

EXPORT = SOURCE_DIR / "examples" / "data" / "servicenow" / "incident_event_log.csv"

# The small log of tests/metrics/check-cli.sh.
SMALL_LOG = """id,caller,time,category,agent,direction,outcome,target
c1,p1,2026-11-02T10:00:00Z,refill,ann,inbound,resolved,
c2,p1,2026-11-03T10:00:00Z,refill,bob,inbound,resolved,
c3,p2,2026-11-03T11:00:00Z,clinical_question,ann,inbound,escalated,nurse_triage
c4,p1,2026-11-04T09:00:00Z,refill,bob,outbound,,
c5,p3,2026-11-20T10:00:00Z,billing,bob,inbound,resolved,
"""

# Line 3 has an invalid time and line 4 too few fields.
BAD_LOG = """id,caller,time,category
c1,p1,2026-11-02T10:00:00Z,refill
c2,p1,not a time,refill
c3,p1
c4,p1,2026-11-03T10:00:00Z,refill
"""


def export_reader():
    """A reader over the ServiceNow export with the README's mapping."""
    reader = fcr.ContactReader(str(EXPORT))
    for field, column in [("id", "number"), ("caller", "caller_id"), ("time", "opened_at"),
                          ("agent", "assigned_to"), ("outcome", "closed_code")]:
        reader.map(field, column)
    reader.set_time_format("%d-%m-%Y %H:%M")
    reader.set_missing("?")
    return reader


def test_export_matches_cli_report():
    with fcr.Metrics() as metrics, export_reader() as reader:
        metrics.set_window("24h")
        assert reader.add_to(metrics) == 5998
        metrics.finish()
        total = metrics.groups()[0]
        assert total.contacts == 5998
        assert total.resolved + total.repeated == 470
        assert (total.resolved, total.repeated) == (379, 91)
        assert total.provisional == 420
        assert metrics.excluded("duplicate") == 5108
        assert metrics.data_end.isoformat() == "2016-03-02T15:33:00+00:00"


def test_next_reads_contacts():
    reader = fcr.ContactReader.from_string(SMALL_LOG, name="small.csv")
    contacts = list(reader)
    assert [contact.id for contact in contacts] == ["c1", "c2", "c3", "c4", "c5"]
    third = contacts[2]
    assert third.caller == "p2"
    assert third.at.isoformat() == "2026-11-03T11:00:00+00:00"
    assert (third.direction, third.category, third.agent) == ("inbound", "clinical_question", "ann")
    assert (third.outcome, third.target) == ("escalated", "nurse_triage")
    assert contacts[3].direction == "outbound"
    assert contacts[3].outcome == "none"
    assert contacts[3].target is None
    assert reader.line == 6
    assert reader.next() is None


def test_contact_repr_leaves_caller_out():
    contact = fcr.ContactReader.from_string(SMALL_LOG).next()
    text = repr(contact)
    assert text == ('<fcr.Contact id="c1" at=2026-11-02T10:00:00Z direction=inbound '
                    'category=refill outcome=resolved>')
    assert "p1" not in text


def test_feed_counts_batches():
    metrics = fcr.Metrics()
    reader = fcr.ContactReader.from_string(SMALL_LOG)
    assert reader.feed(metrics, 2) == 2
    assert reader.feed(metrics, 2) == 2
    assert reader.feed(metrics, 2) == 1
    assert reader.feed(metrics, 2) == 0
    metrics.finish()
    assert metrics.groups()[0].contacts == 5


def test_bad_row_raises_with_line():
    reader = fcr.ContactReader.from_string(BAD_LOG, name="bad.csv")
    assert reader.next().id == "c1"
    with pytest.raises(fcr.ParseError) as raised:
        reader.next()
    assert str(raised.value).startswith("bad.csv: line 3, column 7 (time):")
    assert raised.value.line == 3
    assert raised.value.field == "time"
    with pytest.raises(fcr.RecordError, match="bad.csv: line 4: the row has 2 fields"):
        reader.next()
    assert reader.next().id == "c4"
    assert reader.next() is None


def test_add_to_stops_at_bad_row():
    metrics = fcr.Metrics()
    reader = fcr.ContactReader.from_string(BAD_LOG, name="bad.csv")
    with pytest.raises(fcr.ParseError, match="line 3") as raised:
        reader.add_to(metrics)
    assert raised.value.line == 3
    metrics.finish()
    assert metrics.groups()[0].contacts == 1


def test_add_to_skips_with_on_error():
    metrics = fcr.Metrics()
    errors = []
    reader = fcr.ContactReader.from_string(BAD_LOG, name="bad.csv")
    assert reader.add_to(metrics, on_error=errors.append) == 2
    assert [error.line for error in errors] == [3, 4]
    assert [type(error) for error in errors] == [fcr.ParseError, fcr.RecordError]
    metrics.finish()
    assert metrics.groups()[0].contacts == 2


def test_missing_column_stops_reader():
    errors = []
    reader = fcr.ContactReader.from_string(SMALL_LOG, name="small.csv")
    reader.map("agent", "assigned_to")
    assert reader.add_to(fcr.Metrics(), on_error=errors.append) == 0
    assert len(errors) == 1
    assert isinstance(errors[0], fcr.NotFoundError)
    assert "assigned_to" in str(errors[0])
    assert reader.next() is None


def test_reader_setting_errors():
    reader = fcr.ContactReader.from_string(SMALL_LOG)
    with pytest.raises(fcr.InvalidArgumentError, match="unknown contact field 'phone'"):
        reader.map("phone", "number")
    with pytest.raises(fcr.InvalidArgumentError):
        reader.set_time_format("%Q")
    with pytest.raises(fcr.NotFoundError):
        reader.set_time_zone("Mars/Olympus_Mons")
    reader.set_time_zone("America/New_York")
    reader.next()
    with pytest.raises(fcr.StateError):
        reader.set_missing("?")


def test_time_zone_from_reader_and_policy():
    log = "id,caller,time\nc1,p1,2026-11-02 10:00\n"
    reader = fcr.ContactReader.from_string(log)
    reader.set_time_format("%Y-%m-%d %H:%M")
    reader.set_time_zone("-05:00")
    assert reader.next().at.isoformat() == "2026-11-02T15:00:00+00:00"
    policy = fcr.Policy.load('{"format": "fcr.policy/1", "office": {"time_zone": "-05:00"}}')
    reader = fcr.ContactReader.from_string(log, policy)
    reader.set_time_format("%Y-%m-%d %H:%M")
    assert reader.next().at.isoformat() == "2026-11-02T15:00:00+00:00"


def test_missing_file():
    with pytest.raises(fcr.FileError, match="no-such-log.csv"):
        fcr.ContactReader(str(SOURCE_DIR / "no-such-log.csv"))


def test_feed_errors():
    reader = fcr.ContactReader.from_string(SMALL_LOG)
    metrics = fcr.Metrics()
    with pytest.raises(fcr.InvalidArgumentError, match="max_rows"):
        reader.feed(metrics, 0)
    metrics.close()
    with pytest.raises(fcr.StateError, match="the Metrics is closed"):
        reader.feed(metrics)


def test_rejected_contact_raises_with_line():
    metrics = fcr.Metrics()
    metrics.set_order("sorted")
    log = ("id,caller,time\nc1,p1,2026-11-02T10:00:00Z\nc2,p1,2026-11-03T10:00:00Z\n"
           "c3,p1,2026-11-01T10:00:00Z\n")
    reader = fcr.ContactReader.from_string(log)
    # The two contacts before the rejected one are counted by the first
    # call, and the next call raises.
    assert reader.feed(metrics) == 2
    with pytest.raises(fcr.InvalidArgumentError) as raised:
        reader.feed(metrics)
    assert raised.value.line == 4
    assert reader.feed(metrics) == 0


def test_closed_reader_raises():
    with fcr.ContactReader.from_string(SMALL_LOG) as reader:
        pass
    assert reader.closed()
    reader.close()
    assert repr(reader) == "<fcr.ContactReader closed>"
    with pytest.raises(fcr.StateError, match="the ContactReader is closed"):
        reader.next()
    with pytest.raises(fcr.StateError, match="the ContactReader is closed"):
        reader.line


def test_results_of_small_log():
    metrics = fcr.Metrics()
    metrics.keep_results()
    fcr.ContactReader.from_string(SMALL_LOG).add_to(metrics)
    metrics.finish()
    results = {result.id: result for result in metrics.take_results()}
    assert sorted(results) == ["c1", "c2", "c3", "c4", "c5"]
    assert (results["c1"].result, results["c1"].repeat_id) == ("repeated", "c2")
    assert results["c2"].is_repeat
    assert results["c2"].result == "resolved"
    assert (results["c4"].result, results["c4"].exclusion) == ("excluded", "outbound")
    assert results["c4"].window_end is None
    assert results["c5"].result == "provisional"
    assert (results["c3"].target, results["c3"].outcome) == ("nurse_triage", "escalated")
    assert results["c1"].category == "refill"
    assert results["c1"].agent == "ann"
    assert results["c1"].merged_into is None
    assert repr(results["c1"]) == ('<fcr.ContactResult id="c1" at=2026-11-02T10:00:00Z '
                                   'result=repeated exclusion=none repeat_id="c2">')
    assert metrics.take_results() == []


def test_results_from_calls(example_calls):
    metrics = fcr.Metrics()
    metrics.keep_results()
    for call in fcr.read_calls(str(example_calls)):
        metrics.add_call(call)
    metrics.finish()
    results = metrics.take_results()
    assert len(results) == metrics.groups()[0].contacts
    assert all("/" in result.id or result.exclusion != "none" for result in results)


def test_results_while_sorted():
    # In time order, results come while contacts are added, at most 64
    # contacts after their window ends; finish() passes the rest.
    metrics = fcr.Metrics()
    metrics.set_order("sorted")
    metrics.set_window("1h")
    metrics.keep_results()
    for day in range(1, 29):
        for hour in range(10, 15):
            metrics.add_contact(f"c{day:02}-{hour}", f"pk-{hour}", f"2026-11-{day:02}T{hour}:00:00Z")
    early = metrics.take_results()
    metrics.finish()
    late = metrics.take_results()
    assert len(early) > 0
    assert len(early) + len(late) == 140
    assert early[0].id == "c01-10"


def test_results_errors():
    metrics = fcr.Metrics()
    with pytest.raises(fcr.StateError, match="keep_results"):
        metrics.take_results()
    metrics.keep_results(False)
    metrics.add_contact("a", "pk-1", "2026-11-02T10:00:00Z")
    with pytest.raises(fcr.StateError):
        metrics.keep_results()


def test_results_outlive_metrics():
    metrics = fcr.Metrics()
    metrics.keep_results()
    metrics.add_contact("a", "pk-1", "2026-11-02T10:00:00Z")
    metrics.finish()
    results = metrics.take_results()
    metrics.close()
    del metrics
    gc.collect()
    assert results[0].id == "a"


def test_kept_results_freed_with_metrics():
    for _ in range(50):
        metrics = fcr.Metrics()
        metrics.keep_results()
        fcr.ContactReader.from_string(SMALL_LOG).add_to(metrics)
        metrics.finish()
        del metrics
    gc.collect()


def test_results_missing_values_are_none():
    metrics = fcr.Metrics()
    metrics.keep_results()
    metrics.add_contact("bare", "pk-1", "2026-11-02T10:00:00Z")
    metrics.finish()
    [result] = metrics.take_results()
    assert result.category is None
    assert result.agent is None
    assert result.target is None
    assert result.repeat_id is None
    assert repr(result) == ('<fcr.ContactResult id="bare" at=2026-11-02T10:00:00Z '
                            'result=provisional exclusion=none repeat_id=None>')


def test_contact_repr_shows_none():
    contact = fcr.ContactReader.from_string("id,caller,time\nc1,p1,2026-11-02T10:00:00Z\n").next()
    assert contact.category is None
    assert repr(contact) == ('<fcr.Contact id="c1" at=2026-11-02T10:00:00Z direction=inbound '
                             'category=None outcome=none>')
