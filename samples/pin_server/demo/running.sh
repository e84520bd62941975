#!/bin/sh
# shellcheck shell=sh
# The pin server's Quick Guide, played in dom0 by scripts/demo.sh while the RTOS
# domain runs (xenrun's running.sh hook; busybox sh; cwd holds erika-xen.ko).
# Each command is shown as typed, with its output; each step that must work
# prints an ERIKA-TEST line, which scripts/demo.sh requires (a step that does
# not run fails the demo too).
F=/proc/sys/erika-xen/pin_state
PL061_DATA=0x090303fc # QEMU virt's PL061 data register (all pins); the pin is bit 0

say() { echo "demo: $*"; }
pass() { echo "ERIKA-TEST PASS demo.$1"; }
fail() {
	n=$1
	shift
	echo "ERIKA-TEST FAIL demo.$n $*"
}
# run CMD: show CMD as typed at dom0's prompt, then its output; CMD's status.
run() {
	say "dom0# $*"
	out=$(sh -c "$*" 2>&1)
	rc=$?
	[ -z "$out" ] || printf '%s\n' "$out" | sed 's/^/demo:     /'
	return $rc
}
# step NAME CMD: run CMD; it must succeed.
step() {
	n=$1
	shift
	if run "$@"; then pass "$n"; else fail "$n" "'$*' failed"; fi
}
# refused NAME TEXT: writing TEXT to pin_state must fail with EINVAL.
refused() {
	if run "echo $2 > $F"; then
		fail "$1" "echo $2 was accepted"
	else
		case "$out" in
		*"Invalid argument"*) pass "$1" ;;
		*) fail "$1" "expected 'Invalid argument', got '$out'" ;;
		esac
	fi
}
# level NAME WANT: cat must answer WANT, and QEMU's PL061 model must agree
# (read by the runner from outside both domains).
level() {
	if run "cat $F" && [ "$out" = "$2" ]; then
		pass "$1"
	else
		fail "$1" "cat answered '$out', expected $2"
	fi
	say "(QEMU reads the PL061 data register from outside both domains)"
	echo "XENRUN-MONITOR-CHECK demo.$1_pl061 $PL061_DATA 0x1 0x$2"
	sleep 1
}

say "Xen booted dom0 (Linux); dom0 ran: xl create erika.cfg"
step xl_list "xl list"
dom=$(xl domid "$XENRUN_DOMAIN")
step xenstore "xenstore-ls /local/domain/$dom/data"
step insmod "insmod ./erika-xen.ko"
say "waiting for the module to connect to the RTOS (XenStore, grant, event channel)"
i=0
until grep -q "^connected 1" /proc/sys/erika-xen/stats 2>/dev/null || [ $i -ge 60 ]; do
	sleep 0.5
	i=$((i + 1))
done
step connected "grep '^connected 1' /proc/sys/erika-xen/stats"
step write1 "echo 1 > $F"
level read1 1
step write0 "echo 0 > $F"
level read0 0
refused write7_einval 7
refused writefoo_einval foo
say "100 round trips, then the module's round-trip figures:"
i=0
while [ $i -lt 100 ]; do
	echo $((i % 2)) >"$F" 2>/dev/null || break
	i=$((i + 1))
done
if [ $i -eq 100 ]; then pass round_trips; else fail round_trips "request $i failed"; fi
step rtt "cat /proc/sys/erika-xen/rtt"
step stats "cat /proc/sys/erika-xen/stats"
step rmmod "rmmod erika_xen"
step destroy "xl destroy $XENRUN_DOMAIN"
echo "ERIKA-TEST END"
