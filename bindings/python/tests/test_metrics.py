# SPDX-License-Identifier: MIT
"""FCR metrics over calls and contacts."""
import json

import pytest

import fcr

END = "2026-12-31T00:00:00Z"


def test_metrics_over_example_calls(example_calls):
    with fcr.Metrics() as metrics:
        metrics.set_data_end(END)
        concerns = 0
        for call in fcr.read_calls(str(example_calls)):
            concerns += call.concern_count
            metrics.add_call(call)
        metrics.finish()

        total = metrics.groups()[0]
        assert (total.breakdown, total.name) == ("total", "total")
        assert total.contacts == concerns
        assert total.provisional == 0
        assert total.repeated == 0
        assert total.excluded == metrics.excluded("no_caller")
        assert total.resolved == total.contacts - total.excluded
        assert total.fcr_rate == 1.0
        assert [group.name for group in metrics.groups("agent")] == ["agent-17", "agent-22", "agent-31"]
        assert metrics.item_calls("identity_verified", "met") > 0
        assert metrics.data_end is not None
        report = json.loads(metrics.write("json"))
        assert report["format"] == "fcr.metrics/1"
        assert metrics.write("csv").count("\n") >= 2


def test_repeat_contact_counts():
    metrics = fcr.Metrics()
    metrics.set_window("7d")
    metrics.set_data_end(END)
    metrics.add_contact("a", "pk-1", "2026-11-02T10:00:00Z", category="refill", agent="agent-1")
    metrics.add_contact("b", "pk-1", "2026-11-04T10:00:00Z", category="refill", agent="agent-2",
                        outcome="escalated", target="nurse_triage")
    metrics.add_contact("c", "pk-2", "2026-11-04T11:00:00Z", category="billing",
                        direction="outbound")
    metrics.finish()
    total = metrics.groups("total")[0]
    assert total.contacts == 3
    assert total.repeated == 1
    assert total.repeat_contacts == 1
    assert metrics.excluded("outbound") == 1
    assert repr(total).startswith('<fcr.MetricsGroup total="total" contacts=3')


def test_rate_none_without_final_contacts():
    metrics = fcr.Metrics()
    metrics.add_contact("a", None, "2026-11-02T10:00:00Z")
    metrics.finish()
    total = metrics.groups()[0]
    assert total.fcr_rate is None
    assert metrics.excluded("no_caller") == 1


def test_metrics_errors():
    metrics = fcr.Metrics()
    with pytest.raises(fcr.InvalidArgumentError):
        metrics.set_window("a fortnight")
    with pytest.raises(fcr.InvalidArgumentError, match="breakdown"):
        metrics.groups("weekday")
    metrics.add_contact("a", "pk-1", "2026-11-02T10:00:00Z")
    with pytest.raises(fcr.StateError):
        metrics.set_window("3d")
    with pytest.raises(fcr.StateError):
        metrics.write()
    metrics.finish()
    with pytest.raises(fcr.StateError):
        metrics.finish()
    metrics.close()
    with pytest.raises(fcr.StateError, match="the Metrics is closed"):
        metrics.groups()


def test_group_final_counts():
    metrics = fcr.Metrics()
    metrics.set_window("7d")
    metrics.set_data_end("2026-11-30T00:00:00Z")
    metrics.add_contact("a", "pk-1", "2026-11-02T10:00:00Z", category="refill", agent="agent-1")
    metrics.add_contact("b", "pk-1", "2026-11-04T10:00:00Z", category="refill", agent="agent-2")
    metrics.add_contact("c", "pk-2", "2026-11-04T11:00:00Z", category="billing", agent="agent-1")
    metrics.add_contact("d", "pk-3", "2026-11-28T11:00:00Z", category="billing", agent="agent-1")
    metrics.finish()
    total = metrics.groups()[0]
    assert (total.resolved, total.repeated, total.provisional) == (2, 1, 1)
    assert total.final == 3
    assert total.fcr_rate == pytest.approx(2 / 3)
    by_agent = {group.name: group.final for group in metrics.groups("agent")}
    assert by_agent == {"agent-1": 2, "agent-2": 1}


def test_breakdowns_on_by_default():
    metrics = fcr.Metrics()
    metrics.add_contact("a", "pk-1", "2026-11-02T10:00:00Z", category="refill", agent="agent-1",
                        outcome="escalated", target="nurse_triage")
    metrics.finish()
    for breakdown in ("agent", "category", "target"):
        assert len(metrics.groups(breakdown)) == 1
    metrics = fcr.Metrics()
    metrics.set_breakdown("agent", False)
    metrics.add_contact("a", "pk-1", "2026-11-02T10:00:00Z", agent="agent-1")
    metrics.finish()
    assert metrics.groups("agent") == []
