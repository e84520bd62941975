/*
 * The pin server protocol (samples/pin_server/doc/protocol.md): the layout of
 * the shared page, shared by the RTOS and the dom0 side. Fixed-size integer
 * fields only, so both ends (ARM32 guest, Linux dom0 of any word size) agree.
 * Include <xen/io/ring.h> (or Linux's <xen/interface/io/ring.h>) first.
 */
#ifndef PIN_SERVER_PROTOCOL_H
#define PIN_SERVER_PROTOCOL_H

/* The version this header describes; XenStore key `protocol-version`. */
#define PIN_SERVER_PROTOCOL_VERSION 1

/* Requests. */
#define PIN_OP_PING 1 /* no effect; answers status 0 */
#define PIN_OP_SET  2 /* drive pin `pin` to `value` (0 or 1) */
#define PIN_OP_GET  3 /* read pin `pin` back from the GPIO data register */

/* Response status: 0 or a negative errno (the Linux/Xen numbers). */
#define PIN_STATUS_OK	      0
#define PIN_STATUS_EPERM      (-1)  /* the pin is not one the devicetree allows */
#define PIN_STATUS_EIO	      (-5)  /* the GPIO driver failed */
#define PIN_STATUS_EINVAL     (-22) /* value not 0/1, or reserved fields not 0 */
#define PIN_STATUS_EOPNOTSUPP (-95) /* unknown op */

struct pin_request {
	uint32_t id; /* chosen by the client, echoed in the response */
	uint8_t op;
	uint8_t pin;	  /* index into the server's allowed pins (`pins` key) */
	uint8_t value;	  /* PIN_OP_SET: 0 or 1; otherwise 0 */
	uint8_t reserved; /* 0 */
};

struct pin_response {
	uint32_t id;
	int32_t status;
	uint8_t value; /* the pin's level read back (SET and GET) */
	uint8_t reserved[3];
};

DEFINE_RING_TYPES(pin, struct pin_request, struct pin_response);

#endif /* PIN_SERVER_PROTOCOL_H */
