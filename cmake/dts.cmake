# Devicetree, at configure time (before Kconfig, which depends on it):
#   boards/<BOARD>/<BOARD>.dts + DTC_OVERLAY_FILE ──cpp──> erika.dts.pre ──dtc──> erika.dtb
#   erika.dtb ──gen_defines.py──> include/generated/devicetree_generated.h, Kconfig.dts,
#                                 devicetree/devicetree.cmake (RAM base and size)
# gen_defines.py reads the DTB once into the model of scripts/dts/dtmodel (libfdt) and checks
# it against the bindings of dts/bindings/ and of the application's own dts/bindings/.
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

# The generator is Python (ERIKA_HOST_PYTHON, cmake/app.cmake) with python3-libfdt and
# python3-yaml (scripts/install_deps.sh).
set(GEN_DEFINES ${ERIKA_HOST_PYTHON} ${ERIKA_BASE}/scripts/dts/gen_defines.py)
file(GLOB gen_defines_sources ${ERIKA_BASE}/scripts/dts/gen_defines.py
	${ERIKA_BASE}/scripts/dts/dtmodel/*.py)
set(dts_binding_dirs ${ERIKA_BASE}/dts/bindings ${APPLICATION_SOURCE_DIR}/dts/bindings)
set(dts_binding_args "")
foreach(dir ${dts_binding_dirs})
	list(APPEND dts_binding_args --bindings ${dir})
	if(EXISTS ${dir})
		# A new binding file must re-run this step too, hence the directory itself.
		file(GLOB bindings ${dir}/*.yaml)
		set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${dir} ${bindings})
	endif()
endforeach()
set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${gen_defines_sources})

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
		--cmake ${DTS_DIR}/devicetree.cmake
		${dts_binding_args}
	RESULT_VARIABLE rc)
if(rc)
	message(FATAL_ERROR "gen_defines refused ${ERIKA_DTB}")
endif()

# DT_RAM_BASE and DT_RAM_SIZE, from the model (never by reading the header).
include(${DTS_DIR}/devicetree.cmake)
# The guest RAM size in MiB, for the runners (gen_domcfg checks it is whole MiB).
math(EXPR ERIKA_RAM_MIB "${DT_RAM_SIZE} / 1048576")
message(STATUS "Devicetree: ${ERIKA_DTB} (${ERIKA_RAM_MIB} MiB of guest RAM)")
