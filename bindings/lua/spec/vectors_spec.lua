-- SPDX-License-Identifier: MIT
-- The shared test vectors: every output byte for byte and equal scores, as
-- the C tests (note.test_vectors) and the Python suite check them.
local fcr = require "fcr"
local support = require "spec.support"

local outputs = {
  ["scorecard.txt"] = function(call, card) return card:write("text") end,
  ["scorecard.json"] = function(call, card) return card:write("json") end,
  ["scorecard.csv"] = function(call, card) return fcr.scorecard_csv_header() .. card:write("csv") end,
  ["note.txt"] = function(call) return call:note("text") end,
  ["note.line.txt"] = function(call) return call:note("line") end,
  ["note.json"] = function(call) return call:note("json") end,
  ["note.fhir.json"] = function(call) return call:note("fhir") end,
  ["note.qa.txt"] = function(call) return call:note("text", "qa") end,
  ["note.qa.line.txt"] = function(call) return call:note("line", "qa") end,
  ["note.qa.json"] = function(call) return call:note("json", "qa") end,
  ["note.qa.fhir.json"] = function(call) return call:note("fhir", "qa") end,
  ["recap.txt"] = function(call) return call:recap() end,
}

local function load_policy(folder)
  if support.exists(folder .. "/policy.json") then
    return fcr.Policy.load_file(folder .. "/policy.json")
  end
  return nil
end

local function load_vector(name)
  local folder = support.vectors_dir .. "/" .. name
  local text = support.read_file(folder .. "/call.json")
  return folder, fcr.Call.from_json(text, load_policy(folder), "replay", name .. "/call.json")
end

describe("test vector", function()
  local names = support.vector_names()

  if #names == 0 then
    pending("no test vectors under " .. support.vectors_dir)
  end

  for _, name in ipairs(names) do
    it(name .. " gives byte-identical outputs", function()
      local folder, call = load_vector(name)
      local card = call:score()
      for file_name, produce in pairs(outputs) do
        local path = folder .. "/" .. file_name
        if support.exists(path) then
          assert.are.equal(support.read_file(path), produce(call, card), name .. "/" .. file_name)
        end
      end
      card:close()
      call:close()
    end)

    it(name .. " gives the same score", function()
      local folder, call = load_vector(name)
      local expected = support.read_file(folder .. "/scorecard.json")
      local card = call:score()
      assert.are.equal(tonumber(expected:match('"score":([^,]+)')), card.score)
      assert.are.equal(tonumber(expected:match('"raw_score":([^,]+)')), card.raw_score)
      assert.are.equal(expected:match('"auto_fail":(%a+)') == "true", card.auto_fail)
      local results = {}
      for result in expected:gmatch('"result":"([%a_]+)"') do
        results[#results + 1] = result
      end
      local actual = {}
      for index, item in ipairs(card.items) do
        actual[index] = item.result
      end
      assert.are.same(results, actual)
    end)

    it(name .. " survives a JSON round trip", function()
      local folder, call = load_vector(name)
      local again = fcr.Call.from_json(call:to_json(), load_policy(folder), "replay", "round trip")
      assert.are.equal(call:note("json"), again:note("json"))
      assert.are.equal(call:to_json(true), again:to_json(true))
    end)
  end
end)
