/*
 * alloc_unbound DOMID: allocate, in domain DOMID, an event channel port that
 * dom0 may bind (EVTCHNOP_alloc_unbound through /dev/xen/privcmd, as the
 * toolstack does for a new domain's console), and print the port.
 *
 * A dom0 test helper (built for armhf by payload.cmake): with the hello
 * guest's grant reference 0, which the toolstack grants to dom0, it lets the
 * erika-xen checks advertise a "server" whose page and port really belong to
 * a domU, although nothing in that domU answers.
 */
#define __XEN_TOOLS__ 1 /* the current hypercall interface */
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <unistd.h>
#include <xen/xen.h>
#include <xen/event_channel.h>
#include <xen/sys/privcmd.h>

int main(int argc, char **argv)
{
	struct evtchn_alloc_unbound *op;
	privcmd_hypercall_t call = { 0 };
	long page = sysconf(_SC_PAGESIZE);
	int fd, rc;

	if (argc != 2) {
		fprintf(stderr, "usage: %s DOMID\n", argv[0]);
		return 2;
	}
	/* Xen reads and writes the argument through our page tables: keep it resident. */
	op = mmap(NULL, page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_LOCKED, -1,
		  0);
	if (op == MAP_FAILED) {
		perror("mmap");
		return 1;
	}
	op->dom = (domid_t)atoi(argv[1]);
	op->remote_dom = 0;
	op->port = 0;
	fd = open("/dev/xen/privcmd", O_RDWR);
	if (fd < 0) {
		perror("/dev/xen/privcmd");
		return 1;
	}
	call.op = __HYPERVISOR_event_channel_op;
	call.arg[0] = EVTCHNOP_alloc_unbound;
	call.arg[1] = (unsigned long)op;
	rc = ioctl(fd, IOCTL_PRIVCMD_HYPERCALL, &call);
	if (rc != 0) {
		fprintf(stderr, "EVTCHNOP_alloc_unbound in domain %s: %d\n", argv[1], rc);
		return 1;
	}
	printf("%u\n", op->port);
	close(fd);
	return 0;
}
