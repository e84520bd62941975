# cmake -P script: configuring APP for BOARD with the settings in EXTRA ('|'
# separated -D arguments) must stop at configure time, and the message must
# match REGEX (it names the option). Variables: APP, BOARD, DIR, EXTRA, REGEX.
string(REPLACE "|" ";" EXTRA "${EXTRA}")
file(REMOVE_RECURSE ${DIR})
execute_process(
	COMMAND ${CMAKE_COMMAND} -GNinja -S ${APP} -B ${DIR} -DBOARD=${BOARD} ${EXTRA}
	RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc)
	message(FATAL_ERROR "configuring with ${EXTRA} succeeded, but it must be refused")
endif()
# CMake wraps a message's long lines: compare with the white space folded.
string(REGEX REPLACE "[ \t\r\n]+" " " flat "${out}${err}")
if(NOT flat MATCHES "${REGEX}")
	message(FATAL_ERROR "configuring failed, but without the expected message:\n"
		"  expected: ${REGEX}\n${out}${err}")
endif()
if(EXISTS ${DIR}/build.ninja)
	message(FATAL_ERROR "a refused configuration still wrote ${DIR}/build.ninja")
endif()
message(STATUS "refused as expected:\n${err}")
