# cmake -P script: the --payload-extra directory of the pin server system test:
# its dom0 hook and the erika-xen module built by the dom0 tests' fixture.
# Variables: SRC (this folder), MODULE (erika-xen.ko), OUT (payload dir).
file(REMOVE_RECURSE ${OUT})
file(MAKE_DIRECTORY ${OUT})
file(COPY ${SRC}/running.sh ${MODULE} DESTINATION ${OUT})
