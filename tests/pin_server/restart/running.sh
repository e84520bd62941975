#!/bin/sh
# shellcheck shell=sh
# Restart and removal under load, from dom0 (xenrun's running.sh hook): the
# product's pin server (samples/pin_server) in the RTOS domain, the erika-xen
# module in dom0. `xl pause` during a request, a signal during a request,
# `rmmod` during a request, then CYCLES `xl destroy` / `xl create` cycles,
# each with a request waiting at the destroy and a load generator running
# throughout: every waiting request ends with ENODEV, every cycle reconnects,
# the load sees only answers and ENODEV, and the kernel log stays clean.
# The reconnect time of each cycle is printed (a figure, not asserted).
# shellcheck disable=SC2034 # used by lib.sh
PREFIX=pin_restart
CYCLES=20
. ./lib.sh

timeout_ms() { echo "$1" >"$PARAMS/timeout_ms"; }
is_connected_elsewhere() { [ "$(counter connected)" = 1 ] && [ "$(counter domid)" != "$1" ]; }
create() { (cd /payload/sd && xl create -q erika.cfg 'on_poweroff="preserve"' 'on_crash="preserve"'); }

dom=$(xl domid "$XENRUN_DOMAIN") || {
	fail domid "no domain $XENRUN_DOMAIN"
	exit 1
}
mark_dmesg
insmod ./erika-xen.ko timeout_ms=10000 && pass insmod || fail insmod "insmod failed"
wait_connected "$dom" && pass connected || fail connected "$(tr '\n' ' ' <"$STATS")"
expect_io first_write ok write1

# xl pause during a request: it waits (the domain cannot answer) and is
# answered once the domain runs again.
xl pause "$dom"
start_io /run/paused_read read
reader=$!
wait_for 10 has_waiting && pass pause_read_waits || fail pause_read_waits "not waiting"
xl unpause "$dom"
wait $reader
check pause_read_answered "$(result /run/paused_read)" ok

# Paused longer than the timeout: ETIMEDOUT; after unpause the late answer
# is dropped and the next request is served.
timeout_ms 1000
xl pause "$dom"
dropped=$(counter dropped)
expect_io pause_timeout_etimedout ETIMEDOUT write0
xl unpause "$dom"
timeout_ms 10000
expect_io after_pause_served ok read
check late_answer_dropped "$(counter dropped)" $((dropped + 1))

# A signal during a request: EINTR at once (the timeout is 60 s).
xl pause "$dom"
timeout_ms 60000
expect_io signal_eintr EINTR -a 1 read
# rmmod during a request: the wait ends with ENODEV, rmmod does not wait.
start_io /run/rmmod_read read
reader=$!
wait_for 10 has_waiting || fail rmmod_read_waits "not waiting"
t0=$(uptime_ms)
rmmod erika_xen && pass rmmod_during_request || fail rmmod_during_request "rmmod failed"
echo "pin_restart: rmmod with a request waiting took $(($(uptime_ms) - t0)) ms"
wait $reader
check rmmod_request_enodev "$(result /run/rmmod_read)" ENODEV
xl unpause "$dom"
insmod ./erika-xen.ko timeout_ms=10000 && pass insmod_again || fail insmod_again "insmod failed"
wait_connected "$dom" && pass reconnected_after_rmmod || fail reconnected_after_rmmod "not connected"
expect_io served_after_rmmod ok write0

# The cycles, under load. Each: pause (so a request is surely waiting),
# destroy, create, wait for the connection.
timeout_ms 30000 # a waiting request must end by the destroy, not by its timeout
rm -f /run/stop
./pin_io load /run/stop >/run/load &
loader=$!
aborted=$(counter aborted)
reconnected=0 enodev=0 served=0
: >/run/reconnect_ms
c=1
while [ $c -le $CYCLES ]; do
	xl pause "$dom"
	start_io /run/cycle_read read
	reader=$!
	wait_for 10 has_waiting || echo "pin_restart: cycle $c: no request waiting"
	xl destroy "$dom"
	wait $reader
	[ "$(result /run/cycle_read)" = ENODEV ] && enodev=$((enodev + 1))
	t0=$(uptime_ms)
	create
	# The module's view (one xl call less per cycle: each costs seconds under TCG).
	if wait_for 120 is_connected_elsewhere "$dom"; then
		dom=$(counter domid)
		ms=$(($(uptime_ms) - t0))
		echo "$ms" >>/run/reconnect_ms
		echo "pin_restart: cycle $c: domain $dom connected $ms ms after xl create"
		reconnected=$((reconnected + 1))
		[ "$(./pin_io write1 | cut -d' ' -f1)" = ok ] && served=$((served + 1))
	else
		echo "pin_restart: cycle $c: not connected: $(tr '\n' ' ' <"$STATS")"
		dom=$(xl domid "$XENRUN_DOMAIN")
	fi
	c=$((c + 1))
done
touch /run/stop
wait $loader
check cycles_reconnected $reconnected $CYCLES
check cycles_waiting_request_enodev $enodev $CYCLES
check cycles_served_after_reconnect $served $CYCLES
[ $(($(counter aborted) - aborted)) -ge $CYCLES ] && pass cycles_waits_aborted ||
	fail cycles_waits_aborted "aborted $(($(counter aborted) - aborted)), expected >= $CYCLES"
load=$(cat /run/load)
echo "pin_restart: load generator: $load"
# The load saw only answers and ENODEV (no timeout, no EPROTO, nothing else).
others=$(echo "$load" | awk '{ for (i = 3; i < NF; i += 2) if ($i != "ok" && $i != "ENODEV") print $i }')
[ -z "$others" ] && pass load_only_ok_or_enodev || fail load_only_ok_or_enodev "$load"
echo "$load" | grep -q " ok [1-9]" && pass load_served || fail load_served "$load"
sort -n /run/reconnect_ms | awk '{ v[NR] = $1 } END {
	if (NR) printf "pin_restart: reconnect after xl create: %d cycles, min %d ms, median %d ms, max %d ms\n",
		NR, v[1], v[int((NR + 1) / 2)], v[NR] }'
check connects_counted "$(counter connects)" $((CYCLES + 1))
check connected_to_xl_domain "$(counter domid)" "$(xl domid "$XENRUN_DOMAIN")"

xl destroy "$dom"
wait_for 10 is_disconnected && pass final_disconnect || fail final_disconnect "still connected"
rmmod erika_xen && pass rmmod || fail rmmod "rmmod failed"
check_dmesg dmesg_clean
echo "ERIKA-TEST END"
