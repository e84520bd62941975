# Flags for every guest source: the CPU from Kconfig, freestanding C, all
# warnings as errors, and the generated headers on the include path.

if(NOT CONFIG_CPU)
	message(FATAL_ERROR "Kconfig gave no CONFIG_CPU: the board's SoC must select a CPU")
endif()

# Xen's public headers come from Debian's libxen-dev. Expose only the xen/
# folder, not the rest of the host's /usr/include, to the cross compiler.
find_path(XEN_PUBLIC_HEADERS xen/xen.h PATHS /usr/include NO_CMAKE_FIND_ROOT_PATH)
if(NOT XEN_PUBLIC_HEADERS)
	message(FATAL_ERROR "Xen's public headers not found: install libxen-dev")
endif()
set(XEN_INCLUDE_SHIM ${CMAKE_BINARY_DIR}/include/xen-public)
file(MAKE_DIRECTORY ${XEN_INCLUDE_SHIM})
file(CREATE_LINK ${XEN_PUBLIC_HEADERS}/xen ${XEN_INCLUDE_SHIM}/xen SYMBOLIC)

if(CONFIG_SIZE_OPTIMIZATIONS)
	set(opt -Os)
else()
	set(opt -O2)
endif()

add_compile_options(
	-mcpu=${CONFIG_CPU} -marm -mfloat-abi=soft
	-ffreestanding -fno-common -ffunction-sections -fdata-sections
	-fno-strict-aliasing -fno-builtin-printf
	${opt}
	"$<$<BOOL:${CONFIG_DEBUG_INFO}>:-g>"
	-Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wmissing-prototypes
	-imacros ${AUTOCONF_H})
set(CMAKE_C_STANDARD 11)
set(CMAKE_C_EXTENSIONS ON)
add_compile_definitions(__XEN_INTERFACE_VERSION__=__XEN_LATEST_INTERFACE_VERSION__)
# Xen's headers hide their C declarations from assembly behind __ASSEMBLY__.
add_compile_options($<$<COMPILE_LANGUAGE:ASM>:-D__ASSEMBLY__>)
include_directories(
	${ERIKA_BASE}/include
	${ERIKA_GENERATED_INCLUDE})
include_directories(SYSTEM ${XEN_INCLUDE_SHIM})

# Zephyr-style helper: add sources only when a Kconfig symbol is set.
function(target_sources_ifdef cond target)
	if(${cond})
		target_sources(${target} ${ARGN})
	endif()
endfunction()
