/*
 * The pin server: dom0 asks, through a granted ring page and an event
 * channel, for a GPIO pin to be driven or read (doc/protocol.md). The event
 * channel's interrupt only wakes the PinServer task; the task copies, checks
 * and executes the requests. A higher-priority Heartbeat task keeps its period
 * whatever dom0 sends.
 */

#include <erika/os.h>
#include <erika/printk.h>
#include <erika/xen/xenstore.h>

#include "pin_app.h"

/* Requests answered per wake-up before the task yields to equal work. */
#define REQUEST_BUDGET 32
/* Report the statistics every this many poll periods (100 ms each). */
#define REPORT_EVERY 20

DeclareTask(PinServer);
DeclareTask(Heartbeat);

static struct pin_transport transport;
static struct pin_stats stats;
/*
 * Request interrupts taken on each core, each counter written by its own
 * core: with two cores (pin_server_two_cores.oil) every one is on core 1 and
 * the Heartbeat's core 0 takes none, however many dom0 sends.
 */
static unsigned int request_irqs[CONFIG_OS_NUM_CORES];

/* In the XenEvents ISR2 (pin_server.oil: the event upcall): wake the task, nothing more. */
static void on_request(evtchn_port_t port, void *arg)
{
	(void)port;
	(void)arg;
	request_irqs[GetCoreID()]++;
	(void)SetEvent(PinServer, EvRequest);
}

/*
 * The client came or left. The ring is not reset: a client attaches at the
 * indices it finds (doc/protocol.md), and a reset would race with a quick
 * module reload. Task context (xs_watch_dispatch).
 */
static void on_client_state(const char *path, const char *token, void *arg)
{
	char state[8];

	(void)token;
	(void)arg;
	if (xs_read(XS_TX_NONE, path, state, sizeof(state)) > 0 && state[0] == '4')
		printk("pin-server: client connected\n");
	else
		printk("pin-server: no client\n");
}

static void serve_requests(void)
{
	int more;

	do {
		if (pin_ring_service(&transport.ring, &pin_gpio_backend, REQUEST_BUDGET, &stats,
				     &more))
			pin_transport_notify(&transport);
		if (more)
			(void)Schedule(); /* a flood must not keep equal work waiting */
	} while (more);
}

static void report(void)
{
	struct heartbeat_report hb;

	heartbeat_take_report(&hb);
	printk("pin-server: requests %u rejected %u bogus-index %u; "
	       "heartbeat beats %u missed %u worst %u us\n",
	       stats.requests, stats.rejected, stats.bogus_prod, hb.beats, hb.missed, hb.worst_us);
#if CONFIG_OS_NUM_CORES > 1
	printk("pin-server: request interrupts on core 0: %u, core 1: %u\n", request_irqs[0],
	       request_irqs[1]);
#endif
}

TASK(PinServer)
{
	unsigned int polls = 0;
	int rc = pin_gpio_init();

	rc = rc ? rc : pin_transport_open(&transport, 0, on_request);
	rc = rc ? rc : xs_watch("data/pin-server/client-state", "client", on_client_state, 0);
	if (rc < 0) {
		printk("pin-server: cannot start: error %d\n", rc);
		ShutdownOS(E_OS_SYS_INIT);
	}
	printk("pin-server: ready on core %u\n", GetCoreID());
	for (;;) {
		EventMaskType events;

		(void)WaitEvent(EvRequest | EvPoll);
		(void)GetEvent(PinServer, &events);
		(void)ClearEvent(events);
		if (events & EvRequest)
			serve_requests();
		if (events & EvPoll) {
			(void)xs_watch_dispatch(0);
			if (++polls % REPORT_EVERY == 0)
				report();
		}
	}
}

TASK(Heartbeat)
{
	heartbeat_tick();
	(void)TerminateTask();
}

int main(void)
{
	heartbeat_init();
	printk("*** ERIKA Enterprise pin server on %s ***\n", CONFIG_BOARD);
	StartOS(OSDEFAULTAPPMODE);
	return 0;
}
