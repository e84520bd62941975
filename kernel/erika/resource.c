/*
 * Resources: GetResource, ReleaseResource with the immediate priority
 * ceiling protocol (OSEK 8.5). Taking a resource raises the owner's level
 * to the resource's ceiling at once, so no task that could take it runs
 * meanwhile; a ceiling at interrupt level (a resource an ISR2 also takes)
 * masks the interrupts up to that level (the GIC's priority mask) until the
 * release. Each owner (the running task, or the
 * running ISR2) keeps its resources in a LIFO list through os_rcb.next.
 * Internal resources are not here: a task's internal resource is its
 * run_prio, taken at dispatch and given back by Schedule, WaitEvent and the
 * end of the task.
 */

#include "os_kernel.h"

struct owner {
	uint8_t *prio;		  /* its current level */
	uint8_t *res;		  /* its last resource */
	unsigned int static_prio; /* its OIL priority as a level */
};

static struct owner current_owner(void)
{
	struct owner o;

	if (os_isr_nesting != 0) {
		o.prio = &os_k.isr_prio;
		o.res = &os_k.isr_res;
		/* Interrupts that are no OIL ISR2 own no resource. */
		o.static_prio = os_k.isr != 0 ? os_k.isr->level : 0xffu;
	} else {
		o.prio = &os_k.running->prio;
		o.res = &os_k.running->res;
		o.static_prio = os_k.running->cfg->base_prio;
	}
	return o;
}

/*
 * May the running core use resource id? A resource belongs to its users'
 * core; RES_SCHEDULER to every core (each has its own). AUTOSAR OS
 * SWS_Os_00589: E_OS_CORE otherwise (extended status).
 */
static int res_of_this_core(ResourceType id)
{
#if OS_NUM_CORES > 1
	uint8_t core = os_res_cfg[id].core;

	return core == OS_CORE_ANY || core == os_core_id();
#else
	(void)id;
	return 1;
#endif
}

StatusType GetResource(ResourceType ResID)
{
	uint32_t psr = os_lock();
	struct owner o = current_owner();
	StatusType rc = E_OK;
	struct os_rcb *r;
	uint8_t ceiling;

	if (OS_EXTENDED && ResID >= OS_NUM_RESOURCES) {
		rc = E_OS_ID;
		goto err;
	}
	if (OS_EXTENDED && !res_of_this_core(ResID)) {
		rc = E_OS_CORE;
		goto err;
	}
	r = os_rcb_of(ResID);
	ceiling = os_res_cfg[ResID].ceiling;
	if (OS_EXTENDED && (r->taken || o.static_prio > ceiling)) {
		rc = E_OS_ACCESS;
		goto err;
	}
	r->taken = 1;
	r->saved_prio = *o.prio;
	r->next = *o.res;
	*o.res = (uint8_t)ResID;
	if (ceiling > *o.prio)
		*o.prio = ceiling;
	if (ceiling >= OS_LEVEL_ISR0) {
		/* Shared with an ISR2: the ISR2s up to the ceiling stay out until the release. */
		r->saved_psr = psr;
		if (os_res_cfg[ResID].pmr < (uint8_t)psr)
			psr = (psr & ~0xffu) | os_res_cfg[ResID].pmr;
	}
	goto out;
err:
	rc = os_error(rc, OSServiceId_GetResource, ResID, 0, 0);
out:
	os_unlock(psr);
	return rc;
}

StatusType ReleaseResource(ResourceType ResID)
{
	uint32_t psr = os_lock();
	struct owner o = current_owner();
	StatusType rc = E_OK;
	struct os_rcb *r;
	uint8_t ceiling;

	if (OS_EXTENDED && ResID >= OS_NUM_RESOURCES) {
		rc = E_OS_ID;
		goto err;
	}
	if (OS_EXTENDED && !res_of_this_core(ResID)) {
		rc = E_OS_CORE;
		goto err;
	}
	r = os_rcb_of(ResID);
	ceiling = os_res_cfg[ResID].ceiling;
	/* A caller above the ceiling could never have taken it: checked first. */
	if (OS_EXTENDED && o.static_prio > ceiling) {
		rc = E_OS_ACCESS;
		goto err;
	}
	if (OS_EXTENDED && (!r->taken || *o.res != ResID)) {
		rc = E_OS_NOFUNC; /* not taken, or not by us last */
		goto err;
	}
	r->taken = 0;
	*o.res = r->next;
	*o.prio = r->saved_prio;
	if (ceiling >= OS_LEVEL_ISR0)
		psr = r->saved_psr;
	/* A lower level may let a ready task in (not in an ISR: at its end). */
	os_sched_check_task();
	goto out;
err:
	rc = os_error(rc, OSServiceId_ReleaseResource, ResID, 0, 0);
out:
	os_unlock(psr);
	return rc;
}
