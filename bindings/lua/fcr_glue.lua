-- SPDX-License-Identifier: MIT
-- Lua-only conveniences of the fcr module. The build compiles this file
-- into fcr.so, and luaopen_fcr runs it once with the module table and the
-- metatables SWIG made for the classes. Runs on Lua 5.4 and LuaJIT 2.1.
local fcr, classes = ...

local function methods(class_name)
  return classes[class_name][".fn"]
end

-- Raises an invalid-argument fcr.Error, like the errors the C side raises.
local function invalid_argument(message)
  error(setmetatable({status = -1, kind = "invalid_argument", message = message}, fcr.Error), 3)
end

-- Lua 5.4 closes a `local x <close> = ...` handle when its scope ends.
for _, metatable in pairs(classes) do
  if metatable[".fn"].close ~= nil then
    metatable.__close = function(handle)
      handle:close()
    end
  end
end

-- Events ----------------------------------------------------------------

local event_methods = methods("Event")

-- Sets a field from a Lua value of the field's kind. Text fields take a
-- string, yes/no fields a boolean and "due_at" RFC 3339 text or
-- milliseconds. List fields take a table of strings, whose items are added.
function event_methods.set(event, field, value)
  local kind = fcr.Event.field_kind(field)
  if kind == "bool" then
    if type(value) ~= "boolean" then
      invalid_argument(string.format("field '%s' takes a boolean, not %s", tostring(field), type(value)))
    end
    event:set_bool(field, value)
  elseif kind == "time" then
    event:set_time(field, value)
  elseif kind == "list" then
    if type(value) ~= "table" then
      invalid_argument(string.format("field '%s' takes a table of strings, not %s", tostring(field),
                                     type(value)))
    end
    for _, item in ipairs(value) do
      event:add_string(field, item)
    end
  else
    event:set_string(field, value)
  end
end

-- Returns a field as a Lua value, or nil when it is not set.
function event_methods.get(event, field)
  local kind = fcr.Event.field_kind(field)
  if kind == "bool" then
    return event:get_bool(field)
  elseif kind == "time" then
    return event:get_time(field)
  elseif kind == "list" then
    local list = event:get_list(field)
    if #list == 0 then
      return nil
    end
    return list
  end
  return event:get_string(field)
end

-- Returns the fields that are set, as a table from name to value.
function event_methods.fields(event)
  local fields = {}
  for _, name in ipairs(event.field_names) do
    fields[name] = event:get(name)
  end
  return fields
end

local reserved = {type = true, at = true, concern = true}

-- Creates an event from a table such as
-- {type = "resolved", at = "2026-11-10T14:05:00Z", concern = "c1", action = "..."}.
function fcr.event(spec)
  if type(spec) ~= "table" then
    invalid_argument("fcr.event expects a table with type, at and the event's fields, not " .. type(spec))
  end
  local event = fcr.Event(spec.type, spec.at)
  if spec.concern ~= nil then
    event.concern = spec.concern
  end
  for name, value in pairs(spec) do
    if not reserved[name] then
      event:set(name, value)
    end
  end
  return event
end

-- Calls -----------------------------------------------------------------

local call_methods = methods("Call")
local append_event = call_methods.append

-- Records a copy of an event, given as an Event or as a table for
-- fcr.event(). In live mode a workflow guard may reject it: the error's
-- kind is then "workflow" and the call is unchanged.
function call_methods.append(call, event)
  if type(event) == "table" then
    event = fcr.event(event)
  end
  append_event(call, event)
end

-- Streams ---------------------------------------------------------------

-- Returns a generic-for iterator that calls `read` until it returns nil.
-- A failure raises its error, unless `on_error` is given: it is then
-- called with the error and reading goes on. The reader is closed at the
-- end, and by Lua 5.4 when the loop is left early.
local function stream(reader, read, on_error)
  local function next_item()
    while true do
      local ok, item = pcall(read, reader)
      if ok then
        if item == nil then
          reader:close()
        end
        return item
      end
      if on_error == nil then
        reader:close()
        error(item, 0)
      end
      on_error(item)
    end
  end
  return next_item, nil, nil, reader
end

local function reader_options(options)
  options = options or {}
  if options.strict ~= nil and type(options.strict) ~= "boolean" then
    invalid_argument("the strict option must be a boolean, not " .. type(options.strict))
  end
  return options.policy, options.mode or "replay", options.on_error, options.strict == true
end

-- Iterates over the calls of a file of fcr.call/1 records (JSON Lines or
-- documents one after another): for call in fcr.read_calls(path) do ... end.
-- options: policy, mode ("replay" or "live"), on_error(err), strict (true
-- rejects fields that fcr.call/1 does not define).
function fcr.read_calls(path, options)
  local policy, mode, on_error, strict = reader_options(options)
  local reader = fcr.Reader(path, policy, mode, strict)
  return stream(reader, reader.next, on_error)
end

local function scorecards(reader, on_error, batch_size)
  local batch, index = nil, 0
  local function next_scorecard()
    if batch == nil or index >= batch.count then
      batch, index = reader:score_batch(batch_size), 0
      if batch.count == 0 then
        return nil
      end
    end
    index = index + 1
    return batch:take(index)
  end
  return stream(reader, next_scorecard, on_error)
end

-- Iterates over the scorecards of every call in a file.
-- options: policy, on_error(err), batch_size (records scored per batch),
-- strict (as in fcr.read_calls).
function fcr.score_file(path, options)
  local policy, _, on_error, strict = reader_options(options)
  local reader = fcr.Reader(path, policy, "replay", strict)
  return scorecards(reader, on_error, options and options.batch_size or 256)
end

-- Iterates over the scorecards of records given as a table of JSON strings.
-- options: as in fcr.score_file.
function fcr.score_records(records, options)
  local policy, _, on_error, strict = reader_options(options)
  local reader = fcr.Reader.from_string(table.concat(records, "\n"), policy, "replay", "records",
                                        strict)
  return scorecards(reader, on_error, options and options.batch_size or 256)
end

-- Transcripts -------------------------------------------------------------

-- SWIG renames Turn.end, a Lua keyword, to c_end. This makes turn["end"]
-- read it too, under the name that the C API and Python use.
local turn_getters = classes.Turn[".get"]
turn_getters["end"] = turn_getters.c_end

-- Contact logs ------------------------------------------------------------

local contact_reader_methods = methods("ContactReader")

-- Returns a generic-for iterator over the contacts of the remaining rows:
-- for contact in reader:contacts() do ... end. A bad row raises its error,
-- unless `on_error` is given: it is then called with the error and reading
-- goes on. The reader stays open.
function contact_reader_methods.contacts(reader, on_error)
  return function()
    while true do
      local ok, contact = pcall(reader.next, reader)
      if ok then
        return contact
      end
      if on_error == nil then
        error(contact, 0)
      end
      on_error(contact)
    end
  end
end

-- Adds the contacts of every remaining row to `metrics` and returns how
-- many. options: on_error(err), called for each bad row before reading
-- goes on (without it the first bad row raises), and batch_size (rows per
-- call into C). A function in place of the table is on_error, as in
-- reader:contacts(on_error). Contacts added before a bad row stay added.
function contact_reader_methods.add_to(reader, metrics, options)
  if type(options) == "function" then
    options = {on_error = options}
  elseif options == nil then
    options = {}
  elseif type(options) ~= "table" then
    invalid_argument("ContactReader:add_to() takes an on_error function or an options table "
                     .. "as its second argument, not " .. type(options))
  end
  local on_error = options.on_error
  if on_error ~= nil and type(on_error) ~= "function" then
    invalid_argument("the on_error option of ContactReader:add_to() must be a function, not "
                     .. type(on_error))
  end
  local batch_size = options.batch_size or 256
  local added = 0
  while true do
    local ok, count = pcall(reader.feed, reader, metrics, batch_size)
    if not ok then
      if on_error == nil then
        error(count, 0)
      end
      on_error(count)
    elseif count == 0 then
      return added
    else
      added = added + count
    end
  end
end
