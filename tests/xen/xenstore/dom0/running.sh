#!/bin/sh
# dom0 side of tests/xen/xenstore (a xenrun.py running hook: busybox sh, with
# the xenstore tools, while the domain runs). Waits for the guest's ready key,
# checks what the guest wrote and who owns it, answers in a key the guest
# watches, and waits for the guest's acknowledgement.
dom=$(xl domid "$XENRUN_DOMAIN") || { echo "ERIKA-TEST FAIL dom0_domid no domain $XENRUN_DOMAIN"; exit 1; }
home=/local/domain/$dom/data/erika-test

wait_key() {   # wait_key KEY VALUE: up to 30 s
	i=0
	while [ "$(xenstore-read "$home/$1" 2>/dev/null)" != "$2" ]; do
		i=$((i + 1))
		[ $i -gt 300 ] && return 1
		sleep 0.1
	done
}

if wait_key ready 1; then
	echo "ERIKA-TEST PASS dom0_sees_guest_ready"
else
	echo "ERIKA-TEST FAIL dom0_sees_guest_ready $home/ready never became 1"
	exit 1
fi

value=$(xenstore-read "$home/value")
if [ "$value" = "42" ]; then
	echo "ERIKA-TEST PASS dom0_reads_guest_value"
else
	echo "ERIKA-TEST FAIL dom0_reads_guest_value got '$value'"
fi

# The guest created the key under its own home: it owns it (permission "n<domid>").
perms=$(xenstore-ls -p "$home" 2>/dev/null | sed -n 's/^value = .*(\(.*\))$/\1/p')
case "$perms" in
n$dom*) echo "ERIKA-TEST PASS dom0_guest_owns_its_keys" ;;
*) echo "ERIKA-TEST FAIL dom0_guest_owns_its_keys permissions '$perms'" ;;
esac

xenstore-write "$home/from-dom0" "hello from dom0"
if wait_key ack "hello from dom0"; then
	echo "ERIKA-TEST PASS dom0_gets_guest_ack"
else
	echo "ERIKA-TEST FAIL dom0_gets_guest_ack no ack from the guest"
fi
