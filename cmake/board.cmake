# Resolve BOARD (-DBOARD=..., or the environment, or the default) to boards/<BOARD>/.

set(ERIKA_DEFAULT_BOARD qemu_virt_xen)
if(NOT BOARD AND DEFINED ENV{BOARD})
	set(BOARD $ENV{BOARD})
endif()
if(NOT BOARD)
	message(STATUS "BOARD not given (-DBOARD=...): using ${ERIKA_DEFAULT_BOARD}")
	set(BOARD ${ERIKA_DEFAULT_BOARD})
endif()
set(BOARD ${BOARD} CACHE STRING "Board to build for (a folder of boards/)" FORCE)

set(BOARD_DIR ${ERIKA_BASE}/boards/${BOARD})
if(NOT EXISTS ${BOARD_DIR}/${BOARD}.dts)
	file(GLOB board_dts RELATIVE ${ERIKA_BASE}/boards ${ERIKA_BASE}/boards/*/*.dts)
	list(TRANSFORM board_dts REPLACE "/.*" "")
	string(REPLACE ";" ", " known "${board_dts}")
	message(FATAL_ERROR "Unknown board '${BOARD}': no ${BOARD_DIR}/${BOARD}.dts. Boards: ${known}")
endif()
message(STATUS "Board: ${BOARD} (${BOARD_DIR})")

set(BOARD_RUNNER none)
include(${BOARD_DIR}/board.cmake OPTIONAL)
