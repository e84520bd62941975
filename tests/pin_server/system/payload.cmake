# cmake -P script: the --payload-extra directory of the pin server system test:
# its dom0 hook and the erika-xen module built by the dom0 tests' fixture.
# and the hostile client (a static armhf program).
# Variables: SRC (this folder), BASE (project root), MODULE (erika-xen.ko),
# OUT (payload dir).
file(REMOVE_RECURSE ${OUT})
file(MAKE_DIRECTORY ${OUT})
file(COPY ${SRC}/running.sh ${MODULE} DESTINATION ${OUT})
# Linux's gntdev.h/evtchn.h come with the cross compiler; Xen's own public
# headers (libxen-dev) are architecture-neutral and come after them.
execute_process(
	COMMAND arm-linux-gnueabihf-gcc -static -O2 -Wall -Wextra -Werror
		-I${BASE}/samples/pin_server/include
		-idirafter /usr/include -D__XEN_INTERFACE_VERSION__=0x00040e00
		-o ${OUT}/hostile ${SRC}/hostile.c
	RESULT_VARIABLE rc)
if(rc)
	message(FATAL_ERROR "cannot build the hostile client (${rc})")
endif()
