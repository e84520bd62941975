/*
 * The hostile guest: the pin server's transport and request checks, with a
 * ring back end that misbehaves on dom0's command (CONFIG_PIN_TEST_HOSTILE;
 * without it, the product's back end). dom0's test script
 * (../running.sh) drives the cases and checks that dom0 survives each one
 * with a clear errno.
 */

#include <erika/os.h>
#include <erika/printk.h>
#include <erika/xen/xenstore.h>

#include "pin_app.h"
#ifdef CONFIG_PIN_TEST_HOSTILE
#include "hostile.h"
#endif

/* Requests answered per wake-up by the product's back end. */
#define REQUEST_BUDGET 32

DeclareTask(PinServer);
DeclareTask(Flooder);

static struct pin_transport transport;
static struct pin_stats stats;

/* ISR2 context (the event upcall): wake the task, nothing more. */
static void on_request(evtchn_port_t port, void *arg)
{
	(void)port;
	(void)arg;
	(void)SetEvent(PinServer, EvRequest);
}

static void serve_requests(void)
{
	int more;

	do {
#ifdef CONFIG_PIN_TEST_HOSTILE
		hostile_service(&transport, &stats, &more);
#else
		if (pin_ring_service(&transport.ring, &pin_gpio_backend, REQUEST_BUDGET, &stats,
				     &more))
			pin_transport_notify(&transport);
#endif
		if (more)
			(void)Schedule();
	} while (more);
}

TASK(PinServer)
{
	int rc = pin_gpio_init();

	rc = rc ? rc : pin_transport_open(&transport, 0, on_request);
#ifdef CONFIG_PIN_TEST_HOSTILE
	rc = rc ? rc : hostile_commands_init(&transport);
#endif
	if (rc < 0) {
		printk("pin-hostile: cannot start: error %d\n", rc);
		ShutdownOS(E_OS_SYS_INIT);
	}
	printk("pin-hostile: ready\n");
	for (;;) {
		EventMaskType events;

		(void)WaitEvent(EvRequest | EvPoll);
		(void)GetEvent(PinServer, &events);
		(void)ClearEvent(events);
		if (events & EvRequest)
			serve_requests();
		if (events & EvPoll)
			(void)xs_watch_dispatch(0);
	}
}

/*
 * The notification flood: while the "notify" case is on, raise dom0's event
 * without pause. Lowest priority, so PinServer's answers and commands
 * preempt it; each notification is a hypercall, so Xen runs meanwhile too.
 */
TASK(Flooder)
{
	for (;;) {
		unsigned int sent = 0;

		(void)WaitEvent(EvFlood);
		(void)ClearEvent(EvFlood);
#ifdef CONFIG_PIN_TEST_HOSTILE
		while (hostile_case.kind == CASE_NOTIFY) {
			pin_transport_notify(&transport);
			sent++;
		}
#endif
		printk("hostile: notification flood over, %u sent\n", sent);
	}
}

void StartupHook(void)
{
}

int main(void)
{
	printk("*** ERIKA Enterprise pin server test: hostile guest on %s ***\n", CONFIG_BOARD);
	StartOS(OSDEFAULTAPPMODE);
	return 0;
}
