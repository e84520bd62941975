# cmake -P script: configure and build one application (used by erika_build()).
# Variables: APP (source dir), BOARD, DIR (build dir), EXTRA (more cmake
# arguments, separated by '|' since ';' does not survive the command line),
# BUILD_TARGET (optional: build this target instead of the default one).
string(REPLACE "|" ";" EXTRA "${EXTRA}")
execute_process(
	COMMAND ${CMAKE_COMMAND} -GNinja -S ${APP} -B ${DIR} -DBOARD=${BOARD} ${EXTRA}
	RESULT_VARIABLE rc)
if(rc)
	message(FATAL_ERROR "configuring ${APP} for ${BOARD} failed")
endif()
set(target "")
if(BUILD_TARGET)
	set(target --target ${BUILD_TARGET})
endif()
execute_process(COMMAND ${CMAKE_COMMAND} --build ${DIR} ${target} RESULT_VARIABLE rc)
if(rc)
	message(FATAL_ERROR "building ${APP} for ${BOARD} failed")
endif()
