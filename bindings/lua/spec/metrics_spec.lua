-- SPDX-License-Identifier: MIT
-- FCR metrics over calls and contacts.
local fcr = require "fcr"
local support = require "spec.support"

local data_end = "2026-12-31T00:00:00Z"

describe("metrics", function()
  it("rates over the example calls", function()
    local metrics = fcr.Metrics()
    metrics:set_data_end(data_end)
    local concerns = 0
    for call in fcr.read_calls(support.example_calls) do
      concerns = concerns + call.concern_count
      metrics:add_call(call)
    end
    metrics:finish()

    local total = metrics:groups()[1]
    assert.are.equal("total", total.name)
    assert.are.equal(concerns, total.contacts)
    assert.are.equal(0, total.provisional)
    assert.are.equal(metrics:excluded("no_caller"), total.excluded)
    assert.are.equal(total.contacts - total.excluded, total.resolved)
    assert.are.equal(1, total.fcr_rate)
    local agents = {}
    for index, group in ipairs(metrics:groups("agent")) do
      agents[index] = group.name
    end
    assert.are.same({"agent-17", "agent-22", "agent-31"}, agents)
    assert.matches('^{"format":"fcr.metrics/1"', metrics:write("json"))
    metrics:close()
  end)

  it("counts a repeat contact", function()
    local metrics = fcr.Metrics()
    metrics:set_data_end(data_end)
    metrics:add_contact("a", "pk-1", "2026-11-02T10:00:00Z", "inbound", "refill", "agent-1")
    metrics:add_contact("b", "pk-1", "2026-11-04T10:00:00Z", "inbound", "refill", "agent-2",
                        "escalated", "nurse_triage")
    metrics:add_contact("c", "pk-2", "2026-11-04T11:00:00Z", "outbound", "billing")
    metrics:finish()
    local total = metrics:groups("total")[1]
    assert.are.equal(3, total.contacts)
    assert.are.equal(1, total.repeated)
    assert.are.equal(1, total.repeat_contacts)
    assert.are.equal(1, metrics:excluded("outbound"))
    if math.type then
      assert.are.equal("integer", math.type(total.contacts))
    end
  end)

  it("rate is nil without final contacts", function()
    local metrics = fcr.Metrics()
    metrics:add_contact("a", nil, "2026-11-02T10:00:00Z")
    metrics:finish()
    assert.is_nil(metrics:groups()[1].fcr_rate)
  end)

  it("raises state errors", function()
    local metrics = fcr.Metrics()
    assert.are.equal("invalid_argument", support.error_of(metrics.set_window, metrics, "a fortnight").kind)
    metrics:add_contact("a", "pk-1", "2026-11-02T10:00:00Z")
    assert.are.equal("state", support.error_of(metrics.set_window, metrics, "3d").kind)
    assert.are.equal("state", support.error_of(metrics.write, metrics).kind)
    metrics:finish()
    assert.are.equal("state", support.error_of(metrics.finish, metrics).kind)
  end)

  it("groups count final contacts", function()
    local metrics = fcr.Metrics()
    metrics:set_window("7d")
    metrics:set_data_end("2026-11-30T00:00:00Z")
    metrics:add_contact("a", "pk-1", "2026-11-02T10:00:00Z", "inbound", "refill", "agent-1")
    metrics:add_contact("b", "pk-1", "2026-11-04T10:00:00Z", "inbound", "refill", "agent-2")
    metrics:add_contact("c", "pk-2", "2026-11-04T11:00:00Z", "inbound", "billing", "agent-1")
    metrics:add_contact("d", "pk-3", "2026-11-28T11:00:00Z", "inbound", "billing", "agent-1")
    metrics:finish()
    local total = metrics:groups()[1]
    assert.are.equal(2, total.resolved)
    assert.are.equal(1, total.repeated)
    assert.are.equal(1, total.provisional)
    assert.are.equal(3, total.final)
    if math.type then
      assert.are.equal("integer", math.type(total.final))
    end
    local by_agent = {}
    for _, group in ipairs(metrics:groups("agent")) do
      by_agent[group.name] = group.final
    end
    assert.are.same({["agent-1"] = 2, ["agent-2"] = 1}, by_agent)
  end)

  it("computes every breakdown by default", function()
    local metrics = fcr.Metrics()
    metrics:add_contact("a", "pk-1", "2026-11-02T10:00:00Z", "inbound", "refill", "agent-1",
                        "escalated", "nurse_triage")
    metrics:finish()
    for _, breakdown in ipairs({"agent", "category", "target"}) do
      assert.are.equal(1, #metrics:groups(breakdown))
    end
    metrics = fcr.Metrics()
    metrics:set_breakdown("agent", false)
    metrics:add_contact("a", "pk-1", "2026-11-02T10:00:00Z", "inbound", nil, "agent-1")
    metrics:finish()
    assert.are.same({}, metrics:groups("agent"))
  end)
end)
