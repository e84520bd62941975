# Checks the CMake file gen_defines writes for the build: DT_RAM_BASE and DT_RAM_SIZE.
#
# cmake -DFILE=devicetree.cmake -DEXPECT=<base>/<size> -P expect_cmake.cmake

cmake_minimum_required(VERSION 3.20)

include("${FILE}")
if(NOT "${DT_RAM_BASE}/${DT_RAM_SIZE}" STREQUAL "${EXPECT}")
  message(FATAL_ERROR "RAM ${DT_RAM_BASE}/${DT_RAM_SIZE}, expected ${EXPECT}")
endif()
