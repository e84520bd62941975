#!/bin/sh
# shellcheck shell=sh
# The card's checks, run in the shell the card's dom0 leaves on the console
# (xenrun.py sdcard --script: from a second disk, by one typed line). Nothing
# here starts anything: the card's own /init mounted its partition on /boot,
# loaded erika-xen.ko from it and ran `xl create erika.cfg` there. This checks
# that it did, drives the pin server through /proc/sys/erika-xen/pin_state as
# a user does, and has QEMU read the PL061 data register from outside
# (XENRUN-MONITOR-CHECK, scripts/xenrun/monitor.py).
F=/proc/sys/erika-xen/pin_state
STATS=/proc/sys/erika-xen/stats
PL061_DATA=0x090303fc # the PL061's data register, all pins; the pin is bit 0

pass() { echo "ERIKA-TEST PASS card.$1"; }
fail() { n=$1; shift; echo "ERIKA-TEST FAIL card.$n $*"; }
check() { if [ "$2" = "$3" ]; then pass "$1"; else fail "$1" "got '$2', expected '$3'"; fi; }
gpio() {
	echo "XENRUN-MONITOR-CHECK card.$1 $PL061_DATA 0x1 $2"
	sleep 1
}

# Xen's own report of the command line boot.scr gave it (the runner compares
# it with the card's boot.cmd).
xl info | grep '^xen_commandline'
# The card is mounted and holds what the domain was created from.
if grep -q ' /boot ext4 ' /proc/mounts; then pass card_mounted; else fail card_mounted "$(cat /proc/mounts)"; fi
name=$(sed -n 's/^name = "\(.*\)"$/\1/p' /boot/erika.cfg)
kernel=$(sed -n 's/^kernel = "\(.*\)"$/\1/p' /boot/erika.cfg)
if [ -n "$name" ] && [ -f "/boot/$kernel" ]; then pass cfg_on_card; else fail cfg_on_card "name '$name' kernel '$kernel'"; fi
if dom=$(xl domid "$name" 2>/dev/null); then pass domain_created; else fail domain_created "no domain '$name' in xl list"; fi
if grep -q '^erika_xen ' /proc/modules; then pass module_loaded; else fail module_loaded "erika_xen not in /proc/modules"; fi

i=0
until [ "$(sed -n 's/^connected //p' $STATS)" = 1 ] && [ "$(sed -n 's/^domid //p' $STATS)" = "$dom" ] || [ $i -ge 60 ]; do
	sleep 0.5
	i=$((i + 1))
done
check connected "$(sed -n 's/^connected //p' $STATS)" 1
echo 1 >"$F" && pass write1 || fail write1 "echo 1 failed"
check read1 "$(cat "$F")" 1
gpio high 0x1
echo 0 >"$F" && pass write0 || fail write0 "echo 0 failed"
check read0 "$(cat "$F")" 0
gpio low 0x0
# The RTOS's own console (xenconsoled's log of its PV console).
if grep -q "pin-server: ready" "/var/log/xen/console/guest-$name.log"; then
	pass rtos_ready
else
	fail rtos_ready "$(tail -3 "/var/log/xen/console/guest-$name.log")"
fi
echo "ERIKA-TEST END"
