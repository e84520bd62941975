# Devicetree, at configure time (before Kconfig, which depends on it):
#   boards/<BOARD>/<BOARD>.dts + DTC_OVERLAY_FILE ──cpp──> erika.dts.pre ──dtc──> erika.dtb
#   erika.dtb ──gen_defines──> include/generated/devicetree_generated.h, Kconfig.dts
# Any file cpp read is a configure dependency: editing it re-runs this step.

set(DTC_OVERLAY_FILE "" CACHE STRING "Devicetree overlays applied after the board's dts (;-list)")
# As in Zephyr: an application's boards/<BOARD>.overlay applies by itself
# unless the cmake line names overlays.
set(dts_overlays ${DTC_OVERLAY_FILE})
if(NOT dts_overlays AND EXISTS ${APPLICATION_SOURCE_DIR}/boards/${BOARD}.overlay)
	set(dts_overlays ${APPLICATION_SOURCE_DIR}/boards/${BOARD}.overlay)
endif()
set(DTS_DIR ${CMAKE_BINARY_DIR}/devicetree)
set(ERIKA_GENERATED_INCLUDE ${CMAKE_BINARY_DIR}/include/generated)
set(ERIKA_DTB ${CMAKE_BINARY_DIR}/erika.dtb)
file(MAKE_DIRECTORY ${DTS_DIR} ${ERIKA_GENERATED_INCLUDE} ${CMAKE_BINARY_DIR}/host-tools)

find_program(DTC dtc REQUIRED)
find_program(HOST_CPP cpp REQUIRED)
find_program(HOST_CC NAMES cc gcc REQUIRED)

# The generator is a host C program; build it here because the project itself
# is cross-compiled and has no host compiler target.
set(GEN_DEFINES ${CMAKE_BINARY_DIR}/host-tools/gen_defines)
file(GLOB gen_defines_sources ${ERIKA_BASE}/scripts/dts/*.c)
execute_process(
	COMMAND ${HOST_CC} -O2 -Wall -Wextra -Werror -o ${GEN_DEFINES} ${gen_defines_sources} -lfdt
	RESULT_VARIABLE rc)
if(rc)
	message(FATAL_ERROR "Building the host tool gen_defines failed (is libfdt-dev installed?)")
endif()
file(GLOB gen_defines_headers ${ERIKA_BASE}/scripts/dts/*.h)
set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS
	${gen_defines_sources} ${gen_defines_headers})

# One file that includes the board and then each overlay, so later nodes extend
# or override earlier ones.
set(dts_top "#include \"${BOARD_DIR}/${BOARD}.dts\"\n")
foreach(overlay ${dts_overlays})
	get_filename_component(overlay ${overlay} ABSOLUTE BASE_DIR ${APPLICATION_SOURCE_DIR})
	if(NOT EXISTS ${overlay})
		message(FATAL_ERROR "DTC_OVERLAY_FILE: ${overlay} does not exist")
	endif()
	message(STATUS "Devicetree overlay: ${overlay}")
	string(APPEND dts_top "#include \"${overlay}\"\n")
endforeach()
file(WRITE ${DTS_DIR}/erika.dts.in.tmp "${dts_top}")
file(COPY_FILE ${DTS_DIR}/erika.dts.in.tmp ${DTS_DIR}/erika.dts.in ONLY_IF_DIFFERENT)

execute_process(
	COMMAND ${HOST_CPP} -nostdinc -undef -x assembler-with-cpp -P
		-I ${BOARD_DIR} -I ${ERIKA_BASE}/dts -I ${ERIKA_BASE}/include
		-MD -MF ${DTS_DIR}/erika.dts.d -MT erika.dts.pre
		-o ${DTS_DIR}/erika.dts.pre ${DTS_DIR}/erika.dts.in
	RESULT_VARIABLE rc)
if(rc)
	message(FATAL_ERROR "Preprocessing the devicetree of ${BOARD} failed")
endif()

# Turn the make-style dependency file into a list of configure dependencies.
file(READ ${DTS_DIR}/erika.dts.d deps)
string(REGEX REPLACE "^[^:]*:" "" deps "${deps}")
string(REGEX REPLACE "\\\\\n" " " deps "${deps}")
separate_arguments(deps UNIX_COMMAND "${deps}")
set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${deps})

execute_process(
	COMMAND ${DTC} -@ -I dts -O dtb -o ${ERIKA_DTB} ${DTS_DIR}/erika.dts.pre
	RESULT_VARIABLE rc)
if(rc)
	message(FATAL_ERROR "dtc refused the devicetree of ${BOARD} (${DTS_DIR}/erika.dts.pre)")
endif()
# The final devicetree, readable, for the user and for review.
execute_process(COMMAND ${DTC} -q -I dtb -O dts -o ${CMAKE_BINARY_DIR}/erika.dts ${ERIKA_DTB})

execute_process(
	COMMAND ${GEN_DEFINES} --dtb ${ERIKA_DTB}
		--header ${ERIKA_GENERATED_INCLUDE}/devicetree_generated.h
		--kconfig ${CMAKE_BINARY_DIR}/Kconfig.dts
		--known-compats ${ERIKA_BASE}/dts/bindings/compatibles.txt
	RESULT_VARIABLE rc)
if(rc)
	message(FATAL_ERROR "gen_defines refused ${ERIKA_DTB}")
endif()
set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS
	${ERIKA_BASE}/dts/bindings/compatibles.txt)

# The guest RAM size in MiB, for the runners (gen_domcfg checks it is whole MiB).
file(STRINGS ${ERIKA_GENERATED_INCLUDE}/devicetree_generated.h memory_node
	REGEX "^#define DT_N_MEMORY ")
string(REGEX REPLACE "^#define DT_N_MEMORY " "" memory_node "${memory_node}")
file(STRINGS ${ERIKA_GENERATED_INCLUDE}/devicetree_generated.h memory_size
	REGEX "^#define ${memory_node}_REG_IDX_0_SIZE ")
string(REGEX MATCH "0x[0-9a-fA-F]+" memory_size "${memory_size}")
math(EXPR ERIKA_RAM_MIB "${memory_size} / 1048576")
message(STATUS "Devicetree: ${ERIKA_DTB} (${ERIKA_RAM_MIB} MiB of guest RAM)")
