#!/bin/sh
# shellcheck shell=sh
# Pinning seen from dom0 (xenrun's running.sh hook, busybox sh), while the
# pin server built with two vCPUs and CONFIG_XEN_VCPU_PINNING="1 2" runs:
# Xen has 3 pCPUs and dom0's arguments from the image's Kconfig; `xl
# vcpu-list` (columns Name ID VCPU CPU State Time(s) "Hard / Soft",
# tools/xl/xl_vcpu.c) shows dom0's one vCPU on pCPU 0 pinned there
# (dom0_vcpus_pin), the RTOS's vCPU 0 pinned to and running on pCPU 1 and its
# vCPU 1 pinned to pCPU 2 (xl.cfg(5) `cpus = ["1", "2"]`). The RTOS starts
# vCPU 1 at boot (PSCI CPU_ON, arch/arm/xen/README.md), so it is online (no
# `p` in State; an offline vCPU shows `--p` and CPU `-`) on pCPU 2. The
# listing and vCPU 1's state go to the log as figures.
PREFIX=pinning
LOGDIR=/var/log/xen/console
. ./lib.sh # pass, fail, check, wait_for (tests/pin_server/tools/lib.sh)
server_ready() { cat "$LOGDIR/guest-$XENRUN_DOMAIN"*.log 2>/dev/null | grep -q "pin-server: ready"; }

dom=$(xl domid "$XENRUN_DOMAIN") && pass domain || {
	fail domain "no domain $XENRUN_DOMAIN"
	echo "ERIKA-TEST END"
	exit 1
}

info=$(xl info)
check xen_nr_cpus "$(echo "$info" | awk '$1 == "nr_cpus" { print $3 }')" 3
cmdline=$(echo "$info" | sed -n 's/^xen_commandline *: //p')
echo "pinning: Xen command line: $cmdline"
case " $cmdline " in
*" dom0_max_vcpus=1 "*) pass xen_cmdline_dom0_max_vcpus ;;
*) fail xen_cmdline_dom0_max_vcpus "'$cmdline'" ;;
esac
case " $cmdline " in
*" dom0_vcpus_pin "*) pass xen_cmdline_dom0_vcpus_pin ;;
*) fail xen_cmdline_dom0_vcpus_pin "'$cmdline'" ;;
esac

# Look while the server runs: it has booted and waits for a client.
wait_for 60 server_ready && pass server_ready || fail server_ready "no 'pin-server: ready' in 60 s"

# One machine-readable line per vCPU: "vcpu DOMID VCPU CPU STATE HARD".
list=$(xl vcpu-list)
echo "$list" | sed 's/^/pinning: xl vcpu-list: /'
rows=$(echo "$list" | awk 'NR > 1 && NF >= 9 { print "vcpu", $2, $3, $4, $5, $7 }')
row() { echo "$rows" | awk -v d="$1" -v v="$2" -v f="$3" '$2 == d && $3 == v { print $f }'; }
check dom0_vcpus "$(echo "$rows" | awk '$2 == 0' | wc -l)" 1
check dom0_vcpu0_cpu "$(row 0 0 4)" 0
check dom0_vcpu0_hard "$(row 0 0 6)" 0
check rtos_vcpus "$(echo "$rows" | awk -v d="$dom" '$2 == d' | wc -l)" 2
check rtos_vcpu0_cpu "$(row "$dom" 0 4)" 1
check rtos_vcpu0_hard "$(row "$dom" 0 6)" 1
state0=$(row "$dom" 0 5)
case "$state0" in
*p*) fail rtos_vcpu0_online "state '$state0'" ;;
?*) pass rtos_vcpu0_online ;;
*) fail rtos_vcpu0_online "no vCPU 0 row" ;;
esac
check rtos_vcpu1_hard "$(row "$dom" 1 6)" 2
state1=$(row "$dom" 1 5)
cpu1=$(row "$dom" 1 4)
echo "pinning: RTOS vCPU 1: state $state1 cpu $cpu1"
case "$state1" in
*p*) fail rtos_vcpu1_online "state '$state1' (not started by the RTOS)" ;;
?*) pass rtos_vcpu1_online ;;
*) fail rtos_vcpu1_online "no vCPU 1 row" ;;
esac
check rtos_vcpu1_cpu "$cpu1" 2

xl destroy "$dom" && pass destroyed || fail destroyed "xl destroy $dom failed"
echo "ERIKA-TEST END"
