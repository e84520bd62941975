# erika_build(NAME <name> APP <dir> BOARD <board> [TARGET <target>] [ARGS <cmake arguments>...])
#   A ctest case that configures and builds the application for the board in
#   <build>/images/<name> (the default target, or TARGET, e.g. sdcard); it is
#   the fixture `image.<name>` for the boot tests.
function(erika_build)
	cmake_parse_arguments(B "" "NAME;APP;BOARD;TARGET" "ARGS" ${ARGN})
	set(dir ${CMAKE_BINARY_DIR}/images/${B_NAME})
	string(REPLACE ";" "|" extra "${B_ARGS}")
	add_test(NAME build.${B_NAME}
		COMMAND ${CMAKE_COMMAND} -DAPP=${B_APP} -DBOARD=${B_BOARD} -DDIR=${dir}
			"-DEXTRA=${extra}" "-DBUILD_TARGET=${B_TARGET}"
			-P ${ERIKA_BASE}/tests/cmake/build_app.cmake)
	set_tests_properties(build.${B_NAME} PROPERTIES FIXTURES_SETUP image.${B_NAME}
		LABELS build TIMEOUT 300)
	set(ERIKA_IMAGE_DIR_${B_NAME} ${dir} PARENT_SCOPE)
endfunction()

# erika_boot(NAME <test> IMAGE <built name> MODE dom0less|dom0 [TIMEOUT s] [ARGS ...])
#   Boots the image on real Xen in QEMU and passes ARGS (--expect ..., --test,
#   --expect-crash) to the runner, which fails on a missing marker, a FAIL line,
#   a fault, a crash or a timeout.
function(erika_boot)
	cmake_parse_arguments(T "" "NAME;IMAGE;MODE;TIMEOUT;IMAGE_FILE" "ARGS" ${ARGN})
	if(NOT T_TIMEOUT)
		set(T_TIMEOUT 120)
	endif()
	if(NOT T_IMAGE_FILE)
		set(T_IMAGE_FILE erika.bin)
	endif()
	set(dir ${CMAKE_BINARY_DIR}/images/${T_IMAGE})
	if(T_MODE STREQUAL "dom0")
		set(cfg --cfg ${dir}/erika.cfg)
	else()
		set(cfg "")
	endif()
	add_test(NAME boot.${T_NAME}
		COMMAND ${ERIKA_HOST_PYTHON} ${ERIKA_BASE}/scripts/xenrun/xenrun.py ${T_MODE}
			--image ${dir}/${T_IMAGE_FILE} ${cfg} --timeout ${T_TIMEOUT}
			--log ${CMAKE_BINARY_DIR}/logs/${T_NAME}.log ${T_ARGS})
	math(EXPR ctest_timeout "${T_TIMEOUT} + 60")
	set_tests_properties(boot.${T_NAME} PROPERTIES FIXTURES_REQUIRED image.${T_IMAGE}
		LABELS guest TIMEOUT ${ctest_timeout})
endfunction()
