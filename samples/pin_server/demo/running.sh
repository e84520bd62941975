#!/bin/sh
# shellcheck shell=sh
# The pin server's Quick Guide, played in dom0 by scripts/demo.sh while the RTOS
# domain runs (xenrun's running.sh hook; busybox sh; cwd holds erika-xen.ko).
F=/proc/sys/erika-xen/pin_state
say() { echo "demo: $*"; }
run() { say "\$ $*"; sh -c "$*" 2>&1 | sed 's/^/demo:   /'; }

say "the RTOS domain was created with: xl create erika.cfg"
run "xl list"
run "xenstore-ls /local/domain/$(xl domid "$XENRUN_DOMAIN")/data"
run "insmod ./erika-xen.ko"
i=0
until grep -q "^connected 1" /proc/sys/erika-xen/stats || [ $i -ge 60 ]; do
	sleep 0.5
	i=$((i + 1))
done
run "echo 1 > $F"
run "cat $F"
echo "XENRUN-MONITOR-CHECK demo.pl061_pin_high 0x090303fc 0x1 0x1"
sleep 1
run "echo 0 > $F"
run "cat $F"
echo "XENRUN-MONITOR-CHECK demo.pl061_pin_low 0x090303fc 0x1 0x0"
sleep 1
run "echo 7 > $F"
run "echo foo > $F"
run "cat /proc/sys/erika-xen/stats"
run "cat /proc/sys/erika-xen/rtt"
run "rmmod erika_xen"
run "xl destroy $XENRUN_DOMAIN"
echo "ERIKA-TEST END"
