-- SPDX-License-Identifier: MIT
-- Shared helpers of the Lua binding specs. CTest runs busted with LUA_CPATH
-- at the build tree's fcr.so and FCR_SOURCE_DIR at the source tree.
local lfs = require "lfs"

local support = {}

support.source_dir = os.getenv("FCR_SOURCE_DIR") or "../.."
support.vectors_dir = support.source_dir .. "/tests/vectors"
support.example_calls = support.source_dir .. "/examples/data/calls.jsonl"
support.start = "2026-11-10T14:00:00Z"

function support.read_file(path)
  local file = assert(io.open(path, "rb"))
  local content = file:read("*a")
  file:close()
  return content
end

function support.exists(path)
  return lfs.attributes(path, "mode") ~= nil
end

-- Names of the folders under tests/vectors that hold a call.json, sorted.
function support.vector_names()
  local names = {}
  if not support.exists(support.vectors_dir) then
    return names
  end
  for name in lfs.dir(support.vectors_dir) do
    if name:sub(1, 1) ~= "." and support.exists(support.vectors_dir .. "/" .. name .. "/call.json") then
      names[#names + 1] = name
    end
  end
  table.sort(names)
  return names
end

function support.lines(path)
  local lines = {}
  for line in io.lines(path) do
    lines[#lines + 1] = line
  end
  return lines
end

function support.write_lines(path, lines)
  local file = assert(io.open(path, "wb"))
  file:write(table.concat(lines, "\n"), "\n")
  file:close()
  return path
end

-- Returns an unused path in the temporary folder that ends in `suffix`.
-- os.tmpname() reserves its name by creating an empty file, which is
-- removed here; the caller removes the file it writes at the path.
function support.temporary_path(suffix)
  local base = os.tmpname()
  os.remove(base)
  return base .. (suffix or "")
end

-- Calls fn and returns the error it raises; fails when it does not raise.
function support.error_of(fn, ...)
  local ok, err = pcall(fn, ...)
  assert(not ok, "expected an error, but the call succeeded")
  return err
end

-- The one-concern call of the C guard tests, as tables for Call:append().
function support.guard_events()
  return {
    {type = "concern_stated", at = "2026-11-10T14:00:10Z", concern = "c1",
     category = "scheduling", request = "Reschedule my follow-up"},
    {type = "concern_restated", at = "2026-11-10T14:00:20Z", concern = "c1", confirmed = true},
    {type = "identity_verified", at = "2026-11-10T14:00:30Z", identifiers = {"name", "date_of_birth"}},
    {type = "authority_checked", at = "2026-11-10T14:00:40Z", concern = "c1", tools_available = true},
    {type = "resolved", at = "2026-11-10T14:01:00Z", concern = "c1", action = "Moved the visit to Tuesday"},
    {type = "recap_given", at = "2026-11-10T14:02:00Z"},
    {type = "anything_else_asked", at = "2026-11-10T14:02:10Z", answer = "no"},
    {type = "call_ended", at = "2026-11-10T14:02:30Z"},
    {type = "documented", at = "2026-11-10T14:04:00Z"},
  }
end

function support.live_call()
  local fcr = require "fcr"
  local call = fcr.Call("call-1", support.start, "live")
  call:set_agent("agent-1", "front_desk")
  return call
end

return support
