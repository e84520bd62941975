/*
 * The kernel suite: one function per area, each running its cases with
 * RUN_TEST from the Main task (the lowest priority), so a case that
 * activates a task of higher priority sees it run to its end before
 * ActivateTask returns.
 */
#ifndef SUITE_H
#define SUITE_H

#include "kt.h"

#if defined(CONFIG_OS_CLASS_BCC1)
#define SUITE_CLASS "BCC1"
#elif defined(CONFIG_OS_CLASS_BCC2)
#define SUITE_CLASS "BCC2"
#elif defined(CONFIG_OS_CLASS_ECC1)
#define SUITE_CLASS "ECC1"
#else
#define SUITE_CLASS "ECC2"
#endif

#ifdef CONFIG_OS_STATUS_EXTENDED
#define SUITE_STATUS "extended"
#else
#define SUITE_STATUS "standard"
#endif

void suite_tasks(void);
void suite_sched(void);
void suite_resources(void);
void suite_linked(void);
void suite_events(void);
void suite_multi(void);
void suite_alarms(void);
void suite_counters(void);
void suite_isrs(void);
void suite_isr_levels(void);
void suite_hooks(void);
void suite_post_task_hook(void);
void suite_errors(void);

/* ISR bodies installed per case (NULL: the ISR only logs). */
extern kt_fn isr_low_fn, isr_high_fn, isr_cat1_fn;

/* What the alarm callback soft_cb (AlarmSoftCb) does instead of logging (NULL: log). */
extern kt_fn soft_cb_fn;

/* Alarm callback count_ticks: expiries since the last reset. */
extern volatile unsigned int cb_ticks;

/* StartupHook ran before any task, with the right application mode. */
extern int startup_hook_ok;

/* BOnly ran: 1 before Main, 2 after. */
extern int bonly_ran;

#endif /* SUITE_H */
