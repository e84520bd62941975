/*
 * OSEK/VDX OS 2.2.3: the application programming interface of the kernel
 * (kernel/erika). The objects (tasks, resources, events, alarms, ISRs,
 * application modes) are declared in the application's OIL file; the build
 * generates <erika_oil.h> with their names, which this header includes, so
 * an application includes only <erika/os.h>.
 *
 * Calling contexts, as OSEK lists them: "task" is a task body; "ISR2" a
 * category 2 ISR body; "hooks" are ErrorHook, PreTaskHook and PostTaskHook
 * (StartupHook and ShutdownHook where said). A service called elsewhere has
 * undefined behaviour unless its comment says otherwise. Every service
 * returning StatusType gives E_OK on success; the other codes it may return
 * are listed, "extended" ones only with CONFIG_OS_STATUS_EXTENDED. Any code
 * other than E_OK also goes to the ErrorHook.
 */
#ifndef ERIKA_OS_H
#define ERIKA_OS_H

#include <stdint.h>

typedef unsigned char StatusType;
typedef unsigned int TaskType;
typedef TaskType *TaskRefType;
typedef unsigned char TaskStateType;
typedef TaskStateType *TaskStateRefType;
typedef unsigned int ResourceType;
typedef uint32_t EventMaskType;
typedef EventMaskType *EventMaskRefType;
typedef uint32_t TickType;
typedef TickType *TickRefType;
typedef unsigned int AlarmType;
typedef unsigned int CounterType;
typedef unsigned int ISRType;
typedef unsigned int AppModeType;
typedef unsigned char OSServiceIdType;
/* AUTOSAR OS (SWS_Os_00674): a core's number, 0 .. CONFIG_OS_NUM_CORES - 1. */
typedef unsigned int CoreIdType;

typedef struct {
	TickType maxallowedvalue; /* the counter wraps to 0 after this value */
	TickType ticksperbase;	  /* ticks of the counter per counter-specific unit */
	TickType mincycle;	  /* smallest cycle of a cyclic alarm */
} AlarmBaseType;
typedef AlarmBaseType *AlarmBaseRefType;

/* Error codes (OSEK OS 2.2.3, 13.1). */
#define E_OK	      ((StatusType)0)
#define E_OS_ACCESS   ((StatusType)1)
#define E_OS_CALLEVEL ((StatusType)2)
#define E_OS_ID	      ((StatusType)3)
#define E_OS_LIMIT    ((StatusType)4)
#define E_OS_NOFUNC   ((StatusType)5)
#define E_OS_RESOURCE ((StatusType)6)
#define E_OS_STATE    ((StatusType)7)
#define E_OS_VALUE    ((StatusType)8)
/* Implementation-specific: a stack guard found damaged at a context switch. */
#define E_OS_SYS_STACKFAULT ((StatusType)32)
/* Implementation-specific: a task function returned without TerminateTask. */
#define E_OS_SYS_MISSINGEND ((StatusType)33)
/* Implementation-specific: StartOS could not start the system timer. */
#define E_OS_SYS_INIT ((StatusType)34)
/* Implementation-specific: a kernel invariant was broken (CONFIG_OS_ASSERT). */
#define E_OS_SYS_ASSERT ((StatusType)35)
/*
 * AUTOSAR OS E_OS_CORE (SWS_Os_00589): an object of another core named by a
 * service that does not work across cores (a resource, an alarm, a counter).
 * Extended status. AUTOSAR leaves the value to the implementation.
 */
#define E_OS_CORE ((StatusType)36)

/* Task states. */
#define RUNNING	     ((TaskStateType)0)
#define WAITING	     ((TaskStateType)1)
#define READY	     ((TaskStateType)2)
#define SUSPENDED    ((TaskStateType)3)

#define INVALID_TASK ((TaskType)0xffffffffu)
#define INVALID_ISR  ((ISRType)0xffffffffu)

/* Service identifiers for OSErrorGetServiceId(). */
enum {
	OSServiceId_ActivateTask = 1,
	OSServiceId_TerminateTask,
	OSServiceId_ChainTask,
	OSServiceId_Schedule,
	OSServiceId_GetTaskID,
	OSServiceId_GetTaskState,
	OSServiceId_GetResource,
	OSServiceId_ReleaseResource,
	OSServiceId_SetEvent,
	OSServiceId_ClearEvent,
	OSServiceId_GetEvent,
	OSServiceId_WaitEvent,
	OSServiceId_GetAlarmBase,
	OSServiceId_GetAlarm,
	OSServiceId_SetRelAlarm,
	OSServiceId_SetAbsAlarm,
	OSServiceId_CancelAlarm,
	OSServiceId_StackCheck, /* the kernel's stack guard check, not a service */
	OSServiceId_TaskReturn, /* a task function's return, not a service */
	OSServiceId_StartOS,
	OSServiceId_Kernel, /* a kernel invariant check (CONFIG_OS_ASSERT) */
	OSServiceId_IncrementCounter,
};

/* Object declarations and bodies. The names are macros of <erika_oil.h>. */
#define DeclareTask(t)	   extern void OS_TASK_##t(void)
#define DeclareResource(r) _Static_assert((ResourceType)(r) == (r), #r)
#define DeclareEvent(e)	   _Static_assert((EventMaskType)(e) == (e), #e)
#define DeclareAlarm(a)	   _Static_assert((AlarmType)(a) == (a), #a)
#define DeclareCounter(c)  _Static_assert((CounterType)(c) == (c), #c)
#define TASK(t)		   void OS_TASK_##t(void)
#define ISR(i)		   void OS_ISR_##i(void)
#define ALARMCALLBACK(a)   void OS_ALARMCB_##a(void)

/* Tasks. */

/*
 * Make task TaskID ready (one more activation). Task, ISR2. Returns E_OS_LIMIT
 * (activations at the OIL ACTIVATION limit); extended: E_OS_ID.
 */
StatusType ActivateTask(TaskType TaskID);

/*
 * End the calling task; does not return on success. Task. Extended:
 * E_OS_RESOURCE (a resource still held), E_OS_CALLEVEL (called from an ISR).
 */
StatusType TerminateTask(void);

/*
 * End the calling task and activate TaskID (the caller itself again when it
 * names itself); does not return on success. Task. Returns E_OS_LIMIT;
 * extended: E_OS_ID, E_OS_RESOURCE, E_OS_CALLEVEL.
 */
StatusType ChainTask(TaskType TaskID);

/*
 * Let a ready task of higher priority than the caller's OIL priority run
 * (gives up the internal resource meanwhile). Task. Extended: E_OS_CALLEVEL,
 * E_OS_RESOURCE.
 */
StatusType Schedule(void);

/*
 * The running task, or INVALID_TASK when none (idle, StartupHook). Task,
 * ISR2, hooks.
 */
StatusType GetTaskID(TaskRefType TaskID);

/* The state of TaskID. Task, ISR2, hooks. Extended: E_OS_ID. */
StatusType GetTaskState(TaskType TaskID, TaskStateRefType State);

/*
 * Interrupts: not nestable (Disable/Enable) and nestable pairs. Task, ISRs.
 * The All pairs mask every interrupt; the OS pair masks category 2 ISRs and
 * the kernel's interrupts only: category 1 ISRs still come in.
 */
void DisableAllInterrupts(void);
void EnableAllInterrupts(void);
void SuspendAllInterrupts(void);
void ResumeAllInterrupts(void);
void SuspendOSInterrupts(void);
void ResumeOSInterrupts(void);

/*
 * The category 2 ISR running (its OIL name is its ISRType), INVALID_ISR in a
 * task, a hook called outside an ISR2, or an interrupt that is no OIL ISR2.
 * Beyond OSEK 2.2.3: AUTOSAR OS's GetISRID (SWS_Os_00263, SWS_Os_00264).
 * Task, ISR2, hooks.
 */
ISRType GetISRID(void);

/*
 * The core the caller runs on: 0 .. CONFIG_OS_NUM_CORES - 1. Beyond OSEK
 * 2.2.3: AUTOSAR OS's GetCoreID (SWS_Os_00674, SWS_Os_00675). Any context
 * after StartOS, also in a one-core build (always 0 there).
 */
#if CONFIG_OS_NUM_CORES > 1
CoreIdType GetCoreID(void);
#else
static inline CoreIdType GetCoreID(void)
{
	return 0;
}
#endif

/*
 * Tests only, with CONFIG_OS_XCORE_TEST_HOOK (otherwise never called): the
 * application's function, called by a core sending a cross-core request to
 * core `to` between writing the request and publishing it, kernel locked.
 */
void os_xcore_test_before_publish(CoreIdType to);

/* Resources (immediate priority ceiling). */

/*
 * Take ResID: the caller's priority rises to the resource's ceiling. Task,
 * ISR2. Extended: E_OS_ID, E_OS_ACCESS (already taken, or the caller's OIL
 * priority is above the ceiling).
 */
StatusType GetResource(ResourceType ResID);

/*
 * Give back ResID, the last one taken. Task, ISR2. Extended: E_OS_ID,
 * E_OS_NOFUNC (not taken, or not the last one taken), E_OS_ACCESS (its
 * ceiling is below the caller's OIL priority).
 */
StatusType ReleaseResource(ResourceType ResID);

/* Events (ECC1, ECC2). */

/*
 * Set events Mask of extended task TaskID; wakes it if it waits for one of
 * them. Task, ISR2. Extended: E_OS_ID, E_OS_ACCESS (not an extended task),
 * E_OS_STATE (TaskID is suspended).
 */
StatusType SetEvent(TaskType TaskID, EventMaskType Mask);

/*
 * Clear events Mask of the calling extended task. Task. Extended:
 * E_OS_ACCESS (not an extended task), E_OS_CALLEVEL.
 */
StatusType ClearEvent(EventMaskType Mask);

/*
 * The events set for extended task TaskID. Task, ISR2, hooks. Extended:
 * E_OS_ID, E_OS_ACCESS, E_OS_STATE (suspended).
 */
StatusType GetEvent(TaskType TaskID, EventMaskRefType Event);

/*
 * Wait until one of the events Mask is set. Task (extended). Extended:
 * E_OS_ACCESS, E_OS_RESOURCE, E_OS_CALLEVEL.
 */
StatusType WaitEvent(EventMaskType Mask);

/* Counters (AUTOSAR OS 8.4.17; OSEK 2.2.3 has no counter service). */

/*
 * Advance software counter CounterID (one without SYSTEM_TIMER or DIVIDER in
 * its OIL) by one tick and run the actions of its alarms that expire; a task
 * they make ready preempts at once (at the end of the ISR in an ISR2). Task,
 * ISR2. Extended: E_OS_ID (no such counter, or one the hardware drives).
 */
StatusType IncrementCounter(CounterType CounterID);

/* Alarms. */

/* The constants of AlarmID's counter. Task, ISR2, hooks. Extended: E_OS_ID. */
StatusType GetAlarmBase(AlarmType AlarmID, AlarmBaseRefType Info);

/*
 * Counter ticks until AlarmID expires. Task, ISR2, hooks. Returns
 * E_OS_NOFUNC (not set); extended: E_OS_ID.
 */
StatusType GetAlarm(AlarmType AlarmID, TickRefType Tick);

/*
 * Expire AlarmID increment ticks from now, then every cycle ticks (0: once).
 * Task, ISR2. Returns E_OS_STATE (already set), E_OS_VALUE (increment 0, in
 * both statuses, as AUTOSAR OS SWS_Os_00304); extended: E_OS_ID, E_OS_VALUE
 * (increment above OSMAXALLOWEDVALUE, cycle not 0 and outside
 * OSMINCYCLE..OSMAXALLOWEDVALUE).
 */
StatusType SetRelAlarm(AlarmType AlarmID, TickType increment, TickType cycle);

/*
 * Expire AlarmID when its counter next reaches start (after a wrap if it is
 * there already), then every cycle ticks. Task, ISR2. Returns E_OS_STATE;
 * extended: E_OS_ID, E_OS_VALUE.
 */
StatusType SetAbsAlarm(AlarmType AlarmID, TickType start, TickType cycle);

/* Stop AlarmID. Task, ISR2. Returns E_OS_NOFUNC (not set); extended: E_OS_ID. */
StatusType CancelAlarm(AlarmType AlarmID);

/* Operating system execution control. */

/* The mode StartOS() was given. Task, ISR2, every hook. */
AppModeType GetActiveApplicationMode(void);

/*
 * Start the OS in application mode Mode: autostart tasks and alarms of the
 * mode, StartupHook, then the scheduler. Called once from main(); does not
 * return.
 */
void StartOS(AppModeType Mode) __attribute__((noreturn));

/*
 * Stop the OS: ShutdownHook(Error), then the domain ends (powered off for
 * E_OK, crashed otherwise). Task, ISR2, ErrorHook, StartupHook.
 */
void ShutdownOS(StatusType Error) __attribute__((noreturn));

/* Hooks the application provides when its OIL OS object enables them. */
void ErrorHook(StatusType Error);
void PreTaskHook(void);
void PostTaskHook(void);
void StartupHook(void);
void ShutdownHook(StatusType Error);

/*
 * In the ErrorHook: the service that failed and its arguments (OIL
 * USEGETSERVICEID, USEPARAMETERACCESS).
 */
#if CONFIG_OS_NUM_CORES > 1
/* Each core's ErrorHook reads its own. */
struct os_error_info {
	OSServiceIdType service;
	uintptr_t param[3];
};
extern struct os_error_info os_error_info[CONFIG_OS_NUM_CORES];

#define OSErrorGetServiceId()	(os_error_info[GetCoreID()].service)
#define OS_ERROR_PARAM(i, type) ((type)os_error_info[GetCoreID()].param[i])
#else
extern OSServiceIdType os_error_service;
extern uintptr_t os_error_param[3];

#define OSErrorGetServiceId()	(os_error_service)
#define OS_ERROR_PARAM(i, type) ((type)os_error_param[i])
#endif

#define OSError_ActivateTask_TaskID()	OS_ERROR_PARAM(0, TaskType)
#define OSError_ChainTask_TaskID()	OS_ERROR_PARAM(0, TaskType)
#define OSError_GetTaskID_TaskID()	OS_ERROR_PARAM(0, TaskRefType)
#define OSError_GetTaskState_TaskID()	OS_ERROR_PARAM(0, TaskType)
#define OSError_GetTaskState_State()	OS_ERROR_PARAM(1, TaskStateRefType)
#define OSError_GetResource_ResID()	OS_ERROR_PARAM(0, ResourceType)
#define OSError_ReleaseResource_ResID() OS_ERROR_PARAM(0, ResourceType)
#define OSError_SetEvent_TaskID()	OS_ERROR_PARAM(0, TaskType)
#define OSError_SetEvent_Mask()		OS_ERROR_PARAM(1, EventMaskType)
#define OSError_ClearEvent_Mask()	OS_ERROR_PARAM(0, EventMaskType)
#define OSError_GetEvent_TaskID()	OS_ERROR_PARAM(0, TaskType)
#define OSError_GetEvent_Event()	OS_ERROR_PARAM(1, EventMaskRefType)
#define OSError_WaitEvent_Mask()	OS_ERROR_PARAM(0, EventMaskType)
#define OSError_GetAlarmBase_AlarmID()	OS_ERROR_PARAM(0, AlarmType)
#define OSError_GetAlarmBase_Info()	OS_ERROR_PARAM(1, AlarmBaseRefType)
#define OSError_GetAlarm_AlarmID()	OS_ERROR_PARAM(0, AlarmType)
#define OSError_GetAlarm_Tick()		OS_ERROR_PARAM(1, TickRefType)
#define OSError_SetRelAlarm_AlarmID()	OS_ERROR_PARAM(0, AlarmType)
#define OSError_SetRelAlarm_increment() OS_ERROR_PARAM(1, TickType)
#define OSError_SetRelAlarm_cycle()	OS_ERROR_PARAM(2, TickType)
#define OSError_SetAbsAlarm_AlarmID()	OS_ERROR_PARAM(0, AlarmType)
#define OSError_SetAbsAlarm_start()	OS_ERROR_PARAM(1, TickType)
#define OSError_SetAbsAlarm_cycle()	OS_ERROR_PARAM(2, TickType)
#define OSError_CancelAlarm_AlarmID()	OS_ERROR_PARAM(0, AlarmType)

/* AUTOSAR OS services. */
#define OSError_IncrementCounter_CounterID() OS_ERROR_PARAM(0, CounterType)

/* The application's objects, generated from its OIL file by erika_oil(). */
#if !__has_include(<erika_oil.h>)
#error "no OIL configuration: call erika_oil(<file>.oil) in the application's CMakeLists.txt"
#endif
#include <erika_oil.h>

#endif /* ERIKA_OS_H */
