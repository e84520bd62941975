/*
 * ARMv7-A facts shared by assembly and C: processor modes, PSR bits, the
 * zImage magic, SCTLR bits. Also the two Xen numbers the boot assembly needs
 * from <xen/sched.h>, which assembly cannot include; arch/arm/xen/abi_check.c
 * asserts at build time that they equal Xen's.
 */
#ifndef ERIKA_ARCH_ARM_REGS_H
#define ERIKA_ARCH_ARM_REGS_H

#ifndef __ASSEMBLER__
#include <stdint.h> /* Xen's headers expect it */
#endif
#include <xen/xen.h>

#define MODE_USR  0x10
#define MODE_FIQ  0x11
#define MODE_IRQ  0x12
#define MODE_SVC  0x13
#define MODE_ABT  0x17
#define MODE_UND  0x1b
#define MODE_SYS  0x1f
#define MODE_MASK 0x1fu

#define PSR_T_BIT (1 << 5)
#define PSR_F_BIT (1 << 6)
#define PSR_I_BIT (1 << 7)
#define PSR_A_BIT (1 << 8)

#define SCTLR_M	  (1 << 0)
#define SCTLR_A	  (1 << 1)
#define SCTLR_C	  (1 << 2)
#define SCTLR_Z	  (1 << 11)
#define SCTLR_I	  (1 << 12)
#define SCTLR_TRE (1 << 28)
#define SCTLR_AFE (1 << 29)

/* The magic of an ARM zImage header, at offset 0x24 of the image. */
#define ZIMAGE_MAGIC		 0x016f2818

#define XEN_HVC_IMM		 XEN_HYPERCALL_TAG
#define XEN_HYPERCALL_CONSOLE_IO __HYPERVISOR_console_io
#define XEN_HYPERCALL_SCHED_OP	 __HYPERVISOR_sched_op
#define XEN_SCHEDOP_SHUTDOWN	 2 /* SCHEDOP_shutdown */
#define XEN_SHUTDOWN_CRASH	 3 /* SHUTDOWN_crash */

#endif /* ERIKA_ARCH_ARM_REGS_H */
