-- SPDX-License-Identifier: MIT
-- CSV contact logs and the per-contact results of an analysis.
local fcr = require "fcr"
local support = require "spec.support"

local export = support.source_dir .. "/examples/data/servicenow/incident_event_log.csv"

-- The small log of tests/metrics/check-cli.sh.
local small_log = [[
id,caller,time,category,agent,direction,outcome,target
c1,p1,2026-11-02T10:00:00Z,refill,ann,inbound,resolved,
c2,p1,2026-11-03T10:00:00Z,refill,bob,inbound,resolved,
c3,p2,2026-11-03T11:00:00Z,clinical_question,ann,inbound,escalated,nurse_triage
c4,p1,2026-11-04T09:00:00Z,refill,bob,outbound,,
c5,p3,2026-11-20T10:00:00Z,billing,bob,inbound,resolved,
]]

-- Line 3 has an invalid time and line 4 too few fields.
local bad_log = [[
id,caller,time,category
c1,p1,2026-11-02T10:00:00Z,refill
c2,p1,not a time,refill
c3,p1
c4,p1,2026-11-03T10:00:00Z,refill
]]

describe("contact logs", function()
  it("read the export as fcr metrics does", function()
    local metrics = fcr.Metrics()
    metrics:set_window("24h")
    local reader = fcr.ContactReader(export)
    reader:map("id", "number")
    reader:map("caller", "caller_id")
    reader:map("time", "opened_at")
    reader:map("agent", "assigned_to")
    reader:map("outcome", "closed_code")
    reader:set_time_format("%d-%m-%Y %H:%M")
    reader:set_missing("?")
    assert.are.equal(5998, reader:add_to(metrics))
    reader:close()
    metrics:finish()
    local total = metrics:groups()[1]
    assert.are.equal(5998, total.contacts)
    assert.are.equal(379, total.resolved)
    assert.are.equal(91, total.repeated)
    assert.are.equal(420, total.provisional)
    assert.are.equal(5108, metrics:excluded("duplicate"))
    if math.type then
      assert.are.equal("integer", math.type(total.contacts))
    end
  end)

  it("iterate over contacts", function()
    local reader = fcr.ContactReader.from_string(small_log, nil, "small.csv")
    local contacts = {}
    for contact in reader:contacts() do
      contacts[#contacts + 1] = contact
    end
    assert.are.equal(5, #contacts)
    local third = contacts[3]
    assert.are.equal("c3", third.id)
    assert.are.equal("p2", third.caller)
    assert.are.equal("2026-11-03T11:00:00Z", third.at)
    assert.are.equal("escalated", third.outcome)
    assert.are.equal("nurse_triage", third.target)
    assert.are.equal("outbound", contacts[4].direction)
    assert.is_nil(contacts[4].target)
    assert.are.equal(6, reader.line)
    assert.are.equal('<fcr.Contact id="c1" at=2026-11-02T10:00:00Z direction=inbound '
                     .. 'category=refill outcome=resolved>', tostring(contacts[1]))
  end)

  it("raise on a bad row with its line", function()
    local reader = fcr.ContactReader.from_string(bad_log, nil, "bad.csv")
    assert.are.equal("c1", reader:next().id)
    local err = support.error_of(reader.next, reader)
    assert.are.equal("parse", err.kind)
    assert.are.equal(3, err.line)
    assert.are.equal("time", err.field)
    assert.matches("^bad%.csv: line 3, column 7 %(time%):", tostring(err))
    err = support.error_of(reader.next, reader)
    assert.are.equal("record", err.kind)
    assert.matches("bad%.csv: line 4: the row has 2 fields", err.message)
    assert.are.equal("c4", reader:next().id)
    assert.is_nil(reader:next())
  end)

  it("stop at a bad row unless on_error is given", function()
    local metrics = fcr.Metrics()
    local reader = fcr.ContactReader.from_string(bad_log, nil, "bad.csv")
    assert.are.equal(3, support.error_of(reader.add_to, reader, metrics).line)

    local lines = {}
    reader = fcr.ContactReader.from_string(bad_log, nil, "bad.csv")
    local added = reader:add_to(fcr.Metrics(), {on_error = function(e) lines[#lines + 1] = e.line end})
    assert.are.equal(2, added)
    assert.are.same({3, 4}, lines)
  end)

  it("add_to takes on_error as a function", function()
    local lines = {}
    local reader = fcr.ContactReader.from_string(bad_log, nil, "bad.csv")
    local added = reader:add_to(fcr.Metrics(), function(e) lines[#lines + 1] = e.line end)
    assert.are.equal(2, added)
    assert.are.same({3, 4}, lines)
  end)

  it("add_to rejects options of a wrong type", function()
    local reader = fcr.ContactReader.from_string(small_log)
    local err = support.error_of(reader.add_to, reader, fcr.Metrics(), "print")
    assert.are.equal(fcr.Error, getmetatable(err))
    assert.are.equal("invalid_argument", err.kind)
    assert.matches("not string", err.message, 1, true)
    err = support.error_of(reader.add_to, reader, fcr.Metrics(), {on_error = true})
    assert.are.equal("invalid_argument", err.kind)
    assert.matches("must be a function, not boolean", err.message, 1, true)
  end)

  it("show nil for a missing category", function()
    local contact = fcr.ContactReader.from_string("id,caller,time\nc1,p1,2026-11-02T10:00:00Z\n"):next()
    assert.is_nil(contact.category)
    assert.are.equal('<fcr.Contact id="c1" at=2026-11-02T10:00:00Z direction=inbound category=nil '
                     .. 'outcome=none>', tostring(contact))
  end)

  it("count rows per feed", function()
    local metrics = fcr.Metrics()
    local reader = fcr.ContactReader.from_string(small_log)
    assert.are.equal(2, reader:feed(metrics, 2))
    assert.are.equal(3, reader:feed(metrics, 10))
    assert.are.equal(0, reader:feed(metrics))
    assert.are.equal("invalid_argument", support.error_of(reader.feed, reader, metrics, 0).kind)
  end)

  it("end after a missing column", function()
    local reader = fcr.ContactReader.from_string(small_log, nil, "small.csv")
    reader:map("agent", "assigned_to")
    local err = support.error_of(reader.next, reader)
    assert.are.equal("not_found", err.kind)
    assert.matches("assigned_to", err.message)
    assert.is_nil(reader:next())
  end)

  it("raise on bad settings and missing files", function()
    local reader = fcr.ContactReader.from_string(small_log)
    local err = support.error_of(reader.map, reader, "phone", "number")
    assert.are.equal("invalid_argument", err.kind)
    assert.matches("unknown contact field 'phone'", err.message)
    assert.are.equal("invalid_argument", support.error_of(reader.set_time_format, reader, "%Q").kind)
    reader:next()
    assert.are.equal("state", support.error_of(reader.set_missing, reader, "?").kind)
    err = support.error_of(fcr.ContactReader, support.source_dir .. "/no-such-log.csv")
    assert.are.equal("file", err.kind)
  end)

  it("raise after close", function()
    local reader = fcr.ContactReader.from_string(small_log)
    reader:close()
    reader:close()
    assert.are.equal("<fcr.ContactReader closed>", tostring(reader))
    local err = support.error_of(reader.next, reader)
    assert.are.equal("state", err.kind)
    assert.matches("the ContactReader is closed", err.message)
  end)
end)

describe("contact results", function()
  it("come after finish", function()
    local metrics = fcr.Metrics()
    metrics:keep_results()
    fcr.ContactReader.from_string(small_log):add_to(metrics)
    metrics:finish()
    local results = {}
    for _, result in ipairs(metrics:take_results()) do
      results[result.id] = result
    end
    assert.are.equal("repeated", results.c1.result)
    assert.are.equal("c2", results.c1.repeat_id)
    assert.is_true(results.c2.is_repeat)
    assert.are.equal("excluded", results.c4.result)
    assert.are.equal("outbound", results.c4.exclusion)
    assert.is_nil(results.c4.window_end)
    assert.are.equal("provisional", results.c5.result)
    assert.are.equal("nurse_triage", results.c3.target)
    assert.are.equal('<fcr.ContactResult id="c1" at=2026-11-02T10:00:00Z result=repeated '
                     .. 'exclusion=none repeat_id="c2">', tostring(results.c1))
    assert.are.same({}, metrics:take_results())
  end)

  it("raise unless kept", function()
    local metrics = fcr.Metrics()
    assert.are.equal("state", support.error_of(metrics.take_results, metrics).kind)
    metrics:add_contact("a", "pk-1", "2026-11-02T10:00:00Z")
    assert.are.equal("state", support.error_of(metrics.keep_results, metrics).kind)
  end)

  it("outlive their metrics", function()
    local metrics = fcr.Metrics()
    metrics:keep_results()
    metrics:add_contact("a", "pk-1", "2026-11-02T10:00:00Z")
    metrics:finish()
    local results = metrics:take_results()
    metrics:close()
    metrics = nil
    collectgarbage()
    assert.are.equal("a", results[1].id)
  end)

  it("are nil where a value is missing", function()
    local metrics = fcr.Metrics()
    metrics:keep_results()
    metrics:add_contact("bare", "pk-1", "2026-11-02T10:00:00Z")
    metrics:finish()
    local result = metrics:take_results()[1]
    assert.is_nil(result.category)
    assert.is_nil(result.agent)
    assert.is_nil(result.target)
    assert.is_nil(result.repeat_id)
    assert.are.equal('<fcr.ContactResult id="bare" at=2026-11-02T10:00:00Z result=provisional '
                     .. 'exclusion=none repeat_id=nil>', tostring(result))
  end)
end)
