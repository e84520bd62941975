# cmake -P script: the image built with drivers_off.conf really has none of the
# drivers of issue 4: .config says so and no object of theirs was linked.
# Variable: DIR (the image's build dir).
file(READ ${DIR}/.config config)
foreach(sym GIC_XEN ARM_VTIMER XEN_EVENTS XEN_GNTTAB XENSTORE)
	if(config MATCHES "\nCONFIG_${sym}=y")
		message(FATAL_ERROR "CONFIG_${sym} is still set in ${DIR}/.config")
	endif()
endforeach()
file(READ ${DIR}/erika.map map)
foreach(obj gic_xen.c arm_vtimer.c events.c shared_info.c gnttab.c xenstore.c xs_codec.c)
	if(map MATCHES "/${obj}\\.obj")
		message(FATAL_ERROR "${obj} was linked into ${DIR}/erika.elf")
	endif()
endforeach()
