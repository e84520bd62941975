/*
 * The kernel's static tables: the contract between the OIL generator
 * (scripts/oil), which writes erika_oil.c with these types, and the kernel.
 * Constant parts (..._cfg) live in flash-like .rodata; the run-time parts
 * (control blocks) in .bss, one per object, sized by the generator. Nothing
 * is allocated at run time.
 *
 * Priorities are "levels": 0 is the idle loop, 1 .. OS_NUM_TASK_LEVELS the
 * task priorities of the OIL file in increasing order (OIL values need not
 * be consecutive), above them one level per ISR priority. A resource's
 * ceiling is a level; a ceiling above the task levels masks interrupts.
 */
#ifndef ERIKA_OS_CFG_TYPES_H
#define ERIKA_OS_CFG_TYPES_H

#include <stdint.h>

#include <erika/os.h>

/*
 * Cores the kernel schedules (CONFIG_OS_NUM_CORES). With one, no table has a
 * core field and nothing multicore is compiled: one-core images do not
 * change by a byte. Object of core c: written only by core c.
 */
#define OS_NUM_CORES CONFIG_OS_NUM_CORES
/* os_res_cfg.core of RES_SCHEDULER: each core has its own. */
#define OS_CORE_ANY 0xffu
/* os_core_system_counter[] of a core without a system counter. */
#define OS_NO_COUNTER 0xffu

/*
 * Bytes the kernel adds to every task stack (and per level of the shared
 * stack): a saved context, an interrupt frame and the kernel's own calls
 * down to a context switch.
 */
#define OS_STACK_OVERHEAD 256
/* The idle loop's part at the bottom of the shared stack. */
#define OS_IDLE_STACK_SIZE 128

/* A task stack (private) or the stack basic tasks share. */
struct os_stack {
	uint32_t *base; /* lowest address: the guard words */
	uint32_t *top;	/* one past the highest word; 8-byte aligned */
};

#define OS_TASK_EXTENDED 0x01u /* os_task_cfg.flags: may wait for events */

struct os_task_cfg {
	void (*entry)(void);
	const struct os_stack *stack;
	const char *name;
	uint32_t autostart; /* application modes (bit per AppModeType) */
	uint8_t base_prio;  /* level of the OIL PRIORITY */
	uint8_t run_prio;   /* level while running: internal resource or SCHEDULE = NON */
	uint8_t max_act;    /* OIL ACTIVATION */
	uint8_t flags;
#if OS_NUM_CORES > 1
	uint8_t core; /* OIL CPU_ID; the idle loop of core c: c */
#endif
};

/* Task control block. */
struct os_tcb {
	uint32_t *sp; /* saved context, NULL when the task has none */
	const struct os_task_cfg *cfg;
	struct os_tcb *below; /* next in the list of preempted tasks */
	uint8_t state;	      /* RUNNING, WAITING, READY, SUSPENDED */
	uint8_t prio;	      /* current level */
	uint8_t act;	      /* activations, the running one included */
	uint8_t res;	      /* last resource taken, OS_NO_RES if none */
	uint8_t id;	      /* TaskType, OS_NUM_TASKS for the idle loop */
#ifdef CONFIG_OS_EXTENDED_TASKS
	EventMaskType ev_set;  /* events set */
	EventMaskType ev_wait; /* events waited for (WAITING) */
#endif
};

#define OS_NO_RES 0xffu

struct os_res_cfg {
	uint8_t ceiling; /* level */
	uint8_t pmr;	 /* interrupt-level ceiling: GIC priority mask while held */
#if OS_NUM_CORES > 1
	uint8_t core; /* its users' core; OS_CORE_ANY: RES_SCHEDULER */
#endif
};

/* Resource control block: taken resources form a list per owner (LIFO). */
struct os_rcb {
	uint32_t saved_psr; /* os_lock() value before an interrupt-level resource */
	uint8_t taken;
	uint8_t saved_prio; /* owner's level before it took the resource */
	uint8_t next;	    /* resource taken before this one by the same owner */
};

/* FIFO of one task level (BCC2, ECC2): a ring in os_fifo_slots[]. */
struct os_fifo_cfg {
	uint16_t first; /* index of the ring in os_fifo_slots[] */
	uint16_t size;	/* activations the level can hold */
};

struct os_fifo {
	uint16_t head;
	uint16_t count;
};

struct os_counter_cfg {
	TickType maxallowedvalue;
	TickType ticksperbase;
	TickType mincycle;
	uint32_t divider; /* 0: software (IncrementCounter); n: one tick per n system ticks */
#if OS_NUM_CORES > 1
	uint8_t core; /* OIL CPU_ID; also the core of its alarms */
#endif
};

struct os_alarm;

struct os_counter {
	TickType value;
	uint32_t prescale;	/* system ticks since the last tick (a DIVIDER counter) */
	struct os_alarm *armed; /* list of alarms set on this counter */
};

enum os_alarm_action {
	OS_ALARM_ACTIVATETASK,
	OS_ALARM_SETEVENT,
	OS_ALARM_CALLBACK,
};

struct os_alarm_cfg {
	void (*callback)(void); /* OS_ALARM_CALLBACK */
	EventMaskType event;	/* OS_ALARM_SETEVENT */
	uint32_t autostart;	/* application modes */
	TickType alarmtime;	/* autostart: first expiry, relative */
	TickType cycletime;	/* autostart: cycle */
	uint8_t counter;
	uint8_t action; /* enum os_alarm_action */
	uint8_t task;	/* OS_ALARM_ACTIVATETASK, OS_ALARM_SETEVENT */
};

struct os_alarm {
	struct os_alarm *next; /* in the counter's list of set alarms */
	TickType expiry;       /* counter value at which it expires */
	TickType cycle;	       /* 0: single shot */
	uint8_t armed;
};

struct os_isr_cfg {
	void (*body)(void);
	const char *name;
	uint16_t intid;	   /* GIC interrupt ID */
	uint8_t gic_prio;  /* GIC priority (0 most urgent) */
	uint8_t level;	   /* level, for resource ceilings */
	uint8_t category;  /* 1 or 2 */
	uint8_t dt_flags;  /* trigger type from the devicetree, 0: leave as is */
	uint8_t configure; /* 1: call irq_configure(intid, dt_flags) */
#if OS_NUM_CORES > 1
	uint8_t core; /* OIL CPU_ID: connected, enabled (and an SPI routed) there */
#endif
};

/* Tables of erika_oil.c (sizes in <erika_oil.h>). */
#if OS_NUM_CORES > 1
/* OS_NUM_TASKS + OS_NUM_CORES: then the idle loop of each core, core 0 first. */
extern const struct os_task_cfg os_task_cfg[];
extern struct os_tcb os_tcb[];
/* Per core: its basic tasks and its idle loop. */
extern const struct os_stack os_shared_stacks[OS_NUM_CORES];
#else
extern const struct os_task_cfg os_task_cfg[]; /* OS_NUM_TASKS + 1: the idle loop last */
extern struct os_tcb os_tcb[];		       /* OS_NUM_TASKS + 1 */
extern const struct os_stack os_shared_stack;  /* basic tasks and the idle loop */
#endif
extern const struct os_stack *const os_stacks[];     /* every stack, for the guard set-up */
extern const uint8_t os_level_task[];		     /* task of each level (BCC1, ECC1) */
extern const struct os_fifo_cfg os_fifo_cfg[];	     /* per level (BCC2, ECC2) */
extern struct os_fifo os_fifo[];		     /* per level */
extern uint8_t os_fifo_slots[];			     /* queued activations (task ids) */
extern const struct os_res_cfg os_res_cfg[];	     /* OS_NUM_RESOURCES */
extern struct os_rcb os_rcb[];			     /* OS_NUM_RESOURCES */
extern const struct os_counter_cfg os_counter_cfg[]; /* OS_NUM_COUNTERS */
extern struct os_counter os_counter[];		     /* OS_NUM_COUNTERS */
extern const struct os_alarm_cfg os_alarm_cfg[];     /* OS_NUM_ALARMS */
extern struct os_alarm os_alarm[];		     /* OS_NUM_ALARMS */
extern const struct os_isr_cfg os_isr_cfg[];	     /* OS_NUM_ISRS */
#if OS_NUM_CORES > 1
/* Per core: its system counter (OIL SYSTEM_TIMER with its CPU_ID), or OS_NO_COUNTER. */
extern const uint8_t os_core_system_counter[OS_NUM_CORES];
#endif

#endif /* ERIKA_OS_CFG_TYPES_H */
