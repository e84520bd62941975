# cmake -P script: the --payload-extra directory of a pin server dom0 test:
# its hooks, the shared helpers (tools/lib.sh), the erika-xen module built by
# the dom0 tests' fixture and the pin_io helper (a static armhf program).
# Variables: BASE (project root), HOOKS (the test's hook scripts, '|'
# separated), MODULE (erika-xen.ko), OUT (payload dir).
string(REPLACE "|" ";" HOOKS "${HOOKS}")
set(TOOLS ${BASE}/tests/pin_server/tools)
file(REMOVE_RECURSE ${OUT})
file(MAKE_DIRECTORY ${OUT})
file(COPY ${HOOKS} ${TOOLS}/lib.sh ${MODULE} DESTINATION ${OUT})
# Linux's headers come with the cross compiler's libc (libc6-dev-armhf-cross).
execute_process(
	COMMAND arm-linux-gnueabihf-gcc -static -O2 -Wall -Wextra -Werror
		-o ${OUT}/pin_io ${TOOLS}/pin_io.c
	RESULT_VARIABLE rc)
if(rc)
	message(FATAL_ERROR "cannot build pin_io (${rc})")
endif()
