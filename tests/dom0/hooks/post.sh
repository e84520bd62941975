#!/bin/sh
# After the second domain was destroyed (its home removed): disconnected,
# -ENODEV, no domain left behind; then unload, and nothing in the kernel log
# looks like a crash or a warning.
. ./checks.sh

wait_counter connected 0 && pass final_destroy_disconnects ||
	fail final_destroy_disconnects "still connected"
expect_read after_destroy_read_enodev "No such device"
expect_stat connects_counted connects 2
expect_stat disconnects_counted disconnects 2
leftover=$(xl list | awk 'NR > 2 { print $1 "/" $2 }')
[ -z "$leftover" ] && pass no_domain_left || fail no_domain_left "$leftover"
if rmmod erika_xen; then pass rmmod; else fail rmmod "rmmod failed"; fi
[ ! -e /proc/sys/erika-xen ] && pass sysctl_removed || fail sysctl_removed "still there"
check_dmesg dmesg_clean
echo "dom0 kernel log since insmod:"
new_dmesg | sed 's/^/  /'
