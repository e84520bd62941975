# One short, deterministic libFuzzer run: the committed seeds (every crash
# found so far among them) first, then RUNS mutated inputs with seed 1. New
# inputs go to a fresh WORK directory, never into the source tree; a crash
# input is written there too.
#
# cmake -DFUZZER=... -DRUNS=N -DSEEDS=<dir> -DWORK=<dir> -P run_short.cmake

cmake_minimum_required(VERSION 3.20)
foreach(var FUZZER RUNS SEEDS WORK)
  if(NOT DEFINED ${var})
    message(FATAL_ERROR "run_short.cmake: ${var} is not set")
  endif()
endforeach()

file(REMOVE_RECURSE "${WORK}")
file(MAKE_DIRECTORY "${WORK}/corpus")
execute_process(COMMAND "${FUZZER}" -runs=${RUNS} -seed=1 -close_fd_mask=3
                        -artifact_prefix=${WORK}/ "${WORK}/corpus" "${SEEDS}"
                RESULT_VARIABLE status ERROR_VARIABLE log OUTPUT_VARIABLE out)
string(REGEX MATCHALL "#[0-9]+[ \t]+(INITED|DONE)[^\n]*" lines "${log}")
foreach(line ${lines})
  message("${line}")
endforeach()
if(NOT status EQUAL 0)
  message("${log}")
  message(FATAL_ERROR "the fuzz target failed (exit status ${status}); input in ${WORK}")
endif()
