-- SPDX-License-Identifier: MIT
-- The live workflow, events, times, policies and scorecards from Lua,
-- following the C guard tests (tests/workflow/test_guards.c).
local fcr = require "fcr"
local support = require "spec.support"

local function play(call, last)
  local events = support.guard_events()
  for index = 1, last do
    call:append(events[index])
  end
end

local function assert_rejected(call, event, fragment)
  local before = {call:to_json(), call.step, call.deviation_count, call.concern_count}
  local err = support.error_of(call.append, call, event)
  assert.are.equal("workflow", err.kind)
  assert.matches(fragment, err.message, 1, true)
  assert.are.same(before, {call:to_json(), call.step, call.deviation_count, call.concern_count})
end

describe("workflow", function()
  it("clarify needs a concern", function()
    assert_rejected(support.live_call(), support.guard_events()[6], "No concern is stated yet")
  end)

  it("clarify needs a restatement", function()
    local call = support.live_call()
    play(call, 1)
    assert_rejected(call, support.guard_events()[4], "Restate concern c1")
    call:append(support.guard_events()[2])
    call:append(support.guard_events()[4])
    assert.are.equal("check_authority", call.step)
  end)

  it("an outcome needs identity", function()
    local call = support.live_call()
    play(call, 2)
    call:append(support.guard_events()[4])
    assert_rejected(call, support.guard_events()[5], "0 of 2 person-specific identifier types")
    call:append({type = "identity_verified", at = "2026-11-10T14:00:50Z", identifiers = {"name", "room"}})
    assert_rejected(call, support.guard_events()[5], "1 of 2 person-specific identifier types")
    assert.are.same({"name", "room"}, call.identifiers)
    assert.is_false(call.identity_verified)
  end)

  it("an escalation gets a computed due time", function()
    local call = support.live_call()
    play(call, 4)
    call:append({type = "escalated", at = "2026-11-10T14:01:00Z", concern = "c1",
                 target = "nurse_triage", reason = "Needs a clinician", owner = "RN on duty"})
    local concern = call:find_concern("c1")
    assert.are.equal("escalated", concern.outcome)
    assert.is_true(concern.due_computed)
    assert.is_true(fcr.parse_time(concern.due_at) > fcr.parse_time(call.started_at))
    assert.are.equal(5, concern.outcome_event)
    assert.are.equal("escalated", call.events[concern.outcome_event].type)
  end)

  it("a full call closes", function()
    local call = support.live_call()
    play(call, 9)
    assert.are.equal("closed", call.step)
    assert.are.equal("2026-11-10T14:02:30Z", call.ended_at)
    assert.are.same({}, call.deviations)
    assert.are.equal(0, #call:guidance().missing)
  end)

  it("guidance lists what is missing", function()
    local call = support.live_call()
    play(call, 1)
    local guidance = call:guidance()
    assert.are.equal("clarify", guidance.step)
    assert.are.equal("check_authority", guidance.next_step)
    assert.are.equal(1, #guidance.missing)
    assert.are.equal("restate_concern", guidance.missing[1].code)
    assert.are.equal("c1", guidance.missing[1].concern)
    assert.is_string(guidance.prompt)
    assert.is_table(guidance.phrases)
  end)

  it("replay records deviations", function()
    local call = fcr.Call("call-1", support.start, "replay")
    call:set_agent("agent-1", "front_desk")
    call:append(support.guard_events()[1])
    call:append(support.guard_events()[5])
    local by_code = {}
    for _, deviation in ipairs(call.deviations) do
      by_code[deviation.code] = deviation
    end
    local deviation = by_code.verify_identity
    assert.is_not_nil(deviation)
    assert.are.equal(2, deviation.event)
    assert.are.equal("act", deviation.step)
    assert.are.equal("resolved", call.events[deviation.event].type)
  end)

  it("event fields from a table", function()
    local event = fcr.event({type = "escalated", at = "2026-11-10T14:01:00Z", concern = "c2",
                             target = "nurse_triage", reason = "Clinical question", owner = "RN",
                             due_at = "2026-11-10T19:00:00Z"})
    assert.are.equal("escalated", event.type)
    assert.are.equal("c2", event.concern)
    assert.are.same({target = "nurse_triage", reason = "Clinical question", owner = "RN",
                     due_at = "2026-11-10T19:00:00Z"}, event:fields())
    assert.is_nil(event:get("text"))
    assert.are.equal("not_found", support.error_of(event.set, event, "answer", "yes").kind)
  end)

  it("event list and boolean fields", function()
    local event = fcr.event({type = "identity_verified", at = support.start,
                             identifiers = {"name"}, proxy_authority = true})
    event:set("identifiers", {"date_of_birth"})
    assert.are.same({"name", "date_of_birth"}, event:get("identifiers"))
    assert.is_true(event:get("proxy_authority"))
    assert.are.equal("list", fcr.Event.field_kind("identifiers"))
    assert.is_nil(fcr.Event.field_kind("shoe_size"))
    local err = support.error_of(event.set, event, "proxy_authority", "yes")
    assert.are.equal(fcr.Error, getmetatable(err))
    assert.are.equal("invalid_argument", err.kind)
    assert.are.equal("invalid_argument", support.error_of(event.set, event, "identifiers", "name").kind)
    assert.are.equal("invalid_argument", support.error_of(fcr.event, "resolved").kind)
  end)

  it("integers stay integers", function()
    local call = support.live_call()
    play(call, 9)
    if math.type then
      assert.are.equal("integer", math.type(call.event_count))
      assert.are.equal("integer", math.type(call.concerns[1].outcome_event))
      assert.are.equal("integer", math.type(fcr.Policy().required_identifiers))
      assert.are.equal("integer", math.type(fcr.parse_time(support.start)))
    end
    assert.are.equal(9, call.event_count)
    assert.are.equal("9", tostring(call.event_count))
  end)

  it("times as text or milliseconds", function()
    local milliseconds = fcr.parse_time("2026-11-10T09:00:00-05:00")
    for _, started in ipairs({"2026-11-10T09:00:00-05:00", milliseconds}) do
      local call = fcr.Call("call-1", started)
      assert.are.equal("2026-11-10T14:00:00Z", call.started_at)
      assert.is_nil(call.ended_at)
    end
    assert.are.equal("2026-11-10T14:00:00.250Z", fcr.format_time(milliseconds + 250))
  end)

  it("policy from JSON and its queries", function()
    local policy = fcr.Policy.load('{"format": "fcr.policy/1", "office": {"time_zone": "America/New_York"}}',
                                   "office.json")
    assert.are.equal("America/New_York", policy.time_zone)
    assert.is_true(policy:has_category("refill"))
    assert.is_false(policy:role_may_resolve("front_desk", "clinical_question"))
    assert.are.equal("nurse_triage", policy:default_target("clinical_question"))
    assert.are.equal("nurse triage", policy:label("target", "nurse_triage"))
    assert.is_nil(policy:label("category", "nurse_triage"))
    assert.are.equal(-5 * 3600, policy:utc_offset("2026-11-13T21:30:00Z"))
    assert.are.equal("2026-11-16T16:30:00Z", policy:due_time("nurse_triage", "2026-11-13T21:30:00Z"))
    assert.are.equal(policy:to_json(), fcr.Policy.load(policy:to_json()):to_json())
  end)

  it("policy phrases reach the guidance", function()
    local policy = fcr.Policy()
    policy:set_phrases("clarify", "Find out what the caller needs.", {"Good morning, how can I help?"})
    local guidance = fcr.Call("call-1", support.start, "live", policy):guidance()
    assert.are.equal("Find out what the caller needs.", guidance.prompt)
    assert.are.same({"Good morning, how can I help?"}, guidance.phrases)
  end)

  it("an override changes the score", function()
    local call = support.live_call()
    play(call, 9)
    local card = call:score()
    local before = card.score
    card:override("documented", "met", "reviewer-7", "2026-11-11T09:00:00Z", "Found in the EMR.")
    local item = card:item("documented")
    assert.are.same({"met", "missed", true}, {item.result, item.rule_result, item.overridden})
    assert.are.equal("2026-11-11T09:00:00Z", item.override_at)
    assert.is_true(card.score > before)
    assert.matches("overridden", tostring(item), 1, true)
  end)

  it("tostring leaves out patient data", function()
    local call = fcr.Call("call-1", support.start, "replay")
    call.patient_key = "pk-secret-key"
    call:append({type = "concern_stated", at = "2026-11-10T14:00:10Z", concern = "c1",
                 category = "refill", request = "Refill my SECRET-MEDICINE"})
    for _, text in ipairs({tostring(call), tostring(call.concerns[1]), tostring(call.events[1]),
                           tostring(call:score()), tostring(call:guidance())}) do
      assert.is_nil(text:find("SECRET", 1, true))
      assert.is_nil(text:find("pk-secret-key", 1, true))
      assert.are.equal("<fcr.", text:sub(1, 5))
    end
  end)

  it("module functions", function()
    assert.are.equal("clarify", fcr.steps()[1])
    assert.are.equal("Check resolution authority", fcr.step_title("check_authority"))
    assert.are.equal(8, #fcr.item_ids())
    assert.are.equal("Verified patient identifying details", fcr.item_title("identity_verified"))
    assert.is_string(fcr.version())
  end)
end)
