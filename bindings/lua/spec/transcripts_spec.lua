-- SPDX-License-Identifier: MIT
-- Transcripts, rule sets and the calls derived from them.
local fcr = require "fcr"
local support = require "spec.support"

local transcripts = support.source_dir .. "/tests/data/transcripts"
local abcd = transcripts .. "/abcd/abcd_sample.json"
local chat = transcripts .. "/contact-lens/chat_analysis_redacted.json"
local commented = transcripts .. "/contact-lens/voice_analysis_redacted.json"
local dialogues = transcripts .. "/mts-dialog/MTS-Dialog-ValidationSet-first8.csv"
local labelled = transcripts .. "/labelled.jsonl"
local doctor = transcripts .. "/primock57/day1_consultation01_doctor.TextGrid"
local patient = transcripts .. "/primock57/day1_consultation01_patient.TextGrid"

local function ids(list)
  local result = {}
  for index, transcript in ipairs(list) do
    result[index] = transcript.id
  end
  return result
end

describe("transcripts", function()
  it("lists the formats", function()
    assert.are.same({"json", "textgrid", "contact-lens", "abcd", "csv-dialogue"},
                    fcr.transcript_formats())
  end)

  it("guesses formats like fcr events", function()
    assert.are.equal("abcd", fcr.guess_transcript_format(abcd))
    assert.are.equal("contact-lens", fcr.guess_transcript_format(chat))
    assert.are.equal("csv-dialogue", fcr.guess_transcript_format(dialogues))
    assert.are.equal("json", fcr.guess_transcript_format(labelled))
    assert.are.equal("textgrid", fcr.guess_transcript_format(doctor))
  end)

  it("loads files in a given or guessed format", function()
    local explicit = fcr.Transcript.load_file(abcd, "abcd")
    local guessed = fcr.Transcript.load_file(abcd)
    assert.are.equal(3, #explicit)
    assert.are.same(ids(explicit), ids(guessed))
    assert.are.equal(8, #fcr.Transcript.load_file(dialogues))
    if math.type then
      assert.are.equal("integer", math.type(explicit[1].turn_count))
    end
  end)

  it("loads a string like its file", function()
    local text = support.read_file(abcd)
    local from_text = fcr.Transcript.load(text, "abcd", "abcd_sample.json")
    local guessed = fcr.Transcript.load(text, nil)
    local from_file = fcr.Transcript.load_file(abcd, "abcd")
    assert.are.equal(from_file[1]:to_json(), from_text[1]:to_json())
    assert.are.same(ids(from_file), ids(guessed))
  end)

  it("reads a TextGrid pair", function()
    local pair = fcr.Transcript.load_textgrid_files(doctor, patient)
    local texts = fcr.Transcript.load_textgrid(support.read_file(doctor), support.read_file(patient),
                                               "day1_consultation01")
    local from_patient = fcr.Transcript.load_file(patient)
    assert.are.equal("day1_consultation01", pair.id)
    assert.are.equal(pair:to_json(), texts:to_json())
    assert.are.equal(pair:to_json(), from_patient[1]:to_json())
    local first = pair.turns[1]
    assert.is_true(first.start >= 0)
    assert.is_true(first["end"] >= first.start)
  end)

  it("builds turns without text in tostring", function()
    local transcript = fcr.Transcript("call-7")
    transcript:set_started_at("2026-11-10T14:00:00Z")
    transcript:set_agent("agent-1", "front_desk")
    transcript:add_turn("agent", "Thanks for calling, how can I help?", 0, 2.5)
    transcript:add_turn("caller", "I need a refill of my inhaler")
    assert.are.equal(2, transcript.turn_count)
    assert.are.equal("2026-11-10T14:00:00Z", transcript.started_at)
    local turns = transcript.turns
    assert.are.equal("caller", turns[2].role)
    assert.is_nil(turns[2].start)
    assert.are.equal("I need a refill of my inhaler", turns[2].text)
    assert.are.equal('<fcr.Transcript id="call-7" turns=2>', tostring(transcript))
    assert.are.equal("<fcr.Turn role=agent start=0.00 end=2.50>", tostring(turns[1]))
    assert.are.equal("<fcr.Turn role=caller start=nil end=nil>", tostring(turns[2]))
  end)

  it("derives and scores a call", function()
    local transcript = fcr.Transcript.load_file(abcd)[1]
    local call = fcr.Call.from_transcript(transcript)
    assert.are.equal(transcript.id, call.id)
    assert.are.equal("replay", call.mode)
    assert.is_true(call:unobservable("documented"))
    assert.are.equal("unknown", call:score():result("documented"))
    local with_rules = fcr.Call.from_transcript(transcript, fcr.Policy(), fcr.Rules())
    assert.are.equal(call:to_json(), with_rules:to_json())
  end)

  it("overlays rules", function()
    local rules = fcr.Rules()
    local loaded = fcr.Rules.load('{"format": "fcr.rules/1", "rules": {"recap.summary": null}}',
                                  "practice.json")
    assert.are.equal(rules.count - 1, loaded.count)
    assert.are.equal(("<fcr.Rules count=%d>"):format(rules.count), tostring(rules))
  end)

  it("raises on a bad format or a missing file", function()
    local err = support.error_of(fcr.Transcript.load, "{}", "xml")
    assert.are.equal("invalid_argument", err.kind)
    assert.matches("unknown transcript format 'xml'", err.message)
    err = support.error_of(fcr.Transcript.load_file, transcripts .. "/no-such-transcript.json")
    assert.are.equal("file", err.kind)
    assert.matches("no%-such%-transcript.json", tostring(err))
    err = support.error_of(fcr.Transcript.load_file, transcripts .. "/no-such-transcript.json", "json")
    assert.are.equal("file", err.kind)
    err = support.error_of(fcr.Transcript.load_file, transcripts .. "/consultation.TextGrid")
    assert.matches("one file per speaker", err.message)
    -- A TextGrid whose partner is missing names the partner it looked for.
    local lonely = support.temporary_path("_doctor.TextGrid")
    local file = assert(io.open(lonely, "wb"))
    file:write(support.read_file(doctor))
    file:close()
    err = support.error_of(fcr.Transcript.load_file, lonely)
    os.remove(lonely)
    assert.are.equal("file", err.kind)
    assert.matches("_patient.TextGrid", err.message, 1, true)
    assert.matches("needs this file of the other speaker", err.message, 1, true)
    err = support.error_of(fcr.Transcript.load_file, abcd, "json")
    assert.are.equal("record", err.kind)
  end)

  it("raises a parse error with its position", function()
    local err = support.error_of(fcr.Transcript.load_file, commented, "contact-lens")
    assert.are.equal("parse", err.kind)
    assert.are.equal(10, err.line)
    assert.are.equal(44, err.column)
  end)

  it("raises on bad turns and roles", function()
    local transcript = fcr.Transcript("call-8")
    assert.are.equal("invalid_argument", support.error_of(transcript.add_turn, transcript, "nurse", "Hi").kind)
    assert.are.equal("invalid_argument", support.error_of(transcript.add_turn, transcript, "agent", "Hi", 5, 1).kind)
    assert.are.equal("invalid_argument", support.error_of(transcript.add_turn, transcript, "agent", "Hi", -2).kind)
    transcript:add_turn("agent", "Hello")
    transcript:set_agent("agent-1", "no_such_role")
    assert.are.equal("not_found", support.error_of(fcr.Call.from_transcript, transcript).kind)
    assert.are.equal("parse", support.error_of(fcr.Rules.load, "{").kind)
  end)

  it("raises after close and keeps copies", function()
    local transcript = fcr.Transcript.load_file(chat)[1]
    local turns = transcript.turns
    local rules = fcr.Rules()
    transcript:close()
    transcript:close()
    rules:close()
    assert.is_true(transcript:closed())
    assert.are.equal("<fcr.Transcript closed>", tostring(transcript))
    assert.are.equal("<fcr.Rules closed>", tostring(rules))
    local err = support.error_of(fcr.Call.from_transcript, transcript)
    assert.are.equal("state", err.kind)
    assert.matches("the Transcript is closed", err.message)
    local open = fcr.Transcript.load_file(chat)[1]
    assert.matches("the Rules is closed", support.error_of(fcr.Call.from_transcript, open, nil, rules).message)
    collectgarbage()
    assert.are.equal("system", turns[1].role)
  end)

  it("frees transcripts by the collector", function()
    for _ = 1, 100 do
      local items = fcr.Transcript.load_file(abcd)
      fcr.Call.from_transcript(items[1], nil, fcr.Rules())
    end
    collectgarbage()
    collectgarbage()
  end)

  it("walks turns, events and items with ipairs", function()
    local transcript = fcr.Transcript("call-8")
    transcript:add_turn("agent", "Good morning", 0, 1)
    transcript:add_turn("caller", "Hello", 1, 2)
    local roles = {}
    for _, turn in ipairs(transcript.turns) do
      roles[#roles + 1] = turn.role
    end
    assert.are.same({"agent", "caller"}, roles)

    local call = fcr.Call.from_transcript(transcript)
    local count = 0
    for _ in ipairs(call.events) do
      count = count + 1
    end
    assert.are.equal(call.event_count, count)
    local ids = {}
    for _, item in ipairs(call:score().items) do
      ids[#ids + 1] = item.id
    end
    assert.are.same(fcr.item_ids(), ids)
  end)
end)
