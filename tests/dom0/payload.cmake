# cmake -P script: cross-build the erika-xen module for the dom0 kernel of the
# xenrun cache and lay out the --payload-extra directory of the boot test:
# the hooks (pre.sh, running.sh, post.sh and their checks.sh), the shell
# helpers they share with the pin server tests (tests/pin_server/tools/lib.sh),
# erika-xen.ko and the alloc_unbound helper (a static armhf program).
# Variables: BASE (project root), SRC (tests/dom0), OUT (payload dir).
file(REMOVE_RECURSE ${OUT})
file(MAKE_DIRECTORY ${OUT})
file(GLOB hooks ${SRC}/hooks/*.sh)
file(COPY ${hooks} ${BASE}/tests/pin_server/tools/lib.sh DESTINATION ${OUT})
execute_process(
	COMMAND ${BASE}/scripts/xenrun/build_dom0_module.sh ${BASE}/samples/pin_server/dom0 ${OUT}
	RESULT_VARIABLE rc)
if(rc)
	message(FATAL_ERROR "build_dom0_module.sh failed (${rc})")
endif()
if(NOT EXISTS ${OUT}/erika-xen.ko)
	message(FATAL_ERROR "no erika-xen.ko in ${OUT}")
endif()
# The Xen public headers of libxen-dev are architecture-neutral; the cross
# compiler's own headers come first.
execute_process(
	COMMAND arm-linux-gnueabihf-gcc -static -O2 -Wall -Wextra -Werror -idirafter /usr/include
		-o ${OUT}/alloc_unbound ${SRC}/alloc_unbound.c
	RESULT_VARIABLE rc)
if(rc)
	message(FATAL_ERROR "cannot build alloc_unbound (${rc})")
endif()
