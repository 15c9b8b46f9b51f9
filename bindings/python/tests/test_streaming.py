# SPDX-License-Identifier: MIT
"""Streaming: read_calls(), Reader, score_file(), score_records(), and the
GIL released while a batch is scored."""
import threading
import time

import pytest

import fcr

BAD_CATEGORY = ('{"format":"fcr.call/1","id":"call-bad","started_at":"2026-11-10T14:00:00Z",'
                '"events":[{"type":"concern_stated","at":"2026-11-10T14:00:10Z",'
                '"concern":"c1","category":"astrology","request":"x"}]}')


def example_lines(example_calls):
    return example_calls.read_text("utf-8").splitlines()


def test_read_calls_yields_every_record(example_calls):
    ids = [call.id for call in fcr.read_calls(str(example_calls))]
    assert ids == [f"call-000{n}" for n in range(1, 9)]


def test_read_calls_in_live_mode(example_calls):
    for call in fcr.read_calls(str(example_calls), mode="live", on_error=lambda error: None):
        assert call.mode == "live"


def write_lines(path, lines):
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return str(path)


def test_invalid_record_raises_by_default(tmp_path, example_calls):
    lines = example_lines(example_calls)
    path = write_lines(tmp_path / "mixed.jsonl", lines[:2] + [BAD_CATEGORY] + lines[2:4])
    seen = []
    with pytest.raises(fcr.RecordError) as info:
        for call in fcr.read_calls(path):
            seen.append(call.id)
    assert seen == ["call-0001", "call-0002"]
    assert "record 3" in str(info.value)


def test_invalid_record_skipped_with_on_error(tmp_path, example_calls):
    lines = example_lines(example_calls)
    path = write_lines(tmp_path / "mixed.jsonl", lines[:2] + [BAD_CATEGORY] + lines[2:4])
    errors = []
    ids = [call.id for call in fcr.read_calls(path, on_error=errors.append)]
    assert ids == ["call-0001", "call-0002", "call-0003", "call-0004"]
    assert [error.kind for error in errors] == ["record"]


def test_malformed_json_ends_stream(tmp_path, example_calls):
    lines = example_lines(example_calls)
    path = write_lines(tmp_path / "broken.jsonl", lines[:1] + ['{"format": "fcr.call/1", "id": '] )
    errors = []
    ids = [call.id for call in fcr.read_calls(path, on_error=errors.append)]
    assert ids == ["call-0001"]
    assert [error.kind for error in errors] == ["parse"]


def test_reader_iteration_and_position(example_calls):
    with fcr.Reader(str(example_calls)) as reader:
        assert reader.record == 0
        first = next(reader)
        assert first.id == "call-0001"
        assert (reader.record, reader.line) == (1, 1)
        rest = list(reader)
        assert len(rest) == 7
        assert reader.next() is None
    assert reader.closed()


def test_reader_from_string_copies_data(example_calls):
    text = example_calls.read_text("utf-8")
    reader = fcr.Reader.from_string(text, name="inline")
    del text
    assert len(list(reader)) == 8


def test_generator_closes_reader_when_dropped(example_calls):
    calls = fcr.read_calls(str(example_calls))
    assert next(calls).id == "call-0001"
    calls.close()
    with pytest.raises(StopIteration):
        next(calls)


def test_score_file_matches_call_score(example_calls):
    batch_scores = [(card.call_id, card.score) for card in fcr.score_file(str(example_calls), batch_size=3)]
    single_scores = [(call.id, call.score().score) for call in fcr.read_calls(str(example_calls))]
    assert batch_scores == single_scores


def test_score_records_takes_str_and_bytes(example_calls):
    lines = example_lines(example_calls)
    records = [lines[0], lines[1].encode("utf-8")]
    assert [card.call_id for card in fcr.score_records(records)] == ["call-0001", "call-0002"]


def test_score_file_on_error(tmp_path, example_calls):
    lines = example_lines(example_calls)
    path = write_lines(tmp_path / "mixed.jsonl", [BAD_CATEGORY] + lines[:2])
    with pytest.raises(fcr.RecordError):
        list(fcr.score_file(path))
    errors = []
    ids = [card.call_id for card in fcr.score_file(path, on_error=errors.append)]
    assert ids == ["call-0001", "call-0002"]
    assert len(errors) == 1


def test_score_batch_entries_taken_once(example_calls):
    with fcr.Reader(str(example_calls)) as reader:
        batch = reader.score_batch(4)
        assert batch.count == 4
        assert batch.take(0).call_id == "call-0001"
        with pytest.raises(fcr.StateError):
            batch.take(0)
        with pytest.raises(fcr.InvalidArgumentError):
            batch.take(4)
        with pytest.raises(fcr.InvalidArgumentError):
            reader.score_batch(0)


def test_batch_scoring_releases_gil(tmp_path, example_calls):
    """A thread that only runs Python code keeps running while the main
    thread is inside score_batch(), which it could not if the GIL were held."""
    lines = example_lines(example_calls)
    path = write_lines(tmp_path / "many.jsonl", lines * 1250)
    ticks = []
    stop = threading.Event()

    def spin():
        while not stop.is_set():
            ticks.append(time.perf_counter())

    with fcr.Reader(path) as reader:
        spinner = threading.Thread(target=spin)
        spinner.start()
        time.sleep(0.02)
        started = time.perf_counter()
        batch = reader.score_batch(10_000)
        ended = time.perf_counter()
        stop.set()
        spinner.join()

    assert batch.count == 10_000
    margin = (ended - started) / 4
    inside = [tick for tick in ticks if started + margin < tick < ended - margin]
    assert len(inside) > 100, f"{len(inside)} ticks in a {ended - started:.3f} s batch"


def test_busy_reader_refuses_close(tmp_path, example_calls):
    """close() from another thread raises while a batch runs, and works
    once the batch is done."""
    lines = example_lines(example_calls)
    path = write_lines(tmp_path / "many.jsonl", lines * 1250)
    reader = fcr.Reader(path)
    started = threading.Event()
    results = []

    def score():
        started.set()
        results.append(reader.score_batch(10_000).count)

    worker = threading.Thread(target=score)
    worker.start()
    started.wait()
    time.sleep(0.05)
    with pytest.raises(fcr.StateError, match="in use by another thread"):
        reader.close()
    worker.join()
    assert results == [10_000]
    reader.close()
    assert reader.closed()


MISSPELT = ('{"format":"fcr.call/1","id":"call-typo","started_at":"2026-11-10T14:00:00Z",'
            '"events":[{"type":"concern_stated","at":"2026-11-10T14:00:10Z",'
            '"concern":"c1","category":"scheduling","request":"x"},'
            '{"type":"concern_restated","at":"2026-11-10T14:00:20Z",'
            '"concern":"c1","confirmd":true}]}')


def test_strict_reader_rejects_misspelt_field(tmp_path, example_calls):
    path = tmp_path / "typo.jsonl"
    path.write_text(MISSPELT + "\n" + example_lines(example_calls)[0] + "\n", "utf-8")
    assert [call.id for call in fcr.read_calls(str(path))][0] == "call-typo"

    errors = []
    calls = list(fcr.read_calls(str(path), strict=True, on_error=errors.append))
    assert len(calls) == 1
    assert len(errors) == 1
    assert isinstance(errors[0], fcr.RecordError)
    assert errors[0].field == "events[1].confirmd"
    assert 'did you mean "confirmed"?' in errors[0].message


def test_strict_score_file_and_reader(tmp_path):
    path = tmp_path / "typo.jsonl"
    path.write_text(MISSPELT + "\n", "utf-8")
    with pytest.raises(fcr.RecordError, match='did you mean "confirmed"'):
        list(fcr.score_file(str(path), strict=True))
    with pytest.raises(fcr.RecordError, match='did you mean "confirmed"'):
        list(fcr.score_records([MISSPELT], strict=True))
    with fcr.Reader(str(path), strict=True) as reader, pytest.raises(fcr.RecordError):
        reader.next()
    with fcr.Reader.from_string(MISSPELT, strict=False) as reader:
        assert reader.next().id == "call-typo"
    assert len(list(fcr.score_file(str(path)))) == 1
