# cmake -P script: run xenrun.py dom0 with the built erika.cfg plus extra
# lines (settings the generated config does not have, e.g. a higher
# max_event_channels), written next to it so `kernel` still resolves.
# Variables: PYTHON, XENRUN, DIR (image build dir), LINES and ARGS ('|'-separated
# lists: a ';' does not survive the trip through add_test).
file(READ ${DIR}/erika.cfg cfg)
string(REPLACE "|" ";" LINES "${LINES}")
string(REPLACE "|" ";" ARGS "${ARGS}")
foreach(line ${LINES})
	string(APPEND cfg "${line}\n")
endforeach()
file(WRITE ${DIR}/erika-test.cfg "${cfg}")
execute_process(
	COMMAND ${PYTHON} ${XENRUN} dom0 --image ${DIR}/erika.bin --cfg ${DIR}/erika-test.cfg ${ARGS}
	RESULT_VARIABLE rc)
if(rc)
	message(FATAL_ERROR "xenrun.py failed (${rc})")
endif()
