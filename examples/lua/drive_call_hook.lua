-- SPDX-License-Identifier: CC0-1.0
-- Plays the reference call through call_hook.lua the way a telephony server
-- would: answer, the agent's actions (one of them too early, to show a
-- rejection), then hangup. Exits with an error when a hook does not behave
-- as the plugin promises.
--
-- Run from a build tree: LUA_CPATH='<build>/bindings/lua/5.4/?.so;;' lua5.4 drive_call_hook.lua
local script_dir = (arg and arg[0] or ""):match("^(.*)/[^/]*$") or "."
local hook = dofile(script_dir .. "/call_hook.lua")

local start = 1794319320 -- 2026-11-10T14:02:00Z in seconds since the epoch

local function show(what, result)
  if result.ok then
    print(("%-28s recorded; step %s"):format(what, result.guidance.step))
  else
    print(("%-28s rejected: %s"):format(what, result.error))
  end
  if result.guidance then
    for _, missing in ipairs(result.guidance.missing) do
      print("    missing: " .. missing)
    end
  end
end

local answered = hook.on_answer({call_id = "call-0001", agent_id = "agent-17",
                                 agent_role = "front_desk", time = start})
assert(answered.ok, answered.error)
print("Answered; prompt: " .. answered.guidance.prompt)

-- Each action: what the agent did, whether the workflow should accept it.
local actions = {
  {true, {type = "open_question_asked", time = start + 5, text = "How can I help you today?"}},
  {true, {type = "concern_stated", time = start + 20, concern = "c1", category = "scheduling",
          request = "Reschedule my follow-up visit"}},
  {true, {type = "concern_stated", time = start + 40, concern = "c2", category = "referral",
          request = "Check on my cardiology referral"}},
  -- Too early: neither concern is restated yet.
  {false, {type = "authority_checked", time = start + 50, concern = "c1", tools_available = true}},
  {true, {type = "concern_restated", time = start + 60, concern = "c1", confirmed = true,
          text = "So you are calling to reschedule your follow-up and check on a referral, is that correct?"}},
  {true, {type = "concern_restated", time = start + 60, concern = "c2", confirmed = true}},
  {true, {type = "identity_verified", time = start + 90, identifiers = {"name", "date_of_birth"}}},
  {true, {type = "authority_checked", time = start + 105, concern = "c1", tools_available = true}},
  {true, {type = "authority_checked", time = start + 110, concern = "c2", tools_available = true}},
  {true, {type = "resolved", time = start + 180, concern = "c1",
          action = "Moved the follow-up to Tuesday, November 17 at 10:00 AM",
          next_step = "Attend the visit on Tuesday"}},
  {true, {type = "moved_forward", time = start + 240, concern = "c2",
          action = "Found the referral waiting for cardiology to accept it",
          next_step = "Confirm the cardiology appointment with the patient",
          owner = "referral coordinator", target = "referral_coordinator"}},
  {true, {type = "recap_given", time = start + 270}},
  {true, {type = "anything_else_asked", time = start + 285, answer = "no"}},
}

for _, entry in ipairs(actions) do
  local expected, action = entry[1], entry[2]
  local result = hook.on_agent_action("call-0001", action)
  show(action.type .. (action.concern and (" " .. action.concern) or ""), result)
  if expected then
    assert(result.ok, result.error)
  else
    assert(not result.ok and result.rejected, "the early action was not rejected")
  end
end

print()
local ended = hook.on_hangup("call-0001", {time = start + 300})
assert(ended.ok, ended.error)
assert(ended.step == "closed", "the call did not close: " .. tostring(ended.step))
assert(not ended.auto_fail, "the call failed the checklist")
print(("Closed with score %.1f"):format(ended.score))
