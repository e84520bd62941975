#!/bin/sh
# shellcheck shell=sh
# dom0, before `xl create` (xenrun's pre.sh hook): QEMU's PL031 match register
# (RTCMR) must still hold its reset value 0, so the value post.sh finds was
# written by the RTOS domain and by nothing else (dom0's rtc-pl031 driver
# reads the clock; it writes RTCMR only for an alarm, which nothing sets here).
# XENRUN-MONITOR-CHECK: scripts/xenrun/monitor.py reads the word in QEMU.
echo "XENRUN-MONITOR-CHECK latch.rtcmr_reset 0x09010004 0xffffffff 0x0"
sleep 1
# What dom0's kernel made of the device, for the log: it keeps it too.
dmesg | grep -i pl031 || true
