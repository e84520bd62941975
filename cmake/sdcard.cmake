# The SD card (not part of `all`: it needs Debian's packages and takes longer):
#   ninja sdcard       build/sdcard/ (the card's files), build/sdcard.img, build/sdcard.txt
#   ninja run_sdcard   QEMU boots sdcard.img as the board would: U-Boot first (QEMU board)
# The boot settings (menu "SD card") are checked here, at configure time: a bad
# one stops cmake with a message naming the option.

set(SDCARD_TOOLS ${ERIKA_BASE}/scripts/sdcard)
execute_process(
	COMMAND ${ERIKA_HOST_PYTHON} ${SDCARD_TOOLS}/gen_bootcmd.py --check
		--config ${DOTCONFIG} --dtb ${ERIKA_DTB}
	RESULT_VARIABLE rc ERROR_VARIABLE err)
if(rc)
	string(STRIP "${err}" err)
	message(FATAL_ERROR "SD card settings refused:\n${err}")
endif()

set(sdcard_module "")
if(EXISTS ${APPLICATION_SOURCE_DIR}/dom0/Makefile)
	set(sdcard_module --module-src ${APPLICATION_SOURCE_DIR}/dom0)
endif()
add_custom_target(sdcard
	COMMAND ${ERIKA_HOST_PYTHON} ${SDCARD_TOOLS}/mk_sdcard.py --board ${BOARD}
		--config ${DOTCONFIG} --dtb ${ERIKA_DTB} --image ${IMAGE} --cfg ${DOMCFG}
		${sdcard_module} --out ${CMAKE_BINARY_DIR}
	DEPENDS erika_elf domcfg
	USES_TERMINAL
	COMMENT "SD card: ${CMAKE_BINARY_DIR}/sdcard.img")

if(BOARD_RUNNER STREQUAL "xenrun")
	add_custom_target(run_sdcard
		COMMAND ${ERIKA_HOST_PYTHON} ${ERIKA_BASE}/scripts/xenrun/xenrun.py sdcard
			--image ${CMAKE_BINARY_DIR}/sdcard.img --uboot ${CONFIG_SDCARD_UBOOT}
			--mem-mib ${CONFIG_SDCARD_RAM_MIB}
		DEPENDS sdcard
		USES_TERMINAL
		COMMENT "Booting sdcard.img in QEMU: U-Boot, boot.scr, Xen, dom0, xl create (Ctrl-C ends)")
endif()
