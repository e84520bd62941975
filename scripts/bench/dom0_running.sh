#!/bin/sh
# shellcheck shell=sh
# The side-by-side benchmark in dom0 (xenrun's running.sh hook, busybox sh,
# cwd = the payload's extra/ dir, built by scripts/bench.sh). The RTOS pin
# server was started by xenrun (`xl create erika.cfg`); this starts the Linux
# peer next to it, then, REPEATS times, interleaved (the order alternates):
#   - the round trip: the erika-xen module loaded for one server, pin_rtt's
#     REQUESTS timed writes, the module's own figures, unloaded; other server;
#   - the 1 ms periodic task of both domains over PHASE_S seconds each: idle;
#     dom0 under CPU and memory load; a request flood to the RTOS; to the peer.
# Every figure is one BENCH-* line on the console for scripts/bench/report.py.
# shellcheck source=/dev/null
. ./bench.env # REPEATS, REQUESTS, PHASE_S (scripts/bench.sh)
RTOS=$XENRUN_DOMAIN
PEER=linux_peer
LOGS=/var/log/xen/console
STATS=/proc/sys/erika-xen/stats

log_of() { if [ "$1" = rtos ]; then echo "$LOGS/guest-$RTOS.log"; else echo "$LOGS/guest-$PEER.log"; fi; }
name_of() { if [ "$1" = rtos ]; then echo "$RTOS"; else echo "$PEER"; fi; }
lines() { if [ -f "$1" ]; then wc -l <"$1"; else echo 0; fi; }
progress() { echo "BENCH-PROGRESS $(cut -d' ' -f1 /proc/uptime) s: $*"; }

wait_ready() { # wait_ready TARGET: the server printed its ready line (120 s)
	i=0
	while [ $i -lt 240 ]; do
		grep -q "pin-server: ready" "$(log_of "$1")" 2>/dev/null && return 0
		sleep 0.5
		i=$((i + 1))
	done
	echo "ERIKA-TEST FAIL bench.$1_ready the server never printed its ready line"
	tail -20 "$(log_of "$1")"
	return 1
}

# connect TARGET: the module loaded for it and connected (30 s). Its request
# timeout is 10 s, not 1 s: a host stall under TCG makes a long sample, not a
# lost one (seen: 2 of 1000 Linux round trips over 1 s on a loaded host).
connect() {
	insmod ./erika-xen.ko domain_name="$(name_of "$1")" timeout_ms=10000 || return 1
	i=0
	while [ $i -lt 60 ]; do
		[ "$(sed -n 's/^connected //p' "$STATS")" = 1 ] && return 0
		sleep 0.5
		i=$((i + 1))
	done
	echo "ERIKA-TEST FAIL bench.$1_connect $(tr '\n' ' ' <"$STATS")"
	rmmod erika_xen
	return 1
}

# pin_check TARGET: the server really drives the PL061 (not a variable): the
# level it reads back, and QEMU's own register read from outside (the runner).
pin_check() {
	connect "$1" || return 0
	for v in 1 0; do
		echo $v >/proc/sys/erika-xen/pin_state
		got=$(cat /proc/sys/erika-xen/pin_state)
		if [ "$got" = $v ]; then
			echo "ERIKA-TEST PASS bench.$1_pin_$v"
		else
			echo "ERIKA-TEST FAIL bench.$1_pin_$v read back '$got'"
		fi
		echo "XENRUN-MONITOR-CHECK bench.$1_pl061_$v 0x090303fc 0x1 0x$v"
		sleep 1
	done
	rmmod erika_xen
}

rtt() { # rtt TARGET REPEAT
	progress "round trip $1 repeat $2: $REQUESTS requests"
	connect "$1" || return 0
	echo 0 >/proc/sys/erika-xen/rtt
	./pin_rtt "$1" "$2" "$REQUESTS"
	echo "BENCH-MODRTT $1 $2 $(tr '\n' ' ' </proc/sys/erika-xen/rtt)"
	rmmod erika_xen
}

# phase NAME REPEAT TARGETS COMMAND...: run COMMAND (or sleep) for PHASE_S,
# then the heartbeat reports each TARGET printed during it (the first one
# after the start is skipped: its window began before the phase).
phase() {
	name=$1 rep=$2 targets=$3
	shift 3
	progress "periodic task, $name, repeat $rep (${PHASE_S} s)"
	s=0
	for t in $targets; do eval "start_$t=$(lines "$(log_of "$t")")"; done
	"$@"
	for t in $targets; do
		eval "s=\$start_$t"
		# Two reports at least (the first is skipped), however slowly a busy
		# host runs the guests: the phase's length is a floor, not a promise
		# that reports came (bounded: 60 s more at the most).
		i=0
		while [ "$(tail -n +$((s + 1)) "$(log_of "$t")" | grep -c "heartbeat beats")" -lt 2 ] &&
			[ $i -lt 120 ]; do
			sleep 0.5
			i=$((i + 1))
		done
		tail -n +$((s + 1)) "$(log_of "$t")" | grep "heartbeat beats" | sed 1d |
			sed -n "s/.*beats \([0-9]*\) missed \([0-9]*\) worst \([0-9]*\) us.*/BENCH-JITTER $name $t $rep beats=\1 missed=\2 worst_us=\3/p"
	done
}

idle() { sleep "$PHASE_S"; }
loaded() { # one CPU hog and one memory streamer in dom0
	(while :; do :; done) &
	cpu=$!
	dd if=/dev/zero of=/dev/null bs=4M count=1000000 2>/dev/null &
	mem=$!
	sleep "$PHASE_S"
	kill "$cpu" "$mem"
	wait "$cpu" "$mem" 2>/dev/null
}
flood() { # flood TARGET
	connect "$1" || return 0
	./pin_rtt --flood "$PHASE_S" | sed "s/^/$1 /"
	rmmod erika_xen
}

progress "starting the Linux peer"
xl create -q linux_peer.cfg || { echo "ERIKA-TEST FAIL bench.peer_create xl create failed"; exit 1; }
wait_ready rtos || exit 1
wait_ready linux || exit 1
echo "BENCH-SETUP rtos domid $(xl domid "$RTOS") linux domid $(xl domid "$PEER")"
# Each server's keys with their permissions (xenstore-ls -p: the first entry
# names the owner domain and what all others may do, then per-domain grants).
for t in rtos linux; do
	echo "BENCH-XENSTORE $t $(xenstore-ls -p "/local/domain/$(xl domid "$(name_of "$t")")/data" | tr -s ' ' | tr '\n' ';')"
done
pin_check rtos
pin_check linux
rep=1
while [ "$rep" -le "$REPEATS" ]; do
	if [ $((rep % 2)) = 1 ]; then order="rtos linux"; else order="linux rtos"; fi
	for t in $order; do rtt "$t" "$rep"; done
	phase idle "$rep" "rtos linux" idle
	phase load "$rep" "rtos linux" loaded
	for t in $order; do phase "flood" "$rep" "$t" flood "$t"; done
	rep=$((rep + 1))
done
xl list
echo "BENCH-DONE"
echo "ERIKA-TEST END"
# Both servers run forever: end them, so that xenrun's run.sh ends too.
xl destroy "$PEER"
xl destroy "$RTOS"
