-- SPDX-License-Identifier: MIT
-- Measures memory across create-score-free rounds of the Lua binding.
--
-- Each round reads the reference call from JSON, scores it, writes its note
-- and scorecard, and frees everything, either with close() or by dropping
-- the last reference. Flat memory shows that handles and library strings
-- are freed; the valgrind and ASan runs show that nothing is freed twice.
--
-- Usage: LUA_CPATH='<build>/bindings/lua/5.4/?.so;;' lua5.4 bench_memory.lua [ROUNDS]
--        (or luajit with <build>/bindings/lua/luajit)
local fcr = require "fcr"

local bench = {}

local function script_dir()
  local source = debug.getinfo(1, "S").source
  return source:match("^@(.*)/[^/]*$") or "."
end

bench.record_path = (os.getenv("FCR_SOURCE_DIR") or (script_dir() .. "/../.."))
  .. "/tests/vectors/reference/call.json"

-- Resident set size of this process in KiB, from /proc (Linux).
function bench.rss_kib()
  for line in io.lines("/proc/self/status") do
    local kib = line:match("^VmRSS:%s+(%d+)")
    if kib then
      return tonumber(kib)
    end
  end
  error("VmRSS not found in /proc/self/status")
end

-- Runs `warm_up` rounds, then `rounds` measured rounds, and returns a
-- table of figures: the Lua heap in KiB (collectgarbage("count")) and the
-- RSS in KiB at the start, middle and end of the measured rounds, and the
-- CPU seconds they took.
--
-- Without close(), a full collection runs every 100 rounds. Lua's collector
-- paces itself by the Lua heap and does not see the C memory behind each
-- handle. On its own it lets thousands of dropped calls pile up before a
-- cycle, and the RSS would then measure that pile, not a leak.
function bench.measure(rounds, close, warm_up)
  local file = assert(io.open(bench.record_path, "rb"))
  local record = file:read("*a")
  file:close()
  local policy = fcr.Policy()

  local function one_round(index)
    local call = fcr.Call.from_json(record, policy)
    local card = call:score()
    local length = #call:note("text") + #card:write("csv")
    if close then
      card:close()
      call:close()
    elseif index % 100 == 0 then
      collectgarbage("collect")
    end
    return length
  end

  for index = 1, warm_up or rounds do
    one_round(index)
  end
  -- The first collection runs the finalizers of the handles dropped in the
  -- warm-up, and only the second frees their userdata. With one, the
  -- collector would pace the measured rounds by a heap that is still
  -- shrinking, and their RSS would grow without a leak.
  collectgarbage("collect")
  collectgarbage("collect")
  local figures = {heap_start = collectgarbage("count"), rss_start = bench.rss_kib()}
  local started = os.clock()
  local middle = math.floor(rounds / 2)
  for index = 1, rounds do
    one_round(index)
    if index == middle then
      figures.rss_middle = bench.rss_kib()
    end
  end
  figures.seconds = os.clock() - started
  collectgarbage("collect")
  collectgarbage("collect")
  figures.heap_end = collectgarbage("count")
  figures.rss_end = bench.rss_kib()
  policy:close()
  return figures
end

if arg ~= nil and arg[0] ~= nil and arg[0]:match("bench_memory%.lua$") then
  local rounds = tonumber(arg[1]) or 100000
  print(("fcr %s, %s"):format(fcr.version(), jit and jit.version or _VERSION))
  for _, close in ipairs({true, false}) do
    local figures = bench.measure(rounds, close, math.floor(rounds / 10))
    print(("%d rounds, freed by %s: RSS %d -> %d -> %d KiB, Lua heap %.0f -> %.0f KiB, %.1f s CPU"):format(
      rounds, close and "close()" or "garbage collector", figures.rss_start, figures.rss_middle,
      figures.rss_end, figures.heap_start, figures.heap_end, figures.seconds))
  end
end

return bench
