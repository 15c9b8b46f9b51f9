-- SPDX-License-Identifier: MIT
-- Every failing libfcr status raises an fcr.Error object with the same kind,
-- status and message the Python binding raises.
local fcr = require "fcr"
local support = require "spec.support"

local record = '{"format":"fcr.call/1","id":"call-9","started_at":"2026-11-10T14:00:00Z",'
  .. '"events":[{"type":"concern_stated","at":"2026-11-10T14:00:10Z","concern":"c1",'
  .. '"category":"%s","request":"Refill"}]}'

local function check(err, status, kind)
  assert.are.equal(fcr.Error, getmetatable(err))
  assert.are.equal(status, err.status)
  assert.are.equal(kind, err.kind)
  assert.are.equal(err.message, tostring(err))
  assert.is_true(#err.message > 0)
end

describe("errors", function()
  it("invalid mode name", function()
    local err = support.error_of(fcr.Call, "call-1", support.start, "recorded")
    check(err, -1, "invalid_argument")
    assert.matches("live, replay", err.message, 1, true)
  end)

  it("invalid concern id names the field", function()
    local event = fcr.Event("resolved", support.start)
    local err = support.error_of(function() event.concern = "c 1" end)
    check(err, -1, "invalid_argument")
    assert.are.equal("concern", err.field)
  end)

  it("parse error with line and column", function()
    local err = support.error_of(fcr.Call.from_json, '{"format": "fcr.call/1",\n  "id": bad}', nil,
                                 "replay", "bad.json")
    check(err, -3, "parse")
    assert.are.equal(2, err.line)
    assert.are.equal(9, err.column)
    assert.are.equal("integer", math.type and math.type(err.line) or "integer")
  end)

  it("record error names the field", function()
    local err = support.error_of(fcr.Call.from_json, record:format("astrology"))
    check(err, -4, "record")
    assert.are.equal("events[0]", err.field:sub(1, 9))
  end)

  it("workflow rejection leaves the call unchanged", function()
    local call = support.live_call()
    call:append(support.guard_events()[1])
    local before = call:to_json()
    local err = support.error_of(call.append, call, {type = "resolved", at = "2026-11-10T14:01:00Z",
                                                     concern = "c1", action = "SECRET-ACTION-TEXT"})
    check(err, -5, "workflow")
    assert.matches("Restate concern c1", err.message, 1, true)
    assert.is_nil(err.message:find("SECRET", 1, true))
    assert.are.equal(before, call:to_json())
    assert.are.equal(1, call.event_count)
  end)

  it("state error after the first event", function()
    local call = support.live_call()
    call:append(support.guard_events()[1])
    check(support.error_of(function() call.direction = "outbound" end), -6, "state")
  end)

  it("not found for an unknown event type and role", function()
    local err = support.error_of(fcr.Event, "call_transferred", support.start)
    check(err, -7, "not_found")
    assert.matches("open_question_asked", err.message, 1, true)
    local call = fcr.Call("call-1", support.start)
    check(support.error_of(call.set_agent, call, "agent-1", "janitor"), -7, "not_found")
  end)

  it("limit error over the event limit", function()
    local path = support.write_lines(support.temporary_path(".jsonl"),
      {(record:format("refill"):gsub("%]}$", ',{"type":"documented","at":"2026-11-10T14:05:00Z"}]}'))})
    local reader = fcr.Reader(path)
    reader:set_limit("events", 1)
    check(support.error_of(reader.next, reader), -8, "limit")
    reader:close()
    os.remove(path)
  end)

  it("file error for a missing file", function()
    check(support.error_of(fcr.Reader, "/nonexistent/calls.jsonl"), -9, "file")
    check(support.error_of(fcr.Policy.load_file, "/nonexistent/policy.json"), -9, "file")
  end)

  it("version error for a newer format", function()
    local err = support.error_of(fcr.Call.from_json, (record:format("refill"):gsub("fcr.call/1", "fcr.call/2")))
    check(err, -10, "version")
  end)

  it("rejects a NUL byte in text", function()
    local call = fcr.Call("call-1", support.start)
    local err = support.error_of(call.set_agent, call, "agent\0001", "front_desk")
    check(err, -1, "invalid_argument")
    assert.matches("NUL", err.message, 1, true)
  end)

  it("rejects a fractional or malformed instant", function()
    check(support.error_of(fcr.Call, "call-1", 1.5), -1, "invalid_argument")
    check(support.error_of(fcr.Call, "call-1", "yesterday"), -3, "parse")
    check(support.error_of(fcr.Call, "call-1", {}), -1, "invalid_argument")
    check(support.error_of(fcr.Call, "call-1", 0 / 0), -1, "invalid_argument")
    check(support.error_of(fcr.Call, "call-1", 1e300), -1, "invalid_argument")
  end)

  it("rejects a negative or huge count", function()
    local reader = fcr.Reader(support.example_calls)
    check(support.error_of(reader.score_batch, reader, -1), -1, "invalid_argument")
    check(support.error_of(reader.score_batch, reader, 2.5), -1, "invalid_argument")
    local batch = reader:score_batch(1)
    check(support.error_of(batch.take, batch, 1e300), -1, "invalid_argument")
    reader:close()
  end)

  it("wrong argument types raise SWIG's string errors", function()
    local call = fcr.Call("call-1", support.start)
    local err = support.error_of(call.append, call, 42)
    assert.are.equal("string", type(err))
  end)

  it("actions return nothing, never a status code", function()
    local call = support.live_call()
    assert.are.equal(0, select("#", call:append(support.guard_events()[1])))
    assert.are.equal(0, select("#", call:set_unobservable("documented")))
    local card = call:score()
    assert.are.equal(0, select("#", card:override("documented", "met", "reviewer-1", support.start, "Seen.")))
    assert.are.equal(0, select("#", call:close()))
  end)

  it("messages name the reader's methods, not C functions", function()
    local reader = fcr.ContactReader.from_string("id,caller,time\nc1,p1,2026-11-02T10:00:00Z\n")
    reader:next()
    local err = support.error_of(reader.map, reader, "agent", "assigned_to")
    check(err, -6, "state")
    assert.are.equal("ContactReader:map(): reading has started; set the options before the "
                     .. "first ContactReader:next()", err.message)
  end)

  it("messages name keep_results", function()
    local metrics = fcr.Metrics()
    metrics:add_contact("a", "pk-1", support.start)
    local err = support.error_of(metrics.keep_results, metrics)
    check(err, -6, "state")
    assert.are.equal(1, err.message:find("Metrics:keep_results(): contacts were already added;",
                                         1, true))
    assert.is_nil(err.message:find("fcr_", 1, true))
  end)

  it("messages name set_time_format", function()
    local reader = fcr.ContactReader.from_string("id,caller,time\nc1,p1,not a time\n", nil, "log.csv")
    local err = support.error_of(reader.next, reader)
    check(err, -3, "parse")
    assert.are.equal("log.csv: line 2, column 7 (time): the time is not an RFC 3339 date-time; "
                     .. "for other forms set a time format (ContactReader:set_time_format(), "
                     .. "--time-format in fcr metrics)", err.message)
    assert.are.equal("time", err.field)
    assert.are.equal(2, err.line)
    assert.are.equal(7, err.column)
  end)

  it("field names a JSON path, setting, column or contact field", function()
    local record = '{"format":"fcr.call/1","id":"a","started_at":"2026-11-10T14:00:00Z",'
      .. '"agent":{"id":"a","role":5},"events":[]}'
    assert.are.equal("agent.role", support.error_of(fcr.Call.from_json, record).field)
    local metrics = fcr.Metrics()
    assert.are.equal("window", support.error_of(metrics.set_window, metrics, "7 fortnights").field)

    local reader = fcr.ContactReader.from_string("id,caller,opened_at\nc1,p1,x\nc2,p1\n")
    reader:map("time", "opened_at")
    assert.are.equal("opened_at", support.error_of(reader.next, reader).field)
    assert.is_nil(support.error_of(reader.next, reader).field)

    reader = fcr.ContactReader.from_string("id,time\nc1,2026-11-02T10:00:00Z\n")
    assert.are.equal("caller", support.error_of(reader.next, reader).field)
  end)
end)
