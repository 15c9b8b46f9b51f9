/* SPDX-License-Identifier: MIT */
/*
 * Lua glue of the libfcr binding: error objects, integers that stay
 * integers on Lua 5.4, times as RFC 3339 text, lists as tables, 1-based
 * event positions, and the Lua-only conveniences of fcr_glue.lua, which is
 * compiled into the module. The classes and their methods come from
 * ../fcr.i. The same generated code builds for Lua 5.4 and LuaJIT 2.1.
 */

%module fcr

%{
#include <stdbool.h>

#include "fcr_glue.h"

/* Whole numbers from 0 to 2^53, the integers a double holds exactly: the
 * range check comes first, because converting a larger double or a NaN to
 * an integer type is undefined behavior in C. */
#define BIND_LUA_MAX_WHOLE 9007199254740992.0
#define BIND_LUA_IS_WHOLE(number, minimum) \
    ((number) >= (minimum) && (number) <= BIND_LUA_MAX_WHOLE && \
     (number) == (lua_Number)(long long)(number))

/* Defined after fcr.i's C code, used by the typemaps below. */
static void bind_lua_push_pending(lua_State *L);
static bool bind_lua_to_time(lua_State *L, int index, long long *out);

#define BIND_RAISE_PENDING() bind_lua_push_pending(L)
#define BIND_METHOD_SEPARATOR ":"
#define BIND_NONE_TEXT "nil"
#define BIND_CLASS_PREFIX "fcr."
%}

/* ---- Typemaps ----------------------------------------------------------- */

/* Integers come back as Lua integers (SWIG 4.1 pushes floats otherwise). */
%typemap(out) int, unsigned int, long, unsigned long, long long, unsigned long long, size_t
%{ lua_pushinteger(L, (lua_Integer)$1); SWIG_arg++; %}

/* Sizes and counts: a non-negative integral number. */
%typemap(in, checkfn="lua_isnumber") size_t {
  lua_Number number = lua_tonumber(L, $input);
  if (!BIND_LUA_IS_WHOLE(number, 0)) {
    bind_fail(FCR_EINVAL, "argument %d of %s must be a non-negative integer", $argnum, "$symname");
    BIND_RAISE_PENDING();
    SWIG_fail;
  }
  $1 = (size_t)number;
}

/* Positions passed by Lua code are 1-based, like the tables they index. */
%typemap(in, checkfn="lua_isnumber") size_t index {
  lua_Number number = lua_tonumber(L, $input);
  if (!BIND_LUA_IS_WHOLE(number, 1)) {
    bind_fail(FCR_EINVAL, "argument %d of %s must be a position from 1", $argnum, "$symname");
    BIND_RAISE_PENDING();
    SWIG_fail;
  }
  $1 = (size_t)number - 1;
}

/* Text arguments: a string, or nil where the C function accepts NULL. A
 * NUL byte would silently cut the text, so it is rejected. */
%typemap(in, checkfn="SWIG_lua_isnilstring", fragment="SWIG_lua_isnilstring") const char * {
  size_t length = 0;
  $1 = ($ltype)lua_tolstring(L, $input, &length);
  if ($1 != NULL && strlen($1) != length) {
    bind_fail(FCR_EINVAL, "argument %d of %s contains a NUL byte", $argnum, "$symname");
    BIND_RAISE_PENDING();
    SWIG_fail;
  }
}

/* A document; NUL bytes are left for the parser to reject with a position. */
%typemap(in, checkfn="lua_isstring") (const char *text, size_t length) {
  $1 = ($1_ltype)lua_tolstring(L, $input, &$2);
}

/* A table of strings, or nil for none. */
%typemap(in) (const char *const *phrases, size_t count) {
  $1 = NULL;
  $2 = 0;
  if (!lua_isnil(L, $input)) {
    if (!lua_istable(L, $input)) {
      bind_fail(FCR_EINVAL, "argument %d of %s must be a table of strings", $argnum, "$symname");
      BIND_RAISE_PENDING();
      SWIG_fail;
    }
    size_t count = (size_t)lua_rawlen(L, $input);
    $1 = calloc(count > 0 ? count : 1, sizeof(char *));
    if ($1 == NULL) {
      bind_fail_nomem();
      BIND_RAISE_PENDING();
      SWIG_fail;
    }
    for (size_t i = 0; i < count; i++) {
      lua_rawgeti(L, $input, (int)(i + 1));
      /* The table keeps the string alive after the pop. */
      const char *text = lua_type(L, -1) == LUA_TSTRING ? lua_tostring(L, -1) : NULL;
      lua_pop(L, 1);
      if (text == NULL) {
        bind_fail(FCR_EINVAL, "item %zu of argument %d of %s is not a string", i + 1, $argnum,
                  "$symname");
        BIND_RAISE_PENDING();
        SWIG_fail;
      }
      ((const char **)$1)[i] = text;
    }
    $2 = count;
  }
}
%typemap(freearg) (const char *const *phrases, size_t count) {
  free((void *)$1);
}

/* Instants: RFC 3339 text or an integer of milliseconds since the Unix
 * epoch in; RFC 3339 UTC text or nil out. */
%typemap(in) fcr_time {
  long long value = 0;
  if (!bind_lua_to_time(L, $input, &value)) {
    BIND_RAISE_PENDING();
    SWIG_fail;
  }
  $1 = value;
}
%typemap(out) fcr_time {
  char text[FCR_TIME_TEXT_SIZE];
  if ($1 == FCR_TIME_NONE || fcr_time_format(text, sizeof text, $1) != FCR_OK)
    lua_pushnil(L);
  else
    lua_pushstring(L, text);
  SWIG_arg++;
}

%typemap(out) bind_tristate {
  if ($1 < 0)
    lua_pushnil(L);
  else
    lua_pushboolean(L, $1);
  SWIG_arg++;
}

/* Event positions are 1-based in Lua, like the tables they index. */
%typemap(out) bind_index {
  if ($1 == SIZE_MAX)
    lua_pushnil(L);
  else
    lua_pushinteger(L, (lua_Integer)$1 + 1);
  SWIG_arg++;
}

%typemap(out) bind_rate {
  if ($1 < 0)
    lua_pushnil(L);
  else
    lua_pushnumber(L, $1);
  SWIG_arg++;
}

/* Seconds of a turn: a number, or nil when unknown. */
%typemap(in) bind_seconds {
  if (lua_isnoneornil(L, $input)) {
    $1 = -1;
  } else if (lua_type(L, $input) == LUA_TNUMBER && lua_tonumber(L, $input) >= 0) {
    $1 = lua_tonumber(L, $input);
  } else {
    bind_fail(FCR_EINVAL, "argument %d of %s must be seconds from 0, or nil when unknown",
              $argnum, "$symname");
    BIND_RAISE_PENDING();
    SWIG_fail;
  }
}
%typemap(out) bind_seconds {
  if ($1 < 0)
    lua_pushnil(L);
  else
    lua_pushnumber(L, $1);
  SWIG_arg++;
}

%typemap(out) bind_strings {
  lua_createtable(L, (int)$1.count, 0);
  for (size_t i = 0; i < $1.count; i++) {
    lua_pushstring(L, $1.items[i]);
    lua_rawseti(L, -2, (int)(i + 1));
  }
  free($1.items);
  SWIG_arg++;
}

%typemap(out) bind_indexes {
  lua_createtable(L, (int)$1.count, 0);
  for (size_t i = 0; i < $1.count; i++) {
    lua_pushinteger(L, (lua_Integer)$1.items[i] + 1);
    lua_rawseti(L, -2, (int)(i + 1));
  }
  free($1.items);
  SWIG_arg++;
}

/* Lists of new objects: a table of owned userdata. */
%define BIND_LUA_OBJECT_LIST(LIST_TYPE, ITEM_TYPE)
%typemap(out) LIST_TYPE {
  lua_createtable(L, (int)$1.count, 0);
  for (size_t i = 0; i < $1.count; i++) {
    SWIG_NewPointerObj(L, $1.items[i], $descriptor(ITEM_TYPE *), 1);
    lua_rawseti(L, -2, (int)(i + 1));
  }
  free($1.items);
  SWIG_arg++;
}
%enddef

BIND_LUA_OBJECT_LIST(bind_concern_list, bind_concern)
BIND_LUA_OBJECT_LIST(bind_deviation_list, bind_deviation)
BIND_LUA_OBJECT_LIST(bind_event_list, bind_event)
BIND_LUA_OBJECT_LIST(bind_item_list, bind_item)
BIND_LUA_OBJECT_LIST(bind_missing_list, bind_missing)
BIND_LUA_OBJECT_LIST(bind_metrics_group_list, bind_metrics_group)
BIND_LUA_OBJECT_LIST(bind_transcript_list, bind_transcript)
BIND_LUA_OBJECT_LIST(bind_turn_list, bind_turn)
BIND_LUA_OBJECT_LIST(bind_contact_result_list, bind_contact_result)

/* ---- The shared interface ------------------------------------------------- */

/* __repr__ of fcr.i becomes the __tostring metamethod. */
%rename(__tostring) __repr__;

%include "fcr.i"

/* ---- Errors, times and the glue in C ---------------------------------------- */

%{
#define BIND_LUA_ERROR_METATABLE "fcr.Error"

static int bind_lua_error_tostring(lua_State *L)
{
    lua_getfield(L, 1, "message");
    if (!lua_isstring(L, -1))
        lua_pushliteral(L, "fcr error");
    return 1;
}

/* Pushes the pending failure as an error object: a table with status,
 * kind, message, and field, line and column where known, whose
 * __tostring returns the message. */
static void bind_lua_push_pending(lua_State *L)
{
    const bind_failure *failure = &bind_pending;
    lua_createtable(L, 0, 6);
    lua_pushinteger(L, failure->status);
    lua_setfield(L, -2, "status");
    lua_pushstring(L, bind_kind_of(failure->status)->kind);
    lua_setfield(L, -2, "kind");
    lua_pushstring(L, failure->message);
    lua_setfield(L, -2, "message");
    if (failure->field[0] != '\0') {
        lua_pushstring(L, failure->field);
        lua_setfield(L, -2, "field");
    }
    if (failure->line > 0) {
        lua_pushinteger(L, (lua_Integer)failure->line);
        lua_setfield(L, -2, "line");
        lua_pushinteger(L, (lua_Integer)failure->column);
        lua_setfield(L, -2, "column");
    }
    luaL_getmetatable(L, BIND_LUA_ERROR_METATABLE);
    lua_setmetatable(L, -2);
}

static bool bind_lua_to_time(lua_State *L, int index, long long *out)
{
    if (lua_type(L, index) == LUA_TNUMBER) {
        lua_Number number = lua_tonumber(L, index);
        if (!(number >= (lua_Number)FCR_TIME_MIN && number <= (lua_Number)FCR_TIME_MAX) ||
            number != (lua_Number)(long long)number) {
            bind_fail(FCR_EINVAL, "an instant must be whole milliseconds between years 0001 and 9999");
            return false;
        }
        *out = (long long)number;
        return true;
    }
    if (lua_type(L, index) == LUA_TSTRING) {
        fcr_time time = 0;
        if (!bind_ok(fcr_time_parse(&time, lua_tostring(L, index))))
            return false;
        *out = time;
        return true;
    }
    bind_fail(FCR_EINVAL, "expected an instant as RFC 3339 text or milliseconds since the epoch, "
                          "not %s", luaL_typename(L, index));
    return false;
}

/* Pushes the metatable that SWIG made for the class of `type`. */
static void bind_lua_push_class(lua_State *L, swig_type_info *type)
{
    SWIG_Lua_get_class_metatable(L, ((swig_lua_class *)type->clientdata)->fqname);
}

/* Runs fcr_glue.lua with the module table and the class metatables. */
static void bind_lua_init(lua_State *L)
{
    int module = lua_gettop(L);

    if (luaL_newmetatable(L, BIND_LUA_ERROR_METATABLE)) {
        lua_pushcfunction(L, bind_lua_error_tostring);
        lua_setfield(L, -2, "__tostring");
        lua_pushliteral(L, BIND_LUA_ERROR_METATABLE);
        lua_setfield(L, -2, "__name");
    }
    lua_setfield(L, module, "Error");

    if (luaL_loadbuffer(L, fcr_lua_glue, sizeof fcr_lua_glue - 1, "=fcr_glue.lua") != 0)
        lua_error(L);
    lua_pushvalue(L, module);
    lua_createtable(L, 0, 24);
    static const struct {
        const char *name;
        swig_type_info **type;
    } classes[] = {
        {"Policy", &SWIGTYPE_p_bind_policy},
        {"Event", &SWIGTYPE_p_bind_event},
        {"Call", &SWIGTYPE_p_bind_call},
        {"Scorecard", &SWIGTYPE_p_bind_scorecard},
        {"Guidance", &SWIGTYPE_p_bind_guidance},
        {"Reader", &SWIGTYPE_p_bind_reader},
        {"ScoreBatch", &SWIGTYPE_p_bind_batch},
        {"Concern", &SWIGTYPE_p_bind_concern},
        {"Deviation", &SWIGTYPE_p_bind_deviation},
        {"ChecklistItem", &SWIGTYPE_p_bind_item},
        {"Missing", &SWIGTYPE_p_bind_missing},
        {"Metrics", &SWIGTYPE_p_bind_metrics},
        {"MetricsGroup", &SWIGTYPE_p_bind_metrics_group},
        {"Rules", &SWIGTYPE_p_bind_rules},
        {"Transcript", &SWIGTYPE_p_bind_transcript},
        {"Turn", &SWIGTYPE_p_bind_turn},
        {"ContactReader", &SWIGTYPE_p_bind_contact_reader},
        {"Contact", &SWIGTYPE_p_bind_contact},
        {"ContactResult", &SWIGTYPE_p_bind_contact_result},
    };
    for (size_t i = 0; i < sizeof classes / sizeof classes[0]; i++) {
        bind_lua_push_class(L, *classes[i].type);
        lua_setfield(L, -2, classes[i].name);
    }
    lua_call(L, 2, 0);
}
%}

%init %{
    bind_lua_init(L);
%}
