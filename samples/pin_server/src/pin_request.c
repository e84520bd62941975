/*
 * One request: validate the private copy, run it, say how it went. Pure
 * logic over a pin backend, so it is tested on the host with a fake one.
 */

#include "pin_protocol.h"

static int32_t validate(const struct pin_request *req, const struct pin_backend *backend)
{
	switch (req->op) {
	case PIN_OP_PING:
	case PIN_OP_SET:
	case PIN_OP_GET:
		break;
	default:
		return PIN_STATUS_EOPNOTSUPP;
	}
	if (req->reserved != 0)
		return PIN_STATUS_EINVAL;
	if (req->op == PIN_OP_PING)
		return req->pin == 0 && req->value == 0 ? PIN_STATUS_OK : PIN_STATUS_EINVAL;
	if (req->pin >= backend->pins)
		return PIN_STATUS_EPERM;
	if (req->op == PIN_OP_SET ? req->value > 1 : req->value != 0)
		return PIN_STATUS_EINVAL;
	return PIN_STATUS_OK;
}

void pin_request_execute(const struct pin_request *req, struct pin_response *rsp,
			 const struct pin_backend *backend)
{
	int32_t status = validate(req, backend);
	int level = 0;

	if (status == PIN_STATUS_OK && req->op == PIN_OP_SET)
		status = backend->set(req->pin, req->value) < 0 ? PIN_STATUS_EIO : PIN_STATUS_OK;
	if (status == PIN_STATUS_OK && req->op != PIN_OP_PING) {
		level = backend->get(req->pin);
		if (level < 0) {
			status = PIN_STATUS_EIO;
			level = 0;
		}
	}
	*rsp = (struct pin_response){ .id = req->id, .status = status, .value = (uint8_t)level };
}
