# Checks the Kconfig fragment of a board: the listed symbols have the listed values, and
# every symbol comes from the known-compatibles list (a compatible of a board that the
# list lacks gets no symbol on the other boards, so Kconfig could not depend on it).
#
# cmake -DKCONFIG=Kconfig.dts -DKNOWN=compatibles.txt -DEXPECT="XEN_XEN=y,ARM_PL061=n"
#       -P expect_kconfig.cmake

cmake_minimum_required(VERSION 3.20)

foreach(var KCONFIG KNOWN EXPECT)
  if(NOT DEFINED ${var})
    message(FATAL_ERROR "expect_kconfig.cmake: ${var} is not set")
  endif()
endforeach()

file(READ "${KCONFIG}" text)
string(REPLACE "," ";" expectations "${EXPECT}")
foreach(item IN LISTS expectations)
  string(REPLACE "=" ";" pair "${item}")
  list(GET pair 0 sym)
  list(GET pair 1 value)
  string(FIND "${text}" "config DT_HAS_${sym}_ENABLED\n\tdef_bool ${value}\n" at)
  if(at EQUAL -1)
    message(FATAL_ERROR "DT_HAS_${sym}_ENABLED is not def_bool ${value}")
  endif()
endforeach()

file(STRINGS "${KNOWN}" lines)
set(known_syms "")
foreach(line IN LISTS lines)
  string(REGEX REPLACE "#.*" "" line "${line}")
  string(STRIP "${line}" line)
  if(line)
    string(TOUPPER "${line}" sym)
    string(REGEX REPLACE "[^A-Z0-9]" "_" sym "${sym}")
    list(APPEND known_syms "${sym}")
  endif()
endforeach()
string(REGEX MATCHALL "config DT_HAS_[A-Z0-9_]+_ENABLED" configs "${text}")
foreach(config IN LISTS configs)
  string(REGEX REPLACE "config DT_HAS_(.*)_ENABLED" "\\1" sym "${config}")
  if(NOT sym IN_LIST known_syms)
    message(FATAL_ERROR "the board has a compatible (DT_HAS_${sym}_ENABLED) missing from ${KNOWN}")
  endif()
endforeach()
