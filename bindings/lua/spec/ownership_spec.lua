-- SPDX-License-Identifier: MIT
-- Handles are freed exactly once, by close() or by the garbage collector,
-- and library strings are copied and freed: memory stays flat.
local fcr = require "fcr"
local support = require "spec.support"
local bench = dofile(support.source_dir .. "/bindings/lua/bench_memory.lua")

local handles = {
  Policy = {function() return fcr.Policy() end, "time_zone"},
  Event = {function() return fcr.Event("documented", support.start) end, "type"},
  Call = {function() return fcr.Call("call-1", support.start) end, "step"},
  Scorecard = {function() return fcr.Call("call-1", support.start):score() end, "score"},
  Guidance = {function() return fcr.Call("call-1", support.start):guidance() end, "step"},
}

describe("ownership", function()
  it("every handle has a closed method", function()
    local handles = {
      fcr.Policy(), fcr.Event("documented", support.start), fcr.Call("call-1", support.start),
      fcr.Call("call-2", support.start):score(), fcr.Call("call-3", support.start):guidance(),
      fcr.Reader.from_string(""), fcr.Metrics(), fcr.Transcript("call-4"), fcr.Rules(),
      fcr.ContactReader.from_string("id,caller,time\n"),
    }
    for _, handle in ipairs(handles) do
      assert.is_false(handle:closed(), tostring(handle))
      handle:close()
      assert.is_true(handle:closed(), tostring(handle))
    end
  end)

  for name, spec in pairs(handles) do
    it(name .. " closes twice and then raises", function()
      local handle = spec[1]()
      assert.is_false(handle:closed())
      handle:close()
      handle:close()
      assert.is_true(handle:closed())
      assert.are.equal("<fcr." .. name .. " closed>", tostring(handle))
      local err = support.error_of(function() return handle[spec[2]] end)
      assert.are.equal("state", err.kind)
      assert.matches("the " .. name .. " is closed", err.message, 1, true)
    end)
  end

  it("closed call rejects every method", function()
    local call = fcr.Call("call-1", support.start)
    call:close()
    for _, method in ipairs({"score", "guidance", "note", "recap", "to_json"}) do
      assert.are.equal("state", support.error_of(call[method], call).kind)
    end
    assert.are.equal("state", support.error_of(call.append, call, support.guard_events()[1]).kind)
    assert.are.equal("state", support.error_of(function() return call.events end).kind)
  end)

  it("policy closed while a call uses it", function()
    local policy = fcr.Policy()
    local call = fcr.Call("call-1", support.start, "live", policy)
    policy:close()
    call:append(support.guard_events()[1])
    assert.is_true(call:score().scored)
  end)

  it("results outlive the call", function()
    local call = support.live_call()
    for index = 1, 5 do
      call:append(support.guard_events()[index])
    end
    local card, events, concerns = call:score(), call.events, call.concerns
    call:close()
    collectgarbage("collect")
    assert.are.equal("call-1", card.call_id)
    assert.are.equal("Moved the visit to Tuesday", events[5]:get("action"))
    assert.are.equal("resolved", concerns[1].outcome)
    assert.are.equal(5, concerns[1].outcome_event)
  end)

  it("garbage collector frees dropped handles", function()
    local weak = setmetatable({}, {__mode = "v"})
    weak[1] = fcr.Call("call-1", support.start)
    collectgarbage("collect")
    collectgarbage("collect")
    assert.is_nil(weak[1])
  end)

  if _VERSION == "Lua 5.4" then
    it("closes a to-be-closed variable", function()
      -- Loaded from text, because LuaJIT cannot parse the <close> attribute.
      local scope = load([[
        local fcr, start = ...
        local call
        do
          local scoped <close> = fcr.Call("call-1", start)
          call = scoped
        end
        return call
      ]])
      assert.is_true(scope(fcr, support.start):closed())
    end)
  end

  for _, close in ipairs({true, false}) do
    it("memory stays flat over 20,000 rounds freed by " .. (close and "close()" or "the collector"), function()
      if not support.exists(bench.record_path) then
        pending("no reference vector")
        return
      end
      -- The warm-up lets the heap reach its working size; a leak would then
      -- still grow between the middle and the end of the measured rounds.
      local figures = bench.measure(20000, close, 20000)
      assert.is_true(figures.heap_end - figures.heap_start < 64,
                     ("Lua heap %.0f -> %.0f KiB"):format(figures.heap_start, figures.heap_end))
      -- ASan's quarantine keeps freed memory, so RSS grows under it. The
      -- allocator may also map a new 2 MiB block between two readings, so
      -- the bound leaves room for that: a leak of a handle per round would
      -- add tens of MiB over these rounds.
      if not (os.getenv("LD_PRELOAD") or ""):find("libasan", 1, true) then
        assert.is_true(figures.rss_end - figures.rss_middle < 4096,
                       ("RSS %d -> %d -> %d KiB"):format(figures.rss_start, figures.rss_middle, figures.rss_end))
      end
    end)
  end
end)
