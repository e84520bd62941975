# cmake -P script: configure and build one application (used by erika_build()).
# Variables: APP (source dir), BOARD, DIR (build dir), EXTRA (more cmake
# arguments, separated by '|' since ';' does not survive the command line).
string(REPLACE "|" ";" EXTRA "${EXTRA}")
execute_process(
	COMMAND ${CMAKE_COMMAND} -GNinja -S ${APP} -B ${DIR} -DBOARD=${BOARD} ${EXTRA}
	RESULT_VARIABLE rc)
if(rc)
	message(FATAL_ERROR "configuring ${APP} for ${BOARD} failed")
endif()
execute_process(COMMAND ${CMAKE_COMMAND} --build ${DIR} RESULT_VARIABLE rc)
if(rc)
	message(FATAL_ERROR "building ${APP} for ${BOARD} failed")
endif()
