# Kconfig, at configure time (after the devicetree, whose compatibles it uses):
#   boards/<BOARD>/<BOARD>_defconfig + prj.conf + EXTRA_CONF_FILE + -DCONFIG_...=
#     ──scripts/kconfig/kconfig.py──> .config, include/generated/autoconf.h
# Targets menuconfig, guiconfig and savedefconfig work on that .config; because
# .config is a configure dependency, the next `ninja` re-runs this with the new choices.

# An application may add options of its own, as in Zephyr: its Kconfig is
# then the root, and sources the project's ("$(ERIKA_BASE)/Kconfig").
if(EXISTS ${APPLICATION_SOURCE_DIR}/Kconfig)
	set(KCONFIG_ROOT ${APPLICATION_SOURCE_DIR}/Kconfig)
else()
	set(KCONFIG_ROOT ${ERIKA_BASE}/Kconfig)
endif()

set(EXTRA_CONF_FILE "" CACHE STRING "Kconfig fragments merged after prj.conf (;-list)")
set(DOTCONFIG ${CMAKE_BINARY_DIR}/.config)
set(AUTOCONF_H ${ERIKA_GENERATED_INCLUDE}/autoconf.h)

set(conf_fragments ${BOARD_DIR}/${BOARD}_defconfig)
if(EXISTS ${APPLICATION_SOURCE_DIR}/prj.conf)
	list(APPEND conf_fragments ${APPLICATION_SOURCE_DIR}/prj.conf)
endif()
foreach(extra ${EXTRA_CONF_FILE})
	get_filename_component(extra ${extra} ABSOLUTE BASE_DIR ${APPLICATION_SOURCE_DIR})
	if(NOT EXISTS ${extra})
		message(FATAL_ERROR "EXTRA_CONF_FILE: ${extra} does not exist")
	endif()
	list(APPEND conf_fragments ${extra})
endforeach()

# -DCONFIG_FOO=value on the cmake line: one more fragment, applied last. The
# values are written as given; kconfig.py quotes those of string symbols.
get_cmake_property(cache_vars CACHE_VARIABLES)
set(cmdline_conf "# From the cmake command line\n")
foreach(var ${cache_vars})
	if(var MATCHES "^CONFIG_")
		string(APPEND cmdline_conf "${var}=${${var}}\n")
	endif()
endforeach()
file(WRITE ${CMAKE_BINARY_DIR}/cmdline.conf.tmp "${cmdline_conf}")
file(COPY_FILE ${CMAKE_BINARY_DIR}/cmdline.conf.tmp ${CMAKE_BINARY_DIR}/cmdline.conf
	ONLY_IF_DIFFERENT)

set(KCONFIG_ENV
	ERIKA_BASE=${ERIKA_BASE}
	BOARD=${BOARD}
	BOARD_DIR=${BOARD_DIR}
	KCONFIG_BINARY_DIR=${CMAKE_BINARY_DIR}
	KCONFIG_CONFIG=${DOTCONFIG})

execute_process(
	COMMAND ${CMAKE_COMMAND} -E env ${KCONFIG_ENV}
		${ERIKA_HOST_PYTHON} ${ERIKA_BASE}/scripts/kconfig/kconfig.py
		--cmdline ${CMAKE_BINARY_DIR}/cmdline.conf
		${KCONFIG_ROOT} ${DOTCONFIG} ${AUTOCONF_H} ${conf_fragments}
	RESULT_VARIABLE rc)
if(rc)
	message(FATAL_ERROR "Kconfig failed (python3-kconfiglib installed for ${ERIKA_HOST_PYTHON}?)")
endif()

file(GLOB_RECURSE kconfig_files ${ERIKA_BASE}/Kconfig* ${ERIKA_BASE}/*/Kconfig*)
set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS
	${KCONFIG_ROOT} ${kconfig_files} ${conf_fragments} ${CMAKE_BINARY_DIR}/cmdline.conf ${DOTCONFIG})

# Make every CONFIG_ symbol a CMake variable (CONFIG_XEN=y, CONFIG_XEN_IMAGE_NAME=A20.bin).
file(STRINGS ${DOTCONFIG} dotconfig_lines REGEX "^CONFIG_")
foreach(line ${dotconfig_lines})
	if(line MATCHES "^(CONFIG_[A-Za-z0-9_]+)=\"?([^\"]*)\"?$")
		set(${CMAKE_MATCH_1} "${CMAKE_MATCH_2}")
	endif()
endforeach()

add_custom_target(menuconfig
	COMMAND ${CMAKE_COMMAND} -E env ${KCONFIG_ENV}
		${ERIKA_HOST_PYTHON} -m menuconfig ${KCONFIG_ROOT}
	WORKING_DIRECTORY ${CMAKE_BINARY_DIR}
	USES_TERMINAL)
# Through a wrapper that says how to get Tk when python3-tk is missing.
add_custom_target(guiconfig
	COMMAND ${CMAKE_COMMAND} -E env ${KCONFIG_ENV}
		${ERIKA_HOST_PYTHON} ${ERIKA_BASE}/scripts/kconfig/guiconfig.py ${KCONFIG_ROOT}
	WORKING_DIRECTORY ${CMAKE_BINARY_DIR}
	USES_TERMINAL)
add_custom_target(savedefconfig
	COMMAND ${CMAKE_COMMAND} -E env ${KCONFIG_ENV}
		${ERIKA_HOST_PYTHON} -m savedefconfig --kconfig ${KCONFIG_ROOT}
		--out ${CMAKE_BINARY_DIR}/defconfig
	COMMAND ${CMAKE_COMMAND} -E echo "Minimal configuration saved to ${CMAKE_BINARY_DIR}/defconfig"
	WORKING_DIRECTORY ${CMAKE_BINARY_DIR})
