#!/bin/sh
# While a domain called like the server (the hello guest: no pin server in
# it) exists: the module must not connect to it. Then fake pin-server keys
# in its home: a protocol version the module does not speak, and version 1
# with a port that is not the guest's: refused, nothing left mapped or bound.
# Then keys naming the guest's real page and port: connected (requests time
# out: nothing answers); `xl destroy`, `xl create` again (a new domain id),
# connected again.
. ./checks.sh

dom=$(xl domid "$XENRUN_DOMAIN") || { fail domid "no domain $XENRUN_DOMAIN"; exit 1; }
dir=/local/domain/$dom/data/pin-server

expect_write same_name_no_server_enodev "No such device" 1

xenstore-write "$dir/protocol-version" 2 "$dir/ring-ref" 1 "$dir/event-channel" 4000 \
	"$dir/pins" 1 "$dir/state" 4
if wait_dmesg "domain $dom: protocol-version 2, this module speaks 1"; then
	pass refuses_version_2
else
	fail refuses_version_2 "no refusal in dmesg"
fi
expect_write version_2_enodev "No such device" 1

# Version 1: the module maps ring-ref 1 (the toolstack grants it to dom0 for
# the guest's XenStore page) or fails to, then fails to bind port 4000.
xenstore-write "$dir/state" 1 "$dir/protocol-version" 1 "$dir/state" 4
if wait_dmesg "domain $dom: (cannot bind event channel 4000|cannot map ring-ref 1)"; then
	pass bad_port_refused
	new_dmesg | grep -E "domain $dom: cannot" | sed 's/^/  dmesg: /'
else
	fail bad_port_refused "no bind/map failure in dmesg"
fi
expect_write bad_port_enodev "No such device" 1
expect_stat bad_port_not_connected connected 0

# Connected to the guest's own page and port (see advertise in checks.sh).
advertise "$dom" || fail advertise "alloc_unbound failed"
if wait_counter connected 1 && [ "$(counter domid)" = "$dom" ]; then
	pass connects_to_domu
else
	fail connects_to_domu "$(tr '\n' ' ' <"$STATS")"
fi
[ "$(xenstore-read "$dir/client-state")" = 4 ] && pass client_state_4 ||
	fail client_state_4 "client-state is '$(xenstore-read "$dir/client-state")'"
expect_write no_answer_timeout "Connection timed out" 1
expect_stat timeout_counted timeouts 1

# xl destroy: the module lets go of the page and the port, so the domain
# really disappears (no dying domain kept by a mapping).
wait_for 10 shut_down "$dom" # its poweroff
xl destroy "$dom"
wait_counter connected 0 && pass destroy_disconnects || fail destroy_disconnects "still connected"
wait_for 5 domain_gone "$dom"
domain_listed "$dom" && fail destroyed_domain_gone "domain $dom still listed" ||
	pass destroyed_domain_gone
expect_write destroyed_enodev "No such device" 1

# The RTOS created again: a new domain id, found and connected.
(cd /payload/sd && xl create -q erika.cfg 'on_poweroff="preserve"' 'on_crash="preserve"')
dom2=$(xl domid "$XENRUN_DOMAIN")
if [ -n "$dom2" ] && [ "$dom2" != "$dom" ]; then
	pass recreated_new_domid
else
	fail recreated_new_domid "domid '$dom2' after '$dom'"
fi
advertise "$dom2" || fail advertise2 "alloc_unbound failed"
if wait_counter connected 1 && [ "$(counter domid)" = "$dom2" ]; then
	pass reconnects_new_domid
else
	fail reconnects_new_domid "$(tr '\n' ' ' <"$STATS")"
fi
expect_write new_domain_timeout "Connection timed out" 0
