# Debian's bare-metal ARM toolchain (package gcc-arm-none-eabi).
# The CPU-specific flags (-mcpu) come from Kconfig, see cmake/image.cmake.

set(CMAKE_SYSTEM_NAME Generic)
set(CMAKE_SYSTEM_PROCESSOR arm)

set(CROSS_COMPILE arm-none-eabi- CACHE STRING "Prefix of the cross tools")
find_program(CMAKE_C_COMPILER ${CROSS_COMPILE}gcc REQUIRED)
find_program(CMAKE_ASM_COMPILER ${CROSS_COMPILE}gcc REQUIRED)
find_program(CMAKE_OBJCOPY ${CROSS_COMPILE}objcopy REQUIRED)
find_program(CMAKE_SIZE ${CROSS_COMPILE}size REQUIRED)

# The compiler cannot link a hosted test program without our linker script.
set(CMAKE_TRY_COMPILE_TARGET_TYPE STATIC_LIBRARY)

set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
