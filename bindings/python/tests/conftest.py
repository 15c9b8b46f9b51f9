# SPDX-License-Identifier: MIT
"""Shared fixtures of the Python binding tests.

CTest runs them with PYTHONPATH at the build tree's bindings/python and
FCR_SOURCE_DIR at the source tree, which contains tests/vectors
and examples/data.
"""
import os
import pathlib

import pytest

SOURCE_DIR = pathlib.Path(
    os.environ.get("FCR_SOURCE_DIR", pathlib.Path(__file__).resolve().parents[3]))
VECTORS_DIR = SOURCE_DIR / "tests" / "vectors"
EXAMPLE_CALLS = SOURCE_DIR / "examples" / "data" / "calls.jsonl"

START = "2026-11-10T14:00:00Z"


def vector_names():
    if not VECTORS_DIR.is_dir():
        return []
    return sorted(path.parent.name for path in VECTORS_DIR.glob("*/call.json"))


@pytest.fixture
def example_calls():
    return EXAMPLE_CALLS


def guard_events():
    """The one-concern call of the C guard tests, as Event arguments."""
    return [
        dict(type="concern_stated", at="2026-11-10T14:00:10Z", concern="c1",
             category="scheduling", request="Reschedule my follow-up"),
        dict(type="concern_restated", at="2026-11-10T14:00:20Z", concern="c1", confirmed=True),
        dict(type="identity_verified", at="2026-11-10T14:00:30Z",
             identifiers=["name", "date_of_birth"]),
        dict(type="authority_checked", at="2026-11-10T14:00:40Z", concern="c1",
             tools_available=True),
        dict(type="resolved", at="2026-11-10T14:01:00Z", concern="c1",
             action="Moved the visit to Tuesday"),
        dict(type="recap_given", at="2026-11-10T14:02:00Z"),
        dict(type="anything_else_asked", at="2026-11-10T14:02:10Z", answer="no"),
        dict(type="call_ended", at="2026-11-10T14:02:30Z"),
        dict(type="documented", at="2026-11-10T14:04:00Z"),
    ]


@pytest.fixture
def live_call():
    import fcr
    call = fcr.Call("call-1", START, mode="live")
    call.set_agent("agent-1", "front_desk")
    yield call
    call.close()
