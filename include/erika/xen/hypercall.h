/*
 * Hypercall wrappers: one line each over the single assembly stub
 * arch_hypercall (arch/arm/xen/hypercall.S). Each returns Xen's result: 0 or
 * a positive value on success, a negative errno on failure. Any context.
 */
#ifndef ERIKA_XEN_HYPERCALL_H
#define ERIKA_XEN_HYPERCALL_H

#include <erika/xen/xen.h>

long arch_hypercall(unsigned long a0, unsigned long a1, unsigned long a2, unsigned long a3,
		    unsigned long a4, unsigned long op);

static inline int HYPERVISOR_console_io(int cmd, int count, const char *str)
{
	return (int)arch_hypercall(cmd, count, (unsigned long)str, 0, 0, __HYPERVISOR_console_io);
}

static inline int HYPERVISOR_sched_op(int cmd, void *arg)
{
	return (int)arch_hypercall(cmd, (unsigned long)arg, 0, 0, 0, __HYPERVISOR_sched_op);
}

static inline int HYPERVISOR_xen_version(int cmd, void *arg)
{
	return (int)arch_hypercall(cmd, (unsigned long)arg, 0, 0, 0, __HYPERVISOR_xen_version);
}

static inline int HYPERVISOR_event_channel_op(int cmd, void *arg)
{
	return (int)arch_hypercall(cmd, (unsigned long)arg, 0, 0, 0, __HYPERVISOR_event_channel_op);
}

static inline int HYPERVISOR_hvm_op(int cmd, void *arg)
{
	return (int)arch_hypercall(cmd, (unsigned long)arg, 0, 0, 0, __HYPERVISOR_hvm_op);
}

static inline int HYPERVISOR_memory_op(int cmd, void *arg)
{
	return (int)arch_hypercall(cmd, (unsigned long)arg, 0, 0, 0, __HYPERVISOR_memory_op);
}

static inline int HYPERVISOR_grant_table_op(int cmd, void *arg, unsigned int count)
{
	return (int)arch_hypercall(cmd, (unsigned long)arg, count, 0, 0,
				   __HYPERVISOR_grant_table_op);
}

static inline int HYPERVISOR_vcpu_op(int cmd, unsigned int vcpuid, void *arg)
{
	return (int)arch_hypercall(cmd, vcpuid, (unsigned long)arg, 0, 0, __HYPERVISOR_vcpu_op);
}

#endif /* ERIKA_XEN_HYPERCALL_H */
