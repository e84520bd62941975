# Checks the Kconfig fragment of a board: the listed symbols have the listed values. (That
# every compatible of a board has a binding, and so a symbol on every board, gen_defines
# checks itself.)
#
# cmake -DKCONFIG=Kconfig.dts -DEXPECT="XEN_XEN=y,ARM_PL061=n"
#       -P expect_kconfig.cmake

cmake_minimum_required(VERSION 3.20)

foreach(var KCONFIG EXPECT)
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
