/*
 * Start-up levels: a driver (or the kernel, or an application) declares its
 * set-up function once with SYS_INIT(); arch runs every declared function in
 * level order, then by priority within a level, before main(). Nothing
 * initialises itself on first use.
 *
 * A record goes into the input section .init_<level>_<prio>, which the linker
 * script sorts (arch/arm/xen/linker.ld.S). A record is kept with its object
 * file: Kconfig decides whether a driver is built into the image, and a
 * driver that is built in is set up at boot.
 */
#ifndef ERIKA_INIT_H
#define ERIKA_INIT_H

/* Levels, run in this order by arch before main(): */
#define INIT_LEVEL_EARLY       0 /* no console yet, MMU and caches off: hardware set-up */
#define INIT_LEVEL_PLATFORM    1 /* consoles, interrupt controller, timer, Xen          */
#define INIT_LEVEL_KERNEL      2 /* the OS's own set-up before main                     */
#define INIT_LEVEL_APPLICATION 3 /* drivers that need the platform (xenstore, gpio)     */

struct init_entry {
	/* 0 on success; anything else is reported with the name and stops the boot. */
	int (*fn)(void);
	const char *name;
};

#define INIT_CAT_(a, b) a##b
#define INIT_CAT(a, b)	INIT_CAT_(a, b)
#define INIT_STR_(x)	#x
#define INIT_STR(x)	INIT_STR_(x)

/*
 * Run int fn(void) at boot at LEVEL (EARLY, PLATFORM, KERNEL or APPLICATION)
 * with priority prio, a decimal literal 0-99 (one or two digits: the linker
 * script's patterns, .init_<level>_[0-9] and _[0-9][0-9], match no other),
 * lower first (equal priorities run in link order). Boot context, one core,
 * IRQs masked. A non-zero return stops the boot with
 * "*** INIT: <fn> failed (<rc>)" and platform_crash().
 */
#define SYS_INIT(fn, level, prio)                                                                  \
	_Static_assert(INIT_LEVEL_##level <= INIT_LEVEL_APPLICATION, "SYS_INIT level");            \
	_Static_assert((prio) >= 0 && (prio) <= 99, "SYS_INIT priority: 0 to 99");                 \
	_Static_assert(sizeof(INIT_STR(prio)) <= 3, "SYS_INIT priority: a decimal literal");       \
	static const struct init_entry INIT_CAT(init_entry_, fn) __attribute__((                   \
		used, aligned(4),                                                                  \
		section(".init_" INIT_STR(INIT_LEVEL_##level) "_" INIT_STR(prio)))) = { fn, #fn }

/*
 * Run int fn(void) on every vCPU but the boot one, on that vCPU, when it
 * starts (arch/arm/xen/smp.c): its MMU, stacks and vectors are up, IRQs
 * masked; the boot vCPU's own set-up (SYS_INIT, PLATFORM and KERNEL) has
 * run. For the banked, per-vCPU part of a driver (the GIC's CPU interface,
 * the Xen event upcall). prio as for SYS_INIT. A non-zero return stops the
 * boot: vCPU 0 reports it and the domain crashes.
 */
#define INIT_SECONDARY_SECTION(prio) section(".init_cpu_" INIT_STR(prio))
#define SYS_INIT_SECONDARY(fn, prio)                                                               \
	_Static_assert((prio) >= 0 && (prio) <= 99, "SYS_INIT_SECONDARY priority: 0 to 99");       \
	_Static_assert(sizeof(INIT_STR(prio)) <= 3, "SYS_INIT_SECONDARY priority: a literal");     \
	static const struct init_entry INIT_CAT(init_entry_, fn)                                   \
		__attribute__((used, aligned(4), INIT_SECONDARY_SECTION(prio))) = { fn, #fn }

/* Every record in run order (linker script): EARLY ones up to __init_early_end. */
extern const struct init_entry __init_start[];
extern const struct init_entry __init_early_end[];
extern const struct init_entry __init_end[];
/* SYS_INIT_SECONDARY records, in priority order. */
extern const struct init_entry __init_secondary_start[];
extern const struct init_entry __init_secondary_end[];

#endif /* ERIKA_INIT_H */
