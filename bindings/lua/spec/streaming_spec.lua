-- SPDX-License-Identifier: MIT
-- Streaming: fcr.read_calls(), Reader, fcr.score_file() and fcr.score_records().
local fcr = require "fcr"
local support = require "spec.support"

local bad_category = '{"format":"fcr.call/1","id":"call-bad","started_at":"2026-11-10T14:00:00Z",'
  .. '"events":[{"type":"concern_stated","at":"2026-11-10T14:00:10Z","concern":"c1",'
  .. '"category":"astrology","request":"x"}]}'

local function ids_of(iterator, ...)
  local ids = {}
  for item in iterator, ... do
    ids[#ids + 1] = item.id or item.call_id
  end
  return ids
end

local function example_lines()
  return support.lines(support.example_calls)
end

local function mixed_file(lines)
  return support.write_lines(support.temporary_path(".jsonl"), lines)
end

describe("streaming", function()
  it("read_calls yields every record", function()
    local ids = ids_of(fcr.read_calls(support.example_calls))
    assert.are.same({"call-0001", "call-0002", "call-0003", "call-0004",
                     "call-0005", "call-0006", "call-0007", "call-0008"}, ids)
  end)

  it("read_calls raises on an invalid record", function()
    local lines = example_lines()
    local path = mixed_file({lines[1], lines[2], bad_category, lines[3]})
    local seen = {}
    local err = support.error_of(function()
      for call in fcr.read_calls(path) do
        seen[#seen + 1] = call.id
      end
    end)
    assert.are.same({"call-0001", "call-0002"}, seen)
    assert.are.equal("record", err.kind)
    assert.matches("record 3", err.message, 1, true)
    os.remove(path)
  end)

  it("read_calls skips an invalid record with on_error", function()
    local lines = example_lines()
    local path = mixed_file({lines[1], bad_category, lines[2]})
    local errors = {}
    local ids = ids_of(fcr.read_calls(path, {on_error = function(err) errors[#errors + 1] = err end}))
    assert.are.same({"call-0001", "call-0002"}, ids)
    assert.are.equal(1, #errors)
    assert.are.equal("record", errors[1].kind)
    os.remove(path)
  end)

  it("malformed JSON ends the stream", function()
    local path = mixed_file({example_lines()[1], '{"format": "fcr.call/1", "id": '})
    local errors = {}
    local ids = ids_of(fcr.read_calls(path, {on_error = function(err) errors[#errors + 1] = err.kind end}))
    assert.are.same({"call-0001"}, ids)
    assert.are.same({"parse"}, errors)
    os.remove(path)
  end)

  it("reader reports its position", function()
    local reader = fcr.Reader(support.example_calls)
    assert.are.equal(0, reader.record)
    local call = reader:next()
    assert.are.equal("call-0001", call.id)
    assert.are.equal(1, reader.record)
    assert.are.equal(1, reader.line)
    reader:close()
  end)

  it("reader over a string", function()
    local text = support.read_file(support.example_calls)
    local reader = fcr.Reader.from_string(text, nil, "live", "inline")
    local call = reader:next()
    assert.are.equal("live", call.mode)
  end)

  it("score_file matches each call's score", function()
    local batch = {}
    for card in fcr.score_file(support.example_calls, {batch_size = 3}) do
      batch[#batch + 1] = card.call_id .. "=" .. card.score
    end
    local single = {}
    for call in fcr.read_calls(support.example_calls) do
      single[#single + 1] = call.id .. "=" .. call:score().score
    end
    assert.are.same(single, batch)
  end)

  it("score_records takes JSON strings", function()
    local lines = example_lines()
    assert.are.same({"call-0001", "call-0002"}, ids_of(fcr.score_records({lines[1], lines[2]})))
  end)

  it("score_file with on_error", function()
    local lines = example_lines()
    local path = mixed_file({bad_category, lines[1]})
    assert.are.equal("record", support.error_of(function()
      for _ in fcr.score_file(path) do end
    end).kind)
    local errors = 0
    local ids = ids_of(fcr.score_file(path, {on_error = function() errors = errors + 1 end}))
    assert.are.same({"call-0001"}, ids)
    assert.are.equal(1, errors)
    os.remove(path)
  end)

  it("batch entries are 1-based and taken once", function()
    local reader = fcr.Reader(support.example_calls)
    local batch = reader:score_batch(4)
    assert.are.equal(4, batch.count)
    assert.are.equal("call-0001", batch:take(1).call_id)
    assert.are.equal("state", support.error_of(batch.take, batch, 1).kind)
    assert.are.equal("invalid_argument", support.error_of(batch.take, batch, 5).kind)
    assert.are.equal("invalid_argument", support.error_of(batch.take, batch, 0).kind)
    reader:close()
  end)

  it("strict reading rejects a misspelt field", function()
    local misspelt = '{"format":"fcr.call/1","id":"call-typo","started_at":"2026-11-10T14:00:00Z",'
      .. '"events":[{"type":"concern_stated","at":"2026-11-10T14:00:10Z","concern":"c1",'
      .. '"category":"scheduling","request":"x"},{"type":"concern_restated",'
      .. '"at":"2026-11-10T14:00:20Z","concern":"c1","confirmd":true}]}'
    local path = mixed_file({misspelt, example_lines()[1]})

    assert.are.same({"call-typo", "call-0001"}, ids_of(fcr.read_calls(path)))
    local errors = {}
    local strict = ids_of(fcr.read_calls(path, {strict = true, on_error = function(err)
      errors[#errors + 1] = err
    end}))
    assert.are.same({"call-0001"}, strict)
    assert.are.equal(1, #errors)
    assert.are.equal("record", errors[1].kind)
    assert.are.equal("events[1].confirmd", errors[1].field)
    assert.matches('did you mean "confirmed"?', errors[1].message, 1, true)

    local err = support.error_of(function()
      for _ in fcr.score_file(path, {strict = true}) do end
    end)
    assert.are.equal("record", err.kind)
    err = support.error_of(function()
      for _ in fcr.score_records({misspelt}, {strict = true}) do end
    end)
    assert.are.equal("record", err.kind)
    err = support.error_of(fcr.read_calls, path, {strict = "yes"})
    assert.are.equal("invalid_argument", err.kind)
    os.remove(path)
  end)
end)
