# The image: link the platform and the application with the linker script made
# from the devicetree, then
#   erika.elf ──objcopy -O binary──> ${CONFIG_XEN_IMAGE_NAME} (an uncompressed zImage)
#   erika.dtb + .config ──scripts/gen_domcfg──> erika.cfg (the xl domain config)
# and `ninja run` boots it under Xen in QEMU where the board can.

add_library(app OBJECT)

set(LINKER_SCRIPT ${CMAKE_BINARY_DIR}/linker.ld)
get_property(include_dirs DIRECTORY PROPERTY INCLUDE_DIRECTORIES)
list(TRANSFORM include_dirs PREPEND -I)
add_custom_command(
	OUTPUT ${LINKER_SCRIPT}
	COMMAND ${CMAKE_C_COMPILER} -E -P -x c -undef -D__ASSEMBLER__ -imacros ${AUTOCONF_H}
		${include_dirs} -o ${LINKER_SCRIPT} ${ERIKA_BASE}/arch/arm/xen/linker.ld.S
	DEPENDS ${ERIKA_BASE}/arch/arm/xen/linker.ld.S ${AUTOCONF_H}
		${ERIKA_BASE}/include/erika/arch/stack_guard.h
		${ERIKA_GENERATED_INCLUDE}/devicetree_generated.h
	COMMENT "Generating linker.ld from the devicetree memory node"
	VERBATIM)
add_custom_target(linker_script DEPENDS ${LINKER_SCRIPT})

add_executable(erika_elf $<TARGET_OBJECTS:erika> $<TARGET_OBJECTS:app>)
set_target_properties(erika_elf PROPERTIES OUTPUT_NAME erika SUFFIX .elf
	LINK_DEPENDS ${LINKER_SCRIPT})
add_dependencies(erika_elf linker_script)
target_link_options(erika_elf PRIVATE
	-nostdlib -T ${LINKER_SCRIPT}
	-Wl,--gc-sections -Wl,--fatal-warnings -Wl,--no-warn-rwx-segments
	-Wl,-Map=${CMAKE_BINARY_DIR}/erika.map)
# libgcc for 64-bit division helpers (__aeabi_uldivmod) and nothing else.
target_link_libraries(erika_elf PRIVATE gcc)

set(IMAGE ${CMAKE_BINARY_DIR}/${CONFIG_XEN_IMAGE_NAME})
set(DOMCFG ${CMAKE_BINARY_DIR}/erika.cfg)
add_custom_command(TARGET erika_elf POST_BUILD
	COMMAND ${CMAKE_OBJCOPY} -O binary $<TARGET_FILE:erika_elf> ${IMAGE}
	COMMAND ${ERIKA_HOST_PYTHON} ${ERIKA_BASE}/scripts/image_info.py ${IMAGE}
	COMMAND ${CMAKE_SIZE} $<TARGET_FILE:erika_elf>
	COMMENT "Image ${CONFIG_XEN_IMAGE_NAME}"
	VERBATIM)

file(GLOB gen_domcfg_sources ${ERIKA_BASE}/scripts/gen_domcfg/*.py
	${ERIKA_BASE}/scripts/gen_domcfg/domcfg/*.py ${ERIKA_BASE}/scripts/dts/dtmodel/*.py
	${ERIKA_BASE}/scripts/kconfig/dotconfig.py)
add_custom_command(
	OUTPUT ${DOMCFG}
	COMMAND ${ERIKA_HOST_PYTHON} ${ERIKA_BASE}/scripts/gen_domcfg/gen_domcfg.py
		--dtb ${ERIKA_DTB} --config ${DOTCONFIG} --output ${DOMCFG}
	DEPENDS ${ERIKA_DTB} ${DOTCONFIG} ${gen_domcfg_sources}
	COMMENT "Generating erika.cfg (xl domain config) from the devicetree and .config"
	VERBATIM)
add_custom_target(domcfg ALL DEPENDS ${DOMCFG})

if(BOARD_RUNNER STREQUAL "xenrun")
	# run_xl boots Xen as the SD card does: dom0's Xen arguments from .config
	# (menu "SD card": dom0_mem, dom0_max_vcpus, dom0_vcpus_pin). A domain
	# pinned to pCPU 2 needs a third CPU: -DXENRUN_CPUS=3.
	set(XENRUN_CPUS 2 CACHE STRING "Physical CPUs of the QEMU machine of run_xl (-smp)")
	add_custom_target(run
		COMMAND ${ERIKA_HOST_PYTHON} ${ERIKA_BASE}/scripts/xenrun/xenrun.py dom0less
			--image ${IMAGE} --mem-mib ${ERIKA_RAM_MIB}
		DEPENDS erika_elf
		USES_TERMINAL
		COMMENT "Booting Xen 4.17 in qemu-system-arm with ${CONFIG_XEN_IMAGE_NAME} (Ctrl-C ends)")
	add_custom_target(run_xl
		COMMAND ${ERIKA_HOST_PYTHON} ${ERIKA_BASE}/scripts/xenrun/xenrun.py dom0
			--image ${IMAGE} --cfg ${DOMCFG} --config ${DOTCONFIG} --cpus ${XENRUN_CPUS}
		DEPENDS erika_elf domcfg
		USES_TERMINAL
		COMMENT "Booting Xen + Linux dom0 in QEMU, then xl create erika.cfg")
else()
	add_custom_target(run
		COMMAND ${CMAKE_COMMAND} -E echo
			"${BOARD} runs on its hardware: see boards/${BOARD}/README.md"
		COMMAND ${CMAKE_COMMAND} -E false)
endif()
include(${ERIKA_BASE}/cmake/sdcard.cmake)
