# Runs the production gen_defines (built without sanitizers) and checks that it writes the
# very files that the sanitized build wrote at build time.
#
# cmake -DTOOL=... -DDTB=... -DKNOWN=... -DOUT_DIR=... -DREF_DIR=... -P expect_same.cmake

cmake_minimum_required(VERSION 3.20)

file(REMOVE_RECURSE "${OUT_DIR}")
file(MAKE_DIRECTORY "${OUT_DIR}")
execute_process(COMMAND "${TOOL}" --dtb "${DTB}" --known-compats "${KNOWN}"
                        --header "${OUT_DIR}/devicetree_generated.h"
                        --kconfig "${OUT_DIR}/Kconfig.dts"
                RESULT_VARIABLE status)
if(NOT status EQUAL 0)
  message(FATAL_ERROR "gen_defines failed: ${status}")
endif()
foreach(file devicetree_generated.h Kconfig.dts)
  execute_process(COMMAND "${CMAKE_COMMAND}" -E compare_files "${REF_DIR}/${file}"
                          "${OUT_DIR}/${file}" RESULT_VARIABLE differ)
  if(differ)
    message(FATAL_ERROR "${file} differs from the one in ${REF_DIR}")
  endif()
endforeach()
