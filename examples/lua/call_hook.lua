-- SPDX-License-Identifier: CC0-1.0
-- A call plugin in the shape telephony servers that embed Lua expect: the
-- host calls on_answer when an agent picks up, on_agent_action for each
-- step the agent records in the desktop, and on_hangup at the end.
--
-- The plugin keeps each call's record in live mode, so an action the
-- workflow does not allow yet is rejected with what is missing, and at
-- hangup it prints the chart note and the checklist scorecard.
--
-- Times from the host are seconds since the Unix epoch (as os.time()
-- returns) or RFC 3339 text. Hooks return a result table and never raise
-- for a rejected action, so that a host that only logs strings stays up.
local fcr = require "fcr"

local hook = {}

local calls = {}    -- live call records by the host's call id
local policy = fcr.Policy()

local function instant(time)
  if type(time) == "number" then
    return math.floor(time * 1000)
  end
  return time
end

local function guidance_of(call)
  local guidance = call:guidance()
  local missing = {}
  for index, requirement in ipairs(guidance.missing) do
    missing[index] = requirement.message
  end
  return {step = guidance.step, prompt = guidance.prompt, phrases = guidance.phrases, missing = missing}
end

-- Starts the record of a call.
-- answer: {call_id = ..., agent_id = ..., agent_role = ..., time = ...}
-- Returns {ok = true, guidance = {...}} or {ok = false, error = message}.
function hook.on_answer(answer)
  local ok, result = pcall(function()
    local call = fcr.Call(answer.call_id, instant(answer.time), "live", policy)
    call:set_agent(answer.agent_id, answer.agent_role)
    calls[answer.call_id] = call
    return guidance_of(call)
  end)
  if not ok then
    return {ok = false, error = tostring(result)}
  end
  return {ok = true, guidance = result}
end

-- Records one agent action: an event table such as
-- {type = "resolved", concern = "c1", action = "...", time = ...}.
-- Returns {ok = true, guidance = {...}} when recorded, or {ok = false,
-- rejected = true, error = message} when the workflow rejects it; the
-- record is then unchanged and the guidance lists what to do first.
function hook.on_agent_action(call_id, action)
  local call = calls[call_id]
  if call == nil then
    return {ok = false, error = "unknown call " .. tostring(call_id)}
  end
  local event = {}
  for name, value in pairs(action) do
    event[name] = value
  end
  event.at, event.time = instant(action.time), nil

  local ok, err = pcall(call.append, call, event)
  if not ok then
    return {ok = false, rejected = err.kind == "workflow", error = tostring(err),
            guidance = guidance_of(call)}
  end
  return {ok = true, guidance = guidance_of(call)}
end

-- Ends the call: records the hangup, documents the call with the note the
-- plugin writes, prints the note and the scorecard, and frees the record.
-- hangup: {time = ..., reason = "caller_hung_up" (optional)}
function hook.on_hangup(call_id, hangup)
  local call = calls[call_id]
  if call == nil then
    return {ok = false, error = "unknown call " .. tostring(call_id)}
  end
  calls[call_id] = nil

  local ok, result = pcall(function()
    call:append({type = "call_ended", at = instant(hangup.time), reason = hangup.reason})
    local note = call:note("text")
    call:append({type = "documented", at = instant(hangup.time)})
    local card = call:score()
    print(note)
    print(card:write("text"))
    local summary = {ok = true, step = call.step, score = card.score, auto_fail = card.auto_fail}
    card:close()
    return summary
  end)
  call:close()
  if not ok then
    return {ok = false, error = tostring(result)}
  end
  return result
end

return hook
