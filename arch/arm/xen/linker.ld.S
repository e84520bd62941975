/*
 * Memory layout of the image, from the devicetree's memory node.
 * Xen's `xl` loader always copies an ARM32 zImage to RAM base + 0x8000, and
 * dom0less copies it to the header's `start`: linking at RAM base +
 * CONFIG_IMAGE_LOAD_OFFSET with start = that address makes both agree.
 */

#include <erika/devicetree.h>

#define RAM_BASE DT_REG_ADDR(DT_MEMORY)
#define RAM_SIZE DT_REG_SIZE(DT_MEMORY)

#include <erika/arch/stack_guard.h>
#if ARCH_STACK_GUARD_SIZE
#define STACK_ALIGN ARCH_STACK_GUARD_SIZE
#else
#define STACK_ALIGN 8
#endif

/* One level's records: one-digit priorities before two-digit ones. */
#define INIT_LEVEL(n)                                                                              \
	KEEP(*(SORT_BY_NAME(.init_##n##_[0-9])))                                                   \
	KEEP(*(SORT_BY_NAME(.init_##n##_[0-9][0-9])))

OUTPUT_FORMAT("elf32-littlearm")
OUTPUT_ARCH(arm)
ENTRY(_start)

MEMORY
{
	ram (rwx) : ORIGIN = RAM_BASE + CONFIG_IMAGE_LOAD_OFFSET,
		    LENGTH = RAM_SIZE - CONFIG_IMAGE_LOAD_OFFSET
}

SECTIONS
{
	.text : {
		_image_start = .;
		KEEP(*(.text.head))
		*(.text .text.*)
	} > ram

	.rodata : ALIGN(8) {
		*(.rodata .rodata.*)
		/* CONSOLE_BACKEND_DEFINE() entries, walked by console_init(). */
		. = ALIGN(4);
		__console_backends_start = .;
		KEEP(*(.console_backends))
		__console_backends_end = .;
		/*
		 * SYS_INIT() records (include/erika/init.h), run by arch_boot() in
		 * this order: level by level; within one, priorities 0-9 then
		 * 10-99, each group sorted by name (the priority's digits).
		 */
		__init_start = .;
		INIT_LEVEL(0)
		__init_early_end = .;
		INIT_LEVEL(1)
		INIT_LEVEL(2)
		INIT_LEVEL(3)
		__init_end = .;
		/* SYS_INIT_SECONDARY() records, run by each secondary vCPU (smp.c). */
		__init_secondary_start = .;
		KEEP(*(SORT_BY_NAME(.init_cpu_[0-9])))
		KEEP(*(SORT_BY_NAME(.init_cpu_[0-9][0-9])))
		__init_secondary_end = .;
		/* ARCH_STACK_DEFINE() guard pages, unmapped by arch_mmu_init(). */
		__stack_guards_start = .;
		KEEP(*(.stack_guards))
		__stack_guards_end = .;
	} > ram

	.ARM.exidx : {
		*(.ARM.exidx* .gnu.linkonce.armexidx.*)
	} > ram

	/*
	 * No padding after the last loaded byte: the zImage header's `end` must
	 * be exactly the end of the file objcopy writes, which stops there.
	 */
	.data : {
		*(.data .data.*)
	} > ram
	_image_end = .;

	/*
	 * Every stack with the guard page below it (include/erika/arch/stack_guard.h).
	 * Before .bss, whose .bss.* pattern would otherwise take them: the first
	 * matching pattern of the script wins. Not cleared at boot: nothing reads a
	 * stack before writing it, and the kernel writes its guard words itself.
	 */
	.stacks (NOLOAD) : ALIGN(STACK_ALIGN) {
		*(.bss.stacks .bss.stacks.*)
	} > ram

	.bss (NOLOAD) : ALIGN(16384) {
		_bss_start = .;
		/* The level-1 translation table must be 16 KiB aligned: first. */
		*(.bss.mmu_table)
		*(.bss .bss.* COMMON)
		. = ALIGN(8);
		_bss_end = .;
	} > ram

	_ram_end = ORIGIN(ram) + LENGTH(ram);

	/DISCARD/ : {
		*(.comment .note.* .ARM.attributes)
	}
}

ASSERT(_image_start == RAM_BASE + CONFIG_IMAGE_LOAD_OFFSET, "image must start at the load address")
