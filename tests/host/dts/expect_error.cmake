# Runs gen_defines on input that it must reject and checks how it fails:
# exit status 1, the first stderr line starting with EXPECT_PREFIX and holding EXPECT_TEXT,
# and neither output left behind, not even the stale ones planted before the run, nor a
# temporary file.
#
# cmake -DTOOL=... -DDTB=... -DOUT_DIR=... -DEXPECT_PREFIX=... -DEXPECT_TEXT=...
#       [-DBINDINGS=dir1;dir2] -P expect_error.cmake

cmake_minimum_required(VERSION 3.20)

foreach(var TOOL DTB OUT_DIR EXPECT_PREFIX EXPECT_TEXT)
  if(NOT DEFINED ${var})
    message(FATAL_ERROR "expect_error.cmake: ${var} is not set")
  endif()
endforeach()

file(REMOVE_RECURSE "${OUT_DIR}")
file(MAKE_DIRECTORY "${OUT_DIR}")
set(header "${OUT_DIR}/devicetree_generated.h")
set(kconfig "${OUT_DIR}/Kconfig.dts")
# Outputs of an earlier, good run: an error must not leave them to be used.
file(WRITE "${header}" "stale\n")
file(WRITE "${kconfig}" "stale\n")

set(args --dtb "${DTB}" --header "${header}" --kconfig "${kconfig}")
foreach(dir IN LISTS BINDINGS)
  list(APPEND args --bindings "${dir}")
endforeach()
# TOOL may be a command with arguments (a list): the interpreter and the script.
execute_process(COMMAND ${TOOL} ${args} RESULT_VARIABLE status ERROR_VARIABLE errors
                OUTPUT_VARIABLE output)
message("gen_defines said: ${errors}")

if(NOT status EQUAL 1)
  message(FATAL_ERROR "exit status ${status}, expected 1")
endif()
string(FIND "${errors}" "${EXPECT_PREFIX}" at)
if(NOT at EQUAL 0)
  message(FATAL_ERROR "the message does not start with: ${EXPECT_PREFIX}")
endif()
string(FIND "${errors}" "${EXPECT_TEXT}" at)
if(at EQUAL -1)
  message(FATAL_ERROR "the message does not say: ${EXPECT_TEXT}")
endif()
if(errors MATCHES "Traceback")
  message(FATAL_ERROR "a Python exception escaped: the tool has a bug")
endif()
file(GLOB left "${OUT_DIR}/*")
if(left)
  message(FATAL_ERROR "left behind after the error: ${left}")
endif()
