# Entry point of every application (samples/*, tests/guest/*):
#
#   cmake_minimum_required(VERSION 3.20)
#   include(${CMAKE_CURRENT_LIST_DIR}/../../cmake/app.cmake)
#   project(hello LANGUAGES C ASM)
#   target_sources(app PRIVATE src/main.c)
#
# The literal project() call must stay in the application's file: without one,
# CMake would insert its own before app.cmake and pick the host compilers.
#
# Before project(): pick the board, run the devicetree and Kconfig steps, set the
# cross toolchain. After: the platform library and the final image (see image.cmake).

cmake_minimum_required(VERSION 3.20)

get_filename_component(ERIKA_BASE "${CMAKE_CURRENT_LIST_DIR}/.." ABSOLUTE)
set(APPLICATION_SOURCE_DIR "${CMAKE_CURRENT_SOURCE_DIR}")
set(ERIKA_HOST_PYTHON /usr/bin/python3 CACHE FILEPATH
	"Python with Debian's python3-kconfiglib (the one first on PATH may not have it)")

include(${ERIKA_BASE}/cmake/board.cmake)
include(${ERIKA_BASE}/cmake/dts.cmake)
include(${ERIKA_BASE}/cmake/kconfig.cmake)

set(CMAKE_TOOLCHAIN_FILE ${ERIKA_BASE}/cmake/toolchain-arm-none-eabi.cmake)
project(erika_app C ASM)

include(${ERIKA_BASE}/cmake/compiler_flags.cmake)
add_subdirectory(${ERIKA_BASE} ${CMAKE_BINARY_DIR}/erika)
include(${ERIKA_BASE}/cmake/image.cmake)
