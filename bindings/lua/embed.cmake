# Writes the Lua file INPUT as a C string constant named fcr_lua_glue into
# OUTPUT, so that the module carries its Lua part inside fcr.so.
# Usage: cmake -DINPUT=fcr_glue.lua -DOUTPUT=fcr_glue.h -P embed.cmake
file(READ ${INPUT} content HEX)
string(LENGTH "${content}" length)
set(bytes "")
set(line "")
math(EXPR last "${length} - 2")
foreach(offset RANGE 0 ${last} 2)
  string(SUBSTRING "${content}" ${offset} 2 byte)
  string(APPEND line "0x${byte},")
  string(LENGTH "${line}" line_length)
  if(line_length GREATER 90)
    string(APPEND bytes "    ${line}\n")
    set(line "")
  endif()
endforeach()
string(APPEND bytes "    ${line}0x00\n")
file(WRITE ${OUTPUT}.tmp
  "/* Generated from ${INPUT} by embed.cmake; do not edit. */\n"
  "static const char fcr_lua_glue[] = {\n${bytes}};\n")
file(RENAME ${OUTPUT}.tmp ${OUTPUT})
