# SPDX-License-Identifier: MIT
"""Handles are freed exactly once, by close() or by the garbage collector,
and library strings are copied and freed: memory stays flat."""
import gc
import importlib.util
import os
import pathlib
import weakref

import pytest

import fcr
from conftest import START, VECTORS_DIR, guard_events

HANDLES = {
    "Policy": lambda: fcr.Policy(),
    "Event": lambda: fcr.Event("documented", START),
    "Call": lambda: fcr.Call("call-1", START),
    "Scorecard": lambda: fcr.Call("call-1", START).score(),
    "Guidance": lambda: fcr.Call("call-1", START).guidance(),
}


@pytest.mark.parametrize("name", sorted(HANDLES))
def test_close_twice_then_use_raises(name):
    handle = HANDLES[name]()
    assert not handle.closed()
    handle.close()
    handle.close()
    assert handle.closed()
    assert repr(handle) == f"<fcr.{name} closed>"
    with pytest.raises(fcr.StateError, match=f"the {name} is closed"):
        handle.__getattribute__({
            "Policy": "time_zone", "Event": "type", "Call": "step",
            "Scorecard": "score", "Guidance": "step"}[name])


@pytest.mark.parametrize("name", sorted(HANDLES))
def test_context_manager_closes(name):
    with HANDLES[name]() as handle:
        assert not handle.closed()
    assert handle.closed()


def test_every_handle_has_closed_method():
    """closed() is a method, not a property, on all ten handle classes."""
    handles = [fcr.Policy(), fcr.Event("documented", START), fcr.Call("call-1", START),
               fcr.Call("call-2", START).score(), fcr.Call("call-3", START).guidance(),
               fcr.Reader.from_string(""), fcr.Metrics(), fcr.Transcript("call-4"), fcr.Rules(),
               fcr.ContactReader.from_string("id,caller,time\n")]
    for handle in handles:
        assert callable(handle.closed), type(handle).__name__
        assert handle.closed() is False, type(handle).__name__
        handle.close()
        assert handle.closed() is True, type(handle).__name__


def test_closed_call_rejects_every_method():
    call = fcr.Call("call-1", START)
    call.close()
    for method, args in [("append", (guard_events()[0],)), ("score", ()), ("guidance", ()),
                         ("note", ()), ("recap", ()), ("to_json", ()),
                         ("set_agent", ("a", "front_desk")), ("find_concern", ("c1",))]:
        with pytest.raises(fcr.StateError):
            getattr(call, method)(*args)
    with pytest.raises(fcr.StateError):
        call.events


def test_closed_event_cannot_be_appended():
    event = fcr.Event("open_question_asked", START)
    event.close()
    with fcr.Call("call-1", START) as call:
        with pytest.raises(fcr.StateError, match="the Event is closed"):
            call.append(event)


def test_policy_closed_while_call_uses_it():
    """Calls hold their own reference to the policy."""
    policy = fcr.Policy()
    call = fcr.Call("call-1", START, policy=policy)
    policy.close()
    call.append(guard_events()[0])
    assert call.score().scored
    call.close()


def test_results_outlive_the_call(live_call):
    for event in guard_events()[:5]:
        live_call.append(event)
    card = live_call.score()
    guidance = live_call.guidance()
    events = live_call.events
    concerns = live_call.concerns
    live_call.close()
    assert card.call_id == "call-1"
    assert guidance.step == "act"
    assert guidance.missing == []
    assert events[4].get("action") == "Moved the visit to Tuesday"
    assert concerns[0].outcome == "resolved"
    assert card.write("csv").startswith("call-1,")


def test_garbage_collector_frees_proxies():
    call = fcr.Call("call-1", START)
    ref = weakref.ref(call)
    del call
    gc.collect()
    assert ref() is None


def test_iterating_call_and_scorecard(live_call):
    for event in guard_events():
        live_call.append(event)
    assert [event.type for event in live_call] == [event["type"] for event in guard_events()]
    with live_call.score() as card:
        assert len(card) == 8
        assert [item.id for item in card] == fcr.item_ids()
        assert card["identity_verified"].result == "met"


def load_bench():
    path = pathlib.Path(__file__).resolve().parents[1] / "bench_memory.py"
    spec = importlib.util.spec_from_file_location("bench_memory", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def under_asan():
    return "libasan" in os.environ.get("LD_PRELOAD", "")


@pytest.mark.skipif(not (VECTORS_DIR / "reference").is_dir(), reason="no reference vector")
@pytest.mark.parametrize("close", [True, False], ids=["close", "gc"])
def test_memory_flat_over_rounds(close):
    """20,000 create-score-free rounds: no Python objects or C memory left
    behind. bench_memory.py runs the same rounds at 100,000."""
    figures = load_bench().measure(20_000, close=close)
    assert figures["traced_end_bytes"] - figures["traced_start_bytes"] < 64 * 1024
    if not under_asan():  # ASan's quarantine keeps freed memory, so RSS grows there
        assert figures["rss_end_kib"] - figures["rss_start_kib"] < 2048
