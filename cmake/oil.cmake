# erika_oil(<file>.oil): the application's OSEK objects.
#
#   cmake_minimum_required(VERSION 3.20)
#   include(${CMAKE_CURRENT_LIST_DIR}/../../cmake/app.cmake)
#   project(blinky LANGUAGES C ASM)
#   erika_oil(blinky.oil)
#   target_sources(app PRIVATE src/main.c)
#
# with CONFIG_ERIKA_KERNEL=y in prj.conf. At build time scripts/oil/oil_gen.py
# turns the OIL file (and the files it #includes) into ${CMAKE_BINARY_DIR}/oil/
# erika_oil.h (object names, sizes; <erika/os.h> includes it) and erika_oil.c
# (the kernel's tables, compiled with the application). The kernel's sources
# include the header too, so they wait for it. The conformance class and the
# status come from Kconfig; an OIL file that disagrees, or needs more than the
# class gives, stops the build with the file and line at fault.
#
# Loaded by kernel/CMakeLists.txt, so every application has erika_oil().
include_guard(GLOBAL)

function(erika_oil oil)
	get_property(previous GLOBAL PROPERTY ERIKA_OIL_FILE)
	if(previous)
		message(FATAL_ERROR "erika_oil(${oil}): already called with ${previous}")
	endif()
	if(NOT CONFIG_ERIKA_KERNEL)
		message(FATAL_ERROR "erika_oil(${oil}): the OSEK kernel is off; "
			"add CONFIG_ERIKA_KERNEL=y to the application's prj.conf")
	endif()
	get_filename_component(oil ${oil} ABSOLUTE BASE_DIR ${CMAKE_CURRENT_SOURCE_DIR})
	if(NOT EXISTS ${oil})
		message(FATAL_ERROR "erika_oil(): ${oil} does not exist")
	endif()
	set(out ${CMAKE_BINARY_DIR}/oil)
	set(gen ${ERIKA_BASE}/scripts/oil)
	file(GLOB generator ${gen}/oil_gen.py ${gen}/oilgen/*.py
		${ERIKA_BASE}/scripts/kconfig/dotconfig.py)
	add_custom_command(
		OUTPUT ${out}/erika_oil.h ${out}/erika_oil.c ${out}/erika_oil_isr1.txt
		COMMAND ${ERIKA_HOST_PYTHON} ${gen}/oil_gen.py --config ${DOTCONFIG}
			--output-dir ${out} --depfile ${out}/erika_oil.d ${oil}
		DEPENDS ${oil} ${DOTCONFIG} ${generator}
		DEPFILE ${out}/erika_oil.d
		COMMENT "Generating the OSEK kernel tables from ${oil}"
		VERBATIM)
	add_custom_target(erika_oil_tables DEPENDS ${out}/erika_oil.h ${out}/erika_oil.c)
	target_sources(app PRIVATE ${out}/erika_oil.c)
	set_source_files_properties(${out}/erika_oil.c PROPERTIES
		INCLUDE_DIRECTORIES ${ERIKA_BASE}/kernel/erika)
	target_include_directories(app PRIVATE ${out})
	target_include_directories(erika PRIVATE ${out})
	add_dependencies(erika erika_oil_tables)
	set_property(GLOBAL PROPERTY ERIKA_OIL_FILE ${oil})
	# A category 1 ISR runs inside the kernel: the linked image must show it
	# calls no OS service (scripts/oil/isr1_check.py names the ISR's OIL line).
	add_custom_command(
		OUTPUT ${out}/isr1_check.stamp
		COMMAND ${ERIKA_HOST_PYTHON} ${gen}/isr1_check.py --objdump ${CMAKE_OBJDUMP}
			--isr1 ${out}/erika_oil_isr1.txt --stamp ${out}/isr1_check.stamp
			$<TARGET_FILE:erika_elf>
		DEPENDS erika_elf ${out}/erika_oil_isr1.txt ${gen}/isr1_check.py
		COMMENT "Checking that no category 1 ISR calls an OS service"
		VERBATIM)
	add_custom_target(erika_isr1_check ALL DEPENDS ${out}/isr1_check.stamp)
endfunction()

# With the kernel on, the application must call erika_oil(): checked once its
# CMakeLists.txt has been read.
function(erika_oil_require)
	cmake_language(DEFER DIRECTORY ${CMAKE_SOURCE_DIR} CALL _erika_oil_check)
endfunction()

function(_erika_oil_check)
	get_property(oil GLOBAL PROPERTY ERIKA_OIL_FILE)
	if(NOT oil)
		message(FATAL_ERROR "CONFIG_ERIKA_KERNEL is set but the application has no OIL "
			"file: call erika_oil(<file>.oil) after project() in its CMakeLists.txt")
	endif()
endfunction()
