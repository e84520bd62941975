# cmake -P script: configuring and building APP for BOARD in DIR must fail,
# and the output must match REGEX (the message a user would see).
execute_process(
	COMMAND ${CMAKE_COMMAND} -GNinja -S ${APP} -B ${DIR} -DBOARD=${BOARD}
	RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc)
	execute_process(COMMAND ${CMAKE_COMMAND} --build ${DIR}
		RESULT_VARIABLE rc OUTPUT_VARIABLE out2 ERROR_VARIABLE err2)
	string(APPEND out "${out2}")
	string(APPEND err "${err2}")
endif()
if(NOT rc)
	message(FATAL_ERROR "${APP} built, but it must not")
endif()
if(NOT "${out}${err}" MATCHES "${REGEX}")
	message(FATAL_ERROR "${APP} failed, but without the expected message:\n"
		"  expected: ${REGEX}\n${out}${err}")
endif()
message(STATUS "${APP} refused as expected")
